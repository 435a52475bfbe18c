"""Forecast figure: one series' weekly history, the forecast median with 80 % / 95 % bands, and its change points."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..weeks import week_label

HISTORY_COLOR = "#4c72b0"
FORECAST_COLOR = "#dd8452"
UP_COLOR, DOWN_COLOR = "#c44e52", "#2a7f62"


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
        centre = f["median"] if "median" in f and f["median"].notna().all() else f["mean"]
        ax.fill_between(fx, f["lo95"], f["hi95"], step="mid", color=FORECAST_COLOR, alpha=0.18, lw=0, label="95 %")
        ax.fill_between(fx, f["lo80"], f["hi80"], step="mid", color=FORECAST_COLOR, alpha=0.38, lw=0, label="80 %")
        ax.step(
            fx,
            centre,
            where="mid",
            color=FORECAST_COLOR,
            lw=2,
            label="forecast median" if centre is not f["mean"] else "forecast mean",
        )
        ax.plot(fx, f["mean"], ls=":", color="#8c4a1c", lw=1.2, label="forecast mean")
        ax.axvline(fx.iloc[0] - pd.Timedelta(days=3.5), color="0.4", lw=0.8, ls="--")
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
            label = f"{week_label(bx)} {getattr(b, 'method', '')}"
            if np.isfinite(before) and np.isfinite(after):
                label += f"\n{before:.1f} \u2192 {after:.1f}/wk"
                end = pd.to_datetime(f["week"]).max() if len(f) else bx + pd.Timedelta(weeks=8)
                ax.hlines(after, bx, stop if stop is not None else end, colors=color, linestyles="--", lw=1)
            ax.annotate(
                label,
                (bx, 1),
                xycoords=("data", "axes fraction"),
                xytext=(3, -3),
                textcoords="offset points",
                va="top",
                fontsize=7,
                color=color,
            )
    ax.set_ylim(bottom=0)
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
        bbox_to_anchor=(0, 0.85),
        framealpha=0.85,
        edgecolor="none",
    )
    return fig
