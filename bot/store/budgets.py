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
store runs the same steps itself on SQLite (`_hold`, `_settle`); the store tests run both.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, Literal, NamedTuple, Protocol, TypedDict
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict
from sqlalchemy import (
    Connection, Row, Select, String, Update, and_, bindparam, cast, delete, func, insert, select, text, update,
)
from sqlalchemy.orm import Session

from bot.domain.budget import (
    AtLimit,
    BudgetLimit,
    BudgetPolicy,
    BudgetWarning,
    Scope,
    ScopeKind,
    ScopeUsage,
    from_micro_usd,
    month_bounds,
    month_of,
    to_micro_usd,
    warning_levels,
)
from bot.store.db import Database, dialect_insert, insert_unless_present
from bot.store.questions import as_utc, utc_now
from bot.store.tables import (
    BudgetCounterRow,
    BudgetLimitRow,
    BudgetPolicyRow,
    BudgetReservationRow,
    BudgetWarningRow,
    QuestionRow,
    UsageLedgerRow,
)

ReservationStatus = Literal["held", "settled", "released", "expired"]

Counter = BudgetCounterRow
Reservation = BudgetReservationRow

# The statements every question runs (reserve, settle, the usage its route is chosen by) are
# built once, on the tables rather than the mapped classes, with their values as bound
# parameters: building and caching an expression anew, and the ORM's bookkeeping around it,
# cost more CPU than the database's own work on these one-row statements.
_counter_col = BudgetCounterRow.__table__.c
_reservation_col = BudgetReservationRow.__table__.c
_limit_col = BudgetLimitRow.__table__.c
_policy_col = BudgetPolicyRow.__table__.c
_THIS_COUNTER = and_(
    _counter_col.workspace_id == bindparam("key_workspace"),
    _counter_col.scope_kind == bindparam("key_kind"),
    _counter_col.scope_id == bindparam("key_scope"),
    _counter_col.month == bindparam("key_month"),
)


def _change_this_counter(**values: Any) -> Update:
    return update(BudgetCounterRow.__table__).where(_THIS_COUNTER).values(**values)


_HOLD = _change_this_counter(
    reserved_tokens=_counter_col.reserved_tokens + bindparam("tokens"),
    reserved_micro_usd=_counter_col.reserved_micro_usd + bindparam("micro_usd"),
)
_HOLD_WITHIN_TOKENS = _HOLD.where(
    _counter_col.used_tokens + _counter_col.reserved_tokens + bindparam("tokens") <= bindparam("limit_tokens")
)
_HOLD_WITHIN_TOKENS_AND_MONEY = _HOLD_WITHIN_TOKENS.where(
    _counter_col.used_micro_usd + _counter_col.reserved_micro_usd + bindparam("micro_usd") <= bindparam("limit_micro_usd")
)
_GIVE_BACK = _change_this_counter(
    reserved_tokens=_counter_col.reserved_tokens - bindparam("tokens"),
    reserved_micro_usd=_counter_col.reserved_micro_usd - bindparam("micro_usd"),
)
_SETTLE = _change_this_counter(
    reserved_tokens=_counter_col.reserved_tokens - bindparam("held_tokens"),
    reserved_micro_usd=_counter_col.reserved_micro_usd - bindparam("held_micro_usd"),
    used_tokens=_counter_col.used_tokens + bindparam("spent_tokens"),
    used_micro_usd=_counter_col.used_micro_usd + bindparam("spent_micro_usd"),
).returning(_counter_col.used_tokens, _counter_col.reserved_tokens, _counter_col.used_micro_usd, _counter_col.reserved_micro_usd)
_CLOSE = (
    update(BudgetReservationRow.__table__)
    .where(_reservation_col.id == bindparam("reservation"), _reservation_col.status == bindparam("from_status"))
    .values(status=bindparam("to_status"))
    .returning(*BudgetReservationRow.__table__.c)
)
_STATUS = select(_reservation_col.status).where(_reservation_col.id == bindparam("reservation"))
_ADD_RESERVATION = insert(BudgetReservationRow.__table__)
_ADD_LEDGER_ENTRY = insert(UsageLedgerRow.__table__)
_LIMITS = select(_limit_col.scope_kind, _limit_col.scope_id, _limit_col.monthly_tokens, _limit_col.monthly_money_usd).where(
    _limit_col.workspace_id == bindparam("workspace")
)
_POLICY = select(_policy_col.warn_at, _policy_col.at_limit).where(_policy_col.workspace_id == bindparam("workspace"))
_ASKED = select(cast(bindparam("workspace"), String).label("workspace_id")).subquery("asked")
_LIMITS_AND_POLICY = select(
    _limit_col.scope_kind, _limit_col.scope_id, _limit_col.monthly_tokens, _limit_col.monthly_money_usd,
    _policy_col.warn_at, _policy_col.at_limit,
).select_from(
    _ASKED.outerjoin(BudgetLimitRow.__table__, _limit_col.workspace_id == _ASKED.c.workspace_id)
    .outerjoin(BudgetPolicyRow.__table__, _policy_col.workspace_id == _ASKED.c.workspace_id)
)
"""`_LIMITS` and `_POLICY` in one round trip: a row per limit (one with no limit when there is
none), each with the policy (empty when there is none)."""
_MONTH_COUNTERS = select(
    _counter_col.scope_kind, _counter_col.scope_id,
    _counter_col.used_tokens, _counter_col.reserved_tokens, _counter_col.used_micro_usd, _counter_col.reserved_micro_usd,
).where(_counter_col.workspace_id == bindparam("workspace"), _counter_col.month == bindparam("month"))

