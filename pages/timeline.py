"""时间线: inspection period, feedback, the dated actions in the text (by month), report date."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from lib.views import charts
from lib.views.labels import t

ctx = ui.context()
lang = ctx.lang
ui.show_caption(ctx)

for r in ctx.reports.head(5).itertuples():
    marks = {"tl_inspection": (r.inspection_start, r.inspection_end),
             "tl_feedback": (r.feedback_date, None), "tl_report": (r.report_date, None)}
    acts = ctx.actions[ctx.actions["report_id"] == r.id]
    if len(ctx.reports) > 1:
        st.subheader(ui.md_text(r.publisher or r.title or "—"), anchor=False)
    if acts.empty:
        st.info(t("no_actions", lang))
        continue
    st.plotly_chart(charts.timeline(acts, marks, lang), theme=None, config={"displayModeBar": False},
                    key=f"timeline_{r.id}")
    table = pd.DataFrame({
        t("col_date", lang): acts["date"],
        t("col_item", lang): acts["item_no"].astype("string").fillna(t("preamble", lang)),
        t("col_action", lang): acts["text"],
    }).sort_values(t("col_date", lang))
    st.subheader(t("timeline_table", lang), anchor=False)
    st.dataframe(table, hide_index=True)
