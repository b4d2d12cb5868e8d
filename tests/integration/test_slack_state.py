"""What the Slack adapter stores (event claims, its threads, savings computed, escalations) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from bot.domain.savings import SavingsResult, Scenario, Span, calculate
from bot.store.budgets import BudgetStore
from bot.store.db import MIGRATIONS_DIR, SCHEMA_HEAD, Database, schema_revision, upgrade_schema
from bot.store.questions import QuestionLog
from bot.store.savings_log import SavingsLog
from bot.store.slack_state import BotThread, EventClaim, EventClaims, SlackThreads
from bot.store.tables import Base, SlackEventRow, SlackThreadRow
from tests.integration.databases import (  # noqa: F401  (the fixtures)
    PROCESSES,
    RUN_TIMEOUT,
    Clock,
    clock,
    database,
    database_url,
    race_across_processes,
)

TOKYO = ZoneInfo("Asia/Tokyo")
WORKSPACE = "T1"
SALES = "C-SALES"
HANAKO = "U-HANAKO"

THREADS = 16
CLAIMS = 50
EVENTS_IN_THE_PROCESS_RACE = 10
CLAIMS_PER_EVENT_PER_PROCESS = 5


# --- the schema -------------------------------------------------------------------------------


def test_the_migrations_build_the_schema_the_models_describe(database: Database) -> None:
    database.session().close()
    with database.engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    assert differences == []
    assert schema_revision(database.engine) == SCHEMA_HEAD
    indexes = {
        index["name"]
        for table in ("slack_events", "savings_computations")
        for index in inspect(database.engine).get_indexes(table)
    }
    assert indexes == {"ix_slack_events_claimed_at", "ix_savings_computations_workspace_id_month"}


def test_the_slack_migration_downgrades_and_upgrades_again(database: Database) -> None:
    question_id = QuestionLog(database).record(WORKSPACE, SALES, HANAKO, "kept through the downgrade", "en", "catalog")

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = database.engine
    command.downgrade(config, "0002")

    tables = set(inspect(database.engine).get_table_names())
    assert not tables & {"slack_events", "slack_threads", "savings_computations"}
    assert "escalated_from" not in {column["name"] for column in inspect(database.engine).get_columns("questions")}
    assert upgrade_schema(database.engine) == SCHEMA_HEAD
    stored = QuestionLog(database).get(question_id)
    assert stored is not None and (stored.text, stored.escalated_from) == ("kept through the downgrade", None)


# --- event claims ----------------------------------------------------------------------------


def test_an_event_is_claimed_once(database: Database, clock: Clock) -> None:
    claims = EventClaims(database, clock=clock)

    assert claims.claim("Ev001", WORKSPACE, "app_mention") == EventClaim("Ev001", attempt=1, reply_ts=None)
    assert claims.claim("Ev001", WORKSPACE, "app_mention") is None
    assert claims.claim("Ev001", "T-OTHER", "message") is None  # an event id is Slack-wide
    assert claims.claim("Ev002", WORKSPACE, "message") is not None

    with database.session() as session:
        rows = session.scalars(select(SlackEventRow).order_by(SlackEventRow.event_id)).all()
        stored = [(row.event_id, row.workspace_id, row.kind) for row in rows]
    assert stored == [("Ev001", WORKSPACE, "app_mention"), ("Ev002", WORKSPACE, "message")]


def test_one_of_many_concurrent_claims_wins(database: Database) -> None:
    claims = EventClaims(database)
    database.session().close()  # migrate before the race

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(
            pool.map(lambda _: claims.claim("Ev-RACE", WORKSPACE, "app_mention"), range(CLAIMS), timeout=RUN_TIMEOUT)
        )

    assert len(outcomes) == CLAIMS
    assert sum(outcome is not None for outcome in outcomes) == 1


def _event(index: int) -> str:
    return f"Ev-PROCESS-{index}"


def _events_of_a_process() -> list[str]:
    """What each process of the cross-process race claims: every event, a few times."""
    return [_event(index) for index in range(EVENTS_IN_THE_PROCESS_RACE) for _ in range(CLAIMS_PER_EVENT_PER_PROCESS)]


def _claim_events(database: Database) -> tuple[Callable[[str], bool], list[str]]:
    """One process of the cross-process race: its own engine, a few threads claiming every event."""
    claims = EventClaims(database)
    return (lambda event_id: claims.claim(event_id, WORKSPACE, "message") is not None), _events_of_a_process()


def test_each_event_is_claimed_once_across_processes(database: Database, database_url: str) -> None:
    database.session().close()
    events = _events_of_a_process()

    reports = race_across_processes(database_url, [_claim_events] * PROCESSES)

    assert (
        sum(len(report) for report in reports) == PROCESSES * EVENTS_IN_THE_PROCESS_RACE * CLAIMS_PER_EVENT_PER_PROCESS
    )
    won = [event_id for report in reports for event_id, claimed in zip(events, report, strict=True) if claimed]
    assert Counter(won) == {_event(index): 1 for index in range(EVENTS_IN_THE_PROCESS_RACE)}


def test_a_claim_its_process_abandoned_is_taken_over_once_after_the_lease(database: Database, clock: Clock) -> None:
    claims = EventClaims(database, lease=dt.timedelta(minutes=5), clock=clock)
    first = claims.claim("Ev-CRASH", WORKSPACE, "app_mention")
    assert first is not None
    claims.note_reply("Ev-CRASH", "1700000000.000100")  # "thinking…" was posted, then the process died

    clock.advance(minutes=4, seconds=59)
    assert claims.claim("Ev-CRASH", WORKSPACE, "app_mention") is None  # still within the lease
    clock.advance(seconds=2)
    assert claims.claim("Ev-CRASH", WORKSPACE, "app_mention") == EventClaim("Ev-CRASH", 2, "1700000000.000100")
    assert claims.claim("Ev-CRASH", WORKSPACE, "app_mention") is None  # the take-over holds a fresh lease

    claims.finish("Ev-CRASH")
    clock.advance(hours=1)
    assert claims.claim("Ev-CRASH", WORKSPACE, "app_mention") is None  # finished: never again


def _take_over(database: Database) -> tuple[Callable[[str], bool], list[str]]:
    """One process of the take-over race: its clock is past the lease of the abandoned claim."""
    claims = EventClaims(
        database, lease=dt.timedelta(minutes=5), clock=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    )
    return (lambda event_id: claims.claim(event_id, WORKSPACE, "app_mention") is not None), ["Ev-ABANDONED"] * 8


def test_an_abandoned_claim_is_taken_over_by_one_process_of_many(database: Database, database_url: str) -> None:
    assert EventClaims(database).claim("Ev-ABANDONED", WORKSPACE, "app_mention") is not None

    reports = race_across_processes(database_url, [_take_over] * PROCESSES)

    assert sum(taken for report in reports for taken in report) == 1


def test_old_claims_are_forgotten(database: Database, clock: Clock) -> None:
    claims = EventClaims(database, clock=clock)
    claims.claim("Ev-OLD", WORKSPACE, "message")
    claims.finish("Ev-OLD")
    clock.advance(hours=20)
    claims.claim("Ev-YESTERDAY", WORKSPACE, "message")
    claims.finish("Ev-YESTERDAY")
    clock.advance(hours=6)
    claims.claim("Ev-NOW", WORKSPACE, "app_mention")

    a_day_ago = clock.now - dt.timedelta(days=1)
    assert claims.forget_before(a_day_ago.astimezone(TOKYO)) == 1  # the same instant, whatever its zone
    assert claims.forget_before(a_day_ago) == 0

    assert claims.claim("Ev-OLD", WORKSPACE, "message") is not None  # forgotten, so it can be claimed again
    assert claims.claim("Ev-YESTERDAY", WORKSPACE, "message") is None
    assert claims.claim("Ev-NOW", WORKSPACE, "app_mention") is None
    assert claims.forget_before(clock.now + dt.timedelta(seconds=1)) == 3
    with pytest.raises(ValueError, match="no time zone"):
        claims.forget_before(dt.datetime(2026, 12, 9))


# --- threads -----------------------------------------------------------------------------------


def test_threads_the_bot_answered_in(database: Database, clock: Clock) -> None:
    threads = SlackThreads(database, clock=clock)
    assert threads.is_ours(WORKSPACE, SALES, "1765000000.000100") is False

    threads.remember(BotThread(WORKSPACE, SALES, "1765000000.000100", question_id=7))
    threads.remember(BotThread(WORKSPACE, SALES, "1765000000.000100", question_id=8))  # a follow-up answered there
    threads.remember(BotThread(WORKSPACE, SALES, "1765000000.000200"))

    assert threads.is_ours(WORKSPACE, SALES, "1765000000.000100") is True
    assert threads.is_ours(WORKSPACE, SALES, "1765000000.000200") is True
    assert threads.is_ours(WORKSPACE, "C-SUPPORT", "1765000000.000100") is False
    assert threads.is_ours("T-OTHER", SALES, "1765000000.000100") is False
    assert threads.is_ours(WORKSPACE, SALES, "1765000000.000300") is False
    with database.session() as session:
        rows = session.scalars(select(SlackThreadRow).order_by(SlackThreadRow.thread_ts)).all()
        stored = [(row.thread_ts, row.question_id) for row in rows]
    assert stored == [("1765000000.000100", 7), ("1765000000.000200", None)]


def test_finishing_an_event_remembers_its_answers_thread_with_it(database: Database, clock: Clock) -> None:
    claims, threads = EventClaims(database, clock=clock), SlackThreads(database, clock=clock)
    assert claims.claim("Ev-ASKED", WORKSPACE, "app_mention") is not None
    assert claims.claim("Ev-EMPTY", WORKSPACE, "app_mention") is not None

    claims.finish("Ev-ASKED", BotThread(WORKSPACE, SALES, "1765000000.000400", question_id=9))
    claims.finish("Ev-EMPTY")  # nothing was answered: no thread

    assert threads.is_ours(WORKSPACE, SALES, "1765000000.000400") is True
    assert claims.claim("Ev-ASKED", WORKSPACE, "app_mention") is None
    assert claims.claim("Ev-EMPTY", WORKSPACE, "app_mention") is None
    with database.session() as session:
        stored = [(row.thread_ts, row.question_id) for row in session.scalars(select(SlackThreadRow))]
    assert stored == [("1765000000.000400", 9)]


# --- savings computed --------------------------------------------------------------------------


def _usd(savings: float, hours: float) -> SavingsResult:
    return SavingsResult(
        hours_saved_per_month=hours,
        baseline_cost_per_month=savings + 100,
        ai_cost_per_month=100,
        savings_per_month=savings,
        savings_per_year=12 * savings,
        payback_months=None,
        currency="USD",
        monthly_volume=10,
        assumptions=[],
    )


def test_savings_totals_per_month_in_the_company_time_zone(database: Database, clock: Clock) -> None:
    log = SavingsLog(database, TOKYO, clock=clock)
    minutes = calculate(
        Scenario(task="meeting_minutes", volume=40, minutes_before=60, minutes_after=10, hourly_cost=3000)
    )
    translation = calculate(
        Scenario(task="translation", volume=4, outsourcing_unit_cost=(30000, 50000), tool_cost_monthly=3000)
    )
    assert minutes.savings_per_month == 100_000 and minutes.hours_saved_per_month == pytest.approx(33.3)
    assert translation.savings_per_month == Span(low=117_000, high=197_000)
    assert translation.hours_saved_per_month == Span(low=0.0, high=0.0)

    clock.now = dt.datetime(2026, 11, 30, 14, 59, tzinfo=dt.UTC)  # 23:59 in Tokyo: still November
    log.record(WORKSPACE, SALES, HANAKO, minutes, task="meeting_minutes", source="command")
    clock.now = dt.datetime(2026, 11, 30, 15, 30, tzinfo=dt.UTC)  # 00:30 on 1 December in Tokyo
    first = log.record(WORKSPACE, SALES, HANAKO, minutes, task="meeting_minutes", source="modal")
    clock.advance(days=3)
    second = log.record(WORKSPACE, None, None, translation, task="translation", source="question")
    log.record(WORKSPACE, "C-US", None, _usd(250.5, 2.5), task=None, source="command")
    log.record("T-OTHER", None, None, _usd(1_000, 10), task=None, source="command")

    december = log.month_total(WORKSPACE)
    assert second == first + 1
    assert december.month == "2026-12"
    assert december.computations == 3
    assert december.savings_per_month == {"JPY": pytest.approx(217_000), "USD": pytest.approx(250.5)}
    assert december.hours_saved_per_month == pytest.approx(33.3 + 0.0 + 2.5)

    november = log.month_total(WORKSPACE, "2026-11")
    assert (november.month, november.computations, november.savings_per_month) == (
        "2026-11",
        1,
        {"JPY": pytest.approx(100_000)},
    )
    assert november.hours_saved_per_month == pytest.approx(33.3)
    assert log.month_total(WORKSPACE, "2027-01") == log.month_total("T-NOBODY", "2027-01")
    empty = log.month_total("T-NOBODY")
    assert (empty.month, empty.computations, empty.savings_per_month, empty.hours_saved_per_month) == (
        "2026-12",
        0,
        {},
        0.0,
    )

    with pytest.raises(ValueError, match="unknown savings source"):
        log.record(WORKSPACE, None, None, minutes, task=None, source="email")  # type: ignore[arg-type]
    assert log.month_total(WORKSPACE).computations == 3


# --- escalations -------------------------------------------------------------------------------


def test_an_escalation_remembers_the_question_it_re_asked(database: Database, clock: Clock) -> None:
    questions = QuestionLog(database, clock=clock)
    original = questions.record(WORKSPACE, SALES, HANAKO, "Which tool for proposals?", "en", "llm", tier=1)
    deeper = questions.record(
        WORKSPACE, SALES, HANAKO, "Which tool for proposals?", "en", "llm", tier=2, escalated_from=original
    )

    stored_original, stored_deeper = questions.get(original), questions.get(deeper)
    assert stored_original is not None and stored_original.escalated_from is None
    assert stored_deeper is not None and (stored_deeper.escalated_from, stored_deeper.tier) == (original, 2)
    assert [(question.id, question.escalated_from) for question in questions.recent(WORKSPACE)] == [
        (deeper, original),
        (original, None),
    ]


def test_the_usage_summary_counts_this_months_escalations(database: Database, clock: Clock) -> None:
    questions = QuestionLog(database, clock=clock)
    budgets = BudgetStore(database, TOKYO, clock=clock)
    clock.now = dt.datetime(2026, 11, 30, 14, 0, tzinfo=dt.UTC)  # still November in Tokyo
    last_month = questions.record(WORKSPACE, SALES, HANAKO, "q", "en", "llm", tier=1)
    questions.record(WORKSPACE, SALES, HANAKO, "q", "en", "llm", tier=2, escalated_from=last_month)
    clock.now = dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC)
    asked = questions.record(WORKSPACE, SALES, HANAKO, "q", "en", "llm", tier=1)
    deeper = questions.record(WORKSPACE, SALES, HANAKO, "q", "en", "llm", tier=2, escalated_from=asked)
    questions.record(WORKSPACE, SALES, HANAKO, "q", "en", "llm", tier=3, escalated_from=deeper)
    questions.record(
        WORKSPACE, SALES, HANAKO, "q", "en", "llm", tier=2, escalated_from=last_month
    )  # a November answer, deepened now
    other = questions.record("T-OTHER", None, None, "q", "en", "llm", tier=1)
    questions.record("T-OTHER", None, None, "q", "en", "llm", tier=2, escalated_from=other)

    december = budgets.usage_summary(WORKSPACE)
    assert (december.month, december.questions, december.escalations) == ("2026-12", 4, 3)
    november = budgets.usage_summary(WORKSPACE, "2026-11")
    assert (november.questions, november.escalations) == (2, 1)
    assert budgets.usage_summary(WORKSPACE, "2027-01").escalations == 0


def test_questions_a_dead_process_left_unanswered_are_closed_as_failed(database: Database, clock: Clock) -> None:
    log = QuestionLog(database, clock=clock)
    abandoned = log.record(WORKSPACE, "C0001", "U0001", "left half-answered", "en", "llm")
    clock.advance(minutes=10)
    recent = log.record(WORKSPACE, "C0001", "U0001", "still being answered", "en", "llm")
    answered = log.record(WORKSPACE, "C0001", "U0001", "answered long ago", "en", "llm")
    log.update(answered, status="answered")

    assert log.close_abandoned(clock.now - dt.timedelta(minutes=5)) == 1

    closed = log.get(abandoned)
    assert closed is not None and closed.status == "failed" and "abandoned" in (closed.error or "")
    assert [log.get(question).status for question in (recent, answered)] == ["received", "answered"]  # type: ignore[union-attr]
