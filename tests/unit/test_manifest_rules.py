"""Slack accepts manifest.yml: it keeps the rules of Slack's app manifest in every section it uses.

`manifest_problems` checks required fields, the keys allowed at each level, lengths, colour and slash
command formats, scope and event names, value types, the scopes that commands and events need, and, for
HTTP mode as the README describes it, the https request URLs. It returns one readable line per broken
rule, e.g. "display_information.name: 36 characters, at most 35". Sources: Slack's App manifest
reference (https://docs.slack.dev/reference/app-manifest); the JSON schema Slack publishes for it
(github.com/slackapi/manifest-schema, schemas/manifest.schema.1.0.0.json); the scope and event
references (https://api.slack.com/scopes, https://api.slack.com/events). Where Slack refuses something
the reference leaves unsaid, the comment names the report that shows it. Sections the manifest does
not use (functions, workflows, app_directory, ...) are allowed but not checked inside.
"""

from __future__ import annotations

import copy
import re
import reprlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from bot.settings import PROJECT_ROOT

# The keys of each level: manifest-schema schemas/manifest.schema.1.0.0.json ("additionalProperties":
# false, "required"), plus the keys the reference adds (features.rich_previews, features.search,
# metadata_events). Slack refuses a key it does not know outright (derive-to/derive#597).
ALLOWED_KEYS = {
    "": "$schema _metadata app_directory display_information features oauth_config settings functions workflows"
    " datastores outgoing_domains types external_auth_providers mcp_servers metadata_events",
    "_metadata": "schema_version min_version major_version minor_version",
    "display_information": "name description long_description background_color",
    "features": "app_home bot_user functions shortcuts slash_commands workflow_steps unfurl_domains assistant_view"
    " agent_view rich_previews search",
    "features.app_home": "home_tab_enabled messages_tab_enabled messages_tab_read_only_enabled",
    "features.bot_user": "display_name always_online",
    "features.slash_commands[]": "command description usage_hint should_escape url",
    "oauth_config": "redirect_urls scopes token_management_enabled pkce_enabled",
    "oauth_config.scopes": "bot bot_optional user user_optional",
    "settings": "allowed_ip_address_ranges event_subscriptions incoming_webhooks interactivity org_deploy_enabled"
    " socket_mode_enabled is_hosted token_rotation_enabled siws_links hermes_app_type function_runtime is_mcp_enabled",
    "settings.event_subscriptions": "request_url bot_events user_events metadata_subscriptions",
    "settings.interactivity": "is_enabled request_url message_menu_options_url",
}
REQUIRED_KEYS = {
    "": "display_information",
    "display_information": "name",
    "features.bot_user": "display_name",
    "features.slash_commands[]": "command description",
    "settings.interactivity": "is_enabled",
}

# display_information.background_color: "3-digit (#000) or 6-digit (#000000) hex values" (reference).
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
# The reference asks only for the leading "/" and at most 32 characters; this is stricter: the form
# Slack's own commands take. A space ends a command ("the text portion ... includes everything after
# the first space following the command", docs.slack.dev/interactivity/implementing-slash-commands).
COMMAND_NAME = re.compile(r"/[a-z0-9_-]+")
# Slack's built-in commands (https://slack.com/help/articles/201259356-Use-built-in-slash-commands); Slack
# refused an app's /status: "the slash command has an invalid name" (NousResearch/hermes-agent#18453).
BUILT_IN_COMMANDS = frozenset(
    [
        "/away",
        "/collapse",
        "/dnd",
        "/expand",
        "/feed",
        "/join",
        "/leave",
        "/me",
        "/msg",
        "/mute",
        "/open",
        "/remind",
        "/search",
        "/shrug",
        "/status",
        "/topic",
        "/who",
    ]
)

