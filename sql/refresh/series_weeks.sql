-- Recompute the series_weeks cells listed in the temp table _series_weeks_touched(series_id, week): delete them,
-- then count them again from event_actors x events (see sql/schema/009_series_weeks.sql for the columns).
-- Run by trends.series_weeks.refresh_series_weeks inside the ingest batch's transaction. The "first series" of an
-- event is taken over all its event_actors rows, also those in cells not touched.
delete from series_weeks
using _series_weeks_touched as t
where series_weeks.series_id = t.series_id and series_weeks.week = t.week;

insert into series_weeks
with t as (
    select distinct series_id, week from _series_weeks_touched
),
r as (   -- the rows of the touched cells
    select ea.series_id, ea.actor_family, ea.event_id, date_trunc('week', e.event_date)::date as week,
           coalesce(e.fatalities, 0) as f
    from event_actors as ea
    join events as e on e.event_id = ea.event_id
    where ea.series_id in (select series_id from t)
      and e.event_date >= (select min(week) from t)
      and e.event_date < (select max(week) from t) + 7
),
rt as (
    select r.* from r semi join t on t.series_id = r.series_id and t.week = r.week
),
first_c as (   -- every event's first series, over all of its rows
    select ea.event_id, min(ea.series_id) as c_first
    from event_actors as ea where ea.event_id in (select event_id from rt)
    group by ea.event_id
),
first_f as (
    select ea.event_id, coalesce(ea.actor_family, '') as fam, min(ea.series_id) as f_first
    from event_actors as ea where ea.event_id in (select event_id from rt)
    group by ea.event_id, coalesce(ea.actor_family, '')
),
x as (
    select rt.*, rt.series_id = c.c_first as c_first, rt.series_id = ff.f_first as f_first
    from rt
    join first_c as c on c.event_id = rt.event_id
    join first_f as ff on ff.event_id = rt.event_id and ff.fam = coalesce(rt.actor_family, '')
)
select series_id, week, actor_family,
       count(distinct event_id), sum(f),
       count(distinct event_id) filter (where c_first), coalesce(sum(f) filter (where c_first), 0),
       count(distinct event_id) filter (where f_first), coalesce(sum(f) filter (where f_first), 0)
from x
group by series_id, week, actor_family;
