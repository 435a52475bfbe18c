"""Events from one sentence: type, counterpart, place, casualties, attribution; retellings and follow-ups."""

from __future__ import annotations

import re
from datetime import date

from . import dates as D
from .actors import resolve_actor
from .authors import _CONTEXT_REASONS
from .backrefs import outlet_group
from .branches import branch_actor
from .casualties import casualties, first_second
from .event_types import event_type
from .places import (
    canonical_country,
    canonical_province,
    find_places,
)
from .retold import _Retold
from .rules import (
    _CLAIMED_LATER,
    _FOOTNOTE,
    _GROUP_CHANNELS,
    _NEAR,
    _NEGATED_CLAIM,
    _SOURCE,
    _SUBJECTLESS,
    _UNVERIFIED,
    STATE_TYPES,
    _adj_countries,
    _blank_sources,
    _cas_text,
    _casualty_shares,
    _countries_in,
    _one,
    _target,
    about_told,
    claim_of_told,
    has_claim,
)
from .where import RANGE_REASON


def _elsewhere(clean: str, country: str | None) -> bool:
    """True when the sentence names or points to countries (a name, a state's adjective) none of which is
    `country`; foreign powers that strike abroad (Russia, the United States) do not count."""
    named = {c for c in _countries_in(clean) + _adj_countries(clean) if c not in ("Russia", "United States", "Sinai")}
    return bool(named) and country not in named


