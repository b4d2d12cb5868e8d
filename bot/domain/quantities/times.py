"""Times per item: today's and with AI ("5h -> 1h", 「30分がAIで10分に」, "saves 20 minutes", "cuts it in
half", 「3割減」); two bare times with no unit are unclear."""

from __future__ import annotations

import re

from bot.domain.messages import say
from bot.domain.quantities.model import (
    LANGUAGES,
    Reading,
    ReadItem,
    Role,
    Unclear,
    choice,
    overlaps,
    replaced,
)
from bot.domain.quantities.time_questions import (
    A_MEETINGS_LENGTH,
    ALL_OF_THEM_JA,
    EACH_AFTER,
    each_or_all,
    for_them_all,
    for_them_all_ja,
    which_time_today,
)
from bot.domain.quantities.words import (
    ARROW,
    HOUR_WORD,
    MINUTE_WORD,
    NUMBER,
    SECOND_WORD,
    SENTENCE_END,
)

_DURATION = re.compile(
    rf"(?P<a>{NUMBER})(?:\s*+(?:-|~|to|から)\s*+(?P<b>{NUMBER}))?\s*+(?P<u>{HOUR_WORD}|{MINUTE_WORD}|{SECOND_WORD})(?![a-z])"
    rf"(?:\s*+(?P<extra>{NUMBER})\s*+{MINUTE_WORD}(?![a-z]))?"
)
_BARE_BEFORE_ARROW = re.compile(
    rf"(?P<a>{NUMBER})\s*+{ARROW}\s*+(?=(?P<n>{NUMBER})\s*+(?P<u>{HOUR_WORD}|{MINUTE_WORD})(?![a-z]))"
)
"""「300 -> 60min」, "5 -> 1h": a bare time before the arrow is in the unit of the time after it."""
_BARE_ARROW_PAIR = re.compile(
    rf"(?P<a>{NUMBER})\s*+{ARROW}\s*+(?P<b>{NUMBER})(?!\s*+(?:{HOUR_WORD}|{MINUTE_WORD}|[0-9.]))"
)
"""「5 -> 1」: two times with no unit at all, minutes or hours."""
_AFTER_MARKER = re.compile(
    r"(?<![a-z])(?:to|down to|only|just|then)\s*+(?:about|around|roughly|maybe|~)?\s*+$|"
    r"(?:^|[,.;(、。\n\-•]|(?<![a-z])and)\s*+(?:with\s++)?ai\s*+(?::|=)?\s*+(?:about|around|roughly|maybe|~)?\s*+$|"
    r"(?:->|→|=>|⇒|(?<![a-z])(?:with ai|using ai|with it|after(?:wards)?|would take|could take|"
    r"drop(?:s|ped)? to|cut to|reduced? to|shrinks? to|(?:make|makes|made|get|gets|bring|brings)(?: it)?(?: down)?(?: to)?)(?![a-z])"
    r"|aiで|aiなら|aiを使(?:えば|うと|って)|導入後|導入すれば|使えば|使うと|なら|だと"
    r"|(?:書け|作れ|すれ|やれ|任せれ|頼め|使え|入れれ)ば|(?:書く|作る|する|使う)と)"
    r"[^\d。.!?]{0,12}?(?:1\s*+(?:件|本|枚|通|回|部|記事|案件|ページ|人分|名分)\s*+(?:あたり|当たり)?)?"
    r"\s*+(?:about|around|roughly|maybe|just|only|約|およそ|大体|だいたい)?\s*+$"
)
"""Before a time, words that make it the time with AI: "down to 10 minutes", 「AIなら10分」, 「自分で書けば1本1時間」."""
_TODAY_BEFORE = re.compile(
    r"(?:今は|いまは|今|現在は?|現状は?|(?<![a-z])(?:today|currently|right now|at the moment|now))"
    r"[^\d。.!?]{0,10}?(?:1\s*+(?:件|本|枚|通|回|部|記事)\s*+(?:あたり|当たり|につき)?\s*+(?:約)?)?$"
)
"""Right before a time, words that make it today's time whatever the sentence said before:
「AIを使えば20分で済むようになるらしく、今は1件につき1時間半」."""
_AFTER_FOLLOWS = re.compile(
    r"^\s*+(?:に|まで)\s*+(?:なる|なれ|短縮|減|縮|下が|でき|終わ|済)|^\s*+(?:with ai|w/ ?ai|using ai|with the tool|after)(?![a-z])"
)
_WITH_AI_BEFORE = re.compile(
    r"(?<![a-z])(?:with (?:ai|machine translation|mt|the bot|a bot|the tool|an? ai(?: [a-z]+)?|automation)|using (?:ai|the tool)"
    r"|ai (?:would|could|can|might|will)|would still|after (?:ai|switching)|if (?:an? )?ai|if we (?:use|used|had|got) (?:an? )?ai"
    r"|once (?:an? )?ai)(?![a-z])|aiで|aiなら|ai導入後|導入後|aiを使|(?:切り替え|切替え|変え|替え|導入し)たら"
)
"""Earlier in a time's own sentence, words that make it the time with AI: "With machine translation a staff
member would still spend 10 minutes per page"."""


