"""Other layouts of the genre: sections as themes, status in the title, 问题N, ledger tables in .docx/.html."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from lib.ledger.parse import parse_text
from lib.read.readers import read_bytes
from lib.views import totals

FIXTURES = Path(__file__).parents[1] / "fixtures"


def parse_fixture(name: str):
    return parse_text((FIXTURES / name).read_text(encoding="utf-8"))


def test_sections_as_themes_and_paren_items():
    # 一、关于…方面 > （一）item > 整改措施 / 整改进展; an organizing section with 1. 2. paragraphs first
    ledger = parse_fixture("layout_sections.txt")
    assert [(t.no, t.title) for t in ledger.themes] == [(1, "关于贯彻落实党的路线方针政策方面"), (2, "关于全面从严治党方面")]
    assert [(i.theme_no, i.no, i.status, i.status_raw) for i in ledger.items] == [
        (1, 1, "done", "已完成"), (1, 2, "in_progress", "持续整改"),
        (2, 1, "done", "已完成整改"), (2, 2, "not_done", "未完成")]
    assert len(ledger.items[0].measures) == 2          # 一是 二是
    figs = {(q.item_seq, q.label, q.value) for q in ledger.quantities if q.item_seq}
    assert {(3, "党内警告", 1.0), (3, "诫勉谈话", 2.0), (3, "清退违规发放津补贴", 12.5)} <= figs
    assert ledger.report_date == "2023-10-08" and ledger.contacts["phone"] == "0371-12345678"


def test_status_in_title_and_prose_measures():
    ledger = parse_fixture("layout_status_in_title.txt")
    assert [(i.no, i.status, i.title) for i in ledger.items] == [
        (1, "done", "“第一议题”制度落实不到位"), (2, "done", "重大事项请示报告不及时"),
        (3, "in_progress", "土地出让金欠缴"), (4, "done", "违规审批用地")]
    assert [len(i.measures) for i in ledger.items] == [1, 1, 1, 1]   # the signature is not a measure
    assert ledger.publisher == "中共某某县自然资源局党组"          # from the signature: the title has none
    s = ledger.stated
    assert (s.total, s.done, s.in_progress, s.completion_rate) == (12, 10, 2, 83.3)
    assert any("报告称问题总数 12 个，解析出 4 个" == w for w in ledger.warnings)


LEDGER_ROWS = [
    ["序号", "问题类别", "反馈问题", "整改措施", "完成情况", "责任单位"],
    ["1", "政治建设", "理论学习不深入", "制定学习计划，开展专题研讨3次", "已完成", "办公室"],
    ["2", "政治建设", "意识形态责任制落实不到位", "修订责任清单", "阶段性完成", "宣传科"],
    ["3", "作风建设", "违规发放津补贴", "清退违规资金8.6万元", "已完成", "财务科"],
]


def ledger_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("中共某某局党组关于巡察整改情况的通报")
    d.add_paragraph("根据区委统一部署，2024年3月1日至4月30日，区委第一巡察组对某某局党组进行了巡察。")
    table = d.add_table(rows=len(LEDGER_ROWS), cols=len(LEDGER_ROWS[0]))
    for r, row in enumerate(LEDGER_ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def ledger_html() -> bytes:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in LEDGER_ROWS)
    return ("<html><body><h1>中共某某局党组关于巡察整改情况的通报</h1>"
            "<p>根据区委统一部署，2024年3月1日至4月30日，区委第一巡察组对某某局党组进行了巡察。</p>"
            f"<table>{cells}</table></body></html>").encode("utf-8")


@pytest.mark.parametrize("make,name", [(ledger_docx, "ledger.docx"), (ledger_html, "ledger.html")])
def test_ledger_tables(make, name):
    ledger = parse_text(read_bytes(make(), name))
    assert [(t.no, t.title) for t in ledger.themes] == [(1, "政治建设"), (2, "作风建设")]
    assert [(i.no, i.theme_no, i.title, i.status) for i in ledger.items] == [
        (1, 1, "理论学习不深入", "done"), (2, 1, "意识形态责任制落实不到位", "in_progress"),
        (3, 2, "违规发放津补贴", "done")]
    assert ledger.items[0].measures == ["制定学习计划，开展专题研讨3次"]   # 责任单位 is not a measure
    assert any(q.value == 8.6 and "recovery" in q.tags for q in ledger.quantities)


def test_a_table_that_is_not_a_ledger_is_read_cell_by_cell():
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "姓名", (0, 1): "职务", (1, 0): "张三", (1, 1): "局长"}.items():
        t.cell(r, c).text = text
    buf = io.BytesIO()
    d.save(buf)
    assert read_bytes(buf.getvalue(), "x.docx").split("\n") == ["姓名", "职务", "张三", "局长"]


def test_problem_n_items_with_chinese_numbers():
    text = ("（一）关于政治建设方面\n问题一：学习不深入。\n整改情况：一是制定计划。二是开展研讨。\n完成情况：已完成\n"
            "问题二：制度执行不严。\n整改情况：修订制度。\n完成情况：正在整改\n")
    ledger = parse_text(text)
    assert [(i.no, i.status, len(i.measures)) for i in ledger.items] == [(1, "done", 2), (2, "in_progress", 1)]


# Items laid out in a Word table as label | content rows, a theme row merged across the table (s03)
RECORD_ROWS = [
    ("（一）政治建设方面", None),
    ("问题1", "耕地保护责任落实不到位。"), ("整改措施", "1.建立问题图斑台账；\n2.复垦复耕违法占用耕地42.6亩；\n3.建立巡查机制。"),
    ("整改时限", "2024年6月30日"), ("完成情况", "已完成"),
    ("问题2", "村庄规划覆盖率低。"), ("整改措施", "1.加快规划报批；\n2.推进村庄规划编制。"),
    ("完成情况", "阶段性完成，持续推进"),
]


def records_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("中共某县自然资源局党组关于巡察整改进展情况的通报")
    table = d.add_table(rows=len(RECORD_ROWS), cols=2)
    for r, (left, right) in enumerate(RECORD_ROWS):
        if right is None:
            table.cell(r, 0).merge(table.cell(r, 1)).text = left
            continue
        table.cell(r, 0).text = left
        cell = table.cell(r, 1)
        lines = right.split("\n")
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_items_as_label_content_rows():
    ledger = parse_text(read_bytes(records_docx(), "records.docx"))
    assert [(t.no, t.title) for t in ledger.themes] == [(1, "政治建设方面")]
    assert [(i.no, i.title, i.status, len(i.measures)) for i in ledger.items] == [
        (1, "耕地保护责任落实不到位", "done", 3), (2, "村庄规划覆盖率低", "in_progress", 2)]
    assert any(q.value == 42.6 and q.unit == "亩" and q.item_no == 1 for q in ledger.quantities)


def test_numbered_measures_on_their_own_lines_before_the_progress_line():
    # (s10) the last （N） before 整改进展：已完成 is a measure, not a sub-problem
    text = ("（一）关于政治建设方面\n1.学习不深入。\n整改措施：\n（1）制定计划。\n（2）开展研讨。\n整改进展：已完成。\n"
            "2.制度执行不严。\n整改措施：\n（1）修订制度。\n（2）开展检查。\n（3）通报问题。\n整改进展：正在推进。\n")
    ledger = parse_text(text)
    assert [(i.no, i.status, len(i.measures)) for i in ledger.items] == [(1, "done", 2), (2, "in_progress", 3)]


def test_a_web_ledger_with_theme_rows_across_it_and_a_status_over_its_reason():
    """A theme in one cell across the table (colspan) is a theme, not an item; "未完成" over its reason in one
    cell is the status, the reason what was done."""
    page = ("<html><body><h1>中共某某局党组关于巡察整改情况的通报</h1>"
            "<p>根据区委统一部署，2024年3月1日至4月30日，区委第一巡察组对某某局党组进行了巡察。</p><table>"
            "<tr><th>序号</th><th>反馈问题</th><th>整改措施</th><th>完成情况</th></tr>"
            '<tr><td colspan="4">一、落实全面从严治党方面</td></tr>'
            "<tr><td>1</td><td>违规发放津补贴</td><td>清退违规资金8.6万元</td><td>已完成</td></tr>"
            '<tr><td colspan="4">二、巡察整改方面</td></tr>'
            "<tr><td>2</td><td>历史遗留土地确权长期未解决</td><td>梳理土地4宗</td>"
            "<td><p>未完成</p><p>（涉及改制职工安置，待县政府确定方案后启动确权）</p></td></tr>"
            "</table></body></html>").encode("utf-8")
    ledger = parse_text(read_bytes(page, "ledger.html"))
    assert [t.title for t in ledger.themes] == ["落实全面从严治党方面", "巡察整改方面"]
    assert [(i.no, i.theme_no, i.title, i.status, i.status_raw) for i in ledger.items] == [
        (1, 1, "违规发放津补贴", "done", "已完成"), (2, 2, "历史遗留土地确权长期未解决", "not_done", "未完成")]
    assert any("待县政府确定方案" in m for m in ledger.items[1].measures)


def test_a_closing_paragraph_ends_the_last_item_and_a_status_may_close_an_items_first_paragraph():
    text = ("中共某大学委员会关于巡视整改进展情况的通报\n"
            "一、关于落实全面从严治党的问题\n"
            "（一）经费管理不规范。学校清退违规报销的科研经费136,248元。（已完成）\n"
            "学校同时修订了科研经费管理办法。\n"
            "（二）校地被占用。依法收回被占用校地47.5亩。（持续推进）\n"
            "通过前一阶段集中整改，学校累计清退各类资金136,248元，依法收回校地47.5亩。\n"
            "中共某大学委员会\n2025年1月24日\n")
    ledger = parse_text(text)
    assert [(i.no, i.status, i.status_raw) for i in ledger.items] == [(1, "done", "已完成"),
                                                                       (2, "in_progress", "持续推进")]
    # the closing's figures belong to no item
    closing = [q for q in ledger.quantities if q.text.startswith("通过前一阶段")]
    assert len(closing) == 2 and all(q.item_seq is None for q in closing)


def test_a_feedback_date_whose_sentence_a_phone_copy_broke():
    text = ("中共某街道工作委员会关于区委巡察整改进展情况的通报\n"
            "根据区委统一部署，2024年4月15日至5月31日，区委第二巡察组对某街道党工委开展了常规巡察。2024年6月28日，区委第二巡察组向街道党工委\n"
            "反馈了巡察意见。\n"
            "截至2024年9月30日，区委第二巡察组反馈的14个问题，已完成整改11个。\n")
    ledger = parse_text(text)
    assert (ledger.inspection_start, ledger.inspection_end, ledger.feedback_date) == ("2024-04-15", "2024-05-31",
                                                                                     "2024-06-28")


def test_a_statistics_table_gives_each_number_the_unit_its_header_names():
    """被巡察单位 | 反馈问题（个） | 已整改（个） | 整改率 | 追缴资金（万元）: each row a sentence with its figures."""
    page = ("<html><body><h1>中共某市委巡察工作领导小组办公室关于市委第六轮巡察集中整改情况的通报</h1>"
            "<p>市委第六轮巡察共反馈问题46个，已整改43个，整改率93.5%。</p><table>"
            "<tr><th>序号</th><th>被巡察单位</th><th>反馈问题（个）</th><th>已整改（个）</th><th>整改率</th>"
            "<th>追缴资金（万元）</th></tr>"
            "<tr><td>1</td><td>市教育局</td><td>20</td><td>19</td><td>95.0%</td><td>9.86</td></tr>"
            "<tr><td>2</td><td>市城市管理局</td><td>26</td><td>24</td><td>92.3%</td><td>—</td></tr>"
            "<tr><td>合计</td><td></td><td>46</td><td>43</td><td>93.5%</td><td>9.86</td></tr>"
            "</table></body></html>").encode("utf-8")
    text = read_bytes(page, "round.html")
    assert "市教育局：反馈问题20个，已整改19个，整改率95.0%，追缴资金9.86万元。" in text.split("\n")
    assert "市城市管理局：反馈问题26个，已整改24个，整改率92.3%。" in text.split("\n")   # "—" is no figure
    ledger = parse_text(text)
    assert (ledger.stated.total, ledger.stated.done) == (46, 43)
    money = [q for q in ledger.quantities if q.kind == "money"]
    assert [(q.value, q.label) for q in money] == [(9.86, "追缴资金"), (9.86, "追缴资金")]


def test_sub_problems_with_their_own_status_lines_under_three_levels_of_headings():
    """一、> （一）area > 1.problem > （1）sub-problem with 整改情况：已完成: the sub-problems are the items, and a
    problem without sub-problems is one item."""
    text = ("中共某集团有限公司委员会关于巡视整改进展情况的通报\n"
            "一、关于贯彻落实党中央决策部署方面\n（一）服务全省重大战略方面\n"
            "1.服务城乡融合发展功能定位不够清晰\n（1）主业聚焦不够。\n清理退出非主业参股企业7户。\n整改情况：已完成\n"
            "（2）保障性住房建设推进滞后。\n建立周调度机制。\n整改情况：正在推进\n"
            "2.存量土地资源盘活利用不充分\n盘活存量土地2,138亩。\n整改情况：已完成\n"
            "中共某集团有限公司委员会\n2025年1月10日\n")
    ledger = parse_text(text)
    assert [(i.title, i.status) for i in ledger.items] == [
        ("主业聚焦不够", "done"), ("保障性住房建设推进滞后", "in_progress"), ("存量土地资源盘活利用不充分", "done")]


def test_a_status_said_in_the_items_last_sentence():
    text = ("中共某县委关于巡察整改进展情况的通报\n一、党的建设方面存在的问题\n"
            "（一）闲置土地处置缓慢。整改措施：\n1．开展专项清理。\n2．收回闲置土地326.5亩。该问题已基本完成整改，将持续巩固。\n"
            "（二）惠民资金监管不严。整改措施：\n1．追回资金15.38万元。\n目前，该问题已整改完成。\n")
    ledger = parse_text(text)
    assert [i.status for i in ledger.items] == ["in_progress", "done"]


def test_a_ledger_whose_header_takes_two_rows():
    """整改情况 over 完成情况 | 完成时间, the other header cells across both rows: the status is the 完成情况 column,
    and 长期 under 完成时间 is a deadline."""
    page = ("<html><body><h1>中共某医院委员会关于巡视整改进展情况的通报</h1><table>"
            '<tr><th rowspan="2">序号</th><th rowspan="2">反馈问题</th><th rowspan="2">整改措施</th>'
            '<th colspan="2">整改情况</th><th rowspan="2">责任部门</th></tr>'
            "<tr><th>完成情况</th><th>完成时间</th></tr>"
            "<tr><td>1</td><td>医保基金使用不规范</td><td>追回违规使用医保基金126.35万元</td><td>已完成</td>"
            "<td>长期</td><td>医保办</td></tr>"
            "<tr><td>2</td><td>耗材采购监管不严</td><td>修订采购制度</td><td>持续推进</td><td>2024年8月</td>"
            "<td>采购中心</td></tr></table></body></html>").encode("utf-8")
    ledger = parse_text(read_bytes(page, "ledger.html"))
    assert [(i.no, i.title, i.status, i.status_raw) for i in ledger.items] == [
        (1, "医保基金使用不规范", "done", "已完成"), (2, "耗材采购监管不严", "in_progress", "持续推进")]


def test_the_central_manner_without_numbered_problems_has_areas_not_items():
    """二、's （一）…（三） each told in one paragraph of 一是…二是…, the 37 problems only counted: they are the
    feedback's areas (themes), and completion comes from the stated tasks."""
    areas = "".join(f"（{cn}）第{cn}方面的整改。一是建立机制。二是追回资金{n}.5万元。\n" for n, cn in enumerate("一二三", 1))
    text = ("中共某集团有限公司党组关于巡视整改进展情况的通报\n"
            "中央巡视反馈的3个方面12类37个问题，细化为156项整改任务，已完成148项，其余8项正在推进。\n"
            "一、提高政治站位\n党组召开会议12次。\n二、聚焦反馈问题，推动巡视整改落地见效\n" + areas +
            "三、持续巩固深化巡视整改成果\n一是坚持不懈。\n")
    ledger = parse_text(text)
    assert ledger.items == []
    assert [t.title for t in ledger.themes] == ["第一方面的整改", "第二方面的整改", "第三方面的整改"]
    h = totals.for_ledgers([(1, ledger)])
    assert (h.completion.done, h.completion.total, h.completion.source) == (148, 156, "stated")


