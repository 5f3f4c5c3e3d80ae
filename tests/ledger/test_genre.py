"""Reports in many published layouts, each read against the ledger and the headline totals a careful reader
takes from it (tests/fixtures/genre/README.md says how the truth files are written).

Every fixture is read as it was published (.txt, or the .html bytes a server sent) and, where its truth file
says so, also as a Word file built from its text with python-docx or a PDF printed from its page by Chromium.
A figure is matched one to one on value, unit, kind, snippet, label, item and approximate; a figure that reaches
a headline total must be one the reader counts there, and every figure the reader counts must reach it.
A disagreement that stays is a strict xfail with its reason, taken from the truth file's "xfail".
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from lib.ledger.parse import parse_text
from lib.ledger.roles import HEADLINES
from lib.read.readers import read_bytes
from lib.views import totals
from tests import makers

GENRE = Path(__file__).parents[1] / "fixtures" / "genre"
HEADER = ("title", "publisher", "kind", "inspector", "inspection_start", "inspection_end", "feedback_date", "report_date")
STATED = ("total", "done", "in_progress", "not_done", "completion_rate", "measures", "problems", "tasks", "level")
CHECKS = ("header", "stated", "themes", "items", "figures", "basis", "totals", "contacts")


# a next-steps heading inside a measure: "三、下一步工作打算", "下一步打算：" at a line's start
NEXT_STEPS_HEADING = re.compile(r"(?:^|\n)\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(（][一二三四五六七八九十]{1,3}[)）])?\s*"
                                r"下一步[^，,。；;:：\n]{0,8}(?:$|[:：\n])")

def _truth(stem: str) -> dict:
    return json.loads((GENRE / f"{stem}.expected.json").read_text(encoding="utf-8"))


# a fixture's own file: a report as published, an office's 台账 as a spreadsheet, or a scan (an image-only PDF,
# a phone's screenshot) read through the OCR
OWN_FORMATS = ("txt", "html", "xlsx", "xls", "et", "csv", "tsv", "pdf", "png", "jpg")


def _cases() -> list[str]:
    """"stem.ext" for every way a fixture is read: its own file(s), then the formats its truth names."""
    out = []
    for path in sorted(GENRE.glob("*.expected.json")):
        stem = path.name.split(".")[0]
        truth = _truth(stem)
        own = [ext for ext in OWN_FORMATS if (GENRE / f"{stem}.{ext}").exists()]
        out += [f"{stem}.{ext}" for ext in own]
        out += [f"{stem}.{fmt}" for fmt in truth.get("formats") or []]
    return out


CASES = _cases()


def _browser_margins(stem: str, page: str) -> tuple[str | None, str | None]:
    """A page printed from a browser's print dialog ("print_margins": "browser" in its truth, g08) carries
    the date and title on top, the address and page count below; a typeset page (g04) has none."""
    if _truth(stem).get("print_margins") != "browser":
        return None, None
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    name = title.group(1).strip() if title else ""
    return (f"2024/7/9 10:32 {name}",
            f'file:///C:/Users/admin/Desktop/{stem}.html <span class="pageNumber"></span>/<span class="totalPages"></span>')


@functools.lru_cache(maxsize=None)
def read(case: str):
    """(truth, text as read, ledger, headline numbers) of one case, built once per test session."""
    stem, ext = case.split(".")
    truth = _truth(stem)
    if ext in OWN_FORMATS and (GENRE / case).exists():
        data, name = (GENRE / case).read_bytes(), case
    elif ext == "docx":
        data, name = makers.to_docx((GENRE / f"{stem}.txt").read_text(encoding="utf-8"), numbered=True), case
    elif ext == "pdf":
        page = (GENRE / f"{stem}.html").read_bytes().decode(_charset(stem))
        header, footer = _browser_margins(stem, page)
        data, name = makers.html_to_pdf(page, footer, header), case
    elif ext == "scan":
        data, name = makers.make_scan_pdf(scan_source(stem), noise=True), f"{stem}.pdf"
    else:
        raise ValueError(case)
    text = read_bytes(data, name)
    ledger = parse_text(text)
    return truth, text, ledger, totals.for_ledgers([(1, ledger)])


def scan_source(stem: str) -> str:
    """The text a scanned copy of a fixture shows: its .txt, or the text of its page as a browser would print it."""
    own = GENRE / f"{stem}.txt"
    if own.exists():
        return own.read_text(encoding="utf-8")
    name = f"{stem}.html"
    return read_bytes((GENRE / name).read_bytes(), name)


def _charset(stem: str) -> str:
    head = (GENRE / f"{stem}.html").read_bytes()[:2048]
    m = re.search(rb"charset=[\"']?([\w-]+)", head)
    return m.group(1).decode() if m else "utf-8"


def squeeze(s) -> str:
    return re.sub(r"\s+", "", s or "")


def similar_label(a: str, b: str) -> bool:
    """Two labels name the same thing when the characters of the shorter are at least two thirds found in the
    longer (追回违规资金 ≈ 违规资金追回; 党内警告 ≠ 政务警告)."""
    a, b = squeeze(a), squeeze(b)
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 1 and sum(c in long_ for c in short) * 3 >= len(short) * 2


def _params(check: str) -> list:
    out = []
    for case in CASES:
        why = (_truth(case.split(".")[0]).get("xfail") or {}).get(check) or \
            (_truth(case.split(".")[0]).get("xfail") or {}).get(f"{case}:{check}")
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        out.append(pytest.param(case, marks=marks, id=case))
    return out


# --- the ledger ------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", _params("header"))
def test_header(case):
    truth, _, ledger, _ = read(case)
    assert {k: squeeze(getattr(ledger, k)) for k in HEADER} == {k: squeeze(truth[k]) for k in HEADER}


@pytest.mark.parametrize("case", _params("stated"))
def test_stated(case):
    truth, _, ledger, _ = read(case)
    want = {k: truth["stated"].get(k) for k in STATED}
    assert {k: getattr(ledger.stated, k) for k in STATED} == want


@pytest.mark.parametrize("case", _params("themes"))
def test_themes(case):
    truth, _, ledger, _ = read(case)
    assert [squeeze(t.title) for t in ledger.themes] == [squeeze(t) for t in truth["themes"]]


@pytest.mark.parametrize("case", _params("items"))
def test_items(case):
    """Every item: its number, theme, full title, status and the report's own status words (the parser keeps
    the status phrase itself: 已整改到位 out of the reader's 目前该问题已整改到位)."""
    truth, _, ledger, _ = read(case)
    position = {t.no: n for n, t in enumerate(ledger.themes, start=1)}
    raw = [squeeze(i.get("status_raw")) for i in truth["items"]]
    got = [(i.no, position.get(i.theme_no), squeeze(i.title), i.status,
            (r or None) if squeeze(i.status_raw) and squeeze(i.status_raw) in r else squeeze(i.status_raw) or None)
           for i, r in zip(ledger.items, raw + [""] * len(ledger.items))]
    want = [(i["no"], i["theme"], squeeze(i["title"]), i["status"], r or None) for i, r in zip(truth["items"], raw)]
    assert got == want
    for item in ledger.items:   # the closing part (下一步, contacts, web chrome) never ends up inside an item
        for closing in ("联系电话", "电子邮箱", "版权所有", "打印本页"):
            assert closing not in "".join(item.measures), (item.title, closing)
        # the next-steps heading, not an item's own "…。下一步，将持续跟踪剩余用地处置进度"
        for measure in item.measures:
            assert not NEXT_STEPS_HEADING.search(measure), (item.title, measure)


