"""Second looks at the amounts read: two staff rates for one task, a price per character beside a count of
pages, a price per hour of audio beside a count of recordings, a monthly cost "right now" beside times per
item; each is asked about rather than guessed."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.domain.language import detect_language
from bot.domain.messages import say
from bot.domain.quantities.model import LANGUAGES, Reading, ReadItem, Role, Unclear, choice, replaced
from bot.domain.quantities.money import OUTSOURCE, PER_MONTH_AFTER, TOOL
from bot.domain.quantities.words import JA_PERIOD_WORDS, SENTENCE_END


def read_rival_rates(text: str, reading: Reading) -> None:
    """Two different staff costs an hour ("the manager (¥2,500/h) or a part-timer (¥1,100/h)"), two prices paid
    outside per item: which one is asked. Two different amounts paid outside a month (「外注に月20万円…ボットは
    月3万円」): which one is today's."""
    _rival_spends(text, reading)
    _ask_which(
        text,
        reading,
        "outsourcing_unit_cost",
        lambda language, amount: say(language, "{amount} paid outside", amount=amount),
    )
    _ask_which(
        text, reading, "hourly_cost", lambda language, amount: say(language, "staff at {rate} an hour", rate=amount)
    )


def _ask_which(text: str, reading: Reading, role: Role, label: Callable[[str, str], str]) -> None:
    """Several different amounts read in one `role`: which one to count is asked, each choice the question with
    that amount alone."""
    items = [item for item in reading.items if item.role == role]
    spans = _where(text, items)
    if len({str(item.value) for item in items}) < 2 or spans is None:
        return
    choices = [
        choice(
            (label(language, item.text) for language in LANGUAGES),
            _rewritten(text, [(span, "") for span in spans if span != spans[index]]),
        )
        for index, item in enumerate(items)
    ]
    words = say(detect_language(text), " or ", context="quoted figures").join(item.text for item in items)
    reading.unclear.append(Unclear(words, *spans[0], tuple(choices), "which"))


def _rival_spends(text: str, reading: Reading) -> None:
    """Each amount a month read as paid outside today (the others an AI tool's price a month), or all of them
    added up: the choices."""
    spends = [item for item in reading.items if item.role == "outsourcing_monthly_spend"]
    spans = _where(text, spends)
    if len({str(item.value) for item in spends}) < 2 or spans is None:
        return
    japanese = detect_language(text, "en") == "ja"
    choices = [
        choice(
            (say(language, "{amount} paid outside a month today", amount=item.text) for language in LANGUAGES),
            _rewritten(
                text,
                [
                    (span, f"AIツール代{other.text}" if japanese else f"an AI tool at {other.text}")
                    for span, other in zip(spans, spends, strict=True)
                    if other is not item
                ],
            ),
        )
        for item in spends
    ]
    amounts = [item.value for item in spends if isinstance(item.value, float)]
    if len(amounts) == len(spends):  # a range paid outside is not added up
        written = f"{sum(amounts):g}円" if spends[0].unit.startswith("JPY") else f"${sum(amounts):g}"
        everything = _rewritten(text, [(span, written if index == 0 else "") for index, span in enumerate(spans)])
        choices.append(
            choice(
                (say(language, "all paid outside: {amount} a month", amount=written) for language in LANGUAGES),
                everything,
            )
        )
    words = say(detect_language(text), " or ", context="quoted figures").join(item.text for item in spends)
    reading.unclear.append(Unclear(words, *spans[0], tuple(choices), "which"))


def _where(text: str, items: list[ReadItem]) -> list[tuple[int, int]] | None:
    """Where each item is written, in order, as a whole number (「50000円」 is not the end of 「150000円」); None when one
    is not found as written."""
    spans, start = list[tuple[int, int]](), 0
    for item in items:
        found = re.compile(rf"(?<![0-9.]){re.escape(item.text)}").search(text, start)
        if found is None:
            found = re.compile(rf"(?<![0-9.]){re.escape(item.text)}").search(text)
            if found is None or found.span() in spans:
                return None
        spans.append(found.span())
        start = found.end()
    return spans


