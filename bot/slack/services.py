"""What the Slack listeners share: the advisor, the people cache and the Slack-side stores."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass
class SlackServices:
    """What the listeners share: the advisor, the people cache and the Slack-side stores (made on first use)."""

    settings: Settings
    advisor: Advisor
    people: People

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
