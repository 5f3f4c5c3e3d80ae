"""Spreadsheets (.xlsx, .xls, WPS .et, .csv/.tsv) kept as a 整改台账 → the lines a printed ledger would show.

A 台账 sheet looks like this (merged cells in 问题类别, a 合计 row at the end):

    XX县林业局巡察整改落实情况台账                       ← title rows: the report's title and publisher
    填报单位：XX县林业局   截至时间：2024年6月30日
    序号 | 问题类别 | 反馈问题 | 整改措施 | 责任领导 | 责任单位 | 整改时限 | 完成情况 | 备注
    1    | 党建方面 | 学习不深入 | 制定计划… | 张三 | 办公室 | 2024年6月底前 | 已完成 |
    2    | (merged) | …

and reads as "（一）党建方面 / 1.学习不深入 / 整改措施：制定计划… / 责任单位：办公室 / 整改时限：2024年6月底前 /
整改结果：已完成", which the parser takes like any report. Formulas are kept as the text they are, never evaluated.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

from .errors import MAX_ZIP_RATIO, ReadError
from .tables import GRAND_TOTAL, STATUS_GROUP, STATUS_NAME, column_roles, first_cell, ledger_parts, render_stats, role_of
from .text import decode_text

MAX_SHEET_ROWS = 20_000          # a ledger has dozens or hundreds of rows; a million is an attack or not a ledger
MAX_SHEET_COLUMNS = 64
MAX_SHEET_XML = 100 * 2**20      # one sheet's XML, inflated
MAX_HEADER_ROW = 15              # the header sits under at most a few title rows
_CN = "一二三四五六七八九十"


def _too_many_rows() -> ReadError:
    return ReadError(
        "too_large",
        f"无法读取该文件：表格超过 {MAX_SHEET_ROWS} 行，不像整改台账",
        f"Cannot read the file: the spreadsheet has more than {MAX_SHEET_ROWS} rows; it does not look like a ledger",
    )


def _bomb() -> ReadError:
    return ReadError(
        "too_large",
        f"无法读取该文件：Excel 文件解压后过大（超过 {MAX_SHEET_XML // 2**20} MB 或压缩比异常）",
        f"Cannot read the file: the Excel file expands to too much data "
        f"(over {MAX_SHEET_XML // 2**20} MB or an abnormal compression ratio)",
    )


def _cell_text(value) -> str:
    """A cell as the text a reader sees: 1.0 → "1", a date → 2024年6月30日, a formula as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# a date cell's number format written with dashes or slashes (yyyy-mm-dd, yyyy/m/d): shown so, not as 2024年…
_DATE_FORMAT = re.compile(r"(y{2,4})([-/.])(m{1,2})\2(d{1,2})")


class _Cell:
    """A value with its number format, as openpyxl's cells carry them (for xlrd's)."""

    def __init__(self, value, number_format: str):
        self.value, self.number_format = value, number_format


def _shown(cell):
    """A cell's value, a date as its number format shows it when that format is numeric (2024-11-30)."""
    value = getattr(cell, "value", None)
    fmt = str(getattr(cell, "number_format", "") or "")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and fmt.endswith("%"):
        # 整改进度 kept as 0.8 with the 0% format: 80%; 0.6667 with 0.0%: 66.7%
        places = len(m.group(1)) if (m := re.search(r"\.(0+)%$", fmt)) else 0
        return f"{value * 100:.{places}f}%"
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        m = _DATE_FORMAT.fullmatch(re.sub(r'[\\"]|;@$|\[[^]]*\]', "", fmt).lower())
        if m:
            y = f"{value.year:04d}" if len(m.group(1)) == 4 else f"{value.year % 100:02d}"
            mo = f"{value.month:02d}" if len(m.group(3)) == 2 else str(value.month)
            d = f"{value.day:02d}" if len(m.group(4)) == 2 else str(value.day)
            return m.group(2).join((y, mo, d))
    return value


