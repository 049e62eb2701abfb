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


# --------------------------------------------------------------------------- spreadsheet formulas


@pytest.mark.parametrize(
    "cell, written",
    [
        ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3.5", "-3.5"),  # text that is just a number stays a number
        ("+1e5", "+1e5"),
        ("plain = text", "plain = text"),
        ("", ""),
    ],
)
def test_formula_like_text_is_neutralised(cell, written):
    from analysis.report import spreadsheet_safe

    assert spreadsheet_safe(cell) == written


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_every_csv_cell_and_header_is_neutralised_and_numbers_stay_numbers(tmp_path, dtype):
    frame = pd.DataFrame(
        {
            "title": pd.Series(['=HYPERLINK("x")', "@me", "fine", None], dtype=dtype),
            "score": [-0.5, 1.0, -2.0, 0.0],
            "count": [-1, 2, 3, 4],
            "=group": ["a", "b", "-c", "-1"],
        }
    )
    original = frame.copy()
    report = Report(tmp_path, "r")
    shown = report.table(frame, "t")
    report.table_parts(iter([frame.iloc[:2], frame.iloc[2:]]), "parts")
    assert shown is frame and frame.equals(original)  # what the notebook displays is untouched
    for name in ("t", "parts"):
        back = pd.read_csv(tmp_path / "r" / f"{name}.csv", keep_default_na=False)
        assert list(back.columns) == ["title", "score", "count", "'=group"]
        assert back["title"].tolist() == ['\'=HYPERLINK("x")', "'@me", "fine", ""]
        assert back["score"].tolist() == [-0.5, 1.0, -2.0, 0.0]
        assert back["count"].tolist() == [-1, 2, 3, 4]
        assert back["'=group"].astype(str).tolist() == ["a", "b", "'-c", "-1"]


def test_an_index_written_to_csv_is_neutralised(tmp_path):
    frame = pd.DataFrame({"n": [1, 2]}, index=pd.Index(["=evil()", "ok"], name="term"))
    Report(tmp_path, "r").table(frame, "t", index=True)
    assert (tmp_path / "r" / "t.csv").read_text().splitlines() == ["term,n", "'=evil(),1", "ok,2"]


def test_lists_in_a_cell_do_not_break_the_export(tmp_path):
    frame = pd.DataFrame({"terms": [["=a"], "=b"]})
    Report(tmp_path, "r").table(frame, "t")
    assert pd.read_csv(tmp_path / "r" / "t.csv")["terms"].tolist() == ["['=a']", "'=b"]
