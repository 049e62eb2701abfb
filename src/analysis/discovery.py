"""Discovery: names the dictionary does not know, from runs of capitalised words.

Runs of capitalised words that the dictionary does not cover become candidate names, typed by
cues (``resources/actors_cues.yaml``): a title or role before ("Foreign Minister", "Mr",
"spokesman"), a first name, a speech verb after ("X said"), an organisation suffix ("Ministry",
"Corp", "Bank of ..."), a place cue ("in X") or a place suffix ("River"). The first word of a
sentence is dropped when it is a common word (a stopword, a sentiment-lexicon word, or a word
written in lower case elsewhere in the article). Names with no cue are typed "other". Title-Case
headings yield no names without support.
"""

from __future__ import annotations

import bisect
import re

from .candidates import PLACE_OF, Candidate, cap_words, previous_word
from .dictionary import longest_first
from .gazetteers import company_name, place_subtype
from .mention_types import in_result_line

_CAPS_SENTENCE_LETTERS = 8
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.\-]{1,7}$")


_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")


_GAP_WORD = re.compile(r" ([a-z]{1,4}(?: the)?) ")


def _is_caps_sentence(sentence: str) -> bool:
    upper = len(_UPPER.findall(sentence))
    lower = len(_LOWER.findall(sentence))
    return upper + lower >= _CAPS_SENTENCE_LETTERS and upper >= 4 * lower


def discover_names(
    text, starts, ends, found, dictionary, cues, lowercase_seen, demonyms, *, words_by_sentence=None
) -> list[Candidate]:
    # dictionary matches by start (entries are removed when a longer discovered name absorbs them),
    # with their sorted starts and an index by end, so lookups stay logarithmic
    by_start = {c.start: c for c in found}
    by_start["__order__"] = sorted(c.start for c in found)
    by_start["__by_end__"] = {c.end: c for c in found}
    by_start["__demonyms__"] = demonyms
    new: list[Candidate] = list(found)
    if words_by_sentence is None:  # each sentence's cap_words (see cap_words_by_sentence)
        words_by_sentence = [cap_words(text, s_begin, s_end) for s_begin, s_end in zip(starts, ends)]
    for s_begin, s_end, words in zip(starts, ends, words_by_sentence):
        if not words or (
            len(words) >= 3
            and sum(text[a:b].isupper() for a, b in words) >= 3
            and _is_caps_sentence(text[s_begin:s_end])
        ):
            continue  # headlines in capitals carry no capitalisation cues; resolution handles known names
        classified = []
        for run in _runs(text, words, cues):
            classified.extend(_classify_run(text, run, s_begin, by_start, dictionary, cues, lowercase_seen))
        # the sentence's Title-Case heading lines, looked for only where it yields names
        headings = _heading_lines(text, s_begin, s_end, cues, lowercase_seen) if classified else []
        if headings:
            for c in classified:
                c.in_heading = c.source == "discovered" and any(a <= c.start < b for a, b in headings)
        new.extend(classified)
    new = _longest_first_candidates(new)
    # a name found only in Title-Case headings ("Rules Out Reopening", "End Bush") needs a strong cue
    # (a first name, an organisation word) or the same name in the article's running text
    if any(c.in_heading for c in new):
        running = {c.actor for c in new if not c.in_heading}
        new = [c for c in new if not c.in_heading or c.strength >= 3 or c.actor in running]
    if demonyms:
        stems = set(demonyms.values())
        for c in new:
            if c.source != "discovered":
                continue
            if c.actor in demonyms:  # "Valtenian" -> Valtenia
                c.actor, c.type, c.strength, c.demonym = demonyms[c.actor], "location", 3, True
            elif c.actor in stems and c.strength < 3:
                c.type, c.strength = "location", 3
    return new


# \b[A-Z][a-z]{3,}\b, written to start with the capital so the search skips ahead to capitals
# instead of trying a word boundary at every character (twice as fast, the same words)
_TITLE_CASE_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{3,}\b")
_DEMONYM_ENDINGS = (("ian", "ia"), ("n", ""), ("an", ""), ("ian", ""), ("ian", "y"), ("ese", ""), ("i", ""))


