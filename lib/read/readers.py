"""Turn an uploaded report file (.txt, .docx, .pdf, .html) into plain text with deterministic offsets."""

from __future__ import annotations

import codecs
import html as html_lib
import io
import logging
import re
import statistics
import unicodedata
import zipfile
import zlib
from pathlib import Path

from . import pdftables
from .tables import column_roles
from .tables import render as render_rows
from .unwrap import glue, unwrap

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
        "无法读取该文件：不支持的文件类型，请上传 .txt、.docx、.pdf 或 .html 文件",
        "Cannot read the file: unsupported file type; please upload a .txt, .docx, .pdf or .html file",
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


# ---------------------------------------------------------------------------
# Entry points


def read_file(path) -> str:
    """Read a file from disk; see read_bytes."""
    p = Path(path)
    # Refuse before loading a huge file into memory.
    if p.stat().st_size > MAX_BYTES:
        raise ReadError("too_large")
    return read_bytes(p.read_bytes(), p.name)


def read_bytes(data: bytes, filename: str = "") -> str:
    """Plain text of an uploaded file, or ReadError; filename is only a hint for damaged files."""
    data = bytes(data)
    if not data:
        raise ReadError("empty")
    if len(data) > MAX_BYTES:
        raise ReadError("too_large")
    kind = sniff(data, filename)
    reader, corrupt = {
        "txt": (_read_txt, "encoding"),
        "docx": (_read_docx, "docx_corrupt"),
        "pdf": (_read_pdf_isolated, "pdf_corrupt"),
        "html": (_read_html, "html_corrupt"),
    }[kind]
    try:
        text = reader(data)
    except ReadError:
        raise
    except MemoryError as exc:
        raise ReadError("too_large") from exc
    except Exception as exc:  # noqa: BLE001 - any library failure on bad input is the file's fault
        raise ReadError(corrupt) from exc
    text = normalize_text(text)
    if not text.strip():
        raise ReadError(
            "empty",
            "无法读取该文件：文件中没有可读的文字",
            "Cannot read the file: it contains no readable text",
        )
    return text


# U+2028/2029, VT, FF, FS/GS/RS and NEL are line breaks to str.splitlines(); mapping them to
# "\n" keeps text.split("\n") and text.splitlines() in agreement, so offsets stay stable.
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


# Invisible format characters: zero-width space/joiners, LRM/RLM/ALM, bidi embeddings and isolates, word
# joiner, invisible operators, soft hyphen, BOM. No reader sees them, but inside a word or a number they
# split it for the parser ("整\u200b改结果", "6\u200b88万元" read as 88 万元), so they go.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00]")
# A lone surrogate cannot be encoded as UTF-8 (the library stores, hashes and exports UTF-8).
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """Universal newlines, no BOM/NUL/invisible format characters, lone surrogates replaced (U+FFFD),
    radicals mapped one-to-one to unified ideographs."""
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return fix_radicals(text)


# ---------------------------------------------------------------------------
# Sniffing

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Signatures that plain text cannot start with; other binary files fail the control-byte test.
_BINARY_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"\x1f\x8b",  # gzip
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x7fELF",
    b"\x00\x00\x01\x00",  # ICO
)
_HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|br|h[1-6]|table|span|section|article"
    r"|font|center|ul|ol|style|script|link)\b",
    re.I | re.S,
)
_HTML_NEAR_START = re.compile(r"<(?:html|body)\b|<!doctype\s+html", re.I)


def _ext(filename: str) -> str:
    name = re.split(r"[\\/]", filename or "")[-1]
    return Path(name).suffix.lower()


def sniff(data: bytes, filename: str) -> str:
    """Decide the format from the content; the extension only breaks ties for damaged files."""
    ext = _ext(filename)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(data, ext)
    if data.startswith(_OLE):
        raise ReadError(
            "unsupported",
            "无法读取该文件：这是旧版 Word（.doc）等 Office 二进制文件，请用 Word 另存为 .docx 后上传",
            "Cannot read the file: this is a legacy Word (.doc) / Office binary file; "
            "save it as .docx in Word and upload again",
        )
    if data.startswith(b"{\\rtf"):
        raise ReadError(
            "unsupported",
            "无法读取该文件：不支持 RTF 格式，请用 Word 另存为 .docx 后上传",
            "Cannot read the file: RTF is not supported; save it as .docx in Word and upload again",
        )
    if data.startswith(_BINARY_MAGIC):
        raise ReadError("unsupported")
    wide = _wide_encoding(data)
    if wide is None and _looks_binary(data):
        # Junk that claims to be a docx/pdf is most usefully reported as a damaged file of that kind.
        if ext == ".docx":
            return "docx"
        if ext == ".pdf":
            return "pdf"
        raise ReadError("unsupported")
    head_bytes = data[:8192]
    if wide:
        head = head_bytes[: len(head_bytes) // 4 * 4].decode(wide, errors="replace")
    else:
        head = head_bytes.decode("latin-1")
    head = head.lstrip("\ufeff\u00ef\u00bb\u00bf")
    if _HTML_START.match(head) or _HTML_NEAR_START.search(head[:1024]):
        return "html"
    if ext in _HTML_EXTS and re.search(r"<[A-Za-z!/]", head):
        return "html"
    return "txt"


def _sniff_zip(data: bytes, ext: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:  # noqa: BLE001 - any failure here means a broken archive
        # Local file headers still name the parts of a truncated archive.
        if ext == ".docx" or b"word/" in data[:65536]:
            return "docx"
        raise ReadError("unsupported") from None
    if "word/document.xml" in names or ext == ".docx":
        return "docx"
    raise ReadError("unsupported")


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    # NULs alone do not make a binary file: editors that crash leave blocks of them in text.
    # Binary formats are full of the other control bytes as well.
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))   # counted in C, not byte by byte
    return ctrl > max(2, len(sample) // 100)


_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13)) + b"\x7f"


