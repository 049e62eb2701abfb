"""The ``analysis`` command: help, one-line errors with exit status 2, run and prepare."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, paths

from test_run import FIXTURES, make_prepared


@pytest.fixture
def fixture_reports(monkeypatch):
    """The runner and `analysis reports` see the test notebooks instead of notebooks/."""
    monkeypatch.setattr(paths, "NOTEBOOKS", FIXTURES)
    return FIXTURES


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    return make_prepared(tmp_path_factory.mktemp("prepared"))


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("analysis: error: ")
    assert "Traceback" not in captured.err + captured.out
    return lines[0]


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["prepare", "--help"], ["reports", "--help"]])
def test_help_on_every_command_has_examples(argv, capsys):
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: analysis")
    assert "examples:" in out


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("analysis ")


def test_python_dash_m_runs_the_same_command():
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "usage: analysis run" in done.stdout


def test_no_command_prints_help_and_fails(capsys):
    assert cli.main([]) == 2
    assert "usage: analysis" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["frob"], "invalid choice: 'frob'"),
        (["rnu", "{corpus}"], "did you mean 'run'?"),
        (["RUN", "{corpus}"], "did you mean 'run'?"),  # another case is the closest command
        (
            ["run", "{corpus}", "--out", "{out}", "--reprot", "greeting"],
            "unknown option --reprot; did you mean --report? (see `analysis run --help`)",
        ),
        (["prepare", "{corpus}", "--out", "{out}", "--froce"], "did you mean --force? (see `analysis prepare --help`)"),
        (["run", "{corpus}", "--out", "{out}", "stray"], "unexpected argument(s) 'stray' (see `analysis run --help`)"),
        (["--verison"], "did you mean --version?"),
        (["run", "{corpus}", "--out", "{out}", "--Show-Code"], "did you mean --show-code?"),
        (["run", "{corpus}", "--out", "{out}", "--actors", "x.yaml"], "--actors change how a corpus is prepared"),
        (["run", "{corpus}", "--out", "{out}", "--drop-duplicates"], "is already prepared"),
        (["run", "{corpus}", "--out", "{corpus}/manifest.json"], "is a file, not a folder"),
        (["prepare", "{corpus}", "--out", "{corpus}/manifest.json"], "is a file, not a folder"),
        (["run", "{corpus}", "--out", "{corpus}/manifest.json/sub"], "is inside the corpus"),
        (["run"], "required: CORPUS, --out"),
        (["run", "data/sample"], "required: --out"),
        (["prepare", "data/sample", "--out", "x", "--workers", "0"], "must be at least 1"),
        (["prepare", "data/sample", "--out", "x", "--chunk-size", "many"], "not a whole number"),
        (["run", "{corpus}", "--out", "{out}", "-p", "top_n"], "not key=value"),
        (["run", "no/such/corpus", "--out", "{out}"], "does not exist"),
        (["prepare", "no/such/corpus", "--out", "{out}"], "does not exist"),
        (["run", "{corpus}", "--out", "{out}", "--params", "no/such.yaml"], "does not exist"),
        (["run", "{corpus}", "--out", "{out}", "--report", "greting"], "Did you mean 'greeting'"),
        (["reports", "greting"], "Did you mean 'greeting'"),
    ],
)
def test_user_errors_are_one_line_with_status_2(argv, fragment, capsys, tmp_path, prepared, fixture_reports):
    argv = [a.format(corpus=prepared, out=tmp_path / "out") for a in argv]
    assert cli.main(argv) == 2
    assert fragment in one_error_line(capsys)
    assert not list(tmp_path.glob("out/*.ipynb"))


def test_parameter_typo_exits_2_before_anything_runs(capsys, tmp_path, prepared, fixture_reports):
    out = tmp_path / "out"
    assert cli.main(["run", str(prepared), "--out", str(out), "-p", "top_m=3"]) == 2
    line = one_error_line(capsys)
    assert "unknown parameter 'top_m'" in line and "did you mean 'top_n'" in line
    assert not out.exists()


def test_parameter_of_wrong_type_exits_2(capsys, tmp_path, prepared, fixture_reports):
    assert cli.main(["run", str(prepared), "--out", str(tmp_path / "out"), "-p", "top_n=lots"]) == 2
    assert "whole number" in one_error_line(capsys)


@pytest.mark.parametrize(
    "text, fragments",
    [
        ("top_n: many\n", ["top_n='many' should be a whole number", "in {file}"]),
        ("terms: [no, tax]\n", ["quote it", "in {file}"]),
        ("top_m: 3\n", ["unknown parameter 'top_m'", "in {file}"]),
        ("top_n: [1\n", ["not valid YAML at line 2"]),
        ("- top_n\n", ["must be a mapping"]),
    ],
)
def test_bad_params_file_is_one_line_naming_the_file(text, fragments, capsys, tmp_path, prepared, fixture_reports):
    params = tmp_path / "params.yaml"
    params.write_text(text)
    assert cli.main(["run", str(prepared), "--out", str(tmp_path / "out"), "--params", str(params)]) == 2
    line = one_error_line(capsys)
    for fragment in fragments:
        assert fragment.format(file=params) in line
    assert not (tmp_path / "out").exists()


def test_value_from_the_command_line_is_not_blamed_on_the_file(capsys, tmp_path, prepared, fixture_reports):
    params = tmp_path / "params.yaml"
    params.write_text("top_n: 3\n")
    assert (
        cli.main(["run", str(prepared), "--out", str(tmp_path / "out"), "--params", str(params), "-p", "top_n=x"]) == 2
    )
    assert str(params) not in one_error_line(capsys)


@pytest.mark.parametrize(
    "pair, fragments",
    [
        (
            "group_by=catgory",
            [
                "group_by='catgory' is not a valid choice",
                "word_frequency: none, category, source, month",
                "did you mean 'category'?",
            ],
        ),
        (
            "period=fortnight",
            ["period='fortnight' is not one of: D, W, M, Q, Y (word_frequency, sentiment, actor_mentions)"],
        ),
        ("period=m", ["not one of: D, W, M, Q, Y", "did you mean 'M'?"]),
        ("trend_freq=M", ["unknown parameter 'trend_freq'", "it is now called 'period' (same values)"]),
        ("top_k=3", ["unknown parameter 'top_k'", "it is now called 'top_n' (same values)"]),
        ("types=[persn]", ["'persn' is not one of: person, organization, location, other", "did you mean 'person'?"]),
    ],
)
def test_wrong_choice_exits_2_before_anything_runs(pair, fragments, capsys, tmp_path, prepared):
    """The real report notebooks declare their choices; a wrong one is refused up front."""
    out = tmp_path / "out"
    assert cli.main(["run", str(prepared), "--out", str(out), "-p", pair]) == 2
    line = one_error_line(capsys)
    for fragment in fragments:
        assert fragment in line
    assert not out.exists()


def test_run_on_a_prepared_directory_uses_it_as_is(capsys, tmp_path, fixture_reports):
    corpus = tmp_path / "raw"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Budget vote delayed\n\nThe council delayed the budget vote.\n")
    prepared_dir = tmp_path / "prepared"
    assert cli.main(["prepare", str(corpus), "--out", str(prepared_dir), "--workers", "1"]) == 0
    before = {p: p.stat().st_mtime_ns for p in prepared_dir.rglob("*")}
    capsys.readouterr()
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert (
        cli.main(["run", str(prepared_dir), "--out", str(out), "--report", "greeting", "--cache-dir", str(cache)]) == 0
    )
    stdout = capsys.readouterr().out.splitlines()
    assert stdout[0] == f"using prepared corpus {prepared_dir}"
    assert not cache.exists()  # nothing prepared again
    assert {p: p.stat().st_mtime_ns for p in prepared_dir.rglob("*")} == before  # nor rewritten
    assert str(prepared_dir) in (out / "greeting.ipynb").read_text()


def test_prepare_engine_choice_is_checked(capsys, tmp_path, sample_corpus):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nA body.\n")
    assert cli.main(["prepare", str(corpus), "--out", str(tmp_path / "p"), "--engine", "spark"]) == 2
    assert "'spark' is not valid" in one_error_line(capsys)


def test_run_with_yaml_lists_and_command_line_override(capsys, tmp_path, prepared, fixture_reports):
    params = tmp_path / "params.yaml"
    params.write_text("terms: [election, budget, tax]\ntop_n: 4\n")
    out = tmp_path / "out"
    status = cli.main(
        ["run", str(prepared), "--out", str(out), "--report", "greeting", "--params", str(params), "-p", "top_n=9"]
    )
    assert status == 0
    table = pd.read_csv(out / "greeting" / "terms.csv")
    assert table.to_dict("list") == {"term": ["election", "budget", "tax"], "n": [9, 9, 9]}
    stdout = capsys.readouterr().out.strip().splitlines()
    assert stdout[-2].startswith("[1/1] greeting: ok in ")
    assert stdout[-1].startswith("1 reports in ") and "1 ok" in stdout[-1]


def test_failing_report_exits_1_and_names_the_error(capsys, tmp_path, prepared, fixture_reports):
    out = tmp_path / "out"
    status = cli.main(["run", str(prepared), "--out", str(out), "--report", "greeting", "--report", "broken"])
    assert status == 1
    captured = capsys.readouterr()
    assert "analysis: report broken failed: ValueError: deliberate failure for the runner tests" in captured.err
    assert "Traceback" not in captured.err
    assert (out / "greeting.html").is_file() and (out / "broken.ipynb").is_file() and (out / "index.html").is_file()


def test_reports_lists_parameters_with_help(capsys, fixture_reports):
    assert cli.main(["reports"]) == 0
    out = capsys.readouterr().out
    assert out.index("broken") < out.index("greeting")
    assert "top_n" in out and "int" in out and "how many rows" in out
    assert "[set by the runner]" in out
    assert "list[str]" in out and "one of: a, b, c" in out  # the conventions are explained


def test_reports_shows_choices_and_lists_of_text_of_the_real_reports(capsys):
    assert cli.main(["reports", "word_frequency"]) == 0
    out = capsys.readouterr().out
    assert "one of: none, category, source, month" in out
    assert re.search(r"kwic_terms\s+list\[str\]\s+default \[\]", out)
    assert re.search(r"ngram_sizes\s+list\s+default \[2, 3\]", out)


def test_prepare_prints_one_summary_line(capsys, tmp_path):
    pytest.importorskip("analysis.load", reason="the loader is not written yet")
    corpus = tmp_path / "corpus"
    (corpus / "politics").mkdir(parents=True)
    (corpus / "politics" / "a.txt").write_text("Vote count begins\n\nOfficials began counting votes on Monday.\n")
    (corpus / "politics" / "b.txt").write_text("Budget passes\n\nThe budget passed. Critics were unhappy.\n")
    out = tmp_path / "prepared"
    assert cli.main(["prepare", str(corpus), "--out", str(out), "--workers", "1"]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("prepared ") and "2 articles" in summary
    assert (out / "manifest.json").is_file()
    assert cli.main(["prepare", str(corpus), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip().startswith("reused prepared corpus")


def test_prepare_dayfirst_and_article_size_reach_the_loader(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("---\npublished: 04.03.2024\n---\nPort deal\n\n" + "Word and word. " * 200 + "\n")
    out = tmp_path / "prepared"
    assert (
        cli.main(
            ["prepare", str(corpus), "--out", str(out), "--workers", "1", "--dayfirst", "--max-article-mb", "0.001"]
        )
        == 0
    )
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles.published.iloc[0] == pd.Timestamp("2024-03-04")
    assert len(articles.text.iloc[0].encode()) <= 1000
    problems = pd.read_csv(out / "problems.csv")
    assert problems.reason.str.contains("over max_article_bytes").tolist() == [True]
    assert cli.main(["prepare", str(corpus), "--out", str(out), "--workers", "1", "--max-article-mb", "0"]) == 0
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles.published.iloc[0] == pd.Timestamp("2024-04-03") and len(articles.text.iloc[0]) > 2000


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("-1", "must be 0 (no limit)"), ("lots", "not a number of megabytes"), ("nan", "must be 0 (no limit)")],
)
def test_max_article_mb_is_checked(value, fragment, capsys):
    assert cli.main(["prepare", "data/sample", "--out", "x", "--max-article-mb", value]) == 2
    assert fragment in one_error_line(capsys)


def test_run_passes_dayfirst_and_refuses_it_for_a_prepared_corpus(
    capsys, tmp_path, prepared, fixture_reports, monkeypatch
):
    assert cli.main(["run", str(prepared), "--out", str(tmp_path / "o"), "--dayfirst"]) == 2
    assert "--dayfirst change how a corpus is prepared" in one_error_line(capsys)
    assert cli.main(["run", str(prepared), "--out", str(tmp_path / "o"), "--max-article-mb", "0"]) == 2
    assert "--max-article-mb change how a corpus is prepared" in one_error_line(capsys)
    seen = {}

    class Stop(Exception):
        """Raised by the stand-in runner once it has seen the options."""

    def run_reports(*args, **kwargs):
        seen.update(kwargs["prepare_options"])
        raise Stop

    monkeypatch.setattr("analysis.run.run_reports", run_reports)
    with pytest.raises(Stop):
        cli.main(["run", "raw", "--out", str(tmp_path / "o"), "--dayfirst", "--max-article-mb", "2"])
    assert (seen["dayfirst"], seen["max_article_bytes"]) == (True, 2_000_000)
    seen.clear()
    with pytest.raises(Stop):
        cli.main(["run", "raw", "--out", str(tmp_path / "o")])
    assert seen["dayfirst"] is False and "max_article_bytes" not in seen, "the loader's default applies"


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (
            ["run", "{corpus}", "--out", "{out}", "--lexicon-overrides", "{tmp}/mine.yaml"],
            "--lexicon-overrides change how a corpus is prepared",
        ),
        (
            ["run", "{corpus}", "--out", "{out}", "-p", "lexicon_overrides={{draw: zero}}"],
            "'draw': 'zero' is not a valence",
        ),
        (["run", "{corpus}", "--out", "{out}", "-p", "lexicon_overrides=no/such.yaml"], "no/such.yaml does not exist"),
        (["prepare", "data/sample", "--out", "{out}", "--lexicon-overrides", "no/such.csv"], "does not exist"),
    ],
)
def test_lexicon_override_errors_are_one_line(argv, fragment, capsys, tmp_path, prepared, fixture_reports):
    (tmp_path / "mine.yaml").write_text("draw: 0\n")
    argv = [a.format(corpus=prepared, out=tmp_path / "out", tmp=tmp_path) for a in argv]
    assert cli.main(argv) == 2
    assert fragment in one_error_line(capsys)


def test_prepare_and_run_take_lexicon_overrides(capsys, tmp_path):
    from analysis.prepare import Corpus
    from analysis.run import _lexicon_overrides

    corpus = tmp_path / "corpus"
    (corpus / "sport").mkdir(parents=True)
    (corpus / "sport" / "a.txt").write_text("Cup draw made\n\nThe draw for the cup was made on Monday.\n")
    overrides = tmp_path / "mine.csv"
    overrides.write_text("term,valence\ndraw,-1\n")
    out = tmp_path / "prepared"
    assert (
        cli.main(["prepare", str(corpus), "--out", str(out), "--workers", "1", "--lexicon-overrides", str(overrides)])
        == 0
    )
    prepared = Corpus(out)
    assert prepared.lexicon_overrides == (("draw", -1.0),)
    assert (prepared.sentences["tone"] < 0).all() and (prepared.sentences["compound"] == 0).all()
    # `run -p lexicon_overrides=FILE` (or a dict) joins the prepare options after --lexicon-overrides,
    # and the notebooks get the resulting dict
    params, options = _lexicon_overrides(
        {"lexicon_overrides": str(overrides), "top_n": 3}, {"lexicon_overrides": {"cup": 1, "draw": 2}}
    )
    assert params == {"lexicon_overrides": {"cup": 1.0, "draw": -1.0}, "top_n": 3}
    assert options["lexicon_overrides"] == {"cup": 1.0, "draw": -1.0}
    assert _lexicon_overrides({"top_n": 3}, {"workers": 1}) == ({"top_n": 3}, {"workers": 1})


def test_a_closed_pipe_ends_the_command_quietly():
    """`analysis reports | head`: the reader leaving is not a disk error and not a traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "reports"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # before the command has printed anything: every write meets a closed pipe
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 141, err.decode()  # 128 + SIGPIPE, as cat and grep end
    assert err.decode() == ""


