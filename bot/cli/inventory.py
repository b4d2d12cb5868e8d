"""`advisor inventory`: the monthly "what got cheaper" report, and `inventory update` to record a price seen."""

from __future__ import annotations

import re
from pathlib import Path

import click

from bot.cli.support import load_advisor, load_workspace_advisor, print_json
from bot.cli.workspace import WORKSPACE_HELP
from bot.domain.messages import say

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
UPDATE_USAGE = "advisor inventory update TOOL_ID PRICE CURRENCY/UNIT [SOURCE_URL], e.g. advisor inventory update chatgpt-plus 20 USD/seat"


@click.group(invoke_without_command=True)
@click.option("--month", default=None, help="YYYY-MM (default: this month in ADVISOR_TIMEZONE).")
@click.option("--language", type=click.Choice(["en", "ja"]), default=None)
@click.option("--workspace", default=None, help="Whose company profile picks the suggestion. " + WORKSPACE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the inventory as JSON.")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Also write the month's chart (its changes and the long view of model prices) to this PNG file.",
)
@click.pass_context
def inventory(
    ctx: click.Context,
    month: str | None,
    language: str | None,
    workspace: str | None,
    as_json: bool,
    chart: Path | None,
) -> None:
    """The monthly inventory: which tools and models got cheaper, and where to try AI next."""
    if ctx.invoked_subcommand is not None:
        return
    if month is not None and not _MONTH.match(month):
        raise click.BadParameter(f"{month!r} is not a month; write it as YYYY-MM, e.g. 2026-11", param_hint="--month")
    advisor, resolved = load_workspace_advisor(workspace)
    inventories = advisor.inventories
    try:
        report = inventories.current(month, language, resolved.id)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if chart is not None:
        chart.write_bytes(inventories.chart(language or advisor.settings.language, report.month))
    if as_json:
        print_json({**report.model_dump(mode="json"), **resolved.as_json()})
    else:
        from bot.text.inventory import inventory_text, inventory_title

        language = language or advisor.settings.language
        click.echo(
            f"{inventory_title(report, language)}\n{_for_workspace(resolved.label, language)}\n\n"
            f"{inventory_text(report, advisor.catalog, language)}"
        )


def _for_workspace(label: str, language: str) -> str:
    return say(language, "Workspace: {label} (its company profile picks the suggestion)", label=label)


@inventory.command("update", context_settings={"ignore_unknown_options": True})
@click.argument("tool_id")
@click.argument("price")
@click.argument("currency_unit", metavar="CURRENCY/UNIT")
@click.argument("source_url", required=False)
@click.option("--plan", default=None, help="The plan, when several plans of the tool are priced in this unit.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored price as JSON.")
def inventory_update(
    tool_id: str, price: str, currency_unit: str, source_url: str | None, plan: str | None, as_json: bool
) -> None:
    """Record a price seen today at a source (it counts from the next inventory on)."""
    words = [tool_id, price, currency_unit, *([source_url] if source_url else [])]
    try:
        point = load_advisor().inventories.record_price_words(words, "cli", plan)
    except ValueError as error:
        raise click.ClickException(f"{error}; usage: {UPDATE_USAGE}") from None
    if as_json:
        print_json(point.model_dump(mode="json"))
        return
    from bot.domain.money import format_money

    click.echo(
        f"recorded {point.item_id} ({point.plan}): {format_money(point.amount, point.currency)} {point.unit} "
        f"on {point.observed_on.isoformat()}"
    )
