"""Bootstrap intervals, one way for every table: the percentile bootstrap of a mean, each group
with its own random stream made from the seed and the group's name, so adding or removing a
group (an actor, a category) changes no other group's interval, and a run repeats exactly.

Example:
    >>> low, high = bootstrap_ci(np.array([0.1, 0.4, 0.3, 0.2]), rng=group_rng(0, "UN"), n_boot=200)
    >>> 0.1 <= low <= high <= 0.4
    True
"""

from __future__ import annotations

import math
import zlib

import numpy as np


def group_rng(seed: int, group: object) -> np.random.Generator:
    """The random stream of one group: from ``seed`` and the group's name (stable across runs)."""
    return np.random.default_rng([seed, zlib.crc32(str(group).encode("utf-8"))])


def bootstrap_ci(
    values: np.ndarray, *, rng: np.random.Generator, n_boot: int = 1000, ci: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` at level ``ci``.

    ``(nan, nan)`` without resamples or values. Resamples are drawn in batches, so a group with
    many values does not need ``n_boot`` times its size in memory at once.
    """
    if n_boot == 0 or len(values) == 0:
        return (math.nan, math.nan)
    means = np.empty(n_boot)
    batch = max(1, 5_000_000 // len(values))
    for begin in range(0, n_boot, batch):
        end = min(n_boot, begin + batch)
        idx = rng.integers(0, len(values), size=(end - begin, len(values)))
        means[begin:end] = values[idx].mean(axis=1)
    tail = (1 - ci) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return (float(low), float(high))
