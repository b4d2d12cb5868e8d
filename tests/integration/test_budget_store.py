"""Token budgets, the question log and the usage ledger on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.domain.budget import Scope, scopes_of_question
from bot.store.budgets import BudgetStore, ReservationClosed, ReservationNotFound
from bot.store.db import Database
from bot.store.questions import QuestionLog
from bot.store.tables import BudgetPolicyRow, BudgetReservationRow
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
WHOLE = Scope(kind="workspace", id=WORKSPACE)
SALES = Scope(kind="channel", id="C-SALES")
SUPPORT = Scope(kind="channel", id="C-SUPPORT")
HANAKO = Scope(kind="user", id="U-HANAKO")

CONCURRENT_LIMIT = 3_000
ATTEMPTS = 100
TOKENS_PER_ATTEMPT = 100
THREADS = 16


@pytest.fixture
def budgets(database: Database, clock: Clock) -> BudgetStore:
    return BudgetStore(database, TOKYO, clock=clock)


def _usage(store: BudgetStore, scope: Scope, month: str | None = None) -> tuple[int, int]:
    usage = store.usage(WORKSPACE, [scope], month)[0]
    return usage.used_tokens, usage.reserved_tokens


# --- limits and policy ----------------------------------------------------------------------


def test_set_change_and_remove_limits(budgets: BudgetStore) -> None:
    assert budgets.limits(WORKSPACE) == []

    budgets.set_limit(WORKSPACE, SALES, 50_000, updated_by="U-ADMIN")
    budgets.set_limit(WORKSPACE, WHOLE, 1_000_000, monthly_money_usd=12.5)
    budgets.set_limit(WORKSPACE, HANAKO, 20_000)
    budgets.set_limit(WORKSPACE, SALES, 60_000, monthly_money_usd=1.25)
    budgets.set_limit("T-OTHER", Scope(kind="channel", id="C-SALES"), 5)

    limits = budgets.limits(WORKSPACE)
    assert [(limit.scope, limit.monthly_tokens, limit.monthly_money_usd) for limit in limits] == [
        (WHOLE, 1_000_000, 12.5),
        (SALES, 60_000, 1.25),
        (HANAKO, 20_000, None),
    ]

    assert budgets.remove_limit(WORKSPACE, SALES) is True
    assert budgets.remove_limit(WORKSPACE, SALES) is False
    assert [limit.scope for limit in budgets.limits(WORKSPACE)] == [WHOLE, HANAKO]
    assert [limit.monthly_tokens for limit in budgets.limits("T-OTHER")] == [5]

    with pytest.raises(ValueError, match="greater than or equal to 0"):
        budgets.set_limit(WORKSPACE, SALES, -1)
    with pytest.raises(ValueError, match="workspace scope"):
        budgets.set_limit(WORKSPACE, Scope(kind="workspace", id="T-OTHER"), 10)


def test_default_workspace_limit_applies_until_one_is_set(database: Database, clock: Clock) -> None:
    budgets = BudgetStore(database, TOKYO, default_workspace_tokens=1_000, clock=clock)
    assert [(limit.scope, limit.monthly_tokens) for limit in budgets.limits(WORKSPACE)] == [(WHOLE, 1_000)]

    blocked = budgets.reserve(WORKSPACE, [WHOLE, SALES], 1_001, 0.0)
    assert blocked.reservation_id is None
    assert blocked.blocked_by is not None and blocked.blocked_by.scope == WHOLE
    assert blocked.blocked_by.limit is not None and blocked.blocked_by.limit.monthly_tokens == 1_000

    budgets.set_limit(WORKSPACE, WHOLE, 5_000)
    assert budgets.reserve(WORKSPACE, [WHOLE, SALES], 1_001, 0.0).reserved
    assert budgets.remove_limit(WORKSPACE, WHOLE) is True
    assert [limit.monthly_tokens for limit in budgets.limits(WORKSPACE)] == [1_000]
    assert budgets.reserve(WORKSPACE, [WHOLE], 1, 0.0).blocked_by is not None  # 1,001 held of 1,000

    unlimited = BudgetStore(database, TOKYO, clock=clock)
    assert unlimited.limits(WORKSPACE) == []
    assert unlimited.reserve(WORKSPACE, [WHOLE], 10_000_000, 0.0).reserved


def test_policy_changes_only_what_is_given(budgets: BudgetStore) -> None:
    assert budgets.policy(WORKSPACE).warn_at == 0.8
    assert budgets.policy(WORKSPACE).at_limit == "block"

    budgets.set_policy(WORKSPACE, at_limit="downgrade", updated_by="U-ADMIN")
    changed = budgets.set_policy(WORKSPACE, warn_at=0.6)

    assert (changed.warn_at, changed.at_limit) == (0.6, "downgrade")
    assert budgets.policy(WORKSPACE) == changed
    assert budgets.policy("T-OTHER").at_limit == "block"
    with pytest.raises(ValueError):
        budgets.set_policy(WORKSPACE, warn_at=1.5)
    assert budgets.policy(WORKSPACE).warn_at == 0.6


# --- reserve, settle, release, expire -----------------------------------------------------------


def test_reserve_holds_in_every_scope_or_none(budgets: BudgetStore) -> None:
    budgets.set_limit(WORKSPACE, WHOLE, 10_000)
    budgets.set_limit(WORKSPACE, SALES, 1_000)

    first = budgets.reserve(WORKSPACE, [WHOLE, SALES, HANAKO], 600, 0.01)
    assert first.reserved and first.blocked_by is None

    second = budgets.reserve(WORKSPACE, [WHOLE, SALES, HANAKO], 500, 0.01)
    assert second.reservation_id is None
    assert second.blocked_by is not None
    assert second.blocked_by.scope == SALES
    assert (second.blocked_by.reserved_tokens, second.blocked_by.remaining_tokens) == (600, 400)
    # Nothing of the blocked request stayed behind, not even in the scopes before or after the one that blocked.
    assert _usage(budgets, WHOLE) == (0, 600)
    assert _usage(budgets, SALES) == (0, 600)
    assert _usage(budgets, HANAKO) == (0, 600)

    elsewhere = budgets.reserve(WORKSPACE, [WHOLE, SUPPORT, HANAKO], 500, 0.01)
    assert elsewhere.reserved
    assert _usage(budgets, WHOLE) == (0, 1_100)
    assert _usage(budgets, HANAKO) == (0, 1_100)  # no limit: counted, never blocking

    exactly_the_rest = budgets.reserve(WORKSPACE, [SALES], 400, 0.0)
    assert exactly_the_rest.reserved
    assert budgets.usage(WORKSPACE, [SALES])[0].remaining_tokens == 0


def test_money_limit_blocks_even_with_tokens_left(budgets: BudgetStore) -> None:
    budgets.set_limit(WORKSPACE, SALES, 1_000_000, monthly_money_usd=0.05)

    assert budgets.reserve(WORKSPACE, [SALES], 1_000, 0.03).reserved
    blocked = budgets.reserve(WORKSPACE, [SALES], 1_000, 0.03)

    assert blocked.blocked_by is not None and blocked.blocked_by.scope == SALES
    assert blocked.blocked_by.reserved_money_usd == pytest.approx(0.03)
    assert blocked.blocked_by.remaining_money_usd == pytest.approx(0.02)
    assert budgets.reserve(WORKSPACE, [SALES], 1_000, 0.02).reserved


def test_settle_records_usage_ledger_and_question(budgets: BudgetStore, database: Database, clock: Clock) -> None:
    questions = QuestionLog(database, clock=clock)
    budgets.set_limit(WORKSPACE, SALES, 10_000, monthly_money_usd=1.0)
    scopes = scopes_of_question(WORKSPACE, SALES.id, HANAKO.id)
    question_id = questions.record(WORKSPACE, SALES.id, HANAKO.id, "議事録ツールはどれがいい？", "ja", "llm", tier=1)
    assert questions.get(question_id) is not None  # stored before any model call

    reservation = budgets.reserve(WORKSPACE, scopes, 2_000, 0.02, question_id=question_id)
    assert reservation.reservation_id is not None
    warnings = budgets.settle(reservation.reservation_id, 1_200, 300, 0.0123, {"path": "llm", "model": "qwen-turbo"})
    questions.update(
        question_id,
        status="answered",
        answer="…",
        model="qwen-turbo",
        prompt_tokens=1_200,
        completion_tokens=300,
        cost_usd=0.0123,
    )

    assert warnings == []
    for scope in scopes:
        usage = budgets.usage(WORKSPACE, [scope])[0]
        assert (usage.used_tokens, usage.reserved_tokens) == (1_500, 0)
        assert usage.used_money_usd == pytest.approx(0.0123)
        assert usage.reserved_money_usd == 0
    assert budgets.usage(WORKSPACE, [SALES])[0].remaining_tokens == 8_500

    [entry] = budgets.ledger(WORKSPACE)
    assert entry.month == "2026-12"
    assert (entry.question_id, entry.channel_id, entry.user_id) == (question_id, SALES.id, HANAKO.id)
    assert (entry.model, entry.path, entry.prompt_tokens, entry.completion_tokens) == ("qwen-turbo", "llm", 1_200, 300)
    assert entry.cost_usd == pytest.approx(0.0123)
    assert entry.created_at == clock.now
    answered = questions.get(entry.question_id)
    assert answered is not None
    assert (answered.status, answered.model, answered.prompt_tokens, answered.text) == (
        "answered",
        "qwen-turbo",
        1_200,
        "議事録ツールはどれがいい？",
    )

    with pytest.raises(ReservationClosed, match="settled"):
        budgets.settle(reservation.reservation_id, 1, 1, 0.0)
    with pytest.raises(ReservationNotFound):
        budgets.settle("no-such-reservation", 1, 1, 0.0)
    assert len(budgets.ledger(WORKSPACE)) == 1
    assert _usage(budgets, SALES) == (1_500, 0)


def test_release_gives_the_hold_back_without_usage(budgets: BudgetStore) -> None:
    budgets.set_limit(WORKSPACE, SALES, 1_000)
    held = budgets.reserve(WORKSPACE, [WHOLE, SALES], 1_000, 0.5)
    assert held.reservation_id is not None
    assert budgets.reserve(WORKSPACE, [SALES], 1, 0.0).blocked_by is not None

    assert budgets.release(held.reservation_id) is True
    assert budgets.release(held.reservation_id) is False

    for scope in (WHOLE, SALES):
        usage = budgets.usage(WORKSPACE, [scope])[0]
        assert (usage.used_tokens, usage.reserved_tokens, usage.reserved_money_usd) == (0, 0, 0)
    assert budgets.ledger(WORKSPACE) == []
    with pytest.raises(ReservationClosed, match="released"):
        budgets.settle(held.reservation_id, 10, 10, 0.0)
    with pytest.raises(ReservationNotFound):
        budgets.release("no-such-reservation")
    assert budgets.reserve(WORKSPACE, [SALES], 1_000, 0.0).reserved


def test_a_stale_hold_expires_and_a_late_settle_still_counts(
    budgets: BudgetStore, database: Database, clock: Clock
) -> None:
    budgets.set_limit(WORKSPACE, SALES, 1_000)
    forgotten = budgets.reserve(WORKSPACE, [WHOLE, SALES], 800, 0.1)
    assert forgotten.reservation_id is not None
    clock.advance(minutes=9)
    assert budgets.reserve(WORKSPACE, [SALES], 300, 0.0).blocked_by is not None  # still held
    assert budgets.expire_stale() == 0

    clock.advance(minutes=2)
    fresh = budgets.reserve(WORKSPACE, [WHOLE, SALES], 300, 0.0)  # expires the stale hold first

    assert fresh.reserved
    assert _usage(budgets, SALES) == (0, 300)
    assert _usage(budgets, WHOLE) == (0, 300)
    with database.session() as session:
        status = session.scalar(
            select(BudgetReservationRow.status).where(BudgetReservationRow.id == forgotten.reservation_id)
        )
    assert status == "expired"
    assert budgets.expire_stale() == 0
    assert budgets.release(forgotten.reservation_id) is False  # nothing held any more

    # The call came back after all: its tokens were spent, its hold was already given back.
    budgets.settle(forgotten.reservation_id, 500, 200, 0.01, {"model": "gpt-4o-mini"})
    assert _usage(budgets, SALES) == (700, 300)
    assert _usage(budgets, WHOLE) == (700, 300)
    assert [entry.prompt_tokens for entry in budgets.ledger(WORKSPACE)] == [500]
    with pytest.raises(ReservationClosed):
        budgets.settle(forgotten.reservation_id, 500, 200, 0.01)

    clock.advance(minutes=11)
    assert budgets.expire_stale() == 1
    assert _usage(budgets, SALES) == (700, 0)


def test_reservations_count_in_the_month_of_the_company_time_zone(budgets: BudgetStore, clock: Clock) -> None:
    budgets.set_limit(WORKSPACE, SALES, 1_000)
    clock.now = dt.datetime(2026, 11, 30, 14, 59, tzinfo=dt.UTC)  # 23:59 in Tokyo
    november = budgets.reserve(WORKSPACE, [SALES], 1_000, 0.0)
    assert november.reservation_id is not None
    clock.now = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)  # midnight in Tokyo: December
    december = budgets.reserve(WORKSPACE, [SALES], 1_000, 0.0)
    assert december.reservation_id is not None

    budgets.settle(november.reservation_id, 900, 0, 0.0)

    assert _usage(budgets, SALES, "2026-11") == (900, 0)
    assert _usage(budgets, SALES, "2026-12") == (0, 1_000)
    assert _usage(budgets, SALES) == (0, 1_000)
    assert [entry.month for entry in budgets.ledger(WORKSPACE, "2026-11")] == ["2026-11"]
    assert budgets.ledger(WORKSPACE, "2026-12") == []


def test_each_warning_is_returned_once_per_scope_month_and_level(budgets: BudgetStore, clock: Clock) -> None:
    budgets.set_limit(WORKSPACE, SALES, 1_000)
    budgets.set_limit(WORKSPACE, HANAKO, 4_000)
    budgets.set_policy(WORKSPACE, warn_at=0.5)

    def spend(tokens: int, real: int) -> list[tuple[str, str]]:
        reservation = budgets.reserve(WORKSPACE, [WHOLE, SALES, HANAKO], tokens, 0.0)
        assert reservation.reservation_id is not None, reservation.blocked_by
        warnings = budgets.settle(reservation.reservation_id, real, 0, 0.0)
        assert all(warning.month == budgets.current_month() for warning in warnings)
        return [(warning.scope.label, warning.level) for warning in warnings]

    assert spend(400, 400) == []
    assert spend(200, 150) == [("channel C-SALES", "soft")]
    assert spend(100, 100) == []
    assert spend(300, 400) == [("channel C-SALES", "limit")]  # 1,050 of 1,000: the call used more than held
    budgets.set_limit(WORKSPACE, SALES, 100_000)
    assert spend(1_000, 1_000) == [("user U-HANAKO", "soft")]
    assert spend(1_000, 1_000) == []

    clock.now = dt.datetime(2027, 1, 5, tzinfo=dt.UTC)
    budgets.set_limit(WORKSPACE, SALES, 1_000)
    assert spend(600, 600) == [("channel C-SALES", "soft")]
    [warning] = budgets.settle(budgets.reserve(WORKSPACE, [SALES], 400, 0.0).reservation_id or "", 400, 0, 0.0)
    assert (warning.level, warning.month, warning.share_used) == ("limit", "2027-01", 1.0)


def test_usage_summary(budgets: BudgetStore, database: Database, clock: Clock) -> None:
    questions = QuestionLog(database, clock=clock)
    budgets.set_limit(WORKSPACE, SALES, 50_000)
    clock.now = dt.datetime(2026, 11, 30, 14, 0, tzinfo=dt.UTC)  # still November in Tokyo
    questions.record(WORKSPACE, SALES.id, HANAKO.id, "last month", "en", "llm")
    clock.now = dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC)
    for path, status in [
        ("calculator", "answered"),
        ("catalog", "answered"),
        ("catalog", "answered"),
        ("refused", "refused"),
    ]:
        questions.record(WORKSPACE, SALES.id, HANAKO.id, "q", "en", path, status=status)
    questions.record("T-OTHER", None, None, "elsewhere", "en", "catalog", status="answered")
    for model, prompt, completion, cost in [
        ("qwen-turbo", 1_000, 200, 0.001),
        ("gpt-4o", 2_000, 500, 0.01),
        ("qwen-turbo", 500, 100, 0.0005),
    ]:
        question_id = questions.record(WORKSPACE, SALES.id, HANAKO.id, "open question", "en", "llm")
        reservation = budgets.reserve(
            WORKSPACE, scopes_of_question(WORKSPACE, SALES.id, HANAKO.id), 3_000, 0.05, question_id
        )
        assert reservation.reservation_id is not None
        budgets.settle(reservation.reservation_id, prompt, completion, cost, {"model": model, "path": "llm"})
        questions.update(question_id, status="answered", model=model)

    summary = budgets.usage_summary(WORKSPACE)

    assert summary.month == "2026-12"
    assert summary.questions == 7
    assert summary.questions_by_path == {"calculator": 1, "catalog": 2, "refused": 1, "llm": 3}
    assert summary.questions_by_status == {"answered": 6, "refused": 1}
    assert [(m.model, m.calls, m.prompt_tokens, m.completion_tokens) for m in summary.models] == [
        ("gpt-4o", 1, 2_000, 500),
        ("qwen-turbo", 2, 1_500, 300),
    ]
    assert summary.models[1].cost_usd == pytest.approx(0.0015)
    assert summary.tokens == 4_300
    assert summary.cost_usd == pytest.approx(0.0115)
    assert [(usage.scope, usage.used_tokens, usage.limit is not None) for usage in summary.scopes] == [
        (WHOLE, 4_300, False),
        (SALES, 4_300, True),
        (HANAKO, 4_300, False),
    ]
    november = budgets.usage_summary(WORKSPACE, "2026-11")
    assert (november.questions, november.questions_by_path, november.models) == (1, {"llm": 1}, [])
    assert [(usage.scope, usage.used_tokens) for usage in november.scopes] == [(SALES, 0)]  # only its limit


def test_question_log(database: Database, clock: Clock) -> None:
    questions = QuestionLog(database, clock=clock)
    first = questions.record(
        WORKSPACE, "C1", "U1", "What does Notion AI cost?", "en", "catalog", status="answered", answer="Notion AI: $10"
    )
    clock.advance(seconds=5)
    second = questions.record(
        WORKSPACE, None, "U2", "提案書を速く作るには？", "ja", "llm", tier=2, route={"model": "qwen-plus", "tier": 2}
    )
    clock.advance(seconds=5)
    questions.update(second, status="failed", error="timeout after 30 s", route={"model": "qwen-max", "tier": 3})

    stored = questions.get(second)
    assert stored is not None
    assert (stored.status, stored.error, stored.tier, stored.route) == (
        "failed",
        "timeout after 30 s",
        2,
        {"model": "qwen-max", "tier": 3},
    )
    assert stored.updated_at - stored.created_at == dt.timedelta(seconds=5)
    answered = questions.get(first)
    assert answered is not None and (answered.status, answered.answer, answered.path) == (
        "answered",
        "Notion AI: $10",
        "catalog",
    )
    assert [question.id for question in questions.recent(WORKSPACE, 10)] == [second, first]
    assert [question.id for question in questions.recent(WORKSPACE, 1)] == [second]
    assert questions.recent("T-OTHER", 10) == []
    assert questions.get(999) is None
    with pytest.raises(TypeError, match="text"):
        questions.update(first, text="rewritten")  # type: ignore[call-arg]
    with pytest.raises(LookupError):
        questions.update(999, status="answered")
    with pytest.raises(ValueError, match="unknown question path"):
        questions.record(WORKSPACE, None, None, "x", "en", "magic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown question status"):
        questions.update(first, status="done")  # type: ignore[typeddict-item]


# --- SQLite's write lock ------------------------------------------------------------------------


def _another_writer_gets_in(path: Path) -> bool:
    """Whether a second connection can take the write lock right now (waiting 0.2 s at most)."""
    connection = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return False
    finally:
        connection.close()


def test_a_sqlite_write_session_holds_the_write_lock_from_its_first_read(tmp_path: Path) -> None:
    path = tmp_path / "lock.db"
    database = Database(f"sqlite:///{path}")
    try:
        with database.session() as session, session.begin():
            session.execute(select(BudgetPolicyRow)).all()
            assert _another_writer_gets_in(path)  # reading alone leaves others free to write
        with database.write_session() as session, session.begin():
            session.execute(select(BudgetPolicyRow)).all()
            assert not _another_writer_gets_in(path)  # so nothing can change between our read and write
        assert _another_writer_gets_in(path)
    finally:
        database.dispose()


# --- concurrency ---------------------------------------------------------------------------------


def _real_tokens(attempt: int) -> int:
    """95 to 100 tokens: a call uses a little less than the most it may use."""
    return TOKENS_PER_ATTEMPT - attempt % 6


def _reserve_and_settle(store: BudgetStore, attempt: int) -> dict[str, Any]:
    result = store.reserve(WORKSPACE, [WHOLE, SALES], TOKENS_PER_ATTEMPT, 0.001)
    if result.reservation_id is None:
        assert result.blocked_by is not None and result.blocked_by.scope == WHOLE
        return {"reserved": False, "real": 0, "warnings": []}
    warnings = store.settle(result.reservation_id, _real_tokens(attempt), 0, 0.0009, {"model": "m"})
    return {"reserved": True, "real": _real_tokens(attempt), "warnings": [(w.scope.label, w.level) for w in warnings]}


def _check_the_limit_held(store: BudgetStore, outcomes: list[dict[str, Any]]) -> None:
    assert len(outcomes) == ATTEMPTS  # every attempt ended, reserved or blocked
    reserved = [outcome for outcome in outcomes if outcome["reserved"]]
    whole = store.usage(WORKSPACE, [WHOLE])[0]
    # Until 30 calls got in, used + held ≤ 100 × (calls so far) ≤ 2,900 left room for one more;
    # 32 calls would need at least 32 × 95 = 3,040 tokens, over the limit.
    assert CONCURRENT_LIMIT // TOKENS_PER_ATTEMPT <= len(reserved) <= CONCURRENT_LIMIT // (TOKENS_PER_ATTEMPT - 5)
    assert whole.used_tokens == sum(outcome["real"] for outcome in reserved) <= CONCURRENT_LIMIT
    assert whole.reserved_tokens == 0 and whole.reserved_money_usd == 0
    assert whole.used_money_usd == pytest.approx(0.0009 * len(reserved))
    assert _usage(store, SALES) == (whole.used_tokens, 0)  # the scope without limit saw the same calls
    assert len(store.ledger(WORKSPACE)) == len(reserved)
    warnings = [warning for outcome in outcomes for warning in outcome["warnings"]]
    assert warnings.count(("workspace T1", "soft")) == 1
    assert warnings.count(("workspace T1", "limit")) == (1 if whole.used_tokens == CONCURRENT_LIMIT else 0)
    # What is left is consistent: another call fits exactly when 100 tokens remain.
    room = CONCURRENT_LIMIT - whole.used_tokens
    assert store.reserve(WORKSPACE, [WHOLE], TOKENS_PER_ATTEMPT, 0.0).reserved == (room >= TOKENS_PER_ATTEMPT)


def test_concurrent_reservations_never_overspend(database: Database) -> None:
    store = BudgetStore(database, TOKYO)
    store.set_limit(WORKSPACE, WHOLE, CONCURRENT_LIMIT)
    store.set_policy(WORKSPACE, warn_at=0.5)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(_reserve_and_settle, store, attempt) for attempt in range(ATTEMPTS)]
        _done, not_done = wait(futures, timeout=RUN_TIMEOUT)
        for future in not_done:
            future.cancel()
    assert not not_done, f"{len(not_done)} attempts did not finish within {RUN_TIMEOUT} s"
    outcomes = [future.result() for future in futures]

    _check_the_limit_held(store, outcomes)
    assert time.monotonic() - started < RUN_TIMEOUT


def _reservations(first_attempt: int, count: int, database: Database) -> tuple[Callable[[int], dict[str, Any]], range]:
    """One process of the cross-process test: `count` attempts from `first_attempt` on, on its own engine."""
    return functools.partial(_reserve_and_settle, BudgetStore(database, TOKYO)), range(
        first_attempt, first_attempt + count
    )


def test_the_limit_holds_across_processes(database: Database, database_url: str) -> None:
    store = BudgetStore(database, TOKYO)
    store.set_limit(WORKSPACE, WHOLE, CONCURRENT_LIMIT)
    store.set_policy(WORKSPACE, warn_at=0.5)
    per_process = ATTEMPTS // PROCESSES
    contenders = [functools.partial(_reservations, index * per_process, per_process) for index in range(PROCESSES)]

    outcomes = [outcome for report in race_across_processes(database_url, contenders) for outcome in report]

    _check_the_limit_held(store, outcomes)
