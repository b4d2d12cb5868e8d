"""Open questions end to end: the real LiteLLM client over real HTTP to a stand-in model server.

Every test here uses a real SQLite database file and the `FakeOpenAI` server on 127.0.0.1,
with a models file that points each model's `api_base` at it.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from pathlib import Path

import pytest
import yaml

from bot.advisor.service import TAKEN_AT_ONCE, Advisor
from bot.domain.budget import Scope
from bot.llm.runtime import litellm
from bot.settings import Settings
from tests.fakes.openai_server import FakeOpenAI

OPEN_QUESTION = "Is it safe to paste customer e-mails into ChatGPT?"
HARD_QUESTION = (
    "We are a 40-person accounting firm. Compare options for meeting minutes, client inquiries and translation "
    "under a budget of 30,000 yen a month, with strict privacy and Japanese support, and give us a phased "
    "6-month rollout plan with figures for each department."
)
KEY_NAME = "ADVISOR_TEST_MODEL_KEY"
MODELS = [("nano", "openai/gpt-4o-mini", 1), ("mini", "openai/gpt-4.1-mini", 2), ("strong", "openai/gpt-5.4", 3)]


def write_models(path: Path, base_url: str, models: list[tuple[str, str, int]] = MODELS) -> Path:
    entries = [
        {
            "model_name": name,
            "litellm_params": {"model": model, "api_key": f"os.environ/{KEY_NAME}", "api_base": base_url},
            "model_info": {"tier": tier},
        }
        for name, model, tier in models
    ]
    path.write_text(yaml.safe_dump({"model_list": entries}), encoding="utf-8")
    return path


def make_settings(tmp_path: Path, base_url: str, database_url: str | None = None, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'advisor.db'}",
        "ADVISOR_MODELS": str(write_models(tmp_path / "models.yaml", base_url)),
        "ADVISOR_LLM_TIMEOUT": 2.0,
        "ADVISOR_LLM_DEADLINE": 20.0,
        "ADVISOR_RETRY_BASE_SECONDS": 0.01,
        "ADVISOR_DEFAULT_MONTHLY_TOKENS": "",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with FakeOpenAI() as running:
        yield running


@pytest.fixture
def advisor(tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> Advisor:
    monkeypatch.setenv(KEY_NAME, server.api_key)
    return Advisor(make_settings(tmp_path, server.base_url))


def test_an_open_question_reaches_the_cheapest_fitting_model_and_is_accounted(
    advisor: Advisor, server: FakeOpenAI
) -> None:
    answer = advisor.ask(OPEN_QUESTION, channel_id="C1", user_id="U1")

    assert answer.path == "llm" and answer.status == "answered"
    assert answer.model == "nano"
    [request] = server.requests
    assert request.model == "gpt-4o-mini"
    prompt = "\n".join(message["content"] for message in request.messages)
    assert OPEN_QUESTION in prompt
    assert "Answer in English" in prompt
    # Real usage from the server, priced from LiteLLM's cost map ($0.15 / $0.60 per 1M).
    assert answer.prompt_tokens == request.response["usage"]["prompt_tokens"]
    assert answer.completion_tokens == request.response["usage"]["completion_tokens"]
    assert answer.cost_usd == pytest.approx(answer.prompt_tokens * 0.15e-6 + answer.completion_tokens * 0.60e-6)
    assert (
        "Model: nano" in answer.text
        and f"{answer.prompt_tokens:,} + {answer.completion_tokens:,} tokens" in answer.text
    )

    stored = advisor.questions.get(answer.question_id)
    assert stored is not None
    assert (stored.status, stored.model, stored.prompt_tokens, stored.channel_id, stored.user_id) == (
        "answered",
        "nano",
        answer.prompt_tokens,
        "C1",
        "U1",
    )
    [entry] = advisor.budgets.ledger("local")
    assert (entry.question_id, entry.model, entry.prompt_tokens, entry.completion_tokens) == (
        answer.question_id,
        "nano",
        answer.prompt_tokens,
        answer.completion_tokens,
    )
    usages = {
        usage.scope.kind: usage for usage in advisor.budgets.usage("local", advisor.asker(None, "C1", "U1").scopes)
    }
    assert usages["user"].used_tokens == answer.prompt_tokens + answer.completion_tokens
    assert all(usage.reserved_tokens == 0 for usage in usages.values())


def test_a_model_call_logs_nothing_at_info(
    advisor: Advisor, server: FakeOpenAI, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.INFO)

    answer = advisor.ask(OPEN_QUESTION, channel_id="C1", user_id="U1")

    assert answer.status == "answered" and len(server.requests) == 1
    assert [record.getMessage() for record in caplog.records if record.name.startswith("LiteLLM")] == []
    assert "LiteLLM" not in capfd.readouterr().err  # nor through LiteLLM's own handler


def test_litellm_keeps_no_parsed_copy_of_the_tokenizer_data_it_made_a_string_of(
    advisor: Advisor, server: FakeOpenAI
) -> None:
    answer = advisor.ask(OPEN_QUESTION, channel_id="C1", user_id="U1")

    lite = litellm()
    assert answer.status == "answered"
    assert not hasattr(lite.utils, "json_data") and lite.utils.claude_json_str.startswith("{")
    # Nothing in LiteLLM reads the dict back (checked again whenever LiteLLM is upgraded).
    readers = [
        path.name
        for path in Path(lite.__file__).parent.rglob("*.py")
        if re.search(r"utils\.json_data|import [^\n]*\bjson_data\b", path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_the_prompt_is_grounded_in_a_few_catalog_entries_not_the_whole_catalog(
    advisor: Advisor, server: FakeOpenAI
) -> None:
    answer = advisor.ask("How do we keep meeting minutes accurate when AI writes them, for a 12-person office?")
    [request] = server.requests
    user_message = request.messages[-1]["content"]
    named = re.findall(r"^- \[([a-z0-9.-]+)\]", user_message, flags=re.MULTILINE)  # in prompt order
    assert all(advisor.catalog.tool(tool_id) for tool_id in named)
    assert 1 <= len(named) <= 6 < len(advisor.catalog.tools)
    # The stand-in model names the first two entries it was given; the sources are what the answer names.
    assert answer.tools == named[:2]
    assert f"Sources: catalog entries {', '.join(named[:2])} ·" in answer.text


def test_a_japanese_question_is_answered_in_japanese(advisor: Advisor, server: FakeOpenAI) -> None:
    answer = advisor.ask("顧客のメールをAIに貼り付けても安全ですか？注意点を教えてください。")
    assert answer.path == "llm" and answer.language == "ja"
    [request] = server.requests
    assert "Answer in Japanese" in request.messages[0]["content"]
    assert "モデル：nano" in answer.text


def test_a_harder_question_goes_to_a_stronger_tier(advisor: Advisor, server: FakeOpenAI) -> None:
    route = advisor.route(HARD_QUESTION)
    assert route.needed_tier == 3 and route.model == "strong"
    answer = advisor.ask(HARD_QUESTION)
    assert answer.model == "strong"
    assert [request.model for request in server.requests] == ["gpt-5.4"]


def test_zero_token_and_off_topic_questions_never_reach_a_model(advisor: Advisor, server: FakeOpenAI) -> None:
    for question in (
        "cheapest way to transcribe meetings?",
        "how much of our budget is left?",
        "write me a poem about autumn",
        "where should we start?",
    ):
        answer = advisor.ask(question)
        assert answer.path != "llm" and answer.prompt_tokens == 0 and answer.model is None, question
    assert server.requests == []
    assert advisor.budgets.ledger("local") == []


def test_rate_limits_are_retried_with_back_off(advisor: Advisor, server: FakeOpenAI) -> None:
    server.fail_next(429, times=2)
    answer = advisor.ask(OPEN_QUESTION)
    assert answer.status == "answered" and answer.model == "nano"
    assert [record.status for record in server.requests] == [429, 429, 200]


def test_a_server_error_that_persists_falls_back_to_the_next_cheapest_model(
    advisor: Advisor, server: FakeOpenAI
) -> None:
    server.fail_next(500, times=3, model="gpt-4o-mini")  # every attempt on nano fails
    answer = advisor.ask(OPEN_QUESTION)
    assert answer.status == "answered" and answer.model == "mini"
    assert [record.model for record in server.requests] == ["gpt-4o-mini"] * 3 + ["gpt-4.1-mini"]
    [entry] = advisor.budgets.ledger("local")  # the failed model cost nothing
    assert entry.model == "mini"
    [workspace] = advisor.budgets.usage("local", [Scope(kind="workspace", id="local")])
    assert workspace.reserved_tokens == 0 and workspace.used_tokens == answer.prompt_tokens + answer.completion_tokens


def test_time_outs_and_dropped_connections_are_retried(advisor: Advisor, server: FakeOpenAI) -> None:
    server.delay_next(5.0)  # beyond ADVISOR_LLM_TIMEOUT=2
    server.drop_next()
    answer = advisor.ask(OPEN_QUESTION)
    assert answer.status == "answered" and answer.model == "nano"
    assert len(server.calls_for("gpt-4o-mini")) == 3


def test_when_every_model_fails_the_question_is_kept_and_nothing_is_charged(
    advisor: Advisor, server: FakeOpenAI
) -> None:
    server.fail_next(503, times=20)
    answer = advisor.ask(OPEN_QUESTION)
    assert answer.status == "failed" and answer.model is None
    assert f"#{answer.question_id}" in answer.text and "try again" in answer.text
    stored = advisor.questions.get(answer.question_id)
    assert stored is not None and stored.status == "failed" and stored.text == OPEN_QUESTION
    assert advisor.budgets.ledger("local") == []
    [workspace] = advisor.budgets.usage("local", [Scope(kind="workspace", id="local")])
    assert (workspace.used_tokens, workspace.reserved_tokens) == (0, 0)


def test_a_process_makes_at_most_model_calls_at_once_and_the_rest_wait_their_turn(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_NAME, server.api_key)
    advisor = Advisor(make_settings(tmp_path, server.base_url, ADVISOR_MODEL_CALLS=3))
    server.latency = 0.2

    results = asyncio.run(_ask_many(advisor, 12))

    assert [result.status for result in results] == ["answered"] * 12
    assert server.concurrency_peak == 3
    assert len(server.requests) == 12


def test_a_burst_of_questions_is_taken_a_few_at_a_time_so_the_first_are_with_the_model_before_the_last_are_taken(
    advisor: Advisor, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.latency = 0.2
    count = 40
    lock = threading.Lock()
    taking = {"now": 0, "most": 0}
    taken_at: list[float] = []
    take = advisor._take

    def watched_take(*args):  # type: ignore[no-untyped-def]
        with lock:
            taking["now"] += 1
            taking["most"] = max(taking["most"], taking["now"])
        try:
            return take(*args)
        finally:
            with lock:
                taking["now"] -= 1
                taken_at.append(time.monotonic())

    monkeypatch.setattr(advisor, "_take", watched_take)

    results = asyncio.run(_ask_many(advisor, count))

    assert [result.status for result in results] == ["answered"] * count
    assert taking["most"] <= TAKEN_AT_ONCE
    # All taken at once, the first model call would come after every question was taken.
    first_call = min(request.received_at for request in server.requests)
    assert first_call < sorted(taken_at)[count * 3 // 4]


def test_a_question_that_waits_past_its_deadline_for_a_model_call_fails_clearly(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_NAME, server.api_key)
    advisor = Advisor(make_settings(tmp_path, server.base_url, ADVISOR_MODEL_CALLS=1, ADVISOR_LLM_DEADLINE=0.5))

    async def ask_while_the_only_slot_is_taken():  # type: ignore[no-untyped-def]
        async with advisor.open_questions.model_slots():
            return await advisor.answer(OPEN_QUESTION, advisor.asker())

    answer = asyncio.run(ask_while_the_only_slot_is_taken())

    assert answer.status == "failed"
    assert "ran out while earlier questions were being answered" in answer.text and "try again" in answer.text
    assert server.requests == []
    stored = advisor.questions.get(answer.question_id)
    assert stored is not None and stored.status == "failed"
    [workspace] = advisor.budgets.usage("local", [Scope(kind="workspace", id="local")])
    assert (workspace.used_tokens, workspace.reserved_tokens) == (0, 0)


def test_a_spent_budget_declines_without_calling_a_model(advisor: Advisor, server: FakeOpenAI) -> None:
    advisor.budgets.set_limit("local", Scope(kind="user", id="U9"), 100)
    route = advisor.route(OPEN_QUESTION, advisor.asker(None, None, "U9"))
    assert route.declined == "budget" and route.model is None
    answer = advisor.ask(OPEN_QUESTION, user_id="U9")
    assert answer.status == "declined" and "budget" in answer.text
    assert server.requests == []
    assert advisor.questions.get(answer.question_id).status == "declined"  # type: ignore[union-attr]


def _counting_budget_reads(advisor: Advisor, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read of the budgets' standing from now on, by workspace."""
    reads: list[str] = []
    standing = advisor.budgets.standing

    def counted(workspace_id, scopes):  # type: ignore[no-untyped-def]
        reads.append(workspace_id)
        return standing(workspace_id, scopes)

    monkeypatch.setattr(advisor.budgets, "standing", counted)
    return reads


