"""Run the report notebooks: check parameters, prepare the corpus once, execute, export HTML.

``run_reports`` is what ``analysis run`` calls. For each report notebook in ``notebooks/``
(word_frequency, sentiment, actor_mentions) it

1. checks the parameters given by the user against the notebook's ``parameters`` cell
   (unknown names, wrong types and values outside declared choices are refused before
   anything runs);
2. prepares the corpus once (a content-keyed cache: the second run reuses it);
3. executes the notebook with papermill into ``out/<report>.ipynb`` and exports
   ``out/<report>.html`` (code hidden unless ``show_code``); the notebook writes its tables
   and figures to ``out/<report>/``;
4. writes ``out/index.html`` last, linking every report with its status.

Parameters and their conventions: see ``analysis.parameters``.

A failing notebook does not stop the others: its executed copy (with the error) and its
HTML are kept, and the result says which report failed and why. Each report is built in a
hidden staging folder and moved into place when done, so an interrupted run never leaves a
report that looks complete but is not.

Example:
    >>> result = run_reports("data/sample", "reports/sample")   # doctest: +SKIP
    >>> result.ok, [r.status for r in result.reports]            # doctest: +SKIP
    (True, ['ok', 'ok', 'ok'])
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from . import outputs, paths
from .options import OptionError
from .pages import (
    INDEX_FINDINGS,
    TEMPLATES,
    VERSION_PACKAGES,
    export_html,
    index_page,
    package_versions,
    report_findings,
)
from .parameters import (
    CHECKED_ENV,
    CHOICES_PATTERN,
    PAPERMILL_PATHS,
    RANGE_PATTERN,
    RUNNER_PARAMETERS,
    TYPE_NAMES,
    Parameter,
    ParameterError,
    check_notebook_parameters,
    check_parameters,
    declare,
    injected_parameters,
    notebook_out,
    parse_assignments,
    parse_choices,
    parse_range,
    read_params_file,
    report_parameters,
    scope_params,
)
from .report import write_csv, write_text
from .results import ReportResult, RunResult, shown

# analysis.run was one module; what moved to parameters, pages and results is still importable
# from here, as notebooks (check_notebook_parameters, notebook_out), tests and users expect
__all__ = [
    "CHECKED_ENV",
    "CHOICES_PATTERN",
    "INDEX_FINDINGS",
    "KERNEL_NAME",
    "PAPERMILL_PATHS",
    "PREPARE_PARAMETERS",
    "RANGE_PATTERN",
    "REPORT_ORDER",
    "RUNNER_PARAMETERS",
    "TEMPLATES",
    "TYPE_NAMES",
    "VERSION_PACKAGES",
    "Parameter",
    "ParameterError",
    "ReportResult",
    "RunResult",
    "check_notebook_parameters",
    "check_parameters",
    "declare",
    "discover_reports",
    "export_html",
    "index_page",
    "injected_parameters",
    "notebook_out",
    "package_versions",
    "parse_assignments",
    "parse_choices",
    "parse_range",
    "read_params_file",
    "report_findings",
    "report_parameters",
    "run_reports",
    "scope_params",
    "shown",
]

REPORT_ORDER = ("word_frequency", "sentiment", "actor_mentions")
# parameters that change how the corpus is prepared: the runner prepares the raw corpus with
# them (in the cache) and hands the report that prepared corpus, so no notebook re-prepares
PREPARE_PARAMETERS = {"actor_files": "actor_files"}
KERNEL_NAME = "analysis-python"
KERNEL_LAUNCH = (
    "import os; os.dup2(os.open(os.devnull, os.O_WRONLY), 2); "
    "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)


def discover_reports(notebooks_dir: str | Path | None = None) -> dict[str, Path]:
    """Report notebooks by name: ``notebooks/*.ipynb`` (not ``exploratory/``), in report order.

    Example:
        >>> list(discover_reports())                      # doctest: +SKIP
        ['word_frequency', 'sentiment', 'actor_mentions']
    """
    folder = Path(notebooks_dir) if notebooks_dir else paths.NOTEBOOKS
    found = {p.stem: p for p in sorted(folder.glob("*.ipynb")) if not p.name.startswith(".")}
    rank = {name: i for i, name in enumerate(REPORT_ORDER)}
    return {name: found[name] for name in sorted(found, key=lambda n: (rank.get(n, len(rank)), n))}


# --------------------------------------------------------------------------- running


def run_reports(
    corpus: str | Path,
    out: str | Path,
    *,
    reports: Sequence[str] | None = None,
    params: Mapping[str, object] | None = None,
    param_sources: Mapping[str, str] | None = None,
    report_params: Mapping[str, Mapping[str, object]] | None = None,
    report_sources: Mapping[str, Mapping[str, str]] | None = None,
    show_code: bool = False,
    cache_dir: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    prepare_options: Mapping[str, object] | None = None,
    timeout: int | None = None,
    log: Callable[[str], None] | None = print,
) -> RunResult:
    """Build the reports for a corpus into ``out``: notebooks, HTML, tables, figures, index.

    Args:
        corpus: a folder or file of articles, or a prepared corpus directory.
        out: the folder for the reports (created if needed).
        reports: names of the reports to build; default all, in report order.
        params: parameter overrides (name -> value) checked against each notebook.
            Values from ``parse_assignments`` (``-p``) are typed by the notebook's declaration.
        param_sources: where each parameter was given (name -> file), named in its error.
        report_params: overrides for one report only (report -> name -> value), e.g. from
            a report's own parameters file (``scope_params``); they win over ``params``.
            A report not built in this run ignores its overrides.
        report_sources: where each of those was given (report -> name -> file).
        show_code: keep the code cells in the HTML (hidden by default).
        cache_dir: where raw corpora are prepared (default ``reports/.cache``).
        notebooks_dir: where the report notebooks are (default ``notebooks/``).
        prepare_options: passed to ``prepare_corpus`` (workers, actor_files, drop_duplicates,
            lexicon_overrides; a ``lexicon_overrides`` parameter is added to them).
        timeout: seconds a single cell may run (default: no limit).
        log: called with each progress line (None: silent).

    Returns:
        RunResult; ``ok`` is False when a report failed (its error is in ``reports``).

    Raises:
        ParameterError: an unknown or mistyped parameter (raised before anything runs).
        OptionError: an unknown report name, or prepare options for an already prepared corpus.
        CorpusError: the corpus path does not exist.

    Example:
        >>> result = run_reports("data/sample", "reports/sample", params={"top_n": 30})  # doctest: +SKIP
        >>> print(result.summary())                                                       # doctest: +SKIP
    """
    started = time.perf_counter()
    say = log or (lambda line: None)
    # every check a person can fix comes before anything is prepared or run
    corpus_path = _existing_corpus(corpus)
    params, prepare_options = _lexicon_overrides(params or {}, prepare_options or {})
    _check_prepare_options(corpus_path, prepare_options or {})
    available = discover_reports(notebooks_dir)
    selected = _select(available, reports)
    declared = {name: report_parameters(available[name]) for name in selected}
    overrides = check_parameters(declared, params or {}, sources=param_sources)
    for name, values in (report_params or {}).items():
        if name in declared:
            own = check_parameters({name: declared[name]}, values, sources=(report_sources or {}).get(name))
            overrides[name].update(own[name])
    _check_prepare_parameters(corpus_path, overrides)

    outputs.check_apart(corpus_path, out)
    out = outputs.claim_folder(out, "reports", reports=available)
    with outputs.folder_lock(out):
        return _run_locked(
            corpus_path,
            out,
            selected,
            available,
            declared,
            overrides,
            show_code=show_code,
            cache_dir=cache_dir,
            prepare_options=prepare_options or {},
            timeout=timeout,
            say=say,
            started=started,
        )


def _run_locked(
    corpus_path,
    out,
    selected,
    available,
    declared,
    overrides,
    *,
    show_code,
    cache_dir,
    prepare_options,
    timeout,
    say,
    started,
) -> RunResult:
    """The run itself, once the parameters are checked and ``out`` is ours and locked."""
    (out / "index.html").unlink(missing_ok=True)  # written again last, when everything is in place

    prepared, reused, manifest, prepare_line = _prepare(corpus_path, cache_dir, prepare_options, out)
    say(prepare_line)
    if (prepared / "problems.csv").is_file():
        _copy_problems(prepared / "problems.csv", out / "problems.csv")

    results = []
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as kernel_dir:
        kernels = kernelspec_dir(Path(kernel_dir))
        for i, name in enumerate(selected, 1):
            params_used = {k: p.default for k, p in declared[name].items() if k not in RUNNER_PARAMETERS}
            params_used.update(overrides[name])
            own_prepared, to_notebook = _prepared_for(
                name, corpus_path, prepared, cache_dir, prepare_options, overrides[name], say
            )
            result = run_notebook(
                name,
                available[name],
                own_prepared,
                out,
                to_notebook,
                kernels=kernels,
                show_code=show_code,
                timeout=timeout,
            )
            result.parameters, result.overrides = params_used, overrides[name]
            results.append(result)
            say(f"[{i}/{len(selected)}] {result.line()}")

    seconds = time.perf_counter() - started
    run = RunResult(out, corpus_path, prepared, reused, results, seconds, out / "index.html", manifest)
    page = index_page(run)
    write_text(run.index, page)
    say(run.summary())
    return run


def _copy_problems(source: Path, target: Path) -> Path:
    """The prepared corpus's problems.csv for the reader: file names and reasons come from the
    input, so formula-like text is neutralised like every other exported table."""
    import pandas as pd

    problems = pd.read_csv(source, dtype=str, keep_default_na=False)
    return write_csv(problems, target)


def _select(available: dict[str, Path], reports: Sequence[str] | None) -> list[str]:
    if not available:
        raise OptionError("no report notebooks found; expected notebooks/<report>.ipynb")
    if not reports:
        return list(available)
    from .options import check_choice

    for name in reports:
        check_choice("report", name, list(available))
    return list(dict.fromkeys(reports))


def _existing_corpus(corpus: str | Path) -> Path:
    path = paths.resolve(corpus)
    if not path.exists():
        from .load import CorpusError

        raise CorpusError(f"corpus {corpus} does not exist; give a folder or file of articles, or a prepared corpus")
    return path


def _check_prepare_options(corpus: Path, options: Mapping[str, object]) -> None:
    """Settings that change how a corpus is prepared cannot apply to one already prepared."""
    from . import prepare

    ignored = [
        flag
        for flag, key in (
            ("--actors", "actor_files"),
            ("--drop-duplicates", "drop_duplicates"),
            ("--dayfirst", "dayfirst"),
            ("--columns", "columns"),
            ("--lexicon-overrides", "lexicon_overrides"),
        )
        if options.get(key)
    ]
    if "max_article_bytes" in options:  # None (no limit) is a choice too
        ignored.append("--max-article-mb")
    if ignored and prepare.read_manifest(corpus) is not None:
        raise OptionError(
            f"{' and '.join(ignored)} change how a corpus is prepared, but {corpus} is already prepared; "
            f"give the raw corpus instead, or prepare it again with `analysis prepare RAW --out DIR {ignored[0]} ...`"
        )
    _check_actor_files(options.get("actor_files") or [], "--actors")


def _lexicon_overrides(params: Mapping[str, object], options: Mapping[str, object]) -> tuple[dict, dict]:
    """``-p lexicon_overrides`` (a dict or a YAML/CSV file) read once: it changes how the corpus
    is prepared (the news tone), so it joins the prepare options (after ``--lexicon-overrides``),
    and the notebooks get the resulting dict."""
    from .tone import read_overrides

    given = params.get("lexicon_overrides")
    if given is None:
        return dict(params), dict(options)
    given = getattr(given, "parsed", given)  # a -p value: what YAML makes of it
    merged = {**dict(read_overrides(options.get("lexicon_overrides"))), **dict(read_overrides(given))}
    return {**params, "lexicon_overrides": merged}, {**options, "lexicon_overrides": merged}


def _check_actor_files(files, where: str) -> None:
    """Every actor dictionary named exists, before anything is prepared or run (a missing one
    used to stop the run at the first report that needed it, after the others had run)."""
    from .errors import DictionaryError

    for file in files if isinstance(files, (list, tuple)) else [files]:
        if not paths.resolve(file).is_file():
            raise DictionaryError(
                f"{where}: actor dictionary {file} does not exist; give a YAML, CSV or PETRARCH .txt file"
            )


def _check_prepare_parameters(corpus: Path, overrides: Mapping[str, Mapping[str, object]]) -> None:
    """A parameter that changes preparation (``-p actor_files=[...]``) needs the raw corpus."""
    from . import prepare

    given = sorted(
        {name for values in overrides.values() for name in values if name in PREPARE_PARAMETERS and values[name]}
    )
    if given and prepare.read_manifest(corpus) is not None:
        raise OptionError(
            f"-p {given[0]} changes how a corpus is prepared, but {corpus} is already prepared; give the raw "
            f"corpus instead, or prepare it with `analysis prepare RAW --out DIR --actors FILE ...` and run on DIR"
        )
    for values in overrides.values():
        _check_actor_files(values.get("actor_files") or [], "-p actor_files")


def _prepared_for(
    name: str,
    corpus: Path,
    prepared: Path,
    cache_dir,
    options: Mapping[str, object],
    overrides: Mapping[str, object],
    say: Callable[[str], None],
) -> tuple[Path, dict]:
    """The prepared corpus a report runs on, and the parameters handed to its notebook.

    A report given a preparation parameter (``actor_files``) runs on the raw corpus prepared
    with it, in the cache (--cache-dir), merged with --actors; the notebook is not asked to prepare.
    """
    from . import prepare

    extra = {PREPARE_PARAMETERS[k]: v for k, v in overrides.items() if k in PREPARE_PARAMETERS and v}
    to_notebook = {k: v for k, v in overrides.items() if k not in PREPARE_PARAMETERS}
    if not extra:
        return prepared, to_notebook
    merged = dict(options)
    for key, values in extra.items():
        earlier = options.get(key, [])
        # lists already: --actors collects one, and -p values were checked against the notebook's
        # `list[str]` declaration before anything ran (a prepare option that is not a list fails in _prepare)
        assert isinstance(earlier, (list, tuple)) and isinstance(values, (list, tuple))
        merged[key] = [*earlier, *values]
    result = prepare.prepare_cached(corpus, cache_dir=cache_dir, **{"progress": True, **merged})
    say(f"{name}: {result.summary()}")
    return result.path, to_notebook


def _prepare(
    corpus: Path, cache_dir, options: Mapping[str, object], out: Path | None = None
) -> tuple[Path, bool, dict, str]:
    """Prepared directory for ``corpus`` (itself if already prepared), reused flag, manifest, a line.

    When nothing loads, ``out/problems.csv`` still lists why, and the error says where it is.
    """
    from . import prepare
    from .load import CorpusError

    manifest = prepare.read_manifest(corpus)
    if manifest is not None:
        return corpus, True, manifest, f"using prepared corpus {corpus}"
    try:
        result = prepare.prepare_cached(corpus, cache_dir=cache_dir, **{"progress": True, **options})
    except CorpusError as error:
        if out is None or getattr(error, "problems", None) is None or not len(error.problems):
            raise
        csv = write_csv(error.problems, out / "problems.csv")
        raise prepare.nothing_loaded(corpus, error.problems, csv) from None
    return result.path, result.reused, prepare.read_manifest(result.path) or {}, result.summary()


def kernelspec_dir(folder: Path) -> Path:
    """A kernelspec that runs this interpreter, so a .venv works without a global kernel install."""
    spec = folder / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                # the kernel's own stderr is not for report readers: a kernel stopped by --timeout or
                # Ctrl-C logs a ZMQError traceback and asyncio warnings; the runner reports the failure in
                # one line instead (what a cell prints still reaches the notebook, through the kernel)
                "argv": [
                    sys.executable,
                    "-c",
                    KERNEL_LAUNCH,
                    "-f",
                    "{connection_file}",
                    "--IPKernelApp.log_level=CRITICAL",
                ],
                "display_name": "Python (analysis)",
                "language": "python",
                "env": {CHECKED_ENV: "1"},
            }
        )
    )
    return folder


def _kernel_manager(kernels: Path):
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    return AsyncKernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)])
    )


def _shutdown_kernel(km) -> None:
    """Stop the report's kernel now: nbclient leaves a kernel it was handed running, and on a
    large corpus each finished report's kernel would keep its gigabytes until the run ends."""
    from jupyter_core.utils import run_sync

    # not km.shutdown_kernel(): it interrupts the kernel (SIGINT) before asking it to stop,
    # and a kernel busy with a last message then logs "ERROR | KeyboardInterrupt caught in
    # kernel." into every run. Asking it to stop, waiting, then cleaning up needs no interrupt.
    try:
        if km.has_kernel:
            km.shutting_down = True
            run_sync(km.request_shutdown)()
            run_sync(km.finish_shutdown)()
            run_sync(km.cleanup_resources)()
    except Exception:
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:
            pass


def _interruptible(call: Callable[[], object], *, on_interrupt: Callable[[], None]) -> object:
    """Run ``call()`` on a worker thread so that Ctrl-C reaches this thread as KeyboardInterrupt.

    On the main thread nbclient takes SIGINT over with an event-loop handler that tears the
    kernel down without telling its caller: the running cell then waits for a reply that never
    comes and the run hangs (seen under load). Off the main thread nbclient cannot install that
    handler, so the interrupt is ours: ``on_interrupt`` stops the kernel, the worker sees it die
    and returns, and KeyboardInterrupt goes on up to the command's one-line message.
    """
    import threading

    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the caller's thread as it is
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="analysis-report", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        # the stopped cell's asyncio tasks end with an exception nobody awaits; collected at
        # exit, asyncio would log "Task exception was never retrieved" and a traceback under
        # the one-line message. The runner says what happened, so that log is noise.
        logging.getLogger("asyncio").disabled = True
        deadline = time.monotonic() + 10
        while worker.is_alive() and time.monotonic() < deadline:  # a kernel still starting is stopped too
            on_interrupt()
            worker.join(0.2)
        raise
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def _kill_kernel(km) -> None:
    """Stop a report's kernel at once (Ctrl-C): nothing it would still compute is kept."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    try:
        if process is not None and process.poll() is None:
            process.kill()
    except OSError:
        pass


def run_notebook(
    name: str,
    notebook: Path,
    prepared: Path,
    out: Path,
    overrides: dict,
    *,
    kernels: Path,
    show_code: bool,
    timeout: int | None,
) -> ReportResult:
    """Execute one notebook in a staging folder, export HTML, move everything into place."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    result = ReportResult(name)
    started = time.perf_counter()
    final_nb, final_html, final_dir = out / f"{name}.ipynb", out / f"{name}.html", out / name
    # a report being rebuilt is removed first, so no stale copy looks like this run's
    final_html.unlink(missing_ok=True)
    final_nb.unlink(missing_ok=True)
    shutil.rmtree(final_dir, ignore_errors=True)
    staging = out / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    staged_nb = staging / f"{name}.ipynb"
    parameters = {**overrides, "corpus": str(prepared), "out": str(staging)}
    km = _kernel_manager(kernels)
    # nbclient logs a timeout through papermill's logger as a bare stderr line; the result says it once
    papermill_log = logging.getLogger("papermill")
    papermill_level = papermill_log.level
    papermill_log.setLevel(logging.CRITICAL)
    try:
        try:
            _interruptible(
                lambda: papermill.execute_notebook(
                    str(notebook),
                    str(staged_nb),
                    parameters=parameters,
                    cwd=str(notebook.parent),
                    # saved as cells run, so a report stopped by --timeout still has its executed notebook
                    kernel_name=KERNEL_NAME,
                    language="python",
                    progress_bar=False,
                    log_output=False,
                    request_save_on_cell_execute=True,
                    start_timeout=120,
                    execution_timeout=timeout,
                    km=km,
                ),
                on_interrupt=lambda: _kill_kernel(km),
            )
            result.status = "ok"
        except PapermillExecutionError as exc:
            result.status, result.error = "failed", _one_line(f"{exc.ename}: {exc.evalue}")
        except Exception as exc:  # a dead kernel or a timeout fails this report, not the run
            result.status, result.error = "failed", _one_line(f"{type(exc).__name__}: {exc}")
            if type(exc).__name__ == "CellTimeoutError":  # its message previews the cell's code: too long for a line
                result.error = f"CellTimeoutError: a cell ran longer than --timeout {timeout} s; raise --timeout or use a smaller corpus"
            if staged_nb.is_file():
                _mark_unfinished(staged_nb, type(exc).__name__, result.error)
        finally:
            _shutdown_kernel(km)
            papermill_log.setLevel(papermill_level)

        page = None
        if staged_nb.is_file():
            _record_out(staged_nb, staging, out)
            try:
                page = export_html(staged_nb, title=name, show_code=show_code)
            except Exception as exc:
                if result.status == "ok":
                    result.status = "failed"
                result.error = result.error or _one_line(f"HTML export failed: {type(exc).__name__}: {exc}")
        # into place: tables and figures, then the notebook, then the page that links them
        if (staging / name).is_dir():
            staging.joinpath(name).replace(final_dir)
        if staged_nb.is_file():
            staged_nb.replace(final_nb)
            result.notebook = final_nb
        if page is not None:
            write_text(final_html, page)
            result.html = final_html
    finally:  # also when interrupted: nothing half-built is left behind
        shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


def _mark_unfinished(notebook: Path, ename: str, message: str) -> None:
    """Put the error that stopped a notebook (a timeout, a dead kernel) into the cell it stopped
    in, as papermill does for an exception, so the saved notebook and its page show why."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    # the cell it stopped in is the last one that started (papermill marks it completed anyway)
    started = [c for c in nb.cells if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    cell = started[-1] if started else None
    evalue = message.removeprefix(f"{ename}: ")
    error = nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])
    if cell is not None and cell.cell_type == "code":
        cell.outputs.append(error)
        cell.metadata["papermill"]["status"] = "failed"
    else:
        nb.cells.append(nbformat.v4.new_code_cell("", outputs=[error]))
    nbformat.write(nb, str(notebook))


def _record_out(notebook: Path, staging: Path, out: Path) -> None:
    """Make the executed notebook say ``out`` = the report folder, not the staging folder it ran in.

    Reopened in JupyterLab and run again, it then writes where the report lives.
    """
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = cell.source.replace(str(staging), str(out))
    recorded = nb.metadata.get("papermill", {}).get("parameters", {})
    if recorded.get("out") == str(staging):
        recorded["out"] = str(out)
    nbformat.write(nb, str(notebook))


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines)[:500] if lines else ""
