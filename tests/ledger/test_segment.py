"""Segments (lib/ledger/segment.py): each paragraph's kind, number and label, the raw material of the structure."""
from __future__ import annotations

import pytest

from lib.ledger.normalize import normalize
from lib.ledger.segment import cn_int, segment


def kinds(text: str) -> list[tuple]:
    return [(s.kind, s.num, s.label) for s in segment(normalize(text))]


CASES = [
    # a theme, items numbered 1. and the labelled lines under them
    ("（一）关于学习方面的问题\n1.学习不够深入\n整改措施：制定计划。\n整改结果：已完成\n",
     [("theme", 1, None), ("item", 1, None), ("label", None, "整改措施"), ("label", None, "整改结果")]),
    # 第一部分 is a theme; （十一）问题： a problem numbered in brackets, not a theme
    ("第三部分 关于主体责任方面\n（十一）问题：主体责任落实不到位。\n完成情况：已完成\n",
     [("theme", 3, None), ("problem", 11, None), ("label", None, "完成情况")]),
    # 问题类别二：…方面 and 第三类问题： are themes; 问题1. an item's problem
    # ... also with the space OCR drops (第二部分关于…); 第二部分内容 in prose is not
    ("第二部分关于主体责任方面\n1.主体责任落实不到位。\n", [("theme", 2, None), ("item", 1, None)]),
    ("第二部分内容已在上文说明。\n", [("text", None, None)]),
    ("问题类别二：落实全面从严治党方面\n问题1.主体责任落实不到位。\n整改状态：已完成\n",
     [("theme", 2, None), ("problem", 1, None), ("label", None, "整改状态")]),
    ("第三类问题：作风建设方面\n1.作风不实。\n", [("theme", 3, None), ("item", 1, None)]),
    # 一、 sections, 一是 inside a paragraph is no heading
    ("一、整改工作开展情况\n一是加强领导，二是压实责任。\n",
     [("section", 1, None), ("text", None, None)]),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_kinds(text, want):
    assert kinds(text) == want


@pytest.mark.parametrize(("s", "n"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("甲", None)])
def test_chinese_numbers(s, n):
    assert cn_int(s) == n
