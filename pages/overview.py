"""总览: who inspected whom and when, how much is done, which themes (or reports) lag."""
from __future__ import annotations

import streamlit as st

import ui
from lib.outputs import publish
from lib.views import charts, compare, selection, summaries
from lib.views.labels import t

ctx = ui.context()
lang = ctx.lang
dash = t("unknown_value", lang)


def _select_theme() -> None:
    """A click on a theme's bar filters every page to that theme."""
    points = st.session_state["theme_chart"].selection.get("points", [])
    themes = sorted({str(int(p["customdata"][0])) for p in points if p.get("customdata")})
    if themes:
        st.session_state[ui.KEY_THEME] = themes


# The figures are cached as plain dicts for the library, reports, data version, filters and language they show
# (report ids and versions repeat between libraries):
# building plotly figures is the costliest part of this page when many sessions rerun it.
@st.cache_data(show_spinner=False, max_entries=64)
def _theme_figure(library: str | None, ids: tuple[int, ...], version: str, filters: selection.Filters,
                  lang: str) -> dict | None:
    progress = summaries.theme_progress(filters.apply(ui.load_frame("items", ids)), lang)
    return None if progress.empty else charts.theme_bars(progress, lang).to_plotly_json()


@st.cache_data(show_spinner=False, max_entries=64)
def _donut_figure(library: str | None, ids: tuple[int, ...], version: str, filters: selection.Filters,
                  lang: str) -> dict:
    items = filters.apply(ui.load_frame("items", ids))
    completion = ui.headlines_of(ids, filters).completion   # the same cached numbers as the metrics
    return charts.completion_donut(completion, summaries.status_mix(items, lang), lang).to_plotly_json()


def header_card(r) -> None:
    with st.container(border=True):
        st.subheader(ui.md_text(r.title or r.publisher or dash), anchor=False)
        c1, c2, c3, c4 = st.columns(4)
        period = t("period_fmt", lang, a=r.inspection_start or dash, b=r.inspection_end or dash)
        c1.markdown(f"**{t('publisher', lang)}**  \n{ui.md_text(r.publisher or dash)}")
        c2.markdown(f"**{t('inspector', lang)}**  \n{ui.md_text(r.inspector or dash)}")
        c3.markdown(f"**{t('inspection_period', lang)}**  \n{period}")
        c4.markdown(f"**{t('feedback_date', lang)}** {r.feedback_date or dash}  \n"
                    f"**{t('report_date', lang)}** {r.report_date or dash}")


if len(ctx.reports) <= 3:
    for r in ctx.reports.itertuples():
        header_card(r)
else:
    st.caption(t("n_reports", lang, n=len(ctx.reports)))

ui.show_caption(ctx)
h = ctx.headlines
ui.completion_metrics(h, lang)
# what leaders ask next: money, land, cases, people; "—" where the reports state none of it
ui.headline_row(h, ("recovered_wan", "land_mu", "cases", "disciplined_people", "other_accountability_people"),
                    lang, "ov")
ui.deadline_lights(ctx)   # a 台账's deadlines: overdue, due soon, on track, done

if ctx.items.empty and h.completion.source != "stated":
    st.info(t("empty", lang))
else:
    left, right = st.columns([3, 2])
    with left:
        if ctx.items_all.empty:
            st.info(t("no_item_list", lang))       # a round's summary: its totals are on the right
        elif len(ctx.report_ids) == 1:
            theme_fig = _theme_figure(ui.library(), ctx.report_ids, ui.version(), ctx.filters, lang)
            if theme_fig is None:
                st.info(t("no_themes", lang))
            else:
                st.plotly_chart(theme_fig, key="theme_chart", on_select=_select_theme,
                                selection_mode="points", theme=None, config={"displayModeBar": False})
                st.caption(t("ch_theme_hint", lang))
                if (ctx.items["status"] == "unknown").all():
                    st.caption(t("all_unknown_hint", lang))
        else:
            per = compare.status_counts(ctx.reports, ctx.items, ctx.items_all)
            st.plotly_chart(charts.report_rates(per, lang), theme=None, config={"displayModeBar": False},
                            key="report_rates")
    with right:
        st.plotly_chart(_donut_figure(ui.library(), ctx.report_ids, ui.version(), ctx.filters, lang), theme=None,
                        config={"displayModeBar": False}, key="status_donut")

@st.cache_data(show_spinner=False, max_entries=4)
def _printable(ids: tuple[int, ...], version: str, lang: str) -> bytes:
    return publish.render_printable(ui.store(), list(ids), lang)


if ctx.report_ids:
    ids, version = ctx.report_ids, ui.version()
    # built only when clicked (a callable): the file carries plotly.js, about 5 MB
    st.download_button(t("print_view", lang), lambda: _printable(ids, version, lang), file_name="rectification-overview.html",
                       mime="text/html", icon=":material/print:", on_click="ignore", help=t("print_view_help", lang))

if len(ctx.report_ids) == 1 and not ui.public_mode():   # parser notes are for analysts
    led = ctx.ledger(ctx.report_ids[0])
    for w_zh, w_en in zip(led.warnings, led.warnings_en):
        st.warning(ui.md_text(f"{t('warnings', lang)}：{w_en if lang == 'en' else w_zh}"), icon=":material/info:")
