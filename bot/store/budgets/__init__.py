"""Token budgets in the database: limits, reservations before a model call, settled usage.

A model call goes through three steps. `reserve` holds the most the call may spend
against every scope the question counts in, or reports the scope that cannot hold it;
`settle` replaces the hold with what the call really used and writes the usage ledger;
`release` drops the hold of a call that used nothing. A hold nobody settles (the
process died) expires after `reservation_ttl`.

Limits must hold however many processes reserve at once, so the check and the hold are
one conditional UPDATE per scope ("add this much if it still fits"), never a read
followed by a write in Python:

* PostgreSQL (READ COMMITTED) takes the counter row's lock for the UPDATE and, if it
  had to wait for another transaction, re-checks the condition on the row that
  transaction committed. Scopes are always locked in the same sorted order, so two
  reservations cannot deadlock.
* SQLite lets one writer in at a time; these transactions begin with BEGIN IMMEDIATE
  (`Database.writing`) so they queue for the lock instead of failing with
  "database is locked" half-way.

On PostgreSQL the steps of `reserve` and of `settle` run in the database, as the functions
`advisor_reserve` and `advisor_settle` (migration 0007): one round trip each instead of
seven and nine, and the counters' locks held only while the database runs them. The
store runs the same steps itself on SQLite (`Reservations._hold`, `Reservations._settle`); the store tests run both.

The package: `statements` (built once), `standing` (limits, policy and counters read in a transaction),
`reservations` (the engine) and `outcomes` (what it answers), `warnings` (given once each), `reports`; `BudgetStore` is the one face.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete

from bot.domain.budget import (
    AtLimit,
    BudgetLimit,
    BudgetPolicy,
    BudgetWarning,
    Scope,
    ScopeUsage,
    month_of,
)
from bot.store.budgets import reports
from bot.store.budgets.outcomes import LedgerContext, ReservationClosed, ReservationNotFound, ReserveResult
from bot.store.budgets.reports import LedgerEntry, ModelUsage, UsageSummary
from bot.store.budgets.reservations import Reservations
from bot.store.budgets.standing import Standing, check_scope, sorted_scopes
from bot.store.db import Database, rows_changed
from bot.store.questions import as_utc, utc_now
from bot.store.tables import BudgetLimitRow, BudgetPolicyRow

__all__ = [
    "BudgetStore",
    "LedgerContext",
    "LedgerEntry",
    "ModelUsage",
    "ReservationClosed",
    "ReservationNotFound",
    "ReserveResult",
    "UsageSummary",
]


class BudgetStore:
    """The one face of the budget tables: limits and policy, usage, the reservation engine and the reports."""

    def __init__(
        self,
        database: Database,
        tz: ZoneInfo,
        default_workspace_tokens: int | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        reservation_ttl: dt.timedelta = dt.timedelta(minutes=10),
    ) -> None:
        self._database = database
        self._tz = tz
        self._clock = clock
        self._standing = Standing(default_workspace_tokens)
        self._reservations = Reservations(
            database, tz, self._standing, clock, reservation_ttl, default_workspace_tokens
        )

    def _now(self) -> dt.datetime:
        return as_utc(self._clock())

    def current_month(self) -> str:
        return month_of(self._now(), self._tz)

    # --- limits and policy ------------------------------------------------------------

    def set_limit(
        self,
        workspace_id: str,
        scope: Scope,
        monthly_tokens: int,
        monthly_money_usd: float | None = None,
        updated_by: str | None = None,
    ) -> BudgetLimit:
        check_scope(workspace_id, scope)
        limit = BudgetLimit(scope=scope, monthly_tokens=monthly_tokens, monthly_money_usd=monthly_money_usd)
        with self._database.write_session() as session, session.begin():
            row = session.get(BudgetLimitRow, (workspace_id, scope.kind, scope.id))
            if row is None:
                row = BudgetLimitRow(workspace_id=workspace_id, scope_kind=scope.kind, scope_id=scope.id)
                session.add(row)
            row.monthly_tokens, row.monthly_money_usd = limit.monthly_tokens, limit.monthly_money_usd
            row.updated_by, row.updated_at = updated_by, self._now()
        return limit

    def remove_limit(self, workspace_id: str, scope: Scope) -> bool:
        """Remove a set limit; the workspace falls back to the default limit, if there is one."""
        statement = delete(BudgetLimitRow).where(
            BudgetLimitRow.workspace_id == workspace_id,
            BudgetLimitRow.scope_kind == scope.kind,
            BudgetLimitRow.scope_id == scope.id,
        )
        with self._database.write_session() as session, session.begin():
            return rows_changed(session.execute(statement)) > 0

    def limits(self, workspace_id: str) -> list[BudgetLimit]:
        """The limits in force, the default workspace limit included when none was set."""
        with self._database.reading() as connection:
            limits = self._standing.limits_in_force(connection, workspace_id)
        return sorted(limits.values(), key=lambda limit: limit.scope.sort_key)

    def policy(self, workspace_id: str) -> BudgetPolicy:
        with self._database.reading() as connection:
            return self._standing.policy(connection, workspace_id)

    def set_policy(
        self,
        workspace_id: str,
        warn_at: float | None = None,
        at_limit: AtLimit | None = None,
        updated_by: str | None = None,
    ) -> BudgetPolicy:
        """Change the given parts of the policy, keep the rest; return the policy now in force."""
        with self._database.write_session() as session, session.begin():
            current = self._standing.policy(session, workspace_id)
            policy = BudgetPolicy(
                warn_at=current.warn_at if warn_at is None else warn_at,
                at_limit=current.at_limit if at_limit is None else at_limit,
            )
            row = session.get(BudgetPolicyRow, workspace_id)
            if row is None:
                row = BudgetPolicyRow(workspace_id=workspace_id)
                session.add(row)
            row.warn_at, row.at_limit = policy.warn_at, policy.at_limit
            row.updated_by, row.updated_at = updated_by, self._now()
        return policy

    # --- usage --------------------------------------------------------------------------

    def usage(self, workspace_id: str, scopes: list[Scope], month: str | None = None) -> list[ScopeUsage]:
        """Each scope's usage in `month` (the current month by default), in the order given."""
        month = month or self.current_month()
        with self._database.reading() as connection:
            return self._standing.usages(connection, workspace_id, scopes, month)

    def standing(self, workspace_id: str, scopes: list[Scope]) -> tuple[list[ScopeUsage], BudgetPolicy]:
        """This month's `usage` of the scopes and the workspace's `policy`, read together."""
        month = self.current_month()
        with self._database.reading() as connection:
            limits, policy = self._standing.limits_and_policy(connection, workspace_id)
            return self._standing.usages(connection, workspace_id, scopes, month, limits), policy

    def all_usage(self, workspace_id: str, month: str | None = None) -> list[ScopeUsage]:
        """Every scope with a limit or any spending in `month`: workspace, channels, users."""
        month = month or self.current_month()
        with self._database.reading() as connection:
            limits = self._standing.limits_in_force(connection, workspace_id)
            counters = self._standing.counters(connection, workspace_id, month)
        scopes = sorted_scopes([*limits, *counters])
        return [self._standing.scope_usage(scope, month, limits.get(scope), counters.get(scope)) for scope in scopes]

    # --- reserve, settle, release ---------------------------------------------------------

    def reserve(
        self,
        workspace_id: str,
        scopes: list[Scope],
        tokens: int,
        money_usd: float = 0.0,
        question_id: int | None = None,
    ) -> ReserveResult:
        """Hold `tokens` and `money_usd` in every scope, all or none (`Reservations.reserve`)."""
        return self._reservations.reserve(workspace_id, scopes, tokens, money_usd, question_id)

    def settle(
        self,
        reservation_id: str,
        prompt_tokens: int,
        completion_tokens: int,
        cost_usd: float,
        ledger: LedgerContext | None = None,
        within: Connection | None = None,
    ) -> list[BudgetWarning]:
        """Replace the hold with the real usage, write the ledger; return new warnings (`Reservations.settle`)."""
        return self._reservations.settle(reservation_id, prompt_tokens, completion_tokens, cost_usd, ledger, within)

    def release(self, reservation_id: str) -> bool:
        """Give back the hold of a call that used nothing; False if it was no longer held."""
        return self._reservations.release(reservation_id)

    def expire_stale(self, workspace_id: str | None = None) -> int:
        """Give back holds past their expiry (of one workspace, or all); return how many."""
        return self._reservations.expire_stale(workspace_id)

    # --- reports --------------------------------------------------------------------------

    def ledger(self, workspace_id: str, month: str | None = None) -> list[LedgerEntry]:
        return reports.ledger(self._database, workspace_id, month or self.current_month())

    def usage_summary(self, workspace_id: str, month: str | None = None) -> UsageSummary:
        month = month or self.current_month()
        return reports.usage_summary(self._database, self._tz, workspace_id, month, self.all_usage(workspace_id, month))
