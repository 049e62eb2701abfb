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

Parameters cell conventions (read by ``report_parameters``; ``analysis reports`` shows them):

- ``name = literal  # help``: the type is that of the literal (``top_n = 20`` is an int);
  an annotation wins (``kwic_terms: list[str] = []``).
- **Choices**: a help comment that starts with ``one of: a, b, c`` (comma-separated values,
  then `` — `` and the rest of the help) limits the value to those choices, e.g.
  ``group_by = "none"  # one of: none, category, source, month — how to split the corpus``.
  On a list parameter every item must be one of them. A value outside the choices is refused
  before anything runs, naming the choices and the closest one ("did you mean 'category'?").
- **Lists of text**: a list parameter whose items are words, terms or file names is a
  ``list[str]`` when its default is a non-empty list of strings, when it has choices, or when
  it is annotated ``list[str]`` (needed when the default is ``[]``). Its items are kept as
  text: ``-p kwic_terms=[no, 2024]`` gives ``["no", "2024"]`` (YAML alone would read ``no``
  as false and ``2024`` as a number); numbers in a ``--params`` file become text too, and
  an unquoted yes/no/true/false there is refused with a hint to quote it.
- **Ranges**: a number parameter (or a list of numbers) whose help comment holds
  ``(range: LOW..HIGH)`` must lie in it, bounds included; either bound may be left out
  (``(range: 1..)`` is "at least 1"), e.g. ``rolling = 4  # periods averaged (range: 1..)``.
  A value outside, and NaN or infinity for any number parameter, is refused before anything
  runs, naming the parameter and its range.

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

import ast
import difflib
import html
import json
import logging
import math
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

from . import __version__, outputs, paths
from .options import OptionError
from .report import atomic_write, write_csv

