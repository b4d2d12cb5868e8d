"""A question's ranges ("20–30 a day", 「1件10〜15分」) as two scenarios: at the low ends and at the high ends."""

from __future__ import annotations

from pydantic import ValidationError

from bot.domain.quantities.model import Reading
from bot.domain.savings import Scenario


def range_ends(figures: Reading, scenario: Scenario) -> tuple[Scenario, Scenario] | None:
    """The scenario at the low ends and at the high ends of the ranges the question gave ("20–30 a day",
    "10–15 minutes each"), where the scenario uses them as read; None when it gave none."""
    ranges = figures.ranges
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    if "volume" in ranges and figures.volume:
        scale = scenario.volume / figures.volume  # hours of recordings counted in the task's units: the same share
        low["volume"], high["volume"] = (end * scale for end in ranges["volume"])
    for name in ("minutes_before", "minutes_after", "hourly_cost"):
        if name in ranges and getattr(scenario, name) == getattr(figures, name):
            low[name], high[name] = ranges[name]
    if "minutes_before" in low and figures.after_share is not None and scenario.minutes_after == figures.minutes_after:
        low["minutes_after"], high["minutes_after"] = (
            low["minutes_before"] * figures.after_share,
            high["minutes_before"] * figures.after_share,
        )  # "halves it": half of each end
    if not low:
        return None
    try:
        return (
            Scenario.model_validate({**scenario.model_dump(), **low}),
            Scenario.model_validate({**scenario.model_dump(), **high}),
        )
    except ValidationError:  # the ends cross ("10–15 minutes, 12 with AI"): the middle, as read
        return None
