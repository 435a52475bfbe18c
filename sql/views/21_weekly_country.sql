-- weekly_country: zero-filled weekly counts per country, all actors together.
-- An event counts once per country even when several groups took part (series_weeks.country_events counts it on
-- its first series only).
-- week: Monday (ISO); rows from the country's first week to the store's last week; fatalities: sum of best
-- estimates per distinct event (deaths). Reads the maintained table series_weeks; the zero fill is applied here.
create or replace view weekly_country as
with counts as (
    select s.country, w.week, sum(w.country_events)::bigint as events, sum(w.country_fatalities)::bigint as fatalities
    from series_weeks as w join series as s on s.series_id = w.series_id
    where w.country_events > 0
    group by s.country, w.week
),
bounds as (
    select country, min(week) as first_week from counts group by country
),
calendar as (
    select unnest(generate_series((select min(week) from series_weeks),
                                  (select date_trunc('week', max(event_date))::date from event_rows),
                                  interval 7 day))::date as week
)
select
    b.country, cal.week,
    coalesce(c.events, 0)::bigint as events,
    coalesce(c.fatalities, 0)::bigint as fatalities
from bounds as b
join calendar as cal on cal.week >= b.first_week
left join counts as c on c.country = b.country and c.week = cal.week;