REPORT_ORDER = ("word_frequency", "sentiment", "actor_mentions")
# set by the runner from CORPUS and --out, never by the user
RUNNER_PARAMETERS = ("corpus", "out")
# parameters that change how the corpus is prepared: the runner prepares the raw corpus with
# them (in the cache) and hands the report that prepared corpus, so no notebook re-prepares
PREPARE_PARAMETERS = {"actor_files": "actor_files"}
TEMPLATES = Path(__file__).resolve().parent / "templates"
KERNEL_NAME = "analysis-python"
KERNEL_LAUNCH = (
    "import os; os.dup2(os.open(os.devnull, os.O_WRONLY), 2); "
    "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)
VERSION_PACKAGES = (
    "analysis", "pandas", "numpy", "pyarrow", "nltk", "vaderSentiment", "matplotlib",
    "papermill", "nbconvert", "ipykernel",
)
# literal type names a parameters cell may use, and the Python types they accept
TYPE_NAMES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


class ParameterError(ValueError):
    """A report parameter given by the user is unknown or of the wrong type (one line)."""


# --------------------------------------------------------------------------- notebooks


@dataclass(frozen=True)
class Parameter:
    """One line of a notebook's ``parameters`` cell."""

    name: str
    type: str  # "str", "int", "float", "bool", "list", "dict", or "any"
    default: object
    help: str
    choices: tuple[str, ...] = ()  # from a help comment "one of: a, b, c — ..."
    items: str = ""  # a list's item type when known: "str" keeps -p items as text
    low: float | None = None  # from a help comment "(range: LOW..HIGH)"; None: unbounded
    high: float | None = None

    def describe(self) -> str:
        return f"{self.name} ({self.type_name}, default {self.default!r})"

    @property
    def type_name(self) -> str:
        """The type as shown to a person: ``list[str]`` for a list of text."""
        return f"list[{self.items}]" if self.type == "list" and self.items else self.type


# "one of: a, b, c — rest of the help" (also "-", "--" or ";" before the rest)
CHOICES_PATTERN = re.compile(r"^one of:\s*(?P<choices>.+?)\s*(?:(?:—|--|\s-|;)\s*(?P<rest>.*))?$", re.IGNORECASE)


_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
RANGE_PATTERN = re.compile(rf"\(range:\s*(?P<low>{_NUMBER})?\s*\.\.\s*(?P<high>{_NUMBER})?\s*\)", re.IGNORECASE)


def parse_range(help_text: str) -> tuple[float | None, float | None]:
    """The bounds a help comment declares with ``(range: LOW..HIGH)`` (either may be missing).

    Example:
        >>> parse_range("periods averaged (range: 1..)"), parse_range("a threshold (range: -1..1)")
        ((1.0, None), (-1.0, 1.0))
        >>> parse_range("rows in each ranking")
        (None, None)
    """
    match = RANGE_PATTERN.search(help_text or "")
    if not match:
        return None, None
    low, high = (float(match[k]) if match[k] is not None else None for k in ("low", "high"))
    return low, high


def parse_choices(help_text: str) -> tuple[str, ...]:
    """The choices a help comment declares (``one of: a, b, c — ...``), or ``()``.

    Example:
        >>> parse_choices("one of: none, category, source — how to split the corpus")
        ('none', 'category', 'source')
        >>> parse_choices("rows in each ranking")
        ()
    """
    match = CHOICES_PATTERN.match(help_text.strip())
    if not match:
        return ()
    choices = (c.strip().strip("\"'`") for c in match["choices"].split(","))
    return tuple(dict.fromkeys(c for c in choices if c))


def declare(name: str, default: object, help_text: str = "", annotation: str = "") -> Parameter:
    """A Parameter from one parameters-cell line: type from the annotation or the literal,
    choices from the help comment, item type of a list (see the module docstring).

    Example:
        >>> declare("kwic_terms", [], "words to show in context", "list[str]").type_name
        'list[str]'
    """
    annotation = (annotation or "").replace(" ", "")
    base, _, inner = annotation.partition("[")
    if base in TYPE_NAMES:
        type_name = base
    else:
        type_name = type(default).__name__ if type(default) in TYPE_NAMES.values() else "any"
    if isinstance(default, tuple):
        type_name, default = "list", list(default)
    choices = parse_choices(help_text)
    items = ""
    if type_name == "list":
        inner = inner.rstrip("]")
        if inner in TYPE_NAMES:
            items = inner
        elif choices or (isinstance(default, list) and default and all(isinstance(v, str) for v in default)):
            items = "str"
    low, high = parse_range(help_text)
    return Parameter(name, type_name, default, help_text, choices, items, low, high)


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


def report_parameters(notebook: str | Path) -> dict[str, Parameter]:
    """The parameters a notebook declares: name -> Parameter (type inferred from the literal).

    Papermill reads the cell tagged ``parameters``; a type annotation wins, otherwise the
    type is that of the default literal (``top_n = 20`` is an int).

    Example:
        >>> report_parameters("notebooks/word_frequency.ipynb")["top_n"].type   # doctest: +SKIP
        'int'
    """
    import papermill

    declared = {}
    for name, info in papermill.inspect_notebook(str(notebook)).items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = info["default"]
        annotation = info["inferred_type_name"]
        declared[name] = declare(name, default, info["help"], "" if annotation == "None" else annotation)
    return declared


# --------------------------------------------------------------------------- parameters


class _CommandLineText(str):
    """A ``-p key=value`` value: its text, what YAML makes of it (``parsed``), and the same
    with every scalar left as text (``as_text``), used where the notebook declares text."""

    parsed: object
    as_text: object


def parse_assignments(pairs: Iterable[str]) -> dict[str, object]:
    """``["top_n=20", "kwic_terms=[tax, election]"]`` -> values parsed as YAML scalars/lists.

    A parameter declared as text keeps the text as typed (``-p source=2024`` is "2024", and
    ``-p extra_stopwords=[no, not]`` is two words, not ``[False, "not"]``).

    Example:
        >>> parse_assignments(["top_n=20", "terms=[tax, vote]"])["terms"].parsed
        ['tax', 'vote']
    """
    values: dict[str, object] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"-p {pair!r} is not key=value; write e.g. -p top_n=30")
        value = _CommandLineText(text)
        try:
            value.parsed = yaml.safe_load(text) if text.strip() else ""
            value.as_text = yaml.load(text, Loader=yaml.BaseLoader) if text.strip() else ""
        except yaml.YAMLError as exc:
            problem = str(exc).splitlines()[0]
            raise ParameterError(f"-p {name}={text}: not a YAML value ({problem}); quote it or fix the brackets") from None
        values[name] = value
    return values


