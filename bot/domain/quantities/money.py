"""Amounts of money and what each is: staff cost an hour, a supplier's price per item or per hour of
audio, what is paid outside a month, an AI tool's price; an amount that could be several is unclear."""

from __future__ import annotations

import re

from bot.domain.quantities.model import Reading, add_item, overlaps
from bot.domain.quantities.money_asks import (
    BARE_RATE,
    UNIT_SAID_AFTER,
    pay_of_a_month_or_an_hour,
    rate_of_what,
    unclear_money,
)
from bot.domain.quantities.words import (
    HOUR_WORD,
    JA_COUNTER,
    NUMBER,
    PEOPLE_EN,
    RECORDED_EN,
    RECORDED_JA,
    SENTENCE_END,
    Money,
    find_money,
)

_PER_HOUR_AFTER = re.compile(rf"^\s*+(?:an|a|per|/|each|every)\s*+{HOUR_WORD}(?![a-z])|^\s*+hourly(?![a-z])")
_PER_HOUR_BEFORE = re.compile(
    r"(?:時給[^\d。、！？!?]{0,12}|時間単価|時間給|人件費|1時間(?:あたり|当たり|につき)|(?:人件費|コスト|単価)は?\s*+1時間|@|hourly(?: cost| rate| wage)?|staff cost|"
    r"labou?r cost|wages?|(?<![a-z])rate|paid|(?:cost|rate|wage|price|pay)s? (?:per|an|a|by the) hour|per hour)"
    r"\s*+(?:は|が|で|of|is|at|:|about|around|roughly|約)?\s*+(?:about|around|roughly|~)?\s*+$"
)
_HOURLY_OF_SOMEONE = re.compile(
    r"(?<![a-z])hourly (?:cost|rate|wage|pay) (?:for|of) [a-z' ]{1,30}?\s++(?:is|are)\s*+(?:about|around|roughly|~)?\s*+[$¥]?$"
)
"""Before an amount: "hourly cost for our ops people is around $28"."""
_AUDIO_HOUR = re.compile(
    r"^\s*+(?:an|a|per|/|for (?:an|each|every))\s*+(?:audio )?(?:hours?|hrs?|h)\s++(?:of\s++)?(?:audio|recordings?|recorded|tape|footage)"
    r"|^\s*+(?:an|a|per|/|for each|for every)\s*+(?:audio|recording|recorded)\s*+(?:hours?|hrs?|h)(?![a-z])"
)
_AUDIO_MINUTE = re.compile(
    r"^\s*+(?:an|a|per|/)\s*+(?:audio\s++minute|minute\s++of\s++(?:audio|recordings?|recorded))(?![a-z])|^\s*+/\s*+audio\s*+min"
)
_AUDIO_MINUTE_BEFORE = re.compile(
    r"(?:(?:音声|録音|動画)\s*+1\s*+分\s*+(?:あたり|当たり|につき)?|(?<![0-9.])1\s*+分\s*+(?:あたり|当たり|につき)?)\s*+$"
)
"""Before an amount: 「音声1分あたり」, or 「1分150円」 for a transcription priced by the minute."""
_AUDIO_HOUR_BEFORE = re.compile(r"(?:音声|録音|動画|テープ)\s*+1\s*+時間\s*+(?:あたり|当たり|につき|で)?\s*+$")
PER_MONTH_AFTER = re.compile(
    r"^\s*+(?:a|per|/|every|each)\s*+(?:month|mo)(?![a-z])|^\s*+monthly|^\s*+/\s*+月|^\s*+per mo\b"
)
_PER_MONTH_BEFORE = re.compile(r"(?:月額|月に|毎月|月々|月間|ひと月|1[かヶカヵ]月|月)\s*+(?:で|に|は|約|およそ)?\s*+$")
_PER_YEAR_AFTER = re.compile(
    r"^\s*+(?:a|per|/|every|in a|last|this)\s*+(?:year|yr)(?![a-z])|^\s*+(?:per annum|p\.a\.)|^\s*+(?:yearly|annually)|^\s*+/\s*+年|^\s*+(?:in|over) (?:the )?last year"
)
_PER_YEAR_BEFORE = re.compile(r"(?:年額|年間|毎年|年)\s*+(?:で|に|は|約)?\s*+$")
_PER_UNIT_AFTER = re.compile(
    r"^\s*+(?:(?:per|a|an|each)\s++|/\s*+)"
    r"(?!(?:hours?|hrs?|h|months?|mo|years?|weeks?|days?|users?|seats?|persons?|people|head)(?![a-z]))[a-z]"
    r"|^\s*+(?:each|apiece)(?![a-z])"
)
_PER_UNIT_BEFORE = re.compile(
    rf"(?:1\s*+(?:{JA_COUNTER})|単価|1\s*+[^\d\s、。,.]{{1,4}}?\s*+(?:あたり|当たり|につき))\s*+(?:あたり|当たり|につき|で|は|が)?\s*+(?:約|およそ)?\s*+$"
)
_SETUP_BEFORE = re.compile(
    r"(?:初期費用|導入費用|導入費|導入支援(?:費用?)?|導入サポート|初期設定(?:費用?)?|セットアップ(?:費用?)?|初期投資|初期コスト"
    r"|set-?up(?: costs?| fees?)?|one-off(?: costs?| fees?)?|one-time(?: costs?| fees?)?"
    r"|upfront(?: costs?)?|initial (?:costs?|fees?|investment))\s*+(?:は|が|に|of|is|are|:|would be|will be|about|around|roughly|約|で)?"
    r"\s*+(?:about|around|roughly|約)?\s*+$"
)
_SETUP_AFTER = re.compile(
    r"^\s*+(?:one-off|one-time|upfront|up front|to set (?:it )?up|for (?:the )?set-?up|set-?up(?: fee| cost)?(?![a-z])|の初期費用|初期費用)"
)
_SOLD_AT = re.compile(
    r"^\s*+(?:で|に)?\s*+(?:売って|売ってる|売ります|販売|売れ)|^\s*+(?:retail|a bottle|a unit|each)?\s*+(?:and )?(?:we )?sells?\b"
)
_REVENUE_BEFORE = re.compile(
    r"(?:revenue|turnover|(?:annual |yearly )?sales|we bill|billings?|売上|売り上げ|年商|年間売上|資本金)\s*+(?:is|are|of|:|は|が)?\s*+"
    r"(?:about|around|roughly|~|約)?\s*+[$¥]?$"
)
_REVENUE_AFTER = re.compile(
    r"^\s*+(?:in (?:revenue|sales)|revenue|turnover|a year in (?:revenue|sales)|(?:annual |operating )?budget)(?![a-z])"
)
_A_BUSINESS_OF = re.compile(r"(?<![a-z])(?:we(?:'re| are) )?an?\s*+[$¥]?$")
_BUSINESS_AFTER = re.compile(
    r"^\s*+(?:[a-z\-]+\s++){0,2}?(?:company|business|firm|agency|consultancy|practice|brand|operation)(?![a-z])"
    r"(?!\s*+(?:fees?|retainers?|bills?|invoices?|charges?|costs?|rates?|contracts?)(?![a-z]))"
)
"""A business's size in money ("a $3.5 million landscaping company", "we bill about $1.2 million a year", 「年商3億」):
not a cost of the work."""
_SOLD_AT_BEFORE = re.compile(
    r"(?:売値|販売価格|定価|客単価|sell(?:s|ing)? (?:it |them )?(?:for|at)|retail(?:s)? (?:for|at)|priced at)\s*+(?:は|が)?\s*+$"
)
_SALARY = re.compile(r"月給|給料|給与|salary|salaries|(?<![a-z])earns?(?![a-z])|(?<![a-z])earning")
_SALARY_BEFORE = re.compile(r"(?:月給|給料|給与|年収|salary|salaries|monthly (?:pay|wage)s?)[^\d。、.]{0,8}$")
_PAY_A_MONTH = re.compile(
    r"(?<![a-z])(?:pay|wages?)\s*+(?:is|are|of|:|=)\s*+(?:about|around|roughly|~)?\s*+[$¥]?$"
    r"|(?<![a-z])(?<!ai )(?<!ai-)(?P<who>[a-z]+)\s++(?:costs?(?: us)?|makes?|earns?)\s*+(?:about|around|roughly|~)?\s*+[$¥]?$"
    r"|(?<![a-z])(?:is|are|gets?|get) paid\s*+(?:about|around|roughly|~)?\s*+[$¥]?$"
    r"|(?<![a-z])(?:she|he|they)(?:'s|'re| is| are) paid\s*+(?:about|around|roughly|~)?\s*+[$¥]?$"
    r"|(?<![a-z])(?:is|are|she's|he's|they're) on\s*+(?:about|around|roughly|~)?\s*+[$¥]?$"
)
"""Before an amount a month: what a person is paid ("supervisor pay is $4,800/mo", "our estimator costs about
$4.8k a month"), a month's pay; "our scheduler costs $30 a month" is a tool's price."""


