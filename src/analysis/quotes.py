"""Direct quotations and who said them.

A quotation is the text between a pair of quote marks, straight (``"``) or curly
(``“ ”``), within a paragraph; an opening mark left unclosed at the end of a paragraph
(the news convention for a quotation that goes on in the next paragraph) closes there.
Quotations may span several sentences.

The speaker is looked for next to the quotation, in these patterns:

- ``"…," said X`` and ``"…," X said`` (also says, added, told reporters, warned, ...);
- ``X said: "…"`` (a speech verb and a colon or comma right before the opening mark);
- ``"…," according to X``;
- ``"…," a spokesperson for Y said`` (the organisation Y speaks unless a person is named).

The phrase found there is resolved with the article's actor mentions: the named person
when there is one, else an organisation, else any actor; a pronoun ("he said") resolves to
the last person mentioned before the quotation. Unresolved phrases are kept as written
(``speaker_type`` "other"). Quotations without a speaker are kept when they are at least
five words long (speaker "unknown"), so that scare quotes ("so-called "reforms"") are not
counted as speech.

Indirect speech (``X said that …``) is not a quotation and is left out by default;
``indirect=True`` adds it (the reported clause after "said (that)" as the quote).

Example:
    >>> import pandas as pd
    >>> from analysis.actors import find_mentions
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ['"We will win," said Ana Lopez.']})
    >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [30]})
    >>> find_quotes(arts, sents, find_mentions(arts, sents))[["quote", "speaker"]].values.tolist()
    [['We will win,', 'Ana Lopez']]
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from . import schemas
from .actors import _by_doc, _sentence_index

SPEECH_VERBS = (
    "said|says|say|added|adds|told|tells|asked|explained|insisted|argued|warned|noted|stated|declared|announced|"
    "wrote|writes|replied|continued|acknowledged|admitted|claimed|stressed|urged|commented|remarked|recalled|"
    "conceded|confirmed|predicted|suggested|complained|agreed|observed|cautioned"
)
_VERB = rf"(?:{SPEECH_VERBS})"
_PHRASE = r"[^.;:!?\n\"“”]{1,90}?"
_AFTER_SAID_X = re.compile(rf"\s*,?\s*{_VERB}\s+(?P<sp>{_PHRASE})\s*(?=[.,;:!?\n\"“”]|$)")
_AFTER_X_SAID = re.compile(rf"\s*,?\s*(?P<sp>{_PHRASE})\s+{_VERB}\b")
_AFTER_ACCORDING = re.compile(rf"\s*,?\s*according\s+to\s+(?P<sp>{_PHRASE})\s*(?=[.,;:!?\n\"“”]|$)")
_BEFORE_X_SAID = re.compile(rf"(?P<sp>[^.;!?\n\"“”,]{{1,90}}?)\s+{_VERB}(?:\s+[\w’']+){{0,3}}?\s*[:,]\s*$")
# reporting verbs that introduce a quoted phrase inside reported speech ("Ruiz called the offer "excellent"")
_REPORTING = rf"(?:{SPEECH_VERBS}|called|calls|described|describes|accused|dismissed|hailed|praised|welcomed|" \
    r"rejected|criticised|criticized|promised|pledged|vowed|denied|condemned|branded|labelled|labeled)"
# within the quote's sentence: its subject, then a reporting verb ("Mehl said Valtenia remained "...")
_REPORTED = re.compile(rf"\s*(?P<sp>[^\"“”;!?\n]{{1,120}}?)\s+{_REPORTING}\b")
# a sentence opening with "According to X," that goes on to quote
_ACCORDING_FIRST = re.compile(r"\s*According\s+to\s+(?P<sp>[^\"“”;!?\n]{1,120}?),")
# the sentence's subject introduces the quote with a colon ("Brandt hit back: "...")
_COLON_BEFORE = re.compile(r"\s*(?P<sp>[^\"“”;!?\n:]{1,80}?)\s*:\s*$")
_INDIRECT = re.compile(rf"\s+{_VERB}\s+(?:that\s+)?(?P<q>[^\n]+?)\s*[.!?]?$")
_LEADING = re.compile(r"\s*(?:(?:and|but|so|then|yet|while|as|And|But|So|Then|Yet|While|As)\s+)+")
_CONJUNCTIONS = {"and", "but", "so", "then", "yet", "while", "as", "or"}
_PRONOUNS = {"he", "she", "He", "She"}
_AUXILIARIES = {"is", "was", "are", "were", "be", "been", "being"}
_MIN_UNATTRIBUTED_WORDS = 5


def find_quotes(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    indirect: bool = False,
) -> pd.DataFrame:
    """Quotations in articles with their speakers.

    Args:
        articles: frame with doc_id and text.
        sentences: frame with doc_id, sent_id, start, end (a quote's sent_id is that of
            the sentence it starts in).
        mentions: actor mentions of the same articles (``analysis.actors.find_mentions``).
        indirect: also record indirect speech ("X said that ...").

    Returns:
        Frame of shape "quotes": the quoted words (``text[start:end]``, without the marks),
        speaker (canonical actor name, or the phrase as written) and speaker_type.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ['Ana Lopez said: "No comment."']})
        >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [29]})
        >>> from analysis.actors import find_mentions
        >>> find_quotes(arts, sents, find_mentions(arts, sents))["speaker"].tolist()
        ['Ana Lopez']
    """
    starts_by_doc, ids_by_doc = _sentence_index(sentences)
    mentions_by_doc = {
        doc: rows for doc, rows in _by_doc(mentions, ["start", "end", "actor", "actor_type"]).items()
    }
    rows = []
    for doc_id, text in zip(articles["doc_id"].astype(str), articles["text"].astype(str)):
        doc_mentions = mentions_by_doc.get(doc_id, [])
        starts = starts_by_doc.get(doc_id, [0])
        ids = ids_by_doc.get(doc_id, [0])
        found = _article_quotes(text, doc_mentions, starts)
        if indirect:
            found += _indirect_quotes(text, starts, doc_mentions, found)
        for start, end, speaker, speaker_type in sorted(found):
            sent_id = ids[max(0, bisect.bisect_right(starts, start) - 1)]
            rows.append((doc_id, sent_id, start, end, text[start:end], speaker, speaker_type))
    frame = pd.DataFrame(rows, columns=schemas.columns("quotes"))
    return schemas.conform(frame, "quotes")


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, content start, content end, close mark end) of each quotation in ``text``.

    Example:
        >>> quote_spans('He said "yes" and “no”.')
        [(8, 9, 12, 13), (18, 19, 21, 22)]
    """
    spans = []
    pos = 0
    for paragraph in text.split("\n"):
        base = pos
        pos += len(paragraph) + 1
        opened = None
        opener = ""
        for k, ch in enumerate(paragraph):
            if ch not in "\"“”":
                continue
            if opened is None:
                if ch in "\"“":
                    opened, opener = k, ch
            elif (opener == "\"" and ch == "\"") or (opener == "“" and ch in "”\""):
                spans.append((base + opened, base + opened + 1, base + k, base + k + 1))
                opened = None
        if opened is not None and len(paragraph) - opened > 2:  # goes on in the next paragraph
            end = len(paragraph.rstrip())
            spans.append((base + opened, base + opened + 1, base + end, base + end))
    return [s for s in spans if s[2] > s[1] and text[s[1] : s[2]].strip()]