# The granular bot scopes of https://api.slack.com/scopes?filter=granular_bot, as listed in
# seratch/slack-web-api-client src/manifest/scopes.ts (AnyManifestBotScope, without "none").
BOT_SCOPES = frozenset(
    [
        "app_configurations:read",
        "app_configurations:write",
        "app_mentions:read",
        "assistant:write",
        "bookmarks:read",
        "bookmarks:write",
        "calls:read",
        "calls:write",
        "canvases:read",
        "canvases:write",
        "channels:history",
        "channels:join",
        "channels:manage",
        "channels:read",
        "channels:write.invites",
        "channels:write.topic",
        "chat:write",
        "chat:write.customize",
        "chat:write.public",
        "commands",
        "conversations.connect:manage",
        "conversations.connect:read",
        "conversations.connect:write",
        "datastore:read",
        "datastore:write",
        "dnd:read",
        "emoji:read",
        "files:read",
        "files:write",
        "groups:history",
        "groups:read",
        "groups:write",
        "groups:write.invites",
        "groups:write.topic",
        "im:history",
        "im:read",
        "im:write",
        "im:write.topic",
        "incoming-webhook",
        "links.embed:write",
        "links:read",
        "links:write",
        "metadata.message:read",
        "mpim:history",
        "mpim:read",
        "mpim:write",
        "mpim:write.invites",
        "mpim:write.topic",
        "pins:read",
        "pins:write",
        "reactions:read",
        "reactions:write",
        "reminders:read",
        "reminders:write",
        "remote_files:read",
        "remote_files:share",
        "remote_files:write",
        "search:read.im",
        "search:read.mpim",
        "search:read.private",
        "search:read.public",
        "team.billing:read",
        "team.preferences:read",
        "team:read",
        "tokens.basic",
        "triggers:read",
        "triggers:write",
        "usergroups:read",
        "usergroups:write",
        "users.profile:read",
        "users:read",
        "users:read.email",
        "users:write",
        "workflow.steps:execute",
    ]
)
# Bot events of https://api.slack.com/events, as listed in seratch/slack-web-api-client
# src/manifest/events.ts (AnyManifestEvent), without what an app cannot subscribe to (url_verification,
# app_rate_limited, the bare "message"), the user-token-only and retired workspace-app events.
BOT_EVENTS = frozenset(
    [
        "app_home_opened",
        "app_mention",
        "app_uninstalled",
        "assistant_thread_context_changed",
        "assistant_thread_started",
        "call_rejected",
        "channel_archive",
        "channel_created",
        "channel_deleted",
        "channel_history_changed",
        "channel_id_changed",
        "channel_left",
        "channel_rename",
        "channel_shared",
        "channel_unarchive",
        "channel_unshared",
        "dnd_updated_user",
        "email_domain_changed",
        "emoji_changed",
        "file_change",
        "file_created",
        "file_deleted",
        "file_public",
        "file_shared",
        "file_unshared",
        "function_executed",
        "grid_migration_finished",
        "grid_migration_started",
        "group_archive",
        "group_close",
        "group_deleted",
        "group_history_changed",
        "group_left",
        "group_open",
        "group_rename",
        "group_unarchive",
        "im_close",
        "im_created",
        "im_history_changed",
        "im_open",
        "invite_requested",
        "link_shared",
        "member_joined_channel",
        "member_left_channel",
        "message.app_home",
        "message.channels",
        "message.groups",
        "message.im",
        "message.mpim",
        "message_metadata_deleted",
        "message_metadata_posted",
        "message_metadata_updated",
        "pin_added",
        "pin_removed",
        "reaction_added",
        "reaction_removed",
        "shared_channel_invite_accepted",
        "shared_channel_invite_approved",
        "shared_channel_invite_declined",
        "shared_channel_invite_received",
        "shared_channel_invite_requested",
        "subteam_created",
        "subteam_members_changed",
        "subteam_self_added",
        "subteam_self_removed",
        "subteam_updated",
        "team_access_granted",
        "team_access_revoked",
        "team_domain_change",
        "team_join",
        "team_rename",
        "tokens_revoked",
        "user_change",
        "user_huddle_changed",
        "user_profile_changed",
        "user_status_changed",
    ]
)
# "Required scopes" of each event (https://docs.slack.dev/reference/events/<event>); Slack refuses a
# subscription without its scope (gastownhall/gascity-packs#63, derive-to/derive#558).
SCOPE_OF_EVENT = {
    "app_mention": "app_mentions:read",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
    "message.mpim": "mpim:history",
    "reaction_added": "reactions:read",
    "reaction_removed": "reactions:read",
}
# Without Socket Mode Slack sends to the request URLs: it refuses event subscriptions without one
# (speakeasy-api/gram#2711), and commands and clicks have nowhere to go otherwise.
NEEDED_IN_HTTP_MODE = "missing, and needed when socket_mode_enabled is not true"
BRIEF = reprlib.Repr()  # values shown in problems, cut short
BRIEF.maxstring, BRIEF.maxother = 80, 80


