"""Types from context: what the words around a name make of it, for every mention in the article.

In a sports story a place or unknown name named as a side is a club ("Leicester (club)") and a
country its national side ("England (national team)"); a name with a company's context ("shares
in X") or in a listed-company gazetteer is a company; products are type "other" with a subtype.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from .candidates import PLACE_OF, Candidate, previous_word, settle_types
from .gazetteers import place_subtype

_WORDS = re.compile(r"[a-z][a-z-]+")
_SCORE_AFTER = re.compile(r"\s\d{1,3}(?!\d)(?![:/.,]\d)(?:-\d{1,3})?")
_NEXT_WORDS = re.compile(r"(?:['’]s)?,?\s+([A-Za-z.]+)(?:\s+([a-z]+))?")
_LETTERS = string.ascii_letters
_LETTERS_DOT = string.ascii_letters + "."


def _context_words(text: str, start: int, end: int) -> tuple[set[str], set[str]]:
    """The one- and two-word phrases right after and right before text[start:end], lower case."""
    after, before = set(), set()
    m = _NEXT_WORDS.match(text, end, min(len(text), end + 40))
    if m:
        first = m.group(1).lower()
        after = {first, f"{first} {m.group(2)}"} if m.group(2) else {first}
    words = _previous_words(text, start)
    if words:
        last = words[1].lower()
        before = {last, f"{words[0].lower()} {last}"} if words[0] else {last}
    return after, before


def _previous_words(text: str, start: int) -> tuple[str, str] | None:
    r"""The one or two words before ``start`` (a "the" between left out): the groups of
    ``re.compile(r"(?:([A-Za-z]+)\s+)?([A-Za-z.]+)\s+(?:the\s+)?$").search(text, start - 40, start)``
    ("" for a missing first word), or None where it finds nothing.

    Read from the window's last three words instead: the pattern's search tries every start in
    the window and backtracks at each, the costliest step of typing names from their context.
    """
    window = text[max(0, start - 40) : start]
    if not window or not window[-1].isspace():
        return None  # the pattern ends in whitespace
    words = window.split()
    if not words:
        return None
    last = words[-1]
    # the leftmost start wins; at one start the optional first word is tried first
    if len(words) >= 3 and last == "the" and not words[-2].rstrip(_LETTERS_DOT):
        first = _tail(words[-3], _LETTERS)
        if first:
            return first, words[-2]  # "X Y the": the first word starts furthest left
    if len(words) >= 2:
        first = _tail(words[-2], _LETTERS)
        second_last = _tail(words[-2], _LETTERS_DOT)
        two_words = bool(first) and not last.rstrip(_LETTERS_DOT)  # "X Y"
        before_the = last == "the" and bool(second_last)  # "Y the"
        if before_the and (len(second_last) > len(first) or not two_words):
            return "", second_last
        if two_words:
            return first, last
    only = _tail(last, _LETTERS_DOT)
    return ("", only) if only else None


def _tail(word: str, chars: str) -> str:
    """The longest end of ``word`` made of ``chars``."""
    return word[len(word.rstrip(chars)) :]


def retype_in_context(text, found, cues, *, national_teams: bool = True) -> list[Candidate]:
    """Clubs and companies from the words around a name, for every mention of it in the article.

    In a sports story a place or an untyped name named as a side is a club: a score after it
    ("Surrey 352"), a match verb ("Chelsea beat", "lost to Arsenal"), a team role ("Liverpool
    manager"), or for a city or a country just not being named as a place ("in Leicester", a
    dateline). A club named after its city is its own actor, "Leicester (club)", and a country's
    side is "England (national team)": the place keeps its own mentions. A name typed by no
    strong cue that is a listed company, or has a company's context ("shares in Fiat", "Yukos
    shares", "Nintendo said its"), is a company.
    """
    sport = None
    clubs, companies, products = set(), set(), set()
    national: set[str] = set()
    for c in found:
        if c.demonym or c.source == "dictionary" and c.type != "location":
            continue
        weak = c.source == "discovered" and c.type in ("person", "other") and c.strength <= 1
        place = c.type == "location" and c.subtype != "country"
        if c.type == "location" and c.subtype == "country" and not c.demonym:
            if national_teams:
                if sport is None:
                    sport = _is_sport(text, cues)
                if sport and _named_as_side(text, c, cues):
                    national.add(c.actor)
            continue
        # typed by a weak cue only ("X said", "in X"), so a company's context can overrule it
        unsure = c.source == "discovered" and c.strength <= 2 and not c.subtype
        if not (weak or place or unsure):
            continue
        if sport is None:
            sport = _is_sport(text, cues)
        first_word = text[c.start : c.end].split()[0]
        if not sport and not (unsure and first_word not in cues.given_names):
            continue  # only sides in sports stories and unsure names need their context
        after, before = _context_words(text, c.start, c.end)
        if weak or place:
            if sport is None:
                sport = _is_sport(text, cues)
            score = _SCORE_AFTER.match(text, c.end)
            named_as_side = after & cues.team_words_after or before & cues.team_words_before
            # a capitalised plural with no other cue names a side in a sports story ("the Mets", "Saracens")
            plural = (
                c.type == "other" and len(c.actor.split()) == 1 and c.actor.endswith("s") and not c.actor.endswith("ss")
            )
            # an unknown name is a side only in a result line ("Haitai 2 Samsung 0"): a player's
            # score ("Jayasuriya 44") is a number after a name too
            if sport and (
                (score and (place or in_result_line(text, c.start, c.end)))
                or (place or c.type == "other")
                and named_as_side
                or plural
            ):
                clubs.add(c.actor)
                continue
        if (
            unsure
            and c.type != "person"
            and after & cues.product_words_after
            and not (sport if sport is not None else (sport := _is_sport(text, cues)))
        ):
            products.add(c.actor)  # "Windows programs", "the Xbox console"
        elif (
            unsure
            and first_word not in cues.given_names
            and (after & cues.company_words_after or before & cues.company_words_before)
        ):
            companies.add(c.actor)
    for c in found:
        if c.demonym:
            continue
        if c.actor in clubs:
            if c.type == "location" and _named_as_place(text, c, cues):
                continue  # the city itself: a dateline, a venue ("at Chicago")
            if c.type == "location":
                c.actor = f"{c.actor} (club)"
            c.type, c.subtype, c.strength = "organization", "club", 3
        elif c.actor in companies and c.source == "discovered":
            c.type, c.subtype, c.strength = "organization", "company", 3
        elif c.actor in products and c.source == "discovered" and c.strength < 3:
            c.type, c.subtype, c.strength = "other", "product", 3
    for c in found:
        # a country named as a side once is the side wherever the story does not name it as a place
        if c.actor in national and not c.demonym and not _named_as_place(text, c, cues):
            c.actor, c.type, c.subtype = f"{c.actor} (national team)", "organization", "national team"
    return settle_types(found) if clubs or companies or products else found


_DATELINE = re.compile(r"\s+\d{4}-\d\d-\d\d|,? \w+ \d{1,2}\s*\((?:Reuters|AP|AFP)\)")
_RESULT_AFTER = re.compile(r" \d{1,3},? [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} \d{1,3}(?:\s|$)")
_RESULT_BEFORE = re.compile(r"(?:^|\n)[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} \d{1,3},? $")
_RESULT_ROW = re.compile(r"^[A-Z][A-Za-z.' -]{2,40}?(?: \d{1,3}){3,}(?: \.\d{3}| -)*\s*$", re.MULTILINE)


def in_result_line(text: str, start: int, end: int) -> bool:
    """Whether a name is one side of a result ("Haitai 2 Samsung 0") or a row of a league table."""
    if not (text[end + 1 : end + 2].isdigit() or text[max(0, start - 2) : start - 1].isdigit()):
        return False  # a side has its score right after it, or the other side's right before it
    # windows, not whole lines: an article with no line breaks must not make this linear per name
    line_end = text.find("\n", end, end + 200)
    line_end = min(len(text), end + 200) if line_end < 0 else line_end
    line_start = text.rfind("\n", max(0, start - 200), start) + 1 or max(0, start - 200)
    return bool(
        _RESULT_AFTER.match(text, end, line_end)
        or _RESULT_BEFORE.search(text, max(0, start - 60), start)
        or _RESULT_ROW.match(text, line_start, line_end)
    )


def _named_as_side(text: str, c: Candidate, cues) -> bool:
    after, before = _context_words(text, c.start, c.end)
    return bool(_SCORE_AFTER.match(text, c.end) or after & cues.team_words_after or before & cues.team_words_before)


def _named_as_place(text: str, c: Candidate, cues) -> bool:
    return (
        bool(_DATELINE.match(text, c.end))
        or previous_word(text, c.start, cues) in cues.place_words
        or bool(PLACE_OF.search(text, max(0, c.start - 30), c.start))
    )


def _is_sport(text: str, cues) -> bool:
    """A sports story: three different sport words, or two rows of a results or league table."""
    return (
        sport_words_in(text.lower(), cues.sport_words, enough=3) >= 3 or len(_RESULT_ROW.findall(text, 0, 20_000)) >= 2
    )


def sport_words_in(low: str, words: frozenset[str], *, enough: int) -> int:
    """How many different ``words`` are words of the lower-case ``low`` (as ``_WORDS`` finds them:
    runs of letters and hyphens, leading hyphens left out), counted up to ``enough``.

    An automaton finds the few sport words in the text, each then checked for being a whole word:
    splitting the whole text into words was the costliest part of telling a sports story.

    Example:
        >>> sport_words_in("the cup-final: a coach, cups and -cup", frozenset({"cup", "coach", "final"}), enough=3)
        2
    """
    automaton = _automaton_of(words)
    if automaton is None:
        return 0
    seen: set[str] = set()
    for end_index, word in automaton.iter(low):
        end = end_index + 1
        if end < len(low) and low[end] in _WORD_CHARS:
            continue  # the word goes on ("cups", "cup-final")
        start = end - len(word)
        while start > 0 and low[start - 1] == "-":
            start -= 1
        if start > 0 and low[start - 1] in _WORD_CHARS:
            continue  # the end of a longer word ("hiccup", "world-cup")
        seen.add(word)
        if len(seen) >= enough:
            break
    return len(seen)


_WORD_CHARS = frozenset(string.ascii_lowercase + "-")


@lru_cache(maxsize=4)
def _automaton_of(words: frozenset[str]):
    """An Aho-Corasick automaton of the ``words`` that ``_WORDS`` can find (None if there are none)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in words:
        if _WORDS.fullmatch(word):
            automaton.add_word(word, word)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def discovered_subtype(surface: str, kind: str, cues) -> str:
    if kind == "person":
        return "person"
    if kind == "organization":
        last = surface.split()[-1] if surface.split() else ""
        return cues.subtype_suffixes.get(last, "")
    if kind == "location":
        return place_subtype(surface)
    return ""
