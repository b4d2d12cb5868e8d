"""How many tokens a prompt takes, counted without a tokenizer.

A model bills a prompt by its own tokenizer (OpenAI's o200k_base, Qwen's, ...). Loading one
of those tables costs memory in every process and time at start (docs/OPERATING.md), and would
still be the wrong table for the other providers. So we count the way a reservation needs:
never less than the model bills, and on the usual prompt not much more.

- Our own text (the prompt templates, the catalog's facts, the model's earlier answers) is
  prose, estimated by the kind of its characters: a token per English word of up to seven
  letters and one more per seven letters after that, a token per group of three digits,
  1.1 per Japanese character, one per run of line breaks, one per two ASCII symbols, and
  any other character by its UTF-8 bytes. On every prompt the advisor builds for the
  routing question sets (English and Japanese), this estimate of the whole prompt is 5 to
  31% above o200k_base's exact count (median 12%) and 4 to 14% above cl100k_base's.
- What the asker wrote (their question, their earlier questions in a thread, the names in
  their company profile) counts one token per UTF-8 byte. Byte-level BPE tokenizers, the
  kind every model we route to uses, spend at most one token on a byte, so no text,
  however unusual (a pasted key, rare kanji, emoji), can take more than this count. The
  price is a generous count for long questions: a question of 2,000 characters makes a
  prompt count about 2.7 times what it is billed, held only until its call settles.
- Each message adds what OpenAI adds to bill a chat message: 3 tokens, and 3 to prime the
  reply.

tests/unit/test_tokens.py measures all of this against tiktoken's exact counts.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping

TOKENS_PER_MESSAGE = 3
REPLY_PRIMING_TOKENS = 3

# Letters per token in an English word beyond its first: "the" and "cheapest" are one or two
# tokens, "transcription" two; a word of n letters is counted 1 + (n - 1) // 7.
LETTERS_PER_TOKEN = 7
DIGITS_PER_TOKEN = 3  # tokenizers split numbers into groups of up to three digits
CJK_TOKENS_PER_CHARACTER = 1.1  # kana, kanji and full-width forms; common kanji are one token
SYMBOLS_PER_TOKEN = 2  # runs of ASCII punctuation: "**", "--", ". " merge in pairs or so

_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_PIECES = re.compile(
    rf"(?P<word>[A-Za-z]+)|(?P<digits>[0-9]+)|(?P<cjk>[{_CJK}]+)|(?P<lines>\n+)"
    rf"|(?P<symbols>[!-/:-@\[-`{{-~]+)|(?P<other>[^\x00-\x7f{_CJK}]+)"
)


def estimate(text: str) -> int:
    """Tokens of prose we wrote ourselves: an estimate that errs a little high.

    No piece of text counted spans a line break except a run of them, so a text is its
    lines plus one token per run of line breaks; a line is counted once and remembered
    (`_line`): the prompt templates' lines and the catalog's facts recur in every prompt.
    """
    return sum(_line(line) for line in text.split("\n") if line) + len(_LINE_BREAKS.findall(text))


_LINE_BREAKS = re.compile(r"\n+")
LINES_REMEMBERED = 2048
LONGEST_LINE_REMEMBERED = 512  # characters; a longer line (a pasted text, say) is counted every time


def _line(line: str) -> int:
    if len(line) > LONGEST_LINE_REMEMBERED:
        return _count(line)
    return _remembered_line(line)


def _count(text: str) -> int:
    tokens = 0
    for piece in _PIECES.finditer(text):
        kind, run = piece.lastgroup, piece.group()
        if kind == "word":
            tokens += 1 + (len(run) - 1) // LETTERS_PER_TOKEN
        elif kind == "digits":
            tokens += math.ceil(len(run) / DIGITS_PER_TOKEN)
        elif kind == "cjk":
            tokens += math.ceil(len(run) * CJK_TOKENS_PER_CHARACTER)
        elif kind == "lines":
            tokens += 1
        elif kind == "symbols":
            tokens += math.ceil(len(run) / SYMBOLS_PER_TOKEN)
        else:
            tokens += len(run.encode("utf-8"))
    return tokens


_remembered_line = functools.lru_cache(maxsize=LINES_REMEMBERED)(_count)


def at_most(text: str) -> int:
    """The most tokens any byte-level BPE tokenizer spends on a text: its UTF-8 bytes."""
    return len(text.encode("utf-8"))


def count_prompt_tokens(messages: Iterable[Mapping[str, str]]) -> int:
    """Our estimate of a chat prompt's tokens, every text read as prose."""
    return REPLY_PRIMING_TOKENS + sum(TOKENS_PER_MESSAGE + estimate(message["content"]) for message in messages)


def beyond_estimate(asker_wrote: Iterable[str]) -> int:
    """What the asker's texts may take beyond their estimate: up to a token per byte each.

    A prompt holding them takes at most `count_prompt_tokens(messages) + beyond_estimate(texts)`,
    whatever they say; the estimate's margin (`domain.routing.with_margin`) need not cover it.
    """
    return sum(max(at_most(text) - estimate(text), 0) for text in asker_wrote)


def turn_tokens(turn_messages: list[dict[str, str]]) -> int:
    """Tokens of earlier turns: the asker's own words at most, the bot's replies estimated."""
    asker_wrote = [message["content"] for message in turn_messages if message["role"] == "user"]
    return count_prompt_tokens(turn_messages) + beyond_estimate(asker_wrote)
