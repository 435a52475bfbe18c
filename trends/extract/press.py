"""Events from press analyses and pasted news articles (issue 13).

A file is split into articles (`documents.split_documents`); each sentence of an article is an event when it states
a violent act with a date of its own: a day ('on February 11'), a month with a year ('In June 2015', 'the January
twin bombings'), or a relative date resolved against the article's publication date ('on Sunday', 'last week',
'a year ago', 'six days later'; `relative.find_relative`). A bare year is not enough. Questions, headings, titles,
captions, bylines, natural disasters, accidents, epidemics, hedged, negated and planned actions are skipped with a
reason. Casualty numbers keep their bounds as written ('more than 46,000', 'about 75', 'at least 16'). An event
retold by two articles of the same file is written once, with both evidences.

Stages, one module each: `documents` (articles and their dates), `press_dates` (the date of a sentence and its
dated clauses), `press_acts` (the act, non-events, casualty bounds), `press_kinds` (the act's kind once its agent
is known), `press_actors` (who did it), `press_places` (where), `press_merge` (claims, follow-ups, retellings,
period counts, the event row); this module runs them in order over each article.
"""

from __future__ import annotations

import re
from datetime import date

from . import dates as D
from .backrefs import RECALLED
from .branches import branch_actor
from .coref import UNNAMED, specialize
from .documents import dateline_end, split_documents
from .event_types import event_type
from .parse import Extraction, Skip
from .places import canonical_country, canonical_province
from .press_actors import (
    _NAMED_ARRESTEE,
    _actor,
    _actors,
    _specific_first,
    event_actor,
    government_of,
)
from .press_acts import (
    _AFTER_ADJUNCT,
    _FUTURE_IN_PAST,
    _WHEN_HISTORY,
    _WHEN_LEAD,
    _event_pos,
    _press_type,
    casualty_bounds,
    non_event_reason,
)
from .press_article import Article
from .press_cast import cast_article
from .press_claims import link_claims
from .press_dates import _CAME_AFTER, _PAREN_DATE, _clauses, _date_for, named_act_anchor
from .press_forces import acts_as_state, agent_forces, governing_forces
from .press_kinds import refine_type, without_weapons
from .press_merge import _COUNT, _NO_CLAIM, _claimed_here, _duplicate, _follow_up, _retold, event_record
from .press_periods import _period_counts
from .press_places import _story_country, event_place
from .press_previous import to_previous
from .press_sequence import STEP_ADJUNCT, counted_before, drop_summary, sequence_place, step_kind, step_of
from .press_sites import quarter_city, refined_province, site_place
from .press_split import split_acts
from .press_targets import per_target
from .press_theatre import settle_actors
from .press_told import absorb, claimed_attack, dated_by, day_from_told, retell, same_story, told_undated, week_summary
from .segment import sentences

__all__ = ["extract_press", "looks_like_press", "casualty_bounds", "non_event_reason"]


