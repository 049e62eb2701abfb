"""Each story once: find exact and near-duplicate articles.

``find_duplicates(articles)`` returns one row per article that repeats an earlier one, with
the ``doc_id`` of the copy that is kept (the first in corpus order) and how it was found:

- ``exact``: the whole text (title and body) is the same;
- ``same body``: the body is the same word for word (case and punctuation aside) under
  another title;
- ``near``: the bodies share most of their five-word phrases (shingles): MinHash with
  locality-sensitive hashing proposes pairs whose estimated Jaccard
  similarity of shingles is at least ``threshold`` (default 0.8), which catches syndicated
  copies with small edits (a changed sentence, a different byline or sign-off).

Bodies shorter than ``min_words`` words are not compared for near duplicates, and bodies
shorter than ``min_body_words`` not for the same body either: a few words in common (a
one-line placeholder, "Markets closed.") say little about two items being one story.

The loader puts the result in ``articles.duplicate_of`` (empty for kept articles) and adds a
problems row for each ``same body`` and ``near`` copy (exact copies already have theirs);
``Corpus`` and the reports leave duplicates out unless asked to keep them.

Example:
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Deal", "Port deal"],
    ...                      "text": ["Deal\\n\\nMinisters agreed.", "Port deal\\n\\nMinisters agreed."]})
    >>> find_duplicates(arts, min_body_words=1)[["doc_id", "duplicate_of", "kind"]].values.tolist()
    [['b', 'a', 'same body']]
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import numpy as np
import pandas as pd

COLUMNS = ("doc_id", "duplicate_of", "kind", "similarity")
_WORD = re.compile(r"\w+")


def find_duplicates(
    articles: pd.DataFrame,
    *,
    threshold: float = 0.8,
    min_words: int = 50,
    min_body_words: int = 20,
    shingle: int = 5,
    num_perm: int = 128,
) -> pd.DataFrame:
    """Articles that repeat an earlier one: doc_id, duplicate_of (the kept copy), kind, similarity.

    Args:
        articles: frame with doc_id, title and text (shape "articles"), in corpus order.
        threshold: estimated Jaccard similarity of body shingles at or above which two
            articles are one story (near duplicates).
        min_words: bodies with fewer words are not compared for near duplicates.
        min_body_words: bodies with fewer words are only matched with their title (exact).
        shingle: words per shingle.
        num_perm: MinHash permutations (more: a closer estimate, slower).

    Returns:
        A frame with columns doc_id, duplicate_of, kind ("exact", "same body", "near") and
        similarity (1.0 for exact and same-body copies), in corpus order.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "title": ["T", "T"], "text": ["T\\n\\nx", "T\\n\\nx"]})
        >>> find_duplicates(arts)["kind"].tolist()
        ['exact']
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold={threshold} must be in (0, 1]; 0.8 is a good start")
    doc_ids = articles["doc_id"].astype(str).tolist()
    texts = articles["text"].astype(str).tolist()
    titles = articles["title"].astype(str).tolist() if "title" in articles else [t.split("\n", 1)[0] for t in texts]
    kept_of: list[int] = list(range(len(doc_ids)))  # index of the kept copy for each article
    rows: list[tuple[str, str, str, float]] = []
    first_text: dict[str, int] = {}
    first_body: dict[str, int] = {}
    long_bodies: list[tuple[int, list[str]]] = []
    for i, (text, title) in enumerate(zip(texts, titles)):
        if text in first_text:
            kept_of[i] = kept_of[first_text[text]]
            rows.append((doc_ids[i], doc_ids[kept_of[i]], "exact", 1.0))
            continue
        first_text[text] = i
        body = text[len(title) :] if text.startswith(title) else text
        words = _WORD.findall(body.casefold())
        key = " ".join(words) if len(words) >= min_body_words else ""
        if key and key in first_body:
            kept_of[i] = kept_of[first_body[key]]
            rows.append((doc_ids[i], doc_ids[kept_of[i]], "same body", 1.0))
            continue
        if key:
            first_body[key] = i
        if len(words) >= max(min_words, shingle):
            long_bodies.append((i, words))
    rows += _near(long_bodies, doc_ids, kept_of, threshold=threshold, shingle=shingle, num_perm=num_perm)
    # a copy matched exactly to an article that only later turned out to be a near copy itself
    # must point at the copy that is kept, not at that article
    position = {doc_id: n for n, doc_id in enumerate(doc_ids)}
    rows = [
        (doc_id, doc_ids[_root(kept_of, position[kept])], kind, similarity) for doc_id, kept, kind, similarity in rows
    ]
    rows.sort(key=lambda row: position[row[0]])
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype({"doc_id": "string", "duplicate_of": "string", "kind": "string", "similarity": "float64"})


