"""Report stage: the headline, sentences generated from the week's data, each linked to its series and events."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..frames import WeekAnalysis
from ..weeks import week_label
from .content import alerts_view, fmt_num, highest_since, is_expansion, movers, series_frame, series_slug, series_title

#: how many weeks back "highest since" must reach to be worth saying (else the previous week's count is given).
MIN_SINCE_GAP_WEEKS = 8


@dataclass(frozen=True)
class Claim:
    """One headline sentence.

    Attributes:
        text: the plain sentence.
        links: (substring of text, anchor id) pairs; renderers turn the first occurrence of each into a link.
        key: the (actor, country, province) the claim is about, or None for a claim about all series.
        kind: 'alert' | 'expansion' | 'overall' | 'rising' | 'falling' | 'changepoint' | 'quiet' | 'coverage' |
            'issues'.
    """

    text: str
    links: tuple[tuple[str, str], ...] = field(default=())
    key: tuple[str, str, str] | None = None
    kind: str = ""


def _events_phrase(n, fatalities=None) -> str:
    """'3 events (12 fatalities) this week'; without fatalities when unknown."""
    n = int(n)
    fat = ""
    if fatalities is not None and pd.notna(fatalities):
        f = int(fatalities)
        fat = f" ({f} {'fatality' if f == 1 else 'fatalities'})"
    return f"{n} event{'s' if n != 1 else ''}{fat} this week"


def _compare_phrase(s: pd.DataFrame, week: pd.Timestamp) -> str:
    kind, since = highest_since(s["week"], s["events"], week)
    if kind == "record":
        return f"the most in any week since the series starts in {week_label(since)}"
    if kind == "since" and (week - since).days >= 7 * MIN_SINCE_GAP_WEEKS:
        return f"the highest since {week_label(since)}"
    prev = s[s["week"] == week - pd.Timedelta(days=7)]
    if len(prev):
        return f"{int(prev['events'].iloc[0])} the week before"
    return ""


def _alert_claim(a: pd.Series, weekly: pd.DataFrame, week: pd.Timestamp) -> Claim:
    key = (a["actor"], a["country"], a["province"])
    slug, title = series_slug(*key), series_title(*key)
    s = series_frame(weekly, *key)
    row = s[s["week"] == week]
    n = int(row["events"].iloc[0]) if len(row) else int(a["observed"])
    fat = row["fatalities"].iloc[0] if len(row) and "fatalities" in row else None
    status = "new" if a["status"] == "new" else f"open since {week_label(a['first_seen'])}"
    ev = _events_phrase(n, fat)
    if is_expansion(a["rule"]):
        past = s[(s["week"] < week) & (s["events"] > 0)]
        if len(past):
            where = f"first events there since {week_label(past['week'].iloc[-1])}"
        else:
            where = "the first recorded for this actor there"
        text = f"{title}: {ev}, {where}; expansion to a new province (level {a['level']}, {status})."
        return Claim(text, ((title, f"series-{slug}"), (ev, f"events-{slug}")), key, "expansion")
    parts = [ev]
    cmp_ = _compare_phrase(s, week)
    if cmp_:
        parts.append(cmp_)
    rule = str(a["rule"]).replace("_", " ")
    thr = a["threshold"]
    obs = float(a["observed"])
    if a["rule"] == "level_shift" and pd.notna(thr):  # observed, expected and threshold are rates per week
        tail = (
            f"level shift from {fmt_num(a['expected'])} to {fmt_num(obs)} events a week "
            f"(fires at {fmt_num(thr)} a week)"
        )
    elif pd.notna(thr) and obs > float(thr) and obs == n:
        tail = f"above the {rule} threshold of {fmt_num(thr)}"
    elif pd.notna(thr):  # rules over a window (surge) observe something other than this week's count
        tail = f"{rule} rule observed {fmt_num(obs)} against a threshold of {fmt_num(thr)}"
    else:
        tail = f"{rule} rule, expected {fmt_num(a['expected'])}"
    text = f"{title}: {', '.join(parts)}; {tail} (level {a['level']}, {status})."
    return Claim(text, ((title, f"series-{slug}"), (ev, f"events-{slug}")), key, "alert")


def _overall_claim(weekly: pd.DataFrame, week: pd.Timestamp, baseline: int = 52) -> Claim | None:
    tot = weekly.groupby("week")["events"].sum()
    if week not in tot.index:
        return None
    past = tot[(tot.index < week) & (tot.index >= week - pd.Timedelta(weeks=baseline))]
    n = int(tot[week])
    fat = int(weekly.loc[weekly["week"] == week, "fatalities"].sum()) if "fatalities" in weekly else None
    active = int(((weekly["week"] == week) & (weekly["events"] > 0)).sum())
    phrase = _events_phrase(n, fat)
    text = f"All series: {phrase} in {active} active series"
    if len(past):
        ratio = (n + 0.5) / (past.mean() + 0.5)
        word = "above" if ratio >= 1.25 else "below" if ratio <= 0.8 else "close to"
        text += f", {word} the {len(past)}-week average of {fmt_num(past.mean())}"
    return Claim(text + ".", ((phrase, "activity"),), None, "overall")


def headline(analysis: WeekAnalysis, *, max_alerts: int = 6, n_movers: int = 2, recent_breaks: int = 4) -> list[Claim]:
    """The headline of the weekly report: alerts first, then overall activity, movers and recent change points.

    Args:
        analysis: the week's analysis; uses weekly, alerts, breaks.
        max_alerts: at most this many alerted series get a sentence (most severe first); the rest are in the table.
        n_movers: rising (and falling) series named besides the alerts.
        recent_breaks: change points dated within this many weeks up to the reported week are named.

    Returns:
        list of Claim, in reading order. Every number in a claim is computed from `analysis`.
    """
    week = pd.Timestamp(analysis.week)
    weekly = analysis.weekly
    claims: list[Claim] = []
    seen: set = set()
    av = alerts_view(analysis.alerts)
    if av.empty:
        claims.append(Claim(f"No alerts in {week_label(week)}.", (("No alerts", "alerts"),), None, "quiet"))
    for _, a in av.iterrows():
        key = (a["actor"], a["country"], a["province"])
        if key in seen:
            continue
        if len(seen) >= max_alerts:
            rest = av[[k not in seen for k in zip(av["actor"], av["country"], av["province"])]]
            n = len({*zip(rest["actor"], rest["country"], rest["province"])})
            claims.append(
                Claim(
                    f"{n} more series with alerts are listed in the alerts table.",
                    (("alerts table", "alerts"),),
                    None,
                    "alert",
                )
            )
            break
        seen.add(key)
        claims.append(_alert_claim(a, weekly, week))
    overall = _overall_claim(weekly, week)
    if overall:
        claims.append(overall)
    mv = movers(weekly, week)
    for direction, word in (("rising", "Rising"), ("falling", "Falling")):
        picks = mv[(mv["direction"] == direction)]
        picks = picks[[k not in seen for k in zip(picks["actor"], picks["country"], picks["province"])]]
        for _, m in picks.head(n_movers).iterrows():
            key = (m["actor"], m["country"], m["province"])
            title, slug = series_title(*key), series_slug(*key)
            text = (
                f"{word}: {title}, {fmt_num(m['recent_mean'])} event{'' if m['recent_mean'] == 1 else 's'} a "
                f"week over the last 4 weeks against {fmt_num(m['baseline_mean'])} a week in the year before."
            )
            claims.append(Claim(text, ((title, f"series-{slug}"),), key, direction))
            seen.add(key)
    br = analysis.breaks
    if br is not None and not br.empty:
        b = br.assign(week=pd.to_datetime(br["week"]), province=br["province"].fillna(""))
        b = b[(b["week"] <= week) & (b["week"] > week - pd.Timedelta(weeks=recent_breaks))]
        b = b[b["rate_after"] > b["rate_before"]].sort_values(["week", "rate_ratio"], ascending=[False, False])
        b = b.drop_duplicates(["actor", "country", "province"])
        for _, r in b.head(3).iterrows():
            key = (r["actor"], r["country"], r["province"])
            title, slug = series_title(*key), series_slug(*key)
            p = f", p = {r['p_value']:.3g}" if pd.notna(r.get("p_value")) else ""
            text = (
                f"Change point ({r['method']}) in {title} at {week_label(r['week'])}: weekly rate "
                f"{fmt_num(r['rate_before'])} before, {fmt_num(r['rate_after'])} after{p}."
            )
            claims.append(Claim(text, ((title, f"series-{slug}"),), key, "changepoint"))
    iss = analysis.issues
    if iss is not None and len(iss) and "stage" in iss:
        cov = iss[iss["stage"] == "coverage"]
        ended = cov[cov["error"].astype(str).str.startswith("no data after")]
        for _, r in ended.iterrows():
            text = (
                f"No data for {r['country']} after {str(r['error']).rsplit(' ', 1)[-1]}: the source ends there, "
                f"so its series are left out of this week's alerts and movers rather than shown as falling."
            )
            claims.append(Claim(text, ((f"No data for {r['country']}", "coverage"),), None, "coverage"))
        partial = cov[~cov.index.isin(ended.index)]
        if len(partial):
            names = ", ".join(partial["country"])
            claims.append(
                Claim(
                    f"Partial week for {names}: the data end inside {week_label(week)}, so counts there "
                    f"cover only part of the week.",
                    ((f"Partial week for {names}", "coverage"),),
                    None,
                    "coverage",
                )
            )
        iss = iss[~iss["stage"].isin(["coverage", "watch"])]
    if iss is not None and len(iss):
        n = len(iss)
        claims.append(
            Claim(
                f"{n} series-level issue{'s' if n != 1 else ''} (model fallbacks, skipped series) "
                f"{'is' if n == 1 else 'are'} listed under Methods and data.",
                (("Methods and data", "methods"),),
                None,
                "issues",
            )
        )
    return claims


def featured_series(analysis: WeekAnalysis, claims: list[Claim], *, limit: int = 12) -> list[tuple[str, str, str]]:
    """Series that get their own section and panel: every series a claim names (so every headline link has a
    target), plus alerted series up to `limit` in all; alerted series first, most severe first."""
    claimed = [c.key for c in claims if c.key is not None]
    av = alerts_view(analysis.alerts)
    alerted = list(dict.fromkeys(zip(av["actor"], av["country"], av["province"])))
    room = max(limit - len(set(claimed)), 0)
    out = []
    for k in alerted:
        if k in claimed or room > 0:
            if k not in claimed:
                room -= 1
            out.append(k)
    out += [k for k in dict.fromkeys(claimed) if k not in out]
    return out
