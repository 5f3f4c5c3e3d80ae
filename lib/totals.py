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

import pandas as pd

from .frames import norm_title
from .roles import HEADLINES, OVERALL, act

# Secondary figures the land and discipline pages show beside the headlines, counted the same way.
EXTRAS = ("parcels", "case_people", "backlog", "backlog_closed")
KEYS = HEADLINES + EXTRAS
UNITS = {"recovered_wan": "万元", "land_mu": "亩", "cases": "件", "disciplined_people": "人",
         "other_accountability_people": "人", "parcels": "宗", "case_people": "人", "backlog": "件",
         "backlog_closed": "件"}

_BREAKDOWN = re.compile(r"^\s*[(（]|^[^。;；]{0,20}其中")
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
    # a figure its own headline leaves out by its words may be one of the secondary figures (积案 is not 立案)
    free = fam.isna() | (quantities["aside"].notna() & ~quantities["headline"].isin(["recovered_wan", "land_mu"]))
    fam = fam.mask(free & (kind == "count") & (unit == "宗") & quantities["land"], "parcels")
    fam = fam.mask(free & (label == "立案") & unit.isin(["人", "名"]) & fam.isna(), "case_people")
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
      them: it counts and they do not; opening totals of distinct acts (退还…, 清退…) each hold only the
      items' figures of their own act, and an item's figure of another act counts on its own.
    Across reports of one publisher's rounds, a figure an earlier round reported counts once.
    An analyst's correction (`override`: include | exclude) has the last word.
    """
    q = quantities.copy()
    q["family"] = families(q)
    q = q[q["family"].notna()]
    # the aside keeps a figure out of its own headline; one of the secondary figures it is counted on its own
    aside = q["aside"].astype(object).where(q["aside"].notna() & (q["family"] == q["headline"].astype(object)), None)
    q["counted"] = aside.isna().to_numpy()
    q["reason"] = aside
    q["ref"] = None
    if q.empty:
        return q
    counted = dict(zip(q.index, q["counted"]))
    reason = dict(zip(q.index, q["reason"]))
    ref: dict = {}
    # plain records grouped once: per-group pandas work would cost seconds over a thousand reports
    groups: dict[tuple, list[_Fig]] = {}
    item_no = q["item_no"].astype(object).where(q["item_no"].notna(), q["item_seq"].astype(object))
    # whole columns to Python lists at once (iterating Arrow-backed strings one by one is slow)
    columns = [q.index.tolist(), q["report_id"].tolist(), q["family"].tolist(), q["item_seq"].astype(object).tolist(),
               item_no.tolist(), q["value"].tolist(), q["start"].tolist(), q["match_start"].tolist(),
               q["match_end"].tolist(), q["text"].tolist(), q["match"].tolist(), q["tags"].astype(str).tolist()]
    for rec in zip(*columns):
        if not counted[rec[0]]:
            continue        # kept out by its own words: it neither repeats nor holds another figure
        fig = _Fig(*rec[:1], *rec[3:])
        if fig.item_seq is pd.NA or fig.item_seq != fig.item_seq:   # pd.isna per row costs a tenth of a second
            fig.item_seq = None
        groups.setdefault((rec[1], rec[2]), []).append(fig)
    for figs in groups.values():
        if len(figs) > 1:
            _once_in_report(figs, counted, reason, ref)
    q["counted"] = pd.Series(counted)
    q["reason"] = pd.Series(reason)
    q["ref"] = pd.Series(ref, dtype=object).reindex(q.index)
    return _overrides(q)


@dataclass
class _Fig:
    i: object           # the row's index in the quantities frame
    item_seq: object    # None outside every item
    item_no: object
    value: float
    start: int          # the sentence's start: figures of one sentence share it
    match_start: int
    match_end: int
    text: str
    match: str
    tags: str


def _once_in_report(figs: list[_Fig], counted: dict, reason: dict, ref: dict) -> None:
    """One report's figures of one family: see count_once."""
    def drop(f: _Fig, why: str, what) -> None:
        counted[f.i], reason[f.i], ref[f.i] = False, why, what

    figs = sorted(figs, key=lambda f: (f.start, f.match_start))
    live = [f for f in figs if counted[f.i]]
    # parts of a total in the same sentence
    by_sentence: dict[int, list[_Fig]] = {}
    for f in live:
        by_sentence.setdefault(f.start, []).append(f)
    for sentence in by_sentence.values():
        if len(sentence) < 2:
            continue
        text, s0 = sentence[0].text, sentence[0].start
        for k, total in enumerate(sentence[:-1]):
            if not counted[total.i]:
                continue
            after = text[total.match_end - s0:sentence[k + 1].match_start - s0]
            if not _BREAKDOWN.search(after):
                continue
            close = _bracket_end(text, total.match_end - s0) if re.match(r"\s*[(（]", after) else None
            left = total.value
            for part in sentence[k + 1:]:
                if close is not None and part.match_start - s0 >= close or part.value > left + _EPS:
                    break
                left -= part.value
                drop(part, "part_of_total", total.match)
        # a total after its parts: the last figure equals the sum of the ones before it
        still = [f for f in sentence if counted[f.i]]
        if len(still) >= 3 and _CUMULATIVE.search(text):
            last = still[-1]
            if abs(sum(f.value for f in still[:-1]) - last.value) < _EPS * max(1.0, last.value):
                for f in still[:-1]:
                    drop(f, "part_of_total", last.match)
    live = [f for f in figs if counted[f.i]]
    summary = [f for f in live if f.item_seq is None]
    items = [f for f in live if f.item_seq is not None]
    if not summary or not items:
        return
    stated = [f for f in figs if f.item_seq is not None]     # parts included: an annexed table may repeat a part
    # the opening (or an annexed table) repeats an item's figure
    rest, twins = [], {}
    for f in summary:
        twin = next((g for g in stated if abs(g.value - f.value) < _EPS * max(1.0, f.value)), None)
        if twin is None:
            rest.append(f)
        else:
            twins[twin.i] = f.start
            drop(f, "repeats_item", _no(twin.item_no))
    # the opening sums several items' figures
    pool = {f.i: f for f in items}
    still = []
    for f in sorted(rest, key=lambda f: -f.value):
        parts = _subset_sum({i: g.value for i, g in pool.items()}, float(f.value))
        if parts:
            drop(f, "sum_of_items", "、".join(_no(pool[j].item_no) for j in parts))
            for j in parts:
                pool.pop(j)
        else:
            still.append(f)
    # an opening total over the period holds the items' figures left, but not those its own sentence states
    # beside it ("追回违规资金1.38亿元，清退违规发放津补贴862.5万元" lists the 862.5 on its own)
    overall = [f for f in still if "overall" in f.tags or OVERALL.search(f.text)]
    beside = {f.start for f in overall}
    pool = {i: g for i, g in pool.items() if twins.get(i) not in beside}
    if not overall or not pool:
        return
    kinds = {f.i: act(f.text[:f.match_start - f.start]) for f in overall}
    if None not in kinds.values() and len(set(kinds.values())) == len(overall) > 1:
        # totals by kind of act: each holds the items' figures of its kind, as far as it goes; a figure of
        # another kind is none of theirs and counts on its own
        room = {f.i: f.value for f in overall}
        for g in pool.values():
            total = next((f for f in overall if kinds[f.i] == act(g.text[:g.match_start - g.start])), None)
            if total is not None and g.value <= room[total.i] + _EPS:
                room[total.i] -= g.value
                drop(g, "in_opening_total", total.match)
    elif sum(f.value for f in overall) + _EPS >= sum(g.value for g in pool.values()):
        for g in pool.values():
            drop(g, "in_opening_total", overall[0].match)


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


