"""The parser on the seed, its text variants, the corpus openings and hand-made edge cases."""
from __future__ import annotations

import unicodedata

import pytest

from lib.ledger.parse import parse_text
from tests.seed_facts import assert_seed, corpus_text, seed_text


def _chrome(text: str) -> str:
    head = "您当前的位置：首页 > 通知公告\n【字号：大 中 小】【打印】【关闭】\n发布时间：2023-12-20 09:30 来源：本站 浏览量：321\n\n"
    tail = "\n\n【打印本页】【关闭窗口】\n上一篇：某某通知\n版权所有：某某网站 网站标识码：4331000001 湘ICP备12345678号\n"
    return head + text + tail


SEED_VARIANTS = {
    "as published": lambda t: t,
    "half-width (NFKC)": lambda t: unicodedata.normalize("NFKC", t),
    "one line": lambda t: t.replace("\n", ""),
    "one line, spaces": lambda t: " ".join(t.split("\n")),
    "CRLF in page chrome": lambda t: _chrome(t).replace("\n", "\r\n"),
    "one line, half-width": lambda t: unicodedata.normalize("NFKC", t).replace("\n", ""),
}


@pytest.mark.parametrize("variant", SEED_VARIANTS)
def test_seed_variants(variant):
    text = SEED_VARIANTS[variant](seed_text())
    ledger = parse_text(text)
    assert_seed(ledger)
    for q in ledger.quantities:
        assert text[q.start:q.end] == q.text
        assert text[q.match_start:q.match_end] == q.match


def test_seed_measures_are_the_published_sentences():
    ledger = parse_text(seed_text())
    item1 = ledger.items[0]
    assert item1.measures[0].startswith("严格执行“第一议题”制度")
    assert item1.measures[1].startswith("坚持学用结合")
    # a measure written as prose (no numbering) is one measure
    assert ledger.items[20].measures[0].startswith("该公司2020年12月进入破产程序")
    assert item1.status_raw == "完成"
    assert ledger.items[19].status_raw == "阶段性完成"  # written without the final 。


def test_seed_figures_point_at_their_sentence():
    text = seed_text()
    ledger = parse_text(text)
    land = [q for q in ledger.quantities if q.unit == "万元" and "recovery" in q.tags]
    assert [(q.item_no, q.value) for q in land] == [(20, 688.0)]
    assert land[0].match == "688万元"
    assert "土地欠款的追缴入库" in land[0].text
    # nothing is read from the closing section or the contacts (phone numbers, street numbers)
    assert all(q.item_no is not None for q in ledger.quantities)


def test_seed_contacts_and_actions():
    ledger = parse_text(seed_text())
    assert ledger.contacts["phone"] == "0743-8532226"
    assert ledger.contacts["email"] == "xxjkqbgs@163.com"
    assert "武陵山大道" in ledger.contacts["mail"]
    by_text = {(a["date"], a["item_no"]) for a in ledger.actions}
    assert ("2023-06", 22) in by_text        # ６月２日, full-width digits, year from the report
    assert ("2020-12", 21) in by_text        # an explicit year wins
    assert ("2023-09", 5) in by_text


@pytest.mark.parametrize(("tail", "phone"), [
    ("欢迎监督（联系电话：0874-3125067）。", "0874-3125067"),     # the bracket around it is not the number's
    ("联系电话：0743-8532226。", "0743-8532226"),
    ("联系电话：(0743)8532226。", "(0743)8532226"),              # an area code in brackets stays
])
def test_a_phone_number_keeps_only_its_own_brackets(tail, phone):
    ledger = parse_text("关于巡察整改进展情况的通报\n1.学习不深入。\n整改结果：已完成。\n" + tail)
    assert ledger.contacts["phone"] == phone


