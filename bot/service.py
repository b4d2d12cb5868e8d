"""The advisor service: one entry point from a question to an answer.

The CLI and the Slack adapter call the same methods. The service decides the route:
a zero-token path (calculator, catalog, plan, budget, the monthly inventory), a polite refusal, or an open
question for the cheapest fitting model (`open_questions`). Every question asked is
stored, with what answering it cost.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError

from bot import answers
from bot.catalog_files import CatalogProblem, load_catalog
from bot.domain.catalog import Catalog, Category, PlanCost, TaskBaseline
from bot.domain.intents import Intent, classify
from bot.domain.money import Currency, ExchangeRate
from bot.domain.quantities import Reading
from bot.domain.plan import AdoptionPlan, CompanyProfile, baseline_scales, build_plan, scaled_minutes_after, typical_profile
from bot.domain.savings import SavingsResult, Scenario, calculate
from bot.loop_semaphore import LoopSemaphore
from bot.reading_text import clarify_answer, reading_line
from bot.settings import Settings

from bot.domain.budget import Asker
from bot.domain.conversation import Turn
from bot.domain.routing import Route

if TYPE_CHECKING:
    from bot.inventory_service import Inventories
    from bot.open_questions import OpenQuestions, PreparedQuestion
    from bot.store.budgets import BudgetStore
    from bot.store.db import Database
    from bot.store.profiles import ProfileStore
    from bot.store.questions import QuestionLog

TAKEN_AT_ONCE = 4
"""Questions classified, routed and recorded at once, in the order they came (see `Advisor.answer`)."""


class Answer(BaseModel):
    answer: str = Field(description="the answer itself, without the footer")
    footer: str = Field(default="", description="where the answer came from and what it cost, as one line")
    path: str
    language: str
    tools: list[str] = Field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    calculation: dict[str, Any] | None = None
    model: str | None = None
    status: str = Field(default="answered", description="answered, refused, declined or failed")
    question_id: int | None = None
    warnings: list[str] = Field(default_factory=list, description="budget warnings this answer crossed")
    tier: int | None = Field(default=None, description="the capability tier of the model that answered")
    read: list[dict[str, Any]] = Field(
        default_factory=list, description="each number of the question as read: {text, role, value, unit}")
    clarify: dict[str, Any] | None = Field(
        default=None, description="on the clarify path: the unclear number and its choices, each with the question "
                                  "that reads it one way ({text, choices: [{label, question}]})")

    @property
    def text(self) -> str:
        """The answer with its footer, as the terminal shows it and the question log keeps it."""
        return answers.with_footer(self.answer, self.footer)


class Advisor:
    def __init__(self, settings: Settings, database: Database | None = None) -> None:
        self.settings = settings
        if database is not None:
            self.database = database
        self.rate = ExchangeRate(settings.usd_jpy, settings.usd_jpy_set_on)
        self.currency: Currency = settings.currency
        self._taking = LoopSemaphore(TAKEN_AT_ONCE)

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

    @cached_property
    def questions(self) -> QuestionLog:
        from bot.store.questions import QuestionLog

        return QuestionLog(self.database)

    @cached_property
    def budgets(self) -> BudgetStore:
        from bot.store.budgets import BudgetStore

        return BudgetStore(self.database, self.settings.tz, default_workspace_tokens=self.settings.default_workspace_tokens,
                           reservation_ttl=self.settings.lease)

    @cached_property
    def open_questions(self) -> OpenQuestions:
        from bot.open_questions import OpenQuestions

        return OpenQuestions(self.settings, self.catalog, self.rate, self.database, self.budgets, self.profiles,
                             self.questions)

    @cached_property
    def inventories(self) -> Inventories:
        from bot.inventory_service import Inventories

        return Inventories(self)

    def asker(self, workspace_id: str | None = None, channel_id: str | None = None, user_id: str | None = None) -> Asker:
        return Asker(workspace_id or self.settings.workspace_id, channel_id, user_id)

    # --- the entry points

    def route(self, question: str, asker: Asker | None = None, at_least_tier: int | None = None) -> Route:
        """How `question` would be answered, and at what estimated cost, without calling a model.

        `at_least_tier` asks for a stronger model than the question seems to need (the
        explicit escalation); it is budgeted like any other call.
        """
        asker = asker or self.asker()
        question = question.strip()
        intent = classify(question, self.catalog, self.settings.language)
        if intent.path == "llm":
            return self.open_questions.prepare(question, intent, asker, at_least_tier).route
        if intent.path == "refused":
            why = intent.refusal.reason("en") if intent.refusal else "Off-topic."
            return Route(path="refused", language=intent.language, reason=f"{why} Declined without a model (0 tokens).")
        # A dry run writes nothing: the inventory would take this month's price snapshot.
        tools = [] if intent.path == "inventory" else self._zero_token_answer(intent, asker).tools
        source = answers.zero_token_source(intent.path, "en") or intent.path
        return Route(path=intent.path, language=intent.language, tools=tools,
                     reason=f"{source[0].upper()}{source[1:]} answers this exactly, without a model (0 tokens).")

    def ask(self, question: str, *, workspace_id: str | None = None, channel_id: str | None = None,
            user_id: str | None = None, at_least_tier: int | None = None, log_free_answers: bool = True) -> Answer:
        """`answer` for callers without an event loop (the terminal)."""
        asker = self.asker(workspace_id, channel_id, user_id)
        return asyncio.run(self.answer(question, asker, at_least_tier, log_free_answers=log_free_answers))

    async def answer(self, question: str, asker: Asker | None = None, at_least_tier: int | None = None, *,
                     history: list[Turn] | None = None, escalated_from: int | None = None,
                     log_free_answers: bool = True) -> Answer:
        """Answer one question; store it first, and what answering it cost after.

        A question for a model is always stored before the call. `history` is the
        conversation so far (a thread's earlier turns); `escalated_from` is the question a
        "deeper answer" re-asks. `log_free_answers=False` leaves zero-token answers out of
        the log: a one-shot terminal command then never opens the database, and answers in
        a fraction of a second.
        """
        asker = asker or self.asker()
        # Classifying runs a few hundred patterns, routing reads the budgets, and the question is
        # written before any model call: all of it off the event loop, which serves Slack, and a
        # few questions at a time. Taken all at once, a burst of questions would move in step
        # through the worker threads: every question's take, then every reservation, and only
        # then the first model call, with the processes idle while the calls are out. In turn,
        # the first questions are with the model while the later ones are still being taken.
        async with self._taking():
            taken = await asyncio.to_thread(self._take, question.strip(), asker, at_least_tier, history,
                                            escalated_from, log_free_answers)
        if isinstance(taken, Answer):
            return taken
        prepared, question_id = taken
        language = prepared.route.language
        try:
            result = await self.open_questions.answer(prepared, asker, question_id)
        except BaseException as error:
            await asyncio.to_thread(self.questions.update, question_id, status="failed", error=repr(error))
            raise
        completion = result.completion
        usage = (
            {"model": completion.model, "prompt_tokens": completion.prompt_tokens,
             "completion_tokens": completion.completion_tokens, "cost_usd": completion.cost_usd}
            if completion else {}
        )
        footer = result.footer if completion else answers.sources_footer([], language, "llm")
        answer = Answer(
            answer=result.text, footer=footer, path="llm", language=language, tools=result.sources or [],
            status=result.status, question_id=question_id, warnings=result.warnings or [],
            tier=result.tier, **usage,
        )
        if not result.recorded:
            rerouted = {"route": result.route.model_dump(mode="json")} if result.route else {}
            await asyncio.to_thread(self.questions.update, question_id, status=result.status, answer=answer.text,
                                    **usage, **rerouted)
        return answer

    def _take(self, question: str, asker: Asker, at_least_tier: int | None, history: list[Turn] | None,
              escalated_from: int | None, log_free_answers: bool) -> Answer | tuple[PreparedQuestion, int]:
        """Classify the question and answer it at once if no model is needed; else route it.

        Either way it is recorded: a question for a model before the call, with its route.
        Returns the answer, or the routed question and its id in the log.
        """
        intent = classify(question, self.catalog, self.settings.language)
        if intent.path != "llm":
            answer = (
                Answer(answer=answers.refusal_answer(intent.language, intent.refusal.reason(intent.language)),  # type: ignore[union-attr]
                       path="refused", language=intent.language, status="refused")
                if intent.path == "refused"
                else self._zero_token_answer(intent, asker)
            )
            answer.footer = answers.sources_footer(answer.tools, answer.language, answer.path)
            if log_free_answers:
                answer.question_id = self.questions.record(
                    asker.workspace_id, asker.channel_id, asker.user_id, question, intent.language, intent.path,
                    status=answer.status, answer=answer.text,
                )
            return answer
        prepared = self.open_questions.prepare(question, intent, asker, at_least_tier, history, read_budgets=False)
        route = prepared.route
        question_id = self.questions.record(
            asker.workspace_id, asker.channel_id, asker.user_id, question, intent.language, "llm",
            tier=route.needed_tier, route=route.model_dump(mode="json"), escalated_from=escalated_from,
        )
        return prepared, question_id

    def _zero_token_answer(self, intent: Intent, asker: Asker) -> Answer:
        if intent.path == "calculator":
            return self._calculator_answer(intent)
        if intent.path == "clarify":
            return self._clarify_answer(intent)
        if intent.path == "catalog":
            return self._catalog_answer(intent)
        if intent.path == "plan":
            return self._plan_answer(intent.language, asker.workspace_id)
        if intent.path == "inventory":
            return self._inventory_answer(intent.language, asker.workspace_id)
        return self._budget_answer(intent.language, asker)

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
        asked = _asked_monthly_units(intent, baseline)
        volume = asked or (baseline.typical_volume if baseline else 1.0)
        apps = self.cheapest(category, volume, language, kind="app")
        apis = self.cheapest(category, volume, language, kind="api")
        text = answers.catalog_answer(baseline, category, apps, apis, volume, self.currency, self.rate, language,
                                      typical=asked is None)
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
        before, after = figures.minutes_before, figures.minutes_after
        period = figures.period or "month"
        per_en, per_ja = answers.PERIOD_WORDS["en"][period], answers.PERIOD_WORDS["ja"][period]
        # Whether the volume counts the task's own units ("characters") or others ("20 pages" of translation).
        in_task_units = figures.volume_is_hours or figures.volume_is_recorded_hours or (
            baseline is not None and baseline.is_counted_by(figures.volume_words))
        if figures.volume_is_recorded_hours and baseline and baseline.unit_hours:
            units = volume / baseline.unit_hours
            notes.append(
                answers.pick(language, f"The {volume:g} hours are of recordings or meetings, not of work: {answers.units_text(baseline, units, 'en')} {per_en}.",
                             f"{per_ja}{volume:g}時間は作業時間ではなく録音・会議の時間として、{baseline.unit('ja')}×{answers.quantity(units)}と数えます。")
            )
            volume = units
        elif figures.volume_is_hours or figures.volume_is_recorded_hours:
            # Hours of a task not counted in hours ("20 hours of calls" about inquiries): the time it takes.
            per_unit = baseline.minutes_before if baseline and baseline.minutes_before else 60.0
            notes.append(
                answers.pick(language, f"{volume:g} hours of work {per_en} is {volume * 60 / per_unit:,.1f} × {baseline.unit('en') if baseline else 'hour'} at {per_unit:g} minutes each.",
                           f"{per_ja}{volume:g}時間の作業を、1件{per_unit:g}分として{volume * 60 / per_unit:,.1f}件と数えます。")
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
        if figures.outsourcing_monthly_spend is not None:
            outsourcing, volume, notes_of_spend = self._spend_per_unit(figures, volume, language)
            notes += notes_of_spend
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
            if baseline is not None and not in_task_units:  # a tool priced by the character, for "20 pages"
                monthly = baseline.typical_volume
                counted = baseline.units.en if baseline.units else baseline.unit.en
                notes.append(answers.pick(
                    language,
                    f"The tool is priced at a typical month's use ({answers.volume_text(baseline, monthly, 'en')}): "
                    f"the question counts {figures.volume_words}, not {counted}.",
                    f"ツールの料金は一般的な月の利用量（{answers.volume_text(baseline, monthly, 'ja')}）で見積もっています。",
                ))
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
        if baseline is not None and in_task_units:
            count: str | None = answers.units_text(baseline, scenario.volume, language)
        elif figures.volume_words:  # "20 pages": the asker's own units
            count = answers.pick(language, f"{answers.quantity(scenario.volume)} {figures.volume_words}",
                                 f"{answers.quantity(scenario.volume)}{figures.volume_words}")
        else:
            count = None
        if figures.outsourcing_monthly_spend is not None and figures.volume is None:
            count = answers.pick(language, "the work outsourced", "外注分")
        text = answers.calculation_answer(scenario, result, label, tool, notes, language, count)
        read_as = reading_line(figures, scenario, language)
        text = f"{read_as}\n{text}" if read_as else text
        if tool is not None:
            note = answers.converted_note([tool], currency, self.rate, language)
            text += f"\n{note}" if note else ""
        return Answer(
            answer=text, path="calculator", language=language,
            tools=[tool.tool.id] if tool else [], calculation=result.model_dump(mode="json"),
            read=[asdict(item) for item in figures.items],
        )

    @staticmethod
    def _spend_per_unit(figures: Reading, volume: float, language: str) -> tuple[Any, float, list[str]]:
        """What is paid outside a month, as a price per unit of the volume (or per month's work when none is given)."""
        spend = figures.outsourcing_monthly_spend
        low, high = spend if isinstance(spend, tuple) else (spend, spend)  # type: ignore[misc]
        if figures.volume is None:
            note = answers.pick(language, "What is paid outside a month is today's cost, so this is the most AI could save: "
                                          "the staff time to run the tool and check its work is not counted. Give the volume "
                                          "and the minutes per item with AI to count it.",
                                "外注費の月額を現在のコストとしているため、これは削減額の上限です。AIツールを使う・確認する社内の時間は"
                                "含みません。件数とAI導入後の1件あたりの時間があれば、それも計算します。")
            return (low if low == high else (low, high)), 1.0, [note]
        monthly = Scenario(volume=volume, period=figures.period or "month").monthly_volume  # type: ignore[arg-type]
        per_unit = (low / monthly, high / monthly)
        note = answers.pick(language, f"What is paid outside a month ÷ {monthly:,.1f} a month = the price per unit.",
                            f"外注費の月額÷月{monthly:,.1f}件を1件あたりの外注費としています。")
        return (per_unit[0] if low == high else per_unit), volume, [note]

    def _clarify_answer(self, intent: Intent) -> Answer:
        reading = intent.figures
        unclear = reading.unclear[0]
        return Answer(
            answer=clarify_answer(reading, intent.language), path="clarify", language=intent.language,
            read=[asdict(item) for item in reading.items],
            clarify={"text": unclear.text, "choices": [
                {"label": answers.pick(intent.language, english, japanese), "question": question}
                for english, japanese, question in unclear.choices
            ]},
        )

    def _budget_answer(self, language: str, asker: Asker) -> Answer:
        usages = self.budgets.usage(asker.workspace_id, asker.scopes)
        month = usages[0].month if usages else ""
        return Answer(answer=answers.budget_status_answer(usages, month, language), path="budget", language=language)

    def _plan_answer(self, language: str, workspace_id: str) -> Answer:
        plan = self.plan(workspace_id=workspace_id, language=language)
        tools = list(dict.fromkeys(item.tool.tool.id for item in plan.items if item.tool))
        return Answer(answer=answers.plan_answer(plan, self.rate, language), path="plan", language=language, tools=tools)

    def _inventory_answer(self, language: str, workspace_id: str) -> Answer:
        from bot.inventory_report import inventory_text, inventory_title

        inventory = self.inventories.current(language=language, workspace_id=workspace_id)
        text = f"{inventory_title(inventory, language)}\n\n{inventory_text(inventory, self.catalog, language)}"
        changed = [change.tool for change in [*inventory.drops, *inventory.rises]]
        tools = [tool_id for tool_id in dict.fromkeys(changed) if self.catalog.tool(tool_id) is not None]
        return Answer(answer=text, path="inventory", language=language, tools=tools)

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


def _asked_monthly_units(intent: Intent, baseline: TaskBaseline | None) -> float | None:
    """The units a month the question gives ("50,000 characters a month"), if it gives them as units."""
    figures = intent.figures
    if figures.volume is None or figures.volume_is_hours or baseline is None:
        return None  # hours of work are units only at a time per unit, which a catalog question does not give
    volume = figures.volume
    if figures.volume_is_recorded_hours:
        if not baseline.unit_hours:
            return None
        volume /= baseline.unit_hours
    elif not baseline.is_counted_by(figures.volume_words):
        return None  # "20 pages a month" of a task counted in characters
    try:
        return Scenario(volume=volume, period=figures.period or "month").monthly_volume  # type: ignore[arg-type]
    except ValidationError:  # no volume, or beyond any business's: the typical one instead
        return None


def describe_validation_error(error: ValidationError) -> list[str]:
    """One plain line per problem, naming the field: "volume: must be greater than 0"."""
    lines = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"])
        message = detail["msg"].removeprefix("Value error, ")
        message = message.replace("Input should be", "must be")
        lines.append(f"{field}: {message}" if field else message)
    return lines
