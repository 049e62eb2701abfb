"""Tests for analysis.tokens and analysis.stopwords: sentences, tokens, offsets, agreement with NLTK."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import nltk
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk import redos
from nltk.tokenize.punkt import PunktSentenceTokenizer

from analysis import schemas
from analysis.stopwords import stopword_set
from analysis.tokens import (
    punkt_parameters,
    sentence_spans,
    split_sentences,
    tokenize,
    train_punkt,
    word_spans,
    word_tokens,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def articles(*texts: str, doc_ids=None) -> pd.DataFrame:
    """An "articles" frame holding the given texts (title = first line)."""
    doc_ids = doc_ids or [f"doc{i}" for i in range(len(texts))]
    return schemas.conform(
        pd.DataFrame(
            {
                "doc_id": doc_ids,
                "title": [t.split("\n", 1)[0] for t in texts],
                "text": list(texts),
                "published": [None] * len(texts),
                "source": ["test"] * len(texts),
                "url": [""] * len(texts),
                "category": ["news"] * len(texts),
                "path": [f"{d}.txt" for d in doc_ids],
            }
        ),
        "articles",
    )


def body_sentences(body: str) -> list[str]:
    sents = split_sentences(articles("Title\n\n" + body))
    return sents.loc[~sents["is_title"], "text"].tolist()


@functools.lru_cache(maxsize=1)
def _benchmark():
    """benchmarks/tokens_agreement.py: the agreement measures, defined once."""
    spec = importlib.util.spec_from_file_location(
        "tokens_agreement", PROJECT_ROOT / "benchmarks" / "tokens_agreement.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Gen. Smith arrived. He spoke.", ["Gen. Smith arrived.", "He spoke."]),
        ("U.S. officials said. Nothing changed.", ["U.S. officials said.", "Nothing changed."]),
        ("He lives in the U.S. But he works abroad.", ["He lives in the U.S.", "But he works abroad."]),
        ("J. R. R. Tolkien wrote it. It sold.", ["J. R. R. Tolkien wrote it.", "It sold."]),
        # dotted initials are part of a name, not a sentence end (any pair: none is listed)
        (
            "Vice President J.D. Vance arrived. A.J. Kowalski left.",
            ["Vice President J.D. Vance arrived.", "A.J. Kowalski left."],
        ),
        ('"We will talk," J.D. Vance told reporters.', ['"We will talk," J.D. Vance told reporters.']),
        (
            "Mr. and Mrs. Jones met Dr. Jekyll and Prof. X on Jan. 5.",
            ["Mr. and Mrs. Jones met Dr. Jekyll and Prof. X on Jan. 5."],
        ),
        ("Acme Inc. and Beta Corp. merged. Shares rose.", ["Acme Inc. and Beta Corp. merged.", "Shares rose."]),
        ("He lives at No. 10 Downing St. with his wife.", ["He lives at No. 10 Downing St. with his wife."]),
        ('Asked again, he replied: "No. Definitely not."', ['Asked again, he replied: "No.', 'Definitely not."']),
        ("Growth was 2.5% in 2004. The bank held rates.", ["Growth was 2.5% in 2004.", "The bank held rates."]),
        ("Costs rose, e.g. fuel and rent. Profits fell.", ["Costs rose, e.g. fuel and rent.", "Profits fell."]),
        ("World War I. But then peace.", ["World War I.", "But then peace."]),
        ('"We will win," he said. "Easily."', ['"We will win," he said.', '"Easily."']),
        ("Is it over? Yes! Done.", ["Is it over?", "Yes!", "Done."]),
        ("Wait... The end.", ["Wait...", "The end."]),
        ("Café owners in Zürich said «non». Prices rose 3%.", ["Café owners in Zürich said «non».", "Prices rose 3%."]),
        ("One paragraph\nSecond line without stop", ["One paragraph", "Second line without stop"]),
        ("First para.\n\n\nSecond para. Two sentences.", ["First para.", "Second para.", "Two sentences."]),
        ("   Indented paragraph.   \n\t\n  Another one.  ", ["Indented paragraph.", "Another one."]),
    ],
)
def test_body_sentences(body, expected):
    assert body_sentences(body) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),  # empty article: no sentences at all
        ("Only a title", [("Only a title", True)]),
        ("Title. With. Dots.", [("Title. With. Dots.", True)]),  # the title is never split
        ("Title\n\n", [("Title", True)]),  # article with no body sentences
        ("Title\n\n \n\t\n", [("Title", True)]),
        ("\n\n  Late title  \n\nBody.", [("Late title", True), ("Body.", False)]),
        ("Title\n\nBody one. Body two.", [("Title", True), ("Body one.", False), ("Body two.", False)]),
    ],
)
def test_title_is_sentence_zero(text, expected):
    sents = split_sentences(articles(text))
    assert list(zip(sents["text"], sents["is_title"])) == expected
    assert sents["sent_id"].tolist() == list(range(len(expected)))


def test_sentences_frame_shape_and_offsets():
    texts = ["Alpha\n\nOne. Two.", "Beta", "", "Gamma\n\n“Quoted.” Plain."]
    arts = articles(*texts)
    sents = split_sentences(arts)
    schemas.validate(sents, "sentences")
    assert sents["doc_id"].tolist() == ["doc0"] * 3 + ["doc1"] + ["doc3"] * 3
    for doc_id, start, end, text in sents[["doc_id", "start", "end", "text"]].itertuples(index=False):
        assert texts[int(doc_id[3:])][start:end] == text


def test_empty_corpus_gives_empty_frames():
    sents = split_sentences(articles())
    assert sents.empty and list(sents.columns) == schemas.columns("sentences")
    toks = tokenize(sents)
    assert toks.empty and list(toks.columns) == schemas.columns("tokens")
    schemas.validate(toks, "tokens")


def test_inputs_are_not_mutated():
    arts = articles("Title\n\nSome body. More.")
    before = arts.copy()
    sents = split_sentences(arts)
    sents_before = sents.copy()
    tokenize(sents)
    pd.testing.assert_frame_equal(arts, before)
    pd.testing.assert_frame_equal(sents, sents_before)


@pytest.mark.parametrize(
    "abbreviation, kind",
    [
        ("mr", "abbreviation"),
        ("gen", "abbreviation"),
        ("u.s", "abbreviation"),
        ("sept", "abbreviation"),
        ("inc", "abbreviation"),
        ("vs", "abbreviation"),
        ("etc", "abbreviation"),
        ("ill", "left out"),
        ("sun", "left out"),
        ("j", "left out"),
        ("the", "starter"),
        ("however", "starter"),
    ],
)
def test_punkt_resource_entries(abbreviation, kind):
    params = punkt_parameters()
    assert (abbreviation in params.abbrev_types) == (kind == "abbreviation")
    assert (abbreviation in params.sent_starters) == (kind == "starter")


def test_train_punkt_keeps_project_entries_and_learns():
    text = " ".join(["The Zorg. agency met Zorg. officials today."] * 20 + ["It rained. Then it stopped."] * 20)
    params = train_punkt([text])
    assert punkt_parameters().abbrev_types <= params.abbrev_types
    assert "zorg" in params.abbrev_types
    assert sentence_spans("T\n\nThe Zorg. agency met.", params=params)[1:] == [(3, 24, False)]


# ----------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Good muffins cost $3.88 in New York.", ["Good", "muffins", "cost", "$", "3.88", "in", "New", "York", "."]),
        ("I don't know, you can't say.", ["I", "do", "n't", "know", ",", "you", "ca", "n't", "say", "."]),
        (
            "We'll see what they've done; I'm sure.",
            ["We", "'ll", "see", "what", "they", "'ve", "done", ";", "I", "'m", "sure", "."],
        ),
        ("John's dogs' bowls cannot break.", ["John", "'s", "dogs", "'", "bowls", "can", "not", "break", "."]),
        # only the sentence-final period is split off, as NLTK does
        ('He said "stop." Then left.', ["He", "said", '"', "stop.", '"', "Then", "left", "."]),
        ('"Hello," she said.', ['"', "Hello", ",", '"', "she", "said", "."]),
        ("The 'tough choices' remain.", ["The", "'", "tough", "choices", "'", "remain", "."]),
        (
            "Prices rose 1,000% (a record) in the U.S.",
            ["Prices", "rose", "1,000", "%", "(", "a", "record", ")", "in", "the", "U.S", "."],
        ),
        (
            "Mid-sentence U.S. officials met at 10:30 today",
            ["Mid-sentence", "U.S.", "officials", "met", "at", "10:30", "today"],
        ),
        ("Wait... what -- really?!", ["Wait", "...", "what", "--", "really", "?", "!"]),
        (
            "“Curly” quotes and ‘single’ ones don’t merge.",
            ["“", "Curly", "”", "quotes", "and", "‘", "single", "’", "ones", "don", "’", "t", "merge", "."],
        ),
        ("Zürich’s café costs £3.50 – or €4.", ["Zürich", "’", "s", "café", "costs", "£3.50", "–", "or", "€4", "."]),
        ("email@example.com #tag 50% & more*", ["email", "@", "example.com", "#", "tag", "50", "%", "&", "more", "*"]),
        ("Mr. Smith (the CEO) said: yes.", ["Mr.", "Smith", "(", "the", "CEO", ")", "said", ":", "yes", "."]),
        ("", []),
        ("   ", []),
    ],
)
def test_word_tokens(sentence, expected):
    assert word_tokens(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Good muffins cost $3.88 in New York.",
        "I don't know, you can't say; we won't.",
        "\"I caught 'Cozza's' eye,\" Healey recalled.",
        "There was no comment from the men's' lawyers.",
        "Those who prefer shoot-'em-ups gonna love it, wanna bet?",
        'It continued: "We are very sorry, we have tried everything. "',
        "Rock 'n' roll isn't dead, 'tis said.",
        "Figures: 3,000 and 4.5m (about £2bn) [est.] {ok} <tag>.",
        "“Curly” ‘quotes’ «guillemets» don’t „merge”.",
        "He said ''hello'' and ``bye``.",
    ],
)
def test_word_tokens_match_nltk(sentence):
    nltk_tokens = nltk.word_tokenize(sentence, preserve_line=True)
    assert _benchmark().same_tokens(nltk_tokens, word_tokens(sentence)), (nltk_tokens, word_tokens(sentence))


def test_tokens_frame_columns():
    text = "Headline here\n\nThe Bank's rates didn't rise. Running 3.5% faster!"
    toks = tokenize(split_sentences(articles(text)))
    schemas.validate(toks, "tokens")
    assert toks["token"].tolist() == [
        "Headline",
        "here",
        "The",
        "Bank",
        "'s",
        "rates",
        "did",
        "n't",
        "rise",
        ".",
        "Running",
        "3.5",
        "%",
        "faster",
        "!",
    ]
    assert toks["sent_id"].tolist() == [0, 0] + [1] * 8 + [2] * 5
    assert toks["tok_id"].tolist() == list(range(15))  # counts within the article, across sentences
    assert toks["norm"].tolist()[2:5] == ["the", "bank", "'s"]
    assert toks.set_index("token").loc["Running", "stem"] == "run"
    assert toks.set_index("token").loc["rates", "stem"] == "rate"
    assert toks["is_word"].tolist() == [
        True,
        True,
        True,
        True,
        False,
        True,
        True,
        False,
        True,
        False,
        True,
        False,
        False,
        True,
        False,
    ]
    stops = dict(zip(toks["token"], toks["is_stop"]))
    assert stops["The"] and stops["'s"] and stops["did"] and not stops["n't"] and not stops["rates"]
    for start, end, token in toks[["start", "end", "token"]].itertuples(index=False):
        assert text[start:end] == token


def test_tok_id_restarts_per_article():
    toks = tokenize(split_sentences(articles("A b\n\nC d.", "E f\n\nG.")))
    assert toks.groupby("doc_id")["tok_id"].apply(list).to_dict() == {"doc0": [0, 1, 2, 3, 4], "doc1": [0, 1, 2, 3]}


@pytest.mark.parametrize(
    "stopwords, stop_tokens",
    [
        (None, ["The", "is"]),  # default list: "not" is a content word
        (["cat", "CAT"], ["cat"]),
        ([], []),
        (stopword_set(add=["cat"], remove=["the"]), ["cat", "is"]),
    ],
)
def test_tokenize_stopwords_option(stopwords, stop_tokens):
    toks = tokenize(split_sentences(articles("T\n\nThe cat is not away.")), stopwords=stopwords)
    body = toks[toks.sent_id == 1]
    assert body.loc[body.is_stop, "token"].tolist() == stop_tokens


# ----------------------------------------------------------------------------- stopwords


@pytest.mark.parametrize(
    "word, is_stop",
    [
        ("the", True),
        ("and", True),
        ("'s", True),
        ("he", True),
        ("would", True),
        ("no", False),
        ("not", False),
        ("nor", False),
        ("never", False),
        ("n't", False),
        ("against", False),
        ("without", False),
        ("said", False),
        ("government", False),
    ],
)
def test_default_stopwords(word, is_stop):
    assert (word in stopword_set()) is is_stop


@pytest.mark.parametrize(
    "add, remove, present, absent",
    [
        (["Said"], [], ["said", "the"], []),
        ([], ["THE", "he"], ["and"], ["the", "he"]),
        (["not"], ["not"], [], ["not"]),  # removal wins
    ],
)
def test_stopword_set_add_remove(add, remove, present, absent):
    words = stopword_set(add=add, remove=remove)
    assert all(w in words for w in present) and not any(w in words for w in absent)
    assert isinstance(words, frozenset)


def test_stopword_set_rejects_a_bare_string():
    with pytest.raises(TypeError, match="list of words"):
        stopword_set(add="said")


def test_stopword_overlap_with_nltk(shared_data):
    """Our list against NLTK's official English stopwords (179 words, 2022 edition)."""
    official = set((shared_data / "nltk_data/corpora/stopwords/english").read_text().split())
    ours = stopword_set()
    shared = ours & official
    # NLTK counts negations and their contractions as stopwords; we keep them
    negations = {"no", "not", "nor", "against"} | {w for w in official if w.endswith("n't")}
    assert not (ours & negations)
    # what NLTK lists beyond negations is mostly here too ...
    assert len(shared) / len(official - negations) >= 0.85, sorted(official - negations - ours)
    # ... and most of ours is in NLTK's list (ours adds clitics like "'s" and a few function words)
    assert len(shared) / len(ours) >= 0.7, sorted(ours - official)
    print(f"stopwords: ours {len(ours)}, NLTK {len(official)}, shared {len(shared)}")


