"""A model reads the numbers the reader could read two ways: the real LiteLLM client, structured
output over real HTTP to the stand-in model server, a real SQLite database and budgets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.advisor.service import Advisor
from bot.domain.budget import Scope
from tests.fakes.openai_server import FakeOpenAI
from tests.integration.test_open_questions import KEY_NAME, make_settings

TEAM_TOTAL_OR_EACH = "営業5人で、お礼メールを1日20通送っています。1通10分、AIなら3分。時給2000円でいくら節約？"
NO_PERIOD = "We write 30 reports, 2 hours each, 30 minutes with AI. What would we save at 3,000 yen an hour?"
WORKING_DAYS_A_MONTH = 260 / 12


def number(value: float, words: str) -> dict[str, Any]:
    return {"value": value, "words": words}


def numbers(**given: Any) -> dict[str, Any]:
    """A reply in the schema the advisor asks for: what is not given is null."""
    reply: dict[str, Any] = {
        "items_per_period": None,
        "period": None,
        "period_words": None,
        "people": None,
        "each_person_does_the_items": False,
        "minutes_per_item_today": None,
        "minutes_per_item_with_ai": None,
        "staff_cost_per_hour": None,
        "outsourcing_price_per_item": None,
        "outsourcing_spend_per_month": None,
        "ai_tool_cost_per_month": None,
    }
    reply.update(given)
    return reply


EACH_OF_FIVE = numbers(
    items_per_period=number(20, "1日20通"),
    period="day",
    period_words="1日",
    people=number(5, "営業5人"),
    each_person_does_the_items=True,
    minutes_per_item_today=number(10, "1通10分"),
    minutes_per_item_with_ai=number(3, "AIなら3分"),
    staff_cost_per_hour=number(2000, "時給2000円"),
)


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with FakeOpenAI() as running:
        yield running


def advisor_for(tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, **overrides: object) -> Advisor:
    monkeypatch.setenv(KEY_NAME, server.api_key)
    return Advisor(make_settings(tmp_path, server.base_url, **overrides))


def replying(server: FakeOpenAI, reply: dict[str, Any] | str) -> None:
    server.reply = lambda model, messages: reply if isinstance(reply, str) else json.dumps(reply, ensure_ascii=False)


def test_the_model_settles_which_reading_and_the_calculator_answers_from_the_readers_figures(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = advisor_for(tmp_path, server, monkeypatch)
    replying(server, EACH_OF_FIVE)

    answer = advisor.ask(TEAM_TOTAL_OR_EACH, channel_id="C1", user_id="U1")

    assert (answer.path, answer.status, answer.model) == ("calculator", "answered", "nano")
    assert answer.calculation is not None
    assert answer.calculation["monthly_volume"] == pytest.approx(100 * WORKING_DAYS_A_MONTH, abs=0.01)
    assert answer.calculation["hours_saved_per_month"] == pytest.approx(100 * WORKING_DAYS_A_MONTH * 7 / 60, abs=0.05)
    assert (
        "「5人」は5人がそれぞれその件数" in answer.answer
        and "使っていない" not in answer.answer
        and "モデルnano" in answer.answer
    )
    [request] = server.requests
    assert request.model == "gpt-4o-mini" and request.messages[-1]["content"] == TEAM_TOTAL_OR_EACH
    schema = request.body["response_format"]
    assert schema["type"] == "json_schema" and schema["json_schema"]["name"] == "ScenarioNumbers"
    usage = request.response["usage"]
    assert (answer.prompt_tokens, answer.completion_tokens) == (usage["prompt_tokens"], usage["completion_tokens"])
    assert f"{answer.prompt_tokens:,} + {answer.completion_tokens:,}" in answer.footer

    stored = advisor.questions.get(answer.question_id)  # type: ignore[arg-type]
    assert stored is not None
    assert (stored.path, stored.status, stored.model, stored.prompt_tokens) == (
        "calculator",
        "answered",
        "nano",
        answer.prompt_tokens,
    )
    [entry] = advisor.budgets.ledger("local")
    assert (entry.path, entry.model, entry.question_id, entry.prompt_tokens) == (
        "reading",
        "nano",
        answer.question_id,
        answer.prompt_tokens,
    )
    [usage_now] = advisor.budgets.usage("local", [Scope(kind="workspace", id="local")])
    assert usage_now.reserved_tokens == 0 and usage_now.used_tokens == answer.prompt_tokens + answer.completion_tokens


def test_the_other_reading_when_the_model_reads_the_count_as_the_teams(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = advisor_for(tmp_path, server, monkeypatch)
    replying(server, {**EACH_OF_FIVE, "each_person_does_the_items": False})

    answer = advisor.ask(TEAM_TOTAL_OR_EACH)

    assert answer.path == "calculator" and answer.calculation is not None
    assert answer.calculation["monthly_volume"] == pytest.approx(20 * WORKING_DAYS_A_MONTH, abs=0.01)


@pytest.mark.parametrize(
    "reply",
    [
        # a number whose words are not in the question is made up: dropped, so this reading is not the reader's
        {**EACH_OF_FIVE, "staff_cost_per_hour": number(2500, "時給2500円")},
        # a period the question does not write settles nothing
        numbers(
            items_per_period=number(30, "30 reports"),
            period="month",
            period_words="a month",
            minutes_per_item_today=number(120, "2 hours each"),
            minutes_per_item_with_ai=number(30, "30 minutes"),
            staff_cost_per_hour=number(3000, "3,000 yen an hour"),
        ),
        "I think they mean 30 reports a month.",  # prose, not the schema
    ],
)
def test_a_reading_that_does_not_settle_it_is_asked_back_and_what_it_cost_is_said(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, reply: dict[str, Any] | str
) -> None:
    advisor = advisor_for(tmp_path, server, monkeypatch)
    replying(server, reply)
    question = NO_PERIOD if "30 reports" in json.dumps(reply) else TEAM_TOTAL_OR_EACH

    answer = advisor.ask(question)

    assert answer.path == "clarify" and answer.clarify is not None and answer.calculation is None
    assert answer.model == "nano" and answer.prompt_tokens > 0
    assert "did not settle it" in answer.footer or "決められませんでした" in answer.footer
    stored = advisor.questions.get(answer.question_id)  # type: ignore[arg-type]
    assert stored is not None and (stored.path, stored.status, stored.prompt_tokens) == (
        "clarify",
        "answered",
        answer.prompt_tokens,
    )
    assert len(advisor.budgets.ledger("local")) == 1


def test_no_room_in_the_budget_asks_back_without_calling_the_model(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = advisor_for(tmp_path, server, monkeypatch)
    advisor.budgets.set_limit("local", Scope(kind="workspace", id="local"), monthly_tokens=10)
    replying(server, EACH_OF_FIVE)

    answer = advisor.ask(TEAM_TOTAL_OR_EACH)

    assert (answer.path, answer.prompt_tokens, answer.model) == ("clarify", 0, None)
    assert "0トークン" in answer.footer
    assert server.requests == [] and advisor.budgets.ledger("local") == []


def test_a_model_that_keeps_failing_leaves_the_question_asked_back_and_the_hold_given_back(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = advisor_for(tmp_path, server, monkeypatch)
    server.fail_next(503, times=3)

    answer = advisor.ask(TEAM_TOTAL_OR_EACH)

    assert (answer.path, answer.prompt_tokens) == ("clarify", 0)
    assert len(server.requests) == 3
    [usage] = advisor.budgets.usage("local", [Scope(kind="workspace", id="local")])
    assert (usage.reserved_tokens, usage.used_tokens) == (0, 0)


def test_with_reading_off_the_question_is_asked_back_at_once(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = advisor_for(tmp_path, server, monkeypatch, ADVISOR_MODEL_READING=False)

    answer = advisor.ask(TEAM_TOTAL_OR_EACH)
    route = advisor.route(TEAM_TOTAL_OR_EACH)

    assert (answer.path, answer.prompt_tokens) == ("clarify", 0) and server.requests == []
    assert route.path == "clarify" and "0 tokens" in route.reason


def test_the_dry_run_names_the_model_that_would_read_the_numbers_and_calls_none(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = advisor_for(tmp_path, server, monkeypatch)

    route = advisor.route(TEAM_TOTAL_OR_EACH)

    assert route.path == "clarify" and "nano reads the numbers" in route.reason
    assert server.requests == []
