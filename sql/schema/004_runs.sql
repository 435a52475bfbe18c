-- Scheduled runs (`trends run`): one row per analysed week; re-running a week replaces its row in the same
-- transaction that replaces the week's alerts, so the row says which outputs are in the store.
create table if not exists runs (
    week            date not null,       -- Monday (ISO) of the analysed week
    run_at          timestamp not null,  -- local time the outputs were written
    config          varchar,             -- trends.toml path, null for built-in defaults
    trends_version  varchar,
    files_ingested  integer,             -- new inbox files ingested by this run
    files_skipped   integer,             -- inbox files already ingested (same SHA-256)
    series          integer,             -- series with any event up to the week
    alerts          integer,             -- alerts for the week (new + continuing)
    alerts_new      integer,
    report_dir      varchar,             -- <reports>/<week>
    seconds         double               -- wall time from start to the store step
);