def test_the_central_manner_with_its_areas_as_paragraphs_and_a_rate_only():
    """二、's areas told as paragraphs "一是关于…的问题。…" (no heading, no numbered problem), 一、's 一是…三是 how the
    work was organised: the areas are the themes, there are no items, and the progress is its printed rate, on
    the tasks its words name."""
    text = ("中国某能源集团有限公司党组关于二十届中央第三轮巡视整改进展情况的通报\n"
            "根据中央统一部署，中央第十一巡视组对集团公司党组进行了常规巡视。\n"
            "一、提高政治站位，以有力有效的组织领导推动巡视整改落地见效\n"
            "一是强化组织领导。党组召开会议11次。\n二是细化整改方案。\n三是压实整改责任。\n"
            "截至2024年12月底，集中整改阶段整改任务完成率达96.3%。\n"
            "二、坚持问题导向，推动巡视反馈问题逐项整改到位\n"
            "一是关于贯彻落实党中央重大决策部署不够有力的问题。关停小火电机组6台。\n"
            "二是关于防范化解重大风险不到位的问题。收回土地使用费1.42亿元。\n"
            "三、持续深化巡视整改，以整改实效推动高质量发展\n党组将持续用力。\n")
    ledger = parse_text(text)
    assert ledger.items == []
    assert [t.title for t in ledger.themes] == ["关于贯彻落实党中央重大决策部署不够有力的问题",
                                                "关于防范化解重大风险不到位的问题"]
    assert (ledger.stated.completion_rate, ledger.stated.level) == (96.3, "tasks")


