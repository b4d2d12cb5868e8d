"""The inventory's chart: real PNGs; the month's price changes as bars and new options marked, not as cuts;
the long view on a log scale; every word in the reader's language, and Japanese that renders."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
import warnings
from io import BytesIO
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.font_manager import findfont
from matplotlib.lines import Line2D
from PIL import Image

from bot.domain.inventory import Inventory
from bot.domain.long_view import LongViewLine, Milestone, TierToday
from bot.domain.price_series import SeriesPoint, TierHistory, tier_history
from bot.domain.prices import PricePoint
from bot.text.change_chart import MOST_ROWS
from bot.text.charts import inventory_charts, inventory_figure
from bot.text.long_view_chart import LABEL_GAP
from tests.unit.test_inventory import TODAY, inventory, point, small_catalog, translation_tool

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LAST_MONTH = dt.date(2026, 11, 1)

# Lingo cut its price, Babel raised its, and Nova, new in the catalog, is the cheapest now.
CATALOG = small_catalog(translation_tool("lingo", 9), translation_tool("babel", 24), translation_tool("nova", 6))
NOW = [point("lingo", 9, TODAY), point("babel", 24, TODAY), point("nova", 6, TODAY)]
BEFORE = [point("lingo", 12, LAST_MONTH), point("babel", 20, LAST_MONTH)]

LONG_VIEW = LongViewLine(
    milestones=[
        Milestone(label="GPT-4", model="gpt-4", since=dt.date(2023, 3, 14), input_per_1m_usd=30.0),
        Milestone(label="GPT-4o mini", model="gpt-4o-mini", since=dt.date(2024, 7, 18), input_per_1m_usd=0.15),
        Milestone(label="GPT-4o", model="gpt-4o-2024-08-06", since=dt.date(2024, 8, 6), input_per_1m_usd=2.5),
    ],
    today=[
        TierToday(tier=1, name="gpt-5-nano", input_per_1m_usd=0.05, times_cheaper=600.0),
        TierToday(tier=2, name="gpt-5-mini", input_per_1m_usd=0.25, times_cheaper=120.0),
        TierToday(tier=3, name="gpt-5.4", input_per_1m_usd=1.25, times_cheaper=24.0),
    ],
    as_of=TODAY,
)
HISTORY = [
    TierHistory(
        tier=1,
        points=[SeriesPoint(date=dt.date(2026, 1, 5), price=0.1), SeriesPoint(date=dt.date(2026, 6, 2), price=0.05)],
    )
]


def month_of_changes(language: str = "en") -> Inventory:
    return inventory(CATALOG, NOW, BEFORE, language=language)


def figure_of(report: Inventory, language: str = "en", long_view: LongViewLine = LONG_VIEW) -> tuple[Axes, Axes]:
    changes, long_view_axes = inventory_figure(report, CATALOG, long_view, language, HISTORY).axes
    return changes, long_view_axes


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(BytesIO(png)) as image:
        image.verify()
    with Image.open(BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def words(axes: Axes) -> list[str]:
    return [text.get_text() for text in axes.texts]


def series(axes: Axes) -> list[Line2D]:
    """The lines that show data (a guide such as today's line has no label of its own)."""
    return [line for line in axes.get_lines() if not line.get_label().startswith("_")]


def legend(axes: Axes) -> list[str]:
    return [text.get_text() for text in axes.get_legend().get_texts()]


def tick_labels(axis: matplotlib.axis.Axis) -> list[str]:
    axis.get_figure(root=True).canvas.draw()
    return [label.get_text() for label in axis.get_ticklabels() if label.get_text()]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_chart_is_a_png_of_two_panels_of_that_size(language: str) -> None:
    png = inventory_charts(month_of_changes(language), CATALOG, LONG_VIEW, language, HISTORY)

    assert png_size(png) == (1200, 1400)


# --- this month's changes -----------------------------------------------------------------


def test_price_changes_of_one_plan_are_bars_of_their_percent_in_two_colours() -> None:
    report = month_of_changes()
    changes, _ = figure_of(report)

    cuts, rises = changes.containers
    assert [bar.get_width() for bar in cuts] == [change.percent for change in report.drops] == [-25.0]
    assert [bar.get_width() for bar in rises] == [change.percent for change in report.rises] == [20.0]
    assert to_hex(cuts[0].get_facecolor()) != to_hex(rises[0].get_facecolor())
    assert legend(changes) == ["Price cut (same plan)", "Price rise (same plan)", "New cheapest option"]
    assert "-25.0%" in words(changes) and "$12.00 → $9.00 per month" in words(changes)


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "New in the catalog: $6.00 a month"), ("ja", "新規：月$6.00")],
)
def test_a_new_cheapest_option_is_marked_new_with_its_price_and_no_percentage(language: str, said: str) -> None:
    report = month_of_changes(language)
    change = report.categories[0].change_vs_last_month
    assert change is not None and change.kind == "new_option"
    changes, _ = figure_of(report, language)

    [marks] = changes.collections
    assert len(marks.get_offsets()) == 1
    assert sum(len(bars) for bars in changes.containers) == len(report.drops) + len(report.rises)
    headline = words(changes).index(said)
    note = words(changes)[headline + 1]
    assert "Lingo" in note and "$12.00" in note  # last month's cheapest, by its catalog name
    assert "%" not in said + note


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "No price changed since last month,\nand no task has a new cheapest option."),
        ("ja", "先月から価格の変化はなく、\n業務ごとの最安も変わっていません。"),
    ],
)
def test_a_month_without_changes_says_so_in_words(language: str, said: str) -> None:
    steady = inventory(CATALOG, NOW, NOW, language=language)
    changes, _ = figure_of(steady, language)

    assert list(changes.containers) == [] and list(changes.collections) == []
    assert words(changes) == [said]


