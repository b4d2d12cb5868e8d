"""Who is asking: whether a person may change budgets, and the language to answer in.

Both come from `users.info` (admins and owners of the workspace, the Slack locale) and
are kept for a few minutes, so that a burst of commands costs one Web API call a person.
A change (a budget, the company profile, a recorded price) asks Slack afresh: rights
taken away a minute ago, or in another process's view, are not used.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.errors import slack_error

logger = logging.getLogger(__name__)

KEEP_SECONDS = 300.0


@dataclass(frozen=True)
class Person:
    user_id: str
    is_admin: bool
    language: str  # "ja" or "en", from the Slack locale


class People:
    def __init__(self, admin_user_ids: list[str], default_language: str, keep_seconds: float = KEEP_SECONDS) -> None:
        self._admin_user_ids = set(admin_user_ids)
        self._default_language = default_language
        self._keep_seconds = keep_seconds
        self._known: dict[str, tuple[float, Person]] = {}

    async def person(self, client: AsyncWebClient, user_id: str, *, fresh: bool = False) -> Person:
        """The person behind `user_id`; when Slack cannot say, not an admin (unless listed) and the default language.

        `fresh` asks Slack even when the person is known from a few minutes ago.
        """
        now = time.monotonic()
        known = self._known.get(user_id)
        if known and not fresh and now - known[0] < self._keep_seconds:
            return known[1]
        try:
            response = await client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            logger.warning("users.info for %s failed: %s", user_id, slack_error(error))
            return Person(user_id, user_id in self._admin_user_ids, self._default_language)
        user = response.get("user")
        if not isinstance(user, dict):  # not what users.info answers: known to no one, as above
            logger.warning("users.info for %s answered without the user", user_id)
            return Person(user_id, user_id in self._admin_user_ids, self._default_language)
        is_admin = user_id in self._admin_user_ids or any(
            user.get(flag) for flag in ("is_admin", "is_owner", "is_primary_owner")
        )
        locale = str(user.get("locale") or "")
        language = "ja" if locale.startswith("ja") else "en" if locale else self._default_language
        person = Person(user_id, is_admin, language)
        self._known[user_id] = (now, person)
        return person

    async def is_admin(self, client: AsyncWebClient, user_id: str, *, fresh: bool = False) -> bool:
        return (await self.person(client, user_id, fresh=fresh)).is_admin

    async def language(self, client: AsyncWebClient, user_id: str) -> str:
        return (await self.person(client, user_id)).language
