"""Signed requests of the wrong shape, and unsigned junk, against the real app over HTTP on 127.0.0.1.

Slack sends well-formed payloads, but its shapes change and proxies sit in between; and anyone who can
reach the address can send anything. What must hold: no server error, no traceback in the log, a 400
(or the 200 Slack needs for an event it would otherwise send again) with one log line naming what was
wrong, nothing stored or changed, and a button that fails after acknowledging still ends its request
and tells the person. Payloads are fuzzed with Hypothesis (fixed seed) for every listener; the log of
the whole run is read at the end.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.slack import ids
from bot.slack.app import build_app, failure_reporter
from bot.slack.finishing import FinishingApp
from bot.slack.server import http_application
from tests.fakes.slack_requests import (
    FORM_CONTENT_TYPE,
    JSON_CONTENT_TYPE,
    SlackPayload,
    app_home_opened,
    app_mention,
    block_actions,
    direct_message,
    event_callback,
    input_values,
    slash_command,
    static_select,
    view_submission,
)
from tests.fakes.slack_server import TEAM_ID, FakeSlack
from tests.integration.slack_app import RunningSlackApp
from tests.integration.test_hostile_input import FUZZ, SECRET, World, running_world, signed
from tests.integration.test_slack_app import ADMIN, CHANNEL, MEMBER

SERVED = {200, 400}
"""What a signed request may be answered with: never a 5xx, never a 404 for a button Slack sent."""


def tracebacks(world: World) -> list[str]:
    """Log records that carry a traceback, or an error: either is a failure here."""
    return [
        f"{record.name}: {record.getMessage()[:200]}"
        for record in world.log.records
        if record.exc_info or "Traceback" in record.getMessage() or record.levelno >= logging.ERROR
    ]


@pytest.fixture
def world(
    tmp_path: Path, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> Iterator[World]:
    caplog.set_level(logging.INFO)
    with running_world(tmp_path, fake_slack, caplog, monkeypatch) as running:
        yield running


def as_json(payload: dict[str, Any]) -> SlackPayload:
    return SlackPayload(json.dumps(payload), JSON_CONTENT_TYPE)


def as_interaction(payload: Any) -> SlackPayload:
    return SlackPayload(urlencode({"payload": json.dumps(payload)}), FORM_CONTENT_TYPE)


def fields_of(payload: SlackPayload) -> Any:
    """The JSON inside a payload (an event's body, an interaction's `payload`), or a command's form fields."""
    if payload.content_type == JSON_CONTENT_TYPE:
        return json.loads(payload.body)
    form = dict(parse_qsl(payload.body, keep_blank_values=True))
    return json.loads(form["payload"]) if "payload" in form else form


def event(user: str = MEMBER, **changes: Any) -> dict[str, Any]:
    body = fields_of(
        event_callback(app_mention("<@UBOT> cheapest way to transcribe meetings?", user=user, channel=CHANNEL))
    )
    body.update(changes)
    return body


# --- the findings, one by one ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "status", "named"),
    [
        (SlackPayload("[]", JSON_CONTENT_TYPE), 400, "JSON array"),
        (SlackPayload("null", JSON_CONTENT_TYPE), 400, "JSON null"),
        (SlackPayload("1", JSON_CONTENT_TYPE), 400, "JSON number"),
        (SlackPayload("[" * 50_000 + "]" * 50_000, JSON_CONTENT_TYPE), 400, "nested"),
        (SlackPayload("payload=null", FORM_CONTENT_TYPE), 400, "JSON null"),
        (SlackPayload("payload=%7B", FORM_CONTENT_TYPE), 400, "not JSON"),
        (as_json(event(**{"authorizations": "x"})), 200, "authorizations"),
        (as_json(event(**{"enterprise": 5})), 200, "enterprise"),
        (as_json(event(**{"team_id": 5})), 200, "team_id"),
        (as_json({**event(), "event": {**event()["event"], "user": 1}}), 200, "event.user"),
        (as_json({**event(), "event": {**event()["event"], "user": {"id": MEMBER}}}), 200, "event.user"),
        (as_json({**event(), "event": []}), 200, "event"),
    ],
)
def test_a_signed_body_of_the_wrong_shape_is_refused_naming_what_was_wrong(
    world: World, payload: SlackPayload, status: int, named: str
) -> None:
    asked = len(world.app.advisor.questions.recent(TEAM_ID, 50))
    response = world.post(payload)
    assert response.status_code == status
    warnings = [
        r.getMessage() for r in world.log.records if r.levelno == logging.WARNING and "refused" in r.getMessage()
    ]
    assert len(warnings) == 1 and named in warnings[0]
    time.sleep(0.2)
    assert tracebacks(world) == []
    assert [call.method for call in world.slack.calls if call.method.startswith("chat.")] == []
    assert len(world.app.advisor.questions.recent(TEAM_ID, 50)) == asked


