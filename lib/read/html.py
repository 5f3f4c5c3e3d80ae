"""Web pages: the article without the site's chrome (menus, breadcrumbs, footers), tables as ledger lines."""
from __future__ import annotations

import codecs
import html as html_lib
import re

from .errors import ReadError
from .tables import render as render_rows
from .text import _bom_encoding, decode_text

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
    """The encoding the markup declares (<?xml encoding>, <meta charset>), as Python names it."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    return _codec(m.group(1).decode("ascii", "ignore"))


def _codec(label: str) -> str | None:
    """A charset label (from markup or an HTTP header) as the codec to decode with, or None when unusable."""
    try:
        name = codecs.lookup(label.strip().lower()).name
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


def _decode_html(data: bytes, encoding: str | None = None) -> str:
    """A browser's order: a BOM, then the charset the server sent (encoding), then the markup's own
    declaration, then detection; a declaration the bytes do not fit is passed over."""
    sent = _codec(encoding) if encoding else None
    if sent == "cp1252":
        sent = None   # ISO-8859-1 is Java servers' default for every page, not what a Chinese page is in
    if not _bom_encoding(data):
        for declared in dict.fromkeys((sent, _html_charset(data))):
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
    numbers: dict[int, int] = {}     # id of an <ol>'s <li> → the number the browser shows

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
        if name == "ol":
            numbers.update(_ol_numbers(node))
        block = name in _HTML_BLOCKS or node is soup
        if block:
            flush()
            stack.append((None, 0, 0))
        if name == "li" and id(node) in numbers:
            buf.append(f"{numbers[id(node)]}.")   # the number the browser draws for <ol><li>
        child_pre = pre + (name == "pre")
        child_article = article + (name in ("article", "main"))
        for child in reversed(node.contents):
            stack.append((child, child_pre, child_article))
    flush()
    return lines


_PRINTED_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.、．]|[（(]\s*\d{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.])")


def _ol_numbers(ol) -> dict[int, int]:
    """The numbers a browser draws before an ordered list's items (decimal lists only: start=, value=), unless
    an item prints its own number."""
    from bs4 import Tag

    if (ol.get("type") or "1") != "1":
        return {}
    try:
        n = int(ol.get("start") or 1)
    except ValueError:
        n = 1
    out = {}
    for li in ol.find_all("li", recursive=False):
        try:
            n = int(li.get("value") or n)
        except ValueError:
            pass
        first = next((str(t) for t in li.descendants if not isinstance(t, Tag) and str(t).strip()), "")
        if not _PRINTED_NUMBER.match(first):
            out[id(li)] = n
        n += 1
    return out


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


def _read_html(data: bytes, encoding: str | None = None) -> str:
    """encoding: the charset the web server declared for the page, which a saved file no longer carries."""
    text = _decode_html(data, encoding)
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


def _in_chrome(tag) -> bool:
    """Whether a link sits in the site's menus, banner, footer or a hidden block rather than in the article."""
    for parent in tag.parents:
        name = (parent.name or "").lower()
        if name in _HTML_DROP or _is_chrome(parent) or _is_hidden(parent):
            return True
        if name == "header" and not parent.find_parent(["article", "main"]):
            return True
    return False


def page_links(data: bytes, encoding: str | None = None) -> list[tuple[str, str]]:
    """The article's links in page order as (href, words): what a stub page offers in place of its text.
    A <base href> is applied; hrefs may still be relative to the page's own address."""
    from urllib.parse import urljoin

    from bs4 import BeautifulSoup

    text = _decode_html(data, encoding)
    if text.count("<") > _HTML_MAX_TAGS:
        return []        # no stub page is this large
    soup = BeautifulSoup(text, "lxml")
    base_tag = soup.find("base", href=True)
    base = str(base_tag["href"]).strip() if base_tag else ""
    links = []
    for a in soup.find_all("a", href=True):
        href = str(a["href"]).strip()
        if href and not _in_chrome(a):
            words = _clean_line(a.get_text(" ") + " " + str(a.get("title") or ""))
            links.append((urljoin(base, href) if base else href, words))
    return links
