"""Header dates: a date without a year takes it from context; a damaged date is null."""
from __future__ import annotations

import pytest

from lib.ledger.dates import find_dates
from lib.ledger.parse import parse_text


@pytest.mark.parametrize("opening,start,end,feedback", [
    ("根据省委统一部署，2023年3月9日至6月10日，省委第十三巡视组对某区进行巡视。7月18日，省委巡视组向某区反馈了巡视意见。",
     "2023-03-09", "2023-06-10", "2023-07-18"),
    # the inspection crosses the new year; feedback month is before the end month → next year
    ("根据省委统一部署，2020年11月10日至2021年1月13日，省委第九巡视组对某县进行了巡视。3月4日，省委巡视组向某县委反馈了巡视意见。",
     "2020-11-10", "2021-01-13", "2021-03-04"),
    ("根据市委统一部署，2023年11月6日至12月29日，市委第一巡察组对某局进行了巡察。1月15日，巡察组反馈了巡察意见。",
     "2023-11-06", "2023-12-29", "2024-01-15"),
    # same sentence, 并于
    ("根据省委巡视工作统一部署，2023年7月18日至9月15日，省委第六巡视组对某区开展了常规巡视，并于2023年11月1日反馈了巡视意见。",
     "2023-07-18", "2023-09-15", "2023-11-01"),
    # damaged dates stay null
    ("根据市委统一部署，2024717日至830日，市委第六巡察组对某委进行了巡察。914日，巡察组向某委反馈了巡察意见。",
     None, None, None),
    # an impossible date is null, not a guess
    ("根据市委统一部署，2023年2月30日至4月31日，市委第六巡察组对某委进行了巡察。2023年13月1日，巡察组反馈了巡察意见。",
     None, None, None),
])
def test_opening_dates(opening, start, end, feedback):
    ledger = parse_text(opening)
    assert (ledger.inspection_start, ledger.inspection_end, ledger.feedback_date) == (start, end, feedback)


@pytest.mark.parametrize("text,iso", [
    ("2023年12月19日", "2023-12-19"),
    ("二〇二三年十二月十九日", "2023-12-19"),
    ("2023-05-04", "2023-05-04"),
    ("2023 年 5 月 4 日", "2023-05-04"),
])
def test_date_forms(text, iso):
    (d,) = find_dates(text)
    assert d.iso() == iso


def test_signature_date_in_chinese_numerals():
    text = "1.某问题。\n整改结果：完成。\n整改情况：已办。\n\n中共某某委员会\n二〇二四年三月五日\n"
    ledger = parse_text(text)
    assert ledger.report_date == "2024-03-05"
    assert ledger.publisher == "中共某某委员会"
