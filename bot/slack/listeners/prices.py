"""The price watch's buttons and form: an admin records a price a vendor's page shows, or dismisses it.

Only admins act: anyone else is told so, only them, and nothing changes. A recorded price is an
observation with its source and who confirmed it, and counts from the next inventory; a dismissal
stands until the page shows other prices.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.messages import say
from bot.domain.money import CURRENCIES
from bot.domain.savings import MAX_MONEY
from bot.slack import ids, views
from bot.slack.argument_values import chosen_value, clean, input_text, json_object
from bot.slack.blocks import without_buttons
from bot.slack.errors import slack_error
from bot.slack.listeners.commands import not_admin
from bot.slack.price_watch_blocks import recorded_note
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.action(ids.PRICE_RECORD)
    async def record_pressed(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        await ack()
        person = await services.people.person(client, body["user"]["id"], fresh=True)
        if not person.is_admin:
            await respond(text=not_admin(person.language, "prices"), replace_original=False, response_type="ephemeral")
            return
        proposal = json_object(action.get("value"))
        tool = services.advisor.catalog.tool(str(proposal.get("tool")))
        if tool is None:
            await respond(text=say(person.language, "That tool is no longer in the catalog."), replace_original=False)
            return
        amount = proposal.get("amount")
        metadata = {
            "tool": tool.id,
            "channel": (body.get("channel") or {}).get("id"),
            "ts": (body.get("message") or {}).get("ts"),
        }
        view = views.price_modal(
            tool,
            person.language,
            json.dumps(metadata),
            float(amount) if isinstance(amount, int | float) else None,
            proposal.get("currency"),
        )
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=view)
        except SlackApiError as error:
            logger.warning("views.open failed: %s", slack_error(error))
            await respond(
                text=say(person.language, "Slack did not open the form in time; please press the button again."),
                replace_original=False,
            )

    @app.action(ids.PRICE_DISMISS)
    async def dismiss_pressed(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        await ack()
        user_id = body["user"]["id"]
        person = await services.people.person(client, user_id, fresh=True)
        if not person.is_admin:
            await respond(text=not_admin(person.language, "prices"), replace_original=False, response_type="ephemeral")
            return
        proposal = json_object(action.get("value"))
        tool_id, signature = str(proposal.get("tool") or ""), str(proposal.get("signature") or "")
        pages = services.advisor.price_watch.pages
        if not await asyncio.to_thread(pages.dismiss, tool_id, signature, user_id):
            await respond(text=say(person.language, "That proposal is no longer open."), replace_original=False)
            return
        note = say(
            person.language,
            "Dismissed by <@{user}>: not proposed again while the page shows these prices.",
            user=user_id,
        )
        await respond(**without_buttons(body.get("message") or {}, note), replace_original=True)

    @app.view(ids.PRICE_MODAL)
    async def price_submitted(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        user_id = body["user"]["id"]
        person = await services.people.person(client, user_id, fresh=True)
        language = person.language
        if not person.is_admin:
            await ack(response_action="errors", errors={ids.PRICE_AMOUNT: not_admin(language, "prices")})
            return
        metadata = json_object(view.get("private_metadata"))
        values = (view.get("state") or {}).get("values") or {}
        read = _read_price(values, language)
        if isinstance(read, dict):
            await ack(response_action="errors", errors=read)
            return
        plan, amount, currency, unit, source = read
        try:
            point = await asyncio.to_thread(
                services.inventories.record_price,
                str(metadata.get("tool")),
                amount,
                currency,
                unit,
                source,
                user_id,
                plan,
            )
        except ValueError as error:
            await ack(response_action="errors", errors={ids.PRICE_AMOUNT: str(error)[:150]})
            return
        await ack()
        note = recorded_note(user_id, point.plan, point.amount, point.currency, point.unit, language)
        channel, ts = metadata.get("channel"), metadata.get("ts")
        if not channel or not ts:
            return
        try:
            original = await _message(client, channel, ts)
            await client.chat_update(channel=channel, ts=ts, **without_buttons(original, note))
        except SlackApiError as error:
            logger.warning("could not mark the proposal recorded: %s", slack_error(error))


def _read_price(values: dict[str, Any], language: str) -> tuple[str, float, str, str, str | None] | dict[str, str]:
    """The form's plan, amount, currency, unit and source, or errors keyed by block id."""
    errors: dict[str, str] = {}
    plan = chosen_value(values, ids.PRICE_PLAN)
    currency = chosen_value(values, ids.PRICE_CURRENCY)
    unit = chosen_value(values, ids.PRICE_UNIT)
    text = clean(input_text(values, ids.PRICE_AMOUNT) or "").lstrip("$¥").replace(",", "")
    amount = 0.0
    try:
        amount = float(text)
    except ValueError:
        errors[ids.PRICE_AMOUNT] = say(
            language, "'{text}' is not a price; write a number like 1480 or 16.99", text=text[:40]
        )
    else:
        if not 0 < amount <= MAX_MONEY:  # NaN fails this too
            errors[ids.PRICE_AMOUNT] = say(language, "give a price above zero and at most {most:,.0f}", most=MAX_MONEY)
    if not plan:
        errors[ids.PRICE_PLAN] = say(language, "choose the plan")
    if currency not in CURRENCIES:
        errors[ids.PRICE_CURRENCY] = say(language, "choose the currency")
    if not unit:
        errors[ids.PRICE_UNIT] = say(language, "choose what the price is for")
    source = (input_text(values, ids.PRICE_SOURCE) or "").strip() or None
    if errors:
        return errors
    return str(plan), amount, str(currency), str(unit), source


async def _message(client: AsyncWebClient, channel: str, ts: str) -> dict[str, Any]:
    """The proposal as it stands in Slack (a thread reply: conversations.replies finds it by its ts)."""
    found = await client.conversations_replies(channel=channel, ts=ts, limit=1, inclusive=True)
    messages = found.get("messages") or []
    return messages[0] if messages else {}
