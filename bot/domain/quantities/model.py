"""What the reader reads: each number with its role (`ReadItem`), the numbers it has to ask about
(`Unclear`), and everything the calculator needs (`Reading`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from bot.domain.savings import UNITS_PER_MONTH, Period

__all__ = [
    "LANGUAGES",
    "Period",
    "ReadItem",
    "Reading",
    "Role",
    "Unclear",
    "add_item",
    "beside_the_volume",
    "choice",
    "overlaps",
    "reading_in",
    "replaced",
]

Role = Literal[
    "monthly_volume",
    "people",
    "minutes_before",
    "minutes_after",
    "hourly_cost",
    "outsourcing_unit_cost",
    "outsourcing_monthly_spend",
    "tool_cost_monthly",
    "tool_cost_per_unit",
    "setup_cost",
    "hours_of_work",
]


@dataclass(frozen=True)
class ReadItem:
    """One number as the reader took it: `text` as written, its role, its value and unit."""

    text: str
    role: Role
    value: float | tuple[float, float]
    unit: str


@dataclass(frozen=True)
class Unclear:
    """A number the reader could not give one role to, and the readings it could have.

    Each choice is (the reading in English, in Japanese, the text to put in place of the
    number's words so that the question reads one way only).
    """

    text: str
    start: int
    end: int
    choices: tuple[tuple[str, str, str], ...]
    kind: Literal[
        "period", "time_unit", "money", "people", "stray", "length", "audio", "which", "how_often", "how_many"
    ] = "money"
    """What is unclear: no period, no unit of time, what an amount pays, whose count, a number with no role,
    how long a page is, how long a recording is, which of several figures for one thing (two staff costs,
    two times, two volumes), how often a task is done, or how many people each do it."""


LANGUAGES = ("en", "ja")
"""The languages of an `Unclear` choice's readings, in their order in the choice."""


def choice(readings: Iterable[str], question: str) -> tuple[str, str, str]:
    """One choice of an `Unclear`: its reading in each of `LANGUAGES` (`say` of a message), and the question
    read that way."""
    english, japanese = readings
    return english, japanese, question


def reading_in(choice: tuple[str, str, str], language: str) -> str:
    """A choice's reading in `language` (in English, for a language it is not read in)."""
    return dict(zip(LANGUAGES, choice, strict=False)).get(language, choice[0])


@dataclass
class Reading:
    """Every quantity of a question, with its role; what the calculator needs, and what is unclear."""

    items: list[ReadItem] = field(default_factory=list)
    unclear: list[Unclear] = field(default_factory=list)
    volume: float | None = None
    period: Period | None = None
    volume_words: str = ""  # what the volume counts, as written: "reports", "件", "" for none
    volume_is_hours: bool = False  # hours of work a period ("we spend 30 hours a month on it")
    volume_is_recorded_hours: bool = False  # hours of recordings or meetings ("20 hours of meetings")
    people: float | None = None
    volume_per_person: float | None = None
    minutes_before: float | None = None
    minutes_after: float | None = None
    minutes: list[float] = field(default_factory=list)  # every time per unit, in the order written
    hourly_cost: float | None = None
    outsourcing_unit_cost: float | tuple[float, float] | None = None
    outsourcing_per_audio_hour: bool = False
    outsourcing_monthly_spend: float | tuple[float, float] | None = None
    tool_cost_monthly: float | None = None
    tool_cost_per_unit: float | None = None
    setup_cost: float | None = None
    currencies: list[str] = field(default_factory=list)  # the currency of every amount that names one
    not_used: list[str] = field(
        default_factory=list
    )  # numbers with no role, which nothing the calculation lacks could be
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the read quantities are in the text
    volume_at: tuple[int, int] | None = None  # where the volume is written
    before_in_hours: bool = False  # today's time was written in hours: a bare time with AI is in hours too
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)  # "volume", "minutes_before", "minutes_after"
    people_at: tuple[int, int] | None = None  # where the people are written
    before_at: tuple[int, int] | None = None  # where today's time per item is written
    after_share: float | None = None  # the time with AI as a share of today's ("halves it"): it follows today's range
    days_a_month: float | None = (
        None  # a volume a day of a business open every day, counted a month over this many days
    )

    def scale_volume(self, factor: float) -> None:
        """The volume, and its range if it is one, `factor` times over (people each doing it, days of a month)."""
        if self.volume is not None:
            self.volume *= factor
        if "volume" in self.ranges:
            low, high = self.ranges["volume"]
            self.ranges["volume"] = (low * factor, high * factor)

    @property
    def currency(self) -> str | None:
        """The currency the question writes its amounts in: the first one named."""
        return self.currencies[0] if self.currencies else None

    @property
    def monthly_volume(self) -> float | None:
        """The volume in units a month, whatever period it was written in; None without a volume and its period."""
        if self.volume is None or self.period is None:
            return None
        return self.volume * UNITS_PER_MONTH[self.period]

    @property
    def has_way_to_save(self) -> bool:
        """Whether there is anything to compare: times per item, a price paid outside, or hours of work."""
        return (
            bool(self.minutes)
            or self.outsourcing_unit_cost is not None
            or self.outsourcing_monthly_spend is not None
            or self.volume_is_hours
        )


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < taken_end and taken_start < end for taken_start, taken_end in spans)


def add_item(reading: Reading, text: str, role: Role, value: float | tuple[float, float], unit: str) -> None:
    reading.items.append(ReadItem(text.strip(), role, value, unit))


def replaced(text: str, start: int, end: int, replacement: str) -> str:
    return f"{text[:start]}{replacement}{text[end:]}"


def beside_the_volume(text: str, position: int, reading: Reading) -> bool:
    """Whether people are named where the volume is (the same sentence, not an aside in brackets): only then
    can the volume be either theirs each or the team's; elsewhere they describe the company."""
    if reading.volume_at is None:
        return False
    start, end = sorted((position, reading.volume_at[0]))
    between = text[start:end]
    opened = text.rfind("(", 0, position) > text.rfind(")", 0, position)
    return not opened and not re.search(r"[.。!?！？\n]", between) and len(between) <= 60


def same_noun(one: str, other: str) -> bool:
    """ "kid" and "kids", "property" and "properties", "child" and "children": the same things."""

    def stem(word: str) -> str:
        return re.sub(r"ies$", "y", re.sub(r"(?<=[^s])s$|(?<=ch)es$|(?<=child)ren$", "", word.strip()))

    return bool(one.strip()) and stem(one) == stem(other)
