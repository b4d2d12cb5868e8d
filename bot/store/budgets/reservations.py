"""Holds before a model call and what it really used after: `reserve`, `settle`, `release`, and the expiry
of holds nobody settled. See `bot.store.budgets` for how limits hold however many processes reserve at once."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Row, select

from bot.domain.budget import (
    BudgetPolicy,
    BudgetWarning,
    Scope,
    ScopeUsage,
    month_of,
    to_micro_usd,
)
from bot.store.budgets import statements as sql
from bot.store.budgets.outcomes import LedgerContext, ReservationClosed, ReservationNotFound, ReserveResult, Settled
from bot.store.budgets.standing import Standing, check_scope, counter_key, scope_id_of, scopes_of, sorted_scopes
from bot.store.budgets.warnings import new_warnings
from bot.store.db import Database, insert_unless_present
from bot.store.questions import as_utc


class _Amounts(NamedTuple):
    """A counter's amounts as `advisor_settle` returns them."""

    used_tokens: int
    reserved_tokens: int
    used_micro_usd: int
    reserved_micro_usd: int


class _LimitRow(NamedTuple):
    """A limit as `Standing.in_force` reads it, from what `advisor_settle` returns."""

    scope_kind: str
    scope_id: str
    monthly_tokens: int
    monthly_money_usd: float | None


class _Blocked(Exception):
    def __init__(self, scope: Scope) -> None:
        super().__init__(scope.label)
        self.scope = scope


def _status_of(connection: Connection, reservation_id: str) -> str | None:
    return connection.execute(sql.STATUS, {"reservation": reservation_id}).scalar_one_or_none()


def _not_settleable(reservation_id: str, status: str | None) -> Exception:
    if status is None:
        return ReservationNotFound(f"no reservation {reservation_id}")
    return ReservationClosed(f"reservation {reservation_id} is {status}; it cannot be settled again")


