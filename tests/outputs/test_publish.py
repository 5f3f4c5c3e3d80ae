"""lib.outputs.publish and `python -m lib publish`: the static public page, served over loopback, in Chromium and on A4."""
from __future__ import annotations

import contextlib
import functools
import html
import io
import json
import os
import re
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pdfplumber
import pytest
from plotly.offline import get_plotlyjs

from lib.ledger.parse import parse_text
from lib.library.store import Store
from lib.outputs import publish
from lib.views import labels
from tests.seed_facts import ITEMS, seed_text

ROOT = Path(__file__).resolve().parents[2]
SEED_RATE = f"{100 * sum(s == 'done' for _, _, s, _, _ in ITEMS) / len(ITEMS):.1f}%"   # 14 of 31 → "45.2%"
SEED_RECOVERED_WAN = "688"
SEED_PHONE = "0743-8532226"

# Markup planted in report text: each would run a script or load an image if it reached the page as HTML.
SCRIPT, IMG, BREAKOUT = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, timeout=120,
                          env=os.environ.copy())


def publish_cli(out: Path, *args: str) -> list[str]:
    r = run("publish", "--out", str(out), *args)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode().split()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """The folder over HTTP on loopback, as any static web server would host it; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextlib.contextmanager
def open_page(browser, base: str):
    """A fresh context and page that record console errors, page errors, dialogs, bad and foreign requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    seen = {"errors": [], "bad": [], "foreign": [], "dialogs": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["foreign"].append(r.url) if not r.url.startswith(base) else None)
    page.on("response", lambda r: seen["bad"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: seen["bad"].append(f"failed {r.url}"))

    def on_dialog(d):
        seen["dialogs"].append(d.message)
        d.dismiss()
    page.on("dialog", on_dialog)
    try:
        yield page, seen
    finally:
        context.close()


def assert_clean(seen: dict) -> None:
    assert seen["errors"] == [], seen["errors"]
    assert seen["bad"] == [], seen["bad"]
    assert seen["foreign"] == [], seen["foreign"]
    assert seen["dialogs"] == [], seen["dialogs"]


def pdf_text(data: bytes) -> tuple[int, str]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return len(doc.pages), "\n".join(p.extract_text() or "" for p in doc.pages)


# --- in the browser -----------------------------------------------------------------------------------------

@pytest.mark.browser
def test_public_page_served_drawn_and_printed(browser, tmp_path, artifacts):
    out = tmp_path / "site"
    written = publish_cli(out)                      # the command creates the library from data/reports/
    assert sorted(Path(p).name for p in written) == ["app.js", "index.html", "plotly.min.js", "style.css"]
    contacts = Store().ledger(1).contacts

    with serve(out) as base, open_page(browser, base) as (page, seen):
        page.goto(base)
        page.wait_for_selector("body[data-charts=screen]", timeout=30_000)
        # completion by theme, status mix, money, sanctions: the seed has all four
        assert page.locator(".js-plotly-plot").count() == 4
        assert page.locator(".js-plotly-plot .main-svg").count() >= 4
        assert page.locator(".metric-items .value").inner_text() == str(len(ITEMS))
        assert page.locator(".metric-rate .value").inner_text() == SEED_RATE == "45.2%"
        # each sum opens to its figures: the recovered money's one figure, with the item it comes from
        basis = page.locator("details.basis").first
        basis.locator("summary").click()
        assert "土地欠款追缴 688万元（事项20）" in basis.inner_text()
        assert page.locator(".metric-other_accountability_people .value").inner_text() == "—"
        assert SEED_RECOVERED_WAN in page.locator(".metric-recovered_wan .value").inner_text()
        rows = page.locator("table.items tbody tr")
        assert rows.count() == len(ITEMS)
        for n, (no, _, status, n_measures, title) in enumerate(ITEMS):
            row = rows.nth(n)
            assert row.locator("td.no").inner_text() == str(no)
            assert row.locator(".title").inner_text() == title
            assert row.locator(f".st-{status}").count() == 1
            assert row.locator(".measures li").count() == n_measures
        assert page.locator("h3").count() == len({theme for _, theme, *_ in ITEMS})
        text = page.inner_text("body")
        assert SEED_PHONE in text and contacts["email"] in text and contacts["mail"] in text
        page.wait_for_timeout(300)
        assert_clean(seen)
        page.screenshot(path=str(artifacts / "screenshots" / "public-page.png"), full_page=True)

        # the printable view: charts redrawn at A4 width, no buttons, black text
        page.emulate_media(media="print")
        page.wait_for_selector("body[data-charts=print]", timeout=15_000)
        widths = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot')).map(g => g._fullLayout.width)")
        assert widths == [publish.PRINT_WIDTH_PX] * 4
        assert not page.locator("#print-button").is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.metric .label')).color") == "rgb(0, 0, 0)"
        pdf = page.pdf(format="A4", print_background=True)
        (artifacts / "public-page.pdf").write_bytes(pdf)
        pages, printed = pdf_text(pdf)
        assert pages >= 2
        assert SEED_RECOVERED_WAN in printed and "45.2%" in printed and SEED_PHONE in printed

        # back on screen the charts fill their boxes again
        page.emulate_media(media="screen")
        page.wait_for_selector("body[data-charts=screen]", timeout=15_000)
        fits = page.evaluate("""Array.from(document.querySelectorAll('.js-plotly-plot'))
            .map(g => Math.abs(g._fullLayout.width - g.parentElement.clientWidth) <= 1)""")
        assert fits == [True] * 4
        assert_clean(seen)


def injected_report() -> str:
    text = seed_text()
    for anchor, planted in [("产业结构不优", SCRIPT + BREAKOUT),              # an item title
                            ("明确产业发展定位。", IMG + BREAKOUT),           # a measure
                            ("美好蓝图高质量发展不到位", BREAKOUT),            # a theme: goes into the chart JSON
                            ("武陵山大道5号", IMG)]:                          # the postal address
        assert anchor in text
        text = text.replace(anchor, anchor + planted, 1)
    return text


@pytest.mark.browser
def test_markup_in_report_text_stays_text(browser, tmp_path, artifacts):
    store = Store()
    store.ensure_bundled()
    rid = store.import_text(injected_report(), "injected.txt").report_id
    out = tmp_path / "site"
    publish_cli(out)   # two reports: index.html lists report-<id>.html pages
    assert (out / "report-1.html").exists() and (out / f"report-{rid}.html").exists()
    source = (out / f"report-{rid}.html").read_text(encoding="utf-8")
    for planted in (SCRIPT, IMG, BREAKOUT, "<img"):
        assert planted not in source

    with serve(out) as base, open_page(browser, base) as (page, seen):
        page.goto(base)
        page.locator(f'a[href="report-{rid}.html"]').click()
        page.wait_for_url(f"**/report-{rid}.html")
        page.wait_for_selector("body[data-charts=screen]", timeout=30_000)
        page.wait_for_timeout(500)
        # the charts drew: the theme's markup reached the figure JSON (as plotly entities; the embedding itself is
        # tested on raw "</script>" in test_script_json_has_no_markup_and_round_trips)
        assert page.locator(".js-plotly-plot").count() == 4
        assert page.evaluate("document.images.length") == 0
        assert page.evaluate("document.scripts.length") == len(re.findall(r"<script\b", source))
        title = page.locator("table.items .title").nth(1).inner_text()
        assert title.endswith(SCRIPT + BREAKOUT)
        # the parser splits measures at "(1)", "(2)": the pieces it keeps still carry the markup, shown as text
        measures = store.ledger(rid).items[1].measures
        assert measures[0].startswith("明确产业发展定位。<img src=x onerror=") and "</script><script>" in measures[1]
        shown = page.locator("table.items tbody tr").nth(1).locator(".measures li").all_inner_texts()
        assert shown == measures
        assert BREAKOUT in page.locator("h3").nth(1).inner_text()
        assert IMG in page.locator("dl.contacts").inner_text()
        hover_titles = page.evaluate("""Array.from(document.querySelectorAll('.js-plotly-plot'))[0].data
            .flatMap(t => t.customdata.map(c => c[1]))""")
        assert any("&lt;/script&gt;&lt;script&gt;alert(2)" in h for h in hover_titles)   # plotly shows it as text
        assert_clean(seen)
        page.screenshot(path=str(artifacts / "screenshots" / "public-page-injection.png"))


@pytest.mark.browser
def test_printable_single_file_runs_under_its_csp(browser, tmp_path):
    store = Store()
    store.ensure_bundled()
    (tmp_path / "overview.html").write_bytes(publish.render_printable(store, None, "zh"))
    with serve(tmp_path) as base, open_page(browser, base) as (page, seen):
        page.goto(base + "overview.html")
        page.wait_for_selector("body[data-charts=screen]", timeout=30_000)   # inline scripts allowed by hash
        assert page.locator(".js-plotly-plot").count() == 4
        assert page.locator(".metric-rate .value").inner_text() == SEED_RATE
        page.wait_for_timeout(300)
        assert_clean(seen)


# --- the files themselves -----------------------------------------------------------------------------------

def test_site_is_self_contained_and_strict(tmp_path):
    store = Store()
    store.ensure_bundled()
    files = publish.render_site(store, None, "zh")
    assert set(files) == {"index.html", "style.css", "app.js", "plotly.min.js"}
    assert files["plotly.min.js"] == get_plotlyjs().encode("utf-8")
    page = files["index.html"].decode("utf-8")
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "script-src 'self';" in csp and "unsafe" not in csp and "default-src 'none'" in csp
    # every reference is one of our files (or the empty data: icon, a phone number, an address)
    refs = re.findall(r'\b(?:src|href)="([^"]*)"', page)
    assert refs and all(r in files or r == "data:," or r.startswith(("tel:", "mailto:")) for r in refs), refs
    assert "//" not in "".join(refs)
    # no inline code: scripts are files or JSON data, and no element carries an event handler
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert 'src="' in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"<[^>]+\son\w+\s*=", page)
    for name in ("app.js", "style.css"):
        assert not re.search(rb"https?:|//[a-z]", files[name]), name
    # the print stylesheet: A4, page breaks, black text, the CJK font stack
    css = files["style.css"].decode()
    for rule in ("@page { size: A4;", "@media print", "break-before: page", "color: #000",
                 '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'):
        assert rule in css, rule


