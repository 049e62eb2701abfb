"""Notebook hygiene, and every report notebook executed on data/sample through the runner.

- report notebooks (``notebooks/*.ipynb``; ``notebooks/exploratory/`` is not checked) are
  committed without outputs or execution counts;
- each has exactly one ``parameters`` cell: typed literals, one a line, each with a ``# help``
  comment, ``corpus`` and ``out`` first; it is the first code cell;
- every key of ``notebooks/params/<report>_*.yaml`` is a parameter of that report, of the right type;
- every choice parameter declares its choices in its help (``one of: ...``), the same ones
  the notebook's own ``check_choice`` accepts, and its default is one of them; every list
  parameter says what its items are (``list[str]`` for words, terms and files);
- one run of all reports on ``data/sample`` builds every HTML page, CSV and PNG, and every
  CSV has exactly the columns of its contract in ``schemas.RESULTS``; word_frequency compares
  the two largest categories by default, and a corpus without categories still runs.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import paths
from analysis.run import RUNNER_PARAMETERS, check_parameters, discover_reports, read_params_file, report_parameters
from analysis.schemas import RESULTS, result_columns

# the reports the project ships: a deleted or renamed notebook fails here instead of leaving
# the tests below with fewer cases
REPORTS = ("actor_mentions", "sentiment", "word_frequency")
NOTEBOOKS = [paths.NOTEBOOKS / f"{report}.ipynb" for report in REPORTS]
PARAM_FILES = sorted((paths.NOTEBOOKS / "params").glob("*.yaml"))

# What each report writes on data/sample with its default parameters. A report that stops writing
# one of these (or starts writing another) changes what readers and other tools find: update this.
SAMPLE_OUTPUTS = {
    "word_frequency": {
        "about.csv",
        "about.png",
        "collocations.csv",
        "collocations.png",
        "distinctive_terms.csv",
        "distinctive_terms.png",
        "distinctive_tf_idf.csv",
        "findings.json",
        "keyness.csv",
        "keyness.png",
        "kwic.csv",
        "ngrams.csv",
        "terms.csv",
        "terms_by_group.csv",
        "top_ngrams.png",
        "top_terms.png",
        "top_terms_by_group.png",
        "trends.csv",
        "trends.png",
        "vocabulary.csv",
        "zipf.csv",
        "zipf.png",
    },
    "sentiment": {
        "documents.csv",
        "extreme_sentences.csv",
        "findings.json",
        "focus_terms.csv",
        "focus_terms.png",
        "groups.csv",
        "sentences.csv",
        "tone_by_group.png",
        "tone_drivers.csv",
        "tone_histogram.png",
        "tone_over_time.csv",
        "tone_over_time.png",
    },
    "actor_mentions": {
        "actor_tone.png",
        "actors.csv",
        "actors_over_time.png",
        "comention_network.png",
        "comentions.csv",
        "findings.json",
        "mentions.csv",
        "quoted_speakers.png",
        "quotes.csv",
        "quotes_over_time.csv",
        "share_of_voice.csv",
        "share_of_voice_by_category.csv",
        "top_actors_articles.png",
        "top_actors_by_group.png",
        "top_actors_mentions.png",
        "unmatched.csv",
        "voices.csv",
    },
}

# CSVs named after a parameter's value, and the contract in schemas.RESULTS they meet
GROUPED_CSV = re.compile(r"^(share_of_voice)_by_\w+$")


def ids(paths_):
    return [p.name for p in paths_]


def parameters_cells(nb) -> list:
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


# --------------------------------------------------------------------------- hygiene


def test_the_report_notebooks_are_the_ones_the_project_ships():
    assert sorted(discover_reports()) == sorted(REPORTS) == sorted(SAMPLE_OUTPUTS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_committed_without_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, (
        f"{notebook.name}: cells {dirty} have outputs or execution counts; run `.venv/bin/nbstripout --keep-id {notebook}`"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_one_parameters_cell_of_typed_literals_with_help(notebook):
    nb = nbformat.read(notebook, as_version=4)
    cells = parameters_cells(nb)
    assert len(cells) == 1, f"{notebook.name}: {len(cells)} cells tagged 'parameters'; exactly one is expected"
    cell = cells[0]
    assert cell.cell_type == "code"
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code is cell, f"{notebook.name}: the parameters cell must be the first code cell"

    source = cell.source
    tree = ast.parse(source)
    comments = {
        tok.start[0]: tok.string
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT
    }
    names = []
    for stmt in tree.body:
        where = f"{notebook.name} parameters line {stmt.lineno}"
        assert isinstance(stmt, (ast.Assign, ast.AnnAssign)), (
            f"{where}: only `name = literal  # help` lines belong here"
        )
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        assert len(targets) == 1 and isinstance(targets[0], ast.Name), f"{where}: assign one plain name"
        assert stmt.value is not None, f"{where}: give a default value"
        value = ast.literal_eval(stmt.value)  # raises for anything derived
        assert value is not None, f'{where}: use a typed default ("", 0, [], False), not None'
        help_ = comments.get(stmt.lineno, "").lstrip("#").strip()
        assert help_, f"{where}: add a `# help` comment saying what {targets[0].id} does"
        names.append(targets[0].id)
    assert names[:2] == list(RUNNER_PARAMETERS), f"{notebook.name}: corpus and out come first"
    assert len(names) == len(set(names)), f"{notebook.name}: a parameter is declared twice"
    # papermill must read the same names (an "=" inside a help comment would hide a line from it)
    assert list(report_parameters(notebook)) == names


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_corpus_and_out_defaults(notebook):
    declared = report_parameters(notebook)
    assert declared["corpus"].default == "data/sample"
    assert declared["out"].default == ""


def _choices_of_the_code():
    """The package's one definition of each choice parameter's values (the notebooks' help
    comments must list the same; the parameter check reads the comments)."""
    from analysis import actor_tables, actors, frequencies, sentiment
    from analysis.periods import PERIODS

    return {
        ("word_frequency", "group_by"): tuple(frequencies.GROUPINGS),
        ("word_frequency", "period"): PERIODS,
        ("sentiment", "group_by"): ("none", *sentiment.GROUP_BY),
        ("sentiment", "period"): PERIODS,
        ("sentiment", "score"): tuple(sentiment.SCORES),
        ("actor_mentions", "group_by"): ("none", *actor_tables.GROUP_BY),
        ("actor_mentions", "period"): PERIODS,
        ("actor_mentions", "types"): tuple(actors.TYPES),
        ("actor_mentions", "network_types"): tuple(actors.TYPES),
    }


CHOICE_CASES = list(_choices_of_the_code())


@pytest.mark.parametrize("report, name", CHOICE_CASES, ids=[f"{r}.{n}" for r, n in CHOICE_CASES])
def test_choice_parameters_declare_the_choices_the_code_accepts(report, name):
    notebook = paths.NOTEBOOKS / f"{report}.ipynb"
    param = report_parameters(notebook)[name]
    assert param.choices == _choices_of_the_code()[report, name], (
        f"{report}.{name}: write its help as `# one of: {', '.join(_choices_of_the_code()[report, name])} — ...`"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_choice_parameter_is_checked_against_the_package(notebook):
    """A choice declared in a help comment is one the package defines, and a notebook keeps no
    list of its own: check_notebook_parameters (cell 2) is its one check."""
    declared = [name for name, p in report_parameters(notebook).items() if p.choices]
    report = notebook.stem
    assert sorted(declared) == sorted(n for r, n in CHOICE_CASES if r == report)
    code = [
        c.source
        for c in nbformat.read(notebook, as_version=4).cells
        if c.cell_type == "code" and "tags" not in c.metadata
    ]
    assert any(f'check_notebook_parameters("{report}", globals())' in source for source in code)
    assert not any("check_choice(" in source for source in code), f"{report}: a second list of choices in a cell"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_defaults_are_among_their_choices_and_list_items_are_typed(notebook):
    for param in report_parameters(notebook).values():
        values = param.default if isinstance(param.default, list) else [param.default]
        outside = [v for v in values if param.choices and v not in param.choices]
        assert not outside, f"{notebook.name}: default of {param.name} {outside} is not one of {param.choices}"
        if param.type == "list":
            assert param.items or param.default, (
                f"{notebook.name}: {param.name} = [] says nothing about its items; annotate it, e.g. `{param.name}: list[str] = []`"
            )


def report_for(param_file: Path) -> str | None:
    """``word_frequency_bbc.yaml`` -> ``word_frequency`` (the longest report name that prefixes it)."""
    stem = param_file.stem
    matches = [name for name in discover_reports() if stem == name or stem.startswith(name + "_")]
    return max(matches, key=len) if matches else None


@pytest.mark.parametrize("param_file", PARAM_FILES, ids=ids(PARAM_FILES))
def test_params_files_name_declared_parameters(param_file):
    report = report_for(param_file)
    assert report, f"{param_file.name}: name it <report>_<what>.yaml, <report> one of {list(discover_reports())}"
    declared = {report: report_parameters(discover_reports()[report])}
    values = read_params_file(param_file)
    check_parameters(declared, values)  # raises with the unknown or mistyped names
    assert set(values) <= set(declared[report])


# --------------------------------------------------------------------------- all reports on data/sample


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory, sample_corpus):
    """One run of every report notebook on data/sample (shared by the tests below)."""
    from analysis.run import run_reports

    out = tmp_path_factory.mktemp("sample-reports")
    cache = tmp_path_factory.mktemp("cache")
    result = run_reports(sample_corpus, out, cache_dir=cache, log=None, prepare_options={"progress": False})
    return result, out, cache


@pytest.mark.slow
def test_every_report_runs_on_the_sample(sample_run):
    result, out, _ = sample_run
    failures = [f"{r.name}: {r.error}" for r in result.failed]
    assert not failures, "; ".join(failures)
    assert [r.name for r in result.reports] == list(discover_reports())
    page = (out / "index.html").read_text()
    for report in result.reports:
        assert f'href="{report.name}.html"' in page


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_report_builds_html_tables_and_figures(sample_run, notebook):
    _, out, _ = sample_run
    name = notebook.stem
    assert (out / f"{name}.html").stat().st_size > 0
    assert (out / f"{name}.ipynb").is_file()
    written = {p.name for p in (out / name).iterdir()}
    assert written == SAMPLE_OUTPUTS[name], (
        f"{name}: missing {sorted(SAMPLE_OUTPUTS[name] - written)}, unexpected {sorted(written - SAMPLE_OUTPUTS[name])}"
    )
    for table in (out / name).glob("*.csv"):
        assert len(pd.read_csv(table)) > 0, f"{name}/{table.name} has no rows on the sample"
    for figure in (out / name).glob("*.png"):
        drawn = figure.read_bytes()
        # a real chart, not an empty canvas: the sample's smallest figure is about 25 kB
        assert drawn.startswith(b"\x89PNG\r\n\x1a\n") and len(drawn) > 10_000, f"{name}/{figure.name}"
    executed = nbformat.read(out / f"{name}.ipynb", as_version=4)
    errors = [
        o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"
    ]
    assert not errors


@pytest.mark.slow
def test_every_table_written_has_the_columns_of_its_contract(sample_run):
    """Every CSV of a run is named in schemas.RESULTS and has exactly its columns, in order
    (problems.csv, the prepared corpus's, those of its frame schema)."""
    from analysis import schemas

    _, out, _ = sample_run
    written = sorted(out.glob("*/*.csv"))
    assert len(written) == sum(name.endswith(".csv") for files in SAMPLE_OUTPUTS.values() for name in files)
    wrong = {}
    for path in written:
        name = GROUPED_CSV.sub(r"\1", path.stem)
        header = list(pd.read_csv(path, nrows=0).columns)
        if name not in RESULTS:
            wrong[f"{path.parent.name}/{path.name}"] = "no contract in schemas.RESULTS"
        elif header != result_columns(name, present=header):
            wrong[f"{path.parent.name}/{path.name}"] = f"{header}, contract {result_columns(name, present=header)}"
    assert wrong == {}
    assert list(pd.read_csv(out / "problems.csv", nrows=0).columns) == schemas.columns("problems")


@pytest.mark.slow
def test_second_run_reuses_the_prepared_corpus(sample_run, sample_corpus):
    from analysis.run import _prepare

    result, _, cache = sample_run
    prepared, reused, manifest, line = _prepare(sample_corpus, cache, {"progress": False})
    assert reused and prepared == result.prepared
    assert line.startswith("reused prepared corpus")
    assert manifest["counts"]["articles"] > 0


def _printed(notebook: Path) -> str:
    executed = nbformat.read(notebook, as_version=4)
    return "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", []))


