"""Which headline total a figure belongs to by its own words, and why it does not count when it does not.

    追缴土地出让金1,234.5万元        → ("recovered_wan", None)
    审减工程结算价款1,035万元        → ("recovered_wan", "audit_reduction")
    摸排闲置土地12宗，涉及面积920亩  → ("land_mu", "surveyed")
    立案审查调查17件                 → ("cases", None)
    信访件36件                       → ("cases", "petition")
    给予党内警告处分2人              → ("disciplined_people", None)
    诫勉谈话3人                      → ("other_accountability_people", None)
    问责12人                         → ("disciplined_people", "mixed_accountability")

Every money figure belongs to recovered_wan's family and every area to land_mu's, so each headline can show
the figures it leaves out beside those it adds; an aside keeps a figure out by its words.
"""
from __future__ import annotations

import re

HEADLINES = ("recovered_wan", "land_mu", "cases", "disciplined_people", "other_accountability_people")


def fits(headline: str, kind: str, unit: str) -> bool:
    """Whether a figure can add to a headline at all: money to 万元, areas to 亩, 件 to cases, people to people."""
    if headline == "recovered_wan":
        return kind == "money"
    if headline == "land_mu":
        return kind == "area"
    if headline == "cases":
        return kind == "count" and unit in ("件", "起")
    return kind == "count" and unit in PEOPLE_UNITS
# A sentence that retells an earlier report's figures: "2024年3月，我局通报了集中整改阶段进展情况，…",
# "上轮巡视整改进展情况通报中公布的追回资金286万元…"
EARLIER_REPORT = re.compile(r"上一?轮[^。]{0,20}?(?:通报|公布|已报告)|(?:通报|公布)的上一?轮|首轮[^。]{0,16}?(?:通报|公布)|"
                            r"不再重复(?:统计|计算|计入)|不重复(?:统计|计算|计入)|上次通报|前次通报|此前通报|首次通报|第一次通报|"
                            r"(?:前期|此前|前次|上次)已?(?:向社会)?(?:通报|公布)|"
                            r"(?:首次|第一次)公开(?:时|整改进展)|已于\d{4}年\d{1,2}月[^。]{0,12}(?:通报|公布)|"
                            r"(?:通报|公布|发布)了[^。]{0,16}(?:整改进展|整改情况|整改阶段|阶段)|第一阶段整改进展|"
                            r"(?:通报|公布)(?:的|中)[^。]{0,10}(?:第一阶段|集中整改)|"
                            # a second round's ledger: the 合计 of what was reported then
                            r"(?:上一?轮|首轮)(?:已?报送(?:情况)?|报送时)\s*:")
# a second round's ledger: a line of its 上轮 columns (上轮情况：正在推进；已追缴…), every sentence of it the first round's
EARLIER_LINE = re.compile(r"[ \t]*(?:合计\s*:\s*)?(?:上一?轮|首轮)(?:情况|已?报送(?:情况)?)\s*:")

# an item's words that count over the whole rectification: "三是巡视整改期间，学校纪委…给予党纪政务处分15人"
WHOLE_PERIOD = re.compile(r"巡[视察]整改期间|整改期间|整改以来")
_CLAUSE_MARK = re.compile(r"[,;:，；：、]")
# An opening sentence that sums up the whole period: its figures hold the items' ("整改期间，全县…立案112件")
OVERALL = re.compile(r"整改期间|整改以来|截至|截止|累计|共计|合计|总计|(?<![一二三四五六七八九十\d中公])共|全[省市州县区镇乡]|以来")

# --- money -----------------------------------------------------------------------------------------
# The verb nearest the figure decides: "已整改问题资金1.15亿元，追回资金860万元" recovers 860, not 1.15亿.
_RECOVER_VERBS = (r"追缴|追回|收回|清退|退缴|退还|退回|挽回|返还|收缴|退赔|缴回|清收|清缴|挽损|追偿|追收|"
                  r"催缴到位|追讨|索回|回收")
