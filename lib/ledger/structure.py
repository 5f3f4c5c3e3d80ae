"""Segments → feedback themes and items: the blocks at the item level (levels.py chose it), their titles, statuses and measures."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .levels import (
    PROBLEM_RANK,
    assign_chains,
    choose_levels,
    excluded,
    find_cut,
    heading_title_span,
    is_status_label,
    rank,
    sections_with_statuses,
    uninvert,
    unnumbered_items,
)
from .model import Item, Theme
from .segment import (
    HEADING_KINDS,
    INFO_LABELS,
    MEASURE_LABELS,
    PLAN_LABELS,
    PROGRESS_LABELS,
    STATUS_LABELS,
    Seg,
)
from .status import bracketed_status, classify, standalone_status

_AIM_TITLE = re.compile(r"(?:针对|关于)“[^”]{2,80}”(?:的)?(?:问题|方面)[,:]")


# Measures inside a label's text: (1)…(2)…, ①②, 一是…二是…, 1.…2.…
_MEASURE_MARK = [
    re.compile(r"\(\s*\d{1,2}\s*\)"),
    re.compile(r"[①-⑳]"),
    re.compile(r"(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,3}是|(?<=[。;:\s])[一二三四五六七八九十]{1,3}是"),
    re.compile(r"(?:(?<=^)|(?<=[。;:\s]))\d{1,2}\s*[.、](?:(?!\d)|(?=(?:19|20)\d{2}\s*年))"),
]
# A status said in the item's closing sentence: "目前该问题已整改到位。", "该项工作需长期坚持。",
# "…，目前该项整改尚未完成，计划于…". A lead (目前) or a subject (该问题) is required, so a measure such as
# "已完成3个村的清理" is not read as a status.
_CLAUSE_LEAD = re.compile(
    r"^\s*(?P<lead>(?:截至目前|目前|现在|现已|当前|至此|现)\s*,?\s*)?"
    # (and "目前仍有部分问题正在整改": part of it still under way is the item's status)
    r"(?P<subj>(?:该|此|本|这一|上述)(?:问题|项|事项|条)(?:的)?(?:整改工作|整改|工作)?|(?:仍有|尚有|还有)部分(?:问题|事项|任务|工作)?"
    r"|整改工作)?\s*"
)
# (and a date it was done on: "该问题已于2024年10月整改销号")
_Y, _MD = "[\\d〇○零一二三四五六七八九]{4}", "[\\d一二三四五六七八九十]{1,3}"
_ADVERBS = re.compile(rf"^(?:已经|已(?=基本)|已于{_Y}年(?:{_MD}月)?(?:{_MD}日)?(?:底|初|中旬|上旬|下旬)?|正在|仍在|仍|需要|需|尚|均"
                      r"|全部|基本上)+(?=\S)")
_NEXT_STEP_PARA = re.compile(r"\s*(?:下一?步|今后)\s*[,:]")   # with .match(norm, pos): anchored at pos
# "通过整改，共追回…": a paragraph that sums up the whole report after its last item
# (and "以上各项整改共清退…": the sum of the items told after the last of them)
_SUMMING_UP_PARA = re.compile(r"\s*(?:(?:(?:通过|经过)[^,:;。\n]{0,10}?整改(?:工作)?|整改以来|总体来看|总的来看|总的看|总体看|综上)\s*[,:]"
                              r"|(?:以上|上述)(?:各项|各类|[\d一二三四五六七八九十]+个)?(?:问题)?(?:的)?整改(?:工作)?(?=共|累计|合计|中|期间)"
                              # "截至2024年11月30日，…反馈的4个方面16个问题，已完成整改12个": the whole report's progress
                              r"|截至[^,。;\n]{1,14},(?=[^。\n]{0,40}?\d+个(?:方面|问题)[^。\n]{0,20}?(?:已完成|已整改|完成整改)))")
_MORE_STATUS = re.compile(r"[,，]\s*([^,，。;；\n\d]{2,10})(?=[。;；\n]|$)")
_TITLE_LABEL = re.compile(r"\s*(?:反馈问题|问题描述|存在问题|问题)\s*:\s*")


@dataclass
class Structure:
    themes: list[Theme]
    items: list[Item]
    item_segs: list[Seg]
    body_end: int          # where items stop: next-steps section or closing
    warnings: list[tuple[str, str]]


def _lone_problems(norm: str, segs: list[Seg], cut: int, theme_rank: float, item_rank: float,
                   blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Theme-level headings in a section without any item, each a paragraph that states its own status."""
    sections_with_items = {id(segs[i].chain.get(r)) for i, _ in blocks for r in segs[i].chain if r < theme_rank}
    found = []
    for k in range(cut):
        s = segs[k]
        if s.kind not in HEADING_KINDS or rank(s) != theme_rank or excluded(s):
            continue
        parents = [h for r, h in s.chain.items() if r < theme_rank]
        if not parents or any(id(h) in sections_with_items for h in parents):
            continue
        j = k + 1
        while j < cut and not (segs[j].kind in HEADING_KINDS and rank(segs[j]) <= theme_rank):
            j += 1
        if any(segs[m].kind in HEADING_KINDS and rank(segs[m]) == item_rank for m in range(k + 1, j)):
            continue
        end = segs[j].start if j < len(segs) else len(norm)
        if closing_status(norm, s.body, end) or any(is_status_label(norm, segs[m]) for m in range(k + 1, j)):
            found.append((k, j))
    return found if len(found) >= 2 else []


