"""trends: weekly trends, change points, forecasts and resurgence alerts for political-violence events."""
from .errors import TrendsError

__version__ = "0.1.0"
__all__ = ["TrendsError", "__version__"]
