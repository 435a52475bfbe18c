"""Canonical events (CSV, JSON Lines, JSON array or Parquet): the store's own columns, so any source can be
converted to it.

Columns (only event_date, actor and country are required; unknown columns are ignored with a warning):
    event_id        stable id; if absent or empty, a hash of the row's content plus its occurrence number in the file
                    ('events:h<16 hex>', then 'events:h<16 hex>.2' for an identical second row, ...)
    event_date      YYYY-MM-DD (an ISO timestamp is read as the date written); YYYY-MM is month precision and YYYY
                    year precision; d/m/yyyy only when unambiguous or with --date-format
    date_precision  day | week | month | year (default day; never finer than the date itself)
    actor           perpetrator as written; a coalition "HTS, Southern Front" counts for each armed group
    counterpart     the other side as written (armed groups there count too; governments/civilians do not)
    country, province   country and admin-1 as written; normalised through the gazetteer
    location, latitude, longitude   place name and WGS 84 point
    event_type      free text (e.g. "armed clash", "IED", "suicide bombing")
    fatalities, fatalities_low, fatalities_high, wounded   whole numbers 0 .. 2,147,483,647
    attribution     claimed | reported | assessed | unverified | denied (default reported)
    source, source_date, source_url   citation of the report
"""

from __future__ import annotations

from .common import Sql, sides

NAME = "events"
DATASET = "events"
REQUIRED = ["event_date", "actor", "country"]
COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "actor",
    "counterpart",
    "country",
    "province",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "wounded",
    "attribution",
    "source",
    "source_date",
    "source_url",
]


def canonical(q: Sql) -> tuple[dict[str, str], list]:
    m = q.map(
        "sides",
        {"a": q.col("actor"), "b": q.col("counterpart")},
        lambda r: sides(r["a"], r["b"], q.names),
        {"actor": "varchar", "allies": "varchar[]", "counterpart_groups": "varchar[]"},
    )
    exprs = {c: q.col(c) for c in COLUMNS}
    exprs.update(actor=f"{m}.actor", allies=f"{m}.allies", counterpart_groups=f"{m}.counterpart_groups")
    return exprs, []
