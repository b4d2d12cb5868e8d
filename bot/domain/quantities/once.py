"""Tasks done once a period ("every morning our manager spends an hour on the sales report", 「毎月」, "twice a
month"), for each of a count (「四半期ごとに顧問先60社…1社あたり30分」), and a business open every day."""

from __future__ import annotations

import re

from bot.domain.quantities.combined import two_tasks
from bot.domain.quantities.model import Period, Reading, add_item, overlaps
from bot.domain.quantities.people import read_people
from bot.domain.quantities.words import NUMBER, OPEN_EVERY_DAY

_ONCE_A_PERIOD = re.compile(
    r"(?<![a-z])(?:(?P<adverb>daily|weekly|biweekly|fortnightly|monthly|quarterly)"
    r"|every (?P<every>other week|two weeks|day|morning|evening|weekday|week|month|quarter)"
    r"|(?:each|once a) (?P<once>day|week|month|quarter|year))(?![a-z])"
    r"|(?P<ja>毎朝|毎夕|毎日|毎週|隔週|毎月|月次|月例|四半期ごと|四半期に1回)"
)
_ONCE: dict[str, tuple[float, Period]] = {
    "daily": (1, "day"), "day": (1, "day"), "morning": (1, "day"), "evening": (1, "day"), "weekday": (1, "day"),
    "毎朝": (1, "day"), "毎夕": (1, "day"), "毎日": (1, "day"), "weekly": (1, "week"), "week": (1, "week"),
    "毎週": (1, "week"), "biweekly": (0.5, "week"), "fortnightly": (0.5, "week"), "other week": (0.5, "week"),
    "two weeks": (0.5, "week"), "隔週": (0.5, "week"), "monthly": (1, "month"), "month": (1, "month"),
    "毎月": (1, "month"), "月次": (1, "month"), "月例": (1, "month"), "quarterly": (1 / 3, "month"),
    "quarter": (1 / 3, "month"), "四半期ごと": (1 / 3, "month"), "四半期に1回": (1 / 3, "month"), "year": (1, "year"),
}  # fmt: skip


def read_once_a_period(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """ "Every morning our manager spends an hour on the sales report", 「メルマガを隔週で」: done once a period.

    Only when nothing else is a volume, a time for each time is given, and no number is left unclear.
    """
    if reading.unclear or (reading.minutes_before is None and reading.outsourcing_unit_cost is None):
        return
    onces = [
        match
        for match in _ONCE_A_PERIOD.finditer(text)
        if not overlaps(match.start(), match.end(), taken)
        and not (reading.volume_at and overlaps(match.start(), match.end(), [reading.volume_at]))
        and not _WHAT_IS_ASKED.match(text[match.end() : match.end() + 14])
    ]
    if reading.volume is not None:
        if (
            reading.volume_at is not None
            and reading.period is not None
            and any(_ONCE[_once_word(match)][1] != reading.period for match in onces)
        ):
            # 「朝礼のメモを毎日作って、議事録も週1回」: a second task done once a period beside the volume
            other = next(match for match in onces if _ONCE[_once_word(match)][1] != reading.period)
            two_tasks(
                text,
                reading,
                (reading.volume_at, (reading.volume, reading.period)),
                ((other.start(), other.end()), _ONCE[_once_word(other)]),
            )
        return
    if not onces:
        return
    match = onces[0]
    second = next((other for other in onces[1:] if _ONCE[_once_word(other)][1] != _ONCE[_once_word(match)][1]), None)
    if second is not None:  # "daily stand-up summaries and a weekly client recap"
        two_tasks(
            text,
            reading,
            ((match.start(), match.end()), _ONCE[_once_word(match)]),
            ((second.start(), second.end()), _ONCE[_once_word(second)]),
        )
        return
    count, period = _ONCE[_once_word(match)]
    each = _count_of_each(text, taken)
    if each is not None:  # 「四半期ごとに顧問先60社へ…1社あたり30分」: 60 each quarter, not one
        number, unit, (start, end) = each
        reading.volume, reading.period, reading.volume_words = count * number, period, unit
        reading.volume_at = (start, end)
        taken.append((start, end))
        add_item(reading, f"{match[0]} … {text[start:end]}", "monthly_volume", count * number, f"{unit} a {period}")
        return
    reading.volume, reading.period, reading.volume_words = count, period, ""
    reading.volume_at = (match.start(), match.end())
    add_item(reading, match[0], "monthly_volume", count, f"times a {period} (once each time)")
    read_people(text, reading, taken, once=True)


_ONE_OF_EACH_UNIT = re.compile(
    r"(?<![0-9.])1\s*+(?P<ja>[一-鿿ァ-ヿ]{1,3}?)\s*+(?:あたり|当たり|につき|ごとに|(?=[0-9.]+\s*+(?:分|時間)))"
    r"|(?<![a-z])(?:per|each|every)\s++(?P<en>[a-z]{3,}?)(?:es|s)?(?![a-z])"
)
"""「1社あたり30分」, "30 min per client": what each time is given for."""


def _count_of_each(text: str, taken: list[tuple[int, int]]) -> tuple[float, str, tuple[int, int]] | None:
    """A count of what each time is given for ("60 clients … 30 min per client", 「顧問先60社…1社あたり30分」), when a
    task is done once a period for each of them; None when the question counts nothing so."""
    for unit_match in _ONE_OF_EACH_UNIT.finditer(text):
        unit = unit_match["ja"] or unit_match["en"]
        if unit_match["en"] and unit in ("day", "week", "month", "quarter", "year", "time", "one", "item"):
            continue
        pattern = (
            rf"(?<![0-9.])(?P<n>{NUMBER})\s*+{re.escape(unit)}"
            if unit_match["ja"]
            else rf"(?<![0-9.])(?P<n>{NUMBER})\s++(?:[a-z]+\s++)?(?P<w>{re.escape(unit)}(?:es|s)?)(?![a-z])"
        )
        for count in re.finditer(pattern, text):
            if float(count["n"]) >= 2 and not overlaps(count.start("n"), count.end("n"), taken):
                return float(count["n"]), count.groupdict().get("w") or unit, (count.start(), count.end())
    return None


_WHAT_IS_ASKED = re.compile(
    r"\s*+(?:savings?|costs?|figures?|totals?|amounts?|fees?|budgets?|bills?|basis|baselines?|rates?|prices?"
    r"|numbers?|impact|benefit|terms)(?![a-z])|\s*+[?？]|\s*+(?:で|の)?(?:いくら|どれくらい|効果|削減|節約)"
)
""""monthly savings?", 「月次でいくら」: the period of what is asked, not of a task."""


def _once_word(match: re.Match[str]) -> str:
    return next(word for word in match.groups() if word)


EVERY_DAY_OF_THE_MONTH = 30
"""Days a month of a business open every day (「土日も営業」, "7 days a week"); otherwise a day is a working day."""


def read_every_day(text: str, reading: Reading) -> None:
    """「土日も営業」, "open 7 days a week": a volume a day counts every day of the month, not working days."""
    if reading.period != "day" or reading.volume is None or not OPEN_EVERY_DAY.search(text):
        return
    reading.days_a_month, reading.period = EVERY_DAY_OF_THE_MONTH, "month"
    reading.scale_volume(EVERY_DAY_OF_THE_MONTH)
    if reading.volume_per_person is not None:
        reading.volume_per_person *= EVERY_DAY_OF_THE_MONTH