def read_params_file(path: str | Path) -> dict[str, object]:
    """Parameters from a YAML mapping (``notebooks/params/*.yaml``); lists and dicts welcome.

    Example:
        >>> read_params_file("notebooks/params/word_frequency_bbc.yaml")["group_by"]   # doctest: +SKIP
        'category'
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError(f"parameters file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"cannot read parameters file {path}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ParameterError(f"parameters file {path} is not valid YAML{where}; expected `name: value` lines") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ParameterError(f"parameters file {path} must be a mapping of `name: value` lines")
    return data


def scope_params(data: Mapping[str, object], path: str | Path, reports: Iterable[str]) -> tuple[dict, dict[str, dict]]:
    """Split a parameters file into values for every report and values for one report.

    A top-level key that names a report and holds a mapping is that report's section
    (``sentiment: {group_by: source}``); a file named for a report (``word_frequency_bbc.yaml``)
    holds that report's parameters only; anything else applies to every report declaring it.

    Example:
        >>> scope_params({"top_n": 5}, "notebooks/params/word_frequency_bbc.yaml", ["word_frequency", "sentiment"])
        ({}, {'word_frequency': {'top_n': 5}})
        >>> scope_params({"sentiment": {"n_boot": 0}, "group_by": "source"}, "p.yaml", ["sentiment"])
        ({'group_by': 'source'}, {'sentiment': {'n_boot': 0}})
    """
    reports = list(reports)
    sections = {k: dict(v) for k, v in data.items() if k in reports and isinstance(v, Mapping)}
    if sections:
        return {k: v for k, v in data.items() if k not in sections}, sections
    stem = Path(path).stem
    owner = next((r for r in sorted(reports, key=len, reverse=True) if stem == r or stem.startswith(f"{r}_")), None)
    if owner:
        return {}, {owner: dict(data)}
    return dict(data), {}


def check_parameters(
    declared: Mapping[str, Mapping[str, Parameter]], params: Mapping[str, object], *,
    sources: Mapping[str, str] | None = None,
) -> dict[str, dict[str, object]]:
    """Check user parameters against each report's declared ones; return values per report.

    A parameter declared by only some reports applies to those. An unknown name (declared by
    none), a runner parameter (corpus, out), a value of the wrong type or a value outside the
    declared choices raises one ParameterError naming every problem, with the closest valid
    name or choice for a typo. ``sources`` says where a value was given (name -> "FILE.yaml"),
    added to its problem so a person knows which line to fix.

    Example:
        >>> p = {"wf": {"top_n": Parameter("top_n", "int", 20, "how many")}}
        >>> check_parameters(p, {"top_n": 5})
        {'wf': {'top_n': 5}}
    """
    per_report: dict[str, dict[str, object]] = {report: {} for report in declared}
    origin: dict[str, str] = {}  # message -> the parameter it is about
    problems: dict[str, list[str]] = {}  # message -> reports it concerns (said once)
    valid = sorted({name for params_ in declared.values() for name in params_} - set(RUNNER_PARAMETERS))
    for name, value in params.items():
        if name in RUNNER_PARAMETERS:
            problem = f"parameter {name!r} is set by the runner: give the corpus as CORPUS and the folder as --out"
            problems[problem], origin[problem] = [], name
            continue
        owners = [report for report, params_ in declared.items() if name in params_]
        if not owners:
            close = difflib.get_close_matches(name, valid, n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else "; `analysis reports` lists them"
            problem = f"unknown parameter {name!r} (not declared by {', '.join(declared)}){hint}"
            problems[problem], origin[problem] = [], name
            continue
        rejecting: dict[str, tuple[str, ...]] = {}  # report -> its choices, for a value outside them
        outside: list[object] = []
        for report in owners:
            param = declared[report][name]
            try:
                coerced = _coerce(param, value)
            except ParameterError as exc:
                problems.setdefault(str(exc), []).append(report)
                origin[str(exc)] = name
                continue
            bad = _outside_choices(param, coerced)
            out_of_range = _range_problem(param, coerced, value)
            if bad:
                rejecting[report] = param.choices
                outside.extend(v for v in bad if v not in outside)
            elif out_of_range:
                problems.setdefault(out_of_range, []).append(report)
                origin[out_of_range] = name
            else:
                per_report[report][name] = coerced
        if rejecting:
            accepting = [r for r in owners if r not in rejecting and name in per_report[r]]
            listed = any(declared[r][name].type == "list" for r in rejecting)
            problem = _choice_problem(name, value, outside, rejecting, accepting, listed=listed)
            problems[problem], origin[problem] = [], name
    if problems:
        clauses = []
        for message, reports in problems.items():
            source = (sources or {}).get(origin.get(message, ""))
            where = ", ".join(reports) + ("; " if reports and source else "") + (f"in {source}" if source else "")
            clauses.append(f"{message} ({where})" if where else message)
        raise ParameterError("; ".join(clauses))
    return per_report


def _range_problem(param: Parameter, value: object, given: object) -> str:
    """Why a number (or a list's numbers) is outside the declared range or not finite; "" when fine."""
    values = value if isinstance(value, list) else [value]
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    shown = str(given) if isinstance(given, _CommandLineText) else repr(given)
    bounds = _range_phrase(param)
    for number in numbers:
        if not math.isfinite(number):
            return f"parameter {param.name}={shown} must be a finite number" + (f" {bounds}" if bounds else "")
        if (param.low is not None and number < param.low) or (param.high is not None and number > param.high):
            return f"parameter {param.name}={shown} is out of range: {'each item ' if isinstance(value, list) else ''}must be {bounds}"
    return ""


def _range_phrase(param: Parameter) -> str:
    def fmt(bound: float) -> str:
        return str(int(bound)) if float(bound).is_integer() else str(bound)

    if param.low is not None and param.high is not None:
        return f"between {fmt(param.low)} and {fmt(param.high)}"
    if param.low is not None:
        return f"at least {fmt(param.low)}"
    if param.high is not None:
        return f"at most {fmt(param.high)}"
    return ""


def injected_parameters(history: Sequence[str]) -> list[str]:
    """Names assigned by papermill's injected cell (its source starts ``# Parameters``), latest run.

    Example:
        >>> injected_parameters(["x = 1", '# Parameters\ngroup_bye = "category"\n', "y = 2"])
        ['group_bye']
    """
    for source in reversed(list(history)):
        if isinstance(source, str) and source.startswith("# Parameters\n"):
            try:
                tree = ast.parse(source)
            except SyntaxError:
                return []
            return [t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                    for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)]
    return []


