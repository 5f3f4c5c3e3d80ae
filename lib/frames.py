"""Ledgers → pandas DataFrames and the filters over them (the sums the pages show: lib.totals)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .labels import STATUS_ORDER, status_label, t
from .ledger import Ledger

ITEM_COLUMNS = ["report_id", "report", "seq", "no", "theme_no", "theme", "theme_short", "title", "status",
                "status_raw", "n_measures", "measures", "figures", "start", "end"]
QUANTITY_COLUMNS = ["report_id", "report", "idx", "item_seq", "item_no", "theme_no", "status", "value", "unit", "kind",
                    "label", "tags", "land", "recovery", "case", "sanction", "approximate", "headline", "aside",
                    "override", "text", "match", "start", "end", "match_start", "match_end"]
# The figures of the headline totals as counted at import: what a total shows of them, without their sentences
# (a popover reads those when it opens: with_sentences) or their items' columns (nothing is filtered).
COUNT_COLUMNS = ["family", "counted", "reason", "ref"]
HEADLINE_COLUMNS = ["report_id", "report", "idx", "item_seq", "item_no", "value", "unit", "kind", "label", "headline",
                    "aside", "override", "match"] + COUNT_COLUMNS
# A report's header and what it states of its own progress, one row per report (Store.list_reports' columns).
REPORT_COLUMNS = ["id", "filename", "title", "publisher", "kind", "inspector", "inspection_start", "inspection_end",
                  "feedback_date", "report_date", "n_items", "n_done", "label", "stated_total", "stated_done",
                  "stated_in_progress", "stated_not_done", "stated_rate", "stated_level", "stated_measures"]
STATED_COLUMNS = {"stated_total": "total", "stated_done": "done", "stated_in_progress": "in_progress",
                  "stated_measures": "measures",
                  "stated_not_done": "not_done", "stated_rate": "completion_rate", "stated_level": "level"}
ACTION_COLUMNS = ["report_id", "report", "item_seq", "item_no", "theme_no", "date", "day", "text"]

_CN_NUM = "一二三四五六七八九十"


def theme_marker(no: int) -> str:
    """（五） as the reports print it; plain (12) past ten."""
    return f"（{_CN_NUM[no - 1]}）" if 1 <= no <= 10 else f"({no})"


def short_theme(no: int | None, title: str, width: int = 12) -> str:
    """A chart label: "（五）土地出让、征地拆迁问…"; the full title goes in the hover text."""
    head = theme_marker(int(no)) if no is not None else ""
    return head + (title if len(title) <= width else title[: width - 1] + "…")


def norm_title(s: str) -> str:
    """An item's title without spaces and punctuation, for telling the same problem in two rounds."""
    return re.sub(r"[\s“”\"'《》()（），,。.:：;；、]", "", s or "")


def report_label(ledger: Ledger) -> str:
    who = ledger.publisher or ledger.title or "?"
    return f"{who}（{ledger.report_date}）" if ledger.report_date else who


def compact_items(df: pd.DataFrame) -> pd.DataFrame:
    """Repeated strings as categories: a thousand reports' frames stay small in caches and sessions."""
    return df.astype({"report": "category", "theme": "category", "theme_short": "category"})


