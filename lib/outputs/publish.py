"""The public page: reports as a static site (HTML, CSS, app.js, plotly.min.js) any web server can host, printable on A4."""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from ..ledger.model import Ledger
from ..library import frames
from ..library.store import Store, StoreError
from ..views import charts, summaries, totals
from ..views.labels import (
    STATUS_COLORS,
    STATUS_ORDER,
    completion_cells,
    completion_source,
    fmt_number,
    fmt_rate,
    stated_beside,
    status_label,
    t,
)
from . import export

FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
PAGE_MARGIN_MM = 15
PRINT_WIDTH_MM = 210 - 2 * PAGE_MARGIN_MM          # A4 less the @page margins
PRINT_WIDTH_PX = round(PRINT_WIDTH_MM / 25.4 * 96)  # CSS pixels: what the charts are redrawn at for print

# Only our own files: no CDN, no fonts from elsewhere, no frames, no forms, no fetches.
CSP_SITE = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; base-uri 'none'; form-action 'none'")


def esc(text) -> str:
    """Report text as HTML text: never markup (html.escape also quotes, for attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def script_json(text: str) -> str:
    """JSON for a <script type="application/json">: no '<', '>' or '&' left, so '</script>' cannot close it.

    In JSON those characters only occur inside strings, where \\u003c etc. mean the same character."""
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))



# --- the data of one report ----------------------------------------------------------------------
@dataclass
class ReportData:
    report_id: int
    ledger: Ledger            # header, themes, items with measures, contacts (corrections applied)
    items: pd.DataFrame       # frames.items_frame rows of this report
    quantities: pd.DataFrame  # frames.quantities_frame rows of this report
    headlines: totals.Headlines   # its headline numbers, as every screen shows them


def load_reports(store: Store, report_ids: Iterable[int] | None = None) -> list[ReportData]:
    """The reports to publish, in the order asked (default: every report in the library)."""
    known = [int(i) for i in store.list_reports()["id"]]
    ids = list(dict.fromkeys(int(i) for i in report_ids)) if report_ids else known
    if not ids:
        raise StoreError("no_reports", t("no_reports", "zh"), t("no_reports", "en"))
    missing = [i for i in ids if i not in known]
    if missing:
        raise StoreError("no_report", f"没有编号为 {missing[0]} 的报告", f"No report with id {missing[0]}")
    items_df, quantities_df = store.items_frame(ids), store.quantities_frame(ids)
    rows = store.list_reports()
    out = []
    for i in ids:
        items, quantities = items_df[items_df["report_id"] == i], quantities_df[quantities_df["report_id"] == i]
        out.append(ReportData(i, store.ledger(i), items, quantities,
                              totals.headlines(rows[rows["id"] == i], items, items, quantities)))
    return out


# --- pieces of a page ----------------------------------------------------------------------------
def _figures(r: ReportData, lang: str) -> list[tuple[str, go.Figure | None, str]]:
    """(key, figure or None, empty-state text): completion by theme, status mix, money, sanctions."""
    out: list[tuple[str, go.Figure | None, str]] = []
    progress = summaries.theme_progress(r.items, lang)
    theme_fig = charts.theme_bars(progress, lang) if not progress.empty else None
    if theme_fig is not None:
        theme_fig.update_layout(clickmode="none")   # no selection to filter by on a static page
    out.append(("theme", theme_fig, t("no_themes", lang)))
    mix = summaries.status_mix(r.items, lang)
    out.append(("status", charts.completion_donut(r.headlines.completion, mix, lang) if not mix.empty else None,
                t("empty", lang)))
    money = r.headlines.totals["recovered_wan"].included
    out.append(("money", charts.value_bars(summaries.sums_by_label(money), t("ch_money_title", lang),
                                           t("ch_money_x", lang)) if not money.empty else None,
                t("pub_no_money", lang)))
    sanctions = summaries.people_sums({k: r.headlines.totals[k].included for k in summaries.PEOPLE_COLORS})
    out.append(("sanctions", charts.value_bars(sanctions, t("ch_sanction_title", lang), t("ch_sanction_x", lang),
                                               value_format=",.0f")
                if not sanctions.empty else None, t("pub_no_sanctions", lang)))
    return out


def _header(led: Ledger, lang: str) -> str:
    dash = t("unknown_value", lang)
    period = t("period_fmt", lang, a=led.inspection_start or dash, b=led.inspection_end or dash)
    facts = [("publisher", led.publisher), ("inspector", led.inspector), ("kind", led.kind),
             ("inspection_period", period), ("feedback_date", led.feedback_date), ("report_date", led.report_date)]
    rows = "".join(f"<div><dt>{esc(t(k, lang))}</dt><dd>{esc(v or dash)}</dd></div>" for k, v in facts)
    return f'<h1>{esc(led.title or led.publisher or dash)}</h1>\n<dl class="facts">{rows}</dl>'


HEADLINE_KEYS = ("recovered_wan", "land_mu", "cases", "disciplined_people", "other_accountability_people")
_UNITS = {"recovered_wan": "u_wan", "land_mu": "u_mu"}


def _metrics(r: ReportData, lang: str) -> str:
    """The headline numbers, as on the dashboard: "—" where the report states none, each with its source, and
    each sum opening (<details>) to the figures it adds and those it leaves out."""
    h = r.headlines
    c = h.completion
    cells = completion_cells(c, lang)
    lis = "".join(f'<li class="metric metric-{k}"><span class="label">{esc(label)}</span>'
                  f'<span class="value">{esc(v)}</span></li>' for k, label, v in cells)
    notes = [completion_source(c, lang)] + ([stated_beside(c, lang)] if stated_beside(c, lang) else [])
    sums = []
    for key in HEADLINE_KEYS:
        total = h.totals[key]
        unit = t(_UNITS[key], lang) if key in _UNITS else total.unit
        value = fmt_number(total.value)
        sums.append(f'<li class="metric metric-{key}"><span class="label">{esc(t("hl_" + key, lang))}</span>'
                    f'<span class="value">{esc(value)}{_unit([unit]) if total.value is not None else ""}</span></li>')
    details = []
    for key in HEADLINE_KEYS:
        lines = export.basis_lines(h.totals[key], lang, limit=40)
        if lines:
            details.append(f'<details class="basis"><summary>{esc(t("hl_" + key, lang))}：'
                           f'{esc(t("hlh_" + key, lang))}</summary><ul>'
                           + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul></details>")
    sep = "；" if lang == "zh" else "; "
    return (f'<ul class="metrics">{lis}</ul>\n<p class="note">{esc(sep.join(notes))}</p>'
            f'\n<ul class="metrics sums">{"".join(sums)}</ul>\n' + "".join(details))


def _unit(unit: list[str]) -> str:
    return f' <span class="unit">{esc(unit[0])}</span>' if unit else ""


def _charts(r: ReportData, lang: str) -> tuple[str, str]:
    """The chart boxes and the <script type="application/json"> blocks that hold their figures."""
    boxes, data = [], []
    for key, fig, empty in _figures(r, lang):
        fid = f"fig-{r.report_id}-{key}"
        if fig is None:
            boxes.append(f'<div class="chart-box chart-{key}"><p class="empty">{esc(empty)}</p></div>')
            continue
        boxes.append(f'<div class="chart-box chart-{key}"><div class="chart" data-figure="{fid}"></div></div>')
        data.append(f'<script type="application/json" id="{fid}">{script_json(fig.to_json())}</script>')
    return f'<div class="charts">{"".join(boxes)}</div>', "\n".join(data)


def _status_cell(status: str, raw: str | None, lang: str) -> str:
    label = status_label(status, lang)
    out = f'<span class="st st-{esc(status)}">{esc(label)}</span>'
    if raw and raw != label:
        out += f'<span class="raw">{esc(t("pub_status_raw", lang, raw=raw))}</span>'
    return out


def _items(led: Ledger, lang: str) -> str:
    """Every item with its status and measures, one table per theme, in the report's order."""
    if not led.items:
        return f'<p class="empty">{esc(t("empty", lang))}</p>'
    themes = {th.no: th.title for th in led.themes}
    groups: list[tuple[int | None, list]] = []
    for it in led.items:
        if not groups or groups[-1][0] != it.theme_no:
            groups.append((it.theme_no, []))
        groups[-1][1].append(it)
    head = (f'<thead><tr><th class="no">{esc(t("col_no", lang))}</th><th>{esc(t("col_title", lang))}</th>'
            f'<th class="status">{esc(t("col_status", lang))}</th></tr></thead>')
    out = []
    for theme_no, its in groups:
        if theme_no is not None:
            out.append(f"<h3>{esc(frames.theme_marker(int(theme_no)))}{esc(themes.get(theme_no, ''))}</h3>")
        elif led.themes:
            out.append(f"<h3>{esc(t('pub_no_theme', lang))}</h3>")
        rows = []
        for it in its:
            measures = "".join(f"<li>{esc(m)}</li>" for m in it.measures)
            body = (f'<ol class="measures" aria-label="{esc(t("col_measure_text", lang))}">{measures}</ol>'
                    if measures else f'<p class="none">{esc(t("no_measures", lang))}</p>')
            rows.append(f'<tr><td class="no">{esc(it.no if it.no is not None else "")}</td>'
                        f'<td><p class="title">{esc(it.title)}</p>{body}</td>'
                        f'<td class="status">{_status_cell(it.status, it.status_raw, lang)}</td></tr>')
        out.append(f'<table class="items">{head}<tbody>{"".join(rows)}</tbody></table>')
    return "\n".join(out)


