"""`python -m lib import FILE…` and `python -m lib export --format csv|xlsx|json` against a library."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from lib.library.store import Store
from tests import makers
from tests.seed_facts import SEED

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, timeout=120,
                          env=os.environ.copy())


def test_import_every_format_then_export(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    files = {"a.docx": makers.to_docx(text.replace("2023年12月19日", "2024年1月5日")),
             "b.html": makers.to_html(text.replace("2023年12月19日", "2024年2月5日")).encode("utf-8"),
             "c.pdf": makers.to_pdf(text.replace("2023年12月19日", "2024年3月5日")),
             "d.txt": text.encode("gb18030")}
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    r = run("import", *paths)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode().count("已导入") == 4
    assert sorted(Store().list_reports()["report_date"]) == ["2023-12-19", "2024-01-05", "2024-02-05", "2024-03-05"]

    again = run("import", paths[-1])
    assert again.returncode == 0 and "已在库中" in again.stdout.decode()
    assert len(Store().list_reports()) == 4

    out = run("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8-sig"))))
    assert len(rows) == 4 * 31 and {"报告", "序号", "问题", "整改状态"} <= set(rows[0])

    xlsx = tmp_path / "items.xlsx"
    assert run("export", "--format", "xlsx", "--out", str(xlsx), "--lang", "en").returncode == 0
    ws = openpyxl.load_workbook(xlsx).active
    assert [c.value for c in ws[1]][:3] == ["Report", "No.", "Theme"] and ws.max_row == 1 + 4 * 31

    js = json.loads(run("export", "--format", "json", "--report", "1").stdout)
    assert len(js) == 1 and len(js[0]["items"]) == 31 and js[0]["report_id"] == 1


def test_a_failed_import_saves_nothing(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.pdf"
    good.write_bytes(SEED.read_bytes())
    bad.write_bytes(b"%PDF-1.7 truncated")
    r = run("import", str(good), str(bad))
    assert r.returncode == 2
    err = r.stderr.decode().strip()
    assert len(err.split("\n")) == 1 and "bad.pdf" in err and "Traceback" not in err
    assert Store().list_reports().empty


def test_export_neutralizes_formulas(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("产业结构不优", "=HYPERLINK(\"http://x\",\"点我\")")
    f = tmp_path / "inj.txt"
    f.write_text(text, encoding="utf-8")
    assert run("import", str(f)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout.decode("utf-8-sig"))))
    cell = next(r["问题"] for r in rows if "HYPERLINK" in r["问题"])
    assert cell.startswith("'=")
