from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from bot.advisor.answer import Answer
from bot.advisor.service import Advisor
from bot.domain.budget import BudgetLimit, BudgetPolicy, Scope, ScopeUsage
from bot.domain.lifecycle import ModelStatus
from bot.domain.long_view import ModelPrice
from bot.domain.plan import CompanyProfile
from bot.domain.savings import Scenario
from bot.settings import Settings
from bot.slack import ids
from bot.slack.blocks import answer_messages, cost_line, failure_message, thinking_message, usage_message
from bot.slack.home import HomeSummary, home_view
from bot.slack.report_blocks import budget_blocks, plan_blocks, savings_blocks
from bot.text import budget_text, declines

MONTH = "2026-11"


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor(Settings(_env_file=None, DATABASE_URL="sqlite://", ADVISOR_CURRENCY="JPY"))


def ask(advisor: Advisor, question: str) -> Answer:
    return advisor.ask(question, log_free_answers=False)


def model_answer(text: str = "Use **otter** for minutes.", **overrides: Any) -> Answer:
    fields = {
        "answer": text,
        "path": "llm",
        "language": "en",
        "model": "gpt-4o-mini",
        "prompt_tokens": 612,
        "completion_tokens": 200,
        "cost_usd": 0.00125,
        "question_id": 7,
        "tools": ["otter-ai"],
        "tier": 1,
    }
    return Answer(**(fields | overrides))


def usage(kind: str, scope_id: str, used: int, limit: int | None = None, money: float = 0.0) -> ScopeUsage:
    scope = Scope(kind=kind, id=scope_id)
    return ScopeUsage(
        scope=scope,
        month=MONTH,
        used_tokens=used,
        used_money_usd=money,
        limit=BudgetLimit(scope=scope, monthly_tokens=limit) if limit is not None else None,
    )


def assert_within_slack_limits(blocks: list[dict[str, Any]], max_blocks: int = 50) -> None:
    assert 0 < len(blocks) <= max_blocks
    for block in blocks:
        if block["type"] == "section":
            texts = [block["text"]] if "text" in block else block["fields"]
            assert "text" in block or 0 < len(block["fields"]) <= 10
            assert all(len(text["text"].strip()) > 0 and len(text["text"]) <= 3000 for text in texts)
        elif block["type"] == "context":
            assert 0 < len(block["elements"]) <= 10
            assert all(text["text"].strip() for text in block["elements"])
        elif block["type"] == "header":
            assert block["text"]["type"] == "plain_text" and 0 < len(block["text"]["text"]) <= 150
        elif block["type"] == "actions":
            assert all(len(element["value"]) <= 2000 and element["action_id"] for element in block["elements"])


def texts_of(blocks: list[dict[str, Any]]) -> str:
    """Every text a person sees in the blocks, in order."""
    return json.dumps(blocks, ensure_ascii=False)