# a bank's loans, a company's trade debts: business, not money recovered from misuse
_LOAN = re.compile(r"贷款|本息|借款|信贷|账款|货款|工程款欠款|应收[\u4e00-\u9fff]{0,3}?(?:工程|货)款")
# …unless the money was lent out or paid against the rules: "追回所属企业违规出借资金本息6,820万元",
# "追回供应商多结货款218.6万元" are recovery
_MISUSED = re.compile(r"违规|违纪|违法|挪用|侵占|套取|骗取|擅自|私自|多结|多付|多收|多领|多计|超付|虚列|虚报|冒领")
_FINE = re.compile(r"罚没|罚款|罚金")
_AUDIT = r"审减|核减|节约|节省"
_DEBT = r"化解|隐性债务|债务"
_SPENDING = (r"投资|投入|安排|拨付|预算|统筹|整合|支出|发放|兑付|奖补|融资|签约|合同额|总额|产值|营收|"
             r"中标|估算|支付|建设资金|到位资金|压降|压减|设立|筹集|争取|下达")
_OTHER_MONEY = r"涉及|金额|整改|清理|盘活|处罚|罚款|罚没|缴纳|征收|收取|拒付|偿还|归还|核销|补登|入账"
_INCOME = r"收入|人均|税收|亩均|利润|增加值|可支配|增收|创收|收益"
_MONEY_CUE = re.compile(rf"(?P<recovered>{_RECOVER_VERBS})|(?P<audit_reduction>{_AUDIT})|(?P<debt>{_DEBT})|"
                        rf"(?P<income>{_INCOME})|(?P<spending>{_SPENDING})|(?P<not_recovery>{_OTHER_MONEY})")
# The words that open the object of a verb: in "清退违规发放的津补贴" the verb is 清退, 发放 only says which money.
_OBJECT_OPENS = re.compile(r"违规|违纪|不合规|多发|多领|多付|超标准|超付|超范围|被侵占|被挪用|挪用|滞留|拖欠|欠缴|应收|未缴|闲置|"
                           r"低效|无效|逾期|不良")


_QUOTED = re.compile(r"“[^“”]{0,60}”")


def _verb(rx: re.Pattern, before: str, after: str, prefer: str) -> str | None:
    """The cue of the figure's own clause (the first, which is the verb: Chinese puts it before its object;
    `prefer` wins among the verbs before the object, as in 清理收回…), else of the words right after the
    figure, else of the nearest clause before that has one."""
    # a problem's name in quotes is not what was done: "针对“闲置土地处置缓慢”问题，对全县2150亩…进行核查"
    unquoted = _QUOTED.sub("", before)
    clauses = _CLAUSE_MARK.split(unquoted)
    own = clauses[-1]
    head = own[:m.start()] if (m := _OBJECT_OPENS.search(own)) else own
    if any(m.lastgroup == prefer for m in rx.finditer(head)):
        return prefer
    right_after = _CLAUSE_MARK.split(after, maxsplit=1)[0][:10]    # the figure's own clause after it
    order = [head, own, right_after, *reversed(clauses[:-1])]
    if m is not None and m.start() == 0 and len(clauses) > 1 and unquoted[-len(own) - 1] == "、":
        # "追回挤占挪用、违规拨付的项目资金": a member of an enumeration shares the verb before it; its own verb
        # (拨付) only says which money
        order = [head, clauses[-2], own, right_after, *reversed(clauses[:-2])]
    for text in order:
        m = rx.search(text)
        if m:
            return m.lastgroup
    return None


# --- land ------------------------------------------------------------------------------------------
# What was done to the land. The cue nearest before the figure decides (in its own clause first, then in the
# clauses before it), then the words right after it.
_LAND_ACTED = (r"出让|转让|供应|供地|收回|收储|复垦|复耕|复绿|盘活|处置|整改|整治|拆除|腾退|清退|退还|返还|恢复|消化|"
               r"修复|还林|还草|还耕|流转|归还|移交|交付|征收|治理|清理|纠正|补办|退出|收购|回购|挂牌|招拍挂|"
               r"拍卖|清收|追回|依法处理|化解|收缴|开工|动工|利用|退耕")
_LAND_SURVEYED = r"调查|摸排|排查|核查|核实|清查|梳理|排摸|摸底|统计|普查|涉及|发现|认定|查出|查明|巡查|检查|监测|存在|尚有|仍有"
_LAND_PLANNED = r"规划(?![局委院厅所]|和自然|分局|部门)|计划|拟|预计|力争|目标|争取|正在|启动|待|制定"
_LAND_OTHER_USE = r"高标准农田|造林|绿化|种植|播种|基地|示范|粮食|新建|建设(?!用地)"
_LAND_MANAGED = r"规范|管理|登记|确权|建档|纳入|备案"
_LAND_CUE = re.compile(rf"(?P<acted>{_LAND_ACTED})|(?P<surveyed>{_LAND_SURVEYED})|(?P<planning>{_LAND_PLANNED})|"
                       rf"(?P<other_use>{_LAND_OTHER_USE})|(?P<no_act>{_LAND_MANAGED})")
