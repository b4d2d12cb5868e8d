"""What the budget tables say of a workspace: the limits in force (the default workspace limit where none
is set), the policy, and each scope's counters a month, read inside a transaction under way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy import Connection, Row
from sqlalchemy.orm import Session

from bot.domain.budget import (
    BudgetLimit,
    BudgetPolicy,
    Scope,
    ScopeKind,
    ScopeUsage,
    from_micro_usd,
)
from bot.store.budgets import statements as sql


class CounterAmounts(Protocol):
    """What a usage figure reads of a counter: a row of `sql.MONTH_COUNTERS` or of `sql.SETTLE`."""

    @property
    def used_tokens(self) -> int: ...
    @property
    def reserved_tokens(self) -> int: ...
    @property
    def used_micro_usd(self) -> int: ...
    @property
    def reserved_micro_usd(self) -> int: ...


def _policy_of(row: Row[*tuple[Any, ...]] | None) -> BudgetPolicy:
    """The policy in a row of `sql.POLICY` or `sql.LIMITS_AND_POLICY`; the default one where there is none."""
    if row is None or row.at_limit is None:
        return BudgetPolicy()
    return BudgetPolicy(warn_at=row.warn_at, at_limit=row.at_limit)


def counter_key(workspace_id: str, scope: Scope, month: str) -> dict[str, str]:
    """The parameters that name one counter in the statements that change it."""
    return {"key_workspace": workspace_id, "key_kind": scope.kind, "key_scope": scope.id, "key_month": month}


def sorted_scopes(scopes: Iterable[Scope]) -> list[Scope]:
    """Distinct scopes in the one order every transaction locks them in."""
    return sorted(set(scopes), key=lambda scope: scope.sort_key)


def scope_id_of(scopes: list[Scope], kind: ScopeKind) -> str | None:
    return next((scope.id for scope in scopes if scope.kind == kind), None)


def scopes_of(reservation_scopes: list[list[str]]) -> list[Scope]:
    return sorted_scopes(Scope(kind=kind, id=scope_id) for kind, scope_id in reservation_scopes)


def check_scope(workspace_id: str, scope: Scope) -> None:
    if scope.kind == "workspace" and scope.id != workspace_id:
        raise ValueError(f"the workspace scope of {workspace_id} has its id, not {scope.id!r}")


class Standing:
    """Reads limits, policy and counters in a transaction under way; `default_workspace_tokens` is the
    workspace limit of a workspace that set none."""

    def __init__(self, default_workspace_tokens: int | None) -> None:
        self._default_workspace_tokens = default_workspace_tokens

    def limits_in_force(self, connection: Connection, workspace_id: str) -> dict[Scope, BudgetLimit]:
        return self.in_force(workspace_id, connection.execute(sql.LIMITS, {"workspace": workspace_id}))

    def limits_and_policy(
        self, connection: Connection, workspace_id: str
    ) -> tuple[dict[Scope, BudgetLimit], BudgetPolicy]:
        """`limits_in_force` and `policy`, read together."""
        rows = connection.execute(sql.LIMITS_AND_POLICY, {"workspace": workspace_id}).all()
        limits = self.in_force(workspace_id, [row for row in rows if row.scope_kind is not None])
        return limits, _policy_of(rows[0])

    def in_force(self, workspace_id: str, rows: Iterable[Any]) -> dict[Scope, BudgetLimit]:
        """The limits in these rows, and the default workspace limit where the workspace has none of its own."""
        limits: dict[Scope, BudgetLimit] = {}
        for row in rows:
            scope = Scope(kind=row.scope_kind, id=row.scope_id)
            limits[scope] = BudgetLimit(
                scope=scope, monthly_tokens=row.monthly_tokens, monthly_money_usd=row.monthly_money_usd
            )
        workspace = Scope(kind="workspace", id=workspace_id)
        if workspace not in limits and self._default_workspace_tokens is not None:
            limits[workspace] = BudgetLimit(scope=workspace, monthly_tokens=self._default_workspace_tokens)
        return limits

    def usages(
        self,
        connection: Connection,
        workspace_id: str,
        scopes: list[Scope],
        month: str,
        limits: dict[Scope, BudgetLimit] | None = None,
    ) -> list[ScopeUsage]:
        """Each scope's usage; `limits` are the workspace's limits in force, if already read."""
        limits = self.limits_in_force(connection, workspace_id) if limits is None else limits
        counters = self.counters(connection, workspace_id, month)
        return [self.scope_usage(scope, month, limits.get(scope), counters.get(scope)) for scope in scopes]

    @staticmethod
    def policy(connection: Session | Connection, workspace_id: str) -> BudgetPolicy:
        return _policy_of(connection.execute(sql.POLICY, {"workspace": workspace_id}).first())

    @staticmethod
    def counters(connection: Connection, workspace_id: str, month: str) -> dict[Scope, CounterAmounts]:
        rows = connection.execute(sql.MONTH_COUNTERS, {"workspace": workspace_id, "month": month})
        return {Scope(kind=row.scope_kind, id=row.scope_id): row for row in rows}

    @staticmethod
    def scope_usage(scope: Scope, month: str, limit: BudgetLimit | None, counter: CounterAmounts | None) -> ScopeUsage:
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
