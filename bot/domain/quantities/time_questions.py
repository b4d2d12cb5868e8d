"""Times that read two ways: each item's or all of theirs (「週に10件で30分」, "20 invoices and it takes me 2
hours"), and several times today for different people or kinds of item; which is asked."""

from __future__ import annotations

import re

from bot.domain.language import detect_language
from bot.domain.messages import say
from bot.domain.quantities.model import LANGUAGES, Reading, Unclear, choice, replaced
from bot.domain.quantities.words import COUNTER, NUMBER

_MORE_THAN_ONE_JA = rf"(?<![0-9.])(?!1\s*+(?:{COUNTER}))(?!1(?![0-9.])){NUMBER}\s*+(?:{COUNTER})"
"""A count of more than one with its counter: 「10件」, not 「1件」."""
ALL_OF_THEM_JA = re.compile(
    rf"{_MORE_THAN_ONE_JA}\s*+(?:[)）]\s*+の[^\d。、]{{0,10}}?に|で|に)\s*+(?:約|だいたい|大体|合計)?\s*+$"
)
"""Before a time: 「週に10件で30分」, all of them; 「1件に」 is one of them."""
_ALL_OF_THEM_EN = re.compile(
    r"(?<![a-z])(?P<subject>(?:[a-z']+\s++){0,3}?)(?:all\s++)?"
    r"(?:take|takes|took|eat|eats|ate|need|needs|cost|costs|spend|spends|spent)\s++(?:me|us|them|him|her|my \w+|our \w+)?\s*+"
    r"(?:about|around|roughly|~)?\s*+$"
)
A_MEETINGS_LENGTH = re.compile(
    r"(?:会議|打ち?合わ?せ|ミーティング)(?:は|が|の長さは|\s*+[(（]\s*+(?:1回|毎回)?)?\s*+(?:平均|約|だいたい)?\s*+$"
    r"|(?<![a-z])meetings? (?:are|is|last|lasts|run|runs)\s++(?:about|around|on average)?\s*+$"
)
_ONE_ITEM = re.compile(r"(?<![a-z])(?:each|one|a|an|every|per|single|apiece)(?![a-z])")
"""Words that make a subject one item ("each reply takes", "a report takes"), not all of them."""
EACH_AFTER = re.compile(
    r"^\s*+(?:each|apiece|a piece|per|for each|(?:on|for) (?:each|every|one|a single)|an? (?:item|one|piece))(?![a-z])"
    r"|^\s*+(?:ずつ|/件)"
)


def for_them_all(sentence: str) -> bool:
    """ "it takes me 2 hours", "our 12 meetings eat about 20 hours": a time said of all the items, not of one."""
    found = _ALL_OF_THEM_EN.search(sentence)
    if found is None:
        return False
    head = sentence[: found.start("subject") + len(found["subject"] or "")]
    subject = " ".join(re.split(r"[,;:]|(?<![a-z])(?:and|but|so|which|that)(?![a-z])", head)[-1].split()[-5:])
    return not _ONE_ITEM.search(subject) and not re.search(r"[0-9]", found["subject"] or "")


_TAKES_JA = re.compile(r"^\s*+(?:くらい|ぐらい|ほど|程度|位|以上|近く)?\s*+(?:は|も)?\s*+かか")
_COUNT_JA = re.compile(_MORE_THAN_ONE_JA)
_ONE_ITEM_JA = re.compile(rf"1\s*+(?:{COUNTER})|それぞれ|各|あたり|当たり|につき|ずつ|毎に|ごとに|毎回|毎度|その都度")


def for_them_all_ja(sentence: str, following: str) -> bool:
    """「毎週25通送っていて、2時間くらいかかってます」: a time that takes, written after the volume in its sentence
    with nothing that makes it one item's: all of them, or each, is asked."""
    return bool(_TAKES_JA.match(following) and _COUNT_JA.search(sentence) and not _ONE_ITEM_JA.search(sentence))


def each_or_all(text: str, reading: Reading, minutes: float, written_at: dict[float, tuple[int, int]]) -> None:
    """A time that may be each item's or the whole volume's (「週に10件で30分」, "20 invoices and it takes me 2
    hours"): which is asked, the whole volume's as a time per item."""
    if minutes not in written_at or not reading.volume:
        return
    if minutes / reading.volume < 0.5 and minutes <= 30:
        return  # "each job's report takes 15 minutes", 200 jobs a month: all of them in 15 minutes (under half a minute each) is not a reading
    start, end = written_at[minutes]
    words = text[start:end].strip()
    japanese = detect_language(text) == "ja"
    share = round(minutes / reading.volume, 2)
    per_item = f"{share:g}"
    choices = (
        choice(
            (say(language, "{time} for each one", time=words) for language in LANGUAGES),
            replaced(text, start, end, f"1件{minutes:g}分" if japanese else f" {minutes:g} minutes each "),
        ),
        choice(
            (
                say(
                    language,
                    "{time} for all {volume:g} ({per_item} minutes each)",
                    time=words,
                    volume=reading.volume,
                    per_item=per_item,
                )
                for language in LANGUAGES
            ),
            _all_of_them(text, reading, (start, end), japanese, written_at),
        ),
    )
    reading.minutes_before = None
    reading.unclear.append(Unclear(words, start, end, choices, "time_unit"))


def _all_of_them(
    text: str, reading: Reading, today: tuple[int, int], japanese: bool, written_at: dict[float, tuple[int, int]]
) -> str:
    """The question with today's time for all of them as a time per item, and the time with AI too when it is
    more than that ("it takes me 2 hours, with AI 30 minutes": all 20 in 30 minutes)."""
    assert reading.minutes_before is not None and reading.volume
    rewrites = [(today, reading.minutes_before / reading.volume)]
    after = reading.minutes_after
    if after is not None and after in written_at and after > rewrites[0][1]:
        rewrites.append((written_at[after], after / reading.volume))
    for (start, end), minutes in sorted(rewrites, reverse=True):
        share = f"{round(minutes, 2):g}"
        text = replaced(text, start, end, f"1件{share}分" if japanese else f" {share} minutes each ")
    return text


def which_time_today(text: str, reading: Reading, times: list[float], written_at: dict[float, tuple[int, int]]) -> None:
    """Several times per item today, for different people or kinds of item: which one to count is asked,
    each choice the question with that time alone as today's."""
    if any(minutes not in written_at for minutes in times):
        return
    spans = sorted(written_at[minutes] for minutes in times)
    written = [text[start:end].strip() for start, end in spans]
    japanese = detect_language(text) == "ja"
    without = text
    for start, end in reversed(spans):
        without = replaced(without, start, end, "")
    choices = tuple(
        choice(
            (say(language, "{time} each today", time=words) for language in LANGUAGES),
            f"{'今は1件' if japanese else 'today each takes '}{words}{'。' if japanese else '. '}{without}",
        )
        for words in written
    )
    words = say(detect_language(text), ", ", context="quoted figures").join(written)
    reading.unclear.append(Unclear(words, spans[0][0], spans[0][1], choices, "which"))
