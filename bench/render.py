"""Time from navigation to the overview settled in headless Chromium, against a one-chart Streamlit page.

Settled: the script has finished (stApp's data-test-script-state is notRunning), every plotly figure has
drawn its traces, and the script is not running again. Both apps run in this process's run, on loopback,
measured alternately with a fresh browser context each time, so the ratio cancels the machine's speed.

With --base REV the overview of that revision (a temporary git worktree) is measured in the same loop, so a change
can be judged against its base on the same machine in the same minute.

Run: .venv/bin/python bench/render.py [--runs 15] [--base REV]      Target: ratio ≤ 1.3 on the seed.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def base_worktree(rev: str) -> Path:
    """A detached worktree of `rev` beside a temporary directory, sharing this repo's virtual environment."""
    where = Path(tempfile.mkdtemp(prefix="render-base-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(where), rev], cwd=ROOT, check=True,
                   capture_output=True)
    (where / ".venv").symlink_to(ROOT / ".venv")
    return where


def report(name: str, times: list[float]) -> float:
    m = statistics.median(times)
    print(f"{name}: median {m * 1000:.0f} ms  (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    return m


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--base", help="a git revision whose overview is measured in the same run")
    args = ap.parse_args()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    from playwright.sync_api import sync_playwright

    base_dir = base_worktree(args.base) if args.base else None
    servers = {"overview (seed)": (start_streamlit(ROOT / "dashboard.py"), 2),
               "minimal one-chart page": (start_streamlit(ROOT / "bench" / "minimal_app.py"), 1)}
    if base_dir:
        servers[f"overview at {args.base}"] = (start_streamlit(base_dir / "dashboard.py", cwd=base_dir), 2)
    times: dict[str, list[float]] = {name: [] for name in servers}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for (_, url), charts in servers.values():    # warm the servers' caches and the browser
                measure(browser, url + "/", charts)
            for _ in range(args.runs):
                for name, ((_, url), charts) in servers.items():
                    times[name].append(measure(browser, url + "/", charts))
            browser.close()
    finally:
        for (proc, _), _charts in servers.values():
            proc.terminate()
            proc.wait(10)
        if base_dir:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_dir)], cwd=ROOT, capture_output=True)
            shutil.rmtree(base_dir.parent, ignore_errors=True)
    medians = {name: report(name, t) for name, t in times.items()}
    mo, mm = medians["overview (seed)"], medians["minimal one-chart page"]
    print(f"ratio overview / minimal: {mo / mm:.2f}   (target ≤ 1.3; runs: {args.runs})")
    if base_dir:
        mb = medians[f"overview at {args.base}"]
        print(f"ratio base overview / minimal: {mb / mm:.2f};  overview / base overview: {mo / mb:.2f}")


if __name__ == "__main__":
    main()
