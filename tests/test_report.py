"""Tests for analysis.report: tables and charts written atomically under out/<report>/."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.report import Report

FRAME = pd.DataFrame(
    {
        "doc_id": pd.Series(["a", "a", "b", "c"], dtype="string"),
        "sent_id": [0, 1, 0, 0],
        "text": pd.Series(['He said "no", twice.', "Line\nbreak", None, "plain"], dtype="string"),
        "compound": [0.1234, -0.5, 0.0, float("nan")],
    }
)


@pytest.mark.parametrize(
    "cuts",
    [
        [(0, 4)],  # one part
        [(0, 2), (2, 3), (3, 4)],  # several parts
        [(0, 0), (0, 4), (4, 4)],  # empty parts around
    ],
)
def test_table_parts_writes_the_same_file_as_table(tmp_path, cuts):
    whole = Report(tmp_path / "whole", "r")
    whole.table(FRAME, "t")
    parted = Report(tmp_path / "parts", "r")
    path = parted.table_parts((FRAME.iloc[a:b] for a, b in cuts), "t")
    assert path == tmp_path / "parts" / "r" / "t.csv" and parted.written == [path]
    assert path.read_bytes() == (tmp_path / "whole" / "r" / "t.csv").read_bytes()
    assert [p.name for p in path.parent.iterdir()] == ["t.csv"]  # no temporary file left


def test_table_parts_of_nothing_writes_the_header(tmp_path):
    path = Report(tmp_path, "r").table_parts(iter([]), "t", columns=["doc_id", "sent_id"])
    assert path.read_text() == "doc_id,sent_id\n"


def test_table_parts_without_out_reads_nothing():
    def parts():
        raise AssertionError("read although nothing is written")
        yield  # pragma: no cover

    assert Report("", "r").table_parts(parts(), "t") is None


def test_table_parts_interrupted_leaves_no_file(tmp_path):
    def parts():
        yield FRAME
        raise RuntimeError("stopped")

    report = Report(tmp_path, "r")
    with pytest.raises(RuntimeError):
        report.table_parts(parts(), "t")
    assert not (tmp_path / "r" / "t.csv").exists() and list((tmp_path / "r").iterdir()) == []
