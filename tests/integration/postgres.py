"""A throw-away PostgreSQL server for integration tests.

Import the session fixture from a conftest (or a test module)::

    from tests.integration.postgres import postgres_url  # noqa: F401

`postgres_url` starts one real server for the whole test session and yields a
SQLAlchemy URL (``postgresql+psycopg://postgres@127.0.0.1:PORT/advisor_test``).
Call `fresh_database(postgres_url)` in a test to get the URL of a new, empty
database on that server, so tests do not share state.

The server uses `initdb` and `pg_ctl` from PATH or from /usr/lib/postgresql/*/bin.
PostgreSQL refuses to run as root, so when the tests run as root the server runs as
an unprivileged user (`nobody`, or `postgres` if `nobody` cannot own files here),
with its data in a fresh temporary directory owned by that user. It listens on
127.0.0.1 only, on a port chosen at run time, with `trust` authentication, and is
stopped (`pg_ctl stop -m immediate`) and deleted at the end of the session.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.integration.process_cpu import cpu_seconds_with_children

START_TIMEOUT = 30  # seconds, for `pg_ctl start`
STOP_TIMEOUT = 30  # seconds, for `pg_ctl stop`
COMMAND_TIMEOUT = 120  # seconds, for initdb and anything else we run
SUPERUSER = "postgres"
DATABASE = "advisor_test"
UNPRIVILEGED_USERS = ("nobody", "postgres")

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) are needed for the integration tests. "
    "Install them with `apt-get install postgresql` (Debian/Ubuntu; they land in "
    "/usr/lib/postgresql/<version>/bin) or `brew install postgresql` (macOS), "
    "or put a directory holding initdb and pg_ctl on PATH."
)


class PostgresError(RuntimeError):
    """The server could not be set up, started or stopped."""


def find_postgres_bin_dir() -> Path | None:
    """The directory holding both `initdb` and `pg_ctl`, or None."""
    candidates: list[Path] = []
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
        candidates.append(Path(initdb).parent)

    def version(path: str) -> tuple[int, ...]:
        match = re.search(r"/postgresql/([\d.]+)/bin$", path)
        return tuple(int(part) for part in match.group(1).split(".") if part) if match else ()

    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        candidates.append(Path(directory))
    for directory in candidates:
        if all(os.access(directory / name, os.X_OK) for name in ("initdb", "pg_ctl")):
            return directory
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _world_traversable(path: Path) -> bool:
    """True if every directory from / down to `path` can be entered by any user."""
    path = path.resolve()
    for directory in [path, *path.parents]:
        try:
            mode = directory.stat().st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH:
            return False
    return True


def _temp_base(for_other_user: bool) -> str | None:
    if not for_other_user:
        return None
    for base in (tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(base) and _world_traversable(Path(base)):
            return base
    raise PostgresError(
        "no temporary directory that an unprivileged user can reach "
        f"(tried {tempfile.gettempdir()}, /tmp, /var/tmp, /dev/shm); set TMPDIR to one"
    )


@dataclass
class PostgresServer:
    """One PostgreSQL server in a temporary directory; use `start()` and `stop()`."""

    bin_dir: Path
    host: str = "127.0.0.1"
    superuser: str = SUPERUSER
    database: str = DATABASE
    port: int = 0
    root: Path | None = None
    run_as: str | None = None  # OS user the server runs as; None: the current user
    _started: bool = field(default=False, repr=False)
    _postmaster_pid: int | None = field(default=None, repr=False)

    # --- paths ---------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.root is not None
        return self.root / "sockets"

    @property
    def log_file(self) -> Path:
        assert self.root is not None
        return self.root / "postgres.log"

    def url(self, database: str | None = None) -> str:
        return f"postgresql+psycopg://{self.superuser}@{self.host}:{self.port}/{database or self.database}"

    # --- running commands as the server's user -------------------------------------

    def _command(self, args: Sequence[str]) -> list[str]:
        if self.run_as is None:
            return list(args)
        entry = pwd.getpwnam(self.run_as)
        if shutil.which("setpriv"):
            return ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", "--", *args]
        if shutil.which("runuser"):
            return ["runuser", "-u", self.run_as, "--", *args]
        raise PostgresError("running as root, but neither setpriv nor runuser is available to drop privileges")

    def _run(self, args: Sequence[str], timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess[str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", TZ="UTC")
        if self.run_as is not None:
            env["HOME"] = str(self.root)
        try:
            return subprocess.run(
                self._command(args),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                env=env,
                cwd=self.root,
            )
        except subprocess.TimeoutExpired as error:
            raise PostgresError(f"{args[0]} did not finish within {timeout} s") from error

    def _log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    # --- life cycle ----------------------------------------------------------------

    def start(self) -> str:
        """Create the cluster, start the server and the database; return its URL."""
        if os.geteuid() == 0 and self.run_as is None:
            self.run_as = self._pick_unprivileged_user()
        self.root = Path(tempfile.mkdtemp(prefix="advisor-pg-", dir=_temp_base(self.run_as is not None)))
        self.socket_dir.mkdir()
        if self.run_as is not None:
            entry = pwd.getpwnam(self.run_as)
            for path in (self.root, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
            os.chmod(self.root, 0o700)

        initdb = self._run(
            [
                str(self.bin_dir / "initdb"),
                "--pgdata",
                str(self.data_dir),
                "--username",
                self.superuser,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        if initdb.returncode != 0:
            raise PostgresError(f"initdb failed (exit {initdb.returncode}):\n{initdb.stdout}\n{initdb.stderr}")
        self._configure()

        last_error = ""
        for _attempt in range(3):  # another process may take the port between picking and binding it
            self.port = free_port()
            self._write_port()
            started = self._run(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "start",
                    "--pgdata",
                    str(self.data_dir),
                    "--log",
                    str(self.log_file),
                    "--wait",
                    "--timeout",
                    str(START_TIMEOUT),
                ],
                timeout=START_TIMEOUT + 10,
            )
            if started.returncode == 0:
                self._started = True
                self._postmaster_pid = self._read_postmaster_pid()
                break
            self._kill_leftover()  # it may be half up
            last_error = f"{started.stdout}\n{started.stderr}\n--- server log ---\n{self._log_tail()}"
            if "address already in use" not in last_error.lower():
                break
        if not self._started:
            raise PostgresError(f"pg_ctl start failed:\n{last_error}")

        self.create_database(self.database)
        return self.url()

    def _pick_unprivileged_user(self) -> str:
        for name in UNPRIVILEGED_USERS:
            try:
                entry = pwd.getpwnam(name)
            except KeyError:
                continue
            probe = Path(tempfile.mkdtemp(prefix="advisor-pg-probe-", dir=_temp_base(True)))
            try:
                os.chown(probe, entry.pw_uid, entry.pw_gid)
            except OSError:
                continue
            finally:
                shutil.rmtree(probe, ignore_errors=True)
            return name
        raise PostgresError(
            "PostgreSQL cannot run as root and none of the users "
            f"{', '.join(UNPRIVILEGED_USERS)} can own files here; run the tests as a normal user"
        )

    def _configure(self) -> None:
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "50",
            "shared_buffers": "32MB",
            "log_min_messages": "warning",
            "logging_collector": "off",
            "timezone": "'UTC'",
        }
        conf = self.data_dir / "postgresql.conf"
        with conf.open("a", encoding="utf-8") as handle:
            handle.write("\n# integration tests\n")
            for name, value in settings.items():
                handle.write(f"{name} = {value}\n")
        # Loopback TCP only, no password (initdb --auth trust wrote the same; make sure).
        (self.data_dir / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n",
            encoding="utf-8",
        )

    def _write_port(self) -> None:
        # The last setting wins, so appending a port line is enough on every attempt.
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as handle:
            handle.write(f"port = {self.port}\n")

    def cpu_seconds(self) -> float | None:
        """CPU time the server has used so far: its postmaster and every connection's backend
        (those alive and those that ended). None when it is not running or /proc has no such figure."""
        pid = self._postmaster_pid if self._started else None
        return cpu_seconds_with_children(pid) if pid is not None else None

    def _read_postmaster_pid(self) -> int | None:
        try:
            return int((self.data_dir / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _kill_leftover(self) -> None:
        pid = self._postmaster_pid or self._read_postmaster_pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except (ProcessLookupError, PermissionError):
                return
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (immediate mode) and delete its directory. Safe to call twice."""
        try:
            if self._started and self.root is not None and self.data_dir.exists():
                self._postmaster_pid = self._postmaster_pid or self._read_postmaster_pid()
                with contextlib.suppress(PostgresError):
                    self._run(
                        [
                            str(self.bin_dir / "pg_ctl"),
                            "stop",
                            "--pgdata",
                            str(self.data_dir),
                            "--mode",
                            "immediate",
                            "--wait",
                            "--timeout",
                            str(STOP_TIMEOUT),
                        ],
                        timeout=STOP_TIMEOUT + 10,
                    )
                self._kill_leftover()
        finally:
            self._started = False
            if self.root is not None:
                shutil.rmtree(self.root, ignore_errors=True)
                self.root = None

    # --- databases -----------------------------------------------------------------

    def create_database(self, name: str) -> str:
        import psycopg

        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"unsafe database name {name!r}")
        with psycopg.connect(
            host=self.host, port=self.port, user=self.superuser, dbname="postgres", autocommit=True, connect_timeout=10
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def fresh_database(url: str, prefix: str = "test") -> str:
    """Create a new, empty database on the server behind `url`; return its URL."""
    import psycopg
    from sqlalchemy import make_url

    parsed = make_url(url)
    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return parsed.set(database=name).render_as_string(hide_password=False)


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """A started server that is always stopped and removed on leaving the block."""
    bin_dir = find_postgres_bin_dir()
    if bin_dir is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    server = PostgresServer(bin_dir=bin_dir)
    atexit.register(server.stop)  # in case the session is torn down abnormally
    try:
        try:
            server.start()
        except PostgresError as error:
            pytest.fail(f"could not start PostgreSQL from {bin_dir}: {error}", pytrace=False)
        yield server
    finally:
        server.stop()
        atexit.unregister(server.stop)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """SQLAlchemy URL of a database on a PostgreSQL server started for this session."""
    with running_postgres() as server:
        yield server.url()
