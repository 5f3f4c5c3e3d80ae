"""Coverage-guided fuzzing of the readers and the parser with atheris (libFuzzer), for long runs.

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_ingest.py fuzz/corpus -max_total_time=3600 -rss_limit_mb=2048

Seeds in fuzz/corpus/ (made by fuzz/make_corpus.py) start it from real reports in every format. Any exception
other than ReadError, or a quantity whose offsets do not quote its text, is a crash that libFuzzer saves.
"""
from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from lib.ledger.model.parse import parse_text

    from lib.read.readers import ReadError, read_bytes

NAMES = ["report.txt", "report.docx", "report.pdf", "report.html", "report"]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        text = read_bytes(data[1:], name)
    except ReadError:
        return
    ledger = parse_text(text)
    for q in ledger.quantities:
        if text[q.start:q.end] != q.text or text[q.match_start:q.match_end] != q.match:
            raise AssertionError(f"offsets of {q.match!r} do not quote the text")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
