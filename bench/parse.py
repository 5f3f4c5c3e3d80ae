"""Parser speed: median time for the seed, and reports/s and MB/s over 1,000 synthetic reports.

Run: .venv/bin/python bench/parse.py     Targets (2-core machine): seed < 10 ms median; 1,000 reports < 10 s.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import SEED, corpus  # noqa: E402
from lib.ledger.parse import parse_text  # noqa: E402


def main() -> None:
    seed = SEED.read_text(encoding="utf-8")
    parse_text(seed)  # warm caches (regex compilation, normalization table)
    runs = []
    for _ in range(200):
        t = time.perf_counter()
        parse_text(seed)
        runs.append(time.perf_counter() - t)
    print(f"seed: median {statistics.median(runs) * 1000:.2f} ms, p95 {sorted(runs)[190] * 1000:.2f} ms (200 runs)")

    reports = corpus(1000)
    size_mb = sum(len(r.encode("utf-8")) for r in reports) / 1e6
    t = time.perf_counter()
    items = sum(len(parse_text(r).items) for r in reports)
    elapsed = time.perf_counter() - t
    print(f"1,000 synthetic reports ({items} items, {size_mb:.1f} MB): {elapsed:.2f} s, "
          f"{len(reports) / elapsed:.0f} reports/s, {size_mb / elapsed:.2f} MB/s")


if __name__ == "__main__":
    main()
