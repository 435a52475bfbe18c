"""Extraction speed: a 30,000-character report (target < 2 s after start-up), a 5 MB report (target < 30 s, with
newlines and on one single line) and linear time on long reports.

Builds reports by repeating the ITIC and CTP dev fixtures (with their newlines, and flattened to one line), times
`trends.extract.parse.extract` on each and prints it beside a baseline measured in the same run on the same text
(plain regex tokenisation: words and punctuation), so that a slow or busy machine shows as a slow baseline, not as
a slow extractor. 200 KB and 800 KB sizes give the growth ratio (linear = about 4; quadratic = about 16). Start-up
(imports, gazetteer and registry loading) is timed separately.

Usage: python bench/extract_speed.py [--big 5000000]   (--big 0 skips the 5 MB reports)
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

FIX = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "reports"


def _report(n_chars: int, one_line: bool) -> str:
    parts = [
        p.read_text(encoding="utf-8")
        for p in sorted((FIX / "itic_dev").glob("*.txt")) + sorted((FIX / "ctp_dev").glob("*.txt"))
    ]
    head = "Spotlight on Global Jihad (March 30 – April 5, 2022)\n\n"
    body, i = [], 0
    size = 0
    while size < n_chars:
        # each copy gets other days of the month, so that copies are distinct events, not repeated text
        shift = i // len(parts)
        part = re.sub(
            r"\b((?:January|February|March|April|May|June|July|August|September|October|November"
            r"|December) )(\d{1,2})\b",
            lambda m, shift=shift: f"{m.group(1)}{(int(m.group(2)) + shift) % 28 + 1}",
            parts[i % len(parts)],
        )
        body.append(part)
        size += len(part)
        i += 1
    text = head + "\n".join(body)
    text = text[:n_chars]
    return text.replace("\n", " ") if one_line else text


def _time(text: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one extraction: on a machine shared with other jobs the CPU time is the
    stable figure, the wall time what a user waits."""
    from trends.extract.parse import extract

    t, c = time.perf_counter(), time.process_time()
    extract(text, "bench")
    return time.perf_counter() - t, time.process_time() - c


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _baseline(text: str) -> float:
    """CPU seconds to tokenise `text` with one regex (words and punctuation): the same-run yardstick."""
    t = time.process_time()
    n = sum(1 for _ in _TOKEN.finditer(text))
    assert n > 0
    return max(time.process_time() - t, 1e-3)


def _line(label: str, text: str, target: str) -> float:
    (t, c), b = _time(text), _baseline(text)
    print(
        f"{label}: {t:.2f} s wall, {c:.2f} s CPU ({target}); regex tokenisation of the same text {b:.3f} s CPU; "
        f"ratio {c / b:.0f}x"
    )
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--big", type=int, default=5_000_000, help="also time reports of this many characters (0: skip; default 5 MB)"
    )
    a = ap.parse_args()
    t0 = time.perf_counter()
    from trends.extract.parse import extract
    from trends.extract.places import gazetteer

    gazetteer()
    extract("Update, March 1, 2023\n\nOn March 1, 2023, ISIS attacked a post near Hawija.\n", "warm")
    from trends.extract.places import town_candidates

    town_candidates("Mayadin")  # loads the GeoNames and UCDP town tables (start-up, not per report)
    town_candidates("Sheikh Zuweid")  # and the folded-spelling index, built on the first miss
    print(f"start-up (imports, gazetteer, registry): {time.perf_counter() - t0:.2f} s")
    _line("30,000-character report", _report(30_000, False), "target < 2 s")
    for one_line in (False, True):
        label = "one line" if one_line else "with newlines"
        a1 = _time(_report(200_000, one_line))[1]
        a4 = _time(_report(800_000, one_line))[1]
        print(f"{label}: 200 KB {a1:.2f} s, 800 KB {a4:.2f} s CPU, ratio {a4 / a1:.2f} (linear ~4, quadratic ~16)")
    if a.big:
        for one_line in (False, True):
            label = f"{a.big:,} characters ({'one line' if one_line else 'with newlines'})"
            _line(label, _report(a.big, one_line), "target < 30 s")


if __name__ == "__main__":
    main()