#: a first-level unit named only by its type word: 'across the province', 'in the same region'
_THE_UNIT = re.compile(r"\b(?:across|in|throughout|around)\s+the\s+(?:same\s+)?(?:province|region|state|governorate)\b")
#: a short line that ends with a parenthesis and no full stop ('Balochistan – train hijacking (BLA)'): a heading
_PAREN_HEADING = re.compile(r"^(?=(?:\S+\s+){0,9}\S+$)[^.!?]*\([^().!?]{1,40}\)$")
_HOURS_APART = re.compile(r"^\W*(?:(?:a few|several|some|\d+|two|three)\s+)?hours\s+(?:earlier|later)\b", re.I)
#: 'It was not clear who planted the roadside bomb ...': the text names nobody for the act
_WHO_UNKNOWN = re.compile(
    r"\b(?:was|is|remains|remained)\s+(?:still\s+)?(?:not\s+(?:yet\s+|immediately\s+)?(?:clear|known)|unclear|unknown)"
    r"\s+who\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: 'About an hour later, a woman suicide bomber blew herself up ...': the next act of the story, the same day
_SOON_AFTER = re.compile(
    r"^\W*(?:(?:about|some|nearly|less than|barely)\s+)?(?:an?\s+(?:half[- ]hour|hour|few\s+(?:minutes|hours)|short time)"
    r"|half an hour|minutes|moments|(?:\d+|two|three|several|twenty|thirty)\s+(?:minutes|hours))\s+(?:later|afterwards?)\b"
    r"|^\W*(?:Shortly|Soon)\s+(?:afterwards?|after that|thereafter)\b"
    # 'Within the same hour, gunmen stormed ...', 'In the same half hour': the same stretch of time as the act before
    r"|^\W*(?:Within|In)\s+(?:the\s+same|that|the\s+next|an?|half\s+an)\s+(?:half[- ])?(?:hour|minutes?)\b",
    re.I,
)
#: 'Three men inside the house then detonated explosives' (after a raid told on Friday): a new subject's act told as
#: the sequel of the act before, the same day; a subject that refers back ('The gunmen then went room to room',
#: 'They then burned the church') tells more of the same act, and 'X said that ... then' is another's account
_SEQUEL = re.compile(
    r"^\W*(?!(?:The|They|He|She|It|Its|Their|These|Those|This|That|Then)\b)(?:(?!(?:that|said|says|told)\b)"
    r"[\w'’-]+\s+){1,7}?then\s+(?!(?:said|says|told|added|reported|claimed|announced|denied|blamed|accused)\b)(?=[a-z])"
)


def extract_press(text: str, name: str = "press", *, published: date | None = None) -> Extraction:
    """Events of a file of pasted articles (or one article, with `published`). Period counts are not read here."""
    events: list[dict] = []
    periods: list = []
    skipped: list[Skip] = []
    docs = split_documents(text, published)
    for doc in docs:
        art, n0, k0 = Article.open(text, doc), len(events), len(skipped)
        _article(text, name, art, events, periods, skipped)
        heads = [(k.start, k.end) for k in skipped[k0 + 1 :] if k.reason == "title or heading"]
        cast_article(text, art, events[n0:], heads)
        events[n0:] = link_claims(text, art, events[n0:])
        settle_actors(text, art, events[n0:])
        events[n0:] = per_target(events[n0:])  # 'the Shangri-La, Cinnamon Grand and Kingsbury hotels': three acts
    for ev in events:
        # 'Islamic State' (or the pre-2022 Central Africa Province) acting in a country where one IS branch fights
        # is that branch, as in the weekly reports (branches.py)
        b = branch_actor(ev["actor"], ev["country"] or None, ev["province"], date.fromisoformat(ev["event_date"]))
        if b != ev["actor"]:
            ev["actor"] = b
        if (
            ev["actor"] == "unknown"
            and ev["attribution"] == "claimed"
            and not _claimed_here(ev["evidence"]["sentence"])
        ):
            # a claim names its claimer: an act whose author stays unknown, with no claim in its own sentence, was
            # reported, not claimed (a claim told beside it was another act's)
            ev["attribution"] = "reported"
    period = D.ReportPeriod(max((d.published for d in docs if d.published), default=None))
    from .tree import document

    return Extraction(events, periods, skipped, period, text, document(text))


def _article(text: str, name: str, art: Article, events: list, periods: list, skipped: list) -> None:
    """Read the body lines of one article: headings and questions update its state, each clause of a sentence
    goes through the sentence stages."""
    doc = art.doc
    pos = doc.title_end
    skipped.append(Skip("title or heading", text[doc.start : doc.title_end], doc.start, doc.title_end))
    for line in re.finditer(r"[^\n]+", text[pos : doc.end]):
        ls, le = pos + line.start(), pos + line.end()
        body = text[ls:le].strip()
        if (
            not body
            or body.startswith("#")
            or re.match(r"(?i)source link\b", body)
            or any(a <= ls < b for a, b in art.excluded)
        ):
            continue
        # a footnote mark after the full stop ('... an attack Islamic State claimed.¹') still ends a sentence
        if (
            not re.search(r"[.!?\"”’)](?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\])?\s*$", body)
            or body.endswith("?")
            or _PAREN_HEADING.match(body)
        ):
            bs = ls + (len(text[ls:le]) - len(text[ls:le].lstrip()))
            art.heading(text, bs, body)
            if body.endswith("?"):
                # 'What happened near Kalat on Sunday?': the day the question names dates the answer's act, as a
                # short lead-in sentence does
                art.lead_in = (bs + len(body), _date_for(text, bs, bs + len(body), doc, None, None, None, art.latest))
            skipped.append(Skip("question" if body.endswith("?") else "title or heading", body, bs, bs + len(body)))
            continue
        dl = dateline_end(text, ls, le)
        for s, e, full in split_acts(text, _clauses(text, sentences(text, ls, le))):
            _clause(text, name, s, e, full, dl, art, events, periods, skipped)


def _clause(
    text: str, name: str, s: int, e: int, full: tuple, dl, art: Article, events: list, periods: list, skipped: list
) -> None:
    """One clause text[s:e] of the sentence `full`: an event appended to `events`, or a Skip with its reason."""
    doc = art.doc
    sent = text[s:e]
    whole = text[full[0] : full[1]]
    wm = _WHEN_HISTORY.search(sent)
    fs = s + wm.end() if wm else s  # 'came in October 2022, when two car bombs exploded': the when-clause
    if wm is None and (ca := _CAME_AFTER.search(sent)) and _event_pos(sent[ca.end() :]) < len(sent) - ca.end():
        fs = s + ca.end()  # 'The killings came two days after troops arrested ...': the act after 'after'
    if adj := _AFTER_ADJUNCT.match(text[fs:e]):
        fs += adj.end()  # 'A day after the bombing, troops killed ...': the adjunct's act is another's
    elif adj := STEP_ADJUNCT.match(text[fs:e]):
        fs += adj.end()  # 'Minutes after the first blast, gunmen sprayed ...': the step before is another act
    mentions = _actors(text, fs, e)
    groups = _specific_first([m for m in mentions if not m.is_state], when=None)
    art.note(text, s, e, full, groups, mentions)
    why = to_previous(text, s, e, art, events, groups)
    if why:
        skipped.append(Skip(why, sent, s, e))
        return
    pcs = _period_counts(
        text,
        s,
        e,
        doc,
        groups or ([] if art.last_subject is None else None),
        art.last_subject,
        mentions,
        canonical_country(art.doc_country or _story_country(events, art.story_start()) or "") or None,
    )
    if pcs:
        periods.extend(pcs)
        skipped.append(Skip("period count", sent, s, e))
        return
    if _COUNT.search(sent):
        skipped.append(Skip("count over a period", sent, s, e))
        return
    tsent = without_weapons(text[fs:e])
    lead = _WHEN_LEAD.match(tsent)
    tsent = tsent[lead.end() :] if lead else tsent  # 'When the Taliban seized Kabul ..., they executed'
    etype = event_type(tsent) or _press_type(tsent) or event_type(tsent, by_state=True)
    if etype is None:
        skipped.append(Skip("no violent act", sent, s, e))
        if len(sent.split()) <= 12 and "\n" not in text[s:e]:
            # 'The army hit back on Tuesday.': a short lead-in that dates the act told next
            art.lead_in = (e, _date_for(text, s, e, doc, art.anchor, None, art.month_anchor, art.latest))
        return
    why = non_event_reason(sent, has_group=bool(groups))
    if why == "hedged or planned" and _FUTURE_IN_PAST.match(sent) and _PAREN_DATE.search(sent):
        why = None
    if why:
        if why.startswith("several acts"):
            # 'Separatists launched a wave of coordinated attacks ... early on Monday': the paragraphs next tell
            # that day's acts one by one, undated
            day = _date_for(text, s, e, doc, art.anchor, dl if dl and s <= dl <= e else None, None, art.latest)
            art.wave_lead = (e, day[0]) if isinstance(day, tuple) and day[1] == "day" else None
        skipped.append(Skip(why, sent, s, e))
        return
    anchor = named_act_anchor(sent, events, doc.start, art.anchor)
    got = _date_for(text, s, e, doc, anchor, dl if dl and s <= dl <= e else None, art.month_anchor, art.latest)
    lead_in = art.lead_in
    if (
        got is None
        and lead_in is not None
        and isinstance(lead_in[1], tuple)
        and lead_in[1][1] == "day"
        and 0 <= s - lead_in[0] <= 3
    ):
        got = (lead_in[1][0], "day", "from the sentence before")
    if got is None and art.wave_lead is not None and _told_next(text, art.wave_lead[0], s):
        got = (art.wave_lead[1], "day", "the day of the lead that sums up the day's acts")
    elif got is not None:
        art.wave_lead = None
    if got is None and events:
        got = day_from_told(events, doc, sent)  # 'Two days before the bombing, troops killed 11 militants ...'
    if got is None and s > full[0] and events and full[0] <= events[-1]["evidence"]["start"] < s:
        # '...near Markada on October 3; in Dhiban, a grenade wounded three': a second act cut from a dated
        # sentence (press_split) shares the day of the act before it
        prev = events[-1]
        got = (date.fromisoformat(prev["event_date"]), prev["date_precision"], "from the clause before")
    if (
        got is None
        and (
            _SOON_AFTER.match(sent)
            or step_of(sent)  # 'Minutes after the first blast, gunmen sprayed ...': the next step of the sequence
            or ((sq := _SEQUEL.match(sent)) and sq.end() <= _event_pos(sent) <= sq.end() + 30)
        )
        and not _YEAR.search(sent)  # 'In 2014 the group then seized Mosul': a time of its own
        and events
        and art.last_event_end is not None
        and 0 <= s - art.last_event_end <= 800
        and events[-1]["evidence"]["start"] >= art.story_start()
        and events[-1]["date_precision"] == "day"
    ):
        got = (date.fromisoformat(events[-1]["event_date"]), "day", "relative (soon after the act before)")
    if got is None and art.item_anchor is not None and _HOURS_APART.match(sent):
        # a digest item opening 'Hours earlier, ...': the day of the item told before it
        got = (art.item_anchor, "day", "relative (hours from the item before)")
    if (
        got is None
        and events
        and art.last_event_end is not None
        and 0 <= s - art.last_event_end <= 3
        and _follow_up(events[-1], text, s, e, etype)
    ):
        skipped.append(Skip("details of the previous event", sent, s, e))
        art.last_event_end = e
        return
    if (got in (None, "after") or (isinstance(got, tuple) and RECALLED.search(sent))) and (
        old := _retold(events, doc, sent, got[0] if isinstance(got, tuple) else None)
    ) is not None:
        # 'Nearly three weeks after a suicide bomber struck ... in western Kabul, killing at least 16': an earlier
        # article's event, retold undated; 'eight days later' counts from it
        art.anchor = date.fromisoformat(old["event_date"])
        old["evidences"].append({"sentence": sent, "start": s, "end": e, "document": doc.title[:120]})
        skipped.append(Skip("retold (duplicate of an earlier article's event)", sent, s, e))
        return
    if got == "after":
        skipped.append(Skip("date after the publication date", sent, s, e))
        return
    if got is None and (told := told_undated(events, doc.title[:120], sent, etype)) is not None:
        retell(
            told,
            {"event_type": etype, "evidences": [{"sentence": sent, "start": s, "end": e, "document": doc.title[:120]}]},
        )
        skipped.append(Skip("retold (the act the story told just before)", sent, s, e))
        art.last_event_end = e
        return
    if (
        got is None
        and events
        and events[-1]["evidence"]["start"] >= art.story_start()
        and (pr := refined_province(events[-1], text, s, e))
    ):
        # 'The blast tore through a service area ... in Babil province' after '... south of Baghdad on Thursday'
        events[-1]["province_raw"] = pr
        events[-1]["province"] = canonical_province(events[-1]["country"], pr)
    if got is None:
        skipped.append(Skip("no day or month (a bare year is not enough)", sent, s, e))
        return
    when, precision, how = got
    if precision == "day" and (art.latest is None or when > art.latest):
        art.latest = when
    if precision == "day":
        art.anchor = when
    art.month_anchor = when
    state = agent_forces(text, mentions)
    act_at = fs + _event_pos(text[fs:e])
    by_state = acts_as_state(text, s, e, fs, act_at, state, groups)
    etype = refine_type(tsent, sent, etype, by_state, governing_forces(text, groups))
    if etype is None:
        skipped.append(Skip("no violent act", sent, s, e))
        return
    reason: list[str] = []
    story = art.doc_country or _story_country(events, art.story_start())
    # '... were killed on Wednesday in revenge for the deaths of IS leaders in Syria': the motive's place is another's
    motive = _MOTIVE.search(text, act_at, e)
    pe = motive.start() if motive else e
    town, country, province_raw = event_place(
        text, s, pe, fs, dl, mentions, art.home, art.item_country, story, art.heading_place or art.title_place, reason
    )
    same_area = re.search(r"\b(?:in|near|around)\s+the\s+same\s+(?:area|region|district|zone|place)\b", sent, re.I)
    if (
        (country is None or "place from the heading or title" in reason or same_area)
        and (re.search(r"later|after|earlier|next day|following day|day before|previous day", how) or same_area)
        and events
        and events[-1]["evidence"]["start"] >= art.story_start()
        and (country is None or events[-1]["province_raw"])
    ):
        # 'Two days later, army commandos stormed the hostel': the story of the previous event goes on (its place
        # beats the title's)
        country, province_raw = events[-1]["country"] or None, events[-1]["province_raw"]
        if "place from the heading or title" in reason:
            reason.remove("place from the heading or title")
        reason.append("place from the previous event")
    if (
        "place from the dateline" in reason
        and story
        and canonical_country(story) != canonical_country(country)
        and events
        and events[-1]["evidence"]["start"] >= art.story_start()
        and events[-1]["province_raw"]
        and canonical_country(events[-1]["country"]) == canonical_country(story)
        and not any(
            canonical_country(ev["country"]) == canonical_country(country)
            for ev in events
            if ev["evidence"]["start"] >= art.story_start()
        )
    ):
        # a story filed from BEIRUT about Syria, none of whose acts was in Lebanon: a sentence that names no place
        # goes on in the story's country and place, not the reporter's city
        country, province_raw = events[-1]["country"], events[-1]["province_raw"]
        reason.remove("place from the dateline")
        reason.append("place from the previous event")
    if (
        country is None
        and _THE_UNIT.search(sent)
        and events
        and events[-1]["evidence"]["start"] >= art.story_start()
        and events[-1]["province_raw"]
    ):
        # '... killed 21 militants in clearance operations across the province on Monday': the province of the
        # story's previous event
        country, province_raw = events[-1]["country"] or None, events[-1]["province_raw"]
        reason.append("place from the previous event")
    if (
        (country is None or "place from the heading or title" in reason)
        and step_of(sent)
        and (sp := sequence_place(events, doc.title[:120], when.isoformat())) is not None
    ):
        # 'The first explosion came outside the stadium' after 'last Friday's attacks in the capital': the place of
        # the attack the sequence tells
        country, province_raw = sp["country"] or None, sp["province_raw"]
        if "place from the heading or title" in reason:
            reason.remove("place from the heading or title")
        reason.append("place of the attack the sequence tells")
    if (q := quarter_city(text, town, s, story)) is not None:
        country, province_raw = q  # 'In Mosul, ...: ... in the Karama neighborhood': Mosul's quarter
        reason.append("place of the city the paragraph opens with")
    by_title = "place from the heading or title" in reason
    if (province_raw is None or by_title) and (
        site := site_place(text, fs, e, art.story_start(), country or story, mentions)
    ):
        if country is None or by_title or canonical_country(country) == canonical_country(site[0]):
            # 'Army commandos stormed the café': the place the story named the café with (not the title's)
            country, province_raw = site
            if by_title:
                reason.remove("place from the heading or title")
            reason.append("place of the site named before")
    ag = art.ag
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
        item_country=art.item_country,
        home=art.home,
        persons=art.persons,
        claimer=art.claimer,
        doc_groups=art.doc_groups,
        last_subject=art.last_subject,
        reason=reason,
    )
    if (
        not groups
        and not by_state
        and actor_raw != "unknown"
        and (
            _WHO_UNKNOWN.search(sent)
            or (
                # '... No group claimed the killing, which the SDF blamed on IS cells.': the group blamed for it stays
                not ("actor from the next sentence" in reason and _BLAMED_ON.match(text, e, e + 300))
                # '..., killing 45; officials again blamed the group, which has not claimed either attack'
                and "actor blamed in the sentence" not in reason
                and (
                    _NO_CLAIM.search(sent)
                    or _NO_CLAIM.match(text, e + len(text[e : e + 4]) - len(text[e : e + 4].lstrip()))
                )
            )
        )
    ):
        # 'Gunmen shot dead two vigilantes ...; no group has claimed the attack' (or '... No group claimed that
        # attack.' next), 'It was not clear who planted the bomb ...': nobody named, nobody claimed
        actor_raw = "unknown"
        reason.append("no group claimed it")
    if etype == "arrest/raid" and actor_raw == "unknown" and counterpart is None:
        if not _NAMED_ARRESTEE.search(tsent):
            # 'officials said 35 suspects had been detained in several provinces': nobody named
            skipped.append(Skip("arrest with no named force, group or person", sent, s, e))
            return
        if UNNAMED.search(sent):
            counterpart = ag.resolve(canonical_country(country) or art.item_country)
    if (
        by_state
        and state
        and actor_raw == state[0].raw
        and not state[0].label
        and (story := art.doc_country or _story_country(events, art.story_start()))
    ):
        # '• Tirah: Security forces killed eight TTP fighters ...' of a Pakistani digest: its state
        actor_raw = government_of(story)
        reason.append("state from the story's country")
    if (
        actor_raw == "unknown"
        and _KILLED_WHEN.search(sent)
        and (coref := ag.resolve(canonical_country(country) or art.item_country))
    ):
        # 'Three soldiers were killed on Wednesday when the militants rammed two car bombs into ...': the agent of
        # the when-clause is the article's group
        actor_raw = coref
        reason.append("actor from the group the article names")
    if (
        (actor_raw == "unknown" or "actor from the group the article names" in reason)
        and ((more := _ONE_MORE.match(sent)) or step_of(sent))
        and (prev := next((x for x in reversed(events) if x["evidence"]["start"] >= art.story_start()), None))
        and prev["actor"] != "unknown"
    ):
        # 'Another strike on February 10 killed ...', 'About an hour later, a second car bomb went off', 'At 9.40pm a
        # third attacker ...': one more act (one more step of the sequence) by the author of the act told before
        actor_raw = prev["actor_raw"] if prev["actor_raw"] != "unknown" else prev["actor"]
        reason[:] = [r for r in reason if r != "actor from the group the article names"]
        reason.append("actor from the act told before")
        if etype == "attack" and more and re.search(r"strike", more.group(), re.I) and "strike" in prev["event_type"]:
            etype = prev["event_type"]  # 'Another strike' after an air strike: an air strike
    prev = next((x for x in reversed(events) if x["evidence"]["start"] >= art.story_start()), None)
    etype = step_kind(sent, etype, prev)  # 'A third bomber struck the church' after two suicide bombings
    if prev is not None and town is None and counted_before(sent, prev["evidence"]["sentence"]):
        # 'The second blast went off as ambulances gathered' after 'Two car bombs tore through the junction'
        prev["evidences"].append({"sentence": sent, "start": s, "end": e, "document": doc.title[:120]})
        skipped.append(Skip("details of the previous event", sent, s, e))
        art.last_event_end = e
        return
    am = _actor(actor_raw, when)
    narrow = specialize(am.actor, canonical_country(country) or art.item_country, ag.named() + ag.extra)
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
        return
    if (summary := week_summary(events, ev)) is not None:
        dated_by(summary, ev)
        skipped.append(Skip("the day of an act the article summed up by its week", sent, s, e))
        art.last_event_end = e
        return
    told = same_story(events, ev, sent)
    if told is not None:
        retell(told, ev)
        skipped.append(Skip("retold (the act the story told just before)", sent, s, e))
        art.last_event_end = e
        return
    claim = claimed_attack(events, ev)
    if claim is not None:
        absorb(claim, ev)
        skipped.append(Skip("the attack of the claim told before", sent, s, e))
        art.last_event_end = e
        return
    if step_of(sent) and (ev["fatalities"] is not None or ev["wounded"] is not None):
        drop_summary(events, ev, art.story_start())  # 'claimed two car bombs that killed 30', then each bomb
    events.append(ev)
    art.last_event_end = e


