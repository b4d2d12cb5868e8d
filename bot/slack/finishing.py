"""Listeners that finish their request whatever happens in them.

Bolt runs a listener beside the request and answers Slack once the listener acknowledges. When the
listener fails right after `ack()`, Bolt's runner (slack_bolt 1.30) drops the acknowledgement it had
and answers the request 404 three seconds later, as if nothing had acknowledged it. So every listener
is registered through `FinishingApp`, which catches what a listener raises: the request is
acknowledged if it was not yet, the failure is logged in one line (never the body: it carries the
request's verification token), and the person is told where Slack gave a way to reach them.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp

logger = logging.getLogger(__name__)

Listener = Callable[..., Awaitable[Any]]
OnFailure = Callable[[Exception, dict[str, Any]], Awaitable[None]]
ALWAYS_GIVEN = ("ack", "body", "context")
"""What every wrapped listener asks Bolt for, besides its own arguments, to finish a failed request."""


def finishing(function: Listener, on_failure: OnFailure) -> Listener:
    """`function` as a listener that never raises to Bolt; `on_failure` hears of what it raised."""
    own = inspect.getfullargspec(inspect.unwrap(function)).args

    async def listener(**given: Any) -> Any:
        try:
            return await function(**{name: given[name] for name in own})
        except Exception as error:
            ack = given["ack"]
            if getattr(ack, "response", None) is None:
                await ack()
            await on_failure(error, given)
            return None

    # Bolt passes a listener the arguments its signature names: its own, and what finishing needs.
    names = dict.fromkeys([*own, *ALWAYS_GIVEN])
    listener.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in names]
    )
    listener.__name__, listener.__qualname__ = function.__name__, function.__qualname__
    listener.__doc__ = function.__doc__
    return listener


class FinishingApp:
    """The app's listener decorators (`event`, `command`, `action`, `view`), each registering a finishing listener."""

    def __init__(self, app: AsyncApp, on_failure: OnFailure) -> None:
        self.app = app
        self.on_failure = on_failure

    def _decorator(self, register: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[Listener], Listener]:
        def decorate(function: Listener) -> Listener:
            register(*args, **kwargs)(finishing(function, self.on_failure))
            return function

        return decorate

    def event(self, *args: Any, **kwargs: Any) -> Callable[[Listener], Listener]:
        return self._decorator(self.app.event, *args, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Listener], Listener]:
        return self._decorator(self.app.command, *args, **kwargs)

    def action(self, *args: Any, **kwargs: Any) -> Callable[[Listener], Listener]:
        return self._decorator(self.app.action, *args, **kwargs)

    def view(self, *args: Any, **kwargs: Any) -> Callable[[Listener], Listener]:
        return self._decorator(self.app.view, *args, **kwargs)
