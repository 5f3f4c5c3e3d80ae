"""What a report says of its own progress: 反馈25个问题，已完成整改19个、正在整改6个，整改完成率76%."""
from __future__ import annotations

import re

import cn2an

from .model import Stated
from .roles import EARLIER_REPORT
from .status import NOT_DONE_WORDS

# (?<!\d) and a bounded run keep a line of ten thousand digits linear (each position would rescan the run)
_N = r"(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,7}|[一二两三四五六七八九十百]{1,6})"   # 1,046 with its comma
_UNIT = r"(?:个|条|项)"
_NUM_FIRST = "0-9一二两三四五六七八九十百"
# Each pattern opens with a lookahead of the characters it can start with, so the engine skips the rest in C.
_TOTAL = re.compile(
    rf"(?=[反指交移梳发共汇{_NUM_FIRST}])"
    rf"(?:反馈|指出|交办|移交|梳理|发现|共性|汇总)[^,;。，；]{{0,16}}?(?<![\d.]){_N}(?:{_UNIT}|类)(?:具体)?(?:问题|反馈意见|意见|整改任务)"
    rf"|(?<![\d.]){_N}{_UNIT}(?:巡[视察])?反馈(?:问题|意见)"
    rf"|(?<![\d.]){_N}{_UNIT}问题(?=已(?:完成整改|整改完成|完成|整改到位|销号)(?:\d|[一二两三四五六七八九十百]{{1,6}}{_UNIT}))"
    rf"|(?:反馈|指出|交办|移交)(?:的)?(?:具体)?(?:问题|意见)(?:共)?(?<![\d.]){_N}{_UNIT}"   # 反馈问题7个
)
# "28个问题已完成整改26个": after the total, the count that follows is the done count, not the total itself.
_THEN_COUNT = rf"(?!(?:整改)?(?:问题)?(?:\d|[一二两三四五六七八九十百]{{1,6}}{_UNIT}))"
# "3个方面5个问题10个具体问题": the specific problems are what the items count
_SPECIFIC_TOTAL = re.compile(rf"(?=[反指交梳])(?:反馈|指出|交办|梳理)[^。;；]{{0,24}}?(?<![\d.]){_N}{_UNIT}具体问题")
# "巡察反馈的8个问题和审计指出的5个问题，共13个问题": the sum the report makes itself
# "合计：共4类10个问题" (the classes counted first), a 台账's "合计：6个问题", a statistics table's "问题数12个"
_SUM_TOTAL = re.compile(rf"(?=[共合问])(?:共计|共|合计)(?:\s*:\s*)?(?:(?:\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})(?:类|个方面))?"
                        rf"(?<![\d.]){_N}{_UNIT}(?:具体)?问题|问题(?:总)?数(?:量)?(?<![\d.]){_N}{_UNIT}"
                        # "…指出问题9个；审计发现问题3个一并纳入台账，共计问题12个"
                        rf"|(?:共计|合计)(?:\s*:\s*)?问题(?<![\d.]){_N}{_UNIT}"
                        # a 台账's 统计 row: "共12项，已完成8项…" counts the ledger's own rows
                        rf"|(?:共计|共|合计)(?<![\d.]){_N}{_UNIT}(?=[,，]\s*(?:其中)?(?:已完成|已整改|完成))")
_DONE = re.compile(
    rf"(?=[已完整{_NUM_FIRST}])"
    rf"(?<!基本)(?<!阶段性)(?<!未)(?:已完成整改|已整改完成|完成整改|已整改到位|整改到位|已完成|整改完成|已整改|已销号)"
    rf"(?:具体)?(?:问题|任务|事项)?(?<![\d.]){_N}{_UNIT}"
    rf"|{_N}{_UNIT}(?:问题)?已(?:完成|整改到位|整改完成|销号){_THEN_COUNT}"
    # a 台账's 总计 over its 完成进度 column: "完成进度100%的6个"
    rf"|完成进度\s*100\s*%的{_N}{_UNIT}"
)
_ADVANCING = r"(?:按时序|按序时|序时|时序|按计划|按期|有序|稳步|正在加快|加快|长期|持续|正在|仍在)?推进"
_IN_PROGRESS = re.compile(
    rf"(?=[正尚阶基持整取长按序时有稳加仍推其已完进{_NUM_FIRST}])"
    rf"(?:(?:正在|尚在|仍在)整改|阶段性完成(?:整改)?|基本完成|持续整改|{_ADVANCING}|整改中|取得阶段性成效|长期坚持|进行中|正在进行"
    rf"|已?完成阶段性(?:目标|任务))"
    rf"[^,;。，；()（）]{{0,16}}?(?<![\d.]){_N}{_UNIT}"
    rf"|{_N}{_UNIT}(?:问题)?(?:已|正在|仍在|均)?[^,;。，；\d()（）]{{0,6}}?"
    rf"(?:正在整改|阶段性完成|基本完成|持续整改|推进|阶段性成效|长期坚持|整改中|进行中){_THEN_COUNT}"
    # "其余22个问题均已明确整改时限、正在持续推进", "其余3个问题、6条措施正在按计划持续推进"
    rf"|其余{_N}{_UNIT}(?:问题|任务|事项)?(?:(?!完成|整改到位|已整改)[^。；;]){{0,30}}?"
    rf"(?:正在整改|推进|整改中|持续整改|长期坚持|阶段性成效)"
)
# "未完成、正在推进的1个" is not done, as the status 未完成，正在推进 is: not done outweighs in progress
# (未启动1项: a 台账's count of work not begun)
_NOT_BEGUN = r"尚未启动|未启动|尚未开始|未开始"
_NOT_DONE = re.compile(rf"(?=[未尚{_NUM_FIRST}])(?:未完成|尚未完成|未整改|{_NOT_BEGUN})(?:整改)?(?:[、,，][^,;。，；、\d]{{0,8}}?的?)?(?:问题)?{_N}{_UNIT}"
                       rf"|{_N}{_UNIT}(?:问题)?(?:尚未完成|未完成|未整改|{_NOT_BEGUN}){_THEN_COUNT}")
