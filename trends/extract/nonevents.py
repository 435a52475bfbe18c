"""Sentences with a violent word that still tell no event of their own (both readers ask `non_event`).

- explosive remnants of war: an old mine or a device "left over from the war" going off is no one's act now;
- a comparison: "The attack is the deadliest on Malian forces since the November 2019 attacks" rates an act told
  before against older ones;
- an act that merely "followed" a statement ("The attack followed a January 19 statement in which ..."): the date
  is the statement's;
- a group's statement about an act ("HTS issued a statement denying any involvement and condemning the attack");
- a forecast ("the attacks may intensify as demand peaks in July"), an attack in words ("The editorial of al-Naba
  attacked the Taliban over their talks");
- a tally since a time ("they have arrested hundreds of IS members since seizing power in August");
- a truce or ceasefire whose date is the sentence's only one ("... before agreeing a truce on May 10"): the date
  is the truce's, not the fighting's.
"""

from __future__ import annotations

import re

_REMNANT = re.compile(
    r"\b(?:left\s*over|leftover|left behind)\s+(?:from|by|after)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:war|wars|fighting|conflict|battles?|occupation|rule|era)\b"
    r"|\bexplosive remnants? of war\b|\bremnants? of (?:the\s+)?war\b|\bwar remnants?\b|\bERWs?\b"
    r"|\bunexploded\s+(?:[\w-]+\s+)?(?:ordnance|shells?|bombs?|mines?|munitions?|devices?|rockets?|mortars?)\b"
    r"|\b(?:old|war-era|decades-old|legacy)\s+(?:land)?mines?\b",
    re.I,
)
_COMPARISON = re.compile(
    r"^\W*(?:The|This|That|It|Its)\b(?:\s+[\w'’-]+){0,3}?\s+(?:is|was|marks|marked|became|has become|remains)\s+"
    r"(?:also\s+)?(?:the|its)\s+(?:[\w-]+\s+)?(?:deadliest|worst|bloodiest|largest|biggest|most\s+\w+|first|second"
    r"|third|latest)\b[^.;]{0,120}?\b(?:since|in\s+(?:more\s+than\s+)?(?:a|two|three|\d+)\s+(?:years?|decades?))\b",
    re.I,
)
#: '... the deadliest since June 29, when suicide bombers struck Gwoza': the when-clause tells its own act
_SINCE_WHEN = re.compile(r"\bsince\s+[^,;]{2,40}?,?\s+when\b", re.I)
_FOLLOWED_WORDS = re.compile(
    r"^\W*(?:The|This|That|It|These)\b[^,;]{0,40}?\b(?:followed|follows|came\s+(?:[\w-]+\s+){0,3}?after"
    r"|comes\s+(?:[\w-]+\s+){0,3}?after)\s+(?:an?|the|its|their)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:statement|speech|warning|announcement|threat|video|message|decree|call|ultimatum|meeting|visit|election"
    r"|vote|sermon|interview|declaration|appeal|audio|recording)s?\b",
    re.I,
)
_STATEMENT_ABOUT = re.compile(
    r"\b(?:issued|released|published|put out)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:statement|communiqu[eé]|message)\s+"
    r"(?:in which it\s+)?(?:denying|condemning|rejecting|disavowing|denouncing|mourning|praising|welcoming)\b",
    re.I,
)
#: a forecast of acts ('the attacks may intensify as demand peaks in July'): no act happened
_FORECAST = re.compile(
    r"\b(?:attacks|bombings|strikes|raids|killings|assaults|ambushes|violence)\s+(?:[\w-]+\s+){0,4}?(?:may|might|could"
    r"|will|would|are\s+(?:likely|expected|set)\s+to)\s+(?:\w+ly\s+)?(?:intensify|increase|continue|escalate|resume"
    r"|rise|spread|grow|surge|persist|worsen)\b",
    re.I,
)
#: words that attack ('The editorial of al-Naba attacked the Taliban over their talks with the US'): no violence
_VERBAL_ATTACK = re.compile(
    r"\b(?:editorial|article|statement|speech|sermon|op-ed|column|communiqu[eé]|audio message|video message|leaflet)"
    r"\b[^.;]{0,60}?\battacked\b"
    r"|\battacked\s+(?:the\s+)?[\w'’ -]{2,40}?\s+(?:over|for)\s+(?:their|its|his|her)\s+(?:[\w-]+\s+)?(?:talks|statements?"
    r"|remarks|position|stance|polic(?:y|ies)|decision|participation|ties|negotiations|rhetoric)\b",
    re.I,
)
_TRUCE_DATE = re.compile(
    r"\b(?:truce|cease-?fire|armistice|peace\s+(?:deal|agreement|accord)|agreement|accord|deal)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:on|in)\s+(?:(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\.?(?:\s+\d{1,2})?(?:,?\s+(?:19|20)\d\d)?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b",
    re.I,
)
#: a tally over a span ('the Taliban say they have arrested hundreds of IS members since seizing power in August'):
#: many acts since a time, not one act on it
_TALLY_SINCE = re.compile(
    r"\b(?:have|has|had)\s+(?:\w+ly\s+)?(?:killed|arrested|detained|captured|abducted|kidnapped|executed|carried\s+out"
    r"|launched|claimed|conducted)\s+(?:many\s+|several\s+)?(?:hundreds|thousands|dozens|scores)\b[^.;]{0,120}?\bsince\b",
    re.I,
)
#: any other date-like word: a month, a weekday, a year, a relative date
_DATE_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tonight|(?:19|20)\d\d|ago|later|earlier"
    r"|(?:next|following|previous|same)\s+(?:day|night|morning|week)|last\s+(?:week|month|night))\b",
)


def non_event(sentence: str) -> str | None:
    """Why a sentence that names a violent act tells no event of its own, or None."""
    if _REMNANT.search(sentence):
        return "explosive remnant of war"
    if _COMPARISON.search(sentence) and not _SINCE_WHEN.search(sentence):
        return "comparison with earlier acts"
    if _FOLLOWED_WORDS.search(sentence):
        return "the act followed words, the date is theirs"
    if _STATEMENT_ABOUT.search(sentence):
        return "statement about an act"
    if _FORECAST.search(sentence):
        return "forecast of acts"
    if _VERBAL_ATTACK.search(sentence):
        return "words, not violence"
    if _TALLY_SINCE.search(sentence) and not _SINCE_WHEN.search(sentence):
        return "a tally of acts since a time"
    truce = _TRUCE_DATE.search(sentence)
    if truce and not _DATE_WORD.search(sentence[: truce.start()] + " " + sentence[truce.end() :]):
        return "the only date is a truce's"
    return None
