"""Readers of article files by suffix, one module per family of formats.

``registry`` holds the suffix -> reader table and the shapes readers yield; importing this
package registers the built-in readers, in the order of ``supported_suffixes()``: plain text
(``text``), JSON/CSV/Parquet tables (``tables``), web pages (``web``), RSS/Atom feeds
(``feeds``). A new format is one function decorated with ``@register(".suffix")`` in a module
imported here.
"""

# One by one, in this order: each registers its suffixes, and this is the order of supported_suffixes()
# that messages list.
from . import text  # noqa: F401, I001
from . import tables  # noqa: F401
from . import web  # noqa: F401
from . import feeds  # noqa: F401
from .registry import (  # noqa: F401  (the package's public names)
    Problem,
    Reader,
    ReadOptions,
    Record,
    Source,
    reader_for,
    register,
    supported_suffixes,
    unregister,
)
