"""ACLED export (CSV or Parquet from the ACLED data export tool).

Mapping:
    event_id        'acled:<event_id_cnty>'
    event_date      event_date (ISO "2020-01-15" or ACLED's "15 January 2020"); date_precision from
                    time_precision: 1 day, 2 week, 3 month (anything else is rejected)
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

from .common import Names, Sql, sides

NAME = "acled"
DATASET = "acled"
REQUIRED = ["event_id_cnty", "event_date", "actor1", "country"]
COLUMNS = REQUIRED + [
    "time_precision",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "sub_event_type",
    "fatalities",
    "source",
]
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


def canonical(q: Sql) -> tuple[dict[str, str], list]:
    names = q.names
    semi = _SemicolonNames(names)

    def actor_of(r):
        def score(a):
            return 2 if names.known(a) else (1 if names.armed(a) else 0)

        a_first = bool(r["a1"]) and (not r["a2"] or score(r["a1"]) >= score(r["a2"]))
        own, other = ((r["a1"], r["s1"]), (r["a2"], r["s2"])) if a_first else ((r["a2"], r["s2"]), (r["a1"], r["s1"]))
        actor, allies, groups = sides(_side(*own), _side(*other), semi, primary=own[0])
        return actor, allies, other[0], groups

    m = q.map(
        "sides",
        {"a1": q.col("actor1"), "s1": q.col("assoc_actor_1"), "a2": q.col("actor2"), "s2": q.col("assoc_actor_2")},
        actor_of,
        {"actor": "varchar", "allies": "varchar[]", "counterpart": "varchar", "counterpart_groups": "varchar[]"},
    )
    tp = q.col("time_precision")
    tpn = f"try_cast({tp} as double)"
    prec = " ".join(f"when {tpn} = {k} then '{v}'" for k, v in PRECISION.items())
    eid = q.col("event_id_cnty")
    exprs = {
        "event_id": f"'acled:' || {eid}",
        "event_date": q.col("event_date"),
        "date_precision": f"case when {tp} is null then 'day' {prec} end",
        "actor": f"{m}.actor",
        "allies": f"{m}.allies",
        "counterpart": f"{m}.counterpart",
        "counterpart_groups": f"{m}.counterpart_groups",
        "country": q.col("country"),
        "province": q.col("admin1"),
        "location": q.col("location"),
        "latitude": q.col("latitude"),
        "longitude": q.col("longitude"),
        "event_type": f"nullif(concat_ws(': ', {q.col('event_type')}, {q.col('sub_event_type')}), '')",
        "fatalities": q.col("fatalities"),
        "attribution": "'reported'",
        "source": q.col("source"),
    }
    rejects = [
        (
            f"{tp} is not null and ({tpn} is null or {tpn} not in (1, 2, 3))",
            "time_precision",
            f"_ingest_shown({tp}) || ' is not an ACLED time precision (1 day, 2 week, 3 month)'",
        )
    ]
    return exprs, rejects
