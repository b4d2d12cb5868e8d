"""How well the advisor reads the numbers in questions: read right, asked back, read wrong.

Asks every question of a reading set (default `tests/data/reading_blind.yaml`, written blind
from the README, each with the figures worked out by hand) and compares what the
calculator computed with the hand-worked figures:

- read right: a calculation whose every hand-worked figure (monthly volume, hours saved a
  month, cost today a month) is within 1% (or within the rounding of the figure as given: hours
  to a tenth); for a question marked `clarify`, a question back;
- asked back: a question back (`clarify`, 0 tokens) where the figures could be worked out;
- read wrong: a calculation with a figure more than 1% off, or a figure given where the
  question had to be asked back: a confident wrong figure;
- not calculated: answered some other way (the catalog, a model, a refusal).

No model is called (placeholder API keys; a question for a model is only routed, and the model never reads
numbers: `ADVISOR_MODEL_READING=false`, so this measures the reader alone) and the
database is a throw-away SQLite file. Run from the project root:

    .venv/bin/python benchmarks/reading.py [--set FILE] [--json] [--show wrong|all]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_SET = ROOT / "tests" / "data" / "reading_blind.yaml"
FIGURES = ("monthly_volume", "hours_saved_per_month", "baseline_cost_per_month")
TOLERANCE = 0.01

for key in ("OPENAI_API_KEY", "DASHSCOPE_API_KEY"):
    os.environ[key] = "placeholder-no-call-is-made"  # routing estimates only; never sent
os.environ["ADVISOR_MODEL_READING"] = "false"  # the reader alone: a number it cannot place is asked back


def _span(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return float(value["low"]), float(value["high"])
    if isinstance(value, (list, tuple)):
        return float(value[0]), float(value[1])
    return float(value), float(value)


PRECISION = {"monthly_volume": 0.005, "hours_saved_per_month": 0.05, "baseline_cost_per_month": 0.5}
"""Half the last place each figure is given to (hours to a tenth): a rounding is not a misreading."""


def _close(name: str, expected: tuple[float, float], got: tuple[float, float]) -> bool:
    return all(abs(g - e) <= max(TOLERANCE * abs(e), PRECISION[name]) for e, g in zip(expected, got, strict=True))


def _middle(span: tuple[float, float]) -> tuple[float, float]:
    return ((span[0] + span[1]) / 2,) * 2


def judge(item: dict[str, Any], path: str, calculation: dict[str, Any] | None) -> tuple[str, list[str]]:
    """The verdict on one question, and the figures that were off (for the report).

    A figure worked out by hand as one number from the middle of a range the question gave
    ("20–30 a day" as 25) is read right by a {low, high} range around it: the advisor gives
    every figure of a range for both ends, and the middle of those ends (to within the 1%)
    is the hand-worked figure. The row is marked `range_around_middle` and counted apart.
    The other way, one number where the hand-worked figure is a range, is read wrong.
    """
    if item["expect"] == "clarify":
        if path == "clarify":
            return "read right", []
        return (
            ("read wrong", ["a figure where the question had to be asked back"])
            if path == "calculator"
            else ("not calculated", [])
        )
    if path == "clarify":
        return "asked back", []
    if path != "calculator" or calculation is None:
        return "not calculated", []
    expected_figures = item.get("figures") or {}
    off: list[str] = []
    around_middle: list[str] = []
    compared = 0
    for name in FIGURES:
        expected = _span(expected_figures.get(name))
        if expected is None:
            continue
        compared += 1
        got = _span(calculation.get(name))
        if got is not None and expected[0] == expected[1] and got[0] != got[1] and _close(name, expected, _middle(got)):
            around_middle.append(name)
        elif got is None or not _close(name, expected, got):
            off.append(f"{name}: expected {expected_figures[name]}, got {calculation.get(name)}")
    if not compared:
        return "read right" if calculation else "not calculated", []
    if off:
        return "read wrong", off
    return "read right", ["range_around_middle"] if around_middle else []


def measure(items: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/reading.db"
        from bot.advisor.service import Advisor
        from bot.settings import Settings

        advisor = Advisor(Settings(_env_file=None))  # type: ignore[call-arg]
        rows = []
        for item in items:
            route = advisor.route(item["question"])
            calculation = None
            if route.path in ("calculator", "clarify"):
                answer = advisor.ask(item["question"], log_free_answers=False)
                calculation = answer.calculation
                path = answer.path
            else:
                path = route.path
            verdict, off = judge(item, path, calculation)
            rows.append(
                {
                    "id": item.get("id"),
                    "language": item.get("language"),
                    "expect": item["expect"],
                    "path": path,
                    "verdict": verdict,
                    "off": off,
                    "question": item["question"],
                }
            )
        advisor.database.dispose()
    counts = Counter(row["verdict"] for row in rows)
    total = len(rows)
    return {
        "questions": total,
        "japanese": sum(row["language"] == "ja" for row in rows),
        "to_ask_back": sum(row["expect"] == "clarify" for row in rows),
        **{
            verdict.replace(" ", "_"): counts.get(verdict, 0)
            for verdict in ("read right", "asked back", "read wrong", "not calculated")
        },
        "read_right_share": counts.get("read right", 0) / total if total else 0.0,
        "range_around_middle": sum(row["off"] == ["range_around_middle"] for row in rows),
        "rows": rows,
    }


def report(figures: dict[str, Any], show: str) -> str:
    total = figures["questions"]
    lines = [
        f"questions: {total} ({figures['japanese']} in Japanese, {figures['to_ask_back']} to be asked back)",
        f"read right:      {figures['read_right']:4d}  {figures['read_right_share']:.1%}",
        f"  of which a range around the hand-worked middle: {figures['range_around_middle']}"
        if figures["range_around_middle"]
        else "",
        f"asked back:      {figures['asked_back']:4d}  {figures['asked_back'] / total:.1%}" if total else "",
        f"read wrong:      {figures['read_wrong']:4d}  {figures['read_wrong'] / total:.1%}" if total else "",
        f"not calculated:  {figures['not_calculated']:4d}  {figures['not_calculated'] / total:.1%}" if total else "",
    ]
    shown = [row for row in figures["rows"] if show == "all" or (show == "wrong" and row["verdict"] == "read wrong")]
    for row in shown:
        lines.append(f"  [{row['verdict']}] {row['id']} ({row['path']}): {row['question'][:100]}")
        lines += [f"      {problem}" for problem in row["off"]]
    return "\n".join(line for line in lines if line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="a reading set (YAML list of questions)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", choices=("wrong", "all", "none"), default="wrong", help="which questions to list")
    arguments = parser.parse_args(argv)
    items = yaml.safe_load(arguments.set.read_text(encoding="utf-8"))
    figures = measure(items)
    if arguments.json:
        print(json.dumps({key: value for key, value in figures.items() if key != "rows"}, ensure_ascii=False))
    else:
        print(report(figures, arguments.show))


if __name__ == "__main__":
    main()