# ----------------------------------------------------------------------------- offsets (properties)

_CHARS = st.sampled_from(
    list("aAzZ09 .,;:!?'\"-()[]`$%&*«»“”‘’„…–—éßÜ中\u00a0\t")
    + ["\n", "\n\n", "n't", "'s", "Mr.", "U.S.", "cannot", ".."]
)
_TEXT = st.lists(_CHARS, max_size=60).map("".join) | st.text(max_size=80)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=20), body=_TEXT)
def test_offsets_round_trip(title, body):
    text = f"{title}\n\n{body}"
    sents = split_sentences(articles(text))
    toks = tokenize(sents)
    previous_end = 0
    bounds = {}
    for sent_id, start, end, sentence in sents[["sent_id", "start", "end", "text"]].itertuples(index=False):
        assert text[start:end] == sentence and sentence == sentence.strip() and sentence
        assert start >= previous_end
        previous_end = end
        bounds[sent_id] = (start, end)
    previous_end = 0
    for sent_id, start, end, token in toks[["sent_id", "start", "end", "token"]].itertuples(index=False):
        assert text[start:end] == token and token and not token.isspace()
        assert start >= previous_end
        previous_end = end
        assert bounds[sent_id][0] <= start < end <= bounds[sent_id][1]
    assert toks["tok_id"].tolist() == list(range(len(toks)))


