"""Text of a rectification progress report → Ledger (header, themes, items, figures, warnings)."""
from __future__ import annotations

import re
from collections import Counter

from .dates import find_dates
from .duties import assign_duties
from .header import ANNEX_HEAD, parse_header
from .model import Ledger, Theme
from .normalize import normalize
from .quantities import extract
from .segment import segment
from .stated import find_stated
from .status import classify
from .structure import analyze

# Example, the reference report's shape (invented words):
#   （一）反馈问题：理论学习不够系统              → Theme(no=1, title="理论学习不够系统")
#   1.学习……不够深入。                             → Item(no=1, theme_no=1, title=…)
#   整改结果：完成。                               →   status="done", status_raw="完成"
#   整改情况：（1）严格执行……（2）坚持学用结合……   →   measures=[…, …]


# Invisible format characters (zero-width space, joiners, direction marks, soft hyphen, BOM) split words and
# numbers for the patterns ("6\u200b88万元"); the readers drop them, and so does parse_text, mapping back.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def parse_text(text: str) -> Ledger:
    """Parse report text; every offset in the result indexes `text` itself."""
    if _INVISIBLE.search(text):
        return _parse_without_invisible(text)
    return _parse(text)


def _parse_without_invisible(text: str) -> Ledger:
    """Parse the text with its invisible characters removed, then give every offset back in `text`."""
    keep = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    ledger = _parse("".join(text[i] for i in keep))

    def start(k: int) -> int:
        return keep[k] if k < len(keep) else len(text)

    def end(k: int) -> int:
        return keep[k - 1] + 1 if k > 0 else 0

    for q in ledger.quantities:
        q.start, q.end = start(q.start), end(q.end)
        q.match_start, q.match_end = start(q.match_start), end(q.match_end)
        q.text, q.match = text[q.start:q.end], text[q.match_start:q.match_end]
    for part in (*ledger.items, *ledger.themes):
        part.start, part.end = start(part.start), end(part.end)
    for a in ledger.actions:
        a["start"], a["end"] = start(a["start"]), end(a["end"])
        a["text"] = text[a["start"]:a["end"]].strip()
    return ledger


def _annexed(text: str, norm: str, segs: list, st):
    """A report whose ledger is annexed after its signature: the annex's items when it has more than the body."""
    head = ANNEX_HEAD.search(norm, st.body_end)
    if head is None:
        return st
    annex = analyze(text, norm, [s for s in segs if s.start >= head.end()])
    return annex if len(annex.items) >= 2 and len(annex.items) > len(st.items) else st


