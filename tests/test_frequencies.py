"""frequencies.py: counts, n-grams, collocations, keyness and KWIC on hand-built token frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.collocations import BigramCollocationFinder
from nltk.metrics import BigramAssocMeasures
from nltk.probability import FreqDist

from analysis import frequencies as fq
from analysis import schemas
from analysis.options import OptionError

STOP = {"the", "of", "a", "and", "is", "in", "to"}


def build(docs: dict[str, list[str]], *, categories: dict[str, str] | None = None, dates: dict[str, str] | None = None):
    """Articles and tokens frames from ``{doc_id: [sentence, ...]}``; tokens split on spaces.

    The article text is the sentences joined by single spaces, so every token's offsets
    point at it exactly; a token is a word when alphabetic, a stopword when in STOP.
    """
    arts, rows = [], []
    for doc, sentences in docs.items():
        text, tok_id = "", 0
        for sent_id, sentence in enumerate(sentences):
            if text:
                text += " "
            for word in sentence.split():
                if text and not text.endswith(" "):
                    text += " "
                start = len(text)
                text += word
                rows.append(
                    {
                        "doc_id": doc,
                        "sent_id": sent_id,
                        "tok_id": tok_id,
                        "start": start,
                        "end": len(text),
                        "token": word,
                        "norm": word.lower(),
                        "is_stop": word.lower() in STOP,
                        "is_word": word.isalpha(),
                        "stem": word.lower().rstrip("s"),
                    }
                )
                tok_id += 1
        arts.append(
            {
                "doc_id": doc,
                "title": sentences[0] if sentences else "",
                "text": text,
                "published": (dates or {}).get(doc),
                "source": "test",
                "url": "",
                "category": (categories or {}).get(doc, ""),
                "path": f"{doc}.txt",
            }
        )
    articles = schemas.conform(pd.DataFrame(arts, columns=schemas.columns("articles")), "articles")
    tokens = schemas.conform(pd.DataFrame(rows, columns=schemas.columns("tokens")), "tokens")
    return articles, tokens


DOCS = {
    "d1": ["The prime minister spoke .", "Prime minister of the day spoke again"],
    "d2": ["The prime minister won", "Sport is fun , prime time"],
    "d3": ["Fun and games in the sun"],
}
ARTICLES, TOKENS = build(
    DOCS,
    categories={"d1": "politics", "d2": "politics", "d3": "sport"},
    dates={"d1": "2005-01-03", "d2": "2005-03-10", "d3": None},
)
EMPTY = schemas.empty("tokens")


@pytest.fixture
def tokens():
    """A fresh copy per test, plus a frozen one to prove functions never modify their input."""
    return TOKENS.copy()


def unchanged(frame):
    pd.testing.assert_frame_equal(frame, TOKENS)


# --------------------------------------------------------------------------- term counts


def test_term_counts_by_hand(tokens):
    terms = fq.term_counts(tokens).set_index("term")
    # words (is_word): 4 + 7 + 4 + 5 + 6 = 26 ('.' and ',' are not words)
    assert terms.loc["prime", "count"] == 4 and terms.loc["prime", "documents"] == 2
    assert terms.loc["spoke", "count"] == 2 and terms.loc["spoke", "documents"] == 1
    assert terms.loc["prime", "per_10k"] == pytest.approx(4 / 26 * 10_000)
    assert not set(terms.index) & STOP
    schemas.validate_result(fq.term_counts(tokens), "terms")
    unchanged(tokens)


@pytest.mark.parametrize(
    ("options", "present", "absent"),
    [
        ({}, {"prime", "fun"}, {"the", ".", ","}),
        ({"stopwords": False}, {"the", "of", "prime"}, {"."}),
        ({"stopwords": ["prime", "FUN"]}, {"minister"}, {"prime", "fun", "the"}),
        ({"words_only": False}, {".", ",", "prime"}, {"the"}),
        ({"min_count": 3}, {"prime", "minister"}, {"fun", "spoke"}),
        ({"field": "stem"}, {"game", "prime"}, {"games"}),
        ({"field": "token"}, {"Prime", "prime", "Fun"}, set()),
    ],
)
def test_term_counts_options(tokens, options, present, absent):
    terms = set(fq.term_counts(tokens, **options)["term"])
    assert present <= terms
    assert not absent & terms


def test_term_counts_agree_with_nltk_freqdist(tokens):
    words = [w for w, ok in zip(tokens["norm"], tokens["is_word"]) if ok]
    expected = FreqDist(words)
    counted = fq.term_counts(tokens, stopwords=False)
    assert dict(zip(counted["term"], counted["count"])) == dict(expected)
    assert counted["count"].tolist() == sorted(counted["count"], reverse=True)


def test_term_counts_by_group_uses_group_totals(tokens):
    grouped = fq.with_groups(tokens, ARTICLES, "category")
    terms = fq.term_counts(grouped, by="group")
    schemas.validate_result(terms, "terms_by_group")
    fun = terms.set_index(["group", "term"]).loc[("sport", "fun")]
    assert fun["count"] == 1 and fun["per_10k"] == pytest.approx(1 / 6 * 10_000)  # d3 has 6 words
    politics = terms.loc[terms["group"] == "politics"]
    assert politics.set_index("term").loc["prime", "per_10k"] == pytest.approx(4 / 20 * 10_000)


def test_term_counts_refuses_bad_options(tokens):
    with pytest.raises(OptionError, match="field='lemma'.*'norm'"):
        fq.term_counts(tokens, field="lemma")
    with pytest.raises(schemas.SchemaError, match="with_groups"):
        fq.term_counts(tokens, by="category")
    with pytest.raises(ValueError, match="min_count=0"):
        fq.term_counts(tokens, min_count=0)
    with pytest.raises(ValueError, match="stopwords='the'"):
        fq.term_counts(tokens, stopwords="the")


# --------------------------------------------------------------------------- empty and one-group inputs


@pytest.mark.parametrize(
    "call, table",
    [
        (lambda t: fq.term_counts(t), "terms"),
        (lambda t: fq.ngram_counts(t), "ngrams"),
        (lambda t: fq.collocations(t), "collocations"),
        (lambda t: fq.vocabulary(t), "vocabulary"),
        (lambda t: fq.zipf_table(t), "zipf"),
        (lambda t: fq.kwic(t, ARTICLES, ["prime"]), "kwic"),
        (lambda t: fq.term_trends(t, ARTICLES, ["prime"]), "trends"),
        (lambda t: fq.distinctive_terms(fq.with_groups(t, ARTICLES, "category"), by="group"), "distinctive_terms"),
    ],
    ids=["term_counts", "ngram_counts", "collocations", "vocabulary", "zipf", "kwic", "trends", "distinctive"],
)
def test_empty_tokens_give_empty_tables_with_columns(call, table):
    result = call(EMPTY)
    schemas.validate_result(result, table)  # the contract's columns and dtypes, also with no rows
    assert len(result) == (1 if table == "vocabulary" else 0)


@pytest.mark.parametrize("method", ["log_odds", "tf_idf"])
def test_distinctive_terms_with_one_group_is_empty(tokens, method):
    grouped = fq.with_groups(tokens, ARTICLES, "none")
    assert fq.distinctive_terms(grouped, by="group", method=method, min_count=1).empty


# --------------------------------------------------------------------------- n-grams


def test_ngrams_never_cross_sentences_or_punctuation(tokens):
    grams = set(fq.ngram_counts(tokens, n=2, min_count=1, stopwords=False)["ngram"])
    assert "spoke prime" not in grams  # end of d1 sentence 0 ('.' between) and start of sentence 1
    assert "won sport" not in grams  # sentence boundary without punctuation
    assert "fun prime" not in grams  # comma inside the sentence
    assert "again the" not in grams and "time fun" not in grams  # across articles
    assert {"prime minister", "minister spoke", "fun prime"} - grams == {"fun prime"}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # stopwords may sit inside an n-gram but not at its edges
        ({"n": 3, "min_count": 1}, {"minister of the": False, "prime minister spoke": True, "fun and games": True}),
        ({"n": 2, "min_count": 1}, {"the prime": False, "prime minister": True, "of the": False}),
        ({"n": 2, "min_count": 1, "stopwords": False}, {"the prime": True, "of the": True}),
        ({"n": 2, "min_count": 3}, {"prime minister": True, "minister spoke": False}),
        ({"n": 2, "min_count": 1, "stopwords": ["minister"]}, {"prime minister": False, "prime time": True}),
        ({"n": 4, "min_count": 1}, {"prime minister of the": False, "minister of the day": True}),
    ],
)
def test_ngram_stopwords_and_min_count(tokens, options, expected):
    grams = set(fq.ngram_counts(tokens, **options)["ngram"])
    assert {g: g in grams for g in expected} == expected


def test_ngram_counts_and_documents(tokens):
    grams = fq.ngram_counts(tokens, n=(2, 3), min_count=1).set_index("ngram")
    assert grams.loc["prime minister", "count"] == 3 and grams.loc["prime minister", "documents"] == 2
    assert grams.loc["prime minister", "n"] == 2 and grams.loc["fun and games", "n"] == 3
    unchanged(tokens)


def test_ngrams_of_shuffled_tokens_are_the_same(tokens):
    shuffled = tokens.sample(frac=1, random_state=1)
    pd.testing.assert_frame_equal(fq.ngram_counts(shuffled, min_count=1), fq.ngram_counts(tokens, min_count=1))


@pytest.mark.parametrize("n", [0, (2, -1), "2", 2.5])
def test_ngram_sizes_are_checked(tokens, n):
    with pytest.raises((ValueError, TypeError)):
        fq.ngram_counts(tokens, n=n)


# --------------------------------------------------------------------------- collocations against NLTK

COLLOCATION_DOCS = {
    "a": ["new york is big", "new york and new jersey", "the big apple is new york"],
    "b": ["york is old", "new car , new york", "big new york deal", "new york new york"],
    "c": ["prime minister said", "the prime minister of new york", "minister of york"],
}


def nltk_sentences(tokens):
    """Each sentence as NLTK sees it: words, with None where punctuation breaks the run."""
    t = tokens.sort_values(["doc_id", "tok_id"])
    return [
        [w if ok else None for w, ok in zip(s["norm"], s["is_word"])]
        for _, s in t.groupby(["doc_id", "sent_id"], sort=False)
    ]


@pytest.mark.parametrize("window", [2, 3])
def test_collocation_scores_equal_nltk(window):
    _, tokens = build(COLLOCATION_DOCS)
    padding = [None] * (window - 1)
    words = [w for sentence in nltk_sentences(tokens) for w in [*sentence, *padding]]
    finder = BigramCollocationFinder.from_words(words, window_size=window)
    if window == 2:  # the documented NLTK entry point gives the same counts
        plain = BigramCollocationFinder.from_documents([[w for w in s if w] for s in nltk_sentences(tokens)])
        assert finder.ngram_fd[("new", "york")] == plain.ngram_fd[("new", "york")]
    finder.apply_freq_filter(2)
    finder.apply_word_filter(lambda w: w in STOP)
    expected = {
        pair: (finder.ngram_fd[pair], pmi, llr)
        for (pair, pmi), (_, llr) in zip(
            sorted(finder.score_ngrams(BigramAssocMeasures.pmi)),
            sorted(finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)),
        )
    }
    ours = fq.collocations(tokens, min_count=2, window=window)
    got = {(r.w1, r.w2): (r.count, r.pmi, r.llr) for r in ours.itertuples()}
    assert got.keys() == expected.keys() and ("new", "york") in got
    for pair, (count, pmi, llr) in expected.items():
        assert got[pair][0] == count
        assert got[pair][1] == pytest.approx(pmi) and got[pair][2] == pytest.approx(llr)
    assert ours["llr"].is_monotonic_decreasing


def test_collocations_do_not_pair_across_sentences():
    _, tokens = build({"a": ["red fox", "jumps high"], "b": ["red fox", "jumps far"]})
    found = fq.collocations(tokens, min_count=1, stopwords=False)
    pairs = set(zip(found["w1"], found["w2"]))
    assert ("red", "fox") in pairs and ("fox", "jumps") not in pairs


@pytest.mark.parametrize(("options", "rows"), [({"top_n": 2}, 2), ({"min_count": 100}, 0), ({"top_n": 0}, 0)])
def test_collocation_limits(options, rows):
    _, tokens = build(COLLOCATION_DOCS)
    assert len(fq.collocations(tokens, **{"min_count": 2, **options})) == rows


def test_collocations_sorted_by_pmi_on_request():
    _, tokens = build(COLLOCATION_DOCS)
    assert fq.collocations(tokens, min_count=1, sort="pmi")["pmi"].is_monotonic_decreasing
    with pytest.raises(OptionError):
        fq.collocations(tokens, sort="dice")
    with pytest.raises(ValueError, match="window=1"):
        fq.collocations(tokens, window=1)


# --------------------------------------------------------------------------- keyness


def test_g2_of_a_two_by_two_table_by_hand():
    # term seen 10 times in 1,000 words of A and 2 times in 1,000 words of B:
    #              A      B    row
    #   term      10      2     12      expected: 12 * 1000/2000 = 6 in each cell
    #   other    990    998   1988      expected: 1988 * 1000/2000 = 994 in each cell
    # G2 = 2 * (10 ln(10/6) + 2 ln(2/6) + 990 ln(990/994) + 998 ln(998/994))
    #    = 2 * (5.10826 - 2.19722 - 3.99196 + 4.00802) = 5.85426
    assert float(fq.g2_statistic(10, 2, 1000, 1000)) == pytest.approx(5.85426, abs=1e-4)
    # a zero cell contributes 0 (0 * ln 0 = 0): 2 * (5 ln 2 + 995 ln(995/997.5) + 1000 ln(1000/997.5))
    expected = 2 * (5 * math.log(2) + 995 * math.log(995 / 997.5) + 1000 * math.log(1000 / 997.5))
    assert float(fq.g2_statistic(5, 0, 1000, 1000)) == pytest.approx(expected)
    assert float(fq.g2_statistic(3, 3, 500, 500)) == pytest.approx(0.0)


@pytest.mark.parametrize(("a", "b", "na", "nb"), [(10, 2, 1000, 1000), (1, 40, 300, 5000), (7, 7, 70, 700)])
def test_g2_equals_nltk_likelihood_ratio(a, b, na, nb):
    # NLTK's contingency: n_ii = term in A, n_ix = term in both, n_xi = size of A, n_xx = both sizes
    expected = BigramAssocMeasures.likelihood_ratio(a, (a + b, na), na + nb)
    assert float(fq.g2_statistic(a, b, na, nb)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((20, 5, 1000, 500), 1.0),  # 2% vs 1%: twice as frequent in A
        ((5, 20, 500, 1000), -1.0),
        ((8, 0, 1000, 1000), 4.0),  # zero read as 0.5: log2(8 / 0.5)
        ((0, 8, 1000, 1000), -4.0),
        ((3, 3, 100, 100), 0.0),
    ],
)
def test_log_ratio(counts, expected):
    assert float(fq.log_ratio(*counts)) == pytest.approx(expected)


def test_keyness_table():
    docs = {f"p{i}": ["labour party wins vote", "the party said"] for i in range(4)}
    docs |= {f"s{i}": ["the team wins the match", "team said"] for i in range(4)}
    articles, tokens = build(docs, categories={d: ("politics" if d[0] == "p" else "sport") for d in docs})
    grouped = fq.with_groups(tokens, articles, "category")
    key = fq.keyness(grouped, groups_column="group", a="politics", b="sport", min_count=2)
    assert list(schemas.validate_result(key, "keyness").columns) == list(schemas.RESULTS["keyness"])  # more_in too
    rows = key.set_index("term")
    # politics: 4 * 7 = 28 words, sport: 4 * 7 = 28 words
    assert rows.loc["party", ["count_a", "count_b"]].tolist() == [8, 0]
    assert rows.loc["party", "g2"] == pytest.approx(float(fq.g2_statistic(8, 0, 28, 28)))
    assert rows.loc["party", "p_value"] == pytest.approx(_chi2_sf(rows.loc["party", "g2"]))
    assert rows.loc["team", "more_in"] == "sport" and rows.loc["team", "log_ratio"] < 0
    assert rows.loc["said", "g2"] == pytest.approx(0.0) and rows.loc["said", "p_value"] == pytest.approx(1.0)
    assert key["g2"].is_monotonic_decreasing
    assert "the" not in rows.index


def _chi2_sf(x):
    # survival function of chi-squared with 1 df, written out: erfc(sqrt(x / 2))
    return math.erfc(math.sqrt(x / 2))


def test_keyness_refuses_unknown_or_equal_groups(tokens):
    grouped = fq.with_groups(tokens, ARTICLES, "category")
    with pytest.raises(OptionError, match="'polítics'.*Did you mean 'politics'"):
        fq.keyness(grouped, groups_column="group", a="polítics", b="sport")
    with pytest.raises(ValueError, match="two different groups"):
        fq.keyness(grouped, groups_column="group", a="sport", b="sport")


# --------------------------------------------------------------------------- distinctive terms


def test_log_odds_on_a_tiny_example():
    # group A uses x 3 times and y once, group B the reverse; the prior is the pooled count
    # (alpha_x = alpha_y = 4, alpha_0 = 8). For x in A against B:
    #   delta = ln((3+4) / (4+8-3-4)) - ln((1+4) / (4+8-1-4)) = ln(7/5) - ln(5/7) = 0.672944
    #   sigma = sqrt(1/(3+4) + 1/(1+4)) = 0.585540          z = 0.672944 / 0.585540 = 1.149271
    articles, tokens = build({"a": ["x x x y"], "b": ["y y y x"]}, categories={"a": "A", "b": "B"})
    grouped = fq.with_groups(tokens, articles, "category")
    result = fq.distinctive_terms(grouped, by="group", min_count=1, stopwords=False)
    schemas.validate_result(result, "distinctive_terms")
    assert result[["group", "term"]].values.tolist() == [["A", "x"], ["B", "y"]]  # negative z left out
    assert result["score"].tolist() == pytest.approx([1.149271, 1.149271], abs=1e-6)


def test_tf_idf_by_hand():
    # A: x x y (3 words), B: y z (2 words). idf(x) = ln(2/1), idf(y) = ln(2/2) = 0
    articles, tokens = build({"a": ["x x y"], "b": ["y z"]}, categories={"a": "A", "b": "B"})
    grouped = fq.with_groups(tokens, articles, "category")
    result = fq.distinctive_terms(grouped, by="group", method="tf_idf", min_count=1, stopwords=False)
    scores = {(g, t): s for g, t, s in zip(result["group"], result["term"], result["score"])}
    assert scores == pytest.approx({("A", "x"): 2 / 3 * math.log(2), ("B", "z"): 1 / 2 * math.log(2)})


def test_distinctive_terms_top_n_per_group(tokens):
    grouped = fq.with_groups(tokens, ARTICLES, "category")
    result = fq.distinctive_terms(grouped, by="group", top_n=1, min_count=1)
    assert result.groupby("group").size().max() == 1
    with pytest.raises(OptionError):
        fq.distinctive_terms(grouped, by="group", method="chi2")


# --------------------------------------------------------------------------- groups


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("none", {"d1": "all", "d2": "all", "d3": "all"}),
        ("category", {"d1": "politics", "d2": "politics", "d3": "sport"}),
        ("source", {"d1": "test", "d2": "test", "d3": "test"}),
        ("month", {"d1": "2005-01", "d2": "2005-03", "d3": "(none)"}),
    ],
)
def test_with_groups(tokens, by, expected):
    grouped = fq.with_groups(tokens, ARTICLES, by)
    assert dict(zip(grouped["doc_id"], grouped["group"])) == expected
    assert "group" not in tokens.columns
    unchanged(tokens)


def test_with_groups_labels_missing_values_and_checks_by(tokens):
    articles = ARTICLES.assign(category=pd.array(["politics", None, ""], dtype="string"))
    grouped = fq.with_groups(tokens, articles, "category")
    assert set(grouped.loc[grouped["doc_id"] != "d1", "group"]) == {"(none)"}
    with pytest.raises(OptionError, match="Did you mean 'category'"):
        fq.with_groups(tokens, ARTICLES, "categroy")


# --------------------------------------------------------------------------- KWIC, vocabulary, Zipf, trends


def test_kwic_offsets_point_at_the_keyword(tokens):
    lines = fq.kwic(tokens, ARTICLES, ["prime minister", "FUN"], window=2)
    schemas.validate_result(lines, "kwic")
    text = dict(zip(ARTICLES["doc_id"], ARTICLES["text"]))
    assert all(text[d][s:e] == k for d, k, s, e in zip(lines["doc_id"], lines["keyword"], lines["start"], lines["end"]))
    assert sorted(lines["keyword"].str.lower()) == ["fun", "fun", "prime minister", "prime minister", "prime minister"]
    first = lines.iloc[0]
    assert (first["doc_id"], first["left"], first["right"]) == ("d1", "The", "spoke .")
    # context runs over sentence ends but stops at the article's edges
    second = lines.iloc[1]
    assert (second["left"], second["right"]) == ("spoke .", "of the")
    assert lines.loc[lines["doc_id"] == "d3", "left"].tolist() == [""]


def test_kwic_text_stays_plain_data():
    articles, tokens = build({"x": ["see <script>alert(1)</script> here"]})
    lines = fq.kwic(tokens, articles, ["see"], window=3)
    assert lines.loc[0, "right"] == "<script>alert(1)</script> here"


def test_vocabulary_by_hand():
    _, tokens = build({"a": ["a cat and a dog ."], "b": ["the dog"]})
    vocab = fq.vocabulary(tokens).iloc[0]
    # words: a cat and a dog the dog -> 7 tokens, 5 types, hapax: cat and the
    assert (vocab["documents"], vocab["tokens"], vocab["types"], vocab["hapax"]) == (2, 7, 5, 3)
    assert vocab["type_token_ratio"] == pytest.approx(5 / 7) and vocab["hapax_share"] == pytest.approx(3 / 5)


def test_zipf_table_ranks(tokens):
    table = fq.zipf_table(tokens)
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    assert table["count"].is_monotonic_decreasing and table["share"].sum() == pytest.approx(1.0)
    assert table.loc[0, "term"] == "prime"  # 4 times; 'the' is 4 times too, ties sort alphabetically
    assert set(table["term"]) >= {"the", "of"}


def test_term_trends_by_month(tokens):
    trends = fq.term_trends(tokens, ARTICLES, ["prime", "prime minister", "fun"], freq="M")
    schemas.validate_result(trends, "trends")
    got = {(p.strftime("%Y-%m"), t): c for p, t, c in zip(trends["period"], trends["term"], trends["count"])}
    # d3 is undated, so its 'fun' is not counted; every term has a row for each dated month
    assert got == {
        ("2005-01", "prime"): 2,
        ("2005-03", "prime"): 2,
        ("2005-01", "prime minister"): 2,
        ("2005-03", "prime minister"): 1,
        ("2005-01", "fun"): 0,
        ("2005-03", "fun"): 1,
    }
    row = trends.loc[(trends["term"] == "fun") & (trends["count"] == 1)].iloc[0]
    assert row["per_10k"] == pytest.approx(1 / 9 * 10_000)  # d2 has 9 words


def test_term_trends_without_dates_is_empty(tokens):
    undated = ARTICLES.assign(published=pd.NaT)
    assert fq.term_trends(tokens, undated, ["prime"]).empty
    with pytest.raises(OptionError):
        fq.term_trends(tokens, ARTICLES, ["prime"], freq="H")


# --------------------------------------------------------------------------- real data


@pytest.mark.slow
def test_bbc_politics_against_sport(shared_data):
    """On real articles the keyness list reads as politics vs sport (needs ../shared/data)."""
    import re

    root = shared_data / "bbc_news"
    docs, cats = {}, {}
    for category in ("politics", "sport"):
        for path in sorted((root / category).glob("*.txt"))[::7]:  # spread over the folder
            body = path.read_bytes().decode("utf-8", errors="replace")
            sentences = [" ".join(re.findall(r"[A-Za-z]+", s)) for s in re.split(r"[.!?\n]+", body)]
            docs[f"{category}/{path.stem}"] = [s for s in sentences if s]
            cats[f"{category}/{path.stem}"] = category
    articles, tokens = build(docs, categories=cats)
    grouped = fq.with_groups(tokens, articles, "category")
    key = fq.keyness(grouped, groups_column="group", a="politics", b="sport")
    top_politics = set(key.loc[key["more_in"] == "politics", "term"].head(15))
    top_sport = set(key.loc[key["more_in"] == "sport", "term"].head(15))
    assert {"labour", "election", "government"} & top_politics
    assert {"match", "game", "players", "cup", "team"} & top_sport
    assert np.all(key["p_value"].between(0, 1))


# --------------------------------------------------------------------------- invariants

SENTENCE = st.lists(st.sampled_from(["the", "cat", "sat", "of", "mat", ",", "Cat", "dog", "."]), min_size=0, max_size=8)
CORPUS = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d"]), st.lists(SENTENCE.map(" ".join), min_size=1, max_size=4), min_size=1
)


@settings(max_examples=60, deadline=None)
@given(CORPUS)
def test_counts_add_up(docs):
    articles, tokens = build(docs, categories={d: ("x" if d in "ab" else "y") for d in docs})
    grouped = fq.with_groups(tokens, articles, "category")
    overall = fq.term_counts(tokens, stopwords=False).set_index("term")["count"]
    by_group = fq.term_counts(grouped, by="group", stopwords=False).groupby("term")["count"].sum()
    pd.testing.assert_series_equal(by_group.sort_index(), overall.sort_index(), check_names=False)
    # every adjacent word pair within a sentence is one bigram, counted once
    pairs = sum(
        sum(a.isalpha() and b.isalpha() for a, b in zip(words, words[1:]))
        for sentences in docs.values()
        for words in (s.split() for s in sentences)
    )
    bigrams = fq.ngram_counts(tokens, n=2, min_count=1, stopwords=False)
    assert bigrams["count"].sum() == pairs
    colloc = fq.collocations(tokens, min_count=1, stopwords=False)
    assert colloc["count"].sum() == pairs
    assert fq.zipf_table(tokens)["count"].sum() == fq.vocabulary(tokens).loc[0, "tokens"]


def test_collocations_survive_pairs_nltk_cannot_score():
    # "the the": NLTK's 2x2 table gets a negative cell and its likelihood ratio raises
    _, tokens = build({"a": ["the the"]})
    found = fq.collocations(tokens, min_count=1, stopwords=False)
    assert found[["w1", "w2", "count"]].values.tolist() == [["the", "the", 1]]
    assert math.isnan(found.loc[0, "llr"])


# --------------------------------------------------------------------------- streaming equals in memory


@pytest.fixture(scope="module", params=["sample", "bbc"])
def prepared(request, tmp_path_factory):
    """A prepared corpus of many parts: the sample in chunks of 3 articles, BBC in chunks of 200."""
    from analysis.prepare import Corpus, prepare_corpus

    if request.param == "sample":
        source, chunk_size = request.getfixturevalue("sample_corpus"), 3
    else:
        source, chunk_size = request.getfixturevalue("shared_data") / "bbc_news", 200
    out = tmp_path_factory.mktemp("prepared") / request.param
    prepare_corpus(source, out, chunk_size=chunk_size, progress=False)
    corpus = Corpus(out)
    assert len(list((out / "tokens.parquet").glob("part-*.parquet"))) > 5
    return corpus


STREAM_STOPWORDS = ["said", "not", "no"]


def _streamed(corpus, by):
    articles = corpus.read("articles", columns=fq.GROUP_COLUMNS)
    return fq.count_corpus(
        corpus.iter_parts("tokens", columns=fq.COUNT_COLUMNS),
        articles,
        by=by,
        stopwords=STREAM_STOPWORDS,
        ngram_sizes=(2, 3),
    )


@pytest.mark.slow
@pytest.mark.parametrize("by", ["none", "category"])
def test_streamed_counts_give_the_in_memory_tables(prepared, by):
    counts = _streamed(prepared, by)
    grouped = fq.with_groups(prepared.tokens, prepared.articles, by)
    options = {"stopwords": STREAM_STOPWORDS}
    pairs = [
        (fq.term_counts(counts, min_count=2, **options), fq.term_counts(grouped, min_count=2, **options)),
        (fq.term_counts(counts, by="group", **options), fq.term_counts(grouped, by="group", **options)),
        (fq.ngram_counts(counts, n=(2, 3), **options), fq.ngram_counts(grouped, n=(2, 3), **options)),
        (fq.ngram_counts(counts, n=3, min_count=1, **options), fq.ngram_counts(grouped, n=3, min_count=1, **options)),
        (fq.collocations(counts, min_count=2, **options), fq.collocations(grouped, min_count=2, **options)),
        (fq.vocabulary(counts, by="group"), fq.vocabulary(grouped, by="group")),
        (fq.vocabulary(counts), fq.vocabulary(grouped)),
        (fq.zipf_table(counts), fq.zipf_table(grouped)),
    ]
    groups = fq.term_counts(counts, by="group", **options)["group"].unique().tolist()
    if len(groups) > 1:
        a, b = groups[:2]
        for method in fq.METHODS:
            pairs.append(
                (
                    fq.distinctive_terms(counts, by="group", method=method, **options),
                    fq.distinctive_terms(grouped, by="group", method=method, **options),
                )
            )
        pairs.append(
            (
                fq.keyness(counts, groups_column="group", a=a, b=b, **options),
                fq.keyness(grouped, groups_column="group", a=a, b=b, **options),
            )
        )
    for streamed, in_memory in pairs:
        assert len(in_memory) > 0
        pd.testing.assert_frame_equal(streamed, in_memory)


@pytest.mark.slow
def test_streamed_kwic_and_trends_give_the_in_memory_tables(prepared):
    terms = fq.term_counts(prepared.tokens)["term"].head(3).tolist() + ["prime minister"]
    lines = fq.kwic(
        prepared.iter_parts("tokens", columns=fq.KWIC_COLUMNS),
        prepared.iter_batches("articles", columns=["doc_id", "text"], batch_size=7),
        terms,
        window=5,
    )
    pd.testing.assert_frame_equal(lines, fq.kwic(prepared.tokens, prepared.articles, terms, window=5))
    assert len(lines) > 0
    dates = prepared.read("articles", columns=["doc_id", "published"])
    if dates["published"].isna().all():  # BBC has no dates: give some, so there is a trend to compare
        dates = dates.assign(
            published=pd.Timestamp("2005-01-01") + pd.to_timedelta(np.arange(len(dates)) % 90, unit="D")
        )
    trends = fq.term_trends(prepared.iter_parts("tokens", columns=fq.TREND_COLUMNS), dates, terms, freq="M")
    pd.testing.assert_frame_equal(trends, fq.term_trends(prepared.tokens, dates, terms, freq="M"))
    assert trends["count"].sum() > 0


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: fq.term_counts(c), "stopwords="),
        (lambda c: fq.ngram_counts(c, n=4, stopwords=["x"]), "ngram_sizes="),
        (lambda c: fq.collocations(c, window=3, stopwords=["x"]), "window="),
        (lambda c: fq.term_counts(c, field="stem", stopwords=["x"]), "field="),
        (lambda c: fq.term_counts(c, stopwords=["x"], words_only=False), "words_only"),
        (lambda c: fq.term_counts(c, by="category", stopwords=["x"]), "count_corpus"),
    ],
)
def test_counts_refuse_other_settings(call, error):
    counts = fq.count_corpus(TOKENS, ARTICLES, by="category", stopwords=["X"])
    with pytest.raises((ValueError, schemas.SchemaError), match=error):
        call(counts)


@pytest.mark.parametrize("by", ["none", "category", "month"])
def test_counting_in_parts_equals_counting_at_once(by):
    whole = fq.count_corpus(TOKENS, ARTICLES, by=by)
    parts = fq.count_corpus((TOKENS.loc[TOKENS["doc_id"] == d] for d in ["d1", "d2", "d3"]), ARTICLES, by=by)
    for table in ("terms", "groups", "ngrams", "pairs"):
        keys = [c for c in getattr(whole, table).columns if c not in ("count", "documents", "tokens", "words")]
        pd.testing.assert_frame_equal(
            getattr(parts, table).sort_values(keys, ignore_index=True),
            getattr(whole, table).sort_values(keys, ignore_index=True),
        )
    grouped = fq.with_groups(TOKENS, ARTICLES, by)
    pd.testing.assert_frame_equal(fq.term_counts(parts, by="group"), fq.term_counts(grouped, by="group"))


def test_counting_no_parts_gives_empty_tables():
    counts = fq.count_corpus(iter([]), ARTICLES, by="category")
    assert fq.term_counts(counts).empty and fq.ngram_counts(counts).empty and fq.collocations(counts).empty
    assert fq.vocabulary(counts).loc[0, "tokens"] == 0 and fq.zipf_table(counts).empty
    assert fq.kwic(iter([]), iter([]), ["prime"]).empty
    assert fq.term_trends(iter([]), ARTICLES, ["prime"]).empty


# --------------------------------------------------------------------------- what the corpus is about

# words a reader would call filler, listed here by hand (not read from the filler file)
CALENDAR_AND_REPORTING = {
    "year",
    "years",
    "last",
    "next",
    "week",
    "month",
    "day",
    "time",
    "ago",
    "monday",
    "january",
    "told",
    "said",
    "says",
    "added",
    "according",
}


@pytest.mark.parametrize(
    "filler, expected",
    [
        (True, ["budget", "minister", "reporters"]),
        (False, ["budget", "last", "minister", "reporters", "told", "year"]),
    ],
)
def test_news_filler_is_left_out_of_rankings_by_default(filler, expected):
    _, tokens = build({"d1": ["The minister told reporters the budget last year"]})
    terms = fq.term_counts(tokens, stopwords=fq.ranking_stopwords(filler=filler))
    assert sorted(terms["term"]) == expected


def test_filler_phrases_leave_the_ngram_list():
    _, tokens = build({"d1": ["Tax rose last year", "He told bbc news the tax rise hurt"]})
    grams = fq.ngram_counts(tokens, n=2, min_count=1, stopwords=fq.ranking_stopwords())
    assert grams["ngram"].tolist() == ["rise hurt", "tax rise", "tax rose"]


def treebank(docs: dict[str, list[list[str]]]):
    """Tokens where a list item "gon|na" is two tokens with no space between (Treebank's split)."""
    rows = []
    for doc, sentences in docs.items():
        text, tok_id = "", 0
        for sent_id, sentence in enumerate(sentences):
            for word in sentence:
                text += " " if text else ""
                for piece in word.split("|"):
                    start = len(text)
                    text += piece
                    rows.append(
                        {
                            "doc_id": doc,
                            "sent_id": sent_id,
                            "tok_id": tok_id,
                            "start": start,
                            "end": len(text),
                            "token": piece,
                            "norm": piece.lower(),
                            "is_stop": piece.lower() in STOP,
                            "is_word": piece.isalpha(),
                            "stem": piece.lower(),
                        }
                    )
                    tok_id += 1
    return schemas.conform(pd.DataFrame(rows, columns=schemas.columns("tokens")), "tokens")


def test_contractions_split_by_treebank_are_counted_joined():
    tokens = treebank(
        {"d1": [["We", "are", "gon|na", "win"], ["They", "wan|na", "go"]], "d2": [["gon|na", "win", "again"]]}
    )
    terms = fq.term_counts(tokens, stopwords=False)
    assert {"gonna": 2, "wanna": 1}.items() <= dict(zip(terms["term"], terms["count"])).items()
    assert not {"gon", "na", "wan"} & set(terms["term"])
    grams = fq.ngram_counts(tokens, n=2, min_count=2, stopwords=False)
    assert grams["ngram"].tolist() == ["gonna win"]
    counts = fq.count_corpus(
        iter([tokens.iloc[:6], tokens.iloc[6:]]), pd.DataFrame({"doc_id": ["d1", "d2"]}), stopwords=False
    )
    assert fq.term_counts(counts, stopwords=False).equals(terms)  # part by part: the same


def test_multiword_actor_aliases_merge_into_one_term():
    phrases = {
        "lib dems": "liberal democrats",
        "lib dem": "liberal democrats",
        "liberal democrats": "liberal democrats",
    }
    grams = pd.DataFrame(
        {
            "ngram": ["lib dems", "tax cut", "liberal democrats", "lib dem"],
            "n": [2, 2, 2, 2],
            "count": [40, 30, 20, 10],
            "documents": [20, 25, 15, 8],
        }
    )
    merged = fq.merge_actor_phrases(grams, phrases)
    assert merged.values.tolist() == [["liberal democrats", 2, 70, 20], ["tax cut", 2, 30, 25]]
    terms = pd.DataFrame(
        {"term": ["tax", "liberal"], "count": [100, 50], "documents": [60, 30], "per_10k": [10.0, 5.0]}
    )
    with_actors = fq.with_actor_terms(terms, grams, phrases=phrases)
    assert with_actors[["term", "count"]].values.tolist() == [["tax", 100], ["liberal democrats", 70], ["liberal", 50]]
    assert with_actors["per_10k"].tolist() == [10.0, 7.0, 5.0]  # on the same word total


def test_dictionary_aliases_reach_the_phrases():
    phrases = fq.actor_phrases()
    assert phrases["lib dems"] == phrases["liberal democrats"] == "liberal democrats"


def test_reference_keyness_ranks_topic_words_above_common_english():
    docs = {f"d{i}": ["Blair and the people met", "Blair spoke of people"] for i in range(4)}
    docs["d9"] = ["Zorblaxian zorblaxian zorblaxian zorblaxian zorblaxian"]  # frequent, but in one article only
    _, tokens = build(docs)
    about = fq.reference_keyness(tokens, min_count=2, min_documents=2)
    assert about["term"].tolist() == ["blair", "spoke", "met", "people"]
    assert about["ratio"].is_monotonic_decreasing and (about["ratio"] > 1).all()
    assert (about["reference_per_10k"] > 0).all()
    with pytest.raises(ValueError, match="smoothing"):
        fq.reference_keyness(tokens, smoothing=0)


@pytest.mark.shared
@pytest.mark.slow
def test_bbc_top_terms_hold_no_filler_by_default(shared_data, tmp_path):
    """Done-when of issue 14: BBC's top 25 terms have no calendar word or reporting verb."""
    import analysis
    from analysis.prepare import prepare_cached

    corpus = analysis.open_corpus(prepare_cached(shared_data / "bbc_news", cache_dir=tmp_path, progress=False).path)
    stopwords = fq.ranking_stopwords(["not", "no", "nor", "never", "without", "against"])
    counts = fq.count_corpus(
        corpus.iter_parts("tokens", columns=fq.COUNT_COLUMNS),
        corpus.read("articles", columns=fq.GROUP_COLUMNS),
        stopwords=stopwords,
    )
    top = set(fq.term_counts(counts, stopwords=stopwords)["term"].head(25))
    assert not top & CALENDAR_AND_REPORTING
    about = fq.reference_keyness(counts, stopwords=stopwords)["term"].head(25).tolist()
    assert {"blair", "labour", "election"} <= set(about) and not set(about) & CALENDAR_AND_REPORTING


def test_default_terms_come_from_the_corpus_not_the_outlet():
    docs = {f"d{i}": ["Zorbin Quax met Vela Party leaders", "The Zorbin plan and the Vela vote"] for i in range(6)}
    articles, tokens = build(docs)
    mentions = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(6) for _ in range(3)],
            "actor": ["Zorbin Quax", "Vela Party", "Daily Star"] * 6,
            "actor_type": ["person", "organization", "organization"] * 6,
            "is_outlet": [False, False, True] * 6,
        }
    )

    class Corpus:  # what default_terms reads of an opened corpus
        def iter_parts(self, name, columns=None):
            frame = {"tokens": tokens, "mentions": mentions}[name]
            yield frame if columns is None else frame[columns]

    chosen = fq.default_terms(Corpus(), terms=2, actors=3)
    assert chosen[:2] == ["zorbin", "vela"] or chosen[:2] == ["vela", "zorbin"]
    assert "Daily Star" not in chosen  # the outlet
    assert not {"Zorbin Quax", "Vela Party"} & set(chosen)  # they repeat a chosen term
    assert fq.default_terms(Corpus(), terms=0, actors=1, exclude=["Zorbin Quax"]) == ["Vela Party"]


