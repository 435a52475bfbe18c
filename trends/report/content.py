"""Report stage: the tables a weekly report shows, computed from a WeekAnalysis (pure functions, no I/O).

Conventions: `week` is the Monday (ISO) of the reported week; "this week" is [week, week + 7 days). People see
weeks as `2019-W48` (trends.weeks.week_label) and dates as ISO `2019-11-25`.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from ..alert.config import LEVELS
from ..formatting import fmt_fixed, fmt_num  # noqa: F401  (fmt_num re-exported for the report modules)
from ..frames import SERIES_KEY
from ..weeks import week_label


def series_slug(actor: str, country: str, province: str) -> str:
    """Stable HTML/Markdown anchor for a series, e.g. `islamic-state-nigeria-borno`."""
    text = " ".join(str(p) for p in (actor, country, province or "unknown-province"))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "series"


def series_title(actor: str, country: str, province: str) -> str:
    """`Islamic State in Borno (Nigeria)`; `... in Nigeria (province unknown)` when province is ''."""
    if province:
        return f"{actor} in {province} ({country})"
    return f"{actor} in {country} (province unknown)"


def _ts(week) -> pd.Timestamp:
    return pd.Timestamp(week).normalize()


def series_frame(weekly: pd.DataFrame, actor: str, country: str, province: str) -> pd.DataFrame:
    """One series' rows of a WEEKLY frame, sorted by week."""
    # the most selective key first, then the others on those rows only (one pass over a big panel, not three)
    sub = weekly.loc[weekly["province"] == province]
    sub = sub.loc[(sub["actor"] == actor) & (sub["country"] == country)]
    return sub.sort_values("week")


def highest_since(weeks: pd.Series, counts: pd.Series, week) -> tuple[str, pd.Timestamp | None]:
    """How this week's count compares with the series' past.

    Args:
        weeks: Mondays of one series (any order); counts: its weekly events, aligned with `weeks`.
        week: the reported Monday; only earlier weeks are compared.

    Returns:
        ('since', W): W is the latest earlier week with a count >= this week's (so this week is the highest since W);
        ('record', first_week): no earlier week reached it (first_week is where the series starts);
        ('none', None): this week has no events or is not in the series.
    """
    w = _ts(week)
    s = pd.Series(np.asarray(counts, dtype=float), index=pd.DatetimeIndex(weeks)).sort_index()
    if w not in s.index or s[w] <= 0:
        return "none", None
    past = s[s.index < w]
    hit = past[past >= s[w]]
    if len(hit):
        return "since", hit.index[-1]
    return "record", (past.index[0] if len(past) else w)


