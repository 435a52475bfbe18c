"""The fast paths of the weekly job (series found as blocks of rows, one matrix per backtest) give exactly what
the grouping and filtering they replace gave."""

import numpy as np
import pandas as pd
import pytest

from trends.frames import SERIES_KEY, series_blocks, series_index
from trends.synthetic import weekly_panel


def _panel() -> pd.DataFrame:
    """A ragged panel in two countries: series start and end at different weeks; rows sorted by key."""
    w, _ = weekly_panel(40, 120, base_rate=1.5, seed=3)
    rng = np.random.default_rng(0)
    sid = w["series_id"].to_numpy()
    i = w.groupby("series_id").cumcount().to_numpy()
    lo, hi = rng.integers(0, 60, 40), rng.integers(80, 121, 40)
    keep = (i >= lo[sid]) & (i < hi[sid])
    w = w[keep].reset_index(drop=True)
    w["country"] = np.where(w["series_id"] % 3 == 0, "Otherland", "Testland")
    return w.sort_values([*SERIES_KEY, "week"]).reset_index(drop=True)


def _variants():
    w = _panel()
    blocks_unsorted = pd.concat([g for _, g in w.groupby("series_id")][::-1], ignore_index=True)
    categorical = w.assign(**{c: pd.Categorical(w[c]) for c in SERIES_KEY})
    shuffled = w.sample(frac=1, random_state=1).reset_index(drop=True)
    # names whose order is easy to get wrong: case, accents, other scripts, prefixes, empty provinces
    tricky = ["al-Shabaab", "Al-Shabaab", "Al Shabaab", "Ansar", "Ansar al-Islam", "Ánsar", "ISWAP", "IS", "Boko"]
    tricky += ["Haram", "الشباب", "boko", "Zulu", "", "Öl", "Ol", "Z", "z", "Ω", "Ωmega"]
    sid = w["series_id"].to_numpy()
    names = w.assign(
        actor=[tricky[i % len(tricky)] + " " * (i // len(tricky)) for i in sid],  # distinct: trailing spaces
        province=np.where(sid % 5 == 0, "", w["province"].to_numpy()).astype(object),
    )
    names = pd.concat([g for _, g in names.groupby("series_id")][::-1], ignore_index=True)
    return {
        "sorted": w,
        "blocks": blocks_unsorted,
        "categorical": categorical,
        "shuffled": shuffled,
        "names": names,
    }


@pytest.mark.parametrize("name", ["sorted", "blocks", "categorical", "shuffled", "names"])
def test_series_index_equals_groupby(name):
    w = _variants()[name]
    codes, keys = series_index(w)
    g = w.groupby(SERIES_KEY, sort=True, observed=True)
    assert np.array_equal(codes, g.ngroup().to_numpy())
    pd.testing.assert_frame_equal(keys, g["week"].min().reset_index()[SERIES_KEY])
    # blocks are found exactly when every series is one run of rows with ascending weeks
    assert (series_blocks(w) is None) == (name == "shuffled")


def test_series_blocks_refuses_a_key_in_two_blocks_and_missing_keys():
    w = _panel()
    first = w[w["series_id"] == w["series_id"].iloc[0]]
    split = pd.concat([first.iloc[:5], w[len(first) :], first.iloc[5:]], ignore_index=True)
    assert series_blocks(split) is None
    codes, _ = series_index(split)
    assert np.array_equal(codes, split.groupby(SERIES_KEY, sort=True).ngroup().to_numpy())
    missing = w.copy()
    missing.loc[3, "actor"] = None
    assert series_blocks(missing) is None


@pytest.mark.parametrize("name", ["sorted", "blocks", "categorical", "shuffled"])
def test_backtest_matrix_once_equals_per_origin_matrices(name):
    """The backtest slices one SeriesPanel per origin; each slice is the panel_matrix of that origin."""
    from trends.forecast.matrix import SeriesPanel
    from trends.forecast.panel import HISTORY_WEEKS, panel_matrix

    w = _variants()[name]
    last = w["week"].max() + pd.Timedelta(days=7)
    origins = [last - pd.Timedelta(weeks=k) for k in (40, 25, 10)]
    wide = SeriesPanel(w, origins[0] - pd.Timedelta(weeks=HISTORY_WEEKS), last)
    for cutoff in origins:
        for kw in ({}, {"backfill": False}, {"history_start": "2017-06-05"}):
            k1, y1, g1 = panel_matrix(w, cutoff, **kw)
            k2, y2, g2 = wide.matrix(cutoff, HISTORY_WEEKS, **kw)
            pd.testing.assert_frame_equal(k1, k2)
            assert g1.equals(g2)
            assert np.array_equal(y1, y2, equal_nan=True)
            assert np.isnan(y1).any() and (y1 > 0).any()  # the cases tested: weeks before a series, and counts
