"""Key findings: the few sentences each report opens with, computed from its own tables.

Each ``*_findings`` function takes the result frames a report notebook already made and
returns a "findings" frame (``schemas.SCHEMAS["findings"]``): one row per finding with the
sentence (``finding``), the number it rests on (``value``) and the id of the report section
that shows the table behind it (``section``, the anchor nbconvert gives a Markdown heading:
its text with spaces as hyphens). ``markdown`` renders them as a list with links; the runner
shows the first few of each report on the index page (``findings.json``, written by
``Report.findings``).

The wording comes from the templates below and is hedged by the numbers: a group is called
the most negative only when its confidence interval lies wholly below every other group's;
otherwise the sentence says which groups it cannot be told apart from. A ranking resting on
few observations says how few.

Example:
    >>> groups = pd.DataFrame({"group": ["a", "b"], "documents": [40, 50], "score": [0.2, -0.1],
    ...                        "ci_low": [0.15, -0.15], "ci_high": [0.25, -0.05]})
    >>> sentiment_findings(groups=groups, group_by="category")["finding"].iloc[0]
    'B is the most negative category (mean tone -0.100, 95% CI -0.150 to -0.050, 50 articles).'
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TypeGuard

import numpy as np
import pandas as pd

from .schemas import conform

#: section ids of the report notebooks' headings (a test checks each exists in its notebook)
SECTIONS = {
    "word_frequency": {
        "about": "What-the-corpus-is-about",
        "terms": "Top-terms",
        "phrases": "Phrases:-bigrams-and-trigrams",
        "distinctive": "Distinctive-terms-per-group",
        "keyness": "Keyness:-one-subcorpus-against-another",
    },
    "sentiment": {
        "distribution": "Distribution-of-article-tone",
        "groups": "Tone-by-group",
        "focus": "Sentences-mentioning-the-focus-terms",
    },
    "actor_mentions": {
        "top": "Top-actors",
        "network": "Who-is-named-with-whom",
        "tone": "Tone-around-each-actor",
        "quoted": "Who-is-quoted",
    },
}

#: fewest observations behind a claim about one term or actor's tone
MIN_SENTENCES = 30

TEMPLATES = {
    "overall_tone": "Across the {articles} articles charted, the mean article tone is {tone} ({positive} positive, {negative} negative articles).",
    "group_extreme": "{group} is the most {side} {group_by} (mean tone {tone}, {ci}, {n} articles).",
    "group_unclear": "{group} has the {lowest} mean tone of the {k} {group_by_plural} ({tone}, {ci}), but its interval overlaps {others}: not distinguishable from {them}.",
    "group_no_ci": "{group} has the {lowest} mean tone of the {k} {group_by_plural} ({tone}, {n} articles); without confidence intervals (n_boot = 0) no group is called the most {side}.",
    "focus_term": "Of the focus terms, sentences mentioning *{term}* read most {side} (mean {tone}, {vs} against all sentences, {n} sentences in {docs} articles).",
    "focus_few": "No focus term is mentioned in {min} sentences or more, too few to compare their tone.",
    "about": "Against general English, the most characteristic terms are {terms} ({first} is {ratio} times as common here).",
    "top_term": "The most frequent content word is *{term}* ({count} times in {docs} of {articles} articles).",
    "top_phrase": "The most frequent phrase is *{phrase}* ({count} times in {docs} articles).",
    "keyness": "Against {b}, {a} over-uses {a_terms}; {b} over-uses {b_terms} (all p < 0.0001).",
    "keyness_one_side": "Against {other}, {side} over-uses {terms} (p < 0.0001); no word is over-used by {other} at that level.",
    "keyness_none": "No word separates {a} from {b} at p < 0.0001.",
    "distinctive": "Each {group_by} has its own vocabulary: {groups}.",
    "top_actor": "{actor} is the most-mentioned {kind} ({mentions} mentions in {docs} articles){quoted}.",
    "pair": "{a} and {b} are the pair named together most often ({n} sentences in {docs} articles).",
    "most_quoted": "{speaker} is quoted most often ({n} quotations in {docs} articles).",
    "actor_tone": "Among actors named at least {min} times, coverage of {actor} reads most negative (mean {tone}, {ci}){unclear}.",
}

KIND_NAMES = {"person": "person", "organization": "organisation", "location": "place"}


def _md(value) -> str:
    """A corpus value (a term, a name) made literal in Markdown: its markup characters escaped,
    so an actor called ``<script>`` or ``*x*`` is shown as written and never acts as markup."""
    return re.sub(r"([\\`*_\[\]<>#&|!])", r"\\\1", str(value))


def _n(value) -> str:
    return f"{int(value):,}"


def _tone(value) -> str:
    return f"{float(value):+.3f}"


def _ci(low, high) -> str:
    return f"95% CI {_tone(low)} to {_tone(high)}"


def _share(value) -> str:
    return f"{float(value):.0%}"


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _listed(items: Sequence[str], *, italic: bool = True) -> str:
    shown = [f"*{i}*" if italic else str(i) for i in items]
    return ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1] if shown else ""


def _frame(rows: list[tuple[str, float, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["finding", "value", "section"])
    return conform(frame.astype({"value": "float64"}), "findings")


def _has(frame: pd.DataFrame | None) -> TypeGuard[pd.DataFrame]:
    # a TypeGuard: after `if _has(x)` the type checker knows x is a frame, not None
    return frame is not None and len(frame) > 0


# --------------------------------------------------------------------------- sentiment


def group_extremes(groups: pd.DataFrame, *, group_by: str) -> list[tuple[str, float, str]]:
    """The most negative and most positive group, each claimed only when its interval
    does not overlap any other group's (``groups`` as made by ``sentiment.group_tone``)."""
    rows: list[tuple[str, float, str]] = []
    section = SECTIONS["sentiment"]["groups"]
    groups = groups.dropna(subset=["score"]).sort_values("score", kind="stable").reset_index(drop=True)
    if len(groups) < 2:
        return rows
    for side, row, rest in (
        ("negative", groups.iloc[0], groups.iloc[1:]),
        ("positive", groups.iloc[-1], groups.iloc[:-1]),
    ):
        lowest = "lowest" if side == "negative" else "highest"
        fields = {
            "group": _md(str(row["group"]).capitalize()),
            "side": side,
            "group_by": group_by,
            "tone": _tone(row["score"]),
            "n": _n(row["documents"]),
            "k": len(groups),
            "group_by_plural": _plural(group_by),
            "lowest": lowest,
        }
        if pd.isna(row["ci_low"]) or rest[["ci_low", "ci_high"]].isna().any().any():
            rows.append((TEMPLATES["group_no_ci"].format(**fields), float(row["score"]), section))
            continue
        if side == "negative":
            overlapping = rest.loc[rest["ci_low"] <= row["ci_high"], "group"]
        else:
            overlapping = rest.loc[rest["ci_high"] >= row["ci_low"], "group"]
        fields["ci"] = _ci(row["ci_low"], row["ci_high"])
        if len(overlapping):
            one = len(overlapping) == 1
            fields["others"] = ("that of " if one else "those of ") + _listed(
                [_md(g) for g in overlapping], italic=False
            )
            fields["them"] = "it" if one else "them"
            rows.append((TEMPLATES["group_unclear"].format(**fields), float(row["score"]), section))
        else:
            rows.append((TEMPLATES["group_extreme"].format(**fields), float(row["score"]), section))
    return rows


