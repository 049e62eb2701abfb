"""The server prepare's pool workers are forked from: started once per process, its imports done once.

``start_pool_server`` starts it with ``WORKER_MODULES`` preloaded; ``analysis prepare`` calls it as
early as it can (before this process imports pandas), so the server's imports and resources are
built beside the corpus load, and each worker forked from it starts ready.
"""

from __future__ import annotations

# What the forkserver imports once; each worker forked from it starts with it (about 1 s of imports
# a worker no longer pays, and the language resources: another 1-1.5 s each worker paid in its first
# chunk). ``analysis.worker_ready`` imports the modules a chunk needs and builds those resources there.
WORKER_MODULES = ["analysis.worker_ready"]


# the process that started the server (a process forked from it has a server of its own to start)
_started_by: int | None = None


def start_pool_server():
    """The forkserver context the pool uses, its server started (once per process) with the
    worker modules preloaded. ``prepare_corpus`` calls it before loading, so the server imports
    while the corpus loads.

    Called again (the CLI, then ``prepare_corpus``, then the pool), it returns the context and
    leaves Ctrl-C alone: starting the server ignores Ctrl-C for a moment, and each extra moment is
    one more in which a person's Ctrl-C would be lost."""
    import multiprocessing
    import os

    global _started_by
    context = multiprocessing.get_context("forkserver")
    if _started_by != os.getpid():
        context.set_forkserver_preload(WORKER_MODULES)
        _start_forkserver_deaf_to_ctrl_c()
        _started_by = os.getpid()
    return context


def import_nltk_without_scipy() -> None:
    """Import NLTK with scipy hidden, unless either is imported already: for the pool's server only
    (``analysis.worker_ready``).

    NLTK imports ``scipy.stats`` and ``scipy.sparse`` (about 0.6 s, most of the server's start)
    for parts a worker never uses (collocations, association measures, a parser); each of those
    imports sits in ``try/except ImportError`` with a fallback. scipy is visible again right
    after, so a later ``import scipy.stats`` works. Never call it in a person's own process: their
    NLTK keeps scipy's ``fisher_exact``.
    """
    import sys

    if "scipy" in sys.modules or "nltk" in sys.modules:  # too late to hide scipy from NLTK
        return
    sys.modules["scipy"] = None  # type: ignore[assignment]  # None in sys.modules: ImportError on import
    try:
        import nltk  # noqa: F401
    finally:
        del sys.modules["scipy"]


def _start_forkserver_deaf_to_ctrl_c() -> None:
    """Start the forkserver with Ctrl-C ignored (it passes that on to the workers it forks).

    Ctrl-C reaches every process of the terminal's group; the forkserver, still importing the
    package, would print a traceback of its own. The parent alone handles Ctrl-C, and ends the pool.
    """
    import signal
    import threading
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
