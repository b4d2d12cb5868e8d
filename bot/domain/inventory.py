"""The monthly inventory: what got cheaper, what got dearer, what is new, gone or stale.

The source article's advice is to take stock once a month of what became cheaper. Prices
come from three places — the catalog's plans (as of each tool's `last_verified`), its
dated `price_history`, and prices people observed since — and the latest one known on a
day is the one in force. An inventory compares the prices in force now with last month's
and last year's snapshots.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from bot.domain.catalog import Catalog, Category, PlanCost, PriceUnit, unit_label
from bot.domain.long_view import LongViewLine, Milestone, ModelPrice, cheapest_per_tier, long_view_line
from bot.domain.messages import say
from bot.domain.money import Currency, ExchangeRate, format_money, round_money
from bot.domain.prices import PricePoint, cheapest_for, repriced

STALE_AFTER_DAYS = 90


class CheapestOption(BaseModel):
    tool_id: str
    plan: str
    price: float
    currency: Currency
    unit: str = PriceUnit.PER_MONTH.value


ChangeKind = Literal["price_change", "new_option"]


class Change(BaseModel):
    """How a task's cheapest option moved since an earlier month.

    A `price_change` is the same tool and plan, still the cheapest, at another price; a
    `new_option` is another tool or plan that is the cheapest now, so its `percent` compares
    two different options and is no price cut or rise of either.
    """

    kind: ChangeKind
    before: CheapestOption = Field(description="the cheapest option then")
    amount: float
    percent: float | None


class CategoryInventory(BaseModel):
    category: Category
    cheapest: CheapestOption | None
    change_vs_last_month: Change | None
    change_vs_last_year: Change | None


class PriceChange(BaseModel):
    tool: str
    plan: str
    unit: str
    currency: Currency
    old: float
    new: float
    percent: float


class Inventory(BaseModel):
    month: str
    taken_on: dt.date
    categories: list[CategoryInventory]
    drops: list[PriceChange]
    rises: list[PriceChange]
    new: list[str]
    gone: list[str]
    stale: list[str]
    models: list[ModelPrice]  # every configured model, usable or not, by tier and price
    cheapest_models: list[ModelPrice]  # the cheapest of each tier among them, retired ones aside
    long_view: LongViewLine | None  # the article's milestones continued to today's cheapest per tier
    suggestion: str


def percent_change(old: float, new: float) -> float | None:
    """(new − old) / old × 100, to one decimal; None when there is no old price to compare with."""
    if old == 0:
        return None
    return round((new - old) / old * 100, 1)


# --- the prices in force on a day ------------------------------------------------------


def build_inventory(
    month: str,
    catalog: Catalog,
    now: list[PricePoint],
    last_month: list[PricePoint] | None,
    last_year: list[PricePoint] | None,
    models: list[ModelPrice],
    currency: Currency,
    rate: ExchangeRate,
    language: str,
    *,
    today: dt.date,
    company_tasks: list[str] | None = None,
    milestones: list[Milestone] | None = None,
) -> Inventory:
    categories = [
        _category_inventory(category, catalog, now, last_month, last_year, currency, rate, language)
        for category in (task.id for task in catalog.tasks)
    ]
    drops, rises = price_changes(last_month or [], now)
    now_ids, before_ids = _tool_ids(now), _tool_ids(last_month or [])
    inventory = Inventory(
        month=month,
        taken_on=today,
        categories=categories,
        drops=drops,
        rises=rises,
        new=sorted(now_ids - before_ids) if last_month is not None else [],
        gone=sorted(before_ids - now_ids) if last_month is not None else [],
        stale=stale_tools(catalog, today),
        models=sorted(models, key=lambda m: m.order),
        cheapest_models=cheapest_per_tier(models),
        long_view=long_view_line(milestones, models, today) if milestones else None,
        suggestion="",
    )
    return inventory.model_copy(update={"suggestion": suggest(inventory, catalog, rate, language, company_tasks)})


def _category_inventory(
    category: Category,
    catalog: Catalog,
    now: list[PricePoint],
    last_month: list[PricePoint] | None,
    last_year: list[PricePoint] | None,
    currency: Currency,
    rate: ExchangeRate,
    language: str,
) -> CategoryInventory:
    def price_with(points: list[PricePoint] | None) -> PlanCost | None:
        return None if points is None else cheapest_for(repriced(catalog, points), category, currency, rate, language)

    current = price_with(now)
    cheapest = (
        None
        if current is None
        else CheapestOption(
            tool_id=current.tool.id,
            plan=current.plan.name,
            price=round_money(current.monthly_cost, currency),
            currency=currency,
        )
    )
    return CategoryInventory(
        category=category,
        cheapest=cheapest,
        change_vs_last_month=_change(price_with(last_month), current, currency),
        change_vs_last_year=_change(price_with(last_year), current, currency),
    )


def _change(before: PlanCost | None, current: PlanCost | None, currency: Currency) -> Change | None:
    """The change from the cheapest option then to the cheapest now; None when either is unknown, or when
    the same tool and plan costs the same (nothing to report)."""
    if before is None or current is None:
        return None
    same_option = (before.tool.id, before.plan.name) == (current.tool.id, current.plan.name)
    amount = round_money(current.monthly_cost - before.monthly_cost, currency)
    if same_option and amount == 0:
        return None
    return Change(
        kind="price_change" if same_option else "new_option",
        before=CheapestOption(
            tool_id=before.tool.id,
            plan=before.plan.name,
            price=round_money(before.monthly_cost, currency),
            currency=currency,
        ),
        amount=amount,
        percent=percent_change(before.monthly_cost, current.monthly_cost),
    )


def price_changes(before: list[PricePoint], now: list[PricePoint]) -> tuple[list[PriceChange], list[PriceChange]]:
    """Drops (biggest first) and rises of one tool plan's price between two sets of prices, same unit and
    currency only: never one option against another.

    Configured models' prices (kind "model") are left out: they are reported per tier in
    `models`, and this month's prices come from the catalog and people's observations alone,
    so a model's price could only ever be compared in a past month's inventory.
    """
    old_by_key = {point.key: point for point in before if point.kind == "tool"}
    changes = []
    for point in now:
        old = old_by_key.get(point.key)
        if old is None or old.currency != point.currency or old.amount == point.amount:
            continue
        percent = percent_change(old.amount, point.amount)
        if percent is not None:
            changes.append(
                PriceChange(
                    tool=point.item_id,
                    plan=point.plan,
                    unit=point.unit,
                    currency=point.currency,
                    old=old.amount,
                    new=point.amount,
                    percent=percent,
                )
            )
    changes.sort(key=lambda change: (change.percent, change.tool, change.plan, change.unit))
    return [c for c in changes if c.new < c.old], [c for c in reversed(changes) if c.new > c.old]


def _tool_ids(points: list[PricePoint]) -> set[str]:
    return {point.item_id for point in points if point.kind == "tool"}


def stale_tools(catalog: Catalog, today: dt.date) -> list[str]:
    """Tools whose prices nobody has checked for more than `STALE_AFTER_DAYS` days."""
    limit = today - dt.timedelta(days=STALE_AFTER_DAYS)
    return sorted(tool.id for tool in catalog.tools if tool.last_verified < limit)


# --- the one sentence of advice --------------------------------------------------------


def suggest(
    inventory: Inventory, catalog: Catalog, rate: ExchangeRate, language: str, company_tasks: list[str] | None
) -> str:
    """The company's next task to try with a tool that got cheaper; else where a typical business saves most."""
    if company_tasks:
        for drop in inventory.drops:
            tool = catalog.tool(drop.tool)
            task = next((catalog.task(c) for c in (tool.categories if tool else []) if c.value in company_tasks), None)
            if tool is not None and task is not None:
                return _try_next(task.name(language), tool.name, drop, language)
    return _largest_saving(inventory, catalog, language)


