"""土地与资金: money recovered (万元), land areas (亩) and parcels (宗), percentages — each with its sentence."""
from __future__ import annotations

import streamlit as st

from lib import charts, export, frames
from lib.labels import t
from pages import common

ctx = common.context()
lang = ctx.lang
common.show_caption(ctx)

q = ctx.quantities
money = frames.money(q)
land = frames.land(q)
recovered = money[money["recovery"]]
area = land[land["kind"] == "area"]
parcels = land[(land["kind"] == "count") & (land["unit"] == "宗")]

c = st.columns(4)
c[0].metric(t("m_recovered", lang), t("wan_fmt", lang, v=common.fmt_number(recovered["value"].sum())))
c[1].metric(t("m_money_other", lang), t("wan_fmt", lang, v=common.fmt_number(money[~money["recovery"]]["value"].sum())))
c[2].metric(t("m_land_area", lang), t("mu_fmt", lang, v=common.fmt_number(area["value"].sum())))
c[3].metric(t("m_parcels", lang), t("parcel_fmt", lang, v=common.fmt_number(parcels["value"].sum())))

if len(frames.counted(q)) < len(q):
    st.caption(t("counted_once", lang))

if money.empty and land.empty:
    st.info(t("no_land", lang))
else:
    left, right = st.columns(2)
    with left:
        if not money.empty:
            st.plotly_chart(charts.value_bars(frames.sums_by_label(money), t("ch_money_title", lang),
                                              t("ch_money_x", lang)), theme=None, config={"displayModeBar": False})
    with right:
        if not area.empty:
            st.plotly_chart(charts.value_bars(frames.sums_by_label(area), t("ch_land_title", lang),
                                              t("ch_land_x", lang), color="#009E73"),
                            theme=None, config={"displayModeBar": False})
    st.subheader(t("land_table", lang), anchor=False)
    rows = q[q["land"] | q["recovery"] | (q["kind"] == "money")]
    st.dataframe(export.quantities_table(rows, lang), hide_index=True)

pct = frames.percentages(q)
if not pct.empty:
    st.subheader(t("percent_table", lang), anchor=False)
    st.dataframe(export.quantities_table(pct, lang), hide_index=True)
