"""The one place that builds paths: from the package location or an explicit argument.

``PROJECT_ROOT`` is the checkout that holds ``src/analysis`` (an editable install);
relative corpus paths given to notebooks resolve against the current directory first
and then against the project root, so ``data/sample`` works from ``notebooks/`` too.

A regular install (``pip install .``) has no checkout: the report notebooks are installed
as data files (``<prefix>/share/analysis/notebooks``, see pyproject.toml) and found there,
and the prepare cache is the user's cache folder (``$XDG_CACHE_HOME/analysis``).
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES = PACKAGE_DIR / "resources"
PROJECT_ROOT = PACKAGE_DIR.parent.parent
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "src" / "analysis").is_dir()
# where pip puts the wheel's data files (pyproject.toml: [tool.setuptools.data-files])
INSTALLED_NOTEBOOKS = Path(sysconfig.get_path("data")) / "share" / "analysis" / "notebooks"
NOTEBOOKS = PROJECT_ROOT / "notebooks" if IN_CHECKOUT else INSTALLED_NOTEBOOKS
SAMPLE_CORPUS = PROJECT_ROOT / "data" / "sample"


def user_cache() -> Path:
    """The user's cache folder for the package (``$XDG_CACHE_HOME/analysis``, else
    ``~/.cache/analysis``), read when asked so a changed environment is followed."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "analysis"


DEFAULT_CACHE = PROJECT_ROOT / "reports" / ".cache" if IN_CHECKOUT else user_cache()


def resolve(path: str | Path) -> Path:
    """Absolute path for a user-given path: as given if it exists, else under the project root.

    Example:
        >>> resolve("data/sample").name
        'sample'
    """
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p.resolve()
    candidate = PROJECT_ROOT / p
    return candidate.resolve() if candidate.exists() else p.resolve()
