"""Amounts of money that could be two things: two sums a month each read as paid outside, an AI named for the
work it does, a person's pay a month."""

from __future__ import annotations

import pytest

from bot.domain.quantities import normalise, read_quantities
from tests.unit.reading_helpers import read


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


@pytest.mark.parametrize(
    ("text", "ways"),
    [
        (
            "作業マニュアル作成を外部ライターにお願いしていて、単価は5,000円です。月に5本、1本だいたい6時間かかるそうです。",
            2,
        ),
        ("Customs declaration notes, 90 a month, 20 min each now, 8 min with AI. The rate is $35.", 2),
        ("インタビュー音声の文字起こしを単価1万円で外注していて、月に6本くらい。AIに変えたら？", 3),
    ],
)
def test_a_rate_that_does_not_say_per_what_is_asked(text: str, ways: int) -> None:
    reading = read(text)
    assert [unclear.kind for unclear in reading.unclear] == ["money"]
    readings = [read(choice[2]) for choice in reading.unclear[0].choices]
    assert len(readings) == ways
    amount = readings[0].hourly_cost
    assert amount is not None and readings[1].outsourcing_unit_cost == amount
    if ways == 3:
        assert readings[2].outsourcing_per_audio_hour and readings[2].outsourcing_unit_cost == amount


@pytest.mark.parametrize(
    "text",
    [
        "Designer rate is $35 an hour. 20 banners a month, 90 min each, AI 30",
        "Our assistant's hourly rate is $24. 30 letters a month, 15 min each, AI 5 min",
        "エンジニア単価は時給5,000円。月80ページ、1ページ30分、AIで12分",
        "弁護士の時間単価は1万円です。月に20本、1本2時間、AIで40分",
    ],
)
def test_a_rate_that_says_per_what_is_read_at_once(text: str) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.hourly_cost is not None


def test_cents_are_hundredths_of_a_dollar() -> None:
    reading = read("we pay a vendor 8 cents a word for JP->EN, about 30k words a month")
    assert reading.outsourcing_unit_cost == 0.08 and reading.monthly_volume == 30000


@pytest.mark.parametrize(
    ("text", "check"),
    [
        (
            "Export paperwork, 6 shipments a month, ~3 hrs each. AI: 1 hr. My hourly is ~$45.",
            lambda r: r.hourly_cost == 45,
        ),
        ("商品説明を英訳に出していて、月に1万5千字、1文字15円で頼んでます。", lambda r: r.outsourcing_unit_cost == 15),
        (
            "200 jobs a month, 15 min each, AI 5. office staff $27/hr, the Jobber AI add-on is $29/mo",
            lambda r: r.tool_cost_monthly == 29,
        ),
    ],
)
def test_everyday_ways_of_saying_what_an_amount_pays(text: str, check: object) -> None:
    reading = read(text)
    assert reading.unclear == [] and check(reading)  # type: ignore[operator]


def test_an_hour_of_someones_time_beside_a_price_per_audio_hour_is_their_pay() -> None:
    reading = read(
        "We send recordings out for transcripts at $75 per audio hour, 14 hours of audio a month. Our producer spends "
        "30 min per audio hour cleaning them up; with AI the cleanup would be 20 min. Producer time is $28/h."
    )
    assert (reading.outsourcing_unit_cost, reading.hourly_cost, reading.unclear) == (75, 28, [])


def test_two_prices_paid_outside_ask_which() -> None:
    reading = read("We pay $40 per article to one writer and $60 per article to another, 20 articles a month.")
    assert [unclear.kind for unclear in reading.unclear] == ["which"]
    assert [read(choice[2]).outsourcing_unit_cost for choice in reading.unclear[0].choices] == [40, 60]


