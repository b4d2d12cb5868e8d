"""The advisor service: one entry point from a question to an answer.

The CLI and the Slack adapter call the same methods. The service decides the route:
a zero-token path (calculator, a question back about a number, catalog, plan, budget, the monthly
inventory), a polite refusal, or an open
question for the cheapest fitting model (`open_questions`). Every question asked is
stored, with what answering it cost.
"""

from __future__ import annotations

import asyncio
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from bot.advisor.answer import Answer
from bot.advisor.calculator_answers import calculator_answer, clarifying_answer
from bot.advisor.catalog_answers import catalog_answer
from bot.advisor.loop_semaphore import LoopSemaphore
from bot.domain.budget import Asker
from bot.domain.catalog import Catalog, Category, PlanCost
from bot.domain.conversation import Turn
from bot.domain.intents import Intent, classify
from bot.domain.language import tools_speaking
from bot.domain.money import Currency, ExchangeRate
from bot.domain.plan import AdoptionPlan, CompanyProfile, build_plan, typical_profile
from bot.domain.routing import Route
from bot.domain.savings import SavingsResult, Scenario, calculate, calculate_between
from bot.settings import Settings
from bot.store.catalog_files import CatalogProblem, load_catalog
from bot.text import answers, budget_text, declines
from bot.text.reading import with_unlisted

if TYPE_CHECKING:
    from bot.advisor.cost_map_refresh import CostMapRefresh
    from bot.advisor.inventories import Inventories
    from bot.advisor.model_reading import ModelReader
    from bot.advisor.open_questions import OpenQuestions, PreparedQuestion
    from bot.advisor.price_watch import PriceWatch
    from bot.advisor.roster import Roster
    from bot.llm.client import TextSink
    from bot.store.budgets import BudgetStore
    from bot.store.db import Database
    from bot.store.profiles import ProfileStore
    from bot.store.questions import QuestionLog

