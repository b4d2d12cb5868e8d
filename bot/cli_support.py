"""What every `advisor` command shares: the settings, the advisor, and JSON output."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from bot.service import Advisor
    from bot.settings import Settings


def cli_settings() -> Settings:
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        from bot.service import describe_validation_error

        raise click.ClickException("bad setting: " + "; ".join(describe_validation_error(error))) from None


def load_advisor() -> Advisor:
    from bot.service import Advisor

    return Advisor(cli_settings())


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