def _try_next(task_name: str, tool_name: str, drop: PriceChange, language: str) -> str:
    known = drop.unit in PriceUnit.__members__.values()
    return say(
        language,
        "Try {task:lower} with {tool} next: {plan} fell {fall}% to {price} {unit}.",
        task=_Name(task_name),
        tool=tool_name,
        plan=drop.plan,
        fall=f"{abs(drop.percent):g}",
        price=format_money(drop.new, drop.currency),
        unit=unit_label(PriceUnit(drop.unit), language) if known else drop.unit,
    )


class _Name(str):
    """A name a message may write in lower case in the middle of a sentence: `{task:lower}`."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return self.lower() if spec == "lower" else super().__format__(spec)


def _largest_saving(inventory: Inventory, catalog: Catalog, language: str) -> str:
    def changes(row: CategoryInventory) -> list[tuple[Change, str]]:
        given = ((row.change_vs_last_month, "month"), (row.change_vs_last_year, "year"))
        return [(change, period) for change, period in given if change is not None]

    def saving(row: CategoryInventory) -> float:
        return min((change.amount for change, _ in changes(row)), default=0.0)

    priced = [row for row in inventory.categories if row.cheapest is not None]
    if not priced:
        return say(language, "No tool in the catalog has a known price.")
    best = min(priced, key=lambda row: (saving(row), row.cheapest.price if row.cheapest else 0.0))
    assert best.cheapest is not None
    task = catalog.task(best.category)
    tool = catalog.tool(best.cheapest.tool_id)
    named = {
        "task": _Name(task.name(language) if task else best.category.value),
        "tool": tool.name if tool else best.cheapest.tool_id,
        "plan": best.cheapest.plan,
        "price": format_money(best.cheapest.price, best.cheapest.currency),
    }
    if saving(best) < 0:
        change, period = min(changes(best), key=lambda pair: pair[0].amount)
        less = format_money(-change.amount, best.cheapest.currency)
        if change.kind == "new_option":  # another option than then: no price fell
            before = catalog.tool(change.before.tool_id)
            before_name = before.name if before else change.before.tool_id
            return _cheaper_option(period, language, less=less, before=before_name, **named)
        return _cheaper_now(period, language, less=less, **named)
    return say(
        language,
        "Nothing got cheaper; the cheapest place to start is {task:lower}, with {tool} ({plan}) at {price} a month.",
        **named,
    )


def _cheaper_option(period: str, language: str, **named: str) -> str:
    """The task whose cheapest option is another, cheaper one than last month's or a year ago's."""
    if period == "month":
        return say(
            language,
            "{task} saves the most: the cheapest option, {tool} ({plan}), costs {price} a month for a typical "
            "small business, {less} less than last month's cheapest, {before}.",
            **named,
        )
    return say(
        language,
        "{task} saves the most: the cheapest option, {tool} ({plan}), costs {price} a month for a typical "
        "small business, {less} less than a year ago's cheapest, {before}.",
        **named,
    )


def _cheaper_now(period: str, language: str, **named: str) -> str:
    """The task whose cheapest option fell in price since last month or a year ago."""
    if period == "month":
        return say(
            language,
            "{task} saves the most: the cheapest option, {tool} ({plan}), now costs {price} a month for a typical "
            "small business, {less} less than last month.",
            **named,
        )
    return say(
        language,
        "{task} saves the most: the cheapest option, {tool} ({plan}), now costs {price} a month for a typical "
        "small business, {less} less than a year ago.",
        **named,
    )
