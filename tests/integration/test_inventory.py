"""The monthly inventory with its store (SQLite and PostgreSQL) and the real `advisor inventory` command."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from bot.advisor.inventories import Inventories
from bot.advisor.service import Advisor
from bot.domain.long_view import ModelPrice
from bot.domain.prices import PricePoint
from bot.settings import Settings
from bot.store.db import MIGRATIONS_DIR, Database
from bot.store.inventory import InventoryPosts, PriceObservations, Snapshots
from bot.text.inventory import inventory_text
from tests.integration.databases import Clock, clock, database, database_url  # noqa: F401  (the fixtures)

ADVISOR = Path(sys.executable).parent / "advisor"
MODELS = [
    ModelPrice(name="gpt-5-nano", tier=1, input_per_1m_usd=0.05, output_per_1m_usd=0.4),
    ModelPrice(name="gpt-5-mini", tier=2, input_per_1m_usd=0.25, output_per_1m_usd=2.0),
]


ANNUAL = "Business (annual)"  # chatgpt-business's plan priced per seat a month, billed yearly
SOURCE = "https://help.openai.com/en/articles/8792536-managing-billing-and-seats-in-chatgpt-business"


def price(
    tool_id: str,
    amount: float,
    on: dt.date,
    *,
    plan: str = "API Pro",
    unit: str = "per_month",
    kind: str = "tool",
    source: str | None = None,
) -> PricePoint:
    return PricePoint(
        item_id=tool_id, kind=kind, plan=plan, amount=amount, currency="USD", unit=unit, observed_on=on, source=source
    )


# --- the schema ------------------------------------------------------------------------


def test_the_inventory_migration_downgrades_and_upgrades_again(database: Database) -> None:
    Snapshots(database).take("2026-11", [price("deepl-api", 5.49, dt.date(2026, 11, 3))])
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = database.engine
    command.downgrade(config, "0003")
    assert not {"price_snapshots", "inventory_posts"} & set(inspect(database.engine).get_table_names())
    command.upgrade(config, "head")
    assert {"price_snapshots", "inventory_posts"} <= set(inspect(database.engine).get_table_names())
    assert Snapshots(database).load("2026-11") is None


# --- the store -------------------------------------------------------------------------


def test_a_months_snapshot_is_taken_once(database: Database, clock: Clock) -> None:
    snapshots = Snapshots(database, clock)
    first = [
        price("deepl-api", 5.49, dt.date(2026, 11, 22), source="https://www.deepl.com/pro-api"),
        price("deepl-api", 25, dt.date(2026, 11, 22), unit="per_1m_characters"),
        price("gpt-5-nano", 0.05, dt.date(2026, 12, 10), kind="model", plan="tier 1", unit="per_1m_input_tokens"),
    ]
    assert snapshots.take("2026-12", first) == 3
    assert snapshots.take("2026-12", [price("deepl-api", 4.99, dt.date(2026, 12, 20))]) == 0
    assert snapshots.load("2026-12") == sorted(first, key=lambda point: point.key)
    assert snapshots.load("2026-11") is None
    assert snapshots.take("2027-01", []) == 0 and snapshots.load("2027-01") is None


def test_observations_round_trip(database: Database, clock: Clock) -> None:
    observations = PriceObservations(database, clock)
    seen = [
        price("deepl-api", 4.99, dt.date(2026, 12, 20), source="https://www.deepl.com/pro-api"),
        price("canva-pro", 1180, dt.date(2026, 12, 1), plan="Pro (monthly)", unit="per_seat_month").model_copy(
            update={"currency": "JPY"}
        ),
    ]
    ids = [observations.record(point, "U-HANAKO") for point in seen]
    assert len(set(ids)) == 2
    assert observations.all() == [seen[1], seen[0]]  # oldest first


def test_a_months_post_is_claimed_once_by_eight_threads(database: Database, clock: Clock) -> None:
    posts = InventoryPosts(database, clock)
    with ThreadPoolExecutor(max_workers=8) as pool:
        claims = list(pool.map(lambda _: posts.claim("T1", "2026-12", "C-GENERAL"), range(8)))
    assert claims.count(True) == 1
    assert posts.claim("T1", "2027-01", "C-GENERAL") and posts.claim("T2", "2026-12", "C-GENERAL")
    posts.record_message("T1", "2026-12", "1765339200.000100")
    assert posts.message_ts("T1", "2026-12") == "1765339200.000100"
    assert posts.message_ts("T2", "2026-12") is None
    with pytest.raises(LookupError, match="2026-11"):
        posts.record_message("T1", "2026-11", "1")


# --- the service: a drop recorded in one month shows in the next ----------------------


@pytest.fixture
def advisor(database_url: str) -> Advisor:
    settings = Settings(_env_file=None, DATABASE_URL=database_url, ADVISOR_CURRENCY="USD", ADVISOR_LANGUAGE="en")  # type: ignore[call-arg]
    return Advisor(settings)


def test_a_price_drop_recorded_in_one_month_shows_in_the_next_months_inventory(advisor: Advisor) -> None:
    clock = Clock(dt.datetime(2026, 12, 10, 3, 0, tzinfo=dt.UTC))
    inventories = inventories_of(advisor, clock, models=lambda: MODELS)
    december = inventories.current()
    assert december.month == "2026-12"
    assert not any(drop.tool == "chatgpt-business" for drop in december.drops)

    clock.advance(days=10)
    recorded = inventories.record_price("chatgpt-business", 18, "usd", "seat", SOURCE, "U-HANAKO", ANNUAL)
    assert (recorded.plan, recorded.unit, recorded.observed_on) == (ANNUAL, "per_seat_month", dt.date(2026, 12, 20))
    assert inventories.current().month == "2026-12"  # the month's snapshot is not taken again
    assert [
        p.amount
        for p in inventories.snapshots.load("2026-12") or []
        if p.key == ("tool", "chatgpt-business", ANNUAL, "per_seat_month")
    ] == [20]

    clock.advance(days=16)
    january = inventories.current(language="ja")
    assert january.month == "2027-01"
    drop = next(drop for drop in january.drops if drop.tool == "chatgpt-business")
    assert (drop.plan, drop.unit, drop.old, drop.new, drop.percent) == (ANNUAL, "per_seat_month", 20, 18, -10.0)
    assert [(m.tier, m.name) for m in january.models] == [(1, "gpt-5-nano"), (2, "gpt-5-mini")]
    assert any(ord(character) > 127 for character in january.suggestion)  # written in Japanese


def test_an_inventory_is_computed_once_until_any_process_records_a_price(advisor: Advisor, database_url: str) -> None:
    clock = Clock(dt.datetime(2027, 1, 10, 3, 0, tzinfo=dt.UTC))
    here = inventories_of(advisor, clock, models=lambda: MODELS)
    elsewhere = inventories_of(Advisor(advisor.settings), clock, models=lambda: MODELS)  # another process's
    before = here.current()
    assert here.current() is before and here.current(language="ja") is not before
    assert not any(drop.tool == "chatgpt-business" for drop in before.drops)

    elsewhere.record_price("chatgpt-business", 18, "USD", "seat", None, "U-HANAKO", ANNUAL)

    after = here.current()
    assert any(drop.tool == "chatgpt-business" for drop in after.drops)


def test_asking_what_got_cheaper_is_answered_from_the_inventory_without_a_model(advisor: Advisor) -> None:
    advisor.inventories.record_price("chatgpt-business", 18, "USD", "seat", None, "U-HANAKO", ANNUAL)  # from 20

    answer = advisor.ask("What got cheaper this month?", workspace_id="T1")

    assert (answer.path, answer.status, answer.prompt_tokens, answer.cost_usd) == ("inventory", "answered", 0, 0.0)
    assert answer.answer.startswith(f"What got cheaper: the AI inventory for {advisor.inventories.this_month()}")
    assert "Cheaper since last month:" in answer.answer and "[chatgpt-business]" in answer.answer
    assert answer.tools == ["chatgpt-business"]
    assert answer.footer.startswith("— Answered from the monthly inventory")
    japanese = advisor.ask("今月値下がりしたツールは？", workspace_id="T1")
    assert (japanese.path, japanese.language) == ("inventory", "ja") and "先月から値下がり" in japanese.answer
    logged = advisor.questions.recent("T1", 5)
    assert [(question.path, question.status) for question in logged][:2] == [("inventory", "answered")] * 2


def test_a_tool_new_in_the_catalog_is_a_new_option_and_a_recorded_price_a_price_change(advisor: Advisor) -> None:
    inventories = inventories_of(advisor, Clock(dt.datetime(2026, 12, 10, 3, 0, tzinfo=dt.UTC)), models=lambda: MODELS)
    inventories.record_price("chatgpt-business", 18, "USD", "seat", None, "U-HANAKO", ANNUAL)  # from 20
    report = inventories.current()
    proposals = next(row for row in report.model_dump(mode="json")["categories"] if row["category"] == "proposals")
    change = proposals["change_vs_last_month"]
    assert proposals["cheapest"]["tool_id"] == "google-workspace-gemini"  # priced from 2026-11-22 on
    assert set(change) == {"kind", "before", "amount", "percent"}
    assert (change["kind"], change["before"]) == (
        "new_option",
        {"tool_id": "chatgpt-business", "plan": ANNUAL, "price": 20.0, "currency": "USD", "unit": "per_month"},
    )
    assert change["amount"] == round(proposals["cheapest"]["price"] - 20.0, 2) < 0
    assert "google-workspace-gemini" in report.new
    assert [(drop.tool, drop.plan, drop.percent) for drop in report.drops] == [("chatgpt-business", ANNUAL, -10.0)]
    text = inventory_text(report, advisor.catalog, "en")
    assert "new in the catalog and cheaper than last month's cheapest, ChatGPT Business" in text


def test_a_future_month_and_bad_prices_are_refused(advisor: Advisor) -> None:
    inventories = inventories_of(advisor, Clock(dt.datetime(2026, 12, 10, 3, 0, tzinfo=dt.UTC)), models=lambda: [])
    with pytest.raises(ValueError, match="2027-02 has not begun"):
        inventories.current("2027-02")
    for args, named in [
        (("chatgpt-busines", 18, "USD", "seat"), "chatgpt-business"),
        (("chatgpt-plus", 18, "EUR", "seat"), "EUR"),
        (("chatgpt-plus", 18, "USD", "fortnight"), "fortnight"),
        (("chatgpt-plus", 0.0, "USD", "seat"), "above zero"),
        (("chatgpt-plus", 18, "USD", "image"), "per_image"),
    ]:
        with pytest.raises(ValueError, match=named):
            inventories.record_price(*args, None, "cli")  # type: ignore[arg-type]
    assert inventories.observations.all() == []


def test_the_charts_long_view_follows_each_tiers_cheapest_model_month_by_month(advisor: Advisor) -> None:
    clock = Clock(dt.datetime(2026, 12, 10, 3, 0, tzinfo=dt.UTC))
    models = list(MODELS)
    inventories = inventories_of(advisor, clock, models=lambda: models)
    inventories.current()  # December's snapshot
    clock.advance(days=31)
    models[0] = models[0].model_copy(update={"input_per_1m_usd": 0.04})
    inventories.current()  # January's

    assert [(h.tier, [(p.date, p.price) for p in h.points]) for h in inventories.series_for_chart()] == [
        (1, [(dt.date(2026, 12, 10), 0.05), (dt.date(2027, 1, 10), 0.04)]),
        (2, [(dt.date(2026, 12, 10), 0.25), (dt.date(2027, 1, 10), 0.25)]),
    ]
    assert inventories.chart("ja").startswith(b"\x89PNG\r\n\x1a\n")
    assert inventories.chart("en", "2026-12").startswith(b"\x89PNG\r\n\x1a\n")


# --- the command -----------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ADVISOR_", "DATABASE_URL")) and not k.endswith("_API_KEY")
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'data' / 'advisor.db'}"
    return environment


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ADVISOR), *args], capture_output=True, text=True, env=env, timeout=120)


def test_inventory_json_has_the_reports_fields(env: dict[str, str]) -> None:
    done = run(env, "inventory", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {
        "month",
        "categories",
        "drops",
        "rises",
        "new",
        "gone",
        "stale",
        "taken_on",
        "models",
        "cheapest_models",
        "long_view",
        "suggestion",
        "workspace",
        "workspace_name",
    }
    assert (report["workspace"], report["workspace_name"]) == ("local", None)
    assert len(report["month"]) == 7 and len(report["categories"]) == 8
    assert set(report["categories"][0]) == {"category", "cheapest", "change_vs_last_month", "change_vs_last_year"}
    # The article's headline, priced from LiteLLM's cost map, continued to the bundled models (no key set).
    first = report["long_view"]["milestones"][0]
    assert (first["label"], first["since"], first["input_per_1m_usd"]) == ("GPT-4", "2023-03-14", 30.0)
    assert [tier["tier"] for tier in report["long_view"]["today"]] == [1, 2, 3]
    assert report["models"] and all(model["status"] == "no_key" for model in report["models"])
    assert {model["name"] for model in report["models"]} >= {"qwen-turbo", "gpt-4o-mini", "gpt-5.4"}
    assert report["suggestion"]
    text = run(env, "inventory", "--language", "ja")
    assert text.returncode == 0 and "AI価格の棚卸し" in text.stdout
    assert "• tier 1: qwen-turbo $0.05 / $0.2\n" in text.stdout and "APIキーが未設定のため" in text.stdout
    assert "GPT-4 $30 (2023-03) → GPT-4o $2.5 (2024-08) → 現在" in text.stdout


def test_inventory_chart_writes_the_months_png(env: dict[str, str], tmp_path: Path) -> None:
    chart = tmp_path / "inventory.png"
    done = run(env, "inventory", "--language", "ja", "--chart", str(chart))
    assert done.returncode == 0, done.stderr
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_inventory_update_stores_a_price(env: dict[str, str]) -> None:
    done = run(env, "inventory", "update", "chatgpt-plus", "18", "USD/seat", SOURCE, "--json")
    assert done.returncode == 0, done.stderr
    stored = json.loads(done.stdout)
    assert (stored["item_id"], stored["plan"], stored["amount"], stored["unit"]) == (
        "chatgpt-plus",
        "Plus (monthly)",
        18,
        "per_seat_month",
    )
    database = Database(env["DATABASE_URL"])
    assert [(p.item_id, p.amount, p.source) for p in PriceObservations(database).all()] == [
        ("chatgpt-plus", 18, SOURCE)
    ]
    database.dispose()


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["chatgpt-pluss", "18", "USD/seat"], "chatgpt-plus"),
        (["chatgpt-plus", "18", "EUR/seat"], "EUR"),
        (["chatgpt-plus", "18", "USD/fortnight"], "fortnight"),
        (["chatgpt-plus", "18", "USD"], "CURRENCY/UNIT"),
        (["chatgpt-plus", "cheap", "USD/seat"], "cheap"),
        (["chatgpt-plus", "-1", "USD/seat"], "above zero"),
    ],
)
def test_inventory_update_refuses_bad_input_and_stores_nothing(
    env: dict[str, str], args: list[str], named: str
) -> None:
    done = run(env, "inventory", "update", *args)
    assert done.returncode == 1
    assert named in done.stderr and "usage" in done.stderr and "Traceback" not in done.stderr
    database = Database(env["DATABASE_URL"])
    assert PriceObservations(database).all() == []
    database.dispose()


def inventories_of(advisor: Advisor, clock: Clock, models: Callable[[], list[ModelPrice]]) -> Inventories:
    """The advisor's inventories at `clock`'s time, with `models` for the models it may call."""
    return Inventories(
        advisor.catalog, advisor.database, advisor.settings, advisor.profiles, advisor.rate, models, clock
    )
