"""An aiohttp application served on 127.0.0.1 from a background thread, for tests.

The stand-in servers (`FakeOpenAI`, `FakeSlack`) and the real Slack app under test
(`tests.integration.slack_app.RunningSlackApp`) all run this way: on an event loop of
their own in a daemon thread, so synchronous and asynchronous tests can both use them and
requests are served concurrently. `LoopbackServer` is that lifecycle; a subclass gives the
application to serve, a name for error messages and one for its thread::

    class Echo(LoopbackServer):
        name = "the echo server"
        thread_name = "echo"

        def _application(self) -> web.Application:
            ...

    with Echo() as server:
        httpx.get(f"{server.origin}/echo")

`start()` binds a port the system chooses and returns once the application listens; it
raises when that takes longer than `START_TIMEOUT`, or when it fails, the reason chained.
`stop()` wakes whatever waits in `_pause`, stops the application, cancels the tasks still
running on the server's loop, closes the loop and joins the thread, all within
`stop_timeout` seconds or it raises.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import socket
import threading
from typing import ClassVar, Self

from aiohttp import web

HOST = "127.0.0.1"
START_TIMEOUT = 10.0  # seconds to wait for the server thread to listen
STOP_TIMEOUT = 5.0  # seconds to wait for the server thread to finish
SHUTDOWN_GRACE = 1.0  # seconds aiohttp waits for unfinished handlers at stop


class LoopbackServer(abc.ABC):
    """Serves `_application()` on `HOST` from its own event loop in a background thread.

    Use it as a context manager (or `start()`/`stop()`); it can be started again after
    it stopped, on a new port.
    """

    name: ClassVar[str]
    """What error messages call the server, e.g. ``the fake Slack server``."""
    thread_name: ClassVar[str]
    stop_timeout: ClassVar[float] = STOP_TIMEOUT
    """Seconds `stop()` waits for the thread; longer for an application slow to wind down."""

    def __init__(self) -> None:
        self._port: int | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None

    @abc.abstractmethod
    def _application(self) -> web.Application:
        """The application to serve; called at every `start()`, on the server's loop."""

    @property
    def port(self) -> int:
        """The loopback port, chosen by the system at `start()`."""
        if self._port is None:
            raise RuntimeError("the server is not running")
        return self._port

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{HOST}:{self.port}"

    def start(self) -> Self:
        if self._thread is not None:
            raise RuntimeError("the server is already running")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, 0))
        self._port = sock.getsockname()[1]
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(sock, ready, failure), name=self.thread_name, daemon=True
        )
        self._thread.start()
        if not ready.wait(START_TIMEOUT):
            raise RuntimeError(f"{self.name} did not start within {START_TIMEOUT}s")
        if failure:
            self._thread.join(self.stop_timeout)
            self._thread = None
            self._port = None
            raise RuntimeError(f"{self.name} failed to start") from failure[0]
        return self

    def stop(self) -> None:
        """Stop serving; requests still waiting in `_pause` are cut short."""
        thread, loop, stopping = self._thread, self._loop, self._stopping
        if thread is None:
            return
        if loop is not None and stopping is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop finished meanwhile
                loop.call_soon_threadsafe(stopping.set)
        thread.join(self.stop_timeout)
        if thread.is_alive():
            raise RuntimeError(f"{self.name} did not stop within {self.stop_timeout}s")
        self._thread = None
        self._port = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _pause(self, seconds: float) -> None:
        """Sleep, but wake at once when the server is stopping so `stop()` never hangs."""
        if seconds <= 0 or self._stopping is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    def _run(self, sock: socket.socket, ready: threading.Event, failure: list[BaseException]) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve(sock, ready))
        except BaseException as error:  # reported to start(); the thread must end
            failure.append(error)
        finally:
            ready.set()
            loop.close()
            self._loop = None

    async def _serve(self, sock: socket.socket, ready: threading.Event) -> None:
        self._stopping = asyncio.Event()
        try:
            runner = web.AppRunner(self._application(), access_log=None, shutdown_timeout=SHUTDOWN_GRACE)
            await runner.setup()
            try:
                await web.SockSite(runner, sock).start()
                ready.set()
                await self._stopping.wait()
            finally:
                await runner.cleanup()
        finally:
            await _cancel_other_tasks()


async def _cancel_other_tasks() -> None:
    """Cancel the tasks an application left running on this loop, and let them end.

    Background work can outlive the handlers (LiteLLM's logging worker, for one); closing
    the loop under it would leave it pending, to be warned about at garbage collection.
    """
    others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
