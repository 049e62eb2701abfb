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
      expression pass plus NLTK's quote and contraction rules, with character offsets.
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
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import regex
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
        return super().__contains__(word) or (isinstance(word, str) and _DOTTED_INITIALS.fullmatch(word) is not None)

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
@cache
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

    def period_context_re(self):
        return _untimed(super().period_context_re())

    def _word_tokenizer_re(self):
        return _untimed(super()._word_tokenizer_re())


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


# --------------------------------------------------------------------------- words

# Characters NLTKWordTokenizer always makes tokens of their own.
_SINGLE = '"«“‘„»”’;@#$%&?!*\\[\\](){}<>\u2012\u2013\u2014\u2015'
# One pass finds punctuation tokens and "word pieces"; word pieces then get NLTK's
# context rules (leading quote, final period, clitics, contractions) in Python.
_PUNCT_TOKEN = rf"``|`|''|\.{{2,}}|--|[,:](?!\d)|[{_SINGLE}]"
# (possessive: a piece ends where no branch goes on, so backtracking never helps)
_WORD_PIECE = rf"(?:[^\s{_SINGLE}.,:'`\-]++|\.(?!\.)|[,:](?=\d)|-(?!-)|'(?!'))++"
# split() with one group: [space, piece, space, piece, ..., space], so the piece
# offsets are running sums of lengths (whitespace is all the pattern skips). No
# character starts both kinds of piece, so the common one, words, is tried first.
_PIECES = re.compile(f"({_WORD_PIECE}|{_PUNCT_TOKEN})")
_IS_PUNCT_TOKEN = re.compile(_PUNCT_TOKEN).fullmatch
# What may follow the sentence-final period (NLTK's closing punctuation and spaces).
_CLOSERS = frozenset("])}>\"'»”’ ")
_OPENERS = frozenset(" ([{<")
# "'s" is not split from a leading apostrophe: NLTK's starting-quote rule exception.
# characters NLTK has already surrounded with spaces when it splits a closing "'"
_SPACED_EARLY = frozenset("«“‘„`.,:;@#$%&?!\u2012\u2013\u2014\u2015")
_PUNCT_PAIR = re.compile(r"[,:][,:]")
_COMMA_RULE = re.compile(r"([:,])([^\d])")
# NLTK compiles its rules with the third-party ``regex`` engine, whose \w and \s
# follow Unicode properties: "³" is not a word character there, "\x1f" is no space
_CLITIC_AFTER_QUOTE = regex.compile(r"(?i)(?:re|ve|ll|m|t|s|d|n)\b")
_WORD_CHAR = regex.compile(r"\w").match
_REGEX_SPACE = regex.compile(r"\s").match
# str.split() whitespace that NLTK's \s+ -> " " step leaves alone: no clitic split before it
_NOT_REGEX_SPACE = frozenset("\x1c\x1d\x1e\x1f")
_CLITIC1 = frozenset(["'s", "'S", "'m", "'M", "'d", "'D"])
_CLITIC2 = frozenset(["'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"])
# MacIntyre's contractions as NLTK splits them ("cannot" -> "can" "not").
_CONTRACTION_HINT = re.compile(r"(?i)cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna")
# (?i) costs re a case test per character; str.find() of these in lower() finds the
# same places, faster (lower() keeps every offset but for "İ", and "ı" is the one
# other letter (?i) takes for "i")
_LOWER_HINTS = ("cannot", "d'ye", "gimme", "gımme", "gonna", "gotta", "lemme", "more'n", "wanna")
_CONTRACTIONS = [
    re.compile(p)
    for p in (
        r"(?i)\b(can)(not)\b",
        r"(?i)\b(d)('ye)\b",
        r"(?i)\b(gim)(me)\b",
        r"(?i)\b(gon)(na)\b",
        r"(?i)\b(got)(ta)\b",
        r"(?i)\b(lem)(me)\b",
        r"(?i)\b(more)('n)\b",
        r"(?i)\b(wan)(na)$",  # NLTK: followed by whitespace, i.e. the end of a piece
    )
]


def _final_period(sentence: str) -> int:
    """Index of the sentence-final period NLTK splits off, or -1."""
    i = len(sentence) - 1
    while i >= 0 and _REGEX_SPACE(sentence[i]):
        i -= 1
    while i >= 0 and sentence[i] in _CLOSERS:
        # a '"' after a space or an opening bracket is an opening quote to NLTK
        # (it becomes ``), which is not closing punctuation
        if sentence[i] == '"' and (i == 0 or sentence[i - 1] in _OPENERS):
            return -1
        i -= 1
    if i >= 1 and sentence[i] == "." and sentence[i - 1] != ".":
        return i
    return -1


