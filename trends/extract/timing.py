"""When a sentence's act happened: its own date (not a source parenthesis, a statement's or a non-violent act's),
a date told against the data cutoff or the act before ('two days later', 'the same day'), and where a sentence holds
a second act with a date of its own (a mixin of trends.extract.reader._Reader and its helpers)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import dates as D
from .clauses import act_span
from .relative import find_relative
from .rules import (
    _DATE_BLOCKERS,
    _NEW_EVENT,
    _NEXT_DAY,
    _SAME_DAY,
    _coordinated,
    _month_year,
)

#: a date told against the report's data cutoff ('two days before the data cutoff', 'the day before the cutoff')
_FROM_CUTOFF = re.compile(
    r"\b(?:(?P<n>\d{1,2}|one|two|three|four|five|six|seven)\s+days?|the\s+day|a\s+day)\s+(?P<dir>before|after)\s+"
    r"(?:the\s+|this\s+(?:update['’]s\s+)?|our\s+)?(?:data\s+)?cut-?off\b",
    re.I,
)
#: 'Two days later, ISIS fired rockets at ...': a date counted from the date told before in the block
_N_DAYS_LATER = re.compile(r"\b(?P<n>\d|two|three|four|five|six|seven)\s+days\s+(?P<dir>later|earlier)\b", re.I)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1}
#: 'The Dassari attack came a week after an IED struck a patrol in Park W': a second act, dated against the event just
#: told; the clause after 'after' tells it (a finite past verb there: 'after the ambush near X' only retells one)
#: the finite past verbs of a violent act that a subordinate clause tells ('after gunmen overran a base')
_FINITE_ACT = (
    r"(?:struck|killed|attacked|ambushed|bombed|detonated|exploded|hit|stormed|abducted|kidnapped|raided|wounded"
    r"|shot|blew|overran|beheaded|executed|assassinated|seized|opened\s+fire)"
)
_CAME_N_AFTER = re.compile(
    r"\b(?:came|comes|occurred|followed)\s+(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven)\s+"
    rf"(?P<u>days?|weeks?)\s+(?P<dir>after|before)\s+(?=(?:(?:an?|the|another)\s+)?[^,;]{{0,80}}?\b{_FINITE_ACT}\b)",
    re.I,
)

#: an act placed before the event told: 'previously', 'in the past', a year other than the event's
_EARLIER = re.compile(
    r"\b(?:previously|formerly|in the past|in (?:recent|previous|past) years)\b|\bin ((?:19|20)\d\d)\b", re.I
)


def _background(clean: str, current: dict) -> bool:
    """True when a sentence with an act but no date of its own tells an earlier act ('IS Sahel previously executed
    village chiefs in 2021'), not the current event."""
    m = _EARLIER.search(clean)
    if m is None:
        return False
    return m.group(1) is None or m.group(1) != current["event_date"][:4]


#: the second act of one subject in a sentence: ', and ambushed a convoy ... on June 16' right after the first act's date
_AND_ACT = re.compile(
    r"(?:\s*\[\d+\])?(,\s+(?:killing|wounding|injuring)\b[^,;]{0,60})?\s*,?\s+and\s+(?:then\s+|later\s+|also\s+)?"
    r"(?=(?:[a-z]+ed|struck|shot|hit|overran|blew)\b)"
)


#: the second act's date told against the first's: '... and attacked a police checkpoint two days later'
_N_LATER = re.compile(r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven)\s+(?P<u>days?|weeks?)\s+later\b", re.I)


def _later(first: str, clause: str) -> list[date]:
    """[first + N days] for 'N days later' in clause ('two days later', 'the following day', 'the same day'),
    else []."""
    m = _N_LATER.search(clause)
    if m is None:
        nd, sd = _NEXT_DAY.search(clause), _SAME_DAY.search(clause)
        if nd and not re.search(r"previous|before|earlier", nd.group(), re.I):
            return [date.fromisoformat(first) + timedelta(days=1)]
        return [date.fromisoformat(first)] if sd else []
    n = _SMALL_NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
    return [date.fromisoformat(first) + timedelta(days=n * (7 if m.group("u").lower().startswith("week") else 1))]


#: a second act told as a noun phrase of the same verb: '... on June 12, which killed seven people, and a separate
#: bombing of a pylon in Charikar on June 13' (the object of one 'claimed', each act with its own date)
_AND_NOUN_ACT = re.compile(
    r"(?:\s*\[\d+\])?(,\s+(?:which|that)\s+(?:killed|wounded|injured)\b[^,;]{0,60})?\s*,?\s+and\s+"
    r"(?=(?:an?|another)\s+(?:separate\s+|second\s+|later\s+)?(?:[\w-]+\s+){0,2}?(?:attack|bombing|ambush|raid|assault"
    r"|kidnapping|abduction|assassination|strike|airstrike)\b)"
)


def _second_act(clean: str) -> int | None:
    """Offset of a second dated act of the same subject ('attacked X on June 8 and ambushed Y on June 16'), or None:
    the words right after the first date are 'and <violent verb>', and another day date follows with no third."""
    ds = D.find_dates(clean)
    if not 1 <= len(ds) <= 2:
        return None
    m = _AND_ACT.match(clean, ds[0].end)
    noun = m is None and (m := _AND_NOUN_ACT.match(clean, ds[0].end)) is not None
    if m is None or (m.end() >= ds[1].start if len(ds) == 2 else not _later("2000-01-01", clean[m.end() :])):
        return None
    act = act_span(clean[m.end() :])
    if act is None or (act[0] != 0 and not noun) or re.match(r"claim|said|announc", clean[m.end() :], re.I):
        return None
    return m.end(1) if m.group(1) else m.start()  # ', killing four soldiers' stays with the first act


#: a second act with a subject of its own after the first act's date: ', and Nigerian Air Force jets struck ...'
_AND_SUBJECT = re.compile(
    r"(?:\s*\[\d+\])?(,\s+(?:killing|wounding|injuring)\b[^,;]{0,60}(?:,\s+according\s+to\s+[^,;]{0,50})?)?"
    # '...; US forces conducted an airstrike near Galcad the same day': a semicolon opens the second clause too
    r"(?:\s*,\s+(?:and|while|before)|\s*;)\s+(?:then\s+|later\s+)?"
    r"(?P<np>(?:the\s+|an?\s+)?(?:[A-Z][\w'’.-]*\s+){1,4}(?:[a-z][\w-]*\s+){0,2}?)"
    r"(?=(?:[a-z]+ed|struck|shot|hit|overran|blew)\b)"
)


_LIGHT_VERB = re.compile(r"(?:conducted|carried out|launched|staged|mounted)\s+(?:an?\s+|two\s+|several\s+)?", re.I)


def _other_subject_act(clean: str, mentions, s: int) -> int | None:
    """Offset of a second act whose own subject names an actor ('ISWAP ambushed a patrol near Damboa on May 4, and
    Nigerian jets struck ISWAP positions the next day'), or None: that clause is another event with its own agent,
    and the first event's type and casualties come from its own clause only."""
    ds = D.find_dates(clean)
    if not 1 <= len(ds) <= 2:
        return None
    m = _AND_SUBJECT.match(clean, ds[0].end)
    if m is None or (len(ds) == 2 and ds[1].start < m.end()):
        return None
    np0, np1 = m.start("np"), m.end("np")
    if not any(np0 <= x.start - s < np1 for x in mentions):
        return None
    act = act_span(clean[np1:])
    if act is None or (act[0] != 0 and not _LIGHT_VERB.fullmatch(clean[np1 : np1 + act[0]])):
        return None  # '... conducted an airstrike': the act noun of a light verb
    return m.end(1) if m.group(1) else m.start()


#: a second act told in the passive after the first act's date: ', and two civilians accused of working with the
#: coalition were shot dead in al-Busayrah two days later' (its victims are the subject, its date its own)
_AND_PASSIVE = re.compile(
    r"(?:\s*\[\d+\])?(,\s+(?:killing|wounding|injuring)\b[^,;]{0,60})?\s*,\s+and\s+"
    r"(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}|at\s+least\s+\w+|several|[a-z]+)\s+[^,;()]{0,100}?"
    r"\s+(?:was|were)\s+(?:also\s+|later\s+)?(?=(?:shot|killed|kidnapped|abducted|beheaded|executed|gunned\s+down"
    r"|wounded|injured|ambushed|stabbed|assassinated|attacked|targeted|struck)\b)"
)


def _passive_second_act(clean: str) -> int | None:
    """Offset of a second act told in the passive with its own date (another date or 'two days later' after it),
    or None: 'X was shot dead in Diban on August 8, and two civilians were shot dead in al-Busayrah two days
    later' holds two killings, each with its own place and day."""
    ds = D.find_dates(clean)
    if not 1 <= len(ds) <= 2:
        return None
    m = _AND_PASSIVE.match(clean, ds[0].end)
    if m is None:
        return None
    rest = clean[m.end() :]
    if len(ds) == 2 and ds[1].start < m.end():
        return None
    if len(ds) == 1 and not _later("2000-01-01", rest):
        return None  # the second clause has no day of its own: one act told with its victims
    return m.end(1) if m.group(1) else m.start()


#: a subordinate clause that tells a dated act of its own: ', a week after an al Shabaab suicide bomber struck a
#: meeting in his office on July 24', ', when a suicide bomber killed six people ... on December 11'
_N_UNITS = (
    r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several|\d{1,2})\s+(?:days?|weeks?)"
)
_SUB_ACT = re.compile(
    rf"(?:,\s+(?:{_N_UNITS}\s+after|when)|\b{_N_UNITS}\s+after)\s+"
    rf"(?=(?:(?:an?|the|another|its|their)\s+)?[^,;]{{0,80}}?\b{_FINITE_ACT}\b)",
    re.I,
)