_RESERVE_IN_DATABASE = text(
    "SELECT advisor_reserve(:id, :workspace_id, :question_id, :month, CAST(:kinds AS text[]),"
    " CAST(:scope_ids AS text[]), CAST(:scopes AS json), :tokens, :micro_usd, :default_workspace_tokens,"
    " :created_at, :expires_at)"
)
_SETTLE_IN_DATABASE = text(
    "SELECT advisor_settle(:id, :spent_tokens, :spent_micro_usd, :prompt_tokens, :completion_tokens, :cost_usd,"
    " CAST(:context AS jsonb), :settled_at)"
)
"""On PostgreSQL, reserve and settle are functions in the database (migration 0007), one round
trip each; on SQLite the store runs the same steps itself."""

EXPIRY_CHECK_INTERVAL = dt.timedelta(seconds=1)
"""How often `reserve` looks for a workspace's expired holds; housekeeping looks for all too."""


class ReserveResult(BaseModel):
    """Either a reservation id, or the scope whose limit could not hold the request."""

    model_config = ConfigDict(frozen=True)

    reservation_id: str | None
    blocked_by: ScopeUsage | None = None

    @property
    def reserved(self) -> bool:
        return self.reservation_id is not None


class LedgerContext(TypedDict, total=False):
    """Who and what a settled call was for, written to the usage ledger.

    Channel and user default to the reservation's channel and user scopes, the question
    to the reservation's question.
    """

    channel_id: str | None
    user_id: str | None
    question_id: int | None
    path: str | None
    model: str | None


class LedgerEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    created_at: dt.datetime
    month: str
    workspace_id: str
    channel_id: str | None
    user_id: str | None
    question_id: int | None
    path: str | None
    model: str | None
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float


class ModelUsage(BaseModel):
    model_config = ConfigDict(frozen=True)

    model: str | None
    calls: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class UsageSummary(BaseModel):
    """A workspace's month: questions by how they were answered, spending by model and scope.

    `escalations` counts the questions that re-asked an earlier one a tier up.
    """

    model_config = ConfigDict(frozen=True)

    workspace_id: str
    month: str
    questions: int
    questions_by_path: dict[str, int]
    questions_by_status: dict[str, int]
    escalations: int
    models: list[ModelUsage]
    scopes: list[ScopeUsage]

    @property
    def tokens(self) -> int:
        return sum(model.tokens for model in self.models)

    @property
    def cost_usd(self) -> float:
        return sum(model.cost_usd for model in self.models)


class _CounterAmounts(Protocol):
    """What a usage figure reads of a counter: a row of `_MONTH_COUNTERS` or of `_SETTLE`."""

    used_tokens: int
    reserved_tokens: int
    used_micro_usd: int
    reserved_micro_usd: int


