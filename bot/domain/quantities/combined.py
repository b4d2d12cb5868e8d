"""How a question's figures combine, where they can combine more than one way: two volumes or two tasks at
two rates (add them up, or one of them), people beside a time per occasion (each person's, or the
team's), one volume into several languages (multiplied where the question counts it so). The reader
asks which, unless the question itself settles it."""

from __future__ import annotations

import re

from bot.domain.language import detect_language
from bot.domain.messages import say
from bot.domain.quantities.model import (
    LANGUAGES,
    Reading,
    Unclear,
    add_item,
    beside_the_volume,
    choice,
    overlaps,
    replaced,
    same_noun,
)
from bot.domain.quantities.people import CHOSEN_TOTAL
from bot.domain.quantities.words import (
    COMPILED_FROM_EACH,
    JA_PERIOD_WORDS,
    NUMBER,
    PERIOD_WORDS,
    WORK_HOURS,
    WORK_MINUTES,
)
from bot.domain.savings import UNITS_PER_MONTH, Period


def count_of(match: re.Match[str]) -> tuple[float, str] | None:
    """A volume match's count (the middle of a range) and period; None for hours or minutes of work."""
    groups = match.groupdict()
    if (
        groups.get("u") in ("時間", "分")
        or WORK_HOURS.match(match.string[match.end("a") :])
        or WORK_MINUTES.match(match.string[match.end("a") :])
    ):
        return None
    low, high = float(match["a"]), float(groups.get("b") or match["a"])
    period = PERIOD_WORDS[match["p"]]
    if period == "quarter":
        return (low + high) / 6, "month"
    return (low + high) / 2, period


def several_volumes(
    text: str, reading: Reading, first: re.Match[str], found: list[re.Match[str]], taken: list[tuple[int, int]]
) -> None:
    """Two volumes of work ("teachers' meetings twice a week, year-group meetings once a week"): their sum, or
    one of them, is asked; a second that restates the first ("30 a day, some 650 a month") is not."""
    first_count = count_of(first)
    others = [match for match in found if match.start() >= first.end() and count_of(match) is not None]
    if first_count is None or not others:
        return
    second = others[0]
    second_count = count_of(second)
    assert second_count is not None
    monthly = [count * UNITS_PER_MONTH[period] for count, period in (first_count, second_count)]
    taken.append((second.start("a"), second.end("a")))
    if abs(monthly[0] - monthly[1]) <= 0.1 * max(monthly):
        return  # the same volume said twice
    japanese = detect_language(text) == "ja"
    if first_count[1] == second_count[1]:
        total, period = first_count[0] + second_count[0], first_count[1]
    else:
        total, period = monthly[0] + monthly[1], "month"
    ja_period = JA_PERIOD_WORDS[period]
    total = round(total, 2)
    both = f"{ja_period}{total:g}{first.groupdict().get('u') or '件'}" if japanese else f"{total:g} a {period}"
    spans = [(first.start(), first.end()), (second.start(), second.end())]
    written = [text[start:end].strip() for start, end in spans]
    without_second = replaced(text, *spans[1], "")
    summed = replaced(without_second, *spans[0], f" {both} ")
    reading.unclear.append(
        Unclear(
            say(detect_language(text), ", ", context="quoted figures").join(written),
            first.start(),
            first.end(),
            (
                (
                    f"both: {total:g} a {period} in all",
                    f"合計{both}",
                    summed,
                ),  # not a say(): the Japanese quotes the question as read
                choice((say(language, "only {words}", words=written[0]) for language in LANGUAGES), without_second),
                choice(
                    (say(language, "only {words}", words=written[1]) for language in LANGUAGES),
                    replaced(text, *spans[0], ""),
                ),
            ),
            "which",
        )
    )


