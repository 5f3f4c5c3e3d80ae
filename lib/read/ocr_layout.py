"""OCR output made into a report's text: engine slips mended, page lines rebuilt into paragraphs, offsets kept."""
from __future__ import annotations

import base64
import math
import re
import statistics
from dataclasses import asdict, dataclass, field

from .text import normalize_text


@dataclass
class OcrLine:
    """One line the engine read: where it stands on its page image, how sure the engine was, where it is in the text."""

    page: int                              # 1-based
    box: tuple[int, int, int, int]         # x0, y0, x1, y1 in pixels of the page image
    score: float
    start: int                             # text[start:end] is what this line became
    end: int


@dataclass
class OcrText:
    """A scan's text and the lines it came from (dpi: the PDF's render resolution, or the image's own when stated);
    sizes: each page image's [width, height] as the engine saw it (the boxes' pixels); images: each page as a small
    greyscale JPEG, for showing the place a figure was read (kept beside the lines, not in them: to_dict leaves
    them out unless asked)."""

    text: str
    lines: list[OcrLine] = field(default_factory=list)
    pages: int = 0
    dpi: int | None = None
    sizes: list[tuple[int, int]] = field(default_factory=list)
    images: list[bytes] = field(default_factory=list, repr=False)

    def to_dict(self, images: bool = False) -> dict:
        d = asdict(self)
        d["images"] = [base64.b64encode(b).decode("ascii") for b in self.images] if images else []
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "OcrText":
        lines = [OcrLine(int(x["page"]), tuple(int(v) for v in x["box"]), float(x["score"]), int(x["start"]),
                         int(x["end"])) for x in d.get("lines", [])]
        sizes = [(int(w), int(h)) for w, h in d.get("sizes") or []]
        images = [base64.b64decode(b) for b in d.get("images") or []]
        return cls(str(d["text"]), lines, int(d.get("pages", 0)), None if d.get("dpi") is None else int(d["dpi"]),
                   sizes, images)


# A line scored below this is shown as uncertain. The score is the line's mean over its characters, so one
# misread character barely moves it: on a copy of a copy (bench/ocr.py --wear 3, 2% character errors) the lines
# with a misread character scored 0.92–0.99 and the clean ones 0.83–1.0; 0.95 marked 10 of 27 misread lines and
# 6 of 81 clean ones. On clean scans of the reference report every line but one scored at least 0.95.
UNCERTAIN_SCORE = 0.95


def uncertain(ocr: OcrText, start: int, end: int) -> bool:
    """Whether text[start:end] touches a line the engine was unsure of (a figure there deserves a second look)."""
    end = max(end, start + 1)
    return any(line.score < UNCERTAIN_SCORE and line.start < end and start < line.end for line in ocr.lines)


def locate(ocr: OcrText, start: int) -> OcrLine | None:
    """The line holding text offset `start` (to show the user the place on the page), or None between lines."""
    for line in ocr.lines:
        if line.start <= start < line.end:
            return line
    return None


def first_line(ocr: OcrText, start: int, end: int) -> OcrLine | None:
    """The first line read within text[start:end] (where an item begins on the page), or None."""
    return next((line for line in ocr.lines if start <= line.start < end), None)


