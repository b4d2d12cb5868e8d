"""Japanese: the translation of every message, one module per part of the product."""

from __future__ import annotations

from bot.domain.locales.ja import domain, slack, slack_prices, text, text_answers

MESSAGES: dict[str, str] = {
    **domain.MESSAGES,
    **text.MESSAGES,
    **text_answers.MESSAGES,
    **slack.MESSAGES,
    **slack_prices.MESSAGES,
}
