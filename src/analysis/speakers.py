"""Who said each quotation: the speaker attribution of one article at a time.

For each quotation (``analysis.quote_marks``) the cues after it, before it and in its sentence
are tried (``analysis.speech_cues``), then a continuation of the voice before it, then a person
introduced in the sentence before; a phrase resolves to an actor from the article's mentions, a
pronoun to the nearest person of its gender, a description to the organisation or person named
last. Every look-up is bounded around its quotation, so the work grows linearly with the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import genders
from .quote_marks import QUOTE_MARKS, QuoteSpan, find_spans
from .speech_cues import (
    ACCORDING_FIRST,
    AFTER_ACCORDING,
    AFTER_SAID_X,
    AFTER_X_SAID,
    ANONYMOUS,
    APPOSITION,
    ATTRIBUTION_LEAD,
    AUXILIARIES,
    COLON_BEFORE,
    CONJUNCTIONS,
    CUE_CONFIDENCE,
    DESCRIBED_BY,
    GIVEN_SURNAME,
    LEADING,
    NAME_CONFIDENCE,
    NEW_CLAUSE,
    NOT_SPEAKERS,
    NOT_SUBJECT_LEAD,
    OBJECT_LEAD,
    ORG_NOUNS,
    ORG_SPOKES,
    PHRASE_STOPS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    PRONOUN_SUBJECT,
    REPORTED,
    ROLE_WORDS,
    SPEAKS_NEXT,
    SPOKES,
    SPOKES_FOR_ORG,
    STATEMENT_NOUNS,
    TITLE_BEFORE,
    VERB_TO_COLON,
)

_MIN_UNATTRIBUTED_WORDS = 5
_TITLE_WORDS = 6
_LOOK_BACK = 1500  # characters a pronoun or a description looks back for its person
_MAX_CANDIDATES = 40
_RUNNING = 600  # characters of narration after which a quotation no longer continues the last voice
# compiled once: each is tried per quotation or per name (the re module's cache look-up cost more than the match)
_SO_CALLED = re.compile(r"so-called\s*$")
_GOES_ON = re.compile(r"\s*,?\s*[a-z]")
_COLON = re.compile(r"\s*:")
_POSSESSIVE = re.compile(r"['’]s?\s")
_SPOKES_ANY = re.compile(r"\bspokes(?:man|woman|person)\b|\bspokesmen\b|\brepresentatives?\b", re.I)
_COMMA = re.compile(r",\s*")
_HYPHENATED = re.compile(r"-[a-z]")


@dataclass
class FoundQuote:
    """A quotation (``start``/``end`` of its words) with its speaker and how it was attributed."""

    start: int
    end: int
    speaker: str
    speaker_type: str
    cue: str
    confidence: float


class QuotedArticle:
    """One article's quotations and speakers; every look-up is bounded around a quotation."""

    def __init__(self, text: str, mentions: list[tuple], sentence_starts: list[int]):
        self.text = text
        self.mentions = mentions
        self.mention_starts = [m[0] for m in mentions]
        self.sentence_starts = sentence_starts
        self.paragraph_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.spans = find_spans(text)
        self.span_opens = [s.open_at for s in self.spans]
        self.span_closes = [s.close_at for s in self.spans]
        self._genders: dict[str, str | None] | None = None
        self._full_names: dict[str, str] | None = None
        self._given: dict[str, str] | None = None
        self._subjects: dict[int, bool] = {}  # mention start → is it a subject (each asked many times)
        self.anonymous_at = -1  # where the last unnamed speaker ("one dealer") was the subject

    # ---- the pass over quotations
    def quotes(self) -> list[FoundQuote]:
        out: list[FoundQuote] = []
        previous: FoundQuote | None = None
        previous_close = -1
        for span in self.spans:
            found = self._attribute(span, previous, previous_close)
            if found is None:
                continue
            out.append(found)
            previous, previous_close = found, span.close_at
        return out

    def _attribute(self, span: QuoteSpan, previous, previous_close) -> FoundQuote | None:
        text = self.text
        para_start = self._paragraph_start(span.open_at)
        para_end = self._paragraph_end(span.close_at)
        content = text[span.start : span.end]
        if not span.continues and _looks_like_title(content):
            return None  # a film, book or law named in quotes is not speech
        result = None  # (speaker, type, cue, how)
        if span.ended == "mark":
            result = self._after(span, content, para_end)
        if result is None and not span.continues:
            result = self._before(span, para_start)
        if result is None and not span.continues:
            result = self._in_sentence(span, para_start)
        if (
            result is None
            and previous is not None
            and previous.cue != "none"
            and self._continues(span, previous, previous_close)
        ):
            # a reopened quotation is the same quotation; a later one only probably the same voice
            confidence = previous.confidence * (1.0 if span.continues else CUE_CONFIDENCE["continuation"])
            return FoundQuote(span.start, span.end, previous.speaker, previous.speaker_type, "continuation", confidence)
        if result is None and not span.continues:
            result = self._introduced(span, para_start)
        if result is None:
            if len(content.split()) < _MIN_UNATTRIBUTED_WORDS:
                return None  # a scare quote or a name, not speech
            return FoundQuote(span.start, span.end, "unknown", "other", "none", 0.0)
        speaker, speaker_type, cue, how = result
        if _SO_CALLED.search(text[max(0, span.open_at - 12) : span.open_at]):
            return None  # "so-called "reforms"" is the writer's irony, not anybody's words
        if cue == "reported" and speaker == "unknown" and len(content.split()) < _MIN_UNATTRIBUTED_WORDS:
            return None  # a short phrase in nobody's reported speech may as well be a scare quote
        return FoundQuote(span.start, span.end, speaker, speaker_type, cue, CUE_CONFIDENCE[cue] * NAME_CONFIDENCE[how])

    def _after(self, span, content, para_end):
        """'"…," said X' / '"…," X said' / '"…," according to X'."""
        tail = content.rstrip()[-1:]
        after = self.text[span.close_at : min(para_end, span.close_at + 300)]
        if tail == ".":
            return None  # a quotation closed by a full stop ends its sentence
        if tail in "?!" and not _GOES_ON.match(after):
            return None
        for pattern, cue in (
            (AFTER_SAID_X, "said_after"),
            (AFTER_ACCORDING, "according_to"),
            (AFTER_X_SAID, "said_after"),
        ):
            m = pattern.match(after)
            if not m:
                continue
            if pattern is AFTER_X_SAID and _COLON.match(after, m.end()):
                continue  # '..., while X said: "' introduces the next quotation, not this one
            if pattern is AFTER_X_SAID and NEW_CLAUSE.match(m.group("sp")):
                continue  # '"desperate", while the Liberal Democrats said ...' starts another clause
            s, e = span.close_at + m.start("sp"), span.close_at + m.end("sp")
            found = self._resolve(s, e, span.open_at, cue)
            if found:
                return found
        return None

    def _before(self, span, para_start):
        """'X said: "…"' right before the opening mark."""
        window = max(para_start, span.open_at - 160)
        if self.text[window : span.open_at].rstrip()[-1:] not in (":", ","):
            return None  # the pattern ends in a colon or comma: skip its costly search when there is none
        # the speech verb first (a cheap search), then the phrase before it up to a stop or 90 characters
        verb = VERB_TO_COLON.search(self.text, window, span.open_at)
        if not verb:
            return None
        sp_end = verb.start()
        sp_start = max(window, sp_end - 90)
        stop = max(self.text.rfind(ch, sp_start, sp_end) for ch in PHRASE_STOPS)
        sp_start = max(sp_start, stop + 1)
        if sp_start >= sp_end:
            return None
        head = self._person_before_comma(sp_start)
        if head is not None and not self._has_person(sp_start, sp_end):
            # "Craig Mackey, assistant chief constable of Gloucestershire Police, said:"
            return self._name(head[2], "person"), "person", "said_before", "named"
        return self._resolve(sp_start, sp_end, span.open_at, "said_before")

    def _in_sentence(self, span, para_start):
        """A quotation inside reported speech: the subject of its sentence speaks
        ("According to X, … "…"", "X said (the deal was) "…"", "X hit back: "…"")."""
        starts = self.sentence_starts
        begin = max(para_start, starts[max(0, bisect.bisect_right(starts, span.open_at) - 1)], span.open_at - 400)
        # a quotation earlier in the sentence hides what comes before it
        k = bisect.bisect_left(self.span_closes, span.open_at) - 1
        if k >= 0 and self.span_closes[k] > begin:
            begin = self.span_closes[k]
        if begin >= span.open_at:
            return None
        by = DESCRIBED_BY.search(self.text, max(begin, span.open_at - 120), span.open_at)
        if by:  # "was described by Jobs as "the most important Mac""
            found = self._resolve(by.start("sp"), by.end("sp"), span.open_at, "reported", free=False)
            if found:
                return found
        for pattern, cue in (
            (ACCORDING_FIRST, "according_to"),
            (REPORTED, "reported"),
            (COLON_BEFORE, "said_before"),
        ):
            m = pattern.match(self.text, begin, span.open_at)
            if not m:
                continue
            if pattern is REPORTED and m.group("sp").split()[-1].lower() in AUXILIARIES:
                continue  # "X is accused of "directing" ...": X is not speaking
            found = self._resolve(m.start("sp"), m.end("sp"), span.open_at, cue, free=False, last=True)
            if found:
                return found
        return None

    def _introduced(self, span, para_start):
        """'Double try scorer Martyn Williams was keen not to talk about it. "We've got …"': a
        quotation that opens a sentence right after one whose subject is a person."""
        starts = self.sentence_starts
        k = bisect.bisect_right(starts, span.open_at) - 1
        if k < 1 or self.text[starts[k] : span.open_at].strip():
            return None
        begin = starts[k - 1]
        if begin < para_start and span.open_at != para_start or starts[k] - begin > 600:
            return None
        lead = PRONOUN_SUBJECT.match(self.text, begin, starts[k])
        if lead:  # "However, he stressed that … . "China's problem is …""
            found = self._pronoun(lead.group("p").lower(), lead.start("p"), lead.start("p"), "introduced")
            if found and found[0] != "unknown":
                return found[0], found[1], "introduced", found[3]
            return None
        if self._inside_quote(begin) or any(ch in self.text[begin : starts[k]] for ch in QUOTE_MARKS):
            return None
        lo = bisect.bisect_left(self.mention_starts, begin)
        hi = bisect.bisect_left(self.mention_starts, starts[k])
        people = [m for m in self.mentions[lo : min(hi, lo + 12)] if m[3] == "person"]
        # the person a speech verb follows ("…, Mr Blair said talking was the only answer."), else the subject
        for m in [m for m in people if SPEAKS_NEXT.match(self.text, m[1], starts[k])] or people[:1]:
            if self._is_subject(m) or SPEAKS_NEXT.match(self.text, m[1], starts[k]):
                return self._name(m[2], m[3]), "person", "introduced", "nearest"
        return None

    def _continues(self, span, previous, previous_close) -> bool:
        if span.continues:
            return True
        if span.open_at - previous_close > _RUNNING:
            return False
        # nobody else named in the narration between: the same voice goes on
        starts = self.sentence_starts
        k = bisect.bisect_right(starts, previous_close)
        narration = starts[k] if k < len(starts) and starts[k] < span.open_at else span.open_at
        lo = bisect.bisect_left(self.mention_starts, narration)
        hi = bisect.bisect_left(self.mention_starts, span.open_at)
        if hi - lo > 8:
            return False
        for m in self.mentions[lo:hi]:
            if m[3] == "person" and self._name(m[2], m[3]) != previous.speaker:
                return False
        return not previous_close <= self.anonymous_at < span.open_at  # "one dealer told Reuters" in between

    # ---- from a phrase to an actor
    def _resolve(self, s, e, quote_at, cue, *, free=True, last=False):
        """(speaker, type, cue, how) for the speaker phrase text[s:e], or None when it names nobody."""
        text = self.text
        lead = LEADING.match(text, s, e)
        if lead:
            s = lead.end()
        phrase = text[s:e].strip()
        appos = APPOSITION.match(phrase)
        if appos and self._has_mention(s, s + appos.end(1)):
            # "William Lerach, the lawyer leading the suit against Enron, said": the name before the apposition
            e = s + appos.end(1)
            phrase = phrase[: appos.end(1)]
        words = phrase.split()
        if not words or len(words) > (10 if free else 20) or phrase.lower() in CONJUNCTIONS:
            return None
        if words[0].lower() in ("which", "who", "where", "whose"):
            return None  # "…, which is meeting in Geneva, told": a relative clause, not the speaker
        lo = bisect.bisect_left(self.mention_starts, s)
        inside = []
        if lo > 0 and self.mentions[lo - 1][1] > s:  # a name the phrase starts inside
            inside.append(self.mentions[lo - 1])
        for k in range(lo, len(self.mentions)):  # by index: a slice would copy the rest of the list
            m = self.mentions[k]
            if m[0] >= e:
                break
            if m[1] <= e:
                inside.append(m)
        if len(words) > 2 and words[0].lower() == "the" and words[2] == "of" and words[1].islower():
            # "the star of Rain Man and Tootsie said": the names after "of" are not the speaker
            return self._description(words[:2], s, quote_at, cue)
        # "Ladbrokes' Warren Lush": an owner named before the speaker does not speak
        inside = [
            m for k, m in enumerate(inside) if k == len(inside) - 1 or not _POSSESSIVE.match(text, m[1], m[1] + 3)
        ]
        # a name after a person title is a person, whatever the mentions say ("Mr Houston")
        inside = [(m[0], m[1], m[2], "person") if m[3] != "person" and self._titled(m[0]) else m for m in inside]
        spokes = _SPOKES_ANY.search(phrase)
        last_word = words[-1].lower()
        if last_word in PRONOUN_GENDER or last_word in PLURAL_PRONOUNS:
            # "At first he said:", "as she told the BBC": the pronoun is the speaker
            return self._pronoun(last_word, s + phrase.rfind(words[-1]), quote_at, cue)
        if not any(m[3] == "person" for m in inside):
            # "said Aurel's managing director, Stefan Hollis": the person named right after the phrase
            k = bisect.bisect_left(self.mention_starts, e)
            if (
                k < len(self.mentions)
                and self.mentions[k][3] == "person"
                and text[e : self.mentions[k][0]] in (", ", ",", " ")
            ):
                m = self.mentions[k]
                return self._name(m[2], m[3]), "person", cue, "named"
        for wanted in ("person", "organization"):
            for m in reversed(inside) if last else inside:
                if m[3] == wanted:
                    how = "named"
                    if wanted == "organization" and spokes and cue in ("said_after", "said_before", "reported"):
                        cue = "spokesperson"
                    return self._name(m[2], m[3]), m[3], cue, how
        if inside:
            if inside[0][3] == "location" and not free:
                return None  # "In Houston, prices rose "sharply"": a place is not a speaker
            return self._name(inside[0][2], inside[0][3]), inside[0][3], cue, "named"
        first = words[0].lower()
        if first in ("the", "this", "that") and len(words) <= 4:
            return self._description(words, s, quote_at, cue)
        if first in ANONYMOUS:
            self.anonymous_at = s
            return "unknown", "other", cue, "anonymous"
        if not free:
            return None
        if first in ("the", "his", "her", "their", "its") and len(words) > 4:
            self.anonymous_at = s
            return "unknown", "other", cue, "anonymous"
        if first in NOT_SPEAKERS or len(words) > 5:
            return None
        if all(w[:1].isupper() or w in ("of", "de", "van", "von", "der", "den", "da", "&") for w in words):
            if not any(w.lower() in NOT_SPEAKERS for w in words):
                self.anonymous_at = -1
                return phrase, "other", cue, "written"
        return None

    def _description(self, words, s, quote_at, cue):
        """'the company said' → the organisation named last; 'the 34-year-old said' → the person."""
        nouns = [w.lower() for w in words[1:] if not w.endswith("ly")] or [words[-1].lower()]
        head = nouns[-1]  # "the document reportedly": the noun, not the adverb
        if head.startswith("spokes"):
            named = self._spokes_for(s)
            if named:
                return named, "organization", "spokesperson", "nearest"
        if head in ORG_NOUNS or head.startswith("spokes") or head in ("report", "statement"):
            m = self._nearest(s, quote_at, ("organization",), gender=None)
            if m:
                cue = "spokesperson" if head.startswith("spokes") else "description"
                return self._name(m[2], m[3]), m[3], cue, "nearest"
            return "unknown", "other", cue, "anonymous"
        if head in STATEMENT_NOUNS or (
            head.endswith("s") and not head.endswith("ss")
        ):  # "the judges": a group, not one person
            self.anonymous_at = s
            return "unknown", "other", cue, "anonymous"
        if not head.isalpha() and not re.fullmatch(r"\d+-year-old", head):
            return None
        m = self._nearest(s, quote_at, ("person",), gender=None)
        if m:
            return self._name(m[2], m[3]), m[3], "description", "nearest"
        return "unknown", "other", cue, "anonymous"  # "the minister said", and no minister named

    def _spokes_for(self, s) -> str | None:
        """'the spokesman said': the organisation of the last spokesperson introduced
        ("A Bayern spokesman", "a spokeswoman for the Foreign Office")."""
        found = None
        for m in SPOKES.finditer(self.text, max(0, s - _LOOK_BACK), s):
            found = m
        if not found:
            return None
        after = SPOKES_FOR_ORG.match(self.text, found.end())
        before = ORG_SPOKES.search(self.text, max(0, found.start() - 80), found.start())
        if after:
            name, begin = after.group("org"), after.start("org")
        elif before:
            name, begin = before.group("org"), before.start("org")
        else:
            return None
        # "Bodleian Library. A" / "A Bayern": a name does not run over a full stop or start with an article
        cut = max(name.rfind(". ") + 2, 0) if ". " in name else 0
        name, begin = name[cut:], begin + cut
        article = re.match(r"(?:A|An|The)\s+", name)
        if article:
            name, begin = name[article.end() :], begin + article.end()
        if not name:
            return None
        k = bisect.bisect_left(self.mention_starts, begin)
        if k < len(self.mentions) and self.mentions[k][0] < begin + len(name) and self.mentions[k][3] == "organization":
            return self.mentions[k][2]
        # "Bayern" → "Bayern Munich", the organisation's name in full elsewhere in the article
        for mention in self.mentions:
            if mention[3] == "organization" and mention[2].startswith(name + " "):
                return mention[2]
        return name

    def _pronoun(self, word, at, quote_at, cue):
        if word in PLURAL_PRONOUNS:
            if word == "we":
                return None
            m = self._nearest(at, quote_at, ("organization",), gender=None)
            if m:
                return self._name(m[2], m[3]), m[3], "pronoun", "nearest"
            return None
        gender = PRONOUN_GENDER[word]
        m = self._nearest(at, quote_at, ("person",), gender=gender)
        spoken = list(SPOKES.finditer(self.text, max(0, at - 400), at))
        spokes = spoken[-1] if spoken else None  # the last "spokeswoman for …" before the pronoun
        if spokes is not None and (m is None or spokes.start() > m[1]):
            # "A spokeswoman for Oxford University said … "…," she said": the spokeswoman, for her organisation
            named = self._spokes_for(spokes.end() + 1)
            if named:
                return named, "organization", "pronoun", "nearest"
        if m is None:
            return "unknown", "other", "pronoun", "anonymous"
        if self.anonymous_at > m[1] and self.anonymous_at < at:
            return "unknown", "other", "pronoun", "anonymous"  # "one dealer told Reuters ... he said"
        how = "gendered" if self._gender(m[2]) == gender else "ungendered"
        return self._name(m[2], m[3]), m[3], "pronoun", how

    def _nearest(self, at, quote_at, types, *, gender):
        """The nearest mention of one of ``types`` before ``at`` outside quotations, preferring
        one that is a sentence's subject or a speech verb's; a person must not have the other gender."""
        pos = min(at, quote_at)
        k = bisect.bisect_left(self.mention_starts, pos) - 1
        fallback = None
        seen = 0
        while k >= 0 and seen < _MAX_CANDIDATES:
            m = self.mentions[k]
            k -= 1
            if pos - m[0] > _LOOK_BACK:
                break
            if m[3] not in types or self._inside_quote(m[0]):
                continue
            seen += 1
            if gender is not None and self._gender(m[2]) not in (None, gender):
                continue
            if self._is_subject(m):
                return m
            if fallback is None:
                fallback = m
        return fallback

    def _is_subject(self, m) -> bool:
        known = self._subjects.get(m[0])
        if known is None:
            known = self._subjects[m[0]] = self._subject_test(m)
        return known

    def _subject_test(self, m) -> bool:
        starts = self.sentence_starts
        begin = max(starts[max(0, bisect.bisect_right(starts, m[0]) - 1)], m[0] - 200)
        lead = self.text[begin : m[0]]
        if ATTRIBUTION_LEAD.search(lead[-60:]):
            return True  # '"…," said Tim Ellsmore': the speaker of the quotation before
        if OBJECT_LEAD.search(lead):
            return False  # "the star of Rain Man and Tootsie": a complement, whatever verb follows
        lowercase = sum(1 for w in lead.split() if w[:1].islower())
        if lowercase <= 3 and not NOT_SUBJECT_LEAD.search(lead):
            return True  # "Tory shadow chancellor Oliver Letwin": only a role before the name
        return SPEAKS_NEXT.match(self.text, m[1], min(len(self.text), m[1] + 120)) is not None

    def _has_mention(self, s, e) -> bool:
        k = bisect.bisect_left(self.mention_starts, s)
        return k < len(self.mentions) and self.mentions[k][0] < e

    def _has_person(self, s, e) -> bool:
        k = bisect.bisect_left(self.mention_starts, s)
        while k < len(self.mentions) and self.mentions[k][0] < e:
            if self.mentions[k][3] == "person":
                return True
            k += 1
        return False

    def _person_before_comma(self, pos):
        """The person named right before "pos" and a comma ("Craig Mackey, assistant chief constable")."""
        k = bisect.bisect_left(self.mention_starts, pos) - 1
        if k >= 0:
            m = self.mentions[k]
            if _COMMA.fullmatch(self.text, m[1], pos) and (m[3] == "person" or self._titled(m[0])):
                return m
        return None

    def _titled(self, pos) -> bool:
        m = TITLE_BEFORE.search(self.text, max(0, pos - 8), pos)
        return bool(m and m.group(1).lower() in genders.TITLES)

    def _inside_quote(self, pos) -> bool:
        k = bisect.bisect_right(self.span_opens, pos) - 1
        return k >= 0 and self.spans[k].start <= pos < self.spans[k].end

    def _gender(self, actor) -> str | None:
        if self._genders is None:
            self._genders = self._person_genders()
        return self._genders.get(actor)

    def _person_genders(self) -> dict[str, str | None]:
        """Gender of each person: a title before any of their mentions, else their first name."""
        titled: dict[str, str] = {}
        names: dict[str, str] = {}
        for start, end, actor, kind in self.mentions:
            if kind != "person":
                continue
            names.setdefault(actor, actor)
            surface_first = self.text[start:end].split()[0].lower()
            title = genders.TITLES.get(surface_first)
            if title is None:
                m = TITLE_BEFORE.search(self.text, max(0, start - 8), start)
                title = genders.TITLES.get(m.group(1).lower()) if m else None
            if title and actor not in titled:
                titled[actor] = title
        out: dict[str, str | None] = {}
        for actor in names:
            if actor in titled:
                out[actor] = titled[actor]
                continue
            words = [w for w in actor.split() if w.lower() not in ROLE_WORDS]
            out[actor] = genders.first_name_gender(words[0]) if len(words) >= 2 else None
        full = self._full_name_map()
        for short, long in full.items():  # "Mr Garnier" tells the gender of "Jean-Pierre Garnier"
            if out.get(short) and not out.get(long):
                out[long] = out[short]
            if out.get(long) and not out.get(short):
                out[short] = out[long]
        return out

    def _name(self, actor, kind) -> str:
        """A person's full name as the article gives it: role words off the front, a surname
        widened to the longest name in the article that ends with it."""
        if kind != "person":
            return actor
        name = _without_roles(actor)
        name = self._full_name_map().get(name, name)
        if " " not in name:
            name = self._first_names().get(name, name)
        return name

    def _first_names(self) -> dict[str, str]:
        """Surname → "First Surname" where the article writes a first name before it
        ("Democratic Senator Kent Conrad", "Brian 'Head' Welch"); one pass over the article."""
        if self._given is None:
            self._given = {}
            for m in GIVEN_SURNAME.finditer(self.text):
                given, surname = m.group(1), m.group(2)
                if surname not in self._given and given.lower() not in ROLE_WORDS and genders.first_name_gender(given):
                    self._given[surname] = f"{given} {surname}"
        return self._given

    def _full_name_map(self) -> dict[str, str]:
        if self._full_names is None:
            people = {m[2] for m in self.mentions if m[3] == "person"}
            cleaned = {}
            for actor in people:
                cleaned[actor] = _without_roles(actor)
            by_last: dict[str, set[str]] = {}
            for name in cleaned.values():
                if len(name.split()) >= 2:
                    by_last.setdefault(name.split()[-1], set()).add(name)
            full = {last: next(iter(names)) for last, names in by_last.items() if len(names) == 1}
            self._full_names = full
        return self._full_names

    def _paragraph_start(self, pos) -> int:
        return self.paragraph_starts[bisect.bisect_right(self.paragraph_starts, pos) - 1]

    def _paragraph_end(self, pos) -> int:
        k = bisect.bisect_right(self.paragraph_starts, pos)
        return self.paragraph_starts[k] - 1 if k < len(self.paragraph_starts) else len(self.text)


def _without_roles(actor: str) -> str:
    """ "Singer Alex Kapranos" → "Alex Kapranos", "Man-of-the-match Stephen Jones" → "Stephen Jones"."""
    words = actor.split()
    while len(words) > 2 and (words[0].lower() in ROLE_WORDS or _HYPHENATED.search(words[0])):
        words = words[1:]
    return " ".join(words)


def _looks_like_title(content: str) -> bool:
    """A film, song or programme name: a few capitalised words and no sentence punctuation."""
    words = content.split()
    if not 2 <= len(words) <= _TITLE_WORDS or content.rstrip()[-1:] in ".,?!:;":
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "is", "my", "me", "with"}
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in small for w in words)
