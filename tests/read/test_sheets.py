"""Spreadsheets as ledgers: a 台账 in .xlsx, .xls and .csv reads as a careful reader takes it, hostile ones end in a
message, and the deadline lights count from the report's date."""
from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import pandas as pd
import pytest

from lib.ledger.dates import deadline_date
from lib.ledger.parse import parse_text
from lib.read.errors import ReadError
from lib.read.readers import read_bytes
from lib.read.sheets import MAX_SHEET_ROWS, UnmappedSheet
from lib.views import deadlines, totals
from tests import makers

# What a careful reader takes from makers.FORESTRY_ROWS: every row states its status (长期坚持 is ongoing work, not
# done), 3 of 6 done; 清退违规接待费用1.2万元 is money recovered; 收回林地36.5亩 is land acted on; 立案查处违法占用林地
# 案件7起 are a forestry bureau's administrative cases, not discipline cases; 提醒谈话 2名 is other accountability
# (约谈村级林长 is work supervision of village forest chiefs, no accountability).
THEMES = ["贯彻落实党的路线方针政策方面", "全面从严治党方面", "组织建设方面"]
ITEMS = [  # no, theme, status, status_raw, responsible, deadline_raw, deadline
    (1, 1, "done", "已完成", "办公室", "2024年3月底前", "2024-03-31"),
    (2, 1, "in_progress", "长期坚持", "林长办", "长期坚持", None),
    (3, 1, "in_progress", "正在推进", "防火股", "2024年12月底前", "2024-12-31"),
    (4, 2, "done", "已完成", "办公室", "2024年5月31日", "2024-05-31"),
    (5, 2, "done", "已完成", "资源股", "2024年6月底前", "2024-06-30"),
    (6, 3, "in_progress", "正在推进", "机关党委", "2024年9月", "2024-09-30"),
]
TOTALS = {"recovered_wan": 1.2, "land_mu": 36.5, "cases": None, "disciplined_people": None,
          "other_accountability_people": 2}


def _ledger_of(data: bytes, name: str, **kw):
    text = read_bytes(data, name, **kw)
    return text, parse_text(text)


def _check_forestry(ledger) -> None:
    assert ledger.title == makers.FORESTRY_TITLE
    assert ledger.publisher == "中共青山县林业局党组"
    assert (ledger.kind, ledger.inspector, ledger.report_date) == ("巡察", "县委第三巡察组", "2024-06-30")
    assert [t.title for t in ledger.themes] == THEMES
    got = [(i.no, i.theme_no, i.status, i.status_raw, i.responsible, i.deadline_raw, i.deadline) for i in ledger.items]
    assert got == ITEMS
    assert [i.title for i in ledger.items] == [r[2].rstrip("。") for r in makers.FORESTRY_ROWS]
    h = totals.for_ledgers([(1, ledger)])
    c = h.completion
    assert (c.rate, c.done, c.total, c.source) == (50.0, 3, 6, "items")
    assert {k: h.value(k) for k in TOTALS} == TOTALS


@pytest.mark.parametrize(("make", "name"), [
    (makers.forestry_ledger, "tz.xlsx"),
    (makers.forestry_ledger, "upload"),          # found by content, not by name
    (makers.forestry_ledger_xls, "tz.xls"),
    (makers.forestry_ledger_xls, "tz.et"),       # WPS saves .et in the same format
    (makers.forestry_ledger_xls, "ledger.bin"),
], ids=["xlsx", "xlsx-no-name", "xls", "et", "xls-named-bin"])
def test_a_ledger_reads_as_its_reader_takes_it(make, name):
    text, ledger = _ledger_of(make(), name)
    _check_forestry(ledger)
    # the totals row is no problem: it says, in the opening, what the report counts
    assert text.index("合计：6个问题；已完成3个") < text.index("（一）")
    assert (ledger.stated.total, ledger.stated.done) == (6, 3)


def _csv(sep: str, encoding: str) -> bytes:
    rows = [[makers.FORESTRY_TITLE], ["填报单位：青山县林业局党组", "截至时间：2024年6月30日"], makers.FORESTRY_HEADER]
    theme = None
    for row in makers.FORESTRY_ROWS:
        theme = row[1] or theme    # a csv has no merged cells: every row repeats its category
        rows.append([row[0], theme, *row[2:]])
    buf = io.StringIO()
    import csv
    csv.writer(buf, delimiter=sep).writerows([["" if v is None else v for v in r] for r in rows])
    return buf.getvalue().encode(encoding)


@pytest.mark.parametrize(("sep", "encoding", "name"), [
    (",", "utf-8-sig", "tz.csv"), (",", "gb18030", "tz.csv"), ("\t", "utf-8", "tz.tsv"), (",", "utf-8", "tz.txt"),
], ids=["csv-bom", "csv-gbk", "tsv", "csv-named-txt"])
def test_a_ledger_saved_as_csv(sep, encoding, name):
    _check_forestry(_ledger_of(_csv(sep, encoding), name)[1])


