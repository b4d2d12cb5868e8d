"""An answer as every adapter shows it and the question log keeps it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from bot.domain.questions import QuestionPath, QuestionStatus
from bot.text import answers


class Answer(BaseModel):
    answer: str = Field(description="the answer itself, without the footer")
    footer: str = Field(default="", description="where the answer came from and what it cost, as one line")
    path: QuestionPath
    language: str
    tools: list[str] = Field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    calculation: dict[str, Any] | None = None
    model: str | None = None
    status: QuestionStatus = Field(default="answered", description="answered, refused, declined or failed")
    question_id: int | None = None
    warnings: list[str] = Field(default_factory=list, description="budget warnings this answer crossed")
    tier: int | None = Field(default=None, description="the capability tier of the model that answered")
    read: list[dict[str, Any]] = Field(
        default_factory=list, description="each number of the question as read: {text, role, value, unit}"
    )
    clarify: dict[str, Any] | None = Field(
        default=None,
        description="on the clarify path: the unclear number and its choices, each with the question "
        "that reads it one way ({text, choices: [{label, question}]})",
    )

    @property
    def text(self) -> str:
        """The answer with its footer, as the terminal shows it and the question log keeps it."""
        return answers.with_footer(self.answer, self.footer)
