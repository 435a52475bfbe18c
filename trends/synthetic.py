"""Synthetic weekly count panels with known change points, for tests, benchmarks and notebooks.

Counts are negative-binomial around a seasonal baseline (yearly cosine), so they look like the real thing: small,
overdispersed, many zero weeks. Every generator returns the truth alongside the frame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import WEEKLY


def nb_draw(rng: np.random.Generator, mean: np.ndarray, dispersion: float) -> np.ndarray:
    """Negative-binomial counts with the given means and size `dispersion` (var = mu + mu^2 / dispersion).

    dispersion=np.inf gives Poisson counts.
    """
    mean = np.asarray(mean, dtype=float)
    if not np.isfinite(dispersion):
        return rng.poisson(mean)
    return rng.poisson(rng.gamma(dispersion, mean / dispersion))


def weekly_panel(
    n_series: int = 4,
    n_weeks: int = 156,
    *,
    breaks: dict[int, tuple[int, float]] | None = None,
    base_rate: float | np.ndarray = 2.0,
    dispersion: float = 5.0,
    seasonal_amp: float = 0.0,
    start: str = "2018-01-01",
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A zero-filled weekly panel in the WEEKLY contract, and its planted change points.

    Args:
        n_series: number of series; actors are `A0, A1, ...`, all in country `Testland`, province `P<i>`.
        n_weeks: weeks per series, starting on the Monday of `start`.
        breaks: {series index: (week index where the new rate starts, rate ratio)}; one break per series.
        base_rate: mean weekly events before any break (scalar or one per series).
        dispersion: negative-binomial size (np.inf for Poisson).
        seasonal_amp: amplitude of a yearly cosine on the log rate (0.5 gives about x1.6 at the peak).
        seed: random seed; always pass one.

    Returns:
        (weekly, truth): weekly has the WEEKLY columns; truth has actor, country, province, week,
        index, rate_before, rate_after, rate_ratio, one row per planted break.
    """
    rng = np.random.default_rng(seed)
    weeks = pd.date_range(
        pd.Timestamp(start) - pd.Timedelta(days=pd.Timestamp(start).weekday()), periods=n_weeks, freq="W-MON"
    )
    base = np.broadcast_to(np.asarray(base_rate, dtype=float), (n_series,))
    season = np.exp(seasonal_amp * np.cos(2 * np.pi * (weeks.dayofyear.to_numpy() - 60) / 365.25))
    breaks = breaks or {}
    frames, truth = [], []
    for i in range(n_series):
        rate = np.full(n_weeks, base[i])
        if i in breaks:
            at, ratio = breaks[i]
            rate[at:] *= ratio
            truth.append(
                {
                    "actor": f"A{i}",
                    "country": "Testland",
                    "province": f"P{i}",
                    "week": weeks[at],
                    "index": at,
                    "rate_before": base[i],
                    "rate_after": base[i] * ratio,
                    "rate_ratio": ratio,
                }
            )
        counts = nb_draw(rng, rate * season, dispersion)
        frames.append(
            pd.DataFrame(
                {
                    "series_id": i,
                    "actor": f"A{i}",
                    "country": "Testland",
                    "province": f"P{i}",
                    "week": weeks,
                    "events": counts.astype("int64"),
                    "fatalities": nb_draw(rng, 2.0 * counts, 2.0).astype("int64"),
                }
            )
        )
    truth_cols = ["actor", "country", "province", "week", "index", "rate_before", "rate_after", "rate_ratio"]
    return pd.concat(frames, ignore_index=True)[WEEKLY], pd.DataFrame(truth, columns=truth_cols)
