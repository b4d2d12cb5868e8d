"""The modals: every input is read back by its reader, and Slack's limits hold."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.budget import BudgetPolicy
from bot.domain.catalog import Category
from bot.domain.plan import CompanyProfile, TaskProfile
from bot.settings import PROJECT_ROOT
from bot.slack import ids, views
from bot.slack.arguments import (
    BudgetChanges,
    SavingsRequest,
    read_budgets_modal,
    read_profile_modal,
    read_savings_modal,
)
from bot.store.catalog_files import load_catalog

CATALOG = load_catalog(PROJECT_ROOT / "catalog").catalog
TASKS = [(task.id.value, task.name("ja")) for task in CATALOG.tasks]
PROFILE = CompanyProfile(
    name="山田商店", hourly_cost=2800, currency="JPY", language="ja",
    tasks=[
        TaskProfile(task="proposals", label="営業資料", volume=20, minutes_before=300, minutes_after=60),
        TaskProfile(task="求人原稿", volume=10, period="year", outsourcing_unit_cost=(30000, 50000), people=2),
    ],
)  # fmt: skip


def input_ids(prefix: str) -> set[str]:
    """The block ids `ids.py` lists for one modal's inputs."""
    return {value for name, value in vars(ids).items() if name.startswith(prefix) and not name.endswith("_MODAL")}


def all_views(language: str) -> list[dict[str, Any]]:
    return [
        views.savings_modal(TASKS, language, "{}"),
        views.profile_modal(None, language, "{}"),
        views.profile_modal(PROFILE, language, "{}"),
        views.budgets_modal(2_000_000, BudgetPolicy(), language, "{}"),
    ]


def submitted(
    view: dict[str, Any], typed: dict[str, str] | None = None, picked: dict[str, str] | None = None
) -> dict[str, Any]:
    """The `view.state.values` Slack would send: what was typed or picked, else each input's initial value."""
    typed, picked = typed or {}, picked or {}
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block["element"]
        state: dict[str, Any] = {"type": element["type"]}
        if element["type"] == "plain_text_input":
            state["value"] = typed.get(block["block_id"], element.get("initial_value"))
        elif element["type"] in ("static_select", "radio_buttons"):
            options = {option["value"]: option for option in element["options"]}
            state["selected_option"] = options.get(picked.get(block["block_id"], ""), element.get("initial_option"))
        elif element["type"] == "conversations_select":
            state["selected_conversation"] = picked.get(block["block_id"])
        elif element["type"] == "users_select":
            state["selected_user"] = picked.get(block["block_id"])
        values[block["block_id"]] = {element["action_id"]: state}
    return values


# --- the inputs are the ones the readers read ----------------------------------------------


@pytest.mark.parametrize(
    ("view", "callback_id", "prefix"),
    [
        (views.savings_modal(TASKS, "en", ""), ids.SAVINGS_MODAL, "SAVINGS_"),
        (views.profile_modal(None, "en", ""), ids.PROFILE_MODAL, "PROFILE_"),
        (views.budgets_modal(None, BudgetPolicy(), "en", ""), ids.BUDGETS_MODAL, "BUDGET_"),
    ],
)
def test_each_modal_has_its_callback_and_exactly_its_inputs(
    view: dict[str, Any], callback_id: str, prefix: str
) -> None:
    assert (view["type"], view["callback_id"]) == ("modal", callback_id)
    assert {block["block_id"] for block in view["blocks"]} == input_ids(prefix)
    for block in view["blocks"]:
        assert block["element"]["action_id"] == block["block_id"]


def test_the_savings_modal_reads_back_what_was_typed() -> None:
    view = views.savings_modal(TASKS, "ja", '{"channel_id": "C1"}')
    values = submitted(
        view,
        typed={
            ids.SAVINGS_VOLUME: "２０",
            ids.SAVINGS_MINUTES_BEFORE: "5h",
            ids.SAVINGS_MINUTES_AFTER: "60",
            ids.SAVINGS_HOURLY_COST: "3,000",
            ids.SAVINGS_TOOL_COST: "3000",
        },
        picked={ids.SAVINGS_TASK: "proposals", ids.SAVINGS_PERIOD: "week"},
    )
    request = read_savings_modal(values, "ja", "JPY")
    assert isinstance(request, SavingsRequest)
    assert (request.task, request.label) == (Category.PROPOSALS, "提案書・営業資料")
    scenario = request.scenario
    assert (scenario.volume, scenario.period, scenario.minutes_before, scenario.minutes_after) == (20, "week", 300, 60)
    assert (scenario.hourly_cost, scenario.tool_cost_monthly, scenario.outsourcing_unit_cost) == (3000, 3000, None)


def test_the_savings_modal_starts_at_a_month_and_works_without_tasks() -> None:
    view = views.savings_modal([], "en", "")
    assert ids.SAVINGS_TASK not in {block["block_id"] for block in view["blocks"]}
    request = read_savings_modal(
        submitted(view, typed={ids.SAVINGS_VOLUME: "4", ids.SAVINGS_OUTSOURCING: "30000-50000"}), "en", "JPY"
    )
    assert isinstance(request, SavingsRequest)
    assert (request.task, request.scenario.period, request.scenario.outsourcing_unit_cost) == (
        None,
        "month",
        (30000, 50000),
    )


