"""The Slack app manifest asks for exactly what the app uses, and offers what it handles."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.domain.catalog import Catalog
from bot.domain.intents import classify
from bot.settings import PROJECT_ROOT

SLACK_CODE = PROJECT_ROOT / "bot" / "slack"
# The bot scopes each Web API method the app calls needs (https://api.slack.com/methods).
SCOPES_OF_METHOD = {
    "chat_postMessage": {"chat:write"},
    "chat_update": {"chat:write"},
    "chat_delete": {"chat:write"},
    "chat_stream": {"chat:write"},
    "assistant_threads_setStatus": {"assistant:write"},
    "assistant_threads_setSuggestedPrompts": {"assistant:write"},
    "chat_postEphemeral": {"chat:write"},
    "users_info": {"users:read"},
    "conversations_replies": {"channels:history", "groups:history", "im:history"},
    "views_open": set(),
    "views_publish": set(),
    "files_upload_v2": {"files:write"},
    "auth_test": set(),
}
SCOPES_OF_EVENT = {
    "app_mention": {"app_mentions:read"},
    "app_home_opened": set(),
    "assistant_thread_started": {"assistant:write"},
    "assistant_thread_context_changed": {"assistant:write"},
    "message.channels": {"channels:history"},
    "message.groups": {"groups:history"},
    "message.im": {"im:history"},
}


def manifest() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "manifest.yml").read_text(encoding="utf-8"))


def source() -> str:
    """The code that talks to Slack: the app, and the clock that posts the monthly inventory (in `bot/slack/`)."""
    paths = sorted(SLACK_CODE.rglob("*.py"))
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


def test_the_scopes_are_exactly_those_of_the_calls_events_and_commands_the_app_uses() -> None:
    called = set(re.findall(r"client\.(\w+)\(", source()))
    assert called <= SCOPES_OF_METHOD.keys(), (
        f"add the scopes of {called - SCOPES_OF_METHOD.keys()} here and in the manifest"
    )
    events = set(manifest()["settings"]["event_subscriptions"]["bot_events"])
    needed = {"commands"}.union(
        *(SCOPES_OF_METHOD[method] for method in called), *(SCOPES_OF_EVENT[event] for event in events)
    )
    assert set(manifest()["oauth_config"]["scopes"]["bot"]) == needed


def test_every_command_and_event_in_the_manifest_has_a_listener() -> None:
    code = source()
    commands = [command["command"] for command in manifest()["features"]["slash_commands"]]
    assert sorted(commands) == ["/ai-budget", "/ai-inventory", "/ai-plan", "/ai-savings"]
    for command in commands:
        assert f'@app.command("{command}")' in code
    listened = set(re.findall(r'@app\.event\("(\w+)"\)', code))
    subscribed = {event.split(".")[0] for event in manifest()["settings"]["event_subscriptions"]["bot_events"]}
    assert subscribed == listened


def test_commands_escape_mentions_so_budget_commands_get_ids() -> None:
    assert all(command["should_escape"] for command in manifest()["features"]["slash_commands"])


def test_socket_mode_interactivity_and_the_home_tab_are_on() -> None:
    settings, features = manifest()["settings"], manifest()["features"]
    assert settings["socket_mode_enabled"] and settings["interactivity"]["is_enabled"]
    assert features["app_home"]["home_tab_enabled"]


def test_the_ai_app_view_suggests_what_the_code_suggests_in_english() -> None:
    from bot.slack.listeners.assistant import suggested_prompts

    view = manifest()["features"]["agent_view"]
    assert view["agent_description"].strip()
    assert view["suggested_prompts"] == suggested_prompts("en")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_suggested_prompt_is_answered_at_zero_tokens_in_its_language(catalog: Catalog, language: str) -> None:
    from bot.slack.listeners.assistant import suggested_prompts

    prompts = suggested_prompts(language)
    assert len(prompts) == 4 and len({prompt["message"] for prompt in prompts}) == 4
    for prompt in prompts:
        intent = classify(prompt["message"], catalog, "en")
        assert intent.language == language, prompt
        assert intent.path in {"plan", "inventory", "calculator", "budget"}, (prompt, intent.path)