def _status_sub_blocks(norm: str, segs: list[Seg], i: int, j: int, item_rank: float) -> list[tuple[int, int]]:
    """The item's sub-problem blocks when it has two or more, each holding exactly one status line."""
    heads = [k for k in range(i + 1, j) if segs[k].kind in HEADING_KINDS and rank(segs[k]) > item_rank]
    if len(heads) < 2:
        return []
    d = min(rank(segs[k]) for k in heads)
    heads = [k for k in heads if rank(segs[k]) == d]
    if len(heads) < 2 or any(is_status_label(norm, segs[k]) for k in range(i + 1, heads[0])):
        return []
    subs = list(zip(heads, heads[1:] + [j]))
    if all(sum(is_status_label(norm, segs[k]) for k in range(a, b)) == 1 for a, b in subs):
        return subs
    return []


def _paragraph_status(norm: str, a: int, b: int) -> tuple[int, int] | None:
    """(start, end) of the only bracketed status that closes a paragraph of norm[a:b], else None."""
    hits, pos = [], a
    for line in norm[a:b].split("\n"):
        m = bracketed_status(line.rstrip())
        if m:
            hits.append((pos + m.start("raw"), pos + m.end("raw")))
        pos += len(line) + 1
    return hits[0] if len(hits) == 1 else None


def closing_status(norm: str, a: int, b: int) -> tuple[int, int] | None:
    """(start, end) of a status stated in the closing sentences of norm[a:b], else None."""
    text = norm[a:b].rstrip()
    bracket = bracketed_status(text)       # "…暂缓实施项目11个。〔持续推进〕"
    if bracket:
        return a + bracket.start("raw"), a + bracket.end("raw")
    sentences = [m for m in re.finditer(r"[^。\n]+", text)][-2:]
    for sm in reversed(sentences):
        clauses = list(re.finditer(r"[^,;]+", sm.group()))
        for n, cm in enumerate(reversed(clauses)):
            lead = _CLAUSE_LEAD.match(cm.group())
            # a sentence that is nothing but a status ("…11次。已完成。") needs no lead or subject
            bare = len(clauses) == 1 and n == 0
            if not (lead.group("lead") or lead.group("subj") or bare):
                continue
            rest = cm.group()[lead.end():]
            raw = standalone_status(rest)
            dated = 0   # "已于2024年10月" before the status: when, not the status's words
            if raw is None or len(raw) != len(rest.strip()):
                adv = _ADVERBS.match(rest)
                raw = standalone_status(rest[adv.end():]) if adv else None
                if raw is None or adv.end() + len(raw) != len(rest.strip()):
                    continue
                dated = adv.end() if "年" in adv.group() else 0
            start = a + sm.start() + cm.start() + lead.end()
            end = start + len(rest.strip())
            start += dated
            # "目前，该问题已取得阶段性成效，正在持续整改中": the clauses after it, each a status, belong to it
            later = clauses[len(clauses) - n:]
            if later and all(_bare_status(c.group()) for c in later):
                end = a + sm.start() + later[-1].start() + len(later[-1].group().rstrip())
            return start, end
    return None


