"""Currencies, the exchange rate, and money as people read it (¥1,234 / $12.34)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from bot.domain.messages import say

Currency = Literal["JPY", "USD"]
CURRENCIES: tuple[Currency, ...] = ("JPY", "USD")


@dataclass(frozen=True)
class ExchangeRate:
    """Yen per US dollar, and the day someone set it (shown beside converted figures)."""

    usd_jpy: float
    set_on: dt.date

    def convert(self, amount: float, source: Currency, target: Currency) -> float:
        if source == target:
            return amount
        if source == "USD":
            return amount * self.usd_jpy
        return amount / self.usd_jpy

    def describe(self, language: str = "en") -> str:
        rate = f"{self.usd_jpy:,.2f}".rstrip("0").rstrip(".")
        return say(language, "US$1 = ¥{rate} (rate set {day})", rate=rate, day=self.set_on.isoformat())


def round_money(amount: float, currency: Currency) -> float:
    """Yen have no minor unit; dollars keep cents (sub-cent prices keep four places)."""
    if currency == "JPY":
        return float(round(amount))
    if 0 < abs(amount) < 0.01:
        return round(amount, 4)
    return round(amount, 2)


def format_money(amount: float, currency: Currency) -> str:
    """¥1,234 or $12.34; tiny dollar amounts keep enough places to be non-zero."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if currency == "JPY":
        if 0 < value < 1:
            return f"{sign}¥{value:.2f}"
        return f"{sign}¥{value:,.0f}"
    if 0 < value < 0.01:
        return f"{sign}${value:.4f}"
    return f"{sign}${value:,.2f}"
