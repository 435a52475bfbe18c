"""Normalisation: raw actor, country and province names -> canonical names, via shipped alias tables.

Two registries, both shipped as CSV in `trends/data/` and extensible by the user through the `actor_aliases` and
`province_aliases` tables of the store (table rows win over shipped rows with the same key):

* `ActorRegistry`: alias -> (actor, actor_family), with optional validity dates for rebrands
  (Jabhat al-Nusra -> Jabhat Fateh al-Sham on 2016-07-28 -> Hayat Tahrir al-Sham on 2017-01-28).
* `Gazetteer`: country names -> short English names; admin-1 names -> canonical province names, built on
  ISO 3166-2 (pycountry) plus spelling variants, with a conservative fuzzy fallback.

Every lookup goes through `key(text)`: letters of every script kept, casefolded, accents and apostrophes removed,
Arabic spelling variants folded, other punctuation turned into spaces, whitespace collapsed. A name whose key is
empty (no letters or digits) never matches. Unknown names are never dropped: they come back as written with
`matched=False`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib.resources
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from .errors import UsageError

log = logging.getLogger(__name__)

__all__ = [
    "key",
    "split_sides",
    "is_armed_group",
    "ActorMatch",
    "ActorRegistry",
    "ProvinceMatch",
    "Gazetteer",
    "FAMILIES",
    "add_actor_alias",
]

#: actor families used by the shipped registry (users may add others).
FAMILIES = ("Islamic State", "al-Qaida", "HTS/Nusra", "Boko Haram (JAS)", "Taliban/TTP", "other")

# Letters NFD does not decompose into base + mark.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ə": "e",
        "Ə": "e",
        "ǝ": "e",
        "ħ": "h",
        "Ħ": "h",
    }
)
# Apostrophes and transliteration marks (ayn, hamza) vanish: "Karbalā’" -> "karbala", "Jama'at" -> "jamaat".
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ]")
# Scripts whose combining marks are accents or vowel points (Şalāḩ, Ё, Ά, Arabic harakat, Hebrew niqqud): dropped.
# In other scripts (Devanagari, Thai, ...) marks are vowel signs that tell words apart, so they are kept.
_MARKED = ("LATIN", "GREEK", "CYRILLIC", "ARABIC", "HEBREW", "SYRIAC")
# Arabic spelling variants folded after the marks are gone (hamza seats and madda are marks under NFD, so
# أ إ آ ؤ ئ are already ا ا ا و ي): alef wasla, alef maksura, taa marbuta, Persian/Urdu yeh and kaf, tatweel.
_ARABIC = str.maketrans({"ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ې": "ي", "ک": "ك", "ـ": None})


def _keep_mark(base: str) -> bool:
    return unicodedata.name(base, "").split(" ", 1)[0] not in _MARKED


@functools.lru_cache(maxsize=65536)
def key(text) -> str:
    """The accent-, case- and punctuation-insensitive lookup key shared by every alias table.

    Letters and digits of every script are kept (NFKC, casefolded); accents are dropped in the scripts that use
    them as accents (Latin, Greek, Cyrillic, Arabic and Hebrew vowel points), Arabic alef, yeh and taa marbuta
    variants and the tatweel are folded, apostrophes vanish and everything else becomes a space. A name without
    letters or digits has the empty key, which never matches anything.

    >>> key("Şalāḩ ad Dīn  Province")
    'salah ad din province'
    >>> key("Jama'at Nusrat al-Islam wal-Muslimin")
    'jamaat nusrat al islam wal muslimin'
    >>> key("الدَّولة الإسلاميّة") == key("الدولة الاسلامية")
    True
    >>> key("Исламское Государство")
    'исламское государство'
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_FOLD).casefold()
    s = _APOSTROPHES.sub("", s)
    out: list[str] = []
    base = ""
    for ch in unicodedata.normalize("NFD", s):
        cat = unicodedata.category(ch)
        if cat[0] == "M":
            if base and _keep_mark(base):
                out.append(ch)
            continue
        if cat[0] == "L" or cat == "Nd":
            base = ch
            d = unicodedata.decimal(ch, None)
            out.append(str(d) if d is not None else ch)  # Arabic-Indic and other digits -> 0-9
        else:
            base = ""
            out.append(" ")
    s = unicodedata.normalize("NFC", "".join(out)).translate(_ARABIC)
    return " ".join(s.split())