def test_one_sheet_per_theme_names_the_themes():
    """Offices often keep one sheet per theme and no category column: each sheet's name is its theme."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in (("党建方面", [[1, "学习不深入", "开展学习4次", "已完成"], [2, "记录不全", "修订手册", "正在推进"]]),
                        ("作风方面", [[1, "接待不规范", "清退费用0.8万元", "已完成"]])):
        ws = wb.create_sheet(title)
        ws.append(["序号", "反馈问题", "整改措施", "完成情况"])
        for r in rows:
            ws.append(r)
    wb.create_sheet("填表说明").append(["本表由各责任单位每月填报"])   # no ledger: left out
    buf = io.BytesIO()
    wb.save(buf)
    text, ledger = _ledger_of(buf.getvalue(), "t.xlsx")
    assert [t.title for t in ledger.themes] == ["党建方面", "作风方面"]
    assert [(i.theme_no, i.no, i.status) for i in ledger.items] == [(1, 1, "done"), (1, 2, "in_progress"), (2, 1, "done")]
    assert "填表说明" not in text


def test_one_sheet_per_unit_names_no_themes():
    """A bureau's workbook with a sheet per unit (局机关, 下属中心): the sheets are units, not themes."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in (("局机关", [[1, "学习不深入", "开展学习4次", "已完成"]]), ("下属中心", [[1, "接待不规范", "清退费用", "已完成"]])):
        ws = wb.create_sheet(title)
        ws.append(["序号", "反馈问题", "整改措施", "完成情况"])
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    _, ledger = _ledger_of(buf.getvalue(), "t.xlsx")
    assert ledger.themes == [] and [(i.no, i.status) for i in ledger.items] == [(1, "done"), (1, "done")]


def _workbook(sheets) -> bytes:
    """sheets: (name, rows, merged ranges) → an .xlsx made by openpyxl."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows, merged in sheets:
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        for ref in merged:
            ws.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _theme_sheet(theme: str, rows: list[list], total: list | None) -> tuple:
    """A sheet of a workbook kept one theme a sheet: the title, the theme's own row, a two-level header (责任 over
    责任领导 | 责任单位, 整改情况 over 已完成 | 未完成: the status is a tick or a word in one of them), a 小计."""
    head = [["中共某县农业农村局党组关于县委第二巡察组巡察反馈问题整改落实情况台账"], [theme],
            ["序号", "问题类别", "问题描述", "整改措施", "责任", None, "整改情况", None],
            [None, None, None, None, "责任领导", "责任单位", "已完成", "未完成"]]
    tail = [["小计", None, f"{len(rows)}个问题", "本方面共追回资金10.5万元", None, None, "1", "1"]] + ([total] if total else [])
    merged = ["A1:H1", "A2:H2", "E3:F3", "G3:H3"] + [f"{c}3:{c}4" for c in "ABCD"] + [f"B5:B{4 + len(rows)}"]
    return "sheet", head + rows + tail, merged


def test_a_sheet_per_theme_under_its_theme_row_with_ticked_status_columns():
    """The theme is the sheet's own 一、…方面 row; the merged category only sorts problems inside it; ✓ under 已完成
    is done, words under 未完成 say the work goes on, a bare ✓ under 未完成 is not done; 小计 rows say their
    sentences but not their counts, the 合计 row its counts by their column's name."""
    data = _workbook([
        ("一、政治建设", *_theme_sheet("一、贯彻落实上级决策部署方面", [
            [1, "耕地保护", "耕地保护不到位", "追回资金10.5万元", "张三", "耕保股", "✓", None],
            [2, None, "项目验收不严", "复核项目9个", "张三", "建设股", None, "正在推进"]], None)[1:]),
        ("二、组织建设", *_theme_sheet("二、落实新时代党的组织路线方面", [
            [3, "干部队伍", "干部结构不优", "招聘11名", "李四", "人事股", "√", None],
            [4, None, "整改不彻底", "回头看", "李四", "办公室", None, "✓"]],
            ["合计", None, "4个问题", "共追回资金10.5万元", None, None, "2", "2"])[1:])])
    text, ledger = _ledger_of(data, "t.xlsx")
    assert [t.title for t in ledger.themes] == ["贯彻落实上级决策部署方面", "落实新时代党的组织路线方面"]
    assert [(i.theme_no, i.no, i.title, i.status) for i in ledger.items] == [
        (1, 1, "耕地保护不到位", "done"), (1, 2, "项目验收不严", "in_progress"),
        (2, 3, "干部结构不优", "done"), (2, 4, "整改不彻底", "not_done")]
    assert [i.responsible for i in ledger.items] == ["耕保股", "建设股", "人事股", "办公室"]
    assert "耕地保护\n" not in text and "干部队伍" not in text        # categories head nothing
    assert "合计：4个问题；共追回资金10.5万元；已完成2个；未完成2个" in text
    assert "小计：本方面共追回资金10.5万元。" in text and "小计：2个问题" not in text
    assert (ledger.stated.total, ledger.stated.done) == (4, 2)


