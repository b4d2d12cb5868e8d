"""`advisor clock`: the monthly inventory is posted once, with its chart, however many clocks run."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.fakes.slack_server import FakeSlack
from tests.integration.postgres import fresh_database
from tests.integration.test_cli import ADVISOR, env, run  # noqa: F401 (env is a fixture)

CHANNEL = "CINVENTORY"
CLOCKS = 2


def clock_once(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ADVISOR), "clock", "--once"], capture_output=True, text=True, env=environment, timeout=120
    )


def clock_environment(env: dict[str, str], slack: FakeSlack, **more: str) -> dict[str, str]:
    """The CLI environment of a clock that posts to `slack`, due at midnight (so at once)."""
    return {
        **env,
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_API_URL": slack.base_url,
        "ADVISOR_INVENTORY_CHANNEL": CHANNEL,
        "ADVISOR_INVENTORY_TIME": "00:00",
        "ADVISOR_PRICE_WATCH": "off",  # the watch reads the web: its own tests serve the pages (test_price_watch)
        **more,
    }


def test_two_clocks_on_one_database_post_the_month_once_with_its_chart(env: dict[str, str], postgres_url: str) -> None:
    with FakeSlack() as slack:
        environment = clock_environment(env, slack, DATABASE_URL=fresh_database(postgres_url, "clock"))
        assert run(environment, "db", "upgrade").returncode == 0
        with ThreadPoolExecutor(CLOCKS) as pool:
            done = list(pool.map(clock_once, [environment] * CLOCKS))
        assert all(clock.returncode == 0 for clock in done), [clock.stderr for clock in done]
        assert sorted(clock.stdout.startswith("posted the") for clock in done) == [False, True]

        again = clock_once(environment)  # a restart later in the month
        assert again.returncode == 0 and again.stdout.startswith("nothing posted")

        [post] = slack.calls_for("chat.postMessage")
        assert post.args["channel"] == CHANNEL and "What got cheaper" in post.args["blocks"][0]["text"]["text"]
        [chart] = slack.uploaded_files
        assert chart.content.startswith(b"\x89PNG\r\n\x1a\n") and chart.thread_ts == post.response["ts"]
        assert chart.channel_id == CHANNEL


@pytest.mark.parametrize(
    ("given", "missing"), [({}, "SLACK_BOT_TOKEN"), ({"SLACK_BOT_TOKEN": "xoxb-1"}, "ADVISOR_INVENTORY_CHANNEL")]
)
def test_the_clock_names_what_is_missing(env: dict[str, str], given: dict[str, str], missing: str) -> None:
    bare = {name: value for name, value in env.items() if not name.startswith("SLACK_")}
    done = run({**bare, **given}, "clock", "--once")
    assert done.returncode == 1 and missing in done.stderr and "Traceback" not in done.stderr


def test_a_post_slack_refuses_is_tried_again_by_the_next_tick(env: dict[str, str]) -> None:
    with FakeSlack() as slack:
        environment = clock_environment(env, slack)
        slack.error_next("chat.postMessage", "not_in_channel")
        first = clock_once(environment)
        assert first.returncode == 0 and first.stdout.startswith("nothing posted") and "not_in_channel" in first.stderr

        second = clock_once(environment)
        assert second.returncode == 0 and second.stdout.startswith("posted the")
        assert [call.ok for call in slack.calls_for("chat.postMessage")] == [False, True]


def test_a_chart_that_fails_to_upload_does_not_post_the_report_twice(env: dict[str, str]) -> None:
    with FakeSlack() as slack:
        environment = clock_environment(env, slack)
        slack.error_next("files.getUploadURLExternal", "internal_error")
        first = clock_once(environment)
        assert first.stdout.startswith("posted the") and "chart failed" in first.stderr
        assert clock_once(environment).stdout.startswith("nothing posted")
        assert len(slack.calls_for("chat.postMessage")) == 1


def test_a_running_clock_stops_asking_slack_once_the_month_is_posted(tmp_path) -> None:
    import asyncio

    from slack_sdk.web.async_client import AsyncWebClient

    from bot.settings import Settings
    from bot.slack.clock import InventoryClock

    with FakeSlack() as slack:
        settings = Settings(
            _env_file=None,
            DATABASE_URL=f"sqlite:///{tmp_path / 'clock.db'}",
            ADVISOR_INVENTORY_CHANNEL=CHANNEL,
            ADVISOR_INVENTORY_TIME="00:00",
            ADVISOR_PRICE_WATCH=False,
            ADVISOR_MODELS=str(tmp_path / "no-models.yaml"),
        )
        clock = InventoryClock(settings, AsyncWebClient(token=slack.token, base_url=slack.base_url))

        async def three_ticks() -> list[str | None]:
            return [await clock.tick() for _ in range(3)]

        posted = asyncio.run(three_ticks())
        assert posted[0] is not None and posted[1:] == [None, None]
        assert len(slack.calls_for("auth.test")) == 1 and len(slack.calls_for("chat.postMessage")) == 1
