"""`python -m lib parse URL` and `python -m lib import URL… FILE…`: web addresses beside file paths."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.library.store import Store
from tests import makers
from tests.app.test_app_library import later_round
from tests.webserver import Answer, Server

ROOT = Path(__file__).resolve().parents[2]
SEED = makers.seed_text()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=os.environ.copy())


@pytest.fixture(scope="module")
def server():
    s = Server()
    s.routes["/seed.html"] = Answer(makers.to_html(SEED).encode("gb18030").replace(b' charset="utf-8"', b""),
                                    headers={"Content-Type": "text/html; charset=GBK"})
    s.routes["/short"] = Answer(status=302, headers={"Location": "/later.html"})
    s.routes["/later.html"] = Answer(makers.to_html(later_round()).encode(), headers={"Content-Type": "text/html"})
    yield s
    s.close()


@pytest.fixture
def local(monkeypatch):
    monkeypatch.setenv("RECTIFY_ALLOW_PRIVATE_URLS", "1")


def one_line_error(r: subprocess.CompletedProcess) -> str:
    err = r.stderr.strip()
    assert r.returncode == 2 and len(err.split("\n")) == 1 and "Traceback" not in err, r.stderr
    return err


def test_parse_an_address_gives_what_the_saved_page_gives(server, local, tmp_path):
    saved = tmp_path / "seed.html"
    saved.write_bytes(makers.to_html(SEED).encode("utf-8"))
    by_url = run("parse", server.url("/seed.html"), "--json")
    assert by_url.returncode == 0, by_url.stderr
    assert by_url.stdout == run("parse", str(saved), "--json").stdout
    assert '"items": [' in by_url.stdout


def test_import_addresses_and_files_together_keeps_each_address(server, local, tmp_path):
    f = tmp_path / "seed.txt"
    f.write_text(SEED, encoding="utf-8")
    r = run("import", server.url("/short"), str(f))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().split("\n")
    assert lines[0].startswith(server.url("/later.html") + "\t#1\t已导入")    # the address after its redirect
    assert lines[1].startswith("seed.txt\t#2\t已导入")
    assert Store().list_reports().set_index("id")["filename"].to_dict() == {1: server.url("/later.html"),
                                                                           2: "seed.txt"}
    again = run("import", server.url("/later.html"))
    assert again.returncode == 0 and "已在库中" in again.stdout and len(Store().list_reports()) == 2


def test_a_failed_address_saves_nothing_and_says_which(server, local, tmp_path):
    f = tmp_path / "seed.txt"
    f.write_text(SEED, encoding="utf-8")
    err = one_line_error(run("import", str(f), server.url("/missing.html")))
    assert server.url("/missing.html") in err and "404" in err
    assert Store().list_reports().empty


@pytest.mark.parametrize("address, words", [
    ("ftp://example.cn/report.pdf", "http://"),
    ("http://127.0.0.1:9/report.html", "内部网络地址"),     # the guard is on: the variable is unset here
])
def test_parse_refuses_in_one_line(monkeypatch, address, words):
    monkeypatch.delenv("RECTIFY_ALLOW_PRIVATE_URLS", raising=False)
    err = one_line_error(run("parse", address))
    assert words in err and "Error:" in err
