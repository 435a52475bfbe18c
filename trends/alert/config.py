"""Rule settings: one frozen dataclass per rule, gathered in `RuleConfig`, with per-series overrides.

Every threshold has a documented default; H8's trends.toml maps `[alerts.<rule>]` tables onto these fields
(`RuleConfig.from_dict`). Levels are graded 'watch' < 'warning' < 'alert' (LEVELS); each rule says what moves
an alert up a level.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..errors import ConfigError

LEVELS = ("watch", "warning", "alert")
RULES = ("seasonal", "level_shift", "expansion", "surge", "exceedance", "shift")


def level_rank(level: str) -> int:
    """0 for 'watch', 1 'warning', 2 'alert'; ConfigError for anything else."""
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ConfigError(f"unknown alert level {level!r}; choose from {', '.join(LEVELS)}") from None


@dataclass(frozen=True)
class SeasonalConfig:
    """Rule 'seasonal': Farrington-flexible exceedance (Noufaily et al. 2013).

    The week's count is compared with NB upper quantiles of a GLM fitted on past years. Levels: count above
    the `quantiles[0]` quantile = watch (99 %), `quantiles[1]` = warning (99.9 %), `quantiles[2]` = alert.
    Guards: no alert when the count is below `min_count` or the baseline has fewer than `min_nonzero_weeks`
    weeks with events or fewer than `min_baseline_weeks` weeks of data.
    """

    enabled: bool = True
    years: int = 5  # past years in the baseline
    window: int = 3  # half-width of the comparable-weeks window
    n_levels: int = 10  # seasonal factor levels over the year
    exclude_recent: int = 26  # most recent weeks left out of the baseline
    trend_p: float = 0.05  # keep the trend term when significant at this level
    reweight_threshold: float = 2.58  # Anscombe residual above which a baseline week is down-weighted
    quantiles: tuple[float, float, float] = (0.99, 0.999, 0.9999)
    min_count: int = 3
    min_nonzero_weeks: int = 3
    min_baseline_weeks: int = 52


@dataclass(frozen=True)
class LevelShiftConfig:
    """Rule 'level_shift': a change point raising the rate by >= `factor` after a lull of >= `lull_weeks` weeks.

    A lull is `lull_weeks` weeks before the change with mean <= `lull_rate` events/week. The rate after the
    change is measured over at most `max_age` weeks up to the evaluated week, and must be significant
    (Poisson likelihood ratio p < `p_value`) with at least `min_count` events. Levels by rate ratio:
    >= factor watch, >= 2*factor warning, >= 4*factor alert (the lull rate is floored at `rate_floor`).
    """

    enabled: bool = True
    factor: float = 2.0
    lull_weeks: int = 12
    lull_rate: float = 0.5
    rate_floor: float = 0.1
    max_age: int = 4
    min_count: int = 3
    p_value: float = 0.001


@dataclass(frozen=True)
class ExpansionConfig:
    """Rule 'expansion': an actor active in a province where it had no events in the previous `weeks` weeks.

    Level watch = first events there for `weeks` weeks; warning = first ever (in the data); one level more when
    the week has >= `strong_count` events. Only actors with earlier events elsewhere are considered
    (`known_actor_only`), so the first week of a new actor is not flagged everywhere; unknown provinces ('')
    are skipped.
    """

    enabled: bool = True
    weeks: int = 52
    strong_count: int = 3
    known_actor_only: bool = True


@dataclass(frozen=True)
class SurgeConfig:
    """Rule 'surge': ACLED-style bands, the latest `window` week(s) vs the trailing 4- and 52-week means.

    ratio = observed / max(mean of the 4 weeks before, mean of the 52 weeks before, `baseline_floor`),
    both means scaled to `window` weeks. Levels: ratio >= bands[0] watch, >= bands[1] warning, >= bands[2]
    alert. Low-baseline guard: the floor, plus no alert when observed < `min_count`. Overdispersion guard:
    observed must also exceed the 52-week mean by `sd_factor` standard deviations of the weekly counts.

    Off by default since 2026-12: on simulated panels it detected no onset that the other rules missed and raised
    a third of the false alarm spells; the 'shift' rule replaces it (bench/skill.py, docs/alerts-detect.md).
    """

    enabled: bool = False
    window: int = 1
    short_weeks: int = 4
    long_weeks: int = 52
    bands: tuple[float, float, float] = (2.0, 3.0, 5.0)
    baseline_floor: float = 1.0
    min_count: int = 4
    sd_factor: float = 3.0


@dataclass(frozen=True)
class ExceedanceConfig:
    """Rule 'exceedance': the week's count above the upper tail of a negative-binomial forecast made the week before.

    The forecast is the NB around the recent level (the one-line baseline that matched the default forecaster's
    skill on held-out weeks): mean = max(mean of the `short_weeks` weeks before, mean of the `long_weeks` weeks
    before, `baseline_floor`), size k by moments over the `long_weeks` weeks (var = mu + mu^2 / k; clipped to
    [`k_min`, `k_max`], Poisson when the weeks are not overdispersed). Levels: P(Y >= observed) below
    p_values[0] watch, p_values[1] warning, p_values[2] alert. No alert below `min_count` events or with fewer
    than `min_weeks` weeks of data before the week. Off by default: a candidate that did not win (on simulated
    panels it detected nothing the other rules missed, bench/skill.py).
    """

    enabled: bool = False
    short_weeks: int = 13
    long_weeks: int = 52
    baseline_floor: float = 0.5
    k_min: float = 0.5
    k_max: float = 50.0
    p_values: tuple[float, float, float] = (1e-5, 1e-6, 1e-7)
    min_count: int = 4
    min_weeks: int = 26


@dataclass(frozen=True)
class ShiftConfig:
    """Rule 'shift': an upward online change point (trends.detect.online: window-limited NB GLR-CUSUM) as of the week.

    The `last` weeks up to and including the evaluated week are tested against the `baseline` weeks before them,
    with the series' NB dispersion estimated on the baseline; the rule fires in a week with events when the GLR
    score exceeds `threshold` (8.0: a false alarm every few years per quiet series, bench/detect_speed.py --arl)
    and at least `min_count` events fell since the estimated onset. Levels by the rate ratio after / before
    (before floored at `rate_floor`): >= factor watch, >= 2*factor warning, >= 4*factor alert. On by default
    (with 'surge' off): same or better detection, a third fewer false alarm spells (bench/skill.py).
    """

    enabled: bool = True
    last: int = 8
    baseline: int = 52
    threshold: float = 8.0
    min_count: int = 3
    factor: float = 2.0
    rate_floor: float = 0.1
    min_baseline_weeks: int = 26


@dataclass(frozen=True)
class Override:
    """Settings for the series matching actor/country/province (None = any), e.g. a quieter front.

    `settings` maps "rule.field" to a value, e.g. {"surge.min_count": 6, "seasonal.enabled": False}.
    """

    actor: str | None = None
    country: str | None = None
    province: str | None = None
    settings: tuple[tuple[str, object], ...] = ()

    def matches(self, actor: str, country: str, province: str) -> bool:
        return (
            (self.actor is None or self.actor == actor)
            and (self.country is None or self.country == country)
            and (self.province is None or self.province == province)
        )


@dataclass(frozen=True)
class RuleConfig:
    """All rule settings. `cooldown_weeks`: a rule firing again within this many weeks of its last hit on the
    same series continues the open alert instead of raising a new one."""

    seasonal: SeasonalConfig = field(default_factory=SeasonalConfig)
    level_shift: LevelShiftConfig = field(default_factory=LevelShiftConfig)
    expansion: ExpansionConfig = field(default_factory=ExpansionConfig)
    surge: SurgeConfig = field(default_factory=SurgeConfig)
    exceedance: ExceedanceConfig = field(default_factory=ExceedanceConfig)
    shift: ShiftConfig = field(default_factory=ShiftConfig)
    cooldown_weeks: int = 4
    overrides: tuple[Override, ...] = ()

    def __post_init__(self):
        if self.cooldown_weeks < 0:
            raise ConfigError(f"alerts.cooldown_weeks must be >= 0, got {self.cooldown_weeks}")
        for name in RULES:
            _validate(name, getattr(self, name))

    def only(self, *rules: str) -> RuleConfig:
        """A copy with only the named rules enabled."""
        for r in rules:
            if r not in RULES:
                raise ConfigError(f"unknown rule {r!r}; choose from {', '.join(RULES)}")
        return dataclasses.replace(
            self, **{r: dataclasses.replace(getattr(self, r), enabled=r in rules) for r in RULES}
        )

    def for_series(self, actor: str, country: str, province: str) -> RuleConfig:
        """The settings for one series after applying the matching overrides, in order."""
        cfg = self
        for ov in self.overrides:
            if ov.matches(actor, country, province):
                cfg = cfg.with_settings(dict(ov.settings))
        return dataclasses.replace(cfg, overrides=()) if cfg is not self else dataclasses.replace(self, overrides=())

    def with_settings(self, settings: dict) -> RuleConfig:
        """A copy with "rule.field" -> value settings applied; ConfigError names an unknown key."""
        changes: dict[str, dict] = {}
        for key, value in settings.items():
            rule, _, fld = key.partition(".")
            if rule not in RULES:
                raise ConfigError(f"unknown alert setting {key!r}; rules are {', '.join(RULES)}")
            names = {f.name for f in dataclasses.fields(getattr(self, rule))}
            if fld not in names:
                raise ConfigError(f"unknown alert setting {key!r}; {rule} has {', '.join(sorted(names))}")
            if isinstance(value, list):
                value = tuple(value)
            changes.setdefault(rule, {})[fld] = value
        return dataclasses.replace(self, **{r: dataclasses.replace(getattr(self, r), **c) for r, c in changes.items()})

    @classmethod
    def from_dict(cls, d: dict | None) -> RuleConfig:
        """Build from a trends.toml-like mapping: {"cooldown_weeks": 4, "surge": {"min_count": 5},
        "overrides": [{"actor": "JNIM", "country": "Mali", "surge": {"min_count": 8}}]}."""
        d = dict(d or {})
        cfg = cls()
        top = {}
        if "cooldown_weeks" in d:
            top["cooldown_weeks"] = int(d.pop("cooldown_weeks"))
        overrides = d.pop("overrides", []) or []
        settings = {}
        for rule, table in d.items():
            if rule not in RULES or not isinstance(table, dict):
                raise ConfigError(
                    f"unknown alert setting {rule!r}; expected cooldown_weeks, overrides or a table "
                    f"named one of {', '.join(RULES)}"
                )
            settings.update({f"{rule}.{k}": v for k, v in table.items()})
        cfg = cfg.with_settings(settings)
        ovs = []
        for i, o in enumerate(overrides):
            o = dict(o)
            keys = {k: o.pop(k, None) for k in ("actor", "country", "province")}
            s = {}
            for rule, table in o.items():
                if rule not in RULES or not isinstance(table, dict):
                    raise ConfigError(f"alerts.overrides[{i}]: unknown key {rule!r}")
                s.update({f"{rule}.{k}": (tuple(v) if isinstance(v, list) else v) for k, v in table.items()})
            cfg.with_settings(s)  # validate now, with a clear message
            ovs.append(Override(**keys, settings=tuple(sorted(s.items()))))
        return dataclasses.replace(cfg, overrides=tuple(ovs), **top)


def _validate(name: str, c) -> None:
    for f in dataclasses.fields(c):
        v = getattr(c, f.name)
        if f.name == "p_values":
            if len(v) != 3 or list(v) != sorted(v, reverse=True) or not all(0 < x < 1 for x in v):
                raise ConfigError(f"alerts.{name}.p_values must be 3 decreasing numbers in (0, 1), got {v}")
        elif f.name in ("quantiles", "bands"):
            if len(v) != 3 or list(v) != sorted(v):
                raise ConfigError(f"alerts.{name}.{f.name} must be 3 increasing numbers, got {v}")
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0:
            raise ConfigError(f"alerts.{name}.{f.name} must be >= 0, got {v}")
    if name == "seasonal" and not all(0.5 < q < 1 for q in c.quantiles):
        raise ConfigError(f"alerts.seasonal.quantiles must lie in (0.5, 1), got {c.quantiles}")
    if name == "surge" and c.window not in (1, 2):
        raise ConfigError(f"alerts.surge.window must be 1 or 2 weeks, got {c.window}")
    if name == "level_shift" and c.factor <= 1:
        raise ConfigError(f"alerts.level_shift.factor must be > 1, got {c.factor}")
