"""An uploaded report file (.txt, .docx, .pdf, .html, a spreadsheet) as plain text with deterministic offsets: one reader per format."""

from __future__ import annotations

import functools
from pathlib import Path

from .docx import _read_docx
from .errors import MAX_BYTES, ReadError
from .html import _read_html
from .pdf import _read_pdf_isolated
from .sheets import read_delimited, read_xls, read_xlsx
from .sniff import sniff
from .text import _read_txt, normalize_text

# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Entry points


def read_file(path) -> str:
    """Read a file from disk; see read_bytes."""
    p = Path(path)
    # Refuse before loading a huge file into memory.
    if p.stat().st_size > MAX_BYTES:
        raise ReadError("too_large")
    return read_bytes(p.read_bytes(), p.name)


def read_bytes(data: bytes, filename: str = "", *, columns: dict[int, str] | None = None,
               encoding: str | None = None) -> str:
    """Plain text of an uploaded file, or ReadError; filename is only a hint for damaged files. `columns` maps a
    spreadsheet's columns to ledger roles by hand ({2: "problem", 5: "status"}) when its header names none
    (the reader then raises UnmappedSheet, whose .header the user maps). `encoding` is the charset a web server
    declared (a page's HTTP header says GBK where its markup says nothing)."""
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
        "xlsx": (read_xlsx, "sheet_corrupt"),
        "xls": (read_xls, "sheet_corrupt"),
        "csv": (read_delimited, "encoding"),
    }[kind]
    if kind == "html" and encoding:
        reader = functools.partial(_read_html, encoding=encoding)
    try:
        text = reader(data, columns) if kind in ("xlsx", "xls", "csv") else reader(data)
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
