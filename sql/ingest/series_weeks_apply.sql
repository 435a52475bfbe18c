-- Apply the batch's series_weeks contributions (_ingest_sw_delta, trends.ingest.merge) to the maintained table:
-- each touched cell (found in one scan; deleted by rowid) becomes its stored counts plus the contributions; cells left without events are dropped.
-- Delete and insert rather than update in place (DuckDB's commit sized scattered in-place updates as tens of MB
-- and checkpointed on every delta).
create or replace temp table _ingest_sw as
select d.series_id, d.week, d.actor_family,
       coalesce(w.events, 0) + d.events as events,
       coalesce(w.fatalities, 0) + d.fatalities as fatalities,
       coalesce(w.country_events, 0) + d.country_events as country_events,
       coalesce(w.country_fatalities, 0) + d.country_fatalities as country_fatalities,
       coalesce(w.family_events, 0) + d.family_events as family_events,
       coalesce(w.family_fatalities, 0) + d.family_fatalities as family_fatalities,
       w.rid
from (select series_id, week, actor_family, sum(events) as events, sum(fatalities) as fatalities,
             sum(country_events) as country_events, sum(country_fatalities) as country_fatalities,
             sum(family_events) as family_events, sum(family_fatalities) as family_fatalities
      from _ingest_sw_delta group by all) as d
left join (select rowid as rid, * from series_weeks) as w
  on w.series_id = d.series_id and w.week = d.week and w.actor_family is not distinct from d.actor_family;

delete from series_weeks where rowid in (select rid from _ingest_sw where rid is not null);

insert into series_weeks
select series_id, week, actor_family, events, fatalities, country_events, country_fatalities, family_events,
       family_fatalities
from _ingest_sw where events <> 0
order by series_id, week;

drop table if exists _ingest_sw;
