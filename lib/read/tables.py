"""Rectification ledgers laid out as tables (序号 | 反馈问题 | 整改措施 | 完成情况) → the report's own line form."""
from __future__ import annotations

import re

# A header cell → the role of its column; the first pattern that matches wins.
_ROLES = [
    ("no", re.compile(r"^(序号|编号|序)$")),
    # a second round's ledger keeps the first round's columns (上轮状态 | 上轮整改成效): what was reported then
    ("earlier", re.compile(r"^(?:上一?轮|前期|上次|前次|上期|首轮)")),
    ("ref", re.compile(r"编号|编码|代码")),          # a platform's own code of the problem (LXSC-2024-04-001)
    ("source", re.compile(r"来源")),                 # 问题来源：市委第四巡察组, who raised it
    ("theme", re.compile(r"类别|方面|类型|主题|领域|问题分类")),
    ("status", re.compile(r"整改结果|完成情况|整改状态|是否完成|完成状态|整改进度|完成进度|整改完成情况|状态$|销号|灯色|亮灯")),   # 措施状态
    # (目前进展, 阶段性成效; 整改措施及成效 names the measures first)
    ("progress", re.compile(r"整改情况|进展|落实情况|(?<!措施及)(?<!措施和)成效|完成进度")),
    ("measures", re.compile(r"措施|举措|整改要求|整改任务|整改内容")),
    ("target", re.compile(r"目标")),                 # 整改目标：复耕率达到100%, what the measures aim at
    # a count of problems (问题数（个）) or a list of their numbers (问题序号), as a table of counts by status has
    ("count", re.compile(r"问题(?:数|数量|个数|总数)(?:[（(][^（）()]*[)）])?$|.序号$")),
    ("problem", re.compile(r"问题|反馈意见|意见")),
    ("leader", re.compile(r"责任领导|责任人|分管领导|牵头领导|包保领导")),
    ("owner", re.compile(r"责任|牵头|配合")),
    ("deadline", re.compile(r"时限|期限|时间")),
    ("note", re.compile(r"^(?:备注|说明)$")),          # a remark on the row (上轮已追缴…), kept as the row's last line
]
_LABELS = {"earlier": "上轮情况", "target": "整改目标", "measures": "整改措施", "progress": "整改情况", "status": "整改结果", "owner": "责任单位", "leader": "责任领导",
           "deadline": "整改时限", "note": "备注"}
_CN = "一二三四五六七八九十"
_ORDINAL = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)、.]\s*")   # the table's own number of a theme


# a status as a column's name (整改情况 spanning 已完成 | 未完成, a tick or a word in one of them): its role is
# "tick:" and the status it names
_TICK_HEADER = re.compile(r"^(?:已完成|已整改|已整改到位|完成|已销号|未完成|未整改|正在整改|整改中|推进中|持续整改|基本完成|部分完成)$")
TICK = "tick:"


def role_of(cell: str) -> str | None:
    """The ledger role one header cell names (整改措施 → measures, 完成情况 → status), else None."""
    name = re.sub(r"\s+", "", cell)
    if not name or len(name) > 12:
        return None
    if _TICK_HEADER.match(name):
        return TICK + name
    return next((role for role, rx in _ROLES if rx.search(name)), None)


def _roles(header: list[str]) -> dict[int, str] | None:
    if sum(1 for cell in header if _HEADER_UNIT.match(re.sub(r"\s+", "", cell))) >= 2:
        return None   # 问题数（个） | 已完成（个） | 追缴资金（万元）: a statistics table, counts not problems
    roles: dict[int, str] = {}
    for i, cell in enumerate(header):
        name = re.sub(r"\s+", "", cell)
        if len(name) > 12:
            return None   # a header names columns; a long cell is content (a label | content table's row)
        if _TICK_HEADER.match(name):
            roles[i] = TICK + name
            continue
        for role, rx in _ROLES:
            # (counts and codes: any number of them, 问题编号 and 措施编号)
            if rx.search(name) and (role not in roles.values() or role in ("count", "ref", "earlier")):
                roles[i] = role
                break
    kinds = set(roles.values())
    # A ledger table has a problem column and something about what was done.
    # (columns named for statuses over a count of problems, 问题数 | 已完成 | 未完成, are statistics)
    ticked = any(k.startswith(TICK) for k in kinds) and not any(
        _COUNT_HEADER.match(re.sub(r"\s+", "", header[i])) for i, r in roles.items() if r == "problem")
    if "problem" in kinds and (kinds & {"measures", "progress", "status"} or ticked):
        return roles
    return None


