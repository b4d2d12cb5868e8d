"""`advisor serve` (the Slack app) and `advisor start` (Slack when configured, else the terminal chat)."""

from __future__ import annotations

import logging

import click

from bot.cli.support import cli_settings


def _logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Bolt logs each request at DEBUG only; INFO keeps start-up and warnings, never payloads.
    logging.getLogger("slack_bolt").setLevel(logging.WARNING)


@click.command()
@click.option("--socket", "mode", flag_value="socket", help="Socket Mode: needs SLACK_APP_TOKEN, no public URL.")
@click.option(
    "--http", "mode", flag_value="http", help="HTTP mode: Slack posts to /slack/events (SLACK_SIGNING_SECRET)."
)
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="HTTP mode's port (default: PORT or 3000).")
@click.option("--host", default="0.0.0.0", show_default=True, help="HTTP mode's address.")
def serve(mode: str | None, port: int | None, host: str) -> None:
    """Run the Slack app (SLACK_BOT_TOKEN, plus SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)."""
    if mode is None:
        raise click.UsageError("choose --socket (no public URL needed) or --http [--port N]")
    _serve(mode, port, host, with_clock=False)


def _serve(mode: str, port: int | None, host: str, with_clock: bool) -> None:
    from bot.slack.app import SlackNotConfigured
    from bot.slack.server import serve_http, serve_socket

    settings = cli_settings()
    _logging()
    try:
        if mode == "socket":
            serve_socket(settings, with_clock)
        else:
            serve_http(settings, host, port or settings.port)
    except SlackNotConfigured as error:
        raise click.ClickException(str(error)) from None


@click.command()
@click.pass_context
def start(context: click.Context) -> None:
    """Socket Mode when SLACK_BOT_TOKEN and SLACK_APP_TOKEN are set (posting the monthly inventory too, when
    ADVISOR_INVENTORY_CHANNEL is set); the terminal chat otherwise."""
    from bot.cli.asking import chat

    settings = cli_settings()
    if settings.slack_configured:
        _serve("socket", None, "0.0.0.0", with_clock=True)
    else:
        click.echo(
            "Slack is not configured (SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env): starting the terminal chat.",
            err=True,
        )
        context.invoke(chat)


@click.command()
@click.option("--once", is_flag=True, help="Post this month's inventory if it is due and not yet posted, then exit.")
def clock(once: bool) -> None:
    """Post the inventory to ADVISOR_INVENTORY_CHANNEL on the first of each month (exactly once)."""
    import asyncio

    from bot.slack.app import SlackNotConfigured, web_client
    from bot.slack.clock import InventoryClock

    settings = cli_settings()
    _logging()
    try:
        inventory_clock = InventoryClock(settings, web_client(settings))
    except (SlackNotConfigured, ValueError) as error:
        raise click.ClickException(str(error)) from None
    if once:
        posted = asyncio.run(inventory_clock.tick())
        click.echo(
            f"posted the {posted} inventory"
            if posted
            else "nothing posted: not due yet, already posted, or Slack refused the post (see the log)"
        )
    else:
        asyncio.run(inventory_clock.run())
