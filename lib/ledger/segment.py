"""Split normalized report text into segments: headings (一、 (一) 1. (1) 问题1:), labels (整改结果:) and prose."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

from .status import bracketed_status

# Ranks of the numbering levels, outermost first: 一、 > (一) > 1. > (1) > ①.
RANK = {"section": 0, "theme": 1, "item": 2, "sub": 3, "circ": 4}
HEADING_KINDS = set(RANK) | {"problem"}

_CN = "一二三四五六七八九十"
_HEAD_RE = re.compile(
    rf"(?P<section>(?<![第{_CN}])[{_CN}]{{1,3}})\s*[、.](?![\d{_CN}])"
    # （十一）问题：… : a problem numbered in brackets, its title after the colon
    rf"|(?P<problem_b>\(\s*(?P<pnum>[{_CN}]{{1,4}})\s*\)\s*问题\s*:)"
    rf"|\(\s*(?P<theme>[{_CN}]{{1,3}})\s*\)"
    # 问题3：…, 【问题3】…, and in two-part reports 问题3整改情况：… (the problem itself is listed earlier)
    r"|(?P<problem_w>【?问题\s*(?P<problem>\d{1,3}|[一二三四五六七八九十百]{1,4})\s*"
    r"(?:[:.、】]|(?=(?:的)?整改(?:情况|进展|落实情况|措施)\s*:)))"
    # 【反馈问题】…, 【存在问题】…: an item of its own without a number (numbered by its position)
    r"|(?P<problem_u>【(?:巡[视察]反馈问题|反馈问题|存在问题|问题描述|具体问题|问题)】\s*:?)"
    # 第二部分 关于…方面: a part of the report's list of problems, a theme
    rf"|第(?P<part>[{_CN}]{{1,3}})部分(?=[\s:、]|关于)"     # (OCR drops the space: 第二部分关于…)
    # 问题1-2：…: the second problem of the first theme, coded as office problem lists do
    r"|(?P<problem_c>【?问题\s*\d{1,2}\s*[-－—–]\s*(?P<pcode>\d{1,3})\s*[:.、】])"
    # 第一方面：…, 第二个方面：…: a theme
    rf"|第(?P<aspect>[{_CN}]{{1,3}})个?方面\s*[:、]"
    # 问题类别一：…方面, 问题类型二：…, 第三类问题：…: a class of problems, a theme
    rf"|(?:问题)?类[别型](?P<cat>[{_CN}]{{1,3}})\s*:|第(?P<cat_n>[{_CN}]{{1,3}})类问题\s*[:、]"
    # "2.2023年引进…" is item 2 about the year 2023, not the decimal 2.2023
    r"|(?P<item>\d{1,5})\s*[.、](?:(?!\d)(?=\s*[^\s\dA-Za-z@/.])|(?=(?:19|20)\d{2}\s*年))"
    # "01丨…": a zero-padded number and a bar, as phone articles number their items
    r"|(?P<item_bar>(?<!\d)\d{1,2})\s*[丨｜|](?=\s*[\u4e00-\u9fff“\"《])"
    r"|\(\s*(?P<sub>\d{1,2})\s*\)"
    r"|(?P<circ>[①-⑳])"
    # "一是针对“县域经济发展质量不高”问题，…": a problem per paragraph, counted 一是 二是 (g04); only at a
    # line's start and with 针对/关于“, since 一是…二是… elsewhere counts measures
    rf"|(?P<aim>[{_CN}]{{1,3}})是(?=(?:针对|关于)“)"
    rf"|第(?P<art>[{_CN}]{{1,3}})条(?=[\s:、.])"    # 问题清单 numbered 第一条　…
)

# "一是…" opening a line that ends in a bracketed status is an item of its own
_AIM_ITEM = re.compile(rf"([{_CN}]{{1,3}})是(?!否)")

# Labels that open a part of an item; the colon is required so prose mentioning 整改情况 is not cut.
STATUS_LABELS = ("整改结果", "整改完成情况", "完成情况", "整改进度", "整改状态", "完成状态", "整改时限及完成情况",
                 "完成进度", "整改完成进度", "办结情况", "销号情况")
# (and a county's tagged blocks, 【问题1】… 【措施】… 【进展】…: the short tags)
PROGRESS_LABELS = ("整改进展情况", "整改进展", "进展情况", "目前进展", "进展")
MEASURE_LABELS = (
    "整改落实情况", "问题整改情况", "整改情况", "整改措施", "整改举措", "具体措施", "主要措施",
    "工作措施", "落实情况", "整改成效", "工作成效", "措施",
)
PLAN_LABELS = ("下一步工作打算", "下一步工作计划", "下一步打算", "下一步计划", "下一步措施", "下一步")
# Who and by when: not measures, not a status.
INFO_LABELS = ("责任单位", "责任领导", "责任部门", "责任人", "牵头单位", "整改时限", "完成时限", "整改期限")
_ALL_LABELS = sorted(STATUS_LABELS + PROGRESS_LABELS + MEASURE_LABELS + PLAN_LABELS + INFO_LABELS,
                     key=len, reverse=True)
# "整改措施：…", and on web pages "【整改措施】…" with or without the colon
LABEL_RE = re.compile(
    # the lookahead skips, in C, every character that cannot start a label (without it: 100× slower)
    "(?=[【\\[" + "".join(sorted({label[0] for label in _ALL_LABELS})) + "])"
    r"(?P<open>[【\[])?\s*(?P<label>" + "|".join(_ALL_LABELS) + r")\s*(?(open)[】\]]\s*:?|:)"
)

# the short tags label a part only as tags (【措施】…【进展】…): "措施：" in prose is a word
_TAG_ONLY = {"措施", "进展"}


def _is_label(m: re.Match) -> bool:
    return bool(m.group("open")) or m.group("label") not in _TAG_ONLY


# The closing of a report: an invitation to supervise, contacts; no items after it.
CLOSING_RE = re.compile(r"欢迎[^。\n]{0,40}监督|(?:联系|举报|监督)电话\s*[:]|邮政信箱\s*[:]|电子邮箱\s*[:]"
                        # a ledger's footer: 填表人：…  审核人：…  联系电话：…
                        r"|(?:填表|填报|审核|制表|联系)人\s*[:]")
# The "next steps" section: a heading, not the words 下一步 inside a measure.
NEXT_STEP_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十]{1,3}\s*\))?\s*下一?步(?:[^:。\n]{0,24})$")

# anchored at line starts: one attempt per line, so a line of a million spaces stays linear
_NONBLANK_LINE = re.compile(r"^.*\S.*$", re.M)
_BOUNDARY = set("。;!?:)]】」』”\"' \n") | {"\u3002"}


@dataclass
class Seg:
    start: int          # first non-space character
    end: int            # end, trailing spaces removed
    kind: str           # section|theme|item|sub|circ|problem|label|text
    num: int | None = None
    body: int = 0       # where the heading's own text starts, after the marker
    label: str | None = None
    chain: dict = field(default_factory=dict)
    role: str = ""      # for headings: theme|organizing|progress|nextstep|plain


_SMALL = {c: i for i, c in enumerate("零一二三四五六七八九十", start=0)}


def cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s in _SMALL:
        return _SMALL[s]
    try:
        return int(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError):
        return None


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _classify_start(norm: str, a: int, b: int) -> Seg:
    """What kind of segment begins at `a` (already stripped)."""
    m = _HEAD_RE.match(norm, a, b)
    if m is None:
        # "问题3" cut off before its label (问题3整改情况：…): the lookahead must see past the cut
        m = _HEAD_RE.match(norm, a, min(len(norm), b + 12))
        if m is None or m.lastgroup != "problem_w" or m.end() > b:
            m = None
    if m:
        kind = m.lastgroup
        if kind == "problem_w" or m.group("problem"):
            return Seg(a, b, "problem", cn_int(m.group("problem")), m.end())
        if kind == "problem_u":
            return Seg(a, b, "problem", None, m.end())
        if kind == "problem_b":
            return Seg(a, b, "problem", cn_int(m.group("pnum")), m.end())
        if kind == "problem_c":
            return Seg(a, b, "problem", int(m.group("pcode")), m.end())
        if kind in ("part", "cat", "cat_n", "aspect"):
            return Seg(a, b, "theme", cn_int(m.group(kind)), m.end())
        if kind in ("aim", "art"):
            return Seg(a, b, "item", cn_int(m.group(kind)), m.end())
        if kind == "item_bar":
            # "01丨学习贯彻…不够深入" is an item; "01 | 压实责任", a slogan heading a part of an article, is not
            return Seg(a, b, "item", int(m.group(kind)), m.end()) if b - m.end() >= 10 else Seg(a, b, "text", None, a)
        return Seg(a, b, kind, cn_int(m.group(kind)) if kind != "circ" else ord(m.group(kind)) - 0x245F, m.end())
    m = _AIM_ITEM.match(norm, a, b)
    if m and bracketed_status(norm, m.end(), b):
        # "一是耕地保护…落实不力。…（正在整改）": a whole item in one paragraph, its status closing it
        return Seg(a, b, "item", cn_int(m.group(1)), m.end())
    m = LABEL_RE.match(norm, a, b)
    if m and _is_label(m):
        return Seg(a, b, "label", None, m.end(), m.group("label"))
    return Seg(a, b, "text", None, a)


def _is_flattened(norm: str, lines: list[tuple[int, int]]) -> bool:
    """A report squeezed onto very few lines (copied from a web page, or newlines removed)."""
    if not lines:
        return False
    return len(lines) <= 5 or len(norm) / len(lines) > 600


def _cut_points(norm: str, a: int, b: int, flattened: bool, state: dict) -> list[int]:
    """Positions inside one physical line where a new segment starts."""
    cuts = []
    for m in LABEL_RE.finditer(norm, a + 1, b):
        if _is_label(m):
            cuts.append(m.start())
    if not flattened:
        return cuts
    for m in CLOSING_RE.finditer(norm, a + 1, b):
        if norm[m.start() - 1] in _BOUNDARY or norm[m.start() - 1] == "。":
            cuts.append(m.start())
    for m in _HEAD_RE.finditer(norm, a + 1, b):
        kind = m.lastgroup
        prev = norm[m.start() - 1]
        if kind in ("sub", "circ", "aim", "art"):
            continue  # measures inside an item; split later from the item's own text
        if kind == "item":
            # "N." inside running text is a list marker only when it continues the item sequence
            # and is followed by words, not by an address (163.com, 12388.gov.cn).
            n = int(m.group("item"))
            if norm.startswith("问题", m.start() - 2):
                continue  # the number of 问题1. (a problem, the match that starts two characters before)
            if not re.match(r"\s*[\u4e00-\u9fff“\"《(【]", norm[m.end():m.end() + 3]):
                continue
            if prev.isdigit() or prev.isascii() and prev.isalpha() or prev in "@/.-_":
                continue
            last = state.get("last_item")
            if not (last is None and n == 1 or last is not None and n == last + 1
                    or n == 1 and state.get("theme_since_item")):
                continue
            state["last_item"] = n
            state["theme_since_item"] = False
        elif kind in ("section", "theme"):
            # 一、 after a character is usually prose (统一、规范); (一) may follow an unpunctuated title.
            if prev not in _BOUNDARY and not (kind == "theme" and "\u4e00" <= prev <= "\u9fff"):
                continue
            state["theme_since_item"] = True
        elif kind in ("cat", "cat_n", "part", "aspect", "problem_c"):
            # 问题类别二：…: a class of problems starts after a boundary (the match without 问题 is inside it)
            if prev not in _BOUNDARY:
                continue
        elif kind == "problem_w":
            pass
        cuts.append(m.start())
    return sorted(set(cuts))


def segment(norm: str) -> list[Seg]:
    """Segments in text order; each physical line is one or more segments."""
    lines = []
    for m in _NONBLANK_LINE.finditer(norm):      # blank lines skipped in C, not one by one
        a, b = _strip_span(norm, m.start(), m.end())
        lines.append((a, b))
    flattened = _is_flattened(norm, lines)
    state: dict = {"last_item": None, "theme_since_item": False}
    segs: list[Seg] = []
    for a, b in lines:
        if not flattened:
            seg0 = _classify_start(norm, a, b)
            if seg0.kind == "item":
                state["last_item"] = seg0.num
        bounds = [a] + _cut_points(norm, a, b, flattened, state) + [b]
        for s, e in zip(bounds, bounds[1:]):
            s, e = _strip_span(norm, s, e)
            if s < e:
                segs.append(_classify_start(norm, s, e))
    return segs
