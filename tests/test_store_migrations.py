"""Schema migrations: a library written by an older version is brought up to date in place."""
from __future__ import annotations

import sqlalchemy as sa

from lib.store import SCHEMA_VERSION, Store, items, settings
from tests.seed_facts import SEED


def test_version_1_library_gains_measures_and_figures_text(db_url):
    store = Store(db_url)
    [res] = store.import_files([("seed.txt", SEED.read_bytes())])
    want = store.frames([res.report_id])[0][["measures", "figures"]].values.tolist()
    # turn it into what version 1 wrote: no measures_text column, version row 1
    with store.engine.begin() as c:
        c.exec_driver_sql("ALTER TABLE items DROP COLUMN measures_text")
        c.exec_driver_sql("ALTER TABLE items DROP COLUMN figures_text")
        c.execute(settings.update().where(settings.c.key == "schema_version").values(value="1"))
    store.engine.dispose()

    upgraded = Store(db_url)
    assert upgraded.schema_version() == SCHEMA_VERSION == 2
    assert upgraded.frames([res.report_id])[0][["measures", "figures"]].values.tolist() == want
    with upgraded.engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(items).where(items.c.measures_text == "")).scalar() == 0
