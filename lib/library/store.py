"""The report library: SQLite by default, PostgreSQL by URL; imports, ledgers, and corrections as an overlay."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..ledger.model import STATUSES, Ledger
from ..ledger.once import count_ledger
from ..ledger.parse import parse_text
from ..ledger.roles import HEADLINES, fits
from ..read.ocr_layout import OcrText
from ..read.readers import ReadError, normalize_text, read_document
from .frames import (
    HEADLINE_COLUMNS,
    STATED_COLUMNS,
)
from .rows import (  # noqa: F401 - the store's API
    COUNTED_VALUES,
    FIGURE_FIELDS,
    ITEM_FIELDS,
    SUMMARY,
    _actions_df,
    _cast,
    _items_df,
    _label,
    _quantities_df,
)
from .schema import (  # noqa: F401 - the store's API
    MIGRATIONS,
    PARSER_VERSION,
    SCHEMA_VERSION,
    actions,
    corrections,
    item_versions,
    report_pages,
    items,
    meta,
    quantities,
    reports,
    settings,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REPORTS_DIR = DATA_DIR / "reports"
DEFAULT_URL = f"sqlite:///{DATA_DIR / 'rectify.sqlite3'}"
URL_ENV = "RECTIFY_DATABASE_URL"
class StoreError(Exception):
    """A failure the user can act on; zh/en are one-line messages."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en = code, zh, en


class Conflict(StoreError):
    def __init__(self, current: int, expected: int):
        super().__init__(
            "conflict",
            "保存失败：该事项已被他人更正，请刷新后查看最新内容再修改",
            "Not saved: someone else corrected this item meanwhile; reload to see their change, then edit again",
        )
        self.current, self.expected = current, expected


@dataclass
class ImportResult:
    filename: str
    report_id: int
    created: bool          # False: the same content was already in the library
    title: str | None
    items: int
    warnings: list[str]


def read_named(name: str, data: bytes, columns: dict[int, str] | None = None) -> str:
    """read_bytes, with the file (or address) named in its ReadError: in a batch the user must know which."""
    return read_named_document(name, data, columns)[0]


def read_named_document(name: str, data: bytes, columns: dict[int, str] | None = None) -> tuple[str, OcrText | None]:
    """read_named, and a scan's OCR lines (the library keeps them: each figure's page, what to check)."""
    try:
        return read_document(data, name, columns=columns)
    except ReadError as e:
        raise named(e, name) from e


def named(e: ReadError, name: str) -> ReadError:
    return ReadError(e.code, f"{name}：{e.zh}", f"{name}: {e.en}")


Parsed = tuple[str, str, Ledger, "OcrText | None"]   # (name, text, its ledger, a scan's OCR lines)


def _read_one(item: tuple[str, bytes], columns: dict[int, str] | None = None) -> Parsed:
    name, data = item
    text, ocr = read_named_document(name, data, columns)
    return name, text, parse_text(text), ocr


