"""总览: who inspected whom and when, how much is done, which themes lag."""
from __future__ import annotations

import streamlit as st

from lib import charts, frames
from lib.labels import t
from pages import common

ctx = common.context()
lang = ctx.lang


def _select_theme() -> None:
    """A click on a theme's bar filters every page to that theme."""
    points = st.session_state["theme_chart"].selection.get("points", [])
    themes = sorted({str(int(p["customdata"][0])) for p in points if p.get("customdata")})
    if themes:
        st.session_state[common.KEY_THEME] = themes


def header_card(ledger) -> None:
    with st.container(border=True):
        st.subheader(ledger.title or ledger.publisher or "—", anchor=False)
        c1, c2, c3, c4 = st.columns(4)
        dash = t("unknown_value", lang)
        period = t("period_fmt", lang, a=ledger.inspection_start or dash, b=ledger.inspection_end or dash)
        c1.markdown(f"**{t('publisher', lang)}**  \n{common.md_text(ledger.publisher or dash)}")
        c2.markdown(f"**{t('inspector', lang)}**  \n{common.md_text(ledger.inspector or dash)}")
        c3.markdown(f"**{t('inspection_period', lang)}**  \n{period}")
        c4.markdown(f"**{t('feedback_date', lang)}** {ledger.feedback_date or dash}  \n"
                    f"**{t('report_date', lang)}** {ledger.report_date or dash}")


for ledger in ctx.ledgers.values():
    header_card(ledger)

common.show_caption(ctx)
s = frames.summary(ctx.items)
cols = st.columns(5)
cols[0].metric(t("m_items", lang), s["items"])
cols[1].metric(t("m_done", lang), s["done"])
cols[2].metric(t("m_in_progress", lang), s["in_progress"])
cols[3].metric(t("m_rate", lang), f"{s['rate']:.0%}" if s["rate"] is not None else "—", help=t("rate_help", lang))
cols[4].metric(t("m_measures", lang), s["measures"])

if ctx.items.empty:
    st.info(t("empty", lang))
else:
    left, right = st.columns([3, 2])
    with left:
        progress = frames.theme_progress(ctx.items, lang)
        if progress.empty:
            st.info(t("empty", lang))
        else:
            st.plotly_chart(charts.theme_bars(progress, lang), key="theme_chart", on_select=_select_theme,
                            selection_mode="points", theme=None, config={"displayModeBar": False})
            st.caption(t("ch_theme_hint", lang))
    with right:
        st.plotly_chart(charts.status_donut(frames.status_mix(ctx.items, lang), lang), theme=None,
                        config={"displayModeBar": False}, key="status_donut")

for ledger in ctx.ledgers.values():
    for w_zh, w_en in zip(ledger.warnings, ledger.warnings_en):
        st.warning(f"{t('warnings', lang)}：{w_en if lang == 'en' else w_zh}", icon=":material/info:")
