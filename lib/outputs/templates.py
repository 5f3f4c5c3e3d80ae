"""HTML from Jinja2 templates (lib/outputs/templates/), escaped by default: values are marked safe only where
this package built them (a chart's data: URL, a stylesheet)."""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # every value from a document is text, never markup; a stylesheet or script template takes only
        # values this package chose (colours, sizes, font names), which HTML-escaping would corrupt
        autoescape=jinja2.select_autoescape(disabled_extensions=("css", "js"), default=True),
        undefined=jinja2.StrictUndefined,     # a missing value is a bug, not an empty string
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )


def render(name: str, **values) -> str:
    return environment().get_template(name).render(**values)
