-- event_series: one row per (event, series it counts for) -- events joined to event_actors and series.
-- An event between two armed groups (e.g. IS vs HTS) has one row per group, so it counts once in each group's
-- series; governments and civilians have no series. Latest version of each event only (see event_series_as_of).
-- week: Monday of the ISO week of event_date (an event spanning several days counts in its first week).
-- fatalities: best estimate, deaths (null when the source gives none); the full count goes to every series of
-- the event, so summing fatalities over series double-counts shared events.
create or replace view event_series as
select
    ea.series_id,
    s.actor,                                        -- canonical actor of this series (not the event's primary actor)
    s.country,
    s.province,                                     -- '' when the event has no known admin-1
    ea.actor_family,
    ea.role,                                        -- actor | counterpart | ally
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
from event_actors as ea
join events as e on e.event_id = ea.event_id
join series as s on s.series_id = ea.series_id;