# ---------------------------------------------------------------------------
# Clean-ups: what the engine gets wrong in this genre, mended line by line

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’"
_NUMERAL = "一二三四五六七八九〇"
_ZERO_LIKE = "○OoＯ0〇◯"
# a year in Chinese numerals with its zero read as a letter or a circle: 二O二三年
_YEAR_RUN = re.compile(f"[{_NUMERAL}{_ZERO_LIKE}]{{3,4}}(?=年)")
# ... or dropped: 二四五年 is 二〇四五年 (a year of this century; nothing else reads as 二四五年)
_YEAR_NO_ZERO = re.compile(f"(?<![{_NUMERAL}十百千万\\d])二([一二三四五六七八九])([{_NUMERAL}])(?=年)")
# the dash between two years (2021年—2022年) or in a number (2021-2022, 010-1234567) read as the numeral 一
_YEAR_DASH = re.compile(r"(?<=\d年)[一-](?=\d{4}年)")
_DIGIT_DASH = re.compile(r"(?<=\d)一(?=\d)")
_PAIR = re.compile(r"[(（]([^()（）]{0,40})[)）]")
_PLAIN_LABEL = re.compile(f"[\\d{_NUMERAL}十]{{1,3}}")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_NEAR_CJK = re.compile(f"(?<=[{_CJK}])[,;:!?()]|[,;!?()](?=[{_CJK}])")
_CJK_FULL_STOP = re.compile(f"(?<=[\u4e00-\u9fff”）》])\\.(?=$|[{_CJK}])")
# a space the engine saw inside a number ("2 023年")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d) (?=\d)")
# "02丨耕地保护…": the bar after a phone article's zero-padded item number, dropped or read as a Latin letter
# (not "05月", a date's month wrapped to the line's start)
_ITEM_BAR = re.compile(r"^(0[1-9])\s*[|｜lI]?\s*(?=[\u4e00-\u9fff“《](?<![年月日时号万亿元个人件项条次名户丨]))")
_SPACE_BY_PUNCT = re.compile("\\s+(?=[，。、；：！？）》”])|(?<=[，。、；：！？（《“])\\s+")


def clean_line(text: str) -> str:
    """One line as the engine read it → as it was printed: full-width punctuation next to Chinese, 〇 in years,
    the dash between years; a pure function, so each rule is tested on its own."""
    text = _ITEM_BAR.sub(r"\1丨", text)
    text = _YEAR_RUN.sub(_zeros, text)
    text = _YEAR_NO_ZERO.sub(r"二〇\1\2", text)
    text = _YEAR_DASH.sub("—", text)
    text = _DIGIT_DASH.sub("-", text)
    text = _PAIR.sub(_full_pair, text)
    text = _NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group()], text)
    text = _CJK_FULL_STOP.sub("。", text)
    if re.search(f"[{_CJK}]", text):
        text = _SPACE_IN_NUMBER.sub("", text)
    return _SPACE_BY_PUNCT.sub("", text)


def _zeros(m: re.Match) -> str:
    run = m.group()
    if not any(c in "一二三四五六七八九" for c in run):
        return run   # 2000年 stays in digits
    return "".join("〇" if c in _ZERO_LIKE else c for c in run)


def _full_pair(m: re.Match) -> str:
    """(1) and (一) are list labels in this genre and printed full-width; so is a bracket around Chinese."""
    inner = m.group(1)
    s, e = m.span()
    around = m.string[max(0, s - 1):s] + inner + m.string[e:e + 1]
    if _PLAIN_LABEL.fullmatch(inner) or re.search(f"[{_CJK}]", around):
        return f"（{inner}）"
    return m.group()


# ---------------------------------------------------------------------------
# Layout: the engine's boxes → lines of the page → paragraphs

# Shape: a page's boxes [(quad, score, "根据市委统一部署，…对某某区进"), (quad, score, "行巡察。…")]
# → one paragraph "根据市委统一部署，…对某某区进行巡察。…", each box's offsets in it.

# A heading starts a paragraph even where the line above ran to the edge; (1) and 1. do not, since a
# paragraph's measures (（1）…（2）…) run on and one of them often falls at a line's start.
_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|第[一二三四五六七八九十\d]+[条项部分章])")
_LATIN = re.compile("[A-Za-z]{2}")
_FOLIO = re.compile(r"[-–—－―~\s]*\d{1,4}[-–—－―~\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                    r"|\d{1,4}\s*/\s*\d{1,4}")


@dataclass
class _Seg:
    text: str
    score: float
    box: tuple[int, int, int, int]    # in the page image
    x0: float                          # the rest in the deskewed page
    x1: float
    top: float
    bottom: float
    page: int = 0                      # the page it was read on (a table continued over pages is laid out once)


@dataclass
class _Row:
    segs: list[_Seg]

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segs)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segs)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segs)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)


def _skew(quads: list[list[float]]) -> float:
    """The page's tilt in radians, from the top edges of the wide boxes (a short box's edge says little)."""
    angles = []
    for q in quads:
        (ax, ay), (bx, by) = (q[0], q[1]), (q[2], q[3])
        width, height = bx - ax, abs(q[7] - q[1]) or 1.0
        if width > 8 * height:
            angles.append(math.atan2(by - ay, bx - ax))
    return statistics.median(angles) if angles else 0.0


