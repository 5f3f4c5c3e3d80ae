"""The report library (lib/library/store.py) on both backends: SQLite in tmp_path and a real PostgreSQL server.

Every test runs twice through `db_url` (conftest.py): [sqlite] and [postgres]. Nothing is mocked but the
failure injected half-way through an import's transaction and, in one test, the clock.
"""
from __future__ import annotations

import functools
import hashlib
import threading
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

import lib.library.store as store_module
from lib.library import frames as F
from lib.library.store import SCHEMA_VERSION, Conflict, Store, StoreError, meta
from lib.read.readers import ReadError, read_bytes
from lib.views import totals
from tests import makers
from tests.seed_facts import assert_seed

SEED = makers.seed_text()
HALF_WIDTH = unicodedata.normalize("NFKC", SEED)   # parses to the same pins, but is other content

FORMATS = {
    "txt-utf8": lambda: ("seed.txt", SEED.encode("utf-8")),
    "txt-gb18030": lambda: ("seed-gb.txt", SEED.encode("gb18030")),
    "docx": lambda: ("seed.docx", makers.to_docx(SEED)),
    "html": lambda: ("seed.html", makers.to_html(SEED).encode("utf-8")),
    "pdf": lambda: ("seed.pdf", makers.to_pdf(SEED)),
}


@functools.cache
def seed_file(fmt: str) -> tuple[str, bytes]:
    return FORMATS[fmt]()


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


# --- fixtures and helpers --------------------------------------------------------------------------

@pytest.fixture
def open_store(db_url):
    """Store(db_url) as often as a test likes; every engine is disposed before the database is dropped."""
    opened: list[Store] = []

    def _open() -> Store:
        s = Store(db_url)
        opened.append(s)
        return s
    yield _open
    for s in opened:
        s.engine.dispose()


@pytest.fixture
def store(open_store) -> Store:
    return open_store()


