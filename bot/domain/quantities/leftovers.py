"""Numbers left with no role: dates, ages, sizes, years, phone numbers and parts of names are not quantities;
any other that could fill a role the calculation lacks is asked about (a period for a count, a unit for a time,
what a bare amount is); and a count the calculation lacks altogether (how often) is asked for."""

from __future__ import annotations

import re
from typing import Literal

from bot.domain.language import detect_language
from bot.domain.messages import say
from bot.domain.quantities.model import LANGUAGES, Reading, Unclear, choice, overlaps, replaced, same_noun
from bot.domain.quantities.words import (
    COUNTER,
    JA_COUNTER,
    JA_PERIOD_WORDS,
    NUMBER,
    OPEN_EVERY_DAY,
    PERCENT,
)

_NOT_A_QUANTITY = re.compile(
    r"^(?:-[a-z]|\s*+(?:月\s*+\d|日(?!に|で|あたり|当たり)|時(?!間)|st|nd|rd|th|歳|代|階|号|位|番|社|期|年度|年生|年目|年前|年後|か国|カ国|ヶ国"
    r"|つ(?:の|ございます|あります|あって|です|\s*+[)）、。,]|\s*+$)|か所|カ所|ヶ所|箇所|店舗|拠点|支店|台|床|室|部屋|rooms?|beds?|seats?|tables?|g\b|gb|mb|kb|[a-z]\d|\.\d"
    r"|(?:[a-z\-]+\s++)?(?:branch(?:es)?|stores|shops|locations|offices|clinics|sites|outlets|salons|cafes|restaurants|campuses|clubs"
    r"|studios|warehouses|hotels|schools)(?![a-z])))"
)
"""After a number: a date (3月, 11日), an age, an ordinal, a size, a version: not a quantity of work."""
_NAMED_NUMBER = re.compile(r"[a-z]-?$")
"""Before a number: part of a name (gpt-4, qwen3, windows 11)."""
_MONTH = (
    r"(?<![a-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
"""A month's name or its abbreviation, as a whole word ("approx", "marketing" and "junior" are none)."""
_A_LABEL = (
    r"(?:(?<![a-z])(?:dock|suite|room|floor|gate|bay|aisle|platform|building|no\.|number|ward|ext\.?|extension|tel\.?)\s*+"
    r"|#\s*+|(?:内線|外線|電話|標高|海抜|altitude|elevation|徒歩|駅から|歩いて)\s*+(?:は|:)?\s*+|(?<![a-z0-9])['’])$"
)
_LABEL_BEFORE = re.compile(_MONTH + r"\.?\s*+$|" + _A_LABEL)
"""Before a number: a date ("since Jan 1"), or a place's or a thing's number ("Dock 7", "Suite 210", "#12")."""
_LABELLED = re.compile(_A_LABEL)
_A_WALK = re.compile(r"\s*+(?:minutes?|mins?|分)\s*+(?:walk|drive|by car|on foot|from the station|from)(?![a-z])")
""""3 minutes' walk", "5 min from the station": a distance, not a time of work."""
_LEFTOVER = re.compile(NUMBER)
_PEOPLE_EACH_AFTER = re.compile(r"\s*+(?:人|名)\s*+(?:が|は|で)?\s*+(?:それぞれ|各自|各々)")
_ONE_OF_A_UNIT = re.compile(r"\s*+[^\d\s、。,.!?!?]{1,4}\s*+(?:あたり|当たり|につき)?\s*+[0-9]")
"""After a 1: 「1商品20分」, 「1物件5万円」: one of whatever the time or price is given for."""
_PER_UNIT_PREFIX = re.compile(rf"\s*+(?:{JA_COUNTER})\s*+(?:あたり|当たり|につき|で|は|が)?\s*+(?:約|およそ)?\s*+[0-9]")
_ONE_OF_EACH = re.compile(rf"\s*+(?:{JA_COUNTER})[^\d。.!?！？]{{0,10}}?[0-9]+(?:\.[0-9]+)?\s*+(?:時間|分|円)")
"""After a 1: 「1回作るのに2時間半」: one of what the time or price is given for."""
"""After a number: 「1枚10分」, 「1件5万円」: the number is the unit a time or a price is given for."""
MOST_UNCLEAR = 3
_YEAR = re.compile(r"(?:19[5-9]|20[0-4])[0-9]")
_YEAR_BEFORE = re.compile(
    r"(?:in|since|from|founded|est\.?|established|opened|started|built|by|until|of|for|fy|fiscal(?: year)?|our|the|this|next"
    r"|last|平成|令和)\s*+$"
    r"|" + _MONTH + r"\.?\s*+[0-9]{1,2}(?:st|nd|rd|th)?,?\s*+$"
)


def _is_a_year(text: str, match: re.Match[str]) -> bool:
    """1998 in "est. 1998", "Mar 3, 2025" or 「2026年」 is a year; 2000 in "10 with AI. 2000?" may be money."""
    return bool(_YEAR.fullmatch(match[0])) and (
        text[match.end() : match.end() + 1] in ("年", "/", "-")
        or _YEAR_BEFORE.search(text[max(0, match.start() - 16) : match.start()]) is not None
    )


_STOP_WORDS = r"(?:and|or|it|its|the|a|an|to|of|with|we|they|is|are|but|so|in|on|at|for|if|that|this|then)(?![a-z])"
_TIME_WORDS_BEFORE = re.compile(
    r"(?:takes?|took|taking|spend|spent|needs?|lasts?)(?:\s++(?:about|around|roughly|maybe))?\s*+$|(?:かかる|かかって|かけて|かかり|必要)\s*+$"
)


_A_SIZE_BEFORE = re.compile(
    r"(?:席数|座席数?|客席|部屋数|客室数?|病床数?|ベッド数|seats?|seating|rooms|beds|tables|capacity|headcount|従業員数?|社員数"
    r"|支店|店舗|拠点|事業所|営業所|工場|倉庫|年商|売上|資本金|revenue|turnover|budget)"
    r"\s*+(?:は|が|:|of|is)?\s*+(?:約)?\s*+$"
)
"""Before a number: the size of the place or the company (「席数は40」), not a quantity of work."""
_PHONE_NUMBER = re.compile(
    r"(?<![0-9.])(?:0\d{1,3}-\d{2,4}-\d{3,4}|\(\d{3}\)\s*+\d{3}-\d{4}|\d{3}-\d{4}|\d{1,4}-\d{1,4}-\d{1,4})"
    r"(?![0-9.]|\s*+(?:件|本|分|時間|円|minutes?|hours?))"
)
"""「03-1234-5678」, "555-0142", an address's 「1-2-3」: no quantity."""


NOT_A_FIGURE = re.compile(r"[@$¥]?(?:(?<![a-z])(?:nan|inf(?:inity)?)(?![a-z])|[0-9.]+e[+-]?[0-9]+)", re.IGNORECASE)
_NOT_A_COUNT = re.compile(
    r"(?<![0-9.])24\s*+/\s*+7(?![0-9])|24時間365日|24時間営業"
    r"|(?<![0-9.])[0-9]+\s++(?:[a-z]+\s++){0,2}(?:ave|avenue|st|street|rd|road|blvd|boulevard|lane|ln|drive|dr|way|hwy)(?![a-z])"
    r"(?:\s++(?:unit|suite|ste|apt|#)\s*+[0-9]+)?"
)
"""Open 24/7, a street address ("200 Oak Ave unit 4"): no quantity of work."""
"""What Python would read as a number and no person writes as one: nan, inf, 1e400. Read as digits, 1e400
would be 1 and then 400."""


def read_not_figures(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """Set aside what only looks like a number, before anything else reads its digits: it is not used, and
    what reads the question says so."""
    for match in NOT_A_FIGURE.finditer(text):
        taken.append(match.span())
        if len(reading.not_used) < MOST_UNCLEAR:
            reading.not_used.append(match.group(0))
    taken.extend(match.span() for match in _NOT_A_COUNT.finditer(text))
    for match in _LEFTOVER.finditer(text):  # 「内線204」, 「標高800m」, "Suite 210": a label, not a time or a count
        labelled = _LABELLED.search(text[max(0, match.start() - 12) : match.start()]) or _A_WALK.match(
            text, match.end()
        )
        if labelled and not overlaps(*match.span(), taken):
            taken.append(match.span())


def read_leftovers(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """Numbers with no role that could fill one the calculation lacks: the reader asks about them."""
    taken.extend(match.span() for match in _PHONE_NUMBER.finditer(text))
    for match in _LEFTOVER.finditer(text):
        start, end = match.span()
        if (
            overlaps(start, end, taken)
            or _NOT_A_QUANTITY.match(text[end : end + 6])
            or _is_a_year(text, match)
            or _A_SIZE_BEFORE.search(text[max(0, start - 12) : start])
            or _PER_UNIT_PREFIX.match(text[end : end + 12])
            or (
                match[0] == "1"
                and (_ONE_OF_A_UNIT.match(text[end : end + 12]) or _ONE_OF_EACH.match(text[end : end + 24]))
            )
            or _NAMED_NUMBER.search(text[max(0, start - 2) : start])
            or _LABEL_BEFORE.search(text[max(0, start - 12) : start])
            or PERCENT.match(text[start : end + 12])
            or OPEN_EVERY_DAY.match(text, start)  # "open 7 days a week", 「365日」
            or _PEOPLE_EACH_AFTER.match(text, end)  # 「5人がそれぞれ」: people, each doing what is done once a period
            or _counted_for_each(text, end)  # "a daily report for each kid - we have 24 kids": what it is done for
            or (match[0] == "1" and re.match(rf"\s*+(?:{JA_COUNTER})\s*+の", text[end : end + 6]))  # 「1本のレポート」
        ):
            continue
        number = match[0]
        noun = re.match(
            rf"\s*+(?:{JA_COUNTER}|(?:(?!{_STOP_WORDS})[a-z][a-z'\-]*\s*+){{1,2}}|[一-鿿ァ-ヿ]{{1,3}})",
            text[end : end + 24],
        )
        noun_text = noun[0].strip() if noun else ""
        noun_end = end + len(noun[0].rstrip()) if noun else end
        if reading.volume is None and not _TIME_WORDS_BEFORE.search(text[max(0, start - 14) : start]):
            phrase = (
                f"{number}{noun_text}" if re.fullmatch(COUNTER, noun_text or "-") else f"{number} {noun_text}".strip()
            )
            choices = tuple(
                choice(
                    (_a_period(language, period, phrase) for language in LANGUAGES),
                    replaced(text, start, noun_end, _with_period(phrase, period, ja)),
                )
                for period, ja in (("day", "1日"), ("week", "週"), ("month", "月"))
            )
        elif (
            reading.minutes_before is None
            and reading.outsourcing_unit_cost is None
            and reading.outsourcing_monthly_spend is None
        ):
            choices = (
                choice(
                    (say(language, "{number} minutes per item", number=number) for language in LANGUAGES),
                    replaced(text, start, end, f"{number} minutes each"),
                ),
                choice(
                    (say(language, "{number} hours per item", number=number) for language in LANGUAGES),
                    replaced(text, start, end, f"{number} hours each"),
                ),
            )
        elif not noun_text:  # a bare number when everything else is there: a cost, or nothing to do with it
            choices = (
                choice(
                    (say(language, "staff cost an hour") for language in LANGUAGES),
                    replaced(text, start, end, f"staff at {number} yen an hour"),
                ),
                choice(
                    (say(language, "an AI tool's price a month") for language in LANGUAGES),
                    replaced(text, start, end, f"the ai tool at {number} yen a month"),
                ),
                choice(
                    (say(language, "not part of the calculation") for language in LANGUAGES),
                    replaced(text, start, end, ""),
                ),
            )
            reading.unclear.append(Unclear(number, start, end, choices, "stray"))
            taken.append((start, end))
            continue
        else:
            if len(reading.not_used) < MOST_UNCLEAR:
                reading.not_used.append(_as_written(number, noun_text))
            continue
        kind: Literal["period", "time_unit"] = "period" if reading.volume is None and len(choices) == 3 else "time_unit"
        reading.unclear.append(Unclear(_as_written(number, noun_text), start, end, choices, kind))
        taken.append((start, end))
        if len(reading.unclear) >= MOST_UNCLEAR:
            return  # one is asked about at a time; a few are enough to know there is more to ask


_FOR_EACH_NOUN = re.compile(r"(?<![a-z])(?:for each|for every|per|each|every)\s++(?P<noun>[a-z]+)")
_NOUN_AFTER = re.compile(r"\s*+(?:[a-z\-]+\s++)?(?P<noun>[a-z]+)")


def _counted_for_each(text: str, end: int) -> bool:
    """Whether the number ending at `end` counts what the task is done for each of ("24 kids" beside "a daily
    report for each kid", 「園児は45人…1人あたり4分」): the reader counts it with the task, it is no number left over."""
    counter = re.match(r"\s*+([一-鿿ァ-ヿ]{1,2}?)(?:分)?(?=[^一-鿿ァ-ヿ]|$)", text[end : end + 4])
    if counter and re.search(rf"(?<![0-9.])1\s*+{re.escape(counter[1])}(?:分)?\s*+(?:あたり|当たり|につき)", text):
        return True
    after = _NOUN_AFTER.match(text, end)
    return after is not None and any(same_noun(found["noun"], after["noun"]) for found in _FOR_EACH_NOUN.finditer(text))


def _as_written(number: str, noun: str) -> str:
    """ "40 quotes", 「40件」: a number and what it counts, with a space only between English words."""
    return f"{number}{noun}" if re.match(r"[^a-z]", noun) else f"{number} {noun}".strip()


def _a_period(language: str, period: str, phrase: str) -> str:
    """ "40 quotes a week": a number and what it counts, a day, a week or a month."""
    if period == "day":
        return say(language, "{phrase} a day", phrase=phrase)
    if period == "week":
        return say(language, "{phrase} a week", phrase=phrase)
    return say(language, "{phrase} a month", phrase=phrase)


def _with_period(phrase: str, period: str, ja: str) -> str:
    return (
        f"{ja}{phrase}"
        if re.search(COUNTER + "$", phrase)
        or (not re.search(r"[a-z]", phrase) and ja and detect_language(phrase) == "ja")
        else f"{phrase} a {period}"
    )


_ONCE_WORDS = {
    "day": lambda language: say(language, "once a day", context="how often"),
    "week": lambda language: say(language, "once a week", context="how often"),
    "month": lambda language: say(language, "once a month", context="how often"),
}


def ask_how_often(text: str, reading: Reading) -> None:
    """ "Shift schedules take the manager 3 hours; AI could make it 30 min": a time and what it saves, but no count
    of how often: asked (once a day, a week or a month), never guessed."""
    if (
        reading.volume is not None
        or reading.unclear
        or reading.minutes_before is None
        or (reading.minutes_after is None and reading.hourly_cost is None)
        or reading.outsourcing_unit_cost is not None
        or reading.outsourcing_monthly_spend is not None
    ):
        return
    japanese = detect_language(text, "en") == "ja"
    choices = tuple(
        choice(
            (_ONCE_WORDS[period](language) for language in LANGUAGES),
            f"{text}（{JA_PERIOD_WORDS[period]}1回）" if japanese else f"{text} (once a {period})",
        )
        for period in ("day", "week", "month")
    )
    at = reading.before_at or (0, 0)
    written = text[at[0] : at[1]] if reading.before_at else f"{reading.minutes_before:g}"
    reading.unclear.append(Unclear(written, at[0], at[1], choices, "how_often"))
