"""Run every benchmark and write benchmarks/RESULTS.md (what `make bench` does).

    .venv/bin/python benchmarks/report.py

Runs, one after the other, each as a subprocess printing its figures as JSON (`--json`):

- cold_start.py: cold start of `advisor calc` and `advisor ask`;
- routing.py: routing on the dev set and the held-out set;
- slack_ack.py with 1 and with 2 `advisor serve --http` processes (PostgreSQL, requests
  round-robin), each with 50 and with 200 requests in flight: acknowledgement latency,
  and, at 200 in flight, the open questions answered per second end to end, in a burst
  and with 200 kept in flight; every run also gives each process's peak RSS and start-up
  time;
- floor.py with 2 processes: the same answers burst through Bolt, slack_sdk and LiteLLM
  alone, the most any app built on them answers a second on this machine;
- hostile.py: fuzzed, malformed and unsigned requests against a served process, counted;
- streaming.py: how soon a model's answer starts to show in Slack, streamed and not, against
  the model's time to first token.

The progress of each benchmark goes to stderr as it runs. Every run has a time limit, and
so has stopping it, so the whole takes under sixteen minutes even at worst; a benchmark that
fails or runs out of time is reported as not measured, the others still are, and the exit
status is then 1. Ctrl-C or SIGTERM stops the benchmark running (which stops what it
started) and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
REPRODUCE = "make bench"

# Time limits, in seconds; at worst (every run timed out, then stopped) 910 s in all.
COLD_START_TIMEOUT = 45.0  # it takes about 10
ROUTING_TIMEOUT = 45.0  # it takes about 10
SLACK_ACK_TIMEOUT = 120.0  # per configuration; each takes 20 to 60 s
FLOOR_TIMEOUT = 60.0  # it takes about 10
HOSTILE_TIMEOUT = 180.0  # it takes about 60
HOSTILE_EXAMPLES = 3_000
STREAMING_TIMEOUT = 120.0  # it takes about 50
STREAMING_QUESTIONS = 15
STOP_TIMEOUT = 20.0  # for a benchmark stopped early to stop what it started

ACK_CONFIGURATIONS = [(1, 50), (1, 200), (2, 50), (2, 200)]  # (processes, requests in flight)
ANSWERS_IN_FLIGHT = 200  # the configurations with this many in flight also measure answers per second
REQUESTS = 200
BURSTS = 3
QUESTIONS = 200
ANSWER_BURSTS = 3  # the answers bursts of slack_ack.py and floor.py: the figures are the median one's
SUSTAINED_SECONDS = 8  # measured, after slack_ack.py's warm-up of the sustained load

TARGET_P99_MS = 100.0
TARGET_ANSWERED_PER_S = 100.0
TARGET_RSS_MB = 250.0
TARGET_READY_S = 4.0
INTERRUPTING_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass(frozen=True)
class Outcome:
    """What one benchmark run printed as JSON, or why there is nothing."""

    figures: dict[str, Any] | None
    failure: str | None = None


@dataclass(frozen=True)
class AckRun:
    processes: int
    in_flight: int
    outcome: Outcome

    @property
    def processes_label(self) -> str:
        return f"{self.processes} process{'es' if self.processes > 1 else ''}"

    @property
    def label(self) -> str:
        return f"{self.processes_label}, {self.in_flight} in flight"


# --------------------------------------------------------------------------- running the benchmarks


def interrupt(_signal: int | None = None, _frame: FrameType | None = None) -> None:
    """Stop as Ctrl-C does; later signals are ignored, so the benchmark running is stopped in peace."""
    for number in INTERRUPTING_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    raise KeyboardInterrupt


def run_benchmark(script: str, arguments: list[str], timeout: float) -> Outcome:
    """`python benchmarks/SCRIPT ARGUMENTS --json`: its JSON, or why there is none."""
    command = [sys.executable, str(HERE / script), *arguments, "--json"]
    log(f"\n== {script} {' '.join(arguments)}".rstrip())
    started = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, cwd=PROJECT_ROOT, text=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        return Outcome(None, f"no result within {timeout:.0f} s")
    except KeyboardInterrupt:
        stop(process)
        raise
    log(f"== {script} took {time.monotonic() - started:.1f} s")
    if process.returncode != 0:
        return Outcome(None, f"exit status {process.returncode} (its output above says why)")
    try:
        return Outcome(json.loads(output))
    except ValueError:
        return Outcome(None, "its output was not JSON")


def stop(process: subprocess.Popen[str]) -> None:
    """SIGINT, as Ctrl-C, so the benchmark stops what it started and removes its files; SIGKILL if that takes too long."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def run_all() -> tuple[Outcome, Outcome, list[AckRun], Outcome, Outcome]:
    cold_start = run_benchmark("cold_start.py", [], COLD_START_TIMEOUT)
    routing = run_benchmark("routing.py", [], ROUTING_TIMEOUT)
    ack_runs = []
    for processes, in_flight in ACK_CONFIGURATIONS:
        answers = in_flight == ANSWERS_IN_FLIGHT
        arguments = [
            f"--processes={processes}",
            f"--requests={REQUESTS}",
            f"--concurrency={in_flight}",
            f"--bursts={BURSTS}",
            f"--questions={QUESTIONS if answers else 0}",
            f"--answer-bursts={ANSWER_BURSTS}",
            f"--sustained={SUSTAINED_SECONDS if answers else 0}",
        ]
        ack_runs.append(AckRun(processes, in_flight, run_benchmark("slack_ack.py", arguments, SLACK_ACK_TIMEOUT)))
    floor = run_benchmark(
        "floor.py", ["--processes=2", f"--questions={QUESTIONS}", f"--bursts={ANSWER_BURSTS}"], FLOOR_TIMEOUT
    )
    hostile = run_benchmark("hostile.py", [f"--examples={HOSTILE_EXAMPLES}"], HOSTILE_TIMEOUT)
    streaming = run_benchmark("streaming.py", [f"--questions={STREAMING_QUESTIONS}"], STREAMING_TIMEOUT)
    return cold_start, routing, ack_runs, floor, hostile, streaming


