"""The fast YAML reader gives exactly what PyYAML's Python safe loader gives."""

from __future__ import annotations

import pytest
import yaml

from analysis import paths, yaml_files

RESOURCE_FILES = sorted(p.name for p in paths.RESOURCES.glob("*.y*ml"))


def test_libyaml_is_used():
    # the speed-up prepare's start relies on: PyYAML's wheels ship libyaml
    assert yaml_files.SafeLoader is yaml.CSafeLoader


@pytest.mark.parametrize("name", RESOURCE_FILES)
def test_every_packaged_resource_reads_as_with_the_python_parser(name):
    text = (paths.RESOURCES / name).read_text(encoding="utf-8")
    assert yaml_files.safe_load(text) == yaml.safe_load(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [yes, no, on, off, ~, 1.5, 0x1F, 2024-03-04]\n",
        "'quoted: colon': \"é\\u00e9\"\nempty:\n",
        "- !!str 12\n- 007\n- .inf\n",
    ],
)
def test_scalars_resolve_as_with_the_python_parser(text):
    assert yaml_files.safe_load(text) == yaml.safe_load(text)


def test_invalid_yaml_raises_a_yaml_error_with_its_line():
    with pytest.raises(yaml.YAMLError) as caught:
        yaml_files.safe_load("actors:\n  - name: [\n")
    assert caught.value.problem_mark.line >= 1


def test_unsafe_tags_are_refused():
    with pytest.raises(yaml.YAMLError):
        yaml_files.safe_load("!!python/object/apply:os.system ['true']")