_MOTIVE = re.compile(r"\b(?:in\s+(?:revenge|retaliation|reprisal)\s+for|to\s+avenge)\b", re.I)
_KILLED_WHEN = re.compile(
    r"\b(?:were|was)\s+(?:killed|wounded|injured|hurt)\b[^.;]{0,80}?\bwhen\s+the\s+(?:militants|insurgents|jihadists"
    r"|extremists|group)\b",
    re.I,
)
#: 'Another strike ...', 'Minutes later, a second car bomb ...': one more act of the kind just told
_ONE_MORE = re.compile(
    r"^\W*(?:[^,.;]{1,40},\s*)?(?:another|a\s+(?:second|third|fourth|further))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:strikes?|air\s*strikes?|raids?|attacks?|bombings?|bombs?|blasts?|explosions?|ambush|suicide\s+bombers?)\b",
    re.I,
)


#: a blame that attributes the act ('which the SDF blamed on IS cells', 'but an official blamed Boko Haram'), not one
#: traded between rivals or spread over many ('local factions blamed HTS and each other', 'elders blame everyone from
#: IS cells to agents of Damascus')
_BLAMED_ON = re.compile(
    r"[.!?]?(?:(?!\beach\s+other\b|\bone\s+another\b|\beveryone\b|\beverybody\b)[^.])*?\b(?:blamed|blame|attribut(?:ed|e|es)\s+(?:it\s+|them\s+|the\s+\w+\s+)?to)\b"
    r"(?:(?!\beach\s+other\b|\bone\s+another\b|\beveryone\b|\beverybody\b)[^.])*[.!?]",
    re.I,
)


