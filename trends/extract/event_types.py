"""Event type from the wording of an event sentence; the first matching rule wins, so specific kinds
(suicide attack, IED) come before generic ones (attack)."""

from __future__ import annotations

import re
from functools import lru_cache

from .own_clause import own_clause, strip_others

#: titles that make a victim a target ('Colonel X', 'Sheikh X')
_TITLE = (
    r"Colonel|Col|General|Gen|Brigadier|Major|Maj|Captain|Capt|Lieutenant|Lt|Sheikh|Shaykh|Imam|Mullah|Mayor"
    r"|Governor|Judge|Dr|Commander|Emir|Sergeant"
)
#: a victim's role (a targeted person rather than a rank-and-file fighter or a bystander)
_ROLE = (
    r"commander|mukhtar|official|headman|leader|chief|elder|judge|imam|notable|governor|mayor|cleric"
    r"|commissioner|administrator|sheikh|officer|lieutenant|captain|colonel|brigadier|sergeant|journalist"
    r"|businessman|tax collector|activist|lawyer|candidate|politician|lawmaker|MP"
)
#: a person's name: two or more capitalised words ('Abu Tareq al-Hariri')
_NAME = r"(?:Abu\s+|Umm\s+)?[A-Z][a-z'’]+(?:\s+(?:(?:al|el|bin|ibn|abu|abd)[- ])?[A-Z][\w'’-]+){1,3}"

#: a vehicle bomb driven or rammed into its target by its driver ('drove the van, packed with explosives, into the
#: gate', 'driving a truck laden with explosives rammed a checkpoint'); a parked car bomb that blows up is an IED
DRIVEN_BOMB = re.compile(
    r"\b(?:drove|driving|drives|rammed|ramming|rams)\s+(?:[\w-]+\s+){0,4}?(?:car|truck|van|minivan|vehicle|lorry|bus"
    r"|minibus|pickup|tanker|motorcycle)s?,?\s+(?:(?:which\s+was\s+|that\s+was\s+)?(?:packed|laden|loaded|filled|rigged"
    r"|stuffed)\s+with\s+explosives\b[^.;]{0,30}?\b(?:into|through|at|rammed|against)\b)",
    re.I,
)

