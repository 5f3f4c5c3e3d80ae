"""更正: correct an item's status or title, or a figure, with a reason; the history; restore the extracted value."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.labels import STATUS_ORDER, status_label, t
from lib.store import Conflict, StoreError
from pages import common

ctx = common.context()
lang = ctx.lang
store = common.store()

if not ctx.report_ids:
    st.info(t("no_reports", lang))
    st.stop()

names = {int(r.id): f"{r.publisher or r.title or r.filename}（{r.report_date or '—'}）" for r in ctx.reports.itertuples()}
report_id = st.selectbox(t("corr_pick_report", lang), list(names), format_func=lambda r: names[r], key="corr_report")
items = ctx.items_all[ctx.items_all["report_id"] == report_id]
if items.empty:
    st.info(t("empty", lang))
    st.stop()
seqs = list(items["seq"])
titles = {int(s): f"{no}. {title}" for s, no, title in zip(items["seq"], items["no"], items["title"])}
seq = st.selectbox(t("corr_pick_item", lang), seqs, format_func=lambda s: titles[int(s)], key="corr_item")
row = items[items["seq"] == seq].iloc[0]

# The version this form was opened on: a save against an older version is a conflict, not an overwrite.
version_key = f"corr_version_{report_id}_{seq}"
if version_key not in st.session_state:
    st.session_state[version_key] = store.item_version(report_id, int(seq))


def _msg(e: StoreError) -> str:
    return e.en if lang == "en" else e.zh


def _apply(save: bool, field: str, value, reason: str, author: str | None, anchor: int = -1) -> None:
    """Save a correction (or restore the extracted value) against the version the form was opened on."""
    try:
        if save:
            store.correct(report_id, int(seq), field, value, reason, author=author or None, anchor=anchor,
                          expected_version=st.session_state[version_key])
        else:
            store.restore(report_id, int(seq), field, reason, author=author or None, anchor=anchor,
                          expected_version=st.session_state[version_key])
    except Conflict as e:
        st.session_state.pop(version_key, None)   # the next attempt starts from what is saved now
        st.error(_msg(e))
        return
    except StoreError as e:
        st.error(_msg(e))
        return
    common.clear_caches()
    st.session_state.pop(version_key, None)
    st.success(t("corr_saved" if save else "corr_restored", lang))


ITEM_FIELDS = {"status": t("f_status", lang), "title": t("f_title", lang), "status_raw": t("f_status_raw", lang)}
FIGURE_FIELDS = {"value": t("f_value", lang), "label": t("f_label", lang), "unit": t("f_unit", lang)}


def _shown(field: str, value):
    """A history value as the user reads it: statuses in words."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return status_label(value, lang) if field == "status" and value in STATUS_ORDER else value


item_tab, figure_tab = st.tabs([t("corr_item", lang), t("corr_figure", lang)])
with item_tab:
    # outside the form, so the input below matches the chosen field at once
    field = st.radio(t("corr_field", lang), list(ITEM_FIELDS), format_func=ITEM_FIELDS.get, horizontal=True,
                     key="corr_field")
    st.caption(common.md_text(t("corr_current", lang, v=status_label(row["status"], lang) if field == "status"
                                else str(row[field]))))
    with st.form("corr_item_form", clear_on_submit=False):
        new_status = new_text = None
        if field == "status":
            new_status = st.selectbox(t("f_status", lang), list(STATUS_ORDER),
                                      format_func=lambda s: status_label(s, lang), key="corr_new_status")
        else:
            new_text = st.text_input(t("corr_new", lang), key="corr_new_text")
        reason = st.text_input(t("corr_reason", lang), key="corr_reason")
        author = st.text_input(t("corr_author", lang), key="corr_author")
        c1, c2 = st.columns(2)
        save = c1.form_submit_button(t("corr_save", lang), type="primary")
        restore = c2.form_submit_button(t("corr_restore", lang))
    if save or restore:
        _apply(save, field, new_status if field == "status" else new_text, reason, author)

with figure_tab:
    q = ctx.all_quantities
    figs = q[(q["report_id"] == report_id) & (q["item_seq"] == seq)]
    if figs.empty:
        st.info(t("no_land", lang))
    else:
        anchors = {int(a): f"{lab}：{v:g} {u}（{m}）" for a, lab, v, u, m in
                   zip(figs["match_start"], figs["label"], figs["value"], figs["unit"], figs["match"])}
        with st.form("corr_figure_form"):
            anchor = st.selectbox(t("corr_which_figure", lang), list(anchors), format_func=anchors.get, key="corr_anchor")
            ffield = st.radio(t("corr_field", lang), list(FIGURE_FIELDS), format_func=FIGURE_FIELDS.get,
                              horizontal=True, key="corr_ffield")
            fnew = st.text_input(t("corr_new", lang), key="corr_fnew")
            freason = st.text_input(t("corr_reason", lang), key="corr_freason")
            c1, c2 = st.columns(2)
            fsave = c1.form_submit_button(t("corr_save", lang), type="primary")
            frestore = c2.form_submit_button(t("corr_restore", lang))
        if fsave or frestore:
            _apply(fsave, ffield, fnew, freason, None, anchor=int(anchor))

st.subheader(t("corr_history", lang), anchor=False)
hist = store.history(report_id)
if hist.empty:
    st.caption(t("corr_none", lang))
else:
    st.dataframe(pd.DataFrame({
        t("h_when", lang): hist["created_at"], t("h_item", lang): [titles.get(int(s), s) for s in hist["item_seq"]],
        t("h_field", lang): [{**ITEM_FIELDS, **FIGURE_FIELDS}.get(f, f) for f in hist["field"]],
        t("h_old", lang): [_shown(f, v) for f, v in zip(hist["field"], hist["old_value"])],
        t("h_new", lang): [_shown(f, v) for f, v in zip(hist["field"], hist["new_value"])],
        t("h_action", lang): [t(f"a_{a}", lang) for a in hist["action"]], t("h_reason", lang): hist["reason"],
        t("h_who", lang): hist["author"],
    }), hide_index=True)
