-- Whether an event's country is one the gazetteer knows (false: kept as written, e.g. 'Atlantis' or 'Irak';
-- listed by `trends places --unmatched` and kept out of expansion alerts). Null for events stored before this.
alter table events add column if not exists country_matched boolean;
alter table events_history add column if not exists country_matched boolean;
