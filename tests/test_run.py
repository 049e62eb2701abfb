"""The report runner: discovery, parameter checks, failure handling, HTML export, index page.

These tests use the small notebooks in tests/fixtures/notebooks (``greeting`` writes a table,
``broken`` fails on purpose) and a stand-in prepared corpus, so they need neither the report
notebooks nor the preparation pipeline. The real reports are run in test_notebooks.py.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import prepare
from analysis.options import OptionError
from analysis.run import (
    Parameter,
    ParameterError,
    ReportResult,
    RunResult,
    check_notebook_parameters,
    check_parameters,
    declare,
    discover_reports,
    export_html,
    index_page,
    injected_parameters,
    notebook_out,
    parse_assignments,
    parse_choices,
    read_params_file,
    report_parameters,
    run_reports,
    scope_params,
)

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


def make_prepared(folder: Path, *, articles: int = 2, problems: int = 1) -> Path:
    """A directory the runner takes for a prepared corpus (manifest + problems.csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {
        "format_version": prepare.FORMAT_VERSION,
        "counts": {"articles": articles, "problems": problems},
        "date_range": ["2024-01-02T00:00:00", "2024-03-04T00:00:00"],
        "seconds": 0.1,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "problems.csv").write_text("path,line,severity,reason\nx.txt,,warning,read as cp1252\n")
    return folder


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    return make_prepared(tmp_path_factory.mktemp("prepared"))


@pytest.fixture(scope="module")
def failing_run(tmp_path_factory, prepared):
    """One run of a good and a failing notebook, shared by the tests that inspect it."""
    out = tmp_path_factory.mktemp("reports")
    (out / "broken").mkdir()
    (out / "broken" / "stale.csv").write_text("from an earlier run\n")
    (out / "index.html").write_text("from an earlier run")
    lines = []
    result = run_reports(
        prepared,
        out,
        notebooks_dir=FIXTURES,
        reports=["greeting", "broken"],
        params={"top_n": 7, "terms": ["alpha", "beta"]},
        log=lines.append,
    )
    return result, out, lines


# --------------------------------------------------------------------------- discovery


def test_discover_reports_orders_known_reports_and_skips_exploratory(tmp_path):
    for name in ["zeta", "actor_mentions", "sentiment", "word_frequency", "alpha"]:
        shutil.copy(FIXTURES / "greeting.ipynb", tmp_path / f"{name}.ipynb")
    (tmp_path / "exploratory").mkdir()
    shutil.copy(FIXTURES / "greeting.ipynb", tmp_path / "exploratory" / "scratch.ipynb")
    (tmp_path / ".hidden.ipynb").write_text("{}")
    assert list(discover_reports(tmp_path)) == ["word_frequency", "sentiment", "actor_mentions", "alpha", "zeta"]


def test_discover_reports_default_folder_is_the_projects_notebooks():
    found = discover_reports()
    assert all(path.parent.name == "notebooks" for path in found.values())


@pytest.mark.parametrize(
    "name, type_, default",
    [
        ("corpus", "str", "data/sample"),
        ("out", "str", ""),
        ("top_n", "int", 5),
        ("terms", "list", ["tax", "vote"]),
        ("label", "str", "hello"),
        ("ratio", "float", 0.5),
        ("verbose", "bool", False),
    ],
)
def test_report_parameters_infers_types_from_literals(name, type_, default):
    param = report_parameters(FIXTURES / "greeting.ipynb")[name]
    assert (param.type, param.default) == (type_, default)
    assert param.help  # every line has a help comment


# --------------------------------------------------------------------------- parameters

GREETING = {
    "greeting": report_parameters(FIXTURES / "greeting.ipynb"),
    "broken": report_parameters(FIXTURES / "broken.ipynb"),
}


@pytest.mark.parametrize(
    "pair, parsed",
    [
        ("top_n=20", 20),
        ("ratio=0.25", 0.25),
        ("kwic_terms=[tax,election]", ["tax", "election"]),
        ("kwic_terms=[tax, election]", ["tax", "election"]),
        ("flag=true", True),
        ("groups={a: politics, b: sport}", {"a": "politics", "b": "sport"}),
        ("label=two words", "two words"),
        ("label=", ""),
        ("expr=a=b", "a=b"),  # only the first = separates
    ],
)
def test_parse_assignments_reads_yaml_values(pair, parsed):
    (value,) = parse_assignments([pair]).values()
    assert value.parsed == parsed


@pytest.mark.parametrize(
    "pair, fragment", [("top_n", "not key=value"), ("=3", "not key=value"), ("terms=[a, b", "not a YAML value")]
)
def test_parse_assignments_refuses_malformed_pairs(pair, fragment):
    with pytest.raises(ParameterError, match=fragment):
        parse_assignments([pair])


@pytest.mark.parametrize(
    "given, expected",
    [
        ({"top_n": 9}, {"greeting": {"top_n": 9}, "broken": {"top_n": 9}}),  # declared by both
        ({"label": "hi"}, {"greeting": {"label": "hi"}, "broken": {}}),  # declared by one only
        ({"ratio": 1}, {"greeting": {"ratio": 1.0}, "broken": {}}),  # int is fine for a float
        ({"terms": "tax"}, {"greeting": {"terms": ["tax"]}, "broken": {}}),  # one term for a list
        ({"terms": ("a", "b")}, {"greeting": {"terms": ["a", "b"]}, "broken": {}}),
        ({"terms": [2024, 1.5]}, {"greeting": {"terms": ["2024", "1.5"]}, "broken": {}}),  # numbers are words here
        ({"verbose": True}, {"greeting": {"verbose": True}, "broken": {}}),
        ({}, {"greeting": {}, "broken": {}}),
    ],
)
def test_check_parameters_accepts_and_routes(given, expected):
    assert check_parameters(GREETING, given) == expected


@pytest.mark.parametrize(
    "pair, expected",
    [
        ("top_n=12", 12),
        ("label=2024", "2024"),  # a str parameter keeps the text as typed
        ("label='quoted'", "quoted"),
        ("terms=[tax,election]", ["tax", "election"]),
        ("terms=tax", ["tax"]),
        ("terms=[no, not, 'yes']", ["no", "not", "yes"]),  # words, not booleans
        ("label=no", "no"),
        ("ratio=3", 3.0),
        ("verbose=yes", True),
    ],
)
def test_check_parameters_types_command_line_values_by_declaration(pair, expected):
    values = check_parameters(GREETING, parse_assignments([pair]))
    (value,) = values["greeting"].values()
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    "given, fragments",
    [
        ({"top_m": 3}, ["unknown parameter 'top_m'", "did you mean 'top_n'"]),
        ({"lable": "x"}, ["did you mean 'label'"]),
        ({"zzzzzz": 1}, ["unknown parameter 'zzzzzz'", "analysis reports"]),
        ({"top_n": "ten"}, ["top_n=", "whole number", "greeting, broken"]),
        ({"top_n": True}, ["whole number"]),
        ({"top_n": 2.5}, ["whole number"]),
        ({"ratio": "high"}, ["ratio=", "a number"]),
        ({"verbose": "maybe"}, ["true or false"]),
        ({"terms": ["not", False]}, ["list of str", "quote it"]),  # `no` unquoted in a YAML file
        ({"label": True}, ["text", "quote it"]),
        ({"terms": {"a": 1}}, ["list"]),
        ({"corpus": "x"}, ["set by the runner"]),
        ({"out": "x"}, ["set by the runner"]),
        ({"top_m": 1, "ratio": "x"}, ["top_m", "ratio"]),  # every problem, one line
    ],
)
def test_check_parameters_refuses_with_one_helpful_line(given, fragments):
    with pytest.raises(ParameterError) as info:
        check_parameters(GREETING, given)
    message = str(info.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_check_parameters_refuses_wrong_command_line_type():
    with pytest.raises(ParameterError, match="whole number"):
        check_parameters(GREETING, parse_assignments(["top_n=abc"]))


def test_parameter_without_a_known_type_accepts_anything():
    declared = {"r": {"thing": Parameter("thing", "any", None, "anything")}}
    assert check_parameters(declared, {"thing": {"x": [1]}}) == {"r": {"thing": {"x": [1]}}}


# --------------------------------------------------------------------------- choices and lists of text


@pytest.mark.parametrize(
    "help_text, choices",
    [
        ("one of: none, category, source, month — how to split the corpus", ("none", "category", "source", "month")),
        ("one of: D, W, M -- period of the chart", ("D", "W", "M")),
        ("one of: D, W, M - period of the chart", ("D", "W", "M")),
        ("one of: a, b; the rest", ("a", "b")),
        ("One of: 'x', \"y\"", ("x", "y")),  # quotes around a choice are not part of it
        ("one of: a, a, b", ("a", "b")),
        ("rows in each ranking", ()),
        ("words left out (one of: the list)", ()),  # only at the start of the help
        ("", ()),
    ],
)
def test_parse_choices(help_text, choices):
    assert parse_choices(help_text) == choices


@pytest.mark.parametrize(
    "default, help_text, annotation, type_name",
    [
        ([], "words to show", "list[str]", "list[str]"),  # an empty default says nothing: the annotation does
        ([], "words to show", "", "list"),
        (["tax", "vote"], "words", "", "list[str]"),  # a default of words
        (["person"], "one of: person, location — types", "", "list[str]"),
        ([2, 3], "phrase lengths", "", "list"),
        ([2, 3], "phrase lengths", "list[int]", "list[int]"),
        ("none", "one of: none, category — groups", "", "str"),
        (5, "rows", "", "int"),
        (5, "rows", "float", "float"),
        (("a", "b"), "a tuple default", "", "list[str]"),
    ],
)
def test_declare_reads_type_items_and_choices(default, help_text, annotation, type_name):
    param = declare("p", default, help_text, annotation)
    assert param.type_name == type_name
    assert param.choices == parse_choices(help_text)


CHOOSY = {
    "frequency": {
        "group_by": declare("group_by", "none", "one of: none, category, source, month — how to split"),
        "trend_freq": declare("trend_freq", "M", "one of: W, M, Q, Y — period"),
        "kwic_terms": declare("kwic_terms", [], "words or phrases to show in context", "list[str]"),
        "top_n": declare("top_n", 20, "rows"),
    },
    "tone": {
        "group_by": declare("group_by", "category", "one of: none, source, category, month, week, day — groups"),
        "types": declare("types", ["person"], "one of: person, organization, location, other — actor types"),
    },
}


@pytest.mark.parametrize(
    "pairs, expected",
    [
        (["group_by=category"], {"frequency": {"group_by": "category"}, "tone": {"group_by": "category"}}),
        (["group_by=none"], {"frequency": {"group_by": "none"}, "tone": {"group_by": "none"}}),
        (["trend_freq=Q"], {"frequency": {"trend_freq": "Q"}, "tone": {}}),
        (["types=[person, location]"], {"frequency": {}, "tone": {"types": ["person", "location"]}}),
        (["types=other"], {"frequency": {}, "tone": {"types": ["other"]}}),
        (["types=[]"], {"frequency": {}, "tone": {"types": []}}),
    ],
)
def test_valid_choices_are_accepted(pairs, expected):
    assert check_parameters(CHOOSY, parse_assignments(pairs)) == expected


@pytest.mark.parametrize(
    "given, fragments",
    [
        (
            ["group_by=catgory"],
            [
                "group_by='catgory'",
                "frequency: none, category, source, month",
                "tone: none, source, category, month, week, day",
                "did you mean 'category'?",
            ],
        ),
        (["group_by=Category"], ["did you mean 'category'?"]),
        (["trend_freq=fortnight"], ["trend_freq='fortnight' is not one of: W, M, Q, Y (frequency)"]),
        (["trend_freq=m"], ["did you mean 'M'?"]),  # another case is the closest choice
        (["trend_freq=2"], ["trend_freq='2' is not one of"]),
        (
            ["group_by=week"],
            ["not one of: none, category, source, month (frequency)", "only tone accepts it", "--report tone"],
        ),
        (
            ["types=[persn, location, org]"],
            ["types: 'persn', 'org' are not one of: person, organization, location, other", "did you mean 'person'?"],
        ),
        (["group_by=catgory", "top_m=3"], ["did you mean 'category'", "unknown parameter 'top_m'"]),  # every problem
    ],
)
def test_choice_outside_the_declared_ones_is_refused_in_one_line(given, fragments):
    with pytest.raises(ParameterError) as info:
        check_parameters(CHOOSY, parse_assignments(given))
    message = str(info.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("values", [{"group_by": "catgory"}, {"trend_freq": "W "}, {"types": ["person", "Person"]}])
def test_choices_from_a_params_file_are_checked_too(values):
    with pytest.raises(ParameterError, match="not one of|not a valid choice"):
        check_parameters(CHOOSY, values)


@pytest.mark.parametrize(
    "given, expected",
    [
        (parse_assignments(["kwic_terms=[no, tax]"]), ["no", "tax"]),  # YAML alone: [False, 'tax']
        (parse_assignments(["kwic_terms=[yes, on, 2024, 1.5, null]"]), ["yes", "on", "2024", "1.5", "null"]),
        (parse_assignments(["kwic_terms=no"]), ["no"]),
        (parse_assignments(["kwic_terms=[prime minister, 'tax']"]), ["prime minister", "tax"]),
        (parse_assignments(["kwic_terms="]), []),
        (parse_assignments(["kwic_terms=[]"]), []),
        ({"kwic_terms": ["tax", 2024, 1.5]}, ["tax", "2024", "1.5"]),  # from a YAML file: numbers are words
        ({"kwic_terms": "tax"}, ["tax"]),
    ],
)
def test_lists_of_text_keep_their_items_as_text(given, expected):
    assert check_parameters(CHOOSY, given)["frequency"]["kwic_terms"] == expected


@pytest.mark.parametrize(
    "given, fragments",
    [
        ({"kwic_terms": ["no", False]}, ["list of str", "quote it"]),  # an unquoted `no` in a YAML file
        ({"kwic_terms": [["a"]]}, ["list of str"]),
        ({"kwic_terms": {"a": 1}}, ["list"]),
    ],
)
def test_lists_of_text_refuse_what_is_not_a_word(given, fragments):
    with pytest.raises(ParameterError) as info:
        check_parameters(CHOOSY, given)
    for fragment in fragments:
        assert fragment in str(info.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "group_by: category\nkeyness_groups: [politics, sport]\n",
            {"group_by": "category", "keyness_groups": ["politics", "sport"]},
        ),
        ("weights:\n  tax: 2\n  vote: 1\n", {"weights": {"tax": 2, "vote": 1}}),
        ("", {}),
        ("# only a comment\n", {}),
    ],
)
def test_read_params_file_reads_lists_and_mappings(tmp_path, text, expected):
    path = tmp_path / "p.yaml"
    path.write_text(text)
    assert read_params_file(path) == expected