class _Amounts(NamedTuple):
    """A counter's amounts as `advisor_settle` returns them."""

    used_tokens: int
    reserved_tokens: int
    used_micro_usd: int
    reserved_micro_usd: int


class _LimitRow(NamedTuple):
    """A limit as `_in_force` reads it, from what `advisor_settle` returns."""

    scope_kind: str
    scope_id: str
    monthly_tokens: int
    monthly_money_usd: float | None


class _Settled(NamedTuple):
    """What a settle left: the usage of each of its scopes, and the policy their warnings follow."""

    workspace_id: str
    usages: list[ScopeUsage]
    policy: BudgetPolicy


class ReservationNotFound(LookupError):
    pass


class ReservationClosed(RuntimeError):
    """The reservation was already settled or released; settling it again would count twice."""


class _Blocked(Exception):
    def __init__(self, scope: Scope) -> None:
        super().__init__(scope.label)
        self.scope = scope


def _status_of(connection: Connection, reservation_id: str) -> str | None:
    return connection.execute(_STATUS, {"reservation": reservation_id}).scalar_one_or_none()


def _not_settleable(reservation_id: str, status: str | None) -> Exception:
    if status is None:
        return ReservationNotFound(f"no reservation {reservation_id}")
    return ReservationClosed(f"reservation {reservation_id} is {status}; it cannot be settled again")


def _policy_of(row: Row[Any] | None) -> BudgetPolicy:
    """The policy in a row of `_POLICY` or `_LIMITS_AND_POLICY`; the default one where there is none."""
    if row is None or row.at_limit is None:
        return BudgetPolicy()
    return BudgetPolicy(warn_at=row.warn_at, at_limit=row.at_limit)  # type: ignore[arg-type]


def _counter_key(workspace_id: str, scope: Scope, month: str) -> dict[str, str]:
    """The parameters of `_THIS_COUNTER`."""
    return {"key_workspace": workspace_id, "key_kind": scope.kind, "key_scope": scope.id, "key_month": month}


def _sorted_scopes(scopes: Iterable[Scope]) -> list[Scope]:
    """Distinct scopes in the one order every transaction locks them in."""
    return sorted(set(scopes), key=lambda scope: scope.sort_key)


def _scope_id(scopes: list[Scope], kind: ScopeKind) -> str | None:
    return next((scope.id for scope in scopes if scope.kind == kind), None)


def _scopes_of(reservation_scopes: list[list[str]]) -> list[Scope]:
    return _sorted_scopes(Scope(kind=kind, id=scope_id) for kind, scope_id in reservation_scopes)


