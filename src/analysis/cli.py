"""The ``analysis`` command: prepare a corpus, run the reports, list the reports' parameters.

Every command has ``--help`` with examples. Mistakes a person can fix (a missing path, an
unknown option value, a misspelled parameter) print one line ``analysis: error: ...`` and
exit with status 2; a report that fails exits with status 1 after the other reports ran.

Example:
    >>> main(["reports"])              # doctest: +SKIP
    0
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import UsageError
from .options import did_you_mean

PROG = "analysis"

MAIN_EPILOG = """\
examples:
  analysis run data/sample --out reports/sample
  analysis run ../shared/data/bbc_news --out reports/bbc -p group_by=category
  analysis prepare data/sample --out reports/sample-prepared
  analysis reports

Run `analysis COMMAND --help` for the options of one command.
"""

PREPARE_EPILOG = """\
examples:
  analysis prepare data/sample --out reports/sample-prepared
  analysis prepare ../shared/data/bbc_news --out reports/bbc-prepared --workers 2
  analysis prepare corpus.jsonl --out prepared --engine dask --scheduler tcp://10.0.0.5:8786
  analysis prepare data/sample --out prepared --actors my_actors.yaml --drop-duplicates

A second call with the same corpus content and settings reuses OUT (use --force to redo it).
OUT must be new, empty, or a folder analysis prepared before; anything else is refused untouched.
"""

RUN_EPILOG = """\
examples:
  analysis run data/sample --out reports/sample
  analysis run data/sample --out reports/sample --report sentiment --show-code
  analysis run ../shared/data/bbc_news --out reports/bbc -p group_by=category -p top_n=30
  analysis run data/sample --out reports/kwic -p "kwic_terms=[tax, election]"
  analysis run ../shared/data/bbc_news --out reports/bbc --params notebooks/params/word_frequency_bbc.yaml

Parameters are checked against each report's `parameters` cell before anything runs
(`analysis reports` lists them). -p values are read as YAML: 30 is a number, [a, b] a list,
true a boolean; --params FILE.yaml can also hold lists and mappings; -p wins over the file.
A parameter applies to every report that declares it, except in a file named for a report
(word_frequency_bbc.yaml: that report only) or under a report's section of a file
(sentiment: {group_by: source}). Writes OUT/index.html last.
OUT must be new, empty, or a folder of reports analysis wrote before; anything else is refused untouched.
Exit status: 0 all reports built, 1 a report failed (the others are still built), 2 a usage error.
"""

REPORTS_EPILOG = """\
examples:
  analysis reports
  analysis reports sentiment
