"""Who acted: group names and state forces named in a sentence, resolved through the alias registry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .places import COUNTRIES, COUNTRY_ADJ

#: '<Islamic State>'s Mozambique branch' names the affiliate of that country
_COUNTRY_BRANCH = (
    r"(?:Mozambique|Somalia|Sahel|Khorasan|West Africa|Central Africa|East Asia|Pakistan|Libya|Yemen|Sinai|Hind)"
)
#: surface patterns of armed groups; the matched text is what goes to ActorRegistry.resolve
_PROVINCES = r"(?:West Africa|Sahel|Khorasan|Central Africa|Mozambique|Somalia|Pakistan|Hind|Sinai|East Asia)"
GROUPS = re.compile(
    rf"\b(?:Islamic State|IS|ISIS)(?:'s|’s)? {_COUNTRY_BRANCH} (?:branch|affiliate|province|wing|chapter)\b"
    rf"|\b(?:ISIS|ISIL|IS|Daesh)(?:'s|’s)? {_PROVINCES} Province\b"
    rf"|\bIslamic State(?:'s|’s)? (?:{_PROVINCES[3:-1]}|Sahara)(?: Province)?"
    r"|\bIS(?:IS)?-?(?:WAP|SP|KP|K|CAP|GS|PP)\b|\bISGS\b|\bISPP\b|\bJNIM\b"
    r"|\bJama['’]?at (?:wa )?Nusrat (?:wa )?al[- ]Islam wa[l]?[- ](?:al[- ])?Muslim(?:in|een)\b"
    r"|\bIS(?:IS)? (?:Mozambique|Sahel|Somalia|Sinai|Pakistan|Khorasan|Hind|Central Africa|West Africa|Libya|Yemen)\b"
    r"|\b(?i:al)[- ]?(?i:shabaa?b)\b|\bHarakat al[- ]Shabaab(?: al[- ]Mujahideen)?\b|\bHay['’]?at Tahrir al[- ]Sham\b|\bHTS\b|\bBoko Haram\b|\bJAS\b|\bAQAP\b|\bAQIM\b"
    r"|\b[Aa]l[- ]Qa['’]?e?da(?: in the Arabian Peninsula| in the Islamic Maghreb)?\b|\bAnsar(?:oul|ul| al-) ?Islam\b"
    r"|\bHurr?as al[- ]Din\b|\bTehr(?:i|ee)k[- ][ei][- ]Taliban[- ]Pakistan\b|\bTTP\b|\bTehr(?:i|ee)k[- ]e[- ]Jihad[- ]Pakistan\b|\bTJP\b|\bPakistani Taliban\b"
    r"|\bHaqqani Network\b|\bIslamic Resistance in Iraq\b|\bKata['’]?ib Hez?bollah\b|\bHez?bollah\b|\bHouthis?\b"
    r"|\bAnsar ?Allah\b|\bAllied Democratic Forces\b|\bADF\b|\bAnsaru\b|\bLakurawa\b"
    # the Nusra lineage by its names ('Jabhat Fatah al-Sham (formerly the Nusra Front)'), the Turkish-backed SNA
    r"|\bJabhat (?:Fat[ae]h al[- ]Sham|al[- ]Nusra)\b|\b(?:al[- ])?Nusra Front\b|\bJFS\b"
    r"|\b(?:Turkish-backed )?Syrian National Army(?:\s*\(SNA\))?"
    # an IS province by its own name alone ('Sinai Province operatives'); never Egypt's 'North Sinai Province'
    rf"|\b(?=[A-Z])(?<!North )(?<!South )(?<!North-)(?<!its ){_PROVINCES} Province\b"
    r"|\bTaliban\b|\bISIS\b|\bISIL\b|\bDaesh\b|\bIslamic State\b|\bIS\b"
)
#: forces that act against the groups (counter-terrorism): label is the actor written to the event
FORCES = [
    (re.compile(p), label)
    for p, label in [
        (r"\b(?:SDF|Syrian Democratic Forces|InSF|Internal Security Forces|Asayish)\b", "SDF"),
        (r"\b(?:PMF|Popular Mobili[sz]ation(?: Forces| Units)?|Hashd al-Shaabi)\b", "Popular Mobilization Forces"),
        (r"\b(?:Peshmerga)\b", "Peshmerga"),
        (
            r"\b(?:CENTCOM|U\.?S\.? Central Command|AFRICOM|U\.?S\.? Africa Command)\b",
            "Government of United States",
        ),
        (r"\b(?:ISF|Iraqi Security Forces|Counter[- ]Terrorism Service|CTS)\b", "Government of Iraq"),
        # national armies and units known by their acronym or name alone ('SNA Danab special forces raided ...')
        (r"\b(?:SNA|Somali National Army|Danab)\b", "Government of Somalia"),
        (r"\bFAMa\b", "Government of Mali"),
        (r"\bFARDC\b", "Government of Democratic Republic of the Congo"),
        (r"\b(?:ANDSF|ANSF)\b", "Government of Afghanistan"),
        (r"\bWagner(?: Group)?\b", "Wagner Group"),
        # an army that is not a state's: Haftar's forces in eastern Libya
        (r"\b(?:Libyan National Army|LNA)\b", "Libyan National Army"),
    ]
]
#: named forces that are no state's own
_NON_STATE_FORCES = ("Wagner Group", "Libyan National Army")
_STATE_COUNTRIES = "|".join(re.escape(c) for c in COUNTRIES if c not in ("Sinai",))
#: a state force named as the one acting ('Iraqi F-16s', 'A US drone strike', 'security forces')
STATE = re.compile(
    # 'warplanes of the Saudi-led coalition', 'the U.S.-led coalition said its aircraft ...': the leading state
    r"(?<![\w.])(?P<ledby>US|U\.S\.|American|Saudi|Russian|French|Turkish|Emirati)[- ]led\s+(?:military\s+|international\s+"
    r"|Arab\s+)?coalition\b(?:['’]s)?(?:\s+(?:forces|aircraft|warplanes|jets|troops|air\s*strikes?|strikes?))?"
    r"|(?<![\w.])(?P<adj>Iraqi|Syrian|Nigerian|Nigerien|Malian|Burkinabe|Burkinabé|Afghan|Somali|Mozambican|Russian|US|U\.S\."
    r"|American|Turkish|French|Egyptian|Pakistani|Cameroonian|Chadian|Somalian|Kenyan|Beninese|Togolese|Congolese"
    r"|Ugandan|Tunisian|Algerian|Libyan|Yemeni|Indian|Filipino|Rwandan|Tanzanian|Ivorian|Ghanaian|Kenyan"
    r"|Ethiopian|Israeli|Iranian|Jordanian|Lebanese|Saudi|Emirati|Tajik|Uzbek|Bangladeshi|Indonesian|Philippine|Belgian"
    r"|British|German|Spanish|Italian|Dutch|Sudanese|Moroccan|Senegalese|Mauritanian|Burundian|coalition|regime)(?!\w)"
    # 'Afghan National Directorate of Security (NDS) officers': a capitalised institution's name between them
    # 'French Rafale and Mirage jets': the models of its aircraft
    r"(?:(?:\s+[\w-]+){0,2}?|(?-i:(?:\s+(?:[A-Z][\w-]*|of|\([A-Z][\w.]{1,8}\))){3,6}?)"
    r"|(?-i:\s+[A-Z][\w-]*\s+and\s+[A-Z][\w-]*))\s*"
    r"(?P<what>forces|army|troops|soldiers|aircraft|air force|F-16s?|jets|warplanes|drones?|police|security|officers|"
    r"(?<=Syrian )regime|"
    r"counter[- ]?terrorism|military|helicopters?|strikes?|airstrikes?|special forces|intelligence|junta"
    r"|raids?|commandos?|service-?members|ministry of (?:the )?(?:interior|defen[cs]e)|(?:interior|defen[cs]e) ministry)\b"
    r"|\b(?P<plain>security forces|the army|the police|counterterrorism forces|the junta"
    # 'Air Force FA-50 jets dropped bombs', 'the defence ministry said its forces killed', a state agency by its name
    r"|(?-i:Air Force)|the (?:defen[cs]e|interior) ministry|(?-i:National (?:Intelligence|Security)(?: and (?:Security"
    r"|Intelligence))? (?:Agency|Service|Directorate)))\b"
    r"|\b(?P<gov>government|state|national|federal)\s+(?:troops|forces|soldiers|army)\b"
    r"|\b(?P<govs>(?:interim\s+|transitional\s+|new\s+)?government['’]s\s+(?:[\w-]+\s+){0,2}?(?:forces|troops|army|police"
    r"|(?:security|intelligence)(?:\s+services?)?|service|services))\b"
    rf"|\b(?P<cty>{_STATE_COUNTRIES})['’]s\s+(?:[\w-]+\s+)?(?:army|armed forces|forces|military|troops|soldiers"
    r"|defen[cs]e ministry|ministry of defen[cs]e|police|air force|navy|security forces|intelligence"
    r"|interior ministry|ministry of (?:the )?interior|security agency|security services?"
    r"|counter[- ]?terrorism (?:department|police|forces|service))\b"
    # 'Rwanda Defence Force (RDF) troops', 'Mali Armed Forces': the country's name before its force's own name
    rf"|\b(?P<ctyf>{_STATE_COUNTRIES}|Rwanda|Tanzania|Ethiopia|Burundi|South Africa|France|Ghana|Senegal)\s+(?:National\s+)?(?-i:Defen[cs]e\s+Forces?|Armed\s+Forces|Army|Air\s+Force)\b"
    r"|(?<![\w.])(?P<lead>US|U\.S\.|American|Russian|Turkish|French|Iraqi|Syrian|Nigerian|Afghan|Pakistani|Somali)"
    r"\s+President\b[^.;]{0,40}?\bordered\b",
    re.I,
)
_FOREIGN = {
    "US": "United States",
    "U.S.": "United States",
    "AMERICAN": "United States",
    "RUSSIAN": "Russia",
    "TURKISH": "Turkey",
    "FRENCH": "France",
    "COALITION": "United States",
    # the demonyms the places table does not hold
    "FILIPINO": "Philippines",
    "PHILIPPINE": "Philippines",
    "BELGIAN": "Belgium",
    "BRITISH": "United Kingdom",
    "GERMAN": "Germany",
    "SPANISH": "Spain",
    "ITALIAN": "Italy",
    "DUTCH": "Netherlands",
    "SUDANESE": "Sudan",
    "MOROCCAN": "Morocco",
    "SENEGALESE": "Senegal",
    "MAURITANIAN": "Mauritania",
    "BURUNDIAN": "Burundi",
    "SAUDI": "Saudi Arabia",
    "EMIRATI": "United Arab Emirates",
    "TAJIK": "Tajikistan",
    "UZBEK": "Uzbekistan",
    "BANGLADESHI": "Bangladesh",
    "IVORIAN": "Côte d'Ivoire",
    "GHANAIAN": "Ghana",
}


@dataclass(frozen=True)
class Mention:
    raw: str
    start: int
    end: int
    is_state: bool
    country: str | None = None  # for state forces: the state
    label: str | None = None  # for named forces (SDF, CENTCOM): the actor to write


def find_actors(text: str, start: int, end: int, registry: bool = False) -> list[Mention]:
    """Group, named-force and state-force mentions in text[start:end], in text order; with `registry`, also the
    registry's group names of two words or more (the report reader; press prose has its own name search)."""
    out = [Mention(m.group(), m.start(), m.end(), False) for m in GROUPS.finditer(text, start, end)]
    for rx, label in FORCES:
        for m in rx.finditer(text, start, end):
            if not any(a.start <= m.start() < a.end for a in out):
                out.append(Mention(m.group(), m.start(), m.end(), label not in _NON_STATE_FORCES, None, label))
    for m in _registry_names().finditer(text, start, end) if registry else ():
        # a group the registry knows by a name of two words or more ('Balochistan Liberation Army operatives')
        if not any(a.start < m.end() and m.start() < a.end for a in out):
            out.append(Mention(m.group(), m.start(), m.end(), False))
    for m in STATE.finditer(text, start, end):
        if any(a.start <= m.start() < a.end or m.start() <= a.start < m.end() for a in out):
            continue
        if m.group("plain") or m.group("gov") or m.group("govs"):
            out.append(Mention(m.group(), m.start(), m.end(), True, None))
            continue
        if m.group("cty") or m.group("ctyf"):
            out.append(Mention(m.group(), m.start(), m.end(), True, m.group("cty") or m.group("ctyf")))
            continue
        adj = m.group("ledby") or m.group("adj") or m.group("lead")
        if adj.lower() in ("regime", "junta"):
            country = "Syria" if adj.lower() == "regime" else None
        else:
            country = _FOREIGN.get(adj.upper()) or COUNTRY_ADJ.get(adj.lower())
        out.append(Mention(m.group(), m.start(), m.end(), True, country))
    return sorted(out, key=lambda a: a.start)


