"""Normaliser: actor aliases and rebrands, country names, province gazetteer (variants, accents, fuzzy safety)."""

import datetime as dt
import importlib.resources

import pandas as pd
import pytest

from trends.errors import UsageError
from trends.normalize import FAMILIES, ActorRegistry, Gazetteer, add_actor_alias, is_armed_group, key, split_sides


@pytest.fixture(scope="module")
def reg():
    return ActorRegistry.load()


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def test_key_folds_accents_case_apostrophes_and_punctuation():
    assert key("Şalāḩ ad Dīn  Province") == "salah ad din province"
    assert key("Karbalā’") == key("Karbala")
    assert key("Jama'at Nusrat al-Islam wal-Muslimin") == "jamaat nusrat al islam wal muslimin"
    assert key("  ISIS-K ") == "isis k"
    assert key(None) == "" and key(float("nan")) == ""


@pytest.mark.parametrize(
    "alias, actor, family",
    [
        # Islamic State core: UCDP labels every branch 'IS'
        ("ISIS", "Islamic State", "Islamic State"),
        ("ISIL", "Islamic State", "Islamic State"),
        ("IS", "Islamic State", "Islamic State"),
        ("Daesh", "Islamic State", "Islamic State"),
        ("islamic state", "Islamic State", "Islamic State"),
        # provinces
        ("ISKP", "ISKP", "Islamic State"),
        ("IS-K", "ISKP", "Islamic State"),
        ("ISIS-K", "ISKP", "Islamic State"),
        ("Islamic State Khorasan Province", "ISKP", "Islamic State"),
        ("Wilayat Khorasan", "ISKP", "Islamic State"),
        ("ISWAP", "ISWAP", "Islamic State"),
        ("West Africa Province", "ISWAP", "Islamic State"),
        ("IS Sahel", "IS Sahel", "Islamic State"),
        ("ISGS", "IS Sahel", "Islamic State"),
        ("Islamic State in the Greater Sahara", "IS Sahel", "Islamic State"),
        # al-Qaida and affiliates
        ("JNIM", "JNIM", "al-Qaida"),
        ("Jama'at Nusrat al-Islam wal-Muslimin", "JNIM", "al-Qaida"),
        ("Support for Islam and Muslims", "JNIM", "al-Qaida"),
        ("AQAP", "AQAP", "al-Qaida"),
        ("AQIM", "AQIM", "al-Qaida"),
        ("Al-Shabaab", "al-Shabaab", "al-Qaida"),
        ("al-Shabaab", "al-Shabaab", "al-Qaida"),
        ("Ansar Dine", "Ansar Dine", "al-Qaida"),
        ("MUJAO", "MUJAO", "al-Qaida"),
        ("al-Murabitun", "al-Murabitun", "al-Qaida"),
        ("FLM", "Katiba Macina", "al-Qaida"),
        ("Tanzim Hurras ad-Din", "Hurras al-Din", "al-Qaida"),
        # Boko Haram under its UCDP names
        ("Boko Haram", "Boko Haram", "Boko Haram (JAS)"),
        ("JAS", "Boko Haram", "Boko Haram (JAS)"),
        ("Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "Boko Haram", "Boko Haram (JAS)"),
        ("Ansaru", "Ansaru", "Boko Haram (JAS)"),
        # Taliban / TTP
        ("TTP", "TTP", "Taliban/TTP"),
        ("Taleban", "Taliban", "Taliban/TTP"),
        ("TTP - MR", "TTP", "Taliban/TTP"),
        ("Jamaat-ul-Ahrar", "Jamaat-ul-Ahrar", "Taliban/TTP"),
        # others named in the data README
        ("Ansaroul Islam", "Ansaroul Islam", "other"),
        ("Ansar al-Islam", "Ansar al-Islam", "other"),
        ("Liwa al-Aqsa", "Liwa al-Aqsa", "other"),
        ("ASG", "Abu Sayyaf", "other"),
    ],
)
def test_every_alias_family_resolves(reg, alias, actor, family):
    assert reg.resolve(alias) == (actor, family, True)
    assert family in FAMILIES


@pytest.mark.parametrize(
    "alias",
    [
        "Jabhat al-Nusra",
        "Nusra Front",
        "Jabhat Fateh al-Sham",
        "HTS",
        "Hayat Tahrir al-Sham",
        "Headquarters for the Liberation of Al-Sham",
    ],
)
@pytest.mark.parametrize(
    "day, actor",
    [
        ("2014-05-01", "Jabhat al-Nusra"),
        ("2016-07-27", "Jabhat al-Nusra"),  # last day before the July 2016 rebrand
        ("2016-07-28", "Jabhat Fateh al-Sham"),  # valid_from is inclusive
        ("2017-01-27", "Jabhat Fateh al-Sham"),
        ("2017-01-28", "Hayat Tahrir al-Sham"),  # valid_to of JFS is exclusive
        ("2019-06-01", "Hayat Tahrir al-Sham"),
    ],
)
def test_nusra_lineage_follows_rebrand_dates(reg, alias, day, actor):
    assert reg.resolve(alias, on=dt.date.fromisoformat(day)) == (actor, "HTS/Nusra", True)
    assert reg.resolve(alias, on=pd.Timestamp(day)).actor == actor


def test_undated_lineage_name_is_itself_or_the_current_name(reg):
    assert reg.resolve("Jabhat al-Nusra").actor == "Jabhat al-Nusra"
    assert reg.resolve("Jabhat Fateh al-Sham").actor == "Jabhat Fateh al-Sham"
    assert reg.resolve("HTS").actor == "Hayat Tahrir al-Sham"


def test_ansar_bayt_al_maqdis_becomes_sinai_province(reg):
    assert reg.resolve("Ansar Bayt al-Maqdis", on="2014-01-01") == ("Ansar Bayt al-Maqdis", "other", True)
    assert reg.resolve("Ansar Bayt al-Maqdis", on="2015-01-01") == ("IS Sinai", "Islamic State", True)


def test_unknown_names_are_kept_as_written(reg):
    assert reg.resolve("  Southern   Front ") == ("Southern Front", None, False)
    assert reg.resolve("SDF", on="2018-01-01") == ("SDF", None, False)
    assert reg.resolve(None) == ("", None, False)


def test_every_jihadist_actor_in_the_sample_matches(reg):
    path = importlib.resources.files("trends") / "data" / "ucdp_ged_jihadist_events.parquet"
    df = pd.read_parquet(path, columns=["x_jihadist_actors"])
    names = {n for v in df["x_jihadist_actors"] for n in v.split("; ")}
    assert names and not [n for n in names if not reg.resolve(n).matched]


def test_user_rows_win_over_shipped_rows(con):
    add_actor_alias(con, "IS", "ISWAP", "Islamic State", valid_from="2016-08-01")
    add_actor_alias(con, "Yan Gora", "Civilian JTF", "militia")
    reg = ActorRegistry.load(con)
    assert reg.resolve("IS", on="2017-01-01").actor == "ISWAP"
    assert reg.resolve("Yan Gora") == ("Civilian JTF", "militia", True)
    assert reg.resolve("ISIS").actor == "Islamic State"  # other keys untouched
    with pytest.raises(UsageError, match="valid-from 2020-01-01 must be before valid-to 2019-01-01"):
        add_actor_alias(con, "X", "Y", "other", "2020-01-01", "2019-01-01")


def test_split_sides_and_armed_groups():
    assert split_sides("HTS, Southern Front") == ["HTS", "Southern Front"]
    assert split_sides("MUJAO, Signed-in-Blood Battalion") == ["MUJAO", "Signed-in-Blood Battalion"]
    assert split_sides("IS") == ["IS"] and split_sides("") == [] and split_sides(None) == []
    assert is_armed_group("IS") and is_armed_group("Southern Front")
    for name in [
        "Government of Mali",
        "Civilians",
        "",
        None,
        "Military Forces of Nigeria (2015-)",
        "Civilians (Nigeria)",
    ]:
        assert not is_armed_group(name), name


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("Syria", "Syria"),
        ("Syrian Arab Republic", "Syria"),
        ("Iraq", "Iraq"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("DR Congo (Zaire)", "DR Congo"),
        ("Russia (Soviet Union)", "Russia"),
        ("Yemen (North Yemen)", "Yemen"),
        ("United States of America", "United States"),
        ("NGA", "Nigeria"),
        ("Atlantis", "Atlantis"),
    ],
)
def test_country_names(gaz, raw, canonical):
    assert gaz.country(raw) == canonical


