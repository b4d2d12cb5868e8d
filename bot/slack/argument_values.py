"""What every Slack reader shares: the values people type and how a reader says it cannot read one.

Numbers, money, times, periods and token amounts come in English or Japanese, full or
half width, with thousands commas and 万; a modal's inputs come as Slack's
`view.state.values`. A value that cannot be read raises `Unreadable` with a message in
the reader's language, which the command readers turn into an `ArgumentError` and the
modal readers into `FieldErrors`.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn

from pydantic import ValidationError

from bot.domain.budget import parse_money_usd, parse_token_amount
from bot.domain.messages import say
from bot.domain.money import Currency
from bot.domain.quantities import (
    COUNTER,
    HOUR_WORD,
    MINUTE_WORD,
    NUMBER,
    find_money,
    normalise,
    read_quantities,
)
from bot.domain.savings import Period, Scenario
from bot.text.validation import describe_validation_error

FieldErrors = dict[str, str]

MAX_TOKENS = 10**12  # a trillion tokens a month: far above any real limit, far below the database's
MAX_MONEY_USD = 10**9


class ArgumentError(Exception):
    """A slash command that cannot be read: what was wrong, and how to write it."""

    def __init__(self, problem: str, usage: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.usage = usage


class Unreadable(ValueError):
    """One value that cannot be read; the message is already in the reader's language."""


# --- numbers, money and times as people write them -------------------------------------

# The words of numbers, times, periods and money are the quantity reader's (`bot.domain.quantities`);
# what is here is the grammar of one form field or one slash-command argument.
_BARE_RANGE = re.compile(rf"(?P<low>{NUMBER})(?:\s*+(?:-|~|to|から)\s*+(?P<high>{NUMBER}))?")
_DURATION = re.compile(
    rf"(?P<h>{NUMBER})\s*+{HOUR_WORD}(?:\s*+(?P<hm>{NUMBER})\s*+{MINUTE_WORD})?|(?P<m>{NUMBER})\s*+{MINUTE_WORD}|(?P<bare>{NUMBER})"
)
_SPAN = rf"{NUMBER}\s*+(?:{HOUR_WORD}(?:\s*+{NUMBER}\s*+{MINUTE_WORD})?|{MINUTE_WORD})?"
TIMES = re.compile(rf"(?P<before>{_SPAN})\s*+(?:->|→|=>|⇒|to|から)\s*+(?P<after>{_SPAN})(?![a-z])")


def clean(text: str) -> str:
    """Full width to ASCII, lower case, thousands commas dropped, 万 and 千 multiplied out exactly."""
    return normalise(text).strip()