def _subset_sum(pool: dict, target: float, most: int = 12, states: int = 50000) -> list | None:
    """Two or more of the pool's figures adding up to target, the fewest first: the sums reachable with k
    figures, k = 1, 2, …, as a table of whole units (bounded, so a long list of figures stays quick)."""
    # to the yuan (1e-4 万元): figures written in 元 (147,360元 = 14.736万元) add up exactly
    cents = {k: round(v * 10000) for k, v in pool.items() if 0 < v <= target + 1e-9}
    goal = round(target * 10000)
    if len(cents) < 2 or goal <= 0:
        return None
    keys, values = list(cents), list(cents.values())
    reach: dict[int, tuple] = {0: ()}     # sum in cents → the positions of the figures that make it
    for size in range(1, min(most, len(keys)) + 1):
        grown: dict[int, tuple] = {}
        for total, parts in reach.items():
            # each combination once: positions rising
            for n in range((parts[-1] + 1) if parts else 0, len(keys)):
                t = total + values[n]
                if t <= goal and t not in grown:
                    grown[t] = parts + (n,)
        if size >= 2 and goal in grown:
            return [keys[n] for n in grown[goal]]
        reach = grown
        if not reach or len(reach) > states:
            return None
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
                    same = earlier[(earlier["value"] - row["value"]).abs() < _EPS * max(1.0, row["value"])]
                    same = same[[q.at[j, "counted"] for j in same.index]]
                    if len(same):
                        q.loc[i, ["counted", "reason", "ref"]] = [False, "earlier_round",
                                                                  str(labels.get(same["report_id"].iloc[0], ""))]
                        continue
                    same_problem = problem.get((later, row["item_seq"]))
                    if _CUMULATIVE.search(str(row["text"])) or same_problem is not None:
                        held = earlier[(earlier["value"] < row["value"]) & earlier["label"].map(
                            lambda lab: _similar(str(lab), str(row["label"])))]
                        if not _CUMULATIVE.search(str(row["text"])):
                            held = held[[problem.get((r, s)) == same_problem
                                         for r, s in zip(held["report_id"], held["item_seq"])]]
                        for j in held.index:
                            if q.at[j, "counted"]:
                                q.loc[j, ["counted", "reason", "ref"]] = [False, "in_later_total",
                                                                          str(labels.get(later, ""))]
    return q


def _problems(items: pd.DataFrame, rounds: list[list[int]]) -> dict:
    """(report, item seq) → one key per problem across the rounds: items whose titles agree (lib.compare's
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
    # counted once for all reports, not filtered per report (a thousand reports)
    every = _status_counts(items_all)
    shown = _status_counts(items)
    for r in reports.itertuples():
        rid = int(r.id)
        rows.append(_one(r, every.get(rid, {}), shown.get(rid, {}), filtered, rid in superseded))
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
    if stated_done is not None and stated_total:
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
        row["reason"] = "partial_statuses" if 0 < unknown < every.get("all", 0) else "no_basis"
    if superseded and row["source"] is not None:
        row["reason"] = "superseded"
    return row


def _int(v) -> int | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else int(v)


def _float(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else float(v)


# --- the whole -------------------------------------------------------------------------------------
def totals(quantities: pd.DataFrame, reports: pd.DataFrame | None = None,
           items: pd.DataFrame | None = None) -> dict[str, Total]:
    q = count_once(quantities)
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
              filtered: bool = False) -> Headlines:
    """The selection's headline numbers; `quantities` are the figures the selection's filters keep."""
    return Headlines(completion(reports, items_all, items, filtered), totals(quantities, reports, items_all))


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
