"""Configured models as admins read them: what each costs, and which retire when, with the model to move to."""

from __future__ import annotations

import datetime as dt

from bot.domain.lifecycle import ModelStatus
from bot.domain.long_view import ModelPrice
from bot.domain.messages import say


def retirement_line(model: ModelPrice, today: dt.date, language: str) -> str:
    """'gpt-5-nano retires on 2026-12-11 (in 5 days); move to qwen3.8-flash', or that it has retired."""
    if model.retires_on is None:
        return ""
    name, day, days = model.name, model.retires_on.isoformat(), (model.retires_on - today).days
    if model.status == ModelStatus.RETIRED:
        line = say(language, "{name} was retired on {day} and is no longer used", name=name, day=day)
    elif days == 1:
        line = say(language, "{name} retires on {day} (in 1 day)", name=name, day=day)
    else:
        line = say(language, "{name} retires on {day} (in {days} days)", name=name, day=day, days=days)
    if model.successor:
        return line + say(language, "; move to {successor}", successor=model.successor)
    return line + say(language, "; no other model of its tier lasts: add one to the models file")


def model_price_line(model: ModelPrice, language: str, marked: bool = True) -> str:
    """'• tier 1: qwen-turbo $0.05 / $0.2', with why it cannot be used, if it cannot (and `marked`)."""
    line = f"• tier {model.tier}: {model.name} ${model.input_per_1m_usd:g} / ${model.output_per_1m_usd:g}"
    why = _why_not_usable(model.status, language) if marked else None
    return line + say(language, " ({why})", why=why) if why else line


def _why_not_usable(status: ModelStatus, language: str) -> str | None:
    if status == ModelStatus.NO_KEY:
        return say(language, "not usable: its API key is not set")
    if status == ModelStatus.NO_PRICE:
        return say(language, "not usable: no price known")
    if status == ModelStatus.RETIRED:
        return say(language, "retired: no longer used")
    return None
