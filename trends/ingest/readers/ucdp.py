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

from .common import Sql, pick_side, sides

NAME = "ucdp"
DATASET = "ucdp"
REQUIRED = ["id", "side_a", "side_b", "type_of_violence", "country", "date_start"]
COLUMNS = REQUIRED + [
    "date_prec",
    "adm_1",
    "where_coordinates",
    "latitude",
    "longitude",
    "best",
    "low",
    "high",
    "source_office",
    "source_article",
    "source_date",
    "x_jihadist_actors",
]

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


def canonical(q: Sql) -> tuple[dict[str, str], list]:
    names = q.names
    vt = q.map(
        "vtype",
        {"t": q.col("type_of_violence")},
        lambda r: (_violence_type(r["t"]), EVENT_TYPES.get(_violence_type(r["t"]))),
        {"vtype": "integer", "event_type": "varchar"},
    )
    pr = q.map(
        "prec",
        {"p": q.col("date_prec")},
        lambda r: ("day" if r["p"] is None else PRECISION.get(_violence_type(r["p"])),),
        {"precision": "varchar"},
    )

    def actor_of(r):
        t = _violence_type(r["t"])
        hints = [h.strip() for h in r["h"].split(";")] if r["h"] else None
        side = "a" if t == 3 else pick_side(r["a"], r["b"], names, hints, prefer="b" if t == 1 else "a")
        own, other = (r["a"], r["b"]) if side == "a" else (r["b"], r["a"])
        primary = next((h for h in hints or [] if h in names.split(own)), None) if own else None
        actor, allies, groups = sides(own, other, names, primary=primary)
        return actor, allies, other, groups

    m = q.map(
        "sides",
        {"a": q.col("side_a"), "b": q.col("side_b"), "t": q.col("type_of_violence"), "h": q.col("x_jihadist_actors")},
        actor_of,
        {"actor": "varchar", "allies": "varchar[]", "counterpart": "varchar", "counterpart_groups": "varchar[]"},
    )
    sd = q.col("source_date")
    idv = q.col("id")
    num = f"try_cast({idv} as double)"
    exprs = {
        "event_id": f"'ucdp:' || case when {num} = round({num}) and abs({num}) < 1e18 "
        f"then cast({num}::bigint as varchar) else {idv} end",
        "event_date": q.col("date_start"),
        "date_precision": f"{pr}.precision",
        "actor": f"{m}.actor",
        "allies": f"{m}.allies",
        "counterpart": f"{m}.counterpart",
        "counterpart_groups": f"{m}.counterpart_groups",
        "country": q.col("country"),
        "province": q.col("adm_1"),
        "location": q.col("where_coordinates"),
        "latitude": q.col("latitude"),
        "longitude": q.col("longitude"),
        "event_type": f"{vt}.event_type",
        "fatalities": q.col("best"),
        "fatalities_low": q.col("low"),
        "fatalities_high": q.col("high"),
        "attribution": "'reported'",
        "source": f"coalesce({q.col('source_office')}, {q.col('source_article')})",
        # first date in source_date (UCDP lists several, ';'-separated); some exports write dd/mm/yyyy
        "source_date": f"coalesce(nullif(regexp_extract({sd}, '\\d{{4}}-\\d{{2}}-\\d{{2}}'), ''), "
        f"strftime(try_strptime(nullif(regexp_extract({sd}, '\\d{{1,2}}/\\d{{1,2}}/\\d{{4}}'), ''), "
        f"'%d/%m/%Y'), '%Y-%m-%d'))",
    }
    rejects = [
        (
            f"{q.col('date_prec')} is not null and {pr}.precision is null",
            "date_prec",
            f"_ingest_shown({q.col('date_prec')}) || ' is not a UCDP date precision (1-5)'",
        ),
        (
            f"{vt}.event_type is null",
            "type_of_violence",
            f"coalesce(_ingest_shown({q.col('type_of_violence')}), 'empty') "
            f"|| ' is not a UCDP type of violence (1, 2 or 3)'",
        ),
    ]
    return exprs, rejects
