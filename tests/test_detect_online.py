"""Online GLR shifts: quiet series rarely alarm, a planted tripling in the last weeks alarms with the right onset."""

import numpy as np
import pandas as pd
import pytest

from trends.detect import online_shifts
from trends.detect.online import first_alarms, glr_scores
from trends.errors import UsageError
from trends.synthetic import nb_draw, weekly_panel

WEEK = pd.Timedelta(weeks=1)


def test_quiet_series_rarely_alarm():
    for dispersion in (np.inf, 5.0, 2.0):
        weekly, _ = weekly_panel(200, 80, base_rate=3.0, dispersion=dispersion, seed=31)
        shifts = online_shifts(weekly)
        assert len(shifts) <= 10, f"{len(shifts)}/200 quiet series alarmed (k={dispersion})"


def test_planted_tripling_in_the_last_weeks_alarms_with_the_onset():
    n, at = 100, 74  # tripling in the last 6 weeks of 80 (bench: about 80 % alarm within 6 weeks at this rate)
    weekly, truth = weekly_panel(n, 80, breaks={i: (at, 3.0) for i in range(n)}, base_rate=3.0, dispersion=5.0, seed=32)
    shifts = online_shifts(weekly, last=8, direction="up")
    assert len(shifts) >= 70, f"only {len(shifts)}/{n} planted triplings alarmed"
    assert set(shifts.direction) == {"up"} and set(shifts.method) == {"online"}
    onset_ok = (shifts.week - truth.week.iloc[0]).abs() <= 2 * WEEK
    assert onset_ok.mean() >= 0.85
    assert shifts.rate_ratio.median() == pytest.approx(3.0, rel=0.25)
    assert (shifts.p_value < 0.01).all() and (shifts.score > 8.0).all()


def test_a_drop_is_found_only_when_asked_for():
    weekly, _ = weekly_panel(50, 80, breaks={i: (72, 0.0) for i in range(50)}, base_rate=4.0, dispersion=10.0, seed=33)
    assert online_shifts(weekly, direction="up").empty
    down = online_shifts(weekly, direction="down")
    assert len(down) >= 45 and set(down.direction) == {"down"}


def test_silent_baseline_needs_min_count():
    y = np.zeros((2, 60))
    y[0, -1] = 1  # one event after a silent year: not an alarm
    y[1, -3:] = [2, 3, 4]  # nine events: an alarm
    r = glr_scores(y[:, :52], y[:, 52:], direction="up")
    assert r["score"][0] == 0.0 and r["score"][1] > 8.0
    assert r["onset"][1] == 5


def test_short_series_are_issues_not_errors():
    weekly, _ = weekly_panel(2, 80, seed=34)
    short = weekly[weekly.series_id == 1].iloc[:20]
    shifts, issues = online_shifts(pd.concat([weekly[weekly.series_id == 0], short]), return_issues=True)
    assert issues.actor.tolist() == ["A1"] and issues.error.tolist() == ["TooFewWeeks"]
    with pytest.raises(UsageError, match="direction"):
        online_shifts(weekly, direction="sideways")


def test_sequential_false_alarm_rate_matches_the_documented_order():
    """README: with the defaults, P(false alarm within a year) is about 0.06 at rate 2, k=5 (bench/detect_speed.py)."""
    Y = nb_draw(np.random.default_rng(35), np.full((300, 59 + 52), 2.0), 5.0).astype(float)
    fa = first_alarms(Y)
    assert np.mean(fa >= 0) <= 0.12
