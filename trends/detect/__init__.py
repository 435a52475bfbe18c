"""Change points in weekly count series: offline segmentation (PELT, count costs) and online shift detection.

segment(counts)                     regime-start indices of one series
ChangePointDetector(...).fit(w, y)  one series, BREAKS rows in breaks_
detect_breaks(weekly)               every series of a WEEKLY frame -> BREAKS (method 'offline')
online_shifts(weekly, last=8)       recent shifts in the latest weeks -> BREAKS (method 'online')
"""

from ._core import estimate_dispersion
from .offline import ChangePointDetector, detect_breaks, segment
from .online import online_shifts

__all__ = ["ChangePointDetector", "detect_breaks", "segment", "online_shifts", "estimate_dispersion"]
