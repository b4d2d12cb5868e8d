"""`advisor prices check`: each tool's pricing page read again and compared with the prices in force."""

from __future__ import annotations

import click

from bot.cli.support import load_advisor, print_json


@click.group()
def prices() -> None:
    """Watch the vendors' pricing pages."""


@prices.command("check")
@click.option("--tool", "tool_ids", multiple=True, metavar="ID", help="Only this tool (repeat for several).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def prices_check(tool_ids: tuple[str, ...], as_json: bool) -> None:
    """Read each tool's price_source page and list the tools whose prices it no longer shows.

    Nothing is recorded as a price: record one you confirm with `advisor inventory update`.
    """
    import asyncio

    advisor = load_advisor()
    watch = advisor.price_watch
    try:
        watch.tools(list(tool_ids))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--tool") from None
    report = asyncio.run(watch.check(list(tool_ids)))
    if as_json:
        print_json(
            report.model_dump(
                mode="json",
                exclude={"changed": {"__all__": {"signature", "dismissed"}}},
            )
        )
        return
    from bot.text.price_watch_text import watch_text

    click.echo(watch_text(report, advisor.settings.language))
