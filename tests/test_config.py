"""trends.config: trends.toml loading and validation, and `trends config`."""

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from trends.cli import main
from trends.config import RunConfig, alert_levels, config_from_dict, default_rules, example_config, load_config
from trends.errors import ConfigError


def _write(tmp_path, text: str) -> Path:
    p = tmp_path / "trends.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_example_loads_back_to_the_defaults(tmp_path):
    p = _write(tmp_path, example_config())
    cfg = load_config(p)
    assert cfg.week is None and cfg.horizon == 8 and cfg.models == "auto"
    assert cfg.paths.db == tmp_path / "trends.duckdb"  # relative to the file's folder
    assert cfg.paths.inbox == tmp_path / "inbox"
    assert cfg.paths.alerts_json is None
    assert {r: dict(p) for r, p in cfg.alerts.rules.items()} == default_rules()
    assert cfg.alerts.fail_on_level == RunConfig().alerts.fail_on_level == "warning"


def test_example_lists_every_rule_parameter():
    data = tomllib.loads(example_config())
    for rule, params in default_rules().items():
        assert set(data["alerts"][rule]) == set(params), rule


def test_values_are_read(tmp_path):
    rule, params = next(iter(default_rules().items()))
    num_key = next(k for k, v in params.items() if isinstance(v, (int, float)) and not isinstance(v, bool))
    p = _write(
        tmp_path,
        f"""
[paths]
db = "/data/x.duckdb"
inbox = ""
[run]
week = "2019-W48"
horizon = 4
[alerts]
cooldown_weeks = 2
fail_on_level = "{alert_levels()[0]}"
[alerts.{rule}]
{num_key} = 7
[[alerts.overrides]]
country = "Nigeria"
[alerts.overrides.{rule}]
{num_key} = 9
[[alerts.overrides]]
country = "Nigeria"
actor = "ISWAP"
[alerts.overrides.{rule}]
{num_key} = 11
""",
    )
    cfg = load_config(p)
    assert cfg.paths.db == Path("/data/x.duckdb") and cfg.paths.inbox is None
    assert cfg.week == dt.date(2019, 11, 25) and cfg.horizon == 4
    assert cfg.alerts.cooldown_weeks == 2 and cfg.alerts.fail_on_level == alert_levels()[0]
    assert cfg.alerts.rules_for("JNIM", "Mali", "Mopti")[rule][num_key] == 7
    assert cfg.alerts.rules_for("Boko Haram", "Nigeria", "Borno")[rule][num_key] == 9
    assert cfg.alerts.rules_for("ISWAP", "Nigeria", "Borno")[rule][num_key] == 11  # most specific wins


@pytest.mark.parametrize(
    "text, match",
    [
        ("[run]\nhorizn = 4\n", r"unknown key 'run.horizn'; did you mean 'run.horizon'\?"),
        ("[paths]\ndatabase = 'x'\n", r"unknown key 'paths.database'.*Allowed keys in \[paths\]: alerts_json, db"),
        ("[runs]\n", r"unknown key 'runs'; did you mean 'run'\?"),
        ("[run]\nhorizon = 0\n", r"'run.horizon' must be an integer from 1 to 12, got 0"),
        ("[run]\nhorizon = '8'\n", r"'run.horizon' must be an integer from 1 to 12, got '8'"),
        ("[run]\nweek = '2019-W60'\n", r"'run.week'.*2019-W60"),
        ("[run]\nbacktest = 'yes'\n", r"'run.backtest' must be true or false"),
        ("[alerts]\nfail_on_level = 'critical'\n", r"'alerts.fail_on_level' must be one of"),
        ("[alerts]\ncooldown_weeks = -1\n", r"'alerts.cooldown_weeks' must be an integer from 0"),
        ("[alerts.nope]\nx = 1\n", r"unknown key 'alerts.nope'"),
        ("[[alerts.overrides]]\nactor = 'IS'\n", r"'alerts.overrides\[1\]' sets no rule parameters"),
        ("[run\n", r"not valid TOML"),
    ],
)
def test_bad_config_names_the_key(tmp_path, text, match):
    with pytest.raises(ConfigError, match=match):
        load_config(_write(tmp_path, text))


def test_bad_rule_parameter_names_the_key():
    rule, params = next(iter(default_rules().items()))
    key = next(iter(params))
    with pytest.raises(ConfigError, match=rf"unknown key 'alerts.{rule}.{key}x'; did you mean 'alerts.{rule}.{key}'"):
        config_from_dict({"alerts": {rule: {key + "x": 1}}})
    num_key = next(k for k, v in params.items() if isinstance(v, (int, float)) and not isinstance(v, bool))
    with pytest.raises(ConfigError, match=rf"'alerts.{rule}.{num_key}' must be a non-negative"):
        config_from_dict({"alerts": {rule: {num_key: "high"}}})
    with pytest.raises(ConfigError, match=rf"'alerts.overrides\[1\].{rule}.{num_key}' must be a non-negative"):
        config_from_dict({"alerts": {"overrides": [{"actor": "IS", rule: {num_key: -3}}]}})


