"""Configured models as admins read them: what each costs, and which retire when, with the model to move to."""

from __future__ import annotations

import datetime as dt

from bot.domain.lifecycle import ModelStatus
from bot.domain.long_view import ModelPrice
from bot.text.answers import pick

NOT_USABLE = {
    ModelStatus.NO_KEY: ("not usable: its API key is not set", "利用不可：APIキー未設定"),
    ModelStatus.NO_PRICE: ("not usable: no price known", "利用不可：価格不明"),
    ModelStatus.RETIRED: ("retired: no longer used", "提供終了：使用しません"),
}


def retirement_line(model: ModelPrice, today: dt.date, language: str) -> str:
    """'gpt-5-nano retires on 2026-12-11 (in 5 days); move to qwen3.8-flash', or that it has retired."""
    if model.retires_on is None:
        return ""
    day = model.retires_on.isoformat()
    if model.status == ModelStatus.RETIRED:
        line = pick(
            language,
            f"{model.name} was retired on {day} and is no longer used",
            f"{model.name}は{day}に提供終了しました（使用しません）",
        )
    else:
        days = (model.retires_on - today).days
        line = pick(
            language,
            f"{model.name} retires on {day} (in {days} day{'s' if days != 1 else ''})",
            f"{model.name}は{day}に提供終了（あと{days}日）",
        )
    if model.successor:
        line += pick(language, f"; move to {model.successor}", f"。移行先：{model.successor}")
    else:
        line += pick(
            language,
            "; no other model of its tier lasts: add one to the models file",
            "。同じティアで継続するモデルがありません。モデル設定ファイルに追加してください",
        )
    return line


def model_price_line(model: ModelPrice, language: str, marked: bool = True) -> str:
    """'• tier 1: qwen-turbo $0.05 / $0.2', with why it cannot be used, if it cannot (and `marked`)."""
    line = f"• tier {model.tier}: {model.name} ${model.input_per_1m_usd:g} / ${model.output_per_1m_usd:g}"
    if marked and model.status in NOT_USABLE:
        english, japanese = NOT_USABLE[model.status]
        line += pick(language, f" ({english})", f"（{japanese}）")
    return line