def sentiment_findings(
    documents: pd.DataFrame | None = None,
    *,
    groups: pd.DataFrame | None = None,
    group_by: str = "group",
    focus: pd.DataFrame | None = None,
    min_sentences: int = MIN_SENTENCES,
) -> pd.DataFrame:
    """Findings of the sentiment report.

    Args:
        documents: the charted article tones (``sentiment.document_tone``: score, label).
        groups: ``sentiment.group_tone`` (group, documents, score, ci_low, ci_high), or None.
        group_by: what the groups are ("category"), for the wording.
        focus: ``sentiment.term_tone`` of the focus terms, or None.
        min_sentences: fewest sentences a focus term needs to be compared.

    Returns:
        A "findings" frame (finding, value, section), most important first.

    Example:
        >>> docs = pd.DataFrame({"score": [0.2, -0.3], "label": ["positive", "negative"]})
        >>> sentiment_findings(docs)["value"].round(2).tolist()
        [-0.05]
    """
    rows: list[tuple[str, float, str]] = []
    sections = SECTIONS["sentiment"]
    if _has(documents):
        labels = documents["label"].astype("string")
        rows.append(
            (
                TEMPLATES["overall_tone"].format(
                    articles=_n(len(documents)),
                    tone=_tone(documents["score"].mean()),
                    positive=_share((labels == "positive").mean()),
                    negative=_share((labels == "negative").mean()),
                ),
                float(documents["score"].mean()),
                sections["distribution"],
            )
        )
    if _has(groups):
        rows.extend(group_extremes(groups, group_by=group_by))
    if _has(focus):
        enough = focus.loc[focus["sentences"] >= min_sentences]
        if enough.empty:
            rows.append((TEMPLATES["focus_few"].format(min=min_sentences), float(min_sentences), sections["focus"]))
        else:
            worst = enough.sort_values(["vs_all", "term"], kind="stable").iloc[0]
            side = "negative" if worst["vs_all"] < 0 else "positive"
            if side == "positive":  # every term reads above the average: name the most positive one
                worst = enough.sort_values(["vs_all", "term"], ascending=[False, True], kind="stable").iloc[0]
            rows.append(
                (
                    TEMPLATES["focus_term"].format(
                        term=_md(worst["term"]),
                        side=side if side == "negative" else "positive",
                        tone=_tone(worst["score"]),
                        vs=_tone(worst["vs_all"]),
                        n=_n(worst["sentences"]),
                        docs=_n(worst["documents"]),
                    ),
                    float(worst["score"]),
                    sections["focus"],
                )
            )
    return _frame(rows)


