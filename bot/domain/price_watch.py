"""The monthly price watch, without the network: the prices a vendor's page shows, and whether the catalog's
are among them.

A page is read as text; every amount written with a currency (¥1,480, 1,480円, $16.99, US$20, €9.99,
12.50 USD) is one price seen, with the words around it. A tool is unchanged when each of its prices
in force is on its page, written as the catalog has it (an annual plan's per-month figure may show
as the year's total, a per-1M-token price as per 1K); it is changed when one is missing while the page
shows prices, so someone looks. Nothing here becomes a price by itself: an admin records it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.domain.catalog import PriceUnit, Tool
from bot.domain.prices import PricePoint

PageCurrency = Literal["JPY", "USD", "EUR"]

CONTEXT_CHARS = 40
"""Characters of the page kept on each side of a price seen: enough for "per user per month"."""

MAX_SEEN = 200
"""Prices kept from one page: a page with more is a price list, and its first ones are the plans."""

MATCH_TOLERANCE = 0.005
"""How far a price seen may be from the catalog's (a share of it) and still be the same price."""

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+,\d{2}(?!\d)|\d+(?:\.\d+)?"
"""1,480 and 1,480.50 (thousands), 9,99 (a decimal comma, as euro prices are written), 16.99, 20."""
_PREFIX = re.compile(rf"(?P<symbol>US\$|\$|¥|€)\s?(?P<number>{_NUMBER})")
_SUFFIX = re.compile(rf"(?P<number>{_NUMBER})\s?(?P<word>円|USD|JPY|EUR|ドル|ユーロ)")
_SYMBOLS: dict[str, PageCurrency] = {
    "US$": "USD",
    "$": "USD",
    "¥": "JPY",
    "€": "EUR",
    "円": "JPY",
    "JPY": "JPY",
    "USD": "USD",
    "ドル": "USD",
    "EUR": "EUR",
    "ユーロ": "EUR",
}
_HIDDEN = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_ANGLES = re.compile(r"[<>]")


class SeenPrice(BaseModel):
    """An amount with its currency on a vendor's page, and the words around it."""

    model_config = ConfigDict(frozen=True)

    amount: float
    currency: PageCurrency
    context: str


class ExpectedPrice(BaseModel):
    """A price the catalog (or an admin's observation) has in force for one of the tool's plans."""

    model_config = ConfigDict(frozen=True)

    plan: str
    amount: float
    currency: str
    unit: str


def page_text(markup: str) -> str:
    """What a person reads on a page: no scripts or styles, no tags, entities decoded, one space between
    words, full-width digits and signs made plain (１，４８０円 → 1,480円, ￥ → ¥)."""
    text = _TAG.sub(" ", _HIDDEN.sub(" ", markup))
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", html.unescape(text))).strip()


def prices_on_page(markup: str) -> list[SeenPrice]:
    """Every amount written with a currency on the page, in the order it comes, each once."""
    text = page_text(markup)
    found: dict[int, SeenPrice] = {}
    for pattern in (_PREFIX, _SUFFIX):
        for match in pattern.finditer(text):
            if match.start("number") in found:
                continue  # "$16.99 USD": one price, found by its sign and by its word
            symbol = match.group("symbol") if "symbol" in pattern.groupindex else match.group("word")
            amount = _amount(match.group("number"))
            start, end = max(0, match.start() - CONTEXT_CHARS), match.end() + CONTEXT_CHARS
            context = _ANGLES.sub(" ", text[start:end]).strip()  # no markup of any kind survives into a message
            found[match.start("number")] = SeenPrice(amount=amount, currency=_SYMBOLS[symbol], context=context)
    seen: list[SeenPrice] = []
    kept: set[tuple[float, str, str]] = set()
    for _, price in sorted(found.items()):
        if (price.amount, price.currency, price.context) not in kept:
            kept.add((price.amount, price.currency, price.context))
            seen.append(price)
    return seen[:MAX_SEEN]


def _amount(number: str) -> float:
    if re.fullmatch(r"\d+,\d{2}", number):
        return float(number.replace(",", "."))  # a thousands group has three digits: this is a decimal comma
    return float(number.replace(",", ""))


def expected_prices(tool: Tool, in_force: list[PricePoint]) -> list[ExpectedPrice]:
    """The tool's prices in force (the catalog's, or a newer recorded observation), plan by plan."""
    return [
        ExpectedPrice(plan=point.plan, amount=point.amount, currency=point.currency, unit=point.unit)
        for point in in_force
        if point.item_id == tool.id and point.kind == "tool" and point.amount > 0
    ]


def _ways_written(expected: ExpectedPrice, billing: str | None) -> list[float]:
    """The amounts a page may show for the price: itself; a year's total for an annual plan's per-month
    figure; per 1K for a per-1M price."""
    ways = [expected.amount]
    if billing == "annual":
        ways.append(expected.amount * 12)
    if expected.unit in {PriceUnit.PER_1M_INPUT_TOKENS, PriceUnit.PER_1M_OUTPUT_TOKENS, PriceUnit.PER_1M_CHARACTERS}:
        ways.append(expected.amount / 1000)
    return ways


def on_page(expected: ExpectedPrice, seen: list[SeenPrice], billing: str | None = None) -> bool:
    """Whether the page shows the price, in its currency, in one of the ways it may be written."""
    amounts = [price.amount for price in seen if price.currency == expected.currency]
    return any(
        abs(amount - way) <= max(MATCH_TOLERANCE * way, 0.005)
        for way in _ways_written(expected, billing)
        for amount in amounts
    )


def missing_from_page(tool: Tool, expected: list[ExpectedPrice], seen: list[SeenPrice]) -> list[ExpectedPrice]:
    """The tool's prices in force that its page does not show."""
    billing = {plan.name: plan.billing for plan in tool.plans}
    return [price for price in expected if not on_page(price, seen, billing.get(price.plan))]


class Unchanged(BaseModel):
    tool_id: str
    url: str


class Changed(BaseModel):
    tool_id: str
    url: str
    seen: list[SeenPrice]
    expected: list[ExpectedPrice]
    missing: list[ExpectedPrice]
    signature: str
    dismissed: bool = False


class PageFailure(BaseModel):
    tool_id: str
    url: str
    error: str


class WatchReport(BaseModel):
    checked: int
    unchanged: list[Unchanged]
    changed: list[Changed]
    errors: list[PageFailure]

    def to_propose(self) -> list[Changed]:
        """The changed tools an admin has not dismissed with the same prices on the page."""
        return [change for change in self.changed if not change.dismissed]
