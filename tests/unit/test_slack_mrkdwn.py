from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.slack.mrkdwn import SLACK_TOKEN, escape, preview, split_text, to_mrkdwn

HEADING_LINE = re.compile(r"^\s*#{1,6}(\s|$)", re.MULTILINE)
QUOTE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)


def outside_code(mrkdwn: str) -> str:
    """The text with code blocks and code spans taken out."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", mrkdwn, flags=re.DOTALL))


def non_whitespace(text: str) -> str:
    return "".join(text.split())


# --- to_mrkdwn ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("a < b", "a &lt; b"),
        ("R&D", "R&amp;D"),
        ("x > y", "x &gt; y"),
        ("- **bold** inside a list item", "• *bold* inside a list item"),
        ("## まとめ\n本文です", "*まとめ*\n本文です"),
        ("## **Summary**", "*Summary*"),
        ("# Title #", "*Title*"),
        ("  ## Indented", "*Indented*"),
        ("Underlined\n==========\ntext", "*Underlined*\ntext"),
        ("Use [otter] for meetings.", "Use [otter] for meetings."),
        ("[otter] and [Whisper](https://openai.com/) are cheap", "[otter] and <https://openai.com/|Whisper> are cheap"),
        ("[R&D notes](https://example.com/?a=1&b=2)", "<https://example.com/?a=1&amp;b=2|R&amp;D notes>"),
        ("[the guide](/guide)", "the guide (/guide)"),
        ("| tool | **price** |\n|---|---|\n| [otter] | ¥1,000 |", "*tool* | *price*\n[otter] | ¥1,000"),
        ("> quoted & kept", "> quoted &amp; kept"),
        ("- [ ] to do\n- [x] done", "• ☐ to do\n• ☑ done"),
        ("#hashtag and C#", "#hashtag and C#"),
    ],
)
def test_markdown_becomes_mrkdwn(markdown, expected):
    assert to_mrkdwn(markdown) == expected


def test_slack_tokens_in_an_answer_survive():
    text = "Ask <@U123ABC> in <#C42|general>, <!here>: see <https://example.com/a?b=1|the page>."
    assert to_mrkdwn(text) == text


def test_code_keeps_its_content_escaped_and_loses_the_language_name():
    markdown = "Run `a < b **x**` then:\n\n```python\n# not a heading\ny = x ** 2 & mask\n```\n\n**Done**"
    assert to_mrkdwn(markdown) == (
        "Run `a &lt; b **x**` then:\n\n```\n# not a heading\ny = x ** 2 &amp; mask\n```\n\n*Done*"
    )


def test_code_inside_a_list_item_loses_the_items_indentation():
    markdown = "1. Install:\n   ```bash\n   pip install 'x<2'\n     --quiet\n   ```\n2. **Run** it"
    assert to_mrkdwn(markdown) == "1. Install:\n```\npip install 'x&lt;2'\n  --quiet\n```\n2. *Run* it"


def test_an_unclosed_fence_runs_to_the_end():
    assert to_mrkdwn("Look:\n```\n<tag> **raw**") == "Look:\n```\n&lt;tag&gt; **raw**\n```"


def test_a_model_answer_keeps_no_markdown_marks():
    answer = (
        "# Recommendation\n\nFor **meeting minutes**, use [otter] (¥1,250 a month).\n\n"
        "## Steps\n1. **Try** the free plan\n2. Compare with [fireflies-ai]\n\n"
        "### Costs & savings\n| Task | **Saving** |\n|---|---|\n| Minutes | ¥53,000 |\n"
    )
    mrkdwn = to_mrkdwn(answer)
    assert "**" not in mrkdwn and not HEADING_LINE.search(mrkdwn)
    assert "*Recommendation*" in mrkdwn and "*Costs &amp; savings*" in mrkdwn
    assert "[otter]" in mrkdwn and "[fireflies-ai]" in mrkdwn


markdown_lines = st.lists(
    st.one_of(
        st.builds(
            lambda level, title: "#" * level + " " + title,
            st.integers(1, 6),
            st.sampled_from(["Summary", "まとめ", "**Bold title**", "A < B & C", "[otter] costs"]),
        ),
        st.sampled_from(
            [
                "- **bold** item",
                "plain text",
                "1. **first** step",
                "a <@U1> b",
                "[x](https://x.y)",
                "R&D > 3",
                "> quote",
                "| a | b |",
                "|---|---|",
                "```",
                "x = 1 ** 2",
                "",
                "*it*",
                "__u__",
            ]
        ),
    ),
    max_size=15,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(markdown_lines)
def test_no_heading_or_double_star_is_left_and_every_angle_bracket_is_slack_syntax(markdown):
    mrkdwn = to_mrkdwn(markdown)
    prose = outside_code(mrkdwn)
    assert "**" not in prose
    assert not HEADING_LINE.search(prose)
    bare = QUOTE_MARKERS.sub("", SLACK_TOKEN.sub("", mrkdwn))
    assert "<" not in bare and ">" not in bare


def test_a_very_long_line_is_converted_without_holding_the_event_loop():
    """A heading underlined with "=" was looked for in a way that took time growing with the
    square of a line's length: 1.8 s for one line of 16,000 characters, on the event loop that
    acknowledges Slack (the regular expression holds the interpreter all along, so this runs in
    a process of its own). A line of 200,000 takes a fraction of a second now, and minutes that way."""
    program = (
        "import sys\n"
        "from bot.slack.mrkdwn import to_mrkdwn\n"
        "words = 'word ' * 40_000\n"
        "sys.stdout.write(str(to_mrkdwn(f'Intro\\n{words}\\nEnd\\n=====') == f'Intro\\n{words.strip()}\\n*End*'))\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            timeout=20,
            cwd=Path(__file__).resolve().parents[2],
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("converting one line of 200,000 characters took more than 20 s")
    assert done.stdout == "True"


# --- escape -------------------------------------------------------------------------------


def test_escape_keeps_our_bullets_ids_mentions_and_commands():
    text = "• [otter] for <@U123> in <#C9>: run `advisor budget set` if spend < limit & R&D > 0"
    assert escape(text) == (
        "• [otter] for <@U123> in <#C9>: run `advisor budget set` if spend &lt; limit &amp; R&amp;D &gt; 0"
    )


def test_escape_leaves_a_lone_angle_bracket_that_looks_like_a_mention_escaped():
    assert escape("<@ not a mention") == "&lt;@ not a mention"


# --- split_text ---------------------------------------------------------------------------


def test_short_text_is_one_chunk():
    assert split_text("  hello\n") == ["hello"]


def test_blank_text_gives_no_chunks():
    assert split_text(" \n\n ") == []


def test_splits_at_a_paragraph_break_before_a_line_break():
    text = "first line\nsecond line\n\nthird paragraph"
    assert split_text(text, limit=30) == ["first line\nsecond line", "third paragraph"]


def test_splits_at_a_line_break_before_a_space():
    assert split_text("one two three\nfour five", limit=20) == ["one two three", "four five"]


def test_splits_at_a_space_before_cutting_a_word():
    assert split_text("alpha beta gamma delta", limit=20) == ["alpha beta gamma", "delta"]


def test_cuts_a_word_without_spaces_hard():
    chunks = split_text("x" * 50, limit=20)
    assert "".join(chunks) == "x" * 50 and all(len(chunk) <= 20 for chunk in chunks)


def test_a_cut_code_block_is_closed_and_reopened():
    code = "\n".join(f"line {number}" for number in range(12))
    chunks = split_text(f"Intro\n```\n{code}\n```\nOutro", limit=60)
    assert len(chunks) > 1
    assert all(chunk.count("```") % 2 == 0 for chunk in chunks)
    assert chunks[1].startswith("```\n")


def test_never_cuts_at_a_space_inside_a_link():
    link = "<https://example.com/page|a link with several words>"
    chunks = split_text(" ".join([link] * 6), limit=90)  # the limit falls inside the second link's words
    assert all(chunk.count("<") == chunk.count(">") == chunk.count(link) for chunk in chunks)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("a" * 16 + "<@U1234567890>", "a" * 16),
        ("a" * 14 + "&lt;&amp;" + "b" * 10, "a" * 14 + "&lt;"),
        ("a" * 19 + "```" + "b" * 10, "a" * 19),
    ],
)
def test_a_hard_cut_keeps_mentions_escapes_and_fences_whole(text, first):
    assert split_text(text, limit=24)[0] == first


def test_an_indented_link_longer_than_the_limit_is_cut_rather_than_left_blank():
    chunks = split_text("Intro\n    <https://example.com/" + "x" * 80 + ">", limit=40)
    assert all(chunk.strip() and len(chunk) <= 40 for chunk in chunks)


def test_a_limit_too_small_for_a_fence_is_refused():
    with pytest.raises(ValueError):
        split_text("text", limit=5)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cd\n\t<>&@日本"), max_size=400), st.integers(20, 120))
def test_chunks_fit_are_never_blank_and_keep_every_character(text, limit):
    chunks = split_text(text, limit)
    assert all(len(chunk.strip()) > 0 and len(chunk) <= limit for chunk in chunks)
    assert non_whitespace("".join(chunks)) == non_whitespace(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["```", "code line", "word " * 7, "", "x" * 30, "<@U1> said"]), max_size=30),
    st.integers(20, 100),
)
def test_code_blocks_stay_balanced_in_every_chunk(lines, limit):
    text = "\n".join(lines)
    chunks = split_text(text, limit)
    assert all(len(chunk.strip()) > 0 and len(chunk) <= limit for chunk in chunks)
    if text.count("```") % 2 == 0:
        assert all(chunk.count("```") % 2 == 0 for chunk in chunks)
    assert non_whitespace("".join(chunks)).replace("`", "") == non_whitespace(text).replace("`", "")


# --- preview ------------------------------------------------------------------------------


def test_preview_is_plain_and_short():
    mrkdwn = "*Start here*: use <https://otter.ai|Otter> &amp; _save_ `time`\n\n" + "more words " * 60
    text = preview(mrkdwn, 80)
    assert text.startswith("Start here: use Otter &amp; save time more words")
    assert len(text) <= 80 and text.endswith("…") and "*" not in text


def test_preview_never_ends_in_half_an_entity():
    assert preview("あ" * 10 + "&amp;" + "い" * 10, 13) == "あ" * 10 + "…"