def split_sides(text) -> list[str]:
    """Split a coalition side into its members: "HTS, Southern Front" -> ["HTS", "Southern Front"].

    UCDP joins co-belligerents with ", "; reports sometimes use "; ". Empty parts are dropped.
    """
    if text is None or (isinstance(text, float) and text != text):
        return []
    return [p.strip() for p in re.split(r"[;,]", str(text)) if p.strip()]


# Matched against key(name): Arabic keys have taa marbuta folded to heh (حكومة -> حكومه).
_NOT_ARMED = re.compile(
    r"^(government of|governments of|military forces of|police forces of|civilians?\b|"
    r"protesters?\b|rioters?\b|unknown\b|unidentified\b|gouvernement d|"
    r"(ال)?حكومه\b|(ال)?مدنيي?(ن|ون)\b|(ال)?قوات (ال)?حكوميه\b|(ال)?متظاهر|مجهول|"
    r"правительств|мирн(ые|ых) жител|гражданск|неизвестн|протестующ)"
)


def is_armed_group(name) -> bool:
    """False for states and non-combatants ("Government of Mali", "Civilians", ACLED "Military Forces of ...",
    "Protesters", "Unidentified ...") and empty names; True for every other (non-state armed) actor."""
    k = key(name)
    return bool(k) and not _NOT_ARMED.match(k)


def _data_path(name: str):
    return importlib.resources.files("trends") / "data" / name


def _date(v) -> dt.date | None:
    if v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v).strip()[:10])


def _table_rows(con, sql: str) -> list[tuple]:
    """Rows of a user alias table; [] when there is no connection or the table is absent (old or foreign DB)."""
    if con is None:
        return []
    import duckdb

    try:
        return con.execute(sql).fetchall()
    except duckdb.CatalogException:
        return []


# --------------------------------------------------------------------------------------------------- actors


class ActorMatch(NamedTuple):
    """Result of `ActorRegistry.resolve`: canonical actor, its family (None if unknown), whether it matched."""

    actor: str
    family: str | None
    matched: bool


@dataclass(frozen=True)
class _AliasRow:
    actor: str
    family: str
    valid_from: dt.date | None  # inclusive; None = open
    valid_to: dt.date | None  # exclusive; None = open
    user: bool

    def valid_on(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)


