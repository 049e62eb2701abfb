"""Imported by the forkserver that starts ``analysis prepare``'s worker processes, and nowhere else.

The forkserver imports ``analysis.engines.WORKER_MODULES`` once and forks each worker from itself;
importing this module builds the language resources there (``analysis.chunks.warm_up``), so every
worker starts with them, as it starts with the imports.
"""

from __future__ import annotations

from .chunks import warm_up

warm_up()
