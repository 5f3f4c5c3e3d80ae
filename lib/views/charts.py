"""DataFrames → plotly figures with one look: CJK font, status colours, a title that says what is counted."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .labels import STATUS_COLORS, STATUS_ORDER, status_label, t
from .safe import plotly_text

CJK_FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
ACCENT = "#0072B2"   # Okabe–Ito blue, for charts that are not about status


def _layout(fig: go.Figure, title: str, height: int, dark: bool = False, **kw) -> go.Figure:
    fg = "#F2F2F2" if dark else "#1F1F1F"
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 20 if not dark else 30}},
        font={"family": CJK_FONT, "size": 15 if not dark else 24, "color": fg},
        height=height, margin={"l": 10, "r": 20, "t": 60 if not dark else 90, "b": 40},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        hoverlabel={"font": {"family": CJK_FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        **kw,
    )
    grid = "#555555" if dark else "#E5E5E5"
    # axis titles clear of the tick labels, whatever the font size
    fig.update_xaxes(gridcolor=grid, zerolinecolor=grid, automargin=True, title_standoff=12)
    fig.update_yaxes(gridcolor=grid, zerolinecolor=grid)
    return fig


def theme_bars(progress: pd.DataFrame, lang: str = "zh", dark: bool = False) -> go.Figure:
    """Horizontal stacked bars: items per theme by status; customdata carries the theme number for selection."""
    fig = go.Figure()
    themes = progress.drop_duplicates("theme_no")
    order = [plotly_text(s) for s in themes["theme_short"]]
    for status in STATUS_ORDER:
        part = progress[progress["status"] == status]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            y=[plotly_text(s) for s in part["theme_short"]], x=part["count"], orientation="h", name=status_label(status, lang),
            marker={"color": STATUS_COLORS[status]}, customdata=[[int(n), plotly_text(full)] for n, full in zip(part["theme_no"], part["theme"])],
            hovertemplate="%{customdata[1]}<br>" + status_label(status, lang) + "：%{x}<extra></extra>",
            text=part["count"], textposition="inside", insidetextanchor="middle",
        ))
    height = max(260, 60 + 46 * len(order)) if not dark else max(480, 140 + 60 * len(order))
    _layout(fig, t("ch_theme_title", lang), height, dark, barmode="stack", clickmode="event+select")
    fig.update_layout(legend={"traceorder": "normal"})
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True)
    fig.update_xaxes(title_text=t("ch_theme_x", lang), dtick=1 if progress["count"].max() <= 12 else None)
    return fig


def status_donut(mix: pd.DataFrame, lang: str = "zh", dark: bool = False, title: str | None = None,
                 center: str | None = None) -> go.Figure:
    fig = go.Figure(go.Pie(
        labels=mix["status_label"], values=mix["count"], hole=0.55, sort=False, direction="clockwise",
        # from six o'clock: a small slice's label, set outside the ring, falls below it, clear of the title and
        # the legend above (91 done of 96 put the 5's label on the title); the margins grow to hold it
        rotation=180, automargin=True,
        marker={"colors": [STATUS_COLORS[s] for s in mix["status"]]},
        textinfo="value+percent", insidetextorientation="horizontal", hovertemplate="%{label}：%{value}<extra></extra>",
    ))
    # the centre: the number of items (or the report's own total); "—" when there is nothing to count, never 0
    center = center or (f"{int(mix['count'].sum())}" if not mix.empty else "—")
    fig.add_annotation(text=center, showarrow=False, font={"size": 34 if not dark else 60})
    return _layout(fig, title or t("ch_status_title", lang), 340 if not dark else 600, dark)


def completion_donut(completion, mix: pd.DataFrame, lang: str = "zh", dark: bool = False) -> go.Figure:
    """The items' status mix; for a report that states its progress only as totals, those totals instead
    (a donut of 100% 未说明 would read as nothing done)."""
    c = completion
    if c.source == "stated" and c.done is not None and c.total:
        level = t(f"lv_{c.level}", lang) if c.level else ""
        return status_donut(stated_mix(c.done, c.in_progress, c.total, lang), lang, dark,
                            title=t("ch_stated_title", lang, level=level))
    if c.source == "stated" and c.rate is not None and mix.empty:
        # a printed rate and no counts (整改任务完成率达96.3%): the rate's share, its figure in the centre
        level = t(f"lv_{c.level}", lang) if c.level else ""
        shares = pd.DataFrame([("done", status_label("done", lang), c.rate),
                               ("unknown", t("st_rest", lang), max(0.0, 100 - c.rate))],
                              columns=["status", "status_label", "count"])
        fig = status_donut(shares, lang, dark, title=t("ch_stated_title", lang, level=level), center=f"{c.rate:g}%")
        fig.update_traces(textinfo="percent", hovertemplate="%{label}：%{percent}<extra></extra>")
        return fig
    return status_donut(mix, lang, dark)


def stated_mix(done: int, in_progress: int | None, total: int, lang: str = "zh") -> pd.DataFrame:
    """A report's own counts as a status mix for the donut: done, in progress, and the rest unsaid."""
    rows = [("done", status_label("done", lang), done)]
    if in_progress:
        rows.append(("in_progress", status_label("in_progress", lang), in_progress))
    rest = total - done - (in_progress or 0)
    if rest > 0:
        rows.append(("unknown", t("st_rest", lang), rest))
    return pd.DataFrame(rows, columns=["status", "status_label", "count"])


