"""Run configuration: one frozen `RunConfig`, loaded from `trends.toml` and validated on load.

Only `pipeline.run_week` receives a RunConfig; every stage function takes explicit arguments, so notebooks never
need one. Every mistake in the file raises `ConfigError` (exit 2) naming the key, the bad value and what is
allowed; unknown keys are errors with a did-you-mean, because a misspelt threshold silently falling back to its
default is the worst failure a scheduled alerting job can have.

Relative paths in the file are relative to the folder of the file, so cron can run from any working directory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .alert.config import LEVELS, RULES, Override, RuleConfig
from .errors import ConfigError, UsageError
from .weeks import parse_week

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Paths:
    """Where the run reads and writes. `alerts_json` is an extra copy of the week's alerts.json (None = only
    `<reports>/<week>/alerts.json`); `inbox` None means no inbox (nothing ingested by the run)."""

    db: Path = Path("trends.duckdb")
    inbox: Path | None = None
    reports: Path = Path("reports")
    alerts_json: Path | None = None


@dataclass(frozen=True)
class WatchList:
    """Which actors the weekly job (alerts, movers, headline, figures) covers; counts stay complete in the store.

    Every armed group on either side of an event gets a series, so militias and rival forces that only appear as
    the other side of a jihadist event (SDF, Koglweogo ...) have series too. By default the job covers the actors
    the alias registry knows (family not null).

    Attributes:
        families: only these registry families (e.g. ["Islamic State", "al-Qaida"]); empty = every family.
        actors: canonical actor names watched whatever their family (e.g. an unmatched group you follow).
        include_unmatched: also cover actors the registry does not know (everything: the pre-watch-list job).
    """

    families: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    include_unmatched: bool = False

    def watches(self, actor: str, family: str | None) -> bool:
        """True when the series of `actor` (registry family `family`, None = unmatched) is covered."""
        if actor in self.actors:
            return True
        if family is None or family == "":
            return self.include_unmatched
        return not self.families or family in self.families or self.include_unmatched

    def describe(self) -> str:
        """One line for logs and the report's methods section."""
        if self.include_unmatched and not self.families:
            return "all actors"
        what = f"the families {', '.join(self.families)}" if self.families else "every actor in the alias registry"
        if self.actors:
            what += f", plus {', '.join(self.actors)}"
        if self.include_unmatched:
            what += ", plus actors the registry does not know"
        return what


@dataclass(frozen=True)
class AlertSettings:
    """Alert rule parameters (defaults merged with the file), overrides, cooldown and the exit-code level.

    The rule schema is trends.alert.config (RuleConfig and its per-rule dataclasses, Override): this is only the
    file's values in that schema, validated by it.
    """

    rules: Mapping[str, Mapping[str, Any]]
    overrides: tuple[Override, ...] = ()
    cooldown_weeks: int = 4
    fail_on_level: str = "warning"

    def to_rule_config(self):
        """trends.alert.RuleConfig with these settings; overrides ordered least to most specific (later wins).

        Raises:
            ConfigError: a value trends.alert rejects (e.g. bands not increasing), naming the key.
        """
        base = RuleConfig().with_settings({f"{r}.{k}": v for r, p in self.rules.items() for k, v in p.items()})
        ovs = sorted(self.overrides, key=_specificity)
        for o in ovs:
            base.with_settings(dict(o.settings))  # validates the override's values now
        return dataclasses.replace(base, cooldown_weeks=self.cooldown_weeks, overrides=tuple(ovs))

    def rules_for(self, actor: str, country: str, province: str) -> dict[str, dict[str, Any]]:
        """Rule parameters for one series: the defaults, then matching overrides from least to most specific."""
        out = {r: dict(p) for r, p in self.rules.items()}
        for ov in sorted((o for o in self.overrides if o.matches(actor, country, province)), key=_specificity):
            for key, value in ov.settings:
                rule, _, name = key.partition(".")
                out[rule][name] = value
        return out


def _specificity(o: Override) -> int:
    """How many of actor, country, province an override names (the most specific one is applied last)."""
    return sum(v is not None for v in (o.actor, o.country, o.province))


