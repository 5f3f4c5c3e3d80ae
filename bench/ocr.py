"""OCR of a 6-page scan of the seed (A4, 12 pt Noto Sans CJK, printed and scanned as tests/makers.py does): seconds
a page (the median over the pages, from the progress reports), the child's peak memory, the character error rate
against the printed text, and how the engine scored its lines.

Run: .venv/bin/python bench/ocr.py [--dpi 200] [--wear 0]      (wear 0: a clean scan; 1: a photocopy turned 1°;
     2: a copy of a copy). Run one setting per process: the peak memory is the largest child's so far.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.read import ocr  # noqa: E402
from lib.read.ocr_layout import UNCERTAIN_SCORE  # noqa: E402
from tests import makers  # noqa: E402

PAGES = 6
SCAN_DPI = 300   # as office scanners default to; --dpi is what the reader renders the scan at


def six_pages_of_the_seed() -> str:
    """The seed's first paragraphs, as many as fill six printed pages."""
    paragraphs = makers.seed_text().split("\n")
    n = len(paragraphs)
    while len(makers.scan_pages("\n".join(paragraphs[:n]), dpi=SCAN_DPI)) > PAGES:
        n -= 1
    return "\n".join(paragraphs[:n])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", type=int, default=ocr.OCR_DPI)
    ap.add_argument("--wear", type=float, default=0.0)
    args = ap.parse_args()
    os.environ["RECTIFY_OCR_CACHE"] = tempfile.mkdtemp(prefix="bench-ocr-")   # never a cache hit
    ocr.OCR_DPI = args.dpi
    text = six_pages_of_the_seed()
    pdf = makers.make_scan_pdf(text, dpi=SCAN_DPI, noise=args.wear > 0, wear=args.wear or 1.0, angle=1.0)
    stamps = []
    start = time.monotonic()
    result = ocr.ocr_bytes(pdf, "pdf", progress=lambda done, total: stamps.append(time.monotonic()))
    total = time.monotonic() - start
    per_page = [b - a for a, b in zip(stamps, stamps[1:])]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    reference = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    scores = [line.score for line in result.lines]
    unsure = sum(s < UNCERTAIN_SCORE for s in scores)
    print(f"dpi {args.dpi}  wear {args.wear:g}  pages {result.pages}  "
          f"s/page median {statistics.median(per_page):.2f} (first {per_page[0]:.2f}, total {total:.1f} s "
          f"with start-up {stamps[0] - start:.2f} s)  child peak RSS {peak_mb:.0f} MB  "
          f"CER {makers.char_error_rate(reference, result.text):.4%}  "
          f"lines {len(scores)}, min score {min(scores):.3f}, below {UNCERTAIN_SCORE}: {unsure}")


if __name__ == "__main__":
    main()
