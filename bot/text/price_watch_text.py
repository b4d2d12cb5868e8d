"""What the price watch found, as people read it: in the terminal, and per tool in the admins' Slack message."""

from __future__ import annotations

from bot.domain.catalog import PriceUnit, unit_label
from bot.domain.messages import say
from bot.domain.money import format_money
from bot.domain.price_watch import Changed, ExpectedPrice, SeenPrice, WatchReport

SEEN_SHOWN = 6
"""Prices of a page shown per tool: its first ones are the plans; the rest are on the page itself."""


def summary(report: WatchReport, language: str) -> str:
    return say(
        language,
        "Checked {checked} tools' pricing pages: {unchanged} unchanged, {changed} changed, {errors} not read.",
        checked=report.checked,
        unchanged=len(report.unchanged),
        changed=len(report.changed),
        errors=len(report.errors),
    )


def expected_text(price: ExpectedPrice, language: str) -> str:
    amount = format_money(price.amount, price.currency)  # type: ignore[arg-type]  # the catalog's: JPY or USD
    return f"{price.plan}: {amount} {unit_label(PriceUnit(price.unit), language)}"


def seen_text(price: SeenPrice) -> str:
    symbol = {"JPY": "¥", "USD": "$", "EUR": "€"}[price.currency]
    amount = f"{price.amount:,.0f}" if price.amount == int(price.amount) else f"{price.amount:,.2f}"
    return f"{symbol}{amount} “…{price.context}…”"


def change_lines(change: Changed, language: str) -> list[str]:
    """One changed tool: the catalog's prices the page no longer shows, and what the page shows."""
    lines = [say(language, "Not on the page any more:")]
    lines += [f"  • {expected_text(price, language)}" for price in change.missing]
    lines.append(say(language, "The page shows:"))
    lines += [f"  • {seen_text(price)}" for price in change.seen[:SEEN_SHOWN]]
    if len(change.seen) > SEEN_SHOWN:
        lines.append(say(language, "  … and {count} more", count=len(change.seen) - SEEN_SHOWN))
    return lines


def watch_text(report: WatchReport, language: str) -> str:
    lines = [summary(report, language)]
    if report.changed:
        lines += ["", say(language, "Changed (record what you confirm with `advisor inventory update`):")]
        for change in report.changed:
            dismissed = say(language, " (dismissed by an admin)") if change.dismissed else ""
            lines.append(f"• {change.tool_id} — {change.url}{dismissed}")
            lines += [f"  {line}" for line in change_lines(change, language)]
    if report.errors:
        lines += ["", say(language, "Not read:")]
        lines += [f"• {failure.tool_id} — {failure.url}: {failure.error}" for failure in report.errors]
    return "\n".join(lines)