@settings(max_examples=300, deadline=None)
@given(sentence=_TEXT)
def test_word_spans_cover_all_non_space(sentence):
    spans = word_spans(sentence)
    covered = "".join(sentence[a:b] for a, b in spans)
    assert covered == "".join(sentence.split())
    assert all(a < b for a, b in spans) and all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))


@settings(max_examples=500, deadline=None)
@given(sentence=_TEXT)
def test_word_tokens_equal_nltk_on_arbitrary_text(sentence):
    """Same tokens as nltk.word_tokenize, even on punctuation soup and odd Unicode."""
    nltk_tokens = nltk.word_tokenize(sentence, preserve_line=True)
    assert _benchmark().same_tokens(nltk_tokens, word_tokens(sentence)), (nltk_tokens, word_tokens(sentence))


# ----------------------------------------------------------------------------- no NLTK data needed


def test_works_without_nltk_data(tmp_path, monkeypatch):
    text = (
        "Gen. Smith's visit\n\nU.S. officials said Gen. Smith won't come. \"No.\" He left on Jan. 5 at 10 a.m. today."
    )
    expected_sents = split_sentences(articles(text))
    expected_toks = tokenize(expected_sents)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    with pytest.raises(LookupError):  # proves NLTK's own data is out of reach here
        nltk.sent_tokenize("One. Two.")
    sents = split_sentences(articles(text))
    pd.testing.assert_frame_equal(sents, expected_sents)
    pd.testing.assert_frame_equal(tokenize(sents), expected_toks)


