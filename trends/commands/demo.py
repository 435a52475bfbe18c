"""Build a store from the UCDP sample shipped with trends and print the top rising series.

Ingests trends/data/ucdp_ged_jihadist_events.parquet (UCDP GED, CC BY 4.0; skipped when already in the store),
counts events per (actor, country, province) and ISO week, and ranks series by how far their last 8 weeks rise
above the 52 weeks before them (events per week), as of the latest week in the store.

Example:
  trends demo --db trends.duckdb --out reports/
  trends demo --top 20
"""
from __future__ import annotations


def add_arguments(parser) -> None:
    parser.add_argument("--out", metavar="DIR", default="reports/",
                        help="report folder (reserved: the first version prints to the terminal only)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="how many rising series to list (default 10)")
    parser.add_argument("--recent", type=int, default=8, metavar="WEEKS",
                        help="recent window in weeks, compared with the 52 weeks before it (default 8)")


def run(args) -> int:
    from .. import store
    from ..aggregate import weekly_counts
    from ..errors import UsageError
    from ..ingest import ingest_file, sample_path
    from ..report.content import movers
    import pandas as pd

    from ..weeks import week_label

    if args.top < 1 or args.recent < 1:
        raise UsageError("--top and --recent must be at least 1")
    con = store.connect(args.db)
    try:
        res = ingest_file(con, sample_path())
        print(res.summary() if not res.skipped else f"the shipped sample is already in {args.db} "
              f"(batch {res.batch_id})")
        weekly = weekly_counts(con)
    finally:
        con.close()
    week = weekly["week"].max()
    rising = movers(weekly, week, recent=args.recent, baseline=52)
    rising = rising[rising["direction"] == "rising"].head(args.top)
    print(f"\n{weekly['series_id'].nunique()} series, {int(weekly['events'].sum())} event-series counts; "
          f"latest week {week_label(week)}")
    if rising.empty:
        print(f"no series rose in the {args.recent} weeks to {week_label(week)}")
        return 0
    print(f"top rising series, {week_label(week - pd.Timedelta(weeks=args.recent - 1))} to "
          f"{week_label(week)} vs the 52 weeks before (events per week):")
    print(f"  {'actor':<28} {'country':<14} {'province':<20} {'before':>7} {'recent':>7} {'ratio':>6}")
    for r in rising.itertuples(index=False):
        print(f"  {r.actor[:28]:<28} {r.country[:14]:<14} {(r.province or '-')[:20]:<20} "
              f"{r.baseline_mean:7.2f} {r.recent_mean:7.2f} {r.ratio:6.1f}")
    return 0
