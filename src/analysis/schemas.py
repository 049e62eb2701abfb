"""The frame shapes every module agrees on, in one place.

Each frame is a pandas DataFrame with the columns below, in this order, with these
dtypes. Functions that build a frame finish with ``conform(frame, NAME)`` so the
columns and dtypes are exactly these; tests and readers call ``validate(frame, NAME)``.

The report tables (every CSV a report writes) have their contracts here too, in
``RESULTS``; ``validate_result(table, NAME)`` checks one.

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

from collections.abc import Iterable

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

# The report tables: one entry per CSV a report writes (named as the file, without .csv), plus
# the tables behind a chart only. The functions that build them return exactly these columns,
# in this order, with these dtypes; tests/test_schemas.py calls each function and checks. Rates
# are per 10,000 words; "score" in the sentiment tables is the score the report was run with
# (the news tone or stock VADER's compound: the ``score`` parameter), never named after one of them.
RESULTS: dict[str, dict[str, str]] = {
    # --- word_frequency (analysis.frequencies)
    # reference_keyness: terms far more common here than in general English
    "about": {
        "term": STR,
        "count": INT,
        "documents": INT,  # articles using the term
        "per_10k": FLOAT,
        "reference_per_10k": FLOAT,  # the same rate in general English (wordfreq)
        "ratio": FLOAT,  # smoothed per_10k / reference_per_10k: 10 = ten times as common as in general English
    },
    # term_counts (with_actor_terms: multiword actor names as single terms)
    "terms": {
        "term": STR,
        "count": INT,
        "documents": INT,
        "per_10k": FLOAT,
    },
    # term_counts(by="group")
    "terms_by_group": {
        "group": STR,
        "term": STR,
        "count": INT,
        "documents": INT,
        "per_10k": FLOAT,  # per 10,000 words of the group
    },
    # ngram_counts (merge_actor_phrases)
    "ngrams": {
        "ngram": STR,  # the words joined by a space
        "n": INT,  # words in the phrase
        "count": INT,
        "documents": INT,  # a lower bound where an actor's spellings were merged
    },
    "collocations": {
        "w1": STR,
        "w2": STR,
        "count": INT,
        "pmi": FLOAT,  # pointwise mutual information (NLTK)
        "llr": FLOAT,  # log-likelihood ratio (NLTK), the ranking
    },
    # distinctive_terms(method="log_odds")
    "distinctive_terms": {
        "group": STR,
        "term": STR,
        "count": INT,  # in the group
        "per_10k": FLOAT,
        "score": FLOAT,  # weighted log-odds z-score, group against the rest; above about 2 is notable
    },
    # distinctive_terms(method="tf_idf")
    "distinctive_tf_idf": {
        "group": STR,
        "term": STR,
        "count": INT,
        "per_10k": FLOAT,
        "score": FLOAT,  # tf-idf, each group one document; 0 for a term every group uses
    },
    # keyness: group a against group b
    "keyness": {
        "term": STR,
        "count_a": INT,
        "count_b": INT,
        "g2": FLOAT,  # Dunning's log-likelihood; 15.13 is p < 0.0001
        "log_ratio": FLOAT,  # log2 of rate in a / rate in b: +1 twice as common in a
        "p_value": FLOAT,
        "more_in": STR,  # a or b; keyness() returns it, the report's keyness.csv leaves it out
    },
    # term_trends
    "trends": {
        "period": DATETIME,  # start of the period
        "term": STR,
        "count": INT,
        "per_10k": FLOAT,  # per 10,000 words published in the period
    },
    "kwic": {
        "doc_id": STR,
        "left": STR,
        "keyword": STR,  # as written in the article
        "right": STR,
        "start": INT,  # the keyword's offsets in the article text
        "end": INT,
    },
    # vocabulary: one row, or one per group with by="group"
    "vocabulary": {
        "group": STR,  # only with by=
        "documents": INT,
        "tokens": INT,
        "types": INT,  # distinct words
        "type_token_ratio": FLOAT,
        "hapax": INT,  # words used once
        "hapax_share": FLOAT,  # hapax / types
        "mean_word_length": FLOAT,  # characters per token
    },
    # zipf_table
    "zipf": {
        "rank": INT,
        "term": STR,
        "count": INT,
        "share": FLOAT,  # of all counted tokens
    },
    # --- sentiment (analysis.sentiment)
    # the scored sentences, as the report writes them (a selection of toned_sentences)
    "sentences": {
        col: dtype
        for col, dtype in {**SCHEMAS["sentences"], **SCHEMAS["sentence_scores"], **SCHEMAS["sentence_tone"]}.items()
        if col in ("doc_id", "sent_id", "text", "neg", "neu", "pos", "compound", "tone", "tone_words")
    },
    # document_tone: one row per article
    "documents": {
        "doc_id": STR,
        "title": STR,
        "published": DATETIME,
        "source": STR,
        "category": STR,
        "sentences": INT,  # sentences scored (titles only with include_title)
        "score": FLOAT,  # mean sentence score; NaN without sentences
        "positive_share": FLOAT,  # of its sentences at or above pos_threshold
        "negative_share": FLOAT,
        "label": STR,  # positive | neutral | negative | no text
    },
    # group_tone
    "groups": {
        "group": STR,
        "documents": INT,
        "score": FLOAT,  # mean article score
        "ci_low": FLOAT,  # bootstrap interval of that mean; NaN without one (n_boot=0)
        "ci_high": FLOAT,
    },
    # tone_drivers: the words that give each group's sentences their valence
    "tone_drivers": {
        "group": STR,
        "side": STR,  # positive | negative
        "rank": INT,
        "word": STR,
        "valence": FLOAT,  # summed over the group's sentences
        "occurrences": INT,
        "share": FLOAT,  # of all the group's valence on that side
    },
    # tone_over_time: every period between the first and last dated article
    "tone_over_time": {
        "period": DATETIME,  # start of the period
        "documents": INT,
        "score": FLOAT,  # mean article score; NaN for a period without articles
        "score_rolling": FLOAT,  # mean of the last `rolling` periods' means
    },
    # extreme_sentences
    "extreme_sentences": {
        "side": STR,  # positive | negative
        "rank": INT,
        "score": FLOAT,  # the sentence's score
        "text": STR,
        "title": STR,
        "doc_id": STR,
        "sent_id": INT,
    },
    # term_tone
    "focus_terms": {
        "term": STR,
        "sentences": INT,  # sentences mentioning it; 0 when not found
        "documents": INT,
        "score": FLOAT,  # mean score of those sentences
        "positive_share": FLOAT,
        "negative_share": FLOAT,
        "vs_all": FLOAT,  # score minus the mean of all sentences
        "term_valence": FLOAT,  # the term's own VADER rating, NaN for an unrated word
    },
    # --- actor_mentions (analysis.actors, analysis.voices)
    # the mentions as the report writes them, flagged when the actor is the corpus's own outlet
    "mentions": {**SCHEMAS["mentions"], "self_outlet": BOOL},
    "quotes": dict(SCHEMAS["quotes"]),
    # actor_table
    "actors": {
        "actor": STR,
        "actor_type": STR,
        "mentions": INT,
        "documents": INT,
        "quotes": INT,  # quotations attributed to the actor
        "tone": FLOAT,  # mean score of the sentences naming the actor; NaN without scored sentences
        "tone_ci_low": FLOAT,  # bootstrap interval of that mean; NaN under two sentences
        "tone_ci_high": FLOAT,
    },
    # comentions: each pair once, actor_a < actor_b
    "comentions": {
        "actor_a": STR,
        "actor_b": STR,
        "sentences": INT,  # naming both
        "documents": INT,
    },
    # unmatched: discovered names the dictionary lacks
    "unmatched": {
        "name": STR,
        "actor_type": STR,
        "mentions": INT,
        "documents": INT,
    },
    # voices: one row per speaker
    "voices": {
        "speaker": STR,
        "speaker_type": STR,
        "quotes": INT,
        "words_quoted": INT,
        "mentions": INT,  # of the speaker as an actor
        "documents": INT,  # articles quoting them
    },
    # share_of_voice (also written as share_of_voice_by_<group_by>)
    "share_of_voice": {
        "group": STR,  # "all" without group_by; MISSING_GROUP for articles without a value
        "speaker_type": STR,
        "subtype": STR,  # only when the mentions have a subtype column
        "quotes": INT,
        "quote_share": FLOAT,  # of the group's quotations
        "mentions": INT,
        "mention_share": FLOAT,  # of the group's mentions
    },
    # quotes_over_time
    "quotes_over_time": {
        "period": DATETIME,  # first day of the period, as in trends and tone_over_time
        "speaker": STR,
        "quotes": INT,
    },
    # actors_over_time: drawn, not written
    "actors_over_time": {
        "period": DATETIME,  # first day of the period
        "actor": STR,
        "mentions": INT,
        "documents": INT,
    },
}

# Result columns that depend on a parameter or the input (see the comments above): a table
# without them still meets its contract; a table with them has them where RESULTS puts them.
RESULT_OPTIONAL: dict[str, frozenset[str]] = {
    "vocabulary": frozenset({"group"}),
    "share_of_voice": frozenset({"subtype"}),
    "keyness": frozenset({"more_in"}),
}


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


def result_columns(name: str, present: Iterable[str] = ()) -> list[str]:
    """Columns of a report table's contract (``RESULTS``), in order; an optional column
    (``RESULT_OPTIONAL``) only when it is among ``present`` (e.g. the table's own columns).

    Example:
        >>> result_columns("vocabulary")[:2], result_columns("vocabulary", present=["group"])[:2]
        (['documents', 'tokens'], ['group', 'documents'])
    """
    optional = RESULT_OPTIONAL.get(name, frozenset())
    return [col for col in _result(name) if col not in optional or col in set(present)]


def validate_result(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check a report table against its contract: exactly the ``RESULTS`` columns, in that
    order (an optional one may be absent), with their dtypes; return it unchanged or raise
    SchemaError. Unlike ``validate``, extra columns are refused: a table is written as it is.

    Example:
        >>> import pandas as pd
        >>> validate_result(pd.DataFrame({"actor_a": ["A"], "actor_b": ["B"], "sentences": [2], "documents": [1]}), "comentions").shape
        (1, 4)
    """
    contract = _result(name)
    expected = result_columns(name, present=frame.columns)
    if list(frame.columns) != expected:
        raise SchemaError(
            f"{name} table has columns {list(frame.columns)}, its contract {expected}; "
            f"change the table or its entry in schemas.RESULTS"
        )
    wrong = {col: str(frame[col].dtype) for col in expected if not _dtype_matches(frame[col].dtype, contract[col])}
    if wrong:
        raise SchemaError(f"{name} table has wrong dtypes {wrong}; expected {[contract[c] for c in wrong]}")
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


def _result(name: str) -> dict[str, str]:
    try:
        return RESULTS[name]
    except KeyError:
        raise SchemaError(f"unknown report table {name!r}; known: {sorted(RESULTS)}") from None
