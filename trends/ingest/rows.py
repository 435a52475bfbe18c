"""Rows: the written events of a merge as the store keeps them (sql/schema/011_event_names.sql).

An event is one row of `event_rows` (its own columns and the `name_id` of its names); its names are stored once
per name combination in `event_names`, with the series of its primary actor; its `event_actors` rows are stored
(`event_groups`) only when it has allies or armed groups on the other side. Everything about names is decided per
name combination of the batch (`_nk`, trends.ingest.names: a few thousand), never per row: `name_map` creates the
new series and names and maps each `_nk` to its name_id, series and whether its events have groups.
"""

from __future__ import annotations

from .keys import NAME_COLUMNS

#: the columns of event_names that identify a name combination (with series_id)
NAMES = [*NAME_COLUMNS[:5], "country_matched", *NAME_COLUMNS[5:]]
#: the columns of `event_rows`, in table order
ROW_COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "name_id",
    "counterpart",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "wounded",
    "attribution",
    "source",
    "source_date",
    "source_url",
    "dataset",
    "batch_id",
    "record_hash",
    "ingested_at",
    "id_key",
    "groups",
]
#: the columns of the `events` view, in order (sql/views/05_events.sql); names come from event_names
EVENT_COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "actor",
    "actor_raw",
    "actor_family",
    "actor_matched",
    "counterpart",
    "country",
    "province",
    "province_raw",
    "province_matched",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "wounded",
    "attribution",
    "source",
    "source_date",
    "source_url",
    "dataset",
    "batch_id",
    "record_hash",
    "ingested_at",
    "country_matched",
    "id_key",
]


def row_select(alias: str, **exprs: str) -> str:
    """The select list of an `event_rows` insert, in ROW_COLUMNS order: each column from `alias`, except those
    given as SQL expressions in `exprs` (name_id, groups, the batch's constants)."""
    return ", ".join(exprs.get(c, f"{alias}.{c}") for c in ROW_COLUMNS)


def events_select(e: str = "e", n: str = "n") -> str:
    """The `events` columns from event_rows `e` joined with event_names `n` (for events_history rows)."""
    return ", ".join(f"{n if c in NAMES else e}.{c}" for c in EVENT_COLUMNS)


def same_names(a: str, b: str) -> str:
    """SQL: the name combinations `a` and `b` (aliases) are the same (nulls equal), series included."""
    return " and ".join(f"{a}.{c} is not distinct from {b}.{c}" for c in [*NAMES, "series_id"])


