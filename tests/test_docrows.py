"""Tests for analysis.docrows: per-document rows, as a plain row-by-row grouping gives them."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.docrows import rows_by_doc, sentence_index


def _row_by_row(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """The obvious grouping, one row at a time, that rows_by_doc must agree with."""
    out: dict[str, list[tuple]] = {}
    ordered = frame.sort_values(["doc_id", "start"], kind="stable")
    for _, row in ordered.iterrows():
        out.setdefault(str(row["doc_id"]), []).append(tuple(row[c] for c in columns))
    return out


@pytest.mark.parametrize(
    "doc_ids, starts",
    [
        (["a"], [0]),
        (["a", "a", "a"], [5, 0, 5]),  # unsorted, with a tie that keeps its order
        (["b", "a", "b", "a", "c"], [3, 9, 1, 2, 0]),  # documents interleaved
        (["x/1", "x/10", "x/2", "x/1"], [7, 0, 0, 1]),  # ids that sort as text, not as numbers
        (["a", "b", "c"], [0, 0, 0]),  # one row each
        (["b", "b", "a", "a"], [0, 3, 1, 1]),  # in order by document and start, documents not sorted
        (["a", "b", "a"], [0, 0, 5]),  # each run in order, but "a" in two runs
        (["a", "a", "b", "b"], [4, 2, 0, 1]),  # documents in runs, starts out of order in one
    ],
)
def test_rows_by_doc_agrees_with_row_by_row(doc_ids, starts):
    frame = pd.DataFrame(
        {"doc_id": pd.array(doc_ids, dtype="string"), "start": starts, "tag": [f"t{k}" for k in range(len(starts))]}
    )
    assert rows_by_doc(frame, ["start", "tag"]) == _row_by_row(frame, ["start", "tag"])


def test_rows_by_doc_of_an_empty_frame():
    assert rows_by_doc(pd.DataFrame({"doc_id": [], "start": []}), ["start"]) == {}


def test_sentence_index_in_text_order():
    sents = pd.DataFrame({"doc_id": ["b", "a", "a"], "sent_id": [0, 1, 0], "start": [0, 20, 0]})
    assert sentence_index(sents) == ({"a": [0, 20], "b": [0]}, {"a": [0, 1], "b": [0]})
