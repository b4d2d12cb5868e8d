"""Every text people read, written once: in English in the code, in other languages in a table each.

`say(language, message, **values)` gives `message` in `language`, its `{fields}` filled in
with `str.format` (a message is a format string: a brace it shows is written twice). The message, in English, is the key; `bot/domain/locales/<language>/`
holds that language's table (a dict from the English message to the translation), so
adding a language is adding one folder. Where one English message needs two different
translations, `context` tells them apart (the table's key is then "context|message").

tests/unit/test_messages.py reads every `say(...)` in the code and checks that each
language's table has each message, with the same fields, and nothing else.
"""

from __future__ import annotations

from bot.domain.locales import TABLES

CONTEXT_MARK = "|"


def say(language: str, message: str, context: str | None = None, **values: object) -> str:
    """`message` (English) in `language`, with `values` in its fields; English where a table lacks it."""
    table = TABLES.get(language)
    key = f"{context}{CONTEXT_MARK}{message}" if context else message
    text = table.get(key, message) if table is not None else message
    return text.format(**values)
