"""Report text -> events and period counts, read through the document tree (trends.extract.tree).

Each bullet or paragraph of the body is read sentence by sentence: a sentence that states a count over a period
gives PeriodCount records; a hedged, negated, planned or reported-speech sentence is skipped with its reason; a
sentence with a violent act and a date of its own (or, in a bullet, the date of the claim it cites) starts an event;
the sentences after it that only add casualties or a qualifier are read into it; 'In addition, ...' starts the next
event of a compound bullet. Captions, footnotes and summary sections ('Key Takeaways') never yield events, and an
event retold (the same date and actor in one paragraph, or the same text twice) is written once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

from . import dates as D
from .actors import GROUPS, find_actors, resolve_actor, state_actor
from .branches import branch_actor
from .casualties import casualties
from .clauses import act_span, find_agent, skip_reason
from .counts import PeriodCount, count_value, find_counts
from .event_types import event_type
from .places import (
    COUNTRIES,
    COUNTRY_ADJ,
    REGION_RE,
    canonical_country,
    canonical_province,
    find_places,
    gazetteer,
    heading_place,
    key,
    province_of_region,
)
from .segment import sentences
from .tree import Node, document

__all__ = ["extract", "Extraction", "PeriodCount", "Skip"]

STATE_TYPES = {"airstrike", "drone strike", "arrest/raid", "surrender"}
_UNVERIFIED = re.compile(
    r"\bunverified\b|could not be (?:independently )?verified|cannot be (?:independently )?"
    r"verified|\bquestionable\b|not (?:been )?(?:independently )?(?:verified|confirmed)"
    r"|\bunconfirmed\b|\bdoubtful\b|\bexaggerat",
    re.I,
)
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)?\b|according to (?:ISIS|the organization|the group|ISWAP|JNIM)", re.I)
_GROUP_CHANNELS = re.compile(
    r"telegram|amaq|nashir|al-naba|\bnaba\b|rocket\.chat|ISIS media|hoop|thabat|az-zallaqa", re.I
)
_SOURCE = re.compile(r"\((?P<src>[^()]{2,80}?),\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? (?:19|20)\d\d)\)")
_FOOTNOTE = re.compile(r"\[(\d{1,3})\]")
#: a follow-up that reports a later claim ('X claimed on May 3 that its fighters had beheaded ...') tells another act:
#: it does not change the type of the event it follows
_CLAIMED_LATER = re.compile(r"\bclaimed\b[^.;]{0,40}\bthat\b", re.I)
_NEW_EVENT = re.compile(
    r"\s*(?:In addition|Additionally|At the same time|Also|Meanwhile|Later|Separately|Elsewhere"
    r"|Simultaneously|In another (?:attack|incident)|Another|In a separate|Earlier)\b",
    re.I,
)
_SAME_DAY = re.compile(r"\b(?:on|during|later)\s+the same (?:day|night|evening)\b|\bthat (?:same )?day\b", re.I)
_NEXT_DAY = re.compile(
    r"\b(?:on\s+)?the (?:following|next|previous) (?:day|night|morning)\b|\ba day (?:later|earlier)\b"
    r"|\bthe day (?:after|before)\b",
    re.I,
)
_DATE_BLOCKERS = re.compile(
    r"\b(?:since|until|till|before|after|between|from|through|by|said|stated|announced"
    r"|reported|published|released|claimed|testified|declared|wrote|added)\s+(?:on\s+)?$",
    re.I,
)
_ANAPHOR = re.compile(
    r"\b(?:the|its|their)\s+(?:group|organi[sz]ation|insurgents|militants|jihadists|fighters"
    r"|operatives|cells?|attackers|forces|troops|men|units)\b",
    re.I,
)
#: an event noun right after a group's name: the group is the agent of that event ('an ISIS prison break')
_GROUP_EVENT_NOUN = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:attack|bombing|suicide bombing|ambush|raid|assault|offensive|prison break"
    r"|jailbreak|incursion|massacre|assassination|kidnapping|beheading)s?\b",
    re.I,
)
_CLAUSE_CUT = re.compile(r",\s+(?:where|which|who|when|while|after|before)\b|;\s|\bthat\b", re.I)
#: a sentence without any of these words is neither an event nor a count (checked first, one regex per sentence)
_MAYBE = re.compile(
    r"attack|assault|kill|wound|injur|dead|died|slain|bomb|IED|explosi|detonat|mortar|rocket|shell"
    r"|artiller|assassin|execut|behead|kidnap|abduct|hostage|captive|ambush|surrender|defect|arrest"
    r"|detain|apprehend|captur|raid|sweep|round|fire|shot|shoot|gun|sniper|sniped|clash|storm|grenade"
    r"|target|burn|struck|strike|seiz|overran|downed|times|once|twice|operations|incidents"
    r"|claims|casualt|unverified|questionable|confirmed|blew|torch|ablaze|belt|missile|earthquake|prison|jailbreak",
    re.I,
)
#: _MAYBE over the lowered sentence without IGNORECASE (several times faster; 'IED' kept a whole word)
_MAYBE_L = re.compile(_MAYBE.pattern.replace("IED", r"\bied\b"))
COUNT_HINT = re.compile(r"\d|\b(?:once|twice|times|attacks|operations)\b", re.I)
_MAX_UNIT = 1500
#: how far back (characters) a follow-up sentence, a claim or a retelling may reach to join an earlier event of the
#: same block: a report flattened to one line is one block, and unbounded joins made evidence (and time) grow
#: with the square of its length
_NEAR = 2500
_COUNTRY_RE = re.compile(r"\b(" + "|".join(sorted(COUNTRIES, key=len, reverse=True)) + r")\b")
_ADJ_RE = re.compile(r"\b(" + "|".join(sorted(COUNTRY_ADJ, key=len, reverse=True)) + r")\b", re.I)


def _countries_in(t: str) -> list[str]:
    """Countries named in t, in the order of COUNTRIES (one precompiled regex, not one per country)."""
    found = set(_COUNTRY_RE.findall(t))
    return [c for c in COUNTRIES if c in found]


def _adj_countries(t: str) -> list[str]:
    """Countries of the adjectives in t ('Iraqi', 'Burkinabe'), in the order of COUNTRY_ADJ."""
    found = {a.lower() for a in _ADJ_RE.findall(t)}
    return [
        c for a, c in COUNTRY_ADJ.items() if a in found
    ]  # longer 'sentences' are cut at a space so that every step stays linear in the report length


class Skip(NamedTuple):
    """A passage that yields no event, with the reason and its offsets in the report text."""

    reason: str
    text: str
    start: int
    end: int


@dataclass
class Extraction:
    """What one report yields: events (dicts in the JSONL layout), period counts and a note per skipped unit."""

    events: list[dict]
    periods: list[PeriodCount]
    skipped: list[Skip]
    period: D.ReportPeriod
    text: str = ""
    nodes: list[Node] = field(default_factory=list)


@dataclass
class _Ctx:
    """Where and whose, from the heading path and the paragraph's lead ('Iraq.', 'ISIS's Sinai Province')."""

    country: str | None = None
    province_raw: str | None = None
    group: str | None = None  # the group a heading or lead-in names
    group_from: str | None = None  # 'heading' | 'lead-in'
    path_countries: list = field(default_factory=list)  # every country a heading names ('Afghanistan and Pakistan')


def _heading_ctx(path: tuple[str, ...], provinces) -> _Ctx:
    c = _HCTX.get(path)
    if c is None:
        c = _HCTX[path] = _heading_ctx_uncached(path, provinces)
        if len(_HCTX) > 4096:
            _HCTX.clear()
    return replace(c)


_HCTX: dict[tuple, _Ctx] = {}


def _heading_ctx_uncached(path: tuple[str, ...], provinces) -> _Ctx:
    ctx = _Ctx()
    ctx.path_countries = [c for h in path for c in _countries_in(h)]
    for h in path:
        g = GROUPS.search(h)
        if g:
            ctx.group, ctx.group_from = g.group(), "heading"
            if re.search(r"\bSinai\b", h):
                ctx.country = "Egypt"
            named = [c for c in _countries_in(h) if c != "Sinai"]
            if named and ctx.country not in named:
                # 'Al-Shabaab (Somalia)', "ISIS's Mozambique Province": the heading's group acts in that country;
                # 'JNIM (Burkina Faso and Mali)': in one of those, whatever heading came before
                ctx.country, ctx.province_raw = (named[0] if len(named) == 1 else None), None
                ctx.path_countries = named
            continue
        c, prov = heading_place(h)
        if c is None and re.search(r"\bSinai\b", h):
            c = "Egypt"
        if c is None and not re.search(r"\band\b", h):
            named = _countries_in(h)
            c = named[0] if named else None
        if prov:
            if c is None or (ctx.country and c != ctx.country):
                cands = provinces.get(key(prov), [])
                same = [x for x in cands if x[0] == ctx.country]
                c, prov = same[0] if same else (c or ctx.country, prov)
            ctx.country, ctx.province_raw = c or ctx.country, prov
        elif c:
            ctx.country, ctx.province_raw = c, None
    return ctx


def extract(text: str, name: str = "report", *, fmt: str = "auto", year: int | None = None) -> Extraction:
    """All events and period counts in a report's text. `name` enters event ids and the default source."""
    period = D.report_period(text, year)
    nodes = document(text)
    _, provinces = gazetteer()
    r = _Reader(text, name, period, year, provinces)
    lead_ctx: _Ctx | None = None
    lead_path = None
    for node in nodes:
        if node.kind in ("title", "meta"):
            continue
        if node.kind == "heading":
            lead_ctx = None
            r.lead_group = None if node.level <= 2 else r.lead_group
            g = GROUPS.search(text, node.start, node.end)
            if g and node.role == "body":
                r.lead_group = r.channel_group = g.group()
            continue
        if node.kind == "note":
            continue
        if node.kind == "caption" or node.repeat:
            r.skip("caption" if node.kind == "caption" else "repeated text", node.start, node.end)
            continue
        hctx = _heading_ctx(node.path, provinces)
        if lead_path != node.path:
            lead_ctx, lead_path = None, node.path
        ctx = _Ctx(hctx.country, hctx.province_raw, hctx.group, hctx.group_from, list(hctx.path_countries))
        body = text[node.start : node.end]
        lead = re.match(r"((?:[A-Z][\w'’-]*\s?){1,3}(?:and\s(?:[A-Z][\w'’-]*\s?){1,3})?)[.:]\s", body)
        if lead and node.kind == "paragraph":
            names = _countries_in(lead.group(1))
            if names:
                lead_ctx = _Ctx(country=names[0] if len(names) == 1 else None)
                r.lead_group = None  # 'Pakistan. ...' opens another country: the last paragraph's group stays there
        if lead_ctx is not None and node.kind == "paragraph" or (lead_ctx is not None and node.kind == "bullet"):
            ctx.country, ctx.province_raw = lead_ctx.country, None
        if node.role == "summary":
            r.read_block(node, ctx, events_allowed=False)
            continue
        r.read_block(node, ctx)
        if node.kind in ("paragraph", "bullet") and not r.block_events:
            g = [m for m in find_actors(text, node.start, node.end) if not m.is_state]
            if g:
                r.lead_group = g[-1].raw
                r.channel_group = r.channel_group or g[0].raw
    return Extraction([_finish(name, ev) for ev in r.events], r.periods, r.skipped, period, text, nodes)


