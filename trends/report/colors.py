"""Report stage: stable actor colours. An actor has the same colour in every week's report and every figure;
the branches of one family (ISWAP, IS Sahel, IS Syria ...) are shades of that family's hue."""

from __future__ import annotations

import hashlib

#: family -> (hue name, shades from dark to light); shades are handed out by the actor's fixed rank below.
FAMILY_SHADES = {
    "Islamic State": ["#99000d", "#d7301f", "#ef6548", "#fc8d59", "#7f2704", "#e7298a", "#fdbb84"],
    "al-Qaida": ["#08306b", "#2171b5", "#4292c6", "#6baed6", "#084594", "#9ecae1", "#3f007d"],
    "HTS/Nusra": ["#00441b", "#238b45", "#41ab5d", "#74c476"],
    "Boko Haram (JAS)": ["#8c510a", "#bf812d", "#dfc27d"],
    "Taliban/TTP": ["#54278f", "#807dba", "#9e9ac8"],
    "other": ["#01665e", "#35978f", "#80cdc1", "#5ab4ac"],
}
#: actors whose shade is fixed (the most frequent in the data), so they never share one within their family.
FIXED = {
    "Islamic State": ("Islamic State", 0),
    "ISWAP": ("Islamic State", 1),
    "IS Sahel": ("Islamic State", 3),
    "al-Qaida in Iraq": ("Islamic State", 4),
    "IS Sinai": ("Islamic State", 2),
    "ISKP": ("Islamic State", 5),
    "IS Somalia": ("Islamic State", 6),
    "JNIM": ("al-Qaida", 0),
    "AQIM": ("al-Qaida", 1),
    "al-Shabaab": ("al-Qaida", 2),
    "Ansar Dine": ("al-Qaida", 3),
    "al-Murabitun": ("al-Qaida", 4),
    "Katiba Macina": ("al-Qaida", 5),
    "Hurras al-Din": ("al-Qaida", 6),
    "Hayat Tahrir al-Sham": ("HTS/Nusra", 0),
    "Jabhat al-Nusra": ("HTS/Nusra", 1),
    "Jabhat Fateh al-Sham": ("HTS/Nusra", 2),
    "Boko Haram": ("Boko Haram (JAS)", 0),
    "Ansaru": ("Boko Haram (JAS)", 1),
    "Taliban": ("Taliban/TTP", 0),
    "TTP": ("Taliban/TTP", 1),
    "Ansaroul Islam": ("other", 0),
}
#: actors outside the alias registry (the other side of events: armies, militias).
UNKNOWN_SHADES = ["#636363", "#969696", "#525252", "#7f7f7f", "#bdbdbd"]


def _pick(name: str, shades: list[str]) -> str:
    h = int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16)
    return shades[h % len(shades)]


def actor_color(actor: str, family: str | None = None) -> str:
    """The colour of `actor` (family = its alias-registry family, None or '' when unknown): same input, same
    colour, in every report."""
    if actor in FIXED:
        fam, i = FIXED[actor]
        return FAMILY_SHADES[fam][i]
    if family in FAMILY_SHADES:
        return _pick(actor, FAMILY_SHADES[family])
    return _pick(actor, UNKNOWN_SHADES)
