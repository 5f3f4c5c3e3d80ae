"""Schema migrations: a library written by an older version is brought up to date in place."""
from __future__ import annotations

import sqlalchemy as sa

from lib.library.store import (
    PARSER_VERSION,
    SCHEMA_VERSION,
    Store,
    items,
    quantities,
    reports,
    settings,
)
from lib.views import totals
from tests.seed_facts import SEED

# what each version added, dropped again to make a library of the version before
V7 = ["DROP TABLE report_pages"]
V6 = ["ALTER TABLE reports DROP COLUMN ocr"]
V5 = ["ALTER TABLE items DROP COLUMN responsible", "ALTER TABLE items DROP COLUMN deadline",
      "ALTER TABLE items DROP COLUMN deadline_raw"]
V4 = ["ALTER TABLE quantities DROP COLUMN family", "ALTER TABLE quantities DROP COLUMN counted",
      "ALTER TABLE quantities DROP COLUMN reason", "ALTER TABLE quantities DROP COLUMN ref"]
V3 = ["ALTER TABLE quantities DROP COLUMN headline", "ALTER TABLE quantities DROP COLUMN aside",
      "ALTER TABLE reports DROP COLUMN stated"]
V2 = ["ALTER TABLE items DROP COLUMN measures_text", "ALTER TABLE items DROP COLUMN figures_text"]


def _older(store: Store, version: int) -> None:
    with store.engine.begin() as c:
        for sql in V7 + (V6 if version < 6 else []) + (V5 if version < 5 else []) + (V4 if version < 4 else []) + (V3 if version < 3 else []) + (V2 if version < 2 else []):
            c.exec_driver_sql(sql)
        c.execute(settings.update().where(settings.c.key == "schema_version").values(value=str(version)))
        c.execute(reports.update().values(parser_version=1))
    store.engine.dispose()


def test_version_1_library_gains_measures_and_figures_text(db_url):
    store = Store(db_url)
    [res] = store.import_files([("seed.txt", SEED.read_bytes())])
    want = store.frames([res.report_id])[0][["measures", "figures"]].values.tolist()
    _older(store, 1)

    upgraded = Store(db_url)
    assert upgraded.schema_version() == SCHEMA_VERSION == 7
    assert upgraded.frames([res.report_id])[0][["measures", "figures"]].values.tolist() == want
    with upgraded.engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(items).where(items.c.measures_text == "")).scalar() == 0


def test_version_2_library_gains_the_headline_figures_and_keeps_its_corrections(db_url):
    store = Store(db_url)
    [res] = store.import_files([("seed.txt", SEED.read_bytes())])
    rid = res.report_id
    land = store.quantities_frame([rid])
    fig = land[land["unit"] == "亩"].iloc[0]
    store.correct(rid, int(fig["item_seq"]), "value", "205", "复核台账", expected_version=0, anchor=int(fig["match_start"]))
    _older(store, 2)

    upgraded = Store(db_url)
    assert upgraded.schema_version() == SCHEMA_VERSION
    with upgraded.engine.connect() as c:
        # opening the library parsed its reports again with the current parser
        assert {v for (v,) in c.execute(sa.select(reports.c.parser_version))} == {PARSER_VERSION}
        assert c.execute(sa.select(sa.func.count()).select_from(quantities)
                         .where(quantities.c.headline.is_not(None))).scalar() > 0
    q = upgraded.quantities_frame([rid])
    assert set(q["headline"].dropna()) >= {"recovered_wan", "disciplined_people", "cases"}
    assert q[q["match_start"] == fig["match_start"]]["value"].tolist() == [205.0]   # the correction stayed
    r = upgraded.list_reports()
    assert r.loc[r["id"] == rid, "stated_level"].tolist() == [upgraded.ledger(rid).stated.level]


def test_version_3_library_gains_each_figures_count(db_url):
    """The counts stored with the figures (the overview sums them without reading sentences) are filled on
    opening an older library, and agree with counting afresh."""
    store = Store(db_url)
    [res] = store.import_files([("seed.txt", SEED.read_bytes())])
    rid = res.report_id
    _older(store, 3)

    upgraded = Store(db_url)
    assert upgraded.schema_version() == SCHEMA_VERSION
    stored, left = upgraded.headline_frame([rid])
    assert left == [] and len(stored) > 0
    fresh = totals.count_once(upgraded.quantities_frame([rid]))
    key = ["idx", "family", "counted", "reason"]
    assert stored[key].astype(object).values.tolist() == fresh[key].astype(object).values.tolist()


def test_version_4_library_gains_each_items_responsible_unit_and_deadline(db_url):
    """A 台账 saved before items had 责任单位 and 整改时限 columns gets them on opening: parsed again from its text."""
    from tests.makers import forestry_ledger

    store = Store(db_url)
    [res] = store.import_files([("tz.xlsx", forestry_ledger())])
    want = store.items_frame([res.report_id])[["responsible", "deadline", "deadline_raw"]].values.tolist()
    assert want[0] == ["办公室", "2024-03-31", "2024年3月底前"]
    _older(store, 4)

    upgraded = Store(db_url)
    assert upgraded.schema_version() == SCHEMA_VERSION
    assert upgraded.items_frame([res.report_id])[["responsible", "deadline", "deadline_raw"]].values.tolist() == want


def test_version_6_library_gains_the_table_of_scanned_pages(db_url):
    store = Store(db_url)
    [res] = store.import_files([("seed.txt", SEED.read_bytes())])
    _older(store, 6)
    upgraded = Store(db_url)
    assert upgraded.schema_version() == 7
    assert sa.inspect(upgraded.engine).has_table("report_pages")
    assert upgraded.page_image(res.report_id, 1) is None          # a text report has no pages to show
    assert len(upgraded.items_frame([res.report_id])) == 31


def test_a_library_in_version_1s_own_ddl_opens_up_to_date_with_its_correction(tmp_path):
    """Not columns dropped from today's tables: the tables version 1 itself created (tests/fixtures/library_v1.sql.gz,
    written by that version's store with the seed and one analyst's correction) are migrated in place."""
    import gzip
    import sqlite3
    from pathlib import Path

    path = tmp_path / "v1.sqlite3"
    dump = gzip.open(Path(__file__).parents[1] / "fixtures" / "library_v1.sql.gz", "rt", encoding="utf-8").read()
    with sqlite3.connect(path) as c:
        c.executescript(dump)
    assert sqlite3.connect(path).execute("SELECT value FROM settings WHERE key='schema_version'").fetchone() == ("1",)

    store = Store(f"sqlite:///{path}")
    assert store.schema_version() == SCHEMA_VERSION
    [rid] = [int(i) for i in store.list_reports()["id"]]
    items_df = store.items_frame([rid])
    assert len(items_df) == 31
    # the correction made with version 1 still holds: item 3 (定位不够清晰) was in progress as parsed
    row = items_df[items_df["seq"] == 3].iloc[0]
    assert (row["title"], row["status"]) == ("定位不够清晰", "done")
    assert list(store.history(rid)["reason"]) == ["核实：已于11月完成"]
    # reparsed with today's parser, and its figures counted as the overview counts them
    with store.engine.connect() as c:
        assert c.execute(sa.select(reports.c.parser_version)).scalar() == PARSER_VERSION
    stored, left = store.headline_frame([rid])
    assert left == [] and len(stored) > 0
    h = totals.headlines(store.list_reports(), items_df, items_df, store.quantities_frame([rid]))
    assert h.value("recovered_wan") == 688
