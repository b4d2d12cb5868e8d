"""The monthly inventory as the CLI, the Slack adapter and the monthly clock ask for it.

Ties the pure inventory (`bot.domain.inventory`) to the catalog, the configured models
and the store: takes this month's snapshot the first time it is asked for, compares with
last month's and last year's snapshots (or, before there were any, with the prices the
catalog says were in force then), and records prices people observe.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from bot.domain.budget import month_bounds
from bot.domain.catalog import Catalog, PriceUnit, Tool
from bot.domain.inventory import Inventory, build_inventory
from bot.domain.long_view import Milestone, ModelPrice, long_view_line
from bot.domain.money import CURRENCIES, Currency
from bot.domain.price_series import TierHistory, tier_history
from bot.domain.prices import PricePoint, effective_prices
from bot.domain.savings import MAX_MONEY
from bot.domain.schedule import local_day
from bot.store.questions import utc_now

if TYPE_CHECKING:
    from bot.advisor.price_watch import PriceWatch
    from bot.domain.money import ExchangeRate
    from bot.settings import Settings
    from bot.store.db import Database
    from bot.store.inventory import PriceObservations, Snapshots
    from bot.store.profiles import ProfileStore

UNIT_ALIASES: dict[str, PriceUnit] = {
    "month": PriceUnit.PER_MONTH,
    "seat": PriceUnit.PER_SEAT_MONTH,
    "user": PriceUnit.PER_SEAT_MONTH,
    "seat-month": PriceUnit.PER_SEAT_MONTH,
    "minute": PriceUnit.PER_AUDIO_MINUTE,
    "audio-minute": PriceUnit.PER_AUDIO_MINUTE,
    "hour": PriceUnit.PER_AUDIO_HOUR,
    "audio-hour": PriceUnit.PER_AUDIO_HOUR,
    "1m-chars": PriceUnit.PER_1M_CHARACTERS,
    "1m-characters": PriceUnit.PER_1M_CHARACTERS,
    "1m-input": PriceUnit.PER_1M_INPUT_TOKENS,
    "1m-input-tokens": PriceUnit.PER_1M_INPUT_TOKENS,
    "1m-output": PriceUnit.PER_1M_OUTPUT_TOKENS,
    "1m-output-tokens": PriceUnit.PER_1M_OUTPUT_TOKENS,
    "image": PriceUnit.PER_IMAGE,
    "piece": PriceUnit.PER_PIECE,
}


def parse_unit(text: str) -> PriceUnit:
    """A price unit from its value (per_month) or a short alias (month, seat, 1m-chars …)."""
    word = text.strip().lower()
    for candidate in (word, word.replace("-", "_"), f"per_{word.replace('-', '_')}"):
        if candidate in {unit.value for unit in PriceUnit}:
            return PriceUnit(candidate)
    if word in UNIT_ALIASES:
        return UNIT_ALIASES[word]
    raise ValueError(
        f"unknown unit {text!r}; use one of {', '.join(UNIT_ALIASES)} or {', '.join(u.value for u in PriceUnit)}"
    )


def previous_month(month: str, months: int = 1) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


SOURCE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]{1,2000}")
KEEP_COMPUTED = 32  # inventories kept per process: a few months, languages and workspaces


class Inventories:
    """The month's inventory of tools and model prices, and the prices people saw, for one advisor's parts:
    its catalog, database, settings, company profiles and exchange rate, the configured models (whether
    or not their keys are set) and the long view's milestones."""

    def __init__(
        self,
        catalog: Catalog,
        database: Database,
        settings: Settings,
        profiles: ProfileStore,
        rate: ExchangeRate,
        models: Callable[[], list[ModelPrice]],
        clock: Callable[[], dt.datetime] = utc_now,
        milestones: Callable[[], list[Milestone]] = list,
    ) -> None:
        self.catalog, self.database, self.settings, self.profiles, self.rate = (
            catalog,
            database,
            settings,
            profiles,
            rate,
        )
        self.currency: Currency = settings.currency
        self._clock = clock
        self._models = models
        self._milestones = milestones
        self._computed: dict[tuple[object, ...], Inventory] = {}

    @cached_property
    def observations(self) -> PriceObservations:
        from bot.store.inventory import PriceObservations

        return PriceObservations(self.database, self._clock)

    @cached_property
    def snapshots(self) -> Snapshots:
        from bot.store.inventory import Snapshots

        return Snapshots(self.database, self._clock)

    def price_watch(self) -> PriceWatch:
        """The monthly price watch over this catalog, comparing with the prices in force (observations too)."""
        from bot.advisor.price_watch import PriceWatch
        from bot.store.price_pages import PricePages

        return PriceWatch(self.catalog, self.observations, PricePages(self.database, self._clock), self.today)

    def today(self) -> dt.date:
        return local_day(self._clock(), self.settings.tz)

    def this_month(self) -> str:
        return self.today().strftime("%Y-%m")

    # --- the inventory

    def current(
        self, month: str | None = None, language: str | None = None, workspace_id: str | None = None
    ) -> Inventory:
        """The inventory of `month` (default this month); this month's snapshot is taken if missing.

        An inventory is computed once for its inputs: the day, the language, the company's
        tasks and the set of observed prices (which any process may add to, so it is
        checked in the database each time).
        """
        today, month = self.today(), month or self.this_month()
        if month_bounds(month, self.settings.tz)[0].date() > today:
            raise ValueError(f"{month} has not begun yet; the latest inventory is of {self.this_month()}")
        language = language or self.settings.language
        company_tasks = self._company_tasks(workspace_id)
        inputs = (
            month,
            today,
            language,
            tuple(company_tasks) if company_tasks is not None else None,
            self.observations.version(),
        )
        if (computed := self._computed.get(inputs)) is not None:
            return computed
        if len(self._computed) >= KEEP_COMPUTED:
            self._computed.clear()
        self._computed[inputs] = inventory = self._compute(month, today, language, company_tasks)
        return inventory

    def _compute(self, month: str, today: dt.date, language: str, company_tasks: list[str] | None) -> Inventory:
        observations = self.observations.all()
        models = self._models()
        if month == self.this_month():
            now = effective_prices(self.catalog, observations, today)
            self.snapshots.take(month, [*now, *_model_points(models, today)])
        else:
            now = self._prices_of(month, observations)
        return build_inventory(
            month,
            self.catalog,
            now,
            self._prices_of(previous_month(month), observations),
            self._prices_of(previous_month(month, 12), observations),
            models,
            self.currency,
            self.rate,
            language,
            today=today,
            company_tasks=company_tasks,
            milestones=self._milestones(),
        )

    def _prices_of(self, month: str, observations: list[PricePoint]) -> list[PricePoint]:
        """The month's snapshot, else the prices in force on its first day as far as is known now."""
        snapshot = self.snapshots.load(month)
        if snapshot is not None:
            return snapshot
        first_day = month_bounds(month, self.settings.tz)[0].date()
        return effective_prices(self.catalog, observations, first_day)

    def _company_tasks(self, workspace_id: str | None) -> list[str] | None:
        profile = self.profiles.get(workspace_id or self.settings.workspace_id)
        return [task.task for task in profile.tasks] if profile else None

    # --- observed prices

    def record_price(
        self,
        tool_id: str,
        amount: float,
        currency: str,
        unit: str,
        source_url: str | None,
        recorded_by: str | None,
        plan: str | None = None,
    ) -> PricePoint:
        """Store a price someone saw today; every part is checked before anything is stored."""
        tool = self._tool(tool_id)
        if currency.upper() not in CURRENCIES:
            raise ValueError(f"unknown currency {currency!r}; use one of {', '.join(CURRENCIES)}")
        price_unit = parse_unit(unit)
        if not (0 < amount <= MAX_MONEY):
            raise ValueError(f"the price must be a number above zero and at most {MAX_MONEY:,.0f}, not {amount:g}")
        if source_url is not None and not SOURCE_URL.fullmatch(source_url):
            raise ValueError(f"the source {source_url[:80]!r} is not a web address; give one starting with https://")
        point = PricePoint(
            item_id=tool.id,
            kind="tool",
            plan=_plan_priced_in(tool, price_unit, plan),
            amount=amount,
            currency=currency.upper(),
            unit=price_unit.value,
            observed_on=self.today(),
            source=source_url,
        )
        self.observations.record(point, recorded_by)
        return point

    def record_price_words(self, words: list[str], recorded_by: str | None, plan: str | None = None) -> PricePoint:
        """`TOOL_ID PRICE CURRENCY/UNIT [SOURCE_URL]`, as typed after `inventory update`."""
        if len(words) not in (3, 4):
            raise ValueError(f"expected TOOL_ID PRICE CURRENCY/UNIT [SOURCE_URL], got {len(words)} word(s)")
        tool_id, price, currency_unit, *source = words
        try:
            amount = float(price.replace(",", "").lstrip("$¥"))
        except ValueError:
            raise ValueError(f"the price {price!r} is not a number") from None
        currency, _, unit = currency_unit.partition("/")
        if not unit:
            raise ValueError(f"{currency_unit!r} is not CURRENCY/UNIT, e.g. USD/month")
        return self.record_price(tool_id, amount, currency, unit, source[0] if source else None, recorded_by, plan)

    def _tool(self, tool_id: str) -> Tool:
        tool = self.catalog.tool(tool_id)
        if tool is None:
            close = difflib.get_close_matches(tool_id, [t.id for t in self.catalog.tools], n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see `advisor catalog list`"
            raise ValueError(f"no tool with id {tool_id!r} in the catalog{hint}")
        return tool

    # --- the chart

    def chart(self, language: str, month: str | None = None) -> bytes:
        """The month's chart (PNG): its price changes and new cheapest options, and the long view of model prices
        (the reference milestones, the tiers' cheapest in the months' snapshots, and today's cheapest per tier)."""
        from bot.text.charts import inventory_charts

        inventory = self.current(month, language)
        line = inventory.long_view or long_view_line([], inventory.models, inventory.taken_on)
        return inventory_charts(inventory, self.catalog, line, language, self.series_for_chart())

    def series_for_chart(self) -> list[TierHistory]:
        """Each tier's cheapest configured model in every month's snapshot."""
        return tier_history(self.snapshots.models())


def _plan_priced_in(tool: Tool, unit: PriceUnit, plan: str | None) -> str:
    """The plan an observed price belongs to: the one plan priced in `unit`, or the one named."""
    candidates = [p.name for p in tool.plans if any(price.unit == unit for price in p.prices)]
    if not candidates:
        units = sorted({price.unit.value for p in tool.plans for price in p.prices})
        raise ValueError(f"{tool.id} has no plan priced {unit.value}; its units are {', '.join(units) or 'none'}")
    if plan is not None:
        if plan not in candidates:
            raise ValueError(
                f"{tool.id} has no plan {plan!r} priced {unit.value}; choose one of {', '.join(candidates)}"
            )
        return plan
    if len(candidates) > 1:
        raise ValueError(
            f"{tool.id} has several plans priced {unit.value}; name one with --plan: {', '.join(candidates)}"
        )
    return candidates[0]


def _model_points(models: list[ModelPrice], today: dt.date) -> list[PricePoint]:
    return [
        PricePoint(
            item_id=model.name,
            kind="model",
            plan=f"tier {model.tier}",
            amount=amount,
            currency="USD",
            unit=unit.value,
            observed_on=today,
        )
        for model in models
        for unit, amount in (
            (PriceUnit.PER_1M_INPUT_TOKENS, model.input_per_1m_usd),
            (PriceUnit.PER_1M_OUTPUT_TOKENS, model.output_per_1m_usd),
        )
    ]