def _bare_status(clause: str) -> bool:
    rest = clause.strip()
    adv = _ADVERBS.match(rest)
    rest = rest[adv.end():] if adv else rest
    raw = standalone_status(rest)
    return raw is not None and len(raw) == len(rest)


def _sub_problem(norm: str, segs: list[Seg], k: int, j: int) -> bool:
    nxt = next((t for t in segs[k + 1:j] if t.kind in HEADING_KINDS | {"label"}), None)
    if nxt is None or nxt.kind != "label":
        return False
    # 整改进展：已完成 is the status line after the last measure, not the measures of a sub-problem
    return nxt.label in MEASURE_LABELS or nxt.label in PROGRESS_LABELS and not is_status_label(norm, nxt)


def _split_measures(orig: str, norm: str, a: int, b: int) -> list[str]:
    """The measures in one label's text: by its numbering when it has one, else one per paragraph."""
    text = norm[a:b]
    best = None
    for rx in _MEASURE_MARK:
        marks = [m for m in rx.finditer(text)]
        if marks and (best is None or marks[0].start() < best[0].start()):
            best = marks
    pieces: list[tuple[int, int]] = []
    if best:
        bounds = [m.start() for m in best] + [len(text)]
        head = text[: bounds[0]].strip(" \n:")
        if len(head) > 12:  # an introductory sentence that is itself a measure
            pieces.append((0, bounds[0]))
        for m, nxt in zip(best, bounds[1:]):
            pieces.append((m.end(), nxt))
    else:
        pos = 0
        for para in text.split("\n"):
            pieces.append((pos, pos + len(para)))
            pos += len(para) + 1
    out = []
    for s, e in pieces:
        piece = orig[a + s:a + e].strip(" \u3000\n\t").lstrip("。.;；，,")
        if piece.strip("。;，,；.:： "):
            out.append(piece)
    return out


def _closes_with_status(segs: list[Seg], i: int, j: int) -> bool:
    """The block's last paragraph is its status line."""
    return j - 1 > i and segs[j - 1].kind == "label" and segs[j - 1].label in STATUS_LABELS


@dataclass
class _Body:
    """What the steps of analyze share: the text, its segments, where the body ends, the numbering levels."""
    orig: str
    norm: str
    segs: list[Seg]
    cut: int                  # index of the first segment of the closing part
    body_end: int             # where items stop
    theme_rank: float | None
    item_rank: float
    how: str                  # problem | labels | headings: what decided the levels

    def end_of(self, j: int) -> int:
        return self.segs[j].start if j < len(self.segs) else len(self.norm)

    def close_at(self, k: int) -> None:
        self.cut = min(self.cut, k)
        self.body_end = min(self.body_end, self.segs[k].start)


