"""What people type into Slack, read into domain values or into an error they can act on.

Slash-command text and modal submissions come in; budget commands, savings scenarios,
company profiles and budget changes go out. A command that cannot be read raises
`ArgumentError` (what was wrong, and the accepted forms); a modal that cannot be read
returns `FieldErrors`, keyed by the block that needs fixing, which is what Slack's
`response_action: errors` shows under each input. Every message is in the reader's
language. Nothing here talks to Slack.

This module reads `/ai-budget` and the budgets modal; the savings and profile readers
live beside it and are imported from here, so the listeners need this one module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, get_args

from bot.domain.budget import AtLimit, ScopeKind
from bot.domain.messages import say
from bot.slack import ids
from bot.slack.argument_values import (
    ArgumentError,
    FieldErrors,
    Unreadable,
    chosen_value,
    input_state,
    input_text,
    optional,
    read_fields,
    read_money_usd,
    read_percent,
    read_tokens,
)
from bot.slack.profile_arguments import profile_tasks_text, read_profile_modal
from bot.slack.savings_arguments import (
    SavingsRequest,
    parse_savings_text,
    read_savings_modal,
    savings_usage,
)

__all__ = [
    "ArgumentError", "BudgetChanges", "BudgetCommand", "BudgetHelp", "FieldErrors", "RemoveLimit", "SavingsRequest",
    "SetLimit", "SetPolicy", "SetThreshold", "ShowBudget", "budget_usage", "parse_budget_command", "parse_savings_text",
    "profile_tasks_text", "read_budgets_modal", "read_profile_modal", "read_savings_modal", "savings_usage",
]  # fmt: skip


@dataclass(frozen=True)
class ShowBudget:
    """This month's limits and what was used."""


@dataclass(frozen=True)
class BudgetHelp:
    """The usage text, asked for."""


@dataclass(frozen=True)
class SetLimit:
    """scope_id None: the channel the command was typed in, or the person who typed it."""

    scope_kind: ScopeKind
    scope_id: str | None
    tokens: int
    money_usd: float | None = None


@dataclass(frozen=True)
class RemoveLimit:
    scope_kind: ScopeKind
    scope_id: str | None


@dataclass(frozen=True)
class SetThreshold:
    percent: int


@dataclass(frozen=True)
class SetPolicy:
    at_limit: AtLimit


BudgetCommand = ShowBudget | BudgetHelp | SetLimit | RemoveLimit | SetThreshold | SetPolicy

_BUDGET_VERBS = {
    "show": "show", "status": "show", "表示": "show", "状況": "show", "help": "help", "ヘルプ": "help", "?": "help",
    "set": "set", "設定": "set", "remove": "remove", "delete": "remove", "削除": "remove", "解除": "remove",
    "threshold": "threshold", "警告": "threshold", "しきい値": "threshold", "閾値": "threshold",
    "policy": "policy", "ポリシー": "policy",
}  # fmt: skip
# Words for a scope that need no id: the workspace, the channel typed in, the person typing.
_SCOPE_WORDS: dict[str, ScopeKind] = {
    "workspace": "workspace", "ワークスペース": "workspace", "全体": "workspace",
    "here": "channel", "channel": "channel", "ここ": "channel", "このチャンネル": "channel", "チャンネル": "channel",
    "me": "user", "自分": "user", "私": "user",
}  # fmt: skip
_POLICY_WORDS: dict[str, AtLimit] = {
    "block": "block",
    "ブロック": "block",
    "停止": "block",
    "downgrade": "downgrade",
    "ダウングレード": "downgrade",
}
_CURRENCY_WORDS = {"usd", "dollar", "dollars", "ドル"}
# Slack escapes picked channels and people as <#C0123|general> and <@U0123|taro>.
_SLACK_WORD = re.compile(r"<[^>]*>|\S+")
_CHANNEL_REF = re.compile(r"<#([A-Z0-9]{1,32})(?:\|[^>]*)?>")
_USER_REF = re.compile(r"<@([A-Z0-9]{1,32})(?:\|[^>]*)?>")
_HERE_REF = re.compile(r"<!(?:here|channel)(?:\|[^>]*)?>")  # "@here" typed as the scope: this channel


def budget_usage(language: str) -> str:
    return say(
        language,
        "Usage:\n"
        "• `/ai-budget` (or `show`): this month's limits and use\n"
        "• `/ai-budget set workspace 2,000,000`: tokens a month for the whole workspace\n"
        "• `/ai-budget set #sales 200k` or `set @taro 50k $5`: a channel or a person (pick them from Slack's list), "
        "with an optional dollar limit\n"
        "• `/ai-budget set here 100k` / `set me 50k`: this channel / yourself\n"
        "• `/ai-budget remove #sales`: drop a limit\n"
        "• `/ai-budget threshold 80`: warn at 80% of a limit\n"
        "• `/ai-budget policy block` or `policy downgrade`: at the limit, stop or use a cheaper model\n"
        "Token amounts: 200000, 200,000, 200k, 2m or 20万; 0 stops spending.",
    )


