-- events: one row per event, latest version, with exactly the columns of the former `events` table (001_core.sql,
-- 008, 010): its own columns from event_rows, its names from event_names (stored once per name combination,
-- sql/schema/011_event_names.sql). Read it as before; ingest writes the tables.
create or replace view events as
select e.event_id, e.event_date, e.date_precision, n.actor, n.actor_raw, n.actor_family, n.actor_matched,
       e.counterpart, n.country, n.province, n.province_raw, n.province_matched, e.location, e.latitude,
       e.longitude, e.event_type, e.fatalities, e.fatalities_low, e.fatalities_high, e.wounded, e.attribution,
       e.source, e.source_date, e.source_url, e.dataset, e.batch_id, e.record_hash, e.ingested_at,
       n.country_matched, e.id_key
from event_rows as e
join event_names as n on n.name_id = e.name_id;