def _near(long_bodies, doc_ids, kept_of, *, threshold, shingle, num_perm) -> list[tuple[str, str, str, float]]:
    """Near duplicates among long bodies; each points at the kept copy of its best earlier match."""
    # LSH only proposes candidates; a lower bar there keeps pairs just above the threshold from
    # slipping through its bands (false negatives), and the signature comparison below decides
    bands, rows_per_band = lsh_bands(threshold * 0.8, num_perm, weights=(0.2, 0.8))
    key_bytes = rows_per_band * np.dtype(np.uint32).itemsize
    tables: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]
    hashes, offsets = shingle_hashes([words for _, words in long_bodies], shingle)
    signatures = minhash_signatures(hashes, offsets, _permutations(num_perm, seed=1))
    rows = []
    for n, (i, _) in enumerate(long_bodies):
        row = signatures[n].tobytes()
        keys = [row[band * key_bytes : (band + 1) * key_bytes] for band in range(bands)]
        # in index order, so that the first maximum is the earliest of equally similar candidates
        candidates = sorted({c for table, key in zip(tables, keys) for c in table.get(key, ())})
        if candidates:
            similarities = np.count_nonzero(signatures[candidates] == signatures[n], axis=1) / num_perm
            best = int(np.argmax(similarities))
            if similarities[best] >= threshold:
                kept_of[i] = kept_of[long_bodies[candidates[best]][0]]
                rows.append((doc_ids[i], doc_ids[kept_of[i]], "near", round(float(similarities[best]), 3)))
                continue  # only kept copies are indexed, so every match points at a kept one
        for table, key in zip(tables, keys):
            table.setdefault(key, []).append(n)
    return rows


# MinHash in datasketch's "affine32" scheme, written out here: importing datasketch imports its
# LSH module and with it scipy.integrate (about 0.6 s before any article is prepared). The tests
# check signatures and bands against datasketch itself.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _permutations(num_perm: int, *, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``num_perm`` bijections ``h -> a*h + b (mod 2**32)`` (``a`` odd), drawn as datasketch draws them."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash_signature(hashes: np.ndarray, permutations: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The MinHash of a set of 32-bit hashes (not empty): per permutation, the least permuted value (uint32).

    Equal to ``datasketch.MinHash(num_perm, seed, hashfunc=lambda v: v)`` updated with ``hashes``.

    Example:
        >>> sig = minhash_signature(np.array([1, 2, 3], dtype=np.uint32), _permutations(4, seed=1))
        >>> sig.dtype, sig.shape
        (dtype('uint32'), (4,))
    """
    return minhash_signatures(hashes, np.array([0, len(hashes)]), permutations)[0]


def minhash_signatures(
    hashes: np.ndarray, offsets: np.ndarray, permutations: tuple[np.ndarray, np.ndarray]
) -> np.ndarray:
    """``minhash_signature`` of many sets at once: set ``k`` is ``hashes[offsets[k]:offsets[k + 1]]``
    (none empty); one row per set.

    One pass of numpy over all the hashes in fixed blocks instead of a call per set: each block's
    permuted values (a row per permutation) are reduced per set with ``np.minimum.reduceat`` along
    the rows, where each set's values are contiguous; a set may span several blocks.

    Example:
        >>> sigs = minhash_signatures(np.array([1, 2, 3], dtype=np.uint32), np.array([0, 2, 3]), _permutations(4, seed=1))
        >>> sigs.shape, bool((sigs[1] == minhash_signature(np.array([3], dtype=np.uint32), _permutations(4, seed=1))).all())
        ((2, 4), True)
    """
    a, b = permutations
    mixed = _mixed(hashes)
    by_permutation = np.full((len(a), len(offsets) - 1), np.iinfo(np.uint32).max, dtype=np.uint32)
    for begin in range(0, len(mixed), _BLOCK):
        end = min(begin + _BLOCK, len(mixed))
        first = int(np.searchsorted(offsets, begin, side="right")) - 1  # the set holding value ``begin``
        last = int(np.searchsorted(offsets, end, side="left"))  # one past the set holding value ``end - 1``
        starts = np.maximum(offsets[first:last], begin) - begin
        block = np.minimum.reduceat(a[:, None] * mixed[begin:end] + b[:, None], starts, axis=1)
        by_permutation[:, first:last] = np.minimum(by_permutation[:, first:last], block)
    return np.ascontiguousarray(by_permutation.T)


_BLOCK = 4096


def _mixed(hashes: np.ndarray) -> np.ndarray:
    shift1, multiply1, shift2, multiply2, shift3 = _FMIX32
    # MurmurHash3's finaliser spreads similar inputs before the affine maps (wrapping is intended)
    mixed = hashes.astype(np.uint32)
    mixed = (mixed ^ (mixed >> shift1)) * multiply1
    mixed = (mixed ^ (mixed >> shift2)) * multiply2
    return mixed ^ (mixed >> shift3)


@lru_cache(maxsize=8)
def lsh_bands(threshold: float, num_perm: int, *, weights: tuple[float, float]) -> tuple[int, int]:
    """Bands and rows per band for LSH over ``num_perm`` MinHash values: the pair that minimises the
    weighted chances of a false positive (below ``threshold``) and a false negative (above it).

    The same choice as ``datasketch.MinHashLSH``; the integrals of the band-collision probability
    ``1 - (1 - s**r)**b`` (a polynomial of degree ``b*r <= num_perm``) are exact with Gauss-Legendre
    nodes, so this needs neither scipy nor datasketch.

    Example:
        >>> lsh_bands(0.64, 128, weights=(0.2, 0.8))
        (21, 6)
    """
    nodes, node_weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(function, low: float, high: float) -> float:
        half = (high - low) / 2
        return float(half * np.sum(node_weights * function(half * nodes + (low + high) / 2)))

    false_positive_weight, false_negative_weight = weights
    best, best_error = (0, 0), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = integral(lambda s, r=rows, b=bands: 1 - (1 - s**r) ** b, 0.0, threshold)
            false_negative = integral(lambda s, r=rows, b=bands: (1 - s**r) ** b, threshold, 1.0)
            error = false_positive * false_positive_weight + false_negative * false_negative_weight
            if error < best_error:
                best, best_error = (bands, rows), error
    return best


def _root(kept_of: list[int], i: int) -> int:
    while kept_of[i] != i:
        i = kept_of[i]
    return i


def shingle_hashes(bodies: list[list[str]], shingle: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of each body's ``shingle``-word windows, all bodies' in one array, and the
    offsets where each body's hashes begin (body ``k``: ``hashes[offsets[k]:offsets[k + 1]]``).

    A hash per word (pandas' vectorised SipHash with its fixed key: stable across runs, unlike
    ``hash()``; each distinct word hashed once), combined as a polynomial over the window. Every
    body needs at least ``shingle`` words.

    Example:
        >>> hashes, offsets = shingle_hashes([["a", "b", "c"], ["a", "b"]], 2)
        >>> offsets.tolist(), bool(hashes[0] == hashes[2])
        ([0, 2, 3], True)
    """
    lengths = np.array([len(words) for words in bodies], dtype=np.int64)
    if not len(lengths):
        return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64)
    words = np.fromiter(itertools.chain.from_iterable(bodies), dtype=object, count=int(lengths.sum()))
    # categorize hashes each distinct word once; the hashes are the same as without it
    codes = pd.util.hash_array(words, categorize=True)
    windows = _window_hashes(codes, shingle)
    # the windows over all bodies at once: drop those that run from one body into the next
    ends = np.cumsum(lengths)
    across = (ends[:-1, None] - shingle + 1 + np.arange(shingle - 1)).ravel()
    keep = np.ones(len(windows), dtype=bool)
    keep[across] = False
    offsets = np.concatenate(([0], np.cumsum(lengths - shingle + 1)))
    return windows[keep], offsets