@pytest.fixture
def rid(store) -> int:
    """The seed, imported as UTF-8 text."""
    [res] = store.import_files([seed_file("txt-utf8")], author="测试")
    assert res.created and res.items == 31
    return res.report_id


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: the whole library, to compare before/after."""
    with store.engine.connect() as c:
        return {t.name: [tuple(r) for r in c.execute(sa.select(t).order_by(*t.primary_key.columns))]
                for t in meta.sorted_tables}


def counts(store: Store) -> dict[str, int]:
    return {name: len(rows) for name, rows in dump(store).items()}


def fig_688(store: Store, rid: int) -> tuple[int, int]:
    """(item_seq, match_start) of the 688 万元 of arrears on item 20: the figure the correction tests edit."""
    _, q, _ = store.frames([rid])
    hit = q[(q.item_no == 20) & (q.unit == "万元") & (q.value == 688.0)]
    assert len(hit) == 1, hit
    return int(hit.item_seq.iloc[0]), int(hit.match_start.iloc[0])


def item(store: Store, rid: int, seq: int) -> pd.Series:
    it, _, _ = store.frames([rid])
    row = it[(it.report_id == rid) & (it.seq == seq)]
    assert len(row) == 1
    return row.iloc[0]


def figure(store: Store, rid: int, seq: int, anchor: int) -> pd.Series:
    _, q, _ = store.frames([rid])
    row = q[(q.report_id == rid) & (q.item_seq == seq) & (q.match_start == anchor)]
    assert len(row) == 1
    return row.iloc[0]


def ledger_figure(store: Store, rid: int, seq: int, anchor: int):
    [q] = [q for q in store.ledger(rid).quantities if q.item_seq == seq and q.match_start == anchor]
    return q


def ledger_item(store: Store, rid: int, seq: int):
    [it] = [i for i in store.ledger(rid).items if i.seq == seq]
    return it


def rows(df: pd.DataFrame, cols: list[str]) -> list[list]:
    """The cells as plain lists, missing values as None (pandas shows a NULL text as NaN)."""
    return [[None if pd.isna(v) else v for v in r] for r in df[cols].values.tolist()]


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def has_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


# --- schema ----------------------------------------------------------------------------------------

def test_fresh_database_gets_the_schema(store):
    names = set(sa.inspect(store.engine).get_table_names())
    assert names >= set(meta.tables), set(meta.tables) - names
    assert store.schema_version() == SCHEMA_VERSION
    assert store.list_reports().empty
    assert all(n == 0 for name, n in counts(store).items() if name != "settings")
    assert dump(store)["settings"] == [("schema_version", str(SCHEMA_VERSION))]


def test_migrate_twice_is_a_no_op(store, rid, open_store):
    before = dump(store)
    assert store.migrate() == SCHEMA_VERSION
    assert store.migrate() == SCHEMA_VERSION
    other = open_store()                     # a second process opening the same library
    assert other.schema_version() == SCHEMA_VERSION
    assert dump(store) == before
    assert other.list_reports().id.tolist() == [rid]


def test_newer_schema_is_refused(store, rid, open_store):
    newer = SCHEMA_VERSION + 1
    with store.engine.begin() as c:
        c.execute(store_module.settings.update().where(store_module.settings.c.key == "schema_version")
                  .values(value=str(newer)))
    before = dump(store)
    with pytest.raises(StoreError) as e:
        open_store()
    assert e.value.code == "schema_newer"
    assert str(newer) in e.value.zh and has_cjk(e.value.zh)
    assert f"v{newer}" in e.value.en
    with pytest.raises(StoreError):
        store.migrate()
    assert dump(store) == before


def test_a_migration_runs_in_one_transaction(store, monkeypatch):
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    add_column = "ALTER TABLE reports ADD COLUMN note TEXT"
    monkeypatch.setattr(store_module, "MIGRATIONS", {SCHEMA_VERSION + 1: [add_column, "THIS IS NOT SQL"]})
    with pytest.raises(sa.exc.DBAPIError):
        store.migrate()
    columns = {c["name"] for c in sa.inspect(store.engine).get_columns("reports")}
    assert "note" not in columns                     # the first statement was rolled back with the second
    assert store.schema_version() == SCHEMA_VERSION

    monkeypatch.setattr(store_module, "MIGRATIONS", {SCHEMA_VERSION + 1: [add_column]})
    assert store.migrate() == SCHEMA_VERSION + 1
    assert "note" in {c["name"] for c in sa.inspect(store.engine).get_columns("reports")}
    assert store.schema_version() == SCHEMA_VERSION + 1


# --- import ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_import_each_format(store, fmt):
    name, data = seed_file(fmt)
    [res] = store.import_files([(name, data)], author="张三")
    assert (res.filename, res.created, res.items, res.warnings) == (name, True, 31, [])
    assert res.title == "中共湘西高新区工作委员会关于巡视整改进展情况的通报"
    assert_seed(store.ledger(res.report_id))

    text = read_bytes(data, name)
    assert store.text(res.report_id) == text
    lib = store.list_reports()
    assert len(lib) == 1
    row = lib.iloc[0]
    assert (row.id, row.filename, row.n_items, row.n_done) == (res.report_id, name, 31, 14)
    assert row.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert (row.publisher, row.report_date) == ("中共湘西高新区工作委员会", "2023-12-19")
    it, q, _ = store.frames([res.report_id])
    assert len(it) == 31 and len(q) == len(store.ledger(res.report_id).quantities)


def test_same_text_in_any_format_is_one_report(store):
    """content_hash is of the text as read: txt (any encoding) and docx read back the seed exactly; html and
    pdf drop the blank lines, so they read to another text, and a .txt holding the pdf's text equals the pdf."""
    pdf_name, pdf = seed_file("pdf")
    pdf_text = read_bytes(pdf, pdf_name)
    assert pdf_text != SEED
    files = [seed_file(f) for f in FORMATS] + [("pdf-as-text.txt", pdf_text.encode("utf-8"))]
    res = store.import_files(files)
    by = {r.filename: r for r in res}
    txt_id, pdf_id = by["seed.txt"].report_id, by["seed.pdf"].report_id
    assert txt_id != pdf_id
    assert [(r.filename, r.created) for r in res] == [
        ("seed.txt", True), ("seed-gb.txt", False), ("seed.docx", False),
        ("seed.html", True), ("seed.pdf", False), ("pdf-as-text.txt", False)]
    assert {by[n].report_id for n in ("seed.txt", "seed-gb.txt", "seed.docx")} == {txt_id}
    assert {by[n].report_id for n in ("seed.html", "seed.pdf", "pdf-as-text.txt")} == {pdf_id}
    lib = store.list_reports()
    assert lib.filename.tolist() == ["seed.txt", "seed.html"]   # the first file of each content names it
    assert counts(store)["items"] == 62
    for r in (txt_id, pdf_id):
        assert_seed(store.ledger(r))


def test_same_file_twice_adds_nothing(store, rid):
    before = dump(store)
    version = store.data_version()
    [again] = store.import_files([seed_file("txt-utf8")], author="李四")
    assert (again.report_id, again.created, again.items) == (rid, False, 31)
    assert dump(store) == before
    assert store.data_version() == version
    assert len(store.list_reports()) == 1 and counts(store)["items"] == 31