def _article_quotes(text, doc_mentions, starts=(0,)):
    out = []
    mention_starts = [m[0] for m in doc_mentions]
    previous = None  # (paragraph start, close mark end, speaker) of the last attributed quotation
    for open_at, start, end, close_at in quote_spans(text):
        para_end = text.find("\n", close_at)
        para_end = len(text) if para_end < 0 else para_end
        para_start = text.rfind("\n", 0, open_at) + 1
        after = text[close_at:para_end]
        speaker = None
        # a quotation closed by a full stop ends its sentence: what follows is not its attribution
        closed = text[start:end].rstrip()[-1:] == "."
        for pattern in () if closed else (_AFTER_SAID_X, _AFTER_ACCORDING, _AFTER_X_SAID):
            m = pattern.match(after)
            if m and pattern is _AFTER_X_SAID and re.match(r"\s*:", after[m.end() :]):
                continue  # '..., while X said: "' introduces the next quotation, not this one
            if m:
                speaker = _resolve(text, close_at + m.start("sp"), close_at + m.end("sp"), doc_mentions, mention_starts, open_at)
                if speaker:
                    break
        if speaker is None:
            window = max(para_start, open_at - 160)  # a bounded look-back keeps the search linear
            m = _BEFORE_X_SAID.search(text, window, open_at)
            if m:
                speaker = _resolve(text, m.start("sp"), m.end("sp"), doc_mentions, mention_starts, open_at)
        if speaker is None:
            speaker = _sentence_speaker(text, open_at, para_start, starts, doc_mentions, mention_starts)
        if speaker is None and previous is not None and previous[0] == para_start:
            # '"...," said X. "..."': a quotation right after an attributed one goes on in X's words
            between = [m for m in doc_mentions[bisect.bisect_left(mention_starts, previous[1]) :] if m[0] < open_at]
            if all(m[2] == previous[2][0] for m in between):
                speaker = previous[2]
        if speaker is None:
            if len(text[start:end].split()) < _MIN_UNATTRIBUTED_WORDS:
                continue
            speaker = ("unknown", "other")
        else:
            previous = (para_start, close_at, speaker)
        out.append((start, end, *speaker))
    return out


