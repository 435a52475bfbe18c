"""What one ingested file did: IngestResult (counts, the first rejections, unknown names) and its summary."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field

#: names longer than this are cut in summaries (the store keeps them whole)
NAME_WIDTH = 60


@dataclass
class Rejection:
    """One rejected row: 1-based data row (header excluded), the field at fault, and what to do about it."""

    row: int
    field: str | None
    reason: str


@dataclass
class IngestResult:
    """What one ingested file did to the store. `rejections` holds the first 1000 (all are in rejected_rows)."""

    file: str
    format: str | None = None
    dataset: str | None = None
    batch_id: int | None = None
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    rows_new: int = 0
    rows_replaced: int = 0
    rows_unchanged: int = 0
    rows_retired: int = 0
    skipped: bool = False
    rejections: list[Rejection] = field(default_factory=list)
    unmatched_actors: dict[str, int] = field(default_factory=dict)
    unmatched_provinces: dict[str, int] = field(default_factory=dict)
    unmatched_countries: dict[str, int] = field(default_factory=dict)
    #: seconds per stage (scan, names, checks, merge: events, event_actors, ...), for profiling (bench/)
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self, limit: int = 20) -> str:
        """Counts, then each rejected row as `FILE:ROW: field: reason` (the first `limit`), then unknown names."""
        if self.skipped:
            return f"{self.file}: already ingested as batch {self.batch_id} (same sha256); skipped"
        retired = f", retired {self.rows_retired}" if self.rows_retired else ""
        lines = [
            f"{self.file}: format {self.format}, batch {self.batch_id}: read {self.rows_read}, "
            f"accepted {self.rows_accepted}, rejected {self.rows_rejected}; new {self.rows_new}, "
            f"replaced {self.rows_replaced}, unchanged {self.rows_unchanged}{retired}"
        ]
        for r in self.rejections[:limit]:
            lines.append(f"{self.file}:{r.row}: {r.field or 'row'}: {cut(r.reason, 300)}")
        if self.rows_rejected > limit:
            lines.append(
                f"... and {self.rows_rejected - limit} more; see rejected_rows "
                f'(trends sql "select * from rejected_rows where batch_id = {self.batch_id}")'
            )
        for what, d in (
            ("countries", self.unmatched_countries),
            ("provinces", self.unmatched_provinces),
            ("actors", self.unmatched_actors),
        ):
            if d:
                top = ", ".join(f"{cut(k)} ({v})" for k, v in list(d.items())[:8])
                more = f" and {len(d) - 8} more" if len(d) > 8 else ""
                lines.append(f"kept {sum(d.values())} events with {len(d)} unknown {what}: {top}{more}")
        if self.unmatched_countries:
            lines.append("  list them with `trends places --unmatched`; their series get no expansion alerts")
        if self.unmatched_actors:
            lines.append("  list them with `trends actors --unmatched`; add aliases to match them")
        return "\n".join(lines)


def cut(text, width: int = NAME_WIDTH) -> str:
    """`text` on one line, cut to `width` characters with '...' when longer."""
    s = " ".join(str(text).split())
    return s if len(s) <= width else s[: width - 3] + "..."


class Clock:
    """Adds the seconds of each `with clock("stage"):` block to `timings[stage]`."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextlib.contextmanager
    def __call__(self, stage: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - t
