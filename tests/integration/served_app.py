"""`advisor serve` as real OS processes, the way production runs several of them.

Each `ServedApp` is one `advisor serve --http` subprocess on 127.0.0.1, with its output
in a log file; several share one database (PostgreSQL when more than one runs) and the
stand-ins of the tests (`FakeSlack`, `FakeOpenAI`), which run in the test's process::

    environment = app_environment(slack, openai, database_url, folder, SIGNING_SECRET)
    upgrade_database(environment, folder)  # the Procfile's release step
    with ServedApp(environment, folder, "web-1") as first, ServedApp(environment, folder, "web-2") as second:
        first.wait_until_healthy(); second.wait_until_healthy()
        ...
        first.kill()  # SIGKILL, mid-answer

The benchmarks use the same processes, so what they measure is what the tests check.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx
import yaml

from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.integration.process_cpu import cpu_seconds

ADVISOR = Path(sys.executable).parent / "advisor"
MODEL_KEY_NAME = "ADVISOR_TEST_MODEL_KEY"
MODELS = [("nano", "openai/gpt-4o-mini", 1), ("mini", "openai/gpt-4.1-mini", 2), ("strong", "openai/gpt-5.4", 3)]
"""The configured models: name, LiteLLM model, tier; every one points at `FakeOpenAI`."""

HEALTH_TIMEOUT = 30.0  # seconds for a process to answer /healthz
STOP_TIMEOUT = 10.0  # seconds for a process to exit after SIGTERM
UPGRADE_TIMEOUT = 60.0  # seconds for `advisor db upgrade`
LOG_TAIL_LINES = 40

_NOT_INHERITED_PREFIXES = ("ADVISOR_", "SLACK_")
_NOT_INHERITED = ("DATABASE_URL", "PORT")


class AppFailed(RuntimeError):
    """A served app did not start, did not answer, or could not be migrated; its log tail says why."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_models(path: Path, base_url: str) -> Path:
    """A LiteLLM model_list with a tier per model, every model served by the stand-in at `base_url`."""
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


def app_environment(
    slack: FakeSlack, openai: FakeOpenAI, database_url: str, folder: Path, signing_secret: str, **settings: str
) -> dict[str, str]:
    """This process's environment without the app's own settings, then the stand-ins' and `settings`."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_NOT_INHERITED_PREFIXES) and name not in _NOT_INHERITED
    }
    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY", ""), "127.0.0.1", "localhost"]))
    environment.update(
        {
            "SLACK_BOT_TOKEN": slack.token,
            "SLACK_SIGNING_SECRET": signing_secret,
            "SLACK_API_URL": slack.base_url,
            "DATABASE_URL": database_url,
            "ADVISOR_MODELS": str(write_models(folder / "models.yaml", openai.base_url)),
            MODEL_KEY_NAME: openai.api_key,
            "NO_PROXY": no_proxy,
            "no_proxy": no_proxy,
            **settings,
        }
    )
    return environment


def upgrade_database(environment: dict[str, str], folder: Path) -> None:
    """`advisor db upgrade`, the release step of the Procfile, before any process serves."""
    try:
        subprocess.run(
            [str(ADVISOR), "db", "upgrade"],
            env=environment,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=UPGRADE_TIMEOUT,
            check=True,
        )
    except subprocess.CalledProcessError as failure:
        raise AppFailed(f"advisor db upgrade failed (status {failure.returncode})\n{failure.stderr}") from None
    except subprocess.TimeoutExpired:
        raise AppFailed(f"advisor db upgrade took more than {UPGRADE_TIMEOUT:.0f} s") from None


class ServedApp:
    """One `advisor serve --http` process on 127.0.0.1; `start()` again after `kill()` restarts it.

    With ``socket_mode=True`` it is `advisor serve --socket` instead: it listens on no port
    and opens a link to `FakeSlack` (``SLACK_APP_TOKEN`` in the environment), so wait for
    that link (`FakeSlack.socket_mode.wait_for_link`) rather than for /healthz.
    """

    def __init__(
        self,
        environment: dict[str, str],
        folder: Path,
        name: str,
        port: int | None = None,
        *,
        socket_mode: bool = False,
        program: list[str] | None = None,
    ) -> None:
        self.environment = environment
        self.folder = folder
        self.name = name
        self.socket_mode = socket_mode
        self.program = program or [str(ADVISOR), "serve"]
        """What runs, before the mode's options (`--http --port N --host 127.0.0.1` or `--socket`)."""
        self.port = port or free_port()
        self.log_path = folder / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at: float | None = None  # time.monotonic() when the process was started
        self.ready_after: float | None = None  # seconds from start to the first healthy /healthz

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def events_url(self) -> str:
        return f"{self.base_url}/slack/events"

    @property
    def pid(self) -> int:
        if self.process is None:
            raise AppFailed(f"{self.name} is not running")
        return self.process.pid

    def start(self) -> Self:
        with self.log_path.open("ab") as log_file:
            self.started_at = time.monotonic()
            mode = ["--socket"] if self.socket_mode else ["--http", "--port", str(self.port), "--host", "127.0.0.1"]
            self.process = subprocess.Popen(
                [*self.program, *mode],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=self.environment,
                cwd=self.folder,
                start_new_session=True,  # Ctrl-C reaches the test, which stops it
            )
        self.ready_after = None
        return self

    def wait_until_healthy(self, timeout: float = HEALTH_TIMEOUT) -> float:
        """Block until /healthz answers 200; return the seconds since the start."""
        assert self.started_at is not None, "start() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                code = self.process.returncode if self.process else None
                raise AppFailed(f"{self.name} exited with status {code}\n{self.log_tail()}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.base_url}/healthz", timeout=1.0).status_code == 200:
                    self.ready_after = time.monotonic() - self.started_at
                    return self.ready_after
            time.sleep(0.05)
        raise AppFailed(f"{self.name} did not answer /healthz within {timeout:.0f} s\n{self.log_tail()}")

    def peak_memory_mb(self) -> float | None:
        """The process's peak resident memory so far (VmHWM), in MB; None where /proc has no such figure."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text(encoding="utf-8")
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def cpu_seconds(self) -> float | None:
        """The CPU time (user and system) the process has used so far; None where /proc has no such figure."""
        return cpu_seconds(self.pid)

    def kill(self) -> None:
        """SIGKILL: the process dies at once, whatever it was doing."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(STOP_TIMEOUT)

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL if it lingers; the exit status."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_TIMEOUT)
        return self.process.returncode

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self) -> str:
        return "\n".join(self.log().splitlines()[-LOG_TAIL_LINES:])

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
