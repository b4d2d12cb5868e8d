"""Models that retire: never chosen once retired, shown with their date and successor to admins.

A models file with a model whose cost-map shutdown date has passed (`gpt-4`, 2026-10-23), one
whose dated snapshot retires in 30 days (`gpt-5-nano`: its snapshot gpt-5-nano-2025-08-07 on
2026-12-11) and one given `retires_on` in the file. The day is fixed (2026-11-11), never today's.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
import logging
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from bot.advisor.cost_map_refresh import CostMapRefresh
from bot.advisor.roster import Roster
from bot.advisor.service import Advisor
from bot.llm.runtime import litellm
from bot.settings import Settings
from tests.fakes.cost_map_server import FakeCostMap
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.integration.test_cli import ADVISOR, env, run  # noqa: F401 (env is a fixture)
from tests.integration.test_cli_serve import free_port

KEY_NAME = "ADVISOR_TEST_MODEL_KEY"
ROOT = Path(__file__).resolve().parents[2]
ON = dt.datetime(2026, 11, 11, 3, 0, tzinfo=dt.UTC)
CHEAP = {"input_cost_per_token": 1e-9, "output_cost_per_token": 1e-9}  # cheaper than any model that lasts


def models_file(path: Path, base_url: str) -> Path:
    def entry(name: str, model: str, tier: int, key: str = KEY_NAME, **info: object) -> dict[str, object]:
        return {
            "model_name": name,
            "litellm_params": {"model": model, "api_key": f"os.environ/{key}", "api_base": base_url},
            "model_info": {"tier": tier, **info},
        }

    entries = [
        entry("gone", "openai/gpt-4", 1, **CHEAP),  # the map: shut down on 2026-10-23
        entry("nano", "openai/gpt-5-nano", 1),  # its snapshot retires 2026-12-11: in 30 days
        entry("turbo", "dashscope/qwen-turbo", 1, key="ADVISOR_TEST_UNSET_KEY"),
        entry("marked", "openai/gpt-4.1-mini", 2, retires_on="2026-11-01", **CHEAP),
        entry("mini", "openai/gpt-5.4-mini", 2),
        entry("strong", "openai/gpt-5.4", 3),
        entry("unpriced", "dashscope/not-a-model", 3),
    ]
    path.write_text(yaml.safe_dump({"model_list": entries}), encoding="utf-8")
    return path


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with FakeOpenAI() as running:
        yield running


@pytest.fixture
def advisor(tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> Advisor:
    monkeypatch.setenv(KEY_NAME, server.api_key)
    monkeypatch.delenv("ADVISOR_TEST_UNSET_KEY", raising=False)
    settings = Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite:///{tmp_path / 'advisor.db'}",  # type: ignore[call-arg]
        ADVISOR_MODELS=str(models_file(tmp_path / "models.yaml", server.base_url)),
        ADVISOR_RETRY_BASE_SECONDS=0.01,
        ADVISOR_DEFAULT_MONTHLY_TOKENS="",
        ADVISOR_MODEL_READING=False,
    )
    advisor = Advisor(settings)
    advisor.roster = Roster(settings, lambda: ON)
    return advisor


def test_a_retired_model_is_never_chosen_nor_a_fallback_even_when_it_is_the_cheapest(advisor: Advisor) -> None:
    route = advisor.route("Is it safe to paste customer e-mails into ChatGPT?")
    assert route.model == "nano"  # retiring in 30 days: still used
    assert "gone" not in route.fallbacks and "marked" not in route.fallbacks
    deeper = advisor.route("Is it safe to paste customer e-mails into ChatGPT?", at_least_tier=2)
    assert deeper.model == "mini" and "marked" not in deeper.fallbacks


def test_when_the_cheapest_model_fails_the_fallback_is_not_a_retired_one(advisor: Advisor, server: FakeOpenAI) -> None:
    server.fail_next(500, times=3, model="gpt-5-nano")
    answer = advisor.ask("Is it safe to paste customer e-mails into ChatGPT?")
    assert answer.status == "answered" and answer.model == "mini"
    assert {request.model for request in server.requests} == {"gpt-5-nano", "gpt-5.4-mini"}


def test_the_same_models_are_all_chosen_again_before_any_retires(advisor: Advisor) -> None:
    earlier = Roster(advisor.settings, lambda: dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    assert {spec.name for spec in earlier.candidates()} == {"gone", "nano", "marked", "mini", "strong"}
    assert {spec.name for spec in advisor.roster.candidates()} == {"nano", "mini", "strong"}


def test_advisor_models_json_gives_each_model_its_status_date_and_successor(
    env: dict[str, str], tmp_path: Path
) -> None:
    environment = {
        **env,
        "ADVISOR_MODELS": str(models_file(tmp_path / "models.yaml", "http://127.0.0.1:9")),
        KEY_NAME: "k",
    }
    done = run(environment, "models", "--json", "--on", "2026-11-11")
    assert done.returncode == 0, done.stderr
    listed = {row["name"]: row for row in json.loads(done.stdout)["models"]}
    assert {name: row["status"] for name, row in listed.items()} == {
        "gone": "retired",
        "nano": "retiring",
        "turbo": "no_key",
        "marked": "retired",
        "mini": "usable",
        "strong": "usable",
        "unpriced": "no_price",
    }
    assert listed["gone"]["retires_on"] == "2026-10-23" and listed["gone"]["retires_on_from"] == "cost map"
    assert listed["nano"]["retires_on"] == "2026-12-11"
    assert listed["nano"]["retires_on_from"] == "cost map: snapshot gpt-5-nano-2025-08-07"
    assert listed["marked"]["retires_on"] == "2026-11-01" and listed["marked"]["retires_on_from"] == "models file"
    # Successors: the cheapest lasting model of the same tier (the keyless one, when it is the only one).
    assert listed["gone"]["successor"] == "turbo" and listed["nano"]["successor"] == "turbo"
    assert listed["marked"]["successor"] == "mini"
    assert listed["mini"]["successor"] is None and listed["turbo"]["input_usd_per_1m"] == 0.05  # priced without its key

    earlier = json.loads(run(environment, "models", "--json", "--on", "2026-09-01").stdout)["models"]
    assert {row["name"]: row["status"] for row in earlier}["nano"] == "usable"  # 101 days before


def test_the_chat_warns_at_start_of_a_model_that_retires_soon(env: dict[str, str], tmp_path: Path) -> None:
    entries = [
        {
            "model_name": "soon",
            "litellm_params": {"model": "openai/gpt-4o-mini", "api_key": f"os.environ/{KEY_NAME}"},
            "model_info": {"tier": 1, "retires_on": "2000-01-01", "successor": "whatever-comes-next"},
        }
    ]
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump({"model_list": entries}), encoding="utf-8")
    done = run({**env, "ADVISOR_MODELS": str(path), KEY_NAME: "k"}, "chat", stdin="exit\n")
    assert done.returncode == 0, done.stderr
    assert "warning: soon was retired on 2000-01-01 and is no longer used; move to whatever-comes-next" in done.stderr


def test_serve_logs_a_warning_for_a_retired_model_once_the_models_are_loaded(
    env: dict[str, str], tmp_path: Path
) -> None:
    entries = [
        {
            "model_name": "old",
            "litellm_params": {"model": "openai/gpt-4o-mini", "api_key": f"os.environ/{KEY_NAME}"},
            "model_info": {"tier": 1, "retires_on": "2000-01-01"},
        }
    ]
    models = tmp_path / "models.yaml"
    models.write_text(yaml.safe_dump({"model_list": entries}), encoding="utf-8")
    log = tmp_path / "serve.log"
    with FakeSlack() as slack, log.open("wb") as log_file:
        environment = {
            **{name: value for name, value in env.items() if not name.startswith("SLACK_")},
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_SIGNING_SECRET": "secret",
            "SLACK_API_URL": slack.base_url,
            "ADVISOR_MODELS": str(models),
            KEY_NAME: "k",
        }
        server = subprocess.Popen(
            [str(ADVISOR), "serve", "--http", "--host", "127.0.0.1", "--port", str(free_port())],
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while "no longer used" not in log.read_text() and server.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=15)
    assert "WARNING bot.slack.server: old was retired on 2000-01-01 and is no longer used" in log.read_text()


# --- the published cost map, fetched again each month -----------------------------------


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """LiteLLM's map as a stand-in publishes it (the bundled one, one price and one date changed); this
    process's map is put back afterwards."""
    lite = litellm()  # first: importing any part of LiteLLM before would fetch the map from the internet
    from litellm.litellm_core_utils.get_model_cost_map import adopt_model_cost_map

    loaded = copy.deepcopy(lite.model_cost)
    newer = copy.deepcopy(lite.model_cost)
    newer["gpt-5.4-mini"]["input_cost_per_token"] = 0.5e-6  # a price cut since the release
    newer["gpt-5.4"]["deprecation_date"] = "2026-12-20"  # a shutdown announced since
    monkeypatch.delenv("LITELLM_LOCAL_MODEL_COST_MAP", raising=False)
    with FakeCostMap(newer) as server:
        monkeypatch.setattr(lite, "model_cost_map_url", server.url)
        try:
            yield server
        finally:
            adopt_model_cost_map(loaded)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def refresher(advisor: Advisor, clock: Clock, timeout: float = 10.0) -> CostMapRefresh:
    """A refresh made in `clock`'s month, whose map came with the import."""
    remote = advisor.settings.model_copy(update={"remote_cost_map": True})
    return CostMapRefresh(remote, advisor.roster, clock, timeout_seconds=timeout)