#: (event_type, pattern) in priority order. `attack` is the fallback for a violent verb with no specific kind.
RULES: list[tuple[str, re.Pattern]] = [
    (t, re.compile(p, re.I))
    for t, p in [
        (
            "suicide attack",
            # a suicide modifier makes the act a suicide attack ('an ISKP suicide team stormed', 'a suicide truck
            # bombing')
            r"\bsuicide (?:bombers?|attacks?|bombings?|car bombs?|vests?|belts?|(?:vehicle|car|truck)[- ]borne"
            r"|(?:truck|car|vehicle|motorcycle) bomb(?:s|ings?)?|team|squad|commandos?|fighters|attackers|operatives"
            r"|assault|mission|operation)|\bSVESTs?\b|\bsvbied\b|\bblew (?:him|her)self up"
            r"|\bself-detonat|\binghimasi|\bblew themselves up\b|\bexplosive (?:belts?|vests?)\b|"
            + DRIVEN_BOMB.pattern,
        ),
        (
            "drone strike",
            r"\bdrone (?:strike|attack)s?\b|\b(?:uav|drone)s? (?:struck|strike|attacked|targeted|bombed|killed)"
            r"|\barmed drones?\b|\bdrones?\b.{0,25}\b(?:fired|launched)\b.{0,30}\b(?:missiles?|rockets?|bombs?)\b"
            r"|\b(?:launched|flew|sent)\s+(?:an?\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,2}?drones?\s+"
            r"(?:at|on|against|into|toward)\b|\bexplosives?-(?:laden|packed|rigged) drones?\b|\bkamikaze drones?\b"
            r"|\bdrones?\s+(?:carrying|laden with|loaded with|armed with)\s+(?:[\w-]+\s+)?explosives?\b"
            r"|\bdrones?\b[^.;]{0,30}\bdrop(?:ped|ping|s)?\b[^.;]{0,20}\b(?:explosives?|bombs?|grenades?|munitions?)\b",
        ),
        (
            "airstrike",
            r"\bair ?strikes?\b|\bair raids?\b|\b(?:aircraft|warplanes?|(?:fighter|military|combat) planes?|jets?|f-16s?|helicopters?|air force)"
            r"\b.{0,40}\b(?:struck|strikes?|attacked|bombed|targeted|conducted|destroyed|pounded"
            r"|dropped\s+(?:[\w-]+\s+){0,3}?(?:bombs?|munitions?|explosives?|barrels?))|\bbombed from the air"
            # 'US aircraft operating within the framework of the Coalition struck ...': the aircraft's own verb
            r"|\b(?:aircraft|warplanes?|fighter planes?|fighter jets?|helicopters?|gunships?)\b"
            r"(?:(?!\b(?:said|announced|stated)\b)[^.;]){0,70}?"
            r"\b(?:struck|bombed)\b"
            # jets that fire missiles ('Indian jets fired missiles at a camp in Bahawalpur')
            r"|\b(?:jets?|warplanes?|aircraft|(?:fighter|military|combat) planes?)\s+(?:fired|launched)\s+(?:[\w-]+\s+)?"
            r"(?:missiles?|rockets?|bombs?)\b"
            # 'Russian aircraft joined the bombardment', 'army helicopters fired on a convoy': an act from the air
            r"|\b(?:aircraft|warplanes?|jets?|helicopters?|gunships?)\b[^.;]{0,40}?\bbombard\w*"
            r"|\b(?:helicopters?|gunships?)\s+(?:fired|opened\s+fire)\s+(?:on|at)\b"
            # the US commands strike from the air ('AFRICOM said it struck al-Shabaab positions near ...')
            r"|\b(?:AFRICOM|CENTCOM|U\.?S\.? (?:Africa|Central) Command)\b[^.;]{0,40}?\bstruck\b"
            r"|\bU\.?S\.? (?:forces|military) struck\b"
            # aircraft that fire on a target ('helicopter gunships fired on a convoy'): an attack from the air
            r"|\b(?:helicopters?|gunships?|warplanes?|fighter jets?|aircraft)\s+(?:[\w-]+\s+){0,2}?(?:fired|opened fire)"
            r"\s+(?:on|at|upon)\b",
        ),
        (
            "IED",
            r"\bIEDs?\b|\bimprovised explosive|\bbooby[- ]trap(?:ped|s)?\b|\bexplosive (?:devices?|charges?)\b|\broadside bombs?\b|\blandmines?\b"
            r"|\b(?:car|truck|motorcycle) bomb(?:s|ings?)?\b|\bVBIEDs?\b|\b(?:sticky|magnetic) bombs?\b"
            # 'a truck packed with explosives blew up at the junction': a vehicle bomb (a driver who blows himself
            # up is a suicide attack, typed first)
            r"|\b(?:car|truck|van|vehicle|lorry|minibus|motorcycle|tanker|pickup)s?\s+(?:packed|laden|loaded|rigged"
            r"|filled|stuffed)\s+with\s+explosives\b"
            r"|\bbomb (?:exploded|went off|blast)"
            r"|\bbombs?\s+(?:hidden|planted|placed|smuggled|attached|strapped|fixed|fitted)\b|\b(?:planted|hid)\s+(?:an?\s+|the\s+)?bombs?\b"
            r"|\b(?:was|were|been)\s+blown up\b|\bblew up\s+(?:an?|the|two|three|several)\s+(?!suicide)"
            # a bombing or a blast with no other kind named (suicide, air, shelling come before): a planted bomb
            r"|(?<!aerial )(?<!air )\b(?:bombings?|blasts?)\b(?!\s+(?:campaign|raids?|runs?)\b)"
            # a vehicle that blew up ('a second minibus blew up on the road'), an explosion that ripped through a
            # place: a bomb of unstated means
            r"|\b(?:car|truck|van|minivan|vehicle|lorry|bus|minibus|motorcycle|tanker|pickup)\s+(?:blew up|exploded)\b"
            r"|\bexplosions?\s+(?:ripped|tore)\s+through\b",
        ),
        (
            "mortar/rocket",
            r"\bmortars?\b|\brockets?\b(?![- ]propelled)|\bshell(?:s|ed|ing)\b|\bartillery\b|\bkatyushas?\b",
        ),
        (
            "assassination",
            # a role victim shot dead is a targeted killing; a shepherd, refugee or soldier shot dead is a shooting
            r"\bassassinat|\b(?:commander|mukhtar|official|headman|leader|chief|elder|judge|officer|imam"
            r"|notable|governor|mayor|cleric|businessman|journalist|tax collector|administrator|commissioner"
            r"|(?:commander|mukhtar|official|leader|chief|elder|judge|imam|notable)s|headmen|sheikh|head of"
            r"|lieutenant|captain|colonel|brigadier|sergeant"
            r"|member of (?:the |a )?(?:[\w'’-]+\s+){0,5}?(?:council|party))"
            r"\b[^.;]{0,100}?\b(?:was|were)\s+(?:shot dead|gunned down|shot and killed|killed by (?:gunfire|gunmen))\b"
            r"|\b(?:shot dead|shot and killed|gunned down)\s+(?:an?|the|[A-Z][\w-]+['’]s)\s+(?:former\b|(?:[\w'’-]+\s+){0,4}?"
            r"(?:commander|mukhtar|official|headman|leader|chief|elder|judge|imam|notable|governor|mayor|cleric"
            r"|commissioner|administrator|sheikh|lieutenant|captain|colonel|brigadier|sergeant"
            r"|journalist|businessman|tax collector|member of (?:the |a )?(?:[\w'’-]+\s+){0,5}?(?:council|party)"
            r"|(?:party|council) member)\b)"
            # a titled or named victim ('shot dead Colonel Ali Saleh al-Hadi', 'shot dead Abu Tareq al-Hariri, a
            # former rebel commander'); a digest's role victim with no verb before it ('June 11: the mukhtar of a
            # village near Markada shot dead at his home')
            rf"|\b(?:shot dead|shot and killed|gunned down)\s+(?:{_TITLE})\.?\s+[A-Z]"
            rf"|\b(?:shot dead|shot and killed|gunned down)\s+{_NAME},\s+(?:an?|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_ROLE})\b"
            rf"|^\W*(?:[^:\n]{{0,30}}:\s*)?(?:the|a|an)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_ROLE})\b[^.;]{{0,100}}?\bshot dead\b"
            # a targeted person killed by blade ('hacked to death a Hindu priest, Ananda Gopal Ganguly', 'stabbed and
            # beheaded Samuel Paty, a history teacher')
            rf"|\b(?:hacked|stabbed|knifed)(?:\s+to\s+death)?(?:\s+and\s+(?:beheaded|killed))?\s+(?:(?:an?|the)\s+"
            rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_ROLE}|priest|teacher|monk|blogger|writer|professor|cartoonist)\b"
            rf"|{_NAME},\s+(?:an?|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_ROLE}|priest|teacher|monk|blogger|writer|professor"
            rf"|cartoonist)\b)",
        ),
        (
            "execution",
            r"\bexecut(?:ed|ion|es|ing)\b|\bbeheaded\b|\bbeheading\b"
            # people in the killers' power killed: captives, hostages, prisoners, men who refused to join them
            r"|\b(?:killed|shot dead|shot|murdered)\s+(?:an?\s+|the\s+|their\s+|\d+\s+|[a-z]+\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:captives?|hostages|prisoners|detainees|captured\s+[\w-]+)\b"
            r"|\bkilled\s+[^.;]{0,40}?\bwho\s+(?:had\s+)?refused\s+to\s+join\b",
        ),
        (
            "kidnapping",
            r"\bkidnapp|\babduct|\btook .{0,30}\bhostage|\bcaptive\b"
            # people seized ('armed men seized two Kenyan truck drivers'): a kidnapping, not a place taken
            r"|\b(?:seized|grabbed|snatched)\s+(?:[\w-]+\s+){0,3}?(?:drivers?|passengers|civilians|workers|people|men"
            r"|women|children|girls|boys|villagers|residents|travell?ers|teachers|students|farmers|herders|engineers)\b",
        ),
        ("ambush", r"\bambush"),
        (
            "surrender",
            # 'rather than surrender, he detonated ...', 'refused to surrender': no surrender
            r"(?<!rather than )(?<!instead of )(?<!refused to )(?<!refusing to )\bsurrender|\bturned (?:him|them)sel(?:f|ves) in\b|\bgave (?:him|them)sel(?:f|ves) up\b"
            r"|\bdefected\b",
        ),
        (
            "arrest/raid",
            r"\barrest|\bdetain(?!ees?\b)|\bapprehend|\bcaptured\b|\braid(?:s|ed)?\b|\bsweep\b|\bround(?:ed)? up\b"
            # a state force's rescue of captives ('soldiers freed the hostages'): its raid
            r"|\b(?:freed|rescued|liberated)\s+(?:them|(?:the\s+|[\w-]+\s+){0,3}(?:hostages|captives|abductees|women|girls"
            r"|children|students|passengers|workers|people))\b",
        ),
        (
            "shooting",
            r"\bopened fire\b|\bfire was opened\b|\bshot\b(?! down)|\bshooting\b|\bgunfire\b|\bsnipers?\b|\bsniped\b|\bgunmen\b|\bmachine[- ]?guns?\b"
            r"|\bfired (?:at|on|upon|into)\b|\bsmall[- ]arms\b"
            # 'gunmen firing from a car sprayed the terraces', 'sprayed the crowd with bullets': people shot at
            r"|\b(?:gunm[ae]n|attackers|assailants)\s+firing\b|\bsprayed\b[^.;]{0,60}?\b(?:bullets|gunfire|automatic fire)\b",
        ),
        (
            "attack",
            r"\battack(?:ed|s|ing)?\b|\bassault(?:ed)?\b|\bkill(?:ed|ing)\b|\bclash(?:ed|es)?\b|\bstormed\b"
            r"|\bgrenades?\b|\btargeted\b|\bburn(?:ed|t)\b|\bset (?:on )?fire\b|\bset ablaze\b|\btorched\b|\bstruck\b"
            r"|\bdetonated\b|\braided (?:the |a )?(?:village|town|city|area|camp|hamlet)\b|\bbombed\b|\bbombings?\b"
            r"|\bprison ?breaks?\b|\bjailbreaks?\b|\btook (?:over|control of)\b|\btake-?over of\b"
            r"|\bexplosion\b|\bseized\b|\boverran\b|\bshot down\b|\bdowned\b|\bcross-border raids?\b"
            r"|\braid(?:s|ed)? (?:on|into|against)\b|\bstabb(?:ed|ing)\b"
            # 'hacked 19 civilians to death with machetes', 'slit the throats of five villagers': killing by blade
            r"|\b(?:hacked|beaten|beat|bludgeoned|clubbed|stabbed|stoned)\s+(?:[\w'’-]+\s+){0,4}?to death\b"
            r"|\bslit the throats?\b|\bmassacred\b|\bslaughtered\b",
        ),
    ]
]