def test_default_terms_leave_out_the_publisher_detected_from_its_self_references():
    # the mentions the actor finder writes: "told BBC News" flags a self-reference, and BBC names
    # itself so in most stories, so it is the corpus's own outlet (actors.self_outlets)
    docs = {f"d{i}": ["Zorbin Quax met Vela Party leaders"] for i in range(6)}
    articles, tokens = build(docs)
    mentions = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(6) for _ in range(4)],
            "actor": ["BBC", "BBC", "Zorbin Quax", "Vela Party"] * 6,
            "actor_type": ["organization", "organization", "person", "organization"] * 6,
            "self_reference": [True, False, False, False] * 6,
        }
    )

    class Corpus:  # what default_terms reads of an opened corpus
        def iter_parts(self, name, columns=None):
            frame = {"tokens": tokens, "mentions": mentions}[name]
            yield frame if columns is None else frame[columns]

        def read(self, name, columns=None):
            return articles if columns is None else articles[columns]

    assert sorted(fq.default_terms(Corpus(), terms=0, actors=3)) == ["Vela Party", "Zorbin Quax"]  # not BBC


def _defined_in(module) -> list[str]:
    """Public functions, classes and constants a module defines itself (not those it imports)."""
    import inspect

    names = []
    for name, value in vars(module).items():
        if name.startswith("_"):
            continue
        if inspect.isfunction(value) or inspect.isclass(value):
            if value.__module__ == module.__name__:
                names.append(name)
        elif name.isupper():
            names.append(name)
    return names


