"""Where it happened: the heading's province, a named province, town, district or region of the sentence."""

from __future__ import annotations

import re
from functools import lru_cache

from .actors import GROUPS
from .places import (
    _PROVINCE_WORD,
    COUNTRIES,
    REGION_RE,
    canonical_country,
    find_places,
    key,
    province_of_region,
)
from .rules import (
    _adj_countries,
    _countries_in,
    _Ctx,
)


class _Where:
    """Where it happened (a mixin of trends.extract.reader._Reader)."""

    def _where(self, s, e, clean, ctx: _Ctx, mentions):
        """(country, province_raw, location, reason): the heading's province wins over a town named as the reference
        of a distance ('about 25 km north of Baghdad' under 'Salah al-Din Province'); else a named province or town."""
        hints = [ctx.country] if ctx.country else ([c for c in ctx.path_countries if c != "Sinai"] or [None])
        if len(hints) > 1:
            # 'Afghanistan and Pakistan': the country the sentence itself points to first ('Pakistani security
            # forces ... in Bannu district' is not the Bannu of Baghlan)
            own = [c for c in _countries_in(clean) + _adj_countries(clean) if c in hints]
            hints = list(dict.fromkeys(own + hints))
        for hint in hints:
            # 'JNIM (Burkina Faso and Mali)': the towns of either country, the first that knows them
            places = [
                p
                for p in find_places(self.text, s, e, hint)
                if not any(m.start <= p.start < m.end for m in mentions)
                and clean[p.start - s] != " "
                and not _NISBA.search(self.text, max(0, p.start - 30), p.start + 4)
            ]
            if hint is None or any(p.country == hint and p.kind != "country" for p in places):
                break
        named = [p for p in places if p.kind in ("town", "province")]
        if not named and ctx.country:
            # 'Pakistani security forces killed six TTP militants in North Waziristan' under 'Afghanistan': the
            # places of the country the sentence's own state adjective names
            for c in _adj_countries(clean):
                if c in (ctx.country, "Russia", "United States"):
                    continue
                there = [
                    p
                    for p in find_places(self.text, s, e, c)
                    if p.kind in ("town", "province") and p.country == c and p.province_raw
                ]
                if there:
                    return c, there[0].province_raw, there[0].name, None
        if ctx.country and named:
            same = [p for p in named if p.country == ctx.country]
            if not same and not ctx.province_raw:
                adm = _admin1_named(clean, [ctx.country])
                if adm is not None:
                    # "near Bal'ad, Middle Shabelle" under 'Somalia': the heading country's division the sentence
                    # names wins over a town of that spelling found only abroad (Balad in Iraq)
                    return adm[0], adm[1], None, None
            named = same or ([] if ctx.province_raw else named)
        if ctx.province_raw:
            # a division the sentence names with its type word wins over the heading's: 'raided a tent in the al-Hol
            # camp, in Hasakah Governorate' under a 'Raqqa Governorate' heading
            explicit = [
                p
                for p in named
                if key(p.province_raw or "") != key(ctx.province_raw)
                and not _REFERENCE_UNIT.search(self.text, max(0, p.start - 80), p.start)
                and (
                    p.kind == "province"
                    and re.match(r"\s+(?:province|governorate|state|region)\b", self.text[p.end : p.end + 15], re.I)
                    or re.search(r"\s(?:province|governorate|state|region)$", p.name, re.I)
                )
            ]
            if explicit:
                p = explicit[0]
                return p.country, p.province_raw, p.name, None
            other = _other_division(self.text, named, ctx)
            if other is not None:
                return other.country, other.province_raw, other.name, None
            loc = named[0].name if named else None
            return ctx.country, ctx.province_raw, loc, None
        if named:
            towns = _rank_towns(self.text, [p for p in named if p.kind == "town"])
            provs = [p for p in named if p.kind == "province"]
            pick = provs[0] if (provs and not towns) else (towns[0] if towns else provs[0])
            if (
                provs
                and towns
                and provs[0].country == towns[0].country
                and key(provs[0].province_raw) != key(towns[0].province_raw)
                # the province said of that town or named first, not a later act's ('in Kabul ... and a bombing
                # in Charikar, Parwan province')
                and provs[0].start - towns[0].end <= 60
            ):
                pick = provs[0]  # 'near Jalawla, Diyala province': the stated province wins over a clash
            if (
                pick.kind == "town"
                and len(towns) == 1
                and not provs
                and pick.offset is None
                and spans_provinces(pick.name, pick.country)
            ):
                return pick.country, None, pick.name, RANGE_REASON  # 'ISIS hideouts in the Hamrin Mountains'
            reason = None
            if getattr(pick, "offset", None) is not None:
                reason = "province from a distance computation"  # places computed the point's province
            elif pick.kind == "town" and re.search(
                r"\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+){0,2}of\s+$",
                self.text[max(0, pick.start - 40) : pick.start],
                re.I,
            ):
                reason = "province of the reference town of a distance"
            return pick.country, pick.province_raw, pick.name, reason
        country = ctx.country
        cs = [p.country for p in places if p.kind == "country"]
        named_c = re.search(
            r"\b(?:in|into|near|across|at)\s+(?:[A-Z][\w'’-]+\s?){1,3},\s+(" + "|".join(COUNTRIES) + r")\b", clean
        )
        if named_c and named_c.group(1) != country:
            country = named_c.group(1)  # 'a cross-border raid into Chitral, Pakistan' under an Afghanistan heading
            cs = [country]
            there = [p for p in find_places(self.text, s, e, country) if p.kind == "town" and p.country == country]
            if there:
                return country, there[0].province_raw, there[0].name, None
        adm = _admin1_named(clean, [c for c in [country] + cs if c] or _adj_countries(clean)[:1] or ctx.path_countries)
        if adm is not None:
            return adm[0], adm[1], None, None
        pm = _NAMED_PROVINCE.search(clean)
        if (
            pm
            and not re.match(
                r"(?:the|a|an|this|that|each|every|southern|northern|eastern|western|Islamic|ISIS|IS"
                r"|Sinai|Khorasan|Sahel|Pakistan|West Africa|Central Africa|Mozambique|Somalia)$",
                pm.group(1),
                re.I,
            )
            and not GROUPS.match(clean, pm.start())
        ):
            cs = [p.country for p in places if p.kind == "country"]
            return country or (cs[0] if cs else None), pm.group(1), None, None
        if not country:
            cs = [p.country for p in places if p.kind == "country"]
            if cs:
                country = "Egypt" if cs[0] == "Sinai" else cs[0]
            else:
                adj = [c for c in _adj_countries(clean) if c not in ("Russia", "United States")]
                country = adj[0] if adj else None
        for rm in REGION_RE.finditer(clean):
            if country and canonical_country(rm.group("country")) == canonical_country(country):
                prov = province_of_region(country, rm.group("dir"))
                if prov:  # 'in southwestern Pakistan': the province that region means
                    return country, prov, None, "province from a regional name"
        return country, None, None, None


