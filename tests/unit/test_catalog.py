from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.domain.catalog import Catalog, Category, Plan, PlanLimit, PriceComponent, UsageUnit, monthly_plan_cost
from bot.domain.memo import remembered_answers
from bot.settings import PROJECT_ROOT
from bot.store.catalog_files import load_catalog, validate_paths

CATALOG = PROJECT_ROOT / "catalog"


def test_the_bundled_catalog_is_real_sized_and_sourced(catalog):
    assert len(catalog.tools) >= 24  # only tools whose prices their vendors publish on pages we could check
    for category in Category:
        assert len(catalog.tools_for(category)) >= 3, category
        assert catalog.task(category) is not None, category
    for tool in catalog.tools:
        assert tool.price_source.scheme == "https"
        assert tool.last_verified <= dt.date.today()
        assert any(plan.prices or plan.limit for plan in tool.plans), tool.id


def test_the_article_baselines_are_in_the_catalog(catalog):
    transcription = catalog.task(Category.TRANSCRIPTION)
    assert (transcription.outsourcing_unit_cost.low, transcription.outsourcing_unit_cost.high) == (5000, 10000)
    translation = catalog.task(Category.TRANSLATION)
    assert (translation.outsourcing_unit_cost.low, translation.outsourcing_unit_cost.high) == (10, 20)
    listings = catalog.task(Category.JOB_LISTINGS)
    assert (listings.outsourcing_unit_cost.low, listings.outsourcing_unit_cost.high) == (30000, 50000)
    custom = catalog.task(Category.CUSTOM_AI)
    assert custom.build_yearly_cost.low == 8_000_000 and custom.build_yearly_cost.high == 15_000_000


def _copy_catalog(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG, target)
    return target


def test_a_malformed_file_is_reported_with_file_field_and_reason_and_the_rest_still_load(tmp_path, catalog):
    folder = _copy_catalog(tmp_path)
    broken = folder / "tools" / "fireflies-ai.yaml"
    broken.write_text(broken.read_text().replace("currency: USD", "currency: EUR", 1))
    (folder / "tools" / "not-yaml.yaml").write_text("id: [unclosed\n")

    load = load_catalog(folder)

    assert len(load.catalog.tools) == len(catalog.tools) - 1
    assert load.catalog.tool("fireflies-ai") is None
    fireflies = [problem for problem in load.problems if problem.path == broken]
    assert fireflies and "currency" in fireflies[0].field and "JPY" in fireflies[0].reason
    assert any(problem.path.name == "not-yaml.yaml" and "YAML" in problem.reason for problem in load.problems)


def test_id_must_match_the_file_name_and_ids_are_unique(tmp_path):
    folder = _copy_catalog(tmp_path)
    (folder / "tools" / "copy.yaml").write_text((folder / "tools" / "deepl-api.yaml").read_text())
    problems = validate_paths([folder])
    assert any(problem.path.name == "copy.yaml" and problem.field == "id" for problem in problems)


def test_validate_a_single_file_and_a_missing_one(tmp_path):
    assert validate_paths([CATALOG / "tools" / "deepl-api.yaml"]) == []
    missing = validate_paths([tmp_path / "nope.yaml"])
    assert missing and "no such file" in missing[0].reason


@pytest.fixture
def whisper_like() -> Plan:
    return Plan(
        name="usage", billing="usage", prices=[PriceComponent(amount=0.006, currency="USD", unit="per_audio_minute")]
    )


def test_metered_price_converts_usage_and_currency(whisper_like, rate):
    cost = monthly_plan_cost(whisper_like, {UsageUnit.AUDIO_MINUTE: 600}, "JPY", rate)
    assert cost == pytest.approx(0.006 * 600 * 150)


def test_a_plan_cannot_do_work_it_does_not_price(whisper_like, rate):
    assert monthly_plan_cost(whisper_like, {UsageUnit.CHARACTER: 1000}, "JPY", rate) is None


def test_a_free_tier_stops_at_its_limit(rate):
    free = Plan(name="free", billing="monthly", prices=[], limit=PlanLimit(quantity=300, unit="audio_minute"))
    assert monthly_plan_cost(free, {UsageUnit.AUDIO_MINUTE: 300}, "USD", rate) == 0
    assert monthly_plan_cost(free, {UsageUnit.AUDIO_MINUTE: 301}, "USD", rate) is None