#: confidence below high needs a reason; one or two reasons make it medium, three or more low
_LOW_ALONE = {"date without a year"}


def _finish(name: str, ev: dict) -> dict:
    """Drop the reader's private keys, give the event its id and its confidence (high / medium / low + reason)."""
    reasons = list(dict.fromkeys(ev.pop("_reasons")))
    part = ev.pop("_part")
    uid = ev["evidence"]["sentence"] if part is None else f"{ev['evidence']['sentence']}\x1f{ev['event_date']}"
    for k in [k for k in ev if k.startswith("_")]:
        del ev[k]
    ev["event_id"] = event_id(name, uid)
    ev["confidence"] = "high" if not reasons else ("medium" if len(reasons) <= 2 else "low")
    ev["confidence_reason"] = "; ".join(reasons) or None
    return ev


class _Reader:
    """State while reading one report: the events so far, the period counts and the skipped passages."""

    def __init__(self, text, name, period, year, provinces):
        self.text, self.name, self.period, self.year, self.provinces = text, name, period, year, provinces
        self.events: list[dict] = []
        self.periods: list[PeriodCount] = []
        self.skipped: list[Skip] = []
        self.seen: dict[tuple, list[dict]] = {}
        self.period_keys: set[tuple] = set()
        self.lead_group: str | None = None
        self.channel_group: str | None = None  # the group whose channels (Telegram, Amaq) the report cites
        self.channel_src = False
        self.block_events: list[dict] = []
        self.last_date: date | None = None

    def skip(self, reason, s, e):
        self.skipped.append(Skip(reason, self.text[s:e], s, e))

    # ------------------------------------------------------------------------------------------------ blocks
    def read_block(self, node: Node, ctx: _Ctx, events_allowed: bool = True):
        text = self.text
        srcs = list(_SOURCE.finditer(text, node.start, node.end))
        block_src = srcs[-1] if srcs else None
        self.channel_src = bool(block_src and _GROUP_CHANNELS.search(block_src.group("src")))
        self.block_events = []
        self.block_dates: dict[str, list[dict]] = {}
        self.last_date = None
        current: dict | None = None
        attach_ok = False
        last_group: str | None = None
        for s, e in _units(text, node.start, node.end):
            if current is not None and current["evidence"]["start"] < s - _NEAR:
                current, attach_ok = None, False
            sent = text[s:e]
            clean = _blank_sources(sent)
            own = D.find_dates(clean)
            if own:
                self.last_date = D.resolve(own[-1], self.period.reference, self.year)
            if not events_allowed and not COUNT_HINT.search(clean):
                self.skip("summary", s, e)
                continue
            if not _MAYBE_L.search(clean.lower()) and not (current is not None and attach_ok):
                # no violent word, no count, no casualty word: not an event sentence (cheap path, keeps it linear)
                self.skip("no violent act", s, e)
                g = None
                for g in GROUPS.finditer(clean):  # noqa: B007  (the last group named in the sentence)
                    pass
                if g is not None:
                    last_group = g.group()
                attach_ok = False
                continue
            mentions = [
                m
                for m in find_actors(text, s, e)
                if clean[m.start - s] != " "
                and not re.search(
                    r"according to (?:the\s+)?(?:\w+\s+){0,2}$", text[max(s, m.start - 30) : m.start], re.I
                )
                and not re.match(
                    r"[\w\s'’-]{0,25}?\b(?:sources?|media|officials said|spokesman)\b", text[m.end : m.end + 30]
                )
            ]
            groups = [m for m in mentions if not m.is_state]
            counts = find_counts(clean, self.period, self.year)
            if counts:
                for m, rng, attribution in counts:
                    self._period(node, ctx, s, e, clean, m, rng, attribution, mentions, last_group)
                self.skip("period count", s, e)
                current, attach_ok = None, False
                if groups:
                    last_group = groups[-1].raw
                continue
            if not events_allowed:
                self.skip("summary", s, e)
                continue
            act = act_span(clean)
            reason = skip_reason(clean)
            if (
                reason == "claim of an event told before"
                and self.block_events
                and self.block_events[-1]["evidence"]["start"] >= s - _NEAR
            ):
                prev = self.block_events[-1]
                g = [m for m in mentions if not m.is_state and not m.label]
                claimer = g[0].raw if g else None
                if claimer is None:
                    np = re.match(r"\s*((?:[A-Z][\w'’-]*[- ]?){1,6})(?:,[^,]{0,120},)?\s+claimed", clean)
                    claimer = np.group(1).strip() if np else None
                if claimer and prev["actor"] == "unknown":
                    prev["actor"], prev["actor_raw"] = resolve_actor(claimer).actor, claimer
                    prev["_reasons"] = [r for r in prev["_reasons"] if r != "perpetrator not named"]
                prev["attribution"] = "claimed"
                self._extend(prev, prev["evidence"]["start"], e)
                self.skip(reason, s, e)
                continue
            if reason:
                self.skip(reason, s, e)
                if current is not None and reason == "negated" and re.search(r"\bclaim", clean, re.I):
                    current["attribution"] = (
                        "reported" if current["attribution"] == "claimed" else current["attribution"]
                    )
                attach_ok = False if reason not in ("negated",) else attach_ok
                if groups:
                    last_group = groups[-1].raw
                continue
            if act is None:
                cas = casualties(D.DATE_RE.sub("DATE", clean))
                if (
                    current is not None
                    and attach_ok
                    and (cas.killed or cas.wounded or cas.ambiguous or _UNVERIFIED.search(clean))
                ):
                    self._attach(current, s, e, clean)
                    continue
                self.skip("no violent act", s, e)
                attach_ok = False
                if groups:
                    last_group = groups[-1].raw
                continue
            whens, precision, date_reason = self._dates(clean, s, node, block_src, current)
            new_marker = bool(_NEW_EVENT.match(clean))
            if not whens and current is not None and attach_ok and not new_marker:
                self._attach(current, s, e, clean)
                continue
            if not whens and current is not None and new_marker:
                whens, precision = [date.fromisoformat(current["event_date"])], current["date_precision"]
                date_reason = (
                    current["_reasons"][0] if current["_reasons"] and "date" in current["_reasons"][0] else None
                )
            if not whens:
                self.skip(date_reason or "no date", s, e)
                attach_ok = False
                continue
            evs = self._new_events(
                node, ctx, s, e, clean, mentions, whens, precision, date_reason, block_src, current, last_group
            )
            if groups:
                last_group = groups[-1].raw
            if evs:
                current, attach_ok = evs[-1], True
            else:
                attach_ok = False

    # ------------------------------------------------------------------------------------------------ dates
    def _dates(self, clean, s, node, block_src, current):
        """The event's own dates: [date], precision, and the reason when they come from context."""
        text = self.text
        ds = [
            d
            for d in D.find_dates(clean)
            if not _DATE_BLOCKERS.search(clean[max(0, d.start - 25) : d.start])
            and not re.search(r"\bsince\b[^,;]{0,80}$", clean[max(0, d.start - 80) : d.start])
        ]
        if ds:
            ds = _coordinated(clean, ds, len(clean))
            whens = [D.resolve(d, self.period.reference, self.year) for d in ds]
            if any(w is None for w in whens):
                return [], "day", "date without a year"
            return whens, "day", None
        nd = _NEXT_DAY.search(clean)
        if nd and self.last_date is not None:
            step = -1 if re.search(r"previous|before|earlier", nd.group(), re.I) else 1
            return [self.last_date + timedelta(days=step)], "day", "date from context"
        if _SAME_DAY.search(clean) and (current is not None or self.last_date is not None):
            d = date.fromisoformat(current["event_date"]) if current is not None else self.last_date
            return [d], "day", "date from context"
        ms = [
            m
            for m in D.find_months(clean) + _month_year(clean)
            if not _DATE_BLOCKERS.search(clean[max(0, m.start - 25) : m.start])
        ]
        if ms:
            ms.sort(key=lambda m: m.start)
            w = D.resolve_month(ms[0], self.period.reference, self.year)
            if w is None:
                return [], "month", "date without a year"
            return [w], "month", "date to the month only"
        if node.kind == "bullet" and block_src is not None and current is None:
            sd = D.find_dates(block_src.group("date"))
            if sd:
                w = D.resolve(sd[0], self.period.reference, self.year)
                if w:
                    return [w], "day", "date from the source's date"
        del text
        return [], "day", None

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

    def _new_events(
        self, node, ctx, s, e, clean, mentions, whens, precision, date_reason, block_src, current, last_group
    ):
        text = self.text
        reasons = [date_reason] if date_reason else []
        actor_raw, raw_written, is_force, areason = self._agent(ctx, s, clean, mentions, current, last_group)
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
        etype = event_type(clean, by_state=is_force)
        if etype is None:
            self.skip("no violent act", s, e)
            return []
        if (
            is_force
            and etype not in STATE_TYPES
            and counterpart
            and re.search(
                r"\braid|\barrest|\bdetain|\bsweep|\bcaptur|(?:security|counter-?terrorism|intelligence-based|military)"
                r" operation|\bcrackdown|\bclearance",
                clean,
                re.I,
            )
        ):
            etype = "arrest/raid"
        am = resolve_actor(actor_raw, when0) if actor_raw not in ("unknown",) else None
        actor = am.actor if am else "unknown"
        for cg in (ctx.group, self.lead_group):
            if actor == "Islamic State" and cg:
                hg = resolve_actor(cg, when0)
                if hg.family == "Islamic State" and hg.actor != "Islamic State":
                    actor = hg.actor
        if actor == "unknown":
            reasons.append("perpetrator not named")
        country, province_raw, location, preason = self._where(s, e, clean, ctx, mentions)
        if (
            province_raw is None
            and current is not None
            and current.get("province_raw")
            and current["_node"] == node.start
            and country in (None, current.get("_country_raw"))
        ):
            # the second attack of a compound bullet happened where the first did ('... arrived at the site')
            country, province_raw, location = current["_country_raw"], current["province_raw"], current["location"]
        prev = self.events[-1] if self.events else None
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

    def _merge_retold(self, ev):
        """The same date and actor (or an unknown one) already written from this paragraph: the same event."""
        for old in reversed(self.block_dates.get(ev["event_date"], [])):
            if old["evidence"]["start"] < ev["evidence"]["start"] - _NEAR:
                break
            if old["_part"] is not None and ev["_part"] is not None:
                continue
            if _NEW_EVENT.match(ev["evidence"]["sentence"]):
                continue
            if ev["actor"] == old["actor"] or "unknown" in (ev["actor"], old["actor"]):
                if old["actor"] == "unknown":
                    old["actor"], old["actor_raw"] = ev["actor"], ev["actor_raw"]
                    old["_reasons"] = [r for r in old["_reasons"] if r != "perpetrator not named"]
                for c in (
                    "fatalities",
                    "fatalities_low",
                    "fatalities_high",
                    "wounded",
                    "counterpart",
                    "province",
                    "province_raw",
                ):
                    if old.get(c) is None and ev.get(c) is not None:
                        old[c] = ev[c]
                if ev["attribution"] == "claimed":
                    old["attribution"] = "claimed"
                self._extend(old, ev["evidence"]["start"], ev["evidence"]["end"])
                return old
        return None

    def _duplicate(self, ev) -> bool:
        k = (ev["event_date"], ev["actor"], ev["event_type"], ev["province"])
        toks = set(re.findall(r"\w{3,}", ev["evidence"]["sentence"].lower()))
        for old in self.seen.get(k, []):
            ot = old["_toks"]
            if old["_node"] != ev["_node"] and len(toks & ot) >= 0.5 * min(len(toks), len(ot)):
                return True
        ev["_toks"] = toks
        self.seen.setdefault(k, []).append(ev)
        return False

    def _attach(self, ev, s, e, clean):
        """A follow-up sentence of the same event: casualties, a qualifier, the rest of a compound description."""
        joined = self.text[max(ev["evidence"]["start"], s - _NEAR) : e]
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
        if _CLAIMED.search(clean) or (src is not None and _GROUP_CHANNELS.search(src.group("src"))):
            return "claimed"
        return "reported"

    def _where(self, s, e, clean, ctx: _Ctx, mentions):
        """(country, province_raw, location, reason): the heading's province wins over a town named as the reference
        of a distance ('about 25 km north of Baghdad' under 'Salah al-Din Province'); else a named province or town."""
        hints = [ctx.country] if ctx.country else ([c for c in ctx.path_countries if c != "Sinai"] or [None])
        for hint in hints:
            # 'JNIM (Burkina Faso and Mali)': the towns of either country, the first that knows them
            places = [
                p
                for p in find_places(self.text, s, e, hint)
                if not any(m.start <= p.start < m.end for m in mentions) and clean[p.start - s] != " "
            ]
            if hint is None or any(p.country == hint and p.kind != "country" for p in places):
                break
        named = [p for p in places if p.kind in ("town", "province")]
        if ctx.country and named:
            same = [p for p in named if p.country == ctx.country]
            named = same or ([] if ctx.province_raw else named)
        if ctx.province_raw:
            explicit = [
                p
                for p in named
                if p.kind == "province"
                and key(p.province_raw or "") != key(ctx.province_raw)
                and re.match(r"\s+(?:province|governorate|state|region)\b", self.text[p.end : p.end + 15], re.I)
            ]
            if explicit:
                p = explicit[0]
                return p.country, p.province_raw, p.name, None
            loc = named[0].name if named else None
            return ctx.country, ctx.province_raw, loc, None
        if named:
            towns = _rank_towns(self.text, [p for p in named if p.kind == "town"])
            provs = [p for p in named if p.kind == "province"]
            pick = provs[0] if (provs and not towns) else (towns[0] if towns else provs[0])
            if (
                provs
                and towns
                and provs[0].country == towns[0].country
                and key(provs[0].province_raw) != key(towns[0].province_raw)
            ):
                pick = provs[0]  # 'near Jalawla, Diyala province': the stated province wins over a clash
            reason = None
            if getattr(pick, "offset", None) is not None:
                reason = "province from a distance computation"  # places computed the point's province
            elif pick.kind == "town" and re.search(
                r"\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+){0,2}of\s+$",
                self.text[max(0, pick.start - 40) : pick.start],
                re.I,
            ):
                reason = "province of the reference town of a distance"
            return pick.country, pick.province_raw, pick.name, reason
        country = ctx.country
        cs = [p.country for p in places if p.kind == "country"]
        named_c = re.search(
            r"\b(?:in|into|near|across|at)\s+(?:[A-Z][\w'’-]+\s?){1,3},\s+(" + "|".join(COUNTRIES) + r")\b", clean
        )
        if named_c and named_c.group(1) != country:
            country = named_c.group(1)  # 'a cross-border raid into Chitral, Pakistan' under an Afghanistan heading
            cs = [country]
            there = [p for p in find_places(self.text, s, e, country) if p.kind == "town" and p.country == country]
            if there:
                return country, there[0].province_raw, there[0].name, None
        adm = _admin1_named(clean, [c for c in [country] + cs if c] or _adj_countries(clean)[:1] or ctx.path_countries)
        if adm is not None:
            return adm[0], adm[1], None, None
        pm = _NAMED_PROVINCE.search(clean)
        if (
            pm
            and not re.match(
                r"(?:the|a|an|this|that|each|every|southern|northern|eastern|western|Islamic|ISIS|IS"
                r"|Sinai|Khorasan|Sahel|Pakistan|West Africa|Central Africa|Mozambique|Somalia)$",
                pm.group(1),
                re.I,
            )
            and not GROUPS.match(clean, pm.start())
        ):
            cs = [p.country for p in places if p.kind == "country"]
            return country or (cs[0] if cs else None), pm.group(1), None, None
        if not country:
            cs = [p.country for p in places if p.kind == "country"]
            if cs:
                country = "Egypt" if cs[0] == "Sinai" else cs[0]
            else:
                adj = [c for c in _adj_countries(clean) if c not in ("Russia", "United States")]
                country = adj[0] if adj else None
        for rm in REGION_RE.finditer(clean):
            if country and canonical_country(rm.group("country")) == canonical_country(country):
                prov = province_of_region(country, rm.group("dir"))
                if prov:  # 'in southwestern Pakistan': the province that region means
                    return country, prov, None, "province from a regional name"
        return country, None, None, None

    def _period(self, node, ctx, s, e, clean, m, rng, attribution, mentions, last_group):
        """One PeriodCount; the actor is the subject of the count's clause."""
        n, q = count_value(m)
        before = clean[: m.start()]
        cut = 0
        for c in re.finditer(r",\s+(?:but|and|while|whereas)\s+|;\s", before):
            cut = c.end()
        # an appositive names someone else: 'The Baloch Liberation Army, a group with no ties to the TTP, attacked'
        appos = [(a.start(), a.end()) for a in _APPOSITIVE.finditer(clean, cut, m.start())]
        zone_mentions = [
            x for x in mentions if cut <= x.start - s < m.start() and not any(a <= x.start - s < b for a, b in appos)
        ]
        actor = None
        for x in mentions:  # '24 ISIS attacks', 'the third US strike': the count's own modifier
            if m.start() <= x.start - s < m.end():
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
                actor = subj.group("np")
        ag = find_agent(clean[cut : m.start()] + " attacked", zone_mentions, s + cut) if actor is None else None
        if ag is None:
            pass
        elif ag.index is not None:
            x = zone_mentions[ag.index]
            nongov = [y for y in zone_mentions if not y.is_state and not y.label]
            if not (x.is_state or x.label) and nongov:
                x = nongov[-1]
            actor = x.label or (state_actor(x.country or ctx.country) if x.is_state else resolve_actor(x.raw).actor)
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
        k = (pc.actor, pc.count, pc.period_start, pc.period_end)
        if k in self.period_keys:
            return
        self.period_keys.add(k)
        self.periods.append(pc)