@pytest.mark.parametrize(("closing", "status"), [
    ("目前仍有部分问题正在整改。", "in_progress"),      # part of it under way is the item's status
    ("目前该问题已整改到位。", "done"),
    ("已完成3个村的清理。", "unknown"),                 # a measure, not a status
])
def test_a_status_said_of_part_of_the_item_in_its_last_sentence(closing, status):
    text = ("中共某街道工作委员会关于巡察整改情况的通报\n二、反馈问题整改情况\n（一）党的建设方面\n"
            "问题1：学习不深入。\n整改情况：开展学习4期。已整改到位。\n"
            f"问题2：上轮巡察反馈问题整改不彻底。\n整改情况：建立台账、挂图作战，{closing}\n")
    assert [i.status for i in parse_text(text).items] == ["done", status]


def test_a_figure_whose_unit_a_phone_copy_broke_onto_the_next_line():
    text = ("中共某街道工作委员会关于巡察整改情况的通报\n问题1：低保审核把关不严。\n"
            "整改情况：清退违规领取的低保金和救助资金共计4.68\n万元。已整改到位。\n"
            "问题2：学习不深入。\n整改情况：开展学习4\n期。已整改到位。\n")
    got = read_bytes(text.encode("utf-8"), "r.txt")
    assert "共计4.68万元。" in got and "开展学习4\n期" in got     # 期 is no unit a figure is cut from
    money = [q for q in parse_text(got).quantities if q.unit == "万元"]
    assert [(q.value, q.item_no) for q in money] == [(4.68, 1)]


