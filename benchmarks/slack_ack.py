"""Time-to-acknowledgement and answers per second of the Slack app (`advisor serve --http`) under load.

    .venv/bin/python benchmarks/slack_ack.py [--processes 1|2] [--requests 200] [--concurrency 200]
                                             [--bursts 3] [--questions 200] [--answer-bursts 3]
                                             [--sustained 8] [--json]

Slack wants the HTTP answer to an event or a slash command within three seconds; the app
acknowledges first and does the work after. This measures that acknowledgement while many
requests are in flight and the model server is slow, then how many open questions the
processes answer per second, end to end.

The app runs as the tests run it (`tests.integration.served_app`): `--processes` real
`advisor serve --http` subprocesses on one PostgreSQL database, started one after the other
(each one's start-up to its first healthy /healthz is timed alone), after `advisor db
upgrade` (the Procfile's release step). The PostgreSQL server is a throw-away one in a
temporary directory (`tests.integration.postgres.PostgresServer`), started here and stopped
whatever happens, Ctrl-C and SIGTERM included. The stand-ins of the tests run in this
process on 127.0.0.1: `FakeSlack` (the Web API and the response URLs) and `FakeOpenAI`
(every configured model, answering each call after MODEL_LATENCY seconds). Requests go to
the processes round-robin, as a load balancer would; each process sees the same mix.

1. Warm-up (not measured): WARM_UP_PER_PROCESS requests per process; it also waits for
   their work to finish.
2. Acknowledgement burst: `--requests` signed requests, at most `--concurrency` at a time,
   over one aiohttp session: app_mention events with an open question for the model (each
   with its own event id), DMs with a catalog question, and the slash commands /ai-budget,
   /ai-savings and /ai-inventory, whose response URLs point at the fake. The ack time of
   a request is taken from just before it is sent to the end of its response body.
   Printed: how many got 200, p50/p90/p99/max ack time (nearest rank) overall and per kind
   (event, command), the throughput over the burst, and how many connection attempts the
   kernel dropped meanwhile because an accept queue was full (machine-wide, Linux only:
   each costs its request a one-second TCP retry). Then it waits (at most
   WORK_TIMEOUT seconds) until every event was answered (its streamed answer closed, or one chat.update
   of its "thinking" message each) and every
   command responded (one response-URL call each), and prints when the last of that work
   arrived and how many model calls were made. This is done `--bursts` times, one burst
   after the other's work is done; the figures printed are those of the burst with the
   median p99, with every burst's p99 beside them (a single burst's p99 varies by half
   from run to run when other work shares the CPUs).
3. Answers burst: `--questions` app_mention events, each an open question for the model,
   at most `--concurrency` in flight, timed from the first send to the last chat.stopStream that
   closes a question's streamed answer (or chat.update that puts it in place of "thinking", where
   it is not streamed) (at most WORK_TIMEOUT seconds). Printed: how many were answered (and how many got another
   reply), answered questions per second, and the CPU time per question of the app's
   processes, PostgreSQL, this process and the whole machine, with the rate the machine's
   CPUs allow at that cost. This is done `--answer-bursts` times, one burst after the
   other's answers are in; the figures printed are those of the burst with the median rate,
   with every burst's rate beside them (on a machine whose CPUs are shared the rate of one
   burst varies by a fifth or more from the next). `--questions 0` skips it.
4. Sustained answers: app_mention events with an open question each, `--concurrency` of them
   kept in flight (each reply in Slack lets the next question go) for SUSTAINED_WARM_UP
   seconds and then `--sustained` seconds more. Printed: the answers that arrived in those
   last seconds, over their length, and the CPU time per answer spent meanwhile, as in 3.
   `--sustained 0` skips it.
5. Each process's peak resident memory (VmHWM) after all the load, and its start-up time.

The ack target is a p99 under 100 ms with 200 (or more) in flight; it is reported, not
asserted (benchmarks/report.py judges the other targets). Exit status 0 when the bursts were
measured (target met or not), 1 when the setup failed (PostgreSQL, the app or a stand-in
did not start, or the warm-up was refused or not done), 130 when interrupted.
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
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import aiohttp

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from tests.fakes.openai_server import ADVICE, FakeOpenAI  # noqa: E402
from tests.fakes.slack_requests import (  # noqa: E402
    Send,
    SlackPayload,
    app_mention,
    direct_message,
    event_callback,
    new_ts,
    post_all,
    slash_command,
)
from tests.fakes.slack_server import RESPONSE_URL_METHOD, FakeSlack  # noqa: E402
from tests.integration.postgres import (  # noqa: E402
    INSTALL_HINT,
    PostgresError,
    PostgresServer,
    find_postgres_bin_dir,
)
from tests.integration.process_cpu import machine_busy_seconds  # noqa: E402
from tests.integration.served_app import AppFailed, ServedApp, app_environment, upgrade_database  # noqa: E402

SIGNING_SECRET = "benchmark-signing-secret"
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
MIX_LENGTH = 6  # mention, /ai-budget, DM, /ai-savings, mention, /ai-inventory
ANSWERED = ADVICE[:40]  # a piece of every answer the stand-in model gives

DEFAULT_PROCESSES = 1
DEFAULT_REQUESTS = 200
DEFAULT_CONCURRENCY = 200
DEFAULT_QUESTIONS = 200
DEFAULT_BURSTS = 3  # one burst's p99 varies by half from run to run on a shared machine
DEFAULT_ANSWER_BURSTS = 3
DEFAULT_SUSTAINED_SECONDS = 8.0
SUSTAINED_WARM_UP = 3.0  # seconds of the sustained load before its measured window: the first rounds of answers
WARM_UP_PER_PROCESS = 2 * MIX_LENGTH  # every kind of request, twice, on each process
WORK_TIMEOUT = 60.0  # seconds for the work behind a burst to finish
REQUEST_TIMEOUT = 10.0  # seconds for one request's answer
POLL_SECONDS = 0.05
ENDINGS = frozenset({"chat.update", "chat.stopStream"})  # how a reply ends: posted whole, or streamed in
INTERRUPTING_SIGNALS = (signal.SIGINT, signal.SIGTERM)

TARGET_P99_MS = 100.0
TARGET_IN_FLIGHT = 200
TARGET = f"p99 under {TARGET_P99_MS:.0f} ms with {TARGET_IN_FLIGHT} in flight"


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


@dataclass(frozen=True)
class AnswerFigures:
    questions: int
    concurrency: int
    acknowledged: int  # got HTTP 200
    answered: int  # "thinking" replaced by the model's answer
    replied_otherwise: int  # "thinking" replaced by something else: a decline or a failure
    finished: bool  # every question got its reply within WORK_TIMEOUT
    last_answer_s: float | None  # from the first send to the last answering chat.update
    answered_per_s: float | None
    app_cpu_ms_per_question: float | None  # the app processes' CPU time over the burst, per question sent
    model_calls: int
    model_concurrency_peak: int  # over the whole run; this burst has the most in flight
    model_calls_from_s: float | None  # when the model server got the burst's first call, from the first send
    model_calls_until_s: float | None  # and its last
    # CPU time over the burst per question sent, by who spent it; None where it was not measured
    database_cpu_ms_per_question: float | None  # the PostgreSQL server (None: the app has none)
    harness_cpu_ms_per_question: float | None  # this process: the load generator and the stand-ins
    machine_cpu_ms_per_question: float | None  # every CPU of the machine, on anything
    cpu_ceiling_per_s: float | None  # the answered questions a second the machine's CPUs allow at that cost


@dataclass(frozen=True)
class SustainedFigures:
    in_flight: int  # open questions kept in flight: each reply lets the next question go
    warm_up_s: float  # of load before the window, not counted
    window_s: float  # the measured window
    sent: int  # questions sent, warm-up and window
    refused: int  # sends not answered with HTTP 200
    answered: int  # answers that arrived within the window
    replied_otherwise: int  # other replies within the window: a decline or a failure message
    answered_per_s: float | None  # answers within the window over its length
    finished: bool  # every question sent got its reply within WORK_TIMEOUT after the window
    # CPU time within the window per answer, by who spent it, as in AnswerFigures
    app_cpu_ms_per_answer: float | None
    database_cpu_ms_per_answer: float | None
    harness_cpu_ms_per_answer: float | None
    machine_cpu_ms_per_answer: float | None
    cpu_ceiling_per_s: float | None


@dataclass(frozen=True)
class ProcessFigures:
    name: str
    ready_after_s: float | None  # from the process's start to its first healthy /healthz
    peak_rss_mb: float | None  # VmHWM after all the load


# --------------------------------------------------------------------------- setup


def interrupt(_signal: int | None = None, _frame: FrameType | None = None) -> None:
    """Stop the run as Ctrl-C does; later Ctrl-Cs and SIGTERMs are ignored, so the cleanup is not cut short."""
    for number in INTERRUPTING_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    raise KeyboardInterrupt


def interrupt_on_signals() -> None:
    """Ctrl-C and SIGTERM stop the run, and the app, PostgreSQL and the stand-ins are still stopped."""
    for number in INTERRUPTING_SIGNALS:
        signal.signal(number, interrupt)


@contextlib.contextmanager
def interruptions_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then interrupt.

    Interrupted half-way through `PostgresServer.start()`, a server could be left running
    that its `stop()` does not know of yet.
    """
    received: list[int] = []

    def note(number: int, _frame: FrameType | None) -> None:
        received.append(number)

    previous = {number: signal.signal(number, note) for number in INTERRUPTING_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            interrupt()  # the interruption outranks whatever the block raised


@contextlib.contextmanager
def postgres_database() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL server in a temporary directory, started; stopped and deleted on exit."""
    bin_dir = find_postgres_bin_dir()
    if bin_dir is None:
        raise SetupFailed(INSTALL_HINT)
    server = PostgresServer(bin_dir=bin_dir)
    try:
        with interruptions_deferred():
            server.start()
        yield server
    finally:
        server.stop()


def start_processes(
    count: int, environment: dict[str, str], folder: Path, cleanup: contextlib.ExitStack
) -> list[ServedApp]:
    """`count` app processes, each started once the one before answers /healthz; each stopped on leaving `cleanup`."""
    apps: list[ServedApp] = []
    for number in range(1, count + 1):
        app = cleanup.enter_context(ServedApp(environment, folder, f"web-{number}"))
        log(f"started advisor serve --http as {app.name} on 127.0.0.1:{app.port}")
        ready = app.wait_until_healthy()
        log(f"{app.name} ready after {ready:.2f} s")
        apps.append(app)
    return apps


def log_tails(apps: list[ServedApp]) -> str:
    return "\n".join(f"--- {app.name} ---\n{app.log_tail()}" for app in apps)


# --------------------------------------------------------------------------- requests


def build_requests(count: int, slack: FakeSlack, first_number: int, processes: int) -> list[SlackRequest]:
    """The repeating mix of MIX_LENGTH, laid out so that each process, taking every `processes`-th, gets all of it."""
    requests: list[SlackRequest] = []
    for index in range(count):
        number = first_number + index
        user = USERS[index % len(USERS)]
        position = (index // processes) % MIX_LENGTH
        if position in (0, 4):
            event = app_mention(OPEN_QUESTION.format(number=number), user=user, channel=CHANNEL)
            requests.append(SlackRequest("event", "mention", event_callback(event, event_id=f"EvBENCH{number:06d}")))
        elif position == 2:
            event = direct_message(CATALOG_QUESTION, user=user, channel=f"D{user[1:]}")
            requests.append(SlackRequest("event", "dm", event_callback(event, event_id=f"EvBENCH{number:06d}")))
        else:
            command, text = COMMANDS[position // 2]
            payload = slash_command(command, text, user_id=user, channel_id=CHANNEL, response_url=slack.response_url())
            requests.append(SlackRequest("command", command, payload))
    return requests


def build_questions(count: int, first_number: int) -> tuple[list[SlackRequest], list[str]]:
    """`count` mentions with an open question each, and the ts of each (the thread its answer goes in)."""
    requests: list[SlackRequest] = []
    timestamps: list[str] = []
    for index in range(count):
        number = first_number + index
        ts = new_ts()
        event = app_mention(OPEN_QUESTION.format(number=number), user=USERS[index % len(USERS)], channel=CHANNEL, ts=ts)
        requests.append(SlackRequest("event", "mention", event_callback(event, event_id=f"EvBENCH{number:06d}")))
        timestamps.append(ts)
    return requests, timestamps


async def send_all(
    session: aiohttp.ClientSession, urls: list[str], requests: list[SlackRequest], concurrency: int
) -> list[Ack]:
    """Send every request, the n-th to `urls[n % len(urls)]`, at most `concurrency` in flight; the ack of each, in order."""
    sends = [Send(urls[index % len(urls)], request.payload) for index, request in enumerate(requests)]
    sent = await post_all(session, sends, SIGNING_SECRET, concurrency=concurrency, timeout=REQUEST_TIMEOUT)
    return [
        Ack(request.kind, request.label, result.status, result.sent_at, result.answered_at, result.error)
        for request, result in zip(requests, sent, strict=True)
    ]


def work_done(slack: FakeSlack, since: float) -> tuple[int, int, float | None]:
    """Replies ended (a chat.update, or a stream closed) and response-URL calls that arrived after `since`,
    and when the last did."""
    updates = [call.at for call in slack.calls if call.method in ENDINGS and call.at >= since]
    responses = [call.at for call in slack.calls_for(RESPONSE_URL_METHOD) if call.at >= since]
    last = max(updates + responses, default=None)
    return len(updates), len(responses), last


async def wait_for_work(
    slack: FakeSlack, since: float, events: int, commands: int, timeout: float
) -> tuple[int, int, float | None, bool]:
    deadline = time.monotonic() + timeout
    while True:
        updates, responses, last = work_done(slack, since)
        finished = updates >= events and responses >= commands
        if finished or time.monotonic() >= deadline:
            return updates, responses, last, finished
        await asyncio.sleep(POLL_SECONDS)


class Replies:
    """The replies to open questions, read from the stand-in's calls as they come: each call once.

    (Reading every call again at each poll would cost the load generator CPU in proportion to
    the calls so far, taken from the app it measures on the same CPUs.)
    """

    def __init__(self, slack: FakeSlack, timestamps: Iterable[str] = ()) -> None:
        self._slack = slack
        self._questions = set(timestamps)  # the ts of each question's message: the thread its reply goes in
        self._thinking: dict[str, str] = {}  # each "thinking" message posted in those threads: its question
        self._streams: dict[str, str] = {}  # each stream started in those threads: its question
        self._read = 0  # calls read so far
        self.replied: dict[str, tuple[float, bool]] = {}  # by question: when its reply ended, and if an answer

    def expect(self, ts: str) -> None:
        """Watch for the reply to the question asked in the message `ts` too."""
        self._questions.add(ts)

    def read(self) -> list[str]:
        """Read the calls that came since; the questions that got their reply in them."""
        calls = self._slack.calls
        replied = []
        for call in calls[self._read :]:  # in the order answered: a message's post before its update
            if call.method == "chat.postMessage" and call.args.get("thread_ts") in self._questions:
                self._thinking[call.response.get("ts")] = call.args["thread_ts"]
            elif call.method == "chat.startStream" and call.args.get("thread_ts") in self._questions:
                self._streams[call.response.get("ts")] = call.args["thread_ts"]
            elif (
                call.method == "chat.update"
                and (question := self._thinking.get(call.args.get("ts")))
                and question not in self.replied
            ):
                self.replied[question] = (call.at, ANSWERED in json.dumps(call.args, ensure_ascii=False))
                replied.append(question)
            elif (
                call.method == "chat.stopStream"
                and (question := self._streams.get(call.args.get("ts")))
                and question not in self.replied
            ):
                streamed = self._slack.streamed_text(call.args["channel"], call.args["ts"])
                self.replied[question] = (call.at, ANSWERED in streamed)
                replied.append(question)
        self._read = len(calls)
        return replied

    def answered(self, since: float = 0.0, until: float = math.inf) -> list[float]:
        """When each answer came (the model's answer closed in its stream, or in a chat.update), of those between
        `since` and `until`."""
        return [at for at, answer in self.replied.values() if answer and since <= at < until]

    def otherwise(self, since: float = 0.0, until: float = math.inf) -> int:
        """The other replies between `since` and `until`: a decline or a failure message."""
        return sum(not answer and since <= at < until for at, answer in self.replied.values())


async def wait_for_replies(slack: FakeSlack, timestamps: set[str], timeout: float) -> tuple[list[float], int, bool]:
    deadline = time.monotonic() + timeout
    replies = Replies(slack, timestamps)
    while True:
        replies.read()
        finished = len(replies.replied) >= len(timestamps)
        if finished or time.monotonic() >= deadline:
            return replies.answered(), replies.otherwise(), finished
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


def listen_overflows() -> int | None:
    """How many connection attempts the kernel has dropped so far, machine-wide, because a listening
    socket's accept queue was full (Linux; None elsewhere).

    The client's TCP tries a dropped attempt again a second later, so each one shows up as an ack
    time of a second or more.
    """
    try:
        lines = Path("/proc/net/netstat").read_text(encoding="ascii").splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            counters = dict(zip(names.split()[1:], values.split()[1:], strict=True))
            return int(counters["ListenOverflows"]) if "ListenOverflows" in counters else None
    return None


def process_figures(app: ServedApp) -> ProcessFigures:
    peak = app.peak_memory_mb()
    return ProcessFigures(
        name=app.name,
        ready_after_s=round(app.ready_after, 2) if app.ready_after is not None else None,
        peak_rss_mb=round(peak, 1) if peak is not None else None,
    )


def machine(load_before: float) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_1m": round(load_before, 2),  # before the run: other work on the machine skews the figures
    }


# --------------------------------------------------------------------------- the run


async def measure_acks(
    session: aiohttp.ClientSession,
    urls: list[str],
    slack: FakeSlack,
    openai: FakeOpenAI,
    requests: int,
    concurrency: int,
    first_number: int,
) -> tuple[list[Ack], float, int | None, WorkFigures]:
    """The acknowledgement burst: every ack, the burst's duration, the listen-queue overflows during it
    (machine-wide), and the work done behind it."""
    burst = build_requests(requests, slack, first_number, len(urls))
    events = sum(request.kind == "event" for request in burst)
    model_calls_before = len(openai.requests)
    log(f"sending {requests} requests, {concurrency} in flight, round-robin over {len(urls)} process(es)")
    overflows_before = listen_overflows()
    burst_started = time.monotonic()
    acks = await send_all(session, urls, burst, concurrency)
    burst_seconds = max(ack.answered_at for ack in acks) - burst_started
    overflows_after = listen_overflows()
    overflows = None if overflows_before is None or overflows_after is None else overflows_after - overflows_before

    log(f"waiting up to {WORK_TIMEOUT:.0f} s for the work behind them")
    updates, responses, last, finished = await wait_for_work(
        slack, burst_started, events, len(burst) - events, WORK_TIMEOUT
    )
    work = WorkFigures(
        events_sent=events,
        events_answered=updates,
        commands_sent=len(burst) - events,
        commands_responded=responses,
        finished=finished,
        last_work_s=round(last - burst_started, 2) if last is not None else None,
        model_calls=len(openai.requests) - model_calls_before,
        mentions_sent=sum(request.label == "mention" for request in burst),
        model_concurrency_peak=openai.concurrency_peak,
    )
    return acks, burst_seconds, overflows, work


def harness_cpu_seconds() -> float:
    """CPU time of this process so far: the load generator and the stand-ins' threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_readings(apps: list[ServedApp], database: PostgresServer | None) -> dict[str, float | None]:
    """CPU time so far of the app's processes (summed), the database, this process and the machine."""
    app_readings = [app.cpu_seconds() for app in apps]
    return {
        "app": None if None in app_readings else sum(app_readings),  # type: ignore[arg-type]
        "database": database.cpu_seconds() if database is not None else None,
        "harness": harness_cpu_seconds(),
        "machine": machine_busy_seconds(),
    }


def cpu_ms_each(before: dict[str, float | None], after: dict[str, float | None], count: int) -> dict[str, float | None]:
    """The CPU time between two `cpu_readings`, by who spent it, in ms for each of `count` (questions,
    answers); None where a reading is missing or nothing was counted."""
    return {
        who: None
        if not count or before[who] is None or after[who] is None
        else round((after[who] - before[who]) * 1000 / count, 1)  # type: ignore[operator]
        for who in before
    }


def cpu_ceiling(machine_ms: float | None) -> float | None:
    """The answered questions a second the machine's CPUs allow at `machine_ms` of their time each."""
    cpus = os.cpu_count()
    return round(cpus * 1000 / machine_ms, 1) if cpus and machine_ms else None


async def measure_answers(
    session: aiohttp.ClientSession,
    apps: list[ServedApp],
    slack: FakeSlack,
    openai: FakeOpenAI,
    questions: int,
    concurrency: int,
    first_number: int,
    database: PostgresServer | None = None,
) -> AnswerFigures:
    """The answers burst: open questions only, from the first send to the last answer in Slack.

    The CPU time is read before the first send and after the last reply, for the app's
    processes, `database` (if the app has one), this process and the whole machine.
    """
    burst, timestamps = build_questions(questions, first_number)
    model_calls_before = len(openai.requests)
    log(
        f"sending {questions} open questions, {concurrency} in flight; waiting up to {WORK_TIMEOUT:.0f} s "
        f"for their answers"
    )
    urls = [app.events_url for app in apps]
    cpu_before = cpu_readings(apps, database)
    started = time.monotonic()
    acks = await send_all(session, urls, burst, concurrency)
    answered, otherwise, finished = await wait_for_replies(slack, set(timestamps), WORK_TIMEOUT)
    seconds = max(answered) - started if answered else None
    cpu_after = cpu_readings(apps, database)
    calls = [request.received_at - started for request in openai.requests[model_calls_before:]]
    cpu = cpu_ms_each(cpu_before, cpu_after, questions)
    return AnswerFigures(
        questions=questions,
        concurrency=concurrency,
        acknowledged=sum(ack.status == 200 for ack in acks),
        answered=len(answered),
        replied_otherwise=otherwise,
        finished=finished,
        last_answer_s=round(seconds, 2) if seconds is not None else None,
        answered_per_s=round(len(answered) / seconds, 1) if seconds else None,
        app_cpu_ms_per_question=cpu["app"],
        model_calls=len(calls),
        model_concurrency_peak=openai.concurrency_peak,
        model_calls_from_s=round(min(calls), 2) if calls else None,
        model_calls_until_s=round(max(calls), 2) if calls else None,
        database_cpu_ms_per_question=cpu["database"],
        harness_cpu_ms_per_question=cpu["harness"],
        machine_cpu_ms_per_question=cpu["machine"],
        cpu_ceiling_per_s=cpu_ceiling(cpu["machine"]),
    )


async def measure_answer_bursts(
    session: aiohttp.ClientSession,
    apps: list[ServedApp],
    slack: FakeSlack,
    openai: FakeOpenAI,
    questions: int,
    concurrency: int,
    bursts: int,
    first_number: int,
    database: PostgresServer | None = None,
) -> list[AnswerFigures]:
    """`measure_answers` `bursts` times, each burst once the previous one's answers are in, numbered on."""
    answered = []
    for burst in range(bursts):
        if bursts > 1:
            log(f"answers burst {burst + 1} of {bursts}")
        answered.append(
            await measure_answers(
                session,
                apps,
                slack,
                openai,
                questions,
                concurrency,
                first_number + burst * questions,
                database=database,
            )
        )
    return answered


def median_answers(bursts: list[AnswerFigures]) -> AnswerFigures:
    """The burst with the median rate (the slower middle one of an even count); one with no rate counts as 0."""
    ranked = sorted(bursts, key=lambda figures: figures.answered_per_s or 0.0)
    return ranked[(len(ranked) - 1) // 2]


async def measure_sustained(
    session: aiohttp.ClientSession,
    apps: list[ServedApp],
    slack: FakeSlack,
    in_flight: int,
    seconds: float,
    first_number: int,
    database: PostgresServer | None = None,
) -> SustainedFigures:
    """Open questions kept `in_flight` at once: as each one's reply arrives in Slack, the next is sent.

    After SUSTAINED_WARM_UP seconds of this, the replies that arrive within `seconds` are
    counted, and the CPU time spent meanwhile read as in `measure_answers`. No question is
    sent after the window; the ones still out are waited for (WORK_TIMEOUT at most).
    """
    log(f"keeping {in_flight} open questions in flight: {SUSTAINED_WARM_UP:.0f} s, then {seconds:g} s measured")
    urls = [app.events_url for app in apps]
    replies = Replies(slack)
    waiting: dict[str, asyncio.Future[None]] = {}
    numbers = itertools.count(first_number)
    sent: list[Ack] = []
    started = time.monotonic()
    window_start = started + SUSTAINED_WARM_UP
    window_end = window_start + seconds

    async def ask() -> None:
        while time.monotonic() < window_end:
            number = next(numbers)
            ts = new_ts()
            event = app_mention(
                OPEN_QUESTION.format(number=number), user=USERS[number % len(USERS)], channel=CHANNEL, ts=ts
            )
            replies.expect(ts)
            replied = waiting[ts] = asyncio.get_running_loop().create_future()
            send = Send(urls[number % len(urls)], event_callback(event, event_id=f"EvBENCH{number:06d}"))
            [result] = await post_all(session, [send], SIGNING_SECRET, concurrency=1, timeout=REQUEST_TIMEOUT)
            sent.append(Ack("event", "mention", result.status, result.sent_at, result.answered_at, result.error))
            if result.status != 200:
                return  # this slot stops; the refusal is counted
            try:
                await asyncio.wait_for(replied, WORK_TIMEOUT)
            except TimeoutError:
                return  # no reply: counted as unfinished

    async def watch() -> None:
        while True:
            for ts in replies.read():
                if (replied := waiting.pop(ts, None)) is not None:
                    replied.set_result(None)
            await asyncio.sleep(POLL_SECONDS)

    async def cpu_at(moment: float) -> dict[str, float | None]:
        await asyncio.sleep(max(moment - time.monotonic(), 0.0))
        return cpu_readings(apps, database)

    watcher = asyncio.create_task(watch())
    try:
        cpu_before, cpu_after, *_ = await asyncio.gather(
            cpu_at(window_start), cpu_at(window_end), *(ask() for _ in range(in_flight))
        )
    finally:
        watcher.cancel()
    answered = len(replies.answered(window_start, window_end))
    cpu = cpu_ms_each(cpu_before, cpu_after, answered)
    return SustainedFigures(
        in_flight=in_flight,
        warm_up_s=SUSTAINED_WARM_UP,
        window_s=seconds,
        sent=len(sent),
        refused=sum(ack.status != 200 for ack in sent),
        answered=answered,
        replied_otherwise=replies.otherwise(window_start, window_end),
        answered_per_s=round(answered / seconds, 1),
        finished=len(replies.replied) == len(sent),
        app_cpu_ms_per_answer=cpu["app"],
        database_cpu_ms_per_answer=cpu["database"],
        harness_cpu_ms_per_answer=cpu["harness"],
        machine_cpu_ms_per_answer=cpu["machine"],
        cpu_ceiling_per_s=cpu_ceiling(cpu["machine"]),
    )


async def measure(
    slack: FakeSlack,
    openai: FakeOpenAI,
    apps: list[ServedApp],
    database: PostgresServer,
    requests: int,
    concurrency: int,
    bursts: int,
    questions: int,
    answer_bursts: int,
    sustained_seconds: float,
) -> dict[str, Any]:
    urls = [app.events_url for app in apps]
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        warm_up_count = WARM_UP_PER_PROCESS * len(apps)
        log(f"warming up with {warm_up_count} requests")
        warm_up = build_requests(warm_up_count, slack, first_number=1, processes=len(apps))
        warm_up_started = time.monotonic()
        warm_up_acks = await send_all(session, urls, warm_up, concurrency)
        refused = [ack for ack in warm_up_acks if ack.status != 200]
        if refused:
            details = "; ".join(f"{ack.label}: {ack.status} {ack.error or ''}".strip() for ack in refused)
            raise SetupFailed(f"the app refused warm-up requests ({details})\n{log_tails(apps)}")
        events = sum(request.kind == "event" for request in warm_up)
        *_, warmed = await wait_for_work(slack, warm_up_started, events, len(warm_up) - events, WORK_TIMEOUT)
        if not warmed:
            raise SetupFailed(f"the warm-up's work did not finish within {WORK_TIMEOUT:.0f} s\n{log_tails(apps)}")

        measured = []
        for burst in range(bursts):
            log(f"acknowledgement burst {burst + 1} of {bursts}")
            measured.append(
                await measure_acks(
                    session,
                    urls,
                    slack,
                    openai,
                    requests,
                    concurrency,
                    first_number=warm_up_count + burst * requests + 1,
                )
            )
        answered = await measure_answer_bursts(
            session,
            apps,
            slack,
            openai,
            questions,
            concurrency,
            answer_bursts if questions else 0,
            first_number=warm_up_count + bursts * requests + 1,
            database=database,
        )
        sustained = None
        if sustained_seconds:
            first_number = warm_up_count + bursts * requests + len(answered) * questions + 1
            sustained = await measure_sustained(
                session, apps, slack, concurrency, sustained_seconds, first_number, database=database
            )

    each_p99 = [figures.p99_ms if (figures := ack_figures(acks)) else math.inf for acks, *_ in measured]
    # The burst whose p99 is the median of all of them (the higher middle one of an even count)
    median_burst = sorted(range(bursts), key=lambda index: each_p99[index])[bursts // 2]
    acks, burst_seconds, _overflows, work = measured[median_burst]
    overflow_counts = [burst_overflows for _, _, burst_overflows, _ in measured]
    overall = ack_figures(acks)
    return {
        "processes": len(apps),
        "database": "postgresql",
        "target": TARGET,
        "target_met": None
        if concurrency < TARGET_IN_FLIGHT
        else (overall is not None and overall.ok == len(acks) and overall.p99_ms < TARGET_P99_MS),
        "requests": requests,
        "concurrency": concurrency,
        "bursts": bursts,
        "ack_p99_each_ms": [round(p99, 1) for p99 in each_p99],  # in the order sent; the figures are the median one's
        "model_latency_s": MODEL_LATENCY,
        "ack": asdict(overall) if overall else None,
        "ack_by_kind": {
            kind: asdict(figures) if (figures := ack_figures([ack for ack in acks if ack.kind == kind])) else None
            for kind in ("event", "command")
        },
        "throughput_rps": round(len(acks) / burst_seconds, 1) if burst_seconds > 0 else None,
        "burst_s": round(burst_seconds, 3),
        "listen_overflows": None if None in overflow_counts else sum(overflow_counts),  # of every burst
        "errors": sorted({ack.error for ack in acks if ack.error}),
        "work": asdict(work),
        "work_finished_every_burst": all(burst_work.finished for *_, burst_work in measured),
        "answers": asdict(median_answers(answered)) if answered else None,
        "answered_per_s_each": [figures.answered_per_s for figures in answered],  # in the order sent
        "sustained": asdict(sustained) if sustained else None,
    }


def report(figures: dict[str, Any]) -> str:
    def ack_line(name: str, ack: dict[str, Any] | None) -> str:
        if ack is None:
            return f"{name:<8} no answers"
        return (
            f"{name:<8} {ack['count']:>5} sent, {ack['ok']:>5} got 200   p50 {ack['p50_ms']:>7.1f}  "
            f"p90 {ack['p90_ms']:>7.1f}  p99 {ack['p99_ms']:>7.1f}  max {ack['max_ms']:>7.1f} ms"
        )

    def figure(value: float | None, unit: str) -> str:
        return "unknown" if value is None else f"{value:g} {unit}".rstrip()

    box = figures["machine"]
    work = figures["work"]
    answers = figures["answers"]
    lines = [
        f"machine: {box['cpus']} CPUs, Python {box['python']} ({box['platform']}), "
        f"load average {box['load_average_1m']} before the run",
        f"app: {figures['processes']} advisor serve --http process(es) on PostgreSQL, requests round-robin",
        f"burst: {figures['requests']} requests, {figures['concurrency']} in flight, "
        f"model latency {figures['model_latency_s']:g} s",
        f"acknowledgement (send to HTTP response), the median of {figures['bursts']} burst(s); "
        f"p99 of each: {', '.join(f'{p99:.1f}' for p99 in figures['ack_p99_each_ms'])} ms",
        "  " + ack_line("all", figures["ack"]),
        *("  " + ack_line(kind, ack) for kind, ack in figures["ack_by_kind"].items()),
        f"throughput: {figures['throughput_rps']} requests/s (burst acknowledged in {figures['burst_s']:.3f} s)",
        f"connection attempts dropped by a full accept queue during the bursts (machine-wide, retried after 1 s): "
        f"{'unknown' if figures['listen_overflows'] is None else figures['listen_overflows']}",
        *(f"error: {error}" for error in figures["errors"]),
        "work after the ack:",
        f"  events answered: {work['events_answered']}/{work['events_sent']}",
        f"  commands responded (response URL): {work['commands_responded']}/{work['commands_sent']}",
        f"  model calls: {work['model_calls']} for {work['mentions_sent']} open questions "
        f"(peak {work['model_concurrency_peak']} in flight at the model server)",
        f"  last piece of work arrived {work['last_work_s']} s after the burst started"
        + ("" if work["finished"] else f" -- NOT all done within {WORK_TIMEOUT:.0f} s"),
        *(
            []
            if figures["work_finished_every_burst"]
            else [f"  in another burst, NOT all work was done within {WORK_TIMEOUT:.0f} s"]
        ),
        f"target: {figures['target']}: "
        + {True: "met", False: "NOT met", None: "does not apply to fewer in flight"}[figures["target_met"]],
    ]
    if answers:
        lines += [
            f"open questions end to end: {answers['questions']} sent, {answers['concurrency']} in flight, "
            f"{answers['acknowledged']} got 200",
            f"  answered: {answers['answered']}, other replies: {answers['replied_otherwise']}, "
            f"{answers['model_calls']} model calls (peak {answers['model_concurrency_peak']} in flight), "
            f"from {answers['model_calls_from_s']} s to {answers['model_calls_until_s']} s after the first send",
            f"  last answer {answers['last_answer_s']} s after the first send: "
            f"{figure(answers['answered_per_s'], 'answered questions/s')}"
            + ("" if answers["finished"] else f" -- NOT all replied within {WORK_TIMEOUT:.0f} s"),
            f"  the median of {len(figures['answered_per_s_each'])} burst(s); answered questions/s of each: "
            + ", ".join(figure(rate, "") for rate in figures["answered_per_s_each"]),
            f"  CPU time over the burst, ms per question: the app {figure(answers['app_cpu_ms_per_question'], '')}, "
            f"PostgreSQL {figure(answers['database_cpu_ms_per_question'], '')}, this process (the load generator "
            f"and the stand-ins) {figure(answers['harness_cpu_ms_per_question'], '')}, the whole machine "
            f"{figure(answers['machine_cpu_ms_per_question'], '')}",
            f"  at that CPU cost the machine's {os.cpu_count()} CPUs allow at most "
            f"{figure(answers['cpu_ceiling_per_s'], 'answered questions/s')}",
        ]
    if sustained := figures["sustained"]:
        lines += [
            f"open questions sustained: {sustained['in_flight']} kept in flight, {sustained['sent']} sent "
            f"({sustained['refused']} refused); {sustained['warm_up_s']:g} s of warm-up, then {sustained['window_s']:g} s "
            "measured",
            f"  in the window: {sustained['answered']} answered, {sustained['replied_otherwise']} other replies: "
            f"{figure(sustained['answered_per_s'], 'answered questions/s')}"
            + ("" if sustained["finished"] else f" -- NOT all replied within {WORK_TIMEOUT:.0f} s"),
            f"  CPU time in the window, ms per answer: the app {figure(sustained['app_cpu_ms_per_answer'], '')}, "
            f"PostgreSQL {figure(sustained['database_cpu_ms_per_answer'], '')}, this process "
            f"{figure(sustained['harness_cpu_ms_per_answer'], '')}, the whole machine "
            f"{figure(sustained['machine_cpu_ms_per_answer'], '')}; the CPUs allow at most "
            f"{figure(sustained['cpu_ceiling_per_s'], 'answered questions/s')}",
        ]
    lines += [
        f"{process['name']}: ready after {figure(process['ready_after_s'], 's')}, "
        f"peak RSS {figure(process['peak_rss_mb'], 'MB')}"
        for process in figures["app_processes"]
    ]
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {number}")
    return number


def not_negative_seconds(value: str) -> float:
    seconds = float(value)
    if not (math.isfinite(seconds) and seconds >= 0):
        raise argparse.ArgumentTypeError(f"must be a number of seconds, 0 or more, not {value}")
    return seconds


def run(
    processes: int,
    requests: int,
    concurrency: int,
    bursts: int,
    questions: int,
    answer_bursts: int = DEFAULT_ANSWER_BURSTS,
    sustained_seconds: float = DEFAULT_SUSTAINED_SECONDS,
) -> dict[str, Any]:
    """Bring up PostgreSQL, the stand-ins and the app, measure, and stop them all whatever happens."""
    load_before = os.getloadavg()[0]
    with contextlib.ExitStack() as cleanup:
        folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="slack-ack-")))
        log("starting PostgreSQL")
        database = cleanup.enter_context(postgres_database())
        slack = FakeSlack().start()
        cleanup.callback(slack.stop)
        openai = FakeOpenAI(latency=MODEL_LATENCY).start()
        cleanup.callback(openai.stop)
        for user in USERS:
            slack.add_user(user)
        environment = app_environment(
            slack,
            openai,
            database.url(),
            folder,
            SIGNING_SECRET,
            ADVISOR_DEFAULT_MONTHLY_TOKENS="",
            ADVISOR_LLM_TIMEOUT=str(LLM_TIMEOUT),
        )
        upgrade_database(environment, folder)
        apps = start_processes(processes, environment, folder, cleanup)
        figures = asyncio.run(
            measure(
                slack,
                openai,
                apps,
                database,
                requests,
                concurrency,
                bursts,
                questions,
                answer_bursts,
                sustained_seconds,
            )
        )
        figures["app_processes"] = [asdict(process_figures(app)) for app in apps]
        figures["machine"] = machine(load_before)
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--processes",
        type=int,
        choices=(1, 2),
        default=DEFAULT_PROCESSES,
        help="advisor serve --http processes behind the round-robin",
    )
    parser.add_argument("--requests", type=positive, default=DEFAULT_REQUESTS, help="requests in the ack burst")
    parser.add_argument(
        "--concurrency", type=positive, default=DEFAULT_CONCURRENCY, help="requests in flight at most, in both bursts"
    )
    parser.add_argument(
        "--bursts",
        type=positive,
        default=DEFAULT_BURSTS,
        help="acknowledgement bursts, one after the other; the figures are the median one's",
    )
    parser.add_argument(
        "--questions",
        type=not_negative,
        default=DEFAULT_QUESTIONS,
        help="open questions in the answers burst (0: no answers burst)",
    )
    parser.add_argument(
        "--answer-bursts",
        type=positive,
        default=DEFAULT_ANSWER_BURSTS,
        help="answers bursts, one after the other; the figures are the median one's",
    )
    parser.add_argument(
        "--sustained",
        type=not_negative_seconds,
        default=DEFAULT_SUSTAINED_SECONDS,
        help="seconds of sustained load measured, --concurrency open questions kept in flight (0: none)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    arguments = parser.parse_args(argv)
    interrupt_on_signals()
    try:
        figures = run(
            arguments.processes,
            arguments.requests,
            arguments.concurrency,
            arguments.bursts,
            arguments.questions,
            arguments.answer_bursts,
            arguments.sustained,
        )
    except (SetupFailed, AppFailed, PostgresError) as failure:
        log(f"setup failed: {failure}")
        return 1
    except (RuntimeError, OSError) as failure:  # a stand-in or the app's process could not start
        log(f"setup failed: {type(failure).__name__}: {failure}")
        return 1
    except KeyboardInterrupt:
        log("interrupted; the app, PostgreSQL and the stand-ins were stopped")
        return 130
    print(json.dumps(figures) if arguments.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
