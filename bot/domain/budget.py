"""Token budgets: who may spend how much in a month, and what a month is.

A budget limit belongs to a scope inside one workspace: the whole workspace, one
channel or one user. A question counts against every scope it belongs to, and it may
go to a model only if each of those scopes can still hold the tokens (and dollars) it
might use. Months are calendar months in the company's time zone, so a Tokyo company's
December starts at 15:00 UTC on 30 November.

Money is counted in whole micro-dollars where it is added up, so that sums are exact.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

ScopeKind = Literal["workspace", "channel", "user"]
SCOPE_KINDS: tuple[ScopeKind, ...] = get_args(ScopeKind)
AtLimit = Literal["block", "downgrade"]
WarningLevel = Literal["soft", "limit"]

MICRO_USD_PER_USD = 1_000_000


class Scope(BaseModel):
    """Something a limit applies to; the workspace scope's id is the workspace id."""

    model_config = ConfigDict(frozen=True)

    kind: ScopeKind
    id: str = Field(min_length=1, max_length=64)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def sort_key(self) -> tuple[int, str]:
        """Workspace first, then channels, then users: the order people read them in."""
        return SCOPE_KINDS.index(self.kind), self.id


def scopes_of_question(workspace_id: str, channel_id: str | None = None, user_id: str | None = None) -> list[Scope]:
    """Every scope a question asked in this channel by this person counts against."""
    scopes = [Scope(kind="workspace", id=workspace_id)]
    if channel_id:
        scopes.append(Scope(kind="channel", id=channel_id))
    if user_id:
        scopes.append(Scope(kind="user", id=user_id))
    return scopes


@dataclass(frozen=True)
class Asker:
    """Who asks and where: the budget scopes that apply to the question."""

    workspace_id: str
    channel_id: str | None = None
    user_id: str | None = None

    @property
    def scopes(self) -> list[Scope]:
        return scopes_of_question(self.workspace_id, self.channel_id, self.user_id)


class BudgetLimit(BaseModel):
    model_config = ConfigDict(frozen=True)

    scope: Scope
    monthly_tokens: int = Field(ge=0)
    monthly_money_usd: float | None = Field(default=None, ge=0)


class BudgetPolicy(BaseModel):
    """When people are warned, and what happens to a question once a limit is reached."""

    model_config = ConfigDict(frozen=True)

    warn_at: float = Field(default=0.8, gt=0, le=1, description="share of a limit used that triggers a warning")
    at_limit: AtLimit = Field(default="block", description="block the question, or try a cheaper model that fits")


class ScopeUsage(BaseModel):
    """One scope's spending in one month: settled usage and what open reservations hold."""

    model_config = ConfigDict(frozen=True)

    scope: Scope
    month: str
    limit: BudgetLimit | None
    used_tokens: int = 0
    reserved_tokens: int = 0
    used_money_usd: float = 0.0
    reserved_money_usd: float = 0.0

    @property
    def remaining_tokens(self) -> int | None:
        """Tokens a new reservation can still take (what is reserved is already taken)."""
        if self.limit is None:
            return None
        return max(0, self.limit.monthly_tokens - self.used_tokens - self.reserved_tokens)

    @property
    def remaining_money_usd(self) -> float | None:
        if self.limit is None or self.limit.monthly_money_usd is None:
            return None
        return max(0.0, self.limit.monthly_money_usd - self.used_money_usd - self.reserved_money_usd)

    @property
    def share_used(self) -> float | None:
        """Settled usage as a share of the limit, tokens or money, whichever is further along.

        A limit of zero counts as fully used: nothing more can be reserved against it.
        """
        if self.limit is None:
            return None
        shares = [_share(self.used_tokens, self.limit.monthly_tokens)]
        if self.limit.monthly_money_usd is not None:
            shares.append(_share(self.used_money_usd, self.limit.monthly_money_usd))
        return max(shares)


def _share(used: float, limit: float) -> float:
    return used / limit if limit > 0 else 1.0


class BudgetWarning(BaseModel):
    model_config = ConfigDict(frozen=True)

    scope: Scope
    month: str
    level: WarningLevel
    share_used: float


