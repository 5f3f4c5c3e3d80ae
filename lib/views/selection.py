"""The analyst's selection: filters from the sidebar, applied to items and to the rows that belong to them."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..library.frames import short_theme
from .labels import status_label, t


@dataclass(frozen=True)
class Filters:
    """What the analyst chose in the sidebar; empty means everything."""
    statuses: tuple[str, ...] = ()
    themes: tuple[int, ...] = ()
    keyword: str = ""

    @property
    def active(self) -> bool:
        return bool(self.statuses or self.themes or self.keyword.strip())

    def apply(self, items: pd.DataFrame) -> pd.DataFrame:
        if not self.active:
            return items
        mask = pd.Series(True, index=items.index)
        if self.statuses:
            mask &= items["status"].isin(self.statuses)
        if self.themes:
            mask &= items["theme_no"].isin(self.themes).fillna(False).astype(bool)
        kw = self.keyword.strip()
        if kw:
            hay = items["title"] + "\n" + items["measures"] + "\n" + items["figures"] + "\n" + items["status_raw"]
            mask &= hay.str.contains(kw, case=False, regex=False)
        return items[mask]

    def describe(self, lang: str, theme_titles: dict[int, str] | None = None) -> str:
        """One line for a caption: 状态：阶段性完成；主题：（五）…；关键词：土地."""
        parts = []
        sep = "；" if lang == "zh" else "; "
        colon = "：" if lang == "zh" else ": "
        if self.statuses:
            parts.append(t("status", lang) + colon + "、".join(status_label(s, lang) for s in self.statuses))
        if self.themes:
            names = [short_theme(n, (theme_titles or {}).get(n, ""), 14) for n in self.themes]
            parts.append(t("theme", lang) + colon + "、".join(names))
        if self.keyword.strip():
            parts.append(t("keyword", lang) + colon + self.keyword.strip())
        return sep.join(parts) if parts else t("no_filter", lang)


def filter_by_items(frame: pd.DataFrame, filtered_items: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows (figures, dated actions) of the filtered items; the report's own summary rows, which belong to no
    item, only while nothing is filtered."""
    keys = set(zip(filtered_items["report_id"], filtered_items["seq"]))
    mask = [(r, s) in keys for r, s in zip(frame["report_id"], frame["item_seq"].astype(object))]
    mask = pd.Series(mask, index=frame.index, dtype=bool)
    if not filters.active:
        mask |= frame["item_seq"].isna()
    return frame[mask]


def with_sentences(rows: pd.DataFrame, quantities: pd.DataFrame) -> pd.DataFrame:
    """Figures counted without their sentences (Store.headline_frame) with them again, from the full
    quantities frame of their reports."""
    if "text" in rows and rows["text"].notna().all():
        return rows
    keep = [c for c in rows.columns if c not in ("text", "start", "end", "match_start", "match_end")]
    full = quantities[["report_id", "idx", "text", "start", "end", "match_start", "match_end"]]
    merged = rows[keep].merge(full, on=["report_id", "idx"], how="left")
    merged.index = rows.index
    return merged
