"""会议材料: one click makes the meeting slides (.pptx) and the handout (.pdf) of what the sidebar selects."""
from __future__ import annotations

import logging

import streamlit as st

import ui
from lib.outputs import deck
from lib.views.labels import t

MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pdf": "application/pdf"}
ICONS = {"pptx": ":material/slideshow:", "pdf": ":material/picture_as_pdf:"}
BUILT = "_deck_built"   # session: the files built here, so their download buttons outlast other reruns


# `key` names the frames (library, data version, reports, filter); the frames themselves are not hashed.
@st.cache_data(show_spinner=False, max_entries=4)
def _content(key: tuple, lang: str, note: str | None, _reports, _items, _quantities, _items_all) -> deck.Deck:
    return deck.deck_content(_reports, _items, _quantities, lang, note, _items_all)


@st.cache_data(show_spinner=False, max_entries=8)
def _file(kind: str, key: tuple, lang: str, note: str | None, _reports, _items, _quantities, _items_all) -> bytes:
    content = _content(key, lang, note, _reports, _items, _quantities, _items_all)   # charts drawn once for both
    return deck.to_pptx(content) if kind == "pptx" else deck.to_pdf(content)


ctx = ui.context()
lang = ctx.lang
st.caption(t("deck_intro", lang))
ui.show_caption(ctx)

if ctx.items.empty:
    st.info(t("empty", lang))
else:
    f = ctx.filters
    key = (ui.library(), ui.version(), ctx.report_ids, f.statuses, f.themes, f.keyword.strip())
    note = ctx.caption() if f.active else None
    frames = (ctx.reports, ctx.items, ctx.quantities, ctx.items_all)
    dates = sorted(d for d in ctx.reports["report_date"].dropna() if d)
    stem = t("deck_file", lang) + (f"-{dates[-1]}" if dates else "")
    built = st.session_state.setdefault(BUILT, set())
    for col, kind in zip(st.columns(2), ("pptx", "pdf")):
        with col:
            clicked = st.button(t(f"deck_build_{kind}", lang), key=f"deck_build_{kind}", icon=ICONS[kind])
            if not (clicked or (kind, key, lang) in built):
                continue
            try:
                with st.spinner(t("deck_building", lang)):
                    data = _file(kind, key, lang, note, *frames)
            except deck.DeckError as e:
                st.error(e.message(lang))
                continue
            except Exception as e:  # noqa: BLE001 (no traceback on the page; the log keeps it)
                logging.getLogger(__name__).exception("meeting deck failed")
                st.error(t("deck_failed", lang, msg=type(e).__name__))
                continue
            built.add((kind, key, lang))
            st.download_button(t(f"deck_download_{kind}", lang), data, file_name=f"{stem}.{kind}", mime=MIME[kind],
                               key=f"deck_download_{kind}", on_click="ignore", icon=":material/download:",
                               type="primary")
