"""Forecast stage: per-series count forecasts with 80 % / 95 % intervals, model choice by backtest skill.

Models (`MODELS`, looked up by name): naive (seasonal naive, 52 weeks), mean (historical mean, NB intervals),
nbglm (negative-binomial GLM, trend + yearly Fourier), local (exponentially weighted level for busy series,
a mix of 4-, 13- and 52-week means for quiet ones: the default), ets (statsmodels ETS on log1p), prophet (Prophet on
log1p), sparse (TSB with a hurdle NB, for series that are mostly zero weeks). `forecast_panel` forecasts a
WEEKLY frame; `backtest` and the metric functions in `trends.forecast.backtest` score them.
"""

from __future__ import annotations

from ..errors import UsageError
from .base import Forecaster
from .baseline import HistoricalMean, SeasonalNaive
from .ets import ETS
from .glm import NBGLM
from .local import LocalLevel
from .prophet_ import ProphetModel
from .sparse import TSB

#: model name -> class; the names used by --model/--models, trends.toml and the `model` column.
MODELS: dict[str, type[Forecaster]] = {
    "naive": SeasonalNaive,
    "mean": HistoricalMean,
    "nbglm": NBGLM,
    "ets": ETS,
    "prophet": ProphetModel,
    "sparse": TSB,
    "local": LocalLevel,
}


def get_model(name: str) -> Forecaster:
    """A fresh model with default hyperparameters, by name.

    Raises:
        UsageError: unknown name (the message lists the valid ones).
    """
    if name not in MODELS:
        raise UsageError(f"unknown model {name!r}; choose from {', '.join(MODELS)} (or auto)")
    return MODELS[name]()


from .backtest import backtest, coverage, mase, pinball, summarise  # noqa: E402
from .panel import AUTO_CANDIDATES, AUTO_NAMES, ForecastResult, choose_models, forecast_panel, run_forecasts  # noqa: E402

__all__ = [
    "MODELS",
    "get_model",
    "Forecaster",
    "SeasonalNaive",
    "HistoricalMean",
    "NBGLM",
    "ETS",
    "ProphetModel",
    "TSB",
    "LocalLevel",
    "forecast_panel",
    "run_forecasts",
    "ForecastResult",
    "choose_models",
    "AUTO_CANDIDATES",
    "AUTO_NAMES",
    "backtest",
    "mase",
    "pinball",
    "coverage",
    "summarise",
]
