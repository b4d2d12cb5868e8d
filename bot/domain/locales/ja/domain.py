"""Japanese messages of bot/domain/, bot/advisor/ and bot/cli/ (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {}