def analyze(orig: str, norm: str, segs: list[Seg]) -> Structure:
    """Themes and items of the segmented text: choose the numbering levels, cut each item's block of
    segments, keep the real items, then read each block's title, status and measures."""
    uninvert(norm, segs)
    unnumbered_items(norm, segs)
    assign_chains(norm, segs)
    sections_with_statuses(norm, segs)
    cut = find_cut(norm, segs)
    body_end = segs[cut].start if cut < len(segs) else len(norm)
    theme_rank, item_rank, how = choose_levels(norm, segs, cut)
    if item_rank is None:
        return Structure([], [], [], body_end, [])
    body = _Body(orig, norm, segs, cut, body_end, theme_rank, item_rank, how)
    idx, blocks = _item_blocks(body)
    blocks = _real_items(body, blocks)
    blocks, parent_titles = _sub_problems(body, blocks)
    _end_at_closing_paragraph(body, blocks)
    _end_after_last_status(body, blocks)

    themes: list[Theme] = []
    theme_by_seg: dict[int, Theme] = {}
    items: list[Item] = []
    item_segs: list[Seg] = []
    for seq, (i, j) in enumerate(blocks, start=1):
        head = segs[i]
        theme = _theme_of(body, head, themes, theme_by_seg)
        group = parent_titles.get(i, _group_of(body, head))
        a, b, title, status_raw = _title(body, head)
        block_end = min(body.end_of(j), len(norm))
        status_raw, measures = _labelled_parts(body, i, j, block_end, status_raw)
        if how == "headings" or not any(segs[k].kind == "label" for k in range(i + 1, j)):
            # prose after the title line is the measure text when a report uses no labels
            nxt_head = next((segs[k].start for k in range(i + 1, j) if segs[k].kind in HEADING_KINDS), block_end)
            if not measures:
                measures = _split_measures(orig, norm, b, nxt_head)
        if status_raw is None:
            status_raw = _said_at_the_end(body, b, block_end, measures)
        items.append(Item(
            no=seq if head.num is None else head.num, theme_no=theme.no if theme else None, title=title,
            status=classify(status_raw),
            status_raw=status_raw, measures=measures, seq=seq, group=group,
            start=head.start, end=block_end,
        ))
        item_segs.append(head)
    if items and idx:
        _titles_from_list(orig, norm, segs[:idx[0]], items, themes)
    return Structure(themes, items, item_segs, body.body_end, [])


def _item_blocks(body: _Body) -> tuple[list[int], list[tuple[int, int]]]:
    """The item headings' indexes, and each item's (first, end) segments: to the next heading of its rank or above."""
    segs, cut, item_rank = body.segs, body.cut, body.item_rank

    def ends_block(j: int) -> bool:
        seg = segs[j]
        if seg.kind not in HEADING_KINDS or rank(seg) > item_rank:
            return False
        if item_rank == PROBLEM_RANK and seg.kind == "item":
            # under 问题N, "2.…" followed by a label before the next problem is a numbered measure (a Word
            # table cell's 1.…2.…3.…); "2.关于…方面" followed by 问题N is the next group
            for k in range(j + 1, cut):
                if segs[k].kind == "label":
                    return False
                if segs[k].kind in HEADING_KINDS and rank(segs[k]) >= item_rank:
                    return True
        return True

    idx = [i for i in range(cut) if segs[i].kind in HEADING_KINDS and rank(segs[i]) == item_rank
           and not excluded(segs[i])]
    blocks = []
    for i in idx:
        j = i + 1
        while j < cut and not ends_block(j):
            j += 1
        blocks.append((i, j))
    return idx, blocks