BROKEN = {
    "empty txt": ("坏文件.txt", b"", "empty"),
    "png": ("scan.png", PNG, "image_corrupt"),   # a PNG signature over junk: OCR cannot decode it
    "png named .txt": ("image.txt", PNG, "image_corrupt"),
    "truncated pdf": ("broken.pdf", b"%PDF-1.4\ngarbage", "pdf_corrupt"),
    "damaged docx": ("broken.docx", b"PK\x03\x04" + b"x" * 100, "docx_corrupt"),
    "encrypted pdf": ("secret.pdf", makers.encrypted_pdf(), "pdf_encrypted"),
}


@pytest.mark.parametrize("where", ["last", "middle"])
@pytest.mark.parametrize("case", BROKEN)
def test_an_unreadable_file_saves_none_of_the_batch(store, rid, case, where):
    name, data, code = BROKEN[case]
    good = [seed_file("html"), ("half-width.txt", HALF_WIDTH.encode("gb18030"))]   # both new content
    batch = good + [(name, data)] if where == "last" else [good[0], (name, data), good[1]]
    before, lib_before, version = dump(store), store.list_reports(), store.data_version()
    with pytest.raises(ReadError) as e:
        store.import_files(batch)
    assert e.value.code == code
    assert name in e.value.zh and name in e.value.en and has_cjk(e.value.zh)
    assert dump(store) == before
    pd.testing.assert_frame_equal(store.list_reports(), lib_before)
    assert store.data_version() == version
    # and the good files alone do go in: the test above could have failed
    assert [r.created for r in store.import_files(good)] == [True, True]


def test_a_failure_inside_the_transaction_saves_none_of_the_batch(store, rid, monkeypatch):
    before = dump(store)
    original = Store._write_rows
    seen = []

    def write_rows(c, report_id, ledger):
        # inside the import's transaction: the first report of this call is already written
        seen.append(c.execute(sa.select(sa.func.count()).select_from(store_module.reports)).scalar_one())
        if len(seen) == 2:
            seen.append(c.execute(sa.select(sa.func.count()).select_from(store_module.items)).scalar_one())
            raise RuntimeError("disk full (injected)")
        original(c, report_id, ledger)

    monkeypatch.setattr(Store, "_write_rows", staticmethod(write_rows))
    with pytest.raises(RuntimeError, match="injected"):
        store.import_files([seed_file("html"), ("half-width.txt", HALF_WIDTH.encode("utf-8"))])
    assert seen == [2, 3, 62]          # the failure came after the first new report and its items were written
    assert dump(store) == before
    assert store.list_reports().id.tolist() == [rid]
    monkeypatch.setattr(Store, "_write_rows", staticmethod(original))
    assert [r.created for r in store.import_files([seed_file("html")])] == [True]


# --- frames ----------------------------------------------------------------------------------------

def test_frames_of_the_seed(store, rid):
    it, q, ac = store.frames([rid])
    assert list(it.columns) == F.ITEM_COLUMNS and list(q.columns) == F.QUANTITY_COLUMNS
    assert list(ac.columns) == F.ACTION_COLUMNS
    assert it.shape == (31, len(F.ITEM_COLUMNS))
    assert it.seq.tolist() == list(range(1, 32)) and it.no.tolist() == list(range(1, 32))
    assert it.status.value_counts().to_dict() == {"in_progress": 17, "done": 14}
    assert (it.report_id == rid).all() and (it.report == "中共湘西高新区工作委员会（2023-12-19）").all()
    row20 = it[it.no == 20].iloc[0]
    assert (row20.title, row20.status, row20.status_raw, row20.theme_no) == ("土地欠款催缴不力", "in_progress",
                                                                             "阶段性完成", 5)
    assert "688万元" in row20.figures
    ledger = store.ledger(rid)
    assert len(q) == len(ledger.quantities) > 0 and len(ac) == len(ledger.actions)
    arrears = q[(q.item_no == 20) & (q.unit == "万元")]
    assert arrears.value.tolist() == [688.0]
    assert arrears.iloc[0].match == "688万元" and "土地欠款" in arrears.iloc[0].label
    assert bool(arrears.iloc[0].land) and bool(arrears.iloc[0].recovery)
    assert store.text(rid)[arrears.iloc[0].match_start:arrears.iloc[0].match_end] == "688万元"
    assert str(q.value.dtype) == "float64" and str(it.no.dtype) == "Int64"


