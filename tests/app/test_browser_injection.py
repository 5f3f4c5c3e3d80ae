"""An injected report on every page in real Chromium: the markup shows as text and nothing runs."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lib.library.store import Store
from tests.conftest import ROOT, start_streamlit
from tests.injection import PAYLOADS, injected_text
from tests.app.test_browser import settle

pytestmark = pytest.mark.browser

PAGES = ["overview", "items", "land", "discipline", "timeline", "compare", "bigscreen", "library", "corrections"]
# the payloads each page shows of the report's text (its title, item titles, figures' sentences), as text
SHOWN = {"overview": ["script"], "items": ["img", "md_link", "formula"], "land": ["md_link"], "discipline": ["img"],
         "bigscreen": ["script"], "library": ["script"]}
# every text the page shows: its elements, the data grids' accessible cells, the charts' SVG text
ALL_TEXT = """() => [document.querySelector('[data-testid=stMain]').innerText,
  ...Array.from(document.querySelectorAll('[data-testid=stMain] [role=gridcell], [data-testid=stMain] svg text'))
     .map(c => c.textContent)].join('\\n')"""


@pytest.fixture(scope="module")
def injected_url(artifacts, tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('injected') / 'library.sqlite3'}"
    rid = Store(db).import_text(injected_text(), "injected.txt").report_id
    proc, base = start_streamlit(ROOT / "dashboard.py", env={"RECTIFY_DATABASE_URL": db})
    yield base, rid
    proc.terminate()
    proc.wait(10)


@pytest.mark.parametrize("name", PAGES)
def test_injected_report_renders_as_text(page, injected_url, artifacts, name):
    base, rid = injected_url
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/{name}?report={rid}&item={rid}:2")
    settle(page)
    page.wait_for_timeout(1500)          # charts and late renders
    assert not dialogs                                                    # no script ran
    assert page.locator("img[src='x']").count() == 0                      # no element built from the text
    assert page.locator("a[href^='javascript']").count() == 0             # no live link from Markdown
    assert page.locator("[data-testid='stMain'] .katex").count() == 0     # no LaTeX typeset
    assert not page.console_errors
    if name in ("land", "discipline", "library"):
        page.wait_for_selector("[role=gridcell]", state="attached", timeout=30_000)   # the grids' cells drawn
    for key in SHOWN.get(name, []):
        # a page with several grids draws their accessible cells one after another: wait for the payload's
        # (up to 30 s), then check it is there as text
        try:
            page.wait_for_function(f"(p) => ({ALL_TEXT})().includes(p)", arg=PAYLOADS[key], timeout=30_000)
        except PlaywrightTimeoutError:
            pass                                                           # the assertion says what is missing
        assert PAYLOADS[key] in page.evaluate(ALL_TEXT), key               # shown literally, as text
    text = page.locator("[data-testid='stMain']").inner_text()
    if name == "overview":
        assert "<script>alert('xss')</script>" in text                    # shown literally
    if name == "items":
        assert "<img src=x onerror=alert('img')>" in text
        assert "[点我](javascript:alert('md'))" in text
        page.goto(f"{base}/items?report={rid}&item={rid}:20")          # the entity and directive payloads
        settle(page)
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "&lt;b&gt;加粗&lt;/b&gt;&amp;:red[红色]:material/warning:" in text
    page.screenshot(path=str(artifacts / "screenshots" / f"injected-{name}.png"), full_page=True)
