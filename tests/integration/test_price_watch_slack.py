"""The price watch in Slack: the clock reads the vendors' pages (served on 127.0.0.1) a few days before the
monthly post and sends the admins the tools whose prices moved; an admin records a price with the
`/ai-inventory update` form, filled in, or dismisses it; anyone else is refused and nothing changes."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import PROJECT_ROOT, Settings
from bot.slack import ids
from bot.slack.clock import InventoryClock
from tests.fakes.slack_requests import (
    block_actions,
    input_values,
    post_signed_sync,
    static_select,
    view_submission,
)
from tests.fakes.slack_server import FakeSlack
from tests.fakes.vendor_pages import VendorPages
from tests.integration.slack_app import RunningSlackApp

SECRET = "test-signing-secret"
ADMIN, MEMBER = "UADMIN", "UMEMBER"
CHANNEL = "CINVENTORY"
WATCH_DAY = dt.datetime(2026, 12, 29, 3, 0, tzinfo=dt.UTC)  # three days before the January post, in Tokyo
BEFORE_THE_WATCH = dt.datetime(2026, 12, 20, 3, 0, tzinfo=dt.UTC)

TRANSCRIBER = """id: yen-transcriber
name: "Yen Transcriber"
vendor: "Vendor KK"
url: "https://example.com/"
kind: app
categories: [transcription]
languages: [ja]
good_for: "transcription"
last_verified: 2026-11-01
price_source: "{url}"
tax_included: true
plans:
  - name: "Standard"
    billing: monthly
    prices:
      - {{amount: 1180, currency: JPY, unit: per_seat_month}}
