"""What people read about how their question was read: the "Read as" line of every calculation,
the question back when a number could mean two things, and the tools it named that the catalog lacks."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.domain.messages import say
from bot.domain.money import Currency, format_money
from bot.domain.quantities import NUMBER, Reading, Unclear
from bot.domain.quantities.model import reading_in
from bot.domain.quantities.words import SITES_EN, SITES_JA
from bot.domain.savings import Scenario
from bot.text.answers import period_words


def _quantity(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _span(low: str, high: str, language: str) -> str:
    """A range: "10–15", 「10〜15」."""
    return say(language, "{low}–{high}", low=low, high=high)


def _money(value: float | tuple[float, float], currency: Currency, language: str) -> str:
    if isinstance(value, tuple):
        return _span(format_money(value[0], currency), format_money(value[1], currency), language)
    return format_money(value, currency)


def _minutes(reading: Reading, role: str, value: float, language: str) -> str:
    """A time as read, to a hundredth of a minute (a quarter of a minute is 0.25, not 0.2): "10–15" for a range,
    else the number."""
    if role in reading.ranges and value == getattr(reading, role):
        low, high = reading.ranges[role]
        return _span(f"{round(low, 2):g}", f"{round(high, 2):g}", language)
    return f"{round(value, 2):g}"


def reading_line(reading: Reading, scenario: Scenario, language: str) -> str:
    """ "Read as: 3 people × 8 reports a week = 104 a month; 30 → 10 minutes each; staff at ¥2,200 an hour"."""
    currency = scenario.currency
    parts: list[str] = []
    if reading.volume is not None and reading.period is not None:
        parts.append(_volume(reading, scenario, language))
    if reading.outsourcing_monthly_spend is not None:
        spend = _money(reading.outsourcing_monthly_spend, currency, language)
        parts.append(say(language, "{spend} a month paid to an outside supplier", spend=spend))
    if scenario.minutes_before is not None and reading.minutes_before is not None:
        before = _minutes(reading, "minutes_before", scenario.minutes_before, language)
        if reading.minutes_after is not None:
            after = _minutes(reading, "minutes_after", reading.minutes_after, language)
            if reading.after_share is not None and "minutes_before" in reading.ranges:
                low, high = reading.ranges["minutes_before"]
                share = reading.after_share
                after = _span(f"{round(low * share, 1):g}", f"{round(high * share, 1):g}", language)
            parts.append(say(language, "{before} → {after} minutes each", before=before, after=after))
        else:
            parts.append(say(language, "{before} minutes each today", before=before))
    if reading.hourly_cost is not None:
        rate = _money(reading.ranges.get("hourly_cost") or reading.hourly_cost, currency, language)
        parts.append(say(language, "staff at {rate} an hour", rate=rate))
    if reading.outsourcing_unit_cost is not None:
        price = _money(reading.outsourcing_unit_cost, currency, language)
        if reading.outsourcing_per_audio_hour:
            parts.append(say(language, "outsourced at {price} per hour of audio", price=price))
        else:
            parts.append(say(language, "outsourced at {price} each", price=price))
    if reading.tool_cost_monthly is not None:
        price = format_money(reading.tool_cost_monthly, currency)
        parts.append(say(language, "AI tool {price} a month", price=price))
    if reading.tool_cost_per_unit is not None:
        parts.append(say(language, "AI tool {price} each", price=format_money(reading.tool_cost_per_unit, currency)))
    if reading.setup_cost is not None:
        parts.append(say(language, "set-up {price} once", price=format_money(reading.setup_cost, currency)))
    if reading.not_used and parts:
        parts.append(say(language, "not used: {numbers}", numbers=say(language, ", ").join(reading.not_used)))
    if not parts:
        return ""
    return say(language, "Read as: {parts}", parts=say(language, "; ").join(parts))


def _who(reading: Reading, language: str) -> str:
    """Who each do the volume: "3 people", or the shops as written ("6 shops", 「3店舗」)."""
    assert reading.people is not None
    written = next((item.text for item in reading.items if item.role == "people"), "")
    sites = re.search(rf"{NUMBER}\s*+(?:{SITES_EN}|{SITES_JA})", written)
    return sites[0] if sites else say(language, "{people} people", people=_quantity(reading.people))


def _volume(reading: Reading, scenario: Scenario, language: str) -> str:
    """The volume as read: "3 people × 8 reports a week = 104 a month", "8 a day × 30 days (open every day) = …"."""
    assert reading.volume is not None and reading.period is not None
    words = reading.volume_words or say(language, "units", context="counted")
    if reading.volume_is_recorded_hours:
        words = say(language, "hours of recordings")
    elif reading.volume_is_hours:
        words = say(language, "hours of work")
    per = period_words(reading.period, language)
    ranged = reading.ranges.get("volume")
    if reading.days_a_month is not None:  # a business open every day: "8 a day × 30 days = 240 a month"
        days = reading.days_a_month
        return say(
            language,
            "{daily} {words} a day × {days:g} days (open every day) = {monthly} a month",
            daily=_span(_quantity(ranged[0] / days), _quantity(ranged[1] / days), language)
            if ranged
            else _quantity(reading.volume / days),
            words=words,
            days=days,
            monthly=_span(_quantity(ranged[0]), _quantity(ranged[1]), language)
            if ranged
            else _quantity(scenario.monthly_volume),
        )
    if reading.people and reading.volume_per_person == 1 and not reading.volume_words and ranged is None:
        volume = say(language, "{who}, each once {per}", who=_who(reading, language), per=per)
    elif reading.people and reading.volume_per_person is not None:
        each = (
            _span(_quantity(ranged[0] / reading.people), _quantity(ranged[1] / reading.people), language)
            if ranged is not None
            else _quantity(reading.volume_per_person)
        )
        volume = say(
            language, "{who} × {each} {words} {per}", who=_who(reading, language), each=each, words=words, per=per
        )
    elif ranged is not None:
        span = _span(_quantity(ranged[0]), _quantity(ranged[1]), language)
        volume = say(language, "{count} {words} {per}", count=span, words=words, per=per)
    elif reading.volume == 1 and not reading.volume_words:  # done once a period
        volume = say(language, "once {per}", per=per)
    else:
        volume = say(language, "{count} {words} {per}", count=_quantity(reading.volume), words=words, per=per)
    if reading.period == "month" and reading.volume_per_person is None:
        return volume
    if ranged is not None:
        factor = scenario.monthly_volume / scenario.volume
        monthly = _span(_quantity(ranged[0] * factor), _quantity(ranged[1] * factor), language)
    else:
        monthly = _quantity(scenario.monthly_volume)
    return volume + say(language, " = {monthly} a month", monthly=monthly)


_QUESTIONS_BACK: dict[str, Callable[..., str]] = {
    # several figures for one thing: two staff costs, two times, two volumes
    "which": lambda language, **values: say(
        language,
        "Before I work this out: the question gives more than one figure for the same thing ({text}). "
        "Which should I count?\n{choices}\nI would rather ask than give you a figure built on a guess.",
        **values,
    ),
    # a price per word or character, a volume in pages
    "length": lambda language, **values: say(
        language,
        "Before I work this out: the price is per word or character, and “{text}” counts pages or "
        "documents. About how long is each?\n{choices}\nOr ask again with the words or characters a month.",
        **values,
    ),
    # one person's volume, and no count of the people
    "how_many": lambda language, **values: say(
        language,
        "Before I work this out: how many people do this? “{text}” gives one person's volume.\n{choices}\n"
        "Or ask again with how many people do it.",
        **values,
    ),
    # a time and what it saves, but no count of how often
    "how_often": lambda language, **values: say(
        language,
        "Before I work this out: how often is this done? The question gives the time ({text}) but not how "
        "many a day, a week or a month.\n{choices}\nOr ask again with how many a month.",
        **values,
    ),
    # a price per hour of audio, a volume in recordings
    "audio": lambda language, **values: say(
        language,
        "Before I work this out: the price is per hour of audio, and “{text}” counts recordings. About how "
        "long is each?\n{choices}\nOr ask again with the hours of audio a month.",
        **values,
    ),
}
"""The question back for each kind of unclear number that needs its own words; any other asks what it means."""


def clarify_answer(reading: Reading, language: str) -> str:
    """The question back about the first unclear number, with its numbered readings (0 tokens, nothing guessed)."""
    unclear: Unclear = reading.unclear[0]
    # Each reading comes with its words in both languages from bot/domain/quantities.
    choices = "\n".join(f"{number}. {reading_in(choice, language)}" for number, choice in enumerate(unclear.choices, 1))
    asked = _QUESTIONS_BACK.get(unclear.kind)
    if asked is not None:
        return asked(language, text=unclear.text, choices=choices)
    return say(
        language,
        "Before I work this out: what does “{text}” mean here?\n{choices}\n"
        "I would rather ask than give you a figure built on a guess.",
        text=unclear.text,
        choices=choices,
    )


def choose_hint(count: int, language: str) -> str:
    """How to answer a question back in the terminal: the next line picks a reading."""
    numbers = ", ".join(str(number) for number in range(1, count + 1))
    return say(language, "(Reply with {numbers}, or ask again with the number written out.)", numbers=numbers)


def with_unlisted(answer: str, names: list[str], language: str) -> str:
    """The answer with "Notta is not in the catalog yet" near its top (after the "Read as" line of a calculation):
    a tool asked about is never silently left out."""
    listed = say(language, ", ").join(names)
    if len(names) == 1:
        line = say(language, "{names} is not in the catalog yet, so not priced here.", names=listed)
    else:
        line = say(language, "{names} are not in the catalog yet, so not priced here.", names=listed)
    first, _, rest = answer.partition("\n")
    if first.startswith(("Read as: ", "読み取り：")):
        return f"{first}\n{line}\n{rest}"
    return f"{line}\n{answer}"


def model_choice_line(chosen: list[tuple[str, str, str]], model: str, language: str) -> str:
    """How a model settled the numbers the reader could read two ways: "“20 a day” taken as: each of the 5 does the volume"."""
    # Each reading comes with its words in both languages from bot/advisor/model_reading.
    taken = [
        say(language, "“{number}” as {reading}", number=number, reading=japanese if language == "ja" else english)
        for number, english, japanese in chosen
    ]
    return say(
        language,
        "{taken}: the model {model} read your numbers this way, and only this way.",
        taken=say(language, "; ").join(taken),
        model=model,
    )


def reading_footer(
    path: str, model: str, prompt_tokens: int, completion_tokens: int, cost_usd: float, language: str
) -> str:
    """The cost line of an answer whose numbers a model read: the calculator answered, the reading cost this."""
    source = (
        say(language, "Answered from {source}", source=say(language, "the savings calculator"))
        if path == "calculator"
        else say(language, "Asked back by the savings calculator: the model's reading did not settle it")
    )
    cost = say(
        language,
        "numbers read by {model} · {tokens} tokens · ${cost:.5f}",
        model=model,
        tokens=f"{prompt_tokens:,} + {completion_tokens:,}",
        cost=cost_usd,
    )
    return f"— {source} · {cost}"
