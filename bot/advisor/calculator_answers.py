"""The savings calculator's answers to questions: the scenario built from what was read of a
question, the cheapest fitting tool, the "Read as" line; and the question back when a number
could be read two ways."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import ValidationError

from bot.domain.catalog import Catalog, PlanCost
from bot.domain.intents import Intent
from bot.domain.language import tools_speaking
from bot.domain.money import Currency, ExchangeRate
from bot.domain.plan import baseline_scales, scaled_minutes_after
from bot.domain.quantities import Reading
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
    per_en, per_ja = answers.PERIOD_WORDS["en"][period], answers.PERIOD_WORDS["ja"][period]
    # Whether the volume counts the task's own units ("characters") or others ("20 pages" of translation).
    in_task_units = (
        figures.volume_is_hours
        or figures.volume_is_recorded_hours
        or (baseline is not None and baseline.is_counted_by(figures.volume_words))
    )
    if figures.volume_is_recorded_hours and baseline and baseline.unit_hours:
        units = volume / baseline.unit_hours
        notes.append(
            answers.pick(
                language,
                f"The {volume:g} hours are of recordings or meetings, not of work: {answers.units_text(baseline, units, 'en')} {per_en}.",
                f"{per_ja}{volume:g}時間は作業時間ではなく録音・会議の時間として、{baseline.unit('ja')}×{answers.quantity(units)}と数えます。",
            )
        )
        volume = units
    elif figures.volume_is_hours or figures.volume_is_recorded_hours:
        # Hours of a task not counted in hours ("20 hours of calls" about inquiries): the time it takes.
        per_unit = baseline.minutes_before if baseline and baseline.minutes_before else 60.0
        notes.append(
            answers.pick(
                language,
                f"{volume:g} hours of work {per_en} is {volume * 60 / per_unit:,.1f} × {baseline.unit('en') if baseline else 'hour'} at {per_unit:g} minutes each.",
                f"{per_ja}{volume:g}時間の作業を、1件{per_unit:g}分として{volume * 60 / per_unit:,.1f}件と数えます。",
            )
        )
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
            answers.pick(
                language,
                f"Time per unit today from the catalog baseline: {before:g} minutes ({baseline.minutes_source}).",
                f"現在の1件あたりの時間はカタログの基準値：{before:g}分（{baseline.minutes_source}）。",
            )
        )
    if after is None and before is not None:
        after = scaled_minutes_after(before, baseline)
        if baseline is not None and baseline_scales(baseline):
            notes.append(
                answers.pick(
                    language,
                    f"Time with AI from the catalog baseline: {after:g} minutes ({baseline.minutes_source}).",
                    f"AI導入後の時間はカタログの基準値から{after:g}分（{baseline.minutes_source}）。",
                )
            )
        else:
            notes.append(
                answers.pick(
                    language,
                    f"Time with AI assumed to be a quarter of today's: {after:g} minutes.",
                    f"AI導入後の時間は現在の4分の1（{after:g}分）と仮定します。",
                )
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
            answers.pick(
                language,
                f"Outsourcing price from the catalog baseline ({baseline.outsourcing_source}).",
                f"外注費はカタログの基準値（{baseline.outsourcing_source}）。",
            )
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
                answers.pick(
                    language,
                    f"The tool is priced at a typical month's use ({answers.volume_text(baseline, monthly, 'en')}): "
                    f"the question counts {figures.volume_words}, not {counted}.",
                    f"ツールの料金は一般的な月の利用量（{answers.volume_text(baseline, monthly, 'ja')}）で見積もっています。",
                )
            )
        options = catalog.priced_options(
            category, monthly, currency, rate, language=tools_speaking(language), kind="app"
        )
        options = options or catalog.priced_options(category, monthly, currency, rate, kind="api")
        if options:
            tool = options[0]
            tool_cost = tool.monthly_cost

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
        text = answers.pick(language, f"I could not work that out: {problems}.", f"計算できませんでした：{problems}。")
        return {"answer": text, "path": "calculator", "language": language}
    ends = range_ends(figures, scenario)
    result = calculate_between(*ends, scenario, language) if ends else calculate(scenario, language)
    if ends:
        notes.append(
            answers.pick(
                language,
                "Some numbers were given as ranges: every figure is given for the low and the high ends.",
                "幅のある数字は、少ない場合と多い場合の両方で計算しています。",
            )
        )
    label = baseline.name(language) if baseline else answers.pick(language, "this task", "この業務")
    if baseline is not None and in_task_units:
        count: str | None = answers.units_text(baseline, scenario.volume, language)
    elif figures.volume_words:  # "20 pages": the asker's own units
        count = answers.pick(
            language,
            f"{answers.quantity(scenario.volume)} {figures.volume_words}",
            f"{answers.quantity(scenario.volume)}{figures.volume_words}",
        )
    else:
        count = None
    if ends and ends[0].volume != ends[1].volume:  # "433–650 件": the range, not its middle
        words = count.split(" ", 1)[1] if count and language != "ja" and " " in count else ""
        volumes = f"{answers.quantity(ends[0].volume)}–{answers.quantity(ends[1].volume)}"
        count = answers.pick(
            language, f"{volumes} {words}".strip(), f"{volumes.replace('–', '〜')}{figures.volume_words or '件'}"
        )
    if figures.outsourcing_monthly_spend is not None and figures.volume is None:
        count = answers.pick(language, "the work outsourced", "外注分")
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
        note = answers.pick(
            language,
            "What is paid outside a month is today's cost, so this is the most AI could save: "
            "the staff time to run the tool and check its work is not counted. Give the volume "
            "and the minutes per item with AI to count it.",
            "外注費の月額を現在のコストとしているため、これは削減額の上限です。AIツールを使う・確認する社内の時間は"
            "含みません。件数とAI導入後の1件あたりの時間があれば、それも計算します。",
        )
        return (low if low == high else (low, high)), 1.0, [note]
    monthly = Scenario(volume=volume, period=figures.period or "month").monthly_volume
    per_unit = (low / monthly, high / monthly)
    note = answers.pick(
        language,
        f"What is paid outside a month ÷ {monthly:,.1f} a month = the price per unit.",
        f"外注費の月額÷月{monthly:,.1f}件を1件あたりの外注費としています。",
    )
    return (per_unit[0] if low == high else per_unit), volume, [note]


def _time_unknown(intent: Intent, catalog_unit: str, language: str) -> dict[str, Any]:
    """The question back when the time per item is not given and the catalog's is for another unit."""
    figures = intent.figures
    count = (
        f"{answers.quantity(figures.volume or 0)} {figures.volume_words}".strip()
        if language != "ja"
        else f"{answers.quantity(figures.volume or 0)}{figures.volume_words}"
    )
    text = answers.pick(
        language,
        f"Before I work this out: how long does each of the {count} take today, and with AI? The catalog's time is "
        f"per {catalog_unit}, which is not what you count, so I would rather ask than guess.\n"
        'Ask again with the minutes or hours per item (for example "30 minutes each, 10 with AI").',
        f"計算の前に確認させてください：{count}の1件あたり、今どのくらいの時間がかかっていて、AIでどのくらいになりそうですか？"
        f"カタログの時間は「{catalog_unit}」あたりのため、推測では計算しません。\n"
        "1件あたりの時間を添えて聞き直してください（例：「1件30分、AIで10分」）。",
    )
    return {
        "answer": text,
        "path": "clarify",
        "language": language,
        "read": [asdict(item) for item in figures.items],
        "clarify": {"text": count, "choices": []},
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
                {"label": answers.pick(intent.language, english, japanese), "question": question}
                for english, japanese, question in unclear.choices
            ],
        },
    }
