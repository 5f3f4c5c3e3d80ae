"""Time to make the meeting deck of the seed: .pptx and .pdf separately, each from the frames (charts included).

One warm-up build first starts the headless Chromium (a few seconds, once per process); then the median of
--runs builds. Each build draws its charts afresh: the page caches per selection, this measures a cold click.

Run: .venv/bin/python bench/deck.py [--runs 5]      Target: under 5 s each.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.library.store import Store  # noqa: E402
from lib.outputs import deck, images  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'library.sqlite3'}")
        store.ensure_bundled()
        reports = store.list_reports()
        ids = tuple(int(i) for i in reports["id"])
        frames = (reports, store.items_frame(ids), store.quantities_frame(ids))

        t0 = time.perf_counter()
        images.start()
        started = time.perf_counter() - t0
        deck.build_pptx(*frames, lang=args.lang)   # warm-up: first images, imports
        deck.build_pdf(*frames, lang=args.lang)
        warm = time.perf_counter() - t0

        for name, build in (("pptx", deck.build_pptx), ("pdf", deck.build_pdf)):
            times, size = [], 0
            for _ in range(args.runs):
                t = time.perf_counter()
                size = len(build(*frames, lang=args.lang))
                times.append(time.perf_counter() - t)
            print(f"{name}: median {statistics.median(times):.2f} s over {args.runs} runs "
                  f"(min {min(times):.2f}, max {max(times):.2f}; {size / 1024:.0f} KB)")
        print(f"browser start {started:.2f} s; start + warm-up pptx + pdf {warm:.2f} s")
    images.stop()


if __name__ == "__main__":
    main()
