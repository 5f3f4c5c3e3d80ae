"""The levels (lib/ledger/levels.py): each heading's role, where the closing part begins, and which numbering
level holds the themes and which the items."""
from __future__ import annotations

import pytest

from lib.ledger.levels import PROBLEM_RANK, assign_chains, choose_levels, find_cut, sections_with_statuses
from lib.ledger.normalize import normalize
from lib.ledger.segment import RANK, segment


def levels(text: str):
    norm = normalize(text)
    segs = segment(norm)
    assign_chains(norm, segs)
    sections_with_statuses(norm, segs)
    cut = find_cut(norm, segs)
    theme, item, how = choose_levels(norm, segs, cut)
    return norm, segs, cut, theme, item, how


def heading_roles(text: str) -> list[tuple[str, str]]:
    norm, segs, *_ = levels(text)
    return [(norm[s.body:s.end].strip(" :\n")[:12], s.role) for s in segs if getattr(s, "role", None)]


# (text, (theme level, item level) as segment kinds, how the levels were chosen)
LEVELS = [
    # labels under （一）: （一） is the theme, 1. the item
    ("（一）关于学习方面的问题\n1.学习不深入\n整改情况：已完成\n2.制度不全\n整改情况：正在整改\n", ("theme", "item"), "labels"),
    # no labels, 一、organisation and 二、areas （一） with 1. sub-items: the areas are the themes, 1. the items
    ("一、整改工作组织开展情况\n成立领导小组。\n二、巡视反馈问题整改落实情况\n（一）关于学习方面\n1.学习不深入。开展学习。\n2.制度不全。修订制度。\n"
     "（二）关于作风方面\n1.作风不实。开展整治。\n三、下一步工作\n持续推进。\n", ("theme", "item"), "headings"),
    # 问题N: under 一、 themes: the problem level holds the items
    ("一、关于学习方面\n问题1：学习不深入\n整改情况：已完成\n问题2：制度不全\n整改情况：已完成\n", ("section", "problem"), "problem"),
]


@pytest.mark.parametrize(("text", "kinds", "how"), LEVELS)
def test_the_level_of_themes_and_items(text, kinds, how):
    _, _, _, theme, item, chosen = levels(text)
    want = tuple(PROBLEM_RANK if k == "problem" else RANK[k] for k in kinds)
    assert (theme, item, chosen) == (*want, how)


# (text, the words the closing part starts with)
CUTS = [
    ("（一）学习\n1.学习不深入\n整改情况：已完成\n三、下一步工作打算\n持续推进。\n", "三、下一步"),
    ("（一）学习\n1.学习不深入\n整改情况：已完成\n欢迎广大干部群众监督。联系电话：0743-1234567。\n", "欢迎"),
    # a signing body on its own line, then the date alone
    ("（一）学习\n1.学习不深入\n整改情况：已完成\n中共某某县委员会\n2023年12月19日\n", "中共某某县委员会"),
]


@pytest.mark.parametrize(("text", "starts"), CUTS)
def test_where_the_closing_part_begins(text, starts):
    norm, segs, cut, *_ = levels(text)
    assert norm[segs[cut].start:].lstrip().startswith(starts)


# (heading text, role)
ROLES = [
    ("一、关于学习贯彻方面存在的问题\n正文。\n", "theme"),
    ("一、整改工作组织开展情况\n正文。\n", "organizing"),
    ("二、反馈问题整改落实情况\n正文。\n", "progress"),
    ("三、下一步工作打算\n正文。\n", "nextstep"),
    ("（一）学习不深入\n正文。\n", "plain"),
]


@pytest.mark.parametrize(("text", "role"), ROLES)
def test_a_heading_role_from_its_title(text, role):
    assert heading_roles(text)[0][1] == role


def test_a_part_titled_like_the_organisation_that_holds_status_lines_is_the_progress_part():
    text = ("一、整改落实总体情况\n（一）学习不深入\n整改结果：已完成\n（二）制度不全\n整改结果：正在整改\n")
    assert heading_roles(text)[0] == ("整改落实总体情况", "progress")
