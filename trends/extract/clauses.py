"""Reading one sentence the way an analyst does: is it an event sentence at all (not hedged, negated, planned, a
statement, threat, appointment or assessment), which words are its violent act, which of its dates is the event's
own (not a source parenthesis or 'announced on <date>'), and who the grammatical agent is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .backrefs import _ANAPHORIC_ACT, _CLAIM_BACK, DENIAL
from .event_types import RULES
from .nonevents import non_event

# A violent act: the verbs and nouns of the event-type rules, first match in the sentence.
_ACT = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in RULES), re.I)
# Case-sensitive 'may' so that the month 'May 3' never reads as a hedge.
_HEDGE = re.compile(
    r"\b(?i:likely|unlikely|possibly|possible|probably|perhaps|might|could|would|will|shall|aims? to"
    r"|aimed to|plans? to|planned to|planning|intends? to|seeks? to|sought to|expected to|poised to"
    r"|threaten(?:s|ed|ing)? to|attempt(?:s|ed|ing)? to|tr(?:y|ies|ied|ying) to|prepar(?:e|es|ed|ing)"
    r" to|suspected of|allegedly|risks?|capab(?:le|ility)|ability to|enabl(?:e|es|ed|ing)|allow(?:s|ed|ing)?"
    # 'are believed to have kidnapped', 'appears to have bombed': the writer does not assert the act
    r"|(?:believed|thought|suspected|presumed|said) to have|(?:appears?|appeared|seems?|seemed) to(?: have)?"
    r"|apparently|presumably)\b|\bmay\b"
)
#: an act in an infinitive ('to attack', 'to carry out') is a purpose, not a deed -- unless a past verb of use comes
#: before it ('operatives used two drones carrying explosives to attack a base': the drones did attack)
_PURPOSE = re.compile(r"\bto (?:conduct|carry out|launch|stage|attack|target|kill|free)\b", re.I)
_USED_TO = re.compile(r"\b(?:used|employed)\s+(?:[\w'’-]+\s+){1,6}$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|n't|neither|nor|without|failed to|denied|den(?:y|ies))\b|n't\b", re.I)
_STATEMENT = re.compile(
    r"\b(?:said|says|stated|states|announced|declared|called (?:on|for)|urged|warned|vowed"
    r"|pledged|speculated|testified|criticized|criticised|argued|demanded|praised"
    r"|condemned|mocked|ridiculed|boasted|hailed|lauded|denounced|expressed|released (?:a |two |several )?(?:statements?|propaganda|videos?)"
    r"|published|threatened|wrote|noted|signaled|signalled|insisted)\b",
    re.I,
)
#: ('SDF-appointed council official' is an adjective compound, no appointment: a hyphen before the word rules it out)
_APPOINT = re.compile(
    r"\b(?<![-‐‑])(?:appoint(?:ed|s|ment)?|named .{0,30}\b(?:as|to)\b|sworn in|installed|replaced .{0,40}"
    r"\bgovernors?|promoted)\b",
    re.I,
)
#: a relative clause about a group ('Al-Shabaab, which frequently carries out such attacks, claimed ...'): its acts
#: are no act of the sentence
_RELATIVE = re.compile(r",\s+(?:which|who)\s+[^,;]{3,80},")
#: natural disasters and accidents kill people too, but they are no one's violent act
_DISASTER = re.compile(
    r"\b(?:earthquakes?|floods?|flooding|landslides?|cyclones?|hurricanes?|drought|famine|epidemic|tremors?"
    r"|traffic accident|car accident|plane crash)\b",
    re.I,
)
_SELF_REPORT = re.compile(
    r"\s+(?:on\s+\w+\s+\d{1,2}(?:,\s*\d{4})?\s+)?(?:that\s+)?(?:(?:on|in|during|throughout|over)\s+[\w ]{3,25}?(?:,\s*\d{4})?,?\s+"
    r"|(?:earlier|later)\s+(?:that|the same)\s+day,?\s+|the (?:previous|preceding) day,?\s+)?"
    r"(?:it|they|(?:its|their) (?:own\s+)?(?:forces|fighters|troops|aircraft|warplanes|jets|drones?|units)"
    r"|the (?:security|armed|government|army|military) forces|the army|the military"
    r"|[\w-]+(?: and [\w-]+)? forces"
    r"|an?\s+(?:[A-Z][\w.-]*\s+){1,2}(?:drone strike|air ?strike|airstrike|strike|raid|operation))"
    r"(?:,\s+(?:together|along|jointly)\s+with\s+[^,;]{2,40},)?"  # 'US forces, together with the SDF, had ...'
    r"\s+(?:had\s+)?(?:conducted|carried out|killed|arrested"
    r"|captured|detained|struck|launched|raided|repelled|repulsed|targeted)\b"
    # '... announced that 18 ISIS operatives had been killed in raids': the results of its own operation
    r"|\s+(?:that\s+)?(?:\d+|[a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:operatives|militants|terrorists|insurgents|members)"
    r"\s+(?:had\s+been|have\s+been|were)\s+(?:killed|arrested|captured|detained)\s+in\s+(?:an?\s+|several\s+)?"
    r"(?:[\w-]+\s+)?(?:raids?|operations?|strikes?|airstrikes?|sweeps?)\b",
    re.I,
)
#: a reporting verb whose complement tells a past act: 'officials said militants killed eight soldiers'
_REPORTING = re.compile(r"(?:said|says|stated|announced|reported|confirmed)$", re.I)
_PAST_ACT = re.compile(r"(?:\w+ed|struck|shot|hit|blew|overran|stole|took|beat|slit|set)$", re.I)
_NOT_YET = re.compile(
    r"\b(?:would|will|may|might|could|can|should|plan(?:s|ned)? to|intend(?:s|ed)? to|aim(?:s|ed)? to|threat"
    r"|if|unless|not|never|no)\b",
    re.I,
)


def _reported_act(sentence: str, st: re.Match, act: tuple[int, int]) -> bool:
    """True when a reporting verb ('said', 'announced') introduces a clause that tells a past violent act, with no
    modal, condition or negation between them: what an official reports happened is an event (attribution
    'reported')."""
    if not _REPORTING.search(st.group()) or act[0] < st.end():
        return False
    if re.match(r"\s+on\s+(?:[A-Z][a-z]+\s+\d{1,2}|[A-Z][a-z]+day)\b", sentence[st.end() :]):
        return False  # 'announced on October 9 that aircraft had struck ...': the date is the announcement's
    for m in _ACT.finditer(sentence, st.end()):
        if _NOT_YET.search(sentence[st.end() : m.start()]):
            return False
        if _PAST_ACT.search(m.group().strip()) or re.search(
            r"\b(?:conducted|carried out|launched|staged|mounted)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$",
            sentence[st.end() : m.start()],
        ):
            return True  # 'CENTCOM announced that US forces conducted a helicopter raid ...'
    return False


_ASSESS = re.compile(
    r"\b(?:suggests?|indicates?|demonstrates?|shows|signals?|means|reflects?"
    r"|highlights?|underscores?|illustrates?)\b",
    re.I,
)
_HABITUAL = re.compile(
    r"\b(?:frequently|regularly|routinely|often|usually|repeatedly|continues? to|has continued"
    r"|have continued|typically)\b",
    re.I,
)
#: an appositive that hedges the subject's identity, not the act: ', likely from cells in the Badia,'
_HEDGED_APPOSITIVE = re.compile(
    r",\s+(?:most\s+)?(?:likely|probably|possibly|reportedly|believed to be|suspected(?: to be)?)\s+[^,;]{1,80},(?=\s+[a-z])",
    re.I,
)
#: a past verb form of the act word: the sentence asserts it ('attacked', 'struck'); a noun ('attacks') may not
_PAST_FORM = re.compile(r"(?:\w+ed|struck|shot|hit|blew|overran|stole|took|beat|slit|set|fought|threw|led|hid)$", re.I)
#: the main verb after a noun subject, when modal or evaluative: 'are likely to increase', 'would be', 'remain a risk'
_MODAL_PREDICATE = re.compile(
    r"^[^,;:]{0,120}?\b(?:(?:is|are|remains?)\s+(?:(?:also|still)\s+)?(?:un)?likely\b|would|will|could|might|may|can|should"
    r"|remains?\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:risk|threat|possibility|concern))\b"
)
#: a definite subject names a particular act ('The SDF's arrests ... on May 6 are unlikely to disrupt ...')
_DEFINITE = re.compile(r"^\s*(?:The|This|That|These|Those|Its|Their)\b|['’]s\s+(?:[\w-]+\s+){0,2}$")


def _hypothetical_noun(sentence: str, act: tuple[int, int]) -> bool:
    """True when the act is a noun at the head of the sentence with an indefinite or generic subject and the main
    verb after it is modal ('Any ISWAP attack on Maiduguri during the May 10 elections would be an escalation',
    'ISIS attacks on SDF checkpoints are likely to increase after the SDF's May 3 withdrawal'): no act happened."""
    word = sentence[act[0] : act[1]]
    if _PAST_FORM.search(word) or not re.search(r"\w+\W*$", sentence[act[0] : act[1] + 12]):
        return False
    before = sentence[: act[0]]
    if _DEFINITE.search(before) or re.search(r"\b(?:who|which|that)\b|[,;]", before):
        return False
    # the rest of the noun's word and its complements up to the main verb
    rest = sentence[act[1] :]
    rest = re.sub(r"^\w*", "", rest)
    m = _MODAL_PREDICATE.search(rest)
    # 'An IED attack near Hajin on May 3 killed two soldiers and will likely ...': a past main verb asserts the act
    return m is not None and not re.search(
        r"\b(?:\w+ed|struck|shot|hit|blew|overran|took|left)\b", rest[: m.end()].rsplit(" ", 2)[0]
    )


#: a present progressive before the act ('ISKP is attacking ...', 'ISIS has been conducting assassinations ...'):
#: the writer describes an ongoing campaign, and a date in the sentence belongs to something else
_ONGOING = re.compile(
    r"\b(?:is|are|has\s+been|have\s+been|remains?|keeps?|kept)\s+(?:(?:\w+ly|also|still|now|both|again"
    r"|increasingly)\s+)?(?:(?:conducting|carrying\s+out|launching|staging|mounting)\s+(?:[\w-]+\s+){0,3})?$",
    re.I,
)
_ING = re.compile(r"\w*ing\b|(?<=conducting )|(?<=out )", re.I)
#: the section words CTP uses for non-violent background, never events on their own
_NONVIOLENT = re.compile(
    r"\b(?:redeployed|deployed|moved|built|recruit(?:ed|s)?|visited|met|signed|banned|ordered"
    r"|outlawed|closed|leaked|protest(?:ed|s)?|collect(?:ed|s)?)\b",
    re.I,
)


@lru_cache(maxsize=4096)
def act_span(sentence: str) -> tuple[int, int] | None:
    """Offsets of the sentence's first violent-act word, or None."""
    m = _ACT.search(sentence)
    return (m.start(), m.end()) if m else None


@lru_cache(maxsize=4096)
def skip_reason(sentence: str) -> str | None:
    """Why a sentence is not an event sentence ('hedged', 'negated', 'statement', 'appointment', 'assessment',
    'habitual'), or None when it may be one. Words count only before or at the violent act: 'ISIS killed two
    soldiers on May 3, which will likely ...' is an event; 'ISIS may attack ...' is not."""
    act = act_span(sentence)
    head = sentence[: act[1]] if act else sentence
    # 'ISIS militants, likely from cells based in the Badia, attacked ...': the hedge is about who they are, in an
    # appositive; the act itself is asserted
    head = _HEDGED_APPOSITIVE.sub(lambda m: " " * len(m.group()), head)
    if (
        act
        and re.search(
            r"\b(?:following|after|in response to|in retaliation for|since|before)\s+(?:the\s+|its\s+|a\s+)?"
            r"(?:[\w'’-]+\s+){0,3}$",
            sentence[: act[0]],
            re.I,
        )
        and re.search(
            r"\b(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|October"
            r"|November|December)",
            sentence[: act[0]],
        )
    ):
        return "background"
    ap = _APPOINT.search(head)
    if ap and (not act or ap.start() < act[0]):
        return "appointment"  # 'X appointed a governor, replacing the one whom ISKP killed': the act is background
    if _DISASTER.search(head):
        return "disaster"
    ana = _ANAPHORIC_ACT.match(sentence)
    if ana and (ana.group("cmp") or act_span(sentence[ana.end() :]) is None):
        return "background"  # 'The attack is the deadliest since ...', 'The attack followed a January 19 statement'
    cb = _CLAIM_BACK.match(sentence)
    own = act_span(_RELATIVE.sub(lambda m: " " * len(m.group()), sentence)) if cb and act else act
    if cb and own and own[0] < cb.start() + cb.group().lower().rfind("claimed"):
        cb = None  # 'ISIS detonated an IED near X on May 3 and claimed the attack': the sentence tells its own act
    if cb and not _NEGATION.search(cb.group()):
        return "claim of an event told before"
    st = _STATEMENT.search(head)
    if st and _SELF_REPORT.match(sentence, st.end()):
        st = None  # 'The Malian army said it conducted airstrikes on June 7': a force reporting its own operation
    if st and act and _reported_act(sentence, st, act):
        st = None  # 'Local officials said a US drone strike killed two AQAP members on March 12': a reported event
    if st and not re.search(r"\bclaim(?:ed|s)? (?:responsibility|that its|an? )", head, re.I):
        return "threat" if re.search(r"threat", head, re.I) else "statement"
    if _HEDGE.search(head) or any(not _USED_TO.search(head[: m.start()]) for m in _PURPOSE.finditer(head)):
        return "hedged"
    if re.search(
        r"\btimes as many\b|\btimes more\b|\bthe (?:number|rate|frequency|pace) of\b|\b(?:increase|decrease|rise"
        r"|decline|drop|surge|uptick) in\b",
        head,
        re.I,
    ):
        return "aggregate"
    if DENIAL.search(head):
        return "denial"  # 'HTS issued a statement denying any involvement and condemning the attack'
    if _NEGATION.search(head):
        return "negated"
    if _HABITUAL.search(head):
        return "habitual"
    if act and _hypothetical_noun(sentence, act):
        return "hedged"  # 'Any ISWAP attack on Maiduguri would be ...', 'ISIS attacks on X are likely to increase'

    if act and _ONGOING.search(sentence[: act[0]]) and _ING.match(sentence, act[0]):
        return "ongoing"  # 'ISKP is attacking Kabul's religious minorities': a campaign, not a dated act
    if _ASSESS.search(head):
        return "assessment"
    # an old mine going off, a comparison, an act that followed a statement, a truce's date
    return non_event(sentence)


# ---------------------------------------------------------------------------------------------------- actors

#: generic actor nouns: the agent when no group is named ('Tribal forces attacked ...', 'unknown gunmen opened fire')
_GENERIC = re.compile(
    r"\b(?P<np>(?:(?:[A-Za-z][\w-]*)\s+){0,3}?(?P<head>rebels|insurgents|tribal forces|tribesmen"
    r"|tribal insurgents|gunmen|militants|fighters|assailants|attackers|jihadists|operatives|bandits"
    r"|militiamen|militias|militia|insurgency|(?<=[a-z] )group|bomber))\b",
    re.I,
)
_UNKNOWN = re.compile(
    r"\b(?:unknown|unidentified|unnamed|suspected)\s+(?:gunmen|assailants|attackers|militants"
    r"|persons?|men|individuals)\b",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?(?:[\w-]+ed|shot|hit|laid|struck|blown"
    r"|set|thrown|sniped|slain|beaten|taken|seized|captured)\b",
    re.I,
)
_POSSESSIVE_SUBJECT = re.compile(
    r"\s*((?:its|their)\s+(?:own\s+)?(?:forces|troops|men|fighters|units|operatives|militants|soldiers))\b", re.I
)
#: the members of a group named right before it: 'operatives of', 'fighters from', 'a cell of'
#: ... and a force's men or machines: 'an operative of the Sinai Province', 'aircraft of the Libyan National Army',
#: 'soldiers of the Philippine army'
_MEMBERS_OF = re.compile(
    r"\b(?:operatives?|fighters?|members?|militants?|men|cells?|units?|elements|gunmen|squads?|forces|troops"
    r"|soldiers?|commandos?|aircraft|(?:war)?planes|jets|helicopters?|drones?|(?-i:Service|Directorate"
    r"|Agency|Command|Department|Apparatus|Forces))\s+(?:of|from)\s+"
    r"(?:the\s+)?$",
    re.I,
)
#: the act noun's owner right after it: 'a suicide bomber of Jabhat Fatah al-Sham', 'suicide bombers from ISIS'
_BOMBER_OF = re.compile(r"(?<=bomber)s?\s+(?:of|from|belonging\s+to)\s+(?:the\s+)?$", re.I)
#: an air act whose words open with the craft, its owner after it: 'aircraft of the Libyan National Army struck'
_CRAFT_OF = re.compile(
    r"(?:aircraft|(?:war)?planes|(?:fighter\s+)?jets|helicopters?|drones?)\s+(?:of|from|belonging\s+to)\s+(?:the\s+)?",
    re.I,
)
_BY = re.compile(r"\bby\s+(?:the\s+)?", re.I)
#: a participle that names the author of the device or fire before it: 'a landmine left by ISIS killed ...'
_PARTICIPLE_BY = re.compile(r"\b(?:left|planted|laid|placed|fired|launched|detonated|rigged)\s+by\s+(?:the\s+)?$", re.I)
_TARGET_PREP = re.compile(
    r"\b(?:against|targeting|on|at|toward|towards|into|of|with|and|from|by)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
#: a time phrase right before a mention is no preposition that governs it: 'on the same day ISIS snipers shot'
_TIME_BEFORE = re.compile(
    r"\b(?:on|at|in|during)\s+(?:the\s+)?(?:(?:same|next|following|previous)\s+(?:day|night|morning|evening"
    r"|afternoon|time)|(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s*,?\s*$",
    re.I,
)


#: a force's vehicle that ran onto a device: the subject is the victim ('A Malian army vehicle struck an IED')
_VICTIM_SUBJECT = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:vehicles?|convoys?|patrols?|trucks?|buses|bus|boats?)\s+(?:struck|hit|ran over|drove over"
    r"|triggered|detonated)\s+(?:an?\s+|two\s+|a\s+roadside\s+)?(?:[\w-]+\s+)?(?:IEDs?|landmines?|mines?|roadside bombs?"
    r"|(?:improvised\s+)?explosive devices?)\b",
    re.I,
)


#: the subject's own verb is a passive of harm: the subject is the victim ('... fighters were killed', 'were shot')
_PATIENT_SUBJECT = re.compile(
    r"\s+(?:were|was|have been|had been)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|shot|hit|struck|slain|sniped"
    r"|targeted|attacked|ambushed|kidnapped|abducted|executed|beheaded)\b",
    re.I,
)


_IN_CLASHES = re.compile(
    r"\s*(?:In|During|Amid)\s+(?:the\s+)?(?:\w+\s+)?(?:clashes|fighting|battles?|confrontations?|an?\s+operation)\b"
)
_MAIN_VERB = re.compile(
    r"(?:\s+(?:forces|fighters|troops|operatives|units))?\s+(?:killed|attacked|captured|detained|arrested|ambushed"
    r"|destroyed|seized|shot|wounded|repelled)\b"
)


@dataclass(frozen=True)
class Agent:
    """Who acted in a sentence: `mention` index in the sentence's mentions, or a generic noun phrase."""

    index: int | None
    generic: str | None
    passive: bool
    unknown: bool


def find_agent(sentence: str, mentions, offset: int) -> Agent:
    """The grammatical agent among `mentions` (actor mentions with absolute offsets; `offset` is the sentence's
    start): the first mention before the violent act that is not the object of a preposition, or the 'by X' of a
    passive sentence. Generic subjects ('Tribal forces', 'unknown gunmen') are returned as text."""
    act = act_span(sentence)
    a0 = act[0] if act else len(sentence)
    a1 = act[1] if act else len(sentence)
    passive = bool(_PASSIVE.search(sentence[: min(len(sentence), a1 + 40)]))
    rep = re.search(
        r"\b(?:repulsed|repelled|foiled|thwarted|prevented|intercepted)\s+(?:an?\s+|the\s+)?(?:[\w()-]+\s+){0,4}$",
        sentence[:a0],
    )
    if rep:
        # 'Nigerian troops repelled an ISWAP attack on a base': the group named in the repelled act made it
        for i, m in enumerate(mentions):
            if rep.start() < m.start - offset < a0 and not m.is_state and not m.label:
                return Agent(i, None, False, False)
    if (
        _UNKNOWN.search(sentence[: a0 + 20])
        or (passive and re.search(r"\bby\s+" + _UNKNOWN.pattern, sentence, re.I))
        or rep
    ):
        return Agent(None, None, passive, True)
    for i, m in enumerate(mentions):
        rel = m.start - offset
        if not m.is_state and a0 < rel <= a1 + 12 and _BOMBER_OF.match(sentence, a1, rel):
            return Agent(i, None, False, False)  # 'a suicide bomber of Jabhat Fatah al-Sham drove a car bomb'
        if a0 < rel < a1 and _CRAFT_OF.fullmatch(sentence, a0, rel):
            return Agent(i, None, False, False)  # 'aircraft of the Libyan National Army struck': the craft's owner
    if _IN_CLASHES.match(sentence):
        # 'In clashes on May 13 near X, the SDF killed seven ISIS operatives': the act noun sits in a leading phrase;
        # the main clause's subject is the agent
        for i, m in enumerate(mentions):
            rel = m.start - offset
            if (
                rel > 0
                and re.search(r",\s+(?:the\s+)?$", sentence[:rel])
                and _MAIN_VERB.match(sentence, m.end - offset)
            ):
                return Agent(i, None, False, False)
    # 'was attacked by ISIS'
    for i, m in enumerate(mentions):
        rel = m.start - offset
        if (
            rel > 0
            and _BY.search(sentence[max(0, rel - 8) : rel])
            and (passive or _PARTICIPLE_BY.search(sentence[max(0, rel - 30) : rel]))
            and not re.search(
                r"\b(?:supported|backed|assisted|accompanied|aided)\s+by\s+(?:the\s+)?$",
                sentence[max(0, rel - 30) : rel],
                re.I,
            )
        ):
            return Agent(i, None, True, False)
    subj = re.match(r"\s*(?:[A-Z][\w'’-]*\s+){0,4}(?:forces|fighters|operatives|militants)\b", sentence)
    if passive and (subj is None or _PATIENT_SUBJECT.match(sentence, subj.end())):
        # 'Two PMF fighters were killed by sniper fire': the force named first is the victim, no agent named
        return Agent(None, None, True, False)
    for i, m in enumerate(mentions):
        rel = m.start - offset
        if rel > a0 + 2:
            break
        if (
            _TARGET_PREP.search(sentence[max(0, rel - 40) : rel])
            and rel > 0
            and not _TIME_BEFORE.search(sentence, 0, rel)
        ):
            mem = _MEMBERS_OF.search(sentence, 0, rel)
            if mem is None or _TARGET_PREP.search(sentence[max(0, mem.start() - 40) : mem.start()]):
                continue  # 'operatives of ISIS's Sahel Province ambushed ...': the members' group is the agent
        if _VICTIM_SUBJECT.match(sentence, m.end - offset):
            return Agent(None, None, True, False)  # 'A Malian army vehicle struck an IED': the victim, no agent named
        return Agent(i, None, passive, False)
    pro = _POSSESSIVE_SUBJECT.match(sentence)
    if pro and pro.end() <= a0 + 1:
        return Agent(None, pro.group(1), False, False)  # '... said that its forces killed': the sayer's forces
    g = _GENERIC.search(sentence, 0, a0 + 1)
    if g and not _TARGET_PREP.search(sentence[max(0, g.start() - 40) : g.start()]):
        return Agent(None, g.group("np").strip(), passive, False)
    # 'a suicide bomber blew himself up', 'an IED exploded': the act is the subject, the agent is not named
    lead = re.sub(
        r"^(?:\s*(?:(?i:On|In|At|During)\s+[^,]{0,40},|[A-Z][a-z]+\.?\s+\d{1,2},?\s+(?:19|20)\d\d\s*[:–-]"
        r"|[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3},))+\s*",
        "",
        sentence[:a0],
    )  # 'On May 3, ...', 'August 6, 2022: An attack on ...', 'Two days later, an IED exploded ...'
    if re.fullmatch(r"\s*(?:an?|the)\s+", lead, re.I) and re.match(r"\w+\s+(?:on|against)\b", sentence[a0:]):
        return Agent(None, None, True, False)  # 'An attack on a Nigerian army base ...': a noun, no agent named
    if not any(m.start - offset < a0 for m in mentions) and len(lead.split()) <= 2:
        return Agent(None, None, True, False)
    return Agent(None, None, passive, False)