# --------------------------------------------------------------------------- the machine


def memory_gib() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return None


def machine_lines(load_before: tuple[float, float, float]) -> list[str]:
    memory = memory_gib()
    return [
        f"- CPUs: {os.cpu_count()}; RAM: {f'{memory:.1f} GiB' if memory else 'unknown'}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}); {platform.platform()}",
        "- load average before the run (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in load_before),
    ]


# --------------------------------------------------------------------------- the report


def met(condition: bool) -> str:
    return "met" if condition else "**NOT met**"


def decimal(value: float | None, digits: int = 1) -> str:
    """The value with `digits` decimals and thousands separators; a dash for no value."""
    return "–" if value is None else f"{value:,.{digits}f}"


def table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A Markdown table; `align` has one letter per column, l or r (default: first l, the rest r)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---" if side == "l" else "---:" for side in align]
    return ["| " + " | ".join(cells) + " |" for cells in (header, rule, *rows)]


def not_measured(outcome: Outcome) -> str:
    return f"Not measured: {outcome.failure}."


def model_calls_per_process() -> int:
    """`ADVISOR_MODEL_CALLS`'s default, which the benchmarks run with."""
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    from bot.settings import Settings

    return Settings.model_fields["model_calls"].default


def latency_ceiling(questions: int, processes: int, latency_s: float) -> float:
    """Answered questions a second at best when every model call takes `latency_s` and nothing else takes time."""
    rounds = math.ceil(questions / (processes * model_calls_per_process()))
    return questions / (rounds * latency_s)


def model_latency(ack_runs: list[AckRun]) -> str:
    """How long the stand-in model took per call in the Slack runs, as measured figures say."""
    latencies = sorted({run.outcome.figures["model_latency_s"] for run in ack_runs if run.outcome.figures})
    return " or ".join(f"{latency:g} s" for latency in latencies) or "unknown"