# ---------------------------------------------------------------------------
# Plain text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _plausible_ratio(text: str) -> float:
    """Share of characters that belong in a Chinese or English document."""
    text = text[:100000]  # a sample is enough, and this loop is pure Python
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            32 <= o < 127
            or ch in "\t\n\r"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3400 <= o <= 0x4DBF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or ch in "·×÷°±§"
        ):
            good += 1
    return good / len(text)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 by BOM, or BOM-less UTF-16 recognised by where the NUL bytes sit."""
    bom = _bom_encoding(data)
    if bom in ("utf-16", "utf-32"):
        return bom
    if bom:
        return None
    sample = data[:8192]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    if even + odd < 0.1 * len(sample):
        # A few stray NULs in otherwise valid UTF-8 do not make a UTF-16 file (ASCII read as
        # UTF-16 would pass for CJK).
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            return None
        except UnicodeDecodeError:
            pass
    # In UTF-16 the NULs sit on one side of each pair: the high byte of ASCII, or the low
    # byte of ideographs such as 一 (U+4E00); which side depends on the mix, so try both.
    lopsided = max(even, odd) > 4 * min(even, odd) and max(even, odd) >= pairs * 0.01
    # Pure Chinese UTF-16 may have no NULs at all but looks like control-byte noise.
    candidates = ["utf-16-le", "utf-16-be"] if lopsided or (not even and not odd and _looks_binary(data)) else []
    best, best_score = None, 0.9
    for enc in candidates:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            # The sample may end inside a surrogate pair.
            try:
                text = sample[:-2].decode(enc)
            except UnicodeDecodeError:
                continue
        score = _plausible_ratio(text)
        if score > best_score:
            best, best_score = enc, score
    return best


def _gb_plausible(text: str) -> bool:
    """GB18030 accepts almost any byte pairs (Big5 too); real GB text sticks to common hanzi."""
    hanzi = [c for c in text[:20000] if 0x4E00 <= ord(c) <= 0x9FFF]
    if len(hanzi) < 20:
        return True
    common = 0
    for c in hanzi:
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        # GB2312 level-1 hanzi (the 3755 most frequent) have lead bytes B0..D7.
        if 0xB0 <= b[0] <= 0xD7:
            common += 1
    return common / len(hanzi) >= 0.75


def _lossy(data: bytes, encoding: str) -> str | None:
    """Decode with replacement characters, if they stay under 1% of the text."""
    text = data.decode(encoding, errors="replace")
    return text if text.count("\ufffd") < 0.01 * max(len(text), 1) else None


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding; raise ReadError('encoding') when nothing fits."""
    bom = _bom_encoding(data)
    wide = _wide_encoding(data)
    wide_candidates = [e for e in dict.fromkeys((bom, wide)) if e]
    for encoding in wide_candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    gb_fallback = None
    if not wide:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("gb18030")
            if _gb_plausible(text):
                return text
            gb_fallback = text
        except UnicodeDecodeError:
            pass
    # Damaged files: a few bad bytes in an otherwise clean text. UTF-8 goes before GB18030
    # because GB18030 turns nearly any byte pairs (UTF-8 included) into some character.
    for encoding in wide_candidates:
        # A UTF-16/32 file cut at an odd length still decodes with one replacement at the end.
        text = _lossy(data, encoding)
        if text is not None:
            return text
    if wide:
        raise ReadError("encoding")
    text = _lossy(data, "utf-8")
    if text is not None:
        return text
    text = _lossy(data, "gb18030")
    if text is not None and _gb_plausible(text):
        return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - the detector is a best effort
        best = None
    if best is not None and best.encoding:
        text = str(best)
        if _plausible_ratio(text) >= 0.9:
            return text
    if gb_fallback is not None:
        return gb_fallback  # valid GB18030 with many rare characters beats refusing the file
    raise ReadError("encoding")


def _read_txt(data: bytes) -> str:
    # text saved out of a PDF keeps the page's line breaks; the layout the parser reads is one paragraph a line
    return _tab_tables(unwrap(decode_text(data)))


_CELL_SEP = re.compile(r"[\t｜|]")


def _tab_tables(text: str) -> str:
    """A ledger table pasted from a web page or a spreadsheet (cells separated by tabs or bars) → item lines;
    an item's own row of fields (责任单位｜整改时限｜整改状态) → labelled lines."""
    if not _CELL_SEP.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(_CELL_SEP.findall(lines[j])) >= 2:
            j += 1
        if j - i >= 2:
            rows = [[c.strip() for c in _CELL_SEP.split(line)] for line in lines[i:j]]
            ledger_lines = render_rows(rows, fields=True)
            if ledger_lines is not None:
                out.extend(ledger_lines)
                i = j
                continue
        out.extend(lines[i:max(j, i + 1)])
        i = max(j, i + 1)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Radicals: PDF fonts often map ideograph glyphs back to radical code points


# CJK Radicals Supplement entries that stand for one unified ideograph; NFKC maps only two of them.
_RADICAL_SUPPLEMENT = {
    "\u2e81": "厂", "\u2e85": "亻", "\u2e86": "冂", "\u2e87": "几", "\u2e89": "刂",
    "\u2e8a": "卜", "\u2e8b": "㔾", "\u2e8c": "小", "\u2e8d": "小", "\u2e8e": "兀",
    "\u2e8f": "尣", "\u2e90": "尢", "\u2e92": "巳", "\u2e93": "幺", "\u2e94": "彑",
    "\u2e96": "忄", "\u2e97": "㣺", "\u2e98": "扌", "\u2e99": "攵", "\u2e9b": "旡",
    "\u2e9c": "日", "\u2e9d": "月", "\u2e9e": "歺", "\u2e9f": "母", "\u2ea0": "民",
    "\u2ea1": "氵", "\u2ea2": "氺", "\u2ea3": "灬", "\u2ea4": "爫", "\u2ea6": "丬",
    "\u2ea8": "犭", "\u2ea9": "王", "\u2eab": "罒", "\u2eac": "示", "\u2ead": "礻",
    "\u2eae": "竹", "\u2eaf": "糸", "\u2eb0": "纟", "\u2eb2": "罒", "\u2eb6": "羊",
    "\u2eb7": "羊", "\u2eb9": "耂", "\u2eba": "肀", "\u2ebb": "聿", "\u2ebc": "月",
    "\u2ebd": "臼", "\u2ebe": "艹", "\u2ebf": "艹", "\u2ec0": "艹", "\u2ec1": "虎",
    "\u2ec2": "衤", "\u2ec3": "覀", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角",
    "\u2ec7": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车",
    "\u2ecc": "辶", "\u2ecd": "辶", "\u2ece": "辶", "\u2ecf": "阝", "\u2ed0": "钅",
    "\u2ed1": "長", "\u2ed2": "镸", "\u2ed3": "长", "\u2ed4": "门", "\u2ed6": "阝",
    "\u2ed7": "雨", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风",
    "\u2edc": "飞", "\u2edd": "食", "\u2edf": "飠", "\u2ee0": "饣", "\u2ee1": "首",
    "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟",
    "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉",
    "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙",
    "\u2ef1": "龜", "\u2ef2": "亀", "\u2ef3": "龟",
}


def _build_radical_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _RADICAL_SUPPLEMENT.items()}
    ranges = (
        (0x2F00, 0x2FD5),  # Kangxi radicals
        (0xF900, 0xFAFF),  # CJK compatibility ideographs
        (0x2F800, 0x2FA1F),
    )
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            mapped = unicodedata.normalize("NFKC", chr(cp))
            # Only one-to-one mappings, so offsets into the text do not shift.
            if len(mapped) == 1 and mapped != chr(cp):
                table[cp] = mapped
    return table


