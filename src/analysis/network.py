"""The co-mention network chart: who is named with whom, its communities and its layout.

Re-exported by ``plots``, where every chart of the reports is reachable.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .chart_style import PALETTE, label_axes, plain

NETWORK_TYPES = ("person", "organization")
_MARKERS = {"person": "o", "organization": "s", "location": "^", "other": "D"}


def outlet_names(mentions: pd.DataFrame) -> list[str]:
    """Actors the mentions flag as the publishing outlet itself (a boolean column whose name
    holds "outlet"), or [] when the mentions carry no such flag: the default ``exclude`` of
    ``network_chart``, so a corpus's own outlet ("BBC") is not drawn as the hub of its news.

    Example:
        >>> outlet_names(pd.DataFrame({"actor": ["BBC", "UN"], "is_outlet": [True, False]}))
        ['BBC']
    """
    flags = [
        c for c in mentions.columns if "outlet" in str(c).lower() and pd.api.types.is_bool_dtype(mentions[c].dtype)
    ]
    if not flags or "actor" not in mentions:
        return []
    flagged = mentions[flags].any(axis=1).to_numpy(bool)
    return sorted(set(mentions.loc[flagged, "actor"].astype(str)))


def network_communities(graph) -> dict[str, int]:
    """Node -> community number (0 = the community with the most mentions), by networkx's
    greedy modularity maximisation over the co-mention weights."""
    from networkx.algorithms.community import greedy_modularity_communities

    if graph.number_of_edges() == 0:
        return {node: i for i, node in enumerate(graph.nodes)}
    found = greedy_modularity_communities(graph, weight="weight")
    ranked = sorted(found, key=lambda c: (-sum(graph.nodes[n].get("mentions", 0) for n in c), sorted(c)))
    return {node: i for i, members in enumerate(ranked) for node in members}


def _spread_labels(ax, texts, *, rounds: int = 200) -> None:
    """Move labels apart until none overlaps another (measured as drawn), nudging vertically."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = ax.figure
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    fig.canvas.draw()  # lays the figure out, so label sizes and places are final
    renderer = fig.canvas.get_renderer()
    for _ in range(rounds):
        boxes = [t.get_window_extent(renderer).expanded(1.04, 1.12) for t in texts]
        moved = False
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                if boxes[i].overlaps(boxes[j]):
                    upper, lower = (i, j) if boxes[i].y0 >= boxes[j].y0 else (j, i)
                    step = (min(boxes[i].y1, boxes[j].y1) - max(boxes[i].y0, boxes[j].y0)) / 2 + 1
                    for index, sign in ((upper, 1), (lower, -1)):
                        x, y = ax.transData.transform(texts[index].get_position())
                        texts[index].set_position(ax.transData.inverted().transform((x, y + sign * step)))
                    boxes[upper] = texts[upper].get_window_extent(renderer).expanded(1.04, 1.12)
                    boxes[lower] = texts[lower].get_window_extent(renderer).expanded(1.04, 1.12)
                    moved = True
        if not moved:
            return


def _component_layout(graph) -> dict:
    """Spring layout per connected component, the largest in the main square and the others
    in a column beside it (a spring layout of the whole graph flings small components to the
    corners and crowds the rest in the middle). Weights count on a log scale, so one very
    frequent pair does not pull its two actors on top of each other."""
    import networkx as nx

    for a, b in graph.edges:
        graph.edges[a, b]["pull"] = float(np.log1p(graph.edges[a, b]["weight"]))
    # components are sets, whose order follows string hashing (random per process): sorted by
    # size then names, and each laid out from nodes and edges in sorted order, the same corpus
    # draws the same picture in every run
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    position = {}
    column_y = 1.0
    for i, members in enumerate(components):
        sub = nx.Graph()
        sub.add_nodes_from(members)
        sub.add_edges_from(sorted((min(a, b), max(a, b), graph.edges[a, b]) for a, b in graph.subgraph(members).edges))
        k = 1.8 / max(1, len(members)) ** 0.5
        laid = (
            nx.spring_layout(sub, seed=7, k=k, weight="pull", iterations=300)
            if len(members) > 1
            else {next(iter(members)): np.zeros(2)}
        )
        points = np.array(list(laid.values()), dtype=float)
        points -= points.mean(axis=0)
        span = max(float(np.abs(points).max()), 1e-9)
        if i == 0:
            scaled, centre = points / span, np.array([0.0, 0.0])
        else:  # small components down a column on the right, each sized by its members
            size = min(0.45, 0.12 * len(members) ** 0.5)
            scaled, centre = points / span * size, np.array([1.55, column_y - size])
            column_y -= 2 * size + 0.15
        for node, point in zip(laid, scaled):
            position[node] = point + centre
    return position