def targets_section(ack_runs: list[AckRun], floor: Outcome) -> list[str]:
    rows: list[list[str]] = []
    for run in ack_runs:
        figures = run.outcome.figures
        if run.in_flight != ANSWERS_IN_FLIGHT:
            continue
        target = f"ack p99 < {TARGET_P99_MS:.0f} ms at {run.in_flight} in flight, {run.processes_label}"
        if figures is None or figures["ack"] is None:
            rows.append([target, "not measured", met(False)])
            continue
        ack = figures["ack"]
        refused = ack["count"] - ack["ok"]
        shown = f"{decimal(ack['p99_ms'])} ms" + (f" ({refused} not answered 200)" if refused else "")
        rows.append([target, shown, met(refused == 0 and ack["p99_ms"] < TARGET_P99_MS)])

    two = next((run for run in ack_runs if run.processes == 2 and run.in_flight == ANSWERS_IN_FLIGHT), None)
    answers = two.outcome.figures["answers"] if two and two.outcome.figures else None
    rate = answers["answered_per_s"] if answers else None
    floor_rate = floor.figures["answers"]["answered_per_s"] if floor.figures else None
    cpu_ceiling = answers["cpu_ceiling_per_s"] if answers else None
    sustained = two.outcome.figures["sustained"] if two and two.outcome.figures else None
    beside = [
        *(
            []
            if sustained is None
            else [
                f"{sustained['in_flight']} kept in flight for "
                f"{sustained['window_s']:g} s: {decimal(sustained['answered_per_s'])}/s"
            ]
        ),
        *([] if floor_rate is None else [f"the libraries alone, the floor: {decimal(floor_rate)}/s"]),
        *(
            []
            if cpu_ceiling is None
            else [f"this machine's CPUs at the advisor's CPU cost: at most {decimal(cpu_ceiling)}/s"]
        ),
    ]
    rows.append(
        [
            f"≥ {TARGET_ANSWERED_PER_S:.0f} answered questions/s with two processes",
            ("not measured" if rate is None else f"{decimal(rate)}/s") + (f" ({'; '.join(beside)})" if beside else ""),
            met(rate is not None and rate >= TARGET_ANSWERED_PER_S),
        ]
    )

    processes = [process for run in ack_runs if run.outcome.figures for process in run.outcome.figures["app_processes"]]
    peaks = [process["peak_rss_mb"] for process in processes if process["peak_rss_mb"] is not None]
    readies = [process["ready_after_s"] for process in processes if process["ready_after_s"] is not None]
    rows.append(
        [
            f"< {TARGET_RSS_MB:.0f} MB peak RSS per process",
            f"{decimal(max(peaks))} MB (the largest of {len(peaks)})" if peaks else "not measured",
            met(bool(peaks) and max(peaks) < TARGET_RSS_MB),
        ]
    )
    rows.append(
        [
            f"ready in < {TARGET_READY_S:.0f} s",
            f"{decimal(max(readies), 2)} s (the slowest of {len(readies)})" if readies else "not measured",
            met(bool(readies) and max(readies) < TARGET_READY_S),
        ]
    )
    return ["## Targets", "", *table(["target", "measured", ""], rows, "lll")]


def ack_section(ack_runs: list[AckRun]) -> list[str]:
    rows: list[list[str]] = []
    failures: list[str] = []
    for run in ack_runs:
        figures = run.outcome.figures
        if figures is None:
            failures.append(f"- {run.label}: {not_measured(run.outcome)}")
            continue
        by_kind = figures["ack_by_kind"]
        cells = [str(run.processes), str(run.in_flight)]
        for kind in ("command", "event"):
            ack = by_kind[kind]
            cells += [decimal(ack["p50_ms"]), decimal(ack["p99_ms"])] if ack else ["–", "–"]
        overall, work = figures["ack"], figures["work"]
        overflows = figures["listen_overflows"]
        cells += [
            decimal(overall["p99_ms"]) if overall else "–",
            ", ".join(decimal(p99) for p99 in figures["ack_p99_each_ms"]),
            "yes" if overall and overall["ok"] == overall["count"] else "**no**",
            "–" if overflows is None else str(overflows),
            "yes" if work["finished"] and figures["work_finished_every_burst"] else "**no**",
            f"{decimal(work['last_work_s'], 2)} s",
        ]
        rows.append(cells)
    return [
        "## Slack acknowledgement latency",
        "",
        f"`benchmarks/slack_ack.py`: {BURSTS} bursts of {REQUESTS} signed requests each, half events (two thirds of them",
        "mentions with an open question, one third DMs with a catalog question) and half slash commands",
        "(/ai-budget, /ai-savings, /ai-inventory), sent round-robin to the processes, at most the given",
        f"number in flight, after a warm-up; the model answers each call after {model_latency(ack_runs)}.",
        "Each burst is sent once the previous one's work is done. Ack time: from just before a request is",
        "sent to the end of its HTTP response body; nearest-rank percentiles, in ms, of the burst whose p99",
        'is the median of the three ("p99 of each burst" lists all three: one burst\'s p99 varies by half',
        "from run to run while the load generator, the stand-ins and PostgreSQL share the CPUs).",
        '"all 200?": every request was answered with HTTP 200. "dropped connects": connection attempts',
        "the kernel dropped during the burst because an accept queue was full (counted machine-wide); the",
        "client's TCP retries each a second later, so each is an ack of a second or more (all bursts).",
        '"work done?": in every burst, every event got its chat.update and every command its response-URL',
        'call, within the benchmark\'s time limit; "last work": when the last of them arrived, from the start',
        "of the median burst.",
        "",
        *table(
            [
                "processes",
                "in flight",
                "command p50",
                "command p99",
                "event p50",
                "event p99",
                "all p99",
                "p99 of each burst",
                "all 200?",
                "dropped connects",
                "work done?",
                "last work",
            ],
            rows,
            "rrrrrrrrlrll",
        ),
        *(["", *failures] if failures else []),
    ]


