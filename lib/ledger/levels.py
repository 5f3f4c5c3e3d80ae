"""Which numbering level holds the themes and which the items: each heading's role from its title, the chain of
headings above every segment, where the closing part begins, and the levels the status lines vote for."""
from __future__ import annotations

import re
from collections import Counter

from .dates import find_dates
from .segment import (
    CLOSING_RE,
    HEADING_KINDS,
    MEASURE_LABELS,
    NEXT_STEP_RE,
    PROGRESS_LABELS,
    RANK,
    STATUS_LABELS,
    Seg,
)
from .status import standalone_status

PROBLEM_RANK = 2.5  # 问题N: sits below 1.关于…方面 groups in the layouts that use it

# What a heading is about, from its title.
_THEME_HINT = re.compile(r"反馈问题\s*:|方面|问题$|问题[。;]")
# "关于“贯彻落实…有差距”问题的整改情况": a feedback theme in the wording of provincial 巡视 reports
_QUOTED_THEME = re.compile(r"关于“[^”]{2,80}”(?:方面)?(?:的)?问题(?:的)?(?:整改)?(?:落实)?(?:情况|进展情况)?$")
_NEXT_STEP = re.compile(r"下一?步|工作安排|工作打算|努力方向")
_REPORT_PART = re.compile(r"情况[。:]?$|整改事项$|整改工作$")
_PROGRESS_WORDS = re.compile(r"反馈|问题|进展|事项|意见|集中整改")
_ORGANIZING_WORDS = re.compile(r"组织|领导|责任|部署|推进|整体|总体|基本|统筹|机制|书记")


def heading_title_span(norm: str, seg: Seg) -> tuple[int, int]:
    """The first sentence of a heading (up to 。 outside quotes), without trailing punctuation."""
    a, b = seg.body, seg.end
    while a < b and norm[a] in " :":
        a += 1
    depth = 0
    end = b
    for i in range(a, b):
        c = norm[i]
        if c in "“《":
            depth += 1
        elif c in "”》":
            depth = max(0, depth - 1)
        elif c == "。" and depth == 0:
            end = i
            break
    else:
        # an unbalanced quote swallowed the sentence: fall back to the first 。 at all
        j = norm.find("。", a, b)
        if j != -1 and depth:
            end = j
    while end > a and norm[end - 1] in " 。.;,:":
        end -= 1
    # "一、…方面（共3个问题）": the count of the theme's problems annotates the title, it is no part of it
    m = _COUNT_NOTE.search(norm, a, end)
    if m and m.start() > a:
        end = m.start()
    return a, end


_COUNT_NOTE = re.compile(r"\(\s*[共计含]?\s*[\d一二三四五六七八九十]{1,3}\s*[个项条类](?:问题|事项|任务)?\s*\)\s*$")


def _role(title: str, kind: str) -> str:
    if _THEME_HINT.search(title) or _QUOTED_THEME.match(title):
        return "theme"
    if _NEXT_STEP.search(title) and len(title) <= 30:
        return "nextstep"
    if kind in ("section", "theme") and _REPORT_PART.search(title) and len(title) <= 40:
        if _PROGRESS_WORDS.search(title):
            return "progress"
        if _ORGANIZING_WORDS.search(title) or "整改" in title:
            return "organizing"
    return "plain"


def rank(seg: Seg) -> float:
    return PROBLEM_RANK if seg.kind == "problem" else RANK[seg.kind]


def _signature_start(norm: str, segs: list[Seg]) -> int:
    """Index of the signature at the end (the signing body on a line, then a date alone), else len(segs)."""
    for i in range(len(segs) - 1, max(-1, len(segs) - 4), -1):
        text = norm[segs[i].start:segs[i].end]
        ds = find_dates(text)
        if ds and ds[0].start == 0 and ds[0].end == len(text.rstrip("。 ")):
            prev = norm[segs[i - 1].start:segs[i - 1].end] if i > 0 else ""
            if i > 0 and segs[i - 1].kind == "text" and len(prev) <= 40 and not re.search(r"[。,;:!?]", prev):
                return i - 1
            return i
    return len(segs)


