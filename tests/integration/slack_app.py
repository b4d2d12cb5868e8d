"""The real Slack app (Bolt `AsyncApp` behind its aiohttp server) on 127.0.0.1, for the tests.

It runs on its own event loop in a background thread, like the stand-in servers (see
`tests.fakes.loopback`), so a test sends signed requests over real HTTP and waits for the
Web API calls the app makes. Work the app leaves running on that loop (LiteLLM's logging
worker) is cancelled when it stops.
"""

from __future__ import annotations

from aiohttp import web

from bot.advisor.service import Advisor
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.server import EVENTS_PATH, http_application
from tests.fakes.loopback import LoopbackServer


class RunningSlackApp(LoopbackServer):
    """The app of `settings` with its own `Advisor`, whose database is migrated at once."""

    name = "the Slack app"
    thread_name = "slack-app"
    stop_timeout = 10.0

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.advisor = Advisor(settings)
        self.advisor.database.session().close()  # migrations before the first request

    @property
    def url(self) -> str:
        return f"{self.origin}{EVENTS_PATH}"

    @property
    def base_url(self) -> str:
        return self.origin

    def _application(self) -> web.Application:
        secret = self.settings.slack_signing_secret
        assert secret is not None, "HTTP mode needs SLACK_SIGNING_SECRET"
        return http_application(build_app(self.settings, self.advisor), self.advisor, secret.get_secret_value())

    def stop(self) -> None:
        try:
            super().stop()
        finally:
            self.advisor.database.engine.dispose()
