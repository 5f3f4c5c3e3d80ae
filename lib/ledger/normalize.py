"""Length-preserving normalization: every character maps to exactly one character, so offsets stay valid."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Characters that NFKC leaves alone but that play the role of a half-width one in these reports.
_EXTRA = {
    "\r": "\n",          # CRLF → "\n\n": an empty line, which the parser ignores
    "\u00a0": " ",
    "\u3000": " ",
    "\t": " ",
    "\x00": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ",
    "\u200e": " ", "\u200f": " ", "\u202a": " ", "\u202b": " ", "\u202c": " ",
    "\u202d": " ", "\u202e": " ", "\u2066": " ", "\u2067": " ", "\u2068": " ", "\u2069": " ",
    "．": ".", "｡": "。", "－": "-", "﹣": "-",
    "〔": "(", "〕": ")", "［": "[", "］": "]",
    "\u2022": " ",        # • bullets of web metadata blocks
}


@lru_cache(maxsize=4096)
def _map_char(ch: str) -> str:
    if ch in _EXTRA:
        return _EXTRA[ch]
    if "\u2460" <= ch <= "\u2473":
        return ch        # ①…⑳ number measures; NFKC would turn ① into a bare 1 that runs into the text
    n = unicodedata.normalize("NFKC", ch)
    if n == ch and (unicodedata.category(ch) == "So" and ch not in "○◯" or ch in "√\ufe0f"):
        return " "       # ✔已整改到位, 🔄（持续推进）, ★: marks before a status or a heading (○ may be a zero: 二○二三年)
    # NFKC can expand (… → ..., ㎡ → m2); keep such characters as they are to preserve length.
    if len(n) == 1:
        return n
    return ch


def normalize(text: str) -> str:
    """Half-width digits/ASCII punctuation, Kangxi radicals unified, odd spaces to ' '; len(result) == len(text)."""
    table = {}
    for ch in set(text):
        m = _map_char(ch)
        if m != ch:
            table[ord(ch)] = m
    out = text.translate(table) if table else text
    if any(ord(t) in table for t in _TICKS):
        # a tick standing alone (a 台账's status cell "✓", "√（立行立改）") is the status itself: kept
        out = "".join(text[i] if text[i] in _TICKS and _alone(text, i) else c for i, c in enumerate(out))
    return out


# a tick, or a 台账's other marks (△ under way, ● done: what each means, its own 注 says)
_TICKS = "✓✔√☑△▲●◐◑◎✗✘"


def _alone(text: str, i: int) -> bool:
    """Whether the mark at text[i] stands alone: at a line's start or after a label's colon, and followed by the
    line's end, a bracket or punctuation (not "✔已整改到位", a mark before the status words)."""
    before = text[i - 1] if i else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    # (a mark other than a tick, then a space, is a bullet: "● 一是…"; quoted, a legend names it: "△"表示正在推进)
    ends = "\n（(。；; \t" if text[i] in "✓✔√☑" else "\n（(。；;"
    return before in "\n：: \t" and after in ends or before in "“\"" and after in "”\""