def two_tasks(
    text: str,
    reading: Reading,
    first: tuple[tuple[int, int], tuple[float, str]],
    second: tuple[tuple[int, int], tuple[float, str]],
) -> None:
    """Two tasks done at different rates, one time for each: their sum, or one of them, is asked."""
    (first_span, (first_count, first_period)), (second_span, (second_count, second_period)) = first, second
    monthly = first_count * UNITS_PER_MONTH[first_period] + second_count * UNITS_PER_MONTH[second_period]
    total = round(monthly, 2)
    japanese = detect_language(text) == "ja"
    spans = sorted([first_span, second_span])
    written = [text[start:end].strip() for start, end in spans]
    both = f"月{total:g}回" if japanese else f"{total:g} times a month"
    summed = replaced(replaced(text, *spans[1], ""), *spans[0], f" {both} ")
    reading.volume = None
    reading.unclear.append(
        Unclear(
            say(detect_language(text), ", ", context="quoted figures").join(written),
            spans[0][0],
            spans[0][1],
            (
                (
                    f"both: {total:g} a month in all",
                    f"合計{both}",
                    summed,
                ),  # not a say(): the Japanese quotes the question as read
                choice(
                    (say(language, "only {words}", words=written[0]) for language in LANGUAGES),
                    replaced(text, *spans[1], ""),
                ),
                choice(
                    (say(language, "only {words}", words=written[1]) for language in LANGUAGES),
                    replaced(text, *spans[0], ""),
                ),
            ),
            "which",
        )
    )


def read_people_on_the_time(text: str, reading: Reading) -> None:
    """People named beside a time that is not per item (「毎回3人で取り組んでいて1回6時間」): whether the time is
    each person's or the team's is asked."""
    if (
        not reading.people
        or reading.volume_per_person is not None
        or reading.people_at is None
        or reading.before_at is None
        or reading.minutes_before is None
        or any(unclear.kind == "people" for unclear in reading.unclear)
    ):
        return
    start, end = sorted((reading.people_at[0], reading.before_at[1]))
    aside = text.rfind("(", 0, reading.people_at[0]) > text.rfind(")", 0, reading.people_at[0])  # "(11 tutors)"
    if aside or re.search(r"[。.!?！？\n]", text[start:end]) or beside_the_volume(text, reading.people_at[0], reading):
        return
    people, minutes = reading.people, reading.minutes_before
    time_start, time_end = reading.before_at
    people_start, people_end = reading.people_at
    words = text[time_start:time_end].strip()
    japanese = detect_language(text) == "ja"
    each = minutes * people

    def as_read(total: float) -> str:  # the time as the whole team's, and the people's number left out
        with_time = replaced(text, time_start, time_end, f" {total:g}分 " if japanese else f" {total:g} minutes ")
        return replaced(with_time, people_start, people_end, "") if people_start < time_start else with_time

    reading.unclear.append(
        Unclear(
            words,
            time_start,
            time_end,
            (
                choice(
                    (say(language, "{words} for the whole team", words=words) for language in LANGUAGES),
                    as_read(minutes),
                ),
                choice(
                    (
                        say(
                            language,
                            "{words} for each of the {people:g} ({each:g} minutes in all)",
                            words=words,
                            people=people,
                            each=each,
                        )
                        for language in LANGUAGES
                    ),
                    as_read(each),
                ),
            ),
            "people",
        )
    )


_LANGUAGE = (
    r"(?:english|chinese|korean|vietnamese|french|spanish|german|thai|portuguese|indonesian|tagalog|russian|italian"
    r"|英語|中国語|韓国語|ベトナム語|フランス語|スペイン語|ドイツ語|タイ語|ポルトガル語|インドネシア語|繁体字|簡体字)"
)
_INTO_LANGUAGES = re.compile(
    rf"(?<![a-z])(?:into|to)\s++(?P<en>{_LANGUAGE}(?:\s*+(?:,|and|&|/)\s*+(?:and\s++)?{_LANGUAGE})+)"
    rf"|(?P<ja>{_LANGUAGE}(?:\s*+[・、,と/]\s*+{_LANGUAGE})+)\s*+(?:に|へ|の)"
)


_PER_LANGUAGE = re.compile(r"(?<![a-z])per language(?![a-z])|言語ごと|1言語(?:あたり|につき)")