def check_notebook_parameters(report: str, namespace: Mapping[str, object], *, notebook: str | Path | None = None) -> None:
    """In a report notebook, refuse the parameters papermill injected that the notebook does not
    declare, or whose type or choice is wrong: a notebook run directly with papermill
    (``papermill sentiment.ipynb out.ipynb -p group_bye category``) fails like ``analysis run``
    does, naming the closest valid parameter, instead of warning and running the defaults.

    The names are those of papermill's injected cell in the kernel's input history (``In``),
    so variables of an interactive session are never mistaken for parameters.

    Example:
        >>> check_notebook_parameters("sentiment", {"In": ['# Parameters\ngroup_bye = "x"\n'], "group_bye": "x"})  # doctest: +SKIP
        ParameterError: unknown parameter 'group_bye' (not declared by sentiment); did you mean 'group_by'?
    """
    if os.environ.get(CHECKED_ENV) == "1":  # analysis run checked them before starting the kernel
        return
    names = [n for n in injected_parameters(namespace.get("In") or [])
             if n not in RUNNER_PARAMETERS and n not in PAPERMILL_PATHS]
    if not names:
        return
    declared = report_parameters(notebook or paths.NOTEBOOKS / f"{report}.ipynb")
    check_parameters({report: declared}, {name: namespace.get(name) for name in names})


#: set in the environment of the kernels the runner starts: their parameters are already checked
CHECKED_ENV = "ANALYSIS_PARAMETERS_CHECKED"
#: what papermill injects with --inject-paths (or inject_input_path / inject_output_path)
PAPERMILL_PATHS = ("PAPERMILL_INPUT_PATH", "PAPERMILL_OUTPUT_PATH")


def notebook_out(out: str, namespace: Mapping[str, object]) -> str:
    """The folder a report notebook writes to: ``out`` when given; else, in a papermill run
    that passed the output path (``--inject-output-path``), the executed notebook's folder, so
    tables land next to it; else "" (exploring: nothing is written, and a papermill run says so).

    Example:
        >>> notebook_out("", {"PAPERMILL_OUTPUT_PATH": "/tmp/runs/sentiment.ipynb"})
        '/tmp/runs'
    """
    if out:
        return out
    executed = namespace.get("PAPERMILL_OUTPUT_PATH")
    if isinstance(executed, str) and executed and "://" not in executed:
        return str(Path(executed).expanduser().resolve().parent)
    if injected_parameters(namespace.get("In") or []):
        print("out is empty: no tables or figures are written; pass -p out DIR, or --inject-output-path "
              "to write them next to the executed notebook.")
    return out


def _outside_choices(param: Parameter, value: object) -> list[object]:
    """The values (a list's items) not among the parameter's choices; [] when all fit."""
    if not param.choices:
        return []
    values = value if isinstance(value, list) else [value]
    return [v for v in values if not isinstance(v, str) or v not in param.choices]


def _choice_problem(
    name: str, value: object, outside: list[object], rejecting: Mapping[str, tuple[str, ...]], accepting: list[str],
    *, listed: bool = False,
) -> str:
    """One clause: the value, the valid choices (per report when they differ), the closest one."""
    given = str(value) if isinstance(value, _CommandLineText) else value
    if listed:
        what = f"parameter {name}: {', '.join(map(repr, outside))} {'is' if len(outside) == 1 else 'are'}"
    else:
        what = f"parameter {name}={given!r} is"
    if len(set(rejecting.values())) == 1:
        choices = next(iter(rejecting.values()))
        valid = f"not one of: {', '.join(choices)} ({', '.join(rejecting)})"
    else:
        listed = "; ".join(f"{report}: {', '.join(choices)}" for report, choices in rejecting.items())
        valid = f"not a valid choice ({listed})"
    every_choice = list(dict.fromkeys(c for choices in rejecting.values() for c in choices))
    close = _closest(str(outside[0]), every_choice)
    hint = f"; did you mean {close!r}?" if close else ""
    if accepting:
        hint += f"; only {', '.join(accepting)} accepts it: choose it with --report {accepting[0]}"
    return f"{what} {valid}{hint}"


