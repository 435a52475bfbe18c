-- Names stored once per name combination; `events` and `event_actors` become views (sql/views/05_events.sql)
-- with exactly their former columns, so every query on them keeps working (writes go to the tables below).
--
-- event_names  one row per distinct combination of an event's names (actor, actor_raw, actor_family,
--              actor_matched, country, country_matched, province, province_raw, province_matched) and the series of
--              its primary actor (series_id: the (actor, country, province) series when the actor is an armed
--              group, else null). A few thousand rows for millions of events; a relabel updates it.
-- event_rows   the events' own columns and the name_id of their names (was the wide `events` table). groups:
--              true when the event's event_actors rows are stored in event_groups (an event with allies or armed
--              groups on the other side); false when they follow from its names (one 'actor' row in the names'
--              series_id, or none when that is null), which is nearly every event and stores no row at all.
-- event_groups the event_actors rows of the events with groups = true (former event_actors table, same columns).
-- This migration converts an existing store without losing a row: every event keeps its columns, and an event
-- keeps its stored event_actors rows unless they are exactly the one row its names imply.
create table event_names (
    name_id          integer not null,
    actor            varchar not null,
    actor_raw        varchar,
    actor_family     varchar,
    actor_matched    boolean,
    country          varchar not null,
    country_matched  boolean,
    province         varchar,
    province_raw     varchar,
    province_matched boolean,
    series_id        integer
);

-- each stored event's names, and its event_actors rows summed up (the values of its one 'actor' row, if any)
create temp table _m011_ev as
select e.rowid as rid, e.actor, e.actor_raw, e.actor_family, e.actor_matched, e.country, e.country_matched,
       e.province, e.province_raw, e.province_matched, a.n_rows, a.a_series, a.a_actor, a.a_family
from events as e
left join (select event_id, count(*) as n_rows,
                  max(series_id) filter (where role = 'actor') as a_series,
                  max(actor) filter (where role = 'actor') as a_actor,
                  max(actor_family) filter (where role = 'actor') as a_family
           from event_actors group by event_id) as a on a.event_id = e.event_id;

-- the series a name combination implies: that of the 'actor' row of one of its events, when that series is the
-- combination's own (actor, country, province)
insert into event_names
select (row_number() over (order by actor, country, province, actor_raw, province_raw))::integer, *
from (
    select v.actor, v.actor_raw, v.actor_family, v.actor_matched, v.country, v.country_matched, v.province,
           v.province_raw, v.province_matched, min(s.series_id) as series_id
    from _m011_ev as v
    left join series as s
      on s.series_id = v.a_series and s.actor = v.actor and s.country = v.country
     and s.province = coalesce(v.province, '')
    group by all
);

create table event_rows (
    event_id        varchar not null,
    event_date      date not null,
    date_precision  varchar not null,
    name_id         integer not null,
    counterpart     varchar,
    location        varchar,
    latitude        double,
    longitude       double,
    event_type      varchar,
    fatalities      integer,
    fatalities_low  integer,
    fatalities_high integer,
    wounded         integer,
    attribution     varchar,
    source          varchar,
    source_date     date,
    source_url      varchar,
    dataset         varchar not null,
    batch_id        integer not null,
    record_hash     ubigint not null,
    ingested_at     timestamp not null,
    id_key          ubigint,
    groups          boolean not null
);

insert into event_rows
select e.event_id, e.event_date, e.date_precision, n.name_id, e.counterpart, e.location, e.latitude, e.longitude,
       e.event_type, e.fatalities, e.fatalities_low, e.fatalities_high, e.wounded, e.attribution, e.source,
       e.source_date, e.source_url, e.dataset, e.batch_id, e.record_hash, e.ingested_at, e.id_key,
       -- false: its rows are exactly what its names imply (one 'actor' row in their series, or none)
       not coalesce(case when n.series_id is null then v.n_rows is null
                         else v.n_rows = 1 and v.a_series = n.series_id and v.a_actor = n.actor
                              and v.a_family is not distinct from n.actor_family end, false)
from events as e
join _m011_ev as v on v.rid = e.rowid
join event_names as n
  on n.actor is not distinct from e.actor and n.actor_raw is not distinct from e.actor_raw
 and n.actor_family is not distinct from e.actor_family and n.actor_matched is not distinct from e.actor_matched
 and n.country is not distinct from e.country and n.country_matched is not distinct from e.country_matched
 and n.province is not distinct from e.province and n.province_raw is not distinct from e.province_raw
 and n.province_matched is not distinct from e.province_matched
order by e.rowid;

create table event_groups (
    event_id     varchar not null,
    series_id    integer not null,
    actor        varchar not null,
    actor_family varchar,
    role         varchar not null,
    id_key       ubigint
);
insert into event_groups
select event_id, series_id, actor, actor_family, role, id_key from event_actors
where event_id in (select event_id from event_rows where groups);

drop table _m011_ev;
drop view if exists event_series;
drop table event_actors;
drop table events;
