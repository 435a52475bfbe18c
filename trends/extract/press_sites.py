"""The place of an act at a site the article named before: 'Army commandos stormed the café' after 'Gunmen stormed
the Holey Artisan Bakery, a café ... in Dhaka'; 'a suicide bomber drove a truck into the gates of the prison'
after 'the assault on Ghweiran prison in Hasakah city'."""

from __future__ import annotations

import re

#: sites an act happens at, which a story names once with their place and then as 'the <site>'
_SITES = (
    r"café|cafe|restaurant|bakery|hotel|mall|market|mosque|church|cathedral|shrine|temple|synagogue|prison|jail"
    r"|school|hospital|clinic|university|stadium|hostel|compound|village|town|city"
)
_THE_SITE = re.compile(rf"\bthe\s+({_SITES})\b(?!['’]s)", re.I)
#: how far back a site's first naming may be (a few paragraphs)
_BACK = 3000


def site_place(text: str, s: int, e: int, since: int, hint: str | None, mentions=()):
    """(country, province_raw) of the place named with the site that the act text[s:e] calls 'the <site>', from
    the latest earlier sentence of the story (from `since`) that names that site and a place; or None."""
    from .places import find_places

    m = _THE_SITE.search(text, s, e)
    if m is None:
        return None
    noun = re.compile(rf"\b{re.escape(m.group(1))}s?\b", re.I)
    lo = max(since, s - _BACK)
    hits = [h.start() for h in noun.finditer(text, lo, s)]
    for at in reversed(hits):
        a = max(lo, max(text.rfind(c, lo, at) for c in ".!?\n") + 1)
        b = min((x for x in (text.find(c, at) for c in ".!?\n") if x != -1), default=s)
        b = min(b, s)
        for p in find_places(text, a, b, hint):
            if p.kind in ("town", "province") and not any(mm.start <= p.start < mm.end for mm in mentions):
                return p.country, p.province_raw
    return None


#: a sentence that goes on about the act told just before ('The blast tore through ...', 'The attack hit ...')
_THE_ACT = re.compile(r"^\W*The\s+(?:blast|explosion|bombing|attack|assault|bomber|ambush|raid)\b")
#: a place given only as a direction off a town, with no distance ('at a gas station south of Baghdad')
_OFF_TOWN = re.compile(
    r"(?<![\d)]\s)(?<!miles\s)(?<!km\s)(?<!kilometers\s)(?<!kilometres\s)\b(?:north|south|east|west)(?:-?(?:east|west))?"
    r"\s+of\s+(?:the\s+capital|[A-Z][\w'’-]+)"
)


def refined_province(prev: dict, text: str, s: int, e: int) -> str | None:
    """The province a sentence that goes on about the previous act states with its type word ('The blast tore
    through a service area ... in Babil province'), when that act was placed only by a direction off a town
    ('south of Baghdad': the town's province is a guess); or None."""
    from .press_places import _named_province

    if not _THE_ACT.match(text[s:e]) or not prev.get("country"):
        return None
    if not _OFF_TOWN.search(prev["evidence"]["sentence"]):
        return None
    pr = _named_province(text[s:e], prev["country"], bare=False)
    return pr if pr and pr != prev.get("province") else None


#: a part of a city named by its own name ('the Karama neighborhood', "Gulshan's diplomatic quarter")
_QUARTER = re.compile(r"\s+(?:neighbou?rhood|quarter)\b", re.I)
#: a paragraph that opens with the city it tells of ('In Mosul, some 400 kilometers to the north, ...')
_OPENING_CITY = re.compile(r"\s*In\s+([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?),")


def quarter_city(text: str, town, s: int, hint: str | None):
    """(country, province_raw) of the city whose quarter `town` is ('a position in the Karama neighborhood' of a
    paragraph opening 'In Mosul, ...'), when the paragraph opens with a city in another province; or None."""
    from .places import canonical_province, find_places

    if town is None or town.kind != "town" or not _QUARTER.match(text, town.end):
        return None
    para = text.rfind("\n", 0, s) + 1
    m = _OPENING_CITY.match(text, para)
    if m is None or m.start(1) >= town.start:
        return None
    city = [p for p in find_places(text, m.start(1), m.end(1), hint) if p.kind == "town"]
    if not city or canonical_province(city[0].country, city[0].province_raw) == canonical_province(
        town.country, town.province_raw
    ):
        return None
    return city[0].country, city[0].province_raw
