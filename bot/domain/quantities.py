"""The one reader of quantities: every number a person writes, in English or Japanese, and its role.

A question about savings carries its own figures: how many a day, a week or a month, how
many people each doing them, minutes per item before and after AI, what staff cost an hour,
what an outside supplier charges per item or a month, what a tool costs. This module finds
each quantity mention (money with its currency and what it is per, durations, counts with
their nouns or Japanese counters and their period, people, shares), gives each a role from
its unit and the words around it, and says which numbers it could not give a role to, or
could read two ways, so that the advisor asks back instead of building a figure on a guess.

It is the only place that knows number words, counters, period words and currency words:
the chat, `advisor ask`, `/ai-savings` and the profile form all read through it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Period = Literal["day", "week", "month", "year"]
Role = Literal["monthly_volume", "people", "minutes_before", "minutes_after", "hourly_cost", "outsourcing_unit_cost",
               "outsourcing_monthly_spend", "tool_cost_monthly", "tool_cost_per_unit", "hours_of_work"]

# --- writing numbers ------------------------------------------------------------------------

NUMBER = r"(?<![0-9.])[0-9]++(?:\.[0-9]++)?"
"""A number that starts where no digit ends and gives nothing back: linear on long runs of digits."""
GROUPING_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # 3,000 but not 1,2345
_JAPANESE_MULTIPLE = re.compile(r"(?<![\d.])(\d++(?:\.\d++)?)\s*([万千])")
_ENGLISH_MULTIPLE = re.compile(r"(?<![\d.])(\d++(?:\.\d++)?)\s*(million|thousand|k)(?![a-z])", re.IGNORECASE)
_MULTIPLES = {"万": 10_000, "千": 1_000, "million": 1_000_000, "thousand": 1_000, "k": 1_000}
_HALF_HOUR = re.compile(r"(?<![0-9])(\d++)\s*+時間半")
_EN_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "a hundred": 100, "a dozen": 12, "a couple of": 2,
}  # fmt: skip
_EN_NUMBER_WORD = re.compile(rf"(?<![a-z])({'|'.join(sorted(_EN_NUMBER_WORDS, key=len, reverse=True))})(?![a-z])")
_ONE = re.compile(r"(?<![a-z])one(?=\s+(?:hour|minute|day|week|month|year|person|staff|employee)s?(?![a-z]))")
_SPOKEN_TIMES = [
    (re.compile(r"(?<![a-z])(?:an hour and a half|one and a half hours|1\.5 hours)(?![a-z])"), "90 minutes"),
    (re.compile(r"(?<![a-z])(?:half an hour|a half hour|half-hour)(?![a-z])"), "30 minutes"),
    (re.compile(r"(?<![a-z])(?:a quarter of an hour|quarter of an hour|a quarter hour)(?![a-z])"), "15 minutes"),
    (re.compile(r"(?<![a-z])(takes?|took|taking|about|around|roughly|nearly|almost|over|under|maybe|just|in|to|only) an hour(?![a-z])"),
     r"\1 1 hour"),
    (re.compile(r"(?<![a-z])half a (?:working )?day(?![a-z])|半日"), "240 minutes"),
]
"""Times people say in words. Half a working day is four hours (a working day is eight)."""
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_NUMBER = re.compile(r"(?<![一二三四五六七八九十百])([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
                           r"(?=人|名|件|本|回|枚|通|個|時間|週|か月|ヶ月|カ月)")


def _kanji_number(match: re.Match[str]) -> str:
    """三 → 3, 十五 → 15, 二十 → 20 (before a counter only: 十分 is "enough", not ten minutes)."""
    numeral = match[1]
    if "十" not in numeral:
        return str(_KANJI_DIGITS[numeral])
    tens, _, ones = numeral.partition("十")
    return str(_KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(ones, 0))


def _multiplied_out(match: re.Match[str]) -> str:
    """"100万" → "1000000", exactly (a float's `:g` would write 1e+06)."""
    return format((Decimal(match[1]) * _MULTIPLES[match[2].lower()]).normalize(), "f")


def normalise(text: str) -> str:
    """Lower case, full-width to ASCII, thousands separators dropped, numbers written in words
    (three, 三人) as digits, 万/千 and million/thousand/k multiplied out, times said in words
    ("half an hour", 「1時間半」, 「半日」) in minutes, ranges with "~"."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = GROUPING_COMMA.sub("", text)
    text = _KANJI_NUMBER.sub(_kanji_number, text)
    text = _EN_NUMBER_WORD.sub(lambda match: str(_EN_NUMBER_WORDS[match[1]]), text)
    text = _ONE.sub("1", text)
    text = _JAPANESE_MULTIPLE.sub(_multiplied_out, text)
    text = _ENGLISH_MULTIPLE.sub(_multiplied_out, text)
    text = _HALF_HOUR.sub(lambda match: f"{int(match[1]) * 60 + 30}分", text)
    for pattern, replacement in _SPOKEN_TIMES:
        text = pattern.sub(replacement, text)
    return text.replace("〜", "~").replace("～", "~")


# --- the words around numbers ----------------------------------------------------------------

PERIOD_WORDS: dict[str, Period] = {
    "day": "day", "daily": "day", "日": "day", "毎日": "day", "1日": "day", "一日": "day", "日に": "day",
    "week": "week", "weekly": "week", "週": "week", "毎週": "week", "1週間": "week", "週間": "week",
    "month": "month", "monthly": "month", "月": "month", "毎月": "month", "月間": "month", "ひと月": "month",
    "1か月": "month", "1ヶ月": "month", "1カ月": "month", "1ヵ月": "month", "月々": "month",
    "year": "year", "yearly": "year", "annually": "year", "年": "year", "年間": "year", "毎年": "year",
}  # fmt: skip
"""Every word for a period, English and Japanese; a "day" is a working day."""
_EN_PERIOD = r"(?P<p>day|week|month|year)s?(?![a-z])"
_EN_PERIOD_ADVERB = r"(?P<p>daily|weekly|monthly|yearly|annually)(?![a-z])"
_JA_PERIOD = r"(?P<p>毎日|(?<![0-9])1日|一日|(?<![0-9])日に|毎週|1週間|週|毎月|月間|ひと月|1[かヶカヵ]月|月々|月|年間|毎年|年)"
_JA_COUNTER = r"件|本|回|枚|通|個|部|記事|文字|字|点|ページ|案件|コール|本分|回分"
COUNTER = rf"(?:{_JA_COUNTER})"
"""Japanese counters of units of work."""
_PEOPLE_EN = r"(?:people|persons?|staff(?:ers)?|employees?|members?|reps?|agents?|workers?|colleagues|of us|salespeople|writers|operators|clerks?)"
_PEOPLE_JA = r"(?:人|名)"
_EACH = re.compile(r"(?<![a-z])(?:each|apiece|per (?:person|head|staff|rep|employee|member)|every one of)(?![a-z])"
                   r"|それぞれ|各自|各々|一人(?:あたり|当たり|につき|で)|1人(?:あたり|当たり|につき|で)|ひとり(?:あたり|当たり|につき)|一人一人|1人1人")
_YEN = r"(?:円|yen|jpy)"
_DOLLAR = r"(?:usd|dollars?|ドル|bucks)"
HOUR_WORD = r"(?:hours?|hrs?|h|時間)"
MINUTE_WORD = r"(?:minutes?|mins?|m|分)"
_HOUR, _MINUTE = HOUR_WORD, MINUTE_WORD

_MONEY = re.compile(
    rf"(?P<pre>[¥$])\s*(?P<a>{NUMBER})(?:\s*(?:-|~|to|から)\s*[¥$]?\s*(?P<b>{NUMBER}))?"
    rf"|(?P<a2>{NUMBER})(?:\s*{_YEN}|\s*{_DOLLAR})?(?:\s*(?:-|~|to|から)\s*(?P<b2>{NUMBER}))?\s*(?P<post>{_YEN}|{_DOLLAR})"
)
_CUED_MONEY = re.compile(
    rf"(?P<cue>@|時給|hourly(?:\s+(?:cost|rate|wage))?|(?<![a-z])(?:ai\s+)?tools?(?:\s+costs?)?|ツール(?:代|費)?|(?<![a-z])outsourc(?:ed|ing|e)(?:\s+(?:at|for))?"
    rf"|外注(?:費)?|委託(?:費)?)\s*(?:は|が|:|at|@|for)?\s*(?P<a>{NUMBER})(?:\s*(?:-|~|to|から)\s*(?P<b>{NUMBER}))?"
    rf"(?!\s*(?:{_YEN}|{_DOLLAR}|{_HOUR}|{_MINUTE}|%|[0-9.]|{COUNTER}|人|名))"
)
"""An amount with no currency after a word that says what it is: "@3000", "時給3000", "tool 3000",
"outsourced 30000-50000" (how `/ai-savings` is written); the currency is the default one."""
_DURATION = re.compile(
    rf"(?P<a>{NUMBER})(?:\s*(?:-|~|to|から)\s*(?P<b>{NUMBER}))?\s*(?P<u>hours?|hrs?|h|時間|minutes?|mins?|m|分)(?![a-z])"
    rf"(?:\s*(?P<extra>{NUMBER})\s*(?:minutes?|mins?|m|分)(?![a-z]))?"
)
_ARROW = r"(?:->|→|=>|⇒)"
_BARE_BEFORE_ARROW = re.compile(
    rf"(?P<a>{NUMBER})\s*+{_ARROW}\s*+(?=(?P<n>{NUMBER})\s*(?P<u>hours?|hrs?|h|時間|minutes?|mins?|m|分)(?![a-z]))")
"""「300 -> 60min」, "5 -> 1h": a bare time before the arrow is in the unit of the time after it."""
_BARE_ARROW_PAIR = re.compile(
    rf"(?P<a>{NUMBER})\s*+{_ARROW}\s*+(?P<b>{NUMBER})(?!\s*(?:hours?|hrs?|h|時間|minutes?|mins?|m|分|[0-9.]))")
"""「5 -> 1」: two times with no unit at all, minutes or hours."""
_PERCENT = re.compile(rf"(?P<n>{NUMBER})\s*(?:%|percent|パーセント|割)")
_COUNT = re.compile(rf"(?P<a>{NUMBER})(?:\s*(?:-|~|to|から)\s*(?P<b>{NUMBER}))?")

_PER_HOUR_AFTER = re.compile(rf"^\s*(?:an|a|per|/|each|every)\s*{_HOUR}(?![a-z])|^\s*hourly(?![a-z])")
_PER_HOUR_BEFORE = re.compile(
    r"(?:時給|時間単価|時間給|人件費|1時間(?:あたり|当たり|につき)|@|hourly(?: cost| rate| wage)?|staff cost|"
    r"labou?r cost|wages?|(?<![a-z])rate|paid|(?:cost|rate|wage|price|pay)s? (?:per|an|a|by the) hour|per hour)"
    r"\s*(?:は|が|で|of|is|at|:|about|around|roughly|約)?\s*$"
)
_AUDIO_HOUR = re.compile(
    r"^\s*(?:an|a|per|/|for (?:an|each|every))\s*(?:audio )?(?:hours?|hrs?|h)\s+(?:of\s+)?(?:audio|recordings?|recorded|tape|footage)"
    r"|^\s*(?:an|a|per|/|for each|for every)\s*(?:audio|recording|recorded)\s*(?:hours?|hrs?|h)(?![a-z])"
)
_AUDIO_HOUR_BEFORE = re.compile(r"(?:音声|録音|動画|テープ)\s*1\s*時間\s*(?:あたり|当たり|につき|で)?\s*$")
_PER_MONTH_AFTER = re.compile(r"^\s*(?:a|per|/|every|each)\s*(?:month|mo)(?![a-z])|^\s*monthly|^\s*/\s*月|^\s*per mo\b")
_PER_MONTH_BEFORE = re.compile(r"(?:月額|月に|毎月|月々|月間|ひと月|1[かヶカヵ]月|月)\s*(?:で|に|は|約|およそ)?\s*$")
_PER_YEAR_AFTER = re.compile(r"^\s*(?:a|per|/|every)\s*year(?![a-z])|^\s*(?:yearly|annually)|^\s*/\s*年")
_PER_YEAR_BEFORE = re.compile(r"(?:年額|年間|毎年|年)\s*(?:で|に|は|約)?\s*$")
_PER_UNIT_AFTER = re.compile(
    r"^\s*(?:per|a|an|each|/)\s*(?!(?:hours?|hrs?|h|months?|mo|years?|weeks?|days?|users?|seats?|persons?|people|head)(?![a-z]))[a-z]"
    r"|^\s*(?:each|apiece)(?![a-z])"
)
_PER_UNIT_BEFORE = re.compile(rf"(?:1\s*(?:{_JA_COUNTER})|単価)\s*(?:あたり|当たり|につき|で|は|が)?\s*(?:約|およそ)?\s*$")
_SALARY = re.compile(r"月給|給料|給与|salary|salaries")
_OUTSOURCE = re.compile(r"outsourc|agenc(?:y|ies)|freelanc|contractor|vendor|外注|委託|代行|業者|依頼|外部")
_PAID_SOMEONE = re.compile(
    r"(?<![a-z])(?:pay|pays|paid|paying|charges?|charged|costs? us|translators?|writers?|designers?|contractors?|suppliers?"
    r"|vendors?|compan(?:y|ies)|firms?|studio|service)(?![a-z])|支払|払って|払い|払う|翻訳者|ライター|デザイナー|会社|業者|事務所"
)
_TOOL = re.compile(r"(?<![a-z])(?:tools?|apps?|subscriptions?|plans?|licen[cs]es?|software|seats?|chatgpt|copilot|gemini|otter|notta|deepl|canva)(?![a-z])"
                   r"|ツール|サブスク|ライセンス|プラン|アプリ|ソフト|利用料|月額")
_AFTER_MARKER = re.compile(
    r"(?:->|→|=>|⇒|(?<![a-z])(?:to|down to|only|just|with ai|using ai|with it|after(?:wards)?|then|would take|could take|"
    r"drop(?:s|ped)? to|cut to|reduced? to|shrinks? to)(?![a-z])|aiで|aiなら|aiを使(?:えば|うと|って)|導入後|導入すれば|使えば|使うと|なら)"
    r"\s*(?:about|around|roughly|maybe|just|only|約|およそ|大体|だいたい)?\s*$"
)
_AFTER_FOLLOWS = re.compile(r"^\s*(?:に|まで)\s*(?:なる|なれ|短縮|減|縮|下が|でき|終わ|済)|^\s*(?:with ai|using ai|with the tool|after)(?![a-z])")
_SAVED_FOLLOWS = re.compile(r"^\s*(?:less|shorter|faster|saved)(?![a-z])|^\s*(?:の)?(?:短縮|削減|節約|減|浮)")
_SAVED_BEFORE = re.compile(r"(?:sav(?:e|es|ing)|cut(?:s|ting)? (?:it )?by|reduce[sd]? (?:it )?by|shave[sd]? off)\s*(?:about|around)?\s*$")
_HALF = re.compile(r"(?<![a-z])(?:in half|by half|halve[sd]?)(?![a-z])|半分|半減")
_RECORDED_EN = (r"(?:recorded\s+|recording\s+)?(?:meetings?|audio|recordings?|calls?|videos?|interviews?|podcasts?|footage|"
                r"lectures?|webinars?|speeches|dictation|tapes?)")
_RECORDED_JA = r"(?:会議|録音|音声|インタビュー|打ち合わせ|打合せ|ミーティング|動画|通話|講演|ウェビナー|商談)"
_RECORDED_AFTER = re.compile(rf"^\s*(?:hours?|hrs?|h)\s+(?:of\s+)?{_RECORDED_EN}(?![a-z])|^\s*時間\s*(?:分\s*)?(?:の|ほどの|くらいの|程度の)?\s*{_RECORDED_JA}")
_RECORDED_BEFORE = re.compile(rf"{_RECORDED_JA}\s*(?:が|は|を|で|の録音が|の音声が)?\s*(?:毎月|月に|月|週に|週|1日|毎日|年間|年)?\s*(?:約)?\s*$")
_NOT_A_QUANTITY = re.compile(
    r"^(?:-[a-z]|\s*(?:月\s*\d|日(?!に|で|あたり|当たり)|時(?!間)|st|nd|rd|th|歳|代|階|号|位|番|社|期|年度|年生|年目|年前|年後|か国|カ国|ヶ国|g\b|gb|mb|kb|[a-z]\d|\.\d))"
)
"""After a number: a date (3月, 11日), an age, an ordinal, a size, a version: not a quantity of work."""
_NAMED_NUMBER = re.compile(r"[a-z]-?$")
"""Before a number: part of a name (gpt-4, qwen3, windows 11)."""


# --- what was read --------------------------------------------------------------------------


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
    kind: Literal["period", "time_unit", "money"] = "money"


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
    currency: str | None = None
    currencies: list[str] = field(default_factory=list)  # the currency of every amount that names one
    not_used: list[str] = field(default_factory=list)  # numbers with no role, which nothing the calculation lacks could be
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the read quantities are in the text
    before_in_hours: bool = False  # today's time was written in hours: a bare time with AI is in hours too

    @property
    def has_way_to_save(self) -> bool:
        """Whether there is anything to compare: times per item, a price paid outside, or hours of work."""
        return bool(self.minutes) or self.outsourcing_unit_cost is not None or \
            self.outsourcing_monthly_spend is not None or self.volume_is_hours


@dataclass(frozen=True)
class _Money:
    low: float
    high: float
    currency: str | None  # None: no ¥, $, 円 or dollars written
    start: int
    end: int
    cue: str = ""  # the word before an amount written without a currency: "@", "時給", "tool", "outsourced"

    @property
    def value(self) -> float | tuple[float, float]:
        return self.low if self.low == self.high else (self.low, self.high)


def find_money(text: str) -> list[_Money]:
    """Amounts of money in normalised text: ¥3000, $40, 3000円, 30000-50000円, $1,200 to $1,500, and
    amounts after a word that says what they are (`_CUED_MONEY`)."""
    found = []
    for match in _MONEY.finditer(text):
        a, b = match["a"] or match["a2"], match["b"] or match["b2"]
        marker = match["pre"] or match["post"] or ""
        currency = "USD" if marker == "$" or re.fullmatch(_DOLLAR, marker) else "JPY"
        low, high = float(a), float(b) if b else float(a)
        found.append(_Money(min(low, high), max(low, high), currency, match.start(), match.end()))
    for match in _CUED_MONEY.finditer(text):
        if not _overlaps(match.start("a"), match.end(), [(money.start, money.end) for money in found]):
            low, high = float(match["a"]), float(match["b"] or match["a"])
            found.append(_Money(min(low, high), max(low, high), None, match.start("a"), match.end(), match["cue"]))
    return sorted(found, key=lambda money: money.start)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < taken_end and taken_start < end for taken_start, taken_end in spans)


def _period_after(text: str, position: int) -> re.Match[str] | None:
    """"… a month", "… per week", "… daily", "…/day", "…/月" right after a count."""
    return re.match(
        rf"\s*(?:(?:a|per|each|every|/|in a|in the|a single)\s*{_EN_PERIOD}|{_EN_PERIOD_ADVERB}|/\s*(?P<pj>日|週|月|年))",
        text[position:position + 24],
    )


def read_quantities(text: str) -> Reading:
    """Every quantity in normalised `text` (see `normalise`), with its role.

    Money is read first (its own hours and counts belong to the price: "¥8,000 per hour of
    audio", 「1件5万円」), then the volume and the people doing it, then times per item,
    then shares ("half", "70% less"); any number left without a role is `unclear`.
    """
    reading, taken = Reading(), []
    _read_money(text, reading, taken)
    _read_volume(text, reading, taken)
    _read_people(text, reading, taken)
    _read_times(text, reading, taken)
    _read_shares(text, reading)
    _read_bare_time_after(text, reading, taken)
    _read_leftovers(text, reading, taken)
    _monthly_volume_item(reading)
    reading.spans = sorted(taken)
    return reading


_UNITS_PER_MONTH: dict[str, float] = {"day": 52 * 5 / 12, "week": 52 / 12, "month": 1.0, "year": 1 / 12}


def _monthly_volume_item(reading: Reading) -> None:
    """The volume's read item carries the volume a month, whatever period it was written in."""
    if reading.volume is None or reading.period is None:
        return
    monthly = reading.volume * _UNITS_PER_MONTH[reading.period]
    for index, item in enumerate(reading.items):
        if item.role in ("monthly_volume", "hours_of_work"):
            what = item.unit.split(" a ")[0]
            reading.items[index] = ReadItem(item.text, item.role, round(monthly, 4), f"{what} a month")


def _add(reading: Reading, text: str, role: Role, value: float | tuple[float, float], unit: str) -> None:
    reading.items.append(ReadItem(text.strip(), role, value, unit))


def _money_unit(currency: str, per: str) -> str:
    return f"{currency}/{per}" if per else currency


def _read_money(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    paid_someone = _PAID_SOMEONE.search(text) is not None
    outsourced = _OUTSOURCE.search(text) is not None
    recorded = re.search(rf"{_RECORDED_EN}|{_RECORDED_JA}|transcri|文字起こし|書き起こし|テープ起こし", text) is not None
    for money in find_money(text):
        before, after = text[max(0, money.start - 24):money.start], text[money.end:money.end + 40]
        window = text[max(0, money.start - 50):money.end + 40]
        written = text[money.start:money.end]
        reading.currency = reading.currency or money.currency
        if money.currency:
            reading.currencies.append(money.currency)
        cue = money.cue or _cue_before(before)
        if cue:
            _read_cued_money(money, written, reading, cue)
            taken.append((money.start, money.end))
            continue
        per_hour = _PER_HOUR_AFTER.match(after) or _PER_HOUR_BEFORE.search(before)
        per_month = _PER_MONTH_AFTER.match(after) or _PER_MONTH_BEFORE.search(before)
        per_year = _PER_YEAR_AFTER.match(after) or _PER_YEAR_BEFORE.search(before)
        per_unit = _PER_UNIT_AFTER.match(after) or _PER_UNIT_BEFORE.search(before)
        someone_paid_here = _OUTSOURCE.search(window) is not None or (paid_someone and not _TOOL.search(window))
        if _AUDIO_HOUR.match(after) or _AUDIO_HOUR_BEFORE.search(before) or (
                per_hour and recorded and (outsourced or paid_someone) and not re.search(r"時給|staff|wage|社員|スタッフ", before)):
            reading.outsourcing_unit_cost, reading.outsourcing_per_audio_hour = money.value, True
            _add(reading, written, "outsourcing_unit_cost", money.value, _money_unit(money.currency, "hour of audio"))
        elif per_month and _SALARY.search(window):
            hourly = money.low / (8 * 52 * 5 / 12)
            reading.hourly_cost = round(hourly)
            _add(reading, written, "hourly_cost", reading.hourly_cost, _money_unit(money.currency, "hour (a month's pay ÷ 173 working hours)"))
        elif per_hour:
            reading.hourly_cost = money.low
            _add(reading, written, "hourly_cost", money.low, _money_unit(money.currency, "hour"))
        elif per_month or per_year:
            value = money.value if per_month else (money.low / 12 if money.low == money.high else (money.low / 12, money.high / 12))
            per = "month" if per_month else "year, ÷ 12"
            if someone_paid_here and not _TOOL.search(window):
                reading.outsourcing_monthly_spend = value
                _add(reading, written, "outsourcing_monthly_spend", value, _money_unit(money.currency, per))
            else:
                reading.tool_cost_monthly = value if isinstance(value, float) else value[0]
                _add(reading, written, "tool_cost_monthly", reading.tool_cost_monthly, _money_unit(money.currency, per))
        elif per_unit and (outsourced or paid_someone):
            reading.outsourcing_unit_cost = money.value
            _add(reading, written, "outsourcing_unit_cost", money.value, _money_unit(money.currency, "item"))
        elif per_unit and _TOOL.search(window):
            reading.tool_cost_per_unit = money.low
            _add(reading, written, "tool_cost_per_unit", money.low, _money_unit(money.currency, "item"))
        else:
            reading.unclear.append(_unclear_money(written, money, per_unit is not None))
        taken.append((money.start, money.end))
        unit_of_price = re.search(rf"1\s*(?:{_JA_COUNTER})\s*(?:あたり|当たり|につき|で|は|が)?\s*(?:約|およそ)?\s*$", before)
        if unit_of_price:  # 「1件100万円」: the 1 is the price's unit, not a volume
            taken.append((money.start - len(before) + unit_of_price.start(), money.start))
        hour_of_price = re.search(rf"{NUMBER}\s*時間\s*(?:あたり|当たり|につき)?\s*$", before)
        if hour_of_price:  # 「1時間あたり3000円」: the hour belongs to the price, not to the task
            taken.append((money.start - len(before) + hour_of_price.start(), money.start))


_CUE_BEFORE = re.compile(
    r"(?:@|時給|hourly(?:\s+(?:cost|rate|wage))?|(?<![a-z])(?:ai\s+)?tools?|ツール(?:代|費)?|(?<![a-z])outsourc(?:ed|ing|e)(?:\s+(?:at|for))?"
    r"|外注(?:費)?|委託(?:費)?)\s*(?:は|が|:|at|@|for)?\s*$"
)


def _cue_before(before: str) -> str:
    """The word right before an amount that says what it is ("@", "時給", "tool", "outsourced"), if any."""
    found = _CUE_BEFORE.search(before)
    return found[0].strip() if found else ""


def _read_cued_money(money: _Money, written: str, reading: Reading, cue: str) -> None:
    """"@3000" and "時給3000" are staff cost an hour, "tool 3000" the AI tool a month, "outsourced 30000" a price per item."""
    unit = money.currency or "default currency"
    if re.match(r"@|時給|hourly", cue):
        reading.hourly_cost = money.low
        _add(reading, written, "hourly_cost", money.low, f"{unit}/hour")
    elif re.match(r"outsourc|外注|委託", cue):
        reading.outsourcing_unit_cost = money.value
        _add(reading, written, "outsourcing_unit_cost", money.value, f"{unit}/item")
    else:
        reading.tool_cost_monthly = money.low
        _add(reading, written, "tool_cost_monthly", money.low, f"{unit}/month")


def _unclear_money(written: str, money: _Money, per_item: bool) -> Unclear:
    amount = written.strip()
    choices = [("paid to an outside supplier per item", "外注先に払う1件あたりの価格", f"outsourced at {amount} each")]
    if not per_item:
        choices = [("staff cost an hour", "1時間あたりの人件費", f"staff at {amount} an hour"), *choices,
                   ("paid to an outside supplier a month", "外注先に払う月額", f"we pay a supplier {amount} a month"),
                   ("an AI tool's price a month", "AIツールの月額", f"the ai tool costs {amount} a month")]
    else:
        choices.append(("an AI tool's price per item", "AIツールの1件あたりの料金", f"the ai tool costs {amount} per item"))
    return Unclear(amount, money.start, money.end, tuple(choices))


_VOLUMES = [
    # "20 proposals a month", "about 30 calls per day", "8 reports each week", "20-30 a month"
    re.compile(rf"(?P<a>{NUMBER})(?:\s*(?:-|~|to)\s*(?P<b>{NUMBER}))?\s*+(?P<w>(?:[a-z][a-z'\-]*+\s++){{0,4}}?)"
               rf"(?<!half )(?:a|per|each|every|/|in a|in the|a single)\s*{_EN_PERIOD}"),
    re.compile(rf"(?P<a>{NUMBER})(?:\s*(?:-|~|to)\s*(?P<b>{NUMBER}))?\s*+(?P<w>(?:[a-z][a-z'\-]*+\s++){{0,4}}?){_EN_PERIOD_ADVERB}"),
    # 月20件, 1日あたり30件ほど, 週に8本, 毎月約20件, 年間10本
    re.compile(rf"{_JA_PERIOD}\s*(?:に|で|あたり|当たり|は|平均|約|およそ|大体|だいたい|ざっと|の)*\s*"
               rf"(?P<a>{NUMBER})(?:\s*~\s*(?P<b>{NUMBER}))?\s*(?P<u>{_JA_COUNTER}|時間|分)?"),
    # 30件/日, 20/month
    re.compile(rf"(?P<a>{NUMBER})\s*(?P<u>{_JA_COUNTER})?\s*+(?P<w>(?:[a-z][a-z'\-]*+\s*+){{0,3}})/\s*(?P<p>day|week|month|year|日|週|月|年)(?![a-z])"),
    # "every day we get about 30 calls", "each month, roughly 20 proposals"
    re.compile(rf"(?:every|each|per|a)\s+{_EN_PERIOD}\s*,?\s*(?:[a-z']++\s++){{0,5}}?(?:about|around|roughly|maybe|~)?\s*"
               rf"(?P<a>{NUMBER})(?:\s*(?:-|~|to)\s*(?P<b>{NUMBER}))?\s+(?P<w>[a-z][a-z'\-]*)"),
]
_WORK_HOURS = re.compile(r"^\s*(?:hours?|hrs?|h|時間)(?![a-z])")
_WORK_MINUTES = re.compile(r"^\s*(?:minutes?|mins?|分)(?![a-z])")


def _read_volume(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """The first volume written (a count with its period), and whether it counts hours of work or of recordings."""
    found = [match for pattern in _VOLUMES for match in pattern.finditer(text)
             if not _overlaps(match.start("a"), match.end("a"), taken)]
    for match in sorted(found, key=lambda match: match.start())[:1]:
        groups = match.groupdict()
        low, high = sorted((float(match["a"]), float(groups.get("b") or match["a"])))
        unit = groups.get("u") or ""
        words = (groups.get("w") or "").strip()
        period = PERIOD_WORDS[match["p"]]
        following = text[match.end("a"):match.end("a") + 48]
        preceding = text[max(0, match.start() - 16):match.start()]
        value = (low + high) / 2
        written = text[match.start():match.end()]
        if _WORK_MINUTES.match(following) or unit == "分":
            value /= 60  # "600 minutes a month" of work
            unit = "時間"
        recorded = _RECORDED_AFTER.match(following) is not None or (
            unit == "時間" and _RECORDED_BEFORE.search(preceding) is not None)
        in_hours = unit == "時間" or _WORK_HOURS.match(following) is not None
        reading.volume, reading.period = value, period
        reading.volume_words = words or unit
        reading.volume_is_recorded_hours = in_hours and recorded
        reading.volume_is_hours = in_hours and not recorded
        what = "hours of recordings" if reading.volume_is_recorded_hours else \
            "hours of work" if reading.volume_is_hours else (words or unit or "units")
        shown = value if low == high else (low, high)
        _add(reading, written, "hours_of_work" if reading.volume_is_hours else "monthly_volume", shown,
             f"{what} a {period}" + (f" (the middle of {low:g}–{high:g})" if low != high else ""))
        taken.append((match.start(), match.end()))
        return


_PEOPLE = re.compile(
    rf"(?P<a>{NUMBER})\s*(?:(?:[a-z\-]+\s+)?{_PEOPLE_EN}(?![a-z])|{_PEOPLE_JA}(?!\s*(?:あたり|当たり|につき|で[0-9])))"
)
_EACH_PERSON = re.compile(
    rf"(?:{_PEOPLE_EN}|{_PEOPLE_JA}|ずつ)\s*(?:が|は|で)?\s*(?:each|それぞれ|各自|各々|ずつ|every one)"
    r"|(?<![a-z])each (?:of (?:our|the|us|them|my)(?: [0-9]+)?|person|staff|rep|employee|member|salesperson|writer|clerk|agent)"
    r"|(?<![a-z])per (?:person|head|staff member|rep|employee|member)(?![a-z])"
    r"|それぞれ|各自|各々|一人(?:あたり|当たり|につき)|1人(?:あたり|当たり|につき)|ひとり(?:あたり|当たり|につき)|一人一人|1人1人"
)


def _read_people(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """People, and their volume when each of them does it: "3 staff each write 8 a week" is 24 a week."""
    for match in _PEOPLE.finditer(text):
        if _overlaps(match.start("a"), match.end("a"), taken):
            continue
        taken.append((match.start("a"), match.end("a")))
        people = float(match["a"])
        if people < 2 or reading.people is not None:
            continue
        reading.people = people
        if reading.volume is not None and not reading.volume_is_recorded_hours and _EACH_PERSON.search(text):
            reading.volume_per_person = reading.volume
            reading.volume *= people
            _add(reading, text[match.start():match.end()], "people", people, "people, each doing the volume")


_BARE_AFTER = re.compile(
    rf"(?:->|→|=>|⇒|(?<![a-z])(?:to|down to|only|just)(?![a-z]))\s*(?P<a>{NUMBER})(?![0-9.]|\s*(?:%|[a-z]*\s*(?:a|per|/)\s*(?:day|week|month|year)))"
    rf"|(?P<b>{NUMBER})\s*(?=with ai|using ai|with the tool|on ai|aiで|で済|に(?:なる|なり|短縮|減))"
)


def _read_bare_time_after(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """"30 minutes each, 10 with AI", "5h -> 1": a bare number for the time with AI, in the unit of today's."""
    if reading.minutes_before is None or reading.minutes_after is not None:
        return
    for match in _BARE_AFTER.finditer(text):
        number = match["a"] or match["b"]
        start = match.start("a") if match["a"] else match.start("b")
        if _overlaps(start, start + len(number), taken):
            continue
        scale = 60 if reading.before_in_hours else 1
        reading.minutes_after = float(number) * scale
        if reading.minutes_after >= reading.minutes_before:
            reading.minutes_after = None
            continue
        reading.minutes.append(reading.minutes_after)
        _add(reading, number, "minutes_after", reading.minutes_after, "minutes (in the unit of today's time)")
        taken.append((start, start + len(number)))
        return


def _read_times(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    plain: list[float] = []
    after: list[float] = []
    saved: list[float] = []
    for match in _BARE_ARROW_PAIR.finditer(text):
        if not _overlaps(match.start(), match.end(), taken):
            written = text[match.start():match.end()].strip()
            reading.unclear.append(Unclear(written, match.start(), match.end(), tuple(
                (f"{match['a']} → {match['b']} {unit}", f"{match['a']}{ja}→{match['b']}{ja}",
                 _replace(text, match.start(), match.end(), f"{match['a']}{short} -> {match['b']}{short}"))
                for unit, ja, short in (("minutes", "分", "min"), ("hours", "時間", "h"))), "time_unit"))
            taken.append((match.start(), match.end()))
    for match in _BARE_BEFORE_ARROW.finditer(text):
        if not _overlaps(match.start("a"), match.end("a"), taken):
            scale = 60 if re.fullmatch(_HOUR, match["u"]) else 1
            plain.append(float(match["a"]) * scale)
            reading.minutes.append(plain[-1])
            reading.before_in_hours = scale == 60
            reading.items.append(ReadItem(match["a"], "minutes_before", plain[-1], "minutes"))
            taken.append((match.start("a"), match.end("a")))
    for match in _DURATION.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        if re.match(r"\s*(?:あたり|当たり|単価|につき)", text[match.end():match.end() + 4]):
            continue
        if match["u"] == "m" and not re.search(r"\d\s*h", text[max(0, match.start() - 6):match.start() + 1]) and \
                re.match(r"\s*(?:yen|円|\$|¥)", text[match.end():match.end() + 4]):
            continue  # "5m yen" is money
        scale = 60 if re.fullmatch(_HOUR, match["u"]) else 1
        low, high = float(match["a"]) * scale, float(match["b"] or match["a"]) * scale
        minutes = (low + high) / 2 + float(match["extra"] or 0)
        preceding, following = text[max(0, match.start() - 28):match.start()], text[match.end():match.end() + 16]
        written = text[match.start():match.end()]
        taken.append((match.start(), match.end()))
        reading.minutes.append(minutes)
        if not plain and not after and not saved:
            reading.before_in_hours = scale == 60
        if match.start() > 0 and re.search(rf"{_ARROW}\s*$", text[max(0, match.start() - 4):match.start()]):
            after.append(minutes)  # "300 -> 60min": the time after the arrow
            reading.items.append(ReadItem(written.strip(), "minutes_after", minutes, "minutes"))
            continue
        if _SAVED_BEFORE.search(preceding) or _SAVED_FOLLOWS.match(following):
            saved.append(minutes)
            kind: Role = "minutes_after"
        elif _AFTER_MARKER.search(preceding) or _AFTER_FOLLOWS.match(following):
            after.append(minutes)
            kind = "minutes_after"
        else:
            plain.append(minutes)
            kind = "minutes_before"
        unit = "minutes" + (f" (the middle of {low:g}–{high:g})" if low != high else "")
        reading.items.append(ReadItem(written.strip(), kind, minutes if not saved or saved[-1] != minutes else -minutes, unit))
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
    _relabel_times(reading)


def _relabel_times(reading: Reading) -> None:
    """The read items of times say what the times turned out to be, before or after."""
    relabelled = []
    for item in reading.items:
        if item.role in ("minutes_before", "minutes_after") and isinstance(item.value, float):
            if item.value < 0:  # a saving: "saves 20 minutes"
                item = ReadItem(item.text, "minutes_after", reading.minutes_after or 0.0, f"minutes ({-item.value:g} saved)")
            elif item.value == reading.minutes_before:
                item = ReadItem(item.text, "minutes_before", item.value, item.unit)
            elif item.value == reading.minutes_after:
                item = ReadItem(item.text, "minutes_after", item.value, item.unit)
        relabelled.append(item)
    reading.items = relabelled


_REDUCED = re.compile(r"less|faster|quicker|shorter|reduc|cut|sav|削減|短縮|減|カット|浮|楽|効率")


def _read_shares(text: str, reading: Reading) -> None:
    """"cuts it in half", 「7割削減」, "70% faster": the time with AI as a share of today's."""
    if reading.minutes_before is None or reading.minutes_after is not None:
        return
    if _HALF.search(text):
        reading.minutes_after = reading.minutes_before / 2
        _add(reading, _HALF.search(text)[0], "minutes_after", reading.minutes_after, "minutes (half)")  # type: ignore[index]
        return
    for match in _PERCENT.finditer(text):
        nearby = text[max(0, match.start() - 16):match.end() + 12]
        if not _REDUCED.search(nearby):
            continue
        share = float(match["n"]) * (10 if match[0].endswith("割") else 1) / 100
        if 0 < share < 1:
            reading.minutes_after = round(reading.minutes_before * (1 - share), 4)
            _add(reading, match[0], "minutes_after", reading.minutes_after, f"minutes ({share:.0%} less)")
            return


_LEFTOVER = re.compile(NUMBER)
MOST_UNCLEAR = 3
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_STOP_WORDS = r"(?:and|or|it|its|the|a|an|to|of|with|we|they|is|are|but|so|in|on|at|for|if|that|this|then)(?![a-z])"
_TIME_WORDS_BEFORE = re.compile(r"(?:takes?|took|taking|spend|spent|needs?|about|around|かかる|かかって|かけて|かかり|必要)\s*$")


def _read_leftovers(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    """Numbers with no role that could fill one the calculation lacks: the reader asks about them."""
    for match in _LEFTOVER.finditer(text):
        start, end = match.span()
        if _overlaps(start, end, taken) or _NOT_A_QUANTITY.match(text[end:end + 6]) or _YEAR.fullmatch(match[0]) or \
                _NAMED_NUMBER.search(text[max(0, start - 2):start]) or _PERCENT.match(text[start:end + 12]):
            continue
        number = match[0]
        noun = re.match(rf"\s*(?:{_JA_COUNTER}|(?:(?!{_STOP_WORDS})[a-z][a-z'\-]*\s*){{1,2}})", text[end:end + 24])
        noun_text = noun[0].strip() if noun else ""
        noun_end = end + len(noun[0].rstrip()) if noun else end
        if reading.volume is None and not _TIME_WORDS_BEFORE.search(text[max(0, start - 14):start]):
            phrase = f"{number}{noun_text}" if re.fullmatch(COUNTER, noun_text or "-") else f"{number} {noun_text}".strip()
            choices = tuple(
                (f"{phrase} a {period}", f"{ja}{phrase}", _replace(text, start, noun_end, _with_period(phrase, period, ja)))
                for period, ja in (("day", "1日"), ("week", "週"), ("month", "月"))
            )
        elif reading.minutes_before is None and reading.outsourcing_unit_cost is None and reading.outsourcing_monthly_spend is None:
            choices = tuple(
                (f"{number} {unit} per item", f"1件{number}{ja}", _replace(text, start, end, f"{number} {unit} each"))
                for unit, ja in (("minutes", "分"), ("hours", "時間"))
            )
        else:
            if len(reading.not_used) < MOST_UNCLEAR:
                reading.not_used.append(f"{number} {noun_text}".strip())
            continue
        kind: Literal["period", "time_unit"] = "period" if reading.volume is None and len(choices) == 3 else "time_unit"
        reading.unclear.append(Unclear(f"{number} {noun_text}".strip(), start, end, choices, kind))
        taken.append((start, end))
        if len(reading.unclear) >= MOST_UNCLEAR:
            return  # one is asked about at a time; a few are enough to know there is more to ask


def _with_period(phrase: str, period: str, ja: str) -> str:
    return f"{ja}{phrase}" if re.search(COUNTER + "$", phrase) or not re.search(r"[a-z]", phrase) and ja and \
        re.search(r"[぀-ヿ一-鿿]", phrase) else f"{phrase} a {period}"


def _replace(text: str, start: int, end: int, replacement: str) -> str:
    return f"{text[:start]}{replacement}{text[end:]}"


def chosen(choices: list[str], reply: str) -> int | None:
    """Which of the numbered `choices` a reply picks: "2", "２", "2.", or the choice's own words; None for none."""
    cleaned = normalise(reply).strip().rstrip(".)。").strip()
    if cleaned.isdigit() and 1 <= int(cleaned) <= len(choices):
        return int(cleaned) - 1
    matching = [index for index, choice in enumerate(choices) if cleaned and normalise(choice) == cleaned]
    return matching[0] if len(matching) == 1 else None
