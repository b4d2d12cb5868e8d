"""The warnings a settle earns (a scope past a share of its limit): each given once, however many settles
run at once, by the unique key of the row that records it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection

from bot.domain.budget import BudgetPolicy, BudgetWarning, ScopeUsage, warning_levels
from bot.store.db import dialect_insert
from bot.store.tables import BudgetWarningRow


def new_warnings(
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
