"""`advisor route`, `ask --json`, `models`, `budget …` and `usage`, run as subprocesses.

Open questions go to the stand-in model server on 127.0.0.1 through the real LiteLLM client.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAI
from tests.integration.test_open_questions import KEY_NAME, OPEN_QUESTION, write_models

ADVISOR = Path(sys.executable).parent / "advisor"
PROVIDER_KEYS = ("OPENAI_API_KEY", "DASHSCOPE_API_KEY", KEY_NAME)


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    with FakeOpenAI() as running:
        yield running


@pytest.fixture
def env(tmp_path: Path, server: FakeOpenAI) -> dict[str, str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("ADVISOR_", "DATABASE_URL")) and k not in PROVIDER_KEYS
    }
    environment.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'advisor.db'}",
            "ADVISOR_MODELS": str(write_models(tmp_path / "models.yaml", server.base_url)),
            KEY_NAME: server.api_key,
            "ADVISOR_RETRY_BASE_SECONDS": "0.01",
        }
    )
    return environment


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ADVISOR), *args], capture_output=True, text=True, env=env, timeout=90, cwd=env.get("HOME", "/")
    )


def test_route_is_a_dry_run_that_writes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    import sqlite3

    for question in ("what got cheaper this month?", "今月安くなったツールは？"):
        done = run(env, "route", question, "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["path"] == "inventory"
    database = tmp_path / "advisor.db"
    written = (
        sqlite3.connect(database).execute("SELECT count(*) FROM price_snapshots").fetchone()[0]
        if database.exists()
        else 0
    )
    assert written == 0
    asked = run(env, "ask", "what got cheaper this month?", "--json")  # the real question takes the snapshot
    assert asked.returncode == 0, asked.stderr
    assert sqlite3.connect(database).execute("SELECT count(*) FROM price_snapshots").fetchone()[0] > 0


def test_route_shows_the_decision_without_calling_a_model(env: dict[str, str], server: FakeOpenAI) -> None:
    done = run(env, "route", OPEN_QUESTION, "--user", "U1", "--channel", "C1", "--json")
    assert done.returncode == 0, done.stderr
    route = json.loads(done.stdout)
    assert {"path", "tier", "model", "estimated_prompt_tokens", "estimated_cost_usd", "tools", "reason"} <= route.keys()
    assert (route["path"], route["tier"], route["model"]) == ("llm", 1, "nano")
    assert 100 < route["estimated_prompt_tokens"] < 2_000
    assert route["estimated_cost_usd"] == pytest.approx(route["estimated_prompt_tokens"] * 0.15e-6 + 500 * 0.60e-6)
    assert route["tools"] and route["reason"].endswith(".")
    assert server.requests == []

    zero = json.loads(run(env, "route", "翻訳ツールの料金は？", "--json").stdout)
    assert (zero["path"], zero["model"], zero["estimated_cost_usd"]) == ("catalog", None, 0.0)
    assert zero["tools"]
    refused = json.loads(run(env, "route", "tell me a joke about cats", "--json").stdout)
    assert refused["path"] == "refused"


def test_ask_json_reports_the_model_and_the_real_usage(env: dict[str, str], server: FakeOpenAI) -> None:
    done = run(env, "ask", OPEN_QUESTION, "--user", "U1", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    [request] = server.requests
    assert answer["model"] == "nano" and answer["status"] == "answered"
    assert answer["prompt_tokens"] == request.response["usage"]["prompt_tokens"]
    assert answer["completion_tokens"] == request.response["usage"]["completion_tokens"]
    assert answer["cost_usd"] > 0

    usage = json.loads(run(env, "usage", "--json").stdout)
    assert usage["questions_by_path"] == {"llm": 1}
    assert usage["tokens"] == answer["prompt_tokens"] + answer["completion_tokens"]
    assert usage["models"][0]["model"] == "nano"


def test_models_lists_tiers_prices_and_what_is_missing(env: dict[str, str], tmp_path: Path) -> None:
    models = json.loads(run(env, "models", "--json").stdout)["models"]
    assert [(m["name"], m["tier"], m["input_usd_per_1m"]) for m in models] == [
        ("nano", 1, 0.15),
        ("mini", 2, 0.4),
        ("strong", 3, 2.5),
    ]
    assert {m["status"] for m in models} == {"usable"}
    env = {**env}
    del env[KEY_NAME]
    missing = json.loads(run(env, "models", "--json").stdout)["models"]
    assert {m["name"]: (m["status"], m["why_not_usable"]) for m in missing} == {
        name: ("no_key", f"{KEY_NAME} is not set") for name in ("nano", "mini", "strong")
    }
    assert [m["input_usd_per_1m"] for m in missing] == [0.15, 0.4, 2.5]  # priced all the same


def test_budget_set_show_and_policy(env: dict[str, str]) -> None:
    assert run(env, "budget", "set", "workspace", "1m", "--money", "5").returncode == 0
    assert run(env, "budget", "set", "channel", "C1", "200,000").returncode == 0
    assert run(env, "budget", "set", "user", "U1", "20万").returncode == 0
    assert run(env, "budget", "policy", "--warn-at", "90%", "--at-limit", "downgrade").returncode == 0
    shown = json.loads(run(env, "budget", "show", "--json").stdout)
    limits = {(row["scope"], row["id"]): (row["limit_tokens"], row["limit_money_usd"]) for row in shown["scopes"]}
    assert limits == {
        ("workspace", "local"): (1_000_000, 5.0),
        ("channel", "C1"): (200_000, None),
        ("user", "U1"): (200_000, None),
    }
    assert shown["policy"] == {"warn_at": 0.9, "at_limit": "downgrade"}
    assert run(env, "budget", "remove", "user", "U1").returncode == 0
    assert "U1" not in run(env, "budget", "show").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("budget", "set", "workspace", "-5"), "negative"),
        (("budget", "set", "workspace", "lots"), "is not a token amount"),
        (("budget", "set", "team", "T1", "100"), "unknown scope 'team'; use one of: workspace, channel, user"),
        (("budget", "set", "channel", "100"), "give one token amount after the scope"),
        (("budget", "set", "channel"), "give the channel id"),
        (("budget", "set", "workspace", "100", "--money", "-3"), "negative"),
        (("budget", "policy", "--warn-at", "150%"), "must be above 0 and at most 100%"),
        (("budget", "show", "--month", "2026-13"), "write it as YYYY-MM"),
        (("budget", "remove", "user", "U404"), "has no limit to remove"),
    ],
)
def test_bad_budget_input_gets_a_clear_message_and_changes_nothing(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    assert run(env, "budget", "set", "workspace", "300000").returncode == 0
    done = run(env, *args)
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr
    shown = json.loads(run(env, "budget", "show", "--json").stdout)
    assert [(row["scope"], row["limit_tokens"]) for row in shown["scopes"]] == [("workspace", 300_000)]


def test_a_broken_models_file_is_named_and_zero_token_answers_still_work(env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "model_list:\n  - model_name: x\n    litellm_params: {api_key: os.environ/K}\n    model_info: {tier: 5}\n"
    )
    env = {**env, "ADVISOR_MODELS": str(broken)}
    done = run(env, "models")
    assert "litellm_params" in done.stderr and "tier" in done.stderr
    answer = json.loads(run(env, "ask", OPEN_QUESTION, "--json").stdout)
    assert answer["status"] == "declined" and "broken.yaml" in answer["answer"]
    assert json.loads(run(env, "ask", "cheapest way to transcribe meetings?", "--json").stdout)["path"] == "catalog"


def test_the_chat_logs_free_answers_and_one_shot_ask_does_not(env: dict[str, str]) -> None:
    assert run(env, "ask", "cheapest way to transcribe meetings?").returncode == 0
    assert json.loads(run(env, "usage", "--json").stdout)["questions"] == 0
    chat = subprocess.run(
        [str(ADVISOR), "chat"],
        input="cheapest way to transcribe meetings?\nwrite me a poem\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    assert chat.returncode == 0, chat.stderr
    usage = json.loads(run(env, "usage", "--json").stdout)
    assert usage["questions_by_path"] == {"catalog": 1, "refused": 1} and usage["tokens"] == 0
