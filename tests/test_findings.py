"""Key findings: wording hedged by intervals and sample sizes, links to real sections."""

from __future__ import annotations

import json
import math

import nbformat
import pandas as pd
import pytest

from analysis import findings, paths
from analysis.schemas import validate


def groups_frame(rows):
    return pd.DataFrame(rows, columns=["group", "documents", "score", "ci_low", "ci_high"])


@pytest.mark.parametrize(
    "rows, expected",
    [
        # politics' interval lies wholly below the others: it may be called the most negative
        (
            [
                ("politics", 417, 0.02, 0.01, 0.04),
                ("business", 510, 0.06, 0.045, 0.07),
                ("sport", 511, 0.14, 0.12, 0.16),
            ],
            [
                "Politics is the most negative category (mean tone +0.020, 95% CI +0.010 to +0.040, 417 articles).",
                "Sport is the most positive category (mean tone +0.140, 95% CI +0.120 to +0.160, 511 articles).",
            ],
        ),
        # politics and business overlap: lowest, but not distinguishable
        (
            [
                ("politics", 417, 0.02, 0.00, 0.05),
                ("business", 510, 0.04, 0.03, 0.06),
                ("sport", 511, 0.14, 0.12, 0.16),
            ],
            [
                "Politics has the lowest mean tone of the 3 categories (+0.020, 95% CI +0.000 to +0.050), but its interval "
                "overlaps that of business: not distinguishable from it.",
                "Sport is the most positive category (mean tone +0.140, 95% CI +0.120 to +0.160, 511 articles).",
            ],
        ),
        # no intervals (n_boot = 0): no claim of "most"
        (
            [("a", 3, -0.2, math.nan, math.nan), ("b", 4, 0.3, math.nan, math.nan)],
            [
                "A has the lowest mean tone of the 2 categories (-0.200, 3 articles); without confidence intervals "
                "(n_boot = 0) no group is called the most negative.",
                "B has the highest mean tone of the 2 categories (+0.300, 4 articles); without confidence intervals "
                "(n_boot = 0) no group is called the most positive.",
            ],
        ),
        ([("only", 9, 0.1, 0.0, 0.2)], []),  # one group: nothing to compare
    ],
)
def test_group_claims_follow_the_intervals(rows, expected):
    found = findings.sentiment_findings(groups=groups_frame(rows), group_by="category")
    validate(found, "findings")
    assert found["finding"].tolist() == expected
    assert set(found["section"]) <= {"Tone-by-group"}


def test_overall_tone_and_focus_terms():
    documents = pd.DataFrame({"score": [0.5, -0.1, 0.0, 0.2], "label": ["positive", "negative", "neutral", "positive"]})
    focus = pd.DataFrame(
        {
            "term": ["tax", "war", "film"],
            "sentences": [40, 35, 5],
            "documents": [20, 30, 5],
            "score": [0.1, -0.3, -0.9],
            "vs_all": [0.0, -0.4, -1.0],
        }
    )
    found = findings.sentiment_findings(documents, focus=focus)
    assert found["finding"].tolist() == [
        "Across the 4 articles charted, the mean article tone is +0.150 (50% positive, 25% negative articles).",
        # "film" reads lower but rests on 5 sentences: not enough to be named
        "Of the focus terms, sentences mentioning *war* read most negative (mean -0.300, -0.400 against all sentences, "
        "35 sentences in 30 articles).",
    ]
    few = findings.sentiment_findings(focus=focus.assign(sentences=[3, 2, 1]))
    assert few["finding"].tolist() == [
        "No focus term is mentioned in 30 sentences or more, too few to compare their tone."
    ]


def test_word_frequency_findings_name_only_significant_words():
    keyness = pd.DataFrame(
        {
            "term": ["labour", "blair", "match", "cup", "today"],
            "more_in": ["politics", "politics", "sport", "sport", "sport"],
            "p_value": [1e-200, 1e-100, 1e-90, 1e-50, 0.2],
        }
    )
    distinctive = pd.DataFrame(
        {
            "group": ["business", "business", "sport", "sport"],
            "term": ["oil", "bank", "match", "tie"],
            "score": [15.0, 1.5, 12.0, 9.0],
        }
    )
    about = pd.DataFrame(
        {"term": ["blair", "labour", "tory", "mps", "chelsea"], "ratio": [250.0, 40.0, 30.0, 20.0, 10.0]}
    )
    found = findings.word_frequency_findings(
        about=about, keyness=keyness, a="politics", b="sport", distinctive=distinctive, group_by="category"
    )
    assert found["finding"].tolist() == [
        "Against general English, the most characteristic terms are *blair*, *labour*, *tory*, *mps* and *chelsea* "
        "(*blair* is 250 times as common here).",
        "Against sport, politics over-uses *labour* and *blair*; sport over-uses *match* and *cup* (all p < 0.0001).",
        # bank's z-score of 1.5 is not significant: left out
        "Each category has its own vocabulary: business — *oil*; sport — *match* and *tie*.",
    ]
    one_side = findings.word_frequency_findings(
        keyness=keyness.assign(p_value=[1e-9, 1e-9, 0.5, 0.5, 0.5]), a="politics", b="sport"
    )
    assert one_side["finding"].tolist() == [
        "Against sport, politics over-uses *labour* and *blair* (p < 0.0001); no word is over-used by sport at that level."
    ]
    none = findings.word_frequency_findings(keyness=keyness.assign(p_value=0.5), a="politics", b="sport")
    assert none["finding"].tolist() == ["No word separates politics from sport at p < 0.0001."]


