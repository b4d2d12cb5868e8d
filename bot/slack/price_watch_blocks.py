"""The price watch's proposals to admins in Block Kit (the form that records a price is `views.price_modal`).

The summary goes out as one message; each changed tool follows in its thread as a message of its own,
with the catalog's prices the page no longer shows, what the page shows, a "Record this price" button
(the `/ai-inventory update` form, filled in) and "Dismiss". Once an admin acts, the tool's message is
rewritten to say who did what, without its buttons.
"""

from __future__ import annotations

import json

from bot.domain.catalog import PriceUnit, unit_label
from bot.domain.messages import say
from bot.domain.money import CURRENCIES, format_money
from bot.domain.price_watch import Changed, WatchReport
from bot.slack import ids
from bot.slack.blocks import Message, actions_block, button, section_blocks
from bot.slack.mrkdwn import escape
from bot.text.price_watch_text import change_lines, summary

PROPOSALS_SHOWN = 20
"""Changed tools sent in one watch; the rest are in `advisor prices check`."""


def watch_messages(report: WatchReport, catalog_names: dict[str, str], language: str) -> list[Message]:
    """The summary, then one message per changed tool an admin has not dismissed."""
    proposals = report.to_propose()
    lines = [summary(report, language)]
    if proposals:
        lines.append(say(language, "The tools whose prices moved follow in the thread: record what you confirm."))
    if len(proposals) > PROPOSALS_SHOWN:
        lines.append(
            say(
                language,
                "{count} more are in `advisor prices check`.",
                count=len(proposals) - PROPOSALS_SHOWN,
            )
        )
    if report.errors:
        failed = ", ".join(failure.tool_id for failure in report.errors)
        lines.append(say(language, "Pages not read: {tools}.", tools=failed))
    head = escape("\n".join(lines))
    messages: list[Message] = [{"text": summary(report, language), "blocks": section_blocks(head)}]
    messages += [
        proposal_message(change, catalog_names.get(change.tool_id, change.tool_id), language)
        for change in proposals[:PROPOSALS_SHOWN]
    ]
    return messages


def proposal_message(change: Changed, name: str, language: str) -> Message:
    title = say(language, "{name}: the pricing page shows other prices", name=name)
    body = "\n".join(
        [f"*{escape(title)}*  <{change.url}|{escape(change.tool_id)}>", *map(escape, change_lines(change, language))]
    )
    wanted = [change.missing[0].currency] if change.missing else list(CURRENCIES)  # the form starts from a likely price
    first = next((price for price in change.seen if price.currency in wanted), None)
    record = {
        "tool": change.tool_id,
        "amount": first.amount if first else None,
        "currency": first.currency if first else None,
    }
    buttons = actions_block(
        button(say(language, "Record this price"), ids.PRICE_RECORD, json.dumps(record), primary=True),
        button(
            say(language, "Dismiss"),
            ids.PRICE_DISMISS,
            json.dumps({"tool": change.tool_id, "signature": change.signature}),
        ),
    )
    return {"text": title, "blocks": [*section_blocks(body)[:40], buttons]}


def recorded_note(user_id: str, plan: str, amount: float, currency: str, unit: str, language: str) -> str:
    price = format_money(amount, currency)  # type: ignore[arg-type]  # checked against CURRENCIES by the recorder
    return say(
        language,
        "Recorded by <@{user}>: {plan} {price} {unit}. It counts from the next inventory.",
        user=user_id,
        plan=plan,
        price=price,
        unit=unit_label(PriceUnit(unit), language),
    )
