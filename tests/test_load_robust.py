"""load.py against hostile and odd input: every file read once, every failure a problems row, never a crash.

Issue 9 (read what is there, once; bounded work; --dayfirst) and issue 10 items 1-4 plus the
smaller items (imports, numeric dates, schema-stable Parquet, HTML decoding, titles, NewsAPI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import cleanup, load, prepare, prepare_cache, prepare_settings, schemas
from analysis import files as corpus_files
from analysis.extra_columns import normalise_extra_columns
from analysis.load import load_articles, load_corpus, strip_site_suffix
from analysis.readers import tables

from test_load import problem_rows as rows
from test_load import write

GOOD = "A good article\n\nIt has a body paragraph.\n"


def reasons(problems: pd.DataFrame, path: str) -> list[str]:
    return [r[3] for r in rows(problems) if r[0] == path]


def load_in_thread(root: Path, seconds: float = 30, **options):
    """load_articles, failing the test instead of hanging it forever."""
    result: dict = {}

    def target():
        try:
            result["value"] = load_articles(root, **options)
        except BaseException as exc:  # re-raised in the test thread
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"load_articles({root}) still running after {seconds} s: it hangs"
    if "error" in result:
        raise result["error"]
    return result["value"]


# --------------------------------------------------------------------------- walking the folder


def test_a_symlinked_folder_is_followed_and_a_loop_is_read_once(tmp_path):
    write(tmp_path, {"real/a.txt": GOOD})
    (tmp_path / "linked").symlink_to(tmp_path / "real")  # a second way to the same folder
    (tmp_path / "real" / "loop").symlink_to(tmp_path)  # a loop back to the root
    (tmp_path / "elsewhere").mkdir()
    outside = write(tmp_path.parent / f"{tmp_path.name}-outside", {"b.txt": "Outside title\n\nOutside body.\n"})
    (tmp_path / "elsewhere" / "news").symlink_to(outside)  # a folder outside the corpus, reached by a link
    articles, problems = load_in_thread(tmp_path)
    assert sorted(articles.path) == ["elsewhere/news/b.txt", "real/a.txt"], "each article once, by its real path"
    assert sorted(rows(problems)) == [
        (
            "linked",
            None,
            "warning",
            "folder links to 'real', which is read already (a symlink loop or a second link); not read again",
        ),
        (
            "real/loop",
            None,
            "warning",
            "folder links to '.', which is read already (a symlink loop or a second link); not read again",
        ),
    ]


def test_fifo_device_and_broken_link_are_problems_not_hangs(tmp_path):
    write(tmp_path, {"good.txt": GOOD})
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    articles, problems = load_in_thread(tmp_path, seconds=20)
    assert articles.title.tolist() == ["A good article"]
    assert reasons(problems, "pipe.txt") == ["not a regular file (a FIFO); skipped, move it out of the corpus"]
    assert reasons(problems, "zero.txt") == [
        "not a regular file (a character device); skipped, move it out of the corpus"
    ]
    assert reasons(problems, "gone.txt")[0].startswith("broken symbolic link")


def test_a_fifo_given_as_the_corpus_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(load.CorpusError) as caught:
        load_in_thread(tmp_path / "pipe.txt", seconds=20)
    assert "not a regular file (a FIFO)" in caught.value.problems.reason.iloc[0]


@pytest.mark.parametrize(
    "name", ["README.txt", "LICENSE.txt", "CHANGELOG.md", "CONTRIBUTING.txt", "readme.json", "sub/README.csv"]
)
def test_documentation_files_are_skipped_silently_as_documented(tmp_path, name):
    write(tmp_path, {"a.txt": GOOD, name: "About this corpus\n\nNot an article.\n"})
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["A good article"] and problems.empty


def test_a_file_name_that_is_not_utf8_loads_with_a_warning(tmp_path):
    write(tmp_path, {"a.txt": GOOD})
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "wb") as handle:
        handle.write(b"Latin-1 name\n\nBody of the article.\n")
    articles, problems = load_articles(tmp_path)
    assert sorted(articles.title) == ["A good article", "Latin-1 name"]
    assert "caf\ufffd.txt" in set(articles.path)
    assert reasons(problems, "caf\ufffd.txt") == [
        "file name is not valid UTF-8 (shown with \ufffd); rename the file to silence this"
    ]
    articles.to_parquet(tmp_path.parent / f"{tmp_path.name}-names.parquet")  # writable: no surrogates left


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(5, "Input/output error")])
def test_a_file_that_cannot_be_read_is_one_problem_row(tmp_path, monkeypatch, error):
    write(tmp_path, {"a.txt": GOOD, "b.txt": "Second\n\nBody two.\n"})
    real = corpus_files.read_bytes

    def failing(path):
        if Path(path).name == "b.txt":
            raise error
        return real(path)

    monkeypatch.setattr(corpus_files, "read_bytes", failing)
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["A good article"]
    assert reasons(problems, "b.txt") == [
        f"cannot read file ({error.strerror}); check that it exists and you may read it"
    ]


@pytest.fixture
def shared_tmp():
    """A folder other users can enter (pytest's tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="analysis-perm-"))
    os.chmod(base, 0o777)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def test_an_unreadable_file_as_a_user_without_root(shared_tmp):
    """The real permission case: prepare as user 'nobody' (uid 65534) loads the rest and keys its cache."""
    folder = write(shared_tmp / "corpus", {"a.txt": GOOD, "secret.txt": "Secret\n\nBody.\n"})
    os.chmod(folder, 0o755)
    os.chmod(folder / "a.txt", 0o644)
    os.chmod(folder / "secret.txt", 0)
    cache = shared_tmp / "cache"
    cache.mkdir()
    os.chmod(cache, 0o777)
    # everything is imported as root first: the interpreter's own files may be unreadable for 'nobody'
    script = (
        "import os, sys, json, tqdm\n"
        "from analysis import actors, quotes, sentiment, tokens, load\n"
        "from analysis.prepare import prepare_cached, Corpus, code_fingerprint, prepare_chunk\n"
        "from analysis.chunks import _dictionary\n"
        "import pandas as pd\n"
        "code_fingerprint(); _dictionary(()); prepare_chunk(load.load_articles('" + str(folder / "a.txt") + "')[0])\n"
        "os.setuid(65534) if os.geteuid() == 0 else None\n"
        f"result = prepare_cached({str(folder)!r}, cache_dir={str(cache)!r}, workers=1, progress=False)\n"
        "corpus = Corpus(result.path)\n"
        "print(json.dumps([corpus.articles.title.tolist(), corpus.problems.reason.tolist()]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(load.__file__).parents[1]), "HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    titles, problem_reasons = json.loads(done.stdout.strip().splitlines()[-1])
    assert titles == ["A good article"]
    assert problem_reasons == ["cannot read file (Permission denied); check that it exists and you may read it"]


# --------------------------------------------------------------------------- one bad file, the rest loads


def test_a_lone_surrogate_in_json_is_replaced_and_writable(tmp_path):
    write(tmp_path, {"s.jsonl": '{"title": "Half \\ud800 pair", "text": "Body \\udc00 here.", "note": "x\\ud800"}\n'})
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["Half \ufffd pair"]
    assert "\ufffd" in articles.text.iloc[0] and articles.note.iloc[0] == "x\ufffd"
    articles.to_parquet(tmp_path / "out.parquet")


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_very_deep_json_is_a_problem_row(tmp_path, name):
    write(tmp_path, {"a.txt": GOOD, name: "[" * 200_000 + "]" * 200_000 + "\n"})
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["A good article"]
    assert len(reasons(problems, name)) == 1 and "nested too deeply" in reasons(problems, name)[0]


def test_reserved_front_matter_keys_are_kept_aside_with_a_warning(tmp_path):
    write(tmp_path, {"a.txt": "---\ndoc_id: mine\ntext: hers\npath: x/y\nsource: Ledger\n---\nTitle\n\nBody.\n"})
    articles, problems = load_articles(tmp_path)
    row = articles.iloc[0]
    assert (row.doc_id, row.text, row.path, row.source) == ("a", "Title\n\nBody.", "a.txt", "Ledger")
    assert (row.input_doc_id, row.input_text, row.input_path) == ("mine", "hers", "x/y")
    assert len(reasons(problems, "a.txt")) == 3
    articles.to_parquet(tmp_path / "out.parquet")


def test_an_unclosed_csv_quote_does_not_merge_the_rows_after_it(tmp_path):
    write(tmp_path, {"t.csv": 'title,text\nA,"opens a quote\nB,body b\nC,body c\n'})
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["B", "C"]
    assert rows(problems) == [
        (
            "t.csv",
            1,
            "error",
            "unclosed quote in the row starting on line 2: it would swallow "
            "the 2 lines after it; row skipped, close the quote",
        )
    ]


def test_a_quoted_field_over_several_lines_is_still_one_field(tmp_path):
    write(tmp_path, {"t.csv": 'title,text\nA,"line one\nline two"\nB,"say ""hi""\nthere"\n'})
    articles, problems = load_articles(tmp_path)
    assert articles.text.tolist() == ["A\n\nline one\nline two", 'B\n\nsay "hi"\nthere'] and problems.empty


@pytest.mark.parametrize("delimiter", [";", "|", "\t"])
def test_a_csv_with_another_delimiter_is_read_not_called_a_quoting_error(tmp_path, delimiter):
    header = delimiter.join(["title", "text", "date"])
    line = delimiter.join(["Semi title", "Body, with a comma", "2024-03-04"])
    write(tmp_path, {"t.csv": f"{header}\n{line}\n"})
    articles, problems = load_articles(tmp_path)
    assert problems.empty, rows(problems)
    assert (articles.title.iloc[0], articles.text.iloc[0]) == ("Semi title", "Semi title\n\nBody, with a comma")


def test_integer_ids_with_nulls_stay_integers(tmp_path):
    table = pa.table({"id": pa.array([7, None, 9], pa.int64()), "title": ["a", "b", "c"], "text": ["x", "y", "z"]})
    pq.write_table(table, tmp_path / "p.parquet")
    articles, _ = load_articles(tmp_path)
    assert articles.doc_id.tolist() == ["7", "p:2", "9"]


def test_any_unexpected_failure_in_one_file_is_one_row_and_undoes_its_rows(tmp_path, monkeypatch):
    write(tmp_path, {"a.txt": GOOD, "b.jsonl": '{"title": "T1", "text": "x"}\n{"title": "T2", "text": "y"}\n'})
    real = tables.row_record

    def row_record(rel, stem, number, *args):
        if number == 2:
            raise KeyError("boom")
        return real(rel, stem, number, *args)

    monkeypatch.setattr(tables, "row_record", row_record)
    write(tmp_path, {"c.txt": "T1\n\nx\n"})  # same text as the undone row: not a duplicate of it
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["A good article", "T1"], "the half-read file's first row is undone"
    assert reasons(problems, "c.txt") == [], "no 'duplicate of' an article that was undone"
    assert reasons(problems, "b.jsonl") == [
        "could not be read (KeyError: 'boom'); nothing loaded, please report this file"
    ]


# --------------------------------------------------------------------------- cache key from the bytes loaded


def test_a_cached_prepare_reads_each_corpus_file_once(tmp_path, monkeypatch):
    corpus = write(tmp_path / "c", {"a.txt": GOOD, "b.txt": "Second\n\nBody two.\n"})
    reads: list[str] = []
    real_read, real_digest = corpus_files.read_bytes, prepare_settings.file_digest
    monkeypatch.setattr(corpus_files, "read_bytes", lambda path: reads.append(Path(path).name) or real_read(path))
    for module in (prepare_settings, prepare_cache):  # each module that hashes files
        monkeypatch.setattr(
            module,
            "file_digest",
            lambda path: reads.append(Path(path).name) if corpus in Path(path).parents else real_digest(path),
        )
    first = prepare.prepare_cached(corpus, cache_dir=tmp_path / "cache", workers=1, progress=False)
    assert sorted(reads) == ["a.txt", "b.txt"]
    reads.clear()
    second = prepare.prepare_cached(corpus, cache_dir=tmp_path / "cache", workers=1, progress=False)
    assert second.reused and second.key == first.key and sorted(reads) == ["a.txt", "b.txt"]


def test_the_cache_key_is_of_the_bytes_loaded(tmp_path, monkeypatch):
    """A file saved while prepare runs, just before the loader reads it: the cache must hold the
    content its key describes (a hashing pre-pass would key the old content and store the new)."""
    corpus = write(tmp_path / "c", {"a.txt": GOOD})
    edited = "Edited title\n\nEdited body.\n"
    real_read = corpus_files.read_bytes

    def edit_then_read(path):
        if Path(path).name == "a.txt" and (corpus / "a.txt").read_text(encoding="utf-8") == GOOD:
            Path(path).write_text(edited, encoding="utf-8")
        return real_read(path)

    monkeypatch.setattr(corpus_files, "read_bytes", edit_then_read)
    result = prepare.prepare_cached(corpus, cache_dir=tmp_path / "cache", workers=1, progress=False)
    monkeypatch.setattr(corpus_files, "read_bytes", real_read)
    assert prepare.Corpus(result.path).articles.title.tolist() == ["Edited title"]
    assert prepare.cache_key(corpus) == result.key, "the cache holds the edited text under the old text's key"
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    assert prepare.cache_key(corpus) != result.key


def test_a_problem_file_does_not_stop_the_cache_key(tmp_path):
    corpus = write(tmp_path / "c", {"a.txt": GOOD})
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    result = prepare.prepare_cached(corpus, cache_dir=tmp_path / "cache", workers=1, progress=False)
    assert result.articles == 1 and result.problems == 2


def test_load_options_change_the_cache_key(tmp_path):
    corpus = write(tmp_path / "c", {"a.txt": "---\ndate: 04.03.2024\n---\nTitle\n\nBody.\n"})
    keys = {
        prepare.cache_key(corpus, prepare.Settings(dayfirst=d, max_article_bytes=m))
        for d in (False, True)
        for m in (None, 1000)
    }
    assert len(keys) == 4


# --------------------------------------------------------------------------- bounded work


def test_an_article_over_the_size_limit_is_cut_at_a_line_with_a_warning(tmp_path):
    body = "\n\n".join(f"Paragraph {i} " + "word " * 30 for i in range(200))  # ~33 kB
    write(tmp_path, {"big.txt": "Big title\n\n" + body, "small.txt": GOOD})
    articles, problems = load_articles(tmp_path, max_article_bytes=10_000)
    big = articles.set_index("path").loc["big.txt"]
    assert 9_000 < len(big.text.encode()) <= 10_000 and big.text.endswith("word")
    assert articles.set_index("path").loc["small.txt"].text == GOOD.strip().replace("\n\n", "\n\n")
    (reason,) = reasons(problems, "big.txt")
    assert reason.startswith("article is 0.0 MB, over max_article_bytes (0.0 MB); cut to its first")
    unlimited, none = load_articles(tmp_path, max_article_bytes=None)
    assert none.empty and len(unlimited.set_index("path").loc["big.txt"].text) > 30_000


def test_the_size_limit_counts_utf8_bytes_and_applies_to_table_rows(tmp_path):
    write(tmp_path, {"t.jsonl": json.dumps({"title": "Ü", "text": "ä " * 4000}) + "\n"})
    articles, problems = load_articles(tmp_path, max_article_bytes=3000)
    assert len(articles.text.iloc[0].encode()) <= 3000 and len(problems) == 1


@pytest.mark.parametrize("bad", [0, -5, True])
def test_the_size_limit_must_be_positive(tmp_path, bad):
    write(tmp_path, {"a.txt": GOOD})
    with pytest.raises(ValueError, match="max_article_bytes"):
        load_articles(tmp_path, max_article_bytes=bad)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "dayfirst", "expected"),
    [
        ("04.03.2024", True, "2024-03-04"),
        ("04.03.2024", False, "2024-04-03"),
        ("04/03/2024 10:00", True, "2024-03-04 10:00"),
        ("2024-03-04", True, "2024-03-04"),  # ISO stays ISO
    ],
)
def test_dayfirst(tmp_path, value, dayfirst, expected):
    write(tmp_path, {"a.txt": f"---\npublished: {value}\n---\nTitle\n\nBody.\n"})
    articles, _ = load_articles(tmp_path, dayfirst=dayfirst)
    assert articles.published.iloc[0] == pd.Timestamp(expected)


