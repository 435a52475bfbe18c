-- weekly_counts: zero-filled weekly counts per series (actor, country, province).
-- Every week from the series' first week to the store's last week (the week of the latest event_date) is a row;
-- weeks without events have events = 0 and fatalities = 0.
-- week: Monday of the ISO week (date). events: number of distinct events. fatalities: sum of best estimates
-- (deaths; missing estimates count as 0).
create or replace view weekly_counts as
with counts as (
    select series_id, week, count(distinct event_id) as events, sum(coalesce(fatalities, 0)) as fatalities
    from event_series
    group by series_id, week
),
bounds as (
    select series_id, min(week) as first_week from counts group by series_id
),
last_week as (
    select date_trunc('week', max(event_date))::date as last_week from events
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
