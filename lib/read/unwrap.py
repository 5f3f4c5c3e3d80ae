"""Text hard-wrapped at a fixed width (copied out of a PDF, pdftotext) → one line per paragraph."""
from __future__ import annotations

import re

# A line that starts something new, whatever the line before it: a heading, a labelled part, a signature.
_STARTS_PART = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,3}\s*[.、．](?!\d)"
    r"|问题\s*\d|第[一二三四五六七八九十\d]+[条项部分]|[①-⑳]"
    r"|[\u4e00-\u9fff]{2,8}[:：])"
)
_PAGE_NUMBER = re.compile(r"\s*(?:[-—－–]\s*\d{1,4}\s*[-—－–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*")
_SENTENCE_END = "。！？!?；;：:”」』)）"
MIN_LINES = 8


def glue(left: str, right: str) -> str:
    """Two pieces of a line wrapped at its end: Latin words were separated by a space, CJK text was not."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return left + " " + right
    return left + right


def display_width(s: str) -> int:
    """Columns on a page: 2 for a Chinese character or full-width sign, 1 for a digit or Latin letter.

    Counted from the UTF-8 length, in C (a 20 MB text has millions of characters): the characters of
    three bytes and more are the wide ones, near enough to find the width a text was wrapped at.
    """
    size = len(s.encode("utf-8", "surrogatepass"))
    return len(s) + (size - len(s)) // 2


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, when most lines stop near one width and almost none pass it."""
    widths = sorted(display_width(line.rstrip()) for line in lines if line.strip())
    if len(widths) < MIN_LINES:
        return None
    wrap = widths[int(0.9 * (len(widths) - 1))]
    near = sum(1 for w in widths if wrap - 6 <= w <= wrap + 2)
    over = sum(1 for w in widths if w > wrap + 2)
    if wrap < 30 or near < 6 or near / len(widths) < 0.3 or over / len(widths) > 0.1:
        return None
    return wrap


def unwrap(text: str) -> str:
    """Join lines that the page width broke mid-sentence; a text written one paragraph per line is returned as is.

    Shape: "　　根据省委统一部署，…省委第十一\\n巡视组对…" → "　　根据省委统一部署，…省委第十一巡视组对…".
    Paragraphs begin indented (　　) or after a line that ends a sentence; page numbers (- 1 -) between
    the parts of a broken paragraph are dropped.
    """
    lines = text.split("\n")
    wrap = _wrap_width(lines)
    if wrap is None:
        return text
    body = [line for line in lines if not _PAGE_NUMBER.fullmatch(line)]
    indented = sum(1 for line in body if line[:1] in ("\u3000", " ", "\t") and line.strip())
    uses_indent = indented >= 3
    out: list[str] = []
    for line in body:
        if out and line.strip() and _continues(out, line, wrap, uses_indent):
            prev = out.pop()
            # a page break left blank lines between the two halves
            while out and not prev.strip():
                prev = out.pop()
            joint = " " if prev.rstrip()[-1:].isascii() and prev.rstrip()[-1:].isalpha() and line[:1].isalpha() else ""
            out.append(prev.rstrip() + joint + line.strip())
        else:
            out.append(line)
    return "\n".join(out)


def _continues(out: list[str], line: str, wrap: int, uses_indent: bool) -> bool:
    prev_i = len(out) - 1
    while prev_i >= 0 and not out[prev_i].strip() and len(out) - prev_i <= 3:
        prev_i -= 1
    if prev_i < 0 or not out[prev_i].strip():
        return False
    prev = out[prev_i].rstrip()
    across_blank = prev_i != len(out) - 1
    # blank lines: a page break inside a paragraph only where paragraphs are marked by their indent
    if across_blank and (not uses_indent or prev.endswith(tuple(_SENTENCE_END))):
        return False
    if display_width(prev) < wrap - 6 or _STARTS_PART.match(line):
        return False
    if uses_indent:
        return line[:1] not in ("\u3000", " ", "\t")
    return not prev.endswith(tuple(_SENTENCE_END))
