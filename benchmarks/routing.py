"""How well questions are routed, and what routing saves: measured on two labelled sets.

Routes every question of `tests/data/routing_dev.yaml` and `routing_dev2.yaml` (the dev
sets the rules were shaped on) and of `tests/data/routing_holdout.yaml` (labelled independently, never used
to shape the rules) with the bundled models file (`catalog/models.yaml`), and prints
for each:

- path accuracy, and whether any zero-token question would reach a model;
- the share of questions answered at zero tokens;
- tier under-routing and over-routing of the open questions (needed tier vs the label);
- the median prompt tokens sent to a model (our count with the reservation margin);
- the total estimated cost of the routed answers against sending every question, with
  the same grounded prompt, to the strongest configured model.

No model is called: routing only estimates. Placeholder API keys make every bundled
model a candidate; the database is a throw-away SQLite file. Run from the project root:

    .venv/bin/python benchmarks/routing.py [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUESTION_SETS = {
    "dev set": ROOT / "tests" / "data" / "routing_dev.yaml",
    "dev set 2": ROOT / "tests" / "data" / "routing_dev2.yaml",
    "held-out set": ROOT / "tests" / "data" / "routing_holdout.yaml",
}

from bot.domain.intents import ZERO_TOKEN_PATHS  # noqa: E402  (after the project root is on the path)

ANSWERED_WITHOUT_MODEL = set(ZERO_TOKEN_PATHS)
ZERO_TOKEN = ANSWERED_WITHOUT_MODEL | {"refused"}

# Routing estimates only; these keys are never sent anywhere.
for key in ("OPENAI_API_KEY", "DASHSCOPE_API_KEY"):
    os.environ[key] = "placeholder-no-call-is-made"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures of both sets as one JSON object")
    arguments = parser.parse_args(argv)
    results = {
        name: measure(name, yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])
        for name, path in QUESTION_SETS.items()
    }
    if arguments.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print("\n\n".join(report(figures) for figures in results.values()))


def measure(name: str, items: list[dict]) -> dict[str, Any]:  # type: ignore[type-arg]
    from bot.advisor.service import Advisor
    from bot.domain.intents import classify
    from bot.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None,
            DATABASE_URL=f"sqlite:///{folder}/bench.db",  # type: ignore[call-arg]
            ADVISOR_MODELS=str(ROOT / "catalog" / "models.yaml"),
        )
        advisor = Advisor(settings)
        asker = advisor.asker()
        specs = advisor.roster.candidates()
        strongest = max(specs, key=lambda spec: (spec.tier, spec.estimated_cost(1_000)))
        cheapest_strong = min((spec for spec in specs if spec.tier == 3), key=lambda spec: spec.estimated_cost(1_000))

        started = time.perf_counter()
        rows = []
        for item in items:
            route = advisor.route(item["question"], asker)
            # The baseline sends this question, grounded the same way, to the strongest model.
            prompt_tokens = route.estimated_prompt_tokens
            if route.path != "llm":
                intent = classify(item["question"].strip(), advisor.catalog, settings.language)
                prompt_tokens = advisor.open_questions.prepare(item["question"].strip(), intent, asker).prompt_tokens
            rows.append((item, route, prompt_tokens))
        elapsed = time.perf_counter() - started
        advisor.database.dispose()

    total = len(rows)
    leaks = [
        item["question"] for item, route, _ in rows if item["path"] in ANSWERED_WITHOUT_MODEL and route.path == "llm"
    ]
    off_topic_leaks = [item["question"] for item, route, _ in rows if item["path"] == "refused" and route.path == "llm"]
    open_rows = [(item, route) for item, route, _ in rows if item["path"] == "llm" and route.path == "llm"]
    under = [(item, route) for item, route in open_rows if route.needed_tier < item["tier"]]
    over = [(item, route) for item, route in open_rows if route.needed_tier > item["tier"]]
    tier3 = [(item, route) for item, route in open_rows if item["tier"] == 3]
    model_prompts = [route.estimated_prompt_tokens for _, route, _ in rows if route.path == "llm"]
    routed_cost = sum(route.estimated_cost_usd for _, route, _ in rows)
    baseline_cost = sum(strongest.estimated_cost(prompt_tokens) for _, _, prompt_tokens in rows)
    cheapest_strong_cost = sum(cheapest_strong.estimated_cost(prompt_tokens) for _, _, prompt_tokens in rows)
    return {
        "name": name,
        "questions": total,
        "japanese": Counter(item["language"] for item in items)["ja"],
        "candidate_models": len(specs),
        "ms_per_question": round(elapsed / total * 1000, 1),
        "path_right": sum(route.path == item["path"] for item, route, _ in rows),
        "zero_token_sent_to_model": leaks,
        "off_topic_sent_to_model": off_topic_leaks,
        "zero_token_share": sum(route.path in ZERO_TOKEN for _, route, _ in rows) / total,
        "open_routed_to_model": len(open_rows),
        "tier_under_routed": [(item["question"], item["tier"], route.needed_tier) for item, route in under],
        "tier_over_routed": len(over),
        "tier3_open": len(tier3),
        "tier3_under_routed": sum(route.needed_tier < 3 for _, route in tier3),
        "median_prompt_tokens": statistics.median(model_prompts),
        "largest_prompt_tokens": max(model_prompts),
        "routed_cost_usd": routed_cost,
        "strongest_model": strongest.name,
        "strongest_cost_usd": baseline_cost,
        "cheapest_strong_model": cheapest_strong.name,
        "cheapest_strong_cost_usd": cheapest_strong_cost,
        "models_chosen": dict(Counter(route.model for _, route, _ in rows if route.model).most_common()),
        "wrong_paths": [
            (item["question"], item["path"], route.path) for item, route, _ in rows if route.path != item["path"]
        ],
    }


def report(figures: dict[str, Any]) -> str:
    total = figures["questions"]
    open_routed = max(figures["open_routed_to_model"], 1)
    under = figures["tier_under_routed"]
    lines = [
        f"{figures['name']}: {total} questions ({figures['japanese']} in Japanese); "
        f"{figures['candidate_models']} candidate models; routing took {figures['ms_per_question']:.1f} ms per question",
        f"path accuracy:                      {figures['path_right']}/{total} = {figures['path_right'] / total:.1%}",
        f"zero-token questions sent to a model: {len(figures['zero_token_sent_to_model'])}  (target 0)",
        f"off-topic requests sent to a model: {len(figures['off_topic_sent_to_model'])}",
        f"answered at zero tokens:            {figures['zero_token_share']:.1%}",
        f"open questions routed to a model:   {figures['open_routed_to_model']}",
        f"tier under-routing (all open):      {len(under)}/{figures['open_routed_to_model']} = "
        f"{len(under) / open_routed:.1%}",
        f"tier over-routing (all open):       {figures['tier_over_routed']}/{figures['open_routed_to_model']} = "
        f"{figures['tier_over_routed'] / open_routed:.1%}",
        f"tier-3 under-routing:               {figures['tier3_under_routed']}/{figures['tier3_open']} = "
        f"{figures['tier3_under_routed'] / max(figures['tier3_open'], 1):.1%}  (target at most 5%)",
        f"median prompt tokens (with margin): {figures['median_prompt_tokens']:,.0f}  (target under 1,200); "
        f"largest {figures['largest_prompt_tokens']:,}",
        f"estimated cost, routed:             ${figures['routed_cost_usd']:.4f}",
        f"estimated cost, all to {figures['strongest_model']}:  ${figures['strongest_cost_usd']:.4f}",
        f"routed / always-strongest:          {figures['routed_cost_usd'] / figures['strongest_cost_usd']:.1%}  "
        f"(target at most 10%)",
        f"routed / always {figures['cheapest_strong_model']} (cheapest tier 3): "
        f"{figures['routed_cost_usd'] / figures['cheapest_strong_cost_usd']:.1%}",
        "models chosen:                      "
        + ", ".join(f"{model} {count}" for model, count in figures["models_chosen"].items()),
    ]
    lines += [
        f"  sent to a model: {question[:90]}"
        for question in figures["zero_token_sent_to_model"] + figures["off_topic_sent_to_model"]
    ]
    lines += [
        f"  under-routed: tier {needed} for a tier-{tier} question: {question[:90]}" for question, tier, needed in under
    ]
    lines += [
        f"  path {routed} for expected {expected}: {question[:90]}"
        for question, expected, routed in figures["wrong_paths"]
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
