"""The public page: reports as a static site (HTML, CSS, app.js, plotly.min.js) any web server can host, printable on A4."""
from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup
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
from .templates import render

FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
PAGE_MARGIN_MM = 15
PRINT_WIDTH_MM = 210 - 2 * PAGE_MARGIN_MM          # A4 less the @page margins
PRINT_WIDTH_PX = round(PRINT_WIDTH_MM / 25.4 * 96)  # CSS pixels: what the charts are redrawn at for print

# Only our own files: no CDN, no fonts from elsewhere, no frames, no forms, no fetches.
CSP_SITE = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; base-uri 'none'; form-action 'none'")


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


# --- pieces of a page: plain values for the templates, which escape every one of them ------------------
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


def _facts(led: Ledger, lang: str) -> list[tuple[str, str]]:
    dash = t("unknown_value", lang)
    period = t("period_fmt", lang, a=led.inspection_start or dash, b=led.inspection_end or dash)
    facts = [("publisher", led.publisher), ("inspector", led.inspector), ("kind", led.kind),
             ("inspection_period", period), ("feedback_date", led.feedback_date), ("report_date", led.report_date)]
    return [(t(k, lang), v or dash) for k, v in facts]


HEADLINE_KEYS = ("recovered_wan", "land_mu", "cases", "disciplined_people", "other_accountability_people")
_UNITS = {"recovered_wan": "u_wan", "land_mu": "u_mu"}


def _sums(r: ReportData, lang: str) -> list[dict]:
    """The headline sums, as on the dashboard: "—" where the report states none, a unit only beside a number."""
    out = []
    for key in HEADLINE_KEYS:
        total = r.headlines.totals[key]
        unit = t(_UNITS[key], lang) if key in _UNITS else total.unit
        out.append({"key": key, "label": t("hl_" + key, lang), "value": fmt_number(total.value),
                    "unit": unit if total.value is not None else None})
    return out


def _bases(r: ReportData, lang: str) -> list[dict]:
    """Each sum opening (<details>) to the figures it adds and those it leaves out."""
    out = []
    for key in HEADLINE_KEYS:
        lines = export.basis_lines(r.headlines.totals[key], lang, limit=40)
        if lines:
            out.append({"summary": f'{t("hl_" + key, lang)}：{t("hlh_" + key, lang)}', "lines": lines})
    return out


def _completion_note(r: ReportData, lang: str) -> str:
    c = r.headlines.completion
    notes = [completion_source(c, lang)] + ([stated_beside(c, lang)] if stated_beside(c, lang) else [])
    return ("；" if lang == "zh" else "; ").join(notes)


def _charts(r: ReportData, lang: str) -> tuple[list[dict], list[tuple[str, Markup]]]:
    """The chart boxes, and (id, figure JSON) for the <script type="application/json"> blocks that hold them."""
    boxes, data = [], []
    for key, fig, empty in _figures(r, lang):
        fid = f"fig-{r.report_id}-{key}" if fig is not None else None
        boxes.append({"key": key, "fid": fid, "empty": empty})
        if fig is not None:
            # built here from the figure, with every <, > and & written as a JSON escape: no markup can close it
            data.append((fid, Markup(script_json(fig.to_json()))))
    return boxes, data


def _groups(led: Ledger, lang: str) -> list[dict]:
    """Every item with its status and measures, one group (a table) per run of a theme, in the report's order."""
    themes = {th.no: th.title for th in led.themes}
    groups: list[dict] = []
    for it in led.items:
        if not groups or groups[-1]["theme_no"] != it.theme_no:
            if it.theme_no is not None:
                heading = frames.theme_marker(int(it.theme_no)) + (themes.get(it.theme_no) or "")
            else:
                heading = t("pub_no_theme", lang) if led.themes else None
            groups.append({"theme_no": it.theme_no, "heading": heading, "rows": []})
        label = status_label(it.status, lang)
        groups[-1]["rows"].append({
            "no": it.no if it.no is not None else "", "title": it.title, "measures": list(it.measures),
            "status": it.status, "status_label": label,
            "raw": t("pub_status_raw", lang, raw=it.status_raw) if it.status_raw and it.status_raw != label else None})
    return groups


def _contacts(led: Ledger, lang: str) -> list[dict]:
    out = []
    for k in ("phone", "mail", "email"):
        v = led.contacts.get(k)
        if not v:
            continue
        href = None
        if k == "phone":
            href = "tel:" + "".join(c for c in v if c.isdigit() or c in "+-")
        elif k == "email" and "@" in v and not any(c.isspace() for c in v):
            href = "mailto:" + v
        out.append({"label": t("pub_" + k, lang), "value": v, "href": href})
    return out


def _text(lang: str) -> dict[str, str]:
    keys = {"overview": "pub_overview", "item_list": "pub_item_list", "contacts": "pub_contacts",
            "contacts_note": "pub_contacts_note", "no_contacts": "pub_no_contacts", "empty": "empty",
            "col_no": "col_no", "col_title": "col_title", "col_status": "col_status",
            "col_measure_text": "col_measure_text", "no_measures": "no_measures"}
    return {name: t(key, lang) for name, key in keys.items()}