def _fill(rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """Every cell a merged range covers takes the range's value (rows, columns 0-based, ends inclusive)."""
    for r0, c0, r1, c1 in merges:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, min(c1, MAX_SHEET_COLUMNS - 1) + 1):
                row[c] = value
    return rows


def _widest_row(rows: list[list[str]]) -> int | None:
    """The header a user maps by hand: the first of the top rows with the most cells filled (title rows above
    it fill one or two)."""
    filled = [sum(1 for c in row if c.strip()) for row in rows[:MAX_HEADER_ROW]]
    return filled.index(max(filled)) if filled and max(filled) else None


def _header_row(rows: list[list[str]], mapping: dict[int, str] | None) -> int | None:
    if mapping:
        return _widest_row(rows)
    return next((i for i, row in enumerate(rows[:MAX_HEADER_ROW]) if column_roles(row)), None)


def _row_text(row: list[str]) -> str:
    """A row as one line, each text once: a cell merged across the sheet repeats in every column it covers."""
    return "  ".join(dict.fromkeys(c.strip() for c in row if c.strip()))


_CODES = re.compile(r"[A-Za-z][A-Za-z0-9_]{1,15}")


def _title_lines(rows: list[list[str]]) -> list[str]:
    """The rows above the header: a title merged across the sheet, 填报单位：… 截至时间：… (not a system's row of
    column codes, WTBH | WTMS | ZGCS, over the Chinese header)."""
    return [line for line in map(_row_text, rows)
            if line and not all(_CODES.fullmatch(c) for c in line.split("  "))]


# under the table: who filled it in (the contacts are read from it), or a note on how to fill it in (no fact)
_FOOTER_ROW = re.compile(r"^(?:填表人|填报人|审核人|制表人|联系人|联系电话)\s*[:：]")
_FORM_ROW = re.compile(r"^(?:填报单位|报送单位|填表单位)\s*[:：]")
_NOTE_ROW = re.compile(r"^(?:注|备注|说明|填表说明)\s*\d*\s*[:：]")
# a note's count of the problems: "说明：…反馈问题13个，已完成整改9个，正在整改4个"
_NOTE_COUNTS = re.compile(r"\d+\s*[个项条][^。；;]{0,12}?(?:已完成|已整改|完成|整改到位)|(?:已完成|已整改)[^。；;]{0,6}?\d+\s*[个项条]")
# a 说明 that tells the inspection (区委第四巡察组于…对…开展常规巡察，…反馈) belongs to the report's opening
_NOTE_INSPECTION = re.compile(r"巡[察视]组.{0,40}?(?:开展|进行|反馈)|\d+个方面\d+个问题")
_NOTE_LEGEND = re.compile(r"[红黄绿橙蓝]灯\s*(?:=|＝|:|：|为|表示|代表|即)|[√✔✓△▲○●◐◑×✗✘][”\"]?\s*(?:[（(][^）)]{1,6}[)）])?\s*(?:表示|为|代表|=|＝)")
_LEAD_ORDINAL = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[、.）)]\s*|^\d{1,2}[、.]\s*(?=\D)")


_SHEET_THEME = re.compile(r"^[一二三四五六七八九十]{1,3}、\S")
_TITLE_ROW = re.compile(r"台账|清单|统计表|汇总表|一览表|填报")
_SECTION = re.compile(r"(?:情况|工作|打算|计划|措施)$")     # 一、整改工作开展情况: a report's section, no theme


# a sheet named for a unit (局机关, 下属中心, 二级单位, 城关镇): one per unit, not per theme, so no theme heading
_UNIT_SHEET = re.compile(r"^(?!.*(?:方面|问题|类)).*(?:机关|中心|单位|局|科|股|室|所|队|站|公司|办|院|校|部|镇|乡|街道|村)$")