def _rewritten(text: str, replacements: list[tuple[tuple[int, int], str]]) -> str:
    """`text` with each span put in place of what is written there, from the end so the others stay where they are."""
    for (start, end), replacement in sorted(replacements, reverse=True):
        text = replaced(text, start, end, replacement)
    return text


_PER_CHARACTER_AFTER = re.compile(
    r"^\s*+(?:(?:per|a|an|each)\s++|/\s*+)(?P<u>words?|characters?|chars?)(?![a-z])|^\s*+/\s*+(?P<j>文字|字)"
)
_PER_CHARACTER_BEFORE = re.compile(
    r"1\s*+(?P<j>文字|字)\s*+(?:あたり|当たり|につき)?\s*+(?:で|は|が)?\s*+(?:約|およそ)?\s*+$"
)
_COUNTED_IN_CHARACTERS = re.compile(r"^(?:words?|characters?|chars?|文字|字)$")
WORDS_A_PAGE = {"word": (250, 500), "character": (400, 800)}
"""The readings offered for a page priced by the word or the character: a short and a full page (A4 in
English, about 250 to 500 words; in Japanese, a 400-character manuscript sheet to a full A4 of about 800)."""


def read_price_per_character(text: str, reading: Reading) -> None:
    """A price per word or character for a volume counted in pages or documents ("20 pages a month at $0.10 a
    word"): the two cannot be multiplied, so how long a page is is asked, with a short and a full page as choices."""
    if (
        reading.volume is None
        or reading.period is None
        or reading.volume_at is None
        or not reading.volume_words
        or _COUNTED_IN_CHARACTERS.match(reading.volume_words.strip())
    ):
        return
    for item in reading.items:
        if item.role not in ("outsourcing_unit_cost", "tool_cost_per_unit") or item.text not in text:
            continue
        at = text.find(item.text)
        after = _PER_CHARACTER_AFTER.match(text[at + len(item.text) : at + len(item.text) + 16])
        before = _PER_CHARACTER_BEFORE.search(text[max(0, at - 12) : at])
        if not (after or before):
            continue
        unit = "character" if before or (after and (after["j"] or after["u"].startswith("char"))) else "word"
        start, end = reading.volume_at
        written = text[start:end].strip()
        japanese = detect_language(text) == "ja"
        per = JA_PERIOD_WORDS[reading.period]
        choices = []
        for length in WORDS_A_PAGE[unit]:
            count = reading.volume * length
            phrase = f"{per}{count:.12g}文字" if japanese else f"{count:.12g} {unit}s a {reading.period}"
            choices.append(
                (  # not a say(): the Japanese names what the question counts (its pages), which the English does not
                    f"about {length} {unit}s each: {count:,.0f} {unit}s a {reading.period}",
                    f"1{reading.volume_words.strip()}約{length}{'文字' if unit == 'character' else '語'}：{per}{count:,.0f}"
                    f"{'文字' if unit == 'character' else '語'}",
                    replaced(text, start, end, f" {phrase} "),
                )
            )
        reading.unclear.append(Unclear(written, start, end, tuple(choices), "length"))
        return