#: the province said of a distance's reference town ('120 km west of Maiduguri, Borno State', '40 km south of Tuz
#: Khurmatu (Salah al-Din Province)'): where the town is, not where the act was, so it does not overrule the heading
_REFERENCE_UNIT = re.compile(
    r"\d+\s*(?:km|kms|kilomet(?:er|re)s?|miles?)\s+(?:[\w-]+\s+){0,2}of\s+(?:the\s+(?:city|town|village)\s+of\s+)?"
    r"[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,2}(?:,\s+(?:in\s+)?|\s*\()$"
)
_CONTAINER_OF = re.compile(
    r"\b(?:outskirts|neighbou?rhood|suburbs?|countryside|quarter|district|vicinity|environs)\s+of\s+"
    r"(?:the\s+(?:city|town)\s+of\s+)?$",
    re.I,
)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|county|cercle|department|lga)\b", re.I)
#: natural features that span several provinces: a town named beside them says where
_WIDE_FEATURE = re.compile(r"\b(?:mountains?|mounts|hills|range|desert|valley|forest|lake|marshes)$", re.I)


RANGE_REASON = "a mountain range across provinces"


@lru_cache(maxsize=1)
def _wide_features() -> dict[tuple[str, str], tuple[str, ...]]:
    """(country, key) -> provinces of the ranges that run across first-level divisions (trends/data/wide_features.csv)."""
    import csv
    from importlib import resources

    from .towns import loose_key

    out = {}
    with (
        resources.as_file(resources.files("trends") / "data" / "wide_features.csv") as p,
        open(p, encoding="utf-8") as f,
    ):
        for r in csv.DictReader(f):
            out[(r["country"], loose_key(_RANGE_WORD.sub("", r["feature"])))] = tuple(r["provinces"].split(";"))
    return out


