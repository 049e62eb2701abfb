"""The look every chart shares: palette, width, labels drawn literally, titles and axis labels.

``plots`` (the bar, line and tone charts) and ``network`` (the co-mention network) both draw
with these, so every figure of the reports looks alike.
"""

from __future__ import annotations

#: one colour per series, in order; the first is the default bar colour
PALETTE = ("#2f6690", "#d1495b", "#3a7d44", "#edae49", "#66a182", "#8d6a9f", "#00798c", "#6c757d")
POSITIVE, NEGATIVE = PALETTE[0], PALETTE[1]
WIDTH = 8.0  # inches; reports are read on screens of about this width


def plain(text: object) -> str:
    r"""``text`` as drawn literally by matplotlib: ``$`` escaped, so no label is read as mathtext.

    Every chart here passes labels through this.

    Example:
        >>> plain("US$ 5 and $x^2$")
        'US\\$ 5 and \\$x^2\\$'
    """
    return str(text).replace("$", r"\$")


def label_axes(
    ax, *, title: str, xlabel: str | None = None, ylabel: str | None = None, subtitle: str | None = None
) -> None:
    """Title ``ax`` on the left (a smaller ``subtitle`` line under it) and label its axes, all drawn literally."""
    ax.set_title(plain(title), loc="left", fontsize=12, fontweight="bold", pad=18 if subtitle else 6)
    if subtitle:
        ax.text(0.0, 1.01, plain(subtitle), transform=ax.transAxes, fontsize=9, color="#555555", va="bottom")
    if xlabel:
        ax.set_xlabel(plain(xlabel))
    if ylabel:
        ax.set_ylabel(plain(ylabel))
