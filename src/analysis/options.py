"""One helper to check string options, so every error names the valid choices."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class OptionError(ValueError):
    """An option or parameter value is not one of the accepted choices."""


def check_choice(name: str, value, choices: Iterable) -> object:
    """Return ``value`` if it is one of ``choices``, else raise a one-line OptionError.

    Example:
        >>> check_choice("group_by", "category", ["none", "category"])
        'category'
    """
    choices = list(choices)
    if value in choices:
        return value
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise OptionError(f"{name}={value!r} is not valid; choose one of {', '.join(map(repr, choices))}.{hint}")
