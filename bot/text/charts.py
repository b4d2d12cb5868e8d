"""Price charts for the monthly inventory, rendered to PNG bytes for Slack.

matplotlib is imported inside the functions: the CLI starts without paying for it.
Figures are built as plain `Figure` objects on an Agg canvas rather than through
pyplot, so nothing is registered in pyplot's global figure list (no leak across
calls, safe from worker threads) and no GUI backend is ever involved.
"""

from __future__ import annotations

import datetime as dt
import math
from contextlib import AbstractContextManager
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# 1200×700 px: wide enough to read in Slack's preview, text large at 150 DPI.
DPI = 150
WIDTH_PX, HEIGHT_PX = 1200, 700
# Beyond this many series an inside legend hides the lines; it moves below the plot.
LEGEND_INSIDE_AT_MOST = 5
# Month tick spacings that keep the axis to about eight labels.
MONTH_STEPS = (1, 2, 3, 6, 12)
MOST_DATE_TICKS = 8
# The font matplotlib-fontja registers; it covers Latin letters too, so both languages use it.
JAPANESE_FONT = "IPAexGothic"

NO_DATA = {"en": "No price data yet", "ja": "価格データはまだありません"}
CATEGORY_TITLE = {"en": "Cheapest option per task (¥ a month)", "ja": "業務ごとの最安ツール（月額・円）"}
CATEGORY_Y_LABEL = {"en": "¥ a month", "ja": "月額（円）"}
MODEL_TITLE = {
    "en": "Model prices, USD per 1M input tokens (log scale)",
    "ja": "モデル価格（入力100万トークンあたりUSD・対数目盛）",
}
MODEL_Y_LABEL = {"en": "USD per 1M input tokens", "ja": "USD／入力100万トークン"}


@dataclass(frozen=True)
class Series:
    """One line on a chart: a price that holds from each date until the next one."""

    label: str
    points: list[tuple[dt.date, float]]


def inventory_charts(category_series: list[Series], model_series: list[Series], language: str, today: dt.date) -> bytes:
    """PNG of the monthly inventory: cheapest tool per task above, model prices below."""
    with _chart_fonts():
        return _png(inventory_figure(category_series, model_series, language, today))


def inventory_figure(
    category_series: list[Series], model_series: list[Series], language: str, today: dt.date
) -> Figure:
    """The figure behind `inventory_charts`: two panels stacked, each as tall as a single chart."""
    with _chart_fonts():
        figure = _new_figure(2 * HEIGHT_PX)
        category_axes, model_axes = figure.subplots(2, 1)
        _draw_price_history(
            category_axes,
            category_series,
            title=_in(CATEGORY_TITLE, language),
            y_label=_in(CATEGORY_Y_LABEL, language),
            log_scale=False,
            language=language,
            today=today,
        )
        _draw_price_history(
            model_axes,
            model_series,
            title=_in(MODEL_TITLE, language),
            y_label=_in(MODEL_Y_LABEL, language),
            log_scale=True,
            language=language,
            today=today,
        )
    return figure


def _chart_fonts() -> AbstractContextManager[object]:
    """IPAex Gothic for every text created or drawn inside, whatever the global style says.

    Texts take their font when created and tick labels are created while drawing, so
    both building a figure and saving it run inside this context.
    """
    import matplotlib
    import matplotlib_fontja  # noqa: F401  (registers the IPAex Gothic font file)

    return matplotlib.rc_context({"font.family": JAPANESE_FONT})


def _new_figure(height_px: int) -> Figure:
    """A white figure on an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Constrained layout makes room for the legends below the plots, which tight_layout cannot.
    figure = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, facecolor="white", layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _draw_price_history(
    axes: Axes,
    series: list[Series],
    *,
    title: str,
    y_label: str,
    log_scale: bool,
    language: str,
    today: dt.date | None,
) -> None:
    """Draw each series as a step line that holds its price until the next change.

    Series without points are left out; with nothing left the panel says so instead.
    """
    axes.set_title(title)
    drawn = [one for one in series if one.points]
    if not drawn:
        axes.set_axis_off()
        axes.text(0.5, 0.5, _in(NO_DATA, language), ha="center", va="center", fontsize=14)
        return
    for one in drawn:
        dates, prices, changes = _steps(one.points, today)
        axes.plot(
            dates,  # type: ignore[arg-type]  # matplotlib's date converter takes dates; its stubs say numbers
            prices,
            drawstyle="steps-post",
            marker="o",
            markersize=4,
            markevery=changes,
            label=one.label,
        )
    axes.set_ylabel(y_label)
    axes.set_facecolor("white")
    axes.grid(True, alpha=0.3)
    if log_scale:
        axes.set_yscale("log")
    _format_price_axis(axes)
    _format_date_axis(axes, language)
    _place_legend(axes, len(drawn))


def _steps(points: list[tuple[dt.date, float]], today: dt.date | None) -> tuple[list[dt.date], list[float], list[int]]:
    """Dates and prices in order, held until `today`, and the indices where the price changed."""
    ordered = sorted(points)
    dates = [day for day, _ in ordered]
    prices = [price for _, price in ordered]
    changes = [i for i, price in enumerate(prices) if i == 0 or price != prices[i - 1]]
    if today is not None and today > dates[-1]:
        dates.append(today)
        prices.append(prices[-1])
    return dates, prices, changes


def _format_price_axis(axes: Axes) -> None:
    from matplotlib.ticker import FuncFormatter, NullFormatter

    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _price_label(value)))
    # Log axes label minor ticks (2, 3, 5…) by default, which crowds the axis.
    axes.yaxis.set_minor_formatter(NullFormatter())


def _price_label(value: float) -> str:
    """Thousands separators for yen; small decimals for model prices that fell to cents."""
    if abs(value) >= 10 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _format_date_axis(axes: Axes, language: str) -> None:
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter

    start, end = (mdates.num2date(limit) for limit in axes.get_xlim())
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in MONTH_STEPS if months / s <= MOST_DATE_TICKS), None)
    if step is None:
        years = math.ceil(months / 12 / MOST_DATE_TICKS)
        axes.xaxis.set_major_locator(mdates.YearLocator(years))
    else:
        axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, step)))
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _: _month_label(mdates.num2date(value).date(), language))
    )


def _month_label(day: dt.date, language: str) -> str:
    return f"{day.year}年{day.month}月" if language == "ja" else f"{day:%Y-%m}"


def _place_legend(axes: Axes, count: int) -> None:
    if count <= LEGEND_INSIDE_AT_MOST:
        axes.legend(loc="best", fontsize=8)
        return
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=7, frameon=False)


def _png(figure: Figure) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()


def _in(texts: dict[str, str], language: str) -> str:
    return texts.get(language, texts["en"])