def _turn(page: dict) -> tuple[float, float]:
    """(cos, sin) of the turn that undoes the page's tilt."""
    angle = _skew([b[0] for b in page["boxes"]])
    return math.cos(-angle), math.sin(-angle)


def _segments(page: dict) -> list[_Seg]:
    cos, sin = _turn(page)
    segs = []
    for quad, score, raw in page["boxes"]:
        text = normalize_text(clean_line(raw.strip()))
        if not text.strip():
            continue
        xs, ys = quad[0::2], quad[1::2]
        box = (int(min(xs)), int(min(ys)), int(math.ceil(max(xs))), int(math.ceil(max(ys))))
        # turned back by the page's tilt, so that margins and indents line up down the page
        rx = [x * cos - y * sin for x, y in zip(xs, ys)]
        ry = [x * sin + y * cos for x, y in zip(xs, ys)]
        segs.append(_Seg(text, float(score), box, min(rx), max(rx), min(ry), max(ry)))
    return segs


# A screenshot of a spreadsheet program: the grid's column letters (A B C …; I read as 一, l or 1 now and then)
_COLUMN_LETTER = re.compile(r"[A-Z一lI1|]")
_ROW_NUMBER = re.compile(r"\d{1,5}")


def _sheet_window(segs: list[_Seg]) -> tuple[list[_Seg], list[float] | None]:
    """A spreadsheet program's window photographed or captured: its grid's column letters run along one line
    (five or more, most of them capitals in alphabetical order left to right) and its row numbers down a gutter
    left of column A. The letters, the gutter, everything above the letters (title bar, ribbon, the name box and
    the formula bar, which repeats the selected cell) and everything below the last row number (sheet tabs, the
    status bar's 计数 and zoom) are the program's, not the sheet's. A page without such a line is left as it is.
    → the sheet's segments, and where its rows meet in the page image (the grid's top, the boundaries between the
    gutter's numbers, its bottom), or None."""
    if not segs:
        return segs, None
    height = statistics.median(s.bottom - s.top for s in segs)
    for row in _rows([s for s in segs if _COLUMN_LETTER.fullmatch(s.text)]):
        letters = [s.text for s in row.segs if "A" <= s.text <= "Z"]
        if len(row.segs) < 5 or len(letters) < 4 or letters != sorted(letters) or len(set(letters)) < len(letters):
            continue
        first = row.segs[0]
        gutter = sorted((s for s in segs if _ROW_NUMBER.fullmatch(s.text) and s.top > row.top
                         and (s.x0 + s.x1) / 2 < first.x0 - 0.5 * height), key=lambda s: s.box[1])
        if len(gutter) < 3:
            continue
        end = max(s.bottom for s in gutter) + height
        drop = {id(s) for s in gutter}
        kept = [s for s in segs if id(s) not in drop and s.top > row.bottom - 0.3 * height and s.top < end]
        cuts = [float(max(s.box[3] for s in row.segs))]
        cuts += [(a.box[3] + b.box[1]) / 2 for a, b in zip(gutter, gutter[1:])]
        cuts.append(gutter[-1].box[3] + (gutter[-1].box[3] - gutter[-1].box[1]) / 2)
        return kept, cuts
    return segs, None