class Section:
    """One mapping of the manifest, at `path` (None: absent, so nothing to check). Its keys are checked at
    once; each method checks one value, if it is there, adding a line per broken rule to `problems`."""

    def __init__(self, data: dict[str, Any] | None, path: str, problems: list[str]) -> None:
        self.data, self.path, self.problems = data or {}, path, problems
        level = re.sub(r"\[\d+\]$", "[]", path)
        for key in sorted(map(str, self.data)):
            if key not in ALLOWED_KEYS[level].split():
                self.add(key, "not a key Slack's manifest has")
        if data is not None:
            for key in sorted(set(REQUIRED_KEYS.get(level, "").split()) - data.keys()):
                self.add(key, "missing (required)")

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def add(self, key: str, problem: str) -> None:
        self.problems.append(f"{self.where(key)}: {problem}")

    def section(self, key: str) -> Section:
        value = self.data.get(key)
        if key in self.data and not isinstance(value, dict):
            self.add(key, f"must be a mapping, not {BRIEF.repr(value)}")
        return Section(value if isinstance(value, dict) else None, self.where(key), self.problems)

    def sized(self, key: str, size: int, low: int, high: int, unit: str) -> None:
        if size < low:
            self.add(key, f"{size} {unit}, at least {low}")
        if size > high:
            self.add(key, f"{size} {unit}, at most {high}")

    def text(self, key: str, low: int = 0, high: int = 10**6) -> str | None:
        value = self.data.get(key)
        if isinstance(value, str):
            self.sized(key, len(value), low, high, "characters")
            return value
        if key in self.data:
            self.add(key, f"must be a string, not {BRIEF.repr(value)}")
        return None

    def booleans(self, *keys: str) -> None:
        for key in keys:
            if key in self.data and not isinstance(self.data[key], bool):
                self.add(key, f"must be true or false, not {BRIEF.repr(self.data[key])}")

    def items(self, key: str, high: int, low: int = 0) -> list[Any]:
        value = self.data.get(key)
        if key not in self.data:
            return []
        if isinstance(value, list):
            self.sized(key, len(value), low, high, "items")
            return value
        self.add(key, f"must be a list, not {BRIEF.repr(value)}")
        return []

    def entries(self, key: str, high: int, low: int = 0) -> list[Section]:
        entries: list[Section] = []
        for index, value in enumerate(self.items(key, high, low)):
            if isinstance(value, dict):
                entries.append(Section(value, f"{self.where(key)}[{index}]", self.problems))
            else:
                self.add(f"{key}[{index}]", f"must be a mapping, not {BRIEF.repr(value)}")
        return entries

    def names(
        self, key: str, high: int, known: frozenset[str] | None = None, kind: str = "", longest: int = 50
    ) -> list[str]:
        """A list of strings of at most `longest` characters (scope and event names: 50), each listed once."""
        names: list[str] = []
        for index, name in enumerate(self.items(key, high)):
            if not isinstance(name, str) or len(name) > longest:
                self.add(f"{key}[{index}]", f"must be a string of at most {longest} characters, not {BRIEF.repr(name)}")
            elif name in names:
                self.add(key, f"{name!r} listed twice")
            elif known is not None and name not in known:
                self.add(key, f"{name!r} is not a Slack {kind}")
            else:
                names.append(name)
        return names

    def https_url(self, key: str, high: int) -> None:
        # Request URLs are "the full https URL" (reference); their longest lengths come from manifest-schema.
        url = self.text(key, high=high)
        if url is not None and (urlsplit(url).scheme != "https" or not urlsplit(url).netloc):
            self.add(key, f"{BRIEF.repr(url)} is not an https URL")


