"""Relabelling: re-resolve stored events' actors after aliases change (a correction of names, not a new version)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import store
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
    groups = con.execute("select distinct actor from event_actors where role <> 'actor'").df()
    with store.transaction(con):
        ensure_keys(con)  # the record hashes below are compared with those ingest computes
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
            con.execute("""create or replace table _relabel_ev as
                           select e.event_id, m.actor, m.family, m.matched from events e join _relabel_map m
                             on e.actor_raw = m.actor_raw and e.event_date = m.event_date
                           where e.actor is distinct from m.actor or e.actor_family is distinct from m.family
                              or e.actor_matched is distinct from m.matched""").fetchall()
            con.execute("drop table if exists _relabel_map").fetchall()
            res.events = con.execute("select count(*) from _relabel_ev").fetchall()[0][0]
        else:
            con.execute(
                "create or replace table _relabel_ev (event_id varchar, actor varchar, family varchar, matched boolean)"
            ).fetchall()
        if res.events:
            con.execute("""update events set actor = r.actor, actor_family = r.family, actor_matched = r.matched
                           from _relabel_ev r where events.event_id = r.event_id""").fetchall()
            con.execute(f"""update events set record_hash = h.record_hash
                            from (select e.event_id, {record_hash_sql("e.")} as record_hash
                                  from events e semi join _relabel_ev r using (event_id)) h
                            where events.event_id = h.event_id""").fetchall()
        gm = pd.DataFrame({"old": groups["actor"].astype(object)})
        gm["actor"] = [names.resolve(v).actor for v in gm["old"]]
        gm["family"] = [names.resolve(v).family for v in gm["old"]]
        gm = gm[gm["actor"] != gm["old"]]
        register_table(con, "_relabel_groups", gm, {"old": "varchar", "actor": "varchar", "family": "varchar"})
        con.execute("""create or replace table _relabel_ea as
                       select a.rowid as rid, a.event_id, a.role, s.country, s.province, r.actor, r.family
                       from event_actors a join _relabel_ev r using (event_id) join series s using (series_id)
                       where a.role = 'actor'
                       union all
                       select a.rowid, a.event_id, a.role, s.country, s.province, g.actor, g.family
                       from event_actors a join _relabel_groups g on a.actor = g.old join series s using (series_id)
                       where a.role <> 'actor'""").fetchall()
        con.execute("drop table if exists _relabel_groups").fetchall()
        res.event_actors = con.execute("select count(*) from _relabel_ea").fetchall()[0][0]
        if res.event_actors:
            before = con.execute("select count(*) from series").fetchall()[0][0]
            con.execute("""insert into series (series_id, actor, country, province)
                           select (select coalesce(max(series_id), 0) from series)
                                  + row_number() over (order by actor, country, province), actor, country, province
                           from (select distinct actor, country, province from _relabel_ea
                                 except select actor, country, province from series)""").fetchall()
            res.new_series = con.execute("select count(*) from series").fetchall()[0][0] - before
            con.execute("""update event_actors set actor = x.actor, actor_family = x.family, series_id = s.series_id
                           from _relabel_ea x join series s using (actor, country, province)
                           where event_actors.rowid = x.rid""").fetchall()
            con.execute("""delete from event_actors where rowid in (
                             select rowid from (select rowid, row_number() over (
                                 partition by event_id, actor
                                 order by case role when 'actor' then 0 when 'ally' then 1 else 2 end) as k
                               from event_actors where event_id in (select event_id from _relabel_ea)) where k > 1)""").fetchall()
        con.execute("drop table if exists _relabel_ev").fetchall()
        con.execute("drop table if exists _relabel_ea").fetchall()
        if res.events or res.event_actors:
            from ..series_weeks import refresh_series_weeks

            refresh_series_weeks(con)  # series ids moved: rebuild the maintained weekly table (a relabel is rare)
    return res


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
