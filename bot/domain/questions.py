"""How a question is answered (its path) and how it ended (its status): the words the question log keeps."""

from __future__ import annotations

from typing import Literal

QuestionPath = Literal["calculator", "clarify", "catalog", "plan", "budget", "inventory", "refused", "llm"]
"""The calculator, a question back, the catalog, the plan, the inventory or the budget answer at 0 tokens;
an off-topic question is refused; the rest goes to a model."""
QuestionStatus = Literal["received", "answered", "declined", "failed", "refused"]