# ----------------------------------------------------------------------------- agreement with NLTK on BBC


@pytest.fixture(scope="module")
def bbc(shared_data):
    folder = shared_data / "bbc_news"
    if not folder.is_dir():
        pytest.skip(f"needs {folder}")
    return _benchmark().read_bbc(folder)


@pytest.fixture(scope="module")
def bbc_sentences(bbc):
    return split_sentences(bbc)


@pytest.mark.shared
@pytest.mark.slow
def test_sentence_agreement_with_official_punkt(bbc, shared_data):
    """All 2,225 BBC articles, every body paragraph: official punkt_tab vs ours (~5 s)."""
    bench = _benchmark()
    result = bench.sentence_agreement(bench.body_paragraphs(bbc), bench.official_punkt(shared_data / "nltk_data"))
    assert result["paragraphs"] > 10_000
    assert result["boundary_agreement"] >= 0.99
    assert result["paragraph_agreement"] >= 0.99


@pytest.mark.shared
@pytest.mark.slow
def test_token_agreement_with_word_tokenize(bbc_sentences):
    """All 2,225 BBC articles, every sentence we split: nltk.word_tokenize vs ours (~8 s)."""
    result = _benchmark().token_agreement(bbc_sentences["text"].tolist())
    assert result["tokens"] > 900_000
    assert result["token_agreement"] >= 0.99
    assert result["sentence_agreement"] >= 0.99


