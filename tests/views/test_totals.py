"""The headline numbers (lib/views/totals.py): completion from the best source, each fact once, what each leaves out."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.ledger.parse import parse_text
from lib.library import frames
from lib.views import totals
from lib.views.labels import completion_cells
from tests.makers import seed_text

HEAD = "中共某县委关于巡视整改进展情况的通报\n根据省委统一部署，2023年3月1日至4月30日，省委第一巡视组对某县进行了巡视。\n"


def report(summary: str, *item_texts: str, status: str = "完成") -> str:
    items = "\n".join(f"{n}.问题{n}。\n整改结果：{status}。\n整改情况：{text}" for n, text in enumerate(item_texts, start=1))
    return f"{HEAD}{summary}\n（一）关于某方面的问题\n{items}\n"


def headlines(*texts: str) -> totals.Headlines:
    return totals.for_ledgers([(n, parse_text(t)) for n, t in enumerate(texts, start=1)])


def values(h: totals.Headlines) -> dict:
    return {k: h.value(k) for k in totals.HEADLINES}


def reasons(h: totals.Headlines, key: str) -> list[str]:
    return list(h.totals[key].excluded["reason"])


# (opening summary, item texts, {headline: total}, {headline: reasons of the figures left out})
CASES = [
    # the opening repeats what the items state: the items' figures count
    ("整改期间，追缴税款356.8万元，立案查处二十三件。", ["追缴税款356.8万元。", "立案查处二十三件，给予党内警告2人。"],
     {"recovered_wan": 356.8, "cases": 23, "disciplined_people": 2},
     {"recovered_wan": ["repeats_item"], "cases": ["repeats_item"]}),
    # the opening's total over the period holds the items' figures
    ("截至目前，共追回资金2.35亿元。", ["清退津补贴326.5万元。", "收回集体资金1,268万元。"], {"recovered_wan": 23500},
     {"recovered_wan": ["in_opening_total", "in_opening_total"]}),
    # opening totals by kind of act hold the items' figures of their kind; a figure of another kind counts alone
    ("截至目前，共退还群众资金38.6万元，清退低保金9.8万元，收回集体土地326亩，复垦撂荒地158.5亩。",
     ["清退违规领取的低保金6.4万元。", "退还多收取的水费21.3万元。", "追回村干部违规领取的误工补贴1.8万元。",
      "依法收回集体土地126亩。", "已复垦73.6亩。"],
     {"recovered_wan": 50.2, "land_mu": 484.5},
     {"recovered_wan": ["in_opening_total", "in_opening_total"], "land_mu": ["in_opening_total", "in_opening_total"]}),
    # income after a recovery is not money recovered
    ("", ["依法收回集体土地126亩，重新发包后村集体年增收18.5万元。"], {"land_mu": 126},
     {"recovered_wan": ["income"]}),
    # the opening is exactly the sum of two items' figures: they count, it does not
    ("追回违规资金1,234.56万元。", ["清退违规发放津补贴286.4万元。", "追回违规资金948.16万元。"],
     {"recovered_wan": 1234.56}, {"recovered_wan": ["sum_of_items"]}),
    # a smaller opening figure beside the items' is another fact: both count
    ("追回违纪资金50万元。", ["收回土地出让金688万元。"], {"recovered_wan": 738}, {}),
    # a total broken down after 其中 or in brackets counts once, as the total
    ("给予党纪政务处分12人，其中党纪处分9人、政务处分3人。", ["开展专项整治。"], {"disciplined_people": 12},
     {"disciplined_people": ["part_of_total", "part_of_total"]}),
    ("", ["给予党纪处分12人（党内警告7人、党内严重警告5人）。"], {"disciplined_people": 12},
     {"disciplined_people": ["part_of_total", "part_of_total"]}),
    # a mixed count of people dealt with is neither headline; its parts are
    ("", ["处理干部86人，其中诫勉谈话20人、组织处理31人、党纪政务处分35人。"],
     {"disciplined_people": 35, "other_accountability_people": 51}, {"disciplined_people": ["mixed_accountability"]}),
    # other accountability keeps its own figure, not added to the sanctions
    ("", ["给予党内警告处分1人，诫勉谈话2人，批评教育3人，运用第一种形态处理64人次，移送司法机关1人。"],
     {"disciplined_people": 1, "other_accountability_people": 70}, {}),
    # land: only what was acted on; surveyed, background and floor area stay out
    ("", ["摸排闲置土地12宗，涉及面积920亩。", "全镇耕地面积3.6万亩。", "收回闲置土地3宗56.7亩，复垦耕地2.4公顷。",
          "盘活闲置厂房，建筑面积5200平方米。"],
     {"land_mu": 92.7}, {"land_mu": ["surveyed", "background", "floor_area"]}),
    # money: an audit reduction, a budget, a loan repaid and a fine beside the recovery stay out
    ("", ["审减工程结算价款1,035万元，追回多付工程款412.2万元。", "投入资金860万元。", "归还银行贷款3,500万元。",
          "督促企业缴纳罚款286.5万元。"],
     {"recovered_wan": 412.2}, {"recovered_wan": ["audit_reduction", "spending", "loan", "not_recovery"]}),
    # cases: petitions, clues and another agency's cases are not cases filed
    ("", ["受理信访件137件，处置问题线索46件，县纪委监委立案28件。", "县自然资源局立案查处违法用地案件23件。"],
     {"cases": 28}, {"cases": ["petition", "clue", "administrative"]}),
    # an earlier report's figure retold is not this report's
    ("上轮巡视整改进展情况通报中公布的追回资金286万元已全部缴入国库。", ["追回资金10万元。"], {"recovered_wan": 10},
     {"recovered_wan": ["earlier_report"]}),
    # a 累计 total after its parts in one sentence: the total counts
    ("", ["收回闲置土地52.3亩后，又收回15.8亩，累计收回闲置土地68.1亩。"], {"land_mu": 68.1},
     {"land_mu": ["part_of_total", "part_of_total"]}),
    # outside the items (a round's summary): the breakdown in the next sentence, after 其中, is the total's parts
    ("共清退、追回各类资金100.5万元。其中，县民政局清退低保金60.5万元；县交通运输局追回燃油补贴40万元。",
     ["开展专项整治。"], {"recovered_wan": 100.5}, {"recovered_wan": ["part_of_total", "part_of_total"]}),
    # ... a figure said again in the summing-up counts once
    ("县纪委监委立案21件。总的看，共立案21件，追回资金30万元。", ["开展专项整治。"],
     {"cases": 21, "recovered_wan": 30}, {"cases": ["repeats_earlier"]}),
    # ... and a summing-up figure equal to the sum of figures stated before is their sum
    ("收回闲置土地189亩。复垦撂荒地386亩。总的看，共收回、复垦土地575亩。", ["开展专项整治。"],
     {"land_mu": 575}, {"land_mu": ["sum_of_figures"]}),
    # all four forms together include sanctions; only the first form is other accountability
    ("", ["运用“四种形态”批评教育帮助和处理463人次，其中第一种形态382人次、第二种形态58人次、第三种形态15人次、"
          "第四种形态8人次。"],
     {"other_accountability_people": 382}, {"disciplined_people": ["mixed_accountability"] * 4}),
    # a summary's 合计 of items' figures, one of which its headline leaves out (receivables collected): the items'
    # figures count as their words say, the 合计 does not
    ("通过集中整改，集团追回各类资金合计2,936.5万元。", ["追回逾期应收账款2,800万元。", "追回供应商多结货款136.5万元。"],
     {"recovered_wan": 136.5}, {"recovered_wan": ["sum_of_items", "loan"]}),
    # an agency's own cases, punished with fines, are not cases filed by discipline bodies
    ("", ["立案查处案件23件，罚没款48.6万元。", "驻局纪检监察组对相关问题立案1件。"], {"cases": 1},
     {"cases": ["administrative"], "recovered_wan": ["not_recovery"]}),
    # each sanction of a list after one 给予
    ("", ["给予1名乡镇农业服务中心主任党内警告处分、1名工作人员政务记过处分。"], {"disciplined_people": 2}, {}),
    # money lent out against the rules and recovered is recovery; a bank loan repaid and a fine are not
    ("", ["追回所属企业违规出借资金本息6,820万元。", "归还到期银行贷款45亿元。", "执法支队收缴罚没款358,000元。"],
     {"recovered_wan": 6820}, {"recovered_wan": ["loan", "not_recovery"]}),
    # a company's receivables collected are business, whatever the verb
    ("", ["收回逾期应收工程款2.16亿元。", "追回违规多付分包款386.42万元。"], {"recovered_wan": 386.42},
     {"recovered_wan": ["loan"]}),
    # what a place has at the start is the state before the work, each of an enumeration
    ("", ["截至巡察反馈时，全县有批而未供土地2150.6亩、闲置土地412.8亩。", "处置闲置土地9宗、面积187.2亩。"],
     {"land_mu": 187.2}, {"land_mu": ["background", "background"]}),
    # an agency's name is no plan: 自然资源和规划局 sold the land
    ("", ["会同市自然资源和规划局公开挂牌出让经营性用地2宗、面积127.35亩。"], {"land_mu": 127.35}, {}),
    # done in a year before the inspection (2023 in HEAD) is not this rectification's
    ("", ["针对2021年县审计局指出的耕地开垦费欠缴问题，当年已追缴到位85.4万元。", "已督促退还资金63.2万元。"],
     {"recovered_wan": 63.2}, {"recovered_wan": ["before_inspection"]}),
    # a report of totals only: how one unit did it, after the totals, gives parts of those totals
    ("共追缴、清退各类资金486.37万元。县纪委监委立案17件，给予党纪政务处分14人。石门镇针对集体资产管理混乱问题，"
     "收回欠缴的承包费和租金58.3万元。白沙镇以低保核查为切入点，追回违规领取的低保金9.7万元，对3名村干部给予党纪处分。",
     ["开展专项整治。"], {"recovered_wan": 486.37, "cases": 17, "disciplined_people": 14},
     {"recovered_wan": ["part_of_total", "part_of_total"], "disciplined_people": ["part_of_total"]}),
    # ... also the examples of several units at once, of a unit named after its problem, and of a case about a
    # named unit; with no round total of land, each unit's land counts, and a sentence's own 共 sums its figures
    ("共追缴、退还各类资金1268.43万元。县纪委监委据此立案11件，给予党纪政务处分9人。"
     "县教育和体育局、县卫生健康局针对“违规收费问题纠治不到位”问题，清退违规收取的费用21.6万元、13.4万元，合计35万元。"
     "针对“撂荒地整治不彻底”问题，县农业农村局会同相关乡镇复耕复种撂荒地1326亩。"
     "县自然资源局针对“闲置土地处置缓慢”问题，对全县2150亩批而未供土地进行全面核查，依法收回闲置国有建设用地128.6亩，"
     "盘活低效工业用地17.25公顷，共处置闲置低效土地387.35亩。"
     "县纪委监委对巡察移交的县供销合作社联合社违规出借资金问题线索深入查处，立案3件，给予党纪处分2人。",
     ["开展专项整治。"],
     {"recovered_wan": 1268.43, "land_mu": 1713.35, "cases": 11, "disciplined_people": 9},
     {"recovered_wan": ["part_of_total", "part_of_total", "part_of_total"], "land_mu": ["surveyed", "part_of_total", "part_of_total"],
      "cases": ["part_of_total"], "disciplined_people": ["part_of_total"]}),
    # a total broken down in full holds the kinds each part names, all of them ("提醒谈话、批评教育29人次")
    ("整改期间，全校运用第一种形态处理43人次，其中提醒谈话、批评教育29人次，责令检查5人次，诫勉9人次。",
     ["对5名相关责任人进行提醒谈话。", "对负有管理责任的2名学院负责人进行诫勉。"],
     {"other_accountability_people": 43},
     {"other_accountability_people": ["part_of_total"] * 3 + ["in_opening_total"] * 2}),
    # recovered before this inspection, and the demolished buildings' floor area; land whose act follows it
    ("", ["对兼职取酬问题开展回头看，在2020年已清退12.6万元的基础上，本次清退4.28万元。",
          "共拆除违法建设137处，拆除面积1.86万平方米；对长期闲置的3宗共8.6公顷土地，通过协议方式交由属地政府收储。"],
     {"recovered_wan": 4.28, "land_mu": 129}, {"recovered_wan": ["before_inspection"], "land_mu": ["floor_area"]}),
    # an item's running total (累计) holds the figures the item gave before it; the first public report's
    # figure retold is not this report's
    ("", ["已收回被侵占的集体资金11.2万元，此后又追回12.4万元。截至目前，累计收回被侵占的集体资金23.6万元。",
          "2024年7月首次公开时，已退还补贴3万元。"],
     {"recovered_wan": 23.6}, {"recovered_wan": ["part_of_total", "part_of_total", "earlier_report"]}),
    # the demolished buildings' area given beside their count
    ("", ["已拆除违法建筑31处、面积4260平方米，腾退被违规占用的集体土地12.6亩。"], {"land_mu": 12.6},
     {"land_mu": ["floor_area"]}),
    # 对 puts the money or land first and its act after it; the verbs inside the object only say which
    ("", ["对违规报销的业务招待费1.74万元，已责令相关人员退还。",
          "对剩余欠缴的4宗地、欠款3860万元已依法提起诉讼。",
          "对全县2018年以来出让的132宗、3825.6亩国有建设用地开展逐宗核查，依法收回闲置土地86.4亩。",
          "对因规划调整闲置的其余3宗、28.5亩用地，逐宗制定处置方案。"],
     {"recovered_wan": 1.74, "land_mu": 86.4},
     {"recovered_wan": ["not_recovery"], "land_mu": ["surveyed", "planning"]}),
    # the part a running total's bracket names, said earlier in the item, is that part
    ("", ["移交的问题线索已全部办结，立案9件。巡视反馈以来，累计立案56件（含巡视移交问题线索立案9件）。"],
     {"cases": 56}, {"cases": ["part_of_total", "part_of_total"]}),
    # a round summary's example goes on after its semicolon; an example named after its problem, about a unit
    ("整改期间，共追缴资金500万元，立案23件，给予党纪政务处分19人。"
     "县自然资源局针对土地出让金欠缴问题，已收回欠缴的土地出让金120万元；依法收回闲置土地86.4亩。"
     "白沙镇针对违法占用耕地问题，复垦复耕27.9亩。"
     "针对巡察发现的工程款支付审核把关不严等问题，对县农业农村局相关责任人立案审查，给予3人党纪处分；"
     "对县住房和城乡建设局2名履职不力的股室负责人作出调整岗位的组织处理。",
     ["开展专项整治。"], {"recovered_wan": 500, "land_mu": 114.3, "cases": 23, "disciplined_people": 19,
                       "other_accountability_people": 2},
     {"recovered_wan": ["part_of_total"], "disciplined_people": ["part_of_total"]}),
    # money recovered in an audit of a year before the inspection
    ("", ["在2021年审计整改中已追回专项资金215万元的基础上，督促相关县市区追回被挤占挪用的农业专项资金63.8万元。"],
     {"recovered_wan": 63.8}, {"recovered_wan": ["before_inspection"]}),
    # with nothing outside the items: a discipline body's count over the whole period holds the other items'
    ("", ["对1名失职失责的干部给予党内严重警告处分，对2名干部进行诫勉。",
          "巡视整改期间，学校纪委运用“四种形态”批评教育帮助和处理20人次，其中第一种形态14人次、第二种形态6人次；"
          "给予党纪政务处分6人。"],
     {"disciplined_people": 6, "other_accountability_people": 14},
     {"disciplined_people": ["part_of_total", "mixed_accountability", "mixed_accountability"],
      "other_accountability_people": ["part_of_total"]}),
    # a summary's small count repeats an item's only when it says the same thing: 诫勉谈话2人 is not item 1's
    # 2名…提醒谈话, while 党纪处分1人 is item 2's 党内警告1名
    ("巡察整改期间，给予党纪处分1人；运用第一种形态，诫勉谈话2人，提醒谈话9人。",
     ["对负有审核责任的2名村干部进行提醒谈话。", "给予1名科室负责人党内警告处分。"],
     {"disciplined_people": 1, "other_accountability_people": 11},
     {"disciplined_people": ["repeats_item"], "other_accountability_people": ["in_opening_total"]}),
    # a total over this round and the one before holds an earlier round's figure: neither counts
    ("", ["已退还患者违规收费28.6万元，连同上轮巡察整改中已退还患者的13.6万元，两轮巡察整改共退还42.2万元。"],
     {"recovered_wan": 28.6}, {"recovered_wan": ["earlier_report", "with_earlier_round"]}),
    # an opening's count of the first form holds the items' 诫勉, not their transfer to the judiciary
    ("整改期间，运用监督执纪“第一种形态”批评教育帮助和处理63人次。", ["对2名干部进行诫勉；移送司法机关1人。"],
     {"other_accountability_people": 64}, {"other_accountability_people": ["in_opening_total"]}),
    # what the last round's rectification did, told beside this round's
    ("", ["上轮整改已盘活闲置土地56亩；本轮公开挂牌出让闲置地块2宗、面积38.7亩，收回闲置划拨用地12.5亩。"],
     {"land_mu": 51.2}, {"land_mu": ["earlier_report"]}),
    # a bracket after the total's own words is its breakdown
    ("", ["对2名履职不力的科室负责人进行组织处理（免职1人、调整岗位1人），对5人进行诫勉谈话。"],
     {"other_accountability_people": 7}, {"other_accountability_people": ["part_of_total"]}),
    # the rest still owed is not in hand, even with a plan to collect it; the rest already collected is
    ("", ["收回租金欠款6.8万元，剩余1.5万元已签订分期还款协议，计划于2025年6月底前全部收回。",
          "追回补贴10万元，剩余2万元已全部追回。"],
     {"recovered_wan": 18.8}, {"recovered_wan": ["not_recovery"]}),
    # an agency's cases, punished with a fine, beside the discipline body's
    ("", ["立案查处违法违规建设行为19件，处罚款86.5万元。", "驻局纪检监察组立案审查调查4件。"],
     {"cases": 4}, {"cases": ["administrative"]}),
    # money the act has not reached yet ("仍有…未清退到位") is not recovered, though the verb follows it
    ("", ["清退违规发放的津补贴5.4万元，核查发现仍有2.16万元未清退到位。"],
     {"recovered_wan": 5.4}, {"recovered_wan": ["not_recovery"]}),
    # the whole township's farmland is the background of a survey
    ("", ["对全镇2.86万亩耕地开展拉网式排查，复耕18.6亩。"], {"land_mu": 18.6}, {"land_mu": ["background"]}),
    # a part of a figure just named by 的…中 is no second fact
    ("", ["收回集体机动地86.4亩，将收回的机动地中62亩公开发包。"], {"land_mu": 86.4}, {"land_mu": ["part_of_total"]}),
    # an item's count in a sentence that opens with the period of the summary's total is a part of that total,
    # also when the total stands for the rows of a table that count in its place (another item's count is not)
    ("集中整治开展以来，全市纪检监察机关共立案279件，给予党纪政务处分256人。\n市本级：立案47件，党纪政务处分41人。\n"
     "各县区：立案232件，党纪政务处分215人。",
     ["集中整治开展以来，全市查处农村集体“三资”问题立案103件，给予党纪政务处分91人。",
      "对本轮巡察移交的纪检监察干部问题线索全部办结，立案审查调查4件，给予党纪政务处分3人。"],
     {"cases": 283, "disciplined_people": 259},
     {"cases": ["sum_of_figures", "in_opening_total"], "disciplined_people": ["sum_of_figures", "in_opening_total"]}),
    # a total broken down in full by kind holds only item figures of those kinds; a breakdown naming one part
    # of 各类资金 still lets the total hold the rest
    ("整改期间，运用第一种形态处理29人次，其中诫勉5人次、批评教育17人次、责令检查7人次。",
     ["对负有领导责任的2名负责人进行诫勉。", "对在干部选任中把关不严的3名领导人员进行组织处理。"],
     {"other_accountability_people": 32},
     {"other_accountability_people": ["part_of_total", "part_of_total", "part_of_total", "in_opening_total"]}),
    ("整改期间，全县共追回各类资金1.35亿元，其中追缴土地出让金1.2亿元。",
     ["追缴欠缴的土地出让金1.2亿元。", "追回冒领的补贴资金15.38万元。"], {"recovered_wan": 13500},
     {"recovered_wan": ["part_of_total", "in_opening_total", "in_opening_total"]}),
    # money recovered in a year named before the inspection; the rest since recovered counts
    ("", ["上轮巡察指出的津补贴问题，已于2021年清退到位16.8万元。", "下达催缴通知，剩余26.8万元已于2024年4月全部追缴入库。"],
     {"recovered_wan": 26.8}, {"recovered_wan": ["before_inspection"]}),
    # the second member of an enumeration of the place's stock is stock too
    ("", ["落实全县耕地保有量52.36万亩、永久基本农田保护面积45.8万亩的保护任务，复耕复绿153.2亩。"],
     {"land_mu": 153.2}, {"land_mu": ["background", "background"]}),
    # a count before 组织调整, and 将N名…移送司法机关: other accountability
    ("", ["对2名履职不力的村党组织书记予以组织调整；将1名涉嫌挪用公款的原报账员移送司法机关依法处理。"],
     {"other_accountability_people": 3}, {}),
    # 对 puts the money first; the verb inside the object says which money, the act after it what was done
    ("", ["审减工程价款14.8万元；对已超额支付给施工方的5.82万元工程款，已全部追回并退回项目资金专户。"],
     {"recovered_wan": 5.82}, {"recovered_wan": ["audit_reduction"]}),
    # ... and the people first: what was done to them comes after (but not a count after another figure)
    ("", ["追回项目资金8.4万元；对其中涉嫌犯罪的1名原村干部，已移送司法机关依法处理。"],
     {"recovered_wan": 8.4, "other_accountability_people": 1}, {}),
    ("", ["对违规提拔的3名干部予以纠正，对负有责任的2名干部进行诫勉谈话。"], {"other_accountability_people": 2}, {}),
    # the first form is no sanction nor transfer: 移送司法机关 after its breakdown is apart from it
    ("", ["运用监督执纪第一种形态处理41人次，其中诫勉9人、组织处理6人，移送司法机关2人。"],
     {"other_accountability_people": 43}, {"other_accountability_people": ["part_of_total", "part_of_total"]}),
    # the summary repeats two items' figures side by side: the whole-period item does not hold the other's
    ("整改期间，运用“第一种形态”处理16人次，组织处理3人。",
     ["整改期间，运用监督执纪“第一种形态”处理16人次。", "对履职不力的3名村“两委”干部予以组织处理。"],
     {"other_accountability_people": 19}, {"other_accountability_people": ["repeats_item", "repeats_item"]}),
    # a second report's recap of the first ("前期已通报追缴…") is not today's
    ("前期已通报追缴土地出让金384.6万元，立案审查调查3件。整改以来，累计追缴土地出让金2136.5万元，立案审查调查7件。", [],
     {"recovered_wan": 2136.5, "cases": 7}, {"recovered_wan": ["earlier_report"], "cases": ["earlier_report"]}),
    # ... unless the summary adds the whole-period figure to another item's (60件 = 46 + 14): they are apart
    ("县纪委监委累计立案审查调查60件。", ["整改以来累计立案审查调查46件，给予党纪政务处分39人。",
                                    "立案审查调查14件，给予党纪政务处分12人。"],
     {"cases": 60, "disciplined_people": 51}, {"cases": ["sum_of_items"]}),
    # what a survey found out (摸排出) is surveyed, though the campaign is called 清理; the 盘活 after it is acted on
    ("", ["专项清理共摸排出闲置低效用地31宗、面积587.6亩。目前已处置盘活18宗、面积236.8亩。"], {"land_mu": 236.8},
     {"land_mu": ["surveyed"]}),
    # what was done after the last round raised the problem is the last round's
    ("", ["2021年上轮巡察指出该问题后，林场已清退违规发放补贴9.8万元，但此后又有发生。", "清退补贴12.68万元。"],
     {"recovered_wan": 12.68}, {"recovered_wan": ["earlier_report"]}),
    # a member of an enumeration shares the verb before it: 追回 [挤占挪用、违规拨付的] 项目资金
    ("", ["追回挤占挪用、违规拨付的项目资金526.8万元。"], {"recovered_wan": 526.8}, {}),
    # 建设用地 names land, 建设 is no other use of it; what is left (剩余…) is not yet acted on
    ("", ["清退侵占河道的耕地和建设用地2350亩。", "完成复耕复绿19处，面积47.25亩；剩余4处面积14.15亩涉及用地手续补办等问题。"],
     {"land_mu": 2397.25}, {"land_mu": ["no_act"]}),
    # 其 takes a later act back to the people; a passive names what was done to them
    ("", ["对清理发现的1名违规兼职取酬的中层干部，责令其退还违规兼职取酬1.8万元，并对其作出免职的组织处理。",
          "1名涉嫌职务犯罪的村干部已被移送司法机关依法处理。"],
     {"recovered_wan": 1.8, "other_accountability_people": 2}, {}),
    # money paid out wrongly, recovered after the figure (in its clause or a later one without money of its own)
    ("", ["核实违规发放津补贴和加班费8.62万元，涉及干部职工37人，已全部清退到位。",
          "多支付的测绘服务费4.18万元已由服务单位退还。", "清查发现违规报销私车油费1.37万元，已责令相关人员全额退缴。",
          "欠租商户共拖欠租金278万元，已收回拖欠租金236.8万元。", "对项目超付的工程款19.3万元，已向施工企业下达追缴通知，正在依法追缴。"],
     {"recovered_wan": 250.97}, {"recovered_wan": ["not_recovery", "spending"]}),
    # done in an earlier round: 当时, 曾, a last-round problem's money recovered in its own year
    ("", ["2021年县委巡察反馈的违规发放加班补贴问题，当时已清退违规资金18.6万元。",
          "2021年县委巡察反馈后，局党组曾清退违规领取的误餐补助2.36万元。",
          "上轮巡察指出的违规列支费用12.6万元已于2022年全部清退到位。", "追回工程款10万元。"],
     {"recovered_wan": 10}, {"recovered_wan": ["earlier_report", "earlier_report", "earlier_report"]}),
    # a transfer to the judiciary is no part of an item's whole-period 第一种形态 count
    ("", ["对工程管理中涉嫌违法犯罪的1人，已移送司法机关。", "整改期间，集团纪委运用监督执纪第一种形态处理18人次。"],
     {"other_accountability_people": 19}, {}),
    # building floor area named after the figure; an agreement to repay is no money in hand; a last-round
    # problem's money recovered in its own year, the round named a clause before
    ("", ["对集团所属服务区及沿线4.6万平方米经营性用房的租赁合同开展全面清理。", "收回闲置土地12.6亩。",
          "二是对审计指出的集团公司代垫的征地拆迁款320万元，已与县住建局签订分期返还协议，目前尚未到账。",
          "上轮巡察反馈的违规发放补贴问题，涉及的违规资金5.2万元已于2022年全部清退到位。", "追回超付工程款4.73万元。"],
     {"land_mu": 12.6, "recovered_wan": 4.73},
     {"land_mu": ["floor_area"], "recovered_wan": ["not_recovery", "earlier_report"]}),
    # a breakdown that adds up to its total names every kind it holds: an item's 组织调整 is not among them
    ("整改期间，运用监督执纪“第一种形态”处理12人次，其中诫勉2人次、提醒谈话7人次、责令书面检查3人次。",
     ["对考核中发现的履职不力的2名中层干部作出组织调整。"], {"other_accountability_people": 14}, {}),
    # the figure's own words put it in the last round's report
    ("", ["经复核，上轮巡视整改报告所列追回的违规资金84.6万元已全部缴回国库。", "追回多付工程款327.65万元。"],
     {"recovered_wan": 327.65}, {"recovered_wan": ["earlier_report"]}),
]


@pytest.mark.parametrize(("summary", "item_texts", "want", "left_out"), CASES)
def test_each_fact_counted_once(summary, item_texts, want, left_out):
    h = headlines(report(summary, *item_texts))
    got = values(h)
    for key in totals.HEADLINES:
        if key in want:
            assert got[key] == pytest.approx(want[key]), key
        else:
            assert got[key] is None, key       # not stated: None (shown as —), never 0
    for key, why in left_out.items():
        assert reasons(h, key) == why, key


def test_a_round_summary_s_examples_are_parts_of_its_totals():
    """A round's summary with no items: a unit's example ("针对…等问题，县医疗保障局会同…") and the sentences after it
    in its paragraph are parts of the round's total; 县委组织部's 组织处理 is no inspected unit's example."""
    text = (f"{HEAD}截至2024年11月30日，第五轮巡察反馈的286个问题，已整改263个。累计清退、追缴各类资金1286.47万元。"
            "运用监督执纪第一种形态处理48人次。\n"
            "针对巡察指出的医保基金监管不严等问题，县医疗保障局会同县卫生健康局开展专项整治，追回违规结算医保基金418.63万元。\n"
            "柳塘镇党委针对集体“三资”管理不规范问题，组织对全镇14个村集体资产进行清查。截至11月底，追缴拖欠的土地承包费38.72万元。\n"
            "针对巡察发现的干部担当作为不够等问题，县委组织部对3名干部作出调整岗位、免职等组织处理。\n")
    h = headlines(text)
    assert values(h)["recovered_wan"] == pytest.approx(1286.47)
    assert reasons(h, "recovered_wan") == ["part_of_total", "part_of_total"]
    assert values(h)["other_accountability_people"] == 51


