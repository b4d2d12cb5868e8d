"""The modals: the savings calculator, the company profile, the budgets and a price seen.

Each input's block id is its action id (see `ids.py`), so `arguments.py` finds a value
at `values[block_id][block_id]`. Slack rejects a whole view that breaks one of its limits,
so the limits are checked here, where a broken view is built, and not found out in Slack.
"""

from __future__ import annotations

from typing import Any, get_args

from bot.domain.budget import BudgetPolicy
from bot.domain.catalog import PriceUnit, Tool, unit_label
from bot.domain.messages import say
from bot.domain.money import CURRENCIES
from bot.domain.plan import CompanyProfile
from bot.domain.savings import Period
from bot.slack import ids
from bot.slack.argument_values import plain_number
from bot.slack.arguments import profile_tasks_text
from bot.text.answers import period_words

Block = dict[str, Any]

# Slack's limits for a modal and its parts.
MAX_TITLE = 24
MAX_BUTTON = 24
MAX_LABEL = 2_000
MAX_PLACEHOLDER = 150
MAX_BLOCKS = 100
MAX_METADATA = 3_000
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_TEXT_INPUT = 3_000

NUMBER_LENGTH = 40  # "¥30,000-¥50,000" with room to spare
NAME_LENGTH = 150
SOURCE_LENGTH = 2_000


def savings_modal(tasks: list[tuple[str, str]], language: str, private_metadata: str) -> dict[str, Any]:
    """The calculator: `tasks` are (value, label) pairs for the optional task menu."""
    blocks = []
    if tasks:
        blocks.append(_input(ids.SAVINGS_TASK, say(language, "Task"), _select(ids.SAVINGS_TASK, tasks), optional=True))
    periods = [(period, period_words(period, language)) for period in get_args(Period)]
    blocks += [
        _input(ids.SAVINGS_VOLUME, say(language, "How many"), _number(ids.SAVINGS_VOLUME, "20")),
        _input(
            ids.SAVINGS_PERIOD,
            say(language, "Per"),
            _select(ids.SAVINGS_PERIOD, periods, initial="month"),
        ),
        _input(
            ids.SAVINGS_MINUTES_BEFORE,
            say(language, "Minutes per unit today"),
            _number(ids.SAVINGS_MINUTES_BEFORE, say(language, "300, or 5h")),
            optional=True,
            hint=say(language, "Leave empty if the task is outsourced today."),
        ),
        _input(
            ids.SAVINGS_MINUTES_AFTER,
            say(language, "Minutes per unit with AI"),
            _number(ids.SAVINGS_MINUTES_AFTER, say(language, "60, or 1h")),
            optional=True,
        ),
        _input(
            ids.SAVINGS_HOURLY_COST,
            say(language, "Staff cost per hour"),
            _number(ids.SAVINGS_HOURLY_COST, say(language, "3,000 or $40")),
            optional=True,
            hint=say(language, "Write $ for US dollars; otherwise the workspace's currency."),
        ),
        _input(
            ids.SAVINGS_OUTSOURCING,
            say(language, "Outsourcing price per unit"),
            _number(
                ids.SAVINGS_OUTSOURCING,
                say(language, "5,000, or a range: 30,000-50,000"),
            ),
            optional=True,
        ),
        _input(
            ids.SAVINGS_TOOL_COST,
            say(language, "AI tool cost a month"),
            _number(ids.SAVINGS_TOOL_COST, "3,000"),
            optional=True,
            hint=say(language, "Leave empty for a free tier."),
        ),
    ]
    return _modal(
        ids.SAVINGS_MODAL,
        say(language, "Savings calculator"),
        say(language, "Calculate"),
        blocks,
        language,
        private_metadata,
    )


