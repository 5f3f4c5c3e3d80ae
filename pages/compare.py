"""对比: reports side by side (completion, money, land, cases), and progress between two rounds of one publisher."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from lib.views import charts, compare
from lib.views.labels import status_label, t

ctx = ui.context()
lang = ctx.lang
ui.show_caption(ctx)

if len(ctx.report_ids) < 2:
    st.info(t("compare_pick", lang))
else:
    per = compare.per_report(ctx.reports, ctx.items, ctx.quantities, ctx.items_all)
    st.subheader(t("compare_table", lang), anchor=False)
    table = pd.DataFrame({
        t("col_report", lang): per["report"], t("c_publisher", lang): per["publisher"],
        t("c_date", lang): per["report_date"], t("c_items", lang): per["items"], t("c_done", lang): per["done"],
        t("c_in_progress", lang): per["in_progress"], t("c_not_done", lang): per["not_done"],
        t("c_rate", lang): (per["rate"] * 100).round(1),
        t("c_rate_source", lang): [t(f"src_{s}", lang) if s else t("unknown_value", lang) for s in per["rate_source"]],
        t("c_recovered", lang): per["recovered_wan"], t("c_land", lang): per["land_mu"],
        t("c_parcels", lang): per["parcels"], t("c_cases", lang): per["cases"],
        t("c_case_people", lang): per["case_people"], t("c_disciplined", lang): per["disciplined_people"],
        t("c_other_accountability", lang): per["other_accountability_people"],
    })
    # an empty cell is "not stated", shown as —, never 0
    st.dataframe(table, hide_index=True, column_config={
        t("c_rate", lang): st.column_config.ProgressColumn(t("c_rate", lang), format="%.1f%%", min_value=0, max_value=100)})
    st.caption(t("compare_note", lang))
    ui.headline_row(ctx.headlines, ("recovered_wan", "land_mu", "cases", "disciplined_people",
                                        "other_accountability_people"), lang, "cmp")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.compare_bars(per, "rate", t("ch_rate_title", lang), "%", percent=True),
                        theme=None, config={"displayModeBar": False}, key="cmp_rate")
    with right:
        st.plotly_chart(charts.compare_bars(per, "recovered_wan", t("ch_recovered_title", lang),
                                            t("ch_money_x", lang), color="#009E73"),
                        theme=None, config={"displayModeBar": False}, key="cmp_money")

    st.subheader(t("rounds", lang), anchor=False)
    rounds = compare.same_publisher(ctx.reports)
    if not rounds:
        st.info(t("rounds_none", lang))
    else:
        publisher = st.selectbox(t("rounds_publisher", lang), list(rounds), key="rounds_publisher")
        ids = rounds[publisher]
        names = {rid: str(n or "—") for rid, n in zip(ctx.reports["id"], ctx.reports["report_date"])}
        c1, c2 = st.columns(2)
        before = c1.selectbox(t("rounds_before", lang), ids, index=len(ids) - 2, key="rounds_before",
                              format_func=lambda r: f"#{r} {names.get(r, '')}")
        after = c2.selectbox(t("rounds_after", lang), ids, index=len(ids) - 1, key="rounds_after",
                             format_func=lambda r: f"#{r} {names.get(r, '')}")
        items_all, q_all = ctx.items_all, ctx.all_quantities
        diff = compare.rounds_diff(items_all[items_all["report_id"] == before], items_all[items_all["report_id"] == after],
                                   q_all[q_all["report_id"] == before], q_all[q_all["report_id"] == after])
        counts = diff["change"].value_counts()
        cols = st.columns(6)
        for col, key in zip(cols, ["completed", "progressed", "regressed", "unchanged", "new", "gone"]):
            col.metric(t(f"ch_{key}", lang), int(counts.get(key, 0)))
        shown = pd.DataFrame({
            t("r_change", lang): [t(f"ch_{c}", lang) for c in diff["change"]],
            t("r_no_before", lang): diff["no_before"], t("r_no_after", lang): diff["no_after"],
            t("r_title", lang): [a or b for a, b in zip(diff["title_after"], diff["title_before"])],
            t("r_status_before", lang): [status_label(s, lang) if s else "" for s in diff["status_before"]],
            t("r_status_after", lang): [status_label(s, lang) if s else "" for s in diff["status_after"]],
            t("r_fig_before", lang): diff["figures_before"], t("r_fig_after", lang): diff["figures_after"],
            t("r_fig_changed", lang): diff["figures_changed"],
        })
        st.dataframe(shown, hide_index=True)