_DEMOLISHED = re.compile(r"建筑|违建|违法建设|违章|房|棚|墙")
_FLOOR_AFTER = re.compile(r"^\s*(?:的)?[\u4e00-\u9fff]{0,4}?(?:用房|房屋|房产|厂房|楼宇|办公楼|商铺|门面|店面|住宅|建筑物)")
_FLOOR = re.compile(r"建筑面积|房产|房屋|用房|厂房|楼|住宅|商铺|门面|店面|办公室|营业面积|使用面积")
_BACKGROUND = re.compile(r"(?:全[省市州县区镇乡村]|辖区|区域内?|现有|共有|保有|总)[\u4e00-\u9fff]{0,8}面积[为达是约有]{0,2}$|"
                         r"保有量[为达是约有]{0,2}$|总面积")
# what a place has, stated as the state before the work: "截至巡察反馈时，全县有批而未供土地2150.6亩、闲置土地412.8亩"
_STOCK = re.compile(r"^(?:全[省市州县区镇乡村]|辖区内?|区域内|我[省市县区镇乡局])(?:范围内)?(?:共|仍|尚|还|现)?有[^，,；;：:。]{1,30}$")
_WHOLE_PLACE = re.compile(r"全[省市州县区镇乡村](?:现有|共有|的)?$")
_LAND_NOUN_AFTER = re.compile(r"^\s*(?:的)?(?:耕地|土地|林地|草地|山林|农田|基本农田|永久基本农田)")
_AFTER_PLANNED = re.compile(r"^\s*(?:的)?(?:土地|用地|宗地)?\s*(?:正在|尚未|未|待|仍在|需|将|拟|计划)")
_LAND_NOUN_FIRST = re.compile(r"^\s*(?:的)?[\u4e00-\u9fff]{0,6}?(?:用地|土地|耕地|林地|地块|宗地)")
_OBJECT_FIRST = re.compile(r"(?:^|[^反面相绝针])对[^，,；;：:]{0,24}$")
_LAND_LEFT = re.compile(r"^\s*(?:剩余|其余|尚有|还有|另有|余下)")
_LAND_ACTED_NEXT = re.compile(rf"^[^,;，；。]{{0,3}}?(?:已|均已|已全部|全部|均)?(?:{_LAND_ACTED})")
_FOUND_OUT = re.compile(r"(?:调查|摸排|排查|核查|清查|梳理|排摸|摸底|普查|巡查|检查)出")
_AFTER_ACTED = re.compile(rf"^[^,;，；。]{{0,10}}?(?:已|均已|全部|完成)?(?:{_LAND_ACTED})")



# --- what an opening's total is a total of ------------------------------------------------------------
# An opening that sums the period up by kind ("共退还群众资金38.62万元，清退低保金9.87万元，收回土地326亩，复垦158.5亩")
# holds in each total the items' figures of that kind of act; the verbs of one kind, for telling them apart.
_ACTS = {
    "returned": r"退还|返还|退回|退赔",
    "cleared": r"清退",
    "clawed_back": r"追缴|追回|收缴|挽回|退缴|缴回|追收|追偿|追讨|索回|回收|清缴|清收|挽损|催缴",
    "taken_back": r"收回|收储|回购|收购",
    "reclaimed": r"复垦|复耕|复绿|还林|还草|还耕|退耕|修复|恢复",
    "supplied": r"出让|转让|供应|供地|挂牌|招拍挂|拍卖",
    "put_to_use": r"盘活|处置|利用|开工|动工|消化",
}
_ACT_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _ACTS.items()))


def act(before: str) -> str | None:
    """The kind of act (_ACTS) of a figure's own words: the first verb of the nearest clause that has one."""
    for clause in reversed(_CLAUSE_MARK.split(before)):
        m = _ACT_RE.search(clause)
        if m:
            return m.lastgroup
    return None


