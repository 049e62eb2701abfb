"""A candidate mention, the record every step of mention finding passes on, and the word tests
the steps share (capitalised words, the word before a name, one type per name).

Example:
    >>> text = "Ana Lopez met the Mr. Smith's aides."
    >>> [text[s:e] for s, e in cap_words(text, 0, len(text))]
    ['Ana', 'Lopez', 'Mr.', 'Smith']
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "capt",
    "sgt",
    "adm",
    "rev",
    "st",
    "mt",
    "ft",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ltd",
    "bros",
    "no",
    "cmdr",
    "messrs",
}


@dataclass(slots=True)  # tens of thousands per chunk: slots make them smaller and quicker to read
class Candidate:
    start: int
    end: int
    actor: str
    type: str
    source: str  # dictionary | discovered
    backend: str
    strength: int = 0  # how sure the type is (discovered names): 0 none ... 3 strong cue
    demonym: bool = False
    subtype: str = ""
    self_reference: bool = False
    in_heading: bool = False  # found in a Title-Case heading line (kept only with support, see discover_names)


# a capitalised word (Latin, Greek, Cyrillic capitals; "3Com"), with inner hyphens (not before a
# lower-case tail: "Bush-style" is "Bush", "Ata-ur-Rehman" stays whole), apostrophes, dots and
# ampersands, and an optional final dot. It opens with its first character's class and looks
# behind only then (no word character, apostrophe, dot, "&" or "-" before it; a digit only before
# a capital): a pattern that opens with a class lets the search skip ahead to the next capital
# or digit instead of trying every position (a third faster, the same words)
_CAP_WORD = re.compile(
    r"[A-ZÀ-ÖØ-Þ\u0100-\u024f\u0386-\u03ab\u0400-\u042f\d](?<![\w'’.&-].)(?:(?<!\d)|(?=[A-Z]))"
    r"(?:\w|['’.&](?=\w)|-(?=[^\W_a-zß-ÿ]|[a-z]+-?[A-Z]))*\.?"
)


def cap_words(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Spans of capitalised words in text[begin:end]; a final dot is kept only on
    abbreviations and initials, a possessive 's is left out."""
    return [span for _, _, span in _cap_word_matches(text, begin, end) if span is not None]


def _cap_word_matches(text: str, begin: int, end: int) -> list[tuple[int, int, tuple[int, int] | None]]:
    """Every match of the capitalised-word pattern: (start, end as matched, the word's span or None)."""
    matches: list[tuple[int, int, tuple[int, int] | None]] = []
    for m in _CAP_WORD.finditer(text, begin, end):
        s, e = m.span()
        raw_end = e
        if not text[s].isupper() and not text[s].isdigit():
            matches.append((s, raw_end, None))
            continue
        if text[e - 1] == "." and e - s > 1:
            core = text[s : e - 1]
            if not ("." in core or core.lower() in _ABBREVIATIONS or (len(core) == 1 and core.isupper())):
                e -= 1
        if e - s > 2 and text[e - 2] in "'’" and text[e - 1] in "sS":  # possessive
            e -= 2
        matches.append((s, raw_end, (s, e)))
    return matches


def cap_words_by_sentence(text: str, starts, ends) -> tuple[list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """``cap_words`` of the whole text and of each sentence (``starts[k]:ends[k]``) from one pass.

    A sentence's words are the text's words inside it: the pattern looks behind past a search's
    start and never ahead past its end, so the two agree unless a match runs across one of the
    sentence's ends (a sentence split inside a word); such a sentence is searched on its own.

    Example:
        >>> text = "Ana Lopez met Mr. Smith. The UN agreed."
        >>> cap_words_by_sentence(text, [0, 25], [25, len(text)])[1]
        [[(0, 3), (4, 9), (14, 17), (18, 23)], [(25, 28), (29, 31)]]
    """
    matches = _cap_word_matches(text, 0, len(text))
    match_starts = [s for s, _, _ in matches]
    words = [span for _, _, span in matches if span is not None]
    by_sentence = []
    for begin, end in zip(starts, ends):
        lo = bisect.bisect_left(match_starts, begin)
        hi = bisect.bisect_left(match_starts, end)
        if (lo > 0 and matches[lo - 1][1] > begin) or (hi > lo and matches[hi - 1][1] > end):
            by_sentence.append(cap_words(text, begin, end))
        else:
            by_sentence.append([span for _, _, span in matches[lo:hi] if span is not None])
    return words, by_sentence


PLACE_OF = re.compile(r"\b([a-z]+) of (?:the )?$")
_ASCII_LETTERS = frozenset(string.ascii_letters)


def previous_word(text: str, start: int, cues) -> str:
    """The word before a name, lower-cased; a capitalised one counts only when it is a stopword
    ("In Valtenia"), not when it is a word left out of the name ("Northern Shield")."""
    # read from the right (as the pattern ``([A-Za-z]+)[\s,]*$`` would find it, without trying
    # every start in the window): skip spaces and commas, then take the ASCII letters before them
    low_end = max(0, start - 30)
    stop = start
    while stop > low_end and (text[stop - 1] == "," or text[stop - 1].isspace()):
        stop -= 1
    begin = stop
    while begin > low_end and text[begin - 1] in _ASCII_LETTERS:
        begin -= 1
    if begin == stop:
        return ""
    word = text[begin:stop]
    low = word.lower()
    return low if word[0].islower() or low in cues.stop else ""


def settle_types(cands: list[Candidate]) -> list[Candidate]:
    """One type per discovered name in an article: the one with the strongest cue."""
    best: dict[str, tuple[int, str, str]] = {}
    for c in cands:
        if c.source == "discovered":
            if c.actor not in best or c.strength > best[c.actor][0]:
                best[c.actor] = (c.strength, c.type, c.subtype)
    for c in cands:
        if c.source == "discovered" and not c.demonym:
            _, c.type, c.subtype = best[c.actor]
    return cands
