"""Report stage: publishing a week's folder under `reports/` (staging, the swap, recovery after a kill).

One naming scheme for everything beside `<reports>/<week>/`:

    .<week>.tmp-XXXX          being written (incomplete: removed by `recover`)
    .<week>.new-<token>       complete, waiting for its run's store commit (`token` = the run's `runs.run_at`)
    .<week>.old               the previous report, moved aside during the swap

A swap is two renames: `<week>` -> `.<week>.old`, then the new folder -> `<week>`. `recover`, called by every
command that writes reports before it writes, repairs whatever a kill left: a staged `.new-<token>` whose run
committed (the store's `runs.run_at` equals the token) is swapped in, so the store's alerts and the published
alerts.json agree; one whose run did not commit is removed; a `.old` without `<week>` is renamed back.
This module (with trends.report.render) is the only code that writes under `reports/`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

_TMP = re.compile(r"^\.(?P<label>.+)\.tmp-[^/]+$|^\.tmp-[^/]+$")
_NEW = re.compile(r"^\.(?P<label>.+)\.new-(?P<token>\d{8}T\d{12})$")
_OLD = re.compile(r"^\.(?P<label>.+)\.old(?:-\d+)?$")  # `.old-<pid>`: left by releases before this scheme

#: file mode of everything published (the folder is for sharing; mkstemp/mkdtemp would make them private).
FILE_MODE, DIR_MODE = 0o644, 0o755


def run_token(run_at: dt.datetime) -> str:
    """The token naming a staged folder: the run's `runs.run_at` to the microsecond."""
    return pd.Timestamp(run_at).strftime("%Y%m%dT%H%M%S%f")


def staging_dir(reports: Path, label: str) -> Path:
    """A new empty folder `.<label>.tmp-XXXX` beside the final one, readable by all (0755)."""
    reports.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{label}.tmp-", dir=reports))
    os.chmod(tmp, DIR_MODE)
    return tmp


def mark_ready(tmp: Path, label: str, token: str) -> Path:
    """Rename a fully written staging folder to `.<label>.new-<token>` (one atomic rename)."""
    ready = tmp.with_name(f".{label}.new-{token}")
    if ready.exists():
        shutil.rmtree(ready)
    os.rename(tmp, ready)
    return ready


def swap_in(new: Path, final: Path, hook: Callable[[str], None] | None = None) -> Path:
    """Replace `final` by `new` with two renames; the old report is deleted only after the new one is in place.

    `hook("publish:swapping")` is called between the two renames (tests kill the process there).
    """
    old = final.with_name(f".{final.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.rename(final, old)
    if hook is not None:
        hook("publish:swapping")
    os.rename(new, final)
    shutil.rmtree(old, ignore_errors=True)
    return final


def recover(
    reports: Path, committed: Callable[[str], str | None] | None = None, extra_alerts_json: Path | None = None
) -> list[str]:
    """Repair what an interrupted command left in `reports` (call before writing there; a run holds its lock).

    Args:
        reports: the reports folder.
        committed: label -> token of that week's committed run (`run_token(runs.run_at)`), or None when not
            known; without it staged `.new-*` folders are left for a command that can read the store.
        extra_alerts_json: the run's extra alerts.json copy (paths.alerts_json), refreshed when a staged
            report is swapped in.

    Returns:
        the labels whose folder was restored or completed (also logged as warnings).
    """
    if not reports.is_dir():
        return []
    done = []
    entries = sorted(reports.iterdir(), key=lambda p: p.name)
    for p in entries:
        if p.is_dir() and _TMP.match(p.name):
            shutil.rmtree(p, ignore_errors=True)
    for p in entries:
        m = _NEW.match(p.name)
        if not (m and p.is_dir()) or committed is None:
            continue
        label, token = m.group("label"), m.group("token")
        if committed(label) == token:
            log.warning("completing the report %s (its run committed, then was interrupted)", reports / label)
            swap_in(p, reports / label)
            if extra_alerts_json is not None:
                copy_alerts_json(reports / label / "alerts.json", extra_alerts_json)
            done.append(label)
        else:
            shutil.rmtree(p, ignore_errors=True)  # its run never committed: the store has the old outputs
    for p in sorted(reports.iterdir(), key=lambda p: p.name):
        m = _OLD.match(p.name)
        if not (m and p.is_dir()):
            continue
        final = reports / m.group("label")
        if final.exists():
            shutil.rmtree(p, ignore_errors=True)
        else:
            log.warning("restoring the previous report %s (an earlier command was interrupted)", final)
            os.rename(p, final)
            done.append(m.group("label"))
    return done


# ------------------------------------------------------------------------------------------------ alerts.json
def alerts_records(alerts: pd.DataFrame) -> list[dict]:
    """alerts.json content: one object per alert, in the alerts.csv column order (trends.report.content.ALERTS_CSV,
    weeks as 2019-W48 labels, event_ids as a list); numbers as JSON numbers, missing as null."""
    from .content import ALERTS_CSV, alerts_view

    a = alerts_view(alerts)
    out = []
    for row in a.to_dict("records"):
        rec = {}
        for k in ALERTS_CSV:
            v = row.get(k)
            if k in ("week", "first_seen", "last_seen"):
                v = week_or_none(v)
            elif k == "event_ids":
                v = [str(i) for i in v] if isinstance(v, (list, tuple, np.ndarray)) else []
            elif isinstance(v, (np.integer,)):
                v = int(v)
            elif isinstance(v, (float, np.floating)):
                v = round(float(v), 2) if np.isfinite(v) else None  # JSON has no NaN/Infinity; 2 decimals as CSV
            elif v is pd.NaT or v is pd.NA or (v is not None and not isinstance(v, str) and pd.isna(v)):
                v = None
            rec[k] = v
        out.append(rec)
    return out


def week_or_none(v) -> str | None:
    from ..weeks import week_label

    return week_label(v) if v is not None and pd.notna(v) else None


def _atomic_write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_alerts_json(alerts: pd.DataFrame, path: Path) -> Path:
    """Write alerts.json atomically (temp file + rename, mode 0644), so a reader never sees half a file."""
    return _atomic_write(Path(path), json.dumps(alerts_records(alerts), indent=1, ensure_ascii=False) + "\n")


def copy_alerts_json(src: Path, dst: Path) -> Path:
    """Copy a published alerts.json to the run's extra path, atomically."""
    return _atomic_write(Path(dst), Path(src).read_text(encoding="utf-8"))
