"""The oracle bounds of bench/forecast_oracle.py: the leave-one-out level and why the perfect level leaks."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _oracle():
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("forecast_oracle"), importlib.import_module("forecast_candidates")
    finally:
        sys.path.remove(str(BENCH))


def test_leave_one_out_mean_skips_the_scored_week_and_missing_weeks():
    oracle, _ = _oracle()
    y = np.array([[1.0, 2.0, 3.0, np.nan], [0.0, 0.0, 4.0, 0.0], [np.nan, 5.0, np.nan, np.nan]])
    got = oracle.leave_one_out(y)
    np.testing.assert_allclose(got[0], [2.5, 2.0, 1.5, 2.0])
    np.testing.assert_allclose(got[1], [4 / 3, 4 / 3, 0.0, 4 / 3])
    np.testing.assert_allclose(got[2], [5.0, 0.0, 5.0, 5.0])  # no other week: 0


def test_realised_means_per_block():
    oracle, _ = _oracle()
    y = np.array([[1.0, 1.0, 1.0, 1.0, 3.0, 3.0, 3.0, np.nan]])
    a, b = oracle.realised_means(y)
    np.testing.assert_allclose(a, np.full((1, 8), 13 / 7))
    np.testing.assert_allclose(b, [[1.0] * 4 + [3.0] * 4])


def test_perfect_level_beats_the_true_rate_but_leave_one_out_does_not():
    """On stationary Poisson counts with a known rate, the realised 8-week mean scores better than the truth
    itself (it holds the scored week's own count), the leave-one-out mean worse (it holds only noise)."""
    oracle, cand = _oracle()
    rng = np.random.default_rng(1)
    rate = rng.choice([0.2, 1.0, 4.0], size=3000)
    y = rng.poisson(rate[:, None], size=(3000, 8)).astype(float)
    zero = np.zeros(3000)
    plain = (1.0,) * 5

    def score(level):
        return cand.wis(oracle.nb_at(level, zero, plain), y).mean()

    truth = score(np.repeat(rate[:, None], 8, axis=1))
    perfect = score(oracle.realised_means(y)[0])
    loo = score(oracle.leave_one_out(y))
    assert perfect < 0.97 * truth
    assert loo > truth
