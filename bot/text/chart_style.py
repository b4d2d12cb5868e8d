"""What both panels of the inventory chart share: colours, type sizes, and how months and dollars are written."""

from __future__ import annotations

import datetime as dt

from bot.domain.messages import say

# Okabe and Ito's palette: told apart with the common colour-vision deficiencies, and in grey.
BLUE, VERMILLION, GREEN = "#0072B2", "#D55E00", "#009E73"
ORANGE, SKY_BLUE, PURPLE, YELLOW, BLACK = "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"

PRICE_CUT, PRICE_RISE, NEW_OPTION = BLUE, VERMILLION, GREEN
MILESTONE = BLACK
TIER_COLOURS = (ORANGE, SKY_BLUE, PURPLE, BLUE, GREEN, VERMILLION, YELLOW)
MOST_SERIES = 1 + len(TIER_COLOURS)
"""At most this many series in a panel, each in its own colour."""

# Points, at 150 DPI: large enough to read when Slack shows the image at a third of its size.
TITLE_SIZE = 14
LABEL_SIZE = 11
NOTE_SIZE = 10


def month_label(day: dt.date, language: str) -> str:
    return say(language, "{day:%Y-%m}", day=day)


def usd(amount: float) -> str:
    """$30, $2.50, $0.15, $0.075: whole dollars bare, cents to two places, fractions of a cent kept."""
    if amount >= 10 and float(amount).is_integer():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}" if amount >= 0.1 else f"${amount:.3g}"
