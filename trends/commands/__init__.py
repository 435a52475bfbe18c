"""CLI subcommands, one module each (see trends/cli.py for the contract)."""
