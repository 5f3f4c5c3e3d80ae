"""Kangxi radicals and compatibility ideographs that PDF fonts put for ordinary characters (⼯ for 工)."""
from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement entries that stand for one unified ideograph; NFKC maps only two of them.
_RADICAL_SUPPLEMENT = {
    "\u2e81": "厂", "\u2e85": "亻", "\u2e86": "冂", "\u2e87": "几", "\u2e89": "刂",
    "\u2e8a": "卜", "\u2e8b": "㔾", "\u2e8c": "小", "\u2e8d": "小", "\u2e8e": "兀",
    "\u2e8f": "尣", "\u2e90": "尢", "\u2e92": "巳", "\u2e93": "幺", "\u2e94": "彑",
    "\u2e96": "忄", "\u2e97": "㣺", "\u2e98": "扌", "\u2e99": "攵", "\u2e9b": "旡",
    "\u2e9c": "日", "\u2e9d": "月", "\u2e9e": "歺", "\u2e9f": "母", "\u2ea0": "民",
    "\u2ea1": "氵", "\u2ea2": "氺", "\u2ea3": "灬", "\u2ea4": "爫", "\u2ea6": "丬",
    "\u2ea8": "犭", "\u2ea9": "王", "\u2eab": "罒", "\u2eac": "示", "\u2ead": "礻",
    "\u2eae": "竹", "\u2eaf": "糸", "\u2eb0": "纟", "\u2eb2": "罒", "\u2eb6": "羊",
    "\u2eb7": "羊", "\u2eb9": "耂", "\u2eba": "肀", "\u2ebb": "聿", "\u2ebc": "月",
    "\u2ebd": "臼", "\u2ebe": "艹", "\u2ebf": "艹", "\u2ec0": "艹", "\u2ec1": "虎",
    "\u2ec2": "衤", "\u2ec3": "覀", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角",
    "\u2ec7": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车",
    "\u2ecc": "辶", "\u2ecd": "辶", "\u2ece": "辶", "\u2ecf": "阝", "\u2ed0": "钅",
    "\u2ed1": "長", "\u2ed2": "镸", "\u2ed3": "长", "\u2ed4": "门", "\u2ed6": "阝",
    "\u2ed7": "雨", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风",
    "\u2edc": "飞", "\u2edd": "食", "\u2edf": "飠", "\u2ee0": "饣", "\u2ee1": "首",
    "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟",
    "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉",
    "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙",
    "\u2ef1": "龜", "\u2ef2": "亀", "\u2ef3": "龟",
}


def _build_radical_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _RADICAL_SUPPLEMENT.items()}
    ranges = (
        (0x2F00, 0x2FD5),  # Kangxi radicals
        (0xF900, 0xFAFF),  # CJK compatibility ideographs
        (0x2F800, 0x2FA1F),
    )
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            mapped = unicodedata.normalize("NFKC", chr(cp))
            # Only one-to-one mappings, so offsets into the text do not shift.
            if len(mapped) == 1 and mapped != chr(cp):
                table[cp] = mapped
    return table


_RADICALS = _build_radical_table()
_RADICAL_RE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\U0002f800-\U0002fa1f]")


def fix_radicals(text: str) -> str:
    """Map Kangxi / supplement radicals and compatibility ideographs to unified ideographs."""
    if not _RADICAL_RE.search(text):
        return text
    return text.translate(_RADICALS)
