"""Text for Slack: a model's Markdown as mrkdwn, escaping, and splitting to Slack's limits.

Slack reads `&`, `<` and `>` as control characters: `<@U123>` is a mention, `<url|text>` a
link. Everything else must arrive as `&amp;`, `&lt;`, `&gt;`, or a stray "<" swallows the
text after it. Slack's own tokens, and the links made here, pass through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_to_mrkdwn import SlackMarkdownConverter

SECTION_TEXT_LIMIT = 3_000
FENCE = "```"
_CLOSE_FENCE = "\n" + FENCE
_REOPEN_FENCE = FENCE + "\n"
_SMALLEST_LIMIT = 20  # room for a reopened and closed fence around some text

# Mentions, channels, special mentions, dates and links: what Slack itself parses.
SLACK_TOKEN = re.compile(r"<(?:[@#][A-Z0-9]+|![a-z]+(?:\^[^<>|\s]+)?|(?:https?|mailto):[^<>|\s]+)(?:\|[^<>\n]*)?>")

# Stashed pieces stand in the text as private-use characters around their index, which
# neither the converter nor the escaping touches.
_STASH_START, _STASH_END = "\ue000", "\ue001"
_STASHED = re.compile(f"{_STASH_START}(\\d+){_STASH_END}")

_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^`\n]*$")  # indented too: code inside a list item
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
# "[otter]" names a catalog entry; only "[text](url)" is a link.
_BRACKETED = re.compile(r"\[([^\[\]\n]+)\](?!\()")
_TASK_BOX = re.compile(r"^\s*[-*] $")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT_HEADING = re.compile(r"^([^\n]*\S)[^\S\n]*\n {0,3}=+[ \t]*$", re.MULTILINE)  # linear: see `_plain_headings`
_QUOTE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_CONVERTED_LINK = re.compile(r"<([^<>|\n]*)(?:\|([^<>\n]*))?>")
_LINK_TARGET = re.compile(r"(?:https?|mailto):[^<>|\s]+")
_DOUBLED_STARS = re.compile(r"\*{2,}")
_ENTITY = re.compile(r"&(?:amp|lt|gt);")


class _Stash:
    """Pieces of text set aside while the rest is converted, put back at the end."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def put(self, piece: str) -> str:
        self.pieces.append(piece)
        return f"{_STASH_START}{len(self.pieces) - 1}{_STASH_END}"

    def restore(self, text: str) -> str:
        # A stashed piece may hold another (a code span inside "[...]"), hence the loop.
        for _ in range(len(self.pieces) + 1):
            if _STASH_START not in text:
                break
            text = _STASHED.sub(lambda match: self.pieces[int(match.group(1))], text)
        return text


