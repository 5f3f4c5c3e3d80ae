"""执纪问责: cases filed, people disciplined and other accountability, each opening to its figures; every case
and sanction figure with its sentence and, where it is not counted, why."""
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
KEYS = ("cases", "case_people", "disciplined_people", "other_accountability_people", "backlog", "backlog_closed")
ui.headline_row(h, KEYS[:4], lang, "disc")
if len(h.totals["backlog"].included) or len(h.totals["backlog_closed"].included):
    ui.headline_row(h, KEYS[4:], lang, "disc")
if any(len(h.totals[k].excluded) for k in KEYS):
    st.caption(t("hl_caption", lang))

q = ctx.quantities
rows = q[q["case"] | q["sanction"] | q["headline"].isin(list(KEYS)).fillna(False).astype(bool)]
if rows.empty:
    st.info(t("no_discipline", lang))
else:
    people = summaries.people_sums({k: h.totals[k].included for k in summaries.PEOPLE_COLORS})
    if len(people):
        st.plotly_chart(charts.value_bars(people, t("ch_sanction_title", lang), t("ch_sanction_x", lang),
                                          value_format=",.0f"), theme=None, config={"displayModeBar": False})
        st.caption(t("ch_people_colors", lang))
    st.subheader(t("discipline_table", lang), anchor=False)
    st.dataframe(export.figures_table(rows, [h.totals[k] for k in KEYS], lang), hide_index=True)

ent = summaries.entities(q)
if not ent.empty:
    st.subheader(t("entities", lang), anchor=False)
    st.dataframe(export.quantities_table(ent, lang), hide_index=True)
