"""`/ai-savings` text and the savings modal, read into a savings scenario."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, get_args

from bot.answers import pick
from bot.domain.catalog import Catalog, Category, TaskBaseline
from bot.domain.plan import resolve_category
from bot.domain.savings import Period, Scenario
from bot.slack import ids
from bot.slack.argument_values import (
    MONEY,
    MONEY_RANGE,
    PERIOD_WORDS,
    TIMES,
    VOLUMES,
    Amount,
    ArgumentError,
    FieldErrors,
    Unreadable,
    chosen_value,
    clean,
    input_state,
    input_text,
    mixed_currencies,
    not_an_amount,
    read_amount,
    read_count,
    read_fields,
    read_money,
    read_time,
    read_times,
    scenario_or_problems,
    written_currency,
)


@dataclass(frozen=True)
class SavingsRequest:
    scenario: Scenario
    task: Category | None
    label: str | None  # the task in the person's words, when they named it


_HOURLY = re.compile(
    rf"(?:@|時給|hourly(?:\s++(?:cost|rate|wage))?\s*+:?)\s*+(?P<amount>{MONEY})"
    r"(?:\s*+(?:/\s*+(?:hour|hr|h|時間)|an hour|per hour))?(?![a-z])"
)
_TOOL = re.compile(
    rf"\+?\s*+(?:ai\s++)?(?:tools?|ツール(?:代|費)?)\s*+:?\s*+(?P<amount>{MONEY})"
    r"(?:\s*+(?:/\s*+(?:month|mo|月)|a month|per month))?(?![a-z])"
)
_OUTSOURCED = re.compile(rf"(?:outsourc(?:ed|ing|e)|外注(?:費)?|委託(?:費)?)\s*+(?:at|@|for|:)?\s*+(?P<amount>{MONEY_RANGE})(?:\s*+each)?(?![a-z])")
_SAVINGS_BLOCKS = {
    "task": ids.SAVINGS_TASK, "volume": ids.SAVINGS_VOLUME, "period": ids.SAVINGS_PERIOD,
    "minutes_before": ids.SAVINGS_MINUTES_BEFORE, "minutes_after": ids.SAVINGS_MINUTES_AFTER,
    "hourly_cost": ids.SAVINGS_HOURLY_COST, "outsourcing_unit_cost": ids.SAVINGS_OUTSOURCING,
    "tool_cost_monthly": ids.SAVINGS_TOOL_COST, "currency": ids.SAVINGS_HOURLY_COST,
}  # fmt: skip


def savings_usage(language: str) -> str:
    return pick(
        language,
        "Usage: `/ai-savings` with the task, how many, the time per unit before -> after and the staff cost an hour:\n"
        "• `/ai-savings 20 proposals/month 5h -> 1h @3000`\n"
        "• `/ai-savings 20 meetings a week 60min -> 5min @$40 tool 3000`\n"
        "• `/ai-savings 10 job listings/year outsourced 30000-50000`\n"
        "Periods: /day (a working day), /week, /month, /year. `@` is the staff cost an hour ($ for dollars); "
        "`tool` is what the AI tool costs a month; `outsourced` is an outside supplier's price per unit.",
        "使い方：`/ai-savings` の後に、業務、件数、1件あたりの時間（導入前→導入後）、時給を書きます：\n"
        "• `/ai-savings 提案書 月20件 5時間→1時間 時給3000円`\n"
        "• `/ai-savings 議事録 週5件 60分→5分 @3000 ツール 3000`\n"
        "• `/ai-savings 求人原稿 年10件 外注 30000-50000`\n"
        "期間：1日（営業日）・週・月・年（/day、/week、/month、/year）。`@` または `時給` は1時間あたりの人件費（$ を付けるとドル）、"
        "`ツール` はAIツールの月額、`外注` は外注先の1件あたりの価格です。",
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


class _Reading:
    """Inline text read piece by piece: what a pattern reads is blanked out, so nothing is read twice."""

    def __init__(self, text: str) -> None:
        self.text = text

    def take(self, pattern: re.Pattern[str], keep: str | None = None) -> re.Match[str] | None:
        match = pattern.search(self.text)
        if match is not None:
            kept = match.span(keep) if keep in match.groupdict() else (match.end(), match.end())
            for start, end in ((match.start(), kept[0]), (kept[1], match.end())):
                self.text = self.text[:start] + " " * (end - start) + self.text[end:]
        return match

    def amount(self, pattern: re.Pattern[str], language: str) -> Amount | None:
        match = self.take(pattern)
        if match is None:
            return None
        return read_amount(match["amount"].strip()) or not_an_amount(match["amount"].strip(), language)

    def rest(self) -> str:
        return re.sub(r"[\s,;:、。!?()]+", " ", self.text).strip()


def _savings_from_text(text: str, language: str, default_currency: str, catalog: Catalog | None) -> SavingsRequest:
    reading = _Reading(text)
    hourly, tool, outsourcing = (reading.amount(pattern, language) for pattern in (_HOURLY, _TOOL, _OUTSOURCED))
    times = reading.take(TIMES)
    found_volume = next(filter(None, (reading.take(pattern, keep="words") for pattern in VOLUMES)), None)
    words = reading.rest().split()
    label = " ".join(word for word in words if not re.search(r"[0-9]", word)) or None
    category = resolve_category(label, catalog) if label and catalog else None
    volume = _require_figures(found_volume, times or outsourcing, catalog.task(category) if catalog and category else None, language)
    if stray := next((word for word in words if re.search(r"[0-9]", word)), None):
        raise Unreadable(pick(language, f"'{stray}' could not be read", f"「{stray}」が読み取れません"))
    currency, clash = written_currency({"hourly": hourly, "tool": tool, "outsourcing": outsourcing}, default_currency)
    if clash:
        raise Unreadable(mixed_currencies(language))
    before, after = read_times(times, language) if times else (None, None)
    scenario = scenario_or_problems(
        {
            "task": category.value if category else label, "volume": float(volume["n"]),
            "period": PERIOD_WORDS[volume["p"]], "minutes_before": before, "minutes_after": after,
            "hourly_cost": hourly.low if hourly else None, "tool_cost_monthly": tool.low if tool else None,
            "outsourcing_unit_cost": outsourcing.value if outsourcing else None, "currency": currency,
        },
        language,
    )  # fmt: skip
    if isinstance(scenario, dict):
        raise Unreadable("; ".join(scenario.values()))
    return SavingsRequest(scenario=scenario, task=category, label=label)


def _require_figures(
    volume: re.Match[str] | None, way_to_save: object, baseline: TaskBaseline | None, language: str
) -> re.Match[str]:
    """A volume, and either the time per unit before and after or what outsourcing costs."""
    if volume is None:
        raise Unreadable(pick(language, "say how many a day, week, month or year, like 20/month",
                              "1日・週・月・年あたりの件数を書いてください（例：月20件、20/month）"))
    if way_to_save is None:
        unit = baseline.unit(language) if baseline else pick(language, "unit", "1件")
        raise Unreadable(pick(
            language,
            f"give the time per {unit} before and after, like 5h -> 1h (or the outsourcing price, like outsourced 30000-50000)",
            f"{unit}あたりの時間を導入前→導入後で書いてください（例：5時間→1時間）。外注なら外注費を（例：外注 30000-50000）",
        ))
    return volume


def read_savings_modal(values: dict[str, Any], language: str, default_currency: str) -> SavingsRequest | FieldErrors:
    """The savings modal's `view.state.values` as a request, or errors keyed by block id."""
    errors: FieldErrors = {}
    read = read_fields(
        {
            ids.SAVINGS_VOLUME: lambda: read_count(input_text(values, ids.SAVINGS_VOLUME), language),
            ids.SAVINGS_MINUTES_BEFORE: lambda: read_time(input_text(values, ids.SAVINGS_MINUTES_BEFORE), language),
            ids.SAVINGS_MINUTES_AFTER: lambda: read_time(input_text(values, ids.SAVINGS_MINUTES_AFTER), language),
            ids.SAVINGS_HOURLY_COST: lambda: read_money(input_text(values, ids.SAVINGS_HOURLY_COST), language),
            ids.SAVINGS_OUTSOURCING: lambda: read_money(input_text(values, ids.SAVINGS_OUTSOURCING), language, ranges=True),
            ids.SAVINGS_TOOL_COST: lambda: read_money(input_text(values, ids.SAVINGS_TOOL_COST), language),
        },
        errors,
    )
    if not errors and read[ids.SAVINGS_MINUTES_BEFORE] is None and read[ids.SAVINGS_OUTSOURCING] is None:
        errors[ids.SAVINGS_MINUTES_BEFORE] = pick(
            language, "give today's minutes per unit (like 300 or 5h), or an outsourcing price below",
            "現在の1件あたりの時間（例：300、5h）か、下の外注費を入力してください",
        )  # fmt: skip
    amounts = {block: read.get(block) for block in (ids.SAVINGS_HOURLY_COST, ids.SAVINGS_OUTSOURCING, ids.SAVINGS_TOOL_COST)}
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
    return chosen if chosen in get_args(Period) else "month"  # type: ignore[return-value]