def test_a_workbook_of_counts_per_unit_reads_as_a_rounds_summary():
    """No problem rows, one row per unit inspected and a 合计: the title, the round's counts first, each unit's
    after (the person answering for it is not the unit), and its footer's contacts."""
    data = _workbook([("汇总", [
        ["中共某县委巡察工作领导小组办公室关于县委第三轮巡察整改情况统计表"], ["统计截至：2025年3月31日"],
        ["序号", "被巡察单位", "反馈问题数（个）", "已完成整改（个）", "正在整改（个）", "追缴资金（万元）", "立案（件）", "责任领导"],
        [1, "县教育局", 20, 18, 2, 12.5, 2, "张三"], [2, "县卫健局", 15, 15, 0, 3.2, 2, "李四"],
        ["合计", None, 35, 33, 2, 15.7, 4, None], ["制表：县委巡察办　联系电话：0743-1234567"]], [])])
    text, ledger = _ledger_of(data, "t.xlsx")
    assert text.split("\n")[2:5] == [
        "合计：反馈问题数35个，已完成整改33个，正在整改2个，追缴资金15.7万元，立案4件。",
        "县教育局：反馈问题数20个，已完成整改18个，正在整改2个，追缴资金12.5万元，立案2件。",
        "县卫健局：反馈问题数15个，已完成整改15个，正在整改0个，追缴资金3.2万元，立案2件。"]
    assert ledger.publisher == "中共某县委巡察工作领导小组办公室" and ledger.report_date == "2025-03-31"
    assert (ledger.stated.total, ledger.stated.done, ledger.items) == (35, 33, [])
    assert ledger.contacts == {"phone": "0743-1234567"}
    got = totals.contract(totals.for_ledgers([(1, ledger)]))
    # the two units' 立案2件 are two facts, and the 合计 their sum: each counted once
    assert (got["recovered_wan"], got["cases"]) == (15.7, 4)


@pytest.mark.parametrize(("number_format", "shown"), [
    ("yyyy-mm-dd", "2024-11-30"), ("yyyy/m/d", "2024/11/30"), ('yyyy"年"m"月"d"日"', "2024年11月30日"),
    ("General", "45626"),       # a date kept as a bare number is what Excel shows too: its serial, still a deadline
])
def test_a_date_cell_reads_as_its_format_shows_it(number_format, shown):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "反馈问题", "整改时限", "完成情况"])
    ws.append([1, "学习不深入", dt.datetime(2024, 11, 30), "已完成"])
    ws["C2"].number_format = number_format
    buf = io.BytesIO()
    wb.save(buf)
    text, ledger = _ledger_of(buf.getvalue(), "t.xlsx")
    assert f"整改时限：{shown}" in text and ledger.items[0].deadline == "2024-11-30"


def test_a_platform_export_names_its_theme_in_the_source_path():
    """A tracking platform's export: title after its label, the theme as the last part of 问题来源, platform words."""
    rows = ["巡察整改督办平台·整改台账导出：中共某区市场监督管理局党组关于区委第一巡察组巡察反馈问题整改落实情况台账",
            "导出时间：2025-02-18 09:42:17",
            "任务编号\t整改状态\t问题描述\t牵头单位\t完成时限\t整改措施\t问题来源",
            "ZG-01\t已销号\t督导走过场\t食品科\t2024/6/30\t建立台账\t区委第一巡察组反馈/一、贯彻落实决策部署方面",
            "ZG-02\t已超期\t抽查比例不足\t信用科\t20240930\t修订计划\t区委第一巡察组反馈/一、贯彻落实决策部署方面",
            "ZG-03\t待审核\t收费不规范\t价格科\t45473\t清退费用\t区委第一巡察组反馈/二、群众身边不正之风方面"]
    _, ledger = _ledger_of("\n".join(rows).encode(), "t.tsv")
    assert ledger.title.startswith("中共某区市场监督管理局党组关于") and ledger.publisher == "中共某区市场监督管理局党组"
    assert [t.title for t in ledger.themes] == ["贯彻落实决策部署方面", "群众身边不正之风方面"]
    assert [(i.theme_no, i.status, i.deadline) for i in ledger.items] == [
        (1, "done", "2024-06-30"), (1, "not_done", "2024-09-30"), (2, "in_progress", "2024-06-30")]


