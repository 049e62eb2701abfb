"""Imported by the forkserver that starts ``analysis prepare``'s worker processes, and nowhere else.

The forkserver imports ``analysis.pool_server.WORKER_MODULES`` (this module) once and forks each
worker from itself. Importing this module imports NLTK without scipy (``import_nltk_without_scipy``:
a worker never uses NLTK's scipy parts), then every module a chunk needs, then builds the language
resources (``analysis.chunks.warm_up``), so every worker starts with them, as it starts with the imports.
"""

from __future__ import annotations

from . import collector
from .pool_server import import_nltk_without_scipy


def _ready() -> None:
    # the imports and resources below live as long as the workers (warm_up then freezes them)
    with collector.paused():
        import_nltk_without_scipy()  # first: the modules below import NLTK, and NLTK would import scipy
        # what prepare_chunk and the modules it calls import
        from . import actors, language, prepare, quotes, sentiment, tokens, tone  # noqa: F401
        from .chunks import warm_up

        warm_up()


_ready()
