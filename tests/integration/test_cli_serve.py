"""`advisor serve` and `advisor start` as people run them: clear messages when Slack is not set up."""

from __future__ import annotations

import signal
import socket
import subprocess
import time

import httpx
import pytest

from tests.fakes.slack_server import FakeSlack
from tests.integration.test_cli import ADVISOR, env, run  # noqa: F401 (env is a fixture)

START_TIMEOUT = 30.0


@pytest.fixture
def bare_env(env: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if not name.startswith("SLACK_")}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_asks_for_a_mode(bare_env: dict[str, str]) -> None:
    done = run(bare_env, "serve")
    assert done.returncode == 2 and "--socket" in done.stderr and "--http" in done.stderr


@pytest.mark.parametrize(
    ("mode", "given", "missing"),
    [
        ("--http", {}, "SLACK_BOT_TOKEN"),
        ("--http", {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ("--socket", {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
    ],
)
def test_serve_names_the_missing_token_and_where_to_find_it(
    bare_env: dict[str, str], mode: str, given: dict[str, str], missing: str
) -> None:
    done = run({**bare_env, **given}, "serve", mode)
    assert done.returncode == 1
    assert missing in done.stderr and "Traceback" not in done.stderr


def test_start_without_slack_tokens_is_the_terminal_chat(bare_env: dict[str, str]) -> None:
    done = run(bare_env, "start", stdin="cheapest way to transcribe meetings?\n")
    assert done.returncode == 0, done.stderr
    assert "Slack is not configured" in done.stderr and "0 tokens" in done.stdout


def test_serve_http_answers_its_health_check_and_stops_on_sigterm(bare_env: dict[str, str]) -> None:
    port = free_port()
    with FakeSlack() as slack:
        env = {
            **bare_env,
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_SIGNING_SECRET": "secret",
            "SLACK_API_URL": slack.base_url,
        }
        server = subprocess.Popen(
            [str(ADVISOR), "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    assert server.poll() is None, server.stderr.read() if server.stderr else ""
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
            assert response.json() == {"ok": True}
            assert httpx.post(f"http://127.0.0.1:{port}/slack/events", content=b"{}", timeout=5).status_code == 401
        finally:
            server.send_signal(signal.SIGTERM)
            _, errors = server.communicate(timeout=15)
        assert server.returncode == 0, errors
        assert slack.token not in errors


def test_start_with_slack_posts_the_months_inventory_in_its_channel(bare_env: dict[str, str]) -> None:
    """`make run` alone is the whole app: with ADVISOR_INVENTORY_CHANNEL set it posts the inventory too.

    At 00:00 on the first, this month's inventory is due from the start of any day of the
    month, and a process that was not running then posts it when it starts.
    """
    with FakeSlack() as slack:
        env = {
            **bare_env,
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_APP_TOKEN": slack.app_tokens[0],
            "SLACK_API_URL": slack.base_url,
            "ADVISOR_INVENTORY_CHANNEL": "C0INVENTORY",
            "ADVISOR_INVENTORY_TIME": "00:00",
        }
        server = subprocess.Popen(
            [str(ADVISOR), "start"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            slack.socket_mode.wait_for_link(timeout=START_TIMEOUT)
            [posted] = slack.wait_for("chat.postMessage", timeout=START_TIMEOUT)
        finally:
            server.send_signal(signal.SIGTERM)
            _, errors = server.communicate(timeout=30)
        assert posted.args["channel"] == "C0INVENTORY"
        assert "inventory" in posted.args["text"].lower()
        assert server.returncode == 0, errors
