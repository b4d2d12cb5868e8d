"""How well questions are routed, and what routing saves: measured on two labelled sets.

Routes every question of `tests/data/routing_dev.yaml` (the dev set the rules were
shaped on) and of `tests/data/routing_holdout.yaml` (labelled independently, never used
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

    .venv/bin/python benchmarks/routing.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUESTION_SETS = {
    "dev set": ROOT / "tests" / "data" / "routing_dev.yaml",
    "held-out set": ROOT / "tests" / "data" / "routing_holdout.yaml",
}
ANSWERED_WITHOUT_MODEL = {"calculator", "catalog", "plan", "budget"}
ZERO_TOKEN = ANSWERED_WITHOUT_MODEL | {"refused"}

# Routing estimates only; these keys are never sent anywhere.
for key in ("OPENAI_API_KEY", "DASHSCOPE_API_KEY"):
    os.environ[key] = "placeholder-no-call-is-made"


def main() -> None:
    for number, (name, path) in enumerate(QUESTION_SETS.items()):
        if number:
            print()
        measure(name, yaml.safe_load(path.read_text(encoding="utf-8"))["questions"])


def measure(name: str, items: list[dict]) -> None:  # type: ignore[type-arg]
    from bot.domain.intents import classify
    from bot.service import Advisor
    from bot.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, DATABASE_URL=f"sqlite:///{folder}/bench.db",  # type: ignore[call-arg]
                            ADVISOR_MODELS=str(ROOT / "catalog" / "models.yaml"))
        advisor = Advisor(settings)
        asker = advisor.asker()
        specs = advisor.open_questions.models.specs
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
    path_right = sum(route.path == item["path"] for item, route, _ in rows)
    leaks = [item["question"] for item, route, _ in rows if item["path"] in ANSWERED_WITHOUT_MODEL and route.path == "llm"]
    off_topic_leaks = [item["question"] for item, route, _ in rows if item["path"] == "refused" and route.path == "llm"]
    zero_share = sum(route.path in ZERO_TOKEN for _, route, _ in rows) / total
    open_rows = [(item, route) for item, route, _ in rows if item["path"] == "llm" and route.path == "llm"]
    under = [(item, route) for item, route in open_rows if route.needed_tier < item["tier"]]
    over = [(item, route) for item, route in open_rows if route.needed_tier > item["tier"]]
    tier3 = [(item, route) for item, route in open_rows if item["tier"] == 3]
    tier3_under = [pair for pair in tier3 if pair[1].needed_tier < 3]
    model_prompts = [route.estimated_prompt_tokens for _, route, _ in rows if route.path == "llm"]
    routed_cost = sum(route.estimated_cost_usd for _, route, _ in rows)
    baseline_cost = sum(strongest.estimated_cost(prompt_tokens) for _, _, prompt_tokens in rows)
    cheapest_strong_cost = sum(cheapest_strong.estimated_cost(prompt_tokens) for _, _, prompt_tokens in rows)
    models_used = Counter(route.model for _, route, _ in rows if route.model)

    print(f"{name}: {total} questions ({Counter(item['language'] for item in items)['ja']} in Japanese); "
          f"{len(specs)} candidate models; routing took {elapsed / total * 1000:.1f} ms per question")
    print(f"path accuracy:                      {path_right}/{total} = {path_right / total:.1%}")
    print(f"zero-token questions sent to a model: {len(leaks)}  (target 0)")
    print(f"off-topic requests sent to a model: {len(off_topic_leaks)}")
    print(f"answered at zero tokens:            {zero_share:.1%}")
    print(f"open questions routed to a model:   {len(open_rows)}")
    print(f"tier under-routing (all open):      {len(under)}/{len(open_rows)} = {len(under) / max(len(open_rows), 1):.1%}")
    print(f"tier over-routing (all open):       {len(over)}/{len(open_rows)} = {len(over) / max(len(open_rows), 1):.1%}")
    print(f"tier-3 under-routing:               {len(tier3_under)}/{len(tier3)} = "
          f"{len(tier3_under) / max(len(tier3), 1):.1%}  (target at most 5%)")
    print(f"median prompt tokens (with margin): {statistics.median(model_prompts):,.0f}  (target under 1,200); "
          f"largest {max(model_prompts):,}")
    print(f"estimated cost, routed:             ${routed_cost:.4f}")
    print(f"estimated cost, all to {strongest.name}:  ${baseline_cost:.4f}")
    print(f"routed / always-strongest:          {routed_cost / baseline_cost:.1%}  (target at most 10%)")
    print(f"routed / always {cheapest_strong.name} (cheapest tier 3): {routed_cost / cheapest_strong_cost:.1%}")
    print("models chosen:                      " + ", ".join(f"{name} {count}" for name, count in models_used.most_common()))
    for question in leaks + off_topic_leaks:
        print(f"  sent to a model: {question[:90]}")
    for item, route in under:
        print(f"  under-routed: tier {route.needed_tier} for a tier-{item['tier']} question: {item['question'][:90]}")
    for item, route, _ in rows:
        if route.path != item["path"]:
            print(f"  path {route.path} for expected {item['path']}: {item['question'][:90]}")


if __name__ == "__main__":
    main()