def test_seed_totals():
    h = headlines(seed_text())
    assert values(h) == {"recovered_wan": 688.0, "land_mu": 204.01, "cases": 8.0, "disciplined_people": 7.0,
                         "other_accountability_people": None}
    c = h.completion
    assert (c.source, c.level, c.done, c.total, c.rate) == ("items", "items", 14, 31, 45.2)


# completion: (text, (source, level, done, total, rate, reason))
COMPLETION = [
    # every item states its status: the items'
    (report("反馈问题2个，已完成整改1个。", "甲。", "乙。"), ("items", "items", 2, 2, 100.0, None)),
    # no item states one: what the report states, on the level its progress sentence counts
    (report("5个方面15个问题细化为85项整改任务，截至目前，已完成79项，其余6项需长期推进。", "甲。", status="—"),
     ("stated", "tasks", 79, 85, 92.9, None)),
    (report("反馈问题312个，已整改到位287个，正在整改25个（其中需长期坚持的9个）。", "甲。", status="—"),
     ("stated", "problems", 287, 312, 92.0, None)),
    # only a rate
    (report("整改完成率为76%。", "甲。", status="—"), ("stated", "problems", None, None, 76.0, None)),
    # neither: unknown, with its reason — never 0%
    (report("", "甲。", status="—"), (None, None, None, None, None, "no_basis")),
    # more done than there are (tasks counted against problems): no rate, and it says why
    (report("反馈问题22个，已完成整改74个。", "甲。", status="—"), (None, None, None, None, None, "stated_inconsistent")),
]