def test_measures_numbered_under_their_problem_and_a_status_kept_as_a_percent():
    """1.1, 1.2 under problem 1 are its measures, each with its status (all done is done, a mix under way); the
    problem's own deadline is its deadline; 整改进度 kept as a number with the 0% format reads as its percent; a
    hidden column is not read."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "巡察反馈问题", "整改措施", "原定时限", "完成时限", "完成情况"])
    ws.append([1, "公路养护管理缺位", None, "2023年1月底前", "2024年12月底前", None])
    ws.append(["1.1", None, "制定养护办法", None, "2024年6月底前", "已完成"])
    ws.append(["1.2", None, "推行路长制", None, "长期坚持", "长期坚持"])
    ws.append([2, "检测机构违规收费", None, "2023年1月底前", "2024年7月底前", None])
    ws.append(["2.1", None, "退还检测费用18.72万元", None, "2024年5月底前", "已完成"])
    ws.append([3, "营商环境落实不到位", "升级平台", "2023年1月底前", "2025年6月底前", 0.8])
    ws.append([4, "执法不严", "复查案件", "2023年1月底前", "2024年9月底前", 1])
    ws["F7"].number_format = ws["F8"].number_format = "0%"
    ws.column_dimensions["D"].hidden = True     # an old deadline kept out of sight
    buf = io.BytesIO()
    wb.save(buf)
    text, ledger = _ledger_of(buf.getvalue(), "t.xlsx")
    assert [(i.no, i.title, i.status, i.deadline) for i in ledger.items] == [
        (1, "公路养护管理缺位", "in_progress", "2024-12-31"), (2, "检测机构违规收费", "done", "2024-07-31"),
        (3, "营商环境落实不到位", "in_progress", "2025-06-30"), (4, "执法不严", "done", "2024-09-30")]
    assert "整改结果：80%" in text and "2023年1月" not in text


def test_a_systems_export_with_column_codes_and_its_form_line_under_the_table():
    """An OA system's export: a row of column codes over the Chinese header (no title), and the form line under
    the table (填报单位：… 巡察组：… 联系电话：…) naming who reports and how to reach them."""
    rows = ["WTBH,WTMS,ZGCS,WCQK", "问题编号,问题描述,整改措施,完成情况",
            "01,耕地保护不到位,复耕46.8亩,完成", "02,衔接资金管理不规范,清查项目19个,推进中",
            "合计,共2个问题,,完成1个，推进中1个",
            "填报单位：中共某县青石镇委员会,巡察组：县委第一巡察组,联系人：周敏,联系电话：0898-2761035"]
    text, ledger = _ledger_of("\n".join(rows).encode("gbk"), "t.csv")
    assert "WTBH" not in text
    assert (ledger.publisher, ledger.inspector, ledger.contacts) == (
        "中共某县青石镇委员会", "县委第一巡察组", {"phone": "0898-2761035"})
    assert (ledger.stated.total, ledger.stated.done) == (2, 1)
    assert [(i.no, i.status) for i in ledger.items] == [(1, "done"), (2, "in_progress")]


def test_a_ledger_on_its_side_and_a_ledger_in_blocks_read_one_problem_a_row():
    """Problems across the columns (the fields named down column A, a category merged across its problems, a
    summing-up row merged over them all); and blocks of label | value rows, one a problem, theme rows between."""
    side = _workbook([("台账", [
        ["中共某县农业农村局党组落实县委第二巡察组反馈意见整改台账"],
        ["序号", 1, 2, 3], ["问题类别", "党建方面", None, "作风方面"],
        ["反馈问题", "学习不深入", "记录不全", "接待不规范"], ["整改措施", "开展学习4次", "修订手册", "清退费用0.8万元"],
        ["完成情况", "已完成", "正在推进", "已完成"], ["整改成效汇总", "共清退费用0.8万元", None, None],
        ["填表人：张三　联系电话：0746-5523817"]], ["A1:D1", "B3:C3", "B7:D7", "A8:D8"])])
    text, ledger = _ledger_of(side, "t.xlsx")
    assert [t.title for t in ledger.themes] == ["党建方面", "作风方面"]
    assert [(i.theme_no, i.no, i.title, i.status) for i in ledger.items] == [
        (1, 1, "学习不深入", "done"), (1, 2, "记录不全", "in_progress"), (2, 3, "接待不规范", "done")]
    assert "合计：共清退费用0.8万元" in text and ledger.contacts == {"phone": "0746-5523817"}
    blocks = [["中共某区住建局党组巡察反馈问题整改落实情况台账"], ["注：绿灯表示已完成；黄灯表示正在推进；红灯表示进度滞后、未按期完成。"],
              ["一、党的建设方面"]]
    for no, problem, status in ((1, "学习不深入", "绿灯"), (2, "记录不全", "红灯")):
        blocks += [["问题序号", no], ["问题描述", problem], ["整改措施", "开展学习"], ["完成情况", status], [None, None]]
    blocks += [["二、作风建设方面"], ["问题序号", 3], ["问题描述", "接待不规范"], ["整改措施", "清退费用"], ["完成情况", "黄灯"]]
    text, ledger = _ledger_of(_workbook([("台账", blocks, ["A3:B3", "A14:B14"])]), "t.xlsx")
    assert [t.title for t in ledger.themes] == ["党的建设方面", "作风建设方面"]
    # the lights read through the sheet's own legend
    assert [(i.theme_no, i.no, i.title, i.status) for i in ledger.items] == [
        (1, 1, "学习不深入", "done"), (1, 2, "记录不全", "not_done"), (2, 3, "接待不规范", "in_progress")]


def test_a_summary_sheet_under_its_title_and_a_ledger_in_two_status_tables():
    """A 汇总 sheet whose header stands under a title row gives its 合计 in words and its prose; the ledger sheet's
    first table is headed 一、已完成整改的问题 above its header, the second 二、正在整改的问题, and a 说明 that counts
    the problems is the ledger's summary."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    for row in (["反馈问题整改情况汇总表"], ["类别", "问题数", "已完成", "未完成", "完成率"], ["党建方面", 2, 1, 1, 0.5],
                ["合计", 2, 1, 1, 0.5], ["整改成效：追缴违规资金12.5万元，收回闲置土地3.2亩。"]):
        ws.append(row)
    ws = wb.create_sheet("台账")
    for row in (["中共某县农业农村局党组落实县委第三巡察组反馈意见整改台账"], ["一、已完成整改的问题（1个）"],
                ["序号", "反馈问题", "整改措施", "责任单位"], [1, "学习不深入", "制定计划", "办公室"], [],
                ["二、正在整改的问题（1个）"], ["序号", "反馈问题", "整改措施", "责任单位"], [1, "项目滞后", "倒排工期", "项目办"],
                ["说明：反馈问题2个，已完成整改1个，正在整改1个。"]):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    text, ledger = _ledger_of(buf.getvalue(), "t.xlsx")
    assert "合计：问题数2个，已完成1个，未完成1个，完成率50%。" in text and "追缴违规资金12.5万元" in text
    assert [(i.no, i.status, i.status_raw) for i in ledger.items] == [(1, "done", "已完成整改"), (1, "in_progress", "正在整改")]
    assert ledger.themes == [] and (ledger.stated.total, ledger.stated.done) == (2, 1)


