"""Events from press analyses and pasted news articles (issue 13).

A file is split into articles (`documents.split_documents`); each sentence of an article is an event when it states
a violent act with a date of its own: a day ('on February 11'), a month with a year ('In June 2015', 'the January
twin bombings'), or a relative date resolved against the article's publication date ('on Sunday', 'last week',
'a year ago', 'six days later'; `relative.find_relative`). A bare year is not enough. Questions, headings, titles,
captions, bylines, natural disasters, accidents, epidemics, hedged, negated and planned actions are skipped with a
reason. Casualty numbers keep their bounds as written ('more than 46,000', 'about 75', 'at least 16'). An event
retold by two articles of the same file is written once, with both evidences.

Stages, one module each: `documents` (articles and their dates), `press_dates` (the date of a sentence and its
dated clauses), `press_acts` (the act, its kind, non-events, casualty bounds), `press_actors` (who did it),
`press_places` (where), `press_merge` (claims, follow-ups, retellings, period counts, the event row); this module
runs them in order over each article.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from . import dates as D
from .actors import resolve_actor
from .branches import branch_actor
from .coref import UNNAMED, ArticleGroups, specialize
from .documents import byline_spans, dateline_end, split_documents
from .event_types import event_type
from .parse import Extraction, Skip
from .places import canonical_country, canonical_province, find_places
from .press_actors import (
    _NAMED_ARRESTEE,
    _PERSON_OF,
    _actor,
    _actors,
    _specific_first,
    event_actor,
)
from .press_acts import (
    _AFTER_ADJUNCT,
    _FUTURE_IN_PAST,
    _WHEN_HISTORY,
    _WHEN_LEAD,
    _event_pos,
    _own_casualties,
    _press_type,
    casualty_bounds,
    non_event_reason,
    refine_type,
    without_weapons,
)
from .press_dates import _CAME_AFTER, _PAREN_DATE, _clauses, _date_for, _date_marks
from .press_merge import (
    _CLAIM_OF_PREVIOUS,
    _COUNT,
    _NO_CLAIM,
    _WHERE_IT_HAPPENED,
    ATTRIBUTION,
    _duplicate,
    _follow_up,
    _period_counts,
    _retold,
    claimed_kind,
    credit_actor,
    event_record,
)
from .press_places import (
    _dateline_place,
    _heading_country,
    _story_country,
    _taken_towns,
    _title_adjective_country,
    _title_town,
    event_place,
    item_place,
)
from .segment import sentences

__all__ = ["extract_press", "looks_like_press", "casualty_bounds", "non_event_reason"]


#: a sentence that gives two names of one group ('..., the label it uses for the ADF', 'also known as')
_SAME_GROUP = re.compile(
    r"\b(?:the\s+(?:label|name)\s+(?:it|they|the group)\s+uses?\s+for|also\s+known\s+as|which\s+calls\s+itself)\b",
    re.I,
)
#: a force that is the subject of a passive act is its victim ('Troops at Wajiroko, in Damboa, were targeted')
_PASSIVE_VICTIM = re.compile(
    r"[^.;]{0,80}?\b(?:was|were|had been|have been|has been)\s+(?:\w+ly\s+)?(?:targeted|attacked|ambushed|hit"
    r"|struck|shelled|bombed|overrun|besieged)\b",
    re.I,
)
_HOURS_APART = re.compile(r"^\W*(?:(?:a few|several|some|\d+|two|three)\s+)?hours\s+(?:earlier|later)\b", re.I)


def extract_press(text: str, name: str = "press", *, published: date | None = None) -> Extraction:
    """Events of a file of pasted articles (or one article, with `published`). Period counts are not read here."""
    events: list[dict] = []
    periods: list = []
    skipped: list[Skip] = []
    docs = split_documents(text, published)
    for doc in docs:
        anchor = None  # the previous day the article told: "N days later" counts from it, never from publication
        home = _dateline_place(text, doc)
        month_anchor = None
        latest = None  # the latest day the article reports (its publication date is after it)
        last_event_end = None
        doc_groups: Counter = Counter()
        ag = ArticleGroups()
        persons: dict[str, str] = {}  # name tokens of people the article ties to a group ('Omar' -> IS Mozambique)
        # the groups the whole article names: 'Islamic State' of its first paragraph is the 'IS Mozambique' of its
        # fourth (a digest's items are unrelated: each names its own)
        whole_named = (
            []
            if doc.kind == "digest"
            else [resolve_actor(g.raw).actor for g in _actors(text, doc.start, doc.end) if not g.is_state]
        )
        ag.extra = whole_named
        title_groups = [resolve_actor(g.raw).actor for g in _actors(text, doc.start, doc.title_end) if not g.is_state]
        for g in title_groups:
            ag.add(g)
        item_country = _heading_country(text[doc.start : doc.title_end])
        title_place = next(
            (p for p in find_places(text, doc.start, doc.title_end) if p.kind in ("town", "province")), None
        ) or _title_town(text, doc.start, doc.title_end)  # 'Kunduz and the long shadow of IS-K'
        ag.topic = title_groups[0] if title_groups else None
        doc_country = next(
            (p.country for p in find_places(text, doc.start, doc.title_end) if p.kind == "country"), None
        ) or _title_adjective_country(text[doc.start : doc.title_end])  # 'The Pakistani Taliban's new offensive'

        item_start = doc.start
        item_anchor = None  # the last day of the previous digest item
        heading_place = None
        lead_in = None  # (end, date) of the latest short sentence that dated no act of its own
        claimer = None  # the group of the last claim: 'the group' of a later sentence
        last_subject = None  # the group that opened the last sentence: 'It' of the next one
        excluded = byline_spans(text, doc.start, doc.end)
        pos = doc.title_end
        skipped.append(Skip("title or heading", text[doc.start : doc.title_end], doc.start, doc.title_end))
        for line in re.finditer(r"[^\n]+", text[pos : doc.end]):
            ls, le = pos + line.start(), pos + line.end()
            body = text[ls:le].strip()
            if (
                not body
                or body.startswith("#")
                or re.match(r"(?i)source link\b", body)
                or any(a <= ls < b for a, b in excluded)
            ):
                continue
            if not re.search(r"[.!?\"”’)]\s*$", body) or body.endswith("?"):
                bs = ls + (len(text[ls:le]) - len(text[ls:le].lstrip()))
                if doc.kind == "digest" and not body.endswith("?"):
                    # a digest item starts: its own groups and country ('Somalia: army says ...'), unless its
                    # heading names the town of the item before ('PALMA: Hotel convoy hit' after 'PALMA: Islamic
                    # State claims seizure of town'): the same story goes on, with its groups
                    new_home = item_place(body)  # 'BELEDWEYNE: Twin bombings kill 48': the item's own dateline
                    if not (new_home and home and new_home.name == home.name and item_start > doc.start):
                        ag, doc_groups, claimer, last_subject = ArticleGroups(), Counter(), None, None
                        ag.extra = []
                    item_country = _heading_country(body)
                    home = new_home
                    item_start = bs
                    item_anchor, anchor = anchor, None  # 'Hours earlier, ...' of the next item counts from it
                # a heading or question names the place of the section under it ('Who carried out the attack on
                # the shrine in Shiraz?'): the answer's events without a place of their own are there
                heading_place = next(
                    (
                        p
                        for p in find_places(text, bs, bs + len(body))
                        + _taken_towns(text, bs, bs + len(body), doc_country)
                        if p.kind in ("town", "province")
                    ),
                    None,
                )
                hg = [g for g in _actors(text, bs, bs + len(body)) if not g.is_state]
                for g in hg:
                    ag.add(resolve_actor(g.raw).actor)
                if hg and body.endswith("?"):
                    ag.last_subject = resolve_actor(hg[0].raw).actor  # 'Is ISKP getting stronger?': the answer's 'it'
                    ag.last_opener = "group"
                elif (
                    body.endswith("?")
                    and title_groups
                    and re.search(r"\bthe group\b|\bthe organi[sz]ation\b", body, re.I)
                ):
                    ag.last_subject = title_groups[0]  # 'Is the group finished?': the group of the article's title
                    ag.last_opener = "group"
                skipped.append(Skip("question" if body.endswith("?") else "title or heading", body, bs, bs + len(body)))
                continue
            dl = dateline_end(text, ls, le)
            for s, e, full in _clauses(text, sentences(text, ls, le)):
                sent = text[s:e]
                whole = text[full[0] : full[1]]
                wm = _WHEN_HISTORY.search(sent)
                fs = s + wm.end() if wm else s  # 'came in October 2022, when two car bombs exploded': the when-clause
                if (
                    wm is None
                    and (ca := _CAME_AFTER.search(sent))
                    and _event_pos(sent[ca.end() :]) < len(sent) - ca.end()
                ):
                    fs = s + ca.end()  # 'The killings came two days after troops arrested ...': the act after 'after'
                if adj := _AFTER_ADJUNCT.match(text[fs:e]):
                    fs += adj.end()  # 'A day after the bombing, troops killed ...': the adjunct's act is another's
                mentions = _actors(text, fs, e)
                groups = _specific_first([m for m in mentions if not m.is_state], when=None)
                for g in groups:
                    doc_groups[resolve_actor(g.raw).actor] += 1
                    ag.add(resolve_actor(g.raw).actor)
                if groups:
                    if groups[0].start - full[0] < 25 and full[0] == s:
                        last_subject = groups[0].raw
                        ag.last_subject = resolve_actor(groups[0].raw).actor
                        ag.last_opener = "group"
                for pm in _PERSON_OF.finditer(text, s, e):
                    # 'Bonomade Machude Omar, the most senior commander of the Islamic State's Mozambique branch'
                    g = next((x for x in groups if pm.end() <= x.start <= pm.end() + 12), None)
                    if g is not None:
                        for tok in pm.group(1).split():
                            if len(tok) > 3:
                                persons[tok] = resolve_actor(g.raw).actor
                st0 = [m for m in mentions if m.is_state]
                if (
                    st0
                    and st0[0].start - full[0] < 25
                    and full[0] == s
                    and not (groups and groups[0].start < st0[0].start)
                ):
                    ag.last_state, ag.last_opener = st0[0], "state"
                att = ATTRIBUTION.search(sent)
                if att and events and events[-1]["evidence"]["start"] >= max(item_start, doc.start):
                    named = _specific_first([g for g in _actors(text, s + att.end(), e) if not g.is_state])
                    if named:
                        credit_actor(
                            events[-1],
                            named[0].raw,
                            ag.named() + ag.extra,
                            sent,
                            "actor from the attribution that follows",
                        )
                        skipped.append(Skip("attribution of the previous event", sent, s, e))
                        continue
                claim = _CLAIM_OF_PREVIOUS.search(sent)
                if claim and (
                    _event_pos(sent[: claim.start()]) < claim.start()
                    or (
                        _date_marks(text, s, s + claim.start())
                        and re.search(
                            r"\b(?:kill|wound|injur|hit|struck|attack|bomb|explod)\w*", sent[: claim.start()], re.I
                        )
                    )
                ):
                    claim = None  # 'a drone struck ..., and the group claimed it': an act of its own
                if claim and groups and not _NO_CLAIM.search(sent):
                    claimer = groups[0].raw
                if (
                    claim
                    and events
                    and events[-1]["evidences"][0]["document"] == doc.title[:120]
                    and events[-1]["evidence"]["start"] >= item_start
                    and not _own_casualties(sent)
                ):
                    prev = events[-1]
                    if groups and not _NO_CLAIM.search(sent):
                        raw = groups[0].raw
                        if (
                            ag.topic
                            and _SAME_GROUP.search(sent)
                            and ag.topic in {resolve_actor(g.raw).actor for g in groups[1:]}
                        ):
                            # '... attributing them to its Central Africa Province, the label it uses for the ADF'
                            # in an article about the ADF: the article's own name for the group
                            raw = ag.topic
                        credit_actor(prev, raw, ag.named() + ag.extra, sent, "actor from the claim that follows")
                    if not _NO_CLAIM.search(sent):
                        prev["attribution"] = "claimed"
                        claimed_kind(prev, sent)
                    skipped.append(Skip("claim of the previous event", sent, s, e))
                    continue
                if (
                    _WHERE_IT_HAPPENED.search(sent)
                    and events
                    and events[-1]["evidences"][0]["document"] == doc.title[:120]
                    and not events[-1]["province"]
                    and last_event_end is not None
                    and 0 <= s - last_event_end
                    and "\n" not in text[last_event_end:s]
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
                        skipped.append(Skip("place of the previous event", sent, s, e))
                        last_event_end = e
                        continue
                pcs = _period_counts(
                    text, s, e, doc, groups or ([] if last_subject is None else None), last_subject, mentions
                )
                if pcs:
                    periods.extend(pcs)
                    skipped.append(Skip("period count", sent, s, e))
                    continue
                if _COUNT.search(sent):
                    skipped.append(Skip("count over a period", sent, s, e))
                    continue
                tsent = without_weapons(text[fs:e])
                lead = _WHEN_LEAD.match(tsent)
                tsent = tsent[lead.end() :] if lead else tsent  # 'When the Taliban seized Kabul ..., they executed'
                etype = event_type(tsent) or _press_type(tsent) or event_type(tsent, by_state=True)
                if etype is None:
                    skipped.append(Skip("no violent act", sent, s, e))
                    if len(sent.split()) <= 12 and "\n" not in text[s:e]:
                        # 'The army hit back on Tuesday.': a short lead-in that dates the act told next
                        lead_in = (e, _date_for(text, s, e, doc, anchor, None, month_anchor, latest))
                    continue
                why = non_event_reason(sent, has_group=bool(groups))
                if why == "hedged or planned" and _FUTURE_IN_PAST.match(sent) and _PAREN_DATE.search(sent):
                    why = None
                if why:
                    skipped.append(Skip(why, sent, s, e))
                    continue
                got = _date_for(text, s, e, doc, anchor, dl if dl and s <= dl <= e else None, month_anchor, latest)
                if (
                    got is None
                    and lead_in is not None
                    and isinstance(lead_in[1], tuple)
                    and lead_in[1][1] == "day"
                    and 0 <= s - lead_in[0] <= 3
                ):
                    got = (lead_in[1][0], "day", "from the sentence before")
                if got is None and item_anchor is not None and _HOURS_APART.match(sent):
                    # a digest item opening 'Hours earlier, ...': the day of the item told before it
                    got = (item_anchor, "day", "relative (hours from the item before)")
                if (
                    got is None
                    and events
                    and last_event_end is not None
                    and 0 <= s - last_event_end <= 3
                    and _follow_up(events[-1], text, s, e, etype)
                ):
                    skipped.append(Skip("details of the previous event", sent, s, e))
                    last_event_end = e
                    continue
                if got in (None, "after") and (old := _retold(events, doc, sent)) is not None:
                    # 'Nearly three weeks after a suicide bomber struck ... in western Kabul, killing at least 16':
                    # an earlier article's event, retold undated; 'eight days later' counts from it
                    anchor = date.fromisoformat(old["event_date"])
                    old["evidences"].append({"sentence": sent, "start": s, "end": e, "document": doc.title[:120]})
                    skipped.append(Skip("retold (duplicate of an earlier article's event)", sent, s, e))
                    continue
                if got == "after":
                    skipped.append(Skip("date after the publication date", sent, s, e))
                    continue
                if got is None:
                    skipped.append(Skip("no day or month (a bare year is not enough)", sent, s, e))
                    continue
                when, precision, how = got
                if precision == "day" and (latest is None or when > latest):
                    latest = when
                if precision == "day":
                    anchor = when
                month_anchor = when
                state = [m for m in mentions if m.is_state]
                act_at = fs + _event_pos(text[fs:e])
                by_state = (
                    bool(state)
                    and (not groups or state[0].start < groups[0].start)
                    and not _PASSIVE_VICTIM.match(text, state[0].end, e)  # 'Troops at X were targeted with drones'
                    and (
                        state[0].start < act_at
                        or state[0].start
                        <= act_at
                        < state[0].end  # 'Air force helicopters struck': the act word is the force's
                        or re.search(r"\bby\s+(?:an?\s+|the\s+)?$", text[max(s, state[0].start - 8) : state[0].start])
                        or re.match(
                            r"^\W*(?:In|During)\s+an?\s+(?:[\w-]+\s+)?(?:raid|operation)\b[^.;]*,\s*$",
                            text[fs : state[0].start],
                        )
                    )
                )
                governing = bool(
                    groups
                    and re.match(
                        r"\s+(?:security|intelligence|special)?\s*(?:forces|police|intelligence|security)\b",
                        text[groups[0].end : groups[0].end + 25],
                    )
                )  # 'Taliban security forces raided a hideout': a governing group's forces act as a state's
                etype = refine_type(tsent, sent, etype, by_state, governing)
                if etype is None:
                    skipped.append(Skip("no violent act", sent, s, e))
                    continue
                reason = []
                town, country, province_raw = event_place(
                    text,
                    s,
                    e,
                    fs,
                    dl,
                    mentions,
                    home,
                    item_country,
                    doc_country or _story_country(events, max(item_start, doc.start)),
                    heading_place or title_place,
                    reason,
                )
                if (
                    country is None
                    and re.search(r"later|after|earlier|next day|following day|day before|previous day", how)
                    and events
                    and events[-1]["evidence"]["start"] >= max(item_start, doc.start)
                ):
                    # 'Two days later, army commandos stormed the hostel': the story of the previous event goes on
                    country, province_raw = events[-1]["country"] or None, events[-1]["province_raw"]
                    reason.append("place from the previous event")
                actor_raw, counterpart, etype = event_actor(
                    text,
                    s,
                    e,
                    whole,
                    etype,
                    by_state,
                    state,
                    groups,
                    act_at,
                    when,
                    country,
                    ag=ag,
                    item_country=item_country,
                    home=home,
                    persons=persons,
                    claimer=claimer,
                    doc_groups=doc_groups,
                    last_subject=last_subject,
                    reason=reason,
                )
                if etype == "arrest/raid" and actor_raw == "unknown" and counterpart is None:
                    if not _NAMED_ARRESTEE.search(tsent):
                        # 'officials said 35 suspects had been detained in several provinces': nobody named
                        skipped.append(Skip("arrest with no named force, group or person", sent, s, e))
                        continue
                    if UNNAMED.search(sent):
                        counterpart = ag.resolve(canonical_country(country) or item_country)
                if (
                    by_state
                    and state
                    and actor_raw == state[0].raw
                    and not state[0].label
                    and (story := doc_country or _story_country(events, max(item_start, doc.start)))
                ):
                    # '• Tirah: Security forces killed eight TTP fighters ...' of a Pakistani digest: its state
                    actor_raw = f"Government of {canonical_country(story)}"
                    reason.append("state from the story's country")
                am = _actor(actor_raw, when)
                narrow = specialize(am.actor, canonical_country(country) or item_country, ag.named() + ag.extra)
                if narrow:
                    am = _actor(narrow, when)
                    if narrow != actor_raw:
                        reason.append("affiliate from the article")
                ev = event_record(
                    name, text, s, e, doc, got, am, actor_raw, counterpart, country, province_raw, town, etype, reason
                )
                dup = _duplicate(events, ev)
                if dup is not None:
                    dup["evidences"].append(ev["evidences"][0])
                    skipped.append(Skip("retold (duplicate of an earlier article's event)", sent, s, e))
                    continue
                events.append(ev)
                last_event_end = e
    for ev in events:
        # 'Islamic State' (or the pre-2022 Central Africa Province) acting in a country where one IS branch fights
        # is that branch, as in the weekly reports (branches.py)
        b = branch_actor(ev["actor"], ev["country"] or None, ev["province"], date.fromisoformat(ev["event_date"]))
        if b != ev["actor"]:
            ev["actor"] = b
    period = D.ReportPeriod(max((d.published for d in docs if d.published), default=None))
    from .tree import document

    return Extraction(events, periods, skipped, period, text, document(text))


def looks_like_press(text: str) -> bool:
    """True for pasted news: 'Source link' lines, a digest title, or a news-agency dateline ('KABUL, March 3
    (Reuters) -'). A 'Published ...' line alone is not enough (weekly reports print one too)."""
    return bool(
        re.search(r"(?im)^\s*Source link\b", text)
        or re.search(r"(?im)^\s*(?:Morning|Evening|Daily)\s+Digest\b", text)
        or re.search(r"(?m)^\s*[A-Z][A-Z .'-]{2,40},\s+\w+\.?\s+\d{1,2}\s+\((?:Reuters|AFP|AP)\)", text[:3000])
    )