def _parse(text: str) -> Ledger:
    norm = normalize(text)
    segs = segment(norm)
    st = analyze(text, norm, segs)
    closing_start = st.body_end
    st = _annexed(text, norm, segs, st)
    first_item = st.items[0].start if st.items else None
    hd = parse_header(text, norm, first_item)
    areas = st.items and all(_AREA_TITLE.search(it.title) for it in st.items)
    if st.items and not areas and _round_summary(st, lambda: find_stated(norm[hd.body_start:first_item]),
                                                 norm[:first_item]):
        # a county's summary of a whole round: its （一）…（六） paragraphs tell the work by area, not the
        # problems (312 of them, one status each, are only counted)
        st.items, st.themes = [], []
        first_item = None
        hd = parse_header(text, norm, None)
    elif st.items and _areas_not_problems(st, norm, lambda: find_stated(norm[hd.body_start:first_item])):
        # the central manner without numbered problems: 二、's （一）…（六） are the feedback's areas, each told in one
        # paragraph of 一是…二是…; the 37 problems are only counted
        st.themes = [Theme(no=n, title=it.title, start=it.start, end=it.end) for n, it in enumerate(st.items, 1)]
        st.items = []
        first_item = None
        hd = parse_header(text, norm, None)
    elif st.items and (areas_told := _area_paragraphs(norm, st)):
        # the central manner with its areas as paragraphs: 二、's "一是关于…的问题。…" each tell one area of the
        # feedback; the sections 一、二、三、 are the report's parts, not its problems
        st.themes = areas_told
        st.items = []
        first_item = None
        hd = parse_header(text, norm, None)
    ledger = Ledger(
        title=hd.title, publisher=hd.publisher, kind=hd.kind, inspector=hd.inspector,
        inspection_start=hd.inspection_start, inspection_end=hd.inspection_end,
        feedback_date=hd.feedback_date, report_date=hd.report_date,
        themes=st.themes, items=st.items,
    )
    # Items end where the closing part or the trailing web chrome begins.
    body_end = st.body_end
    if hd.trailer_start is not None:
        body_end = min(body_end, hd.trailer_start)
    if ledger.items:
        ledger.items[-1].end = min(ledger.items[-1].end, body_end)
    for t, nxt in zip(ledger.themes, ledger.themes[1:] + [None]):
        t.end = max(t.start, nxt.start if nxt else body_end)

    end = hd.trailer_start if hd.trailer_start is not None else len(text)
    ledger.quantities = extract(text, norm, hd.body_start, end, ledger.items)
    _before_the_inspection(ledger)
    # the opening ends at the first theme: "一、…方面（共3个问题）" counts that theme's problems, not the report's
    opening_end = first_item if first_item is not None else body_end
    if ledger.themes and ledger.items and hd.body_start < ledger.themes[0].start < opening_end:
        opening_end = ledger.themes[0].start
    summary = norm[hd.body_start:opening_end]
    ledger.stated = find_stated(summary)
    progress = ("total", "done", "in_progress", "not_done", "completion_rate")
    if all(getattr(ledger.stated, k) is None for k in ("done", "in_progress", "not_done", "completion_rate")) \
            and (ledger.items or ledger.themes):
        # an opening that only counts (4个方面27个问题, 整改措施58条): the progress is told after the last item or area
        # ("综上，巡察反馈的4个方面27个问题，已完成整改23个")
        closing = find_stated(norm[body_end:end])
        if any(getattr(closing, k) is not None for k in progress) and closing.total in (None, ledger.stated.total) \
                or ledger.stated.total is None and closing.done is not None:
            for k in ("measures", "problems", "tasks"):
                if getattr(closing, k) is None:
                    setattr(closing, k, getattr(ledger.stated, k))
            if closing.total is None and closing.level == ledger.stated.level:
                closing.total = ledger.stated.total
            ledger.stated = closing
        elif all(v is None for v in vars(ledger.stated).values()) and ledger.items:
            ledger.stated = closing
    elif ledger.stated.completion_rate is None and ledger.stated.total and not ledger.items:
        # "目前，巡视整改任务完成率达94.8%": a report of areas may print its rate only where it sums up
        rate = find_stated(norm[opening_end:end]).completion_rate
        if rate is not None and ledger.stated.done and abs(100 * ledger.stated.done / ledger.stated.total - rate) < 0.1:
            ledger.stated.completion_rate = rate
    _annex_statuses(text, norm, ledger, body_end, end)
    _status_from_group(ledger)
    _unquoted_titles(ledger)
    _status_from_legend(norm, ledger)
    _completed_on(text, norm, ledger)
    _long_term_as_done(ledger, summary)
    assign_duties(text, norm, ledger)
    ledger.contacts = _contacts(text, norm, min(body_end, closing_start), end)
    if not ledger.contacts and not ledger.items:
        # a summary with no items and no closing part found: the last lines (制表：… 联系电话：…) are its footer
        tail = norm[:end].rstrip()
        last = tail.rfind("\n", 0, max(tail.rfind("\n"), 0))     # the start of the last two lines
        # (a footer is a line or two: at most its last 300 characters are searched)
        ledger.contacts = _contacts(text, norm, max(hd.body_start, last + 1, end - 300), end)
    ledger.actions = _actions(text, norm, ledger)
    _warn(ledger)
    return ledger