def test_formulas_are_text_never_evaluated():
    def payload(ws):
        ws["C5"] = '=HYPERLINK("http://evil.example/x","点击查看")'
        ws["H10"] = "=COUNTIF(H4:H9,\"已完成\")"
    text, ledger = _ledger_of(makers.forestry_ledger(extra=payload), "tz.xlsx")
    assert '2.=HYPERLINK("http://evil.example/x","点击查看")' in text
    assert ledger.items[1].title.startswith("=HYPERLINK(")


def test_unmapped_columns_show_the_header_and_read_with_the_users_mapping():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某某单位整改表"])
    ws.append(["编码", "存在的不足", "做了什么", "进度", "牵头"])
    ws.append(["A-1", "制度执行不严", "修订制度3项", "已完成", "办公室"])
    ws.append(["A-2", "台账不全", "补齐台账", "正在推进", "财务股"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(UnmappedSheet) as info:
        read_bytes(buf.getvalue(), "x.xlsx")
    assert info.value.header == ["编码", "存在的不足", "做了什么", "进度", "牵头"]
    assert info.value.code == "sheet_unmapped" and "指定各列" in info.value.zh and "map the columns" in info.value.en
    mapping = {1: "problem", 2: "measures", 3: "status", 4: "owner"}
    _, ledger = _ledger_of(buf.getvalue(), "x.xlsx", columns=mapping)
    assert [(i.title, i.status, i.responsible) for i in ledger.items] == [
        ("制度执行不严", "done", "办公室"), ("台账不全", "in_progress", "财务股")]


def _raw_xlsx(sheet_xml: bytes, compress=zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal workbook around one sheet's XML, written part by part (a million rows in a second)."""
    ct = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/>'
          b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          b'</Types>')
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          b'<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wrels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wrels)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buf.getvalue()


def _sheet_of_rows(n: int, varied: bool = False) -> bytes:
    """n rows of one cell: the same text (compresses a thousandfold) or random text (as a real sheet, ~3×)."""
    import random
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    rnd = random.Random(4)
    rows = (f'<row><c t="inlineStr"><is><t>{rnd.randbytes(12).hex() if varied else "x"}</t></is></c></row>'.encode()
            for _ in range(n))
    return head + b"".join(rows) + b"</sheetData></worksheet>"


def test_the_raw_workbook_maker_makes_a_readable_ledger():
    """The maker the hostile cases use writes a workbook the reader opens (so their refusals are the limits')."""
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ("序号", "反馈问题", "完成情况"))
    row = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ("1", "学习不深", "已完成"))
    xml = head + f"<row>{cells}</row><row>{row}</row>".encode() + b"</sheetData></worksheet>"
    assert read_bytes(_raw_xlsx(xml), "r.xlsx") == "1.学习不深\n整改结果：已完成"


@pytest.mark.parametrize(("xml", "code", "zh"), [
    # more rows than a ledger has: stops at the row cap while streaming, before the sheet is in memory
    (lambda: _sheet_of_rows(MAX_SHEET_ROWS + 5000, varied=True), "too_large", f"超过 {MAX_SHEET_ROWS} 行"),
    # a million alike rows: refused before reading, by their compression ratio
    (lambda: _sheet_of_rows(1_000_000), "too_large", "压缩比异常"),
    # a zip bomb: a few KB that inflate to 150 MB
    (lambda: _sheet_of_rows(1).replace(b"<sheetData>", b"<sheetData>" + b" " * (150 * 2**20)), "too_large", "解压后过大"),
], ids=["rows-over-the-cap", "million-rows", "zip-bomb"])
def test_hostile_workbooks_end_in_a_message(xml, code, zh):
    data = _raw_xlsx(xml())
    assert len(data) < 20 * 2**20
    t0 = time.perf_counter()
    with pytest.raises(ReadError) as info:
        read_bytes(data, "bomb.xlsx")
    assert info.value.code == code and zh in info.value.zh and info.value.en
    assert time.perf_counter() - t0 < 30   # a bound, loosely: the limits act before the work is done


