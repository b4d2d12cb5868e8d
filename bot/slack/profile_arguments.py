"""The company-profile modal, read into a profile, and a profile's tasks written back as text."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NoReturn

from pydantic import ValidationError

from bot.domain.catalog import Category
from bot.domain.messages import say
from bot.domain.plan import CompanyProfile, TaskProfile
from bot.domain.quantities import GROUPING_COMMA
from bot.domain.savings import Period
from bot.slack import ids
from bot.slack.argument_values import (
    TIMES,
    Amount,
    FieldErrors,
    Unreadable,
    chosen_value,
    clean,
    figure_problems,
    input_state,
    input_text,
    not_an_amount,
    plain_number,
    read_amount,
    read_fields,
    read_minutes,
    read_money,
    read_times,
    read_volume,
)
from bot.text.validation import describe_validation_error

_FIELD_SEPARATOR = re.compile(r"\s*[,;、]\s*")
_LABELLED_TASK = re.compile(r"(?P<label>.+?)\s*\((?P<task>[a-z_]+)\)")
_WHICH_TIME = re.compile(r"(?P<which>before|after|導入前|導入後)\s*:?\s*(?P<time>.+)")
_PEOPLE = re.compile(r"(?P<n>[0-9]+)\s*(?:people|person|staff|人|名)")
_OUTSOURCED_FIELD = re.compile(
    r"(?:outsourc(?:ed|ing|e)|外注(?:費)?|委託(?:費)?)\s*(?:at|@|:)?\s*(?P<monthly_ja>月|毎月)?\s*(?P<amount>.+?)"
    r"\s*(?P<monthly>/\s*(?:month|mo|月)|a month|per month)?"
)
_NAME_BREAKS = re.compile(r"[,;、()]|[^\S ]")  # what would split a task's line or relabel its name


def read_profile_modal(values: dict[str, Any], language: str) -> CompanyProfile | FieldErrors:
    """The profile modal's `view.state.values` as a company profile, or errors keyed by block id."""
    errors: FieldErrors = {}
    currency = chosen_value(values, ids.PROFILE_CURRENCY) or "JPY"
    tools_language = chosen_value(values, ids.PROFILE_LANGUAGE) or ("ja" if language == "ja" else "en")
    read = read_fields(
        {
            ids.PROFILE_HOURLY_COST: lambda: _hourly_cost(
                input_text(values, ids.PROFILE_HOURLY_COST), currency, language
            ),
            ids.PROFILE_TASKS: lambda: _task_lines(
                input_state(values, ids.PROFILE_TASKS).get("value") or "", currency, language
            ),
        },
        errors,
    )
    if errors:
        return errors
    try:
        return CompanyProfile(
            name=input_text(values, ids.PROFILE_NAME) or None, hourly_cost=read[ids.PROFILE_HOURLY_COST],
            currency=currency, language=tools_language, tasks=read[ids.PROFILE_TASKS],
        )  # fmt: skip
    except ValidationError as error:
        blocks = {"name": ids.PROFILE_NAME, "currency": ids.PROFILE_CURRENCY, "language": ids.PROFILE_LANGUAGE}
        lines = describe_validation_error(error)
        return {
            blocks.get(str(detail["loc"][0]), ids.PROFILE_TASKS): line
            for detail, line in zip(error.errors(), lines, strict=True)
        }


def _hourly_cost(text: str, currency: str, language: str) -> float:
    amount = read_money(text, language)
    if amount is None or amount.low <= 0:
        raise Unreadable(say(language, "give the staff cost an hour, more than zero, like 3,000"))
    _same_currency(amount, currency, text, language)
    return amount.low


def _same_currency(amount: Amount, currency: str, text: str, language: str) -> None:
    if amount.currency not in (None, currency):
        raise Unreadable(
            say(language, "'{text}' is not in {currency}, the profile's currency", text=text, currency=currency)
        )


def _task_lines(text: str, currency: str, language: str) -> list[TaskProfile]:
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise Unreadable(say(language, "add at least one task, one a line, like: proposals, 20/month, 300 min, 60 min"))
    return [_task_line(line, number, currency, language) for number, line in lines]


def _task_line(line: str, number: int, currency: str, language: str) -> TaskProfile:
    """`proposals, 20/month, 300 min, 60 min` or `求人原稿, 年10件, 外注 30000-50000`."""
    name, *fields = _FIELD_SEPARATOR.split(GROUPING_COMMA.sub("", unicodedata.normalize("NFKC", line)).strip())
    try:
        if not fields:
            raise Unreadable(say(language, "give how many after the task, like proposals, 20/month"))
        volume = read_volume(clean(fields[0])) or _not_a_volume(fields[0], language)
        task = dict(
            _task_name(name), volume=volume[0], period=volume[1], **_task_extras(fields[1:], currency, language)
        )
        if (
            task["minutes_before"] is None
            and task["outsourcing_unit_cost"] is None
            and task["outsourcing_spend_monthly"] is None
        ):
            raise Unreadable(
                say(
                    language,
                    "give the minutes per unit today (300 min) or an outsourcing price (outsourced 5000-30000)",
                )
            )
        if problems := figure_problems(task["volume"], task["minutes_before"], task["minutes_after"], language):
            raise Unreadable("; ".join(problems.values()))
        return TaskProfile(**task)
    except Unreadable as problem:
        raise Unreadable(say(language, "line {number}: {problem}", number=number, problem=problem)) from None
    except ValidationError as error:
        raise Unreadable(
            say(
                language, "line {number}: {problem}", number=number, problem="; ".join(describe_validation_error(error))
            )
        ) from None


