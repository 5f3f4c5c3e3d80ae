"""Charts built from plain frames: what a leader reads on them."""
from __future__ import annotations

from lib.views import charts


def test_the_status_donut_puts_a_small_slice_s_label_below_the_ring():
    """91 done of 96: the 5's label sits outside the ring; the ring starts at six o'clock so that label falls
    below it, clear of the title and the legend above, and the margins grow to hold it."""
    fig = charts.status_donut(charts.stated_mix(91, 5, 96, "zh"), "zh", title="整改任务完成情况（据报告所述）")
    pie = fig.data[0]
    assert (abs(pie.rotation), pie.direction, pie.automargin) == (180, "clockwise", True)   # plotly says -180
    assert list(pie.values) == [91, 5] and fig.layout.annotations[0].text == "96"


def _mix(*rows):
    import pandas as pd

    return pd.DataFrame(list(rows), columns=["status", "status_label", "count"])


def test_a_donut_never_says_0_for_what_the_report_does_not_count():
    """A report that prints only a rate (整改任务完成率达96.3%, no counts, no items) shows that rate's share with the
    rate in the centre; with nothing stated and no items the centre is "—", not 0."""
    from lib.views.totals import Completion

    rate_only = charts.completion_donut(Completion(rate=96.3, source="stated", level="tasks"), _mix(), "zh")
    assert rate_only.layout.annotations[0].text == "96.3%"
    assert [round(v, 1) for v in rate_only.data[0].values] == [96.3, 3.7]
    assert rate_only.layout.title.text.startswith("整改任务")
    unknown = charts.completion_donut(Completion(), _mix(), "zh")
    assert unknown.layout.annotations[0].text == "—"
    items = charts.completion_donut(Completion(rate=50.0, done=1, total=2, source="items"),
                                    _mix(("done", "完成", 1), ("in_progress", "阶段性完成", 1)), "zh")
    assert items.layout.annotations[0].text == "2"
