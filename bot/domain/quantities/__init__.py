"""The one reader of quantities: every number a person writes, in English or Japanese, and its role.

A question about savings carries its own figures: how many a day, a week or a month, how
many people each doing them, minutes per item before and after AI, what staff cost an hour,
what an outside supplier charges per item or a month, what a tool costs. This module finds
each quantity mention (money with its currency and what it is per, durations, counts with
their nouns or Japanese counters and their period, people, shares), gives each a role from
its unit and the words around it, and says which numbers it could not give a role to, or
could read two ways, so that the advisor asks back instead of building a figure on a guess.

It is the only place that knows number words, counters, period words and currency words:
the chat, `advisor ask`, `/ai-savings` and the profile form all read through it.
"""

from __future__ import annotations

from bot.domain.quantities.combined import (
    read_for_each_of,
    read_languages,
    read_people_on_the_time,
)
from bot.domain.quantities.counts import read_volume
from bot.domain.quantities.leftovers import MOST_UNCLEAR, ask_how_often, read_leftovers, read_not_figures
from bot.domain.quantities.model import Period, Reading, ReadItem, Role, Unclear
from bot.domain.quantities.money import read_money
from bot.domain.quantities.money_questions import (
    read_hours_of_audio,
    read_price_per_character,
    read_rival_rates,
    read_todays_cost,
)
from bot.domain.quantities.once import read_every_day, read_once_a_period
from bot.domain.quantities.people import read_people
from bot.domain.quantities.shares import ask_about_a_share, read_bare_time_after, read_shares
from bot.domain.quantities.times import read_times
from bot.domain.quantities.words import (
    COUNTER,
    GROUPING_COMMA,
    HOUR_WORD,
    MINUTE_WORD,
    NUMBER,
    PERIOD_WORDS,
    find_money,
    normalise,
)

__all__ = [
    "COUNTER",
    "GROUPING_COMMA",
    "HOUR_WORD",
    "MINUTE_WORD",
    "MOST_UNCLEAR",
    "NUMBER",
    "PERIOD_WORDS",
    "Period",
    "ReadItem",
    "Reading",
    "Role",
    "Unclear",
    "chosen",
    "find_money",
    "normalise",
    "read_quantities",
]


def read_quantities(text: str) -> Reading:
    """Every quantity in normalised `text` (see `normalise`), with its role.

    Money is read first (its own hours and counts belong to the price: "¥8,000 per hour of
    audio", 「1件5万円」), then the volume and the people doing it, then times per item,
    then shares ("half", "70% less"); any number left without a role is `unclear`.
    """
    reading, taken = Reading(), list[tuple[int, int]]()
    read_not_figures(text, reading, taken)
    read_money(text, reading, taken)
    read_rival_rates(text, reading)
    read_volume(text, reading, taken)
    read_price_per_character(text, reading)
    read_people(text, reading, taken)
    read_times(text, reading, taken)
    read_shares(text, reading, taken)
    read_bare_time_after(text, reading, taken)
    ask_about_a_share(text, reading, taken)
    read_leftovers(text, reading, taken)
    read_once_a_period(text, reading, taken)
    read_for_each_of(text, reading)
    read_todays_cost(text, reading)
    read_hours_of_audio(text, reading)
    read_people_on_the_time(text, reading)
    read_languages(text, reading)
    read_every_day(text, reading)
    ask_how_often(text, reading)
    _monthly_volume_item(reading)
    reading.spans = sorted(taken)
    return reading


def _monthly_volume_item(reading: Reading) -> None:
    """The volume's read item carries the volume a month, whatever period it was written in."""
    monthly = reading.monthly_volume
    if monthly is None:
        return
    for index, item in enumerate(reading.items):
        if item.role in ("monthly_volume", "hours_of_work"):
            what = item.unit.split(" a ")[0]
            reading.items[index] = ReadItem(item.text, item.role, round(monthly, 4), f"{what} a month")


def chosen(choices: list[str], reply: str) -> int | None:
    """Which of the numbered `choices` a reply picks: "2", "２", "2.", or the choice's own words; None for none."""
    cleaned = normalise(reply).strip().rstrip(".)。").strip()
    if cleaned.isdigit() and 1 <= int(cleaned) <= len(choices):
        return int(cleaned) - 1
    matching = [index for index, choice in enumerate(choices) if cleaned and normalise(choice) == cleaned]
    return matching[0] if len(matching) == 1 else None