def manifest_problems(manifest: object) -> list[str]:
    """Every rule of Slack's app manifest that the (parsed) manifest breaks, one line each."""
    if not isinstance(manifest, dict):
        return [f"manifest: must be a mapping, not {BRIEF.repr(manifest)}"]
    problems: list[str] = []
    root = Section(manifest, "", problems)
    # manifest-schema manifest.schema.json has a schema for major_version 1 and one for 2, none else.
    metadata = root.section("_metadata")
    if metadata.data.get("major_version", 1) not in (1, 2):
        metadata.add("major_version", f"must be 1 or 2, not {BRIEF.repr(metadata.data['major_version'])}")
    display = root.section("display_information")
    display.text("name", low=1, high=35)
    display.text("description", low=1, high=140)
    # At most 4000 (reference); at least 175 (manifest-schema "minLength": 175; the reference's own
    # example text: "throws an error if it is less than 174 characters").
    display.text("long_description", low=175, high=4000)
    colour = display.text("background_color")
    if colour is not None and not HEX_COLOUR.fullmatch(colour):
        display.add("background_color", f"{colour!r} is not a #rgb or #rrggbb hex colour")
    settings = root.section("settings")
    http_mode = settings.data.get("socket_mode_enabled") is not True
    commands = _check_features(root.section("features"), http_mode)
    bot_scopes = _check_oauth_config(root.section("oauth_config"))
    bot_events = _check_settings(settings, http_mode)
    # "Slash Commands requires `commands` bot scope" (Slack's answer, quoted in derive-to/derive#558).
    if commands and "commands" not in bot_scopes:
        problems.append("oauth_config.scopes.bot: missing 'commands', which the slash commands need")
    for event in bot_events:
        if event in SCOPE_OF_EVENT and SCOPE_OF_EVENT[event] not in bot_scopes:
            problems.append(
                f"oauth_config.scopes.bot: missing {SCOPE_OF_EVENT[event]!r}, which the {event} event needs"
            )
    return problems


def _check_features(features: Section, http_mode: bool) -> list[Section]:
    features.section("app_home").booleans("home_tab_enabled", "messages_tab_enabled", "messages_tab_read_only_enabled")
    bot_user = features.section("bot_user")
    # At most 80 (reference). The reference also says "Allowed characters: a-z, 0-9, -, _, and .", which
    # Slack does not hold to (its own example there is "Your Amazingly Helpful Bot"; the schema has no
    # pattern), so that is not checked.
    bot_user.text("display_name", low=1, high=80)
    bot_user.booleans("always_online")
    # 1 to 50 commands (reference, manifest-schema); Slack refuses an empty list (gastownhall/gascity-packs#63).
    commands = features.entries("slash_commands", low=1, high=50)
    for command in commands:
        name = command.text("command", low=2, high=32)
        if name is not None and not name.startswith("/"):
            command.add("command", f"{name!r} must start with '/'")
        elif name is not None and not COMMAND_NAME.fullmatch(name):
            command.add("command", f"{name!r} must be '/' then lowercase letters, digits, '-' or '_'")
        elif name in BUILT_IN_COMMANDS:
            command.add("command", f"{name} is one of Slack's built-in commands")
        command.text("description", low=1, high=2000)
        command.text("usage_hint", low=1, high=1000)
        command.booleans("should_escape")
        command.https_url("url", high=3000)
        if http_mode and "url" not in command.data:
            command.add("url", NEEDED_IN_HTTP_MODE)
    return commands


def _check_oauth_config(oauth: Section) -> list[str]:
    oauth.booleans("token_management_enabled", "pkce_enabled")
    oauth.names("redirect_urls", high=1000, longest=2500)
    scopes = oauth.section("scopes")
    bot = scopes.names("bot", high=255, known=BOT_SCOPES, kind="bot scope")
    # "Optional scopes must also be listed in the corresponding bot fields" (reference).
    for scope in scopes.names("bot_optional", high=255, known=BOT_SCOPES, kind="bot scope"):
        if scope not in bot:
            scopes.add("bot_optional", f"{scope!r} is not also in oauth_config.scopes.bot")
    scopes.names("user", high=255)
    scopes.names("user_optional", high=255)
    return bot


def _check_settings(settings: Section, http_mode: bool) -> list[str]:
    settings.booleans(
        "org_deploy_enabled", "socket_mode_enabled", "token_rotation_enabled", "is_hosted", "is_mcp_enabled"
    )
    events = settings.section("event_subscriptions")
    events.https_url("request_url", high=3500)
    bot_events = events.names("bot_events", high=100, known=BOT_EVENTS, kind="bot event")
    events.names("user_events", high=100)
    if http_mode and bot_events and "request_url" not in events.data:
        events.add("request_url", NEEDED_IN_HTTP_MODE)
    interactivity = settings.section("interactivity")
    interactivity.booleans("is_enabled")
    interactivity.https_url("request_url", high=3500)
    interactivity.https_url("message_menu_options_url", high=3500)
    if http_mode and interactivity.data.get("is_enabled") is True and "request_url" not in interactivity.data:
        interactivity.add("request_url", NEEDED_IN_HTTP_MODE)
    return bot_events