@pytest.mark.parametrize(
    "text, fragment",
    [("[a, b]\n", "must be a mapping"), ("a: [1, 2\n", "not valid YAML"), (None, "does not exist")],
)
def test_read_params_file_refuses_bad_files(tmp_path, text, fragment):
    path = tmp_path / "p.yaml"
    if text is not None:
        path.write_text(text)
    with pytest.raises(ParameterError, match=fragment):
        read_params_file(path)


# --------------------------------------------------------------------------- refusing before running


def test_typo_is_refused_before_anything_runs(tmp_path, prepared):
    out = tmp_path / "out"
    with pytest.raises(ParameterError, match="did you mean 'top_n'"):
        run_reports(prepared, out, notebooks_dir=FIXTURES, reports=["greeting"], params={"top_m": 3}, log=None)
    assert not out.exists()


def test_wrong_type_is_refused_before_anything_runs(tmp_path, prepared):
    out = tmp_path / "out"
    with pytest.raises(ParameterError, match="whole number"):
        run_reports(
            prepared,
            out,
            notebooks_dir=FIXTURES,
            reports=["greeting"],
            params=parse_assignments(["top_n=many"]),
            log=None,
        )
    assert not out.exists()


@pytest.mark.parametrize("pair", ["group_by=catgory", "period=fortnight", "types=[persn]", "period=m"])
def test_wrong_choice_in_a_report_notebook_is_refused_before_anything_runs(tmp_path, prepared, pair, monkeypatch):
    monkeypatch.setattr(prepare, "prepare_cached", lambda *a, **k: pytest.fail("prepared despite a bad parameter"))
    out = tmp_path / "out"
    with pytest.raises(ParameterError, match="not one of|not a valid choice"):
        run_reports(prepared, out, params=parse_assignments([pair]), log=None)  # the real report notebooks
    assert not out.exists()