@pytest.mark.parametrize(("data", "code"), [
    (lambda: makers.forestry_ledger()[:3000], "sheet_corrupt"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(4000), "sheet_corrupt"),
], ids=["truncated-xlsx", "ole-junk-named-workbook"])
def test_damaged_workbooks(data, code):
    with pytest.raises(ReadError) as info:
        read_bytes(data(), "t.xlsx")
    assert info.value.code == code and "Excel" in info.value.zh


@pytest.mark.parametrize(("text", "year", "want"), [
    ("2025年6月底前", None, "2025-06-30"),
    ("2024年2月底", None, "2024-02-29"),            # a leap year's February
    ("2024年5月31日", None, "2024-05-31"),
    ("2024年底", None, "2024-12-31"),
    # a period without its year: the report's
    ("年底前", 2025, "2025-12-31"), ("上半年", 2025, "2025-06-30"), ("第三季度", 2025, "2025-09-30"), ("年底前", None, None),
    ("2024年上半年", None, "2024-06-30"),
    ("2024年第三季度", None, "2024-09-30"),
    ("2024.6", None, "2024-06-30"),
    ("2024-06-15", None, "2024-06-15"),
    ("9月底前", 2024, "2024-09-30"),                # the report's year
    ("9月底前", None, None),                        # no year to take
    ("2024年3月至6月底", None, "2024-06-30"),       # the last date written
    ("长期坚持", None, None), ("立行立改", None, None), ("立行立改、长期坚持", None, None),
    ("持续推进，2024年6月底前取得阶段性成效", None, "2024-06-30"),
    ("", None, None), ("无", None, None),
    ("20240630", None, "2024-06-30"),              # a platform's export
    ("20241331", None, None),                      # no such month
    ("45473", None, "2024-06-30"),                 # an Excel date cell pasted as text: days since 1899-12-30
    ("12345", None, None),                         # a number before 2000 is no date
])
def test_deadline_date(text, year, want):
    assert deadline_date(text, year) == want


@pytest.mark.parametrize(("status", "deadline", "want"), [
    ("done", "2024-01-31", "done"), ("done", None, "done"),
    ("in_progress", "2024-06-29", "overdue"), ("not_done", "2024-06-29", "overdue"),
    ("in_progress", "2024-06-30", "due_soon"), ("unknown", "2024-07-30", "due_soon"),
    ("in_progress", "2024-07-31", "on_track"), ("in_progress", None, None),
])
def test_light(status, deadline, want):
    assert deadlines.light(status, deadline, dt.date(2024, 6, 30)) == want


def test_lights_count_from_each_reports_date_or_the_users():
    _, ledger = _ledger_of(makers.forestry_ledger(), "tz.xlsx")
    from lib.library.frames import items_frame
    items = items_frame([(7, ledger)])
    lights = deadlines.item_lights(items, None, {7: ledger.report_date})      # as of 2024-06-30
    assert lights == ["done", None, "on_track", "done", "done", "on_track"]
    later = deadlines.item_lights(items, dt.date(2024, 9, 15), {7: ledger.report_date})
    assert later == ["done", None, "on_track", "done", "done", "due_soon"]
    assert deadlines.light_counts(later) == {"overdue": 0, "due_soon": 1, "on_track": 1, "done": 3}
    no_date = deadlines.item_lights(items, None, {7: None}, today=dt.date(2025, 1, 1))
    assert no_date == ["done", None, "overdue", "done", "done", "overdue"]
    assert not deadlines.has_deadlines(pd.DataFrame({"deadline": [None, None]}))


_HEAD = ["序号", "问题类别", "问题描述", "整改措施", "整改成效", "责任单位"]


