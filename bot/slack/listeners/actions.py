"""Buttons: a deeper answer, sharing a savings result, and the App Home's admin forms."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.messages import say
from bot.slack import ids, report_blocks, views
from bot.slack.asking import Place, answer_question, finish_event
from bot.slack.blocks import without_buttons
from bot.slack.errors import slack_error
from bot.slack.people import Person
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)

STRONGEST_TIER = 3
QUESTION_ID_DIGITS = 18  # a question id fits a 64-bit integer


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.action(ids.DEEPER_ANSWER)
    async def deeper_answer(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        """Re-ask the question one tier up; budgeted like any question, recorded as an escalation."""
        await ack()
        user_id, team_id = body["user"]["id"], body["team"]["id"]
        question_id = _question_id(action.get("value"))
        if question_id is None:
            logger.warning("a deeper-answer button without a question id: nothing to re-ask")
            return
        question = await asyncio.to_thread(services.advisor.questions.get, question_id)
        if question is None or question.workspace_id != team_id:
            return
        claim = await asyncio.to_thread(services.events.claim, f"deeper-{question.id}", team_id, "deeper_answer")
        if claim is None:
            return  # pressed twice, or by two people: one deeper answer
        message = body.get("message") or {}
        channel_id = body["channel"]["id"]
        thread_ts = message.get("thread_ts") or (message.get("ts") if not channel_id.startswith("D") else None)
        place = Place(team_id, channel_id, user_id, thread_ts)
        answer = None
        try:
            await _retire_button(client, channel_id, message, user_id, question.language)
            tier_used = (question.route or {}).get("tier") or question.tier or 1
            answer = await answer_question(
                services,
                client,
                place,
                question.text,
                claim=claim,
                at_least_tier=min(tier_used + 1, STRONGEST_TIER),
                escalated_from=question.id,
            )
        finally:
            await finish_event(services, claim, place, thread_ts, answer)

    @app.action(re.compile(rf"^{ids.CLARIFY_CHOICE}_[0-9]+$"))
    async def clarify_choice(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """A reading chosen for an unclear number: the question, read that way, is answered in the same place."""
        await ack()
        question, label = action.get("value"), (action.get("text") or {}).get("text") or ""
        if not isinstance(question, str) or not question.strip():
            return
        user_id, team_id = body["user"]["id"], body["team"]["id"]
        message = body.get("message") or {}
        channel_id = body["channel"]["id"]
        claim = await asyncio.to_thread(
            services.events.claim, f"clarify-{channel_id}-{message.get('ts')}", team_id, "clarify_choice"
        )
        if claim is None:
            return  # pressed twice, or by two people: one answer
        thread_ts = message.get("thread_ts") or (message.get("ts") if not channel_id.startswith("D") else None)
        place = Place(team_id, channel_id, user_id, thread_ts)
        answer = None
        try:
            language = await services.people.language(client, user_id)
            await _retire_buttons(
                client,
                channel_id,
                message,
                say(language, "<@{user}> chose: {label}", user=user_id, label=label),
            )
            answer = await answer_question(services, client, place, question, claim=claim)
        finally:
            await finish_event(services, claim, place, thread_ts, answer)

    @app.action(ids.FEEDBACK)
    async def feedback(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        """👍 or 👎 on an answer: one vote per person per answer (a second click changes it), said to them alone."""
        await ack()
        vote, _, number = str(action.get("value") or "").partition(" ")
        question_id = _question_id(number)
        if vote not in ("good", "bad") or question_id is None:
            return
        user_id, team_id = body["user"]["id"], body["team"]["id"]
        question = await asyncio.to_thread(services.advisor.questions.get, question_id)
        if question is None or question.workspace_id != team_id:
            return
        await asyncio.to_thread(services.feedback.vote, team_id, question.id, user_id, vote == "good")
        language = await services.people.language(client, user_id)
        thanks = (
            say(language, "Thank you: noted as a good answer.")
            if vote == "good"
            else say(language, "Thank you: noted as not helpful. A _Deeper answer_ asks a stronger model.")
        )
        await respond(text=thanks, response_type="ephemeral", replace_original=False)

    @app.action(ids.SHARE_SAVINGS)
    async def share_savings(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        await ack()
        user_id = body["user"]["id"]
        language = await services.people.language(client, user_id)
        try:
            scenario, ends = report_blocks.shared_scenarios(action.get("value") or "")
        except (ValidationError, ValueError, RecursionError):
            await respond(text=say(language, "That result can no longer be shared; run /ai-savings again."))
            return
        result = services.advisor.calculate(scenario, language, ends)
        baseline = services.advisor.catalog.task(scenario.task) if scenario.task else None
        label = baseline.name(language) if baseline else say(language, "this task")
        channel_id = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        if not channel_id:
            logger.warning("a share button came with no channel")
            return
        try:
            await client.chat_postMessage(
                channel=channel_id,
                text=say(language, "Savings: {label}", label=label),
                blocks=report_blocks.savings_blocks(
                    scenario, result, label, language, share_button=False, shared_by=user_id, ends=ends
                ),
            )
        except SlackApiError as error:
            logger.warning("sharing savings in %s failed: %s", channel_id, slack_error(error))
            await respond(
                text=say(
                    language, "I could not post in this channel. Invite me first (`/invite @AI Adoption Advisor`)."
                ),
                replace_original=False,
            )
            return
        await respond(delete_original=True)

    @app.action(ids.OPEN_BUDGETS)
    async def open_budgets(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        person = await _admin(services, client, body)
        if person is None:
            return
        team_id = body["team"]["id"]
        budgets = services.advisor.budgets
        limits = await asyncio.to_thread(budgets.limits, team_id)
        workspace = next((limit.monthly_tokens for limit in limits if limit.scope.kind == "workspace"), None)
        policy = await asyncio.to_thread(budgets.policy, team_id)
        await _open(client, body, views.budgets_modal(workspace, policy, person.language, ""))

    @app.action(ids.OPEN_PROFILE)
    async def open_profile(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        person = await _admin(services, client, body)
        if person is None:
            return
        profile = await asyncio.to_thread(services.advisor.profiles.get, body["team"]["id"])
        await _open(client, body, views.profile_modal(profile, person.language, json.dumps({"from": "home"})))


async def _admin(services: SlackServices, client: AsyncWebClient, body: dict[str, Any]) -> Person | None:
    """The person who pressed an admin button, if they are an admin (the buttons only show for admins)."""
    person = await services.people.person(client, body["user"]["id"])
    if not person.is_admin:
        logger.info("a non-admin pressed %s", body["actions"][0]["action_id"])
        return None
    return person


def _question_id(value: object) -> int | None:
    """The question a button names (its value, or part of it), or None when it names none."""
    if not isinstance(value, str) or not value.isdigit() or len(value) > QUESTION_ID_DIGITS:
        return None
    return int(value)


async def _retire_button(
    client: AsyncWebClient, channel_id: str, message: dict[str, Any], user_id: str, language: str
) -> None:
    """Replace the answer's button with who asked for the deeper answer, so it is not pressed again."""
    await _retire_buttons(
        client,
        channel_id,
        message,
        say(language, "<@{user}> asked for a deeper answer.", user=user_id),
    )


async def _retire_buttons(client: AsyncWebClient, channel_id: str, message: dict[str, Any], note: str) -> None:
    """Replace a message's buttons with a note of what was pressed, so that they are not pressed again."""
    if not message.get("ts"):
        return
    try:
        await client.chat_update(channel=channel_id, ts=message["ts"], **without_buttons(message, note))
    except SlackApiError as error:
        logger.warning("could not update the answer's button: %s", slack_error(error))


async def _open(client: AsyncWebClient, body: dict[str, Any], view: dict[str, Any]) -> None:
    try:
        await client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError as error:
        logger.warning("views.open failed: %s", slack_error(error))
