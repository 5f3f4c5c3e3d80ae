"""Figures in the prose (126.5万元, 35.2亩, 立案5件5人, 党内警告处分3人, 42%) with what they count and where."""
from __future__ import annotations

import re
from bisect import bisect_right

import cn2an

from .model import Item, Quantity
from .roles import EARLIER_LINE, EARLIER_REPORT, OVERALL, PEOPLE_UNITS, WHOLE_PERIOD, classify
from .status import standalone_status

# A figure: Arabic (with thousands separators) or Chinese numerals, an optional 余/多, a unit.
_MONEY = {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}
_AREA = {"平方公里": 1500.0, "万平方米": 15.0, "平方米": 0.0015, "公顷": 15.0, "亩": 1.0}
_COUNT = ("人次", "件次", "台次", "车次", "批次", "场次", "轮次", "家次", "户次", "卷", "个", "件", "人", "名", "位", "家", "宗", "次", "项", "条", "起", "批", "场", "户", "套",
          "处", "栋", "所", "份", "篇", "期", "轮", "笔", "台", "辆", "座", "类", "册", "支", "块", "例", "顿",
          "门", "本", "张", "吨", "公里", "间", "眼", "艘")   # 眼: wells and springs (关停取水井218眼); 艘: boats
_UNITS = sorted(list(_MONEY) + list(_AREA) + list(_COUNT) + ["%", "‰", "个百分点"], key=len, reverse=True)
_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
MAX_QUOTE = 400   # characters of the source quoted with a figure, at most

# No optional prefix: the pattern starts with a digit or a numeral, so the regex engine skips every other
# position quickly; (?<!\d) and bounded runs keep a megabyte of digits linear. What else may precede a
# figure is checked in Python (_preceded_ok).
# The leading lookahead lets the engine skip, in C, every character that cannot start a figure.
FIGURE_RE = re.compile(
    rf"(?=[\d{_CN_NUM}])"
    r"(?:(?<!\d)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?)(?![\d.])"
    rf"|(?P<cn>[{_CN_NUM}]{{1,8}}))"
    r"(?P<approx>余|多)?(?P<mult>万|亿)?(?=(?:余|多)?(?P<unit>" + "|".join(map(re.escape, _UNITS))
    # 部 counts films and books ("警示教育片2部"), not departments (3部门) or ministries
    + r"|部(?![门署分队长委级属位件])))"
)
_CLAUSE_AFTER = re.compile(r"[^,;。，；\n]*")
_SENTENCE_REST = re.compile(r"[^;。；\n]*")
_IMPOSE = re.compile(r"进行|给予|予以|作出|给以|实施|受到")
_APPROX_BEFORE = re.compile(r"(?:约|近|逾|超过|大约|将近)$")


def _preceded_ok(norm: str, m: re.Match) -> bool:
    """第57次 is an ordinal, 1,250 continues a number, G20 is a name."""
    i = m.start()
    prev = norm[i - 1] if i else ""
    if m.group("num"):
        return not (prev.isdigit() or prev in ".第" or prev.isascii() and prev.isalpha()
                    or prev == "," and i > 1 and norm[i - 2].isdigit())
    return prev != "第" and prev not in _CN_NUM


# What must not follow: 3个月 is a duration, 一次性 an adjective, 两个责任 a slogan (usually quoted anyway).
_NOT_AFTER = {"个": ("月", "工作日", "小时", "百分点"), "次": ("性",), "人": ("民", "员", "大", "才", "社", "事", "口", "身"),
              "项": ("目", "规定"), "名": ("单", "称", "义"), "家": ("庭", "属", "人", "长会", "长们"), "期": ("间", "限", "内"),
              "处": ("理", "置", "分", "室", "长"), "条": ("例", "件"), "件": ("事",), "类": ("型", "别"),
              "所": ("有", "在", "属"), "批": ("评", "准", "示", "复"), "台": ("账",), "户": ("籍",),
              "位": ("置",), "场": ("所", "景"), "块": ("钱",),
              "门": ("户", "类", "槛", "口", "前", "诊", "店", "面", "窗", "式", "心", "路"),
              "本": ("地", "级", "单位", "部", "次", "届", "年", "月", "职", "身", "人", "着", "市", "县", "区", "镇",
                     "局", "系统", "领域", "行业", "质", "来", "钱", "金", "息"),
              "张": ("贴", "扬", "力", "榜", "罗"), "眼": ("前", "光", "界", "睛", "里", "下"), "间": ("隔", "断", "接", "歇", "距", "或")}