# "针对2021年县审计局指出的…问题，当年已追缴到位85.4万元": done in that year, before this inspection
# "…问题，已于2021年清退到位16.8万元", "在2020年已清退12.6万元的基础上": done in a year named in the figure's own clause
_THAT_YEAR = re.compile(r"(\d{4})年(?!以来|起|至今|以后)[^。；;]{0,60}?当年[^，,。；;]{0,10}$"
                        r"|(?<![至到])(?:于|在)(\d{4})年(?:\d{1,2}月)?(?:底|初|末|内)?(?!以来|起|至今|以后)[^，,。；;\d]{0,16}$")


def _before_the_inspection(ledger: Ledger) -> None:
    """A headline figure its sentence dates to a year before the inspection is not this rectification's."""
    began = ledger.inspection_start or ledger.feedback_date
    if not began:
        return
    for q in ledger.quantities:
        if q.headline and q.aside is None:
            m = _THAT_YEAR.search(q.text[:q.match_start - q.start])
            if m and int(m.group(1) or m.group(2)) < int(began[:4]):
                q.aside = "before_inspection"
                q.tags = [t for t in q.tags if t != "recovery"]


_ROUND = re.compile(r"第[一二三四五六七八九十\d]{1,3}轮|轮巡[视察]|被巡[视察](?:单位|党组织)|"
                    r"\d{1,3}个(?:县直|市直|区直|省直)?(?:部门|单位|乡镇|党组织|巡[视察]组)")


def _round_summary(st, stated, opening: str) -> bool:
    """Paragraphs that cannot be the report's items: the report speaks of a round (第三轮巡察, 18个被巡察单位),
    none of the paragraphs states a status, and it counts at least three times as many problems (stated: the
    opening's totals, read only when the rest holds)."""
    if not all(it.status == "unknown" for it in st.items) or not _ROUND.search(opening):
        return False
    s = stated()
    counted = s.problems or s.total
    return bool(counted) and counted >= max(10, 3 * len(st.items))


# a heading worded as a feedback area ("关于防范化解重大风险…方面"), which a round's summary of its work is not
_AREA_TITLE = re.compile(r"^关于[^。]*方面|方面(?:的问题|存在的问题|问题)?$")
_AREA_HEAD = re.compile(r"\s*[(（][一二三四五六七八九十]{1,3}[)）]")


def _areas_not_problems(st, norm: str, stated) -> bool:
    """Headings that are the feedback's areas, not its problems: （一）…（六） that share one section (or none),
    none states a status, and the report counts at least three times as many problems as there are headings
    (or more problems than headings, and three times as many tasks)."""
    if not all(it.status == "unknown" for it in st.items) or len({it.theme_no for it in st.items}) > 1:
        return False
    if not all(_AREA_HEAD.match(norm, it.start) for it in st.items):
        return False
    s, n = stated(), len(st.items)
    # "3个方面11类问题，细化为96项整改任务" over five （一）…（五）: more problems than headings, and the tasks many
    return bool(s.problems) and (s.problems >= max(10, 3 * n) or s.problems > n and (s.tasks or 0) >= max(10, 3 * n))


_AREA_HEADING = re.compile(r"(?m)^[ \t]*\((?P<n>[一二三四五六七八九十]{1,2})\)\s*(?P<title>关于[^。\n]{4,100}?问题)[ \t]*$")
_PART_HEAD = re.compile(r"\s*[一二三四五六七八九十]{1,2}\s*[、.]")
_AREA_PARA = re.compile(r"(?m)^[ \t]*(?P<n>[一二三四五六七八九十]{1,2})是(?P<title>关于[^。\n]{4,100}?问题)(?=[。,，;；])")