@pytest.mark.parametrize(("text", "want"), COMPLETION)
def test_completion_from_the_best_source(text, want):
    c = headlines(text).completion
    assert (c.source, c.level, c.done, c.total, c.rate, c.reason) == want


def test_the_reports_own_figure_beside_the_items_when_they_disagree():
    c = headlines(report("反馈问题2个，已完成整改2个，整改完成率100%。", "甲。", "乙。", status="阶段性完成")).completion
    assert (c.source, c.rate) == ("items", 0.0)
    assert c.stated == {"done": 2, "total": 2, "rate": 100.0}


def test_completion_over_several_reports_adds_the_known_and_counts_the_rest():
    a = report("", "甲。", "乙。")                                                       # items: 2 of 2
    b = report("细化为10项整改任务，已完成5项。", "甲。", status="—").replace("某县", "某区")  # stated: 5 of 10
    c = report("", "甲。", status="—").replace("某县", "某镇")                               # unknown
    got = headlines(a, b, c).completion
    assert (got.source, got.done, got.total, got.rate, got.left_out) == ("mixed", 7, 12, 58.3, 1)


def test_a_filter_keeps_the_items_and_leaves_a_stated_report_out():
    led = parse_text(report("细化为10项整改任务，已完成5项。", "甲。", status="—"))
    items = frames.items_frame([(1, led)])
    c = totals.completion(frames.reports_frame([(1, led)]), items, items[items["status"] == "done"], filtered=True)
    assert (c.rate, c.reason) == (None, "filtered_stated")


