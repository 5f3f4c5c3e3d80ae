"""Plain text files in any encoding the genre uses (UTF-8/16, GB18030, Big5…), tables of tabs and bars."""
from __future__ import annotations

import codecs
import re

from .errors import ReadError
from .radicals import fix_radicals
from .tables import render as render_rows
from .unwrap import unwrap

_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


# Invisible format characters: zero-width space/joiners, LRM/RLM/ALM, bidi embeddings and isolates, word
# joiner, invisible operators, soft hyphen, BOM. No reader sees them, but inside a word or a number they
# split it for the parser ("整\u200b改结果", "6\u200b88万元" read as 88 万元), so they go.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00]")
# A lone surrogate cannot be encoded as UTF-8 (the library stores, hashes and exports UTF-8).
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """Universal newlines, no BOM/NUL/invisible format characters, lone surrogates replaced (U+FFFD),
    radicals mapped one-to-one to unified ideographs."""
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return fix_radicals(text)


# ---------------------------------------------------------------------------
# Plain text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _plausible_ratio(text: str) -> float:
    """Share of characters that belong in a Chinese or English document."""
    text = text[:100000]  # a sample is enough, and this loop is pure Python
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            32 <= o < 127
            or ch in "\t\n\r"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3400 <= o <= 0x4DBF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or ch in "·×÷°±§"
        ):
            good += 1
    return good / len(text)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 by BOM, or BOM-less UTF-16 recognised by where the NUL bytes sit."""
    bom = _bom_encoding(data)
    if bom in ("utf-16", "utf-32"):
        return bom
    if bom:
        return None
    sample = data[:8192]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    if even + odd < 0.1 * len(sample):
        # A few stray NULs in otherwise valid UTF-8 do not make a UTF-16 file (ASCII read as
        # UTF-16 would pass for CJK).
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            return None
        except UnicodeDecodeError:
            pass
    # In UTF-16 the NULs sit on one side of each pair: the high byte of ASCII, or the low
    # byte of ideographs such as 一 (U+4E00); which side depends on the mix, so try both.
    lopsided = max(even, odd) > 4 * min(even, odd) and max(even, odd) >= pairs * 0.01
    # Pure Chinese UTF-16 may have no NULs at all but looks like control-byte noise.
    candidates = ["utf-16-le", "utf-16-be"] if lopsided or (not even and not odd and _looks_binary(data)) else []
    best, best_score = None, 0.9
    for enc in candidates:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            # The sample may end inside a surrogate pair.
            try:
                text = sample[:-2].decode(enc)
            except UnicodeDecodeError:
                continue
        score = _plausible_ratio(text)
        if score > best_score:
            best, best_score = enc, score
    return best


def _gb_plausible(text: str) -> bool:
    """GB18030 accepts almost any byte pairs (Big5 too); real GB text sticks to common hanzi."""
    hanzi = [c for c in text[:20000] if 0x4E00 <= ord(c) <= 0x9FFF]
    if len(hanzi) < 20:
        return True
    common = 0
    for c in hanzi:
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        # GB2312 level-1 hanzi (the 3755 most frequent) have lead bytes B0..D7.
        if 0xB0 <= b[0] <= 0xD7:
            common += 1
    return common / len(hanzi) >= 0.75


def _lossy(data: bytes, encoding: str) -> str | None:
    """Decode with replacement characters, if they stay under 1% of the text."""
    text = data.decode(encoding, errors="replace")
    return text if text.count("\ufffd") < 0.01 * max(len(text), 1) else None


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding; raise ReadError('encoding') when nothing fits."""
    bom = _bom_encoding(data)
    wide = _wide_encoding(data)
    wide_candidates = [e for e in dict.fromkeys((bom, wide)) if e]
    for encoding in wide_candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    gb_fallback = None
    if not wide:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("gb18030")
            if _gb_plausible(text):
                return text
            gb_fallback = text
        except UnicodeDecodeError:
            pass
    # Damaged files: a few bad bytes in an otherwise clean text. UTF-8 goes before GB18030
    # because GB18030 turns nearly any byte pairs (UTF-8 included) into some character.
    for encoding in wide_candidates:
        # A UTF-16/32 file cut at an odd length still decodes with one replacement at the end.
        text = _lossy(data, encoding)
        if text is not None:
            return text
    if wide:
        raise ReadError("encoding")
    text = _lossy(data, "utf-8")
    if text is not None:
        return text
    text = _lossy(data, "gb18030")
    if text is not None and _gb_plausible(text):
        return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - the detector is a best effort
        best = None
    if best is not None and best.encoding:
        text = str(best)
        if _plausible_ratio(text) >= 0.9:
            return text
    if gb_fallback is not None:
        return gb_fallback  # valid GB18030 with many rare characters beats refusing the file
    raise ReadError("encoding")


def _read_txt(data: bytes) -> str:
    # text saved out of a PDF keeps the page's line breaks; the layout the parser reads is one paragraph a line
    return _tab_tables(_rejoin_figures(unwrap(decode_text(data))))


# a figure whose unit went to the next line (a phone's copy of an article: "…共计4.68\n万元。"): one figure
_SPLIT_FIGURE = re.compile(r"(?<=\d)[ \t\u3000]*\n[ \t\u3000]*(?=(?:万元|亿元|元|万亩|亩|公顷|平方米|人次|人|名|件|户|宗)[，,。；;、）)\s]|"
                           r"(?:万元|亿元|元|万亩|亩|公顷|平方米|人次)[\u4e00-\u9fff])")


def _rejoin_figures(text: str) -> str:
    return _SPLIT_FIGURE.sub("", text)


_CELL_SEP = re.compile(r"[\t｜|]")


def _tab_tables(text: str) -> str:
    """A ledger table pasted from a web page or a spreadsheet (cells separated by tabs or bars) → item lines;
    an item's own row of fields (责任单位｜整改时限｜整改状态) → labelled lines."""
    if not _CELL_SEP.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(_CELL_SEP.findall(lines[j])) >= 2:
            j += 1
        if j - i >= 2:
            rows = [[c.strip() for c in _CELL_SEP.split(line)] for line in lines[i:j]]
            ledger_lines = render_rows(rows, fields=True)
            if ledger_lines is not None:
                out.extend(ledger_lines)
                i = j
                continue
        out.extend(lines[i:max(j, i + 1)])
        i = max(j, i + 1)
    return "\n".join(out)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    # NULs alone do not make a binary file: editors that crash leave blocks of them in text.
    # Binary formats are full of the other control bytes as well.
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))   # counted in C, not byte by byte
    return ctrl > max(2, len(sample) // 100)


_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13)) + b"\x7f"
