"""The package's metadata agrees with itself: pyproject.toml, environment.yml, README."""

from __future__ import annotations

import re
import tomllib

import pytest
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
    [("dask[dataframe]>=2024.1", "dask"), ("vaderSentiment>=3.3", "vadersentiment"), ("pyyaml", "pyyaml"), ("a_b.c", "a-b-c")],
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
    readme = (PROJECT_ROOT / "README.md").read_text()
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make test" in ci


def test_package_imports_without_nltk_data(monkeypatch, tmp_path):
    import nltk

    import analysis

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    assert analysis.__version__ == pyproject_version()


def pyproject_version() -> str:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]["version"]