def call_spread(answers: dict[str, Any]) -> str:
    """When the model server got a burst's first and last call, as "0.25–1.31"."""
    first, last = answers.get("model_calls_from_s"), answers.get("model_calls_until_s")
    return "–" if first is None or last is None else f"{first:.2f}–{last:.2f}"


def answers_section(ack_runs: list[AckRun], floor: Outcome) -> list[str]:
    rows: list[list[str]] = []
    failures: list[str] = []
    for run in ack_runs:
        if run.in_flight != ANSWERS_IN_FLIGHT:
            continue
        figures = run.outcome.figures
        answers = figures["answers"] if figures else None
        if answers is None:
            failures.append(f"- {run.label}: {not_measured(run.outcome)}")
            continue
        rows.append(
            [
                str(run.processes),
                str(answers["questions"]),
                str(answers["concurrency"]),
                str(answers["answered"]),
                str(answers["replied_otherwise"]),
                decimal(answers["last_answer_s"], 2),
                f"**{decimal(answers['answered_per_s'])}**",
                each_rate(figures["answered_per_s_each"]),
                decimal(answers["app_cpu_ms_per_question"]),
                str(answers["model_concurrency_peak"]),
                call_spread(answers),
                decimal(latency_ceiling(answers["questions"], run.processes, figures["model_latency_s"])),
            ]
        )
    return [
        "## Answered questions per second, end to end",
        "",
        f"Right after the acknowledgement bursts of the {ANSWERS_IN_FLIGHT}-in-flight run: {QUESTIONS} mentions,",
        f"each an open question for the model ({model_latency(ack_runs)} per call), at most {ANSWERS_IN_FLIGHT} in",
        'flight, round-robin; timed from the first send to the last chat.update that replaced a "thinking"',
        f"message with the model's answer. This is done {ANSWER_BURSTS} times, each burst once the previous one's",
        'answers are in, and the row gives the burst with the median rate; "each burst" lists the rate of',
        "all of them, in the order sent (on these shared CPUs one burst's rate differs from the next by a",
        'fifth or more). "other replies": a decline or a failure message instead. "app CPU":',
        "the user and system CPU time of the app's processes from the first send to the last answer, per",
        "question (acknowledging it included; the stand-ins, PostgreSQL and the load generator not: they are",
        'in "Where the CPU goes" below).',
        '"model calls at once": the most calls the model server had in flight. A process makes at most',
        f"`ADVISOR_MODEL_CALLS` ({model_calls_per_process()} by default) at once and its other questions wait",
        "for a free call, so a burst of more questions than that takes more than one round of the model's",
        'latency. "model calls (s)": when the model server got the first and the last call of the burst,',
        'from the first send; what comes before the first is acknowledging, the "thinking" message and',
        "preparing the question, and the last answer comes a model latency after the last call at the",
        'earliest. "ceiling": the answered questions a second this burst could reach with no CPU spent at',
        "all: the questions over the rounds of model latency they need.",
        "",
        *table(
            [
                "processes",
                "questions",
                "in flight",
                "answered",
                "other replies",
                "first send to last answer (s)",
                "answered/s",
                "each burst",
                "app CPU per question (ms)",
                "model calls at once",
                "model calls (s)",
                "ceiling (answered/s)",
            ],
            rows,
            "lrrrrrrlrrrr",
        ),
        *(["", *failures] if failures else []),
        "",
        *sustained_lines(ack_runs),
        "",
        *floor_lines(floor),
    ]


