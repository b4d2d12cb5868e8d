"""Feedback on every answer: Slack's feedback buttons under it, one vote per person per answer (a second
click changes it), said only to the person, and tallied by path and by model tier beside what each tier
cost in `advisor usage --json`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import main as advisor
from bot.slack import ids
from tests.fakes.slack_requests import app_home_opened, app_mention, block_actions, direct_message, event_callback
from tests.fakes.slack_server import BOT_USER_ID, TEAM_ID
from tests.integration.test_open_questions import OPEN_QUESTION
from tests.integration.test_slack_app import ADMIN, CHANNEL, MEMBER, World, world  # noqa: F401  (the fixture)


def feedback_values(message: dict) -> tuple[str, str]:
    [element] = next(b for b in message["blocks"] if b["type"] == "context_actions")["elements"]
    assert element["type"] == "feedback_buttons" and element["action_id"] == ids.FEEDBACK
    return element["positive_button"]["value"], element["negative_button"]["value"]


def click(world: World, value: str, user: str, channel: str, message: dict) -> dict:
    before = len(world.slack.calls_for("response_url"))
    payload = block_actions(
        ids.FEEDBACK, value, user_id=user, channel_id=channel, message=message, response_url=world.slack.response_url()
    )
    assert world.send(payload)[0] == 200
    return world.slack.wait_for("response_url", count=before + 1)[-1].args


def usage_feedback(world: World) -> dict:
    settings = world.app.settings
    env = {"DATABASE_URL": settings.database_url, "ADVISOR_MODELS": str(settings.models_file)}
    done = CliRunner().invoke(advisor, ["usage", "--json", "--workspace", TEAM_ID], env=env)
    assert done.exit_code == 0, done.output
    return json.loads(done.output)["feedback"]


def test_a_vote_is_recorded_once_per_person_and_tallied_by_path_and_tier(world: World) -> None:
    world.send(event_callback(direct_message("cheapest way to transcribe meetings?", user=MEMBER, channel="D0042")))
    [catalog_answer] = world.slack.wait_for("chat.update")
    good, bad = feedback_values(catalog_answer.args)

    thanked = click(world, good, MEMBER, "D0042", catalog_answer.args)
    assert thanked["response_type"] == "ephemeral" and thanked["replace_original"] is False
    assert "good answer" in thanked["text"]
    click(world, bad, MEMBER, "D0042", catalog_answer.args)  # changes the same person's vote
    click(world, good, ADMIN, "D0042", catalog_answer.args)

    asked = f"<@{BOT_USER_ID}> {OPEN_QUESTION}"
    mention = app_mention(asked, user=MEMBER, channel=CHANNEL, ts=world.slack.add_message(CHANNEL, asked, MEMBER))
    world.send(event_callback(mention))
    [closed] = world.slack.wait_for("chat.stopStream", timeout=15)  # a model's answer streams in, then closes
    [model_answer] = [message for message in world.slack.messages(CHANNEL) if message["ts"] == closed.args["ts"]]
    model_good, _ = feedback_values(model_answer)
    click(world, model_good, MEMBER, CHANNEL, model_answer)

    feedback = usage_feedback(world)
    by_path = {row["key"]: (row["up"], row["down"]) for row in feedback["by_path"]}
    assert by_path == {"catalog": (1, 1), "llm": (1, 0)}
    [tier] = feedback["by_tier"]
    assert tier["key"].startswith("tier ") and (tier["up"], tier["down"], tier["share_up"]) == (1, 0, 1.0)
    assert tier["cost_usd"] > 0  # what that tier's answers cost this month, beside the votes

    world.send(event_callback(app_home_opened(ADMIN)))
    world.slack.wait_for("views.publish")
    home = json.dumps(world.slack.home_view(ADMIN), ensure_ascii=False)
    assert "How people rated the answers" in home
    assert f"{tier['key']}: 👍 1 · 👎 0 (100% 👍) · $" in home and "catalog: 👍 1 · 👎 1 (50% 👍)" in home


def test_a_vote_for_an_answer_of_another_workspace_or_no_answer_changes_nothing(world: World) -> None:
    message = {"type": "message", "ts": "1700000000.000100", "text": "an answer"}
    for value in ("good 999999", "good", "maybe 1", "good 1 2", "bad -1"):
        click_payload = block_actions(
            ids.FEEDBACK, value, user_id=MEMBER, channel_id=CHANNEL, message=message,
            response_url=world.slack.response_url(),
        )  # fmt: skip
        assert world.send(click_payload)[0] == 200
    assert usage_feedback(world) == {"by_path": [], "by_tier": []}
