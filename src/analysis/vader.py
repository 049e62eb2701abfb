"""Sentence sentiment with VADER: the lexicon and a fast scorer giving NLTK's numbers.

Scores are those of NLTK's ``SentimentIntensityAnalyzer.polarity_scores`` (neg, neu,
pos, compound); ``analysis.sentiment`` explains how and why (and re-exports these names).

Example:
    >>> vader_scores(["The talks were a great success.", "Nothing happened."]).tolist()
    [[0.0, 0.278, 0.722, 0.8316], [0.0, 1.0, 0.0, 0.0]]
"""

from __future__ import annotations

import math
import os
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from importlib import resources
from itertools import compress
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd
from nltk.sentiment.vader import VaderConstants

from . import schemas
from .options import check_choice

Lexicon = Literal["vadersentiment", "nltk"]
LEXICONS = ("vadersentiment", "nltk")
SCORE_COLUMNS = list(schemas.SCHEMAS["sentence_scores"])

# How NLTK's official vader_lexicon differs from the vaderSentiment 3.3.2 package file
# (facts found by comparing the two; tests check them): entries to drop, entries to set.
_NLTK_DROPS = (":P", "heart", "hearts", "flawed")
_NLTK_SETS = {":p": 1.4, "badass": -0.6}

# Pearson r of our compound score against the mean of 20 human ratings per sentence,
# default lexicon, measured by `python benchmarks/sentiment_validation.py` (a test re-measures them).
# The VADER paper reports r = 0.881 (tweets), 0.565 (Amazon), 0.451 (movies).
VALIDATION = {
    "tweets": {"sentences": 4200, "pearson_r": 0.8777},
    "amazon reviews": {"sentences": 3708, "pearson_r": 0.5707},
    "movie reviews": {"sentences": 10605, "pearson_r": 0.4224},
}


# --------------------------------------------------------------------------- the lexicon