class ActorRegistry:
    """Alias -> canonical actor and family, with validity dates for rebrands.

    Resolution of a name `raw` on date `on`:
      1. rows whose alias key equals `key(raw)`; user rows (from the `actor_aliases` table) replace shipped rows;
      2. with `on` given, the row valid on that date (valid_from inclusive, valid_to exclusive);
      3. otherwise (no date, or no row valid then) the row whose canonical name is the alias itself, else the most
         recent one (latest valid_from) -- "HTS" without a date is Hayat Tahrir al-Sham;
      4. no row, but the name is "Full Name (ACRONYM)" (GTD, ACLED) or "ACRONYM: Full Name" (ACLED): both parts
         are resolved (on the same date); the name matches when the full name matches, or when only the acronym
         matches and it is an initialism of the full name (its letters are, in order, first letters of the full
         name's words: ISWAP in "Islamic State West Africa Province"). Parts that resolve to different actors, or
         an acronym that is not an initialism ("Local Brigade (IS)"), match nothing;
      5. no row: the name as written (whitespace-trimmed), family None, matched False.
    """

    def __init__(self, rows: dict[str, list[_AliasRow]]):
        self._rows = rows

    @classmethod
    def load(cls, con=None, path=None) -> ActorRegistry:
        """Shipped `trends/data/actor_aliases.csv` (or `path`) plus the rows of the store's `actor_aliases` table."""
        rows: dict[str, list[_AliasRow]] = {}
        src = path or _data_path("actor_aliases.csv")
        with open(src, newline="", encoding="utf-8") as f:
            for i, r in enumerate(csv.DictReader(f), start=2):
                try:
                    row = _AliasRow(
                        r["actor"].strip(),
                        r["actor_family"].strip(),
                        _date(r.get("valid_from")),
                        _date(r.get("valid_to")),
                        False,
                    )
                except (KeyError, ValueError) as e:
                    raise UsageError(f"{src}: line {i}: bad actor alias row {r}: {e}") from None
                if not key(r["alias"]):
                    raise UsageError(f"{src}: line {i}: alias {r['alias']!r} has no letters or digits to match on")
                rows.setdefault(key(r["alias"]), []).append(row)
        user: dict[str, list[_AliasRow]] = {}
        for alias, actor, family, vf, vt in _table_rows(
            con, "select alias, actor, actor_family, valid_from, valid_to from actor_aliases"
        ):
            k = key(alias)
            if not k:  # stored by an older trends whose keys dropped non-Latin letters: it would match everything
                log.warning("ignoring actor alias %r -> %s: it has no letters or digits to match on", alias, actor)
                continue
            user.setdefault(k, []).append(_AliasRow(actor, family, _date(vf), _date(vt), True))
        rows.update(user)  # user rows win, key by key
        # every canonical name is an alias of itself unless some row already claims that key
        for lst in list(rows.values()):
            for r in lst:
                if key(r.actor):
                    rows.setdefault(key(r.actor), [_AliasRow(r.actor, r.family, None, None, r.user)])
        return cls(rows)

    def resolve(self, raw, on=None) -> ActorMatch:
        """Canonical actor for `raw` as written on date `on` (date, Timestamp or ISO string; None = undated)."""
        name = "" if raw is None or (isinstance(raw, float) and raw != raw) else " ".join(str(raw).split())
        k = key(name)
        cands = self._rows.get(k) if k else None  # an empty key (no letters or digits) never matches
        if not cands:
            return self._resolve_parts(name, on) or ActorMatch(name, None, False)
        row = None
        if on is not None and len(cands) > 1:
            day = _date(on if not isinstance(on, pd.Timestamp) else on.date())
            valid = [r for r in cands if r.valid_on(day)]
            row = valid[0] if valid else None
        if row is None:
            own = [r for r in cands if key(r.actor) == k]
            row = own[0] if own else max(cands, key=lambda r: r.valid_from or dt.date.min)
        return ActorMatch(row.actor, row.family, True)

    def _resolve_parts(self, name: str, on) -> ActorMatch | None:
        """Rule 4 of the class docstring: "Full Name (ACRONYM)" and "ACRONYM: Full Name"."""
        m = _PAREN_ACRONYM.match(name) or _COLON_ACRONYM.match(name)
        if not m:
            return None
        full, acro = m.group("full").strip(), m.group("acro").strip()
        if not full or key(full) == key(name):
            return None
        f = self.resolve(full, on) if full in self else None
        a = self.resolve(acro, on) if acro in self else None
        if f and a:
            return ActorMatch(f.actor, f.family, True) if (f.actor, f.family) == (a.actor, a.family) else None
        if f:
            return f
        if a and _initialism(acro, full):
            return a
        return None

    def names_for(self, raw) -> set[str]:
        """Every canonical actor `raw` can resolve to on some date ({'Jabhat al-Nusra', ..., 'Hayat Tahrir al-Sham'}
        for 'HTS'); empty when unknown."""
        k = key(raw)
        return {r.actor for r in self._rows.get(k, [])} if k else set()

    def change_dates(self, raw) -> list[dt.date]:
        """The dates on which `resolve(raw, on)` may change (sorted): between two consecutive ones, and before the
        first and from the last on, every date resolves `raw` the same way. Empty when the date never matters."""
        name = "" if raw is None else " ".join(str(raw).split())
        k = key(name)
        cands = self._rows.get(k) if k else None
        if cands:
            if len(cands) == 1:
                return []
            return sorted({d for r in cands for d in (r.valid_from, r.valid_to) if d is not None})
        m = _PAREN_ACRONYM.match(name) or _COLON_ACRONYM.match(name)
        if not m:
            return []
        parts = [p for p in (m.group("full").strip(), m.group("acro").strip()) if p and p in self]
        return sorted({d for p in parts for d in self.change_dates(p)})

    def actors(self) -> pd.DataFrame:
        """Canonical actors and their families: columns actor, actor_family, aliases (count)."""
        out: dict[tuple[str, str], set] = {}
        for k, lst in self._rows.items():
            for r in lst:
                out.setdefault((r.actor, r.family), set()).add(k)
        return pd.DataFrame(
            [(a, f, len(s)) for (a, f), s in sorted(out.items())], columns=["actor", "actor_family", "aliases"]
        )

    def __contains__(self, raw) -> bool:
        k = key(raw)
        return bool(k) and k in self._rows


