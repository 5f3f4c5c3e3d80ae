"""Synthetic reports built from the seed's own items: shuffled, renumbered, figures varied."""
from __future__ import annotations

import random
import re
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "data" / "reports" / "000_5f7a45d77596a08c.txt"

_ITEM = re.compile(r"^\s*(\d{1,2})\.(?=\S)", re.M)
_THEME = re.compile(r"^\s*（[一二三四五六七八九十]+）反馈问题", re.M)
_CN = "一二三四五六七八九十"


def seed_parts() -> tuple[str, list[list[str]], str]:
    """(head, themes as lists of item blocks with the theme heading first, tail) of the seed."""
    text = SEED.read_text(encoding="utf-8")
    first = _THEME.search(text).start()
    tail_at = text.index("三、下一步")
    head, body, tail = text[:first], text[first:tail_at], text[tail_at:]
    themes = []
    starts = [m.start() for m in _THEME.finditer(body)] + [len(body)]
    for a, b in zip(starts, starts[1:]):
        chunk = body[a:b]
        marks = [m.start() for m in _ITEM.finditer(chunk)] + [len(chunk)]
        themes.append([chunk[: marks[0]]] + [chunk[x:y] for x, y in zip(marks, marks[1:])])
    return head, themes, tail


def make_report(rng: random.Random, n: int) -> str:
    head, themes, tail = seed_parts()
    order = themes[:]
    rng.shuffle(order)
    out = [head.replace("湘西高新区", f"样例{n}区")]
    no = 1
    for t_idx, theme in enumerate(order, start=1):
        heading = re.sub(r"（[一二三四五六七八九十]+）", f"（{_CN[t_idx - 1]}）", theme[0], count=1)
        out.append(heading)
        for block in theme[1:]:
            block = _ITEM.sub(f"{no}.", block, count=1)
            block = re.sub(r"\d+(?=万元|亩|件|人)", lambda m: str(int(m.group(0)) + rng.randint(0, 9)), block)
            if rng.random() < 0.3:
                block = block.replace("阶段性完成", "完成")
            out.append(block)
            no += 1
    out.append(tail)
    return "".join(out)


def corpus(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [make_report(rng, n) for n in range(count)]
