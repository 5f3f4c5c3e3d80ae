"""The structure (lib/ledger/structure.py): themes, items, their statuses and measures, and where the items end."""
from __future__ import annotations

import pytest

from lib.ledger.normalize import normalize
from lib.ledger.segment import segment
from lib.ledger.structure import analyze


def structure(text: str):
    norm = normalize(text)
    return analyze(text, norm, segment(norm))


# (text, theme titles, items as (no, theme_no, title, status, status_raw, measures), the words the body ends at)
CASES = [
    # a ledger table read row by row: each item closes with its status line, so does the last, and the
    # paragraph after it is the report's again
    ("（一）关于学习方面的问题\n1.学习不够深入\n整改措施：制定计划。\n整改结果：已完成\n2.制度不健全\n整改措施：修订制度。\n"
     "整改结果：正在整改\n整改期间，县纪委监委立案6件。\n",
     ["关于学习方面的问题"],
     [(1, 1, "学习不够深入", "done", "已完成", ["制定计划。"]), (2, 1, "制度不健全", "in_progress", "正在整改", ["修订制度。"])],
     "整改期间"),
    # a bracketed status after the title; items numbered again in each theme; 下一步 ends the last item
    ("一、关于学习方面的问题\n（一）学习不够深入（已完成）\n制定学习计划，开展专题学习。\n（二）制度不健全（正在整改）\n修订制度3项。\n"
     "二、关于作风方面的问题\n（一）作风不实（已完成）\n开展整治。\n下一步，我们将持续推进整改。\n",
     ["关于学习方面的问题", "关于作风方面的问题"],
     [(1, 1, "学习不够深入", "done", "已完成", ["制定学习计划，开展专题学习。"]),
      (2, 1, "制度不健全", "in_progress", "正在整改", ["修订制度3项。"]), (1, 2, "作风不实", "done", "已完成", ["开展整治。"])],
     "下一步"),
    # the status as the first words of a measures label
    ("（一）学习不深入\n1.学习不够深入\n整改情况：已完成。制定计划。\n2.制度不健全\n整改情况：正在整改。修订制度。\n",
     ["学习不深入"],
     [(1, 1, "学习不够深入", "done", "已完成", ["制定计划。"]), (2, 1, "制度不健全", "in_progress", "正在整改", ["修订制度。"])],
     ""),
    # a 台账 split by status repeats its categories: the same heading again is the same theme
    ("（一）甲方面\n1.问题一\n整改结果：已完成\n（二）乙方面\n2.问题二\n整改结果：已完成\n（一）甲方面\n3.问题三\n整改结果：正在整改\n",
     ["甲方面", "乙方面"],
     [(1, 1, "问题一", "done", "已完成", []), (2, 2, "问题二", "done", "已完成", []),
      (3, 1, "问题三", "in_progress", "正在整改", [])],
     ""),
    # the report's progress told after the last item ends it: its figures are no item's
    ("（一）甲方面\n1.问题一（已完成）\n整改情况：追回资金5万元。\n"
     "截至2024年11月30日，反馈的1个方面1个问题，已完成整改1个。共追回资金5万元。\n",
     ["甲方面"], [(1, 1, "问题一", "done", "已完成", ["追回资金5万元。"])], "截至2024年11月30日"),
]


@pytest.mark.parametrize(("text", "themes", "items", "body_ends_at"), CASES)
def test_structure(text, themes, items, body_ends_at):
    st = structure(text)
    assert [t.title for t in st.themes] == themes
    assert [(i.no, i.theme_no, i.title, i.status, i.status_raw, i.measures) for i in st.items] == items
    assert text[st.body_end:].startswith(body_ends_at)
    assert st.items[-1].end <= st.body_end