def _area_paragraphs(norm: str, st) -> list[Theme]:
    """The areas of a report told as paragraphs "一是关于…的问题。", "二是关于…的问题。" (at least two, numbered from
    一 in order) under headings that state no status and hold no numbered problem of their own: the themes."""
    if not all(it.status == "unknown" for it in st.items):
        return []
    found = list(_AREA_PARA.finditer(norm, st.items[0].start, st.body_end))
    if len(found) < 2 or [m.group("n") for m in found] != list("一二三四五六七八九十"[:len(found)]):
        # or headed "（一）关于…的问题" inside one of the report's parts 一、二、三、 (the parts taken for items)
        found = list(_AREA_HEADING.finditer(norm, st.items[0].start, st.body_end))
        if len(found) < 2 or [m.group("n") for m in found] != list("一二三四五六七八九十"[:len(found)]) \
                or not all(_PART_HEAD.match(norm, it.start) for it in st.items):
            return []
    ends = [m.start() for m in found[1:]] + [st.body_end]
    return [Theme(no=k, title=m.group("title"), start=m.start(), end=e) for k, (m, e) in enumerate(zip(found, ends), 1)]


# "巡察指出“耕地保护责任落实不到位”": the problem quoted as the inspection put it, the quote its title
_QUOTED_TITLE = re.compile(r"^\s*(?:巡[视察]组?|反馈意见)?(?:指出|反馈|发现)(?:的问题)?\s*[:：]?\s*[“\"「](?P<t>[^“”\"「」]{4,})[”\"」]"
                           r"(?:的?问题)?[。.]?\s*$")


def _unquoted_titles(ledger: Ledger) -> None:
    for it in ledger.items:
        m = _QUOTED_TITLE.match(it.title)
        if m:
            it.title = m.group("t").strip()


# "一、已完成整改的问题（10个）", "二、正在整改的问题", "三、需长期坚持的问题": a report grouped by status
_STATUS_GROUP = re.compile(r"^(?:关于)?(?P<raw>[^，,。；;]{2,10}?)(?:的)?(?:问题|事项|任务)(?:清单)?$")


def _status_from_group(ledger: Ledger) -> None:
    """Items under a theme that names a status take it when they state none of their own. A report grouped by
    status only (its every heading a status) has no themes: the groups sort its problems by how far they got, which
    the statuses say, not by what the feedback found."""
    groups = 0
    for theme in ledger.themes:
        m = _STATUS_GROUP.match(theme.title.strip())
        status = classify(m.group("raw")) if m else "unknown"
        if status == "unknown":
            continue
        groups += 1
        for it in ledger.items:
            if it.theme_no == theme.no and it.status == "unknown":
                it.status, it.status_raw = status, m.group("raw")
    if ledger.themes and groups == len(ledger.themes):
        ledger.themes = []
        for it in ledger.items:
            it.theme_no = None


# a 台账's traffic lights and the note that reads them: "注：绿灯为已完成，黄灯为正在推进，红灯为滞后未完成"
# a ledger's key: 绿灯=已完成, or a mark and its words ("△"表示正在推进, ●已完成, "√"("✔")表示已完成)
_GLYPHS = "√✔✓☑△▲○●◐◑◎×✗✘"
_LEGEND = re.compile(r"(?P<light>[红黄绿橙蓝]灯)\s*(?:=|＝|:|为|表示|代表|即)\s*(?P<means>[^,;。)\s=]{2,10})"
                     # (a light named by its colour alone: "灯色说明：绿——已完成整改；黄——正在推进")
                     r"|(?<![\u4e00-\u9fff])(?P<colour>[红黄绿橙蓝])\s*(?:——|—|--|=|＝|:)\s*(?P<told>[^,;。)\s=]{2,10})"
                     rf"|[“\"]?(?P<mark>[{_GLYPHS}])[”\"]?(?:\s*\(\s*[“\"]?(?P<also>[{_GLYPHS}])[”\"]?\s*\))?\s*"
                     r"(?:=|＝|:|为|表示|代表|即)?\s*(?P<said>(?:已|正在|未|尚未|推进|持续|基本|部分|长期|需长期)[^,;。)\s=、]{1,8})")


