"""The Slack stand-in and the Slack-shaped requests, driven by the real slack_sdk and Bolt.

These tests pin both sides: that the stand-in answers as Slack does (shapes, errors,
429 and 5xx), how slack_sdk's clients and retry handlers react, which the bot's Slack
code relies on, and that the request builders are what Bolt accepts from Slack.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any
from urllib.parse import parse_qs

import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond, AsyncSay
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_requests import (
    FORM_CONTENT_TYPE,
    JSON_CONTENT_TYPE,
    SignedResponse,
    SlackPayload,
    app_home_opened,
    app_mention,
    block_actions,
    bot_message,
    channel_message,
    conversations_select,
    direct_message,
    event_callback,
    input_values,
    message_changed,
    message_deleted,
    new_trigger_id,
    plain_text_input,
    post_signed,
    post_signed_sync,
    radio_buttons,
    sign,
    slash_command,
    static_select,
    users_select,
    view_submission,
)
from tests.fakes.slack_server import (
    BOT_ID,
    BOT_USER_ID,
    RESPONSE_URL_METHOD,
    TEAM_ID,
    FakeSlack,
    RecordedCall,
    fake_slack,  # noqa: F401  (the fixture)
)

CLIENT_TIMEOUT = 10  # seconds; a call that should succeed never waits this long
SIGNING_SECRET = "test-signing-secret"
EVENTS_PATH = "/slack/events"
CHANNEL = "C0001"
ASKER = "U0001"

MODAL: dict[str, Any] = {
    "type": "modal",
    "callback_id": "company_profile",
    "title": {"type": "plain_text", "text": "Company profile"},
    "submit": {"type": "plain_text", "text": "Save"},
    "blocks": [
        {
            "type": "input",
            "block_id": "company",
            "label": {"type": "plain_text", "text": "Company name"},
            "element": {"type": "plain_text_input", "action_id": "company"},
        }
    ],
}
HOME: dict[str, Any] = {
    "type": "home",
    "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*Welcome*"}}],
}


def web_client(server: FakeSlack, **options: Any) -> AsyncWebClient:
    """A real AsyncWebClient pointed at the stand-in."""
    options.setdefault("token", server.token)
    return AsyncWebClient(base_url=server.base_url, timeout=CLIENT_TIMEOUT, **options)


def section(text: str, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id is not None:
        block["block_id"] = block_id
    return block


async def slack_error(call: Any) -> SlackApiError:
    """The SlackApiError a client call raises (fails the test when it succeeds)."""
    with pytest.raises(SlackApiError) as raised:
        await call
    return raised.value


# --------------------------------------------------------------------------- Web API


def test_auth_test_names_the_bot_and_its_workspace(fake_slack: FakeSlack) -> None:
    response = asyncio.run(web_client(fake_slack).auth_test())

    assert response.status_code == 200
    assert response["ok"] is True
    assert (response["team_id"], response["user_id"], response["bot_id"]) == (
        TEAM_ID,
        BOT_USER_ID,
        BOT_ID,
    )
    assert response["url"].startswith("https://") and response["url"].endswith(".slack.com/")
    (call,) = fake_slack.calls
    assert (call.method, call.token, call.status, call.ok) == ("auth.test", "xoxb-test", 200, True)


@pytest.mark.parametrize(("token", "error"), [("xoxb-someone-else", "invalid_auth"), (None, "not_authed")])
def test_a_wrong_token_or_none_is_refused_with_http_200(fake_slack: FakeSlack, token: str | None, error: str) -> None:
    refused = asyncio.run(slack_error(web_client(fake_slack, token=token).chat_postMessage(channel=CHANNEL, text="Hi")))

    assert refused.response.status_code == 200
    assert refused.response["error"] == error
    assert fake_slack.messages(CHANNEL) == []
    (call,) = fake_slack.calls
    assert (call.token, call.error) == (token, error)


def test_a_posted_and_updated_reply_reads_back_in_its_thread_in_order(
    fake_slack: FakeSlack,
) -> None:
    question_ts = fake_slack.add_message(CHANNEL, "How do we start with AI?", ASKER)

    async def converse() -> tuple[Any, Any, Any]:
        slack = web_client(fake_slack)
        thinking = await slack.chat_postMessage(channel=CHANNEL, thread_ts=question_ts, text="Thinking…")
        updated = await slack.chat_update(
            channel=CHANNEL,
            ts=thinking["ts"],
            text="Start small.",
            blocks=[section("*Start small.*")],
        )
        replies = await slack.conversations_replies(channel=CHANNEL, ts=question_ts)
        return thinking, updated, replies

    thinking, updated, replies = asyncio.run(converse())

    assert thinking["channel"] == CHANNEL
    assert thinking["ts"] > question_ts
    assert thinking["message"]["thread_ts"] == question_ts
    assert thinking["message"]["parent_user_id"] == ASKER
    assert (thinking["message"]["user"], thinking["message"]["bot_id"]) == (BOT_USER_ID, BOT_ID)
    assert updated["ts"] == thinking["ts"] and updated["text"] == "Start small."
    question, answer = replies["messages"]
    assert (question["ts"], question["text"], question["reply_count"]) == (
        question_ts,
        "How do we start with AI?",
        1,
    )
    assert question["reply_users"] == [BOT_USER_ID] and question["latest_reply"] == thinking["ts"]
    assert (answer["ts"], answer["text"]) == (thinking["ts"], "Start small.")
    assert answer["blocks"] == [section("*Start small.*")]
    assert answer["edited"]["user"] == BOT_USER_ID
    assert replies["has_more"] is False
    assert fake_slack.messages(CHANNEL) == replies["messages"]


def test_replies_come_in_pages_through_the_cursor(fake_slack: FakeSlack) -> None:
    parent = fake_slack.add_message(CHANNEL, "Question", ASKER)
    replies = [fake_slack.add_message(CHANNEL, f"Reply {n}", ASKER, thread_ts=parent) for n in range(4)]

    async def read_all() -> list[list[str]]:
        first = await web_client(fake_slack).conversations_replies(channel=CHANNEL, ts=parent, limit=2)
        return [[message["ts"] for message in page["messages"]] async for page in first]

    pages = asyncio.run(read_all())

    assert pages == [[parent, replies[0]], replies[1:3], replies[3:]]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"text": "x" * 40_000}, None),
        ({"text": "x" * 40_001}, "msg_too_long"),
        ({"text": "fallback", "blocks": [section(f"{n}") for n in range(50)]}, None),
        ({"text": "fallback", "blocks": [section(f"{n}") for n in range(51)]}, "invalid_blocks"),
        ({"text": "fallback", "blocks": [section("x" * 3_000)]}, None),
        ({"text": "fallback", "blocks": [section("x" * 3_001)]}, "invalid_blocks"),
        (
            {"text": "fallback", "blocks": [section("a", "same"), section("b", "same")]},
            "invalid_blocks",
        ),
        ({"text": ""}, "no_text"),
        ({"channel": None, "text": "Hi"}, "channel_not_found"),
        ({"channel": "#general", "text": "Hi"}, "channel_not_found"),
    ],
    ids=[
        "40000-chars",
        "40001-chars",
        "50-blocks",
        "51-blocks",
        "3000-char-section",
        "3001-char-section",
        "duplicate-block-id",
        "no-text",
        "no-channel",
        "channel-name",
    ],
)
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing:UserWarning")
def test_posts_are_checked_against_slacks_limits(
    fake_slack: FakeSlack, arguments: dict[str, Any], error: str | None
) -> None:
    post = web_client(fake_slack).chat_postMessage(**{"channel": CHANNEL, **arguments})

    if error is None:
        assert asyncio.run(post)["ok"] is True
        assert len(fake_slack.messages(CHANNEL)) == 1
    else:
        refused = asyncio.run(slack_error(post))
        assert refused.response["error"] == error
        assert fake_slack.messages(CHANNEL) == []


def test_invalid_blocks_say_where_as_slack_does(fake_slack: FakeSlack) -> None:
    blocks = [section("ok"), section("x" * 3_001)]

    refused = asyncio.run(
        slack_error(web_client(fake_slack).chat_postMessage(channel=CHANNEL, text="t", blocks=blocks))
    )

    assert refused.response["errors"] == ["must be less than 3001 characters [json-pointer:/blocks/1/text/text]"]
    assert refused.response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]"
    ]


def test_feedback_buttons_need_both_buttons_with_their_values(fake_slack: FakeSlack) -> None:
    button = {"text": {"type": "plain_text", "text": "👍"}, "value": "good 1"}
    feedback = {"type": "feedback_buttons", "action_id": "f", "positive_button": button, "negative_button": button}
    slack = web_client(fake_slack)
    posted = asyncio.run(
        slack.chat_postMessage(channel=CHANNEL, text="t", blocks=[{"type": "context_actions", "elements": [feedback]}])
    )
    assert posted["ok"] is True

    lacking = {**feedback, "negative_button": {"text": {"type": "plain_text", "text": "👎"}}}
    refused = asyncio.run(
        slack_error(
            slack.chat_postMessage(
                channel=CHANNEL, text="t", blocks=[{"type": "context_actions", "elements": [lacking]}]
            )
        )
    )
    assert refused.response["errors"] == [
        "missing required field: value [json-pointer:/blocks/0/elements/0/negative_button]"
    ]


def test_an_update_must_name_a_message_of_this_bot(fake_slack: FakeSlack) -> None:
    someone_elses = fake_slack.add_message(CHANNEL, "Mine", ASKER)
    slack = web_client(fake_slack)

    unknown = asyncio.run(slack_error(slack.chat_update(channel=CHANNEL, ts="1699999999.000001", text="New")))
    foreign = asyncio.run(slack_error(slack.chat_update(channel=CHANNEL, ts=someone_elses, text="New")))

    assert unknown.response["error"] == "message_not_found"
    assert foreign.response["error"] == "cant_update_message"
    assert fake_slack.messages(CHANNEL)[0]["text"] == "Mine"


def test_a_post_where_the_bot_is_not_a_member_is_not_in_channel(fake_slack: FakeSlack) -> None:
    fake_slack.set_not_in_channel("C0002")
    slack = web_client(fake_slack)

    refused = asyncio.run(slack_error(slack.chat_postMessage(channel="C0002", text="Hi")))
    posted = asyncio.run(slack.chat_postMessage(channel=CHANNEL, text="Hi"))

    assert refused.response["error"] == "not_in_channel"
    assert posted["ok"] is True


def test_posting_to_a_user_id_posts_to_the_im_with_that_user(fake_slack: FakeSlack) -> None:
    posted = asyncio.run(web_client(fake_slack).chat_postMessage(channel="U0042", text="Hello"))

    assert posted["channel"] == "D0042"
    assert [message["text"] for message in fake_slack.messages("D0042")] == ["Hello"]


def test_an_injected_error_answers_once_with_ok_false(fake_slack: FakeSlack) -> None:
    fake_slack.error_next("chat.postMessage", error="channel_is_archived")
    slack = web_client(fake_slack)

    refused = asyncio.run(slack_error(slack.chat_postMessage(channel=CHANNEL, text="Hi")))
    posted = asyncio.run(slack.chat_postMessage(channel=CHANNEL, text="Hi"))

    assert (refused.response.status_code, refused.response["error"]) == (200, "channel_is_archived")
    assert posted["ok"] is True
    assert [call.error for call in fake_slack.calls_for("chat.postMessage")] == [
        "channel_is_archived",
        None,
    ]


def test_faults_can_only_be_injected_into_served_methods(fake_slack: FakeSlack) -> None:
    with pytest.raises(ValueError, match=r"chat\.postmessage"):
        fake_slack.error_next("chat.postmessage")
    with pytest.raises(ValueError, match="5xx"):
        fake_slack.fail_next("chat.postMessage", status=429)


def test_an_ephemeral_message_is_answered_but_not_kept(fake_slack: FakeSlack) -> None:
    response = asyncio.run(
        web_client(fake_slack).chat_postEphemeral(channel=CHANNEL, user=ASKER, text="Only you can see this")
    )

    assert response["ok"] is True
    assert response["message_ts"].startswith("1700000000.")
    assert fake_slack.messages(CHANNEL) == []
    (call,) = fake_slack.calls_for("chat.postEphemeral")
    assert call.args == {"channel": CHANNEL, "user": ASKER, "text": "Only you can see this"}


def test_an_unknown_method_is_unknown_method(fake_slack: FakeSlack) -> None:
    refused = asyncio.run(
        slack_error(web_client(fake_slack).api_call("chat.scheduleMessage", json={"channel": CHANNEL}))
    )

    assert refused.response["error"] == "unknown_method"


def test_latency_delays_every_answer(fake_slack: FakeSlack) -> None:
    fake_slack.latency = 0.3
    started = time.monotonic()

    asyncio.run(web_client(fake_slack).auth_test())

    assert time.monotonic() - started >= 0.3


# --------------------------------------------------------------------------- 429 and 5xx


def test_a_rate_limit_is_retried_after_retry_after_by_slack_sdks_handler(
    fake_slack: FakeSlack,
) -> None:
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1)
    slack = web_client(fake_slack, retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)])
    started = time.monotonic()

    posted = asyncio.run(slack.chat_postMessage(channel=CHANNEL, text="Hi"))

    assert posted["ok"] is True
    assert time.monotonic() - started >= 1.0  # it waited the Retry-After
    calls = fake_slack.calls_for("chat.postMessage")
    assert [(call.status, call.error) for call in calls] == [(429, "ratelimited"), (200, None)]
    assert len(fake_slack.messages(CHANNEL)) == 1


def test_a_rate_limit_without_a_retry_handler_is_a_429_slack_api_error(
    fake_slack: FakeSlack,
) -> None:
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1)

    refused = asyncio.run(
        slack_error(web_client(fake_slack, retry_handlers=[]).chat_postMessage(channel=CHANNEL, text="Hi"))
    )

    assert refused.response.status_code == 429
    assert refused.response.headers["Retry-After"] == "1"
    assert refused.response.data == {"ok": False, "error": "ratelimited"}
    assert fake_slack.messages(CHANNEL) == []


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_retried_by_slack_sdks_handler(fake_slack: FakeSlack, status: int) -> None:
    fake_slack.fail_next("conversations.replies", status=status)
    parent = fake_slack.add_message(CHANNEL, "Question", ASKER)
    slack = web_client(fake_slack, retry_handlers=[AsyncServerErrorRetryHandler(max_retry_count=1)])

    replies = asyncio.run(slack.conversations_replies(channel=CHANNEL, ts=parent))

    assert [message["ts"] for message in replies["messages"]] == [parent]
    assert [call.status for call in fake_slack.calls_for("conversations.replies")] == [status, 200]


def test_a_server_error_without_a_retry_handler_is_a_slack_api_error(fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("chat.update", status=500, times=2)
    ts = asyncio.run(web_client(fake_slack).chat_postMessage(channel=CHANNEL, text="Hi"))["ts"]
    slack = web_client(fake_slack, retry_handlers=[])

    refused = asyncio.run(slack_error(slack.chat_update(channel=CHANNEL, ts=ts, text="New")))
    again = asyncio.run(slack_error(slack.chat_update(channel=CHANNEL, ts=ts, text="New")))
    updated = asyncio.run(slack.chat_update(channel=CHANNEL, ts=ts, text="New"))

    assert (refused.response.status_code, again.response.status_code) == (500, 500)
    assert updated["text"] == "New"


# --------------------------------------------------------------------------- views


def test_views_open_answers_the_view_and_a_trigger_opens_one_view_only(
    fake_slack: FakeSlack,
) -> None:
    slack = web_client(fake_slack)
    trigger = new_trigger_id()

    opened = asyncio.run(slack.views_open(trigger_id=trigger, view=MODAL))
    reused = asyncio.run(slack_error(slack.views_open(trigger_id=trigger, view=MODAL)))

    view = opened["view"]
    assert view["id"].startswith("V") and view["root_view_id"] == view["id"]
    assert (view["type"], view["callback_id"], view["team_id"]) == (
        "modal",
        "company_profile",
        TEAM_ID,
    )
    assert view["blocks"] == MODAL["blocks"] and view["state"] == {"values": {}}
    assert view["private_metadata"] == "" and view["hash"]
    assert reused.response["error"] == "exchanged_trigger_id"
    (first, _) = fake_slack.calls_for("views.open")
    assert first.args["view"] == MODAL


def test_views_open_without_a_trigger_or_with_an_expired_one_fails(fake_slack: FakeSlack) -> None:
    fake_slack.expire_trigger("1.2.expired")
    slack = web_client(fake_slack)

    missing = asyncio.run(slack_error(slack.views_open(trigger_id=None, view=MODAL)))
    expired = asyncio.run(slack_error(slack.views_open(trigger_id="1.2.expired", view=MODAL)))

    assert missing.response["error"] == "invalid_arguments"
    assert expired.response["error"] == "expired_trigger_id"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"title": {"type": "plain_text", "text": "A title of more than 24 characters"}},
            "/view/title/text",
        ),
        ({"submit": None}, "must provide a submit property when using input blocks"),
        ({"private_metadata": "x" * 3_001}, "/view/private_metadata"),
        ({"blocks": [section(str(n)) for n in range(101)]}, "must be less than 101 items"),
    ],
    ids=["long-title", "input-without-submit", "long-metadata", "101-blocks"],
)
def test_an_invalid_modal_is_invalid_arguments(fake_slack: FakeSlack, change: dict[str, Any], message: str) -> None:
    modal = {key: value for key, value in {**MODAL, **change}.items() if value is not None}

    refused = asyncio.run(slack_error(web_client(fake_slack).views_open(trigger_id=new_trigger_id(), view=modal)))

    assert refused.response["error"] == "invalid_arguments"
    (reported,) = refused.response["response_metadata"]["messages"]
    assert message in reported


def test_views_update_and_push_follow_the_opened_view(fake_slack: FakeSlack) -> None:
    slack = web_client(fake_slack)

    async def open_update_push() -> tuple[Any, Any, Any, SlackApiError]:
        opened = (await slack.views_open(trigger_id=new_trigger_id(), view=MODAL))["view"]
        changed = {**MODAL, "private_metadata": "step-2"}
        updated = (await slack.views_update(view_id=opened["id"], hash=opened["hash"], view=changed))["view"]
        stale = await slack_error(slack.views_update(view_id=opened["id"], hash=opened["hash"], view=changed))
        pushed = (await slack.views_push(trigger_id=new_trigger_id(), view=MODAL))["view"]
        return opened, updated, pushed, stale

    opened, updated, pushed, stale = asyncio.run(open_update_push())

    assert updated["id"] == opened["id"] and updated["private_metadata"] == "step-2"
    assert updated["hash"] != opened["hash"]
    assert stale.response["error"] == "hash_conflict"
    assert pushed["id"] != opened["id"]


def test_views_publish_keeps_the_last_home_tab_of_each_user(fake_slack: FakeSlack) -> None:
    slack = web_client(fake_slack)
    newer = {**HOME, "blocks": [section("*Welcome back*")]}

    async def publish() -> tuple[Any, Any]:
        first = await slack.views_publish(user_id=ASKER, view=HOME)
        second = await slack.views_publish(user_id=ASKER, view=newer)
        return first, second

    first, second = asyncio.run(publish())

    assert first["view"]["type"] == "home" and first["view"]["id"] == second["view"]["id"]
    home = fake_slack.home_view(ASKER)
    assert home is not None and home["blocks"] == newer["blocks"]
    assert fake_slack.home_view("U0002") is None


def test_a_modal_cannot_be_published_as_a_home_tab(fake_slack: FakeSlack) -> None:
    refused = asyncio.run(slack_error(web_client(fake_slack).views_publish(user_id=ASKER, view=MODAL)))

    assert refused.response["error"] == "invalid_arguments"
    assert fake_slack.home_view(ASKER) is None


# --------------------------------------------------------------------------- users, conversations


def test_users_info_shows_the_configured_user_and_the_locale_only_when_asked(
    fake_slack: FakeSlack,
) -> None:
    fake_slack.add_user("U0007", is_admin=True, locale="ja-JP", tz="Asia/Tokyo", name="hanako")
    slack = web_client(fake_slack)

    async def look_up() -> tuple[Any, Any, SlackApiError]:
        with_locale = await slack.users_info(user="U0007", include_locale=True)
        without = await slack.users_info(user="U0007")
        unknown = await slack_error(slack.users_info(user="U9999"))
        return with_locale, without, unknown

    with_locale, without, unknown = asyncio.run(look_up())

    user = with_locale["user"]
    assert (user["id"], user["name"], user["team_id"], user["locale"]) == (
        "U0007",
        "hanako",
        TEAM_ID,
        "ja-JP",
    )
    assert (user["is_admin"], user["is_owner"], user["is_primary_owner"], user["is_bot"]) == (
        True,
        False,
        False,
        False,
    )
    assert (user["tz"], user["tz_offset"]) == ("Asia/Tokyo", 9 * 3600)
    assert user["profile"]["display_name"] == "hanako"
    assert "locale" not in without["user"]
    assert unknown.response["error"] == "user_not_found"


def test_the_bot_user_is_known_as_a_bot(fake_slack: FakeSlack) -> None:
    user = asyncio.run(web_client(fake_slack).users_info(user=BOT_USER_ID))["user"]

    assert user["is_bot"] is True
    assert user["profile"]["bot_id"] == BOT_ID


def test_conversations_info_tells_a_channel_from_an_im(fake_slack: FakeSlack) -> None:
    fake_slack.set_not_in_channel("C0002")
    slack = web_client(fake_slack)

    async def look_up() -> list[Any]:
        return [(await slack.conversations_info(channel=channel))["channel"] for channel in ("C0001", "C0002", "D0042")]

    public, outside, im = asyncio.run(look_up())

    assert (public["id"], public["is_channel"], public["is_im"], public["is_member"]) == (
        "C0001",
        True,
        False,
        True,
    )
    assert public["name"]
    assert outside["is_member"] is False
    assert (im["id"], im["is_im"], im["is_channel"], im["user"]) == ("D0042", True, False, "U0042")


# --------------------------------------------------------------------------- files


def test_files_upload_v2_from_the_async_client_reaches_the_thread(fake_slack: FakeSlack) -> None:
    parent = fake_slack.add_message(CHANNEL, "Can I have that as a file?", ASKER)
    content = "ツール,月額\nOtter,1500\n".encode()

    uploaded = asyncio.run(
        web_client(fake_slack).files_upload_v2(
            content=content,
            filename="plan.csv",
            title="Your plan",
            channel=CHANNEL,
            thread_ts=parent,
            initial_comment="Here it is.",
        )
    )

    assert uploaded["file"]["title"] == "Your plan"
    (stored,) = fake_slack.uploaded_files
    assert tuple(stored) == (
        uploaded["file"]["id"],
        "plan.csv",
        "Your plan",
        content,
        CHANNEL,
        parent,
    )
    _, shared = fake_slack.messages(CHANNEL)
    assert (shared["text"], shared["thread_ts"]) == ("Here it is.", parent)
    assert [(file["id"], file["size"]) for file in shared["files"]] == [(stored.file_id, len(content))]


def test_files_upload_v2_from_the_sync_client_works_too(fake_slack: FakeSlack) -> None:
    slack = WebClient(token=fake_slack.token, base_url=fake_slack.base_url, timeout=CLIENT_TIMEOUT)

    uploaded = slack.files_upload_v2(content=b"%PDF-1.7", filename="plan.pdf", channel=CHANNEL)

    (stored,) = fake_slack.uploaded_files
    assert (stored.file_id, stored.title, stored.content, stored.thread_ts) == (
        uploaded["file"]["id"],
        "plan.pdf",
        b"%PDF-1.7",
        None,
    )


def test_completing_an_upload_that_never_happened_is_file_not_found(fake_slack: FakeSlack) -> None:
    slack = web_client(fake_slack)

    async def complete_without_upload() -> SlackApiError:
        started = await slack.files_getUploadURLExternal(filename="a.txt", length=3)
        assert started["upload_url"].startswith(fake_slack.origin)
        return await slack_error(slack.files_completeUploadExternal(files=[{"id": started["file_id"]}]))

    assert asyncio.run(complete_without_upload()).response["error"] == "file_not_found"
    assert fake_slack.uploaded_files == []


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("method", "call", "async_sent", "sync_sent"),
    [
        ("auth.test", lambda slack: slack.auth_test(), ("POST", ""), ("POST", "")),
        (
            "users.info",
            lambda slack: slack.users_info(user=BOT_USER_ID, include_locale=True),
            ("GET", ""),
            ("POST", FORM_CONTENT_TYPE),
        ),
        (
            "chat.postMessage",
            lambda slack: slack.chat_postMessage(channel=CHANNEL, text="Hi", blocks=[section("Hi")]),
            ("POST", JSON_CONTENT_TYPE),
            ("POST", JSON_CONTENT_TYPE),
        ),
        (
            "views.publish",
            lambda slack: slack.views_publish(user_id=ASKER, view=HOME),
            ("POST", JSON_CONTENT_TYPE),
            ("POST", JSON_CONTENT_TYPE),
        ),
    ],
    ids=["auth.test", "users.info", "chat.postMessage", "views.publish"],
)
def test_how_slack_sdk_sends_each_method_and_the_arguments_read_the_same(
    fake_slack: FakeSlack,
    method: str,
    call: Callable[[Any], Any],
    async_sent: tuple[str, str],
    sync_sent: tuple[str, str],
) -> None:
    """The async client sends some calls as GET or as a query string with no body, the sync
    one always POSTs (a form, JSON or nothing): the arguments must read the same."""
    asyncio.run(call(web_client(fake_slack)))
    call(WebClient(token=fake_slack.token, base_url=fake_slack.base_url, timeout=CLIENT_TIMEOUT))

    from_async, from_sync = fake_slack.calls_for(method)
    assert (from_async.http_method, from_async.content_type) == async_sent
    assert (from_sync.http_method, from_sync.content_type) == sync_sent
    assert from_async.ok and from_sync.ok
    assert from_async.token == from_sync.token == fake_slack.token
    assert from_async.args == from_sync.args


def test_blocks_and_views_sent_json_encoded_in_a_form_are_decoded(fake_slack: FakeSlack) -> None:
    slack = WebClient(token=fake_slack.token, base_url=fake_slack.base_url, timeout=CLIENT_TIMEOUT)

    slack.api_call(
        "chat.postMessage",
        params={"channel": CHANNEL, "text": "Hi", "blocks": json.dumps([section("Hi")])},
    )

    (call,) = fake_slack.calls_for("chat.postMessage")
    assert call.content_type == FORM_CONTENT_TYPE
    assert call.args["blocks"] == [section("Hi")]
    assert fake_slack.messages(CHANNEL)[0]["blocks"] == [section("Hi")]


# --------------------------------------------------------------------------- waiting


def test_wait_for_returns_when_another_thread_makes_the_call(fake_slack: FakeSlack) -> None:
    def post_later() -> None:
        time.sleep(0.2)
        WebClient(token=fake_slack.token, base_url=fake_slack.base_url).chat_postMessage(channel=CHANNEL, text="Hi")

    poster = threading.Thread(target=post_later)
    started = time.monotonic()
    poster.start()
    try:
        (call,) = fake_slack.wait_for("chat.postMessage", timeout=5.0)
    finally:
        poster.join(CLIENT_TIMEOUT)

    assert call.args["text"] == "Hi"
    assert time.monotonic() - started < 2.0  # woken by the call, not by the time-out


def test_wait_for_times_out_with_every_call_in_the_message(fake_slack: FakeSlack) -> None:
    asyncio.run(web_client(fake_slack).auth_test())
    started = time.monotonic()

    with pytest.raises(AssertionError) as timed_out:
        fake_slack.wait_for("chat.postMessage", count=1, timeout=0.3)

    assert 0.3 <= time.monotonic() - started < 2.0
    message = str(timed_out.value)
    assert "expected 1 chat.postMessage call(s) within 0.3s, got 0" in message
    assert "auth.test -> 200 ok" in message


def test_await_for_lets_the_event_loop_make_the_calls_it_waits_for(fake_slack: FakeSlack) -> None:
    async def post_while_waiting() -> list[RecordedCall]:
        slack = web_client(fake_slack)
        posting = asyncio.gather(
            slack.chat_postMessage(channel=CHANNEL, text="In the channel"),
            slack.chat_postMessage(channel=CHANNEL, text="In a thread", thread_ts="1700000000.000100"),
        )
        calls = await fake_slack.await_for("chat.postMessage", predicate=lambda call: "thread_ts" in call.args)
        await posting
        return calls

    (call,) = asyncio.run(post_while_waiting())

    assert call.args["text"] == "In a thread"


def test_await_for_times_out_with_an_assertion_error(fake_slack: FakeSlack) -> None:
    with pytest.raises(AssertionError, match=r"expected 2 auth.test call\(s\) within 0.2s, got 0"):
        asyncio.run(fake_slack.await_for("auth.test", count=2, timeout=0.2))


# --------------------------------------------------------------------------- signing


def test_sign_gives_the_signature_of_slacks_documented_example() -> None:
    body = (
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )

    headers = sign(body, "8f742231b10e8888abcd99yyyzzz85a5", timestamp=1531420618)

    assert headers == {
        "X-Slack-Request-Timestamp": "1531420618",
        "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    }


PAYLOADS: dict[str, Callable[[], SlackPayload]] = {
    "app_mention": lambda: event_callback(app_mention("何から始める?", user=ASKER, channel=CHANNEL)),
    "direct_message": lambda: event_callback(direct_message("Hi", user=ASKER)),
    "channel_message": lambda: event_callback(
        channel_message("And cost?", user=ASKER, channel=CHANNEL, thread_ts="1700000000.000100")
    ),
    "bot_message": lambda: event_callback(bot_message("Answer", channel=CHANNEL)),
    "message_changed": lambda: event_callback(
        message_changed("New", user=ASKER, channel=CHANNEL, message_ts="1700000000.000100")
    ),
    "message_deleted": lambda: event_callback(
        message_deleted(user=ASKER, channel=CHANNEL, deleted_ts="1700000000.000100")
    ),
    "app_home_opened": lambda: event_callback(app_home_opened(ASKER)),
    "slash_command": lambda: slash_command("/advisor", "budget 20000", user_id=ASKER),
    "block_actions": lambda: block_actions("more", "otter-ai", user_id=ASKER, channel_id=CHANNEL, message_ts="1.2"),
    "view_submission": lambda: view_submission("company_profile", input_values(company="Acme"), user_id=ASKER),
}


@pytest.mark.parametrize("build", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_signed_payloads_pass_slack_sdks_verifier_and_tampered_ones_do_not(
    build: Callable[[], SlackPayload],
) -> None:
    body, _ = build()
    verifier = SignatureVerifier(SIGNING_SECRET)

    headers = sign(body, SIGNING_SECRET)

    assert verifier.is_valid_request(body, headers)
    assert verifier.is_valid_request(body.encode(), headers)
    assert not verifier.is_valid_request(body + " ", headers)
    assert not verifier.is_valid_request(body, sign(body, "another-secret"))
    assert not verifier.is_valid_request(body, sign(body, SIGNING_SECRET, timestamp=int(time.time()) - 301))


def test_event_payloads_have_slacks_envelope_and_event_shapes() -> None:
    mention = json.loads(event_callback(app_mention("How do we start?", user=ASKER, channel=CHANNEL)).body)
    dm = json.loads(event_callback(direct_message("Hi", user=ASKER)).body)["event"]
    changed = json.loads(event_callback(message_changed("New", user=ASKER, channel=CHANNEL, message_ts="1.2")).body)

    assert mention["type"] == "event_callback" and mention["event_id"].startswith("Ev")
    assert mention["authorizations"] == [
        {
            "enterprise_id": None,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "is_bot": True,
            "is_enterprise_install": False,
        }
    ]
    event = mention["event"]
    assert event["type"] == "app_mention" and event["text"] == f"<@{BOT_USER_ID}> How do we start?"
    assert event["ts"] == event["event_ts"] and event["channel"] == CHANNEL
    assert event["blocks"][0]["elements"][0]["elements"][0] == {
        "type": "user",
        "user_id": BOT_USER_ID,
    }
    assert (dm["type"], dm["channel_type"], dm["channel"]) == ("message", "im", "D0001")
    assert changed["event"]["message"]["edited"]["user"] == ASKER
    assert event_callback(dm).body != event_callback(dm).body  # a new event id every time


def test_interaction_payloads_are_a_form_with_one_json_payload() -> None:
    body, content_type = block_actions("more", "otter-ai", user_id=ASKER, channel_id=CHANNEL, message_ts="1.2")

    (payload,) = parse_qs(body)["payload"]
    clicked = json.loads(payload)
    assert content_type == FORM_CONTENT_TYPE
    assert clicked["container"] == {
        "type": "message",
        "message_ts": "1.2",
        "channel_id": CHANNEL,
        "is_ephemeral": False,
    }
    (action,) = clicked["actions"]
    assert (action["action_id"], action["value"], action["type"]) == ("more", "otter-ai", "button")
    assert (clicked["type"], clicked["user"]["id"], clicked["message"]["ts"]) == (
        "block_actions",
        ASKER,
        "1.2",
    )
    with pytest.raises(ValueError, match="message"):
        block_actions("more", "x", user_id=ASKER)


def test_input_values_have_the_shape_of_view_state_values() -> None:
    values = input_values(
        company="Acme",
        notes=plain_text_input(None, action_id="notes_input"),
        size=static_select("10-49", text="10 to 49 people"),
        owner=users_select("U0007"),
        channel=conversations_select("C0009"),
        plan=radio_buttons("pro"),
    )

    assert values == {
        "company": {"company": {"type": "plain_text_input", "value": "Acme"}},
        "notes": {"notes_input": {"type": "plain_text_input", "value": None}},
        "size": {
            "size": {
                "type": "static_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "10 to 49 people", "emoji": True},
                    "value": "10-49",
                },
            }
        },
        "owner": {"owner": {"type": "users_select", "selected_user": "U0007"}},
        "channel": {"channel": {"type": "conversations_select", "selected_conversation": "C0009"}},
        "plan": {
            "plan": {
                "type": "radio_buttons",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "pro", "emoji": True},
                    "value": "pro",
                },
            }
        },
    }


# --------------------------------------------------------------------------- Bolt, end to end


@contextlib.asynccontextmanager
async def serving(app: AsyncApp) -> AsyncIterator[str]:
    """Serve a Bolt app over HTTP on loopback; yields its events URL."""
    runner = web.AppRunner(app.web_app(path=EVENTS_PATH), access_log=None)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    await web.SockSite(runner, sock).start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}{EVENTS_PATH}"
    finally:
        await runner.cleanup()


def bolt_app(server: FakeSlack, secret: str = SIGNING_SECRET) -> AsyncApp:
    return AsyncApp(client=web_client(server), signing_secret=secret)


def test_bolt_answers_a_signed_mention_in_its_thread_through_the_stand_in(
    fake_slack: FakeSlack,
) -> None:
    app = bolt_app(fake_slack)
    retry_headers: list[Sequence[str] | None] = []

    @app.event("app_mention")
    async def answer(event: dict[str, Any], say: AsyncSay, request: AsyncBoltRequest) -> None:
        retry_headers.append(request.headers.get("x-slack-retry-num"))
        await say(text=f"You asked: {event['text']}", thread_ts=event["ts"])

    mention = app_mention("How do we start?", user=ASKER, channel=CHANNEL)

    async def deliver() -> tuple[int, int, list[RecordedCall]]:
        async with serving(app) as url:
            first = await post_signed(url, *event_callback(mention), SIGNING_SECRET)
            retried = await post_signed(url, *event_callback(mention), SIGNING_SECRET, retry_num=1)
            calls = await fake_slack.await_for("chat.postMessage", count=2)
        return first.status, retried.status, calls

    first, retried, calls = asyncio.run(deliver())

    assert (first, retried) == (200, 200)
    assert [call.args["thread_ts"] for call in calls] == [mention["ts"], mention["ts"]]
    assert calls[0].args["text"] == f"You asked: <@{BOT_USER_ID}> How do we start?"
    assert len(retry_headers) == 2 and None in retry_headers and ["1"] in retry_headers
    assert fake_slack.calls_for("auth.test")  # Bolt checked its token with the stand-in


def test_bolt_opens_a_modal_from_a_command_and_validates_its_submission(
    fake_slack: FakeSlack,
) -> None:
    app = bolt_app(fake_slack)

    @app.command("/advisor")
    async def open_profile(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.views_open(trigger_id=command["trigger_id"], view=MODAL)

    @app.view("company_profile")
    async def save_profile(ack: AsyncAck, view: dict[str, Any]) -> None:
        company = view["state"]["values"]["company"]["company"]["value"]
        if company:
            await ack()
        else:
            await ack(response_action="errors", errors={"company": "Name your company"})

    trigger = new_trigger_id()

    async def converse() -> tuple[int, list[RecordedCall], str, str]:
        async with serving(app) as url:
            command = await post_signed(
                url,
                *slash_command("/advisor", "", user_id=ASKER, trigger_id=trigger),
                SIGNING_SECRET,
            )
            opened = await fake_slack.await_for("views.open")
            empty = view_submission("company_profile", input_values(company=plain_text_input(None)), user_id=ASKER)
            refused = await post_signed(url, *empty, SIGNING_SECRET)
            named = view_submission("company_profile", input_values(company="Acme"), user_id=ASKER)
            accepted = await post_signed(url, *named, SIGNING_SECRET)
        return command.status, opened, refused.text, accepted.text

    command_status, (opened,), refused, accepted = asyncio.run(converse())

    assert command_status == 200
    assert opened.ok and opened.args["trigger_id"] == trigger
    assert json.loads(refused) == {
        "response_action": "errors",
        "errors": {"company": "Name your company"},
    }
    assert accepted == ""


def test_bolt_responds_to_a_button_through_the_stand_ins_response_url(
    fake_slack: FakeSlack,
) -> None:
    app = bolt_app(fake_slack)

    @app.action("more")
    async def more(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await respond(text=f"More about {body['actions'][0]['value']}", replace_original=False)

    posted_ts = fake_slack.add_message(CHANNEL, "Try Otter.", BOT_USER_ID, bot=True)
    (message,) = fake_slack.messages(CHANNEL)
    click = block_actions(
        "more",
        "otter-ai",
        user_id=ASKER,
        channel_id=CHANNEL,
        message=message,
        response_url=fake_slack.response_url(),
    )

    async def deliver() -> tuple[int, list[RecordedCall]]:
        async with serving(app) as url:
            clicked = await post_signed(url, *click, SIGNING_SECRET)
            responses = await fake_slack.await_for(RESPONSE_URL_METHOD)
        return clicked.status, responses

    status, (response,) = asyncio.run(deliver())

    assert status == 200
    assert message["ts"] == posted_ts and message["bot_id"] == BOT_ID
    assert response.ok
    assert response.args == {"text": "More about otter-ai", "replace_original": False}


def test_bolt_routes_each_event_shape_and_drops_its_own_bot_messages(fake_slack: FakeSlack) -> None:
    app = bolt_app(fake_slack)
    seen: list[tuple[str, str | None, str | None]] = []

    @app.event("message")
    async def message(event: dict[str, Any]) -> None:
        seen.append(("message", event.get("subtype"), event.get("channel_type")))

    @app.event("app_home_opened")
    async def home(event: dict[str, Any]) -> None:
        seen.append(("app_home_opened", event["tab"], event["channel"]))

    events = [
        direct_message("Hi", user=ASKER),
        channel_message("And cost?", user=ASKER, channel=CHANNEL, thread_ts="1700000000.000100"),
        bot_message("An answer of this app", channel=CHANNEL),
        bot_message("An answer of another bot", channel=CHANNEL, bot_id="B0OTHER"),
        message_changed("New", user=ASKER, channel=CHANNEL, message_ts="1700000000.000100"),
        message_deleted(user=ASKER, channel=CHANNEL, deleted_ts="1700000000.000100"),
        app_home_opened(ASKER),
    ]

    async def deliver() -> list[int]:
        async with serving(app) as url:
            statuses = [(await post_signed(url, *event_callback(event), SIGNING_SECRET)).status for event in events]
            deadline = time.monotonic() + CLIENT_TIMEOUT
            while len(seen) < len(events) - 1 and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.2)  # time enough for the dropped one to show up if it were not
        return statuses

    assert asyncio.run(deliver()) == [200] * len(events)
    assert sorted(seen, key=str) == sorted(
        [
            ("message", None, "im"),
            ("message", None, "channel"),
            ("message", "bot_message", "channel"),
            ("message", "message_changed", "channel"),
            ("message", "message_deleted", "channel"),
            ("app_home_opened", "home", "D0001"),
        ],
        key=str,
    )


def test_the_sync_sender_reaches_bolt_like_the_async_one(fake_slack: FakeSlack) -> None:
    app = bolt_app(fake_slack)

    @app.command("/advisor")
    async def budget(ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack(text=f"Budget: {command['text']}")

    command = slash_command("/advisor", "budget 20000", user_id=ASKER)

    async def deliver() -> tuple[SignedResponse, SignedResponse]:
        async with serving(app) as url:
            accepted = await asyncio.to_thread(post_signed_sync, url, *command, SIGNING_SECRET)
            forged = await asyncio.to_thread(post_signed_sync, url, *command, "another-secret")
        return accepted, forged

    accepted, forged = asyncio.run(deliver())

    assert accepted.status == 200
    assert accepted.text == "Budget: budget 20000"
    assert accepted.headers["content-type"].startswith("text/plain")  # case-insensitive
    assert forged.status == 401


@pytest.mark.parametrize(
    ("secret", "age"),
    [("another-secret", 0), (SIGNING_SECRET, 301)],
    ids=["wrong-secret", "stale-timestamp"],
)
def test_bolt_refuses_a_request_signed_wrongly_or_too_long_ago(fake_slack: FakeSlack, secret: str, age: int) -> None:
    app = bolt_app(fake_slack)
    handled: list[str] = []

    @app.event("app_mention")
    async def answer(event: dict[str, Any]) -> None:
        handled.append(event["text"])

    payload = event_callback(app_mention("Hi", user=ASKER, channel=CHANNEL))

    async def deliver() -> int:
        async with serving(app) as url:
            return (await post_signed(url, *payload, secret, timestamp=int(time.time()) - age)).status

    assert asyncio.run(deliver()) == 401
    assert handled == []
