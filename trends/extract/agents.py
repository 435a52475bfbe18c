"""Who did it: the agent of a new event's act, from the clause, the paragraph, the heading or the lead-in."""

from __future__ import annotations

import re

from .actors import GROUPS, resolve_actor, state_actor
from .clauses import act_span, find_agent
from .places import COUNTRIES, COUNTRY_ADJ
from .rules import (
    _ANAPHOR,
    _CLAUSE_CUT,
    _GROUP_EVENT_NOUN,
    _TRIBAL,
)


class _Agents:
    """Who did it (a mixin of trends.extract.reader._Reader)."""

    # ------------------------------------------------------------------------------------------------ events
    def _agent(self, ctx, s, clean, mentions, current, last_group, claimed=False):
        """(actor, actor_raw, is_force, reason) of a new event. An unnamed perpetrator ('gunmen', 'a suicide
        bomber', a passive with no agent, 'an IED struck ...') takes the group of the heading, the lead-in or the
        event before only when the event is a claim (`claimed`: claim wording or the group's own channel): an
        unclaimed attack by unnamed men is `unknown` until the text names or assesses its author."""
        blamed = self._blamed(clean, s, mentions)
        if blamed:
            return blamed, blamed, False, None
        act = act_span(clean)
        a0 = act[0] if act else len(clean)
        # the clause that holds the act: 'Wagner forces are contesting JNIM, where the insurgents have shot down'
        cut = 0
        for m in _CLAUSE_CUT.finditer(clean, 0, a0):
            cut = m.end()
        clause_mentions = [m for m in mentions if cut <= m.start - s < a0 + 1]
        ag = find_agent(clean[cut:], clause_mentions, s + cut) if cut else None
        if ag is None or (ag.index is None and ag.generic is None and not ag.unknown and not ag.passive):
            ag = find_agent(clean, mentions, s)
            use = mentions
        else:
            use = clause_mentions
        if (
            current is not None
            and current.get("_force")
            and _DEFINITE_FORCE.search(clean[:a0])
            and not any(m.start - s < a0 for m in mentions)
        ):
            # 'Iraqi security forces raided a hideout ... The next day, the forces arrested two operatives': the
            # force of the event just told
            return current["actor"], current["actor_raw"], True, None
        if ag.unknown:
            hedged = re.search(
                r"\b(?:unknown|unidentified|unnamed)\s+\w+,\s+(?:likely|probably|possibly|suspected|believed"
                r" to be)\s+(?:to be\s+)?",
                clean,
                re.I,
            )
            if hedged:
                g = GROUPS.match(clean, hedged.end())
                if g:
                    return g.group(), g.group(), False, "actor hedged in the text"
            return "unknown", None, False, None
        if ag.index is not None:
            m = use[ag.index]
            if m.is_state or m.label:
                raw = m.label or state_actor(m.country or ctx.country) or m.raw
                return raw, m.raw, m.is_state, None
            return m.raw, m.raw, False, None
        they = _THEY_LEAD.match(clean) if ag.index is None and not ag.generic else None
        if they and they.end() <= a0 + 1:
            # '...; on the next day they fired mortar shells at an army camp': the group of the act just told
            if current is not None and current.get("actor") not in (None, "unknown") and not current.get("_force"):
                return current["actor"], current["actor_raw"], False, current.get("_actor_reason")
            if last_group:
                return last_group, last_group, False, None
        pron = _PRONOUN_SUBJECT.match(clean, cut) if cut else None
        if pron and ag.index is None:
            # 'ISIS claimed that it beheaded a man': the pronoun is the main clause's subject, else the group before
            subj = [m for m in mentions if m.start - s < cut and not m.is_state and not m.label]
            if subj:
                return subj[0].raw, subj[0].raw, False, None
            if last_group:
                return last_group, last_group, False, None
        if ag.generic:
            g = ag.generic
            if re.match(r"(?:its|their)\b", g, re.I) and cut:
                # '<subject> said that its forces arrested ...': the forces of the main clause's subject
                subj = [m for m in mentions if m.start - s < cut]
                if subj:
                    m = subj[0]
                    if m.is_state or m.label:
                        raw = m.label or state_actor(m.country or ctx.country) or m.raw
                        return raw, m.raw, m.is_state, None
                    return m.raw, m.raw, False, None
                gov = _GOVERNMENT_SUBJECT.match(clean)
                if gov:
                    # 'The Somali government claimed that its forces killed 30 al Shabaab fighters': the state's forces
                    adj = (gov.group("adj") or "").lower()
                    country = COUNTRY_ADJ.get(adj) or (adj.title() if adj.title() in COUNTRIES else None)
                    raw = state_actor(country or ctx.country)
                    if raw:
                        return raw, gov.group().strip(), True, None
            if _ANAPHOR.search(g) or re.match(r"(?:the|its|their)\s+\w+$", g, re.I):
                prior = [m for m in mentions if not m.is_state and not m.label and m.start - s < cut]
                if prior:
                    return prior[-1].raw, prior[-1].raw, False, None
                if last_group:
                    return last_group, last_group, False, None
            head = g.split()[-1].lower()
            partner = _partner_group(clean, mentions, s, a0)
            if partner and head in (*_INDEFINITE_PERPETRATORS, "bomber", "bombers", "attackers", "assailants"):
                return (
                    partner,
                    partner,
                    False,
                    None,
                )  # 'a suicide bomber detonated ..., and al-Shabaab fighters stormed'
            if head in _INDEFINITE_PERPETRATORS and not claimed and not re.search(r"\btribal\b", g, re.I):
                return "unknown", None, False, None
            if head in (
                "fighters",
                "operatives",
                "militants",
                "cells",
                "attackers",
                "assailants",
                "jihadists",
                "bomber",
                "gunmen",
            ) and not re.search(r"\btribal\b", g, re.I):
                grp = self._context_group(ctx, current, last_group)
                if grp:
                    return grp[0], grp[0], False, grp[1]
                return "unknown", None, False, None
            named = _APPOSITIVE_NAME.match(clean, clean.find(g) + len(g)) if g in clean else None
            if named:
                return (
                    named.group(1),
                    named.group(1),
                    False,
                    None,
                )  # 'A newly formed militant group, Jaish-e-X, claimed'
            full = self._antecedent(g, s)
            return full, g, False, None
        colon = clean.find(":", 0, a0)
        if ag.passive and colon > 0:
            # "Al-Shabaab's claims of responsibility: Mortar shells were fired at ...": the sentence's own lead-in
            lead = [m for m in mentions if m.start - s < colon and not m.is_state and not m.label]
            if lead:
                return lead[0].raw, lead[0].raw, False, None
        own_op = _STATE_REPORTS.search(clean, 0, a0)
        own_op = (
            own_op is not None
            and _OWN_OPERATION.search(clean, own_op.end()) is not None
            and any(m.is_state and not m.label and m.start - s < own_op.start() for m in mentions)
        )  # 'the Afghan Ministry of Defense announced that an airstrike ... killed': the state's own operation
        if (ag.passive or not mentions) and claimed and not own_op:
            if current is not None and current.get("actor") not in (None, "unknown"):
                return current["actor"], current["actor_raw"], current["_force"], current.get("_actor_reason")
            grp = self._context_group(ctx, None, None, passive=True)
            if grp:
                return grp[0], grp[0], False, grp[1]
            if self.outlet:
                return self.outlet, self.outlet, False, "actor from the claim channel"  # '(az Zallaqa, Jan 11)'
            if self.channel_src and self.channel_group:
                ch = self.channel_group
                if resolve_actor(ch).family == "Islamic State":
                    ch = "Islamic State"  # the IS channels speak for every branch: the country's branch acted
                return ch, ch, False, "actor from the claim channel"
        if ag.passive:
            # 'The Egyptian army announced that 18 ISIS operatives had been killed in raids': the state that reports
            # the results of its own operation did it
            for m in mentions:
                if m.start - s > a0:
                    break
                if m.is_state and _SAYS_OWN_RESULTS.match(self.text, m.end):
                    raw = m.label or state_actor(m.country or ctx.country) or m.raw
                    return raw, m.raw, True, None
        for m in mentions:  # 'the site of a January 2022 ISIS prison break', 'an ISKP suicide bombing killed 20'
            if not (m.is_state or m.label) and _GROUP_EVENT_NOUN.match(self.text, m.end):
                return m.raw, m.raw, False, None
            if m.is_state and not m.label and _STATE_EVENT_NOUN.search(m.raw):
                # 'was killed in a US airstrike', 'a Turkish drone struck ...': the strike's own adjective
                raw = state_actor(m.country or ctx.country) or m.raw
                return raw, m.raw, True, None
        rep = _STATE_REPORTS.search(clean, 0, a0)
        if rep and (ag.passive or not _PERPETRATOR_NOUN.search(clean, rep.end(), a0)):
            # 'the Egyptian army announced that 18 operatives had been killed in raids': a force announcing an act
            # it names no other author for is reporting its own operation
            forces = [
                m
                for m in mentions
                if m.is_state
                and m.start - s < rep.start()
                and (not m.label or _AIR_ACT.search(clean, rep.end()))  # 'AFRICOM said that an airstrike ...'
            ]
            if forces:
                raw = forces[0].label or state_actor(forces[0].country or ctx.country) or forces[0].raw
                return raw, forces[0].raw, True, "actor from the force that announced it"
        partner = _partner_group(clean, mentions, s, a0) if ag.passive else None
        if partner:
            return partner, partner, False, None  # 'a suicide bomber detonated ..., and al-Shabaab fighters stormed'
        return "unknown", None, False, None

    def _blamed(self, clean, s, mentions):
        """'Kenyan police blamed al-Shabaab for an IED that struck ...': the group blamed for the act is its actor."""
        for m in mentions:
            if not m.is_state and not m.label and _BLAMED.search(clean[: m.start - s]):
                if re.match(r"\s+(?:for|of)\b", clean[m.end - s :]):
                    return m.raw
        return None

    def _context_group(self, ctx, current, last_group, passive=False):
        if ctx.group:
            return ctx.group, "actor from the heading"
        if last_group and not passive:
            return last_group, "actor from the sentence before"  # an assessment or claim after it may replace it
        if self.lead_group:
            return self.lead_group, "actor from the section lead-in"
        if self.outlet:
            return self.outlet, "actor from the claim channel"  # the group whose own outlet the sentence cites
        return None

    def _antecedent(self, np: str, s: int) -> str:
        """'Rebels' -> 'pro-separatist rebels' when the paragraph named them so before; else the noun phrase."""
        head = np.split()[-1]
        core = re.sub(
            r"^(?:(?:the|these|those|such|local|armed|arab|kurdish|sunni|shia|shiite)\s+)+", "", np.strip(), flags=re.I
        )
        prior = self.text[max(0, s - 1500) : s]
        best = None
        for m in re.finditer(rf"\b((?:[A-Za-z][\w-]*\s+){{0,2}}{re.escape(head)})\b", prior, re.I):
            cand = re.sub(
                r"^(?:(?:the|these|those|and|also|but|with|of|by|between|against|local|armed|arab|kurdish)"
                r"\s+)+",
                "",
                m.group(1),
                flags=re.I,
            )
            if len(cand.split()) > len(core.split()) and cand.lower().endswith(core.lower()):
                best = cand  # 'rebels' -> 'pro-separatist rebels'; never 'tribal fighters' -> 'three SDF fighters'
        out = (best or core).lower()
        return "tribal forces" if _TRIBAL.match(out) else out