def test_prepared_corpus_is_used_as_is(tmp_path, monkeypatch):
    """CORPUS with a manifest.json is a prepared corpus: no preparing, no cache."""
    corpus = make_prepared(tmp_path / "already-prepared", articles=5)
    monkeypatch.setattr(prepare, "prepare_cached", lambda *a, **k: pytest.fail("a prepared corpus was prepared again"))
    monkeypatch.setattr(prepare, "prepare_corpus", lambda *a, **k: pytest.fail("a prepared corpus was prepared again"))
    lines = []
    result = run_reports(
        corpus,
        tmp_path / "out",
        notebooks_dir=FIXTURES,
        reports=["greeting"],
        cache_dir=tmp_path / "cache",
        log=lines.append,
    )
    assert result.ok and result.prepared == corpus.resolve() and result.reused
    assert lines[0] == f"using prepared corpus {corpus.resolve()}"
    assert not (tmp_path / "cache").exists()
    assert ">5<" in (tmp_path / "out" / "index.html").read_text()  # the article count from its manifest
    assert "already-prepared" in (tmp_path / "out" / "greeting.ipynb").read_text()  # the notebook read it


def test_unknown_report_is_refused(tmp_path, prepared):
    with pytest.raises(OptionError, match="did you mean 'greeting'|Did you mean 'greeting'"):
        run_reports(prepared, tmp_path / "out", notebooks_dir=FIXTURES, reports=["greting"], log=None)


