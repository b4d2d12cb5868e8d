"""Several `advisor serve --http` processes on one PostgreSQL database, under load and faults.

Each test runs two real app processes (`tests.integration.served_app`) against a fresh
database of the session's PostgreSQL server, one stand-in Slack and one stand-in model
server in the test's process, and sends signed Slack requests to both, as a load balancer
in front of two web processes would. What must hold there: a limit is never overspent,
a question is answered and charged once however often it is delivered and to whichever
process, a failing provider ends every question with an answer or a clear message, and a
process killed mid-answer gives its budget back and its question is answered once on
redelivery, and a process told to stop (SIGTERM, as a deploy does) lets the answers under
way finish, or tells their askers to ask again. Every wait is bounded; the processes are
stopped whatever happens.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.domain.budget import Scope
from bot.store.budgets import BudgetStore
from bot.store.db import Database
from bot.store.tables import BudgetCounterRow, BudgetReservationRow, QuestionRow, UsageLedgerRow
from tests.fakes.openai_server import ADVICE, FakeOpenAI
from tests.fakes.slack_requests import Send, SlackPayload, app_mention, event_callback, new_ts, post_all
from tests.fakes.slack_server import TEAM_ID, FakeSlack, RecordedCall
from tests.integration.postgres import fresh_database
from tests.integration.served_app import ServedApp, app_environment, upgrade_database

SIGNING_SECRET = "load-test-signing-secret"
CHANNEL = "C0LOAD"
USERS = [f"U{number:04d}" for number in range(2001, 2021)]
OPEN_QUESTION = "Is it safe to paste customer e-mails into ChatGPT for drafting replies? (case {number})"
ANSWERED = ADVICE[:40]  # the stand-in model's answer
BUDGET_DECLINED = "cannot cover this question"
MODEL_FAILED = "could not reach a language model"
RESTARTED = "restarted before I could finish"

SEND_CONCURRENCY = 200
SEND_TIMEOUT = 20.0  # seconds for one request's acknowledgement
WORK_TIMEOUT = 120.0  # seconds for every question of a scenario to be answered


@dataclass(frozen=True)
class Delivery:
    """One POST of an event to one of the processes; `retry_num` as Slack numbers its retries."""

    app: int
    payload: SlackPayload
    retry_num: int | None = None


@dataclass(frozen=True)
class Question:
    event_id: str
    ts: str  # the message's ts: the thread its answer goes in
    payload: SlackPayload


@dataclass
class Deployment:
    slack: FakeSlack
    openai: FakeOpenAI
    apps: list[ServedApp]
    database: Database

    def deliver(self, deliveries: list[Delivery]) -> list[int]:
        """POST every delivery, at most `SEND_CONCURRENCY` at a time; the HTTP statuses, in order."""
        return asyncio.run(_send(self, deliveries))

    def logs(self) -> str:
        return "\n".join(app.log() for app in self.apps)

    # --- what the stand-ins and the database saw

    def thinking_posts(self, question: Question) -> list[RecordedCall]:
        return [call for call in self.slack.calls_for("chat.postMessage") if call.args.get("thread_ts") == question.ts]

    def closings_of(self, question: Question) -> list[str]:
        """How each reply to the question ended, as said (`FakeSlack.endings`)."""
        return self.slack.endings(question.ts)

    def closed(self) -> int:
        """Replies ended so far, of every question."""
        return len(self.slack.calls_for("chat.update")) + len(self.slack.calls_for("chat.stopStream"))

    def outcome(self, question: Question) -> str:
        """answered, declined or failed, from the one reply that ended the question."""
        closings = self.closings_of(question)
        assert len(closings) == 1, f"{question.event_id}: {len(closings)} replies ended"
        said = closings[0]
        for outcome, words in (
            ("answered", ANSWERED),
            ("declined", BUDGET_DECLINED),
            ("failed", MODEL_FAILED),
            ("restarted", RESTARTED),
        ):
            if words in said:
                return outcome
        raise AssertionError(
            f"{question.event_id} was answered with neither an answer nor a clear message: {said[:400]}"
        )

    def model_usage(self, since: int = 0) -> tuple[int, int]:
        """Successful model calls (from the `since`-th on) and the tokens the model server reported for them
        (a stream the app stopped reading, having given up on it, reported none)."""
        usages = [record.response.get("usage") for record in self.openai.requests[since:] if record.response]
        served = [usage for usage in usages if usage is not None]
        return len(served), sum(usage["total_tokens"] for usage in served)

    def ledger_models(self) -> set[str | None]:
        with self.database.session() as session:
            return set(session.scalars(select(UsageLedgerRow.model).distinct()))

    def ledger_tokens(self) -> tuple[int, int]:
        with self.database.session() as session:
            rows, tokens = session.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(UsageLedgerRow.prompt_tokens + UsageLedgerRow.completion_tokens), 0),
                )
            ).one()
        return int(rows), int(tokens)

    def counters(self) -> tuple[int, int]:
        """The workspace's used and reserved tokens this month."""
        with self.database.session() as session:
            used, reserved = session.execute(
                select(
                    func.coalesce(func.sum(BudgetCounterRow.used_tokens), 0),
                    func.coalesce(func.sum(BudgetCounterRow.reserved_tokens), 0),
                ).where(BudgetCounterRow.workspace_id == TEAM_ID, BudgetCounterRow.scope_kind == "workspace")
            ).one()
        return int(used), int(reserved)

    def reservations(self) -> Counter[str]:
        with self.database.session() as session:
            return Counter(
                dict(
                    session.execute(
                        select(BudgetReservationRow.status, func.count()).group_by(BudgetReservationRow.status)
                    ).all()
                )
            )

    def largest_reservation(self) -> int:
        """The most tokens any one model call held."""
        with self.database.session() as session:
            return int(session.execute(select(func.max(BudgetReservationRow.tokens))).scalar_one())

    def question_statuses(self) -> Counter[str]:
        with self.database.session() as session:
            return Counter(
                dict(session.execute(select(QuestionRow.status, func.count()).group_by(QuestionRow.status)).all())
            )

    def wait_for_updates(self, count: int, timeout: float = WORK_TIMEOUT) -> None:
        """Until `count` replies ended (see `closings_of`)."""
        eventually(lambda: self.closed() >= count, timeout, f"{count} replies ended")


