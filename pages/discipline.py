"""执纪问责: cases opened (件, 人), backlog and closed, sanctions by kind, entities involved — with sentences."""
from __future__ import annotations

import streamlit as st

from lib import charts, export, frames
from lib.labels import t
from pages import common

ctx = common.context()
lang = ctx.lang
common.show_caption(ctx)

q = ctx.quantities
cases = frames.case_figures(q)
sanctions = frames.sanctions(q)

c = st.columns(5)
c[0].metric(t("m_cases", lang), common.fmt_number(cases["cases"]))
c[1].metric(t("m_case_people", lang), common.fmt_number(cases["case_people"]))
c[2].metric(t("m_backlog", lang), common.fmt_number(cases["backlog"]))
c[3].metric(t("m_backlog_closed", lang), common.fmt_number(cases["backlog_closed"]))
c[4].metric(t("m_sanctioned", lang), common.fmt_number(sanctions["value"].sum() if len(sanctions) else None))

if len(frames.counted(q)) < len(q):
    st.caption(t("counted_once", lang))

rows = q[q["case"] | q["sanction"]]
if rows.empty:
    st.info(t("no_discipline", lang))
else:
    if not sanctions.empty:
        st.plotly_chart(charts.value_bars(frames.sums_by_label(sanctions), t("ch_sanction_title", lang),
                                          t("ch_sanction_x", lang), color="#D55E00", value_format=",.0f"),
                        theme=None, config={"displayModeBar": False})
    st.subheader(t("discipline_table", lang), anchor=False)
    st.dataframe(export.quantities_table(rows, lang), hide_index=True)

ent = frames.entities(q)
if not ent.empty:
    st.subheader(t("entities", lang), anchor=False)
    st.dataframe(export.quantities_table(ent, lang), hide_index=True)