def spans_provinces(name: str, country: str | None) -> bool:
    """A range named alone runs across provinces ('ISIS hideouts in the Hamrin Mountains'): it says only the
    country; a town or division named with it ('north of Jalawla', 'in Diyala Province') or the heading says where."""
    from .towns import loose_key

    return len(_wide_features().get((canonical_country(country) or "", loose_key(_RANGE_WORD.sub("", name))), ())) > 1


_RANGE_WORD = re.compile(r"\s+(?:mountains?|mounts|range|hills)$", re.I)
#: a town named as the reference of a direction ('south of Kirkuk'): the act is beside it, maybe in the heading's division
_DIRECTION_OF = re.compile(
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$", re.I
)


def _other_division(text: str, named: list, ctx: _Ctx):
    """The first-level division a sentence names by its own name ('in Al-Hasakah'), in the
    heading's country but not the heading's division, when no place it names lies in the heading's division: the
    sentence says the act was elsewhere."""
    from .divisions import bare_division
    from .places import canonical_province

    want = canonical_province(ctx.country, ctx.province_raw)
    if not named or any(canonical_province(p.country, p.province_raw) == want for p in named):
        return None
    for p in named:
        if (
            p.country != ctx.country
            or getattr(p, "offset", None) is not None
            or _DIRECTION_OF.search(text, max(0, p.start - 40), p.start)
            or _REFERENCE_UNIT.search(text, max(0, p.start - 80), p.start)  # '30 km south of Tuz (Salah al-Din)'
            or _PROVINCE_WORD.match(
                text, p.end
            )  # 'in Hasakah Governorate': the explicit rule's, which weighs references
        ):
            continue
        d = bare_division(p.name, p.country)
        if d is not None and d[1] == canonical_province(p.country, p.province_raw):
            return p
    return None


def _rank_towns(text: str, towns: list) -> list:
    """The sentence's towns, the one that contains the others first: 'the Sherpur neighborhood of Kabul' and 'the
    Behsud district, on the outskirts of Jalalabad' -> the city; 'in Wadi Omran, Mudiyah district' -> the district;
    else in text order."""

    def rank(p):
        if _CONTAINER_OF.search(text[max(0, p.start - 50) : p.start]):
            return 0
        if _DISTRICT_AFTER.match(text, p.end):
            return 1
        if _WIDE_FEATURE.search(p.name) and len(towns) > 1:
            return 3  # 'the Hamrin Mountains, north of Jalawla': a range spans provinces, the town pins it
        return 2

    return sorted(towns, key=rank)


_NAMED_PROVINCE = re.compile(
    r"(?<!ISIS's )(?<!ISIS’s )(?<!State's )(?<!State’s )\b((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z]"
    r"[\w'’-]+|al|ad|ez|el|as)){0,2})\s+(?i:province|governorate|region|state)\b"
)


_ADMIN1: dict[str, list[tuple[str, str]]] = {}


def _admin1_named(sentence: str, countries: list[str]) -> tuple[str, str] | None:
    """(country, province) when the sentence names a first-level division of one of `countries` by itself
    ('in Kurram district, Khyber Pakhtunkhwa', 'in Balkh'), from the normalise stage's ISO 3166-2 names."""
    from .places import _normalizer

    g = _normalizer()
    if g is None or not countries:
        return None
    words = f" {key(sentence)} "
    for c in countries:
        cc = canonical_country(c) or c
        if cc not in _ADMIN1:
            idx = getattr(g, "_index", {}).get(cc, {})
            _ADMIN1[cc] = sorted(
                (
                    (k, v)
                    for k, v in idx.items()
                    if len(k) >= 4
                    and not re.fullmatch(r"[a-z]{2} [a-z0-9]{1,3}", k)
                    and not any(ch.isdigit() for ch in k)
                ),
                key=lambda kv: -len(kv[0]),
            )
        for k, v in _ADMIN1[cc]:
            if f" {k} " in words:
                return cc, v
    return None


#: a place-name in a person's name: 'Abu Bakr al Baghdadi', 'Abu Musab al Barnawi' (a name word right before 'al')
_NISBA = re.compile(r"\b(?:Abu|Umm|ibn|bin)\s+[A-Z][\w'’]+\s+(?:al|el)[- ]\w*$|\b(?:Abu|Umm)\s+(?:al|el)[- ]\w*$")