SANCTIONS = (
    "党内严重警告", "党内警告", "撤销党内职务", "留党察看", "开除党籍",
    "政务警告", "政务记大过", "政务记过", "政务降级", "政务撤职", "政务开除",
    "严重警告", "记大过", "记过", "降级", "撤职", "开除公职", "开除", "警告",
    "诫勉谈话", "诫勉", "组织处理", "批评教育", "批评帮助", "提醒谈话", "责令检查", "责令作出书面检查", "责令书面检查", "通报批评",
    "停职检查", "调整职务", "组织调整", "免职", "降职", "党纪处分", "政务处分", "党纪政务处分", "移送司法机关", "移送检察机关",
    "移送审查起诉", "交由纪委调查",
    "函询", "谈话函询", "问责",
)
_SANCTION_RE = re.compile("|".join(sorted(SANCTIONS, key=len, reverse=True)))
_PARTY_KINDS = {"严重警告": "党内严重警告", "警告": "党内警告"}
_GOV_KINDS = {"警告": "政务警告", "记过": "政务记过", "记大过": "政务记大过", "降级": "政务降级", "撤职": "政务撤职", "开除": "政务开除"}

_CASE_WORDS = re.compile(r"立案|积案|办结|了结|结案|审理|审查调查|问题线索|线索|留置|移送|信访件|信访案件|案件|初核")
_LAND_WORDS = re.compile(r"土地|用地|宗地|地块|招拍挂|出让|征地|拆迁|征拆|闲置|宅基地|耕地|厂房")
_RECOVERY_WORDS = re.compile(r"追缴|追回|收回|清退|退缴|退还|退回|挽回|返还|收缴|入库|催缴|退赔|上缴|缴回|清收|清缴|挽损|整改金额|纠正")
_MONEY_OBJECTS = re.compile(
    r"土地出让金|土地欠款|土地款|欠款|租金|欠租|税款|违规资金|专项资金|资金|津补贴|补贴|奖金|经济损失|损失|债务|费用|款项|国有资产|资产|出让金|罚款|违纪款"
)
_LOAN_WORDS = re.compile(r"贷款|本息|借款")
_OTHER_MONEY_VERBS = re.compile(r"审减|核减|节约|节省|减少|化解|拨付|投入|安排|支出|投资|统筹|补助|发放|兑付")
_VERBS = re.compile(r"追缴|追回|收回|清退|退缴|退还|退回|挽回|返还|收缴|催缴|退赔|上缴|缴回|清收|清缴|偿还|化解|拨付|投入|节约|减少|盘活|处置|"
                    r"拒付|审减|核减|罚款|缴纳|补缴")
