"""What a press sentence tells: its violent act and kind, why it is not an event, its casualty numbers as written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates as D
from .casualties import _number
from .event_types import RULES
from .nonevents import non_event
from .own_clause import strip_others

#: natural disasters, accidents and epidemics: their deaths are never events
NON_EVENT = re.compile(
    r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|floods?|flooding|flash floods?|landslides?|mudslides?|cyclones?"
    r"|hurricanes?|typhoons?|storms?|(?:heavy |torrential )?rains?|rainfall|downpours?|lightning|cold snap|tornado(?:es)?|droughts?|famine|tsunamis?|wildfires?|bushfires?|heatwaves?"
    r"|heat wave|volcano(?:es)?|volcanic\s+eruptions?|eruptions?|avalanches?|epidemics?|pandemics?|outbreaks?|cholera|measles|covid(?:-19)?|ebola"
    r"|malaria|(?:road|traffic|car|bus|plane|air|train|boat|mining) (?:crash|accident)|crash(?:ed)?|accidents?"
    r"|collisions?|collided|capsized|overturned|plunged|derail\w*|drown\w*|stampede|building collapse|blazes?"
    # a fire or a collapse of a place ('the fire at the Ibn al-Khatib hospital', 'a coal mine collapse', 'a gas
    # explosion at a factory'): an accident
    r"|(?:hospital|factory|market|warehouse|hotel|building|house|petrol|fuel|gas|tanker|oil|forest|prison|ward)"
    r"\s+(?:fires?|explosions?)|fire\s+(?:broke|breaks)\s+out|(?:the|a|an)\s+fire\s+(?:at|in)\s+(?:the|a|an)"
    r"|(?:coal\s+|gold\s+)?(?:mine|mines|shaft|tunnel|roof|dam|building|hospital|school)\s+(?:collapsed?|collapses|cave-in)"
    r"|gas (?:leak|explosion)s?)\b",
    re.I,
)
_ARMED = re.compile(
    r"\b(?:bomb|IED|explosive|landmine|mine|gunmen|militants?|fighters|jihadists?|insurgents?|attack"
    r"|ambush|raid|strike|shell|rocket|suicide)\w*",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:likely|possibly|probably|(?-i:may)|might|could|would|will|shall|aims? to|plans? to|planned to"
    r"|planning to|seeks? to|intends? to|threaten(?:s|ed)? to|warn(?:s|ed)?|is expected to|are expected to"
    r"|is to|are to|reportedly plans|wants? to|hopes? to|vowed to|pledged to|promised to)\b",
    re.I,
)
HABITUAL = re.compile(
    r"\b(?:continues? to|continued to|keeps? on|used to|tend to|regularly|routinely)\s+(?:\w+\s+)?$", re.I
)
NEGATION = re.compile(
    r"\b(?:did not|didn't|has not|hasn't|have not|haven't|had not|never|no (?:attacks?|one|group"
    r"|casualties)|not (?:yet )?claimed|neither|nor)\b",
    re.I,
)
#: a picture's caption ('- Caption: Iraqi soldiers patrol near ... (Photo: JOC)'): tells no act of its own
_CAPTION = re.compile(
    r"Photo Credit|©|^[\s•*–—-]*(?:File photo|Photo|Image|Picture|Caption|Pictured)\b|\bImage shared\b|^\s*\|"
    r"|\((?:File\s+)?(?:Photo|Picture|Image)(?:\s+credit)?\s*:[^()]*\)\W*$"
    # 'A photo distributed by the military shows soldiers outside the shrine ...': what a picture shows
    r"|^\W*(?:An?|The|This|Another)\s+(?:[\w-]+\s+)?(?:photo(?:graph)?s?|pictures?|images?|video stills?)\b"
    r"[^.;]{0,80}?\b(?:shows?|showed|showing|depicts?|depicted)\b",
    re.I,
)
#: 'To determine who was behind the Al Sukhnah attack, we have to look at ...': asking about an act told elsewhere
_INQUIRY = re.compile(
    r"^\W*(?:To|In order to)\s+(?:determine|establish|understand|know|find out|see|answer|explain|judge)\s+"
    r"(?:who|why|how|what|whether|which)\b",
    re.I,
)
#: mourning the dead of an act ('Bangladesh began two days of mourning on Sunday for the 20 hostages killed in a
#: siege'): the mourning is dated, the act is told elsewhere
_MOURNING = re.compile(
    r"^[^.;]{0,80}?\b(?:mourn(?:ing|ed|s)?|bur(?:ied|y|ies)|burials?|funerals?|vigils?|commemorat\w+|paid tribute)\b"
    r"[^.;]{0,100}?\b(?:killed|died|slain|dead)\s+(?:in|during|by|when|at)\b",
    re.I,
)
#: a toll over days of fighting ('More than 500 people were killed in the 10 days of fighting that followed'): no
#: single act
_TOLL_OVER_DAYS = re.compile(
    r"\b(?:in|during|over)\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+"
    r"(?:days|weeks|months)\s+of\s+(?:fighting|clashes|battles?|combat|violence)\b",
    re.I,
)
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)?\b(?!\s+(?:to|that\s+it\s+(?:would|will)))", re.I)
_STATEMENT_ONLY = re.compile(r"^\W*(?:[A-Z][\w.'’-]*\s+){0,6}(?:said|says|told|announced|declared|stated)\b", re.I)
_BOUND_RE = re.compile(
    r"\b(?P<q>at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to"
    r"|fewer than|less than|no fewer than|as many as|an estimated)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)"
    r"\s+(?P<rest>[^.;]{0,60}?)\b(?:were\s+|was\s+|are\s+|have been\s+|had been\s+)?"
    r"(?P<verb>killed|dead|died|slain|wounded|injured)\b",
    re.I,
)
_QUAL = {
    "at least": "at least",
    "no fewer than": "at least",
    "more than": "more than",
    "over": "more than",
    "nearly": "about",
    "almost": "about",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "up to": "up to",
    "as many as": "up to",
    "fewer than": "up to",
    "less than": "up to",
}
_SPORT = re.compile(
    r"\b(?:wickets?|sixes|innings|century|goals?|scored|qualifier|Grand Prix|league|tournament|"
    r"championship|match|semi-?final|final over|Premier League|World Cup|Olympics?|cricket|football)\b"
    r"|\b(?:beat|defeated|drew with|edged(?: past)?|thrashed)\b[^.;]{0,40}?\b\d{1,2}-\d{1,2}\b",  # a scoreline
    re.I,
)
#: the kind of an act told as 'killed ... in an ambush', 'wounded in a roadside bombing'
_IN_AN = re.compile(
    r"\b(?:in|during|with)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:ambush|bombing|roadside bomb|suicide (?:attack|bombing)"
    r"|drone strike|air ?strike|mortar attack|rocket attack)\b",
    re.I,
)
#: 'who would take over ... and be killed ... in May 2016': narration of a dated past fact, not a hedge
_FUTURE_IN_PAST = re.compile(r"^\W*(?:who|which)\s+would\b", re.I)
#: acts in news wording that the report rules do not name (see `_press_type`)
_PRESS_ACT = re.compile(
    r"\b(?:drones?|UAVs?)\s+(?:hit|struck|slammed into|crashed into)\b|\bbombings?\b|\bcar bombs?\b"
    r"|\b(?:captured|seized|overran|took control of|stormed|retook|recaptured)\b"
    r"|\bcame under (?:heavy\s+)?(?:fire|attack|gunfire)\b",
    re.I,
)
_WHEN_HISTORY = re.compile(
    r"\b(?:in|since|on|during|the)\s+(?:(?:early|mid|late)[- ])?(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d(?:\s+[a-z-]+){0,2},?\s+when\s+"
    # 'the deadliest in the province since January 30, when a suicide bomber killed ...': the day the when-clause
    # tells, without a year
    r"|\bsince\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\.?"
    r"(?:\s+\d{1,2})?,\s+when\s+"
)
_WHEN_LEAD = re.compile(r"^\W*(?:When|After|As)\b[^,]{5,160},\s+(?=\w)")
_TARGETED_PERSON = re.compile(
    r"\b(?:leader|commander|chief|emir|official|figures?|successor|spokesman|financier|head)\b"
    r"|\b(?:killed|captured|eliminated)\s+(?:[A-Z][\w'’-]+\s+){1,4}",
)


#: the source told after the act (', regional military spokesman Lt. Col. Gerry Besana said.'): not its target
_SOURCE_TAIL = re.compile(r",\s+[^,;]{0,80}\b(?:said|says|told|reported)\b[^,;]{0,40}$")


@dataclass(frozen=True)
class Bound:
    """A number as written with its qualifier: 'more than 46,000' -> (46000, 'more than')."""

    value: int
    qualifier: str  # 'exact' | 'at least' | 'more than' | 'about' | 'up to'
    verb: str


#: a number that is a year ('the August 2021 suicide bombing ... which killed', 'in 2014'): never a toll; a
#: four-digit number right before a word for people or a casualty verb stays a number ('1500 villagers were killed')
_YEAR = re.compile(
    r"\b(?:19|20)\d\d\b(?!\s+(?:people|persons|civilians|soldiers|troops|militants|fighters|villagers|residents|men"
    r"|women|children|others|policemen|were|have|had|killed|dead|died|wounded|injured)\b)"
)
#: numbers in words after a casualty verb ('killing at least five soldiers', 'wounding a dozen')
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight"
    r"|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a dozen)(?=\s+(?:[a-z-]+\s+){0,2}?(?:people|persons|civilians|soldiers|troops|police"
    r"\w*|militants|fighters|villagers|residents|men|women|children|others|worshippers|pilgrims|gendarmes|officers"
    r"|workers|passengers|students|members|attackers|insurgents|guards|farmers|fishermen|miners)\b)"
)
_OTHER_VERB = re.compile(
    r"\b(?P<v>kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing))\s+(?:at least|more than|over|nearly|about|around|some"
    r"|up to)?\s*$",
    re.I,
)


def mask_years(text: str) -> str:
    """text with the numbers that are years written as 'YEAR' (same length is not kept)."""
    return _YEAR.sub("YEAR", text)


def casualty_bounds(text: str) -> list[Bound]:
    """Killed/wounded numbers with their qualifiers, in text order ('killing at least 12' is read too). Years are
    not numbers of people; a number that follows another casualty verb is that verb's ('killed at least 42 soldiers
    and wounded 22 others': 42 killed, 22 wounded)."""
    out = []
    text = mask_years(text)
    for m in _BOUND_RE.finditer(text):
        ov = _OTHER_VERB.search(text[max(0, m.start() - 30) : m.start("n")])
        if ov and ov["v"].lower().startswith("kill") != m["verb"].lower().startswith(("kill", "dead", "died", "slain")):
            continue
        out.append(Bound(int(m["n"].replace(",", "")), _QUAL.get((m["q"] or "").lower(), "exact"), m["verb"].lower()))
    for m in re.finditer(
        r"\b(?:killing|killed|wounding|wounded|injuring|injured)\s+(?P<q>at least|more than|over|nearly|about|"
        rf"around|some|up to)?\s*(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{_NUMBER_WORD})\b",
        text,
        re.I,
    ):
        verb = "killed" if m.group().lower().startswith("kill") else "wounded"
        n = m["n"].replace(",", "")
        value = int(n) if n.isdigit() else (12 if "dozen" in n.lower() else _number(n))
        if value is not None:
            out.append(Bound(value, _QUAL.get((m["q"] or "").lower(), "exact"), verb))
    return out