def compact_quantities(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({"report": "category", "unit": "category", "kind": "category", "tags": "category",
                      "headline": "category", "aside": "category"})


def reports_frame(reports: list[tuple[int, Ledger]], filenames: dict[int, str] | None = None) -> pd.DataFrame:
    """Header rows with the reports' stated totals, as Store.list_reports gives them."""
    rows = []
    for report_id, ledger in reports:
        st = ledger.stated
        rows.append({
            "id": report_id, "filename": (filenames or {}).get(report_id, ""), "title": ledger.title,
            "publisher": ledger.publisher, "kind": ledger.kind, "inspector": ledger.inspector,
            "inspection_start": ledger.inspection_start, "inspection_end": ledger.inspection_end,
            "feedback_date": ledger.feedback_date, "report_date": ledger.report_date, "n_items": len(ledger.items),
            "n_done": sum(i.status == "done" for i in ledger.items), "label": report_label(ledger),
            **{col: getattr(st, key) for col, key in STATED_COLUMNS.items()},
        })
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def items_frame(reports: list[tuple[int, Ledger]]) -> pd.DataFrame:
    rows = []
    for report_id, ledger in reports:
        themes = {th.no: th.title for th in ledger.themes}
        figs: dict[int, list[str]] = {}
        for q in ledger.quantities:
            if q.item_seq is not None:
                figs.setdefault(q.item_seq, []).append(q.match)
        label = report_label(ledger)
        for it in ledger.items:
            title = themes.get(it.theme_no, "") if it.theme_no is not None else ""
            rows.append({
                "report_id": report_id, "report": label, "seq": it.seq, "no": it.no, "theme_no": it.theme_no,
                "theme": title, "theme_short": short_theme(it.theme_no, title) if it.theme_no is not None else "",
                "title": it.title, "status": it.status, "status_raw": it.status_raw or "",
                "n_measures": len(it.measures), "measures": "\n".join(it.measures),
                "figures": "、".join(figs.get(it.seq, [])), "start": it.start, "end": it.end,
            })
    df = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    return compact_items(df.astype({"theme_no": "Int64", "no": "Int64"}))


def quantities_frame(reports: list[tuple[int, Ledger]]) -> pd.DataFrame:
    rows = []
    for report_id, ledger in reports:
        by_seq = {it.seq: it for it in ledger.items}
        label = report_label(ledger)
        for n, q in enumerate(ledger.quantities):
            it = by_seq.get(q.item_seq)
            rows.append({
                "report_id": report_id, "report": label, "idx": n, "item_seq": q.item_seq, "item_no": q.item_no,
                "theme_no": it.theme_no if it else None, "status": it.status if it else None,
                "value": q.value, "unit": q.unit, "kind": q.kind, "label": q.label, "tags": ",".join(q.tags),
                "land": "land" in q.tags, "recovery": "recovery" in q.tags, "case": "case" in q.tags,
                "sanction": "sanction" in q.tags, "approximate": q.approximate, "headline": q.headline,
                "aside": q.aside, "override": q.override, "text": q.text,
                "match": q.match, "start": q.start, "end": q.end,
                "match_start": q.match_start, "match_end": q.match_end,
            })
    df = pd.DataFrame(rows, columns=QUANTITY_COLUMNS)
    return compact_quantities(df.astype({"item_seq": "Int64", "item_no": "Int64", "theme_no": "Int64",
                                         "value": "float64"}))


def actions_frame(reports: list[tuple[int, Ledger]]) -> pd.DataFrame:
    rows = []
    for report_id, ledger in reports:
        by_seq = {it.seq: it for it in ledger.items}
        label = report_label(ledger)
        for a in ledger.actions:
            it = by_seq.get(a.get("item_seq"))
            rows.append({"report_id": report_id, "report": label, "item_seq": a.get("item_seq"),
                         "item_no": a.get("item_no"), "theme_no": it.theme_no if it else None,
                         "date": a["date"], "day": a.get("day"), "text": a["text"]})
    df = pd.DataFrame(rows, columns=ACTION_COLUMNS)
    return df.astype({"item_seq": "Int64", "item_no": "Int64", "theme_no": "Int64"})


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


def theme_progress(items: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Items per theme and status, long form, themes in report order."""
    cols = ["theme_no", "theme_short", "theme", "status", "status_label", "count"]
    with_theme = items[items["theme_no"].notna()]
    if with_theme.empty:
        return pd.DataFrame(columns=cols)
    g = with_theme.groupby(["theme_no", "theme_short", "theme", "status"], sort=False).size().reset_index(name="count")
    g["status_label"] = g["status"].map(lambda s: status_label(s, lang))
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    g = g.sort_values(["theme_no", "status"], key=lambda c: c.map(order) if c.name == "status" else c)
    return g[cols].reset_index(drop=True)


def status_mix(items: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    counts = items["status"].value_counts()
    rows = [{"status": s, "status_label": status_label(s, lang), "count": int(counts.get(s, 0))}
            for s in STATUS_ORDER if counts.get(s, 0)]
    return pd.DataFrame(rows, columns=["status", "status_label", "count"])


def sums_by_label(quantities: pd.DataFrame) -> pd.DataFrame:
    if quantities.empty:
        return pd.DataFrame(columns=["label", "value"])
    g = quantities.groupby("label", sort=False)["value"].sum().reset_index()
    return g.sort_values("value", ascending=True).reset_index(drop=True)


# the people a discipline chart counts, in the colour of their total: sanctions, and other accountability
PEOPLE_COLORS = {"disciplined_people": "#D55E00", "other_accountability_people": "#E69F00"}


def people_sums(parts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Sums by label of each people total's figures, with the total's colour per bar."""
    out = [sums_by_label(q).assign(color=PEOPLE_COLORS[k]) for k, q in parts.items() if len(q)]
    if not out:
        return pd.DataFrame(columns=["label", "value", "color"])
    return pd.concat(out).sort_values("value", ascending=True).reset_index(drop=True)


def entities(quantities: pd.DataFrame) -> pd.DataFrame:
    """Counted enterprises and units (2家企业, 4家停产关闭企业) — what discipline work touched."""
    return quantities[(quantities["kind"] == "count") & quantities["unit"].isin(["家", "户", "所"])]


def percentages(quantities: pd.DataFrame) -> pd.DataFrame:
    return quantities[quantities["kind"] == "percent"]
