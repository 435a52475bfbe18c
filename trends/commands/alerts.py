"""Flag resurgences: seasonal exceedance, level shift, expansion and online-shift alerts per actor and province.

Each week is evaluated with only the data dated before it (its own count is the observation), so a past
range is an honest audit of what the rules would have said at the time. Rules and their default thresholds
are documented in docs/alerts-detect.md and in trends/alert/config.py; a trends.toml [alerts] table
sets them for `trends run`. Levels: watch < warning < alert. A rule that keeps firing on a series is one alert
that stays open (status 'new' the week it is raised, 'continuing' after) until `cooldown` quiet weeks pass.

Output: --format table (boxed, default), csv or json, to stdout or --out FILE. CSV and JSON have the columns
of a report's alerts.csv and alerts.json: level, status, actor, country, province, week, rule, observed,
expected, threshold, score, first_seen, last_seen, detail, event_ids (weeks as 2019-W48; event_ids
';'-separated in CSV, a list in JSON). --json FILE and --csv FILE are kept as aliases of
--format json --out FILE and --format csv --out FILE ('-' = stdout) for this release. With --from/--to only the weeks an alert was raised are written (add
--all-weeks for every week an alert stayed open); with --week every alert open that week is written.

By default only actors the alias registry knows are evaluated (as in `trends run`: the other side of a jihadist
event, e.g. SDF or Koglweogo, has a series but raises no alert); --all-series evaluates every series. Series stop
at their country's last event in the store (coverage end), so a source that ends is not read as a collapse; the
countries cut that way are named on stderr. --actor/--country/--province keep the alerts of those series (names
resolve as at ingest: 'ISIS', 'Ninawa'); the expansion rule still sees the actor's other provinces.

Example:
  trends alerts --week 2019-W29
  trends alerts --from 2019-01-07 --to 2019-12-30 --format json --out alerts-2019.json
  trends alerts --week 2019-07-22 --rules surge,expansion --min-level warning --format csv --out alerts.csv --store
  trends alerts --from 2014-05-05 --to 2014-07-28 --actor ISIS --country Iraq --province Ninawa
"""

from __future__ import annotations

import json
import logging

import pandas as pd

from .. import store
from ..errors import UsageError

log = logging.getLogger(__name__)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--week", metavar="W", help="evaluate one week, a date or 2019-W29 (default: the week of the latest event)"
    )
    parser.add_argument("--from", dest="start", metavar="W", help="first week of a retrospective range")
    parser.add_argument(
        "--to", dest="end", metavar="W", help="last week of the range (inclusive; give both --from and --to)"
    )
    from ._common import add_output_args, add_series_filters

    add_output_args(parser, example="alerts.csv")
    parser.add_argument("--json", metavar="FILE", help="alias of --format json --out FILE (kept for this release)")
    parser.add_argument("--csv", metavar="FILE", help="alias of --format csv --out FILE (kept for this release)")
    parser.add_argument(
        "--rules",
        metavar="R[,R]",
        help="only these rules, from seasonal, level_shift, expansion, shift, surge, exceedance "
        "(default: the first four; surge and exceedance are off unless named here)",
    )
    parser.add_argument(
        "--min-level", choices=["watch", "warning", "alert"], help="drop alerts below this level (default: keep all)"
    )
    parser.add_argument(
        "--cooldown",
        type=int,
        metavar="N",
        help="quiet weeks after which a rule firing again raises a new alert (default 4)",
    )
    parser.add_argument(
        "--all-weeks", action="store_true", help="with --from/--to, also write the weeks an open alert continued"
    )
    parser.add_argument("--no-events", action="store_true", help="do not look up the event ids behind each alert")
    add_series_filters(parser, "alerts")
    parser.add_argument(
        "--all-series",
        "--all-actors",
        dest="all_series",
        action="store_true",
        help="evaluate every armed group's series, not only actors in the alias registry (the "
        "default watch list of `trends run`)",
    )
    parser.add_argument(
        "--store",
        action="store_true",
        help="save the alerts in the database, replacing the stored rows of the evaluated weeks",
    )


