"""Tables (lib/read/tables.py): a ledger table's rows as the lines a report prints, a statistics table as sentences."""
from __future__ import annotations

import pytest

from lib.read.pdftables import PageTable, join_continued, without_empty_columns
from lib.read.tables import column_roles, render, render_stats, render_table

LEDGER = [
    # header | one row: the item, its measures, its status
    ([["序号", "反馈问题", "整改措施", "完成情况"], ["1", "学习不深入", "制定计划", "已完成"]],
     ["1.学习不深入", "整改措施：制定计划", "整改结果：已完成"]),
    # a problem over several rows, one a measure (序号 and 问题 merged down, so each row repeats them): one item,
    # each measure with its result, then who answers for them and the last measure's deadline
    ([["序号", "反馈问题", "整改措施", "责任人", "完成时限", "完成情况"],
      ["1", "撂荒地整治不彻底", "开展排查", "张立新", "2024年9月底前", "已完成。排查43块。"],
      ["1", "撂荒地整治不彻底", "流转复耕", "刘春燕", "2024年10月底前", "持续推进。"],
      ["2", "承包费收缴不到位", "追缴承包费", "王光明", "2024年9月底前", "已完成"]],
     ["1.撂荒地整治不彻底", "整改措施：开展排查", "整改结果：已完成。排查43块。", "整改措施：流转复耕", "整改结果：持续推进。",
      "责任领导：张立新、刘春燕", "整改时限：2024年10月底前",
      "2.承包费收缴不到位", "整改措施：追缴承包费", "整改结果：已完成", "责任领导：王光明", "整改时限：2024年9月底前"]),
    # a two-row header: 整改落实情况 over 具体进展 | 状态; a 统计 block under the table says what it counts
    ([["序号", "反馈问题", "整改落实情况", "整改落实情况"], ["序号", "反馈问题", "具体进展", "状态"],
      ["1", "学习不深入", "制定计划", "✓"], ["统计", "统计", "共1项，已完成1项。", "共1项，已完成1项。"]],
     ["统计：共1项，已完成1项。", "1.学习不深入", "整改情况：制定计划", "整改结果：✓"]),
    # two tables stacked: headings that give their problems' status (not themes), the header again between them
    ([["序号", "反馈问题", "整改措施", "责任单位"], ["一、已完成整改的问题（1个）"] * 4, ["1", "学习不深入", "制定计划", "办公室"],
      ["二、正在整改的问题（1个）"] * 4, ["序号", "反馈问题", "整改措施", "责任单位"], ["1", "项目滞后", "倒排工期", "项目办"]],
     ["1.学习不深入", "整改措施：制定计划", "整改结果：已完成整改", "责任单位：办公室",
      "1.项目滞后", "整改措施：倒排工期", "整改结果：正在整改", "责任单位：项目办"]),
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


def test_a_summary_sheet_names_its_counts_without_units_and_keeps_its_rate_as_a_fraction():
    """A 汇总 sheet: 问题数 | 已完成 | 未完成 count problems (in 个) though their headers name no unit, and Excel keeps
    66.7% as 0.6667."""
    rows = [["类别", "问题数", "已完成", "未完成", "完成率"], ["党建方面", "4", "2", "2", "0.5"], ["合计", "12", "8", "4", "0.6667"]]
    assert render_stats(rows) == ["党建方面：问题数4个，已完成2个，未完成2个，完成率50%。",
                                  "合计：问题数12个，已完成8个，未完成4个，完成率66.7%。"]
    assert render_stats([["姓名", "职务"], ["张三", "科员"]]) is None


def test_a_header_row_names_its_columns_roles():
    roles = column_roles(["序号", "反馈问题", "整改措施", "完成情况"])
    assert roles is not None and len(set(roles.values())) == len(roles)
    assert column_roles(["姓名", "职务"]) is None


HEAD = ["序号", "巡视反馈问题", "整改措施", "进展情况"]


def test_a_page_whose_table_has_an_empty_edge_column_still_continues_the_ledger():
    """Page 2 of a browser-printed ledger drew one more rule: an empty first column. Without it, its rows and the
    row the next page break split are joined to the ledger as on every other page."""
    page1 = PageTable(0, 0, 500, 100, 800, [HEAD, ["1", "学习不深", "（1）建立制度。", "已完成"]], last_on_page=True)
    page2_rows = without_empty_columns([[""] + HEAD, ["", "2", "管理不严", "（1）清查资产。", "持续推进"]])
    page2 = PageTable(1, 0, 70, 100, 800, page2_rows, first_on_page=True, last_on_page=True)
    page3 = PageTable(2, 0, 70, 100, 300, [HEAD, ["", "", "（2）修订办法。", ""], ["3", "用人不规范", "（1）整改。", "已完成"]],
                      first_on_page=True)
    joined = join_continued([page1, page2, page3], column_roles)
    assert len(joined) == 1
    assert [r[0] for r in joined[0].rows] == ["序号", "1", "2", "3"]
    assert joined[0].rows[2][2] == "（1）清查资产。（2）修订办法。"


def test_the_rest_of_a_row_alone_in_one_column_on_the_next_page_finishes_it():
    """The last problem's measures run over the page break: the next page holds only their end, in one column, over
    a 合计 row merged across the others. Its empty columns are still the table's: the words finish the row and the
    合计 row follows, not a table of three columns of its own."""
    page1 = PageTable(0, 0, 500, 100, 800, [HEAD, ["16", "阵地管理不规范", "对11个宣传", "已完成"]], last_on_page=True)
    full = [["", "", "阵地开展排查。", ""], ["合计", "共16个问题", "已完成12个", ""]]
    page2 = PageTable(1, 0, 70, 100, 200, without_empty_columns(full), first_on_page=True, full=full)
    joined = join_continued([page1, page2], column_roles)
    assert len(joined) == 1
    assert joined[0].rows[1][2] == "对11个宣传阵地开展排查。"
    assert joined[0].rows[2][:2] == ["合计", "共16个问题"]