def test_two_rounds_of_one_publisher_count_a_fact_once():
    first = report("", "追缴土地出让金326.5万元。", "收回闲置土地52.3亩。", status="阶段性完成")
    later = first.replace("2023年3月1日", "2023年3月1日").replace("收回闲置土地52.3亩。", "累计收回闲置土地68.1亩。") \
        .replace("阶段性完成", "完成") + "\n中共某县委\n2024年6月30日\n"
    h = headlines(first + "\n中共某县委\n2023年12月19日\n", later)
    assert h.value("recovered_wan") == 326.5              # reported in both rounds: once
    assert h.value("land_mu") == 68.1                     # the later round's cumulative figure holds the earlier
    assert sorted(reasons(h, "recovered_wan") + reasons(h, "land_mu")) == ["earlier_round", "in_later_total"]
    # completion: the later round stands for the earlier one
    c = h.completion
    assert (c.done, c.total, c.rate) == (2, 2, 100.0)


def test_an_analysts_override_has_the_last_word():
    q = frames.quantities_frame([(1, parse_text(report("", "追缴税款356.8万元，审减工程款86.9万元。")))])
    q = q.assign(override=[None if v == 356.8 else "include" for v in q["value"]])
    got = totals.totals(q)["recovered_wan"]
    assert got.value == pytest.approx(443.7)
    q = q.assign(override=["exclude" if v == 356.8 else None for v in q["value"]])
    got = totals.totals(q)["recovered_wan"]
    assert got.value is None and list(got.excluded["reason"]) == ["analyst_excluded", "audit_reduction"]