def sheet_lines(rows: list[list[str]], name: str = "", several: bool = False,
                mapping: dict[int, str] | None = None) -> dict[str, list[str]] | None:
    """The parts of one ledger sheet — "title" (rows above the header), "summary" (its 合计 row in words), "ledger"
    (the item lines), "footer" (填表人：… 联系电话：…) — or None when it holds no ledger. With several ledger sheets
    and no category column, the sheet's name is its theme (one sheet per theme is a common layout)."""
    h = _header_row(rows, mapping)
    if h is None:
        return None
    header = rows[h]
    if mapping:
        header = _named_header(header, mapping)
    body, footer, counted = [], [], []
    titles = rows[:h]
    # "二、落实全面从严治党“两个责任”方面" among the title rows: the sheet's theme (one sheet per theme), and the
    # category column, if any, only sorts the problems inside it
    # (one such row: a report pasted as text above its table has 一、…情况 and 二、… as its own sections)
    themed = [r for r in titles if _SHEET_THEME.match(_row_text(r)) and not _TITLE_ROW.search(_row_text(r))
              and not STATUS_GROUP.match(first_cell(r))]
    theme = themed[0] if len(themed) == 1 and not _SECTION.search(_row_text(themed[0])) else None
    if theme is not None:
        titles = [r for r in titles if r is not theme]
        theme = _LEAD_ORDINAL.sub("", _row_text(theme))
    if titles and STATUS_GROUP.match(first_cell(titles[-1])):
        # "一、已完成整改的问题（9个）" just above the header: the status of the table's problems
        body.append(titles[-1])
        titles = titles[:-1]
    for row in rows[h + 1:]:
        first = first_cell(row)
        if _FOOTER_ROW.match(first):
            footer.append(_row_text(row))
        elif _FORM_ROW.match(first):
            # the form's line under the table (填报单位：… 巡察组：… 联系电话：…): who reports, as if above it, and
            # the contacts, where a footer gives them
            titles.append(row)
            said = [c.strip() for c in dict.fromkeys(row) if _FOOTER_ROW.match(c.strip())]
            if said:   # who to contact, its phone last, as a footer gives them
                footer.append("  ".join(sorted(said, key=lambda c: "电话" in c)))
        elif not _NOTE_ROW.match(first):
            body.append(row)
        elif _NOTE_COUNTS.search(_row_text(row)) or _NOTE_LEGEND.search(_row_text(row)) \
                or _NOTE_INSPECTION.search(_row_text(row)):
            # a 说明 that counts the problems is the ledger's summary; one that reads its lights, its key
            counted.append(_row_text(row))
    # a workbook split by status (sheets 已完成 | 正在整改 | 需长期坚持) has no status column: the sheet's name, or the
    # status its title ends with, is every problem's on it
    roles = column_roles(header) or {}
    named = None
    if several and not any(r == "status" or r.startswith("tick:") for r in roles.values()):
        named = STATUS_NAME.search(name.strip())
        part = next((r for r in titles if STATUS_NAME.search(_row_text(r))), None)
        if part is not None:
            # "…整改台账（已完成事项）": the title of one part of the workbook, not the report's
            titles = [r for r in titles if r is not part]
            named = named or STATUS_NAME.search(_row_text(part))
    parts = ledger_parts([header] + body, categories=theme is None, status=named and named.group("status"))
    if not parts or not (parts[0] or parts[1]):
        return None
    summary, lines = parts
    summary = summary + counted
    if theme:
        lines = [f"（{{n}}）{theme}"] + lines
    elif several and "theme" not in roles.values() and name and lines and not lines[0].startswith("（") \
            and not _UNIT_SHEET.search(name):
        lines = [f"（{{n}}）{name}"] + lines
    return {"title": _title_lines(titles), "summary": summary, "ledger": lines, "footer": footer}


