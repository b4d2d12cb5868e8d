from __future__ import annotations

from bot.domain.catalog import Category, PlanCost, monthly_plan_cost
from bot.settings import PROJECT_ROOT
from bot.store.catalog_files import validate_paths
from bot.text.answers import tool_line, units_text, volume_text


def test_a_number_of_units_reads_in_the_tasks_own_words(catalog):
    transcription = catalog.task(Category.TRANSCRIPTION)
    assert units_text(transcription, 20, "en") == "20 hours of audio"
    assert units_text(transcription, 1, "en") == "1 hour of audio"
    assert units_text(transcription, 7.5, "en") == "7.5 hours of audio"
    assert units_text(transcription, 20, "ja") == "20時間"
    assert units_text(catalog.task(Category.TRANSLATION), 2500, "ja") == "2,500文字"
    unnamed = transcription.model_copy(update={"units": None})  # a tasks file without them
    assert (units_text(unnamed, 20, "en"), units_text(unnamed, 20, "ja")) == ("20 × hour of audio", "20件")


def test_a_task_knows_the_words_that_count_its_units(catalog):
    translation = catalog.task(Category.TRANSLATION)
    assert (
        translation.is_counted_by("characters") and translation.is_counted_by("文字") and translation.is_counted_by("")
    )
    assert not translation.is_counted_by("pages") and not translation.is_counted_by("件")
    proposals = catalog.task(Category.PROPOSALS)
    assert (
        proposals.is_counted_by("proposals") and proposals.is_counted_by("本") and not proposals.is_counted_by("pages")
    )
    assert catalog.task(Category.INQUIRY_CHATBOT).is_counted_by("customer inquiries")
    assert catalog.task(Category.INQUIRY_CHATBOT).is_counted_by("customer emails")  # its unit_words
    assert catalog.task(Category.IMAGES).is_counted_by("枚")


def test_a_volume_says_whether_it_is_the_askers_or_a_typical_one(catalog):
    proposals = catalog.task(Category.PROPOSALS)
    assert volume_text(proposals, 20, "en") == "20 proposals a month"
    assert volume_text(proposals, 20, "en", typical=True) == "a typical month: 20 proposals"
    assert volume_text(proposals, 20, "ja") == "月20件"


def _priced(catalog, tool_id: str, currency: str, *, tax_included: bool, rate):
    tool = catalog.tool(tool_id).model_copy(update={"tax_included": tax_included})
    plan = next(
        plan for plan in tool.plans if not plan.is_free and monthly_plan_cost(plan, {}, currency, rate) is not None
    )
    cost = monthly_plan_cost(plan, {}, currency, rate)
    return PlanCost(tool=tool, plan=plan, monthly_cost=cost, currency=currency)


def test_a_yen_estimate_says_whether_it_includes_consumption_tax(catalog, rate):
    yen_tool = next(
        t
        for t in catalog.tools
        if any(
            p.currency == "JPY" and p.unit in {"per_month", "per_seat_month"} for plan in t.plans for p in plan.prices
        )
    )
    dollar_tool = "chatgpt-plus"
    assert "（税込）" in tool_line(_priced(catalog, yen_tool.id, "JPY", tax_included=True, rate=rate), "ja")
    assert "(before tax)" in tool_line(_priced(catalog, yen_tool.id, "JPY", tax_included=False, rate=rate), "en")
    # A dollar price converted to yen is before tax, whatever the vendor's own page says in dollars.
    assert "（税抜）" in tool_line(_priced(catalog, dollar_tool, "JPY", tax_included=True, rate=rate), "ja")
    in_dollars = tool_line(_priced(catalog, dollar_tool, "USD", tax_included=False, rate=rate), "en")
    assert "tax" not in in_dollars


def test_every_bundled_tool_says_whether_its_prices_include_tax(tmp_path):
    tool = (PROJECT_ROOT / "catalog" / "tools" / "chatgpt-plus.yaml").read_text()
    assert "tax_included:" in tool
    (tmp_path / "chatgpt-plus.yaml").write_text(tool.replace("tax_included: false\n", ""))
    problems = validate_paths([tmp_path / "chatgpt-plus.yaml"])
    assert [problem.field for problem in problems] == ["tax_included"]
