-- The series_weeks counts of a set of event_actors rows, added to _ingest_sw_delta times {sign} (-1 for the
-- versions a batch replaced or retired, +1 for the rows it wrote); trends.ingest.merge. {rows} has event_id,
-- series_id, actor_family, event_date, fatalities and `multi` (the event may have more than one row), and holds
-- every row of each of its events, so an event's "first series" (sql/schema/009_series_weeks.sql) is found in it.
-- Rows of single-row events are their event's first series; only `multi` rows are grouped by event.
insert into _ingest_sw_delta
with m as (
    select event_id, min(series_id) as c1 from {rows} where multi group by event_id
),
mf as (
    select event_id, coalesce(actor_family, '') as fam, min(series_id) as f1 from {rows} where multi group by 1, 2
),
x as (
    select series_id, event_date, actor_family, coalesce(fatalities, 0) as f, true as c_first, true as f_first
    from {rows} where not multi
    union all
    select r.series_id, r.event_date, r.actor_family, coalesce(r.fatalities, 0), r.series_id = m.c1,
           r.series_id = mf.f1
    from {rows} as r
    join m on m.event_id = r.event_id
    join mf on mf.event_id = r.event_id and mf.fam = coalesce(r.actor_family, '')
    where r.multi
)
select series_id, date_trunc('week', event_date)::date as week, actor_family,
       {sign} * count(*), {sign} * sum(f),
       {sign} * count(*) filter (where c_first), {sign} * coalesce(sum(f) filter (where c_first), 0),
       {sign} * count(*) filter (where f_first), {sign} * coalesce(sum(f) filter (where f_first), 0)
from x
group by all;
