"""Report text holding markup, Markdown links, LaTeX, entities or formulas is shown literally everywhere."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from lib.library import frames
from lib.library.store import Store
from lib.outputs import export
from lib.views.safe import cell_guard, md_escape, md_highlight, plotly_text
from tests.injection import PAYLOADS, injected_text

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
PAGES = ["pages/overview.py", "pages/items.py", "pages/land.py", "pages/discipline.py", "pages/timeline.py",
         "pages/compare.py", "pages/bigscreen.py", "pages/library.py", "pages/corrections.py"]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_markdown_escaping_leaves_no_active_syntax(payload):
    escaped = md_escape(payload)
    # every ASCII punctuation mark that Markdown or Streamlit could read is backslash-escaped
    assert not re.search(r"(?<!\\)[<>\[\]()$:*_`]", escaped)
    assert escaped.replace("\\", "") == payload.replace("\\", "")
    marked = md_highlight(payload, [(0, 3)])
    assert marked.count(":orange-background[") == 1   # only the marker we add, never one from the text


@pytest.mark.parametrize("text,want", [
    ("<a href='javascript:alert(1)'>x</a>", "&lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt;"),
    ("$$\\frac{1}{0}$$", "\u200b$$\\frac{1}{0}$$"),
    ("A&B", "A&amp;B"),
])
def test_chart_labels_are_literal(text, want):
    assert plotly_text(text) == want


@pytest.mark.parametrize("cell,want", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1+1", "'+1+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("正常文字", "正常文字"), (12, 12),
])
def test_cells_cannot_start_a_formula(cell, want):
    assert cell_guard(cell) == want


def injected_store() -> int:
    return Store().import_text(injected_text(), "injected.txt").report_id


def test_exports_neutralize_formulas():
    rid = injected_store()
    items = Store().items_frame([rid])
    table = export.items_table(items)
    rows = list(csv.reader(io.StringIO(export.to_csv(table).decode("utf-8-sig"))))
    cells = [c for r in rows for c in r]
    assert any(c.startswith("'=HYPERLINK") for c in cells) and not any(c.startswith("=") for c in cells)
    ws = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(table))).active
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v.startswith("'=HYPERLINK") for v in values) and not any(v.startswith("=") for v in values)


def sources(at) -> list[str]:
    """Every Markdown source the page sent (markdown, captions, headers, alerts)."""
    out = []
    for kind in ("markdown", "caption", "subheader", "header", "title", "warning", "error", "info", "success"):
        out += [e.value for e in getattr(at, kind)]
    return out


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_payloads_as_text(page):
    rid = injected_store()
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["report"] = str(rid)
    at.query_params["item"] = f"{rid}:2"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    for src in sources(at):
        # nothing from the report reaches Markdown unescaped: no raw tag, link or LaTeX opener
        assert not re.search(r"(?<!\\)<", src), src                # no raw tag
        assert not re.search(r"(?<!\\)\]\(javascript", src), src   # no Markdown link
        assert not re.search(r"(?<!\\)\$(?<!\\)\$", src), src    # no LaTeX block
    shown = "\n".join(sources(at))
    if page in ("pages/overview.py",):
        assert r"\<script\>alert\(\'xss\'\)\<\/script\>" in shown
    if page == "pages/items.py":
        assert r"\<img src\=x onerror\=alert\(\'img\'\)\>" in shown
        table = at.dataframe[0].value
        assert any("<img src=x onerror=alert('img')>" in str(v) for v in table.iloc[:, 2])


def test_frames_keep_the_payloads_verbatim():
    rid = injected_store()
    ledger = Store().ledger(rid)
    items = frames.items_frame([(rid, ledger)])
    assert PAYLOADS["img"] in items.loc[items["no"] == 2, "title"].iloc[0]
    assert PAYLOADS["latex"] in ledger.themes[4].title
