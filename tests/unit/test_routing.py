"""Choosing the cheapest model that fits the need, the window and the budget."""

from __future__ import annotations

import pytest

from bot.domain.routing import ANSWER_TOKENS, BudgetRoom, ModelSpec, choose_model, fitting_models, with_margin

PER_M = 1e-6
NANO = ModelSpec(
    name="nano",
    model="openai/nano",
    tier=1,
    input_cost_per_token=0.05 * PER_M,
    output_cost_per_token=0.40 * PER_M,
    max_input_tokens=272_000,
)
TURBO = ModelSpec(
    name="turbo",
    model="dashscope/turbo",
    tier=1,
    input_cost_per_token=0.05 * PER_M,
    output_cost_per_token=0.20 * PER_M,
    max_input_tokens=129_024,
)
MINI = ModelSpec(
    name="mini",
    model="openai/mini",
    tier=2,
    input_cost_per_token=0.25 * PER_M,
    output_cost_per_token=2.0 * PER_M,
    max_input_tokens=272_000,
)
PLUS = ModelSpec(
    name="plus",
    model="dashscope/plus",
    tier=2,
    input_cost_per_token=0.40 * PER_M,
    output_cost_per_token=1.2 * PER_M,
    max_input_tokens=129_024,
)
MAX = ModelSpec(
    name="max",
    model="dashscope/max",
    tier=3,
    input_cost_per_token=1.6 * PER_M,
    output_cost_per_token=6.4 * PER_M,
    max_input_tokens=30_720,
)
BIG = ModelSpec(
    name="big",
    model="openai/big",
    tier=3,
    input_cost_per_token=2.5 * PER_M,
    output_cost_per_token=15.0 * PER_M,
    max_input_tokens=1_050_000,
)
ALL = [BIG, MAX, PLUS, MINI, TURBO, NANO]
UNLIMITED = BudgetRoom()


def test_the_cheapest_model_of_the_needed_tier_wins() -> None:
    choice = choose_model(ALL, 1, 800, UNLIMITED)
    assert choice.model == TURBO  # same input price as nano, cheaper output
    assert [m.name for m in choice.fallbacks] == ["nano", "plus", "mini", "max", "big"]
    assert "turbo is the cheapest" in choice.reason


def test_a_higher_tier_is_never_skipped_below_the_need() -> None:
    choice = choose_model(ALL, 2, 800, UNLIMITED)
    assert choice.model is not None and choice.model.tier >= 2
    assert all(model.tier >= 2 for model in choice.fallbacks)
    # plus: 800 × 0.40 + 800 × 1.2 = 1,280 µ$; mini: 800 × 0.25 + 800 × 2.0 = 1,800 µ$
    assert choice.model == PLUS


def test_a_long_prompt_skips_models_whose_window_is_too_small() -> None:
    prompt = 30_000  # fits max's 30,720-token window only without the 1,200-token answer
    choice = choose_model(ALL, 3, prompt, UNLIMITED)
    assert choice.model == BIG
    assert MAX not in fitting_models(ALL, 3, prompt)


def test_estimated_cost_counts_the_whole_answer() -> None:
    assert MINI.estimated_cost(1_000) == pytest.approx(1_000 * 0.25e-6 + ANSWER_TOKENS[2] * 2.0e-6)


def test_the_margin_only_ever_adds() -> None:
    assert with_margin(0) > 0
    assert all(with_margin(n) >= n * 1.15 for n in (1, 100, 1_000, 50_000))


def test_a_tight_token_budget_allows_one_tier_lower() -> None:
    room = BudgetRoom(tokens=800 + ANSWER_TOKENS[2], limited_by="channel C1")  # enough for tier 2, not 3
    choice = choose_model(ALL, 3, 800, room)
    assert choice.model is not None and choice.model.tier == 2
    assert "channel C1" in choice.reason


def test_block_policy_declines_two_tiers_down() -> None:
    room = BudgetRoom(tokens=800 + ANSWER_TOKENS[1], limited_by="user U1")  # enough for tier 1 only
    choice = choose_model(ALL, 3, 800, room, at_limit="block")
    assert choice.model is None and choice.declined == "budget"


def test_downgrade_policy_goes_down_to_tier_one() -> None:
    room = BudgetRoom(tokens=800 + ANSWER_TOKENS[1])
    choice = choose_model(ALL, 3, 800, room, at_limit="downgrade")
    assert choice.model is not None and choice.model.tier == 1


def test_a_money_limit_picks_the_cheapest_it_covers() -> None:
    prompt = 1_000
    room = BudgetRoom(money_usd=MINI.estimated_cost(prompt) * 1.01)  # covers both tier-2 models: plus is cheaper
    choice = choose_model(ALL, 2, prompt, room)
    assert choice.model == PLUS
    room = BudgetRoom(money_usd=PLUS.estimated_cost(prompt) * 0.99)  # no tier-2 model: one tier down
    choice = choose_model(ALL, 2, prompt, room)
    assert choice.model is not None and choice.model.tier == 1


def test_no_budget_left_declines() -> None:
    choice = choose_model(ALL, 1, 800, BudgetRoom(tokens=0, limited_by="the workspace"))
    assert (choice.model, choice.declined) == (None, "budget")


def test_no_models_and_too_long() -> None:
    assert choose_model([], 1, 800, UNLIMITED).declined == "no_model"
    assert choose_model([TURBO, MAX], 1, 200_000, UNLIMITED).declined == "too_long"


def test_the_strongest_available_serves_when_no_model_reaches_the_need() -> None:
    choice = choose_model([NANO, MINI], 3, 800, UNLIMITED)
    assert choice.model == MINI
    assert "No configured model reaches tier 3" in choice.reason
