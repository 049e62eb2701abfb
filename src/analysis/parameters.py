"""Report parameters: read a notebook's ``parameters`` cell, type and check what a person gives.

``analysis run`` checks the parameters given by the user against each report notebook's
``parameters`` cell before anything runs: unknown names, wrong types, values outside declared
choices or ranges are refused in one line. ``analysis reports`` shows them, and a notebook run
directly with papermill checks its own (``check_notebook_parameters``).

Parameters cell conventions (read by ``report_parameters``):

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

Example:
    >>> check_parameters({"wf": {"top_n": Parameter("top_n", "int", 20, "how many")}}, {"top_n": 5})
    {'wf': {'top_n': 5}}
"""

from __future__ import annotations

import ast
import math
import os
import re
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import paths
from .errors import ParameterError
from .options import did_you_mean

# set by the runner from CORPUS and --out, never by the user
RUNNER_PARAMETERS = ("corpus", "out")
# literal type names a parameters cell may use, and the Python types they accept
TYPE_NAMES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}


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
            raise ParameterError(
                f"-p {name}={text}: not a YAML value ({problem}); quote it or fix the brackets"
            ) from None
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


#: parameters that were renamed for one vocabulary across the reports: old name -> new name
RENAMED = {"time_freq": "period", "trend_freq": "period", "top_k": "top_n"}


def check_parameters(
    declared: Mapping[str, Mapping[str, Parameter]],
    params: Mapping[str, object],
    *,
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
            close = RENAMED.get(name) if RENAMED.get(name) in valid else did_you_mean(name, valid)
            hint = f"; did you mean {close!r}?" if close else "; `analysis reports` lists them"
            if name in RENAMED and close == RENAMED[name]:
                hint = f"; it is now called {close!r} (same values)"
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


def injected_parameters(history: Iterable[object]) -> list[str]:
    r"""Names assigned by papermill's injected cell (its source starts ``# Parameters``), latest run.

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
            return [
                t.id
                for node in tree.body
                if isinstance(node, (ast.Assign, ast.AnnAssign))
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(t, ast.Name)
            ]
    return []


def check_notebook_parameters(
    report: str, namespace: Mapping[str, object], *, notebook: str | Path | None = None
) -> None:
    r"""In a report notebook, refuse the parameters papermill injected that the notebook does not
    declare, or whose type or choice is wrong: a notebook run directly with papermill
    (``papermill sentiment.ipynb out.ipynb -p group_bye category``) fails like ``analysis run``
    does, naming the closest valid parameter, instead of warning and running the defaults.

    The names are those of papermill's injected cell in the kernel's input history (``In``),
    so variables of an interactive session are never mistaken for parameters.

    The declared parameters themselves are checked too, with the same rules (type, choices,
    range): an analyst who edits the parameters cell in JupyterLab (``group_by = "categroy"``)
    gets the runner's one-line message, and the values are read as a run reads them (a list
    parameter given one word, ``focus_terms = "tax"``, becomes ``["tax"]``). This is the one check of a notebook's choices: the
    choices are those its help comments declare (``# one of: ...``), not a second list in a cell.

    Example:
        >>> check_notebook_parameters("sentiment", {"In": ['# Parameters\ngroup_bye = "x"\n'], "group_bye": "x"})  # doctest: +SKIP
        ParameterError: unknown parameter 'group_bye' (not declared by sentiment); did you mean 'group_by'?
    """
    if os.environ.get(CHECKED_ENV) == "1":  # analysis run checked them before starting the kernel
        return
    declared = report_parameters(notebook or paths.NOTEBOOKS / f"{report}.ipynb")
    names = [
        n
        for n in injected_parameters(_input_history(namespace))
        if n not in RUNNER_PARAMETERS and n not in PAPERMILL_PATHS
    ]
    # then the declared ones the session holds (the defaults, or an analyst's edits of them)
    names += [n for n in declared if n in namespace and n not in RUNNER_PARAMETERS and n not in names]
    if names:
        checked = check_parameters({report: declared}, {name: namespace.get(name) for name in names})
        if isinstance(namespace, MutableMapping):  # the values as a run reads them: "tax" -> ["tax"]
            namespace.update(checked[report])


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
    if injected_parameters(_input_history(namespace)):
        print(
            "out is empty: no tables or figures are written; pass -p out DIR, or --inject-output-path "
            "to write them next to the executed notebook."
        )
    return out


def _input_history(namespace: Mapping[str, object]) -> Iterable[object]:
    """The kernel's input history (IPython's ``In``); nothing outside IPython."""
    history = namespace.get("In")
    return history if isinstance(history, Iterable) else ()


def _outside_choices(param: Parameter, value: object) -> list[object]:
    """The values (a list's items) not among the parameter's choices; [] when all fit."""
    if not param.choices:
        return []
    values = value if isinstance(value, list) else [value]
    return [v for v in values if not isinstance(v, str) or v not in param.choices]


def _choice_problem(
    name: str,
    value: object,
    outside: list[object],
    rejecting: Mapping[str, tuple[str, ...]],
    accepting: list[str],
    *,
    listed: bool = False,
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
        per_report = "; ".join(f"{report}: {', '.join(choices)}" for report, choices in rejecting.items())
        valid = f"not a valid choice ({per_report})"
    every_choice = list(dict.fromkeys(c for choices in rejecting.values() for c in choices))
    close = did_you_mean(outside[0], every_choice)
    hint = f"; did you mean {close!r}?" if close else ""
    if accepting:
        hint += f"; only {', '.join(accepting)} accepts it: choose it with --report {accepting[0]}"
    return f"{what} {valid}{hint}"


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
    if ok and kind == "list" and isinstance(value, list):
        ok = _list_items_fit([""] if param.items == "str" else param.default, value)
    if not ok:
        shown = str(text) if text is not None else repr(value)
        hint = ""
        if _wants_text(param) and _has_bool(value):
            hint = " (YAML reads a bare yes, no, on, off, true or false as a boolean: quote it)"
        raise ParameterError(f"parameter {param.name}={shown} should be {_type_phrase(param)}{hint}")
    return float(value) if kind == "float" and isinstance(value, (int, float)) else value


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
        "str": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "list": "a list such as [a, b]",
        "dict": "a mapping such as {a: 1}",
    }
    if param.type == "list" and param.items:
        return f"a list of {param.items} such as [a, b]"
    if param.type == "list" and isinstance(param.default, list) and param.default:
        kinds = {type(v).__name__ for v in param.default}
        if len(kinds) == 1:
            return f"a list of {kinds.pop()} such as [a, b]"
    return phrases.get(param.type, param.type)
