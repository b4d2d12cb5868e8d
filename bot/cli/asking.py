"""`advisor ask`, `route`, `models` and `chat`: questions, how they would be answered, and the models that answer."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from bot.cli.support import (
    cli_settings,
    load_workspace_advisor,
    print_json,
)
from bot.cli.workspace import WORKSPACE_HELP


def _asker_options(command):
    """--workspace, --channel, --user: whose budgets a question spends; --tier: ask for a stronger model."""
    command = click.option(
        "--tier",
        "at_least_tier",
        type=click.IntRange(1, 3),
        default=None,
        help="Use a model of at least this tier for an open question (1 small … 3 strong).",
    )(command)
    command = click.option("--user", "user_id", default=None, help="Slack user id asking (a budget scope).")(command)
    command = click.option("--channel", "channel_id", default=None, help="Slack channel id (a budget scope).")(command)
    return click.option("--workspace", default=None, help=WORKSPACE_HELP)(command)


def _question(question: str) -> str:
    if not question.strip():
        raise click.UsageError(
            'the question is empty: ask something, e.g. advisor ask "cheapest way to transcribe meetings?"'
        )
    return question


@click.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@_asker_options
def ask(
    question: str,
    as_json: bool,
    workspace: str | None,
    channel_id: str | None,
    user_id: str | None,
    at_least_tier: int | None,
) -> None:
    """Answer one question (a model is called only when nothing else can answer it)."""
    question = _question(question)
    advisor, _ = load_workspace_advisor(workspace, named=False)
    answer = advisor.ask(
        question, channel_id=channel_id, user_id=user_id, at_least_tier=at_least_tier, log_free_answers=False
    )
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        click.echo(answer.text)


@click.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
@_asker_options
def route(
    question: str,
    as_json: bool,
    workspace: str | None,
    channel_id: str | None,
    user_id: str | None,
    at_least_tier: int | None,
) -> None:
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
        click.echo(
            f"needed tier: {decision.needed_tier}\nestimated prompt tokens: {decision.estimated_prompt_tokens:,}\n"
            f"estimated cost: at most ${decision.estimated_cost_usd:.6f}"
        )
    if decision.tools:
        click.echo(f"catalog entries: {', '.join(decision.tools)}")
    click.echo(f"reason: {decision.reason}")


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--on",
    "on_day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The statuses as they will be on this day (YYYY-MM-DD), to plan ahead; default today.",
)
def models(as_json: bool, on_day: dt.datetime | None) -> None:
    """The configured language models: tier, price per 1M tokens, context window, status and retirement date."""
    from bot.advisor.roster import Roster
    from bot.domain.lifecycle import status, successor

    settings = cli_settings()
    roster = (
        Roster(settings) if on_day is None else Roster(settings, lambda: on_day.replace(hour=12, tzinfo=settings.tz))
    )
    setup, today = roster.everything, roster.today()
    if setup.problems and not setup.lives:
        raise click.ClickException("; ".join(setup.problems))
    specs = {model.spec.name: model.spec for model in setup.usable}
    rows = []
    for life in sorted(setup.lives, key=lambda life: (life.tier, life.input_per_1m_usd or 0, life.name)):
        spec = specs.get(life.name)
        rows.append(
            {
                "name": life.name,
                "model": life.model,
                "tier": life.tier,
                "status": status(life, today).value,
                "retires_on": life.retires_on.isoformat() if life.retires_on else None,
                "retires_on_from": life.retires_on_source,
                "successor": successor(life, setup.lives, today),
                "input_usd_per_1m": life.input_per_1m_usd,
                "output_usd_per_1m": life.output_per_1m_usd,
                "max_input_tokens": spec.max_input_tokens if spec else None,
                "max_tokens": spec.max_tokens if spec else None,
                "why_not_usable": setup.unusable.get(life.name),
            }
        )
    if as_json:
        print_json({"as_of": today.isoformat(), "models": rows, "problems": setup.problems})
        return
    for row in rows:
        price = (
            f"${row['input_usd_per_1m']:g} in / ${row['output_usd_per_1m']:g} out per 1M tokens"
            if row["input_usd_per_1m"]
            else "no price"
        )
        retires = f"  retires {row['retires_on']}" if row["retires_on"] else ""
        moves = f" → {row['successor']}" if row["successor"] else ""
        why = f" ({row['why_not_usable']})" if row["why_not_usable"] else ""
        click.echo(f"{row['name']:18} tier {row['tier']}  {row['status']:8}  {price}{retires}{moves}{why}")
    for problem in setup.problems:
        click.echo(f"problem: {problem}", err=True)
    if not roster.candidates():
        click.echo(f"No usable model: set an API key named in {settings.models_file}.", err=True)


@click.command()
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
def chat(workspace: str | None) -> None:
    """A line-by-line conversation in the terminal (also reads questions piped in)."""
    advisor, _ = load_workspace_advisor(workspace, named=False)
    advisor.database.session().close()  # applies migrations at start
    for problem in advisor.catalog_problems:
        click.echo(f"warning: skipped {problem} (run `advisor catalog validate`)", err=True)
    for warning in advisor.roster.warnings(advisor.settings.language):
        click.echo(f"warning: {warning}", err=True)
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
            from bot.text.reading import choose_hint

            click.echo(choose_hint(len(asked_back["choices"]), answer.language))
        click.echo()
