"""Period counts: one PeriodCount per count phrase, its actor the subject of the count's clause."""

from __future__ import annotations

import re

from .actors import find_actors, resolve_actor, state_actor
from .agents import _INDEFINITE_PERPETRATORS
from .branches import branch_actor
from .clauses import find_agent
from .counts import COUNT_VICTIMS, PeriodCount, count_value
from .places import (
    canonical_country,
    canonical_province,
    find_places,
)
from .rules import (
    _ANAPHOR,
    _APPOSITIVE,
    _PROPER_SUBJECT,
    _source_name,
    _target,
)

#: a reporting verb that opens the clause holding the count
_REPORTED_THAT = r"\b(?:reported|said|stated|announced|claimed|noted|added)\s+that\s+"
#: a subject that refers back to a group: 'the organization', 'its operatives', 'it', 'the province'
_COUNT_ANAPHOR = re.compile(
    # ('..., but CTP assesses the group conducted at least 22 attacks that month': after a reporting verb)
    r"(?:^|(?<=,\s)|(?<=\bthat\s)|(?<=\bassesses\s)|(?<=\bsays\s)|(?<=\bsaid\s))\s*(?:the\s+(?:organi[sz]ation|group|province|branch)(?:['’]s(?=\s+(?:operatives"
    r"|fighters|members|militants|men|cells)\b)\s+\w+)?|(?:its|their)\s+(?:own\s+)?"
    r"(?:operatives|fighters|members|militants|men|cells)|it|they)\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?"
    r"(?:\w+ed|carried|claimed)\b",
    re.I,
)


class _Periods:
    """Period counts (a mixin of trends.extract.reader._Reader)."""

    def _period(self, node, ctx, s, e, clean, m, rng, attribution, mentions, last_group):
        """One PeriodCount; the actor is the subject of the count's clause."""
        n, q = count_value(m)
        before = clean[: m.start()]
        cut = 0
        for c in re.finditer(r",\s+(?:but|and|while|whereas)\s+|;\s|" + _REPORTED_THAT, before):
            if c.group().endswith("that ") and re.match(r"\s*(?:it|they|its|their)\b", clean[c.end() :], re.I):
                continue  # 'The CSP-DPA said that it fought ...': the pronoun is the sayer, the main clause's subject
            cut = c.end()  # 'The SDF reported that ISIS operatives had carried out 12 attacks': the count's clause
        # an appositive names someone else: 'The Baloch Liberation Army, a group with no ties to the TTP, attacked'
        appos = [(a.start(), a.end()) for a in _APPOSITIVE.finditer(clean, cut, m.start())]
        zone_mentions = [
            x for x in mentions if cut <= x.start - s < m.start() and not any(a <= x.start - s < b for a, b in appos)
        ]
        actor = None
        for x in mentions:  # '24 ISIS attacks', 'the third US strike': the count's own modifier
            if m.start() <= x.start - s < m.end() and m.re is not COUNT_VICTIMS:  # not '12 Hurras al-Din members'
                actor = x.label or (state_actor(x.country or ctx.country) if x.is_state else resolve_actor(x.raw).actor)
                break
        for x in zone_mentions if actor is None else ():  # 'the rate of JNIM attacks on Wagner forces ... seven times'
            if not (x.is_state or x.label) and re.match(
                r"(?:['’]s)?\s+(?:attacks|operations|claims|raids)\b", self.text[x.end : x.end + 15]
            ):
                actor = resolve_actor(x.raw).actor
        if actor is None:
            # a named subject the registry does not know: 'The CSP-DPA said that it fought ...', 'The Baloch
            # Liberation Army, a separatist group ..., attacked'
            subj = _PROPER_SUBJECT.match(clean, cut)
            if subj and not any(cut <= x.start - s < subj.end() for x in mentions):
                np = subj.group("np")
                actor = "unknown" if np.split()[-1].lower() in _INDEFINITE_PERPETRATORS else np
        ana = _COUNT_ANAPHOR.search(clean, cut, m.start()) if actor is None else None
        if ana is not None and not any(ana.start() <= x.start - s < m.start() for x in zone_mentions):
            # 'According to ISIS's weekly al-Naba, the organization claimed 11 attacks', '... its operatives carried
            # out 38 attacks', 'the province has claimed six attacks': the group named before, in the sentence
            # (even as the source's owner) or in the text before, or the section's
            prior = [x for x in find_actors(self.text, s, s + ana.start()) if not x.is_state and not x.label]
            grp = prior[-1].raw if prior else (last_group or ctx.group or self.lead_group)
            if grp:
                actor = resolve_actor(grp).actor
        ag = find_agent(clean[cut : m.start()] + " attacked", zone_mentions, s + cut) if actor is None else None
        if ag is None:
            pass
        elif ag.index is not None:
            x = zone_mentions[ag.index]
            nongov = [y for y in zone_mentions if not y.is_state and not y.label]
            if not (x.is_state or x.label) and nongov:
                x = nongov[-1]
            actor = x.label or (state_actor(x.country or ctx.country) if x.is_state else resolve_actor(x.raw).actor)
        elif ag.generic and ag.generic.split()[-1].lower() in _INDEFINITE_PERPETRATORS:
            actor = "unknown"  # 'Assailants have killed 14 camp residents since July 1': no one named
        elif ag.generic:
            actor = last_group if _ANAPHOR.search(ag.generic) and last_group else self._antecedent(ag.generic, s)
        else:
            grp = [x for x in mentions if x.start - s < m.start() and not x.is_state]
            if grp:
                actor = resolve_actor(grp[-1].raw).actor
            elif re.match(r"\s*(?:the\s+group|it)\b", clean[cut:], re.I) and last_group:
                actor = resolve_actor(last_group).actor
            elif ctx.group:
                actor = resolve_actor(ctx.group).actor
        if actor and actor not in ("unknown",):
            actor = resolve_actor(actor).actor
        places = find_places(self.text, s, e, ctx.country)
        provs = [p for p in places if p.kind == "province"]
        country = ctx.country or next((p.country for p in places), None)
        province = (
            canonical_province(country, provs[0].province_raw)
            if len(provs) == 1
            else (canonical_province(ctx.country, ctx.province_raw) if ctx.province_raw and not provs else None)
        )
        if actor:
            actor = branch_actor(actor, canonical_country(country), province, rng[0])
        after = clean[m.end() : m.end() + 80]
        target = _target(clean[m.start() - 60 if m.start() > 60 else 0 : m.end()] + after, mentions, country)
        pc = PeriodCount(
            actor or "unknown",
            target,
            canonical_country(country),
            province,
            n,
            q,
            rng[0],
            rng[1],
            attribution,
            {"sentence": self.text[s:e], "start": s, "end": e},
            _source_name(self.name, self.text[s:e]),
        )
        # the same count told twice ('14 attacks ... this month' in the takeaways, '14 attacks ... between March 1
        # and March 21' in the body): one count, the later telling (the body's, with its days and sources)
        k = (pc.actor, pc.count, pc.period_start)
        if k in self.period_keys:
            self.periods[:] = [
                p for p in self.periods if (p.actor, p.count, p.period_start) != k or p.period_end == pc.period_end
            ]
            if any((p.actor, p.count, p.period_start, p.period_end) == (*k, pc.period_end) for p in self.periods):
                return
        self.period_keys.add(k)
        self.periods.append(pc)
