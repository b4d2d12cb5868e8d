"""The facts a model is given: the day most prices were checked is said once, another day on its own line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.domain.money import ExchangeRate
from bot.domain.retrieval import Grounding
from bot.llm import prompts
from bot.store.catalog_files import load_catalog

CATALOG = load_catalog(Path(__file__).resolve().parents[2] / "catalog").catalog
RATE = ExchangeRate(150.0, dt.date(2026, 11, 22))


def user_text(grounding: Grounding) -> str:
    return prompts.messages("Which tool?", "en", 1, grounding, "JPY", RATE)[-1]["content"]


def test_the_common_verification_day_is_said_once_and_another_day_on_its_line() -> None:
    common, other = dt.date(2026, 11, 22), dt.date(2026, 10, 1)
    tools = [tool.model_copy(update={"last_verified": common}) for tool in CATALOG.tools[:3]]
    older = CATALOG.tools[3].model_copy(update={"last_verified": other})
    text = user_text(Grounding(named_tools=[*tools, older]))
    assert f"prices as verified on {common}, or on the date a line gives" in text
    assert text.count(str(common)) == 1 and text.count(f"Verified {other}.") == 1
    assert "dates shown" in user_text(Grounding())  # no tool, no day to name
