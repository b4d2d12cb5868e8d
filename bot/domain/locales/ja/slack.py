"""Japanese messages of bot/slack/ (the English message → its Japanese)."""

MESSAGES: dict[str, str] = {}
