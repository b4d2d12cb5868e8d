"""The savings calculator: what moving one task to an off-the-shelf AI tool saves a month.

monthly savings = (in-house labour before + outsourcing spend)
                − (in-house labour after + review time + AI tool costs)

Labour is priced at `hourly_cost`; a month is 52/12 weeks. When the outsourcing price is
a range (¥30,000–¥50,000 a listing), every figure becomes a {low, high} range.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.domain.messages import say
from bot.domain.money import Currency, format_money, round_money

Period = Literal["day", "week", "month", "year"]
WORKING_DAYS_PER_MONTH = 52 * 5 / 12
"""A "day" is a working day: five a week, 52 weeks a year (about 21.7 a month)."""
UNITS_PER_MONTH: dict[str, float] = {"day": WORKING_DAYS_PER_MONTH, "week": 52 / 12, "month": 1.0, "year": 1 / 12}

# Bounds far above any small business's figures, so that every product of them stays a
# finite number of yen (a typo of thirty digits is an error, not an infinite saving).
MAX_VOLUME = 1e9  # units of a task a period
MAX_MINUTES = 100_000.0  # per unit: about ten weeks of work
MAX_MONEY = 1e10  # per hour, per unit or per month, in either currency

Volume = Annotated[float, Field(gt=0, le=MAX_VOLUME, allow_inf_nan=False)]
Minutes = Annotated[float, Field(ge=0, le=MAX_MINUTES, allow_inf_nan=False)]
Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]


def _unit_cost_or_range(value: float | tuple[float, float] | None) -> float | tuple[float, float] | None:
    """A price per unit or a (low, high) range: not negative, low first, within `MAX_MONEY`."""
    if value is None:
        return None
    low, high = value if isinstance(value, tuple) else (value, value)
    if not (0 <= low <= MAX_MONEY and 0 <= high <= MAX_MONEY):  # NaN fails every comparison
        raise ValueError(f"must be a number from 0 to {MAX_MONEY:,.0f}")
    if low > high:
        raise ValueError(f"the low end ({low:g}) is above the high end ({high:g})")
    return (low, high) if low != high else low


UnitCost = Annotated[float | tuple[float, float] | None, AfterValidator(_unit_cost_or_range)]
"""What an outside supplier charges per unit: a number, or a [low, high] range."""


class Scenario(BaseModel):
    """One task, before and after AI. Every field but `volume` is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    task: str | None = None
    volume: Volume = Field(description="units of the task per period")
    period: Period = "month"
    minutes_before: Minutes | None = Field(default=None, description="in-house minutes per unit today")
    minutes_after: Minutes | None = Field(default=None, description="in-house minutes per unit with AI")
    hourly_cost: Money | None = Field(default=None, description="loaded staff cost per hour")
    outsourcing_unit_cost: UnitCost = Field(
        default=None, description="what an outside supplier charges per unit today: a number or [low, high]"
    )
    tool_cost_monthly: Money | None = None
    tool_cost_per_unit: Money | None = None
    setup_cost: Money | None = Field(default=None, description="one-off cost of starting")
    review_minutes: Minutes | None = Field(default=None, description="minutes per unit to check the AI's work")
    currency: Currency = "JPY"

    @field_validator("period", "currency", mode="before")
    @classmethod
    def _normalise_case(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("currency", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("outsourcing_unit_cost", mode="before")
    @classmethod
    def _range_or_number(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            if len(value) != 2:
                raise ValueError("must be a number or a [low, high] pair")
            return tuple(value)
        if isinstance(value, dict) and set(value) == {"low", "high"}:
            return (value["low"], value["high"])
        return value

    @model_validator(mode="after")
    def _consistent_minutes(self) -> Scenario:
        before, after = self.minutes_before, self.minutes_after
        if before is not None and after is not None and after > before:
            raise ValueError(
                f"minutes_after ({after:g}) is above minutes_before ({before:g}): the AI route should take less time, not more"
            )
        if self.minutes_after is not None and self.minutes_before is None and self.outsourcing_unit_cost is None:
            raise ValueError(
                "minutes_after needs minutes_before (or outsourcing_unit_cost, if the task is outsourced today)"
            )
        return self

    @property
    def monthly_volume(self) -> float:
        return self.volume * UNITS_PER_MONTH[self.period]

    @property
    def is_range(self) -> bool:
        return isinstance(self.outsourcing_unit_cost, tuple)


class Span(BaseModel):
    model_config = ConfigDict(frozen=True)

    low: float | None
    high: float | None


Figure = float | Span


class SavingsResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    hours_saved_per_month: Figure
    baseline_cost_per_month: Figure
    ai_cost_per_month: Figure
    savings_per_month: Figure
    savings_per_year: Figure
    payback_months: Figure | None
    currency: Currency
    monthly_volume: Figure
    assumptions: list[str]


class _Point(BaseModel):
    hours_saved: float
    baseline: float
    ai_cost: float
    savings: float
    payback: float | None


def _point(scenario: Scenario, outsourcing_unit_cost: float) -> _Point:
    units = scenario.monthly_volume
    before = scenario.minutes_before or 0.0
    after = scenario.minutes_after if scenario.minutes_after is not None else before
    review = scenario.review_minutes or 0.0
    hourly = scenario.hourly_cost or 0.0
    baseline = units * (before / 60 * hourly + outsourcing_unit_cost)
    ai_cost = units * ((after + review) / 60 * hourly + (scenario.tool_cost_per_unit or 0.0)) + (
        scenario.tool_cost_monthly or 0.0
    )
    savings = baseline - ai_cost
    setup = scenario.setup_cost or 0.0
    payback = setup / savings if setup > 0 and savings > 0 else None
    return _Point(
        hours_saved=units * (before - after - review) / 60,
        baseline=baseline,
        ai_cost=ai_cost,
        savings=savings,
        payback=payback,
    )


def calculate(scenario: Scenario, language: str = "en") -> SavingsResult:
    """Price the scenario; ranges in, ranges out."""
    currency = scenario.currency
    outsourcing = scenario.outsourcing_unit_cost
    low_cost, high_cost = outsourcing if isinstance(outsourcing, tuple) else (outsourcing or 0.0,) * 2
    low, high = _point(scenario, low_cost), _point(scenario, high_cost)

    def money(low_value: float, high_value: float) -> Figure:
        if scenario.is_range:
            return Span(low=round_money(low_value, currency), high=round_money(high_value, currency))
        return round_money(low_value, currency)

    def hours(value: float) -> Figure:
        rounded = round(value, 1)
        return Span(low=rounded, high=rounded) if scenario.is_range else rounded

    payback: Figure | None
    if scenario.is_range:
        # The high-savings end pays back first; None at an end means it never pays back.
        quick = round(high.payback, 1) if high.payback is not None else None
        slow = round(low.payback, 1) if low.payback is not None else None
        payback = Span(low=quick, high=slow) if quick is not None else None
    else:
        payback = round(low.payback, 1) if low.payback is not None else None

    return SavingsResult(
        hours_saved_per_month=hours(low.hours_saved),
        baseline_cost_per_month=money(low.baseline, high.baseline),
        ai_cost_per_month=money(low.ai_cost, high.ai_cost),
        savings_per_month=money(low.savings, high.savings),
        savings_per_year=money(12 * low.savings, 12 * high.savings),
        payback_months=payback,
        currency=currency,
        monthly_volume=round(scenario.monthly_volume, 2),
        assumptions=assumptions(scenario, language),
    )


def calculate_between(low: Scenario, high: Scenario, middle: Scenario, language: str = "en") -> SavingsResult:
    """Price a scenario given with ranges ("20–30 a day", "10–15 minutes each"): every figure from the
    scenario at the ranges' low ends and at their high ends, as a {low, high} range; the assumptions are
    both ends' (the `middle` scenario's if they do not line up)."""
    ends = calculate(low, language), calculate(high, language)

    def between(name: str) -> Figure:
        lows, highs = [], []
        for end in ends:
            value = getattr(end, name)
            low_end, high_end = (value.low, value.high) if isinstance(value, Span) else (value, value)
            assert low_end is not None and high_end is not None  # only a payback can be open-ended
            lows.append(low_end)
            highs.append(high_end)
        return Span(low=min(lows), high=max(highs))

    paybacks = [end.payback_months for end in ends]
    quick = [
        low_end
        for value in paybacks
        if value is not None
        if (low_end := value.low if isinstance(value, Span) else value) is not None
    ]
    never = any(value is None or (isinstance(value, Span) and value.high is None) for value in paybacks)
    slow = [
        high_end
        for value in paybacks
        if value is not None
        if (high_end := value.high if isinstance(value, Span) else value) is not None
    ]
    return SavingsResult(
        hours_saved_per_month=between("hours_saved_per_month"),
        baseline_cost_per_month=between("baseline_cost_per_month"),
        ai_cost_per_month=between("ai_cost_per_month"),
        savings_per_month=between("savings_per_month"),
        savings_per_year=between("savings_per_year"),
        payback_months=Span(low=min(quick), high=None if never else max(slow)) if quick else None,
        currency=middle.currency,
        monthly_volume=Span(low=round(low.monthly_volume, 2), high=round(high.monthly_volume, 2)),
        assumptions=_both_ends(ends[0].assumptions, ends[1].assumptions) or calculate(middle, language).assumptions,
    )


def _both_ends(low: list[str], high: list[str]) -> list[str]:
    """The assumptions of the two ends: each once where they agree, both where they differ ("40 a week is
    173.3 a month", "60 a week is 260 a month"); none when they are not the same list of assumptions."""
    if len(low) != len(high):
        return []
    return [line for pair in zip(low, high, strict=True) for line in dict.fromkeys(pair)]


def assumptions(scenario: Scenario, language: str = "en") -> list[str]:
    """The plain sentences that say how the figures were reached."""
    currency = scenario.currency
    volume, units = scenario.volume, scenario.monthly_volume
    said: list[str] = []
    if scenario.period == "day":
        said.append(
            say(
                language,
                "A month has 52 × 5 / 12 ≈ 21.7 working days, so {volume:g} a day is {units:,.1f} a month.",
                volume=volume,
                units=units,
            )
        )
    elif scenario.period == "week":
        said.append(
            say(
                language,
                "A month is 52/12 ≈ 4.33 weeks, so {volume:g} a week is {units:,.1f} a month.",
                volume=volume,
                units=units,
            )
        )
    elif scenario.period == "year":
        said.append(say(language, "{volume:g} a year is counted as {units:,.2f} a month.", volume=volume, units=units))
    if scenario.minutes_before is not None or scenario.minutes_after is not None:
        before = scenario.minutes_before or 0
        after = scenario.minutes_after if scenario.minutes_after is not None else before
        said.append(
            say(
                language,
                "In-house time per unit goes from {before:g} to {after:g} minutes.",
                before=before,
                after=after,
            )
        )
    if scenario.review_minutes:
        said.append(
            say(
                language,
                "Checking the AI's output takes {minutes:g} minutes per unit.",
                minutes=scenario.review_minutes,
            )
        )
    if scenario.hourly_cost is not None:
        rate = format_money(scenario.hourly_cost, currency)
        said.append(say(language, "Staff time is costed at {rate} an hour.", rate=rate))
    elif scenario.minutes_before is not None:
        said.append(say(language, "No hourly cost was given, so the hours saved are not counted as money."))
    outsourcing = scenario.outsourcing_unit_cost
    if outsourcing is not None:
        price = (
            say(
                language,
                "{low}–{high}",
                low=format_money(outsourcing[0], currency),
                high=format_money(outsourcing[1], currency),
            )
            if isinstance(outsourcing, tuple)
            else format_money(outsourcing, currency)
        )
        said.append(say(language, "Outsourcing at {price} per unit is replaced by the AI route.", price=price))
    if scenario.tool_cost_monthly:
        fee = format_money(scenario.tool_cost_monthly, currency)
        said.append(say(language, "The AI tool costs {fee} a month.", fee=fee))
    if scenario.tool_cost_per_unit:
        fee = format_money(scenario.tool_cost_per_unit, currency)
        said.append(say(language, "The AI tool charges {fee} per unit.", fee=fee))
    if not scenario.tool_cost_monthly and not scenario.tool_cost_per_unit:
        said.append(say(language, "No AI tool cost is included (a free tier, or none was given)."))
    if scenario.setup_cost:
        fee = format_money(scenario.setup_cost, currency)
        said.append(say(language, "A one-off setup cost of {fee} is paid back from the monthly savings.", fee=fee))
    said.append(say(language, "Savings per year are 12 × the monthly savings."))
    return said