def test_missing_corpus_is_refused(tmp_path):
    with pytest.raises(Exception, match="does not exist") as info:
        run_reports(tmp_path / "no-such-corpus", tmp_path / "out", notebooks_dir=FIXTURES, log=None)
    assert type(info.value).__name__ in {"CorpusError", "FileNotFoundError"}
    assert not (tmp_path / "out").exists()


def test_empty_notebooks_folder_is_refused(tmp_path, prepared):
    with pytest.raises(OptionError, match="no report notebooks"):
        run_reports(prepared, tmp_path / "out", notebooks_dir=tmp_path, log=None)


# --------------------------------------------------------------------------- a run with a failing notebook


def test_failing_report_does_not_stop_the_others(failing_run):
    result, out, _ = failing_run
    assert not result.ok
    assert [(r.name, r.status) for r in result.reports] == [("greeting", "ok"), ("broken", "failed")]
    greeting = pd.read_csv(out / "greeting" / "terms.csv")
    assert greeting.to_dict("list") == {"term": ["alpha", "beta"], "n": [7, 7]}
    assert (out / "greeting.html").is_file() and (out / "greeting.ipynb").is_file()


def test_failed_report_keeps_its_executed_copy_and_html(failing_run):
    result, out, _ = failing_run
    broken = result.reports[1]
    assert broken.error == "ValueError: deliberate failure for the runner tests"
    nb = nbformat.read(out / "broken.ipynb", as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0].ename == "ValueError"
    assert "deliberate failure" in (out / "broken.html").read_text()
    # what it wrote before failing is kept; what an earlier run left is not
    assert (out / "broken" / "before_failure.csv").is_file()
    assert not (out / "broken" / "stale.csv").exists()


def test_executed_notebook_records_the_report_folder_as_out(failing_run):
    _, out, _ = failing_run
    nb = nbformat.read(out / "greeting.ipynb", as_version=4)
    (injected,) = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert f'out = "{out}"' in injected.source and "partial" not in injected.source
    assert nb.metadata.papermill.parameters["out"] == str(out)


def test_progress_lines_and_summary(failing_run):
    result, out, lines = failing_run
    assert lines[0].startswith("using prepared corpus")
    assert lines[1].startswith("[1/2] greeting: ok in ") and " s " in lines[1]
    assert lines[2].startswith("[2/2] broken: FAILED in ") and lines[2].endswith(
        "ValueError: deliberate failure for the runner tests"
    )
    assert lines[-1] == result.summary()
    assert "1 ok, 1 failed (broken)" in lines[-1]


def test_run_leaves_no_staging_or_temporary_files(failing_run):
    _, out, _ = failing_run
    leftovers = [p.name for p in out.rglob("*") if p.name.startswith(".")]
    assert leftovers == [".analysis-output.json"]  # the marker that says the folder is ours


def test_every_file_of_a_run_has_the_usual_permissions(failing_run):
    """Pages, tables and problems.csv are written through temporary files, which start private
    (0600); a run's files must be readable like any other file of the user's."""
    import os
    import stat

    _, out, _ = failing_run
    umask = os.umask(0)
    os.umask(umask)
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()}
    assert {"index.html", "greeting.html", "problems.csv", "greeting/terms.csv"} <= set(modes)
    assert {name for name, mode in modes.items() if mode != 0o666 & ~umask} == set()


def test_index_lists_reports_corpus_parameters_and_versions(failing_run):
    result, out, _ = failing_run
    page = (out / "index.html").read_text()
    for fragment in [
        'href="greeting.html"',
        'href="broken.html"',
        'class="failed"',
        'class="ok"',
        "ValueError: deliberate failure",
        'href="problems.csv"',
        "2024-01-02 to 2024-03-04",
        "<code>top_n</code>",
        "<code>7</code>",
        "<code>[&quot;alpha&quot;, &quot;beta&quot;]</code>",
        "pandas",
        "papermill",
        "python",
        "Content-Security-Policy",
    ]:
        assert fragment in page, fragment
    assert "<script" not in page
    assert (out / "problems.csv").read_text().startswith("path,line")


def test_parameters_cells_are_hidden_and_pages_need_no_network(failing_run):
    _, out, _ = failing_run
    page = (out / "greeting.html").read_text()
    assert "label=&#x27;hello&#x27; top_n=7" in page or "label='hello' top_n=7" in page
    assert "report.table(" not in page  # code hidden by default
    assert "<script" not in page and "cdnjs" not in page and "require.js" not in page


def page_text(page: str) -> str:
    """The text of an HTML page, roughly as a reader sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_show_code_keeps_code_but_not_the_parameters(failing_run):
    _, out, _ = failing_run
    hidden = page_text((out / "greeting.html").read_text())
    shown = page_text(export_html(out / "greeting.ipynb", show_code=True))
    assert "report.table(" not in hidden and "report.table(" in shown
    for parameters_code in ["ratio = 0.5", "top_n = 7"]:  # the parameters cell and papermill's injected one
        assert parameters_code not in shown


# --------------------------------------------------------------------------- escaping


def test_index_page_escapes_every_value(tmp_path):
    evil = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    result = ReportResult(
        "broken",
        status="failed",
        seconds=1.0,
        error=f"ValueError: {evil}",
        parameters={"kwic_terms": [evil]},
        overrides={"kwic_terms": [evil]},
    )
    run = RunResult(
        out=tmp_path,
        corpus=tmp_path / evil.replace("/", "_"),
        prepared=tmp_path,
        reused=True,
        reports=[result],
        seconds=1.0,
        index=tmp_path / "index.html",
        manifest={"counts": {"articles": 1, "problems": 0}, "date_range": [evil, evil]},
    )
    page = index_page(run)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


def test_index_page_escapes_findings_notes_and_links(tmp_path):
    """The values the template gets from the corpus (findings, warnings, language names, report
    names in links) are text; only a finding's *emphasis* becomes markup."""
    evil = '<script>window.__xss=1</script>"onmouseover="x'
    (tmp_path / "greeting").mkdir()
    (tmp_path / "greeting" / "findings.json").write_text(json.dumps([{"finding": f"*{evil}* leads", "section": evil}]))
    result = ReportResult(
        "greeting", status="ok", html=tmp_path / "greeting.html", notebook=tmp_path / "greeting.ipynb"
    )
    run = RunResult(
        out=tmp_path,
        corpus=tmp_path,
        prepared=tmp_path,
        reused=True,
        reports=[result],
        seconds=1.0,
        index=tmp_path / "index.html",
        manifest={"warnings": [evil], "languages": {evil: 1}, "duplicates": 2},
    )
    page = index_page(run)
    assert "<script>" not in page and '"onmouseover' not in page
    assert f"<li><em>{html.escape(evil)}</em> leads" in page
    assert f'href="greeting.html#{html.escape(evil)}"' in page
    assert f'<td class="failed">{html.escape(evil)}</td>' in page and f"{html.escape(evil)} 1 (100%)" in page
    assert '<a href="greeting/">tables &amp; figures</a>' in page and "2 set aside" in page