def _status_from_legend(norm: str, ledger: Ledger) -> None:
    """Items whose status is a light (绿灯) take the status the report's own legend gives it; without a legend a
    light says nothing (a platform's green may be done or only on track)."""
    if not any(it.status == "unknown" and it.status_raw for it in ledger.items):
        return   # no light or mark waits for its key (the legend's search runs over the whole text)
    legend = {}
    for m in _LEGEND.finditer(norm):
        for light in (m.group("light"), m.group("mark"), m.group("also"), m.group("colour")):
            if light:
                legend[light] = m.group("means") or m.group("said") or m.group("told")
    if not legend:
        return
    for it in ledger.items:
        raw = (it.status_raw or "").strip("。. ")
        if it.status == "unknown" and raw in legend:
            it.status = classify(legend[raw])


_COMPLETED_ON = re.compile(r"(?:^|\n)[ \t]*(?:实际)?完成(?:时间|日期)[ \t]*:[ \t]*")


def _completed_on(orig: str, norm: str, ledger: Ledger) -> None:
    """"完成时间：2024年10月31日" alone, on or before the report's date: the item was done then (a deadline is
    完成时限; a future date or one with more words after it says nothing)."""
    if ledger.report_date is None:
        return
    for it in ledger.items:
        if it.status != "unknown":
            continue
        m = _COMPLETED_ON.search(norm, it.start, it.end)
        if m is None:
            continue
        ds = find_dates(norm, m.end(), min(it.end, m.end() + 16))
        if not ds or ds[0].start != m.end():
            continue
        rest = norm[ds[0].end:ds[0].end + 2]
        day = ds[0].iso()
        if day and day <= ledger.report_date and (rest[:1] in ("", "\n", "。", ";") or rest.startswith(" \n")):
            it.status, it.status_raw = "done", orig[ds[0].start:ds[0].end]


_ANNEX_ROW = re.compile(r"^[ \t]*(\d{1,3})[ \t]*[.、][ \t]*(\S[^\n]{1,80})\n(?:[^\n]*\n){0,3}?[ \t]*"
                        r"(?:整改结果|完成情况|整改完成情况|整改进度|整改状态|完成状态)[ \t]*:[ \t]*([^\n]{1,30})", re.M)


def _annex_statuses(orig: str, norm: str, ledger: Ledger, a: int, b: int) -> None:
    """Statuses given only in an annexed table after the report (附表：整改完成情况一览表, s04): items
    without a status take the row of the same number whose title starts the same way."""
    unknown = {it.no: it for it in ledger.items if it.status == "unknown" and it.no is not None}
    if len(unknown) * 2 < len(ledger.items) or len(unknown) != len({it.no for it in ledger.items}):
        return
    for m in _ANNEX_ROW.finditer(norm, a, b):
        it = unknown.get(int(m.group(1)))
        if it is None:
            continue
        title, row = re.sub(r"\W", "", it.title), re.sub(r"\W", "", norm[m.start(2):m.end(2)])
        if title[:4] not in row and row[:4] not in title:   # the table may shorten the title
            continue
        raw = orig[m.start(3):m.end(3)].strip().rstrip("。")
        status = classify(raw)
        if status != "unknown":
            it.status_raw, it.status = raw, status


_LONG_TERM_DONE = re.compile(r"(?:完成(?:整改)?|整改(?:完成|到位)|已整改)\s*(?:\d{1,5}|[一二三四五六七八九十百]{1,5})\s*[个项条]"
                             r"\s*\(\s*(?:其中|含|包括|包含)[^)]{0,24}(?P<word>长期坚持|持续整改|长期推进)")
# the items' own words for the long-term kind the bracket names
_LONG_TERM_ONLY = {"长期坚持": re.compile(r"(?:需要?|需)?长期坚持(?:推进|整改)?"), "持续整改": re.compile(r"持续整改"),
                   "长期推进": re.compile(r"(?:需要?|需)?长期推进")}


