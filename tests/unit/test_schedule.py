from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import inventory_due, next_posting

TOKYO = ZoneInfo("Asia/Tokyo")
NINE = dt.time(9, 0)


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        ("2026-11-30T23:59:00", None),  # 08:59 on 1 December in Tokyo: not yet
        ("2026-12-01T00:00:00", "2026-12"),  # 09:00 in Tokyo
        ("2026-12-17T12:00:00", "2026-12"),  # down on the 1st: catch up later in the month
        ("2026-11-30T15:30:00", None),  # 00:30 on 1 December in Tokyo, before nine
        ("2027-01-01T00:00:00", "2027-01"),  # a new year
    ],
)
def test_the_inventory_is_due_from_nine_on_the_first_local_day(now: str, due: str | None) -> None:
    assert inventory_due(utc(now), TOKYO, NINE) == due


def test_the_next_posting_is_the_coming_first_of_the_month_at_nine_local() -> None:
    assert next_posting(utc("2026-11-30T23:00:00"), TOKYO, NINE) == utc("2026-12-01T00:00:00")
    assert next_posting(utc("2026-12-01T00:00:00"), TOKYO, NINE) == utc("2027-01-01T00:00:00")
    assert next_posting(utc("2026-12-31T16:00:00"), TOKYO, NINE) == utc("2027-01-01T00:00:00")
