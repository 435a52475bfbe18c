-- weekly_family: zero-filled weekly counts per (actor_family, country, province).
-- actor_family is the registry family ('Islamic State', 'al-Qaida', 'HTS/Nusra', 'Boko Haram (JAS)',
-- 'Taliban/TTP', 'other'), or '(unmatched)' for actors the alias registry does not know.
-- An event counts once per family even when two groups of one family took part (series_weeks.family_events
-- counts it on the family's first series in the event).
-- week: Monday (ISO); rows from the key's first week to the store's last week; fatalities: deaths, best estimate.
-- Reads the maintained table series_weeks; the zero fill is applied here.
create or replace view weekly_family as
with counts as (
    select coalesce(w.actor_family, '(unmatched)') as actor_family, s.country, s.province, w.week,
           sum(w.family_events)::bigint as events, sum(w.family_fatalities)::bigint as fatalities
    from series_weeks as w join series as s on s.series_id = w.series_id
    where w.family_events > 0
    group by all
),
bounds as (
    select actor_family, country, province, min(week) as first_week
    from counts
    group by actor_family, country, province
),
calendar as (
    select unnest(generate_series((select min(week) from series_weeks),
                                  (select date_trunc('week', max(event_date))::date from event_rows),
                                  interval 7 day))::date as week
)
select
    b.actor_family, b.country, b.province, cal.week,
    coalesce(c.events, 0)::bigint as events,
    coalesce(c.fatalities, 0)::bigint as fatalities
from bounds as b
join calendar as cal on cal.week >= b.first_week
left join counts as c
  on c.actor_family = b.actor_family and c.country = b.country and c.province = b.province and c.week = cal.week;
