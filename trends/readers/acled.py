"""ACLED export (CSV or Parquet from the ACLED data export tool).

Mapping:
    event_id        'acled:<event_id_cnty>'
    event_date      event_date (ISO "2020-01-15" or ACLED's "15 January 2020"); date_precision from
                    time_precision: 1 day, 2 week, 3 month
    actor           actor1 with assoc_actor_1 as allies, unless actor2 ranks higher: a group the alias registry
                    knows beats any other armed group, which beats a state force or civilians ("Military Forces of
                    Mali" vs JNIM -> JNIM is the actor); associated actors are split on ';'
    counterpart     the other side's actor as written
    country, province   country, admin1; location; latitude, longitude
    event_type      "<event_type>: <sub_event_type>" (e.g. "Battles: Armed clash")
    fatalities      fatalities (ACLED has no low/high estimate)
    attribution     'reported'
    source, source_url  source; notes are not stored
"""
from __future__ import annotations

import pandas as pd

from .common import Names, column, map_unique, rows_unique, sides, text

NAME = "acled"
DATASET = "acled"
REQUIRED = ["event_id_cnty", "event_date", "actor1", "country"]
COLUMNS = REQUIRED + ["time_precision", "assoc_actor_1", "actor2", "assoc_actor_2", "admin1", "location",
                      "latitude", "longitude", "event_type", "sub_event_type", "fatalities", "source"]
PRECISION = {1: "day", 2: "week", 3: "month"}


class _SemicolonNames:
    """ACLED names hold commas ("Military Forces of Mali (2021-)"); only ';' separates associated actors."""

    def __init__(self, names: Names):
        self._names = names

    def split(self, text):
        return [p.strip() for p in str(text).split(";") if p.strip()] if text else []

    def known(self, name):
        return self._names.known(name)

    def armed(self, name):
        return self._names.armed(name)


def _side(actor, assoc):
    return "; ".join(p for p in (actor, assoc) if p) or None


def _date(v) -> str | None:
    if v is None:
        return None
    try:
        return pd.Timestamp(str(v).strip()).strftime("%Y-%m-%d")
    except (ValueError, TypeError):
        return str(v)  # left as written; the date check rejects it with the text shown


def _precision(v) -> str:
    if v is None:
        return "day"
    try:
        return PRECISION.get(int(float(v)), "day")
    except (TypeError, ValueError):
        return "day"


def to_canonical(raw: pd.DataFrame, names: Names) -> pd.DataFrame:
    semi = _SemicolonNames(names)
    keys = pd.DataFrame({"a1": text(column(raw, "actor1")), "s1": text(column(raw, "assoc_actor_1")),
                         "a2": text(column(raw, "actor2")), "s2": text(column(raw, "assoc_actor_2"))})

    def actor_of(r):
        def score(a):
            return 2 if names.known(a) else (1 if names.armed(a) else 0)
        a_known = bool(r["a1"]) and (not r["a2"] or score(r["a1"]) >= score(r["a2"]))
        own, other = ((r["a1"], r["s1"]), (r["a2"], r["s2"])) if a_known else ((r["a2"], r["s2"]), (r["a1"], r["s1"]))
        actor, allies, groups = sides(_side(*own), _side(*other), semi, primary=own[0])
        return actor, allies, other[0], groups

    parts = rows_unique(keys, actor_of, ["actor", "allies", "counterpart", "counterpart_groups"])
    etype = rows_unique(pd.DataFrame({"e": text(column(raw, "event_type")), "s": text(column(raw, "sub_event_type"))}),
                        lambda r: (": ".join(p for p in (r["e"], r["s"]) if p) or None,), ["t"])["t"]
    return pd.DataFrame({
        "_row": raw["_row"],
        "event_id": map_unique(column(raw, "event_id_cnty"),
                               lambda v: None if v is None or not str(v).strip() else f"acled:{str(v).strip()}",
                               as_category=False),
        "event_date": map_unique(column(raw, "event_date"), _date),
        "date_precision": map_unique(column(raw, "time_precision"), _precision),
        "actor": parts["actor"], "allies": parts["allies"],
        "counterpart": parts["counterpart"], "counterpart_groups": parts["counterpart_groups"],
        "country": column(raw, "country"), "province": column(raw, "admin1"),
        "location": column(raw, "location"),
        "latitude": column(raw, "latitude"), "longitude": column(raw, "longitude"),
        "event_type": etype, "fatalities": column(raw, "fatalities"),
        "attribution": "reported", "source": column(raw, "source"),
    }, index=raw.index)


