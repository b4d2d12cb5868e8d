"""The slash commands: /ai-savings, /ai-plan, /ai-budget, /ai-inventory.

Each acknowledges at once, then answers with an ephemeral message (`respond`) or opens a
modal. Bad arguments get a message naming what was wrong and the usage; a change asked
by someone who is not an admin is refused and nothing changes.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Literal

from slack_bolt.async_app import AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.budget import Scope
from bot.domain.language import detect_language
from bot.domain.messages import say
from bot.domain.money import format_money
from bot.slack import arguments, blocks, report_blocks, views
from bot.slack.arguments import ArgumentError
from bot.slack.errors import slack_error
from bot.slack.inventory_blocks import inventory_message
from bot.slack.replies import savings_message
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)


def register(app: AsyncApp, services: SlackServices) -> None:
    # Slash commands are acknowledged by the app's middleware before these run (`bot.slack.app`).
    @app.command("/ai-savings")
    async def savings(command: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient) -> None:
        text = command.get("text", "").strip()
        language = await _language(services, client, command, text)
        if not text:
            metadata = json.dumps({"channel_id": command.get("channel_id")})
            await _open_modal(
                client,
                command,
                respond,
                language,
                views.savings_modal(task_choices(services, language), language, metadata),
            )
            return
        try:
            request = arguments.parse_savings_text(
                text, language, services.settings.currency, catalog=services.advisor.catalog
            )
        except ArgumentError as error:
            await respond(**blocks.usage_message(error.problem, error.usage))
            return
        await respond(
            **await savings_message(
                services,
                request,
                language,
                command["team_id"],
                command.get("channel_id"),
                command["user_id"],
                "command",
            )
        )

    @app.command("/ai-plan")
    async def plan(command: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient) -> None:
        text = command.get("text", "").strip().lower()
        language = await _language(services, client, command, text)
        if text in ("edit", "編集"):
            if not await services.people.is_admin(client, command["user_id"]):
                await respond(text=not_admin(language, "profile"))
                return
            profile = await asyncio.to_thread(services.advisor.profiles.get, command["team_id"])
            metadata = json.dumps({"channel_id": command.get("channel_id")})
            await _open_modal(client, command, respond, language, views.profile_modal(profile, language, metadata))
            return
        if text:
            await respond(
                **blocks.usage_message(
                    say(language, "'{text}' is not something /ai-plan knows.", text=text),
                    say(
                        language,
                        "`/ai-plan` shows where your company should start; admins: `/ai-plan edit` edits the company profile.",
                    ),
                )
            )
            return
        adoption_plan = await asyncio.to_thread(
            services.advisor.plan, workspace_id=command["team_id"], language=language
        )
        plan_blocks = report_blocks.plan_blocks(adoption_plan, services.advisor.rate, language)
        await respond(text=say(language, "Your adoption plan"), blocks=plan_blocks)

    @app.command("/ai-budget")
    async def budget(command: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient) -> None:
        text = command.get("text", "").strip()
        language = await _language(services, client, command, text)
        try:
            request = arguments.parse_budget_command(text, language)
        except ArgumentError as error:
            await respond(**blocks.usage_message(error.problem, error.usage))
            return
        if isinstance(request, arguments.BudgetHelp):
            await respond(text=arguments.budget_usage(language))
            return
        changing = not isinstance(request, arguments.ShowBudget)
        is_admin = await services.people.is_admin(client, command["user_id"], fresh=changing)
        if changing:
            if not is_admin:
                await respond(text=not_admin(language, "budgets"))
                return
            done = await asyncio.to_thread(apply_budget_command, services, request, command, language)
            await respond(text=done)
        await respond(
            **await budget_message(
                services, command["team_id"], command.get("channel_id"), command["user_id"], language, is_admin
            )
        )

    @app.command("/ai-inventory")
    async def inventory(command: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient) -> None:
        text = command.get("text", "").strip()
        language = await _language(services, client, command, text)
        words = text.split()
        if words and words[0].lower() == "update":
            await respond(text=await record_price(services, client, command, words[1:], language))
            return
        if words:
            await respond(
                **blocks.usage_message(
                    say(language, "'{text}' is not something /ai-inventory knows.", text=text),
                    inventory_usage(language),
                )
            )
            return
        report = await asyncio.to_thread(services.inventories.current, None, language, command["team_id"])
        await respond(**inventory_message(report, services.advisor.catalog, language))


def inventory_usage(language: str) -> str:
    return say(
        language,
        "`/ai-inventory` shows what got cheaper this month. Admins record a price they saw: "
        "`/ai-inventory update TOOL_ID PRICE CURRENCY/UNIT [SOURCE_URL]`, e.g. "
        "`/ai-inventory update chatgpt-plus 20 USD/seat https://help.openai.com/en/articles/6950777`",
    )


async def record_price(
    services: SlackServices, client: AsyncWebClient, command: dict[str, Any], words: list[str], language: str
) -> str:
    """An admin's `update`: stored when every part is valid, else what was wrong and the usage."""
    if not await services.people.is_admin(client, command["user_id"], fresh=True):
        return not_admin(language, "prices")
    try:
        point = await asyncio.to_thread(services.inventories.record_price_words, words, command["user_id"])
    except ValueError as error:
        return f"{error}.\n{inventory_usage(language)}"
    price = format_money(point.amount, point.currency)
    return say(
        language,
        "Recorded {item} ({plan}): {price} {unit}, seen {day}.",
        item=point.item_id,
        plan=point.plan,
        price=price,
        unit=point.unit,
        day=point.observed_on,
    )


