"""Per-document lookups of a frame's rows, for the passes that walk one article at a time
(mention finding, quote finding): plain lists, sliced per document, fast to bisect.

Example:
    >>> import pandas as pd
    >>> rows_by_doc(pd.DataFrame({"doc_id": ["a", "a"], "start": [9, 0], "sent_id": [1, 0]}), ["start", "sent_id"])
    {'a': [(0, 0), (9, 1)]}
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def rows_by_doc(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """Rows of ``columns`` per doc_id, ordered by start (one pass over plain lists: fast)."""
    if not len(frame):
        return {}
    ordered = frame
    docs, bounds = _runs(frame)
    starts = frame["start"].to_numpy()
    one_run_each = len(set(docs[bounds[:-1]])) == len(bounds) - 1
    by_start = (starts[1:] >= starts[:-1])[docs[1:] == docs[:-1]].all()
    if not (one_run_each and by_start):
        # the frames prepare hands over are in order already (one run per document, by start): sort the others
        ordered = frame.sort_values(["doc_id", "start"], kind="stable")
        docs, bounds = _runs(ordered)
    values = list(zip(*(ordered[c].tolist() for c in columns)))
    return {docs[begin]: values[begin:end] for begin, end in zip(bounds, bounds[1:])}


def _runs(frame: pd.DataFrame) -> tuple[np.ndarray, list[int]]:
    """The doc_ids and where each run of equal ones begins (and the end): rows are sliced, not appended one by one."""
    docs = frame["doc_id"].astype(str).to_numpy(dtype=object)
    return docs, [0, *(np.flatnonzero(docs[1:] != docs[:-1]) + 1).tolist(), len(docs)]


def sentence_index(sentences: pd.DataFrame) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Per doc_id, the sentences' start offsets and their sent_ids, in text order (for bisect)."""
    starts_by_doc, ids_by_doc = {}, {}
    for doc, rows in rows_by_doc(sentences, ["start", "sent_id"]).items():
        starts_by_doc[doc] = [r[0] for r in rows]
        ids_by_doc[doc] = [r[1] for r in rows]
    return starts_by_doc, ids_by_doc
