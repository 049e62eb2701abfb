"""Every chart of the reports, named for what it draws (``<what>_chart``), with one look.

Each function takes a result frame and returns a new ``matplotlib.figure.Figure``
(built without pyplot, so nothing is drawn twice in a notebook and nothing piles up in
memory); pass it to ``report.figure(fig, name)`` to save it. Every chart has a title
and labelled axes.

Labels come from the data (categories, sources, actors, terms), so every text drawn goes
through ``plain``: a ``$`` is a dollar sign, never the start of matplotlib mathtext (``$$``
made whole reports fail). Charts draw a bounded number of groups (``MAX_GROUPS`` panels or
lines, ``MAX_BARS`` bars): the rest appear as "other", while the tables keep every row.

Example:
    >>> import pandas as pd
    >>> fig = bar_chart(pd.DataFrame({"term": ["a", "b"], "count": [3, 1]}), label="term", value="count", title="Top terms")
    >>> fig.axes[0].get_title(loc="left")
    'Top terms'
"""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: one colour per series, in order; the first is the default bar colour
PALETTE = ("#2f6690", "#d1495b", "#3a7d44", "#edae49", "#66a182", "#8d6a9f", "#00798c", "#6c757d")
POSITIVE, NEGATIVE = PALETTE[0], PALETTE[1]
WIDTH = 8.0  # inches; reports are read on screens of about this width
# beyond these a chart is unreadable and slow to draw (2,000 categories took over 10 minutes)
MAX_GROUPS = 12  # panels of a bar grid, lines of a line chart
MAX_BARS = 60  # bars of one bar chart


def plain(text: object) -> str:
    r"""``text`` as drawn literally by matplotlib: ``$`` escaped, so no label is read as mathtext.

    Every chart here passes labels through this.

    Example:
        >>> plain("US$ 5 and $x^2$")
        'US\\$ 5 and \\$x^2\\$'
    """
    return str(text).replace("$", r"\$")


def bar_chart(
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    title: str,
    xlabel: str | None = None,
    top_n: int | None = None,
    subtitle: str | None = None,
) -> Figure:
    """Horizontal bars, largest at the top: one bar per row of ``frame``.

    Values of both signs (e.g. a log ratio) are drawn from a zero line, positive bars
    in one colour and negative bars in another.

    Args:
        frame: the table to draw (not modified).
        label: column with the bar labels.
        value: column with the bar lengths.
        title: chart title.
        xlabel: axis label for the values (default: ``value``).
        top_n: draw only the first ``top_n`` rows (in the frame's order).
        subtitle: a smaller line under the title (e.g. what the corpus was).

    Example:
        >>> fig = bar_chart(terms, label="term", value="count", title="Top terms", top_n=20)  # doctest: +SKIP
    """
    data = frame.head(top_n) if top_n is not None else frame
    hidden = max(0, len(data) - MAX_BARS)
    data = data.head(MAX_BARS)
    fig, ax = _figure(height=_bar_height(len(data)))
    _bars(ax, data, label, value)
    label_axes(ax, title=title, xlabel=xlabel or value, subtitle=subtitle)
    if hidden:
        ax.set_xlabel(plain(f"{xlabel or value}\nother: {hidden:,} more rows not drawn (all are in the table)"))
    return fig


def bar_grid_chart(
    frame: pd.DataFrame,
    *,
    group: str,
    label: str,
    value: str,
    title: str,
    xlabel: str | None = None,
    top_n: int | None = 10,
    columns: int = 2,
) -> Figure:
    """Small multiples: one horizontal bar chart per group, side by side.

    Args:
        frame: the table, e.g. distinctive terms with a group column (not modified).
        group: column naming each row's group; one panel per value, in sorted order.
        label, value: as for ``bar_chart``.
        title: title over all panels; each panel is titled with its group.
        top_n: rows per panel (in the frame's order).
        columns: panels per row.

    Example:
        >>> fig = bar_grid_chart(distinctive, group="group", label="term", value="score", title="Distinctive terms")  # doctest: +SKIP
    """
    names = sorted(frame[group].dropna().unique().tolist())
    hidden = 0
    if len(names) > MAX_GROUPS:
        # the groups with the most weight are drawn; one panel says how many others there are
        weight = frame.assign(_w=frame[value].abs()).groupby(group)["_w"].sum()
        kept = set(weight.sort_values(ascending=False, kind="stable").index[: MAX_GROUPS - 1])
        hidden = len(names) - len(kept)
        names = [n for n in names if n in kept]
    panels = len(names) + (1 if hidden else 0)
    columns = max(1, min(columns, panels or 1))
    rows = max(1, math.ceil(panels / columns))
    per_panel = top_n if top_n is not None else int(frame.groupby(group).size().max() if len(frame) else 1)
    fig = Figure(figsize=(WIDTH, rows * _bar_height(per_panel) * 0.8 + 0.6), layout="constrained")
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax, name in zip(axes.flat, names):
        part = frame.loc[frame[group] == name]
        if top_n is not None:
            part = part.head(top_n)
        _bars(ax, part, label, value)
        _style(ax)
        ax.set_title(plain(name), loc="left", fontsize=10, fontweight="bold")
        ax.set_xlabel(plain(xlabel or value))
    for ax in list(axes.flat)[len(names) :]:
        ax.set_visible(False)
    if hidden:
        ax = axes.flat[len(names)]
        ax.set_visible(True)
        ax.set_title("other", loc="left", fontsize=10, fontweight="bold")
        ax.text(
            0.5,
            0.5,
            f"{hidden:,} more groups not drawn\n(all are in the table)",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#555555",
        )
        ax.set_axis_off()
    if not names:
        _empty(axes.flat[0])
    fig.suptitle(plain(title), x=0.0, ha="left", fontsize=12, fontweight="bold")
    return fig