def column_roles(row: list[str]) -> dict[int, str] | None:
    """The role of each column a ledger's header row names (序号 | 反馈问题 | 整改措施 | 完成情况 →
    {0: "no", 1: "problem", 2: "measures", 3: "status"}), or None when the row is no such header."""
    return _roles(row)


def _two_row_header(header: list[str], nxt: list[str] | None) -> tuple[list[str], bool]:
    """A header over two rows (整改情况 spanning 完成情况 | 完成时间, the other cells spanning both rows): the
    second row names the columns the first one spans. (header, whether the second row was a header row)."""
    if not nxt or len(nxt) != len(header):
        return header, False
    names = [re.sub(r"\s+", "", c) for c in nxt]
    differ = [i for i, (a, b) in enumerate(zip(header, nxt)) if a.strip() != b.strip()]
    if not differ or any(not names[i] or len(names[i]) > 8 or re.search(r"\d", names[i]) for i in differ):
        return header, False
    if not any(rx.search(names[i]) for i in differ for _, rx in _ROLES + [("tick", _TICK_HEADER)]):
        return header, False
    return [nxt[i] if i in differ else header[i] for i in range(len(header))], True


def _fill_merged(row: list[str], previous: list[str], width: int, roles: dict[int, str]) -> list[str]:
    """A row short of cells lost them to merged cells above it (a rowspan copied out of a browser): the
    category columns, which are the ones merged, take the row above's values and the rest shift right.

    Shape: header [序号, 问题类别, 反馈问题, 完成情况], row above [1, 党建方面, 问题甲, 已完成],
    row [2, 问题乙, 未完成] → [2, 党建方面, 问题乙, 未完成].
    """
    missing = width - len(row)
    if missing <= 0 or not previous or len(row) < 2:
        return row
    merged = [i for i in sorted(roles) if roles[i] == "theme"][:missing]
    if len(merged) < missing:
        return row
    out = list(row)
    for i in merged:
        out.insert(i, previous[i] if i < len(previous) else "")
    return out


# a status as the name of a sheet or the last words of its title (…整改台账（已完成）): what its problems are
STATUS_NAME = re.compile(r"(?:^|[（(])(?P<status>已完成整改|已整改到位|已完成|已整改|已销号|正在整改|整改中|正在推进|推进中"
                         r"|持续整改|持续推进|需长期坚持|长期坚持|未完成整改|未完成|尚未完成)(?:的?(?:问题|事项|任务))?[)）]?$")
# A heading over problems that share a status (ledgers and reports group them so): "一、已完成整改的问题（9个）",
# "二、正在整改的问题" — the status of the rows under it, not a theme
STATUS_GROUP = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.]|[（(][一二三四五六七八九十]{1,3}[)）])?\s*"
                          r"(?P<status>已完成整改|已整改到位|已整改完成|已完成|已整改|正在整改|正在推进|持续整改|持续推进"
                          r"|需长期坚持|长期坚持|未完成整改|未完成|尚未完成)的(?:问题|事项|整改任务|任务)")


# A totals row: the table's grand total (its words say what the table counts) or a category's subtotal (no news)
# (统计: a block of sentences under the table that counts it: 统计 | 共12项，已完成8项…)
GRAND_TOTAL = re.compile(r"(?:合|总|共|统)\s*计\s*[:：]?")
_SUBTOTAL = re.compile(r"小\s*计\s*[:：]?")


def first_cell(row: list[str]) -> str:
    return next((c.strip() for c in row if c.strip()), "")


def render_table(rows: list[list[str]]) -> list[str] | None:
    """Item lines for a recognized ledger table, after its 合计 row in words, or None to read the table cell by cell.

    Example: header [序号, 反馈问题, 整改措施, 完成情况], row [1, 学习不深入, 制定计划, 已完成] →
    ["1.学习不深入", "整改措施：制定计划", "整改结果：已完成"].
    """
    parts = ledger_parts(rows)
    return None if parts is None else parts[0] + parts[1]


def header_index(rows: list[list[str]]) -> int | None:
    """Which of a table's first three rows is a ledger's header (the rows above it: a title, a 填报单位 line)."""
    return next((h for h, row in enumerate(rows[:3]) if _roles(row)), None)