def demonym_stems(text, dictionary, cues, lowercase_seen) -> dict[str, str]:
    """Demonyms of places the dictionary does not know, from the article itself: a capitalised
    word that is another capitalised word of the article plus a demonym ending ("Valtenian"
    and "Valtenia", "Pakistani" and "Pakistan") -> {demonym: place}."""
    words = set(_TITLE_CASE_WORD.findall(text))
    out = {}
    for word in words:
        if not word.endswith(("n", "ese", "i")) or word.lower() in lowercase_seen:
            continue
        for ending, replacement in _DEMONYM_ENDINGS:
            if word.endswith(ending):
                stem = word[: len(word) - len(ending)] + replacement
                if (
                    len(stem) >= 4
                    and stem in words
                    and stem.lower() not in cues.common
                    and stem.lower() not in lowercase_seen
                    and stem not in cues.given_names
                ):
                    if not dictionary.type_of(stem) and not dictionary.type_of(word):
                        out[word] = stem
                    break
    return out


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{5,}")
_WORD_IN_LINE = re.compile(r"[^\W\d_][\w'’-]*")


def _heading_lines(text, begin, end, cues, lowercase_seen) -> list[tuple[int, int]]:
    """Spans of the lines of text[begin:end] written in Title Case: every word capitalised and at
    least one of them an ordinary word ("Iraq Poll Rules Out Reopening", "Install Windows")."""
    spans = []
    pos = begin
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        # most lines hold an ordinary lower-case word: a quick search rules them out
        short = stop - pos <= 200 and not _LOWER_WORD.search(text, pos, stop)
        words = _WORD_IN_LINE.findall(text, pos, stop) if short else []
        if (
            len(words) >= 2
            and all(w[0].isupper() or w.lower() in _HEADING_SMALL for w in words)
            and any(
                w[0].isupper()
                and w.isalpha()
                and not w.isupper()
                and (w.lower() in cues.common or w.lower() in lowercase_seen)
                for w in words
            )
        ):
            spans.append((pos, stop))
        pos = stop + 1
    return spans


_HEADING_SMALL = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "as", "vs"}
)


