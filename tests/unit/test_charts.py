"""The inventory's price charts: real PNGs, one line per series, Japanese that renders."""

from __future__ import annotations

import datetime as dt
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
from matplotlib.font_manager import findfont
from PIL import Image

from bot.text.charts import Series, inventory_charts, inventory_figure

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TODAY = dt.date(2025, 6, 1)

TASK_TOOLS = [
    Series("議事録: Notta", [(dt.date(2024, 1, 1), 2_200.0), (dt.date(2024, 9, 1), 1_980.0)]),
    Series("Email drafts: Gemini", [(dt.date(2024, 3, 1), 3_000.0), (dt.date(2025, 1, 1), 2_900.0)]),
    Series("Invoices: freee", [(dt.date(2024, 2, 1), 1_480.0)]),
]
MODELS = [
    Series("GPT-4", [(dt.date(2023, 3, 14), 30.0), (dt.date(2024, 5, 13), 5.0), (dt.date(2024, 7, 18), 0.15)]),
    Series("Gemini Flash", [(dt.date(2024, 5, 1), 0.35), (dt.date(2024, 8, 1), 0.075)]),
]


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(BytesIO(png)) as image:
        image.verify()
    with Image.open(BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def tick_labels(axis: matplotlib.axis.Axis) -> list[str]:
    axis.get_figure(root=True).canvas.draw()
    return [label.get_text() for label in axis.get_ticklabels() if label.get_text()]


def test_inventory_chart_stacks_two_panels_of_that_size() -> None:
    png = inventory_charts(TASK_TOOLS, MODELS, "en", TODAY)

    assert png_size(png) == (1200, 1400)


def test_one_line_and_one_legend_entry_per_series() -> None:
    axes = inventory_figure(TASK_TOOLS, MODELS, "en", TODAY).axes[0]

    assert len(axes.get_lines()) == len(TASK_TOOLS)
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [s.label for s in TASK_TOOLS]


def test_a_price_holds_until_today_and_only_changes_are_marked() -> None:
    held = Series(
        "Claude",
        [(dt.date(2024, 3, 4), 3.0), (dt.date(2023, 7, 1), 8.0), (dt.date(2024, 6, 1), 3.0)],
    )
    figure = inventory_figure([], [held], "en", TODAY)
    (line,) = figure.axes[1].get_lines()

    assert list(line.get_xdata()) == [dt.date(2023, 7, 1), dt.date(2024, 3, 4), dt.date(2024, 6, 1), TODAY]
    assert list(line.get_ydata()) == [8.0, 3.0, 3.0, 3.0]
    assert line.get_drawstyle() == "steps-post"
    assert line.get_markevery() == [0, 1]


def test_model_panel_uses_a_log_scale_and_the_task_panel_does_not() -> None:
    task_axes, model_axes = inventory_figure(TASK_TOOLS, MODELS, "en", TODAY).axes

    assert model_axes.get_yscale() == "log"
    assert task_axes.get_yscale() == "linear"
    assert len(task_axes.get_lines()) == len(TASK_TOOLS)
    assert len(model_axes.get_lines()) == len(MODELS)


def test_prices_show_thousands_separators_and_cents() -> None:
    task_axes, model_axes = inventory_figure(TASK_TOOLS, MODELS, "en", TODAY).axes

    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", label) for label in tick_labels(task_axes.yaxis))
    assert "0.1" in tick_labels(model_axes.yaxis)


@pytest.mark.parametrize(("language", "month"), [("en", r"\d{4}-\d{2}"), ("ja", r"\d{4}年\d{1,2}月")])
def test_dates_are_months_in_the_language(language: str, month: str) -> None:
    figure = inventory_figure(TASK_TOOLS, MODELS, language, TODAY)
    labels = tick_labels(figure.axes[0].xaxis)

    assert labels
    assert all(re.fullmatch(month, label) for label in labels)


def test_japanese_renders_in_ipaex_gothic_without_missing_glyphs() -> None:
    figure = inventory_figure(TASK_TOOLS, MODELS, "ja", TODAY)
    title = figure.axes[0].title
    assert title.get_text() == "業務ごとの最安ツール（月額・円）"
    assert Path(findfont(title.get_fontproperties(), fallback_to_default=False)).name == "ipaexg.ttf"

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = inventory_charts(TASK_TOOLS, MODELS, "ja", TODAY)

    assert png.startswith(PNG_SIGNATURE)
    assert [str(w.message) for w in caught if "missing" in str(w.message).lower()] == []


@pytest.mark.parametrize(("language", "message"), [("en", "No price data yet"), ("ja", "価格データはまだありません")])
def test_no_series_gives_a_chart_that_says_so(language: str, message: str) -> None:
    for axes in inventory_figure([], [Series("GPT-4", [])], language, TODAY).axes:
        assert axes.get_lines() == []
        assert [text.get_text() for text in axes.texts] == [message]
    assert png_size(inventory_charts([], [Series("GPT-4", [])], language, TODAY)) == (1200, 1400)


def test_no_figure_stays_open_after_many_charts() -> None:
    for _ in range(20):
        inventory_charts([], [], "en", TODAY)

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
