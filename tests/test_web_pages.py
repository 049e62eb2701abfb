"""Real saved news pages (../shared/data/web_news_pages): the loader against the reference main text.

The figures come from benchmarks/web_pages.py, imported, so they are computed as the script prints them.
"""

from __future__ import annotations

import importlib.util

import pytest

from conftest import PROJECT_ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("web_pages", PROJECT_ROOT / "benchmarks" / "web_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("candidate", "reference", "expected"),
    [
        ("the port deal", "The port deal.", 1.0),
        ("", "", 1.0),
        ("a b", "c d", 0.0),
        ("a a b", "a b b", 2 / 3),
        ("port", "", 0.0),
    ],
)
def test_word_f1(candidate, reference, expected):
    assert _bench().word_f1(candidate, reference) == pytest.approx(expected)


@pytest.mark.shared
@pytest.mark.slow
def test_every_page_loads_and_main_text_is_at_least_trafilaturas(shared_data):
    m = _bench().measure(shared_data / "web_news_pages")
    assert m["pages"] == 157
    # every page is an article or one error row (the two meta-refresh stubs have no text)
    assert m["loaded"] + m["error_rows"] == 157 and m["error_rows"] <= 2
    assert m["loader_f1_mean"] >= m["trafilatura_f1_mean"]
    assert m["loader_f1_median"] >= 0.95
    assert m["with_title"] == m["loaded"]
    assert m["with_date"] >= 0.9 * m["loaded"]
    # languages: every non-English page is recognised; at most one English page is undetermined
    assert m["non_english_loaded"] == 8
    assert all(wrong == "und" for _, wrong, _ in m["language_wrong"]) and len(m["language_wrong"]) <= 1
