"""UCDP Georeferenced Event Dataset (GED), CSV or Parquet, as described in the UCDP GED codebook.

Mapping (one GED event -> one event):
    event_id        'ucdp:<id>'
    event_date      date_start; date_precision from date_prec: 1 day, 2 week, 3 month, 4 and 5 year
    actor           the jihadist side: the group named in x_jihadist_actors when present, else the side whose
                    name the alias registry knows; in one-sided violence (type 3) side_a is the perpetrator
    counterpart     the other side as written ("Government of Mali", "Civilians", "IS")
    country, province   country and adm_1 (through the gazetteer: "Borno state" -> Borno)
    location        where_coordinates; latitude, longitude
    event_type      from type_of_violence: 1 'state-based conflict', 2 'non-state conflict', 3 'one-sided violence'
    fatalities      best, fatalities_low = low, fatalities_high = high
    attribution     'reported' (UCDP codes events from news and NGO reports)
    source          source_office, else source_article; source_date = first date in source_date
"""
from __future__ import annotations

import re

import pandas as pd

from .common import Names, column, map_unique, pick_side, reject, rows_unique, sides, text

NAME = "ucdp"
DATASET = "ucdp"
REQUIRED = ["id", "side_a", "side_b", "type_of_violence", "country", "date_start"]
COLUMNS = REQUIRED + ["date_prec", "adm_1", "where_coordinates", "latitude", "longitude", "best", "low", "high",
                      "source_office", "source_article", "source_date", "x_jihadist_actors"]

EVENT_TYPES = {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}
PRECISION = {1: "day", 2: "week", 3: "month", 4: "year", 5: "year"}
_TYPE_WORDS = {"state": 1, "non-state": 2, "nonstate": 2, "one-sided": 3, "onesided": 3}


def _violence_type(v) -> int | None:
    if v is None:
        return None
    try:
        return int(float(v))
    except (TypeError, ValueError):
        s = str(v).strip().lower().replace("based", "").replace("violence", "").strip(" -")
        return _TYPE_WORDS.get(s)


def _first_date(v) -> str | None:
    if v is None:
        return None
    m = re.search(r"\d{4}-\d{2}-\d{2}", str(v))
    if m:
        return m.group()
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", str(v))  # some exports write dd/mm/yyyy
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def to_canonical(raw: pd.DataFrame, names: Names) -> pd.DataFrame:
    vtype = map_unique(column(raw, "type_of_violence"), _violence_type, as_category=False)
    prec = map_unique(column(raw, "date_prec"),
                      lambda v: "day" if v is None else PRECISION.get(_violence_type(v), f"?{v}"))
    bad_type = vtype.isna() | ~vtype.isin(list(EVENT_TYPES))
    bad_prec = prec.astype(object).astype(str).str.startswith("?")
    a, b = text(column(raw, "side_a")), text(column(raw, "side_b"))
    hint = text(column(raw, "x_jihadist_actors"))
    keys = pd.DataFrame({"a": a, "b": b, "t": vtype.astype(object), "h": hint})

    def actor_of(r):
        hints = [h.strip() for h in r["h"].split(";")] if r["h"] else None
        side = "a" if r["t"] == 3 else pick_side(r["a"], r["b"], names, hints, prefer="b" if r["t"] == 1 else "a")
        own, other = (r["a"], r["b"]) if side == "a" else (r["b"], r["a"])
        primary = next((h for h in hints or [] if h in names.split(own)), None) if own else None
        actor, allies, groups = sides(own, other, names, primary=primary)
        return actor, allies, other, groups

    parts = rows_unique(keys, actor_of, ["actor", "allies", "counterpart", "counterpart_groups"])
    office, article = text(column(raw, "source_office")), text(column(raw, "source_article"))
    out = pd.DataFrame({
        "_row": raw["_row"],
        "event_id": map_unique(column(raw, "id"), lambda v: None if v is None else f"ucdp:{_id_text(v)}",
                               as_category=False),
        "event_date": column(raw, "date_start"),
        "date_precision": prec,
        "actor": parts["actor"], "allies": parts["allies"],
        "counterpart": parts["counterpart"], "counterpart_groups": parts["counterpart_groups"],
        "country": column(raw, "country"), "province": column(raw, "adm_1"),
        "location": column(raw, "where_coordinates"),
        "latitude": column(raw, "latitude"), "longitude": column(raw, "longitude"),
        "event_type": map_unique(vtype, lambda v: EVENT_TYPES.get(v)),
        "fatalities": column(raw, "best"), "fatalities_low": column(raw, "low"),
        "fatalities_high": column(raw, "high"),
        "attribution": "reported",
        "source": office.astype(object).where(office.notna(), article.astype(object)),
        "source_date": map_unique(column(raw, "source_date"), _first_date),
    }, index=raw.index)
    reject(out, bad_prec, "date_prec", column(raw, "date_prec"), "is not a UCDP date precision (1-5)")
    reject(out, bad_type, "type_of_violence", column(raw, "type_of_violence"),
           "is not a UCDP type of violence (1, 2 or 3)")
    return out


def _id_text(v) -> str:
    try:
        f = float(v)
        return str(int(f)) if f == int(f) else str(v).strip()
    except (TypeError, ValueError):
        return str(v).strip()