_RATE = re.compile(r"(?:整改完成率|完成率|整改率)\s*(?:为|达到?|达)?\s*(\d+(?:\.\d+)?)\s*%")
_MEASURES = re.compile(rf"{_N}(?:条|项)(?:具体)?整改措施|整改措施(?:共计|共)?{_N}(?:条|项)")
# "细化为85项整改任务", "整改任务共计85项": tasks are a level of their own, counted in 项
_TASKS = re.compile(rf"(?=[0-9一二两三四五六七八九十百整任])(?<![\d.]){_N}项(?:具体)?(?:整改)?(?:任务|事项)"
                    rf"|(?:整改任务|整改事项|任务)(?:共计|共|总计|合计)?(?<![\d.]){_N}项")


def _int(s: str) -> int | None:
    s = s.replace(",", "")
    if s.isdigit():
        return int(s)
    try:
        return int(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError):
        return None


def _count(m: re.Match) -> int | None:
    """The count a match holds: its first group that took part (each alternative has its own)."""
    return _int(next(g for g in m.groups() if g))


def _first(rx: re.Pattern, text: str) -> int | None:
    m = rx.search(text)
    return _count(m) if m else None


_UNIT_OF = re.compile(r"[个条项]")


_CLAUSE_END = re.compile(r"[，,；;。]")


def _sum_in_sentence(rx: re.Pattern, text: str, unit: str | None = None) -> int | None:
    """The first count, plus the others of its kind in the same sentence: "按时序推进2个，长期推进1个" is 3;
    "正在整改4个（其中需长期坚持的1个）" is 4: a part in brackets or after 其中 is not another count."""
    first, end, total, parts_end = None, len(text), 0, -1
    for hit in rx.finditer(text):
        if first is not None and hit.start() >= end:
            break
        if hit.start() < parts_end:
            continue   # "其中基本完成2个、持续推进1个、需长期坚持1个": every member of the breakdown
        hit_unit = _UNIT_OF.search(hit.group()).group()
        if unit is not None and hit_unit != unit or _in_brackets(text, hit.start()) or _unfinished(text, hit.start()):
            continue   # 其余18条 (measures) are not problems; "已完成整改10个（其中需长期坚持的1个）" is done
        if first is None:
            first, unit = hit, hit_unit
            stop = text.find("。", hit.end())
            end = stop if stop != -1 else len(text)
        elif "其中" in text[max(0, hit.start() - 6):hit.end()]:
            m = _CLAUSE_END.search(text, hit.end())
            parts_end = m.start() if m else len(text)
            continue   # a breakdown of a count already taken
        total += _count(hit) or 0
    return None if first is None else total


# 整改完成率百分之八十三点三
_RATE_CN = re.compile(r"(?:整改完成率|完成率|整改率)\s*(?:为|达到?|达)?\s*百分之([零〇一二两三四五六七八九十百]{1,4}(?:点[零〇一二三四五六七八九]{1,4})?)")


def _rate(text: str) -> float | None:
    m = _RATE.search(text)
    if m:
        return float(m.group(1))
    m = _RATE_CN.search(text)
    if m:
        try:
            return float(cn2an.cn2an(m.group(1), "smart"))
        except (ValueError, KeyError):
            return None
    return None


# "立行立改问题3个，已全部整改到位": all of a count done
_ALL_DONE = re.compile(rf"(?<![\d.]){_N}{_UNIT}[^,;。，；\d]{{0,10}}?[,，]?\s*(?:均)?已?(?:全部|均)(?:整改到位|完成整改|整改完成|完成|销号|办结)")


