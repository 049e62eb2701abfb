"""News-analysis toolkit: load articles, prepare them once, and build reports.

The handful of functions a notebook calls are importable from here; everything else
lives in the module named for its job (``analysis.load``, ``analysis.tokens``, ...).

Example:
    >>> import analysis
    >>> articles, problems = analysis.load_articles(analysis.paths.SAMPLE_CORPUS)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib

from . import paths
from .options import OptionError, check_choice

__version__ = "0.2.0"  # the one version source (pyproject.toml reads it); see CHANGELOG.md

# name -> module; imported on first use so `import analysis` stays fast in notebooks
_EXPORTS = {
    "load_articles": "load",
    "split_sentences": "tokens",
    "tokenize": "tokens",
    "stopword_set": "tokens",
    "score_sentences": "sentiment",
    "find_mentions": "actors",
    "prepare_corpus": "prepare",
    "open_corpus": "prepare",
    "document_tone": "sentiment",
    "group_tone": "sentiment",
    "load_dictionary": "actors",
    "find_quotes": "quotes",
    "actor_table": "actors",
    "term_counts": "frequencies",
    "ngram_counts": "frequencies",
    "keyness": "frequencies",
    "kwic": "frequencies",
}

__all__ = ["__version__", "paths", "schemas", "Report", "OptionError", "check_choice", *_EXPORTS]


def __getattr__(name: str):
    # schemas and Report import pandas: on first use, so that `analysis prepare` starts its workers'
    # server before this process imports pandas (the two imports then run side by side)
    if name == "schemas":
        return importlib.import_module(".schemas", __name__)
    if name == "Report":
        return importlib.import_module(".report", __name__).Report
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS) | {"schemas", "Report"})