def _task_name(name: str) -> dict[str, str | None]:
    """`Sales decks (proposals)` keeps the words as the label and the category as the task."""
    labelled = _LABELLED_TASK.fullmatch(name)
    if labelled and labelled["task"] in set(Category):
        return {"task": labelled["task"], "label": labelled["label"]}
    return {"task": name, "label": None}


def _not_a_volume(text: str, language: str) -> NoReturn:
    raise Unreadable(say(language, "'{text}' is not how many a day, week, month or year, like 20/month", text=text))


def _task_extras(fields: list[str], currency: str, language: str) -> dict[str, Any]:
    """Times (the first is today's, the second with AI), outsourcing and people, in any order after the volume."""
    extras: dict[str, Any] = dict.fromkeys(
        ("minutes_before", "minutes_after", "outsourcing_unit_cost", "outsourcing_spend_monthly")
    )
    for field in fields:
        cleaned = clean(field)
        if times := TIMES.fullmatch(cleaned):
            for slot, minutes in zip(("minutes_before", "minutes_after"), read_times(times, language), strict=True):
                _fill_time(extras, slot, minutes, field, language)
        elif timed := _timed(cleaned):
            slot = timed[0] or ("minutes_before" if extras["minutes_before"] is None else "minutes_after")
            _fill_time(extras, slot, timed[1], field, language)
        elif outsourced := _OUTSOURCED_FIELD.fullmatch(cleaned):
            amount = read_amount(outsourced["amount"]) or not_an_amount(outsourced["amount"], language)
            _same_currency(amount, currency, field, language)
            if outsourced["monthly"] or outsourced["monthly_ja"]:
                extras["outsourcing_spend_monthly"] = amount.low
            else:
                extras["outsourcing_unit_cost"] = amount.value
        elif people := _PEOPLE.fullmatch(cleaned):
            extras["people"] = int(people["n"])
        else:
            raise Unreadable(
                say(
                    language,
                    "'{text}' is not a time (300 min), an outsourcing price (outsourced 5000-30000) or people (3 people)",
                    text=field,
                )
            )
    return extras


def _timed(cleaned: str) -> tuple[str | None, float] | None:
    """'300 min', '5h', 'after 60 min', '導入後60分': the slot it names (None: the next free one) and its minutes."""
    which = _WHICH_TIME.fullmatch(cleaned)
    minutes = read_minutes(which["time"] if which else cleaned)
    if minutes is None:
        return None
    if which is None:
        return None, minutes
    return ("minutes_before" if which["which"] in ("before", "導入前") else "minutes_after"), minutes


def _fill_time(extras: dict[str, Any], slot: str, minutes: float | None, field: str, language: str) -> None:
    if extras[slot] is not None:
        raise Unreadable(
            say(language, "'{text}' is one time too many: give today's time, then the time with AI", text=field)
        )
    extras[slot] = minutes


def profile_tasks_text(profile: CompanyProfile, language: str) -> str:
    """The profile's tasks in the modal's one-task-a-line form, which `read_profile_modal` reads back."""
    return "\n".join(_task_text(task, language) for task in profile.tasks)


def _task_text(task: TaskProfile, language: str) -> str:
    name = _NAME_BREAKS.sub(" ", unicodedata.normalize("NFKC", task.task)).strip()
    if task.label and task.task in set(Category):
        name = f"{_NAME_BREAKS.sub(' ', unicodedata.normalize('NFKC', task.label)).strip()} ({task.task})"
    parts = [name, _volume_text(plain_number(task.volume), task.period, language)]
    if task.minutes_before is not None:
        parts.append(say(language, "{minutes} min", minutes=plain_number(task.minutes_before)))
    if task.minutes_after is not None:
        after = say(language, "{minutes} min", minutes=plain_number(task.minutes_after))
        parts.append(after if task.minutes_before is not None else say(language, "after {time}", time=after))
    if task.outsourcing_unit_cost is not None:
        cost = task.outsourcing_unit_cost
        price = "-".join(map(plain_number, cost)) if isinstance(cost, tuple) else plain_number(cost)
        parts.append(say(language, "outsourced {price}", price=price))
    if task.outsourcing_spend_monthly is not None:
        spend = plain_number(task.outsourcing_spend_monthly)
        parts.append(say(language, "outsourced {spend}/month", spend=spend))
    if task.people != 1:
        parts.append(say(language, "{people} people", people=task.people))
    return ", ".join(parts)


def _volume_text(volume: str, period: Period, language: str) -> str:
    """'20/month', '月20件': how many a period, as the task lines are written."""
    if period == "day":
        return say(language, "{volume}/day", volume=volume)
    if period == "week":
        return say(language, "{volume}/week", volume=volume)
    if period == "month":
        return say(language, "{volume}/month", volume=volume)
    return say(language, "{volume}/year", volume=volume)
