"""Who did it: the agent of a new event's act, from the clause, the paragraph, the heading or the lead-in."""

from __future__ import annotations

import re

from .actors import GROUPS, state_actor
from .clauses import act_span, find_agent
from .rules import (
    _ANAPHOR,
    _CLAUSE_CUT,
    _GROUP_EVENT_NOUN,
    _TRIBAL,
)


class _Agents:
    """Who did it (a mixin of trends.extract.reader._Reader)."""

    # ------------------------------------------------------------------------------------------------ events
    def _agent(self, ctx, s, clean, mentions, current, last_group):
        """(actor, actor_raw, is_force, reason) of a new event."""
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
            if _ANAPHOR.search(g) or re.match(r"(?:the|its|their)\s+\w+$", g, re.I):
                prior = [m for m in mentions if not m.is_state and not m.label and m.start - s < cut]
                if prior:
                    return prior[-1].raw, prior[-1].raw, False, None
                if last_group:
                    return last_group, last_group, False, None
            head = g.split()[-1].lower()
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
            full = self._antecedent(g, s)
            return full, g, False, None
        if ag.passive or not mentions:
            if current is not None and current.get("actor") not in (None, "unknown"):
                return current["actor"], current["actor_raw"], current["_force"], current.get("_actor_reason")
            grp = self._context_group(ctx, None, None, passive=True)
            if grp:
                return grp[0], grp[0], False, grp[1]
            if self.channel_src and self.channel_group:
                return self.channel_group, self.channel_group, False, "actor from the claim channel"
        for m in mentions:  # 'the site of a January 2022 ISIS prison break', 'an ISKP suicide bombing killed 20'
            if not (m.is_state or m.label) and _GROUP_EVENT_NOUN.match(self.text, m.end):
                return m.raw, m.raw, False, None
        return "unknown", None, False, None

    def _context_group(self, ctx, current, last_group, passive=False):
        if ctx.group:
            return ctx.group, "actor from the heading"
        if last_group and not passive:
            return last_group, None
        if self.lead_group:
            return self.lead_group, "actor from the section lead-in"
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
