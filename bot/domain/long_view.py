"""The source article's long view of model prices, continued to today.

The article's headline: GPT-4 cost about $30 per 1M input tokens at its launch in March
2023, GPT-4o $2.50 in 2025. Which models mark the way, and since when each price held, are
data (`catalog/reference_models.yaml`); the prices come from LiteLLM's cost map, never
written by hand. Today's end of the line is the cheapest configured model of each tier,
whether or not its key is set.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.lifecycle import ModelLife, ModelStatus, status, successor


class ModelPrice(BaseModel):
    """A configured language model, what it costs now in US dollars per 1M tokens, and whether it can be used."""

    model_config = ConfigDict(frozen=True)

    name: str
    tier: int
    input_per_1m_usd: float
    output_per_1m_usd: float
    status: ModelStatus = ModelStatus.USABLE
    retires_on: dt.date | None = None
    successor: str | None = None

    @property
    def order(self) -> tuple[int, float, float, str]:
        """Models are listed by tier, then price in, price out and name."""
        return (self.tier, self.input_per_1m_usd, self.output_per_1m_usd, self.name)


def to_replace(models: list[ModelPrice]) -> list[ModelPrice]:
    """The models that are retired or retire within 60 days, soonest first."""
    flagged = [model for model in models if model.status in (ModelStatus.RETIRED, ModelStatus.RETIRING)]
    return sorted(flagged, key=lambda model: (model.retires_on or dt.date.max, model.name))


def model_prices(lives: list[ModelLife], today: dt.date) -> list[ModelPrice]:
    """Every priced model of the file, with its status on `today` (key set or not)."""
    return [
        ModelPrice(
            name=life.name,
            tier=life.tier,
            input_per_1m_usd=life.input_per_1m_usd,
            output_per_1m_usd=life.output_per_1m_usd,
            status=status(life, today),
            retires_on=life.retires_on,
            successor=successor(life, lives, today),
        )
        for life in lives
        if life.input_per_1m_usd and life.output_per_1m_usd
    ]


class Milestone(BaseModel):
    """A reference model's input price and the day from which it held."""

    model_config = ConfigDict(frozen=True)

    label: str = Field(description="what people call the model, e.g. GPT-4o")
    model: str = Field(description="its id in LiteLLM's cost map")
    since: dt.date
    input_per_1m_usd: float = Field(gt=0)


class TierToday(BaseModel):
    """The cheapest configured model of a tier today, and how many times cheaper it is than the first milestone."""

    model_config = ConfigDict(frozen=True)

    tier: int
    name: str
    input_per_1m_usd: float
    times_cheaper: float | None = Field(description="the first milestone's price ÷ this one; None without milestones")


class LongViewLine(BaseModel):
    """The article's milestones, oldest first, and where each tier stands today."""

    milestones: list[Milestone]
    today: list[TierToday]
    as_of: dt.date


def long_view_line(milestones: list[Milestone], models: list[ModelPrice], today: dt.date) -> LongViewLine:
    """Milestones in date order, then the cheapest configured model of each tier (retired ones aside) against
    the first of them."""
    ordered = sorted(milestones, key=lambda milestone: milestone.since)
    first = ordered[0].input_per_1m_usd if ordered else None
    cheapest = {model.tier: model for model in cheapest_per_tier(models)}
    return LongViewLine(
        milestones=ordered,
        today=[
            TierToday(
                tier=tier,
                name=model.name,
                input_per_1m_usd=model.input_per_1m_usd,
                times_cheaper=round(first / model.input_per_1m_usd, 1) if first else None,
            )
            for tier, model in sorted(cheapest.items())
        ],
        as_of=today,
    )


def cheapest_per_tier(models: list[ModelPrice]) -> list[ModelPrice]:
    """One model per tier, retired ones aside: the lowest input price, then the lowest output price."""
    cheapest: dict[int, ModelPrice] = {}
    for model in sorted(models, key=lambda m: m.order):
        if model.status != ModelStatus.RETIRED:
            cheapest.setdefault(model.tier, model)
    return [cheapest[tier] for tier in sorted(cheapest)]
