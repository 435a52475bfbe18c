-- weekly_counts_as_of(t): weekly_counts as they stood at ingest time t (timestamp), from event_series_as_of(t).
-- Zero-filled per series from its first week to the last week of the events known at t.
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
last_week as (
    select max(week) as last_week from es
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
