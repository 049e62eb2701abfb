"""The project's English stopword list, read from ``resources/stopwords_english.txt``.

Stopwords are the function words a word-frequency table hides by default. The list
is the project's own (documented in the resource file); negations ("no", "not",
"nor", "never", "n't", "without", "against") are deliberately *not* stopwords,
because they flip the meaning of what follows and sentiment and keyness analyses
need them. Users change the set per call with ``add`` and ``remove``.

Example:
    >>> from analysis.stopwords import stopword_set
    >>> "the" in stopword_set(), "not" in stopword_set()
    (True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from . import paths

STOPWORDS_FILE = paths.RESOURCES / "stopwords_english.txt"


@lru_cache(maxsize=1)
def _default_stopwords() -> frozenset[str]:
    words = set()
    for line in STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.add(entry.lower())
    return frozenset(words)


def stopword_set(*, add: Iterable[str] = (), remove: Iterable[str] = ()) -> frozenset[str]:
    """The project's English stopwords, with words added or removed.

    Words are compared in lower case (``tokens.norm``), so entries given here are
    lower-cased too.

    Args:
        add: extra words to treat as stopwords (e.g. "said" for news).
        remove: words to keep as content words.

    Returns:
        A frozenset of lower-case words.

    Example:
        >>> words = stopword_set(add=["said"], remove=["he"])
        >>> "said" in words, "he" in words
        (True, False)
    """
    if isinstance(add, str) or isinstance(remove, str):
        raise TypeError("stopword_set: add and remove take a list of words, not one string; wrap it in a list")
    words = set(_default_stopwords())
    words |= {w.lower() for w in add}
    words -= {w.lower() for w in remove}
    return frozenset(words)