def name_map(con) -> None:
    """`_ingest_nk_map` (_nk, name_id, series_id, actor_family, multi) for the name combinations of the batch's
    good rows (`_ingest_nk_rows`), and `_ingest_nk_groups` (_nk, series_id, actor, actor_family, role): the
    event_actors rows of a combination with groups. New series (next integer ids, never reused) and new
    event_names rows are created here, in the merge's transaction."""
    cols = ", ".join(f"n.{c}" for c in NAMES)
    con.execute(f"""create or replace temp table _ingest_nk_names as
                    select n._nk, {cols}, n.armed, n.allies, n.counterpart_groups,
                           n.allies is not null or n.counterpart_groups is not null as multi
                    from _ingest_names n where n._nk in (select _nk from _ingest_nk_rows)""").fetchall()
    # the armed groups of each combination beside its actor: allies, then groups on the other side; a group on
    # both sides counts once, the actor itself not again
    con.execute("""create or replace temp table _ingest_nk_grp as
        with g as (
            select _nk, actor as event_actor, armed, country, coalesce(province, '') as province,
                   unnest(allies) as raw, 1 as rank
            from _ingest_nk_names where allies is not null
            union all
            select _nk, actor, armed, country, coalesce(province, ''), unnest(counterpart_groups), 2
            from _ingest_nk_names where counterpart_groups is not null)
        select g._nk, m.actor, m.family as actor_family, case g.rank when 1 then 'ally' else 'counterpart' end as role,
               g.country, g.province, g.rank
        from g join _ingest_group m on m.raw = g.raw
        where not (g.armed and m.actor = g.event_actor)
        qualify row_number() over (partition by g._nk, m.actor order by g.rank) = 1""").fetchall()
    con.execute("""insert into series (series_id, actor, country, province)
                   select (select coalesce(max(series_id), 0) from series)
                          + row_number() over (order by actor, country, province), actor, country, province
                   from (select distinct actor, country, coalesce(province, '') as province from _ingest_nk_names
                         where armed
                         union select distinct actor, country, province from _ingest_nk_grp
                         except select actor, country, province from series)""").fetchall()
    con.execute("""create or replace temp table _ingest_nk_names2 as
                   select k.*, s.series_id from _ingest_nk_names k
                   left join series s on k.armed and s.actor = k.actor and s.country = k.country
                                     and s.province = coalesce(k.province, '')""").fetchall()
    plain = ", ".join(NAMES)
    con.execute(f"""insert into event_names (name_id, {plain}, series_id)
                    select (select coalesce(max(name_id), 0) from event_names)
                           + (row_number() over (order by actor, country, province, actor_raw))::integer, *
                    from (select distinct {plain}, series_id from _ingest_nk_names2
                          except select {plain}, series_id from event_names)""").fetchall()
    con.execute(f"""create or replace temp table _ingest_nk_map as
                    select k._nk, n.name_id, k.series_id, k.actor_family, k.multi
                    from _ingest_nk_names2 k join event_names n on {same_names("k", "n")}""").fetchall()
    con.execute("""create or replace temp table _ingest_nk_groups as
                   select _nk, series_id, actor, actor_family, 'actor' as role, 0 as rank
                   from _ingest_nk_names2 where multi and series_id is not null
                   union all
                   select g._nk, s.series_id, g.actor, g.actor_family, g.role, g.rank
                   from _ingest_nk_grp g join series s using (actor, country, province)
                   where g._nk in (select _nk from _ingest_nk_names2 where multi)""").fetchall()
    for t in ("_ingest_nk_names", "_ingest_nk_names2", "_ingest_nk_grp"):
        con.execute(f"drop table if exists {t}").fetchall()


def insert_rows(con, written: str, bid: int, now, dataset: str) -> None:
    """The written rows into event_rows, each with the name_id of its combination. The batch's constants
    (dataset, batch_id, ingested_at) are parameters, not staged columns: a constant costs nothing to read."""
    sel = row_select(
        "s",
        name_id="m.name_id",
        dataset="?::varchar",
        batch_id="?::integer",
        ingested_at="?::timestamp",
        groups="m.multi",
    )
    con.execute(
        f"insert into event_rows ({', '.join(ROW_COLUMNS)}) select {sel} from {written} s "
        "join _ingest_nk_map m using (_nk)",
        [dataset, bid, now],
    ).fetchall()


#: the series_weeks cells of the written events without groups (one implicit event_actors row each): counted per
#: (combination, week) first, then mapped to the combination's series
SINGLE_CELLS = """
    select m.series_id, c.week, m.actor_family, sum(c.n)::bigint as ev, sum(c.f)::bigint as fat, ev, fat, ev, fat
    from (select _nk, date_trunc('week', event_date)::date as week, count(*) as n,
                 coalesce(sum(fatalities), 0) as f
          from {written} group by all) c
    join _ingest_nk_map m using (_nk)
    where not m.multi and m.series_id is not null
    group by all"""


def store_events(con, relation: str) -> int:
    """Write rows shaped like `events` (a table or view with every column of the `events` view) into event_rows
    and event_names, for code and tests that write events themselves (ingest has its own path). Their
    event_actors rows are the caller's to write, into `event_groups` (each event here has groups = true). Returns
    the number of rows written."""
    plain = ", ".join(NAMES)
    con.execute(f"""insert into event_names (name_id, {plain}, series_id)
                    select (select coalesce(max(name_id), 0) from event_names)
                           + (row_number() over (order by actor, country, province, actor_raw))::integer, *
                    from (select distinct {plain}, null::integer from {relation}
                          except select {plain}, series_id from event_names)""").fetchall()
    sel = row_select("r", name_id="n.name_id", groups="true")
    n = con.execute(f"""insert into event_rows ({", ".join(ROW_COLUMNS)})
                        select {sel} from {relation} r join event_names n
                          on {" and ".join(f"n.{c} is not distinct from r.{c}" for c in NAMES)} and n.series_id is null
                    """).fetchall()
    return int(n[0][0]) if n else 0
