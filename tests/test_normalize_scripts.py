"""Names in non-Latin scripts: keys keep every script's letters, an empty key never matches, Arabic names count."""

import csv
import io

import pytest

from trends import cli, store
from trends.errors import UsageError
from trends.normalize import ActorRegistry, add_actor_alias, is_armed_group, key


@pytest.fixture(scope="module")
def reg():
    return ActorRegistry.load()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الدولة الإسلامية", "الدوله الاسلاميه"),  # alef with hamza below -> alef, taa marbuta -> heh
        ("داعش", "داعش"),
        ("جبهة النُّصرة", "جبهه النصره"),  # shadda and damma (harakat) dropped
        ("هيئـــة تحرير الشام", "هييه تحرير الشام"),  # tatweel dropped; yeh with hamza -> yeh
        ("ٱلشباب", "الشباب"),  # alef wasla -> alef
        ("تحریک طالبان پاکستان", "تحريك طالبان پاكستان"),  # Urdu yeh and kaf -> Arabic
        ("ﻻ", "لا"),  # presentation forms (NFKC)
        ("Исламское  Государство", "исламское государство"),
        ("Ёлка", "елка"),
        ("伊斯兰国", "伊斯兰国"),
        ("हिन्दी नाम", "हिन्दी नाम"),  # Devanagari vowel signs are letters' parts: kept
        ("Ἀθῆναι", "αθηναι"),
        ("٢٠١٩", "2019"),  # Arabic-Indic digits
        ("ＩＳＩＳ", "isis"),  # full-width
        ("Şalāḩ ad Dīn  Province", "salah ad din province"),
        ("Gəncə", "gence"),
        ("Ħamrun", "hamrun"),  # Latin letters without a decomposition, folded by hand
    ],
)
def test_key_keeps_letters_of_every_script(text, expected):
    assert key(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "...", "ـــ", "—/—", "ʿʾ"])
def test_key_without_letters_or_digits_is_empty(text):
    assert key(text) == ""


def test_harakat_and_alef_variants_give_one_key():
    assert key("الدَّوْلَة الإِسْلامِيَّة") == key("الدولة الاسلامية") == key("الدولة الإسلامية")
    assert key("أنصار") == key("انصار") == key("إنصار") == key("آنصار")


@pytest.mark.parametrize(
    "alias, actor, family",
    [
        ("الدولة الإسلامية", "Islamic State", "Islamic State"),
        ("داعش", "Islamic State", "Islamic State"),
        ("الدولة الاسلامية في العراق والشام", "Islamic State", "Islamic State"),
        ("هيئة تحرير الشام", "Hayat Tahrir al-Sham", "HTS/Nusra"),
        ("حراس الدين", "Hurras al-Din", "al-Qaida"),
        ("ولاية غرب أفريقيا", "ISWAP", "Islamic State"),
        ("ولاية غرب إفريقيا", "ISWAP", "Islamic State"),
        ("ولاية خراسان", "ISKP", "Islamic State"),
        ("ولاية سيناء", "IS Sinai", "Islamic State"),
        ("جماعة نصرة الإسلام والمسلمين", "JNIM", "al-Qaida"),
        ("الشباب", "al-Shabaab", "al-Qaida"),
        ("حركة الشباب المجاهدين", "al-Shabaab", "al-Qaida"),
        ("بوكو حرام", "Boko Haram", "Boko Haram (JAS)"),
        ("القاعدة في جزيرة العرب", "AQAP", "al-Qaida"),
        ("طالبان", "Taliban", "Taliban/TTP"),
        ("Исламское государство", "Islamic State", "Islamic State"),
        ("ИГИЛ", "Islamic State", "Islamic State"),
        ("Талибан", "Taliban", "Taliban/TTP"),
        ("Боко Харам", "Boko Haram", "Boko Haram (JAS)"),
        ("伊斯兰国", "Islamic State", "Islamic State"),
        ("塔利班", "Taliban", "Taliban/TTP"),
    ],
)
def test_shipped_registry_knows_other_scripts(reg, alias, actor, family):
    assert reg.resolve(alias) == (actor, family, True)


#: the Arabic names as the groups' Wikipedia articles (and the UN 1267 list for Boko Haram) give them,
#: written as those sources write them (hamza, taa marbuta), checked against the shipped registry.
ARABIC_AS_SOURCES_WRITE_THEM = [
    ("الدولة الإسلامية في العراق والشام", "Islamic State"),  # en.wikipedia: Islamic State of Iraq and the Levant
    ("الدولة الإسلامية", "Islamic State"),  # Wikidata official name (ar)
    ("داعش", "Islamic State"),
    ("جبهة النصرة لأهل الشام", "Jabhat al-Nusra"),  # dated: the name of 2012-2016
    ("جبهة فتح الشام", "Jabhat Fateh al-Sham"),
    ("هيئة تحرير الشام", "Hayat Tahrir al-Sham"),
    ("حركة الشباب المجاهدين", "al-Shabaab"),
    ("الشباب", "al-Shabaab"),
    ("جماعة أهل السنة للدعوة والجهاد", "Boko Haram"),  # Jama'atu Ahlis Sunna Lidda'awati wal-Jihad
    ("جماعة اهل السنة للدعوة والجهاد", "Boko Haram"),  # the same without hamza, as some pages write it
    ("جماعة نصرة الإسلام والمسلمين", "JNIM"),
    ("تنظيم حراس الدين", "Hurras al-Din"),
    ("تنظيم القاعدة في جزيرة العرب", "AQAP"),
    ("تنظيم قاعدة الجهاد في جزيرة العرب", "AQAP"),
    ("أنصار الشريعة في اليمن", "AQAP"),  # AQAP's name in Yemen (the UN lists it as an alias of AQAP)
    ("جماعة أنصار الشريعة", "Ansar al-Sharia"),  # the name of several groups (Yemen, Libya, Tunisia)
    ("أنصار الشريعة", "Ansar al-Sharia"),
]


