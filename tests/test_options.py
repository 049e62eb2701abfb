"""Choosing among options: one check that names the choices, one "did you mean" for typos."""

from __future__ import annotations

import pytest

from analysis.options import OptionError, check_choice, did_you_mean


@pytest.mark.parametrize(
    "word, choices, expected",
    [
        ("catgory", ["none", "category", "source"], "category"),
        ("m", ["W", "M", "Q"], "M"),  # the same letter in another case wins over any other choice
        ("Category", ["none", "category"], "category"),
        ("--reprot", ["--report", "--params", "--out"], "--report"),
        ("top_m", ["top_n", "group_by"], "top_n"),
        ("xyzzy", ["none", "category"], None),  # nothing alike: no guess
        ("tax", [], None),
        (7, [5, 70, "seven"], "70"),  # non-text values are compared as text
    ],
)
def test_did_you_mean_finds_the_intended_choice(word, choices, expected):
    assert did_you_mean(word, choices) == expected


def test_check_choice_returns_a_valid_value():
    assert check_choice("group_by", "source", ["none", "source"]) == "source"


@pytest.mark.parametrize(
    "value, choices, hint",
    [
        ("catgory", ["none", "category"], " Did you mean 'category'?"),
        ("w", ["D", "W", "M"], " Did you mean 'W'?"),
        ("xyzzy", ["none", "category"], ""),
    ],
)
def test_check_choice_names_the_choices_and_the_closest(value, choices, hint):
    with pytest.raises(OptionError) as error:
        check_choice("freq", value, choices)
    message = str(error.value)
    assert message == f"freq={value!r} is not valid; choose one of {', '.join(map(repr, choices))}.{hint}"
    assert "\n" not in message