def _real_items(body: _Body, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leave out numbered paragraphs that tell how the work was organised; add a part's lone problems."""
    segs, theme_rank = body.segs, body.theme_rank
    if body.how == "headings" and theme_rank is not None:
        # Numbered paragraphs outside every theme (一、提高政治站位… 1.强化组织领导) say how the work was
        # organised when most items sit under a theme: they are not items.
        themed = [(i, j) for i, j in blocks if theme_rank in segs[i].chain]
        if len(themed) * 2 > len(blocks):
            blocks = themed
    if body.how != "headings":
        # An item without a label of its own is kept when a sibling under the same theme has one:
        # numbered paragraphs in an unlabelled part (how the work was organized) are not items.
        def parent(i):
            return segs[i].chain.get(theme_rank) if theme_rank is not None else None
        labelled = {id(parent(i)) for i, j in blocks if any(segs[k].kind == "label" for k in range(i, j))}
        blocks = [(i, j) for i, j in blocks if id(parent(i)) in labelled]
    # A part whose theme-level paragraphs are problems of their own ("三、审计发现问题整改落实情况" with
    # （一）…。该问题已整改完成。), beside a part with themes and items: those paragraphs are items too.
    if theme_rank is not None and blocks:
        blocks = sorted(blocks + _lone_problems(body.norm, segs, body.cut, theme_rank, body.item_rank, blocks))
    return blocks


def _sub_problems(body: _Body, blocks: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], dict[int, str]]:
    """An item whose sub-problems （1）（2） each carry a status line of their own is those sub-problems,
    grouped under the item's title (h06); items without sub-problems stay whole."""
    parent_titles: dict[int, str] = {}
    if body.how != "labels":
        return blocks, parent_titles
    split = []
    for i, j in blocks:
        subs = _status_sub_blocks(body.norm, body.segs, i, j, body.item_rank)
        if subs:
            a, b = heading_title_span(body.norm, body.segs[i])
            for k, _ in subs:
                parent_titles[k] = body.orig[a:b].strip()
            split.extend(subs)
        else:
            split.append((i, j))
    return split, parent_titles


def _end_at_closing_paragraph(body: _Body, blocks: list[tuple[int, int]]) -> None:
    """A closing paragraph "下一步，…" or "通过整改，共追回…" without a heading ends the last item, unless every
    item has one of its own."""
    segs, norm = body.segs, body.norm

    def next_step_para(k: int) -> bool:
        return segs[k].kind == "text" and bool(_NEXT_STEP_PARA.match(norm, segs[k].start, segs[k].end)
                                               or _SUMMING_UP_PARA.match(norm, segs[k].start, segs[k].end))

    if not blocks:
        return
    li, lj = blocks[-1]
    closing = next((k for k in range(li + 1, lj) if next_step_para(k)), None)
    if closing is not None and not any(next_step_para(k) for bi, bj in blocks[:-1] for k in range(bi + 1, bj)):
        blocks[-1] = (li, closing)
        body.close_at(closing)


def _end_after_last_status(body: _Body, blocks: list[tuple[int, int]]) -> None:
    """Items that each close with their status line (a ledger table read row by row: …整改结果：已完成): so
    does the last, and the prose after its status line is the report's again."""
    segs = body.segs
    if len(blocks) >= 2 and all(_closes_with_status(segs, i, j) for i, j in blocks[:-1]):
        li, lj = blocks[-1]
        last = next((k for k in range(lj - 1, li, -1) if segs[k].kind == "label"), None)
        if last is not None and segs[last].label in STATUS_LABELS and last + 1 < lj and segs[last + 1].kind == "text":
            blocks[-1] = (li, last + 1)
            body.close_at(last + 1)


def _theme_of(body: _Body, head: Seg, themes: list[Theme], theme_by_seg: dict[int, Theme]) -> Theme | None:
    """The theme heading above an item, made a Theme the first time it is met."""
    if body.theme_rank is None or body.theme_rank not in head.chain:
        return None
    tseg = head.chain[body.theme_rank]
    theme = theme_by_seg.get(id(tseg))
    if theme is None:
        a, b = heading_title_span(body.norm, tseg)
        m = re.match(r"反馈问题\s*:\s*", body.norm[a:b])
        if m:
            a += m.end()
        title = body.orig[a:b].strip()
        # the same heading again, number and words (a 台账 split into sheets by status repeats each category on
        # every sheet): the same theme, not a new one
        again = next((t for t in themes if t.no == tseg.num and re.sub(r"\s+", "", t.title) == re.sub(r"\s+", "", title)),
                     None)
        if again is not None:
            theme_by_seg[id(tseg)] = again
            return again
        # a second part that numbers its themes from （一） again (党委 then 纪委): themes are told
        # apart by number everywhere, so the repeat continues after the highest
        theme = Theme(_free_theme_no(themes, tseg.num), title, tseg.start, body.end_of(body.cut))
        themes.append(theme)
        theme_by_seg[id(tseg)] = theme
    return theme