def test_frames_of_two_reports(store, rid):
    [other] = store.import_files([seed_file("pdf")])
    it, q, ac = store.frames([other.report_id, rid, rid])
    assert it.groupby("report_id").size().to_dict() == {rid: 31, other.report_id: 31}
    assert it.report_id.is_monotonic_increasing


@pytest.mark.parametrize("ids", [[], [9999]], ids=["no ids", "unknown id"])
def test_frames_of_nothing(store, rid, ids):
    for df, cols in zip(store.frames(ids), (F.ITEM_COLUMNS, F.QUANTITY_COLUMNS, F.ACTION_COLUMNS)):
        assert df.empty and list(df.columns) == cols


def _status(s, rid, seq, anchor):
    return s.correct(rid, 20, "status", "done", "补充材料显示已完成", expected_version=0)


def _title(s, rid, seq, anchor):
    return s.correct(rid, 20, "title", "土地出让欠款催缴不力", "标题有误", expected_version=0)


def _value(s, rid, seq, anchor):
    return s.correct(rid, seq, "value", 700, "数字有误", expected_version=0, anchor=anchor)


def _unit_label(s, rid, seq, anchor):
    s.correct(rid, seq, "unit", "元", "单位有误", expected_version=0, anchor=anchor)
    return s.correct(rid, seq, "label", "欠款", "名称有误", expected_version=1, anchor=anchor)


@pytest.mark.parametrize("change", [
    None, _title, _value, _unit_label,
    _status,
], ids=["uncorrected", "title", "figure value", "figure unit+label", "status"])
def test_frames_equal_the_frames_of_the_corrected_ledger(store, rid, change):
    """Store.frames (SQL + overlay) must say what lib.library.frames says of store.ledger (JSON + overlay)."""
    if change:
        change(store, rid, *fig_688(store, rid))
    ledger = store.ledger(rid)
    it, q, ac = store.frames([rid])
    pd.testing.assert_frame_equal(it.reset_index(drop=True), F.items_frame([(rid, ledger)]))
    pd.testing.assert_frame_equal(q.reset_index(drop=True), F.quantities_frame([(rid, ledger)]))
    pd.testing.assert_frame_equal(ac.reset_index(drop=True), F.actions_frame([(rid, ledger)]))


# --- corrections -----------------------------------------------------------------------------------

def test_correct_a_status(store, rid):
    assert store.item_version(rid, 20) == 0
    v = store.correct(rid, 20, "status", "done", "  补充材料显示已完成  ", expected_version=0, author="王五")
    assert v == 1 and store.item_version(rid, 20) == 1
    assert store.item_version(rid, 19) == 0                       # the lock is per item
    assert item(store, rid, 20).status == "done"
    assert item(store, rid, 20).status_raw == "阶段性完成"          # only the corrected field changes
    assert store.frames([rid])[0].status.value_counts().to_dict() == {"done": 15, "in_progress": 16}
    assert ledger_item(store, rid, 20).status == "done"
    assert ledger_item(store, rid, 19).status == "done" and ledger_item(store, rid, 18).status == "in_progress"
    h = store.history(rid)
    assert len(h) == 1
    r = h.iloc[0]
    assert (r.report_id, r.item_seq, r.anchor, r.field, r.old_value, r.new_value, r.action, r.reason, r.author) \
        == (rid, 20, -1, "status", "in_progress", "done", "set", "补充材料显示已完成", "王五")
    assert pd.Timestamp(r.created_at).tzinfo is not None
    assert store.history().id.tolist() == h.id.tolist()


def test_correct_and_restore_a_figure(store, rid):
    seq, anchor = fig_688(store, rid)
    store.correct(rid, 20, "status", "done", "已完成", expected_version=0, author="王五")
    v = store.correct(rid, seq, "value", "700.5", "原文数字有误", expected_version=1, author="赵六", anchor=anchor)
    assert v == 2
    assert figure(store, rid, seq, anchor).value == 700.5
    assert ledger_figure(store, rid, seq, anchor).value == 700.5
    _, q, _ = store.frames([rid])
    assert (q.value == 688.0).sum() == 0 and (q.value == 700.5).sum() == 1    # that figure and no other
    assert figure(store, rid, seq, anchor).match == "688万元"                  # what the text says stays

    v = store.restore(rid, seq, "value", "核实后原数字无误", expected_version=2, author="赵六", anchor=anchor)
    assert v == 3
    assert figure(store, rid, seq, anchor).value == 688.0
    assert ledger_figure(store, rid, seq, anchor).value == 688.0
    assert item(store, rid, 20).status == "done"                   # restoring the figure leaves the item alone
    h = store.history(rid)
    assert rows(h, ["field", "action", "old_value", "new_value", "reason"]) == [
        ["value", "restore", "700.5", None, "核实后原数字无误"],
        ["value", "set", "688.0", "700.5", "原文数字有误"],
        ["status", "set", "in_progress", "done", "已完成"],
    ]
    assert (h[h.field == "value"].anchor == anchor).all()

    # corrected again after the restore: the newest row wins, the old value is the extracted one
    store.correct(rid, seq, "value", 690, "再次更正", expected_version=3, anchor=anchor)
    assert figure(store, rid, seq, anchor).value == 690.0
    assert store.history(rid).iloc[0].old_value == "688.0"