_PAREN_ACRONYM = re.compile(r"^(?P<full>.+?)\s*\((?P<acro>[A-Z][A-Za-z0-9-]{1,11})\)$")
_COLON_ACRONYM = re.compile(r"^(?P<acro>[A-Z][A-Za-z0-9-]{1,11}):\s*(?P<full>.+)$")


def _initialism(acro: str, full: str) -> bool:
    """True when the letters of `acro` are, in order, first letters of words (or hyphen parts) of `full`, and at
    least two of them are capitals in the acronym: 'ISGS' of 'Islamic State in the Greater Sahara'."""
    letters = [c for c in key(acro) if c.isalnum()]
    if sum(c.isupper() for c in acro) < 2 or not letters:
        return False
    initials = [w[0] for w in key(full).split() if w]
    i = 0
    for c in initials:
        if i < len(letters) and c == letters[i]:
            i += 1
    return i == len(letters)


def add_actor_alias(con, alias: str, actor: str, family: str, valid_from=None, valid_to=None) -> None:
    """Add a user alias row to the store's `actor_aliases` table (it wins over the shipped registry).

    Raises:
        UsageError: empty alias/actor/family, an alias without letters or digits (its key would be empty and
            match nothing), or valid_from not before valid_to.
    """
    for name, v in (("alias", alias), ("actor", actor), ("family", family)):
        if not v or not str(v).strip():
            raise UsageError(f"{name} must not be empty")
    if not key(alias):
        raise UsageError(
            f"alias {alias.strip()!r} has no letters or digits to match on; give the name as written in the data"
        )
    vf, vt = _date(valid_from), _date(valid_to)
    if vf and vt and vf >= vt:
        raise UsageError(f"valid-from {vf} must be before valid-to {vt}")
    con.execute(
        "insert into actor_aliases (alias, alias_key, actor, actor_family, valid_from, valid_to, source) "
        "values (?, ?, ?, ?, ?, ?, 'user')",
        [alias.strip(), key(alias), actor.strip(), family.strip(), vf, vt],
    )


# ------------------------------------------------------------------------------------------------ geography


class ProvinceMatch(NamedTuple):
    """Result of `Gazetteer.resolve`: canonical province (None for empty input), whether it matched."""

    province: str | None
    matched: bool


# UCDP and common spellings that pycountry's lookup does not know. Values are canonical country names.
_COUNTRY_ALIASES = {
    "ivory coast": "Côte d'Ivoire",
    "cote divoire": "Côte d'Ivoire",
    "dr congo": "DR Congo",
    "dr congo zaire": "DR Congo",
    "drc": "DR Congo",
    "congo kinshasa": "DR Congo",
    "democratic republic of congo": "DR Congo",
    "democratic republic of the congo": "DR Congo",
    "congo brazzaville": "Congo",
    "republic of congo": "Congo",
    "russia soviet union": "Russia",
    "soviet union": "Russia",
    "yemen north yemen": "Yemen",
    "myanmar burma": "Myanmar",
    "burma": "Myanmar",
    "cambodia kampuchea": "Cambodia",
    "bosnia herzegovina": "Bosnia and Herzegovina",
    "serbia yugoslavia": "Serbia",
    "zimbabwe rhodesia": "Zimbabwe",
    "madagascar malagasy": "Madagascar",
    "kingdom of eswatini swaziland": "Eswatini",
    "swaziland": "Eswatini",
    "usa": "United States",
    "us": "United States",
    "uk": "United Kingdom",
    "turkiye": "Turkey",
    "east timor": "Timor-Leste",
    "palestinian territories": "Palestine",
    "west bank": "Palestine",
    "gaza strip": "Palestine",
    "north korea": "North Korea",
    "south korea": "South Korea",
}
# Canonical short names where pycountry's common_name/name is not what analysts write.
_COUNTRY_NAMES = {
    "RU": "Russia",
    "TR": "Turkey",
    "CD": "DR Congo",
    "KP": "North Korea",
    "KR": "South Korea",
    "PS": "Palestine",
    "BN": "Brunei",
    "LA": "Laos",
    "MD": "Moldova",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "CV": "Cape Verde",
    "MK": "North Macedonia",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "CZ": "Czechia",
    "SZ": "Eswatini",
}
# Admin-1 type words UCDP and ACLED append ("Mopti region", "Borno state", "Deir ez Zor Governorate").
_SUFFIX = re.compile(
    r" (province|region|governorate|state|department|district|territory|prefecture|division|"
    r"county|muhafazah|wilayah|wilaya)$"
)
_ARTICLE = re.compile(r"^(al|el|an|ar|as|at|ad|ash|az|ath|adh) ")