@pytest.mark.parametrize("job", ["word_counts", "term_tables", "keyness", "kwic_trends"])
def test_frequencies_still_offers_every_name_of_the_modules_split_from_it(job):
    import importlib

    module = importlib.import_module(f"analysis.{job}")
    names = _defined_in(module)
    assert names
    # the checks and counting machinery the four modules share: theirs, not frequencies' public names
    shared = {
        "CorpusCounter",
        "check_min",
        "check_window",
        "checked_ngram_sizes",
        "counts_of",
        "finish_table",
        "in_text_order",
        "require_columns",
        "stop_setting",
        "term_table",
    }
    missing = [n for n in names if n not in shared and getattr(fq, n, None) is not getattr(module, n)]
    assert not missing, f"frequencies does not re-export {missing} from {job}"


# --------------------------------------------------------------------------- what the word_frequency report's cells call


def _sizes(by):
    return fq.group_sizes(fq.count_corpus(TOKENS, ARTICLES, by=by))


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        # words: d1 4 + 7, d2 4 + 5, d3 6; d3 has no date, so it is the "(none)" month
        ("category", {"politics": 20, "sport": 6}),
        ("month", {"2005-01": 11, "2005-03": 9, "(none)": 6}),
        ("none", {"all": 26}),
    ],
)
def test_group_sizes_count_words_largest_group_first(by, expected):
    sizes = _sizes(by)
    assert sizes.to_dict() == expected
    assert list(sizes.index) == list(expected)