def state_actor(country: str | None) -> str | None:
    """'Government of Iraq' for a state's forces, 'Government of United States' for a foreign power's."""
    if not country:
        return None
    return f"Government of {country}"


@lru_cache(maxsize=1)
def _registry():
    try:
        from ..normalize import ActorRegistry

        return ActorRegistry.load()
    except Exception:  # noqa: BLE001 - normalise stage not installed yet: fall back to our own labels
        return None


@lru_cache(maxsize=1)
def registry_aliases() -> frozenset[str]:
    """Every spelling of the shipped actor registry (trends/data/actor_aliases.csv), stripped."""
    import csv
    from importlib.resources import files

    with (files("trends") / "data" / "actor_aliases.csv").open(encoding="utf-8") as f:
        return frozenset((row.get("alias") or "").strip() for row in csv.DictReader(f))


@lru_cache(maxsize=1)
def _registry_names() -> re.Pattern:
    """The registry's group names of two words or more that GROUPS does not spell itself (its own names carry
    context rules: 'Sinai Province' is never Egypt's 'North Sinai Province'); case-sensitive, whole names."""
    names = {
        a for a in registry_aliases() if re.fullmatch(r"[A-Z][\w'’ -]+", a) and " " in a and not GROUPS.fullmatch(a)
    }
    if not names:
        return re.compile(r"(?!)")
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