def each_rate(rates: list[float | None]) -> str:
    """Every burst's answered questions a second, as "84.1, 86.0, 91.4"."""
    return ", ".join(decimal(rate) for rate in rates)


def sustained_lines(ack_runs: list[AckRun]) -> list[str]:
    rows: list[list[str]] = []
    for run in ack_runs:
        figures = run.outcome.figures
        if run.in_flight == ANSWERS_IN_FLIGHT and figures and (sustained := figures["sustained"]):
            rows.append(
                [
                    str(run.processes),
                    str(sustained["in_flight"]),
                    str(sustained["sent"]),
                    str(sustained["answered"]),
                    str(sustained["replied_otherwise"]),
                    f"**{decimal(sustained['answered_per_s'])}**",
                    decimal(sustained["app_cpu_ms_per_answer"]),
                    decimal(sustained["machine_cpu_ms_per_answer"]),
                    decimal(sustained["cpu_ceiling_per_s"]),
                    "yes" if sustained["finished"] and not sustained["refused"] else "**no**",
                ]
            )
    lines = [
        f"Sustained: right after the burst, {ANSWERS_IN_FLIGHT} open questions kept in flight, each reply in Slack",
        "letting the next question go (to the processes round-robin), for a warm-up and then",
        f"{SUSTAINED_SECONDS} s measured: the answers that arrived within those seconds, over their length, and the",
        "CPU time spent meanwhile per answer. The burst above starts with the processes idle and ends with",
        "them waiting for the model's last answers; this load keeps them busy throughout.",
        '"all replied?": every question sent was acknowledged and got its reply.',
        "",
    ]
    if not rows:
        return [*lines, "Not measured."]
    return [
        *lines,
        *table(
            [
                "processes",
                "in flight",
                "questions sent",
                "answered in the window",
                "other replies",
                "answered/s",
                "app CPU per answer (ms)",
                "machine CPU per answer (ms)",
                "CPU ceiling (answered/s)",
                "all replied?",
            ],
            rows,
        ),
    ]


def floor_lines(floor: Outcome) -> list[str]:
    lines = [
        "The floor: `benchmarks/floor.py` sends the same burst, the same way, to an app with nothing of the",
        "advisor in it: Bolt (its aiohttp adapter), slack_sdk's AsyncWebClient and LiteLLM's `acompletion`,",
        'a dozen lines that post "thinking", make one call with a prompt of the advisor\'s size and update',
        "the message with the answer. No database, no deduplication, no routing, no budget, no question",
        f"log, and no cap on the calls at once; {ANSWER_BURSTS} bursts, the median one's figures, as for the advisor.",
        "Its rate is about the most an app built on these three libraries reaches on this machine; the",
        "advisor's CPU per question beyond the floor's is the advisor's own work.",
        "",
    ]
    if floor.figures is None:
        return [*lines, not_measured(floor)]
    figures, answers = floor.figures, floor.figures["answers"]
    peaks = [peak for peak in figures["peak_rss_mb"] if peak is not None]
    row = [
        str(figures["processes"]),
        str(answers["questions"]),
        str(answers["answered"]),
        str(answers["replied_otherwise"]),
        decimal(answers["last_answer_s"], 2),
        f"**{decimal(answers['answered_per_s'])}**",
        each_rate(figures["answered_per_s_each"]),
        decimal(answers["app_cpu_ms_per_question"]),
        str(answers["model_concurrency_peak"]),
        decimal(max(peaks)) if peaks else "–",
    ]
    return [
        *lines,
        *table(
            [
                "processes",
                "questions",
                "answered",
                "other replies",
                "first send to last answer (s)",
                "answered/s",
                "each burst",
                "app CPU per question (ms)",
                "model calls at once",
                "peak RSS (MB)",
            ],
            [row],
            "lrrrrrlrrr",
        ),
    ]


def cpu_cells(answers: dict[str, Any], database: str) -> list[str]:
    return [
        decimal(answers["app_cpu_ms_per_question"]),
        database,
        decimal(answers["harness_cpu_ms_per_question"]),
        decimal(answers["machine_cpu_ms_per_question"]),
        decimal(answers["cpu_ceiling_per_s"]),
        decimal(answers["answered_per_s"]),
    ]