def test_group_sizes_leave_out_groups_without_words():
    articles, tokens = build({"a": ["tax rise"], "b": [". ,"]}, categories={"a": "politics", "b": "sport"})
    assert fq.group_sizes(fq.count_corpus(tokens, articles, by="category")).to_dict() == {"politics": 2}


SIZES = pd.Series({"sport": 900, "politics": 700, "tech": 300}, name="words")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("", "", ("sport", "politics")),  # the largest group against the largest other one
        ("tech", "", ("tech", "sport")),
        ("", "sport", ("politics", "sport")),  # b taken: a is the largest other group
        ("sport", "", ("sport", "politics")),
        ("tech", "politics", ("tech", "politics")),
    ],
)
def test_keyness_pair_fills_in_the_largest_groups(a, b, expected):
    assert fq.keyness_pair(SIZES, a, b, by="category") == expected


@pytest.mark.parametrize(
    ("a", "b", "named"), [("busines", "", "keyness_a='busines'"), ("", "Sport", "keyness_b='Sport'")]
)
def test_keyness_pair_refuses_a_group_the_corpus_lacks_in_one_line(a, b, named):
    with pytest.raises(OptionError) as error:
        fq.keyness_pair(SIZES, a, b, by="category")
    message = str(error.value)
    assert "\n" not in message
    assert message == f"{named} is not a category of this corpus; choose one of: sport, politics, tech"


