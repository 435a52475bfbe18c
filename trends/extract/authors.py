"""Who did the act told before, when the sentence after it says so: the authors' assessment ('CTP assesses that
ISIS conducted it', 'ISIS likely conducted the attack'), others' blame ('officials blamed ISIS'), 'carried out by'
(a mixin of trends.extract.events._Events)."""

from __future__ import annotations

import re
from datetime import date

from .actors import GROUPS, resolve_actor
from .branches import branch_actor

#: where an actor came from when the sentence did not name it
_CONTEXT_REASONS = (
    "actor from the heading",
    "actor from the section lead-in",
    "actor from the claim channel",
    "actor from the sentence before",
)
#: the actor reason of an author others blamed ('officials blamed the Taliban'): a group's claim replaces it
BLAMED = "actor blamed by others"
#: a sentence that may name the author of the event before it (checked first, one regex per sentence)
AUTHOR_CUE = re.compile(
    r"assess|blamed|accused|attributed|carried out by|conducted by|perpetrated by|according to"
    r"|\b(?:likely|probably|almost certainly)\s+(?:conducted|carried out|perpetrated|committed|(?:was|were)\s+(?:behind"
    r"|responsible))\b|\b(?:was|were)\s+(?:behind|responsible)\b|\b(?:believed|thought|suspected)\s+to\s+(?:have\s+)?"
    r"(?:carried|conducted|perpetrated|committed|been)\b"
    r"|\b(?:attackers|assailants|perpetrators|gunmen|killers)\s+(?:were|was)\b",
    re.I,
)
#: the attackers of the event before, said to be a group: 'the attackers were JNIM operatives'
_ATTACKERS_WERE = re.compile(
    r"\b(?:the\s+)?(?:attackers|assailants|perpetrators|gunmen|killers)\s+(?:were|was)\s+(?:the\s+|an?\s+)?$", re.I
)
#: the group believed to be the author: 'ISIS is believed to have carried out the killing'
_BELIEVED = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:widely\s+)?(?:believed|thought|suspected)\s+to\s+(?:have\s+)?(?:carried\s+out|conducted"
    r"|perpetrated|committed|been\s+behind|been\s+responsible)\b",
    re.I,
)
#: a guess about the author ('possibly', 'may have'): never the event's actor ('likely' is the authors' assessment)
_GUESSED_AUTHOR = re.compile(r"\b(?:possibly|perhaps|may have|might have|could have)\b", re.I)
#: the authors' assessment clause: 'CTP assesses that', 'ISW assessed'
_ASSESS_CLAUSE = re.compile(r"\b(?:CTP|ISW|ITIC|we)\s+assess(?:es|ed)?\s+(?:that\s+)?", re.I)
#: the authors' assessment whose subject points back to a group: 'CTP assesses that the group's local katiba'
_ASSESSED_ANAPHOR = re.compile(
    r"\b(?:CTP|ISW|we)\s+assess(?:es|ed)?\s+(?:that\s+)?(?:the\s+(?:group|organi[sz]ation|militants|insurgents)"
    r"|its\s+(?:fighters|militants|operatives|cells?|members))(?:['’]s)?\b",
    re.I,
)
_DID_VERB = re.compile(
    r"[^,;.]{0,60}?\b(?:conducted|carried\s+out|perpetrated|committed|(?:was|were)\s+(?:behind|responsible))\b", re.I
)


def _assessed_author(clean: str, g) -> bool:
    """True when the group is named inside the subject of the authors' assessment that someone did the act told
    before ('CTP assesses that members of an ISIS-aligned hisba network inside the camp carried out the killing')."""
    for c in _ASSESS_CLAUSE.finditer(clean, 0, g.start()):
        between = clean[c.end() : g.start()]
        if len(between) <= 40 and not re.search(r"[,;]|\b(?:will|would|may|might|could|not)\b", between, re.I):
            after = _DID_VERB.match(clean, g.end())
            if after and not re.search(r"\b(?:will|would|may|might|could|not|never)\b", after.group(), re.I):
                return True
    return False