def _own_casualties(sentence: str) -> bool:
    """A claim sentence that gives its own toll ('claimed the twin bombings ..., which killed about 95') tells an
    event, not the claim of the previous one."""
    return bool(casualty_bounds(D.DATE_RE.sub("DATE", sentence)))


#: a court's act on a past attack: the trial is news, the attack was told (or not) where it happened
_COURT = re.compile(
    r"\b(?:court|tribunal|judge|judges|prosecutors?)\b[^.;]{0,60}?\b(?:sentenced|convicted|acquitted|jailed|indicted"
    r"|charged|found\s+\w+\s+guilty|ordered)\b|\b(?:was|were)\s+(?:sentenced|convicted|acquitted|jailed)\b",
    re.I,
)


#: a release of media about an act already told ('released a video of the assault'): the release is dated, not
#: the act ('a video showing its fighters executing four men on Tuesday' tells the act itself and stays)
_MEDIA_OF_ACT = re.compile(
    r"\b(?:released|published|posted|issued|aired|circulated)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:video|footage|photos?|pictures|images|recording|documentary)\s+of\s+(?:the|its|their|this|that)\s+",
    re.I,
)


def non_event_reason(sentence: str, *, has_group: bool) -> str | None:
    """Why a sentence with a violent word is still not an event, or None."""
    s = sentence.strip()
    if s.endswith("?"):
        return "question"
    if _SPORT.search(s) and not _ARMED.search(s):
        return "sport"
    if _CAPTION.search(s):
        return "caption"
    if ne := non_event(s):
        return ne  # an old mine going off, a comparison, an act that followed a statement, a truce's date
    dis = NON_EVENT.search(s)
    if (
        dis
        and _ARMED.search(s[: dis.start()])
        and re.search(r"\b(?:after|since|amid|following|before|as|during)\s+(?:[\w'’-]+\s+){0,3}$", s[: dis.start()])
    ):
        dis = None  # 'A car bomb exploded ..., two weeks after an earthquake devastated the region': background
    if dis and (
        not has_group
        or re.search(
            rf"{re.escape(dis.group())}\w*\s+(?:that|which|has|have)?\s*(?:killed|left"
            rf"|claimed|hit|struck|devastated|displaced)",
            s,
            re.I,
        )
        or not _ARMED.search(s)
    ):
        return "natural disaster, accident or epidemic"
    act0 = _event_pos(s)
    stop0 = re.search(r"[;]|\s(?:but|while)\s|,\s+(?:but|while)\s", s[act0:])
    # only the clause of the act counts: '...shot dead a district official in Mueda; police have not said who
    # they suspect' tells the act and then what is not known about it
    if NEGATION.search(s[: act0 + stop0.start()] if stop0 else s):
        return "negated"
    if _MEDIA_OF_ACT.search(s):
        return "media release about an act"  # 'On January 27 IS released a video of the assault': the release
    act = _event_pos(s)
    if _COURT.search(s):
        return "trial or sentence"  # 'A court on Monday sentenced two men for their role in the 2022 bombings'
    stop = re.search(r"[,;]|\s(?:and|but|while|rather than)\s", s[act:])
    if HEDGE.search(s[: act + stop.start()] if stop else s):  # only the clause of the act counts
        return "hedged or planned"
    if HABITUAL.search(s[max(0, act - 40) : act]):
        return "habitual or repeated, no single act"
    if _SEVERAL_ACTS.search(s[max(0, act - 30) : act + 40]):
        return "several acts summed up, no single act"  # 'AQAP claimed a string of attacks in Shabwa, Abyan'
    if _INQUIRY.match(s):
        return "an inquiry into an act, not an act"  # 'To determine who was behind the attack, we have to look ...'
    if _MOURNING.search(s):
        return "mourning the dead of an act told elsewhere"
    if _TOLL_OVER_DAYS.search(s):
        return "toll of several days of fighting, no single act"
    if _SUMMARY_LEAD.match(s):
        return "summary of the article"  # 'In brief: IS fighters killed five SDF fighters ..., the SDF hit back'
    if _WAVE.search(s):
        return "several acts summed up, no single act"  # 'AQAP claimed a string of attacks in Shabwa this week'
    if _SELF_KILLING.search(s[act:]):
        return "suicide to escape capture, no attack"  # 'Shekau detonated an explosive vest rather than be captured'
    return None


