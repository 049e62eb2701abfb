"""The package's import graph: no cycles, no module importing another's private names.

Every ``from .x import y`` (at module level or inside a function) is an edge; ``from . import x``
points at the module ``x``. A cycle would mean two modules share one job, or one of them reaches
into the other's; a private import means a helper two modules need is not yet public.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import analysis

ROOT = Path(analysis.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _edges() -> tuple[dict[str, set[str]], list[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    private = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level):
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                if f"{target}.{alias.name}" in modules:  # from . import x: the module x
                    graph[name].add(f"{target}.{alias.name}")
                    continue
                if target in modules and target != name:
                    graph[name].add(target)
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    private.append(f"{name} imports {target}.{alias.name}")
    return graph, private


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


def test_the_package_has_no_import_cycle():
    graph, _ = _edges()
    assert len(graph) > 40  # the walk found the package
    assert _cycles(graph) == []


def test_no_module_imports_another_modules_private_names():
    _, private = _edges()
    assert private == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


@pytest.mark.parametrize(
    "facade, moved",
    [
        ("analysis.run", ["KERNEL_NAME", "KERNEL_LAUNCH"]),  # to analysis.execute
        (
            "analysis.plots",  # to analysis.network and analysis.chart_style
            ["network_chart", "network_communities", "outlet_names", "NETWORK_TYPES"]
            + ["PALETTE", "POSITIVE", "NEGATIVE", "WIDTH", "plain", "label_axes"],
        ),
    ],
)
def test_a_split_module_still_offers_the_names_that_moved(facade, moved):
    """Notebooks, tests and users import these from the old module; a split must not break them."""
    module = importlib.import_module(facade)
    assert [name for name in moved if not hasattr(module, name)] == []
    assert set(moved) <= set(module.__all__)


# every public name a module had before it was split by job, where it lives now, and the names
# the facade keeps of its own (None: not counted), so a split can never drop a name quietly
SPLITS = {
    "prepare": (
        {
            "prepare_settings": ["Settings"],
            "chunks": ["prepare_chunk", "warm_up"],
            "engines": ["ENGINES", "Engine", "WORKER_MODULES"],
            "prepare_cache": [
                "DEFAULT_CACHE",
                "FORMAT_VERSION",
                "PART_TABLES",
                "TABLE_SCHEMAS",
                "cache_key",
                "code_fingerprint",
                "read_manifest",
            ],
            "preparation": ["PrepareResult", "nothing_loaded", "prepare_cached", "prepare_corpus"],
            "prepared": ["Corpus", "open_corpus"],
        },
        [],
    ),
    "quotes": (
        {
            "quote_marks": ["quote_spans"],
            "speech_cues": ["CUES", "SPEECH_VERBS"],
        },
        ["find_quotes"],
    ),
    "actors": (
        {
            "dictionary": [
                "TYPES",
                "CASE_RULES",
                "DEFAULT_FILES",
                "CUES_FILE",
                "SUBTYPE_OF_KIND",
                "DictionaryError",
                "Alias",
                "Actor",
                "Dictionary",
                "read_dictionary",
                "default_dictionary",
                "roles_on",
            ],
            "actor_files": ["load_dictionary"],
            "mentions": ["BACKENDS", "find_mentions"],
            "report_mentions": ["compact_parts", "self_outlets", "counted_mentions"],
            "actor_tables": [
                "actor_table",
                "compact_parts",
                "self_outlets",
                "counted_mentions",
                "variant_names",
                "merge_variants",
                "consolidate_types",
                "comentions",
                "unmatched",
                "quoted",
                "actors_over_time",
            ],
        },
        None,
    ),
}
SPLIT_CASES = [(facade, module) for facade, (moved, _) in SPLITS.items() for module in sorted(moved)]


@pytest.mark.parametrize("facade, module", SPLIT_CASES, ids=[f"{f}-{m}" for f, m in SPLIT_CASES])
def test_a_facade_re_exports_every_public_name_that_moved(facade, module):
    moved, own = SPLITS[facade]
    old = importlib.import_module(f"analysis.{facade}")
    new = importlib.import_module(f"analysis.{module}")
    for name in moved[module]:
        assert getattr(old, name) is getattr(new, name), f"{facade}.{name} is not {module}.{name}"
        assert name in old.__all__
    if own is not None:
        assert sorted(old.__all__) == sorted([*own, *(name for names in moved.values() for name in names)])