def find_cut(norm: str, segs: list[Seg]) -> int:
    """Index of the first segment of the closing part (下一步 section, supervision invitation, signature)."""
    seen_label = False
    for i, seg in enumerate(segs):
        if seg.kind == "label":
            seen_label = True
            continue
        text = norm[seg.start:seg.end]
        if CLOSING_RE.match(text) or (seen_label and CLOSING_RE.search(text) and seg.kind == "text" and text.startswith("欢迎")):
            return i
        if seg.kind in ("section", "theme", "text") and NEXT_STEP_RE.match(text):
            return i
        if seg.kind == "section" and _NEXT_STEP.search(text[: 30]):
            return i
    return _signature_start(norm, segs)


def unnumbered_items(norm: str, segs: list[Seg]) -> None:
    """Items without a number or a bracket label: under （一）…方面, a short paragraph naming the problem right before
    its 整改情况：… (after the previous item's last label, or the theme's heading) opens an item; at least three such
    and no numbered item anywhere. Each becomes a problem numbered by its position."""
    if any(s.kind in ("item", "problem") for s in segs):
        return
    found = []
    for i in range(1, len(segs) - 1):
        s, prev, nxt = segs[i], segs[i - 1], segs[i + 1]
        if s.kind == "text" and nxt.kind == "label" and nxt.label in MEASURE_LABELS and \
                prev.kind in ("label", "theme", "section") and s.end - s.start <= 200:
            found.append(s)
    if len(found) >= 3:
        for s in found:
            s.kind, s.num, s.body = "problem", None, s.start


def uninvert(norm: str, segs: list[Seg]) -> None:
    """"1、关于…方面的问题" over "（一）…" items (the usual order inverted): the （一） numbering restarts under each
    1、 heading and never the other way, and those headings read as themes; the two kinds swap their ranks."""
    parents: Counter = Counter()
    theme_like = parented = 0
    last: Seg | None = None
    for s in segs:
        if s.kind == "section":
            last = None
        if s.kind not in ("theme", "item"):
            continue
        if s.num == 1 and last is not None and last.kind != s.kind:
            parents[(last.kind, s.kind)] += 1
            if last.kind == "item":
                parented += 1
                a, b = heading_title_span(norm, last)
                theme_like += bool(_THEME_HINT.search(norm[a:b]))
        last = s
    if parents[("item", "theme")] >= 2 and not parents[("theme", "item")] and theme_like * 3 >= parented * 2:
        for s in segs:
            if s.kind in ("theme", "item"):
                s.kind = "item" if s.kind == "theme" else "theme"


def assign_chains(norm: str, segs: list[Seg]) -> None:
    chain: dict[float, Seg] = {}
    for seg in segs:
        if seg.kind in HEADING_KINDS:
            r = rank(seg)
            chain = {k: v for k, v in chain.items() if k < r}
            a, b = heading_title_span(norm, seg)
            seg.role = _role(norm[a:b], seg.kind)
            seg.chain = dict(chain)
            chain[r] = seg
        else:
            seg.chain = dict(chain)


def sections_with_statuses(norm: str, segs: list[Seg]) -> None:
    """A part titled like the organisation ("二、整改落实总体情况") that holds the ledger (its items' status lines,
    整改结果：已完成) is where the progress is told: its items are items."""
    held: dict[int, int] = {}
    for s in segs:
        if s.kind == "label" and s.label in STATUS_LABELS:
            for h in s.chain.values():
                if h.role == "organizing":
                    held[id(h)] = held.get(id(h), 0) + 1
    if not held:
        return
    for s in segs:
        if s.kind in HEADING_KINDS and s.role == "organizing" and held.get(id(s), 0) >= 2:
            s.role = "progress"


