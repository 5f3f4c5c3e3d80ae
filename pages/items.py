"""事项明细: the filtered items; a selected row opens its measures and its text with every figure marked."""
from __future__ import annotations

import streamlit as st

import ui
from lib.outputs import export
from lib.views.labels import t
from lib.views.safe import md_highlight

ctx = ui.context()
lang = ctx.lang
dash = t("unknown_value", lang)
ui.show_caption(ctx)

if ctx.items.empty:
    st.info(t("empty", lang))
    st.stop()

keys = [f"{r}:{s}" for r, s in zip(ctx.items["report_id"], ctx.items["seq"])]
names = {k: f"{no}. {title}" for k, no, title in zip(keys, ctx.items["no"], ctx.items["title"])}


def _open_selected_row() -> None:
    rows = st.session_state["items_table"].selection.rows
    if rows:
        st.session_state[ui.KEY_ITEM] = keys[rows[0]]


def _page_place(report_id: int, it, figs, ocr) -> None:
    """A scan: the strip of the page a figure (or, with none, the item's first line) was read from, beside its sentence."""
    st.markdown(f"**{t('crop_title', lang)}**")
    places = export.figure_places(figs, ocr, lang)
    if places:
        n = st.selectbox(t("crop_pick", lang), range(len(places)), format_func=lambda k: places[k]["label"],
                         key="crop_figure")
        place = places[n or 0]
    else:
        place = export.item_place(it, ocr, lang)
        if place is None:
            return
    image = ui.line_crop(report_id, ocr, place["line"])
    if image is None:
        st.caption(t("crop_none", lang))
        return
    left, right = st.columns([2, 3])
    left.markdown(ui.md_text(place["text"]))
    if place["check"]:
        left.warning(t("crop_unsure", lang), icon=":material/help:")
    right.image(image, caption=place["caption"], width="stretch")


lights = ui.deadline_lights(ctx)
table = export.items_table(ctx.items, lang, lights)
st.caption(t("items_count", lang, n=len(table)) + " · " + t("select_hint", lang))
st.dataframe(
    table, hide_index=True, on_select=_open_selected_row, selection_mode="single-row", key="items_table",
    column_config={export.col("col_measure_text", lang): None},
)

c1, c2, _ = st.columns([1, 1, 4])
c1.download_button(t("download_csv", lang), export.to_csv(table), file_name="rectification-items.csv",
                   mime="text/csv", icon=":material/download:", on_click="ignore")
c2.download_button(t("download_xlsx", lang), export.to_xlsx(table), file_name="rectification-items.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/table_view:", on_click="ignore")

if st.session_state.get(ui.KEY_ITEM) not in names:
    st.session_state[ui.KEY_ITEM] = None
choice = st.selectbox(t("open_item", lang), keys, key=ui.KEY_ITEM, index=None,
                      format_func=lambda k: names[k], placeholder=t("select_hint", lang))
if choice:
    report_id, seq = map(int, choice.split(":"))
    ledger = ctx.ledger(report_id)
    it = next(i for i in ledger.items if i.seq == seq)
    with st.container(border=True):
        st.markdown(f"#### {ui.md_text(f'{it.no}. {it.title}')}")
        st.markdown(f"**{t('col_status', lang)}**：{ui.md_text(it.status_raw or t('st_unknown', lang))}")
        if it.responsible or it.deadline_raw:
            st.markdown(f"**{t('col_responsible', lang)}**：{ui.md_text(it.responsible or dash)}　"
                        f"**{t('col_deadline', lang)}**：{ui.md_text(it.deadline_raw or dash)}")
        st.markdown(f"**{t('measures', lang)}**")
        if it.measures:
            for n, m in enumerate(it.measures, start=1):
                st.markdown(f"{n}\\. {ui.md_text(m)}")
        else:
            st.caption(t("no_measures", lang))
        q = ctx.quantities
        figs = q[(q["report_id"] == report_id) & (q["item_seq"] == seq)]
        text = ui.report_text(report_id)
        with st.expander(t("source_text", lang), expanded=True):
            spans = [(int(a) - it.start, int(b) - it.start) for a, b in zip(figs["match_start"], figs["match_end"])]
            st.markdown(md_highlight(text[it.start:it.end], spans))
        ocr = ui.report_ocr(report_id)
        if ocr is not None:
            st.caption(t("ocr_report", lang, pages=ocr.pages))
        if not figs.empty:
            st.markdown(f"**{t('figures_here', lang)}**")
            st.dataframe(export.quantities_table(figs, lang, ocr), hide_index=True)
        if ocr is not None:
            _page_place(report_id, it, figs, ocr)
