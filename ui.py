"""What every page shares: the store and cached loading at the edge, URL state, the filtered frames.

Not a page, so not in pages/: Streamlit would list it there."""
from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from lib.ledger.model import Ledger
from lib.library.store import URL_ENV, Store
from lib.outputs import crops, export
from lib.views import deadlines, selection, totals
from lib.views.labels import (  # noqa: F401
    STATUS_ORDER,
    completion_cells,
    completion_source,
    fmt_number,
    headline_label,
    stated_beside,
    t,
)
from lib.views.safe import md_escape

PUBLIC_ENV = "RECTIFY_PUBLIC"


def public_mode() -> bool:
    """Public mode: read-only pages, nothing internal (parser notes, correction history) shown."""
    return os.environ.get(PUBLIC_ENV, "").strip().lower() in ("1", "true", "yes", "on")

# Widget keys, which are also the URL's query parameters: ?report=1&status=in_progress&theme=5&q=土地&lang=en
KEY_LANG, KEY_REPORT, KEY_STATUS, KEY_THEME, KEY_QUERY, KEY_ITEM = "lang", "report", "status", "theme", "q", "item"
_SEEDED = "_seeded_from_url"
# The language switch shows each language in itself; the URL and the code use zh / en.
LANG_OPTIONS = {"中文": "zh", "English": "en"}


# Per script run (each session runs in its own thread): whether the frame is running, and loaded frames.
_frame_state = threading.local()


# --- the store, cached at the edge ---------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _store(url: str | None) -> Store:
    store = Store(url)
    store.ensure_bundled()   # first start: the bundled reports become the library's first entries
    return store


def store() -> Store:
    return _store(library())


# Frames are shared, not copied, between sessions (st.cache_resource): with pandas 3's copy-on-write no
# page can change a shared frame in place, and a thousand reports' frames are not pickled, unpickled and
# duplicated for every session on every run (st.cache_data would).
@st.cache_resource(show_spinner=False, max_entries=8)
def _reports(url: str | None, version: str) -> pd.DataFrame:
    return _store(url).list_reports()


@st.cache_resource(show_spinner=False, max_entries=16)
def _frame(url: str | None, version: str, kind: str, ids: tuple[int, ...]) -> pd.DataFrame:
    store = _store(url)
    loader = {"items": store.items_frame, "quantities": store.quantities_frame, "actions": store.actions_frame}
    return loader[kind](ids)


