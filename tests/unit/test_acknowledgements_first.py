"""`AcknowledgementsFirst`: the work behind a request waits while requests keep arriving, within a bound.

Real time on a real event loop; the margins are wide (the checks are about order, not
about milliseconds), so a slow machine makes the tests slower, not wrong.
"""

from __future__ import annotations

import asyncio

from bot.slack.server import AcknowledgementsFirst


async def _arrive_every(turns: AcknowledgementsFirst, interval: float, count: int) -> float:
    """Requests arriving `count` times, `interval` apart; the loop time of the last."""
    loop = asyncio.get_running_loop()
    last = loop.time()
    for _ in range(count):
        turns.arrived()
        last = loop.time()
        await asyncio.sleep(interval)
    return last


def test_work_goes_at_once_when_no_request_is_arriving() -> None:
    async def scenario() -> float:
        turns = AcknowledgementsFirst(quiet=0.5, longest=5.0)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await turns.turn()
        return loop.time() - started

    assert asyncio.run(scenario()) < 0.25


def test_work_waits_until_a_burst_of_requests_is_over() -> None:
    async def scenario() -> tuple[float, float]:
        turns = AcknowledgementsFirst(quiet=0.1, longest=30.0)
        loop = asyncio.get_running_loop()
        turns.arrived()
        work = asyncio.create_task(turns.turn())
        work.add_done_callback(lambda _: finished.append(loop.time()))
        finished: list[float] = []
        last_arrival = await _arrive_every(turns, interval=0.01, count=30)
        await asyncio.wait_for(work, timeout=10)
        return last_arrival, finished[0]

    last_arrival, work_started = asyncio.run(scenario())
    assert work_started >= last_arrival + 0.09  # not before the burst went quiet for `quiet`


def test_work_waits_no_longer_than_longest_while_requests_never_stop() -> None:
    async def timed() -> tuple[float, float]:
        turns = AcknowledgementsFirst(quiet=0.2, longest=0.3)
        loop = asyncio.get_running_loop()
        turns.arrived()
        started = loop.time()
        finished: list[float] = []
        work = asyncio.create_task(turns.turn())
        work.add_done_callback(lambda _: finished.append(loop.time()))
        last_arrival = await _arrive_every(turns, interval=0.02, count=100)  # two seconds of requests
        assert finished, "the work was still waiting when the requests stopped"
        return finished[0] - started, last_arrival - started

    waited, arrivals_lasted = asyncio.run(timed())
    assert 0.29 <= waited < arrivals_lasted - 0.5


def test_a_later_burst_holds_new_work_back_again() -> None:
    async def scenario() -> tuple[float, float]:
        turns = AcknowledgementsFirst(quiet=0.05, longest=30.0)
        await _arrive_every(turns, interval=0.005, count=5)
        await asyncio.wait_for(turns.turn(), timeout=10)  # the first burst is over
        loop = asyncio.get_running_loop()
        turns.arrived()
        finished: list[float] = []
        work = asyncio.create_task(turns.turn())
        work.add_done_callback(lambda _: finished.append(loop.time()))
        last_arrival = await _arrive_every(turns, interval=0.01, count=20)
        await asyncio.wait_for(work, timeout=10)
        return last_arrival, finished[0]

    last_arrival, work_started = asyncio.run(scenario())
    assert work_started >= last_arrival + 0.04
