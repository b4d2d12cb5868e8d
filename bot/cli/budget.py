"""`advisor budget …` and `advisor usage`: token budgets and what was spent, for admins."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from bot.cli.support import load_workspace_advisor, print_json
from bot.cli.workspace import WORKSPACE_HELP

if TYPE_CHECKING:
    from bot.cli.workspace import CliWorkspace
    from bot.domain.budget import Scope


_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month(value: str | None) -> str | None:
    if value is not None and not _MONTH.match(value.strip()):
        raise click.BadParameter(f"{value!r} is not a month; write it as YYYY-MM, e.g. 2026-11", param_hint="--month")
    return value.strip() if value else None


def _scope(words: tuple[str, ...], workspace_id: str) -> tuple[Scope, list[str]]:
    """Parse `workspace …`, `channel ID …` or `user ID …`; return the scope and the words left."""
    from bot.domain.budget import Scope, parse_scope_kind

    if not words:
        raise click.UsageError("name a scope: workspace, channel ID or user ID")
    try:
        kind = parse_scope_kind(words[0])
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if kind == "workspace":
        return Scope(kind="workspace", id=workspace_id), list(words[1:])
    if len(words) < 2:
        raise click.UsageError(
            f"give the {kind} id after '{kind}', e.g. `advisor budget set {kind} {'C0123' if kind == 'channel' else 'U0123'} 200000`"
        )
    return Scope(kind=kind, id=words[1]), list(words[2:])


def _scope_text(scope: Scope, workspace: CliWorkspace) -> str:
    """`workspace Sato Seisakusho (T0123)`, or `channel C0123 in workspace Sato Seisakusho (T0123)`."""
    if scope.kind == "workspace":
        return f"workspace {workspace.label}"
    return f"{scope.label} in workspace {workspace.label}"


def _warn_if_unknown(workspace: CliWorkspace) -> None:
    """A change for a workspace id the app has never seen in Slack limits nothing Slack asks: say so."""
    from bot.cli.workspace import LOCAL

    if not workspace.known_to_slack and workspace.id != LOCAL:
        click.echo(
            f"note: {workspace.id} is not a Slack workspace this app has seen; Slack's questions are charged "
            "to the workspace they come from (`advisor budget show` without --workspace names it)",
            err=True,
        )


def _usage_rows(usages: list) -> list[dict[str, object]]:
    return [
        {
            "scope": usage.scope.kind,
            "id": usage.scope.id,
            "month": usage.month,
            "limit_tokens": usage.limit.monthly_tokens if usage.limit else None,
            "limit_money_usd": usage.limit.monthly_money_usd if usage.limit else None,
            "used_tokens": usage.used_tokens,
            "reserved_tokens": usage.reserved_tokens,
            "remaining_tokens": usage.remaining_tokens,
            "used_money_usd": round(usage.used_money_usd, 6),
            "share_used": usage.share_used,
        }
        for usage in usages
    ]


@click.group()
def budget() -> None:
    """Monthly token budgets per workspace, channel and user."""


@budget.command("show")
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
@click.option("--month", default=None, help="YYYY-MM (default: this month in ADVISOR_TIMEZONE).")
@click.option("--json", "as_json", is_flag=True)
def budget_show(workspace: str | None, month: str | None, as_json: bool) -> None:
    """Every limit and what has been used against it."""
    from bot.text.budget_text import budget_status_answer

    advisor, resolved = load_workspace_advisor(workspace)
    month = _month(month) or advisor.budgets.current_month()
    usages = advisor.budgets.all_usage(resolved.id, month)
    policy = advisor.budgets.policy(resolved.id)
    if as_json:
        print_json(
            {
                **resolved.as_json(),
                "month": month,
                "policy": policy.model_dump(mode="json"),
                "scopes": _usage_rows(usages),
            }
        )
        return
    click.echo(f"Workspace {resolved.label}")
    click.echo(budget_status_answer(usages, month, advisor.settings.language))
    click.echo(f"policy: warn at {policy.warn_at:.0%}; at the limit: {policy.at_limit}")


@budget.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1, metavar="(workspace | channel ID | user ID) TOKENS")
@click.option("--money", default=None, help="Also a monthly limit in US dollars, e.g. 20 or 12.50.")
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
def budget_set(words: tuple[str, ...], money: str | None, workspace: str | None) -> None:
    """Set a monthly token limit (200000, 200k, 2m, 20万), and optionally a money limit."""
    from bot.domain.budget import parse_money_usd, parse_token_amount

    advisor, resolved = load_workspace_advisor(workspace)
    scope, rest = _scope(words, resolved.id)
    if len(rest) != 1:
        raise click.UsageError(
            f"give one token amount after the scope, e.g. `advisor budget set {scope.kind}"
            f"{'' if scope.kind == 'workspace' else ' ' + scope.id} 200000`"
        )
    try:
        tokens = parse_token_amount(rest[0])
        money_usd = parse_money_usd(money) if money is not None else None
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    advisor.budgets.set_limit(resolved.id, scope, tokens, money_usd, updated_by="cli")
    extra = f" and ${money_usd:,.2f}" if money_usd is not None else ""
    click.echo(f"{_scope_text(scope, resolved)}: {tokens:,} tokens{extra} a month")
    _warn_if_unknown(resolved)


@budget.command("remove")
@click.argument("words", nargs=-1, metavar="(workspace | channel ID | user ID)")
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
def budget_remove(words: tuple[str, ...], workspace: str | None) -> None:
    """Remove a limit (the workspace falls back to ADVISOR_DEFAULT_MONTHLY_TOKENS)."""
    advisor, resolved = load_workspace_advisor(workspace)
    scope, rest = _scope(words, resolved.id)
    if rest:
        raise click.UsageError(f"unexpected {' '.join(rest)!r} after the scope")
    if not advisor.budgets.remove_limit(resolved.id, scope):
        raise click.ClickException(f"{_scope_text(scope, resolved)} has no limit to remove")
    click.echo(f"removed the limit of {_scope_text(scope, resolved)}")


@budget.command("policy")
@click.option("--warn-at", default=None, help="Warn once a month when this share is used: 0.8 or 80%.")
@click.option(
    "--at-limit",
    type=click.Choice(["block", "downgrade"]),
    default=None,
    help="block: decline what the budget cannot cover; downgrade: answer with a cheaper tier instead.",
)
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
@click.option("--json", "as_json", is_flag=True)
def budget_policy(warn_at: str | None, at_limit: str | None, workspace: str | None, as_json: bool) -> None:
    """Show or change the warning threshold and what happens at the limit."""
    advisor, resolved = load_workspace_advisor(workspace)
    changing = warn_at is not None or at_limit is not None
    if changing:
        share = _share(warn_at) if warn_at is not None else None
        advisor.budgets.set_policy(resolved.id, warn_at=share, at_limit=at_limit, updated_by="cli")  # type: ignore[arg-type]  # click.Choice gave one of AtLimit
    policy = advisor.budgets.policy(resolved.id)
    if as_json:
        print_json({**policy.model_dump(mode="json"), **resolved.as_json()})
    else:
        click.echo(
            f"workspace {resolved.label}: warn at {policy.warn_at:.0%} of a limit; at the limit: {policy.at_limit}"
        )
    if changing:
        _warn_if_unknown(resolved)


def _share(text: str) -> float:
    cleaned = text.strip().rstrip("%")
    try:
        value = float(cleaned)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a share; write 0.8 or 80%", param_hint="--warn-at") from None
    share = value / 100 if text.strip().endswith("%") or value > 1 else value
    if not 0 < share <= 1:
        raise click.BadParameter(f"{text!r} must be above 0 and at most 100%", param_hint="--warn-at")
    return share


@click.command()
@click.option("--workspace", default=None, help=WORKSPACE_HELP)
@click.option("--month", default=None, help="YYYY-MM (default: this month).")
@click.option("--json", "as_json", is_flag=True)
def usage(workspace: str | None, month: str | None, as_json: bool) -> None:
    """What was asked and spent in a month: questions by path, tokens and money by model."""
    advisor, resolved = load_workspace_advisor(workspace)
    summary = advisor.budgets.usage_summary(resolved.id, _month(month))
    if as_json:
        data = summary.model_dump(mode="json", exclude={"scopes"})
        from bot.store.feedback import AnswerFeedback

        feedback = AnswerFeedback(advisor.database).summary(resolved.id, summary.month, advisor.settings.tz)
        data.update(
            tokens=summary.tokens,
            cost_usd=round(summary.cost_usd, 6),
            scopes=_usage_rows(summary.scopes),
            feedback=feedback.model_dump(mode="json"),
            **resolved.as_json(),
        )
        print_json(data)
        return
    zero = sum(count for path, count in summary.questions_by_path.items() if path != "llm")
    click.echo(
        f"{summary.month}, workspace {resolved.label}: {summary.questions} questions, "
        f"{zero} answered without a model (0 tokens)"
    )
    for path, count in sorted(summary.questions_by_path.items()):
        click.echo(f"  {path:10} {count}")
    for model in summary.models:
        click.echo(
            f"  {model.model or '?':18} {model.calls} calls  {model.prompt_tokens:,} + {model.completion_tokens:,} "
            f"tokens  ${model.cost_usd:.5f}"
        )
    click.echo(f"total: {summary.tokens:,} tokens, ${summary.cost_usd:.5f}")
