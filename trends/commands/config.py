"""Print an example trends.toml or check one.

`trends run` reads its settings (paths, week, models, alert thresholds per rule and per actor or country,
cooldown, the level --fail-on-alert counts from) from a trends.toml. Unknown keys and bad values are errors that
name the key and the allowed values (exit 2).

Example:
  trends config --example > trends.toml     # every key at its default, with comments
  trends config --check trends.toml         # exit 0 and a summary if valid, exit 2 and the problem if not
"""

from __future__ import annotations

import sys

from ..config import example_config, load_config
from ..errors import UsageError


def add_arguments(parser) -> None:
    g = parser.add_mutually_exclusive_group(required=True)
    g.add_argument("--example", action="store_true", help="print a commented trends.toml with every default")
    g.add_argument("--check", metavar="FILE", help="validate FILE and print the settings it resolves to")


def run(args) -> int:
    if args.example:
        sys.stdout.write(example_config())
        return 0
    cfg = load_config(args.check)
    if cfg is None:  # pragma: no cover - load_config raises instead
        raise UsageError("no configuration")
    p = cfg.paths
    print(f"{args.check}: OK")
    print(f"  db           {p.db}")
    print(f"  inbox        {p.inbox or '(none)'}")
    print(f"  reports      {p.reports}")
    print(f"  week         {cfg.week or 'latest complete week in the store'}")
    print(f"  models       {cfg.models if cfg.models == 'auto' else ', '.join(cfg.models)}; horizon {cfg.horizon}")
    print(
        f"  alerts       cooldown {cfg.alerts.cooldown_weeks} weeks; --fail-on-alert counts "
        f"'{cfg.alerts.fail_on_level}' and above; {len(cfg.alerts.overrides)} override(s)"
    )
    return 0