def network_chart(
    pairs: pd.DataFrame,
    table: pd.DataFrame,
    *,
    top_n: int = 25,
    types: tuple[str, ...] | list[str] = NETWORK_TYPES,
    exclude: list[str] | None = None,
    title: str = "Who is named with whom",
    subtitle: str | None = None,
) -> Figure:
    """The co-mention network of the ``top_n`` most mentioned actors of ``types``.

    Colours are communities (actors more often named with each other than with the rest,
    networkx's modularity communities), marker shapes the actor type, dot size the mentions,
    line width the sentences naming both. Labels are moved apart until none overlaps.

    Args:
        pairs: ``actors.comentions`` output (actor_a, actor_b, sentences).
        table: ``actors.actor_table`` output (actor, actor_type, mentions), most mentioned first.
        top_n: actors drawn.
        types: actor types drawn (people and organisations by default; add "location" for places).
        exclude: actors never drawn, e.g. the corpus's own outlet (``outlet_names``).

    Example:
        >>> fig = network_chart(comentions(m), actor_table(m), exclude=outlet_names(m))   # doctest: +SKIP
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    excluded = set(exclude or [])
    top = table.loc[
        table["actor_type"].isin(list(types)).to_numpy(bool) & ~table["actor"].isin(excluded).to_numpy(bool)
    ].head(top_n)
    keep = set(top["actor"])
    edges = pairs.loc[pairs["actor_a"].isin(keep).to_numpy(bool) & pairs["actor_b"].isin(keep).to_numpy(bool)]
    graph = nx.Graph()
    for row in top.itertuples(index=False):
        graph.add_node(row.actor, mentions=int(row.mentions), kind=row.actor_type)
    for row in edges.itertuples(index=False):
        graph.add_edge(row.actor_a, row.actor_b, weight=int(row.sentences))
    fig = Figure(figsize=(9, 7.5), layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    label_axes(ax, title=title, subtitle=subtitle)
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    if graph.number_of_edges() == 0:
        ax.text(
            0.5,
            0.5,
            "no two of these actors are named in the same sentence",
            ha="center",
            va="center",
            color="#777777",
            transform=ax.transAxes,
        )
        return fig
    community = network_communities(graph)
    position = _component_layout(graph)
    weights = np.array([graph.edges[e]["weight"] for e in graph.edges], dtype=float)
    nx.draw_networkx_edges(
        graph, position, ax=ax, width=0.5 + 4.5 * weights / weights.max(), edge_color="#b8c0c8", alpha=0.6
    )
    biggest = max(graph.nodes[n]["mentions"] for n in graph.nodes)
    for kind, marker in _MARKERS.items():
        nodes = [n for n in graph.nodes if graph.nodes[n]["kind"] == kind]
        if nodes:
            nx.draw_networkx_nodes(
                graph,
                position,
                nodelist=nodes,
                ax=ax,
                node_shape=marker,
                alpha=0.9,
                edgecolors="white",
                node_size=[100 + 1200 * graph.nodes[n]["mentions"] / biggest for n in nodes],
                node_color=[PALETTE[community[n] % len(PALETTE)] for n in nodes],
            )
    xs, ys = zip(*position.values())
    pad_x, pad_y = (max(xs) - min(xs)) * 0.12 + 0.05, (max(ys) - min(ys)) * 0.08 + 0.05
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    texts = [
        ax.text(
            x,
            y,
            plain(node),
            fontsize=8.5,
            ha="center",
            va="center",
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        for node, (x, y) in position.items()
    ]
    _spread_labels(ax, texts)
    leaders: dict[int, str] = {}  # community -> its most-mentioned node
    for node in sorted(graph.nodes, key=lambda n: -graph.nodes[n]["mentions"]):
        leaders.setdefault(community[node], node)
    handles = [
        Line2D([], [], marker="o", linestyle="", color=PALETTE[c % len(PALETTE)], label=plain(f"with {leader}"))
        for c, leader in sorted(leaders.items())[: len(PALETTE)]
    ]
    handles += [
        Line2D([], [], marker=_MARKERS[k], linestyle="", color="#555555", label=k)
        for k in _MARKERS
        if any(graph.nodes[n]["kind"] == k for n in graph.nodes)
    ]
    ax.legend(
        handles=handles,
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8.5,
        title="colour: community · shape: type",
        title_fontsize=8.5,
    )
    return fig
