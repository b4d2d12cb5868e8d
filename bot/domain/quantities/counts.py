"""Counts: the volume with its period (and whether it is hours of work or of recordings), the people who
each do it, and the numbers left with no role, which are asked about when they could fill one."""

from __future__ import annotations

import re

from bot.domain.language import detect_language
from bot.domain.messages import say
from bot.domain.quantities.combined import count_of, several_volumes
from bot.domain.quantities.model import (
    LANGUAGES,
    Period,
    Reading,
    Unclear,
    add_item,
    choice,
    overlaps,
    replaced,
)
from bot.domain.quantities.words import (
    EN_PERIOD,
    EN_PERIOD_ADVERB,
    JA_COUNTER,
    JA_PERIOD,
    NUMBER,
    PERIOD_WORDS,
    RECORDED_EN,
    RECORDED_JA,
    WORK_HOURS,
    WORK_MINUTES,
)

_RECORDED_AFTER = re.compile(
    rf"^\s*+(?:hours?|hrs?|h|minutes?|mins?)(?:'|’)?\s++(?:worth\s++)?(?:of\s++)?(?:[a-z\-]+\s++){{0,2}}?{RECORDED_EN}(?![a-z])"
    rf"|^\s*+時間\s*+分|^\s*+時間\s*+(?:の|ほどの|くらいの|程度の)?\s*+{RECORDED_JA}"
)
"""After the hours: "20 hours of meetings", "30 hours of doctor dictation", 「20時間の会議」; 「6時間分」 is an amount of
recordings, not of work."""
_RECORDED_BEFORE = re.compile(
    rf"{RECORDED_JA}\s*+(?:が|は|を|で|の録音が|の音声が)?\s*+(?:毎月|月に|月|週に|週|1日|毎日|年間|年)?\s*+(?:約)?\s*+$"
    rf"|(?<![a-z]){RECORDED_EN}(?![a-z])(?!\s*+(?:minutes|notes|summar|reports?|write))[^.;。]{{0,24}}?"
    rf"(?:about|around|roughly|some|~)?\s*+$"
)
"""Before the hours: 「会議が月20時間」, "we record client meetings, about 25 hours a month"."""
_VOLUMES = [
    # "20 proposals a month", "about 30 calls per day", "8 reports each week", "20-30 a month"
    re.compile(
        rf"(?P<a>{NUMBER})(?:\s*+(?:-|~|to)\s*+(?P<b>{NUMBER}))?\s*+(?P<w>(?:[\"“]?[a-z][a-z'&\-]*+[\"”]?\s++){{0,6}}?)"
        rf"(?<!half )(?:a|per|each|every|/|in a|in the|a single)\s*+{EN_PERIOD}"
    ),
    re.compile(
        rf"(?P<a>{NUMBER})(?:\s*+(?:-|~|to)\s*+(?P<b>{NUMBER}))?\s*+(?P<w>(?:[a-z][a-z'\-]*+\s++){{0,4}}?){EN_PERIOD_ADVERB}"
    ),
    # 月20件, 1日あたり30件ほど, 週に8本, 毎月約20件, 年間10本
    re.compile(
        rf"{JA_PERIOD}\s*+(?:(?:に|で|あたり|当たり|は|平均|約|およそ|大体|だいたい|ざっと|の|合計|全部で|トータルで|計)\s*+)*"
        rf"(?P<a>{NUMBER})(?:\s*+~\s*+(?P<b>{NUMBER}))?(?!\s*+(?:日|週|[かヶカヵ]月|月|年))\s*+(?P<u>{JA_COUNTER}|時間|分)?"
    ),
    # 毎日LINEの予約返信を10件, 月に見積書を20件: a few words between the period and a counted number
    re.compile(
        rf"{JA_PERIOD}(?:ごとに|ごと|毎に)?[、,]?(?:(?!四半期)[^\d。、,.!?！？\n週月年日]){{1,24}}?(?P<a>{NUMBER})(?:\s*+~\s*+(?P<b>{NUMBER}))?\s*+(?P<u>{JA_COUNTER}|時間(?=分))"
        r"(?!\s*+(?:あたり|当たり|につき|で|は|が)?\s*+(?:約|およそ)?\s*+[0-9])"
    ),
    # 入居者80名分を毎月, 25人分の運転日報を毎営業日: the count, then the period it is done in
    re.compile(
        rf"(?P<a>{NUMBER})(?:\s*+~\s*+(?P<b>{NUMBER}))?\s*+(?P<u>{JA_COUNTER}|名分|人分)\s*+(?:を|の)?"
        r"[^\d。、,.!?！？\n]{0,12}?(?P<p>毎営業日|毎日|毎週|毎月|毎年)(?!\s*+[0-9])"
    ),
    # 毎月の録音は合計で25時間: hours of recordings a period
    re.compile(
        rf"{JA_PERIOD}\s*+の?\s*+{RECORDED_JA}[^\d。、,.!?！？\n]{{0,12}}?(?P<a>{NUMBER})(?:\s*+~\s*+(?P<b>{NUMBER}))?\s*+(?P<u>時間)"
    ),
    # 30件/日, 20/month
    re.compile(
        rf"(?P<a>{NUMBER})(?:\s*+(?:-|~)\s*+(?P<b>{NUMBER}))?\s*+(?P<u>{JA_COUNTER})?\s*+(?P<w>(?:[a-z][a-z'\-]*+\s*+){{0,3}})/\s*+(?P<p>day|week|wk|month|mo|year|yr|日|週|月|年)(?![a-z])"
    ),
    # "every day we get about 30 calls", "each month, roughly 20 proposals"
    re.compile(
        rf"(?:every|each|per|a)\s++{EN_PERIOD}\s*+,?\s*+(?:[a-z']++,?\s++){{0,6}}?(?:(?:about|around|roughly|maybe|~)\s*+)?"
        rf"(?P<a>{NUMBER})(?:\s*+(?:-|~|to)\s*+(?P<b>{NUMBER}))?\s++(?P<w>[a-z][a-z'\-]*)"
    ),
]
_FOR_A_COUNT = re.compile(
    rf"(?:(?<![a-z])(?:a|per|every)\s++|/\s*+|(?<![a-z])(?=(?:weekly|monthly|quarterly|yearly)\s))"
    rf"(?P<p>weekly|monthly|quarterly|yearly|week|month|quarter|year)(?![a-z])[^.。!?\d]{{0,40}}?(?<![a-z])"
    rf"(?:for|to\s++(?!be\b)[a-z]+(?:\s++(?:in|up|out|through|over))?)\s++"
    rf"(?:about|around|roughly|some|~)?\s*+(?P<a>{NUMBER})(?:\s*+(?:-|~|to)\s*+(?P<b>{NUMBER}))?\s++(?P<w>[a-z][a-z'&\-]*+(?:\s++[a-z][a-z'&\-]*+)?)"
)
"""A count given for what a period's amount buys: "$2,500 a month for about 20 blog posts", "$450 a month to key in
about 300 invoices", "a $3,000 monthly fee for 40 posts"."""
_SCHEDULE = re.compile(r"(?:days?|日|営業日)$")
_MEASURE = re.compile(
    r"(?:bbl|barrels?|kg|kilos?|kilograms?|tons?|tonnes?|lbs?|pounds|liters?|litres?|gallons?|acres?|hectares?|sq ?ft"
    r"|square (?:feet|meters|metres)|m2|km|miles|cases of)(?![a-z])"
)
"""What a volume measures that is not a count of work: "4,000 bbl a year", "20 tons a month"."""
"""「週6日」, "6 days a week": when the work is done, not a volume of it."""


