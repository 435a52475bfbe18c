"""Whether a press sentence's state force is the agent of its act (not its victim, not a reporter of another's act),
and whether a governing group's forces act as a state's."""

from __future__ import annotations

import re

#: a reporting verb with its 'that' complement: what follows is told by its subject, not done by it
_REPORTS_THAT = re.compile(
    r"\b(?:recall(?:ed|s)?|remember(?:ed|s)?|sa(?:id|y|ys)|not(?:ed|es)|insist(?:ed|s)?|argue[ds]?|claim(?:ed|s)?"
    r"|boast(?:ed|s)?|confirm(?:ed|s)?|announc(?:ed|es))"
    # 'AQAP said on Tuesday that its leader had been killed in a U.S. drone strike': a day or a channel between
    r"(?:\s+(?!that\b)[\w'’,-]+){0,5}?\s+that\b",
    re.I,
)
#: a force that is the subject of a passive act is its victim ('Troops at Wajiroko, in Damboa, were targeted')
_PASSIVE_VICTIM = re.compile(
    r"[^.;]{0,80}?\b(?:was|were|had been|have been|has been)\s+(?:\w+ly\s+)?(?:targeted|attacked|ambushed|hit"
    r"|struck|shelled|bombed|overrun|besieged|killed|wounded|injured|abducted|kidnapped|captured|shot|gunned\s+down"
    r"|assassinated|beheaded|executed|murdered|blown\s+up|stabbed)\b",
    re.I,
)


#: a force told in a list's or headline's short passive, with no auxiliary: '- June 3: five SDF fighters shot dead at
#: a checkpoint near Busayrah' (the victims; an agent would have an object, not a place, after the verb)
_HEADLINE_VICTIM = re.compile(
    r"(?:\s+(?:fighters|soldiers|troops|members|policemen|officers|personnel|guards))?\s+(?:shot\s+dead|gunned\s+down"
    r"|killed|wounded|injured|abducted|kidnapped|beheaded|executed)\s+(?:at|in|near|on|while|when|outside|inside)\b",
    re.I,
)


#: a force that names a site ('held at a counter-terrorism department compound', 'outside a police station'): a place,
#: not an agent
_SITE = re.compile(
    r"\s+(?:compound|headquarters|station|post|base|cent(?:er|re)|office|building|checkpoint|barracks|jail|prison"
    r"|facility|academy|lock-?up|cells?)s?\b",
    re.I,
)


def agent_forces(text: str, mentions: list) -> list:
    """The state forces of a clause's mentions that can act: not those that only name a site."""
    return [m for m in mentions if m.is_state and not _SITE.match(text, m.end)]


def acts_as_state(text: str, s: int, e: int, fs: int, act_at: int, state: list, groups: list) -> bool:
    """True when the first state force of the clause text[fs:e] (sentence from `s`) is the agent of its act at
    `act_at`: named before the act and before any group, the act word its own ('Air force helicopters struck'),
    after 'by', or the subject after 'In a raid, ...'; never the subject of a passive act."""
    return (
        bool(state)
        and (
            not groups
            or state[0].start < groups[0].start
            # 'HTS leaders like to recall that ... US special forces raided a compound': the group reports what
            # the force did
            or bool(_REPORTS_THAT.search(text, groups[0].end, state[0].start))
        )
        and not _PASSIVE_VICTIM.match(text, state[0].end, e)  # 'Troops at X were targeted with drones'
        and not _HEADLINE_VICTIM.match(text, state[0].end, e)  # '- June 3: five SDF fighters shot dead at a checkpoint'
        # 'Police blamed al-Shabaab for the attack': the force tells who did it
        and not re.match(r"\s+(?:\w+\s+)?(?:blamed|accused|attributed)\b", text[state[0].end : e])
        # 'soldiers repelled an attack by Boko Haram fighters': the group is the agent of the act noun
        and not (
            groups
            and re.search(r"\b(?:attack|assault|ambush|offensive)\s+by\s+(?:the\s+)?$", text[s : groups[0].start])
        )
        and bool(
            state[0].start < act_at
            or state[0].start <= act_at < state[0].end  # 'Air force helicopters struck': the act word is the force's
            # 'warplanes of the Saudi-led coalition struck ...': the force owns the aircraft the act word names
            or re.search(
                r"\b(?:warplanes|jets|aircraft|planes|drones?|helicopters|gunships|troops|forces|soldiers|artillery)\s+"
                r"(?:of|from)\s+(?:the\s+)?$",
                text[max(s, state[0].start - 30) : state[0].start],
                re.I,
            )
            or (
                re.search(r"\bby\s+(?:an?\s+|the\s+)?$", text[max(s, state[0].start - 8) : state[0].start])
                # 'an area controlled by Syrian government forces', 'a militia backed by the army': whose the place
                # or the ally is, not who acted
                and not re.search(
                    r"\b(?:controlled|held|run|backed|supported|led|operated|owned|guarded|manned|secured)\s+by\s+"
                    r"(?:an?\s+|the\s+)?$",
                    text[max(s, state[0].start - 20) : state[0].start],
                )
            )
            # 'was killed in a U.S. drone strike': the force's own strike or raid is the act the victim died in
            or (
                re.search(r"\b(?:in|during)\s+(?:an?\s+|the\s+)?$", text[max(s, state[0].start - 10) : state[0].start])
                and (
                    re.search(r"(?:strikes?|raids?)$", state[0].raw, re.I)
                    or re.match(r"\s*(?:air\s*)?(?:strikes?|raids?)\b", text[state[0].end : state[0].end + 12], re.I)
                )
            )
            or re.match(
                r"^\W*(?:In|During)\s+an?\s+(?:[\w-]+\s+)?(?:raid|operation)\b[^.;]*,\s*$",
                text[fs : state[0].start],
            )
        )
    )


def governing_forces(text: str, groups: list) -> bool:
    """'Taliban security forces raided a hideout': a governing group's forces act as a state's."""
    return bool(
        groups
        and re.match(
            r"\s+(?:security|intelligence|special)?\s*(?:forces|police|intelligence|security)\b",
            text[groups[0].end : groups[0].end + 25],
        )
    )