def test_the_title_names_the_publisher_short_the_signature_in_full():
    text = ("中共澜川市委关于省委巡视整改进展情况的通报\n根据省委统一部署，2023年4月10日至6月20日，省委第六巡视组对澜川市"
            "开展了常规巡视。\n一、某方面\n（一）学习不深入。整改进展：开展学习。\n完成进度：100%\n中共澜川市委员会\n2024年3月15日\n")
    ledger = parse_text(text)
    assert (ledger.publisher, ledger.report_date) == ("中共澜川市委员会", "2024-03-15")
    assert [i.status for i in ledger.items] == ["done"]


def test_a_central_inspection_of_one_round_keeps_its_areas():
    """二十届中央第三轮巡视 names a round, but areas worded 关于…方面 are the feedback's, not a round summary's work."""
    areas = "".join(f"（{cn}）关于第{cn}个方面\n一是建立机制。二是追回资金{n}.5万元。\n" for n, cn in enumerate("一二三", 1))
    text = ("中共南岭省委关于二十届中央第三轮巡视整改进展情况的通报\n"
            "中央巡视组反馈的3个方面32个问题，细化为218项整改任务，已完成196项，其余22项正在推进。\n"
            "一、省委履行巡视整改主体责任情况\n省委召开会议9次。\n二、中央巡视反馈问题整改落实情况\n" + areas +
            "三、下一步工作安排\n一是坚持不懈。\n")
    ledger = parse_text(text)
    assert ledger.items == []
    assert [t.title for t in ledger.themes] == ["关于第一个方面", "关于第二个方面", "关于第三个方面"]


