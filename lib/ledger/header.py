"""The report's header: title, publisher, kind, inspecting body, inspection period, feedback and report dates."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DateMatch, find_dates

_TITLE_WORDS = re.compile(r"(巡视|巡察).*(通报|报告|公告|公示)|整改.*(进展|落实|工作)?情况的?(通报|报告|公告|公示)"
                          # an office's own ledger: "…巡察反馈意见整改落实情况台账", "…整改问题清单"
                          r"|(巡视|巡察).*整改.*(台账|清单|统计表|汇总表|一览表)(?:[(（][^()（）]{0,30}[)）])?$")
_CHROME_LINE = re.compile(
    r"当前位置|您的位置|您当前的位置|首页\s*>|>\s*首页|浏览量|访问量|阅读次数|字号|字体|打印|关闭|分享|来源\s*:|作者\s*:|"
    r"发布时间|发布日期|信息时间|信息来源|点击数|索引号|主题分类|发文机关|成文日期|公开方式|文件名称|发布机构|保护视力|扫一扫"
)
_TRAILER = re.compile(
    r"版权所有|主办单位|承办单位|网站标识码|ICP备|公网安备|技术支持|打印本页|关闭窗口|【打印】|【关闭】|"
    r"上一篇|下一篇|分享到|相关链接|相关文章|责任编辑|网站地图|联系我们|"
    # a WeChat copy: the list of earlier posts (titles and dates that are not this report's), the follow box
    r"往期推荐|往期回顾|推荐阅读|阅读原文|微信扫一扫|关注该公众号|写留言"
)
_OPENING = re.compile(r"^\s*(根据|按照|依据|遵照|为深入|为贯彻|经|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月)")
_INSPECTOR = re.compile(
    # an enterprise's full name may be long: 岚江省交通投资集团有限公司党委第二巡察组
    r"((?:中央|中共)?(?:[\u4e00-\u9fff]{0,16}?(?:省委|市委|州委|县委|区委|旗委|盟委|自治区党委|党委|党组|党工委|工委))|中央)"
    # (several groups at once: 县委第一、第二巡察组)
    r"(第[一二三四五六七八九十百零〇\d]+(?:[、和及]第[一二三四五六七八九十百零〇\d]+)*|[一二三四五六七八九十\d]+个)?(?:专项)?巡(视|察)组"
)
_PUBLISHER_END = re.compile(r"(委员会|党委|党组|党工委|工委|县委|市委|区委|州委|省委|支部|总支|委员会党组|局|政府)$")
_META_DATE = re.compile(r"(?<!截至)(?<!截止)(?<!统计)(?<!反馈)(成文日期|发布日期|发布时间|信息时间|日期|时间)\s*[:]?\s*", re.S)
# a table's cut-off date dates it when nothing else does (统计截至：2025年3月31日 over a county's counts)
_CUTOFF_DATE = re.compile(r"(统计截[至止](?:时间|日期)?|截[至止]时间|截[至止]日期)\s*[:]?\s*", re.S)
_INLINE_TITLE = re.compile(
    r"(?P<pub>[\u4e00-\u9fff()]{2,40}?(?:委员会|党委|党组|党工委|工委|县委|市委|区委|州委|支部|局))[ \t]*"
    r"(?P<about>关于[^。,:;\n]{2,60}?(?:通报|报告|公告|公示))"
)
# [ \t]* rather than \s*: a megabyte of blank lines must not be rescanned from every line start
# "附件：" alone, or with its title: "附件：县发展和改革局巡察反馈问题整改情况一览表"
ANNEX_HEAD = re.compile(r"^[ \t]*(?:附表|附件)[ \t]*\d{0,2}[ \t]*:?[ \t]*"
                        r"(?:[^\n]{0,60}?(?:一览表|台账|清单|情况表|明细表|进展表))?[ \t]*$", re.M)
_RANGE_SEP = re.compile(r"^\s*(?:至|到|—|–|-|~|一)\s*")


@dataclass
class Header:
    title: str | None = None
    publisher: str | None = None
    kind: str | None = None
    inspector: str | None = None
    inspection_start: str | None = None
    inspection_end: str | None = None
    feedback_date: str | None = None
    report_date: str | None = None
    body_start: int = 0            # first character of the report proper (title or opening sentence)
    trailer_start: int | None = None  # web-page chrome after the report
    dated: list = field(default_factory=list)


_LINE = re.compile(r"[^\n]+")


_FILED_BY = re.compile(r"(?:填报|报送|填表)单位\s*:\s*([\u4e00-\u9fff()]{2,40})")


def _lines(norm: str, start: int = 0, end: int | None = None):
    """(start, end) of each non-empty line between start and end; blank lines are skipped in C."""
    for m in _LINE.finditer(norm, start, len(norm) if end is None else end):
        yield m.start(), m.end()


def _clean_title(s: str) -> str:
    s = s.strip()
    # a disclosure table's label before it: "名　称：中共鹤溪县委关于…的通报"
    s = re.sub(r"^(文件名称|标题|题目|名\s*称)\s*[:：]\s*", "", s)
    s = re.sub(r"^【[^】]{0,8}】\s*", "", s)   # 【通报】
    # an account's column before a bar: "清风青石丨中共…镇委员会关于巡察整改进展情况的通报"
    s = re.sub(r"^[^丨｜|\s]{2,10}\s*[丨｜|]\s*(?=\S*(?:关于|巡[视察]))", "", s)
    return s.strip()


_TITLE_LABEL = re.compile(r"^[^：:，,。]{2,24}[：:]\s*")


def _find_title(orig: str, norm: str, limit: int) -> tuple[str | None, int | None]:
    spans = [(a, b) for a, b in _lines(norm, 0, limit) if norm[a:b].strip()]
    for n, (a, b) in enumerate(spans):
        line = norm[a:b].strip()
        if n + 1 < len(spans) and len(line) <= 60 and re.search(r"巡[视察]", line) and \
                not re.search(r"(通报|报告|公告|公示)$", line):
            # a title wrapped on the page: "…关于县委巡察整改进展情况的" then "通报"
            na, nb = spans[n + 1]
            nxt = norm[na:nb].strip()
            # "…党组关于巡察反馈意见" then "整改进展情况的通报": a title set on two lines at its 关于 part
            if (len(nxt) <= 8 or "关于" in line and len(nxt) <= 24 and not re.search(r"[。,，]", nxt)) and \
                    re.search(r"(通报|报告|公告|公示)$", nxt):
                b = nb
                line = norm[a:b].strip().replace("\n", "")
        # the length first: on a long line the title pattern's .* would rescan to the end at every 整改
        if len(line) > 120 or not _TITLE_WORDS.search(line) or re.search(r"\s>\s|>>", line):   # breadcrumbs
            continue
        if re.search(r"[。]$|[,，]", line) or _OPENING.match(line):
            continue
        if _CHROME_LINE.search(line) and not line.startswith(("文件名称", "标题")):
            continue
        s = a + (len(norm[a:b]) - len(norm[a:b].lstrip()))
        title = re.sub(r"\s*\n\s*", "", _clean_title(orig[s:b]))
        start = s
        # a label before it ("整改台账导出：中共…台账", a platform's export line): the title is what it labels
        label = _TITLE_LABEL.match(title)
        if label and _TITLE_WORDS.search(title[label.end():]):
            title = title[label.end():]
            start = orig.find(title[:4], s, b) if orig.find(title[:4], s, b) != -1 else s
        # A title set on two lines: "中共…委员会" then "关于…的通报".
        if title.startswith("关于") and n > 0:
            pa, pb = spans[n - 1]
            prev = norm[pa:pb].strip()
            if 2 <= len(prev) <= 40 and _PUBLISHER_END.search(prev) and not re.search(r"[。,:;]", prev):
                title = orig[pa:pb].strip() + title
                start = pa + (len(norm[pa:pb]) - len(norm[pa:pb].lstrip()))
        elif n + 1 < len(spans) and not re.search(r"(通报|报告|公告|公示)$", line):
            na, nb = spans[n + 1]
            nxt = norm[na:nb].strip()
            if len(nxt) <= 30 and re.search(r"(通报|报告|公告|公示)$", nxt):
                title += orig[na:nb].strip()
        return title, start
    # A flattened text: the title runs into the opening sentence ("…委员会关于…的通报根据省委统一部署").
    m = _INLINE_TITLE.search(norm, 0, min(limit, 600))
    if m:
        pub_start = m.start("pub")
        cn = norm.find("中共", pub_start, m.start("about"))
        if cn != -1:
            pub_start = cn
        return _clean_title(orig[pub_start:m.end()].replace(" ", "")), pub_start
    return None, None


# a line broken inside a sentence; not one that ends with a date (填报时间：2025年6月20日) or a title (…台账, …通报)
_OPEN_END = re.compile(r"(?!(?<=\d)日|(?<=通)报|(?<=台)账|(?<=报)告)[\u4e00-\u9fff，、]\n(?=[\u4e00-\u9fff])")


def _sentence_bounds(norm: str, pos: int) -> tuple[int, int]:
    """The sentence around pos: between full stops, or line breaks that end a sentence. A break between two
    characters of a sentence (a phone's copy of an article: "…组向街道党工委\n反馈了巡察意见。") does not."""
    a = pos
    while True:
        a = max(norm.rfind("。", 0, a), norm.rfind("\n", 0, a))
        if a == -1 or norm[a] == "。" or not _OPEN_END.match(norm, a - 1):
            break
    b = pos
    while True:
        ends = [i for i in (norm.find("。", b), norm.find("\n", b)) if i != -1]
        b = min(ends) if ends else len(norm)
        if b >= len(norm) or norm[b] == "。" or not _OPEN_END.match(norm, b - 1):
            break
        b += 1
    return a + 1, b


# a 台账's title naming its body before what it carries out: "中共…委员会落实县委第三巡察组反馈意见整改台账",
# "中共…党组巡察整改台账（县委第二巡察组反馈问题）"
_LEDGER_TITLE = re.compile(r"^(.{2,40}?(?:委员会|党组|党委|党工委|总支部?|支部|委))"
                           r"(?:(?:贯彻落实|落实|对照)(?=[^，。]*巡[视察])|(?=巡[视察]整改))")


def parse_header(orig: str, norm: str, first_item: int | None) -> Header:
    h = Header()
    head_limit = first_item if first_item is not None else min(len(norm), 4000)
    title, tstart = _find_title(orig, norm, head_limit)
    h.title = title
    opening = None
    for a, b in _lines(norm):
        if a >= head_limit:
            break
        if _OPENING.match(norm[a:b]) and re.search(r"巡[视察]", norm[a:b]):
            opening = a + len(norm[a:b]) - len(norm[a:b].lstrip())
            break
    candidates = [p for p in (tstart, opening) if p is not None]
    h.body_start = min(candidates) if candidates else 0

    # Web chrome after the report: the first trailer line after the report proper has begun. The page's
    # meta line under the title ("发布时间：…　字号：[大 中 小]　【打印本页】【关闭窗口】") holds the same
    # words, so the search starts at the opening sentence or the first item when there is one.
    content_from = max([p for p in (tstart, opening, first_item) if p is not None], default=h.body_start)
    for m in _TRAILER.finditer(norm, content_from + 1):
        a = norm.rfind("\n", 0, m.start()) + 1
        e = norm.find("\n", m.end())
        if a > content_from and len(norm[a:e if e != -1 else len(norm)].strip()) < 120:
            h.trailer_start = a
            break
    end = h.trailer_start if h.trailer_start is not None else len(norm)
    # an annex after the signature (附表：整改完成情况一览表) is not where the report's date is
    # (searched from the opening: the items may be the annex's own)
    annex = ANNEX_HEAD.search(norm, max([p for p in (tstart, opening) if p is not None], default=h.body_start), end)
    if annex:
        end = annex.start()

    # Publisher: the title's part before 关于, else the signature, else who received the feedback.
    if title and "关于" in title:
        pub = title[: title.index("关于")].strip()
        if 2 <= len(pub) <= 40:
            h.publisher = pub
    elif title:
        m = _LEDGER_TITLE.match(title)   # a 台账's title without 关于
        if m:
            h.publisher = m.group(1)
    sig_date = _signature_date(norm, end)
    if h.publisher is None and sig_date is not None:
        h.publisher = _signature_name(orig, norm, sig_date.start)
    elif h.publisher and h.publisher.endswith("委") and sig_date is not None:
        # the title's short form, the signature's full one: 中共澜川市委 … 中共澜川市委员会
        signed = _signature_name(orig, norm, sig_date.start)
        if signed == h.publisher + "员会":
            h.publisher = signed
    scope_text = norm[h.body_start:head_limit] if head_limit > h.body_start else norm[h.body_start:]
    if h.publisher is None:
        # a ledger's form line: "填报单位：青山县林业局党组  截至时间：…"
        m = _FILED_BY.search(scope_text[:600])
        if m:
            h.publisher = re.sub(r"[(（]\s*(?:盖章|章)\s*[)）]$", "", m.group(1)) or None   # 填报单位：…（盖章）
    if h.publisher is None:
        m = re.search(r"向([\u4e00-\u9fff()]{2,30}?)(?:全面|正式|集中)?反馈", scope_text)
        if m and not re.search(r"\d|家|单位|巡[视察]组|^我", m.group(1)):
            h.publisher = m.group(1)
    if h.publisher is None:
        # who was inspected: "…巡察组对区行政审批和政务信息管理局党组开展了…巡察"
        m = re.search(r"巡[视察]组对([\u4e00-\u9fff()]{2,30}?)(?:开展|进行|实施)", scope_text)
        if m and not re.search(r"\d|家|单位", m.group(1)):
            h.publisher = m.group(1)

    # Kind and inspecting body.
    kinds = re.findall(r"巡(视|察)", (title or "") + scope_text[:600])
    if kinds:
        h.kind = "巡" + _majority(kinds)
    m = _INSPECTOR.search(scope_text)
    if m:
        h.inspector = re.sub(r"^(?:根据|按照|依据|经|对照|针对|配合|接受|现将|由|在)", "", m.group(0))
        # a title that names the group: "中共…公司委员会关于集团党委第二巡察组巡察整改…" → 集团党委第二巡察组
        # (or after 落实: "中共…镇委员会落实县委第三巡察组反馈意见整改台账")
        for word in ("关于", "落实"):
            h.inspector = h.inspector[h.inspector.rfind(word) + 2:] if word in h.inspector else h.inspector
        h.inspector = re.sub(r"^[^省市州县区旗盟中自]*?(?=(?:中央|省委|市委|州委|县委|区委|旗委|盟委|自治区))", "", h.inspector)
        if not h.kind:
            h.kind = "巡" + m.group(3)

    _dates(h, norm, scope_text, h.body_start)

    # Report date: the signature's date, else the page's publication metadata.
    if sig_date is not None:
        h.report_date = sig_date.iso()
    for labels in (_META_DATE, _CUTOFF_DATE):
        if h.report_date is not None:
            break
        for m in labels.finditer(norm, 0, min(len(norm), max(h.body_start + 400, 1500))):
            ds = find_dates(norm, m.end(), min(len(norm), m.end() + 40))
            if ds and ds[0].start == m.end() and ds[0].year:
                h.report_date = ds[0].iso()
                if h.report_date:
                    break
    if h.report_date is None:
        # a copied article's own date line above the title ("清风青岚" then "2024年05月16日 18:30")
        for a, b in _lines(norm, 0, h.body_start):
            if _DATE_LINE.match(norm, a, b):
                ds = find_dates(norm, a, b)
                if ds and ds[0].year and ds[0].iso():
                    h.report_date = ds[0].iso()
    return h


_DATE_LINE = re.compile(r"\s*(?:[\u4e00-\u9fff]{2,12}\s+)?\d{4}\s*(?:年|-|/|\.)\s*\d{1,2}\s*(?:月|-|/|\.)\s*\d{1,2}\s*日?"
                        r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")


def _majority(kinds: list[str]) -> str:
    """The more frequent of 视/察, ties going to the first seen."""
    return max(dict.fromkeys(kinds), key=kinds.count)


def _dates(h: Header, norm: str, scope: str, offset: int) -> None:
    """Inspection period and feedback date from the opening sentences; a date without a year takes the
    year of the date before it; a damaged date stays None."""
    dates = find_dates(scope)
    rng = None
    for d1 in dates:
        rest = scope[d1.end:]
        sep = _RANGE_SEP.match(rest)
        if not sep:
            continue
        d2 = next((d for d in dates if d.start == d1.end + sep.end()), None)
        if d2 is None:
            continue
        sa, sb = _sentence_bounds(scope, d1.start)
        if re.search(r"巡[视察]", scope[sa:sb]):
            rng = (d1, d2)
            break
    year = None
    after = 0
    if rng:
        d1, d2 = rng
        h.inspection_start = d1.iso()
        y2 = d2.year or (d1.year + (1 if d1.year and d2.month < d1.month else 0) if d1.year else None)
        h.inspection_end = d2.iso(y2)
        year = y2
        after = d2.end
    # without a range (damaged: "2024717日至830日") no year is lent to the dates after it
    last_month = rng[1].month if rng else None
    for d in dates:
        if d.start < after:
            continue
        sa, sb = _sentence_bounds(scope, d.start)
        sent = scope[sa:sb]
        if "反馈" not in sent:
            continue
        fb_pos = sent.find("反馈")
        labelled = re.search(r"反馈(?:时间|日期)\s*:\s*$", scope[max(sa, d.start - 8):d.start])   # 巡察反馈时间：…
        if d.start - sa > fb_pos and "于" not in scope[max(sa, d.start - 3):d.start] and not labelled:
            continue
        y = d.year
        if y is None and year is not None:
            y = year + (1 if last_month and d.month < last_month else 0)
        h.feedback_date = d.iso(y)
        if rng and rng[0].year is None and rng[1].year is None and y:
            # "3月9日至6月10日…2023年7月18日…反馈": the inspection ends before its feedback
            d1, d2 = rng
            y1 = y if d1.month <= d.month else y - 1
            y2 = y1 + (1 if d2.month < d1.month else 0)
            h.inspection_start, h.inspection_end = d1.iso(y1), d2.iso(y2)
        break


def _signature_date(norm: str, end: int) -> DateMatch | None:
    """The date that closes the report: at the end of its line, after nothing or a short signature name."""
    tail_start = max(0, end - 400)
    for d in reversed(find_dates(norm, tail_start, end)):
        le = norm.find("\n", d.end)
        le = end if le == -1 or le > end else le
        if norm[d.end:le].strip(" 。") or not (d.year and d.day):
            continue
        ls = max(norm.rfind("\n", 0, d.start), norm.rfind("。", 0, d.start)) + 1
        before = norm[ls:d.start].strip()
        if before == "" or (len(before) <= 40 and not re.search(r"[,:;，：；]", before)):
            return d
    return None


def _signature_name(orig: str, norm: str, date_start: int) -> str | None:
    """The signing body: the words before the closing date on its line, or the line above it."""
    ls = max(norm.rfind("\n", 0, date_start), norm.rfind("。", 0, date_start)) + 1
    same_line = norm[ls:date_start].strip()
    if same_line:
        return orig[ls:date_start].strip() if len(same_line) <= 40 else None
    ls = norm.rfind("\n", 0, date_start)
    while ls > 0:
        ps = norm.rfind("\n", 0, ls) + 1
        line = norm[ps:ls].strip()
        if line:
            if len(line) <= 40 and not re.search(r"[。,:;@]", line):
                return orig[ps:ls].strip()
            return None
        ls = ps - 1
    return None
