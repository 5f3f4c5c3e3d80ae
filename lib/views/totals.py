"""The headline numbers of a selection of reports: completion from the best source each report offers, and
sums that count each fact once, each opening to the figures it adds and those it leaves out, with reasons.

    headlines(reports, items_all, items, quantities)
      → Headlines(completion=Completion(rate=92.9, done=79, total=85, source="stated", level="tasks"),
                  totals={"recovered_wan": Total(value=2356.8, included=<rows>, excluded=<rows + reason>), …})

Every screen and the command line take their numbers from here (README: "The headline numbers").
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..ledger.once import (
    COUNT_FIELDS,
    CUMULATIVE,
    EPS,
    count_rows,
    family_of,
    similar_labels,
)
from ..ledger.roles import HEADLINES
from ..library.frames import norm_title

# Secondary figures the land and discipline pages show beside the headlines, counted the same way.
EXTRAS = ("parcels", "case_people", "backlog", "backlog_closed")
KEYS = HEADLINES + EXTRAS
UNITS = {"recovered_wan": "万元", "land_mu": "亩", "cases": "件", "disciplined_people": "人",
         "other_accountability_people": "人", "parcels": "宗", "case_people": "人", "backlog": "件",
         "backlog_closed": "件"}


@dataclass
class Completion:
    rate: float | None = None       # percent, one decimal
    done: int | None = None
    total: int | None = None
    in_progress: int | None = None
    source: str | None = None       # items | stated | mixed (several reports, both) | None: unknown
    level: str | None = None        # items | problems | tasks | measures: what done and total count
    reason: str | None = None       # why unknown (labels: completion_reason_*)
    stated: dict | None = None      # a single report's own figures when they disagree with its items'
    per_report: pd.DataFrame = field(default_factory=pd.DataFrame)
    left_out: int = 0               # reports of the selection whose completion is unknown
    items: int | None = None        # the items shown; None: the selection lists none at all (a round's summary)
    measures: int | None = None     # 整改措施: as the reports state them (unfiltered), else the items' own; None: neither


@dataclass
class Total:
    key: str
    value: float | None             # None: the selection states no figure of this kind
    included: pd.DataFrame          # the figures added, quantities rows
    excluded: pd.DataFrame          # the figures of the family left out, with `reason` and `ref`

    @property
    def unit(self) -> str:
        return UNITS[self.key]


@dataclass
class Headlines:
    completion: Completion
    totals: dict[str, Total]

    def value(self, key: str) -> float | None:
        return self.totals[key].value


# --- each fact once ---------------------------------------------------------------------------------
def families(quantities: pd.DataFrame) -> pd.Series:
    """family_of for every row of a quantities frame."""
    cols = [quantities[c].astype(object).tolist() for c in ("headline", "aside", "label", "unit", "kind", "land")]
    return pd.Series([family_of(*row) for row in zip(*cols)], index=quantities.index, dtype=object)


def count_once(quantities: pd.DataFrame) -> pd.DataFrame:
    """The figures of every total, each with `family`, `counted` (adds to it), `reason` and `ref` (what it
    repeats or belongs to).

    Per report and family:
    - a figure kept out by its own words (an aside: surveyed, a loan, a petition…) does not count;
    - a total followed by its 其中 or bracketed breakdown counts, its parts do not; so does a total its
      sentence states after its parts ("…52.3亩后，又收回…15.8亩，累计收回68.1亩");
    - the opening's repeat of an item's figure, or of the sum of several, gives way to the items' figures;
    - an opening figure over the whole period (整改期间, 截至目前, 累计, 共…) at least the items' sum holds
      them: it counts and they do not; opening totals of distinct acts (退还…, 清退…) each hold only the
      items' figures of their own act, and an item's figure of another act counts on its own.
    Across reports of one publisher's rounds, a figure an earlier round reported counts once.
    An analyst's correction (`override`: include | exclude) has the last word.
    """
    q = quantities
    item_no = q["item_no"].astype(object).where(q["item_no"].notna(), q["item_seq"].astype(object))
    # whole columns to Python lists at once (iterating Arrow-backed strings one by one is slow)
    columns = [q.index.tolist()] + [(item_no if c == "item_no" else q[c].astype(object)).tolist()
                                    for c in COUNT_FIELDS[:-1]] + [q["tags"].astype(str).tolist()]
    done = count_rows(zip(*columns))
    q = q.loc[[i for i in q.index if i in done]].copy()
    return with_counts(q, [done[i] for i in q.index])


def with_counts(q: pd.DataFrame, counts: list[tuple]) -> pd.DataFrame:
    """The frame's figures with family, counted, reason and ref (count_rows' results, stored or fresh),
    an analyst's override applied."""
    q["family"] = pd.Series([c[0] for c in counts], index=q.index, dtype=object)
    q["counted"] = pd.Series([bool(c[1]) for c in counts], index=q.index, dtype=bool)
    q["reason"] = pd.Series([c[2] for c in counts], index=q.index, dtype=object)
    q["ref"] = pd.Series([c[3] for c in counts], index=q.index, dtype=object)
    return _overrides(q)