_RADICALS = _build_radical_table()
_RADICAL_RE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\U0002f800-\U0002fa1f]")


def fix_radicals(text: str) -> str:
    """Map Kangxi / supplement radicals and compatibility ideographs to unified ideographs."""
    if not _RADICAL_RE.search(text):
        return text
    return text.translate(_RADICALS)


# ---------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_W_P, _W_TBL, _W_TR, _W_TC, _W_R, _W_T = (_W + t for t in ("p", "tbl", "tr", "tc", "r", "t"))
# Subtrees whose text is not part of the visible paragraph: properties, deletions, field codes,
# drawings/text boxes (whose text Word also duplicates inside mc:Fallback).
_DOCX_SKIP = {
    _W + t
    for t in (
        "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "delInstrText",
        "drawing", "pict", "object", "footnoteReference", "endnoteReference",
        "commentReference", "fldData",
    )
} | {_MC_FALLBACK}
_DOCX_CONTAINERS = {_W + t for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")}


def _read_docx(data: bytes) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as exc:  # noqa: BLE001
        raise ReadError("docx_corrupt") from exc
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ReadError(
            "docx_corrupt",
            "无法读取该文件：这不是有效的 Word 文档（缺少正文部分）",
            "Cannot read the file: not a valid Word document (the main document part is missing)",
        )
    total = sum(info.file_size for info in infos)
    for info in infos:
        # Declared sizes are enforced by zipfile while inflating, so checking them is enough;
        # python-docx loads every part into memory, hence the cap on the total too.
        bomb = (
            info.file_size > MAX_DOCX_PART
            or total > 2 * MAX_DOCX_PART
            or (info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1))
        )
        if bomb:
            raise ReadError(
                "too_large",
                f"无法读取该文件：Word 文档解压后过大（超过 {MAX_DOCX_PART // 2**20} MB 或压缩比异常）",
                f"Cannot read the file: the Word document expands to too much data "
                f"(over {MAX_DOCX_PART // 2**20} MB or an abnormal compression ratio)",
            )
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _DocxWalker(document).lines()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ReadError("docx_corrupt") from exc
    return "\n".join(lines)


def _wval(el, name: str = "val"):
    return None if el is None else el.get(_W + name)


def _on(el) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and _wval(el) not in ("0", "false", "off")


class _DocxWalker:
    def __init__(self, document):
        self.numbering = _Numbering(document)
        self.out: list[str] = []
        self.body = document.element.body

    def lines(self) -> list[str]:
        self._walk(self.body)
        return self.out

    def _walk(self, container) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W_P:
                self._paragraph(child)
            elif tag == _W_TBL:
                self._table(child)
            elif tag in _DOCX_CONTAINERS:
                self._walk(child)

    def _table(self, tbl) -> None:
        rows: list[list[list[str]]] = []   # rows → cells → the cell's lines
        filled: list[list[str]] = []       # the same, merged cells repeated in every row they cover
        above: dict[int, str] = {}         # grid column → the text of the merged cell that covers it
        for tr in tbl.iterchildren(_W_TR):
            row: list[list[str]] = []
            full: list[str] = []
            col = 0
            for tc in self._cells(tr):
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                try:
                    width = max(1, min(64, int(_wval(span) or 1))) if span is not None else 1
                except ValueError:
                    width = 1
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                # A vertically merged cell repeats in each row; only the "restart" one holds text.
                if vmerge is not None and _wval(vmerge) in (None, "continue"):
                    row.append([])
                    full.append(above.get(col, ""))
                    col += width
                    continue
                outer, self.out = self.out, []
                self._walk(tc)
                row.append(self.out)
                self.out = outer
                text = "\n".join(x for x in row[-1] if x.strip())
                full.append(text)
                above[col] = text
                col += width
            rows.append(row)
            filled.append(full)
        # A ledger table (序号 | 反馈问题 | 整改措施 | 完成情况), or items laid out as label | content rows,
        # becomes the lines a report would print.
        ledger_lines = render_rows(filled)
        if ledger_lines is not None:
            self.out.extend(ledger_lines)
            return
        for row in rows:
            for cell in row:
                self.out.extend(cell)

    def _cells(self, tr):
        for child in tr.iterchildren():
            if child.tag == _W_TC:
                yield child
            elif child.tag in _DOCX_CONTAINERS:
                yield from self._cells(child)

    def _paragraph(self, p) -> None:
        prefix = self.numbering.prefix(p)
        text = prefix + _paragraph_text(p)
        self.out.extend(text.split("\n"))


