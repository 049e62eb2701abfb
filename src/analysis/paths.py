"""The one place that builds paths: from the package location or an explicit argument.

``PROJECT_ROOT`` is the checkout that holds ``src/analysis`` (an editable install);
relative corpus paths given to notebooks resolve against the current directory first
and then against the project root, so ``data/sample`` works from ``notebooks/`` too.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES = PACKAGE_DIR / "resources"
PROJECT_ROOT = PACKAGE_DIR.parent.parent
NOTEBOOKS = PROJECT_ROOT / "notebooks"
SAMPLE_CORPUS = PROJECT_ROOT / "data" / "sample"


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