def test_a_new_month_fetches_the_published_map_and_the_models_follow_it(
    advisor: Advisor, published: FakeCostMap
) -> None:
    clock = Clock(ON)
    refresh = refresher(advisor, clock)
    assert {spec.name: spec.input_cost_per_token for spec in advisor.roster.candidates()}["mini"] == 0.75e-6
    assert asyncio.run(refresh.due()) is False and published.requests == 0  # the month's map came with the import

    clock.now = dt.datetime(2026, 12, 1, 0, 5, tzinfo=dt.UTC)
    assert asyncio.run(refresh.due()) is True and published.requests == 1
    assert {spec.name: spec.input_cost_per_token for spec in advisor.roster.candidates()}["mini"] == 0.5e-6
    strong = next(life for life in advisor.roster.setup.lives if life.name == "strong")
    assert strong.retires_on == dt.date(2026, 12, 20)
    assert asyncio.run(refresh.due()) is False and published.requests == 1  # once a month


@pytest.mark.parametrize("failure", ["error", "hang", "fewer models"])
def test_a_failed_fetch_keeps_the_map_logs_why_and_tries_again_the_next_day(
    advisor: Advisor, published: FakeCostMap, failure: str, caplog: pytest.LogCaptureFixture
) -> None:
    if failure == "error":
        published.fail_with(404)
    elif failure == "hang":
        published.hang()
    else:
        published.map = dict(list(published.map.items())[:100])  # LiteLLM refuses a map that lost models
    clock = Clock(ON)
    refresh = refresher(advisor, clock, timeout=3.0)
    clock.now = dt.datetime(2026, 12, 1, 0, 5, tzinfo=dt.UTC)
    before = {spec.name: spec.input_cost_per_token for spec in advisor.roster.candidates()}
    with caplog.at_level(logging.WARNING):
        started = time.monotonic()
        assert asyncio.run(refresh.due()) is False
    assert time.monotonic() - started < 10
    assert "refreshing LiteLLM's cost map" in caplog.text and "keeping the map loaded" in caplog.text
    assert {spec.name: spec.input_cost_per_token for spec in advisor.roster.candidates()} == before
    assert asyncio.run(refresh.due()) is False  # not again the same day
    requests = published.requests
    clock.now += dt.timedelta(days=1)
    asyncio.run(refresh.due())
    assert published.requests > requests


def test_the_bundled_models_come_from_two_providers_and_none_has_a_shutdown_date_in_the_bundled_map(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("OPENAI_API_KEY", "DASHSCOPE_API_KEY"):
        monkeypatch.setenv(name, "k")
    settings = Settings(_env_file=None, ADVISOR_MODELS=str(ROOT / "catalog" / "models.yaml"))  # type: ignore[call-arg]
    setup = Roster(settings).everything
    assert not setup.problems and not setup.unusable
    assert {life.model.split("/")[0] for life in setup.lives} >= {"openai", "dashscope"}
    assert {life.tier for life in setup.lives} == {1, 2, 3}
    assert [(life.name, life.retires_on) for life in setup.lives if life.retires_on] == []