def _contacts(led: Ledger, lang: str) -> str:
    shown = [(k, led.contacts.get(k)) for k in ("phone", "mail", "email") if led.contacts.get(k)]
    if not shown:
        return f'<p class="empty">{esc(t("pub_no_contacts", lang))}</p>'
    rows = []
    for k, v in shown:
        value = esc(v)
        if k == "phone":
            value = f'<a href="tel:{esc("".join(c for c in v if c.isdigit() or c in "+-"))}">{value}</a>'
        elif k == "email" and "@" in v and not any(c.isspace() for c in v):
            value = f'<a href="mailto:{esc(v)}">{value}</a>'
        rows.append(f"<div><dt>{esc(t('pub_' + k, lang))}</dt><dd>{value}</dd></div>")
    return f'<p>{esc(t("pub_contacts_note", lang))}</p><dl class="contacts">{"".join(rows)}</dl>'


def report_section(r: ReportData, lang: str) -> tuple[str, str]:
    """One report as <section>s (overview, items, contacts) and its figures' JSON blocks."""
    chart_boxes, chart_data = _charts(r, lang)
    rid = r.report_id
    body = f"""<article class="report" id="report-{rid}">
<section class="sheet overview" aria-labelledby="h-{rid}">
<header id="h-{rid}">{_header(r.ledger, lang)}</header>
<h2>{esc(t("pub_overview", lang))}</h2>
{_metrics(r, lang)}
{chart_boxes}
</section>
<section class="sheet item-list">
<h2>{esc(t("pub_item_list", lang))}</h2>
{_items(r.ledger, lang)}
</section>
<section class="contacts-box">
<h2>{esc(t("pub_contacts", lang))}</h2>
{_contacts(r.ledger, lang)}
</section>
</article>"""
    return body, chart_data


