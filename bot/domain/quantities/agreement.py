"""Whether a second reading of a question (a model's) agrees with one of the reader's.

When the reader cannot give a number one role, it proposes its readings (the choices of an
`Unclear`). A model may read the same question; its figures never reach the calculator
themselves. They only pick the one proposed reading they agree with, figure by figure, so
that every figure in an answer is still read by the reader, and none rests on a guess alone.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from bot.domain.quantities.model import Reading

TOLERANCE = 0.01
"""Two figures agree when they are within 1% of each other (a rounding, not another reading)."""


@dataclass(frozen=True)
class Stated:
    """The figures another reading found in a question, as the calculator counts them (None: not stated)."""

    monthly_volume: float | None = None
    minutes_before: float | None = None
    minutes_after: float | None = None
    hourly_cost: float | None = None
    outsourcing_unit_cost: float | None = None
    outsourcing_monthly_spend: float | None = None
    tool_cost_monthly: float | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in FIGURES)


FIGURES = tuple(field.name for field in fields(Stated))

Figure = float | tuple[float, float] | None


def figures_of(reading: Reading) -> dict[str, Figure]:
    """The reader's figures, by the names of `Stated`; a volume of hours is no count of items, so it is not one."""
    counted = not (reading.volume_is_hours or reading.volume_is_recorded_hours)
    monthly = reading.monthly_volume if counted else None
    return {
        "monthly_volume": monthly,
        "minutes_before": reading.minutes_before,
        "minutes_after": reading.minutes_after,
        "hourly_cost": reading.hourly_cost,
        "outsourcing_unit_cost": reading.outsourcing_unit_cost,
        "outsourcing_monthly_spend": reading.outsourcing_monthly_spend,
        "tool_cost_monthly": reading.tool_cost_monthly,
    }


def _close(ours: float | tuple[float, float], theirs: float) -> bool:
    low, high = ours if isinstance(ours, tuple) else (ours, ours)
    return low * (1 - TOLERANCE) - 1e-9 <= theirs <= high * (1 + TOLERANCE) + 1e-9


def agrees(reading: Reading, stated: Stated, *, complete: bool) -> bool:
    """Whether `stated` agrees with `reading` on every figure both give, and on at least one.

    `complete`: the reading is whole (nothing left unclear), so a figure only one of them
    gives is a disagreement too: the two readings must be the same scenario.
    """
    compared = 0
    for name, ours in figures_of(reading).items():
        theirs = getattr(stated, name)
        if ours is None or theirs is None:
            if complete and (ours is None) != (theirs is None):
                return False
            continue
        if not _close(ours, theirs):
            return False
        compared += 1
    return compared > 0
