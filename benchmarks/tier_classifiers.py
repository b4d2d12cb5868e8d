"""Our needed-tier rules against LiteLLM's local complexity router.

    .venv/bin/python benchmarks/tier_classifiers.py

Both classifiers predict the model tier an open question needs. LiteLLM's four tiers map
to ours as SIMPLE -> 1, MEDIUM -> 2, COMPLEX and REASONING -> 3. For each classifier the
script prints:

- tier accuracy: the predicted tier equals the label;
- under-routing of tier 3: a question that needs a strong model predicted lower (the
  costly mistake: a weak model gives a poor answer to the hardest questions);
- over-routing: predicted higher than the label (money spent for nothing);
- mean classification time per question (best of several rounds).

Two question sets:

- the open questions (`path: llm`) of tests/data/routing_dev.yaml, which both
  configurations were developed on;
- LATER_QUESTIONS below: 60 questions written after the rules, in two batches of 30, and
  labelled before either classifier saw them. On first sight the first batch scored ours
  0.77 (4 of 10 tier-3 questions under-routed) and LiteLLM 0.73 (4 of 10); the second
  batch, after the rules had learnt from the first, ours 0.73 (1 of 10) and LiteLLM 0.67
  (5 of 10). Both classifiers were then given the general signals those misses exposed
  (lists of tasks, how-to questions, plan requests), so the figures printed for them now
  are no longer held-out.

LiteLLM's router is configured for this domain as well as its heuristic scorer allows:
its keyword lists are replaced by the same kinds of signal our rules read (constraints to
weigh, departments and tasks, plans and roadmaps, comparisons, requests for figures, short
factual questions), in English and Japanese, with custom dimensions for what its built-in
dimensions do not cover, and token thresholds set for its 4-characters-a-token estimate.
Its tier boundaries are the best of a small grid on the dev set, which flatters it.

No network: LiteLLM reads its bundled cost map, and any attempt to open a connection
fails loudly. Exit status 0.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.domain.language import detect_language  # noqa: E402
from bot.domain.tiers import needed_tier  # noqa: E402

HOLDOUT_SET = ROOT / "tests" / "data" / "routing_holdout.yaml"
DEV_SET = ROOT / "tests" / "data" / "routing_dev.yaml"
ROUNDS = 20

# Signals in the same families as bot/domain/tiers.py, written as LiteLLM keyword lists.
# Single ASCII words match on word boundaries, phrases and Japanese as substrings.
CONSTRAINT_WORDS = [
    "budget", "yen", "afford", "cost over", "privacy", "private", "confidential", "personal data",
    "client data", "patient", "security", "japanese", "english", "chinese", "multilingual", "staff",
    "employees", "people", "person", "no it", "small it team", "not comfortable", "deadline", "law",
    "legal", "regulation", "copyright", "integrate", "integration",
    "予算", "円", "費用", "個人情報", "機密", "守秘", "セキュリティ", "漏", "患者", "日本語", "英語", "中国語",
    "多言語", "従業員", "社員", "スタッフ", "期限", "以内", "エンジニアがいない", "ITスキル", "不慣れ", "苦手", "年配",
    "法令", "規制", "著作権", "誇大広告", "連携", "既存",
]  # fmt: skip
SCOPE_WORDS = [
    "sales", "accounting", "finance", "hr", "hiring", "recruitment", "marketing", "front desk", "factory",
    "warehouse", "purchasing", "back-office", "minutes", "transcription", "translation", "proposals",
    "quotations", "job listings", "inquiries", "chatbot", "reservations", "orders", "scheduling", "images",
    "copywriting", "reporting", "reviews", "manuals",
    "営業", "経理", "人事", "総務", "製造", "品質管理", "工場", "議事録", "日報", "文字起こし", "翻訳",
    "提案書", "見積", "求人", "問い合わせ", "予約", "発注", "シフト", "画像", "デザイン", "チラシ", "報告書",
    "口コミ", "マニュアル", "研修", "説明資料",
]  # fmt: skip
PLANNING_WORDS = [
    "roadmap", "phased", "phase", "each quarter", "in what order", "step by step", "plan", "timeline",
    "prioritise", "priorities", "over a year", "adoption plan", "month plan", "analyse", "analyze", "review",
    "evaluate", "assess", "red flag", "outline", "map out",
    "ロードマップ", "段階的", "フェーズ", "導入計画", "計画", "順番", "優先順位", "スケジュール", "半年", "1年間",
    "分析", "評価", "整理",
]  # fmt: skip
SIMPLE_WORDS = [
    "what is", "is it safe", "do we need", "can we", "what does", "mean",
    "とは", "大丈夫", "必要ですか", "問題ない", "いいですか",
]  # fmt: skip
COMPARISON_WORDS = [
    "compare", "versus", "vs", "pros and cons", "difference between", "better than", "which is better",
    "比較", "どちら", "違い", "メリット", "のうち", "迷って",
]  # fmt: skip
HOW_TO_WORDS = [
    "how should", "how can we", "how could", "how do we", "roll out", "trial plan", "explain", "and why",
    "walk us through", "set up", "setting up", "what should we check",
    "方法", "進め方", "手順", "どうすれば", "どう進め", "運用", "始めれば", "取り入れ", "どう決め", "どう保", "ポイントは",
]  # fmt: skip
FIGURES_WORDS = [
    "hours saved", "monthly cost", "cost estimate", "estimated", "annual cost", "expected savings", "roi",
    "試算", "概算", "費用対効果", "削減時間", "費用感", "見込み",
]  # fmt: skip

LITELLM_CONFIG: dict[str, Any] = {
    "tiers": {"SIMPLE": "tier-1", "MEDIUM": "tier-2", "COMPLEX": "tier-3", "REASONING": "tier-3-reasoning"},
    # Its estimate is 4 characters a token: 10 is about 40 characters, 375 about 1,500.
    "token_thresholds": {"simple": 10, "complex": 375},
    "dimension_weights": {
        "tokenCount": 0.30,
        "codePresence": 0.20,  # scope: departments and tasks (one scores half, two or more full)
        "reasoningMarkers": 0.25,  # plans, roadmaps, reviews (two or more promote to REASONING)
        "technicalTerms": 0.35,  # constraints (two score half, four or more full)
        "simpleIndicators": 0.10,
        "multiStepPatterns": 0.05,
        "questionComplexity": 0.02,
    },
    "code_keywords": SCOPE_WORDS,
    "reasoning_keywords": PLANNING_WORDS,
    "technical_keywords": CONSTRAINT_WORDS,
    "simple_keywords": SIMPLE_WORDS,
    "custom_dimensions": [
        {"name": "comparison", "weight": 0.20, "keywords": COMPARISON_WORDS},
        {"name": "howTo", "weight": 0.10, "keywords": HOW_TO_WORDS},
        {"name": "figures", "weight": 0.15, "keywords": FIGURES_WORDS},
        # Enumerations ("reception, records and scheduling", "記録、シフト、連絡"): several things at once.
        {
            "name": "enumeration",
            "weight": 0.15,
            "patterns": [r", [a-z' -]{1,30},? (?:and|or) [a-z]", r"[^、。]{1,15}、[^、。]{1,15}、"],
        },
        # Paragraph breaks and list lines: the shape of pasted material.
        {
            "name": "pastedText",
            "weight": 0.30,
            "scoring_mode": "match_count",
            "patterns": [r"\n[ \t]{0,4}\n", r"\n[ \t]{0,4}(?:[-*•・]|[0-9]{1,2}[.)]|[一二三四五六七八九十]{1,3}、)"],
        },
    ],
    "tier_boundaries": {"simple_medium": 0.10, "medium_complex": 0.50, "complex_reasoning": 0.60},
}

# Written after the rules and labelled before either classifier saw them (see above).
LATER_QUESTIONS: list[tuple[str, int]] = [
    # first batch
    ("Can we use ChatGPT to reply to Google reviews of our hotel?", 1),
    ("Is Microsoft Copilot worth it for a 6-person office?", 1),
    ("What happens to our data if we stop paying for an AI tool?", 1),
    ("Do AI meeting recorders need everyone's consent before recording?", 1),
    ("What's a prompt template, and should our staff use them?", 1),
    ("議事録AIは日本語の方言にも対応していますか？", 1),
    ("AIが作った文章をそのままお客様に送っても大丈夫ですか？", 1),
    ("無料のAI翻訳を業務で使うリスクは？", 1),
    ("ファインチューニングって小さい会社にも必要？", 1),
    ("AIツールの契約は年払いと月払いどちらがいい？", 1),
    (
        "We're a 12-person architecture firm. What are the trade-offs between Midjourney and Adobe Firefly for client mood boards, given copyright concerns?",
        2,
    ),
    ("How can our dental clinic use AI to write patient newsletters without giving medical advice by mistake?", 2),
    ("Outline a one-month pilot for an AI chatbot on our online shop's FAQ page.", 2),
    ("What's the difference between a chatbot that uses our FAQ and one that just uses ChatGPT's own knowledge?", 2),
    (
        "Our accountants want AI to categorise expenses. Should we use a feature in our accounting software or a general AI assistant, and why?",
        2,
    ),
    ("社内の問い合わせ（総務・経理への質問）にAIで答えたいです。どう始めればいいですか？", 2),
    ("ZoomのAI CompanionとNottaでは、日本語の会議の議事録はどちらが正確ですか？", 2),
    ("飲食店のメニュー説明を英語と中国語にAIで訳す場合、どのように確認体制を作ればいいですか？", 2),
    ("求人票をAIで書くとき、差別的な表現を避けるにはどうすればいいですか？", 2),
    ("小さな工務店です。見積書作成にAIを取り入れる手順を教えてください。", 2),
    (
        "We're a 30-person logistics company. Design a 6-month plan to bring AI into dispatch, customer updates and invoicing, with estimated monthly costs and which roles change.",
        3,
    ),
    (
        "Compare three ways to handle customer inquiries in English, Japanese and Korean for our 50-room hotel: a SaaS chatbot, a custom bot on the OpenAI API, or outsourcing to a call center. Consider a budget under 150,000 yen a month, guest privacy and night-time coverage.",
        3,
    ),
    (
        "Our 70-person clinic group wants AI across reception, medical record summaries and staff scheduling. Patient data is sensitive, we have a small IT team, and the board wants ROI figures. Where do we start and how do we phase it?",
        3,
    ),
    (
        "As a 20-person law firm handling confidential cases, we're considering AI for research, drafting and client intake. What are the risks, what would you allow or forbid, and how should we roll it out over a year?",
        3,
    ),
    (
        "従業員100名の食品メーカーです。営業、品質保証、総務、製造の各部門でAIをどう使えるか、優先順位と年間の費用感を含めて整理してください。",
        3,
    ),
    (
        "月10万円以内、社員40名、取引先の機密情報あり、英語の契約書も多い、という条件で、Microsoft 365 CopilotとChatGPT Enterpriseのどちらを導入すべきか比較してください。",
        3,
    ),
    (
        "介護施設（職員60名）です。記録業務、シフト作成、家族への連絡、研修の4つにAIを使いたいです。個人情報の扱いとITに不慣れな職員が多いことを踏まえ、半年の導入スケジュールを作ってください。",
        3,
    ),
    (
        "These were our five most common customer complaints last quarter at our online furniture store:\n1. Delivery dates changed without notice\n2. Slow replies to emails, often 3 days\n3. Assembly instructions hard to follow\n4. Wrong colour shipped\n5. Refund status unclear\nWhich of these could AI help with, and how would you tackle them?",
        3,
    ),
    (
        "地方のホテルです。最近の悩みをまとめました。\n\n外国人のお客様からの問い合わせが増え、英語と韓国語の対応に困っています。\n\n繁忙期のシフト調整に毎月丸一日かかっています。\n\nSNSの投稿が止まりがちで、写真や文章を用意する人がいません。\n\nどこからAIを使うと効果がありますか？",
        3,
    ),
    (
        "We want to cut admin time across sales, HR and finance by 30% within a year using AI, on a budget of $2,000 a month. What should we buy, and what's the timeline?",
        3,
    ),
    # second batch
    ("Does Claude keep a history of our chats that other staff can see?", 1),
    ("Can an AI tool read handwritten delivery slips?", 1),
    ("Is Gemini included if we already pay for Google Workspace?", 1),
    ("What does 'context window' mean when choosing an AI model?", 1),
    ("Should we ban staff from using personal ChatGPT accounts for work?", 1),
    ("AIで作ったロゴは商標登録できますか？", 1),
    ("CopilotはExcelの関数作りにも使えますか？", 1),
    ("AIに社外秘の資料を読ませるのは危険ですか？", 1),
    ("AIチャットボットは夜間の問い合わせにも対応できますか？", 1),
    ("生成AIの回答が古い情報のときはどうなりますか？", 1),
    (
        "Which is better for a 4-person accounting office: paying per seat for ChatGPT or using the API with a simple internal tool?",
        2,
    ),
    ("How could our hair salon use AI to write Instagram posts without sounding robotic?", 2),
    ("Walk us through setting up an AI assistant to draft replies to supplier emails in English.", 2),
    ("Compare Otter and Fireflies for recording sales calls.", 2),
    ("What should we check before letting an AI chatbot answer questions about our rental contracts?", 2),
    ("建設会社です。現場写真の整理にAIを使いたいのですが、どんな進め方がいいですか？", 2),
    ("DeepLとGoogle翻訳、社内マニュアルの英訳にはどちらが向いていますか？", 2),
    ("パート職員にも使わせたいのですが、AI利用のルールはどう決めればいいですか？", 2),
    ("歯科医院のウェブサイトのQ&AをAIで作る場合、医療広告ガイドラインに触れないためのポイントは？", 2),
    ("ネットショップの商品説明文をAIで量産したいのですが、品質をどう保てばいいですか？", 2),
    (
        "We're a 25-person travel agency. We want AI for itinerary drafts, customer chat in four languages, and visa document checks, but customer passport data is involved and we only have 60,000 yen a month. Propose what to use for each and a rollout order.",
        3,
    ),
    (
        "Build us a 9-month adoption plan for a 45-person printing company: estimating, customer service, design proofs and invoicing, with expected savings per step.",
        3,
    ),
    (
        "Our board wants a comparison of Microsoft 365 Copilot, Google Gemini and Claude Team for 80 employees, covering cost per year, data residency in Japan, admin controls and Japanese quality.",
        3,
    ),
    (
        "We have offices in Osaka and Hanoi (35 staff in total). How should we use AI for internal communication between Japanese and Vietnamese staff, training materials and weekly reports, while keeping HR data private and staying under $1,500 a month?",
        3,
    ),
    (
        "Please look at our inquiry log summary below and suggest which questions a chatbot should answer and which should go to staff:\n- Opening hours (about 120 a month)\n- Parking (80)\n- Price of repairs (60)\n- Warranty claims (25)\n- Complaints about staff (10)\n- Requests for quotes for large jobs (15)",
        3,
    ),
    (
        "社員50名の広告代理店です。コピーライティング、画像制作、議事録、請求業務にAIを導入したいです。部門ごとの優先順位、必要なツール、月額費用の見積もり、導入スケジュールを提案してください。",
        3,
    ),
    (
        "学習塾を5教室運営しています（講師40名）。生徒の保護者への連絡、教材作り、講師の研修、入塾問い合わせの対応にAIを使いたいです。子どもの個人情報があること、予算が月8万円であることを考えて、何から始めるべきですか？",
        3,
    ),
    (
        "小さな整骨院です。予約、問診、会計、口コミ返信をAIで効率化するための1年間の計画と、それぞれの費用対効果を出してください。",
        3,
    ),
    (
        "以下は当社の週間業務です。AIに任せられるものを選んで、理由も教えてください。\n\n月曜：週次営業会議と議事録作成\n\n火曜：見積書の作成と送付\n\n水曜：仕入先への発注と納期確認\n\n木曜：請求書の発行\n\n金曜：週報の作成と社内共有",
        3,
    ),
    (
        "製造ラインの不良品データ、過去の顧客クレーム、設計図面をAIで活用したいです。クラウドに出せないデータもあり、社内にIT担当は1人だけ、予算は年間200万円です。どんな構成が現実的か、段階的に教えてください。",
        3,
    ),
]

LITELLM_TIERS = {"SIMPLE": 1, "MEDIUM": 2, "COMPLEX": 3, "REASONING": 3}


@dataclass
class Result:
    name: str
    predicted: list[int]
    seconds_per_question: float


def refuse_network() -> None:
    """Any connection attempt fails, so a run proves that neither classifier needs the network."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("tier_classifiers.py must not use the network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def open_questions_of(path: Path) -> list[tuple[str, int]]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    return [(item["question"], item["tier"]) for item in items if item["path"] == "llm"]