def _stats(rows: list[list[str]], deepest: int = 3) -> tuple[int, list[str]] | None:
    """A sheet of counts (被巡察单位 | 反馈问题（个） | 已整改（个） | …) under up to `deepest` title rows: where its
    header is, and its rows in words."""
    for k in range(min(deepest + 1, len(rows))):
        stats = render_stats(rows[k:])
        if stats:
            return k, stats
    return None


def other_sheet_lines(rows: list[list[str]]) -> list[str]:
    """A workbook's sheet that is no ledger: a 说明 sheet's paragraphs (their 一、二、 numbering dropped, so that they
    do not read as the report's sections), or a 汇总 sheet of counts, of which only its 合计 row says anything the
    ledger does not (its other rows repeat the ledger's categories)."""
    # its header may stand under a title row or two (市委第二巡察组反馈问题整改情况汇总表, 统计截至：…)
    found = _stats(rows, MAX_HEADER_ROW)
    if found:
        k, stats = found
        # a cover's paragraphs above the table (基本情况, the progress sentence) and a sentence set across the
        # sheet under it (整改成效：追缴…万元): prose, kept; a 汇总表's own title rows (k < 4) are not the report's
        above = [_LEAD_ORDINAL.sub("", line) for line in _title_lines(rows[:k]) if not _NOTE_ROW.match(line)] \
            if k >= 4 else []
        prose = [cells[0] for cells in (list(dict.fromkeys(c.strip() for c in row if c.strip()))
                                        for row in rows[k + 1:]) if len(cells) == 1 and len(cells[0]) > 15]
        return above + [line for line in stats if GRAND_TOTAL.fullmatch(line.split("：")[0])] + prose
    return [_LEAD_ORDINAL.sub("", line) for line in _title_lines(rows) if not _NOTE_ROW.match(line)]


def _counts_only(sheets: list[tuple[str, list[list[str]]]]) -> str | None:
    """A workbook of counts and no problem rows (a county's round as a table: one row per unit inspected, a 合计
    row): its title rows, then every row in words, as a round's summary prints them — or None."""
    out: list[str] = []
    for _, rows in sheets:
        found = _stats(rows)
        if found:
            k, stats = found
            tail = [_row_text(row) for row in rows[k + 1:]
                    if len({c.strip() for c in row if c.strip()}) == 1]   # a note set across the sheet
            # the whole round's counts first, as a summary prints them, then each unit's
            total = [x for x in stats if GRAND_TOTAL.fullmatch(x.split("：")[0])]
            out += _title_lines(rows[:k]) + total + [x for x in stats if x not in total] + tail
    return "\n".join(out) if out else None


# The names the roles are known by in tables.py, for a header the user mapped by hand (MAPPABLE_ROLES: the choices).
_ROLE_NAMES = {"no": "序号", "theme": "问题类别", "problem": "反馈问题", "measures": "整改措施",
               "progress": "整改情况", "status": "完成情况", "owner": "责任单位", "leader": "责任领导",
               "deadline": "整改时限"}


MAPPABLE_ROLES = tuple(_ROLE_NAMES)


def _named_header(header: list[str], mapping: dict[int, str]) -> list[str]:
    return [_ROLE_NAMES.get(mapping.get(i, ""), f"列{i + 1}·") for i in range(len(header))]


def _number_themes(lines: list[str]) -> list[str]:
    """Sheets' theme headings numbered through the workbook: （一）…（二）… across sheets, each theme by its words, so
    that a category met again on a later sheet (a 台账 split by status repeats its categories, numbering them anew)
    keeps the number it had first; a theme that goes on over the next sheet (the same category at the head of a
    continued table) is one theme."""
    out: list[str] = []
    numbers: dict[str, int] = {}
    last = None
    for line in lines:
        m = re.match(r"^（(?:[一二三四五六七八九十\d]{1,3}|\{n\})）", line)
        if m is None:
            out.append(line)
            continue
        theme = line[m.end():]
        if theme == last:
            continue
        last = theme
        n = numbers.setdefault(theme, len(numbers) + 1)
        out.append(f"（{_CN[n - 1] if n <= 10 else n}）{theme}")
    return out