def _theme_line(n: int, title: str) -> str:
    """The n-th theme's heading as a report prints it: （三）…方面."""
    return f"（{_CN[n - 1] if n <= 10 else n}）{title}"


def ledger_parts(rows: list[list[str]], categories: bool = True,
                 status: str | None = None) -> tuple[list[str], list[str]] | None:
    """(the table's 合计 rows in words, its item lines), or None when the table is no ledger (render_table).
    categories=False: the category column sorts problems inside a theme given elsewhere, so heads nothing.
    status: the status of every problem without one of its own (a sheet named 已完成 in a 台账 split by status)."""
    h = header_index(rows)
    if h is None:
        return None
    header, roles = rows[h], _roles(rows[h])
    header, skip = _two_row_header(header, rows[h + 1] if h + 1 < len(rows) else None)
    if skip:
        roles, h = _roles(header) or roles, h + 1
    out: list[str] = []
    theme, themes, source = None, 0, None
    summary: list[str] = []
    n = 0
    previous: list[str] = []
    body = []
    for row in rows[h + 1:]:
        row = _fill_merged(row, previous, len(header), roles)
        previous = row
        body.append(row)
    grouped = status   # the status a STATUS_GROUP heading gave the rows under it
    before: dict[str, str] = {}   # the previous row's cells as they were
    header_cells = [c.strip() for c in header]
    groups = _problems(body, roles)
    # 序号 numbering the rows, not the problems (1, 2 for one problem's two measures): the problems are counted
    at = next((i for i, r in roles.items() if r == "no"), None)
    serial = at is not None and any(len({r[at].strip() for r in g if at < len(r)}) > 1 for g in groups)
    for group in groups:
        row = group[0]
        first = first_cell(row)
        if [c.strip() for c in row] == header_cells or _roles(row) == roles:
            continue   # the header again: a second table of the same columns stacked under the first
        if GRAND_TOTAL.fullmatch(first) or _SUBTOTAL.fullmatch(first):
            # a totals row is not a problem; in words (共16个问题 | 已完成12个…) the grand total says what the
            # table counts, before the table as a report's summary sentence would; a 小计 only its sentences
            # (本方面共追回资金…), as its counts are part of the grand total's
            said = total_sentence(row, header) if GRAND_TOTAL.fullmatch(first) else subtotal_sentence(row)
            if said:
                summary.append(said)
            continue
        cells = _cells(row, roles)
        cells, before = _once(cells, before), cells
        filled = [c.strip() for c in row if c.strip()]
        spanning = len(filled) > 1 and len(set(filled)) == 1   # a colspan cell, copied into every column
        if spanning or not cells.get("problem"):
            # a row spanning the table (a theme heading, or a heading of problems by their status) or an empty row
            text = next((c.strip() for c in row if c.strip()), "")
            said = STATUS_GROUP.match(text)
            if said:
                grouped = said.group("status")
                continue
            if text and _CONTINUED.match(text):
                continue   # "（续表见“整改台账（续）”工作表）", "（接上表）": where the table goes on, no theme
            if _TOTAL_LINE.match(text):
                summary.append(text)   # "合计：反馈问题8个，已完成6个…" set across the table: its summary in words
                continue
            if text:
                themes += 1
                text = _ORDINAL.sub("", text)
                out.append(_theme_line(themes, text))
            continue
        if cells.get("source") and "theme" not in cells:
            # a platform's path of where the problem came from: "区委第一巡察组反馈/一、…方面" names its theme last
            path = re.split(r"\s*[/／>＞]\s*", cells["source"])
            if len(path) > 1 and (_ORDINAL.match(path[-1]) or path[-1].endswith("方面")):
                cells["source"], cells["theme"] = "/".join(path[:-1]), path[-1]
        if cells.get("source") and cells["source"] != source:
            source = cells["source"]
            out.append(f"问题来源：{source}")   # who raised the problems: the inspecting group, once
        if categories and cells.get("theme") and cells["theme"] != theme:
            theme = cells["theme"]
            themes += 1
            out.append(_theme_line(themes, _ORDINAL.sub('', theme)))
        # "【落实全面从严治党责任方面】违规收取…": the category written before the problem, in its cell
        lead = _LEAD_THEME.match(cells["problem"]) if categories and not cells.get("theme") else None
        if lead:
            cells["problem"] = cells["problem"][lead.end():]
            if lead.group(1) != theme:
                theme = lead.group(1)
                themes += 1
                out.append(_theme_line(themes, theme))
        n += 1
        number = cells.get("no", "")
        number = number if number.isdigit() and not serial else str(n)
        problem = " ".join(cells["problem"].split("\n"))
        out.append(f"{number}.{problem}")
        each = [cells] + [_cells(r, roles) for r in group[1:]]
        if grouped and not any(part.get("status") for part in each):
            each[-1]["status"] = grouped   # the heading's status, for a problem with none of its own
        if len(group) == 1:
            out += _work_lines(cells, ("target", "measures", "progress", "status", "owner", "leader", "deadline",
                                       "note", "earlier"))
            continue
        # one row a measure: each measure with its own result, then who answers for them and by when
        for part in each:
            out += _work_lines(part, ("target", "measures", "progress", "status"))
        for role in ("owner", "leader", "deadline", "note"):
            said = list(dict.fromkeys(part[role] for part in each if part.get(role)))
            if said:
                # a deadline: the last measure's (the problem is done when its last is), or the problem's own
                # when its row is a heading over its measures (1 over 1.1, 1.2) and says no measure itself
                heading = not cells.keys() & {"measures", "progress", "status"}
                last = cells.get("deadline") if heading and cells.get("deadline") else said[-1]
                out.append(f"{_LABELS[role]}：{last if role == 'deadline' else '、'.join(said)}")
    return summary, out


