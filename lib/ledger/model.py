"""The ledger: what one report says, as plain dataclasses that round-trip through JSON."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

STATUSES = ("done", "in_progress", "not_done", "unknown")


@dataclass
class Theme:
    no: int | None
    title: str
    start: int = 0
    end: int = 0


@dataclass
class Item:
    no: int | None          # the item's own number as printed (问题3 → 3, 二十 → 20)
    theme_no: int | None
    title: str
    status: str             # one of STATUSES
    status_raw: str | None  # the report's own words, e.g. "阶段性完成"
    measures: list[str] = field(default_factory=list)
    seq: int = 0            # 1-based position in the report; unique even when numbers repeat
    group: str | None = None  # a sub-group between theme and item (e.g. 1.关于“…”方面)
    start: int = 0          # the item's block in the source text
    end: int = 0
    responsible: str | None = None   # the unit or office that answers for it (责任单位), as printed
    deadline: str | None = None      # YYYY-MM-DD: 整改时限 "2025年6月底前" is 2025-06-30; 长期坚持, 立行立改 have none
    deadline_raw: str | None = None  # the 整改时限 as printed


@dataclass
class Quantity:
    item_no: int | None     # None: the figure is outside any item (preamble, closing)
    value: float
    unit: str               # 万元 for money, 亩 for area, % for percentages, else the counting word
    kind: str               # money | area | count | percent
    label: str              # what is counted, e.g. 土地欠款追缴, 党内严重警告
    tags: list[str]
    text: str               # the sentence it came from, exactly as in the source
    start: int              # source[start:end] == text
    end: int
    match: str = ""         # the figure as written, e.g. "126.5万元"
    match_start: int = 0    # source[match_start:match_end] == match
    match_end: int = 0
    approximate: bool = False
    item_seq: int | None = None
    headline: str | None = None   # the headline family it belongs to by its words (lib.ledger.roles.HEADLINES), or None
    aside: str | None = None      # why it does not add to that headline (surveyed, loan, petition…; lib.ledger.roles)
    override: str | None = None   # an analyst's correction: include | exclude it from its total


@dataclass
class Stated:
    total: int | None = None
    done: int | None = None
    in_progress: int | None = None
    not_done: int | None = None
    completion_rate: float | None = None  # percent, as printed (76 for 76%)
    measures: int | None = None
    problems: int | None = None   # each level the report counts, in its own unit:
    tasks: int | None = None      # 5个方面23个问题细化为96项任务、310条措施 → problems 23, tasks 96, measures 310
    level: str | None = None      # problems | tasks | measures: what total and done count


@dataclass
class Ledger:
    title: str | None = None
    publisher: str | None = None
    kind: str | None = None            # 巡视 | 巡察
    inspector: str | None = None
    inspection_start: str | None = None  # YYYY-MM-DD
    inspection_end: str | None = None
    feedback_date: str | None = None
    report_date: str | None = None
    stated: Stated = field(default_factory=Stated)
    themes: list[Theme] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    warnings_en: list[str] = field(default_factory=list)  # the same warnings, in English
    contacts: dict[str, str] = field(default_factory=dict)  # phone, mail, email, as the report gives them
    actions: list[dict] = field(default_factory=list)       # dated actions: {date, item_no, text, start, end}

    def to_dict(self) -> dict:
        """Plain dicts and lists (dataclasses.asdict deep-copies every value, ten times slower here)."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["stated"] = dict(vars(self.stated))
        d["themes"] = [dict(vars(t)) for t in self.themes]
        d["items"] = [dict(vars(i), measures=list(i.measures)) for i in self.items]
        d["quantities"] = [dict(vars(q), tags=list(q.tags)) for q in self.quantities]
        d["warnings"] = list(self.warnings)
        d["warnings_en"] = list(self.warnings_en)
        d["contacts"] = dict(self.contacts)
        d["actions"] = [dict(a) for a in self.actions]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Ledger":
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in known}
        kw["stated"] = Stated(**_known(Stated, d.get("stated") or {}))
        kw["themes"] = [Theme(**_known(Theme, t)) for t in d.get("themes", [])]
        kw["items"] = [Item(**_known(Item, i)) for i in d.get("items", [])]
        kw["quantities"] = [Quantity(**_known(Quantity, q)) for q in d.get("quantities", [])]
        return cls(**kw)


def _known(cls, d: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}