#: acts told as a set with no number ('a string of attacks', 'a wave of bombings', 'a spate of kidnappings')
_SEVERAL_ACTS = re.compile(
    r"\b(?:string|series|spate|wave|rash|flurry|campaign)\s+of\s+(?:[\w-]+\s+)?(?:attacks|bombings|raids|assaults"
    r"|ambushes|killings|kidnappings|abductions|strikes|operations)\b",
    re.I,
)
#: a line that sums up the article before it tells the events one by one
_SUMMARY_LEAD = re.compile(r"^\W*(?:In brief|In short|Summary|Key points|At a glance|The bottom line)\s*:", re.I)
#: an act whose object is a run of acts: the summary of a wave, not one event
_WAVE = re.compile(
    r"\b(?:claimed|carried out|launched|staged|conducted|mounted|waged|unleashed)\s+(?:responsibility\s+for\s+)?"
    r"(?:an?\s+)(?:new\s+|fresh\s+)?(?:string|series|wave|spate|spree|flurry|campaign|number)\s+of\b",
    re.I,
)
_SELF_KILLING = re.compile(
    r"^[^.;]{0,80}?\b(?:rather\s+than\s+(?:be|being)|to\s+avoid\s+(?:being\s+)?)\s*(?:captured|capture|arrested|arrest"
    r"|taken\s+alive)\b",
    re.I,
)