def _paragraph_text(p) -> str:
    parts: list[str] = []
    stack = list(reversed(list(p.iterchildren())))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == _W_R:
            rpr = el.find(_W + "rPr")
            if rpr is not None and _on(rpr.find(_W + "vanish")):
                continue  # hidden text
        if tag == _W_T:
            parts.append(el.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        else:
            stack.extend(reversed(list(el.iterchildren())))
    return "".join(parts)


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _chinese_number(n: int, digits: str = _CN_DIGITS, units: str = "十百千万", zero: str = "〇") -> str:
    if n <= 0 or n >= 100000:
        return str(n)
    s = str(n)
    out = []
    pending_zero = False
    for i, d in enumerate(s):
        pos = len(s) - 1 - i
        if d == "0":
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[int(d)] + (units[pos - 1] if pos else ""))
    text = "".join(out)
    if 10 <= n < 20 and text.startswith(digits[1]):
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0 or n > _MAX_COUNTER:
        return str(n)
    # Word repeats the letter: A..Z, AA..ZZ, AAA...
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter n in a Word w:numFmt."""
    if fmt in ("chineseCounting", "taiwaneseCounting", "japaneseCounting"):
        return _chinese_number(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand"):
        return _chinese_number(n, zero="零")
    if fmt == "chineseLegalSimplified":
        return _chinese_number(n, digits=_CN_LEGAL, units="拾佰仟万", zero="零")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",):
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# Word's own limits: a level text of at most 255 characters, start values up to 32767. Beyond them a
# numbering part is hostile: upperLetter from 10**9 repeats one letter 38 million times on every paragraph.
_MAX_LVL_TEXT = 255
_MAX_COUNTER = 32767


def _counter(value: str | None, default):
    if value and value.lstrip("-").isdigit() and len(value) <= 7 and abs(int(value)) <= _MAX_COUNTER:
        return int(value)
    return default


class _Level:
    __slots__ = ("fmt", "text", "start", "restart", "legal", "suffix")

    def __init__(self, lvl):
        self.fmt = _wval(lvl.find(_W + "numFmt")) or "decimal"
        lvl_text = lvl.find(_W + "lvlText")
        self.text = _wval(lvl_text) if lvl_text is not None else None
        if self.text is not None and len(self.text) > _MAX_LVL_TEXT:
            self.text = None   # not a list label: "%1" ten thousand times would repeat on every paragraph
        self.start = _counter(_wval(lvl.find(_W + "start")), 1)
        restart = _wval(lvl.find(_W + "lvlRestart"))
        self.restart = int(restart) if restart and restart.isdigit() else None
        self.legal = _on(lvl.find(_W + "isLgl"))
        self.suffix = _wval(lvl.find(_W + "suff")) or "tab"


class _Numbering:
    """Word auto-numbering: the numbers live in numbering.xml, not in the run text."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.num_abstract: dict[str, str] = {}
        self.num_overrides: dict[str, dict[int, tuple[int | None, _Level | None]]] = {}
        self.style_numpr: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.default_style: str | None = None
        self.counters: dict[tuple, list[int | None]] = {}
        self.active = False
        try:
            self._load(document)
        except Exception:  # noqa: BLE001 - a broken numbering part loses numbers, not the text
            self.active = False

    def _load(self, document) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = document.part
        try:
            numbering = part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return
        links: dict[str, str] = {}
        for absn in numbering.iterchildren(_W + "abstractNum"):
            aid = _wval(absn, "abstractNumId")
            self.abstract[aid] = {
                int(_wval(lvl, "ilvl") or 0): _Level(lvl) for lvl in absn.iterchildren(_W + "lvl")
            }
            link = _wval(absn.find(_W + "numStyleLink"))
            if link:
                links[aid] = link
        for num in numbering.iterchildren(_W + "num"):
            nid = _wval(num, "numId")
            self.num_abstract[nid] = _wval(num.find(_W + "abstractNumId"))
            overrides = {}
            for ov in num.iterchildren(_W + "lvlOverride"):
                ilvl = int(_wval(ov, "ilvl") or 0)
                start = _wval(ov.find(_W + "startOverride"))
                lvl = ov.find(_W + "lvl")
                overrides[ilvl] = (
                    _counter(start, None),
                    _Level(lvl) if lvl is not None else None,
                )
            self.num_overrides[nid] = overrides
        styles = part.styles.element
        for style in styles.iterchildren(_W + "style"):
            sid = _wval(style, "styleId")
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            based = _wval(style.find(_W + "basedOn"))
            self.style_numpr[sid] = (
                _wval(numpr.find(_W + "numId")) if numpr is not None else None,
                _wval(numpr.find(_W + "ilvl")) if numpr is not None else None,
                based,
            )
            if _wval(style, "type") == "paragraph" and _wval(style, "default") in ("1", "true", "on"):
                self.default_style = sid
        # A numbering style (numStyleLink) borrows the levels of the list its style points to.
        for aid, link in links.items():
            if not self.abstract.get(aid):
                nid = self.style_numpr.get(link, (None, None, None))[0]
                target = self.num_abstract.get(nid)
                if target in self.abstract:
                    self.abstract[aid] = self.abstract[target]
        self.active = bool(self.num_abstract)

    def _style_numpr(self, sid: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            s_num, s_ilvl, based = self.style_numpr.get(sid, (None, None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
            if num_id is not None and ilvl is not None:
                break
            sid = based
        return num_id, ilvl

    def prefix(self, p) -> str:
        if not self.active:
            return ""
        ppr = p.find(_W + "pPr")
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = _wval(numpr.find(_W + "numId")) if numpr is not None else None
        ilvl = _wval(numpr.find(_W + "ilvl")) if numpr is not None else None
        if num_id is None or ilvl is None:
            style = _wval(ppr.find(_W + "pStyle")) if ppr is not None else None
            s_num, s_ilvl = self._style_numpr(style or self.default_style)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        if num_id is None or num_id == "0" or num_id not in self.num_abstract:
            return ""
        level = int(ilvl) if ilvl and ilvl.isdigit() and len(ilvl) <= 2 else 0
        if level > 9:
            return ""   # Word has levels 0-8; the counters below hold ten
        levels = dict(self.abstract.get(self.num_abstract[num_id], {}))
        overrides = self.num_overrides.get(num_id, {})
        starts = {}
        for i, (start, lvl) in overrides.items():
            if lvl is not None:
                levels[i] = lvl
            if start is not None:
                starts[i] = start
        if level not in levels:
            return ""
        # Word continues one sequence across w:num entries of the same abstract list unless a
        # w:num restarts it with startOverride, so counters belong to the abstract list by default.
        key = ("num", num_id) if starts else ("abs", self.num_abstract[num_id])
        counters = self.counters.setdefault(key, [None] * 10)

        def start_of(i: int) -> int:
            return starts.get(i, levels[i].start if i in levels else 1)

        counters[level] = start_of(level) if counters[level] is None else counters[level] + 1
        for deeper in range(level + 1, 10):
            lvl = levels.get(deeper)
            restart = lvl.restart if lvl is not None else None
            if restart is None or level < restart:
                counters[deeper] = None
        cur = levels[level]
        if cur.fmt == "bullet" or cur.text is None:
            # A bullet glyph (often a private-use Symbol-font code point) carries no information.
            return ""

        def render(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            value = counters[i] if counters[i] is not None else start_of(i)
            fmt = "decimal" if cur.legal and i < level else (levels[i].fmt if i in levels else "decimal")
            return format_number(value, fmt)

        label = re.sub(r"%([1-9])", render, cur.text)
        if not label:
            return ""
        if cur.suffix == "nothing":
            sep = ""
        elif cur.suffix == "space":
            sep = " "
        else:
            # Word shows a tab; after punctuation or an enclosed number ("1." "（一）" "①") the
            # text is written without a gap, which is how these reports are typed by hand.
            category = unicodedata.category(label[-1])
            sep = "" if category[0] in "PS" or category == "No" else " "
        return label + sep


# ---------------------------------------------------------------------------
# PDF

# A line ending in these (optionally followed by closing quotes/brackets) ends a sentence.
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)》〉】\"']*$")
_OPENERS = "“‘「『（(《〈【[\"'"
_ASCII_WORD = re.compile(r"[!-~]")
# Characters a line may not start with, so they travel down with the word before them.
_NO_LINE_START = set("。，、；：！？）》」』”’〕】…—%")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－―~\s]*\d{1,4}[-–—－―~\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.I,
)


class _Line:
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "lead_w", "fixed")

    @classmethod
    def fixed_line(cls, text: str, x0: float, top: float, size: float) -> "_Line":
        """A line made from a table's cells: a paragraph of its own, never joined to its neighbours."""
        line = cls.__new__(cls)
        line.text, line.x0, line.x1, line.top, line.bottom = text, x0, x0 + size, top, top + size
        line.size, line.lead_w, line.fixed = size, size, True
        return line

    def __init__(self, raw: dict):
        self.fixed = False
        # Radicals first, so that folios such as "第 3 ⻚" are recognised.
        self.text = fix_radicals(raw["text"])
        self.x0 = float(raw["x0"])
        self.x1 = float(raw["x1"])
        self.top = float(raw["top"])
        self.bottom = float(raw["bottom"])
        chars = [c for c in raw.get("chars", []) if c.get("text", "").strip()]
        sizes = [float(c.get("size") or 0) for c in chars if c.get("size")]
        self.size = statistics.median(sizes) if sizes else max(self.bottom - self.top, 1.0)
        self.lead_w = _lead_width(chars, self.size)


