"""What every page shares: cached loading at the edge, and the filtered frames for the sidebar's choices."""
from __future__ import annotations

import threading
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lib import frames, library
from lib.labels import STATUS_ORDER, t
from lib.safe import md_escape
from lib.ledger import Ledger

# Widget keys, which are also the URL's query parameters: ?status=in_progress&theme=5&q=土地&lang=en
KEY_LANG, KEY_STATUS, KEY_THEME, KEY_QUERY, KEY_ITEM = "lang", "status", "theme", "q", "item"
_SEEDED = "_seeded_from_url"
# The language switch shows each language in itself; the URL and the code use zh / en.
LANG_OPTIONS = {"中文": "zh", "English": "en"}


def seed_from_url() -> None:
    """On a session's first run, the URL's filters become the widgets' values (a shared link, a reload).

    Streamlit's own bind="query-params" writes the *formatted* option labels into the URL, which would
    make links depend on the UI language; codes (in_progress, 5) keep a link valid in both languages.
    """
    if st.session_state.get(_SEEDED):
        return
    qp = st.query_params
    st.session_state[KEY_LANG] = "English" if qp.get(KEY_LANG) == "en" else "中文"
    st.session_state[KEY_STATUS] = [s for s in dict.fromkeys(qp.get_all(KEY_STATUS)) if s in STATUS_ORDER]
    st.session_state[KEY_THEME] = [v for v in dict.fromkeys(qp.get_all(KEY_THEME)) if v.isdigit()]
    st.session_state[KEY_QUERY] = qp.get(KEY_QUERY, "")[:200]
    if qp.get(KEY_ITEM):
        st.session_state[KEY_ITEM] = qp.get(KEY_ITEM)[:40]
    st.session_state[_SEEDED] = True


def keep_valid_themes(theme_names: dict[str, str]) -> None:
    """Drop theme numbers the chosen reports do not have (an old link, another report)."""
    chosen = st.session_state.get(KEY_THEME) or []
    valid = [v for v in chosen if v in theme_names]
    if valid != chosen:
        st.session_state[KEY_THEME] = valid


def write_url() -> None:
    """The current filters into the address bar, so the view is a link that survives reloads and page switches."""
    params = {
        KEY_STATUS: list(st.session_state.get(KEY_STATUS) or []),
        KEY_THEME: list(st.session_state.get(KEY_THEME) or []),
        KEY_QUERY: st.session_state.get(KEY_QUERY) or "",
        KEY_LANG: "en" if lang() == "en" else "",
        KEY_ITEM: st.session_state.get(KEY_ITEM) or "",
    }
    wanted = {k: v for k, v in params.items() if v}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normalized = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normalized:
        st.query_params.from_dict(wanted)


@st.cache_data(show_spinner=False)
def load_bundled() -> tuple[list[tuple[int, str, Ledger]], list[library.Failed]]:
    loaded, failed = library.bundled()
    return [(x.report_id, x.name, x.ledger) for x in loaded], failed


@st.cache_data(show_spinner=False)
def report_text(report_id: int) -> str:
    loaded, _ = library.bundled()
    return next(x.text for x in loaded if x.report_id == report_id)


@st.cache_data(show_spinner=False)
def load_frames(report_ids: tuple[int, ...]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    reports = [(rid, ledger) for rid, _, ledger in load_bundled()[0] if rid in report_ids]
    return frames.items_frame(reports), frames.quantities_frame(reports), frames.actions_frame(reports)


@dataclass
class Context:
    lang: str
    filters: frames.Filters
    ledgers: dict[int, Ledger]
    items_all: pd.DataFrame
    items: pd.DataFrame
    quantities: pd.DataFrame
    actions: pd.DataFrame

    @property
    def theme_titles(self) -> dict[int, str]:
        return {int(n): title for n, title in zip(self.items_all["theme_no"], self.items_all["theme"]) if pd.notna(n)}

    def caption(self) -> str:
        return t("filter_caption", self.lang, desc=self.filters.describe(self.lang, self.theme_titles))


def lang() -> str:
    return LANG_OPTIONS.get(st.session_state.get(KEY_LANG), "zh")


def current_filters() -> frames.Filters:
    themes = []
    for v in st.session_state.get(KEY_THEME) or []:
        try:
            themes.append(int(v))
        except (TypeError, ValueError):
            continue
    return frames.Filters(
        statuses=tuple(st.session_state.get(KEY_STATUS) or ()),
        themes=tuple(themes),
        keyword=st.session_state.get(KEY_QUERY) or "",
    )


def selected_report_ids() -> tuple[int, ...]:
    return tuple(rid for rid, _, _ in load_bundled()[0])


_frame = threading.local()


def run_page(page) -> None:
    """Run the chosen page inside the frame (dashboard.py), which pages check for."""
    _frame.active = True
    try:
        page.run()
    finally:
        _frame.active = False


def require_frame() -> None:
    """Streamlit treats a folder named pages/ beside the main script as an old-style multipage app until
    st.navigation has run once in the process: the first visit straight to /items would run the page
    alone, without the sidebar and filters. Switch that mode off and run again, through the frame."""
    if not getattr(_frame, "active", False):
        from streamlit.runtime.pages_manager import PagesManager
        PagesManager.uses_pages_directory = False
        st.rerun()


def context() -> Context:
    require_frame()
    ids = selected_report_ids()
    items_all, quantities, actions = load_frames(ids)
    filters = current_filters()
    items = filters.apply(items_all)
    ledgers = {rid: ledger for rid, _, ledger in load_bundled()[0] if rid in ids}
    return Context(
        lang=lang(), filters=filters, ledgers=ledgers, items_all=items_all, items=items,
        quantities=frames.filter_quantities(quantities, items, filters),
        actions=frames.filter_by_items(actions, items, filters),
    )


def fmt_number(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:,.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"


def md_text(text: str) -> str:
    """Report text for st.markdown: always escaped, never interpreted."""
    return md_escape(text)


def show_caption(ctx: Context) -> None:
    st.caption(md_escape(ctx.caption()))