def test_prepare_starts_the_workers_server_before_importing_pandas(tmp_path, sample_corpus):
    # the server's imports and warm-up are what the first chunk waits for: they start first and
    # run beside this process's own imports (issue 15: prepare's start-up)
    code = f"""
import sys
import analysis.pool_server as pool_server
seen = []
def start():
    seen.append(sorted(m for m in ("pandas", "pyarrow", "analysis.prepare") if m in sys.modules))
    raise SystemExit(0)
pool_server.start_pool_server = start
from analysis.cli import main
main(["prepare", {str(sample_corpus)!r}, "--out", {str(tmp_path / "out")!r}, "--workers", "2"])
print(seen)
"""
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[-2] == "[[]]"


def test_importing_the_package_leaves_pandas_for_later():
    code = "import sys, analysis; print('pandas' in sys.modules, analysis.schemas.__name__, analysis.Report.__name__)"
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.stdout.split() == ["False", "analysis.schemas", "Report"], result.stderr[-2000:]


_ENTRY = """
import atexit, sys
class Teardown:
    def __del__(self):
        print("interpreter torn down", flush=True)
kept_until_teardown = Teardown()
atexit.register(lambda: print("exit handler ran", flush=True))
sys.argv = ["analysis", *{argv!r}]
from analysis.cli import entry
entry()
"""