def _once(cells: dict[str, str], before: dict[str, str]) -> dict[str, str]:
    """A row's cells with each text said once: a cell merged across 整改措施 | 整改成效 (the same words in both) is
    one text, and one merged down over several problems ("三项问题整改措施和成效合并填报") belongs to the first of
    them, not to each again (its figures are one set of facts)."""
    out = dict(cells)
    if out.get("progress") and out.get("progress") == out.get("measures"):
        del out["progress"]
    for role in ("target", "measures", "progress"):
        # (prose, with a figure or a clause's comma: not a short status word in a progress column, 已完成并长期坚持)
        said = out.get(role, "")
        if len(said) >= 8 and re.search(r"[\d，,；;。]", said) and said == before.get(role) \
                and out.get("problem") != before.get("problem"):
            del out[role]
    return out


_TICK = re.compile(r"^[✓✔√☑●■是Yy]$")


_LEAD_THEME = re.compile(r"^\s*[【\[]([^】\]]{2,40}?(?:方面|类))[】\]]\s*")
_TOTAL_LINE = re.compile(r"^(?:合计|总计)\s*[:：]\s*\S")
_CONTINUED = re.compile(r"^[（(]?\s*(?:续表|接上表|接上页|转下页|下转|续上表)")


def _cells(row: list[str], roles: dict[int, str]) -> dict[str, str]:
    """A row's filled cells by their column's role. A column named for a status gives the row that status when it
    is ticked (✓ under 已完成), or its words when it holds some (正在推进 under 未完成)."""
    out: dict[str, str] = {}
    for i, c in enumerate(row):
        if i in roles and c.strip():
            role = roles[i]
            # (the earlier round's columns, its status and its results, said together)
            out[role] = f"{out[role]}；{c.strip()}" if role == "earlier" and role in out else c.strip()
    for role in [r for r in out if r.startswith(TICK)]:
        said = out.pop(role)
        if "status" not in out:
            out["status"] = role[len(TICK):] if _TICK.match(said) else said
    return out


def _problems(body: list[list[str]], roles: dict[int, str]) -> list[list[list[str]]]:
    """The table's rows grouped by problem: a problem set over several rows, one a measure (its 序号 and 问题
    cells merged down, so each row repeats them), is one group; any other row is a group of its own."""
    keys = [i for i in sorted(roles) if roles[i] in ("no", "problem")]
    # a platform's export a row a measure: the problem's code (WT-03 beside WT-03-02) and words on every row,
    # its 序号 the row's: the code and the words tell the problem
    code = _problem_code(body, roles)
    if code is not None:
        keys = [code] + [i for i in keys if roles[i] == "problem"]
    groups: list[list[list[str]]] = []
    last = None
    for row in body:
        key = tuple(row[i].strip() if i < len(row) else "" for i in keys)
        problem = next((row[i].strip() for i in keys if roles[i] == "problem" and i < len(row)), "")
        if groups and problem and key == last:
            groups[-1].append(row)
        elif groups and not problem and _measure_row(row, roles, groups[-1][0]):
            # a measure under its problem, numbered 1.1, 1.2 … (the problem's text only on its own row)
            groups[-1].append(row)
            continue
        else:
            groups.append([row])
        last = key
    return groups


