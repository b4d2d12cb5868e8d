from __future__ import annotations

import pytest

from bot.advisor.service import Advisor
from bot.settings import Settings


@pytest.fixture
def advisor(tmp_path) -> Advisor:
    return Advisor(Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'advisor.db'}", ADVISOR_CURRENCY="JPY"))


def test_calculator_answer_in_japanese_carries_the_figures_and_a_tool(advisor):
    answer = advisor.ask(
        "提案書を月20件、1件5時間かかっていたのがAIで1時間になります。時給3,000円ならいくら節約できますか？"
    )
    assert (answer.path, answer.language) == ("calculator", "ja")
    assert answer.calculation["hours_saved_per_month"] == 80.0
    assert answer.calculation["baseline_cost_per_month"] == 300_000
    assert answer.tools and answer.tools[0] in answer.text
    assert "削減額" in answer.text and "¥" in answer.text
    assert (answer.prompt_tokens, answer.completion_tokens, answer.cost_usd) == (0, 0, 0.0)


def test_calculator_uses_the_catalog_baseline_when_the_question_has_only_volume(advisor):
    answer = advisor.ask("We make 10 job listings a year. What would AI save us?")
    assert answer.path == "calculator"
    assert answer.calculation["savings_per_year"]["high"] > answer.calculation["savings_per_year"]["low"] > 250_000
    assert "article" in answer.text


def heading(answer) -> str:  # type: ignore[no-untyped-def]
    """The calculation's heading: the line after the one that says how the question was read."""
    read_as, heading = answer.text.splitlines()[:2]
    assert read_as.startswith(("Read as: ", "読み取り："))
    return heading


def test_hours_of_meetings_are_hours_of_audio_to_transcribe_not_hours_of_work(advisor):
    answer = advisor.ask("How much would I save transcribing 20 hours of meetings a month?")
    assert answer.path == "calculator"
    # 20 hours of audio at 240 minutes each by hand, 15 with AI
    assert answer.calculation["hours_saved_per_month"] == 75.0
    assert heading(answer).startswith("Savings for Transcription, 20 hours of audio a month:")
    assert "not of work" in answer.text
    assert answer.text.startswith("Read as: 20 hours of recordings a month\n")


def test_hours_spent_on_a_task_are_hours_of_work(advisor):
    answer = advisor.ask("We spend 30 hours a month transcribing interviews. What would AI save?")
    assert answer.path == "calculator"
    # 30 hours of typing at 240 minutes an hour of audio is 7.5 hours of audio, each 15 minutes with AI
    assert answer.calculation["hours_saved_per_month"] == pytest.approx(
        30 - 7.5 * 15 / 60, abs=0.05
    )  # to a tenth of an hour
    assert heading(answer).startswith("Savings for Transcription, 7.5 hours of audio a month:")
    assert "30 hours of work a month" in answer.text


def test_japanese_hours_of_meetings_count_one_hour_meetings(advisor):
    answer = advisor.ask("会議が月20時間あります。議事録をAIにすると時給3,000円でいくら節約できますか？")
    assert (answer.path, answer.language) == ("calculator", "ja")
    assert answer.calculation["hours_saved_per_month"] == pytest.approx(20 * 55 / 60, abs=0.05)
    assert heading(answer).startswith("議事録・日報（月20時間）の削減効果：")
    assert "作業時間ではなく" in answer.text


def test_catalog_answer_names_entries_that_exist_and_shows_prices(advisor):
    answer = advisor.ask("cheapest way to transcribe meetings?")
    assert answer.path == "catalog" and len(answer.tools) >= 3
    for tool_id in answer.tools:
        assert advisor.catalog.tool(tool_id) is not None
        assert f"[{tool_id}]" in answer.text
    assert "US$1 = ¥150" in answer.text  # dollar prices converted, with the rate's date
    assert "2026-11-22" in answer.text


def test_inquiries_a_day_are_counted_over_a_months_working_days(advisor):
    answer = advisor.ask(
        "We answer about 40 customer emails a day, 8 minutes each. Part-timer costs 1,200 yen an hour. "
        "What would a chatbot save?"
    )
    assert answer.path == "calculator"
    assert answer.calculation["monthly_volume"] == pytest.approx(40 * 52 * 5 / 12, abs=0.005)
    assert heading(answer).startswith("Savings for Customer inquiry response (chatbot), 40 inquiries a day:")
    assert "typical month's use" not in answer.text  # e-mails are inquiries: the tool is priced for 866.7 of them
    assert "21.7 working days" in answer.text
    assert answer.text.startswith(
        "Read as: 40 customer emails a day = 866.7 a month; 8 minutes each today; staff at ¥1,200 an hour\n"
    )


