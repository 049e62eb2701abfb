"""First names and their usual gender, from the US census lists shipped in the ``names`` package.

A capitalised word that is a common first name is strong evidence that the words after it name a
person ("Jordan Henderson"); the gender is what a pronoun ("she said") needs to find its speaker.
The lists are read from the installed package: nothing is downloaded.

Example:
    >>> gender_of("Margaret"), gender_of("John"), gender_of("Xq")
    ('female', 'male', '')
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

# census names that are far more often ordinary words or places in the news than first names
# (a word list read across: the formatter leaves it packed)
_NOT_FIRST_NAMES = frozenset({
    "China", "Paris", "Jordan", "Chelsea", "Israel", "Georgia", "Victoria", "Carolina", "Florida", "Virginia",
    "Dakota", "Asia", "India", "Kenya", "Egypt", "Santa", "May", "June", "April", "August", "Will", "Mark",
    "Bill", "Art", "Guy", "Rob", "Sun", "Star", "Rose", "Hope", "Faith", "Joy", "Grace", "Rich", "Royal",
    "King", "Page", "Young", "Long", "Brown", "Gay", "Major", "General", "Chance", "Sharp", "Dusty", "Storm",
    "Sandy", "Rusty", "Summer", "Winter", "Autumn", "Dawn", "Eve", "Miles", "Sterling", "Lane", "Ray",
    "Houston", "Austin", "Dallas", "Denver", "Phoenix", "Cleveland", "Orlando", "Jackson", "Lincoln", "Madison",
    "Sydney", "Florence", "Adelaide", "Regina", "Charlotte", "Savannah", "Memphis", "Tyrone", "Kent", "Derby",
})  # fmt: skip


def _census_file(name: str) -> Path | None:
    spec = importlib.util.find_spec("names")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / name
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Title-case first name -> "male", "female" or "either" (both lists, within a factor of 4).

    Example:
        >>> first_names()["Susan"]
        'female'
    """
    freq: dict[str, dict[str, float]] = {}
    for gender in ("male", "female"):
        path = _census_file(f"dist.{gender}.first")
        if path is None:
            continue
        for line in path.read_text(encoding="ascii", errors="replace").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                freq.setdefault(parts[0].title(), {})[gender] = float(parts[1])
    out = {}
    for name, by in freq.items():
        if name in _NOT_FIRST_NAMES:
            continue
        m, f = by.get("male", 0.0), by.get("female", 0.0)
        out[name] = "male" if m > 4 * f else "female" if f > 4 * m else "either"
    return out


def gender_of(first_name: str) -> str:
    """The usual gender of a first name: "male", "female", "either", or "" when unknown."""
    return first_names().get(first_name.strip().title(), "")
