"""The pages of a run: a report notebook exported as HTML, and the ``index.html`` that links them."""

from __future__ import annotations

import functools
import json
import re
import sys
import time
from importlib import metadata
from pathlib import Path

from markupsafe import Markup

from . import __version__
from .report import escaped
from .results import RunResult

TEMPLATES = Path(__file__).resolve().parent / "templates"
VERSION_PACKAGES = (
    "analysis",
    "pandas",
    "numpy",
    "pyarrow",
    "nltk",
    "vaderSentiment",
    "matplotlib",
    "papermill",
    "nbconvert",
    "ipykernel",
)


def export_html(notebook: str | Path, *, title: str = "", show_code: bool = False) -> str:
    """HTML for an executed notebook: code hidden (unless ``show_code``), no network, no scripts.

    The page uses the project's template (``templates/report``): JupyterLab styling without
    require.js, MathJax or widget scripts, and a Content-Security-Policy that lets exactly one
    script run, the project's table search-and-sort (``tables.js``, allowed by its hash, and
    only on a page with a long table; other pages allow no script at all), so
    article text in an output can never act as markup or script even if a notebook forgot to
    escape it. The parameters cells never show their code.

    Example:
        >>> page = export_html("reports/sample/sentiment.ipynb")   # doctest: +SKIP
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {"parameters", "injected-parameters"}
    exporter = HTMLExporter(
        config=config,
        template_name="report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    nb = nbformat.read(str(notebook), as_version=4)
    name = title or Path(notebook).stem
    from .tables import script_hash, table_script

    resources = {"metadata": {"name": _title(name)}, "report_name": name}
    if "data-interactive" in nbformat.writes(nb):  # only a page with a long table carries the script
        resources.update(table_script=table_script(), table_script_hash=script_hash())
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


# --------------------------------------------------------------------------- index.html


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages a report depends on, for the index page."""
    versions = {"python": sys.version.split()[0]}
    for package in VERSION_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = __version__ if package == "analysis" else "not installed"
    return versions


def index_page(run: RunResult) -> str:
    """The ``index.html`` of a run (``templates/reports_index.html.j2``): every value escaped,
    no scripts, readable offline."""
    manifest = run.manifest or {}
    counts = manifest.get("counts", {})
    date_range = manifest.get("date_range")
    problems = counts.get("problems")
    prepared_how = "reused from cache" if run.reused else f"prepared in {manifest.get('seconds', 0):.1f} s"
    reports = []
    for r in run.reports:
        links = [
            (label, _href(path, run.out)) for label, path in (("report", r.html), ("notebook", r.notebook)) if path
        ]
        if (run.out / r.name).is_dir():
            links.append(("tables & figures", f"{r.name}/"))
        reports.append(
            {
                "title": _title(r.name),
                "page": _href(r.html, run.out),
                "status": r.status,
                "seconds": r.seconds,
                "links": links,
                "error": r.error,
            }
        )
    findings = []
    for r in run.reports:
        found = report_findings(run.out / r.name) if r.status == "ok" and r.html else []
        if found:
            findings.append(
                {"title": _title(r.name), "page": _href(r.html, run.out), "findings": found[:INDEX_FINDINGS]}
            )
    parameters = [
        {
            "title": _title(r.name),
            "rows": [
                (k, json.dumps(v, default=str, ensure_ascii=False), k in r.overrides) for k, v in r.parameters.items()
            ],
        }
        for r in run.reports
        if r.parameters
    ]
    timings = [
        ("prepare", prepared_how),
        *((r.name, f"{r.seconds:.1f} s") for r in run.reports),
        ("total", f"{run.seconds:.1f} s"),
    ]
    return (
        _templates()
        .get_template("reports_index.html.j2")
        .render(
            corpus_name=run.corpus.name,
            status="all reports built" if run.ok else f"{len(run.failed)} of {len(run.reports)} reports failed",
            created=time.strftime("%Y-%m-%d %H:%M %Z"),
            reports=reports,
            findings=findings,
            corpus=run.corpus,
            prepared=run.prepared,
            prepared_how=prepared_how,
            articles=f"{counts['articles']:,}" if "articles" in counts else "unknown",
            dates=f"{str(date_range[0])[:10]} to {str(date_range[1])[:10]}" if date_range else "no dates",
            problems=f"{problems:,}" if isinstance(problems, int) else "unknown",
            problems_csv=(run.out / "problems.csv").is_file(),
            notes=_notes(manifest),
            parameters=parameters,
            timings=timings,
            versions=package_versions(),
        )
    )


def _corpus_notes(manifest: dict) -> str:
    """Index rows: duplicates set aside, the language mix, and warnings about the corpus."""
    return _templates().get_template("corpus_notes.html.j2").module.corpus_notes(_notes(manifest))


def _notes(manifest: dict) -> list[tuple[str, str]]:
    """What the corpus table notes besides the counts, as (kind, text) for ``corpus_notes.html.j2``."""
    notes = []
    if "duplicates" in manifest:
        notes.append(("duplicates", f"{manifest['duplicates']:,}"))
    languages = manifest.get("languages") or {}
    if languages:
        total = sum(languages.values()) or 1
        notes.append(("languages", ", ".join(f"{k} {v:,} ({v / total:.0%})" for k, v in languages.items())))
    notes.extend(("warning", warning) for warning in manifest.get("warnings") or [])
    return notes


@functools.cache
def _templates():
    """The Jinja environment of the index page. Autoescape is on, and every value goes through
    ``report.escaped`` first (html.escape, as everywhere else in the package), so a name, an
    error or a path from the data can never act as markup; only ``Markup`` (the ``emphasis``
    filter, the corpus-notes macro) is HTML already."""
    from jinja2 import Environment, FileSystemLoader

    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        keep_trailing_newline=True,
        finalize=lambda value: value if hasattr(value, "__html__") else Markup(escaped(value)),
    )
    environment.filters["emphasis"] = _emphasis
    return environment


#: findings per report on the index page (each report shows up to six)
INDEX_FINDINGS = 3


def report_findings(folder: str | Path) -> list[dict]:
    """The findings a report wrote (``<report>/findings.json``), or [] when absent or unreadable.

    Example:
        >>> report_findings("reports/sample/sentiment")[0]["section"]   # doctest: +SKIP
        'Distribution-of-article-tone'
    """
    try:
        rows = json.loads((Path(folder) / "findings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(rows, list):
        return []
    return [
        r
        for r in rows
        if isinstance(r, dict) and isinstance(r.get("finding"), str) and isinstance(r.get("section"), str)
    ]


def _emphasis(text: str) -> Markup:
    """A finding (Markdown) as HTML: ``*word*`` in italics, backslash-escaped characters as
    themselves, everything else escaped."""
    parts = re.split(r"(?<!\\)\*", text)
    if len(parts) % 2 == 0:  # an unpaired asterisk: no emphasis
        parts = [text]
    shown = [escaped(re.sub(r"\\([^A-Za-z0-9\s])", r"\1", part)) for part in parts]
    return Markup("".join(f"<em>{part}</em>" if i % 2 else part for i, part in enumerate(shown)))


def _href(path: Path | None, base: Path) -> str:
    from urllib.parse import quote

    return quote(Path(path).relative_to(base).as_posix()) if path else ""