def test_long_term_items_the_reports_own_counts_put_among_the_done():
    # 已整改到位3个，正在整改1个 over 2 已完成, 1 长期坚持, 1 正在整改: the report counts 长期坚持 as done
    items = "".join(f"{n}.问题{n}\n整改措施：整改。\n完成情况：{s}\n" for n, s in enumerate(["已完成", "长期坚持", "已完成", "正在整改"], 1))
    ledger = parse_text("中共某镇委员会关于巡察整改进展情况的通报\n反馈问题4个，已整改到位3个，正在整改1个。\n" + items)
    assert [i.status for i in ledger.items] == ["done", "done", "done", "in_progress"]
    # ... and not when its counts say otherwise (已整改到位2个，正在整改2个)
    ledger = parse_text("中共某镇委员会关于巡察整改进展情况的通报\n反馈问题4个，已整改到位2个，正在整改2个。\n" + items)
    assert [i.status for i in ledger.items] == ["done", "in_progress", "done", "in_progress"]


def test_a_ledger_pasted_into_word_as_tab_separated_lines():
    lines = ["序号\t反馈问题\t整改措施\t完成情况", "1\t学习不深入\t制定计划\t已完成", "2\t制度不健全\t修订制度\t正在整改"]
    document = docx.Document()
    document.add_paragraph("中共某镇委员会关于巡察整改进展情况的通报")
    for line in lines:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    ledger = parse_text(read_bytes(buf.getvalue(), "ledger.docx"))
    assert [(i.no, i.title, i.status) for i in ledger.items] == [(1, "学习不深入", "done"), (2, "制度不健全", "in_progress")]


