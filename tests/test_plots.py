"""plots.py: every chart is a titled, labelled Figure, also for empty tables."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import plots

TERMS = pd.DataFrame({"term": ["said", "mr", "year", "people"], "count": [40, 30, 20, 10]})
SIGNED = pd.DataFrame({"term": ["labour", "election", "match", "cup"], "log_ratio": [9.0, 8.0, -5.0, -8.0]})
GROUPED = pd.DataFrame(
    {
        "group": ["politics", "politics", "sport", "sport", "tech"],
        "term": ["labour", "party", "cup", "match", "mobile"],
        "score": [20.0, 15.0, 14.0, 12.0, 9.0],
    }
)
TRENDS = pd.DataFrame(
    {
        "period": pd.to_datetime(["2005-01-01", "2005-02-01", "2005-01-01", "2005-02-01"]),
        "term": ["blair", "blair", "election", "election"],
        "per_10k": [3.0, 5.0, 1.0, 8.0],
    }
)
ZIPF = pd.DataFrame({"rank": [1, 2, 3, 4], "term": list("abcd"), "count": [100, 50, 33, 25]})


def png_bytes(fig: Figure) -> int:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return len(buffer.getvalue())


CHARTS = {
    "bar": lambda df: plots.bar_chart(df, label="term", value="count", title="Top terms", xlabel="occurrences"),
    "bar_signed": lambda df: plots.bar_chart(
        df, label="term", value="log_ratio", title="Keyness", subtitle="politics vs sport"
    ),
    "grid": lambda df: plots.bar_grid_chart(df, group="group", label="term", value="score", title="Distinctive terms"),
    "line": lambda df: plots.line_chart(
        df, x="period", y="per_10k", series="term", title="Trends", ylabel="per 10k words"
    ),
    "zipf": lambda df: plots.zipf_chart(df),
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


def test_bar_grid_chart_one_panel_per_group():
    fig = plots.bar_grid_chart(
        GROUPED, group="group", label="term", value="score", title="Distinctive", top_n=1, columns=2
    )
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in panels] == ["politics", "sport", "tech"]
    assert all(len(ax.patches) == 1 for ax in panels)


def test_line_chart_has_one_line_per_series():
    fig = plots.line_chart(TRENDS, x="period", y="per_10k", series="term", title="Trends")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["blair", "election"]
    assert ax.get_ylim()[0] == 0


def test_zipf_chart_is_log_log_with_reference_line():
    ax = plots.zipf_chart(ZIPF).axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    assert len(ax.get_lines()) == 2


# --------------------------------------------------------------------------- hostile labels, many groups

DOLLARS = ["$$", "$x^2$", "US$ 5 and $6", "a\\$b", "$\\frac{1}{0}$"]


def drawn_texts(fig: Figure) -> list[str]:
    """Every text the figure draws, as a reader sees it (mathtext escapes undone)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    texts = []
    for text in fig.findobj(Text):
        shown, is_math = text._preprocess_math(text.get_text())  # matplotlib's own test of mathtext
        assert not is_math, f"drawn as mathtext: {text.get_text()!r}"
        texts.append(shown)
    return texts


