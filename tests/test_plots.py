"""plots.py: every chart is a titled, labelled Figure, also for empty tables."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import plots

TERMS = pd.DataFrame({"term": ["said", "mr", "year", "people"], "count": [40, 30, 20, 10]})
SIGNED = pd.DataFrame({"term": ["labour", "election", "match", "cup"], "log_ratio": [9.0, 8.0, -5.0, -8.0]})
GROUPED = pd.DataFrame({
    "group": ["politics", "politics", "sport", "sport", "tech"],
    "term": ["labour", "party", "cup", "match", "mobile"],
    "score": [20.0, 15.0, 14.0, 12.0, 9.0],
})
TRENDS = pd.DataFrame({
    "period": pd.to_datetime(["2005-01-01", "2005-02-01", "2005-01-01", "2005-02-01"]),
    "term": ["blair", "blair", "election", "election"],
    "per_10k": [3.0, 5.0, 1.0, 8.0],
})
ZIPF = pd.DataFrame({"rank": [1, 2, 3, 4], "term": list("abcd"), "count": [100, 50, 33, 25]})


def png_bytes(fig: Figure) -> int:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return len(buffer.getvalue())


CHARTS = {
    "bar": lambda df: plots.bar_chart(df, label="term", value="count", title="Top terms", xlabel="occurrences"),
    "bar_signed": lambda df: plots.bar_chart(df, label="term", value="log_ratio", title="Keyness", subtitle="politics vs sport"),
    "grid": lambda df: plots.bar_grid(df, group="group", label="term", value="score", title="Distinctive terms"),
    "line": lambda df: plots.line_chart(df, x="period", y="per_10k", series="term", title="Trends", ylabel="per 10k words"),
    "zipf": lambda df: plots.zipf_plot(df),
}
DATA = {"bar": TERMS, "bar_signed": SIGNED, "grid": GROUPED, "line": TRENDS, "zipf": ZIPF}


@pytest.mark.parametrize("kind", list(CHARTS))
def test_charts_are_titled_labelled_figures(kind):
    data = DATA[kind]
    before = data.copy()
    fig = CHARTS[kind](data)
    assert isinstance(fig, Figure)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    titles = [ax.get_title(loc="left") for ax in visible] + ([fig._suptitle.get_text()] if fig._suptitle else [])
    assert any(titles)
    assert all(ax.get_xlabel() for ax in visible)
    assert png_bytes(fig) > 1000
    pd.testing.assert_frame_equal(data, before)  # input untouched


@pytest.mark.parametrize("kind", list(CHARTS))
def test_charts_of_empty_tables_say_so(kind):
    empty = DATA[kind].iloc[0:0]
    fig = CHARTS[kind](empty)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "nothing to show" in texts
    assert png_bytes(fig) > 1000


def test_bar_chart_order_colours_and_top_n():
    fig = plots.bar_chart(SIGNED, label="term", value="log_ratio", title="Keyness", top_n=3)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["labour", "election", "match"]  # first row at the top, top_n rows
    colours = {bar.get_facecolor()[:3] for bar in ax.patches}
    assert len(colours) == 2  # positive and negative bars differ
    assert ax.get_xlabel() == "log_ratio"


def test_bar_grid_one_panel_per_group():
    fig = plots.bar_grid(GROUPED, group="group", label="term", value="score", title="Distinctive", top_n=1, columns=2)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in panels] == ["politics", "sport", "tech"]
    assert all(len(ax.patches) == 1 for ax in panels)


def test_line_chart_has_one_line_per_series():
    fig = plots.line_chart(TRENDS, x="period", y="per_10k", series="term", title="Trends")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["blair", "election"]
    assert ax.get_ylim()[0] == 0


def test_zipf_plot_is_log_log_with_reference_line():
    ax = plots.zipf_plot(ZIPF).axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    assert len(ax.get_lines()) == 2
