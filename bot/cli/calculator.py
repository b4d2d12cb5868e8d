"""`advisor calc`: the savings calculator from flags or a scenario file."""

from __future__ import annotations

from typing import Any

import click

from bot.cli.support import cli_settings, invalid, print_json, read_structured


def _outsourcing(value: str | None) -> Any:
    if value is None:
        return None
    parts = [part.strip() for part in value.replace("..", "-").split("-")]
    return parts[0] if len(parts) == 1 else parts


@click.command()
@click.option("--scenario", "scenario_file", metavar="FILE", help="A JSON or YAML scenario; '-' reads stdin.")
@click.option("--task", help="Task name or category id.")
@click.option("--volume", type=float, help="Units of the task per period (required).")
@click.option("--period", help="day (a working day), week, month or year (default month).")
@click.option("--minutes-before", type=float, help="In-house minutes per unit today.")
@click.option("--minutes-after", type=float, help="In-house minutes per unit with AI.")
@click.option("--hourly-cost", type=float, help="Loaded staff cost per hour.")
@click.option("--outsourcing-unit-cost", help="Outsourcing price per unit: a number or LOW-HIGH.")
@click.option("--tool-cost-monthly", type=float, help="AI tool cost per month.")
@click.option("--tool-cost-per-unit", type=float, help="AI tool cost per unit.")
@click.option("--setup-cost", type=float, help="One-off cost of starting.")
@click.option("--review-minutes", type=float, help="Minutes per unit to check the AI's work.")
@click.option("--currency", help="JPY or USD (default: ADVISOR_CURRENCY).")
@click.option("--language", type=click.Choice(["en", "ja"]), help="Language of the assumptions.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def calc(scenario_file: str | None, language: str | None, as_json: bool, **flags: Any) -> None:
    """The savings calculator: what moving one task to AI saves a month."""
    from pydantic import ValidationError

    from bot.domain.savings import Scenario, calculate

    data: dict[str, Any] = {}
    if scenario_file:
        loaded = read_structured(scenario_file)
        if not isinstance(loaded, dict):
            raise click.ClickException(
                'the scenario must be a mapping of fields, e.g. {"volume": 20, "minutes_before": 300}'
            )
        data.update(loaded)
    flags["outsourcing_unit_cost"] = _outsourcing(flags["outsourcing_unit_cost"])
    data.update({name: value for name, value in flags.items() if value is not None})
    if "volume" not in data:
        raise click.UsageError("volume is required: give --volume N or a scenario file with a volume")
    settings = None
    if "currency" not in data or language is None:
        settings = cli_settings()
        data.setdefault("currency", settings.currency)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        raise invalid("scenario", error) from None
    result = calculate(scenario, language or (settings.language if settings else "en"))
    if as_json:
        print_json(result.model_dump(mode="json", exclude={"monthly_volume"}))
        return
    from bot.text.answers import calculation_answer

    click.echo(calculation_answer(scenario, result, scenario.task or "this task", None, [], language or "en"))
