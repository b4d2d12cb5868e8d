"""The monthly inventory, pure: prices in force on a day, what moved between months, and the advice."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.catalog import Catalog, TaskBaseline, Tool
from bot.domain.inventory import build_inventory, percent_change
from bot.domain.lifecycle import ModelStatus
from bot.domain.long_view import Milestone, ModelPrice
from bot.domain.money import ExchangeRate
from bot.domain.prices import PricePoint, effective_prices
from bot.text.inventory import inventory_text

RATE = ExchangeRate(150.0, dt.date(2026, 11, 1))
TODAY = dt.date(2026, 12, 5)


def translation_tool(
    tool_id: str,
    monthly_usd: float,
    *,
    last_verified: dt.date = dt.date(2026, 11, 1),
    history: list[dict] | None = None,
    plans: dict[str, float] | None = None,
) -> Tool:
    return Tool.model_validate(
        {
            "id": tool_id,
            "name": tool_id.title(),
            "vendor": "Vendor",
            "url": "https://example.com/",
            "kind": "app",
            "categories": ["translation"],
            "languages": ["ja", "en"],
            "good_for": "translation",
            "last_verified": last_verified,
            "price_source": "https://example.com/pricing",
            "tax_included": False,
            "plans": [
                {
                    "name": name,
                    "billing": "monthly",
                    "prices": [{"amount": amount, "currency": "USD", "unit": "per_month"}],
                }
                for name, amount in (plans or {"Pro": monthly_usd}).items()
            ],
            "price_history": history or [],
        }
    )


def small_catalog(*tools: Tool) -> Catalog:
    translation = TaskBaseline.model_validate(
        {
            "id": "translation",
            "name": {"en": "Translation", "ja": "翻訳"},
            "unit": {"en": "document", "ja": "文書"},
            "keywords": {"en": ["translation"], "ja": ["翻訳"]},
            "typical_volume": 10,
            "usage_per_unit": {"character": 2000},
        }
    )
    return Catalog(tools=tools, tasks=(translation,))


def point(
    tool_id: str,
    amount: float,
    on: dt.date,
    *,
    plan: str = "Pro",
    unit: str = "per_month",
    currency: str = "USD",
    kind: str = "tool",
) -> PricePoint:
    return PricePoint(
        item_id=tool_id, kind=kind, plan=plan, amount=amount, currency=currency, unit=unit, observed_on=on
    )


def inventory(
    catalog: Catalog,
    now: list[PricePoint],
    last_month: list[PricePoint] | None = None,
    last_year: list[PricePoint] | None = None,
    *,
    models: list[ModelPrice] | None = None,
    language: str = "en",
    company_tasks: list[str] | None = None,
):
    return build_inventory(
        "2026-12",
        catalog,
        now,
        last_month,
        last_year,
        models or [],
        "USD",
        RATE,
        language,
        today=TODAY,
        company_tasks=company_tasks,
    )


# --- the prices in force on a day ------------------------------------------------------


def test_the_latest_price_known_on_the_day_is_in_force():
    tool = translation_tool(
        "lingo",
        10,
        last_verified=dt.date(2026, 6, 1),
        history=[{"date": "2026-01-10", "plan": "Pro", "amount": 12, "currency": "USD", "unit": "per_month"}],
    )
    catalog = small_catalog(tool)
    observed = [point("lingo", 8, dt.date(2026, 9, 1)), point("lingo", 7, dt.date(2027, 1, 1))]

    def price_on(day: dt.date) -> list[float]:
        return [p.amount for p in effective_prices(catalog, observed, day)]

    assert price_on(dt.date(2025, 12, 31)) == []  # nothing known yet
    assert price_on(dt.date(2026, 3, 1)) == [12]  # the history
    assert price_on(dt.date(2026, 6, 1)) == [10]  # the plan price, as of last_verified
    assert price_on(dt.date(2026, 12, 1)) == [8]  # an observation; the one dated 2027 does not count yet


def test_an_observation_of_the_same_day_wins_and_units_a_plan_lacks_are_ignored():
    catalog = small_catalog(translation_tool("lingo", 10))
    observed = [point("lingo", 9, dt.date(2026, 11, 1)), point("lingo", 1, dt.date(2026, 11, 1), unit="per_image")]
    assert [(p.amount, p.unit) for p in effective_prices(catalog, observed, dt.date(2026, 11, 1))] == [(9, "per_month")]


# --- what moved ------------------------------------------------------------------------


def test_a_drop_between_two_snapshots_has_the_right_percent():
    catalog = small_catalog(translation_tool("deepl", 4.99))
    report = inventory(
        catalog, [point("deepl", 4.99, dt.date(2026, 12, 1))], [point("deepl", 5.49, dt.date(2026, 11, 1))]
    )
    assert [(d.tool, d.old, d.new, d.percent) for d in report.drops] == [("deepl", 5.49, 4.99, -9.1)]
    assert report.rises == []
    row = report.categories[0]
    assert row.cheapest is not None and row.cheapest.price == 4.99 and row.cheapest.tool_id == "deepl"
    assert row.change_vs_last_month is not None
    assert row.change_vs_last_month.amount == -0.5 and row.change_vs_last_month.percent == -9.1


def test_a_rise_and_prices_in_other_currencies_or_units_are_not_compared():
    catalog = small_catalog(translation_tool("lingo", 12))
    now = [point("lingo", 12, TODAY), point("lingo", 1800, TODAY, plan="Team", currency="JPY")]
    before = [point("lingo", 10, dt.date(2026, 11, 1)), point("lingo", 10, dt.date(2026, 11, 1), plan="Team")]
    report = inventory(catalog, now, before)
    assert [(r.tool, r.plan, r.percent) for r in report.rises] == [("lingo", "Pro", 20.0)]
    assert report.drops == []


def test_new_gone_and_stale_tools():
    catalog = small_catalog(
        translation_tool("fresh", 5),
        translation_tool("old", 6, last_verified=dt.date(2026, 9, 6)),
        translation_tool("older", 7, last_verified=dt.date(2026, 9, 5)),
    )
    now = [point("fresh", 5, TODAY), point("old", 6, TODAY), point("older", 7, TODAY)]
    before = [
        point("old", 6, dt.date(2026, 11, 1)),
        point("older", 7, dt.date(2026, 11, 1)),
        point("retired", 3, dt.date(2026, 11, 1)),
    ]
    report = inventory(catalog, now, before)
    assert report.new == ["fresh"]
    assert report.gone == ["retired"]
    assert report.stale == ["older"]  # checked 91 days before today; "old" exactly 90 days before is not stale yet


def test_without_last_months_prices_nothing_is_new_gone_or_changed():
    report = inventory(small_catalog(translation_tool("lingo", 10)), [point("lingo", 10, TODAY)])
    assert (report.new, report.gone, report.drops, report.rises) == ([], [], [], [])
    assert report.categories[0].change_vs_last_month is None and report.categories[0].change_vs_last_year is None


def test_change_vs_last_year_follows_the_cheapest_option_even_when_another_tool_was_cheapest():
    catalog = small_catalog(translation_tool("lingo", 10), translation_tool("babel", 30))
    now = [point("lingo", 10, TODAY), point("babel", 30, TODAY)]
    a_year_ago = [point("babel", 40, dt.date(2025, 12, 1))]  # lingo did not exist yet
    row = inventory(catalog, now, last_year=a_year_ago).categories[0]
    assert row.change_vs_last_year is not None
    assert (row.change_vs_last_year.amount, row.change_vs_last_year.percent) == (-30, -75.0)
    assert row.change_vs_last_year.kind == "new_option"
    assert (row.change_vs_last_year.before.tool_id, row.change_vs_last_year.before.price) == ("babel", 40)
    assert row.change_vs_last_month is None


def test_a_cheaper_tool_added_since_last_month_is_a_new_option_not_a_price_cut():
    catalog = small_catalog(translation_tool("lingo", 8), translation_tool("babel", 10))
    last_month = [point("babel", 10, dt.date(2026, 11, 1))]  # lingo was not in the catalog yet
    report = inventory(catalog, [point("lingo", 8, TODAY), point("babel", 10, TODAY)], last_month)
    change = report.categories[0].change_vs_last_month
    assert change is not None
    assert (change.kind, change.before.tool_id, change.before.plan, change.before.price) == (
        "new_option",
        "babel",
        "Pro",
        10,
    )
    assert (change.amount, change.percent) == (-2, -20.0)
    assert (report.new, report.drops, report.rises) == (["lingo"], [], [])
    # The advice says what is cheaper than what, and no price fell.
    assert (
        report.suggestion.endswith("$2.00 less than last month's cheapest, Babel.")
        and "now costs" not in report.suggestion
    )
    japanese = inventory(catalog, [point("lingo", 8, TODAY), point("babel", 10, TODAY)], last_month, language="ja")
    assert japanese.suggestion.endswith("先月の最安（Babel）より$2.00安い選択肢です。")


def test_another_plan_of_the_same_tool_becoming_the_cheapest_is_a_new_option():
    catalog = small_catalog(translation_tool("lingo", 10, plans={"Pro": 10, "Lite": 6}))
    report = inventory(
        catalog,
        [point("lingo", 10, TODAY), point("lingo", 6, TODAY, plan="Lite")],
        [point("lingo", 10, dt.date(2026, 11, 1))],
    )
    change = report.categories[0].change_vs_last_month
    assert change is not None and (change.kind, change.before.tool_id, change.before.plan) == (
        "new_option",
        "lingo",
        "Pro",
    )


def test_a_price_recorded_for_the_cheapest_plan_is_a_price_change():
    catalog = small_catalog(translation_tool("lingo", 10), translation_tool("babel", 30))
    observed = [point("lingo", 8.5, dt.date(2026, 12, 3))]
    now = effective_prices(catalog, observed, TODAY)
    last_month = effective_prices(catalog, observed, dt.date(2026, 11, 25))
    report = inventory(catalog, now, last_month)
    change = report.categories[0].change_vs_last_month
    assert change is not None
    assert (change.kind, change.before.tool_id, change.before.price, change.amount, change.percent) == (
        "price_change",
        "lingo",
        10,
        -1.5,
        -15.0,
    )
    assert [(d.tool, d.plan, d.old, d.new, d.percent) for d in report.drops] == [("lingo", "Pro", 10, 8.5, -15.0)]


def test_the_same_plan_at_the_same_price_is_no_change_to_report():
    catalog = small_catalog(translation_tool("lingo", 10))
    report = inventory(
        catalog, [point("lingo", 10, TODAY)], [point("lingo", 10, dt.date(2026, 11, 1))], [point("lingo", 10, TODAY)]
    )
    assert (report.categories[0].change_vs_last_month, report.categories[0].change_vs_last_year) == (None, None)


def test_drops_and_rises_hold_only_one_tool_plans_price_against_its_own():
    catalog = small_catalog(translation_tool("lingo", 8, plans={"Pro": 8, "Team": 30}), translation_tool("babel", 12))
    now = [
        point("lingo", 8, TODAY),
        point("lingo", 30, TODAY, plan="Team"),
        point("babel", 12, TODAY),
        point("gpt-5-nano", 0.04, TODAY, kind="model", plan="tier 1", unit="per_1m_input_tokens"),
    ]
    last_month = [
        point("babel", 10, dt.date(2026, 11, 1)),  # babel was the cheapest; lingo is new
        point("lingo", 25, dt.date(2026, 11, 1), plan="Lite"),  # a plan that is gone
        point("gpt-5-nano", 0.05, dt.date(2026, 11, 1), kind="model", plan="tier 1", unit="per_1m_input_tokens"),
    ]
    report = inventory(catalog, now, last_month)
    assert report.drops == []
    assert [(r.tool, r.plan, r.old, r.new, r.percent) for r in report.rises] == [("babel", "Pro", 10, 12, 20.0)]
    assert report.categories[0].change_vs_last_month is not None
    assert report.categories[0].change_vs_last_month.kind == "new_option"


@pytest.mark.parametrize(
    ("old", "new", "percent"), [(30, 2.5, -91.7), (5, 2.5, -50.0), (1.74, 0.435, -75.0), (0, 5, None)]
)
def test_percent_change(old, new, percent):
    assert percent_change(old, new) == percent


# --- models ----------------------------------------------------------------------------


def test_every_configured_model_is_listed_by_tier_and_the_cheapest_of_each_tier_named():
    models = [
        ModelPrice(name="big", tier=3, input_per_1m_usd=2.5, output_per_1m_usd=10),
        ModelPrice(name="nano", tier=1, input_per_1m_usd=0.05, output_per_1m_usd=0.4),
        ModelPrice(name="turbo", tier=1, input_per_1m_usd=0.05, output_per_1m_usd=0.2, status=ModelStatus.NO_KEY),
        ModelPrice(name="gone", tier=2, input_per_1m_usd=0.01, output_per_1m_usd=0.1, status=ModelStatus.RETIRED),
        ModelPrice(name="mini", tier=2, input_per_1m_usd=0.25, output_per_1m_usd=2),
    ]
    report = inventory(small_catalog(translation_tool("lingo", 10)), [], models=models)
    assert [m.name for m in report.models] == ["turbo", "nano", "gone", "mini", "big"]
    # The cheapest per tier whether or not its key is set; never a retired one.
    assert [(m.tier, m.name) for m in report.cheapest_models] == [(1, "turbo"), (2, "mini"), (3, "big")]
    text = inventory_text(report, small_catalog(translation_tool("lingo", 10)), "en")
    assert "• tier 1: turbo $0.05 / $0.2 (not usable: its API key is not set)" in text
    assert "• tier 2: gone $0.01 / $0.1 (retired: no longer used)" in text


def test_the_long_view_runs_from_the_milestones_to_todays_cheapest_model_of_each_tier():
    milestones = [
        Milestone(label="GPT-4o", model="gpt-4o-2024-08-06", since=dt.date(2024, 8, 6), input_per_1m_usd=2.5),
        Milestone(label="GPT-4", model="gpt-4", since=dt.date(2023, 3, 14), input_per_1m_usd=30),
    ]
    models = [
        ModelPrice(name="turbo", tier=1, input_per_1m_usd=0.05, output_per_1m_usd=0.2, status=ModelStatus.NO_KEY),
        ModelPrice(name="strong", tier=3, input_per_1m_usd=2, output_per_1m_usd=6),
    ]
    catalog = small_catalog(translation_tool("lingo", 10))
    now = effective_prices(catalog, [], TODAY)
    report = build_inventory(
        "2026-12", catalog, now, None, None, models, "JPY", RATE, "en", today=TODAY, milestones=milestones
    )
    assert report.long_view is not None
    assert [(m.label, m.input_per_1m_usd) for m in report.long_view.milestones] == [("GPT-4", 30), ("GPT-4o", 2.5)]
    assert [(t.tier, t.name, t.times_cheaper) for t in report.long_view.today] == [(1, "turbo", 600), (3, "strong", 15)]
    text = inventory_text(report, catalog, "en")
    assert "GPT-4 $30 (2023-03) → GPT-4o $2.5 (2024-08) → today (2026-12): tier 1 turbo $0.05 (×600 cheaper)" in text
    japanese = inventory_text(report, catalog, "ja")
    assert "ティア1 turbo $0.05（600分の1）" in japanese
    no_milestones = build_inventory("2026-12", catalog, now, None, None, models, "JPY", RATE, "en", today=TODAY)
    assert no_milestones.long_view is None


# --- the suggestion --------------------------------------------------------------------


def test_the_suggestion_names_the_companys_task_and_the_tool_that_got_cheaper():
    catalog = small_catalog(translation_tool("deepl", 4.99))
    now, before = [point("deepl", 4.99, TODAY)], [point("deepl", 5.49, dt.date(2026, 11, 1))]
    english = inventory(catalog, now, before, company_tasks=["translation"]).suggestion
    japanese = inventory(catalog, now, before, language="ja", company_tasks=["translation"]).suggestion
    assert english == "Try translation with Deepl next: Pro fell 9.1% to $4.99 per month."
    assert japanese == "次はDeeplで「翻訳」を試しましょう。Proが9.1%値下がりし、月額$4.99になりました。"


def test_without_company_tasks_the_suggestion_is_the_largest_saving():
    catalog = small_catalog(translation_tool("deepl", 4.99))
    now, before = [point("deepl", 4.99, TODAY)], [point("deepl", 5.49, dt.date(2026, 11, 1))]
    english = inventory(catalog, now, before).suggestion
    japanese = inventory(catalog, now, before, language="ja").suggestion
    assert english.startswith("Translation saves the most") and "$4.99 a month" in english and "$0.50 less" in english
    assert japanese.startswith("一番節約できるのは「翻訳」") and "$0.50安く" in japanese


def test_a_company_task_without_a_cheaper_tool_falls_back_to_the_largest_saving():
    catalog = small_catalog(translation_tool("deepl", 4.99))
    now, before = [point("deepl", 4.99, TODAY)], [point("deepl", 5.49, dt.date(2026, 11, 1))]
    assert inventory(catalog, now, before, company_tasks=["images"]).suggestion.startswith("Translation saves the most")
    steady = inventory(catalog, now, [point("deepl", 4.99, dt.date(2026, 11, 1))], company_tasks=["translation"])
    assert steady.suggestion.startswith("Nothing got cheaper")
