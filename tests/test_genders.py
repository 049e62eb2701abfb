"""Tests for analysis.genders: first names and titles to he/she."""

from __future__ import annotations

import pytest

from analysis import genders


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Tessa", "f"),
        ("PATRICIA", "f"),
        ("Gordon", "m"),
        ("nick", "m"),
        ("Kim", None),
        ("Jean", None),
        ("Xqzzy", None),
        ("", None),
    ],
)
def test_first_name_gender(name, expected):
    assert genders.first_name_gender(name) == expected


@pytest.mark.parametrize("title, expected", [("mr", "m"), ("sir", "m"), ("mrs", "f"), ("ms", "f"), ("dame", "f")])
def test_titles(title, expected):
    assert genders.TITLES[title] == expected


def test_the_cache_is_used_and_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    genders._name_sets.cache_clear()
    try:
        women, men = genders._name_sets()
        assert "tessa" in women and "gordon" in men
        assert list((tmp_path / "analysis").glob("first_names-*.pickle"))
        genders._name_sets.cache_clear()
        assert genders._name_sets() == (women, men)  # read back from the cache
    finally:
        genders._name_sets.cache_clear()


def test_missing_name_list_is_a_one_line_error(monkeypatch):
    def missing(name):
        raise genders.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(genders.metadata, "version", missing)
    genders._name_sets.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="pip install nomquamgender"):
            genders.first_name_gender("Tessa")
    finally:
        genders._name_sets.cache_clear()


def test_name_list_registered_without_its_files_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # no cached list to fall back on
    monkeypatch.setattr(genders.importlib.util, "find_spec", lambda name: None)
    genders._name_sets.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"registered but its files are not; reinstall it \(pip install"):
            genders.first_name_gender("Tessa")
    finally:
        genders._name_sets.cache_clear()
