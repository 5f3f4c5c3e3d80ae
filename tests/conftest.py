"""Shared fixtures: a real Streamlit server on loopback, the system Chromium through Playwright, artifacts."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
from tests.makers import CHROMIUM  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(script: str | Path, env: dict | None = None, port: int | None = None,
                    cwd: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on a free loopback port (from `cwd`, the repo by default); returns (process, base URL)
    once /_stcore/health answers."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")
    proc = subprocess.Popen(cmd, cwd=cwd or ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 60 s")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium_path() -> str:
    # A browser test must fail, never skip, when the browser is missing: CI installs it.
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from tests.makers import chromium
    return chromium()


@pytest.fixture(scope="session")
def app_url(artifacts, tmp_path_factory):
    # Session fixtures start before the per-test library is set: give the server its own, explicitly.
    db = tmp_path_factory.mktemp("browser-library") / "library.sqlite3"
    proc, base = start_streamlit(ROOT / "dashboard.py", env={"RECTIFY_DATABASE_URL": f"sqlite:///{db}"})
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.console_errors = []
    pg.bad_responses = []
    # "Failed to load resource" console lines are judged by their responses below, which carry the URL
    pg.on("console", lambda m: pg.console_errors.append(m.text)
          if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    # A deep link (/items) makes Streamlit's frontend probe /items/_stcore/… before the server root: not ours.
    pg.on("response", lambda r: pg.bad_responses.append(f"{r.status} {r.url}")
          if r.status >= 400 and "/_stcore/" not in r.url else None)
    pg.on("requestfailed", lambda r: pg.bad_responses.append(f"failed {r.url}"))
    yield pg
    context.close()


@pytest.fixture(autouse=True)
def _own_library(tmp_path, monkeypatch):
    """Every test gets its own SQLite library (the app creates it from data/reports/ on first use);
    servers started by a test inherit it through the environment."""
    monkeypatch.setenv("RECTIFY_DATABASE_URL", f"sqlite:///{tmp_path / 'library.sqlite3'}")


@pytest.fixture(autouse=True)
def _own_ocr_cache(tmp_path, monkeypatch):
    """OCR results are cached by content (lib.read.ocr): each test keeps its own, and never touches ~/.cache."""
    monkeypatch.setenv("RECTIFY_OCR_CACHE", str(tmp_path / "ocr-cache"))


@pytest.fixture(autouse=True)
def _navigation_mode(monkeypatch):
    """Run AppTest the way the server runs after its first page view: st.navigation in charge.

    Streamlit marks an app with a pages/ folder as an old-style multipage app until st.navigation has run
    once in the process; AppTest resets that mark before every run, so without this each run would take
    the old path, where pages run without the frame (dashboard.py). ui.require_frame() covers the
    server's first view; this makes AppTest match every view after it.
    """
    from streamlit.runtime.pages_manager import PagesManager
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


# --- the report library on both backends: SQLite in tmp_path, and a real PostgreSQL server ------------------

@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL cluster for the session (tests/pg.py). Missing or broken: FAIL, never skip (CI installs it)."""
    from tests.pg import PgServer, PgUnavailable
    try:
        server = PgServer()
    except PgUnavailable as e:
        pytest.fail(str(e), pytrace=False)
    try:
        server.start()
    except (PgUnavailable, OSError, subprocess.SubprocessError) as e:
        server.stop()
        pytest.fail(f"could not start the test PostgreSQL server: {e}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_url(pg_server) -> str:
    """postgresql+psycopg://postgres@127.0.0.1:PORT/rectify_test (shared by the session: prefer db_url)."""
    return pg_server.url()


@pytest.fixture(params=[pytest.param("sqlite", id="sqlite"),
                        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A URL to an empty database of its own for this test, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'library.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server")
    name, url = server.fresh_database()
    yield url
    server.drop_database(name)
