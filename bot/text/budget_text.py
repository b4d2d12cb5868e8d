"""The budget in words: a scope's name, this month's use against each limit, and a warning's line."""

from __future__ import annotations

from bot.domain.budget import BudgetWarning, ScopeUsage
from bot.domain.messages import say


def scope_name(kind: str, scope_id: str, language: str) -> str:
    if kind == "workspace":
        return say(language, "the workspace")
    if kind == "channel":
        return say(language, "channel <#{scope_id}>", scope_id=scope_id)
    return say(language, "user <@{scope_id}>", scope_id=scope_id)


def budget_status_answer(usages: list[ScopeUsage], month: str, language: str) -> str:
    """This month's token use against each applicable limit."""
    lines = [say(language, "AI budget for {month}:", month=month)]
    for usage in usages:
        name = scope_name(usage.scope.kind, usage.scope.id, language)
        spent = usage.used_tokens + usage.reserved_tokens
        money = f" · ${usage.used_money_usd:.4f}"
        if usage.limit is None:
            lines.append(
                say(language, "• {name}: {spent:,} tokens used{money}, no limit", name=name, spent=spent, money=money)
            )
            continue
        money_limit = (
            say(language, " (money limit ${limit:.2f})", limit=usage.limit.monthly_money_usd)
            if usage.limit.monthly_money_usd is not None
            else ""
        )
        lines.append(
            say(
                language,
                "• {name}: {spent:,} of {limit:,} tokens used ({share:.0%}), {left:,} left{money}{money_limit}",
                name=name,
                spent=spent,
                limit=usage.limit.monthly_tokens,
                share=usage.share_used or 0,
                left=usage.remaining_tokens or 0,
                money=money,
                money_limit=money_limit,
            )
        )
    lines.append(say(language, "Questions answered from the catalog or the calculator cost nothing."))
    return "\n".join(lines)


def warning_line(warning: BudgetWarning, language: str) -> str:
    name = scope_name(warning.scope.kind, warning.scope.id, language)
    if warning.level == "limit":
        return say(language, "⚠ The AI budget of {name} for {month} is used up.", name=name, month=warning.month)
    return say(
        language,
        "⚠ {name} has used {share:.0%} of its AI budget for {month}.",
        name=name,
        share=warning.share_used,
        month=warning.month,
    )