def movers(
    weekly: pd.DataFrame,
    week,
    *,
    recent: int = 4,
    baseline: int = 52,
    min_baseline: int = 13,
    min_events: int = 3,
    min_ratio: float = 1.5,
) -> pd.DataFrame:
    """Series whose last `recent` weeks differ most from the `baseline` weeks before them.

    recent_mean = mean weekly events in the `recent` weeks ending with `week`; baseline_mean = mean over up to
    `baseline` weeks before those (at least `min_baseline`, else the series is skipped). A series counts as moving
    only with at least `min_events` events in the window that is higher (so one event is never a "rise") and a
    smoothed ratio of at least `min_ratio` (or at most 1 / `min_ratio`).
    Ranked by change = recent_mean - baseline_mean (events per week), which favours changes that matter in
    absolute terms over ratios of tiny numbers; the ratio is shown alongside, with +0.5 smoothing.

    Args:
        weekly: WEEKLY frame.
        week: reported Monday.

    Returns:
        DataFrame actor, country, province, recent_mean, baseline_mean, change, ratio, recent_events,
        baseline_events, direction ('rising' | 'falling'); rising first (largest change first), then falling
        (largest drop first). Series with no change are left out.
    """
    w = _ts(week)
    r0 = w - pd.Timedelta(weeks=recent - 1)
    b0 = r0 - pd.Timedelta(weeks=baseline)
    win = weekly[(weekly["week"] >= b0) & (weekly["week"] <= w)]
    cols = [
        "actor",
        "country",
        "province",
        "recent_mean",
        "baseline_mean",
        "change",
        "ratio",
        "recent_events",
        "baseline_events",
        "direction",
    ]
    if win.empty:
        return pd.DataFrame(columns=cols)
    is_recent = win["week"] >= r0
    g_rec = win[is_recent].groupby(SERIES_KEY)["events"].agg(["sum", "count"])
    g_base = win[~is_recent].groupby(SERIES_KEY)["events"].agg(["sum", "count"])
    df = g_rec.join(g_base, lsuffix="_r", rsuffix="_b", how="inner").reset_index()
    df = df[(df["count_r"] == recent) & (df["count_b"] >= min_baseline)]
    df = df.assign(
        recent_mean=df["sum_r"] / df["count_r"],
        baseline_mean=df["sum_b"] / df["count_b"],
        recent_events=df["sum_r"].astype(int),
        baseline_events=df["sum_b"].astype(int),
    )
    df["change"] = df["recent_mean"] - df["baseline_mean"]
    df["ratio"] = (df["recent_mean"] + 0.5) / (df["baseline_mean"] + 0.5)
    # the higher side must rest on at least min_events events (recent window, or baseline scaled to `recent` weeks)
    rising = (df["change"] > 0) & (df["recent_events"] >= min_events) & (df["ratio"] >= min_ratio)
    falling = (df["change"] < 0) & (df["baseline_mean"] * recent >= min_events) & (df["ratio"] <= 1 / min_ratio)
    df["direction"] = np.where(rising, "rising", np.where(falling, "falling", ""))
    df = df[df["direction"] != ""]
    up = df[df["direction"] == "rising"].sort_values(["change", "actor", "province"], ascending=[False, True, True])
    down = df[df["direction"] == "falling"].sort_values(["change", "actor", "province"], ascending=[True, True, True])
    return pd.concat([up, down], ignore_index=True)[cols]


def heatmap_matrix(weekly: pd.DataFrame, week, *, weeks: int = 26, top: int = 20) -> pd.DataFrame:
    """Events per week for the `top` most active series over the `weeks` weeks ending with `week`.

    Returns:
        DataFrame indexed by series title ("actor — province, country"), one column per Monday (oldest first),
        rows ordered by total events in the window (most first). Empty if nothing happened in the window.
    """
    w = _ts(week)
    cols = pd.date_range(w - pd.Timedelta(weeks=weeks - 1), w, freq="W-MON")
    win = weekly[(weekly["week"] >= cols[0]) & (weekly["week"] <= w)]
    if win.empty or win["events"].sum() == 0:
        return pd.DataFrame(columns=cols, dtype=float)
    tot = win.groupby(SERIES_KEY)["events"].sum()
    tot = (
        tot[tot > 0]
        .reset_index()
        .sort_values(["events", "actor", "country", "province"], ascending=[False, True, True, True])
        .head(top)
    )
    keep = win.merge(tot[SERIES_KEY], on=SERIES_KEY)
    keep = keep.assign(
        label=[f"{a} — {p or '(unknown)'}, {c}" for a, c, p in zip(keep["actor"], keep["country"], keep["province"])]
    )
    order = [f"{a} — {p or '(unknown)'}, {c}" for a, c, p in zip(tot["actor"], tot["country"], tot["province"])]
    mat = keep.pivot_table(index="label", columns="week", values="events", aggfunc="sum", fill_value=0)
    return mat.reindex(index=order, columns=cols, fill_value=0).astype(float)


def severity(level: str) -> int:
    """Sort key for people, most severe first: 0 for 'alert', 1 'warning', 2 'watch' (trends.alert.LEVELS);
    any other level after these."""
    lv = str(level).lower()
    return LEVELS[::-1].index(lv) if lv in LEVELS else len(LEVELS)


