"""Each story once: analysis.duplicates and its use in the loader."""

from __future__ import annotations

import difflib
import json

import numpy as np
import pandas as pd
import pytest

from analysis.duplicates import (
    find_duplicates,
    lsh_bands,
    mark_duplicates,
    minhash_signature,
    minhash_signatures,
    shingle_hashes,
)
from analysis.load import load_articles

STORY = (
    "Ministers from both countries agreed on Friday to rebuild the old harbour wall, ending a dispute that had "
    "lasted more than a year. The deal covers the cost of new cranes, a ferry terminal and two miles of road. "
    "Fishing crews, who had protested outside the town hall every week since March, said they were relieved "
    "but would watch closely how the money is spent. The work is due to start in the spring and to take three "
    "years, the harbour authority said in a statement."
)
OTHER = (
    "The city council voted on Tuesday to close three libraries and merge two swimming pools, saying the budget "
    "left no other choice. Residents filled the public gallery and several speakers asked the council to wait "
    "until the new government grant is known. The mayor said the decision could be reviewed in the autumn if "
    "the money arrived, but that the buildings would shut at the end of June as planned by the finance office."
)


def frame(*items: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [i[0] for i in items],
            "title": [i[1] for i in items],
            "text": [f"{i[1]}\n\n{i[2]}" for i in items],
            "path": [f"{i[0]}.txt" for i in items],
        }
    )


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # a copy of the whole text
        ([("a", "Harbour deal", STORY), ("b", "Harbour deal", STORY)], [("b", "a", "exact")]),
        # the same body under another title, with case and punctuation changes
        (
            [("a", "Harbour deal", STORY), ("b", "Ministers agree harbour deal", STORY.upper().replace(",", ""))],
            [("b", "a", "same body")],
        ),
        # a syndicated copy with a small edit under its own title
        (
            [("a", "Harbour deal", STORY), ("b", "Harbour deal agreed", STORY.replace(" in the spring", ""))],
            [("b", "a", "near")],
        ),
        # two different stories
        ([("a", "Harbour deal", STORY), ("b", "Libraries to close", OTHER)], []),
        # three copies: each points at the first, the one kept
        (
            [
                ("a", "Harbour deal", STORY),
                ("b", "Harbour deal", STORY),
                ("c", "Deal agreed", STORY.replace("two", "three")),
            ],
            [("b", "a", "exact"), ("c", "a", "near")],
        ),
        # b is an exact copy of a, which only the near pass finds to be a copy of z: both point at z
        (
            [
                ("z", "Harbour deal", STORY.replace(" in the spring", "")),
                ("a", "Harbour wall", STORY),
                ("b", "Harbour plan", STORY),
            ],
            [("a", "z", "near"), ("b", "z", "same body")],
        ),
        # short placeholder bodies under different titles are not one story
        ([("a", "Markets", "Closed for the holiday."), ("b", "Weather", "Closed for the holiday.")], []),
        # an empty corpus
        ([], []),
    ],
)
def test_find_duplicates(items, expected):
    found = find_duplicates(frame(*items) if items else frame(("x", "x", "x")).iloc[:0])
    assert [tuple(r) for r in found[["doc_id", "duplicate_of", "kind"]].itertuples(index=False)] == expected


def test_near_needs_most_of_the_body_in_common():
    half = STORY[: len(STORY) // 2] + " " + OTHER[len(OTHER) // 2 :]
    found = find_duplicates(frame(("a", "Harbour deal", STORY), ("b", "Mixed", half)))
    assert found.empty


@pytest.mark.parametrize("threshold", [0, 1.5])
def test_threshold_is_checked(threshold):
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates(frame(("a", "T", STORY)), threshold=threshold)


@pytest.mark.parametrize(
    ("drop", "kept", "reason"),
    [(False, ["a", "b", "c"], "kept, but each story counts once"), (True, ["a", "c"], "dropped (--drop-duplicates)")],
)
def test_mark_duplicates_fills_duplicate_of_and_problem_rows(drop, kept, reason):
    articles = frame(("a", "Harbour deal", STORY), ("b", "Another title", STORY), ("c", "Libraries", OTHER))
    marked, rows = mark_duplicates(articles, drop=drop)
    assert marked["doc_id"].tolist() == kept
    assert marked["duplicate_of"].isna().tolist() == [True, drop, True][: len(kept)] or drop
    if not drop:
        assert marked["duplicate_of"].tolist()[1] == "a"
    [(path, line, severity, text)] = rows
    assert (path, line, severity) == ("b.txt", None, "warning")
    assert text.startswith("same body as 'a' under another title") and reason in text


def test_loader_marks_duplicates_across_formats(tmp_path):
    (tmp_path / "a.txt").write_text(f"Harbour deal\n\n{STORY}")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"title": "Ministers agree harbour deal", "text": STORY.replace("Friday", "Thursday")}) + "\n"
    )
    articles, problems = load_articles(tmp_path)
    assert articles["duplicate_of"].tolist()[0] is pd.NA
    assert articles["duplicate_of"].tolist()[1] == "a"
    assert problems.loc[0, "path"] == "b.jsonl" and problems.loc[0, "reason"].startswith("near duplicate of 'a'")