def _sheet_rules(page: dict, cuts: list[float] | None) -> dict:
    """The page with a spreadsheet window's grid as rules: its faint grid lines are seen only in pieces, so the
    rows are where the gutter's numbers say (a drawn line near a boundary places it exactly), and the window's
    own rules (the ribbon's separators, the tabs' borders) are dropped; the columns keep their drawn lines."""
    if cuts is None:
        return page
    top, bottom = cuts[0], cuts[-1]
    drawn = [(y0 + y1) / 2 for kind, _, y0, _, y1 in page.get("rules") or [] if kind == "h"]
    rules = []
    for k, cut in enumerate(cuts):
        if 0 < k < len(cuts) - 1:
            lo, hi = (cuts[k - 1] + cut) / 2, (cut + cuts[k + 1]) / 2
            cut = min((y for y in drawn if lo < y < hi), key=lambda y: abs(y - cut), default=cut)
        rules.append(["h", 0, int(cut) - 1, int(page["size"][0]), int(cut) + 1])
    # the window's edges close every row, so that each boundary is a table's rule however faint the grid
    rules += [["v", x, int(top), x + 1, int(bottom)] for x in (0, int(page["size"][0]) - 1)]
    for kind, x0, y0, x1, y1 in page.get("rules") or []:
        if kind == "v" and y1 > top and y0 < bottom:
            rules.append([kind, x0, max(y0, top - 2), x1, min(y1, bottom + 2)])
    return {**page, "rules": rules}


def _rows(segs: list[_Seg]) -> list[_Row]:
    """Boxes on one printed line (a gap in the line splits it into several) joined left to right."""
    if not segs:
        return []
    height = statistics.median(s.bottom - s.top for s in segs)
    rows: list[list[_Seg]] = []
    for seg in sorted(segs, key=lambda s: (s.top + s.bottom) / 2):
        mid = (seg.top + seg.bottom) / 2
        if rows:
            last = rows[-1]
            last_mid = statistics.mean((s.top + s.bottom) / 2 for s in last)
            if abs(mid - last_mid) < 0.5 * height:
                last.append(seg)
                continue
        rows.append([seg])
    return [_Row(sorted(r, key=lambda s: s.x0)) for r in rows]


def _drop_folios(rows: list[_Row]) -> list[_Row]:
    """A page number ("- 3 -", "第3页") at the head or foot of a page is not the report's text."""
    n = len(rows)
    return [r for i, r in enumerate(rows) if not ((i < 1 or i >= n - 2) and _FOLIO.fullmatch(r.text.strip()))]


def _edges(rows: list[_Row], height: float, page_width: float) -> tuple[float, float]:
    """The text block's left edge (the leftmost start three lines share) and right edge (where most full lines
    end); where too few lines run full to tell, the margins are taken as even (a page of two short lines
    reaches no edge)."""
    starts = sorted(r.x0 for r in rows)
    left = next((a for a, b in zip(starts, starts[2:]) if b - a <= 0.5 * height), starts[0])
    ends = sorted(r.x1 for r in rows)
    right = ends[int(0.9 * (len(ends) - 1))]
    if sum(1 for e in ends if right - e <= 1.5 * height) < 3:
        right = max(right, page_width - left)
    return left, right


_LEADING_NUMBER = re.compile(r"\d[\d.,%]*")
_CLOSED = re.compile(r"[。；;：:！？!?]$")


def _continues(a: _Row, b: _Row, edges_a: tuple[float, float], edges_b: tuple[float, float], height: float,
               same_page: bool) -> bool:
    """Whether line b carries on line a's paragraph: a reached the right edge from the left one, b starts at the
    left edge (an indent starts a paragraph), b is no heading, and no blank space stands between them."""
    left_a, right_a = edges_a
    left_b, _ = edges_b
    # a number is not broken at a line's end: a line whose next one opens with a number stops short by about that
    # number's width ("…清退各类资金" then "1,973.6万元。")
    room = 1.5 * height
    number = _LEADING_NUMBER.match(b.text)
    if number and not _CLOSED.search(a.text):
        room += 0.6 * height * len(number.group())
    reaches = right_a - a.x1 <= room and a.x0 - left_a <= 3.5 * height
    # an opening bracket or quote stands half a character in from the edge; an indent is two characters
    flush = b.x0 - left_b <= 1.2 * height
    gap = b.top - a.bottom
    return reaches and flush and not _HEADING.match(b.text) and (not same_page or gap < 1.2 * height)


# ---------------------------------------------------------------------------
# Tables: a ruled table (an annexed ledger 序号 | 反馈问题 | 整改措施 | 完成情况) read cell by cell

@dataclass
class _Table:
    top: float
    rows: list[list[list[_Seg]]]      # rows → cells → the cell's lines, top to bottom


