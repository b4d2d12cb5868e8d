"""Every message in the code has its translation in every language's table, with the fields it fills."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from bot.domain.locales import TABLES
from bot.domain.messages import CONTEXT_MARK, say

BOT = Path(__file__).resolve().parents[2] / "bot"


def said() -> dict[str, list[str]]:
    """Each message key given to `say` in bot/ (context|message where a context is given), with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(BOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _name(node.func) == "say"):
                continue
            where = f"{path.relative_to(BOT.parent)}:{node.lineno}"
            assert len(node.args) >= 2, f"{where}: say(language, message, …) takes the message second"
            message = node.args[1]
            assert isinstance(message, ast.Constant) and isinstance(message.value, str), (
                f"{where}: the message must be a string literal, so that its translation can be found"
            )
            context = next((keyword.value for keyword in node.keywords if keyword.arg == "context"), None)
            if context is not None:
                assert isinstance(context, ast.Constant), f"{where}: the context must be a string literal"
            key = f"{context.value}{CONTEXT_MARK}{message.value}" if context is not None else message.value
            found.setdefault(key, []).append(where)
    return found


def _name(function: ast.expr) -> str | None:
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else None


def fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(TABLES))
def test_every_message_has_its_translation_and_the_table_nothing_else(language: str) -> None:
    used, table = said(), TABLES[language]
    missing = {key: where for key, where in used.items() if key not in table}
    assert not missing, f"{len(missing)} message(s) with no {language} translation: {missing}"
    stale = sorted(set(table) - set(used))
    assert not stale, f"{language} translations no code uses any more: {stale}"


@pytest.mark.parametrize("language", sorted(TABLES))
def test_a_translation_fills_only_fields_its_message_has(language: str) -> None:
    for key, translation in TABLES[language].items():
        message = key.split(CONTEXT_MARK, 1)[-1] if CONTEXT_MARK in key else key
        assert translation.strip(), f"{key!r}: empty translation"
        assert fields(translation) <= fields(message), f"{key!r}: {translation!r} fills fields the message lacks"


def test_say_gives_the_translation_with_its_fields_filled_and_english_otherwise() -> None:
    TABLES["ja"]["about {price} a month"] = "月およそ{price}"
    TABLES["ja"]["chart|Tier"] = "ティア"
    try:
        assert say("ja", "about {price} a month", price="¥2,100") == "月およそ¥2,100"
        assert say("en", "about {price} a month", price="¥2,100") == "about ¥2,100 a month"
        assert say("ja", "Tier", context="chart") == "ティア" and say("ja", "Tier") == "Tier"
        assert say("fr", "about {price:,.0f} a month", price=2100) == "about 2,100 a month"
    finally:
        del TABLES["ja"]["about {price} a month"], TABLES["ja"]["chart|Tier"]


def test_the_parts_of_a_language_never_translate_one_message_two_ways() -> None:
    """A language's table is merged from one module per part; a message in two of them must read the same."""
    import importlib
    import pkgutil

    import bot.domain.locales as locales

    for language in pkgutil.iter_modules(locales.__path__):
        package = importlib.import_module(f"{locales.__name__}.{language.name}")
        seen: dict[str, tuple[str, str]] = {}
        for part in pkgutil.iter_modules(package.__path__):
            for key, translation in importlib.import_module(f"{package.__name__}.{part.name}").MESSAGES.items():
                if key in seen:
                    assert seen[key][1] == translation, (
                        f"{key!r}: {seen[key][0]} and {part.name} translate it differently"
                    )
                seen[key] = (part.name, translation)


def test_there_is_one_way_to_write_two_languages() -> None:
    """No text is picked between an English and a Japanese literal any more: it is a message for `say`."""
    written_the_old_way = [
        f"{path.relative_to(BOT.parent)}:{node.lineno}"
        for path in sorted(BOT.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Call) and _name(node.func) == "pick")
        or (isinstance(node, ast.FunctionDef) and node.name == "pick")
    ]
    assert written_the_old_way == []
