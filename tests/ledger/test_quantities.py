"""Figures in one sentence: values, units, labels, tags and what must not be read as a figure."""
from __future__ import annotations

import pytest

from lib.ledger.parse import parse_text


def figures(sentence: str):
    """Quantities of a one-item report whose measures are `sentence`."""
    text = f"1.某问题。\n整改结果：完成。\n整改情况：{sentence}\n"
    return [(q.value, q.unit, q.kind, q.label, q.approximate) for q in parse_text(text).quantities]


@pytest.mark.parametrize("sentence,want", [
    # money, converted to 万元
    ("完成688万元土地欠款的追缴入库。", [(688.0, "万元", "money", "土地欠款追缴", False)]),
    ("清查追回违规发放的津补贴，共计54410元。", [(5.441, "万元", "money", "津补贴追回", False)]),
    ("收回土地出让金1.2亿元。", [(12000.0, "万元", "money", "收回土地出让金", False)]),
    ("追缴资金1,250,000元。", [(125.0, "万元", "money", "追缴资金", False)]),
    ("清退违规资金50万余元。", [(50.0, "万元", "money", "清退违规资金", True)]),
    # area, converted to 亩
    ("盘活闲置土地30公顷。", [(450.0, "亩", "area", "盘活闲置土地", False)]),
    ("拆除违建2000平方米。", [(3.0, "亩", "area", "拆除违建", False)]),
    # Chinese numerals
    ("对两家企业开展约谈。", [(2.0, "家", "count", "企业", False)]),
    ("制定十二项制度。", [(12.0, "项", "count", "制度", False)]),
    # approximate figures
    ("作出指示批示10余次。", [(10.0, "次", "count", "作出指示批示", True)]),
    ("开展检查近20次。", [(20.0, "次", "count", "开展检查", True)]),
    # a list is two numbers, never 45
    ("每月开展4、5次检查。", [(5.0, "次", "count", "检查", True)]),
    # 部 counts films and books, not departments
    ("组织观看警示教育片2部，约谈3部门负责人。", [(2.0, "部", "count", "组织观看警示教育片", False)]),
    # a change from one count to another: what is counted is named before 由
    ("将银行账户由352个压减至217个。", [(352.0, "个", "count", "银行账户", False), (217.0, "个", "count", "银行账户", False)]),
    # members of an enumeration without a figure share the next one's words; an agency's cases keep their noun
    ("已完成整改14个，基本完成、需长期坚持的1个，未完成、正在推进的1个。",
     [(14.0, "个", "count", "完成整改", False), (1.0, "个", "count", "基本完成、需长期坚持", False),
      (1.0, "个", "count", "未完成、正在推进", False)]),
    ("执法支队立案查处违法分包、转包和无证施工等案件15件。", [(15.0, "件", "count", "违法分包、转包和无证施工等案件", False)]),
])
def test_figures(sentence, want):
    assert figures(sentence) == want


@pytest.mark.parametrize("sentence", [
    "严格执行“第一议题”制度。",                 # ordinal
    "落实“三重一大”“两个责任”要求。",           # slogans in quotes
    "推行一次性告知，建立一楼一策机制。",        # 一 as an article
    "经过3个月集中整改。",                      # a duration
    "联系电话：0743-8532226。",                 # phone number
    "2023年9月已开庭审理。",                    # dates
    "第57次会议听取汇报。",                     # ordinal
    "发送至xxjkqbgs@163.com。",                 # e-mail
])
def test_not_figures(sentence):
    assert figures(sentence) == []


@pytest.mark.parametrize("sentence,labels", [
    # a count named by the status after it, not by the count before it
    ("该方面反馈问题4个，已完成整改2个，2个正在推进。", ["该方面反馈问题", "完成整改", "正在推进"]),
    ("已整改完成12个，3个已基本完成。", ["整改完成", "已基本完成"]),
])
def test_progress_count_labels(sentence, labels):
    assert [q.label for q in parse_text(sentence).quantities] == labels


@pytest.mark.parametrize("sentence,labels", [
    ("共立案8件8人，其中党内警告处分2人，党内严重警告4人，政务撤职1人。",
     ["立案", "立案", "党内警告", "党内严重警告", "政务撤职"]),
    ("给予党纪处分3人（严重警告2人、撤销党内职务1人）；政务处分2人（记过1人、撤职1人）。",
     ["党纪处分", "党内严重警告", "撤销党内职务", "政务处分", "政务记过", "政务撤职"]),
    ("诫勉谈话1人，组织处理2人，开除党籍一人。", ["诫勉谈话", "组织处理", "开除党籍"]),
    ("积案攻坚10件已办结9件，1件正在审理中。", ["积案", "积案办结", "审理中"]),
    ("对2名履职不力的村党组织书记予以组织调整，将1名原报账员移送司法机关。", ["组织调整", "移送司法机关"]),
])
def test_sanction_and_case_labels(sentence, labels):
    text = f"1.某问题。\n整改结果：完成。\n整改情况：{sentence}\n"
    qs = parse_text(text).quantities
    assert [q.label for q in qs] == labels
    for q in qs:
        if q.label in ("立案", "积案", "积案办结", "审理中"):
            assert "case" in q.tags
        else:
            assert "sanction" in q.tags


def test_quantities_outside_items_have_no_item():
    text = ("根据省委统一部署，2023年3月9日至6月10日，省委第一巡视组对某单位进行巡视。"
            "截至目前，追回资金30万元。\n1.某问题。\n整改结果：完成。\n整改情况：追回资金12万元。\n")
    qs = parse_text(text).quantities
    assert [(q.item_no, q.value) for q in qs] == [(None, 30.0), (1, 12.0)]


@pytest.mark.parametrize(("opening", "recovered"), [
    # the round the report is about counts; a sentence about another round recalls that round's figures
    ("本轮巡察整改中，追缴资金120万元。与上一轮相比，力度加大。县委第五轮巡察追缴资金563.8万元。", 120.0),
    # a figure the first progress notice already published, or one the report says it does not count again
    ("追缴资金120万元。首轮整改进展情况通报中已公布的追回资金2,460万元，本次不再重复统计。", 120.0),
    ("追缴资金120万元。学校在2020年公布的上轮巡视整改情况中已报告收回欠款420万元。", 120.0),
    # the rest still pursued in court is not recovered; the rest since recovered is
    ("收回拖欠的摊位租金27.6万元，其余18.2万元正在通过诉讼追缴。", 27.6),
    ("收回拖欠的摊位租金27.6万元，其余18.2万元已全部追回。", 45.8),
])
def test_money_of_other_rounds_and_money_still_pursued(opening, recovered):
    from lib.views import totals

    text = f"中共某县委巡察工作领导小组关于县委第六轮巡察整改情况的通报\n{opening}\n"
    got = totals.contract(totals.for_ledgers([(1, parse_text(text))]))
    assert got["recovered_wan"] == pytest.approx(recovered)


def test_the_rest_recovered_by_the_verb_before_it():
    from lib.views import totals

    text = ("中共某县委关于巡察整改情况的通报\n1.某问题。\n整改结果：完成。\n整改情况：上轮巡察整改中已收回资金21.5万元，"
            "本次督促收回剩余欠款9.8万元；其余5万元计划年底前收回。\n")
    got = totals.contract(totals.for_ledgers([(1, parse_text(text))]))
    assert got["recovered_wan"] == pytest.approx(9.8)