def test_a_volume_in_other_units_than_the_tasks_keeps_its_units_and_a_typical_tool_price(advisor):
    answer = advisor.ask(
        "Translating 20 pages a month costs us 8,000 yen per page from a translation company. How much would AI save?"
    )
    assert answer.path == "calculator"
    assert heading(answer).startswith("Savings for Translation, 20 pages a month:")
    assert (
        answer.calculation["baseline_cost_per_month"] == 160_000
    )  # the asker's price, not the catalog's per character
    assert "typical month's use (20,000 characters a month)" in answer.text

    catalog = advisor.ask("cheapest AI for translating 20 pages a month?")
    assert "(a typical month: 20,000 characters)" in catalog.answer


def test_catalog_answer_prices_the_volume_the_question_gives(advisor):
    asked = advisor.ask("what is the cheapest AI for translating 600,000 characters a month?")
    assert asked.path == "catalog"
    assert asked.answer.startswith("Cheapest off-the-shelf options for Translation (600,000 characters a month):")
    # DeepL's free API stops at 500,000 characters a month: it is not free at this volume
    assert "DeepL API [deepl-api] (API) — about ¥0" not in asked.answer

    typical = advisor.ask("cheapest translation API?")
    assert typical.answer.startswith(
        "Cheapest off-the-shelf options for Translation (a typical month: 20,000 characters):"
    )
    assert "DeepL API [deepl-api] (API) — about ¥0" in typical.answer


def test_japanese_catalog_question_lists_only_tools_that_handle_japanese(advisor):
    answer = advisor.ask("翻訳ツールの料金は？")
    assert answer.language == "ja" and answer.path == "catalog"
    assert all("ja" in advisor.catalog.tool(tool_id).languages for tool_id in answer.tools)


def test_plan_uses_the_stored_profile(advisor):
    from bot.domain.plan import CompanyProfile

    typical = advisor.ask("where should we start?")
    assert typical.path == "plan" and "typical" in typical.text
    advisor.profiles.save(
        "local",
        CompanyProfile.model_validate(
            {
                "name": "Kato Design",
                "hourly_cost": 2500,
                "tasks": [{"task": "translation", "volume": 5, "minutes_before": 120}],
            }
        ),
    )
    answer = advisor.ask("where should we start?")
    assert "typical" not in answer.text and "Translation" in answer.text


def test_off_topic_requests_are_declined_without_a_model(advisor):
    answer = advisor.ask("Write me a haiku about the sea")
    assert (answer.path, answer.status, answer.tools, answer.prompt_tokens) == ("refused", "refused", [], 0)
    assert "does not help with writing texts for you" in answer.text and "No model called · 0 tokens" in answer.text
    stored = advisor.questions.get(answer.question_id)
    assert (stored.path, stored.status) == ("refused", "refused")


def test_the_budget_question_is_answered_from_the_ledger(advisor):
    from bot.domain.budget import Scope

    advisor.budgets.set_limit("local", Scope(kind="channel", id="C7"), 50_000)
    reservation = advisor.budgets.reserve("local", advisor.asker(None, "C7", None).scopes, 2_000, 0.001)
    advisor.budgets.settle(reservation.reservation_id, 1_200, 300, 0.0004, {"path": "llm", "model": "nano"})

    answer = advisor.ask("how much of our budget is left?", channel_id="C7")
    assert (answer.path, answer.prompt_tokens) == ("budget", 0)
    assert "1,500 of 50,000 tokens used (3%), 48,500 left" in answer.text
    assert "1,500 of 2,000,000 tokens used" in answer.text  # the default workspace limit

    japanese = advisor.ask("今月の予算はあとどれくらい？", channel_id="C7")
    assert japanese.path == "budget" and "残り48,500" in japanese.text