#: a main clause whose subject is a government ('The Somali government', "Mali's junta", 'The government'): its
#: forces in the clause after it are the state's
_GOVERNMENT_SUBJECT = re.compile(
    r"\s*(?:the\s+)?(?:(?P<adj>[A-Z][\w-]+?)(?:['’]s)?\s+)?(?:federal\s+|transitional\s+|interim\s+)?"
    r"(?:government|junta|authorities|ministry of (?:the )?(?:interior|defen[cs]e))\b(?=[^,;]{0,40}\b(?:said|claimed"
    r"|announced|stated|reported)\b)",
    re.I,
)
#: heads of a noun phrase that say only that someone attacked, not whose men they were ('gunmen ambushed a convoy',
#: 'a suicide bomber struck'); 'fighters', 'operatives', 'militants' and 'cells' say membership and stay with the
#: section's group
_INDEFINITE_PERPETRATORS = frozenset({"gunmen", "assailants", "attackers", "bomber", "bombers"})
#: a proper name in apposition to a generic noun phrase: ', Jaish-e-Fursan-e-Muhammad,'
_APPOSITIVE_NAME = re.compile(r",\s+((?:[A-Z][\w'’]*)(?:[- ](?:[A-Z][\w'’]*|[a-z]{1,2}|al))*),")
#: the words before a group blamed for the act that follows
_BLAMED = re.compile(r"\b(?:blamed|accused)\s+(?:the\s+)?$", re.I)
#: an air or drone strike, which only a state force reporting it can have flown
_AIR_ACT = re.compile(r"\b(?:air ?strikes?|drone strikes?|air raids?)\b", re.I)
#: a force's announcement of an operation: '<the Iraqi army> announced that ...'
_STATE_REPORTS = re.compile(r"\b(?:announced|said|stated|reported|confirmed)\s+(?:that\s+)?", re.I)
#: the words of a state's own operation in what it announces
_OWN_OPERATION = re.compile(
    r"\b(?:air ?strikes?|air raids?|raids?|arrest(?:ed|s)?|detain(?:ed|s)?|(?:security|military) operations?)\b",
    re.I,
)
#: an attacker the complement names ('said that gunmen had killed'): then the force only reports it
_PERPETRATOR_NOUN = re.compile(
    r"\b(?:gunmen|militants|assailants|attackers|fighters|operatives|bombers?|insurgents|jihadists|men|terrorists)\b",
    re.I,
)
#: a state mention that is itself the act ('a US airstrike', 'Turkish drones', 'an Iraqi raid')
_STATE_EVENT_NOUN = re.compile(r"(?:strikes?|airstrikes?|drones?|raids?|jets|warplanes|aircraft|helicopters?)$", re.I)
#: a state's statement of its operation's results, right after the state's mention
_SAYS_OWN_RESULTS = re.compile(
    r"(?:\s+(?:spokesman|spokesperson|command|headquarters))?\s+(?:said|announced|stated|reported)\s+(?:that\s+)?"
    r"(?:\d+|[a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:operatives|militants|terrorists|insurgents|members)\s+"
    r"(?:had\s+been|have\s+been|were)\s+(?:killed|arrested|captured|detained)\s+in\b",
    re.I,
)
#: a definite force with no name as the subject, right before the act: 'The next day, the forces arrested ...'
_DEFINITE_FORCE = re.compile(
    r"(?:^|[,;]\s*|\b(?:then|later|also)\s+)(?:the|these|those)\s+(?:same\s+)?(?:security\s+)?(?:forces|troops|soldiers"
    r"|units?|army|police|personnel)\s+(?:(?:also|then|later|subsequently)\s+)?$",
    re.I,
)
#: a sentence or clause whose subject is 'they' after its time words: 'on the next day they fired', 'Later, they
#: stormed': the perpetrators just named
_THEY_LEAD = re.compile(
    r"\W*(?:and\s+)?(?:(?:(?:on|in|at|during|after)\s+[^,;]{0,40}?|later|then|the\s+(?:next|following)\s+day"
    r"|(?:\w+|\d+)\s+(?:days?|hours?|weeks?)\s+later)\s*,?\s+)*they\s+(?:then\s+|also\s+|later\s+|had\s+)?"
    r"(?:\w+ed|shot|struck|blew|set|hit|took|threw|stormed|overran|seized|fired|kidnapped|beheaded)\b",
    re.I,
)
#: a clause whose subject is a pronoun: 'that it beheaded', 'that they had attacked'
_PRONOUN_SUBJECT = re.compile(
    r"\s*(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?:\w+ed|shot|struck|blew|set|hit|took)\b", re.I
)


#: a group that is the subject of a second clause of the same attack: '..., and al-Shabaab operatives stormed the hotel'
_PARTNER_AFTER = re.compile(
    r"(?:\s+(?:operatives|fighters|militants|gunmen|members|cells))?\s+(?:then\s+)?(?:stormed|attacked|opened fire"
    r"|raided|overran|seized|besieged|shot)\b",
    re.I,
)


def _partner_group(clean: str, mentions, s: int, a0: int) -> str | None:
    """The group named as the subject of an ', and <group> fighters stormed ...' clause after an act whose own agent
    is unnamed ('a suicide bomber detonated a car bomb at the gate, and al-Shabaab operatives stormed the hotel')."""
    for m in mentions:
        rel = m.start - s
        if rel <= a0 or m.is_state or m.label:
            continue
        if re.search(r",?\s+and\s+(?:then\s+)?(?:the\s+)?$", clean[max(0, rel - 20) : rel]) and _PARTNER_AFTER.match(
            clean, m.end - s
        ):
            return m.raw
    return None
