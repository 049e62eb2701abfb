"""tables.py: what a displayed table looks like, and the one script a report page may run."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import tables


@pytest.mark.parametrize(
    "column, values, shown",
    [
        ("count", [1234567], "1,234,567"),
        ("tone", [0.123456], "0.123"),
        ("positive_share", [0.256], "25.6%"),
        ("p_value", [3.2e-120], "3.2e-120"),
        ("tone", [float("nan")], ""),
    ],
)
def test_numbers_are_formatted_by_kind(column, values, shown):
    html = tables.table_html(pd.DataFrame({column: values}))
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    assert cells == [shown]


def test_no_index_column_and_text_escaped_left_aligned_and_wrapped():
    frame = pd.DataFrame(
        {"text": ["<script>alert(1)</script> a long sentence, with a clause"], "count": [3]}, index=[41]
    )
    html = tables.table_html(frame)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert ">41<" not in html  # the index is hidden
    assert "a long sentence, with a clause" in html  # whole, not cut with "..."
    assert re.search(r"text-align: left;\s*white-space: normal", html)
    assert re.search(r"text-align: right", html)


@pytest.mark.parametrize("rows, interactive", [(tables.INTERACTIVE_ROWS, False), (tables.INTERACTIVE_ROWS + 1, True)])
def test_long_tables_are_marked_for_search_and_sort(rows, interactive):
    html = tables.table_html(pd.DataFrame({"n": range(rows)}))
    assert ('data-interactive="1"' in html) == interactive


def test_script_hash_is_that_of_the_shipped_script():
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(tables.SCRIPT_FILE.read_bytes()).digest()).decode()
    assert tables.script_hash() == f"'sha256-{digest}'"
    assert tables.script_hash("x") != tables.script_hash()
    assert "innerHTML" not in tables.table_script()  # it writes text, never markup


@pytest.mark.parametrize(
    "frame, first_cells",
    [
        (pd.DataFrame({"n": [5, 6]}, index=[7, 3]), ["5", "6"]),  # row numbers after a sort: hidden
        (
            pd.Series([3, 1], index=pd.Index(["negative", "positive"], name="label"), name="articles").to_frame(),
            ["negative", "3", "positive", "1"],
        ),  # a named index of labels: shown as a column
        (pd.DataFrame({"x": [1]}, index=["a"]), ["a", "1"]),  # labels without a name: shown too
    ],
)
def test_a_meaningful_index_is_kept_as_a_column(frame, first_cells):
    cells = re.findall(r"<td[^>]*>(.*?)</td>", tables.table_html(frame))
    assert cells == first_cells