#: the group as the subject of a hedged authorship: 'ISIS likely conducted the killings' (the authors' assessment)
_SUBJECT_DID_IT = re.compile(
    r"\s+(?:most\s+)?(?:likely|probably|almost\s+certainly)\s+(?:conducted|carried\s+out|perpetrated|committed"
    r"|(?:was|were)\s+(?:behind|responsible))\b",
    re.I,
)
#: what an assessment says the group did: the act told before ('conducted it', 'were behind the killing')
_DID_IT = re.compile(
    r"(?:['’]s)?(?:\s+[\w'’()-]+){0,12}?\s+(?:had\s+)?(?:conducted|carried out|perpetrated|committed|(?:was|were)\s+"
    r"(?:behind|responsible))\b",
    re.I,
)
#: the words right before a group's name that make it the author of the event told before
_AUTHOR_BEFORE = re.compile(
    r"(?:(?P<assessed>\b(?:CTP|ISW|ITIC|we)\s+assess(?:es|ed)?\s+(?:that\s+)?(?:the\s+)?"
    r"|\bassessment,?\s+[^.;]{0,50}\b(?:carried out|conducted|perpetrated)\s+by\s+(?:the\s+)?)"
    r"|(?P<reported>\b(?:blamed|accused)\s+(?:the\s+)?|\battributed\s+(?:the|this|that|it)\s*(?:\w+\s+)?to\s+(?:the\s+|an?\s+)?"
    r"|\b(?:carried out|conducted|perpetrated)\s+by\s+(?:the\s+)?)"
    r"|(?P<claimed>\baccording to\s+(?:the\s+)?))$",
    re.I,
)


#: the group's men between its name and 'were behind': 'ISIS operatives inside the camp were behind the murder'
_MEMBERS = (
    r"(?:\s+(?:operatives|fighters|members|militants|cells?|elements|men)(?:\s+(?:inside|in|from|of)\s+(?:the\s+)?"
    r"[\w'’-]+(?:\s+[\w'’-]+)?)?)?"
)
#: the authors' own assessment told before the group: 'In the ITIC's assessment, ...', 'CTP assesses'
_ASSESSMENT = re.compile(r"\bassessment\b|\bassess(?:es|ed)?\b", re.I)
#: an armed group that blames another ('HTS blamed ISIS cells'): a rival's charge, not the author of the act
_RIVAL_BLAME = re.compile(
    r"(?:^|[.;]\s+|,\s+(?:but|and|while)\s+)(?:the\s+)?(?:HTS|Hayat Tahrir al-Sham|(?:the\s+)?(?:Taliban|SDF|rebels?"
    r"|factions?|militias?|jihadists?))\s+(?:blamed|accused)\s+(?:the\s+)?$",
    re.I,
)
#: another possible author told right after the blame: '..., but the explosion may also have been carried out by ...'
_OTHER_AUTHOR = re.compile(
    r"[^.;]{0,30},?\s+(?:but|although|though)\b[^.;]{0,60}\b(?:may|might|could)\s+(?:also\s+)?have\s+been\b", re.I
)