class UnmappedSheet(ReadError):
    """A spreadsheet whose columns name no ledger roles: .header is its widest top row, for the user to map
    (read again with columns={index: role}, roles from MAPPABLE_ROLES)."""

    def __init__(self, header: list[str]):
        super().__init__(
            "sheet_unmapped",
            "无法读取该表格：未识别出“反馈问题”“完成情况”等列，请在下方指定各列含义",
            "Cannot read the spreadsheet: no columns such as 反馈问题 (problem) and 完成情况 (status) were "
            "recognised; map the columns below",
        )
        self.header = header


def _transposed(rows: list[list[str]]) -> list[list[str]] | None:
    """A ledger set on its side: the first column names the fields down the rows (序号, 反馈问题, 整改措施, 完成情况),
    each further column is a problem. Its rows, one problem a row, under the same title and footer rows."""
    labels = [r for r, row in enumerate(rows) if row and role_of(row[0])]
    if len(labels) < 4 or "problem" not in {role_of(rows[r][0]) for r in labels} or labels[-1] - labels[0] >= len(labels) + 3:
        return None
    width = max(len(rows[r]) for r in labels)
    if width < 3:
        return None
    first, last = labels[0], labels[-1]
    if first > 0 and re.sub(r"\s+", "", rows[first - 1][0]) in ("序号", "编号"):
        first -= 1    # 序号 over 1 | 2 | 3 names no role of its own
    def across(row: list[str]) -> bool:
        # one sentence merged over every problem's column beside its label (整改成效汇总 | 截至…共追回…): a sum
        return len(row) > 2 and row[1].strip() != "" and len(set(row[1:])) == 1 and row[0].strip() != row[1].strip()
    fields = [r for r in range(first, last + 1) if rows[r] and rows[r][0].strip() and not across(rows[r])]
    header = [rows[r][0] for r in fields]
    def cell(r: int, j: int) -> str:
        return rows[r][j] if j < len(rows[r]) else ""
    problems = [[cell(r, j) for r in fields] for j in range(1, width) if any(cell(r, j).strip() for r in fields)]
    summary = [["合计", row[1]] for row in rows[first:] if across(row)]
    rest = [row for row in rows[last + 1:] if not across(row)]
    return [[_row_text(r)] for r in rows[:first]] + [header] + problems + summary + rest


def _from_blocks(rows: list[list[str]]) -> list[list[str]] | None:
    """A ledger written as blocks of label | value rows, one block a problem (问题序号 | 1, 问题描述 | …, 整改措施 | …,
    完成情况 | …), theme rows across the sheet between them. Its rows, one problem a row."""
    pairs = [(r, row[0].strip(), row[1].strip()) for r, row in enumerate(rows)
             if len(row) >= 2 and row[0].strip() and row[0].strip() != row[1].strip() and not any(c.strip() for c in row[2:])]
    labelled = [(r, label, value) for r, label, value in pairs if role_of(label) or label in ("问题序号", "序号", "编号")]
    if len(labelled) < 6 or not any(role_of(label) == "problem" for _, label, _ in labelled):
        return None
    opener = labelled[0][1]
    if sum(1 for _, label, _ in labelled if label == opener) < 2:
        return None
    header: list[str] = list(dict.fromkeys(label for _, label, _ in labelled))
    if header[0] == "问题序号":
        header[0] = "序号"
    names = {label: i for i, label in enumerate(dict.fromkeys(label for _, label, _ in labelled))}
    by_row = {r: (label, value) for r, label, value in labelled}
    out, record, started, tail = [], None, False, []
    for r, row in enumerate(rows):
        if r in by_row:
            label, value = by_row[r]
            if label == opener:
                if record:
                    out.append(record)
                record, started = [""] * len(header), True
            if record is not None:
                record[names[label]] = value
            continue
        text = _row_text(row)
        if not text:
            continue
        if not started:
            out.append([text])                       # the title rows, the form line, an overall sentence
        elif _SHEET_THEME.match(text) and len(set(c.strip() for c in row if c.strip())) == 1:
            if record:
                out.append(record)
                record = None
            out.append([text] * len(header))         # a theme across the sheet
        else:
            tail.append([text])
    if record:
        out.append(record)
    # the header goes above the first theme row or record, under the rows that came before the blocks
    head_at = next((i for i, row in enumerate(out) if len(row) == len(header) and len(header) > 1), len(out))
    return out[:head_at] + [header] + out[head_at:] + tail