def profile_modal(profile: CompanyProfile | None, language: str, private_metadata: str) -> dict[str, Any]:
    """The company profile, prefilled from `profile` when there is one."""
    currencies = [
        ("JPY", say(language, "Yen (JPY)")),
        ("USD", say(language, "US dollars (USD)")),
    ]
    languages = [("ja", say(language, "Japanese")), ("en", say(language, "English"))]
    example = say(language, "proposals, 20/month, 300 min, 60 min\njob listings, 10/year, outsourced 30000-50000")
    blocks = [
        _input(
            ids.PROFILE_NAME,
            say(language, "Company name"),
            _text_input(ids.PROFILE_NAME, NAME_LENGTH, initial=profile.name if profile else None),
            optional=True,
        ),
        _input(
            ids.PROFILE_HOURLY_COST,
            say(language, "Staff cost per hour"),
            _number(ids.PROFILE_HOURLY_COST, "3,000", initial=plain_number(profile.hourly_cost) if profile else None),
        ),
        _input(
            ids.PROFILE_CURRENCY,
            say(language, "Currency"),
            _select(ids.PROFILE_CURRENCY, currencies, initial=profile.currency if profile else "JPY"),
        ),
        _input(
            ids.PROFILE_LANGUAGE,
            say(language, "Language your AI tools must handle"),
            _select(
                ids.PROFILE_LANGUAGE, languages, initial=profile.language if profile else _tools_language(language)
            ),
        ),
        _input(
            ids.PROFILE_TASKS,
            say(language, "Tasks, one a line"),
            _text_input(
                ids.PROFILE_TASKS,
                MAX_TEXT_INPUT,
                initial=profile_tasks_text(profile, language) if profile else None,
                placeholder=example.splitlines()[0],
                multiline=True,
            ),
            hint=say(
                language,
                "Task, how many, minutes today, minutes with AI (optional); or the outsourcing price. For example:\n{example}",
                example=example,
            ),
        ),
    ]
    return _modal(
        ids.PROFILE_MODAL,
        say(language, "Company profile"),
        say(language, "Save"),
        blocks,
        language,
        private_metadata,
    )


def budgets_modal(
    workspace_tokens: int | None, policy: BudgetPolicy, language: str, private_metadata: str
) -> dict[str, Any]:
    """Monthly token limits for the workspace, one channel and one person; the warning and the at-limit policy."""
    tokens_example = say(language, "200,000, 200k or 2m")
    policies = [
        ("block", say(language, "Stop: decline the question")),
        ("downgrade", say(language, "Downgrade: answer with a cheaper model")),
    ]
    blocks = [
        _input(
            ids.BUDGET_WORKSPACE_TOKENS,
            say(language, "Workspace tokens a month"),
            _number(
                ids.BUDGET_WORKSPACE_TOKENS,
                tokens_example,
                initial=f"{workspace_tokens:,}" if workspace_tokens is not None else None,
            ),
            optional=True,
            hint=say(language, "0 stops all spending."),
        ),
        _input(
            ids.BUDGET_CHANNEL,
            say(language, "Channel"),
            {
                "type": "conversations_select",
                "action_id": ids.BUDGET_CHANNEL,
                "filter": {"include": ["public", "private"], "exclude_bot_users": True},
                "placeholder": _plain(say(language, "Pick a channel")),
            },
            optional=True,
        ),
        _input(
            ids.BUDGET_CHANNEL_TOKENS,
            say(language, "That channel's tokens a month"),
            _number(ids.BUDGET_CHANNEL_TOKENS, tokens_example),
            optional=True,
        ),
        _input(
            ids.BUDGET_USER,
            say(language, "Person"),
            {
                "type": "users_select",
                "action_id": ids.BUDGET_USER,
                "placeholder": _plain(say(language, "Pick a person")),
            },
            optional=True,
        ),
        _input(
            ids.BUDGET_USER_TOKENS,
            say(language, "That person's tokens a month"),
            _number(ids.BUDGET_USER_TOKENS, tokens_example),
            optional=True,
        ),
        _input(
            ids.BUDGET_WARN_AT,
            say(language, "Warn at (% of a limit)"),
            _number(ids.BUDGET_WARN_AT, "80", initial=str(round(policy.warn_at * 100))),
        ),
        _input(
            ids.BUDGET_POLICY,
            say(language, "At the limit"),
            _radio(ids.BUDGET_POLICY, policies, initial=policy.at_limit),
        ),
    ]
    return _modal(
        ids.BUDGETS_MODAL,
        say(language, "AI budgets"),
        say(language, "Save"),
        blocks,
        language,
        private_metadata,
    )


