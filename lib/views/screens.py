"""The big screen's slides as data: which slides exist, what the URL may ask for, what each shows."""
from __future__ import annotations

from dataclasses import dataclass

SLIDES = ("metrics", "themes", "land", "discipline", "progress")
MIN_INTERVAL, DEFAULT_INTERVAL, MAX_INTERVAL = 5, 15, 600


@dataclass(frozen=True)
class ScreenConfig:
    slides: tuple[str, ...]
    interval: int        # seconds per slide


def parse_config(slides: str | None, interval: str | None) -> ScreenConfig:
    """?slides=metrics,land&interval=20 → the slides in that order and the seconds per slide.

    Unknown slide names are dropped; no valid name means every slide. The interval is clamped to
    [MIN_INTERVAL, MAX_INTERVAL] so a link cannot make the screen flicker or freeze.
    """
    chosen = tuple(dict.fromkeys(s.strip() for s in (slides or "").split(",") if s.strip() in SLIDES))
    try:
        seconds = int(float(interval)) if interval else DEFAULT_INTERVAL
    except ValueError:
        seconds = DEFAULT_INTERVAL
    return ScreenConfig(chosen or SLIDES, max(MIN_INTERVAL, min(MAX_INTERVAL, seconds)))


def in_progress_titles(items, limit: int = 8) -> tuple[list[str], int]:
    """The first `limit` items not yet done (numbered as published) and how many more there are."""
    open_items = items[items["status"].isin(["in_progress", "not_done", "unknown"])]
    shown = [f"{no}. {title}" for no, title in zip(open_items["no"].head(limit), open_items["title"].head(limit))]
    return shown, max(0, len(open_items) - limit)
