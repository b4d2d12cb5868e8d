"""A model's reading of the numbers in a question, as structured output, and what of it holds.

The schema goes to the model through LiteLLM's `response_format` (a JSON schema, strict), so
the reply is the scenario as JSON, never prose. Each number comes with the words of the
question it was read from: a number whose words are not in the question was not read but
made up, and is dropped. The model's figures only choose between the readings the reader
proposed (`domain.quantities.agreement`); the arithmetic stays in the calculator.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.domain.quantities import normalise
from bot.domain.quantities.agreement import Stated
from bot.domain.savings import UNITS_PER_MONTH
from bot.llm.prompts import MAX_QUESTION_CHARS, render


class Number(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: float
    words: str = Field(description="the words of the question this number is written in, copied exactly")


class ScenarioNumbers(BaseModel):
    """What each number of the question stands for; null for what the question does not say."""

    model_config = ConfigDict(extra="forbid")

    items_per_period: Number | None
    period: Literal["day", "week", "month", "year"] | None
    period_words: str | None
    people: Number | None
    each_person_does_the_items: bool
    minutes_per_item_today: Number | None
    minutes_per_item_with_ai: Number | None
    staff_cost_per_hour: Number | None
    outsourcing_price_per_item: Number | None
    outsourcing_spend_per_month: Number | None
    ai_tool_cost_per_month: Number | None


def reading_messages(question: str) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": render("reading.j2")},
        {"role": "user", "content": question[:MAX_QUESTION_CHARS]},
    ]


def _written(words: str | None, question: str) -> bool:
    """Whether `words` are in the question (both normalised: full-width digits, 万, spacing and case aside)."""
    if not words or not words.strip():
        return False
    squeeze = lambda text: " ".join(normalise(text).split())  # noqa: E731
    return squeeze(words) in squeeze(question)


def stated(reply: str, question: str) -> Stated | None:
    """The figures of a model's `reply` that the question's own words bear out; None if the reply is no reading."""
    try:
        numbers = ScenarioNumbers.model_validate_json(reply)
    except ValidationError:
        return None

    def kept(number: Number | None) -> float | None:
        return number.value if number is not None and number.value >= 0 and _written(number.words, question) else None

    items, people = kept(numbers.items_per_period), kept(numbers.people)
    monthly = None
    if items is not None and numbers.period is not None and _written(numbers.period_words, question):
        monthly = items * UNITS_PER_MONTH[numbers.period]
        if numbers.each_person_does_the_items:
            monthly = monthly * people if people else None  # "each" of people it cannot name: no volume
    return Stated(
        monthly_volume=monthly,
        minutes_before=kept(numbers.minutes_per_item_today),
        minutes_after=kept(numbers.minutes_per_item_with_ai),
        hourly_cost=kept(numbers.staff_cost_per_hour),
        outsourcing_unit_cost=kept(numbers.outsourcing_price_per_item),
        outsourcing_monthly_spend=kept(numbers.outsourcing_spend_per_month),
        tool_cost_monthly=kept(numbers.ai_tool_cost_per_month),
    )
