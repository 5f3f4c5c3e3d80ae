"""The store's rows as the DataFrames every view reads: report labels, analysts' corrections laid over the
parsed values, each figure and dated action with its item's theme and status."""
from __future__ import annotations

import pandas as pd

from .frames import (
    ACTION_COLUMNS,
    ITEM_COLUMNS,
    QUANTITY_COLUMNS,
    compact_items,
    compact_quantities,
    short_theme,
)

ITEM_FIELDS = {"title": str, "status": str, "status_raw": str, "responsible": str, "deadline": str}
SUMMARY = 0   # the item_seq a correction gives a figure outside every item (the opening, an annex)
# headline: move the figure to another total ("none": to none); counted: include | exclude it from its total
FIGURE_FIELDS = {"value": float, "unit": str, "label": str, "headline": str, "counted": str}
COUNTED_VALUES = ("include", "exclude")


def _cast(kind, value):
    return float(value) if kind is float else value


def _label(row) -> str:
    who = row.publisher or row.title or "?"
    return f"{who}（{row.report_date}）" if row.report_date else who


def _items_df(it: pd.DataFrame, labels: dict, hashes: dict, overlay: dict) -> pd.DataFrame:
    if it.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS).astype({"theme_no": "Int64", "no": "Int64"})
    df = pd.DataFrame({
        "report_id": it["report_id"].astype(int), "report": it["report_id"].map(labels), "seq": it["seq"],
        "no": it["no"], "theme_no": it["theme_no"], "theme": it["theme"].fillna(""),
        "title": it["title"], "status": it["status"], "status_raw": it["status_raw"].fillna(""),
        "n_measures": it["n_measures"],
        "measures": it["measures_text"].fillna(""),
        "figures": it["figures_text"].fillna(""), "responsible": it["responsible"].fillna("").astype(str),
        "deadline": it["deadline"].astype(object).where(it["deadline"].notna(), None),
        "deadline_raw": it["deadline_raw"].fillna("").astype(str), "start": it["start"], "end": it["end"],
    })
    df = df.astype({"theme_no": "Int64", "no": "Int64"})
    # once per theme, not per item: a thousand reports share a few hundred theme titles (NaN keys, which
    # never equal each other, are None: items without a theme beside items with one)
    keys = [(None if pd.isna(n) else int(n), t) for n, t in zip(df["theme_no"].tolist(), df["theme"].tolist())]
    short = {(n, t): short_theme(n, t) if n is not None else "" for n, t in set(keys)}
    df["theme_short"] = [short[k] for k in keys]
    _apply_item_overlay(df, hashes, overlay)
    return compact_items(df[ITEM_COLUMNS])


def _apply_item_overlay(df: pd.DataFrame, hashes: dict, overlay: dict) -> None:
    if not overlay:
        return
    rid_by_hash = {h: rid for rid, h in hashes.items()}
    index = {(r, s): i for i, r, s in zip(df.index, df["report_id"], df["seq"])}
    for (h, seq, anchor, field), value in overlay.items():
        i = index.get((rid_by_hash.get(h), seq))
        if anchor == -1 and i is not None and field in ITEM_FIELDS:
            df.at[i, field] = value


def _quantities_df(qt: pd.DataFrame, it: pd.DataFrame, labels: dict, hashes: dict, overlay: dict) -> pd.DataFrame:
    if qt.empty:
        return pd.DataFrame(columns=QUANTITY_COLUMNS).astype(
            {"item_seq": "Int64", "item_no": "Int64", "theme_no": "Int64", "value": "float64"})
    tags = qt["tags"].fillna("")
    df = pd.DataFrame({
        "report_id": qt["report_id"].astype(int), "report": qt["report_id"].map(labels),
        "item_seq": qt["item_seq"], "item_no": qt["item_no"], "theme_no": None, "status": None,
        "value": qt["value"].astype(float), "unit": qt["unit"], "kind": qt["kind"], "label": qt["label"],
        "tags": tags, "land": tags.str.contains("land"), "recovery": tags.str.contains("recovery"),
        "case": tags.str.contains("case"), "sanction": tags.str.contains("sanction"),
        "approximate": qt["approximate"].astype(bool), "idx": qt["idx"].astype(int),
        "headline": qt["headline"].astype(object).where(qt["headline"].notna(), None),
        "aside": qt["aside"].astype(object).where(qt["aside"].notna(), None), "override": None,
        "text": qt["text"], "match": qt["match"],
        "start": qt["start"], "end": qt["end"], "match_start": qt["match_start"], "match_end": qt["match_end"],
    })
    if not it.empty:
        # from the corrected items: a corrected status shows on its figures
        df = _attach_item_columns(df, it, ["theme_no", "status"])
    if overlay:
        rid_by_hash = {h: rid for rid, h in hashes.items()}
        index = {(r, SUMMARY if pd.isna(s) else s, a): i
                 for i, r, s, a in zip(df.index, df["report_id"], df["item_seq"], df["match_start"])}
        for (h, seq, anchor, field), value in overlay.items():
            i = index.get((rid_by_hash.get(h), seq, anchor))
            if anchor != -1 and i is not None and field in FIGURE_FIELDS:
                if field == "counted":
                    df.at[i, "override"] = value
                elif field == "headline":
                    df.at[i, "headline"] = None if value == "none" else value
                else:
                    df.at[i, field] = _cast(FIGURE_FIELDS[field], value)
    df = df.astype({"item_seq": "Int64", "item_no": "Int64", "theme_no": "Int64", "value": "float64"})
    return compact_quantities(df[QUANTITY_COLUMNS])


def _attach_item_columns(df: pd.DataFrame, it: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Columns of each row's item (by report and item seq), as one merge rather than a lookup per row."""
    right = it[["report_id", "seq", *columns]].rename(columns={"seq": "item_seq"})
    right = right.astype({"report_id": "int64", "item_seq": "Int64"})
    left = df.drop(columns=columns).astype({"item_seq": "Int64"})
    merged = left.merge(right, on=["report_id", "item_seq"], how="left")
    merged.index = df.index
    return merged


def _actions_df(ac: pd.DataFrame, it: pd.DataFrame, labels: dict) -> pd.DataFrame:
    if ac.empty:
        return pd.DataFrame(columns=ACTION_COLUMNS).astype({"item_seq": "Int64", "item_no": "Int64", "theme_no": "Int64"})
    df = pd.DataFrame({
        "report_id": ac["report_id"].astype(int), "report": ac["report_id"].map(labels),
        "item_seq": ac["item_seq"], "item_no": ac["item_no"], "theme_no": None,
        "date": ac["date"], "day": ac["day"], "text": ac["text"],
    })
    if not it.empty:
        df = _attach_item_columns(df, it.rename(columns={"theme_no": "theme_no"}), ["theme_no"])
    return df.astype({"item_seq": "Int64", "item_no": "Int64", "theme_no": "Int64"})[ACTION_COLUMNS]
