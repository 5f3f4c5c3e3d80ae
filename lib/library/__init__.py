"""The library: ledgers kept in SQLite or PostgreSQL, analysts' corrections over them, backups, bundled reports.

Modules: store (the database, imports and corrections), schema (its tables and migrations), rows (stored
rows as DataFrames, corrections laid over them), frames (ledgers as the DataFrames every view reads),
backup (the whole library to one file and back), bundled (the reports shipped in data/reports).
"""
