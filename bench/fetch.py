"""A report read by its web address on loopback against the same bytes read from memory: what fetching adds.

Prints medians of N runs: read_bytes (the page already in memory), read_url (the page over HTTP on loopback,
the address checked, the socket pinned), a stub page read through its .docx attachment, and how long after a
1 s deadline a page that never ends is cut off.

Run: .venv/bin/python bench/fetch.py [--runs 15]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.read import fetch as F  # noqa: E402
from lib.read.errors import ReadError  # noqa: E402
from lib.read.readers import read_bytes  # noqa: E402
from tests import makers  # noqa: E402
from tests.webserver import Answer, Server, forever  # noqa: E402

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def median_ms(fn, runs: int) -> float:
    fn()                      # warm: imports and first-use set-up are not what is measured
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    runs = ap.parse_args().runs
    os.environ[F.ALLOW_PRIVATE_ENV] = "1"          # the server is on loopback
    seed = makers.seed_text()
    page = makers.to_html(seed).replace('<meta charset="utf-8">', "").encode("gb18030")
    server = Server()
    server.routes["/gbk.html"] = Answer(page, headers={"Content-Type": "text/html; charset=GBK"})
    server.routes["/stub.html"] = Answer(
        '<html><body><div class="article"><p>详见<a href="/a.docx">附件</a></p></div></body></html>'.encode(),
        headers={"Content-Type": "text/html; charset=utf-8"})
    server.routes["/a.docx"] = Answer(makers.to_docx(seed), headers={"Content-Type": DOCX})
    server.routes["/forever"] = Answer(forever, headers={"Content-Type": "text/html"}, pause_s=0.01)
    try:
        print(f"page {len(page) / 1024:.0f} KB, median of {runs} runs")
        print(f"read_bytes (in memory)        {median_ms(lambda: read_bytes(page, 'gbk.html', encoding='gbk'), runs):8.1f} ms")
        print(f"read_url (loopback, GBK page) {median_ms(lambda: F.read_url(server.url('/gbk.html')), runs):8.1f} ms")
        print(f"read_url (stub → .docx)       {median_ms(lambda: F.read_url(server.url('/stub.html')), runs):8.1f} ms")
        F.DEADLINE_S = 1.0
        overshoot = []
        for _ in range(max(3, runs // 5)):
            started = time.perf_counter()
            try:
                F.read_url(server.url("/forever"))
            except ReadError:
                pass
            overshoot.append((time.perf_counter() - started - F.DEADLINE_S) * 1000)
        print(f"never-ending page: cut {statistics.median(overshoot):.1f} ms after a 1 s deadline (median)")
    finally:
        server.close()


if __name__ == "__main__":
    main()
