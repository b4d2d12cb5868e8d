"""Each language's table of messages, keyed by the English message (see `bot.domain.messages`)."""

from __future__ import annotations

from bot.domain.locales import ja

TABLES: dict[str, dict[str, str]] = {"ja": ja.MESSAGES}