def test_interrupted_run_leaves_no_report_that_looks_complete(tmp_path, prepared, monkeypatch):
    import analysis.execute as execute_module

    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("from an earlier run")
    real_export = execute_module.export_html

    def interrupt_second(notebook, **kwargs):
        if kwargs.get("title") == "broken":
            raise KeyboardInterrupt
        return real_export(notebook, **kwargs)

    monkeypatch.setattr(execute_module, "export_html", interrupt_second)
    with pytest.raises(KeyboardInterrupt):
        run_reports(prepared, out, notebooks_dir=FIXTURES, reports=["greeting", "broken"], log=None)
    assert (out / "greeting.html").is_file()  # finished before the interruption
    assert not (out / "broken.html").exists() and not (out / "broken.ipynb").exists()
    assert not (out / "index.html").exists()  # no index claims the run is complete
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".analysis-output.json"]  # the marker only


# --------------------------------------------------------------------------- ranges

RANGED = {
    "sentiment": {
        "rolling": declare("rolling", 4, "periods averaged (1: none) (range: 1..)"),
        "pos_threshold": declare("pos_threshold", 0.05, "positive from here (range: -1..1)"),
        "n_boot": declare("n_boot", 1000, "resamples (range: 0..100000)"),
        "weight": declare("weight", 0.5, "no declared range"),
    },
    "word_frequency": {
        "top_n": declare("top_n", 25, "rows in each ranking (range: 1..)"),
        "ngram_sizes": declare("ngram_sizes", [2, 3], "phrase lengths (range: 1..10)"),
    },
}


@pytest.mark.parametrize(
    "help_text, bounds",
    [
        ("x (range: 1..500)", (1.0, 500.0)),
        ("x (range: 1..)", (1.0, None)),
        ("x (range: ..0)", (None, 0.0)),
        ("x (range: -1..1) more help", (-1.0, 1.0)),
        ("x (range: 0.05..1e3)", (0.05, 1000.0)),
        ("x (RANGE: 0 .. 1)", (0.0, 1.0)),
        ("x in the range of 1 to 2", (None, None)),
    ],
)
def test_parse_range(help_text, bounds):
    from analysis.run import parse_range

    assert parse_range(help_text) == bounds


@pytest.mark.parametrize(
    "pair, fragments",
    [
        ("top_n=-3", ["top_n=-3 is out of range: must be at least 1 (word_frequency)"]),
        ("top_n=0", ["at least 1"]),
        ("rolling=0", ["rolling=0 is out of range: must be at least 1 (sentiment)"]),
        ("pos_threshold=1.5", ["pos_threshold=1.5 is out of range: must be between -1 and 1"]),
        ("pos_threshold=.nan", ["pos_threshold=.nan must be a finite number between -1 and 1"]),
        ("pos_threshold=-.inf", ["must be a finite number"]),
        ("weight=.nan", ["weight=.nan must be a finite number"]),  # NaN is refused even without a range
        ("n_boot=100001", ["between 0 and 100000"]),
        ("ngram_sizes=[2, 0]", ["each item must be between 1 and 10"]),
    ],
)
def test_values_outside_the_declared_range_are_refused_in_one_line(pair, fragments):
    with pytest.raises(ParameterError) as error:
        check_parameters(RANGED, parse_assignments([pair]))
    message = str(error.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    "pair", ["top_n=1", "rolling=1", "pos_threshold=-1", "pos_threshold=1", "n_boot=0", "ngram_sizes=[1, 10]"]
)
def test_values_on_the_bounds_are_accepted(pair):
    check_parameters(RANGED, parse_assignments([pair]))


def test_range_in_a_params_file_is_checked_too():
    with pytest.raises(ParameterError, match=r"rolling=0 is out of range.*in bbc.yaml"):
        check_parameters(RANGED, {"rolling": 0}, sources={"rolling": "bbc.yaml"})


def test_report_notebooks_declare_ranges_their_defaults_satisfy():
    declared = {name: report_parameters(path) for name, path in discover_reports().items()}
    ranged = {
        (r, p.name)
        for r, params in declared.items()
        for p in params.values()
        if p.low is not None or p.high is not None
    }
    assert {
        ("word_frequency", "top_n"),
        ("sentiment", "rolling"),
        ("sentiment", "pos_threshold"),
        ("sentiment", "neg_threshold"),
        ("actor_mentions", "top_n"),
    } <= ranged
    defaults = {
        name: p.default for params in declared.values() for name, p in params.items() if name not in ("corpus", "out")
    }
    check_parameters(declared, defaults)


@pytest.mark.parametrize("pair", ["top_n=-3", "rolling=0", "pos_threshold=.nan"])
def test_out_of_range_in_a_report_notebook_is_refused_before_anything_runs(tmp_path, prepared, pair, monkeypatch):
    monkeypatch.setattr(prepare, "prepare_cached", lambda *a, **k: pytest.fail("prepared despite a bad parameter"))
    with pytest.raises(ParameterError, match="out of range|finite"):
        run_reports(prepared, tmp_path / "out", params=parse_assignments([pair]))
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- parameters that change preparation