def eventually(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll `condition` until it holds; the seconds it took. Fails the test after `timeout`."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, f"{what} did not happen within {timeout:g} s"
        time.sleep(0.1)
    return time.monotonic() - started


async def _send(deployment: Deployment, deliveries: list[Delivery]) -> list[int]:
    sends = [
        Send(deployment.apps[delivery.app].events_url, delivery.payload, delivery.retry_num) for delivery in deliveries
    ]
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=SEND_CONCURRENCY)) as session:
        sent = await post_all(session, sends, SIGNING_SECRET, concurrency=SEND_CONCURRENCY, timeout=SEND_TIMEOUT)
    return [result.status for result in sent]


def open_questions(count: int, first: int = 1) -> list[Question]:
    questions = []
    for number in range(first, first + count):
        ts = new_ts()
        event = app_mention(
            OPEN_QUESTION.format(number=number), user=USERS[number % len(USERS)], channel=CHANNEL, ts=ts
        )
        event_id = f"EvLOAD{number:06d}"
        questions.append(Question(event_id, ts, event_callback(event, event_id=event_id)))
    return questions


def assert_no_secret_or_traceback_in(deployment: Deployment) -> None:
    logs = deployment.logs()
    for name, secret in (
        ("bot token", deployment.slack.token),
        ("signing secret", SIGNING_SECRET),
        ("model key", deployment.openai.api_key),
    ):
        assert secret not in logs, f"the {name} appears in the app's log"
    assert "Traceback" not in logs, logs[-3000:]


