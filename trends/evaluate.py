"""Scoring alerts against known onsets: probability of detection, false alarms, detection delay.

`score_alerts` works on any ALERTS frame (simulated or real) and a truth frame of onsets. An onset counts as
detected when the rule (any status) fires on its series in [onset, onset + max_delay]; the delay is the
number of weeks from the onset to that first alert. A false alarm is a *raised* alert (status 'new') on a
series-week outside every truth window [onset, end + max_delay]; the rate is per 100 such quiet series-weeks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import SERIES_KEY

#: Known escalations in the shipped UCDP sample (onset = Monday of the escalation week), with the canonical
#: actor and province names the normaliser produces.
KNOWN_ESCALATIONS = [
    ("IS in Anbar", "Islamic State", "Iraq", "Anbar", "2013-12-30"),
    ("IS in Nineveh", "Islamic State", "Iraq", "Nineveh", "2014-06-02"),
    ("IS/ISWAP in Borno after the 2017-18 lull", "Islamic State", "Nigeria", "Borno", "2018-08-27"),
    ("JNIM in Sahel (Burkina Faso)", "JNIM", "Burkina Faso", "Sahel", "2019-01-07"),
    ("JNIM in Centre-Nord (Burkina Faso)", "JNIM", "Burkina Faso", "Centre-Nord", "2019-07-15"),
]


def _weeks_between(a, b) -> np.ndarray:
    return (
        ((pd.to_datetime(b) - pd.to_datetime(a)).dt.days // 7).to_numpy()
        if hasattr(b, "dt")
        else (pd.Timestamp(b) - pd.Timestamp(a)).days // 7
    )


def detections(alerts: pd.DataFrame, truth: pd.DataFrame, *, max_delay: int = 12) -> pd.DataFrame:
    """One row per (truth onset, rule incl. 'any'): detected, delay_weeks, the first alert's rule and level."""
    rules = sorted(alerts["rule"].unique()) if len(alerts) else []
    a = alerts[SERIES_KEY + ["week", "rule", "level"]].copy()
    a["week"] = pd.to_datetime(a["week"])
    t = truth.reset_index(drop=True).assign(_id=lambda d: np.arange(len(d)))
    t["onset"] = pd.to_datetime(t["onset"])
    m = t.merge(a, on=SERIES_KEY, how="left")
    m = m[(m["week"] >= m["onset"]) & (m["week"] <= m["onset"] + pd.Timedelta(weeks=max_delay))]
    m = m.sort_values(["_id", "week"])
    rows = []
    for rule in rules + ["any"]:
        sub = m if rule == "any" else m[m["rule"] == rule]
        first = sub.groupby("_id").head(1).set_index("_id")
        for _, tr in t.iterrows():
            hit = tr["_id"] in first.index
            f = first.loc[tr["_id"]] if hit else None
            rows.append(
                {
                    **{c: tr[c] for c in t.columns if c != "_id"},
                    "rule": rule,
                    "detected": hit,
                    "delay_weeks": (f["week"] - tr["onset"]).days // 7 if hit else np.nan,
                    "first_rule": f["rule"] if hit else None,
                    "first_level": f["level"] if hit else None,
                }
            )
    return pd.DataFrame(rows)


