"""`ListenersInFlight`: a stopping process waits for the listeners under way, then stops the rest.

Each listener here is a task that calls the app's listener-start and listener-completion
hooks around its work, as Bolt's listener runner does around a listener.
"""

from __future__ import annotations

import asyncio

from slack_bolt.async_app import AsyncApp

from bot.slack.in_flight import ListenersInFlight


def _app() -> AsyncApp:
    return AsyncApp(token="xoxb-unit-test", request_verification_enabled=False)


async def _listener(app: AsyncApp, seconds: float, ended: list[str], name: str) -> None:
    runner = app.listener_runner
    await runner.listener_start_handler.handle(request=None, response=None)  # type: ignore[arg-type]
    try:
        await asyncio.sleep(seconds)
        ended.append(f"{name} finished")
    except asyncio.CancelledError:
        ended.append(f"{name} stopped")
        raise
    finally:
        await runner.listener_completion_handler.handle(request=None, response=None)  # type: ignore[arg-type]


def test_the_listeners_under_way_are_waited_for() -> None:
    async def scenario() -> tuple[int, list[str], int]:
        app, ended = _app(), []
        in_flight = ListenersInFlight(app)
        tasks = [asyncio.create_task(_listener(app, 0.2, ended, f"listener {number}")) for number in (1, 2)]
        await asyncio.sleep(0.05)
        stopped = await in_flight.finish(10.0)
        await asyncio.gather(*tasks)
        return stopped, ended, len(in_flight.running())

    stopped, ended, running = asyncio.run(scenario())
    assert stopped == 0 and sorted(ended) == ["listener 1 finished", "listener 2 finished"] and running == 0


def test_a_listener_that_outlasts_the_wait_is_stopped_and_winds_down() -> None:
    async def scenario() -> tuple[int, list[str]]:
        app, ended = _app(), []
        in_flight = ListenersInFlight(app)
        quick = asyncio.create_task(_listener(app, 0.05, ended, "quick"))
        slow = asyncio.create_task(_listener(app, 60.0, ended, "slow"))
        await asyncio.sleep(0.01)
        stopped = await in_flight.finish(0.3)
        await asyncio.gather(quick, slow, return_exceptions=True)
        return stopped, ended

    stopped, ended = asyncio.run(scenario())
    assert stopped == 1 and ended == ["quick finished", "slow stopped"]


def test_a_request_still_to_dispatch_is_waited_for_with_the_listener_it_starts() -> None:
    async def scenario() -> tuple[int, list[str]]:
        app, ended = _app(), []
        in_flight = ListenersInFlight(app)
        listeners: list[asyncio.Task[None]] = []

        async def dispatch() -> None:  # acknowledged, its turn comes, then Bolt starts the listener and returns
            await asyncio.sleep(0.1)
            listeners.append(asyncio.create_task(_listener(app, 0.3, ended, "dispatched")))

        starting = asyncio.create_task(dispatch())
        stopped = await in_flight.finish(10.0, starting=[starting])
        return stopped, list(ended)

    stopped, ended = asyncio.run(scenario())
    assert stopped == 0 and ended == ["dispatched finished"]  # finished before `finish` returned
