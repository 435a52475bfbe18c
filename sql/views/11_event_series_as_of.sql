-- event_series_as_of(t): event_series as the store stood at ingest time t (timestamp): current versions ingested
-- at or before t, plus earlier versions from events_history that were valid at t (valid_from <= t < valid_to).
-- An earlier version counts for the series of its own primary actor (actor, country, province); event_actors
-- describes the current version only, so counterpart/ally rows of replaced versions are not reproduced.
-- Usage: select * from event_series_as_of(timestamp '2024-05-01 00:00:00');
create or replace macro event_series_as_of(t) as table
select
    ea.series_id, s.actor, s.country, s.province, ea.actor_family, ea.role,
    e.event_id, e.event_date, date_trunc('week', e.event_date)::date as week,
    e.date_precision, e.event_type, e.attribution, e.dataset, e.fatalities, e.batch_id, e.ingested_at
from event_actors as ea
join events as e on e.event_id = ea.event_id
join series as s on s.series_id = ea.series_id
where e.ingested_at <= t
  and not exists (select 1 from events_history as x                  -- a version valid at t is in history
                  where x.event_id = e.event_id
                    and coalesce(x.valid_from, timestamp '-infinity') <= t and t < x.valid_to)
union all
select
    s.series_id, s.actor, s.country, s.province, h.actor_family, 'actor' as role,
    h.event_id, h.event_date, date_trunc('week', h.event_date)::date as week,
    h.date_precision, h.event_type, h.attribution, h.dataset, h.fatalities, h.batch_id, h.ingested_at
from events_history as h
join series as s on s.actor = h.actor and s.country = h.country and s.province = coalesce(h.province, '')
where coalesce(h.valid_from, timestamp '-infinity') <= t and t < h.valid_to;
