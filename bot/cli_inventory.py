"""`advisor inventory`: the monthly "what got cheaper" report, and `inventory update` to record a price seen."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from bot.cli_support import load_advisor, print_json

if TYPE_CHECKING:
    from bot.domain.inventory import Inventory, PriceChange

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
UPDATE_USAGE = "advisor inventory update TOOL_ID PRICE CURRENCY/UNIT [SOURCE_URL], e.g. advisor inventory update deepl-api 4.99 USD/month"


@click.group(invoke_without_command=True)
@click.option("--month", default=None, help="YYYY-MM (default: this month in ADVISOR_TIMEZONE).")
@click.option("--language", type=click.Choice(["en", "ja"]), default=None)
@click.option("--workspace", default=None, help="Whose company profile picks the suggestion (default: ADVISOR_WORKSPACE).")
@click.option("--json", "as_json", is_flag=True, help="Print the inventory as JSON.")
@click.pass_context
def inventory(ctx: click.Context, month: str | None, language: str | None, workspace: str | None, as_json: bool) -> None:
    """The monthly inventory: which tools and models got cheaper, and where to try AI next."""
    if ctx.invoked_subcommand is not None:
        return
    if month is not None and not _MONTH.match(month):
        raise click.BadParameter(f"{month!r} is not a month; write it as YYYY-MM, e.g. 2026-11", param_hint="--month")
    from bot.inventory_service import Inventories

    advisor = load_advisor()
    try:
        report = Inventories(advisor).current(month, language, workspace)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        print_json(report.model_dump(mode="json"))
    else:
        click.echo(_report_text(report, language or advisor.settings.language))


@inventory.command("update", context_settings={"ignore_unknown_options": True})
@click.argument("tool_id")
@click.argument("price")
@click.argument("currency_unit", metavar="CURRENCY/UNIT")
@click.argument("source_url", required=False)
@click.option("--plan", default=None, help="The plan, when several plans of the tool are priced in this unit.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored price as JSON.")
def inventory_update(tool_id: str, price: str, currency_unit: str, source_url: str | None, plan: str | None,
                     as_json: bool) -> None:
    """Record a price seen today at a source (it counts from the next inventory on)."""
    from bot.inventory_service import Inventories

    try:
        amount = float(price.replace(",", ""))
    except ValueError:
        raise click.ClickException(f"the price {price!r} is not a number; usage: {UPDATE_USAGE}") from None
    currency, _, unit = currency_unit.partition("/")
    if not unit:
        raise click.ClickException(f"{currency_unit!r} is not CURRENCY/UNIT (e.g. USD/month); usage: {UPDATE_USAGE}")
    try:
        point = Inventories(load_advisor()).record_price(tool_id, amount, currency, unit, source_url, "cli", plan)
    except ValueError as error:
        raise click.ClickException(f"{error}; usage: {UPDATE_USAGE}") from None
    if as_json:
        print_json(point.model_dump(mode="json"))
        return
    from bot.domain.money import format_money

    click.echo(f"recorded {point.item_id} ({point.plan}): {format_money(point.amount, point.currency)} {point.unit} "
               f"on {point.observed_on.isoformat()}")


def _report_text(report: Inventory, language: str) -> str:
    from bot.domain.money import format_money

    ja = language == "ja"
    lines = [f"{'AI価格の棚卸し' if ja else 'AI price inventory'} {report.month}", ""]
    for row in report.categories:
        if row.cheapest is None:
            continue
        change = row.change_vs_last_month
        moved = f" ({change.percent:+g}%)" if change and change.percent else ""
        lines.append(f"  {row.category.value:16} {row.cheapest.tool_id} ({row.cheapest.plan}) "
                     f"{format_money(row.cheapest.price, row.cheapest.currency)}/{'月' if ja else 'month'}{moved}")
    lines += _changes("値下がり" if ja else "Cheaper since last month", report.drops)
    lines += _changes("値上がり" if ja else "Dearer since last month", report.rises)
    for title, ids in (("New", report.new), ("Gone", report.gone), ("Prices not checked for 90 days", report.stale)):
        if ids:
            lines.append(f"{title}: {', '.join(ids)}")
    for model in report.models:
        lines.append(f"tier {model.tier}: {model.name} ${model.input_per_1m_usd:g} in / ${model.output_per_1m_usd:g} out per 1M tokens")
    for view in report.long_view:
        lines.append(f"{view.tool_id} ({view.plan}): ${view.then_per_1m_input_usd:g} → ${view.now_per_1m_input_usd:g} "
                     f"per 1M input tokens since {view.since.isoformat()} ({view.percent:+g}%)")
    return "\n".join([*lines, "", report.suggestion])


def _changes(title: str, changes: list[PriceChange]) -> list[str]:
    from bot.domain.money import format_money

    if not changes:
        return []
    return ["", f"{title}:"] + [
        f"  {c.tool} ({c.plan}) {c.unit}: {format_money(c.old, c.currency)} → {format_money(c.new, c.currency)} ({c.percent:+g}%)"
        for c in changes
    ]
