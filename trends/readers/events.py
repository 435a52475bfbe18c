"""Canonical events (CSV, JSON Lines or Parquet): the store's own columns, so any source can be converted to it.

Columns (only event_date, actor and country are required; unknown columns are ignored with a warning):
    event_id        stable id; if absent or empty a hash of the row's content is used ('events:h<16 hex>')
    event_date      YYYY-MM-DD, the first day of the event
    date_precision  day | week | month | year (default day)
    actor           perpetrator as written; a coalition "HTS, Southern Front" counts for each armed group
    counterpart     the other side as written (armed groups there count too; governments/civilians do not)
    country, province   country and admin-1 as written; normalised through the gazetteer
    location, latitude, longitude   place name and WGS 84 point
    event_type      free text (e.g. "armed clash", "IED", "suicide bombing")
    fatalities, fatalities_low, fatalities_high, wounded   non-negative whole numbers
    attribution     claimed | reported | assessed | unverified | denied (default reported)
    source, source_date, source_url   citation of the report
"""
from __future__ import annotations

import pandas as pd

from .common import Names, column, rows_unique, sides, text

NAME = "events"
DATASET = "events"
REQUIRED = ["event_date", "actor", "country"]
COLUMNS = ["event_id", "event_date", "date_precision", "actor", "counterpart", "country", "province", "location",
           "latitude", "longitude", "event_type", "fatalities", "fatalities_low", "fatalities_high", "wounded",
           "attribution", "source", "source_date", "source_url"]


def to_canonical(raw: pd.DataFrame, names: Names) -> pd.DataFrame:
    out = pd.DataFrame({c: column(raw, c) for c in COLUMNS}, index=raw.index)
    out.insert(0, "_row", raw["_row"])
    actor_text, other = text(out["actor"]), text(out["counterpart"])
    parts = rows_unique(pd.DataFrame({"a": actor_text, "b": other}),
                        lambda r: sides(r["a"], r["b"], names), ["actor", "allies", "counterpart_groups"])
    out["actor"], out["allies"], out["counterpart_groups"] = parts["actor"], parts["allies"], parts["counterpart_groups"]
    out["counterpart"] = other
    return out
