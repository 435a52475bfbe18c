-- weekly_counts: zero-filled weekly counts per series (actor, country, province), latest version of every event.
-- Every week from the series' first week to the store's last week (the week of the latest event_date) is a row;
-- weeks without events have events = 0 and fatalities = 0.
-- week: Monday of the ISO week (date). events: number of distinct events. fatalities: sum of best estimates
-- (deaths; missing estimates count as 0).
-- Reads the maintained table series_weeks (non-empty weeks only, kept current by every ingest batch) and applies
-- the zero fill here, on read: the grid is series x a calendar of weeks, so a filter on actor/country/province
-- reaches the series scan and a filter on week reaches the calendar. Same rows as weekly_counts_as_of(infinity).
create or replace view weekly_counts as
with counts as (
    select series_id, week, sum(events)::bigint as events, sum(fatalities)::bigint as fatalities
    from series_weeks
    group by series_id, week
),
bounds as (
    select series_id, min(week) as first_week from series_weeks group by series_id
),
calendar as (
    select unnest(generate_series((select min(week) from series_weeks),
                                  (select date_trunc('week', max(event_date))::date from event_rows),
                                  interval 7 day))::date as week
)
select
    s.series_id, s.actor, s.country, s.province, cal.week,
    coalesce(c.events, 0)::bigint as events,
    coalesce(c.fatalities, 0)::bigint as fatalities
from series as s
join bounds as b on b.series_id = s.series_id
join calendar as cal on cal.week >= b.first_week
left join counts as c on c.series_id = s.series_id and c.week = cal.week;
