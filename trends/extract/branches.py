"""Which branch of the Islamic State acted where: a report that writes 'ISIS' (or the pre-2022 'Central Africa
Province') for an attack in Mozambique means the branch that fights there, as an analyst reading it would count.

Only countries where one branch operates are mapped; Niger is split by province (Diffa: West Africa Province, the
rest: Sahel Province); Syria, Iraq and every country with more than one branch keep the family name."""

from __future__ import annotations

from datetime import date

from .actors import resolve_actor

#: country -> the one IS branch operating there (canonical names of the actor registry)
BRANCH_BY_COUNTRY = {
    "Mozambique": "IS Mozambique",
    "Somalia": "IS Somalia",
    "Egypt": "IS Sinai",
    "Afghanistan": "ISKP",
    "Nigeria": "ISWAP",
    "Chad": "ISWAP",
    "Cameroon": "ISWAP",
    "Mali": "IS Sahel",
    "Burkina Faso": "IS Sahel",
    "DR Congo": "ISCAP",  # the ADF-rooted Central Africa Province (claims in Beni, Ituri since 2019)
    "Uganda": "ISCAP",
    "Philippines": "IS East Asia",  # the East Asia Province (Marawi, Jolo; Indonesia's JAD pledged but is its own)
    "Libya": "IS Libya",
}
#: (country, province) -> branch where the country has more than one
BRANCH_BY_PROVINCE = {("Niger", "Diffa"): "ISWAP"}
_SPLIT_COUNTRIES = {"Niger": "IS Sahel"}
#: branches named for a wider region that the country's own branch replaced ('Central Africa' in Mozambique)
_REGIONAL = {"ISCAP": {"Mozambique"}}
_FIRST_YEAR = 2015  # the provinces were declared from 2014-2015 on; before that 'ISIS' stays the family


def branch_actor(actor: str, country: str | None, province: str | None, on: date | None = None) -> str:
    """The branch for a family-level IS actor in `country` ('Islamic State' in Mozambique -> 'IS Mozambique');
    any other actor, or a country with several branches, unchanged."""
    if not country or (on is not None and on.year < _FIRST_YEAR):
        return actor
    regional = actor in _REGIONAL and country in _REGIONAL[actor]
    if actor != "Islamic State" and not regional:
        return actor
    b = BRANCH_BY_PROVINCE.get((country, province or "")) or BRANCH_BY_COUNTRY.get(country)
    b = b or _SPLIT_COUNTRIES.get(country)
    return resolve_actor(b, on).actor if b else actor
