"""The reader registry behind load.py: one function per format, registered by suffix, and the shared
title/body rule; plus the shape of the loader's modules (no cycles, no private imports, small)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analysis import load, readers
from analysis.cleanup import title_and_body
from analysis.load import load_articles
from analysis.readers import Problem, Record, register, unregister
from analysis.readers.registry import category_of, file_stem

from test_load import problem_rows, write

PACKAGE = Path(load.__file__).parent
LOADER_MODULES = [
    "load.py",
    "cleanup.py",
    "files.py",
    "decoding.py",
    "dates.py",
    "columns.py",
    *(f"readers/{p.name}" for p in sorted((PACKAGE / "readers").glob("*.py"))),
]
GOOD_TEXT = "A good article\n\nIt has a body paragraph.\n"


@pytest.fixture
def story_suffix():
    """A made-up format registered for one test and forgotten after it."""
    yield ".story"
    unregister(".story")


def _story_reader(source, options):
    """``.story``: each line ``title|body`` is one article; a line without ``|`` is a problem."""
    for number, line in enumerate(source.content.splitlines(), start=1):
        title, bar, body = line.partition("|")
        if not bar:
            yield Problem(source.rel, number, "error", "no '|' in this line")
            continue
        yield Record(
            doc_id=f"{file_stem(source.rel)}:{number}",
            title=title,
            body=body,
            published=None,
            source="",
            url="",
            category=category_of(source.rel),
            path=source.rel,
            line=number,
            date_line=number,
        )


def test_a_new_format_is_one_registered_function(tmp_path, story_suffix):
    register(story_suffix)(_story_reader)
    write(tmp_path, {"desk/a.story": "One|First body.\nbroken line\nTwo|Second body.\n", "b.txt": "Plain\n\nBody.\n"})
    articles, problems = load_articles(tmp_path)
    assert articles[["doc_id", "title", "text", "category"]].values.tolist() == [
        ["b", "Plain", "Plain\n\nBody.", ""],
        ["desk/a:1", "One", "One\n\nFirst body.", "desk"],
        ["desk/a:3", "Two", "Two\n\nSecond body.", "desk"],
    ]
    assert problem_rows(problems) == [("desk/a.story", 2, "error", "no '|' in this line")]
    assert ".story" in readers.supported_suffixes()


def test_an_unregistered_suffix_is_unsupported_and_the_message_lists_what_is_registered(tmp_path, story_suffix):
    register(story_suffix)(_story_reader)
    unregister(story_suffix)
    write(tmp_path, {"a.story": "One|Body.\n", "b.txt": GOOD_TEXT})
    _, problems = load_articles(tmp_path)
    [(path, line, severity, reason)] = problem_rows(problems)
    assert (path, severity) == ("a.story", "error")
    assert reason.startswith("unsupported file type '.story'; convert it to one of .txt, .jsonl,")
    assert ".story" not in reason.split("convert it to one of ")[1]


def test_the_built_in_suffixes_keep_their_order_in_messages():
    assert load.SUPPORTED_SUFFIXES == (
        ".txt",
        ".jsonl",
        ".ndjson",
        ".json",
        ".csv",
        ".tsv",
        ".parquet",
        ".html",
        ".htm",
        ".rss",
        ".atom",
        ".xml",
    )
    assert readers.supported_suffixes()[: len(load.SUPPORTED_SUFFIXES)] == load.SUPPORTED_SUFFIXES


@pytest.mark.parametrize(("decoding", "expected"), [("text", str), ("bytes", bytes)])
def test_a_reader_gets_text_or_bytes_as_registered(tmp_path, story_suffix, decoding, expected):
    seen = []

    def reader(source, options):
        seen.append(type(source.content))
        yield from _story_reader(source, options) if isinstance(source.content, str) else ()

    register(story_suffix, decoding=decoding)(reader)
    write(tmp_path, {"a.story": "One|Body.\n", "b.txt": GOOD_TEXT})
    load_articles(tmp_path)
    assert seen == [expected]


def test_a_reader_asking_for_the_other_kind_of_content_is_told_how_to_register():
    as_text = readers.Source(Path("a.story"), "a.story", "One|Body.\n")
    as_bytes = readers.Source(Path("a.story"), "a.story", b"One|Body.\n")
    assert as_text.text() == "One|Body.\n"
    assert as_bytes.data() == b"One|Body.\n"
    with pytest.raises(TypeError, match="a.story: the reader wants bytes but was given text; .*decoding='bytes'"):
        as_text.data()
    with pytest.raises(TypeError, match="a.story: the reader wants text but was given bytes; .*decoding='text'"):
        as_bytes.text()


def test_the_encoding_warning_carries_the_readers_advice(tmp_path, story_suffix):
    register(story_suffix, advice="save it from the newsroom tool as UTF-8")(_story_reader)
    write(tmp_path, {"a.story": "Caf\xe9|Body.\n".encode("cp1252")})
    articles, problems = load_articles(tmp_path)
    assert articles.title.tolist() == ["Café"]
    [(_, line, severity, reason)] = problem_rows(problems)
    assert (line, severity) == (1, "warning")
    assert reason.endswith("save it from the newsroom tool as UTF-8 to silence this")


def test_a_reader_that_yields_nothing_is_an_error_row(tmp_path, story_suffix):
    register(story_suffix)(lambda source, options: iter(()))
    write(tmp_path, {"a.story": "One|Body.\n", "b.txt": GOOD_TEXT})
    _, problems = load_articles(tmp_path)
    assert problem_rows(problems) == [("a.story", None, "error", "holds no rows; nothing to load")]


def test_a_reader_that_fails_half_way_leaves_no_rows_and_one_error_row(tmp_path, story_suffix):
    def reader(source, options):
        yield from _story_reader(source, options)
        raise ValueError("odd input")

    register(story_suffix)(reader)
    write(tmp_path, {"a.story": "One|Body.\nbroken\n", "b.txt": GOOD_TEXT})
    articles, problems = load_articles(tmp_path)
    assert articles.path.tolist() == ["b.txt"]
    assert problem_rows(problems) == [
        ("a.story", None, "error", "could not be read (ValueError: odd input); nothing loaded, please report this file")
    ]


@pytest.mark.parametrize(
    ("suffixes", "options", "message"),
    [
        ((".txt",), {}, ".txt is read by analysis.readers.text.read_text already"),
        (("story",), {}, "suffix 'story' must be lower case and start with a dot"),
        ((".Story",), {}, "suffix '.Story' must be lower case and start with a dot"),
        (
            (".story",),
            {"decoding": "test"},
            "decoding='test' is not valid; choose one of 'text', 'html', 'bytes'. Did you mean 'text'?",
        ),
    ],
)
def test_a_bad_registration_is_refused(suffixes, options, message, story_suffix):
    with pytest.raises(ValueError, match=re.escape(message)):
        register(*suffixes, **options)(_story_reader)
    assert readers.reader_for(".txt").read.__name__ == "read_text"
    assert readers.reader_for(".story") is None


@pytest.mark.parametrize(
    ("title", "text", "file_name", "expected"),
    [
        ("", "Port deal\n\nMinisters met.", None, ("Port deal", "Ministers met.", None)),
        ("Port deal", "Port deal\n\nMinisters met.", None, ("Port deal", "Ministers met.", None)),
        ("Port deal", "PORT DEAL\nMinisters met.", None, ("Port deal", "Ministers met.", None)),
        ("Port deal", "Ministers met.", None, ("Port deal", "Ministers met.", None)),
        ("Port deal", "", None, ("Port deal", "", None)),
        ("", "Title only", None, ("Title only", "", None)),
        ("", "", "a.txt", ("", "", None)),
        ("", "x" * 201 + "\n\nMore.", None, ("x" * 201, "More.", None)),  # pages and rows keep their first line
        (
            "",
            "x" * 201 + "\n\nMore.",
            "news/port-deal_agreed.txt",
            (
                "port deal agreed",
                "x" * 201 + "\n\nMore.",
                "first line reads like body text, not a title (201 characters); title taken from the file name: "
                "'port deal agreed'",
            ),
        ),
    ],
)
def test_title_and_body(title, text, file_name, expected):
    assert title_and_body(title, text, file_name=file_name) == expected


# --------------------------------------------------------------------------- the modules' shape


def _imports(rel: str) -> list[tuple[str, list[str]]]:
    """(module imported, names imported) for each relative import of ``analysis/<rel>``."""
    tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
    package = ["analysis", *Path(rel).parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            found.append((module, [alias.name for alias in node.names]))
    return found


def _module_name(rel: str) -> str:
    parts = ["analysis", *Path(rel).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_loader_modules_import_no_private_names_and_no_cycles():
    graph: dict[str, set[str]] = {}
    for rel in LOADER_MODULES:
        edges = graph.setdefault(_module_name(rel), set())
        for module, names in _imports(rel):
            private = [name for name in names if name.startswith("_")]
            assert not private, f"{rel} imports private {private} from {module}"
            # `from . import x` names modules: those are the edges too
            edges.update(
                {module}
                | {f"{module}.{n}" for n in names if (PACKAGE.parent / module.replace(".", "/") / f"{n}.py").exists()}
            )
    loader = set(graph)

    def visit(node, path):
        assert node not in path, f"import cycle: {' -> '.join([*path, node])}"
        for child in graph.get(node, ()):
            # a submodule's package __init__ runs first; it importing the submodule back is not a cycle
            if child in loader and child != node and not node.startswith(child + "."):
                visit(child, [*path, node])

    for module in graph:
        visit(module, [])


@pytest.mark.parametrize("rel", LOADER_MODULES)
def test_each_loader_module_stays_small(rel):
    lines = (PACKAGE / rel).read_text(encoding="utf-8").count("\n")
    assert lines <= 600, f"{rel} has {lines} lines; split it by job"


@pytest.mark.parametrize(
    "name",
    [
        "load_articles",
        "load_corpus",
        "LoadedCorpus",
        "CorpusError",
        "clean_text",
        "strip_site_suffix",
        "FIELDS",
        "COLUMN_GUESSES",
        "RESERVED_KEYS",
        "TITLE_MAX_CHARS",
        "DEFAULT_MAX_ARTICLE_BYTES",
        "DATE_RANGE",
        "TEXT_SUFFIXES",
        "TABLE_SUFFIXES",
        "HTML_SUFFIXES",
        "FEED_SUFFIXES",
        "SUPPORTED_SUFFIXES",
    ],
)
def test_every_public_name_of_the_old_load_module_still_imports_from_it(name):
    assert getattr(load, name) is not None
