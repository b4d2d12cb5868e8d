"""Open questions: routed to the cheapest fitting model, paid for from the budget, accounted.

The pipeline for a question no zero-token path answers:

1. the tier it needs (`domain.tiers`), and the few catalog facts it is about
   (`domain.retrieval`), rendered into the prompt (`prompts/`);
2. the cheapest model of that tier whose window holds the prompt (`domain.routing`);
3. a reservation of the prompt plus the longest answer in every applicable budget,
   atomically in the database; the call, with retries; on persistent failure the next
   cheapest fitting model, with its own reservation. The reservation is what enforces
   the budgets, so a question is routed without reading them first: only when a
   reservation is refused are the budgets read, and the question routed again to the
   cheapest model they still cover (or declined), as `choose_model` would have routed
   it with them in hand;
4. the reservation settled with the real usage, a ledger row, and the question updated
   with its answer, in one transaction.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from bot.advisor.loop_semaphore import LoopSemaphore
from bot.advisor.model_answer import ModelAnswer, PreparedQuestion
from bot.advisor.roster import Roster
from bot.domain.budget import Asker, AtLimit
from bot.domain.catalog import Catalog
from bot.domain.conversation import Turn, recent_turns
from bot.domain.intents import Intent
from bot.domain.money import ExchangeRate
from bot.domain.questions import QuestionStatus
from bot.domain.retrieval import ground
from bot.domain.routing import (
    BudgetRoom,
    ModelChoice,
    ModelSpec,
    Route,
    choose_model,
    route_of,
    tightest_room,
    with_margin,
)
from bot.domain.savings import Scenario
from bot.domain.tiers import TierNeed, needed_tier
from bot.domain.tokens import beyond_estimate, count_prompt_tokens, turn_tokens
from bot.llm import prompts
from bot.llm.client import CallPolicy, Completion, ModelCallFailed, StreamCutOff, TextSink, complete
from bot.settings import Settings
from bot.store.budgets import BudgetStore
from bot.store.db import Database
from bot.store.profiles import ProfileStore
from bot.store.questions import QuestionChanges, QuestionLog
from bot.text import answers, budget_text, declines

if TYPE_CHECKING:
    from sqlalchemy import Connection


class OpenQuestions:
    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        rate: ExchangeRate,
        database: Database,
        budgets: BudgetStore,
        profiles: ProfileStore,
        questions: QuestionLog,
        roster: Roster,
    ) -> None:
        self.settings = settings
        self.roster = roster
        self.catalog = catalog
        self.rate = rate
        self.database = database
        self.budgets = budgets
        self.profiles = profiles
        self.questions = questions
        self.call_policy = CallPolicy(
            attempts=settings.llm_attempts,
            timeout_seconds=settings.llm_timeout_seconds,
            retry_base_seconds=settings.retry_base_seconds,
            remote_cost_map=settings.remote_cost_map,
        )
        self._slots = LoopSemaphore(settings.model_calls)

    # --- 1 and 2: the route, without calling any model

    def prepare(
        self,
        question: str,
        intent: Intent,
        asker: Asker,
        at_least_tier: int | None = None,
        history: list[Turn] | None = None,
        *,
        read_budgets: bool = True,
    ) -> PreparedQuestion:
        """Route the question; `at_least_tier` is an explicit request for a stronger model.

        `history` is the conversation so far (a thread); the latest turns that fit in
        `ADVISOR_HISTORY_TOKENS` go with the question, and are paid for like it. Without
        `read_budgets` the route assumes the budgets have room (`answer` routes again if a
        reservation says otherwise): a question about to be answered skips the read, a
        preview of its route (`Advisor.route`) does not.
        """
        need = intent.tier_need or needed_tier(question, intent.language)
        if at_least_tier is not None and at_least_tier > need.tier:
            need = TierNeed(
                tier=at_least_tier,  # type: ignore[arg-type]  # 1-3: the CLI and Slack take no other
                reason=f"A tier {at_least_tier} model was asked for explicitly.",
                signals=[*need.signals, "escalated"],
            )
        volume = None
        if intent.figures.volume is not None and not intent.figures.volume_is_hours:
            volume = Scenario(volume=intent.figures.volume, period=intent.figures.period or "month").monthly_volume
        grounding = ground(
            intent.categories,
            intent.tools,
            self.catalog,
            self.settings.currency,
            self.rate,
            language=intent.language,
            monthly_volume=volume,
        )
        company = self.profiles.get(asker.workspace_id)
        if history:
            history = recent_turns(history, turn_tokens, self.settings.history_tokens)
        messages = prompts.messages(
            question, intent.language, need.tier, grounding, self.settings.currency, self.rate, company, history
        )
        asker_wrote = prompts.written_by_asker(question, company, history)
        prompt_tokens = with_margin(count_prompt_tokens(messages)) + beyond_estimate(asker_wrote)
        room = self._room(asker) if read_budgets else None
        choice = self._choice(need.tier, prompt_tokens, room)
        route = route_of(choice, need, intent.language, prompt_tokens, grounding.tool_ids)
        return PreparedQuestion(
            route=route,
            messages=messages,
            choice=choice,
            prompt_tokens=prompt_tokens,
            need=need,
            room=room[0] if room else None,
        )

    def _room(self, asker: Asker) -> tuple[BudgetRoom, AtLimit]:
        """The least room the asker's budgets leave, and the workspace's policy at the limit."""
        usages, policy = self.budgets.standing(asker.workspace_id, asker.scopes)
        return tightest_room(usages), policy.at_limit

    def _choice(self, need: int, prompt_tokens: int, room: tuple[BudgetRoom, AtLimit] | None) -> ModelChoice:
        """`choose_model` with the budgets' `room` and policy; with None, as if they had room."""
        budget_room, at_limit = room or (BudgetRoom(), "block")
        choice = choose_model(self.roster.candidates(), need, prompt_tokens, budget_room, at_limit)
        if choice.declined == "no_model" and self.roster.setup.problems:
            choice.reason = f"The models file has problems: {'; '.join(self.roster.setup.problems)}"
        return choice

    def _routed_again(self, prepared: PreparedQuestion, asker: Asker) -> tuple[ModelChoice, Route, BudgetRoom]:
        """The question routed with the budgets read: what they cover, now that a reservation was refused."""
        room = self._room(asker)
        choice = self._choice(prepared.need.tier, prepared.prompt_tokens, room)
        route = route_of(choice, prepared.need, prepared.route.language, prepared.prompt_tokens, prepared.route.tools)
        return choice, route, room[0]

    # --- 3 and 4: reserve, call, settle

    async def answer(
        self, prepared: PreparedQuestion, asker: Asker, question_id: int, on_text: TextSink | None = None
    ) -> ModelAnswer:
        """Answer a routed question, and write how it ended on its entry in the question log (this is the one
        place that does): an answered question with its settle, in one transaction; a declined or failed one
        after; one whose answering raised, as failed with the error. With `on_text` the model's answer
        streams to it as it is written."""
        try:
            result = await self._answer(prepared, asker, question_id, on_text)
        except BaseException as error:
            await asyncio.to_thread(self.questions.update, question_id, status="failed", error=repr(error))
            raise
        if result.status != "answered":  # an answered question was written with its settle
            result.footer = result.footer or answers.sources_footer([], prepared.route.language, "llm")
            changes: QuestionChanges = {
                "status": result.status,
                "answer": answers.with_footer(result.text, result.footer),
            }
            if result.route:
                changes["route"] = result.route.model_dump(mode="json")
            await asyncio.to_thread(self.questions.update, question_id, **changes)
        return result

    async def _answer(
        self, prepared: PreparedQuestion, asker: Asker, question_id: int, on_text: TextSink | None
    ) -> ModelAnswer:
        route = prepared.route
        if route.declined:
            return ModelAnswer(self._declined_text(route, prepared.room or BudgetRoom()), status="declined")
        deadline = time.monotonic() + self.settings.llm_deadline_seconds
        slots = self.model_slots()
        try:
            await asyncio.wait_for(slots.acquire(), timeout=max(deadline - time.monotonic(), 0.0))
        except TimeoutError:
            reason = "the time for this answer ran out while earlier questions were being answered"
            return ModelAnswer(declines.model_failed_answer(route.language, question_id, [reason]), status="failed")
        try:
            return await self._ask_models(prepared, asker, question_id, deadline, on_text)
        finally:
            slots.release()

    def model_slots(self) -> asyncio.Semaphore:
        """This event loop's semaphore of `ADVISOR_MODEL_CALLS` model-call slots.

        Each question in a model call holds some sixty kilobytes (LiteLLM's request
        and logging records), so a burst of questions is answered a slot at a time
        rather than all at once: memory stays bounded, and so do the calls a provider
        sees at once.
        """
        return self._slots()

    async def _ask_models(
        self, prepared: PreparedQuestion, asker: Asker, question_id: int, deadline: float, on_text: TextSink | None
    ) -> ModelAnswer:
        route, language = prepared.route, prepared.route.language
        failures: list[str] = []
        blocked_by: str | None = None
        routed_again: Route | None = None
        candidates = [model for model in [prepared.choice.model, *prepared.choice.fallbacks] if model is not None]
        tried: set[str] = set()
        while candidates:
            spec = candidates.pop(0)
            if time.monotonic() >= deadline:
                failures.append("the time for this answer ran out")
                break
            configured = self.roster.setup.by_name(spec.name)
            if configured is None:
                continue
            tried.add(spec.name)
            reservation = await asyncio.to_thread(
                self.budgets.reserve,
                asker.workspace_id,
                asker.scopes,
                prepared.prompt_tokens + spec.max_tokens,
                spec.estimated_cost(prepared.prompt_tokens),
                question_id,
            )
            if reservation.reservation_id is None:
                # The budgets cannot hold this model's call (routed without reading them, or other
                # questions took the room since): route again, once, with what they cover now.
                blocked_by = reservation.blocked_by.scope.label if reservation.blocked_by else None
                if routed_again is None:
                    choice, route, room = await asyncio.to_thread(self._routed_again, prepared, asker)
                    routed_again = route
                    if choice.declined:
                        return ModelAnswer(self._declined_text(route, room), status="declined", route=route)
                    candidates = [
                        model
                        for model in [choice.model, *choice.fallbacks]
                        if model is not None and model.name not in tried
                    ]
                continue
            try:
                completion = await complete(
                    configured, prepared.messages, self.call_policy, deadline, user=asker.user_id, on_text=on_text
                )
            except StreamCutOff as cut:
                # Part of the answer is already in front of the asker: no other model takes over; what the
                # call used is settled, and the answer says it stopped part-way.
                return await asyncio.to_thread(
                    self._settled,
                    reservation.reservation_id,
                    cut.completion,
                    spec,
                    route,
                    asker,
                    question_id,
                    routed_again is not None,
                    cut.reason,
                )
            except ModelCallFailed as failure:
                await asyncio.to_thread(self.budgets.release, reservation.reservation_id)
                failures.append(str(failure))
                continue
            except BaseException:
                await asyncio.to_thread(self.budgets.release, reservation.reservation_id)
                raise
            return await asyncio.to_thread(
                self._settled,
                reservation.reservation_id,
                completion,
                spec,
                route,
                asker,
                question_id,
                routed_again is not None,
            )
        if not failures and blocked_by is not None:
            return ModelAnswer(
                declines.budget_declined_answer(language, blocked_by, self.settings.admins),
                status="declined",
                route=routed_again,
            )
        return ModelAnswer(
            declines.model_failed_answer(language, question_id, failures or ["no model"]),
            status="failed",
            route=routed_again,
        )

    def settle_call(
        self,
        transaction: Connection,
        reservation_id: str,
        completion: Completion,
        asker: Asker,
        question_id: int,
        path: str,
        language: str,
    ) -> list[str]:
        """Settle a model call with its real usage, and its ledger row with who asked and why (`path`), in
        `transaction`; the budget warnings it crossed, as lines of the answer."""
        warnings = self.budgets.settle(
            reservation_id,
            completion.prompt_tokens,
            completion.completion_tokens,
            completion.cost_usd,
            {
                "channel_id": asker.channel_id,
                "user_id": asker.user_id,
                "question_id": question_id,
                "path": path,
                "model": completion.model,
            },
            within=transaction,
        )
        return [budget_text.warning_line(warning, language) for warning in warnings]

    def _settled(
        self,
        reservation_id: str,
        completion: Completion,
        spec: ModelSpec,
        route: Route,
        asker: Asker,
        question_id: int,
        routed_again: bool = False,
        cut_off: str | None = None,
    ) -> ModelAnswer:
        """Settle the call with its real usage and record the answer on its question, in one transaction
        (with its new `route` when it was `routed_again`). A streamed answer `cut_off` part-way (why) is
        settled with what it used, says so, and is recorded as failed."""
        language = route.language
        with self.database.writing() as transaction:
            warning_lines = self.settle_call(
                transaction, reservation_id, completion, asker, question_id, "llm", language
            )
            cited = [tool_id for tool_id in route.tools if f"[{tool_id}]" in completion.text] or route.tools
            footer = answers.model_footer(
                cited,
                completion.model,
                completion.prompt_tokens,
                completion.completion_tokens,
                completion.cost_usd,
                language,
            )
            status: QuestionStatus = "failed" if cut_off else "answered"
            cut_line = [declines.cut_off_line(language)] if cut_off else []
            text = "\n".join([completion.text, *cut_line, *warning_lines])
            changes: QuestionChanges = {
                "status": status,
                "answer": answers.with_footer(text, footer),
                "model": completion.model,
                "prompt_tokens": completion.prompt_tokens,
                "completion_tokens": completion.completion_tokens,
                "cost_usd": completion.cost_usd,
            }
            if routed_again:
                changes["route"] = route.model_dump(mode="json")
            if cut_off:
                changes["error"] = f"the answer stopped part-way: {cut_off}"
            self.questions.update(question_id, within=transaction, **changes)
        return ModelAnswer(
            text,
            status=status,
            footer=footer,
            tier=spec.tier,
            completion=completion,
            warnings=warning_lines,
            sources=cited,
            route=route if routed_again else None,
        )

    def _declined_text(self, route: Route, room: BudgetRoom) -> str:
        if route.declined == "budget":
            return declines.budget_declined_answer(route.language, room.limited_by, self.settings.admins)
        if route.declined == "too_long":
            return declines.too_long_answer(route.language)
        return declines.no_model_answer(route.language, "; ".join(self.roster.setup.problems) or None)
