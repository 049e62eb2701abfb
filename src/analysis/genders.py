"""Grammatical gender of people named in text, for resolving "he said" / "she said".

Two signals, strongest first: a title right before the name (Mr, Sir, Lord → "m";
Mrs, Ms, Miss, Dame, Lady → "f") and the first name, looked up in the name list that
ships with ``nomquamgender`` (MIT; about 720,000 names with the share of women who bear
them). A first name counts only when at least 100 people bear it and at least 90% of
them are of one gender; "Jean" or "Kim" give no answer.

The list is a 4 MB JSON file that takes over a second to parse, so the few tens of
thousands of names that count are kept in a small pickle in the user cache directory
(``$XDG_CACHE_HOME/analysis``, else ``~/.cache/analysis``) and read from there next time.

Example:
    >>> first_name_gender("Tessa"), first_name_gender("Gordon"), first_name_gender("Kim")
    ('f', 'm', None)
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

from . import paths

# one line per gender (the formatter leaves it so)
TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mister": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "madam": "f",
}  # fmt: skip
_MIN_BEARERS = 100
_SURE = 0.9


def first_name_gender(name: str) -> str | None:
    """ "m", "f" or None (unknown or shared by both) for a first name, any case.

    Example:
        >>> first_name_gender("TESSA"), first_name_gender("Nick")
        ('f', 'm')
    """
    women, men = _name_sets()
    key = name.strip().lower()
    return "f" if key in women else "m" if key in men else None


@functools.lru_cache(maxsize=1)
def _name_sets() -> tuple[frozenset[str], frozenset[str]]:
    try:
        version = metadata.version("nomquamgender")
    except metadata.PackageNotFoundError:
        raise RuntimeError(
            "the first-name list is missing: install nomquamgender "
            "(pip install nomquamgender), a dependency of analysis"
        ) from None
    cache = paths.user_cache() / f"first_names-nomquamgender-{version}-{_MIN_BEARERS}-{_SURE}.pickle"
    try:
        with open(cache, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    # find the file without importing the package: its import parses the list itself
    spec = importlib.util.find_spec("nomquamgender")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:  # its metadata without its files: a half-removed install
        raise RuntimeError(
            "the first-name list is missing: nomquamgender is registered but its files are not; "
            "reinstall it (pip install --force-reinstall nomquamgender)"
        )
    with open(Path(folders[0]) / "name_data.json", encoding="utf-8") as f:
        data = json.load(f)
    women, men = set(), set()
    for name, info in data.items():
        # info: [..., bearers, share of women, ...]
        if info[1] < _MIN_BEARERS or not name.replace("-", "").replace("'", "").isalpha():
            continue
        if info[2] >= _SURE:
            women.add(name)
        elif info[2] <= 1 - _SURE:
            men.add(name)
    sets = (frozenset(women), frozenset(men))
    _write_atomically(cache, pickle.dumps(sets))
    return sets


def _write_atomically(path: Path, payload: bytes) -> None:
    # several prepare workers may build the cache at once: each writes its own file and renames it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs the parse next time
