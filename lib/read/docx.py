"""Word files: paragraphs and tables in reading order, with Word's own list numbering rendered back."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile

import cn2an

from .errors import MAX_DOCX_PART, MAX_ZIP_RATIO, ReadError
from .tables import render as render_rows
from .text import _tab_tables

# ---------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_W_P, _W_TBL, _W_TR, _W_TC, _W_R, _W_T = (_W + t for t in ("p", "tbl", "tr", "tc", "r", "t"))
# Subtrees whose text is not part of the visible paragraph: properties, deletions, field codes,
# drawings/text boxes (whose text Word also duplicates inside mc:Fallback).
_DOCX_SKIP = {
    _W + t
    for t in (
        "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "delInstrText",
        "drawing", "pict", "object", "footnoteReference", "endnoteReference",
        "commentReference", "fldData",
    )
} | {_MC_FALLBACK}
_DOCX_CONTAINERS = {_W + t for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")}


def _read_docx(data: bytes) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as exc:  # noqa: BLE001
        raise ReadError("docx_corrupt") from exc
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ReadError(
            "docx_corrupt",
            "无法读取该文件：这不是有效的 Word 文档（缺少正文部分）",
            "Cannot read the file: not a valid Word document (the main document part is missing)",
        )
    total = sum(info.file_size for info in infos)
    for info in infos:
        # Declared sizes are enforced by zipfile while inflating, so checking them is enough;
        # python-docx loads every part into memory, hence the cap on the total too.
        bomb = (
            info.file_size > MAX_DOCX_PART
            or total > 2 * MAX_DOCX_PART
            or (info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1))
        )
        if bomb:
            raise ReadError(
                "too_large",
                f"无法读取该文件：Word 文档解压后过大（超过 {MAX_DOCX_PART // 2**20} MB 或压缩比异常）",
                f"Cannot read the file: the Word document expands to too much data "
                f"(over {MAX_DOCX_PART // 2**20} MB or an abnormal compression ratio)",
            )
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _DocxWalker(document).lines()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ReadError("docx_corrupt") from exc
    # a ledger pasted into Word as lines of tab-separated cells reads as the same ledger a table would
    return _tab_tables("\n".join(lines))


def _wval(el, name: str = "val"):
    return None if el is None else el.get(_W + name)


def _on(el) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and _wval(el) not in ("0", "false", "off")


class _DocxWalker:
    def __init__(self, document):
        self.numbering = _Numbering(document)
        self.out: list[str] = []
        self.body = document.element.body

    def lines(self) -> list[str]:
        self._walk(self.body)
        return self.out

    def _walk(self, container) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W_P:
                self._paragraph(child)
            elif tag == _W_TBL:
                self._table(child)
            elif tag in _DOCX_CONTAINERS:
                self._walk(child)

    def _table(self, tbl) -> None:
        rows: list[list[list[str]]] = []   # rows → cells → the cell's lines
        filled: list[list[str]] = []       # the same, merged cells repeated in every row they cover
        above: dict[int, str] = {}         # grid column → the text of the merged cell that covers it
        for tr in tbl.iterchildren(_W_TR):
            row: list[list[str]] = []
            full: list[str] = []
            col = 0
            for tc in self._cells(tr):
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                try:
                    width = max(1, min(64, int(_wval(span) or 1))) if span is not None else 1
                except ValueError:
                    width = 1
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                # A vertically merged cell repeats in each row; only the "restart" one holds text.
                if vmerge is not None and _wval(vmerge) in (None, "continue"):
                    row.append([])
                    full.append(above.get(col, ""))
                    col += width
                    continue
                outer, self.out = self.out, []
                self._walk(tc)
                row.append(self.out)
                self.out = outer
                text = "\n".join(x for x in row[-1] if x.strip())
                full.append(text)
                above[col] = text
                col += width
            rows.append(row)
            filled.append(full)
        # A ledger table (序号 | 反馈问题 | 整改措施 | 完成情况), or items laid out as label | content rows,
        # becomes the lines a report would print.
        ledger_lines = render_rows(filled)
        if ledger_lines is not None:
            self.out.extend(ledger_lines)
            return
        for row in rows:
            for cell in row:
                self.out.extend(cell)

    def _cells(self, tr):
        for child in tr.iterchildren():
            if child.tag == _W_TC:
                yield child
            elif child.tag in _DOCX_CONTAINERS:
                yield from self._cells(child)

    def _paragraph(self, p) -> None:
        prefix = self.numbering.prefix(p)
        text = prefix + _paragraph_text(p)
        self.out.extend(text.split("\n"))


def _paragraph_text(p) -> str:
    parts: list[str] = []
    stack = list(reversed(list(p.iterchildren())))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == _W_R:
            rpr = el.find(_W + "rPr")
            if rpr is not None and _on(rpr.find(_W + "vanish")):
                continue  # hidden text
        if tag == _W_T:
            parts.append(el.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        else:
            stack.extend(reversed(list(el.iterchildren())))
    return "".join(parts)


_CN_DIGITS = "〇一二三四五六七八九"


def _chinese_number(n: int, style: str = "low", zero: str = "〇") -> str:
    """Word's Chinese counting formats, by cn2an: 十一 (not 一十一), 一百〇一 (零 in the *Thousand formats),
    拾贰 in the legal ones; beyond 99999 Word itself falls back to digits."""
    if n <= 0 or n >= 100000:
        return str(n)
    text = cn2an.an2cn(n, style)
    if style == "up" and 10 <= n < 20:
        text = text[1:]   # 拾贰, as Word writes it
    return text.replace("零", zero)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0 or n > _MAX_COUNTER:
        return str(n)
    # Word repeats the letter: A..Z, AA..ZZ, AAA...
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter n in a Word w:numFmt."""
    if fmt in ("chineseCounting", "taiwaneseCounting", "japaneseCounting"):
        return _chinese_number(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand"):
        return _chinese_number(n, zero="零")
    if fmt == "chineseLegalSimplified":
        return _chinese_number(n, "up", zero="零")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",):
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# Word's own limits: a level text of at most 255 characters, start values up to 32767. Beyond them a
# numbering part is hostile: upperLetter from 10**9 repeats one letter 38 million times on every paragraph.
_MAX_LVL_TEXT = 255
_MAX_COUNTER = 32767


def _counter(value: str | None, default):
    if value and value.lstrip("-").isdigit() and len(value) <= 7 and abs(int(value)) <= _MAX_COUNTER:
        return int(value)
    return default


class _Level:
    __slots__ = ("fmt", "text", "start", "restart", "legal", "suffix")

    def __init__(self, lvl):
        self.fmt = _wval(lvl.find(_W + "numFmt")) or "decimal"
        lvl_text = lvl.find(_W + "lvlText")
        self.text = _wval(lvl_text) if lvl_text is not None else None
        if self.text is not None and len(self.text) > _MAX_LVL_TEXT:
            self.text = None   # not a list label: "%1" ten thousand times would repeat on every paragraph
        self.start = _counter(_wval(lvl.find(_W + "start")), 1)
        restart = _wval(lvl.find(_W + "lvlRestart"))
        self.restart = int(restart) if restart and restart.isdigit() else None
        self.legal = _on(lvl.find(_W + "isLgl"))
        self.suffix = _wval(lvl.find(_W + "suff")) or "tab"


class _Numbering:
    """Word auto-numbering: the numbers live in numbering.xml, not in the run text."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.num_abstract: dict[str, str] = {}
        self.num_overrides: dict[str, dict[int, tuple[int | None, _Level | None]]] = {}
        self.style_numpr: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.default_style: str | None = None
        self.counters: dict[tuple, list[int | None]] = {}
        self.active = False
        try:
            self._load(document)
        except Exception:  # noqa: BLE001 - a broken numbering part loses numbers, not the text
            self.active = False

    def _load(self, document) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = document.part
        try:
            numbering = part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return
        links: dict[str, str] = {}
        for absn in numbering.iterchildren(_W + "abstractNum"):
            aid = _wval(absn, "abstractNumId")
            self.abstract[aid] = {
                int(_wval(lvl, "ilvl") or 0): _Level(lvl) for lvl in absn.iterchildren(_W + "lvl")
            }
            link = _wval(absn.find(_W + "numStyleLink"))
            if link:
                links[aid] = link
        for num in numbering.iterchildren(_W + "num"):
            nid = _wval(num, "numId")
            self.num_abstract[nid] = _wval(num.find(_W + "abstractNumId"))
            overrides = {}
            for ov in num.iterchildren(_W + "lvlOverride"):
                ilvl = int(_wval(ov, "ilvl") or 0)
                start = _wval(ov.find(_W + "startOverride"))
                lvl = ov.find(_W + "lvl")
                overrides[ilvl] = (
                    _counter(start, None),
                    _Level(lvl) if lvl is not None else None,
                )
            self.num_overrides[nid] = overrides
        styles = part.styles.element
        for style in styles.iterchildren(_W + "style"):
            sid = _wval(style, "styleId")
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            based = _wval(style.find(_W + "basedOn"))
            self.style_numpr[sid] = (
                _wval(numpr.find(_W + "numId")) if numpr is not None else None,
                _wval(numpr.find(_W + "ilvl")) if numpr is not None else None,
                based,
            )
            if _wval(style, "type") == "paragraph" and _wval(style, "default") in ("1", "true", "on"):
                self.default_style = sid
        # A numbering style (numStyleLink) borrows the levels of the list its style points to.
        for aid, link in links.items():
            if not self.abstract.get(aid):
                nid = self.style_numpr.get(link, (None, None, None))[0]
                target = self.num_abstract.get(nid)
                if target in self.abstract:
                    self.abstract[aid] = self.abstract[target]
        self.active = bool(self.num_abstract)

    def _style_numpr(self, sid: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            s_num, s_ilvl, based = self.style_numpr.get(sid, (None, None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
            if num_id is not None and ilvl is not None:
                break
            sid = based
        return num_id, ilvl

    def prefix(self, p) -> str:
        if not self.active:
            return ""
        ppr = p.find(_W + "pPr")
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = _wval(numpr.find(_W + "numId")) if numpr is not None else None
        ilvl = _wval(numpr.find(_W + "ilvl")) if numpr is not None else None
        if num_id is None or ilvl is None:
            style = _wval(ppr.find(_W + "pStyle")) if ppr is not None else None
            s_num, s_ilvl = self._style_numpr(style or self.default_style)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        if num_id is None or num_id == "0" or num_id not in self.num_abstract:
            return ""
        level = int(ilvl) if ilvl and ilvl.isdigit() and len(ilvl) <= 2 else 0
        if level > 9:
            return ""   # Word has levels 0-8; the counters below hold ten
        levels = dict(self.abstract.get(self.num_abstract[num_id], {}))
        overrides = self.num_overrides.get(num_id, {})
        starts = {}
        for i, (start, lvl) in overrides.items():
            if lvl is not None:
                levels[i] = lvl
            if start is not None:
                starts[i] = start
        if level not in levels:
            return ""
        # Word continues one sequence across w:num entries of the same abstract list unless a
        # w:num restarts it with startOverride, so counters belong to the abstract list by default.
        key = ("num", num_id) if starts else ("abs", self.num_abstract[num_id])
        counters = self.counters.setdefault(key, [None] * 10)

        def start_of(i: int) -> int:
            return starts.get(i, levels[i].start if i in levels else 1)

        counters[level] = start_of(level) if counters[level] is None else counters[level] + 1
        for deeper in range(level + 1, 10):
            lvl = levels.get(deeper)
            restart = lvl.restart if lvl is not None else None
            if restart is None or level < restart:
                counters[deeper] = None
        cur = levels[level]
        if cur.fmt == "bullet" or cur.text is None:
            # A bullet glyph (often a private-use Symbol-font code point) carries no information.
            return ""

        def render(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            value = counters[i] if counters[i] is not None else start_of(i)
            fmt = "decimal" if cur.legal and i < level else (levels[i].fmt if i in levels else "decimal")
            return format_number(value, fmt)

        label = re.sub(r"%([1-9])", render, cur.text)
        if not label:
            return ""
        if cur.suffix == "nothing":
            sep = ""
        elif cur.suffix == "space":
            sep = " "
        else:
            # Word shows a tab; after punctuation or an enclosed number ("1." "（一）" "①") the
            # text is written without a gap, which is how these reports are typed by hand.
            category = unicodedata.category(label[-1])
            sep = "" if category[0] in "PS" or category == "No" else " "
        return label + sep
