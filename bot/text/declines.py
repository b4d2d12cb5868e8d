"""What is said when no model answers: none is configured, the question is off-topic, the budget cannot pay,
the question is too long, or every model failed. Each says what still works at 0 tokens."""

from __future__ import annotations

from bot.text.answers import pick

ZERO_TOKEN_EXAMPLES = {
    "en": 'tool prices ("cheapest way to transcribe meetings?"), savings with your numbers ("20 proposals a month, '
    '5 hours each, 1 hour with AI, staff at 3,000 yen an hour"), where to start ("where should we start?"), '
    'what got cheaper ("what got cheaper this month?") and the budget ("how much of our budget is left?")',
    "ja": "ツールの料金（「議事録に一番安いツールは？」）、数字を含む削減効果（「提案書を月20件、1件5時間がAIで1時間、"
    "時給3,000円ならいくら節約？」）、どこから始めるか（「どこから始めるべき？」）、何が安くなったか（「今月安くなったツールは？」）、"
    "予算（「予算はあとどれくらい？」）",
}


def no_model_answer(language: str, why: str | None = None) -> str:
    """For an open question when no model can be used: what still works, and how to add a model."""
    detail = f" ({why})" if why else ""
    return pick(
        language,
        f"This question needs a language model, and none is configured{detail}. Set an API key named in "
        "catalog/models.yaml (for example OPENAI_API_KEY or DASHSCOPE_API_KEY) and ask again; `advisor models` "
        f"shows which models are usable. Without a model I still answer {ZERO_TOKEN_EXAMPLES['en']}, at 0 tokens.",
        f"この質問には言語モデルが必要ですが、使えるモデルが設定されていません{detail}。catalog/models.yaml に"
        "書かれたAPIキー（OPENAI_API_KEY や DASHSCOPE_API_KEY など）を設定してからもう一度どうぞ。"
        f"`advisor models` で使えるモデルを確認できます。モデルがなくても、{ZERO_TOKEN_EXAMPLES['ja']}には0トークンで答えます。",
    )


def refusal_answer(language: str, why: str) -> str:
    """A polite decline: why (one sentence naming the subject), and what the bot is for."""
    return (
        why
        + " "
        + pick(
            language,
            f"Ask me about {ZERO_TOKEN_EXAMPLES['en']}, or anything about adopting AI tools at work.",
            f"{ZERO_TOKEN_EXAMPLES['ja']}、そのほか仕事へのAIツール導入についてお気軽にどうぞ。",
        )
    )


def budget_declined_answer(language: str, limited_by: str | None, admins: list[str]) -> str:
    who = ", ".join(f"<@{admin}>" for admin in admins) if admins else None
    scope = limited_by or pick(language, "this month's budget", "今月の予算")
    return pick(
        language,
        f"The AI budget for this month ({scope}) cannot cover this question, so no model was called. "
        + (f"Ask {who} to raise it (`/ai-budget`), " if who else "Ask an admin to raise it (`advisor budget set`), ")
        + f"or wait for next month. I still answer {ZERO_TOKEN_EXAMPLES['en']} at 0 tokens.",
        f"今月のAI予算（{scope}）ではこの質問に答えられないため、モデルは呼び出していません。"
        + (
            f"{who} に予算の引き上げを依頼するか（`/ai-budget`）、"
            if who
            else "管理者に予算の引き上げを依頼するか（`advisor budget set`）、"
        )
        + f"来月までお待ちください。{ZERO_TOKEN_EXAMPLES['ja']}には0トークンで答えます。",
    )


def too_long_answer(language: str) -> str:
    return pick(
        language,
        "The question is longer than any configured model can read. Shorten it or paste only the part that matters.",
        "質問が長すぎて、設定されたどのモデルでも読めません。短くするか、必要な部分だけを貼り付けてください。",
    )


def model_failed_answer(language: str, question_id: int, reasons: list[str]) -> str:
    detail = "; ".join(reasons)
    return pick(
        language,
        f"I could not reach a language model just now ({detail}). Your question is saved as #{question_id} and "
        "nothing was charged to the budget; please try again in a minute.",
        f"現在、言語モデルに接続できません（{detail}）。質問は #{question_id} として保存済みで、予算は消費していません。"
        "1分ほどしてからもう一度お試しください。",
    )
