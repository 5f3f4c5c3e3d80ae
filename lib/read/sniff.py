"""What a file is, by its content first (magic bytes, markup) and its name only as a hint."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .errors import ReadError
from .sheets import looks_delimited
from .text import _looks_binary, _wide_encoding, decode_text

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
# The directory entry of an Excel 97–2003 workbook's stream, "Workbook" in UTF-16 (WPS .et files name it so too)
_OLE_WORKBOOK = re.compile("Workbook".encode("utf-16-le"))
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
        if _OLE_WORKBOOK.search(data) or ext in (".xls", ".et"):
            return "xls"
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
    if ext in (".csv", ".tsv") or _delimited_head(head_bytes, wide):
        return "csv"
    return "txt"


def _delimited_head(head_bytes: bytes, wide: str | None) -> bool:
    """A .txt that is really a comma-separated ledger (a header row naming its columns, rows below)."""
    if b"," not in head_bytes and wide is None:
        return False
    try:
        head = decode_text(head_bytes[: head_bytes.rfind(b"\n") + 1] or head_bytes)
    except ReadError:
        return False
    return looks_delimited(head)


def _sniff_zip(data: bytes, ext: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:  # noqa: BLE001 - any failure here means a broken archive
        # Local file headers still name the parts of a truncated archive.
        if ext == ".docx" or b"word/" in data[:65536]:
            return "docx"
        if ext == ".xlsx" or b"xl/" in data[:65536]:
            return "xlsx"
        raise ReadError("unsupported") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if ext in (".docx", ".xlsx"):
        return ext[1:]    # a damaged file of the kind its name says
    raise ReadError("unsupported")
