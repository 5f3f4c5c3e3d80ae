"""Status words of the reports (完成, 阶段性完成, 未完成, …) → done | in_progress | not_done."""
from __future__ import annotations

import re

# Order matters: the longer, more specific phrases win (阶段性完成 contains 完成, 未完成 contains 完成).
# a platform's 已超期 / 逾期未完成: past its deadline and not done
NOT_DONE_WORDS = (r"尚未完成|未按期完成|未按时限完成|未按时完成|未完成|未整改|没有完成|尚未整改|尚未启动|未启动|尚未开始|未开始|尚未开展|已超期|超期未完成"
                  r"|已逾期|逾期未完成")
_IN_PROGRESS = (
    r"阶段性完成|基本完成|部分完成|正在整改|持续整改中|持续整改|长期坚持|长期整改|整改中|正在推进中|正在推进|持续推进中|持续推进|推进中"
    r"|正在进行|进行中|重新整改|整改反弹"
    r"|正在落实|持续落实|阶段性成效|取得阶段性成果|已取得阶段性成效|序时推进|按序时推进|未到期|未到时限|未到整改时限"
    r"|时序推进|按时序推进|按计划推进|按期推进|有序推进|稳步推进|加快推进|正在加快推进|长期推进|持续深化"
    r"|已完成阶段性目标|完成阶段性目标|已完成阶段性任务|完成阶段性任务|阶段性目标|阶段性任务"
    # a platform's closing asked for and not yet checked: the work is not signed off
    r"|待审核|审核中|待验收|验收中|待销号|申请销号"
)
# a 台账's status column ticked: ✓ or √ is done
_DONE = r"[✓✔√☑]|已整改完毕|整改完毕|已整改完成|整改完成|已完成整改|已完成|完成整改|已整改到位|整改到位|已整改|已销号|整改销号|完成销号|已办结|已落实|完成"

STATUS_WORDS_RE = re.compile(rf"(?P<not_done>{NOT_DONE_WORDS})|(?P<in_progress>{_IN_PROGRESS})|(?P<done>{_DONE})")

# A status phrase stands alone: what follows it is the end of the clause, not more prose
# ("完成。" is a status; "完成126万元欠款的追缴入库" is a measure).
_STANDALONE_RE = re.compile(
    # "目前已整改完成。", "正在按计划推进。", "已基本完成，正在巩固。": today's status after 目前, with 已 or 正在
    rf"^\s*(?P<raw>(?:(?:目前|当前|现|截至目前)\s*[,，]?\s*)?(?:已|正在)?(?:{NOT_DONE_WORDS}|{_IN_PROGRESS}|{_DONE}|(?:已?完成|进度)?\s*\d{{1,3}}(?:\.\d+)?\s*[%％])(?:整改)?"
    rf"(?:并(?:长期坚持|持续深化|持续推进|持续整改|建立(?:健全)?长效机制|巩固提升|持续巩固))?)"
    r"\s*(?=$|[。.;,，；、)\]】\n])"
)


# "已整改到位并长期坚持", "整改完成并建立长效机制", "已整改完成，需长期坚持": done, with the promise to keep at it
_KEEP_AT_IT = re.compile(r"(?:[,，]\s*(?:并|需|仍需|还需|将)?|并)(?:长期坚持|持续深化|持续推进|持续整改|建立(?:健全)?长效机制|巩固提升|持续巩固)[。.]?\s*$")


# A status in brackets closing a line or title: "1.某问题（已完成）。", "…暂缓实施项目11个。〔持续推进〕"
BRACKET_STATUS_RE = re.compile(r"[(\[【]\s*(?P<raw>[^()\[\]【】]{1,12})\s*[)\]】]\s*[。.]?\s*$")


_PERCENT = re.compile(r"^\s*(?:已?完成|进度)?\s*(\d{1,3}(?:\.\d+)?)\s*[%％]\s*[。.]?\s*$")


# a 台账's yes-or-no status column (是否销号 | 是否完成 over 是 / 否): yes is done, no is work not yet signed off
_YES_NO = {"是": "done", "否": "in_progress"}


def classify(raw: str | None) -> str:
    """The status class of a status phrase; 'unknown' when none of the words is in it."""
    if not raw:
        return "unknown"
    raw = _KEEP_AT_IT.sub("", raw) or raw
    if raw.strip() in _YES_NO:
        return _YES_NO[raw.strip()]
    pct = _PERCENT.match(raw)
    if pct:   # 完成进度：100% / 80%
        value = float(pct.group(1))
        return "done" if value >= 100 else "not_done" if value == 0 else "in_progress"
    parts = re.split(r"[;；]", raw)
    if len(parts) > 1:
        # the statuses of a problem's several measures ("已完成；未启动"): all alike is that status; a mix is work
        # under way, since some of it is done or moving
        each = {classify(part) for part in parts}
        if "unknown" not in each:
            return each.pop() if len(each) == 1 else "in_progress"
    found = {m.lastgroup for m in STATUS_WORDS_RE.finditer(raw)}
    # "已完成阶段性目标，长期坚持": any word of unfinished work outweighs a word of completion
    for status in ("not_done", "in_progress", "done"):
        if status in found:
            return status
    return "unknown"


def standalone_status(text: str) -> str | None:
    """The status phrase at the start of `text` when it stands alone (整改结果：完成。), else None; a bracket after
    it that recalls an earlier report's status ("已完成（前期通报时为阶段性完成）") is not part of it."""
    m = _STANDALONE_RE.match(text)
    if m:
        return m.group("raw")
    m = _BEFORE_EARLIER_ASIDE.match(text)
    return m.group("raw") if m and classify(m.group("raw")) != "unknown" else None


# "已完成（前期已通报完成）", "阶段性完成（前期通报时为正在整改）": today's status, then what the last report said
_BEFORE_EARLIER_ASIDE = re.compile(r"\s*(?P<raw>[^（(。;；,，\n]{2,12}?)\s*[（(](?:前期|此前|前次|上次|上期|第一次|首次|前一次)"
                                   r"[^）)\n]{0,30}[）)]\s*(?:[。;；]|$)")


def bracketed_status(text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
    """The bracketed status word closing text[pos:endpos] ("…（已完成）"), else None."""
    m = BRACKET_STATUS_RE.search(text, pos, len(text) if endpos is None else endpos)
    return m if m and classify(m.group("raw")) != "unknown" else None
