"""List canonical actors with event counts, list unmatched raw names, or add an actor alias.

Actor names are normalised with the alias registry shipped in trends/data/actor_aliases.csv plus the user rows of
the store's actor_aliases table (user rows win). Names the registry does not know are kept as written and listed
by --unmatched with their event counts and first/last dates, so they can be added with --add.
--add also relabels the stored events (and their series) with the new alias, in the same transaction;
--renormalize re-resolves every stored event from actor_raw with the current registry (e.g. after upgrading
trends or editing the actor_aliases table by SQL). A relabel is not a new event version: no events_history row,
ids, batches and ingest times stay, so "as of" counts use the new names too.

Example:
  trends actors                          # canonical actors in the store, most events first
  trends actors --unmatched              # raw names that matched nothing
  trends actors --add "Wilayat Sina" --actor "IS Sinai" --family "Islamic State"
  trends actors --add "Nusra" --actor "Jabhat al-Nusra" --family HTS/Nusra --valid-to 2016-07-28
  trends actors --renormalize            # relabel stored events with the current alias registry
"""

from __future__ import annotations

from .. import store
from ..errors import UsageError


def add_arguments(parser) -> None:
    parser.add_argument(
        "--unmatched",
        action="store_true",
        help="list raw actor names in the store that matched no alias, with counts and first/last dates",
    )
    parser.add_argument("--add", metavar="ALIAS", help="add ALIAS as a name of --actor (needs --actor and --family)")
    parser.add_argument("--actor", metavar="NAME", help="canonical actor the alias stands for")
    parser.add_argument(
        "--family",
        metavar="FAMILY",
        help="actor family, e.g. 'Islamic State', 'al-Qaida', 'HTS/Nusra', 'Boko Haram (JAS)', 'Taliban/TTP', 'other'",
    )
    parser.add_argument("--valid-from", metavar="DATE", help="first day the alias means --actor (inclusive)")
    parser.add_argument("--valid-to", metavar="DATE", help="day from which it no longer does (exclusive)")
    parser.add_argument(
        "--renormalize",
        action="store_true",
        help="re-resolve actor, actor_family and actor_matched of every stored event (and its series "
        "rows) from actor_raw with the current aliases; prints how many changed",
    )
    parser.add_argument(
        "--format",
        default="table",
        choices=["table", "csv", "json"],
        help="table (default), csv or json, e.g. --format csv --out actors.csv",
    )
    parser.add_argument("--out", metavar="FILE", help="write the list to FILE instead of stdout, e.g. --out actors.csv")


def run(args) -> int:
    from ..aggregate import actor_summary, unmatched_actors
    from ..ingest import relabel_actors
    from ..normalize import add_actor_alias

    if args.add is not None or args.renormalize:
        if args.add is not None and (not args.actor or not args.family):
            raise UsageError("--add needs --actor NAME and --family FAMILY")
        con = store.connect(args.db)
        try:
            with store.transaction(con):
                if args.add is not None:
                    add_actor_alias(con, args.add, args.actor, args.family, args.valid_from, args.valid_to)
                res = relabel_actors(con)
        finally:
            con.close()
        if args.add is not None:
            print(f"added alias {args.add!r} -> {args.actor} ({args.family})")
        print(
            f"relabelled {res.events} stored events and {res.event_actors} series rows"
            + (f" ({res.new_series} new series)" if res.new_series else "")
        )
        return 0
    if args.actor or args.family or args.valid_from or args.valid_to:
        raise UsageError("--actor, --family, --valid-from and --valid-to are only used with --add ALIAS")
    con = store.connect(args.db, read_only=True)
    try:
        df = unmatched_actors(con) if args.unmatched else actor_summary(con)
    finally:
        con.close()
    for c in ("first", "last"):
        if c in df:
            df[c] = df[c].astype(str).str[:10]
    from ._common import output
    from .sql import write_rows

    with output(args.out) as f:
        write_rows(list(df.columns), list(df.itertuples(index=False, name=None)), args.format, f)
    return 0