def _notes(sheets: list[list[list[str]]]) -> tuple[list[list[str]], list[str]]:
    """The words of the sheets that are no ledger (other_sheet_lines), and who filled them in, which goes under the
    ledger, where a report's contacts are."""
    others, footer = [], []
    for rows in sheets:
        lines = other_sheet_lines(rows)
        others.append([x for x in lines if not _FOOTER_ROW.match(x)])
        footer += [x for x in lines if _FOOTER_ROW.match(x)]
    return others, footer


def _shown_columns(rows: list[list[str]], hidden: set[int]) -> list[list[str]]:
    """The rows without their hidden columns (an old deadline kept out of sight is no part of the sheet as shown)."""
    return [[c for i, c in enumerate(row) if i not in hidden] for row in rows] if hidden else rows


_CODE_HEADER = re.compile(r"^(?:问题)?(?:编号|编码|代码)$")


def _code_column(header: list[str]) -> int | None:
    """The column of a problem's code (问题编号) in a header row, if any."""
    return next((i for i, c in enumerate(header) if _CODE_HEADER.match(re.sub(r"\s+", "", c))), None)


def _joined(sheets: list[tuple[str, list[list[str]]]]) -> list[tuple[str, list[list[str]]]]:
    """A workbook kept as two linked tables — 问题清单 (问题编号 | 问题描述 | … | 整改状态) and 措施清单 (问题编号 | 措施序号
    | 整改措施 | 完成情况) — as the one ledger they make: each problem's row repeated beside each of its measures (matched
    by code, spaces aside), the measures' 完成情况 its progress (the problem's own status is the 问题清单's)."""
    ledgers = [(n, rows, h) for n, rows in sheets if (h := _header_row(rows, None)) is not None]
    out = list(sheets)
    for name, rows, h in ledgers:
        code = _code_column(rows[h])
        if code is None:
            continue
        codes = {r[code].strip() for r in rows[h + 1:] if code < len(r) and r[code].strip()}
        for other, orows in sheets:
            if other == name or _header_row(orows, None) is not None:
                continue
            k = next((k for k, r in enumerate(orows[:MAX_HEADER_ROW]) if _code_column(r) is not None
                      and any(role_of(c) == "measures" for c in r)), None)
            if k is None:
                continue
            ocode = _code_column(orows[k])
            measures = [r for r in orows[k + 1:] if ocode < len(r) and r[ocode].strip() in codes]
            if not codes or len(measures) * 2 < len([r for r in orows[k + 1:] if any(c.strip() for c in r)]):
                continue
            extra = [c for i, c in enumerate(orows[k]) if i != ocode]
            extra = ["整改进展" if role_of(c) == "status" else c for c in extra]
            width = len(rows[h])
            joined = [r for r in rows[:h]] + [list(rows[h]) + extra]
            for r in rows[h + 1:]:
                key = r[code].strip() if code < len(r) else ""
                mine = [m for m in measures if m[ocode].strip() == key] if key else []
                base = list(r) + [""] * (width - len(r))
                joined += [base + [c for i, c in enumerate(m) if i != ocode] for m in mine] or [base + [""] * len(extra)]
            out = [(n, joined if n == name else rs) for n, rs in out if n != other]
            break
    return out


