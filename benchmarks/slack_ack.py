"""Time-to-acknowledgement of the Slack app (`advisor serve --http`) under load.

    .venv/bin/python benchmarks/slack_ack.py [--requests 200] [--concurrency 200] [--json]

Slack wants the HTTP answer to an event or a slash command within three seconds; the app
acknowledges first and does the work after. This measures that acknowledgement while many
requests are in flight and the model server is slow.

The stand-ins of the tests run in this process on 127.0.0.1: `FakeSlack` (the Web API and
the response URLs) and `FakeOpenAI` (the model server, answering each call after
MODEL_LATENCY seconds). The real `advisor serve --http` runs as a subprocess against them,
with a throw-away SQLite database (migrated first by `advisor db upgrade`, as the Procfile's
release step does) and a models file that points every model at the fake.

After a short warm-up (not measured; it also waits for its own work to finish), the
burst sends `--requests` signed requests, at most `--concurrency` at a time, over one
aiohttp session: app_mention events with an open question for the model (each with its own
event id), DMs with a catalog question, and the slash commands /ai-budget, /ai-savings and
/ai-inventory, whose response URLs point at the fake. The ack time of a request is taken
from just before it is sent to the end of its response body. Printed: how many got 200,
p50/p90/p99/max ack time (nearest rank) overall and per kind (event, command), and the
throughput over the burst. Then it waits (at most WORK_TIMEOUT seconds) until every event
was answered (one chat.update each) and every command responded (one response-URL call
each), and prints when the last of that work arrived and how many model calls were made.

The target is a p99 under 100 ms with 200 in flight; it is reported, not asserted. Exit
status 0 when the burst was measured (target met or not), 1 when the setup failed (the
app did not start, or did not answer the warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import aiohttp
import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from tests.fakes.openai_server import FakeOpenAI  # noqa: E402
from tests.fakes.slack_requests import (  # noqa: E402
    SlackPayload,
    app_mention,
    direct_message,
    event_callback,
    slack_headers,
    slash_command,
)
from tests.fakes.slack_server import RESPONSE_URL_METHOD, FakeSlack  # noqa: E402

ADVISOR = Path(sys.executable).parent / "advisor"
SIGNING_SECRET = "benchmark-signing-secret"
MODEL_KEY_NAME = "ADVISOR_TEST_MODEL_KEY"
MODELS = [("nano", "openai/gpt-5-nano", 1), ("mini", "openai/gpt-5-mini", 2), ("strong", "openai/gpt-5.4", 3)]
MODEL_LATENCY = 1.0  # seconds FakeOpenAI takes to answer each call
LLM_TIMEOUT = 30  # seconds, the app's per-call model time-out

USERS = [f"U{number:04d}" for number in range(1001, 1011)]
CHANNEL = "C0001"
OPEN_QUESTION = "Is it safe to paste customer e-mails into ChatGPT? (case {number})"
CATALOG_QUESTION = "cheapest way to transcribe meetings?"
COMMANDS = [
    ("/ai-budget", ""),
    ("/ai-savings", "20 proposals/month 5h -> 1h @3000"),
    ("/ai-inventory", ""),
]

DEFAULT_REQUESTS = 200
DEFAULT_CONCURRENCY = 200
WARM_UP_REQUESTS = 10
HEALTH_TIMEOUT = 30.0  # seconds for the app to answer /healthz
WORK_TIMEOUT = 60.0  # seconds for the work behind a burst to finish
REQUEST_TIMEOUT = 10.0  # seconds for one request's answer
STOP_TIMEOUT = 10.0  # seconds for the app to exit after SIGTERM
POLL_SECONDS = 0.05
LOG_TAIL_LINES = 40

TARGET_P99_MS = 100.0
TARGET = "p99 under 100 ms with 200 in flight"

ENVIRONMENT_PREFIXES = ("ADVISOR_", "SLACK_")
ENVIRONMENT_NAMES = ("DATABASE_URL", "PORT")


class SetupFailed(Exception):
    """The app or a stand-in could not be brought up; nothing was measured."""


@dataclass(frozen=True)
class SlackRequest:
    kind: str  # "event" or "command"
    label: str  # "mention", "dm" or the command
    payload: SlackPayload


@dataclass(frozen=True)
class Ack:
    kind: str
    label: str
    status: int  # 0 when no HTTP answer came
    sent_at: float  # time.monotonic()
    answered_at: float
    error: str | None

    @property
    def milliseconds(self) -> float:
        return (self.answered_at - self.sent_at) * 1000


@dataclass(frozen=True)
class AckFigures:
    count: int
    ok: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float


@dataclass(frozen=True)
class WorkFigures:
    events_sent: int
    events_answered: int
    commands_sent: int
    commands_responded: int
    finished: bool
    last_work_s: float | None  # from the burst's start to the last chat.update or response-URL call
    model_calls: int
    mentions_sent: int
    model_concurrency_peak: int


# --------------------------------------------------------------------------- the app


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_models(path: Path, base_url: str) -> Path:
    entries = [
        {
            "model_name": name,
            "litellm_params": {"model": model, "api_key": f"os.environ/{MODEL_KEY_NAME}", "api_base": base_url},
            "model_info": {"tier": tier},
        }
        for name, model, tier in MODELS
    ]
    path.write_text(yaml.safe_dump({"model_list": entries}), encoding="utf-8")
    return path


def app_environment(slack: FakeSlack, openai: FakeOpenAI, folder: Path) -> dict[str, str]:
    """This process's environment without the app's own settings, then the benchmark's."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(ENVIRONMENT_PREFIXES) and name not in ENVIRONMENT_NAMES
    }
    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    environment.update({
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "ADVISOR_MODELS": str(write_models(folder / "models.yaml", openai.base_url)),
        MODEL_KEY_NAME: openai.api_key,
        "ADVISOR_DEFAULT_MONTHLY_TOKENS": "",
        "ADVISOR_LLM_TIMEOUT": str(LLM_TIMEOUT),
        "NO_PROXY": no_proxy,
        "no_proxy": no_proxy,
    })
    return environment


