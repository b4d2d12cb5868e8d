"""Answers as text people read, in English or Japanese.

The same text goes to the terminal and (later) into Slack, so it uses only plain lines
and "•" bullets: nothing that renders differently in the two.
"""

from __future__ import annotations

from bot.domain.catalog import UNIT_LABELS, USAGE_LABELS, Category, PlanCost, PriceComponent, TaskBaseline, Tool
from bot.domain.money import Currency, ExchangeRate, format_money
from bot.domain.plan import AdoptionPlan, BuildVersusBuy, PlanItem
from bot.domain.quantities.words import JA_PERIOD_WORDS
from bot.domain.savings import Figure, SavingsResult, Scenario, Span

PERIOD_WORDS = {
    "en": {"day": "a day", "week": "a week", "month": "a month", "year": "a year"},
    "ja": JA_PERIOD_WORDS,
}


def pick(language: str, en: str, ja: str) -> str:
    """The English or the Japanese text, for the reader's language."""
    return ja if language == "ja" else en


def money_figure(figure: Figure | None, currency: Currency, language: str) -> str:
    if figure is None:
        return "—"
    if isinstance(figure, Span):
        low = format_money(figure.low, currency) if figure.low is not None else "—"
        high = format_money(figure.high, currency) if figure.high is not None else pick(language, "never", "回収不可")
        return low if low == high else f"{low}{pick(language, '–', '〜')}{high}"
    return format_money(figure, currency)


def plain_figure(figure: Figure | None, language: str, suffix: str = "") -> str:
    if figure is None:
        return "—"
    if isinstance(figure, Span):
        if figure.low == figure.high:
            return f"{figure.low:,.1f}{suffix}"
        high = f"{figure.high:,.1f}{suffix}" if figure.high is not None else pick(language, "never", "回収不可")
        return f"{figure.low:,.1f}{suffix}{pick(language, '–', '〜')}{high}"
    return f"{figure:,.1f}{suffix}"


def price_text(price: PriceComponent, language: str) -> str:
    return f"{format_money(price.amount, price.currency)} {UNIT_LABELS[price.unit][language]}"


def plan_text(option_plan, language: str) -> str:
    if not option_plan.prices or option_plan.is_free:
        text = pick(language, "free", "無料")
    else:
        text = " + ".join(price_text(price, language) for price in option_plan.prices)
    if option_plan.limit is not None:
        unit = USAGE_LABELS[option_plan.limit.unit]
        text += pick(
            language,
            f" (includes {quantity(option_plan.limit.quantity)} {unit['en']} a month)",
            f"（月{quantity(option_plan.limit.quantity)}{unit['ja']}まで）",
        )
    return text


def tool_line(option: PlanCost, language: str) -> str:
    tool = option.tool
    kind = pick(language, "API" if tool.kind == "api" else "app", "API" if tool.kind == "api" else "アプリ")
    estimate = format_money(option.monthly_cost, option.currency)
    return pick(
        language,
        f"{tool.name} [{tool.id}] ({kind}) — about {estimate} a month on {option.plan.name}: {plan_text(option.plan, language)}. {tool.describe(language)}",
        f"{tool.name} [{tool.id}]（{kind}）— {option.plan.name}で月およそ{estimate}：{plan_text(option.plan, language)}。{tool.describe(language)}",
    )


def quantity(value: float) -> str:
    """20, 20,000, 0.83: whole numbers without decimals, small ones with two."""
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def units_text(baseline: TaskBaseline, volume: float, language: str) -> str:
    """A number of the task's units as it reads: "20 hours of audio", "1 proposal", "20時間"."""
    if baseline.units is None:
        return pick(language, f"{quantity(volume)} × {baseline.unit.en}", f"{quantity(volume)}件")
    if language == "ja":
        return f"{quantity(volume)}{baseline.units.ja}"
    return f"{quantity(volume)} {baseline.unit.en if volume == 1 else baseline.units.en}"


def volume_text(baseline: TaskBaseline, volume: float, language: str, *, typical: bool = False) -> str:
    """A month's volume of the task; `typical`: a typical small business's, not one the asker gave."""
    count = units_text(baseline, volume, language)
    if typical:
        return pick(language, f"a typical month: {count}", f"一般的な月の量：{count}")
    return pick(language, f"{count} a month", f"月{count}")


