"""Shared fixtures: `con`, a fresh in-memory store with sql/ applied."""

import os
import tempfile

import pytest

from trends import store


@pytest.fixture
def con():
    c = store.connect(":memory:")
    yield c
    c.close()


# built gazetteers (trends.ingest.names) are cached between processes; the suite keeps its own cache
os.environ.setdefault("TRENDS_CACHE_DIR", tempfile.mkdtemp(prefix="trends-test-cache-"))
