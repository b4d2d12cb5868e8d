"""The monthly inventory as text people read, in English or Japanese (the terminal and Slack)."""

from __future__ import annotations

from bot.domain.catalog import Catalog
from bot.domain.inventory import Change, CheapestOption, Inventory, PriceChange
from bot.domain.lifecycle import ModelStatus
from bot.domain.long_view import LongViewLine, to_replace
from bot.domain.messages import say
from bot.domain.money import format_money
from bot.text.models_text import model_price_line, retirement_line


def inventory_title(inventory: Inventory, language: str) -> str:
    return say(language, "What got cheaper: the AI inventory for {month}", month=inventory.month)


def inventory_text(inventory: Inventory, catalog: Catalog, language: str) -> str:
    """The report's body: tasks, changes, models and the suggestion, as plain lines and "•" bullets."""
    sections = [
        _cheapest_per_task(inventory, catalog, language),
        _price_changes(say(language, "Cheaper since last month:"), inventory.drops, catalog, language),
        _price_changes(say(language, "Dearer since last month:"), inventory.rises, catalog, language),
        _listed(say(language, "New in the catalog:"), inventory.new, catalog),
        _listed(say(language, "No longer priced:"), inventory.gone, catalog),
        _listed(say(language, "Prices not checked for 90 days (re-check them):"), inventory.stale, catalog),
        _models(inventory, language),
        say(language, "Try next: {suggestion}", suggestion=inventory.suggestion),
    ]
    return "\n\n".join(section for section in sections if section)


def _tool_name(tool_id: str, catalog: Catalog) -> str:
    tool = catalog.tool(tool_id)
    return f"{tool.name} [{tool_id}]" if tool else f"[{tool_id}]"


def _cheapest_per_task(inventory: Inventory, catalog: Catalog, language: str) -> str:
    lines = [say(language, "Cheapest ready-to-use option per task (a typical month's volume):")]
    for row in inventory.categories:
        if row.cheapest is None:
            continue
        task = catalog.task(row.category)
        name = task.name(language) if task else row.category.value
        price = format_money(row.cheapest.price, row.cheapest.currency)
        cost = (
            say(language, "free at this volume")
            if row.cheapest.price == 0
            else say(language, "about {price} a month", price=price)
        )
        tool = _tool_name(row.cheapest.tool_id, catalog)
        month = _since_last_month(row.change_vs_last_month, row.cheapest, inventory.new, catalog, language)
        year = _against_a_year_ago(row.change_vs_last_year, row.cheapest, catalog, language)
        lines.append(
            say(
                language,
                "• {name}: {tool}, {cost}{month}{year}",
                name=name,
                tool=tool,
                cost=cost,
                month=month,
                year=year,
            )
        )
    return "\n".join(lines) if len(lines) > 1 else ""


def _since_last_month(
    change: Change | None, now: CheapestOption, new_tools: list[str], catalog: Catalog, language: str
) -> str:
    """A price change as a percentage; another option that is the cheapest now as the two options and prices."""
    if change is None:
        return ""
    if change.kind == "price_change":
        if change.percent is None:
            return say(language, " (free last month)")
        return say(language, " ({percent:+.1f}% since last month)", percent=change.percent)
    before = _option_name(change.before, now, catalog, language)
    prices = f"{format_money(change.before.price, change.before.currency)} → {format_money(now.price, now.currency)}"
    if change.amount >= 0:
        return say(
            language,
            ": the cheapest now in place of last month's {before} ({prices} a month)",
            before=before,
            prices=prices,
        )
    if now.tool_id in new_tools:
        return say(
            language,
            ": new in the catalog and cheaper than last month's cheapest, {before} ({prices} a month)",
            before=before,
            prices=prices,
        )
    return say(
        language, ": now cheaper than last month's cheapest, {before} ({prices} a month)", before=before, prices=prices
    )


def _against_a_year_ago(change: Change | None, now: CheapestOption, catalog: Catalog, language: str) -> str:
    if change is None:
        return ""
    if change.kind == "price_change":
        if change.percent is None:
            return say(language, "; free a year ago")
        return say(language, "; {percent:+.1f}% against a year ago", percent=change.percent)
    before = _option_name(change.before, now, catalog, language)
    price = format_money(change.before.price, change.before.currency)
    return say(language, "; a year ago the cheapest was {before} at {price} a month", before=before, price=price)


def _option_name(option: CheapestOption, now: CheapestOption, catalog: Catalog, language: str) -> str:
    """The tool's name; with the plan when it is another plan of the tool that is the cheapest now."""
    tool = catalog.tool(option.tool_id)
    name = tool.name if tool else f"[{option.tool_id}]"
    if option.tool_id != now.tool_id:
        return name
    return say(language, "{name} ({plan})", name=name, plan=option.plan)


def _price_changes(title: str, changes: list[PriceChange], catalog: Catalog, language: str) -> str:
    if not changes:
        return ""
    lines = [title]
    for change in changes:
        old, new = format_money(change.old, change.currency), format_money(change.new, change.currency)
        lines.append(
            f"• {_tool_name(change.tool, catalog)} {change.plan} ({change.unit}): {old} → {new} ({change.percent:+.1f}%)"
        )
    return "\n".join(lines)


def _listed(title: str, tool_ids: list[str], catalog: Catalog) -> str:
    return f"{title} " + ", ".join(_tool_name(tool_id, catalog) for tool_id in tool_ids) if tool_ids else ""


def _models(inventory: Inventory, language: str) -> str:
    """Every configured model's price (marked where it cannot be used), the ones to replace, and the long view."""
    lines = []
    if inventory.models:
        lines.append(say(language, "Configured models (USD per 1M tokens, in / out):"))
        keyless = all(model.status == ModelStatus.NO_KEY for model in inventory.models)
        lines += [model_price_line(model, language, marked=not keyless) for model in inventory.models]
        if keyless:  # said once, not on every line
            lines.append(say(language, "None of them is used yet: no API key is set (see the models file)."))
        cheapest = ", ".join(f"tier {model.tier} {model.name}" for model in inventory.cheapest_models)
        if cheapest:
            lines.append(say(language, "Cheapest per tier: {cheapest}", cheapest=cheapest))
    retiring = to_replace(inventory.models)
    if retiring:
        lines.append(say(language, "Models to replace:"))
        lines += [f"• {retirement_line(model, inventory.taken_on, language)}" for model in retiring]
    if inventory.long_view:
        lines.append(long_view_text(inventory.long_view, language))
    return "\n".join(lines)


def long_view_text(view: LongViewLine, language: str) -> str:
    """The article's headline continued: 'GPT-4 $30 (2023-03) → GPT-4o $2.50 (2024-08) → today: tier 1 … (×600 cheaper)'."""
    steps = [f"{m.label} ${m.input_per_1m_usd:g} ({m.since:%Y-%m})" for m in view.milestones]
    today = [
        say(language, "tier {tier} {name} ${price:g}", tier=tier.tier, name=tier.name, price=tier.input_per_1m_usd)
        + (say(language, " (×{times:g} cheaper)", times=tier.times_cheaper) if tier.times_cheaper else "")
        for tier in view.today
    ]
    title = say(language, "The long view (USD per 1M input tokens):")
    now = say(language, "today ({day:%Y-%m}): ", day=view.as_of)
    return f"{title}\n• " + " → ".join(steps) + (f" → {now}" + ", ".join(today) if today else "")