def converted_note(options: list[PlanCost], currency: Currency, rate: ExchangeRate, language: str) -> str | None:
    if any(price.currency != currency for option in options for price in option.plan.prices):
        return pick(language, f"Prices converted at {rate.describe('en')}.", f"換算レート：{rate.describe('ja')}。")
    return None


def catalog_answer(
    baseline: TaskBaseline | None,
    category: Category,
    apps: list[PlanCost],
    apis: list[PlanCost],
    volume: float,
    currency: Currency,
    rate: ExchangeRate,
    language: str,
    *,
    typical: bool = True,
) -> str:
    """The cheapest apps and APIs for `volume` units a month (`typical`: a typical business's, not the asker's)."""
    name = baseline.name(language) if baseline else category.value
    lines = [
        pick(language, f"Cheapest off-the-shelf options for {name}", f"{name}の安い既製ツール")
        + (
            pick(language, " ({}):", "（{}）：").format(volume_text(baseline, volume, language, typical=typical))
            if baseline
            else pick(language, ":", "：")
        )
    ]
    if apps:
        lines.append(pick(language, "Ready-to-use apps:", "すぐ使えるアプリ："))
        lines += [f"• {tool_line(option, language)}" for option in apps[:3]]
    if apis:
        lines.append(pick(language, "APIs (need someone to connect them):", "API（つなぎ込みが必要）："))
        lines += [f"• {tool_line(option, language)}" for option in apis[:2]]
    if not apps and not apis:
        lines.append(pick(language, "No catalog tool fits this volume.", "この量に合うツールはカタログにありません。"))
    if baseline and baseline.outsourcing_unit_cost:
        span = baseline.outsourcing_unit_cost
        cost = money_figure(Span(low=span.low, high=span.high), baseline.outsourcing_currency, language)
        lines.append(
            pick(
                language,
                f"For comparison, outsourcing costs {cost} per {baseline.unit('en')}.",
                f"比較：外注すると{baseline.unit('ja')}あたり{cost}。",
            )
        )
    note = converted_note(apps[:3] + apis[:2], currency, rate, language)
    if note:
        lines.append(note)
    return "\n".join(lines)


def tool_answer(tool: Tool, language: str) -> str:
    lines = [f"{tool.name} [{tool.id}] — {tool.vendor}", tool.describe(language)]
    lines.append(pick(language, "Plans:", "プラン："))
    for plan in tool.plans:
        billing = {
            "monthly": pick(language, "billed monthly", "月払い"),
            "annual": pick(language, "billed yearly", "年払い"),
            "usage": pick(language, "pay as you go", "従量課金"),
        }[plan.billing]
        lines.append(f"• {plan.name} ({billing}): {plan_text(plan, language)}")
    if tool.free_tier:
        lines.append(pick(language, f"Free tier: {tool.free_tier}", f"無料枠：{tool.free_tier}"))
    lines.append(
        pick(
            language,
            f"Price last verified {tool.last_verified.isoformat()} at {tool.price_source}",
            f"価格確認日 {tool.last_verified.isoformat()}（出典 {tool.price_source}）",
        )
    )
    return "\n".join(lines)