"""


REPORTS_NOTE = """\
Set parameters with `analysis run CORPUS --out DIR -p name=value` (value read as YAML) or
--params FILE.yaml; a parameter applies to every report that declares it, but a file named
for a report (word_frequency_bbc.yaml) or a report's section of a file applies to that report only.
  "one of: a, b, c"  only those values are accepted (for a list: each item); others are refused
                     before anything runs, with the closest choice.
  "(range: 1..10)"   a number (or each number of a list) must lie in it, bounds included; an
                     open end has no limit; NaN and infinity are never accepted.
  list[str]          items are kept as text: -p "kwic_terms=[no, 2024]" is the words "no" and
                     "2024" (in a YAML file quote yes/no/true/false: ['no', tax]).
  -p name=value      a single value for a list is a list of one: -p kwic_terms=tax"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (not the usage block) and a UsageError,
    with the closest command or option for a typo."""

    def error(self, message: str):
        if message.startswith("argument COMMAND: invalid choice:"):
            given = message.split("'")[1] if message.count("'") >= 2 else ""
            close = did_you_mean(given, self._commands())
            if close:
                message = f"{message}; did you mean {close!r}?"
        raise UsageError(f"{message} (see `{self.prog} --help`)")

    def parse_args(self, args=None, namespace=None):
        """Like argparse's, but an unknown option names the command it was given to and the
        closest option of that command (``--reprot`` -> ``--report``)."""
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self._command_parser(namespace)
            options = [opt for action in command._actions for opt in action.option_strings]
            unknown = next((e for e in extras if e.startswith("-")), None)
            if unknown is not None:
                name = unknown.split("=", 1)[0]
                close = did_you_mean(name, options)
                hint = f"; did you mean {close}?" if close else ""
                raise UsageError(f"unknown option {name}{hint} (see `{command.prog} --help`)")
            raise UsageError(f"unexpected argument(s) {' '.join(map(repr, extras))} (see `{command.prog} --help`)")
        return namespace

    def _commands(self) -> list[str]:
        return [
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        ]

    def _command_parser(self, namespace: argparse.Namespace) -> argparse.ArgumentParser:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action.choices.get(getattr(namespace, "command", None) or "", self)
        return self


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``analysis`` command (all subcommands)."""
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=PROG,
        description="News analysis: turn a folder of articles into word-frequency, sentiment and actor reports.",
        epilog=MAIN_EPILOG,
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    prepare = commands.add_parser(
        "prepare",
        help="load, split, tokenise, score and find actors once; write Parquet tables",
        description="Prepare a corpus once: articles, sentences (with VADER scores), tokens, actor\n"
        "mentions and quotes as Parquet tables in OUT, plus problems.csv and manifest.json.",
        epilog=PREPARE_EPILOG,
        formatter_class=fmt,
    )
    prepare.add_argument(
        "corpus", metavar="CORPUS", help="a folder or file of articles (.txt, .jsonl, .json, .csv, .parquet, .html)"
    )
    prepare.add_argument("--out", required=True, metavar="DIR", help="the prepared directory to write")
    _add_prepare_options(prepare)
    prepare.add_argument(
        "--chunk-size",
        type=_positive_int,
        default=500,
        metavar="N",
        help="at most N articles per chunk (chunks are made equal); memory grows with it, not with the corpus (default 500)",
    )
    prepare.add_argument(
        "--engine",
        default="local",
        metavar="local|dask",
        help="local: a process pool on this machine (default); dask: a Dask cluster",
    )
    prepare.add_argument(
        "--scheduler", metavar="ADDR", help="Dask scheduler address for --engine dask (default: a local cluster)"
    )
    prepare.add_argument("--force", action="store_true", help="prepare again even if OUT is up to date")
    prepare.set_defaults(handler=_prepare)

    run = commands.add_parser(
        "run",
        help="build the HTML reports, tables and charts for a corpus",
        description="Run the report notebooks on a corpus (prepared once, then cached) and write\n"
        "OUT/<report>.html, OUT/<report>.ipynb, OUT/<report>/*.csv|*.png and OUT/index.html.",
        epilog=RUN_EPILOG,
        formatter_class=fmt,
    )
    run.add_argument("corpus", metavar="CORPUS", help="a folder or file of articles, or a prepared corpus directory")
    run.add_argument("--out", required=True, metavar="DIR", help="folder for the reports")
    run.add_argument(
        "--report",
        action="append",
        metavar="NAME",
        dest="reports",
        help="build only this report (repeatable); default: all",
    )
    run.add_argument(
        "--params",
        action="append",
        default=[],
        metavar="FILE.yaml",
        help="YAML file of parameters (name: value); repeatable, later files win",
    )
    run.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="assignments",
        help="one parameter, value read as YAML (repeatable), e.g. -p top_n=30 -p 'kwic_terms=[tax, vote]'",
    )
    run.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML (hidden by default)")
    run.add_argument(
        "--cache-dir", metavar="DIR", help="where raw corpora are prepared and cached (default reports/.cache)"
    )
    _add_prepare_options(run)
    run.add_argument(
        "--timeout", type=_positive_int, metavar="SECONDS", help="fail a report whose cell runs longer than this"
    )
    run.set_defaults(handler=_run)

    reports = commands.add_parser(
        "reports",
        help="list the reports and their parameters",
        description="List the report notebooks and the parameters each declares, with types, defaults and help.",
        epilog=REPORTS_EPILOG,
        formatter_class=fmt,
    )
    reports.add_argument("names", nargs="*", metavar="NAME", help="only these reports")
    reports.set_defaults(handler=_reports)
    return parser