def _closest(value: str, choices: Sequence[str]) -> str | None:
    """The choice a typo most likely meant: same letters in another case first, then difflib."""
    folded = {c.casefold(): c for c in choices}
    if value.casefold() in folded:
        return folded[value.casefold()]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def _coerce(param: Parameter, value: object) -> object:
    """``value`` converted to the parameter's declared type, or ParameterError."""
    text = value if isinstance(value, _CommandLineText) else None
    if text is not None:
        if param.type == "list" and not text.strip():
            value = []  # -p kwic_terms= : no terms
        else:
            value = text.as_text if _wants_text(param) else text.parsed
    kind = param.type
    if kind == "any":
        return value
    if kind == "list" and not isinstance(value, (list, tuple, dict)):
        value = [value]  # one term for a list of terms: -p kwic_terms=tax
    if kind == "list" and isinstance(value, tuple):
        value = list(value)
    if kind == "list" and param.items == "str" and isinstance(value, list):
        # numbers in a YAML file are text here (2024 -> "2024"); booleans are refused below
        value = [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
    ok = {
        "str": lambda v: isinstance(v, str),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "list": lambda v: isinstance(v, list),
        "dict": lambda v: isinstance(v, dict),
    }[kind](value)
    if ok and kind == "list":
        ok = _list_items_fit([""] if param.items == "str" else param.default, value)
    if not ok:
        shown = str(text) if text is not None else repr(value)
        hint = ""
        if _wants_text(param) and _has_bool(value):
            hint = " (YAML reads a bare yes, no, on, off, true or false as a boolean: quote it)"
        raise ParameterError(f"parameter {param.name}={shown} should be {_type_phrase(param)}{hint}")
    return float(value) if kind == "float" else value


def _wants_text(param: Parameter) -> bool:
    """A text parameter, or a list of text (``list[str]``, see the module docstring)."""
    return param.type == "str" or (param.type == "list" and param.items == "str")


def _has_bool(value: object) -> bool:
    return isinstance(value, bool) or (isinstance(value, list) and any(isinstance(v, bool) for v in value))


def _list_items_fit(default: object, value: list) -> bool:
    """When the default list holds one kind of item (all str, all int...), new items must too."""
    kinds = {type(item) for item in default} if isinstance(default, list) else set()
    if len(kinds) != 1:
        return True
    (kind,) = kinds
    if kind is float:
        return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    if kind is int:
        return all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    return all(isinstance(v, kind) for v in value)


def _type_phrase(param: Parameter) -> str:
    phrases = {
        "str": "text", "int": "a whole number", "float": "a number", "bool": "true or false",
        "list": "a list such as [a, b]", "dict": "a mapping such as {a: 1}",
    }
    if param.type == "list" and param.items:
        return f"a list of {param.items} such as [a, b]"
    if param.type == "list" and isinstance(param.default, list) and param.default:
        kinds = {type(v).__name__ for v in param.default}
        if len(kinds) == 1:
            return f"a list of {kinds.pop()} such as [a, b]"
    return phrases.get(param.type, param.type)


# --------------------------------------------------------------------------- results


@dataclass
class ReportResult:
    """How one report went."""

    name: str
    status: str = "pending"  # ok | failed
    seconds: float = 0.0
    error: str = ""  # "ExceptionType: message" when failed
    notebook: Path | None = None
    html: Path | None = None
    parameters: dict = field(default_factory=dict)
    overrides: dict = field(default_factory=dict)

    def line(self) -> str:
        if self.status == "ok":
            return f"{self.name}: ok in {self.seconds:.1f} s -> {shown(self.html)}"
        return f"{self.name}: FAILED in {self.seconds:.1f} s: {self.error}"


@dataclass
class RunResult:
    """What ``run_reports`` did; ``summary()`` is the final line the CLI prints."""

    out: Path
    corpus: Path
    prepared: Path
    reused: bool
    reports: list[ReportResult]
    seconds: float
    index: Path
    manifest: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(r.status == "ok" for r in self.reports)

    @property
    def failed(self) -> list[ReportResult]:
        return [r for r in self.reports if r.status != "ok"]

    def summary(self) -> str:
        n_ok = sum(r.status == "ok" for r in self.reports)
        failed = f", {len(self.failed)} failed ({', '.join(r.name for r in self.failed)})" if self.failed else ""
        return f"{len(self.reports)} reports in {self.seconds:.1f} s: {n_ok} ok{failed} -> {shown(self.index)}"


def shown(path: str | Path | None) -> str:
    """A path as a person would type it: relative to the current directory when under it."""
    if path is None:
        return ""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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
            corpus_path, out, selected, available, declared, overrides, show_code=show_code, cache_dir=cache_dir,
            prepare_options=prepare_options or {}, timeout=timeout, say=say, started=started,
        )


