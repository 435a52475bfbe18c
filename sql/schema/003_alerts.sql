-- Resurgence alerts (trends.alert). One row per (series, rule, evaluated week) where a rule fired.
-- A re-run for a week replaces that week's rows in one transaction (trends.alert.store_alerts).
create table if not exists alerts (
    actor       varchar not null,
    country     varchar not null,
    province    varchar not null,          -- '' when unknown
    week        date not null,             -- Monday of the evaluated week
    rule        varchar not null,          -- seasonal | level_shift | expansion | surge
    level       varchar not null,          -- watch < warning < alert
    observed    double,                    -- events in the week (surge: in its 1- or 2-week window)
    expected    double,                    -- expectation built only from weeks before `week`
    threshold   double,                    -- count above which the rule fires at level 'watch'
    score       double,                    -- rule-specific strength (seasonal: (obs-exp)/(thr-exp); others: ratio)
    first_seen  date not null,             -- first week of this alert's episode (dedup / cooldown)
    last_seen   date not null,             -- latest week the rule fired in the episode, as of `week`
    status      varchar not null,          -- new | continuing
    detail      varchar,
    event_ids   varchar[],                 -- events behind the alert in `week` (null when not looked up)
    computed_at timestamp not null default current_timestamp
);