def charts_with(labels: list[str]) -> dict[str, Figure]:
    n = len(labels)
    bars = pd.DataFrame({"term": labels, "count": range(n, 0, -1)})
    grid = pd.DataFrame({"group": labels, "term": labels, "score": [1.0] * n})
    lines = pd.DataFrame(
        {"period": pd.to_datetime(["2005-01-01", "2005-02-01"] * n), "term": labels * 2, "per_10k": [1.0, 2.0] * n}
    )
    groups = pd.DataFrame(
        {"group": labels, "score": [0.1] * n, "ci_low": [0.0] * n, "ci_high": [0.2] * n, "documents": [3] * n}
    )
    table = pd.DataFrame(
        {
            "actor": labels,
            "actor_type": ["person"] * n,
            "mentions": [5] * n,
            "tone": [0.1] * n,
            "tone_ci_low": [0.0] * n,
            "tone_ci_high": [0.2] * n,
        }
    )
    pairs = pd.DataFrame({"actor_a": labels[:-1], "actor_b": labels[1:], "sentences": [2] * (n - 1)})
    title = f"Keyness: {labels[0]} against {labels[1]}"
    return {
        "bar_chart": plots.bar_chart(bars, label="term", value="count", title=title, subtitle=labels[2]),
        "bar_grid_chart": plots.bar_grid_chart(grid, group="group", label="term", value="score", title=title),
        "line_chart": plots.line_chart(lines, x="period", y="per_10k", series="term", title=title),
        "tone_distribution_chart": plots.tone_distribution_chart(
            pd.DataFrame({"score": [0.1, -0.2]}), title=title, subtitle=labels[0]
        ),
        "group_tone_chart": plots.group_tone_chart(groups, title=title),
        "network_chart": plots.network_chart(pairs, table, title=title),
        "actor_tone_chart": plots.actor_tone_chart(table, title=title),
    }


@pytest.mark.parametrize(
    "chart",
    [
        "bar_chart",
        "bar_grid_chart",
        "line_chart",
        "tone_distribution_chart",
        "group_tone_chart",
        "network_chart",
        "actor_tone_chart",
    ],
)
def test_dollar_signs_in_labels_are_drawn_literally(chart):
    fig = charts_with(DOLLARS)[chart]
    assert png_bytes(fig) > 1000  # "$$" used to raise inside matplotlib's mathtext parser
    texts = drawn_texts(fig)
    assert "Keyness: $$ against $x^2$" in texts
    if chart not in ("tone_distribution_chart",):
        assert any("US$ 5 and $6" in t for t in texts)
        assert any("a\\$b" in t for t in texts)


@pytest.mark.parametrize("label", DOLLARS)
def test_plain_escapes_every_dollar(label):
    from matplotlib.text import Text

    shown, is_math = Text()._preprocess_math(plots.plain(label))
    assert (shown, is_math) == (label, False)


def test_many_groups_are_bounded_and_the_rest_is_other():
    n = 2000
    labels = [f"category {i}" for i in range(n)]
    grid = pd.DataFrame({"group": labels, "term": "w", "score": range(n)})
    fig = plots.bar_grid_chart(grid, group="group", label="term", value="score", title="Top terms per category")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == plots.MAX_GROUPS
    titles = [ax.get_title(loc="left") for ax in visible]
    assert titles[-1] == "other" and "category 1999" in titles and "category 0" not in titles  # the heaviest drawn
    assert any(f"{n - plots.MAX_GROUPS + 1:,} more groups" in t.get_text() for t in visible[-1].texts)

    bars = plots.bar_chart(pd.DataFrame({"term": labels, "count": range(n)}), label="term", value="count", title="t")
    assert len(bars.axes[0].patches) == plots.MAX_BARS
    assert f"{n - plots.MAX_BARS:,} more rows" in bars.axes[0].get_xlabel()

    lines = pd.DataFrame(
        {
            "period": pd.to_datetime(["2005-01-01", "2005-02-01"] * 50),
            "term": [f"t{i}" for i in range(50)] * 2,
            "per_10k": [1.0, 2.0] * 50,
        }
    )
    fig = plots.line_chart(lines, x="period", y="per_10k", series="term", title="t")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(legend) == plots.MAX_GROUPS + 1 and legend[-1].startswith(f"other: {50 - plots.MAX_GROUPS} more")


def test_few_groups_are_drawn_as_before():
    fig = plots.bar_grid_chart(GROUPED, group="group", label="term", value="score", title="t")
    assert [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()] == ["politics", "sport", "tech"]


# --------------------------------------------------------------------------- co-mention network