def test_restore_with_nothing_to_restore_keeps_the_value(store, rid):
    store.restore(rid, 20, "status", "", expected_version=0)
    assert item(store, rid, 20).status == "in_progress"
    assert rows(store.history(rid), ["action", "reason", "old_value", "new_value"]) == [
        ["restore", "恢复为解析值", "in_progress", None]]


INVALID = {
    "bad status": (dict(field="status", new_value="finished"), "bad_status"),
    "chinese status word": (dict(field="status", new_value="完成"), "bad_status"),
    "non-numeric value": (dict(field="value", new_value="六百八十八", anchor="fig"), "bad_number"),
    "no value": (dict(field="value", new_value=None, anchor="fig"), "bad_number"),
    "sql as a value": (dict(field="value", new_value="688; DROP TABLE quantities;--", anchor="fig"), "bad_number"),
    "empty reason": (dict(reason=""), "no_reason"),
    "blank reason": (dict(reason=" \n\t "), "no_reason"),
    "no reason": (dict(reason=None), "no_reason"),
    "empty title": (dict(field="title", new_value="   "), "empty_value"),
    "unknown item field": (dict(field="no", new_value="3"), "bad_field"),
    "figure field on an item": (dict(field="value", new_value="1"), "bad_field"),
    "item field on a figure": (dict(field="status", new_value="done", anchor="fig"), "bad_field"),
    "unknown item": (dict(seq=999), "no_target"),
    "unknown figure": (dict(field="value", new_value="1", anchor=123456), "no_target"),
    "figure of another item": (dict(seq=19, field="value", new_value="1", anchor="fig"), "no_target"),
    "unknown report": (dict(report=9999), "no_report"),
    # the totals a figure adds to: known ones, and only one its unit fits (万元 cannot add to 亩)
    "unknown total": (dict(field="headline", new_value="money", anchor="fig"), "bad_headline"),
    "money moved to land": (dict(field="headline", new_value="land_mu", anchor="fig"), "headline_unit"),
    "money moved to people": (dict(field="headline", new_value="disciplined_people", anchor="fig"), "headline_unit"),
    "counted neither way": (dict(field="counted", new_value="maybe", anchor="fig"), "bad_counted"),
}


@pytest.mark.parametrize("case", INVALID)
def test_invalid_corrections_are_refused(store, rid, case):
    kw, code = INVALID[case]
    seq, fig_anchor = fig_688(store, rid)
    args = dict(report=rid, seq=20, field="status", new_value="done", reason="理由", anchor=-1) | kw
    if args["anchor"] == "fig":
        args["anchor"] = fig_anchor
    before = dump(store)
    with pytest.raises(StoreError) as e:
        store.correct(args["report"], args["seq"], args["field"], args["new_value"], args["reason"],
                      expected_version=0, anchor=args["anchor"])
    assert not isinstance(e.value, Conflict)
    assert e.value.code == code
    assert has_cjk(e.value.zh) and e.value.en != e.value.zh and any("a" <= ch <= "z" for ch in e.value.en)
    assert dump(store) == before
    assert store.item_version(rid, 20) == 0


@pytest.mark.parametrize("field", ["bogus", "no"])
def test_restore_of_an_uncorrectable_field_is_refused(store, rid, field):
    before = dump(store)
    try:
        with pytest.raises(StoreError) as e:
            store.restore(rid, 20, field, "理由", expected_version=0)
        assert e.value.code == "bad_field"
    finally:
        assert dump(store) == before


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "1e999"])
def test_a_figure_cannot_become_nan_or_infinite(store, rid, value):
    seq, anchor = fig_688(store, rid)
    with pytest.raises(StoreError):
        store.correct(rid, seq, "value", value, "理由", expected_version=0, anchor=anchor)


def test_list_reports_counts_corrected_statuses(store, rid):
    store.correct(rid, 20, "status", "done", "已完成", expected_version=0)
    assert store.list_reports().iloc[0].n_done == 15