@cache
def shared_lexicon(lexicon: str) -> dict[str, float]:
    """The lexicon ``{token: mean rating}`` shared by every scorer of this process: read it, never
    change it (``lexicon()`` gives a copy to change). ``lexicon`` is not checked here."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    entries: dict[str, float] = {}
    # parsed as NLTK's make_lex_dict does: later duplicates win, lines are stripped
    for line in text.split("\n"):
        word, measure = line.strip().split("\t")[0:2]
        entries[word] = float(measure)
    if lexicon == "nltk":
        for word in _NLTK_DROPS:
            entries.pop(word, None)
        entries.update(_NLTK_SETS)
    return entries


def lexicon(*, lexicon: Lexicon = "vadersentiment") -> dict[str, float]:
    """The VADER lexicon as a new dict ``{token: mean rating}``.

    Args:
        lexicon: ``"vadersentiment"`` (the package file unchanged) or ``"nltk"`` (NLTK's
            official vader_lexicon data, rebuilt from the package file).

    Example:
        >>> lexicon()["good"]
        1.9
    """
    check_choice("lexicon", lexicon, LEXICONS)
    return dict(shared_lexicon(lexicon))


def nltk_analyzer(*, lexicon: Lexicon = "vadersentiment"):
    """Stock NLTK ``SentimentIntensityAnalyzer`` with the project's lexicon, no NLTK data.

    NLTK 3.10 refuses absolute resource paths, so the vaderSentiment package's parent
    folder is put on ``nltk.data.path`` for the one load and taken off again; the resource
    name ``vaderSentiment/vader_lexicon.txt`` cannot be confused with another file.
    The slow reference that ``vader_scores`` is checked against.

    Example:
        >>> nltk_analyzer().polarity_scores("Nothing happened.")["neu"]
        1.0
    """
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    check_choice("lexicon", lexicon, LEXICONS)
    # the installed package is a folder on disk; a Traversable in general has no parent
    root = os.path.dirname(str(resources.files("vaderSentiment")))
    nltk.data.path.insert(0, root)
    try:
        analyzer = SentimentIntensityAnalyzer(lexicon_file="vaderSentiment/vader_lexicon.txt")
    finally:
        nltk.data.path.remove(root)
    if lexicon == "nltk":
        analyzer.lexicon = shared_lexicon("nltk").copy()
    return analyzer


# --------------------------------------------------------------------------- scoring

_C = VaderConstants
_PUNCT_CHARS = string.punctuation
_HAS_PUNCT = re.compile(f"[{re.escape(string.punctuation)}]").search
_PUNC_SET = frozenset(_C.PUNC_LIST)
_NEGATE = frozenset(_C.NEGATE)
BOOSTERS = _C.BOOSTER_DICT
_IDIOMS = _C.SPECIAL_CASE_IDIOMS
_SO_THIS = ("so", "this")
# every word of a multi-word idiom or booster ("cut the mustard", "kind of"): a word none of whose
# neighbours is one of them cannot be in any sequence _idioms looks up
_IDIOM_WORDS = frozenset(w for phrase in [*_IDIOMS, *BOOSTERS] if " " in phrase for w in phrase.split())
_NO_RATINGS: Mapping[int, float] = MappingProxyType({})
TOKEN_CACHE_LIMIT = 1_000_000


def _word(token: str) -> tuple[str, str]:
    """NLTK's SentiText on one whitespace token: "cat," or ",cat" becomes "cat".

    That happens when the leading (trailing) punctuation is one of NLTK's PUNC_LIST marks
    and what is left is at least two characters without ASCII punctuation.
    """
    stripped = token.lstrip(_PUNCT_CHARS)
    lead = len(token) - len(stripped)
    if 0 < lead < len(token):
        if token[:lead] in _PUNC_SET and len(stripped) > 1 and not _HAS_PUNCT(stripped):
            token = stripped
    else:
        stripped = token.rstrip(_PUNCT_CHARS)
        if 0 < len(stripped) < len(token) and token[len(stripped) :] in _PUNC_SET:
            if len(stripped) > 1 and not _HAS_PUNCT(stripped):
                token = stripped
    return token, token.lower()


def _negated(lower: str) -> bool:
    # NLTK's VaderConstants.negated() on a single word
    return lower in _NEGATE or "n't" in lower


def _cap_diff(words) -> bool:
    # NLTK's is_cap_diff: some words but not all in capitals (asked only about a word in capitals)
    upper = sum(map(str.isupper, words))
    return 0 < len(words) - upper < len(words)


def _plain(word: str, lower: str) -> bool:
    # what Scorer._before reads in the three words before a rated one
    return not (lower in BOOSTERS or _negated(lower) or lower == "least" or word in _SO_THIS)


class TokenCache(dict[str, tuple[str, str, bool, bool] | None]):
    """Raw whitespace token -> (word, lower case, lower case in ``lex``, plain), or None for the
    one-character tokens NLTK drops; filled on first look-up.

    A plain word is none that VADER's rules read before a rated word: no booster, negation,
    "least", "so" or "this"."""

    def __init__(self, lex: dict[str, float]):
        super().__init__()
        self.lex = lex

    def __missing__(self, raw: str) -> tuple[str, str, bool, bool] | None:
        entry: tuple[str, str, bool, bool] | None = None
        if len(raw) > 1:
            word, low = _word(raw)
            entry = (word, low, low in self.lex, _plain(word, low))
        self[raw] = entry
        return entry


class Scorer:
    """NLTK's VADER rules over one lexicon, the same operations in the same order."""

    def __init__(self, lexicon: str):
        self.lex = shared_lexicon(lexicon)
        # raw whitespace token -> (word, lower case, lower case in lexicon, plain), or None for
        # the one-character tokens NLTK drops; each distinct token is analysed once per process
        self.tokens = TokenCache(self.lex)

    def __call__(self, text: str) -> tuple[float, float, float, float]:
        tokens = self.tokens
        if len(tokens) > TOKEN_CACHE_LIMIT:
            tokens.clear()
        pairs = list(filter(None, map(tokens.__getitem__, text.split())))  # None: a token NLTK drops
        if not pairs:
            return (0.0, 0.0, 0.0, 0.0)
        words, lows, hits, plain = zip(*pairs)
        return self.score_words(text, words, lows, hits, plain)

    def score_words(self, text, words, lows, hits, plain) -> tuple[float, float, float, float]:
        """(neg, neu, pos, compound) of ``text`` from its words as NLTK keeps them, their lower
        case, whether each is rated and whether it is plain (see ``TokenCache``; at least one word)."""
        if not any(hits):  # every valence is 0: NLTK's all-neutral result
            return (0.0, 1.0, 0.0, 0.0)
        return combine(self.sentiments(words, lows, hits, plain), text)

    def sentiments(self, words, lows, hits, plain, rating: Mapping[int, float] = _NO_RATINGS) -> list:
        """Each word's valence after VADER's word rules (0 for unrated words), as NLTK's loop.

        ``hits`` says which positions to rate: those whose lower case is in the lexicon, except
        where the news tone silenced a word (it also sets the word's lower case to one no rule
        reads); ``plain`` which words are plain, before any silencing (see ``TokenCache``);
        ``rating`` maps a position to the rating of a news phrase starting there.
        """
        lex = self.lex
        n = len(words)
        # only rated words can have a valence; every other word keeps NLTK's int 0
        sentiments: list = [0] * n
        for pos in compress(range(n), hits):
            item = words[pos]
            i = words.index(item)
            if i < pos and hits[i] and i not in rating and pos not in rating:
                sentiments[pos] = sentiments[i]  # NLTK scores a repeated token at its first position
                continue
            valence = rating.get(pos)  # the news tone's phrase rating (analysis.tone)
            if valence is None:
                low = lows[pos]
                if low in BOOSTERS or (low == "kind" and pos < n - 1 and lows[pos + 1] == "of"):
                    continue
                valence = lex[low]
            if item.isupper() and _cap_diff(words):
                if valence > 0:
                    valence += _C.C_INCR
                else:
                    valence -= _C.C_INCR
            if not all(plain[max(0, pos - 3) : pos]):
                valence = self._before(valence, pos, words, lows)
            elif pos > 2 and lows[pos - 3] not in lex and not _IDIOM_WORDS.isdisjoint(words[pos - 2 : pos + 1]):
                # no rule word among the three before (a silenced word is plain if it was): _before
                # would add 0.0 to the non-zero valence and scale nothing; only an idiom can apply
                valence = _idioms(valence, words, pos)
            sentiments[pos] = valence
        if "but" in lows:
            bi = lows.index("but")
            # zeros stay zero (NLTK's int 0 becomes 0.0, which no score tells apart)
            for sidx in [k for k in compress(range(n), sentiments) if k != bi]:
                sentiments[sidx] = sentiments[sidx] * (0.5 if sidx < bi else 1.5)
        return sentiments

    def _before(self, valence, i, words, lows):
        # NLTK's sentiment_valence after the capitals: boosters, negations and idioms in the three
        # words before the rated word i, then "least"
        lex = self.lex
        for start_i in range(min(i, 3)):
            j = i - (start_i + 1)
            if lows[j] not in lex:
                s = 0.0
                booster = BOOSTERS.get(lows[j])
                if booster is not None:
                    s = booster
                    if valence < 0:
                        s *= -1
                    if words[j].isupper() and _cap_diff(words):
                        if valence > 0:
                            s += _C.C_INCR
                        else:
                            s -= _C.C_INCR
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._never(valence, words, lows, start_i, i)
                # every sequence _idioms looks up holds the word, the one before it or the one before that
                if start_i == 2 and not _IDIOM_WORDS.isdisjoint(words[i - 2 : i + 1]):
                    valence = _idioms(valence, words, i)
        if i > 1 and lows[i - 1] not in lex and lows[i - 1] == "least":
            if lows[i - 2] != "at" and lows[i - 2] != "very":
                valence = valence * _C.N_SCALAR
        elif i > 0 and lows[i - 1] not in lex and lows[i - 1] == "least":
            valence = valence * _C.N_SCALAR
        return valence

    @staticmethod
    def _never(valence, words, lows, start_i, i):
        if start_i == 0:
            if _negated(lows[i - 1]):
                valence = valence * _C.N_SCALAR
        elif start_i == 1:
            if words[i - 2] == "never" and words[i - 1] in _SO_THIS:
                valence = valence * 1.5
            elif _negated(lows[i - 2]):
                valence = valence * _C.N_SCALAR
        else:
            if (words[i - 3] == "never" and words[i - 2] in _SO_THIS) or words[i - 1] in _SO_THIS:
                valence = valence * 1.25
            elif _negated(lows[i - 3]):
                valence = valence * _C.N_SCALAR
        return valence