def _a_persons_pay(before: str) -> bool:
    found = _PAY_A_MONTH.search(before)
    if found is None:
        return False
    who = found["who"]
    return who is None or any(re.fullmatch(PEOPLE_EN, word) for word in (who, f"{who}s"))


OUTSOURCE = re.compile(
    r"(?<![a-z])(?:sen[dt]s?|sending)\b[^.。]{0,40}?\bout\b|out for (?:translation|transcription|design|printing|editing)|outsourc|agenc(?:y|ies)|freelanc|contractor|vendor|suppliers?(?!\s++(?:quer|question|invoice|e-?mail|order|call|message|request))|recruiter|bookkeeper|consultant|(?<![a-z])(?:firm|studio|printer)s?(?![a-z])"
    r"|外注|委託|代行|業者|依頼|外部|制作会社|翻訳会社|事務所|(?<![a-z])(?<!ai)に頼ん|(?<!ai)(?<!派遣さん)(?<!派遣)にお願いし"
    r"|(?<=[一-鿿ァ-ヿ])に出し"
)
_PAID_SOMEONE = re.compile(
    r"(?<![a-z])(?:pay|pays|paid|paying|charges?|charged|costs? us|hire|hires|hired|translators?|(?:copy)?writers?|designers?|contractors?|suppliers?"
    r"|vendors?|compan(?:y|ies)|firms?|studio|service)(?![a-z])|支払|払って|払い|払う|翻訳者|ライター|デザイナー|会社|業者|事務所"
)
TOOL = re.compile(
    r"(?<![a-z])(?:tools?|apps?|api|bot|chatbot|subscriptions?|plans?|licen[cs]es?|software|seats?|add-?ons?|plug-?ins?"
    r"|chatgpt|copilot|gemini|otter|notta|deepl|canva)(?![a-z])"
    r"|(?<![a-z])ai[\s\-]*+(?:[a-z]+\s++)?(?:[a-z]+(?:er|or|ist|ant)|service)s?(?![a-z])"
    r"|ツール|サブスク|ライセンス|プラン|アプリ|ソフト|利用料|月額|ボット|ai\s*+(?:ライター|アシスタント|エージェント|サービス)"
)
"""A tool, or an AI named for the work it does ("an AI writer", 「AIアシスタント」), not a person paid to do it."""


