"""What Slack said when a Web API call failed, whatever shape its answer had."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def slack_error(error: SlackApiError) -> str:
    """Slack's error code ("not_in_channel"); the HTTP status when the answer was not Slack's JSON (a proxy's page)."""
    data = error.response.data
    if isinstance(data, dict):
        return str(data.get("error"))
    return f"HTTP {error.response.status_code}"
