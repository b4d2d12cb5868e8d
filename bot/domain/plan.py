"""The adoption plan: which of the company's tasks to move to AI first, and what it saves.

The article's advice, as a ranking: price every task with the calculator and the
cheapest off-the-shelf tool that can do it, rank by net monthly savings, and *start*
with the one area where the most staff time goes. Then show what building your own AI
would cost against buying, over three years.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.catalog import Catalog, Category, PlanCost, TaskBaseline
from bot.domain.money import Currency, ExchangeRate, round_money
from bot.domain.savings import (
    Figure,
    Minutes,
    Money,
    Period,
    SavingsResult,
    Scenario,
    Span,
    UnitCost,
    Volume,
    calculate,
)

# When a company gives today's minutes but the catalog has no AI figure for the task,
# assume the AI drafts and staff check: a quarter of today's time. Shown as an assumption.
DEFAULT_AFTER_SHARE = 0.25
YEARS_COMPARED = 3


class TaskProfile(BaseModel):
    """One task of the company, as its owner describes it."""

    model_config = ConfigDict(extra="forbid")

    task: str = Field(description="a category id (proposals, translation …) or words that name the task")
    label: str | None = None
    volume: Volume
    period: Period = "month"
    minutes_before: Minutes | None = None
    minutes_after: Minutes | None = None
    outsourcing_unit_cost: UnitCost = None
    outsourcing_spend_monthly: Money | None = None
    people: int = Field(default=1, ge=1, le=10_000, description="how many staff would need a seat")

    @model_validator(mode="after")
    def _something_to_save(self) -> TaskProfile:
        if (
            self.minutes_before is None
            and self.outsourcing_unit_cost is None
            and self.outsourcing_spend_monthly is None
        ):
            raise ValueError(f"task {self.task!r} needs minutes_before (time per unit today) or an outsourcing cost")
        return self


class CompanyProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    hourly_cost: float = Field(gt=0, description="loaded staff cost per hour")
    currency: Currency = "JPY"
    language: Literal["ja", "en"] = Field(default="ja", description="the language the tools must handle")
    tasks: list[TaskProfile] = Field(min_length=1)


class PlanItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: Category | None
    label: str
    hours_spent_per_month: float
    tool: PlanCost | None
    api_alternative: PlanCost | None
    scenario: Scenario
    result: SavingsResult

    @property
    def net_monthly_savings(self) -> float:
        """The conservative (low) end, used for ranking."""
        savings = self.result.savings_per_month
        return _low(savings)


class BuildVersusBuy(BaseModel):
    years: int
    build_low: float
    build_high: float
    buy: float
    currency: Currency
    source: str | None


class AdoptionPlan(BaseModel):
    company: str | None
    currency: Currency
    language: str
    items: list[PlanItem]
    start: PlanItem | None
    hours_freed_per_month: float
    savings_per_month: float
    build_versus_buy: BuildVersusBuy | None
    is_typical: bool = Field(description="True when built from a typical small business, not the company's profile")


def resolve_category(task: str, catalog: Catalog) -> Category | None:
    from bot.domain.intents import categories_in
    from bot.domain.quantities import normalise

    if task in {category.value for category in Category}:
        return Category(task)
    found = categories_in(normalise(task), catalog)
    return found[0] if found else None


def build_plan(
    profile: CompanyProfile,
    catalog: Catalog,
    rate: ExchangeRate,
    *,
    language: str | None = None,
    is_typical: bool = False,
) -> AdoptionPlan:
    """Rank the profile's tasks; labels and assumptions in `language` (default: the profile's)."""
    language = language or profile.language
    items = [_price_task(task, profile, catalog, rate, language) for task in profile.tasks]
    items.sort(key=lambda item: -item.net_monthly_savings)
    paying = [item for item in items if item.net_monthly_savings > 0]
    start = max(paying, key=lambda item: (item.hours_spent_per_month, item.net_monthly_savings), default=None)
    hours = sum(_low(item.result.hours_saved_per_month) for item in paying)
    monthly_tools = sum(item.tool.monthly_cost for item in paying if item.tool)
    return AdoptionPlan(
        company=profile.name,
        currency=profile.currency,
        language=language,
        items=items,
        start=start,
        hours_freed_per_month=round(hours, 1),
        savings_per_month=round_money(sum(item.net_monthly_savings for item in paying), profile.currency),
        build_versus_buy=_build_versus_buy(catalog, profile.currency, rate, monthly_tools),
        is_typical=is_typical,
    )


def _low(figure: Figure) -> float:
    """A figure's low end (a calculated saving always has one)."""
    low = figure.low if isinstance(figure, Span) else figure
    assert low is not None
    return low


