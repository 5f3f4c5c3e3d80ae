"""报告库: upload reports or give a web address, preview what was parsed (with its warnings), save; the library's contents."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from lib.ledger.parse import parse_text
from lib.library.store import StoreError
from lib.read.fetch import read_url
from lib.read.readers import MAX_BYTES, ReadError, read_document
from lib.read.sheets import MAPPABLE_ROLES, UnmappedSheet
from lib.views.labels import status_label, t

ui.require_frame()
lang = ui.lang()


def _msg(e) -> str:
    return e.en if lang == "en" else e.zh


uploads = st.file_uploader(t("upload", lang), type=["txt", "docx", "pdf", "html", "htm", "xlsx", "xls", "et", "csv", "tsv",
                                                     "png", "jpg", "jpeg", "webp", "tif", "tiff", "bmp"],
                           accept_multiple_files=True, help=t("upload_help", lang), key="uploads")
files = [(f.name, f.getvalue()) for f in uploads or []]
ok = True
_ROLE_CHOICES = ("", *MAPPABLE_ROLES)


def _mapping_key(name: str, i: int) -> str:
    return f"colmap:{name}:{i}"


def column_mapping(name: str) -> dict[int, str] | None:
    """The roles the user gave a spreadsheet's columns, or None where they gave none."""
    prefix = f"colmap:{name}:"
    chosen = {int(k[len(prefix):]): v for k, v in st.session_state.items() if k.startswith(prefix) and v}
    return chosen or None


def map_columns(name: str, header: list[str]) -> None:
    """A spreadsheet whose header names no ledger columns: the header found, and a role to choose for each."""
    st.caption(t("map_hint", lang))
    cols = st.columns(6)
    for i, cell in enumerate(header):
        cols[i % 6].selectbox(cell or t("map_blank", lang, n=i + 1), _ROLE_CHOICES, key=_mapping_key(name, i),
                      format_func=lambda r: t(f"role_{r}" if r else "role_none", lang))


for name, data in files:
    with st.expander(f"{t('preview', lang)}：{ui.md_text(name)}", expanded=len(files) == 1):
        if len(data) > MAX_BYTES:
            st.error(_msg(ReadError("too_large")))
            ok = False
            continue
        mapping = column_mapping(name)
        bar = st.empty()

        def show_pages(done: int, total: int) -> None:
            """A scan is read page by page, seconds each: the user sees how far (Streamlit's Stop ends it)."""
            bar.progress(done / total if total else 1.0, text=t("ocr_progress", lang, done=done, total=total))

        try:
            text, ocr = read_document(data, name, show_pages, columns=mapping)
            ledger = parse_text(text)
        except UnmappedSheet as e:
            st.error(_msg(e))
            st.session_state[f"colheader:{name}"] = e.header
            map_columns(name, e.header)
            ok = False
            continue
        except ReadError as e:
            st.error(_msg(e))
            ok = False
            continue
        bar.empty()
        if ocr is not None:
            st.info(t("ocr_read", lang, pages=ocr.pages))
        if mapping and f"colheader:{name}" in st.session_state:
            map_columns(name, st.session_state[f"colheader:{name}"])   # the choices stay, to be changed
        st.markdown(f"**{ui.md_text(ledger.title or ledger.publisher or name)}**")
        c = st.columns(3)
        c[0].metric(t("pv_items", lang), len(ledger.items))
        c[1].metric(t("pv_themes", lang), len(ledger.themes))
        c[2].metric(t("pv_figures", lang), len(ledger.quantities))
        for w_zh, w_en in zip(ledger.warnings, ledger.warnings_en):
            st.warning(ui.md_text(w_en if lang == "en" else w_zh))
        if ledger.items:
            st.dataframe(pd.DataFrame({
                t("col_no", lang): [i.no for i in ledger.items],
                t("col_title", lang): [i.title for i in ledger.items],
                t("col_status", lang): [status_label(i.status, lang) for i in ledger.items],
                t("col_measures", lang): [len(i.measures) for i in ledger.items],
            }), hide_index=True)



def _save() -> None:
    """Runs before the page: it may choose the new reports in the sidebar's report widget."""
    files = [(f.name, f.getvalue()) for f in st.session_state.get("uploads") or []]
    columns = {name: m for name, _ in files if (m := column_mapping(name))}
    try:
        results = ui.store().import_files(files, author=None, columns=columns)
    except (ReadError, StoreError) as e:
        st.session_state["_import_message"] = ("error", t("import_failed", lang, msg=_msg(e)))
        return
    ui.clear_caches()
    created = [r for r in results if r.created]
    st.session_state["_import_message"] = ("success", t("saved", lang, n=len(created), dup=len(results) - len(created)))
    if created:
        st.session_state[ui.KEY_REPORT] = [str(r.report_id) for r in created]


if files:
    st.button(t("save", lang), type="primary", disabled=not ok, icon=":material/save:", on_click=_save)
kind, message = st.session_state.pop("_import_message", (None, None))
if kind == "error":
    st.error(message)
elif kind == "success":
    st.success(message)


def _save_url() -> None:
    """Runs before the page, like _save: the page at the address is read, then imported as an upload is."""
    url = (st.session_state.get("url") or "").strip()
    if not url:
        st.session_state["_url_message"] = ("error", t("url_empty", lang))
        return
    try:
        text, source = read_url(url)
        [result] = ui.store().import_texts([(source, text)], author=None)
    except (ReadError, StoreError) as e:
        st.session_state["_url_message"] = ("error", t("import_failed", lang, msg=ui.md_text(_msg(e))))
        return
    ui.clear_caches()
    if result.created:
        message = t("url_saved", lang, title=ui.md_text(result.title or source), n=result.items)
        st.session_state[ui.KEY_REPORT] = [str(result.report_id)]
    else:
        message = t("url_known", lang, id=result.report_id)
    st.session_state["_url_message"] = ("success", message)


st.text_input(t("url", lang), key="url", placeholder="https://", help=t("url_help", lang))
st.button(t("url_save", lang), key="fetch_url", icon=":material/language:", on_click=_save_url)
kind, message = st.session_state.pop("_url_message", (None, None))
if kind == "error":
    st.error(message)
elif kind == "success":
    st.success(message)

st.subheader(t("library_table", lang), anchor=False)
lib = ui.reports()
st.dataframe(pd.DataFrame({
    t("l_id", lang): lib["id"], t("publisher", lang): lib["publisher"], t("l_title", lang): lib["title"],
    t("report_date", lang): lib["report_date"], t("l_items", lang): lib["n_items"], t("l_done", lang): lib["n_done"],
    t("l_file", lang): lib["filename"], t("l_imported", lang): lib["imported_at"],
}), hide_index=True)

if st.button(t("reparse", lang), icon=":material/refresh:"):
    n = ui.store().reparse()
    ui.clear_caches()
    st.success(t("reparsed", lang, n=n))