@pytest.fixture
def deploy(tmp_path: Path, postgres_url: str, fake_slack: FakeSlack) -> Iterator[Callable[..., Deployment]]:
    """Start two app processes on a fresh PostgreSQL database with these settings and this model server."""
    started: list[ServedApp] = []
    databases: list[Database] = []

    def start(openai: FakeOpenAI, **settings: str) -> Deployment:
        for user in USERS:
            fake_slack.add_user(user)
        database_url = fresh_database(postgres_url, prefix="load")
        environment = app_environment(
            fake_slack,
            openai,
            database_url,
            tmp_path,
            SIGNING_SECRET,
            **{"ADVISOR_DEFAULT_MONTHLY_TOKENS": "", "ADVISOR_RETRY_BASE_SECONDS": "0.05", **settings},
        )
        upgrade_database(environment, tmp_path)
        apps = [ServedApp(environment, tmp_path, f"web-{index}") for index in (1, 2)]
        for app in apps:
            started.append(app.start())
        for app in apps:
            app.wait_until_healthy()
        databases.append(database := Database(database_url))
        return Deployment(fake_slack, openai, apps, database)

    try:
        yield start
    finally:
        for app in started:
            app.stop()
        for database in databases:
            database.dispose()


@pytest.fixture
def model_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(latency=0.3) as server:
        yield server


# --- 1. two processes, one budget ------------------------------------------------------------


def test_two_processes_never_overspend_one_workspace_limit(
    deploy: Callable[..., Deployment], model_server: FakeOpenAI
) -> None:
    deployment = deploy(model_server)
    first, *burst = open_questions(201)
    assert deployment.deliver([Delivery(0, first.payload)]) == [200]
    deployment.wait_for_updates(1)
    assert deployment.outcome(first) == "answered"
    _, per_answer = deployment.ledger_tokens()
    limit = per_answer * 51  # this one and about 50 more
    BudgetStore(deployment.database, ZoneInfo("UTC")).set_limit(TEAM_ID, Scope(kind="workspace", id=TEAM_ID), limit)

    statuses = deployment.deliver([Delivery(index % 2, question.payload) for index, question in enumerate(burst)])

    assert statuses == [200] * len(burst)
    deployment.wait_for_updates(1 + len(burst))
    outcomes = Counter(deployment.outcome(question) for question in burst)
    assert set(outcomes) <= {"answered", "declined"} and outcomes["declined"] > 0
    # The limit really paid for answers: a question is declined only when what is used and held
    # leaves less than its reservation, and each held reservation became an answer, so the answers'
    # reservations cover all but the first answer and one reservation of the limit.
    largest_hold = deployment.largest_reservation()
    assert outcomes["answered"] * largest_hold > limit - per_answer - largest_hold, (outcomes, largest_hold)
    assert all(len(deployment.thinking_posts(question)) == 1 for question in burst)
    used, reserved = deployment.counters()
    assert used <= limit and reserved == 0  # overspend exactly 0, and nothing left on hold
    calls, reported = deployment.model_usage()
    assert deployment.ledger_tokens() == (calls, reported) == (1 + outcomes["answered"], used)
    assert deployment.question_statuses() == {"answered": 1 + outcomes["answered"], "declined": outcomes["declined"]}
    assert_no_secret_or_traceback_in(deployment)


# --- 2. a retry storm ---------------------------------------------------------------------------


def test_a_retry_storm_across_both_processes_answers_and_charges_each_event_once(
    deploy: Callable[..., Deployment], model_server: FakeOpenAI
) -> None:
    deployment = deploy(model_server)
    questions = open_questions(60)
    storm = [
        Delivery((index + retry) % 2, question.payload, retry_num=retry or None)
        for retry in (0, 1, 2)
        for index, question in enumerate(questions)
    ]

    assert deployment.deliver(storm) == [200] * len(storm)

    deployment.wait_for_updates(len(questions))
    time.sleep(1.0)  # a second answer, if any, would arrive now
    assert [deployment.outcome(question) for question in questions] == ["answered"] * len(questions)
    assert all(len(deployment.thinking_posts(question)) == 1 for question in questions)
    assert deployment.closed() == len(questions)
    calls, reported = deployment.model_usage()
    assert calls == len(questions) == len(model_server.requests)
    assert deployment.ledger_tokens() == (len(questions), reported)
    assert deployment.question_statuses() == {"answered": len(questions)}
    assert_no_secret_or_traceback_in(deployment)


