"""Shared test fixtures: the one way tests reach ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("ANALYSIS_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ../shared/data; skips the test with a reason when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the shared research data at {SHARED_DATA} (absent on this machine)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    return PROJECT_ROOT / "data" / "sample"


def pytest_collection_modifyitems(config, items):
    """Mark tests by what they need, from the fixtures they use (directly or through other
    fixtures), so `-m "not shared"` leaves out every test that reads ../shared/data."""
    for item in items:
        if "shared_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)