def read_languages(text: str, reading: Reading) -> None:
    """A volume translated into several languages ("15 notices a month into English, Chinese and Vietnamese"):
    15 × 3 when the question counts it so ("so 45 translations in total"), else whether to multiply is asked."""
    if (
        reading.volume is None
        or reading.period is None
        or reading.volume_at is None
        or not re.search(r"translat|翻訳|訳", text)
        or (reading.outsourcing_unit_cost is not None and not _PER_LANGUAGE.search(text))
    ):  # 「1件3,000円で月に20件」: the priced item is what is counted, unless it is priced per language
        return
    found = _INTO_LANGUAGES.search(text)
    if found is None:
        return
    languages = len(set(re.findall(_LANGUAGE, found["en"] or found["ja"])))
    total = reading.volume * languages
    said = next((word for word in reading.not_used if re.match(rf"{total:g}(?![0-9])", word)), None)
    asked = next((unclear for unclear in reading.unclear if re.match(rf"{total:g}(?![0-9])", unclear.text)), None)
    if asked is not None:  # the total, written out, was taken for a number with no role
        reading.unclear.remove(asked)
        reading.not_used.append(asked.text)
        said = asked.text
    if reading.unclear:
        return
    start, end = reading.volume_at
    words = text[start:end].strip()
    if said is None and _PER_LANGUAGE.search(text):
        said = ""  # "¥25,000 per language per issue": the question counts each language
    if said is not None:  # "so 45 translations in total"
        if said:
            reading.not_used.remove(said)
        reading.volume = total
        reading.items = [item for item in reading.items if item.role != "monthly_volume"]
        add_item(
            reading,
            f"{words} × {languages}",
            "monthly_volume",
            total,
            f"translations a {reading.period} ({languages} languages)",
        )
        return
    japanese = detect_language(text) == "ja"
    span = found.span("en") if found["en"] else found.span("ja")
    without_languages = replaced(text, *span, "")
    per = JA_PERIOD_WORDS[reading.period]
    phrase = f"{per}{total:g}件" if japanese else f" {total:g} translations a {reading.period} "
    multiplied = (
        replaced(without_languages, start, end, phrase)
        if span[0] > end
        else replaced(replaced(text, start, end, phrase), *span, "")
    )  # the later one first, so the earlier stays put
    reading.unclear.append(
        Unclear(
            words,
            start,
            end,
            (
                choice(
                    (
                        say(
                            language,
                            "{words} into each of the {languages} languages: {total:g} translations",
                            words=words,
                            languages=languages,
                            total=total,
                        )
                        for language in LANGUAGES
                    ),
                    multiplied,
                ),
                choice((say(language, "{words} in all", words=words) for language in LANGUAGES), without_languages),
            ),
            "which",
        )
    )


_THING_EN = (
    r"(?:client|customer|account|tenant|patient|student|site|store|shop|location|household|home|building|project"
    r"|supplier|vendor|partner|member|owner|landlord|school|kid|pupil|resident|guest|vehicle|truck|van|room)s?"
    r"|propert(?:y|ies)|compan(?:y|ies)|famil(?:y|ies)|child(?:ren)?"
)
"""What a task can be done for each of: clients, shops, properties (singular or plural)."""
_THINGS_JA = r"社|軒|店舗|拠点|物件|世帯|施設|校|名|件"
_EACH_THING = re.compile(
    rf"(?P<n>{NUMBER})\s++(?:[a-z\-]+\s++)?(?P<en>{_THING_EN})(?![a-z])|(?P<m>{NUMBER})\s*+(?P<ja>{_THINGS_JA})"
)
_FOR_EACH = re.compile(
    rf"(?<![a-z])(?:each (?:one|of them|{_THING_EN})|(?:per|every) (?:{_THING_EN})|for each|(?:one|1) [a-z]+ each)(?![a-z])"
    r"(?!\s++(?:takes|is|costs|needs|lasts|requires)(?![a-z]))"
    rf"|ずつ|それぞれ|各社|各店(?!{COMPILED_FROM_EACH})|各物件|1\s*+(?:{_THINGS_JA})\s*+(?:あたり|当たり|につき|ごと)|ごとに"
)
_EACH_ONE_HAS = re.compile(
    rf"(?<![a-z])(?:each|every|per)\s++(?:{_THING_EN})\s++(?:has|gets|needs|receives|books|takes|sends|makes)\s*+$"
)
"""Right before a volume: "each student has", "every client gets": the volume is each one's."""
_TIMES_A_PERIOD = re.compile(
    r"(?<![a-z])(?:(?P<word>once|twice|three times|four times)|(?P<n>[0-9]+) times) (?:a|per|every) (?P<p>day|week|month|year)(?![a-z])"
    r"|(?P<jp>毎日|毎週|毎月|月|週|年)\s*+(?:に)?\s*+(?P<jn>[0-9]+)\s*+回"
)
_TIMES = {"once": 1, "twice": 2, "three times": 3, "four times": 4}