def cpu_section(ack_runs: list[AckRun], floor: Outcome) -> list[str]:
    rows = []
    for run in ack_runs:
        answers = run.outcome.figures["answers"] if run.in_flight == ANSWERS_IN_FLIGHT and run.outcome.figures else None
        if answers:
            rows.append(
                [
                    f"the advisor, {run.processes_label}",
                    *cpu_cells(answers, decimal(answers["database_cpu_ms_per_question"])),
                ]
            )
    if floor.figures:
        processes = floor.figures["processes"]
        rows.append(
            [
                f"the floor, {processes} process{'es' if processes > 1 else ''}",
                *cpu_cells(floor.figures["answers"], "none"),
            ]
        )
    return [
        "## Where the CPU goes",
        "",
        "CPU time over the answers bursts above, per question, in ms, by who spent it: the app's processes,",
        "the PostgreSQL server (its backends included), the benchmark's own process (the load generator and",
        "the stand-ins), and the whole machine (all of them, the kernel's loopback networking and anything",
        'else running). "CPU ceiling": the answered questions a second the machine\'s CPUs could give at that',
        "cost if they were busy all the time (the CPUs × 1000 ms over the whole machine's ms per question).",
        "A burst cannot keep them all busy all the time, so the measured rate stays below its ceiling; a rate",
        "above a ceiling would need less CPU per question, not a better spread of it. One process's Python",
        "code runs on one CPU at a time, so one process also stays below about 1000 over its app ms.",
        "",
        *(
            table(
                [
                    "burst",
                    "app",
                    "PostgreSQL",
                    "load generator and stand-ins",
                    "whole machine",
                    "CPU ceiling (answered/s)",
                    "answered/s",
                ],
                rows,
                "lrrrrrr",
            )
            if rows
            else ["Not measured."]
        ),
    ]


def processes_section(ack_runs: list[AckRun]) -> list[str]:
    rows = [
        [run.label, process["name"], decimal(process["peak_rss_mb"]), decimal(process["ready_after_s"], 2)]
        for run in ack_runs
        if run.outcome.figures
        for process in run.outcome.figures["app_processes"]
    ]
    return [
        "## Memory and start-up of `advisor serve --http`",
        "",
        "Peak RSS: the process's VmHWM after its run (both bursts where there are two). Start-up: from",
        "starting the process to its first healthy `GET /healthz` (the schema migrated beforehand, as the",
        "Procfile's release step does; the processes of a run are started one after the other).",
        "",
        *table(["run", "process", "peak RSS (MB)", "start-up to ready (s)"], rows, "llrr"),
    ]


ROUTING_ROWS: list[tuple[str, Callable[[dict[str, Any]], str], str]] = [
    ("questions (in Japanese)", lambda f: f"{f['questions']} ({f['japanese']})", ""),
    ("path accuracy", lambda f: f"{f['path_right']}/{f['questions']} = {f['path_right'] / f['questions']:.1%}", ""),
    ("zero-token questions sent to a model", lambda f: str(len(f["zero_token_sent_to_model"])), "0"),
    ("off-topic requests sent to a model", lambda f: str(len(f["off_topic_sent_to_model"])), ""),
    ("answered at zero tokens", lambda f: f"{f['zero_token_share']:.1%}", ""),
    ("open questions routed to a model", lambda f: str(f["open_routed_to_model"]), ""),
    ("tier under-routing (open questions)", lambda f: f"{len(f['tier_under_routed'])}/{f['open_routed_to_model']}", ""),
    ("tier over-routing (open questions)", lambda f: f"{f['tier_over_routed']}/{f['open_routed_to_model']}", ""),
    (
        "tier-3 under-routing",
        lambda f: (
            f"{f['tier3_under_routed']}/{f['tier3_open']} = {f['tier3_under_routed'] / max(f['tier3_open'], 1):.1%}"
        ),
        "≤ 5%",
    ),
    ("median prompt tokens (with margin)", lambda f: f"{f['median_prompt_tokens']:,.0f}", "< 1,200"),
    ("largest prompt tokens", lambda f: f"{f['largest_prompt_tokens']:,}", ""),
    ("estimated cost, routed", lambda f: f"${f['routed_cost_usd']:.4f}", ""),
    (
        "estimated cost, all to the strongest model",
        lambda f: f"${f['strongest_cost_usd']:.4f} ({f['strongest_model']})",
        "",
    ),
    ("routed / always-strongest", lambda f: f"{f['routed_cost_usd'] / f['strongest_cost_usd']:.1%}", "≤ 10%"),
    (
        "routed / always the cheapest tier-3 model",
        lambda f: f"{f['routed_cost_usd'] / f['cheapest_strong_cost_usd']:.1%} ({f['cheapest_strong_model']})",
        "",
    ),
    ("models chosen", lambda f: ", ".join(f"{model} {count}" for model, count in f["models_chosen"].items()), ""),
    ("routing time per question", lambda f: f"{f['ms_per_question']:.1f} ms", ""),
]


