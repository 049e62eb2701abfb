"""Tests for the functions the sentiment notebook calls to decide what to show: the articles it
charts, the overview, the label counts, the groups and the lines over time, the focus terms of a
prepared corpus, and the sentence columns each listing reads."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import sentiment, tone
from analysis.options import OptionError


def docs(sentences, compounds=None, labels=None, **columns) -> pd.DataFrame:
    n = len(sentences)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "sentences": sentences,
            "score": compounds if compounds is not None else [0.0] * n,
            "label": labels if labels is not None else ["neutral"] * n,
            **columns,
        }
    )


@pytest.mark.parametrize(
    "sentences, min_sentences, kept, note",
    [
        ([0, 1, 3], 1, ["d1", "d2"], "Left out of the charts: 1 article(s) with fewer than 1 scored sentence(s)"),
        ([0, 1, 3], 0, ["d1", "d2"], "Left out of the charts: 1 article(s) with fewer than 1 scored sentence(s)"),
        ([0, 1, 3], 3, ["d2"], "Left out of the charts: 2 article(s) with fewer than 3 scored sentence(s)"),
        ([2, 5], 2, ["d0", "d1"], None),
        ([], 1, [], None),
    ],
)
def test_charted_documents_and_what_they_leave_out(sentences, min_sentences, kept, note):
    documents = docs(sentences)
    assert sentiment.charted_documents(documents, min_sentences=min_sentences)["doc_id"].tolist() == kept
    said = sentiment.left_out_note(documents, min_sentences=min_sentences)
    if note is None:
        assert said is None
    else:
        assert said == note + " (e.g. a headline only)."


def test_left_out_note_counts_with_thousands_separators():
    note = sentiment.left_out_note(docs([0] * 1234 + [4]))
    assert note is not None and note.startswith("Left out of the charts: 1,234 article(s)")


def test_charted_subtitle_counts_articles_and_sentences():
    charted = sentiment.charted_documents(docs([0, 2, 1500]))
    assert sentiment.charted_subtitle(charted, articles=4000) == "2 of 4,000 articles, 1,502 sentences"
    assert sentiment.charted_subtitle(charted.head(0), articles=3) == "0 of 3 articles, 0 sentences"


@pytest.mark.parametrize("score, name", [("tone", "news tone"), ("compound", "stock VADER compound")])
def test_tone_overview(score, name):
    charted = docs([3, 2, 4, 1], [0.3, -0.2, 0.1, 0.0], ["positive", "negative", "positive", "neutral"])
    overview = sentiment.tone_overview(charted, articles=6, sentences=25, score=score)
    assert overview.columns.tolist() == [
        "articles",
        "articles charted",
        "sentences scored",
        "score",
        "mean article tone",
        "positive articles",
        "negative articles",
    ]
    row = overview.iloc[0]
    assert (row["articles"], row["articles charted"], row["sentences scored"], row["score"]) == (6, 4, 25, name)
    assert row["mean article tone"] == pytest.approx(0.05)
    assert (row["positive articles"], row["negative articles"]) == (0.5, 0.25)


def test_tone_overview_refuses_an_unknown_score():
    with pytest.raises(OptionError, match="compound"):
        sentiment.tone_overview(docs([1]), articles=1, sentences=1, score="compund")


def test_score_names_name_every_score():
    assert list(sentiment.SCORE_NAMES) == list(sentiment.SCORES)


@pytest.mark.parametrize(
    "labels, articles, shares",
    [
        (["positive", "neutral", "positive"], [0, 1, 2], [0.0, 0.333, 0.667]),
        (["negative"], [1, 0, 0], [1.0, 0.0, 0.0]),
        ([], [0, 0, 0], [0.0, 0.0, 0.0]),  # nothing charted: shares of nothing are 0, not NaN
    ],
)
def test_label_counts_lists_every_label_in_order(labels, articles, shares):
    counts = sentiment.label_counts(docs([1] * len(labels), labels=labels))
    assert counts.index.tolist() == ["negative", "neutral", "positive"]
    assert counts["articles"].tolist() == articles
    assert counts["share"].tolist() == shares


@pytest.mark.parametrize(
    "by, categories, published, groups, note",
    [
        ("none", ["a", "b"], [pd.NaT, pd.NaT], None, "No grouping asked for (group_by is 'none')."),
        ("month", ["a", "b"], [pd.NaT, pd.NaT], 0, "No article has a date: nothing to group by month."),
        ("category", ["a", "a"], [pd.NaT, pd.NaT], 1, "All articles fall in one category (a): nothing to compare."),
        ("month", ["a", "b"], ["2024-03-01", "2024-03-20"], 1, "All articles fall in one month (2024-03): nothing"),
        ("category", ["a", "b"], [pd.NaT, pd.NaT], 2, None),
        ("day", ["a", "a"], ["2024-03-01", "2024-03-20"], 2, None),
    ],
)
def test_groups_to_compare(by, categories, published, groups, note):
    charted = docs([2, 2], [0.4, -0.2], category=categories, published=pd.to_datetime(published))
    found, said = sentiment.groups_to_compare(charted, by=by, n_boot=0)
    if groups is None:
        assert found is None
    else:
        assert len(found) == groups
        pd.testing.assert_frame_equal(found, sentiment.group_tone(charted, by=by, n_boot=0))
    if note is None:
        assert said is None
    else:
        assert said is not None and said.startswith(note)


def test_groups_to_compare_checks_the_grouping():
    with pytest.raises(OptionError, match="category"):
        sentiment.groups_to_compare(docs([1]), by="categroy")


def over_time(documents, compounds):
    return pd.DataFrame(
        {
            "period": pd.date_range("2024-01-01", periods=len(documents), freq="W-MON"),
            "documents": documents,
            "score": compounds,
            "score_rolling": pd.Series(compounds, dtype="float64").rolling(2, min_periods=1).mean(),
        }
    )


@pytest.mark.parametrize(
    "frame, freq, note",
    [
        (over_time([], []), "W", "The articles have no publication dates: tone over time is not available."),
        (over_time([3], [0.1]), "M", "All dated articles fall in one month: there is no change over time to show."),
        (over_time([3, 0], [0.1, None]), "W", "All dated articles fall in one week: there is no change over time"),
        (over_time([3, 0, 1], [0.1, None, 0.2]), "Q", None),
    ],
)
def test_over_time_note(frame, freq, note):
    said = sentiment.over_time_note(frame, freq=freq)
    if note is None:
        assert said is None
    else:
        assert said is not None and said.startswith(note)


def test_over_time_lines_are_the_mean_and_the_rolling_mean_without_gaps():
    frame = over_time([3, 0, 1], [0.1, None, 0.3])
    lines = sentiment.over_time_lines(frame, freq="M", rolling=2)
    assert set(frame.columns) < set(lines.columns)
    mean = lines[lines["series"] == "mean per month"]
    rolling = lines[lines["series"] == "rolling mean of 2 months"]
    assert mean["period"].tolist() == frame["period"].iloc[[0, 2]].tolist()  # the empty period is a gap
    assert mean["value"].tolist() == [0.1, 0.3]
    assert rolling["value"].tolist() == pytest.approx([0.1, 0.1, 0.3])
    assert len(lines) == 5
    with pytest.raises(OptionError):
        sentiment.over_time_lines(frame, freq="fortnight", rolling=2)


class FakeCorpus:
    """A prepared corpus's reading interface over frames, noting which columns each read asked for."""

    def __init__(self, sentences: pd.DataFrame, tokens: pd.DataFrame):
        self.tables = {"sentences": sentences, "tokens": tokens}
        self.asked: list[tuple[str, list[str]]] = []

    def read(self, table, *, columns=None):
        self.asked.append((table, list(columns)))
        return self.tables[table][list(columns)].copy()

    def iter_parts(self, table, *, columns=None):
        self.asked.append((table, list(columns)))
        frame = self.tables[table]
        for doc in frame["doc_id"].unique():
            yield frame.loc[frame["doc_id"] == doc, list(columns)]