# --- cases and people ------------------------------------------------------------------------------
_PETITION = re.compile(r"信访|来信来访|举报件|投诉")
_CLUE = re.compile(r"线索")
_FINED = re.compile(r"^[^。；;]{0,12}?(?:罚没|罚款|处罚)")
_DISCIPLINE_BODY = re.compile(r"纪检|纪委|监委|监察|纪律审查|审查调查")
_ADMIN = re.compile(r"[\u4e00-\u9fff]{1,8}局(?:已|依法|共)?立案|公安|法院|检察院|检察|自然资源|国土|林业|林地|市场监管|行政|执法|环境违法|违法用地|违法建设|"
                    r"税务|交通|城管|卫健|住建|应急|安全生产|刑事|非法占用|非法|违法案件|违章")
DISCIPLINARY = {"党纪处分", "政务处分", "党纪政务处分", "处分", "党内警告", "党内严重警告", "撤销党内职务", "留党察看",
                "开除党籍", "政务警告", "政务记过", "政务记大过", "政务降级", "政务撤职", "政务开除", "严重警告",
                "警告", "记过", "记大过", "降级", "撤职", "开除公职", "开除"}
OTHER_ACCOUNTABILITY = {"诫勉谈话", "诫勉", "组织处理", "批评教育", "批评帮助", "提醒谈话", "责令检查",
                        "责令作出书面检查", "责令书面检查", "通报批评", "停职检查", "调整职务", "组织调整", "免职", "降职", "移送司法机关",
                        "交由纪委调查", "函询", "谈话函询", "第一种形态", "约谈", "诫勉约谈", "批评", "移送检察机关",
                        "移送审查起诉"}
MIXED = {"问责", "处理", "四种形态", "追责问责", "处理处分", "追责"}
PEOPLE_UNITS = ("人", "名", "位", "人次")
# a count of people dealt with in several ways at once: 问责12人, 处理干部86人, 运用“四种形态”处理320人次
_FORM = re.compile(r"第([一二三四])种形态")
_FORM_BEFORE = re.compile(r"第([一二三四])种形态[^，,；;、。]{0,8}$")
_MIXED_WORDS = re.compile(r"四种形态|问责|处理(?:了)?(?:干部|党员|人员|相关人员|责任人)?$|处理处分")


def classify(kind: str, unit: str, label: str, tags: list[str], before: str, after: str,
             earlier: bool = False) -> tuple[str | None, str | None]:
    """(family, aside) of one figure: `before` is its sentence up to the figure, `after` the words after it,
    `earlier` whether the sentence retells an earlier report (EARLIER_REPORT)."""
    family, aside = _classify(kind, unit, label, tags, before, after)
    if family and aside is None and (earlier or _earlier_round(before, after)):
        aside = "earlier_report"
    elif family and aside is None and _WITH_EARLIER.search(before):
        aside = "with_earlier_round"
    return family, aside


# a total over this round and the one before: "连同上轮巡察整改中已退还的13.6万元，两轮巡察整改共退还42.25万元"
_WITH_EARLIER = re.compile(r"(?:连同|加上|含)上一?轮[^。；;]*?[，,][^，,。；;]*?(?:两轮|共|合计|累计)[^，,。；;]*$|"
                           r"两轮[^，,。；;]{0,12}?(?:共|合计|累计)[^，,。；;]*$")


# the figure's own words put it in an earlier round: "上轮整改中追回的资金2.4亿元" (but "对上轮巡视反馈的问题开展
# 回头看，追回…" is this round's recovery on an old problem)
# ("上轮整改已盘活闲置土地56亩；本轮…": what the last round's rectification did)
_EARLIER_OWN = re.compile(r"上一?轮[^，,；;]{0,8}?(?:整改|巡[视察])(?:中|期间|时|已|(?:报告|通报)(?:所列|中))")
# the last round raised it: "上轮巡察指出", "上一轮审计发现"
_LAST_ROUND_RAISED = r"上一?轮[^，,；;。]{0,8}?(?:巡[视察]|审计)[^，,；;。]{0,4}?(?:指出|发现|反馈)"
# "上轮巡察指出的违规列支费用12.6万元已于2022年全部清退到位": the last round's money, recovered in its year
_LAST_ROUND_NAMED = re.compile(_LAST_ROUND_RAISED + "的")
_DONE_IN_A_YEAR = re.compile(r"^[^，,；;。]{0,4}?已于(?:19|20)\d{2}年")
# "2021年县委巡察反馈的违规发放加班补贴问题，当时已清退违规资金18.6万元", "2021年县委巡察反馈后，局党组曾清退…":
# done then, in that round
_AT_THE_TIME = re.compile(r"(?:\d{4}年|上一?轮)[^，,；;。]{0,12}?(?:巡[视察]|审计)[^，,；;。]{0,24}?[，,]"
                          r"[^，,；;。]{0,8}?(?:当时|曾)[^，,；;。]*$")