def test_the_command_lines_totals_name_their_figures():
    led = parse_text(seed_text())
    out = totals.contract(totals.for_ledgers([(1, led)]))
    assert set(out) == {"completion", "recovered_wan", "land_mu", "cases", "disciplined_people",
                        "other_accountability_people", "basis"}
    assert out["completion"] == {"rate": 45.2, "done": 14, "total": 31, "source": "items"}
    assert [led.quantities[i].match for i in out["basis"]["recovered_wan"]] == ["688万元"]
    assert out["other_accountability_people"] is None and out["basis"]["other_accountability_people"] == []


def test_nothing_to_add_is_none_not_zero():
    empty = frames.quantities_frame([(1, parse_text(report("", "开展学习。")))])
    assert all(t.value is None for t in totals.totals(empty).values())
    assert all(t.value is None for t in totals.totals(empty.iloc[0:0]).values())
    assert isinstance(totals.totals(empty)["land_mu"].excluded, pd.DataFrame)


@pytest.mark.parametrize(("values", "fmt", "shown"), [
    ([20.0, 35.0, 100.0], ",.0f", ["20", "35", "100"]),      # a whole number keeps its zeros
    ([12.5, 3.0, 1268.5], ",.2f", ["12.5", "3", "1,268.5"]),
])
def test_bar_labels_show_the_number(values, fmt, shown):
    from lib.views import charts
    fig = charts.value_bars(pd.DataFrame({"label": ["甲", "乙", "丙"], "value": values}), "t", "x", value_format=fmt)
    assert list(fig.data[0].text) == shown