def _money_unit(currency: str | None, per: str) -> str:
    if currency is None:
        return per
    return f"{currency}/{per}" if per else currency


_DOES_THE_WORK = re.compile(r"outsourc|agenc(?:y|ies)|freelanc|contractor|外注|委託|代行|翻訳会社|制作会社")
"""Someone paid to do the work itself (not a tool's vendor: "the bot vendor charges ¥5 a message")."""


def _named_nearer(named: re.Pattern[str], other: re.Pattern[str], before: str) -> bool:
    """Whether `named` is said in `before` (the words just before an amount), and nearer it than `other`."""
    last = [match.end() for match in named.finditer(before)]
    rival = [match.end() for match in other.finditer(before)]
    return bool(last) and max(last) > max(rival, default=-1)


def read_money(text: str, reading: Reading, taken: list[tuple[int, int]]) -> None:
    paid_someone = _PAID_SOMEONE.search(text) is not None
    outsourced = OUTSOURCE.search(text) is not None
    recorded = re.search(rf"{RECORDED_EN}|{RECORDED_JA}|transcri|文字起こし|書き起こし|テープ起こし", text) is not None
    for money in find_money(text):
        if overlaps(money.start, money.end, taken):  # set aside already: "1e400 yen" is not 400 yen
            continue
        before, after = text[max(0, money.start - 24) : money.start], text[money.end : money.end + 40]
        window = _sentence(text, money.start, money.end)  # what the amount is of is said in its own sentence
        near = window
        # The AI tool named as what charges ("the bot vendor charges ¥5 a message"), or a set-up cost beside it;
        # a supplier named nearer the amount is what charges (「プランの翻訳を外注していて、1件2万円」).
        tool_named = _named_nearer(TOOL, _DOES_THE_WORK, before) or bool(re.search(r"set-?up|初期費用|導入費", window))
        written = text[money.start : money.end]
        if (
            _SOLD_AT.match(after)
            or _SOLD_AT_BEFORE.search(before)
            or _REVENUE_BEFORE.search(before)
            or _REVENUE_AFTER.match(after)
            or (_A_BUSINESS_OF.search(before) and _BUSINESS_AFTER.match(after) and money.low >= 100_000)
        ):  # a product's price 「シャンプー1本3,800円で売ってる」, or the business's size
            taken.append((money.start, money.end))
            reading.not_used.append(written.strip())
            continue
        if money.currency:
            reading.currencies.append(money.currency)
        if BARE_RATE.search(before) and not UNIT_SAID_AFTER.match(after):  # 「単価は5,000円」: per what?
            reading.unclear.append(rate_of_what(text, written, money, recorded))
            taken.append((money.start, money.end))
            continue
        cue = money.cue or _cue_before(before)
        qualified = (
            _AUDIO_MINUTE.match(after)
            or _AUDIO_HOUR.match(after)
            or PER_MONTH_AFTER.match(after)
            or _PER_YEAR_AFTER.match(after)
        )
        if cue and not (qualified and re.match(r"outsourc|外注|委託", cue)):
            _read_cued_money(money, written, reading, cue)
            taken.append((money.start, money.end))
            continue
        per_hour = (
            _PER_HOUR_AFTER.match(after)
            or _PER_HOUR_BEFORE.search(before)
            or _HOURLY_OF_SOMEONE.search(text, max(0, money.start - 60), money.start)
        )
        per_month = PER_MONTH_AFTER.match(after) or _PER_MONTH_BEFORE.search(before)
        per_year = _PER_YEAR_AFTER.match(after) or _PER_YEAR_BEFORE.search(before)
        per_unit = _PER_UNIT_AFTER.match(after) or _PER_UNIT_BEFORE.search(before)
        someone_paid_here = OUTSOURCE.search(window) is not None or (paid_someone and not TOOL.search(near))
        per_minute = re.match(r"^\s*+(?:a|per|/)\s*+(?:minute|min)(?![a-z])", after)
        if _AUDIO_MINUTE.match(after) or (
            (_AUDIO_MINUTE_BEFORE.search(before) or per_minute) and recorded and (outsourced or paid_someone)
        ):
            hourly_price = (money.low * 60, money.high * 60)
            reading.outsourcing_unit_cost = hourly_price[0] if money.low == money.high else hourly_price
            reading.outsourcing_per_audio_hour = True
            add_item(
                reading,
                written,
                "outsourcing_unit_cost",
                reading.outsourcing_unit_cost,
                _money_unit(money.currency, "hour of audio (60 × the price a minute)"),
            )
        elif (
            _AUDIO_HOUR.match(after)
            or _AUDIO_HOUR_BEFORE.search(before)
            or (
                per_hour
                and recorded
                and outsourced
                and not re.search(rf"時給|wage|社員|スタッフ|{PEOPLE_EN}|{_STAFF_TIME}", window)
            )
        ):
            reading.outsourcing_unit_cost, reading.outsourcing_per_audio_hour = money.value, True
            add_item(
                reading, written, "outsourcing_unit_cost", money.value, _money_unit(money.currency, "hour of audio")
            )
        elif _SETUP_BEFORE.search(before) or _SETUP_AFTER.match(after):
            reading.setup_cost = money.high
            add_item(reading, written, "setup_cost", money.high, _money_unit(money.currency, "once"))
        elif ((per_month or per_year) and (_SALARY.search(window) or _a_persons_pay(before))) or _SALARY_BEFORE.search(
            before
        ):
            yearly = bool(per_year) or re.search(r"年収|annual|yearly", before) is not None
            hourly = money.low / (12 if yearly else 1) / (8 * 52 * 5 / 12)
            reading.hourly_cost = round(hourly, 2)  # a whole unit off is 6% of a $16 hour
            add_item(
                reading,
                written,
                "hourly_cost",
                reading.hourly_cost,
                _money_unit(
                    money.currency,
                    "hour (a year's pay ÷ 12 ÷ 173 working hours)"
                    if yearly
                    else "hour (a month's pay ÷ 173 working hours)",
                ),
            )
        elif per_hour and not _PER_HOUR_AFTER.match(after) and _beyond_an_hours_pay(money, reading):
            reading.unclear.append(pay_of_a_month_or_an_hour(text, written, money))  # 「人件費は30万円」
        elif per_hour:
            _read_hourly(money, written, reading, _money_unit(money.currency, "hour"))
        elif per_month or per_year:
            value = (
                money.value
                if per_month
                else (money.low / 12 if money.low == money.high else (money.low / 12, money.high / 12))
            )
            per = "month" if per_month else "year, ÷ 12"
            if not tool_named and (OUTSOURCE.search(window) or (someone_paid_here and not TOOL.search(near))):
                reading.outsourcing_monthly_spend = value
                add_item(reading, written, "outsourcing_monthly_spend", value, _money_unit(money.currency, per))
            else:
                reading.tool_cost_monthly = value if isinstance(value, float) else value[0]
                add_item(
                    reading, written, "tool_cost_monthly", reading.tool_cost_monthly, _money_unit(money.currency, per)
                )
        elif per_unit and (outsourced or paid_someone) and not tool_named:
            reading.outsourcing_unit_cost = money.value
            add_item(reading, written, "outsourcing_unit_cost", money.value, _money_unit(money.currency, "item"))
        elif per_unit and TOOL.search(near):
            reading.tool_cost_per_unit = money.low
            add_item(reading, written, "tool_cost_per_unit", money.low, _money_unit(money.currency, "item"))
        else:
            reading.unclear.append(unclear_money(text, written, money, per_unit is not None))
        taken.append((money.start, money.end))
        period_of_price = PER_MONTH_AFTER.match(after) or _PER_YEAR_AFTER.match(after)
        if period_of_price and not per_unit:  # "$24k a year": the year is the amount's, not a volume's
            taken.append((money.end, money.end + period_of_price.end()))
        unit_of_price = re.search(
            rf"1\s*+(?:{JA_COUNTER})\s*+(?:あたり|当たり|につき|で|は|が)?\s*+(?:約|およそ)?\s*+$", before
        )
        if unit_of_price:  # 「1件100万円」: the 1 is the price's unit, not a volume
            taken.append((money.start - len(before) + unit_of_price.start(), money.start))
        hour_of_price = re.search(rf"{NUMBER}\s*+(?:時間|分)\s*+(?:あたり|当たり|につき)?\s*+$", before)
        if hour_of_price:  # 「1時間あたり3000円」, 「1分150円」: the time belongs to the price, not to the task
            taken.append((money.start - len(before) + hour_of_price.start(), money.start))


