"""Hand-written rows for tests: `events` is a view since sql/schema/011_event_names.sql, so tests that wrote
`insert into events (...)` write through trends.ingest.rows.store_events (their event_actors rows go to
event_groups: every event written here has groups = true)."""

from trends.ingest.rows import store_events


def insert_events(con, sql: str, params=None, *, many: bool = False) -> None:
    """Run `sql`, an `insert into events (...) ...` statement (with `many`, once per row of `params`), against a
    scratch table shaped like `events`, then store its rows (event_rows, event_names)."""
    con.execute("create or replace temp table _hand_events as select * from events limit 0")
    sql = sql.replace("insert into events", "insert into _hand_events", 1)
    if many:
        con.executemany(sql, params)
    else:
        con.execute(sql, params)
    store_events(con, "_hand_events")
    con.execute("drop table _hand_events")
