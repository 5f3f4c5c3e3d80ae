"""Meeting material: the selected reports' key figures, charts and open items as .pptx slides and a .pdf handout."""
from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from ..views import charts, compare, summaries, totals
from ..views.labels import (
    STATUS_COLORS,
    completion_cells,
    completion_source,
    fmt_number,
    stated_beside,
    status_label,
    t,
)
from . import export, images

FONT = "Noto Sans CJK SC"   # set as both the latin and the east-asian typeface of every text run
FONT_CSS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
INK, MUTED, CARD_BG, RULE = "1F1F1F", "595959", "F2F4F7", "D0D7DE"
ACCENT = charts.ACCENT.lstrip("#")

# Slide geometry in inches (16:9). Charts are drawn at 96 CSS px per inch of the box they fill, so a
# figure's 20 px text shows at 15 pt on the slide, and a little smaller in the A4 handout.
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_H = 0.25, 0.85
BODY_TOP, BODY_BOTTOM = 1.3, 6.9
BODY_W, BODY_H = SLIDE_W - 2 * MARGIN, BODY_BOTTOM - BODY_TOP
CARDS_H, GAP = 1.6, 0.2
PX_PER_IN = 96
CHART_FONT_PX, CHART_TITLE_PX = 20, 24
# The open-items table: text size, cell padding, and the share of a line a character takes (CJK = 1 em).
CELL_PT, CELL_PAD_H, CELL_PAD_V = 14, 0.08, 0.05
LINE = 1.5    # line height, in ems: Noto Sans CJK's ascent + descent is 1.448 em


class DeckError(Exception):
    """The deck could not be made; zh/en are one-line messages for the user."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en = code, zh, en

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


# --- the content, once, for both outputs ---------------------------------------------------------
@dataclass
class Card:
    label: str
    value: str
    unit: str = ""
    color: str = ACCENT   # the card's stripe (hex, no #)


@dataclass
class Chart:
    png: bytes
    width: float    # inches: the box it was drawn for
    height: float


@dataclass
class Table:
    header: list[str]
    widths: list[float]   # inches
    rows: list[list[str]]


@dataclass
class Slide:
    title: str
    cards: list[Card] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    table: Table | None = None
    empty: str | None = None   # the empty state, spelled out where a chart or table would be
    note: list[str] = field(default_factory=list)   # what the slide's numbers are made of: speaker notes, handout


@dataclass
class Deck:
    lang: str
    title: str
    facts: list[tuple[str, str]]   # (label, value) lines under the title; label "" for a plain line
    footer: str
    slides: list[Slide]
    open_table: Table | None = None   # the open items unsplit, for the handout (its table flows over pages)



def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _draw(fig, width: float, height: float, keep_title: bool = True) -> Chart:
    """A lib.views.charts figure restyled for a slide (larger text, white paper) and drawn to PNG for a box in inches."""
    fig.update_layout(
        font={"size": CHART_FONT_PX}, title_font_size=CHART_TITLE_PX, paper_bgcolor="white", plot_bgcolor="white",
        margin={"l": 10, "r": 30, "t": 80 if keep_title else 50, "b": 50}, width=None, height=None,
    )
    if not keep_title:
        fig.update_layout(title_text="")
    fig.update_annotations(font_size=CHART_FONT_PX * 2)   # the donut's total
    png = images.figure_png(fig, round(width * PX_PER_IN), round(height * PX_PER_IN), scale=2)
    return Chart(png, width, height)


def _text(value) -> str:
    """A report row's field as text: pandas gives a missing string as NaN, which is truthy."""
    return "" if value is None or pd.isna(value) else str(value)