_CUE_BEFORE = re.compile(
    r"(?:@|時給|hourly(?:\s++(?:cost|rate|wage))?|(?<![a-z])(?:ai\s++)?tools?|ツール(?:代|費)?|(?<![a-z])outsourc(?:ed|ing|e)(?:\s++(?:at|for))?"
    r"|外注(?:費)?|委託(?:費)?)\s*+(?::|at|@|for)?\s*+$"
)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence an amount is in (at most 80 characters either side)."""
    head = text[max(0, start - 80) : start]
    ends = list(SENTENCE_END.finditer(head))
    begin = max(0, start - 80) + (ends[-1].end() if ends else 0)
    tail = SENTENCE_END.search(text, end, min(len(text), end + 80))
    return text[begin : tail.start() if tail else min(len(text), end + 80)]


def _cue_before(before: str) -> str:
    """The word right before an amount that says what it is ("@", "時給", "tool", "outsourced"), if any."""
    found = _CUE_BEFORE.search(before)
    return found[0].strip() if found else ""


HIGHEST_HOURLY = {"JPY": 20_000, "USD": 300}
"""Above this, an amount said to be staff cost is no hour's pay (a month's, or a team's)."""


def _beyond_an_hours_pay(money: Money, reading: Reading) -> bool:
    return money.low > HIGHEST_HOURLY.get(money.currency or reading.currency or "JPY", HIGHEST_HOURLY["JPY"])


