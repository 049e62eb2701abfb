"""Every chart of the reports, named for what it draws (``<what>_chart``), with one look.

Each function takes a result frame and returns a new ``matplotlib.figure.Figure``
(built without pyplot, so nothing is drawn twice in a notebook and nothing piles up in
memory); pass it to ``report.figure(fig, name)`` to save it. Every chart has a title
and labelled axes.

Labels come from the data (categories, sources, actors, terms), so every text drawn goes
through ``plain``: a ``$`` is a dollar sign, never the start of matplotlib mathtext (``$$``
made whole reports fail). Charts draw a bounded number of groups (``MAX_GROUPS`` panels or
lines, ``MAX_BARS`` bars): the rest appear as "other", while the tables keep every row.

The co-mention network (``network_chart``, with its communities and layout) is drawn in
``analysis.network`` and the shared look in ``analysis.chart_style``; both are re-exported here.

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

from .chart_style import NEGATIVE, PALETTE, POSITIVE, WIDTH, label_axes, plain
from .network import NETWORK_TYPES, network_chart, network_communities, outlet_names

# the look and the network chart live in modules of their own; every chart and the names
# notebooks used from here stay importable from plots
__all__ = [
    "MAX_BARS",
    "MAX_GROUPS",
    "NEGATIVE",
    "NETWORK_TYPES",
    "PALETTE",
    "POSITIVE",
    "WIDTH",
    "actor_tone_chart",
    "bar_chart",
    "bar_grid",
    "bar_grid_chart",
    "group_tone_chart",
    "label_axes",
    "line_chart",
    "network_chart",
    "network_communities",
    "outlet_names",
    "plain",
    "tone_distribution_chart",
    "zipf_chart",
    "zipf_plot",
]

# beyond these a chart is unreadable and slow to draw (2,000 categories took over 10 minutes)
MAX_GROUPS = 12  # panels of a bar grid, lines of a line chart
MAX_BARS = 60  # bars of one bar chart


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
    "compound": stock VADER), for the axis label; the values are in the ``score`` column.

    Example:
        >>> fig = tone_distribution_chart(document_tone(scored, articles))   # doctest: +SKIP
    """
    fig, ax = _figure(height=3.6)
    values = documents["score"].dropna().to_numpy(float)
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
        mean = data["score"].to_numpy(float)
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


# --------------------------------------------------------------------------- old names

# Earlier names, kept so notebooks written against them still run; new code uses the *_chart names.
# (``sentiment.tone_histogram``, ``sentiment.group_tone_chart``, ``actors.tone_figure`` and
# ``actors.network_figure`` likewise still resolve to the charts here.)
zipf_plot = zipf_chart
bar_grid = bar_grid_chart
