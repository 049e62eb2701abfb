"""extra_columns.py: any mix of extra input columns writes to Parquet with one type per column."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import prepare
from analysis.extra_columns import normalise_extra_columns
from analysis.load import load_articles

GOOD = "A good article\n\nIt has a body paragraph.\n"


def roundtrip(frame: pd.DataFrame, tmp_path) -> pd.DataFrame:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return pd.read_parquet(path)


@pytest.mark.parametrize(
    ("values", "dtype", "expected"),
    [
        ([1, None, 3], "Int64", [1, pd.NA, 3]),
        ([1, 2.5, None], "Float64", [1.0, 2.5, pd.NA]),
        ([True, None, False], "boolean", [True, pd.NA, False]),
        (["a", None, "c"], "string", ["a", pd.NA, "c"]),
        ([["a", "b"], "c", None], "string", ['["a", "b"]', "c", pd.NA]),
        ([{"name": "BBC"}, "Reuters", 5], "string", ['{"name": "BBC"}', "Reuters", "5"]),
        ([1, "two", None], "string", ["1", "two", pd.NA]),
        ([2**70, 1, None], "Float64", [float(2**70), 1.0, pd.NA]),
        ([None, None, None], "string", [pd.NA, pd.NA, pd.NA]),
    ],
)
def test_each_column_gets_one_type(values, dtype, expected, tmp_path):
    frame = normalise_extra_columns(pd.DataFrame({"x": pd.Series(values, dtype=object)}), keep=())
    assert str(frame.x.dtype) == dtype
    assert [v if not pd.isna(v) else pd.NA for v in frame.x] == expected
    assert len(roundtrip(frame, tmp_path)) == 3


def test_dates_with_mixed_zones_become_naive_utc(tmp_path):
    values = [datetime(2026, 3, 4, 10, tzinfo=timezone.utc), pd.Timestamp("2026-03-04 12:00+01:00"), None]
    frame = normalise_extra_columns(pd.DataFrame({"seen": pd.Series(values, dtype=object)}), keep=())
    assert frame.seen.tolist()[:2] == [pd.Timestamp("2026-03-04 10:00"), pd.Timestamp("2026-03-04 11:00")]
    roundtrip(frame, tmp_path)


def test_schema_columns_are_left_alone_and_the_input_is_not_changed():
    frame = pd.DataFrame({"title": ["a"], "tags": [["x"]]})
    out = normalise_extra_columns(frame)
    assert out.title.dtype == frame.title.dtype and out.tags.tolist() == ['["x"]']
    assert frame.tags.tolist() == [["x"]]


def test_odd_column_names_become_unique_text():
    frame = pd.DataFrame([[1, 2, 3]], columns=[5, "5", "a\ud800"])
    assert normalise_extra_columns(frame, keep=()).columns.tolist() == ["5", "5_2", "a\ufffd"]


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["tags", "source_obj", "n", "when", "note"]), VALUES, max_size=5),
        min_size=1,
        max_size=6,
    )
)
def test_any_mix_of_values_writes_to_parquet(tmp_path, records):
    frame = pd.DataFrame.from_records(records, index=range(len(records)))
    frame.insert(0, "doc_id", [f"d{i}" for i in range(len(records))])
    out = normalise_extra_columns(frame, keep=("doc_id",))
    back = roundtrip(out, tmp_path)
    assert len(back) == len(records) and list(back.columns) == list(out.columns)


def test_prepare_writes_mixed_inputs_that_crashed_with_arrow_invalid(tmp_path):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(
        json.dumps(
            {"title": "A", "text": "Body a.", "tags": ["x", "y"], "source": {"id": None, "name": "BBC"}, "extra": 1}
        )
        + "\n"
        + json.dumps({"title": "B", "text": "Body b.", "tags": "z", "extra": "one"})
        + "\n"
    )
    (corpus / "b.csv").write_text("title,text,tags,extra\nC,Body c.,w,2\n")
    pq.write_table(
        pa.table({"title": ["D"], "text": ["Body d."], "tags": [["p", "q"]], "extra": [3.5]}), corpus / "c.parquet"
    )
    articles, _ = load_articles(corpus)
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        pa.Table.from_pandas(articles)  # what prepare wrote before the columns were normalised
    result = prepare.prepare_corpus(corpus, tmp_path / "out", workers=1, progress=False)
    stored = prepare.Corpus(result.path).articles.set_index("title")
    assert result.articles == 4
    assert stored.tags.to_dict() == {"A": '["x", "y"]', "B": "z", "C": "w", "D": '["p", "q"]'}
    assert stored.loc["A", "extra"] == "1" and stored.loc["D", "extra"] == "3.5"