def _problem_code(body: list[list[str]], roles: dict[int, str]) -> int | None:
    """The column of the problem's own code (问题编号) when some code repeats on consecutive rows, as it does in a
    table of one row per measure; else None."""
    refs = [i for i in sorted(roles) if roles[i] == "ref"]
    if not refs:
        return None
    i = refs[0]
    codes = [row[i].strip() if i < len(row) else "" for row in body]
    return i if any(a and a == b for a, b in zip(codes, codes[1:])) else None


def _measure_row(row: list[str], roles: dict[int, str], head: list[str]) -> bool:
    """A row without a problem that says what was done (measures, progress or status) and is numbered under the
    problem above it (1.1 under 1) or not at all."""
    cells = _cells(row, roles)
    if not cells.keys() & {"measures", "progress", "status"}:
        return False
    no, parent = cells.get("no", ""), _cells(head, roles).get("no", "")
    return not no or bool(parent) and re.fullmatch(rf"{re.escape(parent)}\s*[.\-－—]\s*\d{{1,2}}", no) is not None


# the words a ledger's cell opens with to give its status before it tells the work
_LEAD_STATUS = re.compile(r"^(已完成|已整改到位|已整改|基本完成|阶段性完成|部分完成|持续整改|正在整改|整改中|持续推进|正在推进"
                          r"|序时推进|长期坚持|未完成|尚未完成|未启动|已销号)\s*(?:\n|[ \u3000]+|[:：]\s*)(?=\S)")


def _work_lines(cells: dict[str, str], order: tuple[str, ...]) -> list[str]:
    """A row's labelled lines: 整改措施：…, 整改结果：… (a status cell over its reason splits in two)."""
    out = []
    cells = dict(cells)
    status, _, reason = cells.get("status", "").partition("\n")
    if not reason:
        # a printed cell's lines run together: "未完成（该问题涉及…）", the reason in brackets
        # (not "正在整改（长期坚持）" nor "已完成（2024年3月）": a short bracket is the status's own)
        m = re.match(r"^([^（(，,；;。\s]{2,8})\s*([（(][^）)]{6,}.{3,})$", status)
        if m:
            status, reason = m.group(1), m.group(2)
    if reason.strip():
        # "未完成" over its reason in one cell: the status, and the reason as what was done
        cells["status"] = status
        cells["progress"] = "\n".join(filter(None, (cells.get("progress"), reason.strip())))
    lead = _LEAD_STATUS.match(cells.get("progress", "")) if not cells.get("status") else None
    if lead:
        # a progress cell that opens with the status on a line of its own ("已完成<br>2024年7月以来…")
        cells["status"], cells["progress"] = lead.group(1), cells["progress"][lead.end():]
    for role in order:
        if cells.get(role):
            out.append(f"{_LABELS[role]}：{' '.join(cells[role].split(chr(10)))}")
    return out


def total_sentence(row: list[str], header: list[str] = ()) -> str | None:
    """A 合计 row in words: "合计：共4类10个问题，已完成5个…；合计收回资金43.56万元"; a bare number says what it
    counts when its column is named for a status (已完成 | 未完成 over 9 | 5 → 已完成9个), else nothing."""
    cells = [c.strip() for c in row if c.strip()]
    said = [c for c in dict.fromkeys(cells[1:]) if c != cells[0] and re.search(r"[\u4e00-\u9fff]", c)]
    # a status column's count written bare ("完成8个，推进中3个"): the done count, as a report words it
    said = [re.sub(r"(^|[，,；;、])完成(?=\s*\d)", r"\1已完成", c) for c in said]
    for i, c in enumerate(row):
        name = re.sub(r"\s+", "", header[i]) if i < len(header) else ""
        if _TICK_HEADER.match(name) and re.fullmatch(r"\d{1,5}", c.strip()):
            said.append(f"{name}{c.strip()}个")
    if not (cells and said):
        return None
    return re.sub(r"[:：\s]", "", cells[0]) + "：" + "；".join(said)