def read_todays_cost(text: str, reading: Reading) -> None:
    """An amount a month "it costs us right now" (「いまは月3万円かかってます」) beside times per item and no word of
    a supplier or a tool: what the staff's time costs today, or what is paid outside, is asked. With the staff's
    hourly cost given too, the amount is either paid outside beside the staff's time or the same work counted
    another way: which is asked."""
    if reading.minutes_before is None or reading.volume is None or reading.period is None:
        return
    roles = ["outsourcing_monthly_spend"] + ([] if TOOL.search(text) else ["tool_cost_monthly"])
    item = next((item for item in reading.items if item.role in roles and isinstance(item.value, float)), None)
    if item is None or item.text not in text or not isinstance(item.value, float):
        return
    if OUTSOURCE.search(text) and (reading.hourly_cost is None or OUTSOURCE.search(_sentence_of(text, item.text))):
        return  # a supplier named where the amount is (a bookkeeper paid by the hour elsewhere is staff)
    hours = (reading.monthly_volume or 0.0) * reading.minutes_before / 60
    if hours <= 0:
        return
    start = text.find(item.text)
    period = PER_MONTH_AFTER.match(text[start + len(item.text) :])
    end = start + len(item.text) + (period.end() if period else 0)
    japanese = detect_language(text) == "ja"
    outside = choice(
        (_paid_outside(language, beside_the_staff=bool(reading.hourly_cost)) for language in LANGUAGES),
        replaced(text, start, end, f"外注費は月{item.text}" if japanese else f" we pay an agency {item.text} a month "),
    )
    if reading.hourly_cost is not None:
        in_house = choice(
            (
                say(language, "the staff's time counted another way: leave it out and cost the time at the hourly rate")
                for language in LANGUAGES
            ),
            replaced(text, start, end, ""),
        )
    else:
        rate = f"${item.value / hours:,.2f}" if item.unit.startswith("USD") else f"{round(item.value / hours)}円"
        in_house = choice(
            (
                say(language, "what the staff's time costs today (about {rate} an hour)", rate=rate)
                for language in LANGUAGES
            ),
            replaced(text, start, end, f"時給{rate}" if japanese else f" staff at {rate} an hour "),
        )
    choices = (in_house, outside)
    reading.outsourcing_monthly_spend = reading.tool_cost_monthly = None
    reading.unclear.append(Unclear(text[start:end].strip(), start, end, choices, "money"))


def _sentence_of(text: str, written: str) -> str:
    """The sentence `written` is in."""
    at = text.find(written)
    starts = [found.end() for found in SENTENCE_END.finditer(text, 0, at)]
    end = SENTENCE_END.search(text, at + len(written))
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


def _paid_outside(language: str, beside_the_staff: bool) -> str:
    if beside_the_staff:
        return say(language, "paid to an outside supplier a month, beside the staff's time")
    return say(language, "paid to an outside supplier a month")


AUDIO_LENGTHS = (30, 60, 120)
"""The lengths offered for each recording, in minutes, when a price per hour of audio meets a count of them."""


def _hours_of_audio(reading: Reading) -> None:
    reading.volume_is_hours, reading.volume_is_recorded_hours = False, True
    for index, item in enumerate(reading.items):
        if item.role == "hours_of_work":
            unit = item.unit.replace("hours of work", "hours of recordings")
            reading.items[index] = ReadItem(item.text, "monthly_volume", item.value, unit)


def read_hours_of_audio(text: str, reading: Reading) -> None:
    """A price per hour of audio beside a count of recordings (「音声1時間あたり6,000円、インタビューは月に10本」): how long
    each is, asked, each choice with the hours of audio it makes; an interview is not an hour unless it says so."""
    if not reading.outsourcing_per_audio_hour or reading.volume_is_recorded_hours:
        return
    if reading.volume_is_hours:  # "25 hours of focus groups a month" beside a price per audio hour: hours of audio
        _hours_of_audio(reading)
        return
    monthly, volume = reading.monthly_volume, reading.volume
    if monthly is None or volume is None or reading.period is None or reading.volume_at is None:
        return
    if "volume" in reading.ranges:
        return
    if reading.minutes_before is not None:
        return  # a time per recording was given: it is the staff's, and the calculation reads it so
    start, end = reading.volume_at
    japanese = detect_language(text, "en") == "ja"
    choices = []
    for minutes in AUDIO_LENGTHS:
        hours = round(volume * minutes / 60, 2)
        instead = (
            f"{JA_PERIOD_WORDS[reading.period]}に{hours:g}時間分の音声"
            if japanese
            else f" {hours:g} hours of audio a {reading.period} "
        )
        label = round(monthly * minutes / 60, 1)
        choices.append(
            choice(
                (
                    say(language, "about {minutes} minutes of audio each ({hours:g} hours of audio a month)",
                        minutes=minutes, hours=label)
                    for language in LANGUAGES
                ),
                replaced(text, start, end, instead),
            )
        )  # fmt: skip
    reading.unclear.append(Unclear(text[start:end], start, end, tuple(choices), "audio"))