def press(action_id: str, value: str, **fields: Any) -> dict[str, Any]:
    body = fields_of(
        block_actions(action_id, value, user_id=MEMBER, channel_id=CHANNEL, message_ts="1700000000.000100")
    )
    body.update(fields)
    return body


@pytest.mark.parametrize(
    "body",
    [
        press(ids.DEEPER_ANSWER, "1", actions=[]),
        press(ids.DEEPER_ANSWER, "1", actions=[1]),
        press(ids.DEEPER_ANSWER, "1", actions=[{}]),
        press(ids.DEEPER_ANSWER, "1", actions=[{"action_id": 5}]),
        press(ids.DEEPER_ANSWER, "1", user=None),
        press(ids.DEEPER_ANSWER, "1", team=None),
        press(ids.SHARE_SAVINGS, "{}", user="UMEMBER"),
    ],
)
def test_a_button_press_without_its_parts_is_a_400_not_a_server_error(world: World, body: dict[str, Any]) -> None:
    assert world.post(as_interaction(body)).status_code == 400
    assert tracebacks(world) == []


@pytest.mark.parametrize(
    "view",
    [
        None,
        {"callback_id": ids.SAVINGS_MODAL},  # no state: an empty form
        {"callback_id": ids.SAVINGS_MODAL, "state": {"values": []}},
        {"callback_id": ids.BUDGETS_MODAL, "state": {"values": {"a": 5}}},
        {"callback_id": ids.PROFILE_MODAL, "state": {"values": {ids.PROFILE_NAME: {ids.PROFILE_NAME: {"value": 5}}}}},
        {"callback_id": ids.PRICE_MODAL, "state": {"values": {ids.PRICE_AMOUNT: {ids.PRICE_AMOUNT: {"value": ["1"]}}}}},
    ],
)
def test_a_form_submitted_in_an_odd_shape_gets_field_errors_or_a_400(world: World, view: Any) -> None:
    body = fields_of(view_submission(ids.SAVINGS_MODAL, input_values(), user_id=ADMIN))
    body["view"] = view
    response = world.post(as_interaction(body))
    assert response.status_code in SERVED
    if response.status_code == 200 and response.text:
        assert json.loads(response.text).get("response_action") == "errors"
    time.sleep(0.2)
    assert tracebacks(world) == []


def test_a_payload_of_no_known_type_with_null_objects_is_a_400(world: World) -> None:
    """Bolt's log of a request no listener takes reads `view` as an object whenever the key is there."""
    body = fields_of(view_submission(ids.SAVINGS_MODAL, input_values(), user_id=ADMIN))
    del body["type"]
    body["view"] = None
    assert world.post(as_interaction(body)).status_code == 400
    assert tracebacks(world) == []


class WithAFailingButton(RunningSlackApp):
    """The app, with one more button whose listener fails right after acknowledging."""

    def _application(self) -> web.Application:
        app = build_app(self.settings, self.advisor)

        async def fail_after_ack(ack: Any) -> None:
            await ack()
            raise RuntimeError("failed after the acknowledgement")

        FinishingApp(app, failure_reporter(self.settings)).action("fails_after_ack")(fail_after_ack)
        return http_application(app, self.advisor, SECRET)


def test_a_button_that_fails_after_acknowledging_ends_its_request_and_tells_the_person(world: World) -> None:
    with WithAFailingButton(world.app.settings) as app:
        payload = block_actions(
            "fails_after_ack", "", user_id=MEMBER, channel_id=CHANNEL,
            message_ts="1700000000.000100", response_url=world.slack.response_url(),
        )  # fmt: skip
        started = time.monotonic()
        response = world.http.post(app.url, content=payload.body.encode(), headers=signed(payload))
        elapsed = time.monotonic() - started
    assert response.status_code == 200 and elapsed < 2.0  # Bolt alone answers 404, three seconds later
    [told] = world.slack.wait_for("response_url")
    assert "nothing was changed" in told.args["text"] and told.args["response_type"] == "ephemeral"
    assert [r.getMessage() for r in world.log.records if r.levelno >= logging.ERROR] == [
        "unhandled RuntimeError in a block_actions request: failed after the acknowledgement"
    ]
    assert [r for r in world.log.records if r.exc_info] == []


