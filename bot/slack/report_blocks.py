"""Block Kit of the calculator's, the plan's and the budget's replies: a savings result with its "Share in
channel" button, the adoption plan, and this month's budget (pure, like `bot.slack.blocks`)."""

from __future__ import annotations

import json

from bot.domain.budget import BudgetPolicy, ScopeUsage
from bot.domain.messages import say
from bot.domain.money import ExchangeRate, format_money
from bot.domain.plan import AdoptionPlan, PlanItem
from bot.domain.savings import SavingsResult, Scenario
from bot.slack import ids
from bot.slack.blocks import (
    BUTTON_VALUE_LIMIT,
    PLAN_TASKS_SHOWN,
    SCOPES_SHOWN,
    Block,
    actions_block,
    button,
    context_block,
    fields_block,
    header_block,
    labelled,
    progress_bar,
    section_blocks,
)
from bot.slack.mrkdwn import escape
from bot.text.answers import (
    build_versus_buy_text,
    converted_note,
    hours_line,
    money_figure,
    plain_figure,
)
from bot.text.budget_text import scope_name


def share_value(scenario: Scenario, ends: tuple[Scenario, Scenario] | None = None) -> str:
    """What the "Share in channel" button carries: the scenario, and its ends when it was given with ranges."""
    if ends is None:
        return scenario.model_dump_json(exclude_none=True)
    return json.dumps(
        {
            "scenario": scenario.model_dump(mode="json", exclude_none=True),
            "ends": [end.model_dump(mode="json", exclude_none=True) for end in ends],
        },
        ensure_ascii=False,
    )


def shared_scenarios(value: str) -> tuple[Scenario, tuple[Scenario, Scenario] | None]:
    """The scenario (and its ends) a "Share in channel" button carries; pydantic's ValidationError if it carries none."""
    data = json.loads(value)
    if (
        isinstance(data, dict)
        and set(data) == {"scenario", "ends"}
        and isinstance(data["ends"], list)
        and len(data["ends"]) == 2
    ):
        low, high = (Scenario.model_validate(end) for end in data["ends"])
        return Scenario.model_validate(data["scenario"]), (low, high)
    return Scenario.model_validate(data), None


def savings_blocks(
    scenario: Scenario,
    result: SavingsResult,
    label: str,
    language: str,
    *,
    share_button: bool,
    shared_by: str | None = None,
    ends: tuple[Scenario, Scenario] | None = None,
) -> list[Block]:
    """The calculator's result with its assumptions; the button carries the scenario (and the ends of its
    ranges) to recompute it.

    A scenario too long for a button value (a very long task name) is shown without the button.
    """
    blocks = [header_block(say(language, "Savings: {label}", label=label))]
    if shared_by:
        blocks.append(context_block(say(language, "Shared by <@{user}>", user=shared_by)))
    fields = _savings_fields(scenario, result, language)
    if fields:
        blocks.append(fields_block(fields))
    if scenario.hourly_cost is None and scenario.outsourcing_unit_cost is None:
        blocks += section_blocks(say(language, "To see this in money, add your staff cost per hour."))
    assumptions = "\n".join(f"• {escape(sentence)}" for sentence in result.assumptions)
    blocks.append(context_block(say(language, "*Assumptions*\n") + assumptions))
    value = share_value(scenario, ends)
    if share_button and len(value) <= BUTTON_VALUE_LIMIT:
        blocks.append(actions_block(button(say(language, "Share in channel"), ids.SHARE_SAVINGS, value)))
    return blocks


def _savings_fields(scenario: Scenario, result: SavingsResult, language: str) -> list[str]:
    currency = result.currency
    fields = []
    if scenario.minutes_before is not None or scenario.minutes_after is not None:
        fields.append(_field_of_line(hours_line(result.hours_saved_per_month, language)))
    if scenario.hourly_cost is not None or scenario.outsourcing_unit_cost is not None:
        today = money_figure(result.baseline_cost_per_month, currency, language)
        with_ai = money_figure(result.ai_cost_per_month, currency, language)
        fields += [
            labelled(say(language, "Cost a month: today → with AI"), f"{today} → {with_ai}"),
            labelled(
                say(language, "Savings a month"),
                money_figure(result.savings_per_month, currency, language),
            ),
            labelled(
                say(language, "Savings a year"),
                money_figure(result.savings_per_year, currency, language),
            ),
        ]
    if scenario.setup_cost:
        months = plain_figure(result.payback_months, language, say(language, " months"))
        fields.append(labelled(say(language, "Payback"), months))
    return fields


def _field_of_line(line: str) -> str:
    """ "• Staff time saved: 80.0 h a month" as a field: the label in bold above the figure."""
    line = line.removeprefix("• ")
    for separator in ("：", ": "):
        label, found, value = line.partition(separator)
        if found:
            return labelled(label, value)
    return line


# --- the adoption plan ------------------------------------------------------------------


