"""A prepared directory as a cache: its format, the manifest that says what it holds, and its key.

The key hashes what the loader read, the settings, the package's code and ``FORMAT_VERSION``, so a
prepared directory is reused only while all of them are unchanged. A finished directory is swapped
into place whole, so a crash never leaves one whose manifest claims more than it holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

from . import outputs, paths
from .prepare_settings import Settings, file_digest, load_with

# Bump when what prepare writes changes, so old caches are not reused.
FORMAT_VERSION = 4  # 2: extra columns normalised, 3: quotes' cue and confidence, 4: sentences' news tone
PART_TABLES = ("sentences", "tokens", "mentions", "quotes")
TABLE_SCHEMAS = {
    "articles": "articles",
    "sentences": "toned_sentences",
    "tokens": "tokens",
    "mentions": "mentions",
    "quotes": "quotes",
}


DEFAULT_CACHE = paths.DEFAULT_CACHE


def swap_into_place(staging: Path, out: Path, key: str) -> None:
    """Replace ``out`` by the finished ``staging`` directory.

    If another process finished the same corpus first, its result is kept and ours dropped.
    """
    try:
        if out.exists():
            outputs.check_folder(out, "prepared")  # again: something may have appeared meanwhile
            shutil.rmtree(out)
        os.replace(staging, out)
    except OSError:
        done = read_manifest(out)
        shutil.rmtree(staging, ignore_errors=True)
        if not (done and done.get("key") == key):
            raise


def cache_key(corpus, settings: Settings = Settings()) -> str:
    """A short hash of what the loader read (each file's name and bytes, its problems), the settings,
    the code and the format version.

    ``corpus`` is a ``LoadedCorpus`` (its digest was taken while loading, so the key always
    describes the content that was prepared), or a path, which is loaded first.
    """
    from .load import CorpusError, LoadedCorpus

    if not isinstance(corpus, LoadedCorpus):
        path = Path(corpus)
        if not path.exists():
            raise CorpusError(f"{corpus} does not exist; give a folder or file of articles")
        corpus = load_with(path, settings)
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT_VERSION, code_fingerprint(), settings.key_material()]).encode())
    digest.update(corpus.digest.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code and resources: a new tokeniser rule or actor entry
    changes what prepare writes, so it must not reuse a cache made by older code."""
    digest = hashlib.sha256()
    for file in sorted(paths.PACKAGE_DIR.rglob("*")):
        if file.is_file() and file.suffix in {".py", ".yaml", ".yml", ".txt", ".json", ".csv", ".tsv"}:
            digest.update(file.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(file_digest(file).encode())
    return digest.hexdigest()[:16]


def read_manifest(path: str | Path) -> dict | None:
    """The manifest of a prepared directory, or None if ``path`` is not one."""
    manifest = Path(path) / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        data = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return None
    return data if data.get("format_version") == FORMAT_VERSION else None