def test_a_deeper_answer_button_without_a_question_id_does_nothing_quietly(world: World) -> None:
    response = world.post(
        block_actions(
            ids.DEEPER_ANSWER, "not-a-question-id", user_id=MEMBER, channel_id=CHANNEL,
            message_ts="1700000000.000100", response_url=world.slack.response_url(),
        )
    )  # fmt: skip
    assert response.status_code == 200
    time.sleep(0.2)
    assert tracebacks(world) == [] and world.slack.calls_for("chat.postMessage") == []


def test_a_command_longer_than_any_real_one_is_answered_briefly(world: World) -> None:
    [reply] = world.command("/ai-budget", "`" * 10_000, MEMBER)
    assert "10,000 characters" in reply.args["text"] and len(reply.args.get("blocks") or []) <= 50
    assert len(json.dumps(reply.args)) < 2_000
    [reply] = world.command("/ai-savings", "a" * 1_001, MEMBER)
    assert "1,001 characters" in reply.args["text"]


@pytest.mark.parametrize("staff_cost", ["@nan", "@inf", "@NaN", "@1e400", "@-inf"])
def test_a_staff_cost_that_is_not_a_number_is_refused_by_name(world: World, staff_cost: str) -> None:
    [reply] = world.command("/ai-savings", f"20 proposals/month 5h -> 1h {staff_cost}", MEMBER)
    assert "is not a number" in reply.args["text"] and staff_cost.lstrip("@-").lower() in reply.args["text"]
    assert world.savings_computed() == 0


def test_a_slash_command_that_mentions_payload_is_still_a_command(world: World) -> None:
    [reply] = world.command("/ai-savings", "payload reports 20/month 5h -> 1h @3000", MEMBER)
    assert "payload reports" in reply.args["text"] or "payload reports" in json.dumps(reply.args)


# --- unsigned junk: refused, each kind logged once a minute, never a traceback ---------------


def raw_exchange(world: World, data: bytes) -> bytes:
    host, port = world.app.url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


JUNK: list[Callable[[str], bytes]] = [
    lambda path: (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nX-Slack-Signature: {'a' * 10_000}\r\nContent-Length: 0\r\n\r\n".encode()
    ),
    lambda path: b"GARBAGE /\x00\x01 HTTP/9\r\n\r\n",
    lambda path: f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n123456789".encode(),
    lambda path: (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nX-Slack-Signature: v0=00\r\n"
        f"X-Slack-Request-Timestamp: 1\r\nContent-Length: 2\r\n\r\n{{}}".encode()
    ),
]


def test_unsigned_junk_is_refused_and_logged_once_a_minute_without_a_traceback(world: World) -> None:
    path = "/" + world.app.url.split("//")[1].split("/", 1)[1]
    for junk in JUNK:
        for _ in range(3):
            answer = raw_exchange(world, junk(path))
            assert not answer.startswith(b"HTTP/1.1 5"), answer[:100]
    time.sleep(0.3)
    assert [r for r in world.log.records if r.exc_info or r.levelno >= logging.ERROR] == []
    refusals = [r.getMessage() for r in world.log.records if "refused" in r.getMessage()]
    assert 1 <= len(refusals) <= len(JUNK), refusals  # once per kind, not once per request


# --- fuzzing every listener --------------------------------------------------------------------

WRONG = st.one_of(
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.text(max_size=40),
    st.just("`" * 3_000),
    st.just("<!channel> <@U0001> ${{7*7}} {0} %s \x00\u202e"),
)


NOWHERE = "http://127.0.0.1:9/hooks/none"  # stands for the stand-in Slack's response URL until a run has one