def _add_prepare_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers", type=_positive_int, metavar="N", help="processes (or Dask workers); default: all cores"
    )
    parser.add_argument(
        "--actors",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="extra actor dictionaries, merged with the built-in one",
    )
    parser.add_argument(
        "--drop-duplicates",
        action="store_true",
        help="drop exact duplicate articles (they are listed in problems.csv either way)",
    )
    parser.add_argument(
        "--dayfirst",
        action="store_true",
        help="read ambiguous numeric dates day first: 04.03.2024 is 4 March (default: month first)",
    )
    parser.add_argument(
        "--max-article-mb",
        type=_megabytes,
        metavar="MB",
        help="cut an article longer than this many MB of text, with a warning; 0: no limit (default 5)",
    )
    parser.add_argument(
        "--columns",
        type=_columns,
        metavar="FIELD=COLUMN,...",
        help="which columns of table files fill which fields, e.g. "
        "title=headline,published=date_publish,source=source.name (also: analysis.yaml in the corpus)",
    )
    parser.add_argument(
        "--lexicon-overrides",
        metavar="FILE",
        help="news tone lexicon overrides (YAML or CSV of term, valence), e.g. draw: 0",
    )


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of megabytes") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} must be 0 (no limit) or a positive number of megabytes")
    return value


def _max_article_bytes(args: argparse.Namespace) -> int | None:
    from .load import DEFAULT_MAX_ARTICLE_BYTES

    if args.max_article_mb is None:
        return DEFAULT_MAX_ARTICLE_BYTES
    return round(args.max_article_mb * 1_000_000) or None


def _columns(text: str) -> dict:
    from .columns import ColumnsError, parse_columns
    from .load import FIELDS

    try:
        mapping = parse_columns(text)
    except ColumnsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    for name in mapping:
        if name not in FIELDS:
            raise argparse.ArgumentTypeError(f"unknown field {name!r} in --columns; fields: {', '.join(FIELDS)}")
    return mapping


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


# --------------------------------------------------------------------------- commands


def _prepare(args: argparse.Namespace) -> int:
    if args.engine == "local" and (args.workers or os.cpu_count() or 1) > 1:
        from .pool_server import start_pool_server

        # before this process imports pandas (about 0.4 s): the workers' server, which prepare
        # waits for, imports and builds its resources meanwhile
        start_pool_server()
    from .prepare import prepare_corpus

    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out} is a file, not a folder; give a folder for the prepared corpus")

    result = prepare_corpus(
        args.corpus,
        args.out,
        workers=args.workers,
        chunk_size=args.chunk_size,
        engine=args.engine,
        scheduler=args.scheduler,
        actor_files=args.actors,
        drop_duplicates=args.drop_duplicates,
        dayfirst=args.dayfirst,
        max_article_bytes=_max_article_bytes(args),
        columns=args.columns,
        lexicon_overrides=args.lexicon_overrides,
        progress=True,
        force=args.force,
    )
    print(result.summary())
    return 0


def _run(args: argparse.Namespace) -> int:
    from .parameters import parse_assignments, read_params_file, scope_params
    from .results import shown
    from .run import discover_reports, run_reports

    params: dict[str, object] = {}
    sources: dict[str, str] = {}
    per_report: dict[str, dict[str, object]] = {}
    per_report_sources: dict[str, dict[str, str]] = {}
    for path in args.params:
        shared, scoped = scope_params(read_params_file(path), path, discover_reports())
        params.update(shared)
        sources.update(dict.fromkeys(shared, str(path)))
        for report, values in scoped.items():
            per_report.setdefault(report, {}).update(values)
            per_report_sources.setdefault(report, {}).update(dict.fromkeys(values, str(path)))
    given = parse_assignments(args.assignments)
    params.update(given)
    for name in given:  # -p wins over every file
        sources.pop(name, None)
        for values in per_report.values():
            values.pop(name, None)
    prepare_options = {"actor_files": args.actors, "drop_duplicates": args.drop_duplicates, "dayfirst": args.dayfirst}
    if args.max_article_mb is not None:  # only when given, so a prepared corpus can refuse it
        prepare_options["max_article_bytes"] = _max_article_bytes(args)
    if args.columns:
        prepare_options["columns"] = args.columns
    if args.lexicon_overrides:
        prepare_options["lexicon_overrides"] = args.lexicon_overrides
    if args.workers:
        prepare_options["workers"] = args.workers
    result = run_reports(
        args.corpus,
        args.out,
        reports=args.reports,
        params=params,
        param_sources=sources,
        report_params=per_report,
        report_sources=per_report_sources,
        show_code=args.show_code,
        cache_dir=args.cache_dir,
        prepare_options=prepare_options,
        timeout=args.timeout,
        log=lambda line: print(line, flush=True),
    )
    for failure in result.failed:
        print(
            f"{PROG}: report {failure.name} failed: {failure.error} (see {shown(failure.notebook or result.out)})",
            file=sys.stderr,
        )
    return 0 if result.ok else 1


