"""The kind of a press act once its agent is known: a state force raids, a group attacks; the weapons its
attackers carry, the target's own end and the clause that tells how it was done (split from `press_acts`)."""

from __future__ import annotations

import re

from .event_types import DRIVEN_BOMB, event_type
from .own_clause import own_clause
from .press_acts import (
    _AFTER_ADJUNCT,
    _IN_AN,
    _SOURCE_TAIL,
    _TARGETED_PERSON,
    _WHEN_LEAD,
    _act_clause,
    _event_pos,
    _press_type,
)
from .press_dates import _CAME_AFTER

#: weapons that describe the attackers ('militants armed with rifles and rocket-propelled grenades attacked'),
#: not the act
#: what forces seize in a raid ('..., arresting four suspects and seizing explosive belts'): no kind of the act
_SEIZED_ARMS = re.compile(
    r",?\s+(?:and\s+)?(?:seiz|confiscat|recover)(?:ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:weapons|arms|explosives|belts|vests"
    r"|ammunition|rifles|guns|grenades|devices|materials?|equipment|documents|cash|drugs|phones|laptops)\b",
    re.I,
)
_ARMED_WITH = re.compile(
    r"\b(?:armed with|carrying|equipped with)\s+[^,;.]{0,80}?(?=\s+(?:attacked|stormed|ambushed|opened|raided|killed"
    r"|fell|overran|struck|seized)\b)",
    re.I,
)


#: a relative clause telling how the target of a raid died by his own hand ('..., where the IS leader blew himself
#: up', '... in which he detonated his suicide vest')
_SELF_BLAST = re.compile(
    r",?\s+(?:where|in which|during which|as)\s+[^.;]{0,80}?\b(?:blew\s+(?:himself|herself|themselves)\s+up"
    r"|detonated\s+(?:his|her|their|an?)\s+(?:explosive\s+|suicide\s+)?(?:vests?|belts?))\b[^.;]*",
    re.I,
)


def without_weapons(sent: str) -> str:
    """The sentence without the weapons its attackers carry (for typing the act), and without the self-detonation
    of a raid's target: the raid is the act ('US special forces raided a compound ..., where the IS leader blew
    himself up')."""
    out = _SEIZED_ARMS.sub("", _ARMED_WITH.sub("", sent))
    m = _SELF_BLAST.search(out)
    if m and event_type(out[: m.start()], by_state=True) == "arrest/raid" and event_type(out[: m.start()]) is None:
        out = out[: m.start()] + out[m.end() :]
    return out


#: a relative clause that describes the act named before it
_IN_WHICH = re.compile(r",?\s+(?:in|during)\s+which\s+([^.;]+)", re.I)


