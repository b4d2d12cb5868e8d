"""The chart's upper panel: this month's price changes of one plan as bars, and the tasks whose cheapest
option is another one now, marked as such with its price (a percentage between two options is no price cut)."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from bot.domain.catalog import Catalog, PriceUnit, unit_label
from bot.domain.inventory import CategoryInventory, Inventory, PriceChange
from bot.domain.messages import say
from bot.domain.money import format_money
from bot.text.chart_style import LABEL_SIZE, NEW_OPTION, NOTE_SIZE, PRICE_CUT, PRICE_RISE, TITLE_SIZE

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection

MOST_ROWS = 8
"""Rows the panel holds and stays readable; the rest are in the report."""
MOST_NEW_ROWS = 3
"""Of those, at most this many new cheapest options."""
NAME_LENGTH = 26
"""Characters of a line of a tool's or plan's name beside its row."""
NOTE_LENGTH = {"en": 66, "ja": 34}
"""Characters of a line of a new option's words across the panel (a Japanese character is about two wide)."""
ROW_HEIGHT = {"cut": 1.0, "rise": 1.0, "new": 1.6}
LEAST_HEIGHT = 2.5
"""Rows' heights the panel is drawn for at least, so that one or two rows do not become slabs."""

RowKind = Literal["cut", "rise", "new"]


@dataclass(frozen=True)
class ChangeRow:
    """One row of the panel: a plan's price change as a bar, or a new cheapest option as a mark and words."""

    label: str
    kind: RowKind
    percent: float | None
    headline: str
    note: str


def change_rows(inventory: Inventory, catalog: Catalog, language: str) -> list[ChangeRow]:
    """Every row the month's inventory gives: cuts (biggest first), rises (biggest first), new cheapest options."""
    return [
        *(_price_row(change, "cut", catalog, language) for change in inventory.drops),
        *(_price_row(change, "rise", catalog, language) for change in inventory.rises),
        *_new_option_rows(inventory, catalog, language),
    ]


def shown_rows(rows: list[ChangeRow]) -> list[ChangeRow]:
    """The rows that fit: a few new options, then the largest price changes; in the order they came."""
    new = [row for row in rows if row.kind == "new"][:MOST_NEW_ROWS]
    changes = [row for row in rows if row.kind != "new"]
    largest = sorted(changes, key=lambda row: -abs(row.percent or 0))[: MOST_ROWS - len(new)]
    return [row for row in rows if row in largest or row in new]


def rows_height(rows: list[ChangeRow]) -> float:
    """How many plain rows' height the panel draws for `rows` (those shown), at least `LEAST_HEIGHT`."""
    return max(sum(ROW_HEIGHT[row.kind] for row in shown_rows(rows)), LEAST_HEIGHT)


def draw_changes(axes: Axes, rows: list[ChangeRow], language: str) -> None:
    """Horizontal bars of percent change per plan, cuts and rises in two colours, new options marked below them."""
    axes.set_title(say(language, "What changed since last month"), fontsize=TITLE_SIZE, loc="left")
    if not rows:
        axes.set_axis_off()
        axes.text(
            0.5,
            0.5,
            say(language, "No price changed since last month,\nand no task has a new cheapest option."),
            ha="center",
            va="center",
            fontsize=TITLE_SIZE,
        )
        return
    shown = shown_rows(rows)
    heights = [ROW_HEIGHT[row.kind] for row in shown]
    middles = [sum(heights[:index]) + height / 2 for index, height in enumerate(heights)]
    axes.set_ylim(rows_height(rows), 0)
    widest = max((abs(row.percent) for row in shown if row.percent is not None), default=10.0)
    # Symmetric, so a bar's words fit on the other side of zero, where its row is empty.
    axes.set_xlim(-widest * 1.1, widest * 1.1)
    keys: list[Any] = []  # what the legend explains: cuts, rises, new options, in that order
    for kind, colour, label in (
        ("cut", PRICE_CUT, say(language, "Price cut (same plan)")),
        ("rise", PRICE_RISE, say(language, "Price rise (same plan)")),
    ):
        at = [(y, row) for y, row in zip(middles, shown, strict=True) if row.kind == kind]
        if at:
            bars = [row.percent or 0 for _, row in at]
            keys.append(axes.barh([y for y, _ in at], bars, color=colour, height=0.6, label=label))
    for y, row in zip(middles, shown, strict=True):
        _words(axes, y, row, language)
    new_options = [y for y, row in zip(middles, shown, strict=True) if row.kind == "new"]
    if new_options:
        keys.append(_mark_new_options(axes, new_options, language))
    axes.set_yticks(middles, [row.label for row in shown], fontsize=LABEL_SIZE)
    axes.tick_params(axis="y", length=0)
    if any(row.kind != "new" for row in shown):
        axes.axvline(0, color="#444444", linewidth=0.8)
        _percent_axis(axes, language)
    else:  # only new options: a percent axis would measure nothing
        axes.set_xticks([])
        axes.grid(False)
        axes.set_xlabel(
            say(language, "No plan's price changed since last month."),
            fontsize=NOTE_SIZE,
        )
    # Below the axis' words, from its right end leftwards (the names beside the rows leave room there).
    axes.legend(
        handles=keys,
        loc="upper right",
        bbox_to_anchor=(1, 0),
        borderaxespad=3.4,
        ncol=3,
        fontsize=NOTE_SIZE,
        frameon=False,
        handlelength=1.5,
    )
    if len(rows) > len(shown):
        more = len(rows) - len(shown)
        axes.text(
            1,
            1.01,
            say(language, "and {more} more in the report", more=more),
            transform=axes.transAxes,
            ha="right",
            va="bottom",
            fontsize=NOTE_SIZE,
        )