def _cover(reports: pd.DataFrame, lang: str, note: str | None) -> tuple[str, list[tuple[str, str]], str]:
    dash = t("unknown_value", lang)

    def label(r) -> str:   # publisher（report date）, as the sidebar names a report
        who = _text(r.publisher) or _text(r.title) or dash
        return f"{who}（{_text(r.report_date)}）" if _text(r.report_date) else who

    if len(reports) == 1:
        r = next(reports.itertuples())
        period = t("period_fmt", lang, a=_text(r.inspection_start) or dash, b=_text(r.inspection_end) or dash)
        facts = [(t("publisher", lang), _text(r.publisher) or dash), (t("inspector", lang), _text(r.inspector) or dash),
                 (t("inspection_period", lang), period), (t("report_date", lang), _text(r.report_date) or dash)]
        title = _text(r.title) or _text(r.publisher) or dash
        footer = label(r)
    else:
        title = t("deck_title_many", lang, n=len(reports))
        facts = [(label(r), _text(r.title)) for r in reports.itertuples()]
        if len(facts) > 8:
            facts = facts[:7] + [("", "…")]
        footer = title
    if note:
        facts.append(("", note))
        footer = f"{footer}　{note}"
    return title, facts, footer


def _metrics(h: totals.Headlines, items: pd.DataFrame, lang: str) -> Slide:
    c = h.completion
    stripe = {"items": ACCENT, "done": STATUS_COLORS["done"], "in_progress": STATUS_COLORS["in_progress"],
              "rate": STATUS_COLORS["done"], "measures": STATUS_COLORS["unknown"]}
    cards = [Card(label, value, color=stripe[key])
             for key, label, value in completion_cells(c, lang)]
    slide = Slide(t("deck_metrics", lang), cards=cards, note=[f"{t('m_rate', lang)}：{completion_source(c, lang)}"])
    beside = stated_beside(c, lang)
    if beside:
        slide.note.append(beside)
    mix = summaries.status_mix(items, lang)
    if mix.empty and c.source != "stated":   # a report that gives only totals draws them (a round's summary)
        slide.empty = t("empty", lang)
    else:
        slide.charts.append(_draw(charts.completion_donut(c, mix, lang), BODY_W, BODY_H - CARDS_H - GAP))
    return slide


def _completion(reports: pd.DataFrame, items: pd.DataFrame, items_all: pd.DataFrame, lang: str) -> Slide:
    """Completion by theme for one report; by report for several (their themes are not the same)."""
    if len(reports) == 1:
        progress = summaries.theme_progress(items, lang)
        if progress.empty:
            return Slide(t("ch_theme_title", lang), empty=t("no_themes", lang))
        fig = charts.theme_bars(progress, lang)
    else:
        fig = charts.report_rates(compare.status_counts(reports, items, items_all), lang)
    title = fig.layout.title.text   # the chart's own title (from lib.views.labels) names the slide
    return Slide(title, charts=[_draw(fig, BODY_W, BODY_H, keep_title=False)])


def _cards(h: totals.Headlines, keys: tuple[str, ...], lang: str, colors: dict[str, str]) -> list[Card]:
    units = {"recovered_wan": t("u_wan", lang), "land_mu": t("u_mu", lang), "parcels": t("u_parcels", lang)}
    return [Card(t("hl_" + k, lang), fmt_number(h.totals[k].value), units.get(k, "") if h.totals[k].value is not None
                 else "", colors.get(k, ACCENT)) for k in keys]


def _notes(h: totals.Headlines, keys: tuple[str, ...], lang: str) -> list[str]:
    """Under the slide: each headline's figures, added (＋) and left out (－) with the reason."""
    out = []
    for k in keys:
        total = h.totals[k]
        if len(total.included) or len(total.excluded):
            out.append(f"{t('hl_' + k, lang)}：{t('hlh_' + k, lang)}")
            out += export.basis_lines(total, lang, limit=8)   # the handout keeps the slide and its note on one page
    return out