def test_items_and_measures_are_what_the_report_lists_or_states_never_a_zero_it_does_not_say():
    """A round's summary lists no items: 整改事项 is unknown (—), not 0; its 整改措施 are the ones it states. A
    report with items shows the measures it states, unless a filter asks for the items' own."""
    summary = ("中共某县委巡察工作领导小组办公室关于县委第五轮巡察集中整改情况的通报\n"
               "县委第五轮巡察共反馈问题265个，已整改243个，其余22个正在持续推进。各被巡察党组织共制定整改措施786条。\n")
    h = headlines(summary)
    assert (h.completion.items, h.completion.measures, h.completion.done, h.completion.total) == (None, 786, 243, 265)
    cells = dict((k, v) for k, _, v in completion_cells(h.completion))
    assert (cells["items"], cells["measures"]) == ("—", "786")

    led = parse_text(report("反馈问题2个，制定整改措施12条，已完成整改2个。", "追缴税款356.8万元。", "开展学习。"))
    items = frames.items_frame([(1, led)])
    rows = frames.reports_frame([(1, led)])
    assert totals.completion(rows, items, items).measures == 12                      # as the report states
    shown = items[items["seq"] == items["seq"].min()]
    assert totals.completion(rows, items, shown, filtered=True).measures == int(shown["n_measures"].sum())


