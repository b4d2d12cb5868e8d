"""Modal submissions: the savings calculator, the company profile and the budgets.

Invalid fields are answered with `response_action: errors`, so the person corrects them
in the form; nothing is stored until every field is valid. The profile and budgets are
checked again for admin rights on submit, whoever opened the form.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.budget import Scope
from bot.domain.messages import say
from bot.slack import arguments, ids, report_blocks
from bot.slack.argument_values import json_object
from bot.slack.arguments import FieldErrors
from bot.slack.errors import slack_error
from bot.slack.people import Person
from bot.slack.replies import publish_home, savings_message
from bot.slack.services import SlackServices

T = TypeVar("T")

logger = logging.getLogger(__name__)


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.view(ids.SAVINGS_MODAL)
    async def savings_submitted(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        user_id, team_id = body["user"]["id"], body["team"]["id"]
        language = await services.people.language(client, user_id)
        request = arguments.read_savings_modal(view["state"]["values"], language, services.settings.currency)
        if isinstance(request, dict):
            await ack(response_action="errors", errors=request)
            return
        await ack()
        channel_id = json_object(view.get("private_metadata")).get("channel_id")
        message = await savings_message(services, request, language, team_id, channel_id, user_id, "modal")
        await _tell(client, channel_id, user_id, message)

    @app.view(ids.PROFILE_MODAL)
    async def profile_submitted(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        user_id, team_id = body["user"]["id"], body["team"]["id"]
        read = await _admin_form(services, client, ack, body, view, arguments.read_profile_modal, ids.PROFILE_TASKS)
        if read is None:
            return
        person, profile = read
        advisor = services.advisor
        await asyncio.to_thread(advisor.profiles.save, team_id, profile, user_id)
        metadata = json_object(view.get("private_metadata"))
        if metadata.get("from") == "home":
            await publish_home(services, client, team_id, user_id)
            return
        plan = await asyncio.to_thread(advisor.plan, profile=profile, language=person.language)
        await _tell(
            client,
            metadata.get("channel_id"),
            user_id,
            {
                "text": say(person.language, "Company profile saved."),
                "blocks": report_blocks.plan_blocks(plan, advisor.rate, person.language),
            },
        )

    @app.view(ids.BUDGETS_MODAL)
    async def budgets_submitted(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        user_id, team_id = body["user"]["id"], body["team"]["id"]
        read = await _admin_form(
            services, client, ack, body, view, arguments.read_budgets_modal, ids.BUDGET_WORKSPACE_TOKENS
        )
        if read is None:
            return
        _, changes = read
        await asyncio.to_thread(apply_budget_changes, services, team_id, user_id, changes)
        await publish_home(services, client, team_id, user_id)


async def _admin_form(
    services: SlackServices,
    client: AsyncWebClient,
    ack: AsyncAck,
    body: dict[str, Any],
    view: dict[str, Any],
    read: Callable[[dict[str, Any], str], T | FieldErrors],
    refused_on: str,
) -> tuple[Person, T] | None:
    """An admin form's values, read; else the submission is answered with field errors and None returned.

    Admin rights are checked again on submit, with Slack, whoever opened the form.
    """
    person = await services.people.person(client, body["user"]["id"], fresh=True)
    if not person.is_admin:
        await ack(response_action="errors", errors={refused_on: _admins_only(person.language)})
        return None
    value = read(view["state"]["values"], person.language)
    if isinstance(value, dict):
        await ack(response_action="errors", errors=value)
        return None
    await ack()
    return person, value


def apply_budget_changes(
    services: SlackServices, workspace_id: str, user_id: str, changes: arguments.BudgetChanges
) -> None:
    budgets = services.advisor.budgets
    if changes.workspace_tokens is not None:
        budgets.set_limit(
            workspace_id, Scope(kind="workspace", id=workspace_id), changes.workspace_tokens, updated_by=user_id
        )
    if changes.channel is not None:
        channel_id, tokens = changes.channel
        budgets.set_limit(workspace_id, Scope(kind="channel", id=channel_id), tokens, updated_by=user_id)
    if changes.user is not None:
        member_id, tokens = changes.user
        budgets.set_limit(workspace_id, Scope(kind="user", id=member_id), tokens, updated_by=user_id)
    if changes.warn_at_percent is not None or changes.policy is not None:
        budgets.set_policy(
            workspace_id,
            warn_at=changes.warn_at_percent / 100 if changes.warn_at_percent else None,
            at_limit=changes.policy,
            updated_by=user_id,
        )


def _admins_only(language: str) -> str:
    return say(language, "Only the workspace's admins and owners can change this.")


async def _tell(client: AsyncWebClient, channel_id: str | None, user_id: str, message: dict[str, Any]) -> None:
    """An ephemeral message where the form was opened; a DM when that channel will not take it."""
    if channel_id:
        try:
            await client.chat_postEphemeral(channel=channel_id, user=user_id, **message)
            return
        except SlackApiError as error:
            logger.warning("ephemeral reply in %s failed: %s", channel_id, slack_error(error))
    try:
        await client.chat_postMessage(channel=user_id, **message)
    except SlackApiError as error:
        logger.warning("could not reach %s: %s", user_id, slack_error(error))
