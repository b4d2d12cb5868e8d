"""The few catalog facts an open question needs, so a model is grounded without the whole catalog.

A question names tasks (minutes, translation…) and sometimes tools; those pick the task
baselines and the cheapest plans to show. A question that names neither gets the
cheapest off-the-shelf app of each task, one line each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.domain.catalog import Catalog, Category, PlanCost, TaskBaseline, Tool
from bot.domain.language import tools_speaking
from bot.domain.money import Currency, ExchangeRate

MAX_TASKS = 2
APPS_PER_TASK = 3
APIS_PER_TASK = 1
MAX_NAMED_TOOLS = 3


@dataclass
class TaskFacts:
    """A task's baseline and its cheapest plans, priced for `monthly_volume` units."""

    baseline: TaskBaseline
    monthly_volume: float
    options: list[PlanCost]
    detailed: bool = True  # False: the cheapest app only, for a question about AI in general


@dataclass
class Grounding:
    """Catalog facts for one question: tasks with priced options, and tools it names."""

    tasks: list[TaskFacts] = field(default_factory=list)
    named_tools: list[Tool] = field(default_factory=list)

    @property
    def tool_ids(self) -> list[str]:
        ids = [tool.id for tool in self.named_tools] + [
            option.tool.id for task in self.tasks for option in task.options
        ]
        return list(dict.fromkeys(ids))


def ground(
    categories: list[Category],
    named_tools: list[Tool],
    catalog: Catalog,
    currency: Currency,
    rate: ExchangeRate,
    *,
    language: str,
    monthly_volume: float | None = None,
) -> Grounding:
    """The catalog facts for a question about `categories` that names `named_tools`."""
    grounding = Grounding(named_tools=named_tools[:MAX_NAMED_TOOLS])
    wanted_language = tools_speaking(language)
    shown = {tool.id for tool in grounding.named_tools}

    def cheapest(baseline: TaskBaseline, volume: float, kind: Literal["app", "api"], count: int) -> list[PlanCost]:
        options = catalog.priced_options(baseline.id, volume, currency, rate, language=wanted_language, kind=kind)
        fresh = [option for option in options if option.tool.id not in shown][:count]
        shown.update(option.tool.id for option in fresh)
        return fresh

    if categories:
        for category in categories[:MAX_TASKS]:
            baseline = catalog.task(category)
            if baseline is not None:
                volume = monthly_volume or baseline.typical_volume
                options = cheapest(baseline, volume, "app", APPS_PER_TASK) + cheapest(
                    baseline, volume, "api", APIS_PER_TASK
                )
                grounding.tasks.append(TaskFacts(baseline, volume, options))
    elif not named_tools:
        for baseline in catalog.tasks:
            options = cheapest(baseline, baseline.typical_volume, "app", 1)
            if options:
                grounding.tasks.append(TaskFacts(baseline, baseline.typical_volume, options, detailed=False))
    return grounding