@pytest.mark.parametrize(
    "country, raw, province",
    [
        ("Syria", "Deir ez-Zor", "Deir ez-Zor"),
        ("Syria", "Deir ez Zor Governorate", "Deir ez-Zor"),
        ("Syria", "Dayr az Zawr", "Deir ez-Zor"),
        ("Syria", "DEIR EZ ZOR", "Deir ez-Zor"),
        ("Iraq", "Salah al-Din", "Salah al-Din"),
        ("Iraq", "Salah ad Din", "Salah al-Din"),
        ("Iraq", "Şalāḩ ad Dīn province", "Salah al-Din"),
        ("Iraq", "Nineveh", "Nineveh"),
        ("Iraq", "Ninawa", "Nineveh"),
        ("Iraq", "Nīnawá province", "Nineveh"),
        ("Iraq", "Al-Anbar", "Anbar"),
        ("Iraq", "Anbar", "Anbar"),
        ("Iraq", "Al Anbār province", "Anbar"),
        ("Iraq", "Kirkūk province", "Kirkuk"),
        ("Iraq", "At-Ta'mim province", "Kirkuk"),
        ("Iraq", "Al Başrah  province", "Basra"),
        ("Iraq", "Maysān  province", "Maysan"),
        ("Mali", "Ménaka region", "Menaka"),
        ("Mali", "Menaka", "Menaka"),
        ("Mali", "Segou region", "Segou"),
        ("Mali", "Ségou", "Segou"),
        ("Mali", "Mopti region", "Mopti"),
        ("Nigeria", "Borno state", "Borno"),
        ("Nigeria", "Niger state", "Niger"),
        ("Benin", "Atacora department", "Atacora"),
        ("Ivory Coast", "Comoé district", "Comoe"),
        ("Burkina Faso", "Centre Nord region", "Centre-Nord"),
        ("Burkina Faso", "Centre region", "Centre"),
    ],
)
def test_province_variants(gaz, country, raw, province):
    assert gaz.resolve(country, raw) == (province, True)