def routing_section(routing: Outcome) -> list[str]:
    lines = [
        "## Routing",
        "",
        "`benchmarks/routing.py`: every question of the dev set (`tests/data/routing_dev.yaml`, the set the",
        "rules were shaped on) and of the held-out set (`tests/data/routing_holdout.yaml`, labelled",
        "independently) routed with the bundled `catalog/models.yaml`; no model is called, costs are the",
        "router's estimates. The baseline sends every question, grounded the same way, to the strongest model.",
        "",
    ]
    if routing.figures is None:
        return [*lines, not_measured(routing)]
    sets = list(routing.figures.values())
    rows = [[name, *(shown(figures) for figures in sets), target] for name, shown, target in ROUTING_ROWS]
    lines += table(["", *(figures["name"] for figures in sets), "target"], rows, "l" + "r" * len(sets) + "l")
    for figures in sets:
        wrong = figures["wrong_paths"]
        if wrong:
            lines += ["", f"Routed elsewhere than labelled ({figures['name']}):", ""]
            lines += [f"- {expected} → {routed}: {question[:100]}" for question, expected, routed in wrong]
    return lines


def cold_start_section(cold_start: Outcome) -> list[str]:
    lines = ["## Cold start of the CLI", ""]
    if cold_start.figures is None:
        return [*lines, not_measured(cold_start)]
    figures = cold_start.figures
    seconds, megabytes = figures["targets"]["median_s"], figures["targets"]["peak_rss_mb"]
    rows = [
        [
            f"`{command['command']}`",
            decimal(command["median_s"], 3),
            decimal(command["min_s"], 3),
            decimal(command["peak_rss_mb"]),
            met(command["median_s"] < seconds),
            met(command["peak_rss_mb"] < megabytes),
            "yes" if command["litellm_imported"] else "no",
        ]
        for command in figures["commands"]
    ]
    return [
        *lines,
        f"`benchmarks/cold_start.py`: each command as a fresh process, {figures['runs']} runs after one warm-up,",
        "on a throw-away SQLite database; wall time around the whole process, peak RSS the child's own",
        "`ru_maxrss`; whether LiteLLM was imported (checked in a separate run).",
        "",
        *table(
            [
                "command",
                "median s",
                "min s",
                "peak RSS MB",
                f"median < {seconds:g} s",
                f"< {megabytes:.0f} MB",
                "LiteLLM imported",
            ],
            rows,
            "lrrrlll",
        ),
    ]


def document(
    cold_start: Outcome,
    routing: Outcome,
    ack_runs: list[AckRun],
    floor: Outcome,
    hostile: Outcome,
    streaming: Outcome,
    load_before: tuple[float, float, float],
    started: dt.datetime,
    minutes: float,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured on {started.strftime('%Y-%m-%d %H:%M %Z')}; the whole run took {minutes:.1f} minutes.",
        f"To reproduce, from the project root: `{REPRODUCE}` (it runs `benchmarks/report.py`, which rewrites",
        "this file). Each figure comes from one run of its benchmark; the acknowledgement latencies from the",
        f"median of {BURSTS} bursts in that run, and the answers bursts' figures from the median of {ANSWER_BURSTS}.",
        "",
        "## Machine",
        "",
        *machine_lines(load_before),
        "",
        "The load generator, the stand-ins (Slack's Web API and the model server, in threads of the",
        "benchmark's own Python process), PostgreSQL and the app's processes all run on this machine and",
        "share its CPUs: the figures for two processes are two processes on the same CPUs as everything",
        "else, not two machines. Latency and throughput on a deployment with CPUs of its own would differ.",
        "",
        *targets_section(ack_runs, floor),
        "",
        *ack_section(ack_runs),
        "",
        *answers_section(ack_runs, floor),
        "",
        *cpu_section(ack_runs, floor),
        "",
        *processes_section(ack_runs),
        "",
        *routing_section(routing),
        "",
        *cold_start_section(cold_start),
        "",
        *hostile_section(hostile),
        "",
        *streaming_section(streaming),
        "",
    ]
    return "\n".join(lines)


