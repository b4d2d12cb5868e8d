"""Budget rules without a database: months, what admins type, how much of a limit is used."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.domain.budget import (
    BudgetLimit,
    BudgetPolicy,
    Scope,
    ScopeUsage,
    from_micro_usd,
    month_bounds,
    month_of,
    parse_money_usd,
    parse_scope_kind,
    parse_token_amount,
    scopes_of_question,
    to_micro_usd,
    warning_levels,
)

TOKYO = ZoneInfo("Asia/Tokyo")
UTC = ZoneInfo("UTC")


# --- months -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "tokyo", "utc"),
    [
        # 15:00 UTC is midnight in Tokyo: December starts there nine hours earlier.
        (dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC), "2026-12", "2026-11"),
        (dt.datetime(2026, 11, 30, 14, 59, 59, tzinfo=dt.UTC), "2026-11", "2026-11"),
        (dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC), "2026-12", "2026-11"),
        (dt.datetime(2026, 12, 31, 15, 0, tzinfo=dt.UTC), "2027-01", "2026-12"),
        (dt.datetime(2027, 1, 1, 0, 30, tzinfo=TOKYO), "2027-01", "2026-12"),
    ],
)
def test_month_is_the_calendar_month_in_the_time_zone(moment: dt.datetime, tokyo: str, utc: str) -> None:
    assert month_of(moment, TOKYO) == tokyo
    assert month_of(moment, UTC) == utc


def test_month_of_refuses_a_time_without_zone() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        month_of(dt.datetime(2026, 11, 30, 16, 0), TOKYO)


def test_month_bounds_in_tokyo() -> None:
    start, end = month_bounds("2026-12", TOKYO)
    assert start == dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 12, 31, 15, 0, tzinfo=dt.UTC)
    assert month_of(start, TOKYO) == "2026-12"
    assert month_of(end, TOKYO) == "2027-01"
    assert month_of(end - dt.timedelta(microseconds=1), TOKYO) == "2026-12"
    february = month_bounds("2028-02", UTC)
    assert february[1] - february[0] == dt.timedelta(days=29)


@pytest.mark.parametrize("bad", ["2026-13", "2026-1", "26-12", "2026/12", "December"])
def test_month_bounds_rejects_what_is_not_a_month(bad: str) -> None:
    with pytest.raises(ValueError, match=r"YYYY-MM"):
        month_bounds(bad, TOKYO)


# --- what admins type ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("200000", 200_000),
        ("200,000", 200_000),
        (" 1,000,000 ", 1_000_000),
        ("200k", 200_000),
        ("200K", 200_000),
        ("2m", 2_000_000),
        ("1.5m", 1_500_000),
        ("2.5k", 2_500),
        ("20万", 200_000),
        ("２００ｋ", 200_000),
        ("300000 tokens", 300_000),
        ("0", 0),
    ],
)
def test_token_amounts_as_admins_write_them(text: str, tokens: int) -> None:
    assert parse_token_amount(text) == tokens


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("-5000", ["'-5000'", "negative", "200k"]),
        ("abc", ["'abc'", "not a token amount", "200,000"]),
        ("", ["''", "not a token amount"]),
        ("1.5", ["'1.5'", "whole number of tokens"]),
        ("0.0001k", ["'0.0001k'", "whole number of tokens"]),
        ("1,5", ["'1,5'", "not a token amount"]),
        ("2g", ["'2g'", "not a token amount", "2m"]),
    ],
)
def test_bad_token_amounts_say_what_is_wrong_and_how_to_write_it(text: str, words: list[str]) -> None:
    with pytest.raises(ValueError) as error:
        parse_token_amount(text)
    for word in words:
        assert word in str(error.value)


@pytest.mark.parametrize(
    ("text", "usd"),
    [("20", 20.0), ("12.50", 12.5), ("$1,000", 1000.0), ("$ 3.25", 3.25), ("0", 0.0), ("15 USD", 15.0)],
)
def test_money_amounts(text: str, usd: float) -> None:
    assert parse_money_usd(text) == usd


@pytest.mark.parametrize(
    ("text", "words"), [("-3", ["'-3'", "negative"]), ("ten", ["'ten'", "not an amount of money", "12.50"])]
)
def test_bad_money_amounts(text: str, words: list[str]) -> None:
    with pytest.raises(ValueError) as error:
        parse_money_usd(text)
    for word in words:
        assert word in str(error.value)


def test_scope_kinds() -> None:
    assert parse_scope_kind(" Channel ") == "channel"
    assert parse_scope_kind("USER") == "user"
    with pytest.raises(ValueError) as error:
        parse_scope_kind("team")
    assert str(error.value) == "unknown scope 'team'; use one of: workspace, channel, user"


# --- scopes, limits and usage ---------------------------------------------------------------


def test_scopes_are_values_with_labels() -> None:
    assert Scope(kind="channel", id="C123").label == "channel C123"
    assert Scope(kind="user", id="U1") == Scope(kind="user", id="U1")
    assert len({Scope(kind="user", id="U1"), Scope(kind="user", id="U1"), Scope(kind="channel", id="U1")}) == 2
    assert scopes_of_question("T1", "C1", "U1") == [
        Scope(kind="workspace", id="T1"),
        Scope(kind="channel", id="C1"),
        Scope(kind="user", id="U1"),
    ]
    assert scopes_of_question("T1", None, "U1") == [Scope(kind="workspace", id="T1"), Scope(kind="user", id="U1")]
    with pytest.raises(ValidationError):
        Scope(kind="team", id="X")  # type: ignore[arg-type]


def test_limits_and_policy_validate() -> None:
    with pytest.raises(ValidationError):
        BudgetLimit(scope=Scope(kind="user", id="U1"), monthly_tokens=-1)
    with pytest.raises(ValidationError):
        BudgetLimit(scope=Scope(kind="user", id="U1"), monthly_tokens=10, monthly_money_usd=-0.01)
    for warn_at in (0, 1.2):
        with pytest.raises(ValidationError):
            BudgetPolicy(warn_at=warn_at)
    with pytest.raises(ValidationError):
        BudgetPolicy(at_limit="ignore")  # type: ignore[arg-type]
    assert BudgetPolicy() == BudgetPolicy(warn_at=0.8, at_limit="block")


CHANNEL = Scope(kind="channel", id="C1")


def test_remaining_and_share_of_a_token_limit() -> None:
    usage = ScopeUsage(
        scope=CHANNEL,
        month="2026-12",
        limit=BudgetLimit(scope=CHANNEL, monthly_tokens=10_000),
        used_tokens=6_000,
        reserved_tokens=1_500,
        used_money_usd=0.5,
    )
    assert usage.remaining_tokens == 2_500
    assert usage.remaining_money_usd is None
    assert usage.share_used == pytest.approx(0.6)


def test_share_follows_whichever_limit_is_further_along() -> None:
    limit = BudgetLimit(scope=CHANNEL, monthly_tokens=10_000, monthly_money_usd=2.0)
    money_ahead = ScopeUsage(
        scope=CHANNEL, month="2026-12", limit=limit, used_tokens=1_000, used_money_usd=1.8, reserved_money_usd=0.1
    )
    assert money_ahead.share_used == pytest.approx(0.9)
    assert money_ahead.remaining_money_usd == pytest.approx(0.1)
    tokens_ahead = ScopeUsage(scope=CHANNEL, month="2026-12", limit=limit, used_tokens=9_000, used_money_usd=0.2)
    assert tokens_ahead.share_used == pytest.approx(0.9)


def test_usage_past_the_limit_and_without_limit() -> None:
    over = ScopeUsage(
        scope=CHANNEL,
        month="2026-12",
        limit=BudgetLimit(scope=CHANNEL, monthly_tokens=1_000),
        used_tokens=1_200,
        reserved_tokens=50,
    )
    assert over.remaining_tokens == 0
    assert over.share_used == pytest.approx(1.2)
    zero = ScopeUsage(scope=CHANNEL, month="2026-12", limit=BudgetLimit(scope=CHANNEL, monthly_tokens=0))
    assert zero.remaining_tokens == 0 and zero.share_used == 1.0
    unlimited = ScopeUsage(scope=CHANNEL, month="2026-12", limit=None, used_tokens=5_000)
    assert unlimited.remaining_tokens is None and unlimited.remaining_money_usd is None and unlimited.share_used is None


def test_warning_levels() -> None:
    policy = BudgetPolicy(warn_at=0.8)
    assert warning_levels(0.79, policy) == []
    assert warning_levels(0.8, policy) == ["soft"]
    assert warning_levels(1.0, policy) == ["soft", "limit"]
    assert warning_levels(0.5, BudgetPolicy(warn_at=0.5)) == ["soft"]


def test_micro_dollars_are_exact_and_estimates_round_up() -> None:
    assert to_micro_usd(0.1) + to_micro_usd(0.2) == to_micro_usd(0.3) == 300_000
    assert to_micro_usd(0.0000014) == 1
    assert to_micro_usd(0.0000014, round_up=True) == 2
    assert to_micro_usd(2.5, round_up=True) == 2_500_000
    assert from_micro_usd(1_234_567) == pytest.approx(1.234567)
