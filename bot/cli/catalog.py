"""`advisor catalog list|show|validate`: the curated tool catalog."""

from __future__ import annotations

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
def catalog_validate(paths: tuple[Path, ...]) -> None:
    """Check catalog files (default: the whole catalog); name the file, field and reason of each problem."""
    from bot.store.catalog_files import load_catalog, validate_paths

    if paths:
        problems = validate_paths(list(paths))
        checked = ", ".join(str(path) for path in paths)
    else:
        settings = cli_settings()
        load = load_catalog(settings.catalog_dir)
        problems = load.problems
        checked = f"{settings.catalog_dir} ({len(load.catalog.tools)} tools, {len(load.catalog.tasks)} task baselines)"
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {checked}")
    click.echo(f"ok: {checked}")
