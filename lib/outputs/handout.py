"""The meeting deck as an A4 handout: one page a slide, from a template, for the same Chromium to print."""
from __future__ import annotations

import base64
from dataclasses import dataclass

from markupsafe import Markup

from ..views.labels import t
from .deck import ACCENT, BODY_W, CARD_BG, FONT_CSS, INK, MUTED, RULE, Deck, Table, _hex
from .templates import render


@dataclass
class _Section:
    title: str
    table: Table | None = None
    table_widths: tuple[str, ...] = ()
    cards: tuple[dict, ...] = ()
    charts: tuple[dict, ...] = ()
    empty: str | None = None
    note: tuple[str, ...] = ()


def _png_uri(png: bytes) -> Markup:
    # built here from the chart's own bytes: a data: URL, never document text
    return Markup("data:image/png;base64," + base64.b64encode(png).decode("ascii"))


def _sections(deck: Deck) -> list[_Section]:
    out: list[_Section] = []
    table_done = False
    for s in deck.slides:
        if s.table is not None:
            if table_done:
                continue   # the slides' parts of the table are one flowing table here
            table_done = True
            table = deck.open_table or s.table
            total = sum(table.widths)
            out.append(_Section(t("deck_open", deck.lang), table=table,
                                table_widths=tuple(f"{w / total:.1%}" for w in table.widths)))
            continue
        out.append(_Section(
            s.title,
            cards=tuple({"color": _hex(c.color), "label": c.label, "value": c.value, "unit": c.unit} for c in s.cards),
            # sized as on the slide, scaled to the A4 width: the same figure, text a little smaller
            charts=tuple({"src": _png_uri(c.png), "width": f"{c.width / BODY_W:.1%}"} for c in s.charts),
            empty=s.empty, note=tuple(s.note or ())))
    return out


def to_html(deck: Deck) -> str:
    """The handout as one self-contained page: every text escaped, charts as data: URLs, no scripts."""
    css = render("handout.css", font=Markup(FONT_CSS), ink=INK, muted=MUTED, accent=ACCENT, card=CARD_BG, rule=RULE)
    return render("handout.html.j2", deck=deck, sections=_sections(deck), css=Markup(css),
                  colon="：" if deck.lang == "zh" else ": ", lang="zh-CN" if deck.lang == "zh" else "en")