def test_a_crowded_month_shows_the_largest_changes_and_says_how_many_more() -> None:
    tools = [translation_tool(f"tool{index}", 10 + index) for index in range(MOST_ROWS + 3)]
    now = [point(tool.id, 10 + index, TODAY) for index, tool in enumerate(tools)]
    before = [point(tool.id, 10 + index + index + 1, LAST_MONTH) for index, tool in enumerate(tools)]
    report = inventory(small_catalog(*tools), now, before)
    changes, _ = inventory_figure(report, small_catalog(*tools), LONG_VIEW, "en").axes

    [cuts] = changes.containers
    assert len(cuts) == MOST_ROWS
    assert sorted(bar.get_width() for bar in cuts) == sorted(c.percent for c in report.drops)[:MOST_ROWS]
    assert f"and {len(report.drops) - MOST_ROWS} more in the report" in words(changes)


# --- the long view ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "milestone", "cheaper", "legend_entry"),
    [
        ("en", "GPT-4 $30\n(2023-03)", "gpt-5-nano $0.05\n600× cheaper than GPT-4", "Tier 1 (small): gpt-5-nano"),
        ("ja", "GPT-4 $30\n（2023年3月）", "gpt-5-nano $0.05\nGPT-4の600分の1", "ティア1（小型）：gpt-5-nano"),
    ],
)
def test_the_long_view_annotates_milestones_and_how_much_cheaper_each_tier_is(
    language: str, milestone: str, cheaper: str, legend_entry: str
) -> None:
    _, long_view = figure_of(month_of_changes(language), language)

    assert long_view.get_yscale() == "log"
    assert milestone in words(long_view) and cheaper in words(long_view)
    assert legend_entry in legend(long_view)


def test_the_long_view_draws_one_series_each_for_the_milestones_and_every_tier_in_its_own_colour() -> None:
    _, long_view = figure_of(month_of_changes())
    milestones, *tiers = series(long_view)

    assert [(day, price) for day, price in zip(*milestones.get_data(), strict=True)] == [
        (m.since, m.input_per_1m_usd) for m in LONG_VIEW.milestones
    ]
    assert len(tiers) == len(LONG_VIEW.today)
    colours = [to_hex(line.get_color()) for line in series(long_view)]
    assert len(set(colours)) == len(colours)


def test_a_tiers_snapshots_are_a_step_line_that_ends_at_todays_price() -> None:
    _, long_view = figure_of(month_of_changes())
    tier_1 = series(long_view)[1]

    assert list(tier_1.get_xdata()) == [dt.date(2026, 1, 5), dt.date(2026, 6, 2), TODAY]
    assert list(tier_1.get_ydata()) == [0.1, 0.05, 0.05]
    assert tier_1.get_drawstyle() == "steps-post"


