"""CPU time spent so far, read from Linux's /proc: by one process, by a server and its
children, and by the whole machine. Each returns None where /proc has no such figure.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command's closing parenthesis (the state first)."""
    try:
        return (PROC / str(pid) / "stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of process `pid`."""
    fields = _stat_fields(pid)
    if fields is None:
        return None
    # From the state on: utime and stime are the 12th and 13th fields, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / _ticks()


def cpu_seconds_with_children(pid: int) -> float | None:
    """CPU time of process `pid`, of its children alive now and of those that ended.

    A server that forks a process per connection (PostgreSQL) spends its CPU in them. An
    ended child's time has been added to its parent's cutime and cstime; a live one's is
    read from its own stat. A difference of two readings is the CPU the server spent
    between them, whether its children came, went or stayed.
    """
    fields = _stat_fields(pid)
    if fields is None:
        return None
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (child := _stat_fields(int(entry.name))) is not None and int(child[1]) == pid:
            ticks += int(child[11]) + int(child[12])
    return ticks / _ticks()


def machine_busy_seconds() -> float | None:
    """CPU time the machine's CPUs spent working: for users, the kernel and interrupts (not
    idling, waiting for I/O, or stolen by a hypervisor for other machines)."""
    try:
        first = (PROC / "stat").read_text(encoding="utf-8").splitlines()[0].split()
    except (OSError, IndexError):
        return None
    # cpu user nice system idle iowait irq softirq ... (guest time is already in user)
    user, nice, system, _idle, _iowait, irq, softirq = (int(value) for value in first[1:8])
    return (user + nice + system + irq + softirq) / _ticks()
