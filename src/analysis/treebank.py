"""NLTK's Treebank word tokenizer, reproduced with character offsets (used by ``tokens.tokenize``).

The same tokens as ``nltk.word_tokenize(sentence, preserve_line=True)``, found by
one regular expression split plus NLTK's quote, clitic and contraction rules where
they apply; see ``analysis.tokens`` for the agreement figures and NLTK's quirks kept.

Example:
    >>> word_tokens("I can't, he said.")
    ['I', 'ca', "n't", ',', 'he', 'said', '.']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

import numpy as np
import pyarrow as pa
import regex

__all__ = ["text_spans", "word_spans", "word_tokens"]

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


def _glue_swallowed(text: str, starts: list[int], ends: list[int], pieces: list[str]) -> None:
    """Follow NLTK's comma rule ``([:,])([^\\d])`` exactly: it swallows the character
    after a comma or colon it splits, so a "," or ":" swallowed that way is not split
    but stays glued to the word piece that follows it (",,x" gives "," and ",x")."""
    swallowed = [m.start(2) for m in _COMMA_RULE.finditer(text) if text[m.start(2)] in ",:"]
    glued: set[int] = set()
    for position in swallowed:
        k = bisect_left(starts, position)
        if (
            k + 1 < len(pieces)
            and ends[k] == position + 1
            and starts[k + 1] == position + 1
            and not _IS_PUNCT_TOKEN(pieces[k + 1])
        ):
            ends[k] = ends[k + 1]
            pieces[k] += pieces[k + 1]
            glued.add(k + 1)
    if glued:
        starts[:] = [value for i, value in enumerate(starts) if i not in glued]
        ends[:] = [value for i, value in enumerate(ends) if i not in glued]
        pieces[:] = [value for i, value in enumerate(pieces) if i not in glued]


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


def _context_rules(
    text: str,
    pieces: list[str],
    redo: list[int],
    starts: list[int],
    ends: list[int],
    final_of: dict[int, int],
    quoted: set[int],
) -> tuple[list[int], list[tuple[int, int]]]:
    """The tokens NLTK's context rules make of the pieces ``redo`` (ascending; ``starts``
    and ``ends`` are theirs; ``final_of`` maps a piece to the sentence-final period it
    holds; ``quoted`` holds every piece with an apostrophe or a contraction): how many
    each piece gives, and their spans."""
    counts: list[int] = []
    spans: list[tuple[int, int]] = []
    for k, start, end in zip(redo, starts, ends):
        before = len(spans)
        final = final_of.get(k, -1)
        if final < 0:
            if pieces[k] == "''":
                spans.append((start, end))
            else:
                _split_word(text, start, end, spans)
        elif k not in quoted:
            # most sentences end "... word." with no rule for "word": cut the period off
            if final > start:
                spans.append((start, final))
            spans.append((final, final + 1))
        else:
            if final > start:
                _split_word(text, start, final, spans)
            spans.append((final, final + 1))
            # only closing apostrophes can follow the final period in a piece
            spans.extend((i, i + 1) for i in range(final + 1, end))
        counts.append(len(spans) - before)
    return counts, spans


def text_spans(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Array]:
    """(text number, start, end, token) of every Treebank token of every text, offsets within the text.

    ``word_spans`` of each text, found for all at once: the texts are tokenised as one
    string, joined by newlines (NLTK's rules look at most one character past a piece,
    and a newline there reads as the text's end does), with vectorised bookkeeping.
    Each sentence-final period is found in its own text.

    Example:
        >>> rows, starts, ends, tokens = text_spans(["It's.", "No"])
        >>> rows.tolist(), starts.tolist(), ends.tolist(), tokens.to_pylist()
        ([0, 0, 0, 1], [0, 2, 4, 0], [2, 4, 5, 2], ['It', "'s", '.', 'No'])
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
    if _PUNCT_PAIR.search(joined):  # rare (no BBC sentence): the list version will do
        starts_list, ends_list = starts.tolist(), ends.tolist()
        _glue_swallowed(joined, starts_list, ends_list, pieces)
        starts, ends = np.array(starts_list, dtype=np.int64), np.array(ends_list, dtype=np.int64)
    text_starts = np.cumsum([0] + [len(text) + 1 for text in texts[:-1]])

    # the pieces the rules touch: the one holding a sentence-final period,
    # apostrophes, contractions; every other piece is a token as it is
    finals = [
        start + final
        for start, text in zip(text_starts.tolist(), texts)
        if "." in text and (final := _final_period(text)) >= 0
    ]
    final_of = dict(zip((np.searchsorted(starts, finals, side="right") - 1).tolist(), finals))
    touched = _positions(joined, ("'",)) + _hint_positions(joined)
    quoted = set((np.searchsorted(starts, touched, side="right") - 1).tolist())
    redo = np.array(sorted(quoted.union(final_of)), dtype=np.int64)
    counts, spans = _context_rules(
        joined, pieces, redo.tolist(), starts[redo].tolist(), ends[redo].tolist(), final_of, quoted
    )

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
    # text_spans for one text, in plain lists: numpy costs more than it saves here
    parts = _PIECES.split(sentence)
    bounds = list(accumulate(map(len, parts)))
    starts, ends, pieces = bounds[0:-1:2], bounds[1::2], parts[1::2]
    if _PUNCT_PAIR.search(sentence):
        _glue_swallowed(sentence, starts, ends, pieces)
    final = _final_period(sentence) if "." in sentence else -1
    final_of = {bisect_right(starts, final) - 1: final} if final >= 0 else {}
    touched = _positions(sentence, ("'",)) + _hint_positions(sentence)
    quoted = {bisect_right(starts, i) - 1 for i in touched}
    redo = sorted(quoted.union(final_of))
    if not redo:
        return list(zip(starts, ends))
    redo_starts, redo_ends = [starts[k] for k in redo], [ends[k] for k in redo]
    counts, spans = _context_rules(sentence, pieces, redo, redo_starts, redo_ends, final_of, quoted)
    out: list[tuple[int, int]] = []
    previous = taken = 0
    for k, count in zip(redo, counts):
        out.extend(zip(starts[previous:k], ends[previous:k]))
        out.extend(spans[taken : taken + count])
        previous, taken = k + 1, taken + count
    out.extend(zip(starts[previous:], ends[previous:]))
    return out


def word_tokens(sentence: str) -> list[str]:
    """The tokens of one sentence; ``nltk.word_tokenize`` but with original quote characters.

    Example:
        >>> word_tokens("Gen. Smith's $3.5bn deal, 'not' done.")
        ['Gen.', 'Smith', "'s", '$', '3.5bn', 'deal', ',', "'", 'not', "'", 'done', '.']
    """
    return [sentence[a:b] for a, b in word_spans(sentence)]
