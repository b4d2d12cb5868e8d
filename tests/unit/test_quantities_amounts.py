"""Amounts of money that could be two things: two sums a month each read as paid outside, an AI named for the
work it does, a person's pay a month."""

from __future__ import annotations

import pytest

from bot.domain.quantities import normalise, read_quantities


def read(text: str):  # type: ignore[no-untyped-def]
    return read_quantities(normalise(text))


@pytest.mark.parametrize(
    ("text", "spends", "total"),
    [
        (
            "翻訳会社に月15万円、校正の外注に月5万円払っています。月40件、1件30分",
            (150000, 50000),
            200000,
        ),
        (
            "We pay an agency $3,000 a month for blog posts, 20 a month. Another vendor charges $500 a month.",
            (3000, 500),
            3500,
        ),
    ],
)
def test_two_sums_a_month_paid_outside_ask_which_is_todays(
    text: str, spends: tuple[float, float], total: float
) -> None:
    reading = read(text)
    assert [unclear.kind for unclear in reading.unclear] == ["which"]
    first, second, both = (read_quantities(normalise(choice[2])) for choice in reading.unclear[0].choices)
    assert (first.outsourcing_monthly_spend, first.tool_cost_monthly) == spends
    assert (second.outsourcing_monthly_spend, second.tool_cost_monthly) == spends[::-1]
    assert (both.outsourcing_monthly_spend, both.tool_cost_monthly) == (total, None)
    assert first.unclear == second.unclear == both.unclear == []


def test_a_rival_amount_is_found_as_a_whole_number() -> None:
    """50000円 is not the end of 150000円: each choice rewrites the amount it names."""
    reading = read("外注に月15万円、別の業者に月5万円払っています。月40件")
    second = reading.unclear[0].choices[1][2]
    assert "月150000円" not in second and "150000円" in second


@pytest.mark.parametrize(
    "text",
    [
        "電話の一次受付を外注していて、月20万円払っています。件数は月600件。AIボイスボットに置き換えたら？ボットは月3万円です。",
        "We pay a freelancer $40 per product description, about 50 a month. An AI writer costs $49/month.",
        "外部ライターに1本5,000円で月30本お願いしています。AIライターは月2,980円です。",
    ],
)
def test_an_ai_named_for_the_work_it_does_is_a_tool(text: str) -> None:
    reading = read(text)
    assert reading.tool_cost_monthly in (30000, 49, 2980)
    assert reading.unclear == []


@pytest.mark.parametrize(
    ("text", "hourly"),
    [
        ("Supervisor pay is $5,190/mo. They write 40 reports a month, 20 min each, AI 5 min.", 30),
        ("Our coordinator's pay: $3,460 a month. 60 itineraries a month, 25 min each, AI 10 min.", 20),
    ],
)
def test_a_persons_pay_a_month_is_an_hour_of_it(text: str, hourly: float) -> None:
    assert read(text).hourly_cost == pytest.approx(hourly, rel=0.01)  # 173.3 working hours a month


def test_paying_for_a_tool_a_month_is_not_a_persons_pay() -> None:
    reading = read("we pay $20 a month for chatgpt. 40 emails a week, 5 min each, AI 2 min. $25/h")
    assert (reading.tool_cost_monthly, reading.hourly_cost) == (20, 25)
