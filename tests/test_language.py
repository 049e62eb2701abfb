"""Languages: analysis.language, the English-only steps in prepare, the corpus notes, each story once in Corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.language import detect_language, is_english, language_mix, mostly_not_english
from analysis.pages import _corpus_notes
from analysis.prepare import Corpus, prepare_corpus

ENGLISH = (
    "Ministers from both countries agreed on Friday to rebuild the old harbour wall, ending a dispute "
    "that had lasted more than a year. Fishing crews said they were delighted with the wonderful news."
)
GERMAN = (
    "Die Regierung hat am Freitag beschlossen, die alte Hafenmauer wieder aufzubauen. Nach Jahren des "
    "Streits sagte Minister Hans Becker, der Plan koste rund zehn Prozent mehr als erwartet. Die Fischer "
    "Vereinigung Nord begrüßte die Entscheidung."
)
CASES = [
    (ENGLISH, "en"),
    (GERMAN, "de"),
    ("El Gobierno aprobó el martes el presupuesto del próximo año tras una larga negociación con los socios.", "es"),
    ("Le gouvernement a adopté mardi le budget de l'année prochaine après une longue négociation.", "fr"),
    ("政府周二批准了明年的预算，此前与合作伙伴进行了长时间的谈判，反对党表示将继续审查。", "zh"),
    ("وافقت الحكومة يوم الثلاثاء على ميزانية العام المقبل بعد مفاوضات طويلة مع الشركاء.", "ar"),
    ("OK", "und"),  # too few letters to tell
    ("", "und"),
    ("12:30 - 4-1 (2-0)", "und"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_detection_reads_beyond_the_first_80_characters():
    # the library's default cut would see only the English headline of this German article
    text = "Port deal: Minister says yes\n\n" + GERMAN
    assert detect_language(text) == "de"


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(["en", "und", "de", None], [True, True, False, True]), ([], [])],
)
def test_is_english(languages, expected):
    assert is_english(pd.Series(languages, dtype="string")).tolist() == expected


@pytest.mark.parametrize(
    ("mix", "warned"),
    [
        ({"en": 5}, False),
        ({"de": 5, "en": 5}, False),
        ({"de": 6, "en": 4}, True),
        ({"und": 9, "de": 1}, False),
        ({}, False),
    ],
)
def test_mostly_not_english_warns_only_past_half(mix, warned):
    assert (mostly_not_english(mix) is not None) == warned


def test_language_mix_counts_most_first():
    assert language_mix(pd.Series(["de", "en", "en", None])) == {"en": 2, "de": 1, "und": 1}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Harbour deal agreed\n\n{ENGLISH}")
    (corpus / "b.txt").write_text(f"Hafenmauer wird neu gebaut\n\n{GERMAN}")
    (corpus / "c.txt").write_text(f"Hafenmauer: Regierung entscheidet\n\n{GERMAN}")  # same body, another title
    result = prepare_corpus(corpus, root / "prepared", workers=1, progress=False)
    return result


def test_prepare_stores_languages_and_scores_only_english_sentences(mixed):
    corpus = Corpus(mixed.path, include_duplicates=True)
    assert corpus.articles.set_index("doc_id")["language"].to_dict() == {"a": "en", "b": "de", "c": "de"}
    sentences = corpus.sentences
    english = sentences["doc_id"] == "a"
    assert sentences.loc[english, "compound"].notna().all()
    assert sentences.loc[~english, "compound"].isna().all()
    discovered = corpus.mentions[corpus.mentions["source"] == "discovered"]
    assert set(discovered["doc_id"]) <= {"a"}  # no German nouns typed as actors


def test_mostly_german_corpus_is_warned_in_problems_and_summary(mixed):
    assert "not in English" in mixed.summary() and "warning:" in mixed.summary()
    problems = Corpus(mixed.path).problems
    assert problems["reason"].str.contains("2 of 3 articles").any()
    assert mixed.path.joinpath("manifest.json").read_text().count('"de": 2') == 1


def test_corpus_counts_each_story_once_unless_asked(mixed):
    once, every = Corpus(mixed.path), Corpus(mixed.path, include_duplicates=True)
    assert once.articles["doc_id"].tolist() == ["a", "b"]
    assert every.articles["doc_id"].tolist() == ["a", "b", "c"]
    assert set(once.sentences["doc_id"]) == {"a", "b"}
    assert set(once.read("tokens", columns=["token"]).columns) == {"token"}
    assert len(once.read("tokens", columns=["token"])) < len(every.read("tokens", columns=["token"]))
    assert sum(len(p) for p in once.iter_parts("sentences", columns=["sent_id"])) == len(once.sentences)
    assert sum(len(b) for b in once.iter_batches("articles", columns=["title"])) == 2
    assert "1 duplicates set aside" in mixed.summary()


def test_index_page_notes_duplicates_languages_and_warnings(mixed):
    import json

    notes = _corpus_notes(json.loads((mixed.path / "manifest.json").read_text()))
    assert "1 set aside" in notes and "de 2 (67%), en 1 (33%)" in notes and "not in English" in notes
    assert _corpus_notes({}) == ""


def test_document_tone_counts_unscored_articles_as_no_text(mixed):
    from analysis.sentiment import document_tone

    corpus = Corpus(mixed.path)
    tone = document_tone(corpus.sentences, corpus.articles).set_index("doc_id")
    assert tone.loc["a", "sentences"] > 0 and tone.loc["a", "label"] != "no text"
    assert tone.loc["b", "sentences"] == 0 and tone.loc["b", "label"] == "no text"
    assert pd.isna(tone.loc["b", "positive_share"])