def upgrade_database(environment: dict[str, str], folder: Path) -> None:
    """`advisor db upgrade`, the release step of the Procfile, before the app serves anything."""
    try:
        subprocess.run([str(ADVISOR), "db", "upgrade"], env=environment, cwd=folder, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=HEALTH_TIMEOUT, check=True)
    except subprocess.CalledProcessError as failure:
        raise SetupFailed(f"advisor db upgrade failed (status {failure.returncode})\n{failure.stderr}") from None
    except subprocess.TimeoutExpired:
        raise SetupFailed(f"advisor db upgrade took more than {HEALTH_TIMEOUT:.0f} s") from None


@dataclass(frozen=True)
class RunningApp:
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self) -> str:
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-LOG_TAIL_LINES:])


@contextlib.contextmanager
def running_app(environment: dict[str, str], folder: Path, port: int) -> Iterator[RunningApp]:
    """`advisor serve --http` as a subprocess, its output in a log file; stopped on exit."""
    log_path = folder / "app.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [str(ADVISOR), "serve", "--http", "--port", str(port), "--host", "127.0.0.1"],
            stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            env=environment, cwd=folder, start_new_session=True,  # Ctrl-C reaches us; we stop it
        )
        try:
            yield RunningApp(process, log_path)
        finally:
            stop_process(process)


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(STOP_TIMEOUT)


async def wait_until_healthy(session: aiohttp.ClientSession, app: RunningApp, base_url: str) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT
    timeout = aiohttp.ClientTimeout(total=1.0)
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise SetupFailed(f"the app exited with status {app.process.returncode}\n{app.log_tail()}")
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            async with session.get(f"{base_url}/healthz", timeout=timeout) as response:
                if response.status == 200:
                    return
        await asyncio.sleep(POLL_SECONDS * 2)
    raise SetupFailed(f"the app did not answer /healthz within {HEALTH_TIMEOUT:.0f} s\n{app.log_tail()}")


# --------------------------------------------------------------------------- requests


def build_requests(count: int, slack: FakeSlack, first_number: int) -> list[SlackRequest]:
    """A mix, in this repeating order: mention, command, DM, command, mention, command."""
    commands = itertools.cycle(COMMANDS)
    requests: list[SlackRequest] = []
    for index in range(count):
        number = first_number + index
        user = USERS[index % len(USERS)]
        position = index % 6
        if position in (0, 4):
            event = app_mention(OPEN_QUESTION.format(number=number), user=user, channel=CHANNEL)
            requests.append(SlackRequest("event", "mention", event_callback(event, event_id=f"EvBENCH{number:06d}")))
        elif position == 2:
            event = direct_message(CATALOG_QUESTION, user=user, channel=f"D{user[1:]}")
            requests.append(SlackRequest("event", "dm", event_callback(event, event_id=f"EvBENCH{number:06d}")))
        else:
            command, text = next(commands)
            payload = slash_command(command, text, user_id=user, channel_id=CHANNEL, response_url=slack.response_url())
            requests.append(SlackRequest("command", command, payload))
    return requests


