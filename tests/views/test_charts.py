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
