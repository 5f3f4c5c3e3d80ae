"""土地与资金: money recovered (万元) and land acted on (亩), each opening to its figures; every money and land
figure with its sentence and, where it is not counted, why."""
from __future__ import annotations

import streamlit as st

import ui
from lib.outputs import export
from lib.views import charts, summaries
from lib.views.labels import t

ctx = ui.context()
lang = ctx.lang
ui.show_caption(ctx)

h = ctx.headlines
recovered, land, parcels = h.totals["recovered_wan"], h.totals["land_mu"], h.totals["parcels"]
ui.headline_row(h, ("recovered_wan", "land_mu", "parcels"), lang, "land")
if any(len(total.excluded) for total in (recovered, land, parcels)):
    st.caption(t("hl_caption", lang))

q = ctx.quantities
rows = q[q["land"] | (q["kind"] == "money") | (q["kind"] == "area")]
if rows.empty:
    st.info(t("no_land", lang))
else:
    left, right = st.columns(2)
    with left:
        if len(recovered.included):
            st.plotly_chart(charts.value_bars(summaries.sums_by_label(recovered.included), t("ch_money_title", lang),
                                              t("ch_money_x", lang)), theme=None, config={"displayModeBar": False})
    with right:
        area = land.included[land.included["kind"] == "area"]
        if len(area):
            st.plotly_chart(charts.value_bars(summaries.sums_by_label(area), t("ch_land_title", lang),
                                              t("ch_land_x", lang), color="#009E73"),
                            theme=None, config={"displayModeBar": False})
    st.subheader(t("land_table", lang), anchor=False)
    st.dataframe(export.figures_table(rows, [recovered, land, parcels], lang), hide_index=True)

pct = summaries.percentages(q)
if not pct.empty:
    st.subheader(t("percent_table", lang), anchor=False)
    st.dataframe(export.quantities_table(pct, lang), hide_index=True)
