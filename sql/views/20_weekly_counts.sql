-- weekly_counts: zero-filled weekly counts per series (actor, country, province), latest version of every event.
-- Every week from the series' first week to the store's last week (the week of the latest event_date) is a row;
-- weeks without events have events = 0 and fatalities = 0.
-- week: Monday of the ISO week (date). events: number of distinct events. fatalities: sum of best estimates
-- (deaths; missing estimates count as 0). The fill itself is written once, in weekly_counts_as_of.
create or replace view weekly_counts as
select * from weekly_counts_as_of(timestamp 'infinity');
