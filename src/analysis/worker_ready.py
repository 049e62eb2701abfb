"""Imported by the forkserver that starts ``analysis prepare``'s worker processes, and nowhere else.

The forkserver imports ``analysis.pool_server.WORKER_MODULES`` (this module) once and forks each
worker from itself. Importing this module imports NLTK without scipy (``import_nltk_without_scipy``:
a worker never uses NLTK's scipy parts), then every module a chunk needs, then builds the language
resources (``analysis.chunks.warm_up``), so every worker starts with them, as it starts with the imports.
"""

from __future__ import annotations

import gc

from .pool_server import import_nltk_without_scipy


def _ready() -> None:
    # the imports and resources below are a few million objects that live as long as the workers:
    # the cycle collector's passes over them while they are built free nothing, and took about
    # 0.1 s of the server's 0.8 s start, which the first chunk waits for (warm_up then freezes them)
    gc.disable()
    try:
        import_nltk_without_scipy()  # first: the modules below import NLTK, and NLTK would import scipy
        # what prepare_chunk and the modules it calls import
        from . import actors, language, prepare, quotes, sentiment, tokens, tone  # noqa: F401
        from .chunks import warm_up

        warm_up()
    finally:
        gc.enable()


_ready()
