"""Engines for the per-series work of the weekly job: model fitting and backtests, here or on dask.distributed.

`local` runs each stage on the whole panel in this process (the batched models fit every series in one
vectorised pass). `dask` sends the work to a dask.distributed cluster (`scheduler` address, or a LocalCluster
started here) and joins the results in the local order, so both engines give the same forecasts, model choices
and skill tables: backtests run one task per origin on the whole panel; forecasts with per-series models (ets,
prophet) run on parts of whole countries (a series' zero back-fill depends on its country's first week), and
the batched default, which pools its NB dispersion over the panel's busy series, runs as one task.
Dask is an optional extra: `pip install "trends[dask]"`. Costs and when it pays off: docs/weekly.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
import pandas as pd

from .errors import UsageError
from .frames import SERIES_KEY

log = logging.getLogger(__name__)

__all__ = ["ENGINES", "LocalEngine", "DaskEngine", "make_engine", "split_by_country"]

ENGINES = ("local", "dask")


def split_by_country(weekly: pd.DataFrame, n_parts: int) -> list[pd.DataFrame]:
    """Split a WEEKLY frame into at most `n_parts` frames of whole countries with about equal rows each
    (largest countries first, each to the lightest part). Empty parts are dropped."""
    if weekly.empty or n_parts <= 1:
        return [weekly]
    sizes = weekly.groupby("country", sort=True, observed=True).size().sort_values(ascending=False, kind="stable")
    load = np.zeros(n_parts)
    part_of = {}
    for country, n in sizes.items():
        k = int(np.argmin(load))
        part_of[country] = k
        load[k] += n
    code = weekly["country"].map(part_of).to_numpy()
    return [weekly[code == k] for k in range(n_parts) if (code == k).any()]


class LocalEngine:
    """Run each stage on the whole panel in this process."""

    name = "local"

    def map_parts(self, fn: Callable, weekly: pd.DataFrame, **kwargs) -> list:
        return [fn(weekly, **kwargs)]

    def close(self) -> None:
        pass


class DaskEngine:
    """Run each stage on parts of the panel (whole countries) on a dask.distributed cluster.

    Args:
        scheduler: address of a running scheduler ("tcp://10.0.0.5:8786"); None starts a LocalCluster here
            with `n_workers` single-threaded worker processes (default 2) and closes it on `close()`.
        parts_per_worker: parts sent per worker (more parts balance better, each costs a task round trip
            and a copy of its frame).

    Raises:
        UsageError: dask.distributed is not installed, or the scheduler cannot be reached.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, *, n_workers: int = 2, parts_per_worker: int = 2):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError('--engine dask needs dask.distributed: pip install "trends[dask]"') from None
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(
                    n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as e:
            raise UsageError(f"cannot reach the dask scheduler {scheduler or '(local cluster)'}: {e}") from None
        self.parts_per_worker = parts_per_worker
        log.info("dask engine: %d worker(s) at %s", self.n_workers, self.client.scheduler.address)

    @property
    def n_workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map_parts(self, fn: Callable, weekly: pd.DataFrame, *, split: bool = True, **kwargs) -> list:
        parts = split_by_country(weekly, self.n_workers * self.parts_per_worker) if split else [weekly]
        futures = [self.client.submit(fn, p, **kwargs, pure=False) for p in parts]
        return self.client.gather(futures)

    def map_origins(self, fn: Callable, weekly: pd.DataFrame, origins: list, **kwargs) -> list:
        """fn(weekly, origins=[o], **kwargs) for each origin, the frame sent to every worker once."""
        data = self.client.scatter(weekly, broadcast=True)
        futures = [self.client.submit(fn, data, origins=[o], **kwargs, pure=False) for o in origins]
        return self.client.gather(futures)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str = "local", scheduler: str | None = None, **kwargs):
    """The engine called `name` ("local" or "dask")."""
    if name == "local":
        return LocalEngine()
    if name == "dask":
        return DaskEngine(scheduler, **kwargs)
    raise UsageError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")


# ------------------------------------------------------------------------------------------ stage functions
def _order(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return df.sort_values(by, kind="stable").reset_index(drop=True) if len(df) else df.reset_index(drop=True)


def _forecast_part(weekly: pd.DataFrame, **kwargs) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    from .forecast import forecast_panel

    fc = forecast_panel(weekly, **kwargs)
    issues, models = fc.attrs.pop("issues", pd.DataFrame()), fc.attrs.pop("models", pd.DataFrame())
    return fc, issues, models  # attrs emptied: pandas compares attrs when concatenating


def forecast(engine, weekly: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """trends.forecast.forecast_panel on `engine`: the same frame (and attrs "issues", "models") as local."""
    if isinstance(engine, LocalEngine):
        from .forecast import forecast_panel

        return forecast_panel(weekly, **kwargs)
    res = engine.map_parts(_forecast_part, weekly, split=_per_series(kwargs.get("models", "auto")), **kwargs)
    req = ["requested"] if any(len(r[0]) and "requested" in r[0] for r in res) else []
    fc = _order(pd.concat([r[0] for r in res], ignore_index=True), req + SERIES_KEY + ["week"])
    if req:  # requested models in the order asked for, as forecast_panel gives them
        rank = {m: i for i, m in enumerate(dict.fromkeys(fc["requested"]))}
        models = kwargs.get("models", "auto")
        asked = [models] if isinstance(models, str) else list(models)
        rank = {m: asked.index(m) if m in asked else len(asked) + i for i, m in enumerate(rank)}
        fc = fc.iloc[np.argsort(fc["requested"].map(rank).to_numpy(), kind="stable")].reset_index(drop=True)
    issues = (
        pd.concat([r[1] for r in res if len(r[1])], ignore_index=True) if any(len(r[1]) for r in res) else res[0][1]
    )
    models_df = (
        pd.concat([r[2] for r in res if len(r[2])], ignore_index=True) if any(len(r[2]) for r in res) else res[0][2]
    )
    if len(models_df) and "requested" in models_df:
        models_df = _order(models_df, ["requested"] + SERIES_KEY)
    fc.attrs["issues"] = issues
    fc.attrs["models"] = models_df
    return fc


def _backtest_part(weekly: pd.DataFrame, **kwargs) -> pd.DataFrame:
    from .forecast.backtest import backtest

    return backtest(weekly, **kwargs)


def backtest(engine, weekly: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """trends.forecast.backtest on `engine` (rows in the local order: origin, model, series, week)."""
    if isinstance(engine, LocalEngine):
        return _backtest_part(weekly, **kwargs)
    origins = kwargs.pop("origins")
    if isinstance(origins, int):
        from .forecast.backtest import rolling_origins

        origins = rolling_origins(weekly, n=origins, horizon=kwargs.get("horizon", 12))
    # one task per origin on the whole panel: the origins are independent, and the default model pools its
    # dispersion over the panel's busy series, so splitting the series would change the intervals
    parts = [p for p in engine.map_origins(_backtest_part, weekly, list(origins), **kwargs) if len(p)]
    if not parts:
        return _backtest_part(weekly.iloc[:0], origins=origins, **kwargs)
    return pd.concat(parts, ignore_index=True)


def _per_series(models) -> bool:
    """True when every requested model fits each series on its own (prophet: split the panel); the
    batched default pools its dispersion over the panel, so it runs on the whole panel in one task."""
    from .forecast import get_model
    from .forecast.base import SeriesForecaster

    names = [models] if isinstance(models, str) else list(models)
    return all(n != "auto" and isinstance(get_model(n), SeriesForecaster) for n in names)