# --- 3. failing providers -----------------------------------------------------------------------


def test_with_a_flaky_provider_and_a_dead_model_every_question_ends_answered_or_told(
    deploy: Callable[..., Deployment], model_server: FakeOpenAI
) -> None:
    deployment = deploy(
        model_server,
        ADVISOR_LLM_TIMEOUT="1",
        ADVISOR_LLM_DEADLINE="12",
        ADVISOR_LLM_ATTEMPTS="2",
        ADVISOR_LEASE_SECONDS="15",
        ADVISOR_HOUSEKEEPING_SECONDS="0.5",
    )
    model_server.fail_next(500, times=1_000_000, model="gpt-4o-mini")  # the cheapest model is down all along
    model_server.fail_a_share(0.3, seed=7, hold_seconds=2.0)  # and 30% of the rest: 429, 500 or no answer in time
    questions = open_questions(60)

    assert deployment.deliver([Delivery(index % 2, question.payload) for index, question in enumerate(questions)]) == [
        200
    ] * len(questions)

    deployment.wait_for_updates(len(questions))
    outcomes = Counter(deployment.outcome(question) for question in questions)
    assert set(outcomes) <= {"answered", "failed"} and outcomes["answered"] >= len(questions) // 2, outcomes
    statuses = deployment.question_statuses()
    assert statuses == {
        key: value for key, value in (("answered", outcomes["answered"]), ("failed", outcomes["failed"])) if value
    }  # every question on record, none left half-way
    failures = Counter(record.status for record in model_server.requests if record.status != 200)
    assert {429, 500} <= set(failures), failures  # the faults really happened
    assert deployment.ledger_models() <= {"mini", "strong"}  # answered by falling back past the dead model
    assert deployment.reservations()["held"] == 0 and deployment.counters()[1] == 0  # every hold settled or given back
    rows, tokens = deployment.ledger_tokens()
    assert rows == outcomes["answered"]
    # A reply the app gave up waiting for was never received, so it is not in the ledger.
    assert tokens <= deployment.model_usage()[1]
    assert_no_secret_or_traceback_in(deployment)


# --- 4. a process dies mid-answer ---------------------------------------------------------------


def test_a_process_killed_mid_answer_gives_its_budget_back_and_is_answered_once_on_redelivery(
    deploy: Callable[..., Deployment], model_server: FakeOpenAI
) -> None:
    lease = 6.0
    deployment = deploy(
        model_server, ADVISOR_LLM_DEADLINE="5", ADVISOR_LEASE_SECONDS=f"{lease:g}", ADVISOR_HOUSEKEEPING_SECONDS="0.5"
    )
    victim, _survivor = deployment.apps
    questions = open_questions(8)
    model_server.latency = 4.0  # long enough to be killed in the middle

    assert deployment.deliver([Delivery(0, question.payload) for question in questions]) == [200] * len(questions)
    deadline = time.monotonic() + 30
    while len(model_server.requests) < len(questions):
        assert time.monotonic() < deadline, "the questions did not reach the model"
        time.sleep(0.05)
    assert deployment.reservations()["held"] == len(questions)
    victim.kill()
    killed_at = time.monotonic()
    model_server.latency = 0.3

    # The survivor's housekeeping gives the holds back and closes the questions once the lease ran out.
    eventually(lambda: deployment.reservations()["held"] == 0, lease + 10, "releasing the dead process's holds")
    assert time.monotonic() - killed_at >= lease - 1  # not before the lease ran out
    assert deployment.counters() == (0, 0)
    eventually(lambda: deployment.question_statuses() == {"failed": len(questions)}, 5, "closing its questions")

    victim.start().wait_until_healthy()
    calls_before = len(model_server.requests)
    redelivered = [Delivery(index % 2, question.payload, retry_num=1) for index, question in enumerate(questions)]
    assert deployment.deliver(redelivered) == [200] * len(questions)
    deployment.wait_for_updates(len(questions))
    assert deployment.deliver([Delivery(1, question.payload, retry_num=2) for question in questions]) == [200] * len(
        questions
    )
    time.sleep(1.0)

    assert [deployment.outcome(question) for question in questions] == ["answered"] * len(questions)
    assert all(len(deployment.thinking_posts(question)) == 1 for question in questions)  # answered in the first post
    assert deployment.question_statuses() == {"failed": len(questions), "answered": len(questions)}
    calls, reported = deployment.model_usage(since=calls_before)
    assert deployment.ledger_tokens() == (len(questions), reported) and calls == len(questions)
    assert deployment.counters()[1] == 0
    assert_no_secret_or_traceback_in(deployment)


