"""A model's status on a day, and the model to move to when it retires."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.lifecycle import ModelLife, ModelStatus, status, successor

TODAY = dt.date(2026, 11, 11)


def life(name: str, tier: int = 1, price: float = 0.1, **more: object) -> ModelLife:
    return ModelLife(
        name=name, model=f"openai/{name}", tier=tier, input_per_1m_usd=price, output_per_1m_usd=price * 4, **more
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (life("lasting"), ModelStatus.USABLE),
        (life("far", retires_on=TODAY + dt.timedelta(days=61)), ModelStatus.USABLE),
        (life("soon", retires_on=TODAY + dt.timedelta(days=60)), ModelStatus.RETIRING),
        (life("tomorrow", retires_on=TODAY + dt.timedelta(days=1)), ModelStatus.RETIRING),
        (life("today", retires_on=TODAY), ModelStatus.RETIRED),
        (life("gone", retires_on=TODAY - dt.timedelta(days=30), has_key=False), ModelStatus.RETIRED),
        (life("keyless", has_key=False, retires_on=TODAY + dt.timedelta(days=5)), ModelStatus.NO_KEY),
        (ModelLife(name="free", model="x/free", tier=1), ModelStatus.NO_PRICE),
    ],
)
def test_a_model_is_retired_from_its_day_on_and_retiring_within_60_days(
    model: ModelLife, expected: ModelStatus
) -> None:
    assert status(model, TODAY) == expected


def test_the_successor_is_the_named_one_else_the_cheapest_lasting_model_of_the_tier_with_a_key_first() -> None:
    retiring = life("old-nano", retires_on=TODAY + dt.timedelta(days=30))
    models = [
        retiring,
        life("also-retiring", price=0.01, retires_on=TODAY + dt.timedelta(days=40)),
        life("keyless-cheap", price=0.02, has_key=False),
        life("dear", price=0.5),
        life("cheap", price=0.2),
        life("stronger", tier=2, price=0.05),
    ]
    assert successor(retiring, models, TODAY) == "cheap"
    named = retiring.model_copy(update={"successor_named": "dear"})
    assert successor(named, models, TODAY) == "dear"
    assert successor(life("cheap", price=0.2), models, TODAY) is None  # a lasting model needs none
    alone = life("alone", tier=3, retires_on=TODAY - dt.timedelta(days=1))
    assert successor(alone, [*models, alone], TODAY) is None  # nothing of tier 3 lasts
    keyless_only = [retiring, life("keyless-cheap", price=0.02, has_key=False)]
    assert successor(retiring, keyless_only, TODAY) == "keyless-cheap"
