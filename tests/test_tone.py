"""Tests for analysis.tone: the news tone (actor names silenced, news lexicon, overrides) and its words."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import schemas, sentiment, tone


def stock(text: str) -> float:
    return float(sentiment.vader_scores([text])[0, 3])


def news(text: str, spans=(), **kwargs) -> float:
    return float(tone.tone_scores([text], [list(spans)], **kwargs)[0][0])


def span_of(text: str, name: str) -> tuple[int, int]:
    begin = text.index(name)
    return (begin, begin + len(name))


# --------------------------------------------------------------------------- same rules as VADER

# no phrase of the news lexicon in them: the news tone must be VADER's compound exactly
SAME_AS_VADER = [
    "",
    "Nothing happened.",
    "The talks were a great success.",
    "The talks were NOT a great success.",
    "The talks were a GREAT success, but the mood was GRIM.",
    "It is not a very good deal at all!!",
    "Is this the worst decision ever??",
    "The film was kind of good, but never so bad.",
    "At least he is honest; at least it is not terrible.",
    "good good good bad",
    "The company's profits were hardly spectacular :(",
    "Without doubt the best result, the minister said.",
]

POOL = [
    "good",
    "bad",
    "not",
    "very",
    "but",
    "never",
    "so",
    "this",
    "GREAT",
    "terrible",
    "kind",
    "of",
    "least",
    "at",
    "the",
    "talks",
    "failed",
    "!",
    "?",
    "happy",
    "no",
    "extremely",
    "hardly",
    "win",
    "loss",
    "is",
]


@pytest.mark.parametrize("text", SAME_AS_VADER)
def test_without_mentions_or_news_phrases_the_tone_is_vaders_compound(text):
    assert news(text) == stock(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(POOL), max_size=14))
def test_tone_equals_vader_on_generated_sentences(words):
    text = " ".join(words)
    assert news(text) == stock(text)


# --------------------------------------------------------------------------- actor names carry no valence

# (sentence, the mention in it, the same sentence with the name replaced by an unrated word of the same case)
MASKED = [
    ("Manchester United were awful.", "Manchester United", "Zzzzzzzzzz Zzzzzz were awful."),
    (
        "Vice-President Dick Cheney said the budget was tight.",
        "Dick Cheney",
        "Vice-President Zzzz Zzzzzz said the budget was tight.",
    ),
    ("The Security Council failed to agree.", "Security Council", "The Zzzzzzzz Zzzzzzz failed to agree."),
    ("Star Wars is not good.", "Star Wars", "Zzzz Zzzz is not good."),  # negation still reaches "good"
    ("It was a very Happy Days revival but dull.", "Happy Days", "It was a very Zzzzz Zzzz revival but dull."),
    ("GREAT BRITAIN won, but the mood was grim.", "GREAT BRITAIN", "ZZZZZ ZZZZZZZ won, but the mood was grim."),
]


@pytest.mark.parametrize("text, name, replaced", MASKED)
def test_words_of_a_mention_carry_no_valence_and_rules_still_apply(text, name, replaced):
    assert news(text, [span_of(text, name)]) == stock(replaced)
    assert news(text, [span_of(text, name)]) != stock(text)  # the name moved stock VADER


def test_but_and_negations_inside_a_name_are_not_rules():
    text = "The band No Doubt played but the crowd was happy."
    # "No" and "but"... only "No Doubt" is silenced: its "No" negates nothing, the real "but" still weighs
    assert news(text, [span_of(text, "No Doubt")]) == stock("The band Zz Zzzzz played but the crowd was happy.")


def test_exclamation_inside_a_name_does_not_amplify():
    text = "Yahoo! profits were good."
    assert news(text, [span_of(text, "Yahoo!")]) == stock("Zzzzz profits were good.")
    assert stock(text) > stock("Zzzzz profits were good.")


def test_a_partly_covered_token_is_silenced():
    text = "United's fans were happy and United's rivals sad."
    # possessive: the token "United's" overlaps the mention "United"
    spans = [(0, 6), (28, 34)]
    assert news(text, spans) == stock("Zzzzzz's fans were happy and Zzzzzz's rivals sad.")


# --------------------------------------------------------------------------- the news lexicon


@pytest.mark.parametrize(
    "text, expected_sign, stock_sign",
    [
        ("She had a heart attack.", -1, 1),
        ("Patients had more heart attacks and strokes.", -1, 1),
        ("Heart disease is rising.", 0, 1),
        ("Interest rates were left unchanged.", 0, 1),
        ("Gross domestic product grew by 1%.", 0, -1),
        ("Crude oil rose to $55.", 0, -1),
        ("Ireland won the Grand Slam.", 1, 1),  # "won" still counts, the Grand Slam does not
        ("She was nominated for best actress.", 0, 1),
        ("Sales of cars, as well as vans, rose.", 0, 1),
        ("Her heart was full of joy.", 1, 1),  # the organ phrases only: "heart" alone keeps its rating
    ],
)
def test_news_lexicon_phrases(text, expected_sign, stock_sign):
    assert np.sign(round(news(text), 4)) == expected_sign
    assert np.sign(stock(text)) == stock_sign


def test_a_phrase_is_one_word_behind_the_score_and_can_be_found_again():
    text = "It was a Heart\u00a0 attack, sadly."
    _, words = tone.tone_scores([text])
    assert [(w, round(v, 2)) for _, w, v in words[0]] == [("heart_attack", -2.1), ("sadly", -1.8)]
    offset = words[0][0][0]
    assert tone.word_span(text, offset, "heart_attack") == (9, 22)
    assert tone.word_span(text, offset, "heart_failure") is None
    assert tone.word_span("He saw it", 3, "saw") == (3, 6)


def test_a_phrase_keeps_vaders_rules_on_its_rating():
    # "not" negates the phrase's own rating (-2.1) like any rated word
    assert news("It was not a heart attack.") > 0 > news("It was a heart attack.")
    assert news("It was a heart attack.") == stock("It was a attack.")


def test_every_news_lexicon_entry_has_a_reason_and_an_example_that_uses_it():
    entries = tone.news_lexicon()
    assert len(entries) >= 10 and entries["term"].is_unique
    for row in entries.itertuples():
        assert row.reason.strip() and -4 <= row.valence <= 4, row.term
        assert row.term in row.example.lower(), f"{row.term}: its example does not use it"
        # each entry changes the score of its own example (else it is dead weight)
        assert news(row.example) != stock(row.example), row.term


# --------------------------------------------------------------------------- user overrides


def test_overrides_from_a_dict_yaml_and_csv_agree(tmp_path):
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text("draw: 0\nbull market: 1.5\n")
    list_file = tmp_path / "list.yml"
    list_file.write_text("- {term: Bull Market, valence: 1.5}\n- {term: draw, valence: 0, reason: sport}\n")
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("term,valence,reason\ndraw,0,sport\nbull  market,1.5,markets\n")
    expected = (("bull market", 1.5), ("draw", 0.0))
    assert tone.read_overrides({"draw": 0, "bull market": 1.5}) == expected
    for source in (yaml_file, str(list_file), csv_file):
        assert tone.read_overrides(source) == expected
    assert tone.read_overrides(None) == tone.read_overrides({}) == tone.read_overrides("") == ()


@pytest.mark.parametrize(
    "source, message",
    [
        ({"draw": "zero"}, "not a valence"),
        ({"draw": 7}, "from -4 to 4"),
        ({"": 1}, "not a valence"),
        ("missing.yaml", "does not exist"),
        ([{"word": "draw"}], "no term and valence"),
        (42, "not a lexicon override"),
    ],
)
def test_bad_overrides_are_refused_in_one_line(source, message):
    with pytest.raises(tone.LexiconError, match=message) as info:
        tone.read_overrides(source)
    assert "\n" not in str(info.value)


def test_bad_override_files(tmp_path):
    (tmp_path / "a.txt").write_text("draw 0")
    (tmp_path / "b.csv").write_text("word,score\ndraw,0\n")
    (tmp_path / "c.yaml").write_text("draw: [0\n")
    for name, message in (("a.txt", "not .yaml"), ("b.csv", "columns term,valence"), ("c.yaml", "not valid YAML")):
        with pytest.raises(tone.LexiconError, match=message):
            tone.read_overrides(tmp_path / name)


@pytest.mark.parametrize(
    "overrides, text, check",
    [
        ({"heart": 0}, "Her heart was full.", lambda t: t == 0),  # a word set to 0 is unrated ...
        ({"heart": 0}, "Her very heart was full.", lambda t: t == 0),  # ... so a booster gives it nothing
        ({"draw": -1.0}, "It ended in a draw.", lambda t: t < 0),  # an unrated word gets a rating
        ({"interest rates": 1.0}, "Interest rates fell.", lambda t: t > 0),  # a user entry beats the news lexicon
        ({"good": -2}, "A good result.", lambda t: t < 0),
        ({"peace talks": 0}, "The peace talks began.", lambda t: t == 0),
    ],
)
def test_overrides_change_the_tone(overrides, text, check):
    assert check(news(text, lexicon_overrides=overrides))


def test_overrides_never_touch_the_stock_lexicon():
    news("Her heart was full.", lexicon_overrides={"heart": 0})
    assert sentiment.lexicon()["heart"] == 3.2
    assert stock("Her heart was full.") > 0


def test_overrides_table_says_what_each_replaces():
    table = tone.overrides_table((("draw", 0.0), ("good", -1.0), ("interest rates", 1.0)))
    assert table["replaces"].tolist()[1:] == [1.9, 0.0]
    assert math.isnan(table["replaces"].iloc[0])
    assert table["replaces_from"].tolist() == ["", "VADER", "news lexicon"]


# --------------------------------------------------------------------------- the words behind the score


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("The talks were a great success.", [], [("great", 3.1), ("success", 2.7)]),
        ("The talks were not a great success.", [], [("great", -2.29), ("success", -2.0)]),  # "not" reaches both
        ("Good, but the mood was GRIM.", [], [("good", 0.95), ("grim", -5.15)]),  # halved, caps and x1.5
        ("Manchester United won.", [(0, 17)], [("won", 2.7)]),
        ("Nothing happened.", [], []),
    ],
)
def test_words_behind_the_score(text, spans, expected):
    scores, words = tone.tone_scores([text], [spans])
    got = [(w, round(v, 2)) for _, w, v in words[0]]
    assert got == expected
    for offset, word, _ in words[0]:
        assert text[offset : offset + len(word)].lower() == word


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([w for w in POOL if w not in "!?"]), max_size=12))
def test_the_compound_is_vaders_normalisation_of_the_summed_words(words):
    text = " ".join(words)
    scores, contributions = tone.tone_scores([text])
    total = sum(v for _, _, v in contributions[0])
    assert scores[0] == pytest.approx(total / math.sqrt(total * total + 15), abs=1e-4)


def test_stored_words_round_trip():
    words = [(0, "best", 3.2), (10, "not", -0.456), (20, ":)", 2.0)]
    text, starts = tone.format_words(words, base=100)
    assert text == "best:+3.20 not:-0.46 :):+2.00" and starts == "100 110 120"
    assert tone.parse_words(text) == [("best", 3.2), ("not", -0.46), (":)", 2.0)]
    assert tone.parse_words("") == tone.parse_words(None) == []


# --------------------------------------------------------------------------- frames


def sentences_frame(article: str, doc_id: str = "a") -> pd.DataFrame:
    """Two sentences of one article (title, then body), scored."""
    title_end = article.index("\n\n")
    rows = [(doc_id, 0, 0, title_end, True), (doc_id, 1, title_end + 2, len(article), False)]
    frame = pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "is_title"])
    frame["text"] = [article[s:e] for s, e in zip(frame["start"], frame["end"])]
    return sentiment.score_sentences(schemas.conform(frame, "sentences"))


def test_add_tone_uses_mention_offsets_into_the_article():
    article = "United win again\n\nFans of Manchester United were happy, said Dick Smith."
    scored = sentences_frame(article)
    names = ["United", "Manchester United", "Dick Smith"]
    starts = [article.index(n) for n in names]
    mentions = pd.DataFrame(
        {"doc_id": ["a"] * 3, "sent_id": [0, 1, 1], "start": starts, "end": [s + len(n) for s, n in zip(starts, names)]}
    )
    toned = tone.add_tone(scored, mentions)
    schemas.validate(toned, "toned_sentences")
    assert toned[["compound", "neg", "neu", "pos"]].equals(scored[["compound", "neg", "neu", "pos"]])
    assert toned["tone_words"].tolist() == ["win:+2.80", "happy:+2.70"]
    for words, offsets in zip(toned["tone_words"], toned["tone_starts"]):
        for (word, _), offset in zip(tone.parse_words(words), offsets.split()):
            assert article[int(offset) : int(offset) + len(word)].lower() == word
    assert toned["tone"].iloc[1] == stock("Fans of Zzzzzzzzzz Zzzzzz were happy, said Zzzz Zzzzz.")
    assert "tone" not in scored  # input untouched


def test_add_tone_without_mentions_and_on_nothing():
    article = "Heart disease\n\nInterest rates rose and people were happy."
    toned = tone.add_tone(sentences_frame(article), None)
    assert toned["tone"].iloc[0] == 0.0 and toned["tone_words"].iloc[1] == "happy:+2.70"
    empty = tone.add_tone(sentiment.score_sentences(schemas.empty("sentences")), schemas.empty("mentions"))
    assert list(empty.columns) == schemas.columns("toned_sentences") and empty.empty


def test_a_mention_split_across_two_sentences_is_silenced_in_both():
    article = "Title\n\nThey loved Great. Britain was happy."
    frame = pd.DataFrame(
        {
            "doc_id": ["a"] * 3,
            "sent_id": [0, 1, 2],
            "start": [0, 7, 25],
            "end": [5, 24, 43],
            "is_title": [True, False, False],
        }
    )
    frame["text"] = [article[s:e] for s, e in zip(frame["start"], frame["end"])]
    scored = sentiment.score_sentences(schemas.conform(frame, "sentences"))
    begin = article.index("Great")
    mention = pd.DataFrame({"doc_id": ["a"], "sent_id": [1], "start": [begin], "end": [begin + len("Great. Britain")]})
    toned = tone.add_tone(scored, mention)
    assert toned["tone_words"].tolist() == ["", "loved:+2.90", "happy:+2.70"]


def test_mentions_of_other_documents_do_not_leak():
    article = "Title\n\nGreat news."
    mention = pd.DataFrame({"doc_id": ["b"], "sent_id": [1], "start": [7], "end": [12]})
    assert tone.add_tone(sentences_frame(article), mention)["tone_words"].iloc[1] == "great:+3.10"


# --------------------------------------------------------------------------- one pass: stock columns stay NLTK's


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(POOL + ["Yahoo!", "heart", "attack", "interest", "rates", "n't", "United", "Dick"]),
        min_size=1,
        max_size=14,
    ),
    st.lists(st.tuples(st.integers(0, 13), st.integers(1, 3)), max_size=3),
    st.sampled_from([None, {"talks": -1}, {"good": 0}, {"win loss": 2}]),
)
def test_one_pass_keeps_the_stock_columns_exact(words, picks, overrides):
    text = " ".join(words)
    begins = [0]
    for word in words[:-1]:
        begins.append(begins[-1] + len(word) + 1)
    # mentions over whole words: word i to word i + length
    spans = sorted(
        {
            (begins[i], begins[min(i + n, len(words)) - 1] + len(words[min(i + n, len(words)) - 1]))
            for i, n in picks
            if i < len(words)
        }
    )
    sentences = pd.DataFrame(
        {"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [len(text)], "text": [text], "is_title": [False]}
    )
    mentions = pd.DataFrame(
        {"doc_id": ["a"] * len(spans), "start": [s for s, _ in spans], "end": [e for _, e in spans]}
    )
    both = tone.score_sentences(schemas.conform(sentences, "sentences"), mentions, lexicon_overrides=overrides)
    stock_only = sentiment.score_sentences(schemas.conform(sentences, "sentences"))
    cols = ["neg", "neu", "pos", "compound"]
    assert both[cols].equals(stock_only[cols])
    assert both["tone"].iloc[0] == news(text, spans, lexicon_overrides=overrides)


@pytest.mark.shared
@pytest.mark.slow
def test_one_pass_stock_columns_equal_vader_on_every_bbc_sentence(shared_data):
    from analysis.actors import find_mentions
    from analysis.load import load_articles
    from analysis.tokens import split_sentences

    articles, _ = load_articles(shared_data / "bbc_news")
    sentences = split_sentences(articles)
    toned = tone.score_sentences(sentences, find_mentions(articles, sentences))
    cols = ["neg", "neu", "pos", "compound"]
    assert toned[cols].equals(sentiment.score_sentences(sentences)[cols])
    assert (toned["tone"] != toned["compound"]).mean() > 0.03  # and the tone differs where names and phrases are


@pytest.mark.parametrize(
    "text", ["Good\x1cnews , a great\u2028day", "\x1f\x1fHappy  days\u00a0ahead", ",Great results!"]
)
def test_word_offsets_survive_odd_spaces_and_punctuation(text):
    _, words = tone.tone_scores([text])
    assert words[0]
    for offset, word, _ in words[0]:
        assert text[offset : offset + len(word)].lower() == word


def _token_places(text: str, offsets) -> list[tuple[int, int]]:
    """Each offset as (index of the whitespace token it falls in, position inside that token)."""
    begins = [m.start() for m in re.finditer(r"\S+", text)]
    places = []
    for offset in offsets:
        k = max(i for i, b in enumerate(begins) if b <= offset)
        places.append((k, offset - begins[k]))
    return places


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(POOL + ["a", "I", "-", "heart", "attack", ",good", "bad,", "Yahoo!", "United"]), max_size=14
    ),
    st.lists(st.sampled_from(["  ", "\t", " \n ", "\u00a0", "\x1c"]), min_size=14, max_size=14),
    st.lists(st.tuples(st.integers(0, 13), st.integers(1, 3)), max_size=3),
)
def test_single_spaced_and_irregularly_spaced_sentences_agree(words, gaps, picks):
    # tone() takes token starts from the token lengths when every gap is one space and finds them in
    # the text otherwise: the same words, mentions and scores must come out either way
    texts = [" ".join(words), "".join(w + g for w, g in zip(words, gaps)).rstrip()]
    results = []
    for text in texts:
        begins = [m.start() for m in re.finditer(r"\S+", text)]
        spans = [
            (begins[i], begins[min(i + n, len(words)) - 1] + len(words[min(i + n, len(words)) - 1]))
            for i, n in picks
            if i < len(words)
        ]
        scores, found = tone.tone_scores([text], [spans])
        offsets = [o for o, _, _ in found[0]]
        results.append((scores[0], [(w, v) for _, w, v in found[0]], _token_places(text, offsets)))
    assert results[0] == results[1]


@pytest.mark.parametrize(
    "surface, source, silenced",
    [
        ("Manchester United", "dictionary", True),
        ("Hope Solo", "discovered", True),
        ("NATO", "dictionary", True),  # capitals from the dictionary: a name
        ("AMAZING", "discovered", False),  # capitals found by discovery: emphasis
        ("LOVE", "discovered", False),
        ("Not", "discovered", False),  # a rule word taken for a name at a sentence start
        ("Can't", "discovered", False),
        ("Really", "discovered", False),  # a booster
        ("Star Wars", "discovered", True),
    ],
)
def test_which_mentions_are_silenced(surface, source, silenced):
    mentions = pd.DataFrame(
        {"doc_id": ["a"], "start": [0], "end": [len(surface)], "surface": [surface], "source": [source]}
    )
    assert len(tone.silenced_mentions(mentions)) == int(silenced)
    text = f"{surface} is great"
    toned = tone.score_sentences(
        schemas.conform(
            pd.DataFrame(
                {"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [len(text)], "text": [text], "is_title": [False]}
            ),
            "sentences",
        ),
        mentions,
    )
    assert toned["tone"].iloc[0] == (stock("Zzzz is great") if silenced else stock(text))


def test_offsets_only_mentions_are_all_silenced():
    mentions = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [7]})
    assert tone.silenced_mentions(mentions) is mentions


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(
    "name, label, minimum",
    [
        ("tweets", "tweets", 0.87),
        ("amazonReviewSnippets", "amazon reviews", 0.56),
        ("movieReviewSnippets", "movie reviews", 0.42),
    ],
)
def test_news_tone_keeps_the_correlation_with_human_ratings(shared_data, name, label, minimum):
    rows = (shared_data / "vader_groundtruth" / f"{name}_GroundTruth.txt").read_text(encoding="utf-8").splitlines()
    rows = [row.split("\t", 2) for row in rows if row.strip()]
    scored = tone.texts_tone([r[2] for r in rows])
    r = float(np.corrcoef(scored["tone"], [float(r[1]) for r in rows])[0, 1])
    assert r >= minimum
    assert tone.VALIDATION[label] == pytest.approx(r, abs=5e-5)  # the figure the report quotes


# --------------------------------------------------------------------------- news items that fool stock VADER

NEWS_ITEMS = yaml.safe_load((Path(__file__).parent / "fixtures" / "news_tone.yaml").read_text(encoding="utf-8"))


def sign_of(score: float) -> str:
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


@pytest.fixture(scope="module")
def news_items():
    scored = tone.texts_tone([item["text"] for item in NEWS_ITEMS])
    return [(item, sign_of(c), sign_of(t)) for item, c, t in zip(NEWS_ITEMS, scored["compound"], scored["tone"])]


def test_the_news_items_are_enough_and_each_fools_stock_vader_or_is_a_control(news_items):
    fooling = [entry for entry in news_items if entry[0]["kind"] != "control"]
    assert len(fooling) >= 30 and len(news_items) - len(fooling) >= 10
    for item, stock_sign, _ in news_items:
        assert (stock_sign == item["expected"]) == (item["kind"] == "control"), item["text"]


@pytest.mark.parametrize("index", range(len(NEWS_ITEMS)))
def test_news_tone_reads_each_item_right(news_items, index):
    item, _, tone_sign = news_items[index]
    if "miss" in item:
        assert tone_sign != item["expected"], f"{item['text']}: now right, drop its miss note"
    else:
        assert tone_sign == item["expected"], item["text"]
