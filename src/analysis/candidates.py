"""A candidate mention, the record every step of mention finding passes on, and the word tests
the steps share (capitalised words, the word before a name, one type per name).

Example:
    >>> text = "Ana Lopez met the Mr. Smith's aides."
    >>> [text[s:e] for s, e in cap_words(text, 0, len(text))]
    ['Ana', 'Lopez', 'Mr.', 'Smith']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "capt", "sgt", "adm",
                  "rev", "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "no", "cmdr", "messrs"}


@dataclass
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
# ampersands, and an optional final dot
_CAP_WORD = re.compile(
    r"(?<![\w'’.&-])(?:[A-ZÀ-ÖØ-Þ\u0100-\u024f\u0386-\u03ab\u0400-\u042f]|\d(?=[A-Z]))"
    r"(?:\w|['’.&](?=\w)|-(?=[^\W_a-zß-ÿ]|[a-z]+-?[A-Z]))*\.?"
)


def cap_words(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Spans of capitalised words in text[begin:end]; a final dot is kept only on
    abbreviations and initials, a possessive 's is left out."""
    spans = []
    for m in _CAP_WORD.finditer(text, begin, end):
        s, e = m.span()
        if not text[s].isupper() and not text[s].isdigit():
            continue
        if text[e - 1] == "." and e - s > 1:
            core = text[s : e - 1]
            if not ("." in core or core.lower() in _ABBREVIATIONS or (len(core) == 1 and core.isupper())):
                e -= 1
        if e - s > 2 and text[e - 2] in "'’" and text[e - 1] in "sS":  # possessive
            e -= 2
        spans.append((s, e))
    return spans


PLACE_OF = re.compile(r"\b([a-z]+) of (?:the )?$")


def previous_word(text: str, start: int, cues) -> str:
    """The word before a name, lower-cased; a capitalised one counts only when it is a stopword
    ("In Valtenia"), not when it is a word left out of the name ("Northern Shield")."""
    m = re.search(r"([A-Za-z]+)[\s,]*$", text[max(0, start - 30) : start])
    if not m:
        return ""
    word = m.group(1)
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