# --- conflicts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("first", ["insert", "update"], ids=["first correction", "later correction"])
def test_a_stale_save_is_a_conflict(store, rid, open_store, first):
    if first == "update":
        store.correct(rid, 20, "title", "早先的更正", "理由", expected_version=0)
    alice, bob = store, open_store()                  # two sessions, each with its own engine
    seen = alice.item_version(rid, 20)
    assert bob.item_version(rid, 20) == seen
    assert alice.correct(rid, 20, "status", "done", "甲的理由", expected_version=seen, author="甲") == seen + 1
    before = dump(store)
    with pytest.raises(Conflict) as e:
        bob.correct(rid, 20, "status", "not_done", "乙的理由", expected_version=seen, author="乙")
    assert (e.value.current, e.value.expected, e.value.code) == (seen + 1, seen, "conflict")
    assert has_cjk(e.value.zh) and "reload" in e.value.en
    assert dump(store) == before
    assert item(store, rid, 20).status == "done"
    # a stale restore is refused the same way, and a fresh read lets bob save
    with pytest.raises(Conflict):
        bob.restore(rid, 20, "status", "乙撤销", expected_version=seen)
    assert dump(store) == before
    assert bob.correct(rid, 20, "status", "not_done", "乙的理由", expected_version=bob.item_version(rid, 20)) \
        == seen + 2
    assert item(store, rid, 20).status == "not_done"


@pytest.mark.parametrize("expected", [1, 5, -1])
def test_a_version_from_nowhere_is_a_conflict(store, rid, expected):
    with pytest.raises(Conflict):
        store.correct(rid, 20, "status", "done", "理由", expected_version=expected)
    assert store.history(rid).empty and store.item_version(rid, 20) == 0


