"""Issue 10's ingest items: no traceback on bad input, ids for files without event_id, --replace, unknown
countries, and the silent coercions made explicit. The corpus test runs every bad-input class in every format."""

import datetime as dt
import gzip
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from trends import cli, ingest, store
from trends.errors import InputFileError, TrendsError

TODAY = "2024-06-01"
HEAD = "event_id,event_date,actor,country,province,fatalities"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_bytes(text.encode() if isinstance(text, str) else text)
    return p


def rejected(con):
    return con.execute("select row_number, field, reason, raw_record from rejected_rows order by row_number").df()


def counts(con):
    return con.execute("select (select count(*) from events), (select count(*) from rejected_rows)").fetchone()


# ------------------------------------------------------------------------------------------ one bad value, one row
BAD_VALUES = {  # value of one row's field -> (field, words in the reason)
    "offset": ("event_date", "2020-01-07T10:00:00+05:00", None),  # accepted: the date as written
    "big_count": ("fatalities", "2147483648", "too large"),
    "huge_count": ("fatalities", "1e19", "too large"),
    "inf_count": ("fatalities", "inf", "not a finite number"),
    "future_2999": ("event_date", "2999-01-01", "in the future"),
    "pre_1900": ("event_date", "1850-03-01", "before 1900"),
    "ambiguous": ("event_date", "01/02/2019", "--date-format"),
    "not_a_date": ("event_date", "soon", "is not a date"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
@pytest.mark.parametrize("kind", ["csv", "jsonl", "parquet"])
def test_one_bad_value_rejects_only_its_row(con, tmp_path, case, kind):
    field, value, words = BAD_VALUES[case]
    rows = [
        {
            "event_id": f"r{i}",
            "event_date": f"2020-01-0{i}",
            "actor": "ISIS",
            "country": "Iraq",
            "province": "Anbar",
            "fatalities": "1",
        }
        for i in range(1, 4)
    ]
    rows[1][field] = value
    df = pd.DataFrame(rows)
    p = tmp_path / f"f.{kind}"
    if kind == "csv":
        df.to_csv(p, index=False)
    elif kind == "jsonl":
        p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    else:
        df.to_parquet(p)
    res = ingest.ingest_file(con, p, today=TODAY, max_bad_share=1.0)
    assert res.rows_read == 3 == res.rows_accepted + res.rows_rejected
    if words is None:
        assert res.rows_rejected == 0
        assert str(con.execute("select event_date from events where event_id = 'r2'").fetchone()[0]) == "2020-01-07"
    else:
        assert [(r.row, r.field) for r in res.rejections] == [(2, field)]
        assert words in res.rejections[0].reason


def test_json_values_that_are_not_values(con, tmp_path):
    lines = [
        {"event_date": "2020-01-06", "actor": "ISIS", "country": "Iraq", "fatalities": 1},
        {"event_date": "2020-01-07", "actor": {"name": "ISIS"}, "country": "Iraq"},
        {"event_date": "2020-01-08", "actor": "ISIS", "country": ["Iraq", "Syria"]},
        {"event_date": "2020-01-09", "actor": "ISIS", "country": "Iraq", "fatalities": True},
    ]
    p = write(tmp_path, "v.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n")
    res = ingest.ingest_file(con, p, today=TODAY, max_bad_share=1.0)
    got = {r.row: (r.field, r.reason) for r in res.rejections}
    assert got[2][0] == "actor" and "JSON object" in got[2][1]
    assert got[3][0] == "country" and "JSON array" in got[3][1]
    assert got[4][0] == "fatalities" and "'true' is not a number" in got[4][1]  # true is not a count
    assert res.rows_accepted == 1


def test_json_array_file(con, tmp_path):
    recs = [
        {"event_date": "2020-01-06", "actor": "ISIS", "country": "Iraq"},
        {"event_date": "bad", "actor": "ISIS", "country": "Iraq"},
    ]
    p = write(tmp_path, "a.json", json.dumps(recs))
    res = ingest.ingest_file(con, p, today=TODAY, max_bad_share=1.0)
    assert (res.rows_read, res.rows_accepted, res.rejections[0].row) == (2, 1, 2)
    assert json.loads(rejected(con).iloc[0]["raw_record"])["event_date"] == "bad"


def test_parquet_list_column_is_a_rejected_row(con, tmp_path):
    t = pa.table(
        {
            "event_date": ["2020-01-06", "2020-01-07"],
            "actor": ["ISIS", "ISIS"],
            "country": ["Iraq", "Iraq"],
            "tags": pa.array([None, ["a", "b"]], type=pa.list_(pa.string())),
        }
    )
    pq.write_table(t, tmp_path / "l.parquet")
    res = ingest.ingest_file(con, tmp_path / "l.parquet", today=TODAY, max_bad_share=1.0)
    assert [(r.row, r.field) for r in res.rejections] == [(2, "tags")] and "list" in res.rejections[0].reason


def test_csv_truncated_quote_short_last_line_and_long_field(con, tmp_path):
    long = "x" * 200_000
    text = (
        f'{HEAD}\na,2020-01-06,ISIS,Iraq,Anbar,1\nb,2020-01-07,ISIS,Iraq,"{long}",1\n'
        "c,2020-01-08,ISIS,Iraq,Anbar,1\nd,2020-01-09,ISIS,Ir"
    )
    p = write(tmp_path, "t.csv", text)
    res = ingest.ingest_file(con, p, today=TODAY, max_bad_share=1.0)
    assert res.rows_read == 4 and res.rows_accepted == 3  # a 200 KB field is a value like any other
    assert [(r.row, r.field) for r in res.rejections] == [(4, None)] and "cut short" in res.rejections[0].reason
    q = write(tmp_path, "q.csv", f'{HEAD}\na,2020-01-06,ISIS,Iraq,Anbar,1\nb,2020-01-07,"ISIS,Iraq,Anbar,1\n')
    res = ingest.ingest_file(con, q, today=TODAY, max_bad_share=1.0)
    assert [r.row for r in res.rejections] == [2] and "never closed" in res.rejections[0].reason


def test_reasons_show_a_byte_once_and_trailing_space_is_trimmed(con, tmp_path):
    p = write(
        tmp_path,
        "b.csv",
        f"{HEAD}\n".encode() + b"a,2020-01-06 ,ISIS,Mali,S\xe9gou,1\nb,2020-01-07,ISIS,Mali,Segou,1\n",
    )
    res = ingest.ingest_file(con, p, today=TODAY, max_bad_share=1.0)
    assert "'S\\xe9gou'" in res.rejections[0].reason and "\\\\x" not in res.rejections[0].reason
    c = tmp_path / "c.csv"
    c.write_text(f"{HEAD}\na,2020-01-06 ,ISIS,Mali,Segou,1\n")
    assert ingest.ingest_file(con, c, today=TODAY).rows_accepted == 1


# ------------------------------------------------------------------------------------------ whole-file errors
def test_files_that_are_not_events_are_named_for_what_they_are(con, tmp_path):
    cases = {
        "d": (tmp_path / "adir", "is a directory"),
        "gz": (write(tmp_path, "x.csv", gzip.compress(b"a,b\n1,2\n")), "gzip"),
        "xlsx": (write(tmp_path, "x2.csv", b"PK\x03\x04" + b"\x00" * 20 + b"[Content_Types].xml xl/"), "Excel"),
        "utf16": (write(tmp_path, "u.csv", "\ufeffevent_date,actor,country\n".encode("utf-16")), "UTF-16"),
        "dup": (
            write(tmp_path, "h.csv", "event_date,actor,country,actor\n2020-01-06,a,Iraq,b\n"),
            "names column 'actor' twice",
        ),
    }
    (tmp_path / "adir").mkdir()
    for path, words in cases.values():
        with pytest.raises(InputFileError, match=words):
            ingest.ingest_file(con, path)
    # Parquet named .csv is read as what it is
    pd.DataFrame({"event_date": ["2020-01-06"], "actor": ["ISIS"], "country": ["Iraq"]}).to_parquet(tmp_path / "p.csv")
    assert ingest.ingest_file(con, tmp_path / "p.csv", today=TODAY).rows_accepted == 1


CORPUS = {
    "ragged.csv": f"{HEAD}\na,2020-01-06,ISIS,Iraq,Anbar,1,x\nb,2020-01-07,ISIS,Iraq,Anbar,1\n",
    "badbytes.csv": f"{HEAD}\n".encode() + b"a,2020-01-06,IS\xffIS,Iraq,Anbar,1\nb,2020-01-07,ISIS,Iraq,Anbar,1\n",
    "types.csv": f"{HEAD}\na,2020-01-06,ISIS,Iraq,Anbar,inf\nb,2020-01-07T10:00+02:00,ISIS,Iraq,Anbar,99999999999\n"
    "c,2020-01-08T10:00-04:00,ISIS,Iraq,Anbar,3\nd,,,,,\n",
    "bad.jsonl": '{"event_date": "2020-01-06", "actor": "ISIS", "country": "Iraq"}\n{"event_date": \n[1, 2]\n'
    '{"event_date": "2020-01-07", "actor": "ISIS", "country": "Iraq", "fatalities": {"a": 1}}\n',
    "bad.json": '[{"event_date": "2020-01-06", "actor": "ISIS", "country": "Iraq"}, 3]',
    "cut.json": '[{"event_date": "2020-01-06", "actor": "ISIS", "country": "Iraq"}, {"event_',
    "empty.csv": "",
    "blank.jsonl": "\n \n",
    "header.csv": "event_date;actor;country\n",
    "dup.csv": "event_date,actor,actor,country\n",
    "ucdp.csv": "id,side_a,side_b,type_of_violence,country,date_start,date_prec,best\n"
    "1,IS,Government of Iraq,9,Iraq,2020-01-06,1,2\n2,IS,Government of Iraq,1,Iraq,2020-01-06,7,x\n",
    "acled.csv": "event_id_cnty,event_date,actor1,country,time_precision\nA1,15 January 2020,JNIM,Mali,4\n"
    "A2,15 January 2020,JNIM,Mali,1\n",
    "gtd.csv": "eventid,iyear,imonth,iday,gname,country_txt\n1,2017,2,31,IS,Iraq\n2,201,1,1,IS,Iraq\n3,2017,1,1,IS,Iraq\n",
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_input_corpus_never_tracebacks_and_loses_nothing(tmp_path, name):
    con = store.connect(":memory:")
    p = write(tmp_path, name, CORPUS[name])
    try:
        res = ingest.ingest_file(con, p, today=TODAY, max_bad_share=1.0)
    except TrendsError as e:  # a whole-file problem: one clear message naming the file, nothing stored
        assert str(p) in str(e)
        assert counts(con) == (0, 0)
        return
    n_ev, n_rej = counts(con)
    assert res.rows_read == n_ev + n_rej == res.rows_accepted + res.rows_rejected


def test_cli_corpus_exit_codes_without_traceback(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    paths = [str(write(tmp_path, n, t)) for n, t in CORPUS.items()]
    code = cli.main(["ingest", "--db", db, "--today", TODAY, "--max-bad-share", "1", *paths])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err and "Error:" in err


# ------------------------------------------------------------------------------------------ ids and --replace
def test_identical_rows_without_id_are_separate_events_and_reingest_changes_nothing(con, tmp_path):
    text = "event_date,actor,country,fatalities\n2020-01-06,ISIS,Iraq,3\n2020-01-06,ISIS,Iraq,3\n"
    p = write(tmp_path, "same.csv", text)
    res = ingest.ingest_file(con, p, today=TODAY)
    assert (res.rows_accepted, res.rows_new) == (2, 2)
    ids = sorted(r[0] for r in con.execute("select event_id from events").fetchall())
    assert ids[1] == ids[0] + ".2"
    again = ingest.ingest_frame(con, pd.read_csv(p), today=TODAY)  # same rows from another source: unchanged
    assert (again.rows_new, again.rows_unchanged) == (0, 2)


def test_replace_retires_what_the_file_no_longer_has(con, tmp_path):
    t1, t2 = dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1)
    v1 = write(
        tmp_path, "v1.csv", "event_date,actor,country,fatalities\n2020-01-06,ISIS,Iraq,3\n2020-01-07,JNIM,Mali,1\n"
    )
    v2 = write(
        tmp_path, "v2.csv", "event_date,actor,country,fatalities\n2020-01-06,ISIS,Iraq,5\n2020-01-07,JNIM,Mali,1\n"
    )
    ingest.ingest_file(con, v1, dataset="sheet", replace=True, today=TODAY, now=t1)
    res = ingest.ingest_file(con, v2, dataset="sheet", replace=True, today=TODAY, now=t2)
    assert (res.rows_new, res.rows_unchanged, res.rows_retired) == (1, 1, 1)  # fatalities 3 -> 5: one event
    assert con.execute("select count(*), sum(fatalities) from events").fetchone() == (2, 6)
    q = "select count(distinct event_id), sum(fatalities) from event_series_as_of(?::timestamp) where role = 'actor'"
    assert con.execute(q, [t1 + dt.timedelta(days=1)]).fetchone() == (2, 4)  # as of before: the old state
    assert con.execute(q, [t2 + dt.timedelta(days=1)]).fetchone() == (2, 6)
    back = ingest.ingest_file(con, v1, dataset="sheet", replace=True, today=TODAY)  # v1 again is a new state
    assert not back.skipped and back.rows_retired == 1
    assert ingest.ingest_file(con, v1, dataset="sheet", replace=True, today=TODAY).skipped
    other = write(tmp_path, "o.csv", "event_date,actor,country\n2020-01-08,TTP,Pakistan\n")
    ingest.ingest_file(con, other, dataset="other", today=TODAY)
    ingest.ingest_file(con, v2, dataset="sheet", replace=True, today=TODAY)
    assert con.execute("select count(*) from events where dataset = 'other'").fetchone()[0] == 1


def test_replace_needs_a_dataset(tmp_path, capsys):
    p = write(tmp_path, "v.csv", "event_date,actor,country\n2020-01-06,ISIS,Iraq\n")
    assert cli.main(["ingest", "--db", str(tmp_path / "d.duckdb"), "--replace", str(p)]) == 2
    assert "--replace needs --dataset" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------ names and dates
def test_unknown_countries_are_flagged_and_listed(con, tmp_path):
    p = write(
        tmp_path,
        "c.csv",
        "event_date,actor,country\n2020-01-06,ISIS,Irak\n2020-01-07,ISIS,Atlantis\n2020-01-08,ISIS,Iraq\n",
    )
    res = ingest.ingest_file(con, p, today=TODAY)
    assert res.unmatched_countries == {"Atlantis": 1, "Irak": 1}
    assert "unknown countries: Atlantis (1), Irak (1)" in res.summary()
    got = dict(con.execute("select country, country_matched from events").fetchall())
    assert got == {"Irak": False, "Atlantis": False, "Iraq": True}


def test_month_and_year_precision_and_date_format(con, tmp_path):
    p = write(
        tmp_path,
        "d.csv",
        "event_id,event_date,actor,country,date_precision\na,2019-01,ISIS,Iraq,\n"
        "b,2019,ISIS,Iraq,day\nc,2019-03-04,ISIS,Iraq,week\n",
    )
    ingest.ingest_file(con, p, today=TODAY)
    got = {
        i: (str(d), pr)
        for i, d, pr in con.execute("select event_id, event_date, date_precision from events").fetchall()
    }
    assert got == {"a": ("2019-01-01", "month"), "b": ("2019-01-01", "year"), "c": ("2019-03-04", "week")}
    q = write(tmp_path, "e.csv", "event_id,event_date,actor,country\nx,01/02/2019,ISIS,Iraq\ny,25/12/2019,ISIS,Iraq\n")
    res = ingest.ingest_file(con, q, today=TODAY, date_format="%d/%m/%Y")
    assert res.rows_accepted == 2
    assert str(con.execute("select event_date from events where event_id = 'x'").fetchone()[0]) == "2019-02-01"


def test_long_names_are_cut_in_the_summary(con):
    name = "Brigade " + "x" * 300
    res = ingest.ingest_frame(
        con, pd.DataFrame({"event_date": ["2020-01-06"], "actor": [name], "country": ["Iraq"]}), today=TODAY
    )
    line = next(s for s in res.summary().splitlines() if "unknown actors" in s)
    assert len(line) < 150 and "..." in line


def test_cli_places_unmatched_lists_unknown_countries(tmp_path, capsys):
    db = str(tmp_path / "p.duckdb")
    p = write(
        tmp_path,
        "c.csv",
        "event_date,actor,country,province\n2020-01-06,ISIS,Atlantis,North\n"
        "2020-01-07,ISIS,Iraq,Nowhereland\n2020-01-08,ISIS,Iraq,Anbar\n",
    )
    assert cli.main(["ingest", "--db", db, "--today", TODAY, str(p)]) == 0
    capsys.readouterr()
    assert cli.main(["places", "--db", db, "--unmatched", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "kind,name,country,events,first,last"
    assert "country,Atlantis,,1,2020-01-06,2020-01-06" in out and any(",Nowhereland,Iraq,1," in x for x in out)
    assert not any("Anbar" in x for x in out)


def test_csv_is_read_by_duckdb_not_row_by_row(con, tmp_path, monkeypatch):
    """The CSV scanner is DuckDB's: Python's csv module only sees the header and the one rejected line."""
    import csv as csv_module

    calls = []
    real = csv_module.reader

    def counting(lines, *a, **k):
        if isinstance(lines, list):  # trends.ingest hands it lines; the alias registries their own files
            calls.extend(lines)
        return real(lines, *a, **k)

    monkeypatch.setattr(csv_module, "reader", counting)
    rows = [f"e{i},2020-01-{1 + i % 28:02d},ISIS,Iraq,Anbar,1" for i in range(5000)]
    rows[2500] += ",extra"
    p = write(tmp_path, "big.csv", HEAD + "\n" + "\n".join(rows) + "\n")
    res = ingest.ingest_file(con, p, today=TODAY)
    assert (res.rows_read, res.rows_accepted, [r.row for r in res.rejections]) == (5000, 4999, [2501])
    assert calls == [HEAD, rows[2500]]  # the header, and the rejected line to show its fields


def test_report_format_does_not_warn_about_its_own_columns(con, caplog):
    from pathlib import Path

    report = Path(__file__).parent / "fixtures" / "reports" / "dev" / "ctp_march.txt"
    with caplog.at_level("WARNING"):
        res = ingest.ingest_file(con, report, format="report", today="2030-01-01")
    assert res.rows_accepted > 0 and res.format == "report"
    assert not [r for r in caplog.records if "ignoring columns" in r.getMessage()]


def test_unknown_countries_raise_no_expansion_alerts(con, tmp_path):
    from trends.alert import drop_unmatched_expansions

    p = write(tmp_path, "c.csv", "event_date,actor,country\n2020-01-06,ISIS,Irak\n2020-01-08,ISIS,Iraq\n")
    ingest.ingest_file(con, p, today=TODAY)
    alerts = pd.DataFrame(
        {
            "actor": ["Islamic State"] * 3,
            "country": ["Irak", "Iraq", "Irak"],
            "province": ["", "", ""],
            "rule": ["expansion", "expansion", "seasonal"],
        }
    )
    kept = drop_unmatched_expansions(con, alerts)
    assert list(zip(kept["country"], kept["rule"])) == [("Iraq", "expansion"), ("Irak", "seasonal")]


def test_maintained_weekly_cells_follow_revisions_and_retirements(con, tmp_path):
    """series_weeks is refreshed for exactly the cells a batch touched: the weeks and series the old versions
    counted in (moved province, moved week, retired by --replace) as well as the new ones."""
    from trends.series_weeks import check_series_weeks

    first = (
        f"{HEAD}\na,2020-01-06,ISIS,Iraq,Nineveh,1\nb,2020-01-07,ISIS,Iraq,Nineveh,2\n"
        "c,2020-02-03,JNIM,Mali,Mopti,0\nd,2020-03-02,ISIS,Iraq,Anbar,4\n"
    )
    ingest.ingest_file(con, write(tmp_path, "v1.csv", first), today=TODAY, dataset="team")
    assert check_series_weeks(con) == 0
    # a moves province, b moves week, d is gone from the team's sheet, e is new
    second = (
        f"{HEAD}\na,2020-01-06,ISIS,Iraq,Kirkuk,1\nb,2020-01-20,ISIS,Iraq,Nineveh,2\n"
        "c,2020-02-03,JNIM,Mali,Mopti,0\ne,2020-03-09,ISIS,Iraq,Anbar,1\n"
    )
    ingest.ingest_file(con, write(tmp_path, "v2.csv", second), today=TODAY, dataset="team", replace=True)
    assert check_series_weeks(con) == 0
    got = con.execute("""select province, week, events from weekly_counts
                         where actor = 'Islamic State' and events > 0 order by all""").fetchall()
    assert [(p, str(w), n) for p, w, n in got] == [
        ("Anbar", "2020-03-09", 1),
        ("Kirkuk", "2020-01-06", 1),
        ("Nineveh", "2020-01-20", 1),
    ]