def run(args) -> int:
    from ..alert import RuleConfig, alerts_between, attach_events, drop_unmatched_expansions, store_alerts
    from ..errors import NothingMatched
    from ..scope import analysis_weekly, events_span, explain_empty, resolve_provinces
    from ..weeks import monday, parse_week, week_label

    if (args.start is None) != (args.end is None):
        raise UsageError("give both --from and --to for a range (or --week for one week)")
    if args.week and args.start:
        raise UsageError("use either --week or --from/--to, not both")
    rules = RuleConfig()
    if args.rules:
        rules = rules.only(*[r.strip() for r in args.rules.split(",") if r.strip()])
    if args.cooldown is not None:
        rules = RuleConfig(
            **{
                **{f: getattr(rules, f) for f in ("seasonal", "level_shift", "expansion", "surge", "overrides")},
                "cooldown_weeks": args.cooldown,
            }
        )
    con = store.connect(args.db, read_only=not args.store)
    try:
        if args.start:
            start, end = parse_week(args.start), parse_week(args.end)
            new_only = not args.all_weeks
        else:
            if args.week:
                start = end = parse_week(args.week)
            else:
                last = con.execute("select max(event_date) from events").fetchone()[0]
                if last is None:
                    raise UsageError(f"the database {args.db} has no events; run `trends ingest` first")
                start = end = parse_week(last)
            new_only = False
        scope = analysis_weekly(con, end=end, actors=args.actor, countries=args.country, all_series=args.all_series)
        for note in scope.notes:
            log.info("%s", note)
        weekly = scope.weekly
        last = con.execute("select max(event_date) from events").fetchone()[0]
        if start > monday(last):  # weeks nobody has recorded yet (a country whose data end earlier is a note)
            raise NothingMatched(
                f"no data in {week_label(start)} .. {week_label(end)} (--week, --from/--to): {events_span(con)}"
            )
        want = None
        if args.province:
            want = {p.casefold() for p in resolve_provinces(con, args.province, args.country)}
            if not weekly["province"].str.casefold().isin(want).any():
                explain_empty(con, args.actor, args.country, args.province)
        alerts = alerts_between(weekly, start, end, rules, min_level=args.min_level, new_only=new_only)
        alerts = drop_unmatched_expansions(con, alerts)
        if want is not None:
            alerts = alerts[alerts["province"].str.casefold().isin(want)].reset_index(drop=True)
        if not args.no_events:
            alerts = attach_events(con, alerts)
        if args.store:
            store_alerts(con, alerts, weeks=pd.date_range(start, end, freq="7D"))
    finally:
        con.close()
    log.info("%d alert(s) for %s .. %s", len(alerts), start, end)
    write_alerts(alerts, args, start, end)
    return 0


def write_alerts(alerts: pd.DataFrame, args, start, end) -> None:
    """Rows as the report's alerts.json / alerts.csv (same columns, weeks as labels), or the boxed table."""
    from ..report.content import alerts_csv_frame
    from ..report.publish import alerts_records
    from ..weeks import week_label
    from ._common import output, print_table

    targets = [(f, p) for f, p in (("json", args.json), ("csv", args.csv)) if p]  # the old flags
    if not targets:
        targets = [(args.format, args.out)]
    for fmt, path in targets:
        with output(path) as f:
            if fmt == "json":
                f.write(json.dumps(alerts_records(alerts), indent=1, ensure_ascii=False) + "\n")
            elif fmt == "csv":
                alerts_csv_frame(alerts).to_csv(f, index=False, lineterminator="\n")
            elif alerts.empty:
                print(f"no alerts for {week_label(start)} .. {week_label(end)}", file=f)
            else:
                t = alerts_csv_frame(alerts)[
                    [
                        "week",
                        "level",
                        "rule",
                        "actor",
                        "country",
                        "province",
                        "observed",
                        "expected",
                        "threshold",
                        "score",
                        "status",
                    ]
                ]
                print_table(t, f, footer=f"{len(t):,} alert(s), {week_label(start)} .. {week_label(end)}")
