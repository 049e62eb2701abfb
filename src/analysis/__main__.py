"""``python -m analysis``: the same command as ``analysis`` (see ``analysis.cli``)."""

import sys

from .cli import main

sys.exit(main())