def _overrides(q: pd.DataFrame) -> pd.DataFrame:
    if "override" not in q:
        return q
    include, exclude = q["override"] == "include", q["override"] == "exclude"
    if include.any() or exclude.any():
        q.loc[include, ["counted", "reason"]] = [True, None]
        q.loc[exclude, ["counted", "reason"]] = [False, "analyst_excluded"]
    return q


def across_rounds(q: pd.DataFrame, reports: pd.DataFrame, items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Several rounds of one publisher's reports on one inspection: a figure an earlier round reported counts
    once; a later round's cumulative figure (累计…), or its figure of the same kind for the same problem (the
    item's progress told again), holds the earlier round's."""
    rounds = _rounds(reports)
    if not rounds:
        return q
    q = q.copy()
    labels = dict(zip(reports["id"], reports["label"] if "label" in reports else reports["id"].astype(str)))
    problem = _problems(items, rounds) if items is not None else {}
    for ids in rounds:
        live = q[q["report_id"].isin(ids) & q["counted"]]
        for family, g in live.groupby("family", sort=False):
            for n, later in enumerate(ids[1:], start=1):
                earlier = g[g["report_id"].isin(ids[:n])]
                if earlier.empty:
                    continue
                for i, row in g[g["report_id"] == later].iterrows():
                    same = earlier[(earlier["value"] - row["value"]).abs() < EPS * max(1.0, row["value"])]
                    same = same[[q.at[j, "counted"] for j in same.index]]
                    if len(same):
                        q.loc[i, ["counted", "reason", "ref"]] = [False, "earlier_round",
                                                                  str(labels.get(same["report_id"].iloc[0], ""))]
                        continue
                    same_problem = problem.get((later, row["item_seq"]))
                    if CUMULATIVE.search(str(row["text"])) or same_problem is not None:
                        held = earlier[(earlier["value"] < row["value"]) & earlier["label"].map(
                            lambda lab: similar_labels(str(lab), str(row["label"])))]
                        if not CUMULATIVE.search(str(row["text"])):
                            held = held[[problem.get((r, s)) == same_problem
                                         for r, s in zip(held["report_id"], held["item_seq"])]]
                        for j in held.index:
                            if q.at[j, "counted"]:
                                q.loc[j, ["counted", "reason", "ref"]] = [False, "in_later_total",
                                                                          str(labels.get(later, ""))]
    return q


def _problems(items: pd.DataFrame, rounds: list[list[int]]) -> dict:
    """(report, item seq) → one key per problem across the rounds: items whose titles agree (lib.views.compare's
    test, punctuation aside) are the same problem reported again."""
    from difflib import SequenceMatcher
    out: dict = {}
    for ids in rounds:
        seen: list[tuple[str, tuple]] = []
        for rid in ids:
            for seq, title in zip(*(items.loc[items["report_id"] == rid, c] for c in ("seq", "title"))):
                norm = norm_title(str(title))
                key = next((k for t, k in seen if t == norm or SequenceMatcher(None, t, norm).ratio() >= 0.8), None)
                if key is None:
                    key = (rid, seq)
                    seen.append((norm, key))
                out[(rid, seq)] = key
    return out


def _rounds(reports: pd.DataFrame) -> list[list[int]]:
    """Report ids of one publisher on one inspection (same inspecting body and feedback date), oldest first."""
    if reports.empty or "publisher" not in reports:
        return []
    r = reports.dropna(subset=["publisher"])
    key = r["publisher"].astype(str) + "|" + r["inspector"].fillna("").astype(str) + "|" + \
        r["feedback_date"].fillna("").astype(str)
    counts = key.value_counts()
    repeated = key.isin(counts.index[counts >= 2])
    if not repeated.any():
        return []     # a thousand reports of a thousand publishers: no round to look at
    out = []
    for _, g in r[repeated].groupby(key[repeated], sort=False):
        out.append([int(i) for i in g.sort_values(["report_date", "id"], na_position="first")["id"]])
    return out


# --- completion ------------------------------------------------------------------------------------
def completion(reports: pd.DataFrame, items_all: pd.DataFrame, items: pd.DataFrame,
               filtered: bool = False) -> Completion:
    """Per report: the items' statuses when every item states one; else what the report states of its own
    progress (done / total on its progress sentence's level, or its printed rate); else unknown. Over several
    reports, done and total add up over those whose completion is known; the later rounds of one inspection
    stand for the earlier."""
    rows = []
    superseded = {i for ids in _rounds(reports) for i in ids[:-1]}
    # counted once for all reports, not filtered per report (a thousand reports)
    every = _status_counts(items_all)
    shown = _status_counts(items)
    for r in reports.itertuples():
        rid = int(r.id)
        rows.append(_one(r, every.get(rid, {}), shown.get(rid, {}), filtered, rid in superseded))
    per = pd.DataFrame(rows, columns=["report_id", "source", "level", "done", "total", "in_progress", "rate",
                                      "reason", "stated_done", "stated_total", "stated_rate"])
    known = per[per["source"].notna() & (per["reason"] != "superseded")]
    out = Completion(per_report=per, left_out=int(len(per) - len(known) - (per["reason"] == "superseded").sum()),
                     items=len(items) if len(items_all) else None, measures=_measures(reports, items_all, items, filtered))
    if len(per) == 1:
        row = per.iloc[0]
        out.source, out.level, out.reason = row["source"], row["level"], row["reason"]
        out.done, out.total, out.in_progress, out.rate = (_int(row["done"]), _int(row["total"]),
                                                          _int(row["in_progress"]), _float(row["rate"]))
        if out.source == "items" and pd.notna(row["stated_rate"]) and \
                abs(float(row["stated_rate"]) - (out.rate or 0)) >= 0.05:
            out.stated = {"done": _int(row["stated_done"]), "total": _int(row["stated_total"]),
                          "rate": _float(row["stated_rate"])}
        return out
    counts = known[known["total"].notna() & known["done"].notna()]
    if counts.empty:
        out.reason = "no_basis" if len(per) else "no_reports"
        out.left_out = int(len(per) - (per["reason"] == "superseded").sum())
        return out
    out.left_out += int(len(known) - len(counts))   # reports that give only a rate cannot be added up
    out.done, out.total = int(counts["done"].sum()), int(counts["total"].sum())
    out.in_progress = int(counts["in_progress"].fillna(0).sum())
    out.rate = round(100.0 * out.done / out.total, 1) if out.total else None
    sources = set(counts["source"])
    out.source = sources.pop() if len(sources) == 1 else "mixed"
    levels = set(counts["level"])
    out.level = levels.pop() if len(levels) == 1 else None
    return out


def _measures(reports: pd.DataFrame, items_all: pd.DataFrame, items: pd.DataFrame, filtered: bool) -> int | None:
    """整改措施 as every selected report states them ("制定整改措施368条"), nothing filtered; else the items'
    measures as listed; None when the selection lists no items and states no count."""
    stated = reports["stated_measures"] if "stated_measures" in reports else pd.Series(dtype=object)
    if not filtered and len(reports) and stated.notna().all():
        return int(stated.astype(float).sum())
    if not len(items_all) or "n_measures" not in items:
        return None
    return int(items["n_measures"].sum())


def _status_counts(items: pd.DataFrame) -> dict[int, dict[str, int]]:
    """report id → {status: items}, "all": items."""
    out: dict[int, dict[str, int]] = {}
    if items.empty:
        return out
    for (rid, status), n in items.groupby(["report_id", "status"], observed=True).size().items():
        d = out.setdefault(int(rid), {"all": 0})
        d[status] = int(n)
        d["all"] += int(n)
    return out


def _one(r, every: dict, shown: dict, filtered: bool, superseded: bool) -> dict:
    stated_done, stated_total = _int(getattr(r, "stated_done", None)), _int(getattr(r, "stated_total", None))
    stated_progress = _int(getattr(r, "stated_in_progress", None))
    stated_not_done = _int(getattr(r, "stated_not_done", None))
    stated_rate = _float(getattr(r, "stated_rate", None))
    if stated_total is None and stated_done is not None and (stated_progress is not None or stated_not_done is not None):
        stated_total = stated_done + (stated_progress or 0) + (stated_not_done or 0)
    inconsistent = stated_done is not None and stated_total is not None and stated_done > stated_total
    if inconsistent:
        # more done than there are (a count of tasks read against a count of problems): no rate at all
        stated_rate = None
    elif stated_done is not None and stated_total:
        stated_rate = round(100.0 * stated_done / stated_total, 1)
    row = {"report_id": int(r.id), "source": None, "level": None, "done": None, "total": None, "in_progress": None,
           "rate": None, "reason": None, "stated_done": stated_done, "stated_total": stated_total,
           "stated_rate": stated_rate}
    every_item = every.get("all", 0) > 0 and not every.get("unknown", 0)
    if every_item:
        total = shown.get("all", 0)
        done = shown.get("done", 0)
        row.update(source="items", level="items", done=done, total=total, in_progress=shown.get("in_progress", 0),
                   rate=round(100.0 * done / total, 1) if total else None)
        if not total:
            row.update(source=None, reason="filtered_empty")
    elif filtered:
        row["reason"] = "filtered_stated" if stated_rate is not None else "no_basis"
    elif stated_rate is not None:
        row.update(source="stated", level=getattr(r, "stated_level", None) or "problems", done=stated_done,
                   total=stated_total, in_progress=stated_progress, rate=stated_rate)
    else:
        unknown = every.get("unknown", 0)
        row["reason"] = "partial_statuses" if 0 < unknown < every.get("all", 0) else \
            "stated_inconsistent" if inconsistent else "no_basis"
    if superseded and row["source"] is not None:
        row["reason"] = "superseded"
    return row


def _int(v) -> int | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else int(v)


def _float(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else float(v)


# --- the whole -------------------------------------------------------------------------------------
def totals(quantities: pd.DataFrame, reports: pd.DataFrame | None = None,
           items: pd.DataFrame | None = None, counted: bool = False) -> dict[str, Total]:
    """The headline totals; `counted`: the figures come counted already (Store.headline_frame)."""
    q = quantities if counted else count_once(quantities)
    if reports is not None and len(reports) > 1:
        q = across_rounds(q, reports, items)
    out = {}
    by_family = dict(tuple(q.groupby(["family", "counted"], sort=False))) if len(q) else {}
    empty = q.iloc[0:0]
    for key in KEYS:
        included, excluded = by_family.get((key, True), empty), by_family.get((key, False), empty)
        out[key] = Total(key, float(included["value"].sum()) if len(included) else None, included, excluded)
    return out


def headlines(reports: pd.DataFrame, items_all: pd.DataFrame, items: pd.DataFrame, quantities: pd.DataFrame,
              filtered: bool = False, counted: bool = False) -> Headlines:
    """The selection's headline numbers; `quantities` are the figures the selection's filters keep
    (`counted`: with their counts, see totals)."""
    return Headlines(completion(reports, items_all, items, filtered),
                     totals(quantities, reports, items_all, counted=counted))


def in_rounds(reports: pd.DataFrame) -> list[int]:
    """The reports that are rounds of one publisher's reports on one inspection: their figures are counted
    across the rounds, which needs their sentences."""
    return [int(i) for ids in _rounds(reports) for i in ids]


def merge_counted(stored: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    """Figures counted at import beside figures counted now (count_once), as one frame for totals(counted=True)."""
    if fresh.empty:
        return stored
    fresh = count_once(fresh)
    if stored.empty:
        return fresh
    # in the library's order, as counting afresh gives them
    return pd.concat([stored, fresh], ignore_index=True).sort_values(["report_id", "idx"], ignore_index=True)


def for_ledgers(reports: list) -> Headlines:
    """The headline numbers of parsed ledgers [(report_id, Ledger), …], nothing filtered: what the dashboard
    shows for them, and what `python -m lib parse --json` prints under "totals"."""
    from ..library.frames import items_frame, quantities_frame, reports_frame
    items = items_frame(reports)
    return headlines(reports_frame(reports), items, items, quantities_frame(reports))


def contract(h: Headlines) -> dict:
    """The "totals" object of the command line's JSON (README): null where the report states nothing."""
    c = h.completion
    out = {"completion": {"rate": c.rate, "done": c.done, "total": c.total,
                          "source": c.source if c.source in ("items", "stated") else None}}
    basis = {}
    for key in HEADLINES:
        t = h.totals[key]
        out[key] = None if t.value is None else (int(round(t.value)) if key in _WHOLE else round(t.value, 6))
        basis[key] = [int(i) for i in t.included["idx"]] if len(t.included) else []
    out["basis"] = basis
    return out


_WHOLE = {"cases", "disciplined_people", "other_accountability_people"}
