"""Actor mentions: who (people, organisations, places) is named in each sentence.

``find_mentions`` runs four steps, all offline and rule-based (``backend="rules"``):

1. **Dictionary matching** (``dictionary``): every alias of every actor, one automaton.
2. **Discovery** (``discovery``): names the dictionary does not know, typed by cues.
3. **Within-article resolution** (``resolution``): surnames and abbreviations to the actor
   named earlier.
4. **Types from context** (``mention_types``): clubs, national sides, companies, products.

Photo credits and bylines yield no names: they are the article's makers, not actors in its
story. Each mention carries a ``subtype`` (party, company, club, media outlet, country, city,
nationality, work, event ...) and ``self_reference`` (an outlet naming itself: "told BBC News").
Demonyms ("French") are their own mentions: actor the country, type "other", subtype
"nationality"; ``find_mentions(..., demonyms=False)`` leaves them out.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["NATO met in Brussels."]})
    >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [21]})
    >>> find_mentions(arts, sents)["actor"].tolist()
    ['North Atlantic Treaty Organization', 'Brussels']
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from . import schemas
from .candidates import Candidate, cap_words_by_sentence
from .dictionary import Dictionary, default_cues, default_dictionary
from .discovery import demonym_stems, discover_names
from .docrows import sentence_index
from .mention_types import discovered_subtype, retype_in_context
from .options import check_choice
from .resolution import resolve

BACKENDS = ("rules",)


def find_mentions(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    dictionary: Dictionary | None = None,
    discover: bool = True,
    backend: str = "rules",
    demonyms: bool = True,
    national_teams: bool = True,
) -> pd.DataFrame:
    """Actor mentions in articles: dictionary matches, discovered names, resolved surnames.

    Args:
        articles: frame with doc_id and text (shape "articles").
        sentences: frame with doc_id, sent_id, start, end (shape "sentences"); each
            mention gets the sent_id of the sentence it starts in.
        dictionary: from ``load_dictionary``; default: the package's default dictionary.
        discover: also find names that are not in the dictionary (source "discovered").
        backend: "rules" (capitalisation and context cues; no model).
        national_teams: a country named as a side in a sports story ("England beat Wales") is
            the organisation "England (national team)"; False keeps it a mention of the country
            (the CoNLL-2003 convention, which tags national sides as locations).
        demonyms: keep demonyms ("French") as mentions: actor the country, type "other", subtype
            "nationality" (the report tables leave them out unless asked, see ``counted_mentions``).

    Returns:
        Frame of shape "mentions" (``surface == text[start:end]``), ordered by doc and start.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["Foreign Minister Ana Lopez met Lopez's aides."]})
        >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [45]})
        >>> find_mentions(arts, sents)[["surface", "actor", "actor_type"]].values.tolist()
        [['Ana Lopez', 'Ana Lopez', 'person'], ['Lopez', 'Ana Lopez', 'person']]
    """
    check_choice("backend", backend, BACKENDS)
    dictionary = default_dictionary() if dictionary is None else dictionary
    starts_by_doc, ids_by_doc = sentence_index(sentences)
    rows = []
    for doc_id, text in zip(articles["doc_id"].astype(str).tolist(), articles["text"].astype(str).tolist()):
        starts = starts_by_doc.get(doc_id, [0])
        ids = ids_by_doc.get(doc_id, [0])
        sentence_ends = [*starts[1:], len(text)]
        for c in _article_mentions(
            text, starts, sentence_ends, dictionary, discover=discover, demonyms=demonyms, national_teams=national_teams
        ):
            sent_id = ids[max(0, bisect.bisect_right(starts, c.start) - 1)]
            rows.append(
                (
                    doc_id,
                    sent_id,
                    c.start,
                    c.end,
                    text[c.start : c.end],
                    c.actor,
                    c.type,
                    c.source,
                    c.backend,
                    c.subtype,
                    c.self_reference,
                )
            )
    frame = pd.DataFrame(rows, columns=schemas.columns("mentions"))
    return schemas.conform(frame, "mentions")


def _article_mentions(text, starts, ends, dictionary, *, discover, demonyms, national_teams=True) -> list[Candidate]:
    cues = default_cues()
    found = [
        Candidate(
            s, e, actor, dictionary.type_of(actor), "dictionary", "dictionary", 3, dem, dictionary.subtype_of(actor)
        )
        for s, e, actor, dem in dictionary.match(text, demonyms=True)
    ]
    places = {}
    words = None  # the article's capitalised words, found once for discovery and resolution
    if discover:
        lowercase_seen = set(re.findall(r"\b[a-z][a-z'-]+\b", text))
        places = demonym_stems(text, dictionary, cues, lowercase_seen)
        words, by_sentence = cap_words_by_sentence(text, starts, ends)
        found = discover_names(
            text, starts, ends, found, dictionary, cues, lowercase_seen, places, words_by_sentence=by_sentence
        )
    found = resolve(text, starts, ends, found, dictionary, cues, places, words=words)
    found = retype_in_context(text, found, cues, national_teams=national_teams)
    if _may_have_credit_or_byline(text):
        found = [
            c
            for c in found
            if not ((c.source == "discovered" or c.subtype == "media outlet") and _in_credit_or_byline(text, c))
        ]
    if not demonyms:
        found = [c for c in found if not c.demonym]
    for c in found:
        if c.demonym:
            c.type, c.subtype = "other", "nationality"
        elif not c.subtype:
            c.subtype = discovered_subtype(text[c.start : c.end], c.type, cues)
        if c.subtype == "media outlet":
            c.self_reference = _self_reference(text, c.start, c.end)
    return found


_SELF_BEFORE = re.compile(
    r"(?:\b(?:told|tell|tells|telling|speaking to|spoke to|talking to|said to|interview with)"
    r"\s+(?:the\s+)?|(?:^|\n)[ \t]*By [^\n]{1,60})$",
    re.IGNORECASE,
)
_SELF_AFTER = re.compile(
    r"(?:['’]s)?\s*(?:News|Sport|Radio|Online|World|One|Two|website|programme|correspondent"
    r"|reporter|editor|news website)\b"
)
_SELF_SURFACE = re.compile(r"\s(?:News|Sport|Radio|Online|World|Scotland|Wales|One|Two)\b")


_CREDIT = re.compile(
    r"(?:^|[\s(\[])(?:Photo(?:graph)?s?|Pictures?|Images?|Credit|Illustration|Video)"
    r"(?: by|:| credit:)\s|©|/(?:Getty|AFP|AP|EPA|PA|Reuters|Corbis|Shutterstock)\b"
)
_BYLINE = re.compile(r"^\s*(?:By|BY|Reporting by|Writing by|Editing by|Additional reporting by|Compiled by)\s+\S")


# what a credit or a byline needs somewhere in the article (a credit's words or signs; a byline at
# the start of the text or of a line): nine articles in ten have none, and their names' lines
# need no look
_CREDIT_HINT = re.compile(r"Photo|Picture|Image|Credit|Illustration|Video|©|/")
_BYLINE_AFTER_NEWLINE = re.compile(r"\n" + _BYLINE.pattern.removeprefix("^"))


def _may_have_credit_or_byline(text: str) -> bool:
    """False where no name of ``text`` can be in a credit or a byline (see ``_in_credit_or_byline``)."""
    return bool(_CREDIT_HINT.search(text) or _BYLINE.match(text) or _BYLINE_AFTER_NEWLINE.search(text))


def _in_credit_or_byline(text: str, c: Candidate) -> bool:
    """Whether a discovered name (or a picture agency) is in a photo credit ("Photo by X/Getty Images")
    or a byline ("By Jo Smith", "Editing by ..."): the article's makers, not actors in its story."""
    low = max(0, c.start - 160)
    newline = text.rfind("\n", low, c.start)
    line_end = text.find("\n", c.end, c.end + 160)
    if line_end < 0 and c.end + 160 >= len(text):
        line_end = len(text)
    if (newline < 0 and low > 0) or line_end < 0:
        return False  # not on a short line of its own
    line_start = newline + 1
    line = text[line_start:line_end]
    if len(line.split()) > 14:
        return False
    if c.source == "discovered" or c.subtype == "media outlet":
        if _CREDIT.search(line):
            return True
    return c.source == "discovered" and c.type in ("person", "other") and bool(_BYLINE.match(line))


def _self_reference(text: str, start: int, end: int) -> bool:
    """Whether an outlet is named as a publisher names itself: "told BBC News", "BBC Sport",
    "the BBC News website", "BBC's political editor", a byline "By Jo Smith, BBC News"."""
    return bool(
        _SELF_SURFACE.search(text, start, end)
        or _SELF_AFTER.match(text, end, min(len(text), end + 30))
        or _SELF_BEFORE.search(text, max(0, start - 70), start)
    )