DUTIES = ("responsible", "deadline", "deadline_raw")


@pytest.mark.parametrize("case", [p for p in _params("duties")
                                  if any(k in i for i in _truth(p.values[0].split(".")[0])["items"] for k in DUTIES)])
def test_duties(case):
    """Who answers for each item and by when, where the truth says (a 台账's columns)."""
    truth, _, ledger, _ = read(case)
    got = [tuple(squeeze(getattr(i, k)) or None for k in DUTIES) for i in ledger.items]
    assert got == [tuple(squeeze(i.get(k)) or None for k in DUTIES) for i in truth["items"]]


@pytest.mark.parametrize("case", _params("contacts"))
def test_contacts(case):
    truth, _, ledger, _ = read(case)
    assert {k: squeeze(ledger.contacts.get(k)) for k in truth["contacts"]} == \
        {k: squeeze(v) for k, v in truth["contacts"].items()}


# --- the figures, one to one -----------------------------------------------------------------------
def _fits(want: dict, q) -> bool:
    snippet = squeeze(want["snippet"])
    return (q.unit == want["unit"] and q.kind == want["kind"]
            and abs(q.value - want["value"]) <= 1e-6 * max(1.0, abs(want["value"]))
            and snippet in squeeze(q.text) and (squeeze(q.match) in snippet
                                                 # a table cell quoted alone ("12.36"), its unit in the header
                                                 or snippet in squeeze(q.match)))


