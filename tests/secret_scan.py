"""Fails a test when one of the tests' own secrets shows up in a log record.

A handler on the root logger, for the whole session, reads every record that reaches it
at the levels the loggers are configured for (it changes no logger's level; its own is
DEBUG so that it drops nothing a test lets through, e.g. under ``caplog.at_level``). A
record whose message, exception or stack text holds a secret is noted; after each test
(and after its teardown) the notes fail that test, naming the logger and the secret but
never printing the secret itself. pytest's ``caplog`` keeps working: it has its own
handler, and this one only reads.

The secrets are listed here explicitly. Values shorter than `MIN_SECRET_LENGTH` are left
out, since they occur in ordinary text (the FakeOpenAI default key ``sk-test``, the
``secret`` and ``xoxb-1`` of the CLI tests).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import pytest

from tests.fakes.slack_requests import VERIFICATION_TOKEN
from tests.fakes.slack_server import DEFAULT_APP_TOKEN, DEFAULT_TOKEN

MIN_SECRET_LENGTH = 8
SHOWN_PREFIX = 4  # characters of a leaked secret a report may show

_LISTED: dict[str, str] = {
    # tests/fakes/slack_server.py, DEFAULT_TOKEN: the bot token FakeSlack accepts.
    "the FakeSlack bot token": DEFAULT_TOKEN,
    # tests/fakes/slack_server.py, DEFAULT_APP_TOKEN: the app-level token of Socket Mode.
    "the FakeSlack app-level token": DEFAULT_APP_TOKEN,
    # tests/integration/test_fake_slack_server.py: a second token FakeSlack is told to accept.
    "a second FakeSlack bot token": "xoxb-someone-else",
    # tests/integration/test_slack_app.py SECRET, test_fake_slack_server.py SIGNING_SECRET,
    # test_hostile_input.py (imports SECRET): the signing secret the app is started with.
    "the signing secret": "test-signing-secret",
    # tests/integration/test_fake_slack_server.py: the secret of a second signing party.
    "a second signing secret": "another-secret",
    # tests/integration/test_slack_app.py and test_fake_slack_server.py: the secret forged requests are signed with.
    "a forger's signing secret": "wrong-secret",
    # tests/fakes/slack_requests.py, VERIFICATION_TOKEN: the deprecated token in every payload.
    "the verification token": VERIFICATION_TOKEN,
    # tests/integration/test_fake_openai_server.py: model API keys FakeOpenAI is started with.
    "a workspace's model API key": "sk-workspace-a",
    "another workspace's model API key": "sk-workspace-b",
    "a stranger's model API key": "sk-someone-elses-key",
    # tests/integration/test_hostile_input.py, MODEL_API_KEY: the key FakeOpenAI is started with there.
    "the model API key": "sk-hostile-input-model-key",
}
SECRETS: dict[str, str] = {name: value for name, value in _LISTED.items() if len(value) >= MIN_SECRET_LENGTH}
"""The watched secrets by name."""


@dataclass(frozen=True)
class Leak:
    """A secret found in a record: which one and where, without the secret itself."""

    logger: str
    secret_name: str
    secret_start: str

    def __str__(self) -> str:
        return f"{self.secret_name} ({self.secret_start}…) in a record of the logger {self.logger!r}"


def record_text(record: logging.LogRecord) -> str:
    """What a formatter could print of a record: the message, the exception and the stack."""
    parts = [record.getMessage()]
    if record.exc_text:
        parts.append(record.exc_text)
    elif record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        parts.append(record.stack_info)
    return "\n".join(parts)


def leaks_in(record: logging.LogRecord) -> list[Leak]:
    text = record_text(record)
    return [Leak(record.name, name, value[:SHOWN_PREFIX]) for name, value in SECRETS.items() if value in text]


def describe(leaks: list[Leak]) -> str:
    return "a secret reached the logs: " + "; ".join(sorted({str(leak) for leak in leaks}))


class LeakWatch(logging.Handler):
    """Notes the leaks in the records it is handed; `take` returns and forgets them."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self._found: list[Leak] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            found = leaks_in(record)
        except Exception:  # a record that cannot be formatted; logging reports it as it does for any handler
            self.handleError(record)
            return
        self._found.extend(found)  # `handle` holds the handler's lock around `emit`

    def take(self) -> list[Leak]:
        self.acquire()
        try:
            found, self._found = self._found, []
        finally:
            self.release()
        return found


WATCH = LeakWatch()


def pytest_configure(config: pytest.Config) -> None:
    logging.getLogger().addHandler(WATCH)


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger().removeHandler(WATCH)


def _fail_on_leaks() -> None:
    if leaks := WATCH.take():
        pytest.fail(describe(leaks), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    """Records logged while the fixtures were set up and the test ran."""
    try:
        return (yield)
    finally:
        _fail_on_leaks()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """Records logged while the fixtures were torn down (reported as an error at teardown)."""
    try:
        return (yield)
    finally:
        _fail_on_leaks()
