-- The batch, checked and typed: one row per data row of `_ingest_canon`, good or not (trends.ingest.checks.stage).
-- Names are not columns of it: each row carries `_nk`, its combination of names in `_ingest_names`.
-- {{placeholders}} are filled by checks.stage: the check list (first failing check per row), the count and hash
-- column lists and the --date-format (the dataset is written by the merge). _field/_reason/_kind are null for a good row.
create or replace temp table _ingest_staged as
with c0 as (
    select c.*,
           _ingest_date(c.event_date, {fmt}) as _date,
           _ingest_date_precision(c.event_date, {fmt}) as _date_prec,
           _ingest_date(c.source_date, null) as _source_date,
           try_cast(c.latitude as double) as _n_latitude,
           try_cast(c.longitude as double) as _n_longitude,
           {numbers}
    from _ingest_canon c
),
c as (
    select *, _ingest_date_error(event_date, {fmt}, _date) as _date_err, {counts}
    from c0
),
n as (
    -- names resolved per combination of raw name values (_nk, trends.ingest.names); rows whose actor name can
    -- change with the date (a rebrand, _dated) are corrected per (name, date) afterwards (names.resolve_dated)
    select c.*,
           coalesce(nm.actor, c.actor) as _actor,
           nm.actor_family as _family,
           coalesce(nm.actor_matched, false) as _matched,
           coalesce(nm.dated, false) as _dated,
           coalesce(nm.country, c.country) as _country,
           nm.country_matched as _country_matched,
           nm.province as _province,
           nm.province_matched as _province_matched
    from c
    left join _ingest_names nm on nm._nk = c._nk
),
k as (
    -- the first check the row fails (its number in checks._checks), null for a good row
    select *, {check} as _check from n
),
f as (
    select _row,
           case when _check is not null then {field} end as _field,
           case when _check is not null then {reason} end as _reason,
           case when _check is not null then {kind} end as _kind,
           event_id,
           _date as event_date,
           -- never finer than the date text itself (2019-01 is a month, 2019 a year)
           ['day', 'week', 'month', 'year'][greatest(
               coalesce(list_position(['day', 'week', 'month', 'year'], lower(date_precision)), 1),
               list_position(['day', 'week', 'month', 'year'], _date_prec))] as date_precision,
           _actor as actor, actor as actor_raw, _family as actor_family, _matched as actor_matched,
           counterpart, _country as country, country as country_raw, _country_matched as country_matched,
           _province as province, province as province_raw, _province_matched as province_matched,
           location, _n_latitude as latitude, _n_longitude as longitude, event_type,
           {typed_counts},
           coalesce(lower(attribution), 'reported') as attribution, source, _source_date as source_date,
           source_url, _nk, _dated
    from k
)
-- the names are hashed here but not kept: a row's names are those of its _nk (trends.ingest.names, _ingest_names)
select * exclude (actor, actor_raw, actor_family, actor_matched, country, country_raw, country_matched, province,
                  province_raw, province_matched),
       {record_hash} as record_hash,
       {id_key} as id_key,
       case when event_id is null then md5(concat_ws('␟', {content}))[1:16] end as _content
from f;
