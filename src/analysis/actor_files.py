"""Which actor files make the dictionary: the default one merged with users' YAML, CSV and PETRARCH files.

Apart from ``dictionary`` so that the PETRARCH reader (``petrarch``) depends on the
dictionary one way: this module reads both.

Example:
    >>> load_dictionary().type_of("Paris")
    'location'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .dictionary import Dictionary, default_dictionary, read_dictionary
from .errors import DictionaryError
from .petrarch import import_petrarch


def load_dictionary(paths_: Sequence[str | Path] | str | Path = (), *, include_default: bool = True) -> Dictionary:
    """The default dictionary merged with users' files (later files win on equal names).

    Args:
        paths_: YAML or CSV actor files (format documented in ``resources/actors_countries.yaml``).
        include_default: start from the package's default dictionary.

    Example:
        >>> d = load_dictionary()
        >>> d.type_of("United Nations"), d.type_of("Paris")
        ('organization', 'location')
    """
    if isinstance(paths_, (str, Path)):
        paths_ = [paths_]
    base = default_dictionary() if include_default else Dictionary()
    if not paths_:
        return base
    actors = list(base.actors.values())
    for path in paths_:
        path = Path(path)
        if not path.is_file():
            raise DictionaryError(f"actor dictionary {path} does not exist; give a YAML, CSV or PETRARCH .txt file")
        if path.suffix.lower() == ".txt":
            actors.extend(import_petrarch(path).actors.values())
        else:
            actors.extend(read_dictionary(path).actors.values())
    return Dictionary(actors)
