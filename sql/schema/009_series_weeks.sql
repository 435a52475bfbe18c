-- series_weeks: the weekly counts kept as a table, one row per non-empty (series, week, actor_family) cell.
-- Maintained per ingest batch inside its transaction (trends.series_weeks.refresh_series_weeks: only the
-- series-weeks the batch touched are recomputed); the views weekly_counts, weekly_country and weekly_family apply
-- the zero fill on read. This migration builds it once for a store ingested before it existed.
-- week: Monday (ISO) of event_date. events / fatalities: distinct events of the series in the week and the sum of
-- their best estimates (deaths, missing = 0). country_*: the same counted only on the event's first series
-- (lowest series_id), so summing over a country (or a province) counts an event once however many groups took
-- part; family_*: counted on the first series of the event within each actor_family, for the family roll-up.
-- actor_family: event_actors.actor_family of the rows (null = not in the alias registry).
create table if not exists series_weeks (
    series_id          integer not null,
    week               date not null,
    actor_family       varchar,
    events             bigint not null,
    fatalities         bigint not null,
    country_events     bigint not null,
    country_fatalities bigint not null,
    family_events      bigint not null,
    family_fatalities  bigint not null
);

insert into series_weeks
with r as (
    select ea.series_id, ea.actor_family, ea.event_id, date_trunc('week', e.event_date)::date as week,
           coalesce(e.fatalities, 0) as f,
           ea.series_id = min(ea.series_id) over (partition by ea.event_id) as c_first,
           ea.series_id = min(ea.series_id) over (partition by ea.event_id, ea.actor_family) as f_first
    from event_actors as ea join events as e on e.event_id = ea.event_id
)
select series_id, week, actor_family,
       count(distinct event_id), sum(f),
       count(distinct event_id) filter (where c_first), coalesce(sum(f) filter (where c_first), 0),
       count(distinct event_id) filter (where f_first), coalesce(sum(f) filter (where f_first), 0)
from r
group by series_id, week, actor_family
order by series_id, week;