@st.cache_data(show_spinner=False, max_entries=64)
def _ledger(url: str | None, version: str, report_id: int) -> Ledger:
    return _store(url).ledger(report_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _text(url: str | None, report_id: int) -> str:
    return _store(url).text(report_id)


@st.cache_data(show_spinner=False, max_entries=16)
def _ocr(url: str | None, report_id: int):
    return _store(url).ocr(report_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _crop(url: str | None, report_id: int, page: int, box: tuple[int, int, int, int],
          size: tuple[int, int]) -> bytes | None:
    image = _store(url).page_image(report_id, page)
    return None if image is None else crops.line_crop(image, size, box)   # None: imported before pages were kept


def library() -> str | None:
    """Which library this process reads (RECTIFY_DATABASE_URL; None: the default SQLite file)."""
    return os.environ.get(URL_ENV)


def version() -> str:
    """The library's write counter, read once per script run (several loaders key their caches on it)."""
    v = getattr(_frame_state, "version", None)
    if v is None:
        v = _frame_state.version = store().data_version()
    return v


def reports() -> pd.DataFrame:
    return _reports(library(), version())


def load_frame(kind: str, ids: tuple[int, ...]) -> pd.DataFrame:
    """items | quantities | actions of these reports, once per script run: st.cache_data hands out a fresh
    copy on every call, which for a thousand reports costs a tenth of a second and tens of megabytes."""
    key = (library(), version(), kind, tuple(sorted(ids)))
    memo = getattr(_frame_state, "memo", None)
    if memo is None:
        memo = _frame_state.memo = {}
    if key not in memo:
        memo[key] = _frame(*key)
    return memo[key]


def load_frames(ids: tuple[int, ...]):
    return load_frame("items", ids), load_frame("quantities", ids), load_frame("actions", ids)


def start_run() -> None:
    """Called first by the frame on every run: forget the previous run's frames and data version."""
    _frame_state.memo = None
    _frame_state.version = None


def ledger(report_id: int) -> Ledger:
    return _ledger(library(), version(), int(report_id))


def report_text(report_id: int) -> str:
    return _text(library(), int(report_id))


def report_ocr(report_id: int):
    """A scanned report's OCR lines (lib.read.ocr_layout.OcrText), else None."""
    return _ocr(library(), int(report_id))


def line_crop(report_id: int, ocr, line) -> bytes | None:
    """PNG of the place on a scanned page where one of its OCR lines (lib.read.ocr_layout) was read, else None."""
    if line.page > len(ocr.sizes):
        return None
    return _crop(library(), int(report_id), int(line.page), tuple(int(v) for v in line.box),
                 tuple(ocr.sizes[line.page - 1]))


def clear_caches() -> None:
    """After an import or a correction: the version key changes anyway; this frees the old entries."""
    _frame_state.version = None
    _frame_state.memo = None
    _reports.clear()
    _frame.clear()
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
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    # parameters the frame does not manage stay as they are: slides, interval, embed, …
    wanted = {k: v for k, v in current.items() if k not in params}
    wanted.update({k: v if isinstance(v, list) else [v] for k, v in params.items() if v})
    if current != wanted:
        st.query_params.from_dict(wanted)


def lang() -> str:
    return LANG_OPTIONS.get(st.session_state.get(KEY_LANG), "zh")


def current_filters() -> selection.Filters:
    themes = []
    for v in st.session_state.get(KEY_THEME) or []:
        try:
            themes.append(int(v))
        except (TypeError, ValueError):
            continue
    return selection.Filters(
        statuses=tuple(st.session_state.get(KEY_STATUS) or ()),
        themes=tuple(themes),
        keyword=st.session_state.get(KEY_QUERY) or "",
    )


def selected_report_ids() -> tuple[int, ...]:
    ids = set(reports()["id"])
    return tuple(sorted(int(v) for v in st.session_state.get(KEY_REPORT) or [] if int(v) in ids))


# --- the page context ----------------------------------------------------------------------------
def run_page(page) -> None:
    """Run the chosen page inside the frame (dashboard.py), which pages check for."""
    _frame_state.active = True
    try:
        page.run()
    finally:
        _frame_state.active = False


def require_frame() -> None:
    """Streamlit treats a folder named pages/ beside the main script as an old-style multipage app until
    st.navigation has run once in the process: the first visit straight to /items would run the page
    alone, without the sidebar and filters. Switch that mode off and run again, through the frame."""
    if not getattr(_frame_state, "active", False):
        from streamlit.runtime.pages_manager import PagesManager
        PagesManager.uses_pages_directory = False
        st.rerun()


@dataclass
class Context:
    lang: str
    filters: selection.Filters
    report_ids: tuple[int, ...]
    reports: pd.DataFrame          # the selected reports' header rows
    items_all: pd.DataFrame
    items: pd.DataFrame

    def ledger(self, report_id: int) -> Ledger:
        return ledger(report_id)

    # Figures and dated actions load only on pages that use them: the overview needs items alone.
    @functools.cached_property
    def quantities(self) -> pd.DataFrame:
        return selection.filter_by_items(load_frame("quantities", self.report_ids), self.items, self.filters)

    @functools.cached_property
    def actions(self) -> pd.DataFrame:
        return selection.filter_by_items(load_frame("actions", self.report_ids), self.items, self.filters)

    @functools.cached_property
    def all_quantities(self) -> pd.DataFrame:
        return load_frame("quantities", self.report_ids)

    @functools.cached_property
    def headlines(self) -> totals.Headlines:
        """The selection's headline numbers (lib.views.totals), shared between sessions for one data version."""
        return headlines_of(self.report_ids, self.filters)

    @property
    def theme_titles(self) -> dict[int, str]:
        return {int(n): title for n, title in zip(self.items_all["theme_no"], self.items_all["theme"]) if pd.notna(n)}

    def caption(self) -> str:
        return t("filter_caption", self.lang, desc=self.filters.describe(self.lang, self.theme_titles))


# Shared, not copied, like the frames they are made of: no page changes them.
@st.cache_resource(show_spinner=False, max_entries=32)
def _headlines(url: str | None, version: str, ids: tuple[int, ...], filters: selection.Filters) -> totals.Headlines:
    items_all = load_frame("items", ids)
    all_reports = reports()
    chosen = all_reports[all_reports["id"].isin(ids)]
    items = filters.apply(items_all)
    if filters.active:
        # under a filter the report's summary figures are out, so the items' figures they held count: afresh
        quantities = selection.filter_by_items(load_frame("quantities", ids), items, filters)
        return totals.headlines(chosen, items_all, items, quantities, filtered=True)
    # everything selected: the counts stored at import, the sentences left unread
    stored, left = _store(url).headline_frame(ids, recount=totals.in_rounds(chosen))
    fresh = load_frame("quantities", tuple(left)) if left else stored.iloc[0:0]
    return totals.headlines(chosen, items_all, items, totals.merge_counted(stored, fresh), counted=True)


def headlines_of(ids: tuple[int, ...], filters: selection.Filters) -> totals.Headlines:
    return _headlines(library(), version(), ids, filters)


def context() -> Context:
    require_frame()
    ids = selected_report_ids()
    items_all = load_frame("items", ids)
    filters = current_filters()
    all_reports = reports()
    return Context(
        lang=lang(), filters=filters, report_ids=ids, reports=all_reports[all_reports["id"].isin(ids)],
        items_all=items_all, items=filters.apply(items_all),
    )


def md_text(text: str) -> str:
    """Report text for st.markdown: always escaped, never interpreted."""
    return md_escape(text)


def show_caption(ctx: Context) -> None:
    st.caption(md_escape(ctx.caption()))


# --- the headline numbers, each opening to its figures -------------------------------------------------
def show_basis(total: totals.Total, lang: str) -> None:
    """What a headline adds and what it leaves out, each figure with its sentence and the reason."""
    full = load_frame("quantities", tuple(sorted({int(r) for r in total.included["report_id"]} |
                                                 {int(r) for r in total.excluded["report_id"]})))
    total = replace(total, included=selection.with_sentences(total.included, full),
                                excluded=selection.with_sentences(total.excluded, full))
    added, left = export.basis_tables(total, lang)
    st.markdown(f"**{t('hl_' + total.key, lang)}**：{md_escape(t('hlh_' + total.key, lang))}")
    st.caption(t("hl_added", lang))
    if added.empty:
        st.info(t("hl_none_added", lang))
    else:
        st.dataframe(added, hide_index=True)
    if not left.empty:
        st.caption(t("hl_left_out", lang))
        st.dataframe(left, hide_index=True)


def headline_metric(container, total: totals.Total, lang: str, key: str) -> None:
    """A headline as a metric, its definition as help, and a popover with the figures it is made of."""
    # the unit is in the label; "—" where the selection states no figure of the kind (never 0)
    container.metric(headline_label(total.key, lang), fmt_number(total.value), help=t("hlh_" + total.key, lang))
    n, m = len(total.included), len(total.excluded)
    if n or m:
        label = t("hl_basis_left", lang, n=n, m=m) if m else t("hl_basis", lang, n=n)
        # drawn only while open: a thousand reports' figures in ten tables would slow every run
        pop = container.popover(label, width="content", key=key, on_change="rerun", help=t("hl_basis_help", lang),
                                icon=":material/list_alt:")
        if pop.open:
            with pop:
                show_basis(total, lang)


def headline_row(h: totals.Headlines, keys: tuple[str, ...], lang: str, prefix: str) -> None:
    for col, key in zip(st.columns(len(keys)), keys):
        headline_metric(col, h.totals[key], lang, f"{prefix}_{key}")


def completion_metrics(h: totals.Headlines, lang: str, big: bool = False) -> None:
    """Items, done, in progress and the rate, each from the same source, which the rate's caption names;
    the report's own figure beside the items' when the two disagree."""
    c = h.completion
    cells = completion_cells(c, lang, measures=not big)
    cols = st.columns(len(cells))
    for col, (key, label, value) in zip(cols, cells):
        col.metric(label, value, help=t("rate_help", lang) if key == "rate" else None)
    cols[3].caption(md_escape(completion_source(c, lang)))
    beside = stated_beside(c, lang)
    if beside:
        cols[3].caption(md_escape(beside))


KEY_AS_OF = "as_of"


def deadline_lights(ctx: Context) -> list[str | None] | None:
    """Where the selected items have deadlines: the date they are counted from (by default each report's own
    date), the four lights as metrics, and each item's light; None where no item has a deadline."""
    items = ctx.items
    if not deadlines.has_deadlines(items):
        return None
    lang = ctx.lang
    report_dates = dict(zip(ctx.reports["id"].astype(int), ctx.reports["report_date"]))
    cols = st.columns([1, 1, 1, 1, 1.3])
    with cols[4]:
        as_of = st.date_input(t("as_of", lang), value=None, key=KEY_AS_OF, help=t("as_of_help", lang),
                              format="YYYY-MM-DD")
        st.caption(t("as_of_default", lang) if as_of is None else t("as_of_set", lang, d=as_of.isoformat()))
    lights = deadlines.item_lights(items, as_of, report_dates)
    counts = deadlines.light_counts(lights)
    for col, key in zip(cols, counts):
        col.metric(t(f"light_{key}", lang), counts[key])
    return lights