def test_concurrent_saves_exactly_one_wins(store, rid, open_store):
    n, rounds = 4, 6
    sessions = [open_store() for _ in range(n)]          # separate engines, separate connections
    for rnd in range(rounds):
        version = store.item_version(rid, 20)
        assert [s.item_version(rid, 20) for s in sessions] == [version] * n
        barrier = threading.Barrier(n)
        results: list = [None] * n

        def save(k: int) -> None:
            barrier.wait()
            try:
                results[k] = sessions[k].correct(rid, 20, "title", f"第{rnd}轮-{k}", "并发", expected_version=version,
                                                 author=f"user{k}")
            except BaseException as e:   # noqa: BLE001 — any other error must show in the assertion below
                results[k] = e

        threads = [threading.Thread(target=save, args=(k,)) for k in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not any(t.is_alive() for t in threads)
        winners = [k for k, r in enumerate(results) if type(r) is int]
        assert len(winners) == 1 and results[winners[0]] == version + 1, results
        assert all(isinstance(r, Conflict) for k, r in enumerate(results) if k != winners[0]), results
        assert store.item_version(rid, 20) == version + 1
        assert item(store, rid, 20).title == f"第{rnd}轮-{winners[0]}"
        assert len(store.history(rid)) == rnd + 1


# --- corrections outlive the rows they were made on -------------------------------------------------

def test_corrections_survive_reparse(store, rid):
    seq, anchor = fig_688(store, rid)
    store.correct(rid, 20, "status", "done", "已完成", expected_version=0)
    store.correct(rid, seq, "value", 700, "数字有误", expected_version=1, anchor=anchor)
    with store.engine.begin() as c:                 # an older parser's rows, to be brought up to date
        c.execute(store_module.reports.update().values(parser_version=0))
        c.execute(store_module.items.update().where(store_module.items.c.seq == 1).values(title="旧解析"))
    assert store.reparse() == 1
    assert store.list_reports().id.tolist() == [rid]
    assert item(store, rid, 1).title.startswith("学习习近平")           # the rows really were rewritten
    assert dump(store)["reports"][0][5] == store_module.PARSER_VERSION
    assert item(store, rid, 20).status == "done" and ledger_item(store, rid, 20).status == "done"
    assert figure(store, rid, seq, anchor).value == 700.0 and ledger_figure(store, rid, seq, anchor).value == 700.0
    assert store.item_version(rid, 20) == 2 and len(store.history(rid)) == 2
    assert store.reparse(rid) == 1 and store.reparse(9999) == 0


@pytest.mark.parametrize("again", ["txt-utf8", "txt-gb18030", "docx"])
def test_corrections_survive_delete_and_reimport(store, rid, again):
    seq, anchor = fig_688(store, rid)
    store.correct(rid, 20, "status", "done", "已完成", expected_version=0, author="王五")
    store.correct(rid, seq, "value", 700, "数字有误", expected_version=1, anchor=anchor)
    store.delete(rid)
    assert store.list_reports().empty
    assert all(n == 0 for t, n in counts(store).items() if t in ("reports", "items", "quantities", "actions"))
    assert all(df.empty for df in store.frames([rid]))
    with pytest.raises(StoreError) as e:
        store.ledger(rid)
    assert e.value.code == "no_report"
    with pytest.raises(StoreError):
        store.correct(rid, 20, "status", "done", "理由", expected_version=2)
    orphaned = store.history()
    assert len(orphaned) == 2 and orphaned.report_id.isna().all()

    [res] = store.import_files([seed_file(again)])
    new = res.report_id
    assert res.created
    assert item(store, new, 20).status == "done" and ledger_item(store, new, 20).status == "done"
    assert figure(store, new, seq, anchor).value == 700.0
    assert (store.history(new).report_id == new).all() and len(store.history(new)) == 2
    assert store.item_version(new, 20) == 2       # the lock carries on: a save must build on what is there
    with pytest.raises(Conflict):
        store.correct(new, 20, "status", "not_done", "理由", expected_version=0)
    assert store.correct(new, 20, "status", "not_done", "理由", expected_version=2) == 3


# --- data_version ----------------------------------------------------------------------------------

def test_data_version_changes_with_every_change(store):
    seen = [store.data_version()]

    def changed() -> None:
        v = store.data_version()
        assert v not in seen, (v, seen)
        seen.append(v)

    [a] = store.import_files([seed_file("txt-utf8")])
    changed()
    store.import_files([seed_file("txt-utf8")])          # nothing new: the version stays
    assert store.data_version() == seen[-1]
    store.correct(a.report_id, 20, "status", "done", "理由", expected_version=0)
    changed()
    store.restore(a.report_id, 20, "status", "理由", expected_version=1)
    changed()
    [b] = store.import_files([seed_file("html")])
    changed()
    store.delete(a.report_id)
    changed()
    store.delete(b.report_id)
    changed()


def test_data_version_changes_when_a_deleted_report_is_replaced_within_the_second(db_url, store, monkeypatch,
                                                                                   request):
    monkeypatch.setattr(store_module, "now", lambda: "2024-05-01T08:00:00+00:00")   # both in the same second
    store.import_files([seed_file("txt-utf8")])
    [b] = store.import_files([seed_file("html")])
    before = store.data_version()
    store.delete(b.report_id)
    [c] = store.import_files([("half-width.txt", HALF_WIDTH.encode("utf-8"))])
    assert store.list_reports().filename.tolist() == ["seed.txt", "half-width.txt"]
    assert store.data_version() != before, (b.report_id, c.report_id)


def test_a_deleted_reports_id_is_never_given_to_another(db_url, store, request):
    store.import_files([seed_file("txt-utf8")])
    [b] = store.import_files([seed_file("html")])
    store.delete(b.report_id)
    [c] = store.import_files([("half-width.txt", HALF_WIDTH.encode("utf-8"))])
    assert c.report_id != b.report_id


# --- hostile input ---------------------------------------------------------------------------------

def test_sql_in_names_reasons_and_values_is_stored_literally(store):
    evil = "x'); DROP TABLE reports;--"
    name = f"{evil}.txt"
    [res] = store.import_files([(name, SEED.encode("utf-8"))], author="Robert'); DROP TABLE items;--")
    rid = res.report_id
    store.correct(rid, 20, "title", evil, "'; DELETE FROM corrections; --", expected_version=0,
                  author='"; DROP TABLE item_versions; --')
    store.correct(rid, 21, "status_raw", "完成\\'); --", "1' OR '1'='1", expected_version=0)
    assert set(sa.inspect(store.engine).get_table_names()) >= set(meta.tables)
    assert store.list_reports().filename.tolist() == [name]
    assert dump(store)["reports"][0][4] == "Robert'); DROP TABLE items;--"
    assert counts(store)["items"] == 31 and counts(store)["corrections"] == 2
    assert item(store, rid, 20).title == evil and ledger_item(store, rid, 20).title == evil
    assert item(store, rid, 21).status_raw == "完成\\'); --"
    h = store.history(rid)
    assert h.reason.tolist() == ["1' OR '1'='1", "'; DELETE FROM corrections; --"]
    assert h.author.tolist()[1] == '"; DROP TABLE item_versions; --'
    assert store.item_version(rid, 20) == 1 and store.item_version(rid, 21) == 1


def test_a_nul_character_in_a_reason_is_stored_or_refused_cleanly(db_url, store, rid, request):
    try:
        store.correct(rid, 20, "title", "标题\x00", "理由\x00", expected_version=0)
    except StoreError:
        assert store.history(rid).empty
    else:
        assert store.history(rid).iloc[0].reason.startswith("理由")


# --- the counts stored at import ---------------------------------------------------------------------
def _stored_contract(store: Store, ids: list[int]) -> dict:
    """What the overview shows with everything selected: the stored counts, the rest counted afresh."""
    chosen = store.list_reports()
    chosen = chosen[chosen["id"].isin(ids)]
    stored, left = store.headline_frame(ids, recount=totals.in_rounds(chosen))
    fresh = store.quantities_frame(left) if left else stored.iloc[0:0]
    items = store.items_frame(ids)
    return totals.contract(totals.headlines(chosen, items, items, totals.merge_counted(stored, fresh), counted=True))


def _fresh_contract(store: Store, ids: list[int]) -> dict:
    chosen = store.list_reports()
    chosen = chosen[chosen["id"].isin(ids)]
    items = store.items_frame(ids)
    return totals.contract(totals.headlines(chosen, items, items, store.quantities_frame(ids)))


GENRE_FILES = sorted(p for p in (Path(__file__).parents[1] / "fixtures" / "genre").iterdir()
                     if p.suffix in (".txt", ".html"))


def test_the_counts_stored_at_import_give_the_headlines_of_counting_afresh(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/lib.sqlite3")
    results = store.import_files([(p.name, p.read_bytes()) for p in GENRE_FILES])
    ids = [r.report_id for r in results if r.report_id is not None]
    assert len(ids) == len(GENRE_FILES)
    for rid, path in zip(ids, GENRE_FILES):
        assert _stored_contract(store, [rid]) == _fresh_contract(store, [rid]), path.name
    # all at once, with the rounds of one publisher among them (counted afresh across the rounds)
    assert _stored_contract(store, ids) == _fresh_contract(store, ids)


def test_a_corrected_figure_is_counted_afresh(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/lib.sqlite3")
    [res] = store.import_files([("seed.txt", SEED.encode("utf-8"))])
    rid = res.report_id
    before = _stored_contract(store, [rid])
    q = store.quantities_frame([rid])
    fig = q[(q["headline"] == "recovered_wan")].iloc[0]
    store.correct(rid, int(fig["item_seq"]), "counted", "exclude", "复核", expected_version=0,
                  anchor=int(fig["match_start"]))
    stored, left = store.headline_frame([rid])
    assert left == [rid]                      # the stored count no longer stands
    after = _stored_contract(store, [rid])
    assert after == _fresh_contract(store, [rid])
    assert after["recovered_wan"] != before["recovered_wan"]


# --- a scan's pages ----------------------------------------------------------------------------------
def _page_jpeg(shade: int) -> bytes:
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("L", (620, 877), shade).save(buf, "JPEG")
    return buf.getvalue()


def test_a_scans_page_images_are_kept_deleted_and_backed_up(store, tmp_path):
    from lib.library import backup
    from lib.read.ocr_layout import OcrLine, OcrText

    text = "1.违规发放津补贴。\n整改措施：清退违规发放津补贴12.5万元。\n整改结果：完成"
    pages = [_page_jpeg(250), _page_jpeg(240)]
    ocr = OcrText(text, [OcrLine(1, (100, 100, 1100, 140), 0.99, 0, 10), OcrLine(2, (100, 100, 1100, 140), 0.9, 11, 30)],
                  2, 200, [(1240, 1754), (1240, 1754)], pages)
    [scan] = store.import_texts([("scan.pdf", text, ocr)])
    [plain] = store.import_texts([("plain.txt", text + "\n2.另一个问题。")])
    assert [store.page_image(scan.report_id, n) for n in (1, 2, 3)] == pages + [None]
    assert store.page_image(plain.report_id, 1) is None
    # the OCR lines keep the page sizes (the boxes' pixels) and leave the images to their table
    kept = store.ocr(scan.report_id)
    assert kept.sizes == [(1240, 1754), (1240, 1754)] and kept.images == []
    backup.backup(store, tmp_path / "b.json.gz")
    store.delete(scan.report_id)
    assert store.page_image(scan.report_id, 1) is None
    with store.engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(meta.tables["report_pages"])).scalar() == 0
    backup.restore(store, tmp_path / "b.json.gz", replace=True)
    assert store.page_image(scan.report_id, 2) == pages[1]