def _lead_width(chars: list[dict], size: float) -> float:
    """Width of what the layout could not break off the start of this line."""
    if not chars:
        return size
    n = 1
    if _ASCII_WORD.match(chars[0]["text"]):
        while n < len(chars) and _ASCII_WORD.match(chars[n]["text"]):
            n += 1
    elif chars[0]["text"] in _OPENERS and len(chars) > 1:
        n = 2  # an opening quote cannot end the line above, so it came down with its word
    # Closing punctuation cannot start a line, so it travelled down with the word before it.
    while n < len(chars) and chars[n]["text"] in _NO_LINE_START:
        n += 1
    return float(chars[n - 1]["x1"]) - float(chars[0]["x0"])


# PDF bombs: a few KB of Flate-compressed content can inflate to hundreds of MB of text operators, which
# pdfminer turns into millions of objects (8 MB of "(A) Tj" took 50 s and 2.9 GB). A real page runs tens of
# KB of content (the seed's Chromium pages: 25-35 KB); these budgets leave a wide margin.
MAX_PDF_PAGES = 2000
MAX_PDF_PAGE_CONTENT = 1024 * 1024      # decoded content a page runs, Form XObjects counted per use
MAX_PDF_CONTENT = 8 * 1024 * 1024       # ... and the whole document
_PDF_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")


def _pdf_too_large(zh: str, en: str) -> ReadError:
    return ReadError("too_large", f"无法读取该文件：{zh}", f"Cannot read the file: {en}")


def _inflate(data: bytes, cap: int) -> bytes | None:
    """zlib data inflated, or None past cap bytes; a damaged stream keeps what inflated before the damage
    (as pdfminer does), so it is fed in small steps."""
    d = zlib.decompressobj()
    out = bytearray()
    step = 256
    try:
        for pos in range(0, len(data), step):
            out += d.decompress(data[pos:pos + step], cap + 1 - len(out))
            while d.unconsumed_tail and len(out) <= cap:
                out += d.decompress(d.unconsumed_tail, cap + 1 - len(out))
            if len(out) > cap:
                return None
            if d.eof:
                break
    except zlib.error:
        pass
    return bytes(out)


def _runlength_size(data: bytes) -> int:
    n = i = 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        if length < 128:
            n += length + 1
            i += length + 2
        else:
            n += 257 - length
            i += 2
    return n


