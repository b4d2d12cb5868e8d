"""The savings calculator's answers to questions: the scenario built from what was read of a
question, the cheapest fitting tool, the "Read as" line; and the question back when a number
could be read two ways."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import ValidationError

from bot.domain.catalog import Catalog, PlanCost, TaskBaseline
from bot.domain.intents import Intent
from bot.domain.language import tools_speaking
from bot.domain.messages import say
from bot.domain.money import Currency, ExchangeRate
from bot.domain.plan import baseline_scales, scaled_minutes_after
from bot.domain.quantities import Reading
from bot.domain.quantities.model import reading_in
from bot.domain.quantities.ranges import range_ends
from bot.domain.savings import Scenario, calculate, calculate_between
from bot.text import answers
from bot.text.reading import clarify_answer, reading_line
from bot.text.validation import describe_validation_error


def calculator_answer(
    intent: Intent, catalog: Catalog, rate: ExchangeRate, default_currency: Currency
) -> dict[str, Any]:
    """The calculation a question asks for, from what was read of it: the fields of its answer.

    What the question does not give comes from the catalog's task baseline (time per unit,
    outsourcing price) and its cheapest fitting tool, each named in the assumptions.
    """
    language = intent.language
    figures = intent.figures
    category = intent.categories[0] if intent.categories else None
    baseline = catalog.task(category) if category else None
    currency: Currency = figures.currency if figures.currency in ("JPY", "USD") else default_currency  # type: ignore[assignment]  # checked: JPY or USD
    notes: list[str] = []

    volume = figures.volume or 1.0
    before, after = figures.minutes_before, figures.minutes_after
    period = figures.period or "month"
    per = answers.period_words(period, language)
    if (
        before is None
        and after is not None
        and figures.outsourcing_unit_cost is None
        and figures.outsourcing_monthly_spend is None
        and not (figures.volume_is_hours or figures.volume_is_recorded_hours)
    ):
        return _today_unknown(intent, after, language)  # the asker knows the time with AI: today's is theirs to say
    # Whether the volume counts the task's own units ("characters") or others ("20 pages" of translation).
    in_task_units = (
        figures.volume_is_hours
        or figures.volume_is_recorded_hours
        or (baseline is not None and baseline.is_counted_by(figures.volume_words))
    )
    if figures.volume_is_recorded_hours and baseline and baseline.unit_hours:
        units = volume / baseline.unit_hours
        notes.append(_recorded_hours(baseline, volume, units, per, language))
        volume = units
    elif figures.volume_is_hours or figures.volume_is_recorded_hours:
        # Hours of a task not counted in hours ("20 hours of calls" about inquiries): the time it takes.
        per_unit = baseline.minutes_before if baseline and baseline.minutes_before else 60.0
        notes.append(_hours_of_work(baseline, volume, per_unit, per, language))
        volume, before = volume * 60 / per_unit, per_unit
    if (
        before is None
        and baseline
        and baseline.minutes_before
        and figures.outsourcing_unit_cost is None
        and figures.outsourcing_monthly_spend is None
        and not in_task_units
        and figures.volume_words
    ):
        # The catalog's time is per its own unit ("an hour of audio"), and "40 interviews" are not those.
        return _time_unknown(intent, baseline.unit(language), language)
    if before is None and baseline and baseline.minutes_before and figures.outsourcing_unit_cost is None:
        before = baseline.minutes_before
        notes.append(
            say(
                language,
                "Time per unit today from the catalog baseline: {minutes:g} minutes ({source}).",
                minutes=before,
                source=baseline.minutes_source,
            )
        )
    if after is None and before is not None:
        after = scaled_minutes_after(before, baseline)
        if baseline is not None and baseline_scales(baseline):
            notes.append(
                say(
                    language,
                    "Time with AI from the catalog baseline: {minutes:g} minutes ({source}).",
                    minutes=after,
                    source=baseline.minutes_source,
                )
            )
        else:
            notes.append(
                say(language, "Time with AI assumed to be a quarter of today's: {minutes:g} minutes.", minutes=after)
            )
    outsourcing = figures.outsourcing_unit_cost
    if figures.outsourcing_monthly_spend is not None:
        outsourcing, volume, notes_of_spend = _spend_per_unit(figures, volume, language)
        notes += notes_of_spend
    if outsourcing is None and before is None and baseline and baseline.outsourcing_unit_cost:
        span = baseline.outsourcing_unit_cost
        outsourcing = (
            rate.convert(span.low, baseline.outsourcing_currency, currency),
            rate.convert(span.high, baseline.outsourcing_currency, currency),
        )
        notes.append(
            say(language, "Outsourcing price from the catalog baseline ({source}).", source=baseline.outsourcing_source)
        )
        if baseline.minutes_after is not None:
            after = baseline.minutes_after

    tool: PlanCost | None = None
    tool_cost = figures.tool_cost_monthly
    if tool_cost is None and figures.tool_cost_per_unit is None and category is not None:
        monthly = Scenario(volume=volume, period=figures.period or "month").monthly_volume
        if baseline is not None and not in_task_units:  # a tool priced by the character, for "20 pages"
            monthly = baseline.typical_volume
            counted = baseline.units.en if baseline.units else baseline.unit.en
            notes.append(
                say(
                    language,
                    "The tool is priced at a typical month's use ({use}): the question counts {words}, not {counted}.",
                    use=answers.volume_text(baseline, monthly, language),
                    words=figures.volume_words,
                    counted=counted,
                )
            )
        options = catalog.priced_options(
            category, monthly, currency, rate, language=tools_speaking(language), kind="app"
        )
        options = options or catalog.priced_options(category, monthly, currency, rate, kind="api")
        if options:
            tool = options[0]
            tool_cost = tool.monthly_cost

    if before is not None and after is not None and after > before and outsourcing is None:
        longer = say(
            language,
            "the time with AI ({after} min) is longer than today's ({before} min); it should be shorter",
            after=f"{round(after, 2):g}",
            before=f"{round(before, 2):g}",
        )  # in the asker's language, not the validation's English
        return {
            "answer": say(language, "I could not work that out: {problems}.", problems=longer),
            "path": "calculator",
            "language": language,
        }
    try:
        scenario = Scenario(
            task=category.value if category else None,
            volume=volume,
            period=figures.period or "month",
            minutes_before=before,
            minutes_after=after if before is not None or outsourcing is not None else None,
            hourly_cost=figures.hourly_cost,
            outsourcing_unit_cost=outsourcing,
            tool_cost_monthly=tool_cost,
            tool_cost_per_unit=figures.tool_cost_per_unit,
            setup_cost=figures.setup_cost,
            currency=currency,
        )
    except ValidationError as error:
        problems = "; ".join(describe_validation_error(error))
        text = say(language, "I could not work that out: {problems}.", problems=problems)
        return {"answer": text, "path": "calculator", "language": language}
    ends = range_ends(figures, scenario)
    result = calculate_between(*ends, scenario, language) if ends else calculate(scenario, language)
    if ends:
        notes.append(
            say(language, "Some numbers were given as ranges: every figure is given for the low and the high ends.")
        )
    label = baseline.name(language) if baseline else say(language, "this task")
    if baseline is not None and in_task_units:
        count: str | None = answers.units_text(baseline, scenario.volume, language)
    elif figures.volume_words:  # "20 pages": the asker's own units
        count = say(
            language,
            "{quantity} {words}",
            context="count",
            quantity=answers.quantity(scenario.volume),
            words=figures.volume_words,
        )
    else:
        count = None
    if ends and ends[0].volume != ends[1].volume:  # "433–650 件": the range, not its middle
        # Data, not wording: an English range counts in the words of the count above, a Japanese one in the
        # question's own (or 件), even where the count above is in the task's units.
        words = figures.volume_words if language == "ja" else (count.split(" ", 1)[1] if count and " " in count else "")
        count = _range_count(answers.quantity(ends[0].volume), answers.quantity(ends[1].volume), words, language)
    if figures.outsourcing_monthly_spend is not None and figures.volume is None:
        count = say(language, "the work outsourced")
    text = answers.calculation_answer(scenario, result, label, tool, notes, language, count)
    read_as = reading_line(figures, scenario, language)
    text = f"{read_as}\n{text}" if read_as else text
    if tool is not None:
        note = answers.converted_note([tool], currency, rate, language)
        text += f"\n{note}" if note else ""
    return {
        "answer": text,
        "path": "calculator",
        "language": language,
        "tools": [tool.tool.id] if tool else [],
        "calculation": result.model_dump(mode="json"),
        "read": [asdict(item) for item in figures.items],
    }


def _spend_per_unit(figures: Reading, volume: float, language: str) -> tuple[Any, float, list[str]]:
    """What is paid outside a month, as a price per unit of the volume (or per month's work when none is given)."""
    spend = figures.outsourcing_monthly_spend
    assert spend is not None  # asked only of a question that gives one
    low, high = spend if isinstance(spend, tuple) else (spend, spend)
    if figures.volume is None:
        note = say(
            language,
            "What is paid outside a month is today's cost, so this is the most AI could save: "
            "the staff time to run the tool and check its work is not counted. Give the volume "
            "and the minutes per item with AI to count it.",
        )
        return (low if low == high else (low, high)), 1.0, [note]
    monthly = Scenario(volume=volume, period=figures.period or "month").monthly_volume
    per_unit = (low / monthly, high / monthly)
    note = say(language, "What is paid outside a month ÷ {monthly:,.1f} a month = the price per unit.", monthly=monthly)
    return (per_unit[0] if low == high else per_unit), volume, [note]


def _time_unknown(intent: Intent, catalog_unit: str, language: str) -> dict[str, Any]:
    """The question back when the time per item is not given and the catalog's is for another unit."""
    figures = intent.figures
    quantity = answers.quantity(figures.volume or 0)
    count = say(language, "{quantity} {words}", context="count", quantity=quantity, words=figures.volume_words)
    text = say(
        language,
        "Before I work this out: how long does each of the {count} take today, and with AI? The catalog's time is "
        "per {unit}, which is not what you count, so I would rather ask than guess.\n"
        'Ask again with the minutes or hours per item (for example "30 minutes each, 10 with AI").',
        count=count,
        unit=catalog_unit,
    )
    return {
        "answer": text,
        "path": "clarify",
        "language": language,
        "read": [asdict(item) for item in figures.items],
        "clarify": {"text": count, "choices": []},
    }


def _today_unknown(intent: Intent, after: float, language: str) -> dict[str, Any]:
    """The question back when the time with AI is given and today's is not: the saving is the difference, and a
    catalog's time for a task like it would be a guess at the asker's own."""
    figures = intent.figures
    text = say(
        language,
        "Before I work this out: each takes {after:g} minutes with AI, but how long does each take today? The "
        "saving is the difference, so I would rather ask than guess.\n"
        "Ask again with today's minutes or hours per item (for example \"{today:g} minutes each today, {after:g} "
        'with AI").',
        after=after,
        today=after * 3,
    )
    return {
        "answer": text,
        "path": "clarify",
        "language": language,
        "read": [asdict(item) for item in figures.items],
        "clarify": {"text": say(language, "{after:g} minutes with AI", after=after), "choices": []},
    }


def clarifying_answer(intent: Intent) -> dict[str, Any]:
    """The question back about a number that could be read two ways: the fields of its answer."""
    reading = intent.figures
    unclear = reading.unclear[0]
    return {
        "answer": clarify_answer(reading, intent.language),
        "path": "clarify",
        "language": intent.language,
        "read": [asdict(item) for item in reading.items],
        "clarify": {
            "text": unclear.text,
            "choices": [
                {"label": reading_in(choice, intent.language), "question": choice[2]} for choice in unclear.choices
            ],
        },
    }


def _recorded_hours(baseline: TaskBaseline, hours: float, units: float, per: str, language: str) -> str:
    """The note that hours of recordings or meetings are counted in the task's units, not as hours of work."""
    quantity = answers.quantity(units)
    if baseline.units is None:
        return say(
            language,
            "The {hours:g} hours are of recordings or meetings, not of work: {quantity} × {unit} {per}.",
            hours=hours,
            quantity=quantity,
            unit=baseline.unit(language),
            per=per,
        )
    # Data, not wording: after a count English writes the unit in the plural, Japanese the unit itself (音声1時間×20).
    unit = baseline.units.en if units != 1 and language != "ja" else baseline.unit(language)
    return say(
        language,
        "The {hours:g} hours are of recordings or meetings, not of work: {quantity} {unit} {per}.",
        hours=hours,
        quantity=quantity,
        unit=unit,
        per=per,
    )


def _hours_of_work(baseline: TaskBaseline | None, hours: float, per_unit: float, per: str, language: str) -> str:
    """The note that hours of work are counted as items of the task at the minutes each takes."""
    count = hours * 60 / per_unit
    if baseline is None:
        return say(
            language,
            "{hours:g} hours of work {per} is {count:,.1f} × hour at {minutes:g} minutes each.",
            hours=hours,
            per=per,
            count=count,
            minutes=per_unit,
        )
    return say(
        language,
        "{hours:g} hours of work {per} is {count:,.1f} × {unit} at {minutes:g} minutes each.",
        hours=hours,
        per=per,
        count=count,
        unit=baseline.unit(language),
        minutes=per_unit,
    )


def _range_count(low: str, high: str, words: str, language: str) -> str:
    """ "433–650 reports", 「433〜650件」: a volume given as a range, with what it counts."""
    if words:
        return say(language, "{low}–{high} {words}", context="count", low=low, high=high, words=words)
    return say(language, "{low}–{high}", context="count", low=low, high=high)
