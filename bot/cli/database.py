"""`advisor db upgrade`: the database schema."""

from __future__ import annotations

import click

from bot.cli.support import cli_settings


@click.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply schema migrations (also done automatically at start)."""
    from bot.store.db import Database, upgrade_schema

    settings = cli_settings()
    database = Database(settings.database_url)
    revision = upgrade_schema(database.engine)
    click.echo(f"database at revision {revision}: {database.engine.url.render_as_string(hide_password=True)}")