def is_expansion(rule: str) -> bool:
    """Alerts of the expansion rule (an actor active in a province new to it)."""
    return "expan" in str(rule).lower() or "new_province" in str(rule).lower()


def alerts_view(alerts: pd.DataFrame) -> pd.DataFrame:
    """Alerts sorted for people: by level (most severe first), new before continuing, score descending.

    Adds `status` ('new' when missing), `first_seen`/`last_seen` (= week when missing), `title`, `slug`.
    """
    a = alerts.copy()
    if a.empty:
        for c in ["status", "first_seen", "last_seen", "detail", "title", "slug"]:
            a[c] = pd.Series(dtype=object)
        return a
    if "status" not in a:
        a["status"] = "new"
    a["status"] = a["status"].fillna("new")
    for c in ("first_seen", "last_seen"):
        a[c] = pd.to_datetime(a[c]) if c in a else pd.to_datetime(a["week"])
        a[c] = a[c].fillna(pd.to_datetime(a["week"]))
    if "detail" not in a:
        a["detail"] = ""
    a["detail"] = a["detail"].fillna("").astype(str)
    a["province"] = a["province"].fillna("")
    a["week"] = pd.to_datetime(a["week"])
    a["_lv"] = a["level"].map(severity)
    a["_st"] = (a["status"] != "new").astype(int)
    a = a.sort_values(
        ["_lv", "level", "_st", "score", "actor", "country", "province", "rule"],
        ascending=[True, True, True, False, True, True, True, True],
        kind="mergesort",
    )
    a["title"] = [series_title(*k) for k in zip(a["actor"], a["country"], a["province"])]
    a["slug"] = [series_slug(*k) for k in zip(a["actor"], a["country"], a["province"])]
    return a.drop(columns=["_lv", "_st"]).reset_index(drop=True)


#: alerts.csv and alerts.json columns, in order; weeks as 2019-W48 labels, numbers with two decimals;
#: event_ids = the ids of the events behind the alert (';'-separated in the CSV, a list in the JSON).
ALERTS_CSV = [
    "level",
    "status",
    "actor",
    "country",
    "province",
    "week",
    "rule",
    "observed",
    "expected",
    "threshold",
    "score",
    "first_seen",
    "last_seen",
    "detail",
    "event_ids",
]


def alerts_csv_frame(alerts: pd.DataFrame) -> pd.DataFrame:
    """The alerts table as written to alerts.csv: fixed column and row order, fixed number format."""
    a = alerts_view(alerts)
    out = pd.DataFrame({c: a[c] if c in a else pd.Series(dtype=object) for c in ALERTS_CSV})
    for c in ("week", "first_seen", "last_seen"):
        out[c] = [week_label(x) if pd.notna(x) else "" for x in out[c]]
    out["observed"] = [fmt_num(x, 2) for x in out["observed"]]
    for c in ("expected", "threshold", "score"):
        out[c] = [fmt_fixed(x, 2) for x in out[c]]
    out["event_ids"] = [
        ";".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else "" for v in out["event_ids"]
    ]
    return out


def events_in_week(events: pd.DataFrame, key: tuple[str, str, str] | None, week) -> pd.DataFrame:
    """Events dated in [week, week + 7 days), for one series key (actor, country, province) or all if None.

    An event whose actor column differs (e.g. the group is the counterpart) is also kept when the frame has a
    `series_actors` column listing the series' actors; otherwise the match is on actor, country, province.
    """
    if events is None or events.empty:
        return pd.DataFrame(columns=list(events.columns) if events is not None else [])
    w = _ts(week)
    d = pd.to_datetime(events["event_date"])
    e = events[(d >= w) & (d < w + pd.Timedelta(days=7))]
    if key is not None:
        actor, country, province = key
        prov = e["province"].fillna("") if "province" in e else ""
        who = e["actor"] == actor
        if "series_actors" in e:
            who = who | pd.Series(
                [actor in (v if v is not None else ()) for v in e["series_actors"]], index=e.index, dtype=bool
            )
        e = e[who & (e["country"] == country) & (prov == province)]
    return e.sort_values(["event_date"] + (["event_id"] if "event_id" in e else []))


