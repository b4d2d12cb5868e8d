"""The floor under the answers burst of `slack_ack.py`: the same questions through the libraries alone.

    .venv/bin/python benchmarks/floor.py [--processes 1|2] [--questions 200] [--bursts 3] [--json]

`slack_ack.py` measures how many open questions `advisor serve --http` answers a second. This
measures the same burst against an app with nothing of ours in it: Bolt (its aiohttp adapter,
which checks each request's signature), slack_sdk's AsyncWebClient on one HTTP session, and
LiteLLM's `acompletion`. Each mention gets what the advisor gives it: a "thinking" message in its
thread, one call to the stand-in model with a prompt of the size the advisor builds for this
question (MESSAGE_SIZES; 500 tokens at most back), and a chat.update with the answer. No
database, no event deduplication, no routing, no budget, no question log, and every call at once
(no `ADVISOR_MODEL_CALLS`). The burst is sent `--bursts` times, each after the other's answers
are in, and the figures are those of the burst with the median rate, as `slack_ack.py` gives
the advisor's.

So on a given machine its figure is the most any app built on these three libraries reaches on
this burst; the advisor's figure beside it tells how much of the CPU is the advisor's own work.
The stand-ins, the requests and the timing are `slack_ack.py`'s: the same code, imported.

Run as `floor.py serve --http --port N --host 127.0.0.1`, it is that app (what the benchmark
starts, once per process). Exit status 0 when measured, 1 when the setup failed, 130 when
interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import aiohttp
import slack_ack
from slack_ack import MODEL_LATENCY, SIGNING_SECRET, AnswerFigures, SetupFailed, log

from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.integration.served_app import AppFailed, ServedApp, app_environment

MESSAGE_SIZES = {"system": 976, "user": 2355}
"""Characters of the advisor's prompt for `slack_ack.OPEN_QUESTION`, message by message (its
system prompt; the question with the catalog's facts that ground it)."""
MAX_TOKENS = 500  # what the advisor allows the tier-1 model it picks for this question
WARM_UP_PER_PROCESS = 40  # questions per process before the measured burst
DEFAULT_QUESTIONS = 200
DEFAULT_BURSTS = 3
IN_FLIGHT = 200


# --------------------------------------------------------------------------- the app


def serve(port: int) -> None:
    """The app with nothing of ours: Bolt, slack_sdk and LiteLLM, answering mentions on 127.0.0.1:`port`."""
    import yaml

    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    import litellm
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    litellm.suppress_debug_info = True
    model = yaml.safe_load(Path(os.environ["ADVISOR_MODELS"]).read_text(encoding="utf-8"))["model_list"][0]
    parameters = {name: value for name, value in model["litellm_params"].items() if name != "api_key"}
    parameters["api_key"] = os.environ[model["litellm_params"]["api_key"].removeprefix("os.environ/")]
    system = ("You advise small businesses on cheap AI tools. " * 40)[: MESSAGE_SIZES["system"]]
    facts = "Tool facts: a plan, its price per month, what it does, and where it saves time. " * 40
    token = os.environ["SLACK_BOT_TOKEN"]

    async def application() -> web.Application:
        session = aiohttp.ClientSession()
        client = AsyncWebClient(token=token, base_url=os.environ["SLACK_API_URL"], session=session)
        app = AsyncApp(token=token, signing_secret=os.environ["SLACK_SIGNING_SECRET"], client=client)

        @app.event("app_mention")
        async def answer(event: dict[str, Any], client: AsyncWebClient) -> None:
            thinking = await client.chat_postMessage(channel=event["channel"], thread_ts=event["ts"], text="…")
            question = event["text"]
            messages = [
                {"role": "system", "content": system},
                {"role": "user", "content": (question + "\n" + facts)[: MESSAGE_SIZES["user"]]},
            ]
            response = await litellm.acompletion(
                **parameters, messages=messages, max_tokens=MAX_TOKENS, num_retries=0, max_retries=0, timeout=30
            )
            await client.chat_update(
                channel=event["channel"], ts=thinking["ts"], text=response.choices[0].message.content
            )

        async def events(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

        async def healthy(_: web.Request) -> web.Response:
            return web.Response(text="ok")

        async def close_session(_: web.Application) -> None:
            await session.close()

        web_app = web.Application()
        web_app.router.add_post("/slack/events", events)
        web_app.router.add_get("/healthz", healthy)
        web_app.on_cleanup.append(close_session)
        return web_app

    web.run_app(application(), host="127.0.0.1", port=port, access_log=None, print=None)


# --------------------------------------------------------------------------- the benchmark


@dataclass(frozen=True)
class FloorFigures:
    processes: int
    answers: AnswerFigures  # the burst with the median rate, as slack_ack.py measures the advisor's
    answered_per_s_each: list[float | None]  # every burst's rate, in the order sent
    peak_rss_mb: list[float | None]
    model_latency_s: float = MODEL_LATENCY


async def measure(
    apps: list[ServedApp], slack: FakeSlack, openai: FakeOpenAI, questions: int, bursts: int
) -> FloorFigures:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=IN_FLIGHT)) as session:
        warm_up = WARM_UP_PER_PROCESS * len(apps)
        log(f"warming up with {warm_up} questions")
        warmed = await slack_ack.measure_answers(session, apps, slack, openai, warm_up, IN_FLIGHT, first_number=1)
        if warmed.acknowledged < warm_up or not warmed.finished:
            raise SetupFailed(
                f"the warm-up got {warmed.acknowledged} of {warm_up} questions acknowledged with 200 "
                f"and {warmed.answered} answered\n{slack_ack.log_tails(apps)}"
            )
        answered = await slack_ack.measure_answer_bursts(
            session, apps, slack, openai, questions, IN_FLIGHT, bursts, first_number=100_001
        )
    return FloorFigures(
        processes=len(apps),
        answers=slack_ack.median_answers(answered),
        answered_per_s_each=[figures.answered_per_s for figures in answered],
        peak_rss_mb=[round(peak, 1) if (peak := app.peak_memory_mb()) is not None else None for app in apps],
    )