# --------------------------------------------------------------------------- word frequency


def word_frequency_findings(
    *,
    terms: pd.DataFrame | None = None,
    about: pd.DataFrame | None = None,
    ngrams: pd.DataFrame | None = None,
    distinctive: pd.DataFrame | None = None,
    keyness: pd.DataFrame | None = None,
    a: str = "",
    b: str = "",
    group_by: str = "group",
    articles: int | None = None,
    top: int = 3,
) -> pd.DataFrame:
    """Findings of the word-frequency report, from its tables.

    Args:
        terms: ``frequencies.term_counts`` (term, count, documents), most frequent first.
        about: ``frequencies.reference_keyness`` (term, ratio), most characteristic first.
        ngrams: ``frequencies.ngram_counts``.
        distinctive: ``frequencies.distinctive_terms`` by log-odds (group, term, score).
        keyness: ``frequencies.keyness`` of group ``a`` against ``b`` (term, more_in, p_value).
        group_by: what the groups are, for the wording.
        articles: articles in the corpus, for "in N of M articles".
        top: terms named per claim.

    Returns:
        A "findings" frame, most important first.

    Example:
        >>> t = pd.DataFrame({"term": ["tax"], "count": [12], "documents": [5]})
        >>> word_frequency_findings(terms=t, articles=9)["finding"].iloc[0]
        'The most frequent content word is *tax* (12 times in 5 of 9 articles).'
    """
    rows: list[tuple[str, float, str]] = []
    sections = SECTIONS["word_frequency"]
    if _has(about):
        first = about.iloc[0]
        rows.append(
            (
                TEMPLATES["about"].format(
                    terms=_listed([_md(t) for t in about["term"].head(top + 2)]),
                    first=f"*{_md(first['term'])}*",
                    ratio=f"{first['ratio']:,.0f}",
                ),
                float(first["ratio"]),
                sections["about"],
            )
        )
    if _has(keyness) and a and b:
        strong = keyness.loc[keyness["p_value"] < 1e-4]
        a_terms = [_md(t) for t in strong.loc[strong["more_in"] == a, "term"].head(top)]
        b_terms = [_md(t) for t in strong.loc[strong["more_in"] == b, "term"].head(top)]
        if a_terms and b_terms:
            rows.append(
                (
                    TEMPLATES["keyness"].format(a=_md(a), b=_md(b), a_terms=_listed(a_terms), b_terms=_listed(b_terms)),
                    float(len(strong)),
                    sections["keyness"],
                )
            )
        elif a_terms or b_terms:
            side, other, words = (a, b, a_terms) if a_terms else (b, a, b_terms)
            rows.append(
                (
                    TEMPLATES["keyness_one_side"].format(side=_md(side), other=_md(other), terms=_listed(words)),
                    float(len(strong)),
                    sections["keyness"],
                )
            )
        else:
            rows.append((TEMPLATES["keyness_none"].format(a=_md(a), b=_md(b)), 0.0, sections["keyness"]))
    if _has(distinctive):
        # a z-score above 2 is unlikely to be chance (the report's method text)
        significant = distinctive.loc[distinctive["score"] > 2]
        per_group = [
            f"{_md(g)} — {_listed([_md(t) for t in part['term'].head(top)])}"
            for g, part in significant.groupby("group", sort=True)
        ]
        if len(per_group) >= 2:
            rows.append(
                (
                    TEMPLATES["distinctive"].format(group_by=_md(group_by), groups="; ".join(per_group)),
                    float(len(per_group)),
                    sections["distinctive"],
                )
            )
    if _has(terms):
        first = terms.iloc[0]
        rows.append(
            (
                TEMPLATES["top_term"].format(
                    term=_md(first["term"]),
                    count=_n(first["count"]),
                    docs=_n(first["documents"]),
                    articles=_n(articles) if articles is not None else "all",
                ),
                float(first["count"]),
                sections["terms"],
            )
        )
    if _has(ngrams):
        first = ngrams.sort_values(["count", "ngram"], ascending=[False, True], kind="stable").iloc[0]
        rows.append(
            (
                TEMPLATES["top_phrase"].format(
                    phrase=_md(first["ngram"]), count=_n(first["count"]), docs=_n(first["documents"])
                ),
                float(first["count"]),
                sections["phrases"],
            )
        )
    return _frame(rows)