_CONTAINER_OF = re.compile(
    r"\b(?:outskirts|neighbou?rhood|suburbs?|countryside|quarter|district|vicinity|environs)\s+of\s+"
    r"(?:the\s+(?:city|town)\s+of\s+)?$",
    re.I,
)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|county|cercle|department|lga)\b", re.I)


def _rank_towns(text: str, towns: list) -> list:
    """The sentence's towns, the one that contains the others first: 'the Sherpur neighborhood of Kabul' and 'the
    Behsud district, on the outskirts of Jalalabad' -> the city; 'in Wadi Omran, Mudiyah district' -> the district;
    else in text order."""

    def rank(p):
        if _CONTAINER_OF.search(text[max(0, p.start - 50) : p.start]):
            return 0
        if _DISTRICT_AFTER.match(text, p.end):
            return 1
        return 2

    return sorted(towns, key=rank)


#: the generic names of armed tribesmen, one actor ('tribal forces') however a report words them
_TRIBAL = re.compile(
    r"(?:arab\s+|local\s+)?(?:tribal\s+(?:fighters|forces|militants|insurgents|militias?|gunmen)|tribesmen)$"
)
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+[^,]{3,100},")
_PROPER_SUBJECT = re.compile(
    r"\s*(?:The\s+)?(?P<np>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,4})(?=,\s+(?:a|an|the)\s|\s+(?:has|have|had|said|says"
    r"|stated|claimed|attacked|conducted|carried|launched|fought|targeted|struck|ambushed|raided)\b)"
)


