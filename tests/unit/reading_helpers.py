"""What the reader makes of a question as a person types it: normalised, then read."""

from __future__ import annotations

from bot.domain.quantities import Reading, normalise, read_quantities


def read(text: str) -> Reading:
    return read_quantities(normalise(text))