# --- 5. a process told to stop mid-answer ---------------------------------------------------------


def wait_until_asked(deployment: Deployment, count: int) -> None:
    eventually(lambda: len(deployment.openai.requests) >= count, 30, f"{count} questions reaching the model")


def test_a_process_told_to_stop_finishes_the_answers_under_way_before_it_exits(
    deploy: Callable[..., Deployment], model_server: FakeOpenAI
) -> None:
    deployment = deploy(model_server, ADVISOR_SHUTDOWN_SECONDS="20")
    stopping, _ = deployment.apps
    questions = open_questions(6)
    model_server.latency = 2.0
    assert deployment.deliver([Delivery(0, question.payload) for question in questions]) == [200] * len(questions)
    wait_until_asked(deployment, len(questions))
    assert deployment.closed() == 0  # every answer is still under way

    assert stopping.stop() == 0  # SIGTERM; it exits by itself, once the answers are in Slack

    assert [deployment.outcome(question) for question in questions] == ["answered"] * len(questions)
    assert deployment.question_statuses() == {"answered": len(questions)}
    assert deployment.reservations() == {"settled": len(questions)} and deployment.counters()[1] == 0
    assert_no_secret_or_traceback_in(deployment)


def test_answers_that_outlast_the_stop_tell_their_askers_to_ask_again_and_give_their_budget_back(
    deploy: Callable[..., Deployment], model_server: FakeOpenAI
) -> None:
    deployment = deploy(model_server, ADVISOR_SHUTDOWN_SECONDS="0.5")
    stopping, _ = deployment.apps
    questions = open_questions(4)
    model_server.latency = 20.0  # far longer than the process may take to stop
    assert deployment.deliver([Delivery(0, question.payload) for question in questions]) == [200] * len(questions)
    wait_until_asked(deployment, len(questions))
    assert deployment.reservations() == {"held": len(questions)}

    asked_to_stop = time.monotonic()
    assert stopping.stop() == 0
    assert time.monotonic() - asked_to_stop < model_server.latency  # it did not wait for the model

    assert [deployment.outcome(question) for question in questions] == ["restarted"] * len(questions)
    assert deployment.question_statuses() == {"failed": len(questions)}  # on record, none left half-way
    assert deployment.reservations() == {"released": len(questions)} and deployment.counters() == (0, 0)
    assert deployment.ledger_tokens() == (0, 0)

    model_server.latency = 0.3  # asked again, the other process answers
    again = open_questions(1, first=100)
    assert deployment.deliver([Delivery(1, again[0].payload)]) == [200]
    deployment.wait_for_updates(len(questions) + 1)
    assert deployment.outcome(again[0]) == "answered"
    assert_no_secret_or_traceback_in(deployment)