def _group_of(body: _Body, head: Seg) -> str | None:
    """The heading between an item's theme and the item (a sub-area), if any."""
    group = None
    for r, h in sorted(head.chain.items()):
        if body.theme_rank is not None and body.theme_rank < r < body.item_rank and h.role != "progress":
            ga, gb = heading_title_span(body.norm, h)
            group = body.orig[ga:gb].strip()
    return group


_LEADING_STATUS = re.compile(r"\s*[【\[(]\s*(?P<raw>[^【】\[\]()]{2,8}?)\s*[】\])]\s*")


def _title(body: _Body, head: Seg) -> tuple[int, int, str, str | None]:
    """(title start, title end, title, its bracketed status or None) of an item heading."""
    norm, orig = body.norm, body.orig
    a, b = heading_title_span(norm, head)
    aim = _AIM_TITLE.match(norm, a, b)     # "针对“…”问题，制定…": the problem is the title, the rest measures
    if aim:
        b = aim.end() - 1
    lead = _TITLE_LABEL.match(norm, a, b)  # "1.反馈问题：…": the label is not part of the title
    if lead:
        a = lead.end()
    status_raw = None
    first = _LEADING_STATUS.match(norm, a, b)
    if first and classify(first.group("raw")) != "unknown":
        # "1.【已完成】…问题": the status opens the title line
        status_raw = orig[first.start("raw"):first.end("raw")]
        a = first.end()
    title = orig[a:b].strip()
    tm = None if status_raw else bracketed_status(norm, a, head.end if head.end - a < 200 else a + 200)
    # "1.某问题（已完成）。" or "1.某问题。（已完成）"; a bracket after the measures ends the item instead
    if tm and tm.start() <= b + 2:
        status_raw = orig[tm.start("raw"):tm.end("raw")]
        title = orig[a:tm.start()].strip().rstrip("。.")
    return a, b, title, status_raw


