"""Alerts in the store: replace-on-rerun writes and reads of the `alerts` table (sql/schema/003_alerts.sql)."""

from __future__ import annotations

import datetime as dt
import logging

import duckdb
import pandas as pd

from ..frames import ALERTS, check_alerts
from ..store import transaction

log = logging.getLogger(__name__)

TABLE_COLS = ALERTS + ["first_seen", "last_seen", "status", "detail", "event_ids"]


def store_alerts(con: duckdb.DuckDBPyConnection, alerts: pd.DataFrame, weeks=None) -> int:
    """Replace the stored alerts of the evaluated week(s) with `alerts`, in one transaction.

    Args:
        alerts: ALERTS frame with first_seen, last_seen, status, detail (event_ids optional).
        weeks: the weeks that were evaluated (default: the weeks present in `alerts`). Pass them so that a
            re-run that raises nothing clears the week's old rows.
    Returns the number of rows written.
    """
    check_alerts(alerts)
    df = alerts.copy()
    for c in TABLE_COLS:
        if c not in df:
            df[c] = None
    df["week"] = pd.to_datetime(df["week"]).dt.date
    for c in ("first_seen", "last_seen"):
        df[c] = pd.to_datetime(df[c].fillna(pd.Series(pd.to_datetime(alerts["week"]), index=df.index))).dt.date
    df["status"] = df["status"].fillna("new")
    df["event_ids"] = [
        list(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else None for v in df["event_ids"]
    ]
    df = df[TABLE_COLS]
    wk = sorted({pd.Timestamp(w).date() for w in (weeks if weeks is not None else df["week"])})
    with transaction(con):
        if wk:
            con.execute("delete from alerts where week in (select unnest(?::date[]))", [wk])
        if len(df):
            con.register("_alerts_in", df)
            try:
                con.execute(
                    f"insert into alerts ({', '.join(TABLE_COLS)}) select {', '.join(TABLE_COLS)} from _alerts_in"
                )
            finally:
                con.unregister("_alerts_in")
    log.info("stored %d alert(s) for %d week(s)", len(df), len(wk))
    return len(df)


def load_alerts(con: duckdb.DuckDBPyConnection, week=None, *, start=None, end=None) -> pd.DataFrame:
    """Stored alerts, for one week (a date or '2019-W48'), a range, or all; week columns as datetime64."""
    from ..weeks import parse_week

    where, params = [], []
    if week is not None:
        where.append("week = ?")
        params.append(parse_week(week))
    if start is not None:
        where.append("week >= ?")
        params.append(parse_week(start))
    if end is not None:
        where.append("week <= ?")
        params.append(parse_week(end))
    sql = f"select {', '.join(TABLE_COLS)} from alerts"
    if where:
        sql += " where " + " and ".join(where)
    sql += " order by week, actor, country, province, rule"
    df = con.execute(sql, params).df()
    for c in ("week", "first_seen", "last_seen"):
        df[c] = pd.to_datetime(df[c])
    return df


def _as_date(x) -> dt.date:
    return pd.Timestamp(x).date()