def plan_blocks(plan: AdoptionPlan, rate: ExchangeRate, language: str) -> list[Block]:
    """Where to start, every task ranked by what it saves, the totals, and build versus buy."""
    title = (
        say(language, "AI adoption plan: {company}", company=plan.company)
        if plan.company
        else say(language, "Where to start with AI")
    )
    blocks = [header_block(title), *section_blocks(_start_text(plan, language))]
    blocks += section_blocks(_ranked_tasks_text(plan, language))
    total = format_money(plan.savings_per_month, plan.currency)
    blocks += section_blocks(
        say(
            language,
            "*Together:* {hours:,.1f} h of staff time freed and {total} saved a month (at least). "
            "Put the freed time into what only people can do: customers, judgement, new work.",
            hours=plan.hours_freed_per_month,
            total=total,
        )
    )
    if plan.build_versus_buy is not None:
        blocks += section_blocks(escape(build_versus_buy_text(plan.build_versus_buy, language)))
    notes = []
    if plan.is_typical:
        notes.append(
            say(
                language,
                "No company profile is stored yet, so this is the plan for a typical small business. "
                "Admins can enter your own tasks with `/ai-plan edit`.",
            )
        )
    options = [option for item in plan.items for option in (item.tool, item.api_alternative) if option]
    converted = converted_note(options, plan.currency, rate, language)
    if converted:
        notes.append(escape(converted))
    if notes:
        blocks.append(context_block(*notes))
    return blocks


def _start_text(plan: AdoptionPlan, language: str) -> str:
    start = plan.start
    if start is None:
        return say(language, "None of these tasks saves money with today's tools.")
    savings = money_figure(start.result.savings_per_month, plan.currency, language)
    return say(
        language,
        "*Start with: {label}*\nIt takes {hours:,.1f} h of staff time a month today, "
        "and AI would save {savings} a month{tool}.",
        label=escape(start.label),
        hours=start.hours_spent_per_month,
        savings=savings,
        tool=_with_tool(start, language),
    )


def _with_tool(item: PlanItem, language: str) -> str:
    if item.tool is None:
        return ""
    tool = f"{escape(item.tool.tool.name)} [{item.tool.tool.id}]"
    return say(language, " with {tool}", tool=tool)


def _ranked_tasks_text(plan: AdoptionPlan, language: str) -> str:
    lines = [say(language, "*Tasks ranked by net monthly savings*")]
    for rank, item in enumerate(plan.items[:PLAN_TASKS_SHOWN], start=1):
        savings = money_figure(item.result.savings_per_month, plan.currency, language)
        hours = hours_line(item.result.hours_saved_per_month, language).removeprefix("• ")
        tool = f"{escape(item.tool.tool.name)} [{item.tool.tool.id}]" if item.tool else say(language, "no catalog tool")
        lines.append(
            say(
                language,
                "{rank}. *{label}* — {savings} a month · {hours} · {tool}",
                rank=rank,
                label=escape(item.label),
                savings=savings,
                hours=hours,
                tool=tool,
            )
        )
    hidden = len(plan.items) - PLAN_TASKS_SHOWN
    if hidden > 0:
        lines.append(say(language, "…and {hidden} more tasks that save less.", hidden=hidden))
    return "\n".join(lines)


# --- budgets ----------------------------------------------------------------------------


def budget_blocks(
    usages: list[ScopeUsage], policy: BudgetPolicy, month: str, language: str, *, is_admin: bool
) -> list[Block]:
    """Each scope's spending against its limit, the policy in one sentence, and who can change it."""
    blocks = [header_block(say(language, "AI budget for {month}", month=month))]
    for usage in usages[:SCOPES_SHOWN]:
        blocks += section_blocks(scope_usage_text(usage, language))
    blocks.append(context_block(policy_sentence(policy, language)))
    blocks.append(
        context_block(
            budget_commands(language)
            if is_admin
            else say(language, "Only the workspace's admins and owners can change budgets.")
        )
    )
    return blocks


def scope_usage_text(usage: ScopeUsage, language: str) -> str:
    name = scope_name(usage.scope.kind, usage.scope.id, language)
    title = f"*{name[:1].upper()}{name[1:]}*"
    spent = usage.used_tokens + usage.reserved_tokens
    money = format_money(usage.used_money_usd, "USD")
    if usage.limit is None:
        return say(
            language, "{title}\n{spent:,} tokens used · {money} · no limit", title=title, spent=spent, money=money
        )
    limit, left = usage.limit.monthly_tokens, usage.remaining_tokens or 0
    money_limit = usage.limit.monthly_money_usd
    cap = "" if money_limit is None else say(language, " (limit {money})", money=format_money(money_limit, "USD"))
    return say(
        language,
        "{title}\n{bar}\n{spent:,} of {limit:,} tokens · {left:,} left · {money} spent{cap}",
        title=title,
        bar=progress_bar(usage.share_used or 0.0),
        spent=spent,
        limit=limit,
        left=left,
        money=money,
        cap=cap,
    )


def policy_sentence(policy: BudgetPolicy, language: str) -> str:
    """What happens near and at a limit, as people would say it."""
    if policy.at_limit == "downgrade":
        return say(
            language,
            "Everyone is warned at {warn:.0%} of a limit. When a limit cannot pay for a question, "
            "the cheapest weaker model the budget still covers answers it; only when none fits is it declined.",
            warn=policy.warn_at,
        )
    return say(
        language,
        "Everyone is warned at {warn:.0%} of a limit. When a limit cannot pay for a question, it is "
        "declined; answers from the catalog and the calculator keep working at 0 tokens.",
        warn=policy.warn_at,
    )


def budget_commands(language: str) -> str:
    commands = (
        "/ai-budget set workspace 2000000",
        "/ai-budget set #channel 100000",
        "/ai-budget set @user 50000",
        "/ai-budget threshold 80",
        "/ai-budget policy block|downgrade",
    )
    return say(language, "Change with: ") + " · ".join(f"`{command}`" for command in commands)