def _subordinate_act(clean: str) -> int | None:
    """Offset of the subject of a subordinate clause that tells the sentence's only act, with a date of its own
    ('The mayor died of his wounds on August 1, a week after a suicide bomber struck his office on July 24'), or
    None: the main clause names no violent act (it only anchors the time), so the clause's act is the event."""
    m = _SUB_ACT.search(clean)
    if m is None or act_span(clean[: m.start()]) is not None:
        return None
    if not D.find_dates(clean[m.end() :]):
        return None
    return m.end()


#: the day the update was written, told as such: 'this morning', 'today', 'yesterday'
_TODAY = re.compile(
    r"\b(?:(?:early\s+|late\s+)?this\s+(?:morning|afternoon|evening)|(?:earlier\s+)?today|yesterday)\b", re.I
)
#: a reporting verb whose 'that' clause tells the act: 'said that', 'claimed on May 7 that', 'announced that'
_REPORTED_THAT = re.compile(
    r"\b(?:said|says|stated|announced|reported|claimed|confirmed|added|alleged)\s+(?:on\s+[A-Z][a-z]+\s+\d{1,2},?\s+)?"
    r"that\b"
)


class _Dates:
    """The event's own dates (a mixin of trends.extract.reader._Reader)."""

    def _dates(self, clean, s, node, block_src, current):
        """The event's own dates: [date], precision, and the reason when they come from context."""
        text = self.text
        ds = [
            d
            for d in D.find_dates(clean)
            if not _DATE_BLOCKERS.search(clean[max(0, d.start - 25) : d.start])
            and not re.search(r"\bsince\b[^,;]{0,80}$", clean[max(0, d.start - 80) : d.start])
        ]
        rep = _REPORTED_THAT.search(clean)
        if rep and any(d.start >= rep.end() for d in ds):
            # 'On May 12, the ministry said that militants had attacked a post on May 11': the date before the
            # reporting verb is the statement's, the one inside its clause the act's
            ds = [d for d in ds if d.start >= rep.end()]
        elif rep and ds and ds[0].start < rep.start():
            # 'On May 5, the ministry announced that during April its forces had arrested 12 ...': the act's own
            # month, not the announcement's day; 'the previous day' counts back from the announcement
            rest = clean[rep.end() :]
            months = [m for m in D.find_months(clean) + _month_year(clean) if m.start >= rep.end()]
            if re.match(r"\s*(?:during|in|throughout|over)\s", rest) and months:
                w = D.resolve_month(min(months, key=lambda m: m.start), self.period.reference, self.year)
                if w is not None:
                    return [w], "month", "date to the month only"
            if re.search(r"\bthe (?:previous|preceding) day\b|\bthe day before\b|\ba day earlier\b", rest, re.I):
                d0 = D.resolve(ds[0], self.period.reference, self.year)
                if d0 is not None:
                    return [d0 - timedelta(days=1)], "day", "date from context"
        if ds:
            ds = _coordinated(clean, ds, len(clean))
            whens = [D.resolve(d, self.period.reference, self.year) for d in ds]
            if any(w is None for w in whens):
                return [], "day", "date without a year"
            return whens, "day", None
        td = _TODAY.search(clean)
        if (
            td
            and self.period.cutoff is not None
            and not _DATE_BLOCKERS.search(clean[max(0, td.start() - 25) : td.start()])
        ):
            # 'ambushed a police convoy in Lakki Marwat this morning': the update is written on its data cutoff
            back = 1 if td.group().lower() == "yesterday" else 0
            return [self.period.cutoff - timedelta(days=back)], "day", "date from the report's cutoff"
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