def subtotal_sentence(row: list[str]) -> str | None:
    """A 小计 row's sentences (本方面共追回、收回资金102.48万元…), without its counts of problems."""
    cells = [c.strip() for c in dict.fromkeys(c.strip() for c in row[1:]) if c.strip()]
    clauses = [x for c in cells if not _SUBTOTAL.fullmatch(c) for x in re.split(r"[，,；;。]", c) if x.strip()]
    said = [x for x in clauses if re.search(r"[\u4e00-\u9fff]", x)
            and not (re.search(r"\d+\s*[个项类]", x) and not re.search(r"万?元|亩|公顷|平方米|人|件|宗", x))]
    return "小计：" + "，".join(said) + "。" if said else None


def render_fields(rows: list[list[str]]) -> list[str] | None:
    """An item's own small table of fields (责任单位｜整改时限｜整改状态 over 林长办｜2024年3月底｜已销号) →
    the labelled lines a report prints (责任单位：林长办 …), or None when the header is not such fields."""
    if len(rows) < 2:
        return None
    header = [re.sub(r"\s+", "", c) for c in rows[0]]
    roles = {}
    for i, name in enumerate(header):
        role = next((r for r, rx in _ROLES if rx.search(name)), None)
        if role not in _LABELS:
            return None
        roles[i] = role
    if not set(roles.values()) & {"status", "progress", "measures"}:
        return None
    out = []
    for row in rows[1:]:
        for i, cell in enumerate(row):
            if i in roles and cell.strip():
                out.append(f"{_LABELS[roles[i]]}：{cell.strip()}")
    return out


_PROBLEM_CELL = re.compile(r"^(?:问题|反馈问题)\s*([\d一二三四五六七八九十]{1,3})?$")


def render_records(rows: list[list[str]]) -> list[str] | None:
    """A table that lays each item out as label | content rows (问题1 | 耕地保护… / 整改措施 | … /
    完成情况 | 已完成), with theme rows across the table → the labelled lines a report prints."""
    cells = [[c.strip() for c in row if c.strip()] for row in rows]
    cells = [list(dict.fromkeys(row)) for row in cells if row]   # a merged row repeats its text
    if len(cells) < 3 or any(len(row) > 2 for row in cells):
        return None
    labelled = [row for row in cells if len(row) == 2 and len(row[0]) <= 8 and (
        _PROBLEM_CELL.match(re.sub(r"\s+", "", row[0])) or any(rx.search(row[0]) for _, rx in _ROLES[2:]))]
    if len(labelled) * 2 < len(cells) or not any(_PROBLEM_CELL.match(re.sub(r"\s+", "", r[0])) for r in labelled):
        return None
    out = []
    for row in cells:
        if len(row) == 1:
            out.append(row[0])                       # （一）…方面 across the table
            continue
        left, right = row
        m = _PROBLEM_CELL.match(re.sub(r"\s+", "", left))
        if m:
            out.append(f"问题{m.group(1) or ''}：" + " ".join(right.split("\n")))
        else:
            out.append(re.sub(r"\s+", "", left) + "：" + right)
    return out


# A statistics table's header names its unit: 追缴资金（万元）, 反馈问题（个）, 整改率（%）, 收回（追缴）资金（万元）
_HEADER_UNIT = re.compile(r"^(?P<name>[^（(]{1,16}(?:[（(][^（()）]{1,6}[)）][^（(]{0,8})?)\s*[（(]\s*(?P<unit>万元|亿元|元|亩|公顷|平方米|个|件|人|人次|项|条|宗|户|家|%)\s*[)）]$")
# a count of problems named without its unit (问题数 | 已完成 | 未完成 over 12 | 8 | 4): counted in 个
_COUNT_HEADER = re.compile(r"^(?P<name>问题数|问题数量|问题总数|反馈问题数?|已完成|已完成整改|已整改|已整改到位|未完成|正在整改|推进中)"
                           r"(?P<unit>)$")
_SHARE_HEADER = re.compile(r"率$|^(?:占比|比例|比重|所占比例)$")
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_RATE = re.compile(r"^\d{1,3}(?:\.\d+)?\s*[%％]$")


_PERSON_HEADER = re.compile(r"责任领导|责任人|联系人|填报人|分管领导|备注")