def focus_corpus() -> FakeCorpus:
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "sent_id": [0, 1, 0, 1],
            "is_title": [True, False, False, False],
            "text": ["Peace talks", "The talks were a success.", "Sanctions hurt.", "Peace  talks collapsed."],
            "compound": [0.5, 0.6, -0.5, -0.4],
            "tone": [0.4, 0.7, -0.6, -0.3],
        }
    )
    tokens = pd.DataFrame(
        [(d, s, w.lower()) for d, s, t in sentences[["doc_id", "sent_id", "text"]].values for w in t.split()],
        columns=["doc_id", "sent_id", "norm"],
    )
    tokens["norm"] = tokens["norm"].str.strip(".")
    return FakeCorpus(sentences, tokens)


@pytest.mark.parametrize("score", ["tone", "compound"])
@pytest.mark.parametrize(
    "terms, reads_text",
    [(["talks", "sanctions"], False), (["peace talks", "talks"], True), ("sanctions", False)],
)
def test_corpus_term_tone_reads_the_text_only_for_phrases(terms, reads_text, score):
    corpus = focus_corpus()
    result = sentiment.corpus_term_tone(corpus, terms, include_title=False, score=score)
    sentence_reads = [columns for table, columns in corpus.asked if table == "sentences"]
    assert len(sentence_reads) == 1 and ("text" in sentence_reads[0]) is reads_text
    assert ("tokens", ["doc_id", "sent_id", "norm"]) in corpus.asked
    tokens = corpus.tables["tokens"]
    expected = sentiment.term_tone(corpus.tables["sentences"], terms, tokens=tokens, include_title=False, score=score)
    pd.testing.assert_frame_equal(result, expected)