AREAS = ("中共某镇委员会关于巡察整改进展情况的通报\n根据县委统一部署，2024年3月11日至4月30日，县委第一巡察组对某镇党委开展了巡察。"
         "2024年6月5日，巡察组反馈了4个方面20个问题。\n一、整改工作开展情况\n镇党委成立整改工作领导小组。\n"
         "二、巡察反馈问题整改进展情况\n"
         "（一）关于贯彻落实上级决策部署方面\n一是追缴拖欠的集体土地承包费{a}万元。二是开展专项整治。\n"
         "（二）关于群众身边腐败问题方面\n一是追回违规领取的低保金{b}万元。二是规范村务公开。\n"
         "综上，巡察反馈的4个方面20个问题，已完成整改18个，正在整改2个。整改期间，全镇累计追缴、追回各类资金{total}万元。\n"
         "三、下一步工作打算\n持续抓好整改。\n中共某镇委员会\n2024年10月25日\n")


@pytest.mark.parametrize(("a", "b", "total", "want", "why"), [
    # the closing's running total is larger than the areas' money: it holds them, they count in it
    (37.85, 9.46, 126.83, 126.83, ["in_closing_total", "in_closing_total"]),
    # it is exactly their sum: the areas' figures count, the total is their sum
    (37.85, 9.46, 47.31, 47.31, ["sum_of_figures"]),
    # smaller than what the areas name: not their total, every figure counts
    (37.85, 9.46, 20.0, 67.31, []),
])
def test_a_report_of_areas_closing_with_a_running_total(a, b, total, want, why):
    ledger = parse_text(AREAS.format(a=a, b=b, total=total))
    assert not ledger.items and len(ledger.themes) == 2
    h = totals.for_ledgers([(1, ledger)])
    assert h.value("recovered_wan") == pytest.approx(want)
    assert sorted(reasons(h, "recovered_wan")) == sorted(why)


def test_a_round_over_several_units_opening_with_the_rounds_counts():
    """A notice over five units' rectification, the round's counts first and then each unit's section: the units'
    cases are among the round's 9 (they fit in it), so the round's count is the headline and theirs are left out."""
    text = ("中共某市直属机关工作委员会关于市直机关第二轮巡察整改进展情况的通报\n"
            "2024年9月9日至11月8日，市直机关工委第一巡察组对市财政局等5个单位党组织开展了巡察。\n一、总体整改情况\n"
            "截至2025年5月31日，本轮巡察反馈的68个问题已完成整改61个，正在整改7个。本轮巡察共向市纪委监委移交问题线索21件，"
            "市纪委监委已立案审查调查9件。\n二、各单位整改情况\n（一）市财政局党组\n派驻纪检监察组立案审查调查1件。\n"
            "（二）市农业农村局党组\n派驻纪检监察组立案审查调查2件。\n三、下一步工作打算\n持续抓好整改。\n")
    h = headlines(text)
    assert h.value("cases") == 9
    assert sorted(reasons(h, "cases")) == ["clue", "in_opening_total", "in_opening_total"]
