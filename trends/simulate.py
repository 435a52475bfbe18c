"""Simulated weekly panels with known onsets of surges, resurgences after a lull, and expansions.

The baseline of each series is negative-binomial around a seasonal mean with a realistic spread of rates: most
series average well under one event a week (log-uniform between `rate_range`), as in real actor x province
data. Onsets fall inside the evaluation window (the last `eval_weeks` weeks), so rules have several years of
history to learn from. The truth frame says which series changed, when, how, and for how long.

Kinds of change:
    surge        rate x `ratio` (3-6) for 4-16 weeks on an active series
    resurgence   a series quiet (~0.02/week) for >= 26 weeks jumps to 1-4 events/week and stays there
    expansion    an actor with other provinces appears in a new province at 0.7-3 events/week
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import WEEKLY
from .synthetic import nb_draw

TRUTH_COLS = ["actor", "country", "province", "kind", "onset", "end", "rate_before", "rate_after"]


def simulate_panel(
    n_series: int = 400,
    n_weeks: int = 416,
    *,
    eval_weeks: int = 104,
    share_surge: float = 0.12,
    share_resurgence: float = 0.06,
    share_expansion: float = 0.06,
    rate_range: tuple[float, float] = (0.05, 4.0),
    dispersion_range: tuple[float, float] = (1.0, 6.0),
    provinces_per_actor: int = 8,
    start: str = "2014-01-06",
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A zero-filled WEEKLY panel and the truth (one row per planted change: TRUTH_COLS; onset/end are Mondays,
    end = last week of the changed regime).

    Series i belongs to actor `S<i // provinces_per_actor>` in country `Simland`, province `R<i>`.
    """
    rng = np.random.default_rng(seed)
    weeks = pd.date_range(
        pd.Timestamp(start) - pd.Timedelta(days=pd.Timestamp(start).weekday()), periods=n_weeks, freq="W-MON"
    )
    lo, hi = np.log(rate_range[0]), np.log(rate_range[1])
    base = np.exp(rng.uniform(lo, hi, n_series))
    disp = rng.uniform(*dispersion_range, n_series)
    amp = rng.uniform(0, 0.8, n_series)
    phase = rng.uniform(0, 2 * np.pi, n_series)
    t = np.arange(n_weeks)
    mean = base[:, None] * np.exp(amp[:, None] * np.cos(2 * np.pi * t[None, :] / 52.18 + phase[:, None]))
    kinds = rng.choice(
        ["none", "surge", "resurgence", "expansion"],
        size=n_series,
        p=[1 - share_surge - share_resurgence - share_expansion, share_surge, share_resurgence, share_expansion],
    )
    # the first series of each actor stays unchanged, so an expanding actor always has events elsewhere
    kinds[np.arange(n_series) % provinces_per_actor == 0] = "none"
    truth = []
    first_eval = n_weeks - eval_weeks
    for i in np.nonzero(kinds != "none")[0]:
        onset = int(rng.integers(first_eval, n_weeks - 6))
        k = kinds[i]
        if k == "surge":
            ratio = rng.uniform(3, 6)
            dur = int(rng.integers(4, 17))
            end = min(onset + dur, n_weeks)
            # a surge means something even on a sparse series: at least +1.5 events/week
            bump = np.maximum(mean[i, onset:end] * ratio, mean[i, onset:end] + 1.5)
            before = mean[i, onset - 52 : onset].mean()
            mean[i, onset:end] = bump
        elif k == "resurgence":
            lull = int(rng.integers(26, 80))
            mean[i, onset - lull : onset] = 0.02
            before = 0.02
            end = n_weeks
            mean[i, onset:] = rng.uniform(1, 4) * np.exp(amp[i] * 0.3 * np.cos(2 * np.pi * t[onset:] / 52.18))
        else:  # expansion
            before = 0.0
            end = n_weeks
            mean[i, :onset] = 0.0
            mean[i, onset:] = rng.uniform(0.7, 3)
        truth.append(
            {
                "row": i,
                "kind": k,
                "onset": onset,
                "end": end - 1,
                "rate_before": before,
                "rate_after": float(mean[i, onset:end].mean()),
            }
        )
    counts = np.vstack([nb_draw(rng, mean[i], disp[i]) for i in range(n_series)]).astype("int64")
    # expansions must start with an event in the onset week, or the onset is not observable
    for tr in truth:
        if tr["kind"] == "expansion":
            counts[tr["row"], tr["onset"]] = max(counts[tr["row"], tr["onset"]], 1)
    actors = np.array([f"S{i // provinces_per_actor}" for i in range(n_series)])
    provinces = np.array([f"R{i}" for i in range(n_series)])
    weekly = pd.DataFrame(
        {
            "series_id": np.repeat(np.arange(n_series), n_weeks),
            "actor": np.repeat(actors, n_weeks),
            "country": "Simland",
            "province": np.repeat(provinces, n_weeks),
            "week": np.tile(weeks, n_series),
            "events": counts.ravel(),
            "fatalities": nb_draw(rng, 2.0 * counts.ravel(), 2.0).astype("int64"),
        }
    )
    tr = pd.DataFrame(truth, columns=["row", "kind", "onset", "end", "rate_before", "rate_after"])
    tr = tr.assign(
        actor=actors[tr["row"]],
        country="Simland",
        province=provinces[tr["row"]],
        onset=weeks[tr["onset"].to_numpy(int)],
        end=weeks[tr["end"].to_numpy(int)],
    )
    return weekly[WEEKLY], tr[TRUTH_COLS].reset_index(drop=True)
