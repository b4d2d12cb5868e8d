"""A model's reading of a question's numbers: what of it holds, and which of the reader's readings it settles on."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.advisor.model_reading import settled_reading
from bot.domain.catalog import Catalog
from bot.domain.intents import classify
from bot.domain.quantities import normalise, read_quantities
from bot.domain.quantities.agreement import Stated, agrees
from bot.llm.extraction import ScenarioNumbers, stated

BLANK: dict[str, Any] = {name: None for name in ScenarioNumbers.model_fields} | {"each_person_does_the_items": False}
QUESTION = "営業５人で、お礼メールを1日20通送っています。1通10分、AIなら3分。時給2,000円、ツールは月3万円。"


def reply(**given: Any) -> str:
    return json.dumps(BLANK | given, ensure_ascii=False)


def test_a_number_is_kept_only_with_words_the_question_has() -> None:
    figures = stated(
        reply(
            staff_cost_per_hour={"value": 2000, "words": "時給2000円"},
            ai_tool_cost_per_month={"value": 30000, "words": "月３万円"},
            minutes_per_item_today={"value": 12, "words": "1通12分"},
        ),
        QUESTION,
    )
    assert figures is not None
    # full-width digits, 万 and the grouping comma are read the same on both sides; 「1通12分」 is not written
    assert (figures.hourly_cost, figures.tool_cost_monthly, figures.minutes_before) == (2000, 30000, None)


def test_the_volume_needs_its_period_written_and_each_needs_the_people() -> None:
    count = {"value": 20, "words": "1日20通"}
    each = stated(
        reply(
            items_per_period=count,
            period="day",
            period_words="1日",
            people={"value": 5, "words": "営業５人"},
            each_person_does_the_items=True,
        ),
        QUESTION,
    )
    no_period_words = stated(reply(items_per_period=count, period="month", period_words="月に"), QUESTION)
    each_of_nobody = stated(
        reply(items_per_period=count, period="day", period_words="1日", each_person_does_the_items=True), QUESTION
    )
    assert each is not None and each.monthly_volume == pytest.approx(100 * 260 / 12)
    assert no_period_words is not None and no_period_words.monthly_volume is None
    assert each_of_nobody is not None and each_of_nobody.monthly_volume is None


@pytest.mark.parametrize("text", ["they mean a month", "{}", json.dumps({**BLANK, "period": "fortnight"})])
def test_a_reply_out_of_the_schema_is_no_reading(text: str) -> None:
    assert stated(text, QUESTION) is None


def test_a_whole_reading_must_be_the_same_scenario_and_a_partial_one_agree_where_both_speak() -> None:
    reading = read_quantities(normalise("40 quotes a month, 20 minutes each, 5 with AI"))
    same = Stated(monthly_volume=40, minutes_before=20, minutes_after=5)
    assert agrees(reading, same, complete=True)
    assert agrees(reading, Stated(monthly_volume=40.3), complete=False)  # within 1%
    assert not agrees(reading, Stated(monthly_volume=40.3), complete=True)  # the times are missing
    assert not agrees(
        reading, Stated(monthly_volume=40, minutes_before=20, minutes_after=5, hourly_cost=2000), complete=True
    )  # a figure the reader did not read
    assert not agrees(reading, Stated(monthly_volume=44), complete=False)
    assert not agrees(reading, Stated(), complete=False)  # nothing compared


def test_the_one_reading_the_figures_agree_with_is_taken(catalog: Catalog) -> None:
    question = "We write 30 reports, 2 hours each, 30 minutes with AI. What would we save at 3,000 yen an hour?"
    intent = classify(question, catalog, "en")
    assert intent.path == "clarify"
    reclassify = lambda text: classify(text, catalog, "en")  # noqa: E731
    times = {"minutes_before": 120, "minutes_after": 30, "hourly_cost": 3000}

    a_week, taken = settled_reading(intent, Stated(monthly_volume=30 * 52 / 12, **times), reclassify)
    assert a_week is not None and (a_week.figures.volume, a_week.figures.period) == (30, "week")
    assert taken == [("30 reports", "30 reports a week", "週30 reports")]
    # no period read: every choice agrees on the times, so none is taken
    assert settled_reading(intent, Stated(**times), reclassify) == (None, [])
    # a volume no choice gives
    assert settled_reading(intent, Stated(monthly_volume=45, **times), reclassify) == (None, [])
