"""The monthly inventory's chart, rendered to PNG bytes for Slack: what changed this month above
(`change_chart`), the long view of model prices below (`long_view_chart`).

matplotlib is imported inside the functions: the CLI starts without paying for it.
Figures are built as plain `Figure` objects on an Agg canvas rather than through
pyplot, so nothing is registered in pyplot's global figure list (no leak across
calls, safe from worker threads) and no GUI backend is ever involved.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from io import BytesIO
from typing import TYPE_CHECKING

from bot.text.change_chart import change_rows, draw_changes, rows_height
from bot.text.inventory import inventory_title
from bot.text.long_view_chart import draw_long_view

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from bot.domain.catalog import Catalog
    from bot.domain.inventory import Inventory
    from bot.domain.long_view import LongViewLine
    from bot.domain.price_series import TierHistory

# 1200×1400 px: two panels of 1200×700, wide enough to read in Slack's preview, text large at 150 DPI.
DPI = 150
WIDTH_PX, HEIGHT_PX = 1200, 1400
# The font matplotlib-fontja registers; it covers Latin letters too, so both languages use it.
JAPANESE_FONT = "IPAexGothic"


def inventory_charts(
    inventory: Inventory,
    catalog: Catalog,
    long_view: LongViewLine,
    language: str,
    tier_history: list[TierHistory] | None = None,
) -> bytes:
    """PNG of the month: its price changes and new cheapest options above, model prices since the article below."""
    with _chart_fonts():
        return _png(inventory_figure(inventory, catalog, long_view, language, tier_history))


def inventory_figure(
    inventory: Inventory,
    catalog: Catalog,
    long_view: LongViewLine,
    language: str,
    tier_history: list[TierHistory] | None = None,
) -> Figure:
    """The figure behind `inventory_charts`: a title and the two panels stacked."""
    with _chart_fonts():
        figure = _new_figure()
        figure.suptitle(inventory_title(inventory, language), fontsize=17)
        rows = change_rows(inventory, catalog, language)
        # The upper panel grows with its rows: a row or two leave the long view most of the height.
        upper = min(rows_height(rows) + 2, 10) if rows else 3
        change_axes, long_view_axes = figure.subplots(2, 1, height_ratios=[upper, 9])
        draw_changes(change_axes, rows, language)
        draw_long_view(long_view_axes, long_view, tier_history or [], language)
    return figure


def _chart_fonts() -> AbstractContextManager[object]:
    """IPAex Gothic for every text created or drawn inside, whatever the global style says.

    Texts take their font when created and tick labels are created while drawing, so
    both building a figure and saving it run inside this context.
    """
    import matplotlib
    import matplotlib_fontja  # noqa: F401  (registers the IPAex Gothic font file)

    # Prices are written with "$": as math delimiters they would swallow the text between two of them.
    return matplotlib.rc_context({"font.family": JAPANESE_FONT, "text.parse_math": False})


def _new_figure() -> Figure:
    """A white figure on an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Constrained layout makes room for the long labels beside the bars, which tight_layout does badly.
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white", layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