def false_alarms(
    alerts: pd.DataFrame, truth: pd.DataFrame, weekly: pd.DataFrame, start, end, *, max_delay: int = 12
) -> pd.DataFrame:
    """Per rule and 'any': raised alerts outside truth windows, the quiet series-weeks, and the rate per 100."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    n_series = weekly.loc[(weekly["week"] >= s) & (weekly["week"] <= e), SERIES_KEY].drop_duplicates().shape[0]
    n_weeks = (e - s).days // 7 + 1
    win = truth.assign(
        lo=pd.to_datetime(truth["onset"]), hi=pd.to_datetime(truth["end"]) + pd.Timedelta(weeks=max_delay)
    )
    win["lo"], win["hi"] = win["lo"].clip(lower=s), win["hi"].clip(upper=e)
    covered = int(((win["hi"] - win["lo"]).dt.days // 7 + 1).clip(lower=0).sum())
    quiet = n_series * n_weeks - covered
    a = alerts[alerts["status"] == "new"].copy() if "status" in alerts else alerts.copy()
    a["week"] = pd.to_datetime(a["week"])
    a = a[(a["week"] >= s) & (a["week"] <= e)].reset_index(drop=True)
    a["_i"] = np.arange(len(a))
    m = a.merge(win[SERIES_KEY + ["lo", "hi"]], on=SERIES_KEY, how="left")
    inside = m[(m["week"] >= m["lo"]) & (m["week"] <= m["hi"])]["_i"].unique()
    fa = a[~a["_i"].isin(inside)]
    rules = sorted(alerts["rule"].unique()) if len(alerts) else []
    rows = []
    for rule in rules + ["any"]:
        n = len(fa) if rule == "any" else int((fa["rule"] == rule).sum())
        rows.append(
            {"rule": rule, "false_alarms": n, "quiet_series_weeks": quiet, "fa_per_100": 100 * n / max(quiet, 1)}
        )
    return pd.DataFrame(rows)


def score_alerts(
    alerts: pd.DataFrame, truth: pd.DataFrame, weekly: pd.DataFrame, start, end, *, max_delay: int = 12
) -> pd.DataFrame:
    """Per rule and combined ('any'): POD, false alarms per 100 quiet series-weeks, median delay (weeks).

    Also returns pod and delay per kind of change (`pod_<kind>` columns) when truth has a `kind` column.
    """
    det = detections(alerts, truth, max_delay=max_delay)
    fa = false_alarms(alerts, truth, weekly, start, end, max_delay=max_delay).set_index("rule")
    rows = []
    for rule, d in det.groupby("rule", sort=False):
        r = {
            "rule": rule,
            "onsets": len(d),
            "pod": d["detected"].mean(),
            "median_delay": d["delay_weeks"].median(),
            "fa_per_100": fa.loc[rule, "fa_per_100"] if rule in fa.index else 0.0,
            "false_alarms": int(fa.loc[rule, "false_alarms"]) if rule in fa.index else 0,
        }
        if "kind" in d:
            for k, dk in d.groupby("kind"):
                r[f"pod_{k}"] = dk["detected"].mean()
        rows.append(r)
    return pd.DataFrame(rows)


def escalation_delays(alerts: pd.DataFrame, escalations=None, *, max_delay: int = 12) -> pd.DataFrame:
    """For each known escalation: the first alert of any rule at or after onset within `max_delay` weeks."""
    esc = pd.DataFrame(escalations or KNOWN_ESCALATIONS, columns=["label", "actor", "country", "province", "onset"])
    d = detections(alerts, esc, max_delay=max_delay)
    d = d[d["rule"] == "any"]
    return d[
        ["label", "actor", "country", "province", "onset", "detected", "delay_weeks", "first_rule", "first_level"]
    ].reset_index(drop=True)


def alarm_spells(alerts: pd.DataFrame, *, gap: int = 4) -> pd.DataFrame:
    """Alarm spells: per series, the weeks any rule fired (any status), merged when at most `gap` weeks apart.

    This is what an analyst sees as one alarm: a surge flagged by three rules over five weeks is one spell.
    Returns one row per spell: actor, country, province, start, end (Mondays), weeks_alerted, rules (sorted,
    comma-separated).
    """
    cols = SERIES_KEY + ["start", "end", "weeks_alerted", "rules"]
    if alerts.empty:
        return pd.DataFrame(columns=cols)
    a = alerts[SERIES_KEY + ["week", "rule"]].copy()
    a["week"] = pd.to_datetime(a["week"])
    a = a.sort_values(SERIES_KEY + ["week"]).reset_index(drop=True)
    same = (a[SERIES_KEY] == a[SERIES_KEY].shift()).all(axis=1)
    step = (a["week"] - a["week"].shift()).dt.days // 7
    a["_spell"] = (~same | (step - 1 > gap)).cumsum()
    g = a.groupby("_spell", sort=True)
    out = g[SERIES_KEY].first()
    out["start"], out["end"] = g["week"].min(), g["week"].max()
    out["weeks_alerted"] = g["week"].nunique()
    out["rules"] = g["rule"].agg(lambda r: ",".join(sorted(set(r))))
    return out.reset_index(drop=True)[cols]


def false_spells(
    alerts: pd.DataFrame, truth: pd.DataFrame, weekly: pd.DataFrame, start, end, *, max_delay: int = 12, gap: int = 4
) -> dict:
    """Alarm spells starting in [start, end] outside every truth window [onset, end + max_delay], per 100 quiet
    series-weeks (as in `false_alarms`): {'spells', 'false_spells', 'quiet_series_weeks', 'per_100'}."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    sp = alarm_spells(alerts, gap=gap)
    sp = sp[(sp["start"] >= s) & (sp["start"] <= e)].reset_index(drop=True)
    quiet = int(false_alarms(alerts.iloc[:0], truth, weekly, s, e, max_delay=max_delay)["quiet_series_weeks"].iloc[0])
    win = truth.assign(
        lo=pd.to_datetime(truth["onset"]), hi=pd.to_datetime(truth["end"]) + pd.Timedelta(weeks=max_delay)
    )
    m = sp.assign(_i=np.arange(len(sp))).merge(win[SERIES_KEY + ["lo", "hi"]], on=SERIES_KEY, how="left")
    inside = set(m.loc[(m["start"] >= m["lo"]) & (m["start"] <= m["hi"]), "_i"])
    n_false = len(sp) - len(inside)
    return {
        "spells": len(sp),
        "false_spells": n_false,
        "quiet_series_weeks": quiet,
        "per_100": 100 * n_false / max(quiet, 1),
    }