def _price_task(
    task: TaskProfile, profile: CompanyProfile, catalog: Catalog, rate: ExchangeRate, language: str
) -> PlanItem:
    category = resolve_category(task.task, catalog)
    baseline = catalog.task(category) if category else None
    monthly_volume = Scenario(volume=task.volume, period=task.period).monthly_volume
    currency = profile.currency

    tool = api = None
    if category is not None:
        apps = catalog.priced_options(
            category, monthly_volume, currency, rate, language=profile.language, kind="app", seats=task.people
        )
        apis = catalog.priced_options(
            category, monthly_volume, currency, rate, language=profile.language, kind="api", seats=task.people
        )
        tool = apps[0] if apps else (apis[0] if apis else None)
        api = apis[0] if apis and apis[0] is not tool else None

    outsourcing = task.outsourcing_unit_cost
    if outsourcing is None and task.outsourcing_spend_monthly is not None:
        outsourcing = task.outsourcing_spend_monthly / monthly_volume
    scenario = Scenario(
        task=category.value if category else task.task,
        volume=task.volume,
        period=task.period,
        minutes_before=task.minutes_before,
        minutes_after=_minutes_after(task, baseline),
        hourly_cost=profile.hourly_cost,
        outsourcing_unit_cost=outsourcing,
        tool_cost_monthly=round_money(tool.monthly_cost, currency) if tool else None,
        currency=currency,
    )
    hours_spent = monthly_volume * (task.minutes_before or 0) / 60
    return PlanItem(
        category=category,
        label=task.label or (baseline.name(language) if baseline else task.task),
        hours_spent_per_month=round(hours_spent, 1),
        tool=tool,
        api_alternative=api,
        scenario=scenario,
        result=calculate(scenario, language),
    )


def _minutes_after(task: TaskProfile, baseline: TaskBaseline | None) -> float | None:
    if task.minutes_after is not None:
        return min(task.minutes_after, task.minutes_before) if task.minutes_before is not None else task.minutes_after
    if task.minutes_before is None:
        return baseline.minutes_after if baseline and baseline.minutes_after is not None else None
    return scaled_minutes_after(task.minutes_before, baseline)


def scaled_minutes_after(minutes_before: float, baseline: TaskBaseline | None) -> float:
    """Time per unit with AI: today's time scaled by the catalog baseline's ratio, else a quarter of it."""
    if baseline is not None and baseline.minutes_before and baseline.minutes_after is not None:  # baseline_scales
        return minutes_before * baseline.minutes_after / baseline.minutes_before
    return minutes_before * DEFAULT_AFTER_SHARE


def baseline_scales(baseline: TaskBaseline | None) -> bool:
    return bool(baseline and baseline.minutes_before and baseline.minutes_after is not None)


def _build_versus_buy(
    catalog: Catalog, currency: Currency, rate: ExchangeRate, monthly_tools: float
) -> BuildVersusBuy | None:
    custom = catalog.task(Category.CUSTOM_AI)
    if custom is None or custom.build_cost is None:
        return None
    yearly = custom.build_yearly_cost
    low = custom.build_cost.low + YEARS_COMPARED * (yearly.low if yearly else 0)
    high = custom.build_cost.high + YEARS_COMPARED * (yearly.high if yearly else 0)
    if monthly_tools <= 0 and custom.ai_tool_monthly is not None:
        monthly_tools = rate.convert(custom.ai_tool_monthly.high, "JPY", currency)
    return BuildVersusBuy(
        years=YEARS_COMPARED,
        build_low=round_money(rate.convert(low, "JPY", currency), currency),
        build_high=round_money(rate.convert(high, "JPY", currency), currency),
        buy=round_money(12 * YEARS_COMPARED * monthly_tools, currency),
        currency=currency,
        source=custom.build_source,
    )


def typical_profile(catalog: Catalog, currency: Currency, rate: ExchangeRate, language: str) -> CompanyProfile:
    """A typical small business, from the catalog's baselines, for people with no profile yet.

    Staff time is costed at ¥3,000 an hour (an assumption, shown as such).
    """
    tasks = []
    for baseline in catalog.tasks:
        if baseline.id == Category.CUSTOM_AI or (
            baseline.minutes_before is None and baseline.outsourcing_unit_cost is None
        ):
            continue
        outsourcing = None
        if baseline.minutes_before is None and baseline.outsourcing_unit_cost is not None:
            span = baseline.outsourcing_unit_cost
            outsourcing = (
                rate.convert(span.low, baseline.outsourcing_currency, currency),
                rate.convert(span.high, baseline.outsourcing_currency, currency),
            )
        tasks.append(
            TaskProfile(
                task=baseline.id.value,
                volume=baseline.typical_volume,
                minutes_before=baseline.minutes_before,
                outsourcing_unit_cost=outsourcing,
            )
        )
    return CompanyProfile(
        name=None,
        hourly_cost=round_money(rate.convert(3000, "JPY", currency), currency),
        currency=currency,
        language="ja" if language == "ja" else "en",
        tasks=tasks,
    )
