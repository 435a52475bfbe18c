"""Global Terrorism Database (GTD, START, University of Maryland), CSV or Parquet export.

Mapping:
    event_id        'gtd:<eventid>'
    event_date      iyear-imonth-iday; GTD writes 0 for an unknown month or day: day 0 -> the 1st and
                    date_precision 'month', month 0 -> 1 January and 'year'
    actor           gname (perpetrator group 1); gname2/gname3 are allies ('Unknown' is kept as written)
    counterpart     target1, else targtype1_txt (targets are never counted as a group's series)
    country, province   country_txt, provstate; location = city; latitude, longitude
    event_type      attacktype1_txt (e.g. "Bombing/Explosion")
    fatalities      nkill; wounded = nwound
    attribution     guncertain1 = 1 -> 'unverified'; else claimed = 1 -> 'claimed'; else 'reported'
    source          dbsource
"""

from __future__ import annotations

from .common import Sql

NAME = "gtd"
DATASET = "gtd"
REQUIRED = ["eventid", "iyear", "imonth", "iday", "gname", "country_txt"]
COLUMNS = REQUIRED + [
    "provstate",
    "city",
    "latitude",
    "longitude",
    "attacktype1_txt",
    "nkill",
    "nwound",
    "claimed",
    "guncertain1",
    "gname2",
    "gname3",
    "target1",
    "targtype1_txt",
    "dbsource",
]


def canonical(q: Sql) -> tuple[dict[str, str], list]:
    names = q.names
    y, mo, d = (f"try_cast({q.col(c)} as double)" for c in ("iyear", "imonth", "iday"))
    bad_y = f"({y} is null or {y} < 1000 or {y} <> round({y}))"
    bad_m = f"({mo} is null or {mo} < 0 or {mo} > 12 or {mo} <> round({mo}))"
    bad_d = f"({d} is null or {d} < 0 or {d} > 31 or {d} <> round({d}))"
    ok = f"not ({bad_y} or {bad_m} or {bad_d})"
    mm = f"case when {mo} > 0 then {mo}::integer else 1 end"
    dd = f"case when {d} > 0 and {mo} > 0 then {d}::integer else 1 end"
    date = f"case when {ok} then try_strptime({y}::integer || '-' || {mm} || '-' || {dd}, '%Y-%m-%d')::date end"

    def groups(r):
        allies = [g for g in (r["g2"], r["g3"]) if g and g != r["g"] and names.armed(g)]
        return (allies or None,)

    m = q.map(
        "groups", {"g": q.col("gname"), "g2": q.col("gname2"), "g3": q.col("gname3")}, groups, {"allies": "varchar[]"}
    )
    unc, claimed = (f"try_cast({q.col(c)} as double)" for c in ("guncertain1", "claimed"))
    eid = q.col("eventid")
    exprs = {
        "event_id": f"'gtd:' || {eid}",
        "event_date": f"strftime({date}, '%Y-%m-%d')",
        "date_precision": f"case when {mo} = 0 then 'year' when {d} = 0 then 'month' else 'day' end",
        "actor": q.col("gname"),
        "allies": f"{m}.allies",
        "counterpart": f"coalesce({q.col('target1')}, {q.col('targtype1_txt')})",
        "counterpart_groups": "null",
        "country": q.col("country_txt"),
        "province": q.col("provstate"),
        "location": q.col("city"),
        "latitude": q.col("latitude"),
        "longitude": q.col("longitude"),
        "event_type": q.col("attacktype1_txt"),
        "fatalities": q.col("nkill"),
        "wounded": q.col("nwound"),
        "attribution": f"case when {unc} = 1 then 'unverified' when {claimed} = 1 then 'claimed' else 'reported' end",
        "source": q.col("dbsource"),
    }
    show = {c: f"coalesce(_ingest_shown({q.col(c)}), 'empty')" for c in ("iyear", "imonth", "iday")}
    rejects = [
        (bad_y, "iyear", f"{show['iyear']} || ' is not a year'"),
        (bad_m, "imonth", f"{show['imonth']} || ' is not a month (0-12, 0 = unknown)'"),
        (bad_d, "iday", f"{show['iday']} || ' is not a day of the month (0-31, 0 = unknown)'"),
        (f"{date} is null", "iday", f"{show['iday']} || ' does not exist in that month'"),
    ]
    return exprs, rejects
