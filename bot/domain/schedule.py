"""When the monthly inventory is due: on the first day of each month, at a set local time.

A clock that was not running at that moment still posts when it comes back during the
month (the post is claimed once per workspace and month, so it never posts twice).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.domain.budget import month_of


def local_day(moment: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The calendar day `moment` falls on in time zone `tz`."""
    return moment.astimezone(tz).date()


def first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def inventory_due(now: dt.datetime, tz: ZoneInfo, at: dt.time) -> str | None:
    """The month ("2026-12") whose inventory is due at `now`, or None before this month's posting time."""
    local = now.astimezone(tz)
    posting_time = local.replace(day=1, hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return month_of(now, tz) if local >= posting_time else None


def next_posting(now: dt.datetime, tz: ZoneInfo, at: dt.time) -> dt.datetime:
    """The next first-of-the-month posting time after `now`, in UTC."""
    local = now.astimezone(tz)
    this_month = local.replace(day=1, hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if local < this_month:
        return this_month.astimezone(dt.UTC)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return this_month.replace(year=year, month=month).astimezone(dt.UTC)


WATCH_DAYS_BEFORE = 3
"""How many days before the monthly post the price watch runs, so admins can record what moved."""


def watch_due(now: dt.datetime, tz: ZoneInfo, at: dt.time) -> str | None:
    """The month ("2027-01") whose inventory the price watch prepares, from `WATCH_DAYS_BEFORE` days
    before that inventory's posting time until it is posted; None outside that window."""
    posting = next_posting(now, tz, at)
    if now >= posting - dt.timedelta(days=WATCH_DAYS_BEFORE):
        return month_of(posting, tz)
    return None
