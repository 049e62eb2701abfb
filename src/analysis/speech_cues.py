"""The words and patterns that cue speech and name a speaker, and how much each cue is trusted.

Speech and reporting verbs, the cue patterns around a quotation ('"…," said X', 'X said: "…"',
"according to X", ...), and the words that decide what a phrase before or after a quotation
names: pronouns, nouns standing for an organisation or a document, role words, anonymous sources.
``analysis.speakers`` applies them; changing a list here changes what ``prepare`` writes.
"""

from __future__ import annotations

import re

SPEECH_VERBS = (
    "said|says|say|added|adds|told|tells|asked|explained|insisted|argued|warned|noted|stated|declared|announced|"
    "wrote|writes|replied|continued|acknowledged|admitted|claimed|stressed|urged|commented|remarked|recalled|"
    "conceded|confirmed|predicted|suggested|complained|agreed|observed|cautioned|pondered|joked|laughed|"
    "conceded|revealed|reckoned|believes|believed|thinks|thought|concluded|concludes"
)
CUES = (
    "said_after",
    "said_before",
    "according_to",
    "reported",
    "spokesperson",
    "pronoun",
    "description",
    "continuation",
    "introduced",
    "none",
    "indirect",
)
# how direct each cue is; multiplied by how the name was found (NAME_CONFIDENCE)
CUE_CONFIDENCE = {
    "said_after": 0.95,
    "said_before": 0.95,
    "according_to": 0.9,
    "spokesperson": 0.9,
    "reported": 0.85,
    "pronoun": 0.85,
    "description": 0.75,
    "continuation": 0.8,
    "introduced": 0.85,
    "none": 0.0,
}
NAME_CONFIDENCE = {
    "named": 1.0,
    "widened": 0.95,
    "gendered": 0.95,
    "ungendered": 0.75,
    "nearest": 0.7,
    "written": 0.6,
    "anonymous": 0.0,
}


_VERB = rf"(?:{SPEECH_VERBS})"


_PHRASE = r"[^.;:!?\n\"“”„«»]{1,90}?"
AFTER_SAID_X = re.compile(rf"\s*,?\s*{_VERB}\s+(?P<sp>{_PHRASE})\s*(?=[.,;:!?\n\"“”„«»]|$)")
AFTER_X_SAID = re.compile(rf"\s*,?\s*(?P<sp>{_PHRASE}),?\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?{_VERB}\b")
AFTER_ACCORDING = re.compile(rf"\s*,?\s*according\s+to\s+(?P<sp>{_PHRASE})\s*(?=[.,;:!?\n\"“”„«»]|$)")
# 'X said:' / 'X told reporters,' right before a quotation: the verb; X is the phrase before it
VERB_TO_COLON = re.compile(rf",?\s+(?:has\s+|had\s+|also\s+|then\s+)?\b{_VERB}(?:\s+[\w’']+){{0,4}}?\s*[:,]\s*$")
PHRASE_STOPS = '.;!?\n"“”„«»,'
# reporting verbs that introduce a quoted phrase inside reported speech ("Ruiz called the offer "excellent"")
_REPORTING = (
    rf"(?:{SPEECH_VERBS}|called|calls|described|describes|accused|dismissed|hailed|praised|welcomed|"
    r"rejected|criticised|criticized|promised|pledged|vowed|denied|condemned|branded|labelled|labeled|hoped|"
    r"hopes|feels|felt|expects|expected|admits|claims|asserts|asserted|insists|maintains|maintained)"
)
REPORTED = re.compile(rf"\s*(?P<sp>[^\"“”„«»;!?\n]{{1,120}}?)\s+(?:has\s+|had\s+|also\s+)?{_REPORTING}\b")
ACCORDING_FIRST = re.compile(r"\s*According\s+to\s+(?P<sp>[^\"“”„«»;!?\n]{1,120}?),")
COLON_BEFORE = re.compile(r"\s*(?P<sp>[^\"“”„«»;!?\n:]{1,80}?)\s*:\s*$")
INDIRECT = re.compile(rf"\s+{_VERB}\s+(?:that\s+)?(?P<q>[^\n]+?)\s*[.!?]?$")
LEADING = re.compile(r"\s*(?:(?:and|but|so|then|yet|while|as|however|And|But|So|Then|Yet|While|As|However),?\s+)+")
# a person followed by a speech verb (allowing an apposition) is the subject a pronoun most likely means
SPEAKS_NEXT = re.compile(rf"(?:,[^,.;\"“”]{{0,80}},)?\s+(?:has\s+|had\s+|also\s+|then\s+)?{_REPORTING}\b")
NEW_CLAUSE = re.compile(r"\s*(?:while|whereas|and|but|as|although|though|when|because|after|before)\b", re.I)
# words before a name that make it something other than its sentence's subject ("But he said Mr Blair ...")
NOT_SUBJECT_LEAD = re.compile(rf"\b(?:he|she|they|it|we|I|{_REPORTING}|that|who|which)\b")
ATTRIBUTION_LEAD = re.compile(rf"[\"”»]\s*,?\s*{_VERB}(?:\s+[\w.'’-]+){{0,4}}?\s*$")
_ORG_NAME = r"[A-Z][\w&'’.-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w&'’.-]*)*"
SPOKES = re.compile(r"\bspokes(?:man|woman|person)\b")
SPOKES_FOR_ORG = re.compile(rf"\s+for\s+(?:the\s+)?(?P<org>{_ORG_NAME})")
ORG_SPOKES = re.compile(rf"(?P<org>{_ORG_NAME})(?:['’]s?)?\s+$")
GIVEN_SURNAME = re.compile(r"\b([A-Z][a-z]+)\s+(?:['‘][^'’\n]{1,20}['’]\s+)?([A-Z][a-z][\w’'-]*)\b")
APPOSITION = re.compile(r"([^,]+?),\s+(?:the|a|an|who|which|whose|[\w&’'.-]+['’]s?)\s[^,]*,?\s*$")
DESCRIBED_BY = re.compile(r"\bby\s+(?P<sp>[A-Z][^,;:\"“”„«»]{1,60}?)\s+as\s+(?:the\s+|an?\s+)?$")
PRONOUN_SUBJECT = re.compile(
    rf"\s*(?:(?:However|But|And|Yet|Later|Earlier|Meanwhile|Then),?\s+)?(?P<p>[Hh]e|[Ss]he)\s+(?:also\s+|later\s+|then\s+)?{_REPORTING}\b"
)
OBJECT_LEAD = re.compile(r"\b(?:of|to|with|by|for|from|about|and|on|in|at|against|than)\s*$")
TITLE_BEFORE = re.compile(r"(\w+\.?)\s+$")


