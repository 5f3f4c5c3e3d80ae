"""The headline numbers of a selection of reports: completion from the best source each report offers, and
sums that count each fact once, each opening to the figures it adds and those it leaves out, with reasons.

    headlines(reports, items_all, items, quantities)
      → Headlines(completion=Completion(rate=92.9, done=79, total=85, source="stated", level="tasks"),
                  totals={"recovered_wan": Total(value=2356.8, included=<rows>, excluded=<rows + reason>), …})

Every screen and the command line take their numbers from here (README: "The headline numbers").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from .roles import HEADLINES, OVERALL

# Secondary figures the land and discipline pages show beside the headlines, counted the same way.
EXTRAS = ("parcels", "case_people", "backlog", "backlog_closed")
KEYS = HEADLINES + EXTRAS
UNITS = {"recovered_wan": "万元", "land_mu": "亩", "cases": "件", "disciplined_people": "人",
         "other_accountability_people": "人", "parcels": "宗", "case_people": "人", "backlog": "件",
         "backlog_closed": "件"}

# Why a figure of a headline's family does not add to it: lib.roles' asides, then the counting's own.
REASONS = ("part_of_total", "repeats_item", "sum_of_items", "in_opening_total", "earlier_round", "in_later_total",
           "analyst_excluded")
_AGGREGATE = OVERALL
_BREAKDOWN = re.compile(r"^\s*[(（]|^[^。;；]{0,6}其中")
_CUMULATIVE = re.compile(r"累计|共计|合计|总计")
_EPS = 1e-6


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


# --- each fact once --------------------------------------------------------------------------------
def families(quantities: pd.DataFrame) -> pd.Series:
    """The total each figure belongs to: its headline (lib.roles), else one of the secondary figures."""
    fam = quantities["headline"].astype(object).where(quantities["headline"].notna(), None)
    label, unit = quantities["label"].astype(str), quantities["unit"].astype(str)
    kind = quantities["kind"].astype(str)
    free = fam.isna()
    fam = fam.mask(free & (kind == "count") & (unit == "宗") & quantities["land"], "parcels")
    fam = fam.mask(free & (label == "立案") & unit.isin(["人", "名"]), "case_people")
    fam = fam.mask(free & (label == "积案") & (unit == "件"), "backlog")
    fam = fam.mask(free & (label == "积案办结") & (unit == "件"), "backlog_closed")
    return fam


def count_once(quantities: pd.DataFrame) -> pd.DataFrame:
    """The figures of every total, each with `family`, `counted` (adds to it), `reason` and `ref` (what it
    repeats or belongs to).

    Per report and family:
    - a figure kept out by its own words (an aside: surveyed, a loan, a petition…) does not count;
    - a total followed by its 其中 or bracketed breakdown counts, its parts do not; so does a total its
      sentence states after its parts ("…52.3亩后，又收回…15.8亩，累计收回68.1亩");
    - the opening's repeat of an item's figure, or of the sum of several, gives way to the items' figures;
    - an opening figure over the whole period (整改期间, 截至目前, 累计, 共…) at least the items' sum holds
      them: it counts and they do not.
    Across reports of one publisher's rounds, a figure an earlier round reported counts once.
    An analyst's correction (`override`: include | exclude) has the last word.
    """
    q = quantities.copy()
    q["family"] = families(q)
    q = q[q["family"].notna()]
    aside = q["aside"].astype(object).where(q["aside"].notna(), None)
    q["counted"] = aside.isna().to_numpy()
    q["reason"] = aside
    q["ref"] = None
    if q.empty:
        return q
    counted = q["counted"].to_dict()
    reason = q["reason"].to_dict()
    ref: dict = {}
    for _, group in q[q["counted"]].groupby(["report_id", "family"], sort=False):
        _once_in_report(group, counted, reason, ref)
    q["counted"] = pd.Series(counted)
    q["reason"] = pd.Series(reason)
    q["ref"] = pd.Series(ref, dtype=object).reindex(q.index)
    return _overrides(q)


def _once_in_report(g: pd.DataFrame, counted: dict, reason: dict, ref: dict) -> None:
    def drop(i, why: str, what) -> None:
        counted[i], reason[i], ref[i] = False, why, what

    rows = g.sort_values(["start", "match_start"])
    # parts of a total in the same sentence
    for _, sentence in rows.groupby("start", sort=False):
        if len(sentence) < 2:
            continue
        idx = list(sentence.index)
        values = sentence["value"].to_numpy()
        text = sentence["text"].iloc[0]
        s0 = int(sentence["start"].iloc[0])
        ms, me = sentence["match_start"].to_numpy(), sentence["match_end"].to_numpy()
        for k in range(len(idx) - 1):
            if not counted[idx[k]]:
                continue
            after = text[me[k] - s0:ms[k + 1] - s0]
            if not _BREAKDOWN.search(after):
                continue
            close = _bracket_end(text, me[k] - s0) if re.match(r"\s*[(（]", after) else None
            left = values[k]
            for j in range(k + 1, len(idx)):
                if close is not None and ms[j] - s0 >= close or values[j] > left + _EPS:
                    break
                left -= values[j]
                drop(idx[j], "part_of_total", sentence["match"].iloc[k])
        # a total after its parts: the last figure equals the sum of the ones before it
        live = [k for k in range(len(idx)) if counted[idx[k]]]
        if len(live) >= 3:
            last = live[-1]
            if abs(sum(values[k] for k in live[:-1]) - values[last]) < _EPS * max(1.0, values[last]) and \
                    _CUMULATIVE.search(text):
                for k in live[:-1]:
                    drop(idx[k], "part_of_total", sentence["match"].iloc[last])
    live = rows[[counted[i] for i in rows.index]]
    in_summary = live["item_seq"].isna().to_numpy()
    summary, items = live[in_summary], live[~in_summary]
    if summary.empty or items.empty:
        return
    item_values = dict(zip(items.index, items["value"]))
    stated = rows[rows["item_seq"].notna()]     # parts included: an annexed table may repeat a part
    item_nos = dict(zip(stated.index, stated["item_no"].where(stated["item_no"].notna(), stated["item_seq"])))
    # the opening (or an annexed table) repeats an item's figure
    rest, twins = [], {}
    for i, v in zip(summary.index, summary["value"]):
        twin = next((j for j, w in zip(stated.index, stated["value"]) if abs(w - v) < _EPS * max(1.0, v)), None)
        if twin is None:
            rest.append(i)
        else:
            twins[twin] = summary.at[i, "start"]
            drop(i, "repeats_item", _no(item_nos[twin]))
    # the opening sums several items' figures
    pool = dict(item_values)
    still = []
    for i in sorted(rest, key=lambda i: -summary.at[i, "value"]):
        parts = _subset_sum(pool, float(summary.at[i, "value"]))
        if parts:
            for j in parts:
                pool.pop(j)
            drop(i, "sum_of_items", "、".join(_no(item_nos[j]) for j in parts))
        else:
            still.append(i)
    # an opening total over the period holds the items' figures left, but not those its own sentence states
    # beside it ("追回违规资金1.38亿元，清退违规发放津补贴862.5万元" lists the 862.5 on its own)
    overall = [i for i in still if "overall" in str(summary.at[i, "tags"]) or _AGGREGATE.search(str(summary.at[i, "text"]))]
    beside = {summary.at[i, "start"] for i in overall}
    pool = {j: w for j, w in pool.items() if twins.get(j) not in beside}
    if overall and pool and sum(summary.at[i, "value"] for i in overall) + _EPS >= sum(pool.values()):
        holder = summary.at[overall[0], "match"]
        for j in pool:
            drop(j, "in_opening_total", holder)


def _bracket_end(text: str, pos: int) -> int:
    """Where the bracket opened right after pos closes (its end when it does not)."""
    depth = 0
    for k in range(pos, len(text)):
        if text[k] in "(（":
            depth += 1
        elif text[k] in ")）":
            depth -= 1
            if depth <= 0:
                return k
    return len(text)


def _subset_sum(pool: dict, target: float, max_parts: int = 5, budget: int = 20000) -> list | None:
    """Two to five of the pool's figures adding up to target (to the cent), smallest set first."""
    keys = [k for k, v in pool.items() if v <= target + _EPS]
    if len(keys) < 2:
        return None
    tolerance = max(0.005, _EPS * target)
    tried = 0
    for n in range(2, min(max_parts, len(keys)) + 1):
        for combo in combinations(keys, n):
            tried += 1
            if tried > budget:
                return None
            if abs(sum(pool[k] for k in combo) - target) <= tolerance:
                return list(combo)
    return None