def test_keyness_pair_needs_two_groups():
    with pytest.raises(OptionError, match="keyness compares two groups, but this corpus has one category"):
        fq.keyness_pair(SIZES.head(1), by="category")


def test_keyness_sides_take_the_top_of_each_side_a_first():
    table = pd.DataFrame(
        {"term": ["b1", "a1", "b2", "a2", "a3"], "g2": [9.0, 8.0, 7.0, 6.0, 5.0], "more_in": ["x", "y", "x", "y", "y"]}
    )
    sides = fq.keyness_sides(table, "y", "x", top_n=2)
    assert sides["term"].tolist() == ["a1", "a2", "b1", "b2"]
    assert sides.index.tolist() == [0, 1, 2, 3]
    assert fq.keyness_sides(table, "y", "x", top_n=5)["term"].tolist() == ["a1", "a2", "a3", "b1", "b2"]


def test_top_terms_wide_puts_groups_side_by_side():
    grouped = fq.with_groups(TOKENS, ARTICLES, "category")
    distinctive = fq.distinctive_terms(grouped, by="group", min_count=1, top_n=None)
    wide = fq.top_terms_wide(distinctive, n=2)
    assert list(wide.columns) == ["politics", "sport"]
    for group in ("politics", "sport"):
        expected = distinctive.loc[distinctive["group"] == group, "term"].head(2).tolist()
        assert wide[group].dropna().tolist() == expected
    assert len(wide) == 2


