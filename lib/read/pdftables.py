"""Ruled tables in a PDF (a web page's ledger printed from the browser, a Word table) → their rows of cells.

Read line by line, a table's cells interleave: "耕地保护责任落实不到位，违法占用 | 212.4公顷；二是… | 耕地保护监督科、"
become one line. pdfplumber finds the table from its rules; each cell's lines are joined into its text, a table
that runs on over a page break is joined to its start (the header printed once, a row split by the break made
whole again), and lib.read.tables renders the rows as the report's own item lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .unwrap import glue

# A page has rules at all (rects, lines) before tables are looked for: most report PDFs have none.
_MIN_ROWS, _MIN_COLS = 2, 3


@dataclass
class PageTable:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]
    first_on_page: bool = False    # nothing but the margins above it
    last_on_page: bool = False     # nothing but the margins below it
    continued: list["PageTable"] = field(default_factory=list)
    full: list[list[str]] = field(default_factory=list)   # the rows with every column, empty ones too

    def holds(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        mid_x, mid_y = (x0 + x1) / 2, (top + bottom) / 2
        return self.x0 - 1 <= mid_x <= self.x1 + 1 and self.top - 1 <= mid_y <= self.bottom + 1


def _cell_text(cell: str | None) -> str:
    """A cell's lines as one text: CJK wrapped without spaces, Latin words with one."""
    out = ""
    for part in (p.strip() for p in (cell or "").split("\n")):
        out = glue(out, part)
    return out


def find(page, number: int, clean=str) -> list[PageTable]:
    """The page's ruled tables of at least two rows and three columns, top to bottom; `clean` is applied to
    each cell's text as the reader applies it to its lines (Kangxi radicals for the characters they look like)."""
    if not (page.rects or page.lines):
        return []
    # A row that a page break splits has no rule where the page ends (nor where the next begins): close it
    # there, at the ends of the vertical rules.
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    settings = {"explicit_horizontal_lines": [min(e["top"] for e in verticals),
                                              max(e["bottom"] for e in verticals)]} if verticals else {}
    found = []
    for table in page.find_tables(table_settings=settings):
        rows = [[clean(_cell_text(c)) for c in row] for row in table.extract()]
        full = [row for row in rows if any(row)]
        rows = without_empty_columns(full)
        if len(rows) < _MIN_ROWS or max(len(r) for r in rows) < _MIN_COLS:
            continue
        x0, top, x1, bottom = table.bbox
        found.append(PageTable(number, float(x0), float(top), float(x1), float(bottom), rows, full=full))
    return sorted(found, key=lambda t: t.top)


def without_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    """A rule the browser drew at a table's edge on one page makes a column with nothing in it there: without it
    that page's part of the table has as many columns as the others, and joins them."""
    empty = {k for k in range(max(map(len, rows), default=0)) if not any(k < len(r) and r[k] for r in rows)}
    return [[c for k, c in enumerate(r) if k not in empty] for r in rows] if empty else rows


def mark_edges(tables: list[PageTable], body: list[tuple[float, float]]) -> None:
    """Which tables open or close their page: `body` holds (top, bottom) of the page's other lines, the
    margins (a folio, the browser's date and address) already left out."""
    for t in tables:
        t.first_on_page = not any(bottom <= t.top + 1 for _, bottom in body)
        t.last_on_page = not any(top >= t.bottom - 1 for top, _ in body)


def join_continued(tables: list[PageTable], roles_of) -> list[PageTable]:
    """Tables that run on over page breaks joined to where they start: a table that opens its page, after a
    ledger that closed the page before with as many columns, continues it, whether it prints the header again
    (a <thead> repeats on every page) or not. A first row with nothing in its 序号 column (or, without one, in
    its problem column) finishes the row the break split. `roles_of`: lib.read.tables.column_roles."""
    out: list[PageTable] = []
    for t in tables:
        prev = out[-1] if out else None
        last = (prev.continued[-1] if prev and prev.continued else prev)
        roles = roles_of(prev.rows[0]) if prev else None
        # (the rest of a row the break split may fill one column only, over a 合计 row merged across the others:
        # its empty columns are the table's still)
        rows = t.rows
        if prev and len(rows[0]) != len(prev.rows[0]) and t.full and len(t.full[0]) == len(prev.rows[0]):
            rows = t.full
        if (roles and last.last_on_page and t.first_on_page and t.page == last.page + 1
                and len(rows[0]) == len(prev.rows[0])):
            if roles_of(rows[0]):
                if rows[0] != prev.rows[0]:
                    out.append(t)         # another ledger, with a header of its own
                    continue
                rows = rows[1:]           # the header printed again
            key = next((i for i, r in roles.items() if r == "no"), None)
            if key is None:
                key = next((i for i, r in roles.items() if r == "problem"), 0)
            if rows and not rows[0][key] and prev.rows:
                prev.rows[-1] = [_cell_text(a + "\n" + b) if b else a for a, b in zip(prev.rows[-1], rows[0])]
                rows = rows[1:]
            prev.rows.extend(rows)
            prev.continued.append(t)
            continue
        out.append(t)
    return out