def calculation_answer(
    scenario: Scenario,
    result: SavingsResult,
    label: str,
    tool: PlanCost | None,
    notes: list[str],
    language: str,
    count: str | None = None,
) -> str:
    """The savings of `scenario`; `count` is its volume with the task's units ("20 hours of audio", "20時間")."""
    currency = result.currency
    per = PERIOD_WORDS[language][scenario.period]
    count = count or pick(language, f"{scenario.volume:,g}", f"{scenario.volume:,g}件")
    head = pick(language, f"Savings for {label}, {count} {per}:", f"{label}（{per}{count}）の削減効果：")
    lines = [head]
    hours = result.hours_saved_per_month
    if scenario.minutes_before is not None or scenario.minutes_after is not None:
        lines.append(hours_line(hours, language))
    priced = scenario.hourly_cost is not None or scenario.outsourcing_unit_cost is not None
    if priced:
        lines.append(
            pick(
                language,
                f"• Cost today: {money_figure(result.baseline_cost_per_month, currency, language)} a month → with AI: {money_figure(result.ai_cost_per_month, currency, language)} a month",
                f"• 現在のコスト：月{money_figure(result.baseline_cost_per_month, currency, language)} → AI導入後：月{money_figure(result.ai_cost_per_month, currency, language)}",
            )
        )
        lines.append(
            pick(
                language,
                f"• Savings: {money_figure(result.savings_per_month, currency, language)} a month, {money_figure(result.savings_per_year, currency, language)} a year",
                f"• 削減額：月{money_figure(result.savings_per_month, currency, language)}、年{money_figure(result.savings_per_year, currency, language)}",
            )
        )
    else:
        lines.append(
            pick(
                language,
                '• To see this in money, add your staff cost per hour (for example "staff at 3,000 yen an hour").',
                "• 金額で見るには、時給（例：「時給3,000円」）を添えてください。",
            )
        )
    if scenario.setup_cost:
        lines.append(
            pick(
                language,
                f"• Payback: {plain_figure(result.payback_months, language, ' months')}",
                f"• 回収期間：{plain_figure(result.payback_months, language, 'か月')}",
            )
        )
    if tool is not None:
        lines.append(
            pick(language, "Cheapest fitting tool:", "条件に合う最安ツール：") + " " + tool_line(tool, language)
        )
    lines.append(pick(language, "Assumptions:", "前提："))
    lines += [f"• {sentence}" for sentence in notes + result.assumptions]
    return "\n".join(lines)


def plan_answer(plan: AdoptionPlan, rate: ExchangeRate, language: str) -> str:
    currency = plan.currency
    lines: list[str] = []
    if plan.is_typical:
        lines.append(
            pick(
                language,
                "No company profile is stored yet, so this is the plan for a typical small business (staff at ¥3,000 an hour). Save your own with `advisor profile set FILE`.",
                "会社プロフィールが未登録のため、一般的な中小企業（人件費 時給3,000円）での計画です。`advisor profile set FILE` で自社の情報を登録できます。",
            )
        )
    if plan.start is not None:
        start = plan.start
        lines.append(pick(language, f"Start with: {start.label}.", f"まずはここから：{start.label}。"))
        lines.append(
            pick(
                language,
                f"It takes {start.hours_spent_per_month:,.1f} h of staff time a month today"
                f" and AI would save {money_figure(start.result.savings_per_month, currency, language)} a month.",
                f"現在 月{start.hours_spent_per_month:,.1f}時間かかっており、AIで月{money_figure(start.result.savings_per_month, currency, language)}削減できます。",
            )
        )
    else:
        lines.append(
            pick(
                language,
                "None of these tasks saves money with today's tools.",
                "現在のツールでは、どの業務でも削減効果が出ません。",
            )
        )
    lines.append(pick(language, "Tasks ranked by net monthly savings:", "月あたりの純削減額の順："))
    for rank, item in enumerate(plan.items, start=1):
        lines.append(f"{rank}. {_item_line(item, currency, language)}")
    lines.append(
        pick(
            language,
            f"Together: {plan.hours_freed_per_month:,.1f} h of staff time freed and {format_money(plan.savings_per_month, currency)} saved a month (at least). Put the freed time into what only people can do: customers, judgement, new work.",
            f"合計：月{plan.hours_freed_per_month:,.1f}時間の作業時間と月{format_money(plan.savings_per_month, currency)}以上を削減。浮いた時間は顧客との関係づくりや判断など、人にしかできない仕事へ。",
        )
    )
    if plan.build_versus_buy is not None:
        lines.append(build_versus_buy_text(plan.build_versus_buy, language))
    options = [option for item in plan.items for option in (item.tool, item.api_alternative) if option]
    note = converted_note(options, currency, rate, language)
    if note:
        lines.append(note)
    return "\n".join(lines)