def _details(want: dict, q) -> list[str]:
    """What differs between a reader's figure and the parser's that holds the same value in the same words."""
    out = []
    if not similar_label(want["label"], q.label):
        out.append(f"label {q.label!r} ≠ {want['label']!r}")
    if q.item_seq != want["item_seq"]:
        out.append(f"item {q.item_seq} ≠ {want['item_seq']}")
    if bool(q.approximate) != bool(want.get("approximate")):
        out.append(f"approximate {q.approximate} ≠ {bool(want.get('approximate'))}")
    return out


@functools.lru_cache(maxsize=None)
def matching(case: str) -> dict[int, int]:
    """Expected figure → parser figure, one to one (augmenting paths over the figures that fit)."""
    truth, _, ledger, _ = read(case)
    wants = truth["quantities"]
    fits = [[k for k, q in enumerate(ledger.quantities) if _fits(w, q)] for w in wants]
    # the candidates that agree in every detail first
    fits = [sorted(c, key=lambda k, w=w: len(_details(w, ledger.quantities[k]))) for c, w in zip(fits, wants)]
    owner: dict[int, int] = {}

    def place(i: int, seen: set) -> bool:
        for k in fits[i]:
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or place(owner[k], seen):
                owner[k] = i
                return True
        return False

    for i in range(len(wants)):
        place(i, set())
    return {i: k for k, i in owner.items()}


def _known(want: dict, case: str) -> str | None:
    """A figure's own strict xfail: "xfail": "why" for every format, or {"g04.pdf": "why"} for some."""
    why = want.get("xfail")
    return why.get(case) if isinstance(why, dict) else why


def _figure_problems(case: str, i: int) -> list[str]:
    truth, _, ledger, _ = read(case)
    want, match = truth["quantities"][i], matching(case)
    if i not in match:
        return [f"missing {want['snippet']} ({want['value']:g}{want['unit']})"]
    return [f"{want['snippet']}: {d}" for d in _details(want, ledger.quantities[match[i]])]


@pytest.mark.parametrize("case", _params("figures"))
def test_figures(case):
    """Every figure the reader lists is read once, with its label, item and approximateness."""
    truth = read(case)[0]
    problems = [p for i, want in enumerate(truth["quantities"]) if not _known(want, case)
                for p in _figure_problems(case, i)]
    assert not problems, "\n".join(problems)


def _known_figures() -> list:
    out = []
    for case in CASES:
        for i, want in enumerate(_truth(case.split(".")[0])["quantities"]):
            why = _known(want, case)
            if why:
                out.append(pytest.param(case, i, marks=pytest.mark.xfail(strict=True, reason=why),
                                        id=f"{case}-{want['snippet'][:16]}"))
    return out


@pytest.mark.parametrize(("case", "i"), _known_figures())
def test_figure_known_disagreement(case, i):
    """The figures the parser still reads otherwise than the reader, each with its reason in the truth file."""
    assert not _figure_problems(case, i)


@pytest.mark.parametrize("case", _params("basis"))
def test_totals_basis(case):
    """Both ways: each figure a headline adds is one the reader counts there, and each the reader counts is added."""
    truth, _, ledger, h = read(case)
    by_parser = {k: i for i, k in matching(case).items()}
    problems = []
    for key in HEADLINES:
        added = {int(i) for i in h.totals[key].included["idx"]} if len(h.totals[key].included) else set()
        for k in sorted(added):
            i = by_parser.get(k)
            q = ledger.quantities[k]
            if i is None:
                problems.append(f"{key} adds a figure the reader does not list: {q.match} in {q.text[:40]}")
            elif not (truth["quantities"][i].get("headline") == key and truth["quantities"][i].get("counted")):
                problems.append(f"{key} adds {truth['quantities'][i]['snippet']}, which the reader leaves out")
        for i, want in enumerate(truth["quantities"]):
            if want.get("headline") == key and want.get("counted") and match_of(case, i) not in added:
                problems.append(f"{key} leaves out {want['snippet']}, which the reader counts")
    assert not problems, "\n".join(problems)


def match_of(case: str, i: int) -> int | None:
    return matching(case).get(i)