# --- The corpus openings: facts read by hand (../shared/corpus/README.md) ---------------------------
CORPUS_FACTS = {
    "doc01": dict(publisher="中共金华市婺城区文化和旅游体育局党组", kind="巡察", inspector="区委第二巡察组",
                  inspection_start="2022-09-16", inspection_end="2022-10-18", feedback_date="2023-01-17",
                  report_date="2023-05-04"),
    "doc02": dict(publisher=None, kind="巡察", inspector="区委4个巡察组", inspection_start="2021-11-08",
                  inspection_end="2021-12-20", feedback_date="2022-01-27", report_date=None),
    "doc09": dict(publisher="中共武汉经开区党工委", kind="巡视", inspector="省委第六巡视组",
                  inspection_start="2023-07-18", inspection_end="2023-09-15", feedback_date="2023-11-01",
                  report_date="2024-07-18"),
    "doc12": dict(publisher="中共许昌市教育局党组", kind="巡察", inspector="市委第三巡察组",
                  inspection_start="2022-11-21", inspection_end="2022-12-30", feedback_date="2023-02-28",
                  report_date="2023-07-18"),
    "doc16": dict(kind="巡察", inspector="区委第一巡察组", inspection_start="2024-03-05",
                  inspection_end="2024-04-18", feedback_date="2024-05-16", report_date=None),
    # damaged in the source: "2024717日至830日", "914日" → null, never a guess
    "doc18": dict(kind="巡察", inspector="市委第六巡察组", inspection_start=None, inspection_end=None,
                  feedback_date=None, report_date="2025-05-28"),
    "doc21": dict(publisher="中共郴州市第二人民医院委员会", kind="巡察", inspector="市委第四巡察组",
                  inspection_start="2024-09-09", inspection_end="2024-12-10", feedback_date="2024-12-30",
                  report_date="2025-09-30"),
    "doc26": dict(kind="巡察", inspector="区委第三巡察组", inspection_start="2024-09-06",
                  inspection_end="2024-11-20", feedback_date="2025-01-07", report_date=None),
    "doc29": dict(kind="巡视", inspector="省委第九巡视组", inspection_start="2020-11-10",
                  inspection_end="2021-01-13", feedback_date="2021-03-04", report_date=None),
    "doc30": dict(publisher="中共武汉市市场监督管理局党组", kind="巡察", inspector="市委第五巡察组",
                  inspection_start="2023-07-13", inspection_end="2023-08-31", feedback_date="2023-10-20",
                  report_date="2024-06-24"),
}


def corpus(name: str) -> str:
    return corpus_text(name)


@pytest.mark.parametrize("name", CORPUS_FACTS)
def test_corpus_header(name):
    ledger = parse_text(corpus(name))
    for key, want in CORPUS_FACTS[name].items():
        assert getattr(ledger, key) == want, key


CORPUS_STATED = {
    "doc01": dict(total=25, done=19, in_progress=6, completion_rate=76.0),
    "doc02": dict(total=697, done=688, in_progress=4, not_done=5, completion_rate=98.71),
    "doc26": dict(total=37, done=34, in_progress=3),
    "doc29": dict(total=29, measures=153),
}


@pytest.mark.parametrize("name", CORPUS_STATED)
def test_corpus_stated(name):
    stated = parse_text(corpus(name)).stated
    for key, want in CORPUS_STATED[name].items():
        assert getattr(stated, key) == want, key


# (document, unit, value in that unit, a word of the label, a tag)
CORPUS_FIGURES = [
    ("doc01", "万元", 7.132, "追缴", "recovery"),
    ("doc01", "人", 1.0, "交由纪委调查", "sanction"),
    ("doc01", "人", 5.0, "批评帮助", "sanction"),
    ("doc01", "人", 6.0, "批评教育", "sanction"),
    ("doc01", "项", 12.0, "制度", "count"),
    ("doc02", "万元", 66.57, "清退", "recovery"),
    ("doc02", "万元", 146.0, "追回", "recovery"),
    ("doc02", "万元", 1369.5, "挽回", "recovery"),
    ("doc26", "万元", 5.441, "追回", "recovery"),        # 54410 元
    ("doc29", "件", 40.0, "立案", "case"),
    ("doc29", "件", 39.0, "了结", "case"),
    ("doc29", "人", 37.0, "党纪处分", "sanction"),
    ("doc29", "人", 18.0, "党内警告", "sanction"),
    ("doc29", "人", 11.0, "党内严重警告", "sanction"),   # written 严重警告 inside the 党纪 list
    ("doc29", "人", 1.0, "撤销党内职务", "sanction"),
    ("doc29", "人", 2.0, "留党察看", "sanction"),
    ("doc29", "人", 5.0, "开除党籍", "sanction"),
    ("doc29", "人", 5.0, "政务处分", "sanction"),
]


@pytest.mark.parametrize("name,unit,value,word,tag", CORPUS_FIGURES)
def test_corpus_figures(name, unit, value, word, tag):
    text = corpus(name)
    qs = parse_text(text).quantities
    assert any(q.unit == unit and abs(q.value - value) < 1e-9 and word in q.label and tag in q.tags for q in qs)
    for q in qs:
        assert text[q.start:q.end] == q.text


# a text without items says why: only totals (a round's summary) or nothing recognisable (an opening)
NO_ITEMS = {"totals": "未逐项列出问题", "opening": "未识别出整改事项"}


@pytest.mark.parametrize("name,count,first_title", [
    ("doc02", 0, "totals"),                   # a round-level summary: no items, its totals stated
    ("doc09", 0, "opening"),                  # only the organizing part
    ("doc12", 0, "opening"),
    ("doc16", 0, "opening"),                  # 1. 2. 3. are how the work was organized, not items
    ("doc18", 0, "opening"),
    ("doc21", 1, "结余药品使用不规范"),        # the sub-item (1) is not an item of its own
    ("doc26", 2, "无依据发放各类津补贴和春节慰问费"),
    ("doc30", 2, "关于“妨碍公平竞争问题仍然存在,侵害消费者权益问题逐年增多”问题"),
])
def test_corpus_items(name, count, first_title):
    ledger = parse_text(corpus(name))
    assert len(ledger.items) == count
    if count:
        assert ledger.items[0].title == first_title
    else:
        assert any(NO_ITEMS[first_title] in w for w in ledger.warnings), ledger.warnings