def network_inputs():
    """Two clear communities of people and organisations, a place tied to both, and the outlet."""
    actors = {
        "Ann Able": "person",
        "Bo Brown": "person",
        "Cy Cole": "person",
        "Red Party": "organization",
        "Dee Dunn": "person",
        "Eli Eve": "person",
        "Fay Ford": "person",
        "Blue Party": "organization",
        "Capital City": "location",
        "BBC": "organization",
    }
    table = pd.DataFrame(
        {
            "actor": list(actors),
            "actor_type": list(actors.values()),
            "mentions": [90, 80, 70, 60, 50, 45, 40, 35, 200, 300],
        }
    )
    red, blue = ["Ann Able", "Bo Brown", "Cy Cole", "Red Party"], ["Dee Dunn", "Eli Eve", "Fay Ford", "Blue Party"]
    rows = [(a, b, 20) for group in (red, blue) for i, a in enumerate(group) for b in group[i + 1 :]]
    rows += [
        ("Cy Cole", "Dee Dunn", 1),
        ("Capital City", "Ann Able", 30),
        ("Capital City", "Dee Dunn", 30),
        ("BBC", "Ann Able", 50),
        ("BBC", "Dee Dunn", 50),
    ]
    pairs = pd.DataFrame(rows, columns=["actor_a", "actor_b", "sentences"])
    return pairs, table


def drawn_labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_network_draws_people_and_organisations_without_the_outlet():
    pairs, table = network_inputs()
    mentions = pd.DataFrame({"actor": ["BBC", "Ann Able"], "is_outlet": [True, False]})
    fig = plots.network_chart(pairs, table, exclude=plots.outlet_names(mentions))
    assert sorted(drawn_labels(fig)) == sorted(
        ["Ann Able", "Bo Brown", "Cy Cole", "Red Party", "Dee Dunn", "Eli Eve", "Fay Ford", "Blue Party"]
    )
    with_places = plots.network_chart(pairs, table, types=["person", "organization", "location"])
    assert {"Capital City", "BBC"} <= set(drawn_labels(with_places))  # no outlet flag given: nothing excluded
    assert plots.outlet_names(pd.DataFrame({"actor": ["BBC"]})) == []


def test_network_colours_communities():
    import networkx as nx

    pairs, table = network_inputs()
    graph = nx.Graph()
    for a, b, n in pairs.itertuples(index=False):
        if "BBC" not in (a, b) and "Capital City" not in (a, b):
            graph.add_edge(a, b, weight=n)
    community = plots.network_communities(graph)
    assert len({community[n] for n in ["Ann Able", "Bo Brown", "Cy Cole", "Red Party"]}) == 1
    assert community["Ann Able"] != community["Dee Dunn"]


def test_network_labels_do_not_overlap():
    names = [f"Person Number {i}" for i in range(24)]
    table = pd.DataFrame({"actor": names, "actor_type": "person", "mentions": range(100, 76, -1)})
    pairs = pd.DataFrame(
        [(a, b, 5) for i, a in enumerate(names) for b in names[i + 1 :]], columns=["actor_a", "actor_b", "sentences"]
    )
    fig = plots.network_chart(pairs, table, top_n=24)  # a complete graph: every label starts in the crowd
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    overlapping = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert len(boxes) == 24 and overlapping == []


def test_labels_placed_on_top_of_each_other_are_spread_apart():
    fig = Figure(figsize=(6, 4))
    ax = fig.subplots()
    texts = [ax.text(0.5, 0.5, f"Actor {i}", ha="center", va="center") for i in range(10)]
    from analysis.network import _spread_labels

    _spread_labels(ax, texts)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert not any(boxes[i].overlaps(boxes[j]) for i in range(10) for j in range(i + 1, 10))


