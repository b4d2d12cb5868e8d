"""Reading a question's numbers with a model, where the reader would have to ask back.

When the reader cannot give a number one role (`Intent.path == "clarify"`) and a model is
configured, the cheapest tier-1 model that answers in a JSON schema reads the numbers of the
question (`llm.extraction`). The call is reserved in the budgets, settled with its real
usage and written to the ledger like any model call. The model's figures then only choose
among the reader's own readings of the question: one is taken when it is the only one they
agree with, figure by figure, so the calculator still computes from what the reader read.
Otherwise the question is asked back, as it is without a model, and the answer says what
the reading cost. With no such model, no room in the budgets, or a failed call, it is asked
back at 0 tokens.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.advisor.answer import Answer
from bot.advisor.calculator_answers import calculator_answer, clarifying_answer
from bot.domain.budget import Asker
from bot.domain.intents import Intent
from bot.domain.lifecycle import is_retired
from bot.domain.quantities.agreement import Stated, agrees
from bot.domain.routing import with_margin
from bot.domain.tokens import beyond_estimate, count_prompt_tokens
from bot.llm.client import Completion, ModelCallFailed, complete
from bot.llm.extraction import ScenarioNumbers, reading_messages, stated
from bot.llm.models import ConfiguredModel, ModelSetup
from bot.llm.runtime import litellm
from bot.text import answers
from bot.text.reading import model_choice_line, reading_footer, with_unlisted

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from bot.advisor.open_questions import OpenQuestions

STEPS = 4
"""Unclear numbers settled one after the other, at most: a question with more is asked back."""


@dataclass
class ModelReading:
    """What a model's reading of a question came to."""

    intent: Intent | None = None  # the reader's reading the model's figures settle on; None: ask back
    chosen: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # each reading taken: (the number, English, Japanese)
    completion: Completion | None = None
    reservation_id: str | None = None
    model: str | None = None
    why_not: str | None = None  # why no model read it: no room in the budgets, the call failed


def settled_reading(
    intent: Intent, figures: Stated, reclassify: Callable[[str], Intent]
) -> tuple[Intent | None, list[tuple[str, str, str]]]:
    """The reader's reading that `figures` settle on, and the choices taken to reach it; None when they settle none.

    At each unclear number, the choices are read again; the one whose figures `figures` agree
    with is taken, and only if it is the only one. A reading that is whole at the end must be
    the same scenario as `figures`, figure for figure.
    """
    taken: list[tuple[str, str, str]] = []
    for _ in range(STEPS):
        if intent.path == "calculator":
            return (intent, taken) if agrees(intent.figures, figures, complete=True) else (None, [])
        if intent.path != "clarify" or not intent.figures.unclear:
            return None, []
        unclear = intent.figures.unclear[0]
        fitting = []
        for english, japanese, question in unclear.choices:
            candidate = reclassify(question)
            if candidate.path in ("calculator", "clarify") and agrees(
                candidate.figures, figures, complete=candidate.path == "calculator"
            ):
                fitting.append((candidate, (unclear.text, english, japanese)))
        if len(fitting) != 1:
            return None, []
        intent, label = fitting[0]
        taken.append(label)
    return None, []


