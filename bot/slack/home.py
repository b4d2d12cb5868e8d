"""The App Home tab: this month's AI spending and savings for everyone, edit buttons for admins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.domain.budget import BudgetPolicy, ScopeUsage
from bot.domain.long_view import ModelPrice
from bot.domain.messages import say
from bot.domain.money import Currency, ExchangeRate, format_money
from bot.slack import ids
from bot.slack.blocks import (
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
from bot.slack.report_blocks import policy_sentence, scope_usage_text
from bot.store.feedback import FeedbackSummary, Tally
from bot.text.budget_text import scope_name
from bot.text.models_text import retirement_line

TOP_SCOPES_SHOWN = 5


@dataclass(frozen=True)
class HomeSummary:
    """This month in one workspace, as the Home tab shows it."""

    month: str
    workspace: ScopeUsage
    top_channels: list[ScopeUsage]
    top_users: list[ScopeUsage]
    questions: int
    zero_token_questions: int
    escalations: int
    cost_usd: float
    savings_computed: int
    savings_per_month: dict[str, float]  # by currency
    policy: BudgetPolicy
    currency: Currency
    rate: ExchangeRate
    today: dt.date
    models_to_replace: list[ModelPrice] = field(default_factory=list)  # retired or retiring, with successors
    feedback: FeedbackSummary | None = None  # the month's 👍 / 👎 by path and tier


def home_view(home: HomeSummary, language: str, *, is_admin: bool) -> dict[str, Any]:
    """The Home tab for one person: the same figures for everyone, the edit buttons for admins."""
    blocks: list[Block] = [
        header_block(say(language, "AI at work, {month}", month=home.month)),
        *section_blocks(scope_usage_text(home.workspace, language)),
        fields_block(_month_figures(home, language)),
        *section_blocks(_busiest(say(language, "Top channels"), home.top_channels, language)),
        *section_blocks(_busiest(say(language, "Top people"), home.top_users, language)),
        context_block(policy_sentence(home.policy, language)),
    ]
    if home.feedback is not None and (home.feedback.by_tier or home.feedback.by_path):
        blocks += section_blocks(_feedback(home.feedback, language))
    if is_admin and home.models_to_replace:
        blocks += section_blocks(_models_to_replace(home, language))
    if is_admin:
        blocks.append(
            actions_block(
                button(say(language, "Edit budgets"), ids.OPEN_BUDGETS, "budgets", primary=True),
                button(say(language, "Edit company profile"), ids.OPEN_PROFILE, "profile"),
            )
        )
    else:
        blocks.append(context_block(say(language, "Admins can change the budgets and the company profile.")))
    blocks += [{"type": "divider"}, *section_blocks(_how_to_use(language))]
    return {"type": "home", "blocks": blocks}


def _feedback(feedback: FeedbackSummary, language: str) -> str:
    """How people rated the answers: by model tier beside what the tier cost, and by how they were answered."""

    def line(tally: Tally) -> str:
        share = f" ({tally.share_up:.0%} 👍)" if tally.share_up is not None else ""
        spent = f" · {format_money(tally.cost_usd, 'USD')}" if tally.cost_usd is not None else ""
        return f"• {escape(tally.key)}: 👍 {tally.up:,} · 👎 {tally.down:,}{share}{spent}"

    title = say(language, "*How people rated the answers* (by model tier, with what the tier cost; by path)")
    return "\n".join(
        [title, *(line(tally) for tally in feedback.by_tier), *(line(tally) for tally in feedback.by_path)]
    )


def _models_to_replace(home: HomeSummary, language: str) -> str:
    """':warning: Models to replace' and a line for each, with its date and the model to move to."""
    title = say(language, ":warning: *Models to replace*")
    lines = [f"• {escape(retirement_line(model, home.today, language))}" for model in home.models_to_replace]
    hint = say(language, "Edit the models file (ADVISOR_MODELS); `advisor models` lists them all.")
    return "\n".join([title, *lines, hint])


def _month_figures(home: HomeSummary, language: str) -> list[str]:
    free_share = f" ({home.zero_token_questions / home.questions:.0%})" if home.questions else ""
    spent = format_money(home.cost_usd, "USD")
    if home.currency != "USD":
        spent += f" · {format_money(home.rate.convert(home.cost_usd, 'USD', home.currency), home.currency)}"
    return [
        labelled(say(language, "Questions"), f"{home.questions:,}"),
        labelled(say(language, "Answered at 0 tokens"), f"{home.zero_token_questions:,}{free_share}"),
        labelled(say(language, "Deeper answers asked for"), f"{home.escalations:,}"),
        labelled(say(language, "Spent on models"), spent),
        labelled(say(language, "Savings people computed"), _savings_computed(home, language)),
    ]


def _savings_computed(home: HomeSummary, language: str) -> str:
    if not home.savings_computed:
        return say(language, "None yet: try `/ai-savings`")
    total = " + ".join(
        format_money(amount, currency)  # type: ignore[arg-type]  # the log keeps JPY or USD
        for currency, amount in sorted(home.savings_per_month.items())
    )
    return say(language, "{count:,} calculations · {total} a month", count=home.savings_computed, total=total or "—")


def _busiest(title: str, usages: list[ScopeUsage], language: str) -> str:
    lines = [f"*{title}*"]
    for usage in usages[:TOP_SCOPES_SHOWN]:
        name = scope_name(usage.scope.kind, usage.scope.id, language)
        spent = say(language, "{tokens:,} tokens", tokens=usage.used_tokens + usage.reserved_tokens)
        share = f" · {progress_bar(usage.share_used)}" if usage.share_used is not None else ""
        lines.append(f"• {name}: {spent} · {format_money(usage.used_money_usd, 'USD')}{share}")
    if not usages:
        lines.append(say(language, "No AI use yet this month."))
    return "\n".join(lines)


def _how_to_use(language: str) -> str:
    return say(
        language,
        "*How to use*\n"
        "• Mention me in a channel, or send me a direct message, with a question about AI tools at work.\n"
        "• `/ai-inventory`: the cheapest off-the-shelf tool per task this month\n"
        "• `/ai-savings`: what moving a task to AI would save\n"
        "• `/ai-plan`: where your company should start\n"
        "• `/ai-budget`: this month's token budgets\n"
        "Questions the catalog or the calculator can answer cost 0 tokens.",
    )
