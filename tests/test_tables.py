"""Tables (lib/read/tables.py): a ledger table's rows as the lines a report prints, a statistics table as sentences."""
from __future__ import annotations

import pytest

from lib.read.tables import column_roles, render, render_stats, render_table

LEDGER = [
    # header | one row: the item, its measures, its status
    ([["序号", "反馈问题", "整改措施", "完成情况"], ["1", "学习不深入", "制定计划", "已完成"]],
     ["1.学习不深入", "整改措施：制定计划", "整改结果：已完成"]),
    # a table with no ledger header is read cell by cell
    ([["姓名", "职务"], ["张三", "科员"]], None),
]


@pytest.mark.parametrize(("rows", "want"), LEDGER)
def test_ledger_table(rows, want):
    assert render_table(rows) == want


def test_statistics_table_takes_each_unit_from_its_header():
    rows = [["被巡察单位", "反馈问题（个）", "已整改（个）", "追缴资金（万元）"], ["市教育局", "20", "19", "9.86"]]
    assert render_stats(rows) == ["市教育局：反馈问题20个，已整改19个，追缴资金9.86万元。"]
    assert render(rows) == render_stats(rows)


def test_a_header_row_names_its_columns_roles():
    roles = column_roles(["序号", "反馈问题", "整改措施", "完成情况"])
    assert roles is not None and len(set(roles.values())) == len(roles)
    assert column_roles(["姓名", "职务"]) is None
