"""Backup, restore, and a process killed in the middle of an import: the library stays whole."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib.library import backup
from lib.library.store import Store, StoreError, items, reports
from tests.seed_facts import SEED
from tests.app.test_app_library import later_round
from tests.library.test_store import dump

ROOT = Path(__file__).resolve().parents[2]


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL, as a power cut or the OOM killer would: no cleanup runs."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL


def assert_intact(store: Store) -> None:
    with store.engine.connect() as c:
        if c.dialect.name == "sqlite":
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def filled(url: str) -> Store:
    store = Store(url)
    a = store.import_files([("seed.txt", SEED.read_bytes())])[0].report_id
    store.import_text(later_round(), "later.txt")
    store.correct(a, 20, "status", "done", "复核", expected_version=0, author="甲")
    return store


def test_backup_then_restore_into_an_empty_library(db_url, tmp_path):
    store = filled(db_url)
    before = dump(store)
    counts = backup.backup(store, tmp_path / "lib.json.gz")
    assert counts["reports"] == 2 and counts["corrections"] == 1 and counts["items"] == 62
    # wipe, then restore
    with store.engine.begin() as c:
        for t in ("item_versions", "corrections", "actions", "quantities", "items", "reports"):
            c.exec_driver_sql(f"DELETE FROM {t}")
    backup.restore(store, tmp_path / "lib.json.gz")
    after = dump(store)
    assert {k: v for k, v in after.items() if k != "settings"} == {k: v for k, v in before.items() if k != "settings"}
    assert store.frames([1])[0].set_index("seq").loc[20, "status"] == "done"     # the correction came back
    new = store.import_text(later_round().replace("2024年6月30日", "2024年12月31日"), "third.txt").report_id
    assert new == 3                                                              # ids continue after the restored ones


def test_restore_refuses_a_full_library_unless_replacing(db_url, tmp_path):
    store = filled(db_url)
    backup.backup(store, tmp_path / "b.json.gz")
    store.import_text(later_round().replace("2024年6月30日", "2025年1月1日"), "extra.txt")
    before = dump(store)
    with pytest.raises(StoreError) as e:
        backup.restore(store, tmp_path / "b.json.gz")
    assert e.value.code == "not_empty" and "--replace" in e.value.zh
    assert dump(store) == before
    backup.restore(store, tmp_path / "b.json.gz", replace=True)
    assert len(store.list_reports()) == 2


@pytest.mark.parametrize("content,code", [
    (b"not gzip at all", "bad_backup"),
    (__import__("gzip").compress(b'{"format": "something else"}'), "bad_backup"),
    (__import__("gzip").compress(b'{"format": "rectify-backup", "schema_version": 99, "tables": {}}'), "backup_version"),
    (__import__("gzip").compress(b'{"format": "rectify-backup", "schema_vers'), "bad_backup"),
])
def test_a_bad_backup_changes_nothing(db_url, tmp_path, content, code):
    store = filled(db_url)
    before = dump(store)
    f = tmp_path / "bad.gz"
    f.write_bytes(content)
    with pytest.raises(StoreError) as e:
        backup.restore(store, f, replace=True)
    assert e.value.code == code and e.value.zh and e.value.en
    assert dump(store) == before


def test_backup_and_restore_from_the_command_line(tmp_path):
    filled(os.environ["RECTIFY_DATABASE_URL"])
    out = tmp_path / "cli.json.gz"
    run = lambda *a: subprocess.run([sys.executable, "-m", "lib", *a], cwd=ROOT, capture_output=True, text=True,
                                    timeout=120)
    r = run("backup", "--out", str(out))
    assert r.returncode == 0 and "reports 2" in r.stdout and out.exists()
    r = run("restore", str(out))
    assert r.returncode == 2 and "--replace" in r.stderr and "Traceback" not in r.stderr
    r = run("restore", str(out), "--replace")
    assert r.returncode == 0 and "items 62" in r.stdout


IMPORTER = """
import sys, time
sys.path.insert(0, {root!r})
from bench.synth import corpus
from lib.library.store import Store
store = Store({url!r})
print("ready", flush=True)
for n, text in enumerate(corpus(400, seed=3)):
    store.import_text(text, f"r{{n}}.txt")
"""


def test_an_import_killed_midway_leaves_the_library_consistent(db_url):
    Store(db_url)   # schema in place before the importer starts
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER.format(root=str(ROOT), url=db_url)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    store = Store(db_url)
    deadline = time.time() + 60
    while len(store.list_reports()) < 5 and time.time() < deadline:   # let several imports commit
        time.sleep(0.05)
    kill(proc)
    store = Store(db_url)
    assert_intact(store)
    with store.engine.connect() as c:
        per_report = dict(c.execute(sa.select(items.c.report_id, sa.func.count()).group_by(items.c.report_id)).all())
        stated = dict(c.execute(sa.select(reports.c.id, reports.c.n_items)).all())
    assert len(stated) >= 5
    assert per_report == stated          # every report whole: no report without its items, no stray items
    assert store.import_text(later_round(), "after.txt").created    # and the library still takes imports


RESTORER = """
import sys, time
sys.path.insert(0, {root!r})
import sqlalchemy as sa
from lib.library import backup
from lib.library.store import Store
real = sa.engine.Connection.execute
def execute(self, statement, *args, **kwargs):
    out = real(self, statement, *args, **kwargs)
    if getattr(getattr(statement, "table", None), "name", "") == "items" and statement.is_insert:
        print("inside", flush=True)      # the old rows deleted, the first new ones written, nothing committed
        time.sleep(60)
    return out
sa.engine.Connection.execute = execute
backup.restore(Store({url!r}), {path!r}, replace=True)
"""


def test_a_restore_killed_inside_its_write_transaction_leaves_the_library_as_it_was(db_url, tmp_path):
    """Killed after deleting the library's rows and writing some of the backup's, before the commit: the library
    is exactly what it was, and takes imports."""
    other = tmp_path / "other.json.gz"
    source = Store(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    source.import_text(later_round(), "only.txt")
    backup.backup(source, other)
    store = filled(db_url)
    before = dump(store)
    proc = subprocess.Popen([sys.executable, "-c", RESTORER.format(root=str(ROOT), url=db_url, path=str(other))],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "inside"
    finally:
        kill(proc)
    after = Store(db_url)
    assert_intact(after)
    assert dump(after) == before
    assert after.import_text(SEED.read_text(encoding="utf-8") + "\n附：", "again.txt").created
