"""The catalog's answers to questions: a named tool's plans and prices, or the cheapest tools for a task at the
volume the question gives in the task's own units (else at a typical month's)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from bot.domain.catalog import Catalog, Category, TaskBaseline
from bot.domain.intents import Intent
from bot.domain.language import tools_speaking
from bot.domain.money import Currency, ExchangeRate
from bot.domain.plan import build_plan, typical_profile
from bot.domain.savings import Scenario
from bot.text import answers


def catalog_answer(intent: Intent, catalog: Catalog, rate: ExchangeRate, currency: Currency) -> dict[str, Any]:
    """The fields of the answer to a catalog question."""
    language = intent.language
    if intent.tools and (not intent.categories or len(intent.tools) <= 2):
        text = "\n\n".join(answers.tool_answer(tool, language) for tool in intent.tools[:2])
        return {
            "answer": text,
            "path": "catalog",
            "language": language,
            "tools": [tool.id for tool in intent.tools[:2]],
        }
    category = intent.categories[0]
    baseline = catalog.task(category)
    asked = _asked_monthly_units(intent, baseline)
    volume = asked or (baseline.typical_volume if baseline else 1.0)
    only_japanese = tools_speaking(language)
    apps = catalog.priced_options(category, volume, currency, rate, language=only_japanese, kind="app")
    apis = catalog.priced_options(category, volume, currency, rate, language=only_japanese, kind="api")
    text = answers.catalog_answer(
        baseline, category, apps, apis, volume, currency, rate, language, typical=asked is None
    )
    if category == Category.CUSTOM_AI:
        plan = build_plan(
            typical_profile(catalog, currency, rate, language), catalog, rate, language=language, is_typical=True
        )
        if plan.build_versus_buy:
            text += "\n" + answers.build_versus_buy_text(plan.build_versus_buy, language)
    tools = [option.tool.id for option in apps[:3] + apis[:2]]
    return {"answer": text, "path": "catalog", "language": language, "tools": tools}


def _asked_monthly_units(intent: Intent, baseline: TaskBaseline | None) -> float | None:
    """The units a month the question gives ("50,000 characters a month"), if it gives them as units."""
    figures = intent.figures
    if figures.volume is None or figures.volume_is_hours or baseline is None:
        return None  # hours of work are units only at a time per unit, which a catalog question does not give
    volume = figures.volume
    if figures.volume_is_recorded_hours:
        if not baseline.unit_hours:
            return None
        volume /= baseline.unit_hours
    elif not baseline.is_counted_by(figures.volume_words):
        return None  # "20 pages a month" of a task counted in characters
    try:
        return Scenario(volume=volume, period=figures.period or "month").monthly_volume
    except ValidationError:  # no volume, or beyond any business's: the typical one instead
        return None