def _land(h: totals.Headlines, lang: str) -> Slide:
    keys = ("recovered_wan", "land_mu", "parcels")
    slide = Slide(t("deck_land", lang), cards=_cards(h, keys, lang, {"recovered_wan": STATUS_COLORS["done"],
                                                                   "land_mu": "#009E73", "parcels": "#009E73"}),
                  note=_notes(h, keys, lang))
    money = h.totals["recovered_wan"].included
    area = h.totals["land_mu"].included[h.totals["land_mu"].included["kind"] == "area"]
    figs = []
    if not money.empty:
        figs.append(charts.value_bars(summaries.sums_by_label(money), t("ch_money_title", lang), t("ch_money_x", lang)))
    if not area.empty:
        figs.append(charts.value_bars(summaries.sums_by_label(area), t("ch_land_title", lang), t("ch_land_x", lang),
                                      color="#009E73"))
    width = (BODY_W - GAP * (len(figs) - 1)) / max(1, len(figs))
    slide.charts = [_draw(fig, width, BODY_H - CARDS_H - GAP) for fig in figs]
    if not figs:
        slide.empty = t("no_land", lang)
    return slide


def _discipline(h: totals.Headlines, lang: str) -> Slide:
    keys = ("cases", "case_people", "disciplined_people", "other_accountability_people")
    color = STATUS_COLORS["not_done"]
    slide = Slide(t("deck_discipline", lang), cards=_cards(h, keys, lang, {k: color for k in keys}),
                  note=_notes(h, keys, lang))
    people = summaries.people_sums({k: h.totals[k].included for k in summaries.PEOPLE_COLORS})
    if people.empty:
        if all(h.totals[k].value is None for k in keys):
            slide.empty = t("no_discipline", lang)
    else:
        slide.note.insert(0, t("ch_people_colors", lang))
        fig = charts.value_bars(people, t("ch_sanction_title", lang), t("ch_sanction_x", lang), value_format=",.0f")
        slide.charts.append(_draw(fig, BODY_W, BODY_H - CARDS_H - GAP))
    return slide


