"""One event per attack in the weekly reports: an act written again from the same paragraph (the same date and
actor, no other place or toll) joins the event told first, and one told again in another part of the report (the
highlights and the body) is dropped (a mixin of trends.extract.events._Events)."""

from __future__ import annotations

import re

from .authors import _Authors
from .rules import _NEAR, _NEW_EVENT


class _Retold(_Authors):
    """Retellings and duplicates of an event already written."""

    def _merge_retold(self, ev):
        """The same date and actor (or an unknown one) already written from this paragraph: the same event."""
        for old in reversed(self.block_dates.get(ev["event_date"], [])):
            if old["evidence"]["start"] < ev["evidence"]["start"] - _NEAR:
                break
            if old["_part"] is not None and ev["_part"] is not None:
                continue
            if _NEW_EVENT.match(ev["evidence"]["sentence"]):
                continue
            if (old["province"] and ev["province"] and old["province"] != ev["province"]) or (
                old["fatalities"] is not None and ev["fatalities"] is not None and old["fatalities"] != ev["fatalities"]
            ):
                continue  # 'Militants ambushed a convoy near Bal'ad the same day, killing six': another place or toll
            lo, le = (old.get("location") or "").lower(), (ev.get("location") or "").lower()
            if lo and le and lo not in le and le not in lo and old["event_type"] != ev["event_type"]:
                continue  # 'attacked a checkpoint in Bannu yesterday' and 'a suicide bomber struck ... in Mir Ali'
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