def line_chart(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    series: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    subtitle: str | None = None,
) -> Figure:
    """Lines over ``x`` (e.g. time), one per value of ``series``, with a legend.

    Example:
        >>> fig = line_chart(trends, x="period", y="per_10k", series="term", title="Term use per month")  # doctest: +SKIP
    """
    fig, ax = _figure(height=3.6)
    groups = [(None, frame)] if series is None else list(frame.groupby(series, sort=True))
    hidden = 0
    if len(groups) > MAX_GROUPS:  # the series with the largest totals are drawn
        totals = {name: float(part[y].abs().sum()) for name, part in groups}
        kept = set(sorted(totals, key=lambda n: -totals[n])[:MAX_GROUPS])
        hidden = len(groups) - len(kept)
        groups = [(name, part) for name, part in groups if name in kept]
    for i, (name, part) in enumerate(groups):
        part = part.sort_values(x)
        ax.plot(
            part[x],
            part[y],
            marker="o",
            markersize=3,
            linewidth=1.6,
            color=PALETTE[i % len(PALETTE)],
            label=None if name is None else plain(name),
        )
    if hidden:
        ax.plot([], [], linestyle="none", label=f"other: {hidden:,} more not drawn (all are in the table)")
    if series is not None and groups:
        ax.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if frame.empty:
        _empty(ax)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    if len(frame) and (frame[y] >= 0).all():
        ax.set_ylim(bottom=0)
    if len(frame) and pd.api.types.is_datetime64_any_dtype(frame[x]):
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    label_axes(ax, title=title, xlabel=xlabel or x, ylabel=ylabel or y, subtitle=subtitle)
    return fig


def zipf_chart(
    table: pd.DataFrame, *, title: str = "Zipf plot: word frequency against rank", subtitle: str | None = None
) -> Figure:
    """Frequency against rank on log-log axes, with the ideal Zipf line for reference.

    Args:
        table: a ``frequencies.zipf_table`` (columns ``rank`` and ``count``).

    Example:
        >>> fig = zipf_chart(zipf_table(corpus.tokens))   # doctest: +SKIP
    """
    fig, ax = _figure(height=4.0)
    data = table.loc[table["count"] > 0]
    if data.empty:
        _empty(ax)
    else:
        ax.loglog(
            data["rank"], data["count"], marker=".", linestyle="none", markersize=3, color=POSITIVE, label="terms"
        )
        top = float(data["count"].iloc[0])
        ranks = np.array([1.0, float(data["rank"].max())])
        ax.loglog(
            ranks, top / ranks, linestyle="--", color=NEGATIVE, linewidth=1.2, label="ideal Zipf (count ∝ 1/rank)"
        )
        ax.legend(frameon=False, fontsize=9)
    ax.grid(which="major", color="#dddddd", linewidth=0.8)
    label_axes(ax, title=title, xlabel="rank (log scale)", ylabel="count (log scale)", subtitle=subtitle)
    return fig


# --------------------------------------------------------------------------- tone