def test_ngrams_by_size_split_the_table_shortest_first(tokens):
    ngrams = fq.ngram_counts(tokens, n=[3, 2], stopwords=False)
    parts = fq.ngrams_by_size(ngrams)
    assert list(parts) == [2, 3]
    for n, part in parts.items():
        expected = ngrams.loc[ngrams["n"] == n].reset_index(drop=True)
        pd.testing.assert_frame_equal(part, expected)
    assert fq.ngrams_by_size(ngrams.iloc[0:0]) == {}


def test_pmi_ranking_keeps_frequent_pairs_highest_pmi_first():
    colloc = pd.DataFrame(
        {"w1": ["a", "b", "c", "d"], "w2": ["w", "x", "y", "z"], "count": [9, 2, 6, 5], "pmi": [3.0, 9.0, 5.0, 4.0]}
    )
    ranked = fq.pmi_ranking(colloc, min_count=5)
    assert ranked["w1"].tolist() == ["c", "d", "a"]
    assert ranked.index.tolist() == [0, 1, 2]
    assert fq.pmi_ranking(colloc, min_count=1)["w1"].tolist() == ["b", "c", "d", "a"]


def test_kwic_head_keeps_the_first_lines_of_each_keyword_in_any_case(tokens):
    lines = fq.kwic(tokens, ARTICLES, ["prime", "fun"], window=1)
    assert lines["keyword"].tolist() == ["prime", "Prime", "prime", "fun", "prime", "Fun"]  # in text order
    head = fq.kwic_head(lines, n=2)
    assert head["keyword"].tolist() == ["prime", "Prime", "fun", "Fun"]  # "Prime" is the word prime
    pd.testing.assert_frame_equal(head, lines.iloc[[0, 1, 3, 5]].reset_index(drop=True))
    assert fq.kwic_head(lines, n=1)["keyword"].tolist() == ["prime", "fun"]