def test_a_ledger_annexed_after_the_signature():
    """The body gives the opening and the totals, the ledger comes after the signature as 附件…一览表: the items are
    the annex's, the contacts still the closing's, and the summary's totals stay outside every item."""
    text = ("中共某县发展和改革局党组关于巡察整改进展情况的通报\n根据县委统一部署，县委第二巡察组对县发展和改革局党组开展了常规巡察。\n"
            "一、整改工作组织落实情况\n局党组先后召开党组会议9次。\n二、整改工作进展及成效\n"
            "巡察反馈的2个方面3个问题，已完成整改2个，其余1个正在推进。整改期间，共收回、追回各类资金50万元。\n"
            "联系电话：0795-7216358；通信地址：某县人民路88号县发展和改革局办公室，邮编：415900。\n"
            "中共某县发展和改革局党组\n2024年11月20日\n"
            "附件：县发展和改革局巡察反馈问题整改情况一览表\n（一）贯彻落实决策部署不够到位\n1.学习不够深入。\n"
            "整改措施：开展专题学习6次。\n整改情况：已完成\n2.项目储备不足。\n整改措施：收回闲置资金30万元。\n整改情况：未到时限\n"
            "（二）全面从严治党不够有力\n3.资金管理不规范。\n整改措施：追回项目补助资金20万元。\n整改情况：已完成\n")
    led = parse_text(text)
    assert [(i.no, i.theme_no, i.status) for i in led.items] == [(1, 1, "done"), (2, 1, "in_progress"), (3, 2, "done")]
    assert [t.title for t in led.themes] == ["贯彻落实决策部署不够到位", "全面从严治党不够有力"]
    assert led.report_date == "2024-11-20" and led.contacts.get("phone") == "0795-7216358"
    assert led.contacts.get("mail") == "某县人民路88号县发展和改革局办公室"      # without its postcode
    assert [q.item_seq for q in led.quantities if q.unit == "万元"] == [None, 2, 3]


def test_a_ledger_under_a_part_titled_like_the_organisation():
    """"二、整改落实总体情况" reads like how the work was organised, but the ledger follows it, each item with its
    status line: its items are items. The numbered paragraphs of 一、 stay out."""
    text = ("名　称：中共某县委关于省委巡视整改进展情况的通报\n中共某县委关于省委巡视整改进展情况的通报\n"
            "根据省委统一部署，省委第五巡视组对某县进行了常规巡视。\n一、组织整改落实情况\n1.强化组织领导。成立领导小组。\n"
            "二、整改落实总体情况\n截至目前，反馈的2个问题，已完成整改1个。\n（一）贯彻落实决策部署方面\n1.学习不够深入\n"
            "整改情况：开展专题学习9次。\n整改结果：已完成\n2.发展力度不够\n整改情况：设立引导资金。\n整改结果：阶段性完成\n")
    led = parse_text(text)
    assert [(i.no, i.title, i.status) for i in led.items] == [(1, "学习不够深入", "done"), (2, "发展力度不够", "in_progress")]
    assert led.title == "中共某县委关于省委巡视整改进展情况的通报"