def warning_levels(share_used: float, policy: BudgetPolicy) -> list[WarningLevel]:
    """The warnings a scope has earned at this share of its limit."""
    levels: list[WarningLevel] = []
    if share_used >= policy.warn_at:
        levels.append("soft")
    if share_used >= 1.0:
        levels.append("limit")
    return levels


# --- months ---------------------------------------------------------------------------

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def month_of(moment: dt.datetime, tz: ZoneInfo) -> str:
    """The calendar month ("YYYY-MM") that `moment` falls in, as seen in time zone `tz`."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; pass an aware datetime")
    local = moment.astimezone(tz)
    return f"{local.year:04d}-{local.month:02d}"


def month_bounds(month: str, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of `month` in `tz` and the first instant of the month after."""
    match = _MONTH.fullmatch(month)
    if match is None:
        raise ValueError(f"{month!r} is not a month; write it as YYYY-MM, for example 2026-12")
    year, number = int(match.group(1)), int(match.group(2))
    start = dt.datetime(year, number, 1, tzinfo=tz)
    end = dt.datetime(year + number // 12, number % 12 + 1, 1, tzinfo=tz)
    return start, end


# --- money as exact integers ----------------------------------------------------------


def to_micro_usd(amount_usd: float, round_up: bool = False) -> int:
    """Dollars as whole micro-dollars; round up for estimates that must not fall short."""
    exact = Decimal(repr(amount_usd)) * MICRO_USD_PER_USD
    return int(exact.to_integral_value(rounding=ROUND_CEILING if round_up else ROUND_HALF_UP))


def from_micro_usd(micro_usd: int) -> float:
    return micro_usd / MICRO_USD_PER_USD


# --- what admins type -----------------------------------------------------------------

_TOKEN_MULTIPLIERS = {"": 1, "k": 1_000, "m": 1_000_000, "万": 10_000}
_TOKEN_AMOUNT = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>k|m|万)?\s*(?:tokens?|トークン)?")
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_MONEY_AMOUNT = re.compile(r"(?:\$|us\$)?\s*(?P<number>\d+(?:\.\d+)?)\s*(?:usd|dollars?|ドル)?")
_TOKENS_HOW = "write a whole number of tokens such as 200000, 200,000, 200k, 2m or 20万"
_MONEY_HOW = "write an amount of US dollars such as 20, 12.50 or $1,000"


def _ungroup(text: str) -> str:
    """Full-width characters to ASCII, lower case, and thousands separators removed.

    Commas are accepted only in groups of three (1,000,000), so "1,5" is not read as 15.
    """
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return _GROUPED_NUMBER.sub(lambda match: match.group(0).replace(",", ""), text).replace("_", "")


def parse_token_amount(text: str) -> int:
    """A monthly token amount as an admin types it: "200000", "200,000", "200k", "2m"."""
    cleaned = _ungroup(text)
    if cleaned.startswith("-"):
        raise ValueError(f"{text.strip()!r} is negative; a token amount cannot be below zero: {_TOKENS_HOW}")
    match = _TOKEN_AMOUNT.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"{text.strip()!r} is not a token amount; {_TOKENS_HOW}")
    amount = Decimal(match.group("number")) * _TOKEN_MULTIPLIERS[match.group("unit") or ""]
    if amount != amount.to_integral_value():
        raise ValueError(f"{text.strip()!r} is not a whole number of tokens; {_TOKENS_HOW}")
    return int(amount)


def parse_money_usd(text: str) -> float:
    """A monthly amount of US dollars as an admin types it: "20", "12.50", "$1,000"."""
    cleaned = _ungroup(text)
    if cleaned.startswith("-") or cleaned.startswith("$-"):
        raise ValueError(f"{text.strip()!r} is negative; an amount of money cannot be below zero: {_MONEY_HOW}")
    match = _MONEY_AMOUNT.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"{text.strip()!r} is not an amount of money; {_MONEY_HOW}")
    return float(match.group("number"))


def parse_scope_kind(text: str) -> ScopeKind:
    cleaned = unicodedata.normalize("NFKC", text).strip().lower()
    for kind in SCOPE_KINDS:
        if cleaned == kind:
            return kind
    raise ValueError(f"unknown scope {text.strip()!r}; use one of: {', '.join(SCOPE_KINDS)}")
