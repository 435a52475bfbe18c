-- event_series: one row per (event, series it counts for) -- events joined to event_actors and series.
-- An event between two armed groups (e.g. IS vs HTS) has one row per group, so it counts once in each group's
-- series; governments and civilians have no series. Latest version of each event only (see event_series_as_of).
-- week: Monday of the ISO week of event_date (an event spanning several days counts in its first week).
-- fatalities: best estimate, deaths (null when the source gives none); the full count goes to every series of
-- the event, so summing fatalities over series double-counts shared events.
-- Two branches: the stored rows of events with several armed groups (event_groups), and every other event in the
-- series its names imply (sql/views/05_events.sql, event_actors).
create or replace view event_series as
select
    g.series_id,
    s.actor,                                        -- canonical actor of this series (not the event's primary actor)
    s.country,
    s.province,                                     -- '' when the event has no known admin-1
    g.actor_family,
    g.role,                                         -- actor | counterpart | ally
    e.event_id,
    e.event_date,
    date_trunc('week', e.event_date)::date as week, -- Monday (ISO); date_trunc returns timestamp without the cast
    e.date_precision,
    e.event_type,
    e.attribution,
    e.dataset,
    e.fatalities,
    e.batch_id,
    e.ingested_at
from event_groups as g
join event_rows as e on e.event_id = g.event_id
join series as s on s.series_id = g.series_id
union all
select
    n.series_id, s.actor, s.country, s.province, n.actor_family, 'actor' as role, e.event_id, e.event_date,
    date_trunc('week', e.event_date)::date as week, e.date_precision, e.event_type, e.attribution, e.dataset,
    e.fatalities, e.batch_id, e.ingested_at
from event_rows as e
join event_names as n on n.name_id = e.name_id
join series as s on s.series_id = n.series_id
where not e.groups;
