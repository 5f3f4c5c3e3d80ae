"""What every page shares: the store and cached loading at the edge, URL state, the filtered frames."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from lib import frames
from lib.labels import STATUS_ORDER, t
from lib.ledger import Ledger
from lib.safe import md_escape
from lib.store import URL_ENV, Store

# Widget keys, which are also the URL's query parameters: ?report=1&status=in_progress&theme=5&q=土地&lang=en
KEY_LANG, KEY_REPORT, KEY_STATUS, KEY_THEME, KEY_QUERY, KEY_ITEM = "lang", "report", "status", "theme", "q", "item"
_SEEDED = "_seeded_from_url"
# The language switch shows each language in itself; the URL and the code use zh / en.
LANG_OPTIONS = {"中文": "zh", "English": "en"}


# --- the store, cached at the edge ---------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _store(url: str | None) -> Store:
    store = Store(url)
    store.ensure_bundled()   # first start: the bundled reports become the library's first entries
    return store


def store() -> Store:
    return _store(os.environ.get(URL_ENV))


@st.cache_data(show_spinner=False, max_entries=8)
def _reports(url: str | None, version: str) -> pd.DataFrame:
    return _store(url).list_reports()


@st.cache_data(show_spinner=False, max_entries=16)
def _frames(url: str | None, version: str, ids: tuple[int, ...]):
    return _store(url).frames(ids)


@st.cache_data(show_spinner=False, max_entries=64)
def _ledger(url: str | None, version: str, report_id: int) -> Ledger:
    return _store(url).ledger(report_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _text(url: str | None, report_id: int) -> str:
    return _store(url).text(report_id)


def version() -> str:
    return store().data_version()


def reports() -> pd.DataFrame:
    return _reports(os.environ.get(URL_ENV), version())


def load_frames(ids: tuple[int, ...]):
    """Once per script run: st.cache_data hands out a fresh copy on every call, which for a thousand
    reports costs a tenth of a second and tens of megabytes each time."""
    key = (os.environ.get(URL_ENV), version(), tuple(sorted(ids)))
    memo = getattr(_frame, "memo", None)
    if memo is None or memo[0] != key:
        memo = (key, _frames(*key))
        _frame.memo = memo
    return memo[1]


def start_run() -> None:
    """Called first by the frame on every run: forget the previous run's frames."""
    _frame.memo = None


def ledger(report_id: int) -> Ledger:
    return _ledger(os.environ.get(URL_ENV), version(), int(report_id))


def report_text(report_id: int) -> str:
    return _text(os.environ.get(URL_ENV), int(report_id))


def clear_caches() -> None:
    """After an import or a correction: the version key changes anyway; this frees the old entries."""
    _reports.clear()
    _frames.clear()
    _ledger.clear()


# --- URL state -----------------------------------------------------------------------------------
def seed_from_url() -> None:
    """On a session's first run, the URL's filters become the widgets' values (a shared link, a reload).

    Streamlit's own bind="query-params" writes the *formatted* option labels into the URL, which would
    make links depend on the UI language; codes (in_progress, 5) keep a link valid in both languages.
    """
    if st.session_state.get(_SEEDED):
        return
    qp = st.query_params
    st.session_state[KEY_LANG] = "English" if qp.get(KEY_LANG) == "en" else "中文"
    st.session_state[KEY_REPORT] = [v for v in dict.fromkeys(qp.get_all(KEY_REPORT)) if v.isdigit()]
    st.session_state[KEY_STATUS] = [s for s in dict.fromkeys(qp.get_all(KEY_STATUS)) if s in STATUS_ORDER]
    st.session_state[KEY_THEME] = [v for v in dict.fromkeys(qp.get_all(KEY_THEME)) if v.isdigit()]
    st.session_state[KEY_QUERY] = qp.get(KEY_QUERY, "")[:200]
    if qp.get(KEY_ITEM):
        st.session_state[KEY_ITEM] = qp.get(KEY_ITEM)[:40]
    st.session_state[_SEEDED] = True


def keep_valid(key: str, valid: list[str], default: list[str] | None = None) -> None:
    """Drop values the options no longer hold (an old link, another report); fall back to `default`."""
    chosen = st.session_state.get(key) or []
    kept = [v for v in chosen if v in valid]
    if not kept and default:
        kept = default
    if kept != chosen:
        st.session_state[key] = kept


def write_url() -> None:
    """The current choices into the address bar, so a view is a link that survives reloads and page switches."""
    params = {
        KEY_REPORT: list(st.session_state.get(KEY_REPORT) or []),
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
    ids = set(reports()["id"])
    return tuple(sorted(int(v) for v in st.session_state.get(KEY_REPORT) or [] if int(v) in ids))


# --- the page context ----------------------------------------------------------------------------
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


@dataclass
class Context:
    lang: str
    filters: frames.Filters
    report_ids: tuple[int, ...]
    reports: pd.DataFrame          # the selected reports' header rows
    items_all: pd.DataFrame
    items: pd.DataFrame
    quantities: pd.DataFrame
    actions: pd.DataFrame
    _ledgers: dict = field(default_factory=dict)

    def ledger(self, report_id: int) -> Ledger:
        return ledger(report_id)

    @property
    def theme_titles(self) -> dict[int, str]:
        return {int(n): title for n, title in zip(self.items_all["theme_no"], self.items_all["theme"]) if pd.notna(n)}

    def caption(self) -> str:
        return t("filter_caption", self.lang, desc=self.filters.describe(self.lang, self.theme_titles))


def context() -> Context:
    require_frame()
    ids = selected_report_ids()
    items_all, quantities, actions = load_frames(ids)
    filters = current_filters()
    items = filters.apply(items_all)
    all_reports = reports()
    return Context(
        lang=lang(), filters=filters, report_ids=ids, reports=all_reports[all_reports["id"].isin(ids)],
        items_all=items_all, items=items,
        quantities=frames.filter_quantities(quantities, items, filters),
        actions=frames.filter_by_items(actions, items, filters),
    )


def fmt_number(v: float | None) -> str:
    if v is None or pd.isna(v):
        return "—"
    return f"{v:,.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"


def md_text(text: str) -> str:
    """Report text for st.markdown: always escaped, never interpreted."""
    return md_escape(text)


def show_caption(ctx: Context) -> None:
    st.caption(md_escape(ctx.caption()))
