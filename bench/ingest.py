"""Import 1,000 synthetic reports (about 31,000 items) into SQLite, then time the overview with all selected.

Prints: import time, reports/s, peak memory (RSS) of this process; the overview's script run (AppTest) with
every report selected — first run (cold caches) and the median of warm reruns.

Run: .venv/bin/python bench/ingest.py [--reports 1000]
Targets: ≥ 100 reports/s; overview script run < 1 s with 1,000 reports; peak memory < 500 MB.
"""
from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import corpus  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=1, help="files per import (one transaction each)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="rectify-bench-")
    url = f"sqlite:///{tmp}/library.sqlite3"
    os.environ["RECTIFY_DATABASE_URL"] = url

    from lib.library.store import Store
    texts = corpus(args.reports)
    store = Store(url)
    files = [(f"synthetic-{n:04d}.txt", text.encode("utf-8")) for n, text in enumerate(texts)]
    t0 = time.perf_counter()
    for start in range(0, len(files), args.batch):   # a batch is one import: one transaction
        store.import_files(files[start:start + args.batch])
    elapsed = time.perf_counter() - t0
    del texts, files
    gc.collect()
    n_items = int(store.list_reports()["n_items"].sum())
    print(f"import ({args.batch} file(s) per import, one transaction each): "
          f"{args.reports} reports, {n_items} items in {elapsed:.2f} s = "
          f"{args.reports / elapsed:.0f} reports/s; peak RSS so far {peak_mb():.0f} MB")

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest
    original = PagesManager.__init__

    def init(self, *a, **k):   # the server's state after its first view (see tests/conftest.py)
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False
    PagesManager.__init__ = init

    # Modules a running server has imported since its first page view; the timing is of data, not imports.
    import plotly.graph_objects  # noqa: F401

    import lib.views.charts  # noqa: F401
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for rid in store.list_reports()["id"]:
        at.query_params.setdefault("report", []).append(str(rid))
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    assert not at.exception, at.exception
    metric = {m.label: m.value for m in at.metric}
    import streamlit as st
    cold, warm = [], []
    for _ in range(3):
        st.cache_data.clear()          # the data caches emptied, as after an import or a correction
        st.cache_resource.clear()
        t0 = time.perf_counter()
        at.run()
        cold.append(time.perf_counter() - t0)
    for _ in range(5):
        t0 = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t0)
    print(f"overview with {len(at.multiselect(key='report').value)} reports selected ({metric.get('整改事项')} items): "
          f"first run of the process {first * 1000:.0f} ms; with empty data caches, median of 3: "
          f"{statistics.median(cold) * 1000:.0f} ms; cached, median of 5: {statistics.median(warm) * 1000:.0f} ms")
    rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
    print(f"RSS now {rss} MB; peak RSS {peak_mb():.0f} MB (targets: ≥100 reports/s, overview < 1000 ms, < 500 MB)")
    print("first run of the process also loads plotly's validators and Streamlit's runtime once; "
          "empty data caches = the library read from SQLite again")


if __name__ == "__main__":
    main()
