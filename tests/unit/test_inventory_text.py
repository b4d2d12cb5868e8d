"""The monthly inventory in words and in Block Kit: a new option is never read as a price cut."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.slack.inventory_blocks import inventory_message
from bot.text.inventory import inventory_text
from tests.unit.test_inventory import TODAY, inventory, point, small_catalog, translation_tool

LAST_MONTH = dt.date(2026, 11, 1)


def task_line(text: str) -> str:
    """The report's line of the one task of the small catalog."""
    [line] = [line for line in text.splitlines() if line.startswith("• ") and ("Translation" in line or "翻訳" in line)]
    return line


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "• Translation: Lingo [lingo], about $8.00 a month: new in the catalog and cheaper than last month's "
            "cheapest, Babel ($10.00 → $8.00 a month)",
        ),
        ("ja", "• 翻訳：Lingo [lingo] 月およそ$8.00（カタログに新規追加、先月最安のBabelより安い：月$10.00 → $8.00）"),
    ],
)
def test_a_new_cheapest_tool_is_named_with_last_months_and_no_percentage(language: str, said: str) -> None:
    catalog = small_catalog(translation_tool("lingo", 8), translation_tool("babel", 10))
    report = inventory(
        catalog,
        [point("lingo", 8, TODAY), point("babel", 10, TODAY)],
        [point("babel", 10, LAST_MONTH)],
        language=language,
    )
    line = task_line(inventory_text(report, catalog, language))
    assert line == said
    assert "%" not in line


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "• Translation: Lingo [lingo], about $8.50 a month (-15.0% since last month)"),
        ("ja", "• 翻訳：Lingo [lingo] 月およそ$8.50（先月比-15.0%）"),
    ],
)
def test_a_price_change_of_the_same_plan_is_a_percentage(language: str, said: str) -> None:
    catalog = small_catalog(translation_tool("lingo", 8.5))
    report = inventory(catalog, [point("lingo", 8.5, TODAY)], [point("lingo", 10, LAST_MONTH)], language=language)
    assert task_line(inventory_text(report, catalog, language)) == said


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "the cheapest now in place of last month's Lingo (Lite) ($6.00 → $10.00 a month)"),
        ("ja", "（先月最安のLingo（Lite）に代わって最安：月$6.00 → $10.00）"),
    ],
)
def test_another_plan_that_is_the_cheapest_now_is_named_with_its_plan(language: str, said: str) -> None:
    catalog = small_catalog(translation_tool("lingo", 10, plans={"Pro": 10, "Lite": 6}))
    last_month = [point("lingo", 10, LAST_MONTH), point("lingo", 6, LAST_MONTH, plan="Lite")]
    report = inventory(catalog, [point("lingo", 10, TODAY)], last_month, language=language)  # Lite is priced no more
    assert said in task_line(inventory_text(report, catalog, language))


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "• Translation: Lingo [lingo], about $10.00 a month"), ("ja", "• 翻訳：Lingo [lingo] 月およそ$10.00")],
)
def test_the_same_plan_at_the_same_price_says_nothing_of_a_change(language: str, said: str) -> None:
    catalog = small_catalog(translation_tool("lingo", 10))
    report = inventory(catalog, [point("lingo", 10, TODAY)], [point("lingo", 10, LAST_MONTH)], language=language)
    assert task_line(inventory_text(report, catalog, language)) == said


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "a year ago the cheapest was Babel at $40.00 a month"),
        ("ja", "1年前の最安はBabel（月$40.00）"),
    ],
)
def test_a_year_ago_another_option_is_named_with_its_price(language: str, said: str) -> None:
    catalog = small_catalog(translation_tool("lingo", 10), translation_tool("babel", 30))
    report = inventory(
        catalog,
        [point("lingo", 10, TODAY), point("babel", 30, TODAY)],
        last_year=[point("babel", 40, LAST_MONTH)],
        language=language,
    )
    line = task_line(inventory_text(report, catalog, language))
    assert said in line and not re.search(r"\d%", line)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "new in the catalog and cheaper than last month's cheapest, Babel"),
        ("ja", "カタログに新規追加、先月最安のBabelより安い"),
    ],
)
def test_the_slack_message_says_a_new_option_is_new(language: str, said: str) -> None:
    catalog = small_catalog(translation_tool("lingo", 8), translation_tool("babel", 10))
    report = inventory(
        catalog,
        [point("lingo", 8, TODAY), point("babel", 10, TODAY)],
        [point("babel", 10, LAST_MONTH)],
        language=language,
    )
    sections = [block["text"]["text"] for block in inventory_message(report, catalog, language)["blocks"][1:-1]]
    assert any(said in section for section in sections)