def _percent_axis(axes: Axes, language: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axes.xaxis.set_major_locator(MaxNLocator(nbins=6, symmetric=True))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:+.0f}%" if round(value) else "0%"))
    axes.tick_params(axis="x", labelsize=NOTE_SIZE)
    axes.set_xlabel(say(language, "Change in price since last month"), fontsize=NOTE_SIZE)
    axes.grid(True, axis="x", alpha=0.3)


def _words(axes: Axes, y: float, row: ChangeRow, language: str) -> None:
    """A price change's percentage and prices on the empty side of zero; a new option's words across its row."""
    from matplotlib.transforms import Transform

    where: str | Transform
    if row.kind == "new":
        where, x, offset, align = axes.get_yaxis_transform(), 0.045, 0, "left"
        note = "\n".join(textwrap.wrap(row.note, NOTE_LENGTH["ja" if language == "ja" else "en"]))
    else:
        rise = row.kind == "rise"
        where, x, offset, align, note = "data", 0, -8 if rise else 8, "right" if rise else "left", row.note
    axes.annotate(
        row.headline,
        xy=(x, y),
        xycoords=where,
        xytext=(offset, 1),
        textcoords="offset points",
        ha=align,
        va="bottom",
        fontsize=LABEL_SIZE if row.kind == "new" else LABEL_SIZE + 2,
        color=NEW_OPTION if row.kind == "new" else "#1a1a1a",
    )
    axes.annotate(
        note,
        xy=(x, y),
        xycoords=where,
        xytext=(offset, -1),
        textcoords="offset points",
        ha=align,
        va="top",
        fontsize=NOTE_SIZE,
    )


def _mark_new_options(axes: Axes, rows: list[float], language: str) -> PathCollection:
    """A diamond at the left of each new option's row, and a line above the first if price changes are above it."""
    first = min(rows) - ROW_HEIGHT["new"] / 2
    if first > 0:
        axes.axhline(first, color="#999999", linewidth=0.8, linestyle=(0, (4, 3)))
    return axes.scatter(
        [0.02] * len(rows),
        rows,
        transform=axes.get_yaxis_transform(),
        marker="D",
        s=80,
        color=NEW_OPTION,
        zorder=3,
        label=say(language, "New cheapest option"),
    )


def _price_row(change: PriceChange, kind: RowKind, catalog: Catalog, language: str) -> ChangeRow:
    tool = catalog.tool(change.tool)
    unit = _unit_words(change.unit, language)
    old, new = format_money(change.old, change.currency), format_money(change.new, change.currency)
    return ChangeRow(
        label=f"{_cut(_bare(tool.name if tool else change.tool))}\n{_cut(change.plan)}",
        kind=kind,
        percent=change.percent,
        headline=f"{change.percent:+.1f}%",
        note=say(language, "{old} → {new} {unit}", old=old, new=new, unit=unit),
    )


def _unit_words(unit: str, language: str) -> str:
    known = {price_unit.value for price_unit in PriceUnit}
    return unit_label(PriceUnit(unit), language) if unit in known else unit


def _new_option_rows(inventory: Inventory, catalog: Catalog, language: str) -> list[ChangeRow]:
    """One row per new cheapest option, naming every task it is the cheapest for now."""
    tasks_of: dict[tuple[object, ...], list[CategoryInventory]] = {}
    for row in inventory.categories:
        change = row.change_vs_last_month
        if row.cheapest is not None and change is not None and change.kind == "new_option":
            option = (
                row.cheapest.tool_id,
                row.cheapest.plan,
                row.cheapest.price,
                change.before.tool_id,
                change.before.plan,
            )
            tasks_of.setdefault(option, []).append(row)
    return [_new_option_row(rows, inventory, catalog, language) for rows in tasks_of.values()]


def _new_option_row(rows: list[CategoryInventory], inventory: Inventory, catalog: Catalog, language: str) -> ChangeRow:
    first = rows[0]
    assert first.cheapest is not None and first.change_vs_last_month is not None
    now, before = first.cheapest, first.change_vs_last_month.before
    tool, before_tool = catalog.tool(now.tool_id), catalog.tool(before.tool_id)
    tasks = say(language, ", ").join(_task_name(row, catalog, language) for row in rows)
    price, before_price = format_money(now.price, now.currency), format_money(before.price, before.currency)
    before_name = _bare(before_tool.name if before_tool else before.tool_id)
    if before.tool_id == now.tool_id:
        before_name = say(language, "{name} ({plan})", name=before_name, plan=before.plan)
    is_new = now.tool_id in inventory.new
    return ChangeRow(
        label=_name(tool.name if tool else now.tool_id),
        kind="new",
        percent=None,
        headline=(
            say(language, "New in the catalog: {price} a month", price=price)
            if is_new
            else say(language, "Now the cheapest: {price} a month", price=price)
        ),
        note=say(
            language,
            "for {tasks}; last month's cheapest: {before}, {before_price} a month",
            tasks=tasks,
            before=before_name,
            before_price=before_price,
        ),
    )


def _task_name(row: CategoryInventory, catalog: Catalog, language: str) -> str:
    task = catalog.task(row.category)
    name = task.name(language) if task else row.category.value
    return name.lower() if language != "ja" else name


def _name(name: str) -> str:
    """A tool's name without its parenthesised detail, in at most two lines."""
    return "\n".join(textwrap.wrap(_bare(name), NAME_LENGTH, max_lines=2, placeholder="…"))


def _cut(name: str) -> str:
    """A name cut to `NAME_LENGTH` characters."""
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1].rstrip() + "…"


def _bare(name: str) -> str:
    """A tool's name without the detail in brackets at its end: Google Workspace Business Standard (with Gemini)."""
    return re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", name) or name
