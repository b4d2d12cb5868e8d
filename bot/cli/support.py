"""What every `advisor` command shares: the settings, the advisor, reading input files, and JSON output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from bot.advisor.service import Advisor
    from bot.cli.workspace import CliWorkspace
    from bot.settings import Settings
    from bot.store.db import Database


def cli_settings() -> Settings:
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        from bot.text.validation import describe_validation_error

        raise click.ClickException("bad setting: " + "; ".join(describe_validation_error(error))) from None


def load_advisor() -> Advisor:
    from bot.advisor.service import Advisor

    return Advisor(cli_settings())


def load_workspace_advisor(workspace: str | None, named: bool = True) -> tuple[Advisor, CliWorkspace]:
    """The advisor of the workspace a command acts on (`bot.cli.workspace`), and that workspace.

    The advisor's own workspace is that one, so that what it reads by default (the company
    profile, the budgets a question spends) is the same workspace's. `named`: look up the
    Slack name of a workspace given by id.
    """
    from bot.advisor.service import Advisor
    from bot.cli.workspace import resolve_workspace

    settings = cli_settings()
    opened: list[Database] = []

    def database() -> Database:
        from bot.store.db import Database

        if not opened:
            opened.append(Database(settings.database_url))
        return opened[0]

    resolved = resolve_workspace(settings, database, workspace, named)
    advisor = Advisor(settings.model_copy(update={"workspace_id": resolved.id}), opened[0] if opened else None)
    return advisor, resolved


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def read_structured(path: str) -> Any:
    """Read JSON or YAML from a file, or from stdin when `path` is '-'."""
    import yaml

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"cannot read {path}: {error.strerror}") from None
    try:
        return yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as error:
        raise click.ClickException(f"{path} is neither valid JSON nor YAML: {error}".replace("\n", " ")) from None


def invalid(what: str, error: Exception) -> click.ClickException:
    from pydantic import ValidationError

    from bot.text.validation import describe_validation_error

    if isinstance(error, ValidationError):
        return click.ClickException(f"invalid {what}: " + "; ".join(describe_validation_error(error)))
    return click.ClickException(f"invalid {what}: {error}")