_NAMED_PROVINCE = re.compile(
    r"(?<!ISIS's )(?<!ISIS’s )(?<!State's )(?<!State’s )\b((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z]"
    r"[\w'’-]+|al|ad|ez|el|as)){0,2})\s+(?i:province|governorate|region|state)\b"
)


_ADMIN1: dict[str, list[tuple[str, str]]] = {}


def _admin1_named(sentence: str, countries: list[str]) -> tuple[str, str] | None:
    """(country, province) when the sentence names a first-level division of one of `countries` by itself
    ('in Kurram district, Khyber Pakhtunkhwa', 'in Balkh'), from the normalise stage's ISO 3166-2 names."""
    from .places import _normalizer

    g = _normalizer()
    if g is None or not countries:
        return None
    words = f" {key(sentence)} "
    for c in countries:
        cc = canonical_country(c) or c
        if cc not in _ADMIN1:
            idx = getattr(g, "_index", {}).get(cc, {})
            _ADMIN1[cc] = sorted(
                (
                    (k, v)
                    for k, v in idx.items()
                    if len(k) >= 4
                    and not re.fullmatch(r"[a-z]{2} [a-z0-9]{1,3}", k)
                    and not any(ch.isdigit() for ch in k)
                ),
                key=lambda kv: -len(kv[0]),
            )
        for k, v in _ADMIN1[cc]:
            if f" {k} " in words:
                return cc, v
    return None


