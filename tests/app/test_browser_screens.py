"""Public mode and the big screen in a real browser: unreachable analyst URLs, slides at 1920×1080."""
from __future__ import annotations

import re

import pytest

from lib.views.screens import MIN_INTERVAL, SLIDES
from tests.conftest import ROOT, start_streamlit
from tests.app.test_browser import settle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def public_url(artifacts, tmp_path_factory):
    db = tmp_path_factory.mktemp("public-library") / "library.sqlite3"
    proc, base = start_streamlit(ROOT / "dashboard.py",
                                 env={"RECTIFY_DATABASE_URL": f"sqlite:///{db}", "RECTIFY_PUBLIC": "1"})
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.mark.parametrize("path", ["items", "library", "corrections", "compare", "timeline"])
def test_analyst_urls_lead_nowhere_in_public_mode(page, public_url, path):
    page.goto(f"{public_url}/{path}")
    settle(page)
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "事项明细" not in nav and "报告库" not in nav and "更正" not in nav
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "导出 CSV" not in main and "上传报告" not in main and "更正记录" not in main
    assert not page.locator('[data-testid="stFileUploader"]').count()


def test_big_screen_rotates_and_every_slide_is_captured(browser, public_url, artifacts):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{public_url}/bigscreen?embed=true&interval={MIN_INTERVAL}")
    settle(page)
    seen = []
    for k in range(1, len(SLIDES) + 1):
        page.wait_for_function(
            f"document.body.innerText.includes('第 {k}/{len(SLIDES)} 屏')", timeout=(MIN_INTERVAL + 20) * 1000)
        page.wait_for_timeout(1500)      # let the slide's chart draw
        text = page.locator('[data-testid="stMain"]').inner_text()
        seen.append(re.search(r"第 (\d)/\d 屏", text).group(1))
        page.screenshot(path=str(artifacts / "screenshots" / f"bigscreen-{k}-{SLIDES[k - 1]}.png"))
    assert seen == [str(k) for k in range(1, len(SLIDES) + 1)]      # it advanced on its own
    assert "0743" in page.locator('[data-testid="stMain"]').inner_text()   # the report's supervision phone
    assert not errors
    context.close()