@pytest.mark.parametrize("alias, actor", ARABIC_AS_SOURCES_WRITE_THEM)
def test_arabic_names_of_the_main_groups_as_sources_write_them(reg, alias, actor):
    day = "2014-01-01" if actor == "Jabhat al-Nusra" else "2016-09-01" if actor == "Jabhat Fateh al-Sham" else None
    got = reg.resolve(alias, on=day) if day else reg.resolve(alias, on="2019-06-01")
    assert got[0] == actor and got[2], got


@pytest.mark.parametrize("alias", ["جبهة النصرة", "جبهة فتح الشام", "هيئة تحرير الشام", "Джебхат ан-Нусра"])
@pytest.mark.parametrize(
    "day, actor",
    [("2015-01-01", "Jabhat al-Nusra"), ("2016-08-01", "Jabhat Fateh al-Sham"), ("2019-06-01", "Hayat Tahrir al-Sham")],
)
def test_arabic_nusra_names_follow_the_rebrand_dates(reg, alias, day, actor):
    assert reg.resolve(alias, on=day) == (actor, "HTS/Nusra", True)


def test_unknown_arabic_name_is_kept_and_armed(reg):
    assert reg.resolve("كتيبة مجهولة الاسم") == ("كتيبة مجهولة الاسم", None, False)
    assert is_armed_group("كتيبة الفرقان") and is_armed_group("الدولة الإسلامية")
    for name in ["حكومة العراق", "الحكومة السورية", "المدنيين", "مدنيون", "Правительство России", "Мирные жители"]:
        assert not is_armed_group(name), name


def test_empty_key_is_never_stored(con):
    for alias in ["...", "ـــ", "  —  "]:
        with pytest.raises(UsageError, match="has no letters or digits to match on"):
            add_actor_alias(con, alias, "Islamic State", "Islamic State")
    assert con.execute("select count(*) from actor_aliases").fetchone()[0] == 0


def test_empty_key_row_left_by_an_older_version_matches_nothing(con):
    # what `actors --add` stored before keys kept Arabic letters: alias_key ''
    con.execute(
        "insert into actor_aliases (alias, alias_key, actor, actor_family, source) "
        "values ('***', '', 'Islamic State', 'Islamic State', 'user')"
    )
    reg = ActorRegistry.load(con)
    assert reg.resolve("###") == ("###", None, False)
    assert reg.resolve("") == ("", None, False)
    assert "***" not in reg and reg.names_for("!!") == set()


EVENTS = """event_id,event_date,actor,counterpart,country,province,fatalities
ar-1,2019-03-04,الدولة الإسلامية,Government of Syria,Syria,Deir ez-Zor,3
ar-2,2019-03-06,الدولة الإسلامية,,Syria,Deir ez-Zor,1
ar-3,2019-03-12,جبهة النصرة,,Syria,Idlib,2
ar-4,2019-03-13,كتيبة الفرقان,,Syria,Idlib,4
"""


@pytest.fixture
def arabic_db(tmp_path, capsys):
    src = tmp_path / "arabic.csv"
    src.write_text(EVENTS, encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    assert cli.main(["ingest", "--db", db, "--today", "2024-01-01", str(src)]) == 0
    capsys.readouterr()
    return db


def _weekly(db, capsys):
    assert cli.main(["weekly", "--db", db, "--format", "csv"]) == 0
    return [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["events"] != "0"]


def test_arabic_named_actors_get_series_rows_and_are_counted(arabic_db, capsys):
    con = store.connect(arabic_db, read_only=True)
    ea = dict(con.execute("select event_id, actor from event_actors where role = 'actor'").fetchall())
    con.close()
    assert ea == {
        "ar-1": "Islamic State",
        "ar-2": "Islamic State",
        "ar-3": "Hayat Tahrir al-Sham",
        "ar-4": "كتيبة الفرقان",
    }
    got = {(r["actor"], r["province"], r["week"]): r["events"] for r in _weekly(arabic_db, capsys)}
    assert got == {
        ("Islamic State", "Deir ez-Zor", "2019-03-04"): "2",
        ("Hayat Tahrir al-Sham", "Idlib", "2019-03-11"): "1",
        ("كتيبة الفرقان", "Idlib", "2019-03-11"): "1",
    }


def test_adding_an_arabic_alias_relabels_only_that_name(arabic_db, capsys):
    assert (
        cli.main(
            ["actors", "--db", arabic_db, "--add", "كتيبة الفرقان", "--actor", "Katibat al-Furqan", "--family", "other"]
        )
        == 0
    )
    capsys.readouterr()
    con = store.connect(arabic_db, read_only=True)
    got = dict(con.execute("select event_id, actor from events").fetchall())
    con.close()
    # the Nusra Front written in Arabic keeps its own name (it was relabelled Islamic State when keys were '')
    assert got == {
        "ar-1": "Islamic State",
        "ar-2": "Islamic State",
        "ar-3": "Hayat Tahrir al-Sham",
        "ar-4": "Katibat al-Furqan",
    }


def test_actors_add_refuses_an_alias_without_letters(arabic_db, capsys):
    assert (
        cli.main(["actors", "--db", arabic_db, "--add", "...", "--actor", "Islamic State", "--family", "Islamic State"])
        == 2
    )
    assert capsys.readouterr().err.strip() == (
        "Error: alias '...' has no letters or digits to match on; give the name as written in the data"
    )