def excluded(seg: Seg) -> bool:
    """Inside an organizing or next-steps part, where numbered paragraphs are not feedback items."""
    return any(h.role in ("organizing", "nextstep") for h in seg.chain.values()) or seg.role in ("organizing", "nextstep")


def _levels(chain: dict) -> list[float]:
    return sorted(r for r, h in chain.items() if h.role in ("theme", "plain"))


def choose_levels(norm: str, segs: list[Seg], cut: int) -> tuple[float | None, float | None, str]:
    """(theme rank, item rank, how) by the numbering level that the status/measure labels sit under."""
    body = segs[:cut]
    if any(s.kind == "problem" and not excluded(s) for s in body):
        votes = Counter()
        for s in body:
            if s.kind == "problem" and not excluded(s):
                lv = _levels(s.chain)
                votes[lv[0] if lv else None] += 1
        return votes.most_common(1)[0][0], PROBLEM_RANK, "problem"
    votes = Counter()
    for s in body:
        if s.kind == "label" and not excluded(s):
            lv = _levels(s.chain)
            if lv:
                votes[(lv[0], lv[1]) if len(lv) >= 2 else (None, lv[0])] += 1
    how = "labels"
    if not votes:
        how = "headings"
        # No labels: the deepest headings (those without a heading below them) are the items.
        for i, s in enumerate(body):
            if s.kind not in HEADING_KINDS or excluded(s):
                continue
            nxt = next((t for t in body[i + 1:] if t.kind in HEADING_KINDS), None)
            if nxt is not None and rank(nxt) > rank(s):
                continue
            lv = _levels({**s.chain, rank(s): s})
            if lv:
                # the item and the level right above it: 二、(section) > （一）…方面 (theme) > 1.… (item) in the
                # layout of provincial and central reports, whose 一、 says how the work was organised
                votes[(lv[-2], lv[-1]) if len(lv) >= 2 else (None, lv[0])] += 1
    if not votes:
        return None, None, how
    (theme_rank, item_rank), _ = votes.most_common(1)[0]
    if how == "labels":
        item_rank = _deeper_items(norm, body, item_rank)
    return theme_rank, item_rank, how


def is_status_label(norm: str, s: Seg) -> bool:
    """A line that states a status: 完成情况：…, or a progress or measures label with nothing but a status
    after it (整改进展：正在推进, 整改情况：已完成)."""
    return s.kind == "label" and (s.label in STATUS_LABELS or (s.label in PROGRESS_LABELS or s.label in MEASURE_LABELS)
                                  and bool(standalone_status(norm[s.body:s.end].lstrip(" :"))))


def _deeper_items(norm: str, body: list[Seg], item_rank: float) -> float:
    """Three levels (一、方面 > （一）problem class > 1.problem, g07): when the headings taken for items hold
    several status lines each and a deeper numbering gives every status line a heading of its own, the
    deeper headings are the items and the level between is a group."""
    status_segs = [s for s in body if is_status_label(norm, s) and not excluded(s)]
    owners = Counter(id(s.chain.get(item_rank)) for s in status_segs)
    if not owners or max(owners.values()) < 2:
        return item_rank
    deeper = sorted({r for s in status_segs for r, h in s.chain.items() if r > item_rank and h.role in ("theme", "plain")})
    if not deeper:
        return item_rank
    d = deeper[0]
    heads = [id(s.chain[d]) for s in status_segs if d in s.chain]
    if len(heads) == len(status_segs) and len(set(heads)) == len(heads):
        return d
    # four levels (一、> （一）area > 1.problem > （1）sub-problem, each sub-problem with its status): the
    # deeper headings still hold every status line, and more of them hold one; the items with sub-problems
    # are split into them later (_status_sub_blocks)
    if len(heads) == len(status_segs) and len(set(heads)) > len(owners) and len(deeper) >= 2:
        return d
    return item_rank