def actor_notebook(folder: Path) -> Path:
    """A stand-in for actor_mentions: declares actor_files and records what it was given."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            'corpus = "data/sample"  # corpus\nout = ""  # output\nactor_files: list[str] = []  # extra actor dictionaries',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell(
            "import json, pandas as pd\nimport analysis\nfrom analysis.prepare import read_manifest\n"
            'm = read_manifest(corpus)\nanalysis.Report(out, "actors").table(pd.DataFrame({"corpus": [corpus], '
            '"articles": [m["counts"]["articles"]], "actor_files": [json.dumps(m["settings"]["actor_files"])], '
            '"given": [json.dumps(actor_files)]}), "seen")'
        ),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / "actors.ipynb"))
    return folder


def test_actor_files_prepare_the_raw_corpus_in_the_cache_dir_not_the_prepared_folder(tmp_path, sample_corpus):
    notebooks = actor_notebook(tmp_path / "notebooks")
    actors_file = tmp_path / "mine.yaml"
    actors_file.write_text("- name: Zorblat Quux\n  type: person\n")
    cache = tmp_path / "cache"
    result = run_reports(
        sample_corpus,
        tmp_path / "out",
        notebooks_dir=notebooks,
        cache_dir=cache,
        log=None,
        params=parse_assignments([f"actor_files=[{actors_file}]"]),
        prepare_options={"workers": 1},
    )
    assert result.ok, result.reports[0].error
    seen = pd.read_csv(tmp_path / "out" / "actors" / "seen.csv")
    manifest = prepare.read_manifest(result.prepared)
    assert seen.loc[0, "articles"] == manifest["counts"]["articles"]  # the articles, not the prepared tables' rows
    assert json.loads(seen.loc[0, "actor_files"]) == [str(actors_file)]
    assert json.loads(seen.loc[0, "given"]) == []  # the notebook was not asked to prepare again
    assert Path(seen.loc[0, "corpus"]).parent == cache  # prepared in --cache-dir, beside the plain one
    assert sorted(p.parent for p in cache.glob("*/manifest.json")) == sorted(
        {result.prepared, Path(seen.loc[0, "corpus"])}
    )
    assert result.reports[0].parameters["actor_files"] == [str(actors_file)]  # still shown on the index page


def test_actor_files_on_a_prepared_corpus_are_refused_before_anything_runs(tmp_path, prepared):
    notebooks = actor_notebook(tmp_path / "notebooks")
    with pytest.raises(
        OptionError, match="-p actor_files changes how a corpus is prepared, but .* is already prepared"
    ):
        run_reports(
            prepared, tmp_path / "out", notebooks_dir=notebooks, params=parse_assignments(["actor_files=[x.yaml]"])
        )
    assert not (tmp_path / "out").exists()


def test_prepare_refuses_a_prepared_folder_as_raw_input(tmp_path, prepared):
    from analysis.load import CorpusError

    with pytest.raises(CorpusError, match="is already a prepared corpus, not articles"):
        prepare.prepare_cached(prepared, cache_dir=tmp_path / "cache", actor_files=[], progress=False)


# --------------------------------------------------------------------------- timeouts and Ctrl-C


def slow_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell('corpus = ""  # corpus\nout = ""  # output', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell('print("first cell ran", flush=True)'),
        nbformat.v4.new_code_cell("import time\ntime.sleep(120)"),
    ]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / "slow.ipynb"))
    return folder


def test_a_timeout_keeps_the_executed_notebook_with_its_error_and_prints_no_traceback(tmp_path, prepared, capfd):
    out = tmp_path / "out"
    result = run_reports(prepared, out, notebooks_dir=slow_notebook(tmp_path / "nb"), timeout=2, log=None)
    report = result.reports[0]
    assert report.status == "failed"
    assert (
        report.error
        == "CellTimeoutError: a cell ran longer than --timeout 2 s; raise --timeout or use a smaller corpus"
    )
    nb = nbformat.read(str(out / "slow.ipynb"), as_version=4)
    printed = next(c for c in nb.cells if c.source.startswith("print"))
    sleeping = next(c for c in nb.cells if "sleep" in c.source)
    assert "first cell ran" in printed.outputs[0]["text"]
    assert sleeping.outputs[-1]["ename"] == "CellTimeoutError"
    assert "ran longer than --timeout 2 s" in (out / "slow.html").read_text()
    captured = capfd.readouterr()
    assert "ZMQError" not in captured.err and "Traceback" not in captured.err, captured.err


def test_ctrl_c_during_a_report_is_one_line(tmp_path, prepared):
    import os
    import signal
    import subprocess
    import sys
    import time

    notebooks = slow_notebook(tmp_path / "nb")
    script = (
        "import sys\nfrom analysis import cli, paths\nfrom pathlib import Path\npaths.NOTEBOOKS = Path(sys.argv[1])\n"
        "sys.exit(cli.main(['run', sys.argv[2], '--out', sys.argv[3]]))\n"
    )
    out = tmp_path / "out"
    src = Path(prepare.__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(notebooks), str(prepared), str(out)],
        env={**os.environ, "PYTHONPATH": str(src)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.time() + 90
    while time.time() < deadline and not any((out / ".slow.partial").glob("*.ipynb")):  # the kernel is running cells
        time.sleep(0.2)
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in a terminal reaches the kernel too
    _, err = process.communicate(timeout=60)
    assert process.returncode in (130, -signal.SIGINT), err  # -2 reads as 130 in a shell (see test_outputs)
    assert err.strip().splitlines() == [
        "analysis: interrupted; nothing half-written was kept (run the command again to finish)"
    ], err
    assert not (out / "index.html").exists() and not (out / ".analysis.lock").exists()


# --------------------------------------------------------------------------- findings on the index page


def test_index_shows_each_reports_top_findings_escaped_and_linked(tmp_path):
    evil = "<script>window.__xss=1</script>"
    (tmp_path / "sentiment").mkdir()
    (tmp_path / "sentiment.html").write_text("page")
    rows = [{"finding": f"Finding {i} about *tax* {evil}", "value": 1.0, "section": "Tone-by-group"} for i in range(5)]
    (tmp_path / "sentiment" / "findings.json").write_text(json.dumps(rows))
    (tmp_path / "actor_mentions").mkdir()
    (tmp_path / "actor_mentions" / "findings.json").write_text("{not json")  # unreadable: no findings, no failure
    ok = ReportResult("sentiment", status="ok", html=tmp_path / "sentiment.html")
    broken = ReportResult("actor_mentions", status="ok", html=tmp_path / "actor_mentions.html")
    run = RunResult(
        out=tmp_path,
        corpus=tmp_path,
        prepared=tmp_path,
        reused=True,
        reports=[ok, broken],
        seconds=1.0,
        index=tmp_path / "index.html",
        manifest={},
    )
    page = index_page(run)
    listed = re.findall(r"<li>(.*?)</li>", page)
    assert len(listed) == 3  # the first three of the report's findings
    assert listed[0].startswith("Finding 0 about <em>tax</em> &lt;script&gt;")
    assert 'href="sentiment.html#Tone-by-group"' in listed[0]
    assert "<script>" not in page and "Actor mentions</a></h3>" not in page


def test_index_without_findings_has_no_findings_section(tmp_path):
    run = RunResult(
        out=tmp_path,
        corpus=tmp_path,
        prepared=tmp_path,
        reused=True,
        reports=[ReportResult("sentiment", status="ok")],
        seconds=1.0,
        index=tmp_path / "index.html",
        manifest={},
    )
    assert "Key findings" not in index_page(run)


def test_kernel_is_stopped_without_an_interrupt():
    """An interrupt (SIGINT) on shutdown made kernels log 'KeyboardInterrupt caught in kernel.' in runs."""
    from analysis.execute import _shutdown_kernel

    calls = []

    class Manager:
        has_kernel = True

        def __getattr__(self, name):
            async def record(*args, **kwargs):
                calls.append(name)

            return record

    _shutdown_kernel(Manager())
    assert calls == ["request_shutdown", "finish_shutdown", "cleanup_resources"]


# --------------------------------------------------------------------------- parameter files per report


@pytest.mark.parametrize(
    "data, path, expected",
    [
        # a file named for a report: that report only (make bbc passes all three BBC files)
        ({"top_n": 25}, "notebooks/params/word_frequency_bbc.yaml", ({}, {"word_frequency": {"top_n": 25}})),
        ({"top_n": 30}, "actor_mentions.yaml", ({}, {"actor_mentions": {"top_n": 30}})),
        # sections: each report its own, the rest for every report
        (
            {"sentiment": {"n_boot": 0}, "actor_mentions": {"top_n": 9}, "group_by": "source"},
            "bbc.yaml",
            ({"group_by": "source"}, {"sentiment": {"n_boot": 0}, "actor_mentions": {"top_n": 9}}),
        ),
        # a file named for nothing: every report declaring the names
        ({"top_n": 5}, "mine.yaml", ({"top_n": 5}, {})),
        ({"top_n": 5}, "sentimental.yaml", ({"top_n": 5}, {})),  # a prefix without "_" is not a report's file
    ],
)
def test_scope_params(data, path, expected):
    assert scope_params(data, path, ["word_frequency", "sentiment", "actor_mentions"]) == expected


def test_report_params_reach_only_their_report_and_are_checked(tmp_path, prepared):
    with pytest.raises(ParameterError, match="did you mean 'top_n'.*in greeting_mine.yaml"):
        run_reports(
            prepared,
            tmp_path / "out",
            notebooks_dir=FIXTURES,
            reports=["greeting"],
            log=None,
            report_params={"greeting": {"top_m": 3}},
            report_sources={"greeting": {"top_m": "greeting_mine.yaml"}},
        )
    result = run_reports(
        prepared,
        tmp_path / "out",
        notebooks_dir=FIXTURES,
        reports=["greeting"],
        log=None,
        params={"top_n": 2},
        report_params={"greeting": {"top_n": 7}, "absent_report": {"x": 1}},
    )
    assert result.reports[0].overrides == {"top_n": 7}  # the report's own value wins; other reports' are ignored


# --------------------------------------------------------------------------- notebooks run directly with papermill


@pytest.mark.parametrize(
    "history, expected",
    [
        (["x = 1"], []),  # an interactive session: nothing injected, nothing checked
        (['# Parameters\ntop_m = 3\nlabel = "hi"\n'], ["top_m", "label"]),
        (["# Parameters\ntop_m = 3\n", "y = 2", "# Parameters\ntop_n = 4\n"], ["top_n"]),  # the latest injection
    ],
)
def test_injected_parameters(history, expected):
    assert injected_parameters(history) == expected


@pytest.mark.parametrize(
    "namespace, fragment",
    [
        (
            {"In": ["# Parameters\ntop_m = 3\n"], "top_m": 3},
            "unknown parameter 'top_m' (not declared by greeting); did you mean 'top_n'?",
        ),
        ({"In": ['# Parameters\ntop_n = "many"\n'], "top_n": "many"}, "should be a whole number"),
    ],
)
def test_notebook_refuses_what_papermill_injected_wrongly(namespace, fragment):
    with pytest.raises(ParameterError, match=re.escape(fragment)):
        check_notebook_parameters("greeting", namespace, notebook=FIXTURES / "greeting.ipynb")


def test_notebook_accepts_declared_and_runner_parameters():
    namespace = {
        "In": ['# Parameters\ncorpus = "x"\nout = ""\ntop_n = 3\n'],
        "corpus": "x",
        "out": "",
        "top_n": 3,
        "articles": "a variable of the session, not a parameter",
    }
    check_notebook_parameters("greeting", namespace, notebook=FIXTURES / "greeting.ipynb")


@pytest.mark.parametrize(
    "report, edit, fragment",
    [
        ("sentiment", {"group_by": "categroy"}, "group_by='categroy' is not one of: none, source, category"),
        ("sentiment", {"period": "fortnight"}, "period='fortnight' is not one of: D, W, M, Q, Y"),
        ("sentiment", {"top_n": "ten"}, "should be a whole number"),
        ("sentiment", {"focus_terms": ["tax", True]}, "focus_terms=['tax', True] should be a list of str"),
        ("word_frequency", {"kwic_terms": ["tax", None]}, "kwic_terms=['tax', None] should be a list of str"),
        ("actor_mentions", {"types": ["person", "persn"]}, "did you mean 'person'?"),
        ("actor_mentions", {"network_types": ["company"]}, "'company' is not one of: person, organization"),
    ],
)
def test_an_edited_parameters_cell_is_checked_like_a_run(report, edit, fragment):
    """In JupyterLab nothing is injected: the declared parameters the session holds are checked.
    This is the notebooks' one check of their choices and types (they keep no lists of their own)."""
    notebook = discover_reports()[report]
    defaults = {name: p.default for name, p in report_parameters(notebook).items()}
    check_notebook_parameters(report, {"In": ["x = 1"], **defaults})  # the defaults pass
    with pytest.raises(ParameterError, match=re.escape(fragment)):
        check_notebook_parameters(report, {"In": ["x = 1"], **defaults, **edit})