def _split_word(sentence: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the tokens of one word piece, applying NLTK's apostrophe rules."""
    if "'" not in sentence[start:end]:
        _split_piece(sentence, start, end, spans)
        return
    # NLTK's starting-quote rule: an apostrophe after a non-word character and
    # before a word character opens a quote ("'tough", "shoot-'em"), unless it
    # starts a clitic ("'s", "'re" ...): the piece is cut after it.
    cut = start
    i = sentence.find("'", start, end)
    while i != -1:
        if (
            i + 1 < end
            and _is_word_char(sentence[i + 1])
            and (i == start or not _is_word_char(sentence[i - 1]))
            and not _CLITIC_AFTER_QUOTE.match(sentence, i + 1)
        ):
            _split_piece(sentence, cut, i + 1, spans)
            cut = i + 1
        i = sentence.find("'", i + 1, end)
    _split_piece(sentence, cut, end, spans)


def _is_word_char(char: str) -> bool:
    return _WORD_CHAR(char) is not None


def _split_piece(sentence: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Split clitics off the end of a piece NLTK sees followed by a space."""
    word = sentence[start:end]
    if end < len(sentence) and sentence[end] in _NOT_REGEX_SPACE:
        spans.append((start, end))
        return
    tail: list[tuple[int, int]] = []
    clitic1 = True
    if len(word) >= 2 and word[-1] == "'" and word[-2] != "'":  # "dogs'" -> "dogs" "'"
        # NLTK splits a closing "'" in one of two passes: before a space that already
        # exists (then "'s" is split next), or in the same pass as "'s" (then "'s"
        # is not: "men's'" before a closing quote mark stays "men's" "'")
        # (NLTK's test is for a plain " ", not any whitespace, and not the string end)
        after = end
        clitic1 = after < len(sentence) and (
            sentence[after] == " " or sentence[after] in _SPACED_EARLY or sentence.startswith("..", after)
        )
        tail.append((end - 1, end))
        end -= 1
        word = word[:-1]
    if clitic1 and len(word) >= 3 and word[-2:] in _CLITIC1 and word[-3] != "'":  # "John's"
        tail.append((end - 2, end))
        end -= 2
        word = word[:-2]
    if len(word) >= 4 and word[-3:] in _CLITIC2 and word[-4] != "'":  # "don't", "we'll"
        tail.append((end - 3, end))
        end -= 3
    if _CONTRACTION_HINT.search(sentence, start, end):
        _split_contraction(sentence, start, end, spans)
    else:
        spans.append((start, end))
    spans.extend(reversed(tail))


def _split_contraction(sentence: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = sentence[start:end]
    cuts: set[int] = set()
    for pattern in _CONTRACTIONS:
        for m in pattern.finditer(piece):
            cuts.update((m.start(1), m.end(1), m.end(2)))
    bounds = sorted({0, len(piece), *cuts})
    spans.extend((start + a, start + b) for a, b in zip(bounds, bounds[1:]) if b > a)


def _glue_swallowed(text: str, starts: np.ndarray, ends: np.ndarray, pieces: list[str]):
    """Follow NLTK's comma rule ``([:,])([^\\d])`` exactly: it swallows the character
    after a comma or colon it splits, so a "," or ":" swallowed that way is not split
    but stays glued to the word piece that follows it (",,x" gives "," and ",x")."""
    swallowed = [m.start(2) for m in _COMMA_RULE.finditer(text) if text[m.start(2)] in ",:"]
    keep = np.ones(len(pieces), dtype=bool)
    for position in swallowed:
        k = int(np.searchsorted(starts, position))
        if (
            k + 1 < len(pieces)
            and ends[k] == position + 1
            and starts[k + 1] == position + 1
            and not _IS_PUNCT_TOKEN(pieces[k + 1])
        ):
            ends[k] = ends[k + 1]
            pieces[k] += pieces[k + 1]
            keep[k + 1] = False
    if keep.all():
        return starts, ends, pieces
    return starts[keep], ends[keep], [piece for piece, kept in zip(pieces, keep) if kept]


def _positions(text: str, words: Iterable[str]) -> list[int]:
    """Every place where one of ``words`` starts in ``text``."""
    found = []
    for word in words:
        i = text.find(word)
        while i != -1:
            found.append(i)
            i = text.find(word, i + 1)
    return found


def _hint_positions(text: str) -> list[int]:
    """Where a contraction NLTK splits may start (``_CONTRACTION_HINT``), or a few more."""
    if "İ" in text:
        return [m.start() for m in _CONTRACTION_HINT.finditer(text)]
    return _positions(text.lower(), _LOWER_HINTS)


def _text_spans(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Array]:
    """(text number, start, end, token) of every Treebank token of every text, offsets within the text.

    The texts are tokenised as one string, joined by newlines: NLTK's rules look at
    most one character past a piece, and a newline there reads as the text's end
    does. Each sentence-final period is found in its own text.
    """
    if not texts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, pa.array([], type=pa.large_string())
    joined = "\n".join(texts)
    parts = _PIECES.split(joined)
    sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    ends = np.cumsum(sizes)[1::2]
    starts = ends - sizes[1::2]
    pieces = parts[1::2]
    text_starts = np.cumsum([0] + [len(text) + 1 for text in texts[:-1]])
    if _PUNCT_PAIR.search(joined):
        starts, ends, pieces = _glue_swallowed(joined, starts, ends, pieces)

    # the pieces NLTK's context rules touch: the one holding a sentence-final
    # period, apostrophes, contractions; every other piece is a token as it is
    finals = [
        start + final
        for start, text in zip(text_starts.tolist(), texts)
        if "." in text and (final := _final_period(text)) >= 0
    ]
    final_of = dict(zip((np.searchsorted(starts, finals, side="right") - 1).tolist(), finals))
    touched = _positions(joined, ("'",)) + _hint_positions(joined)
    quoted = set((np.searchsorted(starts, touched, side="right") - 1).tolist())
    redo = sorted(quoted.union(final_of))
    spans: list[tuple[int, int]] = []
    counts = []
    for k, start, end in zip(redo, starts[redo].tolist(), ends[redo].tolist()):
        before = len(spans)
        final = final_of.get(k, -1)
        if final < 0:
            if pieces[k] == "''":
                spans.append((start, end))
            else:
                _split_word(joined, start, end, spans)
        elif k not in quoted:  # most sentences: "... word." (no rule applies to "word")
            if final > start:
                spans.append((start, final))
            spans.append((final, final + 1))
        else:
            if final > start:
                _split_word(joined, start, final, spans)
            spans.append((final, final + 1))
            # only closing apostrophes can follow the final period in a piece
            spans.extend((i, i + 1) for i in range(final + 1, end))
        counts.append(len(spans) - before)

    tokens = pa.array(pieces, type=pa.large_string())
    if spans:
        replaced = np.zeros(len(pieces), dtype=bool)
        replaced[redo] = True
        repeats = np.ones(len(pieces), dtype=np.int64)
        repeats[redo] = counts
        # where each token comes from: its piece, or a new span (numbered after the pieces)
        source = np.repeat(np.arange(len(pieces)), repeats)
        source[np.repeat(replaced, repeats)] = np.arange(len(pieces), len(pieces) + len(spans))
        new = np.array(spans, dtype=np.int64)
        starts = np.concatenate([starts, new[:, 0]])[source]
        ends = np.concatenate([ends, new[:, 1]])[source]
        new_tokens = pa.array([joined[a:b] for a, b in spans], type=pa.large_string())
        tokens = pa.concat_arrays([tokens, new_tokens]).take(source)
    rows = np.searchsorted(text_starts, starts, side="right") - 1
    return rows, starts - text_starts[rows], ends - text_starts[rows], tokens


def word_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each Treebank token of one sentence, as ``nltk.word_tokenize`` splits it.

    Example:
        >>> s = 'He said "I can\\'t."'
        >>> [s[a:b] for a, b in word_spans(s)]
        ['He', 'said', '"', 'I', 'ca', "n't", '.', '"']
    """
    _rows, starts, ends, _tokens = _text_spans([sentence])
    return list(zip(starts.tolist(), ends.tolist()))


def word_tokens(sentence: str) -> list[str]:
    """The tokens of one sentence; ``nltk.word_tokenize`` but with original quote characters.

    Example:
        >>> word_tokens("Gen. Smith's $3.5bn deal, 'not' done.")
        ['Gen.', 'Smith', "'s", '$', '3.5bn', 'deal', ',', "'", 'not', "'", 'done', '.']
    """
    return [sentence[a:b] for a, b in word_spans(sentence)]


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
    rows, local_starts, local_ends, tokens = _text_spans(sentences["text"].tolist())
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
