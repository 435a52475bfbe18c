"""`trends demo` (first version): builds the store from the shipped sample and lists rising series."""
import re

from trends import cli, store


def test_demo_builds_store_and_prints_rising_series(tmp_path, capsys):
    db = tmp_path / "demo.duckdb"
    assert cli.main(["demo", "--db", str(db), "--out", str(tmp_path / "reports"), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "accepted 17897, rejected 0" in out
    assert re.search(r"top rising series, \d{4}-W\d\d to 2021-W52 vs the 52 weeks before", out)
    rows = [line for line in out.splitlines() if re.match(r"\s+\S.*\d+\.\d\d\s+\d+\.\d\d\s+\d+\.\d$", line)]
    assert 1 <= len(rows) <= 3
    assert cli.main(["demo", "--db", str(db)]) == 0            # second run: sample already there
    assert "already in" in capsys.readouterr().out
    con = store.connect(db, read_only=True)
    assert con.execute("select count(*) from batches").fetchone()[0] == 1
    con.close()
