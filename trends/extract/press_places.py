"""Where a press event happened: the sentence's places, the stated province, the dateline, the digest item's country."""

from __future__ import annotations

import re
from dataclasses import replace

from .divisions import first_level
from .heading_places import named_countries
from .places import COUNTRIES, COUNTRY_ADJ, PROVINCE_ONLY_COUNTRIES, canonical_country, canonical_province, find_places
from .places import key as key_of
from .press_acts import _event_pos
from .relative import MONTHS, WEEKDAYS

COUNTRIES_SET = set(COUNTRIES)
#: '... since Khorasani was arrested in April 2020': a passive act, whose agent is not the sentence's subject
#: city-provinces and the province around them: '<outside|the outskirts of> Moscow' is Moscow Oblast
_SURROUNDING = {
    ("Russia", "moscow"): "Moscow Oblast",
    ("Russia", "saint petersburg"): "Leningrad Oblast",
    ("Russia", "st petersburg"): "Leningrad Oblast",
    ("Lebanon", "beyrouth"): "Mount Lebanon",  # Beirut's suburbs (Dahiyeh) are Mount Lebanon's
    ("Lebanon", "beirut"): "Mount Lebanon",
    ("Syria", "damascus"): "Rif Dimashq",  # the governorate is the city; its countryside is Rif Dimashq's
}
#: after a country's adjective, a person: the adjective says who, not where ('a Russian national', 'a Tunisian man')
_PERSON_NOUN = re.compile(
    r"\s+(?:national|citizen|man|woman|men|women|nationals|citizens|migrant|refugee|asylum seeker|student|teenager"
    r"|convert|born)s?\b"
)
_PLACE_STOP = {"his", "her", "its", "their", "the", "this", "that", "these", "those", "when", "after", "then", "some"}
_PERSON_AFTER = re.compile(
    r"^['’]s\s+(?:successor|son|daughter|deputy|widow|brother|wife|father|death|killing|aide|men|followers|group)\b"
)
_TAKEN = re.compile(
    r"\b(?:seized|captured|overran|stormed|entered|retook|recaptured|took|besieged|besieging|blockaded|blockading)\s+"
    r"([A-Z][\w'’-]+(?:\s+(?:da|de|do|al|el)\s+[A-Z][\w'’-]+)?)\b"
    r"|\b(?:assault|attack|raid|offensive)s?\s+on\s+([A-Z][\w'’-]+)\b(?!['’]s)"
)
_PROVINCE_NAMED = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+)\s+(?:region|province|state|governorate|county|department)\b"
)
#: "in Cabo Delgado's Muidumbe district", "North Kivu's Beni territory": the possessor of a second-level unit is a
#: first-level one
_PROVINCE_POSSESSOR = re.compile(
    r"\b((?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)(?:\s+(?:province|region|state|governorate))?['’]s\s+(?:[A-Z][\w'’-]+\s+){1,3}"
    r"(?:district|territory|county|municipality|department|LGA|local government area)\b"
)
#: 'at Bariire, Lower Shabelle, before dawn', 'in Surabaya, East Java,': a place, then the first-level unit it is in
_PROVINCE_APPOS = re.compile(
    r"\b[A-Z][\w'’-]+(?:[ -](?:[A-Z][\w'’-]+|al|el|de|del|da))*,\s+(?:in\s+)?"
    r"((?:(?:al|el|as|ad|ash)-)?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})(?=\s*[,.;)]|\s+(?:on|in|at|and|before|after|during|last|this|late|early)\b|$)"
)
#: 'in the western district of Jhenaidah', 'in the province of Cabo Delgado': a unit named after its type word
_UNIT_OF = re.compile(
    r"\bthe\s+(?:(?:north|south|east|west)\w*\s+|central\s+|neighbou?ring\s+)?"
    r"(?:district|province|region|governorate|state|county|department)\s+of\s+([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)
_PROVINCE_BARE = re.compile(r"\bin\s+((?:[A-Z][\w-]+\s)?[A-Z][\w-]+)\b(?!['’]|\s+(?:district|town|city|village|camp))")
_DIRECTION_REGIONS = {
    "eastern": ("Est", "East"),
    "western": ("Ouest", "West"),
    "northern": ("Nord", "North"),
    "southern": ("Sud", "South"),
}


#: 'warplanes flying from the Misrata air academy struck ...': where a force or aircraft set out from is not where it
#: struck
_SET_OUT_FROM = re.compile(
    r"\b(?:flying|flew|flown|took\s+off|taking\s+off|launched|operating|setting\s+out|set\s+out)\s+(?:out\s+)?from\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+){0,2}$"
)


def _place_hint(text: str, s: int, e: int, hint: str | None) -> str | None:
    """The country hint for the places of text[s:e]: the dateline's or digest item's country, unless the sentence
    names another ('at a mosque in Peshawar, Pakistan' in a story datelined Kabul)."""
    named = {
        canonical_country(m.group(1))
        for m in re.finditer(
            r"(?:,\s+|\bin\s+(?:neighbou?ring\s+)?)([A-Z][\w ]{2,30}?)\b(?=[,.;]|\s+(?:on|in|and)\b)", text[s:e]
        )
        if m.group(1) in COUNTRIES_SET
    }
    if hint and named and canonical_country(hint) not in named:
        return next(iter(named)) if len(named) == 1 else None
    return hint


def _world_hint(country: str | None) -> str | None:
    """The article's country as the hint of its towns when it is none of the extractor's theatres ('Sri Lanka'):
    their towns are looked up only in a country the text names ('a church in Colombo'); a theatre's towns are
    found without it, and the story's country there is only a preference (`event_place`)."""
    from .places import _known_countries

    return country if country and canonical_country(country) not in _known_countries() else None


def _story_country(events: list[dict], since: int) -> str | None:
    """The country of the latest event the article (or digest item) told from `since` on: the country its next
    towns are looked up in first ('In Tank district' of a Pakistani story is not Tank in India)."""
    for ev in reversed(events):
        if ev["evidence"]["start"] < since:
            return None
        if ev["country"]:
            return ev["country"]
    return None


def _sentence_country(sent: str) -> str | None:
    """The one country a sentence names ('the port town Mozambique's insurgents had held'), or None."""
    found = {canonical_country(c) for c in COUNTRIES if re.search(rf"\b{re.escape(c)}\b", sent)}
    return found.pop() if len(found) == 1 else None


def _adjective_country(sent: str) -> str | None:
    """The one country a sentence names by its adjective ('Iraqi F-16 jets', 'the Malaysian island'), or None."""
    found = {
        c for adj, c in COUNTRY_ADJ.items() if c != "United States" and re.search(rf"\b{re.escape(adj)}\b", sent, re.I)
    }
    return found.pop() if len(found) == 1 else None


def _not_a_place(text: str, p) -> bool:
    """A 'town' that is a word or a person: 'His replacement', "al-Baghdadi's successor"."""
    if p.kind != "town":
        return False
    return p.name.lower() in _PLACE_STOP or bool(_PERSON_AFTER.match(text[p.end : p.end + 20]))


def _taken_towns(text: str, s: int, e: int, country: str | None = None) -> list:
    """Towns an act takes or targets ('the Taliban seized Kabul', 'the assault on Palma'), which the gazetteer
    reads only after 'in'/'near': a GeoNames town of 100,000+ people, one our gazetteer or the UCDP events know, or
    (given the article's `country`) any town of that country."""
    from .places import Place, _known_countries, town_candidates

    # a city abroad only in the article's country ('the attack on Jackson' of a story that names no United States is
    # a person's; 'Londres' an alternate name of London)
    known = _known_countries()
    out = []
    for m in _TAKEN.finditer(text, s, e):
        gi = 1 if m.group(1) else 2
        name = m.group(gi)
        if name in COUNTRIES_SET or name.lower() in _PLACE_STOP:
            continue
        for nm in [name, *([name.split()[0]] if " " in name else [])]:  # 'Mocimboa da Praia', else its first word
            c = [
                c
                for c in town_candidates(nm)
                if ((c.population or 0) >= 100_000 and c.country in known)
                or c.source == "trends"
                or c.events
                or (country and canonical_country(c.country) == canonical_country(country))
            ]
            if c:
                out.append(Place(nm, c[0].country, c[0].province, m.start(gi), m.start(gi) + len(nm), "town"))
                break
    return out


def _cities_abroad(text: str, s: int, e: int, mentions) -> list:
    """The cities of 100,000+ people a sentence names after a locative word in any country the extractor knows,
    for a sentence none of whose names is a place of the hinted country ('stormed Kangbayi prison in Beni' in a
    story datelined Kampala: Congo's Beni)."""
    from .places import town_candidates

    return [
        p
        for p in find_places(text, s, e, None)
        if p.kind == "town"
        and not any(m.start <= p.start < m.end for m in mentions)
        and not _not_a_place(text, p)
        and not _SET_OUT_FROM.search(text[max(s, p.start - 50) : p.start])
        and any(
            (c.population or 0) >= _CITY_ABROAD and canonical_country(c.country) == canonical_country(p.country)
            for c in town_candidates(p.name)
        )
    ]


#: people of a city named abroad (not a village that shares the name of a word or a person)
_CITY_ABROAD = 100_000


def province_country(sent: str) -> str | None:
    """The one country whose first-level unit a sentence names with its type word or as the possessor of a
    district ('in Ituri province's Irumu territory' -> DR Congo), for a sentence whose towns are unknown."""
    from .places import _normalizer

    g = _normalizer()
    if g is None:
        return None
    found = set()
    for m in [*_PROVINCE_POSSESSOR.finditer(sent), *_PROVINCE_NAMED.finditer(sent), *_PROVINCE_APPOS.finditer(sent)]:
        name = re.sub(r"^.*['’]s\s+", "", m.group(1))
        if m.re is _PROVINCE_APPOS and (name in COUNTRIES_SET or canonical_country(name) in COUNTRIES_SET):
            continue
        for c in (*COUNTRIES, *PROVINCE_ONLY_COUNTRIES):
            try:
                if g.resolve(c, name).matched:
                    found.add(canonical_country(c))
            except Exception:  # noqa: BLE001
                continue
    return found.pop() if len(found) == 1 else None


def _named_province(sent: str, country: str | None, bare: bool = True) -> str | None:
    """'in Cameroon's Far North region', "in Cabo Delgado's Muidumbe district" -> the canonical province, when the
    ISO gazetteer knows it; with `bare` False, only a unit said with its type word or as a district's possessor."""
    if not country:
        return None
    from .places import _normalizer

    g = _normalizer()
    for m in [
        *_PROVINCE_POSSESSOR.finditer(sent),
        *_PROVINCE_NAMED.finditer(sent),
        *_UNIT_OF.finditer(sent),
        *(_PROVINCE_BARE.finditer(sent) if bare else ()),
        *(_PROVINCE_APPOS.finditer(sent) if bare else ()),
    ]:
        name = m.group(1) if m.re in (_PROVINCE_POSSESSOR, _UNIT_OF) else re.sub(r"^.*['’]s\s+", "", m.group(1))
        if g is not None:
            r = g.resolve(country, name)
            if r.matched:
                return r.province
    # 'in eastern Burkina Faso': the region named by that direction, where the country has one (Est, East, Nord)
    for m in re.finditer(
        r"\b(?:in|of)\s+(eastern|western|northern|southern)\s+([A-Z][\w ]+?)\b(?=[,.;]|\s+on\b|$)", sent
    ):
        if g is None or canonical_country(m.group(2)) != canonical_country(country):
            continue
        for name in _DIRECTION_REGIONS[m.group(1)]:
            r = g.resolve(country, name)
            if r.matched:
                return r.province
    return None


#: a unit named with its type word ('Duhok province', 'in Lasbela district', "Benin's Alibori department")
_UNIT_WORD = re.compile(
    r"\s+(?:province|district|department|state|governorate|region|county|oblast|prefecture|division|territory"
    r"|agency|LGA)\b"
)
#: a place the sentence names that the gazetteer does not know: 'near Kaiga Kindjiria', 'in the village of Tadaress'
_OWN_PLACE = re.compile(
    r"\b(?:in|near|at|outside)\s+(?:the\s+(?:town|village|city|area|locality)\s+of\s+)?(?!The\b|the\b)"
    r"([A-Z][a-z][\w'’-]+)(?!\s+(?:said|says|told|reported|announced|police|army|forces|officials?)\b)"
)
_CALENDAR = {*MONTHS, *WEEKDAYS}
_UNIT_END = re.compile(r"\s(?:Province|County|State|Region|Governorate|District)$", re.I)
#: a name that goes on after the matched word ('Wadi al-Shay', 'Gara mountains'): the match is only its first word
_NAME_GOES_ON = re.compile(
    r"(?:[ -](?:al|el|ad|ash|as|ar|az)-\w|\s+(?:mountains?|hills?|valley|river|forest)\b| [A-Z]\w)"
)


def _unit_consistent(text: str, towns: list) -> list:
    """The sentence's towns, inside the country of the one unit it names with its type word ('struck the Gara
    mountains of Duhok province': Iraq's Duhok, not India's Gara; 'In Bela, in Lasbela district': Pakistan's Bela);
    a word that only opens a longer name ('the Wadi al-Shay area south of Kirkuk') yields to a whole name of
    another country."""
    from .places import town_candidates

    units = {canonical_country(t.country) for t in towns if _UNIT_WORD.match(text, t.end)}
    if len(units) == 1 and canonical_country(towns[0].country) not in units:
        (unit,) = units
        kept = []
        for t in towns:
            if canonical_country(t.country) == unit:
                kept.append(t)
            elif alt := [c for c in town_candidates(t.name, unit) if canonical_country(c.country) == unit]:
                kept.append(replace(t, country=alt[0].country, province_raw=alt[0].province))
        return kept or towns
    if (
        len(towns) > 1
        and towns[0].kind == "town"
        and _NAME_GOES_ON.match(text, towns[0].end)
        and (whole := [t for t in towns[1:] if not _NAME_GOES_ON.match(text, t.end)])
        and canonical_country(whole[0].country) != canonical_country(towns[0].country)
    ):
        return whole + [t for t in towns if t not in whole]
    return towns


def event_place(
    text: str,
    s: int,
    e: int,
    fs: int,
    dl: int | None,
    mentions,
    home,
    item_country,
    doc_country,
    title_place,
    reason: list[str],
):
    """(town or None, country, province_raw) of the event sentence text[s:e] (its act clause from `fs`): a stated
    province wins over a town's, then the dateline city (`home`), the digest item's country, the title's place;
    `reason` gets what lowers the confidence."""
    sent = text[s:e]
    ps = dl if dl and s <= dl <= e else fs
    places = [
        p
        for p in find_places(
            text,
            ps,
            e,
            _place_hint(text, ps, e, (home.country if home else None) or item_country or _world_hint(doc_country)),
        )
        + _taken_towns(
            text,
            ps,
            e,
            _sentence_country(text[ps:e])
            or _place_hint(text, ps, e, (home.country if home else None) or item_country or doc_country),
        )
        if not any(m.start <= p.start < m.end for m in mentions)
        and not _not_a_place(text, p)
        and not (p.kind == "town" and _SET_OUT_FROM.search(text[max(s, p.start - 50) : p.start]))
    ]
    places.sort(key=lambda p: p.start)
    if not any(p.kind in ("town", "province") for p in places):
        places = sorted(places + _cities_abroad(text, ps, e, mentions), key=lambda p: p.start)
    towns = [p for p in places if p.kind in ("town", "province")]
    provs = [p for p in towns if p.kind == "province"]
    if (
        provs
        and towns[0].kind == "town"
        and canonical_province(towns[0].country, towns[0].province_raw)
        != canonical_province(provs[0].country, provs[0].province_raw)
    ):
        towns = provs + towns  # 'near Koutougou in the Tillaberi region': the stated province wins
    country = towns[0].country if towns else next((p.country for p in places if p.kind == "country"), None)
    if country is None:
        for adj, c in COUNTRY_ADJ.items():
            am = re.search(rf"\b{adj}\b", sent, re.I)
            # an adjective inside a name is no country ('the Luul Yemeni restaurant' in Mogadishu), nor one that says
            # who a person is ('a Tajik and a Russian national', 'a Tunisian man')
            if (
                am
                and c not in ("United States",)
                and not re.search(r"\b[A-Z][\w'’-]+\s+$", sent[: am.start()])
                and not _PERSON_NOUN.match(sent, am.end())
                # 'Russian aircraft joined the bombardment' of a Syrian story: whose the acting force is, not where it
                # struck (a force named after the act is its victim: 'killed five Mozambican soldiers')
                and not (
                    any(m.is_state and m.start <= s + am.start() < m.end for m in mentions)
                    and am.start() < _event_pos(sent)
                    and (here := doc_country or (home.country if home else None) or item_country)
                    and canonical_country(here) != canonical_country(c)
                )
            ):
                country = c
                break
    if country is None:
        # 'In Germany, a Syrian asylum seeker blew himself up': a country of the world the sentence puts the act in
        country = next(
            (c for c, a, _ in named_countries(sent) if re.search(r"\bin\s+$", sent[max(0, a - 4) : a], re.I)), None
        )
    named = [
        canonical_country(p.country)
        for p in places
        if p.kind == "country"
        and re.search(r"\bin\s+(?:neighbou?ring\s+)?$", text[max(s, p.start - 20) : p.start], re.I)
    ]
    if towns and named and canonical_country(towns[0].country) not in named:
        from .places import town_candidates

        alt = town_candidates(towns[0].name, named[0])
        towns = []
        country = named[0]
        if alt:
            country = alt[0].country
            towns = [
                replace(
                    places[0],
                    name=alt[0].name,
                    country=alt[0].country,
                    province_raw=alt[0].province,
                    kind="town",
                )
            ]
    if towns and not named:
        towns = _unit_consistent(text, towns)
        country = towns[0].country if towns else country
    # the story's country, else the one country the sentence names by its adjective ('Iraqi F-16 jets struck ...')
    story = canonical_country(doc_country) if doc_country else _adjective_country(sent)
    if (
        towns
        and not named
        and story
        and towns[0].kind == "town"
        and canonical_country(towns[0].country) != story
        and not _sentence_country(sent)
    ):
        from .places import town_candidates

        # 'In Tank district, TTP fighters stormed ...' of a Pakistani story: the story's Tank, not India's
        alt = town_candidates(towns[0].name, story)
        later = [t for t in towns[1:] if canonical_country(t.country) == story]
        if alt and canonical_country(alt[0].country) == story:
            towns = [
                replace(towns[0], country=alt[0].country, province_raw=alt[0].province),
                *towns[1:],
            ]
            country = alt[0].country
        elif later:
            # 'in Wadi al-Shay, south of Kirkuk' of an Iraqi story: 'Wadi' is Algeria's only; Kirkuk is the story's
            towns = later + [t for t in towns if t not in later]
            country = later[0].country
    province_raw = towns[0].province_raw if towns else None
    if towns and towns[0].kind == "town":
        around = _SURROUNDING.get((canonical_country(towns[0].country), key_of(towns[0].province_raw or "")))
        if around and (
            re.search(
                r"\b(?:outskirts of|outside|near|suburbs? of|region around|(?:north|south|east|west)(?:-?(?:east|west))?"
                r"(?:ern)?\s+of)\s+(?:the\s+(?:city|capital)\s+of\s+)?$",
                text[max(s, towns[0].start - 40) : towns[0].start],
                re.I,
            )
            or re.match(r"['’]s\s+(?:\w+ern\s+)?(?:suburbs|outskirts)\b", text[towns[0].end : towns[0].end + 30])
        ):
            province_raw = around  # 'in the outskirts of Moscow': the oblast around the federal city
    if country is None and not towns:
        country = province_country(text[fs:e])  # 'in Ituri province's Irumu territory': DR Congo
    if country and canonical_country(country) == "Sinai":
        country = "Egypt"  # 'near Rumana, North Sinai': the peninsula is Egypt's; its province is named or left open
    # a unit the sentence names with its type word ('attacked the airfield in Lamu County') is not overruled by a
    # city named bare in another clause ('stormed a mall in Nairobi in 2013, and on January 5, 2020, ...')
    said = (
        bool(towns)
        and towns[0].kind == "province"
        and bool(_UNIT_WORD.match(text, towns[0].end) or _UNIT_END.search(towns[0].name))
    )
    pr = _named_province(
        text[fs:e], country or item_country or doc_country or (home.country if home else None), bare=not said
    )
    for other in (doc_country, _adjective_country(text[fs:e])):
        if pr is None and other and canonical_country(country) != canonical_country(other):
            pr = _named_province(text[fs:e], other)
            # 'Adan Yabaal in Middle Shabelle' in an article about Somalia: not Aden, Yemen; 'the Malaysian
            # island of Sipadan, in Sabah': Malaysia's Sabah, not a Sabah of Burkina Faso
            if pr:
                country = other
                towns = [t for t in towns if canonical_country(t.country) == canonical_country(other)]
                province_raw = None
    # 'near Tin-Akoff, in Oudalan province': a unit that the gazetteer places inside the town's own first-level
    # region is a second-level one (Burkina Faso's provinces, Nigeria's LGAs), not a competing province
    inner = pr is not None and any(
        p.name.lower() == pr.lower()
        and p.province_raw
        and canonical_province(p.country, p.province_raw) == canonical_province(country, province_raw)
        and canonical_province(p.country, p.province_raw) != pr
        for p in places
    )
    if pr and not inner and (province_raw is None or canonical_province(country, province_raw) != pr):
        province_raw = pr  # 'at Buulo Mareer in Lower Shabelle': the stated province wins over the town's
        country = country or item_country or doc_country or (home.country if home else None)
    if not places and country is None and doc_country:
        # 'which Kabul police said killed five' in an Afghan story: a city of the story's country, named without a
        # locative word, where the sentence names no other place
        there = [
            p
            for p in find_places(text, ps, e, doc_country)
            if p.kind == "town"
            and canonical_country(p.country) == canonical_country(doc_country)
            and not any(m.start <= p.start < m.end for m in mentions)
            and not _SET_OUT_FROM.search(text[max(s, p.start - 50) : p.start])
        ]
        if there:
            towns, country, province_raw = there[:1], there[0].country, there[0].province_raw
    if not towns and home and country is None:
        # the dateline is where the story was filed: the act is there only when its sentence names no place of its
        # own ('raided a camp near Kaiga Kindjiria', a village the gazetteer lacks); else only its country
        own = [m for m in _OWN_PLACE.finditer(text, fs, e) if m.group(1).lower() not in _CALENDAR]
        if own and not any(p.kind == "country" for p in places):
            country = home.country
            reason.append("country from the dateline")
        else:
            country, province_raw = home.country, home.province
            reason.append("place from the dateline")
    from .press_lines import label_place

    if not towns and country is None and (lp := label_place(sent, doc_country or item_country)) is not None:
        country, province_raw = lp.country, lp.province_raw  # '• South Waziristan: TTP fighters ambushed ...'
        reason.append("place from the line's label")
    if not places and country is None and title_place is not None:
        country, province_raw = title_place.country, title_place.province_raw
        reason.append("place from the heading or title")
    # 'in Seno province' of Burkina Faso, 'in Jhenaidah district' of Bangladesh: a unit under the first level is
    # the first-level division it lies in (the Philippines' provinces stay: analysts use them)
    province_raw = first_level(country, province_raw)
    return (towns[0] if towns else None), country, province_raw
