"""The advisor service: one entry point from a question to an answer.

The CLI calls it today; the Slack adapter will call the same methods. It decides which
zero-token path answers a question and composes the answer from the domain.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError

from bot import answers
from bot.catalog_files import CatalogProblem, load_catalog
from bot.domain.catalog import Catalog, Category, PlanCost
from bot.domain.intents import Intent, classify
from bot.domain.money import Currency, ExchangeRate
from bot.domain.plan import AdoptionPlan, CompanyProfile, baseline_scales, build_plan, scaled_minutes_after, typical_profile
from bot.domain.savings import SavingsResult, Scenario, calculate
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.store.db import Database
    from bot.store.profiles import ProfileStore


class Answer(BaseModel):
    answer: str
    path: str
    language: str
    tools: list[str] = Field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    calculation: dict[str, Any] | None = None


class Advisor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rate = ExchangeRate(settings.usd_jpy, settings.usd_jpy_set_on)
        self.currency: Currency = settings.currency

    # --- parts, loaded on first use so that a calculation never touches the database

    @cached_property
    def _catalog_load(self):  # type: ignore[no-untyped-def]
        return load_catalog(self.settings.catalog_dir)

    @property
    def catalog(self) -> Catalog:
        return self._catalog_load.catalog

    @property
    def catalog_problems(self) -> list[CatalogProblem]:
        return self._catalog_load.problems

    @cached_property
    def database(self) -> Database:
        from bot.store.db import Database

        return Database(self.settings.database_url)

    @cached_property
    def profiles(self) -> ProfileStore:
        from bot.store.profiles import ProfileStore

        return ProfileStore(self.database)

    # --- the one entry point

    def ask(self, question: str, *, workspace_id: str | None = None) -> Answer:
        question = question.strip()
        intent = classify(question, self.catalog, self.settings.language)
        workspace = workspace_id or self.settings.workspace_id
        if intent.path == "calculator":
            answer = self._calculator_answer(intent)
        elif intent.path == "catalog":
            answer = self._catalog_answer(intent)
        elif intent.path == "plan":
            answer = self._plan_answer(intent.language, workspace)
        else:
            answer = Answer(answer=answers.no_path_answer(intent.language), path="none", language=intent.language)
        answer.answer += "\n" + answers.sources_footer(answer.tools, answer.language, answer.path)
        return answer

    # --- the paths

    def cheapest(self, category: Category, volume: float, language: str, kind: str | None = None) -> list[PlanCost]:
        return self.catalog.priced_options(
            category, volume, self.currency, self.rate, language="ja" if language == "ja" else None, kind=kind  # type: ignore[arg-type]
        )

    def _catalog_answer(self, intent: Intent) -> Answer:
        language = intent.language
        if intent.tools and (not intent.categories or len(intent.tools) <= 2):
            text = "\n\n".join(answers.tool_answer(tool, language) for tool in intent.tools[:2])
            return Answer(answer=text, path="catalog", language=language, tools=[tool.id for tool in intent.tools[:2]])
        category = intent.categories[0]
        baseline = self.catalog.task(category)
        volume = baseline.typical_volume if baseline else 1.0
        apps = self.cheapest(category, volume, language, kind="app")
        apis = self.cheapest(category, volume, language, kind="api")
        text = answers.catalog_answer(baseline, category, apps, apis, volume, self.currency, self.rate, language)
        if category == Category.CUSTOM_AI:
            plan = build_plan(typical_profile(self.catalog, self.currency, self.rate, language), self.catalog, self.rate,
                              language=language, is_typical=True)
            if plan.build_versus_buy:
                text += "\n" + answers.build_versus_buy_text(plan.build_versus_buy, language)
        tools = [option.tool.id for option in apps[:3] + apis[:2]]
        return Answer(answer=text, path="catalog", language=language, tools=tools)

    def _calculator_answer(self, intent: Intent) -> Answer:
        language = intent.language
        figures = intent.figures
        category = intent.categories[0] if intent.categories else None
        baseline = self.catalog.task(category) if category else None
        currency: Currency = figures.currency if figures.currency in ("JPY", "USD") else self.currency  # type: ignore[assignment]
        notes: list[str] = []

        volume = figures.volume or 1.0
        minutes = sorted(figures.minutes, reverse=True)
        before = minutes[0] if minutes else None
        after = minutes[-1] if len(minutes) > 1 else None
        if figures.volume_is_hours:
            per_unit = baseline.minutes_before if baseline and baseline.minutes_before else 60.0
            notes.append(
                answers.pick(language, f"{volume:g} hours of work a month is {volume * 60 / per_unit:,.1f} × {baseline.unit('en') if baseline else 'hour'} at {per_unit:g} minutes each.",
                           f"月{volume:g}時間の作業を、1件{per_unit:g}分として{volume * 60 / per_unit:,.1f}件と数えます。")
            )
            volume, before = volume * 60 / per_unit, per_unit
        if before is None and baseline and baseline.minutes_before and figures.outsourcing_unit_cost is None:
            before = baseline.minutes_before
            notes.append(answers.pick(language, f"Time per unit today from the catalog baseline: {before:g} minutes ({baseline.minutes_source}).",
                                    f"現在の1件あたりの時間はカタログの基準値：{before:g}分（{baseline.minutes_source}）。"))
        if after is None and before is not None:
            after = scaled_minutes_after(before, baseline)
            if baseline_scales(baseline):
                notes.append(answers.pick(language, f"Time with AI from the catalog baseline: {after:g} minutes ({baseline.minutes_source}).",
                                          f"AI導入後の時間はカタログの基準値から{after:g}分（{baseline.minutes_source}）。"))
            else:
                notes.append(answers.pick(language, f"Time with AI assumed to be a quarter of today's: {after:g} minutes.",
                                          f"AI導入後の時間は現在の4分の1（{after:g}分）と仮定します。"))
        outsourcing = figures.outsourcing_unit_cost
        if outsourcing is None and before is None and baseline and baseline.outsourcing_unit_cost:
            span = baseline.outsourcing_unit_cost
            outsourcing = (self.rate.convert(span.low, baseline.outsourcing_currency, currency),
                           self.rate.convert(span.high, baseline.outsourcing_currency, currency))
            notes.append(answers.pick(language, f"Outsourcing price from the catalog baseline ({baseline.outsourcing_source}).",
                                    f"外注費はカタログの基準値（{baseline.outsourcing_source}）。"))
            if baseline.minutes_after is not None:
                after = baseline.minutes_after

        tool: PlanCost | None = None
        tool_cost = figures.tool_cost_monthly
        if tool_cost is None and category is not None:
            monthly = Scenario(volume=volume, period=figures.period or "month").monthly_volume
            options = self.catalog.priced_options(category, monthly, currency, self.rate,
                                                  language="ja" if language == "ja" else None, kind="app")  # type: ignore[arg-type]
            options = options or self.catalog.priced_options(category, monthly, currency, self.rate, kind="api")
            if options:
                tool = options[0]
                tool_cost = tool.monthly_cost

        try:
            scenario = Scenario(
                task=category.value if category else None,
                volume=volume,
                period=figures.period or "month",  # type: ignore[arg-type]
                minutes_before=before,
                minutes_after=after if before is not None or outsourcing is not None else None,
                hourly_cost=figures.hourly_cost,
                outsourcing_unit_cost=outsourcing,
                tool_cost_monthly=tool_cost,
                currency=currency,
            )
        except ValidationError as error:
            problems = "; ".join(describe_validation_error(error))
            text = answers.pick(language, f"I could not work that out: {problems}.", f"計算できませんでした：{problems}。")
            return Answer(answer=text, path="calculator", language=language)
        result = calculate(scenario, language)
        label = baseline.name(language) if baseline else answers.pick(language, "this task", "この業務")
        text = answers.calculation_answer(scenario, result, label, tool, notes, language)
        if tool is not None:
            note = answers.converted_note([tool], currency, self.rate, language)
            text += f"\n{note}" if note else ""
        return Answer(
            answer=text, path="calculator", language=language,
            tools=[tool.tool.id] if tool else [], calculation=result.model_dump(mode="json"),
        )

    def _plan_answer(self, language: str, workspace_id: str) -> Answer:
        plan = self.plan(workspace_id=workspace_id, language=language)
        tools = list(dict.fromkeys(item.tool.tool.id for item in plan.items if item.tool))
        return Answer(answer=answers.plan_answer(plan, self.rate, language), path="plan", language=language, tools=tools)

    # --- the other entry points the adapters use

    def calculate(self, scenario: Scenario, language: str | None = None) -> SavingsResult:
        return calculate(scenario, language or self.settings.language)

    def plan(self, *, profile: CompanyProfile | None = None, workspace_id: str | None = None, language: str | None = None) -> AdoptionPlan:
        """The adoption plan of `profile`, else the stored one, else a typical small business.

        Labels and assumptions are in `language`, else the profile's, else the default.
        """
        if profile is None:
            profile = self.profiles.get(workspace_id or self.settings.workspace_id)
        if profile is None:
            language = language or self.settings.language
            typical = typical_profile(self.catalog, self.currency, self.rate, language)
            return build_plan(typical, self.catalog, self.rate, language=language, is_typical=True)
        return build_plan(profile, self.catalog, self.rate, language=language or profile.language)


def describe_validation_error(error: ValidationError) -> list[str]:
    """One plain line per problem, naming the field: "volume: must be greater than 0"."""
    lines = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"])
        message = detail["msg"].removeprefix("Value error, ")
        message = message.replace("Input should be", "must be")
        lines.append(f"{field}: {message}" if field else message)
    return lines