_SAID_WITH_AI = re.compile(r"(?<![a-z])(?:ai|tool|bot|automation)(?![a-z])|ツール|自動|導入")


_EACH_LATER = re.compile(r"[^,.;。、!?]{0,40}?(?<![a-z])(?:each|every one|apiece|per (?:item|one|piece))(?![a-z])")
"""Later in a time's clause: "spends about 45 minutes writing up the minutes each time", "an hour reviewing each"."""


_TODAY_SAID = re.compile(
    r"(?<![a-z])(?:but )?(?:right now|currently|today|at the moment|at present)(?![a-z])|今は|いまは|現状は?|現在は?"
)


def _since_today(sentence: str) -> str:
    """The part of a sentence after its last word for today: "with AI it'd be 10 minutes, but right now each takes
    55 minutes" says the 55 of today."""
    ends = [found.end() for found in _TODAY_SAID.finditer(sentence)]
    return sentence[ends[-1] :] if ends else sentence


def _sentence_before(text: str, position: int) -> str:
    """The part of the sentence that comes before `position`."""
    head = text[max(0, position - 120) : position]
    return SENTENCE_END.split(head)[-1]


_SAVED_FOLLOWS = re.compile(r"^\s*+(?:less|shorter|faster|saved)(?![a-z])|^\s*+(?:の)?(?:短縮|削減|節約|減|浮)")
_SAVED_BEFORE = re.compile(
    r"(?:sav(?:e|es|ing)|cut(?:s|ting)? (?:it )?by|reduce[sd]? (?:it )?by|shave[sd]? off)\s*+(?:about|around)?\s*+$"
)
_CHANGES_BY = re.compile(r"^\s*+(?:くらい|ぐらい|ほど|程度)?\s*+(?:は|も)?\s*+(?:変わ|違)")
"""After a time, 「変わる」 or 「違う」: a difference of that time, or the time it comes to, as one reads it."""