# --- the tests ------------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]
URL = "https://advisor.example.com/slack/events"
DELETE = object()


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "manifest.yml").read_text(encoding="utf-8"))


def at(path: str, value: object = DELETE, change: Callable[[Any], Any] | None = None) -> Mutation:
    """At a dotted path ("features.slash_commands.1.command"): set `value`, `change` the value, or delete it."""

    def mutate(manifest: dict[str, Any]) -> None:
        *parents, last = [int(key) if key.isdigit() else key for key in path.split(".")]
        for key in parents:
            manifest = manifest[key]
        if change is not None:
            manifest[last] = change(manifest[last])
        elif value is DELETE:
            del manifest[last]
        else:
            manifest[last] = value

    return mutate


def http_mode(url: str = URL) -> Mutation:
    """The README's changes for HTTP mode: Socket Mode off, a request URL for events, clicks and commands."""

    def mutate(manifest: dict[str, Any]) -> None:
        manifest["settings"]["socket_mode_enabled"] = False
        manifest["settings"]["event_subscriptions"]["request_url"] = url
        manifest["settings"]["interactivity"]["request_url"] = url
        for command in manifest["features"]["slash_commands"]:
            command["url"] = url

    return mutate


def test_the_manifest_breaks_no_rule(manifest: dict[str, Any]) -> None:
    assert manifest_problems(manifest) == []


def test_the_readmes_http_mode_breaks_no_rule(manifest: dict[str, Any]) -> None:
    changed = copy.deepcopy(manifest)
    http_mode()(changed)
    assert manifest_problems(changed) == []


def test_the_scopes_and_events_bots_commonly_ask_for_are_known() -> None:
    scopes = "app_mentions:read assistant:write channels:history channels:read chat:write chat:write.public commands"
    scopes += " files:write groups:history im:history im:write reactions:read reactions:write users:read"
    events = "app_home_opened app_mention assistant_thread_started assistant_thread_context_changed message.channels"
    events += " message.groups message.im message.mpim reaction_added"
    assert set(scopes.split()) - BOT_SCOPES == set()
    assert set(events.split()) - BOT_EVENTS == set()


