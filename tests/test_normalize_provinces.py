"""Second-level ISO subdivisions used as admin-1 (Philippine provinces, Burkina Faso provinces)."""

import pytest

from trends.normalize import Gazetteer


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.mark.parametrize(
    "country, raw, province",
    [
        ("Philippines", "Lanao del Sur", "Lanao del Sur"),  # UCDP/GTD write the province, ISO level 2
        ("Philippines", "Lanao del Sur province", "Lanao del Sur"),
        ("Philippines", "Sulu", "Sulu"),
        ("Philippines", "Basilan", "Basilan"),
        ("Burkina Faso", "Soum", "Soum"),  # a province of the Sahel region
        ("Burkina Faso", "Oudalan Province", "Oudalan"),
        ("Burkina Faso", "Sahel", "Sahel"),  # the region itself stays a region
        ("Burkina Faso", "Centre-Nord", "Centre-Nord"),
    ],
)
def test_second_level_names_resolve_to_themselves(gaz, country, raw, province):
    assert gaz.resolve(country, raw) == (province, True)


def test_second_level_is_exact_only_and_not_listed(gaz):
    assert gaz.resolve("Philippines", "Lanao del Sux") == ("Lanao del Sux", False)  # no fuzzy at level 2
    assert "Lanao del Sur" not in gaz.provinces("Philippines")
    assert "Soum" not in gaz.provinces("Burkina Faso")
    # first-level names are unchanged by the second-level index
    for name in gaz.provinces("Burkina Faso"):
        assert gaz.resolve("Burkina Faso", name) == (name, True)
