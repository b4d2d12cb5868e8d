"""Answers as text people read, in English or Japanese.

The same text goes to the terminal and (later) into Slack, so it uses only plain lines
and "•" bullets: nothing that renders differently in the two.
"""

from __future__ import annotations

from bot.domain.catalog import Category, PlanCost, PriceComponent, TaskBaseline, Tool, unit_label, usage_label
from bot.domain.messages import say
from bot.domain.money import Currency, ExchangeRate, format_money
from bot.domain.plan import AdoptionPlan, BuildVersusBuy, PlanItem
from bot.domain.savings import Figure, SavingsResult, Scenario, Span


def period_words(period: str, language: str) -> str:
    """How a period is written with a count: "a week" ("5 reports a week"); 「週」 in Japanese (「週5件」)."""
    if period == "day":
        return say(language, "a day", context="period")
    if period == "week":
        return say(language, "a week", context="period")
    if period == "month":
        return say(language, "a month", context="period")
    return say(language, "a year", context="period")


def money_figure(figure: Figure | None, currency: Currency, language: str) -> str:
    if figure is None:
        return "—"
    if isinstance(figure, Span):
        low = format_money(figure.low, currency) if figure.low is not None else "—"
        high = (
            format_money(figure.high, currency)
            if figure.high is not None
            else say(language, "never", context="payback")
        )
        return low if low == high else say(language, "{low}–{high}", low=low, high=high)
    return format_money(figure, currency)


def plain_figure(figure: Figure | None, language: str, suffix: str = "") -> str:
    if figure is None:
        return "—"
    if isinstance(figure, Span):
        if figure.low == figure.high:
            return f"{figure.low:,.1f}{suffix}"
        high = f"{figure.high:,.1f}{suffix}" if figure.high is not None else say(language, "never", context="payback")
        return say(language, "{low}–{high}", low=f"{figure.low:,.1f}{suffix}", high=high)
    return f"{figure:,.1f}{suffix}"


def price_text(price: PriceComponent, language: str) -> str:
    return f"{format_money(price.amount, price.currency)} {unit_label(price.unit, language)}"


def plan_text(option_plan, language: str) -> str:
    if not option_plan.prices or option_plan.is_free:
        text = say(language, "free")
    else:
        text = " + ".join(price_text(price, language) for price in option_plan.prices)
    if option_plan.limit is not None:
        text += say(
            language,
            " (includes {quantity} {unit} a month)",
            quantity=quantity(option_plan.limit.quantity),
            unit=usage_label(option_plan.limit.unit, language),
        )
    return text


def tax_words(option: PlanCost, language: str) -> str:
    """Whether a yen estimate includes Japan's consumption tax: " (tax incl.)", or " (before tax)" for
    a price quoted before tax or converted from dollars (vendors abroad add the tax on the bill)."""
    if option.currency != "JPY" or option.plan.is_free:
        return ""
    if option.tool.tax_included and all(price.currency == "JPY" for price in option.plan.prices):
        return say(language, " (tax incl.)")
    return say(language, " (before tax)")


def tool_line(option: PlanCost, language: str) -> str:
    tool = option.tool
    return say(
        language,
        "{name} [{id}] ({kind}) — about {estimate} a month on {plan}: {prices}. {description}",
        name=tool.name,
        id=tool.id,
        kind="API" if tool.kind == "api" else say(language, "app"),
        estimate=format_money(option.monthly_cost, option.currency) + tax_words(option, language),
        plan=option.plan.name,
        prices=plan_text(option.plan, language),
        description=tool.describe(language),
    )


def quantity(value: float) -> str:
    """20, 20,000, 0.83: whole numbers without decimals, small ones with two."""
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def units_text(baseline: TaskBaseline, volume: float, language: str) -> str:
    """A number of the task's units as it reads: "20 hours of audio", "1 proposal", "20時間"."""
    count = quantity(volume)
    if baseline.units is None:
        return say(language, "{count} × {unit}", count=count, unit=baseline.unit.en)
    # The catalog's own words: an English noun has a singular ("1 proposal"), a Japanese counter none (「1件」).
    units = baseline.unit.en if volume == 1 and language != "ja" else baseline.units(language)
    return say(language, "{count} {units}", count=count, units=units)