class BudgetStore:
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
        self._default_workspace_tokens = default_workspace_tokens
        self._clock = clock
        self._reservation_ttl = reservation_ttl
        self._next_expiry_check: dict[str, dt.datetime] = {}

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
        self._check_scope(workspace_id, scope)
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
            return session.execute(statement).rowcount > 0

    def limits(self, workspace_id: str) -> list[BudgetLimit]:
        """The limits in force, the default workspace limit included when none was set."""
        with self._database.reading() as connection:
            limits = self._limits_in_force(connection, workspace_id)
        return sorted(limits.values(), key=lambda limit: limit.scope.sort_key)

    def policy(self, workspace_id: str) -> BudgetPolicy:
        with self._database.reading() as connection:
            return self._policy(connection, workspace_id)

    def set_policy(
        self,
        workspace_id: str,
        warn_at: float | None = None,
        at_limit: AtLimit | None = None,
        updated_by: str | None = None,
    ) -> BudgetPolicy:
        """Change the given parts of the policy, keep the rest; return the policy now in force."""
        with self._database.write_session() as session, session.begin():
            current = self._policy(session, workspace_id)
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
            return self._usages(connection, workspace_id, scopes, month)

    def standing(self, workspace_id: str, scopes: list[Scope]) -> tuple[list[ScopeUsage], BudgetPolicy]:
        """This month's `usage` of the scopes and the workspace's `policy`, read together."""
        month = self.current_month()
        with self._database.reading() as connection:
            limits, policy = self._limits_and_policy(connection, workspace_id)
            return self._usages(connection, workspace_id, scopes, month, limits), policy

    def all_usage(self, workspace_id: str, month: str | None = None) -> list[ScopeUsage]:
        """Every scope with a limit or any spending in `month`: workspace, channels, users."""
        month = month or self.current_month()
        with self._database.reading() as connection:
            limits = self._limits_in_force(connection, workspace_id)
            counters = self._counters(connection, workspace_id, month)
        scopes = _sorted_scopes([*limits, *counters])
        return [self._scope_usage(scope, month, limits.get(scope), counters.get(scope)) for scope in scopes]

    # --- reserve, settle, release ---------------------------------------------------------

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
            self._check_scope(workspace_id, scope)
        ordered = _sorted_scopes(scopes)
        micro_usd = to_micro_usd(money_usd, round_up=True)
        now = self._now()
        if now >= self._next_expiry_check.get(workspace_id, now):
            self._next_expiry_check[workspace_id] = now + EXPIRY_CHECK_INTERVAL
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
            return ReserveResult(reservation_id=None, blocked_by=self.usage(workspace_id, [blocked], month)[0])
        return ReserveResult(reservation_id=reservation["id"])

    def _hold(self, reservation: dict[str, Any], ordered: list[Scope]) -> Scope | None:
        """`reserve`'s holds and its reservation row, in one transaction; the scope that blocked them, if one did."""
        workspace_id, month = reservation["workspace_id"], reservation["month"]
        amounts = {"tokens": reservation["tokens"], "micro_usd": reservation["micro_usd"]}
        try:
            with self._database.writing() as connection:
                limits = self._limits_in_force(connection, workspace_id)
                for scope in ordered:
                    parameters: dict[str, Any] = {**_counter_key(workspace_id, scope, month), **amounts}
                    statement = _HOLD
                    if (limit := limits.get(scope)) is not None:
                        statement = _HOLD_WITHIN_TOKENS
                        parameters["limit_tokens"] = limit.monthly_tokens
                        if limit.monthly_money_usd is not None:
                            statement = _HOLD_WITHIN_TOKENS_AND_MONEY
                            parameters["limit_micro_usd"] = to_micro_usd(limit.monthly_money_usd)
                    if connection.execute(statement, parameters).rowcount == 1:
                        continue
                    # No hold: the scope is at its limit, or this is its first hold of the month and
                    # its counter is not there yet. Make the counter (if missing) and try once more.
                    self._ensure_counters(connection, workspace_id, [scope], month)
                    if connection.execute(statement, parameters).rowcount != 1:
                        raise _Blocked(scope)
                connection.execute(_ADD_RESERVATION, reservation)
        except _Blocked as blocked:
            return blocked.scope
        return None

    def _hold_in_database(self, reservation: dict[str, Any], ordered: list[Scope]) -> Scope | None:
        """`_hold` as one statement: PostgreSQL's `advisor_reserve`."""
        with self._database.writing_one() as connection:
            blocked_at = connection.execute(_RESERVE_IN_DATABASE, {
                **reservation,
                "kinds": [scope.kind for scope in ordered],
                "scope_ids": [scope.id for scope in ordered],
                "scopes": json.dumps(reservation["scopes"]),
                "default_workspace_tokens": self._default_workspace_tokens,
            }).scalar_one()
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
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "cost_usd": cost_usd,
                 "spent_tokens": prompt_tokens + completion_tokens, "spent_micro_usd": to_micro_usd(cost_usd)}
        now = self._now()
        with self._database.writing(within) as connection:
            closed = (self._settle_in_database if self._database.is_postgresql else self._settle)(
                connection, reservation_id, usage, context, now)
            return self._new_warnings(connection, closed.workspace_id, closed.usages, closed.policy, now)

    def _settle(self, connection: Connection, reservation_id: str, usage: dict[str, Any], context: LedgerContext,
                now: dt.datetime) -> _Settled:
        """`settle`'s counters and ledger entry, in the transaction of `connection`."""
        reservation = self._close(connection, reservation_id, "held", "settled")
        still_held = reservation is not None
        if reservation is None:
            reservation = self._close(connection, reservation_id, "expired", "settled")
        if reservation is None:
            raise _not_settleable(reservation_id, _status_of(connection, reservation_id))
        workspace_id, month = reservation.workspace_id, reservation.month
        limits, policy = self._limits_and_policy(connection, workspace_id)
        scopes = _scopes_of(reservation.scopes)
        usages: list[ScopeUsage] = []
        for scope in scopes:
            counter = connection.execute(_SETTLE, {
                **_counter_key(workspace_id, scope, month),
                "held_tokens": reservation.tokens if still_held else 0,
                "held_micro_usd": reservation.micro_usd if still_held else 0,
                "spent_tokens": usage["spent_tokens"],
                "spent_micro_usd": usage["spent_micro_usd"],
            }).one()
            usages.append(self._scope_usage(scope, month, limits.get(scope), counter))
        connection.execute(_ADD_LEDGER_ENTRY, {
            "prompt_tokens": usage["prompt_tokens"],
            "completion_tokens": usage["completion_tokens"],
            "cost_usd": usage["cost_usd"],
            "created_at": now,
            "month": month,
            "workspace_id": workspace_id,
            "channel_id": context.get("channel_id", _scope_id(scopes, "channel")),
            "user_id": context.get("user_id", _scope_id(scopes, "user")),
            "question_id": context.get("question_id", reservation.question_id),
            "path": context.get("path"),
            "model": context.get("model"),
        })
        return _Settled(workspace_id, usages, policy)

    def _settle_in_database(self, connection: Connection, reservation_id: str, usage: dict[str, Any],
                            context: LedgerContext, now: dt.datetime) -> _Settled:
        """`_settle` as one statement: PostgreSQL's `advisor_settle`."""
        outcome = connection.execute(_SETTLE_IN_DATABASE, {
            **usage, "id": reservation_id, "context": json.dumps(context), "settled_at": now,
        }).scalar_one()
        if not outcome["settled"]:
            raise _not_settleable(reservation_id, outcome["status"])
        workspace_id, month, counters = outcome["workspace_id"], outcome["month"], outcome["counters"]
        limits = self._in_force(workspace_id, [
            _LimitRow(counter["scope_kind"], counter["scope_id"], **counter["limit"])
            for counter in counters if counter["limit"] is not None
        ])
        usages = []
        for counter in counters:
            scope = Scope(kind=counter["scope_kind"], id=counter["scope_id"])
            amounts = _Amounts(counter["used_tokens"], counter["reserved_tokens"], counter["used_micro_usd"],
                               counter["reserved_micro_usd"])
            usages.append(self._scope_usage(scope, month, limits.get(scope), amounts))
        policy = BudgetPolicy(**outcome["policy"]) if outcome["policy"] else BudgetPolicy()
        return _Settled(workspace_id, usages, policy)

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
        stale = select(Reservation.id).where(Reservation.status == "held", Reservation.expires_at < now)
        if workspace_id is not None:
            stale = stale.where(Reservation.workspace_id == workspace_id)
        with self._database.reading() as connection:
            stale_ids = list(connection.scalars(stale))
        if not stale_ids:
            return 0
        with self._database.writing() as connection:
            # Lock in id order, and leave alone what another transaction is settling or expiring.
            lockable = connection.scalars(
                select(Reservation.id)
                .where(Reservation.id.in_(stale_ids), Reservation.status == "held")
                .order_by(Reservation.id)
                .with_for_update(skip_locked=True)
            ).all()
            expired = [
                reservation
                for reservation_id in lockable
                if (reservation := self._close(connection, reservation_id, "held", "expired")) is not None
            ]
            self._give_back(connection, expired)
        return len(expired)

    # --- reports --------------------------------------------------------------------------

    def ledger(self, workspace_id: str, month: str | None = None) -> list[LedgerEntry]:
        month = month or self.current_month()
        statement = (
            select(UsageLedgerRow)
            .where(UsageLedgerRow.workspace_id == workspace_id, UsageLedgerRow.month == month)
            .order_by(UsageLedgerRow.created_at, UsageLedgerRow.id)
        )
        with self._database.session() as session:
            rows = session.scalars(statement).all()
        return [LedgerEntry.model_validate(row).model_copy(update={"created_at": as_utc(row.created_at)}) for row in rows]

    def usage_summary(self, workspace_id: str, month: str | None = None) -> UsageSummary:
        month = month or self.current_month()
        start, end = (as_utc(moment) for moment in month_bounds(month, self._tz))
        in_month = (QuestionRow.workspace_id == workspace_id, QuestionRow.created_at >= start, QuestionRow.created_at < end)

        def questions_by(column: Any) -> Select[tuple[str, int]]:
            return select(column, func.count()).where(*in_month).group_by(column)

        escalations = select(func.count()).select_from(QuestionRow).where(*in_month, QuestionRow.escalated_from.is_not(None))

        by_model = (
            select(
                UsageLedgerRow.model,
                func.count(),
                func.sum(UsageLedgerRow.prompt_tokens),
                func.sum(UsageLedgerRow.completion_tokens),
                func.sum(UsageLedgerRow.cost_usd),
            )
            .where(UsageLedgerRow.workspace_id == workspace_id, UsageLedgerRow.month == month)
            .group_by(UsageLedgerRow.model)
        )
        with self._database.session() as session:
            by_path = {path: count for path, count in session.execute(questions_by(QuestionRow.path))}
            by_status = {status: count for status, count in session.execute(questions_by(QuestionRow.status))}
            escalated = session.scalar(escalations) or 0
            models = [
                ModelUsage(model=model, calls=calls, prompt_tokens=prompt, completion_tokens=completion, cost_usd=cost)
                for model, calls, prompt, completion, cost in session.execute(by_model)
            ]
        models.sort(key=lambda usage: (-usage.cost_usd, -usage.tokens, usage.model or ""))
        return UsageSummary(
            workspace_id=workspace_id,
            month=month,
            questions=sum(by_path.values()),
            questions_by_path=by_path,
            questions_by_status=by_status,
            escalations=escalated,
            models=models,
            scopes=self.all_usage(workspace_id, month),
        )

    # --- inside a transaction -------------------------------------------------------------

    def _check_scope(self, workspace_id: str, scope: Scope) -> None:
        if scope.kind == "workspace" and scope.id != workspace_id:
            raise ValueError(f"the workspace scope of {workspace_id} has its id, not {scope.id!r}")

    def _limits_in_force(self, connection: Connection, workspace_id: str) -> dict[Scope, BudgetLimit]:
        return self._in_force(workspace_id, connection.execute(_LIMITS, {"workspace": workspace_id}))

    def _limits_and_policy(self, connection: Connection,
                           workspace_id: str) -> tuple[dict[Scope, BudgetLimit], BudgetPolicy]:
        """`_limits_in_force` and `_policy`, read together."""
        rows = connection.execute(_LIMITS_AND_POLICY, {"workspace": workspace_id}).all()
        limits = self._in_force(workspace_id, [row for row in rows if row.scope_kind is not None])
        return limits, _policy_of(rows[0])

    def _in_force(self, workspace_id: str, rows: Iterable[Any]) -> dict[Scope, BudgetLimit]:
        """The limits in these rows, and the default workspace limit where the workspace has none of its own."""
        limits: dict[Scope, BudgetLimit] = {}
        for row in rows:
            scope = Scope(kind=row.scope_kind, id=row.scope_id)  # type: ignore[arg-type]
            limits[scope] = BudgetLimit(scope=scope, monthly_tokens=row.monthly_tokens, monthly_money_usd=row.monthly_money_usd)
        workspace = Scope(kind="workspace", id=workspace_id)
        if workspace not in limits and self._default_workspace_tokens is not None:
            limits[workspace] = BudgetLimit(scope=workspace, monthly_tokens=self._default_workspace_tokens)
        return limits

    def _usages(self, connection: Connection, workspace_id: str, scopes: list[Scope], month: str,
                limits: dict[Scope, BudgetLimit] | None = None) -> list[ScopeUsage]:
        """Each scope's usage; `limits` are the workspace's limits in force, if already read."""
        limits = self._limits_in_force(connection, workspace_id) if limits is None else limits
        counters = self._counters(connection, workspace_id, month)
        return [self._scope_usage(scope, month, limits.get(scope), counters.get(scope)) for scope in scopes]

    @staticmethod
    def _policy(connection: Session | Connection, workspace_id: str) -> BudgetPolicy:
        return _policy_of(connection.execute(_POLICY, {"workspace": workspace_id}).first())

    @staticmethod
    def _counters(connection: Connection, workspace_id: str, month: str) -> dict[Scope, _CounterAmounts]:
        rows = connection.execute(_MONTH_COUNTERS, {"workspace": workspace_id, "month": month})
        return {Scope(kind=row.scope_kind, id=row.scope_id): row for row in rows}  # type: ignore[arg-type]

    @staticmethod
    def _scope_usage(scope: Scope, month: str, limit: BudgetLimit | None, counter: _CounterAmounts | None) -> ScopeUsage:
        if counter is None:
            return ScopeUsage(scope=scope, month=month, limit=limit)
        return ScopeUsage(
            scope=scope,
            month=month,
            limit=limit,
            used_tokens=counter.used_tokens,
            reserved_tokens=counter.reserved_tokens,
            used_money_usd=from_micro_usd(counter.used_micro_usd),
            reserved_money_usd=from_micro_usd(counter.reserved_micro_usd),
        )

    @staticmethod
    def _ensure_counters(connection: Connection, workspace_id: str, scopes: list[Scope], month: str) -> None:
        rows = [
            {"workspace_id": workspace_id, "scope_kind": scope.kind, "scope_id": scope.id, "month": month,
             "reserved_tokens": 0, "used_tokens": 0, "reserved_micro_usd": 0, "used_micro_usd": 0}
            for scope in scopes
        ]
        key = ("workspace_id", "scope_kind", "scope_id", "month")
        connection.execute(insert_unless_present(connection, Counter.__table__, *key), rows)

    @staticmethod
    def _close(
        connection: Connection, reservation_id: str, status: ReservationStatus, new_status: ReservationStatus
    ) -> Row[Any] | None:
        """Move a reservation from `status` to `new_status` if it is still in `status`.

        The condition is checked by the UPDATE itself, so of two transactions closing the
        same reservation exactly one gets it back and acts on its amounts.
        """
        return connection.execute(
            _CLOSE, {"reservation": reservation_id, "from_status": status, "to_status": new_status}
        ).one_or_none()

    @staticmethod
    def _give_back(connection: Connection, reservations: list[Row[Any]]) -> None:
        """Subtract the holds of these reservations from their counters, in lock order."""
        held: dict[tuple[str, str, Scope], list[int]] = defaultdict(lambda: [0, 0])
        for reservation in reservations:
            for scope in _scopes_of(reservation.scopes):
                amounts = held[(reservation.workspace_id, reservation.month, scope)]
                amounts[0] += reservation.tokens
                amounts[1] += reservation.micro_usd
        for (workspace_id, month, scope), (tokens, micro_usd) in sorted(
            held.items(), key=lambda item: (item[0][0], item[0][1], item[0][2].sort_key)
        ):
            connection.execute(_GIVE_BACK, {**_counter_key(workspace_id, scope, month), "tokens": tokens, "micro_usd": micro_usd})

    @staticmethod
    def _new_warnings(
        connection: Connection, workspace_id: str, usages: list[ScopeUsage], policy: BudgetPolicy, now: dt.datetime
    ) -> list[BudgetWarning]:
        """Record the warnings these usages earned; return those not given before."""
        warnings: list[BudgetWarning] = []
        for usage in usages:
            share_used = usage.share_used
            if share_used is None:
                continue
            for level in warning_levels(share_used, policy):
                inserted = connection.execute(
                    dialect_insert(connection, BudgetWarningRow.__table__)
                    .values(
                        workspace_id=workspace_id,
                        scope_kind=usage.scope.kind,
                        scope_id=usage.scope.id,
                        month=usage.month,
                        level=level,
                        share_used=share_used,
                        created_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["workspace_id", "scope_kind", "scope_id", "month", "level"])
                    .returning(BudgetWarningRow.level)
                )
                if inserted.first() is not None:  # no row back: an earlier settle gave this warning
                    warnings.append(BudgetWarning(scope=usage.scope, month=usage.month, level=level, share_used=share_used))
        return warnings

