"""outputs.py and the commands that use it: never write into, or delete, a folder the tool did not make."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import cli, outputs
from analysis.outputs import OutputError, check_apart, check_folder, claim_folder, folder_lock, remove_stale_staging
from analysis.prepare import prepare_corpus

SRC = Path(outputs.__file__).resolve().parent.parent


def write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def tiny_corpus(folder: Path, n: int = 2) -> Path:
    for i in range(n):
        write(
            folder / "politics" / f"a{i}.txt",
            f"Title {i}\n\nThe minister said the talks in Paris went well. Number {i}.\n",
        )
    return folder


def one_error_line(capsys) -> str:
    # the progress bar (tqdm, "prepare: ...") may have started before the error, as it does on a
    # disk that fills half-way: it is not part of the message, which must be one line
    captured = capsys.readouterr()
    lines = [
        line
        for line in captured.err.replace("\r", "\n").splitlines()
        if line.strip() and not line.startswith("prepare:")
    ]
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err + captured.out
    return lines[0]


# --------------------------------------------------------------------------- check_folder


@pytest.mark.parametrize("kind", ["prepared", "reports", "cache"])
def test_missing_and_empty_folders_are_accepted(tmp_path, kind):
    (tmp_path / "empty").mkdir()
    assert check_folder(tmp_path / "missing", kind) == tmp_path / "missing"
    assert check_folder(tmp_path / "empty", kind) == tmp_path / "empty"
    assert not (tmp_path / "missing").exists()  # checking creates nothing


@pytest.mark.parametrize(
    "files, kind, fragment",
    [
        (["thesis.docx", "photos/1.jpg"], "prepared", "not written by analysis"),
        (["thesis.docx"], "reports", "not written by analysis"),
        (["notes.txt"], "cache", "not written by analysis"),
        # a prepared corpus (marked) with a foreign file beside it
        ([outputs.MARKER + "=prepared", "manifest.json", "thesis.docx"], "prepared", "did not write (thesis.docx)"),
        # a report folder that holds a user's file inside a report's folder
        (
            [outputs.MARKER + "=reports", "index.html", "sentiment/groups.csv", "sentiment/notes.md"],
            "reports",
            "did not write (sentiment/notes.md)",
        ),
        # the wrong kind
        ([outputs.MARKER + "=reports", "index.html"], "prepared", "holds reports, not a prepared corpus"),
        ([outputs.MARKER + "=prepared", "manifest.json"], "reports", "holds a prepared corpus, not reports"),
    ],
)
def test_foreign_folders_are_refused_in_one_line(tmp_path, files, kind, fragment):
    out = tmp_path / "out"
    for name in files:
        name, _, marked = name.partition("=")
        write(out / name, json.dumps({"kind": marked}) if marked else "mine")
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    with pytest.raises(OutputError) as error:
        check_folder(out, kind, reports=["sentiment", "word_frequency"])
    message = str(error.value)
    assert fragment in message and "\n" not in message and str(out) in message
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before


@pytest.mark.parametrize(
    "files, kind",
    [
        # written by older versions: no marker, only names the tool writes
        (["manifest.json", "problems.csv", "tokens.parquet/part-00000.parquet"], "prepared"),
        (["index.html", "problems.csv", "sentiment.html", "sentiment.ipynb", "sentiment/groups.csv"], "reports"),
        (["0123456789abcdef/manifest.json"], "cache"),
        # marked, with what a run leaves when interrupted
        ([outputs.MARKER + "=reports", ".sentiment.partial/x.csv", ".index.html.abc.part"], "reports"),
    ],
)
def test_own_outputs_are_accepted(tmp_path, files, kind):
    out = tmp_path / "out"
    for name in files:
        name, _, marked = name.partition("=")
        write(out / name, json.dumps({"kind": marked}) if marked else "mine")
    assert claim_folder(out, kind, reports=["sentiment"]) == out
    assert outputs.read_marker(out) == kind


def test_a_file_is_not_a_folder(tmp_path):
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_folder(write(tmp_path / "x"), "reports")


@pytest.mark.parametrize(
    "corpus, out, fragment",
    [
        ("news", "news", "inside the corpus"),
        ("news", "news/reports", "inside the corpus"),
        ("news", ".", "news is inside --out"),
        ("news/a.jsonl", ".", "is inside"),
    ],
)
def test_output_and_corpus_must_be_apart(tmp_path, corpus, out, fragment):
    with pytest.raises(OutputError, match=fragment):
        check_apart(tmp_path / corpus, tmp_path / out)


def test_apart_folders_pass(tmp_path):
    check_apart(tmp_path / "news", tmp_path / "reports")
    check_apart(tmp_path / "news", tmp_path / "news-reports")  # a shared prefix is not nesting


# --------------------------------------------------------------------------- prepare and run refuse


def test_prepare_refuses_a_foreign_folder_and_deletes_nothing(tmp_path, capsys):
    corpus = tiny_corpus(tmp_path / "news")
    thesis = write(tmp_path / "work" / "thesis.txt", "three years of work")
    for force in ([], ["--force"]):
        assert cli.main(["prepare", str(corpus), "--out", str(tmp_path / "work"), "--workers", "1", *force]) == 2
        assert "not written by analysis" in one_error_line(capsys)
        assert thesis.read_text() == "three years of work"


@pytest.mark.parametrize("out", ["news", "news/prepared", "."])
def test_prepare_refuses_output_nested_with_the_corpus(tmp_path, capsys, out):
    corpus = tiny_corpus(tmp_path / "news")
    before = sorted(tmp_path.rglob("*"))
    assert cli.main(["prepare", str(corpus), "--out", str(tmp_path / out), "--workers", "1"]) == 2
    assert "inside" in one_error_line(capsys)
    assert sorted(tmp_path.rglob("*")) == before


def test_prepare_force_replaces_its_own_output_but_not_a_foreign_file_in_it(tmp_path, capsys):
    corpus = tiny_corpus(tmp_path / "news")
    out = tmp_path / "prepared"
    assert cli.main(["prepare", str(corpus), "--out", str(out), "--workers", "1"]) == 0
    assert outputs.read_marker(out) == "prepared"
    first = json.loads((out / "manifest.json").read_text())["created"]
    assert cli.main(["prepare", str(corpus), "--out", str(out), "--workers", "1", "--force"]) == 0
    assert json.loads((out / "manifest.json").read_text())["created"] != first
    capsys.readouterr()
    write(out / "my-notes.txt", "mine")
    assert cli.main(["prepare", str(corpus), "--out", str(out), "--workers", "1", "--force"]) == 2
    assert "my-notes.txt" in one_error_line(capsys)
    assert (out / "my-notes.txt").read_text() == "mine" and (out / "manifest.json").is_file()


def test_prepare_cleans_staging_folders_left_by_a_killed_run(tmp_path):
    corpus = tiny_corpus(tmp_path / "news")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / ".prepared.abc123.partial"
    write(left / outputs.OWNER, json.dumps({"pid": int(dead.stdout), "host": os.uname().nodename}))
    write(left / "articles.parquet", "half written")
    alive = tmp_path / ".prepared.def456.partial"  # another prepare, still running
    write(alive / outputs.OWNER, json.dumps({"pid": os.getpid(), "host": os.uname().nodename}))
    prepare_corpus(corpus, tmp_path / "prepared", workers=1, progress=False)
    assert not left.exists()
    assert alive.exists()
    assert [p.name for p in tmp_path.glob(".prepared.*")] == [alive.name]


def test_staging_without_an_owner_is_kept_while_recent(tmp_path):
    recent = tmp_path / ".x.1.partial"
    recent.mkdir()
    old = tmp_path / ".x.2.partial"
    old.mkdir()
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert remove_stale_staging(tmp_path, ".x.*.partial") == [old]
    assert recent.exists() and not old.exists()


def test_run_refuses_a_foreign_folder_and_deletes_nothing(tmp_path, capsys, monkeypatch):
    from analysis import paths

    from test_run import FIXTURES, make_prepared

    monkeypatch.setattr(paths, "NOTEBOOKS", FIXTURES)
    prepared = make_prepared(tmp_path / "prepared")
    out = tmp_path / "mine"
    write(out / "index.html", "my own home page")
    write(out / "greeting" / "budget.xlsx", "numbers")
    assert cli.main(["run", str(prepared), "--out", str(out), "--report", "greeting"]) == 2
    assert "not written by analysis" in one_error_line(capsys)
    assert (out / "index.html").read_text() == "my own home page"
    assert (out / "greeting" / "budget.xlsx").read_text() == "numbers"
    assert sorted(p.name for p in out.rglob("*")) == ["budget.xlsx", "greeting", "index.html"]


def test_run_refuses_output_inside_the_corpus(tmp_path, capsys):
    corpus = tiny_corpus(tmp_path / "news")
    assert cli.main(["run", str(corpus), "--out", str(corpus / "reports"), "--cache-dir", str(tmp_path / "cache")]) == 2
    assert "inside the corpus" in one_error_line(capsys)
    assert not (corpus / "reports").exists() and not (tmp_path / "cache").exists()


def test_cache_dir_is_owned_too(tmp_path, capsys):
    from analysis.prepare import prepare_cached

    corpus = tiny_corpus(tmp_path / "news")
    write(tmp_path / "downloads" / "film.mkv", "big")
    with pytest.raises(OutputError, match="--cache-dir .* not written by analysis"):
        prepare_cached(corpus, cache_dir=tmp_path / "downloads", workers=1, progress=False)
    with pytest.raises(OutputError, match="inside the corpus"):
        prepare_cached(corpus, cache_dir=corpus / ".cache", workers=1, progress=False)
    result = prepare_cached(corpus, cache_dir=tmp_path / "cache", workers=1, progress=False)
    assert outputs.read_marker(tmp_path / "cache") == "cache"
    assert outputs.read_marker(result.path) == "prepared"
    assert prepare_cached(corpus, cache_dir=tmp_path / "cache", workers=1, progress=False).reused


# --------------------------------------------------------------------------- lock


def test_lock_refuses_a_second_holder_and_takes_over_a_stale_one(tmp_path):
    with folder_lock(tmp_path):
        with pytest.raises(OutputError, match=f"another analysis run \\(process {os.getpid()}\\)"):
            with folder_lock(tmp_path):
                pass
    assert not (tmp_path / outputs.LOCK).exists()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    write(tmp_path / outputs.LOCK, json.dumps({"pid": int(dead.stdout), "host": os.uname().nodename}))
    with folder_lock(tmp_path):  # the process that held it is gone
        pass
    write(tmp_path / outputs.LOCK, "garbage")
    with folder_lock(tmp_path):
        pass


def test_a_second_concurrent_run_into_one_folder_is_refused(tmp_path, capsys, monkeypatch):
    from analysis import paths

    from test_run import FIXTURES, make_prepared

    monkeypatch.setattr(paths, "NOTEBOOKS", FIXTURES)
    prepared = make_prepared(tmp_path / "prepared")
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from analysis.outputs import claim_folder, folder_lock\n"
            "out = claim_folder(sys.argv[1], 'reports')\nwith folder_lock(out):\n    print('locked', flush=True); time.sleep(60)\n",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert cli.main(["run", str(prepared), "--out", str(out), "--report", "greeting"]) == 2
        assert f"another analysis run (process {holder.pid}) is writing into --out" in one_error_line(capsys)
        assert not (out / "greeting.html").exists()
    finally:
        holder.kill()
        holder.wait()
    # killed: its lock is stale and the next run proceeds
    assert cli.main(["run", str(prepared), "--out", str(out), "--report", "greeting"]) == 0
    assert (out / "greeting.html").is_file() and not (out / outputs.LOCK).exists()


def test_a_folder_that_cannot_be_created_is_one_line(tmp_path):
    blocker = write(tmp_path / "file.txt")
    with pytest.raises(OutputError, match="cannot write --out folder .*file.txt/sub"):
        claim_folder(blocker / "sub", "reports")


# --------------------------------------------------------------------------- prepare's lifecycle


@pytest.mark.parametrize(
    "error, fragment, status",
    [
        (OSError(28, "No space left on device"), "no space left on device writing", 1),
        (
            OSError("IOError: [Errno 28] Error writing bytes to file. Detail: [errno 28] No space left on device"),
            "no space left on device writing the output",
            1,
        ),
        (PermissionError(13, "Permission denied"), "permission denied on", 1),
        (KeyboardInterrupt(), "interrupted", 130),
    ],
)
def test_disk_full_permission_and_interrupt_end_in_one_line(tmp_path, capsys, monkeypatch, error, fragment, status):
    from analysis import chunks

    corpus = tiny_corpus(tmp_path / "news")

    def fail(frame, path):
        if isinstance(error, OSError) and error.errno:
            error.filename = str(path)
        raise error

    monkeypatch.setattr(chunks, "write_parquet", fail)
    assert cli.main(["prepare", str(corpus), "--out", str(tmp_path / "prepared"), "--workers", "1"]) == status
    line = one_error_line(capsys)
    assert line.startswith("analysis: ") and fragment in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news"]  # no staging, no half-prepared folder


def test_nothing_loaded_still_writes_problems_and_names_them(tmp_path, capsys):
    corpus = tmp_path / "news"
    write(corpus / "empty.txt", "")
    write(corpus / "blank.txt", "   \n")
    out = tmp_path / "prepared"
    assert cli.main(["prepare", str(corpus), "--out", str(out), "--workers", "1"]) == 2
    line = one_error_line(capsys)
    assert "2 problem(s)" in line and "empty.txt" in line and "blank.txt" in line and str(out / "problems.csv") in line
    import pandas as pd

    assert sorted(pd.read_csv(out / "problems.csv")["path"]) == ["blank.txt", "empty.txt"]


def test_nothing_loaded_in_a_run_writes_problems_into_the_report_folder(tmp_path, capsys):
    corpus = tmp_path / "news"
    for i in range(5):
        write(corpus / f"empty{i}.txt", "")
    out = tmp_path / "reports"
    assert cli.main(["run", str(corpus), "--out", str(out), "--cache-dir", str(tmp_path / "cache")]) == 2
    line = one_error_line(capsys)
    assert "5 problem(s) (first empty0.txt" in line and str(out / "problems.csv") in line
    import pandas as pd

    assert sorted(pd.read_csv(out / "problems.csv")["path"]) == [f"empty{i}.txt" for i in range(5)]


PARENT = """
import sys
from analysis.prepare import prepare_corpus
prepare_corpus(sys.argv[1], sys.argv[2], workers=2, chunk_size=1, progress=False)
"""


@pytest.mark.slow
def test_pool_workers_end_when_prepare_is_killed(tmp_path):
    import signal

    import psutil

    corpus = tiny_corpus(tmp_path / "news", n=400)
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(corpus), str(tmp_path / "prepared")],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        workers: list[psutil.Process] = []
        while time.time() < deadline and len(workers) < 2:  # forkserver + its workers
            workers = psutil.Process(parent.pid).children(recursive=True)
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
        workers = psutil.Process(parent.pid).children(recursive=True)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        gone, alive = psutil.wait_procs(workers, timeout=15)
        assert alive == [], f"workers outlived prepare: {[p.pid for p in alive]}"
    finally:
        for process in psutil.Process().children(recursive=True):
            if process.pid != os.getpid():
                process.kill()


@pytest.mark.slow
def test_ctrl_c_during_a_pooled_prepare_is_one_line(tmp_path):
    import signal

    import psutil

    corpus = tiny_corpus(tmp_path / "news", n=400)
    command = [
        sys.executable,
        "-m",
        "analysis",
        "prepare",
        str(corpus),
        "--out",
        str(tmp_path / "prepared"),
        "--workers",
        "2",
        "--chunk-size",
        "1",
    ]
    parent = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and len(psutil.Process(parent.pid).children(recursive=True)) < 2:
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(parent.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    _, err = parent.communicate(timeout=60)
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("prepare:")]  # tqdm's bar
    # 130, or killed by SIGINT (-2): a shell reads both as $? = 130. CPython itself exits by
    # SIGINT when a KeyboardInterrupt passed through C code it runs (an extension's import, say)
    # even though the command caught it and printed its line: which one depends on timing
    assert parent.returncode in (130, -signal.SIGINT), err
    assert len(lines) == 1 and lines[0].startswith("analysis: interrupted"), err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news"]


def test_a_marked_report_folder_keeps_a_persons_files_beside_the_reports(tmp_path):
    out = tmp_path / "out"
    write(out / outputs.MARKER, json.dumps({"kind": "reports"}))
    write(out / "notes.md", "mine")  # beside the reports: left alone, not a reason to refuse
    assert check_folder(out, "reports", reports=["sentiment"]) == out
    write(out / "sentiment" / "notes.md", "mine")  # inside a folder the run replaces: refused
    with pytest.raises(OutputError, match="sentiment/notes.md"):
        check_folder(out, "reports", reports=["sentiment"])


def test_nothing_loaded_leaves_an_earlier_prepared_corpus_as_it_was(tmp_path, capsys):
    good = tiny_corpus(tmp_path / "news")
    out = tmp_path / "prepared"
    assert cli.main(["prepare", str(good), "--out", str(out), "--workers", "1"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad"
    write(bad / "empty.txt", "")
    capsys.readouterr()
    assert cli.main(["prepare", str(bad), "--out", str(out), "--workers", "1"]) == 2
    assert "empty.txt" in one_error_line(capsys)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_every_kind_of_file_a_report_writes_is_its_own():
    """A report folder holds its tables (CSV), figures (PNG) and findings.json: a second run into
    the same --out must not refuse its own output as foreign."""
    import tempfile

    import pandas as pd

    from analysis.report import Report

    with tempfile.TemporaryDirectory() as tmp:
        report = Report(tmp, "actor_mentions")
        report.findings(
            pd.DataFrame({"finding": ["Ana Ruiz is quoted most often."], "value": [10.0], "section": ["Who-is-quoted"]})
        )
        report.table(pd.DataFrame({"actor": ["Ana Ruiz"], "quotes": [10]}), "voices")
        folder = Path(tmp) / "actor_mentions"
        assert {"findings.json", "voices.csv"} <= {p.name for p in folder.iterdir()}
        assert outputs.report_folder_foreign(folder) == []