def test_unnumbered_items_opened_by_a_bracketed_problem_label():
    # 【反馈问题】 opens each item, which has no number: the items are numbered by their position; the theme's
    # "（共2个问题）" annotates its title and is not the report's stated total
    text = ("某开发区党工委关于巡察整改进展情况的通报\n"
            "巡察组共反馈2个方面3个问题。上述问题中，已整改完成2个，正在按计划推进1个。\n"
            "一、党的建设方面（共2个问题）\n"
            "【反馈问题】理论学习不够深入。\n【整改措施】制定学习计划。\n【整改进展】目前已整改完成，需长期坚持。开展专题学习4次。\n"
            "【反馈问题】组织生活不规范。\n【整改措施】规范三会一课。\n【整改进展】正在按计划推进。已整改支部2个。\n"
            "二、重点领域方面（共1个问题）\n"
            "【反馈问题】土地出让金欠缴。\n【整改措施】成立专班。\n【整改进展】目前已整改完成。追缴土地出让金126万元。\n")
    ledger = parse_text(text)
    assert [t.title for t in ledger.themes] == ["党的建设方面", "重点领域方面"]
    assert [(i.no, i.theme_no, i.title, i.status) for i in ledger.items] == [
        (1, 1, "理论学习不够深入", "done"), (2, 1, "组织生活不规范", "in_progress"), (3, 2, "土地出让金欠缴", "done")]
    s = ledger.stated
    assert (s.total, s.done, s.in_progress) == (3, 2, 1)
    assert totals.contract(totals.for_ledgers([(1, ledger)]))["completion"] == {
        "rate": 66.7, "done": 2, "total": 3, "source": "items"}


def test_problems_coded_by_theme_and_position_under_numbered_aspects():
    # 第一方面：… themes, 问题1-2：… items whose number is the position within the theme; a ✔ before a status
    text = ("某林场党委关于巡察整改进展情况的通报\n"
            "第一方面：理论学习不够深入\n"
            "问题1-1：学习不深入。\n整改措施：制定计划。\n完成情况：已完成并长期坚持。\n"
            "问题1-2：调研不够。\n整改措施：开展调研。\n完成情况：序时推进。\n"
            "第二方面：资产管理不规范\n"
            "问题2-1：租金拖欠。\n整改措施：追缴租金。收回租金5.6万元。✔已整改到位\n")
    ledger = parse_text(text)
    assert [(t.no, t.title) for t in ledger.themes] == [(1, "理论学习不够深入"), (2, "资产管理不规范")]
    assert [(i.no, i.theme_no, i.title, i.status) for i in ledger.items] == [
        (1, 1, "学习不深入", "done"), (2, 1, "调研不够", "in_progress"), (1, 2, "租金拖欠", "done")]


def test_areas_under_unnumbered_slogan_sections_with_more_tasks_than_areas():
    """Five （一）…（五） areas (more problems than areas, three times as many tasks) are themes, not items; the
    rate printed only where the report sums up joins its stated counts when it agrees with them."""
    areas = "".join(f"（{cn}）聚焦第{cn}类问题，推动整改落地。一是建立机制。二是完善制度。\n" for cn in "一二三四五")
    text = ("中共某省水利厅党组关于省委巡视整改进展情况的通报\n"
            "省委巡视反馈意见指出的3个方面11类问题，细化为96项整改任务，截至2024年10月底，已完成91项，其余5项正在按计划推进。\n"
            "坚持高位推动，压紧压实整改政治责任\n厅党组召开会议6次。\n坚持问题导向，扎实推进反馈问题整改\n" + areas +
            "坚持标本兼治，巩固深化整改成果\n目前，巡视整改任务完成率达94.8%。\n")
    ledger = parse_text(text)
    assert ledger.items == [] and len(ledger.themes) == 5
    s = ledger.stated
    assert (s.total, s.done, s.level, s.completion_rate) == (96, 91, "tasks", 94.8)


