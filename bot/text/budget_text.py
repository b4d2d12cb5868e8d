"""The budget in words: a scope's name, this month's use against each limit, and a warning's line."""

from __future__ import annotations

from bot.domain.budget import BudgetWarning, ScopeUsage
from bot.text.answers import pick


def scope_name(kind: str, scope_id: str, language: str) -> str:
    if kind == "workspace":
        return pick(language, "the workspace", "ワークスペース全体")
    if kind == "channel":
        return pick(language, f"channel <#{scope_id}>", f"チャンネル <#{scope_id}>")
    return pick(language, f"user <@{scope_id}>", f"ユーザー <@{scope_id}>")


def budget_status_answer(usages: list[ScopeUsage], month: str, language: str) -> str:
    """This month's token use against each applicable limit."""
    lines = [pick(language, f"AI budget for {month}:", f"{month}のAI予算：")]
    for usage in usages:
        name = scope_name(usage.scope.kind, usage.scope.id, language)
        spent = usage.used_tokens + usage.reserved_tokens
        money = f" · ${usage.used_money_usd:.4f}"
        if usage.limit is None:
            lines.append(
                pick(
                    language,
                    f"• {name}: {spent:,} tokens used{money}, no limit",
                    f"• {name}：{spent:,}トークン使用{money}（上限なし）",
                )
            )
            continue
        share = f"{(usage.share_used or 0):.0%}"
        left = usage.remaining_tokens or 0
        limit = usage.limit.monthly_tokens
        money_limit = (
            pick(
                language,
                f" (money limit ${usage.limit.monthly_money_usd:.2f})",
                f"（金額上限 ${usage.limit.monthly_money_usd:.2f}）",
            )
            if usage.limit.monthly_money_usd is not None
            else ""
        )
        lines.append(
            pick(
                language,
                f"• {name}: {spent:,} of {limit:,} tokens used ({share}), {left:,} left{money}{money_limit}",
                f"• {name}：{limit:,}トークン中{spent:,}使用（{share}）、残り{left:,}{money}{money_limit}",
            )
        )
    lines.append(
        pick(
            language,
            "Questions answered from the catalog or the calculator cost nothing.",
            "カタログや計算機で答えられる質問は0トークンです。",
        )
    )
    return "\n".join(lines)


def warning_line(warning: BudgetWarning, language: str) -> str:
    name = scope_name(warning.scope.kind, warning.scope.id, language)
    if warning.level == "limit":
        return pick(
            language,
            f"⚠ The AI budget of {name} for {warning.month} is used up.",
            f"⚠ {name}の{warning.month}のAI予算を使い切りました。",
        )
    return pick(
        language,
        f"⚠ {name} has used {warning.share_used:.0%} of its AI budget for {warning.month}.",
        f"⚠ {name}は{warning.month}のAI予算の{warning.share_used:.0%}を使いました。",
    )
