"""What is said when no model answers: none is configured, the question is off-topic, the budget cannot pay,
the question is too long, or every model failed. Each says what still works at 0 tokens."""

from __future__ import annotations

from bot.domain.messages import say


def zero_token_examples(language: str) -> str:
    """The questions answered at 0 tokens, each with an example."""
    return say(
        language,
        'tool prices ("cheapest way to transcribe meetings?"), savings with your numbers ("20 proposals a month, '
        '5 hours each, 1 hour with AI, staff at 3,000 yen an hour"), where to start ("where should we start?"), '
        'what got cheaper ("what got cheaper this month?") and the budget ("how much of our budget is left?")',
    )


def no_model_answer(language: str, why: str | None = None) -> str:
    """For an open question when no model can be used: what still works, and how to add a model."""
    return say(
        language,
        "This question needs a language model, and none is configured{detail}. Set an API key named in "
        "catalog/models.yaml (for example OPENAI_API_KEY or DASHSCOPE_API_KEY) and ask again; `advisor models` "
        "shows which models are usable. Without a model I still answer {examples}, at 0 tokens.",
        detail=f" ({why})" if why else "",
        examples=zero_token_examples(language),
    )


def refusal_answer(language: str, why: str) -> str:
    """A polite decline: why (one sentence naming the subject), and what the bot is for."""
    invitation = say(
        language,
        "Ask me about {examples}, or anything about adopting AI tools at work.",
        examples=zero_token_examples(language),
    )
    return f"{why} {invitation}"


def budget_declined_answer(language: str, limited_by: str | None, admins: list[str]) -> str:
    scope = limited_by or say(language, "this month's budget")
    examples = zero_token_examples(language)
    if admins:
        return say(
            language,
            "The AI budget for this month ({scope}) cannot cover this question, so no model was called. "
            "Ask {who} to raise it (`/ai-budget`), or wait for next month. I still answer {examples} at 0 tokens.",
            scope=scope,
            who=", ".join(f"<@{admin}>" for admin in admins),
            examples=examples,
        )
    return say(
        language,
        "The AI budget for this month ({scope}) cannot cover this question, so no model was called. "
        "Ask an admin to raise it (`advisor budget set`), or wait for next month. "
        "I still answer {examples} at 0 tokens.",
        scope=scope,
        examples=examples,
    )


def too_long_answer(language: str) -> str:
    return say(
        language,
        "The question is longer than any configured model can read. Shorten it or paste only the part that matters.",
    )


def model_failed_answer(language: str, question_id: int, reasons: list[str]) -> str:
    return say(
        language,
        "I could not reach a language model just now ({detail}). Your question is saved as #{question_id} and "
        "nothing was charged to the budget; please try again in a minute.",
        detail="; ".join(reasons),
        question_id=question_id,
    )


def cut_off_line(language: str) -> str:
    """Closes a streamed answer the model stopped writing part-way."""
    return say(
        language,
        "_The answer stopped part-way (the connection to the model was lost). What it used is counted; "
        "ask again for the whole answer._",
    )
