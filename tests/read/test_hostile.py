"""Hostile input, security and load, end to end: every input is built here (no committed binaries).

Each case in CASES states its exact outcome: a ReadError code whose zh/en messages are single non-empty
lines (zh in Chinese), or a ledger with asserted items, statuses and figures. Every failing case must also
leave the library untouched (Store.import_files reads everything before one transaction), a representative
set must show a Chinese st.error on the upload page (no traceback, save button off), and a few must make
`python -m lib parse FILE` exit 2 with one line on stderr. Hypothesis fuzzes read_bytes and parse_text.

Cases that expose a bug outside the readers (lib/read/) are strict xfails whose reason names the file and the fault.
"""
from __future__ import annotations

import functools
import io
import pickle
import random
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lib.ledger.model import STATUSES, Ledger
from lib.ledger.parse import parse_text
from lib.library.store import Store, meta
from lib.read import errors, readers
from lib.read import pdf as pdf_reader
from lib.read import text as text_reader
from lib.read.readers import MAX_BYTES, ReadError, read_bytes
from tests import makers
from tests.seed_facts import HEADER, assert_seed

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
SEED = makers.seed_text()
SEED_B = SEED.encode("utf-8")
# What formats without whitespace semantics (HTML, PDF) give back: the non-blank lines, stripped.
SEED_LINES = "\n".join(line.strip() for line in SEED.split("\n") if line.strip())
# A different report by the same publisher, good in every way: it rides along in every failing import.
LATER = SEED.replace("2023年12月19日", "2024年6月30日")
CJK = re.compile("[\u4e00-\u9fff]")
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]")
NO_ITEMS = "未识别出整改事项：文本可能只是报告的开头，或版式暂不支持"
MIB = 1024 * 1024


def once(fn):
    """Build an input once per session (bytes are immutable; some take a second to build)."""
    return functools.lru_cache(maxsize=1)(fn)


def seed_with(old: str, new: str, text: str = SEED) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def assert_messages(err: ReadError, code: str) -> None:
    assert err.code == code, (err.code, err.zh)
    for msg in (err.zh, err.en):
        assert msg.strip() and "\n" not in msg and "\r" not in msg
    assert CJK.search(err.zh), err.zh
    assert not CJK.search(err.en), err.en
    assert str(err) == f"{err.zh} / {err.en}"


def assert_ledger_consistent(text: str, ledger: Ledger) -> None:
    for q in ledger.quantities:
        assert text[q.start:q.end] == q.text
        assert text[q.match_start:q.match_end] == q.match
    for it in ledger.items:
        assert it.status in STATUSES
        assert 0 <= it.start < it.end <= len(text)


def statuses(ledger: Ledger) -> dict[str, int]:
    return dict(Counter(i.status for i in ledger.items))


def money(ledger: Ledger) -> list[tuple[int | None, float, str]]:
    return [(q.item_no, q.value, q.match) for q in ledger.quantities if q.unit == "万元"]


# ---------------------------------------------------------------------------
# Builders: zip archives, docx, pdf


def docx_members(text: str = SEED) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(makers.to_docx(text))) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_by_hand(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from raw deflate streams: (name, compressed, crc, declared size); what zipfile cannot write."""
    out = io.BytesIO()
    central = []
    for name, comp, crc, size in entries:
        offset, nb = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(comp), size, len(nb), 0) + nb)
        out.write(comp)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(comp), size,
                                   len(nb), 0, 0, 0, 0, 0, offset) + nb)
    start, cd = out.tell(), b"".join(central)
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(cd), start, 0))
    return out.getvalue()


def raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def repeated_deflate(chunk: bytes, times: int, head: bytes = b"") -> tuple[bytes, int]:
    """A raw deflate stream of head + chunk * times, built in a fraction of a second: after a full flush the
    compressor forgets its window, so every further chunk compresses to the same bytes. Returns (stream, crc)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH) if head else b""
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert again == block
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return first + block * times + b"\x03\x00", crc   # \x03\x00: an empty final block


@once
def docx_zip_bomb() -> bytes:
    """word/document.xml is 300 MiB of one character, deflated to ~300 KB; the zip declares it honestly."""
    members = docx_members("x")
    del members["word/document.xml"]
    entries = [(n, raw_deflate(b), zlib.crc32(b), len(b)) for n, b in members.items()]
    stream, crc = repeated_deflate(b"a" * MIB, 300)
    return zip_by_hand(entries + [("word/document.xml", stream, crc, 300 * MIB)])


@once
def docx_lying_bomb() -> bytes:
    """The seed's document.xml followed by 300 MiB of spaces in one deflate stream, with the sizes and CRC
    of the document alone in the headers: zipfile inflates only the declared bytes."""
    members = docx_members(SEED)
    doc = members.pop("word/document.xml")
    entries = [(n, raw_deflate(b), zlib.crc32(b), len(b)) for n, b in members.items()]
    stream, _ = repeated_deflate(b" " * MIB, 300, head=doc)
    return zip_by_hand(entries + [("word/document.xml", stream, zlib.crc32(doc), len(doc))])


def docx_without_document() -> bytes:
    members = docx_members(SEED)
    del members["word/document.xml"]
    return zip_of(members)