TAKEN_AT_ONCE = 4
"""Questions classified, routed and recorded at once, in the order they came (see `Advisor.answer`)."""


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
    def _catalog_load(self):
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

        return BudgetStore(
            self.database,
            self.settings.tz,
            default_workspace_tokens=self.settings.default_workspace_tokens,
            reservation_ttl=self.settings.lease,
        )

    @cached_property
    def roster(self) -> Roster:
        """The configured models, and which of them a question may go to today."""
        from bot.advisor.roster import Roster

        return Roster(self.settings)

    @cached_property
    def cost_map_refresh(self) -> CostMapRefresh:
        """LiteLLM's published map fetched again each month, when ADVISOR_REMOTE_COST_MAP is set."""
        from bot.advisor.cost_map_refresh import CostMapRefresh

        return CostMapRefresh(self.settings, self.roster)

    @cached_property
    def open_questions(self) -> OpenQuestions:
        from bot.advisor.open_questions import OpenQuestions

        return OpenQuestions(
            self.settings,
            self.catalog,
            self.rate,
            self.database,
            self.budgets,
            self.profiles,
            self.questions,
            self.roster,
        )

    @cached_property
    def model_reader(self) -> ModelReader:
        from bot.advisor.model_reading import ModelReader

        return ModelReader(
            self.open_questions,
            lambda text: classify(text, self.catalog, self.settings.language),
            enabled=self.settings.model_reading,
        )

    @cached_property
    def inventories(self) -> Inventories:
        from bot.advisor.inventories import Inventories
        from bot.domain.long_view import model_prices
        from bot.llm.milestones import load_milestones

        settings = self.settings
        return Inventories(
            self.catalog,
            self.database,
            settings,
            self.profiles,
            self.rate,
            models=lambda: model_prices(self.roster.everything.lives, self.roster.today()),
            milestones=lambda: load_milestones(
                settings.catalog_dir / "reference_models.yaml", settings.remote_cost_map
            ),
        )

    @cached_property
    def price_watch(self) -> PriceWatch:
        """Each tool's pricing page read again and compared with the prices in force."""
        return self.inventories.price_watch()

    def asker(
        self, workspace_id: str | None = None, channel_id: str | None = None, user_id: str | None = None
    ) -> Asker:
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
        reason = f"{source[0].upper()}{source[1:]} answers this exactly, without a model (0 tokens)."
        if intent.path == "clarify" and self.model_reader.model is not None:
            reason = (
                f"A number can be read more than one way: {self.model_reader.model.spec.name} reads the numbers, and "
                "the calculator answers if its reading settles which way; else the question is asked back."
            )
        return Route(path=intent.path, language=intent.language, tools=tools, reason=reason)

    def ask(
        self,
        question: str,
        *,
        workspace_id: str | None = None,
        channel_id: str | None = None,
        user_id: str | None = None,
        at_least_tier: int | None = None,
        log_free_answers: bool = True,
    ) -> Answer:
        """`answer` for callers without an event loop (the terminal)."""
        asker = self.asker(workspace_id, channel_id, user_id)
        return asyncio.run(self.answer(question, asker, at_least_tier, log_free_answers=log_free_answers))

    async def answer(
        self,
        question: str,
        asker: Asker | None = None,
        at_least_tier: int | None = None,
        *,
        history: list[Turn] | None = None,
        escalated_from: int | None = None,
        log_free_answers: bool = True,
        on_text: TextSink | None = None,
    ) -> Answer:
        """Answer one question; store it first, and what answering it cost after.

        A question for a model is always stored before the call. `history` is the
        conversation so far (a thread's earlier turns); `escalated_from` is the question a
        "deeper answer" re-asks; `on_text` takes a model's answer as it is written (the answer
        returned then starts with that text, and may add lines to it). `log_free_answers=False`
        leaves zero-token answers out of the log: a one-shot terminal command then never opens
        the database, and answers in a fraction of a second.
        """
        asker = asker or self.asker()
        # Classifying runs a few hundred patterns, routing reads the budgets, and the question is
        # written before any model call: all of it off the event loop, which serves Slack, and a
        # few questions at a time. Taken all at once, a burst of questions would move in step
        # through the worker threads: every question's take, then every reservation, and only
        # then the first model call, with the processes idle while the calls are out. In turn,
        # the first questions are with the model while the later ones are still being taken.
        async with self._taking():
            taken = await asyncio.to_thread(
                self._take, question.strip(), asker, at_least_tier, history, escalated_from, log_free_answers
            )
        if isinstance(taken, Answer):
            return taken
        prepared, question_id = taken
        if isinstance(prepared, Intent):
            return await self.model_reader.answer(question.strip(), prepared, asker, question_id)
        language = prepared.route.language
        result = await self.open_questions.answer(prepared, asker, question_id, on_text)  # it records the end
        return Answer(
            answer=result.text,
            footer=result.footer,
            path="llm",
            language=language,
            tools=result.sources or [],
            status=result.status,
            question_id=question_id,
            warnings=result.warnings or [],
            tier=result.tier,
            **result.usage(),
        )

    def _take(
        self,
        question: str,
        asker: Asker,
        at_least_tier: int | None,
        history: list[Turn] | None,
        escalated_from: int | None,
        log_free_answers: bool,
    ) -> Answer | tuple[PreparedQuestion | Intent, int]:
        """Classify the question and answer it at once if no model is needed; else route it.

        Either way it is recorded: a question for a model before the call, with its route.
        Returns the answer, or the routed question and its id in the log, or (for a model to
        read its numbers) the intent and its id.
        """
        intent = classify(question, self.catalog, self.settings.language)
        if intent.path == "clarify" and self.model_reader.model is not None:
            return intent, self.questions.record(
                asker.workspace_id, asker.channel_id, asker.user_id, question, intent.language, "clarify"
            )
        if intent.path != "llm":
            answer = (
                Answer(
                    answer=declines.refusal_answer(intent.language, intent.refusal.reason(intent.language)),  # type: ignore[union-attr]  # set on the refused path
                    path="refused",
                    language=intent.language,
                    status="refused",
                )
                if intent.path == "refused"
                else self._zero_token_answer(intent, asker)
            )
            if intent.unlisted and intent.path != "refused":
                answer.answer = with_unlisted(answer.answer, [tool.name for tool in intent.unlisted], answer.language)
            answer.footer = answers.sources_footer(answer.tools, answer.language, answer.path)
            if log_free_answers:
                answer.question_id = self.questions.record(
                    asker.workspace_id,
                    asker.channel_id,
                    asker.user_id,
                    question,
                    intent.language,
                    intent.path,
                    status=answer.status,
                    answer=answer.text,
                )
            return answer
        prepared = self.open_questions.prepare(question, intent, asker, at_least_tier, history, read_budgets=False)
        route = prepared.route
        question_id = self.questions.record(
            asker.workspace_id,
            asker.channel_id,
            asker.user_id,
            question,
            intent.language,
            "llm",
            tier=route.needed_tier,
            route=route.model_dump(mode="json"),
            escalated_from=escalated_from,
        )
        return prepared, question_id

    def _zero_token_answer(self, intent: Intent, asker: Asker) -> Answer:
        if intent.path == "calculator":
            return Answer(**calculator_answer(intent, self.catalog, self.rate, self.currency))
        if intent.path == "clarify":
            return Answer(**clarifying_answer(intent))
        if intent.path == "catalog":
            return Answer(**catalog_answer(intent, self.catalog, self.rate, self.currency))
        if intent.path == "plan":
            return self._plan_answer(intent.language, asker.workspace_id)
        if intent.path == "inventory":
            return self._inventory_answer(intent.language, asker.workspace_id)
        return self._budget_answer(intent.language, asker)

    # --- the paths

    def cheapest(
        self, category: Category, volume: float, language: str, kind: Literal["app", "api"] | None = None
    ) -> list[PlanCost]:
        return self.catalog.priced_options(
            category, volume, self.currency, self.rate, language=tools_speaking(language), kind=kind
        )

    def _budget_answer(self, language: str, asker: Asker) -> Answer:
        usages = self.budgets.usage(asker.workspace_id, asker.scopes)
        month = usages[0].month if usages else ""
        return Answer(
            answer=budget_text.budget_status_answer(usages, month, language), path="budget", language=language
        )

    def _plan_answer(self, language: str, workspace_id: str) -> Answer:
        plan = self.plan(workspace_id=workspace_id, language=language)
        tools = list(dict.fromkeys(item.tool.tool.id for item in plan.items if item.tool))
        return Answer(
            answer=answers.plan_answer(plan, self.rate, language), path="plan", language=language, tools=tools
        )

    def _inventory_answer(self, language: str, workspace_id: str) -> Answer:
        from bot.text.inventory import inventory_text, inventory_title

        inventory = self.inventories.current(language=language, workspace_id=workspace_id)
        text = f"{inventory_title(inventory, language)}\n\n{inventory_text(inventory, self.catalog, language)}"
        changed = [change.tool for change in [*inventory.drops, *inventory.rises]]
        tools = [tool_id for tool_id in dict.fromkeys(changed) if self.catalog.tool(tool_id) is not None]
        return Answer(answer=text, path="inventory", language=language, tools=tools)

    # --- the other entry points the adapters use

    def calculate(
        self, scenario: Scenario, language: str | None = None, ends: tuple[Scenario, Scenario] | None = None
    ) -> SavingsResult:
        """The savings of `scenario`; with `ends` (its ranges' low and high ends), every figure for both."""
        language = language or self.settings.language
        return calculate_between(*ends, scenario, language) if ends else calculate(scenario, language)

    def plan(
        self, *, profile: CompanyProfile | None = None, workspace_id: str | None = None, language: str | None = None
    ) -> AdoptionPlan:
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
