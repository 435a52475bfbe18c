"""The reader of one report's blocks: sentence by sentence, a period count, a skip with its reason, a new event or a
follow-up of the current one (trends.extract.parse drives it over the document tree)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import dates as D
from .actors import GROUPS, find_actors, resolve_actor
from .agents import _Agents
from .casualties import casualties
from .clauses import act_span, find_agent, skip_reason
from .counts import PeriodCount, find_counts
from .events import _CONTEXT_REASONS, AUTHOR_CUE, _Events
from .period_counts import _Periods
from .relative import find_relative
from .rules import (
    _DATE_BLOCKERS,
    _GROUP_CHANNELS,
    _MAYBE_L,
    _NEAR,
    _NEW_EVENT,
    _NEXT_DAY,
    _SAME_DAY,
    _SOURCE,
    _UNVERIFIED,
    COUNT_HINT,
    Skip,
    _blank_sources,
    _coordinated,
    _Ctx,
    _month_year,
    _units,
)
from .tree import Node
from .where import _Where

#: a date told against the report's data cutoff ('two days before the data cutoff', 'the day before the cutoff')
_FROM_CUTOFF = re.compile(
    r"\b(?:(?P<n>\d{1,2}|one|two|three|four|five|six|seven)\s+days?|the\s+day|a\s+day)\s+(?P<dir>before|after)\s+"
    r"(?:the\s+|this\s+(?:update['’]s\s+)?|our\s+)?(?:data\s+)?cut-?off\b",
    re.I,
)
#: a reporting verb and its complement: 'the ministry announced that ...'
_SAID_THAT = re.compile(r"\b(?:announced|said|reported|stated|revealed|confirmed)\s+that\s+", re.I)
#: 'Two days later, ISIS fired rockets at ...': a date counted from the date told before in the block
_N_DAYS_LATER = re.compile(r"\b(?P<n>\d|two|three|four|five|six|seven)\s+days\s+(?P<dir>later|earlier)\b", re.I)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}
#: 'The Dassari attack came a week after an IED struck a patrol in Park W': a second act, dated against the event just
#: told; the clause after 'after' tells it (a finite past verb there: 'after the ambush near X' only retells one)
_CAME_N_AFTER = re.compile(
    r"\b(?:came|comes|occurred|followed)\s+(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven)\s+"
    r"(?P<u>days?|weeks?)\s+(?P<dir>after|before)\s+(?=(?:an?|the|another)\s+[^,;]{0,80}?\b(?:struck|killed|attacked"
    r"|ambushed|bombed|detonated|exploded|hit|stormed|abducted|kidnapped|raided|wounded)\b)",
    re.I,
)

#: a claim that describes its act in full ('claimed the assassination of a tax collector in ...'): when no event
#: was told before it in the block, it is the event itself, not a claim of an earlier one
_CLAIM_NEW = re.compile(
    r"\bclaimed\s+(?:responsibility\s+for\s+)?the\s+(?:[\w-]+\s+)?(?:attack|ambush|bombing|killing|raid"
    r"|assassination|kidnapping|abduction|execution|beheading)\s+(?:of|on|against)\s+(?:an?|the|two|three|\d+)\s",
    re.I,
)


#: the second act of one subject in a sentence: ', and ambushed a convoy ... on June 16' right after the first act's date
_AND_ACT = re.compile(
    r"(?:\s*\[\d+\])?(,\s+(?:killing|wounding|injuring)\b[^,;]{0,60})?\s*,?\s+and\s+(?:then\s+|later\s+|also\s+)?"
    r"(?=[a-z]+(?:ed|struck|shot|hit|overran)\b)"
)


#: the second act's date told against the first's: '... and attacked a police checkpoint two days later'
_N_LATER = re.compile(r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven)\s+(?P<u>days?|weeks?)\s+later\b", re.I)


def _later(first: str, clause: str) -> list[date]:
    """[first + N days] for 'N days later' in clause ('two days later'), else []."""
    m = _N_LATER.search(clause)
    if m is None:
        return []
    n = _SMALL_NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
    return [date.fromisoformat(first) + timedelta(days=n * (7 if m.group("u").lower().startswith("week") else 1))]


def _second_act(clean: str) -> int | None:
    """Offset of a second dated act of the same subject ('attacked X on June 8 and ambushed Y on June 16'), or None:
    the words right after the first date are 'and <violent verb>', and another day date follows with no third."""
    ds = D.find_dates(clean)
    if not 1 <= len(ds) <= 2:
        return None
    m = _AND_ACT.match(clean, ds[0].end)
    if m is None or (m.end() >= ds[1].start if len(ds) == 2 else not _N_LATER.search(clean, m.end())):
        return None
    act = act_span(clean[m.end() :])
    if act is None or act[0] != 0 or re.match(r"claim|said|announc", clean[m.end() :], re.I):
        return None
    return m.end(1) if m.group(1) else m.start()  # ', killing four soldiers' stays with the first act


class _Reader(_Agents, _Events, _Where, _Periods):
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
        self.block_events: list[dict] = []
        self.last_date: date | None = None

    def skip(self, reason, s, e):
        self.skipped.append(Skip(reason, self.text[s:e], s, e))

    # ------------------------------------------------------------------------------------------------ blocks
    def read_block(self, node: Node, ctx: _Ctx, events_allowed: bool = True):
        text = self.text
        srcs = list(_SOURCE.finditer(text, node.start, node.end))
        block_src = srcs[-1] if srcs else None
        self.block_srcs = srcs
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
                g = [m for m in mentions if not m.is_state and not m.label]
                claimer = g[0].raw if g else None
                if claimer is None:
                    np = re.match(r"\s*((?:[A-Z][\w'’-]*[- ]?){1,6})(?:,[^,]{0,120},)?\s+claimed", clean)
                    claimer = np.group(1).strip() if np else None
                if claimer and (prev["actor"] == "unknown" or prev.get("_actor_reason") in _CONTEXT_REASONS):
                    # 'Two suicide bombers blew themselves up ... HTS claimed responsibility': the claimer, not a
                    # group taken from the heading, the lead-in or the channel
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
            came = _CAME_N_AFTER.search(clean) if current is not None else None
            if came and not D.find_dates(clean):
                n = _SMALL_NUMBERS.get(came.group("n").lower()) or int(came.group("n"))
                days = n * (7 if came.group("u").lower().startswith("week") else 1)
                step = -days if came.group("dir").lower() == "after" else days
                when = date.fromisoformat(current["event_date"]) + timedelta(days=step)
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
                    "date from context",
                    block_src,
                    None,
                    last_group,
                )
                current, attach_ok = (evs[-1], True) if evs else (current, False)
                continue
            whens, precision, date_reason = self._dates(clean, s, node, block_src, current)
            new_marker = bool(_NEW_EVENT.match(clean))
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
            cut = _second_act(clean) if len(whens) == 1 and precision == "day" and not date_reason else None
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
                if evs:
                    first = evs[-1]
                    w2, _, _ = self._dates(clean[cut:], s + cut, node, block_src, first)
                    w2 = w2 or _later(first["event_date"], clean[cut:])
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
                    for ev in more:
                        for k in ("actor", "actor_raw", "_force", "_actor_reason", "attribution"):
                            ev[k] = first[k]
                        ev["_reasons"] = [r for r in ev["_reasons"] if r != "perpetrator not named"]
                    evs += more
            else:
                evs = self._new_events(
                    node, ctx, s, e, clean, mentions, whens, precision, date_reason, block_src, current, last_group
                )
            if groups:
                last_group = groups[-1].raw
            if evs:
                current, attach_ok = evs[-1], True
            else:
                attach_ok = False

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
        return m.raw != current.get("actor_raw") and resolve_actor(m.raw, when).actor != current["actor"]

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
        said = _SAID_THAT.search(clean)
        if ds and said and ds[0].start < said.start():
            # 'On May 5, the ministry announced that during April its forces had arrested 12 ...': the act's own
            # time is the complement's; the leading date is the announcement's
            after = [d for d in ds if d.start >= said.end()]
            months = [m for m in D.find_months(clean) + _month_year(clean) if m.start >= said.end()]
            if after:
                ds = after
            elif re.match(r"(?:(?:during|in|throughout|over)\s+)", clean[said.end() :]) and months:
                m0 = min(months, key=lambda m: m.start)
                w = D.resolve_month(m0, self.period.reference, self.year)
                if w is not None:
                    return [w], "month", "date to the month only"
            elif re.match(r"the (?:previous|preceding) day\b", clean[said.end() :], re.I):
                d0 = D.resolve(ds[0], self.period.reference, self.year)
                if d0 is not None:
                    return [d0 - timedelta(days=1)], "day", "date from context"
        if ds:
            ds = _coordinated(clean, ds, len(clean))
            whens = [D.resolve(d, self.period.reference, self.year) for d in ds]
            if any(w is None for w in whens):
                return [], "day", "date without a year"
            return whens, "day", None
        rc = _FROM_CUTOFF.search(clean)
        if rc and self.period.cutoff is not None:
            n = _SMALL_NUMBERS.get((rc.group("n") or "one").lower())
            n = int(rc.group("n")) if n is None else n
            step = -n if rc.group("dir").lower() == "before" else n
            return [self.period.cutoff + timedelta(days=step)], "day", "date from context"
        nl = _N_DAYS_LATER.search(clean)
        if nl and self.last_date is not None:
            n = _SMALL_NUMBERS.get(nl.group("n").lower()) or int(nl.group("n"))
            step = n if nl.group("dir").lower() == "later" else -n
            return [self.last_date + timedelta(days=step)], "day", "date from context"  # 'Two days later, ...'
        nd = _NEXT_DAY.search(clean)
        if nd and self.last_date is not None:
            step = -1 if re.search(r"previous|before|earlier", nd.group(), re.I) else 1
            return [self.last_date + timedelta(days=step)], "day", "date from context"
        if _SAME_DAY.search(clean) and (current is not None or self.last_date is not None):
            d = date.fromisoformat(current["event_date"]) if current is not None else self.last_date
            return [d], "day", "date from context"
        # 'on Sunday' in a report with a data cutoff or a stated period: the latest such weekday on or before its end
        anchor = self.period.cutoff or self.period.period_end
        wd = find_relative(clean, published=anchor, kinds=("weekday",)) if anchor else []
        if wd and not _DATE_BLOCKERS.search(clean[max(0, wd[0].start - 25) : wd[0].start]):
            return [wd[0].value], "day", "date from the weekday and the report's cutoff"
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
        if node.kind == "bullet" and block_src is not None and (current is None or _NEW_EVENT.match(clean)):
            # the bullet's first source parenthesis at or after this sentence: 'A (Telegram, July 12). In
            # addition, B (Telegram, July 13)' dates A by the 12th and B by the 13th
            src = next((m for m in self.block_srcs if m.start() >= s), block_src)
            sd = D.find_dates(src.group("date"))
            if sd:
                w = D.resolve(sd[0], self.period.reference, self.year)
                if w:
                    return [w], "day", "date from the source's date"
        del text
        return [], "day", None