def _run_locked(corpus_path, out, selected, available, declared, overrides, *, show_code, cache_dir,
                prepare_options, timeout, say, started) -> RunResult:
    """The run itself, once the parameters are checked and ``out`` is ours and locked."""
    (out / "index.html").unlink(missing_ok=True)  # written again last, when everything is in place

    prepared, reused, manifest, prepare_line = _prepare(corpus_path, cache_dir, prepare_options, out)
    say(prepare_line)
    if (prepared / "problems.csv").is_file():
        _copy_problems(prepared / "problems.csv", out / "problems.csv")

    results = []
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as kernel_dir:
        kernels = _kernelspec_dir(Path(kernel_dir))
        for i, name in enumerate(selected, 1):
            params_used = {k: p.default for k, p in declared[name].items() if k not in RUNNER_PARAMETERS}
            params_used.update(overrides[name])
            own_prepared, to_notebook = _prepared_for(name, corpus_path, prepared, cache_dir, prepare_options, overrides[name], say)
            result = _run_one(
                name, available[name], own_prepared, out, to_notebook, kernels=kernels,
                show_code=show_code, timeout=timeout,
            )
            result.parameters, result.overrides = params_used, overrides[name]
            results.append(result)
            say(f"[{i}/{len(selected)}] {result.line()}")

    seconds = time.perf_counter() - started
    run = RunResult(out, corpus_path, prepared, reused, results, seconds, out / "index.html", manifest)
    page = index_page(run)
    _write_text(run.index, page)
    say(run.summary())
    return run


def _copy_problems(source: Path, target: Path) -> Path:
    """The prepared corpus's problems.csv for the reader: file names and reasons come from the
    input, so formula-like text is neutralised like every other exported table."""
    import pandas as pd

    problems = pd.read_csv(source, dtype=str, keep_default_na=False)
    return _readable(write_csv(problems, target))


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
        try:
            from .load import CorpusError
        except ImportError:  # the loader is not there yet: still a one-line user error
            CorpusError = FileNotFoundError
        raise CorpusError(f"corpus {corpus} does not exist; give a folder or file of articles, or a prepared corpus")
    return path


def _check_prepare_options(corpus: Path, options: Mapping[str, object]) -> None:
    """Settings that change how a corpus is prepared cannot apply to one already prepared."""
    from . import prepare

    ignored = [flag for flag, key in (("--actors", "actor_files"), ("--drop-duplicates", "drop_duplicates"),
                                      ("--dayfirst", "dayfirst"), ("--columns", "columns"),
                                      ("--lexicon-overrides", "lexicon_overrides")) if options.get(key)]
    if "max_article_bytes" in options:  # None (no limit) is a choice too
        ignored.append("--max-article-mb")
    if ignored and prepare.read_manifest(corpus) is not None:
        raise OptionError(
            f"{' and '.join(ignored)} change how a corpus is prepared, but {corpus} is already prepared; "
            f"give the raw corpus instead, or prepare it again with `analysis prepare RAW --out DIR {ignored[0]} ...`"
        )


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



def _check_prepare_parameters(corpus: Path, overrides: Mapping[str, Mapping[str, object]]) -> None:
    """A parameter that changes preparation (``-p actor_files=[...]``) needs the raw corpus."""
    from . import prepare

    given = sorted({name for values in overrides.values() for name in values if name in PREPARE_PARAMETERS and values[name]})
    if given and prepare.read_manifest(corpus) is not None:
        raise OptionError(
            f"-p {given[0]} changes how a corpus is prepared, but {corpus} is already prepared; give the raw "
            f"corpus instead, or prepare it with `analysis prepare RAW --out DIR --actors FILE ...` and run on DIR"
        )


def _prepared_for(
    name: str, corpus: Path, prepared: Path, cache_dir, options: Mapping[str, object], overrides: Mapping[str, object],
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
        merged[key] = [*options.get(key, []), *values]
    result = prepare.prepare_cached(corpus, cache_dir=cache_dir, **{"progress": True, **merged})
    say(f"{name}: {result.summary()}")
    return result.path, to_notebook


def _prepare(corpus: Path, cache_dir, options: Mapping[str, object], out: Path | None = None) -> tuple[Path, bool, dict, str]:
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
        csv = _readable(write_csv(error.problems, out / "problems.csv"))
        raise prepare.nothing_loaded(corpus, error.problems, csv) from None
    return result.path, result.reused, prepare.read_manifest(result.path) or {}, result.summary()


def _kernelspec_dir(folder: Path) -> Path:
    """A kernelspec that runs this interpreter, so a .venv works without a global kernel install."""
    spec = folder / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        # the kernel's own stderr is not for report readers: a kernel stopped by --timeout or
        # Ctrl-C logs a ZMQError traceback and asyncio warnings; the runner reports the failure in
        # one line instead (what a cell prints still reaches the notebook, through the kernel)
        "argv": [sys.executable, "-c", KERNEL_LAUNCH, "-f", "{connection_file}", "--IPKernelApp.log_level=CRITICAL"],
        "display_name": "Python (analysis)",
        "language": "python",
        "env": {CHECKED_ENV: "1"},
    }))
    return folder


def _kernel_manager(kernels: Path):
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    return AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))


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


