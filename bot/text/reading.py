"""What people read about how their question was read: the "Read as" line of every calculation,
the question back when a number could mean two things, and the tools it named that the catalog lacks."""

from __future__ import annotations

from bot.domain.money import Currency, format_money
from bot.domain.quantities import Reading, Unclear
from bot.domain.savings import Scenario
from bot.text.answers import PERIOD_WORDS, pick


def _quantity(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _money(value: float | tuple[float, float], currency: Currency, language: str) -> str:
    if isinstance(value, tuple):
        return f"{format_money(value[0], currency)}{pick(language, '–', '〜')}{format_money(value[1], currency)}"
    return format_money(value, currency)


def _minutes(reading: Reading, role: str, value: float, language: str) -> str:
    """A time as read, to a tenth of a minute: "10–15" for a range, else the number."""
    if role in reading.ranges and value == getattr(reading, role):
        low, high = reading.ranges[role]
        return f"{round(low, 1):g}{pick(language, '–', '〜')}{round(high, 1):g}"
    return f"{round(value, 1):g}"


def reading_line(reading: Reading, scenario: Scenario, language: str) -> str:
    """ "Read as: 3 people × 8 reports a week = 104 a month; 30 → 10 minutes each; staff at ¥2,200 an hour"."""
    currency = scenario.currency
    parts: list[str] = []
    if reading.volume is not None and reading.period is not None:
        words = reading.volume_words or pick(language, "units", "件")
        if reading.volume_is_recorded_hours:
            words = pick(language, "hours of recordings", "時間の録音・会議")
        elif reading.volume_is_hours:
            words = pick(language, "hours of work", "時間の作業")
        per = PERIOD_WORDS[language][reading.period]
        ranged = reading.ranges.get("volume")
        if reading.days_a_month is not None:  # a business open every day: "8 a day × 30 days = 240 a month"
            days = reading.days_a_month
            daily = (
                f"{_quantity(ranged[0] / days)}{pick(language, '–', '〜')}{_quantity(ranged[1] / days)}"
                if ranged
                else _quantity(reading.volume / days)
            )
            monthly = (
                f"{_quantity(ranged[0])}{pick(language, '–', '〜')}{_quantity(ranged[1])}"
                if ranged
                else _quantity(scenario.monthly_volume)
            )
            volume = pick(
                language,
                f"{daily} {words} a day × {days:g} days (open every day) = {monthly} a month",
                f"1日{daily}{words}×{days:g}日（毎日営業）＝月{monthly}",
            )
        elif ranged is not None and reading.people and reading.volume_per_person is not None:
            each = f"{_quantity(ranged[0] / reading.people)}{pick(language, '–', '〜')}{_quantity(ranged[1] / reading.people)}"
            volume = pick(
                language,
                f"{_quantity(reading.people)} people × {each} {words} {per}",
                f"{_quantity(reading.people)}人×{per}{each}{words}",
            )
        elif ranged is not None:
            span = f"{_quantity(ranged[0])}{pick(language, '–', '〜')}{_quantity(ranged[1])}"
            volume = pick(language, f"{span} {words} {per}", f"{per}{span}{words}")
        elif reading.people and reading.volume_per_person is not None:
            volume = pick(
                language,
                f"{_quantity(reading.people)} people × {_quantity(reading.volume_per_person)} {words} {per}",
                f"{_quantity(reading.people)}人×{per}{_quantity(reading.volume_per_person)}{words}",
            )
        elif reading.volume == 1 and not reading.volume_words:  # done once a period
            volume = pick(language, f"once {per}", f"{per}1回")
        else:
            volume = pick(
                language, f"{_quantity(reading.volume)} {words} {per}", f"{per}{_quantity(reading.volume)}{words}"
            )
        if (
            reading.days_a_month is None
            and ranged is not None
            and (reading.period != "month" or reading.volume_per_person is not None)
        ):
            factor = scenario.monthly_volume / scenario.volume
            monthly = f"{_quantity(ranged[0] * factor)}{pick(language, '–', '〜')}{_quantity(ranged[1] * factor)}"
            volume += pick(language, f" = {monthly} a month", f"＝月{monthly}")
        elif reading.days_a_month is None and (reading.period != "month" or reading.volume_per_person is not None):
            volume += pick(
                language,
                f" = {_quantity(scenario.monthly_volume)} a month",
                f"＝月{_quantity(scenario.monthly_volume)}",
            )
        parts.append(volume)
    if reading.outsourcing_monthly_spend is not None:
        spend = _money(reading.outsourcing_monthly_spend, currency, language)
        parts.append(pick(language, f"{spend} a month paid to an outside supplier", f"外注費 月{spend}"))
    if scenario.minutes_before is not None and reading.minutes_before is not None:
        before = _minutes(reading, "minutes_before", scenario.minutes_before, language)
        if reading.minutes_after is not None:
            after = _minutes(reading, "minutes_after", reading.minutes_after, language)
            if reading.after_share is not None and "minutes_before" in reading.ranges:
                low, high = reading.ranges["minutes_before"]
                after = f"{round(low * reading.after_share, 1):g}{pick(language, '–', '〜')}{round(high * reading.after_share, 1):g}"
            parts.append(pick(language, f"{before} → {after} minutes each", f"1件{before}分→{after}分"))
        else:
            parts.append(pick(language, f"{before} minutes each today", f"現在1件{before}分"))
    if reading.hourly_cost is not None:
        rate = _money(reading.ranges.get("hourly_cost") or reading.hourly_cost, currency, language)
        parts.append(pick(language, f"staff at {rate} an hour", f"時給{rate}"))
    if reading.outsourcing_unit_cost is not None:
        price = _money(reading.outsourcing_unit_cost, currency, language)
        parts.append(
            pick(
                language,
                f"outsourced at {price} per hour of audio"
                if reading.outsourcing_per_audio_hour
                else f"outsourced at {price} each",
                f"外注 音声1時間あたり{price}" if reading.outsourcing_per_audio_hour else f"外注 1件{price}",
            )
        )
    if reading.tool_cost_monthly is not None:
        parts.append(
            pick(
                language,
                f"AI tool {format_money(reading.tool_cost_monthly, currency)} a month",
                f"AIツール 月{format_money(reading.tool_cost_monthly, currency)}",
            )
        )
    if reading.tool_cost_per_unit is not None:
        parts.append(
            pick(
                language,
                f"AI tool {format_money(reading.tool_cost_per_unit, currency)} each",
                f"AIツール 1件{format_money(reading.tool_cost_per_unit, currency)}",
            )
        )
    if reading.setup_cost is not None:
        parts.append(
            pick(
                language,
                f"set-up {format_money(reading.setup_cost, currency)} once",
                f"初期費用{format_money(reading.setup_cost, currency)}",
            )
        )
    if reading.not_used and parts:
        parts.append(
            pick(
                language,
                "not used: " + ", ".join(reading.not_used),
                "計算に使っていない数：" + "、".join(reading.not_used),
            )
        )
    if not parts:
        return ""
    return pick(language, "Read as: " + "; ".join(parts), "読み取り：" + "、".join(parts))


def clarify_answer(reading: Reading, language: str) -> str:
    """The question back about the first unclear number, with its numbered readings (0 tokens, nothing guessed)."""
    unclear: Unclear = reading.unclear[0]
    choices = "\n".join(
        f"{number}. {pick(language, english, japanese)}"
        for number, (english, japanese, _) in enumerate(unclear.choices, 1)
    )
    if unclear.kind == "which":  # several figures for one thing: two staff costs, two times, two volumes
        return pick(
            language,
            f"Before I work this out: the question gives more than one figure for the same thing ({unclear.text}). "
            f"Which should I count?\n{choices}\nI would rather ask than give you a figure built on a guess.",
            f"計算の前に確認させてください：同じ項目に複数の数字があります（{unclear.text}）。どれで計算しますか？\n{choices}\n"
            "推測で金額を出すより、確認させてください。",
        )
    if unclear.kind == "length":  # a price per word or character, a volume in pages
        return pick(
            language,
            f"Before I work this out: the price is per word or character, and “{unclear.text}” counts pages or "
            f"documents. About how long is each?\n{choices}\nOr ask again with the words or characters a month.",
            f"計算の前に確認させてください：単価は文字（語）単位ですが、「{unclear.text}」はページや件数です。"
            f"1つあたりの長さはどのくらいですか？\n{choices}\nまたは、月の文字数を書いて聞き直してください。",
        )
    return pick(
        language,
        f"Before I work this out: what does “{unclear.text}” mean here?\n{choices}\n"
        "I would rather ask than give you a figure built on a guess.",
        f"計算の前に確認させてください：「{unclear.text}」はどの意味ですか？\n{choices}\n"
        "推測で金額を出すより、確認させてください。",
    )


def choose_hint(count: int, language: str) -> str:
    """How to answer a question back in the terminal: the next line picks a reading."""
    numbers = ", ".join(str(number) for number in range(1, count + 1))
    return pick(
        language,
        f"(Reply with {numbers}, or ask again with the number written out.)",
        f"（{numbers}のどれかで答えるか、数字の意味を書き足して聞き直してください。）",
    )


def with_unlisted(answer: str, names: list[str], language: str) -> str:
    """The answer with "Notta is not in the catalog yet" near its top (after the "Read as" line of a calculation):
    a tool asked about is never silently left out."""
    line = pick(
        language,
        f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} not in the catalog yet, so not priced here.",
        f"{'、'.join(names)}はまだカタログにないため、ここでは価格を比べていません。",
    )
    first, _, rest = answer.partition("\n")
    if first.startswith(("Read as: ", "読み取り：")):
        return f"{first}\n{line}\n{rest}"
    return f"{line}\n{answer}"