def _straight_rules(page: dict, turn: tuple[float, float]) -> tuple[list[tuple], list[tuple]]:
    """The page's rules in the deskewed page: horizontal ones as (y, x0, x1), vertical ones as (x, y0, y1)."""
    cos, sin = turn

    def at(x: float, y: float) -> tuple[float, float]:
        return x * cos - y * sin, x * sin + y * cos
    flat, upright = [], []
    for kind, x0, y0, x1, y1 in page.get("rules") or []:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if kind == "h":
            (ax, ay), (bx, by) = at(x0, cy), at(x1, cy)
            flat.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
        else:
            (ax, ay), (bx, by) = at(cx, y0), at(cx, y1)
            upright.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
    return flat, upright


def _dedupe(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _tables(page: dict, segs: list[_Seg], height: float) -> tuple[list[_Table], list[_Seg]]:
    """The ruled tables of a page and the segments outside them. A table: three or more horizontal rules, each
    crossed by two or more vertical ones, one after another with vertical rules joining them; its columns are the
    vertical rules (a cell merged across columns lands in its leftmost one), its rows the horizontal ones."""
    flat, upright = _straight_rules(page, _turn(page))
    tol = max(height, 8.0)

    def crossing(y: float, x0: float = -1e9, x1: float = 1e9) -> list[float]:
        return [x for x, a, b in upright if a - tol <= y <= b + tol and x0 - tol <= x <= x1 + tol]
    ruled = sorted((y, a, b) for y, a, b in flat if len(crossing(y, a, b)) >= 2)
    groups: list[list[tuple]] = []
    for rule in ruled:
        if groups and rule[0] - groups[-1][-1][0] <= tol:
            continue   # one thick rule seen twice
        if groups and any(a <= groups[-1][-1][0] + tol and b >= rule[0] - tol for _, a, b in upright):
            groups[-1].append(rule)
        else:
            groups.append([rule])
    tables, inside = [], set()
    for group in groups:
        ys = [y for y, _, _ in group]
        if len(ys) < 3:
            continue
        columns = _dedupe([x for x, a, b in upright if a <= ys[-1] + tol and b >= ys[0] - tol], tol)
        if len(columns) < 3:
            continue
        rows: list[list[list[_Seg]]] = [[[] for _ in columns[:-1]] for _ in ys[:-1]]
        for k, seg in enumerate(segs):
            cx, cy = (seg.x0 + seg.x1) / 2, (seg.top + seg.bottom) / 2
            if not (ys[0] < cy < ys[-1] and columns[0] - tol < cx < columns[-1] + tol):
                continue
            r = max(i for i, y in enumerate(ys[:-1]) if y < cy)
            walls = _walls(upright, ys[r], ys[r + 1], tol) or columns
            for piece in _split(seg, walls, height):
                mid = (piece.x0 + piece.x1) / 2
                wall = max((x for x in walls if x <= mid + tol / 2), default=columns[0])
                c = min(range(len(columns) - 1), key=lambda i: abs(columns[i] - wall))
                rows[r][c].append(piece)
            inside.add(k)
        for row in rows:
            for cell in row:
                cell.sort(key=lambda s: (round(s.top / (0.6 * height)), s.x0))
        _merge_down(rows, ys, columns, flat, tol)
        tables.append(_Table(ys[0], [row for row in rows if any(row)]))
    return tables, [seg for k, seg in enumerate(segs) if k not in inside]


def _walls(upright: list[tuple], top: float, bottom: float, tol: float) -> list[float]:
    """The vertical rules that divide one row of a table: those running along most of its height (a rule broken
    in the scan counts by its pieces). A rule that only ends near the row (the grid of the row above, under a
    title merged across the sheet) divides nothing in it."""
    spans: dict[float, float] = {}
    for x, a, b in upright:
        key = next((k for k in spans if abs(k - x) <= tol), x)
        spans[key] = spans.get(key, 0.0) + max(0.0, min(b, bottom) - max(a, top))
    return sorted(x for x, covered in spans.items() if covered >= 0.4 * (bottom - top))


def _merge_down(rows: list[list[list[_Seg]]], ys: list[float], columns: list[float], flat: list[tuple],
                tol: float) -> None:
    """A cell merged over several rows (a category set once beside its problems) has no rule across its column
    between them: every row it spans takes its whole text, as a spreadsheet's merged cell fills the rows it covers."""
    from .tables import role_of

    head = rows[0] if rows else []
    for c in range(len(columns) - 1):
        mid = (columns[c] + columns[c + 1]) / 2
        # a category column (问题类别) is the one a ledger merges down: its wrapped words may fall in each row
        category = c < len(head) and role_of("".join(seg.text for seg in head[c])) == "theme"
        start = 0
        for r in range(1, len(rows) + 1):
            crossed = r == len(rows) or any(abs(y - ys[r]) <= tol and a - tol <= mid <= b + tol for y, a, b in flat)
            if not crossed:
                continue
            numbered = sum(1 for k in range(start, r) if re.fullmatch(r"\d{1,3}", "".join(x.text for x in rows[k][c])))
            filled = sum(1 for k in range(start, r) if rows[k][c])
            # (a short rule across a narrow 序号 column can go unseen: rows numbered one by one are not merged; nor
            # rows that each hold their own text, where a faint grid line was missed: a merged cell leaves some empty)
            if r - start > 1 and numbered < 2 and (filled < r - start or category and start > 0):
                whole = sorted((seg for k in range(start, r) for seg in rows[k][c]), key=lambda s: (s.top, s.x0))
                for k in range(start, r):
                    rows[k][c] = list(whole)
            start = r


def _continued(tables: list[_Table], before: _Table | None) -> list[_Table]:
    """A table that goes on from the previous page repeats its header: its rows are the earlier table's."""
    def header(t: _Table) -> str:
        return "".join(seg.text for cell in t.rows[0] for seg in cell) if t.rows else ""
    if before is None or not tables or header(tables[0]) != header(before) or not header(before):
        return tables
    before.rows.extend(tables[0].rows[1:])
    return tables[1:]


def _split(seg: _Seg, walls: list[float], height: float) -> list[_Seg]:
    """A box the engine read across a wall (two cells' text close together) cut there, at the character boundary
    nearest the wall by the characters' widths (a Chinese character a full width, a digit or a Latin letter half)."""
    cuts = [x for x in walls if seg.x0 + height < x < seg.x1 - height]
    if not cuts or len(seg.text) < 2:
        return [seg]
    widths = [0.55 if ord(ch) < 0x2E80 else 1.0 for ch in seg.text]
    edges = [0.0]
    for w in widths:
        edges.append(edges[-1] + w)
    unit = (seg.x1 - seg.x0) / edges[-1]
    pieces, start, left = [], 0, seg.x0
    for x in cuts:
        end = min(range(start, len(seg.text) + 1), key=lambda k: abs(seg.x0 + edges[k] * unit - x))
        if end > start:
            pieces.append(_Seg(seg.text[start:end], seg.score, seg.box, left, x, seg.top, seg.bottom))
        start, left = end, x
    if start < len(seg.text):
        pieces.append(_Seg(seg.text[start:], seg.score, seg.box, left, seg.x1, seg.top, seg.bottom))
    return pieces


def _cell_text(cell: list[_Seg]) -> str:
    """A cell's boxes joined; two on one line far apart (a 填报单位 and a 填报日期 in one wide row of a sheet) are
    kept apart as two cells' texts would be."""
    out = ""
    for k, seg in enumerate(cell):
        if k:
            before = cell[k - 1]
            height = seg.bottom - seg.top
            same_line = abs((seg.top + seg.bottom) / 2 - (before.top + before.bottom) / 2) < 0.5 * height
            if same_line and seg.x0 - before.x1 > 1.5 * height:
                out += "　"
        out += seg.text
    return out


def _table_text(table: _Table) -> tuple[list[str], list[tuple[_Seg, int, int]]]:
    """A table's lines as the report would print them (lib.read.tables renders a ledger's rows as item lines, a
    statistics table as sentences) and each segment's offsets within those lines joined by newlines; a table
    that is no ledger keeps a line a row, its cells apart."""
    from .tables import header_index, render

    cells = [[_cell_text(cell) for cell in row] for row in table.rows]
    plain = ["　".join(c for c in row if c) for row in cells]
    lines = render(cells)
    # a sheet's title and 填报单位 rows inside the grid, above the ledger's header, stay lines of their own
    lines = plain if lines is None else plain[:header_index(cells) or 0] + lines
    block = "\n".join(lines)
    placed, cursor, seen = [], 0, set()
    for row in table.rows:
        for cell in row:
            for seg in cell:
                if id(seg) in seen:
                    continue   # a merged cell's box, in every row it spans
                seen.add(id(seg))
                at = block.find(seg.text, cursor)
                if at < 0:
                    at = block.find(seg.text)
                if at >= 0:
                    placed.append((seg, at, at + len(seg.text)))
                    cursor = at + len(seg.text)
    return lines, placed


def layout(pages: list[dict]) -> tuple[str, list[OcrLine]]:
    """pages: [{"size": [w, h], "boxes": [[quad of 8 numbers, score, text], ...], "rules": [...]}, ...] as the
    engine read them → the text, one paragraph a line, and each box as an OcrLine with its offsets in that text."""
    laid = []
    for k, page in enumerate(pages, start=1):
        number = int(page.get("page", k))   # the page's own number (a PDF's scanned pages among typed ones)
        segs, cuts = _sheet_window(_segments(page))
        page = _sheet_rules(page, cuts)
        for seg in segs:
            seg.page = number
        tables: list[_Table] = []
        if segs:
            tables, segs = _tables(page, segs, statistics.median(s.bottom - s.top for s in segs))
        rows = _drop_folios(_rows(segs))
        if laid and tables and not any(r.top < tables[0].top for r in rows):
            # a table at the head of the page going on from the one that ended the page before
            _, p_rows, _, _, p_tables = laid[-1]
            last = p_tables[-1] if p_tables and not any(r.top > p_tables[-1].top for r in p_rows) else None
            tables = _continued(tables, last)
        if rows or tables:
            height = statistics.median(r.bottom - r.top for r in rows) if rows else 0.0
            edges = _edges(rows, height, float(page["size"][0])) if rows else (0.0, 0.0)
            laid.append((number, rows, edges, height, tables))
    # a last page of three lines has no right edge of its own: the other pages' edge serves
    if len(laid) > 1:
        typical = statistics.median(edges[1] for _, rows, edges, _, _ in laid if len(rows) >= 5) \
            if any(len(rows) >= 5 for _, rows, _, _, _ in laid) else None
        if typical is not None:
            laid = [(n, rows, (edges[0], max(edges[1], typical)), h, t) for n, rows, edges, h, t in laid]
    text = ""
    lines: list[OcrLine] = []
    prev = None   # (row, edges, page number) of the last line placed; None after a table
    for number, rows, edges, height, tables in laid:
        blocks = sorted([(r.top, 0, r) for r in rows] + [(t.top, 1, t) for t in tables], key=lambda b: (b[0], b[1]))
        for _, _, block in blocks:
            if isinstance(block, _Table):
                table_lines, placed = _table_text(block)
                if text:
                    text += "\n"
                base = len(text)
                text += "\n".join(table_lines)
                lines.extend(OcrLine(seg.page or number, seg.box, round(seg.score, 4), base + a, base + b)
                             for seg, a, b in placed)
                prev = None
                continue
            row = block
            if prev is None:
                joined = False
                text += "\n" if text else ""
            else:
                p_row, p_edges, p_number = prev
                joined = _continues(p_row, row, p_edges, edges, height, p_number == number)
                text += "" if joined else "\n"
            for k, seg in enumerate(row.segs):
                if k and seg.x0 - row.segs[k - 1].x1 > 1.0 * height:
                    text += " "   # a gap in the line: a space, as between a name and a date
                elif (k or joined) and _LATIN.fullmatch(text[-1:] + seg.text[:1]):
                    text += " "   # Latin words broken at the line's end were separated by a space (a number was not)
                start = len(text)
                text += seg.text
                lines.append(OcrLine(number, seg.box, round(seg.score, 4), start, len(text)))
            prev = (row, edges, number)
    lines.sort(key=lambda ln: ln.start)
    return text, lines
