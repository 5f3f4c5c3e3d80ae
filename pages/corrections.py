"""更正: correct an item's status or title, or a figure, with a reason; the history; restore the extracted value."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from lib.ledger.roles import HEADLINES, fits
from lib.library.store import COUNTED_VALUES, SUMMARY, Conflict, StoreError
from lib.outputs import export
from lib.views import totals
from lib.views.labels import STATUS_ORDER, reason_text, status_label, t

ctx = ui.context()
lang = ctx.lang
store = ui.store()
FLASH = "_corr_flash"   # the outcome of the last save, shown after the rerun that follows it
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

if not ctx.report_ids:
    st.info(t("no_reports", lang))
    st.stop()

names = {int(r.id): f"{r.publisher or r.title or r.filename}（{r.report_date or '—'}）" for r in ctx.reports.itertuples()}
report_id = st.selectbox(t("corr_pick_report", lang), list(names), format_func=lambda r: names[r], key="corr_report")
items = ctx.items_all[ctx.items_all["report_id"] == report_id]
q_all = ctx.all_quantities
summary_figures = q_all[(q_all["report_id"] == report_id) & q_all["item_seq"].isna()]
if items.empty and summary_figures.empty:
    st.info(t("empty", lang))
    st.stop()
# the figures outside every item (the opening's totals, an annex) are corrected under "综述"
seqs = list(items["seq"]) + ([SUMMARY] if len(summary_figures) else [])
titles = {int(s): f"{no}. {title}" for s, no, title in zip(items["seq"], items["no"], items["title"])}
titles[SUMMARY] = t("corr_summary", lang)
seq = st.selectbox(t("corr_pick_item", lang), seqs, format_func=lambda s: titles[int(s)], key="corr_item")
row = items[items["seq"] == seq].iloc[0] if seq != SUMMARY else None

# The version this form was opened on: a save against an older version is a conflict, not an overwrite.
version_key = f"corr_version_{report_id}_{seq}"
if version_key not in st.session_state:
    st.session_state[version_key] = store.item_version(report_id, int(seq))


def _form_buttons() -> tuple[bool, bool]:
    """保存更正 and 恢复为解析值, side by side at the foot of a correction form."""
    c1, c2 = st.columns(2)
    return c1.form_submit_button(t("corr_save", lang), type="primary"), c2.form_submit_button(t("corr_restore", lang))


def _where_counted(fig) -> str:
    """Which total the figure adds to now, or why it adds to none (this report alone)."""
    one = totals.totals(q_all[q_all["report_id"] == report_id]).values()
    hit = export.where_counted(one).get((report_id, fig["idx"]))
    if hit is None:
        return t("hl_family_none", lang)
    key, reason, ref = hit
    return t("hl_" + key, lang) if reason is None else \
        f"{t('hl_' + key, lang)}：{t('cnt_exclude', lang)}（{reason_text(reason, ref, lang)}）"


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
    ui.clear_caches()
    st.session_state.pop(version_key, None)
    # run again, so every number on the page (the figure's total, the history) shows the correction
    st.session_state[FLASH] = t("corr_saved" if save else "corr_restored", lang)
    st.rerun()


ITEM_FIELDS = {"status": t("f_status", lang), "title": t("f_title", lang), "status_raw": t("f_status_raw", lang),
               "responsible": t("col_responsible", lang), "deadline": t("col_deadline", lang)}
FIGURE_FIELDS = {"value": t("f_value", lang), "label": t("f_label", lang), "unit": t("f_unit", lang),
                 "headline": t("f_headline", lang), "counted": t("f_counted", lang)}
HEADLINE_CHOICES = {**{k: t("hl_" + k, lang) for k in HEADLINES}, "none": t("hl_family_none", lang)}
COUNTED_CHOICES = {v: t(f"cnt_{v}", lang) for v in COUNTED_VALUES}


def _shown(field: str, value):
    """A history value as the user reads it: statuses and totals in words."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if field == "status" and value in STATUS_ORDER:
        return status_label(value, lang)
    if field == "headline":
        return HEADLINE_CHOICES.get(value, value)
    if field == "counted":
        return COUNTED_CHOICES.get(value, value)
    return value


item_tab, figure_tab = st.tabs([t("corr_item", lang), t("corr_figure", lang)])
with item_tab:
    if row is None:
        st.info(t("corr_summary_no_item", lang))
    else:
        # outside the form, so the input below matches the chosen field at once
        field = st.radio(t("corr_field", lang), list(ITEM_FIELDS), format_func=ITEM_FIELDS.get, horizontal=True,
                         key="corr_field")
        st.caption(ui.md_text(t("corr_current", lang, v=status_label(row["status"], lang) if field == "status"
                                    else str(row[field] or t("unknown_value", lang)))))
        with st.form("corr_item_form", clear_on_submit=False):
            new_status = new_text = None
            if field == "status":
                new_status = st.selectbox(t("f_status", lang), list(STATUS_ORDER),
                                          format_func=lambda s: status_label(s, lang), key="corr_new_status")
            elif field == "deadline":
                # a date the store can count lights from: YYYY-MM-DD
                new_text = st.text_input(t("corr_new", lang), key="corr_new_text", placeholder="YYYY-MM-DD")
            else:
                new_text = st.text_input(t("corr_new", lang), key="corr_new_text")
            reason = st.text_input(t("corr_reason", lang), key="corr_reason")
            author = st.text_input(t("corr_author", lang), key="corr_author")
            save, restore = _form_buttons()
        if save or restore:
            _apply(save, field, new_status if field == "status" else new_text, reason, author)

with figure_tab:
    figs = q_all[(q_all["report_id"] == report_id) & (q_all["item_seq"] == seq)] if seq != SUMMARY else summary_figures
    if figs.empty:
        st.info(t("no_land", lang))
    else:
        anchors = {int(a): f"{lab}：{v:g} {u}（{m}）" for a, lab, v, u, m in
                   zip(figs["match_start"], figs["label"], figs["value"], figs["unit"], figs["match"])}
        # outside the form, so the input below fits the chosen figure and field at once
        anchor = st.selectbox(t("corr_which_figure", lang), list(anchors), format_func=anchors.__getitem__, key="corr_anchor")
        ffield = st.radio(t("corr_field", lang), list(FIGURE_FIELDS), format_func=FIGURE_FIELDS.get,
                          horizontal=True, key="corr_ffield")
        fig = figs[figs["match_start"] == anchor].iloc[0]
        st.caption(ui.md_text(t("corr_counts_now", lang, v=_where_counted(fig))))
        with st.form("corr_figure_form"):
            if ffield == "headline":
                # only the totals the figure's unit fits (the store refuses the others)
                choices = [k for k in HEADLINE_CHOICES if k == "none" or fits(k, str(fig["kind"]), str(fig["unit"]))]
                fnew = st.selectbox(t("corr_new", lang), choices, format_func=HEADLINE_CHOICES.__getitem__,
                                    key="corr_fnew_headline")
            elif ffield == "counted":
                fnew = st.selectbox(t("corr_new", lang), list(COUNTED_CHOICES), format_func=COUNTED_CHOICES.__getitem__,
                                    key="corr_fnew_counted")
            else:
                fnew = st.text_input(t("corr_new", lang), key="corr_fnew")
            freason = st.text_input(t("corr_reason", lang), key="corr_freason")
            fsave, frestore = _form_buttons()
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
