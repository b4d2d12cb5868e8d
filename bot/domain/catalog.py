"""The tool catalog: what off-the-shelf tools exist, what they cost, and for which tasks.

Tools and task baselines are data (YAML under `catalog/`); these models validate them
and answer the one question the rest of the product keeps asking: *what would this
tool cost us a month for this much work?*
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from bot.domain.language import Language
from bot.domain.memo import per_object
from bot.domain.messages import say
from bot.domain.money import Currency, ExchangeRate

ToolId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]


class Category(StrEnum):
    """The task categories of the source article, plus the build-versus-buy baseline."""

    INQUIRY_CHATBOT = "inquiry_chatbot"
    PROPOSALS = "proposals"
    JOB_LISTINGS = "job_listings"
    MEETING_MINUTES = "meeting_minutes"
    TRANSCRIPTION = "transcription"
    TRANSLATION = "translation"
    IMAGES = "images"
    CUSTOM_AI = "custom_ai"


class UsageUnit(StrEnum):
    """What a unit of work consumes, in the units that tools are priced by."""

    CHARACTER = "character"
    AUDIO_MINUTE = "audio_minute"
    IMAGE = "image"
    PIECE = "piece"
    TOKEN = "token"
    INPUT_TOKEN = "input_token"
    OUTPUT_TOKEN = "output_token"
    SEAT = "seat"


class PriceUnit(StrEnum):
    PER_MONTH = "per_month"
    PER_SEAT_MONTH = "per_seat_month"
    PER_AUDIO_MINUTE = "per_audio_minute"
    PER_AUDIO_HOUR = "per_audio_hour"
    PER_1M_CHARACTERS = "per_1m_characters"
    PER_1M_INPUT_TOKENS = "per_1m_input_tokens"
    PER_1M_OUTPUT_TOKENS = "per_1m_output_tokens"
    PER_IMAGE = "per_image"
    PER_PIECE = "per_piece"


# How many of which usage unit one priced unit stands for. Flat units have none.
_METERED: dict[PriceUnit, tuple[UsageUnit, float]] = {
    PriceUnit.PER_AUDIO_MINUTE: (UsageUnit.AUDIO_MINUTE, 1),
    PriceUnit.PER_AUDIO_HOUR: (UsageUnit.AUDIO_MINUTE, 60),
    PriceUnit.PER_1M_CHARACTERS: (UsageUnit.CHARACTER, 1_000_000),
    PriceUnit.PER_1M_INPUT_TOKENS: (UsageUnit.INPUT_TOKEN, 1_000_000),
    PriceUnit.PER_1M_OUTPUT_TOKENS: (UsageUnit.OUTPUT_TOKEN, 1_000_000),
    PriceUnit.PER_IMAGE: (UsageUnit.IMAGE, 1),
    PriceUnit.PER_PIECE: (UsageUnit.PIECE, 1),
}

_PRICE_UNIT_WORDS: dict[PriceUnit, Callable[[str], str]] = {
    PriceUnit.PER_MONTH: lambda language: say(language, "per month"),
    PriceUnit.PER_SEAT_MONTH: lambda language: say(language, "per user per month"),
    PriceUnit.PER_AUDIO_MINUTE: lambda language: say(language, "per minute of audio"),
    PriceUnit.PER_AUDIO_HOUR: lambda language: say(language, "per hour of audio"),
    PriceUnit.PER_1M_CHARACTERS: lambda language: say(language, "per 1M characters"),
    PriceUnit.PER_1M_INPUT_TOKENS: lambda language: say(language, "per 1M input tokens"),
    PriceUnit.PER_1M_OUTPUT_TOKENS: lambda language: say(language, "per 1M output tokens"),
    PriceUnit.PER_IMAGE: lambda language: say(language, "per image"),
    PriceUnit.PER_PIECE: lambda language: say(language, "per piece"),
}


def unit_label(unit: PriceUnit, language: str) -> str:
    """What a price is for, as people read it beside the amount: "per month", "per 1M characters"."""
    return _PRICE_UNIT_WORDS[unit](language)


PRICED_REMEMBERED = 256  # priced-option lists remembered, of every catalog together (`Catalog.priced_options`)

_USAGE_WORDS: dict[UsageUnit, Callable[[str], str]] = {
    UsageUnit.CHARACTER: lambda language: say(language, "characters"),
    UsageUnit.AUDIO_MINUTE: lambda language: say(language, "minutes of audio"),
    UsageUnit.IMAGE: lambda language: say(language, "images"),
    UsageUnit.PIECE: lambda language: say(language, "pieces"),
    UsageUnit.TOKEN: lambda language: say(language, "tokens"),
    UsageUnit.INPUT_TOKEN: lambda language: say(language, "input tokens"),
    UsageUnit.OUTPUT_TOKEN: lambda language: say(language, "output tokens"),
    UsageUnit.SEAT: lambda language: say(language, "users"),
}


def usage_label(unit: UsageUnit, language: str) -> str:
    """A number of a usage unit, as people read it after the number: "characters", "minutes of audio"."""
    return _USAGE_WORDS[unit](language)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PriceComponent(_Strict):
    amount: float = Field(ge=0)
    currency: Currency
    unit: PriceUnit


class PlanLimit(_Strict):
    """What a plan includes per month (a free tier's 300 minutes, say)."""

    quantity: float = Field(gt=0)
    unit: UsageUnit


class Plan(_Strict):
    name: str = Field(min_length=1)
    billing: Literal["monthly", "annual", "usage"]
    prices: list[PriceComponent] = Field(default_factory=list)
    limit: PlanLimit | None = None

    @property
    def is_free(self) -> bool:
        return all(price.amount == 0 for price in self.prices)


class PriceHistoryEntry(_Strict):
    date: dt.date
    plan: str
    amount: float = Field(ge=0)
    currency: Currency
    unit: PriceUnit
    source: HttpUrl | None = None


class Tool(_Strict):
    id: ToolId
    name: str = Field(min_length=1)
    vendor: str = Field(min_length=1)
    url: HttpUrl
    kind: Literal["app", "api"] = Field(
        description="app: usable as it is by staff; api: needs someone to connect it to your systems"
    )
    categories: list[Category] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1)
    good_for: str = Field(min_length=1)
    good_for_ja: str | None = None
    last_verified: dt.date
    price_source: HttpUrl
    tax_included: bool = Field(
        description="whether the prices include sales tax (Japan's 10% consumption tax on a yen price); "
        "vendors abroad quote before tax and add it on the bill"
    )
    free_tier: str | None = None
    plans: list[Plan] = Field(min_length=1)
    price_history: list[PriceHistoryEntry] = Field(default_factory=list)
    notes: str | None = None
    aliases: list[str] = Field(default_factory=list, description="other names people use, e.g. a former name")

    @model_validator(mode="after")
    def _history_names_a_plan(self) -> Tool:
        names = {plan.name for plan in self.plans}
        for entry in self.price_history:
            if entry.plan not in names:
                raise ValueError(f"price_history names plan {entry.plan!r}, which is not one of {sorted(names)}")
        return self

    def describe(self, language: str) -> str:
        return (self.good_for_ja or self.good_for) if language == "ja" else self.good_for


