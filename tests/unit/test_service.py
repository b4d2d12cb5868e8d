from __future__ import annotations

import pytest

from bot.service import Advisor
from bot.settings import Settings


@pytest.fixture
def advisor(tmp_path) -> Advisor:
    return Advisor(Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'advisor.db'}", ADVISOR_CURRENCY="JPY"))


def test_calculator_answer_in_japanese_carries_the_figures_and_a_tool(advisor):
    answer = advisor.ask("提案書を月20件、1件5時間かかっていたのがAIで1時間になります。時給3,000円ならいくら節約できますか？")
    assert (answer.path, answer.language) == ("calculator", "ja")
    assert answer.calculation["hours_saved_per_month"] == 80.0
    assert answer.calculation["baseline_cost_per_month"] == 300_000
    assert answer.tools and answer.tools[0] in answer.answer
    assert "削減額" in answer.answer and "¥" in answer.answer
    assert (answer.prompt_tokens, answer.completion_tokens, answer.cost_usd) == (0, 0, 0.0)


def test_calculator_uses_the_catalog_baseline_when_the_question_has_only_volume(advisor):
    answer = advisor.ask("We make 10 job listings a year. What would AI save us?")
    assert answer.path == "calculator"
    assert answer.calculation["savings_per_year"]["high"] > answer.calculation["savings_per_year"]["low"] > 250_000
    assert "article" in answer.answer


def test_catalog_answer_names_entries_that_exist_and_shows_prices(advisor):
    answer = advisor.ask("cheapest way to transcribe meetings?")
    assert answer.path == "catalog" and len(answer.tools) >= 3
    for tool_id in answer.tools:
        assert advisor.catalog.tool(tool_id) is not None
        assert f"[{tool_id}]" in answer.answer
    assert "US$1 = ¥150" in answer.answer  # dollar prices converted, with the rate's date
    assert "2026-11-22" in answer.answer


def test_japanese_catalog_question_lists_only_tools_that_handle_japanese(advisor):
    answer = advisor.ask("翻訳ツールの料金は？")
    assert answer.language == "ja" and answer.path == "catalog"
    assert all("ja" in advisor.catalog.tool(tool_id).languages for tool_id in answer.tools)


def test_plan_uses_the_stored_profile(advisor):
    from bot.domain.plan import CompanyProfile

    typical = advisor.ask("where should we start?")
    assert typical.path == "plan" and "typical" in typical.answer
    advisor.profiles.save("local", CompanyProfile.model_validate(
        {"name": "Kato Design", "hourly_cost": 2500, "tasks": [{"task": "translation", "volume": 5, "minutes_before": 120}]}
    ))
    answer = advisor.ask("where should we start?")
    assert "typical" not in answer.answer and "Translation" in answer.answer


def test_questions_no_zero_token_path_answers_say_so(advisor):
    answer = advisor.ask("Write me a haiku about the sea")
    assert answer.path == "none" and answer.tools == []
    assert "language model" in answer.answer
