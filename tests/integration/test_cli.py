"""The real `advisor` command, run as a subprocess the way people run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store.db import SCHEMA_HEAD

ADVISOR = Path(sys.executable).parent / "advisor"


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    # No provider keys: nothing here may reach a real model.
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ADVISOR_", "DATABASE_URL")) and not k.endswith("_API_KEY")
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'data' / 'advisor.db'}"
    return environment


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ADVISOR), *args], input=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_calc_reads_a_json_scenario_from_stdin(env):
    scenario = {
        "task": "proposals",
        "volume": 20,
        "minutes_before": 300,
        "minutes_after": 60,
        "hourly_cost": 3000,
        "tool_cost_monthly": 3000,
        "setup_cost": 30000,
    }
    done = run(env, "calc", "--scenario", "-", "--json", stdin=json.dumps(scenario))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["hours_saved_per_month"] == 80.0
    assert result["savings_per_month"] == 237_000
    assert result["savings_per_year"] == 12 * 237_000
    assert result["payback_months"] == pytest.approx(0.1)
    assert result["currency"] == "JPY" and result["assumptions"]


def test_calc_reads_yaml_files_and_flags_override(env, tmp_path):
    path = tmp_path / "listings.yaml"
    path.write_text("volume: 10\nperiod: year\noutsourcing_unit_cost: [30000, 50000]\ncurrency: JPY\n")
    done = run(env, "calc", "--scenario", str(path), "--volume", "20", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["savings_per_year"] == {"low": 600_000, "high": 1_000_000}


def test_calc_flags_in_dollars(env):
    done = run(
        env,
        "calc",
        "--volume",
        "5",
        "--period",
        "week",
        "--minutes-before",
        "180",
        "--minutes-after",
        "30",
        "--hourly-cost",
        "40",
        "--currency",
        "USD",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["currency"] == "USD"
    assert result["savings_per_month"] == pytest.approx(5 * 52 / 12 * 2.5 * 40, abs=0.01)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--volume", "0"], "volume"),
        (["--volume", "-3"], "volume"),
        (["--volume", "5", "--minutes-before", "10", "--minutes-after", "30"], "minutes_after"),
        (["--volume", "5", "--currency", "EUR"], "currency"),
        (["--volume", "5", "--period", "decade"], "period"),
        (["--volume", "5", "--hourly-cost", "-1"], "hourly_cost"),
        (["--hourly-cost", "3000"], "volume"),
    ],
)
def test_calc_bad_input_exits_non_zero_naming_the_field(env, args, named):
    done = run(env, "calc", *args, "--json")
    assert done.returncode != 0
    assert named in done.stderr and "Traceback" not in done.stderr


def test_calc_rejects_a_scenario_that_is_not_a_mapping(env):
    done = run(env, "calc", "--scenario", "-", stdin="[1, 2]")
    assert done.returncode != 0 and "mapping" in done.stderr


def test_ask_json_for_a_catalog_question(env):
    done = run(env, "ask", "cheapest way to transcribe meetings?", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["path"] == "catalog" and answer["language"] == "en"
    assert len(answer["tools"]) >= 3
    assert (answer["prompt_tokens"], answer["completion_tokens"], answer["cost_usd"]) == (0, 0, 0)


def test_ask_in_japanese_answers_in_japanese(env):
    done = run(env, "ask", "翻訳ツールの料金は？", "--json")
    answer = json.loads(done.stdout)
    assert answer["language"] == "ja" and answer["path"] == "catalog"
    assert "翻訳" in answer["answer"] and "¥" in answer["answer"]


def test_chat_reads_piped_questions_and_exits_at_the_end_of_input(env, tmp_path):
    questions = "cheapest way to transcribe meetings?\n\nどこから始めるべき？\n20 proposals a month, 5 hours each, 1 hour with AI, staff at 3000 yen an hour\n"
    done = run(env, "chat", stdin=questions)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("0 tokens") == 1 + 1  # English catalog + English calculator
    assert done.stdout.count("0トークン") == 1
    assert (tmp_path / "data" / "advisor.db").exists()  # migrations applied at start


def test_catalog_list_show_and_validate(env, tmp_path):
    listed = json.loads(run(env, "catalog", "list", "--category", "translation", "--json").stdout)
    assert len(listed) >= 3 and all("translation" in tool["categories"] for tool in listed)
    priced = [tool["typical_monthly_cost"] for tool in listed if "typical_monthly_cost" in tool]
    assert priced == sorted(priced)
    shown = json.loads(run(env, "catalog", "show", "deepl-api", "--json").stdout)
    assert shown["id"] == "deepl-api" and shown["plans"]
    missing = run(env, "catalog", "show", "deepl")
    assert missing.returncode != 0 and "deepl-api" in missing.stderr
    unknown = run(env, "catalog", "list", "--category", "poetry")
    assert unknown.returncode != 0 and "translation" in unknown.stderr
    assert run(env, "catalog", "validate").returncode == 0

    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nname: Bad\n")
    done = run(env, "catalog", "validate", str(bad))
    assert done.returncode != 0
    assert "bad.yaml" in done.stderr and "vendor" in done.stderr and "Field required" in done.stderr


def test_profile_plan_and_db_upgrade(env, tmp_path):
    assert f"revision {SCHEMA_HEAD}" in run(env, "db", "upgrade").stdout
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "name: Sato Seisakusho\nhourly_cost: 3000\nlanguage: ja\ntasks:\n"
        "  - {task: meeting_minutes, volume: 40, minutes_before: 60}\n"
        "  - {task: proposals, volume: 10, minutes_before: 240}\n"
    )
    assert run(env, "profile", "set", str(profile)).returncode == 0
    plan = json.loads(run(env, "plan", "--json").stdout)
    assert plan["company"] == "Sato Seisakusho" and not plan["is_typical"]
    # 40 h a month each today; minutes shrink 60 → 5 but proposals only 240 → 48: the larger saving breaks the tie
    assert plan["start"]["category"] == "meeting_minutes"
    assert plan["build_versus_buy"]["years"] == 3
    from_file = json.loads(run(env, "plan", "--profile", str(profile), "--json").stdout)
    assert from_file["items"] == plan["items"]


def test_a_bad_profile_names_the_problem_and_keeps_the_stored_one(env, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("hourly_cost: 2000\ntasks: [{task: translation, volume: 3, minutes_before: 90}]\n")
    assert run(env, "profile", "set", str(good)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("hourly_cost: -5\ntasks: []\n")
    done = run(env, "profile", "set", str(bad))
    assert done.returncode != 0 and "hourly_cost" in done.stderr and "tasks" in done.stderr
    stored = json.loads(run(env, "profile", "show", "--json").stdout)
    assert stored["hourly_cost"] == 2000


def test_bad_settings_are_named(env):
    done = run({**env, "ADVISOR_CURRENCY": "EUR"}, "ask", "where should we start?")
    assert done.returncode != 0 and "currency" in done.stderr.lower() and "Traceback" not in done.stderr


def test_zero_token_paths_never_import_litellm(env):
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        "for args in (['ask', 'cheapest way to transcribe meetings?'], ['calc', '--volume', '3', '--json'], ['plan'],\n"
        "             ['ask', 'We write 30 reports, 2 hours each. What would we save at 3,000 yen an hour?']):\n"
        "    try:\n"
        "        main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('litellm' in sys.modules, 'openai' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_the_chat_asks_back_about_a_number_and_the_next_lines_answer(env, tmp_path):
    lines = "we do 30 reports and each takes 2, what would we save at 3000 yen an hour?\n3\n2\n"
    done = run(env, "chat", stdin=lines)
    assert done.returncode == 0, done.stderr
    first, second, third = done.stdout.strip().split("\n\n")
    assert "what does “30 reports” mean here?" in first and "3. 30 reports a month" in first
    assert "(Reply with 1, 2, 3" in first and "0 tokens" in first
    assert "what does “2” mean here?" in second and "2. 2 hours per item" in second
    assert third.startswith("Read as: 30 reports a month; 120 minutes each today; staff at ¥3,000 an hour\n")
    assert "¥135,000 a month" in third  # 30 × (120 − 30) minutes at ¥3,000 an hour