def _run_one(
    name: str, notebook: Path, prepared: Path, out: Path, overrides: dict, *,
    kernels: Path, show_code: bool, timeout: int | None,
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
            _interruptible(lambda: papermill.execute_notebook(
                str(notebook), str(staged_nb), parameters=parameters, cwd=str(notebook.parent),
                # saved as cells run, so a report stopped by --timeout still has its executed notebook
                kernel_name=KERNEL_NAME, language="python", progress_bar=False, log_output=False, request_save_on_cell_execute=True,
                start_timeout=120, execution_timeout=timeout, km=km,
            ), on_interrupt=lambda: _kill_kernel(km))
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
            for file in final_dir.rglob("*"):
                if file.is_file():
                    _readable(file)
        if staged_nb.is_file():
            staged_nb.replace(final_nb)
            result.notebook = final_nb
        if page is not None:
            _write_text(final_html, page)
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


def _write_text(path: Path, text: str) -> Path:
    return _readable(atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8")))


def _readable(path: Path) -> Path:
    """Give a file the usual permissions (temporary files are created private)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
    return path


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return " ".join(lines)[:500] if lines else ""


def export_html(notebook: str | Path, *, title: str = "", show_code: bool = False) -> str:
    """HTML for an executed notebook: code hidden (unless ``show_code``), no network, no scripts.

    The page uses the project's template (``templates/report``): JupyterLab styling without
    require.js, MathJax or widget scripts, and a Content-Security-Policy that lets exactly one
    script run, the project's table search-and-sort (``tables.js``, allowed by its hash, and
    only on a page with a long table; other pages allow no script at all), so
    article text in an output can never act as markup or script even if a notebook forgot to
    escape it. The parameters cells never show their code.

    Example:
        >>> page = export_html("reports/sample/sentiment.ipynb")   # doctest: +SKIP
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {"parameters", "injected-parameters"}
    exporter = HTMLExporter(
        config=config, template_name="report", extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    nb = nbformat.read(str(notebook), as_version=4)
    name = title or Path(notebook).stem
    from .tables import script_hash, table_script

    resources = {"metadata": {"name": _title(name)}, "report_name": name}
    if "data-interactive" in nbformat.writes(nb):  # only a page with a long table carries the script
        resources.update(table_script=table_script(), table_script_hash=script_hash())
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


# --------------------------------------------------------------------------- index.html


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages a report depends on, for the index page."""
    versions = {"python": sys.version.split()[0]}
    for package in VERSION_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = __version__ if package == "analysis" else "not installed"
    return versions


INDEX_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.sub { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 .2rem;
       overflow-wrap: anywhere; }
td:first-child, th:first-child { white-space: nowrap; width: 1%; }
.ok { color: #1a7f37; font-weight: 600; } .failed { color: #cf222e; font-weight: 600; }
.error { color: #cf222e; font-family: ui-monospace, monospace; font-size: 13px; }
.override { font-weight: 600; }
a { color: #0969da; }
ul.findings { margin: .3rem 0 1rem; padding-left: 1.2rem; } ul.findings li { margin: .2rem 0; }
h3 { font-size: 1rem; margin: 1rem 0 .2rem; }
"""


def index_page(run: RunResult) -> str:
    """The ``index.html`` of a run: every value escaped, no scripts, readable offline."""
    e = _escape
    manifest = run.manifest or {}
    counts = manifest.get("counts", {})
    date_range = manifest.get("date_range")
    dates = f"{str(date_range[0])[:10]} to {str(date_range[1])[:10]}" if date_range else "no dates"
    problems = counts.get("problems")
    problems_cell = e(f"{problems:,}" if isinstance(problems, int) else "unknown")
    if (run.out / "problems.csv").is_file():
        problems_cell += ' (<a href="problems.csv">problems.csv</a>)'
    prepared_how = "reused from cache" if run.reused else f"prepared in {manifest.get('seconds', 0):.1f} s"
    corpus_notes = _corpus_notes(manifest)

    rows = []
    for r in run.reports:
        links = []
        if r.html:
            links.append(f'<a href="{e(_href(r.html, run.out))}">report</a>')
        if r.notebook:
            links.append(f'<a href="{e(_href(r.notebook, run.out))}">notebook</a>')
        if (run.out / r.name).is_dir():
            links.append(f'<a href="{e(r.name)}/">tables &amp; figures</a>')
        name_cell = f'<a href="{e(_href(r.html, run.out))}">{e(_title(r.name))}</a>' if r.html else e(_title(r.name))
        error = f'<div class="error">{e(r.error)}</div>' if r.error else ""
        rows.append(
            f'<tr><td>{name_cell}</td><td class="{e(r.status)}">{e(r.status)}</td>'
            f'<td class="num">{r.seconds:.1f} s</td><td>{" · ".join(links)}{error}</td></tr>'
        )

    finding_sections = []
    for r in run.reports:
        found = report_findings(run.out / r.name) if r.status == "ok" and r.html else []
        if found:
            page = e(_href(r.html, run.out))
            items = "".join(f'<li>{_emphasis(f["finding"])} <a href="{page}#{e(f["section"])}">&rarr;</a></li>' for f in found[:INDEX_FINDINGS])
            finding_sections.append(f'<h3><a href="{page}">{e(_title(r.name))}</a></h3><ul class="findings">{items}</ul>')

    param_sections = []
    for r in run.reports:
        if not r.parameters:
            continue
        lines = "".join(
            f'<tr><td><code>{e(k)}</code></td><td class="{"override" if k in r.overrides else ""}">'
            f"<code>{e(json.dumps(v, default=str, ensure_ascii=False))}</code></td>"
            f'<td>{"given" if k in r.overrides else "default"}</td></tr>'
            for k, v in r.parameters.items()
        )
        param_sections.append(
            f"<h3>{e(_title(r.name))}</h3><table><tr><th>parameter</th><th>value</th><th>from</th></tr>{lines}</table>"
        )

    versions = "".join(f"<tr><td>{e(k)}</td><td><code>{e(v)}</code></td></tr>" for k, v in package_versions().items())
    timing_rows = [("prepare", prepared_how)] + [(r.name, f"{r.seconds:.1f} s") for r in run.reports]
    timing_rows.append(("total", f"{run.seconds:.1f} s"))
    timings = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in timing_rows)
    status = "all reports built" if run.ok else f"{len(run.failed)} of {len(run.reports)} reports failed"
    created = time.strftime("%Y-%m-%d %H:%M %Z")

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports: {e(run.corpus.name)}</title>
<style>{INDEX_CSS}</style>
</head>
<body>
<h1>Reports: {e(run.corpus.name)}</h1>
<p class="sub">{e(status)} · {e(created)}</p>

<h2>Reports</h2>
<table>
<tr><th>report</th><th>status</th><th>time</th><th>files</th></tr>
{"".join(rows)}
</table>

{"<h2>Key findings</h2>" + "".join(finding_sections) if finding_sections else ""}

<h2>Corpus</h2>
<table>
<tr><th>corpus</th><td><code>{e(run.corpus)}</code></td></tr>
<tr><th>prepared</th><td><code>{e(run.prepared)}</code> ({e(prepared_how)})</td></tr>
<tr><th>articles</th><td>{e(f"{counts['articles']:,}" if "articles" in counts else "unknown")}</td></tr>
<tr><th>date range</th><td>{e(dates)}</td></tr>
<tr><th>problems</th><td>{problems_cell}</td></tr>
{corpus_notes}
</table>

<h2>Parameters</h2>
{"".join(param_sections) or "<p>none</p>"}

<h2>Timings</h2>
<table>{timings}</table>

<h2>Versions</h2>
<table>{versions}</table>
</body>
</html>
"""


def _corpus_notes(manifest: dict) -> str:
    """Index rows: duplicates set aside, the language mix, and warnings about the corpus."""
    e = _escape
    rows = []
    if "duplicates" in manifest:
        n = manifest["duplicates"]
        rows.append(f"<tr><th>duplicates</th><td>{e(f'{n:,}')} set aside: each story counts once "
                    f"(<code>include_duplicates=True</code> counts every copy)</td></tr>")
    languages = manifest.get("languages") or {}
    if languages:
        total = sum(languages.values()) or 1
        mix = ", ".join(f"{k} {v:,} ({v / total:.0%})" for k, v in languages.items())
        rows.append(f"<tr><th>languages</th><td>{e(mix)}</td></tr>")
    for warning in manifest.get("warnings") or []:
        rows.append(f'<tr><th>warning</th><td class="failed">{e(warning)}</td></tr>')
    return "\n".join(rows)


#: findings per report on the index page (each report shows up to six)
INDEX_FINDINGS = 3


def report_findings(folder: str | Path) -> list[dict]:
    """The findings a report wrote (``<report>/findings.json``), or [] when absent or unreadable.

    Example:
        >>> report_findings("reports/sample/sentiment")[0]["section"]   # doctest: +SKIP
        'Distribution-of-article-tone'
    """
    try:
        rows = json.loads((Path(folder) / "findings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and isinstance(r.get("finding"), str) and isinstance(r.get("section"), str)]


def _emphasis(text: str) -> str:
    """A finding (Markdown) as HTML: ``*word*`` in italics, backslash-escaped characters as
    themselves, everything else escaped."""
    parts = re.split(r"(?<!\\)\*", text)
    if len(parts) % 2 == 0:  # an unpaired asterisk: no emphasis
        parts = [text]
    shown = [_escape(re.sub(r"\\([^A-Za-z0-9\s])", r"\1", part)) for part in parts]
    return "".join(f"<em>{part}</em>" if i % 2 else part for i, part in enumerate(shown))


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def _href(path: Path | None, base: Path) -> str:
    from urllib.parse import quote

    return quote(Path(path).relative_to(base).as_posix()) if path else ""