def _runs(text, words, cues) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words (as lists of word spans), joined by spaces, "&", or name
    particles and "of"/"for" after an organisation or place word ("Bank of England")."""
    runs = []
    run = [words[0]]
    possessive = []  # where the run was joined over a possessive ("Farmers' Union")
    listing = False  # inside "Department for Culture, Media and Sport": a list of capitalised words
    for k, (prev, word) in enumerate(zip(words, words[1:])):
        gap = text[prev[1] : word[0]]
        if gap == " " or gap in ("  ", " & ", "&"):
            run.append(word)
            continue
        if listing and (
            gap == " and "
            or (gap == ", " and k + 2 < len(words) and text[word[1] : words[k + 2][0]] in (" and ", ", "))
        ):
            run.append((prev[1] + 1, word[0] - 1) if gap == " and " else (prev[1], prev[1] + 1))
            run.append(word)
            continue
        if gap in _POSSESSIVE_GAPS and _plural_noun(text[prev[0] : prev[1]], cues):
            possessive.append(len(run))
            run.append(word)
            continue
        m = _GAP_WORD.fullmatch(gap) if 3 <= len(gap) <= 10 else None  # the pattern's shortest and longest
        if m:
            joiner = m.group(1)
            head = text[prev[0] : prev[1]]
            if joiner in cues.name_particles or (
                joiner.split()[0] in ("of", "for")
                and (head in cues.organization_suffixes or head in cues.location_suffixes or head in _OF_HEADS)
            ):
                run.append((prev[1] + 1, word[0] - 1))  # the joining word(s) as one token
                run.append(word)
                listing = head in cues.organization_suffixes or head in _OF_HEADS
                continue
        if possessive:
            runs.extend(_split_possessive(text, run, possessive, cues))
        else:
            runs.append(run)
        run, possessive, listing = [word], [], False
    runs.extend(_split_possessive(text, run, possessive, cues))
    return runs


_POSSESSIVE_GAPS = ("'s ", "’s ", "' ", "’ ")


def _plural_noun(word: str, cues) -> bool:
    """Whether ``word`` reads as a common plural noun ("Farmers", "Fishermen", "People")."""
    low = word.lower()
    return low.isalpha() and (low in cues.common or low.endswith(("s", "men", "ren", "ple")))


def _split_possessive(text, run, possessive, cues) -> list[list[tuple[int, int]]]:
    """Keep a run joined over a possessive only when it ends as an organisation's name
    ("People's Alliance", "Fishermen's Association"); else split it there."""
    if not possessive:
        return [run]
    last = text[run[-1][0] : run[-1][1]]
    if last in cues.organization_suffixes or last in _OF_HEADS:
        return [run]
    pieces, begin = [], 0
    for k in possessive:
        pieces.append(run[begin:k])
        begin = k
    pieces.append(run[begin:])
    return pieces


_ROLE_HEADS = {
    "Minister",
    "President",
    "Secretary",
    "Chancellor",
    "Premier",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Ambassador",
    "Governor",
    "Mayor",
    "Chairman",
    "Chairwoman",
    "Director",
    "Envoy",
    "Commissioner",
    "Coach",
    "Manager",
    "Leader",
    "Officer",
    "Executive",
    "Senator",
    "Judge",
    "Captain",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "MP",
    "MEP",
    "MSP",
    "AM",
}
_OF_HEADS = {
    "Bank",
    "University",
    "Ministry",
    "Department",
    "Chamber",
    "Bay",
    "Gulf",
    "Sea",
    "Isle",
    "Strait",
    "Cape",
    "Republic",
    "Kingdom",
    "Church",
    "Board",
    "College",
    "Institute",
    "Museum",
    "Court",
    "House",
    "Office",
    "Federation",
    "Union",
    "Association",
    "Council",
    "Committee",
    "Commission",
    "Party",
    "Army",
    "Front",
    "Movement",
    "League",
    "Bureau",
    "Agency",
    "Organisation",
    "Organization",
    "Society",
    "Academy",
    "Centre",
    "Center",
    "Authority",
    "Government",
    "Assembly",
    "Confederation",
    "Corporation",
    "Company",
    "Club",
    "Fund",
    "Foundation",
    "Service",
    "School",
    "Port",
    "Duchy",
    "Province",
    "State",
    "States",
    "Islands",
    "Bishop",
    "Archbishop",
    "Mayor",
    "Governor",
}


def _classify_run(text, run, s_begin, by_start, dictionary, cues, lowercase_seen) -> list[Candidate]:
    known = by_start.get(run[0][0])
    if known is not None and known.end == run[-1][1]:
        return []  # one dictionary match (which also keeps the run's first word below)
    spans = run
    toks = [text[s:e] for s, e in spans]
    # the first word of a sentence (or after an opening quote or bracket) is capitalised anyway
    while toks and spans[0][0] not in by_start:  # a dictionary match keeps its first word
        w = toks[0]
        low = w.lower()
        if low in cues.stop or (
            (low in cues.common or low in lowercase_seen or w in cues.never_names)
            and w not in cues.person_titles
            and _sentence_initial(text, s_begin, spans[0][0])
            and not (len(spans) > 1 and w not in cues.never_first and _named_mid_sentence(text, spans))
        ):
            toks, spans = toks[1:], spans[1:]
            continue
        break
    if not toks:
        return []
    run_start, run_end = spans[0][0], spans[-1][1]
    # dictionary matches inside the run
    order = by_start["__order__"]
    lo = bisect.bisect_left(order, run_start)
    hi = bisect.bisect_left(order, run_end)
    inside = [by_start[k] for k in order[lo:hi] if k in by_start and by_start[k].end <= run_end]
    if inside and inside[0].start == run_start and inside[0].end == run_end:
        return []
    # "Russian Foreign Ministry", "Bank of England": an organisation suffix makes the whole run one name
    of_org = len(toks) > 1 and any(
        t.split()[0] in ("of", "for")
        and k > 0
        and (toks[k - 1] in cues.organization_suffixes or toks[k - 1] in _OF_HEADS)
        and toks[k - 1] not in cues.location_suffixes
        for k, t in enumerate(toks)
    )
    if len(toks) > 1 and toks[-1] in ("City", "County", "Town") and place_subtype(" ".join(toks)):
        for c in inside:  # "New York City" is a city, not a club named after "New York"
            by_start.pop(c.start, None)
        return [_found(text, run_start, run_end, "location", 3, place_subtype(" ".join(toks)))]
    if (toks[-1] in cues.organization_suffixes or of_org) and len(toks) > 1:
        head = 0
        while head < len(toks) - 2 and (
            toks[head] in cues.person_titles and toks[head] not in ("Foreign", "Home", "State")
        ):
            head += 1
        s = spans[head][0]
        if not any(c.start <= s < c.end and c.end == run_end for c in inside):
            for c in inside:
                by_start.pop(c.start, None)
            return [_found(text, s, run_end, "organization", 3)]
    if not inside:
        return _classify_piece(text, toks, spans, s_begin, None, by_start, dictionary, cues)
    pieces = []
    cursor = 0
    for c in inside:  # in order of their starts
        k = (
            next(k for k, sp in enumerate(spans) if sp[0] >= c.start)
            if any(sp[0] >= c.start for sp in spans)
            else len(spans)
        )
        pieces.append((cursor, k, c))
        cursor = next((k2 for k2, sp in enumerate(spans) if sp[0] >= c.end), len(spans))
    pieces.append((cursor, len(spans), None))
    out = []
    for a, b, following in pieces:
        if a < b:
            out.extend(_classify_piece(text, toks[a:b], spans[a:b], s_begin, following, by_start, dictionary, cues))
    return out


def _classify_piece(text, toks, spans, s_begin, following, by_start, dictionary, cues) -> list[Candidate]:
    title = False
    place = len(toks) > 1 and toks[-1] in cues.location_suffixes  # "North Sea": the compass word is part of it
    while toks and (
        toks[0] in cues.person_titles
        or (toks[0] in cues.never_names and not place and _not_leading(toks, spans, text, s_begin, cues))
    ):
        title = title or toks[0] in cues.person_titles
        toks, spans = toks[1:], spans[1:]
    if len(toks) > 1 and toks[-1] in cues.event_suffixes and toks[0][:1].isupper():
        # "Davis Cup", "Australian Open", "Turner Prize": an event or award, not a person or a place
        return [_found(text, spans[0][0], spans[-1][1], "other", 3, cues.event_suffixes[toks[-1]])]
    while toks and toks[-1] in cues.never_names:
        toks, spans = toks[:-1], spans[:-1]
    # "Ontario-based Magna", "Communist-led CGT": the place or party before is not part of the name
    while len(toks) > 1 and "-" in toks[0] and _ATTRIBUTIVE.search(toks[0]):
        toks, spans = toks[1:], spans[1:]
    # a joining word or comma left at either end once titles are stripped ("for Culture, Media and")
    while toks and not toks[0][:1].isupper() and not toks[0][:1].isdigit():
        toks, spans = toks[1:], spans[1:]
    while toks and not toks[-1][:1].isupper() and not toks[-1][:1].isdigit():
        toks, spans = toks[:-1], spans[:-1]
    extra = []
    # "Digital Affairs Minister Rafael Osei": the name is what follows the last role word
    for k in range(len(toks) - 2, -1, -1):
        if toks[k] in _ROLE_HEADS:
            # "Valtenian Foreign Minister ...": a demonym before the role is a mention of its place
            if toks[0] in by_start["__demonyms__"] and (k == 1 or toks[1] in cues.person_titles):
                extra.append(_found(text, spans[0][0], spans[0][1], "location", 2))
            toks, spans, title = toks[k + 1 :], spans[k + 1 :], True
            break
    if not toks:
        return extra
    start, end = spans[0][0], spans[-1][1]
    # a dictionary location right after ("Real Madrid", "Manchester United" is the other way round)
    if (
        following is not None
        and following.type == "location"
        and following.start - end <= 1
        and not title
        and toks[-1] not in cues.location_suffixes
        and toks[0] not in ("North", "South", "East", "West")
    ):
        if following.start - end == 1 and len(toks) <= 2 and toks[0] not in cues.given_names:
            by_start.pop(following.start, None)
            return [_found(text, start, following.end, "organization", 2)]
    prev_word = previous_word(text, start, cues)
    next_words = text[end : end + 40].split()
    next_word = next_words[0].strip(",.;:") if next_words else ""
    n = len(toks)
    kind, strength = "other", 0
    if n > 1 and toks[-1] in ("City", "County", "Town") and place_subtype(" ".join(toks)):
        return [*extra, _found(text, start, end, "location", 3, place_subtype(" ".join(toks)))]  # "New York City"
    if not title and (prev_word in cues.work_words_before or next_word in cues.work_words_after):
        return [*extra, _found(text, start, end, "other", 3, "work")]  # "the film Vera Drake", "Aviator star"
    if toks[-1] in cues.organization_suffixes and n > 1:
        kind, strength = "organization", 3
    elif toks[-1] in cues.location_suffixes and n > 1:
        kind, strength = "location", 3
    elif title or prev_word in cues.person_words:
        kind, strength = "person", 3
    elif toks[0] in cues.given_names and n > 1:
        kind, strength = "person", 3
    elif n == 1 and _ACRONYM.match(toks[0]) and toks[0].upper() == toks[0] and not toks[0].endswith("."):
        kind, strength = "organization", 1
    elif prev_word in cues.place_words and n <= 3:
        kind, strength = "location", 2
    elif (
        n <= 3
        and text.find(" of ", max(0, start - 30), start) >= 0  # what the pattern needs, found quicker
        and (place_of := PLACE_OF.search(text, max(0, start - 30), start))
        and place_of.group(1) in cues.place_of_words
    ):
        kind, strength = "location", 2
    elif next_word in cues.speech_verbs:
        kind, strength = "person", 2
    elif n >= 2 and not any(t.lower() in cues.common for t in toks) and toks[0] not in cues.never_names:
        kind, strength = "person", 1  # "West Ham", "Team GB": a never-name leads no person's name
    elif n == 1 and toks[0].lower() in cues.common:
        return extra  # a capitalised common word: not a name
    elif in_result_line(text, start, end) and text[end : end + 1] == " " and kind == "other":
        return [
            *extra,
            _found(text, start, end, "organization", 2, "club"),
        ]  # a side of a result ("Crewe 2 Bristol City 0")
    elif (
        n == 1
        and _sentence_initial(text, s_begin, start)
        and text[end : end + 2] not in ("'s", "’s")
        and not company_name(toks[0])
        and not place_subtype(toks[0])
    ):
        return extra  # a lone first word of a sentence with no cue ("Meridia's" is a name: a possessive)
    subtype = ""
    if strength <= 1 and kind != "person" or (kind == "person" and strength <= 1 and toks[0] not in cues.given_names):
        name = " ".join(toks)
        if n > 1 and "&" in text[start:end]:
            kind, strength, subtype = "organization", 2, "company"  # "Douglas & Lomason", "Marks & Spencer"
        elif company_name(name):
            kind, strength, subtype = "organization", 2, "company"
        elif place_subtype(name):
            kind, strength, subtype = "location", 2, place_subtype(name)
    # a dictionary location before ("Manchester United") makes an organisation of both
    preceding = by_start["__by_end__"].get(start - 1)
    if preceding is not None and by_start.get(preceding.start) is not preceding:
        preceding = None
    if (
        preceding is not None
        and preceding.type == "location"
        and start - preceding.end == 1
        and n <= 2
        and text[preceding.start : preceding.end] in cues.given_names
        and not preceding.demonym
    ):
        by_start.pop(preceding.start, None)  # "Sofia Brandt", "Jordan Henderson": a first name, not the place
        return [*extra, _found(text, preceding.start, end, "person", 3)]
    if (
        preceding is not None
        and preceding.type == "location"
        and start - preceding.end == 1
        and n <= 2
        and kind in ("other", "person")
        and strength <= 1
        and not preceding.demonym
    ):
        by_start.pop(preceding.start, None)
        return [*extra, _found(text, preceding.start, end, "organization", 2)]
    return [*extra, _found(text, start, end, kind, strength, subtype)]


def _not_leading(toks, spans, text, s_begin, cues) -> bool:
    """Whether a never-name at the front of a piece is cut off: always when it is a date, a time or
    an honorific ("Tuesday Mr Ebbers"), or when it is alone; other never-names lead a name in
    mid-sentence ("shares in Time Warner", "at Old Trafford", "West Ham")."""
    return (
        toks[0] in cues.never_first
        or len(toks) == 1
        or (_sentence_initial(text, s_begin, spans[0][0]) and not _named_mid_sentence(text, spans))
    )


def _named_mid_sentence(text: str, spans) -> bool:
    """Whether the article also writes a run's first two words in mid-sentence, capitalised alike:
    then "Time Warner said" at a sentence's start is the company of "shares in Time Warner", not
    "Time" capitalised by its place and a person called Warner."""
    first = spans[0][0]
    phrase = text[first : spans[1][1]]
    at = text.find(phrase)
    while at >= 0:
        before = text[max(0, at - 4) : at].rstrip()
        end = at + len(phrase)
        if at != first and before and before[-1] not in _SENTENCE_OPENERS and not text[end : end + 1].isalnum():
            return True
        at = text.find(phrase, at + 1)
    return False


_SENTENCE_OPENERS = frozenset(".!?:;\"'“‘([-–—•*")


_ATTRIBUTIVE = re.compile(r"-(?:based|led|owned|run|controlled|backed|born|registered|listed)$")


def _sentence_initial(text: str, s_begin: int, start: int) -> bool:
    """Whether text[start] begins its sentence, or a quotation (capitalised anyway)."""
    # a bounded window: slicing from the sentence start would cost the sentence's length per name
    before = text[max(s_begin, start - 24) : start]
    if before.strip(" \"'“‘(-—:") == "":
        return start - s_begin <= 24 or text[s_begin:start].strip(" \"'“‘(-—:") == ""
    before = before.rstrip(" ")
    return before[-1] in '"“' and (len(before) == 1 or before[-2] in " :(\n—-")


def _found(text, start, end, kind, strength, subtype="") -> Candidate:
    return Candidate(
        start, end, " ".join(text[start:end].split()), kind, "discovered", "rules", strength, subtype=subtype
    )


def _longest_first_candidates(cands: list[Candidate]) -> list[Candidate]:
    spans = [(c.start, c.end, k) for k, c in enumerate(cands)]
    kept = longest_first(spans)
    return [cands[k] for _, _, k in kept]
