"""The reader of one report's blocks: sentence by sentence, a period count, a skip with its reason, a new event or a
follow-up of the current one (trends.extract.parse drives it over the document tree)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import dates as D
from .actors import GROUPS, find_actors, resolve_actor, state_actor
from .agents import _Agents
from .authors import _CONTEXT_REASONS, AUTHOR_CUE, BLAMED
from .backrefs import _CLAIM_NEW, _NO_CLAIMER, claimed_events, claimer_of, give_author
from .casualties import casualties
from .clauses import act_span, find_agent, skip_reason
from .counts import PeriodCount, find_counts
from .events import _Events
from .period_counts import _Periods
from .rules import (
    _GROUP_CHANNELS,
    _MAYBE_L,
    _NEAR,
    _NEW_EVENT,
    _SOURCE,
    _UNVERIFIED,
    COUNT_HINT,
    Skip,
    _blank_sources,
    _Ctx,
    _units,
)
from .timing import (
    _CAME_N_AFTER,
    _SMALL_NUMBERS,
    _background,
    _Dates,
    _later,
    _other_subject_act,
    _passive_second_act,
    _second_act,
    _subordinate_act,
)
from .tree import Node
from .where import _Where

#: a claim of the sentence's own act after a semicolon or comma: '...; Jaish-e-Fursan-e-Muhammad claimed the attack'
_CLAIMED_AFTER = re.compile(
    r"[;,]\s+(?:and\s+)?(?P<np>(?:[A-Z][\w'’]*)(?:[- ](?:[A-Z][\w'’]*|[a-z]{1,2}|al)){0,6}"
    r"(?:\s+(?:group|movement|faction|network|front|brigade|battalion))?)\s+(?:later\s+|quickly\s+)?"
    r"claimed\s+(?:responsibility\s+for\s+)?(?:the|this|it)\b"
)


class _Reader(_Agents, _Events, _Where, _Periods, _Dates):
    """State while reading one report: the events so far, the period counts and the skipped passages."""

    def __init__(self, text, name, period, year, provinces):
        self.text, self.name, self.period, self.year, self.provinces = text, name, period, year, provinces
        self.events: list[dict] = []
        self.periods: list[PeriodCount] = []
        self.skipped: list[Skip] = []
        self.seen: dict[tuple, list[dict]] = {}
        self.period_keys: set[tuple] = set()
        self.lead_group: str | None = None
        self.lead_claims = False  # the lead-in or heading introduces the group's claims
        self.lead_owned: int | None = None  # the level of the heading whose section's acts are the lead group's
        self.channel_group: str | None = None  # the group whose channels (Telegram, Amaq) the report cites
        self.channel_src = False
        self.outlet: str | None = None  # the group whose own outlet the sentence read now cites (Amaq, az Zallaqa)
        self.block_events: list[dict] = []
        self.last_date: date | None = None
        self.prev_block: tuple | None = None  # (heading path, kind, date of its last event) of the block read last

    def skip(self, reason, s, e):
        self.skipped.append(Skip(reason, self.text[s:e], s, e))

    # ------------------------------------------------------------------------------------------------ blocks
    def read_block(self, node: Node, ctx: _Ctx, events_allowed: bool = True):
        text = self.text
        srcs = list(_SOURCE.finditer(text, node.start, node.end))
        block_src = srcs[-1] if srcs else None
        self.block_srcs = srcs
        self.channel_src = bool(block_src and _GROUP_CHANNELS.search(block_src.group("src")))
        prev, self.prev_block = self.prev_block, (node.path, node.kind, None)
        self.block_events = []
        self.block_dates: dict[str, list[dict]] = {}
        # 'A mukhtar was shot dead near al-Ishaqi two days later' opening the next bullet of a list (or the next
        # paragraph of a section): counted from the last event of the sibling block just read
        self.last_date = prev[2] if prev is not None and prev[:2] == (node.path, node.kind) else None
        current: dict | None = None
        attach_ok = False
        last_group: str | None = None
        for s, e in _units(text, node.start, node.end):
            if current is not None and current["evidence"]["start"] < s - _NEAR:
                current, attach_ok = None, False
            sent = text[s:e]
            clean = _blank_sources(sent)
            if (
                self.block_events
                and self.block_events[-1]["evidence"]["start"] >= s - _NEAR
                and AUTHOR_CUE.search(clean)
            ):
                self._author_named(self.block_events[-1], clean, s, e)
            own = D.find_dates(clean)
            if own:
                self.last_date = D.resolve(own[-1], self.period.reference, self.year)
            if clean.rstrip().endswith(":") and not text[e : node.end].strip():
                self.skip("lead-in", s, e)  # 'JNIM claimed several more attacks ... through al Zallaqa:' opens a list
                continue
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
                for m in find_actors(text, s, e, registry=True)
                if clean[m.start - s] != " "
                and not re.search(
                    r"according to (?:the\s+)?(?:\w+\s+){0,2}$", text[max(s, m.start - 30) : m.start], re.I
                )
                and not re.match(
                    r"[\w\s'’-]{0,25}?\b(?:sources?|media|officials said|spokesman)\b", text[m.end : m.end + 30]
                )
            ]
            groups = [m for m in mentions if not m.is_state]
            prior = self.periods[-1] if self.periods and self.periods[-1].evidence["start"] >= s - _NEAR else None
            counts = find_counts(
                clean,
                self.period,
                self.year,
                (prior.period_start, prior.period_end) if prior is not None else None,
                victims=True,
            )
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
                and not (self.block_events and self.block_events[-1]["evidence"]["start"] >= s - _NEAR)
                and _CLAIM_NEW.search(clean)
            ):
                reason = None  # 'X claimed the assassination of a tax collector in Y', nothing told before: new
            if (
                reason == "claim of an event told before"
                and self.block_events
                and self.block_events[-1]["evidence"]["start"] >= s - _NEAR
            ):
                prev = self.block_events[-1]
                claimer = claimer_of(clean, [m for m in mentions if not m.is_state and not m.label], s)
                for ev in claimed_events(clean, self.block_events, s - _NEAR):
                    # 'Two suicide bombers blew themselves up ... HTS claimed responsibility': the claimer, not a
                    # group taken from the heading, the lead-in or the channel ('for both attacks': the last two)
                    if claimer and (ev["actor"] == "unknown" or ev.get("_actor_reason") in (*_CONTEXT_REASONS, BLAMED)):
                        give_author(ev, claimer, "claimed")
                    ev["attribution"] = "claimed"
                self._extend(prev, prev["evidence"]["start"], e)
                self.skip(reason, s, e)
                continue
            sub = _subordinate_act(clean) if act is not None and reason in (None, "background") else None
            if sub is not None and skip_reason(clean[sub:]) is None:
                # 'X died of his wounds on August 1, a week after a suicide bomber struck his office on July 24': the
                # clause's own act, agent, date and place; the main clause only tells the time after it
                evs = self._clause_events(node, ctx, s + sub, e, clean[sub:], mentions, block_src, current, last_group)
                current, attach_ok = (evs[-1], True) if evs else (current, False)
                if groups:
                    last_group = groups[-1].raw
                continue
            if reason:
                self.skip(reason, s, e)
                if current is not None and reason == "negated" and re.search(r"\bclaim", clean, re.I):
                    current["attribution"] = (
                        "reported" if current["attribution"] == "claimed" else current["attribution"]
                    )
                    if current.get("_actor_reason") in _CONTEXT_REASONS and _NO_CLAIMER.search(clean):
                        # 'Militants attacked a convoy near Kobe ... No group has claimed the attack': not the group
                        # of the sentence before, the lead-in or the heading (an assessment after it may still name
                        # the author); never the country's common group by default
                        current["actor"], current["actor_raw"], current["_actor_reason"] = "unknown", None, None
                        current["_reasons"] = [r for r in current["_reasons"] if r not in _CONTEXT_REASONS] + [
                            "perpetrator not named"
                        ]
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
            came = _CAME_N_AFTER.search(clean) if current is not None else None
            came_dates = D.find_dates(clean) if came else []
            if came and all(d.start >= came.end() for d in came_dates):
                n = _SMALL_NUMBERS.get(came.group("n").lower()) or int(came.group("n"))
                days = n * (7 if came.group("u").lower().startswith("week") else 1)
                step = -days if came.group("dir").lower() == "after" else days
                when = date.fromisoformat(current["event_date"]) + timedelta(days=step)
                reason_c = "date from context"
                if came_dates:
                    # 'The attack came two weeks after ISKP gunmen killed a commander in Kunduz on April 25': the
                    # clause's own date
                    when = D.resolve(came_dates[0], self.period.reference, self.year) or when
                    reason_c = None
                s2 = s + came.end()  # the act is the clause's own: its agent, type and place
                evs = self._new_events(
                    node,
                    ctx,
                    s2,
                    e,
                    clean[came.end() :],
                    [m for m in mentions if m.start >= s2],
                    [when],
                    "day",
                    reason_c,
                    block_src,
                    None,
                    last_group,
                )
                current, attach_ok = (evs[-1], True) if evs else (current, False)
                continue
            whens, precision, date_reason = self._dates(clean, s, node, block_src, current)
            last = max((d for d in (self.period.cutoff, self.period.period_end) if d is not None), default=None)
            if whens and last is not None and all(w > last for w in whens):
                # 'Attacks on pilgrims ahead of Arbaeen on May 20 remain a risk' in a report cut off on May 15: a
                # date after the data cutoff is a plan or a forecast, never an event of the report
                self.skip("date after the report's cutoff", s, e)
                attach_ok = False
                continue
            new_marker = bool(_NEW_EVENT.match(clean))
            if not whens and current is not None and _background(clean, current):
                # 'IS Sahel previously executed village chiefs in the area in 2021': an earlier act retold as
                # background, neither a follow-up of the event (its type, casualties) nor an event of its own
                self.skip("background", s, e)
                attach_ok = False
                continue
            if (
                not whens
                and current is not None
                and attach_ok
                and not new_marker
                and not self._other_agent(clean, s, mentions, current)
            ):
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
            one_day = len(whens) == 1 and precision == "day" and not date_reason
            cut = _second_act(clean) if one_day else None
            same_subject = cut is not None
            if cut is None and one_day:
                cut = _other_subject_act(clean, mentions, s)
            if cut is None and one_day:
                cut = _passive_second_act(clean)
            if cut is not None:
                # 'JNIM attacked a post in Kompienga on June 8 and ambushed a convoy near Bourzanga on June 16': two
                # acts of one subject, each with its own date, place, type and casualties
                evs = self._new_events(
                    node,
                    ctx,
                    s,
                    s + cut,
                    clean[:cut],
                    [m for m in mentions if m.start < s + cut],
                    whens,
                    precision,
                    None,
                    block_src,
                    current,
                    last_group,
                )
                if evs and not same_subject:
                    # the second clause's own subject is its agent: read it from the subject on
                    lead = re.match(r"[^,;]*?(?:,\s+(?:and|while|before)|;)\s+(?:then\s+|later\s+)?", clean[cut:])
                    cut += lead.end() if lead else 0
                if evs:
                    first = evs[-1]
                    w2, _, _ = self._dates(clean[cut:], s + cut, node, block_src, first)
                    w2 = w2 or _later(first["event_date"], clean[cut:])
                    if not w2 and re.search(r"\b(?:the same day|that day)\b", clean[cut:], re.I):
                        w2 = [date.fromisoformat(first["event_date"])]  # '...; US forces struck ... the same day'

                    more = (
                        self._new_events(
                            node,
                            ctx,
                            s + cut,
                            e,
                            clean[cut:],
                            [m for m in mentions if m.start >= s + cut],
                            w2[:1],
                            "day",
                            None,
                            block_src,
                            first,
                            last_group,
                        )
                        if w2
                        else []
                    )
                    for ev in more if same_subject else ():
                        for k in ("actor", "actor_raw", "_force", "_actor_reason", "attribution"):
                            ev[k] = first[k]
                        ev["_reasons"] = [r for r in ev["_reasons"] if r != "perpetrator not named"]
                    evs += more
            else:
                evs = self._new_events(
                    node, ctx, s, e, clean, mentions, whens, precision, date_reason, block_src, current, last_group
                )
                cl = _CLAIMED_AFTER.search(clean)
                own = (
                    find_agent(clean[: cl.start()], [m for m in mentions if m.start < s + cl.start()], s)
                    if cl
                    else None
                )
                if cl and evs and own is not None and (own.index is None or own.passive):
                    # 'A suicide bomber struck a convoy in Mir Ali on Tuesday; Jaish-e-Fursan-e-Muhammad claimed the
                    # attack': the claimer of the sentence's own act
                    for ev in evs:
                        ev["actor"], ev["actor_raw"], ev["attribution"] = (
                            resolve_actor(cl["np"]).actor,
                            cl["np"],
                            "claimed",
                        )
                        ev["_actor_reason"] = None
                        ev["_reasons"] = [
                            r for r in ev["_reasons"] if r != "perpetrator not named" and r not in _CONTEXT_REASONS
                        ]
            if groups:
                last_group = groups[-1].raw
            if evs:
                current, attach_ok = evs[-1], True
            else:
                attach_ok = False
        if self.block_events:
            self.prev_block = (node.path, node.kind, date.fromisoformat(self.block_events[-1]["event_date"]))

    def _clause_events(self, node, ctx, s, e, clean, mentions, block_src, current, last_group) -> list[dict]:
        """The events of the clause `clean` (at offset s) dated by its own words; [] (skipped) when it has none."""
        whens, precision, reason = self._dates(clean, s, node, block_src, current)
        if not whens:
            self.skip(reason or "no date", s, e)
            return []
        own = [m for m in mentions if m.start >= s]
        return self._new_events(node, ctx, s, e, clean, own, whens, precision, reason, block_src, current, last_group)

    def _other_agent(self, clean, s, mentions, current) -> bool:
        """A sentence whose named agent is another actor than the current event's ('ISKP opened fire on tourists
        ... The Taliban arrested seven ISKP members'): a new act, never a follow-up of the current event."""
        if current["actor"] == "unknown":
            return False
        ag = find_agent(clean, mentions, s)
        if ag.index is None or ag.passive:
            return False
        m = mentions[ag.index]
        when = date.fromisoformat(current["event_date"])
        if (m.label or (state_actor(m.country) if m.is_state else None)) == current["actor"]:
            return False  # 'US forces conducted an airstrike ... AFRICOM said the strike killed three': one force
        return m.raw != current.get("actor_raw") and resolve_actor(m.raw, when).actor != current["actor"]
