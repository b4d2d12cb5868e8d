"""Reading the catalog from its YAML files, one tool per file.

A malformed file is reported (file, field, reason) and skipped; the rest still load, so
one bad edit never takes the whole catalog down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.domain.catalog import Catalog, TaskBaseline, Tool, UnlistedTool

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Entry = TypeVar("Entry", bound=BaseModel)


@dataclass(frozen=True)
class CatalogProblem:
    path: Path
    field: str
    reason: str

    def __str__(self) -> str:
        where = f" field '{self.field}'" if self.field else ""
        return f"{self.path}:{where} {self.reason}"


@dataclass
class CatalogLoad:
    catalog: Catalog
    problems: list[CatalogProblem] = field(default_factory=list)


def load_catalog(catalog_dir: Path) -> CatalogLoad:
    """Load `catalog_dir/tools/*.yaml` and `catalog_dir/tasks.yaml`, collecting problems."""
    problems: list[CatalogProblem] = []
    tools: list[Tool] = []
    seen: dict[str, Path] = {}
    for path in sorted((catalog_dir / "tools").glob("*.yaml")):
        tool = _load_tool(path, problems)
        if tool is None:
            continue
        if tool.id in seen:
            problems.append(CatalogProblem(path, "id", f"duplicate id {tool.id!r}, already in {seen[tool.id]}"))
            continue
        seen[tool.id] = path
        tools.append(tool)
    tasks = _load_tasks(catalog_dir / "tasks.yaml", problems)
    unlisted = (
        _load_unlisted(catalog_dir / "unlisted.yaml", problems) if (catalog_dir / "unlisted.yaml").exists() else []
    )
    return CatalogLoad(Catalog(tools=tuple(tools), tasks=tuple(tasks), unlisted=tuple(unlisted)), problems)


def validate_paths(paths: list[Path]) -> list[CatalogProblem]:
    """Validate single tool files or whole catalog folders; return every problem found."""
    problems: list[CatalogProblem] = []
    for path in paths:
        if path.is_dir():
            problems.extend(load_catalog(path).problems if (path / "tools").is_dir() else _validate_folder(path))
        elif path.name == "tasks.yaml":
            _load_tasks(path, problems)
        elif path.name == "unlisted.yaml":
            _load_unlisted(path, problems)
        elif path.exists():
            _load_tool(path, problems)
        else:
            problems.append(CatalogProblem(path, "", "no such file or folder"))
    return problems


def _validate_folder(folder: Path) -> list[CatalogProblem]:
    problems: list[CatalogProblem] = []
    for path in sorted(folder.glob("*.yaml")):
        _load_tool(path, problems)
    return problems


def _read_yaml(path: Path, problems: list[CatalogProblem]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(CatalogProblem(path, "", f"cannot be read: {error}"))
    except yaml.YAMLError as error:
        problems.append(CatalogProblem(path, "", f"is not valid YAML: {error}".replace("\n", " ")))
    return None


def _load_tool(path: Path, problems: list[CatalogProblem]) -> Tool | None:
    data = _read_yaml(path, problems)
    if data is None:
        if not any(problem.path == path for problem in problems):
            problems.append(CatalogProblem(path, "", "is empty"))
        return None
    if not isinstance(data, dict):
        problems.append(CatalogProblem(path, "", "must be a mapping of tool fields"))
        return None
    try:
        tool = Tool.model_validate(data)
    except ValidationError as error:
        problems.extend(_problems_from(path, error))
        return None
    if tool.id != path.stem:
        problems.append(CatalogProblem(path, "id", f"is {tool.id!r} but the file is named {path.name}"))
        return None
    return tool


def _load_tasks(path: Path, problems: list[CatalogProblem]) -> list[TaskBaseline]:
    return _load_list(path, "tasks", TaskBaseline, "task baselines", problems)


def _load_unlisted(path: Path, problems: list[CatalogProblem]) -> list[UnlistedTool]:
    return _load_list(path, "tools", UnlistedTool, "{name, aliases, categories}", problems)


def _load_list(path: Path, key: str, model: type[Entry], what: str, problems: list[CatalogProblem]) -> list[Entry]:
    """The entries under `key` in a YAML file, each validated as `model`; every problem is collected."""
    data = _read_yaml(path, problems)
    if data is None:
        return []
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        problems.append(CatalogProblem(path, key, f"must be a list of {what}"))
        return []
    loaded: list[Entry] = []
    for index, entry in enumerate(entries):
        try:
            loaded.append(model.model_validate(entry))
        except ValidationError as error:
            problems.extend(_problems_from(path, error, prefix=f"{key}.{index}"))
    return loaded


def _problems_from(path: Path, error: ValidationError, prefix: str = "") -> list[CatalogProblem]:
    found = []
    for detail in error.errors():
        location = ".".join(str(part) for part in detail["loc"])
        name = ".".join(part for part in (prefix, location) if part)
        found.append(CatalogProblem(path, name, detail["msg"]))
    return found
