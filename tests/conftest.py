"""Shared fixtures: `con`, a fresh in-memory store with sql/ applied."""

import pytest

from trends import store


@pytest.fixture
def con():
    c = store.connect(":memory:")
    yield c
    c.close()