def _escape_characters(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape(text: str) -> str:
    """`&`, `<`, `>` escaped for Slack, keeping mentions, channel links and links as they are."""
    parts: list[str] = []
    position = 0
    for token in SLACK_TOKEN.finditer(text):
        parts.append(_escape_characters(text[position : token.start()]))
        parts.append(token.group(0))
        position = token.end()
    parts.append(_escape_characters(text[position:]))
    return "".join(parts)


def to_mrkdwn(markdown: str) -> str:
    """A model's Markdown as Slack mrkdwn: headings in bold, `**` as `*`, links as `<url|text>`.

    Code keeps its content (escaped, so that Slack shows it as written), "[otter]" stays
    literally "[otter]", and Slack's tokens in the text survive.
    """
    stash = _Stash()
    text = markdown.replace(_STASH_START, "").replace(_STASH_END, "")
    text = _stash_code_blocks(text, stash)
    text = _CODE_SPAN.sub(lambda match: stash.put(_code_span(match.group(2))), text)
    text = SLACK_TOKEN.sub(lambda match: stash.put(match.group(0)), text)
    text = _BRACKETED.sub(_bracket_stasher(text, stash), text)
    text = "\n".join(_escape_line(line) for line in text.split("\n"))
    text = _plain_headings(text)
    text = SlackMarkdownConverter().convert(text)
    text = _CONVERTED_LINK.sub(_link_or_words, text)
    text = _DOUBLED_STARS.sub("*", text)  # mrkdwn has no `**`; what the converter left is noise
    return stash.restore(text).strip()


def _stash_code_blocks(text: str, stash: _Stash) -> str:
    """Fenced code blocks as one placeholder line each; an unclosed fence runs to the end.

    A fence indented inside a list item takes its indentation off the code's lines.
    """
    lines: list[str] = []
    code: list[str] = []
    fence: str | None = None
    indent = ""
    for line in text.split("\n"):
        if fence is None:
            opening = _FENCE_LINE.match(line)
            if opening:
                fence, code, indent = opening.group(1), [], line[: len(line) - len(line.lstrip())]
            else:
                lines.append(line)
        elif line.strip() and set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
            lines.append(stash.put(_code_block(code)))
            fence = None
        else:
            code.append(line.removeprefix(indent))
    if fence is not None:
        lines.append(stash.put(_code_block(code)))
    return "\n".join(lines)


def _code_block(lines: list[str]) -> str:
    """Slack shows a language name after the fence as code, so the block goes without one."""
    content = "\n".join(lines).strip("\n")
    return f"{FENCE}\n{_escape_characters(content)}\n{FENCE}" if content.strip() else ""


def _code_span(content: str) -> str:
    return f"`{_escape_characters(content)}`"


def _bracket_stasher(text: str, stash: _Stash) -> Callable[[re.Match[str]], str]:
    """Keep "[id]" literal, except the boxes of a task list ("- [ ] to do"), which the converter draws."""

    def stash_bracket(match: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        if match.group(1) in (" ", "x", "X") and _TASK_BOX.match(text[line_start : match.start()]):
            return match.group(0)
        return stash.put(f"[{_escape_characters(match.group(1))}]")

    return stash_bracket


def _escape_line(line: str) -> str:
    """Escape a line of prose, keeping the `>` that starts a quote."""
    quote = _QUOTE_MARKERS.match(line)
    markers = quote.group(0) if quote else ""
    return markers + _escape_characters(line[len(markers) :])


def _link_or_words(link: re.Match[str]) -> str:
    """A link the converter made, if it points somewhere Slack can open; else its words.

    Everything else was escaped before converting, so each `<` here is the converter's:
    "[docs](/guide)" would become `</guide|docs>`, which Slack cannot show.
    """
    target, label = link.group(1), link.group(2)
    if _LINK_TARGET.fullmatch(target):
        return link.group(0)
    return f"{label} ({target})" if label else target


def _plain_headings(text: str) -> str:
    """Headings in the one form the converter knows ("# Title"), without bold inside.

    Indented headings, closing hashes ("## Title ##"), bold titles ("## **Title**") and
    underlined ones ("Title" over "=====") would otherwise keep their marks.
    """
    text = _SETEXT_HEADING.sub(r"# \1", text)

    def one_heading(match: re.Match[str]) -> str:
        title = (match.group(1) or "").replace("**", "").replace("__", "").strip()
        return f"# {title}" if title else ""

    return _ATX_HEADING.sub(one_heading, text)


# --- splitting --------------------------------------------------------------------------


def split_text(text: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """`text` in chunks of at most `limit` characters, none of them blank.

    Splits at a paragraph break if one fits, else a line break, else a space, else
    anywhere; never inside a Slack token. A chunk that ends inside a code block closes it
    and the next chunk opens it again, so that each renders on its own.
    """
    if limit < _SMALLEST_LIMIT:
        raise ValueError(f"limit must be at least {_SMALLEST_LIMIT} characters, not {limit}")
    chunks: list[str] = []
    reopen = ""
    rest = text.strip()
    while rest:
        if len(reopen) + len(rest) <= limit:
            chunks.append(reopen + rest)
            break
        cut, separator = _cut_point(rest, limit - len(reopen) - len(_CLOSE_FENCE))
        chunk = reopen + rest[:cut].rstrip()
        rest = rest[cut + separator :].lstrip("\n")
        inside_code = chunk.count(FENCE) % 2 == 1
        chunks.append(chunk + _CLOSE_FENCE if inside_code else chunk)
        reopen = _REOPEN_FENCE if inside_code else ""
    return chunks


def _cut_point(text: str, room: int) -> tuple[int, int]:
    """Where to end a chunk of at most `room` characters, and the separator's length there."""
    tokens = [match.span() for match in SLACK_TOKEN.finditer(text, 0, room + SECTION_TEXT_LIMIT)]
    for separator in ("\n\n", "\n", " "):
        starts = [match.start() for match in re.finditer(re.escape(separator), text[: room + len(separator)])]
        for start in reversed(starts):
            if start <= room and text[:start].strip() and not _inside(start, tokens):
                return start, len(separator)
    return _hard_cut(text, room, tokens), 0


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def _hard_cut(text: str, room: int, tokens: list[tuple[int, int]]) -> int:
    """A cut at `room`, moved back out of a Slack token, an entity (`&amp;`) or a run of backticks."""
    cut = room
    for start, end in tokens:
        if start < cut < end:
            cut = start
    for entity in _ENTITY.finditer(text, max(0, cut - 4), cut + 4):
        if entity.start() < cut < entity.end():
            cut = entity.start()
    while cut > 1 and text[cut - 1] == "`" == text[cut]:
        cut -= 1
    return cut if text[:cut].strip() else room


# --- previews ---------------------------------------------------------------------------

_LABELLED_LINK = re.compile(r"<(?:https?|mailto):[^<>|\s]+\|([^<>\n]*)>")
_BARE_LINK = re.compile(r"<((?:https?|mailto):[^<>|\s]+)>")
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~])")
_CUT_ENTITY_OR_TOKEN = re.compile(r"(?:&[a-z]*|<[^>]*)$")


def preview(mrkdwn: str, limit: int = 300) -> str:
    """A mrkdwn text as one plain line of at most `limit` characters, for notifications.

    Formatting marks go, links become their text; escaping and mentions stay, since
    Slack reads the notification text as mrkdwn too.
    """
    text = _LABELLED_LINK.sub(r"\1", mrkdwn)
    text = _BARE_LINK.sub(r"\1", text).replace("`", "")
    text = _EMPHASIS.sub(r"\2", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    text = text[: cut if cut > limit // 2 else limit - 1]
    return _CUT_ENTITY_OR_TOKEN.sub("", text).rstrip() + "…"
