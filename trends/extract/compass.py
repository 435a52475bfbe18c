"""Points from words: compass bearings, a point NN km from a town, the province at a point, and regions named by
direction ("northern Burkina Faso")."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .towns import _country_rows, _geonames, town_candidates

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

    r = km / 6371.0
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(p1), math.cos(r) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def province_at(
    lat: float, lon: float, country: str | None = None, k: int = 5, anchor=None
) -> tuple[str, str | None] | None:
    """(country, province) of a point: the vote of the `k` nearest GeoNames places (within `country` when given),
    each weighted by 1/distance; the province of `anchor` (a Candidate: a distance's reference town) when no place
    is nearer the point than it ('20 km south of Djibo' with no village between is Djibo's Sahel, not the vote of
    three farther Centre-Nord towns). None when the country has no places."""
    import numpy as np

    from .places import canonical_country  # lazy: places imports this module

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
    if anchor is not None and anchor.province:
        ha = (
            np.sin((np.radians(anchor.lat) - p) / 2) ** 2
            + np.cos(p) * np.cos(np.radians(anchor.lat)) * np.sin((np.radians(anchor.lon) - q) / 2) ** 2
        )
        if 2 * 6371.0 * np.arcsin(np.sqrt(min(ha, 1.0))) <= d[near[0]] + 0.5:
            return anchor.country, anchor.province
    votes: Counter = Counter()
    for j in near:
        i = rows[j]
        votes[(df.at[i, "country"], df.at[i, "province"])] += 1.0 / max(d[j], 0.5)
    (c, prov), _ = votes.most_common(1)[0]
    return str(c), None if prov is None else str(prov)


def km_between(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b_lon - a_lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(h, 1.0)))


#: what may stand between an area's name and the distance that locates it ('the Jazira area, about 20 km west of')
_APPOSED = re.compile(r"\s*(?:area|region|village|town|district|valley|desert|mountains?|hills?)?\s*,\s*$", re.I)
#: farther than this from the point the distance gives, a same-named place is another place of that name
_ELSEWHERE_KM = 40.0


def located_by_offsets(text: str, places: list) -> list:
    """Places whose distance phrase follows them ('in the Jazira area, about 20 km west of Samarra'): the phrase
    says where the area is, so a gazetteer place of that name far from the computed point (a Jazira of Wasit) is
    another one, and the area takes the point's province."""
    from dataclasses import replace

    out = list(places)
    for i, p in enumerate(out[:-1]):
        q = out[i + 1]
        if p.kind != "town" or p.offset is not None or q.offset is None or not q.province_raw:
            continue
        if not _APPOSED.fullmatch(text, p.end, q.offset.start):
            continue
        ref = [c for c in town_candidates(q.offset.town, q.country) if c.lat is not None]
        own = [c for c in town_candidates(p.name, p.country) if c.lat is not None]
        if not ref or not own:
            continue
        lat, lon = destination(ref[0].lat, ref[0].lon, q.offset.km, bearing(q.offset.direction))
        if min(km_between(lat, lon, c.lat, c.lon) for c in own) > _ELSEWHERE_KM:
            out[i] = replace(p, province_raw=q.province_raw)
    return out


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
    return province_at(lat, lon, t.country, anchor=t)


_DIRECTION = r"(?:(?:north|south)[- ]?(?:north|south)?[- ]?(?:east|west)|north|south|east|west|[NSEW]{1,3})"
_TOWN_WORD = r"(?:(?:al|ad|ar|as|ash|at|az|an|el)[- ])?[A-Z][\w'’‘ʿ-]*"
OFFSET_RE = re.compile(
    rf"\b(?i:about\s+|some\s+|around\s+|approximately\s+|nearly\s+)?(?P<km>\d+(?:\.\d+)?)\s*(?:-\s*)?"
    rf"(?P<unit>(?i:km|kms|kilometers|kilometres|mi|miles))\.?(?:\s*\([^()]{{1,20}}\))?\s+(?P<dir>(?i:{_DIRECTION}))"
    rf"(?i:ern)?\s+of\s+(?:the\s+(?:town|city|village|(?:provincial\s+|regional\s+)?capital)\s+of\s+)?(?P<town>{_TOWN_WORD}(?:[ -](?:{_TOWN_WORD}|al|ad|ez|el|az|as|ash|ar))*)"
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

    from .places import canonical_country  # lazy: places imports this module

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
    from .places import canonical_country  # lazy: places imports this module

    return _regions().get((canonical_country(country) or country, re.sub(r"[\s-]+", "", direction.lower())))
