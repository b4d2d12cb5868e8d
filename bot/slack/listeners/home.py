"""The App Home tab: this month's usage against the budgets, for everyone; edit buttons for admins."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.replies import publish_home
from bot.slack.services import SlackServices


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.event("app_home_opened")
    async def show_home(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        await publish_home(services, client, body["team_id"], event["user"])
