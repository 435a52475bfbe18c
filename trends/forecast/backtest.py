"""Rolling-origin backtest of the forecast models and the metrics that score it.

`backtest` re-runs `run_forecasts` at each origin (cutoff) with only the weeks before it, and joins the
observed counts. Metrics are plain functions of that long frame:

- `mase`: |y - mean| scaled by the series' in-sample naive-1 MAE (mean |y[t] - y[t-1]| over the 156 weeks
  before the cutoff). Naive-1, not seasonal naive, because the year-on-year MAE is 0 or undefined for the many
  series that are quiet or younger than two years.
- `pinball`: the mean pinball (quantile) loss over the five reported quantiles 0.025, 0.10, 0.50, 0.90, 0.975,
  in events; it is a discrete approximation of the CRPS (equal to half the weighted interval score of
  Bracher et al. 2021 with the 80 % and 95 % intervals). `summarise` reports it scaled like MASE.
- `coverage`: whether y fell inside the 80 % or 95 % interval (bounds included: the outcomes are counts).
  Integer bounds of small counts hold more than 80 % of the predictive mass (Poisson(0.3): [0, 1] holds 96 %),
  so `summarise` also reports `ach80`/`ach95`, the mean of the model's own mass inside its interval
  (`mass80`/`mass95`): the coverage a perfectly calibrated model would reach with those bounds. Calibration is
  judged by cov against ach, not against 0.80.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..frames import SERIES_KEY, check_weekly
from ..weeks import monday
from .matrix import SeriesPanel
from .panel import AUTO_CANDIDATES, HISTORY_WEEKS, PINBALL_LEVELS, run_forecasts

BACKTEST_COLUMNS = SERIES_KEY + [
    "cutoff",
    "week",
    "h",
    "model",
    "fitted",
    "y",
    "mean",
    "median",
    "lo80",
    "hi80",
    "lo95",
    "hi95",
    "mass80",
    "mass95",
    "scale",
]
#: horizon groups of the summary table.
HORIZON_GROUPS = ((1, 4), (5, 8), (9, 12))
#: the baselines every model is compared with on the same rows.
BASELINES = ("naive", "mean")


def rolling_origins(
    weekly: pd.DataFrame, *, n: int | None = 8, start=None, end=None, every: int = 4, horizon: int = 12
) -> list[pd.Timestamp]:
    """Origins (as-of Mondays) for a backtest.

    Either the last `n` origins, `every` weeks apart, the latest leaving `horizon` observed weeks after it;
    or every `every` weeks from `start` to `end` (inclusive). Raises ValueError when no origin fits the data.
    """
    check_weekly(weekly)
    last = pd.Timestamp(weekly["week"].max())
    if start is not None or end is not None:
        lo = (
            pd.Timestamp(monday(start))
            if start is not None
            else pd.Timestamp(weekly["week"].min()) + pd.Timedelta(weeks=52)
        )
        hi = pd.Timestamp(monday(end)) if end is not None else last - pd.Timedelta(weeks=horizon - 1)
        out = list(pd.date_range(lo, hi, freq=f"{7 * every}D"))
    else:
        latest = last - pd.Timedelta(weeks=horizon - 1)
        out = sorted(latest - pd.Timedelta(weeks=every * k) for k in range(n or 8))
    if not out:
        raise ValueError(
            f"no backtest origin fits between {start} and {end}; the data span "
            f"{weekly['week'].min():%Y-%m-%d}..{last:%Y-%m-%d}"
        )
    return out


def _naive1_scale(Y: np.ndarray, window: int = 156) -> np.ndarray:
    d = np.abs(np.diff(Y[:, -window:], axis=1))
    n = (~np.isnan(d)).sum(axis=1)
    return np.where(n > 0, np.nansum(d, axis=1) / np.maximum(n, 1), np.nan)


def backtest(
    weekly: pd.DataFrame,
    models: list[str] | str = ("naive", "mean", "nbglm", "sparse"),
    origins=8,
    horizon: int = 12,
    *,
    active_weeks: int | None = 52,
    candidates=AUTO_CANDIDATES,
    n_jobs: int | None = None,
    progress=None,
    history_start=None,
) -> pd.DataFrame:
    """Rolling-origin backtest: forecast at every origin with only earlier weeks, join what happened.

    Args:
        weekly: WEEKLY frame.
        models: model names (and/or "auto", scored with its own inner choice at each origin).
        origins: a list of as-of Mondays, or an int N for the last N origins 4 weeks apart.
        horizon: weeks ahead.
        active_weeks: score only series with an event in this many weeks before each origin.
        progress: optional callable(i, n) called after each origin (for a progress bar).
        history_start: passed to `run_forecasts` (zeros before each series' first week from then on).

    Returns:
        long frame with BACKTEST_COLUMNS: one row per series, origin (`cutoff`), target week, horizon `h`
        (1 = the cutoff week) and model (the requested name; `fitted` is auto's choice or the fallback), with the observed `y` and the naive-1 MASE `scale`. Target weeks
        beyond the data are left out.
    """
    check_weekly(weekly)
    models = [models] if isinstance(models, str) else list(models)
    if isinstance(origins, int):
        origins = rolling_origins(weekly, n=origins, horizon=horizon)
    origins = [pd.Timestamp(monday(c)) for c in origins]
    frames = []
    if origins:
        # one (series x weeks) panel over every week the origins read (HISTORY_WEEKS before the first, the
        # horizon after the last), sliced per origin: the model input, the MASE scale and the observed weeks
        lo = min(origins) - pd.Timedelta(weeks=HISTORY_WEEKS)
        wide = SeriesPanel(weekly, lo, max(origins) + pd.Timedelta(weeks=horizon - 1))
    for i, cutoff in enumerate(origins):
        res = run_forecasts(
            weekly,
            models,
            horizon,
            cutoff,
            active_weeks=active_weeks,
            candidates=candidates,
            n_jobs=n_jobs,
            history_start=history_start,
            panel=wide,
        )
        fc = res.forecasts.rename(columns={"model": "fitted", "requested": "model"})
        if fc.empty:
            continue
        keys, Y, _ = wide.matrix(cutoff, HISTORY_WEEKS, backfill=False)  # the series' own history
        scale = keys.assign(scale=_naive1_scale(Y))
        # the observed target weeks of those series (rows of `weekly` only: weeks beyond the data are left out)
        target = pd.date_range(cutoff, periods=horizon, freq="W-MON")
        vals, seen = wide.observed(target)
        kept = wide.first < np.datetime64(cutoff, "ns")
        vals, seen = vals[kept], seen[kept]
        r, c = np.nonzero(seen)
        obs = keys.iloc[r].reset_index(drop=True).assign(week=target.to_numpy()[c], y=vals[r, c])
        fc = fc.merge(obs, on=SERIES_KEY + ["week"], how="inner").merge(scale, on=SERIES_KEY, how="left")
        fc["h"] = ((fc["week"] - cutoff) // pd.Timedelta(days=7)).astype(int) + 1
        fc["y"] = fc["y"].astype(float)
        frames.append(fc[BACKTEST_COLUMNS])  # only the returned columns are kept across origins
        del fc, res
        if progress is not None:
            progress(i + 1, len(origins))
    if not frames:
        return pd.DataFrame(columns=BACKTEST_COLUMNS)
    bt = pd.concat(frames, ignore_index=True)
    frames.clear()
    return bt


def mase(bt: pd.DataFrame) -> pd.Series:
    """Scaled absolute error of the mean, per row: |y - mean| / scale (NaN where the scale is 0)."""
    return (bt["y"] - bt["mean"]).abs() / bt["scale"].where(bt["scale"] > 0)


def pinball(bt: pd.DataFrame) -> pd.Series:
    """Mean pinball loss over the quantiles 0.025, 0.1, 0.5, 0.9, 0.975 per row, in events (~CRPS)."""
    loss = 0.0
    for col, q in PINBALL_LEVELS:
        d = bt["y"] - bt[col]
        loss = loss + np.maximum(q * d, (q - 1) * d)
    return loss / len(PINBALL_LEVELS)


def coverage(bt: pd.DataFrame, level: int = 80) -> pd.Series:
    """True where y lies in the `level` % interval [lo, hi] (level 80 or 95)."""
    if level not in (80, 95):
        raise ValueError(f"level must be 80 or 95, got {level}")
    return (bt["y"] >= bt[f"lo{level}"]) & (bt["y"] <= bt[f"hi{level}"])


def summarise(bt: pd.DataFrame, groups=HORIZON_GROUPS) -> pd.DataFrame:
    """Skill per model and horizon group, each model against the naive baselines on the same rows.

    Returns columns: model, horizons ('1-4' ...), n (forecasts scored), mase, pinball (scaled like MASE),
    cov80, cov95 (observed share inside the interval), ach80, ach95 (the coverage the model's own predictive
    distribution promises for its integer intervals; NaN for prophet), and for each baseline B in (naive, mean):
    mase_vs_B and pinball_vs_B = the model's mean over the baseline's mean on the rows both forecast
    (< 1 means the model is better). Rows whose scale is 0 are left out.
    """
    # the rows scored (scale > 0, horizon in a group) and the columns read, taken once from numpy columns:
    # at 20k series the backtest frame is ~2M rows, and each filtered copy of all its columns ~0.3 GB
    h = bt["h"].to_numpy()
    horizons = np.full(len(bt), "", dtype=object)
    for a, b in groups:
        horizons[(h >= a) & (h <= b)] = f"{a}-{b}"
    keep = (bt["scale"] > 0).to_numpy() & (horizons != "")
    cols = [*SERIES_KEY, "cutoff", "week", "model", "h", "y", "mean", "scale", "mass80", "mass95"]
    cols += [c for c, _ in PINBALL_LEVELS if c not in cols] + ["lo80", "hi80", "lo95", "hi95"]
    df = pd.DataFrame({c: bt[c].to_numpy()[keep] for c in dict.fromkeys(cols)}, copy=False)
    df["horizons"] = horizons[keep]
    df["mase"] = mase(df)
    df["pinball"] = pinball(df) / df["scale"]
    df["cov80"] = coverage(df, 80).astype(float)
    df["cov95"] = coverage(df, 95).astype(float)
    key = SERIES_KEY + ["cutoff", "week"]
    codes = _key_codes(df, key)
    rows = []
    for (model, hz), g in df.groupby(["model", "horizons"], sort=False):
        r = {
            "model": model,
            "horizons": hz,
            "n": len(g),
            "mase": g["mase"].mean(),
            "pinball": g["pinball"].mean(),
            "cov80": g["cov80"].mean(),
            "cov95": g["cov95"].mean(),
            "ach80": g["mass80"].mean(skipna=False),
            "ach95": g["mass95"].mean(skipna=False),
        }
        for base in BASELINES:
            on_base = ((df["model"] == base) & (df["horizons"] == hz)).to_numpy()
            pairs = _matched(codes, g.index.to_numpy(), on_base)
            if pairs is None:  # keys not reducible to unique integers: join the frames
                b = df[on_base][key + ["mase", "pinball"]]
                j = g[key + ["mase", "pinball"]].merge(b, on=key, suffixes=("", "_b"))
                pairs = {m: (j[m], j[f"{m}_b"]) for m in ("mase", "pinball")}
            else:
                pairs = {
                    m: (pd.Series(g[m].to_numpy()[pairs[0]]), pd.Series(df[m].to_numpy()[pairs[1]]))
                    for m in ("mase", "pinball")
                }
            for m, (own, theirs) in pairs.items():
                r[f"{m}_vs_{base}"] = own.mean() / theirs.mean() if len(own) and theirs.mean() > 0 else np.nan
        rows.append(r)
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    order = {h: i for i, h in enumerate(f"{a}-{b}" for a, b in groups)}
    return out.sort_values(
        ["horizons", "model"], key=lambda s: s.map(order) if s.name == "horizons" else s, ignore_index=True
    )


def _key_codes(df: pd.DataFrame, key: list[str]) -> np.ndarray | None:
    """One int64 per row standing for its `key` values (missing values equal, as in a merge), or None when the
    combined codes would overflow."""
    codes = np.zeros(len(df), dtype=np.int64)
    span = 1
    for c in key:
        part, uniques = pd.factorize(df[c], use_na_sentinel=False)
        span *= max(len(uniques), 1)
        if span >= 2**62:
            return None
        codes = codes * max(len(uniques), 1) + part
    return codes


def _matched(codes: np.ndarray | None, rows: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Positions (in `rows`, in `df`) of the rows of `rows` whose key a row of the mask `other` shares, in the order
    of `rows`: the rows an inner merge of the two on the key gives. None when a key repeats within `other`."""
    if codes is None:
        return None
    where = np.flatnonzero(other)
    index = pd.Index(codes[where])
    if not index.is_unique:
        return None
    pos = index.get_indexer(codes[rows])
    hit = pos >= 0
    return np.flatnonzero(hit), where[pos[hit]]