def test_labels_of_tiers_priced_close_together_are_moved_apart() -> None:
    close = LONG_VIEW.model_copy(
        update={
            "today": [
                TierToday(tier=1, name="nano", input_per_1m_usd=0.05, times_cheaper=600.0),
                TierToday(tier=2, name="micro", input_per_1m_usd=0.055, times_cheaper=545.5),
                TierToday(tier=3, name="mini", input_per_1m_usd=0.06, times_cheaper=500.0),
            ]
        }
    )
    _, long_view = figure_of(month_of_changes(), long_view=close)
    heights = sorted(text.xyann[1] for text in long_view.texts if "cheaper than" in text.get_text())

    assert len(heights) == 3
    assert all(higher - lower >= LABEL_GAP - 1e-9 for lower, higher in itertools.pairwise(heights))
    assert heights[0] >= 0 and heights[-1] <= 1


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_panel_has_more_than_eight_series(language: str) -> None:
    many = LONG_VIEW.model_copy(
        update={
            "today": [
                TierToday(tier=tier, name=f"model-{tier}", input_per_1m_usd=0.01 * tier, times_cheaper=3000 / tier)
                for tier in range(1, 12)
            ]
        }
    )
    changes, long_view = figure_of(month_of_changes(language), language, many)

    assert len(series(long_view)) == 8 and len(legend(long_view)) == 8
    assert len({to_hex(line.get_color()) for line in series(long_view)}) == 8
    assert len(changes.containers) + len(changes.collections) <= 8


@pytest.mark.parametrize(("language", "month"), [("en", r"\d{4}-\d{2}"), ("ja", r"\d{4}年\d{1,2}月")])
def test_dates_are_months_in_the_language_ending_at_todays(language: str, month: str) -> None:
    _, long_view = figure_of(month_of_changes(language), language)
    labels = tick_labels(long_view.xaxis)

    assert all(re.fullmatch(month, label) for label in labels)
    assert labels[-1] == ("2026年12月" if language == "ja" else "2026-12")


def test_prices_on_the_log_axis_are_dollars() -> None:
    _, long_view = figure_of(month_of_changes())

    assert {"$0.10", "$1.00", "$10"} <= set(tick_labels(long_view.yaxis))


@pytest.mark.parametrize(("language", "message"), [("en", "No price data yet"), ("ja", "価格データはまだありません")])
def test_a_long_view_without_prices_says_so(language: str, message: str) -> None:
    empty = LongViewLine(milestones=[], today=[], as_of=TODAY)
    _, long_view = figure_of(month_of_changes(language), language, empty)

    assert series(long_view) == [] and words(long_view) == [message]


# --- Japanese, and the figure's life ------------------------------------------------------


def test_japanese_renders_in_ipaex_gothic_without_missing_glyphs() -> None:
    changes, long_view = figure_of(month_of_changes("ja"), "ja")
    assert changes.get_title(loc="left") == "先月からの変化"
    assert long_view.get_title(loc="left") == "長期の推移：ティア別の最安モデル"
    assert legend(changes) == ["値下げ（同じプラン）", "値上げ（同じプラン）", "業務の新たな最安"]
    assert Path(findfont(changes.texts[0].get_fontproperties(), fallback_to_default=False)).name == "ipaexg.ttf"

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = inventory_charts(month_of_changes("ja"), CATALOG, LONG_VIEW, "ja", HISTORY)

    assert png.startswith(PNG_SIGNATURE)
    assert [str(w.message) for w in caught if "missing" in str(w.message).lower()] == []


def test_no_figure_stays_open_after_many_charts() -> None:
    for _ in range(5):
        inventory_charts(month_of_changes(), CATALOG, LONG_VIEW, "en")

    assert plt.get_fignums() == []


def test_importing_the_module_does_not_load_matplotlib() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, bot.text.charts; print('matplotlib' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout.strip()

    assert loaded == "False"


# --- the tiers' history from the snapshots --------------------------------------------------


def test_a_tiers_history_is_its_cheapest_models_input_price_in_each_snapshot() -> None:
    def model(name: str, tier: int, amount: float, on: dt.date, unit: str = "per_1m_input_tokens") -> PricePoint:
        return point(name, amount, on, kind="model", plan=f"tier {tier}", unit=unit)

    december, january = dt.date(2026, 12, 1), dt.date(2027, 1, 1)
    snapshots = [
        model("nano", 1, 0.05, december),
        model("turbo", 1, 0.08, december),
        model("nano", 1, 0.4, december, unit="per_1m_output_tokens"),
        model("mini", 2, 0.25, december),
        point("lingo", 0.01, december, unit="per_1m_input_tokens"),  # a tool, not a model
        model("nano", 1, 0.04, january),
        model("turbo", 1, 0.06, january),
    ]

    assert [(h.tier, [(p.date, p.price) for p in h.points]) for h in tier_history(snapshots)] == [
        (1, [(december, 0.05), (january, 0.04)]),
        (2, [(december, 0.25)]),
    ]