def test_actor_findings_hedge_tone_by_overlap_and_size():
    table = pd.DataFrame(
        {
            "actor": ["Tony Blair", "Labour Party", "London", "Ann Few", "Bob Low"],
            "actor_type": ["person", "organization", "location", "person", "person"],
            "mentions": [601, 500, 300, 4, 40],
            "documents": [180, 200, 150, 2, 30],
            "quotes": [198, 0, 0, 0, 1],
            "tone": [0.05, 0.06, 0.1, -0.9, -0.2],
            "tone_ci_low": [0.03, 0.04, 0.08, -0.95, -0.3],
            "tone_ci_high": [0.07, 0.08, 0.12, -0.8, -0.1],
        }
    )
    pairs = pd.DataFrame(
        {
            "actor_a": ["Gordon Brown", "Iraq"],
            "actor_b": ["Tony Blair", "US"],
            "sentences": [90, 10],
            "documents": [60, 8],
        }
    )
    speakers = pd.DataFrame({"speaker": ["unknown", "Tony Blair"], "quotes": [300, 198], "documents": [100, 80]})
    found = findings.actor_findings(table, pairs=pairs, speakers=speakers)
    assert found["finding"].tolist() == [
        "Tony Blair is the most-mentioned person (601 mentions in 180 articles), quoted 198 times.",
        "Labour Party is the most-mentioned organisation (500 mentions in 200 articles).",
        "London is the most-mentioned place (300 mentions in 150 articles).",
        "Gordon Brown and Tony Blair are the pair named together most often (90 sentences in 60 articles).",
        "Tony Blair is quoted most often (198 quotations in 80 articles).",
        # Ann Few reads lower but is named 4 times: below the 30-sentence floor
        "Among actors named at least 30 times, coverage of Bob Low reads most negative (mean -0.200, 95% CI -0.300 to -0.100).",
    ]
    overlapping = findings.actor_findings(table.assign(tone_ci_high=[0.07, 0.08, 0.12, -0.8, 0.05]))
    assert (
        overlapping["finding"]
        .iloc[-1]
        .endswith(
            "though its interval overlaps that of 2 other actors (e.g. Tony Blair): not distinguishable from them."
        )
    )


def test_empty_tables_give_no_findings_and_say_so():
    found = findings.actor_findings(pd.DataFrame(columns=["actor", "actor_type", "mentions", "documents"]))
    assert found.empty
    assert "No finding could be computed" in findings.markdown(found)


def test_markdown_links_each_finding_and_json_round_trips():
    found = pd.DataFrame(
        {
            "finding": [f"F{i}." for i in range(8)],
            "value": [float(i) for i in range(7)] + [math.nan],
            "section": ["Top-terms"] * 8,
        }
    )
    text = findings.markdown(found, limit=3)
    assert text.splitlines() == [
        "## Key findings",
        "",
        "- F0. [→ table](#Top-terms)",
        "- F1. [→ table](#Top-terms)",
        "- F2. [→ table](#Top-terms)",
    ]
    rows = json.loads(findings.to_json(found, limit=8))
    assert (
        len(rows) == 8
        and rows[0] == {"finding": "F0.", "value": 0.0, "section": "Top-terms"}
        and rows[7]["value"] is None
    )


@pytest.mark.parametrize("report", sorted(findings.SECTIONS))
def test_every_section_anchor_is_a_heading_of_its_notebook(report):
    nb = nbformat.read(str(paths.NOTEBOOKS / f"{report}.ipynb"), as_version=4)
    anchors = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    anchors.add(line.lstrip("#").strip().replace(" ", "-"))
    missing = set(findings.SECTIONS[report].values()) - anchors
    assert not missing, f"{report}: findings link to sections that are not headings: {missing}"


def test_names_from_the_corpus_cannot_act_as_markup():
    from analysis.pages import _emphasis

    table = pd.DataFrame(
        {
            "actor": ["<script>x</script> *Bo_b*"],
            "actor_type": ["person"],
            "mentions": [5],
            "documents": [2],
            "quotes": [0],
            "tone": [0.0],
            "tone_ci_low": [0.0],
            "tone_ci_high": [0.0],
        }
    )
    sentence = findings.actor_findings(table)["finding"].iloc[0]
    assert sentence.startswith(r"\<script\>x\</script\> \*Bo\_b\* is the most-mentioned person")
    assert _emphasis(sentence).startswith("&lt;script&gt;x&lt;/script&gt; *Bo_b* is the")
    assert _emphasis("Top *tax* and *vote*") == "Top <em>tax</em> and <em>vote</em>"