class Range(_Strict):
    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self


class LocalText(_Strict):
    en: str
    ja: str

    def __call__(self, language: str) -> str:
        return self.ja if language == "ja" else self.en


_SAME_COUNTER = {"件": {"件", "本", "通", "個", "部", "案件", "記事"}, "点": {"点", "枚"}, "回": {"回", "件"}}
"""Japanese counters that count the same things as a task's own (a proposal is 1件 or 1本)."""


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


class TaskBaseline(_Strict):
    """What a task costs a business without AI, and what one unit of it consumes with AI."""

    id: Category
    name: LocalText
    unit: LocalText = Field(description="one unit of the task: a proposal, an hour of audio …")
    units: LocalText | None = Field(
        default=None, description="how a number of units reads after the number: proposals, hours of audio; 件, 時間"
    )
    unit_words: list[str] = Field(
        default_factory=list,
        description="English nouns, singular, that count one unit in a question: e-mail, ticket for an inquiry",
    )
    unit_hours: float | None = Field(
        default=None,
        gt=0,
        description="the hours of recording or meeting one unit is, for a task counted in them: "
        '"20 hours of meetings" is then 20 units, not 20 hours of work',
    )
    keywords: dict[Language, list[str]] = Field(description="words that mark a question as about this task")
    outsourcing_unit_cost: Range | None = None
    outsourcing_currency: Currency = "JPY"
    outsourcing_source: str | None = None
    ai_tool_monthly: Range | None = Field(default=None, description="the article's AI route per month, in JPY")
    minutes_before: float | None = Field(default=None, gt=0)
    minutes_after: float | None = Field(default=None, ge=0)
    minutes_source: str | None = None
    typical_volume: float = Field(gt=0, description="units per month for a typical small business")
    usage_per_unit: dict[UsageUnit, float] = Field(default_factory=dict)
    build_cost: Range | None = Field(default=None, description="one-off cost of building it yourself, JPY")
    build_yearly_cost: Range | None = Field(default=None, description="yearly cost of running your own, JPY")
    build_source: str | None = None

    def is_counted_by(self, words: str) -> bool:
        """Whether a volume written with `words` counts this task's units ("characters", "件"; none do too).

        "20 pages a month" is not 20 of translation's characters, and "40 customer e-mails a
        day" may or may not be inquiries: only the unit's own noun, or a Japanese counter
        that goes with it, says so.
        """
        words = words.strip().lower()
        if not words:
            return True
        counters = _SAME_COUNTER.get(self.units.ja, {self.units.ja}) if self.units else {"件"}
        if words in counters:
            return True
        nouns = {_singular(text.split()[-1]) for text in (self.unit.en, *([self.units.en] if self.units else []))}
        nouns.update(word.lower() for word in self.unit_words)
        return any(_singular(word) in nouns for word in words.split())

    @field_validator("keywords")
    @classmethod
    def _lowercase(cls, value: dict[Language, list[str]]) -> dict[Language, list[str]]:
        return {language: [word.lower() for word in words] for language, words in value.items()}


