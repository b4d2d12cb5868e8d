"""How people write quantities: digits and number words, periods, counters, people, currencies, hours and
minutes, in English and Japanese; `normalise` turns every way of writing a number into one, and
`find_money` finds the amounts of money. The only place these words are kept."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bot.domain.quantities.model import Period, overlaps

NUMBER = r"(?<![0-9.])[0-9]++(?:\.[0-9]++)?"
"""A number that starts where no digit ends and gives nothing back: linear on long runs of digits."""
GROUPING_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # 3,000 but not 1,2345
_SITES_COUNTED = re.compile(r"(店舗|拠点|支店|教室|校舎)\s*+(?:が|は|を)?\s*+(\d++)\s*+(?:つ|か所|カ所|ヶ所|箇所)")
"""「拠点が6つ」 is 「6拠点」: a count of sites, like 「3店舗」."""
_PER_HOUR_SHORT = re.compile(r"(?<=[0-9])\s*+p/h(?![a-z])|(?<=[0-9])\s*+p\.h\.")
""""$29 p/h" is $29/h."""
_ELLIPSIS = re.compile(r"(\.{2,})(?=\d)")
"""「時給は…1,500円」: the dots of a pause before a number are not its decimal point."""
_JAPANESE_COMPOUND = re.compile(r"(?<![\d.])(\d++(?:\.\d++)?)\s*+万\s*+(?:(\d++)\s*+千|(\d{1,4}+)(?![\d.]|\s*+千))")
"""「2万5千」 is 25,000 and 「1万2000」 12,000, not 2万 and 5千 side by side."""
_JAPANESE_MULTIPLE = re.compile(r"(?<![\d.])(\d++(?:\.\d++)?)\s*+([万千])")
_RANGE_MULTIPLE = re.compile(
    r"(?<![\d.])(\d++(?:\.\d++)?)(\s*+(?:~|〜|～|-|から|to)\s*+)(\d++(?:\.\d++)?)\s*+(万|千|million|thousand|k)(?![a-z])"
)
"""「20〜30万円」 and "20-30k": the multiple belongs to both ends of the range."""
_ENGLISH_MULTIPLE = re.compile(
    r"(?<![\d.])(\d++(?:\.\d++)?)\s*+(million|thousand|k)(?![a-z])|(?<=[¥$])(\d++(?:\.\d++)?)(m)(?![a-z])",
    re.IGNORECASE,
)
"""100k, 2.5 million, and $1.8m after a currency sign (elsewhere "5m" is five minutes)."""
_CENTS = re.compile(r"(?<![\d.$¥])(\d++(?:\.\d++)?)\s*+(?:cents?|¢)(?![a-z])")
""""8 cents a word" is $0.08 a word."""
_MULTIPLES = {"万": 10_000, "千": 1_000, "million": 1_000_000, "thousand": 1_000, "k": 1_000}
_KANA_WORDS = [
    (re.compile(r"(?<=[0-9])\s*+ふん"), "分"),
    (re.compile(r"(?<=[0-9])\s*+ぷん"), "分"),
    (re.compile(r"(?<=[0-9])\s*+じかん"), "時間"),
    (re.compile(r"(?<=[0-9])\s*+えん"), "円"),
    (re.compile(r"じきゅう|時級|時急"), "時給"),
    (re.compile(r"まいしゅう"), "毎週"),
    (re.compile(r"まいにち"), "毎日"),
    (re.compile(r"まいつき"), "毎月"),
    (re.compile(r"しゅう(?=に?\s*[0-9])"), "週"),
    (re.compile(r"(?<=[0-9])(\s*+)(?:minuts|mintues|minites|minuets)(?![a-z])"), r"\1minutes"),
    (re.compile(r"(?<=[0-9])(\s*+)(?:hrous|huors|horus)(?![a-z])"), r"\1hours"),
]
"""Typed in kana, or mistyped (「時急」, "10 minuts"): as the word meant."""
_HOURS_AND_MINUTES = re.compile(
    r"(?<![0-9.])(\d++)\s*+(?:h|hrs?|hours?)\s*+(?:and\s++)?(\d++)\s*+(?:m|mins?|minutes?)(?![a-z])"
)
""""1h30m", "2 hrs 15 min": one time in minutes."""
_MINUTES_AND_SECONDS = re.compile(
    r"(?<![0-9.])(\d++)\s*+(?:分|m|mins?|minutes?)\s*+(?:and\s++)?(\d++)\s*+(?:秒|s|secs?|seconds?)(?![a-z])"
)
"""「1分30秒」, "2 min 30 sec": one time in minutes."""
_WORKING_DAY = re.compile(r"(?<![a-z])(?:working|business|work)[ -]?(day)(s?)(?![a-z])|(?<![a-z])workday(s?)(?![a-z])")
""""a working day", "per business day": a day, which the calculator counts as a working day anyway."""
_THOUSANDS_AND_HUNDREDS = re.compile(r"(?<![0-9.])(\d++)\s*+千\s*+(\d)\s*+百")
"""「2千5百円」: 2,500."""
_TEN_MINUTES = re.compile(
    r"(?<![〇一二三四五六七八九十百千])十分(?=\s*+(?:まで|程度|くらい|ぐらい|ほど|に短縮|に減|で済|になる|になり))"
)
"""「十分まで短縮」 is ten minutes, not "enough" (「三十分」 is thirty)."""
"""Units typed in kana (「1件15ふん」, 「じきゅう1500えん」), as their kanji."""
_BETWEEN = re.compile(
    r"(?<![a-z])between\s++([¥$]?\s*+[0-9][0-9.]*+(?:\s*+(?:k|yen|円))?)\s++and\s++([¥$]?\s*+[0-9][0-9.]*+)"
)
""""between 10 and 20" is the range 10-20."""
_HALF_HOUR = re.compile(r"(?<![0-9])(\d++)\s*+時間半")
_HALF_MINUTE = re.compile(r"(?<![0-9.])(\d++)\s*+分半")
_JAPANESE_FRACTION = re.compile(r"(?<![0-9.])(\d++)\s*+分の\s*+(\d++)")
"""「3分の1」 is a third (1/3), not three minutes."""
_EN_UNITS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
    if value
}
_EN_TENS = {
    word: value * 10
    for value, word in enumerate(
        ["-", "-", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if word != "-"
}
_UNIT = "|".join(sorted(_EN_UNITS, key=len, reverse=True))
_TEN = "|".join(_EN_TENS)
_EN_NUMBER_WORD = re.compile(
    rf"(?<![a-z])(?:(?P<hundreds>a|{_UNIT})\s++hundred(?![a-z])(?:\s++and(?=\s++(?:{_TEN}|{_UNIT})(?![a-z])))?(?:\s++(?=(?:{_TEN}|{_UNIT})(?![a-z])))?)?"
    rf"(?P<rest>(?:{_TEN})(?:[- ](?:{_UNIT})(?![a-z]))?|{_UNIT})?(?![a-z])"
)
"""Numbers in English words: "twelve", "twenty-five", "a hundred", "one hundred and twenty"."""
_EN_IDIOMS = re.compile(r"(?<![a-z])(?:a dozen|a couple of)(?![a-z])")
_COUPLE_HUNDRED = re.compile(r"(?<![a-z])a couple (?:of )?(hundred|thousand)(?![a-z])")
""""a couple hundred" is 200, "a couple thousand" 2,000."""
_TWICE = re.compile(r"(?<![a-z])twice(?= (?:a|per|every) (?:day|week|month|quarter|year)(?![a-z]))")
""""twice a month" is 2 times a month, a count like any other."""
_EN_FRACTION = re.compile(
    r"(?<![a-z])(?P<n>a|one|two|three|four)[ -](?P<d>third|quarter|fifth)s?(?![a-z])(?<!a quarter)(?<!one quarter)"
)
"""A fraction in words ("two thirds", "a third", "three quarters") as n/d, before number words become digits;
"a quarter" stays a word (it is as often three months)."""
_FRACTION_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "third": 3, "quarter": 4, "fifth": 5}


def _en_number(match: re.Match[str]) -> str:
    """The number an English number word says; "one" alone stays a word (it is "one of", "one reply")."""
    hundreds, rest = match["hundreds"], match["rest"]
    if not hundreds and (not rest or rest == "one"):
        return match[0]
    value = (100 if hundreds == "a" else _EN_UNITS[hundreds] * 100) if hundreds else 0
    for word in re.split(r"[- ]", rest or ""):
        value += _EN_TENS.get(word) or _EN_UNITS.get(word, 0)
    trailing = match[0][len(match[0].rstrip()) :]
    return f"{value}{trailing}"


_ONE = re.compile(r"(?<![a-z])one(?=\s++(?:hour|minute|day|week|month|year|person|staff|employee)s?(?![a-z]))")
_SPOKEN_TIMES = [
    (
        re.compile(
            r"(?<![a-z])(?:an hour and a half|one and a half hours|(?<![-~])(?<![-~] )(?<!to )1\.5 hours)(?![a-z])"
        ),
        "90 minutes",
    ),
    (re.compile(r"(?<![a-z])an hour and a quarter(?![a-z])"), "75 minutes"),
    (re.compile(r"(?<![a-z])(?:half an hour|a half hour|half-hour)(?![a-z])"), "30 minutes"),
    (re.compile(r"(?<![a-z])(?:half a minute|30 seconds)(?![a-z])"), "0.5 minutes"),
    (re.compile(r"(?<![a-z])(?:a minute and a half|one and a half minutes)(?![a-z])"), "1.5 minutes"),
    (re.compile(r"(?<![a-z])(?:a quarter of an hour|quarter of an hour|a quarter hour)(?![a-z])"), "15 minutes"),
    (
        re.compile(
            r"(?<![a-z])(takes?|took|taking|spends?|spent|spending|needs?|eats?|about|around|roughly|nearly|almost|over|under|maybe|just|in|to|only) an hour(?![a-z])"
        ),
        r"\1 1 hour",
    ),
    (re.compile(r"(?<![a-z])half a (?:working )?day(?![a-z])|半日"), "240 minutes"),
]
"""Times people say in words. Half a working day is four hours (a working day is eight)."""
_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_PLACES = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUMBER = re.compile(
    r"(?<![0-9.〇一二三四五六七八九十百千])([〇一二三四五六七八九十百千]{1,8})"
    r"(?=人|名|件|本|回|枚|通|個|冊|部|記事|時間|週|か月|ヶ月|カ月|円|万|分|秒|文字|字|語|ページ|社|店舗|日|年|拠点|支店|教室|院|校)"
)
"""A number in kanji before a counter, a unit or 円: 三人, 三百件, 千五百円, 四分 (but 十分 alone is "enough")."""


def _kanji_number(match: re.Match[str]) -> str:
    """三 → 3, 十五 → 15, 三百 → 300, 千五百 → 1500; 十分 ("enough") and a lone 十 before 分 stay as written."""
    numeral = match[1]
    if (
        numeral == "十"
        and match.string[match.end() : match.end() + 1] == "分"
        and not re.search(
            r"[件本枚通回部個]\s*+(?:あたり|当たり|につき)?\s*+$",
            match.string[max(0, match.start() - 6) : match.start()],
        )
    ):
        return numeral  # 「十分」 is "enough", but 「1件十分」 ten minutes
    total, digit = 0, None
    for character in numeral:
        if character in _KANJI_PLACES:
            total += (1 if digit is None else digit) * _KANJI_PLACES[character]
            digit = None
        else:  # 二〇二六: digits written one after another
            digit = _KANJI_DIGITS[character] if digit is None else digit * 10 + _KANJI_DIGITS[character]
    return str(total + (digit or 0))


def _compound(match: re.Match[str]) -> str:
    """「2万5千」 → "25000", 「1万2000」 → "12000"."""
    rest = Decimal(match[2]) * 1_000 if match[2] else Decimal(match[3])
    return format((Decimal(match[1]) * 10_000 + rest).normalize(), "f")


def _range_multiplied_out(match: re.Match[str]) -> str:
    multiple = _MULTIPLES[match[4]]
    low, high = (format((Decimal(end) * multiple).normalize(), "f") for end in (match[1], match[3]))
    return f"{low}{match[2]}{high}"


def _multiplied_out(match: re.Match[str]) -> str:
    """ "100万" → "1000000", exactly (a float's `:g` would write 1e+06)."""
    number, multiple = (match[1], match[2]) if match[1] else (match[3], "million")
    return format((Decimal(number) * _MULTIPLES[multiple.lower()]).normalize(), "f")


def normalise(text: str) -> str:
    """Lower case, full-width to ASCII, thousands separators dropped, numbers written in words
    (three, 三人) as digits, 万/千 and million/thousand/k multiplied out, times said in words
    ("half an hour", 「1時間半」, 「半日」) in minutes, ranges with "~"."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = GROUPING_COMMA.sub("", text)
    text = _ELLIPSIS.sub(r"\1 ", text)
    text = _PER_HOUR_SHORT.sub("/h", text)
    text = _SITES_COUNTED.sub(r"\2\1", text)
    for pattern, replacement in _KANA_WORDS:
        text = pattern.sub(replacement, text)
    text = _BETWEEN.sub(r"\1-\2", text)
    text = _TEN_MINUTES.sub("10分", text)
    text = _KANJI_NUMBER.sub(_kanji_number, text)
    text = _COUPLE_HUNDRED.sub(lambda match: "200" if match[1] == "hundred" else "2000", text)
    text = _EN_IDIOMS.sub(lambda match: "12" if match[0] == "a dozen" else "2", text)
    text = _TWICE.sub("2 times", text)
    text = _EN_FRACTION.sub(lambda match: f"{_FRACTION_NUMBERS[match['n']]}/{_FRACTION_NUMBERS[match['d']]}", text)
    text = _EN_NUMBER_WORD.sub(_en_number, text)
    text = _ONE.sub("1", text)
    text = _BARE_MAN.sub(_in_yen, text)
    text = _THOUSANDS_AND_HUNDREDS.sub(lambda match: str(int(match[1]) * 1000 + int(match[2]) * 100), text)
    text = _RANGE_MULTIPLE.sub(_range_multiplied_out, text)
    text = _JAPANESE_COMPOUND.sub(_compound, text)
    text = _JAPANESE_MULTIPLE.sub(_multiplied_out, text)
    text = _ENGLISH_MULTIPLE.sub(_multiplied_out, text)
    text = _CENTS.sub(lambda match: "$" + format((Decimal(match[1]) / 100).normalize(), "f"), text)
    text = _HALF_HOUR.sub(lambda match: f"{int(match[1]) * 60 + 30}分", text)
    text = _HALF_MINUTE.sub(lambda match: f"{match[1]}.5分", text)
    text = _JAPANESE_FRACTION.sub(lambda match: f"{match[2]}/{match[1]}", text)
    text = _HOURS_AND_MINUTES.sub(lambda match: f"{int(match[1]) * 60 + int(match[2])} minutes", text)
    text = _MINUTES_AND_SECONDS.sub(lambda match: f"{int(match[1]) + int(match[2]) / 60:g} minutes", text)
    text = _WORKING_DAY.sub(lambda match: f"day{match[2] or match[3] or ''}", text)
    for pattern, replacement in _SPOKEN_TIMES:
        text = pattern.sub(replacement, text)
    return text.replace("〜", "~").replace("～", "~").replace("–", "-").replace("—", "-").replace("−", "-")


PERIOD_WORDS: dict[str, Period | Literal["quarter"]] = {
    "day": "day", "daily": "day", "日": "day", "毎日": "day", "1日": "day", "一日": "day", "日に": "day",
    "week": "week", "weekly": "week", "週": "week", "毎週": "week", "1週間": "week", "週間": "week",
    "month": "month", "monthly": "month", "月": "month", "毎月": "month", "月間": "month", "ひと月": "month",
    "1か月": "month", "1ヶ月": "month", "1カ月": "month", "1ヵ月": "month", "月々": "month",
    "year": "year", "yearly": "year", "annually": "year", "年": "year", "年間": "year", "毎年": "year",
    "weekday": "day", "平日": "day", "営業日": "day", "毎営業日": "day", "quarter": "quarter", "quarterly": "quarter", "四半期": "quarter",
    "wk": "week", "mo": "month", "yr": "year",
}  # fmt: skip
"""Every word for a period, English and Japanese; a "day" is a working day (as is a weekday); a quarter is
three months, which the reader turns into a month's volume."""
EN_PERIOD = r"(?P<p>day|weekday|week|wk|month|mo|quarter|year|yr)s?(?![a-z])"
EN_PERIOD_ADVERB = r"(?P<p>daily|weekly|monthly|quarterly|yearly|annually)(?![a-z])"
JA_PERIOD = (
    r"(?P<p>毎日|(?<![0-9])1日|一日|(?<![0-9])日に|平日|営業日|毎週|1週間|週|毎月|月間|ひと月|1[かヶカヵ]月|月々"
    r"|月(?!\s*+[・~〜～\-]|曜|から|より|以降|末|初め)|四半期|年間|毎年|(?<![0-9]{4})年(?!度))"
)
"""A Japanese period word; 月 is not Monday (「月・水・金」, 「月〜金」, 月曜), 年 not a date (「2024年」, 「年度」)."""
JA_COUNTER = r"件|本|回|枚|通|個|部|記事|文字|字|点|ページ|案件|コール|本分|回分|冊|台|着|品|問|項目|投稿|箇所|セット|頭分|頭|人分|名分"
COUNTER = rf"(?:{JA_COUNTER})"
"""Japanese counters of units of work."""
_BARE_MAN = re.compile(
    rf"(?<![\d.¥$])\d++(?:\.\d++)?\s*+(?:万(?:\s*+\d++\s*+千|\s*+\d{{1,4}}+(?![\d.]))?|千)"
    rf"(?!\s*+(?:[0-9.万千~〜～\-]|から|円|yen|ドル|dollars?|usd|人|名|時間|分|秒|語|words?|社|店|軒|歳|年|日|週|[かヶカヵ]?月"
    rf"|倍|%|割|km|kg|{JA_COUNTER}))"
)
"""A number written with 万 or 千 and no unit after it (「外注に月30万払ってる」, 「ツールは月5千くらい」)."""
_PAID_IN_THE_CLAUSE = re.compile(
    r"払|費|代|料|コスト|予算|外注|委託|ツール|サブスク|月額|年額|かかって|かかる|売上|単価|時給|給"
)


def _in_yen(match: re.Match[str]) -> str:
    """A bare 万 or 千 number is yen when its clause speaks of paying (「外注に月30万払ってる」): counts carry
    their counter (「3万文字」), and 「問い合わせが月に1万ほど」 stays a count."""
    text, start, end = match.string, match.start(), match.end()
    clause_start = max((text.rfind(mark, 0, start) for mark in "、。,.!?!?\n"), default=-1) + 1
    ends = [position for mark in "、。,.!?!?\n" if (position := text.find(mark, end)) != -1]
    clause = text[clause_start : min(ends, default=len(text))]
    return f"{match[0]}円" if _PAID_IN_THE_CLAUSE.search(clause) else match[0]


PEOPLE_EN = (
    r"(?:people|persons?|staff(?:ers)?|employees?|members?|reps?|agents?|workers?|colleagues|of us|of them|salespeople|writers"
    r"|operators|clerks?|managers|associates|drivers|nurses|teachers|designers|accountants|engineers|secretaries"
    r"|assistants|receptionists|stylists|therapists|doctors|lawyers|paralegals|admins|coordinators|planners"
    r"|tutors|instructors|vets|estimators|advisors|advisers|counsel+ors|caregivers|carers|technicians|editors|translators"
    r"|bookkeepers|cashiers|dispatchers|pharmacists|hygienists|architects|recruiters|investigators|inspectors|brokers"
    r"|consultants|officers|guards|supervisors|cleaners|chefs|cooks|attorneys|specialists|analysts|developers|programmers"
    r"|marketers|copywriters|photographers|producers|trainers|coaches|mechanics|electricians|plumbers|installers"
    r"|surveyors|dentists|physicians|veterinarians|adjusters|appraisers)"
)
PEOPLE_JA = r"(?:人|名)"
SITES_EN = (
    r"(?:branch(?:es)?|stores?|shops?|locations?|offices?|clinics?|sites?|outlets?|salons?|cafes?|restaurants?"
    r"|campus(?:es)?|clubs?|studios?|warehouses?|hotels?|schools?)"
)
SITES_JA = r"(?:店舗|拠点|支店|教室|校舎|院(?![長内外]))"
SITES = re.compile(rf"{SITES_EN}|{SITES_JA}")  # shops, branches, clinics, as written
COMPILED_FROM_EACH = r"舗?の[^。、]{0,12}?(?:まとめ|集計|取りまとめ|とりまとめ)"
"""After 各店: 「各店の売上報告をまとめる」 is one task compiling each shop's, not each shop's own."""
"""Branches and shops: like people, each may do the volume (「各店の店長がそれぞれ週に1本」), or the count is all of theirs."""
YEN = r"(?:円|yen|jpy)"
DOLLAR = r"(?:usd|dollars?|ドル|bucks)"
HOUR_WORD = r"(?:hours?|hrs?|h|時間)"
SECOND_WORD = r"(?:seconds?|secs?|秒)"
MINUTE_WORD = r"(?:minutes?|mins?|m|分)"
ARROW = r"(?:->|→|=>|⇒)"
PERCENT = re.compile(rf"(?:(?P<lo>{NUMBER})\s*+%?\s*+(?:-|~|to)\s*+)?(?P<n>{NUMBER})\s*+(?:%|percent|パーセント|割)")
""""30%", 「3割」, and a range of them: "50-70%", 「3〜5割」."""
RECORDED_EN = (
    r"(?:recorded\s++|recording\s++)?(?:meetings?|audio|recordings?|calls?(?!\s++(?:us|me)(?![a-z]))|videos?|interviews?|podcasts?|footage|"
    r"lectures?|webinars?|speeches|dictations?|tapes?|voicemails?|consultations?)"
)


RECORDED_JA = r"(?:会議|録音|音声|インタビュー|打ち合わせ|打合せ|ミーティング|動画|通話|講演|ウェビナー|商談)"
_MONEY = re.compile(
    rf"(?P<pre>[¥$])\s*+(?P<a>{NUMBER})(?:\s*+(?:-|~|to|から)\s*+[¥$]?\s*+(?P<b>{NUMBER}))?"
    rf"|(?P<a2>{NUMBER})(?:\s*+(?:{YEN}|{DOLLAR}))?(?:\s*+(?:-|~|to|から)\s*+(?P<b2>{NUMBER}))?\s*+(?:(?:/\s*+[a-z]+\s*+)?\((?P<code>usd|jpy)\)|(?P<post>{YEN}|{DOLLAR}))"
)
_CUED_MONEY = re.compile(
    rf"(?P<cue>@|時給(?:\s*+(?:は|が))?|hourly(?:\s++(?:cost|rate|wage))?|(?<![a-z])(?:ai\s++)?tools?(?:\s++costs?)?|ツール(?:代|費)?"
    rf"|(?<![a-z])outsourc(?:ed|ing|e)(?:\s++(?:at|for))?|外注(?:費)?|委託(?:費)?)\s*+(?:(?::|at|@|for)\s*+)?(?P<a>{NUMBER})(?:\s*+(?:-|~|to|から)\s*+(?P<b>{NUMBER}))?"
    rf"(?!\s*+(?:{YEN}|{DOLLAR}|{HOUR_WORD}|{MINUTE_WORD}|%|[0-9.]|{COUNTER}|人|名))"
)
"""An amount with no currency after a word that says what it is: "@3000", "時給3000", "tool 3000",
"outsourced 30000-50000" (how `/ai-savings` is written); the currency is the default one."""


@dataclass(frozen=True)
class Money:
    low: float
    high: float
    currency: str | None  # None: no ¥, $, 円 or dollars written
    start: int
    end: int
    cue: str = ""  # the word before an amount written without a currency: "@", "時給", "tool", "outsourced"

    @property
    def value(self) -> float | tuple[float, float]:
        return self.low if self.low == self.high else (self.low, self.high)


def find_money(text: str) -> list[Money]:
    """Amounts of money in normalised text: ¥3000, $40, 3000円, 30000-50000円, $1,200 to $1,500, and
    amounts after a word that says what they are (`_CUED_MONEY`)."""
    found = []
    for match in _MONEY.finditer(text):
        a, b = match["a"] or match["a2"], match["b"] or match["b2"]
        marker = match["pre"] or match["post"] or match["code"] or ""
        currency = "USD" if marker == "$" or re.fullmatch(DOLLAR, marker) else "JPY"
        low, high = float(a), float(b) if b else float(a)
        end = (match.end("b2") if match["b2"] else match.end("a2")) if match["code"] else match.end()
        found.append(Money(min(low, high), max(low, high), currency, match.start(), end))  # "3,200/month (USD)"
    for match in _CUED_MONEY.finditer(text):
        if not overlaps(match.start("a"), match.end(), [(money.start, money.end) for money in found]):
            low, high = float(match["a"]), float(match["b"] or match["a"])
            found.append(Money(min(low, high), max(low, high), None, match.start("a"), match.end(), match["cue"]))
    return sorted(found, key=lambda money: money.start)


WORK_HOURS = re.compile(r"^\s*+(?:hours?|hrs?|h|時間)(?![a-z])")
WORK_MINUTES = re.compile(r"^\s*+(?:minutes?|mins?|分)(?![a-z])")
"""Right after a number: hours or minutes of work ("30 hours a month", 「月に600分」)."""

JA_PERIOD_WORDS: dict[str, str] = {"day": "1日", "week": "週", "month": "月", "year": "年"}
"""How a period is written before a count in Japanese (「週5件」, 「1日20通」)."""

OPEN_EVERY_DAY = re.compile(
    r"(?<![a-z])(?:(?:7|seven) days a week|every day of the (?:week|year)|(?:open|work(?:ing)?) every (?:single )?day|weekends too"
    r"|(?:incl(?:uding|\.)?|and|plus) weekends|365 days|open (?:7|seven) days)(?![a-z])"
    r"|土日も|土日祝も|土日含め|土日を含め|土日祝日も|休まず|年中無休|無休|毎日営業|365日"
    r"|(?:土日|土日祝|土日祝日|曜日)(?:に)?(?:関係なく|関係無く|問わず)|休みなし|休みなく|休みなしで"
)
"""A business open every day: 「土日も営業」, "open 7 days a week"."""

SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?:\s|$)")
"""Where a sentence ends, in Japanese or English (a full stop before a space, not a decimal point)."""
