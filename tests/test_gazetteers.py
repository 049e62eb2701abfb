"""Tests for analysis.gazetteers: places, listed companies and legal forms read from libraries."""

from __future__ import annotations

import pytest

from analysis import gazetteers


@pytest.mark.parametrize(
    "name, subtype",
    [
        ("Manchester", "city"),
        ("Milwaukee", "city"),
        ("Derbyshire", "region"),
        ("Ohio", "region"),
        ("Warner", ""),
        ("the", ""),
        ("Xqzt", ""),
    ],
)
def test_place_subtype(name, subtype):
    assert gazetteers.place_subtype(name) == subtype


@pytest.mark.parametrize(
    "name, listed", [("Siemens", True), ("Nokia", True), ("Xqzt Widgets", False), ("Group", False)]
)
def test_company_name(name, listed):
    assert bool(gazetteers.company_name(name)) is listed


def test_legal_forms_hold_the_usual_suffixes_and_no_common_words():
    forms = gazetteers.legal_forms()
    assert {"Inc", "AG", "GmbH", "plc", "SpA"} <= forms
    assert not {"as", "and", "the"} & forms


def test_built_gazetteers_are_cached_per_library_version(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"Kestrel": "city"}

    assert gazetteers._cached("test", build, ("pyyaml",)) == {"Kestrel": "city"}
    assert gazetteers._cached("test", build, ("pyyaml",)) == {"Kestrel": "city"}
    assert len(calls) == 1  # the second call read the file
    assert list((tmp_path / "analysis").glob("test-pyyaml*.json"))
    # a corrupt cache file is rebuilt, not trusted
    next((tmp_path / "analysis").glob("test-pyyaml*.json")).write_text("{not json")
    assert gazetteers._cached("test", build, ("pyyaml",)) == {"Kestrel": "city"}
    assert len(calls) == 2