# "2021年上轮巡察指出该问题后，林场已清退违规发放补贴9.8万元": what was done after the last round raised it
_AFTER_LAST_ROUND = re.compile(_LAST_ROUND_RAISED + r"(?:该|此|这一)?问题后[，,][^，,；;。]*$")


def _earlier_round(before: str, after: str) -> bool:
    """The figure's own words put it in an earlier round (the sentence as a whole retells no earlier report)."""
    if "上" in before and (_EARLIER_OWN.search(_own_clause(before)) or _AFTER_LAST_ROUND.search(before)
                          or _LAST_ROUND_NAMED.search(before[-40:]) and _DONE_IN_A_YEAR.match(after)):
        return True
    return ("当时" in before or "曾" in before) and bool(_AT_THE_TIME.search(before))


def _classify(kind, unit, label, tags, before, after) -> tuple[str | None, str | None]:
    if kind == "money":
        return "recovered_wan", _money(label, before, after)
    if kind == "area":
        return "land_mu", _land(label, before, after)
    if kind == "count" and unit in PEOPLE_UNITS:
        return _people(label, before, after)
    if kind == "count" and unit in ("件", "宗", "起") and "case" in tags:
        return "cases", _case(label, unit, before, after)
    return None, None


_REMAINING = re.compile(r"(?:剩余|其余|尚欠|仍欠|尚未缴纳|尚未收回|未收回|未追回)[\u4e00-\u9fff]{0,4}$")
# "剩余26.8万元已于2024年4月全部追缴入库": the rest, since recovered
# "剩余26.8万元已于2024年4月全部追缴入库", "本次对剩余借用资金5.2万元全部追回" (not "…计划于年底前全部追回")
_NOT_YET = re.compile(r"尚未到账|尚未到位|尚未收回|尚未追回|尚未缴纳|尚未退还|(?:返还|还款|缴纳|退还|追缴|清偿)(?:协议|计划|通知书?|方案)")
_AFTER_RECOVERED = re.compile(rf"^(?:(?!计划|力争|将|拟|预计|争取|督促)[^，,。；;]){{0,8}}?(?:已|均已|已全部|全部)"
                              rf"(?:[于由][^，,。；;]{{0,12}}?)?(?:全部|全额)?(?:{_RECOVER_VERBS})")
# the act on the money in a later clause of its sentence: "核实违规发放津补贴和加班费8.62万元，涉及干部职工37人，
# 已全部清退到位", "…1.37万元，已责令相关人员全额退缴" (no figure between; not "已下达追缴通知，正在依法追缴")
_LATER_RECOVERED = re.compile(rf"^(?:(?!\d[\d.,]*\s*(?:万元|亿元|元))[^。；;]){{0,24}}?[，,]\s*(?:已|均已)(?:责令[^，,。；;\d]{{1,10}}?|[于由][^，,。；;\d]{{1,12}}?)?"
                              rf"(?:全部|全额)?(?:{_RECOVER_VERBS})"
                              # the clause names no money of its own: "，已收回拖欠租金236.8万元" is that figure's
                              r"(?![^，,。；;]*?\d[\d.,]*\s*(?:万元|亿元|元))")


# "仍有2.16万元未清退到位": the money the act has not reached
_UNDONE_AFTER = re.compile(rf"^\s*(?:尚|仍|还)?(?:未|没有)(?:全部|完全|能)?(?:{_RECOVER_VERBS})")