def test_a_workbook_split_by_status_into_sheets():
    """A cover sheet of counts, then one sheet per status (已完成 | 正在整改) and no status column: each problem takes
    its sheet's status; a category on both sheets is one theme; the cover's statistics table by status says its 合计
    and its paragraphs are the opening, its title the report's (not the sheets' own titles, which name a part)."""
    cover = [["中共某县住建局党组关于县委第二巡察组巡察反馈问题整改落实情况台账"], ["一、基本情况"],
             ["截至2025年4月30日，3个问题已完成整改2个，正在整改1个。"], [], [], [],
             ["整改状态", "问题数（个）", "问题序号", "占比", "对应工作表"], ["已完成", 2, "1、3", 0.6667, "已完成"],
             ["正在整改", 1, "2", 0.3333, "正在整改"], ["合计", 3, "—", 1, None]]
    done = [["某县住建局巡察整改台账（已完成）"], _HEAD,
            [1, "党建方面", "学习不深入", "制定计划", "追回资金3.2万元", "办公室"],
            [3, "作风方面", "公车私用", "清查车辆", "收回车辆2辆", "办公室"]]
    going = [["某县住建局巡察整改台账（正在整改）"], _HEAD, [2, "党建方面", "支部不规范", "整顿支部", "整顿支部3个", "机关党委"]]
    text, ledger = _ledger_of(_workbook([("封面", cover, ["A1:E1"]), ("已完成", done, []), ("正在整改", going, [])]), "t.xlsx")
    assert ledger.title == "中共某县住建局党组关于县委第二巡察组巡察反馈问题整改落实情况台账"
    assert [(i.no, i.theme_no, i.status, i.status_raw) for i in ledger.items] == [
        (1, 1, "done", "已完成"), (3, 2, "done", "已完成"), (2, 1, "in_progress", "正在整改")]
    assert [t.title for t in ledger.themes] == ["党建方面", "作风方面"]
    assert "合计：问题数3个，占比100%。" in text and "已完成：问题数2个" not in text
    assert (ledger.stated.total, ledger.stated.done, ledger.stated.in_progress) == (3, 2, 1)


def test_two_linked_sheets_make_one_ledger_and_a_sheet_of_choices_says_nothing():
    """问题清单 and 措施清单 linked by 问题编号 (a code with a stray space, a measure listed out of order): each problem
    with its measures, their 完成情况 its progress; the 下拉选项 sheet only lists the ledger's choices."""
    problems = [["中共某区农业农村局党组巡察整改台账"], ["问题编号", "问题类别", "问题描述", "责任单位", "整改时限", "整改状态"],
                ["XC-01", "党建方面", "学习不深入", "办公室", "2025-03-31", "已完成"],
                ["XC-02", "党建方面", "支部不规范", "机关党委", "2025-06-30", "正在整改"]]
    measures = [["整改措施清单"], ["问题编号", "措施序号", "整改措施", "完成情况"],
                ["XC-01", 1, "制定学习计划", "已完成。开展学习12次。"], ["XC-02 ", 1, "整顿支部", "正在推进。整顿支部3个。"],
                ["XC-01", 2, "追回违规资金", "已完成。追回资金5.6万元。"]]
    choices = [["问题类别", "整改状态", "责任单位"], ["党建方面", "已完成", "办公室"], [None, "正在整改", "机关党委"]]
    text, ledger = _ledger_of(_workbook([("问题清单", problems, []), ("措施清单", measures, []), ("下拉选项", choices, [])]),
                              "t.xlsx")
    assert [(i.no, i.status, i.responsible) for i in ledger.items] == [(1, "done", "办公室"), (2, "in_progress", "机关党委")]
    assert [q.item_seq for q in ledger.quantities if q.unit == "万元"] == [1]
    assert "整顿支部3个" in "".join(ledger.items[1].measures)
    assert "问题类别" not in text.split("（一）")[0]   # the choices' sheet gave no line


def test_one_row_a_measure_with_the_problems_code_and_a_status_each():
    """A platform's export: 序号 numbers the rows, the problem's code and words repeat on each of its measures, each
    measure has its own status: a problem is done when all its measures are, not begun when none is."""
    rows = [["序号", "问题编号", "问题描述", "措施编号", "整改措施", "措施状态", "整改进展"],
            ["1", "WT-01", "审批时限偏长", "WT-01-01", "压缩时限", "已完成", "压缩至1个工作日"],
            ["2", "WT-01", "审批时限偏长", "WT-01-02", "证照分离", "已完成", "梳理事项106项"],
            ["3", "WT-02", "食堂监管薄弱", "WT-02-01", "专项检查", "已完成", "检查412家次"],
            ["4", "WT-02", "食堂监管薄弱", "WT-02-02", "包保责任", "进行中", "落实包保"],
            ["5", "WT-03", "平台建设滞后", "WT-03-01", "建设平台", "未开始", "—"]]
    data = "\r\n".join(",".join(r) for r in [["某局巡察整改台账"]] + rows).encode("utf-8-sig")
    _, ledger = _ledger_of(data, "t.csv")
    assert [(i.no, i.status, i.status_raw) for i in ledger.items] == [
        (1, "done", "已完成"), (2, "in_progress", "已完成；进行中"), (3, "not_done", "未开始")]