def test_a_question_the_budgets_have_room_for_is_answered_without_reading_them_first(
    advisor: Advisor, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor.budgets.set_limit("local", Scope(kind="user", id="U1"), 100_000)
    reads = _counting_budget_reads(advisor, monkeypatch)

    answer = advisor.ask(OPEN_QUESTION, user_id="U1")

    assert (answer.status, answer.model) == ("answered", "nano")
    assert reads == []  # the reservation checked every limit; nothing read them before it
    [user] = advisor.budgets.usage("local", [Scope(kind="user", id="U1")])
    assert user.used_tokens == answer.prompt_tokens + answer.completion_tokens and user.reserved_tokens == 0


def test_a_budget_short_of_the_needed_tier_is_answered_a_tier_below_as_its_route_preview_said(
    advisor: Advisor, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    needed = advisor.route(HARD_QUESTION)
    assert (needed.needed_tier, needed.model) == (3, "strong")
    # Room for the tier-2 model's reservation (the prompt and 800 answer tokens), not the tier-3 one's (1,200).
    limit = needed.estimated_prompt_tokens + 800 + 100
    advisor.budgets.set_limit("local", Scope(kind="user", id="U8"), limit)
    preview = advisor.route(HARD_QUESTION, advisor.asker(None, None, "U8"))
    assert preview.model == "mini" and "cannot pay for a tier 3 model" in preview.reason
    reads = _counting_budget_reads(advisor, monkeypatch)

    answer = advisor.ask(HARD_QUESTION, user_id="U8")

    assert (answer.status, answer.model, answer.tier) == ("answered", "mini", 2)
    assert [request.model for request in server.requests] == ["gpt-4.1-mini"]  # the refused reservation called nothing
    assert reads == ["local"]  # read once, after the reservation for "strong" was refused
    stored = advisor.questions.get(answer.question_id)
    assert stored is not None and stored.route is not None
    assert stored.route["model"] == preview.model and stored.route["reason"] == preview.reason
    [user] = advisor.budgets.usage("local", [Scope(kind="user", id="U8")])
    assert user.used_tokens <= limit and user.reserved_tokens == 0


def test_a_question_declined_for_its_budget_keeps_the_route_that_declined_it(
    advisor: Advisor, server: FakeOpenAI
) -> None:
    advisor.budgets.set_limit("local", Scope(kind="channel", id="C7"), 100)
    answer = advisor.ask(OPEN_QUESTION, channel_id="C7", user_id="U1")
    assert answer.status == "declined" and "channel C7" in answer.text
    assert server.requests == []
    stored = advisor.questions.get(answer.question_id)
    assert stored is not None and stored.status == "declined"
    assert stored.route is not None and (stored.route["declined"], stored.route["model"]) == ("budget", None)
    [channel] = advisor.budgets.usage("local", [Scope(kind="channel", id="C7")])
    assert (channel.used_tokens, channel.reserved_tokens) == (0, 0)


def test_without_api_keys_open_questions_say_how_to_configure_a_model(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_NAME, raising=False)
    advisor = Advisor(make_settings(tmp_path, server.base_url))
    answer = advisor.ask(OPEN_QUESTION)
    assert answer.status == "declined" and "API key" in answer.text
    assert advisor.ask("cheapest way to transcribe meetings?").path == "catalog"
    assert server.requests == []


async def _ask_many(advisor: Advisor, count: int) -> list:  # type: ignore[type-arg]
    return await asyncio.wait_for(
        asyncio.gather(
            *(
                advisor.answer(f"{OPEN_QUESTION} (case {n})", advisor.asker(None, "C1", f"U{n % 7}"))
                for n in range(count)
            )
        ),
        timeout=120,
    )


def run_concurrency(advisor: Advisor, server: FakeOpenAI) -> None:
    """100 questions at once against a limit that holds about 30 of them."""
    server.latency = 0.05
    route = advisor.route(f"{OPEN_QUESTION} (case 0)")
    per_question = route.estimated_prompt_tokens + 500  # the reservation of a tier-1 answer
    limit = per_question * 30 + 200  # "(case 99)" may count a token or two more than "(case 0)"
    advisor.budgets.set_limit("local", Scope(kind="channel", id="C1"), limit)

    results = asyncio.run(_ask_many(advisor, 100))

    statuses = [result.status for result in results]
    assert set(statuses) <= {"answered", "declined"}, statuses
    answered = statuses.count("answered")
    # At least the 30 that fit before anything settled; and not all, since every answer uses real tokens.
    assert 30 <= answered < 100
    [channel] = advisor.budgets.usage("local", [Scope(kind="channel", id="C1")])
    assert channel.used_tokens <= limit
    assert channel.reserved_tokens == 0
    assert channel.used_tokens == sum(r.prompt_tokens + r.completion_tokens for r in results)
    assert len(advisor.budgets.ledger("local")) == answered
    stored = advisor.questions.recent("local", limit=200)
    assert len(stored) == 100 and {q.status for q in stored} <= {"answered", "declined"}
    print(
        f"\n{answered} answered, {100 - answered} declined; {channel.used_tokens:,} of {limit:,} tokens used; "
        f"peak {server.concurrency_peak} calls in flight"
    )


def test_a_hundred_concurrent_questions_never_overspend_on_sqlite(advisor: Advisor, server: FakeOpenAI) -> None:
    run_concurrency(advisor, server)


def test_a_hundred_concurrent_questions_never_overspend_on_postgresql(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    from tests.integration.postgres import fresh_database

    monkeypatch.setenv(KEY_NAME, server.api_key)
    advisor = Advisor(make_settings(tmp_path, server.base_url, database_url=fresh_database(postgres_url)))
    try:
        run_concurrency(advisor, server)
    finally:
        advisor.database.dispose()


def test_escalation_to_a_stronger_model_is_explicit_and_budgeted(advisor: Advisor, server: FakeOpenAI) -> None:
    assert advisor.route(OPEN_QUESTION).model == "nano"
    escalated = advisor.route(OPEN_QUESTION, at_least_tier=3)
    assert (escalated.needed_tier, escalated.model) == (3, "strong") and "asked for explicitly" in escalated.reason
    answer = advisor.ask(OPEN_QUESTION, at_least_tier=3)
    assert answer.model == "strong"
    [entry] = advisor.budgets.ledger("local")
    assert entry.model == "strong" and entry.cost_usd == pytest.approx(answer.cost_usd)


def test_the_soft_threshold_warns_once_a_month(advisor: Advisor, server: FakeOpenAI) -> None:
    asker = advisor.asker(None, None, "U5")
    reservation = advisor.route(OPEN_QUESTION, asker).estimated_prompt_tokens + 500
    advisor.budgets.set_limit("local", Scope(kind="user", id="U5"), reservation * 3)
    advisor.budgets.set_policy("local", warn_at=0.1)

    first = advisor.ask(OPEN_QUESTION, user_id="U5")
    second = advisor.ask(OPEN_QUESTION, user_id="U5")

    assert first.status == second.status == "answered"
    assert len(first.warnings) == 1 and "user <@U5>" in first.warnings[0] and first.warnings[0] in first.text
    assert second.warnings == []
