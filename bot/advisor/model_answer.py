"""What an open question carries on its way to a model (`PreparedQuestion`), and what comes back (`ModelAnswer`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.domain.questions import QuestionStatus
from bot.domain.routing import BudgetRoom, ModelChoice, Route
from bot.domain.tiers import TierNeed
from bot.llm.client import Completion


@dataclass
class PreparedQuestion:
    route: Route
    messages: list[dict[str, str]]
    choice: ModelChoice
    prompt_tokens: int  # our count plus the margin
    need: TierNeed  # the tier the question needs, and why
    room: BudgetRoom | None  # what the budgets allowed when the route was chosen; None: not read


@dataclass
class ModelAnswer:
    text: str
    status: QuestionStatus  # answered, declined, failed
    footer: str = ""  # the sources and what the answer cost
    tier: int | None = None  # of the model that answered
    completion: Completion | None = None
    warnings: list[str] | None = None
    sources: list[str] | None = None  # the catalog ids the answer names, else every one it was given
    route: Route | None = None  # the route, when the budgets routed the question again after a refused reservation

    def usage(self) -> dict[str, Any]:
        """The model, tokens and cost of the call behind the answer, as `Answer`'s fields ({} without a call)."""
        if self.completion is None:
            return {}
        return {
            "model": self.completion.model,
            "prompt_tokens": self.completion.prompt_tokens,
            "completion_tokens": self.completion.completion_tokens,
            "cost_usd": self.completion.cost_usd,
        }