def read_for_each_of(text: str, reading: Reading) -> None:
    """ "60 clients; we invoice each one twice a month", 「顧問先30社の給与計算を毎月1回ずつ」: a task done so many
    times a period for each of so many clients, shops or properties is that many times more."""
    each_of_them = reading.volume_at is not None and (
        re.match(r"\s*+ずつ", text[reading.volume_at[1] :])
        or re.search(r"(?<![a-z])each(?![a-z])", text[reading.volume_at[0] : reading.volume_at[1]])
        or _EACH_ONE_HAS.search(text[max(0, reading.volume_at[0] - 30) : reading.volume_at[0]])
    )  # 「毎月1本ずつ」, "each student has 1 lesson a week": the volume is each one's
    if reading.volume_per_person is not None or (
        reading.volume is not None and reading.volume_words not in ("", "回", "times") and not each_of_them
    ):
        return  # 「毎月1本ずつ」 is for each of them; 「毎月20本」 is all of them
    if CHOSEN_TOTAL.search(text) or any(unclear.kind == "people" for unclear in reading.unclear):
        return  # 「3店舗…それぞれの店長が…週4時間」 read as all of theirs, or asked whose it is
    things, each, times = _EACH_THING.search(text), _FOR_EACH.search(text), _TIMES_A_PERIOD.search(text)
    if things is None or each is None or (times is None and reading.volume is None):
        return
    if each.start() < things.start() and not same_noun(each[0].split()[-1], things["en"] or things["ja"] or ""):
        return  # "for each kid … we have 24 kids" names them both; otherwise "each" said first is of something else
    if each_of_them and reading.volume_at is not None and things.end() > reading.volume_at[0]:
        return  # 「毎日5件ずつ」: the 5 is the volume itself, not what it is done for each of
    if times is None and reading.volume_at is not None and overlaps(*things.span(), [reading.volume_at]):
        return  # 「顧問先が月に60社、1社あたり40分」: the clients counted are the volume, not what it is done for each of
    count = float(things["n"] or things["m"])
    if count < 2:
        return
    if times is not None:
        often = float(_TIMES[times["word"]] if times["word"] else times["n"] or times["jn"])
        written = PERIOD_WORDS[times["p"] or times["jp"]]
        if written == "quarter":  # not matched: a quarter is counted as a third of a month elsewhere
            return
        period: Period = written
    elif reading.volume is not None and reading.period is not None:
        often, period = reading.volume, reading.period
    else:
        return
    what = (things["en"] or things["ja"]).strip()
    reading.volume, reading.period, reading.volume_words = count * often, period, ""
    reading.volume_at = things.span()
    reading.items = [item for item in reading.items if item.role != "monthly_volume"]
    reading.not_used = [words for words in reading.not_used if not text.startswith(words, things.start())]
    add_item(
        reading,
        text[things.start() : things.end()],
        "monthly_volume",
        reading.volume,
        f"times a {period} ({count:g} {what} × {often:g})",
    )