def test_a_block_merged_across_and_down_is_said_once_and_marks_read_by_the_note():
    """整改措施|整改成效 merged into one cell over problems 2 and 3: its words are problem 2's, once; the statuses are
    marks (√ △ ×) that the 注 under the table reads."""
    rows = [["中共某厅党组巡视整改落实情况台账"], ["序号", "反馈问题", "整改措施", "整改成效", "完成情况"],
            [1, "学习不深入", "制定计划", "开展学习5次", "√"],
            [2, "补贴发放不规范", "专项清查，追回补贴资金12.6万元", None, "△"],
            [3, "农机补贴套取", None, None, "×"],
            ["注：“完成情况”栏中“√”表示已完成，“△”表示正在推进，“×”表示未完成。"]]
    _, ledger = _ledger_of(_workbook([("台账", rows, ["C4:D5", "A6:E6"])]), "t.xlsx")
    assert [(i.no, i.status, i.status_raw) for i in ledger.items] == [
        (1, "done", "√"), (2, "in_progress", "△"), (3, "not_done", "×")]
    money = [(q.value, q.item_seq) for q in ledger.quantities if q.unit == "万元"]
    assert money == [(12.6, 2)]


def test_a_second_rounds_ledger_reads_this_rounds_columns():
    """上轮状态 | 上轮整改成效 beside 本轮状态 | 本轮整改成效: the status is this round's, the earlier round's columns
    are kept as a line of their own whose figures are the first round's, and its 合计's 上轮已报送 part too."""
    rows = [["中共某县林业局党组巡察整改“回头看”情况台账"],
            ["序号", "反馈问题", "整改措施", "上轮状态", "上轮整改成效", "本轮状态", "本轮整改成效"],
            [1, "植被恢复费征收不到位", "逐项目清理", "正在推进", "已追缴植被恢复费86.4万元。", "已完成", "追缴剩余欠缴的植被恢复费26万元。"],
            [2, "一岗双责落实不到位", "签订责任书", "已完成", "签订责任书12份。", "整改反弹，重新整改", "对2名负责人进行批评教育。"],
            ["合计", "上轮已报送：追缴资金86.4万元", None, None, None, "本轮新增：追缴资金26万元", None]]
    _, ledger = _ledger_of(_workbook([("台账", rows, [])]), "t.xlsx")
    assert [(i.no, i.status) for i in ledger.items] == [(1, "done"), (2, "in_progress")]
    h = totals.for_ledgers([(1, ledger)])
    assert h.value("recovered_wan") == 26


def test_a_ledger_in_blocks_with_subtotals_a_total_and_progress_as_percents():
    """Each theme's own header and 小计, a 总计 at the end (both the items' sums), 完成进度 as a percent (100% done,
    0% not begun), a 备注 breaking down its row's figure, and deadlines of a period without a year."""
    rows = [["中共某县农业农村局党组巡察整改台账"], ["填报单位：某县农业农村局  巡察反馈时间：2024年11月28日  填报日期：2025年4月15日"],
            ["一、决策部署方面"], ["序号", "问题表现", "整改措施", "整改成效", "完成进度", "整改时限", "备注"],
            [1, "撂荒地整治缓慢", "推进复耕", "复耕撂荒地100亩。", "100%", "年底前", None],
            [2, "补贴冒领", "追回补贴", "追回补贴资金38.74万元。", "60%", "第二季度", "其中2024年12月前已追回21.3万元"],
            ["小计", "追回资金38.74万元，复耕100亩。", None, None, None, None, None],
            ["二、作风方面"], ["序号", "问题表现", "整改措施", "整改成效", "完成进度", "整改时限", "备注"],
            [3, "违规接待", "清退费用", "清退接待费用1.2万元。", "0%", "上半年", None],
            ["小计", "清退资金1.2万元。", None, None, None, None, None],
            ["总计", "追回、清退资金39.94万元，复耕100亩。", None, None, None, None, None]]
    _, ledger = _ledger_of(_workbook([("台账", rows, [])]), "t.xlsx")
    assert ledger.feedback_date == "2024-11-28" and ledger.report_date == "2025-04-15"
    assert [(i.no, i.status, i.deadline) for i in ledger.items] == [
        (1, "done", "2025-12-31"), (2, "in_progress", "2025-06-30"), (3, "not_done", "2025-06-30")]
    h = totals.for_ledgers([(1, ledger)])
    assert (h.value("recovered_wan"), h.value("land_mu")) == (pytest.approx(39.94), 100)


def test_the_category_written_before_the_problem_in_its_cell():
    """【…方面】 at the head of the problem's cell is its category, a theme, not part of its title."""
    rows = [["中共某区住建局党组巡察整改台账"], ["序号", "反馈问题", "整改措施", "整改进展"],
            [1, "【决策部署方面】老旧小区改造缓慢", "①倒排工期②挂图作战", "已完成。改造小区12个。"],
            [2, "【决策部署方面】维修资金监管不严", "①清查资金", "正在推进。"],
            [3, "【全面从严治党方面】违规收取保证金", "①清退保证金", "已完成。"]]
    _, ledger = _ledger_of(_workbook([("台账", rows, [])]), "t.xlsx")
    assert [t.title for t in ledger.themes] == ["决策部署方面", "全面从严治党方面"]
    assert [(i.no, i.theme_no, i.title, i.status) for i in ledger.items] == [
        (1, 1, "老旧小区改造缓慢", "done"), (2, 1, "维修资金监管不严", "in_progress"), (3, 2, "违规收取保证金", "done")]
