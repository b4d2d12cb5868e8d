"""The Slack workspaces the app is installed in: their ids and names, as Slack's `auth.test` gave them.

Questions from Slack are charged to the workspace (team) id of each event. The terminal has
no event: it learns which workspace its bot token belongs to once, from `auth.test`, and
remembers it here under a digest of the token, so that `advisor budget set workspace …`
limits the workspace Slack uses, without asking Slack each time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from bot.store.db import Database, dialect_insert
from bot.store.tables import SlackWorkspaceRow

_workspace = SlackWorkspaceRow.__table__.c
_COLUMNS = (_workspace.team_id, _workspace.name, _workspace.url, _workspace.enterprise_id)
_BY_TOKEN = (
    select(*_COLUMNS)
    .where(_workspace.token_fingerprint == bindparam("fingerprint"))
    .order_by(_workspace.verified_at.desc())
    .limit(1)
)
_BY_ID = select(*_COLUMNS).where(_workspace.team_id == bindparam("team_id"))


def token_fingerprint(token: str) -> str:
    """A SHA-256 digest of a bot token: it tells tokens apart, and the token cannot be read back from it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SlackWorkspace:
    team_id: str
    name: str
    url: str | None = None
    enterprise_id: str | None = None

    @classmethod
    def from_auth_test(cls, answer: dict) -> SlackWorkspace:
        """The workspace an `auth.test` answer names; ValueError if it names none."""
        team_id = answer.get("team_id")
        if not isinstance(team_id, str) or not team_id:
            raise ValueError("Slack's auth.test answer names no workspace (team_id)")
        name = answer.get("team")
        return cls(
            team_id,
            name if isinstance(name, str) and name else team_id,
            answer.get("url") or None,
            answer.get("enterprise_id") or None,
        )


class SlackWorkspaces:
    def __init__(self, database: Database) -> None:
        self._database = database

    def for_token(self, fingerprint: str) -> SlackWorkspace | None:
        """The workspace last verified for the token with this fingerprint, if any."""
        with self._database.reading() as connection:
            row = connection.execute(_BY_TOKEN, {"fingerprint": fingerprint}).one_or_none()
        return SlackWorkspace(*row) if row is not None else None

    def get(self, team_id: str) -> SlackWorkspace | None:
        with self._database.reading() as connection:
            row = connection.execute(_BY_ID, {"team_id": team_id}).one_or_none()
        return SlackWorkspace(*row) if row is not None else None

    def remember(self, workspace: SlackWorkspace, fingerprint: str | None) -> None:
        """Store (or refresh) a workspace and the token it was verified with."""
        values = {
            "team_id": workspace.team_id,
            "name": workspace.name,
            "url": workspace.url,
            "enterprise_id": workspace.enterprise_id,
            "token_fingerprint": fingerprint,
            "verified_at": dt.datetime.now(dt.UTC),
        }
        with self._database.writing() as connection:
            insert = dialect_insert(connection, SlackWorkspaceRow.__table__)
            connection.execute(
                insert.values(values).on_conflict_do_update(
                    index_elements=["team_id"], set_={key: value for key, value in values.items() if key != "team_id"}
                )
            )