def test_the_savings_modal_marks_only_the_volume_and_period_required() -> None:
    required = {block["block_id"] for block in views.savings_modal(TASKS, "en", "")["blocks"] if not block["optional"]}
    assert required == {ids.SAVINGS_VOLUME, ids.SAVINGS_PERIOD}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_profile_modal_prefilled_reads_back_as_the_profile(language: str) -> None:
    view = views.profile_modal(PROFILE, language, "")
    assert read_profile_modal(submitted(view), language) == PROFILE


def test_an_empty_profile_modal_starts_in_yen_and_the_readers_language() -> None:
    blocks = {block["block_id"]: block["element"] for block in views.profile_modal(None, "en", "")["blocks"]}
    assert blocks[ids.PROFILE_CURRENCY]["initial_option"]["value"] == "JPY"
    assert blocks[ids.PROFILE_LANGUAGE]["initial_option"]["value"] == "en"
    assert "initial_value" not in blocks[ids.PROFILE_TASKS] and blocks[ids.PROFILE_TASKS]["multiline"]
    read = read_profile_modal(
        submitted(
            views.profile_modal(None, "en", ""),
            typed={ids.PROFILE_HOURLY_COST: "3000", ids.PROFILE_TASKS: "proposals, 20/month, 300 min"},
        ),
        "en",
    )
    assert read == CompanyProfile(
        hourly_cost=3000, language="en", tasks=[TaskProfile(task="proposals", volume=20, minutes_before=300)]
    )


def test_the_budgets_modal_prefilled_reads_back_as_the_current_settings() -> None:
    view = views.budgets_modal(2_000_000, BudgetPolicy(warn_at=0.75, at_limit="downgrade"), "en", "")
    assert read_budgets_modal(submitted(view), "en") == BudgetChanges(
        workspace_tokens=2_000_000, warn_at_percent=75, policy="downgrade"
    )


def test_the_budgets_modal_reads_a_picked_channel_and_person() -> None:
    view = views.budgets_modal(None, BudgetPolicy(), "ja", "")
    values = submitted(
        view,
        typed={ids.BUDGET_CHANNEL_TOKENS: "20万", ids.BUDGET_USER_TOKENS: "50k"},
        picked={ids.BUDGET_CHANNEL: "C0123", ids.BUDGET_USER: "U0456"},
    )
    assert read_budgets_modal(values, "ja") == BudgetChanges(
        channel=("C0123", 200_000), user=("U0456", 50_000), warn_at_percent=80, policy="block"
    )


def test_the_budgets_modal_lists_public_and_private_channels() -> None:
    blocks = {
        block["block_id"]: block["element"] for block in views.budgets_modal(None, BudgetPolicy(), "en", "")["blocks"]
    }
    assert blocks[ids.BUDGET_CHANNEL]["type"] == "conversations_select"
    assert blocks[ids.BUDGET_CHANNEL]["filter"]["include"] == ["public", "private"]
    assert blocks[ids.BUDGET_USER]["type"] == "users_select"


# --- Slack's limits ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_modals_keep_within_slacks_limits(language: str) -> None:
    for view in all_views(language):
        assert len(view["title"]["text"]) <= 24
        assert len(view["submit"]["text"]) <= 24 and len(view["close"]["text"]) <= 24
        assert len(view["blocks"]) <= 100
        for block in view["blocks"]:
            element = block["element"]
            assert len(block["label"]["text"]) <= 2_000 and len(block.get("hint", {}).get("text", "")) <= 2_000
            assert len(element.get("placeholder", {}).get("text", "")) <= 150
            if element["type"] == "plain_text_input":
                assert 0 < element["max_length"] <= 3_000
                assert len(element.get("initial_value", "")) <= element["max_length"]
            for option in element.get("options", []):
                assert len(option["text"]["text"]) <= 75 and len(option["value"]) <= 150
            if "initial_option" in element:
                assert element["initial_option"] in element["options"]


def test_the_modals_speak_the_readers_language() -> None:
    for english, japanese in zip(all_views("en"), all_views("ja"), strict=True):
        for part in ("title", "submit", "close"):
            assert english[part]["text"] != japanese[part]["text"]
        assert [block["label"]["text"] for block in english["blocks"]] != [
            block["label"]["text"] for block in japanese["blocks"]
        ]
    hints = [block.get("hint", {}).get("text", "") for block in views.profile_modal(None, "ja", "")["blocks"]]
    assert any("提案書, 月20件, 300分, 60分" in hint for hint in hints)


def test_long_option_labels_are_shortened_to_fit() -> None:
    view = views.savings_modal([("proposals", "x" * 200)], "en", "")
    option = view["blocks"][0]["element"]["options"][0]
    assert len(option["text"]["text"]) == 75 and option["text"]["text"].endswith("…") and option["value"] == "proposals"


@pytest.mark.parametrize(
    "build",
    [
        lambda: views.savings_modal(TASKS, "en", "x" * 3_001),
        lambda: views.profile_modal(None, "en", "x" * 3_001),
        lambda: views.budgets_modal(None, BudgetPolicy(), "en", "x" * 3_001),
        lambda: views.savings_modal([(f"task{n}", "t") for n in range(101)], "en", ""),
        lambda: views.profile_modal(PROFILE.model_copy(update={"tasks": PROFILE.tasks * 60}), "en", ""),
    ],
)
def test_a_modal_slack_would_reject_is_not_built(build: Any) -> None:
    with pytest.raises(ValueError, match="breaks a Slack limit"):
        build()


def test_private_metadata_up_to_the_limit_is_kept() -> None:
    metadata = "x" * 3_000
    assert views.savings_modal(TASKS, "en", metadata)["private_metadata"] == metadata
