"""The layout is the architecture: each folder of `bot/` imports only from the layers below it, no two
modules import each other (directly or round a longer loop, counting imports inside functions and under
TYPE_CHECKING), and no module is over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"
MOST_LINES = 400

MAY_IMPORT = {
    "domain": {"domain"},
    "text": {"domain", "text"},
    "store": {"domain", "store", "settings"},
    "llm": {"domain", "text", "llm", "settings"},
    "advisor": {"domain", "text", "store", "llm", "advisor", "settings"},
    "cli": {"domain", "text", "store", "llm", "advisor", "cli", "settings", "slack"},
    "slack": {"domain", "text", "store", "llm", "advisor", "slack", "settings"},
    "settings": {"domain", "settings"},
}
"""Which layers each layer's modules may import (the CLI starts the Slack app, so it may import it)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "bot"


MODULES = {module_name(path): path for path in sorted(BOT.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """The project's modules `path` imports anywhere in it (a `from package import module` names the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("bot.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bot"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return {name for name in found if name in MODULES and name != module_name(path)}


GRAPH = {module: imports_of(path) for module, path in MODULES.items()}


@pytest.mark.parametrize("module", [module for module in MODULES if layer(module) in MAY_IMPORT])
def test_a_module_imports_only_from_its_own_layer_and_those_below(module: str) -> None:
    allowed = MAY_IMPORT[layer(module)]
    assert {name for name in GRAPH[module] if layer(name) not in allowed and name != "bot"} == set()


def test_no_import_cycles() -> None:
    on_path: list[str] = []
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        on_path.append(module)
        for name in sorted(GRAPH[module]):
            if name in on_path:
                cycles.append([*on_path[on_path.index(name) :], name])
            elif name not in done:
                visit(name)
        on_path.pop()
        done.add(module)

    for module in MODULES:
        if module not in done:
            visit(module)
    assert cycles == []


def test_no_module_is_over_400_lines() -> None:
    long = {
        module: lines
        for module, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}
