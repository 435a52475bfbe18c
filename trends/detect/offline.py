"""Offline change points of weekly count series: PELT with a Poisson or negative-binomial cost, every week searched.

`segment` is the array-level entry point, `ChangePointDetector` the per-series estimator (weeks in, BREAKS rows out)
and `detect_breaks` the panel loop over a WEEKLY frame. Defaults: negative-binomial cost with the dispersion
profiled over the segmentation (`_core._profile`: k is re-estimated within the segments until the segmentation
repeats, so a x10 jump is a change, not overdispersion), MBIC penalty, segments of >= 4 weeks. The comparison of
costs and penalties the default was chosen from is `bench/changepoints.py` (table in docs/alerts-detect.md).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from ..errors import NotFittedError, TooFewWeeks, UsageError
from ..frames import BREAKS, SERIES_KEY, check_weekly, series_blocks
from . import _core
from ._batch import split_tests, split_tests_many

log = logging.getLogger(__name__)

#: columns of the issues frame returned with `return_issues=True`.
ISSUES = ["stage", "actor", "country", "province", "error", "detail"]


def segment(counts, *, cost: str = "nb", penalty="mbic", min_size: int = 4, dispersion=None) -> list[int]:
    """Indices where a new regime starts in one weekly count series (optimal under the penalised likelihood).

    Args:
        counts: weekly counts, zero-filled, oldest first.
        cost: 'nb' (negative binomial) or 'poisson'.
        penalty: 'mbic' (default; Zhang & Siegmund 2007: 3 log n per change plus sum log(n_i/n) over segments),
            'bic' (2 log n per change) or a number > 0 on the -2 log-likelihood scale.
        min_size: shortest regime in weeks.
        dispersion: NB size: None / 'profile' (fitted jointly with the segmentation), 'lag' (lag-13 moment
            estimate held fixed) or a number.

    Returns:
        Sorted regime-start indices; [] when the series has one rate. Index i means week i is the first week of
        the new regime.

    Raises:
        TooFewWeeks: fewer than 2 * min_size weeks.
        UsageError: bad counts or parameters.
    """
    return _core.pelt(counts, cost, penalty, min_size, dispersion)[0]


class ChangePointDetector:
    """Offline change points for one weekly count series (numpy PELT over cumulative sums, every week searched).

    For each change the fitted `breaks_` frame gives the first week of the new regime, the mean weekly events of
    the segments before and after, their ratio, and a p-value for the split of those two adjacent segments:
    Davies' (1987) bound for the likelihood ratio maximised over the split position (see `_core.split_test`),
    so it accounts for the searched location without a bootstrap.

    Example:
        >>> det = ChangePointDetector(cost="nb", penalty="mbic", min_size=4).fit(weeks, counts)
        >>> det.breaks_[["week", "direction", "rate_ratio", "p_value"]]
    """

    def __init__(self, cost: str = "nb", penalty="mbic", min_size: int = 4, dispersion=None):
        _core.check_params(cost, min_size)
        _core.penalty_value(penalty, 100)  # validate early
        _core.check_dispersion(dispersion)
        self.cost, self.penalty, self.min_size, self.dispersion = cost, penalty, int(min_size), dispersion

    def new(self) -> ChangePointDetector:
        """An unfitted copy with the same settings (the panel loop fits one per series)."""
        return ChangePointDetector(self.cost, self.penalty, self.min_size, self.dispersion)

    def fit(self, weeks, counts, *, key: tuple[str, str, str] = ("", "", "")) -> ChangePointDetector:
        """Segment `counts` (one value per Monday in `weeks`); sets starts_, breaks_, dispersion_, cost_value_.

        `key` = (actor, country, province) fills those columns of breaks_.
        """
        weeks = pd.DatetimeIndex(weeks)
        y = _core.as_counts(counts)
        if len(weeks) != len(y):
            raise UsageError(f"weeks ({len(weeks)}) and counts ({len(y)}) differ in length")
        starts, k, total = _core.pelt(y, self.cost, self.penalty, self.min_size, self.dispersion)
        return self._set(weeks, y, starts, k, total, key)

    def _set(self, weeks, y, starts, k, total, key) -> ChangePointDetector:
        """Store a segmentation found by `_core.pelt` / `_core.pelt_many` and build breaks_ from it."""
        self.starts_, self.dispersion_, self.cost_value_ = starts, k, total
        self.weeks_, self._y = weeks, y
        self.breaks_ = pd.DataFrame(_break_rows(weeks, y, starts, k, self.min_size, key), columns=BREAKS).astype(
            {"week": "datetime64[ns]"}
        )
        return self

    @property
    def segments_(self) -> pd.DataFrame:
        """One row per regime: start and end week (inclusive), weeks, mean weekly events."""
        if not hasattr(self, "starts_"):
            raise NotFittedError("call fit(weeks, counts) before reading segments_")
        bounds = [0, *self.starts_, len(self._y)]
        return pd.DataFrame(
            {
                "start": [self.weeks_[a] for a in bounds[:-1]],
                "end": [self.weeks_[b - 1] for b in bounds[1:]],
                "weeks": np.diff(bounds),
                "rate": [float(self._y[a:b].mean()) for a, b in zip(bounds[:-1], bounds[1:])],
            }
        )


def _break_rows(weeks, y: np.ndarray, starts: list[int], k: float, min_size: int, key) -> list[dict]:
    """BREAKS rows (as dicts) for regime starts of one series: rates either side, ratio, split p-value."""
    bounds = [0, *starts, len(y)]
    rows = []
    windows = [(bounds[j - 1], b, bounds[j + 1]) for j, b in enumerate(starts, start=1)]
    for (lo, b, hi), (_, p) in zip(windows, split_tests(y, windows, k, min_size)):
        before, after = y[lo:b].mean(), y[b:hi].mean()
        rows.append(
            {
                "actor": key[0],
                "country": key[1],
                "province": key[2],
                "week": weeks[b],
                "method": "offline",
                "direction": "up" if after > before else "down",
                "rate_before": float(before),
                "rate_after": float(after),
                "rate_ratio": _ratio(after, before),
                "p_value": p,
            }
        )
    return rows


def _break_frame(weeks_all, events_all: np.ndarray, todo: list, fits: list, min_size: int) -> pd.DataFrame:
    """BREAKS rows of every series in `todo` ((key, lo, hi) row ranges of events_all) with regime starts in
    `fits`, in one pass: the rows `_break_rows` gives series by series, the same numbers (whole counts only)."""
    lo_w, cut_w, hi_w, k_w, owner = [], [], [], [], []
    for j, ((_key, lo, hi), (starts, k, _)) in enumerate(zip(todo, fits)):
        if starts:
            b = [lo, *(lo + s for s in starts), hi]
            lo_w += b[:-2]
            cut_w += b[1:-1]
            hi_w += b[2:]
            k_w += [k] * len(starts)
            owner += [j] * len(starts)
    if not lo_w:
        return pd.DataFrame(columns=BREAKS).astype({"week": "datetime64[ns]"})
    lo_a, cut_a, hi_a = (np.array(a, dtype=np.int64) for a in (lo_w, cut_w, hi_w))
    _, p = split_tests_many(events_all, lo_a, cut_a, hi_a, np.array(k_w, dtype=float), min_size)
    cs = np.zeros(len(events_all) + 1)
    np.cumsum(events_all, out=cs[1:])
    before = (cs[cut_a] - cs[lo_a]) / (cut_a - lo_a)
    after = (cs[hi_a] - cs[cut_a]) / (hi_a - cut_a)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(before > 0, after / before, np.where(after > 0, np.inf, np.nan))
    keys = np.array([todo[j][0] for j in owner], dtype=object).reshape(len(owner), 3)
    return pd.DataFrame(
        {
            "actor": keys[:, 0],
            "country": keys[:, 1],
            "province": keys[:, 2],
            "week": np.asarray(weeks_all[cut_a], dtype="datetime64[ns]"),
            "method": "offline",
            "direction": np.where(after > before, "up", "down").astype(object),
            "rate_before": before,
            "rate_after": after,
            "rate_ratio": ratio,
            "p_value": p,
        },
        columns=BREAKS,
    )


def _concat_ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """np.concatenate([np.arange(a, a + n) for a, n in zip(starts, sizes)]) without the Python loop."""
    offsets = np.r_[0, np.cumsum(sizes)[:-1]]
    return np.repeat(starts - offsets, sizes) + np.arange(int(sizes.sum()))


def _ratio(after: float, before: float) -> float:
    """after / before, inf when before is 0 and after is not (a series waking from silence)."""
    if before > 0:
        return float(after / before)
    return float("inf") if after > 0 else float("nan")


def detect_breaks(
    weekly: pd.DataFrame,
    detector: ChangePointDetector | None = None,
    *,
    method: str = "offline",
    return_issues: bool = False,
    n_jobs: int | None = None,
):
    """Offline change points of every series in a WEEKLY frame -> BREAKS frame (sorted by key and week).

    Each series (actor, country, province) is fitted with a fresh copy of `detector` (default
    ChangePointDetector()). A series that is too short (TooFewWeeks) or fails is skipped, logged and recorded in
    the issues frame (columns stage, actor, country, province, error, detail), returned as a second value when
    `return_issues=True`; the loop always continues.

    All series are segmented in one compiled batch (`_core.pelt_many`), on `n_jobs` threads (None = all CPUs
    this process may use) when the panel is big enough to pay for it; results equal fitting each series alone.
    """
    if method != "offline":
        raise UsageError(f"detect_breaks only does method='offline'; use online_shifts() for 'online', got {method!r}")
    check_weekly(weekly)
    detector = detector or ChangePointDetector()
    rows, issues = [], []
    # rows in (actor, country, province, week) order, as sort_values would put them, found on integer codes
    # (factorize with sorted uniques, then one lexsort) rather than by sorting the strings; rows with a missing
    # key belong to no series (as in groupby) and are dropped
    blocks = series_blocks(weekly)
    if blocks is not None:  # every series one block of rows, weeks ascending: the blocks in key order
        starts, rank = blocks
        sizes = np.diff(np.r_[starts, len(weekly)])
        by_key = np.argsort(rank)
        in_order = (by_key == np.arange(len(by_key))).all()
        order = np.arange(len(weekly)) if in_order else _concat_ranges(starts[by_key], sizes[by_key])
        edges = np.cumsum(sizes[by_key])[:-1]
        keys_all = weekly[SERIES_KEY].iloc[starts[by_key]].to_numpy()
        key_row = np.r_[0, edges]
    else:
        codes = [pd.factorize(weekly[c], sort=True)[0] for c in SERIES_KEY]
        week_ns = pd.DatetimeIndex(weekly["week"]).asi8
        order = np.lexsort((week_ns, *codes[::-1]))
        order = order[np.all([c[order] >= 0 for c in codes], axis=0)]
        cc = [c[order] for c in codes]
        # series are contiguous blocks of the ordered rows; slicing numpy arrays avoids a DataFrame per series
        edges = np.flatnonzero(np.any([np.diff(c) != 0 for c in cc], axis=0)) + 1 if len(order) else np.array([], int)
        keys_all = weekly[SERIES_KEY].to_numpy()[order]
        key_row = None
    weeks_all = pd.DatetimeIndex(weekly["week"].to_numpy()[order])
    events_all = np.asarray(weekly["events"].to_numpy()[order], dtype=float)
    code = order
    lo_hi = list(zip([0, *edges.tolist()], [*edges.tolist(), len(code)]))
    todo = []
    for j, (lo, hi) in enumerate(lo_hi):
        key = tuple(keys_all[lo] if key_row is None else keys_all[j])
        if hi - lo < 2 * detector.min_size:
            try:
                _core.pelt(events_all[lo:hi], detector.cost, detector.penalty, detector.min_size, detector.dispersion)
            except TooFewWeeks as e:
                issues.append(
                    {
                        "stage": "changepoints",
                        "actor": key[0],
                        "country": key[1],
                        "province": key[2],
                        "error": "TooFewWeeks",
                        "detail": str(e),
                    }
                )
                continue
        todo.append((key, lo, hi))
    ys = [events_all[lo:hi] for _, lo, hi in todo]  # checked in one pass by pelt_many
    fits = _core.pelt_many(ys, detector.cost, detector.penalty, detector.min_size, detector.dispersion, n_jobs=n_jobs)
    if issues:
        log.info("change points: skipped %d of %d series (too short)", len(issues), len(lo_hi))
    whole = bool(np.all(events_all == np.floor(events_all))) and float(events_all.sum()) < 2.0**53
    if whole:  # all series' breaks in one pass (sums of whole counts are exact in any order: the same numbers)
        breaks = _break_frame(weeks_all, events_all, todo, fits, detector.min_size)
    else:
        for (key, lo, hi), y, (starts, k, _) in zip(todo, ys, fits):
            if starts:
                rows.extend(_break_rows(weeks_all[lo:hi], y, starts, k, detector.min_size, key))
        breaks = pd.DataFrame(rows, columns=BREAKS).astype({"week": "datetime64[ns]"})
    issues_df = pd.DataFrame(issues, columns=ISSUES)
    return (breaks, issues_df) if return_issues else breaks