@dataclass(frozen=True)
class RunConfig:
    """All settings of a scheduled run (`trends run`). Build it with `load_config` or `RunConfig.default()`.

    Attributes:
        paths: database, inbox, reports folder, extra alerts.json path.
        week: Monday of the week to analyse; None = the latest complete week in the store.
        horizon: forecast weeks after the reported week (1-12).
        models: "auto" or a tuple of model names from trends.forecast.MODELS.
        recent_weeks: weeks of events (ending with the reported week) passed to the report.
        backtest: compute the rolling-origin skill table for the report's methods section (a few seconds).
        alerts: rule parameters, overrides, cooldown and the level --fail-on-alert counts from.
        watch: which actors the job covers (default: those the alias registry knows).
        engine: where per-series model fitting and backtests run: "local" (this process) or "dask"
            (dask.distributed; see trends.engine and docs/weekly.md).
        scheduler: dask scheduler address ("tcp://host:8786"); None = a LocalCluster on this machine.
        source: the file this config was loaded from (None for defaults).
    """

    paths: Paths = field(default_factory=Paths)
    week: dt.date | None = None
    horizon: int = 8
    models: str | tuple[str, ...] = "auto"
    recent_weeks: int = 12
    backtest: bool = True
    alerts: AlertSettings = field(default_factory=lambda: AlertSettings(rules=_frozen_rules(default_rules())))
    watch: WatchList = field(default_factory=WatchList)
    engine: str = "local"
    scheduler: str | None = None
    source: Path | None = None

    @classmethod
    def default(cls, **changes) -> RunConfig:
        return dataclasses.replace(cls(), **changes)

    def with_week(self, week) -> RunConfig:
        """A copy analysing `week` (a label like 2019-W48, a date, or None for the latest complete week)."""
        return dataclasses.replace(self, week=None if week is None else parse_week(week))

    def with_engine(self, engine: str | None = None, scheduler: str | None = None) -> RunConfig:
        """A copy with `engine` and/or `scheduler` replaced (None keeps the current value)."""
        engine = self.engine if engine is None else _engine(engine, "--engine")
        return dataclasses.replace(
            self, engine=engine, scheduler=self.scheduler if scheduler is None else (scheduler or None)
        )

    def with_db(self, db) -> RunConfig:
        return dataclasses.replace(self, paths=dataclasses.replace(self.paths, db=Path(db)))


# --------------------------------------------------------------------------------------------- schema helpers
def alert_levels() -> tuple[str, ...]:
    """Alert levels from lowest to highest (trends.alert.LEVELS)."""
    return tuple(LEVELS)


def default_rules() -> dict[str, dict[str, Any]]:
    """Rule name -> {parameter: default}, from trends.alert's RuleConfig dataclasses."""
    inst = RuleConfig()
    return {
        name: {f.name: getattr(getattr(inst, name), f.name) for f in dataclasses.fields(getattr(inst, name))}
        for name in RULES
    }


def model_names() -> tuple[str, ...]:
    """Forecast model names (trends.forecast.MODELS)."""
    from .forecast import MODELS

    return tuple(MODELS)


def _frozen_rules(rules: dict[str, dict[str, Any]]) -> Mapping[str, Mapping[str, Any]]:
    return MappingProxyType({r: MappingProxyType(dict(p)) for r, p in rules.items()})


def _unknown(key: str, allowed, where: str) -> ConfigError:
    allowed = sorted(allowed)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean '{_join(where, close[0])}'?" if close else ""
    return ConfigError(
        f"unknown key '{_join(where, key)}'{hint} Allowed keys"
        f"{' in [' + where + ']' if where else ''}: {', '.join(allowed)}"
    )


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _check_keys(table: Mapping, allowed, where: str) -> None:
    if not isinstance(table, Mapping):
        raise ConfigError(f"'{where}' must be a table ([{where}]), got {type(table).__name__} {table!r}")
    for k in table:
        if k not in allowed:
            raise _unknown(k, allowed, where)