def volume_text(baseline: TaskBaseline, volume: float, language: str, *, typical: bool = False) -> str:
    """A month's volume of the task; `typical`: a typical small business's, not one the asker gave."""
    count = units_text(baseline, volume, language)
    if typical:
        return say(language, "a typical month: {count}", count=count)
    return say(language, "{count} a month", count=count)


def converted_note(options: list[PlanCost], currency: Currency, rate: ExchangeRate, language: str) -> str | None:
    if any(price.currency != currency for option in options for price in option.plan.prices):
        return say(language, "Prices converted at {rate}.", rate=rate.describe(language))
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
    if baseline:
        volume_words = volume_text(baseline, volume, language, typical=typical)
        lines = [say(language, "Cheapest off-the-shelf options for {name} ({volume}):", name=name, volume=volume_words)]
    else:
        lines = [say(language, "Cheapest off-the-shelf options for {name}:", name=name)]
    if apps:
        lines.append(say(language, "Ready-to-use apps:"))
        lines += [f"• {tool_line(option, language)}" for option in apps[:3]]
    if apis:
        lines.append(say(language, "APIs (need someone to connect them):"))
        lines += [f"• {tool_line(option, language)}" for option in apis[:2]]
    if not apps and not apis:
        lines.append(say(language, "No catalog tool fits this volume."))
    if baseline and baseline.outsourcing_unit_cost:
        span = baseline.outsourcing_unit_cost
        cost = money_figure(Span(low=span.low, high=span.high), baseline.outsourcing_currency, language)
        lines.append(
            say(
                language,
                "For comparison, outsourcing costs {cost} per {unit}.",
                cost=cost,
                unit=baseline.unit(language),
            )
        )
    note = converted_note(apps[:3] + apis[:2], currency, rate, language)
    if note:
        lines.append(note)
    return "\n".join(lines)


def tool_answer(tool: Tool, language: str) -> str:
    lines = [f"{tool.name} [{tool.id}] — {tool.vendor}", tool.describe(language)]
    lines.append(say(language, "Plans:"))
    for plan in tool.plans:
        lines.append(f"• {plan.name} ({_billing(plan.billing, language)}): {plan_text(plan, language)}")
    if tool.free_tier:
        lines.append(say(language, "Free tier: {free_tier}", free_tier=tool.free_tier))
    lines.append(
        say(
            language,
            "Price last verified {day} at {source}",
            day=tool.last_verified.isoformat(),
            source=tool.price_source,
        )
    )
    return "\n".join(lines)


def _billing(billing: str, language: str) -> str:
    if billing == "monthly":
        return say(language, "billed monthly")
    if billing == "annual":
        return say(language, "billed yearly")
    return say(language, "pay as you go")


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
    per = period_words(scenario.period, language)
    count = count or say(language, "{volume:,g}", context="count", volume=scenario.volume)
    lines = [say(language, "Savings for {label}, {count} {per}:", label=label, count=count, per=per)]
    hours = result.hours_saved_per_month
    if scenario.minutes_before is not None or scenario.minutes_after is not None:
        lines.append(hours_line(hours, language))
    priced = scenario.hourly_cost is not None or scenario.outsourcing_unit_cost is not None
    if priced:
        lines.append(
            say(
                language,
                "• Cost today: {before} a month → with AI: {after} a month",
                before=money_figure(result.baseline_cost_per_month, currency, language),
                after=money_figure(result.ai_cost_per_month, currency, language),
            )
        )
        lines.append(
            say(
                language,
                "• Savings: {month} a month, {year} a year",
                month=money_figure(result.savings_per_month, currency, language),
                year=money_figure(result.savings_per_year, currency, language),
            )
        )
    else:
        lines.append(
            say(
                language,
                '• To see this in money, add your staff cost per hour (for example "staff at 3,000 yen an hour").',
            )
        )
    if scenario.setup_cost:
        months = plain_figure(result.payback_months, language, say(language, " months"))
        lines.append(say(language, "• Payback: {months}", months=months))
    if tool is not None:
        lines.append(say(language, "Cheapest fitting tool: {tool}", tool=tool_line(tool, language)))
    lines.append(say(language, "Assumptions:"))
    lines += [f"• {sentence}" for sentence in notes + result.assumptions]
    return "\n".join(lines)


