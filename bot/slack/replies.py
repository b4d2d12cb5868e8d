"""Replies that more than one listener sends: a savings result (from `/ai-savings` and from its form) and
the App Home tab (when it is opened, and after an admin changes a budget from it)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.messages import say
from bot.slack import report_blocks
from bot.slack.arguments import SavingsRequest
from bot.slack.errors import slack_error
from bot.slack.home import TOP_SCOPES_SHOWN, HomeSummary, home_view
from bot.slack.services import SlackServices
from bot.store.savings_log import SavingsSource

logger = logging.getLogger(__name__)


async def savings_message(
    services: SlackServices,
    request: SavingsRequest,
    language: str,
    workspace_id: str,
    channel_id: str | None,
    user_id: str,
    source: SavingsSource,
) -> dict[str, Any]:
    """The savings result as an ephemeral message with a "Share in channel" button; the computation is logged."""
    advisor = services.advisor
    result = advisor.calculate(request.scenario, language, request.ends)
    await asyncio.to_thread(
        services.savings.record, workspace_id, channel_id, user_id, result, task=request.scenario.task, source=source
    )
    label = request.label or _task_label(services, request, language)
    return {
        "text": say(language, "Savings: {label}", label=label),
        "blocks": report_blocks.savings_blocks(
            request.scenario, result, label, language, share_button=True, ends=request.ends
        ),
    }


def _task_label(services: SlackServices, request: SavingsRequest, language: str) -> str:
    baseline = services.advisor.catalog.task(request.task) if request.task else None
    return baseline.name(language) if baseline else say(language, "this task")


async def publish_home(services: SlackServices, client: AsyncWebClient, workspace_id: str, user_id: str) -> None:
    """Build the person's Home tab afresh (the figures are this moment's) and publish it."""
    person = await services.people.person(client, user_id)
    summary = await asyncio.to_thread(home_summary, services, workspace_id)
    try:
        await client.views_publish(user_id=user_id, view=home_view(summary, person.language, is_admin=person.is_admin))
    except SlackApiError as error:
        logger.warning("views.publish failed: %s", slack_error(error))


def home_summary(services: SlackServices, workspace_id: str) -> HomeSummary:
    advisor = services.advisor
    usage = advisor.budgets.usage_summary(workspace_id)
    savings = services.savings.month_total(workspace_id, usage.month)
    by_kind = {
        kind: [scope for scope in usage.scopes if scope.scope.kind == kind] for kind in ("workspace", "channel", "user")
    }
    workspace = (
        by_kind["workspace"][0]
        if by_kind["workspace"]
        else advisor.budgets.usage(workspace_id, advisor.asker(workspace_id).scopes)[0]
    )

    def busiest(kind: str) -> list:
        spent = [scope for scope in by_kind[kind] if scope.used_tokens + scope.reserved_tokens > 0]
        return sorted(spent, key=lambda scope: -(scope.used_tokens + scope.reserved_tokens))[:TOP_SCOPES_SHOWN]

    zero_token = sum(count for path, count in usage.questions_by_path.items() if path != "llm")
    return HomeSummary(
        month=usage.month,
        workspace=workspace,
        top_channels=busiest("channel"),
        top_users=busiest("user"),
        questions=usage.questions,
        zero_token_questions=zero_token,
        escalations=usage.escalations,
        cost_usd=usage.cost_usd,
        savings_computed=savings.computations,
        savings_per_month=savings.savings_per_month,
        policy=advisor.budgets.policy(workspace_id),
        currency=advisor.currency,
        rate=advisor.rate,
        today=advisor.roster.today(),
        models_to_replace=advisor.roster.retiring(),
        feedback=services.feedback.summary(workspace_id, usage.month, services.settings.tz),
    )
