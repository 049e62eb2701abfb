"""Split articles into sentences and Treebank tokens, with offsets into the article text.

Sentences (``split_sentences``):
    * The title (the first non-blank line of ``articles.text``) is always sentence 0,
      ``is_title=True``, whatever punctuation it holds: headlines are analysed as
      one sentence of their own and never merged with the body.
    * The body is cut into paragraphs at every newline (blank or single): news
      paragraphs never continue a sentence across a line break.
    * Each paragraph is split with NLTK's ``PunktSentenceTokenizer`` built from
      parameters this project owns (``resources/punkt_english.txt``: English news
      abbreviations, sentence starters), never from NLTK data files, so results are
      the same on every machine. ``train_punkt`` optionally refines them on a corpus.
    * Sentence spans are stripped of surrounding whitespace.

Tokens (``tokenize``):
    * The same tokens as ``nltk.word_tokenize(sentence, preserve_line=True)``
      (NLTK's improved Treebank tokenizer: "don't" -> "do" "n't", "$3.88" -> "$"
      "3.88", a sentence-final period split off), found by one compiled regular
      expression pass plus NLTK's quote and contraction rules, with character offsets
      (``analysis.treebank``).
    * ``token`` is always exactly ``text[start:end]``: where NLTK rewrites a double
      quote ``"`` to `````` or ``''``, this module keeps the original character.
    * Agreement: identical token sequences for all 44,054 BBC sentences
      (benchmarks/tokens_agreement.py), and on random strings of quotes,
      apostrophes, punctuation and Unicode (a hypothesis test), including NLTK's
      quirks: its comma rule swallows the character after a split comma (",,x"
      gives "," ",x"), and its rules use the ``regex`` engine's Unicode classes
      ("³" is no word character, "\\x1f" no space), so this module does too.
    * ``norm`` is the lower-cased token, ``is_word`` is ``token.isalpha()``,
      ``is_stop`` tests ``norm`` against the project's stopwords, and ``stem`` is
      NLTK's Snowball (English) stem of ``norm``.

Example:
    >>> import pandas as pd
    >>> from analysis import schemas
    >>> arts = schemas.conform(pd.DataFrame({"doc_id": ["a"], "title": ["Hi"],
    ...     "text": ["Hi\\n\\nGen. Smith said no. It's over."], "published": [None],
    ...     "source": [""], "url": [""], "category": [""], "path": [""]}), "articles")
    >>> sents = split_sentences(arts)
    >>> sents.text.tolist()
    ['Hi', 'Gen. Smith said no.', "It's over."]
    >>> tokenize(sents).token.tolist()[-4:]
    ['It', "'s", 'over', '.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd
from nltk import redos
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
    PunktTrainer,
)

from . import paths, schemas
from .stopwords import stopword_set
from .treebank import text_spans, word_spans, word_tokens

__all__ = [
    "split_sentences",
    "tokenize",
    "word_spans",
    "word_tokens",
    "punkt_parameters",
    "train_punkt",
    "stopword_set",
]

PUNKT_FILE = paths.RESOURCES / "punkt_english.txt"

# Punkt's orthographic-context flags (nltk.tokenize.punkt): a sentence starter is
# recorded as "seen capitalised at a sentence start, seen lower case mid-sentence".
_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_LC = 1 << 5
# "#" followed by a space or the line end starts a comment ("##number##" is an entry)
_COMMENT = re.compile(r"(?:^|\s)#(?:\s|$)")


# --------------------------------------------------------------------------- sentences


_DOTTED_INITIALS = re.compile(r"(?:[a-z]\.){1,2}[a-z]")


class _Abbreviations(set):
    """Punkt's abbreviation set, which also holds every run of dotted initials ("j.d" for
    "J.D.", "a.j"): "J.D. Vance" is one name in one sentence, not "... J.D." and "Vance ...".
    Punkt still ends the sentence when the next word is a known sentence starter
    ("... in the U.S. The ...")."""

    def __contains__(self, word: object) -> bool:
        return super().__contains__(word) or (
            isinstance(word, str) and "." in word and _DOTTED_INITIALS.fullmatch(word) is not None
        )

    def __reduce__(self):  # pickled for pool workers as itself, not as a plain set
        return (_Abbreviations, (set(self),))


@lru_cache(maxsize=1)
def punkt_parameters() -> PunktParameters:
    """The project's Punkt parameters, read from ``resources/punkt_english.txt``.

    The object is cached and shared by every call: copy it before changing it.

    Example:
        >>> "gen" in punkt_parameters().abbrev_types
        True
    """
    sections: dict[str, list[str]] = {"abbreviations": [], "sentence_starters": [], "collocations": []}
    current = None
    for number, line in enumerate(PUNKT_FILE.read_text(encoding="utf-8").splitlines(), 1):
        entry = _COMMENT.split(line, 1)[0].strip()
        if not entry:
            continue
        if entry.startswith("[") and entry.endswith("]"):
            current = entry[1:-1]
            if current not in sections:
                raise ValueError(f"{PUNKT_FILE}:{number}: unknown section {entry}; use one of {sorted(sections)}")
            continue
        if current is None:
            raise ValueError(f"{PUNKT_FILE}:{number}: entry {entry!r} before any [section] line")
        sections[current].append(entry.lower())
    params = PunktParameters()
    params.abbrev_types = _Abbreviations(sections["abbreviations"])
    params.sent_starters = set(sections["sentence_starters"])
    for word in params.sent_starters:
        params.add_ortho_context(word, _ORTHO_BEG_UC | _ORTHO_MID_LC)
    params.collocations = {tuple(pair.split()) for pair in sections["collocations"]}
    return params


def train_punkt(texts: Iterable[str], *, base: PunktParameters | None = None) -> PunktParameters:
    """Refine Punkt parameters on a corpus with NLTK's unsupervised ``PunktTrainer``.

    Optional: the project's own parameters (``punkt_parameters()``) are what
    ``split_sentences`` uses by default. Training learns the corpus's own
    abbreviations, collocations, sentence starters and capitalisation habits; the
    project's curated entries are kept on top of what is learned.

    Args:
        texts: article bodies (or any English text) to learn from.
        base: parameters to keep on top of the learned ones (default: the project's).

    Returns:
        New PunktParameters; pass them to ``split_sentences(articles, params=...)``.

    Example:
        >>> params = train_punkt(["Dr. Who met Mr. X. He left.", "Gov. Y said so."])
        >>> "dr" in params.abbrev_types
        True
    """
    base = base if base is not None else punkt_parameters()
    trainer = PunktTrainer()
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    learned = trainer.get_params()
    learned.abbrev_types |= base.abbrev_types
    learned.sent_starters |= base.sent_starters
    learned.collocations |= base.collocations
    for word, flags in base.ortho_context.items():
        learned.add_ortho_context(word, flags)
    return learned


# NLTK routes every pattern through ``nltk.redos``, which runs each match under a
# wall-clock timeout: the timer costs several times the match itself (about 3 us of
# the 3.5 us of a short match), and Punkt matches a few times per word it looks at.
# The guard is for patterns callers supply; Punkt's own are fixed and linear, so the
# classes below run the very same compiled patterns (same engine, same flags) with
# the timeout off, through redos' public ``compile(pattern, timeout=None)``. Punkt's
# code and decisions are unchanged; tests/test_tokens.py checks that the untimed
# patterns are the ones Punkt uses and that it splits as a stock tokenizer does.
def _untimed(pattern: redos.TimedPattern) -> redos.TimedPattern:
    return redos.compile(pattern, timeout=None)


class _PunktToken(PunktToken):
    __slots__ = ()
    _RE_ELLIPSIS = _untimed(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _untimed(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _untimed(PunktToken._RE_INITIAL)
    _RE_ALPHA = _untimed(PunktToken._RE_ALPHA)


class _PunktVars(PunktLanguageVars):
    __slots__ = ()
    re_boundary_realignment = _untimed(PunktLanguageVars.re_boundary_realignment)
    # built from a stock instance: these variables change nothing the patterns are made of
    _PERIOD_CONTEXT = _untimed(PunktLanguageVars().period_context_re())
    _WORDS = _untimed(PunktLanguageVars()._word_tokenizer_re())

    def period_context_re(self):
        return self._PERIOD_CONTEXT

    def _word_tokenizer_re(self):
        return self._WORDS


@lru_cache(maxsize=8)
def _splitter(params: PunktParameters) -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(params, lang_vars=_PunktVars(), token_cls=_PunktToken)


_LINE = re.compile(r"[^\n]+")
# a paragraph without ".", "?" or "!" before its last character is one sentence:
# Punkt's slower pure-Python pass is skipped for it (bylines, short quotes)
_INNER_END = re.compile(r"[.?!]")


def sentence_spans(text: str, *, params: PunktParameters | None = None) -> list[tuple[int, int, bool]]:
    """(start, end, is_title) of every sentence in one article text.

    Example:
        >>> sentence_spans("Title\\n\\nOne. Two.")
        [(0, 5, True), (7, 11, False), (12, 16, False)]
    """
    splitter = _splitter(params if params is not None else punkt_parameters())
    spans: list[tuple[int, int, bool]] = []
    title_done = False
    for line in _LINE.finditer(text):
        raw = line.group()
        stripped = raw.strip()
        if not stripped:
            continue
        offset = line.start() + (len(raw) - len(raw.lstrip()))
        if not title_done:
            spans.append((offset, offset + len(stripped), True))
            title_done = True
            continue
        if _INNER_END.search(stripped, 0, len(stripped) - 1) is None:
            spans.append((offset, offset + len(stripped), False))
            continue
        for start, end in splitter.span_tokenize(stripped):
            piece = stripped[start:end]
            lead = len(piece) - len(piece.lstrip())
            trimmed = piece.strip()
            if trimmed:
                s = offset + start + lead
                spans.append((s, s + len(trimmed), False))
    return spans


def split_sentences(articles: pd.DataFrame, *, params: PunktParameters | None = None) -> pd.DataFrame:
    """One row per sentence of every article (frame shape "sentences").

    Sentence 0 of an article is its title (``is_title`` True); body sentences
    follow, split per paragraph with Punkt. An article whose text is empty has no
    sentences; a title-only article has just sentence 0.

    Args:
        articles: frame of shape "articles" (``doc_id`` and ``text`` are used).
        params: Punkt parameters; default the project's (see ``train_punkt``).

    Returns:
        Frame of shape "sentences": doc_id, sent_id, start, end, text, is_title;
        ``articles.text[start:end] == text``.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Title\\n\\nU.S. officials said. Yes."]})
        >>> split_sentences(arts).text.tolist()
        ['Title', 'U.S. officials said.', 'Yes.']
    """
    doc_ids: list[str] = []
    sent_ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    titles: list[bool] = []
    for doc_id, text in zip(articles["doc_id"].tolist(), articles["text"].tolist()):
        if not isinstance(text, str):
            continue
        for sent_id, (start, end, is_title) in enumerate(sentence_spans(text, params=params)):
            doc_ids.append(doc_id)
            sent_ids.append(sent_id)
            starts.append(start)
            ends.append(end)
            texts.append(text[start:end])
            titles.append(is_title)
    frame = pd.DataFrame(
        {
            "doc_id": pd.array(doc_ids, dtype=schemas.STR),
            "sent_id": np.array(sent_ids, dtype=np.int64),
            "start": np.array(starts, dtype=np.int64),
            "end": np.array(ends, dtype=np.int64),
            "text": pd.array(texts, dtype=schemas.STR),
            "is_title": np.array(titles, dtype=bool),
        }
    )
    return schemas.conform(frame, "sentences")


# --------------------------------------------------------------------------- tokens frame

_stemmer = SnowballStemmer("english")
_STEMS: dict[str, str] = {}
_STEM_CACHE_LIMIT = 1_000_000


def _stem(norm: str) -> str:
    stem = _STEMS.get(norm)
    if stem is None:
        if len(_STEMS) >= _STEM_CACHE_LIMIT:
            _STEMS.clear()
        stem = _STEMS[norm] = _stemmer.stem(norm)
    return stem


def tokenize(sentences: pd.DataFrame, *, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per Treebank token of every sentence (frame shape "tokens").

    Args:
        sentences: frame of shape "sentences" (from ``split_sentences``).
        stopwords: words (lower case) that set ``is_stop``; default the project's
            list, ``stopword_set()``.

    Returns:
        Frame of shape "tokens": doc_id, sent_id, tok_id (from 0 within the
        article), start, end (offsets into the article text), token, norm,
        is_stop, is_word, stem.

    Example:
        >>> sents = split_sentences(pd.DataFrame({"doc_id": ["a"], "text": ["Hi\\n\\nWe don't know."]}))
        >>> tokenize(sents)[["token", "is_stop", "stem"]].values.tolist()[1:4]
        [['We', True, 'we'], ['do', True, 'do'], ["n't", False, "n't"]]
    """
    stop = stopword_set() if stopwords is None else frozenset(w.lower() for w in stopwords)
    doc_ids = sentences["doc_id"].to_numpy(dtype=object)
    sent_starts = sentences["start"].to_numpy(dtype=np.int64)
    rows, local_starts, local_ends, tokens = text_spans(sentences["text"].tolist())
    lengths = np.bincount(rows, minlength=len(sentences))

    # per-token columns from per-sentence ones (rows: each token's sentence), without a Python loop per token
    offsets = sent_starts[rows]
    first_token = np.cumsum(lengths) - lengths  # of each sentence, in the whole frame
    new_doc = np.ones(len(sentences), dtype=bool)
    if len(sentences) > 1:
        new_doc[1:] = doc_ids[1:] != doc_ids[:-1]
    doc_first_token = np.maximum.accumulate(np.where(new_doc, first_token, 0)) if len(sentences) else first_token
    tok_id = np.arange(len(tokens), dtype=np.int64) - np.repeat(doc_first_token, lengths)

    # norm, stem, stopword and word flags once per distinct token, then spread
    token_array = pd.array(tokens, dtype=schemas.STR)
    codes, distinct = pd.factorize(token_array)
    distinct = distinct.tolist()
    norms = [t.lower() for t in distinct]
    frame = pd.DataFrame(
        {
            "doc_id": sentences["doc_id"].array.take(rows),
            "sent_id": sentences["sent_id"].to_numpy(dtype=np.int64)[rows],
            "tok_id": tok_id,
            "start": offsets + local_starts,
            "end": offsets + local_ends,
            "token": token_array,
            "norm": pd.array(norms, dtype=schemas.STR).take(codes),
            "is_stop": np.array([n in stop for n in norms], dtype=bool)[codes],
            "is_word": np.array([t.isalpha() for t in distinct], dtype=bool)[codes],
            "stem": pd.array([_stem(n) for n in norms], dtype=schemas.STR).take(codes),
        }
    )
    return schemas.conform(frame, "tokens")