def uses_ucdp(analysis) -> bool:
    """True when any event, dataset name or source line in the analysis comes from UCDP."""
    ev = analysis.events
    if ev is not None and not ev.empty and "dataset" in ev:
        if ev["dataset"].astype(str).str.lower().str.startswith("ucdp").any():
            return True
    return any("ucdp" in str(s).lower() for s in (analysis.sources or []))


def week_on_week(
    weekly: pd.DataFrame, week, *, by: str = "country", families: dict | None = None, top: int = 12
) -> pd.DataFrame:
    """This week vs last week vs the 4- and 52-week means, per country or per actor family.

    Args:
        weekly: WEEKLY frame (events, fatalities per series and week).
        week: reported Monday.
        by: 'country' or 'family' (the actor's alias-registry family, from `families`; '(unmatched)' if none).
        top: keep the rows with the most events over the 52 weeks (plus any with events this week).

    Returns:
        DataFrame [by, events, events_prev, events_4w, events_52w, fatalities, fatalities_prev, fatalities_4w,
        fatalities_52w], most events this week first; the means are per week over the 4 and 52 weeks before
        `week` (weeks without rows count as 0).
    """
    w = _ts(week)
    cols = [
        by,
        "events",
        "events_prev",
        "events_4w",
        "events_52w",
        "fatalities",
        "fatalities_prev",
        "fatalities_4w",
        "fatalities_52w",
    ]
    win = weekly[(weekly["week"] <= w) & (weekly["week"] > w - pd.Timedelta(weeks=53))]
    if win.empty:
        return pd.DataFrame(columns=cols)
    fam = families or {}
    key = win["country"] if by == "country" else win["actor"].map(lambda a: fam.get(a) or "(unmatched)")
    g = win.assign(_k=key.to_numpy()).groupby(["_k", "week"])[["events", "fatalities"]].sum()
    out = []
    for k, part in g.groupby(level=0):
        s = part.droplevel(0)

        def total(lo, hi, c, s=s):
            return float(
                s.loc[(s.index >= w - pd.Timedelta(weeks=lo)) & (s.index <= w - pd.Timedelta(weeks=hi)), c].sum()
            )

        row = {by: k}
        for c in ("events", "fatalities"):
            row[c] = total(0, 0, c)
            row[f"{c}_prev"] = total(1, 1, c)
            row[f"{c}_4w"] = total(4, 1, c) / 4
            row[f"{c}_52w"] = total(52, 1, c) / 52
        out.append(row)
    df = pd.DataFrame(out, columns=cols)
    keep = df.sort_values("events_52w", ascending=False).head(top).index.union(df.index[df["events"] > 0])
    return df.loc[keep].sort_values(["events", "events_52w", by], ascending=[False, False, True]).reset_index(drop=True)


def events_geojson(events: pd.DataFrame) -> str:
    """The map's events as a GeoJSON FeatureCollection (points in lon, lat; WGS84), one Feature per located event."""
    import json

    feats = []
    if events is not None and len(events) and {"latitude", "longitude"} <= set(events.columns):
        ev = events.dropna(subset=["latitude", "longitude"])
        props = [
            c
            for c in (
                "event_id",
                "event_date",
                "actor",
                "actor_family",
                "counterpart",
                "country",
                "province",
                "location",
                "event_type",
                "fatalities",
                "source",
                "dataset",
            )
            if c in ev.columns
        ]
        for r in ev.itertuples(index=False):
            p = {}
            for c in props:
                v = getattr(r, c)
                if c == "event_date":
                    v = pd.Timestamp(v).date().isoformat()
                elif v is None or (not isinstance(v, str) and pd.isna(v)):
                    v = None
                elif isinstance(v, (np.integer, np.floating)):
                    v = v.item()
                p[c] = v
            feats.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(float(r.longitude), 5), round(float(r.latitude), 5)],
                    },
                    "properties": p,
                }
            )
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False) + "\n"
