"""One helper to check string options, so every error names the valid choices, and one
"did you mean" for every typo the package answers (option values, parameters, commands)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .errors import OptionError

#: how alike a typo and a choice must be to suggest it (difflib's ratio, 0..1)
CLOSE_ENOUGH = 0.6


def did_you_mean(word: object, choices: Iterable[object]) -> str | None:
    """The choice a typo most likely meant, or None when none is close enough.

    The same letters in another case win (``m`` meant ``M``); otherwise the most alike
    choice, ignoring case, if it is at least ``CLOSE_ENOUGH`` alike.

    Example:
        >>> did_you_mean("catgory", ["none", "category"]), did_you_mean("m", ["W", "M"]), did_you_mean("xyz", ["a"])
        ('category', 'M', None)
    """
    folded: dict[str, str] = {}
    for choice in map(str, choices):
        folded.setdefault(choice.casefold(), choice)  # the first of choices that differ only in case
    word = str(word).casefold()
    if word in folded:
        return folded[word]
    close = difflib.get_close_matches(word, list(folded), n=1, cutoff=CLOSE_ENOUGH)
    return folded[close[0]] if close else None


def check_choice(name: str, value, choices: Iterable) -> object:
    """Return ``value`` if it is one of ``choices``, else raise a one-line OptionError.

    Example:
        >>> check_choice("group_by", "category", ["none", "category"])
        'category'
    """
    choices = list(choices)
    if value in choices:
        return value
    close = did_you_mean(value, choices)
    hint = f" Did you mean {close!r}?" if close else ""
    raise OptionError(f"{name}={value!r} is not valid; choose one of {', '.join(map(repr, choices))}.{hint}")
