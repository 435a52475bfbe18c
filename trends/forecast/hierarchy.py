"""Coherent forecasts above the series: per (actor, country), actor, country or actor family, bottom-up.

The series (actor, country, province) are forecast by the default model; an aggregate's mean is the sum of its
series' means (so every level adds up exactly), and its intervals are negative-binomial quantiles around that
sum with the dispersion of the aggregate's own weekly counts (`LocalLevel` fitted on the summed series: the
one-step errors of its level, so the co-movement of a country's provinces widens the country's interval as
much as it did in the past, which an independent sum of the provinces would miss). An aggregate's weekly count
is the sum of its series' counts (an event with two actors counts once for each, as in the series).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UsageError
from ..frames import FORECASTS, SERIES_KEY, check_weekly
from .base import nb_quantiles, one_blas_thread, order_intervals
from .local import LocalLevel
from .panel import panel_matrix, run_forecasts

#: the levels `forecast_hierarchy` accepts (the columns that stay; the others become '').
LEVELS = {
    "actor,province": ("actor", "country", "province"),
    "actor,country": ("actor", "country"),
    "actor": ("actor",),
    "country": ("country",),
    "actor_family": ("actor_family",),
    "actor_family,country": ("actor_family", "country"),
}


def parse_by(by: str) -> tuple[str, ...]:
    """'actor,country' -> ('actor', 'country'); raises UsageError naming the valid levels."""
    key = ",".join(p.strip() for p in str(by).split(",") if p.strip())
    if key == "actor,country,province":
        key = "actor,province"
    if key not in LEVELS:
        raise UsageError(f"unknown --by {by!r}; choose from {', '.join(LEVELS)}")
    return LEVELS[key]


def _relabel(frame: pd.DataFrame, by: tuple[str, ...], families: dict | None) -> pd.DataFrame:
    """SERIES_KEY columns of the aggregate each row belongs to (family name in `actor`, '' for dropped keys)."""
    out = frame.copy()
    if "actor_family" in by:
        fam = families or {}
        out["actor"] = out["actor"].map(lambda a: fam.get(a) or "(unmatched)")
    for c in SERIES_KEY:
        if c not in by and not (c == "actor" and "actor_family" in by):
            out[c] = ""
    return out


def aggregate_weekly(weekly: pd.DataFrame, by, families: dict | None = None) -> pd.DataFrame:
    """WEEKLY frame of the aggregates `by`: each key's weekly events = the sum of its series' events."""
    by = parse_by(by) if isinstance(by, str) else tuple(by)
    agg = _relabel(weekly, by, families)
    agg = agg.groupby(SERIES_KEY + ["week"], sort=True)["events"].sum().reset_index()
    agg["series_id"] = agg.groupby(SERIES_KEY, sort=True).ngroup()
    agg["fatalities"] = 0
    return agg[["series_id", *SERIES_KEY, "week", "events", "fatalities"]]


def forecast_hierarchy(
    weekly: pd.DataFrame,
    by,
    horizon: int = 8,
    cutoff=None,
    *,
    families: dict | None = None,
    forecasts: pd.DataFrame | None = None,
    active_weeks: int | None = 52,
) -> pd.DataFrame:
    """Bottom-up forecasts of the aggregates `by` of a WEEKLY panel.

    Args:
        weekly: WEEKLY frame of the series (actor, country, province).
        by: a level name of LEVELS ('actor,country', 'country', 'actor_family', ...) or its tuple.
        horizon, cutoff, active_weeks: as in `forecast_panel`.
        families: actor -> family name (needed for the actor_family levels; unknown actors: '(unmatched)').
        forecasts: the series' forecasts (FORECASTS frame of one requested model) if already computed; default:
            `run_forecasts(weekly, "auto", ...)`.

    Returns:
        FORECASTS frame plus `median`, one row per aggregate and week, model 'bottom-up', key columns not in
        `by` = '' (the family name in `actor` for the family levels). The means of any level add up to the series' means.
    """
    check_weekly(weekly)
    by = parse_by(by) if isinstance(by, str) else tuple(by)
    if forecasts is None:
        forecasts = run_forecasts(weekly, "auto", horizon, cutoff, active_weeks=active_weeks).forecasts
    if forecasts.empty:
        return pd.DataFrame(columns=FORECASTS + ["median"])
    if "requested" in forecasts and forecasts["requested"].nunique() > 1:
        raise UsageError(
            f"bottom-up sums need the forecasts of one model, got {sorted(forecasts['requested'].unique())}; "
            f"ask for one model with --by"
        )
    cut = pd.Timestamp(forecasts["cutoff"].iloc[0])
    if by == LEVELS["actor,province"]:
        return forecasts[FORECASTS + ["median"]].reset_index(drop=True)
    fc = _relabel(forecasts, by, families)
    means = fc.groupby(SERIES_KEY + ["week"], sort=True)["mean"].sum().reset_index()
    agg = aggregate_weekly(weekly[weekly["week"] < cut], by, families)
    keys, Y, weeks = panel_matrix(agg, cut, backfill=False)
    with one_blas_thread():
        alpha = LocalLevel()._fit_batch(Y, weeks)["alpha"] if len(Y) else np.empty(0)
    disp = keys.assign(_alpha=alpha)
    means = means.merge(disp, on=SERIES_KEY, how="left")
    means["_alpha"] = means["_alpha"].fillna(0.5)
    q = order_intervals(
        nb_quantiles(means["mean"].to_numpy(), means["_alpha"].to_numpy()) | {"mean": means["mean"].to_numpy()}
    )
    for c in ["lo80", "hi80", "lo95", "hi95", "median"]:
        means[c] = q[c]
    means["model"], means["cutoff"] = "bottom-up", cut
    return means[FORECASTS + ["median"]].sort_values(SERIES_KEY + ["week"], ignore_index=True)
