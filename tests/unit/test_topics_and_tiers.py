"""The routing dev set end to end, and the off-topic gate and the tier rules one by one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.domain.intents import ZERO_TOKEN_PATHS, Intent, classify
from bot.domain.tiers import needed_tier
from bot.domain.topics import request_part, topic_verdict

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "routing_dev.yaml"

# Open questions that may land on a zero-token path because they name a tool or task
# the catalog knows: a cheaper answer than intended, never a dearer one.
MAX_OPEN_QUESTIONS_ANSWERED_FROM_DATA = 3
MAX_TIER_3_UNDER_ROUTED = 0.05
# Measured 1.00 on this set when it was written; the floor leaves room for the rules to
# trade a few labels for better behaviour on questions outside the set.
MIN_TIER_ACCURACY = 0.85


def _dev_set() -> list[dict[str, Any]]:
    return yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))["questions"]


@pytest.fixture(scope="module")
def routed(catalog) -> list[tuple[dict[str, Any], Intent]]:
    return [(item, classify(item["question"], catalog)) for item in _dev_set()]


# --- the dev set itself


def test_dev_set_covers_every_path_in_both_languages():
    items = _dev_set()
    paths = Counter(item["path"] for item in items)
    languages = Counter(item["language"] for item in items)
    tiers = Counter(item["tier"] for item in items if item["path"] == "llm")
    assert len(items) >= 90
    assert abs(languages["en"] - languages["ja"]) <= len(items) * 0.1
    assert sum(paths[path] for path in ZERO_TOKEN_PATHS) >= 30 and all(paths[path] for path in ZERO_TOKEN_PATHS)
    assert paths["refused"] >= 15 and paths["llm"] >= 45
    assert tiers[3] >= 10 and tiers[1] and tiers[2]
    assert sum(len(item["question"]) >= 1500 for item in items if item.get("tier") == 3) >= 3
    assert all(("tier" in item) == (item["path"] == "llm") for item in items)


# --- routing over the whole dev set


def test_every_question_is_read_in_the_language_it_was_asked_in(routed):
    wrong = [(item["question"][:60], intent.language) for item, intent in routed if intent.language != item["language"]]
    assert wrong == []


def test_zero_token_questions_never_reach_a_model(routed):
    wrong = [
        (item["path"], intent.path, item["question"][:80])
        for item, intent in routed
        if item["path"] in ZERO_TOKEN_PATHS and intent.path != item["path"]
    ]
    assert wrong == []


def test_every_off_topic_request_is_refused(routed):
    wrong = [
        (intent.path, item["question"][:80])
        for item, intent in routed
        if item["path"] == "refused" and intent.path != "refused"
    ]
    assert wrong == []


def test_open_questions_are_never_refused_and_rarely_answered_from_data(routed):
    open_questions = [(item, intent) for item, intent in routed if item["path"] == "llm"]
    refused = [item["question"][:80] for item, intent in open_questions if intent.path == "refused"]
    from_data = [
        (intent.path, item["question"][:80]) for item, intent in open_questions if intent.path in ZERO_TOKEN_PATHS
    ]
    print(f"open questions answered from data: {len(from_data)}", *from_data, sep="\n  ")
    assert refused == []
    assert len(from_data) <= MAX_OPEN_QUESTIONS_ANSWERED_FROM_DATA


def test_needed_tier_on_the_open_questions(routed):
    open_questions = [item for item, _ in routed if item["path"] == "llm"]
    predicted = [(item["tier"], needed_tier(item["question"], item["language"]).tier) for item in open_questions]
    accuracy = sum(expected == got for expected, got in predicted) / len(predicted)
    tier_3 = [got for expected, got in predicted if expected == 3]
    under_routed = sum(got < 3 for got in tier_3) / len(tier_3)
    print(f"tier accuracy {accuracy:.2f} on {len(predicted)}; tier 3 under-routed {under_routed:.2%} of {len(tier_3)}")
    assert under_routed <= MAX_TIER_3_UNDER_ROUTED
    assert accuracy >= MIN_TIER_ACCURACY


def test_open_questions_that_reach_a_model_carry_the_tier_they_need(routed):
    for item, intent in routed:
        if intent.path == "llm":
            assert intent.tier_need == needed_tier(item["question"], intent.language)


# --- the off-topic gate


@pytest.mark.parametrize(
    "question",
    [
        "Should we build a custom coding assistant or just buy Copilot?",
        "Can AI translate our menu into English for tourists?",
        "Our staff keep asking ChatGPT to fix Excel formulas. Is that a good use?",
        "Our clinic's patients describe symptoms by phone; could an AI receptionist take notes?",
        "Can AI help our law office with inheritance cases?",
        "We make weather-dependent deliveries; can AI forecast demand?",
        "How do we solve the problem of late replies to customers?",
        "How are you planning to handle our data?",
        "What's the capital cost of building our own AI?",
        "試合の動画を自動で編集するAIはある？",
        "うちは居酒屋です。レシピの原価計算にAIは使えますか？",
        "天気に左右される来店数をAIで予測できますか？",
        "翻訳会社に頼むのとAI翻訳、どちらがいい？",
        "コードを書けない社員でもAIを使えますか？",
        "相続の書類作成を事務所で効率化したい",
        "How can we use ChatGPT to write our monthly newsletter?",
        "Is it legal to paste customer data into ChatGPT?",
        "AIで就業規則の改定案を作っても大丈夫ですか？",
        "Which AI tool writes good ad copy for a bakery?",
    ],
)
def test_business_questions_with_off_topic_words_are_not_refused(catalog, question):
    assert classify(question, catalog).path != "refused"


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Write a haiku about our shop.", "creative_writing"),
        ("How do I write a Python loop?", "coding_help"),
        ("このPythonのエラーを直して：IndexError: list index out of range", "coding_help"),
        ("What's 120 times 35?", "homework"),
        ("Please translate the following into Japanese: our store will be closed on Monday.", "translation_job"),
        ("明日は雨が降る？", "weather"),
        ("Who invented the telephone?", "trivia"),
        ("日本で一番高い山は？", "trivia"),
        ("カレーのレシピを教えて", "recipe"),
        ("Should I see a doctor about this headache?", "medical_advice"),
        ("My landlord won't return my deposit. Can I sue?", "legal_advice"),
        ("hello", "chit_chat"),
        ("おはようございます", "chit_chat"),
        # about AI, and still a text written for the asker, a chat, or legal and tax advice
        ("Could you write a funny poem about Copilot for the office party?", "creative_writing"),
        ("生成AIをテーマにした川柳を一句お願い", "creative_writing"),
        ("秋の新メニューのキャッチコピーを5個考えて", "creative_writing"),
        ("Draft a marketing email for our summer sale, 10% off everything.", "creative_writing"),
        ("you're the best bot, how was your day?", "chit_chat"),
        ("今週のおひつじ座の運勢を教えて", "chit_chat"),
        ("Our part-timer says we owe him overtime pay. Is he legally right?", "legal_advice"),
        ("有給休暇を買い取るのは法的に問題ありますか？", "legal_advice"),
        ("青色申告の控除はいくらまで受けられますか？", "legal_advice"),
        ("I hurt my shoulder moving stock; which painkiller is best?", "medical_advice"),
    ],
)
def test_off_topic_requests_are_refused_with_their_subject(catalog, question, subject):
    intent = classify(question, catalog)
    assert intent.path == "refused" and intent.refusal is not None and intent.refusal.subject == subject


def test_business_words_do_not_turn_a_translation_job_into_advice(catalog):
    """A job for the asker stays a job even when it is for the business; only AI in the request saves it."""
    job = "Translate this email to our customer into English: 納期が一週間遅れます。申し訳ございません。"
    assert topic_verdict(job, classify(job, catalog).names_tools_or_tasks).subject == "translation_job"
    advice = "Can AI translate this email to our customer into English well enough to send?"
    assert not topic_verdict(advice, classify(advice, catalog).names_tools_or_tasks).off_topic


def test_ai_words_in_pasted_text_do_not_save_a_job(catalog):
    question = "Translate this into Japanese: We are adopting AI tools and a chatbot across the company."
    assert request_part(question.lower()) == "translate this into japanese"
    assert classify(question, catalog).path == "refused"


def test_a_colon_before_a_question_does_not_hide_the_question(catalog):
    assert request_part("quick question: which transcription tool is cheapest?") == (
        "quick question: which transcription tool is cheapest?"
    )
    assert classify("Quick question: which transcription tool is cheapest?", catalog).path == "catalog"


def test_the_refusal_says_why_in_the_askers_language(catalog):
    english = classify("What's the weather in Sapporo this weekend?", catalog)
    japanese = classify("明日の東京の天気は？", catalog)
    assert english.refusal is not None and japanese.refusal is not None
    assert "AI tools" in english.refusal.reason("en")
    assert "AIツール" in japanese.refusal.reason("ja") and "天気" in japanese.refusal.reason("ja")


# --- the tier rules


def test_short_factual_questions_need_only_a_small_model():
    short = [("What is RAG?", "en"), ("RAGとは何ですか？", "ja"), ("Do we need a paid plan for 5 people?", "en")]
    for question, language in short:
        need = needed_tier(question, language)
        assert need.tier == 1, (question, need)


def test_several_constraints_need_a_strong_model_and_the_reason_names_them():
    need = needed_tier(
        "For our 20-person office, with a budget of 30,000 yen a month and client data that must stay private, "
        "is Claude or ChatGPT better for Japanese documents?",
        "en",
    )
    assert need.tier == 3
    assert need.reason.startswith("Several constraints to weigh (budget, privacy, languages, headcount)")
    constraints = {"constraint:budget", "constraint:privacy", "constraint:language", "constraint:headcount"}
    assert constraints <= set(need.signals)


def test_a_short_japanese_question_with_several_constraints_is_not_under_routed_for_its_length():
    question = "社員20名、予算は月3万円、個人情報あり。英語対応のチャットボットは？"
    assert len(question) < 40
    need = needed_tier(question, "ja")
    assert need.tier == 3 and "予算" in need.reason and "高性能" in need.reason


def test_length_counts_in_each_languages_own_terms():
    japanese = "当社の業務の流れは次のとおりです。" + "受注から出荷までの確認作業を毎日手作業で行っています。" * 25
    english = "We check every order by hand before it ships, which takes a while each day. " * 12
    assert 600 < len(japanese) < 1500 and 600 < len(english) < 1500
    assert needed_tier(japanese, "ja").tier == 3
    assert needed_tier(english, "en").tier < 3


def test_pasted_paragraphs_need_a_strong_model_even_when_short():
    question = (
        "Our shop has three problems.\n\nReplies to reviews are late.\n\nFlyers take too long.\n\nWhat should we do?"
    )
    need = needed_tier(question, "en")
    assert need.tier == 3 and need.reason.startswith("A long pasted text")


def test_comparing_named_products_needs_a_mid_range_model():
    need = needed_tier("Notion AIとGoogle Workspaceのどちらが社内マニュアル向き？", "ja")
    assert need.tier == 2 and need.reason == "いくつかの選択肢を比べるため、中程度のモデルを使います。"
