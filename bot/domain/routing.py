"""Which model answers an open question: the cheapest that fits the need and the budget.

Pure rules over plain data. The prices and context windows come from LiteLLM's cost map
through the `llm` adapter; the budget room comes from the store. Keeping the choice here
means one place explains every routing decision.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.budget import ScopeUsage
from bot.domain.tiers import TierNeed

Tier = Literal[1, 2, 3]
TIER_NAMES: dict[int, str] = {1: "small", 2: "mid", 3: "strong"}

# How long an answer of each tier may be. A stronger model is asked harder questions,
# which need longer answers; a model's own entry may set another figure.
ANSWER_TOKENS: dict[int, int] = {1: 500, 2: 800, 3: 1200}

# Token counts differ between tokenizers (Qwen's and OpenAI's disagree on Japanese by a
# few per cent), and ours (`domain.tokens`) is an estimate calibrated on OpenAI's, so a
# reservation carries a margin over our count of the prompt.
PROMPT_MARGIN = 0.15
PROMPT_MARGIN_TOKENS = 16


class ModelSpec(BaseModel):
    """A configured model as routing sees it: tier, prices in USD per token, limits."""

    model_config = ConfigDict(frozen=True)

    name: str
    model: str = Field(description="the LiteLLM model id, e.g. openai/gpt-5-nano")
    tier: int = Field(ge=1, le=3)
    input_cost_per_token: float = Field(gt=0)
    output_cost_per_token: float = Field(gt=0)
    max_input_tokens: int | None = None
    max_output_tokens: int | None = None
    answer_tokens: int | None = Field(default=None, description="max_tokens for this model; else by tier")
    retires_on: dt.date | None = Field(default=None, description="the provider's shutdown date, if known")

    @property
    def max_tokens(self) -> int:
        wanted = self.answer_tokens or ANSWER_TOKENS[self.tier]
        return min(wanted, self.max_output_tokens) if self.max_output_tokens else wanted

    def estimated_cost(self, prompt_tokens: int) -> float:
        """The most this model can cost for a prompt: every answer token used."""
        return prompt_tokens * self.input_cost_per_token + self.max_tokens * self.output_cost_per_token

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return prompt_tokens * self.input_cost_per_token + completion_tokens * self.output_cost_per_token

    def holds(self, prompt_tokens: int) -> bool:
        """Whether the context window takes the prompt plus the whole answer."""
        if self.max_input_tokens is None:
            return True
        return prompt_tokens + self.max_tokens <= self.max_input_tokens


def with_margin(counted_prompt_tokens: int) -> int:
    """The prompt tokens to plan and reserve for, given our own count."""
    return math.ceil(counted_prompt_tokens * (1 + PROMPT_MARGIN)) + PROMPT_MARGIN_TOKENS


@dataclass(frozen=True)
class BudgetRoom:
    """What the tightest applicable budget still allows this month (None: no limit)."""

    tokens: int | None = None
    money_usd: float | None = None
    limited_by: str | None = None  # the scope that leaves the least, e.g. "channel C123"

    def covers(self, tokens: int, money_usd: float) -> bool:
        if self.tokens is not None and tokens > self.tokens:
            return False
        return self.money_usd is None or money_usd <= self.money_usd


@dataclass
class ModelChoice:
    """The routing decision for one open question."""

    need: int
    model: ModelSpec | None
    reason: str
    fallbacks: list[ModelSpec] = field(default_factory=list)
    declined: Literal["budget", "no_model", "too_long"] | None = None


def fitting_models(models: list[ModelSpec], need: int, prompt_tokens: int) -> list[ModelSpec]:
    """Models of at least the needed tier whose window holds the prompt, cheapest first."""
    fitting = [model for model in models if model.tier >= need and model.holds(prompt_tokens)]
    return sorted(fitting, key=lambda model: (model.estimated_cost(prompt_tokens), model.tier, model.name))


def choose_model(
    models: list[ModelSpec],
    need: int,
    prompt_tokens: int,
    room: BudgetRoom,
    at_limit: Literal["block", "downgrade"] = "block",
) -> ModelChoice:
    """The cheapest fitting model the budget can pay for.

    When the budget cannot cover the cheapest model of the needed tier, a model one tier
    below is acceptable (the `block` policy); with the `downgrade` policy any lower tier
    is, down to tier 1. Otherwise the question is declined. `prompt_tokens` already
    carries the margin (see `with_margin`).
    """
    if not models:
        return ModelChoice(need, None, "No language model is configured with an API key.", declined="no_model")
    if not any(model.holds(prompt_tokens) for model in models):
        return ModelChoice(
            need,
            None,
            f"The question is too long for every configured model ({prompt_tokens:,} tokens).",
            declined="too_long",
        )
    reach = min(need, max(model.tier for model in models if model.holds(prompt_tokens)))
    fitting = fitting_models(models, reach, prompt_tokens)
    affordable = [model for model in fitting if _room_covers(room, model, prompt_tokens)]
    if affordable:
        best = affordable[0]
        if reach < need:
            reason = f"No configured model reaches tier {need}; {best.name} is the cheapest of the strongest there are."
        elif best is not fitting[0]:
            reason = f"The budget left ({room.limited_by}) cannot pay for {fitting[0].name}; {best.name} is the cheapest it covers."
        else:
            others = len(fitting) - 1
            reason = (
                f"Tier {need} ({TIER_NAMES[need]}) is enough; {best.name} is the cheapest model that fits, "
                f"at most ${best.estimated_cost(prompt_tokens):.5f}"
                + (f" ({others} other{'s' if others > 1 else ''} fit but cost more)." if others else ".")
            )
        return ModelChoice(need, best, reason, fallbacks=affordable[1:])

    lowest_tier = 1 if at_limit == "downgrade" else max(1, reach - 1)
    lower = [
        model
        for model in fitting_models(models, lowest_tier, prompt_tokens)
        if model.tier < reach and _room_covers(room, model, prompt_tokens)
    ]
    if lower:
        best = lower[0]
        return ModelChoice(
            need,
            best,
            f"The budget left ({room.limited_by}) cannot pay for a tier {reach} model; "
            f"{best.name} (tier {best.tier}) is the cheapest it covers.",
            fallbacks=lower[1:],
        )
    return ModelChoice(
        need,
        None,
        f"The budget left ({room.limited_by}) cannot pay for any model that fits this question.",
        declined="budget",
    )


def _room_covers(room: BudgetRoom, model: ModelSpec, prompt_tokens: int) -> bool:
    return room.covers(prompt_tokens + model.max_tokens, model.estimated_cost(prompt_tokens))


class Route(BaseModel):
    """How a question is answered, decided before any model is called."""

    path: str = Field(description="calculator, catalog, plan, budget, refused or llm")
    language: str
    tier: int | None = Field(default=None, description="the tier of the chosen model")
    needed_tier: int | None = None
    model: str | None = None
    estimated_prompt_tokens: int = 0
    estimated_cost_usd: float = 0.0
    tools: list[str] = Field(default_factory=list, description="catalog ids retrieved")
    reason: str
    declined: Literal["budget", "no_model", "too_long"] | None = None
    fallbacks: list[str] = Field(default_factory=list)


def route_of(choice: ModelChoice, need: TierNeed, language: str, prompt_tokens: int, tools: list[str]) -> Route:
    """The route of a question to a model: the choice made for the tier it needs, and what it would cost."""
    model = choice.model
    return Route(
        path="llm",
        language=language,
        tier=model.tier if model else None,
        needed_tier=need.tier,
        model=model.name if model else None,
        estimated_prompt_tokens=prompt_tokens,
        estimated_cost_usd=round(model.estimated_cost(prompt_tokens), 8) if model else 0.0,
        tools=tools,
        reason=f"{need.reason} {choice.reason}",
        declined=choice.declined,
        fallbacks=[fallback.name for fallback in choice.fallbacks],
    )


def tightest_room(usages: list[ScopeUsage]) -> BudgetRoom:
    """The least room left across the scopes, and which scope leaves it."""
    tokens: int | None = None
    money: float | None = None
    limited_by: str | None = None
    for usage in usages:
        left_tokens, left_money = usage.remaining_tokens, usage.remaining_money_usd
        if left_tokens is not None and (tokens is None or left_tokens < tokens):
            tokens, limited_by = left_tokens, usage.scope.label
        if left_money is not None and (money is None or left_money < money):
            money = left_money
            limited_by = limited_by or usage.scope.label
    return BudgetRoom(tokens=tokens, money_usd=money, limited_by=limited_by)
