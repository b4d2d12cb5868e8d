"""The App Home tab: this month's usage against the budgets, for everyone; edit buttons for admins."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.app import SlackServices
from bot.slack.home import HomeSummary, home_view

logger = logging.getLogger(__name__)

TOP_SCOPES = 5


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.event("app_home_opened")
    async def show_home(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        await publish_home(services, client, body["team_id"], event["user"])


async def publish_home(services: SlackServices, client: AsyncWebClient, workspace_id: str, user_id: str) -> None:
    """Build the person's Home tab afresh (the figures are this moment's) and publish it."""
    person = await services.people.person(client, user_id)
    summary = await asyncio.to_thread(home_summary, services, workspace_id)
    try:
        await client.views_publish(user_id=user_id, view=home_view(summary, person.language, is_admin=person.is_admin))
    except SlackApiError as error:
        logger.warning("views.publish failed: %s", error.response.get("error"))


def home_summary(services: SlackServices, workspace_id: str) -> HomeSummary:
    advisor = services.advisor
    usage = advisor.budgets.usage_summary(workspace_id)
    savings = services.savings.month_total(workspace_id, usage.month)
    by_kind = {kind: [scope for scope in usage.scopes if scope.scope.kind == kind] for kind in ("workspace", "channel", "user")}
    workspace = by_kind["workspace"][0] if by_kind["workspace"] else advisor.budgets.usage(
        workspace_id, advisor.asker(workspace_id).scopes)[0]

    def busiest(kind: str) -> list:
        spent = [scope for scope in by_kind[kind] if scope.used_tokens + scope.reserved_tokens > 0]
        return sorted(spent, key=lambda scope: -(scope.used_tokens + scope.reserved_tokens))[:TOP_SCOPES]

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
    )
