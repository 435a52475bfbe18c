-- Core event store. Applied once, recorded in schema_migrations. To change the schema add a new numbered file.

-- One row per ingested file (or in-memory frame). rows_read = rows_accepted + rows_rejected.
create table if not exists batches (
    batch_id      integer primary key,
    file          varchar,          -- path as given, or '<frame>'
    sha256        varchar,          -- of the file bytes; a file already ingested with the same hash is skipped
    format        varchar,          -- events | ucdp | acled | gtd | report
    dataset       varchar,
    rows_read     integer,
    rows_accepted integer,
    rows_rejected integer,
    rows_new      integer,          -- events not seen before
    rows_replaced integer,          -- events whose content changed; the old version goes to events_history
    rows_unchanged integer,
    started_at    timestamp,
    finished_at   timestamp
);

-- One row per event, latest version. event_id is stable: '<dataset>:<source id>' (e.g. 'ucdp:145561').
-- No primary key constraint: ingest enforces uniqueness (DuckDB checks keys eagerly on delete+insert).
create table if not exists events (
    event_id        varchar not null,
    event_date      date not null,         -- first day of the event (UCDP date_start)
    date_precision  varchar not null,      -- day | week | month | year
    actor           varchar not null,      -- canonical name (alias registry), or as written if unknown
    actor_raw       varchar,
    actor_family    varchar,               -- e.g. every Islamic State province -> 'Islamic State'
    actor_matched   boolean,               -- false: not in the alias registry (see `trends actors --unmatched`)
    counterpart     varchar,               -- the other side, as written (government, civilians, another group)
    country         varchar not null,
    province        varchar,               -- admin-1, canonical; null when unknown
    province_raw    varchar,
    province_matched boolean,
    location        varchar,
    latitude        double,
    longitude       double,
    event_type      varchar,
    fatalities      integer,               -- best estimate
    fatalities_low  integer,
    fatalities_high integer,
    wounded         integer,
    attribution     varchar,               -- claimed | reported | assessed | unverified | denied
    source          varchar,
    source_date     date,
    source_url      varchar,
    dataset         varchar not null,      -- ucdp | acled | gtd | events | report:<name>
    batch_id        integer not null,
    record_hash     varchar not null,      -- hash of the normalised content; same hash = same version
    ingested_at     timestamp not null
);

-- Earlier versions of events that a later batch replaced. valid_from/valid_to are ingest times, so counts
-- "as of" a past moment are events with ingested_at <= t plus history rows with valid_from <= t < valid_to.
create table if not exists events_history as select * from events where false;
alter table events_history add column if not exists valid_from timestamp;
alter table events_history add column if not exists valid_to timestamp;
alter table events_history add column if not exists replaced_by_batch integer;

-- Series identity: one integer id per (actor, country, province), assigned at ingest and never reused.
-- province is '' when the event has no known admin-1 (keys must be non-null to join).
create table if not exists series (
    series_id integer primary key,
    actor     varchar not null,
    country   varchar not null,
    province  varchar not null
);

-- Which series an event counts for. An event between two armed non-state groups (e.g. IS vs HTS) has one row
-- per group, so it counts once in each group's series; governments and civilians get no row.
-- role: 'actor' for the event's primary actor, 'counterpart' for an armed group on the other side,
-- 'ally' for another group on the actor's own side of a coalition.
create table if not exists event_actors (
    event_id     varchar not null,
    series_id    integer not null,
    actor        varchar not null,
    actor_family varchar,
    role         varchar not null
);

-- Every row read that did not become an event, with a reason a person can act on.
create table if not exists rejected_rows (
    batch_id   integer not null,
    file       varchar,
    row_number integer,               -- 1-based data row (header excluded)
    raw_record varchar,               -- the row as JSON
    field      varchar,
    reason     varchar not null
);

-- Actor alias registry: the shipped aliases are loaded at connect; users add their own with source = 'user'.
create table if not exists actor_aliases (
    alias        varchar not null,   -- as written
    alias_key    varchar not null,   -- normalised: casefolded, accents and punctuation stripped
    actor        varchar not null,   -- canonical name
    actor_family varchar not null,
    valid_from   date,               -- null = open; for rebrands (Jabhat al-Nusra -> Jabhat Fateh al-Sham -> HTS)
    valid_to     date,
    source       varchar not null default 'builtin'
);

-- Province gazetteer additions (variants beyond ISO 3166-2); same conventions as actor_aliases.
create table if not exists province_aliases (
    country    varchar not null,
    alias      varchar not null,
    alias_key  varchar not null,
    province   varchar not null,
    source     varchar not null default 'builtin'
);
