"""Adding figures up (lib/frames.counted): each fact once, whether the opening repeats it or breaks it down."""
from __future__ import annotations

import pytest

from lib import frames
from lib.parse import parse_text
from tests.makers import seed_text

HEAD = "中共某县委关于巡视整改进展情况的通报\n根据省委统一部署，2023年3月1日至4月30日，省委第一巡视组对某县进行了巡视。\n"


def report(summary: str, *item_texts: str) -> str:
    items = "\n".join(f"{n}.问题{n}。\n整改结果：完成。\n整改情况：{text}" for n, text in enumerate(item_texts, start=1))
    return f"{HEAD}{summary}\n（一）关于某方面的问题\n{items}\n"


def totals(text: str) -> tuple[float, float | None, float]:
    q = frames.quantities_frame([(1, parse_text(text))])
    money = frames.money(q)
    return (float(money[money["recovery"]]["value"].sum()), frames.case_figures(q)["cases"],
            float(frames.sanctions(q)["value"].sum()))


# (opening summary, item texts, (recovered 万元, 立案 件, people sanctioned))
CASES = [
    # the opening repeats what the items state
    ("整改期间，追缴税款356.8万元，立案查处二十三件。", ["追缴税款356.8万元。", "立案查处二十三件，给予党内警告2人。"],
     (356.8, 23.0, 2.0)),
    # the opening's total holds the items' figures
    ("共追回资金2.35亿元。", ["清退津补贴326.5万元。", "收回集体资金1,268万元。"], (23500.0, None, 0.0)),
    # the opening's figure is smaller than the items': different money, both count
    ("追回违纪资金50万元。", ["收回土地出让金688万元。"], (738.0, None, 0.0)),
    # a total broken down after 其中 counts once, by its parts
    ("给予党纪政务处分12人，其中党纪处分9人、政务处分3人。", ["开展专项整治。"], (0.0, None, 12.0)),
    # no opening figures: the items add up
    ("", ["追回资金10万元，给予党内警告1人。", "追回资金5万元，给予政务记过1人。"], (15.0, None, 2.0)),
]


@pytest.mark.parametrize(("summary", "item_texts", "want"), CASES)
def test_each_fact_counted_once(summary, item_texts, want):
    assert totals(report(summary, *item_texts)) == pytest.approx(want)


def test_seed_totals():
    assert totals(seed_text()) == (688.0, 8.0, 7.0)


def test_tables_keep_every_figure():
    text = report("追缴税款356.8万元。", "追缴税款356.8万元。")
    q = frames.quantities_frame([(1, parse_text(text))])
    assert len(q[q["kind"] == "money"]) == 2 and len(frames.money(q)) == 1
