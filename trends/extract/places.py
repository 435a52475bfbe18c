"""Where an event happened: a town -> province gazetteer built from the shipped UCDP sample, province and country
names in prose, and canonical names through the normalise stage's Gazetteer when it is installed."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

# The town gazetteer and the point geometry live in their own modules; their names stay importable from here.
from .compass import (  # noqa: F401
    OFFSET_RE,
    REGION_RE,
    Offset,
    bearing,
    destination,
    find_offsets,
    located_by_offsets,
    province_at,
    province_at_offset,
    province_of_region,
)
from .divisions import as_division, division_named
from .heading_places import heading_place, paren_province, world_country  # noqa: F401
from .relative import MONTHS, WEEKDAYS
from .roads import road_towns
from .towns import Candidate, exact_key, fold_key, loose_key, town_candidates  # noqa: F401

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
    "sri lankan": "Sri Lanka",
    "indonesian": "Indonesia",
    "malaysian": "Malaysia",
    "israeli": "Israel",
    "jordanian": "Jordan",
    "turkish": "Turkey",
    "lebanese": "Lebanon",
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
    "Sri Lanka",
    "Sinai",
]
#: countries whose provinces prose names ('Surabaya, East Java', "Malaysia's Sabah state") but whose GeoNames
#: villages are not looked up as towns (too many of them are English words or names found elsewhere)
PROVINCE_ONLY_COUNTRIES = ("Indonesia", "Malaysia")


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
    # where analysts write a second-level division as the province ('Patikul, Sulu', 'Lanao del Sur'; GeoNames
    # and ISO give the region), that division is a province name of its own
    g = _normalizer()
    for country in _SECOND_LEVEL_PROVINCES:
        for k, name in (getattr(g, "_second", {}).get(country, {}) if g is not None else {}).items():
            provinces.setdefault(k, Counter())[(country, name)] += 1
    for k, name in _PROVINCE_VARIANTS.items():
        if k not in provinces:
            cands = [c for kk, c in provinces.items() if key(_fallback_province(kk)) == key(name)]
            if cands:
                provinces[k] = cands[0]
    return (
        {k: [p for p, _ in c.most_common()] for k, c in towns.items()},
        {k: [p for p, _ in c.most_common()] for k, c in provinces.items()},
    )


#: countries whose analysts name the second-level division (the Philippines' provinces under its regions)
_SECOND_LEVEL_PROVINCES = ("Philippines",)


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


_CAP = r"(?:\b(?:(?:al|ad|ar|as|ash|az|an|el)[- ]|at-))?[A-Z][\w'’‘ʿ.-]*"
_NAME = re.compile(
    rf"{_CAP}(?:[ -](?:{_CAP}|al|ad|ez|el|az|as|ash|ar|del|de|du|of|al-\w+|ad-\w+|ez-\w+|d[ao]s? (?=[A-Z]){_CAP})\b)*"
)
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
                before = text[max(0, s - 10) : s].lower()
                cs = s + len(" ".join(words[:i])) + (1 if i else 0)
                ce = cs + len(cand)
                pw = _PROVINCE_WORD.match(text[ce : ce + 15]) if j == len(words) else None
                if k in _REGION_KEYS and pw is None:
                    break  # 'Sahel update', 'attacks in the Sahel': the region across borders, not a village
                if cand in COUNTRIES and pw and (d := division_named(cand, cand)):
                    out.append(Place(cand, d[0], d[1], cs, ce, "province"))  # 'in Niger state': Nigeria's
                elif cand in COUNTRIES:
                    out.append(Place(cand, cand, None, cs, ce, "country"))
                elif pw and k in provinces:
                    c, adm = _pick(provinces[k], country_hint)
                    out.append(Place(cand, c, adm, cs, ce, "province"))
                elif (pw or re.search(r"\s(?:province|governorate|state|region)$", cand, re.I)) and (
                    adm := _iso_admin1(country_hint, k)
                ) is not None:
                    # 'the Behsud district of Nangarhar Province': a first-level division the UCDP sample lacks
                    out.append(Place(cand, country_hint or "", adm, cs, ce, "province"))
                elif k in towns and (
                    len(k) > 3 or re.search(r"\b(?:in|near|of|at|from|and|into|outside|around)\s$", before)
                ):
                    c, adm = _pick(towns[k], country_hint)
                    if (
                        country_hint
                        and canonical_country(c) != canonical_country(country_hint)
                        and (g := _geonames_town(cand, text[max(0, cs - 40) : cs], country_hint, alone=True))
                    ):
                        c, adm = g.country, g.province  # 'in Zawiya' under Libya: Libya's, not a UCDP Iraqi village
                    out.append(as_division(_offset_place(Place(cand, c, adm, cs, ce, "town"), offsets.get(cs))))
                elif (
                    g := _geonames_town(
                        cand,
                        text[max(0, cs - 40) : cs],
                        country_hint,
                        bool(_DISTRICT_WORD.match(text, ce)),
                        alone=(i == 0 and j == len(words)),
                    )
                ) is not None:
                    out.append(
                        as_division(_offset_place(Place(cand, g.country, g.province, cs, ce, "town"), offsets.get(cs)))
                    )
                elif k in provinces and len(k) > 3:
                    c, adm = _pick(provinces[k], country_hint)
                    out.append(Place(cand, c, adm, cs, ce, "province"))
                elif (pw or _LOCATIVE.search(text[max(0, cs - 40) : cs])) and (
                    d := division_named(cand, country_hint=country_hint)
                ):
                    out.append(Place(cand, d[0], d[1], cs, ce, "province"))  # 'struck ADF camps in North Kivu'
                else:
                    continue
                break
            else:
                continue
            break
    out = _without_buildings(text, out)
    if not out:
        out = road_towns(text, start, end, country_hint, lambda n, a, b, c: _road_end(n, a, b, towns, c))
    return located_by_offsets(text, out) if offsets else out


#: a building named before the place it stands in ('the al-Rawda mosque in Bir al-Abed', 'the Santa Maria church
#: in Istanbul's Sariyer district', 'Kangbayi prison in Beni'): its name is not a town's
_BUILDING_IN = re.compile(
    r"\s+(?:mosque|church|cathedral|shrine|temple|synagogue|prison|jail|hospital|clinic|school|university|college"
    r"|hotel|stadium|market|mall|restaurant|station|airport|base|barracks|camp|checkpoint|bridge)s?,?\s+"
    r"(?:in|at|near|of|outside)\s+(?:the\s+(?:town|city|village|district)\s+of\s+)?$",
    re.I,
)


def _without_buildings(text: str, out: list[Place]) -> list[Place]:
    """The places of a span, less a town name that is the name of a building in the next place named."""
    return [
        p
        for i, p in enumerate(out)
        if not (
            p.kind == "town"
            and i + 1 < len(out)
            and out[i + 1].kind in ("town", "province")
            and _BUILDING_IN.fullmatch(text, p.end, out[i + 1].start)
        )
    ]


def _road_end(name: str, s: int, e: int, towns: dict, country_hint: str | None) -> Place | None:
    """A town at one end of a named road ('the Komanda-Luna road'): our rows, the conflict data's, GeoNames'."""
    k = key(name)
    if k in towns and len(k) > 3:
        c, adm = _pick(towns[k], country_hint)
        return Place(name, c, adm, s, e, "town")
    g = _geonames_town(name, "", country_hint, district=True)
    return None if g is None else Place(name, g.country, g.province, s, e, "town")


# A GeoNames-only name counts as a town in prose only after a locative word ('in Mastung', 'near the town of
# Tiyanah', '20 km north of Dhiban') and only in the hinted country or a country the extractor knows: GeoNames has
# a village for many English words and personal names.
_LOCATIVE = re.compile(
    r"\b(?:in|near|of|at|outside|around|from|toward|towards|into|between|and|across|throughout)\s+(?:the\s+"
    r"(?:(?:town|village|city|area|outskirts|countryside|district)\s+of\s+)?)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?$",
    re.I,
)
#: a word before a name that says it is where something is ('in', 'near', 'west of'), not whose ('of', 'and')
_WHERE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|into|toward|towards|across|throughout)\s+(?:the\s+(?:(?:town|city|outskirts"
    r"|suburbs?|centre|center)\s+of\s+)?)?|\b(?:north|south|east|west)\w*\s+of\s+(?:the\s+(?:city|capital)\s+of\s+)?)$",
    re.I,
)
#: the media of the groups, whose names GeoNames or UCDP also know as places ('al-Naba' ~ Annaba)
#: regions that span countries: named alone ('in the Sahel') they are no town of the gazetteer (a village
#: 'Sahel' in Raqqa); with a division word ('the Sahel region') they may be one country's province
_REGION_KEYS = frozenset({"sahel", "sahara", "maghreb", "levant", "horn of africa"})
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
    # the continents: 'its emir in Southeast Asia' names no Philippine village called Asia
    "asia",
    "africa",
    "europe",
    "america",
    "oceania",
    "australasia",
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
    if (
        (len(exact_key(name)) < 4 and not re.match(r"(?:al|el|ad|ar|as|ash|at|az)[- ]\w{3}$", name, re.I))
        or key(name) in _NOT_TOWNS
        or key(name) in COUNTRY_ADJ
    ):
        return None  # a three-letter name only with its article ('the al-Hol camp')
    locative = district or bool(_LOCATIVE.search(before))
    known = _known_countries()
    for c in town_candidates(name, country_hint if country_hint else None):
        big_city = alone and country_hint is not None and (c.population or 0) >= _CITY_POPULATION
        # a city of the world (the gazetteer keeps only the 100,000+ of Europe, the Americas and Oceania) called by
        # the very name written, after a word that says where ('in Nice', 'near Vienna', 'west of Paris'; not 'the
        # arrest of Hamilton', a person)
        world = (
            (c.population or 0) >= 100_000
            and exact_key(c.name) == exact_key(name)
            and bool(_WHERE.search(before))
            and not _theatre_unit(name)
        )
        if (country_hint or c.country in known or world) and (locative or big_city):
            return c
    return None


def _theatre_unit(name: str) -> bool:
    """True when `name` is a first-level division of a theatre ('in Bari' of a Somali story is the region, not
    the Italian city)."""
    from .divisions import bare_divisions

    return key(name) in gazetteer()[1] or bool(bare_divisions(name))


def _iso_admin1(country: str | None, k: str) -> str | None:
    """The ISO 3166-2 first-level division of `country` whose name key is `k` (the normalise stage's names)."""
    g = _normalizer()
    if g is None or not country or len(k) < 4:
        return None
    return getattr(g, "_index", {}).get(canonical_country(country) or country, {}).get(k)


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