def _done(text: str, m: re.Match | None) -> int | None:
    """The done count (m: _DONE's first match); "其中…3个，已全部整改到位；其余8个问题…已完成整改6个" is 3 + 6."""
    whole = _ALL_DONE.search(text)
    done = _count(m) if m else None
    if whole is None:
        return done
    whole_n = _int(whole.group(1))
    if done is not None and whole.end() <= m.start() and "其余" in text[whole.end():m.start()]:
        return (whole_n or 0) + done
    return done if done is not None else whole_n


_CLAUSE_START = re.compile(r"[,，;；。]")
_UNFINISHED = re.compile(NOT_DONE_WORDS)


def _unfinished(text: str, pos: int) -> bool:
    """The clause before pos says 未完成: "未完成、正在推进的1个" is a not-done count (its 推进 is a second word)."""
    a = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, pos - 12), pos)), default=max(0, pos - 12))
    return bool(_UNFINISHED.search(text, a, pos))


def _in_brackets(text: str, pos: int) -> bool:
    """Inside （…） in its sentence."""
    a = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    before = text[a:pos]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


_SENTENCE = re.compile(r"[^。\n]*[。\n]?")


# what a progress sentence needs: a count (28个, 八十五项, 310条) or a rate
_COUNTS = re.compile(rf"(?<![\d.])(?:\d{{1,7}}|[一二两三四五六七八九十百]{{1,6}}){_UNIT}|完成率|整改率")


def _progress_sentences(text: str) -> str:
    """The sentences that can state progress, without those that retell an earlier report ("2024年3月，我局通报了
    集中整改阶段进展情况，反馈的9个问题中已完成整改6个…": those counts are not this report's). The costly
    patterns then run over a fraction of the opening."""
    return "".join(_this_rounds(m.group()) for m in _SENTENCE.finditer(text)
                   if _COUNTS.search(m.group()) and not EARLIER_REPORT.search(m.group())
                   and not _ONE_AREA.match(m.group()))


# "上轮报送时已完成5个、正在推进7个；本轮回头看已完成9个": the clause of the earlier round is not today's count
_EARLIER_CLAUSE = re.compile(r"(?:(?<=[,，])|^)[^,，;；。]*?(?:上一?轮|首轮|上次)(?:报送|通报|统计)[^;；。]*[;；]")


def _this_rounds(sentence: str) -> str:
    return _EARLIER_CLAUSE.sub("", sentence) if "本轮" in sentence else sentence


# "第一方面的8个问题，已完成整改7个", "该方面7个问题已完成6个": one area's progress, a part of the report's
_ONE_AREA = re.compile(r"\s*(?:[(（]?[一二三四五六七八九十]{1,3}[)）、]?\s*)?(?:第[一二三四五六七八九十\d]{1,3}|该|此|本|这一)方面")


def find_stated(text: str) -> Stated:
    """The totals a report states about itself, from its summary text (normalized).

    Each level keeps its unit (problems in 个, tasks in 项, measures in 条); total and done are on the level
    the progress sentence counts: "…15个问题细化为85项整改任务，已完成79项" is 79 of 85 tasks."""
    text = _progress_sentences(text)
    # each pattern searched once, the costly ones only when needed: this runs on every report's opening
    problem_at = _SPECIFIC_TOTAL.search(text) or _SUM_TOTAL.search(text) or _TOTAL.search(text)
    found = {"problems": problem_at, "tasks": _TASKS.search(text), "measures": _MEASURES.search(text)}
    problems, tasks, measures = (_count(found[k]) if found[k] else None for k in ("problems", "tasks", "measures"))
    done_at = _DONE.search(text)
    unit = _UNIT_OF.search(done_at.group()).group() if done_at else None
    level = "problems"
    if done_at:
        # the level is the total counted in the done count's unit nearest before it: "六条问题，已完成整改五条"
        # counts problems in 条, "138条整改措施已完成126条" measures, "85项整改任务，已完成79项" tasks
        before = [(m.start(), lv) for lv, m in found.items()
                  if m and m.start() < done_at.start() and _UNIT_OF.search(m.group()).group() == unit]
        if before:
            level = max(before)[1]
    total = {"problems": problems, "tasks": tasks, "measures": measures}[level]
    done = _done(text, done_at)
    in_progress = _sum_in_sentence(_IN_PROGRESS, text, unit)
    not_done = _first(_NOT_DONE, text)
    rate = _rate(text)
    if all(v is None for v in (total, done, in_progress, not_done)):
        # a rate alone counts what its words name: "整改任务完成率达96.3%" tasks, "问题整改完成率" problems
        level = _rate_level(text) if rate is not None else None
    return Stated(
        total=total, done=done, in_progress=in_progress, not_done=not_done,
        completion_rate=rate, measures=measures, problems=problems, tasks=tasks, level=level,
    )


def _rate_level(text: str) -> str:
    m = _RATE.search(text) or _RATE_CN.search(text)
    before = text[max(0, m.start() - 12):m.start() + 12] if m else ""
    return "tasks" if "任务" in before else "measures" if "措施" in before else "problems"
