"""The package's metadata agrees with itself: pyproject.toml, environment.yml, README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib
import yaml

from conftest import PROJECT_ROOT


def _name(requirement: str) -> str:
    """Normalised distribution name of a requirement string ('dask[dataframe]>=1' -> 'dask')."""
    name = re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())


@pytest.fixture(scope="module")
def conda_env() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())


def _conda_names(env: dict) -> set[str]:
    names = set()
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            names.add(_name(dep))
        elif isinstance(dep, dict):  # packages conda-forge lacks, installed from PyPI
            names |= {_name(d) for d in dep.get("pip", []) if not d.startswith("-")}
    return names - {"python", "pip"}


@pytest.mark.parametrize(
    ("requirement", "expected"),
    [
        ("dask[dataframe]>=2024.1", "dask"),
        ("vaderSentiment>=3.3", "vadersentiment"),
        ("pyyaml", "pyyaml"),
        ("a_b.c", "a-b-c"),
    ],
)
def test_requirement_names_normalise(requirement, expected):
    assert _name(requirement) == expected


def test_environment_yml_lists_exactly_the_package_dependencies(pyproject, conda_env):
    runtime = {_name(r) for r in pyproject["project"]["dependencies"]}
    test_extra = {_name(r) for r in pyproject["project"]["optional-dependencies"]["test"]}
    conda = _conda_names(conda_env)
    assert conda == runtime | test_extra, (
        f"only in environment.yml: {sorted(conda - runtime - test_extra)}; "
        f"only in pyproject.toml: {sorted((runtime | test_extra) - conda)}"
    )


def test_environment_yml_installs_the_package_itself(conda_env):
    assert "conda-forge" in conda_env["channels"]
    pip_sections = [d["pip"] for d in conda_env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_sections and "-e ." in pip_sections[0]


def test_readme_explains_every_dependency(pyproject):
    readme = (PROJECT_ROOT / "README.md").read_text().lower()
    missing = [r for r in pyproject["project"]["dependencies"] if _name(r) not in readme.replace("_", "-")]
    assert not missing, f"README does not say why these are needed: {missing}"


def test_ci_runs_the_readme_test_command():
    # the README's second command is `make check`; .ci/run must run exactly it as its last line
    readme = (PROJECT_ROOT / "README.md").read_text()
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "\nmake check " in readme
    assert ci.strip().splitlines()[-1] == "make check"


def test_package_imports_without_nltk_data(monkeypatch, tmp_path):
    import nltk

    import analysis

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    assert analysis.__version__ == pyproject_version()


def pyproject_version() -> str:
    """The version a build gets: pyproject.toml reads it from analysis.__version__ (one source)."""
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "analysis.__version__"}
    init = (PROJECT_ROOT / "src" / "analysis" / "__init__.py").read_text()
    return re.search(r'^__version__ = "([^"]+)"', init, flags=re.M).group(1)


# --------------------------------------------------------------------------- a regular install finds the notebooks


def test_every_report_notebook_is_installed_as_data(pyproject):
    from analysis.run import discover_reports

    data_files = pyproject["tool"]["setuptools"]["data-files"]
    installed = {
        path.relative_to(PROJECT_ROOT).as_posix()
        for patterns in data_files.values()
        for pattern in patterns
        for path in PROJECT_ROOT.glob(pattern)
    }
    notebooks = {p.relative_to(PROJECT_ROOT).as_posix() for p in discover_reports(PROJECT_ROOT / "notebooks").values()}
    params = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "notebooks" / "params").glob("*.yaml")}
    assert notebooks and notebooks | params <= installed
    assert "share/analysis/notebooks" in data_files


def test_outside_a_checkout_the_installed_notebooks_and_a_user_cache_are_used(tmp_path):
    import shutil
    import subprocess
    import sys
    import sysconfig

    site = tmp_path / "site-packages"
    shutil.copytree(PROJECT_ROOT / "src" / "analysis", site / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    probe = "from analysis import paths, prepare; print(paths.NOTEBOOKS); print(prepare.DEFAULT_CACHE)"
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(site),
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
    }
    lines = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert lines[0] == str(Path(sysconfig.get_path("data")) / "share" / "analysis" / "notebooks")
    assert lines[1] == str(tmp_path / "xdg" / "analysis")


@pytest.mark.slow
def test_the_wheel_ships_the_report_notebooks(tmp_path):
    """Build the wheel from a copy of the project (nothing written into the checkout) and look inside."""
    import shutil
    import subprocess
    import sys
    import zipfile

    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, project / name)
    for folder in ("src", "notebooks"):
        shutil.copytree(
            PROJECT_ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(project), "--no-deps", "-q", "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0 and (
        "connection" in build.stderr.lower() or "no matching distribution" in build.stderr.lower()
    ):
        pytest.skip("building the wheel needs setuptools from the package registry, which is unreachable here")
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("analysis-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for notebook in ("word_frequency", "sentiment", "actor_mentions"):
        assert f"analysis-{pyproject_version()}.data/data/share/analysis/notebooks/{notebook}.ipynb" in names
    assert any(n.endswith("share/analysis/notebooks/params/word_frequency_bbc.yaml") for n in names)
    assert "analysis/templates/report/index.html.j2" in names
    assert {"analysis/templates/reports_index.html.j2", "analysis/templates/corpus_notes.html.j2"} <= set(names)


def test_tests_that_read_the_shared_data_are_marked_shared(pytestconfig):
    """The `shared` marker follows the `shared_data` fixture, so `make test-fast` (-m "not shared")
    never runs a test that reads ../shared/data, whether or not the test remembered its marker."""

    from conftest import PROJECT_ROOT

    def collected(marker: str) -> set[str]:
        return _collected(marker, "tests/test_actors.py", "tests/test_quotes.py", "tests/test_tone.py")

    shared = collected("shared")
    assert any("test_bbc_top_150_actors_are_typed_right" in t for t in shared)
    assert any("test_speakers_against_hand_labels" in t for t in shared), shared
    # every test whose fixtures include shared_data is in the shared set
    import ast

    for module in ("test_actors.py", "test_quotes.py", "test_tone.py"):
        tree = ast.parse((PROJECT_ROOT / "tests" / module).read_text())
        for node in tree.body:
            if (
                isinstance(node, ast.FunctionDef)
                and node.name.startswith("test_")
                and "shared_data" in [a.arg for a in node.args.args]
            ):
                assert any(f"{module}::{node.name}" in t for t in shared), f"{module}::{node.name} is not marked shared"


# --------------------------------------------------------------------------- the tooling people and CI run


def test_pytest_runs_the_docstring_examples_of_the_package(pyproject):
    options = pyproject["tool"]["pytest"]["ini_options"]
    assert "src/analysis" in options["testpaths"] and "--doctest-modules" in options["addopts"].split()


@pytest.mark.parametrize(
    ("target", "command"),
    [("lint", "ruff check"), ("format", "ruff format"), ("typecheck", "mypy"), ("test", "pytest")],
)
def test_make_targets_run_the_configured_tools(target, command):
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert recipe and command in recipe.group(1), f"`make {target}` should run {command}"
    check = re.search(r"^check:([^#\n]*)", makefile, flags=re.M)
    assert check and set(check.group(1).split()) == {"lint", "format-check", "typecheck", "test"}


def test_tools_the_makefile_calls_are_in_the_test_extra(pyproject):
    test_extra = {_name(r) for r in pyproject["project"]["optional-dependencies"]["test"]}
    assert {"ruff", "mypy", "nbstripout"} <= test_extra
    assert {"ruff", "mypy"} <= set(pyproject["tool"])  # configured here, not in files of their own


def test_pre_commit_hooks_are_pinned_and_keep_notebook_cell_ids():
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: (repo["rev"], hook) for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "nbstripout"} <= set(hooks)
    assert all(re.fullmatch(r"v?\d+\.\d+\.\d+", rev) for rev, _ in hooks.values())  # a tag, never a branch
    assert "--keep-id" in hooks["nbstripout"][1]["args"]  # else every notebook's cell ids are renumbered


def test_tests_that_open_chromium_are_marked_browser():
    """The `browser` marker follows the `browser` fixture: `-m "not browser"` leaves out exactly the
    tests that open Chromium, and keeps the browser module's tests that only read the pages' source."""
    import ast

    def collected(marker: str) -> set[str]:
        return {test.split("::")[-1] for test in _collected(marker, "tests/test_browser.py")}

    tree = ast.parse((PROJECT_ROOT / "tests" / "test_browser.py").read_text())
    tests = {
        node.name: [a.arg for a in node.args.args]
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }
    opens_chromium = {name for name, args in tests.items() if "browser" in args}
    assert opens_chromium and opens_chromium != set(tests)
    assert collected("browser") == opens_chromium
    assert collected("not browser") == set(tests) - opens_chromium


def test_changelog_names_the_version_and_the_prepared_corpus_format():
    """Each release's entry gives the prepared-corpus format: a bumped FORMAT_VERSION means every
    user's cache is prepared again, which they should read about first."""
    from analysis.prepare import FORMAT_VERSION

    changelog = (PROJECT_ROOT / "CHANGELOG.md").read_text()
    newest = changelog.split("\n## ")[1]  # the entry on top: Unreleased or the newest release
    assert f"format **{FORMAT_VERSION}**" in newest, f"CHANGELOG.md's newest entry should name format {FORMAT_VERSION}"
    assert re.search(rf"^## {re.escape(pyproject_version())}\b", changelog, flags=re.M), (
        "CHANGELOG.md lacks this version"
    )


def _collected(marker: str, *files: str) -> set[str]:
    """The test ids pytest selects from ``files`` with ``-m marker`` (collection only, nothing runs)."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", marker, *files],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {line for line in run.stdout.splitlines() if "::" in line}