def test_every_adm1_in_the_shipped_sample_resolves(gaz):
    path = importlib.resources.files("trends") / "data" / "ucdp_ged_jihadist_events.parquet"
    df = pd.read_parquet(path, columns=["country", "adm_1"]).dropna().drop_duplicates()
    missing = [(c, a) for c, a in df.itertuples(index=False) if not gaz.resolve(c, a).matched]
    assert len(df) > 70 and missing == []


def test_empty_and_unknown_provinces_are_kept(gaz):
    assert gaz.resolve("Iraq", None) == (None, False)
    assert gaz.resolve("Iraq", "  ") == (None, False)
    assert gaz.resolve("Iraq", "Atlantis  province") == ("Atlantis", False)
    assert gaz.resolve("Atlantis", "North region") == ("North", False)


def test_fuzzy_matches_only_safe_typos(gaz):
    assert gaz.resolve("Nigeria", "Adamawaa State") == ("Adamawa", True)  # one extra letter
    assert gaz.resolve("Syria", "Idleb") == ("Idleb", False)  # 5 letters, ratio 80: too risky
    assert gaz.resolve("Nigeria", "Bornu") == ("Bornu", False)
    assert gaz.resolve("Niger", "Borno") == ("Borno", False)  # never across countries
    assert gaz.resolve("Burkina Faso", "Centre Nord Est") == ("Centre Nord Est", False)


@pytest.mark.parametrize("country", ["Iraq", "Syria", "Mali", "Niger", "Nigeria", "Burkina Faso", "Benin"])
def test_no_province_resolves_to_another(gaz, country):
    """Each canonical name, and each one with a one-letter typo, resolves to itself or stays unmatched."""
    names = gaz.provinces(country)
    assert len(names) >= 5
    for name in names:
        assert gaz.resolve(country, name) == (name, True)
        typo = name[:-1] + ("x" if name[-1] != "x" else "y")
        got = gaz.resolve(country, typo)
        assert got.province in (name, typo), (name, typo, got)


def test_user_province_alias_wins(con):
    con.execute(
        "insert into province_aliases (country, alias, alias_key, province, source) "
        "values ('Iraq', 'Mosul', 'mosul', 'Nineveh', 'user'), ('Mali', 'Gao', 'gao', 'Menaka', 'user')"
    )
    gaz = Gazetteer.load(con)
    assert gaz.resolve("Iraq", "Mosul") == ("Nineveh", True)
    assert gaz.resolve("Mali", "Gao region") == ("Menaka", True)