def test_a_report_grouped_by_status_and_a_ledger_s_completion_dates():
    """一、已完成整改的问题（2个）/ 二、正在整改的问题: the group names its items' status (and, every heading a
    status, is no theme); 完成时间：<a date on or before the report's> says an item was done then; the title names
    the inspecting group after 关于."""
    head = ("中共某县自然资源局党组关于县委第二巡察组巡察整改进展情况的通报\n"
            "根据县委统一部署，2024年3月1日至4月30日，县委第二巡察组对县自然资源局党组开展了常规巡察。\n")
    sign = "中共某县自然资源局党组\n2024年12月27日\n"
    ledger = parse_text(head + "一、已完成整改的问题（2个）\n1.违规发放津补贴。\n整改措施：全部清退。\n"
                        "2.档案管理薄弱。\n整改措施：建立制度。\n完成时间：2024年10月31日\n"
                        "二、正在整改的问题（1个）\n1.闲置土地处置缓慢。\n整改措施：分类处置。\n" + sign)
    assert ledger.inspector == "县委第二巡察组"
    assert ledger.themes == []
    assert [(i.theme_no, i.no, i.status, i.status_raw) for i in ledger.items] == [
        (None, 1, "done", "已完成整改"), (None, 2, "done", "已完成整改"), (None, 1, "in_progress", "正在整改")]
    ledger = parse_text(head + "（一）关于资产管理方面\n1.招标不规范。\n整改措施：修订制度。\n完成时间：2024年10月31日\n"
                        "2.采购不规范。\n整改措施：集中采购。\n完成时间：2025年6月30日\n" + sign)
    assert [(i.no, i.status, i.status_raw) for i in ledger.items] == [
        (1, "done", "2024年10月31日"), (2, "unknown", None)]


LAYOUT_ROWS = [
    # 1、 themes over （一） items: the usual order inverted
    ("二、巡察反馈问题整改情况\n1、关于贯彻落实决策部署方面的问题\n（一）学习不深入。\n整改情况：制定计划。\n整改结果：已完成。\n"
     "（二）项目推进迟缓。\n整改情况：加快推进。\n整改结果：正在推进。\n"
     "2、关于全面从严治党方面的问题\n（一）违规发放津补贴。\n整改情况：全部清退。\n整改结果：已完成。\n",
     ["关于贯彻落实决策部署方面的问题", "关于全面从严治党方面的问题"],
     [(1, 1, "学习不深入", "done"), (1, 2, "项目推进迟缓", "in_progress"), (2, 1, "违规发放津补贴", "done")]),
    # no number and no label: a short paragraph right before 整改情况： opens an item
    ("（一）党的建设方面\n理论学习不深入的问题。\n整改情况：制定计划。\n整改结果：已完成。\n"
     "组织生活不规范。\n整改情况：规范三会一课。\n整改结果：正在推进。\n"
     "（二）资产管理方面\n租金拖欠的问题。\n整改情况：追缴租金。\n完成情况：已完成。\n",
     ["党的建设方面", "资产管理方面"],
     [(1, 1, "理论学习不深入的问题", "done"), (1, 2, "组织生活不规范", "in_progress"), (2, 3, "租金拖欠的问题", "done")]),
    # the status opens the title line in brackets
    ("一、党的建设方面\n1.【已完成】学习不深入问题\n整改措施：制定计划。\n2.【长期坚持】作用发挥不充分问题\n整改措施：完善机制。\n",
     ["党的建设方面"], [(1, 1, "学习不深入问题", "done"), (1, 2, "作用发挥不充分问题", "in_progress")]),
    # a phone article: an account's column before a bar in the title, emoji, 01丨 items (a short slogan after
    # a number and a bar is no item)
    ("📌一、整改工作开展情况\n01 | 压实责任\n召开会议5次。\n▶二、反馈问题整改情况\n◆（一）党的建设方面\n"
     "01丨学习贯彻习近平新时代中国特色社会主义思想不够深入\n✅整改措施：制定计划。\n📍整改进展：已整改到位。开展学习4次。\n"
     "02丨耕地保护责任落实不力，违法占用耕地问题整治不到位\n✅整改措施：拆除违建。\n📍整改进展：正在推进。\n",
     ["党的建设方面"], [(1, 1, "学习贯彻习近平新时代中国特色社会主义思想不够深入", "done"),
                  (1, 2, "耕地保护责任落实不力，违法占用耕地问题整治不到位", "in_progress")]),
]


@pytest.mark.parametrize(("body", "themes", "items"), LAYOUT_ROWS, ids=["inverted", "unnumbered", "status-first", "phone"])
def test_more_item_layouts(body, themes, items):
    ledger = parse_text("清风某镇丨中共某镇委员会关于巡察整改进展情况的通报\n根据县委统一部署，县委第三巡察组对某镇开展了巡察。\n" + body)
    assert ledger.title == "中共某镇委员会关于巡察整改进展情况的通报"
    assert [t.title for t in ledger.themes] == themes
    assert [(i.theme_no, i.no, i.title, i.status) for i in ledger.items] == items
