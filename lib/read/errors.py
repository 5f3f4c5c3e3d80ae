"""What a reader refuses, in the user's two languages: ReadError and the limits it enforces."""
from __future__ import annotations

import logging

MAX_BYTES = 20 * 1024 * 1024
# A real report's document.xml is a few MB; anything beyond these is a zip bomb or not a report.
MAX_DOCX_PART = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200

# pdfminer logs a warning per glyph for fonts without a FontBBox (Chromium's PDFs, for one);
# that floods the app's log without telling the user anything.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

_MB = MAX_BYTES // (1024 * 1024)
_MESSAGES = {
    "empty": ("无法读取该文件：文件为空", "Cannot read the file: it is empty"),
    "too_large": (
        f"无法读取该文件：文件超过 {_MB} MB 上限",
        f"Cannot read the file: it is larger than the {_MB} MB limit",
    ),
    "unsupported": (
        "无法读取该文件：不支持的文件类型，请上传 .txt、.docx、.pdf、.html 或 Excel（.xlsx、.xls、.csv）文件",
        "Cannot read the file: unsupported file type; please upload a .txt, .docx, .pdf, .html or spreadsheet "
        "(.xlsx, .xls, .csv) file",
    ),
    "encoding": (
        "无法读取该文件：无法识别文字编码，请另存为 UTF-8 文本后重试",
        "Cannot read the file: the text encoding is not recognised; save it as UTF-8 text and try again",
    ),
    "docx_corrupt": (
        "无法读取该文件：Word 文档已损坏或不完整，请用 Word 重新保存为 .docx",
        "Cannot read the file: the Word document is damaged or incomplete; re-save it as .docx in Word",
    ),
    "pdf_corrupt": (
        "无法读取该文件：PDF 已损坏或不完整",
        "Cannot read the file: the PDF is damaged or incomplete",
    ),
    "pdf_encrypted": (
        "无法读取该文件：PDF 设有打开密码，请先解除密码保护",
        "Cannot read the file: the PDF is password-protected; remove the password first",
    ),
    "pdf_no_text": (
        "无法读取该文件：扫描版 PDF 没有文字层，暂不支持 OCR",
        "Cannot read the file: this scanned PDF has no text layer, and OCR is not supported",
    ),
    "sheet_corrupt": (
        "无法读取该文件：Excel 表格已损坏或不完整，请用 Excel 或 WPS 重新保存",
        "Cannot read the file: the spreadsheet is damaged or incomplete; re-save it in Excel or WPS",
    ),
    "html_corrupt": (
        "无法读取该文件：网页结构异常，无法提取正文",
        "Cannot read the file: the web page is malformed and its text cannot be extracted",
    ),
}


class ReadError(Exception):
    """A file we cannot read; .code is a stable id, .zh and .en are one-line messages for the user."""

    def __init__(self, code: str, zh: str | None = None, en: str | None = None):
        default_zh, default_en = _MESSAGES.get(code, _MESSAGES["unsupported"])
        self.code = code
        self.zh = zh or default_zh
        self.en = en or default_en
        super().__init__(code, self.zh, self.en)

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"
