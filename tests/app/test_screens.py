"""Public mode and the big screen: analyst pages unreachable, slides rotating on their own."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.library.store import Store
from lib.views.screens import (
    DEFAULT_INTERVAL,
    MAX_INTERVAL,
    MIN_INTERVAL,
    SLIDES,
    parse_config,
)

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
PUBLIC_PAGES = ["pages/overview.py", "pages/land.py", "pages/discipline.py", "pages/bigscreen.py"]
ANALYST_PAGES = ["pages/items.py", "pages/timeline.py", "pages/compare.py", "pages/library.py", "pages/corrections.py"]


@pytest.mark.parametrize("slides,interval,want_slides,want_interval", [
    (None, None, SLIDES, DEFAULT_INTERVAL),
    ("land,metrics", "20", ("land", "metrics"), 20),
    ("land,bogus,land", "1", ("land",), MIN_INTERVAL),          # unknown dropped, repeats once, floor
    ("bogus", "99999", SLIDES, MAX_INTERVAL),                   # nothing valid → every slide; ceiling
    ("", "abc", SLIDES, DEFAULT_INTERVAL),
])
def test_screen_config_from_url(slides, interval, want_slides, want_interval):
    assert parse_config(slides, interval) == (parse_config.__globals__["ScreenConfig"](want_slides, want_interval))


def public_app(monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("RECTIFY_PUBLIC", "1")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


@pytest.mark.parametrize("page", ANALYST_PAGES)
def test_analyst_pages_are_not_registered_in_public_mode(monkeypatch, page):
    at = public_app(monkeypatch)
    with pytest.raises(ValueError, match="navigation page"):
        at.switch_page(page)


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_render(monkeypatch, page):
    at = public_app(monkeypatch)
    at.switch_page(page).run()
    assert not at.exception and not at.error


def test_public_overview_shows_no_parser_notes(monkeypatch):
    store = Store()
    rid = store.import_text((ROOT / "tests" / "fixtures" / "layout_status_in_title.txt").read_text("utf-8"),
                            "x.txt").report_id
    assert store.ledger(rid).warnings                     # the report does have notes for analysts
    at = public_app(monkeypatch, report=str(rid))
    assert not at.warning
    monkeypatch.delenv("RECTIFY_PUBLIC")
    analyst = AppTest.from_file(DASHBOARD, default_timeout=60)
    analyst.query_params["report"] = str(rid)
    analyst.run()
    assert analyst.warning                                # the same report shows them to analysts


def test_big_screen_slides_advance_and_show_contacts(monkeypatch):
    at = public_app(monkeypatch, slides="metrics,progress", interval="5")
    at.switch_page("pages/bigscreen.py").run()
    assert {m.label: m.value for m in at.metric}["整改事项"] == "31"
    assert any("第 1/2 屏" in c.value for c in at.caption)
    assert any("0743" in c.value and "电话" in c.value for c in at.caption)
    at.run()          # the next run of the rotating fragment: the next slide
    assert any("第 2/2 屏" in c.value for c in at.caption)
    assert any("产业结构不优" in m.value for m in at.markdown)          # the first item still in progress
    assert any(c.value == "另有 9 项" for c in at.caption)             # 17 in progress, 8 on the slide
    assert not at.metric


def test_printable_version_is_offered_to_the_public(monkeypatch):
    at = public_app(monkeypatch)
    assert [b.label for b in at.download_button] == ["打印版"]