def test_an_edited_parameters_cell_is_read_as_a_run_reads_it():
    notebook = discover_reports()["sentiment"]
    namespace = {name: p.default for name, p in report_parameters(notebook).items()}
    namespace.update(In=["x = 1"], focus_terms="peace talks", n_boot=200)
    check_notebook_parameters("sentiment", namespace)
    assert namespace["focus_terms"] == ["peace talks"]  # one phrase, not eleven letters
    assert namespace["n_boot"] == 200


@pytest.mark.parametrize("report", ["word_frequency", "sentiment", "actor_mentions"])
def test_every_report_accepts_its_own_defaults(report):
    notebook = discover_reports()[report]
    defaults = {name: p.default for name, p in report_parameters(notebook).items()}
    check_notebook_parameters(report, {"In": [], **defaults})


@pytest.mark.slow
def test_report_notebook_run_with_papermill_fails_on_a_misspelt_parameter(tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError, match="did you mean 'group_by'"):
        papermill.execute_notebook(
            str(discover_reports()["sentiment"]),
            str(tmp_path / "run.ipynb"),
            parameters={"group_bye": "category"},
            progress_bar=False,
            kernel_name="python3",
        )


@pytest.mark.parametrize(
    "out, namespace, expected, says",
    [
        ("reports/x", {"PAPERMILL_OUTPUT_PATH": "/tmp/a/b.ipynb"}, "reports/x", False),  # given: kept
        (
            "",
            {"PAPERMILL_OUTPUT_PATH": "/tmp/runs/sentiment.ipynb"},
            "/tmp/runs",
            False,
        ),  # next to the executed notebook
        ("", {"In": ['# Parameters\ncorpus = "x"\n']}, "", True),  # papermill without the path: say so
        ("", {"In": ["x = 1"]}, "", False),  # exploring in JupyterLab: quietly nothing
    ],
)
def test_notebook_out(out, namespace, expected, says, capsys):
    assert notebook_out(out, namespace) == expected
    assert ("--inject-output-path" in capsys.readouterr().out) == says


