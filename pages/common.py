"""What every page shares: cached loading at the edge, and the filtered frames for the sidebar's choices."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lib import frames, library
from lib.labels import t
from lib.safe import md_escape
from lib.ledger import Ledger

# Widget keys, which are also the URL's query parameters (bind="query-params").
KEY_LANG, KEY_STATUS, KEY_THEME, KEY_QUERY = "lang", "status", "theme", "q"


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
    return "en" if st.session_state.get(KEY_LANG) == "en" else "zh"


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


def context() -> Context:
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