def hours_line(hours: Figure, language: str) -> str:
    low = hours.low if isinstance(hours, Span) else hours
    if low is not None and low < 0:
        extra = plain_figure(
            Span(low=-low, high=None if hours.high is None else -hours.high) if isinstance(hours, Span) else -low,
            language,
        )
        return pick(
            language,
            f"• Extra in-house time: {extra} h a month (the work comes back in-house, at a fraction of the price)",
            f"• 社内作業の増加：月{extra}時間（外注をやめ、低コストで社内対応）",
        )
    return pick(
        language,
        f"• Staff time saved: {plain_figure(hours, language, ' h')} a month",
        f"• 削減できる作業時間：月{plain_figure(hours, language, '時間')}",
    )


def build_versus_buy_text(bvb: BuildVersusBuy, language: str) -> str:
    currency = bvb.currency
    build = money_figure(Span(low=bvb.build_low, high=bvb.build_high), currency, language)
    return pick(
        language,
        f"Build versus buy over {bvb.years} years: building your own AI costs {build} (development plus a data scientist) "
        f"against {format_money(bvb.buy, currency)} for off-the-shelf tools.",
        f"{bvb.years}年間の比較：独自AIの開発は{build}（開発費＋データサイエンティスト）、既製ツールなら{format_money(bvb.buy, currency)}。",
    )


def _item_line(item: PlanItem, currency: Currency, language: str) -> str:
    savings = money_figure(item.result.savings_per_month, currency, language)
    tool = (
        f"{item.tool.tool.name} [{item.tool.tool.id}]"
        if item.tool
        else pick(language, "no catalog tool", "該当ツールなし")
    )
    hours = item.result.hours_saved_per_month
    low = hours.low if isinstance(hours, Span) else hours
    if low is not None and low < 0:
        time = pick(
            language,
            f"{plain_figure(-low, language)} h more in-house",
            f"社内作業 {plain_figure(-low, language)}時間増",
        )
    else:
        time = pick(language, f"{plain_figure(hours, language)} h freed", f"{plain_figure(hours, language)}時間削減")
    return pick(
        language,
        f"{item.label}: {savings} a month, {time}, with {tool}",
        f"{item.label}：月{savings}、{time}（{tool}）",
    )


def model_footer(
    tool_ids: list[str], model: str, prompt_tokens: int, completion_tokens: int, cost_usd: float, language: str
) -> str:
    parts = []
    if tool_ids:
        parts.append(pick(language, "Sources: catalog entries ", "出典：カタログ項目 ") + ", ".join(tool_ids))
    tokens = f"{prompt_tokens:,} + {completion_tokens:,}"
    parts.append(
        pick(
            language,
            f"Model: {model} · {tokens} tokens · ${cost_usd:.5f}",
            f"モデル：{model} · {tokens}トークン · ${cost_usd:.5f}",
        )
    )
    return "— " + " · ".join(parts)


_ZERO_TOKEN_SOURCES = {
    "calculator": ("the savings calculator", "削減効果の計算機"),
    "clarify": ("the savings calculator, asking before it calculates", "削減効果の計算機（計算前の確認）"),
    "catalog": ("the tool catalog", "ツールカタログ"),
    "plan": ("the adoption plan", "導入計画"),
    "budget": ("the budget ledger", "予算の記録"),
    "inventory": ("the monthly inventory", "月次の価格棚卸し"),
}


def with_footer(answer: str, footer: str) -> str:
    """An answer with its footer line, as the terminal shows it and the question log keeps it."""
    return f"{answer}\n{footer}" if footer else answer


def zero_token_source(path: str, language: str) -> str | None:
    """What answers a zero-token path ("the tool catalog"); None for any other path."""
    names = _ZERO_TOKEN_SOURCES.get(path)
    return pick(language, *names) if names else None


def sources_footer(tool_ids: list[str], language: str, path: str) -> str:
    source = zero_token_source(path, language)
    if source is None:  # declined, or no model could answer
        return pick(language, "— No model called · 0 tokens · $0", "— モデル呼び出しなし · 0トークン · $0")
    parts = [pick(language, f"Answered from {source}", f"回答元：{source}")]
    if tool_ids:
        parts.append(pick(language, "catalog entries: ", "カタログ項目：") + ", ".join(tool_ids))
    parts.append(pick(language, "0 tokens · $0", "0トークン · $0"))
    return "— " + " · ".join(parts)