def run(processes: int, questions: int, bursts: int = DEFAULT_BURSTS) -> FloorFigures:
    with contextlib.ExitStack() as cleanup:
        folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="floor-")))
        slack = FakeSlack().start()
        cleanup.callback(slack.stop)
        openai = FakeOpenAI(latency=MODEL_LATENCY).start()
        cleanup.callback(openai.stop)
        environment = app_environment(slack, openai, "sqlite://", folder, SIGNING_SECRET)
        apps = []
        for number in range(1, processes + 1):
            app = cleanup.enter_context(
                ServedApp(
                    environment,
                    folder,
                    f"floor-{number}",
                    program=[sys.executable, str(Path(__file__).resolve()), "serve"],
                )
            )
            app.wait_until_healthy()
            apps.append(app)
        return asyncio.run(measure(apps, slack, openai, questions, bursts))


def report(figures: FloorFigures) -> str:
    answers = figures.answers
    return "\n".join(
        [
            f"floor: Bolt, slack_sdk and LiteLLM alone, {figures.processes} process(es), {answers.questions} questions, "
            f"{IN_FLIGHT} in flight, model latency {figures.model_latency_s:g} s",
            f"  answered: {answers.answered}, other replies: {answers.replied_otherwise}, "
            f"peak {answers.model_concurrency_peak} model calls in flight",
            f"  last answer {answers.last_answer_s} s after the first send: {answers.answered_per_s} answered questions/s",
            f"  the median of {len(figures.answered_per_s_each)} burst(s); answered questions/s of each: "
            + ", ".join(str(rate) for rate in figures.answered_per_s_each),
            f"  CPU time over the burst, ms per question: the app {answers.app_cpu_ms_per_question}, this process "
            f"(the load generator and the stand-ins) {answers.harness_cpu_ms_per_question}, the whole machine "
            f"{answers.machine_cpu_ms_per_question}",
            f"  at that CPU cost the machine's CPUs allow at most {answers.cpu_ceiling_per_s} answered questions/s",
            f"  peak RSS: {', '.join(f'{peak} MB' for peak in figures.peak_rss_mb)}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["serve"]:
        server = argparse.ArgumentParser(prog="floor.py serve")
        server.add_argument("--http", action="store_true", required=True)
        server.add_argument("--port", type=int, required=True)
        server.add_argument("--host", choices=["127.0.0.1"], default="127.0.0.1")
        serve(server.parse_args(arguments[1:]).port)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, choices=(1, 2), default=2, help="app processes behind the round-robin")
    parser.add_argument(
        "--questions", type=slack_ack.positive, default=DEFAULT_QUESTIONS, help="open questions in the measured burst"
    )
    parser.add_argument(
        "--bursts",
        type=slack_ack.positive,
        default=DEFAULT_BURSTS,
        help="measured bursts, one after the other; the figures are the median one's",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parsed = parser.parse_args(arguments)
    slack_ack.interrupt_on_signals()
    try:
        figures = run(parsed.processes, parsed.questions, parsed.bursts)
    except (SetupFailed, AppFailed, RuntimeError, OSError) as failure:
        log(f"setup failed: {type(failure).__name__}: {failure}")
        return 1
    except KeyboardInterrupt:
        log("interrupted; the app and the stand-ins were stopped")
        return 130
    print(json.dumps(asdict(figures)) if parsed.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
