"""Which workspace a terminal command is about.

Slack charges each question to the workspace (team) id in its event. So that a budget set in
the terminal limits what Slack spends, the terminal acts on the same workspace:

1. `--workspace T0123ABCD`, when given;
2. else `ADVISOR_WORKSPACE`, when it is set;
3. else, when `SLACK_BOT_TOKEN` is set, the workspace that token is installed in: asked of
   Slack (`auth.test`) the first time and remembered in the database from then on;
4. else `local`, the terminal's own workspace when there is no Slack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from bot.settings import Settings
    from bot.store.db import Database
    from bot.store.workspaces import SlackWorkspace, SlackWorkspaces

LOCAL = "local"
WORKSPACE_HELP = (
    "Slack team id (default: the workspace SLACK_BOT_TOKEN is installed in; without Slack, "
    "ADVISOR_WORKSPACE or 'local')."
)
AUTH_TEST_TIMEOUT_SECONDS = 10
_WORKSPACE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True)
class CliWorkspace:
    id: str
    name: str | None = None
    """Slack's name for the workspace, when the app has seen it."""
    known_to_slack: bool = False

    @property
    def label(self) -> str:
        """How the terminal names it: `Sato Seisakusho (T0123ABCD)`, or `local (no Slack workspace)`."""
        if self.name:
            return f"{self.name} ({self.id})"
        return f"{self.id} (no Slack workspace)" if self.id == LOCAL else self.id

    def as_json(self) -> dict[str, str | None]:
        return {"workspace": self.id, "workspace_name": self.name}


def checked_workspace_id(value: str) -> str:
    cleaned = value.strip()
    if not _WORKSPACE_ID.match(cleaned):
        raise click.BadParameter(
            f"{value!r} is not a workspace id; give a Slack team id such as T0123ABCD "
            f"(`advisor budget show` names yours), or {LOCAL!r}",
            param_hint="--workspace",
        )
    return cleaned


def resolve_workspace(
    settings: Settings, database: Callable[[], Database], explicit: str | None, named: bool = True
) -> CliWorkspace:
    """The workspace a command acts on (see the module's docstring).

    With `named`, a workspace given by id carries its Slack name when the app has seen it.
    The database is opened only when it is needed, so that a question answered from the
    catalog still starts in a fraction of a second.
    """
    if explicit is not None or "workspace_id" in settings.model_fields_set:
        workspace_id = checked_workspace_id(explicit) if explicit is not None else settings.workspace_id
        if not named:
            return CliWorkspace(workspace_id)
        from bot.store.workspaces import SlackWorkspaces

        known = SlackWorkspaces(database()).get(workspace_id)
        return CliWorkspace(workspace_id, known.name if known else None, known is not None)
    if settings.slack_bot_token is None:
        return CliWorkspace(LOCAL)
    from bot.store.workspaces import SlackWorkspaces

    installed = _installed_workspace(settings, SlackWorkspaces(database()))
    return CliWorkspace(installed.team_id, installed.name, True)


def _installed_workspace(settings: Settings, workspaces: SlackWorkspaces) -> SlackWorkspace:
    from bot.store.workspaces import SlackWorkspace, token_fingerprint

    token = settings.slack_bot_token.get_secret_value()  # type: ignore[union-attr]  # only called with the bot token set
    fingerprint = token_fingerprint(token)
    if (remembered := workspaces.for_token(fingerprint)) is not None:
        return remembered
    answer = _auth_test(settings, token)
    try:
        installed = SlackWorkspace.from_auth_test(answer)
    except ValueError as error:
        raise click.ClickException(f"{error}: name the workspace with --workspace T0123ABCD") from None
    workspaces.remember(installed, fingerprint)
    return installed


def _auth_test(settings: Settings, token: str) -> dict:
    """Slack's `auth.test` for the bot token, or a ClickException that says what to do."""
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError, SlackClientError

    client = WebClient(
        token=token, base_url=settings.slack_api_url or WebClient.BASE_URL, timeout=AUTH_TEST_TIMEOUT_SECONDS
    )
    try:
        return dict(client.auth_test().data)  # type: ignore[arg-type]  # auth.test answers a JSON object
    except SlackApiError as error:
        reason = error.response.get("error") if isinstance(error.response.data, dict) else None
        raise click.ClickException(
            f"Slack refused SLACK_BOT_TOKEN ({reason or error.response.status_code}), so the terminal cannot tell "
            "which workspace it is for: copy the Bot User OAuth Token (xoxb-…) of your installed app into .env, "
            "or name the workspace with --workspace T0123ABCD"
        ) from None
    except (SlackClientError, OSError) as error:
        raise click.ClickException(
            f"could not reach Slack to learn which workspace SLACK_BOT_TOKEN is installed in ({error}); try again, "
            "or name the workspace with --workspace T0123ABCD"
        ) from None