def test_a_tool_the_catalog_lacks_is_named_as_missing_and_the_rest_answered(advisor):
    answer = advisor.ask("Fireflies or Notta: which is cheaper for transcribing meetings?")
    assert answer.path == "catalog" and "fireflies-ai" in answer.tools
    assert answer.text.startswith("Notta is not in the catalog yet, so not priced here.\n")
    both = advisor.ask("Otter or Notta: which is cheaper for transcribing meetings?")
    assert both.text.startswith("Notta, Otter.ai are not in the catalog yet, so not priced here.\n")
    japanese = advisor.ask("Nottaの料金は？")
    assert japanese.path == "catalog" and japanese.text.startswith("Nottaはまだカタログにないため")
    calculated = advisor.ask("Notta for 20 hours of meetings a month at 3,000 yen an hour: what would we save?")
    assert calculated.path == "calculator"
    assert calculated.text.splitlines()[1] == "Notta is not in the catalog yet, so not priced here."


def test_a_range_in_the_question_is_a_range_in_the_answer(advisor):
    answer = advisor.ask("3人がそれぞれ1日に20〜30件。1件5〜7分で、AIで半分。時給1200円")
    assert answer.path == "calculator" and answer.calculation is not None
    days = 52 * 5 / 12
    assert answer.calculation["monthly_volume"] == {"low": round(60 * days, 2), "high": round(90 * days, 2)}
    assert answer.calculation["hours_saved_per_month"] == {
        "low": round(60 * days * 2.5 / 60, 1),
        "high": round(90 * days * 3.5 / 60, 1),
    }
    assert answer.text.startswith("読み取り：3人×1日20〜30件＝月1,300〜1,950、1件5〜7分→2.5〜3.5分、時給¥1,200\n")


def test_no_time_per_item_for_a_count_the_catalog_does_not_time_is_asked(advisor):
    answer = advisor.ask("インタビューの文字起こしを月に40件やっていて、1時間あたり3,000円かかっています。AIにしたら？")
    assert answer.path == "clarify" and answer.calculation is None
    assert answer.clarify == {"text": "40件", "choices": []}
    assert "音声1時間" in answer.text  # the catalog's unit, which 件 are not


@pytest.mark.parametrize(
    ("question", "read_as"),
    [
        (
            "Site supervisors (5 of them) each fill in a safety log every working day, 15 min per log. "
            "AI would make it 4 minutes. $28/h",
            "Read as: 5 people, each once a day = 108.3 a month; 15 → 4 minutes each; staff at $28.00 an hour\n",
        ),
        (
            "We reconcile 2,500 card transactions a month at 1.5 min each. AI gets it to 0.25 min. $30/hr.",
            "Read as: 2,500 card transactions a month; 1.5 → 0.25 minutes each; staff at $30.00 an hour\n",
        ),
        (
            "現場監督5人がそれぞれ毎日安全日誌を書いています。1回15分、AIで4分。時給1,800円",
            "読み取り：5人がそれぞれ1日1回＝月108.3、1件15分→4分、時給¥1,800\n",
        ),
    ],
)
def test_the_reading_line_says_what_was_read_as_a_person_would(advisor, question: str, read_as: str) -> None:
    assert advisor.ask(question).text.startswith(read_as)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "ブライダルの見積もり説明メール、月に120件。AIなら1件10分でできるらしい。時給1,700円でどのくらい得？",
            "今は1件どのくらい",
        ),
        ("We answer 80 emails a week. With AI it would be 2 minutes each. $25/h", "how long does each take today"),
    ],
)
def test_a_time_with_ai_and_none_for_today_is_asked_not_taken_from_the_catalog(advisor, question: str, asked: str):
    answer = advisor.ask(question)
    assert (answer.path, answer.calculation) == ("clarify", None)
    assert asked in answer.text


def test_shops_each_doing_a_task_are_read_as_shops(advisor):
    answer = advisor.ask(
        "Karaoke chain, 6 shops. Shift schedules take the manager 3 hours. AI could cut it to 30 min. ¥2,000/h. "
        "(once a week) (each person)"
    )
    assert answer.text.startswith("Read as: 6 shops, each once a week = 26 a month; 180 → 30 minutes each;")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("We write 20 reports a month, 10 minutes each, with AI 30 minutes. $20/h", "is longer than today's (10 min)"),
        ("報告書を月20件、1件10分、AIだと30分。時給2,000円", "AI導入後の時間（30分）が現在の時間（10分）より長く"),
    ],
)
def test_a_time_with_ai_longer_than_todays_is_said_in_the_askers_language(advisor, question: str, said: str):
    answer = advisor.ask(question)
    assert said in answer.text and "minutes_after" not in answer.text
    assert answer.calculation is None
