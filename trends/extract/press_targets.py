"""One act per target when a sentence tells attackers striking several named targets at once ('suicide bombers set
off explosives in the breakfast halls of the Shangri-La, Cinnamon Grand and Kingsbury hotels'): each target is
an attack of its own, as each church of a series told one by one is. A count of targets ('three churches and
three hotels') names none and stays one act (a lede's summary); the casualties, not split by target, are left
unknown unless the sentence gives them 'each'."""

from __future__ import annotations

import re

from .press_merge import event_id

_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_TARGETS = (
    r"hotels|churches|cathedrals|mosques|shrines|temples|synagogues|schools|universities|markets|hospitals"
    r"|embassies|prisons|restaurants|cafés|cafes|banks|stations"
)
#: 'the Shangri-La, Cinnamon Grand and Kingsbury hotels', 'the al-Nour and Linwood mosques'
_LISTED = re.compile(
    rf"\bthe\s+(?P<items>(?:{_NAME}|al-\w+|el-\w+)(?:,\s+(?:{_NAME}|al-\w+|el-\w+))*,?\s+and\s+(?:{_NAME}|al-\w+|el-\w+))"
    rf"\s+(?P<noun>{_TARGETS})\b"
)
#: the doers are several: 'suicide bombers', 'gunmen', 'militants', 'attackers'
_PLURAL_DOERS = re.compile(r"\b(?:bombers|gunmen|attackers|assailants|militants|fighters|insurgents|jihadists)\b", re.I)


def listed_targets(sent: str) -> list[str]:
    """The named targets a sentence's several attackers struck at once, or [] (one target, or a count)."""
    m = _LISTED.search(sent)
    if m is None or not _PLURAL_DOERS.search(sent[: m.start()]):
        return []
    return [x.strip() for x in re.split(r",\s+(?:and\s+)?|\s+and\s+", m["items"]) if x.strip()]


def per_target(events: list[dict]) -> list[dict]:
    """`events` with each event whose sentence lists several named targets told as one event per target."""
    out = []
    for ev in events:
        targets = listed_targets(ev["evidence"]["sentence"])
        if len(targets) < 2:
            out.append(ev)
            continue
        each = re.search(r"\beach\b", ev["evidence"]["sentence"], re.I)
        for t in targets:
            row = dict(ev, event_id=event_id(ev["event_id"], t), casualties_note=f"target: {t}")
            if not each:
                for k in ("fatalities", "fatalities_low", "fatalities_high", "fatalities_qualifier", "wounded"):
                    row[k] = None
                row["wounded_qualifier"] = None
            out.append(row)
    return out
