"""Direct quotations, who said them, and how we know.

A quotation is the text between a pair of quote marks: straight (``"…"``) or curly
(``“…”``) double quotes, German ``„…“``, guillemets ``«…»``, and single quotes
(``‘…’`` always; straight ``'…'`` only in an article that uses no double quotes, the
style that quotes with singles). A straight mark opens or closes by what is around it
(a space before it opens, a space or punctuation after it closes). News style reopens a
quotation that goes on in the next paragraph without closing it: an opening mark while
a quotation is open, or the end of a paragraph, ends the open one there, and the next
one is its continuation (the BBC files have lost many of those paragraph breaks, so the
reopening mark often sits mid-line).

The speaker is found from a cue, each with its name in the ``cue`` column:

- ``said_after``: ``"…," said X`` / ``"…," X said`` (says, added, told, warned, ...);
- ``said_before``: ``X said: "…"``, ``X hit back: "…"``;
- ``according_to``: ``"…," according to X`` / ``According to X, … "…"``;
- ``reported``: a quoted phrase inside reported speech (``X said the figures were "modest"``);
- ``spokesperson``: ``a spokesperson for X said`` (the organisation X speaks);
- ``pronoun``: ``he said`` / ``she told the BBC``: the nearest person of that gender
  (from Mr/Mrs/Ms/Sir/Dame and first names, see ``analysis.genders``) that is the subject
  of a sentence or of a speech verb, quoted text skipped;
- ``description``: ``the company said`` (the organisation named last), ``the 34-year-old
  said`` (the person named last);
- ``continuation``: a quotation reopened after a paragraph break, or one that follows an
  attributed one with nobody else named in between, goes on in the same voice;
- ``introduced``: a quotation opening the sentence after one about a person
  (``Martyn Williams was keen not to talk about it. "We've got …"``);
- ``none``: no cue (speaker ``unknown``).

A speaker is always an actor from the article's mentions (a surname or a titled name is
widened to the full name used elsewhere in the article), a proper name not in the
mentions (``speaker_type`` "other"), or ``unknown`` — also when the article names only
"one dealer" or "a government minister". ``confidence`` (0–1) grows with how direct the
cue is and how the name was found; analysts can filter on it.

Scare quotes and titles are kept out: a quotation without any cue is speech only when it
is at least five words long, and a short run of capitalised words ("A Concert of Hope")
is a title even with a cue.

Every step looks at a bounded window around each quotation, so the work grows linearly
with the length of the article.

Indirect speech (``X said that …``) is not a quotation and is left out by default;
``indirect=True`` adds it (the reported clause after "said (that)" as the quote).

One import path over modules that each do one job: ``quote_marks`` finds where quotations open
and close (``quote_spans``), ``speech_cues`` holds the verbs, patterns and word lists that cue a
speaker (``SPEECH_VERBS``, ``CUES``), ``speakers`` attributes one article's quotations; this
module turns articles into the quotes table (``find_quotes``) and re-exports the public names.

Example:
    >>> import pandas as pd
    >>> from analysis.actors import find_mentions
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ['"We will win," said Ana Lopez.']})
    >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [30]})
    >>> find_quotes(arts, sents, find_mentions(arts, sents))[["quote", "speaker", "cue"]].values.tolist()
    [['We will win,', 'Ana Lopez', 'said_after']]
"""

from __future__ import annotations

import bisect

import pandas as pd

from . import schemas
from .docrows import rows_by_doc, sentence_index
from .quote_marks import QUOTE_MARKS, quote_spans
from .speakers import FoundQuote, QuotedArticle
from .speech_cues import CUES, INDIRECT, SPEECH_VERBS

__all__ = ["CUES", "SPEECH_VERBS", "find_quotes", "quote_spans"]


def find_quotes(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    indirect: bool = False,
) -> pd.DataFrame:
    """Quotations in articles with their speakers and the cue that named them.

    Args:
        articles: frame with doc_id and text.
        sentences: frame with doc_id, sent_id, start, end (a quote's sent_id is that of
            the sentence it starts in).
        mentions: actor mentions of the same articles (``analysis.actors.find_mentions``).
        indirect: also record indirect speech ("X said that ..."; cue ``indirect``).

    Returns:
        Frame of shape "quotes": the quoted words (``text[start:end]``, without the marks),
        speaker (canonical actor name, a proper name as written, or "unknown"),
        speaker_type, cue and confidence.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ['Ana Lopez said: "No comment."']})
        >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [29]})
        >>> from analysis.actors import find_mentions
        >>> find_quotes(arts, sents, find_mentions(arts, sents))[["speaker", "cue"]].values.tolist()
        [['Ana Lopez', 'said_before']]
    """
    starts_by_doc, ids_by_doc = sentence_index(sentences)
    # works, events and demonyms ("Jewish", "British": type other) never speak
    speakers = mentions[mentions["actor_type"].astype(str).to_numpy() != "other"] if len(mentions) else mentions
    mentions_by_doc = rows_by_doc(speakers, ["start", "end", "actor", "actor_type"])
    rows = []
    for doc_id, text in zip(articles["doc_id"].astype(str).tolist(), articles["text"].astype(str).tolist()):
        starts = starts_by_doc.get(doc_id, [0])
        ids = ids_by_doc.get(doc_id, [0])
        found = QuotedArticle(text, mentions_by_doc.get(doc_id, []), starts).quotes()
        if indirect:
            found += _indirect_quotes(text, starts, mentions_by_doc.get(doc_id, []), found)
        for q in sorted(found, key=lambda q: (q.start, q.end)):
            sent_id = ids[max(0, bisect.bisect_right(starts, q.start) - 1)]
            rows.append(
                (
                    doc_id,
                    sent_id,
                    q.start,
                    q.end,
                    text[q.start : q.end],
                    q.speaker,
                    q.speaker_type,
                    q.cue,
                    round(q.confidence, 3),
                )
            )
    frame = pd.DataFrame(rows, columns=schemas.columns("quotes"))
    return schemas.conform(frame, "quotes")


def _indirect_quotes(text, starts, doc_mentions, direct):
    """Reported speech: "X said (that) ..." in sentences without quotation marks."""
    out = []
    bounds = [*starts[1:], len(text)]
    mention_starts = [m[0] for m in doc_mentions]
    quoted = sorted(q.start for q in direct)
    for s_begin, s_end in zip(starts, bounds):
        sentence = text[s_begin:s_end]
        if any(ch in sentence for ch in QUOTE_MARKS):
            continue
        k = bisect.bisect_left(quoted, s_begin)
        if k < len(quoted) and quoted[k] < s_end:
            continue
        lo = bisect.bisect_left(mention_starts, s_begin)
        for k in range(lo, len(doc_mentions)):
            m = doc_mentions[k]
            if m[0] >= s_end:
                break
            if m[3] not in ("person", "organization"):
                continue
            hit = INDIRECT.match(text, m[1], s_end)
            if hit and len(hit.group("q").split()) >= 3:
                out.append(FoundQuote(hit.start("q"), hit.end("q"), m[2], m[3], "indirect", 0.6))
                break
    return out
