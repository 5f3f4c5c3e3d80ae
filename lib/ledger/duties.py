"""Who answers for an item and by when: 责任单位：办公室, 整改时限：2024年6月底前, as a ledger's columns or an item's own
labelled lines print them, and inline in prose ("（责任单位：县林业局；整改时限：2024年6月底）")."""
from __future__ import annotations

import re

from .dates import deadline_date
from .model import Ledger

# "责任单位：县林业局", "【牵头单位】县自然资源局", "责任部门: 财务科": a label, with its colon or a web page's
# brackets, so "压实责任单位责任" in prose is none; the value runs to the end of its clause
_LABEL = r"(?:【(?:{0})】\s*:?|(?:{0})\s*:)\s*"
_RESPONSIBLE = re.compile(_LABEL.format("责任单位|责任部门|责任科室|牵头单位|牵头部门|责任主体")
                          # a bracket of its own stays whole: 农业农村办（经管站）; a bracket's close ends it otherwise
                          + r"(?P<v>(?:[^\s;。\n():【]|\([^\s;。\n()【]{1,20}\)){2,60})")
# the value ends at its clause, or at a wide gap before the next field ("2024年9月底　　整改进度：…")
_DEADLINE = re.compile(_LABEL.format("整改时限|完成时限|整改期限|时限要求") + r"(?P<v>(?:(?!\s{2})[^;。\n)【]){2,40})")


def _clean(value: str) -> str:
    return value.strip(" ，,、")


def assign_duties(text: str, norm: str, ledger: Ledger) -> None:
    """Each item's `responsible` and `deadline` (YYYY-MM-DD; a month's deadline is its last day; 长期坚持 has none)
    from the first such label inside the item's own block; `deadline_raw` keeps the words as printed."""
    year = int(ledger.report_date[:4]) if ledger.report_date else None
    for it in ledger.items:
        m = _RESPONSIBLE.search(norm, it.start, it.end)
        if m:
            it.responsible = _clean(text[m.start("v"):m.end("v")])
        m = _DEADLINE.search(norm, it.start, it.end)
        if m:
            raw = _clean(text[m.start("v"):m.end("v")])
            it.deadline_raw = raw
            it.deadline = deadline_date(norm[m.start("v"):m.end("v")], year)