_FILLER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}是|截[止至]目前|截[止至]\S{0,12}?[日月年]底?|目前|今年来|今年以来|今年|年内|全年|近年来|其中|共计|合计|累计|总计|共|先后|已经|已|均|对|并|还|同时|全区|全县|全市|全面|此外|另外|分别|其他)+"
)
_ADVERBS = re.compile(r"今年以来|今年来|今年|先后|已经|目前|累计|共计|分别|均已|均")
# Where the noun after a figure ends: "2家企业均已…", "3宗闲置土地启动处置程序" → 企业, 闲置土地
_TASK_NOUN = re.compile(r"整改(?:任务|措施|事项|问题)")
_NOUN_END = re.compile(r"[的和及与并在均已由被将正开对分]|启动|开展|进行|实施|予以|依法|完成|办理|落实|整改|处置|纳入|全部")
_TRAIL_FILLER = re.compile(r"(?:共计|合计|总计|累计|共|计|达到|达|为|是|约|有|了|的|将|涉及|面积|由|从)+$")
_PRONOUNS = {"其余", "其他", "另", "另有", "剩余", "尚", "尚有", "还有", "余下"}
_CHANGE_VERB = r"(?:提升|提高|下降|降低|减少|增加|增长|压降|压减|缩减|精简|调整|扩大|缩小|上升|降|增|升)"
_CHANGE = re.compile(rf"^{_CHANGE_VERB}(?:至|到|为)?$")
_CHANGE_FIRST = set("提下降减增压升调扩缩上精")
# the words after a "由352个" are the change, not what is counted: "银行账户由352个压减至217个"
_CHANGE_AFTER = re.compile(rf"^{_CHANGE_VERB}(?:至|到|为)")
_MONEY_NOUN = re.compile(r"资金|款|费|金|补贴|补助|薪酬|工资|奖|租|税|资产|损失|经费|收入|收益|价")
_CASE_NOUN = re.compile(r"立案(?:查处|审查调查|审查|调查)?([\u4e00-\u9fff、]{2,24}案件)$")


def _value(m: re.Match) -> float | None:
    if m.group("num"):
        v = float(m.group("num").replace(",", ""))
    else:
        cn = m.group("cn")
        if cn in ("万", "亿", "百", "千") or cn.endswith(("万亿",)):
            return None
        try:
            v = float(cn2an.cn2an(cn, "smart"))
        except (ValueError, KeyError, TypeError):
            return None
    if m.group("mult") == "万":
        v *= 10000
    elif m.group("mult") == "亿":
        v *= 100000000
    return v


def _quoted_spans(norm: str) -> list[tuple[int, int]]:
    """Spans inside “…” and 《…》: slogans and titles, whose numbers are names, not figures."""
    spans = []
    for m in re.finditer(r"“[^“”\n]{0,40}”|《[^《》\n]{0,80}》|\"[^\"\n]{0,40}\"", norm):
        spans.append((m.start(), m.end()))
    return spans


