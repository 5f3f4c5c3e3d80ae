"""Time from navigation to the overview settled in headless Chromium, against a one-chart Streamlit page.

Settled: the script has finished (stApp's data-test-script-state is notRunning), every plotly figure has
drawn its traces, and the script is not running again. Both apps run in this process's run, on loopback,
measured alternately with a fresh browser context each time, so the ratio cancels the machine's speed.

Run: .venv/bin/python bench/render.py [--runs 15]      Target: ratio ≤ 1.3 on the seed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import start_streamlit  # noqa: E402
from tests.makers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SETTLED = """(n) => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const plots = document.querySelectorAll('.js-plotly-plot');
  if (plots.length < n) return false;
  return Array.from(plots).every(p => p.querySelector('g.trace'));
}"""


def measure(browser, url: str, charts: int) -> float:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(SETTLED, arg=charts, polling="raf", timeout=60_000)
    elapsed = time.perf_counter() - t0
    context.close()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    from playwright.sync_api import sync_playwright

    dash, dash_url = start_streamlit(ROOT / "dashboard.py")
    floor, floor_url = start_streamlit(ROOT / "bench" / "minimal_app.py")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            measure(browser, dash_url + "/", 2)       # warm the servers' caches and the browser
            measure(browser, floor_url + "/", 1)
            overview, minimal = [], []
            for _ in range(args.runs):
                overview.append(measure(browser, dash_url + "/", 2))
                minimal.append(measure(browser, floor_url + "/", 1))
            browser.close()
    finally:
        for proc in (dash, floor):
            proc.terminate()
            proc.wait(10)
    mo, mm = statistics.median(overview), statistics.median(minimal)
    print(f"overview (seed): median {mo * 1000:.0f} ms  (min {min(overview) * 1000:.0f}, max {max(overview) * 1000:.0f})")
    print(f"minimal one-chart page: median {mm * 1000:.0f} ms  (min {min(minimal) * 1000:.0f}, max {max(minimal) * 1000:.0f})")
    print(f"ratio overview / minimal: {mo / mm:.2f}   (target ≤ 1.3; runs: {args.runs})")


if __name__ == "__main__":
    main()