def plain_number(value: float | Decimal) -> str:
    """A number with no grouping and no exponent that reads back exactly: 30000, 0.8333333333."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return format(exact.normalize(), "f")


@dataclass(frozen=True)
class Amount:
    low: float
    high: float
    currency: Currency | None  # None when no ¥, $, 円 or usd was written

    @property
    def value(self) -> float | tuple[float, float]:
        return self.low if self.low == self.high else (self.low, self.high)


def read_amount(cleaned: str) -> Amount | None:
    """'3000', '¥3000', '$40', '3000円', '30000-50000', '¥30000~¥50000'; None if it is none of these."""
    found = find_money(cleaned)
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(cleaned)):
        amount = Amount(found[0].low, found[0].high, found[0].currency)  # type: ignore[arg-type]  # find_money names JPY, USD or none
    elif bare := _BARE_RANGE.fullmatch(cleaned):
        low, high = float(bare["low"]), float(bare["high"] or bare["low"])
        amount = Amount(min(low, high), max(low, high), None)
    else:
        return None
    return amount if math.isfinite(amount.high) else None


def read_minutes(cleaned: str, bare_unit: str = "min") -> float | None:
    """Minutes in '300', '5h', '90分', '1時間30分', '1.5 hours'; a bare number counts in `bare_unit`."""
    match = _DURATION.fullmatch(cleaned)
    if match is None:
        return None
    if match["bare"] is not None:
        return float(match["bare"]) * (60 if bare_unit == "h" else 1)
    if match["m"] is not None:
        return float(match["m"])
    return float(match["h"]) * 60 + float(match["hm"] or 0)


def time_unit(cleaned: str) -> str | None:
    """The unit a time is written in ("h" or "min"); None for a bare number."""
    match = _DURATION.fullmatch(cleaned)
    if match is None or match["bare"] is not None:
        return None
    return "h" if match["h"] is not None and match["hm"] is None else "min"


def read_volume(cleaned: str) -> tuple[float, Period] | None:
    """'20/month', '20 a week', '月20件', or a bare '20' (a month): a volume and nothing else."""
    if bare := re.fullmatch(rf"({NUMBER})\s*{COUNTER}?", cleaned):
        return float(bare[1]), "month"
    reading = read_quantities(cleaned)
    whole = reading.spans == [(0, len(cleaned))] or (
        len(reading.spans) == 1
        and not cleaned[: reading.spans[0][0]].strip()
        and not cleaned[reading.spans[0][1] :].strip()
    )
    if reading.volume is None or reading.period is None or reading.people or not whole:
        return None
    return reading.volume, reading.period


def read_tokens(text: str, language: str) -> int:
    if text.strip().startswith(("-", "−", "－")):
        raise Unreadable(say(language, "'{text}' is negative; a limit cannot be below zero", text=text))
    try:
        tokens = parse_token_amount(text)
    except ValueError:
        raise Unreadable(say(language, "'{text}' is not a number of tokens", text=text)) from None
    if tokens > MAX_TOKENS:
        raise Unreadable(say(language, "'{text}' is more than {limit:,} tokens a month", text=text, limit=MAX_TOKENS))
    return tokens


def read_money_usd(text: str, language: str) -> float:
    try:
        amount = parse_money_usd(text)
    except ValueError:
        amount = math.inf
    if not 0 <= amount <= MAX_MONEY_USD:
        raise Unreadable(say(language, "'{text}' is not an amount of US dollars such as $20", text=text))
    return amount


def read_percent(text: str, language: str) -> int:
    cleaned = unicodedata.normalize("NFKC", text).strip().removesuffix("%").strip()
    if not cleaned:
        raise Unreadable(say(language, "give a percent from 1 to 100, such as 80"))
    if not re.fullmatch(r"[0-9]{1,3}", cleaned) or not 1 <= int(cleaned) <= 100:
        raise Unreadable(say(language, "'{text}' is not a whole percent from 1 to 100, such as 80", text=text))
    return int(cleaned)


# --- what the pieces mean together ------------------------------------------------------


def read_times(match: re.Match[str], language: str) -> tuple[float | None, float | None]:
    """'5h -> 1h', '300 -> 60min' (a bare side takes the other side's unit), '1時間30分→20分'."""
    before, after = match["before"].strip(), match["after"].strip()
    before_unit, after_unit = time_unit(before), time_unit(after)
    if before_unit is None and after_unit is None:
        raise Unreadable(
            say(language, "say whether '{times}' is in hours or minutes, like 5h -> 1h", times=match[0].strip())
        )
    return read_minutes(before, after_unit or "min"), read_minutes(after, before_unit or "min")


def written_currency(amounts: dict[str, Amount | None], default: str) -> tuple[str, str | None]:
    """The currency the amounts are written in (`default` if none says) and the first key that disagrees."""
    currency = None
    for key, amount in amounts.items():
        if amount is not None and amount.currency is not None:
            if currency is not None and amount.currency != currency:
                return currency, key
            currency = amount.currency
    return currency or default, None


def mixed_currencies(language: str) -> str:
    return say(language, "the amounts mix yen and dollars; write them all in one currency")


def not_an_amount(text: str, language: str) -> NoReturn:
    raise Unreadable(say(language, "'{text}' is not an amount of money, like 3,000, ¥3,000 or $40", text=text))


def figure_problems(volume: float, before: float | None, after: float | None, language: str) -> dict[str, str]:
    """The two slips people make most, by field, in their language (the models would say it in English)."""
    if volume <= 0:
        return {"volume": say(language, "the number of units must be more than zero")}
    if before is not None and after is not None and after > before:
        return {
            "minutes_after": say(
                language,
                "the time with AI ({after} min) is longer than today's ({before} min); it should be shorter",
                after=plain_number(after),
                before=plain_number(before),
            )
        }
    return {}


def scenario_or_problems(fields: dict[str, Any], language: str) -> Scenario | dict[str, str]:
    """The scenario, or what is wrong with it by Scenario field ("" for the whole), in the reader's language."""
    problems = figure_problems(fields["volume"], fields.get("minutes_before"), fields.get("minutes_after"), language)
    if problems:
        return problems
    try:
        return Scenario(**fields)
    except ValidationError as error:
        lines = describe_validation_error(error)
        return {
            str(detail["loc"][0]) if detail["loc"] else "": line
            for detail, line in zip(error.errors(), lines, strict=True)
        }


# --- modal values ---------------------------------------------------------------------------


def json_object(text: object) -> dict[str, Any]:
    """The JSON object a button's value or a form's private_metadata carries; {} for anything else."""
    if not isinstance(text, str) or not text:
        return {}
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def input_state(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    """One input's state; Slack keys it by block id, then action id (the same here)."""
    return (values.get(block_id) or {}).get(block_id) or {}


def input_text(values: dict[str, Any], block_id: str) -> str:
    return (input_state(values, block_id).get("value") or "").strip()


def chosen_value(values: dict[str, Any], block_id: str) -> str | None:
    option = input_state(values, block_id).get("selected_option")
    return option.get("value") if option else None


def read_fields(readers: dict[str, Callable[[], Any]], errors: FieldErrors) -> dict[str, Any]:
    """Every field read, or its problem filed under its block id; all fields are tried."""
    read: dict[str, Any] = {}
    for block_id, reader in readers.items():
        try:
            read[block_id] = reader()
        except Unreadable as problem:
            errors[block_id] = str(problem)
    return read


def read_count(text: str, language: str) -> float:
    if not text:
        raise Unreadable(say(language, "give how many, like 20"))
    number = re.fullmatch(rf"({NUMBER})\s*{COUNTER}?", clean(text))
    if number is None:
        raise Unreadable(say(language, "'{text}' is not a number, like 20", text=text))
    return float(number[1])


def read_time(text: str, language: str) -> float | None:
    if not text:
        return None
    minutes = read_minutes(clean(text))
    if minutes is None:
        raise Unreadable(say(language, "'{text}' is not a time: write minutes like 300, or hours like 5h", text=text))
    return minutes


def read_money(text: str, language: str, ranges: bool = False) -> Amount | None:
    if not text:
        return None
    amount = read_amount(clean(text)) or not_an_amount(text, language)
    if amount.low != amount.high and not ranges:
        raise Unreadable(say(language, "'{text}' is a range; give one amount", text=text))
    return amount


def optional(text: str, reader: Callable[[str, str], Any], language: str) -> Any:
    return reader(text, language) if text else None
