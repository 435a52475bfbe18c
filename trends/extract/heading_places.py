"""The place a section heading names: 'Iraq', 'Diyala Province', 'Nigeria - Borno State', "Al-Khayr Province
(Deir ez-Zor)", or any country's name for the 'other theatres' sections (split from places.py)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4096)
def _heading_halves(t: str) -> list[tuple[str, str]]:
    """(country-side, division-side) readings of a heading joined by a dash, colon or comma."""
    m = re.fullmatch(r"(.+?)\s*(?:\s[-–—]\s|:\s|,\s)\s*(.+)", t)
    return [(m.group(1), m.group(2)), (m.group(2), m.group(1))] if m else []


def world_country(heading: str) -> str | None:
    """The country a heading names when it is only a country's name, for any country ('Indonesia', 'France',
    'Sri Lanka'): the 'other theatres' sections of a weekly report."""
    from .places import _normalizer

    t = heading.strip().rstrip(":.").strip()
    g = _normalizer()
    return g.country(t) if len(t) <= 40 and g is not None and g.country_matched(t) else None


#: a run of capitalised words, a country's name perhaps ('Sri Lanka', 'New Zealand', 'Bosnia and Herzegovina')
_CAPS = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\s+(?:and\s+|of\s+(?:the\s+)?)?[A-Z][a-z][\w'’-]*){0,3}")


def named_countries(text: str) -> list[tuple[str, int, int]]:
    """(canonical country, start, end) of every country a text names, of any country the normalise stage knows
    ('Sri Lanka raid ends ...', 'in France'), in text order; a bare 'Congo' is DR Congo, as in the conflict press
    (the other Congo is written with its capital)."""
    from .places import _normalizer

    g = _normalizer()
    if g is None:
        return []
    out = []
    for m in _CAPS.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                name = m.group()[words[i].start() : words[j - 1].end()]
                name = re.sub(r"['’]s$", "", name)
                if g.country_matched(name) and not (j - i == 1 and name.lower() in _NOT_COUNTRY):
                    c = "DR Congo" if name == "Congo" else g.country(name)
                    out.append((c, m.start() + words[i].start(), m.start() + words[i].start() + len(name)))
                    i = j - 1
                    break
            i += 1
    return out


#: one word that the country list knows but prose uses otherwise
_NOT_COUNTRY = frozenset({"and", "of", "the", "chad", "jordan", "georgia"})


def paren_province(text: str) -> tuple[str, str] | None:
    """(country, province_raw) of a province a heading names in a closing parenthesis: "ISIS's activity in
    Al-Khayr Province (Deir ez-Zor)" -- the group's own name for the area, then the real division."""
    from .places import gazetteer, key

    m = re.search(r"\(([^()]{2,40})\)\s*:?$", text.strip())
    if m is None:
        return None
    _, provinces = gazetteer()
    inner = re.sub(r"\s+(?:province|governorate|state|region)$", "", m.group(1).strip(), flags=re.I)
    cands = provinces.get(key(inner), [])
    return cands[0] if cands else None


def heading_place(text: str) -> tuple[str | None, str | None]:
    """(country, province_raw) named by a section heading such as 'Iraq', 'Diyala Province', 'Borno State'."""
    from .places import COUNTRIES, gazetteer, key

    t = text.strip().rstrip(":.")
    for c in COUNTRIES:
        if key(t) == key(c):
            return c, None
    if re.search(r"\b(?:province|wilayah|wilayat)\s*\(", t, re.I) and not any(c in t for c in COUNTRIES):
        pp = paren_province(t)  # 'Al-Khayr Province (Deir ez-Zor)': the group's name, then the division
        if pp is not None:
            return pp
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
    for part_a, _ in _heading_halves(t):
        # 'Hasakah Province - the al-Hol camp': the division, then a place inside it
        if re.search(r"\s(?:province|governorate|state|region|wilayah)$", part_a, re.I):
            c2, prov = heading_place(part_a)
            if prov:
                return c2, prov
    m = re.match(r"(.+?)\s+(?:province|governorate|state|region|wilayah)$", t, re.I)
    if m:
        _, provinces = gazetteer()
        k = key(m.group(1))
        if k in provinces:
            c, adm = provinces[k][0]
            return c, adm
        return None, m.group(1)
    return None, None