def refine_type(tsent: str, sent: str, etype: str, by_state: bool, governing: bool) -> str | None:
    """The kind of the act once its agent is known (a state force raids, a group attacks); None when the act's
    clause names none."""
    whole = event_type(tsent, by_state=by_state or governing)
    etype = (
        # 'stabbed and beheaded Samuel Paty, a history teacher': the victim's role, after the act's clause, makes
        # the killing targeted
        (whole if whole == "assassination" else None)
        or event_type(_act_clause(own_clause(tsent)), by_state=by_state or governing)
        or whole
        or _press_type(tsent)
        or (etype if etype != "arrest/raid" or by_state else None)
    )
    if etype is None:
        return None
    if re.search(
        r"\b(?:fighter jets|jets|warplanes|aircraft|helicopter gunships|gunships)\b[^.;]{0,60}?"
        r"\b(?:pounded|bombarded|hit|struck|bombed|strafed)\b",
        tsent,
        re.I,
    ) and not re.search(
        r"\b(?:backed|supported)\s+by\s+(?:[\w-]+\s+){0,2}(?:jets|warplanes|aircraft|helicopter)", tsent, re.I
    ):
        etype = "airstrike"  # 'fighter jets and long-range artillery pounded ADF camps': the air strike leads
    if re.search(
        r"\brammed\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:vehicle|car|truck|lorry|van)\s+(?:packed|laden|loaded|filled|rigged)"
        r"\s+with\s+explosives\b",
        tsent,
        re.I,
    ):
        etype = "suicide attack"  # a vehicle packed with explosives rammed into a gate: a suicide car bombing
    rel = _IN_WHICH.search(tsent, _event_pos(tsent))
    if etype == "attack" and not by_state and rel:
        # 'the January 2 attack on a bus ..., in which gunmen opened fire and killed three': the clause that tells
        # how the act was done gives its kind
        kind = event_type(rel.group(1))
        etype = kind if kind not in (None, "attack", "arrest/raid") else etype
    im = _IN_AN.search(tsent)
    if etype == "attack" and not by_state and im:
        # 'militants killed four soldiers in an ambush near ...': the act's own kind
        etype = event_type(im.group(), by_state=False) or _press_type(im.group()) or etype
    if (
        etype == "attack"
        and not by_state
        and re.search(r"\b(?:took|taking|seized|seizing)\s+(?:[\w,-]+\s+){0,5}?(?:hostages?|captive)\b", tsent, re.I)
    ):
        etype = "kidnapping"  # 'stormed the train and took more than 400 passengers hostage': a hostage-taking
    if re.search(
        r"\b(?:drove|rammed|drove\s+(?:an?\s+|two\s+|three\s+)?)\s*(?:an?\s+|two\s+|three\s+)?explosives?[- ]"
        r"(?:laden|packed|filled|rigged)\s+(?:vehicles?|cars?|trucks?|lorr(?:y|ies))\s+into\b",
        tsent,
        re.I,
    ) and etype in ("attack", "IED"):
        etype = "suicide attack"  # 'drove two explosives-laden vehicles into an army base': a suicide car bombing
    if etype in ("attack", "IED", "shooting") and DRIVEN_BOMB.search(tsent):
        etype = "suicide attack"  # a vehicle bomb its driver takes into the target: a suicide car bombing
    if etype in ("attack", "IED") and re.search(
        r"\b(?:detonated|set off|triggered)\b[^.;]{0,60}?,\s+killing\s+(?:himself|herself|themselves)\b", tsent, re.I
    ):
        etype = "suicide attack"  # 'three men inside then detonated explosives, killing themselves and 12 others'
    lead = _WHEN_LEAD.match(sent)
    if re.search(r"\bsuicide (?:bomber|attack|bombing|car bomb)", lead.group() if lead else "", re.I) and etype in (
        "attack",
        "shooting",
        "IED",
    ):
        etype = "suicide attack"  # 'When a suicide bomber walked into a crowd ..., killing 21, he struck at ...'
    if re.search(r"\bsuicide (?:bomber|attack|bombing|car bomb)", tsent, re.I) and etype in (
        "attack",
        "shooting",
        "IED",
    ):
        etype = "suicide attack"
    if (
        etype == "arrest/raid"
        and _press_type(tsent) == "attack"
        and not re.search(r"\barrest|\bdetain|\bapprehend", tsent, re.I)
        and not _TARGETED_PERSON.search(tsent)
    ):
        etype = "attack"  # forces that capture a town fight for it
    if (
        etype == "shooting"
        and not re.search(
            r"\bopened fire|\bshot\b|\bshooting|\bgunfire|\bsnipers?\b|\bfired\b|\bguns?\b", _act_clause(tsent), re.I
        )
        and re.search(
            r"\b(?:in|during)\s+an?\s+(?:[\w-]+\s+)?(?:attack|raid|assault)\s+on\b"
            r"|\bgunmen\s+(?:stormed|attacked|raided|overran|seized)\b",
            tsent,
            re.I,
        )
    ):
        etype = "attack"  # 'gunmen killed 11 ... in an attack on a village': the perpetrator, not the act
    if etype == "attack" and not by_state and _STORMED_SHOOTING.search(tsent):
        etype = "shooting"  # 'gunmen stormed a maternity ward, shooting dead 24 people': the storming was a shooting
    if _press_type(tsent) == "IED" and etype in ("attack", "shooting"):
        etype = "IED"
    if by_state and re.search(
        r"\b(?:air|aerial)\s+(?:and\s+ground\s+)?(?:assault|strikes?|raids?|attack|bombardment)\b", tsent, re.I
    ):
        return "airstrike"  # 'the military killed 11 fighters in an air and ground assault'
    if by_state and etype in ("attack", "shooting") and _TARGETED_PERSON.search(_SOURCE_TAIL.sub("", tsent)):
        etype = "arrest/raid"  # forces killing or capturing a named leader: a counter-terrorism raid
    # 'The bombing came a day after fighters stormed a base': the subject is the act counted from, not this one
    if etype == "attack" and _press_type(_CAME_AFTER.sub("", _AFTER_ADJUNCT.sub("", sent, count=1), count=1)) == "IED":
        etype = "IED"
    if (
        by_state
        and etype in ("attack", "shooting")
        and re.search(r"\b(?:stormed|raided)\b", tsent, re.I)
        and (_press_type(tsent) != "attack" or _GROUP_BASE.search(tsent))
    ):
        # 'army commandos stormed the building, killing 25 of the militants', 'troops stormed a rebel camp': a raid
        etype = "arrest/raid"
    if etype in ("attack", "shooting") and re.search(
        r"\braid(?:ed|s)?\s+(?:on\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:house|hideout|safe ?house|compound|cell|den)\b",
        tsent,
        re.I,
    ):
        etype = "arrest/raid"  # 'killed three suspected IS-K members in a raid on a house': a raid on a cell
    if by_state and re.search(r"\boperations?\b", sent, re.I) and etype in ("attack", "shooting"):
        etype = "arrest/raid"
    if (
        by_state
        and etype == "attack"
        and _FORCE_KILLED.search(tsent)
        and not re.search(r"\bclash|\bfirefight|\bfighting\b|\bbattle|\brepel|\brepuls|\bcounter-?attack", tsent, re.I)
    ):
        etype = "arrest/raid"  # 'Security forces ended the siege, killing all 33 attackers': a counter-terrorism act
    return etype


#: a storming whose manner is shooting, told by the same subject ('stormed X, shooting dead', 'and shot dead')
_STORMED_SHOOTING = re.compile(
    r"\b(?:stormed|raided|attacked)\b[^.;]{0,120}?(?:,\s+|\s+and\s+)(?:shooting|shot)\s+(?:dead|and\s+killed)\b", re.I
)
#: a force killing militants or the attackers (not in a clash): its operation against them
_FORCE_KILLED = re.compile(
    r"\bkill(?:ed|ing)\s+(?:at least\s+|about\s+|some\s+|all\s+)?(?:\d+|[a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:terrorists"
    r"|militants|insurgents|operatives|jihadists|extremists|attackers|gunmen|assailants)\b",
    re.I,
)


#: a camp, base or hideout of the group a state force storms: a raid, not a town fought for
_GROUP_BASE = re.compile(
    r"\b(?:stormed|raided)\s+(?:an?\s+|the\s+|several\s+|two\s+|three\s+)?(?:[\w'’-]+\s+){0,2}?(?:camps?|hideouts?"
    r"|bases?|compounds?|dens?)\b(?!\s+of\s+(?:the\s+)?(?:army|military|police|troops|soldiers))",
    re.I,
)