def _iso_country_name(c) -> str:
    return _COUNTRY_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name


def _fold(text: str) -> str:
    """Accents removed, parenthetical dropped: 'Maritime (Région)' -> 'Maritime', 'Ségou' -> 'Segou'."""
    s = unicodedata.normalize("NFKD", re.sub(r"\s*\(.*?\)", "", text).translate(_FOLD))
    return " ".join("".join(ch for ch in s if not unicodedata.combining(ch)).split())


def _variants(k: str) -> list[str]:
    """Lookup keys tried for an admin-1 key: as is, without the type suffix, without a leading Arabic article."""
    out = [k]
    s = _SUFFIX.sub("", k)
    if s and s != k:
        out.append(s)
    for v in list(out):
        a = _ARTICLE.sub("", v)
        if a and a != v:
            out.append(a)
    return out


class Gazetteer:
    """Country names -> canonical short English names; admin-1 names -> canonical province names.

    Provinces are the ISO 3166-2 subdivisions of the country's first level (the subdivision types that occur
    without a parent, so Iraq's governorates including Erbil, but not Burkina Faso's 45 provinces under its 13
    regions). The canonical name is the ISO name with accents removed (Ségou -> Segou, Ménaka -> Menaka,
    Tillabéri -> Tillaberi), or the English name set in `province_aliases.csv` (Nīnawá -> Nineveh,
    Dayr az Zawr -> Deir ez-Zor). Variants are matched on `key()`, with and without the type suffix and a leading
    Arabic article; then fuzzily (rapidfuzz ratio >= 90 within the same country, only if no other province scores
    within 8 points and the name has at least 5 letters). Anything else is kept as written (suffix and double
    spaces removed) with matched False.

    Second level: some sources write a second-level ISO subdivision as admin-1 (UCDP and GTD use the
    Philippines' 82 provinces, "Lanao del Sur", where ISO's first level is its 17 regions; ACLED's admin2 of Burkina
    Faso is one of its 45 provinces under 13 regions). A name that matches no first-level province but exactly
    (same key variants, no fuzzy match) one second-level subdivision resolves to that subdivision's name, so a series
    stays at the level the data uses: "Lanao del Sur" stays Lanao del Sur, it is not merged into its region.
    First-level names win over second-level ones, a variant shared by two second-level subdivisions matches
    neither, and `provinces()` lists the first level only.
    """

    FUZZY_MIN = 90.0
    FUZZY_MARGIN = 8.0

    def __init__(
        self,
        index: dict[str, dict[str, str]],
        countries: dict[str, str],
        codes: dict[str, str],
        second: dict[str, dict[str, str]] | None = None,
    ):
        self._index = index  # canonical country -> {key: canonical province}
        self._countries = countries  # country key -> canonical country
        self._codes = codes  # canonical country -> ISO alpha-2
        self._second = second or {}  # canonical country -> {key: second-level subdivision}, exact matches only

    @classmethod
    def load(cls, con=None, path=None) -> Gazetteer:
        """ISO 3166-2 + shipped `trends/data/province_aliases.csv` (or `path`) + the `province_aliases` table."""
        import pycountry

        countries: dict[str, str] = {}
        codes: dict[str, str] = {}
        for c in pycountry.countries:
            name = _iso_country_name(c)
            codes[name] = c.alpha_2
            for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), c.alpha_3, name):
                if n:
                    countries.setdefault(key(n), name)
        for k, v in _COUNTRY_ALIASES.items():
            countries[k] = v

        shipped = []
        src = path or _data_path("province_aliases.csv")
        with open(src, newline="", encoding="utf-8") as f:
            for i, r in enumerate(csv.DictReader(f), start=2):
                if not (r.get("country") and r.get("alias") and r.get("province")):
                    raise UsageError(f"{src}: line {i}: country, alias and province are required, got {r}")
                shipped.append((r["country"].strip(), r["alias"].strip(), r["province"].strip()))
        user = _table_rows(con, "select country, alias, province from province_aliases")

        index: dict[str, dict[str, str]] = {}
        second: dict[str, dict[str, str]] = {}
        by_code = {}
        for s in pycountry.subdivisions:
            by_code.setdefault(s.country_code, []).append(s)
        # renames: an alias row whose alias is an ISO name sets that subdivision's canonical name
        rename = {(countries.get(key(c), c), key(a)): p for c, a, p in shipped + list(user)}
        for cc, subs in by_code.items():
            country = _iso_country_name(pycountry.countries.get(alpha_2=cc))
            top_types = {s.type for s in subs if s.parent_code is None}
            idx: dict[str, str] = {}
            amb: set[str] = set()
            for s in subs:
                if s.type not in top_types:
                    continue
                canon = rename.get((country, key(s.name))) or _fold(s.name)
                for n in (s.name, canon, s.code):
                    for v in _variants(key(n)):
                        if idx.setdefault(v, canon) != canon:
                            amb.add(v)
            for v in amb:  # a variant shared by two provinces identifies neither (exact names still win below)
                idx.pop(v, None)
            for s in subs:
                if s.type in top_types:
                    canon = rename.get((country, key(s.name))) or _fold(s.name)
                    idx[key(canon)] = idx[key(s.name)] = canon
            index[country] = idx
            top_codes = {s.code for s in subs if s.type in top_types}
            sec: dict[str, str] = {}
            amb = set()
            for s in subs:
                if s.type in top_types or s.parent_code not in top_codes:
                    continue
                canon = rename.get((country, key(s.name))) or _fold(s.name)
                for n in (s.name, canon):
                    for v in _variants(key(n)):
                        if v in idx:
                            continue
                        if sec.setdefault(v, canon) != canon:
                            amb.add(v)
            for v in amb:
                sec.pop(v, None)
            if sec:
                second[country] = sec
        for rows in (shipped, user):  # user rows last: they win
            for c, a, p in rows:
                country = countries.get(key(c), c)
                idx = index.setdefault(country, {})
                for v in _variants(key(a)):
                    idx[v] = p
                idx[key(p)] = p
        return cls(index, countries, codes, second)

    @functools.lru_cache(maxsize=4096)  # noqa: B019  (one Gazetteer per store, kept for the process's life)
    def country(self, raw) -> str:
        """Canonical short English country name ('Syria', "Côte d'Ivoire", 'DR Congo'); unknown: as written."""
        name = "" if raw is None else " ".join(str(raw).split())
        k = key(name)
        if k in self._countries:
            return self._countries[k]
        bare = key(re.sub(r"\s*\(.*?\)", "", name))  # UCDP's 'Yemen (North Yemen)'
        return self._countries.get(bare, name)

    def country_matched(self, raw) -> bool:
        """True when `raw` is a known country name."""
        return self.country(raw) in self._codes or self.country(raw) in self._index

    def provinces(self, country) -> list[str]:
        """Canonical province names known for a country (ISO first level plus aliases), sorted."""
        return sorted(set(self._index.get(self.country(country), {}).values()))

    def resolve(self, country, raw_province) -> ProvinceMatch:
        """Canonical province for `raw_province` in `country` (raw or canonical country name)."""
        return self._resolve(self.country(country), raw_province)

    @functools.lru_cache(maxsize=65536)  # noqa: B019  (one Gazetteer per store, kept for the process's life)
    def _resolve(self, country: str, raw) -> ProvinceMatch:
        if raw is None or (isinstance(raw, float) and raw != raw) or not str(raw).strip():
            return ProvinceMatch(None, False)
        idx = self._index.get(country, {})
        keys = _variants(key(raw))
        for k in keys:
            if k in idx:
                return ProvinceMatch(idx[k], True)
        sec = self._second.get(country, {})
        for k in keys:
            if k in sec:
                return ProvinceMatch(sec[k], True)
        hit = self._fuzzy(idx, keys)
        if hit:
            return ProvinceMatch(hit, True)
        shown = " ".join(str(raw).split())
        bare = re.sub(r"(?i)\s+(province|region|governorate|state|department)$", "", shown)
        return ProvinceMatch(bare or shown, False)

    def _fuzzy(self, idx: dict[str, str], keys: list[str]) -> str | None:
        from rapidfuzz import fuzz, process

        if not idx:
            return None
        best: dict[str, float] = {}
        for k in keys:
            if len(k.replace(" ", "")) < 5:
                continue
            for cand, score, _ in process.extract(k, list(idx), scorer=fuzz.ratio, limit=10):
                p = idx[cand]
                best[p] = max(best.get(p, 0.0), score)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda t: -t[1])
        top, score = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        if score >= self.FUZZY_MIN and score - runner >= self.FUZZY_MARGIN:
            return top
        return None