def plan_answer(plan: AdoptionPlan, rate: ExchangeRate, language: str) -> str:
    currency = plan.currency
    lines: list[str] = []
    if plan.is_typical:
        lines.append(
            say(
                language,
                "No company profile is stored yet, so this is the plan for a typical small business "
                "(staff at ¥3,000 an hour). Save your own with `advisor profile set FILE`.",
            )
        )
    if plan.start is not None:
        start = plan.start
        lines.append(say(language, "Start with: {label}.", label=start.label))
        lines.append(
            say(
                language,
                "It takes {hours:,.1f} h of staff time a month today and AI would save {savings} a month.",
                hours=start.hours_spent_per_month,
                savings=money_figure(start.result.savings_per_month, currency, language),
            )
        )
    else:
        lines.append(say(language, "None of these tasks saves money with today's tools."))
    lines.append(say(language, "Tasks ranked by net monthly savings:"))
    for rank, item in enumerate(plan.items, start=1):
        lines.append(f"{rank}. {_item_line(item, currency, language)}")
    lines.append(
        say(
            language,
            "Together: {hours:,.1f} h of staff time freed and {savings} saved a month (at least). "
            "Put the freed time into what only people can do: customers, judgement, new work.",
            hours=plan.hours_freed_per_month,
            savings=format_money(plan.savings_per_month, currency),
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
        return say(
            language,
            "• Extra in-house time: {extra} h a month (the work comes back in-house, at a fraction of the price)",
            extra=extra,
        )
    saved = plain_figure(hours, language, say(language, " h"))
    return say(language, "• Staff time saved: {hours} a month", hours=saved)


def build_versus_buy_text(bvb: BuildVersusBuy, language: str) -> str:
    currency = bvb.currency
    return say(
        language,
        "Build versus buy over {years} years: building your own AI costs {build} (development plus a data scientist) "
        "against {buy} for off-the-shelf tools.",
        years=bvb.years,
        build=money_figure(Span(low=bvb.build_low, high=bvb.build_high), currency, language),
        buy=format_money(bvb.buy, currency),
    )


def _item_line(item: PlanItem, currency: Currency, language: str) -> str:
    savings = money_figure(item.result.savings_per_month, currency, language)
    tool = f"{item.tool.tool.name} [{item.tool.tool.id}]" if item.tool else say(language, "no catalog tool")
    hours = item.result.hours_saved_per_month
    low = hours.low if isinstance(hours, Span) else hours
    if low is not None and low < 0:
        time = say(language, "{hours} h more in-house", hours=plain_figure(-low, language))
    else:
        time = say(language, "{hours} h freed", hours=plain_figure(hours, language))
    return say(
        language,
        "{label}: {savings} a month, {time}, with {tool}",
        label=item.label,
        savings=savings,
        time=time,
        tool=tool,
    )


def model_footer(
    tool_ids: list[str], model: str, prompt_tokens: int, completion_tokens: int, cost_usd: float, language: str
) -> str:
    parts = []
    if tool_ids:
        parts.append(say(language, "Sources: catalog entries {ids}", ids=", ".join(tool_ids)))
    tokens = f"{prompt_tokens:,} + {completion_tokens:,}"
    parts.append(
        say(language, "Model: {model} · {tokens} tokens · ${cost:.5f}", model=model, tokens=tokens, cost=cost_usd)
    )
    return "— " + " · ".join(parts)


def with_footer(answer: str, footer: str) -> str:
    """An answer with its footer line, as the terminal shows it and the question log keeps it."""
    return f"{answer}\n{footer}" if footer else answer


def zero_token_source(path: str, language: str) -> str | None:
    """What answers a zero-token path ("the tool catalog"); None for any other path."""
    if path == "calculator":
        return say(language, "the savings calculator")
    if path == "clarify":
        return say(language, "the savings calculator, asking before it calculates")
    if path == "catalog":
        return say(language, "the tool catalog")
    if path == "plan":
        return say(language, "the adoption plan")
    if path == "budget":
        return say(language, "the budget ledger")
    if path == "inventory":
        return say(language, "the monthly inventory")
    return None


def sources_footer(tool_ids: list[str], language: str, path: str) -> str:
    source = zero_token_source(path, language)
    if source is None:  # declined, or no model could answer
        return say(language, "— No model called · 0 tokens · $0")
    parts = [say(language, "Answered from {source}", source=source)]
    if tool_ids:
        parts.append(say(language, "catalog entries: {ids}", ids=", ".join(tool_ids)))
    parts.append(say(language, "0 tokens · $0"))
    return "— " + " · ".join(parts)
