"""The forecast figure: change-point labels a few weeks apart do not overlap or cover the bars; a series that
began last week is not drawn as one bar as wide as the axes."""

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from trends.report.forecast_plot import MIN_HISTORY_WEEKS, plot_forecast


def _series(n_weeks: int, seed: int = 0):
    weeks = pd.date_range("2017-01-02", periods=n_weeks, freq="7D")
    r = np.random.default_rng(seed)
    h = pd.DataFrame({"week": weeks, "events": r.poisson(20, n_weeks)})
    fw = pd.date_range(weeks[-1] + pd.Timedelta(days=7), periods=4, freq="7D")
    f = pd.DataFrame({"week": fw, "mean": 20.0, "median": 20.0, "lo80": 14.0, "hi80": 26.0, "lo95": 10.0, "hi95": 31.0})
    return h, f


def _label_boxes(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    return [t.get_window_extent(renderer) for t in ax.texts], ax


def test_change_point_labels_weeks_apart_do_not_overlap_or_cover_the_bars():
    h, f = _series(104)
    weeks = h["week"]
    breaks = pd.DataFrame(
        {
            "week": [weeks[40], weeks[43], weeks[47], weeks[90]],  # three within 7 weeks, as in Deir ez-Zor
            "method": "offline",
            "direction": ["up", "down", "down", "up"],
            "rate_before": [14.3, 34.1, 13.4, 7.0],
            "rate_after": [34.1, 13.4, 7.0, 16.3],
        }
    )
    fig = plot_forecast(h, f, breaks)
    boxes, ax = _label_boxes(fig)
    assert len(boxes) == 4
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (i, j, boxes[i], boxes[j])
    # every label sits above the tallest bar (headroom was added for the rows of labels)
    tallest = ax.transData.transform((0, h["events"].max()))[1]
    assert min(b.y0 for b in boxes) > tallest


def test_labels_far_apart_share_one_row():
    h, f = _series(104)
    breaks = pd.DataFrame(
        {
            "week": [h["week"][10], h["week"][80]],
            "method": "offline",
            "direction": "up",
            "rate_before": 1.0,
            "rate_after": 2.0,
        }
    )
    boxes, _ = _label_boxes(plot_forecast(h, f, breaks))
    assert abs(boxes[0].y1 - boxes[1].y1) < 1


def test_a_one_week_series_shows_half_a_year_of_axis():
    h, f = _series(1)
    ax = plot_forecast(h, f).axes[0]
    lo, hi = ax.get_xlim()
    assert hi - lo >= 7 * (MIN_HISTORY_WEEKS + 4)
    bar = ax.patches[0]
    assert bar.get_width() < (hi - lo) / 20  # a bar, not a block
    assert mdates.num2date(lo).date() < (h["week"][0] - pd.Timedelta(weeks=MIN_HISTORY_WEEKS - 1)).date()