def _window_hashes(codes: np.ndarray, shingle: int) -> np.ndarray:
    n = len(codes) - shingle + 1
    hashes = np.zeros(n, dtype=np.uint64)
    for j in range(shingle):  # wraps modulo 2**64, as intended
        hashes = hashes * np.uint64(1_000_003) + codes[j : j + n]
    # repeated shingles need no removing: a minimum does not change when a value repeats
    return (hashes ^ (hashes >> np.uint64(32))) & np.uint64(0xFFFFFFFF)


def mark_duplicates(articles: pd.DataFrame, *, drop: bool = False, **options) -> tuple[pd.DataFrame, list[tuple]]:
    """``articles`` with ``duplicate_of`` filled in, and problems rows for the copies found.

    Exact copies get no new row (the loader reports them as it reads). With ``drop`` the
    copies are removed instead and their rows say so.

    Example:
        >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "title": ["A", "B"], "text": ["A\\n\\nx y", "B\\n\\nx y"],
        ...                      "path": ["a.txt", "b.txt"]})
        >>> marked, rows = mark_duplicates(arts, min_body_words=1)
        >>> marked["duplicate_of"].tolist(), rows[0][0]
        ([<NA>, 'a'], 'b.txt')
    """
    found = find_duplicates(articles, **options)
    out = articles.copy()
    of = dict(zip(found["doc_id"], found["duplicate_of"]))
    out["duplicate_of"] = pd.array([of.get(d) for d in out["doc_id"].astype(str)], dtype="string")
    paths = dict(zip(out["doc_id"].astype(str), out["path"].astype(str))) if "path" in out else {}
    rows = []
    for doc_id, kept, kind, similarity in found.itertuples(index=False):
        if kind == "exact":
            continue
        what = (
            f"same body as {kept!r} under another title"
            if kind == "same body"
            else f"near duplicate of {kept!r} ({similarity:.0%} alike)"
        )
        action = (
            "dropped (--drop-duplicates)"
            if drop
            else "kept, but each story counts once in the reports (include_duplicates=True counts both)"
        )
        rows.append((paths.get(doc_id, doc_id), None, "warning", f"{what}; {action}"))
    if drop:
        out = out[out["duplicate_of"].isna()].reset_index(drop=True)
    return out, rows