class PlanCost(BaseModel):
    """A tool's plan priced for one month of a task's usage, in one currency."""

    model_config = ConfigDict(frozen=True)

    tool: Tool
    plan: Plan
    monthly_cost: float
    currency: Currency


def monthly_plan_cost(
    plan: Plan,
    monthly_usage: dict[UsageUnit, float],
    currency: Currency,
    rate: ExchangeRate,
    seats: int = 1,
) -> float | None:
    """What `plan` costs for a month of `monthly_usage`, or None when it cannot do the work.

    A plan cannot do the work when one of its prices meters something the task does not
    use (an image price for transcription), or when the work exceeds what it includes.
    """
    if plan.limit is not None and _usage_of(plan.limit.unit, monthly_usage, seats) > plan.limit.quantity:
        return None
    total = 0.0
    for price in plan.prices:
        if price.unit == PriceUnit.PER_MONTH:
            quantity = 1.0
        elif price.unit == PriceUnit.PER_SEAT_MONTH:
            quantity = float(seats)
        else:
            usage_unit, per = _METERED[price.unit]
            if usage_unit not in monthly_usage:
                return None
            quantity = monthly_usage[usage_unit] / per
        total += rate.convert(price.amount * quantity, price.currency, currency)
    return total


def _usage_of(unit: UsageUnit, monthly_usage: dict[UsageUnit, float], seats: int) -> float:
    if unit == UsageUnit.SEAT:
        return seats
    if unit == UsageUnit.TOKEN:
        return monthly_usage.get(UsageUnit.INPUT_TOKEN, 0) + monthly_usage.get(UsageUnit.OUTPUT_TOKEN, 0)
    return monthly_usage.get(unit, 0)


class UnlistedTool(BaseModel):
    """A tool people ask about that the catalog does not price yet: named as missing, never guessed at."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    aliases: list[str] = Field(min_length=1, description="how people write its name, in lower case")
    categories: list[Category] = Field(default_factory=list)


class Catalog(BaseModel):
    """Every tool and task baseline, with the queries the advisor needs."""

    model_config = ConfigDict(frozen=True)

    tools: tuple[Tool, ...]
    tasks: tuple[TaskBaseline, ...]
    unlisted: tuple[UnlistedTool, ...] = ()

    def tool(self, tool_id: str) -> Tool | None:
        return next((tool for tool in self.tools if tool.id == tool_id), None)

    def task(self, category: Category | str) -> TaskBaseline | None:
        return next((task for task in self.tasks if task.id == category), None)

    def tools_for(self, category: Category | str) -> list[Tool]:
        return [tool for tool in self.tools if category in tool.categories]

    def priced_options(
        self,
        category: Category,
        monthly_volume: float,
        currency: Currency,
        rate: ExchangeRate,
        *,
        language: Language | None = None,
        kind: Literal["app", "api"] | None = None,
        seats: int = 1,
    ) -> list[PlanCost]:
        """The cheapest plan of every tool that can do `monthly_volume` units of the task, cheapest first."""
        return list(self._priced_options(category, monthly_volume, currency, rate, language, kind, seats))

    @per_object(
        PRICED_REMEMBERED
    )  # a catalog never changes, and grounding asks for the same few options every question
    def _priced_options(
        self,
        category: Category,
        monthly_volume: float,
        currency: Currency,
        rate: ExchangeRate,
        language: Language | None,
        kind: Literal["app", "api"] | None,
        seats: int,
    ) -> tuple[PlanCost, ...]:
        task = self.task(category)
        usage = {unit: per_unit * monthly_volume for unit, per_unit in (task.usage_per_unit if task else {}).items()}
        options: list[PlanCost] = []
        for tool in self.tools_for(category):
            if language is not None and language not in tool.languages:
                continue
            if kind is not None and tool.kind != kind:
                continue
            costs = [
                (cost, plan)
                for plan in tool.plans
                if (cost := monthly_plan_cost(plan, usage, currency, rate, seats)) is not None
            ]
            if costs:
                cost, plan = min(costs, key=lambda pair: pair[0])
                options.append(PlanCost(tool=tool, plan=plan, monthly_cost=cost, currency=currency))
        options.sort(key=lambda option: (option.monthly_cost, option.tool.id))
        return tuple(options)
