"""Sentences that complete the event told just before them instead of telling one: an attribution ('the army said the
attackers were ISWAP fighters'), a claim ('Al-Shabaab claimed responsibility'), the place ('the raid took place in
Jandaris'). `to_previous` applies one and returns the reason the sentence is no event, or None."""

from __future__ import annotations

import re

from .actors import resolve_actor
from .backrefs import state_strike
from .places import canonical_country, canonical_province, find_places
from .press_actors import _actors, _specific_first
from .press_acts import _event_pos, _own_casualties
from .press_article import Article
from .press_dates import _date_marks
from .press_merge import _CLAIM_OF_PREVIOUS, _NO_CLAIM, _WHERE_IT_HAPPENED, ATTRIBUTION, claimed_kind, credit_actor

#: a sentence that gives two names of one group ('..., the label it uses for the ADF', 'also known as')
_SAME_GROUP = re.compile(
    r"\b(?:the\s+(?:label|name)\s+(?:it|they|the group)\s+uses?\s+for|also\s+known\s+as|which\s+calls\s+itself)\b",
    re.I,
)


#: a claim of several acts: 'claimed responsibility ... after the bombings', 'claimed both attacks'
_PLURAL_ACTS = re.compile(
    r"\b(?:the|both|all|these|those|the\s+two|the\s+three)\s+(?:[\w-]+\s+)?(?:bombings|attacks|blasts|explosions|assaults)\b",
    re.I,
)


def to_previous(text: str, s: int, e: int, art: Article, events: list[dict], groups: list) -> str | None:
    """Apply the clause text[s:e] to the previous event of the article when it attributes, claims or places it;
    the skip reason, or None when the clause is for the later stages (a claim sets `art.claimer` either way)."""
    sent = text[s:e]
    doc = art.doc
    att = ATTRIBUTION.search(sent)
    if att and events and events[-1]["evidence"]["start"] >= art.story_start():
        named = _specific_first([g for g in _actors(text, s + att.end(), e) if not g.is_state])
        if named:
            credit_actor(
                events[-1], named[0].raw, art.ag.named() + art.ag.extra, sent, "actor from the attribution that follows"
            )
            return "attribution of the previous event"
    strike = state_strike(sent)
    if (
        strike
        and events
        and events[-1]["evidences"][0]["document"] == doc.title[:120]
        and events[-1]["evidence"]["start"] >= art.story_start()
        and events[-1]["actor"] == "unknown"
    ):
        # 'On Tuesday, an explosion in Beirut killed ... Lebanese officials and Hamas said it was an Israeli drone
        # strike': the state whose strike the act was
        prev = events[-1]
        prev["actor"] = prev["actor_raw"] = f"Government of {strike[0]}"
        if prev["event_type"] in ("attack", "IED"):
            prev["event_type"] = strike[1]
        return "attribution of the previous event"
    claim = _CLAIM_OF_PREVIOUS.search(sent)
    if claim and (
        _event_pos(sent[: claim.start()]) < claim.start()
        or (
            _date_marks(text, s, s + claim.start())
            and re.search(r"\b(?:kill|wound|injur|hit|struck|attack|bomb|explod)\w*", sent[: claim.start()], re.I)
        )
    ):
        claim = None  # 'a drone struck ..., and the group claimed it': an act of its own
    if claim and groups and not _NO_CLAIM.search(sent):
        art.claimer = groups[0].raw
    if (
        claim
        and events
        and events[-1]["evidences"][0]["document"] == doc.title[:120]
        and events[-1]["evidence"]["start"] >= art.item_start
        and not _own_casualties(sent)
    ):
        prev = events[-1]
        if groups and not _NO_CLAIM.search(sent):
            raw = groups[0].raw
            topic = art.ag.topic
            if topic and _SAME_GROUP.search(sent) and topic in {resolve_actor(g.raw).actor for g in groups[1:]}:
                # '... attributing them to its Central Africa Province, the label it uses for the ADF' in an article
                # about the ADF: the article's own name for the group
                raw = topic
            credit_actor(prev, raw, art.ag.named() + art.ag.extra, sent, "actor from the claim that follows")
            if _PLURAL_ACTS.search(sent):
                # 'The Islamic State group claimed responsibility two days after the bombings': the claim of each act
                # of that day's series the story told, nobody named for them
                for old in reversed(events[:-1]):
                    if old["evidences"][0]["document"] != doc.title[:120] or old["evidence"]["start"] < art.item_start:
                        break
                    if old["event_date"] == prev["event_date"] and old["actor"] == "unknown":
                        credit_actor(old, raw, art.ag.named() + art.ag.extra, sent, "actor from the claim that follows")
                        old["attribution"] = "claimed"
        if not _NO_CLAIM.search(sent):
            prev["attribution"] = "claimed"
            claimed_kind(prev, sent)
        return "claim of the previous event"
    if (
        _WHERE_IT_HAPPENED.search(sent)
        and events
        and events[-1]["evidences"][0]["document"] == doc.title[:120]
        and not events[-1]["province"]
        and art.last_event_end is not None
        and 0 <= s - art.last_event_end
        and "\n" not in text[art.last_event_end : s]
    ):
        prev = events[-1]
        pl = [p for p in find_places(text, s, e, prev["country"] or None) if p.kind in ("town", "province")]
        if pl and (not prev["country"] or canonical_country(pl[0].country) == prev["country"]):
            prev["country"] = canonical_country(pl[0].country) or prev["country"]
            prev["province"] = canonical_province(pl[0].country, pl[0].province_raw)
            prev["province_raw"] = pl[0].province_raw
            prev["location"] = pl[0].name
            prev["evidences"].append(
                {"sentence": sent, "start": s, "end": e, "document": prev["evidences"][0]["document"]}
            )
            art.last_event_end = e
            return "place of the previous event"
    return None
