"""Within-article resolution: a surname after a full name ("Smith" after "John Smith"), an
abbreviation defined in parentheses ("National Security Council (NSC)") and a place known from
its demonym resolve to the actor introduced earlier in the same article.
"""

from __future__ import annotations

import bisect
import re

from .candidates import Candidate, cap_words, settle_types

_PAREN_ABBREV = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,9})\s*\)")


def resolve(text, starts, ends, found, dictionary, cues, demonyms=None, *, words=None) -> list[Candidate]:
    """Surnames and parenthesised abbreviations resolve to the actor named earlier."""
    # 1. abbreviations defined in parentheses: "National Security Council (NSC)"
    abbrev: dict[str, Candidate] = {}
    parentheses = "(" in text  # most articles have none: no pattern match per name then
    for c in found if parentheses else ():
        if c.type in ("organization", "other", "location") and not c.demonym:
            m = _PAREN_ABBREV.match(text, c.end)
            if m and _abbreviates(m.group(1), text[c.start : c.end]):
                abbrev[m.group(1)] = c
    # 1b. ... and acronyms a name spells exactly, used without parentheses ("NSC" and "the
    # National Security Council"): only for all-capital names found by discovery, never to
    # override what the dictionary knows an acronym to be
    spelled: dict[str, Candidate] = {}
    for c in found:
        if c.type == "organization" and not c.demonym:
            for initials in spelled_initials(text[c.start : c.end]):
                spelled.setdefault(initials, c)
    # 2. surnames of people named in full
    surnames: dict[str, Candidate] = {}
    for c in found:
        if c.type == "person":
            parts = text[c.start : c.end].split()
            if len(parts) >= 2:
                last = parts[-1] if parts[-1].rstrip(".") not in ("Jr", "Sr", "II", "III") else parts[-2]
                surnames.setdefault(last, c)
                surnames.setdefault(last.upper(), c)
        elif c.type == "organization" and c.source == "discovered":
            # "Magna International Inc" is later "Magna International" and "Magna"
            parts = text[c.start : c.end].split()
            if len(parts) >= 2 and cues.subtype_suffixes.get(parts[-1]) == "company":
                short = parts[:-1]
                while short and cues.subtype_suffixes.get(short[-1]) == "company":
                    short = short[:-1]
                for k in range(len(short), 0, -1):
                    key = " ".join(short[:k])
                    if key.lower() not in cues.common and key not in cues.given_names:
                        surnames.setdefault(key, c)
                    if short[k - 1] == "&" or len(short[:k]) == 1:
                        break
    # discovered single names resolved, others kept
    out = []
    taken = []
    for c in found:
        surface = text[c.start : c.end]
        target = None
        if surface in abbrev and abbrev[surface].start != c.start:
            target = abbrev[surface]
        elif c.source == "discovered" and surface in surnames and surnames[surface].start != c.start:
            target = surnames[surface]
        elif (
            c.source == "discovered" and surface.isupper() and surface in spelled and spelled[surface].start != c.start
        ):
            target = spelled[surface]
        if target is not None:
            c = Candidate(c.start, c.end, target.actor, target.type, target.source, "rules", 3, subtype=target.subtype)
        out.append(c)
        taken.append((c.start, c.end))
    # 3. occurrences the first passes missed (sentence-initial surnames, capitals headlines)
    extra = []
    names = {**{k: v for k, v in surnames.items()}, **abbrev}
    for c in found:  # one-word names typed in the running text, also where a heading names them
        if (
            c.source == "discovered"
            and c.type != "other"
            and not c.in_heading
            and c.strength >= 2
            and " " not in c.actor
            and text[c.start : c.end] == c.actor
        ):
            names.setdefault(c.actor, c)
    for word, stem in (demonyms or {}).items():  # places known from their demonym ("Meridia", "Meridian")
        names.setdefault(stem, Candidate(-1, -1, stem, "location", "discovered", "rules", 3))
        names.setdefault(word, Candidate(-1, -1, stem, "location", "discovered", "rules", 3, demonym=True))
    if names:
        taken.sort()
        tstarts = [s for s, _ in taken]
        for s, e in cap_words(text, 0, len(text)) if words is None else words:
            target = names.get(text[s:e])
            if target is None or target.start == s:
                continue
            i = bisect.bisect_right(tstarts, s)
            if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            extra.append(
                Candidate(s, e, target.actor, target.type, target.source, "rules", 3, target.demonym, target.subtype)
            )
    if extra:
        out = sorted(out + extra, key=lambda c: c.start)
    return settle_types(out)


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` ("NSC") can abbreviate ``name`` ("National Security Council"), or the
    end of it ("White House National Security Council"): capitals, its first letter is the first
    letter of one of the name's words, and its letters appear from there on in order."""
    letters = [c for c in short if c.isalpha()]
    if len(letters) < 2 or short.upper() != short or len(short) >= len(name) or len(name.split()) < 2:
        return False
    words = re.sub(r"^(?:the|The|THE)\s+", "", name).split()
    for k in range(len(words) - 1):  # the whole name first, then each tail of two words or more
        tail = " ".join(words[k:])
        if letters[0] == tail[:1].upper():
            rest = iter(tail.upper())
            if all(ch in rest for ch in letters):
                return True
    return False


_LINK_WORDS = frozenset({"of", "the", "and", "for", "on", "&"})


def spelled_initials(name: str) -> list[str]:
    """Acronyms a name spells exactly, whole or from a later word on: the first letters of its
    capitalised words ("White House National Security Council" -> WHNSC, HNSC, NSC, SC), so an
    "NSC" elsewhere in the article reaches the council without a "(NSC)" after its name.

    Example:
        >>> spelled_initials("Bank of England")
        ['BE']
    """
    words = name.split()
    if len(words) < 2 or any(not w[:1].isupper() and w not in _LINK_WORDS for w in words):
        return []
    out = []
    for k, word in enumerate(words):
        caps = [w[0] for w in words[k:] if w[:1].isupper()]
        if word[:1].isupper() and len(caps) >= 2:
            out.append("".join(caps))
    return out
