"""Deadline lights, as tracking platforms show a 台账: overdue (the deadline passed and the item is not done), due
within 30 days, on track, done; counted from a date the user sets, by default each report's own date."""
from __future__ import annotations

import datetime as dt

import pandas as pd

LIGHTS = ("overdue", "due_soon", "on_track", "done")
SOON_DAYS = 30


def light(status: str, deadline: str | None, as_of: dt.date, soon_days: int = SOON_DAYS) -> str | None:
    """One item's light; None when it is not done and has no deadline to be late against (长期坚持)."""
    if status == "done":
        return "done"
    if not deadline:
        return None
    due = dt.date.fromisoformat(deadline)
    if due < as_of:
        return "overdue"
    return "due_soon" if (due - as_of).days <= soon_days else "on_track"


def default_as_of(report_date: str | None, today: dt.date | None = None) -> dt.date:
    """The report's date (its 截至时间 for a 台账), else today."""
    return dt.date.fromisoformat(report_date) if report_date else (today or dt.date.today())


def has_deadlines(items: pd.DataFrame) -> bool:
    return "deadline" in items and bool(items["deadline"].notna().any())


def item_lights(items: pd.DataFrame, as_of: dt.date | None, report_dates: dict[int, str | None],
                today: dt.date | None = None) -> list[str | None]:
    """The light of each item row: counted from `as_of`, or when it is None from the item's report's date."""
    dates = {rid: default_as_of(d, today) for rid, d in report_dates.items()}
    fallback = today or dt.date.today()
    return [light(s, d if isinstance(d, str) and d else None, as_of or dates.get(int(r), fallback))
            for r, s, d in zip(items["report_id"], items["status"], items["deadline"])]


def light_counts(lights: list[str | None]) -> dict[str, int]:
    """How many items have each light; items without one are not counted."""
    return {k: sum(1 for x in lights if x == k) for k in LIGHTS}
