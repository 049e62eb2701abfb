"""Actor mentions and the tables about them: one import path over modules that each do one job.

- ``dictionary``: actors, aliases, the default and users' dictionary files, the automaton, cues;
  ``actor_files.load_dictionary`` merges the default dictionary with users' files.
- ``mentions.find_mentions``: who is named in each sentence (dictionary matching, then
  ``discovery``, ``resolution`` and ``mention_types``).
- ``actor_tables``: the report tables (``actor_table``, ``comentions``, ``unmatched``,
  ``actors_over_time``, ``quoted``) and the corpus-level steps before them (``merge_variants``);
  ``report_mentions``: the mentions a report reads and counts (``self_outlets``,
  ``counted_mentions``, ``compact_parts``).

Notebooks, tests and users keep writing ``from analysis import actors; actors.actor_table(...)``
or ``from analysis.actors import find_mentions``: every public name is re-exported here.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a"], "text": ["NATO met in Brussels."]})
    >>> sents = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [21]})
    >>> find_mentions(arts, sents)["actor"].tolist()
    ['North Atlantic Treaty Organization', 'Brussels']
"""

from __future__ import annotations

from .actor_files import load_dictionary
from .actor_tables import (
    actor_table,
    actors_by_group,
    actors_over_time,
    comentions,
    consolidate_types,
    merge_variants,
    quoted,
    toned_actors,
    top_per_type,
    unmatched,
    variant_names,
)
from .dictionary import (
    CASE_RULES,
    CUES_FILE,
    DEFAULT_FILES,
    SUBTYPE_OF_KIND,
    TYPES,
    Actor,
    Alias,
    Cues,
    Dictionary,
    DictionaryError,
    default_cues,
    default_dictionary,
    read_dictionary,
    roles_on,
)
from .mentions import BACKENDS, find_mentions
from .report_mentions import (
    MENTION_COLUMNS,
    chosen_outlets,
    compact_parts,
    counted_mentions,
    self_outlets,
    with_outlet_flags,
)

__all__ = [
    "BACKENDS",
    "CASE_RULES",
    "CUES_FILE",
    "DEFAULT_FILES",
    "SUBTYPE_OF_KIND",
    "TYPES",
    "Actor",
    "Alias",
    "Cues",
    "Dictionary",
    "DictionaryError",
    "MENTION_COLUMNS",
    "actor_table",
    "actors_by_group",
    "actors_over_time",
    "chosen_outlets",
    "comentions",
    "compact_parts",
    "consolidate_types",
    "counted_mentions",
    "default_cues",
    "default_dictionary",
    "find_mentions",
    "load_dictionary",
    "merge_variants",
    "quoted",
    "read_dictionary",
    "roles_on",
    "self_outlets",
    "toned_actors",
    "top_per_type",
    "unmatched",
    "variant_names",
    "with_outlet_flags",
]


# --------------------------------------------------------------------------- old chart names

# Old names of charts now in plots.py, for notebooks written against them: ``tone_figure`` is
# ``plots.actor_tone_chart``, ``network_figure`` is ``plots.network_chart`` (which draws people and
# organisations unless given ``types``). Resolved on first use, so finding mentions does not
# import matplotlib.
_OLD_CHART_NAMES = {"tone_figure": "actor_tone_chart", "network_figure": "network_chart"}


def __getattr__(name: str):
    if name in _OLD_CHART_NAMES:
        from . import plots

        return getattr(plots, _OLD_CHART_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