async def _language(services: SlackServices, client: AsyncWebClient, command: dict[str, Any], text: str) -> str:
    """Japanese when the command's text is; otherwise the person's Slack locale.

    A command's text is mostly keywords and figures ("set workspace 2000000"), too little
    to judge a language by, so the locale decides unless the text is Japanese.
    """
    if detect_language(text, "") == "ja":
        return "ja"
    return await services.people.language(client, command["user_id"])


async def _open_modal(
    client: AsyncWebClient, command: dict[str, Any], respond: AsyncRespond, language: str, view: dict[str, Any]
) -> None:
    try:
        await client.views_open(trigger_id=command["trigger_id"], view=view)
    except SlackApiError as error:
        logger.warning("views.open failed: %s", slack_error(error))
        await respond(text=say(language, "Slack did not open the form in time; please run the command again."))


def not_admin(language: str, what: Literal["profile", "budgets", "prices"]) -> str:
    """The refusal of a change someone who is not an admin asked for: nothing was changed."""
    if what == "profile":
        return say(
            language, "Only the workspace's admins and owners can change the company profile; nothing was changed."
        )
    if what == "budgets":
        return say(language, "Only the workspace's admins and owners can change budgets; nothing was changed.")
    return say(language, "Only the workspace's admins and owners can change recorded prices; nothing was changed.")


def task_choices(services: SlackServices, language: str) -> list[tuple[str, str]]:
    return [(task.id.value, task.name(language)) for task in services.advisor.catalog.tasks]


async def budget_message(
    services: SlackServices, workspace_id: str, channel_id: str | None, user_id: str, language: str, is_admin: bool
) -> dict[str, Any]:
    budgets = services.advisor.budgets
    asker = services.advisor.asker(workspace_id, channel_id, user_id)
    usages, policy = await asyncio.to_thread(budgets.standing, workspace_id, asker.scopes)
    month = usages[0].month
    return {
        "text": say(language, "AI budget for {month}", month=month),
        "blocks": report_blocks.budget_blocks(usages, policy, month, language, is_admin=is_admin),
    }


def apply_budget_command(services: SlackServices, request: Any, command: dict[str, Any], language: str) -> str:
    """Carry out an admin's budget change and say what changed."""
    budgets = services.advisor.budgets
    workspace_id, user_id = command["team_id"], command["user_id"]
    if isinstance(request, arguments.SetThreshold):
        budgets.set_policy(workspace_id, warn_at=request.percent / 100, updated_by=user_id)
        return say(language, "Warnings now come at {percent}% of a budget.", percent=request.percent)
    if isinstance(request, arguments.SetPolicy):
        budgets.set_policy(workspace_id, at_limit=request.at_limit, updated_by=user_id)
        return say(
            language, "At the limit, questions are now handled by the `{policy}` policy.", policy=request.at_limit
        )
    scope = _scope(request.scope_kind, request.scope_id, command)
    if isinstance(request, arguments.RemoveLimit):
        removed = budgets.remove_limit(workspace_id, scope)
        if removed:
            return say(language, "Removed the limit of {scope}.", scope=scope.label)
        return say(language, "{scope} had no limit.", scope=scope.label)
    budgets.set_limit(workspace_id, scope, request.tokens, request.money_usd, updated_by=user_id)
    if request.money_usd is None:
        return say(
            language, "The monthly limit of {scope} is now {tokens:,} tokens.", scope=scope.label, tokens=request.tokens
        )
    return say(
        language,
        "The monthly limit of {scope} is now {tokens:,} tokens and ${money:,.2f}.",
        scope=scope.label,
        tokens=request.tokens,
        money=request.money_usd,
    )


def _scope(kind: str, scope_id: str | None, command: dict[str, Any]) -> Scope:
    if kind == "workspace":
        return Scope(kind="workspace", id=command["team_id"])
    if kind == "channel":
        return Scope(kind="channel", id=scope_id or command["channel_id"])
    return Scope(kind="user", id=scope_id or command["user_id"])