def actions(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [element for block in blocks if block["type"] == "actions" for element in block["elements"]]


# --- answers ------------------------------------------------------------------------------


def long_markdown_answer() -> str:
    paragraphs = [
        f"## Part {number}\nParagraph {number:03d}: **bold** words about [otter] and R&D costs. " + "word " * 90
        for number in range(60)
    ]
    return "\n\n".join(paragraphs)


def test_a_long_answer_is_split_within_slack_limits_with_the_footer_on_the_last_message(rate):
    answer = model_answer(long_markdown_answer())
    assert len(answer.answer) > 30_000
    messages = answer_messages(answer, rate, "JPY", deeper_button=True)
    assert len(messages) >= 3
    for message in messages:
        assert_within_slack_limits(message["blocks"])
        sections = [block["text"]["text"] for block in message["blocks"] if block["type"] == "section"]
        assert sum(map(len, sections)) <= 12_000
        assert message["text"] and len(message["text"]) <= 300 and "*" not in message["text"]
    *earlier, last = messages
    assert all(block["type"] == "section" for message in earlier for block in message["blocks"])
    assert [block["type"] for block in last["blocks"][-3:]] == ["context", "actions", "context_actions"]
    body = "".join(
        block["text"]["text"] for message in messages for block in message["blocks"] if block["type"] == "section"
    )
    numbers = [int(found) for found in re.findall(r"Paragraph (\d{3})", body)]
    assert numbers == list(range(60))
    assert "**" not in body and "## " not in body and "R&amp;D" in body and "[otter]" in body


def test_the_deeper_button_comes_only_when_asked_for(rate):
    with_button = answer_messages(model_answer(), rate, "JPY", deeper_button=True)[-1]["blocks"]
    (button,) = actions(with_button)
    assert (button["action_id"], button["value"], button["text"]["text"]) == (ids.DEEPER_ANSWER, "7", "Deeper answer")
    assert "stronger model" in texts_of(with_button)
    without = answer_messages(model_answer(), rate, "JPY", deeper_button=False)[-1]["blocks"]
    assert actions(without) == [] and "stronger model" not in texts_of(without)


def test_cost_line_of_a_model_answer_in_yen_dollars_and_japanese(rate):
    assert cost_line(model_answer(), rate, "JPY") == "gpt-4o-mini · 812 tokens · ¥0.19 · catalog: otter-ai"
    assert cost_line(model_answer(cost_usd=0.5, tools=[]), rate, "JPY") == "gpt-4o-mini · 812 tokens · ¥75"
    assert cost_line(model_answer(cost_usd=0.0012, tools=[]), rate, "USD") == "gpt-4o-mini · 812 tokens · $0.0012"
    assert (
        cost_line(model_answer(language="ja", prompt_tokens=1_500), rate, "JPY")
        == "gpt-4o-mini · 1,700トークン · ¥0.19 · カタログ: otter-ai"
    )


def test_cost_line_of_answers_that_called_no_model(advisor, rate):
    catalog = ask(advisor, "cheapest way to transcribe meetings?")
    assert cost_line(catalog, rate, "JPY") == "From the tool catalog · 0 tokens · catalog: " + ", ".join(catalog.tools)
    calculator = ask(advisor, "20 proposals a month, 5 hours each, 1 hour with AI, staff at 3,000 yen an hour")
    assert cost_line(calculator, rate, "JPY").startswith("From the savings calculator · 0 tokens")
    japanese = ask(advisor, "議事録に一番安いツールは？")
    assert cost_line(japanese, rate, "JPY").startswith("ツールカタログから回答 · 0トークン · カタログ: ")
    refusal = ask(advisor, "Write me a haiku about the sea")
    assert cost_line(refusal, rate, "JPY") == "No model called · 0 tokens"
    declined = Answer(
        answer=declines.budget_declined_answer("en", None, ["U0ADMIN"]),
        path="llm",
        language="en",
        status="declined",
        question_id=3,
    )
    assert cost_line(declined, rate, "JPY") == "No model called · 0 tokens"


def test_a_zero_token_answer_is_escaped_and_keeps_mentions_and_catalog_ids(rate):
    usages = [usage("workspace", "T1", 1_000, 2_000_000), usage("user", "U123", 500, 50_000)]
    answer = Answer(
        answer=budget_text.budget_status_answer(usages, MONTH, "en") + "\nR&D <draft>", path="budget", language="en"
    )
    (message,) = answer_messages(answer, rate, "JPY", deeper_button=False)
    section = message["blocks"][0]["text"]["text"]
    assert "user <@U123>" in section and "R&amp;D &lt;draft&gt;" in section
    assert message["blocks"][-1]["elements"][0]["text"] == "From the budget ledger · 0 tokens"


def test_our_own_texts_are_not_read_as_markdown(rate):
    text = "Plans:\n# of seats: 3 **at most**\n• Pro: $8 per user_per_month * 2"
    (message,) = answer_messages(Answer(answer=text, path="catalog", language="en"), rate, "JPY", deeper_button=False)
    assert message["blocks"][0]["text"]["text"] == text


def test_a_catalog_answer_in_japanese_renders_japanese(advisor, rate):
    answer = ask(advisor, "議事録に一番安いツールは？")
    (message,) = answer_messages(answer, rate, "JPY", deeper_button=False)
    assert_within_slack_limits(message["blocks"])
    assert all(f"[{tool}]" in texts_of(message["blocks"]) for tool in answer.tools)
    assert "カタログから回答" in message["blocks"][-1]["elements"][0]["text"]
    deeper = answer_messages(model_answer(language="ja"), rate, "JPY", deeper_button=True)[-1]["blocks"]
    assert actions(deeper)[0]["text"]["text"] == "もっと詳しく"


def test_budget_warnings_are_shown_once(rate):
    warning = "⚠ the workspace has used 85% of its AI budget for 2026-11."
    llm = model_answer(f"Answer text.\n{warning}", warnings=[warning])
    assert texts_of(answer_messages(llm, rate, "JPY", deeper_button=False)[0]["blocks"]).count("85%") == 1
    catalog = Answer(answer="From the catalog.", path="catalog", language="en", warnings=[warning])
    assert texts_of(answer_messages(catalog, rate, "JPY", deeper_button=False)[0]["blocks"]).count("85%") == 1


def test_the_fallback_text_is_the_start_of_the_answer_in_plain_text(rate):
    (message,) = answer_messages(
        model_answer("# Otter\n**Cheap** and good: " + "minutes " * 100), rate, "JPY", deeper_button=False
    )
    assert message["text"].startswith("Otter Cheap and good: minutes")
    assert len(message["text"]) <= 300


def test_an_empty_answer_still_has_a_fallback_text(rate):
    (message,) = answer_messages(model_answer(""), rate, "JPY", deeper_button=False)
    assert message["text"] == "gpt-4o-mini · 812 tokens · ¥0.19 · catalog: otter-ai"
    assert [block["type"] for block in message["blocks"]] == ["context", "context_actions"]


def test_thinking_and_failure_messages_are_short_and_never_show_error_details():
    assert thinking_message("ja")["text"] == "考えています…"
    assert thinking_message("en")["blocks"][0]["type"] == "context"
    failure = failure_message("en", "Traceback (most recent call last): KeyError")
    assert failure["text"].startswith("Sorry") and "Traceback" not in texts_of(failure["blocks"])
    assert "ご質問" in failure_message("ja", "answer")["text"]


def test_usage_message_says_what_was_wrong_then_the_usage():
    message = usage_message("'#general' needs a number of tokens", "`/ai-budget set #channel 100000`")
    problem, how = (block["text"]["text"] for block in message["blocks"])
    assert "needs a number of tokens" in problem and how == "`/ai-budget set #channel 100000`"
    assert message["text"]


# --- savings ------------------------------------------------------------------------------


def proposals_scenario(**overrides: Any) -> Scenario:
    return Scenario(
        **(
            {"task": "proposals", "volume": 20, "minutes_before": 300, "minutes_after": 60, "hourly_cost": 3000}
            | overrides
        )
    )


def test_savings_blocks_show_the_figures_and_a_share_button_that_carries_the_scenario(advisor):
    scenario = proposals_scenario()
    blocks = savings_blocks(scenario, advisor.calculate(scenario, "en"), "Proposals", "en", share_button=True)
    assert_within_slack_limits(blocks)
    assert blocks[0]["text"]["text"] == "Savings: Proposals"
    fields = [field["text"] for field in blocks[1]["fields"]]
    assert fields[0] == "*Staff time saved*\n80.0 h a month"
    assert "¥300,000 → ¥60,000" in fields[1] and "¥240,000" in fields[2] and "¥2,880,000" in fields[3]
    assert not any("Payback" in field for field in fields)
    assert "Staff time is costed at ¥3,000 an hour." in texts_of(blocks[2:3])
    (button,) = actions(blocks)
    assert (button["action_id"], button["text"]["text"]) == (ids.SHARE_SAVINGS, "Share in channel")
    assert len(button["value"]) < 2000
    assert Scenario.model_validate_json(button["value"]) == scenario


def test_a_range_scenario_with_setup_cost_round_trips_and_shows_payback(advisor):
    scenario = Scenario(
        task="job_listings",
        volume=10,
        period="year",
        outsourcing_unit_cost=(30_000, 50_000),
        minutes_before=0,
        minutes_after=0,
        tool_cost_monthly=2_000,
        setup_cost=100_000,
    )
    blocks = savings_blocks(scenario, advisor.calculate(scenario, "ja"), "求人票", "ja", share_button=True)
    assert blocks[0]["text"]["text"] == "削減効果：求人票"
    assert "*回収期間*" in texts_of(blocks) and "〜" in texts_of(blocks)
    (button,) = actions(blocks)
    assert button["text"]["text"] == "チャンネルに共有"
    assert Scenario.model_validate_json(button["value"]) == scenario


def test_shared_savings_name_who_shared_them_and_offer_no_button(advisor):
    scenario = proposals_scenario()
    blocks = savings_blocks(
        scenario, advisor.calculate(scenario), "Proposals", "en", share_button=False, shared_by="U42"
    )
    assert "Shared by <@U42>" in texts_of(blocks) and actions(blocks) == []


def test_a_scenario_too_long_for_a_button_is_shown_without_one(advisor):
    scenario = proposals_scenario(task="t" * 2_000)
    blocks = savings_blocks(scenario, advisor.calculate(scenario), "A task", "en", share_button=True)
    assert actions(blocks) == [] and blocks[1]["fields"]


def test_savings_with_nothing_to_count_yet_are_still_valid_blocks(advisor):
    scenario = Scenario(volume=5, tool_cost_monthly=1_000)
    blocks = savings_blocks(scenario, advisor.calculate(scenario), "Images", "en", share_button=True)
    assert_within_slack_limits(blocks)
    assert "staff cost per hour" in texts_of(blocks)


def test_savings_without_an_hourly_cost_ask_for_one(advisor):
    scenario = Scenario(volume=20, minutes_before=300, minutes_after=60)
    blocks = savings_blocks(scenario, advisor.calculate(scenario), "Proposals", "en", share_button=False)
    assert "staff cost per hour" in texts_of(blocks) and "Savings a month" not in texts_of(blocks)


# --- the plan -----------------------------------------------------------------------------


def test_the_typical_plan_says_admins_can_edit_it(advisor, rate):
    blocks = plan_blocks(advisor.plan(language="en"), rate, "en")
    assert_within_slack_limits(blocks)
    text = texts_of(blocks)
    assert blocks[0]["text"]["text"] == "Where to start with AI"
    assert "*Start with: " in text and "*Together:*" in text and "Build versus buy" in text
    assert "/ai-plan edit" in blocks[-1]["elements"][0]["text"]


def test_a_company_plan_in_japanese_ranks_every_task_without_the_typical_note(advisor, rate):
    profile = CompanyProfile.model_validate(
        {
            "name": "Kato & Co",
            "hourly_cost": 2500,
            "language": "ja",
            "tasks": [
                {"task": "translation", "volume": 5, "minutes_before": 120},
                {"task": "proposals", "volume": 20, "minutes_before": 300},
            ],
        }
    )
    blocks = plan_blocks(advisor.plan(profile=profile, language="ja"), rate, "ja")
    text = texts_of(blocks)
    assert blocks[0]["text"]["text"] == "AI導入計画：Kato & Co"
    assert "まずはここから" in text and "1. *" in text and "2. *" in text and "/ai-plan edit" not in text


def test_a_plan_with_many_tasks_stays_within_the_block_limit(advisor, rate):
    tasks = [
        {"task": "proposals", "label": f"Proposal type {number}", "volume": 5, "minutes_before": 120}
        for number in range(60)
    ]
    profile = CompanyProfile.model_validate({"hourly_cost": 3000, "language": "en", "tasks": tasks})
    blocks = plan_blocks(advisor.plan(profile=profile, language="en"), rate, "en")
    assert_within_slack_limits(blocks)
    assert "…and 40 more tasks" in texts_of(blocks)


# --- budgets ------------------------------------------------------------------------------


def test_budget_blocks_show_a_bar_per_scope_and_the_commands_for_admins():
    usages = [
        usage("workspace", "T1", 1_240_000, 2_000_000, money=0.42),
        usage("channel", "C1", 5_000),
        usage("user", "U1", 60_000, 50_000),
    ]
    blocks = budget_blocks(usages, BudgetPolicy(), MONTH, "en", is_admin=True)
    assert_within_slack_limits(blocks)
    workspace, channel, user = (block["text"]["text"] for block in blocks[1:4])
    assert "▓▓▓▓▓▓░░░░ 62%" in workspace and "1,240,000 of 2,000,000 tokens" in workspace and "$0.42" in workspace
    assert "<#C1>" in channel and "no limit" in channel
    assert "\n▓▓▓▓▓▓▓▓▓▓ 120%\n" in user and "0 left" in user  # the bar stops at full
    assert "warned at 80%" in texts_of(blocks) and "declined" in texts_of(blocks)
    assert "`/ai-budget set @user 50000`" in texts_of(blocks) and "`/ai-budget policy block|downgrade`" in texts_of(
        blocks
    )


def test_people_who_are_not_admins_see_who_can_change_the_budget():
    blocks = budget_blocks(
        [usage("workspace", "T1", 0, 100)], BudgetPolicy(warn_at=0.5, at_limit="downgrade"), MONTH, "ja", is_admin=False
    )
    text = texts_of(blocks)
    assert blocks[0]["text"]["text"] == "2026-11のAI予算"
    assert "/ai-budget set" not in text and "管理者" in text and "50%" in text and "より安いモデル" in text


# --- the Home tab -------------------------------------------------------------------------


def home(rate, **overrides: Any) -> HomeSummary:
    fields = {
        "month": MONTH,
        "workspace": usage("workspace", "T1", 1_240_000, 2_000_000, money=0.42),
        "top_channels": [usage("channel", f"C{number}", 1_000 * number) for number in range(8)],
        "top_users": [usage("user", "U1", 60_000, 50_000)],
        "questions": 40,
        "zero_token_questions": 31,
        "escalations": 2,
        "cost_usd": 0.42,
        "savings_computed": 3,
        "savings_per_month": {"JPY": 500_000.0},
        "policy": BudgetPolicy(),
        "currency": "JPY",
        "rate": rate,
        "today": dt.date(2026, 11, 11),
    }
    return HomeSummary(**(fields | overrides))


def test_admins_see_the_models_to_replace_with_their_date_and_successor_and_members_do_not(rate):
    retiring = [
        ModelPrice(
            name="gpt-5-nano",
            tier=1,
            input_per_1m_usd=0.05,
            output_per_1m_usd=0.4,
            status=ModelStatus.RETIRING,
            retires_on=dt.date(2026, 12, 11),
            successor="qwen-turbo",
        ),
        ModelPrice(
            name="gpt-4",
            tier=1,
            input_per_1m_usd=30,
            output_per_1m_usd=60,
            status=ModelStatus.RETIRED,
            retires_on=dt.date(2026, 10, 23),
        ),
    ]
    summary = home(rate, models_to_replace=retiring)
    admin = texts_of(home_view(summary, "en", is_admin=True)["blocks"])
    assert "gpt-5-nano retires on 2026-12-11 (in 30 days); move to qwen-turbo" in admin
    assert "gpt-4 was retired on 2026-10-23 and is no longer used; no other model of its tier lasts" in admin
    japanese = texts_of(home_view(summary, "ja", is_admin=True)["blocks"])
    assert "gpt-5-nanoは2026-12-11に提供終了（あと30日）。移行先：qwen-turbo" in japanese
    assert "gpt-5-nano" not in texts_of(home_view(summary, "en", is_admin=False)["blocks"])
    assert "Models to replace" not in texts_of(home_view(home(rate), "en", is_admin=True)["blocks"])


def test_home_shows_this_months_figures_and_admin_buttons_only_to_admins(rate):
    admin_view = home_view(home(rate), "en", is_admin=True)
    assert admin_view["type"] == "home"
    assert_within_slack_limits(admin_view["blocks"], max_blocks=100)
    text = texts_of(admin_view["blocks"])
    assert "▓▓▓▓▓▓░░░░ 62%" in text and "31 (78%)" in text and "$0.42 · ¥63" in text and "¥500,000" in text
    assert text.count("<#C") == 5
    assert {button["action_id"] for button in actions(admin_view["blocks"])} == {ids.OPEN_BUDGETS, ids.OPEN_PROFILE}
    assert "/ai-savings" in text and "/ai-inventory" in text
    member_view = home_view(home(rate), "en", is_admin=False)
    assert actions(member_view["blocks"]) == [] and "Admins can change the budgets" in texts_of(member_view["blocks"])


def test_home_in_japanese_with_nothing_used_yet(rate):
    view = home_view(
        home(
            rate,
            top_channels=[],
            top_users=[],
            questions=0,
            zero_token_questions=0,
            savings_computed=0,
            savings_per_month={},
        ),
        "ja",
        is_admin=True,
    )
    assert_within_slack_limits(view["blocks"], max_blocks=100)
    text = texts_of(view["blocks"])
    assert "今月はまだ利用がありません" in text and "予算を編集" in text and "使い方" in text


def test_every_answer_ends_with_feedback_buttons_that_name_it(rate):
    blocks = answer_messages(model_answer(), rate, "JPY", deeper_button=False)[-1]["blocks"]
    [element] = blocks[-1]["elements"]
    assert blocks[-1]["type"] == "context_actions" and element["type"] == "feedback_buttons"
    assert element["action_id"] == "answer_feedback"
    answer_id = model_answer().question_id
    assert (element["positive_button"]["value"], element["negative_button"]["value"]) == (
        f"good {answer_id}",
        f"bad {answer_id}",
    )
    unrecorded = model_answer().model_copy(update={"question_id": None})
    assert answer_messages(unrecorded, rate, "JPY", deeper_button=False)[-1]["blocks"][-1]["type"] == "context"