NUMERIC_DATES = [
    (20190201, "2019-02-01"),
    (20190201151500, "2019-02-01 15:15:00"),
    (201902011515, "2019-02-01 15:15:00"),
    (1700000000, "2023-11-14 22:13:20"),
    (1700000000123, "2023-11-14 22:13:20.123"),
    (1700000000.5, "2023-11-14 22:13:20.5"),
    (2019, "2019-01-01"),
]


@pytest.mark.parametrize(("value", "expected"), NUMERIC_DATES)
@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_numeric_dates_by_shape(tmp_path, kind, value, expected):
    if kind == "jsonl":
        write(tmp_path, {"t.jsonl": json.dumps({"title": "T", "text": "B", "published": value}) + "\n"})
    elif kind == "csv":
        write(tmp_path, {"t.csv": f"title,text,published\nT,B,{value}\n"})
    else:
        pq.write_table(pa.table({"title": ["T"], "text": ["B"], "published": [value]}), tmp_path / "t.parquet")
    articles, problems = load_articles(tmp_path)
    assert problems.empty, rows(problems)
    assert articles.published.iloc[0] == pd.Timestamp(expected)
    assert articles.published_raw.iloc[0] == str(value)


@pytest.mark.parametrize("value", [99999999999, 17000000000, "1700-05-01", "2150-01-01", 21500101, -99999999999])
def test_dates_outside_1800_to_2100_are_left_empty_with_a_warning(tmp_path, value):
    write(tmp_path, {"t.jsonl": json.dumps({"title": "T", "text": "B", "published": value}) + "\n"})
    articles, problems = load_articles(tmp_path)
    assert pd.isna(articles.published.iloc[0])
    (reason,) = reasons(problems, "t.jsonl")
    assert "outside 1800-2100" in reason or "is not a date" in reason


