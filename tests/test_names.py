"""Tests for analysis.names: first names and their usual gender (census lists of the names package)."""

from __future__ import annotations

import pytest

from analysis import names


@pytest.mark.parametrize(
    "name, gender",
    [
        ("Margaret", "female"),
        ("john", "male"),
        (" Susan ", "female"),
        ("Xqzt", ""),
        # census names that are far more often places or words in the news are left out
        ("Paris", ""),
        ("Chelsea", ""),
        ("Jordan", ""),
    ],
)
def test_gender_of(name, gender):
    assert names.gender_of(name) == gender


def test_first_names_are_title_case_with_a_gender():
    first = names.first_names()
    assert len(first) > 4000
    assert all(n[:1].isupper() for n in first)
    assert set(first.values()) <= {"male", "female", "either"}