# --- the headline numbers --------------------------------------------------------------------------
@pytest.mark.parametrize("case", _params("totals"))
def test_totals(case):
    """Every key of the command line's "totals", as a careful reader computes it."""
    truth, _, _, h = read(case)
    got = totals.contract(h)
    want = truth["totals"]
    rate = got["completion"]["rate"]
    assert {k: got["completion"][k] for k in ("done", "total", "source")} == \
        {k: want["completion"][k] for k in ("done", "total", "source")}
    assert (rate is None) == (want["completion"]["rate"] is None)
    if rate is not None:
        assert rate == pytest.approx(want["completion"]["rate"], abs=0.05)
    for key in HEADLINES:
        assert (got[key] is None) == (want[key] is None), key
        if got[key] is not None:
            assert got[key] == pytest.approx(want[key], rel=1e-6, abs=1e-6), key


@pytest.mark.parametrize("stem", sorted(p.name.split(".")[0] for p in GENRE.glob("*.expected.json")))
def test_truth_adds_up(stem):
    """The truth file itself: each headline is the sum of the figures the reader counts for it."""
    truth = _truth(stem)
    for key in HEADLINES:
        counted = [q["value"] for q in truth["quantities"] if q.get("headline") == key and q.get("counted")]
        if truth["totals"][key] is None:
            assert not counted, key
        else:
            assert sum(counted) == pytest.approx(truth["totals"][key], rel=1e-6), key
    for q in truth["quantities"]:
        assert q["item_seq"] is None or 1 <= q["item_seq"] <= len(truth["items"]), q["snippet"]


# --- details a table of cases reads better than a truth file ---------------------------------------
# measures: every numbered line counts, the last one before 完成情况： included (r10), 一是…二是… split (r01)
@pytest.mark.parametrize(("case", "counts"), [
    ("r10.txt", [2, 2, 3, 2, 2, 2, 2]),
    ("r05.txt", [3, 2, 3, 3, 2, 2]),          # ①②③
    ("r01.txt", [3, 3, 3, 3, 3, 2, 2, 3, 2]),  # 一是…二是…; "基本完成，持续推进中。" is the status, not a measure
])
def test_measure_counts(case, counts):
    _, _, ledger, _ = read(case)
    assert [len(i.measures) for i in ledger.items] == counts


def test_web_meta_line_under_the_title_is_not_the_end_of_the_page():
    # 【打印本页】【关闭窗口】 in the meta line under the title; the figures and contacts below must survive
    _, _, ledger, _ = read("r01.txt")
    assert len(ledger.quantities) >= 16 and ledger.contacts["phone"] == "0571-6502118"
    assert all(t.end >= t.start for t in ledger.themes)


@pytest.mark.parametrize("case", ["r04.txt", "r04.html"])
def test_merged_category_cells_reach_every_row(case):
    # rows 2, 4, 5 and 7 carry no 问题类别 cell of their own; they are the unfinished ones
    _, _, ledger, _ = read(case)
    assert [(i.no, i.theme_no, i.status) for i in ledger.items] == [
        (1, 1, "done"), (2, 1, "in_progress"), (3, 2, "done"), (4, 2, "done"), (5, 2, "in_progress"),
        (6, 3, "done"), (7, 3, "not_done")]


@pytest.mark.parametrize("case", CASES)
def test_labels_carry_no_list_marks(case):
    # "②追回违规报销科研经费" → "追回违规报销科研经费"; "2024年通过…" cut to 16 characters never starts "4年"
    _, _, ledger, _ = read(case)
    assert not [q.label for q in ledger.quantities if re.match(r"[①-⑳]|\d{1,2}[.、]", q.label)]


@pytest.mark.parametrize("case", [c for c in CASES if c.endswith((".pdf", ".docx")) and not (GENRE / c).exists()])
def test_other_formats_read_as_the_published_file(case):
    """The Word file and the printed PDF give the ledger of the file they were made from."""
    stem = case.split(".")[0]
    own = next(f"{stem}.{ext}" for ext in OWN_FORMATS if (GENRE / f"{stem}.{ext}").exists())
    _, _, a, ha = read(case)
    _, _, b, hb = read(own)
    assert [(i.no, i.status, squeeze(i.title)) for i in a.items] == [(i.no, i.status, squeeze(i.title)) for i in b.items]
    assert totals.contract(ha) | {"basis": None} == totals.contract(hb) | {"basis": None}