@pytest.mark.parametrize(
    ("text", "hourly", "tool"),
    [
        (
            "Quotes: ~15 a week, 2 hours each, AI maybe 45 min. Our estimator costs about $4.8k a month.",
            4800 / 173.33,
            None,
        ),
        ("50 descriptions a month at $40 each from a freelancer. An AI writer costs $49/month.", None, 49),
    ],
)
def test_a_person_costs_a_month_and_a_tool_costs_a_month(text: str, hourly: float | None, tool: float | None) -> None:
    reading = read(text)
    assert reading.hourly_cost == (pytest.approx(hourly, rel=0.01) if hourly else None)
    assert reading.tool_cost_monthly == tool


@pytest.mark.parametrize(
    ("text", "hourly"),
    [
        ("400 invoices a month, 3 min each; AI OCR would make it 1 min. She's on $3,900/month.", 3900 / 173.33),
        ("70 emails a month, 9 min each; AI takes it to 3. Front desk lead is paid $2,800/month.", 2800 / 173.33),
        (
            "250 replies a month, 8 minutes each, AI gets it down to 2. Our guest relations staff make $3,200 a month.",
            3200 / 173.33,
        ),
        (
            "85 summaries a month, 45 minutes each, AI 20. The accountant who does these is on $5,200 a month.",
            5200 / 173.33,
        ),
        ("35 shipments a day, 9 minutes each, AI 3 min. Hourly cost for our ops people is around $28.", 28),
    ],
)
def test_what_a_person_is_paid_however_it_is_said(text: str, hourly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.hourly_cost == pytest.approx(hourly, rel=0.01)


@pytest.mark.parametrize(
    ("text", "not_used"),
    [
        ("We're a $3.5 million landscaping company. 220 invoices a month, 7 minutes each, AI 2. $23/hour.", "$3500000"),
        (
            "Bookkeeping firm (we bill about $1.2 million a year). 85 summaries a month, 45 min each, AI 20. $30/h",
            "$1200000",
        ),
        ("年商3億円の工務店です。見積書が月に40件、1件90分、AIで30分。時給2,500円", None),
    ],
)
def test_a_business_size_in_money_is_not_a_cost(text: str, not_used: str | None) -> None:
    reading = read(text)
    assert reading.unclear == [] and (not_used is None or not_used in reading.not_used)
    assert reading.outsourcing_monthly_spend is None and reading.outsourcing_unit_cost is None


@pytest.mark.parametrize(
    ("text", "volume", "spend"),
    [
        ("We pay our bookkeeping vendor $450 a month to key in about 300 vendor invoices.", 300, 450),
        ("we pay a $3,000 monthly fee to the agency for 40 posts, 30 min each to check, AI 10. $30/h", 40, 3000),
    ],
)
def test_a_count_of_what_a_monthly_amount_buys(text: str, volume: float, spend: float) -> None:
    reading = read(text)
    assert (reading.monthly_volume, reading.outsourcing_monthly_spend) == (volume, spend)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("館内案内を英語・中国語に翻訳する外注費が1件3,000〜5,000円で、月に20件あります。", 20),
        (
            "We translate our monthly newsletter into English and Chinese. The agency charges ¥25,000 per language per issue.",
            2,
        ),
    ],
)
def test_a_price_per_item_or_per_language_settles_how_translations_are_counted(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == monthly


@pytest.mark.parametrize(
    ("text", "hourly"),
    [
        (
            "300 invoices per quarter, 25 mins each, AI 10 mins. our clerk's annual salary is 48k (usd).",
            48000 / 12 / 173.33,
        ),
        ("書類選考のコメントを年間600件、1件20分。AIで5分。担当者の年収は480万円です。", 4800000 / 12 / 173.33),
        ("12 summaries a month, 4 hrs each, with AI 1.5 hrs. she's on $58k/yr.", 58000 / 12 / 173.33),
        ("350 emails a month, 7 min each, AI 2.5 min. our CS rep's salary is 3,200/month (USD)", 3200 / 173.33),
        ("quotes ~10/wk, 1.5 hrs each, AI ~30 min, events mgr $29 p/h", 29),
    ],
)
def test_a_years_pay_a_months_pay_and_an_hours_however_written(text: str, hourly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.hourly_cost == pytest.approx(hourly, rel=0.01)
