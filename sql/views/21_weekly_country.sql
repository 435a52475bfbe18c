-- weekly_country: zero-filled weekly counts per country, all actors together.
-- An event counts once per country even when several groups took part (distinct event_id).
-- week: Monday (ISO); rows from the country's first week to the store's last week; fatalities: sum of best
-- estimates per distinct event (deaths).
create or replace view weekly_country as
with per_event as (
    select distinct country, week, event_id, coalesce(fatalities, 0) as fatalities from event_series
),
counts as (
    select country, week, count(*) as events, sum(fatalities) as fatalities from per_event group by country, week
),
bounds as (
    select country, min(week) as first_week from counts group by country
),
last_week as (
    select date_trunc('week', max(event_date))::date as last_week from events
),
grid as (
    select b.country, unnest(generate_series(b.first_week, l.last_week, interval 7 day))::date as week
    from bounds as b cross join last_week as l
)
select
    g.country, g.week,
    coalesce(c.events, 0)::bigint as events,
    coalesce(c.fatalities, 0)::bigint as fatalities
from grid as g
left join counts as c on c.country = g.country and c.week = g.week;
