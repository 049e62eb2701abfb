"""schemas.py: the report tables the functions return meet their contracts in RESULTS.

Each case calls a report function the way its notebook does, on the prepared sample corpus,
and checks the table with ``validate_result`` (exact columns and order, dtypes). The CSVs
a whole run writes are checked against RESULTS in test_notebooks.py, on its sample run.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import schemas
from analysis.errors import SchemaError
from analysis.schemas import RESULT_OPTIONAL, RESULTS, result_columns, validate_result

# assembled in the notebooks from corpus frames (columns chosen there), not returned by a
# function: their contracts are checked on the CSVs of the sample run (test_notebooks.py)
ASSEMBLED_IN_NOTEBOOKS = {"mentions", "sentences"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_corpus):
    """The prepared sample corpus and what the notebooks read from it before their tables."""
    import analysis
    from analysis import actors
    from analysis import frequencies as fq
    from analysis.prepare import prepare_cached

    prepared = prepare_cached(sample_corpus, cache_dir=tmp_path_factory.mktemp("cache"), progress=False).path
    corpus = analysis.open_corpus(prepared)
    articles = corpus.read("articles", columns=["doc_id", "title", "published", "source", "category"])
    stopwords = fq.ranking_stopwords([], filler=True)
    counts = fq.count_corpus(
        corpus.iter_parts("tokens", columns=fq.COUNT_COLUMNS),
        articles[fq.GROUP_COLUMNS],
        by="category",
        stopwords=stopwords,
        ngram_sizes=[2, 3],
    )
    mentions = actors.compact_parts(
        corpus.iter_parts(
            "mentions", columns=["doc_id", "sent_id", "actor", "actor_type", "source", "subtype", "self_reference"]
        )
    )
    mentions = actors.counted_mentions(actors.merge_variants(mentions), self_outlets=[], demonyms=False)
    groups = counts.groups.loc[counts.groups["words"] > 0].sort_values("words", ascending=False)["group"]
    return {
        "corpus": corpus,
        "articles": articles,
        "stopwords": stopwords,
        "counts": counts,
        "largest_groups": groups.head(2).tolist(),
        "mentions": mentions,
        "documents": _documents(corpus, articles),
    }


def _documents(corpus, articles):
    from analysis import sentiment as st

    return st.document_tone(
        corpus.iter_parts("sentences", columns=["doc_id", "is_title", "tone"]), articles, score="tone"
    )


def _sentences(s, *columns):
    return s["corpus"].iter_parts("sentences", columns=list(columns))


def _word_frequency(s, name):
    from analysis import frequencies as fq

    counts, stop = s["counts"], s["stopwords"]
    ngrams = fq.ngram_counts(counts, n=[2, 3], min_count=2, stopwords=stop)
    a, b = s["largest_groups"]
    tokens = s["corpus"].iter_parts
    return {
        "about": lambda: fq.reference_keyness(counts, min_count=5, stopwords=stop),
        "terms": lambda: fq.with_actor_terms(fq.term_counts(counts, min_count=2, stopwords=stop), ngrams),
        "terms, no actor terms": lambda: fq.term_counts(counts, min_count=2, stopwords=stop),
        "terms_by_group": lambda: fq.term_counts(counts, by="group", min_count=2, stopwords=stop),
        "ngrams": lambda: fq.merge_actor_phrases(ngrams),
        "collocations": lambda: fq.collocations(counts, min_count=2, stopwords=stop),
        "distinctive_terms": lambda: fq.distinctive_terms(counts, by="group", method="log_odds", stopwords=stop),
        "distinctive_tf_idf": lambda: fq.distinctive_terms(counts, by="group", method="tf_idf", stopwords=stop),
        "keyness": lambda: fq.keyness(counts, groups_column="group", a=a, b=b, min_count=5, stopwords=stop),
        "trends": lambda: fq.term_trends(
            tokens("tokens", columns=fq.TREND_COLUMNS), s["articles"], ["minister", "prime minister"], freq="M"
        ),
        "kwic": lambda: fq.kwic(
            tokens("tokens", columns=fq.KWIC_COLUMNS),
            s["corpus"].iter_batches("articles", columns=["doc_id", "text"]),
            ["minister", "prime minister"],
            window=8,
        ),
        "vocabulary": lambda: fq.vocabulary(counts, by="group"),
        "vocabulary, ungrouped": lambda: fq.vocabulary(counts),
        "zipf": lambda: fq.zipf_table(counts),
    }[name]()


def _sentiment(s, name):
    from analysis import sentiment as st

    docs, words = s["documents"], ("doc_id", "sent_id", "is_title", "tone_words", "tone_starts")
    scored = s["corpus"].read("sentences", columns=["doc_id", "sent_id", "is_title", "compound", "tone"])
    return {
        "documents": lambda: docs,
        "documents, stock VADER": lambda: st.document_tone(
            _sentences(s, "doc_id", "is_title", "compound"), s["articles"], score="compound"
        ),
        "groups": lambda: st.group_tone(docs, by="category", n_boot=20),
        "groups, by month without intervals": lambda: st.group_tone(docs, by="month", n_boot=0),
        "tone_drivers": lambda: st.tone_drivers(_sentences(s, *words), docs, by="category", top_n=5),
        "tone_drivers, ungrouped": lambda: st.tone_drivers(_sentences(s, *words), docs, by="none", top_n=5),
        "tone_over_time": lambda: st.tone_over_time(docs, freq="W", rolling=4),
        "extreme_sentences": lambda: st.extreme_sentences(
            _sentences(s, "doc_id", "sent_id", "is_title", "text", "tone"), s["articles"], top_n=5, score="tone"
        ),
        "focus_terms": lambda: st.term_tone(
            scored,
            ["minister", "election", "zyzzyva"],  # the last one in no sentence
            tokens=s["corpus"].iter_parts("tokens", columns=["doc_id", "sent_id", "norm"]),
            score="tone",
        ),
    }[name]()


def _actor_mentions(s, name):
    from analysis import actors, voices

    mentions, quotes, articles = s["mentions"], s["corpus"].quotes, s["articles"]
    sentences = actors.compact_parts(
        s["corpus"].iter_parts("sentences", columns=["doc_id", "sent_id", "tone"]), empty="toned_sentences"
    )
    return {
        "quotes": lambda: quotes,
        "actors": lambda: actors.actor_table(mentions, sentences, quotes, min_mentions=2),
        "actors, without sentences or quotes": lambda: actors.actor_table(mentions, min_mentions=2),
        "comentions": lambda: actors.comentions(mentions, types=["person", "organization"]),
        "unmatched": lambda: actors.unmatched(mentions, min_mentions=2),
        "voices": lambda: voices.voices(quotes, mentions),
        "share_of_voice": lambda: voices.share_of_voice(quotes, mentions),
        "share_of_voice, by category": lambda: voices.share_of_voice(quotes, mentions, articles, group_by="category"),
        "share_of_voice, mentions without subtype": lambda: voices.share_of_voice(
            quotes, mentions.drop(columns="subtype")
        ),
        "quotes_over_time": lambda: voices.quotes_over_time(quotes, articles, freq="M", top_n=8),
        "actors_over_time": lambda: actors.actors_over_time(mentions, articles, freq="M", top_n=8),
    }[name]()


BUILDERS = {
    **dict.fromkeys(
        [
            "about",
            "terms",
            "terms, no actor terms",
            "terms_by_group",
            "ngrams",
            "collocations",
            "distinctive_terms",
            "distinctive_tf_idf",
            "keyness",
            "trends",
            "kwic",
            "vocabulary",
            "vocabulary, ungrouped",
            "zipf",
        ],
        _word_frequency,
    ),
    **dict.fromkeys(
        [
            "documents",
            "documents, stock VADER",
            "groups",
            "groups, by month without intervals",
            "tone_drivers",
            "tone_drivers, ungrouped",
            "tone_over_time",
            "extreme_sentences",
            "focus_terms",
        ],
        _sentiment,
    ),
    **dict.fromkeys(
        [
            "quotes",
            "actors",
            "actors, without sentences or quotes",
            "comentions",
            "unmatched",
            "voices",
            "share_of_voice",
            "share_of_voice, by category",
            "share_of_voice, mentions without subtype",
            "quotes_over_time",
            "actors_over_time",
        ],
        _actor_mentions,
    ),
}


def _contract(case: str) -> str:
    """The RESULTS entry a case is checked against: its name up to the comma."""
    return case.split(",")[0]


def test_every_report_table_has_a_case_built_by_its_function():
    covered = {_contract(case) for case in BUILDERS}
    assert covered | ASSEMBLED_IN_NOTEBOOKS == set(RESULTS), (
        f"no case for {sorted(set(RESULTS) - covered - ASSEMBLED_IN_NOTEBOOKS)}; "
        f"no contract for {sorted(covered - set(RESULTS))}"
    )


@pytest.mark.parametrize("case", list(BUILDERS))
def test_report_table_meets_its_contract(sample, case):
    table = BUILDERS[case](sample, case)
    name = _contract(case)
    validate_result(table, name)
    assert len(table) > 0, f"{case}: no rows on the sample, so its dtypes say little"


@pytest.mark.parametrize(
    "case, present",
    [
        ("vocabulary", ["group"]),
        ("vocabulary, ungrouped", []),
        ("share_of_voice", ["subtype"]),
        ("share_of_voice, mentions without subtype", []),
        ("keyness", ["more_in"]),
    ],
)
def test_optional_columns_appear_with_their_parameter(sample, case, present):
    """An optional column is there exactly when the parameter (or input) that makes it is."""
    table = BUILDERS[case](sample, case)
    name = _contract(case)
    assert RESULT_OPTIONAL[name] & set(table.columns) == set(present)


# --------------------------------------------------------------------------- the helper itself

COMENTIONS = pd.DataFrame({"actor_a": ["A"], "actor_b": ["B"], "sentences": [2], "documents": [1]})
VOCABULARY = pd.DataFrame(
    {
        "documents": [3],
        "tokens": [40],
        "types": [30],
        "type_token_ratio": [0.75],
        "hapax": [25],
        "hapax_share": [0.83],
        "mean_word_length": [4.5],
    }
)


@pytest.mark.parametrize(
    "frame, name",
    [
        (COMENTIONS, "comentions"),
        (COMENTIONS.astype({"actor_a": "string", "actor_b": "category"}), "comentions"),
        (VOCABULARY, "vocabulary"),  # its optional group left out
        (VOCABULARY.assign(group="politics")[["group", *VOCABULARY.columns]], "vocabulary"),
        (schemas.empty("quotes"), "quotes"),
    ],
)
def test_a_table_meeting_its_contract_passes_unchanged(frame, name):
    assert validate_result(frame, name) is frame


@pytest.mark.parametrize(
    "frame, name, message",
    [
        (COMENTIONS.drop(columns="documents"), "comentions", "has columns"),
        (COMENTIONS.assign(extra=1), "comentions", "has columns"),
        (COMENTIONS[["actor_b", "actor_a", "sentences", "documents"]], "comentions", "has columns"),
        (COMENTIONS.astype({"sentences": "float64"}), "comentions", "wrong dtypes {'sentences': 'float64'}"),
        (COMENTIONS.assign(actor_a=[1]), "comentions", "wrong dtypes {'actor_a': 'int64'}"),
        (VOCABULARY.assign(group="politics"), "vocabulary", "has columns"),  # optional, but out of place
        (COMENTIONS, "co_mentions", "unknown report table 'co_mentions'"),
    ],
)
def test_a_table_breaking_its_contract_is_refused_in_one_line(frame, name, message):
    with pytest.raises(SchemaError, match=re.escape(message)) as info:
        validate_result(frame, name)
    assert "\n" not in str(info.value)


def test_result_columns_name_an_optional_column_only_when_present():
    assert result_columns("share_of_voice")[:2] == ["group", "speaker_type"]
    assert result_columns("share_of_voice", present=["subtype", "quotes"])[:3] == ["group", "speaker_type", "subtype"]
    assert result_columns("comentions") == list(RESULTS["comentions"])


def test_every_optional_column_belongs_to_its_contract():
    assert all(columns <= set(RESULTS[name]) for name, columns in RESULT_OPTIONAL.items())