def base_payloads() -> list[SlackPayload]:
    trigger = {"message_ts": "1700000000.000100", "channel_id": CHANNEL, "response_url": NOWHERE}
    share = json.dumps(
        {"task": "proposals", "volume": 20, "period": "month", "minutes_before": 300, "minutes_after": 60}
    )
    return [
        event_callback(app_mention("<@UBOT> what got cheaper?", user=MEMBER, channel=CHANNEL)),
        event_callback(direct_message("cheapest transcription?", user=MEMBER, channel="D0042")),
        event_callback(app_home_opened(MEMBER)),
        *(
            slash_command(c, "show", user_id=ADMIN, response_url=NOWHERE)
            for c in ("/ai-savings", "/ai-plan", "/ai-budget", "/ai-inventory")
        ),
        block_actions(ids.DEEPER_ANSWER, "1", user_id=MEMBER, **trigger),
        block_actions(ids.SHARE_SAVINGS, share, user_id=MEMBER, **trigger),
        block_actions(f"{ids.CLARIFY_CHOICE}_0", "20 proposals a month", user_id=MEMBER, **trigger),
        block_actions(ids.OPEN_BUDGETS, "", user_id=ADMIN, view={"id": "VHOME", "type": "home"}),
        block_actions(ids.OPEN_PROFILE, "", user_id=ADMIN, view={"id": "VHOME", "type": "home"}),
        block_actions(ids.PRICE_RECORD, json.dumps({"tool": "chatgpt-plus"}), user_id=ADMIN, **trigger),
        block_actions(
            ids.PRICE_DISMISS, json.dumps({"tool": "chatgpt-plus", "signature": "x"}), user_id=ADMIN, **trigger
        ),
        view_submission(ids.SAVINGS_MODAL, input_values(volume="20"), user_id=MEMBER),
        view_submission(ids.PROFILE_MODAL, input_values(hourly_cost="3000"), user_id=ADMIN),
        view_submission(ids.BUDGETS_MODAL, input_values(workspace_tokens="1000"), user_id=ADMIN),
        view_submission(
            ids.PRICE_MODAL, input_values(amount="20", plan=static_select("Plus (monthly)")), user_id=ADMIN
        ),
    ]


BASES = base_payloads()


def paths(node: Any, prefix: tuple[Any, ...] = (), depth: int = 5) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if depth == 0:
        return found
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key), depth - 1)
    elif isinstance(node, list):
        for index, value in enumerate(node[:3]):
            found += paths(value, (*prefix, index), depth - 1)
    return found


def answering_at(node: Any, url: str) -> Any:
    """The payload with its response URL made one the stand-in Slack answers."""
    if isinstance(node, dict):
        return {key: answering_at(value, url) for key, value in node.items()}
    if isinstance(node, list):
        return [answering_at(value, url) for value in node]
    return url if node == NOWHERE else node


def mutated(
    data: st.DataObject, response_url: str, base_drawn: Callable[[SlackPayload], None] | None = None
) -> SlackPayload:
    base = data.draw(st.sampled_from(BASES), label="listener")
    if base_drawn is not None:
        base_drawn(base)
    fields = answering_at(fields_of(base), response_url)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        where = data.draw(st.sampled_from(paths(fields)), label="path")
        parent = fields
        for step in where[:-1]:
            parent = parent[step]
        if isinstance(base.content_type, str) and "payload" not in base.body and base.content_type == FORM_CONTENT_TYPE:
            value: Any = data.draw(
                st.one_of(st.text(max_size=300), st.just("")), label="form value"
            )  # forms carry text
        else:
            value = data.draw(WRONG, label="value")
        if data.draw(st.booleans(), label="delete") and isinstance(parent, dict):
            parent.pop(where[-1], None)
        else:
            parent[where[-1]] = value
    if base.content_type == JSON_CONTENT_TYPE:
        return as_json(fields)
    if "payload" in parse_qsl_keys(base.body):
        return as_interaction(fields)
    return SlackPayload(urlencode(fields), FORM_CONTENT_TYPE)


def parse_qsl_keys(body: str) -> set[str]:
    return {key for key, _ in parse_qsl(body, keep_blank_values=True)}


@settings(FUZZ, max_examples=2_500)
@given(data=st.data())
def test_any_payload_of_any_listener_is_served_without_a_server_error(world: World, data: st.DataObject) -> None:
    hook = getattr(world, "hook", None) or world.slack.response_url()
    world.hook = hook  # type: ignore[attr-defined]  # one response URL for the whole run
    response = world.post(mutated(data, hook))
    assert response.status_code in SERVED, response.text[:200]
    checked = getattr(world, "log_checked", 0)  # the records of earlier examples were read by them
    new = world.log.records[checked:]
    world.log_checked = checked + len(new)  # type: ignore[attr-defined]
    assert [r.getMessage()[:200] for r in new if r.exc_info or r.levelno >= logging.ERROR] == []


def test_after_the_fuzzing_the_log_holds_no_traceback(world: World) -> None:
    """The fuzz run's examples each check their status; this reads the log of a whole run of them."""
    run = test_any_payload_of_any_listener_is_served_without_a_server_error.hypothesis.inner_test  # type: ignore[attr-defined]

    @settings(FUZZ, max_examples=300)
    @given(data=st.data())
    def again(data: st.DataObject) -> None:
        run(world, data)

    again()
    time.sleep(1.0)  # work behind the acknowledgements finishes
    assert tracebacks(world) == []
