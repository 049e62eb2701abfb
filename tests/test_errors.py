"""errors.py: every error a user can fix is an AnalysisError, defined in one place."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from analysis import cli, errors

SRC = Path(errors.__file__).resolve().parent


def test_no_module_but_errors_defines_an_error_class():
    # internal signals (files.Unreadable: a file that becomes a problems row) are not errors a
    # person sees, and need not live here
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
                found.append(f"{path.relative_to(SRC)}:{node.name}")
    assert found == []


@pytest.mark.parametrize("name", [n for n, c in inspect.getmembers(errors, inspect.isclass) if n != "AnalysisError"])
def test_each_error_is_an_analysis_error_and_printed_as_one_line(name, capsys, monkeypatch):
    error = getattr(errors, name)
    assert issubclass(error, errors.AnalysisError)

    def fail(_args):
        raise error("something is wrong\nin two lines; fix it")

    parser = cli.build_parser()
    args = parser.parse_args(["reports"])
    monkeypatch.setattr(args, "handler", fail)
    monkeypatch.setattr(cli, "build_parser", lambda: type("P", (), {"parse_args": lambda self, argv: args})())
    assert cli.main(["reports"]) == 2
    assert capsys.readouterr().err == "analysis: error: something is wrong in two lines; fix it\n"


def test_old_import_paths_still_name_the_same_classes():
    from analysis import actors, columns, load, options, outputs, parameters, schemas, tone

    assert load.CorpusError is errors.CorpusError and columns.ColumnsError is errors.ColumnsError
    assert actors.DictionaryError is errors.DictionaryError and tone.LexiconError is errors.LexiconError
    assert options.OptionError is errors.OptionError and outputs.OutputError is errors.OutputError
    assert parameters.ParameterError is errors.ParameterError and schemas.SchemaError is errors.SchemaError
    assert cli.UsageError is errors.UsageError
    assert issubclass(errors.OutputError, errors.OptionError) and issubclass(errors.CorpusError, ValueError)
