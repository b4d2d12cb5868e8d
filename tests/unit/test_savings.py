from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.domain.savings import Scenario, Span, calculate, calculate_between


def test_article_proposals_save_about_80_hours():
    # "20 proposals a month ... half a day ... now one hour ... saves about 80 hours"
    result = calculate(Scenario(volume=20, minutes_before=300, minutes_after=60, hourly_cost=3000))
    assert result.hours_saved_per_month == 80.0
    assert result.baseline_cost_per_month == 300_000
    assert result.ai_cost_per_month == 60_000
    assert result.savings_per_month == 240_000
    assert result.savings_per_year == 2_880_000
    assert result.payback_months is None


def test_article_job_listings_save_300k_to_500k_a_year():
    result = calculate(Scenario(volume=10, period="year", outsourcing_unit_cost=[30000, 50000]))
    assert result.savings_per_year == Span(low=300_000, high=500_000)
    assert result.hours_saved_per_month == Span(low=0.0, high=0.0)


def test_a_week_is_52_twelfths_of_a_month():
    result = calculate(Scenario(volume=12, period="week", minutes_before=60, minutes_after=0, hourly_cost=1000))
    assert result.monthly_volume == pytest.approx(52.0)
    assert result.savings_per_month == 52_000
    assert any("52/12" in sentence for sentence in result.assumptions)


def test_a_day_is_a_working_day_five_a_week():
    result = calculate(Scenario(volume=40, period="day", minutes_before=8, minutes_after=2, hourly_cost=1200))
    assert result.monthly_volume == pytest.approx(40 * 52 * 5 / 12, abs=0.005)  # to the hundredth
    assert result.hours_saved_per_month == pytest.approx(40 * 52 * 5 / 12 * 6 / 60, abs=0.05)
    assert any("21.7 working days" in sentence for sentence in result.assumptions)


def test_tool_costs_review_time_and_payback():
    result = calculate(
        Scenario(
            volume=100,
            minutes_before=30,
            minutes_after=5,
            review_minutes=5,
            hourly_cost=2400,
            tool_cost_monthly=10_000,
            tool_cost_per_unit=50,
            setup_cost=150_000,
        )
    )
    # before: 100 × 30 min × ¥40/min = 120,000; after: 100 × 10 min × ¥40 + 10,000 + 5,000 = 55,000
    assert result.baseline_cost_per_month == 120_000
    assert result.ai_cost_per_month == 55_000
    assert result.savings_per_month == 65_000
    assert result.payback_months == pytest.approx(2.3)
    assert result.hours_saved_per_month == pytest.approx(33.3)


def test_payback_range_runs_from_fast_to_slow():
    result = calculate(
        Scenario(volume=1, outsourcing_unit_cost=[20_000, 40_000], tool_cost_monthly=10_000, setup_cost=60_000)
    )
    assert result.savings_per_month == Span(low=10_000, high=30_000)
    assert result.payback_months == Span(low=2.0, high=6.0)


def test_dollars_keep_cents_and_assumptions_follow_the_language():
    result = calculate(Scenario(volume=3, minutes_before=20, minutes_after=5, hourly_cost=33.33, currency="usd"), "ja")
    assert result.currency == "USD"
    assert result.savings_per_month == pytest.approx(25.0, abs=0.01)
    assert any("$33.33" in sentence and "時間" in sentence for sentence in result.assumptions)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"volume": 0}, "volume"),
        ({"volume": -5}, "volume"),
        ({"volume": 1, "hourly_cost": -1}, "hourly_cost"),
        ({"volume": 1, "minutes_before": 10, "minutes_after": 20}, "minutes_after"),
        ({"volume": 1, "currency": "EUR"}, "currency"),
        ({"volume": 1, "period": "fortnight"}, "period"),
        ({"volume": 1, "outsourcing_unit_cost": [50, 10]}, "outsourcing_unit_cost"),
        ({"volume": 1, "outsourcing_unit_cost": [1, 2, 3]}, "outsourcing_unit_cost"),
        ({"volume": 1, "minutes_after": 5}, "minutes_before"),
        ({"volume": 1, "colour": "red"}, "colour"),
    ],
)
def test_invalid_scenarios_name_the_field(fields, named):
    with pytest.raises(ValidationError) as error:
        Scenario.model_validate(fields)
    assert named in str(error.value)


money = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
minutes = st.floats(min_value=0, max_value=600, allow_nan=False, allow_infinity=False)
volumes = st.floats(min_value=0.01, max_value=1e5, allow_nan=False, allow_infinity=False)


@st.composite
def paying_scenarios(draw):
    """Scenarios whose AI route costs no more per unit than today (fixed monthly costs aside)."""
    before = draw(minutes)
    after = draw(st.floats(min_value=0, max_value=before, allow_nan=False))
    review = draw(st.floats(min_value=0, max_value=before - after, allow_nan=False))
    hourly = draw(money)
    low = draw(money)
    high = draw(st.floats(min_value=low, max_value=2e6, allow_nan=False))
    outsourcing = draw(st.one_of(st.none(), st.just(low), st.just([low, high])))
    per_unit_room = (before - after - review) / 60 * hourly + (low if outsourcing is not None else 0)
    per_unit = draw(st.floats(min_value=0, max_value=max(per_unit_room, 0), allow_nan=False))
    return {
        "volume": draw(volumes),
        "period": draw(st.sampled_from(["week", "month", "year"])),
        "minutes_before": before,
        "minutes_after": after,
        "review_minutes": review,
        "hourly_cost": hourly,
        "outsourcing_unit_cost": outsourcing,
        "tool_cost_monthly": draw(money),
        "tool_cost_per_unit": per_unit,
        "setup_cost": draw(st.one_of(st.none(), money)),
    }


def _ends(figure):
    return (figure.low, figure.high) if isinstance(figure, Span) else (figure, figure)


@settings(max_examples=300, deadline=None)
@given(paying_scenarios(), st.floats(min_value=1.0, max_value=100.0, allow_nan=False))
def test_more_volume_never_lowers_savings(fields, factor):
    smaller = calculate(Scenario.model_validate(fields))
    larger = calculate(Scenario.model_validate({**fields, "volume": fields["volume"] * factor}))
    for small, large in zip(_ends(smaller.savings_per_month), _ends(larger.savings_per_month), strict=True):
        assert large >= small - 1  # yen rounding


@settings(max_examples=300, deadline=None)
@given(paying_scenarios())
def test_savings_never_exceed_the_baseline_and_ranges_stay_ordered(fields):
    result = calculate(Scenario.model_validate(fields))
    for savings, baseline in zip(_ends(result.savings_per_month), _ends(result.baseline_cost_per_month), strict=True):
        assert savings <= baseline
    for figure in (
        result.baseline_cost_per_month,
        result.ai_cost_per_month,
        result.savings_per_month,
        result.savings_per_year,
    ):
        low, high = _ends(figure)
        assert low <= high
    if isinstance(result.payback_months, Span) and result.payback_months.high is not None:
        assert result.payback_months.low <= result.payback_months.high


def test_ranges_of_volume_and_time_give_every_figure_for_both_ends():
    low = Scenario(
        volume=20,
        period="day",
        minutes_before=10,
        minutes_after=5,
        hourly_cost=1200,
        tool_cost_monthly=3000,
        setup_cost=50_000,
    )
    high = Scenario(
        volume=30,
        period="day",
        minutes_before=15,
        minutes_after=5,
        hourly_cost=1200,
        tool_cost_monthly=3000,
        setup_cost=50_000,
    )
    middle = Scenario(
        volume=25,
        period="day",
        minutes_before=12.5,
        minutes_after=5,
        hourly_cost=1200,
        tool_cost_monthly=3000,
        setup_cost=50_000,
    )
    result = calculate_between(low, high, middle)
    days = 52 * 5 / 12
    assert result.monthly_volume == Span(low=round(20 * days, 2), high=round(30 * days, 2))
    assert result.hours_saved_per_month == Span(low=round(20 * days * 5 / 60, 1), high=round(30 * days * 10 / 60, 1))
    assert result.baseline_cost_per_month == Span(
        low=round(20 * days * 10 / 60 * 1200), high=round(30 * days * 15 / 60 * 1200)
    )
    savings = [20 * days * 5 / 60 * 1200 - 3000, 30 * days * 10 / 60 * 1200 - 3000]
    assert result.savings_per_month == Span(low=round(savings[0]), high=round(savings[1]))
    assert result.payback_months == Span(low=round(50_000 / savings[1], 1), high=round(50_000 / savings[0], 1))
    # the assumptions name both ends where they differ, once where they agree
    assert sum("a day is" in line for line in result.assumptions) == 2
    assert sum("1,200" in line for line in result.assumptions) == 1