def test_override_must_match_something():
    rule, params = next(iter(default_rules().items()))
    k, v = next(iter(params.items()))
    with pytest.raises(ConfigError, match="must name at least one of actor, country, province"):
        config_from_dict({"alerts": {"overrides": [{rule: {k: v}}]}})


def test_missing_file_says_how_to_make_one(tmp_path):
    with pytest.raises(ConfigError, match="does not exist; `trends config --example"):
        load_config(tmp_path / "nope.toml")


def test_config_is_frozen():
    cfg = RunConfig()
    with pytest.raises(AttributeError):
        cfg.horizon = 3
    with pytest.raises(TypeError):
        cfg.alerts.rules["x"] = {}
    assert cfg.with_week("2019-W48").week == dt.date(2019, 11, 25) and cfg.week is None


def test_cli_example_and_check(tmp_path, capsys):
    assert main(["config", "--example"]) == 0
    text = capsys.readouterr().out
    p = _write(tmp_path, text)
    assert main(["config", "--check", str(p)]) == 0
    assert f"{p}: OK" in capsys.readouterr().out
    p.write_text(text.replace("horizon = 8", "horizon = 80"))
    assert main(["config", "--check", str(p)]) == 2
    assert "'run.horizon' must be an integer from 1 to 12, got 80" in capsys.readouterr().err


def test_alert_stage_checks_are_reported_with_the_key(tmp_path):
    pytest.importorskip("trends.alert")
    with pytest.raises(ConfigError, match=r"alerts.surge.bands must be 3 increasing numbers"):
        load_config(_write(tmp_path, "[alerts.surge]\nbands = [5.0, 3.0, 2.0]\n"))
    with pytest.raises(ConfigError, match=r"'alerts.surge.bands' must be a list of 3 numbers"):
        load_config(_write(tmp_path, "[alerts.surge]\nbands = [2.0, 3.0]\n"))


def test_maps_onto_the_alert_rule_config(tmp_path):
    alert = pytest.importorskip("trends.alert")
    cfg = load_config(
        _write(
            tmp_path,
            """
[alerts]
cooldown_weeks = 2
[alerts.surge]
min_count = 6
[[alerts.overrides]]
actor = "JNIM"
country = "Mali"
[alerts.overrides.surge]
min_count = 9
[[alerts.overrides]]
country = "Mali"
[alerts.overrides.surge]
min_count = 7
""",
        )
    )
    rc = cfg.alerts.to_rule_config()
    assert isinstance(rc, alert.RuleConfig) and rc.cooldown_weeks == 2 and rc.surge.min_count == 6
    assert rc.for_series("JNIM", "Mali", "Mopti").surge.min_count == 9  # most specific wins
    assert rc.for_series("IS Sahel", "Mali", "Mopti").surge.min_count == 7
    assert rc.for_series("JNIM", "Burkina Faso", "Sahel").surge.min_count == 6


def test_watch_list_defaults_validation_and_matching():
    from trends.config import WatchList, config_from_dict
    from trends.errors import ConfigError

    assert config_from_dict({}).watch == WatchList()
    w = config_from_dict({"watch": {"families": ["al-Qaida"], "actors": ["SDF"]}}).watch
    assert w.watches("JNIM", "al-Qaida") and w.watches("SDF", None)
    assert not w.watches("Islamic State", "Islamic State") and not w.watches("Koglweogo", None)
    default = WatchList()
    assert default.watches("Islamic State", "Islamic State") and not default.watches("Koglweogo", None)
    assert WatchList(include_unmatched=True).watches("Koglweogo", None)
    with pytest.raises(ConfigError, match=r"unknown family 'al-Qaeda' \(did you mean 'al-Qaida'\?\)"):
        config_from_dict({"watch": {"families": ["al-Qaeda"]}})
    with pytest.raises(ConfigError, match="'watch.include_unmatched' must be true or false"):
        config_from_dict({"watch": {"include_unmatched": "yes"}})
    with pytest.raises(ConfigError, match="unknown key 'watch.family'; did you mean 'watch.families'"):
        config_from_dict({"watch": {"family": []}})


def test_recent_weeks_below_the_maps_four_weeks_is_refused(tmp_path):
    """The report's map shows the 4 weeks up to the reported one: fewer weeks of events would leave it short
    while its title still says 4 weeks."""
    from trends.errors import ConfigError

    p = tmp_path / "trends.toml"
    p.write_text("[run]\nrecent_weeks = 3\n")
    with pytest.raises(ConfigError, match=r"'run.recent_weeks' must be an integer from 4 to 520, got 3"):
        load_config(p)
    p.write_text("[run]\nrecent_weeks = 4\n")
    assert load_config(p).recent_weeks == 4
