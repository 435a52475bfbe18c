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

import numpy as np
import pandas as pd

from .common import SEP, Names, column, rows_unique, reject, text

NAME = "gtd"
DATASET = "gtd"
REQUIRED = ["eventid", "iyear", "imonth", "iday", "gname", "country_txt"]
COLUMNS = REQUIRED + ["provstate", "city", "latitude", "longitude", "attacktype1_txt", "nkill", "nwound",
                      "claimed", "guncertain1", "gname2", "gname3", "target1", "targtype1_txt", "dbsource"]


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.astype(object), errors="coerce")


def to_canonical(raw: pd.DataFrame, names: Names) -> pd.DataFrame:
    y, m, d = _num(column(raw, "iyear")), _num(column(raw, "imonth")), _num(column(raw, "iday"))
    bad_y = y.isna() | (y < 1000) | (y != y.round())
    bad_m = m.isna() | (m < 0) | (m > 12) | (m != m.round())
    bad_d = d.isna() | (d < 0) | (d > 31) | (d != d.round())
    ok = ~(bad_y | bad_m | bad_d)
    mm = m.where(m > 0, 1).where(ok, 1).astype(int)
    dd = d.where((d > 0) & (m > 0), 1).where(ok, 1).astype(int)
    yy = y.where(ok, 1970).astype(int)
    date = pd.to_datetime(pd.DataFrame({"year": yy, "month": mm, "day": dd}), errors="coerce")
    bad_cal = ok & date.isna()  # e.g. 31 February
    iso = date.dt.strftime("%Y-%m-%d").where(ok & ~bad_cal, None)
    prec = pd.Series(np.where(m == 0, "year", np.where(d == 0, "month", "day")), index=raw.index)

    groups = rows_unique(pd.DataFrame({"g": text(column(raw, "gname")), "g2": text(column(raw, "gname2")),
                                       "g3": text(column(raw, "gname3"))}),
                         lambda r: (r["g"], SEP.join(g for g in (r["g2"], r["g3"])
                                                     if g and g != r["g"] and names.armed(g)) or None),
                         ["actor", "allies"])
    target = text(column(raw, "target1")).astype(object)
    target = target.where(target.notna(), text(column(raw, "targtype1_txt")).astype(object))
    unc, claimed = _num(column(raw, "guncertain1")), _num(column(raw, "claimed"))
    attribution = pd.Series(np.where(unc == 1, "unverified", np.where(claimed == 1, "claimed", "reported")),
                            index=raw.index)
    out = pd.DataFrame({
        "_row": raw["_row"],
        "event_id": column(raw, "eventid").astype(object).map(
            lambda v: None if pd.isna(v) or not str(v).strip() else f"gtd:{str(v).strip()}"),
        "event_date": iso, "date_precision": prec,
        "actor": groups["actor"], "allies": groups["allies"], "counterpart": target,
        "counterpart_groups": None,
        "country": column(raw, "country_txt"), "province": column(raw, "provstate"),
        "location": column(raw, "city"), "latitude": column(raw, "latitude"), "longitude": column(raw, "longitude"),
        "event_type": column(raw, "attacktype1_txt"), "fatalities": column(raw, "nkill"),
        "wounded": column(raw, "nwound"), "attribution": attribution, "source": column(raw, "dbsource"),
    }, index=raw.index)
    reject(out, bad_y, "iyear", column(raw, "iyear"), "is not a year")
    reject(out, bad_m, "imonth", column(raw, "imonth"), "is not a month (0-12, 0 = unknown)")
    reject(out, bad_d, "iday", column(raw, "iday"), "is not a day of the month (0-31, 0 = unknown)")
    reject(out, bad_cal, "iday", column(raw, "iday"), "does not exist in that month")
    return out