def _read_hourly(money: Money, written: str, reading: Reading, unit: str) -> None:
    """Staff cost an hour; a range (「時給2,000〜2,500円」) is kept for the calculator to give both ends."""
    reading.hourly_cost = money.low
    if money.low != money.high:
        reading.ranges["hourly_cost"] = (money.low, money.high)
    add_item(reading, written, "hourly_cost", money.value, unit)


def _read_cued_money(money: Money, written: str, reading: Reading, cue: str) -> None:
    """ "@3000" and "時給3000" are staff cost an hour, "tool 3000" the AI tool a month, "outsourced 30000" a price per item."""
    unit = money.currency or "default currency"
    if re.match(r"@|時給|hourly", cue):
        _read_hourly(money, written, reading, f"{unit}/hour")
    elif re.match(r"outsourc|外注|委託", cue):
        reading.outsourcing_unit_cost = money.value
        add_item(reading, written, "outsourcing_unit_cost", money.value, f"{unit}/item")
    else:
        reading.tool_cost_monthly = money.low
        add_item(reading, written, "tool_cost_monthly", money.low, f"{unit}/month")


_STAFF_TIME = r"(?<![a-z])(?:(?:[a-z]+'s|my|our|staff|their) )?time (?:is|costs?|at|runs)(?![a-z])|の時間"
"""Words that make an amount an hour someone's time: "producer time is $28/h"."""