def _told_next(text: str, lead_end: int, s: int) -> bool:
    """True when text[s:] is told in one of the next three paragraphs after a lead ending at `lead_end` (the rest
    of the lead's own paragraph sums up too: 'The BLA claimed the attacks'), with no heading or list item between."""
    between = text[lead_end:s]
    return 1 <= between.count("\n\n") <= 3 and not re.search(
        r"\n\s*(?:[-•*]|\d+\.)\s|\n[^\n]*[^.!?\"”’)\s]\s*\n", between
    )


_AGENCY = r"(?:Reuters|AFP|AP|Associated Press|Xinhua|Anadolu|dpa|UPI|VOA|PTI|IANS)"
# A news agency's dateline opens the article's first paragraph: 'KABUL, March 3 (Reuters) -', 'BAGHDAD (AP) —',
# 'PESHAWAR, Pakistan (AP) —'.
_AGENCY_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Za-z .'-]{1,40}(?:,[ \t]+[A-Z][A-Za-z .'-]{1,30})?(?:,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,?[ \t]+(?:19|20)\d\d)?)?"
    r"[ \t]+\(" + _AGENCY + r"\)[ \t]*[-—–:]"
)
# A byline and a dated 'Published'/'Updated' line near the top are a news article's, unless the page is one of the
# weekly reports (which print a date line too, and sometimes their authors).
_BYLINE = re.compile(r"(?m)^[ \t]*(?:By|BY)[ \t]+[A-Z][A-Za-z.'-]+[ \t]+[A-Z]")
_STAMP = re.compile(r"(?im)^[ \t]*(?:Published|Updated|Posted)\b[^\n]*\b(?:19|20)\d\d\b")
_WEEKLY = re.compile(r"(?i)Spotlight on Global Jihad|Movement Update|Key Takeaways|Main Points")


def looks_like_press(text: str) -> bool:
    """True for pasted news: 'Source link' lines, a digest title, a news-agency dateline ('KABUL, March 3
    (Reuters) -', 'BAGHDAD (AP) —'), or a byline with a dated 'Published' line on a page that is not a weekly
    report. A 'Published ...' line alone is not enough (weekly reports print one too)."""
    head = "\n".join(text[:3000].splitlines()[:15])  # the top of the page only (a file may be megabytes)
    return bool(
        re.search(r"(?im)^\s*Source link\b", text)
        or re.search(r"(?im)^\s*(?:Morning|Evening|Daily)\s+Digest\b", text)
        or _AGENCY_DATELINE.search(text[:3000])
        or (_BYLINE.search(head) and _STAMP.search(head) and not _WEEKLY.search(text[:5000]))
    )