def test_papermill_paths_are_not_unknown_parameters():
    namespace = {"In": ['# Parameters\nPAPERMILL_INPUT_PATH = "a"\nPAPERMILL_OUTPUT_PATH = "b"\n']}
    check_notebook_parameters("greeting", namespace, notebook=FIXTURES / "greeting.ipynb")


def test_kernels_of_the_runner_skip_the_notebook_check(monkeypatch, tmp_path):
    """analysis run checked the parameters already; its kernels need not import papermill again."""
    from analysis.execute import kernelspec_dir
    from analysis.run import CHECKED_ENV

    spec = json.loads((kernelspec_dir(tmp_path) / "analysis-python" / "kernel.json").read_text())
    assert spec["env"] == {CHECKED_ENV: "1"}
    monkeypatch.setenv(CHECKED_ENV, "1")
    check_notebook_parameters("greeting", {"In": ["# Parameters\ntop_m = 3\n"]}, notebook=FIXTURES / "greeting.ipynb")


@pytest.mark.parametrize("how", ["param", "option"])
def test_a_missing_actor_dictionary_is_refused_before_anything_runs(tmp_path, prepared, how, monkeypatch):
    # it used to stop the run at the report that needed it, after the others had run, with errno's text
    from analysis.errors import DictionaryError

    monkeypatch.setattr(prepare, "prepare_cached", lambda *a, **k: pytest.fail("prepared despite a missing file"))
    out = tmp_path / "out"
    raw = tmp_path / "news"
    raw.mkdir()
    (raw / "a.txt").write_text("Title\n\nBody text here.\n")
    missing = str(tmp_path / "missing.yaml")
    kwargs = (
        {"params": parse_assignments([f"actor_files=[{missing}]"])}
        if how == "param"
        else {"prepare_options": {"actor_files": [missing]}}
    )
    with pytest.raises(DictionaryError, match="actor dictionary .*missing.yaml does not exist"):
        run_reports(raw, out, log=None, **kwargs)
    assert not out.exists()


def test_prepare_refuses_a_missing_actor_dictionary_in_one_line(tmp_path, capsys):
    from analysis import cli

    raw = tmp_path / "news"
    raw.mkdir()
    (raw / "a.txt").write_text("Title\n\nBody text here.\n")
    status = cli.main(["prepare", str(raw), "--out", str(tmp_path / "prepared"), "--actors", str(tmp_path / "no.yaml")])
    assert status == 2
    assert capsys.readouterr().err.strip().endswith("no.yaml does not exist; give a YAML, CSV or PETRARCH .txt file")
    assert not (tmp_path / "prepared").exists()
