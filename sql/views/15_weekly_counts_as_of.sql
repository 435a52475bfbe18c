-- weekly_counts_as_of(t): zero-filled weekly counts per series (actor, country, province) as the store stood at
-- ingest time t (timestamp), from event_series_as_of(t). This is the one place the SQL zero fill is written:
-- weekly_counts is weekly_counts_as_of(timestamp 'infinity').
-- Every week from the series' first week to the week of the latest event known at t is a row; weeks without
-- events have events = 0 and fatalities = 0.
-- week: Monday of the ISO week (date). events: number of distinct events. fatalities: sum of best estimates
-- (deaths; missing estimates count as 0).
-- Usage: select * from weekly_counts_as_of(timestamp '2024-05-01 00:00:00') where actor = 'Islamic State';
create or replace macro weekly_counts_as_of(t) as table
with es as (
    select * from event_series_as_of(t)
),
counts as (
    select series_id, week, count(distinct event_id) as events, sum(coalesce(fatalities, 0)) as fatalities
    from es
    group by series_id, week
),
bounds as (
    select series_id, min(week) as first_week from counts group by series_id
),
last_week as (  -- latest event known at t, whether or not it counts for a series (e.g. government-only events)
    select date_trunc('week', max(event_date))::date as last_week
    from (select event_date from event_rows where ingested_at <= t
          union all
          select event_date from events_history
          where coalesce(valid_from, timestamp '-infinity') <= t and t < valid_to)
),
grid as (
    select b.series_id, unnest(generate_series(b.first_week, l.last_week, interval 7 day))::date as week
    from bounds as b cross join last_week as l
)
select
    g.series_id, s.actor, s.country, s.province, g.week,
    coalesce(c.events, 0)::bigint as events,
    coalesce(c.fatalities, 0)::bigint as fatalities
from grid as g
join series as s on s.series_id = g.series_id
left join counts as c on c.series_id = g.series_id and c.week = g.week;
