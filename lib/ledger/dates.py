"""Dates as the reports write them (2023年3月9日, 7月18日, 2023-05-04, 二〇二三年十二月十九日) → ISO strings."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# "2023年3月9日", "3月9日", "2023年12月", with optional spaces between the parts (PDF extraction adds them).
_ARABIC = r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?"
_ISO = r"(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
_CN = r"(?P<cy>[〇零一二三四五六七八九]{4})\s*年\s*(?P<cm>[十一二三四五六七八九]{1,3})\s*月\s*(?:(?P<cd>[十一二三四五六七八九]{1,3})\s*日)?"
# "二〇二三年三月九日至五月十日": the range's end has no year of its own
_CN_RANGE_END = r"(?<=[至到—–-])(?P<rm>[十一二三四五六七八九]{1,3})\s*月\s*(?P<rd>[十一二三四五六七八九]{1,3})\s*日"
# Not inside another date ("2023年3月" is one date, not 3月 after 年), but 今年3月 and 本年3月 are dates. The
# leading lookahead lets the engine skip every character that cannot start a date: four times faster.
DATE_RE = re.compile(
    rf"(?=[\d〇零一二三四五六七八九十])(?:(?<![\d年月])|(?<=今年)|(?<=本年))"
    rf"(?:{_ISO}|{_CN}|{_CN_RANGE_END}|{_ARABIC})"
)


@dataclass(frozen=True)
class DateMatch:
    year: int | None
    month: int
    day: int | None
    start: int
    end: int

    def iso(self, year: int | None = None) -> str | None:
        """YYYY-MM-DD, taking `year` when the text gave none; None when a part is missing or invalid."""
        y = self.year or year
        if y is None or self.day is None:
            return None
        try:
            return dt.date(y, self.month, self.day).isoformat()
        except ValueError:
            return None

    def month_iso(self, year: int | None = None) -> str | None:
        y = self.year or year
        if y is None or not 1 <= self.month <= 12:
            return None
        return f"{y:04d}-{self.month:02d}"


def _cn_small(s: str) -> int:
    """十九 → 19, 二十 → 20, 十 → 10, 三 → 3."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    return _CN_DIGIT.get(s, 0)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    out = []
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("cy"):
            y = int("".join(str(_CN_DIGIT[c]) for c in m.group("cy")))
            mo = _cn_small(m.group("cm"))
            d = _cn_small(m.group("cd")) if m.group("cd") else None
        elif m.group("rm"):
            y, mo, d = None, _cn_small(m.group("rm")), _cn_small(m.group("rd"))
        else:
            y = int(m.group("y")) if m.group("y") else None
            mo = int(m.group("m"))
            d = int(m.group("d")) if m.group("d") else None
        if not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
            continue
        out.append(DateMatch(y, mo, d, m.start(), m.end()))
    return out


# "2024年底", "2024年上半年", "2024年第三季度", "2024.6": deadlines that name a period, taken at its last day
_PERIOD = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<end>底|末|年底|年末)|(?P<half>上|下)半年"
                     r"|第?(?P<q>[一二三四1-4])\s*季度)")
_YEARLESS_PERIOD = re.compile(r"(?:今年|本年)?(?:(?P<end>年底|年末)|(?P<half>上|下)半年|第(?P<q>[一二三四1-4])\s*季度)")
_DOTTED_MONTH = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*[./-]\s*(?P<m>\d{1,2})(?![\d./-])")
# 长期坚持, 立行立改, 持续整改: no date to be late against
_NO_DEADLINE = re.compile(r"长期|持续|立行立改|常态|立即")
# "20240630" as platforms export it; "45473", an Excel date pasted as text (days since 1899-12-30, 2000–2099)
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
_SERIAL = re.compile(r"\s*(?P<n>[3-7]\d{4})(?:\.0+)?\s*")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def deadline_date(text: str, year: int | None = None) -> str | None:
    """The day a deadline falls on: "2025年6月底前" → 2025-06-30, "2024年5月31日" → 2024-05-31, "2024年底" →
    2024-12-31, "9月底" → that month of `year`, "20240630" (a platform's export) and "45473" (an Excel date pasted
    as text) → 2024-06-30; None for 长期坚持, 立行立改 and text naming no date. The last date written is the
    deadline ("2024年3月至6月底" → 06-30)."""
    if not text or _NO_DEADLINE.search(text) and not re.search(r"\d|[〇一二三四五六七八九十]月", text):
        return None
    serial = _SERIAL.fullmatch(text)
    if serial and 36526 <= int(serial["n"]) <= 73050:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(serial["n"]))).isoformat()
    best: tuple[int, str] | None = None
    for m in _COMPACT.finditer(text):
        try:
            best = (m.start(), dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat())
        except ValueError:
            pass
    for m in find_dates(text):
        y = m.year or year
        year = y   # "2024年3月至6月底": the range's end takes the year before it
        if y is None:
            continue
        iso = m.iso(y) if m.day is not None else _month_end(y, m.month)
        if iso and (best is None or m.start >= best[0]):
            best = (m.start, iso)
    for m in _PERIOD.finditer(text):
        y = int(m.group("y"))
        if m.group("end"):
            iso = f"{y}-12-31"
        elif m.group("half"):
            iso = f"{y}-06-30" if m.group("half") == "上" else f"{y}-12-31"
        else:
            q = "一二三四".find(m.group("q")) + 1 or int(m.group("q"))
            iso = _month_end(y, 3 * q)
        if iso and (best is None or m.start >= best[0]):
            best = (m.start, iso)
    if best is None and year is not None:
        # "年底前", "上半年", "第三季度" without a year: the report's (a 台账 filled in that year)
        m = _YEARLESS_PERIOD.search(text)
        if m and not re.search(r"(?:19|20)\d{2}\s*年\s*$", text[:m.start()]):
            if m.group("end"):
                best = (m.start(), f"{year}-12-31")
            elif m.group("half"):
                best = (m.start(), f"{year}-06-30" if m.group("half") == "上" else f"{year}-12-31")
            else:
                best = (m.start(), _month_end(year, 3 * ("一二三四".find(m.group("q")) + 1 or int(m.group("q")))))
    if best is None:
        for m in _DOTTED_MONTH.finditer(text):
            iso = _month_end(int(m.group("y")), int(m.group("m")))
            if iso:
                best = (m.start(), iso)
    return best[1] if best else None