ABOUT = pd.DataFrame({"term": ["kestrel", "meridia", "port", "harbour", "vote", "tax"]})


@pytest.mark.parametrize(
    ("given", "n", "expected"),
    [
        ([], 3, ["kestrel", "meridia", "port"]),
        ([], 5, ["kestrel", "meridia", "port", "harbour", "vote"]),
        (["tax", "prime minister"], 3, ["tax", "prime minister"]),  # the user's terms, however many
        ((), 1, ["kestrel"]),
    ],
)
def test_terms_to_follow_default_to_the_most_characteristic(given, n, expected):
    assert fq.terms_to_follow(given, ABOUT, n=n) == expected


def test_trend_table_has_a_row_per_period_and_a_column_per_term(tokens):
    trends = fq.term_trends(tokens, ARTICLES, ["prime", "sun"], freq="M")
    wide = fq.trend_table(trends)
    assert list(wide.columns) == ["prime", "sun"]
    assert wide.index.tolist() == sorted(trends["period"].unique())
    # d1 (January) says prime twice, d2 (March) twice; d3 (the sun) has no date
    assert wide["prime"].tolist() == [2, 2] and wide["sun"].tolist() == [0, 0]
    assert fq.trend_table(trends, value="per_10k")["prime"].tolist() == pytest.approx(
        trends.loc[trends["term"] == "prime", "per_10k"].tolist()
    )


def test_a_bare_extra_stopword_is_one_word_not_its_letters(tokens):
    assert fq.ranking_stopwords("Said", filler=False) == frozenset({"said"})
    terms = fq.term_counts(tokens, stopwords=fq.ranking_stopwords("prime", filler=False))["term"].tolist()
    assert "prime" not in terms and "minister" in terms  # read letter by letter, "prime" would stay