def _trim(number: str) -> str:
    """"12.50" → "12.5", "3.00" → "3"; "20" stays 20 (zeros are trimmed only after a decimal point)."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def value_bars(sums: pd.DataFrame, title: str, x_title: str, color: str = ACCENT, dark: bool = False,
               value_format: str = ",.2f") -> go.Figure:
    """One bar per label (what was counted), longest at the top."""
    colors = list(sums["color"]) if "color" in sums else color   # a colour per bar: what total it adds to
    fig = go.Figure(go.Bar(
        y=[plotly_text(s) for s in sums["label"]], x=sums["value"], orientation="h", marker={"color": colors},
        text=[_trim(f"{v:{value_format}}") for v in sums["value"]], textposition="auto",
        hovertemplate="%{y}：%{x}<extra></extra>",
    ))
    height = max(240, 80 + 40 * len(sums)) if not dark else max(480, 140 + 70 * len(sums))
    _layout(fig, title, height, dark, showlegend=False)
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(title_text=x_title, dtick=1 if len(sums) and sums["value"].max() <= 8 and
                     all(float(v).is_integer() for v in sums["value"]) else None)
    return fig


def timeline(actions: pd.DataFrame, marks: dict[str, tuple[str | None, str | None]], lang: str = "zh") -> go.Figure:
    """Dated actions per month as bars, with the inspection period shaded and feedback/report dates marked."""
    per_month = actions.groupby("date").size().reset_index(name="n").sort_values("date")
    fig = go.Figure(go.Bar(
        x=pd.to_datetime(per_month["date"] + "-15"), y=per_month["n"], marker={"color": ACCENT},
        name=t("ch_timeline_y", lang), hovertemplate="%{x|%Y-%m}：%{y}<extra></extra>", width=20 * 24 * 3600 * 1000,
    ))
    colors = {"tl_inspection": "#CC79A7", "tl_feedback": "#D55E00", "tl_report": "#009E73"}
    for key, (a, b) in marks.items():
        if a and b and a != b:
            fig.add_vrect(x0=a, x1=b, fillcolor=colors[key], opacity=0.18, line_width=0,
                          annotation_text=t(key, lang), annotation_position="top left")
        elif a:
            fig.add_vline(x=pd.Timestamp(a).timestamp() * 1000, line_color=colors[key], line_dash="dash",
                          annotation_text=t(key, lang), annotation_position="top")
    _layout(fig, t("ch_timeline_title", lang), 380, showlegend=False)
    fig.update_yaxes(title_text=t("ch_timeline_y", lang), dtick=1, title_standoff=12, automargin=True)
    fig.update_xaxes(tickformat="%Y-%m")
    return fig


def report_rates(per_report: pd.DataFrame, lang: str = "zh", limit: int = 25, dark: bool = False) -> go.Figure:
    """Items per report by status, the least complete reports first (at most `limit` of them)."""
    df = per_report.assign(rate_sort=per_report["rate"].fillna(-1)).sort_values(["rate_sort", "report"]).head(limit)
    fig = go.Figure()
    names = [plotly_text(s) for s in df["report"]]
    for status in STATUS_ORDER:
        if df[status].sum() == 0:
            continue
        fig.add_trace(go.Bar(
            y=names, x=df[status], orientation="h", name=status_label(status, lang),
            marker={"color": STATUS_COLORS[status]}, text=df[status], textposition="inside",
            hovertemplate="%{y}<br>" + status_label(status, lang) + "：%{x}<extra></extra>",
        ))
    title = t("ch_report_title", lang) if len(per_report) <= limit else t("ch_report_title_lowest", lang, n=limit)
    height = max(260, 70 + 34 * len(df)) if not dark else max(500, 120 + 60 * len(df))
    _layout(fig, title, height, dark, barmode="stack")
    fig.update_layout(legend={"traceorder": "normal"})
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], automargin=True)
    fig.update_xaxes(title_text=t("ch_theme_x", lang))
    return fig


def compare_bars(per_report: pd.DataFrame, column: str, title: str, x_title: str, color: str = ACCENT,
                 percent: bool = False) -> go.Figure:
    """One bar per report for one measure (completion rate, money recovered, …)."""
    # a report that does not state the measure gets no bar and "—", never a bar at 0
    values = [None if pd.isna(v) else v * (100 if percent else 1) for v in per_report[column]]
    fig = go.Figure(go.Bar(
        y=[plotly_text(s) for s in per_report["report"]], x=[0 if v is None else v for v in values], orientation="h",
        marker={"color": [color if v is not None else "rgba(0,0,0,0)" for v in values]},
        text=["—" if v is None else f"{v:.1f}".rstrip("0").rstrip(".") + "%" if percent
              else f"{v:,.2f}".rstrip("0").rstrip(".") for v in values],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}：%{text}<extra></extra>",
    ))
    _layout(fig, title, max(240, 80 + 40 * len(per_report)), showlegend=False)
    fig.update_yaxes(automargin=True, autorange="reversed")
    fig.update_xaxes(title_text=x_title, range=[0, 100] if percent else None)
    return fig