class _Events(_Retold):
    """Events from one sentence (a mixin of trends.extract.reader._Reader)."""

    def _new_events(
        self, node, ctx, s, e, clean, mentions, whens, precision, date_reason, block_src, current, last_group
    ):
        text = self.text
        if about_told(clean):
            self.skip("about an act told before", s, e)
            return []
        who = claim_of_told(clean) if current is not None else None
        if who is not None and event_type(clean[:who]) is None:
            # '..., JNIM, claimed the attack two days later (az Zallaqa, March 21)': the told act's claim, not an act
            g = [m for m in mentions if not m.is_state and m.start < s + who]
            if g and current["actor"] == "unknown":
                current["actor"], current["actor_raw"] = resolve_actor(g[-1].raw).actor, g[-1].raw
                current["_reasons"] = [r for r in current["_reasons"] if r != "perpetrator not named"]
            current["attribution"] = "claimed"
            self._extend(current, current["evidence"]["start"], e)
            self.skip("claim of an event told before", s, e)
            return []
        reasons = [date_reason] if date_reason else []
        if node.kind == "paragraph" and _NEGATED_CLAIM.search(clean):
            # 'A bombing at a mosque killed ten on April 29; no group has claimed it': the sentence denies a claim,
            # so another sentence's '(Amaq, May 25)' in the paragraph makes it no claim of the group
            block_src = None
        src = _SOURCE.search(text, s, e) or block_src
        self.outlet = outlet_group(src.group("src")) if src is not None else None
        claimed = bool(
            has_claim(clean)
            or (src is not None and _GROUP_CHANNELS.search(src.group("src")))
            or self.lead_claims
            or self.lead_owned is not None
        ) and not (node.kind == "paragraph" and _NEGATED_CLAIM.search(clean))
        actor_raw, raw_written, is_force, areason = self._agent(
            ctx, s, clean, mentions, current, last_group, claimed=claimed
        )
        if areason:
            reasons.append(areason)
        when0 = whens[0]
        groups = [m for m in mentions if not m.is_state and not m.label]
        counterpart = None
        if is_force or (
            actor_raw
            and groups
            and resolve_actor(groups[-1].raw, when0).actor != resolve_actor(actor_raw, when0).actor
            and re.search(r"\braid|\barrest|\bdetain|\bsweep|\bcrackdown|\boperation\b|\bclearance", clean, re.I)
        ):
            cps = [m for m in groups if m.raw != raw_written]
            if cps:
                counterpart = resolve_actor(cps[0].raw, when0).actor
                is_force = True
        if counterpart is None:
            counterpart = _target(clean, mentions, ctx.country)
        later = _LATER_ACT.search(clean)
        came = _CAME_AFTER.search(clean)
        etype = (
            (event_type(clean[came.end() :], by_state=is_force) if came else None)
            or (event_type(clean[: later.start()], by_state=is_force) if later else None)
            or event_type(clean, by_state=is_force)
        )
        if etype is None:
            self.skip("no violent act", s, e)
            return []
        if (
            (
                is_force
                and etype not in STATE_TYPES
                and counterpart
                and re.search(
                    r"\braid|\barrest|\bdetain|\bsweep|\bcaptur|(?:security|counter-?terrorism|intelligence-based|military)"
                    r" operation|\bcrackdown|\bclearance"
                    r"|\b(?:assault(?:ed)?|stormed|attacked)\s+(?:an?\s+|the\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?"
                    r"(?:camps?|hideouts?|bases?|dens?|safe ?houses?|strongholds?)\b",
                    clean,
                    re.I,
                )
            )
            or (
                is_force
                and etype == "attack"
                and re.search(r"\b(?:clearing|clearance|mop-?up|sweep)\s+operations?\b", clean, re.I)
            )
            or (
                is_force
                and etype == "attack"
                and _FORCE_KILLED_MILITANTS.search(clean)
                and not re.search(
                    r"\bclash|\bfirefight|\bfighting\b|\bbattle|\brepel|\brepuls|\bcounter-?attack", clean, re.I
                )
            )
        ):
            # 'the army announced that security forces had killed 14 terrorists in central Sinai', 'its forces had
            # killed nine terrorists in an exchange of fire in an apartment': the force's operation, not a battle
            etype = "arrest/raid"  # 'Burkinabe troops killed 32 militants in a clearing operation around Kain'
        am = resolve_actor(actor_raw, when0) if actor_raw not in ("unknown",) else None
        actor = am.actor if am else "unknown"
        for cg in (ctx.group, self.lead_group):
            if actor == "Islamic State" and cg:
                hg = resolve_actor(cg, when0)
                if hg.family == "Islamic State" and hg.actor != "Islamic State":
                    actor = hg.actor
        if (
            actor == "unknown"
            and current is not None
            and _SUBJECTLESS.match(clean)
            and current["evidence"]["end"] >= s - 8
        ):
            # 'ISKP claimed an IED attack on a minibus ..., and a separate bombing of a pylon in Charikar': the
            # second act of the same clause, the first's author
            actor, actor_raw, raw_written = current["actor"], current["actor_raw"] or "unknown", current["actor_raw"]
        if actor == "unknown":
            reasons.append("perpetrator not named")
        country, province_raw, location, preason = self._where(s, e, clean, ctx, mentions)
        if (
            province_raw is None
            and preason != RANGE_REASON  # 'in the Hamrin mountains': the range says no province, not 'unknown'
            and current is not None
            and current.get("province_raw")
            and current["_node"] == node.start
            and country in (None, current.get("_country_raw"))
            and not _elsewhere(clean, current.get("_country_raw"))
        ):
            # the second attack of a compound bullet happened where the first did ('... arrived at the site'); not
            # one that points to another country ('Pakistani forces killed six TTP militants in North Waziristan')
            country, province_raw, location = current["_country_raw"], current["province_raw"], current["location"]
        prev = self.events[-1] if self.events else None
        if (
            province_raw is None
            and location is None
            and precision == "day"  # 'The last ISPP attack on a politician was in October 2019': background
            and (prev is None or prev["_node"] != node.start)
        ):
            # 'Al-Hol Camp. Violence in al-Hol camp in Hasakah province continues ... Assailants shot and killed a man
            # in the camp's fifth sector on September 29': the paragraph's own place, told before its first event
            # a country only from a nationality ('An Iraqi woman was stabbed to death in the camp') is the victim's,
            # not the place's: the paragraph's named place wins over it
            adj_only = country is not None and country != ctx.country and not _countries_in(clean)
            own = [
                p
                for p in find_places(text, node.start, s, None if adj_only else country)
                if p.kind in ("town", "province") and p.province_raw and (adj_only or country in (None, p.country))
            ]
            if own:
                country, province_raw, location = own[-1].country, own[-1].province_raw, own[-1].name
                preason = "province from the paragraph"
        if (
            province_raw is None
            and location is None
            and prev is not None
            and prev.get("province_raw")
            and prev["heading_path"] == list(node.path)
            and prev["evidence"]["end"] >= s - _NEAR
            and country in (None, prev.get("_country_raw"))
            and abs((date.fromisoformat(prev["event_date"]) - when0).days) <= 14
            and not find_places(text, s, e, None)
        ):
            # a sentence that names no place, right after an event of the same section: there
            country, province_raw, location = prev["_country_raw"], prev["province_raw"], prev["location"]
            preason = "province from the previous event of the section"
        if preason:
            reasons.append(preason)
        cc = canonical_country(country)
        actor = branch_actor(actor, cc, canonical_province(cc, province_raw), when0)
        src = _SOURCE.search(text, s, e) or block_src
        attribution = self._attribution(clean, src)
        if attribution == "reported" and self.lead_claims and areason in _CONTEXT_REASONS:
            attribution = "claimed"  # a bullet under 'ISIS claimed the following attacks': the group's claim
        if attribution == "reported" and re.search(r"\b(?:CTP|ISW|we)\s+assess(?:es|ed)?\b", clean):
            attribution = "assessed"
        if src is not None:
            source = src.group("src").strip()
            sd = D.find_dates(src.group("date"))
            source_date = D.resolve(sd[0], self.period.reference, self.year) if sd else None
            source_date = source_date.isoformat() if source_date else None
        else:
            fn = _FOOTNOTE.findall(text[s:e])
            source = f"{self.name} [{fn[0]}]" if fn else self.name
            ref = self.period.cutoff or self.period.reference
            source_date = ref.isoformat() if ref else None
        cas = casualties(D.DATE_RE.sub("DATE", clean))
        k, w = cas.killed, cas.wounded
        if (
            k is None
            and not cas.ambiguous
            and etype in ("assassination", "execution")
            and re.search(r"\b(?:assassinated|executed|beheaded)\s+(?:a|an|one)\b", clean, re.I)
        ):
            k = _one()
        shares = _casualty_shares(clean, len(whens))
        out = []
        for i, when in enumerate(whens):
            ki, wi = (k, w) if shares[i] else (None, None)
            note = (
                "killed or wounded (split unknown)"
                if cas.ambiguous
                else ("vague quantity" if (ki and ki.vague) or (wi and wi.vague) else None)
            )
            if len(whens) > 1 and not any(shares) and (k or w or cas.ambiguous):
                note = f"casualties stated for {len(whens)} events together, not split: " + _cas_text(
                    k, w, cas.ambiguous
                )
            ev = {
                "event_id": None,
                "event_date": when.isoformat(),
                "date_precision": precision,
                "actor": actor,
                "actor_raw": raw_written if actor_raw != "unknown" else None,
                "counterpart": counterpart,
                "country": canonical_country(country) or "",
                "province": canonical_province(country, province_raw),
                "province_raw": province_raw,
                "location": location,
                "event_type": etype,
                "fatalities": ki.value if ki else None,
                "fatalities_low": ki.low if ki else None,
                "fatalities_high": ki.high if ki else None,
                "wounded": wi.value if wi else None,
                "casualties_note": note,
                "attribution": attribution,
                "source": source,
                "source_date": source_date,
                "heading_path": list(node.path),
                "evidence": {"sentence": text[s:e], "start": s, "end": e},
                "_force": is_force,
                "_country_raw": country,
                "_actor_reason": areason,
                "_part": i if len(whens) > 1 else None,
                "_node": node.start,
                "_reasons": list(reasons),
            }
            merged = self._merge_retold(ev)
            if merged is not None:
                self.skip("retold", s, e)
                out.append(merged)
                continue
            if self._duplicate(ev):
                self.skip("duplicate", s, e)
                continue
            self.events.append(ev)
            self.block_events.append(ev)
            self.block_dates.setdefault(ev["event_date"], []).append(ev)
            out.append(ev)
        return out

    def _attach(self, ev, s, e, clean):
        """A follow-up sentence of the same event: casualties, a qualifier, the rest of a compound description."""
        joined = self.text[max(ev["evidence"]["start"], s - _NEAR) : e]
        two = first_second(clean) if len(self.block_events) > 1 and self.block_events[-1] is ev else None
        if two is not None:  # 'Four policemen were killed in the first attack and two in the second'
            k = "fatalities" if two[0] == "killed" else "wounded"
            for one, n in zip(self.block_events[-2:], two[1:]):
                one[k] = n
                if k == "fatalities":
                    one["fatalities_low"] = one["fatalities_high"] = n
            self._extend(ev, ev["evidence"]["start"], e)
            return
        cas = casualties(D.DATE_RE.sub("DATE", _blank_sources(clean)))
        if ev["_part"] is None:
            if cas.inclusive and cas.killed is not None and (ev["fatalities"] or 0) < (cas.killed.value or 0):
                ev["fatalities"] = None  # 'killed a police chief ... killing the chief and three others': the total
            if ev["fatalities"] is None and cas.killed is not None:
                ev["fatalities"], ev["fatalities_low"], ev["fatalities_high"] = (
                    cas.killed.value,
                    cas.killed.low,
                    cas.killed.high,
                )
            if ev["wounded"] is None and cas.wounded is not None:
                ev["wounded"] = cas.wounded.value
            if cas.ambiguous:
                ev["casualties_note"] = "killed or wounded (split unknown)"
        t = event_type(_blank_sources(joined), by_state=ev["_force"])
        if t is not None and ev["event_type"] not in STATE_TYPES and not _CLAIMED_LATER.search(clean):
            ev["event_type"] = t
        if ev["province"] is None and ev.get("_country_raw"):
            # 'The TTP killed a police chief in northwestern Pakistan ... in Lakki Marwat': the follow-up says where
            towns = [
                p
                for p in find_places(self.text, s, e, ev["_country_raw"])
                if p.kind in ("town", "province") and p.country == ev["_country_raw"] and p.province_raw
            ]
            if towns:
                ev["province_raw"], ev["location"] = towns[0].province_raw, towns[0].name
                ev["province"] = canonical_province(ev["_country_raw"], towns[0].province_raw)
        if _UNVERIFIED.search(clean):
            ev["attribution"] = "unverified"
        self._extend(ev, ev["evidence"]["start"], e)

    def _extend(self, ev, s, e):
        a, b = min(ev["evidence"]["start"], s), max(ev["evidence"]["end"], e)
        ev["evidence"] = {"sentence": self.text[a:b], "start": a, "end": b}

    def _attribution(self, clean, src) -> str:
        if _UNVERIFIED.search(clean):
            return "unverified"
        if has_claim(clean) or (src is not None and _GROUP_CHANNELS.search(src.group("src"))):
            return "claimed"
        return "reported"


#: a force's kill of militants named as such: its counter-terrorism operation
_FORCE_KILLED_MILITANTS = re.compile(
    r"\bkill(?:ed|ing)\s+(?:at least\s+|about\s+|some\s+)?(?:\d+|[a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:terrorists|militants"
    r"|insurgents|operatives|jihadists|extremists)\b",
    re.I,
)
#: a later act of the same actors told in the same sentence ('kidnapped four shepherds on May 9 and later released
#: a video of the execution of one of them'): the event is the dated act before it, so its type comes from there
_LATER_ACT = re.compile(
    r",?\s+(?:and|but)\s+(?:then\s+)?later\b|;\s+later\b|,\s+before\s+(?:later\b|[a-z]+ing\b)", re.I
)
#: 'The shelling of X came a week after al-Shabaab stormed a base ... on May 26', 'The abduction follows a June 1
#: attack on a market': the dated act is the one after
_CAME_AFTER = re.compile(
    r"\b(?:(?:came|comes|occurred|followed)\s+(?:[\w-]+\s+){0,4}?after|follow(?:s|ed)(?=\s+(?:an?|the|its)\s))\s+", re.I
)
