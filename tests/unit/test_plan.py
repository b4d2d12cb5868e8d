from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.domain.catalog import Category
from bot.domain.plan import CompanyProfile, build_plan, typical_profile
from bot.domain.savings import Span


def profile(**overrides) -> CompanyProfile:
    data = {
        "name": "Sato Seisakusho",
        "hourly_cost": 3000,
        "currency": "JPY",
        "language": "ja",
        "tasks": [
            {"task": "proposals", "volume": 20, "minutes_before": 300},
            {"task": "議事録", "volume": 8, "minutes_before": 60},
            {"task": "job_listings", "volume": 10, "period": "year", "outsourcing_unit_cost": [30000, 50000]},
        ],
    }
    data.update(overrides)
    return CompanyProfile.model_validate(data)


def test_ranking_start_and_totals(catalog, rate):
    plan = build_plan(profile(), catalog, rate)
    savings = [item.net_monthly_savings for item in plan.items]
    assert savings == sorted(savings, reverse=True)
    # the most staff time goes to proposals (100 h a month): start there
    assert plan.start is not None and plan.start.category == Category.PROPOSALS
    assert plan.start.hours_spent_per_month == 100.0
    minutes = next(item for item in plan.items if item.category == Category.MEETING_MINUTES)
    assert minutes.scenario.minutes_after == pytest.approx(5)  # scaled from the catalog baseline 60 → 5
    assert plan.hours_freed_per_month == pytest.approx(80 + 8 * 55 / 60 - 10 / 12, abs=0.2)


def test_each_task_gets_the_cheapest_fitting_japanese_app(catalog, rate):
    plan = build_plan(profile(), catalog, rate)
    for item in plan.items:
        assert item.tool is not None
        assert "ja" in item.tool.tool.languages
        cheaper = catalog.priced_options(
            item.category, item.scenario.monthly_volume, "JPY", rate, language="ja", kind=item.tool.tool.kind
        )
        assert item.tool.monthly_cost == cheaper[0].monthly_cost


def test_outsourced_task_keeps_its_range(catalog, rate):
    plan = build_plan(profile(), catalog, rate)
    listings = next(item for item in plan.items if item.category == Category.JOB_LISTINGS)
    assert isinstance(listings.result.savings_per_year, Span)
    assert listings.result.savings_per_year.low < listings.result.savings_per_year.high


def test_build_versus_buy_over_three_years(catalog, rate):
    plan = build_plan(profile(), catalog, rate)
    bvb = plan.build_versus_buy
    assert bvb is not None and bvb.years == 3
    assert (bvb.build_low, bvb.build_high) == (3_000_000 + 3 * 8_000_000, 30_000_000 + 3 * 15_000_000)
    assert bvb.buy < bvb.build_low


def test_a_task_with_nothing_to_price_is_refused():
    with pytest.raises(ValidationError, match="minutes_before"):
        profile(tasks=[{"task": "translation", "volume": 1000}])


def test_typical_plan_for_people_without_a_profile(catalog, rate):
    plan = build_plan(typical_profile(catalog, "USD", rate, "en"), catalog, rate, is_typical=True)
    assert plan.is_typical and plan.currency == "USD"
    assert {item.category for item in plan.items} >= {Category.PROPOSALS, Category.TRANSCRIPTION, Category.JOB_LISTINGS}
    assert plan.savings_per_month > 0
