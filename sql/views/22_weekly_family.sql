-- weekly_family: zero-filled weekly counts per (actor_family, country, province).
-- actor_family is the registry family ('Islamic State', 'al-Qaida', 'HTS/Nusra', 'Boko Haram (JAS)',
-- 'Taliban/TTP', 'other'), or '(unmatched)' for actors the alias registry does not know.
-- An event counts once per family even when two groups of one family took part (distinct event_id).
-- week: Monday (ISO); rows from the key's first week to the store's last week; fatalities: deaths, best estimate.
create or replace view weekly_family as
with per_event as (
    select distinct coalesce(actor_family, '(unmatched)') as actor_family, country, province, week, event_id,
           coalesce(fatalities, 0) as fatalities
    from event_series
),
counts as (
    select actor_family, country, province, week, count(*) as events, sum(fatalities) as fatalities
    from per_event
    group by actor_family, country, province, week
),
bounds as (
    select actor_family, country, province, min(week) as first_week
    from counts
    group by actor_family, country, province
),
last_week as (
    select date_trunc('week', max(event_date))::date as last_week from events
),
grid as (
    select b.actor_family, b.country, b.province,
           unnest(generate_series(b.first_week, l.last_week, interval 7 day))::date as week
    from bounds as b cross join last_week as l
)
select
    g.actor_family, g.country, g.province, g.week,
    coalesce(c.events, 0)::bigint as events,
    coalesce(c.fatalities, 0)::bigint as fatalities
from grid as g
left join counts as c
  on c.actor_family = g.actor_family and c.country = g.country and c.province = g.province and c.week = g.week;
