"""Actor mentions and the tables about them: one import path over modules that each do one job.

- ``dictionary``: actors, aliases, the default and users' dictionary files, the automaton, cues;
  ``actor_files.load_dictionary`` merges the default dictionary with users' files.
- ``mentions.find_mentions``: who is named in each sentence (dictionary matching, then
  ``discovery``, ``resolution`` and ``mention_types``).
- ``actor_tables``: the report tables (``actor_table``, ``comentions``, ``unmatched``,
  ``actors_over_time``, ``quoted``) and the corpus-level steps before them (``self_outlets``,
  ``counted_mentions``, ``merge_variants``).

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

import numpy as np
import pandas as pd

from .actor_files import load_dictionary
from .actor_tables import (
    actor_table,
    actors_over_time,
    comentions,
    compact_parts,
    consolidate_types,
    counted_mentions,
    merge_variants,
    quoted,
    self_outlets,
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

__all__ = [
    "BACKENDS", "CASE_RULES", "CUES_FILE", "DEFAULT_FILES", "SUBTYPE_OF_KIND", "TYPES",
    "Actor", "Alias", "Cues", "Dictionary", "DictionaryError",
    "actor_table", "actors_over_time", "comentions", "compact_parts", "consolidate_types", "counted_mentions",
    "default_cues", "default_dictionary", "find_mentions", "load_dictionary", "merge_variants", "network_figure", "quoted",
    "read_dictionary", "roles_on", "self_outlets", "tone_figure", "unmatched", "variant_names",
]


# --------------------------------------------------------------------------- charts


def network_figure(pairs: pd.DataFrame, table: pd.DataFrame, *, top_n: int = 25, title: str = "Who is named with whom"):
    """The co-mention network of the ``top_n`` most mentioned actors (matplotlib Figure).

    Nodes are sized by mentions and coloured by type; an edge joins two actors named in
    the same sentence, its width growing with the number of such sentences.

    Args:
        pairs: ``comentions(...)`` output.
        table: ``actor_table(...)`` output (for sizes and types), most mentioned first.

    Example:
        >>> fig = network_figure(comentions(m), actor_table(m), top_n=20)   # doctest: +SKIP
    """
    import networkx as nx
    from matplotlib.figure import Figure

    from .plots import plain  # actor names from the data: a $ is a dollar, not mathtext

    colours = {"person": "#2f6690", "organization": "#d1495b", "location": "#3a7d44", "other": "#8d6a9f"}
    top = table.head(top_n)
    keep = set(top["actor"])
    edges = pairs[pairs["actor_a"].isin(keep) & pairs["actor_b"].isin(keep)]
    graph = nx.Graph()
    for row in top.itertuples():
        graph.add_node(row.actor, mentions=int(row.mentions), kind=row.actor_type)
    for row in edges.itertuples():
        graph.add_edge(row.actor_a, row.actor_b, weight=int(row.sentences))
    fig = Figure(figsize=(9, 7.5), layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(plain(title), loc="left", fontsize=12, fontweight="bold")
    if graph.number_of_edges() == 0:
        ax.text(0.5, 0.5, "no two of these actors are named in the same sentence", ha="center", va="center",
                color="#777777", transform=ax.transAxes)
        return fig
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    position = nx.spring_layout(graph, seed=7, k=1.6 / max(1, graph.number_of_nodes()) ** 0.5, weight="weight")
    weights = np.array([graph.edges[e]["weight"] for e in graph.edges], dtype=float)
    widths = 0.6 + 5.0 * weights / weights.max()
    nx.draw_networkx_edges(graph, position, ax=ax, width=widths, edge_color="#9aa5b1", alpha=0.6)
    sizes = np.array([graph.nodes[n]["mentions"] for n in graph.nodes], dtype=float)
    nx.draw_networkx_nodes(
        graph, position, ax=ax, node_size=120 + 1400 * sizes / sizes.max(),
        node_color=[colours.get(graph.nodes[n]["kind"], "#6c757d") for n in graph.nodes], alpha=0.9,
    )
    for node, (x, y) in position.items():
        ax.text(x, y, plain(node), fontsize=8.5, ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    handles = [
        __import__("matplotlib.lines", fromlist=["Line2D"]).Line2D([], [], marker="o", linestyle="", color=c, label=k)
        for k, c in colours.items() if k in {graph.nodes[n]["kind"] for n in graph.nodes}
    ]
    ax.legend(handles=handles, frameon=False, loc="lower left", fontsize=9)
    return fig


def tone_figure(table: pd.DataFrame, *, top_n: int = 20, title: str = "Tone of the sentences naming each actor"):
    """Mean compound score per actor with its confidence interval (dots and whiskers).

    Example:
        >>> fig = tone_figure(actor_table(m, scored), top_n=15)   # doctest: +SKIP
    """
    from matplotlib.figure import Figure

    from .plots import plain  # actor names from the data: a $ is a dollar, not mathtext

    data = table.dropna(subset=["tone"]).head(top_n)
    fig = Figure(figsize=(8, max(2.0, 0.6 + 0.28 * max(len(data), 1))), layout="constrained")
    ax = fig.subplots()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(plain(title), loc="left", fontsize=12, fontweight="bold")
    if data.empty:
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center", color="#777777")
        return fig
    y = np.arange(len(data))
    low = (data["tone"] - data["tone_ci_low"]).fillna(0).clip(lower=0)
    high = (data["tone_ci_high"] - data["tone"]).fillna(0).clip(lower=0)
    colours = ["#2f6690" if t >= 0 else "#d1495b" for t in data["tone"]]
    ax.errorbar(data["tone"], y, xerr=[low, high], fmt="none", ecolor="#9aa5b1", elinewidth=1.5, capsize=3)
    ax.scatter(data["tone"], y, color=colours, zorder=3, s=30)
    ax.set_yticks(y, [plain(f"{a} ({n})") for a, n in zip(data["actor"], data["mentions"])])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel("mean compound score of the sentences (95% bootstrap interval); (mentions)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    return fig
