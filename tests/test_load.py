"""load.py: every input format, the clean-up rules, and bad input that must never stop a corpus."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import files as corpus_files
from analysis import load, schemas
from analysis.load import CorpusError, clean_text, load_articles
from analysis.options import OptionError

GOOD = "A good article\n\nIt has a body paragraph.\n"
HTML_PAGE = """<!doctype html><html><head><title>Port deal agreed | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2026-03-04T10:00:00+01:00"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Port deal agreed</h1>
<p>Meridia and Norway agreed a new port security deal on Wednesday after two years of talks between their
foreign ministries, officials in both capitals said in a joint statement released in the afternoon.</p>
<p>"This is a good day for both countries," said Foreign Minister Ana Ruiz, who led the delegation and
thanked the negotiators for their patience during the long and often difficult talks.</p>
</article><footer>Scroll to Top</footer></body></html>"""


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``root``; text is written as UTF-8."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def problem_rows(problems: pd.DataFrame) -> list[tuple]:
    return [(r.path, None if pd.isna(r.line) else int(r.line), r.severity, r.reason) for r in problems.itertuples()]


# --------------------------------------------------------------------------- formats


def _parquet(tmp_path: Path) -> bytes:
    frame = pd.DataFrame({"headline": ["Parquet title"], "content": ["Parquet body."], "date": ["2026-01-02"]})
    target = tmp_path / "_frame.parquet"
    frame.to_parquet(target)
    data = target.read_bytes()
    target.unlink()
    return data


FORMATS = [
    # name, file name, content, expected (doc_id, title, text, published, category)
    (
        "txt",
        "news/a.txt",
        "Title line\n\nFirst paragraph.\n\nSecond paragraph.\n",
        ("news/a", "Title line", "Title line\n\nFirst paragraph.\n\nSecond paragraph.", None, "news"),
    ),
    (
        "txt front matter",
        "a.txt",
        "---\npublished: 2026-01-05\nsource: Daily Ledger\nurl: https://x.example/a\n---\nTitle\nBody.\n",
        ("a", "Title", "Title\n\nBody.", "2026-01-05", ""),
    ),
    (
        "jsonl",
        "wire.jsonl",
        '{"headline": "J title", "body": "J body.", "date": "27 November 2026"}\n',
        ("wire:1", "J title", "J title\n\nJ body.", "2026-11-27", ""),
    ),
    (
        "json list",
        "x/list.json",
        json.dumps([{"title": "L title", "text": "L body.", "published": "2026-02-01"}]),
        ("x/list:1", "L title", "L title\n\nL body.", "2026-02-01", "x"),
    ),
    (
        "json object with a list",
        "obj.json",
        json.dumps({"meta": {"n": 1}, "articles": [{"title": "O title", "content": "O body."}]}),
        ("obj:1", "O title", "O title\n\nO body.", None, ""),
    ),
    (
        "csv",
        "t.csv",
        'id,headline,story,pubdate\n,C title,"C body, with a comma.",2026-03-01\n',
        ("t:1", "C title", "C title\n\nC body, with a comma.", "2026-03-01", ""),
    ),
    ("tsv", "t.tsv", "title\ttext\nT title\tT body.\n", ("t:1", "T title", "T title\n\nT body.", None, "")),
    (
        "csv without a title column",
        "t.csv",
        'text\n"First line is the title\nThen the body."\n',
        ("t:1", "First line is the title", "First line is the title\n\nThen the body.", None, ""),
    ),
    ("parquet", "p.parquet", _parquet, ("p:1", "Parquet title", "Parquet title\n\nParquet body.", "2026-01-02", "")),
    ("html", "web/page.html", HTML_PAGE, ("web/page", "Port deal agreed", None, "2026-03-04", "web")),
]


@pytest.mark.parametrize(("name", "rel", "content", "expected"), FORMATS, ids=[f[0] for f in FORMATS])
def test_each_format_loads_one_article(tmp_path, name, rel, content, expected):
    if callable(content):
        content = content(tmp_path)
    write(tmp_path, {rel: content})
    articles, problems = load_articles(tmp_path)
    schemas.validate(articles, "articles")
    schemas.validate(problems, "problems")
    assert problems.empty, problem_rows(problems)
    doc_id, title, text, published, category = expected
    row = articles.iloc[0]
    assert len(articles) == 1
    assert (row.doc_id, row.title, row.category, row.path) == (doc_id, title, category, rel)
    if text is not None:
        assert row.text == text
    assert row.text.startswith(title + "\n\n")
    if published is None:
        assert pd.isna(row.published)
    else:
        assert row.published.date() == pd.Timestamp(published).date()


def test_a_single_file_loads_like_a_folder(tmp_path):
    write(tmp_path, {"deep/er/one.txt": GOOD})
    articles, _ = load_articles(tmp_path / "deep" / "er" / "one.txt")
    assert articles.loc[0, ["doc_id", "category", "path"]].tolist() == ["one", "", "one.txt"]


def test_html_metadata_and_paragraphs(tmp_path):
    write(tmp_path, {"page.htm": HTML_PAGE})
    articles, _ = load_articles(tmp_path)
    row = articles.iloc[0]
    assert row.source == "Harbour Times"
    assert row.published == pd.Timestamp("2026-03-04")
    body = row.text.split("\n\n")
    assert body[0] == "Port deal agreed" and len(body) == 3, "title, then two paragraphs"
    assert body[2].startswith('"This is a good day')
    assert "Scroll to Top" not in row.text and "Home" not in body[0]


def test_json_and_csv_keep_extra_columns_after_the_schema(tmp_path):
    rows = [
        {"id": "w1", "title": "A", "text": "Body a.", "topics": "trade;ports", "words": 2},
        {"id": "w2", "title": "B", "text": "Body b.", "topics": "", "path": "orig/b"},
    ]
    write(tmp_path, {"w.jsonl": "".join(json.dumps(r) + "\n" for r in rows)})
    articles, problems = load_articles(tmp_path)
    assert problems.empty
    assert list(articles.columns) == schemas.columns("articles") + ["topics", "words", "input_path"]
    assert articles.doc_id.tolist() == ["w1", "w2"]
    assert articles.topics.tolist() == ["trade;ports", ""]
    assert articles.path.tolist() == ["w.jsonl", "w.jsonl"]
    assert articles.input_path.isna().tolist() == [True, False]


@pytest.mark.parametrize(
    ("columns", "expected_title", "expected_published"),
    [
        (None, "Head", "2026-01-01"),  # guesses: headline, body, date
        ({"title": "kicker", "text": "body"}, "Kick", "2026-01-01"),
        ({"published": None}, "Head", None),  # None stops the guess
        ({"published": "other_date"}, "Head", "2026-05-05"),
    ],
)
def test_column_mapping_and_guesses(tmp_path, columns, expected_title, expected_published):
    row = {"headline": "Head", "kicker": "Kick", "body": "The body.", "date": "2026-01-01", "other_date": "2026-05-05"}
    write(tmp_path, {"m.jsonl": json.dumps(row) + "\n"})
    articles, _ = load_articles(tmp_path, columns=columns)
    assert articles.loc[0, "title"] == expected_title
    if expected_published is None:
        assert pd.isna(articles.loc[0, "published"])
        assert articles.loc[0, "date"] == "2026-01-01", "an unused column is kept as an extra"
    else:
        assert articles.loc[0, "published"] == pd.Timestamp(expected_published)


def test_a_mapped_column_missing_from_a_file_is_an_error_row(tmp_path):
    write(tmp_path, {"a.csv": "title,text\nT,Body.\n", "b.txt": GOOD})
    articles, problems = load_articles(tmp_path, columns={"text": "story"})
    assert articles.path.tolist() == ["b.txt"]
    [(path, line, severity, reason)] = problem_rows(problems)
    assert (path, line, severity) == ("a.csv", None, "error")
    assert "'story'" in reason and "title, text" in reason


def test_a_bad_columns_key_is_refused(tmp_path):
    write(tmp_path, {"a.txt": GOOD})
    with pytest.raises(OptionError, match="'body'"):
        load_articles(tmp_path, columns={"body": "text"})


def test_a_body_repeating_the_title_loses_that_line(tmp_path):
    write(tmp_path, {"r.jsonl": json.dumps({"title": "Same", "text": "Same\n\nThe body."}) + "\n"})
    articles, _ = load_articles(tmp_path)
    assert articles.loc[0, "text"] == "Same\n\nThe body."


def test_repeated_ids_are_made_unique_with_a_warning(tmp_path):
    rows = [{"id": "x", "text": f"Title {i}\nBody {i}."} for i in range(3)]
    write(tmp_path, {"r.jsonl": "".join(json.dumps(r) + "\n" for r in rows)})
    articles, problems = load_articles(tmp_path)
    assert articles.doc_id.tolist() == ["x", "x~2", "x~3"]
    assert problems.line.tolist() == [2, 3]
    assert problems.reason.str.contains("renamed to 'x~").all()


# --------------------------------------------------------------------------- doc_id, category, order


def test_doc_ids_categories_and_order(tmp_path):
    write(
        tmp_path,
        {
            "z.txt": "Root file\nbody",
            "b/2.txt": "B two\nbody",
            "b/10.txt": "B ten\nbody",
            "a/deep/nested/x.txt": "Nested\nbody",
            "a/same.txt": "Text version\nbody",
            "a/same.html": HTML_PAGE,
        },
    )
    articles, problems = load_articles(tmp_path)
    assert problems.empty
    assert articles.doc_id.tolist() == ["a/deep/nested/x", "a/same", "a/same.txt", "b/10", "b/2", "z"]
    assert articles.category.tolist() == ["a", "a", "a", "b", "b", ""]
    assert articles.path.tolist()[1:3] == ["a/same.html", "a/same.txt"]
    assert articles.doc_id.is_unique


# --------------------------------------------------------------------------- clean-up


CLEANING = [
    ("nfc", "Cafe\u0301 owner\nsays", "Café owner\nsays"),
    ("bom", "\ufeffTitle\nBody", "Title\nBody"),
    ("crlf and cr", "Title\r\n\r\nOne\rTwo", "Title\n\nOne\nTwo"),
    ("spaces and tabs", "A  title\t\there\nbody \u00a0 text", "A title here\nbody text"),
    ("lines stripped", "  Title  \n   Body   ", "Title\nBody"),
    ("one blank line at most", "\n\n\nTitle\n\n\n\nBody\n\n\n", "Title\n\nBody"),
    ("control characters", "Ti\x03tle\x0b\nBo\x7fdy", "Title\nBody"),
    ("boilerplate lines", "Title\n\nAdvertisement\n\nBody\nShare this article\nScroll to Top", "Title\n\nBody"),
    ("boilerplate case and punctuation", "Title\nREAD MORE »\n> Read more...\nBody", "Title\nBody"),
    (
        "follow us and subscribe",
        "Title\nFollow us on Instagram @paper\nClick here to subscribe for 1 euro\nBody",
        "Title\nBody",
    ),
    ("cookie notice", "Title\nWe use cookies to improve your experience. Accept?\nBody", "Title\nBody"),
    (
        "sentences that mention the words stay",
        "Title\nThe advertisement was banned, he said. Read more in our report.\nShe said we use cookies too.",
        "Title\nThe advertisement was banned, he said. Read more in our report.\nShe said we use cookies too.",
    ),
]


@pytest.mark.parametrize(("name", "raw", "expected"), CLEANING, ids=[c[0] for c in CLEANING])
def test_clean_text(name, raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "extra",
    [["Sponsored by Acme"], "Sponsored by Acme", ["re:sponsored by \\w+"], "file"],
)
def test_extra_boilerplate_patterns(tmp_path, extra):
    if extra == "file":
        extra = tmp_path / "patterns.txt"
        extra.write_text("# mine\nre:sponsored by .*\n")
    write(tmp_path / "c", {"a.txt": "Title\nSponsored by Acme\nBody.\nAdvertisement\n"})
    articles, _ = load_articles(tmp_path / "c", boilerplate=extra)
    assert articles.loc[0, "text"] == "Title\n\nBody."


def test_a_bad_boilerplate_regex_is_a_one_line_error(tmp_path):
    write(tmp_path, {"a.txt": GOOD})
    with pytest.raises(ValueError, match="not a valid regular expression") as info:
        load_articles(tmp_path, boilerplate=["re:(unclosed"])
    assert "\n" not in str(info.value)


def test_the_shipped_boilerplate_list_has_the_required_patterns():
    listed = (Path(load.__file__).parent / "resources" / "boilerplate.txt").read_text().lower()
    for phrase in [
        "scroll to top",
        "advertisement",
        "share this article",
        "click here to subscribe",
        "cookies",
        "read more",
        "follow us on",
    ]:
        assert phrase in listed


# --------------------------------------------------------------------------- front matter


def test_front_matter_fills_metadata_and_extra_columns(tmp_path):
    write(
        tmp_path,
        {
            "sport/a.txt": (
                '---\ntitle: "Front title"\ndate: 27 November 2026\nsource: Northern Wire\n'
                "category: football\nauthor: J. Smith\n---\n\nBody line one.\n\nBody line two.\n"
            )
        },
    )
    articles, problems = load_articles(tmp_path)
    row = articles.iloc[0]
    assert problems.empty
    assert (row.title, row.source, row.category) == ("Front title", "Northern Wire", "football")
    assert row.author == "J. Smith"
    assert row.text == "Front title\n\nBody line one.\n\nBody line two."
    assert row.published == pd.Timestamp("2026-11-27")


def test_unclosed_front_matter_is_read_as_text_with_a_warning(tmp_path):
    write(tmp_path, {"a.txt": "---\nsource: X\nTitle\nBody\n"})
    articles, problems = load_articles(tmp_path)
    assert articles.loc[0, "title"] == "---"
    assert problem_rows(problems) == [("a.txt", 1, "warning", problems.reason[0])]
    assert "no closing" in problems.reason[0]


# --------------------------------------------------------------------------- dates


DATES = [
    ("2026-03-04", "2026-03-04 00:00"),
    ("2026-03-04T10:30:00Z", "2026-03-04 10:30"),
    ("2026-03-04T10:30:00+02:00", "2026-03-04 08:30"),  # to UTC
    ("27 November 2026", "2026-11-27 00:00"),
    ("November 27, 2026 5:00 PM", "2026-11-27 17:00"),
    ("Fri, 27 Nov 2026 10:00:00 +0100", "2026-11-27 09:00"),
    ("26-FEB-1987 15:01:01.79", "1987-02-26 15:01:01.79"),
    (1772582400, "2026-03-04 00:00"),  # Unix seconds
    ("", None),  # missing is not a problem
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_published_is_parsed_leniently(tmp_path, value, expected):
    write(tmp_path, {"d.jsonl": json.dumps({"title": "T", "text": "Body.", "published": value}) + "\n"})
    articles, problems = load_articles(tmp_path)
    assert problems.empty
    got = articles.loc[0, "published"]
    assert pd.isna(got) if expected is None else got == pd.Timestamp(expected)


@pytest.mark.parametrize("value", ["next Tuesday", "32/13/2026", "Tuesday 5th", "99999-01-01"])
def test_an_unparseable_date_is_nat_and_a_warning(tmp_path, value):
    write(tmp_path, {"a.txt": f"---\nsource: S\npublished: {value}\n---\nTitle\nBody\n"})
    articles, problems = load_articles(tmp_path)
    assert pd.isna(articles.loc[0, "published"])
    [(path, line, severity, reason)] = problem_rows(problems)
    assert (path, line, severity) == ("a.txt", 3, "warning")
    assert value in reason and "not a date" in reason


# --------------------------------------------------------------------------- bad input


BAD_INPUT = [
    # name, {file: content}, expected problem rows (path, line, severity, reason part), articles from the files
    ("empty file", {"e.txt": b""}, [("e.txt", None, "error", "empty file")], 0),
    ("whitespace only", {"w.txt": " \n\t\r\n  \n"}, [("w.txt", None, "error", "only whitespace")], 0),
    (
        "only boilerplate",
        {"b.txt": "Advertisement\nScroll to Top\n"},
        [("b.txt", None, "error", "only boilerplate")],
        0,
    ),
    (
        "binary with NUL bytes",
        {"bin.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        [("bin.txt", None, "error", "binary file (NUL byte at offset 8)")],
        0,
    ),
    (
        "bytes that are no encoding",
        {"x.txt": b"Title\n" + bytes(range(0x80, 0xA0)) * 4},
        [("x.txt", None, "error", "byte 0x81 at offset 7")],
        0,
    ),
    (
        "cp1252 fallback",
        {"c.txt": "Café “quoted”\nsecond line £5\n".encode("cp1252")},
        [("c.txt", 1, "warning", "not valid UTF-8 (byte 0xE9 at offset 3); read as cp1252")],
        1,
    ),
    (
        "latin-1 byte on a later line",
        {"l.txt": b"Title\n\nIt cost \xa35 million.\n"},
        [("l.txt", 3, "warning", "byte 0xA3 at offset 15")],
        1,
    ),
    ("utf-8 with BOM is fine", {"bom.txt": "\ufeffTitle\nBody".encode()}, [], 1),
    ("utf-16 with BOM is fine", {"u16.txt": "Title\nBody ünïcode".encode("utf-16")}, [], 1),
    ("title only", {"t.txt": "Just a headline\n\n"}, [("t.txt", None, "warning", "title only")], 1),
    (
        "malformed JSON line",
        {"m.jsonl": '{"text": "One\\nbody"}\n{"text": "Two\n{"text": "Three\\nbody"}\n'},
        [("m.jsonl", 2, "error", "malformed JSON")],
        2,
    ),
    (
        "a JSON line that is not an object",
        {"n.jsonl": '["a list"]\n{"text": "Ok\\nbody"}\n'},
        [("n.jsonl", 1, "error", "not an object")],
        1,
    ),
    ("malformed JSON file", {"m.json": '[{"text": "a"},\n {"text": }]'}, [("m.json", 2, "error", "malformed JSON")], 0),
    ("JSON without articles", {"n.json": '{"count": 3}'}, [("n.json", None, "error", "no list of article")], 0),
    (
        "CSV row without text",
        {"r.csv": 'title,text\nOne,Body one.\n,\nThree,Body three.\n" ","  "\n'},
        [("r.csv", 2, "error", "row has no text"), ("r.csv", 4, "error", "row has no text")],
        2,
    ),
    (
        "CSV row with too many fields",
        {"f.csv": "title,text\nOne,Body,extra\nTwo,Body two\n"},
        [("f.csv", 1, "error", "3 fields but the header has 2")],
        1,
    ),
    ("CSV title without text", {"h.csv": "title,text\nOnly a title,\n"}, [("h.csv", 1, "warning", "title only")], 1),
    ("CSV without a text column", {"k.csv": "a,b\n1,2\n"}, [("k.csv", None, "error", "no text column")], 0),
    (
        "HTML without article text",
        {"p.html": "<html><body><script>var x = 1;</script><img src='a.png'></body></html>"},
        [("p.html", None, "error", "trafilatura found no article text")],
        0,
    ),
    (
        "unsupported type",
        {"scan.pdf": b"%PDF-1.4", "notes": "no suffix"},
        [
            ("notes", None, "error", "unsupported file type without a suffix"),
            ("scan.pdf", None, "error", "unsupported file type '.pdf'"),
        ],
        0,
    ),
    (
        "documentation and hidden files are skipped silently",
        {
            "README.md": "# About",
            "LICENSE": "MIT",
            "DATASET_README": "x",
            ".hidden.txt": GOOD,
            ".git/x.txt": GOOD,
            "a.txt~": GOOD,
            "img/logo.png": b"\x89PNG\x00",
        },
        [],
        0,
    ),
]


@pytest.mark.parametrize(("name", "files", "expected", "loaded"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_becomes_a_problem_row_and_the_rest_loads(tmp_path, name, files, expected, loaded):
    write(tmp_path, {"zz_good.txt": GOOD, **files})
    articles, problems = load_articles(tmp_path)
    got = problem_rows(problems)
    assert [(p, line, s) for p, line, s, _ in got] == [(p, line, s) for p, line, s, _ in expected], got
    for (_, _, _, reason), (_, _, _, part) in zip(got, expected):
        assert part in reason
        assert "\n" not in reason
    assert (articles.path != "zz_good.txt").sum() == loaded
    assert "zz_good.txt" in articles.path.tolist()


def test_cp1252_text_is_read_correctly(tmp_path):
    write(tmp_path, {"c.txt": "Café “quoted” – €5\nBody".encode("cp1252")})
    articles, _ = load_articles(tmp_path)
    assert articles.loc[0, "title"] == "Café “quoted” – €5"


def test_an_unreadable_file_is_an_error_row(tmp_path, monkeypatch):
    write(tmp_path, {"a.txt": GOOD, "locked.txt": GOOD.replace("good", "locked")})
    real = corpus_files.read_bytes

    def refuse(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(corpus_files, "read_bytes", refuse)
    articles, problems = load_articles(tmp_path)
    assert articles.path.tolist() == ["a.txt"]
    assert problem_rows(problems) == [
        ("locked.txt", None, "error", "cannot read file (Permission denied); check that it exists and you may read it")
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_broken_link_is_an_error_row(tmp_path):
    write(tmp_path, {"a.txt": GOOD})
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, problems = load_articles(tmp_path)
    assert len(articles) == 1
    assert problem_rows(problems)[0][:3] == ("gone.txt", None, "error")


# --------------------------------------------------------------------------- duplicates


@pytest.mark.parametrize(
    ("drop", "paths", "verb"), [(False, ["a.txt", "b.txt", "c.txt"], "kept"), (True, ["a.txt", "c.txt"], "dropped")]
)
def test_exact_duplicates_are_flagged_and_dropped_on_request(tmp_path, drop, paths, verb):
    # b differs from a only in what clean-up removes, so it is the same article
    write(
        tmp_path,
        {"a.txt": GOOD, "b.txt": "\ufeff" + GOOD.replace("\n", "\r\n").replace(" ", "  "), "c.txt": "Another\nbody"},
    )
    articles, problems = load_articles(tmp_path, drop_duplicates=drop)
    assert articles.path.tolist() == paths
    [(path, line, severity, reason)] = problem_rows(problems)
    assert (path, line, severity) == ("b.txt", None, "warning")
    assert "exact duplicate of 'a'" in reason and verb in reason


def test_a_duplicate_row_names_its_line(tmp_path):
    write(tmp_path, {"a.txt": GOOD, "w.jsonl": json.dumps({"text": GOOD}) + "\n"})
    _, problems = load_articles(tmp_path)
    assert problem_rows(problems)[0][:2] == ("w.jsonl", 1)


def test_same_title_different_body_is_not_a_duplicate(tmp_path):
    write(tmp_path, {"a.txt": "Same title\nBody one.", "b.txt": "Same title\nBody two."})
    _, problems = load_articles(tmp_path)
    assert problems.empty


# --------------------------------------------------------------------------- corpus errors


@pytest.mark.parametrize(
    ("files", "target", "message"),
    [
        ({}, "missing", "does not exist"),
        ({}, ".", "holds no article files"),
        ({"README.md": "# docs"}, ".", "holds no article files"),
        ({"a.txt": b"", "b.txt": b"\x00\x01"}, ".", "no articles could be loaded"),
        ({"a.docx": b"PK"}, "a.docx", "unsupported file type '.docx'"),
        ({"a.txt": "  \n"}, "a.txt", "only whitespace"),
    ],
)
def test_no_articles_is_a_one_line_corpus_error(tmp_path, files, target, message):
    write(tmp_path, files)
    with pytest.raises(CorpusError, match=message) as info:
        load_articles(tmp_path / target)
    assert isinstance(info.value, ValueError)
    assert "\n" not in str(info.value)
    assert "; " in str(info.value), "says what to do"


def test_relative_paths_resolve_against_the_project_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    articles, _ = load_articles("data/sample")
    assert len(articles) > 20


def _clean_by_regex(text: str) -> str:
    """The clean-up as it was written first (a regex collapses horizontal whitespace before NFC):
    the reference the faster per-line split must equal."""
    import unicodedata

    from analysis.cleanup import boilerplate_matcher, no_surrogates, read_patterns

    drop_line = boilerplate_matcher(tuple(read_patterns(None)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[^\S\n]+", " ", re.sub(r"[\x00-\x08\x0e-\x1b\x7f\ufeff]", "", text))
    text = unicodedata.normalize("NFC", no_surrogates(text))
    lines: list[str] = []
    blank = True
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if not blank:
                lines.append("")
                blank = True
        elif not drop_line(line):
            lines.append(line)
            blank = False
    if lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


_SPACES = "\t\n\r \x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2001\u2028\u3000"


# pieces, not characters: "e" + a combining accent, and a Hangul syllable in two parts, compose under NFC
_PIECES = [*_SPACES, "a", "\xe9", "e\u0301", "\u0301", "\u1100\u1161", "\x01"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_clean_text_collapses_whitespace_as_the_regex_did(text):
    assert clean_text(text) == _clean_by_regex(text)


def test_str_split_whitespace_is_the_regex_whitespace_and_nfc_keeps_it():
    # what clean relies on to collapse whitespace per line, after NFC, with str.split()
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    space = re.compile(r"\s")
    assert [c for c in chars if c.isspace() != bool(space.match(c))] == []
    import unicodedata

    changed = [c for c in chars if unicodedata.normalize("NFC", c) != c]
    assert [c for c in changed if c.isspace() != any(n.isspace() for n in unicodedata.normalize("NFC", c))] == []


# --------------------------------------------------------------------------- property


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=80
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    contents=st.lists(
        _TEXT.filter(lambda t: clean_text(t) and not t.lstrip("\ufeff").startswith("---")), min_size=1, max_size=8
    ),
    folders=st.lists(st.sampled_from(["", "a/", "b/c/"]), min_size=8, max_size=8),
)
def test_loading_never_drops_a_readable_file(tmp_path_factory, contents, folders):
    root = tmp_path_factory.mktemp("prop")
    files = {f"{folders[i]}{i:02d}.txt": text for i, text in enumerate(contents)}
    write(root, files)
    articles, problems = load_articles(root)
    assert len(articles) == len(contents)
    assert set(articles.path) == set(files)
    assert set(problems.severity) <= {"warning"}
    for path, text in zip(articles.path, articles.text):
        assert text.replace("\n\n", "\n") == clean_text(files[path]).replace("\n\n", "\n")


# --------------------------------------------------------------------------- the sample corpus


def test_sample_corpus_loads_with_its_deliberate_problems(sample_corpus):
    articles, problems = load_articles(sample_corpus)
    schemas.validate(articles, "articles")
    assert len(articles) == 34
    assert articles.doc_id.is_unique
    assert articles.category.value_counts().to_dict() == {
        "diplomacy": 9,
        "elections": 8,
        "business": 7,
        "technology": 5,
        "sport": 5,
    }
    assert set(articles.source) == {"Harbour Times", "Daily Ledger", "Northern Wire", "Coastal Courier"}
    assert articles.published.notna().all()
    assert articles.published.min() >= pd.Timestamp("2026-01-01")
    assert articles.published.max() < pd.Timestamp("2026-04-01")
    assert "README" not in " ".join(articles.path)
    assert [(p, s, r.split(" (")[0].split(":")[0]) for p, _, s, r in problem_rows(problems)] == [
        ("business/cafe-chain-expansion.txt", "warning", "not valid UTF-8"),
        ("sport/derby-live.txt", "warning", "title only"),
    ]
    text = articles.set_index("doc_id").text
    assert "café" in text["business/cafe-chain-expansion"] and "\u201c" in text["business/cafe-chain-expansion"]
    assert "\r" not in "".join(text)
    footer = text["technology/telecom-data-fine"]
    for line in ["Advertisement", "Share this article", "Scroll to Top", "Follow us on", "subscribe"]:
        assert line not in footer
    assert footer.endswith("until the end of June.")
    assert text["sport/derby-live"] == "Kestrel United v Harbour City: live updates from the derby"
    assert text["nw-0224-un"].startswith("UN Security Council")


def test_sample_articles_are_short_news(sample_corpus):
    articles, _ = load_articles(sample_corpus)
    words = articles.text.str.split().str.len()
    assert ((words >= 110) & (words <= 350)).sum() == 33  # all but the title-only page


# --------------------------------------------------------------------------- BBC (shared data)


@pytest.mark.shared
def test_bbc_loads_every_article_with_exactly_the_real_problems(shared_data):
    root = shared_data / "bbc_news"
    first_copy: dict[bytes, str] = {}
    expected = []
    for path in sorted(root.glob("*/*.txt")):
        digest = hashlib.sha1(path.read_bytes()).digest()
        rel = path.relative_to(root).as_posix()
        if digest in first_copy:
            expected.append((rel, first_copy[digest]))
        else:
            first_copy[digest] = rel[:-4]
    assert len(expected) == 98  # the dataset's README: 98 texts appear in more than one file

    articles, problems = load_articles(root)
    assert len(articles) == 2225
    assert articles.doc_id.is_unique
    assert articles.category.value_counts().to_dict() == {
        "sport": 511,
        "business": 510,
        "politics": 417,
        "tech": 401,
        "entertainment": 386,
    }
    assert set(problems.severity) == {"warning"}
    encoding = problems[~problems.reason.str.match("exact duplicate|same body|near duplicate")]
    assert problem_rows(encoding) == [("sport/199.txt", encoding.line.iloc[0], "warning", encoding.reason.iloc[0])]
    assert "byte 0xA3" in encoding.reason.iloc[0] and "cp1252" in encoding.reason.iloc[0]
    duplicates = problems[problems.reason.str.startswith("exact duplicate")]
    got = [(r.path, r.reason.split("'")[1]) for r in duplicates.itertuples()]
    assert sorted(got) == sorted(expected)
    assert "£" in articles.set_index("path").text["sport/199.txt"]

    kept, dropped = load_articles(root, drop_duplicates=True)
    same_story = problems.reason.str.match("same body|near duplicate").sum()  # analysis.duplicates
    assert len(kept) == 2225 - 98 - same_story
    assert len(dropped) == len(problems)