@pytest.mark.parametrize("command", ["prepare", "prepare-fails", "reports"])
def test_prepare_ends_without_the_interpreters_teardown_but_keeps_its_output_and_status(
    tmp_path, sample_corpus, command
):
    out = tmp_path / "prepared"
    argv = {
        "prepare": ["prepare", str(sample_corpus), "--out", str(out), "--workers", "1"],
        "prepare-fails": ["prepare", str(tmp_path / "no-such-corpus"), "--out", str(out)],
        "reports": ["reports", "--help"],
    }[command]
    done = subprocess.run([sys.executable, "-c", _ENTRY.format(argv=argv)], capture_output=True, text=True, timeout=120)
    assert "exit handler ran" in done.stdout  # exit handlers (logging, multiprocessing) still run
    if command == "reports":  # every other command exits as Python does
        assert done.returncode == 0 and "interpreter torn down" in done.stdout
        return
    assert "interpreter torn down" not in done.stdout, done.stdout
    if command == "prepare":
        assert done.returncode == 0, done.stderr[-2000:]
        assert "prepared " in done.stdout  # the summary line was flushed before the exit
        assert cli.main(["prepare", str(sample_corpus), "--out", str(out), "--workers", "1"]) == 0  # complete: reused
    else:
        assert done.returncode == 2 and "no-such-corpus" in done.stderr


def test_the_console_script_and_python_dash_m_use_the_entry_point():
    import tomllib

    root = Path(__file__).resolve().parents[1]
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"analysis": "analysis.cli:entry"}
    assert "entry()" in (root / "src" / "analysis" / "__main__.py").read_text()
