"""`python -m lib parse FILE [--json]`: the public contract other tools rely on."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.seed_facts import CORPUS, HEADER, SEED, corpus_text

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_parse_json_contract():
    r = run("parse", str(SEED), "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert list(d)[:13] == ["title", "publisher", "kind", "inspector", "inspection_start", "inspection_end",
                            "feedback_date", "report_date", "stated", "themes", "items", "quantities", "warnings"]
    for key, want in HEADER.items():
        assert d[key] == want
    assert set(d["stated"]) >= {"total", "done", "in_progress", "not_done", "completion_rate"}
    assert len(d["items"]) == 31 and len(d["themes"]) == 9
    assert set(d["items"][0]) >= {"no", "theme_no", "title", "status", "status_raw", "measures"}
    q = next(q for q in d["quantities"] if q["unit"] == "万元")
    assert set(q) >= {"item_no", "value", "unit", "kind", "label", "tags", "text", "start", "end"}
    assert (q["item_no"], q["value"], q["kind"]) == (20, 688.0, "money")
    text = SEED.read_text(encoding="utf-8")
    assert all(text[x["start"]:x["end"]] == x["text"] for x in d["quantities"])


def test_parse_summary_is_readable():
    r = run("parse", str(SEED))
    assert r.returncode == 0
    assert "事项 31 个" in r.stdout and "土地欠款追缴：688 万元" in r.stdout


@pytest.mark.parametrize("content,name", [
    (b"", "empty.txt"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "picture.png"),
    (b"PK\x03\x04 not really a zip", "report.docx"),
])
def test_unreadable_input_exits_2_with_one_line(tmp_path, content, name):
    f = tmp_path / name
    f.write_bytes(content)
    r = run("parse", str(f), "--json")
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().split("\n")
    assert len(lines) == 1 and "错误" in lines[0] and "Error" in lines[0]
    assert "Traceback" not in r.stderr


def test_missing_file_exits_2():
    r = run("parse", "/nonexistent/report.txt")
    assert r.returncode == 2 and len(r.stderr.strip().split("\n")) == 1


def test_opening_only_is_not_an_error():
    corpus_text("doc09")
    r = run("parse", str(CORPUS / "doc09.txt"), "--json")
    assert r.returncode == 0
    d = json.loads(r.stdout)
    assert d["items"] == [] and any("未识别出整改事项" in w for w in d["warnings"])
    assert d["inspector"] == "省委第六巡视组"


def test_output_into_a_closed_pipe_is_no_traceback():
    # `python -m lib parse report.txt | head -1`: the reader leaves early
    p = subprocess.Popen([sys.executable, "-m", "lib", "parse", str(SEED)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert "Traceback" not in err and p.returncode in (0, 1)


def test_parse_json_says_a_scan_was_read_by_ocr_and_where_each_figure_stands(tmp_path):
    """A scan's ledger says it came from OCR, and each figure its page and whether to confirm it; a text says text."""
    from tests import makers
    page = makers.scan_pages("关于巡视整改进展情况的通报\n一、追缴土地欠款126.5万元，整改结果：完成。")[0]
    scan = tmp_path / "notice.png"
    scan.write_bytes(makers.scan_image(page))
    r = run("parse", str(scan), "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["read"]["by"] == "ocr" and d["read"]["pages"] == 1 and d["read"]["lines"] >= 2
    q = next(q for q in d["quantities"] if q["unit"] == "万元")
    assert (q["value"], q["page"], q["confirm"]) == (126.5, 1, False)
    text = json.loads(run("parse", str(SEED), "--json").stdout)
    assert text["read"] == {"by": "text"} and "page" not in text["quantities"][0]