_FALLBACK = [
    (re.compile(p, re.I), name)
    for p, name in [
        (r"west africa|iswap", "Islamic State West Africa Province"),
        (r"sahel|issp|isgs|greater sahara", "Islamic State Sahel Province"),
        (r"khorasan|iskp|isis-k", "Islamic State Khorasan Province"),
        (r"jnim|nusrat", "JNIM"),
        (r"shabaa?b", "al-Shabaab"),
        (r"hts|tahrir", "Hayat Tahrir al-Sham"),
        (r"boko haram|\bjas\b", "Boko Haram"),
        (r"taliban", "Taliban"),
        (r"aqap|arabian", "AQAP"),
        (r"aqim|maghreb", "AQIM"),
        (r"qa'?e?da", "al-Qaeda"),
        (r"ansar", "Ansarul Islam"),
        (r"hurr?as", "Hurras al-Din"),
        (r"isis|isil|daesh|islamic state|^is$", "Islamic State"),
    ]
]


@dataclass(frozen=True)
class ActorName:
    actor: str
    family: str | None
    matched: bool


def resolve_actor(raw: str, on: date | None = None) -> ActorName:
    """Canonical actor through trends.normalize.ActorRegistry (H2); a small built-in map when it is absent."""
    raw = raw.strip()
    if raw.startswith("Government of "):
        # one name per state: 'Government of Democratic Republic of the Congo' = 'Government of DR Congo'
        from .places import canonical_country

        raw = "Government of " + (canonical_country(raw[len("Government of ") :]) or raw[len("Government of ") :])
    # 'ISIS Sahel Province' is the registry's 'Islamic State Sahel Province'
    raw = re.sub(rf"^(?:ISIS|ISIL|IS|Daesh)(?:'s)?\s+(?={_PROVINCES} Province\b)", "Islamic State ", raw)
    # 'Sinai Province' alone is the IS province of that name
    raw = re.sub(rf"^(?:the\s+)?(?={_PROVINCES} Province$)", "Islamic State ", raw, flags=re.I)
    # "the Islamic State's Mozambique branch" / "Islamic State's Mozambique" -> 'Islamic State Mozambique Province'
    raw = re.sub(
        rf"^(?:the\s+)?(?:Islamic State|ISIS|ISIL|IS|Daesh)(?:'s|’s)\s+({_COUNTRY_BRANCH})"
        r"(?:\s+(?:branch|affiliate|province|wing|chapter))?$",
        r"Islamic State \1 Province",
        raw,
        flags=re.I,
    )
    reg = _registry()
    if reg is not None:
        try:
            m = reg.resolve(raw, on)
            return ActorName(m.actor, m.family, bool(m.matched))
        except Exception:  # noqa: BLE001
            pass
    if raw.startswith("Government of ") or raw in set(_FOREIGN.values()):
        return ActorName(raw, None, True)
    for rx, name in _FALLBACK:
        if rx.search(raw):
            fam = (
                "Islamic State"
                if name.startswith("Islamic State")
                else ("al-Qaeda" if name in ("JNIM", "al-Shabaab", "AQAP", "AQIM", "al-Qaeda") else None)
            )
            return ActorName(name, fam, True)
    return ActorName(raw, None, False)
