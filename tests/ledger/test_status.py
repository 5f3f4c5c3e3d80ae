"""Status words → status classes, and where a report may put them."""
from __future__ import annotations

import pytest

from lib.ledger.parse import parse_text
from lib.ledger.status import classify


@pytest.mark.parametrize("raw,status", [
    ("完成", "done"), ("已完成", "done"), ("整改完成", "done"), ("已整改完成", "done"),
    ("阶段性完成", "in_progress"), ("基本完成", "in_progress"), ("正在整改", "in_progress"),
    ("持续整改", "in_progress"), ("长期坚持", "in_progress"), ("已完成阶段性目标，长期坚持", "in_progress"),
    ("未完成", "not_done"), ("尚未完成", "not_done"),
    ("已整改完成，需长期坚持", "done"), ("已整改完成，仍需长期坚持", "done"), ("已基本完成，正在巩固", "in_progress"),
    (None, "unknown"), ("", "unknown"), ("按计划推进中", "in_progress"), ("见附表", "unknown"),
    # a 台账's words: not begun is not done, a tick is done
    ("未启动", "not_done"), ("尚未启动", "not_done"), ("✓", "done"), ("√", "done"),
    # the statuses of a problem's several measures, joined: alike is that status, a mix is work under way
    ("已完成；持续推进", "in_progress"), ("已完成；未启动", "in_progress"), ("已完成；正在推进；未启动", "in_progress"),
    ("未启动；未完成", "not_done"), ("已完成；已销号", "done"), ("已完成；见附表", "done"),
    # a yes-or-no column (是否销号): yes is done, no is not yet signed off
    ("是", "done"), ("否", "in_progress"), ("是否", "unknown"),
    # a tracking platform's words: closed is done, past its deadline is not done, awaiting sign-off is under way
    ("已销号", "done"), ("已超期", "not_done"), ("逾期未完成", "not_done"), ("整改中", "in_progress"),
    ("待审核", "in_progress"), ("待验收", "in_progress"), ("申请销号", "in_progress"),
    # a platform's measure statuses and a signed-off problem
    ("进行中", "in_progress"), ("未开始", "not_done"), ("整改销号", "done"), ("持续推进中", "in_progress"),
    ("未按时限完成整改", "not_done"), ("整改反弹，重新整改", "in_progress"),
])
def test_classify(raw, status):
    assert classify(raw) == status


@pytest.mark.parametrize("layout,status,raw", [
    ("1.某问题。\n整改结果：完成。\n整改情况：已建立台账。", "done", "完成"),
    ("1.某问题。\n整改结果：阶段性完成\n整改情况：已建立台账。", "in_progress", "阶段性完成"),
    ("1.某问题。\n整改情况：已建立台账。\n完成情况：已完成", "done", "已完成"),
    # a problem a row a measure (a 台账): each measure's result line; the problem's status weighs them all
    ("1.某问题。\n整改措施：排查。\n整改结果：已完成。排查43块。\n整改措施：复耕。\n整改结果：持续推进。已起草办法。",
     "in_progress", "已完成；持续推进"),
    ("1.某问题。\n整改措施：排查。\n整改结果：已完成。\n整改措施：复耕。\n整改结果：已完成。", "done", "已完成"),
    # a status column's tick
    ("1.某问题。\n整改措施：排查。\n整改结果：✓", "done", "✓"),
    ("1.某问题。\n整改措施：排查。\n整改结果：√（立行立改）", "done", "√（立行立改）"),
    ("1.某问题。\n整改措施：排查。\n整改结果：✔已整改到位", "done", "已整改到位"),
    # another mark, read by the ledger's own key; without a key it says nothing
    ("注：“△”表示正在推进，“×”表示未完成。\n1.某问题。\n整改措施：排查。\n整改结果：△", "in_progress", "△"),
    ("1.某问题。\n整改措施：排查。\n整改结果：△", "unknown", "△"),
    # a light named by its colour alone, and the key that reads it
    ("灯色说明：绿——已完成整改；黄——正在推进；红——未按时限完成整改\n1.某问题。\n整改措施：排查。\n整改结果：红", "not_done", "红"),
    # the closing sentence's subject may be the rectification itself
    ("1.某问题。\n整改情况：开展整治。整改工作正在按计划推进。", "in_progress", "正在按计划推进"),
    # the closing sentence's status after the date it was reached on
    ("1.某问题。\n整改情况：收回车辆2辆。经验收，该问题已于2024年10月整改销号。", "done", "整改销号"),
    ("1.某问题。\n整改情况：共建实训基地，目前该项工作仍在持续推进中，计划于2025年6月底前完成。", "in_progress", "仍在持续推进中"),
    ("1.某问题。（已完成）\n整改情况：已建立台账。", "done", "已完成"),
    ("1.某问题。\n整改情况：已完成。建立台账。", "done", "已完成"),
    # a second status clause is part of the status as published, not a measure
    ("1.某问题。\n整改进展：基本完成，正在长期坚持。", "in_progress", "基本完成，正在长期坚持"),
    ("1.某问题。\n整改进展：已完成，建立长效机制。", "done", "已完成"),
    # progress as a percentage; done, with the promise to keep at it
    ("1.某问题。\n整改措施：建立台账。\n完成进度：80%", "in_progress", "80%"),
    ("1.某问题。\n整改措施：建立台账。\n整改进度：100%", "done", "100%"),
    ("1.某问题。\n整改措施：建立台账。\n整改情况：完成80%", "in_progress", "完成80%"),
    ("1.某问题。\n整改措施：建立台账。\n整改情况：未到时限", "in_progress", "未到时限"),
    ("1.某问题。\n整改进展：已完成，长期坚持。", "done", "已完成，长期坚持"),
    ("1.某问题。\n整改结果：未完成。\n整改情况：正在协调。", "not_done", "未完成"),
    # the progress paragraph opens with today's status after 目前, with 已 or 正在 in front of the status words
    ("1.某问题。\n整改进展：目前已整改完成，需长期坚持。已建立台账。", "done", "目前已整改完成，需长期坚持"),
    ("1.某问题。\n整改进展：正在按计划推进。已出台方案。", "in_progress", "正在按计划推进"),
    ("1.某问题。\n整改进展：已基本完成，正在巩固。已追缴欠款。", "in_progress", "已基本完成"),
    ("1.某问题。\n整改进展：目前已完成80%的工程量。", "unknown", None),   # a measure, not a status
    # today's status, then what the last report said of it
    ("1.某问题。\n整改状态：已完成（前期通报时为阶段性完成）。\n整改情况：已建立台账。", "done", "已完成"),
    ("1.某问题。\n整改状态：阶段性完成（前期通报时为正在整改）。", "in_progress", "阶段性完成"),
    ("1.某问题。\n整改情况：完成688万元欠款追缴。", "unknown", None),   # a measure, not a status
    # a closing sentence of status, and the status clauses after it
    ("1.某问题。\n整改情况：已建立台账。该问题正在持续整改中。", "in_progress", "正在持续整改中"),
    ("1.某问题。\n整改情况：已建立台账。目前，该问题已取得阶段性成效，正在持续整改中。", "in_progress",
     "已取得阶段性成效，正在持续整改中"),
])
def test_status_positions(layout, status, raw):
    item = parse_text(layout).items[0]
    assert (item.status, item.status_raw) == (status, raw)
