"""Reports side by side, and item-level progress between two rounds of the same publisher."""
from __future__ import annotations

import difflib

import pandas as pd

from ..library.frames import norm_title
from . import totals

COMPARE_COLUMNS = ["report_id", "report", "publisher", "report_date", "items", "done", "in_progress", "not_done",
                   "unknown", "rate", "rate_source", "recovered_wan", "land_mu", "parcels", "cases", "case_people",
                   "disciplined_people", "other_accountability_people"]


def status_counts(reports: pd.DataFrame, items: pd.DataFrame, items_all: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per report: items by status and the completion rate (a fraction) from the report's best source
    (lib.views.totals: its items' statuses, else what it states itself), with that source; None where unknown."""
    out = pd.DataFrame({"report_id": reports["id"].astype(int).values})
    out["report"] = [frames_label(r) for r in reports.itertuples()]
    out["publisher"] = reports["publisher"].fillna("").values
    out["report_date"] = reports["report_date"].fillna("").values
    counts = items.groupby(["report_id", "status"]).size().unstack(fill_value=0)
    for status in ("done", "in_progress", "not_done", "unknown"):
        col = counts[status] if status in counts else pd.Series(dtype="int64")
        out[status] = out["report_id"].map(col).fillna(0).astype(int)
    out["items"] = out[["done", "in_progress", "not_done", "unknown"]].sum(axis=1)
    per = totals.completion(reports, items if items_all is None else items_all, items,
                            filtered=items_all is not None and len(items) != len(items_all)).per_report
    rate = dict(zip(per["report_id"], per["rate"]))
    source = dict(zip(per["report_id"], per["source"]))
    out["rate"] = [None if pd.isna(rate.get(r)) else rate[r] / 100.0 for r in out["report_id"]]
    out["rate"] = out["rate"].astype("float64")
    out["rate_source"] = [source.get(r) for r in out["report_id"]]
    return out


def per_report(reports: pd.DataFrame, items: pd.DataFrame, quantities: pd.DataFrame,
               items_all: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per report: completion, status mix and the headline sums, each report's figures counted once
    (lib.views.totals); a sum the report does not state is None, never 0."""
    out = status_counts(reports, items, items_all)
    q = totals.count_once(quantities)
    counted = q[q["counted"].astype(bool)] if len(q) else q
    for key in ("recovered_wan", "land_mu", "parcels", "cases", "case_people", "disciplined_people",
                "other_accountability_people"):
        fam = counted[counted["family"] == key] if len(counted) else counted
        sums = fam.groupby("report_id")["value"].sum() if len(fam) else pd.Series(dtype="float64")
        out[key] = out["report_id"].map(sums).astype("float64")
    return out[COMPARE_COLUMNS]


def frames_label(r) -> str:
    who = r.publisher or r.title or "?"
    return f"{who}（{r.report_date}）" if r.report_date else who


def same_publisher(reports: pd.DataFrame) -> dict[str, list[int]]:
    """Publishers with two or more reports (rounds), each with its report ids oldest first."""
    out: dict[str, list[int]] = {}
    for pub, g in reports.dropna(subset=["publisher"]).groupby("publisher"):
        if len(g) >= 2:
            out[pub] = list(g.sort_values(["report_date", "id"], na_position="first")["id"])
    return out


RANK = {"not_done": 0, "unknown": 0, "in_progress": 1, "done": 2}


def rounds_diff(before: pd.DataFrame, after: pd.DataFrame, q_before: pd.DataFrame, q_after: pd.DataFrame,
                cutoff: float = 0.6) -> pd.DataFrame:
    """Match the items of two rounds by title, then say what moved.

    change ∈ {completed (阶段性完成 → 完成), regressed, unchanged, new, gone}; figures_before/after list the
    figures of each matched item so changed figures show side by side.
    """
    cols = ["change", "no_before", "no_after", "title_before", "title_after", "status_before", "status_after",
            "figures_before", "figures_after", "figures_changed", "similarity"]
    b = before.reset_index(drop=True)
    a = after.reset_index(drop=True)
    nb = [norm_title(t) for t in b["title"]]
    na = [norm_title(t) for t in a["title"]]
    # Greedy best-first matching over all pairs: the most similar titles pair up first.
    pairs = []
    for i, tb in enumerate(nb):
        for j, ta in enumerate(na):
            ratio = 1.0 if tb == ta else difflib.SequenceMatcher(None, tb, ta, autojunk=False).ratio()
            if ratio >= cutoff:
                pairs.append((ratio, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_b, used_a, matched = set(), set(), []
    for ratio, i, j in pairs:
        if i not in used_b and j not in used_a:
            used_b.add(i)
            used_a.add(j)
            matched.append((i, j, ratio))

    def figs(q: pd.DataFrame, row) -> str:
        part = q[(q["report_id"] == row["report_id"]) & (q["item_seq"] == row["seq"])]
        return "、".join(f"{lab} {v:g}{u}" for lab, v, u in zip(part["label"], part["value"], part["unit"]))

    rows = []
    for i, j, ratio in sorted(matched, key=lambda m: m[1]):
        rb, ra = b.iloc[i], a.iloc[j]
        fb, fa = figs(q_before, rb), figs(q_after, ra)
        delta = RANK[ra["status"]] - RANK[rb["status"]]
        change = "completed" if delta > 0 and ra["status"] == "done" else "regressed" if delta < 0 else \
            "progressed" if delta > 0 else "unchanged"
        rows.append({"change": change, "no_before": rb["no"], "no_after": ra["no"], "title_before": rb["title"],
                     "title_after": ra["title"], "status_before": rb["status"], "status_after": ra["status"],
                     "figures_before": fb, "figures_after": fa, "figures_changed": fb != fa,
                     "similarity": round(ratio, 2)})
    for j in range(len(a)):
        if j not in used_a:
            ra = a.iloc[j]
            rows.append({"change": "new", "no_before": None, "no_after": ra["no"], "title_before": "",
                         "title_after": ra["title"], "status_before": "", "status_after": ra["status"],
                         "figures_before": "", "figures_after": figs(q_after, ra), "figures_changed": False,
                         "similarity": None})
    for i in range(len(b)):
        if i not in used_b:
            rb = b.iloc[i]
            rows.append({"change": "gone", "no_before": rb["no"], "no_after": None, "title_before": rb["title"],
                         "title_after": "", "status_before": rb["status"], "status_after": "",
                         "figures_before": figs(q_before, rb), "figures_after": "", "figures_changed": False,
                         "similarity": None})
    return pd.DataFrame(rows, columns=cols)