def tone_distribution_chart(
    documents: pd.DataFrame,
    *,
    pos_threshold: float = 0.05,
    neg_threshold: float = -0.05,
    title: str = "Article tone",
    subtitle: str | None = None,
    bins: int = 40,
    score: str = "compound",
) -> Figure:
    """Histogram of article tone (mean sentence score), the thresholds and the median marked.

    ``score`` names the sentence score the tone was computed from ("tone": the news tone,
    "compound": stock VADER), for the axis label; the values are in the ``compound`` column.

    Example:
        >>> fig = tone_distribution_chart(document_tone(scored, articles))   # doctest: +SKIP
    """
    fig, ax = _figure(height=3.6)
    values = documents["compound"].dropna().to_numpy(float)
    if len(values):
        counts, edges = np.histogram(values, bins=bins, range=(-1.0, 1.0))
        centres = (edges[:-1] + edges[1:]) / 2
        colours = [POSITIVE if c >= pos_threshold else NEGATIVE if c <= neg_threshold else PALETTE[7] for c in centres]
        ax.bar(centres, counts, width=edges[1] - edges[0], color=colours, edgecolor="white", linewidth=0.5)
        median = float(np.median(values))
        ax.axvline(median, color="#333333", linewidth=1.2, linestyle="--")
        ax.text(median, counts.max() * 1.02, f" median {median:+.2f}", fontsize=9, color="#333333", va="bottom")
        ax.set_ylim(top=counts.max() * 1.15)
    else:
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center", color="#777777")
    for threshold in (neg_threshold, pos_threshold):
        ax.axvline(threshold, color="#999999", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    measure = "news tone" if score == "tone" else "compound score"
    label_axes(
        ax,
        title=title,
        subtitle=subtitle,
        xlabel=f"mean sentence {measure} (-1 most negative, +1 most positive)",
        ylabel="articles",
    )
    return fig


def group_tone_chart(
    groups: pd.DataFrame, *, title: str, subtitle: str | None = None, ci: float = 0.95, max_groups: int = 40
) -> Figure:
    """Mean article tone per group as dots with confidence-interval bars, zero line marked.

    Example:
        >>> fig = group_tone_chart(group_tone(docs, by="category"), title="Tone by category")  # doctest: +SKIP
    """
    data = groups.head(max_groups)
    fig, ax = _figure(height=max(2.0, 0.8 + 0.3 * max(len(data), 1)))
    if data.empty:
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center", color="#777777")
    else:
        positions = np.arange(len(data))
        mean = data["compound"].to_numpy(float)
        low = data["ci_low"].to_numpy(float)
        high = data["ci_high"].to_numpy(float)
        colours = [POSITIVE if m >= 0 else NEGATIVE for m in mean]
        has_ci = ~np.isnan(low)
        ax.hlines(
            positions[has_ci],
            low[has_ci],
            high[has_ci],
            colors=[c for c, h in zip(colours, has_ci) if h],
            linewidth=2.5,
            alpha=0.45,
        )
        ax.scatter(mean, positions, color=colours, s=36, zorder=3)
        labels = [plain(f"{g}  (n={n:,})") for g, n in zip(data["group"], data["documents"])]
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
    label_axes(ax, title=title, subtitle=subtitle, xlabel=f"mean article tone (bars: {ci:.0%} bootstrap interval)")
    return fig


def actor_tone_chart(
    table: pd.DataFrame, *, top_n: int = 20, title: str = "Tone of the sentences naming each actor"
) -> Figure:
    """Mean compound score per actor with its confidence interval (dots and whiskers).

    Example:
        >>> fig = actor_tone_chart(actor_table(m, scored), top_n=15)   # doctest: +SKIP
    """
    data = table.dropna(subset=["tone"]).head(top_n)
    fig = Figure(figsize=(WIDTH, max(2.0, 0.6 + 0.28 * max(len(data), 1))), layout="constrained")
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
    colours = [POSITIVE if t >= 0 else NEGATIVE for t in data["tone"]]
    ax.errorbar(data["tone"], y, xerr=[low, high], fmt="none", ecolor="#9aa5b1", elinewidth=1.5, capsize=3)
    ax.scatter(data["tone"], y, color=colours, zorder=3, s=30)
    ax.set_yticks(y, [plain(f"{a} ({n})") for a, n in zip(data["actor"], data["mentions"])])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel("mean compound score of the sentences (95% bootstrap interval); (mentions)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    return fig


# --------------------------------------------------------------------------- shared look


def _figure(*, height: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    ax = fig.subplots()
    _style(ax)
    return fig, ax


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=9)


def label_axes(
    ax, *, title: str, xlabel: str | None = None, ylabel: str | None = None, subtitle: str | None = None
) -> None:
    ax.set_title(plain(title), loc="left", fontsize=12, fontweight="bold", pad=18 if subtitle else 6)
    if subtitle:
        ax.text(0.0, 1.01, plain(subtitle), transform=ax.transAxes, fontsize=9, color="#555555", va="bottom")
    if xlabel:
        ax.set_xlabel(plain(xlabel))
    if ylabel:
        ax.set_ylabel(plain(ylabel))


def _bars(ax, data: pd.DataFrame, label: str, value: str) -> None:
    if data.empty:
        _empty(ax)
        return
    values = data[value].to_numpy(float)
    colours = [POSITIVE if v >= 0 else NEGATIVE for v in values]
    positions = np.arange(len(data))
    ax.barh(positions, values, color=colours, height=0.7)
    ax.set_yticks(positions, [plain(v) for v in data[label]])
    ax.invert_yaxis()  # first row at the top
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    if (values < 0).any():
        ax.axvline(0, color="#333333", linewidth=0.8)


def _bar_height(n: int) -> float:
    return max(2.0, 0.6 + 0.24 * max(n, 1))


def _empty(ax) -> None:
    ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center", color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])


# --------------------------------------------------------------------------- co-mention network

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


# --------------------------------------------------------------------------- old names

# Earlier names, kept so notebooks written against them still run; new code uses the *_chart names.
# (``sentiment.tone_histogram``, ``sentiment.group_tone_chart``, ``actors.tone_figure`` and
# ``actors.network_figure`` likewise still resolve to the charts here.)
zipf_plot = zipf_chart
bar_grid = bar_grid_chart