"""
TRANSLATOR = TRANSCRIBER.replace("yen-transcriber", "dollar-translator").replace("Yen Transcriber", "Dollar Translator")
TRANSLATOR = TRANSLATOR.replace("1180, currency: JPY", "14.99, currency: USD").replace(
    "[transcription]", "[translation]"
)


@dataclass
class Watched:
    app: RunningSlackApp
    slack: FakeSlack
    pages: VendorPages
    settings: Settings

    def send(self, payload) -> tuple[int, str]:  # type: ignore[no-untyped-def]
        status, text, _ = post_signed_sync(self.app.url, payload.body, payload.content_type, SECRET)
        return status, text

    def clock(self, now: dt.datetime) -> InventoryClock:
        client = AsyncWebClient(token=self.slack.token, base_url=self.slack.base_url)
        return InventoryClock(self.settings, client, now=lambda: now)

    def proposal(self, tool_name: str) -> dict:
        return next(m for m in self.slack.messages(CHANNEL) if tool_name in str(m.get("text")))


@pytest.fixture
def watched(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[Watched]:
    fake_slack.add_user(ADMIN, is_admin=True)
    fake_slack.add_user(MEMBER, locale="en-US")
    with VendorPages() as pages:
        pages.pages["/transcriber"] = ("<p>Standard 月額1,480円（税込）</p>".encode(), "text/html; charset=utf-8")
        pages.pages["/translator"] = (b"<p>Pro $16.99 per user / month</p>", "text/html")
        catalog = tmp_path / "catalog"
        (catalog / "tools").mkdir(parents=True)
        shutil.copy(PROJECT_ROOT / "catalog" / "tasks.yaml", catalog / "tasks.yaml")
        (catalog / "tools" / "yen-transcriber.yaml").write_text(TRANSCRIBER.format(url=pages.url("/transcriber")))
        (catalog / "tools" / "dollar-translator.yaml").write_text(TRANSLATOR.format(url=pages.url("/translator")))
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            DATABASE_URL=f"sqlite:///{tmp_path / 'advisor.db'}",
            ADVISOR_CATALOG_DIR=str(catalog),
            ADVISOR_MODELS=str(tmp_path / "no-models.yaml"),
            ADVISOR_LANGUAGE="en",
            ADVISOR_INVENTORY_CHANNEL=CHANNEL,
            SLACK_BOT_TOKEN=fake_slack.token,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake_slack.base_url,
        )
        with RunningSlackApp(settings) as app:
            yield Watched(app, fake_slack, pages, settings)


def test_the_clock_sends_the_moved_prices_once_a_few_days_before_the_post(watched: Watched) -> None:
    assert asyncio.run(watched.clock(BEFORE_THE_WATCH).watch_prices()) is None
    assert watched.pages.requests == [] and watched.slack.calls_for("chat.postMessage") == []

    clock = watched.clock(WATCH_DAY)
    assert asyncio.run(clock.watch_prices()) == "2027-01"
    assert asyncio.run(watched.clock(WATCH_DAY).watch_prices()) is None  # another clock, the same month: once

    head, *proposals = watched.slack.calls_for("chat.postMessage")
    assert head.args["channel"] == CHANNEL and "2 changed" in json.dumps(head.args["blocks"])
    assert len(proposals) == 2 and all(p.args["thread_ts"] == head.response["ts"] for p in proposals)
    transcriber = watched.proposal("Yen Transcriber")
    shown = json.dumps(transcriber["blocks"], ensure_ascii=False)
    assert "Standard: ¥1,180" in shown and "¥1,480" in shown and "税込" in shown
    actions = next(b for b in transcriber["blocks"] if b["type"] == "actions")["elements"]
    assert [button["action_id"] for button in actions] == [ids.PRICE_RECORD, ids.PRICE_DISMISS]
    assert len(watched.pages.requests) == 2  # each page read once


def test_an_admin_records_the_price_with_the_form_filled_in_and_it_counts(watched: Watched) -> None:
    asyncio.run(watched.clock(WATCH_DAY).watch_prices())
    proposal = watched.proposal("Yen Transcriber")
    record = next(b for b in proposal["blocks"] if b["type"] == "actions")["elements"][0]

    refused = block_actions(
        ids.PRICE_RECORD,
        record["value"],
        user_id=MEMBER,
        channel_id=CHANNEL,
        message=proposal,
        response_url=watched.slack.response_url(),
    )
    assert watched.send(refused)[0] == 200
    [told] = watched.slack.wait_for("response_url")
    assert "admins" in told.args["text"] and watched.slack.calls_for("views.open") == []

    pressed = block_actions(
        ids.PRICE_RECORD,
        record["value"],
        user_id=ADMIN,
        channel_id=CHANNEL,
        message=proposal,
        response_url=watched.slack.response_url(),
    )
    assert watched.send(pressed)[0] == 200
    [opened] = watched.slack.wait_for("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == ids.PRICE_MODAL
    fields = {block["block_id"]: block["element"] for block in view["blocks"]}
    assert fields[ids.PRICE_AMOUNT]["initial_value"] == "1480"
    assert fields[ids.PRICE_CURRENCY]["initial_option"]["value"] == "JPY"
    assert fields[ids.PRICE_SOURCE]["initial_value"] == watched.pages.url("/transcriber")

    form = {
        ids.PRICE_PLAN: static_select("Standard"),
        ids.PRICE_CURRENCY: static_select("JPY"),
        ids.PRICE_UNIT: static_select("per_seat_month"),
        ids.PRICE_SOURCE: watched.pages.url("/transcriber"),
    }
    metadata = view["private_metadata"]
    for bad in ("nan", "-5", "1,480円です"):
        status, body = watched.send(
            view_submission(
                ids.PRICE_MODAL,
                input_values(**form, **{ids.PRICE_AMOUNT: bad}),
                user_id=ADMIN,
                private_metadata=metadata,
            )
        )
        assert status == 200 and ids.PRICE_AMOUNT in json.loads(body)["errors"], bad
    assert watched.app.advisor.inventories.observations.all() == []

    status, body = watched.send(
        view_submission(
            ids.PRICE_MODAL,
            input_values(**form, **{ids.PRICE_AMOUNT: "1,480"}),
            user_id=ADMIN,
            private_metadata=metadata,
        )
    )
    assert status == 200 and "errors" not in body
    [point] = watched.app.advisor.inventories.observations.all()
    assert (point.item_id, point.plan, point.amount, point.currency) == ("yen-transcriber", "Standard", 1480, "JPY")
    assert point.source == watched.pages.url("/transcriber")
    [updated] = watched.slack.wait_for("chat.update")
    assert updated.args["ts"] == proposal["ts"] and "Recorded by <@UADMIN>" in json.dumps(updated.args["blocks"])
    assert not any(block["type"] == "actions" for block in updated.args["blocks"])

    report = asyncio.run(watched.app.advisor.price_watch.check(["yen-transcriber"]))
    assert [entry.tool_id for entry in report.unchanged] == ["yen-transcriber"]  # compared with the recorded price


def test_a_dismissed_tool_is_not_sent_again_while_its_page_is_the_same(watched: Watched) -> None:
    asyncio.run(watched.clock(WATCH_DAY).watch_prices())
    proposal = watched.proposal("Dollar Translator")
    dismiss = next(b for b in proposal["blocks"] if b["type"] == "actions")["elements"][1]

    for user in (MEMBER, ADMIN):
        watched.send(
            block_actions(
                ids.PRICE_DISMISS,
                dismiss["value"],
                user_id=user,
                channel_id=CHANNEL,
                message=proposal,
                response_url=watched.slack.response_url(),
            )
        )
    refused, done = watched.slack.wait_for("response_url", count=2)
    assert "admins" in refused.args["text"]
    assert done.args["replace_original"] is True and "Dismissed by <@UADMIN>" in json.dumps(done.args["blocks"])

    report = asyncio.run(watched.app.advisor.price_watch.check())
    assert [change.tool_id for change in report.to_propose()] == ["yen-transcriber"]
