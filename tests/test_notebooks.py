"""Notebook hygiene, and every report notebook executed on data/sample through the runner.

- report notebooks (``notebooks/*.ipynb``; ``notebooks/exploratory/`` is not checked) are
  committed without outputs or execution counts;
- each has exactly one ``parameters`` cell: typed literals, one a line, each with a ``# help``
  comment, ``corpus`` and ``out`` first; it is the first code cell;
- every key of ``notebooks/params/<report>_*.yaml`` is a parameter of that report, of the right type;
- one run of all reports on ``data/sample`` builds every HTML page, CSV and PNG, and the
  stable tables have their stable columns.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import paths
from analysis.run import RUNNER_PARAMETERS, check_parameters, discover_reports, read_params_file, report_parameters

NOTEBOOKS = sorted(p for p in paths.NOTEBOOKS.glob("*.ipynb"))
PARAM_FILES = sorted((paths.NOTEBOOKS / "params").glob("*.yaml"))

# Tables other tools read: report -> table -> (columns that must be there, required?)
STABLE_TABLES = {
    "word_frequency": {
        "terms": (["term", "count", "documents", "per_10k"], True),
        "ngrams": (["ngram", "n", "count", "documents"], True),
        "collocations": (["w1", "w2", "count", "pmi", "llr"], True),
        "keyness": (["term", "count_a", "count_b", "g2", "log_ratio", "p_value"], False),  # when two groups are compared
    },
    "sentiment": {
        "sentences": (["doc_id", "sent_id", "text", "neg", "neu", "pos", "compound"], True),
        "documents": (
            ["doc_id", "title", "published", "source", "category", "sentences", "compound",
             "positive_share", "negative_share", "label"],
            True,
        ),
        "groups": (["group", "documents", "compound", "ci_low", "ci_high"], False),  # when grouped
    },
    "actor_mentions": {
        "mentions": (["doc_id", "sent_id", "start", "end", "surface", "actor", "actor_type", "source"], True),
        "actors": (["actor", "actor_type", "mentions", "documents", "quotes", "tone", "tone_ci_low", "tone_ci_high"], True),
        "comentions": (["actor_a", "actor_b", "sentences", "documents"], True),
        "quotes": (["doc_id", "speaker", "speaker_type", "quote", "start", "end"], True),
        "unmatched": (["name", "actor_type", "mentions", "documents"], True),
    },
}


def ids(paths_):
    return [p.name for p in paths_]


def parameters_cells(nb) -> list:
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


# --------------------------------------------------------------------------- hygiene


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_committed_without_outputs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    dirty = [
        i for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"{notebook.name}: cells {dirty} have outputs or execution counts; run `.venv/bin/nbstripout {notebook}`"


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
    comments = {tok.start[0]: tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type == tokenize.COMMENT}
    names = []
    for stmt in tree.body:
        where = f"{notebook.name} parameters line {stmt.lineno}"
        assert isinstance(stmt, (ast.Assign, ast.AnnAssign)), f"{where}: only `name = literal  # help` lines belong here"
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        assert len(targets) == 1 and isinstance(targets[0], ast.Name), f"{where}: assign one plain name"
        assert stmt.value is not None, f"{where}: give a default value"
        value = ast.literal_eval(stmt.value)  # raises for anything derived
        assert value is not None, f"{where}: use a typed default (\"\", 0, [], False), not None"
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
    if not NOTEBOOKS:
        pytest.skip("no report notebooks yet")
    if not any(sample_corpus.iterdir()):
        pytest.skip("data/sample is empty")
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
    assert list((out / name).glob("*.csv")), f"{name} wrote no tables"
    assert list((out / name).glob("*.png")), f"{name} wrote no figures"
    executed = nbformat.read(out / f"{name}.ipynb", as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


STABLE_CASES = [(report, table) for report, tables in STABLE_TABLES.items() for table in tables]


@pytest.mark.slow
@pytest.mark.parametrize("report, table", STABLE_CASES, ids=[f"{r}/{t}" for r, t in STABLE_CASES])
def test_stable_tables_have_stable_columns(sample_run, report, table):
    result, out, _ = sample_run
    if report not in {r.name for r in result.reports}:
        pytest.skip(f"notebooks/{report}.ipynb does not exist yet")
    columns, required = STABLE_TABLES[report][table]
    path = out / report / f"{table}.csv"
    if not path.is_file():
        assert not required, f"{report} did not write {table}.csv"
        pytest.skip(f"{report} wrote no {table}.csv on the sample (optional table)")
    header = list(pd.read_csv(path, nrows=0).columns)
    missing = [c for c in columns if c not in header]
    assert not missing, f"{path.name} lacks {missing}; has {header}"


@pytest.mark.slow
def test_second_run_reuses_the_prepared_corpus(sample_run, sample_corpus):
    from analysis.run import _prepare

    result, _, cache = sample_run
    prepared, reused, manifest, line = _prepare(sample_corpus, cache, {"progress": False})
    assert reused and prepared == result.prepared
    assert line.startswith("reused prepared corpus")
    assert manifest["counts"]["articles"] > 0
