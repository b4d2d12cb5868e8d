"""The chart's lower panel: the long view of model prices on a log scale, the article's reference models
annotated where they stood, and each tier's cheapest configured model today, so many times cheaper."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from bot.domain.long_view import LongViewLine, TierToday
from bot.domain.messages import say
from bot.domain.price_series import TierHistory
from bot.text.chart_style import (
    LABEL_SIZE,
    MILESTONE,
    MOST_SERIES,
    NOTE_SIZE,
    TIER_COLOURS,
    TITLE_SIZE,
    month_label,
    usd,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LABEL_GAP = 0.13
"""The least room between two labels of today's prices, as a share of the panel's height."""
LABEL_ROOM = 0.7
"""Room right of today for its labels, as a share of the time the panel spans."""


def draw_long_view(axes: Axes, line: LongViewLine, history: list[TierHistory], language: str) -> None:
    """Milestones as annotated points; each tier's snapshots as a step line ending at today's price."""
    axes.set_title(say(language, "The long view: the cheapest model per tier"), fontsize=TITLE_SIZE, loc="left")
    tiers = line.today[: MOST_SERIES - 1]
    if not line.milestones and not tiers:
        axes.set_axis_off()
        message = say(language, "No price data yet")
        axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=TITLE_SIZE)
        return
    by_tier = {one.tier: one for one in history if one.tier in {tier.tier for tier in tiers}}
    prices = [
        *(m.input_per_1m_usd for m in line.milestones),
        *(t.input_per_1m_usd for t in tiers),
        *(p.price for one in by_tier.values() for p in one.points if p.price > 0),
    ]
    axes.set_yscale("log")
    axes.set_ylim(min(prices) / 4, max(prices) * 4)
    _draw_milestones(axes, line, language)
    first_days = [m.since for m in line.milestones] + [p.date for one in by_tier.values() for p in one.points]
    _set_dates(axes, min([*first_days, line.as_of - dt.timedelta(days=365)]), line.as_of, language)
    axes.axvline(line.as_of, color="#999999", linewidth=0.8, linestyle=(0, (4, 3)))  # type: ignore[arg-type]
    for colour, tier in zip(TIER_COLOURS, tiers, strict=False):
        points = [(p.date, p.price) for p in by_tier[tier.tier].points] if tier.tier in by_tier else []
        points = [*(p for p in points if p[0] < line.as_of), (line.as_of, tier.input_per_1m_usd)]
        axes.plot(
            [day for day, _ in points],  # type: ignore[arg-type]  # matplotlib's date converter takes dates
            [price for _, price in points],
            drawstyle="steps-post",
            color=colour,
            linewidth=2.5,
            marker="o",
            markersize=9,
            markevery=[len(points) - 1],
            zorder=3,
            label=_tier_name(tier, language),
        )
    _label_today(axes, line, tiers, language)
    axes.set_ylabel(
        say(language, "USD per 1M input tokens (log scale)"),
        fontsize=NOTE_SIZE,
    )
    _format_price_axis(axes)
    axes.grid(True, which="major", alpha=0.3)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=NOTE_SIZE, frameon=False)


def _draw_milestones(axes: Axes, line: LongViewLine, language: str) -> None:
    if not line.milestones:
        return
    axes.plot(
        [m.since for m in line.milestones],  # type: ignore[arg-type]  # matplotlib's date converter takes dates
        [m.input_per_1m_usd for m in line.milestones],
        linestyle="none",
        marker="o",
        markersize=9,
        color=MILESTONE,
        label=say(language, "Earlier models, at their price then"),
    )
    for milestone in line.milestones:
        axes.annotate(
            say(
                language,
                "{name} {price}\n({when})",
                name=milestone.label,
                price=usd(milestone.input_per_1m_usd),
                when=month_label(milestone.since, language),
            ),
            xy=(milestone.since, milestone.input_per_1m_usd),
            xytext=(10, 0),
            textcoords="offset points",
            va="center",
            fontsize=LABEL_SIZE,
            # Under the tiers' lines and points, which must never be hidden by a label.
            zorder=1.5,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )


def _label_today(axes: Axes, line: LongViewLine, tiers: list[TierToday], language: str) -> None:
    """Each tier's model, price and how many times cheaper than the first milestone, right of today's point;
    labels of prices close together are moved apart."""
    low, high = (math.log10(limit) for limit in axes.get_ylim())
    heights = _spread([(math.log10(t.input_per_1m_usd) - low) / (high - low) for t in tiers], LABEL_GAP)
    first = line.milestones[0] if line.milestones else None
    for colour, tier, height in zip(TIER_COLOURS, tiers, heights, strict=False):
        text = f"{tier.name} {usd(tier.input_per_1m_usd)}"
        if first is not None and tier.times_cheaper is not None:
            times = _times(tier.times_cheaper)
            text += say(language, "\n{times}× cheaper than {name}", times=times, name=first.label)
        axes.annotate(
            text,
            xy=(line.as_of, tier.input_per_1m_usd),
            xytext=(18, height),
            textcoords=("offset points", "axes fraction"),
            ha="left",
            va="center",
            fontsize=LABEL_SIZE,
            color="#1a1a1a",
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": colour, "linewidth": 1.5},
            arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 1},
        )


def _spread(heights: list[float], gap: float) -> list[float]:
    """`heights` (0–1) moved apart to at least `gap`, in their order, kept inside the panel where they fit."""
    order = sorted(range(len(heights)), key=lambda index: heights[index])
    placed: dict[int, float] = {}
    floor = -math.inf
    for index in order:
        placed[index] = max(heights[index], floor + gap)
        floor = placed[index]
    overflow = max([0.0, *(height - (1 - gap / 2) for height in placed.values())])
    return [placed[index] - overflow for index in range(len(heights))]


def _tier_name(tier: TierToday, language: str) -> str:
    size = _tier_size(tier.tier, language)
    if size is None:
        return say(language, "Tier {tier}: {name}", tier=tier.tier, name=tier.name)
    return say(language, "Tier {tier} ({size}): {name}", tier=tier.tier, size=size, name=tier.name)


def _tier_size(tier: int, language: str) -> str | None:
    """How large the models of the first three tiers are: small, mid, strong."""
    if tier == 1:
        return say(language, "small", context="tier")
    if tier == 2:
        return say(language, "mid", context="tier")
    if tier == 3:
        return say(language, "strong", context="tier")
    return None


def _times(times: float) -> str:
    return f"{times:,.0f}" if times >= 10 else f"{times:.1f}".removesuffix(".0")


def _format_price_axis(axes: Axes) -> None:
    from matplotlib.ticker import FuncFormatter, NullFormatter

    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: usd(value)))
    # Log axes label minor ticks (2, 3, 5…) by default, which crowds the axis.
    axes.yaxis.set_minor_formatter(NullFormatter())
    axes.tick_params(labelsize=NOTE_SIZE)


def _set_dates(axes: Axes, start: dt.date, end: dt.date, language: str) -> None:
    """From a month before `start` to today and room for today's labels; ticks up to today, months in the language.

    A tick each January over more than two years, else every third month, and one at today's month.
    """
    from matplotlib import dates as mdates
    from matplotlib.ticker import FixedLocator, FuncFormatter

    span = end - start
    axes.set_xlim(start - dt.timedelta(days=45), end + span * LABEL_ROOM)  # type: ignore[arg-type]
    step = 12 if span.days > 2 * 365 else 3
    this_month = end.replace(day=1)
    ticks = [
        day
        for day in (dt.date(year, month, 1) for year in range(start.year, end.year + 1) for month in range(1, 13, step))
        if start <= day and (this_month - day).days > 75  # none crowding today's month, which is always labelled
    ]
    ticks.append(this_month)
    axes.xaxis.set_major_locator(FixedLocator(mdates.date2num(ticks)))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: month_label(mdates.num2date(value).date(), language)))
    axes.tick_params(axis="x", labelsize=NOTE_SIZE)
