"""Towns named by the road between them ('on the Komanda-Luna road', 'the Mosul-Erbil highway'): each end of the
hyphenated pair is a town, though the pair as a whole is no place name ('the Deir ez-Zor-Palmyra highway' is not
a 'Zor-Palmyra' road: an end starts its own word)."""

from __future__ import annotations

import re

_ROAD = re.compile(
    r"(?<![-–\w])(?P<a>[A-Z][\w'’]+)[-–](?P<b>[A-Z][\w'’]+)\s+(?i:road|highway|axis|route|corridor|motorway|expressway)\b"
)


def road_towns(text: str, start: int, end: int, country_hint: str | None, lookup) -> list:
    """Places for the two ends of each '<A>-<B> road' in text[start:end], each found by `lookup(name, start, end,
    country)` (a Place or None; the road says both are places, as a locative word would); the second end in the
    first one's country when it has one there."""
    from .places import canonical_country

    out = []
    for m in _ROAD.finditer(text, start, end):
        hint = country_hint
        for g in ("a", "b"):
            p = lookup(m.group(g), m.start(g), m.end(g), hint)
            if p is not None and hint and canonical_country(p.country) != canonical_country(hint):
                p = None  # 'Luna' of the Komanda-Luna road is no town of the Philippines
            if p is not None:
                out.append(p)
                hint = hint or p.country
    return out