# --- the open items: a table, split over slides by the height its text needs ---------------------
def _em(text: str) -> float:
    """Width in ems: CJK and full-width characters take one, the rest about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def _lines(text: str, width: float, size: float = CELL_PT) -> int:
    per_line = max(1.0, (width - 2 * CELL_PAD_H) * 72 / size)
    # 10% slack: line breaks fall between words or before closing punctuation, not exactly at the edge
    return sum(max(1, math.ceil(_em(part) * 1.1 / per_line)) for part in text.split("\n"))


def _row_height(cells: list[str], widths: list[float], size: float = CELL_PT) -> float:
    return max(_lines(c, w, size) for c, w in zip(cells, widths)) * size * LINE / 72 + 2 * CELL_PAD_V


def _clip(text: str, width: float, max_lines: int) -> str:
    """Shorten a cell that could not fit one slide even alone (never for the reports seen so far)."""
    if _lines(text, width) <= max_lines:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _lines(text[:mid] + "…", width) <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + "…"


def latest_measure(measures: str) -> str | None:
    """The last measure the report lists for an item: the newest step, as published."""
    parts = [m for m in (measures or "").split("\n") if m.strip()]
    return parts[-1] if parts else None


def open_items_table(reports: pd.DataFrame, items: pd.DataFrame, lang: str) -> Table | None:
    open_items = items[items["status"] != "done"].sort_values(["report_id", "seq"])
    if open_items.empty:
        return None
    many = len(reports) > 1
    mixed = open_items["status"].nunique() > 1
    header, widths = [t("col_no", lang), t("col_title", lang)], [0.8, 3.7]
    if many:
        header, widths = [t("col_report", lang)] + header, [2.0] + widths
    if mixed:
        header, widths = header + [t("col_status", lang)], widths + [1.5]
    header.append(t("deck_latest_measure", lang))
    widths.append(BODY_W - sum(widths))
    rows = []
    for r in open_items.itertuples():
        row = [_text(r.report)] if many else []
        row += ["" if pd.isna(r.no) else str(r.no), _text(r.title)]
        if mixed:
            row.append(status_label(r.status, lang))
        row.append(latest_measure(_text(r.measures)) or t("no_measures", lang))
        rows.append(row)
    return Table(header, widths, rows)


def _greedy(rows: list[list[str]], heights: list[float], room: float) -> list[list[list[str]]]:
    parts, current, used = [], [], 0.0
    for row, h in zip(rows, heights):
        if current and used + h > room:
            parts.append(current)
            current, used = [], 0.0
        current.append(row)
        used += h
    parts.append(current)
    return parts


def split_table(table: Table, height: float = BODY_H) -> list[Table]:
    """Consecutive rows per slide, each part no taller than `height` inches with its header row, and the
    parts about equally full (17 rows as 6 + 6 + 5, not 8 + 8 + 1)."""
    room = height - _row_height(table.header, table.widths)
    max_lines = int((room - 2 * CELL_PAD_V) * 72 / (CELL_PT * LINE))
    rows = [[_clip(c, w, max_lines) for c, w in zip(row, table.widths)] for row in table.rows]
    heights = [_row_height(r, table.widths) for r in rows]
    parts = _greedy(rows, heights, room)
    if len(parts) > 1:
        # the least room per slide that still needs no more slides
        target = max(max(heights), sum(heights) / len(parts))
        while target < room:
            trial = _greedy(rows, heights, target)
            if len(trial) <= len(parts):
                parts = trial
                break
            target += 0.05
    return [Table(table.header, table.widths, part) for part in parts]


def _open_items(table: Table | None, lang: str) -> list[Slide]:
    title = t("deck_open", lang)
    if table is None:
        return [Slide(title, empty=t("deck_all_done", lang))]
    parts = split_table(table)
    if len(parts) == 1:
        return [Slide(title, table=parts[0])]
    return [Slide(t("deck_part", lang, title=title, i=i, n=len(parts)), table=p) for i, p in enumerate(parts, 1)]


def deck_content(reports: pd.DataFrame, items: pd.DataFrame, quantities: pd.DataFrame, lang: str = "zh",
                 note: str | None = None, items_all: pd.DataFrame | None = None) -> Deck:
    """What the slides and the handout show, with the charts drawn (the slow part: Chromium, once per chart).

    reports: the selected reports' rows (Store.list_reports); items, quantities: their frames as filtered
    (lib.library.frames columns); note: the filter in words when one is active, said on the cover and every footer;
    items_all: the reports' items before filtering (whether every item states a status decides where the
    completion rate comes from). Raises DeckError when the charts cannot be drawn (no Chromium, …).
    """
    if reports.empty:
        raise DeckError("no_reports", t("no_reports", "zh"), t("no_reports", "en"))
    items_all = items if items_all is None else items_all
    h = totals.headlines(reports, items_all, items, quantities, filtered=len(items) != len(items_all))
    title, facts, footer = _cover(reports, lang, note)
    table = open_items_table(reports, items, lang)
    try:
        slides = [_metrics(h, items, lang), _completion(reports, items, items_all, lang), _land(h, lang),
                  _discipline(h, lang)] + _open_items(table, lang)
    except images.ImageError as e:
        raise DeckError(e.code, e.zh, e.en) from e
    return Deck(lang, title, facts, footer, slides, table)


# --- .pptx ----------------------------------------------------------------------------------------
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _xml_text(text: str) -> str:
    """Characters XML cannot hold (stray control codes in a converted document) would abort the save."""
    return _XML_BAD.sub("", str(text))


def _run(paragraph, text: str, size: float, bold: bool = False, color: str = INK):
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement
    from pptx.util import Pt

    if paragraph.alignment is None:
        paragraph.alignment = PP_ALIGN.LEFT   # the default layouts centre titles and shapes' text
    run = paragraph.add_run()
    run.text = _xml_text(text)
    font = run.font
    font.name, font.size, font.bold = FONT, Pt(size), bold
    font.color.rgb = RGBColor.from_string(_hex(color))
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "zh-CN" if _CJK.search(text) else "en-US")
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = OxmlElement("a:ea")
        rpr.find(qn("a:latin")).addnext(ea)   # schema order: latin, ea, cs
    ea.set("typeface", FONT)
    return run


def _frame(tf, anchor=None, margins: float = 0.05):
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches

    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = Inches(margins)
    tf.margin_top = tf.margin_bottom = Inches(0.03)
    if anchor is not None:
        tf.vertical_anchor = anchor
    return tf


def _paragraphs(tf, n: int) -> list:
    """n paragraphs in a fresh text frame (it starts with one)."""
    out = [tf.paragraphs[0]]
    while len(out) < n:
        out.append(tf.add_paragraph())
    return out


def _fit_pt(value: str, unit: str, width: float, most: float = 48, least: float = 22) -> float:
    """The largest size at which the value (and its smaller unit) stays on one line of the card."""
    avail = (width - 0.45) * 72
    size = (avail - _em(unit) * 18 - 6) / max(0.5, _em(value) * 1.05)
    return max(least, min(most, size))


def _rect(slide, left, top, width, height, color: str):
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(_hex(color))
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _pptx_title(slide, text: str) -> None:
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches

    ph = slide.shapes.title
    ph.left, ph.top, ph.width, ph.height = Inches(MARGIN), Inches(TITLE_TOP), Inches(BODY_W), Inches(TITLE_H)
    tf = _frame(ph.text_frame, MSO_ANCHOR.MIDDLE, 0)
    tf.clear()
    _run(tf.paragraphs[0], text, 28, bold=True)
    _rect(slide, Inches(MARGIN), Inches(TITLE_TOP + TITLE_H + 0.02), Inches(BODY_W), Inches(0.04), ACCENT)


def _pptx_footer(slide, text: str, page: str) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(MARGIN), Inches(BODY_BOTTOM + 0.1), Inches(BODY_W - 1.2), Inches(0.35))
    _run(_frame(box.text_frame).paragraphs[0], text, 11, color=MUTED)
    box = slide.shapes.add_textbox(Inches(SLIDE_W - MARGIN - 1.2), Inches(BODY_BOTTOM + 0.1), Inches(1.2), Inches(0.35))
    p = _frame(box.text_frame).paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT
    _run(p, page, 11, color=MUTED)


def _pptx_cards(slide, cards: list[Card], top: float) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    width = (BODY_W - GAP * (len(cards) - 1)) / len(cards)
    for n, card in enumerate(cards):
        left = MARGIN + n * (width + GAP)
        box = _rect(slide, Inches(left), Inches(top), Inches(width), Inches(CARDS_H), CARD_BG)
        _rect(slide, Inches(left), Inches(top), Inches(0.09), Inches(CARDS_H), card.color)
        tf = _frame(box.text_frame, MSO_ANCHOR.MIDDLE, 0.1)
        tf.margin_left = Inches(0.25)
        label, value = _paragraphs(tf, 2)
        label.alignment = value.alignment = PP_ALIGN.LEFT   # a shape's first paragraph comes centred
        _run(label, card.label, 16, color=MUTED)
        _run(value, card.value, _fit_pt(card.value, card.unit, width), bold=True)
        if card.unit:
            _run(value, " " + card.unit, 18, color=MUTED)
        value.space_before = Pt(4)


def _pptx_table(slide, table: Table, top: float) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches

    # Rows get the height of one line: PowerPoint and LibreOffice grow each row to its text, so the table is
    # as compact as the text allows; split_table's estimate, which errs on the tall side, keeps it on the slide.
    one_line = _row_height([""], [BODY_W])
    shape = slide.shapes.add_table(len(table.rows) + 1, len(table.header), Inches(MARGIN), Inches(top),
                                   Inches(BODY_W), Inches(one_line * (len(table.rows) + 1)))
    tbl = shape.table
    for col, w in zip(tbl.columns, table.widths):
        col.width = Inches(w)
    for row in tbl.rows:
        row.height = Inches(one_line)
    for r, values in enumerate([table.header] + table.rows):
        for c, value in enumerate(values):
            cell = tbl.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(ACCENT if r == 0 else ("FFFFFF" if r % 2 else "F4F6F9"))
            cell.margin_left = cell.margin_right = Inches(CELL_PAD_H)
            cell.margin_top = cell.margin_bottom = Inches(CELL_PAD_V)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE if r == 0 else MSO_ANCHOR.TOP
            tf = cell.text_frame
            tf.word_wrap = True
            _run(tf.paragraphs[0], value, CELL_PT, bold=(r == 0), color="FFFFFF" if r == 0 else INK)


def _pptx_empty(slide, text: str, top: float) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(MARGIN), Inches(top), Inches(BODY_W), Inches(BODY_BOTTOM - top))
    p = _frame(box.text_frame, MSO_ANCHOR.MIDDLE).paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    _run(p, text, 24, color=MUTED)


def to_pptx(deck: Deck) -> bytes:
    from pptx import Presentation
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    prs.core_properties.title = _xml_text(deck.title)
    prs.core_properties.author = ""
    total = 1 + len(deck.slides)

    cover = prs.slides.add_slide(prs.slide_layouts[0])   # Title Slide: a real title placeholder
    ph = cover.shapes.title
    ph.left, ph.top, ph.width, ph.height = Inches(0.9), Inches(1.2), Inches(SLIDE_W - 1.8), Inches(2.2)
    tf = _frame(ph.text_frame, MSO_ANCHOR.BOTTOM, 0)
    tf.clear()
    _run(tf.paragraphs[0], deck.title, 36, bold=True)
    _rect(cover, Inches(0.9), Inches(3.6), Inches(2.0), Inches(0.06), ACCENT)
    sub = cover.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(0.9), Inches(3.9), Inches(SLIDE_W - 1.8), Inches(3.0)
    tf = _frame(sub.text_frame, MSO_ANCHOR.TOP, 0)
    tf.clear()
    for p, (label, value) in zip(_paragraphs(tf, len(deck.facts)), deck.facts):
        p.space_after = Pt(6)
        if label:
            _run(p, f"{label}{'：' if deck.lang == 'zh' else ': '}", 20, color=MUTED)
        _run(p, value, 20)

    for n, s in enumerate(deck.slides, start=2):
        slide = prs.slides.add_slide(prs.slide_layouts[5])   # Title Only
        _pptx_title(slide, s.title)
        top = BODY_TOP
        if s.cards:
            _pptx_cards(slide, s.cards, top)
            top += CARDS_H + GAP
        if s.charts:
            width = sum(c.width for c in s.charts) + GAP * (len(s.charts) - 1)
            left = MARGIN + (BODY_W - width) / 2
            for c in s.charts:
                slide.shapes.add_picture(io.BytesIO(c.png), Inches(left), Inches(top), Inches(c.width), Inches(c.height))
                left += c.width + GAP
        if s.table is not None:
            _pptx_table(slide, s.table, top)
        if s.empty:
            _pptx_empty(slide, s.empty, top)
        if s.note:
            # the speaker's notes: what each number adds and leaves out, under the slide
            slide.notes_slide.notes_text_frame.text = _xml_text("\n".join(s.note))
        _pptx_footer(slide, deck.footer, t("deck_page", deck.lang, i=n, n=total))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# --- .pdf: the handout (lib/outputs/handout.py) printed by the same Chromium -----------------------
def to_pdf(deck: Deck) -> bytes:
    from .handout import to_html  # the handout reads this module's palette and slides
    try:
        return images.html_pdf(to_html(deck), footer=deck.footer)
    except images.ImageError as e:
        raise DeckError(e.code, e.zh, e.en) from e


def build_pptx(reports: pd.DataFrame, items: pd.DataFrame, quantities: pd.DataFrame, lang: str = "zh",
               note: str | None = None, items_all: pd.DataFrame | None = None) -> bytes:
    """The meeting slides (.pptx); see deck_content for the arguments. Raises DeckError."""
    return to_pptx(deck_content(reports, items, quantities, lang, note, items_all))


def build_pdf(reports: pd.DataFrame, items: pd.DataFrame, quantities: pd.DataFrame, lang: str = "zh",
              note: str | None = None, items_all: pd.DataFrame | None = None) -> bytes:
    """The same content as an A4 handout (.pdf). Raises DeckError."""
    return to_pdf(deck_content(reports, items, quantities, lang, note, items_all))
