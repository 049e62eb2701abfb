"""Chart helpers shared by the report notebooks: one look for every report.

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
from matplotlib.figure import Figure

#: one colour per series, in order; the first is the default bar colour
PALETTE = ("#2f6690", "#d1495b", "#3a7d44", "#edae49", "#66a182", "#8d6a9f", "#00798c", "#6c757d")
POSITIVE, NEGATIVE = PALETTE[0], PALETTE[1]
WIDTH = 8.0  # inches; reports are read on screens of about this width
# beyond these a chart is unreadable and slow to draw (2,000 categories took over 10 minutes)
MAX_GROUPS = 12  # panels of a bar grid, lines of a line chart
MAX_BARS = 60  # bars of one bar chart


def plain(text: object) -> str:
    """``text`` as drawn literally by matplotlib: ``$`` escaped, so no label is read as mathtext.

    Every chart helper (and the charts in sentiment.py and actors.py) passes labels through this.

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
    _labels(ax, title=title, xlabel=xlabel or value, subtitle=subtitle)
    if hidden:
        ax.set_xlabel(plain(f"{xlabel or value}\nother: {hidden:,} more rows not drawn (all are in the table)"))
    return fig


def bar_grid(
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
        >>> fig = bar_grid(distinctive, group="group", label="term", value="score", title="Distinctive terms")  # doctest: +SKIP
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
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    if hidden:
        ax = axes.flat[len(names)]
        ax.set_visible(True)
        ax.set_title("other", loc="left", fontsize=10, fontweight="bold")
        ax.text(0.5, 0.5, f"{hidden:,} more groups not drawn\n(all are in the table)", transform=ax.transAxes,
                ha="center", va="center", color="#555555")
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
        ax.plot(part[x], part[y], marker="o", markersize=3, linewidth=1.6,
                color=PALETTE[i % len(PALETTE)], label=None if name is None else plain(name))
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
    _labels(ax, title=title, xlabel=xlabel or x, ylabel=ylabel or y, subtitle=subtitle)
    return fig


def zipf_plot(table: pd.DataFrame, *, title: str = "Zipf plot: word frequency against rank", subtitle: str | None = None) -> Figure:
    """Frequency against rank on log-log axes, with the ideal Zipf line for reference.

    Args:
        table: a ``frequencies.zipf_table`` (columns ``rank`` and ``count``).

    Example:
        >>> fig = zipf_plot(zipf_table(corpus.tokens))   # doctest: +SKIP
    """
    fig, ax = _figure(height=4.0)
    data = table.loc[table["count"] > 0]
    if data.empty:
        _empty(ax)
    else:
        ax.loglog(data["rank"], data["count"], marker=".", linestyle="none", markersize=3, color=POSITIVE, label="terms")
        top = float(data["count"].iloc[0])
        ranks = np.array([1.0, float(data["rank"].max())])
        ax.loglog(ranks, top / ranks, linestyle="--", color=NEGATIVE, linewidth=1.2, label="ideal Zipf (count ∝ 1/rank)")
        ax.legend(frameon=False, fontsize=9)
    ax.grid(which="major", color="#dddddd", linewidth=0.8)
    _labels(ax, title=title, xlabel="rank (log scale)", ylabel="count (log scale)", subtitle=subtitle)
    return fig


# --------------------------------------------------------------------------- shared look


def _figure(*, height: float) -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    ax = fig.subplots()
    _style(ax)
    return fig, ax


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=9)


def _labels(ax, *, title: str, xlabel: str | None = None, ylabel: str | None = None, subtitle: str | None = None) -> None:
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