def _money(label: str, before: str, after: str) -> str | None:
    if _UNDONE_AFTER.match(after):
        return "not_recovery"
    own = _own_clause(before)
    if _LOAN.search(own + label) and not (_MISUSED.search(own) and re.search(_RECOVER_VERBS, own)):
        return "loan"      # a bank collecting its loans (清收不良贷款) is business, not recovery
    if _FINE.search(own + label):
        return "not_recovery"   # a fine an agency collected (收缴罚没款) punishes; it recovers nothing misused
    rest = _REMAINING.search(own)
    if rest:
        # "剩余1.5万元已签订分期还款协议，计划于…收回": not yet in hand; "剩余26.8万元已于4月全部追缴入库": since recovered;
        # "本次督促收回剩余欠款9.8万元": the rest, recovered now by the verb before it
        if re.search(_RECOVER_VERBS, own[:rest.start()]) and not re.search(r"计划|将|拟|力争|争取", own[:rest.start()]):
            return None
        return None if _AFTER_RECOVERED.match(after) else "not_recovery"
    listed = _own_clause(before, ",;:，；：")
    own_verb = _verb(_MONEY_CUE, listed, "", "recovered")
    if _object_first(listed, after) and own_verb != "recovered":
        # "对违规报销的业务招待费1.74万元，已责令相关人员退还": 对 puts the money first, its act after it (and
        # "对剩余欠缴的4宗地、欠款3860万元已依法提起诉讼" is no recovery, whatever the sentence did before); the
        # verbs inside the object only say which money ("对已超额支付给施工方的5.82万元工程款，已全部追回")
        # (but a verb of the object's own stays when nothing after recovers it: "对…审减的215.6万元依法不予支付")
        later = _MONEY_CUE.search(after)
        if later is not None and later.lastgroup == "recovered":
            # "…320万元，已与县住建局签订分期返还协议，目前尚未到账": agreed, not yet in hand
            return "not_recovery" if _NOT_YET.search(re.split(r"\d", after, maxsplit=1)[0]) else None
        if not own_verb:
            return "not_recovery" if later is None else later.lastgroup
    cue = _verb(_MONEY_CUE, before[-60:], after, "recovered")
    if cue == "recovered":
        return None
    if cue in (None, "spending", "not_recovery") and (_AFTER_RECOVERED.match(after) or _LATER_RECOVERED.match(after)):
        # "违规收取的费用0.96万元已全部退还群众": what was paid out wrongly, then recovered after the figure
        return None
    return cue or "not_recovery"


def _own_clause(before: str, marks: str = ",;:，；：、") -> str:
    """The words from the last comma-like mark to the figure: "收回闲置土地3宗，面积" → "面积"; with marks
    that leave out 、, the whole enumeration, which shares its verb."""
    return before[max(before.rfind(c) for c in marks) + 1:]


def _land(label: str, before: str, after: str) -> str | None:
    own = _own_clause(before)
    if _FLOOR.search(own) or _FLOOR.search(label) or _FLOOR_AFTER.match(after):
        return "floor_area"     # "…沿线4.6万平方米经营性用房": the building named after the figure
    # "拆除违章建筑3.6万平方米", "拆除违法建筑37处，拆除面积4860平方米": the buildings' area, not the land's
    # (but "拆除违法建筑后复耕复绿土地3.8公顷": the land reclaimed after the demolition)
    acts = re.findall(_LAND_ACTED, own)
    listed = _own_clause(before, ",;:，；：")    # "拆除违法建筑31处、面积4260平方米": the enumeration shares its verb
    if "拆除" in listed and _DEMOLISHED.search(before[-40:]) and (not acts or acts[-1] == "拆除"):
        return "floor_area"
    if _BACKGROUND.search(own) or _STOCK.search(listed) or \
            _WHOLE_PLACE.search(own) and _LAND_NOUN_AFTER.match(after) or _after_background(listed):
        return "background"     # "对全镇2.86万亩耕地开展拉网式排查": the whole township's farmland
    if _AFTER_PLANNED.match(after):
        return "planning"
    if _object_first(listed, after):
        # "对长期闲置的3宗共8.6公顷土地，通过协议方式交由属地政府收储": 对 puts the land first, its act after it;
        # the verbs inside the object only say which land ("对全县2018年以来出让的…3825.6亩…开展逐宗核查")
        later = _LAND_CUE.search(_LAND_NOUN_FIRST.sub("", after))     # (国有建设用地 names land, 建设 is no act)
        if later:
            return None if later.lastgroup == "acted" else later.lastgroup
    if _LAND_LEFT.match(listed) and not _LAND_ACTED_NEXT.match(after):
        return "no_act"         # "剩余4处面积14.15亩涉及设施农业用地手续补办…": what is left is not yet acted on
    if (found := _FOUND_OUT.search(listed)) and not re.search(_LAND_ACTED, listed[found.end():]):
        return "surveyed"       # "专项清理共摸排出闲置低效用地31宗、面积587.6亩": what the survey found
    cue = _verb(_LAND_CUE, before[-60:], "", "acted")
    if cue == "acted" or cue is None and _AFTER_ACTED.match(after):
        return None
    return cue or "no_act"