def _labelled_parts(body: _Body, i: int, j: int, block_end: int,
                    status_raw: str | None) -> tuple[str | None, list[str]]:
    """(status as published, measures) from an item's labelled paragraphs (整改措施：…, 完成情况：…); a status
    the title already gave stays."""
    norm, orig, segs = body.norm, body.orig, body.segs
    measures: list[str] = []
    from_progress = False   # the status so far was read off a progress line
    said: list[str] = []     # the statuses its status lines give, in order
    # A sub-heading followed by a measures label is a sub-problem (doc21: "(1)…" then 整改情况：); the
    # measures of the label before it stop there. A numbered line followed by the status line
    # ("2.…" then 完成情况：已完成) is the last measure of a list.
    stops = {k for k in range(i + 1, j) if segs[k].kind in HEADING_KINDS and _sub_problem(norm, segs, k, j)}
    for k in range(i + 1, j):
        s = segs[k]
        if s.kind != "label":
            continue
        e = k + 1
        while e < j and segs[e].kind != "label" and e not in stops:
            e += 1
        content_end = min(body.end_of(e), block_end)
        ca = s.body
        while ca < content_end and norm[ca] in " :\n":
            ca += 1
        raw = standalone_status(norm[ca:content_end])
        if raw:
            # "基本完成，持续推进中。": a second status clause belongs to the status, not to the measures
            more = _MORE_STATUS.match(norm, ca + len(raw), content_end)
            if more and classify(more.group(1)) != "unknown":
                raw = norm[ca:more.end(1)]
        if s.label in STATUS_LABELS or (s.label in PROGRESS_LABELS and raw):
            if status_raw is not None and from_progress and s.label in STATUS_LABELS:
                # 整改情况：持续推进 then 整改结果：长期坚持 (a 台账's two columns): the status column says it
                status_raw, from_progress = None, False
            if status_raw is None:
                from_progress = s.label in PROGRESS_LABELS
                if raw is None:
                    stop = re.search(r"[。;\n]", norm[ca:content_end])
                    raw = norm[ca: ca + (stop.start() if stop else min(30, content_end - ca))]
                status_raw = orig[ca:ca + len(raw)].strip()
                if not from_progress:
                    said.append(status_raw)
            elif s.label in STATUS_LABELS and not from_progress and raw and said:
                # a problem's measures each with its result (a 台账 a row a measure): every status it states
                said.append(orig[ca:ca + len(raw)].strip())
            rest = ca + len(raw) if raw else content_end
            if s.label in PROGRESS_LABELS:
                measures += _split_measures(orig, norm, rest, content_end)
            continue
        if s.label in PLAN_LABELS or s.label in INFO_LABELS:
            continue
        if raw and status_raw is None:
            status_raw = orig[ca:ca + len(raw)].strip()
            from_progress = True
            ca += len(raw)
        measures += _split_measures(orig, norm, ca, content_end)
    distinct = list(dict.fromkeys(said))
    if len(distinct) > 1 and status_raw == said[0]:
        status_raw = "；".join(distinct)   # classify weighs them: some work done, some not, is in progress
    return status_raw, measures


def _said_at_the_end(body: _Body, b: int, block_end: int, measures: list[str]) -> str | None:
    """The item's last words as its status, else the one bracketed status that closes one of its paragraphs
    ("…专职辅导员配备达到国家规定标准。（已完成）" then a paragraph more on the same item)."""
    said = closing_status(body.norm, b, block_end) or _paragraph_status(body.norm, b, block_end)
    if not said:
        return None
    orig = body.orig
    # a bracketed status closing the paragraph is not part of its last measure
    tail = orig[said[0] - 1:said[1] + 1]
    ends = [n for n, m in enumerate(measures) if m.endswith(tail)]
    if ends and tail[:1] in "(（〔[【":
        measures[ends[-1]] = measures[ends[-1]][: -len(tail)].rstrip()
    return orig[said[0]:said[1]]


def _free_theme_no(themes: list[Theme], no: int | None) -> int:
    """The theme's own number, or the next after the highest when another theme has it already."""
    if no is None or any(t.no == no for t in themes):
        return max((t.no or 0 for t in themes), default=0) + 1
    return no


def _titles_from_list(orig: str, norm: str, before: list[Seg], items: list[Item], themes: list[Theme]) -> None:
    """A two-part report lists its problems first (（一）…方面 / 1.…) and rectifies them later by number
    (问题1整改情况：…): items without a title of their own take the listed problem's title and theme."""
    if sum(1 for it in items if not it.title.strip(" :")) * 2 < len(items):
        return
    listed = {s.num: s for s in before if s.kind == "item" and not excluded(s)}
    if len(listed) * 2 < len(items):
        return
    theme_of: dict[int, Theme] = {}
    for it in items:
        head = listed.get(it.no)
        if head is None or it.title.strip(" :"):
            continue
        a, b = heading_title_span(norm, head)
        it.title = orig[a:b].strip()
        parent = next((h for r, h in sorted(head.chain.items(), reverse=True) if h.role == "theme"), None)
        if parent is None:
            continue
        if id(parent) not in theme_of:
            ta, tb = heading_title_span(norm, parent)
            theme_of[id(parent)] = Theme(_free_theme_no(themes, parent.num), orig[ta:tb].strip(), parent.start, it.end)
            themes.append(theme_of[id(parent)])
        it.theme_no = theme_of[id(parent)].no
