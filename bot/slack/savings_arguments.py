"""`/ai-savings` text and the savings modal, read into a savings scenario."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from bot.domain.catalog import Catalog, Category, TaskBaseline
from bot.domain.messages import say
from bot.domain.plan import resolve_category
from bot.domain.quantities import COUNTER, Reading, Unclear, read_quantities
from bot.domain.quantities.leftovers import NOT_A_FIGURE
from bot.domain.quantities.model import reading_in
from bot.domain.quantities.ranges import range_ends
from bot.domain.savings import Period, Scenario
from bot.slack import ids
from bot.slack.argument_values import (
    ArgumentError,
    FieldErrors,
    Unreadable,
    chosen_value,
    clean,
    input_state,
    input_text,
    mixed_currencies,
    read_count,
    read_fields,
    read_money,
    read_time,
    scenario_or_problems,
    written_currency,
)


@dataclass(frozen=True)
class SavingsRequest:
    scenario: Scenario
    task: Category | None
    label: str | None  # the task in the person's words, when they named it
    ends: tuple[Scenario, Scenario] | None = None  # the scenario at its ranges' low and high ends, if it has ranges


_SAVINGS_BLOCKS = {
    "task": ids.SAVINGS_TASK, "volume": ids.SAVINGS_VOLUME, "period": ids.SAVINGS_PERIOD,
    "minutes_before": ids.SAVINGS_MINUTES_BEFORE, "minutes_after": ids.SAVINGS_MINUTES_AFTER,
    "hourly_cost": ids.SAVINGS_HOURLY_COST, "outsourcing_unit_cost": ids.SAVINGS_OUTSOURCING,
    "tool_cost_monthly": ids.SAVINGS_TOOL_COST, "currency": ids.SAVINGS_HOURLY_COST,
}  # fmt: skip


def savings_usage(language: str) -> str:
    return say(
        language,
        "Usage: `/ai-savings` with the task, how many, the time per unit before -> after and the staff cost an hour:\n"
        "• `/ai-savings 20 proposals/month 5h -> 1h @3000`\n"
        "• `/ai-savings 20 meetings a week 60min -> 5min @$40 tool 3000`\n"
        "• `/ai-savings 10 job listings/year outsourced 30000-50000`\n"
        "Periods: /day (a working day), /week, /month, /year. `@` is the staff cost an hour ($ for dollars); "
        "`tool` is what the AI tool costs a month; `outsourced` is an outside supplier's price per unit.",
    )


def parse_savings_text(
    text: str, language: str, default_currency: str = "JPY", *, catalog: Catalog | None = None
) -> SavingsRequest:
    """Inline `/ai-savings` text as a scenario; raises ArgumentError and nothing else.

    With the catalog the task words are matched to a category (its keywords, English and
    Japanese); without it the request keeps only the words.
    """
    try:
        return _savings_from_text(clean(text), language, default_currency, catalog)
    except Unreadable as problem:
        raise ArgumentError(str(problem), savings_usage(language)) from None


_CUE_WORDS = re.compile(
    r"(?<![a-z])(?:ai|tools?|outsourc(?:ed|ing|e)|at|for|each|per|a|an|and|with|staff|hourly|cost|rate|wage|month|week|day|year)"
    r"(?![a-z])|ツール(?:代|費)?|時給|外注(?:費)?|委託(?:費)?|->|→|=>|⇒|[@+¥$円~/:,;、。()!?]"
)


def _savings_from_text(text: str, language: str, default_currency: str, catalog: Catalog | None) -> SavingsRequest:
    """The text read by the one reader of quantities (`bot.domain.quantities`), then checked strictly: a
    slash command says what it could not read instead of leaving a number out."""
    reading = read_quantities(text)
    if reading.unclear:
        raise Unreadable(_unclear_problem(reading.unclear[0], language))
    if reading.not_used:
        unused = reading.not_used[0]
        if NOT_A_FIGURE.fullmatch(unused):  # @nan, @inf, 1e400
            raise Unreadable(
                say(language, "'{text}' is not a number: write figures like 20, 1.5 or 3,000", text=unused[:40])
            )
        raise Unreadable(say(language, "'{text}' could not be read", text=unused))
    label = _label(text, reading)
    category = resolve_category(label, catalog) if label and catalog else None
    _require_figures(reading, catalog.task(category) if catalog and category else None, language)
    if len(set(reading.currencies)) > 1:
        raise Unreadable(mixed_currencies(language))
    scenario = scenario_or_problems(
        {
            "task": category.value if category else label, "volume": reading.volume, "period": reading.period,
            "minutes_before": reading.minutes_before, "minutes_after": reading.minutes_after,
            "hourly_cost": reading.hourly_cost, "tool_cost_monthly": reading.tool_cost_monthly,
            "outsourcing_unit_cost": reading.outsourcing_unit_cost, "currency": reading.currency or default_currency,
        },
        language,
    )  # fmt: skip
    if isinstance(scenario, dict):
        raise Unreadable("; ".join(scenario.values()))
    return SavingsRequest(scenario=scenario, task=category, label=label, ends=range_ends(reading, scenario))


_PROBLEMS: dict[str, Callable[[str, str], str]] = {
    "period": lambda language, text: say(
        language, "say how many a day, week, month or year, like 20/month ('{text}' has no period)", text=text
    ),
    "stray": lambda language, text: say(language, "'{text}' could not be read", text=text),
    "length": lambda language, text: say(
        language, "the price is per word or character: give the words or characters a month, not '{text}'", text=text
    ),
    "audio": lambda language, text: say(
        language, "the price is per hour of audio: give the hours of audio a month, not '{text}'", text=text
    ),
    "how_often": lambda language, text: say(
        language, "say how often, like 4/month ('{text}' is a time with no count of how often)", text=text
    ),
    "how_many": lambda language, text: say(
        language, "say how many people do it, like 3 staff each ('{text}' is one person's volume)", text=text
    ),
    "time_unit": lambda language, text: say(
        language, "say whether '{times}' is in hours or minutes, like 5h -> 1h", times=text
    ),
}
"""What to write instead, for each kind of unclear number that needs its own words."""


def _unclear_problem(unclear: Unclear, language: str) -> str:
    problem = _PROBLEMS.get(unclear.kind)
    if problem is not None:
        return problem(language, unclear.text)
    readings = [reading_in(choice, language) for choice in unclear.choices]
    return say(
        language, "say what '{text}' is: {readings}", text=unclear.text, readings=say(language, ", or ").join(readings)
    )


def _label(text: str, reading: Reading) -> str | None:
    """The task in the person's words: what is left once the quantities and the words that mark them are
    taken out ("提案書"), else the words the volume counts ("job listings")."""
    rest = list(text)
    for start, end in reading.spans:
        rest[start:end] = " " * (end - start)
    words = [word for word in _CUE_WORDS.sub(" ", "".join(rest)).split() if not re.search(r"[0-9]", word)]
    if words:
        return " ".join(words)
    counted = reading.volume_words.strip()
    return counted if counted and not re.fullmatch(COUNTER, counted) else None


def _require_figures(reading: Reading, baseline: TaskBaseline | None, language: str) -> None:
    """A volume, and either the time per unit before and after or what outsourcing costs."""
    if reading.volume is None:
        raise Unreadable(say(language, "say how many a day, week, month or year, like 20/month"))
    if reading.minutes_after is None and reading.outsourcing_unit_cost is None:
        unit = baseline.unit(language) if baseline else say(language, "unit", context="task")
        raise Unreadable(
            say(
                language,
                "give the time per {unit} before and after, like 5h -> 1h (or the outsourcing price, like outsourced 30000-50000)",
                unit=unit,
            )
        )


def read_savings_modal(values: dict[str, Any], language: str, default_currency: str) -> SavingsRequest | FieldErrors:
    """The savings modal's `view.state.values` as a request, or errors keyed by block id."""
    errors: FieldErrors = {}
    read = read_fields(
        {
            ids.SAVINGS_VOLUME: lambda: read_count(input_text(values, ids.SAVINGS_VOLUME), language),
            ids.SAVINGS_MINUTES_BEFORE: lambda: read_time(input_text(values, ids.SAVINGS_MINUTES_BEFORE), language),
            ids.SAVINGS_MINUTES_AFTER: lambda: read_time(input_text(values, ids.SAVINGS_MINUTES_AFTER), language),
            ids.SAVINGS_HOURLY_COST: lambda: read_money(input_text(values, ids.SAVINGS_HOURLY_COST), language),
            ids.SAVINGS_OUTSOURCING: lambda: read_money(
                input_text(values, ids.SAVINGS_OUTSOURCING), language, ranges=True
            ),
            ids.SAVINGS_TOOL_COST: lambda: read_money(input_text(values, ids.SAVINGS_TOOL_COST), language),
        },
        errors,
    )
    if not errors and read[ids.SAVINGS_MINUTES_BEFORE] is None and read[ids.SAVINGS_OUTSOURCING] is None:
        errors[ids.SAVINGS_MINUTES_BEFORE] = say(
            language, "give today's minutes per unit (like 300 or 5h), or an outsourcing price below"
        )
    amounts = {
        block: read.get(block) for block in (ids.SAVINGS_HOURLY_COST, ids.SAVINGS_OUTSOURCING, ids.SAVINGS_TOOL_COST)
    }
    currency, clash = written_currency(amounts, default_currency)
    if clash:
        errors[clash] = mixed_currencies(language)
    if errors:
        return errors
    option = input_state(values, ids.SAVINGS_TASK).get("selected_option") or {}
    category = Category(option["value"]) if option.get("value") in set(Category) else None
    label = (option.get("text") or {}).get("text")
    hourly, outsourcing, tool = amounts.values()
    scenario = scenario_or_problems(
        {
            "task": option.get("value"), "volume": read[ids.SAVINGS_VOLUME], "period": _period(values),
            "minutes_before": read[ids.SAVINGS_MINUTES_BEFORE], "minutes_after": read[ids.SAVINGS_MINUTES_AFTER],
            "hourly_cost": hourly.low if hourly else None, "tool_cost_monthly": tool.low if tool else None,
            "outsourcing_unit_cost": outsourcing.value if outsourcing else None, "currency": currency,
        },
        language,
    )  # fmt: skip
    if isinstance(scenario, dict):
        return {_SAVINGS_BLOCKS.get(field, ids.SAVINGS_VOLUME): message for field, message in scenario.items()}
    return SavingsRequest(scenario=scenario, task=category, label=label)


def _period(values: dict[str, Any]) -> Period:
    chosen = chosen_value(values, ids.SAVINGS_PERIOD)
    return chosen if chosen in get_args(Period) else "month"  # type: ignore[return-value]  # checked against Period