@pytest.mark.shared
def test_bbc_offsets_round_trip(bbc, bbc_sentences):
    toks = tokenize(bbc_sentences)
    schemas.validate(toks, "tokens")
    text = dict(zip(bbc["doc_id"], bbc["text"]))
    for frame, column in ((bbc_sentences, "text"), (toks.iloc[::37], "token")):
        rows = frame[["doc_id", "start", "end", column]].itertuples(index=False)
        assert all(text[d][s:e] == value for d, s, e, value in rows)


# ----------------------------------------------------------------------------- Punkt without redos' timer


@functools.cache
def _stock_punkt() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(punkt_parameters())


def _stock_spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph by a stock PunktSentenceTokenizer with our parameters, stripped."""
    spans = []
    for a, b in _stock_punkt().span_tokenize(paragraph):
        piece = paragraph[a:b]
        if piece.strip():
            start = a + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(piece.strip())))
    return spans


def _our_spans(paragraph: str) -> list[tuple[int, int]]:
    return [(a - 3, b - 3) for a, b, title in sentence_spans("T\n\n" + paragraph) if not title]


_PARAGRAPHS = [
    "Mr. Smith left. He said no... Really? Yes.",
    '"Quote." (Aside.) J.D. Vance met Gen. Smith on Jan. 5 at 10 a.m. Then left.',
    "Prices rose 3.5% in the U.S. The Fed acted. It cost $1.2bn. e.g. this. 1. Second.",
    "They said: \"Stop!\" 'No.' [Done.] {Ok.} -- Fine... and then?! Next.",
    "Ms. O'Neil, 45, met St. John's Co. Ltd. at No. 10. A. B. Smith agreed.",
    "“Curly.” ‘Single.’ «Guillemets.» End.",
    "One.  Two.\tThree.",
]


@pytest.mark.parametrize("paragraph", _PARAGRAPHS)
def test_punkt_splits_as_a_stock_tokenizer(paragraph):
    assert _our_spans(paragraph) == _stock_spans(paragraph)


def test_punkt_runs_its_patterns_untimed(monkeypatch):
    """nltk.redos times every match by default; that timer costs more than Punkt's matches."""
    paragraph = _PARAGRAPHS[1]
    expected = _stock_spans(paragraph)
    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", 0.0)  # every timed match now fails at once
    with pytest.raises(TimeoutError):  # so a stock tokenizer cannot split at all
        _stock_spans(paragraph)
    assert _our_spans(paragraph) == expected