def parse_budget_command(text: str, language: str) -> BudgetCommand:
    """`/ai-budget` text (Slack-escaped) as a command; raises ArgumentError and nothing else."""
    words = _SLACK_WORD.findall(unicodedata.normalize("NFKC", text))
    if not words:
        return ShowBudget()
    verb, rest = _BUDGET_VERBS.get(words[0].lower()), words[1:]
    try:
        if verb is None:
            raise Unreadable(say(language, "'{word}' is not a budget command", word=words[0]))
        if verb in ("show", "help"):
            _nothing_after(words[0], rest, language)
            return ShowBudget() if verb == "show" else BudgetHelp()
        if verb == "set":
            return _set_limit(rest, language)
        if verb == "remove":
            _nothing_after(" ".join(words[:2]), rest[1:], language)
            return RemoveLimit(*_scope(_first(rest, language), language))
        if verb == "threshold":
            return SetThreshold(read_percent("".join(rest), language))
        return SetPolicy(_policy(rest, language))
    except Unreadable as problem:
        raise ArgumentError(str(problem), budget_usage(language)) from None


def _nothing_after(word: str, extra: list[str], language: str) -> None:
    if extra:
        raise Unreadable(say(language, "'{extra}' after '{word}' was not expected", extra=" ".join(extra), word=word))


def _first(rest: list[str], language: str) -> str:
    if not rest:
        raise Unreadable(say(language, "say whose limit: workspace, here, me, a #channel or an @person"))
    return rest[0]


def _scope(word: str, language: str) -> tuple[ScopeKind, str | None]:
    if match := _CHANNEL_REF.fullmatch(word):
        return "channel", match[1]
    if match := _USER_REF.fullmatch(word):
        return "user", match[1]
    if _HERE_REF.fullmatch(word):
        return "channel", None
    if kind := _SCOPE_WORDS.get(word.lower()):
        return kind, None
    if word.startswith("#"):
        raise Unreadable(
            say(
                language,
                "Slack did not recognise '{word}' as a channel: type # and pick the channel from Slack's list",
                word=word,
            )
        )
    if word.startswith("@") or word.lower() in ("user", "ユーザー"):
        raise Unreadable(
            say(
                language,
                "Slack did not recognise '{word}' as a person: type @ and pick them from Slack's list, or write me",
                word=word,
            )
        )
    raise Unreadable(say(language, "'{word}' is not one of workspace, here, me, a #channel or an @person", word=word))


def _set_limit(rest: list[str], language: str) -> SetLimit:
    kind, scope_id = _scope(_first(rest, language), language)
    amount = rest[1:]
    money = None
    if len(amount) >= 2 and amount[-1].lower() in _CURRENCY_WORDS:
        amount[-2:] = ["".join(amount[-2:])]
    last = amount[-1].lower() if amount else ""
    if last.startswith(("$", "us$")) or last.endswith(tuple(_CURRENCY_WORDS)):
        money = read_money_usd(amount.pop(), language)
    if not amount:
        raise Unreadable(
            say(language, "give the tokens a month after '{scope}', like set {scope} 2000000", scope=rest[0])
        )
    return SetLimit(kind, scope_id, read_tokens(" ".join(amount), language), money)


def _policy(rest: list[str], language: str) -> AtLimit:
    word = " ".join(rest)
    if word.lower() in _POLICY_WORDS:
        return _POLICY_WORDS[word.lower()]
    if not word:
        raise Unreadable(say(language, "say what happens at the limit: block or downgrade"))
    raise Unreadable(say(language, "'{word}' is not a policy: write block or downgrade", word=word))


# --- the budgets modal --------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetChanges:
    """What an admin asked for in the budgets modal; None leaves a setting as it is."""

    workspace_tokens: int | None = None
    channel: tuple[str, int] | None = None
    user: tuple[str, int] | None = None
    warn_at_percent: int | None = None
    policy: AtLimit | None = None


def read_budgets_modal(values: dict[str, Any], language: str) -> BudgetChanges | FieldErrors:
    """The budgets modal's `view.state.values` as changes, or errors keyed by block id."""
    errors: FieldErrors = {}
    read = read_fields(
        {
            block: (lambda block=block: optional(input_text(values, block), read_tokens, language))
            for block in (ids.BUDGET_WORKSPACE_TOKENS, ids.BUDGET_CHANNEL_TOKENS, ids.BUDGET_USER_TOKENS)
        }
        | {ids.BUDGET_WARN_AT: lambda: optional(input_text(values, ids.BUDGET_WARN_AT), read_percent, language)},
        errors,
    )
    picked = {
        ids.BUDGET_CHANNEL: input_state(values, ids.BUDGET_CHANNEL).get("selected_conversation"),
        ids.BUDGET_USER: input_state(values, ids.BUDGET_USER).get("selected_user"),
    }
    pairs = {ids.BUDGET_CHANNEL: ids.BUDGET_CHANNEL_TOKENS, ids.BUDGET_USER: ids.BUDGET_USER_TOKENS}
    for pick_block, tokens_block in pairs.items():
        if tokens_block in errors or (picked[pick_block] is None) == (read[tokens_block] is None):
            continue
        if picked[pick_block] is None:
            errors[pick_block] = say(language, "pick who these tokens are for")
        else:
            errors[tokens_block] = say(language, "give the tokens a month, like 200000")
    policy = chosen_value(values, ids.BUDGET_POLICY)
    if policy not in (None, *get_args(AtLimit)):
        errors[ids.BUDGET_POLICY] = say(language, "choose block or downgrade")
    if errors:
        return errors
    channel, user = ((name, read[pairs[block]]) if (name := picked[block]) else None for block in pairs)
    return BudgetChanges(
        workspace_tokens=read[ids.BUDGET_WORKSPACE_TOKENS], channel=channel, user=user,
        warn_at_percent=read[ids.BUDGET_WARN_AT], policy=policy,  # type: ignore[arg-type]  # checked against AtLimit above
    )  # fmt: skip