EVENT_TYPES = [t for t, _ in RULES]
#: the victim of 'was shot dead' is a combatant (fighter, soldier, member of a force): a shooting
_COMBATANT_SHOT = re.compile(
    r"\b(?:fighters?|soldiers?|policem[ae]n|militiam[ae]n|guards?|operatives?|troopers?|members? of (?:the |a |an )?"
    r"(?:[\w'’-]+ ){0,3}?(?:SDF|NDF|PMF|InSF|(?i:forces|army|militia|police|Peshmerga|Mobili[sz]ation|tribal))"
    r"|(?:SDF|NDF|PMF|InSF|Peshmerga|(?i:army|police|militia|Taliban))\s+(?i:members?|personnel))\b"
    r"[^.;]{0,80}\bwas (?:shot dead|gunned down|shot and killed|killed by gunfire)\b",
)
#: '... shot and killed an SDF commander': the active-voice victim is a member of a force (a 'former' one is not)
_COMBATANT_VICTIM = re.compile(
    r"\b(?:shot dead|shot and killed|gunned down)\s+(?:an?|the)\s+(?!former\b)(?:[\w'’-]+\s+){0,3}?"
    r"(?:SDF|NDF|PMF|InSF|Peshmerga|(?i:army|military|police|militia|forces))(?![\w-])(?!\s+(?i:chief|commissioner|commander|official|leader|lieutenant|captain|colonel|brigadier|sergeant)\b)"
)
#: the shooting wording itself: 'gunmen' names the attackers (and anchors the act), not how they struck
_SHOT = re.compile(RULES[EVENT_TYPES.index("shooting")][1].pattern.replace(r"|\bgunmen\b", ""), re.I)
#: a second kind of weapon beside the guns: the act is an attack with several weapons, not a shooting
_MIXED_ARMS = re.compile(r"\bRPGs?\b|rocket[- ]propelled|\b(?:hand )?grenades?\b", re.I)
#: a place attacked with guns ('a PMF position was attacked with machine guns / light weapons'): an attack on the
#: post, not a shooting (which is for people shot: 'shot dead', 'opened fire on', 'sniper fire')
_ARMS_ON_PLACE = re.compile(
    r"\battacked\b[^.;]{0,80}?\bwith\s+(?:[\w-]+\s+){0,2}?(?:machine[- ]?guns?|light weapons|small arms)\b", re.I
)
_PEOPLE_SHOT = re.compile(r"\bopened fire\b|\bfire was opened\b|\bshot\b|\bsnip(?:ers?|ed|ing)\b|\bgunfire\b", re.I)
#: guns together with mortars or rockets ('attacked with machineguns and mortars'): a mixed-weapons attack
_GUNS_AND_SHELLS = re.compile(
    r"\bwith\s+(?:[\w-]+\s+){0,2}?(?:(?:machine[- ]?guns?|light weapons|small arms|rifles)\s*,?\s+(?:and|as well as)\s+"
    r"(?:[\w-]+\s+)?(?:mortars?|rockets?)|(?:mortars?|rockets?)\s*,?\s+(?:and|as well as)\s+(?:[\w-]+\s+)?"
    r"(?:machine[- ]?guns?|light weapons|small arms|rifles))\b",
    re.I,
)
#: the attacker's own end ('..., before he was shot dead by police'): how the act ended, not the act's kind
_ATTACKER_END = re.compile(
    r"[,;]?\s*\b(?:before|after|until|when)\s+(?:he|she|they|the (?:attacker|assailant|gunman|terrorist)s?)\s+"
    r"(?:was|were)\s+(?:shot(?: dead)?|killed|neutrali[sz]ed|arrested|overpowered)\s+by\s+(?:the\s+)?"
    r"(?:[\w-]+\s+)?(?:police|security forces|officers|troops|soldiers|guards)\b",
    re.I,
)
#: wording that marks an action by a state force rather than by the group, when no group is the subject
_STATE_RAID = {"arrest/raid"}


