"""The frame shapes every module agrees on, in one place.

Each frame is a pandas DataFrame with the columns below, in this order, with these
dtypes. Functions that build a frame finish with ``conform(frame, NAME)`` so the
columns and dtypes are exactly these; tests and readers call ``validate(frame, NAME)``.

Offsets (``start``/``end``) are character offsets into the article's ``text`` column:
``articles.text[start:end]`` gives back the sentence, token or mention.

Article text layout: ``text`` is the whole article as read, the title first, then a
blank line, then the body (``title + "\\n\\n" + body``; a title-only article is just
the title). The title is therefore sentence 0 of every article (``is_title`` is True)
and every offset, title included, points into one string.

Example:
    >>> from analysis.schemas import empty
    >>> list(empty("sentences").columns)[:4]
    ['doc_id', 'sent_id', 'start', 'end']
"""

from __future__ import annotations

import pandas as pd

from .errors import SchemaError

STR = "string"
INT = "int64"
NINT = "Int64"  # nullable integer
FLOAT = "float64"
BOOL = "bool"
DATETIME = "datetime64[ns]"  # naive, UTC

SCHEMAS: dict[str, dict[str, str]] = {
    # one row per article
    "articles": {
        "doc_id": STR,  # unique; path relative to the corpus root without suffix (POSIX), or file:row
        "title": STR,
        "text": STR,  # title + "\n\n" + body; all offsets index this string
        "published": DATETIME,  # may be NaT
        "source": STR,
        "url": STR,
        "category": STR,
        "path": STR,  # file the article came from (relative to the corpus root)
        "published_raw": STR,  # the published value as the input gave it (time zone and all); "" when none
        "language": STR,  # ISO 639-1 code ("en", "de"...) or "und" (analysis.language)
        "duplicate_of": STR,  # doc_id of the kept copy of the same story, <NA> for kept articles (analysis.duplicates)
    },
    # one row per input problem; severity "error" (could not be read: nothing loaded) or
    # "warning" (loaded with a caveat, or an exact duplicate dropped because the user asked)
    "problems": {
        "path": STR,
        "line": NINT,  # 1-based line/row in the file, <NA> when it concerns the whole file
        "severity": STR,
        "reason": STR,
    },
    # one row per sentence; sent_id 0 is the title
    "sentences": {
        "doc_id": STR,
        "sent_id": INT,
        "start": INT,
        "end": INT,
        "text": STR,
        "is_title": BOOL,
    },
    # VADER scores, added to sentences by analysis.sentiment
    "sentence_scores": {
        "neg": FLOAT,
        "neu": FLOAT,
        "pos": FLOAT,
        "compound": FLOAT,
    },
    # the news tone, added to scored sentences by analysis.tone (actor names silenced, news lexicon)
    "sentence_tone": {
        "tone": FLOAT,  # VADER's compound rules on the news-adjusted reading, -1..+1
        "tone_words": STR,  # words that gave valence, "word:+1.20 word:-0.80" ("" for none)
        "tone_starts": STR,  # each of those words' start offset in the article text, space-separated
    },
    # one row per token; tok_id counts from 0 within the article
    "tokens": {
        "doc_id": STR,
        "sent_id": INT,
        "tok_id": INT,
        "start": INT,
        "end": INT,
        "token": STR,  # exactly text[start:end]
        "norm": STR,  # lower case
        "is_stop": BOOL,
        "is_word": BOOL,  # alphabetic
        "stem": STR,  # NLTK Snowball (English)
    },
    # one row per actor mention
    "mentions": {
        "doc_id": STR,
        "sent_id": INT,
        "start": INT,
        "end": INT,
        "surface": STR,  # exactly text[start:end]
        "actor": STR,  # canonical name
        "actor_type": STR,  # person | organization | location | other
        "source": STR,  # dictionary | discovered
        "backend": STR,  # what found it: "dictionary", "rules", "spacy", ...
        "subtype": STR,  # person, party, company, club, media outlet, country, city, nationality, work, event ... or ""
        "self_reference": BOOL,  # an outlet named as a publisher names itself ("told BBC News", "BBC Sport")
    },
    # one row per direct quotation
    "quotes": {
        "doc_id": STR,
        "sent_id": INT,
        "start": INT,  # the quoted words, without quote marks
        "end": INT,
        "quote": STR,
        "speaker": STR,  # canonical actor name, or the speaker phrase when unresolved
        "speaker_type": STR,
        "cue": STR,  # what attributed it: said_after, said_before, pronoun, continuation, ... (quotes.CUES)
        "confidence": FLOAT,  # 0-1: how direct the cue and how sure the name; 0 for "unknown"
    },
    # one row per key finding of a report (analysis.findings), most important first
    "findings": {
        "finding": STR,  # one sentence, Markdown emphasis allowed
        "value": FLOAT,  # the number the sentence rests on
        "section": STR,  # id of the report section that shows the table behind it
    },
}

