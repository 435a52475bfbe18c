"""Forecast a whole WEEKLY panel: align series on one week grid, batch each model, fall back and record issues.

The cutoff is the as-of Monday: only weeks strictly before it are used, and the forecast weeks are
cutoff, cutoff + 7 days, ... (h = 1 is the cutoff week itself). Cheap models (naive, mean, nbglm, sparse) fit
every series in one vectorised batch; ets and prophet loop per series, in a spawn process pool when there are
many series. A series whose model fails gets the historical-mean forecast (the sparse one if it is new or
sparse) and an `issues` row.

`models="auto"` (the default) gives every series the local-level model (`trends.forecast.local`), which
shrinks the rate of new series (under 26 weeks of history, counting the zero weeks before a series' first
event while its country was covered, see `panel_matrix`) toward a prior. `models="select"` is the per-series choice that was the
default before: new, sparse (>= 75 % zero weeks in the last year) and unexplained-dormant series get the sparse
model (see `trends.forecast.glm`); every other series the candidate with the lowest mean pinball loss in its
own rolling-origin backtest over the weeks just before the cutoff (4 origins, 4 weeks apart, horizons 1..H;
nbglm's season test is run once, at the earliest of them, see `choose_models`).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..frames import FORECASTS, ISSUES, check_weekly
from ..weeks import monday
from . import get_model
from .base import PRED_COLUMNS, Forecaster, SeriesForecaster, empty_prediction, one_blas_thread, valid_length
from .glm import DORMANT_WEEKS, NBGLM, SILENCE_P, dormant
from .matrix import SeriesPanel
from .sparse import NEW_SERIES_WEEKS, is_sparse

log = logging.getLogger(__name__)

#: models `auto` chooses between for non-sparse series (the fast, batched ones; pass a list to add ets/prophet).
AUTO_CANDIDATES = ("naive", "mean", "nbglm")
#: names that are not models but rules choosing one per series: auto (the default: `default_models`) and
#: select (the per-series choice by inner backtest skill that was the default before: `choose_models`).
AUTO_NAMES = ("auto", "select")
#: weeks of history kept per series: the longest model window (156) plus room for auto's inner backtest.
HISTORY_WEEKS = 156 + 32
#: columns after the FORECASTS ones: the name asked for ("auto", or a model), the forecast median and the
#: model's own probability of its 80 % / 95 % interval (base.MASS_COLUMNS).
EXTRA_COLUMNS = ["requested", "median", "mass80", "mass95"]
#: columns of the issues frame (one contract for every stage: trends.frames.ISSUES).
ISSUE_COLUMNS = ISSUES
#: quantile levels of the pinball loss (the columns lo95, lo80, median, hi80, hi95).
PINBALL_LEVELS = (("lo95", 0.025), ("lo80", 0.10), ("median", 0.50), ("hi80", 0.90), ("hi95", 0.975))


@dataclass
class ForecastResult:
    """forecasts: FORECASTS frame + EXTRA_COLUMNS; `model` is the model that produced the numbers (auto's
    choice, or "mean" after a fallback) and `requested` the name asked for; models: actor, country, province,
    requested, model, reason (one row per series and requested name); issues: ISSUE_COLUMNS."""

    forecasts: pd.DataFrame
    models: pd.DataFrame
    issues: pd.DataFrame


def panel_matrix(
    weekly: pd.DataFrame,
    cutoff: pd.Timestamp,
    n_weeks: int = HISTORY_WEEKS,
    value: str = "events",
    *,
    history_start=None,
    backfill: bool = True,
) -> tuple[pd.DataFrame, np.ndarray, pd.DatetimeIndex]:
    """Series keys, a (series x weeks) matrix of the `n_weeks` weeks before `cutoff`, and those weeks.

    A series is 0 in any missing week after its first week in `weekly` (zero-filling). Before its first week
    it is also 0 (a quiet week is data: the source was watching and saw nothing) from the week its country
    first appears in `weekly`, or from `history_start` when given, and NaN (unknown) before that. So a group's
    first event in a country covered for years is one event in years of zeros, not a one-week history with
    a rate of 1 per week. `backfill=False` keeps every series NaN before its own first week.
    Series with no week before the cutoff are dropped.
    """
    grid = pd.date_range(end=cutoff - pd.Timedelta(days=7), periods=n_weeks, freq="W-MON")
    # one SeriesPanel over the grid's weeks (trends.forecast.matrix), not a filtered copy of the long frame
    panel = SeriesPanel(weekly, grid[0], grid[-1], value)
    return panel.matrix(cutoff, n_weeks, history_start=history_start, backfill=backfill)


def _fallback_names(Y: np.ndarray) -> np.ndarray:
    """Model used where the requested one failed: sparse for new or sparse series, else the historical mean."""
    use_sparse = (valid_length(Y) < NEW_SERIES_WEEKS) | is_sparse(Y)
    return np.where(use_sparse, "sparse", "mean").astype(object)


def _batch_worker(model: Forecaster, Y: np.ndarray, weeks: pd.DatetimeIndex, h: int):
    return model.forecast_batch(Y, weeks, h)


def _run_batch(model: Forecaster, Y: np.ndarray, weeks: pd.DatetimeIndex, h: int, n_jobs: int | None):
    """model.forecast_batch, split over a spawn process pool for per-series models on many series."""
    jobs = n_jobs if n_jobs is not None else (os.cpu_count() or 1)
    if not isinstance(model, SeriesForecaster) or jobs <= 1 or len(Y) < 40:
        return model.forecast_batch(Y, weeks, h)
    chunks = np.array_split(np.arange(len(Y)), min(jobs, len(Y) // 20))
    pred, errors = empty_prediction(len(Y), h), {}
    # spawn, not fork: forked workers deadlocked inside Prophet/cmdstanpy
    with ProcessPoolExecutor(max_workers=len(chunks), mp_context=mp.get_context("spawn")) as ex:
        futures = [ex.submit(_batch_worker, model.new(), Y[idx], weeks, h) for idx in chunks]
        for idx, fut in zip(chunks, futures):
            p, e = fut.result()
            for c in PRED_COLUMNS:
                pred[c][idx] = p[c]
            errors.update({int(idx[i]): msg for i, msg in e.items()})
    return pred, errors


def _pinball_rows(pred: dict, y: np.ndarray) -> np.ndarray:
    """Mean pinball loss over the five quantiles, per row (NaN where y or the forecast is missing)."""
    loss = 0.0
    for col, q in PINBALL_LEVELS:
        d = y - pred[col]
        loss = loss + np.maximum(q * d, (q - 1) * d)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows without actuals: NaN, handled by the caller
        return np.nanmean(loss / len(PINBALL_LEVELS), axis=1)


def default_models(Y: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """`auto`: the local-level model for every series.

    A series with under 26 weeks of history (counting the zero weeks before its first event while its country
    was covered, see `panel_matrix`) has too little of it for a level: `LocalLevel` shrinks its rate toward
    a prior (the `reason` says so). Returns (names, reasons) like `choose_models`.
    """
    n_valid = valid_length(Y)
    new = n_valid < NEW_SERIES_WEEKS
    names = np.array(["local"] * len(Y), dtype=object)
    reasons = [
        f"new series: {int(k)} weeks of history, rate shrunk toward the prior" if is_new else "local level (default)"
        for k, is_new in zip(n_valid, new)
    ]
    return names, reasons


def choose_models(
    Y: np.ndarray,
    weeks: pd.DatetimeIndex,
    horizon: int,
    candidates: tuple[str, ...] | list[str] = AUTO_CANDIDATES,
    *,
    n_origins: int = 4,
    step: int = 4,
    n_jobs: int | None = 1,
    season_once: bool = True,
) -> tuple[np.ndarray, list[str]]:
    """Per-series model choice by rolling-origin backtest skill on the weeks before the end of `Y`.

    Only series whose choice depends on the backtest are scored (not new, sparse or unexplained-dormant
    ones). With `season_once`, nbglm's season test (`glm.seasonal_support`, 12 GLM fits per series) runs
    once, on the weeks before the earliest inner origin, and its answer is reused at the later origins: no
    look-ahead (that window ends before every later origin), ~45 % of auto's time saved. It changes the inner
    scores a little: on bench/models.py's 2,000 series 73 choices (3.7 %) differ from testing at every
    origin, with the same backtest skill (bench/forecast_backtest.py: auto's MASE and pinball within 0.002).

    Returns (names, reasons): the chosen model name per row and a short reason (sparse rule or the scores).
    """
    S, n = Y.shape
    names = np.array(["mean"] * S, dtype=object)
    reasons = ["too short for a backtest: historical mean"] * S
    sparse = is_sparse(Y)
    n_valid = valid_length(Y)
    silence = np.ones(S)
    asleep = np.flatnonzero(dormant(Y, DORMANT_WEEKS) & ~sparse & (n_valid >= NEW_SERIES_WEEKS))
    if len(asleep):
        glm = NBGLM()
        silence[asleep] = glm._fit_batch(Y[asleep], weeks)["p_silence"]
    # the backtest only for the series whose choice depends on it (new, sparse and unexplained-dormant
    # series get the sparse model whatever it says); every batched model fits each row on its own, so
    # leaving rows out changes nothing for the others
    scored = np.flatnonzero((n_valid >= NEW_SERIES_WEEKS) & ~sparse & ~(silence < SILENCE_P))
    Ys = Y[scored]
    h = min(horizon, 12)
    scores = {m: np.zeros(len(scored)) for m in candidates}
    counts = np.zeros(len(scored))
    origins = [o for o in (n - h - j * step for j in range(n_origins)) if o >= 8] if len(scored) else []
    support = None
    if season_once and origins and "nbglm" in candidates:  # the season test once (see NBGLM.with_support)
        support = NBGLM().season_support(Ys[:, : origins[-1]], weeks[: origins[-1]])
    for o in origins:
        actual = Ys[:, o : o + h]
        for m in candidates:
            model = get_model(m)
            if m == "nbglm" and support is not None:
                model = model.with_support(support)
            model.masses = False  # the pinball loss needs the quantiles only
            pred, errors = _run_batch(model, Ys[:, :o], weeks[:o], h, n_jobs)
            s = _pinball_rows(pred, actual)
            bad = np.isnan(s)
            bad[list(errors)] = True
            scores[m] += np.where(bad, np.inf, s)
        counts += ~np.isnan(actual).all(axis=1)
    table = np.full((S, len(candidates)), np.nan)
    table[scored] = np.column_stack([scores[m] for m in candidates]) / np.maximum(counts, 1)[:, None]
    n_scored = np.zeros(S)
    n_scored[scored] = counts
    for i in range(S):
        if n_valid[i] < NEW_SERIES_WEEKS:
            names[i], reasons[i] = "sparse", f"new series: {int(n_valid[i])} weeks of history"
        elif sparse[i]:
            names[i], reasons[i] = "sparse", "sparse: >= 75% zero weeks in the last 52"
        elif silence[i] < SILENCE_P:
            names[i], reasons[i] = (
                "sparse",
                (
                    f"dormant: no event in the last {DORMANT_WEEKS}+ weeks, a silence the "
                    f"GLM gives probability {silence[i]:.2g}"
                ),
            )
        elif n_scored[i] > 0 and np.isfinite(table[i]).any():
            k = int(np.argmin(table[i]))
            names[i] = candidates[k]
            reasons[i] = "pinball " + ", ".join(f"{m}={v:.3g}" for m, v in zip(candidates, table[i]))
    return names, reasons


def run_forecasts(
    weekly: pd.DataFrame,
    models: str | list[str] = "auto",
    horizon: int = 8,
    cutoff=None,
    *,
    active_weeks: int | None = 52,
    candidates: tuple[str, ...] | list[str] = AUTO_CANDIDATES,
    n_jobs: int | None = None,
    history_start=None,
    panel: SeriesPanel | None = None,
) -> ForecastResult:
    """Forecasts, per-series model choices and issues for a WEEKLY panel. See `forecast_panel`.

    `panel`: a SeriesPanel of `weekly` spanning the HISTORY_WEEKS before the cutoff, to slice the models' input
    from (the backtest builds one for all its origins) instead of building it from `weekly`."""
    with one_blas_thread():
        return _run_forecasts(
            weekly,
            models,
            horizon,
            cutoff,
            active_weeks=active_weeks,
            candidates=candidates,
            n_jobs=n_jobs,
            history_start=history_start,
            panel=panel,
        )


def _run_forecasts(
    weekly, models, horizon, cutoff, *, active_weeks, candidates, n_jobs, history_start, panel=None
) -> ForecastResult:
    check_weekly(weekly)
    if horizon < 1 or horizon > 52:
        raise ValueError(f"horizon must be 1..52 weeks, got {horizon}")
    if isinstance(models, str):
        models = [models]
    for m in models:
        if m not in AUTO_NAMES:
            get_model(m)  # raises UsageError on an unknown name before any work
    for m in candidates:
        get_model(m)
    cutoff = (
        pd.Timestamp(monday(cutoff))
        if cutoff is not None
        else pd.Timestamp(weekly["week"].max()) + pd.Timedelta(days=7)
    )
    if panel is None:
        keys, Y, weeks = panel_matrix(weekly, cutoff, history_start=history_start)
    else:
        keys, Y, weeks = panel.matrix(cutoff, HISTORY_WEEKS, history_start=history_start)
    if active_weeks is not None and len(Y):
        keep = np.nansum(Y[:, -active_weeks:], axis=1) > 0
        keys, Y = keys[keep].reset_index(drop=True), Y[keep]
    target = pd.date_range(cutoff, periods=horizon, freq="W-MON")
    frames, issues, choice_rows = [], [], []
    for requested in models:
        if requested == "auto":
            names, reasons = default_models(Y)
        elif requested == "select":
            names, reasons = choose_models(Y, weeks, horizon, candidates, n_jobs=n_jobs)
        else:
            names, reasons = np.array([requested] * len(Y), dtype=object), ["requested"] * len(Y)
        fitted = names.copy()
        pred = empty_prediction(len(Y), horizon)
        for name in dict.fromkeys(names):
            rows = np.flatnonzero(names == name)
            p, errors = _run_batch(get_model(name), Y[rows], weeks, horizon, n_jobs)
            for c in PRED_COLUMNS:
                pred[c][rows] = p[c]
            failed = np.array(sorted(errors), dtype=int)
            if len(failed):
                fb_name = _fallback_names(Y[rows[failed]])
                for fb_model in dict.fromkeys(fb_name):
                    sel = rows[failed][fb_name == fb_model]
                    fb, _ = get_model(fb_model).forecast_batch(Y[sel], weeks, horizon)
                    for c in PRED_COLUMNS:
                        pred[c][sel] = fb[c]
                    fitted[sel] = fb_model
                for i, fb_model in zip(failed, fb_name):
                    k = keys.iloc[rows[i]]
                    err, _, detail = errors[int(i)].partition(": ")
                    what = "the historical mean" if fb_model == "mean" else "the sparse model"
                    issues.append(
                        {
                            "stage": "forecast",
                            "actor": k["actor"],
                            "country": k["country"],
                            "province": k["province"],
                            "error": f"{name}: {err}",
                            "detail": f"{detail}; used {what} instead",
                        }
                    )
                    log.debug("forecast %s failed for %s: %s", name, tuple(k), errors[int(i)])
        n = len(Y)
        out = keys.loc[np.repeat(np.arange(n), horizon)].reset_index(drop=True)
        out["week"] = np.tile(target.to_numpy(), n)
        out["model"] = np.repeat(fitted, horizon)
        for c in ["mean", "lo80", "hi80", "lo95", "hi95"]:
            out[c] = pred[c].reshape(-1)
        out["cutoff"] = cutoff
        out["requested"] = requested
        for c in ["median", "mass80", "mass95"]:
            out[c] = pred[c].reshape(-1)
        frames.append(out)
        choice_rows.append(keys.assign(requested=requested, model=fitted, reason=reasons))
    fc = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FORECASTS + EXTRA_COLUMNS)
    return ForecastResult(
        forecasts=fc[FORECASTS + EXTRA_COLUMNS],
        models=pd.concat(choice_rows, ignore_index=True) if choice_rows else pd.DataFrame(),
        issues=pd.DataFrame(issues, columns=ISSUE_COLUMNS),
    )


def forecast_panel(
    weekly: pd.DataFrame,
    models: str | list[str] = "auto",
    horizon: int = 8,
    cutoff=None,
    *,
    active_weeks: int | None = 52,
    candidates: tuple[str, ...] | list[str] = AUTO_CANDIDATES,
    n_jobs: int | None = None,
    history_start=None,
) -> pd.DataFrame:
    """Forecast every series of a WEEKLY frame `horizon` weeks from `cutoff`.

    Args:
        weekly: WEEKLY frame (actor, country, province, week, events, ...), zero-filled per series.
        models: "auto" (the default: local level, see module doc), "select" (per-series choice by inner
            backtest) or a list of names from `MODELS`.
        horizon: weeks ahead (1..52; the models are validated for 1..12).
        cutoff: the as-of Monday (date or '2022-W26'); only weeks before it are used and the first forecast
            week is the cutoff week. Default: the week after the last week in `weekly`.
        active_weeks: forecast only series with at least one event in this many weeks before the cutoff
            (None: every series).
        candidates: models `auto` chooses between for non-sparse series.
        n_jobs: processes for the per-series model (prophet); None = all cores.
        history_start: first week the sources covered (date or '2015-W01'): every series counts as 0 before its
            first event back to this week. Default: the week each series' country first appears in `weekly`
            (see `panel_matrix`).

    Returns:
        FORECASTS frame (actor, country, province, week, model, mean, lo80, hi80, lo95, hi95, cutoff, plus
        `requested` and `median`), `horizon` rows per series and requested model. `model` names the model
        that produced the row (auto's choice; "mean" where the requested model failed and fell back). `.attrs["issues"]` holds the fallbacks
        (stage, actor, country, province, error, detail), `.attrs["models"]` the model each series used.

    Raises:
        SchemaError: `weekly` lacks the WEEKLY columns. UsageError: an unknown model name.
    """
    res = run_forecasts(
        weekly,
        models,
        horizon,
        cutoff,
        active_weeks=active_weeks,
        candidates=candidates,
        n_jobs=n_jobs,
        history_start=history_start,
    )
    fc = res.forecasts
    fc.attrs["issues"] = res.issues
    fc.attrs["models"] = res.models
    return fc
