"""The dashboard in a real browser: charts drawn, a click on a theme's bar filters the items, Chinese renders."""
from __future__ import annotations

import csv
import io
import time

import pytest

from tests.seed_facts import ITEMS

pytestmark = pytest.mark.browser

PAGES = ["overview", "items", "land", "discipline", "timeline"]


def settle(page, charts: int = 0, grid: bool = False, timeout: float = 30_000) -> None:
    """Wait until the script has finished, `charts` plotly figures are drawn and, if asked, a data grid."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    if grid:
        page.wait_for_selector("[role=gridcell]", state="attached", timeout=timeout)
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=timeout)
    page.wait_for_function(
        "document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state') === 'notRunning'",
        timeout=timeout)
    page.wait_for_timeout(400)


def drawn_fonts(page, scope: str) -> set[str]:
    """The platform fonts Chromium used for the first element in `scope` whose own text is Chinese (CDP
    CSS.getPlatformFontsForNode: what was drawn, after fallback, not what the stylesheet named)."""
    found = page.evaluate("""scope => {
        const has = n => Array.from(n.childNodes).some(c => c.nodeType === 3 && /[\\u4e00-\\u9fff]/.test(c.textContent));
        const el = Array.from(document.querySelectorAll(scope + ' *')).find(has);
        if (el) { el.setAttribute('data-font-probe', '1'); }
        return !!el;
    }""", scope)
    assert found, f"no Chinese text in {scope}"
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-font-probe]"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
        page.evaluate("document.querySelectorAll('[data-font-probe]').forEach(e => e.removeAttribute('data-font-probe'))")
    return {f["familyName"] for f in fonts if f["glyphCount"] > 0}


def grid_rows(page) -> list[list[str]]:
    """The visible cells of the first data grid, as rows (st.dataframe renders an accessible grid)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('[role=row]'))
        .map(r => Array.from(r.querySelectorAll('[role=gridcell]')).map(c => c.innerText))
        .filter(r => r.length)""")


def test_click_theme_bar_filters_items(page, app_url, artifacts):
    page.goto(app_url + "/")
    settle(page, charts=2)
    # theme (五) in progress: find its bar through the figure's own data, then click it
    idx = page.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        for (let t = 0; t < gd.data.length; t++) {
            const cd = gd.data[t].customdata;
            for (let i = 0; i < cd.length; i++) if (cd[i][0] === 5) return [t, i];
        }
        return null; }""")
    assert idx is not None
    trace, point = idx
    bar = page.locator(".js-plotly-plot").first.locator("g.trace.bars").nth(trace).locator("g.point").nth(point)
    box = bar.bounding_box()
    # a user's click lands on plotly's drag layer above the bar, which turns it into a point selection
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**theme=5**", timeout=15_000)
    settle(page, charts=2)
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    theme5 = [i for i in ITEMS if i[1] == 5]
    assert metrics[0] == str(len(theme5))
    page.screenshot(path=str(artifacts / "screenshots" / "overview-theme5.png"), full_page=True)

    page.get_by_role("link", name="事项明细").click()
    page.wait_for_url("**/items?**theme=5**", timeout=15_000)
    settle(page, grid=True)
    rows = grid_rows(page)
    assert sorted(int(r[0]) for r in rows) == [i[0] for i in theme5]
    assert all(r[1].startswith("（五）") for r in rows)

    # the export holds exactly the filtered rows
    with page.expect_download() as dl:
        page.get_by_role("button", name="导出 CSV").click()
    raw = open(dl.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    exported = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(int(r["序号"]) for r in exported) == [i[0] for i in theme5]


def test_filter_in_url_survives_page_switch_and_reload(page, app_url):
    page.goto(app_url + "/items?status=in_progress&theme=5")
    settle(page, grid=True)
    want = sorted(i[0] for i in ITEMS if i[1] == 5 and i[2] == "in_progress")
    assert sorted(int(r[0]) for r in grid_rows(page)) == want
    page.get_by_role("link", name="执纪问责").click()
    page.wait_for_url("**/discipline?**", timeout=15_000)
    settle(page)
    assert "status=in_progress" in page.url and "theme=5" in page.url
    page.reload()
    settle(page)
    page.get_by_role("link", name="事项明细").click()
    page.wait_for_url("**/items?**", timeout=15_000)
    settle(page, grid=True)
    assert sorted(int(r[0]) for r in grid_rows(page)) == want


def test_english_switch_in_browser(page, app_url):
    page.goto(app_url + "/?lang=en")
    settle(page, charts=2)
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert "Items" in labels and "Completion rate" in labels
    assert page.get_by_role("link", name="Discipline").count() == 1


@pytest.mark.parametrize("name", PAGES)
def test_screenshot_every_page(page, app_url, artifacts, name):
    page.goto(f"{app_url}/{'' if name == 'overview' else name}")
    charts = {"overview": 2, "land": 2, "discipline": 1, "timeline": 1}.get(name, 0)
    settle(page, charts=charts)
    # the font Chromium actually drew the page's Chinese with (not the one CSS asked for): Noto CJK, no empty boxes
    assert "Noto Sans CJK SC" in drawn_fonts(page, '[data-testid="stMain"]'), name
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert "Traceback" not in text and not page.locator('[data-testid="stException"]').count()
    if charts:
        assert "Noto Sans CJK SC" in drawn_fonts(page, ".js-plotly-plot")     # the charts' SVG text too
    page.screenshot(path=str(artifacts / "screenshots" / f"{name}.png"), full_page=True)
    assert not page.console_errors
    assert not page.bad_responses   # nothing fetched from outside (offline networks) and nothing missing


def test_first_visit_to_a_deep_link_gets_the_frame(page, artifacts):
    """A fresh server whose first visitor opens /items directly still shows the sidebar and filters."""
    from tests.conftest import ROOT, start_streamlit
    proc, base = start_streamlit(ROOT / "dashboard.py")
    try:
        page.goto(base + "/items?status=in_progress")
        settle(page, grid=True)
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "筛选" in sidebar and "阶段性完成" in sidebar
        assert "common" not in sidebar          # no page list made up from the pages/ folder
        rows = grid_rows(page)
        assert rows and all(r[3] == "阶段性完成" for r in rows)   # the URL's filter applied
    finally:
        proc.terminate()
        proc.wait(10)


NAV_LABELS = """() => Array.from(document.querySelectorAll('[data-testid="stSidebarNavLink"]'))
                      .map(a => a.innerText.trim()).join('|')"""


@pytest.mark.parametrize("path", ["/", "/items"])
def test_a_fresh_servers_first_paint_lists_only_the_real_pages(browser, path):
    """From the first byte on, the sidebar menu is the app's own (总览, 事项明细, …): never a list made up from
    the files of pages/ (common, dashboard, overview…) that a fresh server paints before st.navigation runs."""
    from tests.conftest import ROOT, start_streamlit
    proc, base = start_streamlit(ROOT / "dashboard.py")
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    try:
        pg = context.new_page()
        pg.goto(base + path, wait_until="commit")
        seen, deadline = [], time.time() + 60
        while time.time() < deadline:
            menu = pg.evaluate(NAV_LABELS)
            if menu and (not seen or seen[-1] != menu):
                seen.append(menu)
            if menu and "总览" in menu and "更正" in menu:
                break
            time.sleep(0.01)
        assert seen and "总览" in seen[-1], seen     # the real menu arrived
        assert seen == [seen[-1]], seen            # and nothing else was ever painted before it
        assert "common" not in seen[-1]
    finally:
        context.close()
        proc.terminate()
        proc.wait(10)