#: the group of an article without a value for the grouping (no category, no date): the same
#: label in every report's tables, so "(none)" in one is "(none)" in the others
MISSING_GROUP = "(none)"

SCHEMAS["scored_sentences"] = {**SCHEMAS["sentences"], **SCHEMAS["sentence_scores"]}
SCHEMAS["toned_sentences"] = {**SCHEMAS["scored_sentences"], **SCHEMAS["sentence_tone"]}
# mentions.csv of the actor report: every mention, and whether its actor is the corpus's own outlet
SCHEMAS["mentions_table"] = {**SCHEMAS["mentions"], "self_outlet": BOOL}

# Columns a frame may lack (added later; frames built by hand or read from older prepared
# corpora): ``conform`` adds them empty (<NA>: "not known"), ``validate`` does not require them.
OPTIONAL: dict[str, frozenset[str]] = {"articles": frozenset({"published_raw", "language", "duplicate_of"})}


def columns(name: str) -> list[str]:
    """Column names of a frame shape, in order."""
    return list(_schema(name))


def empty(name: str) -> pd.DataFrame:
    """An empty frame of the named shape, with the right dtypes."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in _schema(name).items()})


def conform(frame: pd.DataFrame, name: str, *, keep_extra: bool = False) -> pd.DataFrame:
    """Return a copy with the schema's columns first, cast to the schema's dtypes.

    Missing schema columns raise SchemaError, but for the ``OPTIONAL`` ones, which become
    <NA>. Extra columns are dropped unless ``keep_extra`` (articles keep the extra columns
    of the input files).
    """
    schema = _schema(name)
    optional = OPTIONAL.get(name, frozenset())
    missing = [c for c in schema if c not in frame.columns and c not in optional]
    if missing:
        raise SchemaError(f"{name} frame lacks columns {missing}")
    out = {}
    for col, dtype in schema.items():
        if col not in frame.columns:
            out[col] = pd.Series(pd.NA, index=range(len(frame)), dtype=dtype)
            continue
        series = frame[col]
        if dtype == DATETIME:
            series = pd.to_datetime(series, errors="coerce", utc=True).dt.tz_localize(None)
            series = series.astype(DATETIME)
        else:
            series = series.astype(dtype)
        out[col] = series.reset_index(drop=True)
    result = pd.DataFrame(out)
    if keep_extra:
        for col in frame.columns:
            if col not in schema:
                result[col] = frame[col].reset_index(drop=True)
    return result


def validate(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check a frame against its schema; return it unchanged or raise SchemaError."""
    schema = _schema(name)
    missing = [c for c in schema if c not in frame.columns and c not in OPTIONAL.get(name, ())]
    if missing:
        raise SchemaError(f"{name} frame lacks columns {missing}")
    wrong = {
        col: str(frame[col].dtype)
        for col, dtype in schema.items()
        if col in frame.columns and not _dtype_matches(frame[col].dtype, dtype)
    }
    if wrong:
        raise SchemaError(f"{name} frame has wrong dtypes {wrong}; expected {[schema[c] for c in wrong]}")
    return frame


def _dtype_matches(actual, expected: str) -> bool:
    if expected == STR:
        return pd.api.types.is_string_dtype(actual) or isinstance(actual, pd.CategoricalDtype)
    if expected == DATETIME:
        return pd.api.types.is_datetime64_dtype(actual)
    if expected in (INT, NINT):
        return pd.api.types.is_integer_dtype(actual)
    if expected == FLOAT:
        return pd.api.types.is_float_dtype(actual)
    if expected == BOOL:
        return pd.api.types.is_bool_dtype(actual)
    return str(actual) == expected


def _schema(name: str) -> dict[str, str]:
    try:
        return SCHEMAS[name]
    except KeyError:
        raise SchemaError(f"unknown frame shape {name!r}; known: {sorted(SCHEMAS)}") from None