def _sentence_speaker(text, open_at, para_start, starts, doc_mentions, mention_starts):
    """The speaker of a quotation inside reported speech, from the start of its sentence:
    "According to X, ... "…"", "X said (the deal was) "…"", "X hit back: "…"". Only a named
    actor (or a pronoun) counts here, never a phrase as written."""
    begin = max(para_start, starts[max(0, bisect.bisect_right(starts, open_at) - 1)])
    if begin >= open_at:
        return None
    for pattern in (_ACCORDING_FIRST, _REPORTED, _COLON_BEFORE):
        m = pattern.match(text, begin, open_at)
        if m:
            if pattern is _REPORTED and m.group("sp").split()[-1].lower() in _AUXILIARIES:
                continue  # "X is accused of "directing" ...": X is not speaking
            speaker = _resolve(text, m.start("sp"), m.end("sp"), doc_mentions, mention_starts, open_at,
                               free=False, last=True)
            if speaker:
                return speaker
    return None


def _resolve(text, s, e, doc_mentions, mention_starts, quote_at, *, free=True, last=False):
    """The actor named in text[s:e]: a person first, else an organisation, else any actor."""
    # "..., he said, "and ..." / "But he said": leading conjunctions are not part of the speaker
    lead = _LEADING.match(text, s, e)
    if lead:
        s = lead.end()
    phrase = text[s:e].strip()
    if not phrase or len(phrase.split()) > (10 if free else 20) or phrase.lower() in _CONJUNCTIONS:
        return None
    lo = bisect.bisect_left(mention_starts, s)
    inside = [m for m in doc_mentions[lo:] if m[0] < e and m[1] <= e]
    inside = [m for m in inside if m[0] >= s]
    if lo > 0 and doc_mentions[lo - 1][1] > s:  # a name the phrase starts inside ("Culture, Media and Sport")
        inside.insert(0, doc_mentions[lo - 1])
    # "said Aurel's managing director, Stefan Hollis": the person named right after the phrase
    if not any(m[3] == "person" for m in inside):
        k = bisect.bisect_left(mention_starts, e)
        if k < len(doc_mentions) and doc_mentions[k][3] == "person" and text[e : doc_mentions[k][0]] in (", ", ",", " "):
            return doc_mentions[k][2], "person"
    if phrase.split()[-1] in _PRONOUNS:  # "At first he said:", "as he said": the pronoun is the speaker
        phrase = phrase.split()[-1]
        inside = []
    for wanted in ("person", "organization"):
        for m in reversed(inside) if last else inside:
            if m[3] == wanted:
                return m[2], m[3]
    if inside:
        return inside[0][2], inside[0][3]
    if phrase in _PRONOUNS:
        hi = bisect.bisect_left(mention_starts, quote_at if quote_at < s else s)
        for m in reversed(doc_mentions[:hi]):
            if m[3] == "person":
                return m[2], m[3]
        return None
    words = phrase.split()
    if not free:
        return None
    if words[0].lower() in {"it", "they", "we", "i", "you", "this", "that", "there", "which", "who"}:
        return None
    if len(words) > 6:
        return None
    return phrase, "other"


def _indirect_quotes(text, starts, doc_mentions, direct):
    """Reported speech: "X said (that) ..." in sentences without quotation marks."""
    out = []
    bounds = [*starts[1:], len(text)]
    mention_starts = [m[0] for m in doc_mentions]
    quoted = [(s, e) for s, e, *_ in direct]
    for s_begin, s_end in zip(starts, bounds):
        sentence = text[s_begin:s_end]
        if any(ch in sentence for ch in "\"“”") or any(s_begin <= s < s_end for s, _ in quoted):
            continue
        lo = bisect.bisect_left(mention_starts, s_begin)
        for m in doc_mentions[lo:]:
            if m[0] >= s_end:
                break
            if m[3] not in ("person", "organization"):
                continue
            hit = _INDIRECT.match(text, m[1], s_end)
            if hit and len(hit.group("q").split()) >= 3:
                out.append((hit.start("q"), hit.end("q"), m[2], m[3]))
                break
    return out