def _pdf_stream_data(stream, cap: int) -> bytes | None:
    """A content stream decoded as pdfminer will decode it, or None when that is more than cap bytes."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.lzw import LZWDecoder
    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
        LITERALS_LZW_DECODE,
        LITERALS_RUNLENGTH_DECODE,
    )
    from pdfminer.runlength import rldecode

    if stream.data is not None:
        return stream.data if len(stream.data) <= cap else None
    data = stream.rawdata or b""
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for f, _params in stream.get_filters():
        if f in LITERALS_FLATE_DECODE:
            data = _inflate(data, cap)
            if data is None:
                return None
        elif f in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
        elif f in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        elif f in LITERALS_LZW_DECODE:
            out = bytearray()
            for chunk in LZWDecoder(io.BytesIO(data)).run():
                out += chunk
                if len(out) > cap:
                    return None
            data = bytes(out)
        elif f in LITERALS_RUNLENGTH_DECODE:
            if _runlength_size(data) > cap:
                return None
            data = rldecode(data)
        else:
            break   # image codecs: data pdfminer does not interpret
    return data if len(data) <= cap else None


def _pdf_page_content(page_obj, cap: int) -> int:
    """Bytes of content pdfminer will interpret for this page (> cap: stopped counting)."""
    from pdfminer.pdftypes import PDFStream, dict_value, resolve1
    from pdfminer.psparser import LIT

    form = LIT("Form")
    memo: dict = {}

    def name_of(raw: bytes) -> str:
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")

    def cost(streams, resources, stack: frozenset) -> int:
        total = 0
        xobjects = None
        for s in streams:
            s = resolve1(s)
            if not isinstance(s, PDFStream):
                continue
            data = _pdf_stream_data(s, cap - total)
            if data is None:
                return cap + 1
            total += len(data)
            for raw in _PDF_DO.findall(data):
                if xobjects is None:
                    xobjects = dict_value(resolve1((resources or {}).get("XObject")))
                x = resolve1(xobjects.get(name_of(raw)))
                if not isinstance(x, PDFStream) or resolve1(x.get("Subtype")) is not form:
                    continue
                key = x.objid if x.objid is not None else id(x)
                if key in stack:
                    return cap + 1   # a form that draws itself
                if key not in memo:
                    own = resolve1(x.get("Resources"))
                    memo[key] = cost([x], dict_value(own) if own else resources, stack | {key})
                total += memo[key]
                if total > cap:
                    return cap + 1
        return total

    return cost(page_obj.contents, dict_value(resolve1(page_obj.resources)), frozenset())


def _pdf_page_count(pdf) -> int | None:
    from pdfminer.pdftypes import dict_value, resolve1

    try:
        count = resolve1(dict_value(resolve1(pdf.doc.catalog.get("Pages"))).get("Count"))
    except Exception:  # noqa: BLE001 - a damaged page tree is pdfminer's to report
        return None
    return count if isinstance(count, int) else None


PDF_SECONDS = 30                  # a damaged PDF can keep pdfminer's object parser busy for minutes
PDF_MEMORY_BYTES = 1536 * 2**20   # and a hostile one can take gigabytes


def _read_pdf_isolated(data: bytes) -> str:
    """The PDF reader in a child process with a time and a memory limit: when a file would hang or swamp
    pdfminer, the child is killed and the user gets a message, while the app and its other users go on."""
    import json
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    cmd = [sys.executable, "-c", f"from lib.read.readers import _pdf_child; _pdf_child({int(PDF_MEMORY_BYTES)})"]
    try:
        done = subprocess.run(cmd, input=data, capture_output=True, timeout=PDF_SECONDS, cwd=root)
    except subprocess.TimeoutExpired:
        raise ReadError("pdf_corrupt", f"无法读取该文件：PDF 已损坏或过于复杂，{PDF_SECONDS} 秒内未能读出文字",
                        f"Cannot read the file: the PDF is damaged or too complex; no text after {PDF_SECONDS} s") from None
    head, _, body = done.stdout.partition(b"\n")
    try:
        status = json.loads(head or b"{}")
    except ValueError:
        status = {}
    if done.returncode != 0 or not status:
        # killed by the memory limit (MemoryError, or the kernel) or crashed: the file's fault
        raise ReadError("too_large", "无法读取该文件：PDF 解析所需内存超出限制（疑似压缩炸弹或已损坏）",
                        "Cannot read the file: reading the PDF needs more memory than allowed (a compression "
                        "bomb, or damaged)")
    if "code" in status:
        raise ReadError(status["code"], status.get("zh"), status.get("en"))
    return body.decode("utf-8")


def _pdf_child(memory_bytes: int = PDF_MEMORY_BYTES) -> None:
    """Entry of the child process: PDF bytes on stdin → a JSON status line, then the text, on stdout."""
    import json
    import resource
    import sys

    import pdfplumber  # noqa: F401  (loaded before the limit, so the limit governs reading the file)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    data = sys.stdin.buffer.read()
    out = sys.stdout.buffer
    try:
        text = _read_pdf(data)
    except ReadError as e:
        out.write(json.dumps({"code": e.code, "zh": e.zh, "en": e.en}).encode() + b"\n")
        return
    except MemoryError:
        out.write(json.dumps({"code": "too_large"}).encode() + b"\n")
        return
    except Exception:  # noqa: BLE001 - a library failure on a bad file
        out.write(json.dumps({"code": "pdf_corrupt"}).encode() + b"\n")
        return
    out.write(b'{"ok": true}\n' + text.encode("utf-8", "replace"))


def _read_pdf(data: bytes) -> str:
    # Without an end-of-file marker the file was cut short; pdfminer would quietly return a part.
    if b"%%EOF" not in data:
        raise ReadError(
            "pdf_corrupt",
            "无法读取该文件：PDF 不完整（文件被截断）",
            "Cannot read the file: the PDF is incomplete (the file was cut short)",
        )
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError

    def encrypted(exc: BaseException | None) -> bool:
        seen = 0
        while exc is not None and seen < 10:
            if isinstance(exc, PDFEncryptionError):
                return True
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
            exc = inner or exc.__cause__ or exc.__context__
            seen += 1
        return False

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            too_many = _pdf_too_large(f"PDF 页数过多（超过 {MAX_PDF_PAGES} 页）",
                                      f"the PDF has too many pages (over {MAX_PDF_PAGES})")
            count = _pdf_page_count(pdf)
            if count is not None and count > MAX_PDF_PAGES:
                raise too_many
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise too_many
            pages = []
            ruled: list[pdftables.PageTable] = []
            budget = MAX_PDF_CONTENT
            for number, page in enumerate(pdf.pages):
                size = _pdf_page_content(page.page_obj, min(MAX_PDF_PAGE_CONTENT, budget))
                if size > min(MAX_PDF_PAGE_CONTENT, budget):
                    raise _pdf_too_large("PDF 页面内容解压后过大（疑似压缩炸弹）",
                                         "the PDF's page content expands to too much data (a decompression bomb?)")
                budget -= size
                raw = page.extract_text_lines(return_chars=True, strip=True)
                pages.append((float(page.width), [_Line(r) for r in raw if r["text"].strip()]))
                ruled += pdftables.find(page, number, clean=fix_radicals)
                page.close()   # pdfplumber keeps every page's objects otherwise
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001
        if encrypted(exc):
            raise ReadError("pdf_encrypted") from exc
        raise ReadError("pdf_corrupt") from exc
    if not pages:
        raise ReadError("pdf_corrupt")
    if not any(lines for _, lines in pages):
        raise ReadError("pdf_no_text")
    if ruled:
        pages = _with_tables(pages, ruled)
    return _shared_glyphs("\n".join(_join_pdf_lines(pages)))


def _with_tables(pages: list[tuple[float, list[_Line]]], ruled: list) -> list[tuple[float, list[_Line]]]:
    """Each ledger table's lines replaced by the item lines its cells make (lib.read.pdftables, lib.read.tables); a
    table that is not a ledger stays as its lines."""
    by_page: dict[int, list] = {}
    for t in ruled:
        by_page.setdefault(t.page, []).append(t)
    for n, tables in by_page.items():
        lines = pages[n][1]
        margins = {id(line) for line in lines} - {id(line) for line in _drop_page_numbers(lines)}
        body = [(line.top, line.bottom) for line in lines
                if id(line) not in margins and not any(t.holds(line.x0, line.top, line.x1, line.bottom) for t in tables)]
        pdftables.mark_edges(tables, body)
    pages = [(w, list(lines)) for w, lines in pages]
    for t in pdftables.join_continued(ruled, column_roles):
        rendered = render_rows(t.rows)
        if not rendered:
            continue
        for part in [t, *t.continued]:
            width, lines = pages[part.page]
            pages[part.page] = (width, [line for line in lines
                                        if not part.holds(line.x0, line.top, line.x1, line.bottom)])
        width, lines = pages[t.page]
        size = statistics.median([line.size for line in lines]) if lines else 10.0
        made = [_Line.fixed_line(text, t.x0 + 2 * size, t.top + k * 0.001, size) for k, text in enumerate(rendered)]
        pages[t.page] = (width, sorted(lines + made, key=lambda line: line.top))
    return pages


def _shared_glyphs(text: str) -> str:
    """Noto CJK draws 户 and 戶 with one glyph, and Chromium's PDFs then name it 戶: a simplified-Chinese
    report (one that writes 问题) means 户 (低保户, 拆迁户, 27户)."""
    if "戶" in text and "问题" in text:
        return text.replace("戶", "户")
    return text


# What a browser prints in a page's margins: "2024/7/9 10:32 <title>" or "11/26/26, 10:10 AM <title>" on
# top, "https://…/x.html 1/3" or "file:///… 2/3" below.
_BROWSER_MARGIN = re.compile(
    r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s|$)"
    r"|^(?:https?|file)://\S+\s+\d{1,4}\s*/\s*\d{1,4}$"
)


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    # Only the first/last two lines of a page can be a folio; a lone number in the body is data.
    keep = []
    n = len(lines)
    for i, line in enumerate(lines):
        edge = i < 2 or i >= n - 2
        if edge and (_PAGE_NUMBER.match(line.text.strip()) or _BROWSER_MARGIN.match(line.text.strip())):
            continue
        keep.append(line)
    return keep


def _join_pdf_lines(pages: list[tuple[float, list[_Line]]]) -> list[str]:
    pages = [(w, _drop_page_numbers(lines)) for w, lines in pages]
    # The text block's right edge: a short last page must not make its own lines look full.
    by_width: dict[int, list[float]] = {}
    for width, lines in pages:
        text = [l for l in lines if not l.fixed]   # a table's item lines have no place in the text block
        if len(text) >= 3:
            by_width.setdefault(round(width), []).append(max(l.x1 for l in text))
    typical = {w: statistics.median(v) for w, v in by_width.items()}

    layouts = []
    for width, lines in pages:
        text = [l for l in lines if not l.fixed] or lines
        if not lines:
            layouts.append(None)
            continue
        right = max(max(l.x1 for l in text), typical.get(round(width), 0.0))
        left = _left_edge(text)
        gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:])
                      if b.top - a.bottom > -1 and not (a.fixed or b.fixed))
        base_gap = gaps[len(gaps) // 10] if gaps else 0.0
        layouts.append((left, right, base_gap))

    def full(line: _Line, nxt: _Line, right: float, left: float) -> bool:
        # a line that reaches the right edge, and starts at the left one: a signature or date set to the
        # right ("2024年11月6日") or a centred title reaches the edge too, but nothing continues it
        return right - line.x1 <= nxt.lead_w + 1.5 * line.size and line.x0 - left <= 3.5 * line.size

    def indented(nxt: _Line, left: float) -> bool:
        return nxt.x0 - left > 1.0 * nxt.size

    def para_gap(line: _Line, nxt: _Line, base_gap: float) -> bool:
        return nxt.top - line.bottom > base_gap + 0.5 * line.size

    # Does this document mark paragraphs by spacing or indentation? Judge from lines that
    # certainly end a paragraph (short ones): if nearly all are followed by a cue, a full line
    # without a cue continues its paragraph even after a full stop.
    cued = by_indent = total = 0
    for layout, (_, lines) in zip(layouts, pages):
        if layout is None:
            continue
        left, right, base_gap = layout
        for a, b in zip(lines, lines[1:]):
            if a.fixed or b.fixed:
                continue
            if right - a.x1 > 4 * a.size:
                total += 1
                by_indent += indented(b, left)
                cued += indented(b, left) or para_gap(a, b, base_gap)
    trust_cues = total >= 3 and cued >= 0.9 * total
    # Spacing cannot be measured across a page break, indentation can.
    trust_indent = total >= 3 and by_indent >= 0.9 * total

    out: list[str] = []
    pending = ""  # text of the paragraph being assembled
    prev: tuple[_Line, tuple] | None = None  # last line of the previous page
    for layout, (_, lines) in zip(layouts, pages):
        if layout is None:
            continue
        left, right, base_gap = layout
        for i, line in enumerate(lines):
            text = line.text
            if i == 0 and prev is not None:
                p_line, (p_left, p_right, _) = prev
                join = (
                    not (line.fixed or p_line.fixed)
                    and full(p_line, line, p_right, p_left)
                    and not indented(line, left)
                    and (trust_indent or not _SENTENCE_END.search(p_line.text))
                )
                if join:
                    pending = glue(pending, text)
                else:
                    out.append(pending)
                    pending = text
            elif i == 0:
                pending = text
            else:
                a = lines[i - 1]
                join = (not (line.fixed or a.fixed) and full(a, line, right, left) and not indented(line, left)
                        and not para_gap(a, line, base_gap))
                if join and not trust_cues and _SENTENCE_END.search(a.text):
                    join = False
                if join:
                    pending = glue(pending, text)
                else:
                    out.append(pending)
                    pending = text
        prev = (lines[-1], layout)
    if prev is not None:
        out.append(pending)
    return out


def _left_edge(lines: list[_Line]) -> float:
    """The text block's left edge: the leftmost start that two lines share (a web page's menu or logo printed
    further left is alone there), else the leftmost."""
    starts = sorted(l.x0 for l in lines)
    # three lines at least where there are enough: a browser prints its date on top and the address below
    # at the paper's edge, two lines on every page
    for many in (3, 2):
        shared = [a for a, b in zip(starts, starts[many - 1:]) if b - a <= 1.0]
        if shared:
            return shared[0]
    return starts[0]


# ---------------------------------------------------------------------------
# HTML

_HTML_DROP = {
    "script", "style", "noscript", "template", "nav", "footer", "aside", "iframe", "head",
    "button", "select", "option", "textarea", "input", "svg", "canvas", "object", "embed",
    "audio", "video", "map", "dialog", "frameset", "frame",
}
_HTML_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
    "td", "th", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main",
    "blockquote", "pre", "address", "figure", "figcaption", "hr", "center", "header", "form",
    "fieldset", "legend", "details", "summary", "body", "html",
}
_CHROME_EXACT = {
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "footer", "copyright",
    "share", "toolbar", "sidebar", "topbar",
}
_CHROME_AFFIX = ("nav", "menu", "crumb", "footer", "copyright", "sidebar", "toolbar")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LOCATION_LINE = re.compile(r"^(?:当前位置|您当前的位置|您现在的位置|您的位置|你的位置|所在位置|当前的位置)\s*[:：]")
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_WS_RUN = re.compile(r"[ \t\r\n\f]+")
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)


def _html_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    # Sites that declare GB2312/GBK routinely use characters beyond it; GB18030 is the superset.
    if name in ("gb2312", "gbk", "cp936", "hz"):
        return "gb18030"
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return None  # an ASCII meta tag cannot be inside real UTF-16; let detection decide
    return name


def _decode_html(data: bytes) -> str:
    if not _bom_encoding(data):
        declared = _html_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass  # the declaration lies more often than the bytes
    return decode_text(data)


def _clean_line(raw: str) -> str:
    # A source line break between Chinese characters is not a space. Each whitespace run is looked at
    # once: a pattern with a lookahead after `\s*\n\s*` backtracks quadratically on a long run.
    def join(m: re.Match) -> str:
        s, e = m.span()
        if "\n" in m.group() and s and e < len(raw) and _CJK_CHAR.match(raw, s - 1) and _CJK_CHAR.match(raw, e):
            return ""
        return m.group()

    raw = _WS_RUN.sub(join, raw)
    return _SPACES.sub(" ", raw).strip()


# rowspan="100000" or rows of nothing but spanned cells must not make a table of a hundred million cells
MAX_SPAN = 200
MAX_COLUMNS = 64
MAX_GRID_CELLS = 400_000


_CELL_BREAKS = {"br", "p", "div", "li"}


def _cell_lines(cell) -> str:
    """A cell's text, its paragraphs (<p>, <br>) on lines of their own: "未完成<p>（该问题涉及…）</p>" keeps the
    status apart from its reason. Line breaks in the page's source are layout, not paragraphs."""
    from bs4 import Comment, NavigableString

    parts = []
    for node in cell.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, Comment):
                parts.append(str(node))
        elif node.name in _CELL_BREAKS:
            parts.append("\u2029")
    lines = (_clean_line(line) for line in "".join(parts).split("\u2029"))
    return "\n".join(line for line in lines if line)


