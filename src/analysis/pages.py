"""The pages of a run: a report notebook exported as HTML, and the ``index.html`` that links them."""

from __future__ import annotations

import html
import json
import re
import sys
import time
from importlib import metadata
from pathlib import Path

from . import __version__
from .results import RunResult

TEMPLATES = Path(__file__).resolve().parent / "templates"
VERSION_PACKAGES = (
    "analysis", "pandas", "numpy", "pyarrow", "nltk", "vaderSentiment", "matplotlib",
    "papermill", "nbconvert", "ipykernel",
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
        config=config, template_name="report", extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True,
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


INDEX_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.sub { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: 0 .2rem;
       overflow-wrap: anywhere; }
td:first-child, th:first-child { white-space: nowrap; width: 1%; }
.ok { color: #1a7f37; font-weight: 600; } .failed { color: #cf222e; font-weight: 600; }
.error { color: #cf222e; font-family: ui-monospace, monospace; font-size: 13px; }
.override { font-weight: 600; }
a { color: #0969da; }
ul.findings { margin: .3rem 0 1rem; padding-left: 1.2rem; } ul.findings li { margin: .2rem 0; }
h3 { font-size: 1rem; margin: 1rem 0 .2rem; }
"""


def index_page(run: RunResult) -> str:
    """The ``index.html`` of a run: every value escaped, no scripts, readable offline."""
    e = _escape
    manifest = run.manifest or {}
    counts = manifest.get("counts", {})
    date_range = manifest.get("date_range")
    dates = f"{str(date_range[0])[:10]} to {str(date_range[1])[:10]}" if date_range else "no dates"
    problems = counts.get("problems")
    problems_cell = e(f"{problems:,}" if isinstance(problems, int) else "unknown")
    if (run.out / "problems.csv").is_file():
        problems_cell += ' (<a href="problems.csv">problems.csv</a>)'
    prepared_how = "reused from cache" if run.reused else f"prepared in {manifest.get('seconds', 0):.1f} s"
    corpus_notes = _corpus_notes(manifest)

    rows = []
    for r in run.reports:
        links = []
        if r.html:
            links.append(f'<a href="{e(_href(r.html, run.out))}">report</a>')
        if r.notebook:
            links.append(f'<a href="{e(_href(r.notebook, run.out))}">notebook</a>')
        if (run.out / r.name).is_dir():
            links.append(f'<a href="{e(r.name)}/">tables &amp; figures</a>')
        name_cell = f'<a href="{e(_href(r.html, run.out))}">{e(_title(r.name))}</a>' if r.html else e(_title(r.name))
        error = f'<div class="error">{e(r.error)}</div>' if r.error else ""
        rows.append(
            f'<tr><td>{name_cell}</td><td class="{e(r.status)}">{e(r.status)}</td>'
            f'<td class="num">{r.seconds:.1f} s</td><td>{" · ".join(links)}{error}</td></tr>'
        )

    finding_sections = []
    for r in run.reports:
        found = report_findings(run.out / r.name) if r.status == "ok" and r.html else []
        if found:
            page = e(_href(r.html, run.out))
            items = "".join(f'<li>{_emphasis(f["finding"])} <a href="{page}#{e(f["section"])}">&rarr;</a></li>' for f in found[:INDEX_FINDINGS])
            finding_sections.append(f'<h3><a href="{page}">{e(_title(r.name))}</a></h3><ul class="findings">{items}</ul>')

    param_sections = []
    for r in run.reports:
        if not r.parameters:
            continue
        lines = "".join(
            f'<tr><td><code>{e(k)}</code></td><td class="{"override" if k in r.overrides else ""}">'
            f"<code>{e(json.dumps(v, default=str, ensure_ascii=False))}</code></td>"
            f'<td>{"given" if k in r.overrides else "default"}</td></tr>'
            for k, v in r.parameters.items()
        )
        param_sections.append(
            f"<h3>{e(_title(r.name))}</h3><table><tr><th>parameter</th><th>value</th><th>from</th></tr>{lines}</table>"
        )

    versions = "".join(f"<tr><td>{e(k)}</td><td><code>{e(v)}</code></td></tr>" for k, v in package_versions().items())
    timing_rows = [("prepare", prepared_how)] + [(r.name, f"{r.seconds:.1f} s") for r in run.reports]
    timing_rows.append(("total", f"{run.seconds:.1f} s"))
    timings = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in timing_rows)
    status = "all reports built" if run.ok else f"{len(run.failed)} of {len(run.reports)} reports failed"
    created = time.strftime("%Y-%m-%d %H:%M %Z")

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports: {e(run.corpus.name)}</title>
<style>{INDEX_CSS}</style>
</head>
<body>
<h1>Reports: {e(run.corpus.name)}</h1>
<p class="sub">{e(status)} · {e(created)}</p>

<h2>Reports</h2>
<table>
<tr><th>report</th><th>status</th><th>time</th><th>files</th></tr>
{"".join(rows)}
</table>

{"<h2>Key findings</h2>" + "".join(finding_sections) if finding_sections else ""}

<h2>Corpus</h2>
<table>
<tr><th>corpus</th><td><code>{e(run.corpus)}</code></td></tr>
<tr><th>prepared</th><td><code>{e(run.prepared)}</code> ({e(prepared_how)})</td></tr>
<tr><th>articles</th><td>{e(f"{counts['articles']:,}" if "articles" in counts else "unknown")}</td></tr>
<tr><th>date range</th><td>{e(dates)}</td></tr>
<tr><th>problems</th><td>{problems_cell}</td></tr>
{corpus_notes}
</table>

<h2>Parameters</h2>
{"".join(param_sections) or "<p>none</p>"}

<h2>Timings</h2>
<table>{timings}</table>

<h2>Versions</h2>
<table>{versions}</table>
</body>
</html>
"""


def _corpus_notes(manifest: dict) -> str:
    """Index rows: duplicates set aside, the language mix, and warnings about the corpus."""
    e = _escape
    rows = []
    if "duplicates" in manifest:
        n = manifest["duplicates"]
        rows.append(f"<tr><th>duplicates</th><td>{e(f'{n:,}')} set aside: each story counts once "
                    f"(<code>include_duplicates=True</code> counts every copy)</td></tr>")
    languages = manifest.get("languages") or {}
    if languages:
        total = sum(languages.values()) or 1
        mix = ", ".join(f"{k} {v:,} ({v / total:.0%})" for k, v in languages.items())
        rows.append(f"<tr><th>languages</th><td>{e(mix)}</td></tr>")
    for warning in manifest.get("warnings") or []:
        rows.append(f'<tr><th>warning</th><td class="failed">{e(warning)}</td></tr>')
    return "\n".join(rows)


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
    return [r for r in rows if isinstance(r, dict) and isinstance(r.get("finding"), str) and isinstance(r.get("section"), str)]


def _emphasis(text: str) -> str:
    """A finding (Markdown) as HTML: ``*word*`` in italics, backslash-escaped characters as
    themselves, everything else escaped."""
    parts = re.split(r"(?<!\\)\*", text)
    if len(parts) % 2 == 0:  # an unpaired asterisk: no emphasis
        parts = [text]
    shown = [_escape(re.sub(r"\\([^A-Za-z0-9\s])", r"\1", part)) for part in parts]
    return "".join(f"<em>{part}</em>" if i % 2 else part for i, part in enumerate(shown))


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def _href(path: Path | None, base: Path) -> str:
    from urllib.parse import quote

    return quote(Path(path).relative_to(base).as_posix()) if path else ""
