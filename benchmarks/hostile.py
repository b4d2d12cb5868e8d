"""Hostile requests against the real Slack app over HTTP on 127.0.0.1, counted: what was sent, how it was
answered, what the log took, how long the health check waited, and the largest reply built.

    .venv/bin/python benchmarks/hostile.py [--examples 3000] [--json]

The app is a real `advisor serve --http` process (`tests.integration.served_app`, on SQLite), with the
stand-ins of Slack and the model provider in this process. Sent, in this order:
1. fuzzed payloads of every listener (events, slash commands, buttons, forms): the Hypothesis strategy of
   `tests.integration.test_hostile_payloads` (fixed seed), `--examples` of them, each signed as Slack signs;
2. malformed signed bodies (not an object, nested too deep, fields of the wrong type);
3. commands far longer than any real one;
4. unsigned junk over a raw socket (a 10,000-character signature, a broken request line, a body cut short,
   a forged signature), each sent 20 times.
Meanwhile another process asks /healthz every HEALTH_EVERY seconds: its slowest answer bounds how long the
event loop was held. Printed: requests by kind and status, server errors, tracebacks and errors in the
log, refusals logged, the slowest health check, and the largest reply sent to Slack (blocks, bytes).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_requests import FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, SlackPayload, slash_command
from tests.fakes.slack_server import FakeSlack
from tests.integration.served_app import ServedApp, app_environment, upgrade_database
from tests.integration.test_hostile_input import SECRET, signed
from tests.integration.test_hostile_payloads import BASES, JUNK, NOWHERE, as_json, event, fields_of, mutated
from tests.integration.test_slack_app import ADMIN, MEMBER

HEALTH_EVERY = 0.05  # seconds between health checks
WARM_UP_SETTLE = 3.0  # seconds for the warm-up's work to finish
JUNK_REPEATS = 20
JUNK_WAIT = 1.0  # seconds to wait for an answer to junk (a body cut short gets none: the server waits for the rest)
MALFORMED = [
    SlackPayload("[]", JSON_CONTENT_TYPE),
    SlackPayload("null", JSON_CONTENT_TYPE),
    SlackPayload("[" * 50_000 + "]" * 50_000, JSON_CONTENT_TYPE),
    SlackPayload("payload=null", FORM_CONTENT_TYPE),
    as_json(event(authorizations="x")),
    as_json(event(enterprise=5)),
    as_json({**event(), "event": {**event()["event"], "user": 1}}),
]


REPLIES = frozenset({"chat.postMessage", "chat.update", "chat.postEphemeral", "response_url", "views.open"})


HEALTH_WATCH = """
import sys, time, httpx
url, every, stop = sys.argv[1], float(sys.argv[2]), sys.argv[3]
slowest = 0.0
with httpx.Client(timeout=10) as client:
    while True:
        started = time.monotonic()
        client.get(url)
        slowest = max(slowest, time.monotonic() - started)
        if __import__("os").path.exists(stop):
            break
        time.sleep(every)
print(slowest)
"""
"""Run in a process of its own, so that this process's threads (the stand-ins, the fuzzing) do not delay it."""


def kind_of(payload: SlackPayload) -> str:
    """Which listener a fuzzed payload was made for: its type, or a slash command."""
    fields = fields_of(payload)
    kind = fields.get("type") if isinstance(fields, dict) else None
    return str(kind) if isinstance(kind, str) else "command" if payload.content_type == FORM_CONTENT_TYPE else "?"


