"""Backup and restore of the library as one portable file (gzipped JSON), SQLite ↔ PostgreSQL alike."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import sqlalchemy as sa

from .store import SCHEMA_VERSION, Store, StoreError, meta

FORMAT = "rectify-backup"
# Parents before children, so foreign keys hold while rows go in.
TABLES = ["settings", "reports", "items", "quantities", "actions", "corrections", "item_versions", "report_pages"]


def backup(store: Store, path: str | Path) -> dict[str, int]:
    """Write every table, read in one transaction (a consistent snapshot), to `path`; row counts returned."""
    data: dict[str, list] = {}
    with store.engine.connect() as c:
        if c.dialect.name == "postgresql":
            c.execution_options(isolation_level="REPEATABLE READ")   # one snapshot across the tables
        # (SQLite: a read transaction under WAL is already one snapshot)
        for name in TABLES:
            table = meta.tables[name]
            cols = [col.name for col in table.columns]
            rows = c.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            data[name] = [dict(zip(cols, row)) for row in rows]
    payload = {"format": FORMAT, "schema_version": store.schema_version(),
               "created_at": dt.datetime.now(dt.timezone.utc).isoformat(), "tables": data}
    tmp = Path(str(path) + ".partial")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False)
    tmp.replace(path)   # a backup interrupted half-way never looks like a finished one
    return {name: len(rows) for name, rows in data.items()}


def restore(store: Store, path: str | Path, replace: bool = False) -> dict[str, int]:
    """Load a backup into the library in ONE transaction: all of it, or (on any error) nothing.

    An empty library is required unless `replace` is set, which deletes the current contents first.
    """
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            payload = json.load(fh)
    except (OSError, EOFError, ValueError) as e:
        raise StoreError("bad_backup", f"无法读取备份文件：{e}", f"Cannot read the backup file: {e}") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise StoreError("bad_backup", "这不是整改看板的备份文件", "This is not a backup of this dashboard")
    version = int(payload.get("schema_version", 0))
    if version != SCHEMA_VERSION:
        raise StoreError("backup_version", f"备份的数据结构版本为 {version}，本程序为 {SCHEMA_VERSION}，请用对应版本恢复",
                         f"The backup's schema version is {version}, this program's is {SCHEMA_VERSION}")
    tables = payload.get("tables") or {}
    before = int(store.data_version())
    with store.writing() as c:
        existing = c.execute(sa.select(sa.func.count()).select_from(meta.tables["reports"])).scalar()
        if existing and not replace:
            raise StoreError("not_empty", "报告库不为空；如要覆盖现有内容，请使用 --replace",
                             "The library is not empty; use --replace to overwrite it")
        for name in reversed(TABLES):
            c.execute(meta.tables[name].delete())
        for name in TABLES:
            rows = tables.get(name) or []
            if rows:
                c.execute(meta.tables[name].insert(), rows)
        # a generation number the UI has never seen, so no cache serves pre-restore data
        settings = meta.tables["settings"]
        restored = int(next((r["value"] for r in tables.get("settings", []) if r["key"] == "generation"), 0))
        c.execute(settings.delete().where(settings.c.key == "generation"))
        c.execute(settings.insert().values(key="generation", value=str(max(before, restored) + 1)))
        if c.dialect.name == "postgresql":
            # explicit ids went in: move the sequences past them so new rows do not collide
            for name in ("reports", "corrections"):
                c.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)")
    return {name: len(tables.get(name) or []) for name in TABLES}