def _act_clause(sentence: str) -> str:
    """The sentence up to the end of the clause that names its (first) violent act."""
    act = _event_pos(sentence)
    stop = re.search(r"[,;]|\s(?:and|but|while|rather than)\s", sentence[act:])
    return sentence[: act + stop.start()] if stop else sentence


def _event_pos(sentence: str) -> int:
    """Where the violent act is named in the sentence (first matching event-type word)."""
    best = len(sentence)
    m = _PRESS_ACT.search(sentence)
    if m:
        best = m.start()
    for _, rx in RULES:
        m = rx.search(sentence)
        if m:
            best = min(best, m.start())
    return best


def _press_type(sent: str) -> str | None:
    """Event words news prose uses that the report rules do not: 'twin bombings', 'car bombs exploded' (IED), 'a
    strike on a church', 'captured the town of ...' (attack), 'dropped a bomb on' (airstrike). Support and
    reference phrases name other acts ('in what it called a response to the checkpoint bombing')."""
    sent = strip_others(sent)
    if re.search(
        r"\bbombings?\b|\b(?:car|truck|roadside|sticky) bombs?\b|\bbombs?\s+(?:exploded|went off)\b"
        r"|\b(?:set off|planted|detonated|triggered)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:bomb|explosive)s?\b",
        sent,
        re.I,
    ):
        return "IED"
    if re.search(r"\b(?:drones?|UAVs?)\s+(?:hit|struck|slammed into|crashed into)\b", sent, re.I):
        return "drone strike"
    if cu := re.search(r"\bcame under (?:heavy\s+)?(?:fire|attack|gunfire)\b", sent, re.I):
        # 'a convoy ... came under fire from insurgents': an ambush of a moving target, else an attack
        moving = re.search(r"\b(?:convoy|patrol|motorcade|column|bus|truck|vehicles?)\b", sent[: cu.start()], re.I)
        return "ambush" if moving else "attack"
    if re.search(r"\bdrop(?:ped|s)?\b[^.;]{0,60}\bbombs?\b[^.;]{0,60}\bon\b", sent, re.I):
        return "airstrike"
    if re.search(
        r"\b(?:captured|seized|overran|occupied|took control of|stormed|retook|recaptured|took back)\s+(?:the\s+)?"
        r"(?:[\w-]+\s+){0,2}?"
        r"(?:town|city|village|port|base|district|outpost|prison|camp|barracks)\b"
        r"|\b(?:captured|seized|overran|took control of|retook|recaptured)\s+(?:[A-Z][\w'’-]+)",
        sent,
    ):
        return "attack"
    if re.search(r"\b(?:a|the)\s+(?:\w+\s+)?strike\s+on\b", sent, re.I):
        return "attack"
    return None


#: 'A day after the bombing, police killed two suspects': a temporal adjunct whose act is another event's
_AFTER_ADJUNCT = re.compile(
    # 'On Dec. 1, two days before the bombing, the military killed ...': the day may come first
    r"^\W*(?:On\s+[\w.]+\s+\d{1,2}(?:,\s+\d{4})?,\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|\d+)\s+(?:days?|weeks?|hours?)|hours|days|shortly|soon)\s+"
    r"(?:after|before)\s+the\s+[^,;]{2,60},\s*",
    re.I,
)