def raw(url: str, data: bytes) -> bytes:
    host, port = url.split("//")[1].split("/")[0].split(":")
    answer = b""
    with socket.create_connection((host, int(port)), timeout=JUNK_WAIT) as connection:
        connection.sendall(data)
        with contextlib.suppress(TimeoutError, ConnectionError):
            while chunk := connection.recv(65536):
                answer += chunk
    return answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3_000)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    sent: Counter[tuple[str, int]] = Counter()
    with tempfile.TemporaryDirectory() as temporary, FakeSlack() as slack, FakeOpenAI() as llm:
        folder = Path(temporary)
        slack.add_user(ADMIN, is_admin=True)
        slack.add_user(MEMBER)
        environment = app_environment(slack, llm, f"sqlite:///{folder / 'advisor.db'}", folder, SECRET)
        upgrade_database(environment, folder)
        with ServedApp(environment, folder, "web") as app, httpx.Client(timeout=10) as http:
            app.wait_until_healthy()
            hook = slack.response_url()

            def post(kind: str, payload: SlackPayload) -> None:
                response = http.post(app.events_url, content=payload.body.encode(), headers=signed(payload))
                sent[(kind, response.status_code)] += 1

            @settings(
                max_examples=options.examples, derandomize=True, database=None, deadline=None,
                suppress_health_check=list(HealthCheck),
            )  # fmt: skip
            @given(data=st.data())
            def fuzz(data: st.DataObject) -> None:
                listener: list[SlackPayload] = []
                payload = mutated(data, hook, listener.append)
                post(f"fuzzed {kind_of(listener[0])}", payload)

            for base in BASES:  # warm-up, not counted: each listener's first request imports what it needs
                body = base.body.replace(NOWHERE, hook).replace(quote_plus(NOWHERE), quote_plus(hook))
                http.post(app.events_url, content=body.encode(), headers=signed(SlackPayload(body, base.content_type)))
            time.sleep(WARM_UP_SETTLE)
            stop = folder / "stop-watching"
            watcher = subprocess.Popen(
                [sys.executable, "-c", HEALTH_WATCH, f"{app.base_url}/healthz", str(HEALTH_EVERY), str(stop)],
                stdout=subprocess.PIPE,
                text=True,
            )
            started = time.monotonic()
            fuzz()
            for payload in MALFORMED:
                post("malformed", payload)
            for command in ("/ai-budget", "/ai-savings", "/ai-plan", "/ai-inventory"):
                post("long command", slash_command(command, "`" * 10_000, user_id=MEMBER, response_url=hook))
            path = "/" + app.events_url.split("//")[1].split("/", 1)[1]
            for junk in JUNK:
                for _ in range(JUNK_REPEATS):
                    answer = raw(app.events_url, junk(path))
                    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
                    sent[("unsigned junk", status)] += 1
            time.sleep(1.0)  # the work behind the acknowledgements
            elapsed = time.monotonic() - started
            stop.touch()
            slowest = float(watcher.communicate(timeout=30)[0])
            log = app.log()
            replies = [call.args for call in slack.calls if call.method in REPLIES]

    def size(args: dict[str, Any]) -> tuple[int, int]:
        message = args.get("view") or args
        return len(message.get("blocks") or []), len(json.dumps(args, ensure_ascii=False).encode())

    lines = log.splitlines()
    tracebacks = [line for line in lines if "Traceback" in line]
    errors = [line for line in lines if " ERROR " in line]
    refusals = [line for line in lines if "refused" in line]
    figures = {
        "requests": sum(sent.values()),
        "by_kind": {f"{kind} → {status}": count for (kind, status), count in sorted(sent.items())},
        "server_errors": sum(count for (_, status), count in sent.items() if status >= 500),
        "tracebacks_in_log": len(tracebacks),
        "errors_in_log": len(errors),
        "first_errors": [line[:300] for line in errors[:3]],
        "refusals_logged": len(refusals),
        "slowest_health_check_ms": round(slowest * 1000, 1),
        "largest_reply_blocks": max((size(r)[0] for r in replies), default=0),
        "largest_reply_bytes": max((size(r)[1] for r in replies), default=0),
        "seconds": round(elapsed, 1),
    }
    if options.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for name, value in figures.items():
            if isinstance(value, dict):
                print(f"{name}:")
                for kind, count in value.items():
                    print(f"  {kind:40} {count}")
            elif isinstance(value, list):
                print(f"{name}:", *(f"\n  {line}" for line in value))
            else:
                print(f"{name:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