def _no(n) -> str:
    return "" if n is None or (isinstance(n, float) and math.isnan(n)) else str(int(n))


def _overrides(q: pd.DataFrame) -> pd.DataFrame:
    if "override" not in q:
        return q
    include, exclude = q["override"] == "include", q["override"] == "exclude"
    if include.any() or exclude.any():
        q.loc[include, ["counted", "reason"]] = [True, None]
        q.loc[exclude, ["counted", "reason"]] = [False, "analyst_excluded"]
    return q


def across_rounds(q: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Several rounds of one publisher's reports on one inspection: a figure an earlier round reported counts
    once, and a later round's cumulative figure (累计…) holds the earlier round's of the same kind."""
    rounds = _rounds(reports)
    if not rounds:
        return q
    q = q.copy()
    labels = dict(zip(reports["id"], reports["label"] if "label" in reports else reports["id"].astype(str)))
    for ids in rounds:
        live = q[q["report_id"].isin(ids) & q["counted"]]
        for family, g in live.groupby("family", sort=False):
            for n, later in enumerate(ids[1:], start=1):
                earlier = g[g["report_id"].isin(ids[:n])]
                if earlier.empty:
                    continue
                for i, row in g[g["report_id"] == later].iterrows():
                    same = earlier[(earlier["value"] - row["value"]).abs() < _EPS * max(1.0, row["value"])]
                    same = same[[q.at[j, "counted"] for j in same.index]]
                    if len(same):
                        q.loc[i, ["counted", "reason", "ref"]] = [False, "earlier_round",
                                                                  str(labels.get(same["report_id"].iloc[0], ""))]
                        continue
                    if _CUMULATIVE.search(str(row["text"])):
                        held = earlier[(earlier["value"] < row["value"]) & earlier["label"].map(
                            lambda lab: _similar(str(lab), str(row["label"])))]
                        for j in held.index:
                            if q.at[j, "counted"]:
                                q.loc[j, ["counted", "reason", "ref"]] = [False, "in_later_total",
                                                                          str(labels.get(later, ""))]
    return q


def _rounds(reports: pd.DataFrame) -> list[list[int]]:
    """Report ids of one publisher on one inspection (same inspecting body and feedback date), oldest first."""
    if reports.empty or "publisher" not in reports:
        return []
    r = reports.dropna(subset=["publisher"])
    key = r["publisher"].astype(str) + "|" + r["inspector"].fillna("").astype(str) + "|" + \
        r["feedback_date"].fillna("").astype(str)
    out = []
    for _, g in r.groupby(key, sort=False):
        if len(g) >= 2:
            out.append([int(i) for i in g.sort_values(["report_date", "id"], na_position="first")["id"]])
    return out


def _similar(a: str, b: str) -> bool:
    """Labels that name the same thing: the shorter's characters two thirds found in the longer."""
    short, long_ = sorted((a, b), key=len)
    return bool(short) and sum(c in long_ for c in short) * 3 >= len(short) * 2


# --- completion ------------------------------------------------------------------------------------
def completion(reports: pd.DataFrame, items_all: pd.DataFrame, items: pd.DataFrame,
               filtered: bool = False) -> Completion:
    """Per report: the items' statuses when every item states one; else what the report states of its own
    progress (done / total on its progress sentence's level, or its printed rate); else unknown. Over several
    reports, done and total add up over those whose completion is known; the later rounds of one inspection
    stand for the earlier."""
    rows = []
    superseded = {i for ids in _rounds(reports) for i in ids[:-1]}
    for r in reports.itertuples():
        rid = int(r.id)
        mine_all = items_all[items_all["report_id"] == rid]
        mine = items[items["report_id"] == rid]
        rows.append(_one(r, mine_all, mine, filtered, rid in superseded))
    per = pd.DataFrame(rows, columns=["report_id", "source", "level", "done", "total", "in_progress", "rate",
                                      "reason", "stated_done", "stated_total", "stated_rate"])
    known = per[per["source"].notna() & (per["reason"] != "superseded")]
    out = Completion(per_report=per, left_out=int(len(per) - len(known) - (per["reason"] == "superseded").sum()))
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


def _one(r, mine_all: pd.DataFrame, mine: pd.DataFrame, filtered: bool, superseded: bool) -> dict:
    stated_done, stated_total = _int(getattr(r, "stated_done", None)), _int(getattr(r, "stated_total", None))
    stated_progress = _int(getattr(r, "stated_in_progress", None))
    stated_not_done = _int(getattr(r, "stated_not_done", None))
    stated_rate = _float(getattr(r, "stated_rate", None))
    if stated_total is None and stated_done is not None and (stated_progress is not None or stated_not_done is not None):
        stated_total = stated_done + (stated_progress or 0) + (stated_not_done or 0)
    if stated_done is not None and stated_total:
        stated_rate = round(100.0 * stated_done / stated_total, 1)
    row = {"report_id": int(r.id), "source": None, "level": None, "done": None, "total": None, "in_progress": None,
           "rate": None, "reason": None, "stated_done": stated_done, "stated_total": stated_total,
           "stated_rate": stated_rate}
    every_item = len(mine_all) > 0 and not (mine_all["status"] == "unknown").any()
    if every_item:
        total = len(mine)
        done = int((mine["status"] == "done").sum())
        row.update(source="items", level="items", done=done, total=total,
                   in_progress=int((mine["status"] == "in_progress").sum()),
                   rate=round(100.0 * done / total, 1) if total else None)
        if not total:
            row.update(source=None, reason="filtered_empty")
    elif filtered:
        row["reason"] = "filtered_stated" if stated_rate is not None else "no_basis"
    elif stated_rate is not None:
        row.update(source="stated", level=getattr(r, "stated_level", None) or "problems", done=stated_done,
                   total=stated_total, in_progress=stated_progress, rate=stated_rate)
    else:
        unknown = int((mine_all["status"] == "unknown").sum())
        row["reason"] = "partial_statuses" if 0 < unknown < len(mine_all) else "no_basis"
    if superseded and row["source"] is not None:
        row["reason"] = "superseded"
    return row


def _int(v) -> int | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else int(v)


def _float(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else float(v)


# --- the whole -------------------------------------------------------------------------------------
def totals(quantities: pd.DataFrame, reports: pd.DataFrame | None = None) -> dict[str, Total]:
    q = count_once(quantities)
    if reports is not None and len(reports) > 1:
        q = across_rounds(q, reports)
    out = {}
    for key in KEYS:
        fam = q[q["family"] == key] if len(q) else q
        included = fam[fam["counted"].astype(bool)] if len(fam) else fam
        out[key] = Total(key, float(included["value"].sum()) if len(included) else None, included,
                         fam[~fam["counted"].astype(bool)] if len(fam) else fam)
    return out


def headlines(reports: pd.DataFrame, items_all: pd.DataFrame, items: pd.DataFrame, quantities: pd.DataFrame,
              filtered: bool = False) -> Headlines:
    """The selection's headline numbers; `quantities` are the figures the selection's filters keep."""
    return Headlines(completion(reports, items_all, items, filtered), totals(quantities, reports))


def for_ledgers(reports: list) -> Headlines:
    """The headline numbers of parsed ledgers [(report_id, Ledger), …], nothing filtered: what the dashboard
    shows for them, and what `python -m lib parse --json` prints under "totals"."""
    from .frames import items_frame, quantities_frame, reports_frame
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
