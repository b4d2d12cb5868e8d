"""Amounts that read more than one way, asked about: a rate that does not say per what, an amount that could be
an hour's pay or a month's, an amount with no word of what it pays; each choice the question read that way."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.domain.language import detect_language
from bot.domain.messages import say
from bot.domain.quantities.model import LANGUAGES, Unclear, choice, replaced
from bot.domain.quantities.words import JA_COUNTER, Money


def pay_of_a_month_or_an_hour(text: str, written: str, money: Money) -> Unclear:
    """「人件費は30万円」: a month's pay (an hour of it is ÷ 173 working hours), or what is paid outside a month."""
    amount = written.strip()
    hourly = round(money.low / (8 * 52 * 5 / 12))
    japanese = detect_language(text) == "ja"
    ways: list[tuple[Callable[[str], str], str]] = [
        (
            lambda language: say(language, "one person's pay a month (about {hourly:,} an hour)", hourly=hourly),
            f"月給{amount}" if japanese else f"a monthly salary of {amount}",
        ),
        (
            lambda language: say(language, "paid to an outside supplier a month"),
            f"外注費は月{amount}" if japanese else f"we pay a supplier {amount} a month",
        ),
    ]
    return Unclear(
        amount,
        money.start,
        money.end,
        tuple(
            choice(
                (label(language) for language in LANGUAGES),
                replaced(text, money.start, money.end, phrase if japanese else f" {phrase} "),
            )
            for label, phrase in ways
        ),
    )


BARE_RATE = re.compile(
    r"(?:(?<![a-z])(?<!hourly )(?<!hour )(?<!billing )rate|(?<!時間)(?<!客)単価)\s*+(?:は|が|is|of|:|=)?\s*+(?:約|about|around|roughly|~)?\s*+[$¥]?$"
)
"""Before an amount: a rate or a unit price that does not say its unit (「単価は5,000円」, "the rate is $35")."""
UNIT_SAID_AFTER = re.compile(
    rf"^\s*+(?:(?:an?|per|/|each|every|for each|for every)\s*+[a-z]|/\s*+[^\s\d]|hourly|apiece|each)"
    rf"|^\s*+(?:で|に)?\s*+(?:1\s*+)?(?:{JA_COUNTER}|時間|分|文字|字)\s*+(?:あたり|当たり|につき)"
)


def rate_of_what(text: str, written: str, money: Money, recorded: bool) -> Unclear:
    """A rate with no unit: what staff cost an hour, or what is paid outside per item (or per hour of audio)."""
    amount = written.strip()
    japanese = detect_language(text) == "ja"
    ways: list[tuple[Callable[[str], str], str]] = [
        (
            lambda language: say(language, "staff cost an hour"),
            f"時給{amount}" if japanese else f"staff at {amount} an hour",
        ),
        (
            lambda language: say(language, "paid to an outside supplier per item"),
            f"外注1件{amount}" if japanese else f"outsourced at {amount} each",
        ),
    ]
    if recorded:
        ways.append(
            (
                lambda language: say(language, "paid to an outside supplier per hour of audio"),
                f"音声1時間あたり{amount}" if japanese else f"{amount} per audio hour",
            )
        )
    choices = [
        choice((label(language) for language in LANGUAGES), replaced(text, money.start, money.end, phrase))
        for label, phrase in ways
    ]
    return Unclear(amount, money.start, money.end, tuple(choices))


def unclear_money(text: str, written: str, money: Money, per_item: bool) -> Unclear:
    """The amount asked about, each choice with the question as it reads that way (the amount's words replaced,
    in the question's language)."""
    amount = written.strip()
    japanese = detect_language(text) == "ja"
    ways: list[tuple[Callable[[str], str], str]] = [
        (
            lambda language: say(language, "paid to an outside supplier per item"),
            f"外注1件{amount}" if japanese else f"outsourced at {amount} each",
        )
    ]
    if not per_item:
        ways = [
            (
                lambda language: say(language, "staff cost an hour"),
                f"時給{amount}" if japanese else f"staff at {amount} an hour",
            ),
            *ways,
            (
                lambda language: say(language, "paid to an outside supplier a month"),
                f"外注費は月{amount}" if japanese else f"we pay a supplier {amount} a month",
            ),
            (
                lambda language: say(language, "an AI tool's price a month"),
                f"AIツールは月{amount}" if japanese else f"the ai tool costs {amount} a month",
            ),
        ]
    else:
        ways.append(
            (
                lambda language: say(language, "an AI tool's price per item"),
                f"AIツールは1件{amount}" if japanese else f"the ai tool costs {amount} per item",
            )
        )
    choices = [
        choice(
            (label(language) for language in LANGUAGES),
            replaced(text, money.start, money.end, phrase if japanese else f" {phrase} "),
        )
        for label, phrase in ways
    ]
    return Unclear(amount, money.start, money.end, tuple(choices))
