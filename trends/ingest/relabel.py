"""Relabelling: re-resolve stored events' actors after aliases change (a correction of names, not a new version)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import store
from . import rows
from .keys import ensure_keys, record_hash_sql
from .names import Normaliser
from .readers.common import register_table


@dataclass
class RelabelResult:
    """What `relabel_actors` changed: events whose actor/family/matched changed, event_actors rows relabelled."""

    events: int = 0
    event_actors: int = 0
    new_series: int = 0


def relabel_actors(con) -> RelabelResult:
    """Re-resolve stored events' actors from `actor_raw` (and their groups' series) with the current registry.

    Run after adding aliases: events keep their id, batch, ingest time and version (no events_history row: a
    relabel corrects a name, it is not a new report of the event), so "as of" counts before the relabel also use the
    new names. record_hash is recomputed so re-ingesting the source file still counts its rows as unchanged.
    In event_actors, 'actor' rows follow the event; 'ally'/'counterpart' rows are re-resolved from their stored
    name (undated, as at ingest), so groups kept as written get their canonical name. A group that now appears
    twice for one event counts once (actor before ally before counterpart). One transaction: all or nothing.
    """
    names = Normaliser(con)
    res = RelabelResult()
    pairs = con.execute("select distinct actor_raw, event_date from events where actor_raw is not null").df()
    groups = con.execute("select distinct actor from event_groups where role <> 'actor'").df()
    with store.transaction(con):
        ensure_keys(con)  # the record hashes below are compared with those ingest computes
        con.execute(
            "create or replace temp table _relabel_ev (rid bigint, event_id varchar, name_id integer, "
            "groups boolean, actor varchar, family varchar, matched boolean)"
        ).fetchall()
        if len(pairs):
            register_table(
                con,
                "_relabel_map",
                _resolve_pairs(pairs, names),
                {
                    "actor_raw": "varchar",
                    "event_date": "date",
                    "actor": "varchar",
                    "family": "varchar",
                    "matched": "boolean",
                },
            )
            con.execute("""insert into _relabel_ev
                           select e.rowid, e.event_id, e.name_id, e.groups, m.actor, m.family, m.matched
                           from event_rows e join event_names n using (name_id) join _relabel_map m
                             on n.actor_raw = m.actor_raw and e.event_date = m.event_date
                           where n.actor is distinct from m.actor or n.actor_family is distinct from m.family
                              or n.actor_matched is distinct from m.matched""").fetchall()
            con.execute("drop table if exists _relabel_map").fetchall()
            res.events = con.execute("select count(*) from _relabel_ev").fetchall()[0][0]
        if res.events:
            res.new_series += _rename(con)
            res.event_actors += con.execute("""select count(*) from _relabel_ev r join event_names n using (name_id)
                                               where not r.groups and n.series_id is not null""").fetchall()[0][0]
        gm = pd.DataFrame({"old": groups["actor"].astype(object)})
        gm["actor"] = [names.resolve(v).actor for v in gm["old"]]
        gm["family"] = [names.resolve(v).family for v in gm["old"]]
        gm = gm[gm["actor"] != gm["old"]]
        register_table(con, "_relabel_groups", gm, {"old": "varchar", "actor": "varchar", "family": "varchar"})
        con.execute("""create or replace table _relabel_ea as
                       select a.rowid as rid, a.event_id, a.role, s.country, s.province, r.actor, r.family
                       from event_groups a join _relabel_ev r using (event_id) join series s using (series_id)
                       where a.role = 'actor'
                       union all
                       select a.rowid, a.event_id, a.role, s.country, s.province, g.actor, g.family
                       from event_groups a join _relabel_groups g on a.actor = g.old join series s using (series_id)
                       where a.role <> 'actor'""").fetchall()
        con.execute("drop table if exists _relabel_groups").fetchall()
        n_ea = con.execute("select count(*) from _relabel_ea").fetchall()[0][0]
        res.event_actors += n_ea
        if n_ea:
            res.new_series += _new_series(con, "select distinct actor, country, province from _relabel_ea")
            con.execute("""update event_groups set actor = x.actor, actor_family = x.family, series_id = s.series_id
                           from _relabel_ea x join series s using (actor, country, province)
                           where event_groups.rowid = x.rid""").fetchall()
            con.execute("""delete from event_groups where rowid in (
                             select rowid from (select rowid, row_number() over (
                                 partition by event_id, actor
                                 order by case role when 'actor' then 0 when 'ally' then 1 else 2 end) as k
                               from event_groups where event_id in (select event_id from _relabel_ea)) where k > 1)""").fetchall()
        con.execute("drop table if exists _relabel_ev").fetchall()
        con.execute("drop table if exists _relabel_ea").fetchall()
        if res.events or res.event_actors:
            from ..series_weeks import refresh_series_weeks

            refresh_series_weeks(con)  # series ids moved: rebuild the maintained weekly table (a relabel is rare)
    return res


def _new_series(con, keys: str) -> int:
    """Series for the (actor, country, province) keys of the query `keys` that have none yet; returns how many."""
    before = con.execute("select count(*) from series").fetchall()[0][0]
    con.execute(f"""insert into series (series_id, actor, country, province)
                    select (select coalesce(max(series_id), 0) from series)
                           + row_number() over (order by actor, country, province), actor, country, province
                    from ({keys} except select actor, country, province from series)""").fetchall()
    return con.execute("select count(*) from series").fetchall()[0][0] - before


def _rename(con) -> int:
    """Give the events of `_relabel_ev` their new actor names: in place in event_names when all the events of a
    name combination take the same new names and no other combination has them (the usual case: an update of a
    few rows, however many events), else by moving those events to the combination of their new names (created
    if missing). Keeps the primary actor's series in step (a new series when needed) and the record hashes.
    Returns the number of series created."""
    names = ", ".join(f"n.{c}" for c in rows.NAMES if c not in ("actor", "actor_family", "actor_matched"))
    con.execute(f"""create or replace temp table _relabel_nm as
                    select r.name_id, r.actor, r.family as actor_family, r.matched as actor_matched, {names},
                           n.series_id is not null as armed, count(*) as n_events
                    from _relabel_ev r join event_names n using (name_id) group by all""").fetchall()
    made = _new_series(
        con, "select distinct actor, country, coalesce(province, '') as province from _relabel_nm where armed"
    )
    plain = ", ".join(rows.NAMES)
    con.execute("""create or replace temp table _relabel_to as
                   select k.*, s.series_id from _relabel_nm k left join series s
                     on k.armed and s.actor = k.actor and s.country = k.country
                    and s.province = coalesce(k.province, '')""").fetchall()
    # in place: the combination's events all move, to names no other combination has or takes
    con.execute(f"""create or replace temp table _relabel_to as
                    select t.*,
                           count(*) over (partition by t.name_id) = 1
                           and t.n_events = (select count(*) from event_rows e where e.name_id = t.name_id)
                           and count(*) over (partition by {plain}, t.series_id) = 1
                           and not exists (select 1 from event_names x where {rows.same_names("x", "t")}) as in_place
                    from _relabel_to t""").fetchall()
    con.execute("""update event_names set actor = t.actor, actor_family = t.actor_family,
                          actor_matched = t.actor_matched, series_id = t.series_id
                   from _relabel_to t where t.in_place and event_names.name_id = t.name_id""").fetchall()
    con.execute(f"""insert into event_names (name_id, {plain}, series_id)
                    select (select coalesce(max(name_id), 0) from event_names)
                           + (row_number() over (order by actor, country, province, actor_raw))::integer, *
                    from (select distinct {plain}, series_id from _relabel_to where not in_place
                          except select {plain}, series_id from event_names)""").fetchall()
    con.execute(f"""update event_rows set name_id = x.new_id
                    from (select r.rid, n.name_id as new_id
                          from _relabel_ev r
                          join _relabel_to t on t.name_id = r.name_id and t.actor is not distinct from r.actor
                           and t.actor_family is not distinct from r.family
                           and t.actor_matched is not distinct from r.matched
                          join event_names n on {rows.same_names("n", "t")}
                          where not t.in_place) x
                    where event_rows.rowid = x.rid""").fetchall()
    con.execute("""delete from event_names where name_id in (select name_id from _relabel_to where not in_place)
                     and name_id not in (select distinct name_id from event_rows)""").fetchall()
    # the record hash covers the names (SET sees the old values of the row)
    con.execute(f"""update event_rows set record_hash = {record_hash_sql("event_rows.", names="n.")}
                    from event_names n
                    where n.name_id = event_rows.name_id and event_rows.rowid in (select rid from _relabel_ev)""").fetchall()
    # the events' new name_id, for the counts of the caller
    con.execute("""update _relabel_ev set name_id = e.name_id from event_rows e
                   where e.rowid = _relabel_ev.rid""").fetchall()
    for t in ("_relabel_nm", "_relabel_to"):
        con.execute(f"drop table if exists {t}").fetchall()
    return int(made)


def _resolve_pairs(pairs: pd.DataFrame, names: Normaliser) -> pd.DataFrame:
    """Canonical actor, family, matched per distinct (actor_raw, event_date): undated, except for names whose match
    depends on the date (rebrands with validity dates, found by probing their first and last event date)."""
    dates = pd.to_datetime(pairs["event_date"]).dt.date
    raw = pairs["actor_raw"].astype(object)
    span = pd.DataFrame({"n": raw, "d": dates}).groupby("n")["d"].agg(["min", "max"])
    sensitive = {
        n
        for n, lo, hi in span.itertuples()
        if {names.resolve(n, lo).actor, names.resolve(n, hi).actor} != {names.resolve(n).actor}
    }
    res = [names.resolve(n, d) if n in sensitive else names.resolve(n) for n, d in zip(raw, dates)]
    return pd.DataFrame(
        {
            "actor_raw": raw.tolist(),
            "event_date": dates.tolist(),
            "actor": [r.actor for r in res],
            "family": [r.family for r in res],
            "matched": [bool(r.matched) for r in res],
        }
    )
