"""Prices over time, for the inventory's chart: each task's cheapest option on every day a price may have
changed, and every LLM plan's input price on each day it was recorded."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from bot.domain.catalog import Catalog, Category, PriceUnit, Tool
from bot.domain.money import Currency, ExchangeRate
from bot.domain.prices import PricePoint, cheapest_for, effective_prices, repriced


class SeriesPoint(BaseModel):
    date: dt.date
    price: float


class PriceSeries(BaseModel):
    """One line of the price chart: a category's cheapest option, or one model's input price."""

    key: str
    label: str
    currency: Currency
    unit: str
    points: list[SeriesPoint]


class ChartSeries(BaseModel):
    categories: list[PriceSeries]
    models: list[PriceSeries]


def price_series(
    catalog: Catalog,
    observations: list[PricePoint],
    currency: Currency,
    rate: ExchangeRate,
    language: str,
    today: dt.date,
    since: dt.date | None = None,
) -> ChartSeries:
    """Price lines for a chart: each category's cheapest option over time, and each LLM plan's input price."""
    dates = sorted(
        {today, *(d for d in _price_dates(catalog.tools, observations) if d <= today and (since is None or d >= since))}
    )
    categories: dict[Category, list[SeriesPoint]] = {task.id: [] for task in catalog.tasks}
    for day in dates:
        priced = repriced(catalog, effective_prices(catalog, observations, day))
        for category, points in categories.items():
            option = cheapest_for(priced, category, currency, rate, language)
            if option is not None:
                points.append(SeriesPoint(date=day, price=option.monthly_cost))
    return ChartSeries(
        categories=[
            PriceSeries(
                key=task.id.value,
                label=task.name(language),
                currency=currency,
                unit=PriceUnit.PER_MONTH.value,
                points=categories[task.id],
            )
            for task in catalog.tasks
            if categories[task.id]
        ],
        models=_model_series(catalog.tools, observations, today, since),
    )


def _price_dates(tools: tuple[Tool, ...], observations: list[PricePoint]) -> set[dt.date]:
    """Every day on which some price may have changed."""
    return (
        {tool.last_verified for tool in tools}
        | {entry.date for tool in tools for entry in tool.price_history}
        | {point.observed_on for point in observations}
    )


def _model_series(
    tools: tuple[Tool, ...], observations: list[PricePoint], today: dt.date, since: dt.date | None
) -> list[PriceSeries]:
    """USD per 1M input tokens of every LLM plan in the catalog, on each day its price was recorded."""
    unit = PriceUnit.PER_1M_INPUT_TOKENS
    series = []
    for tool in tools:
        for plan in (p for p in tool.plans if any(price.unit == unit for price in p.prices)):
            by_day: dict[dt.date, float] = {}
            known = [
                *(
                    (tool.last_verified, price.amount)
                    for price in plan.prices
                    if price.unit == unit and price.currency == "USD"
                ),
                *(
                    (e.date, e.amount)
                    for e in tool.price_history
                    if e.plan == plan.name and e.unit == unit and e.currency == "USD"
                ),
                *(
                    (o.observed_on, o.amount)
                    for o in observations
                    if (o.item_id, o.plan, o.unit, o.currency) == (tool.id, plan.name, unit.value, "USD")
                ),
            ]
            for day, amount in sorted(known, key=lambda pair: pair[0]):
                if day <= today and (since is None or day >= since):
                    by_day[day] = amount
            if by_day:
                series.append(
                    PriceSeries(
                        key=f"{tool.id}/{plan.name}",
                        label=f"{tool.name}: {plan.name}",
                        currency="USD",
                        unit=unit.value,
                        points=[SeriesPoint(date=day, price=price) for day, price in sorted(by_day.items())],
                    )
                )
    return series