def test_seats_multiply_per_user_prices(rate):
    team = Plan(
        name="team", billing="monthly", prices=[PriceComponent(amount=25, currency="USD", unit="per_seat_month")]
    )
    assert monthly_plan_cost(team, {}, "USD", rate, seats=4) == 100


def test_priced_options_are_cheapest_first_and_respect_language_and_kind(catalog, rate):
    options = catalog.priced_options(Category.TRANSCRIPTION, 10, "JPY", rate, language="ja")
    costs = [option.monthly_cost for option in options]
    assert costs == sorted(costs) and len(options) >= 3
    assert all("ja" in option.tool.languages for option in options)
    apps = catalog.priced_options(Category.MEETING_MINUTES, 20, "JPY", rate, kind="app")
    assert apps and all(option.tool.kind == "app" for option in apps)


def test_priced_options_asked_again_are_the_same_and_a_changed_copy_is_priced_afresh(catalog, rate):
    first = catalog.priced_options(Category.TRANSCRIPTION, 10, "JPY", rate)
    first.clear()  # a caller's list is its own
    again = catalog.priced_options(Category.TRANSCRIPTION, 10, "JPY", rate)
    assert again and again == list(catalog._priced_options(Category.TRANSCRIPTION, 10, "JPY", rate, None, None, 1))
    cheapest = again[0].tool
    dearer = cheapest.model_copy(
        update={
            "plans": [
                plan.model_copy(update={"prices": [PriceComponent(amount=1_000_000, currency="JPY", unit="per_month")]})
                for plan in cheapest.plans
            ]
        }
    )
    tools = tuple(dearer if tool.id == cheapest.id else tool for tool in catalog.tools)
    changed = catalog.model_copy(update={"tools": tools})
    assert changed.priced_options(Category.TRANSCRIPTION, 10, "JPY", rate)[0].tool.id != cheapest.id
    assert catalog.priced_options(Category.TRANSCRIPTION, 10, "JPY", rate)[0].tool.id == cheapest.id
    assert (
        catalog == Catalog(tools=catalog.tools, tasks=catalog.tasks, unlisted=catalog.unlisted) != changed
    )  # the cache is no part of it
    del changed  # and a catalog gone leaves nothing behind in it
    assert remembered_answers(Catalog._priced_options) == 0


def test_tools_listed_as_not_in_the_catalog_are_not_in_it(catalog: Catalog) -> None:
    from bot.domain.intents import tools_in

    assert catalog.unlisted, "catalog/unlisted.yaml names the tools people ask about that are not priced yet"
    for tool in catalog.unlisted:
        for alias in tool.aliases:
            assert alias == alias.lower()
            assert tools_in(alias, catalog) == [], f"{alias} is in the catalog now: remove it from unlisted.yaml"


def test_validate_warns_of_tools_not_verified_for_90_days_and_refuses_a_tool_without_a_source(tmp_path):
    from click.testing import CliRunner

    from bot.cli import main as advisor

    folder = _copy_catalog(tmp_path)
    env = {"ADVISOR_CATALOG_DIR": str(folder)}
    newest = dt.date(2026, 11, 1)
    for path in (folder / "tools").glob("*.yaml"):
        lines = path.read_text().splitlines()
        path.write_text(
            "\n".join(f"last_verified: {newest}" if line.startswith("last_verified:") else line for line in lines)
        )
    fresh = CliRunner().invoke(advisor, ["catalog", "validate", "--today", newest.isoformat()], env=env)
    assert fresh.exit_code == 0 and "warning" not in fresh.output

    later = (newest + dt.timedelta(days=91)).isoformat()
    aged = CliRunner().invoke(advisor, ["catalog", "validate", "--today", later], env=env)
    assert aged.exit_code == 0 and aged.output.count("warning: ") == len(load_catalog(folder).catalog.tools)
    assert "re-check its price_source" in aged.output

    tool = next((folder / "tools").glob("*.yaml"))
    tool.write_text("\n".join(line for line in tool.read_text().splitlines() if not line.startswith("price_source:")))
    unsourced = CliRunner().invoke(advisor, ["catalog", "validate", "--today", newest.isoformat()], env=env)
    assert unsourced.exit_code == 1 and "price_source" in unsourced.output
