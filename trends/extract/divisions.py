"""First-level divisions named bare in prose ('struck ADF camps in North Kivu', 'at Buulo Mareer in Lower
Shabelle', 'the gangs of Zamfara'): an exact index, over the countries the extractor knows, of the ISO names and
the aliases the normalise stage holds (its own keys and variants, never its fuzzy match)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

#: division names that are also ordinary words or directions of prose ('in the Centre', 'in the North', 'the
#: Sahel', 'the East'): a bare name is a division only when it says so with its type word
_COMMON = frozenset(
    {
        "centre",
        "center",
        "central",
        "north",
        "south",
        "east",
        "west",
        "nord",
        "sud",
        "est",
        "ouest",
        "sahel",
        "coast",
        "littoral",
        "capital",
        "plateau",
        "lakes",
        "islands",
        "western",
        "eastern",
        "northern",
        "southern",
        "upper",
        "lower",
        "middle",
        "federal capital territory",
    }
)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[str, str], ...]]:
    """normalize key -> ((canonical country, canonical province), ...) over the extractor's countries."""
    from .places import COUNTRIES, PROVINCE_ONLY_COUNTRIES, _normalizer

    g = _normalizer()
    if g is None:
        return {}
    from .places import _SECOND_LEVEL_PROVINCES
    from .towns import loose_key

    out: dict[str, list[tuple[str, str]]] = {}
    for c in dict.fromkeys(g.country(c) for c in (*COUNTRIES, *PROVINCE_ONLY_COUNTRIES) if c != "Sinai"):
        units = dict(getattr(g, "_index", {}).get(c, {}))
        if c in _SECOND_LEVEL_PROVINCES:  # the Philippines' provinces ('in Basilan', 'in Sulu')
            units.update(getattr(g, "_second", {}).get(c, {}))
        for k, prov in units.items():
            if len(k.replace(" ", "")) >= 4 and k not in _COMMON:
                for kk in {k, loose_key(k)} - {""}:
                    if len(kk) < 4:
                        continue
                    hits = out.setdefault(kk, [])
                    if (c, prov) not in hits:
                        hits.append((c, prov))
    return {k: tuple(v) for k, v in out.items()}


def bare_divisions(name: str) -> tuple[tuple[str, str], ...]:
    """The (country, province) pairs whose first-level division is called `name` exactly ('North Kivu' ->
    DR Congo's North Kivu; 'Niger' -> Nigeria's Niger state), or ()."""
    from ..normalize import _variants
    from ..normalize import key as nkey
    from .towns import loose_key

    idx = _index()
    for k in _variants(nkey(name)):
        if k in idx:
            return idx[k]
    return idx.get(loose_key(name), ())  # 'Misrata' is 'Misratah'


def bare_division(name: str, country_hint: str | None = None) -> tuple[str, str] | None:
    """The one division `name` names (of the hinted country when it has one), or None when it is ambiguous."""
    from .places import canonical_country

    hits = bare_divisions(name)
    if country_hint:
        own = [h for h in hits if h[0] == canonical_country(country_hint)]
        if own:
            return own[0]
    return hits[0] if len(hits) == 1 else None


def division_named(name: str, not_country: str | None = None, country_hint: str | None = None):
    """(country, province) of the one first-level division called `name` (divisions.bare_division), not one of
    `not_country` ('Niger state' is Nigeria's)."""
    from .places import canonical_country

    if not_country:
        other = [h for h in bare_divisions(name) if h[0] != canonical_country(not_country)]
        return other[0] if len(other) == 1 else None
    return bare_division(name, country_hint)


def as_division(p):
    """A town named like a first-level division of its own country that the gazetteer puts in another one is
    that division ('In Basilan, police arrested ...': the province, not the island town in the region around it)."""
    if p.offset is not None:
        return p
    from .places import canonical_country, canonical_province

    d = bare_division(p.name, p.country)
    if d is None or d[0] != canonical_country(p.country) or canonical_province(p.country, p.province_raw) == d[1]:
        return p
    return replace(p, province_raw=d[1], kind="province")


@lru_cache(maxsize=1)
def _parents() -> dict[str, dict[str, str]]:
    """canonical country -> {key of a second-level ISO subdivision's canonical name: its first-level province}."""
    import pycountry

    from ..normalize import key as nkey
    from .places import _normalizer

    g = _normalizer()
    if g is None:
        return {}
    out: dict[str, dict[str, str]] = {}
    for country, second in getattr(g, "_second", {}).items():
        code = getattr(g, "_codes", {}).get(country)
        subs = list(pycountry.subdivisions.get(country_code=code) or []) if code else []
        by_code = {s.code: s for s in subs}
        names = set(second.values())
        for s in subs:
            parent = by_code.get(s.parent_code or "")
            if parent is None or parent.parent_code is not None:
                continue
            own = g.resolve(country, s.name).province
            top = g.resolve(country, parent.name)
            if own in names and top.matched:
                out.setdefault(country, {})[nkey(own)] = top.province
    return out


def first_level(country: str | None, province: str | None) -> str | None:
    """The first-level division of a second-level one ('Seno' -> Burkina Faso's Sahel region, 'Colombo' -> Sri
    Lanka's Western Province), where a text names the unit under the region; a first-level name, an unknown name
    the Philippines' provinces (the level analysts use there) and a unit the conflict data records stay as they
    are."""
    from ..normalize import key as nkey
    from .places import _SECOND_LEVEL_PROVINCES, _normalizer, canonical_country

    g = _normalizer()
    c = canonical_country(country)
    if g is None or not c or not province or c in _SECOND_LEVEL_PROVINCES:
        return province
    m = g.resolve(c, province)
    if not m.matched or m.province in g.provinces(c) or _recorded(c, m.province):
        return province
    return _parents().get(c, {}).get(nkey(m.province), province)


def _recorded(country: str, province: str) -> bool:
    """True when the conflict data or our own town rows record `province` as the province of `country` (Uganda's
    districts, 'Kampala', not its regions): that level stays."""
    from .places import canonical_country, canonical_province, gazetteer, key
    from .towns import _overrides

    ours = any(c.country == country and c.province == province for cands in _overrides().values() for c in cands)
    return ours or any(
        canonical_country(c) == country and canonical_province(c, adm) == province
        for c, adm in gazetteer()[1].get(key(province), [])
    )