def test_network_is_the_same_picture_whatever_the_string_hash_seed(tmp_path):
    # components and communities are sets; their order follows PYTHONHASHSEED unless sorted
    import os
    import subprocess
    import sys

    script = (
        "import sys, io\nimport pandas as pd\nfrom analysis import plots\n"
        "names = ['Ann Able', 'Bo Brown', 'Cy Cole', 'Dee Dunn', 'Eli Eve', 'Fay Ford', 'Gus Gray', 'Hal Hill']\n"
        "table = pd.DataFrame({'actor': names, 'actor_type': 'person', 'mentions': [9, 9, 8, 8, 7, 7, 6, 6]})\n"
        "rows = [('Ann Able', 'Bo Brown', 3), ('Cy Cole', 'Dee Dunn', 3), ('Eli Eve', 'Fay Ford', 2), ('Gus Gray', 'Hal Hill', 2)]\n"
        "pairs = pd.DataFrame(rows, columns=['actor_a', 'actor_b', 'sentences'])\n"
        "plots.network_chart(pairs, table).savefig(sys.argv[1], format='png')\n"
    )
    src = str(Path(plots.__file__).resolve().parent.parent)
    pictures = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"net{seed}.png"
        subprocess.run(
            [sys.executable, "-c", script, str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": src},
        )
        pictures.append(out.read_bytes())
    assert pictures[0] == pictures[1] == pictures[2]


@pytest.mark.parametrize(
    "score, label", [("tone", "mean sentence news tone"), ("compound", "mean sentence compound score")]
)
def test_tone_distribution_chart_names_the_score_it_shows(score, label):
    fig = plots.tone_distribution_chart(pd.DataFrame({"score": [0.2, -0.3, 0.05]}), score=score)
    assert fig.axes[0].get_xlabel().startswith(label)


def test_actor_tone_chart_draws_each_actor_with_its_interval():
    table = pd.DataFrame(
        {
            "actor": ["Blair", "Brown", "Nobody"],
            "actor_type": ["person"] * 3,
            "mentions": [9, 4, 2],
            "tone": [0.3, -0.2, None],
            "tone_ci_low": [0.1, -0.4, None],
            "tone_ci_high": [0.5, 0.0, None],
        }
    )
    ax = plots.actor_tone_chart(table, title="Tone").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Blair (9)", "Brown (4)"]  # no tone, no dot
    assert ax.get_title(loc="left") == "Tone"


def test_every_chart_is_named_for_what_it_draws():
    from inspect import isfunction

    charts = {
        name
        for name, value in vars(plots).items()
        if isfunction(value)
        and not name.startswith("_")
        and value.__module__.startswith("analysis.")  # drawn here or in a module plots re-exports
        and name == value.__name__
        and "Figure" in str(value.__annotations__.get("return"))
    }
    assert charts == {
        "bar_chart",
        "bar_grid_chart",
        "line_chart",
        "zipf_chart",
        "network_chart",
        "tone_distribution_chart",
        "group_tone_chart",
        "actor_tone_chart",
    }


@pytest.mark.parametrize(
    "module, old, new",
    [
        ("plots", "zipf_plot", "zipf_chart"),
        ("plots", "bar_grid", "bar_grid_chart"),
        ("sentiment", "tone_histogram", "tone_distribution_chart"),
        ("sentiment", "group_tone_chart", "group_tone_chart"),
        ("actors", "tone_figure", "actor_tone_chart"),
        ("actors", "network_figure", "network_chart"),
    ],
)
def test_old_chart_names_still_import(module, old, new):
    import importlib

    namespace: dict = {}
    exec(f"from analysis.{module} import {old}", namespace)  # the way an analyst's notebook imports it
    assert namespace[old] is getattr(plots, new)
    with pytest.raises(AttributeError, match="no_such_chart"):
        _ = importlib.import_module(f"analysis.{module}").no_such_chart


def test_scoring_and_mention_modules_do_not_import_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, analysis.sentiment, analysis.actors\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_star_import_of_actors_does_not_import_matplotlib():
    # the old chart names resolve on first use; listed in __all__, `import *` would use them all
    import subprocess
    import sys

    code = "import sys\nfrom analysis.actors import *\nassert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True)
