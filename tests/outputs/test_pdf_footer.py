"""The printed page's footer (lib/outputs/images._footer_html): a template Chromium fills with page numbers, and
the report's own words in it as text."""
from __future__ import annotations

import pytest

from lib.outputs.images import _footer_html


@pytest.mark.parametrize(("text", "shown"), [
    ("湘西高新区党工委 · 2023-12-19", "湘西高新区党工委 · 2023-12-19"),
    ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"),
    ("A & B", "A &amp; B"),
])
def test_the_footer_shows_its_text_as_text(text, shown):
    html = _footer_html(text)
    assert f"<span>{shown}</span>" in html
    assert html.count("<img") == 0


def test_the_footer_keeps_chromiums_page_number_slots():
    html = _footer_html("x")
    assert '<span class="pageNumber"></span> / <span class="totalPages"></span>' in html
