"""Model prices over time, for the inventory's chart: the cheapest configured model of each tier in every
month's snapshot, on the day the snapshot was taken."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

from bot.domain.catalog import PriceUnit
from bot.domain.prices import PricePoint

TIER_PLAN = re.compile(r"^tier (\d+)$")
"""How a snapshot names a configured model's tier (its `plan`)."""


class SeriesPoint(BaseModel):
    date: dt.date
    price: float


class TierHistory(BaseModel):
    """One tier's lowest input price in USD per 1M tokens, snapshot by snapshot, oldest first."""

    tier: int
    points: list[SeriesPoint]


def tier_history(model_points: list[PricePoint]) -> list[TierHistory]:
    """Per tier, the lowest input price among its models on each day a snapshot was taken.

    Only configured models' input prices in US dollars count; tools, output prices and
    points whose plan names no tier are left out.
    """
    lowest: dict[int, dict[dt.date, float]] = {}
    for point in model_points:
        tier = TIER_PLAN.match(point.plan)
        if (
            point.kind != "model"
            or tier is None
            or point.unit != PriceUnit.PER_1M_INPUT_TOKENS.value
            or point.currency != "USD"
        ):
            continue
        days = lowest.setdefault(int(tier.group(1)), {})
        days[point.observed_on] = min(point.amount, days.get(point.observed_on, point.amount))
    return [
        TierHistory(tier=tier, points=[SeriesPoint(date=day, price=price) for day, price in sorted(days.items())])
        for tier, days in sorted(lowest.items())
    ]