@lru_cache(maxsize=4096)
def event_type(sentence: str, *, by_state: bool = False) -> str | None:
    """The event type a sentence describes, or None when it names no violent act: read from the act's own clause
    (`own_clause`: no support or reference phrase, no "After <other act>," lead, the first semicolon segment), and
    from the whole sentence when that clause names no act.

    A raid by an armed group is an attack; 'arrest/raid' is kept for security-force operations.
    """
    own = own_clause(sentence)
    if own != sentence and (t := _type_of(own, by_state)) is not None:
        return t
    rest = strip_others(sentence)
    if rest != sentence and (t := _type_of(rest, by_state)) is not None:
        return t
    return _type_of(sentence, by_state)


def _type_of(sentence: str, by_state: bool) -> str | None:
    sentence = _ATTACKER_END.sub("", sentence)
    for t, rx in RULES:
        if rx.search(sentence):
            if t in _STATE_RAID and not by_state:
                if re.search(r"\barrest|\bdetain(?!ees?\b)|\bapprehend", sentence, re.I):
                    return t
                continue
            if t == "mortar/rocket" and _GUNS_AND_SHELLS.search(sentence):
                return "attack"  # 'a base was attacked with machineguns and mortars'
            if t == "shooting" and re.search(r"\bambush", sentence, re.I):
                return "ambush"
            if t == "shooting" and not _SHOT.search(sentence):
                continue  # 'gunmen killed 37 civilians': armed men, but no word says they shot; an attack
            if t == "assassination" and (_COMBATANT_SHOT.search(sentence) or _COMBATANT_VICTIM.search(sentence)):
                return "shooting"  # 'an SDF fighter was shot dead at a checkpoint': a combatant, not a target
            if t == "shooting" and _ARMS_ON_PLACE.search(sentence) and not _PEOPLE_SHOT.search(sentence):
                return "attack"  # 'an SDF checkpoint was attacked with machine guns': the post, not people shot
            if t == "shooting" and _MIXED_ARMS.search(sentence):
                return "attack"  # guns with RPGs or grenades: a mixed-weapons attack, not a shooting
            return t
    return None
