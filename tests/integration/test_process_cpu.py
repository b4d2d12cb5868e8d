"""The CPU readings the benchmarks divide by their questions: a process, a server with its children, the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

from tests.integration.process_cpu import cpu_seconds, cpu_seconds_with_children, machine_busy_seconds

TICK_SLACK = 0.05  # seconds: /proc counts in clock ticks (10 ms), getrusage more finely
# A child that spends about a third of a second of CPU, says so, and waits until its stdin closes.
BUSY_CHILD = (
    "import sys, time\n"
    "end = time.process_time() + 0.3\n"
    "while time.process_time() < end: pass\n"
    "print('busy', flush=True)\n"
    "sys.stdin.read()\n"
)


def spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def own_usage() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def test_a_process_reading_agrees_with_its_own_count_of_its_cpu() -> None:
    before, usage_before = cpu_seconds(os.getpid()), own_usage()
    spin(0.2)
    after, usage_after = cpu_seconds(os.getpid()), own_usage()
    assert before is not None and after is not None
    assert after - before == pytest.approx(usage_after - usage_before, abs=TICK_SLACK)
    assert after - before >= 0.2 - TICK_SLACK


def test_a_server_reading_counts_its_live_children_and_those_that_ended() -> None:
    before = cpu_seconds_with_children(os.getpid())
    child = subprocess.Popen(
        [sys.executable, "-c", BUSY_CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "busy\n"
        alive = cpu_seconds_with_children(os.getpid())
        child_alone = cpu_seconds(child.pid)
    finally:
        child.communicate(timeout=30)  # closes its stdin; it exits and is reaped
    ended = cpu_seconds_with_children(os.getpid())
    assert before is not None and alive is not None and ended is not None and child_alone is not None
    assert child_alone >= 0.3 - TICK_SLACK
    assert alive - before >= child_alone - TICK_SLACK  # the live child's time is in the reading
    assert ended - before >= child_alone - TICK_SLACK  # and stays in it once the child has ended
    assert ended >= alive - TICK_SLACK


def test_the_machine_reading_grows_at_least_by_what_one_process_spent() -> None:
    before = machine_busy_seconds()
    spin(0.2)
    after = machine_busy_seconds()
    assert before is not None and after is not None
    assert after - before >= 0.2 - TICK_SLACK
