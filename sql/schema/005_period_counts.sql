-- Counts over a period stated in report prose ("attacked SDF forces 17 times between September 6 and 13").
-- Kept apart from `events` on purpose: they are never expanded into events, so nothing is counted twice when the
-- same report also describes some of those attacks one by one (those are in `events`). Written by
-- trends.extract.store_period_counts when a report is ingested; a report ingested again replaces its rows.
create table if not exists period_counts (
    period_id         varchar not null,   -- 'period:<report>:<hash of the sentence>', stable across re-extraction
    report            varchar not null,   -- report name (file stem); also in events.source of its events
    file              varchar,            -- path as given to ingest
    batch_id          integer,            -- the ingest batch of the report's events (batches.batch_id)
    actor             varchar not null,   -- canonical name, 'unknown' when the sentence names no group
    counterpart       varchar,            -- target as written ('SDF', 'army', 'civilians'), null when unstated
    country           varchar,
    province          varchar,            -- canonical admin-1 when the sentence names exactly one, else null
    period_start      date not null,
    period_end        date not null,      -- inclusive
    n_events          integer not null,
    event_type        varchar,            -- null for generic 'attacks'
    evidence_sentence varchar not null,   -- the sentence, quoted exactly from the report text
    evidence_start    integer not null,   -- character offsets into the report text as read (HTML: after markup)
    evidence_end      integer not null,
    source            varchar,            -- '<report> [footnote]' when the sentence carries a footnote marker
    stored_at         timestamp not null default current_timestamp
);