def test_a_time_zone_is_converted_to_utc_and_the_original_kept(tmp_path):
    write(tmp_path, {"a.txt": "---\npublished: Fri, 27 Nov 2026 10:00:00 +0100\n---\nTitle\n\nBody.\n"})
    articles, _ = load_articles(tmp_path)
    assert articles.published.iloc[0] == pd.Timestamp("2026-11-27 09:00")
    assert articles.published_raw.iloc[0] == "Fri, 27 Nov 2026 10:00:00 +0100"
    schemas.validate(articles, "articles")


def test_an_unknown_time_zone_name_never_warns(tmp_path):
    write(tmp_path, {"a.txt": "---\npublished: 27 Nov 2026 10:00 XYZT\n---\nTitle\n\nBody.\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles, _ = load_articles(tmp_path)
    assert articles.published.iloc[0] == pd.Timestamp("2026-11-27 10:00")


# --------------------------------------------------------------------------- imports


def test_a_reader_that_cannot_import_is_one_row_per_page(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "a.txt": GOOD,
            "p1.html": "<html><body><p>x</p></body></html>",
            "p2.html": "<html><body><p>y</p></body></html>",
        },
    )
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` now raises ImportError
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["A good article"]
    assert [r[0] for r in rows(problems)] == ["p1.html", "p2.html"]
    assert all(r.startswith("cannot read web pages: trafilatura does not import") for r in problems.reason)


# --------------------------------------------------------------------------- HTML decoding and titles


def page(body: str, head: str = "", title: str = "Ein Hafenabkommen") -> str:
    para = (
        "<p>" + body + " Die Verhandlungen dauerten zwei Jahre und endeten am Mittwoch mit einer "
        "gemeinsamen Erklärung beider Außenministerien, wie Beamte in beiden Hauptstädten sagten.</p>"
    )
    return f"<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>{para * 3}</article></body></html>"


def test_a_utf8_page_with_stray_bytes_keeps_its_umlauts(tmp_path):
    data = page("Größere Häfen für Überseeschiffe.", '<meta charset="utf-8">').encode("utf-8")
    data = data.replace(b"Mittwoch", b"Mittwoch \xe9", 1)  # one stray Latin-1 byte
    write(tmp_path, {"p.html": data})
    articles, problems = load_articles(tmp_path)
    assert "Größere Häfen für Überseeschiffe" in articles.text.iloc[0]
    (reason,) = reasons(problems, "p.html")
    assert "declares charset utf-8" in reason and "re-save" not in reason


def test_a_page_without_charset_in_cp1252_is_detected(tmp_path):
    write(tmp_path, {"p.html": page("Größere Häfen für Überseeschiffe.").encode("cp1252")})
    articles, problems = load_articles(tmp_path)
    assert "Größere Häfen für Überseeschiffe" in articles.text.iloc[0]
    assert all("re-save" not in r for r in problems.reason)


def test_nul_bytes_in_a_page_are_not_binary(tmp_path):
    write(tmp_path, {"p.html": page("Größere\x00 Häfen.", '<meta charset="utf-8">').encode("utf-8")})
    articles, problems = load_articles(tmp_path)
    assert "Größere Häfen" in articles.text.iloc[0] and problems.empty


def test_a_text_file_still_gets_the_resave_advice_and_csv_the_reexport_advice(tmp_path):
    write(
        tmp_path,
        {"a.txt": "Caf\xe9\n\nBody\n".encode("cp1252"), "t.csv": "title,text\nCaf\xe9,Body\n".encode("cp1252")},
    )
    _, problems = load_articles(tmp_path)
    assert "re-save the file as UTF-8" in reasons(problems, "a.txt")[0]
    assert "re-export it as UTF-8" in reasons(problems, "t.csv")[0]


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Port deal agreed | Harbour Times", "", "", "Port deal agreed"),
        ("Port deal agreed - Harbour Times", "Harbour Times", "", "Port deal agreed"),
        ("Port deal agreed – BBC News", "", "https://www.bbc.co.uk/news/1", "Port deal agreed"),
        ("Port deal agreed - Harbour Times", "", "", "Port deal agreed - Harbour Times"),  # no evidence: kept
        ("Left - right - centre: a guide", "FT", "", "Left - right - centre: a guide"),
        ("Port deal agreed", "Harbour Times", "", "Port deal agreed"),
        ("Harbour Times", "Harbour Times", "", "Harbour Times"),  # never emptied
    ],
)
def test_strip_site_suffix(title, site, url, expected):
    assert strip_site_suffix(title, site, url) == expected


def test_html_titles_lose_the_site_suffix_by_default(tmp_path):
    html = page(
        "Text.", '<meta property="og:site_name" content="Harbour Times">', title="Ein Hafenabkommen | Harbour Times"
    )
    write(tmp_path, {"p.html": html, "t.jsonl": json.dumps({"title": "Kept | Harbour Times", "text": "B"}) + "\n"})
    articles, _ = load_articles(tmp_path)
    assert articles.title.tolist() == ["Ein Hafenabkommen", "Kept | Harbour Times"]
    off, _ = load_articles(tmp_path, strip_site_suffix=False)
    on, _ = load_articles(tmp_path, strip_site_suffix=True)
    assert off.title.iloc[0] == "Ein Hafenabkommen | Harbour Times" and on.title.iloc[1] == "Kept"


# --------------------------------------------------------------------------- smaller items


def test_the_newsapi_truncation_marker_is_removed_and_reported(tmp_path):
    item = {"title": "Port deal", "content": "Ministers agreed a port deal on Wednesday after… [+1210 chars]"}
    write(tmp_path, {"n.json": json.dumps({"status": "ok", "articles": [item]})})
    articles, problems = load_articles(tmp_path)
    assert articles.text.iloc[0] == "Port deal\n\nMinisters agreed a port deal on Wednesday after"
    (reason,) = reasons(problems, "n.json")
    assert "cut short by its source" in reason and "[+1210 chars]" in reason


def test_a_txt_without_a_title_line_gets_its_title_from_the_file_name(tmp_path):
    first = "The ministers met on Wednesday and agreed a new port deal after two years of talks. " * 5
    write(tmp_path, {"news/port-deal_agreed.txt": first + "\n\nSecond paragraph.\n", "ok.txt": GOOD})
    articles, problems = load_articles(tmp_path)
    row = articles.set_index("path").loc["news/port-deal_agreed.txt"]
    assert row.title == "port deal agreed" and row.text.startswith("port deal agreed\n\nThe ministers met")
    (reason,) = reasons(problems, "news/port-deal_agreed.txt")
    assert "title taken from the file name" in reason
    assert articles.set_index("path").loc["ok.txt"].title == "A good article"


@pytest.mark.parametrize(
    ("line", "is_body"),
    [
        ("Ministers agree port deal", False),
        ("Is this the end of the euro as we know it, and what would come after it for the rest of Europe?", False),
        ("x" * 201, True),
        (
            "The ministers met on Wednesday and agreed a new port deal after two years of long and difficult talks.",
            True,
        ),
    ],
)
def test_the_title_rule(line, is_body):
    assert cleanup.reads_like_body(line) is is_body


def test_duplicates_suggest_the_cli_flag(tmp_path):
    write(tmp_path, {"a.txt": GOOD, "b.txt": GOOD})
    _, problems = load_articles(tmp_path)
    assert "--drop-duplicates" in reasons(problems, "b.txt")[0]


def test_load_corpus_digest_follows_the_bytes(tmp_path):
    write(tmp_path, {"a.txt": GOOD})
    before = load_corpus(tmp_path).digest
    assert load_corpus(tmp_path).digest == before
    write(tmp_path, {"a.txt": GOOD + "More.\n"})
    assert load_corpus(tmp_path).digest != before


# --------------------------------------------------------------------------- any folder: articles + problems cover every file


def _broken_json(draw_data: bytes) -> bytes:
    doc = json.dumps([{"title": "T", "text": "Body \u00e9", "published": 20190201}] * 2).encode()
    return doc[: len(draw_data) % (len(doc) + 1)]


CONTENTS = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=60).map(_broken_json),
    st.text(alphabet=st.sampled_from(list('ab,;"\n\r\t x')), max_size=200).map(lambda t: ("title,text\n" + t).encode()),
    st.text(max_size=200).map(
        lambda t: f"<html><head><title>{t}</title></head><body><p>{t}</p>".encode("utf-8", "surrogatepass")
    ),
    st.just(b""),
    st.integers(1, 4).map(lambda n: ("Big\n\n" + "word " * 60_000 * n).encode()),
    st.sampled_from(
        [
            b"\x00" * 50,
            b"\xef\xbb\xbf",
            b"\xff\xfe\x00",
            b"---\n",
            b"---\ntext: x\n---\n",
            b'{"a": "\\ud800"}',
            b"[" * 5000,
        ]
    ),
    st.sampled_from(["fifo", "/dev/zero", "/dev/null"]),  # not regular files: a FIFO, links to devices
)
NAMES = st.tuples(
    st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), max_size=10),
    st.booleans(),
    st.sampled_from([".txt", ".json", ".jsonl", ".csv", ".tsv", ".parquet", ".html", ".htm", ".pdf", "", ".TXT"]),
    st.sampled_from(["", "sub/", "sub/deeper/"]),
)


@settings(max_examples=int(os.environ.get("LOADER_EXAMPLES", 40)), deadline=None)
@given(st.lists(st.tuples(NAMES, CONTENTS), min_size=1, max_size=6, unique_by=lambda item: item[0]))
def test_any_folder_of_random_files_loads_or_reports_every_file(files):
    """Every file (FIFOs and device links included) ends as an article or a problem; nothing hangs or raises."""
    root = Path(tempfile.mkdtemp(prefix="analysis-random-"))
    try:
        expected = set()
        for (stem, bad_byte, suffix, folder), content in files:
            name = os.fsencode("f" + stem) + (b"\xff" if bad_byte else b"") + os.fsencode(suffix)
            (root / folder).mkdir(parents=True, exist_ok=True)
            path = os.path.join(os.fsencode(root / folder), name)
            if content == "fifo":
                os.mkfifo(path)
            elif isinstance(content, str):
                os.symlink(content, path)
            else:
                with open(path, "wb") as handle:
                    handle.write(content)
            shown = (os.fsencode(folder) + name).decode("utf-8", "replace")
            skipped = (
                shown.endswith("~")
                or corpus_files.DOC_NAME.fullmatch(Path(shown).stem)  # as documented
                or Path(shown).suffix.lower() in corpus_files.ASSET_SUFFIXES
            )
            if not skipped:
                expected.add(shown)
        try:
            articles, problems = load_articles(root)
        except load.CorpusError as error:  # nothing loaded: every file is a problem
            articles = schemas.empty("articles")
            problems = error.problems if error.problems is not None else schemas.empty("problems")
        schemas.validate(articles, "articles")
        schemas.validate(problems, "problems")
        assert expected <= set(articles.path) | set(problems.path)
        assert not any("please report" in reason for reason in problems.reason), "a failure the loader did not expect"
        normalise_extra_columns(articles).to_parquet(root.with_name(root.name + ".parquet"))  # no surrogate left
    finally:
        shutil.rmtree(root, ignore_errors=True)
        root.with_name(root.name + ".parquet").unlink(missing_ok=True)


def test_a_page_with_an_unknown_time_zone_name_does_not_warn(tmp_path):
    html = page("Text.", head="", title="Hafen").replace(
        "<article>", '<article><time datetime="2015-01-05 10:00 EST">5 January</time>'
    )
    write(tmp_path, {"p.html": html})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles, _ = load_articles(tmp_path)
    assert articles.published.iloc[0] == pd.Timestamp("2015-01-05")


def test_without_charset_normalizer_an_undeclared_page_falls_back_to_cp1252(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)
    write(tmp_path, {"p.html": page("Größere Häfen für Überseeschiffe.").encode("cp1252")})
    articles, problems = load_articles(tmp_path)
    assert "Größere Häfen für Überseeschiffe" in articles.text.iloc[0]
    assert "decoded as cp1252" in reasons(problems, "p.html")[0]


def test_published_raw_is_optional_for_frames_made_elsewhere():
    made = pd.DataFrame({c: ["x"] for c in ["doc_id", "title", "text", "source", "url", "category", "path"]})
    made["published"] = pd.NaT
    conformed = schemas.conform(made, "articles")
    assert conformed.columns.tolist() == schemas.columns("articles") and pd.isna(conformed.published_raw.iloc[0])
    schemas.validate(made, "articles")  # a frame without it is still an articles frame
