"""大屏: a dark, full-width screen for a lobby or a website embed, rotating through slides on its own.

URL: ?report=1&slides=metrics,themes,land,discipline,progress&interval=15 (also with &embed=true).
"""
from __future__ import annotations

import streamlit as st

import ui
from lib.views import charts, screens, summaries
from lib.views.labels import t

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
# The screen's own look (no document text here): dark, high contrast, no sidebar or header.
st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
[data-testid="stApp"], [data-testid="stMain"] {background: #0B1526; color: #F2F2F2;}
[data-testid="stMainBlockContainer"] {padding: 1.5rem 3rem; max-width: 100%;}
[data-testid="stMetricLabel"] p {font-size: 2rem !important; color: #C9D4E5;}
[data-testid="stMetricValue"] {font-size: 5.5rem !important; color: #FFFFFF; line-height: 1.1;}
h1, h2, h3, p, li, span, div {color: #F2F2F2;}
.stMarkdown p, .stMarkdown li {font-size: 1.9rem; line-height: 1.5;}
[data-testid="stCaptionContainer"] p {font-size: 1.3rem; color: #AFC0D6;}
a, a:visited {color: #9CC3FF !important;}
</style>""")

ctx = ui.context()
lang = ctx.lang
config = screens.parse_config(st.query_params.get("slides"), st.query_params.get("interval"))


def metrics_slide() -> None:
    ui.completion_metrics(ctx.headlines, lang, big=True)
    st.plotly_chart(charts.completion_donut(ctx.headlines.completion, summaries.status_mix(ctx.items, lang), lang,
                                            dark=True), theme=None,
                    config={"displayModeBar": False, "staticPlot": True}, key="bs_donut")


def themes_slide() -> None:
    progress = summaries.theme_progress(ctx.items, lang)
    if progress.empty:
        st.markdown(t("bs_no_data", lang))
        return
    st.plotly_chart(charts.theme_bars(progress, lang, dark=True), theme=None,
                    config={"displayModeBar": False, "staticPlot": True}, key="bs_themes")


def land_slide() -> None:
    h = ctx.headlines
    ui.headline_row(h, ("recovered_wan", "land_mu", "parcels"), lang, "bs_land")
    money = h.totals["recovered_wan"].included
    if not money.empty:
        st.plotly_chart(charts.value_bars(summaries.sums_by_label(money), t("ch_money_title", lang), t("ch_money_x", lang),
                                          dark=True), theme=None, config={"displayModeBar": False, "staticPlot": True},
                        key="bs_money")


def discipline_slide() -> None:
    h = ctx.headlines
    ui.headline_row(h, ("cases", "disciplined_people", "other_accountability_people"), lang, "bs_disc")
    people = summaries.people_sums({k: h.totals[k].included for k in summaries.PEOPLE_COLORS})
    if not people.empty:
        st.plotly_chart(charts.value_bars(people, t("ch_sanction_title", lang), t("ch_sanction_x", lang), dark=True,
                                          value_format=",.0f"),
                        theme=None, config={"displayModeBar": False, "staticPlot": True}, key="bs_sanctions")


def progress_slide() -> None:
    shown, more = screens.in_progress_titles(ctx.items)
    if not shown:
        st.markdown(t("bs_none_in_progress", lang))
        return
    st.markdown("\n".join(f"- {ui.md_text(line)}" for line in shown))
    if more:
        st.caption(t("bs_more", lang, n=more))


SLIDE_VIEWS = {"metrics": metrics_slide, "themes": themes_slide, "land": land_slide,
               "discipline": discipline_slide, "progress": progress_slide}


@st.fragment(run_every=config.interval)
def rotating_screen() -> None:
    """Each timed rerun of this fragment shows the next slide; the rest of the page stays as it is."""
    n = len(config.slides)
    index = st.session_state.get("bs_index", -1) + 1
    st.session_state["bs_index"] = index
    slide = config.slides[index % n]
    title = st.session_state.get("bs_title", "")
    # the themes chart's own title says what it counts; a heading above it would say it twice
    heading = "" if slide == "themes" else f"  \n### {t('bs_' + slide, lang)}"
    st.markdown(f"## {ui.md_text(title)}{heading}")
    SLIDE_VIEWS[slide]()
    st.caption(t("bs_slide", lang, i=index % n + 1, n=n))


if ctx.items.empty and ctx.reports.empty:
    st.markdown(t("bs_no_data", lang))
else:
    first = ctx.reports.iloc[0] if len(ctx.reports) == 1 else None
    st.session_state["bs_title"] = (first["title"] or first["publisher"] or "") if first is not None else \
        t("n_reports", lang, n=len(ctx.reports))
    rotating_screen()
    if first is not None:
        contacts = ctx.ledger(int(first["id"])).contacts
        parts = [f"{t('bs_' + k, lang)}：{contacts[k]}" for k in ("phone", "mail", "email") if contacts.get(k)]
        if parts:
            st.caption(ui.md_text(f"{t('bs_contacts', lang)} · " + " · ".join(parts)))
