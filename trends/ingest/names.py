"""Name maps: raw actor, group, country and province names -> canonical names, once per distinct value.

A 10M-row file has a few thousand distinct names. `build_maps` reads the distinct (country, province, actor,
groups) combinations of the batch from `_ingest_names_raw` (the distinct raw name values, one row per `_nk`),
resolves each distinct name in Python (trends.normalize) and writes the maps as small temp tables, and
`_ingest_names` (the resolved names per `_nk`) that the stage joins back once per row. Names that resolve by date
(a rebrand) get one combination per interval between the registry's change dates of the name, and the stage picks a
row's combination from its date (_dated_variants).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .keys import names_hash_sql
from .readers.common import register_table

#: the map tables build_maps creates (dropped with the batch)
MAP_TABLES = [
    "_ingest_country",
    "_ingest_province",
    "_ingest_actor",
    "_ingest_group",
    "_ingest_names",
]


class Normaliser:
    """trends.normalize behind per-value caches; readers see it as `readers.Names`."""

    def __init__(self, con):
        from .. import normalize

        self.registry = normalize.ActorRegistry.load(con)
        self.gazetteer = _gazetteer(con, normalize)
        self._split = normalize.split_sides
        self._armed = normalize.is_armed_group
        self._cache: dict = {}

    def _memo(self, kind, key, fn):
        k = (kind, key)
        if k not in self._cache:
            self._cache[k] = fn()
        return self._cache[k]

    def split(self, text):
        return self._memo("split", text, lambda: [p for p in self._split(text) if p] if text else [])

    def resolve(self, name, on=None):
        return self._memo("actor", (name, on), lambda: self.registry.resolve(name, on))

    def dated(self, name):
        """Whether `name` may resolve to another actor on another date (a rebrand: 'HTS' is Jabhat al-Nusra
        before 2017), so it is resolved per event date. Names matched through their parts ('Full Name (ACRONYM)')
        count as dated: their parts may be."""
        return self._memo(
            "dated",
            name,
            lambda: (
                len(self.registry.names_for(name)) > 1
                or (self.resolve(name).matched and not self.registry.names_for(name))
            ),
        )

    def change_dates(self, name):
        """The dates on which `name` may resolve differently (trends.normalize.ActorRegistry.change_dates)."""
        return self._memo("changes", name, lambda: self.registry.change_dates(name))

    def known(self, name):
        return bool(name) and bool(self.resolve(name).matched)

    def armed(self, name):
        return self._memo("armed", name, lambda: bool(self._armed(name)))


_GAZETTEERS: dict = {}


def _gazetteer(con, normalize):
    """Gazetteer.load takes 0.3-1 s (ISO 3166-2 for every country); reuse it while province_aliases is unchanged (in
    the process, and between processes through a disk cache)."""
    import duckdb

    try:
        state = con.execute(
            "select count(*), coalesce(sum(hash(country, alias, province)), 0) from province_aliases"
        ).fetchone()
    except duckdb.CatalogException:  # an old or foreign database without the table: no user rows
        state = None
    if state not in _GAZETTEERS:
        if len(_GAZETTEERS) > 4:
            _GAZETTEERS.clear()
        _GAZETTEERS[state] = _disk_cached(state, normalize, lambda: normalize.Gazetteer.load(con))
    return _GAZETTEERS[state]


def cache_dir() -> Path:
    """Where a built gazetteer is kept between processes: $TRENDS_CACHE_DIR, else $XDG_CACHE_HOME/trends or
    ~/.cache/trends."""
    if os.environ.get("TRENDS_CACHE_DIR"):
        return Path(os.environ["TRENDS_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trends"


def _disk_cached(state, normalize, build):
    """The gazetteer built once per (province_aliases rows, shipped aliases, trends.normalize source, pycountry
    version) and kept as a pickle in cache_dir(): building it takes 0.3-1 s per process (every subdivision of ISO
    3166-2), loading it 0.03 s, which is most of the fixed cost of a small delta in a new process. Any problem
    with the cache (unwritable, corrupt) just builds it."""
    import hashlib
    import pickle

    try:
        import pycountry

        h = hashlib.sha256(repr(state).encode())
        h.update(Path(normalize.__file__).read_bytes())
        h.update(Path(normalize._data_path("province_aliases.csv")).read_bytes())
        h.update(
            str(getattr(pycountry, "__version__", "")).encode() + str(Path(pycountry.__file__).stat().st_mtime).encode()
        )
        path = cache_dir() / f"gazetteer-{h.hexdigest()[:24]}.pickle"
    except (OSError, AttributeError):
        return build()
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, or unreadable: build it
        pass
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(gaz))
        os.replace(tmp, path)
    except OSError:
        pass
    return gaz


def build_maps(con, names: Normaliser) -> None:
    """Create the MAP_TABLES from the distinct names of the batch (`_ingest_names_raw`,
    trends.ingest.readers.canonical_view), and the date intervals of dated names: no pass over the rows."""
    combos = con.execute(
        "select _c_country as country, _c_province as province, _c_actor as actor, _c_allies as allies, "
        "_c_counterpart_groups as counterpart_groups from _ingest_names_raw group by all"
    ).df()
    gaz = names.gazetteer

    countries = sorted({c for c in combos["country"] if isinstance(c, str)})
    register_table(
        con,
        "_ingest_country",
        pd.DataFrame(
            {
                "raw": countries,
                "country": [gaz.country(c) for c in countries],
                "matched": [bool(gaz.country_matched(c)) for c in countries],
            }
        ),
        {"raw": "varchar", "country": "varchar", "matched": "boolean"},
    )

    pairs = combos[["country", "province"]].dropna().drop_duplicates()
    prov = [_province(gaz, gaz.country(c), p) for c, p in zip(pairs["country"], pairs["province"])]
    register_table(
        con,
        "_ingest_province",
        pd.DataFrame(
            {
                "country_raw": pairs["country"].tolist(),
                "raw": pairs["province"].tolist(),
                "province": [p for p, _ in prov],
                "matched": [m for _, m in prov],
            }
        ),
        {"country_raw": "varchar", "raw": "varchar", "province": "varchar", "matched": "boolean"},
    )

    rows, sensitive = [], []
    for name in sorted({a for a in combos["actor"] if isinstance(a, str)}):
        m = names.resolve(name)
        rows.append((name, m.actor, m.family, bool(m.matched), names.armed(name)))
        if names.dated(name):
            sensitive.append(name)
    register_table(
        con,
        "_ingest_actor",
        pd.DataFrame(rows, columns=["raw", "actor", "family", "matched", "armed"]),
        {"raw": "varchar", "actor": "varchar", "family": "varchar", "matched": "boolean", "armed": "boolean"},
    )

    register_table(con, "_ingest_sensitive", pd.DataFrame({"raw": sensitive}), {"raw": "varchar"})
    _resolved_names(con)
    con.execute("drop table if exists _ingest_sensitive").fetchall()
    dated = _dated_variants(con, names)
    _row_columns(con, dated)

    groups = sorted(
        {
            g
            for col in ("allies", "counterpart_groups")
            for lst in combos[col]
            if hasattr(lst, "__len__") and not isinstance(lst, str)
            for g in lst
            if g
        }
    )
    res = [names.resolve(g) for g in groups]
    register_table(
        con,
        "_ingest_group",
        pd.DataFrame({"raw": groups, "actor": [r.actor for r in res], "family": [r.family for r in res]}),
        {"raw": "varchar", "actor": "varchar", "family": "varchar"},
    )


def _dated_variants(con, names: Normaliser) -> list[tuple]:
    """Name combinations whose actor name resolves by date (a rebrand: 'HTS' is Jabhat al-Nusra before 2017;
    `dated` in `_ingest_names`): the registry's change dates of the name cut time into intervals that each resolve
    one way; each distinct result becomes a combination of its own (a new `_nk`, not dated) in `_ingest_names`.
    Returns, per dated combination, (_nk, its change dates, the combination of each interval: one more), which
    _row_columns gives the stage, so that it picks a row's combination from its date. No pass over the rows: per
    combination and interval, a few thousand resolutions at most."""
    import datetime as dt

    dated = con.execute("select _nk, actor_raw from _ingest_names where dated order by _nk").fetchall()
    if not dated:
        return []
    top = int(con.execute("select coalesce(max(_nk), 0) from _ingest_names").fetchall()[0][0])
    variants: dict[tuple, int] = {}
    per_nk = []
    for nk, raw in dated:
        breaks = names.change_dates(raw)
        # one date inside each interval: the day before the first change, then each change date (with no change
        # date, any date: a dated name is always resolved on a date)
        if not breaks:
            reps = [dt.date(2000, 1, 1)]
        elif breaks[0] > dt.date.min:
            reps = [breaks[0] - dt.timedelta(days=1), *breaks]
        else:
            reps, breaks = breaks, breaks[1:]
        nks = []
        for on in reps:
            m = names.resolve(raw, on)
            v = (nk, m.actor, m.family, bool(m.matched))
            if v not in variants:
                variants[v] = top + 1 + len(variants)
            nks.append(variants[v])
        per_nk.append((nk, breaks, nks))
    register_table(
        con,
        "_ingest_dated_names",
        pd.DataFrame(
            [(nk, a, f, m, new) for (nk, a, f, m), new in variants.items()],
            columns=["_nk", "actor", "family", "matched", "new_nk"],
        ),
        {"_nk": "integer", "actor": "varchar", "family": "varchar", "matched": "boolean", "new_nk": "integer"},
    )
    con.execute("""insert into _ingest_names by name
                   select v.new_nk as _nk, v.actor, v.family as actor_family, v.matched as actor_matched,
                          n.* exclude (_nk, actor, actor_family, actor_matched, dated), false as dated
                   from _ingest_dated_names v join _ingest_names n on n._nk = v._nk""").fetchall()
    con.execute("drop table if exists _ingest_dated_names").fetchall()
    return per_nk


def _row_columns(con, dated: list[tuple]) -> None:
    """What the stage reads per row from `_ingest_names_raw` (the combination it joins anyway): `_names_hash`,
    the hash of the combination's names (a row's record hash hashes it, not the names: trends.ingest.keys), and
    for a dated combination (`dated`: (_nk, change dates, the combination of each interval), from
    _dated_variants) `_date_breaks`, `_date_nks` and `_date_hashes` (the names hash of each interval)."""
    import pyarrow as pa

    con.execute("alter table _ingest_names add column _names_hash ubigint").fetchall()
    con.execute(f"update _ingest_names set _names_hash = {names_hash_sql()}").fetchall()
    con.execute("""update _ingest_names_raw set _names_hash = n._names_hash
                   from _ingest_names n where n._nk = _ingest_names_raw._nk""").fetchall()
    if not dated:
        return
    hashes = dict(con.execute("select _nk, _names_hash from _ingest_names where not dated").fetchall())
    con.register(
        "_ingest_dated_arrow",
        pa.table(
            {
                "_nk": pa.array([r[0] for r in dated], type=pa.int32()),
                "breaks": pa.array([r[1] for r in dated], type=pa.list_(pa.date32())),
                "nks": pa.array([r[2] for r in dated], type=pa.list_(pa.int32())),
                "hashes": pa.array([[hashes[k] for k in r[2]] for r in dated], type=pa.list_(pa.uint64())),
            }
        ),
    )
    try:
        con.execute("""update _ingest_names_raw set _date_breaks = d.breaks, _date_nks = d.nks,
                              _date_hashes = d.hashes
                       from _ingest_dated_arrow d where _ingest_names_raw._nk = d._nk""").fetchall()
    finally:
        con.unregister("_ingest_dated_arrow")


def _resolved_names(con) -> None:
    """`_ingest_names`: per name combination (`_nk`), the event's names as stored (actor, actor_raw, actor_family,
    actor_matched, country, country_raw, country_matched, province, province_raw, province_matched), whether the
    actor is an armed group (`armed`), its raw allies and counterpart_groups, and whether the actor's name can
    resolve to another actor on another date (`dated`: _dated_variants gives each interval of dates a combination of its own)."""
    con.execute("""create or replace temp table _ingest_names as
                   select k._nk,
                          coalesce(a.actor, k._c_actor) as actor, k._c_actor as actor_raw, a.family as actor_family,
                          coalesce(a.matched, false) as actor_matched,
                          coalesce(co.country, k._c_country) as country, k._c_country as country_raw,
                          co.matched as country_matched,
                          p.province, k._c_province as province_raw, p.matched as province_matched,
                          coalesce(a.armed, false) as armed,
                          k._c_allies as allies, k._c_counterpart_groups as counterpart_groups,
                          coalesce(k._c_actor in (select raw from _ingest_sensitive), false) as dated
                   from _ingest_names_raw k
                   left join _ingest_actor a on a.raw = k._c_actor
                   left join _ingest_country co on co.raw = k._c_country
                   left join _ingest_province p on p.country_raw = k._c_country and p.raw = k._c_province
                """).fetchall()


def _province(gaz, country, raw):
    m = gaz.resolve(country, raw)
    return (m.province if m.matched else (m.province or raw)), bool(m.matched)