# --------------------------------------------------------------------------- actors


def actor_findings(
    table: pd.DataFrame | None = None,
    *,
    pairs: pd.DataFrame | None = None,
    speakers: pd.DataFrame | None = None,
    min_sentences: int = MIN_SENTENCES,
    kinds: Sequence[str] = ("person", "organization", "location"),
) -> pd.DataFrame:
    """Findings of the actor report.

    Args:
        table: ``actors.actor_table`` (actor, actor_type, mentions, documents, quotes, tone, CI).
        pairs: ``actors.comentions`` (actor_a, actor_b, sentences, documents).
        speakers: ``actors.quoted`` (speaker, quotes, documents).
        min_sentences: fewest mentions an actor needs for a claim about its tone.
        kinds: actor types to name the most-mentioned actor of, in this order.

    Returns:
        A "findings" frame, most important first.

    Example:
        >>> t = pd.DataFrame({"actor": ["Ana"], "actor_type": ["person"], "mentions": [9], "documents": [3], "quotes": [2],
        ...                   "tone": [0.1], "tone_ci_low": [0.0], "tone_ci_high": [0.2]})
        >>> actor_findings(t)["finding"].iloc[0]
        'Ana is the most-mentioned person (9 mentions in 3 articles), quoted 2 times.'
    """
    rows: list[tuple[str, float, str]] = []
    sections = SECTIONS["actor_mentions"]
    if _has(table):
        for kind in kinds:
            of_kind = table.loc[table["actor_type"] == kind].sort_values(
                ["mentions", "documents"], ascending=False, kind="stable"
            )
            if of_kind.empty:
                continue
            top = of_kind.iloc[0]
            quotes = int(top["quotes"]) if "quotes" in top and pd.notna(top["quotes"]) else 0
            said = f", quoted {quotes:,} {'time' if quotes == 1 else 'times'}" if quotes else ""
            rows.append(
                (
                    TEMPLATES["top_actor"].format(
                        actor=_md(top["actor"]),
                        kind=KIND_NAMES.get(kind, kind),
                        mentions=_n(top["mentions"]),
                        docs=_n(top["documents"]),
                        quoted=said,
                    ),
                    float(top["mentions"]),
                    sections["top"],
                )
            )
    if _has(pairs):
        top = pairs.iloc[0]
        rows.append(
            (
                TEMPLATES["pair"].format(
                    a=_md(top["actor_a"]), b=_md(top["actor_b"]), n=_n(top["sentences"]), docs=_n(top["documents"])
                ),
                float(top["sentences"]),
                sections["network"],
            )
        )
    if _has(speakers):
        named = speakers.loc[speakers["speaker"].astype("string").str.lower() != "unknown"]
        if len(named):
            top = named.iloc[0]
            rows.append(
                (
                    TEMPLATES["most_quoted"].format(
                        speaker=_md(top["speaker"]), n=_n(top["quotes"]), docs=_n(top["documents"])
                    ),
                    float(top["quotes"]),
                    sections["quoted"],
                )
            )
    if _has(table) and "tone_ci_high" in table:
        toned = table.loc[(table["mentions"] >= min_sentences) & table["tone_ci_low"].notna()].sort_values(
            "tone", kind="stable"
        )
        if len(toned) >= 2:
            low, rest = toned.iloc[0], toned.iloc[1:]
            overlapping = rest.loc[rest["tone_ci_low"] <= low["tone_ci_high"], "actor"]
            unclear = (
                f", though its interval overlaps that of {len(overlapping):,} other {'actor' if len(overlapping) == 1 else 'actors'}"
                f" (e.g. {_md(overlapping.iloc[0])}): not distinguishable from {'it' if len(overlapping) == 1 else 'them'}"
                if len(overlapping)
                else ""
            )
            rows.append(
                (
                    TEMPLATES["actor_tone"].format(
                        min=min_sentences,
                        actor=_md(low["actor"]),
                        tone=_tone(low["tone"]),
                        ci=_ci(low["tone_ci_low"], low["tone_ci_high"]),
                        unclear=unclear,
                    ),
                    float(low["tone"]),
                    sections["tone"],
                )
            )
    return _frame(rows)


# --------------------------------------------------------------------------- rendering


def markdown(findings: pd.DataFrame, *, limit: int = 6, heading: str = "## Key findings") -> str:
    """The findings as a Markdown list, each linking to its section (at most ``limit``).

    Example:
        >>> f = pd.DataFrame({"finding": ["Tax is up."], "value": [1.0], "section": ["Top-terms"]})
        >>> markdown(f, heading="")
        '- Tax is up. [→ table](#Top-terms)'
    """
    lines = [heading, ""] if heading else []
    if findings.empty:
        lines.append("No finding could be computed: the tables below are empty or too small to compare.")
    for row in findings.head(limit).itertuples(index=False):
        lines.append(f"- {row.finding} [→ table](#{row.section})")
    return "\n".join(lines)


def to_json(findings: pd.DataFrame, *, limit: int = 6) -> str:
    """The findings as the small JSON list the runner reads for the index page."""
    rows = [
        {"finding": r.finding, "value": None if np.isnan(r.value) else float(r.value), "section": r.section}
        for r in findings.head(limit).itertuples(index=False)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=1)