@pytest.mark.slow
def test_word_frequency_compares_the_two_largest_categories_by_default(sample_run):
    from analysis import frequencies as fq
    from analysis.prepare import open_corpus

    result, out, _ = sample_run
    corpus = open_corpus(result.prepared)
    tokens = fq.with_groups(corpus.tokens, corpus.articles, "category")
    sizes = tokens.loc[tokens["is_word"]].groupby("group").size().sort_values(ascending=False)
    assert len(sizes) >= 2, "data/sample should have at least two categories"
    a, b = sizes.index[:2]
    keyness = pd.read_csv(out / "word_frequency" / "keyness.csv")
    assert len(keyness) > 0 and (keyness["g2"] >= 0).all()
    # count_a and count_b are the term's counts in the two largest groups, as terms_by_group counts them
    by_group = pd.read_csv(out / "word_frequency" / "terms_by_group.csv")
    for group, column in ((a, "count_a"), (b, "count_b")):
        both = keyness.merge(by_group.loc[by_group["group"] == group], on="term")
        assert len(both) >= 10, f"too few keyness terms of {group} in terms_by_group to tell the groups apart"
        assert (both[column] == both["count"]).all(), f"{column} is not {group}'s count"


@pytest.mark.slow
def test_word_frequency_runs_on_a_corpus_without_categories(tmp_path):
    """group_by=category on a flat folder: one group, so the group sections say so and skip."""
    from analysis.run import run_reports

    corpus = tmp_path / "flat"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Budget vote delayed\n\nThe council delayed the budget vote. The tax plan needs work.\n"
    )
    (corpus / "b.txt").write_text(
        "Port reopens\n\nThe port reopened after the storm. Trade will recover, firms said.\n"
    )
    out = tmp_path / "out"
    result = run_reports(
        corpus,
        out,
        reports=["word_frequency"],
        cache_dir=tmp_path / "cache",
        log=None,
        prepare_options={"progress": False},
    )
    assert result.ok, result.failed[0].error if result.failed else ""
    printed = _printed(out / "word_frequency.ipynb")
    assert "Keyness compares two groups" in printed and "Distinctive terms need at least two groups" in printed
    # no group tables or figures at all (no dates either, so no trends), and the rest about these two articles
    grouped = {
        "keyness.csv",
        "keyness.png",
        "distinctive_terms.csv",
        "distinctive_terms.png",
        "distinctive_tf_idf.csv",
        "terms_by_group.csv",
        "top_terms_by_group.png",
        "trends.csv",
        "trends.png",
    }
    assert {p.name for p in (out / "word_frequency").iterdir()} == SAMPLE_OUTPUTS["word_frequency"] - grouped
    terms = pd.read_csv(out / "word_frequency" / "terms.csv").set_index("term")["count"]
    assert terms[["budget", "delayed", "vote", "port"]].tolist() == [2, 2, 2, 2]


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_report_opens_with_findings_that_link_to_its_sections(sample_run, notebook):
    """Issue 14: 3-6 findings under the title, before the first section, each linking to a heading of the page."""
    import json
    import re

    _, out, _ = sample_run
    name = notebook.stem
    found = json.loads((out / name / "findings.json").read_text(encoding="utf-8"))
    assert 3 <= len(found) <= 6, found
    page = (out / f"{name}.html").read_text(encoding="utf-8")
    assert "The findings are computed at the end" not in page  # the placeholder was replaced
    headings = re.findall(r'<h2 id="([^"]+)"', page)
    assert headings[0] == "Key-findings"
    for finding in found:
        assert finding["section"] in headings, finding
    assert "Key findings" in (out / "index.html").read_text(encoding="utf-8")
