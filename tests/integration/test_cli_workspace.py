"""The terminal acts on the Slack workspace its bot token is installed in.

Slack charges each question to the workspace (team) id of its event, so a budget set with
`advisor budget set workspace …` must land on that id, not on the terminal's own `local`.
The `advisor` command runs as a subprocess, the way an admin runs it, against the Slack
stand-in on 127.0.0.1; the Slack app then answers a signed mention on the same database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_requests import app_mention, event_callback, post_signed_sync
from tests.fakes.slack_server import BOT_USER_ID, DEFAULT_APP_TOKEN, TEAM_NAME, FakeSlack
from tests.integration.slack_app import RunningSlackApp
from tests.integration.test_open_questions import KEY_NAME, OPEN_QUESTION, make_settings

ADVISOR = Path(sys.executable).parent / "advisor"
TEAM = "T0SATO"
SECRET = "test-signing-secret"


@pytest.fixture
def slack() -> FakeSlack:
    with FakeSlack(team_id=TEAM) as server:
        yield server


@pytest.fixture
def env(tmp_path: Path, slack: FakeSlack) -> dict[str, str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ADVISOR_", "DATABASE_URL", "SLACK_")) and not k.endswith("_API_KEY")
    }
    environment.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'advisor.db'}",
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_APP_TOKEN": DEFAULT_APP_TOKEN,
            "SLACK_API_URL": slack.base_url,
            "ADVISOR_DEFAULT_MONTHLY_TOKENS": "",
        }
    )
    return environment


def run(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ADVISOR), *args], capture_output=True, text=True, env=env, timeout=90, cwd=cwd)


def test_a_budget_set_in_the_terminal_limits_the_slack_workspace(
    tmp_path: Path, slack: FakeSlack, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    done = run(env, "budget", "set", "workspace", "100", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"workspace {TEAM_NAME} ({TEAM}): 100 tokens a month"
    assert done.stderr == ""

    with FakeOpenAI() as llm:
        monkeypatch.setenv(KEY_NAME, llm.api_key)
        settings = make_settings(
            tmp_path,
            llm.base_url,
            database_url=env["DATABASE_URL"],
            SLACK_BOT_TOKEN=slack.token,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=slack.base_url,
        )
        with RunningSlackApp(settings) as app:
            assert [(limit.scope.kind, limit.monthly_tokens) for limit in app.advisor.budgets.limits(TEAM)] == [
                ("workspace", 100)
            ]
            mention = event_callback(
                app_mention(f"<@{BOT_USER_ID}> {OPEN_QUESTION}", user="U1", channel="C1"), team_id=TEAM
            )
            status, _, _ = post_signed_sync(app.url, mention.body, mention.content_type, SECRET)
            [reply] = slack.wait_for("chat.update", timeout=15)
        assert status == 200
        assert llm.requests == []  # the 100 tokens cannot pay for any model
    assert "budget" in reply.args["text"].lower()


def test_the_workspace_is_asked_of_slack_once_and_named_in_every_report(
    tmp_path: Path, slack: FakeSlack, env: dict[str, str]
) -> None:
    shown = run(env, "budget", "show", "--json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    report = json.loads(shown.stdout)
    assert (report["workspace"], report["workspace_name"]) == (TEAM, TEAM_NAME)

    used = json.loads(run(env, "usage", "--json", cwd=tmp_path).stdout)
    assert (used["workspace"], used["workspace_name"]) == (TEAM, TEAM_NAME)
    text = run(env, "usage", cwd=tmp_path).stdout
    assert f"workspace {TEAM_NAME} ({TEAM})" in text

    profile = tmp_path / "company.yaml"
    profile.write_text(
        "name: Sato Seisakusho\nhourly_cost: 3000\ntasks:\n  - {task: proposals, volume: 20, minutes_before: 300}\n"
    )
    saved = run(env, "profile", "set", str(profile), cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.strip().endswith(f"for workspace {TEAM_NAME} ({TEAM})")
    assert run(env, "profile", "show", cwd=tmp_path).stdout.startswith(
        f"# the company profile of workspace {TEAM_NAME} ({TEAM})"
    )

    inventory = run(env, "inventory", "--json", cwd=tmp_path)
    assert inventory.returncode == 0, inventory.stderr
    assert json.loads(inventory.stdout)["workspace"] == TEAM

    assert len(slack.calls_for("auth.test")) == 1  # remembered in the database after the first


def test_an_explicit_workspace_wins_and_slack_is_not_asked(
    tmp_path: Path, slack: FakeSlack, env: dict[str, str]
) -> None:
    given = run(env, "budget", "set", "workspace", "5000", "--workspace", "T0OTHER", cwd=tmp_path)
    assert given.returncode == 0, given.stderr
    assert given.stdout.strip() == "workspace T0OTHER: 5,000 tokens a month"
    assert "T0OTHER is not a Slack workspace this app has seen" in given.stderr

    from_setting = run({**env, "ADVISOR_WORKSPACE": "T0SETTING"}, "budget", "show", "--json", cwd=tmp_path)
    assert json.loads(from_setting.stdout)["workspace"] == "T0SETTING"
    assert slack.calls_for("auth.test") == []

    shown = json.loads(run(env, "budget", "show", "--json", "--workspace", "T0OTHER", cwd=tmp_path).stdout)
    assert [(scope["id"], scope["limit_tokens"]) for scope in shown["scopes"]] == [("T0OTHER", 5000)]


def test_without_slack_the_terminal_keeps_its_own_workspace(tmp_path: Path, env: dict[str, str]) -> None:
    plain = {k: v for k, v in env.items() if not k.startswith("SLACK_")}
    shown = json.loads(run(plain, "budget", "show", "--json", cwd=tmp_path).stdout)
    assert (shown["workspace"], shown["workspace_name"]) == ("local", None)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-revoked"}, "Slack refused SLACK_BOT_TOKEN (invalid_auth)"),
        ({"SLACK_API_URL": "http://127.0.0.1:9/api/"}, "could not reach Slack to learn which workspace"),
    ],
)
def test_a_token_slack_refuses_or_cannot_check_is_a_clear_message(
    tmp_path: Path, env: dict[str, str], change: dict[str, str], expected: str
) -> None:
    kept = run(
        {k: v for k, v in env.items() if not k.startswith("SLACK_")}, "budget", "set", "workspace", "7000", cwd=tmp_path
    )
    assert kept.returncode == 0, kept.stderr

    done = run({**env, **change}, "budget", "set", "workspace", "100", cwd=tmp_path)
    assert done.returncode == 1
    assert expected in done.stderr and "--workspace" in done.stderr
    assert "Traceback" not in done.stderr
    local = json.loads(
        run(
            {k: v for k, v in env.items() if not k.startswith("SLACK_")}, "budget", "show", "--json", cwd=tmp_path
        ).stdout
    )
    assert [scope["limit_tokens"] for scope in local["scopes"]] == [7000]  # nothing stored was touched
