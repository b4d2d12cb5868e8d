"""Which price is in force on a day: the catalog's reviewed prices and dated history, and the prices people saw
since; the catalog repriced to them, and its cheapest option for a task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.domain.catalog import Catalog, Category, Plan, PlanCost, PriceComponent, Tool
from bot.domain.language import tools_speaking
from bot.domain.money import Currency, ExchangeRate

PriceKey = tuple[str, str, str, str]
"""(kind, item id, plan, unit): one price that can change over time."""


class PricePoint(BaseModel):
    """One price of one plan of a tool (or of a configured model), as known on a day."""

    model_config = ConfigDict(frozen=True)

    item_id: str
    kind: Literal["tool", "model"] = "tool"
    plan: str
    amount: float
    currency: Currency
    unit: str
    observed_on: dt.date
    source: str | None = None

    @property
    def key(self) -> PriceKey:
        return (self.kind, self.item_id, self.plan, self.unit)


def _catalog_points(tool: Tool) -> Iterable[PricePoint]:
    """The plan prices (true on `last_verified`) and the dated history of one tool."""
    for plan in tool.plans:
        for price in plan.prices:
            yield PricePoint(
                item_id=tool.id,
                plan=plan.name,
                amount=price.amount,
                currency=price.currency,
                unit=price.unit.value,
                observed_on=tool.last_verified,
                source=str(tool.price_source),
            )
    for entry in tool.price_history:
        yield PricePoint(
            item_id=tool.id,
            plan=entry.plan,
            amount=entry.amount,
            currency=entry.currency,
            unit=entry.unit.value,
            observed_on=entry.date,
            source=str(entry.source) if entry.source else None,
        )


def effective_prices(catalog: Catalog, observations: list[PricePoint], on: dt.date) -> list[PricePoint]:
    """For every tool plan and unit, the latest price known on `on`.

    Only units a plan is priced in count. On a tie of dates an observation wins over the
    catalog's history, and the history over the plan price (it names its own source).
    """
    priced_units = {
        (tool.id, plan.name, price.unit.value) for tool in catalog.tools for plan in tool.plans for price in plan.prices
    }
    latest: dict[PriceKey, PricePoint] = {}
    catalog_points = [point for tool in catalog.tools for point in _catalog_points(tool)]
    for point in [*catalog_points, *(o for o in observations if o.kind == "tool")]:
        if point.observed_on > on or (point.item_id, point.plan, point.unit) not in priced_units:
            continue
        known = latest.get(point.key)
        if known is None or point.observed_on >= known.observed_on:
            latest[point.key] = point
    return sorted(latest.values(), key=lambda point: point.key)


def repriced(catalog: Catalog, points: list[PricePoint]) -> Catalog:
    """The catalog with every plan priced by `points`; a plan with a price not among them is left out.

    Plans without any price (free tiers) stay: they cost nothing on any day.
    """
    by_key = {point.key: point for point in points if point.kind == "tool"}
    tools = []
    for tool in catalog.tools:
        plans = [plan for plan in (_repriced_plan(tool.id, plan, by_key) for plan in tool.plans) if plan is not None]
        if plans and any(plan.prices for plan in plans):
            # The history is dropped with the plans it may name: it has no part in pricing.
            tools.append(tool.model_copy(update={"plans": plans, "price_history": []}))
    return catalog.model_copy(update={"tools": tuple(tools)})


def _repriced_plan(tool_id: str, plan: Plan, by_key: dict[PriceKey, PricePoint]) -> Plan | None:
    prices = []
    for price in plan.prices:
        point = by_key.get(("tool", tool_id, plan.name, price.unit.value))
        if point is None:
            return None
        prices.append(PriceComponent(amount=point.amount, currency=point.currency, unit=price.unit))
    return plan.model_copy(update={"prices": prices})


def cheapest_for(
    catalog: Catalog, category: Category, currency: Currency, rate: ExchangeRate, language: str
) -> PlanCost | None:
    """The cheapest ready-to-use app (else API) for a category at its typical monthly volume."""
    task = catalog.task(category)
    volume = task.typical_volume if task else 1.0
    only_japanese = tools_speaking(language)
    options = catalog.priced_options(
        category, volume, currency, rate, language=only_japanese, kind="app"
    ) or catalog.priced_options(category, volume, currency, rate, language=only_japanese, kind="api")
    return options[0] if options else None


# --- the inventory ---------------------------------------------------------------------
