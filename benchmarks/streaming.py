"""How soon a model's answer starts to show in Slack, streamed and not, against the model's time to first token.

    .venv/bin/python benchmarks/streaming.py [--questions 15] [--json]

One `advisor serve --http` process (SQLite, after `advisor db upgrade`) with the tests' stand-ins
in this process on 127.0.0.1: `FakeSlack`, and `FakeOpenAI` streaming each answer after
MODEL_TTFT seconds (its time to first token), then a token every TOKEN_INTERVAL seconds
(REPLY's tokens). Twice: with streaming on (the default), then with ADVISOR_SLACK_STREAMING=off,
each on a fresh process and database; unstreamed, the stand-in answers once the whole reply is
written (MODEL_TTFT plus a TOKEN_INTERVAL per token).

Each question is a mention in a channel with an open question for the model, sent one at a time
(nothing else in flight), after WARM_UP questions that are not measured. For each:

- ack: from just before the request is sent to the end of its response;
- first text: from the acknowledgement to the Web API call that first puts the answer's words in
  Slack: chat.startStream (streaming on), or the chat.update that replaces "Thinking…" (off);
- model TTFT: from the model call's arrival at the stand-in to its first token leaving it (with
  streaming off the answer leaves whole, and MODEL_TTFT stands for it);
- beyond the model: first text minus model TTFT, what the app adds before the asker sees a word
  (reading and routing the question, recording it, the budget reservation, and Slack's calls).

The target is a p90 of "beyond the model" of at most 300 ms with streaming on; it is reported,
not asserted. Streaming off shows the same figure when the whole answer must be written first.
Exit status 0 when both runs were measured, 1 when the setup failed, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from tests.fakes.openai_server import FakeOpenAI, count_tokens  # noqa: E402
from tests.fakes.slack_requests import app_mention, event_callback, slack_headers  # noqa: E402
from tests.fakes.slack_server import BOT_USER_ID, FakeSlack  # noqa: E402
from tests.integration.served_app import AppFailed, ServedApp, app_environment, upgrade_database  # noqa: E402

SECRET = "benchmark-signing-secret"
MEMBER = "UMEMBER"
CHANNEL = "C0001"
QUESTION = "How should a ten-person accounting office think about adopting AI this year, step by step?"
MODEL_TTFT = 0.4  # seconds before the model's first token
TOKEN_INTERVAL = 0.02  # seconds between tokens: 50 a second, a cheap model's usual pace
REPLY = (
    "Start with the task that costs your team the most hours each month, such as meeting minutes or "
    "replies to routine client questions. Try one off-the-shelf tool on its free plan for a month, "
    "measure the hours it saves, and only then pay for it. Keep a person checking every figure."
)
WARM_UP = 2
ANSWER_TIMEOUT = 30.0  # seconds for one answer to be in Slack


def nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(nearest_rank(values, 0.5) * 1000, 1),
        "p90": round(nearest_rank(values, 0.9) * 1000, 1),
        "max": round(max(values) * 1000, 1),
    }


def run(streaming: bool, questions: int) -> dict[str, Any]:
    """One process, `questions` mentions one after the other; the figures in milliseconds."""
    with tempfile.TemporaryDirectory() as temporary, FakeSlack() as slack, FakeOpenAI() as llm:
        folder = Path(temporary)
        llm.latency, llm.stream_interval = MODEL_TTFT, TOKEN_INTERVAL
        if not streaming:  # the model writes as fast either way, but sends its answer once it is all written
            llm.latency = MODEL_TTFT + count_tokens(REPLY) * TOKEN_INTERVAL
        llm.reply = lambda model, messages: REPLY
        slack.add_user(MEMBER)
        settings = {} if streaming else {"ADVISOR_SLACK_STREAMING": "off"}
        environment = app_environment(
            slack,
            llm,
            f"sqlite:///{folder / 'advisor.db'}",
            folder,
            SECRET,
            ADVISOR_DEFAULT_MONTHLY_TOKENS="",
            **settings,
        )
        upgrade_database(environment, folder)
        shown_by = "chat.startStream" if streaming else "chat.update"
        done_by = "chat.stopStream" if streaming else "chat.update"
        acks: list[float] = []
        first_texts: list[float] = []
        model_ttfts: list[float] = []
        beyond: list[float] = []
        with ServedApp(environment, folder, "web") as app, httpx.Client(timeout=10) as http:
            app.wait_until_healthy()
            for number in range(WARM_UP + questions):
                asked = f"<@{BOT_USER_ID}> {QUESTION} (#{number})"
                ts = slack.add_message(CHANNEL, asked, MEMBER)
                payload = event_callback(app_mention(asked, user=MEMBER, channel=CHANNEL, ts=ts))
                headers = slack_headers(payload.body, payload.content_type, SECRET, retry_num=None, timestamp=None)
                sent = time.monotonic()
                response = http.post(app.events_url, content=payload.body.encode(), headers=headers)
                acked = time.monotonic()
                if response.status_code != 200:
                    raise AppFailed(f"the mention got HTTP {response.status_code}")
                slack.wait_for(done_by, count=number + 1, timeout=ANSWER_TIMEOUT)
                shown = slack.calls_for(shown_by)[number]
                model = llm.requests[number]
                if number < WARM_UP:
                    continue
                if streaming and model.first_content_at is None:
                    raise AppFailed("the model stand-in streamed no text")
                # Unstreamed, the stand-in writes its first token after MODEL_TTFT too, but sends it with the rest.
                ttft = model.first_content_at - model.received_at if model.first_content_at else MODEL_TTFT
                acks.append(acked - sent)
                first_texts.append(shown.at - acked)
                model_ttfts.append(ttft)
                beyond.append(shown.at - acked - ttft)
            log = app.log()
    return {
        "streaming": streaming,
        "questions": questions,
        "ack_ms": summary(acks),
        "first_text_ms": summary(first_texts),
        "model_ttft_ms": summary(model_ttfts),
        "beyond_the_model_ms": summary(beyond),
        "errors_in_log": sum(" ERROR " in line for line in log.splitlines()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    try:
        runs = [run(True, options.questions), run(False, options.questions)]
    except KeyboardInterrupt:
        return 130
    except (AppFailed, TimeoutError, AssertionError) as failure:
        print(f"streaming benchmark: setup failed: {failure}", file=sys.stderr)
        return 1
    figures = {
        "model": {
            "ttft_s": MODEL_TTFT,
            "token_interval_s": TOKEN_INTERVAL,
            "reply_tokens": count_tokens(REPLY),
        },
        "runs": runs,
    }
    if options.json:
        print(json.dumps(figures, indent=2))
        return 0
    for result in runs:
        print("streaming on" if result["streaming"] else "streaming off")
        for name in ("ack_ms", "first_text_ms", "model_ttft_ms", "beyond_the_model_ms"):
            values = result[name]
            print(f"  {name:22} p50 {values['p50']:8.1f}  p90 {values['p90']:8.1f}  max {values['max']:8.1f}")
        print(f"  {'errors_in_log':22} {result['errors_in_log']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
