"""时间线: inspection period, feedback, the dated actions in the text (by month), report date."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import charts
from lib.labels import t
from pages import common

ctx = common.context()
lang = ctx.lang
common.show_caption(ctx)

for ledger in ctx.ledgers.values():
    marks = {"tl_inspection": (ledger.inspection_start, ledger.inspection_end),
             "tl_feedback": (ledger.feedback_date, None), "tl_report": (ledger.report_date, None)}
    acts = ctx.actions[ctx.actions["report_id"] == next(r for r, l in ctx.ledgers.items() if l is ledger)]
    if acts.empty:
        st.info(t("no_actions", lang))
        continue
    st.plotly_chart(charts.timeline(acts, marks, lang), theme=None, config={"displayModeBar": False})
    table = pd.DataFrame({
        t("col_date", lang): acts["date"],
        t("col_item", lang): acts["item_no"].astype("string").fillna(t("preamble", lang)),
        t("col_action", lang): acts["text"],
    }).sort_values(t("col_date", lang))
    st.subheader(t("timeline_table", lang), anchor=False)
    st.dataframe(table, hide_index=True)
