"""Every error that is the user's to fix, in one place.

Each is an ``AnalysisError``: the command prints its message as one line (what was wrong, where,
what to do) and exits with status 2, never a traceback; in a notebook it is an ordinary
exception. Each is also a ``ValueError`` where it always was one, so ``except ValueError`` keeps
working. Modules raise these and re-export their own (``analysis.load.CorpusError`` is this
``CorpusError``).

Example:
    >>> issubclass(CorpusError, AnalysisError) and issubclass(CorpusError, ValueError)
    True
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base of the errors a user can fix from the message alone (exit status 2 on the command line)."""


class UsageError(AnalysisError):
    """A command-line mistake: an unknown command or option, a missing argument."""


class OptionError(AnalysisError, ValueError):
    """An option or parameter value is not one of the accepted choices or out of its range."""


class OutputError(OptionError):
    """An output folder the tool may not write into (it holds files the tool did not make)."""


class ParameterError(AnalysisError, ValueError):
    """A report parameter is unknown or of the wrong type."""


class CorpusError(AnalysisError, ValueError):
    """A corpus that cannot be read at all: missing, empty, or no article in it loads.

    ``problems`` is the problems frame of what was tried, or None when nothing was (no import of
    pandas here: errors.py is imported by everything, and imports nothing of the package).
    """

    def __init__(self, message: str, problems=None):
        super().__init__(message)
        self.problems = problems


class ColumnsError(AnalysisError, ValueError):
    """A column mapping (``--columns``) or a settings file (``analysis.yaml``) that cannot be used."""


class DictionaryError(AnalysisError, ValueError):
    """An actor dictionary file is malformed."""


class LexiconError(AnalysisError, ValueError):
    """Lexicon overrides that cannot be read (wrong file, bad term or rating)."""


class SchemaError(AnalysisError, ValueError):
    """A frame lacks the columns or dtypes its schema names (or the function's ``by=`` column)."""
