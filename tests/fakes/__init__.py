"""Stand-ins for the outside services the bot talks to, served on loopback."""

from tests.fakes.openai_server import FakeOpenAI, RecordedRequest, fake_openai

__all__ = ["FakeOpenAI", "RecordedRequest", "fake_openai"]