def read_times(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    plain: list[float] = [reading.minutes_before] if reading.minutes_before is not None else []  # once a period
    after: list[float] = []
    saved: list[float] = []
    written_ranges: dict[float, tuple[float, float]] = {}  # a time written as a range, by its middle
    written_at: dict[float, tuple[int, int]] = (
        {reading.minutes_before: reading.before_at} if reading.minutes_before is not None and reading.before_at else {}
    )
    for_all_of_them: set[float] = (
        set()
    )  # times that may be for the whole volume: 「週に10件で30分」, "it takes me 2 hours"
    said_with_ai: set[float] = set()
    meeting_lengths: set[float] = set()  # times said to be with AI (an arrow, "with AI"), not merely "then" or 「だと」
    for match in _BARE_ARROW_PAIR.finditer(text):
        if not overlaps(match.start(), match.end(), taken):
            written = text[match.start() : match.end()].strip()
            reading.unclear.append(
                Unclear(
                    written,
                    match.start(),
                    match.end(),
                    tuple(
                        choice(
                            (_from_to(language, unit, match["a"], match["b"]) for language in LANGUAGES),
                            replaced(text, match.start(), match.end(), f"{match['a']}{short} -> {match['b']}{short}"),
                        )
                        for unit, short in (("minutes", "min"), ("hours", "h"))
                    ),
                    "time_unit",
                )
            )
            taken.append((match.start(), match.end()))
    for match in _BARE_BEFORE_ARROW.finditer(text):
        if not overlaps(match.start("a"), match.end("a"), taken):
            scale: float = 60 if re.fullmatch(HOUR_WORD, match["u"]) else 1
            plain.append(float(match["a"]) * scale)
            reading.minutes.append(plain[-1])
            reading.before_in_hours = scale == 60
            reading.items.append(ReadItem(match["a"], "minutes_before", plain[-1], "minutes"))
            taken.append((match.start("a"), match.end("a")))
    for match in _DURATION.finditer(text):
        if overlaps(match.start(), match.end(), taken):
            continue
        if re.match(r"\s*+(?:あたり|当たり|単価|につき)", text[match.end() : match.end() + 4]):
            taken.append((match.start(), match.end()))  # 「録音1時間につき」: the unit a time or price is given for
            continue
        if (
            match["u"] == "m"
            and not re.search(r"\d\s*+h", text[max(0, match.start() - 6) : match.start() + 1])
            and re.match(r"\s*+(?:yen|円|\$|¥)", text[match.end() : match.end() + 4])
        ):
            continue  # "5m yen" is money
        scale = 60 if re.fullmatch(HOUR_WORD, match["u"]) else 1 / 60 if re.fullmatch(SECOND_WORD, match["u"]) else 1
        low, high = float(match["a"]) * scale, float(match["b"] or match["a"]) * scale
        minutes = (low + high) / 2 + float(match["extra"] or 0)
        preceding, following = text[max(0, match.start() - 28) : match.start()], text[match.end() : match.end() + 16]
        written = text[match.start() : match.end()]
        taken.append((match.start(), match.end()))
        reading.minutes.append(minutes)
        written_at.setdefault(minutes, (match.start(), match.end()))
        if low != high:
            written_ranges[minutes] = (low + float(match["extra"] or 0), high + float(match["extra"] or 0))
        if not plain and not after and not saved:
            reading.before_in_hours = scale == 60
        if match.start() > 0 and re.search(rf"{ARROW}\s*+$", text[max(0, match.start() - 4) : match.start()]):
            after.append(minutes)  # "300 -> 60min": the time after the arrow
            said_with_ai.add(minutes)
            reading.items.append(ReadItem(written.strip(), "minutes_after", minutes, "minutes"))
            continue
        if _CHANGES_BY.match(following) and low == high:  # 「AIで20分変わる」: 20 minutes less, or 20 minutes?
            reading.minutes.remove(minutes)
            duration = written.strip()
            reading.unclear.append(
                Unclear(
                    duration,
                    match.start(),
                    match.end(),
                    (
                        choice(
                            (say(language, "{time} less with AI", time=duration) for language in LANGUAGES),
                            replaced(text, match.start(), match.end(), f"{duration}短縮で"),
                        ),
                        choice(
                            (say(language, "{time} with AI", time=duration) for language in LANGUAGES),
                            replaced(text, match.start(), match.end(), f"{duration}になって"),
                        ),
                    ),
                    "time_unit",
                )
            )
            continue
        if _SAVED_BEFORE.search(preceding) or _SAVED_FOLLOWS.match(following):
            saved.append(minutes)
            kind: Role = "minutes_after"
        elif not _TODAY_BEFORE.search(preceding) and (
            _AFTER_MARKER.search(preceding)
            or _AFTER_FOLLOWS.match(following)
            or _WITH_AI_BEFORE.search(_since_today(_sentence_before(text, match.start())))
        ):
            after.append(minutes)
            if _SAID_WITH_AI.search(_sentence_before(text, match.start()) + SENTENCE_END.split(following)[0]):
                said_with_ai.add(minutes)
            kind = "minutes_after"
        else:
            plain.append(minutes)
            kind = "minutes_before"
            if A_MEETINGS_LENGTH.search(
                preceding
            ):  # 「会議は平均1時間で、議事録作成に2時間」: the meeting, not the work
                meeting_lengths.add(minutes)
            sentence = _sentence_before(text, match.start())
            if (
                ALL_OF_THEM_JA.search(preceding) or for_them_all(sentence) or for_them_all_ja(sentence, following)
            ) and not (EACH_AFTER.match(following) or _EACH_LATER.match(text, match.end())):
                for_all_of_them.add(minutes)
        unit = "minutes" + (f" (the middle of {low:g}–{high:g})" if low != high else "")
        reading.items.append(
            ReadItem(written.strip(), kind, minutes if not saved or saved[-1] != minutes else -minutes, unit)
        )
    said = [minutes for minutes in after if minutes in said_with_ai]
    if said and len(said) < len(after):  # 「自分だと20分…AIで5分」: only the time said with AI is with AI
        plain += [minutes for minutes in after if minutes not in said_with_ai]
        after = said
    several_today = list(dict.fromkeys(minutes for minutes in plain if minutes not in meeting_lengths))
    several_today = several_today if after and len(several_today) >= 2 else []
    if after:
        reading.minutes_after = after[0]
        reading.minutes_before = max(plain) if plain else None
    elif plain and saved:
        reading.minutes_before = plain[0]
        reading.minutes_after = max(plain[0] - saved[0], 0.0)
    elif len(plain) >= 2:
        reading.minutes_before, reading.minutes_after = max(plain), min(plain)
    elif plain:
        reading.minutes_before = plain[0]
    reading.before_at = written_at.get(reading.minutes_before) if reading.minutes_before is not None else None
    for role in ("minutes_before", "minutes_after"):
        value = getattr(reading, role)
        if value in written_ranges and not (role == "minutes_after" and saved):
            reading.ranges[role] = written_ranges[value]
    _relabel_times(reading)
    _hours_of_work_with_ai(reading)
    if reading.minutes_before in for_all_of_them and reading.volume and reading.volume > 1 and not several_today:
        each_or_all(text, reading, reading.minutes_before, written_at)
    elif several_today:  # 「ベテランは1時間、新人は3時間かかります。AIなら30分」
        which_time_today(text, reading, several_today, written_at)
    elif (
        reading.minutes_before is not None
        and reading.minutes_after is not None
        and reading.minutes_after > reading.minutes_before
        and reading.minutes_after not in said_with_ai
    ):
        # a "time with AI" longer than today's is no time with AI: two kinds of item (「普通のもので1件30分、複雑なものだと2時間」)
        which_time_today(text, reading, [reading.minutes_before, reading.minutes_after], written_at)
        reading.minutes_after = None


def _hours_of_work_with_ai(reading: Reading) -> None:
    """ "3 hours each week; with AI 1 hour": a period's hours of work and the time with AI for them are one batch a
    period, its time today the hours."""
    if (
        not reading.volume_is_hours
        or reading.minutes_before is not None
        or reading.minutes_after is None
        or not reading.volume
        or reading.minutes_after >= reading.volume * 60
        or "volume" in reading.ranges
    ):
        return
    hours, period, batches = reading.volume, reading.period, 1.0
    if reading.people and reading.volume_per_person is not None:  # "3 managers each spend 4 hours a week": 3 batches
        hours, batches, reading.volume_per_person = reading.volume_per_person, reading.people, 1.0
    reading.volume, reading.volume_is_hours, reading.volume_words = batches, False, ""
    reading.minutes_before = hours * 60
    reading.minutes.insert(0, reading.minutes_before)
    written = next((item.text for item in reading.items if item.role == "hours_of_work"), "")
    reading.items = [item for item in reading.items if item.role != "hours_of_work"]
    reading.items.append(ReadItem(written, "monthly_volume", batches, f"the work of a {period}, once a {period}"))
    reading.items.append(
        ReadItem(written, "minutes_before", reading.minutes_before, f"minutes ({hours:g} hours a {period})")
    )


def _from_to(language: str, unit: str, before: str, after: str) -> str:
    """ "30 → 10 minutes": two bare times read in one unit."""
    if unit == "minutes":
        return say(language, "{before} → {after} minutes", before=before, after=after)
    return say(language, "{before} → {after} hours", before=before, after=after)


def _relabel_times(reading: Reading) -> None:
    """The read items of times say what the times turned out to be, before or after."""
    relabelled = []
    for item in reading.items:
        if item.role in ("minutes_before", "minutes_after") and isinstance(item.value, float):
            if item.value < 0:  # a saving: "saves 20 minutes"
                item = ReadItem(
                    item.text, "minutes_after", reading.minutes_after or 0.0, f"minutes ({-item.value:g} saved)"
                )
            elif item.value == reading.minutes_before:
                item = ReadItem(item.text, "minutes_before", item.value, item.unit)
            elif item.value == reading.minutes_after:
                item = ReadItem(item.text, "minutes_after", item.value, item.unit)
        relabelled.append(item)
    reading.items = relabelled
