"""`advisor catalog list|show|validate`: the curated tool catalog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from bot.cli.support import cli_settings, load_advisor, print_json


@click.group()
def catalog() -> None:
    """Browse and check the tool catalog."""


@catalog.command("list")
@click.option("--category", help="Only tools for this task category.")
@click.option("--json", "as_json", is_flag=True)
def catalog_list(category: str | None, as_json: bool) -> None:
    """List tools (cheapest first within a category)."""
    from bot.domain.catalog import Category

    advisor = load_advisor()
    if category is not None and category not in {c.value for c in Category}:
        raise click.BadParameter(
            f"unknown category {category!r}; use one of: {', '.join(c.value for c in Category)}",
            param_hint="--category",
        )
    if category:
        baseline = advisor.catalog.task(category)
        volume = baseline.typical_volume if baseline else 1.0
        options = advisor.cheapest(Category(category), volume, advisor.settings.language)
        priced = {option.tool.id: option for option in options}
        tools = [option.tool for option in options] + [
            t for t in advisor.catalog.tools_for(category) if t.id not in priced
        ]
    else:
        tools, priced = list(advisor.catalog.tools), {}
    if as_json:
        print_json(
            [
                {
                    "id": tool.id,
                    "name": tool.name,
                    "vendor": tool.vendor,
                    "kind": tool.kind,
                    "categories": [c.value for c in tool.categories],
                    "good_for": tool.good_for,
                    "last_verified": tool.last_verified.isoformat(),
                    **(
                        {
                            "typical_monthly_cost": priced[tool.id].monthly_cost,
                            "currency": priced[tool.id].currency,
                            "cheapest_plan": priced[tool.id].plan.name,
                        }
                        if tool.id in priced
                        else {}
                    ),
                }
                for tool in tools
            ]
        )
        return
    from bot.domain.money import format_money

    for tool in tools:
        cost = (
            f"  ~{format_money(priced[tool.id].monthly_cost, priced[tool.id].currency)}/month"
            if tool.id in priced
            else ""
        )
        click.echo(f"{tool.id:32} {tool.kind:3}  {', '.join(c.value for c in tool.categories):40}{cost}")
    for problem in advisor.catalog_problems:
        click.echo(f"warning: skipped {problem}", err=True)


@catalog.command("show")
@click.argument("tool_id")
@click.option("--json", "as_json", is_flag=True)
@click.option("--language", type=click.Choice(["en", "ja"]), default=None)
def catalog_show(tool_id: str, as_json: bool, language: str | None) -> None:
    """Show one tool with its plans and price history."""
    advisor = load_advisor()
    tool = advisor.catalog.tool(tool_id)
    if tool is None:
        import difflib

        close = difflib.get_close_matches(tool_id, [t.id for t in advisor.catalog.tools], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `advisor catalog list`"
        raise click.ClickException(f"no tool with id {tool_id!r} in the catalog{hint}")
    if as_json:
        print_json(tool.model_dump(mode="json"))
        return
    from bot.text.answers import tool_answer

    click.echo(tool_answer(tool, language or advisor.settings.language))


@catalog.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day to judge staleness on, YYYY-MM-DD (default: today in ADVISOR_TIMEZONE).",
)
def catalog_validate(paths: tuple[Path, ...], today: dt.datetime | None) -> None:
    """Check catalog files (default: the whole catalog); name the file, field and reason of each problem.

    Tools whose prices were last verified more than 90 days ago are warned about (the inventory lists
    them as stale); they are not problems.
    """
    from bot.domain.catalog import Catalog
    from bot.domain.inventory import STALE_AFTER_DAYS, stale_tools
    from bot.domain.schedule import local_day
    from bot.store.catalog_files import load_catalog, validate_paths

    settings = cli_settings()
    if paths:
        problems = validate_paths(list(paths))
        checked = ", ".join(str(path) for path in paths)
        tools = []
    else:
        load = load_catalog(settings.catalog_dir)
        problems = load.problems
        checked = f"{settings.catalog_dir} ({len(load.catalog.tools)} tools, {len(load.catalog.tasks)} task baselines)"
        tools = list(load.catalog.tools)
    day = today.date() if today else local_day(dt.datetime.now(dt.UTC), settings.tz)
    verified = {tool.id: tool.last_verified for tool in tools}
    for tool_id in stale_tools(Catalog(tools=tuple(tools), tasks=()), day):
        click.echo(
            f"warning: {tool_id} was last verified on {verified[tool_id]}, more than {STALE_AFTER_DAYS} days "
            f"before {day}: re-check its price_source (`advisor prices check --tool {tool_id}`)",
            err=True,
        )
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {checked}")
    click.echo(f"ok: {checked}")
