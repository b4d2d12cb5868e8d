"""The statements every question runs against the budget tables, built once (see below)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import (
    String,
    Update,
    and_,
    bindparam,
    cast,
    insert,
    select,
    text,
    update,
)

from bot.store.tables import (
    BudgetCounterRow,
    BudgetLimitRow,
    BudgetPolicyRow,
    BudgetReservationRow,
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


HOLD = _change_this_counter(
    reserved_tokens=_counter_col.reserved_tokens + bindparam("tokens"),
    reserved_micro_usd=_counter_col.reserved_micro_usd + bindparam("micro_usd"),
)
HOLD_WITHIN_TOKENS = HOLD.where(
    _counter_col.used_tokens + _counter_col.reserved_tokens + bindparam("tokens") <= bindparam("limit_tokens")
)
HOLD_WITHIN_TOKENS_AND_MONEY = HOLD_WITHIN_TOKENS.where(
    _counter_col.used_micro_usd + _counter_col.reserved_micro_usd + bindparam("micro_usd")
    <= bindparam("limit_micro_usd")
)
GIVE_BACK = _change_this_counter(
    reserved_tokens=_counter_col.reserved_tokens - bindparam("tokens"),
    reserved_micro_usd=_counter_col.reserved_micro_usd - bindparam("micro_usd"),
)
SETTLE = _change_this_counter(
    reserved_tokens=_counter_col.reserved_tokens - bindparam("held_tokens"),
    reserved_micro_usd=_counter_col.reserved_micro_usd - bindparam("held_micro_usd"),
    used_tokens=_counter_col.used_tokens + bindparam("spent_tokens"),
    used_micro_usd=_counter_col.used_micro_usd + bindparam("spent_micro_usd"),
).returning(
    _counter_col.used_tokens, _counter_col.reserved_tokens, _counter_col.used_micro_usd, _counter_col.reserved_micro_usd
)
CLOSE = (
    update(BudgetReservationRow.__table__)
    .where(_reservation_col.id == bindparam("reservation"), _reservation_col.status == bindparam("from_status"))
    .values(status=bindparam("to_status"))
    .returning(*BudgetReservationRow.__table__.c)
)
STATUS = select(_reservation_col.status).where(_reservation_col.id == bindparam("reservation"))
ADD_RESERVATION = insert(BudgetReservationRow.__table__)
ADD_LEDGER_ENTRY = insert(UsageLedgerRow.__table__)
LIMITS = select(
    _limit_col.scope_kind, _limit_col.scope_id, _limit_col.monthly_tokens, _limit_col.monthly_money_usd
).where(_limit_col.workspace_id == bindparam("workspace"))
POLICY = select(_policy_col.warn_at, _policy_col.at_limit).where(_policy_col.workspace_id == bindparam("workspace"))
_ASKED = select(cast(bindparam("workspace"), String).label("workspace_id")).subquery("asked")
LIMITS_AND_POLICY = select(
    _limit_col.scope_kind,
    _limit_col.scope_id,
    _limit_col.monthly_tokens,
    _limit_col.monthly_money_usd,
    _policy_col.warn_at,
    _policy_col.at_limit,
).select_from(
    _ASKED.outerjoin(BudgetLimitRow.__table__, _limit_col.workspace_id == _ASKED.c.workspace_id).outerjoin(
        BudgetPolicyRow.__table__, _policy_col.workspace_id == _ASKED.c.workspace_id
    )
)
"""`LIMITS` and `POLICY` in one round trip: a row per limit (one with no limit when there is
none), each with the policy (empty when there is none)."""
MONTH_COUNTERS = select(
    _counter_col.scope_kind,
    _counter_col.scope_id,
    _counter_col.used_tokens,
    _counter_col.reserved_tokens,
    _counter_col.used_micro_usd,
    _counter_col.reserved_micro_usd,
).where(_counter_col.workspace_id == bindparam("workspace"), _counter_col.month == bindparam("month"))

RESERVE_IN_DATABASE = text(
    "SELECT advisor_reserve(:id, :workspace_id, :question_id, :month, CAST(:kinds AS text[]),"
    " CAST(:scope_ids AS text[]), CAST(:scopes AS json), :tokens, :micro_usd, :default_workspace_tokens,"
    " :created_at, :expires_at)"
)
SETTLE_IN_DATABASE = text(
    "SELECT advisor_settle(:id, :spent_tokens, :spent_micro_usd, :prompt_tokens, :completion_tokens, :cost_usd,"
    " CAST(:context AS jsonb), :settled_at)"
)
"""On PostgreSQL, reserve and settle are functions in the database (migration 0007), one round
trip each; on SQLite the store runs the same steps itself."""

EXPIRY_CHECK_INTERVAL = dt.timedelta(seconds=1)
"""How often `reserve` looks for a workspace's expired holds; housekeeping looks for all too."""