class ModelReader:
    def __init__(self, open_questions: OpenQuestions, reclassify: Callable[[str], Intent], enabled: bool) -> None:
        self._open = open_questions
        self._reclassify = reclassify
        self._enabled = enabled
        self._schema_models_of: tuple[ModelSetup, list[ConfiguredModel]] | None = None

    @property
    def model(self) -> ConfiguredModel | None:
        """The cheapest tier-1 model, not retired, whose replies can be held to a JSON schema; None when there is
        none (or reading is off)."""
        if not self._enabled:
            return None
        today = self._open.roster.today()
        lasting = [model for model in self._schema_models if not is_retired(model.spec.retires_on, today)]
        return min(lasting, key=lambda model: model.spec.estimated_cost(1_000), default=None)

    @property
    def _schema_models(self) -> list[ConfiguredModel]:
        """The tier-1 models whose replies can be held to a schema, found again when the models are read anew."""
        setup = self._open.roster.setup
        if self._schema_models_of is None or self._schema_models_of[0] is not setup:
            self._schema_models_of = (setup, self._find_schema_models(setup.usable))
        return self._schema_models_of[1]

    def _find_schema_models(self, usable: list[ConfiguredModel]) -> list[ConfiguredModel]:
        tier_one = [model for model in usable if model.spec.tier == 1]
        if not tier_one:  # no model to ask: LiteLLM need not be imported
            return []
        lite = litellm(self._open.settings.remote_cost_map)
        return [model for model in tier_one if _answers_in_schema(lite, model.params["model"])]

    async def answer(self, question: str, intent: Intent, asker: Asker, question_id: int) -> Answer:
        """The answer to a question with a number the reader could read two ways, whose numbers the model reads
        first: the calculation the reading settles, else the question back; written on the question's entry in
        the log (with the reading's settle, in one transaction, when a model read it)."""
        reader, questions = self, self._open.questions
        catalog, rate, currency = self._open.catalog, self._open.rate, self._open.settings.currency
        try:
            reading = await reader.read(question, intent, asker, question_id)
        except BaseException as error:
            await asyncio.to_thread(questions.update, question_id, status="failed", error=repr(error))
            raise
        settled = reading.intent
        answer = Answer(
            **(
                calculator_answer(settled, catalog, rate, currency)
                if settled is not None
                else clarifying_answer(intent)
            )
        )
        if settled is not None and reading.model:
            first, _, rest = answer.answer.partition("\n")
            answer.answer = f"{first}\n{model_choice_line(reading.chosen, reading.model, answer.language)}\n{rest}"
        if intent.unlisted:
            answer.answer = with_unlisted(answer.answer, [tool.name for tool in intent.unlisted], answer.language)
        answer.question_id = question_id
        completion = reading.completion
        if completion is None:  # no model read it: asked back at 0 tokens
            answer.footer = answers.sources_footer(answer.tools, answer.language, answer.path)
            await asyncio.to_thread(questions.update, question_id, status=answer.status, answer=answer.text)
            return answer
        answer.model, answer.prompt_tokens, answer.completion_tokens, answer.cost_usd = (
            completion.model,
            completion.prompt_tokens,
            completion.completion_tokens,
            completion.cost_usd,
        )
        answer.footer = reading_footer(
            answer.path,
            completion.model,
            completion.prompt_tokens,
            completion.completion_tokens,
            completion.cost_usd,
            answer.language,
        )

        def write(transaction: Connection, warnings: list[str]) -> None:
            answer.warnings = warnings
            answer.answer = "\n".join([answer.answer, *warnings])
            questions.update(
                question_id,
                within=transaction,
                status="answered",
                path=answer.path,
                answer=answer.text,
                model=completion.model,
                prompt_tokens=completion.prompt_tokens,
                completion_tokens=completion.completion_tokens,
                cost_usd=completion.cost_usd,
            )

        await asyncio.to_thread(reader.settle, reading, asker, question_id, answer.language, write)
        return answer

    async def read(self, question: str, intent: Intent, asker: Asker, question_id: int) -> ModelReading:
        """Have the model read the question's numbers; the reservation stays held until `settle`."""
        model = self.model
        if model is None:
            return ModelReading(why_not="no model")
        spec = model.spec
        messages = reading_messages(question)
        prompt_tokens = with_margin(count_prompt_tokens(messages)) + beyond_estimate([question])
        reservation = await asyncio.to_thread(
            self._open.budgets.reserve,
            asker.workspace_id,
            asker.scopes,
            prompt_tokens + spec.max_tokens,
            spec.estimated_cost(prompt_tokens),
            question_id,
        )
        if reservation.reservation_id is None:
            return ModelReading(why_not="budget")
        deadline = time.monotonic() + self._open.settings.llm_deadline_seconds
        slots = self._open.model_slots()
        try:
            await asyncio.wait_for(slots.acquire(), timeout=max(deadline - time.monotonic(), 0.0))
        except TimeoutError:
            await asyncio.to_thread(self._open.budgets.release, reservation.reservation_id)
            return ModelReading(why_not="busy")
        try:
            completion = await complete(
                model, messages, self._open.call_policy, deadline, user=asker.user_id, response_format=ScenarioNumbers
            )
        except ModelCallFailed as failure:
            await asyncio.to_thread(self._open.budgets.release, reservation.reservation_id)
            return ModelReading(why_not=str(failure))
        except BaseException:
            await asyncio.to_thread(self._open.budgets.release, reservation.reservation_id)
            raise
        finally:
            slots.release()
        figures = stated(completion.text, question)
        settled, chosen = (
            (None, [])
            if figures is None or figures.empty
            else await asyncio.to_thread(settled_reading, intent, figures, self._reclassify)
        )
        return ModelReading(
            intent=settled,
            chosen=chosen,
            completion=completion,
            reservation_id=reservation.reservation_id,
            model=spec.name,
        )

    def settle(
        self,
        reading: ModelReading,
        asker: Asker,
        question_id: int,
        language: str,
        write_answer: Callable[[Connection, list[str]], None],
    ) -> list[str]:
        """Settle the reading's call with its real usage and write the answer, in one transaction.

        `write_answer` is given the transaction and the budget warnings the call crossed (as lines).
        """
        completion = reading.completion
        assert completion is not None and reading.reservation_id is not None
        with self._open.database.writing() as transaction:
            lines = self._open.settle_call(
                transaction, reading.reservation_id, completion, asker, question_id, "reading", language
            )
            write_answer(transaction, lines)
        return lines


def _answers_in_schema(lite: object, model: str) -> bool:
    try:
        return bool(lite.supports_response_schema(model=model))  # type: ignore[attr-defined]  # LiteLLM, loaded lazily, comes untyped
    except Exception:  # an unmapped model: LiteLLM raises several types
        return False