class _Authors:
    """The author named after the act (a mixin of trends.extract.events._Events)."""

    def _author_named(self, ev, clean, s, e) -> bool:
        """A follow-up that names the author of an event told without one ('CTP assesses that ISIS cells conducted
        it', 'officials blamed ISIS', 'the attack was carried out by Boko Haram', 'According to al-Shabaab, ...'):
        that group becomes the actor, attribution assessed / reported / claimed. An actor the text named itself
        is never replaced; one taken from the heading or the lead-in is."""
        if not (ev["actor"] == "unknown" or ev.get("_actor_reason") in _CONTEXT_REASONS):
            return False
        for g in GROUPS.finditer(clean):
            cue = _AUTHOR_BEFORE.search(clean[max(0, g.start() - 80) : g.start()])
            lastgroup = cue.lastgroup if cue is not None else None
            if (
                cue is None
                and re.fullmatch(r"\W*(?:(?:But|However|And|Still),?\s+)?(?:the\s+)?", clean[: g.start()], re.I)
                and _SUBJECT_DID_IT.match(clean, g.end())
            ):
                lastgroup = "assessed"  # 'ISIS likely conducted the attack given its support zones in Tarmiyah'
            elif cue is None and _assessed_author(clean, g):
                lastgroup = "assessed"  # 'CTP assesses that members of an ISIS-aligned network carried out the killing'
            elif cue is None and (
                _ATTACKERS_WERE.search(clean[max(0, g.start() - 60) : g.start()])
                or re.match(
                    _MEMBERS + r"\s+(?:was|were)\s+(?:behind|responsible\s+for)\s+(?:the|this|that|both|it)\b"
                    r"|" + _MEMBERS + r"\s+(?:was|were)\s+(?:behind|responsible)\s*(?:[.,;(\[]|$)",
                    clean[g.end() :],
                )
            ):
                # 'According to local sources, the attackers were JNIM operatives', 'JNIM was behind the killing,
                # according to security sources': the sources name the author of the act told before; 'In the
                # ITIC's assessment, ISIS operatives inside the camp were behind the murder': the authors do
                lastgroup = "assessed" if _ASSESSMENT.search(clean, 0, g.start()) else "reported"
            elif cue is None and _BELIEVED.match(clean, g.end()):
                lastgroup = "assessed"  # 'ISIS is believed to have carried out the killing'
            elif cue is None:
                continue
            if _GUESSED_AUTHOR.search(clean[max(0, g.start() - 40) : g.end() + 30]):
                continue  # 'ISIS was possibly behind the attack': a guess, not an author
            if lastgroup == "reported" and (
                _RIVAL_BLAME.search(clean, 0, g.start()) or _OTHER_AUTHOR.match(clean, g.end())
            ):
                continue  # 'HTS blamed ISIS cells, but ... may also have been carried out by ...': a rival's charge
            if (
                cue is not None
                and cue.lastgroup == "assessed"
                and not cue.group().lower().endswith("by ")
                and not _DID_IT.match(clean, g.end())
            ):
                continue  # 'CTP assesses that ISIS will likely attempt ...' looks ahead; it names no author
            when = date.fromisoformat(ev["event_date"])
            actor = resolve_actor(g.group(), when).actor
            actor = branch_actor(actor, ev["country"] or None, ev["province"], when)
            ev["actor"], ev["actor_raw"], ev["_force"], ev["_actor_reason"] = actor, g.group(), False, None
            ev["_reasons"] = [r for r in ev["_reasons"] if r != "perpetrator not named" and r not in _CONTEXT_REASONS]
            ev["attribution"] = lastgroup
            if lastgroup in ("reported", "claimed"):
                # the group's own claim after it outranks others' blame, and a claim of responsibility outranks
                # 'According to the Taliban, five people were killed' (a toll's source, maybe no author)
                ev["_actor_reason"] = BLAMED
            self._extend(ev, ev["evidence"]["start"], e)
            return True
        return self._assessed_anaphor(ev, clean, e)

    def _assessed_anaphor(self, ev, clean, e) -> bool:
        """'JNIM has not claimed the attack, but CTP assesses that the group's local katiba conducted it': the
        assessment's subject points back to the group named before it in the sentence, which is the author."""
        a = _ASSESSED_ANAPHOR.search(clean)
        if a is None:
            return False
        after = _DID_VERB.match(clean, a.end())
        if after is None or re.search(r"\b(?:will|would|may|might|could|not|never)\b", after.group(), re.I):
            return False
        prior = list(GROUPS.finditer(clean, 0, a.start()))
        if not prior or _GUESSED_AUTHOR.search(clean[a.start() : after.end()]):
            return False
        g = prior[-1].group()
        when = date.fromisoformat(ev["event_date"])
        actor = branch_actor(resolve_actor(g, when).actor, ev["country"] or None, ev["province"], when)
        ev["actor"], ev["actor_raw"], ev["_force"], ev["_actor_reason"] = actor, g, False, None
        ev["_reasons"] = [r for r in ev["_reasons"] if r != "perpetrator not named" and r not in _CONTEXT_REASONS]
        ev["attribution"] = "assessed"
        self._extend(ev, ev["evidence"]["start"], e)
        return True