def _table_grid(table) -> list[list[str]]:
    """The table's rows with merged cells (rowspan, colspan) repeated in every row and column they cover.

    Shape: <tr><td>1</td><td rowspan=2>党的建设方面</td><td>问题甲</td></tr><tr><td>2</td><td>问题乙</td></tr>
    → [["1", "党的建设方面", "问题甲"], ["2", "党的建设方面", "问题乙"]].
    """
    def span(cell, attr: str) -> int:
        try:
            return max(1, min(MAX_SPAN, int(str(cell.get(attr, "1")).strip() or 1)))
        except ValueError:
            return 1

    grid: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}   # column → (rows still covered, text)
    total = 0
    for tr in table.find_all("tr"):
        row: list[str] = []
        cells = iter(tr.find_all(["td", "th"], recursive=False))
        col = 0
        cell = next(cells, None)
        while col < MAX_COLUMNS and (cell is not None or any(c >= col for c in pending)):
            if col in pending:
                left, text = pending[col]
                row.append(text)
                if left > 1:
                    pending[col] = (left - 1, text)
                else:
                    del pending[col]
                col += 1
                continue
            if cell is None:
                row.append("")
                col += 1
                continue
            text = _cell_lines(cell)
            down, across = span(cell, "rowspan"), min(span(cell, "colspan"), MAX_COLUMNS - col)
            for k in range(across):
                row.append(text)
                if down > 1:
                    pending[col + k] = (down - 1, text)
            col += across
            cell = next(cells, None)
        grid.append(row)
        total += len(row)
        if total > MAX_GRID_CELLS:
            break
    return grid