def _source_name(name, t):
    fn = _FOOTNOTE.findall(t)
    return f"{name} [{fn[0]}]" if fn else name


def _blank_sources(t: str) -> str:
    """The sentence with its source parentheses and footnote markers blanked (same length, so offsets hold)."""
    t = _SOURCE.sub(lambda m: " " * len(m.group()), t)
    return _FOOTNOTE.sub(lambda m: " " * len(m.group()), t)


def _month_year(t: str):
    """'a January 2022 ISIS prison break': month and year anywhere (month precision)."""
    out = []
    for m in D.MONTH_ONLY_RE.finditer(t):
        out.append(
            D.MonthMention(m.start(), m.end(), D.MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("year")))
        )
    return out


def _units(text: str, start: int, end: int):
    """Sentence spans of a block, each at most _MAX_UNIT characters (a longer one is cut at a space)."""
    for s, e in sentences(text, start, end):
        while e - s > _MAX_UNIT:
            cut = text.rfind(" ", s, s + _MAX_UNIT)
            cut = cut if cut > s else s + _MAX_UNIT
            yield s, cut
            s = cut + 1
        if e > s:
            yield s, e


# 'on March 3 and again on March 5', 'on April 1 and April 3, 2022', 'on May 2 and 4.'
_JOIN = re.compile(r"\s*,?\s*(?:and|as well as|then)\s+(?:again\s+)?(?:on\s+)?")
_BARE_DAY = re.compile(
    r"\s*,?\s*(?:and|as well as)\s+(?:again\s+)?(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?"
    r"(?=\s*[,.;\[]|\s+(?:in|near|at|killing|wounding|and)\b)"
)
_ORDINAL = re.compile(
    r"\bin (?:the )?(first|second|third|fourth|last|latter|former|later)"
    r"(?: (?:attack|one|incident|strike|raid|ambush|case|bombing|explosion))?\b"
    r"|\b(?:in each|each time|in both)\b",
    re.I,
)
_ORD_INDEX = {"first": 0, "former": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "latter": -1, "later": -1}


