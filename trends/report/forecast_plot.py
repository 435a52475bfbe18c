"""Forecast figure: one series' weekly history, the forecast median with 80 % / 95 % bands, and its change points."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..weeks import week_label

HISTORY_COLOR = "#4c72b0"
FORECAST_COLOR = "#dd8452"
UP_COLOR, DOWN_COLOR = "#c44e52", "#2a7f62"
#: weeks of history the x axis shows at least, however short the series.
MIN_HISTORY_WEEKS = 26


def plot_forecast(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    breaks: pd.DataFrame | None = None,
    ax=None,
    *,
    weeks: int = 104,
    title: str | None = None,
) -> Figure:
    """Plot one series: weekly events, the forecast median, 80 % and 95 % bands, change points.

    Args:
        history: WEEKLY rows of one series (week, events); the last `weeks` weeks are drawn.
        forecast: FORECASTS rows of one series and model (week, mean, lo80, hi80, lo95, hi95, and `median` if
            present; without it the mean is drawn as the centre line).
        breaks: BREAKS rows of the same series (week, method, direction, rate_before, rate_after) or None;
            each is a vertical line labelled with its rates, the rate after it drawn as a dashed level.
        ax: matplotlib Axes to draw on; default a new figure.
        weeks: weeks of history shown.
        title: axes title; default "actor / country / province" from the rows.

    Returns:
        The Figure (nothing is saved; `trends forecast --plot` and the report save it).
    """
    if ax is None:
        fig = Figure(figsize=(9, 3.6), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    h = history.sort_values("week")
    if len(h):
        h = h[pd.to_datetime(h["week"]) > pd.to_datetime(h["week"]).max() - pd.Timedelta(weeks=weeks)]
    hx = pd.to_datetime(h["week"])
    ax.bar(hx, h["events"], width=6, color=HISTORY_COLOR, alpha=0.75, label="events a week")
    f = forecast.sort_values("week")
    if len(f):
        fx = pd.to_datetime(f["week"])
        # each forecast week spans its Monday +- 3.5 days, as the history bars do: steps from the week edges
        edges = pd.DatetimeIndex([*(fx - pd.Timedelta(days=3.5)), fx.iloc[-1] + pd.Timedelta(days=3.5)])

        def stairs(col) -> np.ndarray:
            v = f[col].to_numpy(dtype=float) if isinstance(col, str) else np.asarray(col, dtype=float)
            return np.r_[v, v[-1]]

        median = "median" in f and f["median"].notna().all()
        centre = f["median"] if median else f["mean"]
        ax.fill_between(
            edges, stairs("lo95"), stairs("hi95"), step="post", color=FORECAST_COLOR, alpha=0.18, lw=0, label="95 %"
        )
        ax.fill_between(
            edges, stairs("lo80"), stairs("hi80"), step="post", color=FORECAST_COLOR, alpha=0.38, lw=0, label="80 %"
        )
        ax.step(
            edges,
            stairs(centre),
            where="post",
            color=FORECAST_COLOR,
            lw=2,
            label="forecast median" if median else "forecast mean",
        )
        ax.step(edges, stairs("mean"), where="post", ls=":", color="#8c4a1c", lw=1.2, label="forecast mean")
        ax.axvline(edges[0], color="0.4", lw=0.8, ls="--")
        # at least MIN_HISTORY_WEEKS before the forecast, so a series that began last week is not drawn as one
        # bar as wide as the axes
        first = min([hx.min()] if len(hx) else [], default=fx.iloc[0])
        ax.set_xlim(
            mdates.date2num(min(first, fx.iloc[0] - pd.Timedelta(weeks=MIN_HISTORY_WEEKS)) - pd.Timedelta(days=5)),
            mdates.date2num(edges[-1] + pd.Timedelta(days=2)),
        )
    labels = []  # (x, text, colour) of each change point, placed once the axes' extent is known
    if breaks is not None and len(breaks):
        start = hx.min() if len(hx) else None
        bs = breaks.sort_values("week")
        stops = list(pd.to_datetime(bs["week"]).iloc[1:]) + [None]
        for b, stop in zip(bs.itertuples(), stops):
            bx = pd.Timestamp(b.week)
            if start is not None and bx < start:
                continue
            color = UP_COLOR if getattr(b, "direction", "") == "up" else DOWN_COLOR
            ax.axvline(bx, color=color, lw=1.3)
            before, after = getattr(b, "rate_before", np.nan), getattr(b, "rate_after", np.nan)
            label = f"{week_label(bx)} {getattr(b, 'method', '')}".strip()
            if np.isfinite(before) and np.isfinite(after):
                label += f"\n{before:.1f} \u2192 {after:.1f}/wk"
                end = pd.to_datetime(f["week"]).max() if len(f) else bx + pd.Timedelta(weeks=8)
                ax.hlines(after, bx, stop if stop is not None else end, colors=color, linestyles="--", lw=1)
            labels.append((bx, label, color))
    top_frac = _place_labels(ax, labels)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.2-event ticks on a quiet series
    ax.set_ylabel("events per week")
    loc = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(loc)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    if title is None:
        rows = f if len(f) else h
        if len(rows):
            r = rows.iloc[0]
            title = " / ".join(str(r[c]) for c in ("actor", "country", "province") if c in r and r[c])
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    handles, labels = ax.get_legend_handles_labels()
    seen = dict(zip(labels, handles))
    ax.legend(
        seen.values(),
        seen.keys(),
        fontsize=7,
        loc="upper left",
        bbox_to_anchor=(0, top_frac),  # below the change-point labels
        framealpha=0.85,
        edgecolor="none",
    )
    return fig


#: change-point labels: font size (pt), the gap kept between two labels in a row (pt), and the most rows.
LABEL_SIZE, LABEL_GAP, LABEL_ROWS = 7, 6, 4


def _place_labels(ax, labels: list) -> float:
    """Write the change-point labels at the top of the axes, each just right of its line, in rows: a label
    that would run into the one before it in a row goes to the next row down (change points a few weeks apart
    no longer print over each other). The y axis gets headroom so no label covers a bar.

    Returns the axes fraction under the lowest row (where the legend can start).
    """
    if not labels:
        ax.set_ylim(bottom=0)
        return 0.97
    fig = ax.figure
    x0, x1 = ax.get_xlim()  # data limits so far (bars, bands and lines are all drawn)
    w_in, h_in = fig.get_size_inches()
    pos = ax.get_position()
    axes_w_pt = max(w_in * 72 * pos.width * 0.92, 1.0)  # constrained layout takes a little for the labels
    axes_h_pt = max(h_in * 72 * pos.height * 0.88, 1.0)
    char_pt = 0.56 * LABEL_SIZE  # mean advance of DejaVu Sans digits and letters at this size
    line_pt = 1.25 * LABEL_SIZE
    row_ends: list[float] = []  # right end (pt from the left edge) of the last label in each row
    placed = []
    for bx, text, color in labels:
        left = (mdates.date2num(bx) - x0) / (x1 - x0) * axes_w_pt + 3
        width = max(len(t) for t in text.split("\n")) * char_pt
        row = next((i for i, end in enumerate(row_ends) if left >= end + LABEL_GAP), len(row_ends))
        if row >= LABEL_ROWS:  # too crowded: the last row, the least bad place
            row = LABEL_ROWS - 1
        if row == len(row_ends):
            row_ends.append(left + width)
        else:
            row_ends[row] = max(row_ends[row], left + width)
        placed.append((bx, text, color, row, text.count("\n") + 1))
    row_h = max(n for *_, n in placed) * line_pt + 3
    used = (len(row_ends) * row_h + 4) / axes_h_pt  # axes fraction the rows take at the top
    for bx, text, color, row, _ in placed:
        ax.annotate(
            text,
            (bx, 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3 - row * row_h),
            textcoords="offset points",
            va="top",
            fontsize=LABEL_SIZE,
            color=color,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.9},
        )
    lo, hi = ax.get_ylim()
    data_top = max(hi, 1e-9)
    ax.set_ylim(0, data_top / max(1 - used, 0.35))  # the tallest bar ends under the lowest row
    ax.set_xlim(x0, x1)
    return 1 - used