BOT, EVENTS, COMMAND = "oauth_config.scopes.bot", "settings.event_subscriptions.bot_events", "features.slash_commands.1"
HTTP = "http://advisor.example.com/slack/events"
BROKEN: list[tuple[Mutation, str]] = [
    (at("display_information"), "display_information: missing (required)"),
    (at("display_information.name"), "display_information.name: missing (required)"),
    (at("display_information.name", "x" * 36), "display_information.name: 36 characters, at most 35"),
    (at("display_information.description", "x" * 141), "display_information.description: 141 characters, at most 140"),
    (
        at("display_information.long_description", "Too short."),
        "display_information.long_description: 10 characters, at least 175",
    ),
    (
        at("display_information.long_description", "x" * 4001),
        "display_information.long_description: 4001 characters, at most 4000",
    ),
    (
        at("display_information.background_color", "green"),
        "display_information.background_color: 'green' is not a #rgb or #rrggbb hex colour",
    ),
    (
        at("display_information.background_color", "1d4e3f"),
        "display_information.background_color: '1d4e3f' is not a #rgb or #rrggbb hex colour",
    ),
    (at("features.slash_command", []), "features.slash_command: not a key Slack's manifest has"),
    (at("settings.socket_mode", True), "settings.socket_mode: not a key Slack's manifest has"),
    (at(f"{COMMAND}.name", "plan"), "features.slash_commands[1].name: not a key Slack's manifest has"),
    (at(f"{COMMAND}.command", "ai-plan"), "features.slash_commands[1].command: 'ai-plan' must start with '/'"),
    (
        at(f"{COMMAND}.command", "/AI Plan"),
        "features.slash_commands[1].command: '/AI Plan' must be '/' then lowercase letters, digits, '-' or '_'",
    ),
    (at(f"{COMMAND}.command", "/" + "a" * 32), "features.slash_commands[1].command: 33 characters, at most 32"),
    (
        at(f"{COMMAND}.command", "/status"),
        "features.slash_commands[1].command: /status is one of Slack's built-in commands",
    ),
    (at(f"{COMMAND}.description"), "features.slash_commands[1].description: missing (required)"),
    (at(f"{COMMAND}.description", "x" * 2001), "features.slash_commands[1].description: 2001 characters, at most 2000"),
    (at(f"{COMMAND}.usage_hint", "x" * 1001), "features.slash_commands[1].usage_hint: 1001 characters, at most 1000"),
    (
        at(f"{COMMAND}.should_escape", "yes"),
        "features.slash_commands[1].should_escape: must be true or false, not 'yes'",
    ),
    (at("features.slash_commands", []), "features.slash_commands: 0 items, at least 1"),
    (at("features.bot_user.display_name", "x" * 81), "features.bot_user.display_name: 81 characters, at most 80"),
    (
        at("features.app_home.home_tab_enabled", "true"),
        "features.app_home.home_tab_enabled: must be true or false, not 'true'",
    ),
    (
        at(BOT, change=lambda scopes: [*scopes, "chat:writes"]),
        "oauth_config.scopes.bot: 'chat:writes' is not a Slack bot scope",
    ),
    (
        at(BOT, change=lambda scopes: [*scopes, "search:read"]),
        "oauth_config.scopes.bot: 'search:read' is not a Slack bot scope",
    ),
    (
        at("oauth_config.scopes.bot_optional", ["reactions:write"]),
        "oauth_config.scopes.bot_optional: 'reactions:write' is not also in oauth_config.scopes.bot",
    ),
    (
        at(BOT, change=lambda scopes: [s for s in scopes if s != "commands"]),
        "oauth_config.scopes.bot: missing 'commands', which the slash commands need",
    ),
    (
        at(BOT, change=lambda scopes: [s for s in scopes if s != "im:history"]),
        "oauth_config.scopes.bot: missing 'im:history', which the message.im event needs",
    ),
    (
        at(EVENTS, change=lambda events: [*events, "presence_change"]),
        f"{EVENTS}: 'presence_change' is not a Slack bot event",
    ),
    (at(EVENTS, change=lambda events: [*events, "message"]), f"{EVENTS}: 'message' is not a Slack bot event"),
    (at(EVENTS, change=lambda events: [*events, "app_mention"]), f"{EVENTS}: 'app_mention' listed twice"),
    (at(EVENTS, "app_mention"), f"{EVENTS}: must be a list, not 'app_mention'"),
    (at("settings.socket_mode_enabled", "yes"), "settings.socket_mode_enabled: must be true or false, not 'yes'"),
    (at("settings.org_deploy_enabled", 0), "settings.org_deploy_enabled: must be true or false, not 0"),
    (at("settings.interactivity.is_enabled"), "settings.interactivity.is_enabled: missing (required)"),
    (at("settings.interactivity", True), "settings.interactivity: must be a mapping, not True"),
    (http_mode(HTTP), f"settings.event_subscriptions.request_url: {HTTP!r} is not an https URL"),
    (
        http_mode("advisor.example.com/slack"),
        "settings.interactivity.request_url: 'advisor.example.com/slack' is not an https URL",
    ),
    (http_mode(HTTP), f"features.slash_commands[0].url: {HTTP!r} is not an https URL"),
    (at("settings.socket_mode_enabled", False), f"settings.event_subscriptions.request_url: {NEEDED_IN_HTTP_MODE}"),
    (at("settings.socket_mode_enabled", False), f"settings.interactivity.request_url: {NEEDED_IN_HTTP_MODE}"),
    (at("settings.socket_mode_enabled"), f"features.slash_commands[3].url: {NEEDED_IN_HTTP_MODE}"),
    (at("_metadata", {"major_version": 3}), "_metadata.major_version: must be 1 or 2, not 3"),
]


@pytest.mark.parametrize(("mutate", "problem"), BROKEN, ids=[problem for _mutate, problem in BROKEN])
def test_a_broken_rule_is_reported(manifest: dict[str, Any], mutate: Mutation, problem: str) -> None:
    broken = copy.deepcopy(manifest)
    mutate(broken)
    assert problem in manifest_problems(broken)
