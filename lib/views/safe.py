"""Document text made inert for display and export: Markdown escaping, formula-injection guards."""
from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# means no document text can open a link, an emphasis, a LaTeX block ($$) or a colour directive (:red[…]).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$:~=&\"'^@%/;?,])")


def md_escape(text: str) -> str:
    """Literal text for st.markdown; line breaks kept as Markdown hard breaks."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r", "").replace("\n", "  \n")


def md_highlight(text: str, spans: list[tuple[int, int]], color: str = "orange") -> str:
    """Escaped text with the given (start, end) spans marked as :color-background[**…**]."""
    out, pos = [], 0
    for a, b in sorted(spans):
        if a < pos or b <= a:
            continue  # overlapping figures: the first one wins
        out.append(md_escape(text[pos:a]))
        out.append(f":{color}-background[**{md_escape(text[a:b])}**]")
        pos = b
    out.append(md_escape(text[pos:]))
    return "".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_guard(value):
    """A spreadsheet cell that cannot run as a formula: text starting with = + - @ gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def plotly_text(text: str) -> str:
    """Plotly renders a subset of HTML (<a>, <b>, <br>) in labels, and a label wrapped in $…$ as LaTeX;
    entities and a zero-width space in front of a leading $ keep document text literal."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\u200b" + text if text.startswith("$") else text
