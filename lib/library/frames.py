"""Ledgers as DataFrames: the report, item, figure and action rows every view and the store share."""
from __future__ import annotations

import re

import pandas as pd

from ..ledger.model import Ledger

ITEM_COLUMNS = ["report_id", "report", "seq", "no", "theme_no", "theme", "theme_short", "title", "status",
                "status_raw", "n_measures", "measures", "figures", "responsible", "deadline", "deadline_raw", "start", "end"]
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
                "figures": "、".join(figs.get(it.seq, [])), "responsible": it.responsible or "",
                "deadline": it.deadline, "deadline_raw": it.deadline_raw or "", "start": it.start, "end": it.end,
            })
    df = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    # deadline: ISO strings or None, as the store gives them
    return compact_items(df.astype({"theme_no": "Int64", "no": "Int64", "responsible": str, "deadline_raw": str,
                                    "deadline": object}))


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
