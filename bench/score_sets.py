"""Score every fixture set under tests/fixtures/reports/ (or the sets named) and optionally snapshot and diff the
extraction of each fixture, to check a change on ALL development sets at once.

Usage:
    python bench/score_sets.py                        # every set: one TOTAL line each
    python bench/score_sets.py press_ itic_blind6     # sets whose name starts with these prefixes
    python bench/score_sets.py press_ --save OUT.json # also save each fixture's events (date, actor, place, type)
    python bench/score_sets.py press_ --diff OUT.json # print the events that differ from a saved run
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from trends.errors import InputFileError
from trends.extract import extract_report
from trends.extract.score import Score, load_gold, load_periods_gold, report_for, score_events

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "reports"
KEYS = (
    "event_date",
    "actor",
    "counterpart",
    "country",
    "province",
    "event_type",
    "fatalities",
    "wounded",
    "attribution",
)


def _row(ev: dict) -> str:
    return " | ".join(str(ev.get(k)) for k in KEYS)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("prefixes", nargs="*", help="set name prefixes (default: every set)")
    ap.add_argument("--save", help="write each fixture's extracted events to this JSON file")
    ap.add_argument("--diff", help="compare each fixture's extracted events with this saved JSON file")
    a = ap.parse_args(argv)
    sets = sorted(
        d for d in ROOT.iterdir() if d.is_dir() and (not a.prefixes or any(d.name.startswith(p) for p in a.prefixes))
    )
    snap: dict[str, list[str]] = {}
    old = json.loads(Path(a.diff).read_text()) if a.diff else None
    for d in sets:
        tot = Score(0, 0, 0, 0, 0)
        for g in sorted(f for f in d.glob("*.gold.jsonl") if not f.name.endswith(".periods.gold.jsonl")):
            try:
                res = extract_report(report_for(g))
            except InputFileError:
                continue  # a gold whose report is kept elsewhere (seeds/)
            pg = load_periods_gold(g)
            tot = tot + score_events(
                res.events, load_gold(g), [p.record() for p in res.periods] if pg is not None else (), pg or ()
            )
            name = f"{d.name}/{g.name}"
            snap[name] = [_row(ev) for ev in res.events] + [json.dumps(p.record(), default=str) for p in res.periods]
            if old is not None and old.get(name) != snap[name]:
                was, now = old.get(name, []), snap[name]
                for r in was:
                    if r not in now:
                        print(f"  - {name}: {r}")
                for r in now:
                    if r not in was:
                        print(f"  + {name}: {r}")
        print(tot.line(d.name), flush=True)
    if a.save:
        Path(a.save).write_text(json.dumps(snap, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