def read_volume(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """The first volume written (a count with its period), and whether it counts hours of work or of recordings."""
    found = [
        match
        for pattern in _VOLUMES
        for match in pattern.finditer(text)
        if not overlaps(match.start("a"), match.end("a"), taken)
        and not overlaps(match.start("p"), match.end("p"), taken)
    ]
    found = [
        match
        for match in found
        if not _SCHEDULE.match((match.groupdict().get("w") or match.groupdict().get("u") or "").strip())
        and not _MEASURE.match((match.groupdict().get("w") or "").strip())
    ]
    if not found:  # "$2,500 a month for about 20 blog posts": the count is the amount's, in its period
        found = [
            match for match in _FOR_A_COUNT.finditer(text) if not overlaps(match.start("a"), match.end("a"), taken)
        ]
    # Today's volume first: "AIなら月に合計10時間…今は月に合計40時間" is read from the 40 (the 10 is with AI).
    for match in sorted(found, key=lambda match: (_said_with_ai(text, match), match.start()))[:1]:
        groups = match.groupdict()
        low, high = sorted((float(match["a"]), float(groups.get("b") or match["a"])))
        unit = groups.get("u") or ""
        words = (groups.get("w") or "").strip()
        period = PERIOD_WORDS[match["p"]]
        number_end = match.end("b") if groups.get("b") else match.end("a")
        following = text[number_end : number_end + 48]
        preceding = text[max(0, match.start() - 40) : match.start()]
        if period == "quarter":  # a quarter is three months
            low, high, period = low / 3, high / 3, "month"
        value = (low + high) / 2
        written = text[match.start() : match.end()]
        in_minutes = WORK_MINUTES.match(following) is not None or unit == "分"
        if in_minutes and _RECORDED_AFTER.match(following) is None and value <= ONE_SITTING_MINUTES and low == high:
            _once_a_period(text, reading, taken, match, value, period)  # "45 min every week": one item a week
            return
        if in_minutes:
            value /= 60  # "600 minutes a month" of work
            unit = "時間"
        in_hours = unit == "時間" or WORK_HOURS.match(following) is not None
        recorded = _RECORDED_AFTER.match(following) is not None or (
            in_hours and (_RECORDED_BEFORE.search(preceding) is not None or re.search(RECORDED_JA, written) is not None)
        )
        if in_hours and not recorded and low == high and _hours_over_a_count(text, reading, taken, match, value, found):
            return
        reading.volume, reading.period = value, period
        if low != high and not (in_hours and not recorded):
            reading.ranges["volume"] = (low, high)
        reading.volume_words = words or unit
        reading.volume_is_recorded_hours = in_hours and recorded
        reading.volume_is_hours = in_hours and not recorded
        what = (
            "hours of recordings"
            if reading.volume_is_recorded_hours
            else "hours of work"
            if reading.volume_is_hours
            else (words or unit or "units")
        )
        shown = value if low == high else (low, high)
        add_item(
            reading,
            written,
            "hours_of_work" if reading.volume_is_hours else "monthly_volume",
            shown,
            f"{what} a {period}" + (f" (the middle of {low:g}–{high:g})" if low != high else ""),
        )
        taken.append((match.start(), match.end()))
        reading.volume_at = (match.start(), match.end())
        if not in_hours:
            several_volumes(text, reading, match, found, taken)
        if not (words or unit) and value >= 1000 and detect_language(text) == "ja":
            _count_of_what(text, reading, match, value)  # 「翻訳が月に1万あります」: characters, or items?
        return


def _hours_over_a_count(
    text: str,
    reading: Reading,
    taken: list[tuple[int, int]],
    hours: re.Match[str],
    value: float,
    found: list[re.Match[str]],
) -> bool:
    """ "2 hrs a day answering e-mails, ~15 e-mails a day": hours of work and a count in the same period are
    the count, each taking its share of the hours."""
    period = PERIOD_WORDS[hours["p"]]
    if period == "quarter":
        return False
    for match in found:
        counted = count_of(match) if match is not hours else None
        if counted is None or counted[1] != period or match.groupdict().get("b") or counted[0] < 2:
            continue
        count = counted[0]
        groups = match.groupdict()
        reading.volume, reading.period = count, period
        reading.volume_words = (groups.get("w") or "").strip() or groups.get("u") or ""
        reading.volume_at = (match.start(), match.end())
        reading.minutes_before = value * 60 / count
        reading.before_at = (hours.start(), hours.end())
        reading.minutes.append(reading.minutes_before)
        add_item(
            reading,
            text[match.start() : match.end()],
            "monthly_volume",
            count,
            f"{reading.volume_words or 'units'} a {period}",
        )
        add_item(
            reading,
            text[hours.start() : hours.end()],
            "minutes_before",
            reading.minutes_before,
            f"minutes each ({value:g} hours a {period} ÷ {count:g})",
        )
        taken.extend([(hours.start(), hours.end()), (match.start(), match.end())])
        _hours_with_ai_over_the_count(text, reading, taken, hours, found, count, period)
        return True
    return False


def _said_with_ai(text: str, match: re.Match[str]) -> bool:
    """Whether a volume is said of the time with AI (「AIなら月に合計10時間で済む」)."""
    head = text[max(0, match.start() - 24) : match.start()]
    return (
        re.search(r"(?:ai|ツール|自動化)(?:なら|で|を使えば|だと)[^。.!?]*$|(?<![a-z])with ai[^.!?]*$", head)
        is not None
    )


def _hours_with_ai_over_the_count(
    text: str,
    reading: Reading,
    taken: list[tuple[int, int]],
    today: re.Match[str],
    found: list[re.Match[str]],
    count: float,
    period: Period,
) -> None:
    """The hours with AI in the same period as today's hours, over the same count: each item's share of them."""
    for match in found:
        if match is today or not _said_with_ai(text, match) or not WORK_HOURS.match(text[match.end("a") :]):
            continue
        if PERIOD_WORDS[match["p"]] != period or match.groupdict().get("b"):
            continue
        hours = float(match["a"])
        reading.minutes_after = hours * 60 / count
        reading.minutes.append(reading.minutes_after)
        add_item(
            reading,
            text[match.start() : match.end()],
            "minutes_after",
            reading.minutes_after,
            f"minutes each ({hours:g} hours a {period} ÷ {count:g})",
        )
        taken.append((match.start(), match.end()))
        return


def _count_of_what(text: str, reading: Reading, match: re.Match[str], value: float) -> None:
    """A large count with no counter (「翻訳が月に1万あります」): characters or items is asked."""
    start, end = match.start("a"), match.end("b") if match.groupdict().get("b") else match.end("a")
    written = text[match.start() : match.end()].strip()
    reading.unclear.append(
        Unclear(
            written,
            start,
            end,
            (
                choice(
                    (say(language, "{value:,.0f} characters", value=value) for language in LANGUAGES),
                    replaced(text, start, end, f"{text[start:end]}文字"),
                ),
                choice(
                    (say(language, "{value:,.0f} items", value=value) for language in LANGUAGES),
                    replaced(text, start, end, f"{text[start:end]}件"),
                ),
            ),
            "stray",
        )
    )


ONE_SITTING_MINUTES = 240
"""Minutes of work a period up to this are one sitting ("45 min every week"); more are hours of work
spread over several items ("600 minutes a month")."""


def _once_a_period(
    text: str, reading: Reading, taken: list[tuple[int, int]], match: re.Match[str], minutes: float, period: Period
) -> None:
    """ "I spend 45 min every week on the newsletter", 「毎日30分かけて作ってます」: once a period, that long each time."""
    written = text[match.start() : match.end()]
    reading.volume, reading.period, reading.volume_words = 1.0, period, ""
    reading.minutes_before, reading.before_at = minutes, (match.start(), match.end())
    reading.minutes.append(minutes)
    add_item(reading, written, "monthly_volume", 1.0, f"times a {period}")
    add_item(reading, written, "minutes_before", minutes, "minutes")
    taken.append((match.start(), match.end()))
    reading.volume_at = (match.start(), match.end())