def _without_choice_lists(sheets: list[tuple[str, list[list[str]]]]) -> list[tuple[str, list[list[str]]]]:
    """A sheet that only lists the choices of the ledger's drop-down cells (下拉选项: its categories, statuses,
    units, each found in a ledger sheet) says nothing of its own."""
    seen = {c.strip() for _, rows in sheets if _header_row(rows, None) is not None for r in rows for c in r if c.strip()}
    if not seen:
        return sheets
    out = []
    for name, rows in sheets:
        cells = [c.strip() for r in rows[1:] for c in r if c.strip()]
        if _header_row(rows, None) is None and len(cells) >= 3 and sum(c in seen for c in cells) >= 0.8 * len(cells):
            continue
        out.append((name, rows))
    return out


def sheets_text(sheets: list[tuple[str, list[list[str]]]], mapping: dict[int, str] | None = None) -> str:
    """A workbook's sheets (name, rows) → one report's text, laid out as a report is: the title rows and the other
    sheets' words (a 说明, a 汇总's totals), every 合计 in words, then every ledger sheet's lines, then who filled it
    in. Raises UnmappedSheet when no sheet is a ledger."""
    parts: list[dict[str, list[str]]] = []
    skipped: list[list[list[str]]] = []      # the sheets that are no ledger
    if mapping is None:
        sheets = _without_choice_lists(_joined(sheets))
    several = sum(_header_row(rows, mapping) is not None for _, rows in sheets) > 1
    for name, rows in sheets:
        got = sheet_lines(rows, name, several, mapping)
        if got is not None:
            parts.append(got)
        else:
            skipped.append(rows)
    others, footer = _notes(skipped)
    if not parts:
        # a ledger laid out another way (problems across the columns; a block of label | value rows a problem)
        reshaped = [(name, r) for name, rows in sheets if (r := _transposed(rows) or _from_blocks(rows))]
        parts = [got for name, rows in reshaped if (got := sheet_lines(rows, name, len(reshaped) > 1, mapping))]
        if parts:   # those sheets are ledgers now, not notes: only the other sheets' words stay
            kept = {name for name, _ in sheets} - {name for name, _ in reshaped}
            others, footer = _notes([rows for name, rows in sheets if name in kept])
    if not parts:
        counts = _counts_only(sheets)
        if counts:
            return counts
        rows = next((rows for _, rows in sheets if _widest_row(rows) is not None), None)
        if rows is None:
            raise ReadError("empty", "无法读取该文件：表格中没有内容", "Cannot read the file: the spreadsheet is empty")
        raise UnmappedSheet([c.strip() for c in rows[_widest_row(rows)]])
    titles = next((p["title"] for p in parts if p["title"]), [])
    notes = [line for lines in others for line in lines]
    if not titles and notes:
        titles, notes = notes[:1], notes[1:]   # the title on the 说明 sheet
    summary = [x for p in parts for x in p["summary"]]
    # the grand total first, as a report opens with it; the 小计 of each sheet after
    summary.sort(key=lambda x: not GRAND_TOTAL.match(x))
    lines = titles + notes + summary
    lines += _number_themes([x for p in parts for x in p["ledger"]])
    return "\n".join(lines + [x for p in parts for x in p["footer"]] + footer)


# ---------------------------------------------------------------------------
# Formats


def _rows_capped(rows_iter) -> list[list[str]]:
    rows = []
    for row in rows_iter:
        if len(rows) >= MAX_SHEET_ROWS:
            raise _too_many_rows()
        rows.append([_cell_text(v) for v in row[:MAX_SHEET_COLUMNS]])
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')