@pytest.mark.parametrize("value", [
    "</script><script>alert(2)</script>",
    "a & b <!-- c --> d",
    "line\u2028separator\u2029paragraph",
    "plain 中文 text",
])
def test_script_json_has_no_markup_and_round_trips(value):
    embedded = publish.script_json(json.dumps({"t": value}, ensure_ascii=False))
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert json.loads(embedded) == {"t": value}


def test_english_labels_report_text_as_published(tmp_path):
    out = tmp_path / "en"
    publish_cli(out, "--lang", "en", "--report", "1")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    for key in ("m_rate", "pub_item_list", "pub_contacts", "col_status"):
        assert f">{labels.t(key, 'en')}<" in page, key
    assert labels.t("pub_item_list", "zh") not in page
    assert Store().ledger(1).title in page                # report text is never translated
    assert ">In progress<" in page and ">Done<" in page


def test_unknown_report_fails_in_both_languages(tmp_path):
    r = run("publish", "--out", str(tmp_path / "x"), "--report", "999")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "999" in err and "错误" in err and "Error" in err
    assert not (tmp_path / "x").exists()


def test_write_site_writes_only_plain_names(tmp_path):
    assert [p.name for p in publish.write_site(tmp_path / "s", {"a.html": b"x"})] == ["a.html"]
    with pytest.raises(ValueError):
        publish.write_site(tmp_path / "s", {"../escape.html": b"x"})
    assert not (tmp_path / "escape.html").exists()


def test_nothing_of_the_seed_is_typed_into_the_code():
    # every module of every package, the pages and the frame: the numbers on a screen come from the report
    files = [*sorted((ROOT / "lib").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")), ROOT / "dashboard.py",
             ROOT / "ui.py", *sorted((ROOT / "lib" / "outputs" / "templates").iterdir())]
    assert len(files) > 30 and (ROOT / "lib" / "outputs" / "publish.py") in files
    code = "".join(f.read_text(encoding="utf-8") for f in files)
    seed = parse_text(seed_text())
    facts = [SEED_RECOVERED_WAN, SEED_RATE, seed.publisher, seed.inspector, seed.report_date,
             *seed.contacts.values(), *(th.title for th in seed.themes), *(title for *_, title in ITEMS)]
    for fact in facts:
        assert fact and fact not in code, fact
