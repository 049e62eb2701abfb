"""What, besides the corpus content, changes what ``analysis prepare`` writes: the ``Settings``.

``Settings`` holds the actor files, loader options, column mapping and lexicon overrides of a
prepare; the cache key hashes them (with each actor file's content) and the loader reads them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from . import paths
from .load import DEFAULT_MAX_ARTICLE_BYTES


@dataclass(frozen=True)
class Settings:
    """Everything besides the corpus content that changes what prepare writes."""

    actor_files: tuple[str, ...] = ()
    drop_duplicates: bool = False
    dayfirst: bool = False
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES
    # column mapping (given, on top of the corpus's analysis.yaml) as sorted (field, column) pairs
    columns: tuple[tuple[str, str | None], ...] = ()
    # other loader options from the corpus's settings file (e.g. dayfirst), as sorted pairs
    file_options: tuple[tuple[str, object], ...] = ()
    # (term, valence) pairs read from the user's dict or file: their content is the cache key
    lexicon_overrides: tuple[tuple[str, float], ...] = ()

    @classmethod
    def of(
        cls,
        actor_files: Sequence[str | Path] = (),
        drop_duplicates: bool = False,
        *,
        dayfirst: bool = False,
        max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
        columns=None,
        corpus: str | Path | None = None,
        lexicon_overrides=None,
    ) -> Settings:
        """Settings from user options (actor files resolved to absolute paths; ``columns``
        merged with the settings file of ``corpus``; lexicon overrides read)."""
        from .columns import corpus_settings, merged_columns

        for file in actor_files:  # before anything is loaded: the cache key reads each file
            if not paths.resolve(file).is_file():
                from .errors import DictionaryError

                raise DictionaryError(f"actor dictionary {file} does not exist; give a YAML, CSV or PETRARCH .txt file")
        merged = merged_columns(corpus, columns) if corpus is not None else dict(columns or {})
        extra = corpus_settings(corpus) if corpus is not None else {}
        file_options = tuple(sorted((k, v) for k, v in extra.items() if k != "columns"))
        return cls(
            tuple(str(paths.resolve(p)) for p in actor_files),
            bool(drop_duplicates),
            bool(dayfirst),
            max_article_bytes,
            tuple(sorted(merged.items())),
            file_options,
            read_lexicon_overrides(lexicon_overrides),
        )

    def load_options(self) -> dict:
        """The options ``load_corpus`` takes from these settings (the corpus's settings file
        fills in what the user left at its default, e.g. ``dayfirst``)."""
        options = {
            "drop_duplicates": self.drop_duplicates,
            "dayfirst": self.dayfirst,
            "max_article_bytes": self.max_article_bytes,
            "columns": dict(self.columns),
        }
        for name, value in _file_options(self).items():
            if name not in options or options[name] in (False, None, DEFAULT_MAX_ARTICLE_BYTES):
                options[name] = value
        return options

    def key_material(self) -> dict:
        material = asdict(self)
        # an actor file's content matters, not just its name
        material["actor_files"] = [[str(p), file_digest(Path(p))] for p in self.actor_files]
        return material


def read_lexicon_overrides(source) -> tuple[tuple[str, float], ...]:
    """``tone.read_overrides``, without importing the news tone when there are no overrides:
    importing it imports NLTK, and NLTK scipy.stats (about 1 s before the workers start; the
    workers import it anyway)."""
    if source is None or (isinstance(source, (str, Mapping, list, tuple)) and not source):
        return ()
    from .tone import read_overrides

    return read_overrides(source)


def _file_options(settings: Settings) -> dict:
    """The settings file's loader options that this loader has (e.g. ``dayfirst``)."""
    import inspect

    from .load import load_corpus

    accepted = inspect.signature(load_corpus).parameters
    unknown = [name for name, _ in settings.file_options if name not in accepted]
    if unknown:
        from .columns import ColumnsError

        raise ColumnsError(
            f"the corpus settings file sets {unknown[0]!r}, which this version's loader does not have; "
            f"remove it from analysis.yaml"
        )
    return dict(settings.file_options)


def load_with(corpus: Path, settings: Settings):
    """``load_corpus`` of ``corpus`` with the loader options of ``settings``."""
    from .load import load_corpus

    # near duplicates are looked for beside the workers (prepare_corpus), and languages by the
    # workers (each chunk's own), not before them
    return load_corpus(corpus, **settings.load_options(), defer_duplicates=True, defer_languages=True)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (an actor file, a file of the package)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
