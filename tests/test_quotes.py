"""Tests for analysis.quotes: each quotation pattern, speakers resolved to actors."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schemas
from analysis.actors import find_mentions
from analysis.quotes import find_quotes, quote_spans


def quotes_of(*texts: str, **options) -> pd.DataFrame:
    arts = pd.DataFrame({"doc_id": [f"a{k}" for k in range(len(texts))], "text": list(texts)})
    sents = pd.DataFrame({"doc_id": arts["doc_id"], "sent_id": 0, "start": 0, "end": [len(t) for t in texts]})
    return find_quotes(arts, sents, find_mentions(arts, sents), **options)


@pytest.mark.parametrize(
    "text, quote, speaker, speaker_type",
    [
        ('"We will not give up," said Foreign Minister Ana Lopez.', "We will not give up,", "Ana Lopez", "person"),
        ('"We will not give up," Ana Lopez said.', "We will not give up,", "Ana Lopez", "person"),
        ('Ana Lopez said: "We will not give up."', "We will not give up.", "Ana Lopez", "person"),
        ('Ana Lopez told reporters: "We will not give up."', "We will not give up.", "Ana Lopez", "person"),
        ("“We will not give up,” said Ana Lopez.", "We will not give up,", "Ana Lopez", "person"),
        ('"The talks have failed," according to the United Nations.', "The talks have failed,", "United Nations", "organization"),
        ("“The talks have failed,” a spokesperson for the Foreign Ministry said.", "The talks have failed,", "Foreign Ministry", "organization"),
        # a named person wins over the organisation
        ('"No comment," said NATO spokesman Jarvis Quimby.', "No comment,", "Jarvis Quimby", "person"),
        # a pronoun resolves to the last person named before the quote
        ('John Smith arrived late. "It is over," he said.', "It is over,", "John Smith", "person"),
        # a multi-sentence quote
        ('"We tried. We failed. We will try again," said Ana Lopez.', "We tried. We failed. We will try again,", "Ana Lopez", "person"),
        # a description with nobody named before it: speech, but the speaker is unknown
        ('"Prices will rise," the minister said.', "Prices will rise,", "unknown", "other"),
    ],
)
def test_quote_patterns(text, quote, speaker, speaker_type):
    found = quotes_of(text)
    assert found[["quote", "speaker", "speaker_type"]].values.tolist() == [[quote, speaker, speaker_type]]
    row = found.iloc[0]
    assert text[row.start:row.end] == row.quote


@pytest.mark.parametrize(
    "text, quotes",
    [
        # a quoted phrase inside reported speech: the sentence's subject speaks
        ('Ana Lopez said the deal was "a victory for sense".', [("a victory for sense", "Ana Lopez")]),
        ('Ana Lopez called the offer "excellent news".', [("excellent news", "Ana Lopez")]),
        ("Japan's ambassador, Kenji Morita, said the memorandum reflected \"a deep relationship\".",
         [("a deep relationship", "Kenji Morita")]),
        ('A spokesperson for the Ministry of Defence said the timing was "not a coincidence".',
         [("not a coincidence", "Ministry of Defence")]),
        ('According to Ana Lopez, the case sets "a dangerous precedent".', [("a dangerous precedent", "Ana Lopez")]),
        # a colon after the subject, without a speech verb
        ('Ana Lopez hit back: "You had five years."', [("You had five years.", "Ana Lopez")]),
        # a quotation right after an attributed one goes on in the same words
        ('"This is good," said Ana Lopez. "We delivered."', [("This is good,", "Ana Lopez"), ("We delivered.", "Ana Lopez")]),
        # "X said:" after a quotation introduces the next one
        ('A spokesman for the campaign said it "looks forward to a clean and fair contest", while Ana Lopez said: '
         '"Our democracy is strong."',
         [("looks forward to a clean and fair contest", "unknown"), ("Our democracy is strong.", "Ana Lopez")]),
        # scare quotes with no named subject are still not speech
        ('The minister said the so-called "reforms" failed.', []),
        # the subject next to the verb speaks, not the first person of the sentence
        ('Ana Lopez is injured, but Jarvis Quimby admitted there was only an "outside chance".',
         [("outside chance", "Jarvis Quimby")]),
        # a passive verb does not make its subject a speaker
        ('Jarvis Quimby, 52, is accused of "directing" a fraud.', []),
        # a pronoun right before the verb is the speaker, whatever comes before it
        ('Ana Lopez spoke. At first she said only: "I have nothing more to add."', [("I have nothing more to add.", "Ana Lopez")]),
        # a quotation closed by a full stop is not attributed to the next sentence's subject
        ('"We are paying the price of it all." The government has announced cuts.',
         [("We are paying the price of it all.", "unknown")]),
    ],
)
def test_quotes_in_reported_speech(text, quotes):
    found = quotes_of(text)
    assert list(zip(found["quote"], found["speaker"])) == quotes


def test_quote_continued_in_next_paragraph():
    text = 'Ana Lopez said: "We will go on.\n"And we will win," she added.'
    found = quotes_of(text)
    assert found["quote"].tolist() == ["We will go on.", "And we will win,"]
    assert found["speaker"].tolist() == ["Ana Lopez", "Ana Lopez"]


def test_scare_quotes_are_not_speech():
    assert len(quotes_of('The so-called "reforms" failed.')) == 0


def test_unattributed_long_quote_is_kept_as_unknown():
    found = quotes_of('"This is a long sentence with no speaker at all."')
    assert found["speaker"].tolist() == ["unknown"]


@pytest.mark.parametrize("indirect, expected", [(False, []), (True, ["the talks would resume next week"])])
def test_indirect_speech_only_on_request(indirect, expected):
    found = quotes_of("Ana Lopez said that the talks would resume next week.", indirect=indirect)
    assert found["quote"].tolist() == expected


def test_quote_spans_straight_and_curly():
    assert quote_spans('He said "yes" and “no”.') == [(8, 9, 12, 13), (18, 19, 21, 22)]
    assert quote_spans('no quotes here') == []


@pytest.mark.parametrize("texts", [[], [""], ["No quotes at all."]])
def test_empty_inputs(texts):
    found = quotes_of(*texts)
    assert len(found) == 0
    schemas.validate(found, "quotes")


def test_sentence_id_of_a_quote():
    text = 'Ana Lopez arrived. "We will win," she said.'
    arts = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    sents = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "start": [0, 19], "end": [18, len(text)]})
    found = find_quotes(arts, sents, find_mentions(arts, sents))
    assert found["sent_id"].tolist() == [1]
    schemas.validate(found, "quotes")