def _read_and_parse(files: list[tuple[str, bytes]],
                    columns: dict[str, dict[int, str]] | None = None) -> list[Parsed]:
    """Read and parse every file before any is saved; a ReadError names the file. `columns`: a spreadsheet's
    columns mapped by hand, by file name."""
    return [_read_one(f, (columns or {}).get(f[0])) for f in files]


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def content_hash(text: str) -> str:
    """Of the text as read, so the same report as .docx and as .txt with equal text counts once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_engine(url: str | None = None) -> Engine:
    url = url or os.environ.get(URL_ENV) or DEFAULT_URL
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_setup(dbapi_conn, _record):
            # Let SQLAlchemy's BEGIN be ours (pysqlite's implicit one is too late for locking).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # Writers take the write lock up front and queue up instead of interleaving (Store.writing);
            # readers begin deferred, so under WAL they never wait for a writer or for each other.
            immediate = conn.get_execution_options().get("sqlite_immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


class Store:
    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.engine = engine or make_engine(url)
        self.migrate()
        self.reparse_outdated()

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on any exception."""
        with self.engine.connect() as c:
            c.execution_options(sqlite_immediate=True)
            with c.begin():
                yield c

    # --- schema -------------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.engine.connect() as c:
            if not sa.inspect(c).has_table("settings"):
                return 0
            v = c.execute(sa.select(settings.c.value).where(settings.c.key == "schema_version")).scalar()
            return int(v) if v else 0

    def migrate(self) -> int:
        """Create the schema, or bring an older one up to SCHEMA_VERSION, in one transaction."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError("schema_newer", f"数据库结构版本 {current} 比本程序新，请升级程序",
                             f"The database schema (v{current}) is newer than this program; upgrade it")
        if current == SCHEMA_VERSION:
            return current
        with self.writing() as c:
            if current == 0:
                meta.create_all(c)
            else:
                for v in range(current + 1, SCHEMA_VERSION + 1):
                    for step in MIGRATIONS.get(v, []):
                        if callable(step):
                            step(c)
                        else:
                            c.exec_driver_sql(step)
            self._set(c, "schema_version", str(SCHEMA_VERSION))
        return SCHEMA_VERSION

    def _set(self, c: Connection, key: str, value: str) -> None:
        if c.execute(sa.select(settings.c.key).where(settings.c.key == key)).first():
            c.execute(settings.update().where(settings.c.key == key).values(value=value))
        else:
            c.execute(settings.insert().values(key=key, value=value))

    def data_version(self) -> str:
        """Changes whenever reports or corrections change (every write bumps it): a cache key for the UI."""
        with self.engine.connect() as c:
            v = c.execute(sa.select(settings.c.value).where(settings.c.key == "generation")).scalar()
        return v or "0"

    def _bump(self, c: Connection) -> None:
        """Inside the writing transaction, so readers see the new generation exactly with the new data."""
        res = c.execute(settings.update().where(settings.c.key == "generation")
                        .values(value=sa.cast(sa.cast(settings.c.value, sa.Integer) + 1, sa.Text)))
        if res.rowcount == 0:
            c.execute(settings.insert().values(key="generation", value="1"))

    # --- import -------------------------------------------------------------------------------
    def import_files(self, files: Iterable[tuple[str, bytes]], author: str | None = None,
                     columns: dict[str, dict[int, str]] | None = None) -> list[ImportResult]:
        """Read, parse and save several files in ONE transaction: any failure saves none of them. `columns` maps
        a spreadsheet's columns to ledger roles by hand, by file name (lib.read.sheets.UnmappedSheet).

        Raises ReadError (with the file name in the message) or StoreError; the library is then unchanged.
        """
        return self._import_parsed(_read_and_parse(list(files), columns), author)

    def import_texts(self, texts: Iterable[tuple], author: str | None = None) -> list[ImportResult]:
        """Save texts a reader has already given, each under its source's name (a web page's address, read by
        lib.read.fetch with the charset its server sent), in ONE transaction like import_files. Each is
        (name, text) or (name, text, a scan's OcrText)."""
        parsed = []
        for name, text, *ocr in texts:
            text = normalize_text(text)
            parsed.append((name, text, parse_text(text), ocr[0] if ocr else None))
        return self._import_parsed(parsed, author)

    def _import_parsed(self, parsed: list[Parsed], author: str | None) -> list[ImportResult]:
        with self.writing() as c:
            results = [self._save(c, name, text, ledger, author, ocr) for name, text, ledger, ocr in parsed]
            if any(r.created for r in results):
                self._bump(c)
            return results

    def import_text(self, text: str, filename: str, author: str | None = None) -> ImportResult:
        """Import text that did not come through a reader: it gets the readers' clean-up first (newlines,
        invisible characters, lone surrogates), so what is stored is what a file would have given."""
        text = normalize_text(text)
        with self.writing() as c:
            result = self._save(c, filename, text, parse_text(text), author)
            if result.created:
                self._bump(c)
            return result

    def _save(self, c: Connection, filename: str, text: str, ledger: Ledger, author: str | None,
              ocr: OcrText | None = None) -> ImportResult:
        h = content_hash(text)
        existing = c.execute(sa.select(reports.c.id).where(reports.c.content_hash == h)).scalar()
        if existing is not None:
            return ImportResult(filename, existing, False, ledger.title, len(ledger.items), ledger.warnings)
        rid = c.execute(reports.insert().values(
            content_hash=h, filename=filename, imported_at=now(), imported_by=author,
            parser_version=PARSER_VERSION, **self._report_row(ledger, text),
            ocr=json.dumps(ocr.to_dict(), ensure_ascii=False) if ocr is not None else None,
        ).returning(reports.c.id)).scalar_one()
        self._write_rows(c, rid, ledger)
        if ocr is not None and any(ocr.images):
            c.execute(report_pages.insert(), [dict(report_id=rid, page=n, image=base64.b64encode(img).decode("ascii"))
                                              for n, img in enumerate(ocr.images, start=1) if img])
        return ImportResult(filename, rid, True, ledger.title, len(ledger.items), ledger.warnings)

    @staticmethod
    def _report_row(ledger: Ledger, text: str) -> dict:
        return dict(
            title=ledger.title, publisher=ledger.publisher, kind=ledger.kind, inspector=ledger.inspector,
            inspection_start=ledger.inspection_start, inspection_end=ledger.inspection_end,
            feedback_date=ledger.feedback_date, report_date=ledger.report_date,
            n_items=len(ledger.items), n_done=sum(i.status == "done" for i in ledger.items),
            stated=json.dumps(vars(ledger.stated), ensure_ascii=False),
            ledger_json=json.dumps(ledger.to_dict(), ensure_ascii=False), text=text,
        )

    @staticmethod
    def _write_rows(c: Connection, rid: int, ledger: Ledger) -> None:
        themes = {t.no: t.title for t in ledger.themes}
        figures: dict[int, list[str]] = {}
        for q in ledger.quantities:
            if q.item_seq is not None:
                figures.setdefault(q.item_seq, []).append(q.match)
        if ledger.items:
            c.execute(items.insert(), [dict(
                report_id=rid, seq=i.seq, no=i.no, theme_no=i.theme_no, theme=themes.get(i.theme_no),
                title=i.title, status=i.status, status_raw=i.status_raw, n_measures=len(i.measures),
                measures=json.dumps(i.measures, ensure_ascii=False), measures_text="\n".join(i.measures),
                figures_text="、".join(figures.get(i.seq, [])),
                grp=i.group, start=i.start, end=i.end,
                responsible=i.responsible, deadline=i.deadline, deadline_raw=i.deadline_raw,
            ) for i in ledger.items])
        if ledger.quantities:
            counts = count_ledger(ledger)
            c.execute(quantities.insert(), [dict(
                report_id=rid, idx=n, item_seq=q.item_seq, item_no=q.item_no, value=q.value, unit=q.unit,
                kind=q.kind, label=q.label, tags=",".join(q.tags), approximate=q.approximate,
                headline=q.headline, aside=q.aside, text=q.text,
                match=q.match, start=q.start, end=q.end, match_start=q.match_start, match_end=q.match_end,
                **dict(zip(("family", "counted", "reason", "ref"), counts[n] or (None,) * 4)),
            ) for n, q in enumerate(ledger.quantities)])
        if ledger.actions:
            c.execute(actions.insert(), [dict(
                report_id=rid, idx=n, item_seq=a.get("item_seq"), item_no=a.get("item_no"), date=a["date"],
                day=a.get("day"), text=a["text"],
            ) for n, a in enumerate(ledger.actions)])

    def ensure_bundled(self, folder: Path = REPORTS_DIR) -> list[ImportResult]:
        """Import the files in data/reports/ that the library does not hold yet (first start)."""
        files = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*"))
                 if p.is_file() and p.suffix.lower() in {".txt", ".docx", ".pdf", ".html", ".htm"}]
        out = []
        for name, data in files:
            try:
                out += self.import_files([(name, data)], author="bundled")
            except ReadError:
                continue   # an unreadable bundled file must not keep the app from starting
        return out

    def reparse_outdated(self) -> int:
        """Parse again the reports an older parser read (after an upgrade): what every screen shows comes
        from the current parser."""
        with self.engine.connect() as c:
            ids = [r for (r,) in c.execute(sa.select(reports.c.id).where(reports.c.parser_version < PARSER_VERSION))]
        for rid in ids:
            self.reparse(rid)
        return len(ids)

    def reparse(self, report_id: int | None = None) -> int:
        """Parse stored texts again with the current parser; corrections, keyed by content, stay applied."""
        with self.engine.connect() as c:
            q = sa.select(reports.c.id, reports.c.text)
            if report_id is not None:
                q = q.where(reports.c.id == report_id)
            rows = c.execute(q).all()
        for rid, text in rows:
            ledger = parse_text(text)
            with self.writing() as c:
                for t in (items, quantities, actions):
                    c.execute(t.delete().where(t.c.report_id == rid))
                c.execute(reports.update().where(reports.c.id == rid).values(
                    parser_version=PARSER_VERSION, **self._report_row(ledger, text)))
                self._write_rows(c, rid, ledger)
                self._bump(c)
        return len(rows)

    def delete(self, report_id: int) -> None:
        with self.writing() as c:
            for t in (items, quantities, actions, report_pages):
                c.execute(t.delete().where(t.c.report_id == report_id))
            c.execute(reports.delete().where(reports.c.id == report_id))
            self._bump(c)

    # --- reading ------------------------------------------------------------------------------
    def list_reports(self) -> pd.DataFrame:
        cols = [reports.c.id, reports.c.filename, reports.c.title, reports.c.publisher, reports.c.kind,
                reports.c.inspector, reports.c.inspection_start, reports.c.inspection_end,
                reports.c.feedback_date, reports.c.report_date, reports.c.n_items, reports.c.n_done,
                reports.c.imported_at, reports.c.content_hash, reports.c.stated]
        with self.engine.connect() as c:
            df = pd.DataFrame(c.execute(sa.select(*cols).order_by(reports.c.id)).mappings().all(),
                              columns=[col.name for col in cols])
            # a missing header field is None, not NaN (which is truthy: `publisher or "—"` would print nan)
            text_cols = [col.name for col in cols if col.name not in ("id", "n_items", "n_done")]
            df[text_cols] = df[text_cols].astype(object).where(df[text_cols].notna(), None)
            df["label"] = [_label(r) for r in df.itertuples()]
            stated = [json.loads(v) if v else {} for v in df.pop("stated")]
            for col, key in STATED_COLUMNS.items():
                df[col] = [st.get(key) for st in stated]
            overlay = self._overlay(c, list(df["content_hash"]))
            status_fixes = {(h, seq): v for (h, seq, anchor, field), v in overlay.items()
                            if anchor == -1 and field == "status"}
            if status_fixes:
                # n_done as corrected: recount the reports whose items have status corrections
                rid_by_hash = dict(zip(df["content_hash"], df["id"]))
                for h in {h for h, _ in status_fixes}:
                    rid = rid_by_hash[h]
                    rows = c.execute(sa.select(items.c.seq, items.c.status).where(items.c.report_id == rid)).all()
                    done = sum((status_fixes.get((h, seq), st)) == "done" for seq, st in rows)
                    df.loc[df["id"] == rid, "n_done"] = done
        return df

    def ledger(self, report_id: int) -> Ledger:
        """The stored ledger with every active correction applied."""
        with self.engine.connect() as c:
            row = c.execute(sa.select(reports.c.ledger_json, reports.c.content_hash)
                            .where(reports.c.id == report_id)).first()
            if row is None:
                raise StoreError("no_report", f"没有编号为 {report_id} 的报告", f"No report with id {report_id}")
            overlay = self._overlay(c, [row.content_hash])
        ledger = Ledger.from_dict(json.loads(row.ledger_json))
        for (h, seq, anchor, field), value in overlay.items():
            if anchor == -1:
                it = next((i for i in ledger.items if i.seq == seq), None)
                if it is not None:
                    setattr(it, field, _cast(ITEM_FIELDS[field], value))
            else:
                for q in ledger.quantities:
                    if (q.item_seq or SUMMARY) == seq and q.match_start == anchor:
                        _set_figure(q, field, value)
        return ledger

    def ocr(self, report_id: int) -> OcrText | None:
        """The OCR lines of a report read off a scan (each line's page, box and score), else None."""
        with self.engine.connect() as c:
            raw = c.execute(sa.select(reports.c.ocr).where(reports.c.id == report_id)).scalar()
        return OcrText.from_dict(json.loads(raw)) if raw else None

    def page_image(self, report_id: int, page: int) -> bytes | None:
        """Page `page` (1-based) of a scanned report as the JPEG kept at import, else None."""
        with self.engine.connect() as c:
            raw = c.execute(sa.select(report_pages.c.image).where(report_pages.c.report_id == report_id,
                                                                   report_pages.c.page == page)).scalar()
        return base64.b64decode(raw) if raw else None

    def text(self, report_id: int) -> str:
        with self.engine.connect() as c:
            return c.execute(sa.select(reports.c.text).where(reports.c.id == report_id)).scalar_one()

    def frames(self, report_ids: Iterable[int]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Items, figures and dated actions of these reports as DataFrames, corrections applied."""
        return self.items_frame(report_ids), self.quantities_frame(report_ids), self.actions_frame(report_ids)

    def _scope(self, c: Connection, report_ids: Iterable[int]) -> tuple[list[int], dict, dict, dict]:
        ids = sorted(set(int(i) for i in report_ids))
        rows = c.execute(sa.select(reports.c.id, reports.c.content_hash, reports.c.publisher, reports.c.title,
                                   reports.c.report_date).where(reports.c.id.in_(ids))).all()
        hashes = {r.id: r.content_hash for r in rows}
        return ids, {r.id: _label(r) for r in rows}, hashes, self._overlay(c, list(hashes.values()))

    def items_frame(self, report_ids: Iterable[int]) -> pd.DataFrame:
        with self.engine.connect() as c:
            ids, labels, hashes, overlay = self._scope(c, report_ids)
            item_cols = [col for col in items.c if col.name != "measures"]   # the JSON twin is for ledgers
            it = _frame(c, sa.select(*item_cols).where(items.c.report_id.in_(ids))
                        .order_by(items.c.report_id, items.c.seq))
        return _items_df(it, labels, hashes, overlay)

    def quantities_frame(self, report_ids: Iterable[int]) -> pd.DataFrame:
        with self.engine.connect() as c:
            ids, labels, hashes, overlay = self._scope(c, report_ids)
            it = _frame(c, sa.select(items.c.report_id, items.c.seq, items.c.theme_no, items.c.status)
                        .where(items.c.report_id.in_(ids)))
            qt = _frame(c, sa.select(quantities).where(quantities.c.report_id.in_(ids))
                        .order_by(quantities.c.report_id, quantities.c.idx))
        rid_by_hash = {h: r for r, h in hashes.items()}
        status_fixes = {(rid_by_hash[h], seq): v for (h, seq, anchor, field), v in overlay.items()
                        if anchor == -1 and field == "status" and h in rid_by_hash}
        if status_fixes:   # a corrected status shows on the item's figures too
            it["status"] = [status_fixes.get((r, s), v) for r, s, v in zip(it["report_id"], it["seq"], it["status"])]
        return _quantities_df(qt, it, labels, hashes, overlay)

    def headline_frame(self, report_ids: Iterable[int], recount: Iterable[int] = ()) -> tuple[pd.DataFrame, list[int]]:
        """The figures of the headline totals as counted at import (HEADLINE_COLUMNS: without their sentences),
        and the reports left to count afresh from quantities_frame: those in `recount` and those whose figures
        an analyst corrected (a correction may move a figure, change its value or its total)."""
        recount = set(int(i) for i in recount)
        with self.engine.connect() as c:
            ids, labels, hashes, overlay = self._scope(c, report_ids)
            corrected = {h for (h, seq, anchor, field) in overlay if anchor != -1 and field in FIGURE_FIELDS}
            left = [r for r in ids if r in recount or hashes.get(r) in corrected]
            stored = [r for r in ids if r not in set(left)]
            cols = [quantities.c[name] for name in HEADLINE_COLUMNS if name in quantities.c]
            qt = _frame(c, sa.select(*cols).where(quantities.c.report_id.in_(stored), quantities.c.family.is_not(None))
                        .order_by(quantities.c.report_id, quantities.c.idx))
        types = {"report_id": int, "idx": int, "item_seq": "Int64", "item_no": "Int64", "value": "float64", "counted": bool}
        if qt.empty:
            return pd.DataFrame(columns=HEADLINE_COLUMNS).astype(types), left
        df = qt.assign(report=qt["report_id"].map(labels), override=None)
        for col in ("headline", "aside", "reason", "ref"):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
        df = df.astype(types)[HEADLINE_COLUMNS]
        return df.astype({"report": "category", "unit": "category", "kind": "category", "headline": "category",
                          "aside": "category"}), left

    def actions_frame(self, report_ids: Iterable[int]) -> pd.DataFrame:
        with self.engine.connect() as c:
            ids, labels, _, _ = self._scope(c, report_ids)
            it = _frame(c, sa.select(items.c.report_id, items.c.seq, items.c.theme_no)
                        .where(items.c.report_id.in_(ids)))
            ac = _frame(c, sa.select(actions).where(actions.c.report_id.in_(ids))
                        .order_by(actions.c.report_id, actions.c.idx))
        return _actions_df(ac, it, labels)

    # --- corrections --------------------------------------------------------------------------
    def _overlay(self, c: Connection, hashes: list[str]) -> dict[tuple, str | None]:
        """The latest correction per (content, item, figure, field), restores removed."""
        if not hashes:
            return {}
        rows = c.execute(sa.select(corrections).where(corrections.c.content_hash.in_(hashes))
                         .order_by(corrections.c.id)).all()
        latest: dict[tuple, tuple[str, str | None]] = {}
        for r in rows:
            latest[(r.content_hash, r.item_seq, r.anchor, r.field)] = (r.action, r.new_value)
        return {k: v for k, (action, v) in latest.items() if action == "set"}

    def item_version(self, report_id: int, item_seq: int) -> int:
        with self.engine.connect() as c:
            h = self._hash(c, report_id)
            v = c.execute(sa.select(item_versions.c.version).where(
                item_versions.c.content_hash == h, item_versions.c.item_seq == item_seq)).scalar()
        return int(v or 0)

    def correct(self, report_id: int, item_seq: int, field: str, new_value, reason: str, *,
                expected_version: int, author: str | None = None, anchor: int = -1) -> int:
        """Record a correction of an item's field (anchor -1) or of a figure's (anchor = its match_start).

        Returns the item's new version. Raises Conflict when the item changed since `expected_version`,
        StoreError for a value that does not fit the field."""
        fields = ITEM_FIELDS if anchor == -1 else FIGURE_FIELDS
        if field not in fields:
            raise StoreError("bad_field", f"不能更正字段 {field}", f"Field {field} cannot be corrected")
        value = self._check_value(field, new_value)
        if not _clean(reason):
            raise StoreError("no_reason", "请填写更正理由", "Please give a reason for the correction")
        if field == "headline" and value != "none":
            self._check_fits(report_id, item_seq, anchor, value)
        return self._record(report_id, item_seq, anchor, field, value, "set", _clean(reason), _clean(author) or None,
                            expected_version)

    def restore(self, report_id: int, item_seq: int, field: str, reason: str, *, expected_version: int,
                author: str | None = None, anchor: int = -1) -> int:
        """Back to the extracted value (the correction stays in the history)."""
        if field not in (ITEM_FIELDS if anchor == -1 else FIGURE_FIELDS):
            raise StoreError("bad_field", f"不能更正字段 {field}", f"Field {field} cannot be corrected")
        return self._record(report_id, item_seq, anchor, field, None, "restore",
                            _clean(reason) or "恢复为解析值", _clean(author) or None, expected_version)

    def _check_fits(self, report_id: int, item_seq: int, anchor: int, headline: str) -> None:
        """A figure moved to a total must be counted in its unit: 4宗 cannot add to 亩, nor 万元 to people."""
        with self.engine.connect() as c:
            h = self._hash(c, report_id)
            kind = self._current_value(c, report_id, h, item_seq, anchor, "kind")
            unit = self._current_value(c, report_id, h, item_seq, anchor, "unit")
        if kind is not _MISSING and not fits(headline, kind, unit):
            raise StoreError("headline_unit", f"该数字的单位（{unit}）不能计入所选合计",
                             f"A figure in {unit} cannot be added to that total")

    def _check_value(self, field: str, value) -> str:
        if field == "headline" and value not in (*HEADLINES, "none"):
            raise StoreError("bad_headline", "归类必须是：追回资金、土地、立案、党纪政务处分、其他问责或不计入之一",
                             "The total must be one of recovered_wan, land_mu, cases, disciplined_people, "
                             "other_accountability_people or none")
        if field == "counted" and value not in COUNTED_VALUES:
            raise StoreError("bad_counted", "计入方式必须是：计入或不计入", "Counted must be include or exclude")
        if field == "deadline":
            text = _clean(value)
            try:
                return dt.date.fromisoformat(text).isoformat()
            except ValueError:
                raise StoreError("bad_deadline", f"“{text}”不是有效日期，请按 YYYY-MM-DD 填写",
                                 f"“{text}” is not a valid date; use YYYY-MM-DD") from None
        if field == "status" and value not in STATUSES:
            raise StoreError("bad_status", "整改状态必须是：完成、阶段性完成、未完成、未说明之一",
                             "Status must be one of done, in_progress, not_done, unknown")
        if field == "value":
            try:
                number = float(str(value).replace(",", "").strip())
            except (TypeError, ValueError):
                number = math.nan
            if not math.isfinite(number):
                raise StoreError("bad_number", f"“{_clean(value)}”不是有效数字", f"“{_clean(value)}” is not a valid number")
            return repr(number)
        text = _clean(value)
        if not text:
            raise StoreError("empty_value", "更正后的内容不能为空", "The corrected value cannot be empty")
        return text

    def _record(self, report_id, item_seq, anchor, field, value, action, reason, author, expected) -> int:
        with self.writing() as c:
            h = self._hash(c, report_id)
            old = self._current_value(c, report_id, h, item_seq, anchor, field)
            if old is _MISSING:
                raise StoreError("no_target", "找不到要更正的事项或数字", "The item or figure to correct was not found")
            # Optimistic lock: move the version from `expected` to expected+1, or fail as a conflict.
            res = c.execute(item_versions.update().where(
                item_versions.c.content_hash == h, item_versions.c.item_seq == item_seq,
                item_versions.c.version == expected).values(version=expected + 1))
            if res.rowcount != 1:
                current = c.execute(sa.select(item_versions.c.version).where(
                    item_versions.c.content_hash == h, item_versions.c.item_seq == item_seq)).scalar()
                if current is not None or expected != 0:
                    raise Conflict(int(current or 0), expected)
                try:
                    with c.begin_nested():
                        c.execute(item_versions.insert().values(content_hash=h, item_seq=item_seq, version=1))
                except sa.exc.IntegrityError:
                    raise Conflict(1, expected) from None
            c.execute(corrections.insert().values(
                content_hash=h, item_seq=item_seq, anchor=anchor, field=field,
                old_value=None if old is None else str(old), new_value=value, action=action, reason=reason,
                author=author, created_at=now()))
            self._bump(c)
        return expected + 1

    def _current_value(self, c, report_id, h, item_seq, anchor, field):
        overlay = self._overlay(c, [h])
        if (h, item_seq, anchor, field) in overlay:
            return overlay[(h, item_seq, anchor, field)]
        if anchor == -1:
            row = c.execute(sa.select(items).where(items.c.report_id == report_id, items.c.seq == item_seq)).first()
        else:
            in_item = quantities.c.item_seq.is_(None) if item_seq == SUMMARY else quantities.c.item_seq == item_seq
            row = c.execute(sa.select(quantities).where(quantities.c.report_id == report_id, in_item,
                                                        quantities.c.match_start == anchor)).first()
        if row is None:
            return _MISSING
        return getattr(row, field, None)   # counted has no column: the parser never sets it

    def history(self, report_id: int | None = None) -> pd.DataFrame:
        q = sa.select(corrections, reports.c.id.label("report_id")).join(
            reports, reports.c.content_hash == corrections.c.content_hash, isouter=True)
        if report_id is not None:
            q = q.where(reports.c.id == report_id)
        with self.engine.connect() as c:
            rows = c.execute(q.order_by(corrections.c.id.desc())).mappings().all()
        cols = ["id", "report_id", "item_seq", "anchor", "field", "old_value", "new_value", "action", "reason",
                "author", "created_at", "content_hash"]
        return pd.DataFrame(rows, columns=cols)[cols] if rows else pd.DataFrame(columns=cols)

    def _hash(self, c: Connection, report_id: int) -> str:
        h = c.execute(sa.select(reports.c.content_hash).where(reports.c.id == report_id)).scalar()
        if h is None:
            raise StoreError("no_report", f"没有编号为 {report_id} 的报告", f"No report with id {report_id}")
        return h


_MISSING = object()


def _clean(value) -> str:
    """User-typed text as stored: trimmed, without NUL (PostgreSQL text cannot hold it)."""
    return "" if value is None else str(value).replace("\x00", "").strip()


def _set_figure(q, field: str, value) -> None:
    """A figure correction on a parsed Quantity: the counted one is the analyst's override."""
    if field == "counted":
        q.override = value
    elif field == "headline":
        q.headline = None if value == "none" else value
    else:
        setattr(q, field, _cast(FIGURE_FIELDS[field], value))


def _frame(c: Connection, query) -> pd.DataFrame:
    """A SELECT straight into a DataFrame through the driver's cursor, still with bound parameters.

    SQLAlchemy's Row objects cost about a quarter of a second per 30,000 rows on the way into pandas; the
    driver's own tuples do not."""
    compiled = query.compile(dialect=c.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.params
    if compiled.positiontup is not None:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor = c.connection.driver_connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        columns = [d[0] for d in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
    finally:
        cursor.close()
