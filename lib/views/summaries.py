"""Summaries of a selection for charts and tables: progress by theme, the status mix, sums by label."""
from __future__ import annotations

import pandas as pd

from .labels import STATUS_ORDER, status_label


def theme_progress(items: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Items per theme and status, long form, themes in report order."""
    cols = ["theme_no", "theme_short", "theme", "status", "status_label", "count"]
    with_theme = items[items["theme_no"].notna()]
    if with_theme.empty:
        return pd.DataFrame(columns=cols)
    g = with_theme.groupby(["theme_no", "theme_short", "theme", "status"], sort=False).size().reset_index(name="count")
    g["status_label"] = g["status"].map(lambda s: status_label(s, lang))
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    g = g.sort_values(["theme_no", "status"], key=lambda c: c.map(order) if c.name == "status" else c)
    return g[cols].reset_index(drop=True)


def status_mix(items: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    counts = items["status"].value_counts()
    rows = [{"status": s, "status_label": status_label(s, lang), "count": int(counts.get(s, 0))}
            for s in STATUS_ORDER if counts.get(s, 0)]
    return pd.DataFrame(rows, columns=["status", "status_label", "count"])


def sums_by_label(quantities: pd.DataFrame) -> pd.DataFrame:
    if quantities.empty:
        return pd.DataFrame(columns=["label", "value"])
    g = quantities.groupby("label", sort=False)["value"].sum().reset_index()
    return g.sort_values("value", ascending=True).reset_index(drop=True)


# the people a discipline chart counts, in the colour of their total: sanctions, and other accountability
PEOPLE_COLORS = {"disciplined_people": "#D55E00", "other_accountability_people": "#E69F00"}


def people_sums(parts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Sums by label of each people total's figures, with the total's colour per bar."""
    out = [sums_by_label(q).assign(color=PEOPLE_COLORS[k]) for k, q in parts.items() if len(q)]
    if not out:
        return pd.DataFrame(columns=["label", "value", "color"])
    return pd.concat(out).sort_values("value", ascending=True).reset_index(drop=True)


def entities(quantities: pd.DataFrame) -> pd.DataFrame:
    """Counted enterprises and units (2家企业, 4家停产关闭企业) — what discipline work touched."""
    return quantities[(quantities["kind"] == "count") & quantities["unit"].isin(["家", "户", "所"])]


def percentages(quantities: pd.DataFrame) -> pd.DataFrame:
    return quantities[quantities["kind"] == "percent"]