def _index_table(reports: list[ReportData], lang: str, link) -> str:
    cols = ["col_report", "c_publisher", "c_date", "c_items", "c_done", "c_rate"]
    head = "".join(f"<th>{esc(t(c, lang))}</th>" for c in cols)
    rows = []
    for r in reports:
        c = r.headlines.completion
        name = r.ledger.title or r.ledger.publisher or t("unknown_value", lang)
        done = fmt_number(c.done)
        rows.append(f'<tr><td><a href="{esc(link(r))}">{esc(name)}</a></td><td>{esc(r.ledger.publisher or "")}</td>'
                    f'<td>{esc(r.ledger.report_date or "")}</td><td class="num">{len(r.items)}</td>'
                    f'<td class="num">{esc(done)}</td><td class="num" title="{esc(completion_source(c, lang))}">'
                    f'{esc(fmt_rate(c.rate))}</td></tr>')
    return f'<table class="index"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


# --- whole pages ---------------------------------------------------------------------------------
def _page(title: str, body: str, data: str, lang: str, head_assets: str, tail_assets: str, csp: str,
          toolbar: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="{'en' if lang == 'en' else 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{esc(title)}</title>
{head_assets}
</head>
<body data-charts="loading">
<nav class="toolbar no-print">{toolbar}<button type="button" id="print-button">{esc(t("pub_print", lang))}</button></nav>
<main>
{body}
<footer class="note">{esc(t("pub_note", lang))}</footer>
</main>
{data}
{tail_assets}
</body>
</html>
"""


def _site_page(title: str, body: str, data: str, lang: str, toolbar: str = "") -> bytes:
    head = f'<link rel="stylesheet" href="style.css" {_PLOTLY_CSS_MARK}>{_plotly_style_stand_ins()}'
    tail = ('<script src="plotly.min.js"></script>\n' if data else "") + '<script src="app.js"></script>'
    return _page(title, body, data, lang, head, tail, CSP_SITE, toolbar).encode("utf-8")


def _title(r: ReportData, lang: str) -> str:
    return r.ledger.title or r.ledger.publisher or t("pub_index_title", lang)


def render_site(store: Store, report_ids: Iterable[int] | None = None, lang: str = "zh") -> dict[str, bytes]:
    """File name → content. One report: index.html is its page; several: index.html lists report-<id>.html."""
    reports = load_reports(store, report_ids)
    files = {"style.css": stylesheet().encode("utf-8"), "app.js": app_js().encode("utf-8"),
             "plotly.min.js": get_plotlyjs().encode("utf-8")}
    if len(reports) == 1:
        body, data = report_section(reports[0], lang)
        files["index.html"] = _site_page(_title(reports[0], lang), body, data, lang)
        return files
    back = f'<a href="index.html">{esc(t("pub_back", lang))}</a>'
    for r in reports:
        body, data = report_section(r, lang)
        files[f"report-{r.report_id}.html"] = _site_page(_title(r, lang), body, data, lang, back)
    index = (f'<h1>{esc(t("pub_index_title", lang))}</h1>\n<p>{esc(t("pub_index_intro", lang, n=len(reports)))}</p>\n'
             + _index_table(reports, lang, lambda r: f"report-{r.report_id}.html"))
    files["index.html"] = _site_page(t("pub_index_title", lang), index, "", lang)
    return files


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_printable(store: Store, report_ids: Iterable[int] | None = None, lang: str = "zh") -> bytes:
    """One self-contained HTML file (for a download): every report a section, scripts and styles inline,
    each allowed by its hash in the CSP, so still no inline code but ours runs."""
    reports = load_reports(store, report_ids)
    parts = [report_section(r, lang) for r in reports]
    body = "\n".join(p[0] for p in parts)
    data = "\n".join(p[1] for p in parts)
    css, plotly_js, app = stylesheet(), get_plotlyjs(), app_js()
    csp = (f"default-src 'none'; script-src {_sha256(plotly_js)} {_sha256(app)}; style-src {_sha256(css)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    title = _title(reports[0], lang) if len(reports) == 1 else t("pub_index_title", lang)
    # get_plotlyjs() holds no "</script" (it is made to be inlined); app.js and the CSS are ours
    tail = f"<script>{plotly_js}</script>\n<script>{app}</script>"
    head = f"<style {_PLOTLY_CSS_MARK}>{css}</style>{_plotly_style_stand_ins()}"
    return _page(title, body, data, lang, head, tail, csp, "").encode("utf-8")


def write_site(out_dir: str | os.PathLike, files: dict[str, bytes]) -> list[Path]:
    """Write each file (created or replaced whole, never half-written); other files in out_dir stay."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"not a plain file name: {name!r}")
        target = out / name
        tmp = out / f".{name}.tmp"
        tmp.write_bytes(content)
        os.replace(tmp, target)
        written.append(target)
    return written


# --- the static assets ---------------------------------------------------------------------------
# plotly.js inserts its own rules into a new <style> element, which a CSP without 'unsafe-inline' blocks.
# It skips that when an element with this id and class exists: our stylesheet, which carries the rules
# (from plotly.js's src/css) that static charts need.
_PLOTLY_CSS_MARK = 'id="plotly.js-style-global" class="no-inline-styles"'
_PLOTLY_RULES = """
.js-plotly-plot .plotly, .js-plotly-plot .plotly div { direction: ltr; margin: 0; padding: 0; border: 0; }
.js-plotly-plot .plotly .crisp { shape-rendering: crispEdges; }
.js-plotly-plot .plotly .user-select-none { -webkit-user-select: none; user-select: none; }
.js-plotly-plot .plotly svg a { fill: #447adb; }
.js-plotly-plot .plotly .main-svg { position: absolute; top: 0; left: 0; pointer-events: none; }
.js-plotly-plot .plotly .main-svg .draglayer { pointer-events: all; }
.js-plotly-plot .plotly .cursor-default { cursor: default; }
.js-plotly-plot .plotly .cursor-pointer { cursor: pointer; }
.js-plotly-plot .plotly .cursor-crosshair { cursor: crosshair; }
.js-plotly-plot .plotly .cursor-move { cursor: move; }
.js-plotly-plot .plotly .cursor-ew-resize { cursor: ew-resize; }
.js-plotly-plot .plotly .cursor-ns-resize { cursor: ns-resize; }
.js-plotly-plot .plotly .modebar { display: none; }
"""

# At load, plotly.js also inserts the map library's stylesheet unless an element with its id exists; we draw
# no maps, so an empty <template> with that id keeps the blocked <style> (and its console error) away.
_BUNDLED_STYLE_ID = re.compile(r'getElementById\("([\w-]+)"\)\)\{var \w+=document\.createElement\("style"\)')


@functools.lru_cache(maxsize=1)
def _plotly_style_stand_ins() -> str:
    return "".join(f'<template id="{esc(i)}"></template>' for i in _BUNDLED_STYLE_ID.findall(get_plotlyjs()))


def stylesheet() -> str:
    status_rules = "\n".join(f".st-{s}::before {{ background: {STATUS_COLORS[s]}; }}" for s in STATUS_ORDER)
    return f"""/* 整改看板 public page: screen, and print on A4 */
:root {{ --fg: #1f1f1f; --muted: #595959; --line: #d6d6d6; --accent: #0072B2; --soft: #f5f7fa; }}
* {{ box-sizing: border-box; }}
html {{ font-family: {FONT_STACK}; color: var(--fg); background: #fff; font-size: 16px; line-height: 1.65; }}
body {{ margin: 0; }}
main {{ max-width: 1160px; margin: 0 auto; padding: 8px 24px 48px; }}
a {{ color: var(--accent); }}
.toolbar {{ max-width: 1160px; margin: 0 auto; padding: 12px 24px 0; display: flex; gap: 16px;
  justify-content: flex-end; align-items: center; }}
.toolbar a {{ margin-right: auto; }}
.toolbar button {{ font: inherit; font-size: .875rem; padding: 4px 14px; border: 1px solid var(--line);
  border-radius: 4px; background: #fff; color: var(--fg); cursor: pointer; }}
.toolbar button:hover, .toolbar button:focus-visible {{ border-color: var(--accent); }}
h1 {{ font-size: 1.75rem; line-height: 1.35; margin: 8px 0 16px; }}
h2 {{ font-size: 1.3rem; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--fg); }}
h3 {{ font-size: 1.05rem; margin: 24px 0 8px; }}
.facts, .contacts {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 8px 24px;
  margin: 0; padding: 14px 18px; background: var(--soft); border-radius: 6px; }}
.contacts {{ grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }}
dt {{ color: var(--muted); font-size: .85rem; }}
dd {{ margin: 0; font-weight: 500; overflow-wrap: anywhere; }}
.metrics {{ list-style: none; padding: 0; margin: 16px 0 4px; display: grid;
  grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; }}
.metric {{ border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }}
.metric .label {{ display: block; color: var(--muted); font-size: .85rem; }}
.metric .value {{ display: block; font-size: 1.7rem; font-weight: 600; line-height: 1.3; }}
.metric .unit {{ font-size: .95rem; font-weight: 500; white-space: nowrap; }}
.note {{ color: var(--muted); font-size: .85rem; }}
.basis {{ margin: 4px 0; font-size: .9rem; }}
.basis summary {{ cursor: pointer; color: var(--muted); }}
.basis ul {{ margin: 4px 0 8px; padding-left: 1.4em; }}
footer.note {{ margin-top: 40px; border-top: 1px solid var(--line); padding-top: 8px; }}
.charts {{ display: grid; grid-template-columns: 3fr 2fr; gap: 16px 24px; margin-top: 16px; }}
.chart-box {{ min-width: 0; }}
.empty {{ color: var(--muted); padding: 12px 0; }}
table {{ width: 100%; border-collapse: collapse; }}
th, td {{ text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }}
thead th {{ font-size: .85rem; color: var(--muted); font-weight: 500; border-bottom: 1px solid var(--fg);
  white-space: nowrap; }}
td.no, th.no {{ width: 4em; text-align: right; font-variant-numeric: tabular-nums; }}
td.status, th.status {{ width: 11em; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.title {{ margin: 0 0 4px; font-weight: 600; }}
.measures {{ margin: 0; padding-left: 1.6em; color: #333; font-size: .92rem; }}
.none {{ margin: 0; color: var(--muted); font-size: .9rem; }}
.st {{ white-space: nowrap; font-weight: 500; }}
.st::before {{ content: ""; display: inline-block; width: .7em; height: .7em; border-radius: 50%;
  margin-right: .4em; vertical-align: 0; }}
{status_rules}
{_PLOTLY_RULES}
.raw {{ display: block; color: var(--muted); font-size: .8rem; }}
.report + .report {{ margin-top: 48px; border-top: 4px double var(--line); }}
@media (max-width: 820px) {{
  main, .toolbar {{ padding-left: 14px; padding-right: 14px; }}
  .charts {{ grid-template-columns: 1fr; }}
  td.status, th.status {{ width: auto; }}
}}
@page {{ size: A4; margin: {PAGE_MARGIN_MM}mm; }}
@media print {{
  html {{ font-size: 10.5pt; color: #000; background: #fff; }}
  :root {{ --fg: #000; --muted: #000; --soft: #fff; }}
  .no-print {{ display: none !important; }}
  main {{ max-width: none; padding: 0; }}
  a {{ color: #000; text-decoration: none; }}
  .facts, .contacts {{ padding: 0; }}
  .metric {{ border-color: #777; }}
  .charts {{ display: block; }}
  .chart-box {{ width: {PRINT_WIDTH_MM}mm; break-inside: avoid; margin-bottom: 4mm; }}
  .sheet + .sheet, .report + .report {{ break-before: page; }}
  .report + .report {{ margin-top: 0; border-top: 0; }}
  h2, h3 {{ break-after: avoid; }}
  tr, .contacts-box {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  .measures {{ color: #000; }}
  .basis summary {{ color: #000; }}
  .st::before {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
  footer.note {{ margin-top: 8mm; }}
}}
"""


def app_js() -> str:
    return """/* Draws the figures embedded in the page as JSON with plotly.js; redraws them at A4 width to print. */
(function () {
  "use strict";
  var PRINT_WIDTH_PX = %d;
  var CONFIG = {displayModeBar: false, responsive: true, displaylogo: false};
  var charts = [];
  var printing = false;

  function mark(state) { document.body.setAttribute("data-charts", state); }

  function draw() {
    var drawn = [];
    document.querySelectorAll("div.chart[data-figure]").forEach(function (div) {
      var src = document.getElementById(div.getAttribute("data-figure"));
      if (!src) { return; }
      var fig = JSON.parse(src.textContent);
      charts.push(div);
      drawn.push(Plotly.newPlot(div, fig.data, fig.layout, CONFIG));
    });
    return Promise.all(drawn);
  }

  function fit(toPrint) {
    if (toPrint === printing) { return; }
    printing = toPrint;
    mark("busy");
    Promise.all(charts.map(function (gd) {
      return Plotly.relayout(gd, toPrint ? {width: PRINT_WIDTH_PX} : {width: null, autosize: true});
    })).then(function () { mark(toPrint ? "print" : "screen"); });
  }

  var button = document.getElementById("print-button");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
  if (!document.querySelector("div.chart[data-figure]")) { mark("none"); return; }
  if (typeof Plotly === "undefined") { mark("unavailable"); return; }
  var media = window.matchMedia("print");
  draw().then(function () {
    mark("screen");
    media.addEventListener("change", function (e) { fit(e.matches); });
    if (media.matches) { fit(true); }
  });
  window.addEventListener("beforeprint", function () { fit(true); });
  // a print preview closed, unless print media is still on (emulated: the change event restores then)
  window.addEventListener("afterprint", function () { if (!media.matches) { fit(false); } });
})();
""" % PRINT_WIDTH_PX