def _coordinated(text: str, ds: list, end: int) -> list:
    """The dates of one sentence that each date a separate event: the first date plus dates joined to it by 'and'
    ('on March 3 and again on March 5'); a range ('between A and B', 'from A to B') stays one date. A later
    date's year fills year-less earlier ones ('April 1 and April 3, 2022')."""
    out = [ds[0]]
    if re.search(r"\b(?:between|from)\s*$", text[max(0, ds[0].start - 12) : ds[0].start], re.I):
        return out
    for d in ds[1:]:
        if not _JOIN.fullmatch(text, out[-1].end, d.start):
            break
        out.append(d)
    m = _BARE_DAY.match(text, out[-1].end, end)
    if m and 1 <= int(m.group(1)) <= 31 and int(m.group(1)) != out[-1].day:
        last = out[-1]
        out.append(D.DateMention(m.start(1), m.end(1), last.month, int(m.group(1)), last.year))
    if len(out) > 1 and out[-1].year:
        out = [replace(d, year=d.year or out[-1].year) for d in out]
    return out


def _casualty_shares(unit_text: str, n: int) -> list[bool]:
    """Which of a sentence's n events the stated casualties belong to: all of them for one event or 'in each
    attack', the one named by 'in the second attack', and none when the split is unknown (never counted twice)."""
    if n == 1:
        return [True]
    m = _ORDINAL.search(unit_text)
    if not m:
        return [False] * n
    if m.group(1) is None:
        return [True] * n
    i = _ORD_INDEX[m.group(1).lower()]
    i = i if i >= 0 else n - 1
    return [j == i for j in range(n)] if i < n else [False] * n


