"""A conversation in a thread: the earlier turns a follow-up question is read with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

MAX_TURN_CHARS = 2_000
"""A pasted document in an earlier turn is cut to this; the question itself is not."""


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    text: str

    def as_message(self) -> dict[str, str]:
        text = self.text if len(self.text) <= MAX_TURN_CHARS else self.text[:MAX_TURN_CHARS] + " …"
        return {"role": self.role, "content": text}


def recent_turns(
    turns: Sequence[Turn], count_tokens: Callable[[list[dict[str, str]]], int], max_tokens: int
) -> list[Turn]:
    """The latest turns that fit in `max_tokens`, oldest first.

    The newest turns matter most to a follow-up, so older ones are dropped first; a
    history never starts with the bot's reply, whose question would then be missing.
    """
    kept: list[Turn] = []
    used = 0
    for turn in reversed(turns):
        cost = count_tokens([turn.as_message()])
        if used + cost > max_tokens:
            break
        kept.append(turn)
        used += cost
    kept.reverse()
    while kept and kept[0].role == "assistant":
        kept.pop(0)
    return kept