def _xlsx_layout(zf: zipfile.ZipFile, path: str) -> tuple[list[tuple[int, int, int, int]], set[int]]:
    """A sheet's merged ranges (0-based, ends inclusive) and its hidden columns, from its XML (read-only mode
    loads neither)."""
    with zf.open(path) as f:
        xml = f.read(MAX_SHEET_XML + 1)
    if len(xml) > MAX_SHEET_XML:
        raise _bomb()
    merges = [(int(r0) - 1, _col(c0), int(r1) - 1, _col(c1)) for c0, r0, c1, r1 in _MERGE.findall(xml)]
    hidden: set[int] = set()
    for tag in _COL.findall(xml[:xml.find(b"<sheetData")] if b"<sheetData" in xml else b""):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"min", b"").isdigit() and attrs.get(b"max", b"").isdigit():
            hidden.update(range(int(attrs[b"min"]) - 1, min(int(attrs[b"max"]), MAX_SHEET_COLUMNS)))
    return merges, hidden


def _check_zip(zf: zipfile.ZipFile) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > MAX_SHEET_XML or total > 2 * MAX_SHEET_XML or (
                info.file_size > 2**20 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)):
            raise _bomb()


def read_xlsx(data: bytes, mapping: dict[int, str] | None = None) -> str:
    import openpyxl

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError("sheet_corrupt") from exc
    _check_zip(zf)
    # read_only streams the rows (a huge sheet stops at the row cap instead of filling memory); it does not
    # load merged ranges, which the sheet's XML lists at its end
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheets = []
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            rows = _rows_capped([_shown(c) for c in row] for row in ws.iter_rows())
            path = getattr(ws, "_worksheet_path", None)
            merges, hidden = _xlsx_layout(zf, path) if path else ([], set())
            sheets.append((ws.title, _shown_columns(_fill(rows, merges), hidden)))
    finally:
        wb.close()
    return sheets_text(sheets, mapping)


def read_xls(data: bytes, mapping: dict[int, str] | None = None) -> str:
    """Excel 97–2003 (.xls) and WPS .et saved in that format: xlrd reads the cached values, never formulas."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    try:
        sheets = []
        for sheet in book.sheets():
            if sheet.visibility:
                continue
            if sheet.nrows > MAX_SHEET_ROWS:
                raise _too_many_rows()
            rows = []
            for r in range(sheet.nrows):
                row = []
                for c in range(min(sheet.ncols, MAX_SHEET_COLUMNS)):
                    cell = sheet.cell(r, c)
                    value = cell.value
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        value = xlrd.xldate_as_datetime(value, book.datemode)
                        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if cell.xf_index is not None else None
                        value = _shown(_Cell(value, getattr(fmt, "format_str", "")))   # as its format shows it
                    row.append(_cell_text(value))
                rows.append(row)
            merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
            hidden = {c for c, info in getattr(sheet, "colinfo_map", {}).items() if getattr(info, "hidden", 0)}
            sheets.append((sheet.name, _shown_columns(_fill(rows, merges), hidden)))
    finally:
        book.release_resources()
    return sheets_text(sheets, mapping)


def read_delimited(data: bytes, mapping: dict[int, str] | None = None) -> str:
    """A ledger saved as .csv or .tsv, in whatever encoding the text reader recognises."""
    text = decode_text(data).lstrip("\ufeff")
    sample = "\n".join(text.split("\n")[:30])
    delimiter = max(",\t;", key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return sheets_text([("", _rows_capped(reader))], mapping)


def looks_delimited(text_head: str) -> bool:
    """Plain text that is a comma- or tab-separated ledger: a header row naming a problem and what was done,
    and rows with that many separators."""
    lines = [line for line in text_head.split("\n")[:MAX_HEADER_ROW + 5] if line.strip()]
    for sep in (",", "\t"):
        for i, line in enumerate(lines[:MAX_HEADER_ROW]):
            if line.count(sep) >= 2 and column_roles([c.strip().strip('"') for c in line.split(sep)]):
                return any(later.count(sep) >= 2 for later in lines[i + 1:])
    return False