def _cas_text(k, w, ambiguous) -> str:
    parts = [f"killed {k.value if k.value is not None else 'unknown'}"] if k else []
    parts += [f"wounded {w.value if w.value is not None else 'unknown'}"] if w else []
    return ", ".join(parts) or ("killed or wounded" if ambiguous else "")


def _one():
    from .casualties import Count

    return Count(1, 1, 1)


def event_id(name: str, unit_text: str) -> str:
    """Stable across re-extraction: the report name plus the whitespace-normalised evidence text."""
    h = hashlib.sha1(f"{name}\x1f{' '.join(unit_text.split())}".encode()).hexdigest()[:16]
    return f"report:{name}:{h}"


_TARGETS = [
    (re.compile(p, re.I), lab)
    for p, lab in [
        (r"\bPMF\b|Popular Mobili[sz]ation", "Popular Mobilization Forces"),
        (r"\bTribal Mobili[sz]ation\b", "Tribal Mobilization"),
        (r"\bSDF\b|Syrian Democratic Forces|\bInSF\b", "SDF"),
        (r"\bPeshmerga\b", "Peshmerga"),
        (r"\bWagner\b", "Wagner Group"),
        (
            r"\bcivilians?\b|\bvillagers?\b|\bshepherds?\b|\bfarmers?\b|\btravel+ers?\b|\bmukhtar\b|\belder\b|\btrader\b"
            r"|\bChristians?\b|\bworshippers\b|\bpoliticians?\b|\bheadman\b",
            "civilians",
        ),
        (
            r"\barmy\b|\bsoldiers?\b|\bmilitary\b|\btroops\b|\bcheckpoint\b|\bregime\b|\bconvoy\b|\bpolice(?:men)?\b"
            r"|\bsecurity forces\b|\bofficials?\b|\bgendarm",
            "state",
        ),
    ]
]


def _target(sent: str, mentions, country: str | None) -> str | None:
    m = re.search(
        r"\b(?:against|at|on|targeting|ambushed|attacked|killed|kidnapped|abducted|assassinated|executed"
        r"|shot(?: dead)?|detained|arrested)\b(.{0,80})",
        sent,
        re.I,
    )
    zone = m.group(1) if m else sent
    for rx, lab in _TARGETS:
        if rx.search(zone):
            if lab == "state":
                adj = _ADJ_RE.search(zone)
                c = COUNTRY_ADJ[adj.group(1).lower()] if adj else country
                return state_actor(c) if c else "security forces"
            return lab
    return None