async def send_all(session: aiohttp.ClientSession, url: str, requests: list[SlackRequest],
                   concurrency: int) -> list[Ack]:
    """Send every request, at most `concurrency` in flight; the ack of each, in order."""
    gate = asyncio.Semaphore(concurrency)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    prepared = [
        (request, request.payload.body.encode(),
         slack_headers(request.payload.body, request.payload.content_type, SIGNING_SECRET,
                       retry_num=None, timestamp=None))
        for request in requests
    ]

    async def send(request: SlackRequest, body: bytes, headers: dict[str, str]) -> Ack:
        async with gate:
            sent_at = time.monotonic()
            try:
                async with session.post(url, data=body, headers=headers, timeout=timeout) as response:
                    await response.read()
                    status, error = response.status, None
            except (aiohttp.ClientError, TimeoutError) as failure:
                status, error = 0, f"{type(failure).__name__}: {failure}"
            return Ack(request.kind, request.label, status, sent_at, time.monotonic(), error)

    return list(await asyncio.gather(*(send(*item) for item in prepared)))


def work_done(slack: FakeSlack, since: float) -> tuple[int, int, float | None]:
    """chat.update and response-URL calls that arrived after `since`, and when the last did."""
    updates = [call.at for call in slack.calls_for("chat.update") if call.at >= since]
    responses = [call.at for call in slack.calls_for(RESPONSE_URL_METHOD) if call.at >= since]
    last = max(updates + responses, default=None)
    return len(updates), len(responses), last


async def wait_for_work(slack: FakeSlack, since: float, events: int, commands: int,
                        timeout: float) -> tuple[int, int, float | None, bool]:
    deadline = time.monotonic() + timeout
    while True:
        updates, responses, last = work_done(slack, since)
        finished = updates >= events and responses >= commands
        if finished or time.monotonic() >= deadline:
            return updates, responses, last, finished
        await asyncio.sleep(POLL_SECONDS)


# --------------------------------------------------------------------------- figures


def percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest rank: the smallest value with at least `percent`% of the values at or below it."""
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def ack_figures(acks: list[Ack]) -> AckFigures | None:
    answered = sorted(ack.milliseconds for ack in acks if ack.status)
    if not answered:
        return None
    return AckFigures(
        count=len(acks),
        ok=sum(ack.status == 200 for ack in acks),
        p50_ms=round(percentile(answered, 50), 1),
        p90_ms=round(percentile(answered, 90), 1),
        p99_ms=round(percentile(answered, 99), 1),
        max_ms=round(answered[-1], 1),
    )


def machine(load_before: float) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_1m": round(load_before, 2),  # before the run: other work on the machine skews the figures
    }


# --------------------------------------------------------------------------- the run


async def measure(slack: FakeSlack, openai: FakeOpenAI, app: RunningApp, base_url: str,
                  requests: int, concurrency: int, load_before: float) -> dict[str, Any]:
    url = f"{base_url}/slack/events"
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        await wait_until_healthy(session, app, base_url)

        log(f"warming up with {WARM_UP_REQUESTS} requests")
        warm_up = build_requests(WARM_UP_REQUESTS, slack, first_number=1)
        warm_up_started = time.monotonic()
        warm_up_acks = await send_all(session, url, warm_up, concurrency)
        refused = [ack for ack in warm_up_acks if ack.status != 200]
        if refused:
            details = "; ".join(f"{ack.label}: {ack.status} {ack.error or ''}".strip() for ack in refused)
            raise SetupFailed(f"the app refused warm-up requests ({details})\n{app.log_tail()}")
        events = sum(request.kind == "event" for request in warm_up)
        *_, warmed = await wait_for_work(slack, warm_up_started, events, len(warm_up) - events, WORK_TIMEOUT)
        if not warmed:
            raise SetupFailed(f"the warm-up's work did not finish within {WORK_TIMEOUT:.0f} s\n{app.log_tail()}")

        burst = build_requests(requests, slack, first_number=WARM_UP_REQUESTS + 1)
        events = sum(request.kind == "event" for request in burst)
        mentions = sum(request.label == "mention" for request in burst)
        model_calls_before = len(openai.requests)
        log(f"sending {requests} requests, {concurrency} in flight")
        burst_started = time.monotonic()
        acks = await send_all(session, url, burst, concurrency)
        burst_seconds = max(ack.answered_at for ack in acks) - burst_started

        log(f"waiting up to {WORK_TIMEOUT:.0f} s for the work behind them")
        updates, responses, last, finished = await wait_for_work(
            slack, burst_started, events, len(burst) - events, WORK_TIMEOUT)

    work = WorkFigures(
        events_sent=events,
        events_answered=updates,
        commands_sent=len(burst) - events,
        commands_responded=responses,
        finished=finished,
        last_work_s=round(last - burst_started, 2) if last is not None else None,
        model_calls=len(openai.requests) - model_calls_before,
        mentions_sent=mentions,
        model_concurrency_peak=openai.concurrency_peak,
    )
    overall = ack_figures(acks)
    errors = sorted({ack.error for ack in acks if ack.error})
    return {
        "machine": machine(load_before),
        "target": TARGET,
        "target_met": overall is not None and overall.ok == len(acks) and overall.p99_ms < TARGET_P99_MS,
        "requests": requests,
        "concurrency": concurrency,
        "model_latency_s": MODEL_LATENCY,
        "ack": asdict(overall) if overall else None,
        "ack_by_kind": {
            kind: asdict(figures) if (figures := ack_figures([ack for ack in acks if ack.kind == kind])) else None
            for kind in ("event", "command")
        },
        "throughput_rps": round(len(acks) / burst_seconds, 1) if burst_seconds > 0 else None,
        "burst_s": round(burst_seconds, 3),
        "errors": errors,
        "work": asdict(work),
    }


def report(figures: dict[str, Any]) -> str:
    def ack_line(name: str, ack: dict[str, Any] | None) -> str:
        if ack is None:
            return f"{name:<8} no answers"
        return (f"{name:<8} {ack['count']:>5} sent, {ack['ok']:>5} got 200   p50 {ack['p50_ms']:>7.1f}  "
                f"p90 {ack['p90_ms']:>7.1f}  p99 {ack['p99_ms']:>7.1f}  max {ack['max_ms']:>7.1f} ms")

    box = figures["machine"]
    work = figures["work"]
    lines = [
        f"machine: {box['cpus']} CPUs, Python {box['python']} ({box['platform']}), "
        f"load average {box['load_average_1m']} before the run",
        f"burst: {figures['requests']} requests, {figures['concurrency']} in flight, "
        f"model latency {figures['model_latency_s']:g} s",
        "acknowledgement (send to HTTP response):",
        "  " + ack_line("all", figures["ack"]),
        *("  " + ack_line(kind, ack) for kind, ack in figures["ack_by_kind"].items()),
        f"throughput: {figures['throughput_rps']} requests/s (burst acknowledged in {figures['burst_s']:.3f} s)",
        *(f"error: {error}" for error in figures["errors"]),
        "work after the ack:",
        f"  events answered (chat.update): {work['events_answered']}/{work['events_sent']}",
        f"  commands responded (response URL): {work['commands_responded']}/{work['commands_sent']}",
        f"  model calls: {work['model_calls']} for {work['mentions_sent']} open questions "
        f"(peak {work['model_concurrency_peak']} in flight at the model server)",
        f"  last piece of work arrived {work['last_work_s']} s after the burst started"
        + ("" if work["finished"] else f" -- NOT all done within {WORK_TIMEOUT:.0f} s"),
        f"target: {figures['target']}: {'met' if figures['target_met'] else 'NOT met'}",
    ]
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def interrupt_on_sigterm() -> None:
    """SIGTERM stops the run like Ctrl-C, so the app and the stand-ins are still stopped."""

    def handler(_signal: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def run(requests: int, concurrency: int) -> dict[str, Any]:
    """Bring up the stand-ins and the app, measure, and stop them all whatever happens."""
    load_before = os.getloadavg()[0]
    with contextlib.ExitStack() as cleanup:
        folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="slack-ack-")))
        slack = FakeSlack().start()
        cleanup.callback(slack.stop)
        openai = FakeOpenAI(latency=MODEL_LATENCY).start()
        cleanup.callback(openai.stop)
        for user in USERS:
            slack.add_user(user)
        environment = app_environment(slack, openai, folder)
        upgrade_database(environment, folder)
        port = free_port()
        log(f"starting advisor serve --http on 127.0.0.1:{port}")
        app = cleanup.enter_context(running_app(environment, folder, port))
        return asyncio.run(measure(slack, openai, app, f"http://127.0.0.1:{port}", requests, concurrency,
                                   load_before))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=positive, default=DEFAULT_REQUESTS, help="requests in the burst")
    parser.add_argument("--concurrency", type=positive, default=DEFAULT_CONCURRENCY, help="requests in flight at most")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    arguments = parser.parse_args(argv)
    interrupt_on_sigterm()
    try:
        figures = run(arguments.requests, arguments.concurrency)
    except SetupFailed as failure:
        log(f"setup failed: {failure}")
        return 1
    except (RuntimeError, OSError) as failure:  # a stand-in or the app's process could not start
        log(f"setup failed: {type(failure).__name__}: {failure}")
        return 1
    except KeyboardInterrupt:
        log("interrupted; the app and the stand-ins were stopped")
        return 130
    print(json.dumps(figures) if arguments.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