def measure(name: str, classify: Callable[[str], int], questions: list[str]) -> Result:
    predicted = [classify(question) for question in questions]
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for question in questions:
            classify(question)
        rounds.append((time.perf_counter() - start) / len(questions))
    return Result(name, predicted, min(rounds))


def ours(question: str) -> int:
    return needed_tier(question, detect_language(question)).tier


def litellm_classifier() -> Callable[[str], int]:
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    from litellm.router_strategy.complexity_router import ComplexityRouter

    router = ComplexityRouter(
        model_name="advisor", litellm_router_instance=None, complexity_router_config=LITELLM_CONFIG
    )

    def classify(question: str) -> int:
        tier, _score, _signals = router.classify(question)
        return LITELLM_TIERS[tier.value]

    return classify


def report(result: Result, expected: list[int]) -> str:
    pairs = list(zip(expected, result.predicted, strict=True))
    tier_3 = [got for want, got in pairs if want == 3]
    accuracy = sum(want == got for want, got in pairs) / len(pairs)
    under = sum(got < 3 for got in tier_3)
    over = sum(got > want for want, got in pairs)
    return (
        f"| {result.name} | {accuracy:.2f} | {under}/{len(tier_3)} ({under / len(tier_3):.0%}) "
        f"| {over}/{len(pairs)} ({over / len(pairs):.0%}) | {result.seconds_per_question * 1e6:.0f} µs |"
    )