class Reservations:
    """The reservation engine: every step one transaction (one statement on PostgreSQL)."""

    def __init__(
        self,
        database: Database,
        tz: ZoneInfo,
        standing: Standing,
        clock: Callable[[], dt.datetime],
        reservation_ttl: dt.timedelta,
        default_workspace_tokens: int | None,
    ) -> None:
        self._database = database
        self._tz = tz
        self._standing = standing
        self._clock = clock
        self._reservation_ttl = reservation_ttl
        self._default_workspace_tokens = default_workspace_tokens
        self._next_expiry_check: dict[str, dt.datetime] = {}

    def _now(self) -> dt.datetime:
        return as_utc(self._clock())

    def _usage(self, workspace_id: str, scope: Scope, month: str) -> ScopeUsage:
        with self._database.reading() as connection:
            return self._standing.usages(connection, workspace_id, [scope], month)[0]

    def reserve(
        self,
        workspace_id: str,
        scopes: list[Scope],
        tokens: int,
        money_usd: float = 0.0,
        question_id: int | None = None,
    ) -> ReserveResult:
        """Hold `tokens` and `money_usd` in every scope, all or none.

        A scope with a limit holds it only if used + reserved + this request stays within
        the limit; a scope without one always holds it (so its spending is still shown).
        """
        if tokens < 0 or money_usd < 0:
            raise ValueError(f"a reservation cannot be negative ({tokens} tokens, ${money_usd})")
        if not scopes:
            raise ValueError("a reservation needs at least one scope")
        for scope in scopes:
            check_scope(workspace_id, scope)
        ordered = sorted_scopes(scopes)
        micro_usd = to_micro_usd(money_usd, round_up=True)
        now = self._now()
        if now >= self._next_expiry_check.get(workspace_id, now):
            self._next_expiry_check[workspace_id] = now + sql.EXPIRY_CHECK_INTERVAL
            self.expire_stale(workspace_id)
        month = month_of(now, self._tz)
        reservation = {
            "id": uuid.uuid4().hex,
            "workspace_id": workspace_id,
            "question_id": question_id,
            "month": month,
            "scopes": [[scope.kind, scope.id] for scope in ordered],
            "tokens": tokens,
            "micro_usd": micro_usd,
            "status": "held",
            "created_at": now,
            "expires_at": now + self._reservation_ttl,
        }
        hold = self._hold_in_database if self._database.is_postgresql else self._hold
        blocked = hold(reservation, ordered)
        if blocked is not None:
            return ReserveResult(reservation_id=None, blocked_by=self._usage(workspace_id, blocked, month))
        return ReserveResult(reservation_id=reservation["id"])

    def _hold(self, reservation: dict[str, Any], ordered: list[Scope]) -> Scope | None:
        """`reserve`'s holds and its reservation row, in one transaction; the scope that blocked them, if one did."""
        workspace_id, month = reservation["workspace_id"], reservation["month"]
        amounts = {"tokens": reservation["tokens"], "micro_usd": reservation["micro_usd"]}
        try:
            with self._database.writing() as connection:
                limits = self._standing.limits_in_force(connection, workspace_id)
                for scope in ordered:
                    parameters: dict[str, Any] = {**counter_key(workspace_id, scope, month), **amounts}
                    statement = sql.HOLD
                    if (limit := limits.get(scope)) is not None:
                        statement = sql.HOLD_WITHIN_TOKENS
                        parameters["limit_tokens"] = limit.monthly_tokens
                        if limit.monthly_money_usd is not None:
                            statement = sql.HOLD_WITHIN_TOKENS_AND_MONEY
                            parameters["limit_micro_usd"] = to_micro_usd(limit.monthly_money_usd)
                    if connection.execute(statement, parameters).rowcount == 1:
                        continue
                    # No hold: the scope is at its limit, or this is its first hold of the month and
                    # its counter is not there yet. Make the counter (if missing) and try once more.
                    self._ensure_counters(connection, workspace_id, [scope], month)
                    if connection.execute(statement, parameters).rowcount != 1:
                        raise _Blocked(scope)
                connection.execute(sql.ADD_RESERVATION, reservation)
        except _Blocked as blocked:
            return blocked.scope
        return None

    def _hold_in_database(self, reservation: dict[str, Any], ordered: list[Scope]) -> Scope | None:
        """`_hold` as one statement: PostgreSQL's `advisor_reserve`."""
        with self._database.writing_one() as connection:
            blocked_at = connection.execute(
                sql.RESERVE_IN_DATABASE,
                {
                    **reservation,
                    "kinds": [scope.kind for scope in ordered],
                    "scope_ids": [scope.id for scope in ordered],
                    "scopes": json.dumps(reservation["scopes"]),
                    "default_workspace_tokens": self._default_workspace_tokens,
                },
            ).scalar_one()
        return ordered[blocked_at - 1] if blocked_at else None

    def settle(
        self,
        reservation_id: str,
        prompt_tokens: int,
        completion_tokens: int,
        cost_usd: float,
        ledger: LedgerContext | None = None,
        within: Connection | None = None,
    ) -> list[BudgetWarning]:
        """Replace the hold with the real usage, write the ledger; return new warnings.

        A reservation that expired before its call came back is settled all the same:
        the tokens were spent, but its hold was already given back, so only the usage
        is added. Each warning is returned by exactly one settle, however many run at once.
        `within` is a transaction under way to settle in (`Database.writing`).
        """
        if prompt_tokens < 0 or completion_tokens < 0 or cost_usd < 0:
            raise ValueError("usage cannot be negative")
        context: LedgerContext = ledger or {}
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "cost_usd": cost_usd,
            "spent_tokens": prompt_tokens + completion_tokens,
            "spent_micro_usd": to_micro_usd(cost_usd),
        }
        now = self._now()
        with self._database.writing(within) as connection:
            closed = (self._settle_in_database if self._database.is_postgresql else self._settle)(
                connection, reservation_id, usage, context, now
            )
            return new_warnings(connection, closed.workspace_id, closed.usages, closed.policy, now)

    def _settle(
        self,
        connection: Connection,
        reservation_id: str,
        usage: dict[str, Any],
        context: LedgerContext,
        now: dt.datetime,
    ) -> Settled:
        """`settle`'s counters and ledger entry, in the transaction of `connection`."""
        reservation = self._close(connection, reservation_id, "held", "settled")
        still_held = reservation is not None
        if reservation is None:
            reservation = self._close(connection, reservation_id, "expired", "settled")
        if reservation is None:
            raise _not_settleable(reservation_id, _status_of(connection, reservation_id))
        workspace_id, month = reservation.workspace_id, reservation.month
        limits, policy = self._standing.limits_and_policy(connection, workspace_id)
        scopes = scopes_of(reservation.scopes)
        usages: list[ScopeUsage] = []
        for scope in scopes:
            counter = connection.execute(
                sql.SETTLE,
                {
                    **counter_key(workspace_id, scope, month),
                    "held_tokens": reservation.tokens if still_held else 0,
                    "held_micro_usd": reservation.micro_usd if still_held else 0,
                    "spent_tokens": usage["spent_tokens"],
                    "spent_micro_usd": usage["spent_micro_usd"],
                },
            ).one()
            usages.append(self._standing.scope_usage(scope, month, limits.get(scope), counter))
        connection.execute(
            sql.ADD_LEDGER_ENTRY,
            {
                "prompt_tokens": usage["prompt_tokens"],
                "completion_tokens": usage["completion_tokens"],
                "cost_usd": usage["cost_usd"],
                "created_at": now,
                "month": month,
                "workspace_id": workspace_id,
                "channel_id": context.get("channel_id", scope_id_of(scopes, "channel")),
                "user_id": context.get("user_id", scope_id_of(scopes, "user")),
                "question_id": context.get("question_id", reservation.question_id),
                "path": context.get("path"),
                "model": context.get("model"),
            },
        )
        return Settled(workspace_id, usages, policy)

    def _settle_in_database(
        self,
        connection: Connection,
        reservation_id: str,
        usage: dict[str, Any],
        context: LedgerContext,
        now: dt.datetime,
    ) -> Settled:
        """`_settle` as one statement: PostgreSQL's `advisor_settle`."""
        outcome = connection.execute(
            sql.SETTLE_IN_DATABASE,
            {
                **usage,
                "id": reservation_id,
                "context": json.dumps(context),
                "settled_at": now,
            },
        ).scalar_one()
        if not outcome["settled"]:
            raise _not_settleable(reservation_id, outcome["status"])
        workspace_id, month, counters = outcome["workspace_id"], outcome["month"], outcome["counters"]
        limits = self._standing.in_force(
            workspace_id,
            [
                _LimitRow(counter["scope_kind"], counter["scope_id"], **counter["limit"])
                for counter in counters
                if counter["limit"] is not None
            ],
        )
        usages = []
        for counter in counters:
            scope = Scope(kind=counter["scope_kind"], id=counter["scope_id"])
            amounts = _Amounts(
                counter["used_tokens"],
                counter["reserved_tokens"],
                counter["used_micro_usd"],
                counter["reserved_micro_usd"],
            )
            usages.append(self._standing.scope_usage(scope, month, limits.get(scope), amounts))
        policy = BudgetPolicy(**outcome["policy"]) if outcome["policy"] else BudgetPolicy()
        return Settled(workspace_id, usages, policy)

    def release(self, reservation_id: str) -> bool:
        """Give back the hold of a call that used nothing; False if it was no longer held."""
        with self._database.writing() as connection:
            reservation = self._close(connection, reservation_id, "held", "released")
            if reservation is None:
                if _status_of(connection, reservation_id) is None:
                    raise ReservationNotFound(f"no reservation {reservation_id}")
                return False
            self._give_back(connection, [reservation])
        return True

    def expire_stale(self, workspace_id: str | None = None) -> int:
        """Give back holds past their expiry (of one workspace, or all); return how many."""
        now = self._now()
        stale = select(sql.Reservation.id).where(sql.Reservation.status == "held", sql.Reservation.expires_at < now)
        if workspace_id is not None:
            stale = stale.where(sql.Reservation.workspace_id == workspace_id)
        with self._database.reading() as connection:
            stale_ids = list(connection.scalars(stale))
        if not stale_ids:
            return 0
        with self._database.writing() as connection:
            # Lock in id order, and leave alone what another transaction is settling or expiring.
            lockable = connection.scalars(
                select(sql.Reservation.id)
                .where(sql.Reservation.id.in_(stale_ids), sql.Reservation.status == "held")
                .order_by(sql.Reservation.id)
                .with_for_update(skip_locked=True)
            ).all()
            expired = [
                reservation
                for reservation_id in lockable
                if (reservation := self._close(connection, reservation_id, "held", "expired")) is not None
            ]
            self._give_back(connection, expired)
        return len(expired)

    @staticmethod
    def _ensure_counters(connection: Connection, workspace_id: str, scopes: list[Scope], month: str) -> None:
        rows = [
            {
                "workspace_id": workspace_id,
                "scope_kind": scope.kind,
                "scope_id": scope.id,
                "month": month,
                "reserved_tokens": 0,
                "used_tokens": 0,
                "reserved_micro_usd": 0,
                "used_micro_usd": 0,
            }
            for scope in scopes
        ]
        key = ("workspace_id", "scope_kind", "scope_id", "month")
        connection.execute(insert_unless_present(connection, sql.Counter.__table__, *key), rows)

    @staticmethod
    def _close(
        connection: Connection, reservation_id: str, status: sql.ReservationStatus, new_status: sql.ReservationStatus
    ) -> Row[Any] | None:
        """Move a reservation from `status` to `new_status` if it is still in `status`.

        The condition is checked by the UPDATE itself, so of two transactions closing the
        same reservation exactly one gets it back and acts on its amounts.
        """
        return connection.execute(
            sql.CLOSE, {"reservation": reservation_id, "from_status": status, "to_status": new_status}
        ).one_or_none()

    @staticmethod
    def _give_back(connection: Connection, reservations: list[Row[Any]]) -> None:
        """Subtract the holds of these reservations from their counters, in lock order."""
        held: dict[tuple[str, str, Scope], list[int]] = defaultdict(lambda: [0, 0])
        for reservation in reservations:
            for scope in scopes_of(reservation.scopes):
                amounts = held[(reservation.workspace_id, reservation.month, scope)]
                amounts[0] += reservation.tokens
                amounts[1] += reservation.micro_usd
        for (workspace_id, month, scope), (tokens, micro_usd) in sorted(
            held.items(), key=lambda item: (item[0][0], item[0][1], item[0][2].sort_key)
        ):
            connection.execute(
                sql.GIVE_BACK, {**counter_key(workspace_id, scope, month), "tokens": tokens, "micro_usd": micro_usd}
            )
