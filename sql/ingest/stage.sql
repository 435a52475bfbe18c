-- The batch, checked and typed: one row per data row of `_ingest_canon`, good or not (trends.ingest.checks.stage).
-- Names are not columns of it: each row carries `_nk`, its combination of names in `_ingest_names`.
-- {{placeholders}} are filled by checks.stage: the values parsed from the text (or taken as they are from a typed
-- column), the check list (first failing check per row) and the hash column lists (the dataset is written by the
-- merge). _field/_reason/_kind are null for a good row.
create or replace temp table _ingest_staged as
with c0 as (
    select c.*, {parsed}
    from _ingest_canon c
),
c1 as (
    -- a name resolved by date (trends.ingest.names._dated_variants): the interval its date falls in
    select *, case when _date_breaks is not null and _date is not null
                   then 1 + len(list_filter(_date_breaks, lambda b: b <= _date)) end as _interval
    from c0
),
c as (
    -- the row's name combination (_nk, trends.ingest.names) and the hash of its names, for the record hash: the
    -- names themselves are not read per row
    select * replace (coalesce(_date_nks[_interval], _nk) as _nk,
                      coalesce(_date_hashes[_interval], _names_hash) as _names_hash),
           {date_err} as _date_err, {counts}
    from c1
),
k as (
    -- the first check the row fails (its number in checks._checks), null for a good row
    select *, {check} as _check from c
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
           counterpart, location, _n_latitude as latitude, _n_longitude as longitude, event_type,
           {typed_counts},
           coalesce(lower(attribution), 'reported') as attribution, source, _source_date as source_date,
           source_url, _nk, _names_hash,
           -- raw names, for the id of a row without event_id (checks.CONTENT)
           actor as actor_raw, country as country_raw, province as province_raw
    from k
)
-- a row's names are those of its _nk (trends.ingest.names, _ingest_names): hashed once per combination
select * exclude (_names_hash, actor_raw, country_raw, province_raw),
       {record_hash} as record_hash,
       {id_key} as id_key,
       case when event_id is null then md5(concat_ws('␟', {content}))[1:16] end as _content
from f;