def _is_chrome(tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    attrs = tag.attrs or {}
    values = []
    for key in ("id", "class"):
        v = attrs.get(key)
        if isinstance(v, (list, tuple)):
            values.extend(v)
        elif v:
            values.append(v)
    for value in values:
        for token in re.split(r"[\s_\-]+", str(value).lower()):
            if not token:
                continue
            if token in _CHROME_EXACT or token.startswith(_CHROME_AFFIX) or token.endswith(_CHROME_AFFIX):
                return True
    return False


def _is_hidden(tag) -> bool:
    attrs = tag.attrs or {}
    return "hidden" in attrs or bool(_HIDDEN_STYLE.search(str(attrs.get("style", ""))))


def _html_lines(soup, strict: bool) -> list[str]:
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            line = _clean_line("".join(buf))
            buf.clear()
            if line and not (strict and _LOCATION_LINE.match(line)):
                lines.append(line)

    # Iterative walk: a page with thousands of nested elements must not hit the recursion limit.
    stack: list[tuple[object, int, int]] = [(soup, 0, 0)]  # (node, pre depth, article depth)
    while stack:
        node, pre, article = stack.pop()
        if node is None:  # end marker of a block element
            flush()
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, PreformattedString):  # comments, doctype, CDATA, PIs
                continue
            text = str(node)
            if pre:
                parts = text.split("\n")
                for j, part in enumerate(parts):
                    if j:
                        flush()
                    buf.append(part)
            else:
                buf.append(text)
            continue
        if not isinstance(node, Tag):
            continue
        name = (node.name or "").lower()
        if name in _HTML_DROP:
            continue
        if name == "header" and strict and not article:
            continue  # the site banner; an <article>'s own <header> holds its title
        if strict and (_is_chrome(node) or _is_hidden(node)):
            continue
        if name == "br":
            flush()
            continue
        if name == "table":
            ledger_lines = render_rows(_table_grid(node))
            if ledger_lines is not None:
                flush()
                lines.extend(ledger_lines)
                continue
        block = name in _HTML_BLOCKS or node is soup
        if block:
            flush()
            stack.append((None, 0, 0))
        child_pre = pre + (name == "pre")
        child_article = article + (name in ("article", "main"))
        for child in reversed(node.contents):
            stack.append((child, child_pre, child_article))
    flush()
    return lines


# Every pattern here is linear: a hostile page (a million unclosed <script or <!--, tags without ">")
# must not make a lazy `.*?` or a `[^>]*` rescan the rest of the page from every "<".
_FLAT_DROP_OPEN = re.compile(r"<(script|style|noscript|template|head)\b|<!--", re.I)
_FLAT_BLOCK = re.compile(
    r"<\s*+/?\s*+(?:p|div|br|li|tr|td|th|h[1-6]|section|article|blockquote|pre|table|ul|ol)\b[^<>]*+>", re.I
)
_FLAT_TAG = re.compile(r"<[^<>]*+>")


def _drop_non_text(text: str) -> str:
    """Remove <script>…</script> and the like, and comments; an unclosed one loses only its opening."""
    out: list[str] = []
    pos = 0
    unclosed: set[str] = set()   # a closing tag not found once is not found from any later position
    while True:
        m = _FLAT_DROP_OPEN.search(text, pos)
        if not m:
            break
        name = (m.group(1) or "!--").lower()
        end = -1
        if name not in unclosed:
            if name == "!--":
                end = text.find("-->", m.end())
                end = end + 3 if end != -1 else -1
            else:
                close = re.compile(rf"</{name}\s*+>", re.I).search(text, m.end())
                end = close.end() if close else -1
            if end == -1:
                unclosed.add(name)
        if end == -1:
            out.append(text[pos:m.end()])   # the tag itself goes with the other tags
            pos = m.end()
        else:
            out.append(text[pos:m.start()] + " ")
            pos = end
    out.append(text[pos:])
    return "".join(out)


def _flat_html_text(text: str) -> list[str]:
    """Tag-stripping fallback for pages the tree builder cannot handle (too deep, or too many elements)."""
    text = _drop_non_text(text)
    text = _FLAT_BLOCK.sub("\n\n", text)
    text = _FLAT_TAG.sub("", text)
    text = html_lib.unescape(text)
    return [line for line in (_clean_line(chunk) for chunk in text.split("\n\n")) if line]


# BeautifulSoup builds its tree at some 30 µs a node: 100,000 tags take seconds, a 20 MB page of them
# minutes. No report page comes near (the seed's page has ~150 tags); past this, strip tags instead.
_HTML_MAX_TAGS = 100_000


def _read_html(data: bytes) -> str:
    text = _decode_html(data)
    if text.count("<") > _HTML_MAX_TAGS:
        return "\n".join(_flat_html_text(text))
    try:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(text, "lxml")
        lines = _html_lines(soup, strict=True)
        if not lines:
            # Over-eager chrome filtering (say, <div class="nav-content"> around everything)
            # must not turn a readable page into an "empty file".
            lines = _html_lines(soup, strict=False)
    except RecursionError:
        try:
            lines = _flat_html_text(text)
        except RecursionError as exc:
            raise ReadError("html_corrupt") from exc
    return "\n".join(lines)
