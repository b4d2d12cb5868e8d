"""Cold start of the real `advisor` commands, each run as a fresh process.

    .venv/bin/python benchmarks/cold_start.py [--json]

Each command runs once to warm up (disk cache, .pyc files, the SQLite schema), then
RUNS times. For every run the wall time is taken around the whole process and the
peak resident memory is that child's own `ru_maxrss`, read with `os.wait4`. The table
shows the median and minimum wall time, the largest peak RSS, the targets, and
whether `litellm` was imported by the command (checked in a separate child that runs
the CLI in-process and then looks in `sys.modules`).

The commands use a throw-away SQLite database (DATABASE_URL in a temporary folder)
and run from that folder, so the project's data and any `.env` are not touched.
`--json` prints the figures as one JSON object instead of the table (benchmarks/report.py
puts them into benchmarks/RESULTS.md). Exit status 0, or 1 if a command fails or times
out (its stderr is printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

RUNS = 7
TIMEOUT = 30.0  # seconds per run
TARGET_SECONDS = 0.5
TARGET_MB = 80.0

ADVISOR = Path(sys.executable).parent / "advisor"

COMMANDS: list[list[str]] = [
    ["calc", "--volume", "20", "--minutes-before", "300", "--minutes-after", "60", "--hourly-cost", "3000", "--json"],
    ["ask", "cheapest way to transcribe meetings?", "--json"],
    ["ask", "翻訳ツールの料金は？", "--json"],
]

# Runs the CLI in-process, then reports whether litellm got imported.
IMPORT_PROBE = """
import contextlib, io, json, sys
from bot.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:], prog_name="advisor", standalone_mode=False)
    except SystemExit as exit_:
        if exit_.code not in (0, None):
            raise
print(json.dumps({"litellm": "litellm" in sys.modules, "modules": len(sys.modules)}))
"""


class CommandFailed(Exception):
    def __init__(self, command: list[str], detail: str) -> None:
        super().__init__(f"`advisor {' '.join(command)}` failed: {detail}")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float


@dataclass
class Result:
    command: list[str]
    runs: list[Run]
    litellm: bool | None

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def minimum(self) -> float:
        return min(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.max_rss_mb for run in self.runs)


def run_once(args: list[str], env: dict[str, str], cwd: Path, label: list[str]) -> Run:
    """Run `args` as a fresh process; wall time and that child's own peak RSS."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=env, cwd=cwd)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            process.kill()

        timer = threading.Timer(TIMEOUT, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if timed_out.is_set():
            raise CommandFailed(label, f"no result within {TIMEOUT:.0f} s")
        if process.returncode != 0:
            stderr.seek(0)
            detail = stderr.read().decode("utf-8", errors="replace").strip()
            raise CommandFailed(label, f"exit status {process.returncode}\n{detail}")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return Run(seconds=seconds, max_rss_mb=usage.ru_maxrss / divisor)


def litellm_imported(command: list[str], env: dict[str, str], cwd: Path) -> bool:
    try:
        probe = subprocess.run(
            [sys.executable, "-c", IMPORT_PROBE, *command],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=cwd,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CommandFailed(command, f"the import check took more than {TIMEOUT:.0f} s") from None
    if probe.returncode != 0:
        raise CommandFailed(
            command, f"the import check failed (exit status {probe.returncode})\n{probe.stderr.strip()}"
        )
    return bool(json.loads(probe.stdout.strip().splitlines()[-1])["litellm"])


def measure(command: list[str], env: dict[str, str], cwd: Path) -> Result:
    args = [str(ADVISOR), *command]
    run_once(args, env, cwd, command)  # warm-up
    runs = [run_once(args, env, cwd, command) for _ in range(RUNS)]
    return Result(command=command, runs=runs, litellm=litellm_imported(command, env, cwd))


def _shown(command: list[str]) -> str:
    return "advisor " + " ".join(f'"{part}"' if " " in part or not part.isascii() else part for part in command)


def table(results: list[Result]) -> str:
    def met(ok: bool) -> str:
        return "yes" if ok else "NO"

    lines = [
        f"| command | median s | min s | peak RSS MB | < {TARGET_SECONDS} s | < {TARGET_MB:.0f} MB | litellm imported |",
        "|---|---:|---:|---:|:---:|:---:|:---:|",
    ]
    for result in results:
        lines.append(
            f"| `{_shown(result.command)}` | {result.median:.3f} | {result.minimum:.3f} | {result.peak_mb:.1f} "
            f"| {met(result.median < TARGET_SECONDS)} | {met(result.peak_mb < TARGET_MB)} "
            f"| {'yes' if result.litellm else 'no'} |"
        )
    return "\n".join(lines)


def header() -> str:
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return (
        f"Cold start, {RUNS} runs each after one warm-up, fresh process per run; "
        f"median and min wall time, largest peak RSS (the child's own ru_maxrss).\n\n"
        f"- date: {now}\n"
        f"- platform: {platform.platform()}; Python {platform.python_version()}; CPUs: {os.cpu_count()}\n"
        f"- targets: median under {TARGET_SECONDS} s, peak RSS under {TARGET_MB:.0f} MB\n"
    )


def figures(results: list[Result]) -> dict[str, object]:
    return {
        "runs": RUNS,
        "targets": {"median_s": TARGET_SECONDS, "peak_rss_mb": TARGET_MB},
        "commands": [
            {
                "command": _shown(result.command),
                "median_s": round(result.median, 3),
                "min_s": round(result.minimum, 3),
                "peak_rss_mb": round(result.peak_mb, 1),
                "litellm_imported": result.litellm,
            }
            for result in results
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    arguments = parser.parse_args(argv)
    if not ADVISOR.exists():
        print(f"{ADVISOR} not found: install the project into this virtualenv (make test)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as folder:
        cwd = Path(folder)
        env = dict(os.environ)
        env["DATABASE_URL"] = f"sqlite:///{cwd / 'bench.db'}"
        env.pop("PYTHONPROFILEIMPORTTIME", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        results = []
        try:
            for command in COMMANDS:
                results.append(measure(command, env, cwd))
        except CommandFailed as error:
            print(error, file=sys.stderr)
            return 1
    print(json.dumps(figures(results)) if arguments.json else header() + "\n" + table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