def _in_spans(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# A sentence ends at 。;!? or a line end; a run of them (blank lines) is one end, so a file of empty
# lines does not make millions of empty sentences.
_SENTENCE_END = re.compile(r"[。;!?\n][。;!?\n\s]*")


def _sentences(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    s = a
    for m in _SENTENCE_END.finditer(norm, a, b):
        e = m.end()
        out.append((s, e))
        s = e
    if s < b:
        out.append((s, b))
    return out


_LEAD_MARKS = ",;:、()，（）[]【】"   # where the words that lead to a figure begin


def _clause_start(norm: str, sent_a: int, pos: int, prev_end: int) -> int:
    """Start of the phrase that leads to a figure: after the last comma-like mark or the previous figure."""
    k = pos
    while k > sent_a and k > prev_end:
        c = norm[k - 1]
        if c == ")" and k == pos:
            # "民主生活会(组织生活会)38次": the words before the parenthesis lead to the figure
            j = norm.rfind("(", sent_a, k)
            if j > prev_end:
                k = j
                pos = j
                continue
        if c == "、" and _shared_member(norm, max(sent_a, prev_end), k - 1):
            k -= 1     # "基本完成、需长期坚持的1个", "投标、履约、质量等各类保证金": members sharing one figure
            continue
        if c in _LEAD_MARKS:
            break
        k -= 1
    return k


def _shared_member(norm: str, lo: int, pos: int) -> bool:
    """The words before the 、 at pos (back to the last mark) hold no figure: they share the next one."""
    j = pos
    while j > lo and norm[j - 1] not in _LEAD_MARKS + "。":
        j -= 1
    return j < pos and not any(ch.isdigit() for ch in norm[j:pos])


_TRAILING = re.compile(r"[^,;:、()。\d\n]{0,14}")


def _trailing(norm: str, pos: int, sent_b: int) -> str:
    return _TRAILING.match(norm, pos, min(sent_b, pos + 14)).group(0)


_ENUM_MARK = re.compile(r"^(?:[①-⑳]|\d{1,2}[.、](?:(?!\d)|(?=(?:19|20)\d{2}年))|\(\d{1,2}\)|[一二三四五六七八九十]{1,2}是)")


def _clean(s: str) -> str:
    s = re.sub(r"[“”\"《》‘’'\s]", "", s)
    s = _ENUM_MARK.sub("", s)      # ②追回… → 追回…
    s = _FILLER.sub("", s)
    s = _ADVERBS.sub("", s)
    s = _TRAIL_FILLER.sub("", s)
    if len(s) > 16:
        # cut inside a number ("2024年通过…" → "4年通过…"): drop the fragment
        s = re.sub(r"^[\d.,]+[年月日号]?", "", s[-16:])
    return s


def _sanction(lead: str, sentence_before: str) -> str | None:
    found = list(_SANCTION_RE.finditer(lead))
    if not found:
        return None
    kind = found[-1].group(0)
    if "第一种形态" in lead:
        return "第一种形态"        # "运用第一种形态批评教育帮助和处理64人次": the form, not one of its ways
    context = sentence_before
    gov = context.rfind("政务")
    party = max(context.rfind("党纪"), context.rfind("党内"))
    if kind in _GOV_KINDS and gov > party:
        return _GOV_KINDS[kind]
    if kind in _PARTY_KINDS:
        return _PARTY_KINDS[kind]
    return kind


def _label(kind: str, unit: str, lead: str, trail: str, before: str, prev_label: str | None) -> tuple[str, str | None]:
    """(label, sanction kind or None) for a figure, from the words around it."""
    s = _sanction(lead, before)
    if s and kind == "count":
        return s, s
    own = _clean(lead)
    if kind == "count" and unit == "件" and "案件" in own and (noun := _CASE_NOUN.search(own) or _CASE_NOUN.search(lead.strip())):
        return noun.group(1), None     # "立案查处非法占用林地案件9件": whose cases, not just 立案
    case = list(_CASE_WORDS.finditer(lead))
    if kind == "count" and case and unit in ("件", "人", "名", "起", "宗", "个", "人次", "件次"):
        # 立案审查调查17件: the case is counted by its 立案, whatever the procedure named after it
        word = "立案" if any(c.group(0) == "立案" for c in case) and not re.search(r"办结|了结|结案|审结", lead) \
            else case[-1].group(0)
        if word in ("办结", "了结", "结案"):
            prior = _CASE_WORDS.findall(before)
            if "积案" in prior:
                return "积案办结", None
        return word, None
    if kind == "money" and _OTHER_MONEY_VERBS.search(lead) and not _RECOVERY_WORDS.search(lead) and own:
        return own, None               # "审减工程结算价款1,035万元": its own words, not the sentence's 收回
    if kind == "money" and len(own) >= 3 and _VERBS.search(own) and _MONEY_NOUN.search(own):
        return own, None               # "收回林地使用费12.3万元": the figure's own words say what it is
    if own in _PRONOUNS and trail and re.match(r"[\u4e00-\u9fff]", trail):
        # "其余3个正在推进", "另有0.35平方公里正在施工": the words after say what they are
        t = _clean(re.sub(r"^(?:已|均|仍|尚|正|需)", lambda m: m.group(0) if m.group(0) == "正" else "", trail))
        if len(t) >= 2:
            return t[:16], None
    if prev_label and own[:1] in _CHANGE_FIRST and _CHANGE.match(own):
        return prev_label, None        # "线上备案率由41%提升至87%": the 87% is the same rate
    if kind == "money":
        ctx = lead + trail
        obj = _MONEY_OBJECTS.search(ctx) or _MONEY_OBJECTS.search(before[-40:])
        verb = _VERBS.search(ctx) or (list(_VERBS.finditer(before[-40:])) or [None])[-1]
        if obj and verb:
            return obj.group(0) + verb.group(0), None
    if kind == "count" and not own and (status := standalone_status(trail)):
        return status, None            # "已完成整改2个，2个正在推进": the count of a status is named by it
    if kind == "count" and not _clean(lead) and trail:
        t = re.sub(r"^(?:已|均|正在|先后|共)", "", trail)
        if t.startswith(("正在审理", "审理中")):
            return "审理中", None
    lead_c = own
    if kind == "count" and lead.rstrip().endswith(("由", "从")) and _CHANGE_AFTER.match(trail):
        return (re.sub(r"^(?:将|把|使|让)", "", _clean(lead.rstrip()[:-1])) or unit), None
    if kind == "count" and trail and re.match(r"[\u4e00-\u9fff]", trail):
        # "细化为84项整改任务": 整改 ends a noun elsewhere, here it begins one
        t = _clean(_NOUN_END.split(trail, maxsplit=1)[0]) or (m.group(0) if (m := _TASK_NOUN.match(trail)) else "")
        if len(t) >= 2 and not lead_c:
            return t, None
        if lead_c and lead.rstrip().endswith("的") and len(t) >= 2:
            return (lead_c + t)[-16:], None
        if len(t) >= 2 and unit in ("家", "个", "条", "项", "名", "位", "宗", "处", "户", "套", "所", "篇", "份", "支", "起", "批"):
            return t, None
        if len(t) == 1 and unit in ("个", "所", "座", "家") and trail[1:2] in ("(", "（", "", "，", ","):
            return t, None             # "对全镇14个村(社区)": the noun is one character
    if not lead_c and prev_label:
        return prev_label, None
    if lead_c:
        return lead_c, None
    return (prev_label or _clean(trail) or unit), None


def _tags(kind: str, unit: str, label: str, sanction: str | None, ctx: str) -> list[str]:
    tags = [kind]
    if kind == "area" or unit == "宗" or _LAND_WORDS.search(ctx) or _LAND_WORDS.search(label):
        tags.append("land")
    # a bank collecting its loans (清收不良贷款, 归还逾期本息) is business, not money recovered from misuse
    # the sentence's verb only when the figure's own words have none: in "追回…，审减工程结算价款1,035万元"
    # the 1,035 is an audit reduction, not money recovered
    if kind == "money" and (_RECOVERY_WORDS.search(label) or _RECOVERY_WORDS.search(ctx)
                            and not _OTHER_MONEY_VERBS.search(label)) \
            and not _LOAN_WORDS.search(label):
        tags.append("recovery")
    if kind == "count" and (_CASE_WORDS.search(label) or unit == "件" and _CASE_WORDS.search(ctx)):
        tags.append("case")
    if sanction:
        tags.append("sanction")
    if kind == "percent" and re.search(r"完成率|整改率|办结率", label + ctx):
        tags.append("rate")
    return tags


_ROUND = re.compile(r"第([一二三四五六七八九十\d]{1,3})轮")


def _other_round(norm: str, sa: int, sb: int, own: re.Match | None) -> bool:
    """A sentence about another round than the report's ("县委第五轮巡察共反馈问题267个…" in the sixth round's
    report): its figures are that round's."""
    if own is None:
        return False
    rounds = {m.group(1) for m in _ROUND.finditer(norm, sa, sb)}
    return bool(rounds) and own.group(1) not in rounds and "本轮" not in norm[sa:sb]


def _earlier_line(norm: str, sa: int) -> bool:
    """The sentence at sa lies in a line of a second round's 上轮 columns, before any 本轮 part of that line."""
    start = norm.rfind("\n", 0, sa) + 1
    return bool(EARLIER_LINE.match(norm, start)) and "本轮" not in norm[start:sa]


def extract(orig: str, norm: str, a: int, b: int, items: list[Item]) -> list[Quantity]:
    """Every figure in norm[a:b], with the item whose block holds it."""
    spans = _quoted_spans(norm)
    starts = [s for s, _ in spans]
    item_starts = [it.start for it in items]
    out: list[Quantity] = []
    sentences = _sentences(norm, a, b)
    by_sentence: dict[int, list[re.Match]] = {}
    sentence_starts = [sa for sa, _ in sentences]
    own = _ROUND.search(norm, 0, min(len(norm), 800))   # "县委第六轮巡察": the round the report is about
    for m in FIGURE_RE.finditer(norm, a, b):
        if _preceded_ok(norm, m):
            by_sentence.setdefault(bisect_right(sentence_starts, m.start()) - 1, []).append(m)
    for k, matches in sorted(by_sentence.items()):
        sa, sb = sentences[k]
        prev_end = sa
        prev_label = None
        ctx = None
        earlier = None
        for m in matches:
            if m.end() > sb:
                continue   # a unit beyond the sentence end cannot belong to this number
            unit = m.group("unit")
            num_start = m.start()
            pre = _APPROX_BEFORE.search(norm, max(sa, num_start - 2), num_start)
            if _in_spans(num_start, spans, starts):
                continue
            if m.group("cn"):
                cn = m.group("cn")
                # 一 alone is an article more often than a figure (一次性, 一批, 一个); keep it for people and cases.
                # "给予一人党内严重警告处分": the sanction may follow
                if cn == "一" and not (unit in ("人", "件", "名") and (
                        _SANCTION_RE.search(norm, max(sa, num_start - 40), num_start)
                        or _CASE_WORDS.search(norm, max(sa, num_start - 40), num_start)
                        or _SANCTION_RE.search(norm, m.end(), min(sb, m.end() + 16)))):
                    continue
            unit_start = m.end()
            while norm[unit_start] in "余多":
                unit_start += 1
            unit_end = unit_start + len(unit)
            nxt = norm[unit_end: unit_end + 3]
            if any(nxt.startswith(x) for x in _NOT_AFTER.get(unit, ())):
                continue
            if unit == "个" and nxt.startswith("百分点"):
                continue
            value = _value(m)
            if value is None:
                continue
            if unit in _MONEY:
                kind, value_std, unit_std = "money", value * _MONEY[unit], "万元"
            elif unit in _AREA:
                kind, value_std, unit_std = "area", value * _AREA[unit], "亩"
            elif unit in ("%", "‰", "个百分点"):
                kind, value_std, unit_std = "percent", value, unit
            else:
                kind, value_std, unit_std = "count", value, unit
            fig_start = pre.start() if pre else num_start
            lead_start = _clause_start(norm, sa, fig_start, prev_end)
            lead = norm[lead_start:fig_start]
            trail = _trailing(norm, unit_end, sb)
            # the words before the figure in its sentence, bounded: a sentence may hold thousands of figures
            before = norm[max(sa, fig_start - 80):fig_start]
            label, sanction = _label(kind, unit_std, lead, trail, before, prev_label)
            if sanction is None and kind == "count" and unit_std in ("名", "人", "位"):
                # "对2名干部进行诫勉谈话", "给予1名违规干部党内警告处分": the count before the sanction
                after = _CLAUSE_AFTER.match(norm, unit_end, min(sb, unit_end + 40)).group(0)
                named = _SANCTION_RE.search(after)
                nxt = unit_end + len(after)
                if named is None and "对" in lead and norm[nxt:nxt + 1] in "，,":
                    # "对工程管理中涉嫌违法犯罪的1人，已移送司法机关": the act opens the next clause
                    more = _CLAUSE_AFTER.match(norm, nxt + 1, min(sb, nxt + 25)).group(0)
                    if (m2 := _SANCTION_RE.search(more)) and m2.start() <= 6:
                        after = after + norm[nxt] + more
                        named = _SANCTION_RE.search(after, len(after) - len(more))
                # "对涉嫌职务犯罪的3人依法移送司法机关", "对2名干部诫勉谈话": 对 names who it was imposed on
                # "给予1名…党内警告处分、1名工作人员政务记过处分": the 给予 before the list holds for each
                clause = before[max(before.rfind(c) for c in "，,；;") + 1:]
                listed = before.rstrip().endswith("、") and _IMPOSE.search(clause)
                # "将1名…原村报账员移送司法机关": 将 names who was handed over
                handed = "将" in lead and named is not None and named.group(0).startswith("移送")
                # "1名涉嫌职务犯罪的村干部已被移送司法机关": the passive names what was done to them
                passive = named is not None and after[:named.start()].endswith("被")
                if named and (_IMPOSE.search(lead + after[:named.start()]) or "对" in lead or listed or handed
                              or passive):
                    sanction = _sanction(named.group(0), before + after[:named.start()])
                    label = sanction
            if ctx is None:
                ctx = norm[sa:sb] if sb - sa <= 400 else norm[max(sa, fig_start - 200):min(sb, unit_end + 200)]
            tags = _tags(kind, unit_std, label, sanction, lead + trail + label if kind == "count" else ctx)
            if sb - sa > 400:
                ctx = None   # a long sentence: a window around each figure instead of the whole
            # 约50万元, 50余万元, 5%以下, 5万元以上: not an exact figure
            approx = bool(m.group("approx") or pre or norm[m.end():unit_start]
                          or norm.startswith(("以上", "以下", "左右", "上下"), unit_end))
            # "4、5次", "3至5次": the number before makes this a range, not a precise count
            if re.search(r"[\d一二三四五六七八九十两]\s*(?:[、~-]|至|到)\s*$", norm[max(sa, num_start - 4):num_start]):
                approx = True
            ts, te = sa, sb
            if te - ts > MAX_QUOTE:
                # a run-on "sentence" (a flattened table, a pasted list): quote the clause around the figure
                ts = max(sa, fig_start - MAX_QUOTE // 2)
                cut = max(norm.rfind(c, ts, fig_start) for c in ",;:、")
                ts = cut + 1 if cut != -1 else ts
                te = min(sb, unit_end + MAX_QUOTE // 2)
                ends = [i for i in (norm.find(c, unit_end, te) for c in ",;:、") if i != -1]
                te = min(ends) if ends else te
            while ts < te and norm[ts] in " \n":
                ts += 1
            while te > ts and norm[te - 1] in " \n":
                te -= 1
            k = bisect_right(item_starts, num_start) - 1
            item = items[k] if k >= 0 and items[k].start <= num_start < items[k].end else None
            if headline_kinds(kind, unit_std):
                p0 = max(norm.rfind("。", max(a, fig_start - 300), fig_start), norm.rfind("\n", max(a, fig_start - 300), fig_start))
                p0 = p0 + 1 if p0 >= 0 else max(a, fig_start - 300)
                if item is None and OVERALL.search(norm, p0, fig_start):
                    # the opening's sums over the whole period (整改期间，…；追回…) hold the items' figures
                    tags = tags + ["overall"]
                elif item is not None and WHOLE_PERIOD.search(norm, p0, fig_start):
                    # "三是巡视整改期间，学校纪委…；给予党纪政务处分15人": an item's count over the whole period
                    tags = tags + ["period"]
            if earlier is None:   # once a sentence: does it retell an earlier report?
                earlier = bool(EARLIER_REPORT.search(norm, sa, sb if sb - sa <= 400 else sa + 400)) or \
                    _other_round(norm, sa, sb, own) or _earlier_line(norm, sa)
            # the words after money and land run to the end of the sentence, past dates: "剩余26.8万元已于2024年4月
            # 全部追缴入库", "对…8.6公顷土地，通过协议方式交由属地政府收储"; people too: "对…1名原村干部，已移送司法机关"
            # (and cases: "立案查处违法违规建设行为19件，处罚款86.5万元" are an agency's, punished with a fine)
            people = kind == "count" and unit_std in PEOPLE_UNITS
            cases = kind == "count" and unit_std in ("件", "宗", "起")
            after = _SENTENCE_REST.match(norm, unit_end, min(sb, unit_end + (64 if people else 40))).group(0) \
                if kind in ("money", "area") or people or cases else trail
            headline, aside = classify(kind, unit_std, label, tags, before, after, earlier)
            recovered = headline == "recovered_wan" and aside is None
            if kind == "money" and ("recovery" in tags) != recovered:
                # the figure's own verb decides, not any verb of its sentence (lib.ledger.roles)
                tags = [t for t in tags if t != "recovery"] + (["recovery"] if recovered else [])
            out.append(Quantity(
                item_no=item.no if item else None, value=round(value_std, 6), unit=unit_std, kind=kind,
                label=label, tags=tags, text=orig[ts:te], start=ts, end=te,
                match=orig[fig_start:unit_end], match_start=fig_start, match_end=unit_end,
                approximate=approx, item_seq=item.seq if item else None, headline=headline, aside=aside,
            ))
            prev_end = unit_end
            prev_label = label
    out += _fractions(orig, norm, a, b, sentences, sentence_starts, spans, starts, items, item_starts)
    out.sort(key=lambda q: q.match_start)
    return out


def headline_kinds(kind: str, unit: str) -> bool:
    return kind in ("money", "area") or unit in ("件", "人", "名", "位", "人次", "宗")


# 整改完成率百分之八十三点三, 消除比例达到三分之二: percentages written in words
_FRACTION_RE = re.compile(r"(?=[百一二两三四五六七八九十])(?:百分之(?P<pct>[零〇一二两三四五六七八九十百]{1,4}(?:点[零〇一二三四五六七八九]{1,4})?)"
                          r"|(?P<den>[一二两三四五六七八九十]{1,2})分之(?P<num>[一二两三四五六七八九十]{1,2}))")


def _fractions(orig, norm, a, b, sentences, sentence_starts, spans, starts, items, item_starts) -> list[Quantity]:
    out = []
    if "分之" not in norm[a:b]:
        return out             # most reports write none: one scan in C
    for m in _FRACTION_RE.finditer(norm, a, b):
        if _in_spans(m.start(), spans, starts):
            continue
        try:
            if m.group("pct"):
                value = float(cn2an.cn2an(m.group("pct"), "smart"))
            else:
                value = round(100.0 * cn2an.cn2an(m.group("num"), "smart") / cn2an.cn2an(m.group("den"), "smart"), 1)
        except (ValueError, KeyError, TypeError, ZeroDivisionError):
            continue
        sa, sb = sentences[bisect_right(sentence_starts, m.start()) - 1]
        lead = norm[_clause_start(norm, sa, m.start(), sa):m.start()]
        label = _clean(lead) or "%"
        ts, te = (sa, sb) if sb - sa <= MAX_QUOTE else (max(sa, m.start() - MAX_QUOTE // 2), min(sb, m.end() + MAX_QUOTE // 2))
        while ts < te and norm[ts] in " \n":
            ts += 1
        while te > ts and norm[te - 1] in " \n":
            te -= 1
        k = bisect_right(item_starts, m.start()) - 1
        item = items[k] if k >= 0 and items[k].start <= m.start() < items[k].end else None
        tags = ["percent"] + (["rate"] if re.search(r"完成率|整改率|办结率", label + norm[sa:sb]) else [])
        out.append(Quantity(
            item_no=item.no if item else None, value=value, unit="%", kind="percent", label=label, tags=tags,
            text=orig[ts:te], start=ts, end=te, match=orig[m.start():m.end()], match_start=m.start(),
            match_end=m.end(), item_seq=item.seq if item else None))
    return out