def streaming_section(streaming: Outcome) -> list[str]:
    lines = ["## Streamed answers: the first words in Slack", ""]
    if streaming.figures is None:
        return [*lines, not_measured(streaming)]
    model = streaming.figures["model"]
    rows = []
    for run in streaming.figures["runs"]:
        for name, label in (
            ("first_text_ms", "acknowledgement → first words in Slack"),
            ("model_ttft_ms", "the model's time to first token"),
            ("beyond_the_model_ms", "beyond the model"),
        ):
            values = run[name]
            mode = "on" if run["streaming"] else "off"
            rows.append([mode, label, f"{values['p50']:.1f}", f"{values['p90']:.1f}", f"{values['max']:.1f}"])
    [on] = [run for run in streaming.figures["runs"] if run["streaming"]]
    met = "met" if on["beyond_the_model_ms"]["p90"] <= 300 else "NOT met"
    return [
        *lines,
        f"`benchmarks/streaming.py --questions {STREAMING_QUESTIONS}`: one `advisor serve --http` process, a mention",
        "with an open question at a time; the model stand-in sends its first token after"
        f" {model['ttft_s'] * 1000:.0f} ms and then one every {model['token_interval_s'] * 1000:.0f} ms"
        f" ({model['reply_tokens']} tokens). Streaming on (the default), the first words are the",
        'chat.startStream; off (`ADVISOR_SLACK_STREAMING=off`), the chat.update that replaces "Thinking…".',
        "",
        *table(["streaming", "", "p50 ms", "p90 ms", "max ms"], rows, "llrrr"),
        "",
        f"- target, streamed: the first words at most 300 ms after the model's first token (p90): {met}",
    ]


def hostile_section(hostile: Outcome) -> list[str]:
    lines = ["## Hostile input", ""]
    if hostile.figures is None:
        return [*lines, not_measured(hostile)]
    figures = hostile.figures
    rows = [[kind, str(count)] for kind, count in figures["by_kind"].items()]
    return [
        *lines,
        f"`benchmarks/hostile.py --examples {HOSTILE_EXAMPLES}`: Slack-shaped payloads of every listener with fields",
        "deleted or given the wrong type or hostile text (signed), malformed bodies, commands of 10,000 characters",
        "and unsigned junk over a raw socket, against one `advisor serve --http` process after a warm-up. Status 0:",
        "the connection closed with no answer (a body cut short: the server waited for the rest).",
        "",
        *table(["requests (kind → status)", "count"], rows, "lr"),
        "",
        f"- requests: {figures['requests']:,} in {figures['seconds']} s; server errors: {figures['server_errors']};"
        f" tracebacks in the log: {figures['tracebacks_in_log']}; errors in the log: {figures['errors_in_log']};"
        f" refusals logged: {figures['refusals_logged']:,}",
        f"- slowest /healthz meanwhile (asked every 50 ms from another process): {figures['slowest_health_check_ms']} ms",
        f"- largest reply sent to Slack: {figures['largest_reply_blocks']} blocks, {figures['largest_reply_bytes']:,} bytes",
    ]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> int:
    for signal_number in INTERRUPTING_SIGNALS:
        signal.signal(signal_number, interrupt)
    load_before = os.getloadavg()
    started = dt.datetime.now().astimezone()
    clock = time.monotonic()
    try:
        cold_start, routing, ack_runs, floor, hostile, streaming = run_all()
    except KeyboardInterrupt:
        log("interrupted; nothing written")
        return 130
    minutes = (time.monotonic() - clock) / 60
    RESULTS.write_text(
        document(cold_start, routing, ack_runs, floor, hostile, streaming, load_before, started, minutes),
        encoding="utf-8",
    )
    log(f"\nwritten to {RESULTS.relative_to(PROJECT_ROOT)} in {minutes:.1f} minutes")
    outcomes = [cold_start, routing, *(run.outcome for run in ack_runs), floor, hostile, streaming]
    return 0 if all(outcome.figures is not None for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
