"""The top-level help lists every command; a stray % in a docstring once broke it."""

from trends import cli


def test_top_level_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in cli.COMMANDS:
        assert f"\n    {name}" in out, name


def test_unknown_command_is_a_usage_error(capsys):
    assert cli.main(["no-such-command"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_running_one_command_imports_only_that_command():
    # `trends sql` should not pay for importing the forecast models (scipy.stats, statsmodels) to build its parser
    import subprocess
    import sys

    code = (
        "import sys; from trends import cli; cli.main(['sql', '--help'])\n"
        "print('trends.commands.forecast' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
