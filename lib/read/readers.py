"""An uploaded report file (.txt, .docx, .pdf, .html, a scan, a spreadsheet) as plain text with deterministic offsets: one reader per format."""

from __future__ import annotations

import functools
from pathlib import Path

from .docx import _read_docx
from .errors import MAX_BYTES, ReadError
from .html import _read_html
from .ocr import OcrText, ocr_bytes
from .pdf import read_pdf
from .sheets import read_delimited, read_xls, read_xlsx
from .sniff import sniff
from .text import _read_txt, normalize_text

# ---------------------------------------------------------------------------
# Entry points


def read_file(path, progress=None, cancel=None) -> str:
    """Read a file from disk; see read_bytes (progress and cancel: see read_document)."""
    return read_path(path, progress, cancel)[0]


def read_path(path, progress=None, cancel=None) -> tuple[str, OcrText | None]:
    """read_document of a file on disk, refused before it is loaded into memory when it is too large."""
    p = Path(path)
    if p.stat().st_size > MAX_BYTES:
        raise ReadError("too_large")
    return read_document(p.read_bytes(), p.name, progress, cancel)


def read_bytes(data: bytes, filename: str = "", *, columns: dict[int, str] | None = None,
               encoding: str | None = None) -> str:
    """Plain text of an uploaded file, or ReadError; filename is only a hint for damaged files. `columns` maps a
    spreadsheet's columns to ledger roles by hand ({2: "problem", 5: "status"}) when its header names none
    (the reader then raises UnmappedSheet, whose .header the user maps). `encoding` is the charset a web server
    declared (a page's HTTP header says GBK where its markup says nothing)."""
    return read_document(data, filename, columns=columns, encoding=encoding)[0]


def read_document(data: bytes, filename: str = "", progress=None, cancel=None, *,
                  columns: dict[int, str] | None = None, encoding: str | None = None) -> tuple[str, OcrText | None]:
    """read_bytes, and for a scan the OCR lines too (offsets into the returned text); progress(done, total) and
    cancel (a threading.Event) reach the OCR of a scan, which takes seconds a page."""
    data = bytes(data)
    if not data:
        raise ReadError("empty")
    if len(data) > MAX_BYTES:
        raise ReadError("too_large")
    kind = sniff(data, filename)
    corrupt = {"txt": "encoding", "docx": "docx_corrupt", "pdf": "pdf_corrupt", "html": "html_corrupt",
               "image": "image_corrupt", "xlsx": "sheet_corrupt", "xls": "sheet_corrupt", "csv": "encoding"}[kind]
    sheets = {"xlsx": read_xlsx, "xls": read_xls, "csv": read_delimited}
    try:
        if kind == "pdf":
            text, ocr = read_pdf(data, progress, cancel)
        elif kind == "image":
            ocr = ocr_bytes(data, "image", progress, cancel)
            text = ocr.text
        elif kind in sheets:
            text, ocr = sheets[kind](data, columns), None
        else:
            html = functools.partial(_read_html, encoding=encoding) if encoding else _read_html
            text, ocr = {"txt": _read_txt, "docx": _read_docx, "html": html}[kind](data), None
    except ReadError:
        raise
    except MemoryError as exc:
        raise ReadError("too_large") from exc
    except Exception as exc:  # noqa: BLE001 - any library failure on bad input is the file's fault
        raise ReadError(corrupt) from exc
    # OCR text comes normalized line by line as it is assembled (lib.read.ocr_layout), so this changes
    # nothing in it and its lines' offsets hold (tests/read/test_ocr.py checks both)
    text = normalize_text(text)
    if not text.strip():
        raise ReadError(
            "empty",
            "无法读取该文件：文件中没有可读的文字",
            "Cannot read the file: it contains no readable text",
        )
    return text, ocr


# U+2028/2029, VT, FF, FS/GS/RS and NEL are line breaks to str.splitlines(); mapping them to
# "\n" keeps text.split("\n") and text.splitlines() in agreement, so offsets stay stable.