def _long_term_as_done(ledger: Ledger, summary: str) -> None:
    """"已完成整改10个（其中需长期坚持的1个）", "（含需长期坚持的1个）", "（其中1个…转入持续整改）": the report counts its
    long-term items among the done; so do we, when that makes the items' count the report's own."""
    if not ledger.items or ledger.stated.done is None:
        return
    m = _LONG_TERM_DONE.search(summary)
    kinds = [_LONG_TERM_ONLY[m.group("word")]] if m else list(_LONG_TERM_ONLY.values())
    long_term = [it for it in ledger.items if it.status == "in_progress"
                 and any(w.fullmatch((it.status_raw or "").strip("。. ")) for w in kinds)]
    done = sum(it.status == "done" for it in ledger.items)
    going = sum(it.status == "in_progress" for it in ledger.items) - len(long_term)
    # without the bracket, the report's own counts must say it both ways: "已整改到位14个，正在整改2个" over
    # 12 已完成, 2 长期坚持 and 2 正在整改
    agrees = m is not None or ledger.stated.in_progress is not None and ledger.stated.in_progress == going
    if long_term and agrees and done + len(long_term) == ledger.stated.done:
        for it in long_term:
            it.status = "done"


def _contacts(orig: str, norm: str, a: int, b: int) -> dict[str, str]:
    out = {}
    region = norm[a:b]
    patterns = {
        "phone": r"(?:联系|举报|监督|咨询)?电话\s*:\s*([0-9()\-—、/ ]{7,40}?)(?=[;,。\n]|$)",
        # the address without its postcode: "…党政办公室，邮编：415900"
        "mail": r"(?:邮政信箱|邮政地址|通信地址|通讯地址|联系地址|来信地址|邮寄地址|来信请寄(?:至)?|信件请寄(?:至)?)\s*:\s*"
                r"([^;。\n]{4,80}?)(?=[;。\n]|,\s*(?:邮编|邮政编码)|$)",
        "email": r"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})",
        "web": r"(?:网址|网站|举报网站|网上举报|网络举报)\s*:\s*(\S{6,80}?)(?=[;。\s]|$)",
    }
    for key, rx in patterns.items():
        m = re.search(rx, region)
        if m:
            value = orig[a + m.start(1): a + m.end(1)].strip()
            # a number in brackets, "（联系电话：0874-3125067）": the closing bracket is not the number's
            while value[-1:] in ")）" and value.count(")") + value.count("）") > value.count("(") + value.count("（"):
                value = value[:-1].rstrip()
            out[key] = value
    return out


def _report_year(ledger: Ledger) -> int | None:
    for d in (ledger.report_date, ledger.feedback_date, ledger.inspection_end):
        if d:
            return int(d[:4])
    return None


_PLANNED_BEFORE = re.compile(r"时限|期限|计划|预计|力争|争取|拟于|将于|将在|确保|截止|之前|以前")
_PLANNED_AFTER = re.compile(r"\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|以前|之前)")


def _actions(orig: str, norm: str, ledger: Ledger) -> list[dict]:
    """Dated actions inside items (8月完成…, 2023年9月已开庭审理) at month precision; a month without a
    year takes the report's year, or the year before when that would put it after the report."""
    year = _report_year(ledger)
    report_month = int(ledger.report_date[5:7]) if ledger.report_date else 12
    out = []
    if not ledger.items:
        return out
    # one scan of the items' whole span, each date then given to the item whose block holds it
    dates = find_dates(norm, ledger.items[0].start, ledger.items[-1].end)
    k = 0
    for it in ledger.items:
        while k < len(dates) and dates[k].start < it.start:
            k += 1
        in_item = []
        while k < len(dates) and dates[k].end <= it.end:
            in_item.append(dates[k])
            k += 1
        for d in in_item:
            if d.year is None and year is None:
                continue
            y = d.year or (year if d.month <= report_month else year - 1)
            a = max(norm.rfind(c, it.start, d.start) for c in "。;\n(") + 1
            ends = [i for i in (norm.find(c, d.end, it.end) for c in "。;\n") if i != -1]
            b = min(ends) + 1 if ends else it.end
            a = max(a, it.start)
            # a deadline or a plan is not something done: 整改时限：2024年3月底, 计划于6月底前完成
            if _PLANNED_BEFORE.search(norm, a, d.start) or _PLANNED_AFTER.match(norm, d.end):
                continue
            # the action, not the numbering or label in front of it: "（1）", "整改情况："
            lead = re.match(r"\s*(?:\(?\d{1,2}\)|[①-⑳])?\s*(?:整改情况|整改措施|整改结果|整改进展)?\s*:?\s*", norm[a:b])
            a += lead.end() if lead else 0
            out.append({
                "date": d.month_iso(y), "day": d.iso(y), "item_no": it.no, "item_seq": it.seq,
                "text": orig[a:b].strip(), "start": a, "end": b,
            })
    return out


