"""The three real reports on a corpus whose labels attack the outputs: formula-like titles,
categories and sources (CSV injection) and dollar signs (matplotlib mathtext).

Every report must build, and no exported CSV may hold a text cell a spreadsheet would run.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from analysis.report import FORMULA_STARTS
from analysis.run import run_reports

NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
FORMULA_CATEGORY = "=cmd|' -C calc'!A0"  # a folder name: no slash


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, sample_corpus):
    corpus = tmp_path_factory.mktemp("hostile") / "news"
    shutil.copytree(sample_corpus, corpus)
    (corpus / "business").rename(corpus / "$$ cash")
    (corpus / "sport").rename(corpus / FORMULA_CATEGORY)
    for i, article in enumerate(sorted(corpus.rglob("*.txt"))):
        try:
            text = article.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # the sample's deliberately non-UTF-8 file stays as it is
            continue
        text = text.replace("source: Northern Wire", "source: @Northern $Wire$")
        if i % 3 == 0:  # the title is the first line after the front matter
            head, sep, rest = text.partition("---\n")
            meta, sep2, body = rest.partition("---\n")
            text = head + sep + meta + sep2 + '=HYPERLINK("http://evil.example","click") ' + body.lstrip()
        article.write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    result = run_reports(
        corpus, out, cache_dir=tmp_path_factory.mktemp("cache"), log=None, prepare_options={"workers": 1}
    )
    return result, out


@pytest.mark.slow
def test_every_report_builds_with_dollar_signs_in_labels(hostile_run):
    result, out = hostile_run
    assert [(r.name, r.status, r.error) for r in result.reports] == [
        ("word_frequency", "ok", ""),
        ("sentiment", "ok", ""),
        ("actor_mentions", "ok", ""),
    ]
    assert len(list(out.glob("*/*.png"))) >= 10


@pytest.mark.slow
def test_no_exported_csv_holds_a_formula(hostile_run):
    _, out = hostile_run
    csvs = sorted(out.rglob("*.csv"))
    assert len(csvs) >= 11
    risky = []
    for csv in csvs:
        table = pd.read_csv(csv, dtype=str, keep_default_na=False)
        for column in table.columns:
            if column.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(column):
                risky.append((csv.name, "header", column))
            for cell in table[column]:
                if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell):
                    risky.append((csv.name, column, cell[:40]))
    assert risky == []
    # the hostile values are there, neutralised, not dropped
    articles_seen = "\n".join(p.read_text() for p in csvs)
    assert "'=HYPERLINK(" in articles_seen
    assert "'" + FORMULA_CATEGORY in articles_seen