@pytest.mark.shared
@pytest.mark.slow
def test_punkt_splits_all_bbc_paragraphs_as_a_stock_tokenizer(bbc):
    """Every BBC body paragraph (~3 s): the untimed patterns change no sentence."""
    differing = [p for p in _benchmark().body_paragraphs(bbc) if _our_spans(p) != _stock_spans(p)]
    assert differing == []


# ----------------------------------------------------------------------------- all sentences as one string


def _sentences_frame(texts: list[str]) -> pd.DataFrame:
    """One article whose sentences are ``texts``, one newline apart."""
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    return schemas.conform(
        pd.DataFrame(
            {
                "doc_id": ["d"] * len(texts),
                "sent_id": list(range(len(texts))),
                "start": starts,
                "end": [s + len(t) for s, t in zip(starts, texts)],
                "text": texts,
                "is_title": [False] * len(texts),
            }
        ),
        "sentences",
    )


def _each_alone(texts: list[str]) -> list[tuple[int, int, int]]:
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    return [(i, s + a, s + b) for i, (s, t) in enumerate(zip(starts, texts)) for a, b in word_spans(t)]


# sentences whose end or start meets a rule that looks one character further
_EDGES = [
    "He said,",
    ",,x and :,y",
    "the men's'",
    "dogs'",
    "'s good 'tis",
    "wanna",
    "na gonna",
    "It cannot.",
    "in the U.S.'",
    "gİmme gımme GIMME",
    "x\x1f",
    "''",
    "end.' '",
    "a ,:b --",
    "...",
    "",
    " ",
]


@pytest.mark.parametrize("shift", range(len(_EDGES)))
def test_tokenize_reads_sentences_as_if_alone(shift):
    """tokenize tokenises all sentences as one string; no rule may see past a sentence's end."""
    texts = _EDGES[shift:] + _EDGES[:shift]
    toks = tokenize(_sentences_frame(texts))
    assert list(zip(toks["sent_id"], toks["start"], toks["end"])) == _each_alone(texts)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_TEXT, max_size=6))
def test_tokenize_reads_random_sentences_as_if_alone(texts):
    toks = tokenize(_sentences_frame(texts))
    assert list(zip(toks["sent_id"], toks["start"], toks["end"])) == _each_alone(texts)