@pytest.mark.shared
def test_bbc_each_story_once(shared_data):
    articles, problems = load_articles(shared_data / "bbc_news")
    found = find_duplicates(articles)
    kinds = found["kind"].value_counts().to_dict()
    assert kinds["exact"] == 98  # the dataset's README
    assert kinds["same body"] >= 35  # the issue counted 35 with byte-identical bodies
    assert kinds["near"] >= 10
    assert articles["duplicate_of"].notna().sum() == len(found)
    # precision, measured independently of MinHash: every near pair is the same text with few edits
    text = dict(zip(articles["doc_id"], articles["text"]))
    for row in found[found["kind"] == "near"].itertuples():
        a, b = text[row.duplicate_of].split(), text[row.doc_id].split()
        assert difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() > 0.8, (row.doc_id, row.duplicate_of)
    # the kept copy is always the first in corpus order
    order = {d: i for i, d in enumerate(articles["doc_id"])}
    assert all(order[r.duplicate_of] < order[r.doc_id] for r in found.itertuples())


def test_articles_built_by_hand_without_the_new_columns_still_conform():
    from analysis import schemas

    articles = schemas.conform(
        frame(("a", "T", "Body.")).assign(published=pd.NaT, source="", url="", category=""), "articles"
    )
    assert articles["duplicate_of"].isna().all() and articles["language"].isna().all()
    schemas.validate(articles, "articles")


def test_signatures_of_many_sets_at_once_are_each_sets_own_and_datasketchs():
    datasketch = pytest.importorskip("datasketch")
    draw = np.random.default_rng(7)
    # single values, sets straddling the 4096-value blocks, sets longer than a block, repeats
    sizes = [1, 1, 5, 4089, 7, 9000, 1, 300, 4096, 2]
    hashes = draw.integers(0, 1 << 32, sum(sizes), dtype=np.uint64)
    hashes[10:4000] = hashes[7]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    reference = datasketch.MinHash(num_perm=128, seed=1, hashfunc=lambda value: value)
    permutations = (reference.permutations[0], reference.permutations[1])
    together = minhash_signatures(hashes, offsets, permutations)
    assert together.shape == (len(sizes), 128) and together.dtype == np.uint32
    for k in range(len(sizes)):
        values = hashes[offsets[k] : offsets[k + 1]]
        expected = datasketch.MinHash(num_perm=128, seed=1, hashfunc=lambda value: value)
        expected.update_batch(values.tolist())
        assert together[k].tolist() == minhash_signature(values, permutations).tolist()
        assert together[k].tolist() == expected.hashvalues.tolist(), k


@pytest.mark.parametrize("shingle", [1, 2, 5])
def test_shingle_hashes_of_all_bodies_at_once_are_each_bodys_own_windows(shingle):
    bodies = [["a"] * 5, ["the", "deal", "is", "off", "for", "now"], ["b", "c", "d", "e", "f"], ["été", "x"] * 4]
    bodies = [words for words in bodies if len(words) >= shingle]
    hashes, offsets = shingle_hashes(bodies, shingle)
    assert offsets.tolist() == np.cumsum([0] + [len(words) - shingle + 1 for words in bodies]).tolist()
    for k, words in enumerate(bodies):
        # each window's hash written out: the polynomial of its words' SipHash codes, folded to 32 bits
        codes = pd.util.hash_array(np.array(words, dtype=object), categorize=False).tolist()
        expected = []
        for begin in range(len(words) - shingle + 1):
            value = 0
            for code in codes[begin : begin + shingle]:
                value = (value * 1_000_003 + code) % (1 << 64)
            expected.append((value ^ (value >> 32)) & 0xFFFFFFFF)
        assert hashes[offsets[k] : offsets[k + 1]].tolist() == expected


def test_no_bodies_no_shingles():
    hashes, offsets = shingle_hashes([], 5)
    assert len(hashes) == 0 and offsets.tolist() == [0]


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.4, 64), (0.64, 128), (0.8, 128), (0.9, 64)])
def test_lsh_bands_are_datasketchs(threshold, num_perm):
    # the module's promise that its bands are datasketch.MinHashLSH's; _optimal_param is where
    # datasketch chooses them (it needs scipy, which the package itself avoids importing)
    lsh = pytest.importorskip("datasketch.lsh")
    assert lsh_bands(threshold, num_perm, weights=(0.2, 0.8)) == lsh._optimal_param(threshold, num_perm, 0.2, 0.8)