def price_modal(
    tool: Tool, language: str, private_metadata: str, amount: float | None, currency: str | None
) -> dict[str, Any]:
    """The `/ai-inventory update` form for one tool: its plan, the price, currency, unit and source."""
    priced = [plan for plan in tool.plans if plan.prices]
    plans = [(plan.name[:150], plan.name) for plan in priced] or [(plan.name[:150], plan.name) for plan in tool.plans]
    units = sorted({price.unit for plan in priced for price in plan.prices}, key=list(PriceUnit).index) or list(
        PriceUnit
    )
    initial_currency = currency if currency in CURRENCIES else (priced[0].prices[0].currency if priced else None)
    blocks = [
        _input(ids.PRICE_PLAN, say(language, "Plan"), _select(ids.PRICE_PLAN, plans, plans[0][0])),
        _input(
            ids.PRICE_AMOUNT,
            say(language, "Price"),
            _number(ids.PRICE_AMOUNT, "1480", plain_number(amount) if amount else None),
            hint=say(language, "The price as the page shows it, for the unit below; an annual plan per month."),
        ),
        _input(
            ids.PRICE_CURRENCY,
            say(language, "Currency"),
            _select(ids.PRICE_CURRENCY, [(c, c) for c in CURRENCIES], initial_currency),
        ),
        _input(
            ids.PRICE_UNIT,
            say(language, "Per", context="price unit"),
            _select(ids.PRICE_UNIT, [(unit.value, unit_label(unit, language)) for unit in units], units[0].value),
        ),
        _input(
            ids.PRICE_SOURCE,
            say(language, "Source page"),
            _text_input(ids.PRICE_SOURCE, SOURCE_LENGTH, initial=str(tool.price_source)),
            optional=True,
        ),
    ]
    return _modal(
        ids.PRICE_MODAL, say(language, "Record a price"), say(language, "Record"), blocks, language, private_metadata
    )


def _tools_language(language: str) -> str:
    return "ja" if language == "ja" else "en"


# --- Block Kit parts ------------------------------------------------------------------------


def _modal(
    callback_id: str, title: str, submit: str, blocks: list[Block], language: str, private_metadata: str
) -> dict[str, Any]:
    _check(len(title) <= MAX_TITLE, f"title {title!r} is longer than {MAX_TITLE} characters")
    _check(len(blocks) <= MAX_BLOCKS, f"{len(blocks)} blocks is more than {MAX_BLOCKS}")
    _check(len(private_metadata) <= MAX_METADATA, f"private_metadata is longer than {MAX_METADATA} characters")
    close = say(language, "Cancel")
    _check(max(len(submit), len(close)) <= MAX_BUTTON, f"a button label is longer than {MAX_BUTTON} characters")
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(title),
        "submit": _plain(submit),
        "close": _plain(close),
        "private_metadata": private_metadata,
        "blocks": blocks,
    }


def _input(block_id: str, label: str, element: Block, *, optional: bool = False, hint: str | None = None) -> Block:
    _check(
        max(len(label), len(hint or "")) <= MAX_LABEL,
        f"the label or hint of {block_id} is longer than {MAX_LABEL} characters",
    )
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = _plain(hint)
    return block


def _number(action_id: str, placeholder: str, initial: str | None = None) -> Block:
    return _text_input(action_id, NUMBER_LENGTH, initial=initial, placeholder=placeholder)


def _text_input(
    action_id: str,
    max_length: int,
    *,
    initial: str | None = None,
    placeholder: str | None = None,
    multiline: bool = False,
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": action_id,
        "max_length": max_length,
        "multiline": multiline,
    }
    if placeholder:
        element["placeholder"] = _plain(placeholder[:MAX_PLACEHOLDER])
    if initial:
        _check(len(initial) <= max_length, f"the initial value of {action_id} is longer than {max_length} characters")
        element["initial_value"] = initial
    return element


def _select(action_id: str, choices: list[tuple[str, str]], initial: str | None = None) -> Block:
    _check(0 < len(choices) <= MAX_OPTIONS, f"{action_id} needs 1 to {MAX_OPTIONS} options")
    options = [_option(value, text) for value, text in choices]
    element: Block = {"type": "static_select", "action_id": action_id, "options": options}
    element.update(_initial(options, initial))
    return element


def _radio(action_id: str, choices: list[tuple[str, str]], initial: str | None = None) -> Block:
    options = [_option(value, text) for value, text in choices]
    return {"type": "radio_buttons", "action_id": action_id, "options": options, **_initial(options, initial)}


def _initial(options: list[Block], value: str | None) -> Block:
    """Slack wants the initial option to be one of the options, text and all."""
    chosen = next((option for option in options if option["value"] == value), None)
    return {"initial_option": chosen} if chosen else {}


def _option(value: str, text: str) -> Block:
    _check(len(value) <= MAX_OPTION_VALUE, f"option value {value!r} is longer than {MAX_OPTION_VALUE} characters")
    shown = text if len(text) <= MAX_OPTION_TEXT else text[: MAX_OPTION_TEXT - 1] + "…"
    return {"text": _plain(shown), "value": value}


def _plain(text: str) -> Block:
    return {"type": "plain_text", "text": text, "emoji": True}


def _check(holds: bool, problem: str) -> None:
    """A view Slack would reject is a bug here, not something to send."""
    if not holds:
        raise ValueError(f"this modal breaks a Slack limit: {problem}")