def xlsx_workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["序号", "反馈问题", "整改结果"])
    wb.active.append([1, "学习不深不实", "完成"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def docx_numbering_bomb() -> bytes:
    """Word auto-numbering gone hostile: upperLetter from 10**9 (one letter 38 million times a label) and a
    level text of 5,000 "%1"; each on 20 empty paragraphs before the seed."""
    import docx

    document = docx.Document()
    makers.add_abstract_num(document, 10, [(0, "upperLetter", "%1.", 1_000_000_000)])
    makers.add_abstract_num(document, 11, [(0, "decimal", "%1" * 5000, 1)])
    makers.add_num(document, 20, 10)
    makers.add_num(document, 21, 11)
    for k in range(40):
        makers.set_numbering(document.add_paragraph(""), 20 if k % 2 else 21)
    for line in SEED.split("\n"):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@once
def docx_exactly_at_limit() -> bytes:
    """The seed as .docx padded with an (unreferenced) stored media part to exactly MAX_BYTES."""
    members = docx_members(SEED)
    pad = random.Random(11).randbytes(1024)

    def build(n: int) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
            zf.writestr(zipfile.ZipInfo("word/media/image1.bin"), (pad * (n // 1024 + 1))[:n],
                        compress_type=zipfile.ZIP_STORED)
        return buf.getvalue()

    overhead = len(build(0))
    data = build(MAX_BYTES - overhead)
    assert len(data) == MAX_BYTES
    return data


PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_of(objects: dict[int, bytes]) -> bytes:
    base = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: PAGE, 4: FONT}
    return makers._assemble_pdf({**base, **objects})


def flate_stream(content: bytes, extra: bytes = b"") -> bytes:
    comp = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(comp), extra) + comp + b"\nendstream"


@once
def pdf_flate_bomb() -> bytes:
    """One page whose content stream inflates from ~60 KB to 64 MiB of "(A) Tj" (before the guard, 8 MiB
    of it took pdfminer 50 s and 2.9 GB)."""
    ops = b"BT /F1 1 Tf 0 790 Td " + b"(A) Tj " * (64 * MIB // 7) + b"ET"
    return pdf_of({5: flate_stream(ops), 6: makers._stream(b"")})


def pdf_form_amplifier() -> bytes:
    """Tiny streams, huge work: the page draws form 6 a thousand times, form 6 draws form 7 a thousand
    times, form 7 shows 100 glyphs: 10**8 glyphs from a 10 KB file."""
    draw = lambda name: b"q " + b"/%s Do " % name * 1000 + b"Q"   # noqa: E731
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
    return pdf_of({
        5: makers._stream(draw(b"X1")),
        6: makers._stream(draw(b"X2"), form + b"/Resources << /XObject << /X2 7 0 R >> >> "),
        7: makers._stream(b"BT /F1 1 Tf 0 790 Td " + b"(A) Tj " * 100 + b"ET",
                          form + b"/Resources << /Font << /F1 4 0 R >> >> "),
    })


def pdf_many_pages(n: int = 3000) -> bytes:
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT,
               4: makers._stream(b"BT /F1 12 Tf 72 700 Td (page) Tj ET")}
    kids = []
    for i in range(n):
        objects[5 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                          b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
        kids.append(b"%d 0 R" % (5 + i))
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    return makers._assemble_pdf(objects)


# ---------------------------------------------------------------------------
# Builders: text and HTML


def seed_html(body_extra: str = "", wrap: tuple[str, str] = ("", "")) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in SEED.split("\n") if line.strip())
    return f"<!DOCTYPE html><html><body>{wrap[0]}{paragraphs}{wrap[1]}{body_extra}</body></html>".encode()


def mixed_encodings() -> bytes:
    half = len(SEED) // 2
    return SEED[:half].encode("gb18030") + SEED[half:].encode("utf-8")


def damaged_utf8(every: int) -> bytes:
    data = bytearray(SEED_B)
    for i in range(100, len(data), every):
        data[i] = 0xFF
    return bytes(data)


def rtl_and_emoji() -> str:
    """Invisible bidi and zero-width marks anywhere (inside words and numbers too), emoji after punctuation."""
    rng = random.Random(7)
    out = []
    for ch in SEED:
        if ch != "\n" and rng.random() < 0.03:
            out.append(rng.choice("\u200f\u200e\u202b\u202c\u2066\u2069\u200b\u00ad"))
        out.append(ch)
        if ch in "。：；，" and rng.random() < 0.5:
            out.append(rng.choice(["😀", "🇨🇳", "👍🏽", "👨\u200d👩\u200d👧"]))
    return "".join(out)


def ten_thousand_items() -> str:
    lines = ["中共某某县委员会关于巡察整改进展情况的通报",
             "根据县委统一部署，2023年3月1日至4月30日，县委第一巡察组对某某进行了巡察。"]
    for n in range(1, 10001):
        lines += [f"{n}.问题{n}。", "整改结果：完成。" if n % 2 else "整改结果：阶段性完成。", f"整改情况：已整改{n}项。"]
    return "\n".join(lines)


def one_mb_line() -> str:
    flat = SEED.replace("\n", "")
    return (flat * (MIB // len(flat) + 1))[:MIB]


def seed_padded_to_limit() -> bytes:
    return SEED_B + b"\n" * (MAX_BYTES - len(SEED_B))


KANGXI_TITLE = "中共湘西\u2fbc新区\u2f2f作委员会关于巡视整改进展情况的通报"   # ⾼ ⼯: Kangxi radicals for 高 工


def kangxi_title() -> str:
    return seed_with("中共湘西高新区工作委员会\n\n关于巡视整改进展情况的通报", KANGXI_TITLE)


# ---------------------------------------------------------------------------
# Ledger checks


def is_seed(ledger: Ledger, text: str) -> None:
    assert_seed(ledger)


def is_seed_text(expected: str):
    def check(ledger: Ledger, text: str) -> None:
        assert text == expected
        assert_seed(ledger)
    return check


def seed_shape(ledger: Ledger, text: str) -> None:
    """31 items numbered 1..31, 14 done and 17 in progress, 688 万元 against item 20: the seed's skeleton."""
    assert [i.no for i in ledger.items] == list(range(1, 32))
    assert statuses(ledger) == {"done": 14, "in_progress": 17}
    assert (20, 688.0) in [(n, v) for n, v, _ in money(ledger)]
    assert not INVISIBLE.search(text)


def one_item_done(ledger: Ledger, text: str) -> None:
    """xlsx_workbook's one row: 序号 1 | 学习不深不实 | 完成."""
    assert text == "1.学习不深不实\n整改结果：完成"
    assert [(i.no, i.title, i.status) for i in ledger.items] == [(1, "学习不深不实", "done")]


def no_items(ledger: Ledger, text: str) -> None:
    assert ledger.items == [] and ledger.themes == []
    assert ledger.warnings == [NO_ITEMS]


def check_header_only(ledger: Ledger, text: str) -> None:
    no_items(ledger, text)
    assert ledger.title == HEADER["title"] and ledger.publisher == HEADER["publisher"]
    assert (ledger.kind, ledger.inspector) == (HEADER["kind"], HEADER["inspector"])
    assert (ledger.inspection_start, ledger.inspection_end, ledger.feedback_date) == (
        HEADER["inspection_start"], HEADER["inspection_end"], HEADER["feedback_date"])
    assert ledger.report_date is None and ledger.quantities == []


def check_closing_only(ledger: Ledger, text: str) -> None:
    no_items(ledger, text)
    assert ledger.title is None and ledger.kind is None and ledger.inspector is None
    assert ledger.publisher == HEADER["publisher"] and ledger.report_date == HEADER["report_date"]
    assert ledger.contacts == {"phone": "0743-8532226", "email": "xxjkqbgs@163.com",
                               "mail": "湖南省湘西自治州吉首市吉凤街道武陵山大道5号湘西高新区"}


def check_nul_removed(ledger: Ledger, text: str) -> None:
    assert "\x00" not in text and text == SEED
    assert_seed(ledger)


def check_sparse_damage(ledger: Ledger, text: str) -> None:
    # 0xFF cannot occur in UTF-8: each one spoils the character it lands in (1-3 U+FFFD). Under 1% of the
    # text, so the reader keeps the rest, marked, rather than refusing the file.
    assert text == damaged_utf8(997).decode("utf-8", errors="replace")
    assert 21 <= text.count("\ufffd") <= 3 * 21 and text.count("\ufffd") < 0.01 * len(text)
    assert len(ledger.items) == 31 and [i.no for i in ledger.items] == list(range(1, 32))


def check_ten_thousand(ledger: Ledger, text: str) -> None:
    assert len(ledger.items) == 10000 and ledger.items[-1].no == 10000 and ledger.items[-1].title == "问题10000"
    assert statuses(ledger) == {"done": 5000, "in_progress": 5000}
    assert ledger.kind == "巡察" and ledger.warnings == []


def check_duplicate(ledger: Ledger, text: str) -> None:
    assert [i.no for i in ledger.items][:6] == [1, 2, 3, 3, 5, 6] and len(ledger.items) == 31
    # item 4 became a second 3: a repeat and a gap
    assert ledger.warnings == ["事项编号重复：3", "事项编号不连续：缺少 4"]
    assert ledger.warnings_en == ["Repeated item numbers: 3", "Item numbers skip: 4 missing"]


def check_skipped(ledger: Ledger, text: str) -> None:
    assert [i.no for i in ledger.items][:7] == [1, 2, 3, 4, 5, 6, 8] and len(ledger.items) == 30
    assert ledger.warnings == ["事项编号不连续：缺少 7"]
    assert ledger.warnings_en == ["Item numbers skip: 7 missing"]


def check_renumbered(ledger: Ledger, text: str) -> None:
    assert [i.no for i in ledger.items][:8] == [1, 2, 3, 4, 5, 6, 9, 8]
    assert ledger.warnings == ["事项编号重复：9", "事项编号不连续：缺少 7"]


def item(ledger: Ledger, no: int):
    (it,) = [i for i in ledger.items if i.no == no]
    return it


def check_status_in_item_title(ledger: Ledger, text: str) -> None:
    # The status line decides, not a status word inside the problem's own title.
    it = item(ledger, 7)
    assert (it.title, it.status, it.status_raw) == ("议事协调会超越权限决策未完成整改", "done", "完成")
    assert statuses(ledger) == {"done": 14, "in_progress": 17} and not ledger.warnings


def check_status_in_report_title(ledger: Ledger, text: str) -> None:
    assert ledger.title == "中共湘西高新区工作委员会关于巡视整改未完成情况的通报"
    assert statuses(ledger) == {"done": 14, "in_progress": 17} and not ledger.warnings
    assert ledger.stated.not_done is None and ledger.stated.done is None


def check_status_in_measure(ledger: Ledger, text: str) -> None:
    it = item(ledger, 7)
    assert (it.status, it.status_raw) == ("done", "完成")
    assert it.measures[1].startswith("对未完成的事项建立台账，")
    assert statuses(ledger) == {"done": 14, "in_progress": 17} and not ledger.warnings


def check_status_before_title(ledger: Ledger, text: str) -> None:
    # The stray line sits at the end of item 6's block; item 6 keeps its own (first) status line, item 7
    # has none of its own: unknown, and the preview says so instead of guessing.
    assert (item(ledger, 6).status, item(ledger, 7).status, item(ledger, 7).status_raw) == ("done", "unknown", None)
    assert statuses(ledger) == {"done": 13, "in_progress": 17, "unknown": 1}
    assert ledger.warnings == ["1 个事项未写明整改状态"]


def check_partial(raw: str):
    def check(ledger: Ledger, text: str) -> None:
        it = item(ledger, 2)
        assert (it.status, it.status_raw) == ("in_progress", raw)
        assert statuses(ledger) == {"done": 14, "in_progress": 17}
    return check


def check_one_mb_line(ledger: Ledger, text: str) -> None:
    # Flattened reports are cut at item numbers that continue the sequence; the repeats (1. again) do not.
    assert len(text) == MIB and "\n" not in text
    assert [i.no for i in ledger.items] == list(range(1, 32))
    assert ledger.title == HEADER["title"]


def check_kangxi(ledger: Ledger, text: str) -> None:
    assert ledger.title == HEADER["title"] and ledger.publisher == HEADER["publisher"]
    assert len(ledger.items) == 31


def check_fullwidth(ledger: Ledger, text: str) -> None:
    assert (20, 688.0, "６８８万元") in money(ledger)
    assert len(ledger.items) == 31


def check_zwsp_number(ledger: Ledger, text: str) -> None:
    assert "\u200b" not in text and text == SEED   # the reader drops the invisible character
    assert (20, 688.0, "688万元") in money(ledger)
    assert_seed(ledger)


def check_limit_text(ledger: Ledger, text: str) -> None:
    assert len(text.encode("utf-8")) == MAX_BYTES and text.rstrip("\n") == SEED.rstrip("\n")
    assert [i.no for i in ledger.items] == list(range(1, 32))
    assert statuses(ledger) == {"done": 14, "in_progress": 17}


def check_numbering_bomb(ledger: Ledger, text: str) -> None:
    # Out-of-range starts fall back to 1 (A., B., …); a 10,000-character level text is not a label.
    assert len(text) < len(SEED) + 200 and text.endswith(SEED)
    assert "\nA.\n" in text and "%1" not in text
    assert_seed(ledger)


# ---------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[], bytes]
    name: str                       # the file name as uploaded
    code: str | None = None         # the ReadError code, or None for a ledger
    zh: str | None = None           # a phrase the Chinese message holds
    check: Callable | None = None   # (ledger, text) -> None
    ceiling: float = 30.0           # seconds for read + parse: a generous bound to catch hangs, not a benchmark
    child: bool = False             # read and parse in a child process killed at the ceiling (big inputs)


def fail(id: str, make, name: str, code: str, zh: str | None = None) -> Case:
    return Case(id, make, name, code=code, zh=zh)


def ok(id: str, make, name: str, check, ceiling: float = 30.0, child: bool = False) -> Case:
    return Case(id, make, name, check=check, ceiling=ceiling, child=child)


def utf8(text_fn) -> Callable[[], bytes]:
    return lambda: text_fn().encode("utf-8")


CASES = [
    # --- nothing to read
    fail("empty", lambda: b"", "empty.txt", "empty", "文件为空"),
    fail("whitespace-only", lambda: " \t\r\n\u3000\xa0\n".encode() * 100, "blank.txt", "empty", "没有可读的文字"),
    fail("nul-bytes-only", lambda: b"\x00" * 4096, "nul.txt", "empty", "没有可读的文字"),
    fail("utf16-bom-only", lambda: b"\xff\xfe", "bom.txt", "empty", "没有可读的文字"),
    fail("invisible-marks-only", lambda: "\u200b\u200f\u2060\ufeff".encode() * 64, "marks.txt", "empty", "没有可读的文字"),
    fail("binary-junk", lambda: random.Random(1).randbytes(8192), "junk.txt", "unsupported", "不支持的文件类型"),
    # Punctuation is readable text, so no ReadError: the preview shows an empty ledger and says why.
    ok("only-punctuation", lambda: "。，；：！？、“”（）《》…—".encode() * 300 + b"!?.,;:()[]{}-_/" * 300,
       "punct.txt", no_items),
    ok("nul-inside-good-report", lambda: (SEED[:1000] + "\x00" * 7 + SEED[1000:].replace("。", "。\x00").replace("改结", "改\x00结"))
       .encode(), "nul-inside.txt", check_nul_removed),
    # --- docx gone wrong
    fail("docx-not-a-zip", lambda: b"PK\x03\x04" + random.Random(2).randbytes(4096), "broken.docx", "docx_corrupt",
         "Word 文档已损坏"),
    fail("docx-truncated", lambda: makers.to_docx(SEED)[: len(makers.to_docx(SEED)) // 2], "truncated.docx",
         "docx_corrupt", "Word 文档已损坏"),
    fail("docx-zip-bomb-300MiB", docx_zip_bomb, "bomb.docx", "too_large", "解压后过大"),
    # The headers declare only the document; zipfile inflates no further, so the bomb never goes off.
    ok("docx-bomb-lying-sizes", docx_lying_bomb, "lying.docx", is_seed_text(SEED), ceiling=10),
    fail("docx-without-document-xml", docx_without_document, "nodoc.docx", "docx_corrupt", "缺少正文部分"),
    # a workbook is a ledger by its content, whatever its name
    ok("xlsx-renamed-docx", xlsx_workbook, "sheet.docx", one_item_done),
    ok("xlsx-as-xlsx", xlsx_workbook, "sheet.xlsx", one_item_done),
    fail("doc-ole-header", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "old.doc", "unsupported", "旧版 Word"),
    fail("doc-renamed-docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(3).randbytes(4096), "old.docx",
         "unsupported", "旧版 Word"),
    ok("docx-numbering-bomb", docx_numbering_bomb, "numbered.docx", check_numbering_bomb, ceiling=10),
    ok("docx-exactly-at-limit", docx_exactly_at_limit, "big.docx", is_seed_text(SEED), ceiling=15),
    # --- pdf gone wrong
    fail("pdf-truncated", lambda: makers.to_pdf(SEED)[: len(makers.to_pdf(SEED)) // 2], "truncated.pdf",
         "pdf_corrupt", "截断"),
    fail("pdf-encrypted", makers.encrypted_pdf, "locked.pdf", "pdf_encrypted", "密码"),
    fail("pdf-scanned-no-text", makers.scanned_pdf, "scan.pdf", "pdf_no_text", "扫描版"),
    fail("pdf-flate-bomb", pdf_flate_bomb, "bomb.pdf", "too_large", "压缩炸弹"),
    fail("pdf-form-xobject-amplifier", pdf_form_amplifier, "forms.pdf", "too_large", "压缩炸弹"),
    fail("pdf-3000-pages", pdf_many_pages, "pages.pdf", "too_large", "页数过多"),
    ok("pdf-that-is-html", seed_html, "report.pdf", is_seed_text(SEED_LINES)),
    # --- wrong extensions: the content decides
    ok("text-named-pdf", lambda: SEED_B, "report.pdf", is_seed_text(SEED)),
    ok("text-named-docx", lambda: SEED_B, "report.docx", is_seed_text(SEED)),
    ok("text-named-png", lambda: SEED_B, "report.png", is_seed_text(SEED)),
    ok("html-named-txt", lambda: makers.to_html(SEED).encode(), "report.txt", is_seed_text(SEED_LINES)),
    ok("docx-named-txt", lambda: makers.to_docx(SEED), "report.txt", is_seed_text(SEED)),
    # --- encodings
    # Half GB18030, half UTF-8: neither codec reads more than 99% of the bytes and no detector finds one
    # encoding for all of it, so the reader refuses rather than show half the report as mojibake.
    fail("mixed-gb18030-utf8", mixed_encodings, "mixed.txt", "encoding", "无法识别文字编码"),
    # A bad byte every 50: 2% of the characters are lost, beyond the 1% the reader repairs.
    fail("invalid-utf8-dense", lambda: damaged_utf8(50), "damaged.txt", "encoding", "无法识别文字编码"),
    ok("invalid-utf8-sparse", lambda: damaged_utf8(997), "damaged.txt", check_sparse_damage),
    ok("utf16le-without-bom", lambda: SEED.encode("utf-16-le"), "u16le.txt", is_seed_text(SEED)),
    ok("utf16be-without-bom", lambda: SEED.encode("utf-16-be"), "u16be.txt", is_seed_text(SEED)),
    ok("crlf", lambda: SEED.replace("\n", "\r\n").encode(), "crlf.txt", is_seed_text(SEED)),
    ok("lone-cr", lambda: SEED.replace("\n", "\r").encode(), "cr.txt", is_seed_text(SEED)),
    ok("bom-in-the-middle", lambda: b"\xef\xbb\xbf" + (SEED[:4000] + "\ufeff" + SEED[4000:]).encode(), "bom.txt",
       is_seed_text(SEED)),
    # --- size
    fail("text-50MB", lambda: b"a" * (50 * MIB), "big.txt", "too_large", "20 MB"),
    fail("text-limit-plus-one", lambda: b"a" * (MAX_BYTES + 1), "big.txt", "too_large", "20 MB"),
    # 20 MB: the seed and then blank lines. ~9 s today (linear: whole-text regex scans); a quadratic step
    # anywhere would take hours, so it runs in a child killed at the ceiling.
    ok("text-exactly-at-limit", seed_padded_to_limit, "limit.txt", check_limit_text, ceiling=30, child=True),
    # --- html
    ok("html-10000-nested-divs", lambda: seed_html(wrap=("<div>" * 10000, "</div>" * 10000)), "deep.html",
       is_seed_text(SEED_LINES), ceiling=10),
    # Past 100,000 tags the reader strips tags instead of building a tree (seconds → a fraction of one).
    ok("html-100000-siblings", lambda: seed_html("<span></span>" * 100_000), "wide.html", is_seed_text(SEED_LINES),
       ceiling=10),
    ok("html-1000000-elements", lambda: seed_html("<p></p>" * 1_000_000), "huge.html", is_seed_text(SEED_LINES),
       ceiling=10),
    # A run of whitespace after a Chinese character, not followed by one: the old `\s*\n\s*(?=[CJK])` pattern
    # backtracked over the run from every position in it.
    ok("html-1M-newlines-after-a-sentence", lambda: seed_html().replace("整改结果：完成。</p>".encode(),
                                                                         ("整改结果：完成。" + "\n" * MIB + "</p>").encode(), 1),
       "ws.html", is_seed_text(SEED_LINES), ceiling=10),
    # --- the text itself
    ok("rtl-marks-and-emoji", utf8(rtl_and_emoji), "emoji.txt", seed_shape),
    ok("zero-width-space-in-number", utf8(lambda: seed_with("688万元", "6\u200b88万元")), "zwsp.txt", check_zwsp_number),
    ok("fullwidth-digits-in-figure", utf8(lambda: seed_with("688万元", "６８８万元")), "fw.txt", check_fullwidth),
    ok("kangxi-radicals-in-title", utf8(kangxi_title), "kangxi.txt", check_kangxi),
    ok("10000-items", utf8(ten_thousand_items), "many.txt", check_ten_thousand, ceiling=10),
    ok("duplicated-item-number", utf8(lambda: seed_with("4.高新技术企业占比偏低。", "3.高新技术企业占比偏低。")), "dup.txt",
       check_duplicate),
    ok("skipped-item-number", utf8(lambda: seed_with("7.议事协调会超越权限决策。\n\n整改结果：完成。\n\n", "")), "gap.txt",
       check_skipped),
    ok("item-number-out-of-order", utf8(lambda: seed_with("7.议事协调会超越权限决策。", "9.议事协调会超越权限决策。")), "nine.txt",
       check_renumbered),
    ok("status-word-in-item-title", utf8(lambda: seed_with("7.议事协调会超越权限决策。", "7.议事协调会超越权限决策未完成整改。")),
       "t.txt", check_status_in_item_title),
    ok("status-word-in-report-title", utf8(lambda: seed_with("关于巡视整改进展情况的通报", "关于巡视整改未完成情况的通报")),
       "t.txt", check_status_in_report_title),
    ok("status-word-in-measure", utf8(lambda: seed_with("（2）党工委、管委会严格按照文件执行", "（2）对未完成的事项建立台账，党工委、管委会严格按照文件执行")),
       "t.txt", check_status_in_measure),
    ok("status-line-before-title", utf8(lambda: seed_with("7.议事协调会超越权限决策。\n\n整改结果：完成。",
                                                          "整改结果：完成。\n\n7.议事协调会超越权限决策。")),
       "t.txt", check_status_before_title),
    ok("partly-done-yet-not-done", utf8(lambda: seed_with("2.产业结构不优。\n\n整改结果：阶段性完成。",
                                                          "2.产业结构不优。\n\n整改结果：阶段性完成，尚未全部完成。")),
       "t.txt", check_partial("阶段性完成，尚未全部完成")),
    ok("already-partly-done", utf8(lambda: seed_with("2.产业结构不优。\n\n整改结果：阶段性完成。", "2.产业结构不优。\n\n整改结果：已阶段性完成。")),
       "t.txt", check_partial("已阶段性完成")),
    ok("done-a-stage-keep-going", utf8(lambda: seed_with("2.产业结构不优。\n\n整改结果：阶段性完成。",
                                                         "2.产业结构不优。\n\n整改结果：完成阶段性任务，持续整改。")),
       "t.txt", check_partial("完成阶段性任务，持续整改")),
    ok("header-only", utf8(lambda: SEED[: SEED.index("（一）反馈问题")]), "head.txt", check_header_only),
    ok("closing-only", utf8(lambda: SEED[SEED.index("三、下一步整改工作安排"):]), "tail.txt", check_closing_only),
    ok("one-line-of-1MB", utf8(one_mb_line), "line.txt", check_one_mb_line, ceiling=10, child=True),
]
BY_ID = {c.id: c for c in CASES}
assert len(BY_ID) == len(CASES)
FAILING = [c for c in CASES if c.code]


def made(case: Case) -> bytes:
    return _made(case.id)


@functools.lru_cache(maxsize=4)
def _made(case_id: str) -> bytes:
    return BY_ID[case_id].make()


def expected_error(case: Case) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_bytes(made(case), case.name)
    return info.value


def read_and_parse_in_child(data: bytes, name: str, ceiling: float, folder: Path) -> tuple[str, Ledger, float]:
    path = folder / "input"
    path.write_bytes(data)
    prog = ("import pickle, sys, time\nfrom lib.ledger.parse import parse_text\nfrom lib.read.readers import read_bytes\n"
            "data = open(sys.argv[1], 'rb').read()\n"
            "t = time.perf_counter()\ntext = read_bytes(data, sys.argv[2])\nledger = parse_text(text)\n"
            "sys.stdout.buffer.write(pickle.dumps((text, ledger.to_dict(), time.perf_counter() - t)))\n")
    try:
        r = subprocess.run([sys.executable, "-c", prog, str(path), name], cwd=ROOT, capture_output=True,
                           timeout=ceiling + 1.5)   # + interpreter start-up (0.2 s)
    except subprocess.TimeoutExpired:
        pytest.fail(f"read + parse did not finish within {ceiling} s")
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
    text, ledger, elapsed = pickle.loads(r.stdout)
    return text, Ledger.from_dict(ledger), elapsed


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_outcome(case, tmp_path):
    data = made(case)
    t0 = time.perf_counter()
    if case.code:
        with pytest.raises(ReadError) as info:
            read_bytes(data, case.name)
        assert_messages(info.value, case.code)
        assert case.zh in info.value.zh, info.value.zh
        assert time.perf_counter() - t0 < case.ceiling
        return
    if case.child:
        text, ledger, elapsed = read_and_parse_in_child(data, case.name, case.ceiling, tmp_path)
    else:
        text = read_bytes(data, case.name)
        ledger = parse_text(text)
        elapsed = time.perf_counter() - t0
    assert "\r" not in text and "\x00" not in text and "\ufeff" not in text
    assert_ledger_consistent(text, ledger)
    case.check(ledger, text)
    assert elapsed < case.ceiling, f"{case.id}: read + parse took {elapsed:.1f} s"


# ---------------------------------------------------------------------------
# A failed import changes nothing


def library_state(store: Store):
    with store.engine.connect() as c:
        counts = {t.name: c.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in meta.sorted_tables}
        values = sorted(c.execute(sa.text("SELECT key, value FROM settings")).all())
    return store.list_reports().to_dict("records"), counts, values, store.data_version()


@pytest.mark.parametrize("case", FAILING, ids=[c.id for c in FAILING])
def test_failed_import_changes_nothing(case):
    store = Store()
    store.ensure_bundled()
    before = library_state(store)
    assert before[1]["reports"] == 1
    want = expected_error(case)
    with pytest.raises(ReadError) as info:
        # the good report first: it is read, parsed and then thrown away with the bad one
        store.import_files([("later.txt", LATER.encode("gb18030")), (case.name, made(case))], author="test")
    assert_messages(info.value, case.code)
    assert info.value.zh == f"{case.name}：{want.zh}" and info.value.en == f"{case.name}: {want.en}"
    assert library_state(store) == before
    assert library_state(Store()) == before   # a fresh connection sees the same


# ---------------------------------------------------------------------------
# The upload page

UPLOAD_KINDS = ["empty", "whitespace-only", "binary-junk", "docx-not-a-zip", "docx-truncated", "docx-zip-bomb-300MiB",
                "docx-without-document-xml", "doc-renamed-docx", "pdf-truncated", "pdf-encrypted",
                "pdf-scanned-no-text", "pdf-flate-bomb", "pdf-3000-pages", "mixed-gb18030-utf8", "text-50MB"]
MIME = {".txt": "text/plain", ".pdf": "application/pdf", ".html": "text/html",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@pytest.mark.parametrize("kind", UPLOAD_KINDS)
def test_upload_page_shows_the_error(kind):
    case = BY_ID[kind]
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/library.py").run()
    assert not at.exception and not at.error
    before = library_state(Store())
    at.file_uploader(key="uploads").set_value((case.name, made(case), MIME[Path(case.name).suffix])).run()
    assert not at.exception
    want = expected_error(case)
    assert [e.value for e in at.error] == [want.zh]
    assert CJK.search(at.error[0].value) and case.zh in at.error[0].value
    shown = " ".join(str(getattr(el, "value", "")) for el in (*at.markdown, *at.error, *at.warning, *at.text))
    assert "Traceback" not in shown and "Error:" not in shown
    save = at.button[0]
    assert save.label == "保存到报告库" and save.disabled
    assert library_state(Store()) == before


# ---------------------------------------------------------------------------
# The command line

CLI_KINDS = ["empty", "docx-not-a-zip", "docx-zip-bomb-300MiB", "pdf-encrypted", "pdf-flate-bomb", "mixed-gb18030-utf8",
             "text-50MB"]


@pytest.mark.parametrize("kind", CLI_KINDS)
def test_cli_parse_exits_2_with_one_line(kind, tmp_path):
    case = BY_ID[kind]
    path = tmp_path / case.name
    path.write_bytes(made(case))
    r = subprocess.run([sys.executable, "-m", "lib", "parse", str(path)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    want = expected_error(case)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.endswith("\n") and r.stderr.count("\n") == 1
    assert r.stderr == f"错误：{want.zh} / Error: {want.en}\n"


# ---------------------------------------------------------------------------
# Text handed straight to the parser or the store (no reader in between)


def test_lone_surrogates_in_a_str():
    for text in (SEED[:3000] + "\ud800" + SEED[3000:],
                 (SEED_B[:3001] + b"\xff\xfe" + SEED_B[3001:]).decode("utf-8", "surrogateescape")):
        ledger = parse_text(text)
        assert_ledger_consistent(text, ledger)
        assert_seed(ledger)
    # The reader never hands one on: what it returns can always be stored as UTF-8.
    assert text_reader.normalize_text("a\ud800b\udcffc") == "a\ufffdb\ufffdc"


def test_import_text_cleans_surrogates_and_invisible_characters():
    store = Store()
    text = seed_with("688万元", "6\u200b88万元", SEED[:3000] + "\ud800" + SEED[3000:])
    result = store.import_text(text, "s.txt")
    stored = store.text(result.report_id)
    assert result.created and result.items == 31
    assert stored == SEED[:3000] + "\ufffd" + SEED[3000:] and not INVISIBLE.search(stored.replace("\ufffd", ""))
    assert (20, 688.0) in [(n, v) for n, v, _ in money(store.ledger(result.report_id))]


def test_kangxi_radicals_straight_to_the_parser():
    # Without the reader the title stays as written (offsets index the text), yet the items are all found.
    ledger = parse_text(kangxi_title())
    assert ledger.title == KANGXI_TITLE and len(ledger.items) == 31


def test_zero_width_space_straight_to_the_parser():
    text = seed_with("688万元", "6\u200b88万元")
    text = seed_with("整改结果：完成。", "整\u200b改结果：完成。", text)
    ledger = parse_text(text)
    assert (20, 688.0) in [(n, v) for n, v, _ in money(ledger)]
    assert item(ledger, 1).status == "done"


# ---------------------------------------------------------------------------
# Load: long lines must parse in linear time. Each runs in a child process killed at the ceiling, so a
# quadratic step fails the test in seconds instead of hanging the suite (1 MB would take hours).


def parse_in_child(build: str, ceiling: float) -> float:
    prog = ("import time\nfrom lib.ledger.parse import parse_text\n"
            f"text = {build}\n"
            "t = time.perf_counter()\nledger = parse_text(text)\n"
            "print(time.perf_counter() - t, len(ledger.items))\n")
    try:
        r = subprocess.run([sys.executable, "-c", prog], cwd=ROOT, capture_output=True, text=True,
                           timeout=ceiling + 1.5)   # + interpreter start-up (0.2 s)
    except subprocess.TimeoutExpired:
        pytest.fail(f"parse_text did not finish within {ceiling} s")
    assert r.returncode == 0, r.stderr
    elapsed = float(r.stdout.split()[0])
    assert elapsed < ceiling, f"parse_text took {elapsed:.1f} s"
    return elapsed


SEED_EXPR = "__import__('tests.makers').makers.seed_text()"


@pytest.mark.parametrize(("build", "ceiling"), [
    # a digit run rescanned from every start by a figure pattern (was 50 s for 20,000 digits)
    pytest.param("'1' * 2**20", 3.0, id="1MB-of-digits"),
    pytest.param("'①１' * 2**19", 3.0, id="1MB-of-circled-and-fullwidth-digits"),
    # the title pattern's .* rescanning a long line from every 整改/巡视 (was 5 s for 20,000 characters)
    pytest.param("'整改巡视' * 2**18", 3.0, id="1MB-of-zhenggai-xunshi"),
    # the whole sentence sliced and searched for every figure in it (was ~30 s)
    pytest.param(SEED_EXPR + " + '，共计688万元' * 20000", 3.0, id="one-sentence-with-20000-figures"),
    pytest.param(SEED_EXPR + " + '\\n' * 2**20", 3.0, id="1MB-of-blank-lines"),
    pytest.param(SEED_EXPR + " + ' ' * 2**20", 3.0, id="1MB-of-spaces"),
])
def test_long_line_parses_in_linear_time(build, ceiling):
    parse_in_child(build, ceiling)


# ---------------------------------------------------------------------------
# Fuzz: any bytes give a ReadError with a known code, or text the parser takes


KNOWN_CODES = set(errors._MESSAGES)
NAMES = ["r.txt", "r.docx", "r.pdf", "r.html", "r", "r.png"]


def read_and_parse(data: bytes, name: str) -> None:
    try:
        text = read_bytes(data, name)
    except ReadError as err:
        assert err.code in KNOWN_CODES
        for msg in (err.zh, err.en):
            assert msg.strip() and "\n" not in msg
        return
    assert isinstance(text, str) and text.strip()
    assert "\r" not in text and "\x00" not in text and not INVISIBLE.search(text)
    text.encode("utf-8")   # storable
    assert_ledger_consistent(text, parse_text(text))


VALID = {
    "txt-utf8": lambda: SEED_B,
    "txt-gb18030": lambda: SEED.encode("gb18030"),
    "txt-utf16": lambda: SEED.encode("utf-16"),
    "docx": lambda: makers.to_docx(SEED, numbered=True),
    "html": lambda: makers.to_html(SEED).encode("utf-8"),
    "pdf": lambda: makers.to_pdf(SEED),
}


@functools.lru_cache(maxsize=None)
def valid(fmt: str) -> bytes:
    return VALID[fmt]()


FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from(NAMES))
def test_fuzz_random_bytes(data, name):
    read_and_parse(data, name)


@FUZZ
@given(st.sampled_from(sorted(VALID)), st.floats(0, 1), st.sampled_from(NAMES))
def test_fuzz_prefixes_of_valid_files(fmt, share, name):
    data = valid(fmt)
    read_and_parse(data[: int(len(data) * share)], name)


@FUZZ
@given(st.sampled_from(sorted(VALID)), st.integers(0, 2**31), st.binary(min_size=1, max_size=64))
def test_fuzz_splices_into_valid_files(fmt, at, junk):
    data = valid(fmt)
    i = at % len(data)
    read_and_parse(data[:i] + junk + data[i + len(junk):], "r" + ("." + fmt.split("-")[0]))


def test_a_pdf_that_takes_too_long_is_stopped(monkeypatch):
    """A damaged PDF can keep pdfminer busy for minutes: the reader's child process is killed at the limit."""
    monkeypatch.setattr(pdf_reader, "PDF_SECONDS", 0.05)
    with pytest.raises(ReadError) as e:
        readers.read_bytes(makers.to_pdf("一、标题\n正文。"), "slow.pdf")
    assert e.value.code == "pdf_corrupt" and "秒内未能读出文字" in e.value.zh and "no text after" in e.value.en