CONJUNCTIONS = {"and", "but", "so", "then", "yet", "while", "as", "or", "however"}
PRONOUN_GENDER = {"he": "m", "she": "f"}
PLURAL_PRONOUNS = {"they", "it", "we"}
AUXILIARIES = {"is", "was", "are", "were", "be", "been", "being"}
ANONYMOUS = {"a", "an", "one", "another", "some", "two", "three", "several", "many", "other", "others"}
NOT_SPEAKERS = {
    "i",
    "you",
    "we",
    "it",
    "they",
    "this",
    "that",
    "there",
    "which",
    "who",
    "what",
    "he",
    "she",
    "his",
    "her",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
# "the company said": a noun that stands for an organisation named earlier
ORG_NOUNS = {
    "company",
    "firm",
    "group",
    "retailer",
    "bank",
    "airline",
    "carrier",
    "club",
    "band",
    "party",
    "government",
    "ministry",
    "department",
    "council",
    "agency",
    "association",
    "union",
    "organisation",
    "organization",
    "maker",
    "manufacturer",
    "giant",
    "watchdog",
    "regulator",
    "team",
    "federation",
    "broadcaster",
    "network",
    "studio",
    "channel",
    "board",
    "commission",
    "corporation",
    "operator",
    "chain",
    "insurer",
    "lender",
    "publisher",
    "label",
    "developer",
    "body",
    "charity",
    "campaign",
    "organisers",
    "organizers",
    "side",
}
# "the document said": words written, not said, by someone the phrase does not name
STATEMENT_NOUNS = {
    "document",
    "statement",
    "report",
    "letter",
    "survey",
    "study",
    "paper",
    "memo",
    "website",
    "book",
    "article",
    "poll",
    "research",
    "note",
    "release",
}
# role words a mention may carry at its front ("Singer Alex Kapranos"): not part of the person's name
ROLE_WORDS = {
    "singer",
    "novelist",
    "comic",
    "comedian",
    "actor",
    "actress",
    "star",
    "writer",
    "author",
    "director",
    "producer",
    "chancellor",
    "president",
    "senator",
    "chairman",
    "chairwoman",
    "coach",
    "manager",
    "striker",
    "captain",
    "analyst",
    "economist",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "secretary",
    "leader",
    "boss",
    "chief",
    "executive",
    "guitarist",
    "drummer",
    "bassist",
    "presenter",
    "host",
    "judge",
    "mp",
    "mep",
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "dame",
    "lord",
    "lady",
}
