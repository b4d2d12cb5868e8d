"""The texts sent to a model, rendered from the Jinja2 templates in `prompts/`.

Facts are rendered here from the catalog (already priced by the domain), so the
templates hold the wording and the code holds none.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.domain.catalog import PlanCost, Tool
from bot.domain.conversation import Turn
from bot.domain.money import Currency, ExchangeRate, format_money
from bot.domain.plan import CompanyProfile
from bot.domain.retrieval import Grounding, TaskFacts
from bot.settings import PROJECT_ROOT
from bot.text.answers import plan_text, quantity

PROMPTS_DIR = PROJECT_ROOT / "prompts"
MAX_WORDS = {1: 150, 2: 250, 3: 400}
MAX_QUESTION_CHARS = 12_000


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(PROMPTS_DIR),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,  # plain text for a model, not HTML
    )


def render(template: str, **values: object) -> str:
    return _environment().get_template(template).render(**values).strip()


def messages(
    question: str,
    language: str,
    tier: int,
    grounding: Grounding,
    currency: Currency,
    rate: ExchangeRate,
    company: CompanyProfile | None = None,
    history: list[Turn] | None = None,
) -> list[dict[str, str]]:
    """The system message, the earlier turns of the conversation, and the question with its facts."""
    options = [option for task in grounding.tasks for option in task.options]
    converted = any(price.currency != currency for option in options for price in option.plan.prices)
    # Most prices were checked on one day: it is said once, and a line says its own day only if it differs.
    days = Counter(tool.last_verified for tool in [*(option.tool for option in options), *grounding.named_tools])
    verified_on = days.most_common(1)[0][0] if days else None
    system = render("system.j2", language=language, max_words=MAX_WORDS[tier], currency=currency)
    user = render(
        "question.j2",
        verified_on=verified_on,
        tasks=[_task_view(task, language, verified_on) for task in grounding.tasks],
        named_tools=[_tool_line(tool, language, verified_on) for tool in grounding.named_tools],
        rate_note=f"converted at {rate.describe('en')}" if converted else "",
        company=_company_line(company) if company else "",
        question=question[:MAX_QUESTION_CHARS],
    )
    earlier = [turn.as_message() for turn in history or []]
    return [{"role": "system", "content": system}, *earlier, {"role": "user", "content": user}]


def written_by_asker(
    question: str, company: CompanyProfile | None = None, history: list[Turn] | None = None
) -> list[str]:
    """The texts inside `messages(...)` that the asker wrote, as they appear there."""
    texts = [question[:MAX_QUESTION_CHARS]]
    if company:
        texts += [company.name or "", *(task.label or task.task for task in company.tasks)]
    texts += [message["content"] for turn in history or [] if (message := turn.as_message())["role"] == "user"]
    return [text for text in texts if text]


def _task_view(task: TaskFacts, language: str, verified_on: dt.date | None) -> dict[str, object]:
    baseline = task.baseline
    lines = []
    if task.detailed and baseline.outsourcing_unit_cost:
        span = baseline.outsourcing_unit_cost
        lines.append(
            f"outsourcing: {format_money(span.low, baseline.outsourcing_currency)}–"
            f"{format_money(span.high, baseline.outsourcing_currency)} per {baseline.unit('en')} ({baseline.outsourcing_source})"
        )
    if task.detailed and baseline.minutes_before:
        after = f", {baseline.minutes_after:g} with AI" if baseline.minutes_after is not None else ""
        lines.append(
            f"staff time: {baseline.minutes_before:g} minutes per {baseline.unit('en')}{after} ({baseline.minutes_source})"
        )
    lines += [_option_line(option, verified_on) for option in task.options]
    title = f"{baseline.name(language)} — priced for {quantity(task.monthly_volume)} × {baseline.unit('en')} a month:"
    return {"title": title, "lines": lines}


def _option_line(option: PlanCost, verified_on: dt.date | None) -> str:
    tool = option.tool
    verified = f"; verified {tool.last_verified}" if tool.last_verified != verified_on else ""
    return (
        f"[{tool.id}] {tool.name} ({tool.kind}; languages: {', '.join(tool.languages)}): about "
        f"{format_money(option.monthly_cost, option.currency)} a month on {option.plan.name} "
        f"({plan_text(option.plan, 'en')}){verified}. {tool.good_for}"
    )


def _tool_line(tool: Tool, language: str, verified_on: dt.date | None) -> str:
    plans = "; ".join(f"{plan.name}: {plan_text(plan, 'en')}" for plan in tool.plans)
    free = f" Free tier: {tool.free_tier}." if tool.free_tier else ""
    verified = f" Verified {tool.last_verified}." if tool.last_verified != verified_on else ""
    tax = " Prices include tax." if tool.tax_included else " Prices before tax."
    return (
        f"[{tool.id}] {tool.name} by {tool.vendor} ({tool.kind}; languages: {', '.join(tool.languages)}). "
        f"{tool.describe(language)} Plans: {plans}.{tax}{free}{verified}"
    )


def _company_line(company: CompanyProfile) -> str:
    tasks = ", ".join(f"{task.label or task.task} {quantity(task.volume)} a {task.period}" for task in company.tasks)
    name = f"{company.name}; " if company.name else ""
    return f"{name}staff cost {format_money(company.hourly_cost, company.currency)} an hour; tasks: {tasks}."
