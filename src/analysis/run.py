"""Run the report notebooks: check parameters, prepare the corpus once, execute, export HTML.

``run_reports`` is what ``analysis run`` calls. For each report notebook in ``notebooks/``
(word_frequency, sentiment, actor_mentions) it

1. checks the parameters given by the user against the notebook's ``parameters`` cell
   (unknown names, wrong types and values outside declared choices are refused before
   anything runs);
2. prepares the corpus once (a content-keyed cache: the second run reuses it);
3. executes the notebook with papermill into ``out/<report>.ipynb`` and exports
   ``out/<report>.html`` (code hidden unless ``show_code``); the notebook writes its tables
   and figures to ``out/<report>/`` (``analysis.execute``: kernel, staging, the move into place);
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

import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from . import outputs, paths
from .execute import KERNEL_LAUNCH, KERNEL_NAME, kernelspec_dir, run_notebook
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

# analysis.run was one module; what moved to parameters, pages, results and execute is still importable
# from here, as notebooks (check_notebook_parameters, notebook_out), tests and users expect
__all__ = [
    "CHECKED_ENV",
    "CHOICES_PATTERN",
    "INDEX_FINDINGS",
    "KERNEL_LAUNCH",
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
