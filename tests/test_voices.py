"""Tests for analysis.voices: share of voice, voices.csv, top quotes, quotes over time."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.schemas import validate_result
from analysis.voices import quotes_over_time, share_of_voice, top_quotes, voices

QUOTES = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "b", "c"],
        "speaker": ["Ana Lopez", "Ana Lopez", "Ana Lopez", "United Nations", "unknown"],
        "speaker_type": ["person", "person", "person", "organization", "other"],
        "quote": ["We will win.", "Soon.", "It is over now for them.", "No comment.", "Who knows."],
    }
)
MENTIONS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c", "c", "c"],
        "actor": ["Ana Lopez", "United Nations", "United Nations", "United Nations", "Tony Brown", "Tony Brown"],
        "actor_type": ["person", "organization", "organization", "organization", "person", "person"],
    }
)
ARTICLES = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c"],
        "category": ["politics", "business", "politics"],
        "published": pd.to_datetime(["2024-01-05", "2024-02-07", None]),
    }
)


def test_voices_counts_quotes_words_mentions_and_documents():
    table = voices(QUOTES, MENTIONS)
    validate_result(table, "voices")
    assert table.values.tolist() == [
        ["Ana Lopez", "person", 3, 10, 1, 2],
        ["United Nations", "organization", 1, 2, 3, 1],
    ]


@pytest.mark.parametrize("quotes", [QUOTES.iloc[0:0], QUOTES[QUOTES["speaker"] == "unknown"]])
def test_voices_of_nobody(quotes):
    table = voices(quotes, MENTIONS)
    assert validate_result(table, "voices").empty


def test_share_of_voice_sets_quotes_against_mentions():
    table = share_of_voice(QUOTES, MENTIONS)
    rows = {r.speaker_type: (r.quotes, r.quote_share, r.mentions, r.mention_share) for r in table.itertuples()}
    assert rows["person"] == (3, 0.6, 3, 0.5)
    assert rows["organization"] == (1, 0.2, 3, 0.5)
    assert rows["other"] == (1, 0.2, 0, 0.0)  # unnamed speakers are part of the coverage's voices


def test_share_of_voice_by_group_adds_up_within_each_group():
    table = share_of_voice(QUOTES, MENTIONS, ARTICLES, group_by="category")
    assert set(table["group"]) == {"politics", "business"}
    sums = table.groupby("group")[["quote_share", "mention_share"]].sum()
    assert sums.round(6).eq(1.0).all().all()


def test_share_of_voice_by_month_puts_undated_articles_apart():
    table = share_of_voice(QUOTES, MENTIONS, ARTICLES, group_by="month")
    assert set(table["group"]) == {"2024-01", "2024-02", "(none)"}


def test_share_of_voice_uses_subtypes_when_mentions_have_them():
    mentions = MENTIONS.assign(subtype=["politician", "igo", "igo", "igo", "politician", "politician"])
    table = share_of_voice(QUOTES, mentions)
    assert "subtype" in validate_result(table, "share_of_voice").columns
    assert table.set_index(["speaker_type", "subtype"]).loc[("person", "politician"), "quotes"] == 3


@pytest.mark.parametrize(
    "order, expected",
    [
        ("longest", ["It is over now for them.", "We will win.", "No comment."]),
        ("recent", ["It is over now for them.", "We will win.", "No comment."]),
    ],
)
def test_top_quotes(order, expected):
    found = top_quotes(QUOTES, ARTICLES, per_speaker=2, order=order)
    assert found["quote"].tolist() == expected


def test_most_recent_quotes_need_dates():
    assert top_quotes(QUOTES, ARTICLES.assign(published=pd.NaT), order="recent").empty


def test_quotes_over_time():
    table = quotes_over_time(QUOTES, ARTICLES)
    assert table.values.tolist() == [
        [pd.Timestamp("2024-01-01"), "Ana Lopez", 2],
        [pd.Timestamp("2024-02-01"), "Ana Lopez", 1],
        [pd.Timestamp("2024-02-01"), "United Nations", 1],
    ]
    assert quotes_over_time(QUOTES, ARTICLES.assign(published=pd.NaT)).empty


def test_bad_choice_is_one_line():
    with pytest.raises(ValueError, match="group_by"):
        share_of_voice(QUOTES, MENTIONS, ARTICLES, group_by="weekday")
