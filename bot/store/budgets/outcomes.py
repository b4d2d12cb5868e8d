"""What the reservation engine answers and takes: a reservation or the scope that blocked it, the ledger's
context of a settled call, and the errors of settling one that is gone or closed."""

from __future__ import annotations

from typing import NamedTuple, TypedDict

from pydantic import BaseModel, ConfigDict

from bot.domain.budget import BudgetPolicy, ScopeUsage


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


class ReservationNotFound(LookupError):
    pass


class ReservationClosed(RuntimeError):
    """The reservation was already settled or released; settling it again would count twice."""


class Settled(NamedTuple):
    """What a settle left: the usage of each of its scopes, and the policy their warnings follow."""

    workspace_id: str
    usages: list[ScopeUsage]
    policy: BudgetPolicy