def test_corpus_term_tone_finds_phrases_and_words():
    table = sentiment.corpus_term_tone(focus_corpus(), ["peace talks", "talks"], score="tone").set_index("term")
    assert table["sentences"].tolist() == [2, 3]  # the title counts by default, as in term_tone
    assert table.loc["peace talks", "score"] == pytest.approx((0.4 - 0.3) / 2)


def toned_sentences() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "sent_id": [0, 1, 0],
            "start": [0, 20, 0],
            "end": [19, 45, 26],
            "text": ["A happy, good day.", "Sadly the worst loss.", "Fans were angry at United."],
            "is_title": False,
            "compound": [0.8, -0.7, -0.3],
            "tone": [0.8, -0.7, -0.5],
            "tone_words": ["happy:+2.70 good:+1.90", "sadly:-1.80 worst:-3.10", "angry:-2.30"],
            "tone_starts": ["2 9", "20 30", "10"],
        }
    )


@pytest.mark.parametrize("score", ["tone", "compound"])
def test_drivers_and_extreme_words_need_no_column_beyond_their_input(score):
    sentences = toned_sentences()
    articles = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "category": ["x", "y"]})
    drivers = sentiment.tone_drivers(sentences[sentiment.DRIVER_INPUT[score]], articles, by="category", score=score)
    pd.testing.assert_frame_equal(drivers, sentiment.tone_drivers(sentences, articles, by="category", score=score))
    assert len(drivers)
    extremes = sentiment.extreme_sentences(sentences, articles, top_n=2, min_words=1, score=score)
    words = sentiment.extreme_words(extremes, sentences[sentiment.EXTREME_WORDS_INPUT[score]], score=score)
    pd.testing.assert_frame_equal(words, sentiment.extreme_words(extremes, sentences, score=score))
    assert any(words["words"])


def test_validation_table_puts_the_news_tone_beside_stock_vader():
    table = tone.validation_table().set_index("dataset")
    stock = sentiment.validation_summary().set_index("dataset")
    assert table["correlation with people (r), stock"].to_dict() == stock["pearson_r"].to_dict()
    assert table["news tone"].to_dict() == tone.VALIDATION
    assert table["sentences"].to_dict() == stock["sentences"].to_dict()


@pytest.mark.parametrize(
    "sides, note",
    [
        (["positive", "negative"], None),
        (["positive", "positive"], "No negative sentence."),
        (["negative"], "No positive sentence."),
        ([], "No positive sentence.\nNo negative sentence."),
    ],
)
def test_missing_sides_note(sides, note):
    assert sentiment.missing_sides_note(pd.DataFrame({"side": pd.Series(sides, dtype="string")})) == note


def test_not_found_note_names_the_terms_no_sentence_mentions_in_their_order():
    terms = sentiment.term_tone(focus_corpus().tables["sentences"], ["zebra", "talks", "UN"])
    assert sentiment.not_found_note(terms) == "Not found in any sentence: zebra, UN."
    assert sentiment.not_found_note(terms[terms["sentences"] > 0]) is None
