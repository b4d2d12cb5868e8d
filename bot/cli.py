"""The `advisor` command: the terminal adapter over the advisor service.

Every command that prints data takes `--json`. Imports of anything heavy happen inside
the commands, so that `advisor calc` starts in a fraction of a second.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from bot.cli_budget import budget, usage
from bot.cli_inventory import inventory
from bot.cli_plan import plan, profile
from bot.cli_serve import clock, serve, start
from bot.cli_support import cli_settings, invalid, load_advisor, load_workspace_advisor, print_json, read_structured
from bot.cli_workspace import WORKSPACE_HELP


@click.group()
@click.version_option(package_name="ai-adoption-advisor")
def main() -> None:
    """AI Adoption Advisor: cheap, off-the-shelf AI where it pays."""


# --- asking ------------------------------------------------------------------------


def _asker_options(command):  # type: ignore[no-untyped-def]
    """--workspace, --channel, --user: whose budgets a question spends; --tier: ask for a stronger model."""
    command = click.option("--tier", "at_least_tier", type=click.IntRange(1, 3), default=None,
                           help="Use a model of at least this tier for an open question (1 small … 3 strong).")(command)
    command = click.option("--user", "user_id", default=None, help="Slack user id asking (a budget scope).")(command)
    command = click.option("--channel", "channel_id", default=None, help="Slack channel id (a budget scope).")(command)
    return click.option("--workspace", default=None, help=WORKSPACE_HELP)(command)


def _question(question: str) -> str:
    if not question.strip():
        raise click.UsageError("the question is empty: ask something, e.g. advisor ask \"cheapest way to transcribe meetings?\"")
    return question


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@_asker_options
def ask(question: str, as_json: bool, workspace: str | None, channel_id: str | None, user_id: str | None,
        at_least_tier: int | None) -> None:
    """Answer one question (a model is called only when nothing else can answer it)."""
    question = _question(question)
    advisor, _ = load_workspace_advisor(workspace, named=False)
    answer = advisor.ask(question, channel_id=channel_id, user_id=user_id, at_least_tier=at_least_tier,
                         log_free_answers=False)
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        click.echo(answer.text)


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
@_asker_options
def route(question: str, as_json: bool, workspace: str | None, channel_id: str | None, user_id: str | None,
          at_least_tier: int | None) -> None:
    """Show how a question would be answered, and what it would cost, without calling any model."""
    question = _question(question)
    advisor, _ = load_workspace_advisor(workspace, named=False)
    decision = advisor.route(question, advisor.asker(None, channel_id, user_id), at_least_tier)
    if as_json:
        print_json(decision.model_dump(mode="json"))
        return
    model = f"{decision.model} (tier {decision.tier})" if decision.model else "none"
    click.echo(f"path: {decision.path}\nmodel: {model}")
    if decision.path == "llm":
        click.echo(f"needed tier: {decision.needed_tier}\nestimated prompt tokens: {decision.estimated_prompt_tokens:,}\n"
                   f"estimated cost: at most ${decision.estimated_cost_usd:.6f}")
    if decision.tools:
        click.echo(f"catalog entries: {', '.join(decision.tools)}")
    click.echo(f"reason: {decision.reason}")


@main.command()
@click.option("--json", "as_json", is_flag=True)
def models(as_json: bool) -> None:
    """The configured language models: tier, price per 1M tokens, context window, and whether usable."""
    from bot.llm.models import ModelFileError, load_models

    settings = cli_settings()
    try:
        setup = load_models(settings)
    except ModelFileError as error:
        raise click.ClickException(str(error)) from None
    rows = [
        {"name": model.spec.name, "model": model.spec.model, "tier": model.spec.tier, "usable": True,
         "input_usd_per_1m": round(model.spec.input_cost_per_token * 1e6, 4),
         "output_usd_per_1m": round(model.spec.output_cost_per_token * 1e6, 4),
         "max_input_tokens": model.spec.max_input_tokens, "max_tokens": model.spec.max_tokens}
        for model in sorted(setup.usable, key=lambda m: (m.spec.tier, m.spec.input_cost_per_token))
    ] + [{"name": name, "usable": False, "why": why} for name, why in setup.unusable.items()]
    if as_json:
        print_json({"models": rows, "problems": setup.problems})
        return
    for row in rows:
        if row["usable"]:
            click.echo(f"{row['name']:18} tier {row['tier']}  ${row['input_usd_per_1m']:g} in / ${row['output_usd_per_1m']:g} out "
                       f"per 1M tokens  window {row['max_input_tokens'] or '?'}  answers up to {row['max_tokens']} tokens")
        else:
            click.echo(f"{row['name']:18} not usable: {row['why']}")
    for problem in setup.problems:
        click.echo(f"problem: {problem}", err=True)
    if not setup.usable:
        click.echo(f"No usable model: set an API key named in {settings.models_file}.", err=True)


@main.command()
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
def chat(workspace: str | None) -> None:
    """A line-by-line conversation in the terminal (also reads questions piped in)."""
    advisor, _ = load_workspace_advisor(workspace, named=False)
    advisor.database.session().close()  # applies migrations at start
    for problem in advisor.catalog_problems:
        click.echo(f"warning: skipped {problem} (run `advisor catalog validate`)", err=True)
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(
            f"AI Adoption Advisor — {len(advisor.catalog.tools)} tools in the catalog. Ask about tool prices, "
            "savings with your numbers, or where to start. Japanese works too. Ctrl-D or 'exit' to leave."
        )
    asked_back: dict[str, Any] | None = None  # the choices of the last question back, answered by the next line
    while True:
        if interactive:
            click.echo("> ", nl=False)
        line = sys.stdin.readline()
        if not line:
            if interactive:
                click.echo()
            return
        question = line.strip()
        if not question:
            continue
        if question.lower() in {"exit", "quit", "終了"}:
            return
        if asked_back is not None:
            from bot.domain.quantities import chosen

            choices = asked_back["choices"]
            picked = chosen([choice["label"] for choice in choices], question)
            question = choices[picked]["question"] if picked is not None else question
        answer = advisor.ask(question)
        asked_back = answer.clarify if answer.clarify and answer.clarify["choices"] else None
        click.echo(answer.text)
        if asked_back is not None:
            from bot.reading_text import choose_hint

            click.echo(choose_hint(len(asked_back["choices"]), answer.language))
        click.echo()


# --- the calculator ----------------------------------------------------------------

_CALC_FIELDS = ("task", "volume", "period", "minutes_before", "minutes_after", "hourly_cost", "outsourcing_unit_cost",
                "tool_cost_monthly", "tool_cost_per_unit", "setup_cost", "review_minutes", "currency")


def _outsourcing(value: str | None) -> Any:
    if value is None:
        return None
    parts = [part.strip() for part in value.replace("..", "-").split("-")]
    return parts[0] if len(parts) == 1 else parts


@main.command()
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
            raise click.ClickException("the scenario must be a mapping of fields, e.g. {\"volume\": 20, \"minutes_before\": 300}")
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
    from bot.answers import calculation_answer

    click.echo(calculation_answer(scenario, result, scenario.task or "this task", None, [], language or "en"))


# --- the catalog -------------------------------------------------------------------


@main.group()
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
        raise click.BadParameter(f"unknown category {category!r}; use one of: {', '.join(c.value for c in Category)}", param_hint="--category")
    if category:
        baseline = advisor.catalog.task(category)
        volume = baseline.typical_volume if baseline else 1.0
        options = advisor.cheapest(Category(category), volume, advisor.settings.language)
        priced = {option.tool.id: option for option in options}
        tools = [option.tool for option in options] + [t for t in advisor.catalog.tools_for(category) if t.id not in priced]
    else:
        tools, priced = list(advisor.catalog.tools), {}
    if as_json:
        print_json([
            {
                "id": tool.id, "name": tool.name, "vendor": tool.vendor, "kind": tool.kind,
                "categories": [c.value for c in tool.categories], "good_for": tool.good_for,
                "last_verified": tool.last_verified.isoformat(),
                **({"typical_monthly_cost": priced[tool.id].monthly_cost, "currency": priced[tool.id].currency,
                    "cheapest_plan": priced[tool.id].plan.name} if tool.id in priced else {}),
            }
            for tool in tools
        ])
        return
    from bot.domain.money import format_money

    for tool in tools:
        cost = f"  ~{format_money(priced[tool.id].monthly_cost, priced[tool.id].currency)}/month" if tool.id in priced else ""
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
    from bot.answers import tool_answer

    click.echo(tool_answer(tool, language or advisor.settings.language))


@catalog.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def catalog_validate(paths: tuple[Path, ...]) -> None:
    """Check catalog files (default: the whole catalog); name the file, field and reason of each problem."""
    from bot.catalog_files import load_catalog, validate_paths

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


# --- the database ------------------------------------------------------------------


@main.group()
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


main.add_command(budget)
main.add_command(plan)
main.add_command(profile)
main.add_command(usage)
main.add_command(serve)
main.add_command(start)
main.add_command(inventory)
main.add_command(clock)

if __name__ == "__main__":
    main()