def _int(value, key: str, lo: int, hi: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < lo or (hi is not None and value > hi):
        rng = f"from {lo} to {hi}" if hi is not None else f">= {lo}"
        raise ConfigError(f"'{key}' must be an integer {rng}, got {value!r}")
    return value


def _typed(value, default, key: str):
    """Check a rule parameter against the type of its default (bool, int, float, str)."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"'{key}' must be true or false, got {value!r}")
        return value
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"'{key}' must be a non-negative integer (default {default}), got {value!r}")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"'{key}' must be a non-negative number (default {default}), got {value!r}")
        return float(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ConfigError(f"'{key}' must be a string (default {default!r}), got {value!r}")
        return value
    if isinstance(default, (tuple, list)):
        numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in default)
        if (
            not isinstance(value, list)
            or len(value) != len(default)
            or (numeric and not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value))
        ):
            kind = "numbers" if numeric else "values"
            raise ConfigError(
                f"'{key}' must be a list of {len(default)} {kind} (default {list(default)!r}), got {value!r}"
            )
        return tuple(value)
    return value  # None default or an unusual type: accept as given, the alert stage validates it


def _rule_params(table: Mapping, defaults: dict[str, dict[str, Any]], where: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for rule, params in table.items():
        rwhere = f"{where}.{rule}"
        _check_keys(params, defaults[rule], rwhere)
        out[rule] = {k: _typed(v, defaults[rule][k], f"{rwhere}.{k}") for k, v in params.items()}
    return out


# ---------------------------------------------------------------------------------------------------- loading
TOP_KEYS = ("paths", "run", "alerts", "watch")
WATCH_KEYS = ("families", "actors", "include_unmatched")
PATH_KEYS = ("db", "inbox", "reports", "alerts_json")
RUN_KEYS = ("week", "horizon", "models", "recent_weeks", "backtest", "engine", "scheduler")
#: values of run.engine / --engine.
ENGINES = ("local", "dask")
ALERT_KEYS = ("cooldown_weeks", "fail_on_level", "overrides")
OVERRIDE_MATCH = ("actor", "country", "province")


def load_config(path: str | Path) -> RunConfig:
    """Read and validate a trends.toml.

    Raises:
        ConfigError: the file is missing, is not valid TOML, or has an unknown key or a bad value
            (the message names the key and the allowed values).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist; `trends config --example > {path}` writes one") from None
    except OSError as e:
        raise ConfigError(f"cannot read config file {path}: {e}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    try:
        return config_from_dict(data, base=path.resolve().parent, source=path)
    except ConfigError as e:
        raise ConfigError(f"{path}: {e}") from None


def find_config(path: str | Path | None = None) -> RunConfig:
    """The run settings a command uses: `path` if given, else ./trends.toml if there is one, else the defaults.

    `RunConfig.source` says which file was read (None for the defaults).
    """
    if path is not None:
        return load_config(path)
    if Path("trends.toml").is_file():
        log.info("using ./trends.toml")
        return load_config("trends.toml")
    return RunConfig()


def config_from_dict(data: Mapping, *, base: Path | None = None, source: Path | None = None) -> RunConfig:
    """Validate a parsed trends.toml (see `load_config`); relative paths are resolved against `base`."""
    _check_keys(data, TOP_KEYS, "")
    rules = default_rules()

    p = data.get("paths", {})
    _check_keys(p, PATH_KEYS, "paths")

    def _path(key: str, default):
        if key not in p:
            return default
        v = p[key]
        if not isinstance(v, str):
            raise ConfigError(f"'paths.{key}' must be a string path, got {v!r}")
        if v == "":
            return None if key in ("inbox", "alerts_json") else default
        q = Path(v).expanduser()
        return q if (q.is_absolute() or base is None) else base / q

    paths = Paths(
        db=_path("db", Paths.db),
        inbox=_path("inbox", None),
        reports=_path("reports", Paths.reports),
        alerts_json=_path("alerts_json", None),
    )

    r = data.get("run", {})
    _check_keys(r, RUN_KEYS, "run")
    week = r.get("week", "latest")
    if not isinstance(week, (str, dt.date)):
        raise ConfigError(f'\'run.week\' must be "latest" or an ISO week like "2019-W48", got {week!r}')
    if week == "latest":
        week = None
    else:
        try:
            week = parse_week(week)
        except UsageError as e:
            raise ConfigError(f"'run.week': {e} (or \"latest\")") from None
    horizon = _int(r.get("horizon", 8), "run.horizon", 1, 12)
    recent = _int(r.get("recent_weeks", 12), "run.recent_weeks", 4, 520)  # the report's map shows 4 weeks
    backtest = r.get("backtest", True)
    if not isinstance(backtest, bool):
        raise ConfigError(f"'run.backtest' must be true or false, got {backtest!r}")
    models = _models(r.get("models", "auto"))
    engine = _engine(r.get("engine", "local"), "run.engine")
    scheduler = r.get("scheduler", "")
    if not isinstance(scheduler, str):
        raise ConfigError(
            f"'run.scheduler' must be a dask scheduler address like \"tcp://10.0.0.5:8786\" "
            f'(or "" for a local cluster), got {scheduler!r}'
        )

    a = data.get("alerts", {})
    _check_keys(a, ALERT_KEYS + tuple(rules), "alerts")
    cooldown = _int(a.get("cooldown_weeks", 4), "alerts.cooldown_weeks", 0, 104)
    levels = alert_levels()
    fail_on = a.get("fail_on_level", "warning" if "warning" in levels else levels[-1])
    if fail_on not in levels:
        raise ConfigError(f"'alerts.fail_on_level' must be one of {', '.join(levels)}, got {fail_on!r}")
    merged = {k: dict(v) for k, v in rules.items()}
    for rule, params in _rule_params({k: v for k, v in a.items() if k in rules}, rules, "alerts").items():
        merged[rule].update(params)

    overrides = []
    ovs = a.get("overrides", [])
    if not isinstance(ovs, list):
        raise ConfigError(
            f"'alerts.overrides' must be an array of tables ([[alerts.overrides]]), got {type(ovs).__name__}"
        )
    for i, ov in enumerate(ovs, 1):
        where = f"alerts.overrides[{i}]"
        _check_keys(ov, OVERRIDE_MATCH + tuple(rules), where)
        match = {k: ov.get(k) for k in OVERRIDE_MATCH}
        for k, v in match.items():
            if v is not None and (not isinstance(v, str) or not v.strip()):
                raise ConfigError(f"'{where}.{k}' must be a non-empty string, got {v!r}")
        if all(v is None for v in match.values()):
            raise ConfigError(f"'{where}' must name at least one of actor, country, province")
        params = _rule_params({k: v for k, v in ov.items() if k in rules}, rules, where)
        if not params:
            raise ConfigError(
                f"'{where}' sets no rule parameters; add a table such as [{where.split('[')[0]}"
                f".{next(iter(rules))}] below it"
            )
        overrides.append(
            Override(**match, settings=tuple(sorted((f"{r}.{k}", v) for r, p in params.items() for k, v in p.items())))
        )

    watch = _watch(data.get("watch", {}))

    settings = AlertSettings(
        rules=_frozen_rules(merged), overrides=tuple(overrides), cooldown_weeks=cooldown, fail_on_level=fail_on
    )
    settings.to_rule_config()  # trends.alert's own checks (e.g. bands must increase); names the key
    return RunConfig(
        paths=paths,
        week=week,
        horizon=horizon,
        models=models,
        recent_weeks=recent,
        backtest=backtest,
        alerts=settings,
        watch=watch,
        engine=engine,
        scheduler=scheduler.strip() or None,
        source=source,
    )


def _engine(value, key: str) -> str:
    if value not in ENGINES:
        raise ConfigError(f"'{key}' must be one of {', '.join(ENGINES)}, got {value!r}")
    return value


def _watch(w) -> WatchList:
    _check_keys(w, WATCH_KEYS, "watch")
    lists = {}
    for key in ("families", "actors"):
        v = w.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            raise ConfigError(f"'watch.{key}' must be a list of non-empty strings, got {v!r}")
        lists[key] = tuple(x.strip() for x in v)
    known = registry_families()
    for fam in lists["families"]:
        if known and fam not in known:
            close = difflib.get_close_matches(fam, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"'watch.families': unknown family '{fam}'{hint}; choose from {', '.join(known)}")
    inc = w.get("include_unmatched", False)
    if not isinstance(inc, bool):
        raise ConfigError(f"'watch.include_unmatched' must be true or false, got {inc!r}")
    return WatchList(families=lists["families"], actors=lists["actors"], include_unmatched=inc)


def registry_families() -> tuple[str, ...]:
    """Families of the shipped alias registry (trends/data/actor_aliases.csv), sorted; () if it cannot be read."""
    try:
        import csv
        from importlib.resources import files

        with (files("trends") / "data" / "actor_aliases.csv").open(encoding="utf-8") as f:
            return tuple(sorted({r["actor_family"] for r in csv.DictReader(f) if r.get("actor_family")}))
    except (OSError, KeyError, ImportError):
        return ()


def _models(value) -> str | tuple[str, ...]:
    known = model_names()
    allowed = ("auto",) + (known or ())
    if value == "auto":
        return "auto"
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"'run.models' must be \"auto\" or a list of model names, got {value!r}")
    for n in names:
        if known is not None and n not in known:
            close = difflib.get_close_matches(n, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"'run.models': unknown model '{n}'{hint}; choose \"auto\" or from {', '.join(known)}")
    return tuple(names)


def example_config() -> str:
    """A commented trends.toml with every key at its default; `load_config` reads it back unchanged."""
    rules = default_rules()
    levels = alert_levels()
    fail_default = "warning" if "warning" in levels else levels[-1]
    known = model_names()
    lines = [
        "# trends.toml: settings for the scheduled weekly run (`trends run --config trends.toml`).",
        "# Relative paths are relative to this file's folder. Check a file with `trends config --check FILE`.",
        "",
        "[paths]",
        'db = "trends.duckdb"          # the event store (DuckDB file); `trends run --db` overrides it',
        'inbox = "inbox"               # new files dropped here are ingested; already-ingested files (same SHA-256)',
        '                              # are skipped. "" = no inbox',
        'reports = "reports"           # the report goes to <reports>/<week>/ (report.html, report.md, alerts.json ...)',
        'alerts_json = ""              # optional extra copy of the week\'s alerts.json, e.g. "/srv/feed/alerts.json"',
        "",
        "[run]",
        'week = "latest"               # "latest" = the latest complete week in the store, or an ISO week "2019-W48"',
        "horizon = 8                   # forecast weeks after the reported week, 1-12",
        'models = "auto"               # "auto" (local level; sparse for new series), or a list of model names'
        + (f"\n                              # from: {', '.join(known)}" if known else ""),
        "recent_weeks = 12             # weeks of events read for the report, 4-520 (the map shows the last 4 weeks,",
        "                              # the evidence lists show the reported week's events)",
        "backtest = true               # rolling-origin skill (4 origins in the past year) in the methods section",
        'engine = "local"              # where model fits and backtests run: "local" or "dask" (pip install',
        '                              # "trends[dask]"; pays off on a real cluster, see docs/weekly.md)',
        'scheduler = ""                # dask scheduler address, e.g. "tcp://10.0.0.5:8786"; "" = a local cluster',
        "",
        "# Which actors the weekly job covers (alerts, rising/falling, headline, figures). Every armed group on",
        "# either side of an event has a series; by default only actors the alias registry knows are covered, so",
        "# militias that only appear as the other side (SDF, Koglweogo ...) raise no alerts. Counts stay complete",
        "# in the store and in `trends weekly`.",
        "[watch]",
        "families = []                 # registry families to cover; [] = every family. One or more of:",
        f"                              # {', '.join(registry_families())}",
        'actors = []                   # extra canonical actors covered whatever their family, e.g. ["SDF"]',
        "include_unmatched = false     # true = also actors the registry does not know (every series)",
        "",
        "[alerts]",
        "cooldown_weeks = 4            # a series quiet for fewer weeks than this keeps its alert open (one alert,",
        "                              # first seen / last seen) instead of raising a new one",
        f'fail_on_level = "{fail_default}"     # `trends run --fail-on-alert` exits 3 when an alert at or above this',
        f"                              # level is raised; one of {', '.join(levels)} (lowest first)",
    ]
    docs = _rule_docs()
    for rule, params in rules.items():
        lines += [""] + [f"# {d}" for d in docs.get(rule, [])] + [f"[alerts.{rule}]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in params.items()]
    some_rule = next(iter(rules))
    some_key = next((k for k, v in rules[some_rule].items() if not isinstance(v, bool)), None)
    lines += [
        "",
        "# Per-actor / per-country / per-province thresholds: any of actor, country, province; the most specific",
        "# matching override wins. Names are the canonical ones (`trends actors`). Uncomment to use:",
        "# [[alerts.overrides]]",
        '# country = "Burkina Faso"',
        f"# [alerts.overrides.{some_rule}]",
    ]
    if some_key:
        lines.append(f"# {some_key} = {_toml_value(rules[some_rule][some_key])}")
    return "\n".join(lines) + "\n"


def _rule_docs() -> dict[str, list[str]]:
    """The first paragraph of each rule's settings docstring in trends.alert, as comment lines."""
    import textwrap

    inst = RuleConfig()
    out = {}
    for name in RULES:
        doc = (type(getattr(inst, name)).__doc__ or "").strip().split("\n\n")[0]
        out[name] = textwrap.wrap(" ".join(doc.split()), 112)
    return out


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if v is None:
        return '""'
    return repr(v)
