"""What the Slack listeners share: the advisor, the people cache and the Slack-side stores."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from bot.advisor.service import Advisor
from bot.settings import Settings
from bot.slack.people import People

if TYPE_CHECKING:
    from bot.advisor.inventories import Inventories
    from bot.store.feedback import AnswerFeedback
    from bot.store.savings_log import SavingsLog
    from bot.store.slack_state import EventClaims, SlackThreads


REFUSAL_MEMORY_SECONDS = 3_600.0
LASTING_REFUSALS = frozenset(
    {
        "unknown_method",
        "method_deprecated",
        "deprecated_endpoint",
        "missing_scope",
        "not_allowed_token_type",
        "access_denied",
        "enterprise_is_restricted",
        "messages_tab_disabled",
    }
)
"""chat.startStream errors that say this workspace or app cannot stream, not that this one call failed."""


@dataclass
class StreamingRefusals:
    """Workspaces whose Slack refused streaming lately (team id → until when, monotonic seconds)."""

    until: dict[str, float] = field(default_factory=dict)

    def refused(self, workspace_id: str) -> bool:
        return self.until.get(workspace_id, 0.0) > time.monotonic()

    def note(self, workspace_id: str, error: str) -> None:
        if error in LASTING_REFUSALS:
            self.until[workspace_id] = time.monotonic() + REFUSAL_MEMORY_SECONDS


@dataclass
class StreamSlots:
    """The answers this process may stream at once (`ADVISOR_STREAMS_AT_ONCE`); the event loop's only."""

    limit: int
    taken: int = 0

    def take(self) -> bool:
        if self.taken >= self.limit:
            return False
        self.taken += 1
        return True

    def give_back(self) -> None:
        self.taken = max(self.taken - 1, 0)


@dataclass
class SlackServices:
    """What the listeners share: the advisor, the people cache and the Slack-side stores (made on first use)."""

    settings: Settings
    advisor: Advisor
    people: People

    @cached_property
    def streaming_refusals(self) -> StreamingRefusals:
        """Workspaces whose Slack refused streaming lately (this process's memory)."""

        return StreamingRefusals()

    @cached_property
    def stream_slots(self) -> StreamSlots:
        return StreamSlots(self.settings.streams_at_once)

    @cached_property
    def events(self) -> EventClaims:
        from bot.store.slack_state import EventClaims

        return EventClaims(self.advisor.database, self.settings.lease)

    @cached_property
    def threads(self) -> SlackThreads:
        from bot.store.slack_state import SlackThreads

        return SlackThreads(self.advisor.database)

    @property
    def inventories(self) -> Inventories:
        return self.advisor.inventories

    @cached_property
    def savings(self) -> SavingsLog:
        from bot.store.savings_log import SavingsLog

        return SavingsLog(self.advisor.database, self.settings.tz)

    @cached_property
    def feedback(self) -> AnswerFeedback:
        from bot.store.feedback import AnswerFeedback

        return AnswerFeedback(self.advisor.database)
