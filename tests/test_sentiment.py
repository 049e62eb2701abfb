"""Tests for analysis.sentiment: exact NLTK VADER scores, and the tone aggregates."""

from __future__ import annotations

import math
import re
import zipfile

import nltk.data
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import plots, schemas, sentiment
from analysis.options import OptionError

KEYS = ("neg", "neu", "pos", "compound")


@pytest.fixture(scope="module")
def reference():
    """Stock NLTK VADER with the project's lexicon: what our scores must equal."""
    return sentiment.nltk_analyzer()


@pytest.fixture(scope="module")
def official(shared_data):
    """Stock NLTK VADER loaded the usual way, from NLTK's own data (shared copy)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    root = str(shared_data / "nltk_data")
    nltk.data.path.insert(0, root)
    try:
        return SentimentIntensityAnalyzer()
    finally:
        nltk.data.path.remove(root)


def nltk_scores(analyzer, texts) -> np.ndarray:
    return np.array([[analyzer.polarity_scores(t)[k] for k in KEYS] for t in texts]).reshape(-1, 4)


def max_abs_diff(analyzer, texts, *, lexicon="vadersentiment") -> float:
    texts = list(texts)
    ours = sentiment.vader_scores(texts, lexicon=lexicon)
    return float(np.abs(ours - nltk_scores(analyzer, texts)).max(initial=0.0))


# --------------------------------------------------------------------------- exact scores

RULE_CASES = [
    "",
    "   ",
    "a",
    "!!!",
    "Nothing happened.",
    "The talks were a great success.",
    "The talks were NOT a great success.",
    "The talks were a GREAT success, but the mood was GRIM.",
    "GREAT GOOD NICE",  # all caps: no caps differential
    "It was good but it was bad but fine",  # only the first "but" counts
    "It was good BUT it was bad",
    "I have never been so happy",
    "I have never been this sad, never so bad",
    "It is kind of good and sort of bad",
    "kind of",
    "It was the least bad option, at least not the worst; very least good",
    "least good",
    "least",
    "That movie was the bomb, yeah right",
    "He can't cut the mustard, it's the kiss of death",
    "bad ass and badass and BADASS",
    "We live hand to mouth",
    "Great!!!!!! Awful?? Sad???? Nice?!?",
    "good! good!! good!!! ,good good, 'good' \"good\" (good) good- -good",
    "Good, good, good, bad, bad.",  # repeated tokens are scored at their first position
    "extremely good, EXTREMELY good, very VERY bad, barely ok",
    "not bad, isn't bad, aint bad, without doubt, uh-uh nice, seldom good",
    "I don't think it's not unhappy.",
    ":) :( :P :p :-) :D <3 </3 ;) xD",
    "The :) and ;-) and :-( faces",
    "I love it! 😀 Très bien, naïve café.",
    "Profits fell 20% (from $1.2bn) at Acme Corp.",
    "no no no never nope none nor not",
    "hearts heart flawed :P badass",
    "#BAD is neutral, @good too",
    "it's a HUGE deal, really REALLY huge",
    "not very good, not really bad, never very nice",
    'He said "no" -- and that was that...',
]


@pytest.mark.parametrize("text", RULE_CASES)
def test_scores_equal_nltk_on_rule_cases(reference, text):
    ours = sentiment.vader_scores([text])[0]
    theirs = nltk_scores(reference, [text])[0]
    assert np.abs(ours - theirs).max() <= 1e-9, (text, ours, theirs)


TRICKY_WORDS = [
    "good",
    "GOOD",
    "Good",
    "bad",
    "BAD",
    "happy",
    "sad",
    "love",
    "hate",
    "terrible",
    "great",
    "nice",
    "awful",
    "not",
    "NOT",
    "never",
    "n't",
    "isn't",
    "don't",
    "without",
    "least",
    "at",
    "very",
    "so",
    "this",
    "but",
    "BUT",
    "kind",
    "of",
    "sort",
    "just",
    "enough",
    "extremely",
    "EXTREMELY",
    "barely",
    "the",
    "bomb",
    "shit",
    "yeah",
    "right",
    "cut",
    "mustard",
    "kiss",
    "death",
    "hand",
    "to",
    "mouth",
    "bad",
    "ass",
    ":)",
    ":(",
    ":P",
    ":p",
    ":-)",
    ";)",
    "<3",
    "xD",
    "lol",
    "a",
    "I",
    "it",
    "war",
    "peace",
    "killed",
    "won",
    "crisis",
    "😀",
    "café",
]
PUNCT = ["", "", "", ".", ",", "!", "?", "!!", "???", "?!?", "'", '"', "-", ":", ";", "(", ")", "...", "#", "@"]

token = st.builds(
    lambda pre, w, post: pre + w + post, st.sampled_from(PUNCT), st.sampled_from(TRICKY_WORDS), st.sampled_from(PUNCT)
)
sentence = st.builds(
    lambda toks, seps: "".join(t + s for t, s in zip(toks, seps)),
    st.lists(token, max_size=25),
    st.lists(st.sampled_from([" ", " ", "  ", "\t", "\n", " - "]), min_size=25, max_size=25),
)


@settings(max_examples=250, deadline=None)
@given(sentence)
def test_scores_equal_nltk_on_generated_sentences(reference, text):
    assert max_abs_diff(reference, [text]) <= 1e-9, text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_scores_equal_nltk_on_arbitrary_text(reference, text):
    assert max_abs_diff(reference, [text]) <= 1e-9, text


def test_repeated_sentences_and_missing_texts():
    scores = sentiment.vader_scores(["Good.", None, "Good.", float("nan"), pd.NA])
    assert scores.shape == (5, 4)
    assert (scores[0] == scores[2]).all()
    assert (scores[[1, 3, 4]] == 0).all()


def test_empty_input_gives_empty_array():
    assert sentiment.vader_scores([]).shape == (0, 4)


def test_two_workers_give_the_same_scores():
    texts = [f"Sentence {i} is {'good' if i % 3 else 'terrible'}!" for i in range(300)]
    one = sentiment.vader_scores(texts)
    two = sentiment.vader_scores(texts, workers=2, min_per_worker=100)
    assert np.array_equal(one, two)


@pytest.mark.parametrize("kwargs", [{"lexicon": "vader"}, {"workers": 0}])
def test_bad_scoring_options_are_refused(kwargs):
    with pytest.raises((OptionError, ValueError)):
        sentiment.vader_scores(["good"], **kwargs)


# --------------------------------------------------------------------------- lexicon


def test_nltk_analyzer_leaves_nltk_search_path_alone():
    before = list(nltk.data.path)
    sentiment.nltk_analyzer(lexicon="vadersentiment")
    assert nltk.data.path == before


def test_package_lexicon_reaches_nltk_unchanged():
    analyzer = sentiment.nltk_analyzer(lexicon="vadersentiment")
    assert analyzer.lexicon == sentiment.lexicon(lexicon="vadersentiment")
    assert len(analyzer.lexicon) == 7506


def test_nltk_lexicon_is_the_package_file_with_five_known_differences():
    package, nltk_lex = sentiment.lexicon(), sentiment.lexicon(lexicon="nltk")
    changed = {w for w in package.keys() | nltk_lex.keys() if package.get(w) != nltk_lex.get(w)}
    assert changed == {":P", ":p", "heart", "hearts", "flawed", "badass"}
    assert nltk_lex["badass"] == -0.6 and package["badass"] == 1.4


def test_nltk_lexicon_equals_nltks_official_data(shared_data, official):
    with zipfile.ZipFile(shared_data / "nltk_data" / "sentiment" / "vader_lexicon.zip") as archive:
        text = archive.read("vader_lexicon/vader_lexicon.txt").decode("utf-8")
    assert len(text.splitlines()) == 7517
    assert sentiment.lexicon(lexicon="nltk") == official.lexicon
    assert sentiment.lexicon() != official.lexicon  # the package file is not NLTK's data


def test_lexicon_returns_a_copy():
    sentiment.lexicon()["good"] = 99.0
    assert sentiment.lexicon()["good"] == 1.9


# --------------------------------------------------------------------------- on real data


def bbc_sentences(root) -> list[str]:
    """Every sentence of the BBC corpus as the project splits it (what prepare scores)."""
    from analysis.load import load_articles
    from analysis.tokens import split_sentences

    articles, _ = load_articles(root / "bbc_news")
    return split_sentences(articles)["text"].tolist()


def ground_truth(root, name: str) -> tuple[list[str], np.ndarray]:
    rows = (root / "vader_groundtruth" / f"{name}_GroundTruth.txt").read_text(encoding="utf-8").splitlines()
    rows = [row.split("\t", 2) for row in rows if row.strip()]
    return [r[2] for r in rows], np.array([float(r[1]) for r in rows])


@pytest.fixture(scope="module")
def bbc(shared_data) -> list[str]:
    return bbc_sentences(shared_data)


@pytest.mark.slow
def test_scores_equal_nltk_with_the_package_lexicon_on_every_bbc_sentence(bbc, reference):
    assert len(bbc) > 40_000
    assert max_abs_diff(reference, bbc) <= 1e-9


@pytest.mark.slow
def test_nltk_lexicon_scores_equal_official_nltk_on_bbc_sentences(bbc, official):
    # every sentence the two lexicons score differently, and every tenth sentence (time)
    changed = (sentiment.vader_scores(bbc) != sentiment.vader_scores(bbc, lexicon="nltk")).any(axis=1)
    texts = [t for k, t in enumerate(bbc) if changed[k] or k % 10 == 0]
    assert max_abs_diff(official, texts, lexicon="nltk") <= 1e-9


def test_the_two_lexicons_differ_on_few_bbc_sentences(bbc):
    changed = (sentiment.vader_scores(bbc) != sentiment.vader_scores(bbc, lexicon="nltk")).any(axis=1)
    assert 0 < changed.sum() < 0.005 * len(bbc)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["tweets", "amazonReviewSnippets", "movieReviewSnippets"])
def test_scores_equal_nltk_on_ground_truth(shared_data, reference, name):
    texts, _ = ground_truth(shared_data, name)
    assert max_abs_diff(reference, texts) <= 1e-9


@pytest.mark.parametrize(
    "name, label, minimum",
    [
        ("tweets", "tweets", 0.85),
        ("amazonReviewSnippets", "amazon reviews", 0.55),
        ("movieReviewSnippets", "movie reviews", 0.42),
    ],
)
def test_compound_correlates_with_human_ratings(shared_data, name, label, minimum):
    texts, human = ground_truth(shared_data, name)
    r = float(np.corrcoef(sentiment.vader_scores(texts)[:, 3], human)[0, 1])
    assert r >= minimum
    # the figures the report quotes are the ones measured here
    assert sentiment.VALIDATION[label] == {"sentences": len(texts), "pearson_r": pytest.approx(r, abs=5e-5)}


def test_validation_summary_lists_the_three_datasets():
    summary = sentiment.validation_summary()
    assert list(summary.columns) == ["dataset", "sentences", "pearson_r"]
    assert summary["pearson_r"].between(0.4, 1).all()


# --------------------------------------------------------------------------- frames


def sentences_frame(rows) -> pd.DataFrame:
    """rows: (doc_id, sent_id, text); sent_id 0 is the title."""
    frame = pd.DataFrame(rows, columns=["doc_id", "sent_id", "text"])
    frame["start"] = 0
    frame["end"] = frame["text"].str.len()
    frame["is_title"] = frame["sent_id"] == 0
    return schemas.conform(frame, "sentences")


def scored_frame(rows, texts=None) -> pd.DataFrame:
    """rows: (doc_id, sent_id, compound); texts are placeholders unless given."""
    frame = pd.DataFrame(rows, columns=["doc_id", "sent_id", "compound"])
    frame["text"] = texts if texts is not None else [f"sentence {d} {s} with words" for d, s, _ in rows]
    frame["start"], frame["end"], frame["neg"], frame["neu"], frame["pos"] = 0, 1, 0.0, 1.0, 0.0
    frame["is_title"] = frame["sent_id"] == 0
    return schemas.conform(frame, "scored_sentences")


ARTICLES = schemas.conform(
    pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "title": ["A title", "B title", "C only title", "D <b>"],
            "text": ["", "", "", ""],
            "published": ["2024-01-01", "2024-01-02", None, "2024-01-17"],
            "source": ["Wire", "Wire", "Daily", "Daily"],
            "url": [""] * 4,
            "category": ["politics", "sport", "politics", None],
            "path": [""] * 4,
        }
    ),
    "articles",
)
SCORED = scored_frame(
    [
        ("a", 0, 0.9),
        ("a", 1, 0.5),
        ("a", 2, -0.5),
        ("a", 3, 0.0),
        ("a", 4, 0.04),
        ("b", 0, -0.2),
        ("b", 1, -0.3),
        ("b", 2, -0.1),
        ("c", 0, 0.6),
        ("d", 0, 0.0),
        ("d", 1, 0.05),
    ]
)


def test_score_sentences_adds_scores_without_touching_its_input():
    sentences = sentences_frame([("a", 0, "Good news"), ("a", 1, "Nothing happened."), ("b", 0, "Awful!")])
    sentences.index = [5, 6, 7]
    before = sentences.copy()
    scored = sentiment.score_sentences(sentences)
    schemas.validate(scored, "scored_sentences")
    pd.testing.assert_frame_equal(sentences, before)
    assert scored["compound"].tolist() == [0.4404, 0.0, -0.5093]
    assert scored["text"].tolist() == sentences["text"].tolist()


def test_score_sentences_of_an_empty_corpus():
    scored = sentiment.score_sentences(schemas.empty("sentences"))
    assert scored.empty and list(scored.columns) == schemas.columns("scored_sentences")


@pytest.mark.parametrize(
    "include_title, doc, sentences, compound, positive_share, negative_share, label",
    [
        (False, "a", 4, 0.01, 0.25, 0.25, "neutral"),
        (False, "b", 2, -0.2, 0.0, 1.0, "negative"),
        (False, "c", 0, np.nan, np.nan, np.nan, "no text"),  # title only
        (False, "d", 1, 0.05, 1.0, 0.0, "positive"),  # at the threshold counts as positive
        (True, "a", 5, 0.188, 0.4, 0.2, "positive"),
        (True, "c", 1, 0.6, 1.0, 0.0, "positive"),
    ],
)
def test_document_tone(include_title, doc, sentences, compound, positive_share, negative_share, label):
    docs = sentiment.document_tone(SCORED, ARTICLES, include_title=include_title)
    schemas.validate_result(docs, "documents")
    assert docs["doc_id"].tolist() == ["a", "b", "c", "d"]
    row = docs.set_index("doc_id").loc[doc]
    assert row["sentences"] == sentences
    assert row["label"] == label
    np.testing.assert_allclose(
        [row["score"], row["positive_share"], row["negative_share"]],
        [compound, positive_share, negative_share],
    )


def test_document_tone_keeps_article_fields_and_rejects_crossed_thresholds():
    docs = sentiment.document_tone(SCORED, ARTICLES)
    assert docs.loc[3, "title"] == "D <b>"
    assert pd.isna(docs.loc[2, "published"]) and docs.loc[0, "published"] == pd.Timestamp("2024-01-01")
    with pytest.raises(ValueError, match="neg_threshold"):
        sentiment.document_tone(SCORED, ARTICLES, pos_threshold=-0.1, neg_threshold=0.1)


def test_document_tone_of_an_empty_corpus():
    docs = sentiment.document_tone(schemas.empty("scored_sentences"), schemas.empty("articles"))
    assert schemas.validate_result(docs, "documents").empty


def documents(compounds, **columns) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(compounds))], "score": compounds, **columns})
    return frame


@pytest.mark.parametrize(
    "by, groups, counts, means",
    [
        ("category", ["sport", "politics", "(none)"], [2, 2, 1], [0.35, -0.15, -0.9]),
        ("source", ["Daily", "Wire"], [2, 3], [-0.05, -0.4 / 3]),
        ("month", ["2024-01", "2024-02"], [2, 2], [0.25, -0.05]),
        ("week", ["2024-01-01", "2024-01-29"], [2, 2], [0.25, -0.05]),
        ("day", ["2024-01-01", "2024-01-03", "2024-02-01"], [1, 1, 2], [0.4, 0.1, -0.05]),
    ],
)
def test_group_tone(by, groups, counts, means):
    docs = documents(
        [0.4, 0.1, -0.9, -0.4, 0.3, np.nan],
        category=["sport", "politics", None, "politics", "sport", "sport"],
        source=["Wire", "Wire", "Wire", "Daily", "Daily", "Daily"],
        published=pd.to_datetime(["2024-01-01", "2024-01-03", None, "2024-02-01", "2024-02-01", "2024-02-02"]),
    )
    result = sentiment.group_tone(docs, by=by, n_boot=200)
    schemas.validate_result(result, "groups")
    assert result["group"].tolist() == groups
    assert result["documents"].tolist() == counts
    np.testing.assert_allclose(result["score"], means)
    assert (result["ci_low"] <= result["score"] + 1e-12).all()
    assert (result["score"] <= result["ci_high"] + 1e-12).all()


def test_group_tone_bootstrap_is_reproducible_and_per_group():
    rng = np.random.default_rng(1)
    docs = documents(rng.uniform(-1, 1, 300).tolist(), category=["x"] * 150 + ["y"] * 150)
    one = sentiment.group_tone(docs, by="category", seed=3)
    again = sentiment.group_tone(docs, by="category", seed=3)
    only_x = sentiment.group_tone(docs[docs["category"] == "x"], by="category", seed=3)
    pd.testing.assert_frame_equal(one, again)
    assert one.set_index("group").loc["x", "ci_low"] == only_x.set_index("group").loc["x", "ci_low"]
    x = one.set_index("group").loc["x"]
    # a 95% interval of a mean of 150 uniform(-1, 1) values is about 2 * 1.96 * 0.577 / sqrt(150) = 0.18 wide
    assert 0.14 < x["ci_high"] - x["ci_low"] < 0.23


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"by": "outlet"}, OptionError),
        ({"by": "category", "ci": 1.5}, ValueError),
        ({"by": "category", "n_boot": -1}, ValueError),
        ({"by": "source"}, ValueError),
    ],
)
def test_group_tone_refuses_bad_options(kwargs, error):
    with pytest.raises(error):
        sentiment.group_tone(documents([0.1], category=["x"]), **kwargs)


def test_group_tone_single_document_and_no_interval():
    result = sentiment.group_tone(documents([0.3], category=["x"]), by="category")
    assert result.loc[0, ["ci_low", "ci_high"]].tolist() == [0.3, 0.3]
    result = sentiment.group_tone(documents([0.3], category=["x"]), by="category", n_boot=0)
    assert result[["ci_low", "ci_high"]].isna().all(axis=None)


def test_group_tone_by_time_without_dates_is_empty():
    result = sentiment.group_tone(documents([0.3], published=[pd.NaT]), by="month")
    assert schemas.validate_result(result, "groups").empty


def test_tone_over_time_fills_empty_weeks_and_rolls():
    docs = documents(
        [0.2, 0.4, -0.6, np.nan], published=pd.to_datetime(["2024-01-02", "2024-01-07", "2024-01-22", "2024-01-09"])
    )
    result = sentiment.tone_over_time(docs, freq="W", rolling=2)
    assert result["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"]
    assert result["documents"].tolist() == [2, 0, 0, 1]
    np.testing.assert_allclose(result["score"], [0.3, np.nan, np.nan, -0.6])
    np.testing.assert_allclose(result["score_rolling"], [0.3, 0.3, np.nan, -0.6])


@pytest.mark.parametrize("freq, periods", [("D", 21), ("M", 1)])
def test_tone_over_time_frequencies(freq, periods):
    docs = documents([0.2, -0.6], published=pd.to_datetime(["2024-01-02", "2024-01-22"]))
    assert len(sentiment.tone_over_time(docs, freq=freq)) == periods


def test_tone_over_time_without_dates_and_bad_options():
    assert sentiment.tone_over_time(documents([0.2], published=[pd.NaT])).empty
    with pytest.raises(OptionError):
        sentiment.tone_over_time(documents([0.2], published=[pd.NaT]), freq="H")
    with pytest.raises(ValueError):
        sentiment.tone_over_time(documents([0.2], published=[pd.NaT]), rolling=0)


TERM_SENTENCES = sentiment.score_sentences(
    sentences_frame(
        [
            ("a", 0, "Embassy reopens"),
            ("a", 1, "The embassy staff were happy."),
            ("a", 2, "Sanctions hurt the economy badly."),
            ("b", 1, "Unless peace talks fail, sanctions end."),
            ("b", 2, "Peace  talks collapsed in failure."),
        ]
    )
)


@pytest.mark.parametrize("use_tokens", [False, True])
def test_term_tone(use_tokens):
    tokens = None
    if use_tokens:
        rows = [
            (d, s, w)
            for d, s, t in TERM_SENTENCES[["doc_id", "sent_id", "text"]].itertuples(index=False)
            for w in re.findall(r"\w+", t.lower())
        ]
        tokens = pd.DataFrame(rows, columns=["doc_id", "sent_id", "norm"])
    result = sentiment.term_tone(TERM_SENTENCES, ["embassy", "peace talks", "UN", "sanctions", ""], tokens=tokens)
    assert result["term"].tolist() == ["embassy", "peace talks", "UN", "sanctions"]
    table = result.set_index("term")
    assert table["sentences"].tolist() == [2, 2, 0, 2]
    assert table.loc["sanctions", "documents"] == 2
    compounds = TERM_SENTENCES["compound"]
    assert table.loc["embassy", "score"] == pytest.approx(compounds[[0, 1]].mean())
    assert table.loc["embassy", "vs_all"] == pytest.approx(compounds[[0, 1]].mean() - compounds.mean())
    assert np.isnan(table.loc["UN", "score"])
    assert table["term_valence"].isna().all()  # none of them is a rated word
    happy = sentiment.term_tone(TERM_SENTENCES, ["Happy"], tokens=tokens)
    assert happy.loc[0, "sentences"] == 1 and happy.loc[0, "term_valence"] == sentiment.lexicon()["happy"]


def test_term_tone_reads_tokens_in_parts():
    rows = [
        (d, s, w)
        for d, s, t in TERM_SENTENCES[["doc_id", "sent_id", "text"]].itertuples(index=False)
        for w in re.findall(r"\w+", t.lower())
    ]
    tokens = pd.DataFrame(rows, columns=["doc_id", "sent_id", "norm"]).astype({"doc_id": "string", "norm": "string"})
    terms = ["embassy", "peace talks", "UN", "sanctions"]
    whole = sentiment.term_tone(TERM_SENTENCES, terms, tokens=tokens)
    parts = (tokens.loc[tokens["doc_id"] == doc] for doc in ["a", "b"])
    pd.testing.assert_frame_equal(sentiment.term_tone(TERM_SENTENCES, terms, tokens=parts), whole)
    none = sentiment.term_tone(TERM_SENTENCES, terms, tokens=iter([]))
    assert none.set_index("term").loc[["embassy", "sanctions"], "sentences"].tolist() == [0, 0]


def test_extreme_sentences():
    scored = sentiment.score_sentences(
        sentences_frame(
            [
                ("a", 0, "A wonderful title here"),
                ("a", 1, "This is a truly wonderful, happy day."),
                ("a", 2, "This is a truly wonderful, happy day."),
                ("a", 3, "A terrible, awful, deadly attack."),
                ("b", 1, "Good."),
                ("b", 2, "The results were good for everyone."),
                ("b", 3, "Nothing at all here."),
            ]
        )
    )
    result = sentiment.extreme_sentences(scored, ARTICLES, top_n=5)
    schemas.validate_result(result, "extreme_sentences")
    positive = result[result["side"] == "positive"]
    assert positive["text"].tolist() == ["This is a truly wonderful, happy day.", "The results were good for everyone."]
    assert positive["rank"].tolist() == [1, 2]
    negative = result[result["side"] == "negative"]
    assert negative["title"].tolist() == ["A title"] and negative["sent_id"].tolist() == [3]
    assert sentiment.extreme_sentences(scored, ARTICLES, top_n=0).empty
    assert sentiment.extreme_sentences(scored.head(0), ARTICLES).empty


@pytest.mark.parametrize("compounds", [[0.2, -0.4, 0.01, 0.9], []])
def test_charts_are_titled_and_survive_empty_frames(compounds):
    docs = documents(compounds, category=["x"] * len(compounds))
    fig = plots.tone_distribution_chart(docs, title="Article tone")
    assert fig.axes[0].get_title(loc="left") == "Article tone"
    groups = sentiment.group_tone(docs, by="category", n_boot=50)
    fig = plots.group_tone_chart(groups, title="Tone by category")
    assert fig.axes[0].get_title(loc="left") == "Tone by category"
    assert fig.axes[0].get_xlabel().startswith("mean article tone")


# --------------------------------------------------------------------------- parts give the whole


def _old_extremes(scored, articles, top_n, include_title=False, min_words=4):
    """The whole-frame rule written plainly: what the part-by-part result must equal."""
    s = scored if include_title else scored[~scored["is_title"].astype(bool)]
    s = s[s["text"].astype("string").str.count(r"\S+").fillna(0) >= min_words].drop_duplicates("text")
    rows = []
    for tone, asc in (("positive", False), ("negative", True)):
        side = s[(s["compound"] > 0) if tone == "positive" else (s["compound"] < 0)]
        side = side.sort_values(["compound", "doc_id", "sent_id"], ascending=[asc, True, True], kind="stable").head(
            top_n
        )
        rows += [(tone, r, t) for r, t in enumerate(side["text"], 1)]
    return rows


def _parts_of(frame, docs_per_part):
    """Cut a frame into parts of whole articles, in corpus order."""
    order = list(dict.fromkeys(frame["doc_id"]))
    for begin in range(0, len(order), docs_per_part):
        yield frame[frame["doc_id"].isin(order[begin : begin + docs_per_part])].reset_index(drop=True)


# a repeated sentence first seen in a later doc id's part, tied with other sentences: the
# later part's copy must not stand in for the first one
TIED = scored_frame(
    [
        ("z", 0, 0.5),
        ("z", 1, 0.5),
        ("z", 2, 0.5),
        ("y", 0, 0.9),
        ("y", 1, 0.5),
        ("a", 0, 0.5),
        ("a", 1, -0.3),
        ("b", 0, -0.3),
        ("b", 1, -0.3),
        ("b", 2, 0.0),
    ],
    texts=[
        "one two three four",
        "five six seven eight",
        "same same same words",
        "best of all here",
        "nine ten eleven twelve",
        "same same same words",
        "bad bad bad bad",
        "worse worse worse worse",
        "bad bad bad bad",
        "flat flat flat flat",
    ],
)


@pytest.mark.parametrize("top_n", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("docs_per_part", [1, 2, 10])
def test_extreme_sentences_part_by_part_equal_the_whole(top_n, docs_per_part):
    arts = pd.DataFrame({"doc_id": ["z", "y", "a", "b"], "title": ["Z", "Y", "A", "B"]})
    whole = sentiment.extreme_sentences(TIED, arts, top_n=top_n, include_title=True)
    parts = sentiment.extreme_sentences(_parts_of(TIED, docs_per_part), arts, top_n=top_n, include_title=True)
    pd.testing.assert_frame_equal(parts, whole)
    expected = _old_extremes(TIED, arts, top_n, include_title=True)
    assert list(zip(whole["side"], whole["rank"], whole["text"])) == expected


@pytest.mark.parametrize("include_title", [False, True])
@pytest.mark.parametrize("docs_per_part", [1, 3])
def test_document_tone_part_by_part_equals_the_whole(include_title, docs_per_part):
    whole = sentiment.document_tone(SCORED, ARTICLES, include_title=include_title)
    parts = sentiment.document_tone(_parts_of(SCORED, docs_per_part), ARTICLES, include_title=include_title)
    pd.testing.assert_frame_equal(parts, whole)
    none = sentiment.document_tone(iter([]), ARTICLES)
    assert none["label"].tolist() == ["no text"] * 4 and none["sentences"].tolist() == [0] * 4


# --------------------------------------------------------------------------- news tone in the report


def toned_rows() -> pd.DataFrame:
    """Hand-made sentences with stored news tone words (two articles in two groups)."""
    rows = [
        # doc, sent, start, text, is_title, compound, tone, tone_words, tone_starts
        ("a", 0, 0, "Awards night", True, 0.0, 0.0, "", ""),
        ("a", 1, 14, "The best film won.", False, 0.8, 0.7, "best:+3.20 won:+2.70", "18 28"),
        ("a", 2, 33, "A <b>best</b> actor, sadly.", False, 0.5, 0.3, "best:+3.20 sadly:-1.80", "38 54"),
        ("b", 0, 0, "Crash", True, -0.3, -0.3, "crash:-1.90", "0"),
        ("b", 1, 7, "Fans were angry at United.", False, -0.2, -0.5, "angry:-2.30", "17"),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["doc_id", "sent_id", "start", "text", "is_title", "compound", "tone", "tone_words", "tone_starts"],
    )
    return frame.assign(end=frame["start"] + frame["text"].str.len())


def toned_articles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "title": ["Awards <script>x</script>", "Crash"],
            "published": pd.NaT,
            "source": "s",
            "category": ["arts", "news"],
        }
    )


def test_aggregates_read_the_chosen_score():
    sentences, articles = toned_rows(), toned_articles()
    by_tone = sentiment.document_tone(sentences, articles, score="tone").set_index("doc_id")["score"]
    by_stock = sentiment.document_tone(sentences, articles).set_index("doc_id")["score"]
    assert by_tone.tolist() == pytest.approx([0.5, -0.5]) and by_stock.tolist() == pytest.approx([0.65, -0.2])
    top = sentiment.extreme_sentences(sentences, articles, top_n=1, min_words=1, score="tone")
    assert top["score"].tolist() == [0.7, -0.5]
    terms = sentiment.term_tone(sentences, ["united"], score="tone")
    assert terms["score"].tolist() == [-0.5]
    with pytest.raises(ValueError, match="no 'tone' column"):
        sentiment.document_tone(sentences.drop(columns="tone"), articles, score="tone")
    with pytest.raises(OptionError):
        sentiment.document_tone(sentences, articles, score="news")


def test_tone_drivers_per_group_and_side():
    drivers = sentiment.tone_drivers([toned_rows().iloc[:3], toned_rows().iloc[3:]], toned_articles(), by="category")
    arts = drivers[drivers["group"] == "arts"]
    assert arts[["side", "rank", "word", "valence", "occurrences"]].values.tolist() == [
        ["positive", 1, "best", 6.4, 2],
        ["positive", 2, "won", 2.7, 1],
        ["negative", 1, "sadly", -1.8, 1],
    ]
    assert arts["share"].tolist() == pytest.approx([6.4 / 9.1, 2.7 / 9.1, 1.0])
    # titles are left out unless asked: "crash" only counts with include_title
    news = sentiment.tone_drivers(toned_rows(), toned_articles(), by="category", include_title=True)
    assert news.loc[news["group"] == "news", "word"].tolist() == ["crash", "angry"] or news.loc[
        news["group"] == "news", "word"
    ].tolist() == ["angry", "crash"]
    assert "crash" not in drivers["word"].tolist()
    whole = sentiment.tone_drivers(toned_rows(), toned_articles(), top_n=1)
    assert whole["group"].unique().tolist() == ["all"] and whole["word"].tolist() == ["best", "angry"]
    summary = sentiment.drivers_summary(drivers)
    assert summary.set_index("group").loc["arts", "most positive words"] == "best (+6, 70%), won (+3, 30%)"


def test_tone_drivers_are_the_same_however_the_sentences_are_split_into_parts():
    # prepare's part boundaries depend on chunk_size and the workers; float sums added part by
    # part differ in their last digits ((0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3)): the sums are exact
    valences = ["0.10", "0.20", "0.30", "-0.70", "0.10", "-0.20", "0.30"]
    rows = pd.DataFrame(
        {
            "doc_id": ["a"] * 4 + ["b"] * 3,
            "sent_id": [0, 1, 2, 3, 0, 1, 2],
            "is_title": False,
            "tone_words": [f"good:{v}" if not v.startswith("-") else f"bad:{v}" for v in valences],
            "tone_starts": "0",
        }
    )
    articles = toned_articles()
    splits = [[rows], [rows.iloc[:2], rows.iloc[2:]], [rows.iloc[:1], rows.iloc[1:5], rows.iloc[5:]]]
    for by in ("none", "category"):
        results = [sentiment.tone_drivers(parts, articles, by=by) for parts in splits]
        for other in results[1:]:
            pd.testing.assert_frame_equal(other, results[0], check_exact=True)
    whole = results[0].set_index(["group", "word"])
    assert whole.loc[("arts", "good"), "valence"] == math.fsum([0.1, 0.2, 0.3]) == 0.6  # rounded once
    assert whole.loc[("news", "good"), "valence"] == math.fsum([0.1, 0.3])
    assert whole.loc[("arts", "bad"), "occurrences"] == 1 and whole.loc[("news", "bad"), "valence"] == -0.2


def test_tone_drivers_of_stock_vader_work_the_words_out_again():
    frame = toned_rows()
    drivers = sentiment.tone_drivers(
        frame[["doc_id", "sent_id", "is_title", "text", "start"]], toned_articles(), by="category", score="compound"
    )
    news = drivers[drivers["group"] == "news"]
    # stock VADER reads "united" (+1.8) as praise
    assert set(news["word"]) == {"angry", "united"}


def test_highlighted_extremes_mark_the_words_and_escape_the_text():
    sentences, articles = toned_rows(), toned_articles()
    extremes = sentiment.extreme_sentences(sentences, articles, top_n=3, min_words=1, score="tone")
    words = sentiment.extreme_words(extremes, [sentences.iloc[:2], sentences.iloc[2:]], score="tone")
    tagged = words.set_index(["doc_id", "sent_id"])["words"]
    assert tagged.loc[("a", 2)] == [(5, "best", 3.2), (21, "sadly", -1.8)]
    html_a2 = sentiment.highlighted_extremes(words[(words["doc_id"] == "a") & (words["sent_id"] == 2)])
    assert '&lt;b&gt;<mark style="background:#cfe3f5" title="+3.20">best</mark>&lt;/b&gt;' in html_a2
    html = sentiment.highlighted_extremes(words)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<mark style="background:#cfe3f5" title="+3.20">best</mark>' in html
    assert '<mark style="background:#f6d3d7" title="-1.80">sadly</mark>' in html
    # stock words are worked out from the text
    stock = sentiment.extreme_words(extremes, sentences[["doc_id", "sent_id", "start", "text"]], score="compound")
    angry = stock[stock["doc_id"] == "b"]["words"].iloc[0]
    assert [w for _, w, _ in angry] == ["angry", "united"]


def test_highlighted_extremes_mark_a_phrase_across_its_space():
    extremes = pd.DataFrame(
        {
            "side": ["negative"],
            "rank": [1],
            "score": [-0.5],
            "text": ["A Heart  attack & more"],
            "title": [None],
            "doc_id": ["a"],
            "sent_id": [1],
            "words": [[(2, "heart_attack", -2.1), (40, "missing", 1.0)]],
        }
    )
    html = sentiment.highlighted_extremes(extremes)
    assert '<mark style="background:#f6d3d7" title="-2.10">Heart  attack</mark> &amp; more' in html


@pytest.mark.parametrize("job", ["vader", "tone_tables", "tone_sentences", "tone_parts"])
def test_sentiment_still_offers_every_name_of_the_modules_split_from_it(job):
    import importlib
    import inspect

    module = importlib.import_module(f"analysis.{job}")
    names = [
        n
        for n, v in vars(module).items()
        if not n.startswith("_")
        and ((inspect.isfunction(v) or inspect.isclass(v)) and v.__module__ == module.__name__ or n.isupper())
    ]
    assert names
    # the scorer's building blocks (tone.py's) are vader's own business, not sentiment's public names
    own = {"Scorer", "TokenCache", "combine", "shared_lexicon", "score_texts", "BOOSTERS", "TOKEN_CACHE_LIMIT"}
    # ... and so are the helpers the tone modules share (tone_parts')
    own |= {"check_thresholds", "typed", "as_parts", "score_parts", "group_keys"}
    missing = [n for n in names if n not in own and getattr(sentiment, n, None) is not getattr(module, n)]
    assert not missing, f"sentiment does not re-export {missing} from {job}"


# every public name tone_tables had before it was split by job (sentence listings and drivers went to
# tone_sentences, the shared choices to tone_parts): notebooks and users import them from it
TONE_TABLES_NAMES = (
    "DOCUMENT_COLUMNS DRIVER_COLUMNS FREQS GROUP_BY GROUP_COLUMNS SCORES TIME_GROUPS Freq GroupBy Score document_tone "
    "drivers_summary extreme_sentences extreme_words group_tone highlighted_extremes sentence_words term_tone "
    "tone_drivers tone_over_time"
).split()


@pytest.mark.parametrize("name", TONE_TABLES_NAMES)
def test_tone_tables_still_offers_every_name_it_had(name):
    from analysis import tone_tables

    assert getattr(tone_tables, name) is getattr(sentiment, name)