def _idioms(valence, words, i):
    # NLTK's _idioms_check: case-sensitive phrases around the word, last match wins
    w3, w2, w1, w0 = words[i - 3], words[i - 2], words[i - 1], words[i]
    twoone = f"{w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", twoone, f"{w3} {w2} {w1}", threetwo):
        if seq in _IDIOMS:
            valence = _IDIOMS[seq]
            break
    n = len(words)
    if n - 1 > i:
        zeroone = f"{w0} {words[i + 1]}"
        if zeroone in _IDIOMS:
            valence = _IDIOMS[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {words[i + 1]} {words[i + 2]}"
        if zeroonetwo in _IDIOMS:
            valence = _IDIOMS[zeroonetwo]
    if threetwo in BOOSTERS or twoone in BOOSTERS:
        valence = valence + _C.B_DECR
    return valence


def combine(sentiments, text):
    """(neg, neu, pos, compound) from the word valences of ``text``: NLTK's score_valence,
    operation for operation (floating point order included)."""
    sum_s = float(sum(sentiments))
    ep_count = min(text.count("!"), 4)
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    punct = ep_count * 0.292 + qm_amplifier
    if sum_s > 0:
        sum_s += punct
    elif sum_s < 0:
        sum_s -= punct
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
    pos_sum = 0.0
    neg_sum = 0.0
    valences = list(filter(None, sentiments))  # most words have none: count them, add up the others in order
    neu_count = len(sentiments) - len(valences)
    for s in valences:
        if s > 0:
            pos_sum += float(s) + 1
        else:
            neg_sum += float(s) - 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (
        round(math.fabs(neg_sum / total), 3),
        round(math.fabs(neu_count / total), 3),
        round(math.fabs(pos_sum / total), 3),
        round(compound, 4),
    )


@cache
def _scorer(lexicon: str) -> Scorer:
    return Scorer(lexicon)


def score_texts(texts: Sequence[str], lexicon: str) -> np.ndarray:
    """``vader_scores`` in this process, for callers that have already checked ``lexicon``."""
    score = _scorer(lexicon)
    seen: dict[str, tuple] = {}  # a repeated sentence is scored once
    rows = []
    for text in texts:
        if not isinstance(text, str):
            text = "" if text is None or text is pd.NA or text != text else str(text)
        result = seen.get(text)
        if result is None:
            result = seen[text] = score(text)
        rows.append(result)
    return np.array(rows, dtype=np.float64).reshape(len(rows), 4)


def vader_scores(
    texts: Iterable[str], *, lexicon: Lexicon = "vadersentiment", workers: int = 1, min_per_worker: int = 20_000
) -> np.ndarray:
    """VADER neg, neu, pos and compound for each text, as an ``(n, 4)`` float array.

    Equal to NLTK's ``SentimentIntensityAnalyzer().polarity_scores`` on every text
    (missing texts score as empty ones: all zeros).

    Args:
        texts: sentences (VADER is made for sentences, not whole articles).
        lexicon: ``"vadersentiment"`` (default) or ``"nltk"``, see ``lexicon()``.
        workers: processes to use; more than one only pays off on long inputs, so each
            worker gets at least ``min_per_worker`` texts (``prepare`` already runs its
            chunks in parallel and calls this with one worker).
        min_per_worker: the smallest share of texts worth a process of its own.

    Example:
        >>> vader_scores(["I love it!"]).tolist()
        [[0.0, 0.182, 0.818, 0.6696]]
    """
    check_choice("lexicon", lexicon, LEXICONS)
    if workers < 1:
        raise ValueError(f"workers={workers} is not valid; use 1 or more processes.")
    texts = list(texts)
    workers = min(workers, max(1, len(texts) // max(1, min_per_worker)))
    if workers == 1:
        return score_texts(texts, lexicon)
    bounds = np.linspace(0, len(texts), workers + 1).astype(int)
    parts = [texts[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(score_texts, parts, [lexicon] * len(parts)))
    return np.vstack(results)


def score_sentences(sentences: pd.DataFrame, *, lexicon: Lexicon = "vadersentiment", workers: int = 1) -> pd.DataFrame:
    """Sentences with VADER's neg, neu, pos and compound added (shape "scored_sentences").

    Args:
        sentences: a "sentences" frame (``analysis.tokens.split_sentences``).
        lexicon: ``"vadersentiment"`` (default) or ``"nltk"``, see ``lexicon()``.
        workers: processes to use for long inputs (see ``vader_scores``).

    Example:
        >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [9],
        ...                   "text": ["Good news"], "is_title": [True]})
        >>> score_sentences(s)["compound"].tolist()
        [0.4404]
    """
    scores = vader_scores(sentences["text"].tolist(), lexicon=lexicon, workers=workers)
    frame = sentences.reset_index(drop=True).assign(**{c: scores[:, k] for k, c in enumerate(SCORE_COLUMNS)})
    return schemas.conform(frame, "scored_sentences")


def validation_summary() -> pd.DataFrame:
    """How well VADER's compound score agrees with people, from the VADER paper's data.

    Pearson r against the mean rating of 20 people per sentence (tweets, Amazon review
    and movie review snippets), measured with ``benchmarks/sentiment_validation.py``.

    Example:
        >>> validation_summary()["dataset"].tolist()
        ['tweets', 'amazon reviews', 'movie reviews']
    """
    return pd.DataFrame(
        [{"dataset": name, **figures} for name, figures in VALIDATION.items()],
        columns=["dataset", "sentences", "pearson_r"],
    )
