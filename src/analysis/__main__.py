"""``python -m analysis``: the same command as ``analysis`` (see ``analysis.cli``)."""

from .cli import entry

entry()
