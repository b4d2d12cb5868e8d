"""The languages the advisor speaks, and which one a question is in: Japanese if it has kana or kanji, else English."""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "ja"]

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def detect_language(text: str, default: str = "en") -> str:
    if _JAPANESE.search(text):
        return "ja"
    if re.search(r"[A-Za-z]", text):
        return "en"
    return default


def tools_speaking(language: str) -> Language | None:
    """The language a tool must work in to be offered: Japanese to a Japanese asker, any to others."""
    return "ja" if language == "ja" else None