def _warn(ledger: Ledger) -> None:
    def add(zh: str, en: str) -> None:
        ledger.warnings.append(zh)
        ledger.warnings_en.append(en)

    if not ledger.items and (ledger.stated.total or ledger.stated.problems):
        add("报告只给出问题总数，未逐项列出问题（如一轮巡察的综述）",
            "The report states totals only and lists no items (a summary of a whole round, for instance)")
    elif not ledger.items:
        add("未识别出整改事项：文本可能只是报告的开头，或版式暂不支持",
            "No items found: the text may be only the opening of a report, or its layout is not supported")
    counts = Counter(i.status for i in ledger.items)
    s = ledger.stated
    if ledger.items:
        checks = [("问题总数", "total", s.total, len(ledger.items)), ("已完成", "done", s.done, counts["done"]),
                  ("正在整改", "in progress", s.in_progress, counts["in_progress"]),
                  ("未完成", "not done", s.not_done, counts["not_done"])]
        for zh, en, stated, counted in checks:
            if stated is not None and stated != counted:
                add(f"报告称{zh} {stated} 个，解析出 {counted} 个",
                    f"The report states {stated} {en}; {counted} parsed")
    # items under themes and items of a part without themes (an audit part after the inspection's) number
    # themselves apart
    seen = Counter((i.theme_no is None, i.no) for i in ledger.items if i.no is not None)
    dup = sorted({n for (_, n), c in seen.items() if c > 1}) if _restart_free(ledger) else []
    if dup:
        add("事项编号重复：" + "、".join(map(str, dup)), "Repeated item numbers: " + ", ".join(map(str, dup)))
    missing = _missing_numbers(ledger)
    if missing:
        shown = "、".join(map(str, missing[:20])) + ("…" if len(missing) > 20 else "")
        add(f"事项编号不连续：缺少 {shown}", f"Item numbers skip: {shown.replace('、', ', ')} missing")
    if counts["unknown"] and ledger.items:
        add(f"{counts['unknown']} 个事项未写明整改状态", f"{counts['unknown']} item(s) state no status")


def _missing_numbers(ledger: Ledger) -> list[int]:
    """Numbers skipped in a run of items (1, 2, 4 → 3); per theme when each theme starts again at 1."""
    runs: list[list[int]] = []
    if _restart_free(ledger):
        runs = [[i.no for i in ledger.items if i.no is not None]]
    else:
        by_theme: dict = {}
        for i in ledger.items:
            if i.no is not None:
                by_theme.setdefault(i.theme_no, []).append(i.no)
        runs = list(by_theme.values())
    missing: set[int] = set()
    for nos in runs:
        present = set(nos)
        if nos and max(nos) - min(nos) < 10 * len(nos):   # not a numbering that jumps by design
            missing |= {n for n in range(min(nos), max(nos)) if n not in present}
    return sorted(missing)


def _restart_free(ledger: Ledger) -> bool:
    """Numbering runs through the report (no restart per theme), so a repeated number is a real duplicate."""
    by_theme: dict = {}
    for i in ledger.items:
        by_theme.setdefault(i.theme_no, []).append(i.no)
    firsts = [v[0] for v in by_theme.values() if v]
    return len(firsts) <= 1 or any(f != 1 for f in firsts[1:])