_AREA_AT_END = re.compile(r"\d+(?:\.\d+)?\s*(?:万)?(?:亩|公顷|平方米|平方公里)$")


def _after_background(listed: str) -> bool:
    """"全县耕地保有量52.36万亩、永久基本农田保护面积45.8万亩": a member of an enumeration (`listed`, the clause
    up to the figure) of the place's stock is stock too, named or not."""
    members = listed.split("、")[:-1]
    return any(_BACKGROUND.search(_AREA_AT_END.sub("", m)) for m in members if _AREA_AT_END.search(m))


def _object_first(listed: str, after: str) -> bool:
    """对 puts the money or land first and its act comes after it ("对…8.6公顷土地，通过协议方式交由属地政府收储");
    not "对…应征未征土地闲置费71.8万元的问题重新梳理", where a figure before 的 describes what follows."""
    return bool(_OBJECT_FIRST.search(listed)) and not after.lstrip().startswith("的")


_LATER_ACT = re.compile("|".join(sorted(OTHER_ACCOUNTABILITY | DISCIPLINARY, key=len, reverse=True)))
_ACT_ON_THEM = re.compile(r"对其[^。；;，,]{0,12}?(" + _LATER_ACT.pattern + ")")


def _people(label: str, before: str, after: str = "") -> tuple[str | None, str | None]:
    # which of the four forms: the label's, else the one named right before in the figure's own clause
    form = _FORM.search(label) or _FORM_BEFORE.search(before[-16:])
    if form:
        # the first form is criticism and reminders; the second to fourth are sanctions and cases
        return ("other_accountability_people", None) if form.group(1) == "一" else \
            ("disciplined_people", "mixed_accountability")
    if "四种形态" in before[-24:]:
        # "运用“四种形态”批评教育帮助和处理463人次": all four forms, sanctions among them
        return "disciplined_people", "mixed_accountability"
    if label in DISCIPLINARY:
        return "disciplined_people", None
    if label in OTHER_ACCOUNTABILITY:
        return "other_accountability_people", None
    if label in MIXED or _MIXED_WORDS.search(label):
        return "disciplined_people", "mixed_accountability"
    listed = _own_clause(before, ",;:，；：")
    if _object_first(listed, after) and not re.search(r"\d", listed) and not _LATER_ACT.search(listed):
        # "对其中涉嫌犯罪的1名原村干部，已移送司法机关依法处理": 对 puts the people first, what was done after them
        # (up to the next object or figure: "对违规提拔的3名干部予以纠正，对负有责任的2名干部进行诫勉谈话")
        later = _LATER_ACT.search(re.split(r"[。；;\d]|[，,]对", after, maxsplit=1)[0][:24]) or \
            _ACT_ON_THEM.search(re.split(r"[。；;]", after, maxsplit=1)[0])
        if later:
            # "对…的1名中层干部，责令其退还…1.8万元，并对其作出免职的组织处理": 其 takes the act back to them
            return _people(later.group(later.lastindex or 0), "")
    return None, None


def _case(label: str, unit: str, before: str, after: str = "") -> str | None:
    clause = before[-30:]
    own = _own_clause(before)
    if _PETITION.search(label) or _PETITION.search(own):
        return "petition"
    if _CLUE.search(label) or label != "立案" and _CLUE.search(clause[-8:]):
        return "clue"
    if unit == "件" and (label == "立案" or "立案" in _own_clause(before)):
        # whose case: "立案查处非法占用林地案件9件" is the forestry bureau's, "立案审查调查17件" discipline's
        own = _own_clause(before)
        if not _DISCIPLINE_BODY.search(before) and (
                _ADMIN.search(own)
                # "立案查处案件23件，罚没款48万元": an agency's cases, punished with fines
                or "查处" in own and "案件" in own + label or _FINED.match(after)):
            return "administrative"
        return None
    return "case_other"
