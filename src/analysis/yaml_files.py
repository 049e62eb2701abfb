"""YAML read with libyaml's parser when PyYAML has it: the same objects as ``yaml.safe_load``.

The package's actor dictionary, cue lists and news lexicon take 0.23 s CPU to parse in pure
Python, in every process that prepares articles (the pool's server builds them before forking
its workers, so it is on prepare's critical path); libyaml reads them in 0.03 s. PyYAML wheels
ship libyaml; a build without it falls back to the Python parser.

Example:
    >>> safe_load("actors: [{name: NATO, type: organization}]")
    {'actors': [{'name': 'NATO', 'type': 'organization'}]}
"""

from __future__ import annotations

import yaml

# the C parser with PyYAML's safe constructor: same tags, same Python objects
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """``yaml.safe_load(text)``, parsed by libyaml when available (errors are ``yaml.YAMLError``)."""
    return yaml.load(text, Loader=SafeLoader)