def _reports(args: argparse.Namespace) -> int:
    from .options import check_choice
    from .parameters import RUNNER_PARAMETERS, report_parameters
    from .run import discover_reports

    available = discover_reports()
    for name in args.names:
        check_choice("report", name, list(available))
    for name, notebook in available.items():
        if args.names and name not in args.names:
            continue
        print(f"{name}  ({notebook.name})")
        declared = report_parameters(notebook)
        width = max((len(p) for p in declared), default=0)
        for param in declared.values():
            note = "  [set by the runner]" if param.name in RUNNER_PARAMETERS else ""
            print(f"  {param.name:<{width}}  {param.type_name:<9}  default {param.default!r}{note}")
            if param.help:
                print(f"  {'':<{width}}             {param.help}")
        print()
    if not available:
        print("no report notebooks found")
    else:
        print(REPORTS_NOTE)
    return 0


# --------------------------------------------------------------------------- entry point


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exception types that are the user's to fix: shown as one line, never a traceback."""
    from .errors import AnalysisError

    return (AnalysisError, FileNotFoundError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``analysis`` command; return its exit status (0 ok, 1 a report failed, 2 usage error).

    Example:
        >>> main(["run", "data/sample", "--out", "reports/sample"])   # doctest: +SKIP
        0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        status = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit, where Python would print a traceback
        return status
    except BrokenPipeError:
        return _reader_went_away()
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        logging.getLogger("asyncio").disabled = True  # see execute.run_notebook: a dead kernel's task is not news
        print(f"{PROG}: interrupted; nothing half-written was kept (run the command again to finish)", file=sys.stderr)
        return 130
    except Exception as exc:
        if isinstance(exc, OSError) and not isinstance(exc, _user_errors()):
            print(f"{PROG}: error: {system_error_line(exc)}", file=sys.stderr)
            return 1
        if not isinstance(exc, _user_errors()):
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 2


def entry() -> None:
    """The ``analysis`` console script (and ``python -m analysis``): ``main`` with the command line.

    ``analysis prepare`` then ends without Python's orderly teardown of the interpreter: it leaves
    pandas, pyarrow and a whole corpus's objects in memory, and freeing them one by one took 0.13 s
    of a 4.4 s BBC prepare with nothing left to do (every file written, closed and swapped into
    place, the pool's processes gone). Exit handlers still run and both streams are flushed first.
    Other commands (notebooks and their kernels) exit as usual.
    """
    argv = sys.argv[1:]
    status = main(argv)
    if argv[:1] == ["prepare"]:
        _exit_without_teardown(status)
    sys.exit(status)


def _exit_without_teardown(status: int) -> None:
    import atexit
    import os

    atexit._run_exitfuncs()  # logging's flush, multiprocessing's clean-up: all that is skipped is the teardown
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that went away (main said so), a closed stream
            pass
    os._exit(status)


def _reader_went_away() -> int:
    """``analysis reports | head``: the reader closed the pipe, which is not an error of the disk
    or of the tool. Stop quietly with the status of a program ended by SIGPIPE (128 + 13), as
    ``cat`` or ``grep`` do, and point stdout at nothing so the exit flush cannot fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141


def system_error_line(exc: OSError) -> str:
    """One line for an error of the machine, not of the tool: a full disk, a permission, I/O.

    Example:
        >>> system_error_line(OSError(28, "No space left on device", "/tmp/out/tokens.parquet"))
        'no space left on device writing /tmp/out/tokens.parquet; free some space or choose another --out or --cache-dir'
    """
    import errno

    where = f" {exc.filename}" if exc.filename else ""
    text = " ".join(str(exc).split())
    if exc.errno == errno.ENOSPC or "No space left on device" in text:  # pyarrow reports it without an errno
        return f"no space left on device writing{where or ' the output'}; free some space or choose another --out or --cache-dir"
    if exc.errno in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
        return f"permission denied on{where or ' a file'}; choose a folder you can write to, or fix its permissions"
    if exc.errno == errno.EROFS:
        return f"read-only file system at{where or ' the output'}; choose another --out or --cache-dir"
    reason = exc.strerror or text or type(exc).__name__
    return f"{reason}{':' + where if where else ''}; check the disk and try again"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