def model_choice_line(chosen: list[tuple[str, str, str]], model: str, language: str) -> str:
    """How a model settled the numbers the reader could read two ways: "“20 a day” taken as: each of the 5 does the volume"."""
    taken = [
        pick(language, f"“{number}” as {english}", f"「{number}」は{japanese}") for number, english, japanese in chosen
    ]
    return pick(
        language,
        f"{'; '.join(taken)}: the model {model} read your numbers this way, and only this way.",
        f"{'、'.join(taken)}として計算しました（モデル{model}による数字の読み取りがこの読み方とだけ一致）。",
    )


def reading_footer(
    path: str, model: str, prompt_tokens: int, completion_tokens: int, cost_usd: float, language: str
) -> str:
    """The cost line of an answer whose numbers a model read: the calculator answered, the reading cost this."""
    source = (
        pick(language, "Answered from the savings calculator", "回答元：削減効果の計算機")
        if path == "calculator"
        else pick(
            language,
            "Asked back by the savings calculator: the model's reading did not settle it",
            "削減効果の計算機からの確認：モデルの読み取りでは決められませんでした",
        )
    )
    tokens = f"{prompt_tokens:,} + {completion_tokens:,}"
    return "— " + " · ".join(
        [
            source,
            pick(
                language,
                f"numbers read by {model} · {tokens} tokens · ${cost_usd:.5f}",
                f"数字の読み取り：{model} · {tokens}トークン · ${cost_usd:.5f}",
            ),
        ]
    )