def report_section(r: ReportData, lang: str) -> tuple[Markup, list[tuple[str, Markup]]]:
    """One report as <section>s (overview, items, contacts), and its figures' (id, JSON)."""
    boxes, data = _charts(r, lang)
    led = r.ledger
    view = {"id": r.report_id, "title": led.title or led.publisher or t("unknown_value", lang),
            "facts": _facts(led, lang), "completion": completion_cells(r.headlines.completion, lang),
            "completion_note": _completion_note(r, lang), "sums": _sums(r, lang), "bases": _bases(r, lang),
            "charts": boxes, "groups": _groups(led, lang), "contacts": _contacts(led, lang)}
    return Markup(render("report.html.j2", r=view, text=_text(lang))), data


def _index(reports: list[ReportData], lang: str) -> Markup:
    cols = ["col_report", "c_publisher", "c_date", "c_items", "c_done", "c_rate"]
    rows = []
    for r in reports:
        c = r.headlines.completion
        rows.append({"href": f"report-{r.report_id}.html",
                     "name": r.ledger.title or r.ledger.publisher or t("unknown_value", lang),
                     "publisher": r.ledger.publisher or "", "date": r.ledger.report_date or "",
                     "n_items": len(r.items), "done": fmt_number(c.done), "source": completion_source(c, lang),
                     "rate": fmt_rate(c.rate)})
    return Markup(render("site_index.html.j2", heading=t("pub_index_title", lang),
                         intro=t("pub_index_intro", lang, n=len(reports)),
                         columns=[t(c, lang) for c in cols], rows=rows))


# --- whole pages ---------------------------------------------------------------------------------
def _page(title: str, body: Markup, figures: list[tuple[str, Markup]], lang: str, csp: str, *,
          back: bool = False, inline: dict[str, str] | None = None) -> bytes:
    """A page around `body`: linked to style.css, plotly.min.js and app.js, or (inline) holding them."""
    inline = inline or {}
    return render(
        "site_page.html.j2", lang="en" if lang == "en" else "zh-CN", csp=csp, title=title, body=body,
        figures=figures, footer=t("pub_note", lang), print_label=t("pub_print", lang),
        back_href="index.html" if back else None, back_label=t("pub_back", lang),
        stylesheet_href=None if inline else "style.css", plotly_css_mark=Markup(_PLOTLY_CSS_MARK),
        style_stand_ins=_plotly_style_stand_ins(),
        # ours, inlined whole: the stylesheet and app.js we wrote, plotly.js made to be inlined (no "</script")
        inline_css=Markup(inline.get("css", "")), inline_plotly=Markup(inline.get("plotly", "")),
        inline_app=Markup(inline.get("app", ""))).encode("utf-8")


def _title(r: ReportData, lang: str) -> str:
    return r.ledger.title or r.ledger.publisher or t("pub_index_title", lang)


def render_site(store: Store, report_ids: Iterable[int] | None = None, lang: str = "zh") -> dict[str, bytes]:
    """File name → content. One report: index.html is its page; several: index.html lists report-<id>.html."""
    reports = load_reports(store, report_ids)
    files = {"style.css": stylesheet().encode("utf-8"), "app.js": app_js().encode("utf-8"),
             "plotly.min.js": get_plotlyjs().encode("utf-8")}
    if len(reports) == 1:
        body, data = report_section(reports[0], lang)
        files["index.html"] = _page(_title(reports[0], lang), body, data, lang, CSP_SITE)
        return files
    for r in reports:
        body, data = report_section(r, lang)
        files[f"report-{r.report_id}.html"] = _page(_title(r, lang), body, data, lang, CSP_SITE, back=True)
    files["index.html"] = _page(t("pub_index_title", lang), _index(reports, lang), [], lang, CSP_SITE)
    return files


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_printable(store: Store, report_ids: Iterable[int] | None = None, lang: str = "zh") -> bytes:
    """One self-contained HTML file (for a download): every report a section, scripts and styles inline,
    each allowed by its hash in the CSP, so still no inline code but ours runs."""
    reports = load_reports(store, report_ids)
    parts = [report_section(r, lang) for r in reports]
    body = Markup("\n").join(p[0] for p in parts)
    figures = [f for p in parts for f in p[1]]
    css, plotly_js, app = stylesheet(), get_plotlyjs(), app_js()
    csp = (f"default-src 'none'; script-src {_sha256(plotly_js)} {_sha256(app)}; style-src {_sha256(css)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    title = _title(reports[0], lang) if len(reports) == 1 else t("pub_index_title", lang)
    return _page(title, body, figures, lang, csp, inline={"css": css, "plotly": plotly_js, "app": app})


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
# At load, plotly.js also inserts the map library's stylesheet unless an element with its id exists; we draw
# no maps, so an empty <template> with that id keeps the blocked <style> (and its console error) away.
_BUNDLED_STYLE_ID = re.compile(r'getElementById\("([\w-]+)"\)\)\{var \w+=document\.createElement\("style"\)')


@functools.lru_cache(maxsize=1)
def _plotly_style_stand_ins() -> Markup:
    return Markup("").join(Markup('<template id="{}"></template>').format(i)
                           for i in _BUNDLED_STYLE_ID.findall(get_plotlyjs()))


def stylesheet() -> str:
    return render("site.css", font_stack=FONT_STACK, page_margin_mm=PAGE_MARGIN_MM, print_width_mm=PRINT_WIDTH_MM,
                  status_colors=[(s, STATUS_COLORS[s]) for s in STATUS_ORDER])


def app_js() -> str:
    return render("app.js", print_width_px=PRINT_WIDTH_PX)
