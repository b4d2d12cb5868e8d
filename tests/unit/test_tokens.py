"""Our count of prompt tokens against the tokenizers that bill them.

The count must never be below what a model bills (a reservation would then be short), and
not far above it (routing and budgets would turn questions away for nothing). The exact
counts come from tiktoken's o200k_base (OpenAI's current models) and cl100k_base, from the
copies LiteLLM bundles; the prompts are the real ones, built for every question of the
routing sets by the advisor itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.advisor.service import Advisor
from bot.domain import tokens
from bot.domain.conversation import Turn
from bot.domain.intents import classify
from bot.domain.plan import CompanyProfile
from bot.domain.tokens import (
    REPLY_PRIMING_TOKENS,
    TOKENS_PER_MESSAGE,
    at_most,
    beyond_estimate,
    count_prompt_tokens,
    estimate,
)
from bot.llm import prompts
from bot.settings import Settings
from tests.fakes.openai_server import bundled_encoding

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]
# How far above the exact count ours may be on a real prompt: the estimate errs high by
# design, and a reservation adds its own margin on top.
MOST_ABOVE = 1.35

ENCODINGS = ("o200k_base", "cl100k_base")


def billed(messages: list[dict[str, str]], encoding: str) -> int:
    """Prompt tokens as OpenAI bills chat messages, with `encoding`."""
    counter = bundled_encoding(encoding)
    return REPLY_PRIMING_TOKENS + sum(
        TOKENS_PER_MESSAGE + len(counter.encode(message["content"], disallowed_special=())) for message in messages
    )


@pytest.fixture(scope="module")
def real_prompts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, list[dict[str, str]], list[str]]]:
    """Every question of both routing sets as the advisor would send it to a model."""
    folder = tmp_path_factory.mktemp("prompts")
    settings = Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite:///{folder / 'advisor.db'}",  # type: ignore[call-arg]
        ADVISOR_MODELS=str(ROOT / "catalog" / "models.yaml"),
    )
    advisor = Advisor(settings)
    asker = advisor.asker()
    built = []
    for name in ("routing_dev.yaml", "routing_holdout.yaml"):
        items: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["questions"]
        for item in items:
            question = item["question"].strip()
            intent = classify(question, advisor.catalog, settings.language)
            prepared = advisor.open_questions.prepare(question, intent, asker)
            built.append((question, prepared.messages, prompts.written_by_asker(question)))
    advisor.database.dispose()
    return built


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_the_count_of_every_real_prompt_is_at_or_above_the_billed_count(real_prompts, encoding):
    for question, messages, asker_wrote in real_prompts:
        assert count_prompt_tokens(messages) + beyond_estimate(asker_wrote) >= billed(messages, encoding), question


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_the_prose_estimate_of_every_real_prompt_is_a_little_above_the_billed_count(real_prompts, encoding):
    """Read as prose throughout, asker's words included, every prompt is counted a little high."""
    ratios = []
    for question, messages, _ in real_prompts:
        ours, exact = count_prompt_tokens(messages), billed(messages, encoding)
        assert ours >= exact, f"{ours} < {exact} ({encoding}) for: {question}"
        ratios.append(ours / exact)
    assert len(ratios) > 150
    assert max(ratios) <= MOST_ABOVE, f"up to {max(ratios):.2f}× the {encoding} count"


def test_our_own_prose_alone_is_estimated_at_or_above_o200k(real_prompts):
    for question, messages, _ in real_prompts:
        system = messages[0]["content"]
        assert estimate(system) >= len(bundled_encoding().encode(system)), question


@pytest.mark.parametrize("encoding", ENCODINGS)
@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400))
def test_no_text_an_asker_writes_takes_more_tokens_than_its_count(encoding, text):
    assert at_most(text) >= len(bundled_encoding(encoding).encode(text, disallowed_special=()))
    messages = [{"role": "user", "content": text}]
    assert count_prompt_tokens(messages) + beyond_estimate([text]) >= billed(messages, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "xq7Vb9Kz2mPw" * 50,  # a pasted key or hash
        "".join(chr(code) for code in range(0x4E00, 0x4E00 + 600, 3)),  # rare kanji, two or three tokens each
        "🙂🚀🧾" * 100,
        "Straße Ærø façade naïve " * 40,
    ],
)
def test_unusual_text_the_asker_wrote_is_counted_high_enough(text):
    messages = [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": f"Question: {text}"}]
    ours = count_prompt_tokens(messages) + beyond_estimate([text])
    assert all(ours >= billed(messages, encoding) for encoding in ENCODINGS)


def test_the_estimate_follows_the_kinds_of_characters():
    assert estimate("") == 0
    assert estimate("the cat") == 2
    assert estimate("transcription") == 2  # one token per seven letters after the first
    assert estimate("1234567") == 3  # groups of three digits
    assert estimate("議事録") == 4  # 1.1 a character, rounded up
    assert estimate("a\n\nb") == 3
    assert estimate("é") == 2  # other scripts: their bytes


@settings(max_examples=500, deadline=None)
@given(text=st.text(st.sampled_from("ab é7.,-!議\n \t🙂Z"), max_size=300))
def test_counting_a_text_line_by_line_gives_what_counting_it_whole_does(text):
    whole = tokens._count(text)
    assert estimate(text) == whole
    assert estimate(text) == whole  # and again, its lines remembered
    long_line = "word " * (tokens.LONGEST_LINE_REMEMBERED // 4) + text
    assert estimate(long_line) == tokens._count(long_line)


def test_what_the_asker_wrote_is_the_question_their_profile_names_and_their_earlier_questions():
    company = CompanyProfile.model_validate(
        {
            "name": "Café Mori",
            "hourly_cost": 1500,
            "currency": "JPY",
            "tasks": [{"task": "email", "label": "予約メール", "volume": 40, "period": "week", "minutes_before": 5}],
        }
    )
    history = [Turn(role="user", text="Which tool transcribes calls?"), Turn(role="assistant", text="Otter.ai.")]
    wrote = prompts.written_by_asker("And in Japanese?", company, history)
    assert wrote == ["And in Japanese?", "Café Mori", "予約メール", "Which tool transcribes calls?"]
    assert prompts.written_by_asker("x" * 20_000) == ["x" * prompts.MAX_QUESTION_CHARS]
