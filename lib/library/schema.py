"""The library's tables (SQLAlchemy Core, one schema for SQLite and PostgreSQL) and the migrations between
their versions."""
from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

SCHEMA_VERSION = 7
PARSER_VERSION = 11  # raise when the parser (or lib.ledger.once's count) changes what it extracts: reports are parsed again

meta = sa.MetaData()
settings = sa.Table("settings", meta, sa.Column("key", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
reports = sa.Table(
    "reports", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("imported_at", sa.String(32), nullable=False),
    sa.Column("imported_by", sa.Text),
    sa.Column("parser_version", sa.Integer, nullable=False),
    sa.Column("title", sa.Text), sa.Column("publisher", sa.Text), sa.Column("kind", sa.Text),
    sa.Column("inspector", sa.Text), sa.Column("inspection_start", sa.String(10)),
    sa.Column("inspection_end", sa.String(10)), sa.Column("feedback_date", sa.String(10)),
    sa.Column("report_date", sa.String(10)),
    sa.Column("n_items", sa.Integer, nullable=False), sa.Column("n_done", sa.Integer, nullable=False),
    sa.Column("stated", sa.Text),                        # JSON: what the report states of its own progress
    sa.Column("ledger_json", sa.Text, nullable=False),   # everything parsed, for the detail views
    sa.Column("text", sa.Text, nullable=False),          # the text as read: offsets index it
    sa.Column("ocr", sa.Text),   # JSON (lib.read.ocr_layout.OcrText) when the text was read off a scan: each line's page and box
    sqlite_autoincrement=True,   # a deleted report's id is never given to another (caches key on ids)
)
items = sa.Table(
    "items", meta,
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("no", sa.Integer), sa.Column("theme_no", sa.Integer), sa.Column("theme", sa.Text),
    sa.Column("title", sa.Text, nullable=False), sa.Column("status", sa.String(16), nullable=False),
    sa.Column("status_raw", sa.Text), sa.Column("n_measures", sa.Integer, nullable=False),
    sa.Column("measures", sa.Text, nullable=False),        # JSON list, as parsed
    sa.Column("measures_text", sa.Text, nullable=False),   # the same joined by newlines, for search and tables
    sa.Column("figures_text", sa.Text, nullable=False),    # the item's figures as written: 126.5万元、3宗
    sa.Column("grp", sa.Text),
    sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
    # who answers for it and by when (a 台账's columns, an item's 责任单位：/整改时限： lines)
    sa.Column("responsible", sa.Text), sa.Column("deadline", sa.String(10)), sa.Column("deadline_raw", sa.Text),
)
quantities = sa.Table(
    "quantities", meta,
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("item_seq", sa.Integer), sa.Column("item_no", sa.Integer),
    sa.Column("value", sa.Float, nullable=False), sa.Column("unit", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False), sa.Column("label", sa.Text, nullable=False),
    sa.Column("tags", sa.Text, nullable=False), sa.Column("approximate", sa.Boolean, nullable=False),
    sa.Column("headline", sa.String(32)), sa.Column("aside", sa.String(32)),   # lib.ledger.roles: the total it feeds
    sa.Column("text", sa.Text, nullable=False), sa.Column("match", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
    sa.Column("match_start", sa.Integer, nullable=False), sa.Column("match_end", sa.Integer, nullable=False),
    # each fact once (lib.ledger.once), counted at import: the overview sums these without reading the sentences
    sa.Column("family", sa.String(32)), sa.Column("counted", sa.Boolean),
    sa.Column("reason", sa.String(32)), sa.Column("ref", sa.Text),
)
actions = sa.Table(
    "actions", meta,
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("item_seq", sa.Integer), sa.Column("item_no", sa.Integer),
    sa.Column("date", sa.String(7)), sa.Column("day", sa.String(10)), sa.Column("text", sa.Text, nullable=False),
)
# Corrections belong to the report's content, not to a row id: they survive re-parsing and re-import.
corrections = sa.Table(
    "corrections", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("item_seq", sa.Integer, nullable=False),
    sa.Column("anchor", sa.Integer, nullable=False),   # -1: the item itself; else the figure's match_start
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("old_value", sa.Text), sa.Column("new_value", sa.Text),
    sa.Column("action", sa.String(8), nullable=False),  # set | restore
    sa.Column("reason", sa.Text, nullable=False), sa.Column("author", sa.Text),
    sa.Column("created_at", sa.String(32), nullable=False),
)
# One row per corrected item: the optimistic lock that turns a second, stale save into a conflict.
item_versions = sa.Table(
    "item_versions", meta,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("item_seq", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)
# A scan's pages as small greyscale JPEGs (base64, so a backup's JSON carries them as it carries the rest): the
# item page shows the place on the page a figure was read from.
report_pages = sa.Table(
    "report_pages", meta,
    sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("page", sa.Integer, primary_key=True),    # 1-based, as OcrLine.page
    sa.Column("image", sa.Text, nullable=False),
)
sa.Index("ix_quantities_item", quantities.c.report_id, quantities.c.item_seq)


def _fill_v2_columns(c: Connection) -> None:
    """measures_text from the JSON measures, figures_text from the stored figures."""
    figures: dict[tuple, list[str]] = {}
    for rid, seq, match in c.execute(sa.select(quantities.c.report_id, quantities.c.item_seq, quantities.c.match)
                                     .order_by(quantities.c.report_id, quantities.c.idx)):
        figures.setdefault((rid, seq), []).append(match)
    rows = c.execute(sa.select(items.c.report_id, items.c.seq, items.c.measures)).all()
    for rid, seq, measures in rows:
        c.execute(items.update().where(items.c.report_id == rid, items.c.seq == seq).values(
            measures_text="\n".join(json.loads(measures or "[]")), figures_text="、".join(figures.get((rid, seq), []))))


# Each migration takes the schema from version n-1 to n: SQL statements or functions of the connection,
# all in one transaction with the version bump. The tables above are the newest version.
MIGRATIONS: dict[int, list] = {
    2: ["ALTER TABLE items ADD COLUMN measures_text TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE items ADD COLUMN figures_text TEXT NOT NULL DEFAULT ''", _fill_v2_columns],
    # the headline numbers: each figure's family and aside, each report's stated totals; the rows are
    # filled by parsing the stored texts again (Store.reparse_outdated, on opening)
    3: ["ALTER TABLE quantities ADD COLUMN headline VARCHAR(32)",
        "ALTER TABLE quantities ADD COLUMN aside VARCHAR(32)",
        "ALTER TABLE reports ADD COLUMN stated TEXT",
        "UPDATE reports SET parser_version = 0"],
    # each figure's count stored with it; the rows are filled by parsing the stored texts again
    4: ["ALTER TABLE quantities ADD COLUMN family VARCHAR(32)",
        "ALTER TABLE quantities ADD COLUMN counted BOOLEAN",
        "ALTER TABLE quantities ADD COLUMN reason VARCHAR(32)",
        "ALTER TABLE quantities ADD COLUMN ref TEXT",
        "UPDATE reports SET parser_version = 0"],
    # each item's responsible unit and deadline; filled by parsing the stored texts again
    5: ["ALTER TABLE items ADD COLUMN responsible TEXT",
        "ALTER TABLE items ADD COLUMN deadline VARCHAR(10)",
        "ALTER TABLE items ADD COLUMN deadline_raw TEXT",
        "UPDATE reports SET parser_version = 0"],
    # where a scan's text was read: its OCR lines (page, box, score), for the figures' pages and what to check
    6: ["ALTER TABLE reports ADD COLUMN ocr TEXT"],
    # a scan's page images (reports imported before have none: their figures keep page numbers, not crops)
    7: [lambda c: report_pages.create(c)],
}