def confusion(result: Result, expected: list[int]) -> str:
    lines = [f"{result.name}: rows = expected tier, columns = predicted 1 2 3"]
    for want in (1, 2, 3):
        pairs = list(zip(expected, result.predicted, strict=True))
        row = [sum(1 for e, p in pairs if e == want and p == got) for got in (1, 2, 3)]
        lines.append(f"  {want}: " + " ".join(f"{count:2d}" for count in row))
    return "\n".join(lines)


def compare(title: str, labelled: list[tuple[str, int]], classifiers: dict[str, Callable[[str], int]]) -> None:
    questions = [question for question, _ in labelled]
    expected = [tier for _, tier in labelled]
    print(
        f"{title}: {len(labelled)} questions "
        f"(tier 1: {expected.count(1)}, tier 2: {expected.count(2)}, tier 3: {expected.count(3)})\n"
    )
    results = [measure(name, classify, questions) for name, classify in classifiers.items()]
    print("| classifier | tier accuracy | tier 3 under-routed | over-routed | mean time |")
    print("|---|---|---|---|---|")
    for result in results:
        print(report(result, expected))
    print()
    for result in results:
        print(confusion(result, expected))
    print()


def main() -> int:
    refuse_network()
    classifiers = {"ours (bot/domain/tiers.py)": ours, "LiteLLM ComplexityRouter": litellm_classifier()}
    compare(f"Open questions of {DEV_SET.relative_to(ROOT)}", open_questions_of(DEV_SET), classifiers)
    compare("Later questions (see the module docstring)", LATER_QUESTIONS, classifiers)
    compare(
        f"Open questions of {HOLDOUT_SET.relative_to(ROOT)} (labelled independently, never tuned on)",
        open_questions_of(HOLDOUT_SET),
        classifiers,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
