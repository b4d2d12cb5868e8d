from __future__ import annotations

import pytest

from bot.domain.catalog import Category
from bot.domain.intents import classify, extract_figures, normalise


@pytest.mark.parametrize(
    ("question", "path", "language"),
    [
        ("20 proposals a month, 5 hours each, 1 hour with AI, staff cost 3,000 yen an hour: what do we save?", "calculator", "en"),
        ("提案書を月20件、1件5時間かかっていたのがAIで1時間になります。時給3,000円ならいくら節約できますか？", "calculator", "ja"),
        ("We make 10 job listings a year. What would AI save us?", "calculator", "en"),
        ("we spend 30 hours a month on meeting minutes — what should we use and what would it save?", "calculator", "en"),
        ("cheapest way to transcribe meetings?", "catalog", "en"),
        ("翻訳ツールの料金は？", "catalog", "ja"),
        ("Which chatbot tool is cheapest for customer inquiries?", "catalog", "en"),
        ("How much is Otter?", "catalog", "en"),
        ("where should we start?", "plan", "en"),
        ("どこから始めるべきですか？", "plan", "ja"),
        ("write me a poem about autumn", "none", "en"),
        ("明日の天気は？", "none", "ja"),
    ],
)
def test_paths(catalog, question, path, language):
    intent = classify(question, catalog)
    assert (intent.path, intent.language) == (path, language)


def test_english_calculator_figures():
    figures = extract_figures(normalise("20 proposals a month, 5 hours each, 1 hour with AI, staff cost 3,000 yen an hour"))
    assert (figures.volume, figures.period, figures.hourly_cost) == (20, "month", 3000)
    assert sorted(figures.minutes) == [60, 300]


def test_japanese_calculator_figures_with_man_units():
    figures = extract_figures(normalise("求人原稿を年10本、外注すると1本3万〜5万円かかっています"))
    assert (figures.volume, figures.period) == (10, "year")
    assert figures.outsourcing_unit_cost == (30000, 50000)
    assert figures.currency == "JPY"


def test_hourly_cost_written_as_per_hour_price_is_not_a_duration():
    figures = extract_figures(normalise("月に40件、1件30分。1時間あたり2500円"))
    assert figures.hourly_cost == 2500
    assert figures.minutes == [30]


def test_total_hours_a_month(catalog):
    intent = classify("We spend 30 hours a month on meeting minutes", catalog)
    assert intent.figures.volume == 30 and intent.figures.volume_is_hours
    assert intent.categories[0] == Category.MEETING_MINUTES


def test_dollars(catalog):
    figures = extract_figures(normalise("5 proposals per week, 3 hours each, 30 minutes with AI, at $40 an hour"))
    assert (figures.volume, figures.period, figures.hourly_cost, figures.currency) == (5, "week", 40, "USD")
    assert sorted(figures.minutes) == [30, 180]