def render_stats(rows: list[list[str]]) -> list[str] | None:
    """A statistics table (被巡察单位 | 反馈问题（个） | 已整改（个） | 整改率 | 追缴资金（万元）, a 合计 row) → one sentence
    per row with each number and the unit its header names: "市教育局：反馈问题20个，已整改19个，整改率95.0%，追缴资金9.86万元。"
    A bare number in a cell means nothing without its column's unit."""
    if len(rows) < 2:
        return None
    header = [re.sub(r"\s+", "", c) for c in rows[0]]
    units = {i: _HEADER_UNIT.match(c) or _COUNT_HEADER.match(c) for i, c in enumerate(header)}
    units = {i: m for i, m in units.items() if m}
    # two counted columns, or one and its share (整改状态 | 问题数（个） | 占比 over 已完成 | 7 | 0.5833)
    shares = [i for i, c in enumerate(header) if i not in units and _SHARE_HEADER.search(c)]
    if len(units) + min(len(shares), 1) < 2:
        return None
    numeric = [i for i in range(len(header)) if i not in units]
    out = []
    for row in rows[1:]:
        cells = [c.strip() for c in row] + [""] * (len(header) - len(row))
        names = [cells[i] for i in numeric if cells[i] and not _NUMBER.match(cells[i])
                 and not _RATE.match(cells[i])
                 and (not re.search(r"(?:序号|编号)$", header[i]) or GRAND_TOTAL.fullmatch(cells[i]))
                 and not _PERSON_HEADER.search(header[i])]   # who answers for the row is not what it is about
        parts = []
        for i, c in enumerate(cells[:len(header)]):
            if i in units and _NUMBER.match(c.replace("，", ",")):
                m = units[i]
                parts.append(f"{m.group('name')}{c}{m.group('unit') or '个'}")
            elif i not in units and _RATE.match(c):
                parts.append(f"{header[i]}{c}")
            elif i not in units and _SHARE_HEADER.search(header[i]) and _NUMBER.match(c) and float(c) <= 1:
                parts.append(f"{header[i]}{round(float(c) * 100, 1):g}%")   # a spreadsheet keeps 66.7% as 0.667
        if not parts:
            continue
        out.append(f"{'、'.join(dict.fromkeys(names)) or '—'}：{'，'.join(parts)}。")
    return out or None


_ROW_UNIT = re.compile(r"^(?P<name>[^（(]{1,30})\s*[（(]\s*(?P<unit>万元|亿元|元|亩|公顷|平方米|个|件|人|人次|项|条|宗|户|家|%)\s*[)）]$")


def render_row_units(rows: list[list[str]]) -> list[str] | None:
    """A statistics table whose rows name the measure and its unit (指标 | 本轮整改 | 上轮巡察整改 over
    追缴资金（万元） | 289.96 | 41.2) → one sentence a row, each number with the unit and its column's name:
    "追缴资金：本轮整改289.96万元，上轮巡察整改41.2万元。", as render_stats does for units in the header."""
    if len(rows) < 3:
        return None
    header = [re.sub(r"\s+", "", c) for c in rows[0]]
    width = len(header)
    body = [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows[1:]]
    label = next((k for k in range(min(width, 3))
                  if sum(1 for r in body if _ROW_UNIT.match(r[k])) * 3 >= 2 * len(body)), None)
    if label is None:
        return None
    values = [j for j in range(label + 1, width) if header[j]]
    if not values:
        return None
    out = []
    for r in body:
        m = _ROW_UNIT.match(r[label])
        parts = [f"{header[j]}{r[j]}{m.group('unit')}" for j in values if m and _NUMBER.match(r[j].replace("，", ","))]
        if parts:
            out.append(f"{m.group('name').strip()}：{'，'.join(parts)}。")
    return out or None


def render(rows: list[list[str]], fields: bool = False) -> list[str] | None:
    """A table's rows → the lines a report would print, for whichever layout it has: a ledger with a header
    row, items as label | content rows, or (fields=True: rows of bars or tabs in a text) an item's own row of
    fields; None to read it cell by cell. A web page's layout tables must not pass for a row of fields."""
    layouts = [render_table, render_records, render_stats, render_row_units] + ([render_fields] if fields else [])
    for layout in layouts:
        lines = layout(rows)
        if lines is not None:
            return lines
    return None