def test_doc26_problems_under_groups():
    ledger = parse_text(corpus("doc26"))
    first = ledger.items[0]
    assert (first.no, first.status, first.status_raw) == (1, "done", "已完成")
    assert first.group == "关于“乱发滥补现象仍未禁绝”方面"
    assert ledger.themes[0].title.startswith("关于上轮巡察反馈问题整改不彻底")
    assert len(first.measures) == 3            # 一是 二是 三是


def test_doc30_items_without_status_are_unknown():
    ledger = parse_text(corpus("doc30"))
    assert [i.status for i in ledger.items] == ["unknown", "unknown"]
    assert ledger.themes == []
    assert any("未写明整改状态" in w for w in ledger.warnings)


def test_stated_totals_disagreeing_with_items_warn():
    ledger = parse_text(corpus("doc01"))
    assert any("报告称问题总数 25 个" in w for w in ledger.warnings)
    assert len(ledger.warnings) == len(ledger.warnings_en)


def test_dated_actions_are_done_things_not_deadlines():
    text = ("中共某县委关于巡视整改进展情况的通报\n根据省委统一部署，2023年3月1日至4月30日，省委第一巡视组对某县进行了巡视。\n"
            "（一）关于某方面的问题\n1.问题一。\n整改结果：完成。\n整改情况：今年3月组织专题学习。整改时限：2023年12月底。\n"
            "2.问题二。\n整改结果：未完成。\n整改情况：8月完成台账建设，计划于2024年6月底前全部完成。\n中共某县委\n2023年12月19日\n")
    actions = parse_text(text).actions
    # 今年3月 takes the report's year; 整改时限 and 计划…前 are not actions
    assert [(a["date"], a["item_no"]) for a in actions] == [("2023-03", 1), ("2023-08", 2)]


def test_a_report_grouped_only_by_status_has_no_themes():
    """（一）已整改到位的问题 / （二）正在整改的问题: the groups give each problem its status; they sort the problems by
    how far they got, not by what the feedback found, so they are no themes."""
    ledger = parse_text("某局党组关于巡察整改进展情况的通报\n（一）已整改到位的问题（2个）\n1.学习不深入\n制定计划。\n"
                        "2.制度不健全\n修订制度。\n（二）正在整改的问题（1个）\n1.项目滞后\n倒排工期。\n")
    assert ledger.themes == []
    assert [(i.no, i.theme_no, i.status) for i in ledger.items] == [(1, None, "done"), (2, None, "done"),
                                                                   (1, None, "in_progress")]


def test_areas_headed_inside_one_part_of_a_report_in_parts():
    """一、…五、 are the report's parts (organisation, the areas, the last round, discipline, next steps); the areas
    are the （一）关于…的问题 headings inside 二、, each told in 一是…二是…: themes, and the problems only counted."""
    text = ("某厅党组关于巡视整改进展情况的通报\n根据省委统一部署，省委第五巡视组对某厅党组开展了常规巡视。\n"
            "一、提高政治站位，抓好巡视整改\n厅党组梳理细化为21个具体问题、83项整改任务，已完成76项，其余7项正在推进。\n"
            "二、聚焦反馈问题，推动整改落地\n（一）关于贯彻落实决策部署不够到位的问题\n一是压实粮食安全责任。二是抓好耕地保护。\n"
            "（二）关于涉农资金监管不严的问题\n一是开展专项治理，追回资金1.2亿元。\n"
            "三、对上一轮巡视反馈问题开展“回头看”\n逐项开展回头看。\n四、下一步工作打算\n持续深化整改。\n")
    ledger = parse_text(text)
    assert ledger.items == []
    assert [t.title for t in ledger.themes] == ["关于贯彻落实决策部署不够到位的问题", "关于涉农资金监管不严的问题"]
    assert (ledger.stated.total, ledger.stated.done, ledger.stated.level) == (83, 76, "tasks")


def test_a_problem_quoted_as_the_inspection_put_it_is_titled_by_the_quote():
    ledger = parse_text("某镇党委关于巡察整改进展情况的通报\n1.巡察指出“耕地保护责任落实不到位，违法占用耕地问题整改滞后”。\n"
                        "整改情况：拆除复耕12亩。目前正在推进整改。\n")
    assert [(i.title, i.status) for i in ledger.items] == [("耕地保护责任落实不到位，违法占用耕地问题整改滞后", "in_progress")]
