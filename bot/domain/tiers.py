"""How strong a model an open question needs, decided by rules and no model.

The cheapest model that fits is the product's second principle, so every question that
reaches a model first gets a capability tier: 1 (small and cheap) for short factual
advice, 2 for comparing a few options or explaining under a few constraints, 3 (strong)
for planning across departments, weighing several constraints, reading long pasted text
or drafting a phased roadmap with figures.

The rules read what the question asks for (constraints, scope, the shape of the request)
rather than its word count: Japanese says in 40 characters what English says in 25 words,
so length only counts once a question is long for its own language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.domain.messages import say

Tier = Literal[1, 2, 3]


@dataclass
class TierNeed:
    """The weakest model tier that answers a question well, and why (shown to people)."""

    tier: Tier
    reason: str
    signals: list[str] = field(default_factory=list)


def word_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a pattern for lower-case mixed English and Japanese text.

    Python counts kana and kanji as word characters, so a plain `\\b` never falls between
    "AI" and "で". Here a `\\b` before a word means "no ASCII letter or digit before", and
    any other `\\b` means "none after".
    """
    pattern = re.sub(r"\\b(?=[a-z(\\\[])", lambda _: r"(?<![a-z0-9])", pattern)
    return re.compile(pattern.replace(r"\b", r"(?![a-z0-9])"))


# Above these a question is long pasted material: a contract, a list of processes.
_LONG_CHARACTERS = {"en": 1500, "ja": 600}
# Above these a question has enough detail that a small model may miss part of it.
_DETAILED_CHARACTERS = {"en": 400, "ja": 160}
_PASTED_PARAGRAPHS = 3
_PASTED_LIST_ITEMS = 5

# Each constraint kind is one thing the answer has to weigh.
_CONSTRAINTS: dict[str, re.Pattern[str]] = {
    "budget": word_pattern(
        r"\bbudget|\bafford|\bcosts? over\b|total cost|running costs?|upfront cost|\bunder \d|\bwithin \d"
        r"|\bspend (?:under|less|up to)|\d\s*(?:yen|jpy|usd|dollars?)\b|[¥$]\s*\d|\d\s*円"
        r"|予算|費用を抑え|コストを抑え|安く済ませ|初期費用|月額費用|ランニングコスト"
    ),
    "privacy": word_pattern(
        r"privacy|private|confidential|personal (?:data|information)|customer data|client data|patient"
        r"|secur|leak|\bgdpr\b|\bappi\b|\bhipaa\b|must not leave|data (?:in|inside|within) (?:japan|the company)"
        r"|個人情報|機密|秘密|守秘|セキュリティ|漏え?い|漏洩|患者|顧客情報|財務情報|外部に漏"
    ),
    "language": word_pattern(
        r"\b(?:japanese|english|chinese|korean|vietnamese|multilingual|bilingual)\b"
        r"|日本語|英語|中国語|韓国語|ベトナム語|多言語|外国語|英文"
    ),
    "headcount": word_pattern(
        r"\b\d+[- ](?:person|people|staff|employees?|seats?|users?|members?)\b|\bteam of \d+|\b\d+ of us\b"
        r"|(?<!\d)\d++\s*(?:人|名)(?!分)|従業員|社員数"
    ),
    "deadline": word_pattern(
        r"\bwithin (?:a|one|two|three|six|\d+) (?:weeks?|months?|years?)\b|\bby (?:april|the end of|next)\b|\bdeadline"
        r"|期限|年内|以内に|までに|一年以内|1年以内"
    ),
    "skills": word_pattern(
        r"no it (?:staff|department|team|person)|non-?technical|not (?:very )?(?:tech|computer)|it skills"
        r"|not (?:very )?(?:comfortable|good) with (?:computers|technology|it)\b|small it team"
        r"|エンジニアがいない|itに詳しい(?:人|職員|社員)?(?:は|が)?いない|itスキル|情シス|年配"
        r"|itに不慣れ|itが苦手|パソコンが苦手"
    ),
    "compliance": word_pattern(
        r"\bregulat|\bcomplian|\blegal(?:ly)?\b|\blaws?\b(?! (?:firm|office|practice))|\bcopyright"
        r"|法令|規制|コンプライアンス|法律|著作権|誇大広告|薬機法"
    ),
    "integration": word_pattern(
        r"\bintegrat|existing system|\bline\b|kintone|freee|salesforce|\bsap\b|連携|既存の?システム|基幹"
    ),
}

_DEPARTMENTS: dict[str, re.Pattern[str]] = {
    "sales": word_pattern(r"\bsales\b|営業"),
    "accounting": word_pattern(r"\baccounting\b|\bfinance\b|\bbookkeeping\b|経理|財務|記帳"),
    "hr": word_pattern(r"\bhr\b|human resources|\bhiring\b|recruit|人事|採用"),
    "admin": word_pattern(r"back[- ]office|\badmin(?:istration)?\b|総務|事務"),
    "marketing": word_pattern(r"\bmarketing\b|マーケ|広報"),
    "front desk": word_pattern(r"front desk|reception|受付|フロント"),
    "production": word_pattern(
        r"factory|production|warehouse|logistics|purchasing|製造|工場|倉庫|物流|品質管理|購買|現場"
    ),
    "customer service": word_pattern(r"customer service|customer support|カスタマーサポート"),
}

_TASKS: dict[str, re.Pattern[str]] = {
    "minutes": word_pattern(r"minutes|meeting notes|議事録|日報"),
    "transcription": word_pattern(r"transcri|文字起こし|書き起こし"),
    "translation": word_pattern(r"translat|翻訳|英訳|英文メール|外国語のメール"),
    "proposals": word_pattern(r"proposal|quotation|\bquotes?\b|見積|提案書"),
    "job listings": word_pattern(r"job listing|job ad|job posting|求人"),
    "inquiries": word_pattern(r"inquir|enquir|chatbot|\bfaq|問い合わせ|問合せ|予約(?:対応|電話)"),
    "images": word_pattern(r"\bimages?\b|image creation|design|flyer|banner|画像|デザイン|チラシ|掲示物"),
    "reservations": word_pattern(r"reservation|booking|appointment|予約"),
    "orders": word_pattern(r"supplier order|order entry|purchase orders?|発注|受注"),
    "scheduling": word_pattern(r"shift|schedul|シフト"),
    "copywriting": word_pattern(r"copywriting|product descriptions?|紹介文|説明資料|案内"),
    "reporting": word_pattern(r"client reporting|\breports?\b|月次報告|報告書|試算表"),
    "reviews": word_pattern(r"\breviews?\b|口コミ"),
    "manuals": word_pattern(r"manuals?|マニュアル|研修"),
}

# Request shapes, strongest first within each tier.
_ROADMAP = word_pattern(
    r"road ?map|phased|\bphases?\b|each (?:quarter|phase|month)|(?:6|12|twelve|six)[- ]month plan"
    r"|in what order|which order|\bplan\b.{0,30}\b(?:weeks|months|quarters?|year)\b|\btimeline\b|\bpriorit"
    r"|\bover (?:a|one|two|the next|\d+) (?:years?|months|quarters)\b|how (?:do|should) we phase"
    r"|\b(?:build|draft|make|give|create|write|prepare|propose)\b.{0,40}\bplan\b|\b\d+[- ]month\b.{0,20}\bplan\b"
    r"|ロードマップ|段階的|フェーズ|導入計画|計画を(?:立て|作)|年間計画|どの順番|順番|優先順位|スケジュール"
    r"|半年|1年間|一年間|三か月|3か月|四半期"
)
_FIGURES = word_pattern(
    r"\bcosts?\b.{0,20}\b(?:and|with)\b.{0,20}\bhours?\b|hours saved|monthly cost|cost estimates?|\broi\b"
    r"|with (?:the )?(?:costs|figures|numbers)|how much (?:it|each|that) (?:would|will) cost"
    r"|estimated (?:monthly |annual )?costs?|annual cost|(?:expected|estimated) savings"
    r"|savings (?:per|for each|in each)"
    r"|試算|概算|費用対効果|削減時間|削減効果|どのくらいの費用|費用は(?:どのくらい|いくら)|いくらかかる|費用感|見込み"
)
_COMPARISON = word_pattern(
    r"\bcompar|\bversus\b|\bvs\.?\b|which (?:one|is better|of (?:these|them))|pros and cons|difference between"
    r"|better than|trade-?offs?"
    r"|比較|比べ|どちらが|どちらを|どっち|違い|メリット|デメリット|のうち.{0,20}どれ|それとも|か迷って"
)
_ROLLOUT = word_pattern(
    r"roll(?:ing)? (?:it )?out|rollout|trial plan|\bpilot|how (?:should|do|can|could) we (?:start|introduce|set up|get)"
    r"|\b\d+-week\b|steps? to|get (?:our|the) .{0,30}to use"
    r"|進め方|どう進め|手順|試せば|運用すれば|どう運用|導入するには|始めれば|始め方|取り入れ"
)
_EXPLANATION = word_pattern(
    r"\bhow (?:should|do|can|could|would) (?:we|i|a|our)\b|\bexplain\b|what's the best way|\bhow could\b|\band why\b"
    r"|walk (?:us|me) through|\bset(?:ting)? up\b|what should we (?:check|consider|watch)"
    r"|方法|どのように|どうすれば|どうやって|どう(?:決め|保て|保つ|作れ|使え|守れ)|ポイントは"
)
_ANALYSIS = word_pattern(
    r"\banaly[sz]e|\breview\b|\bevaluate|\bassess|red flags?|which of these|go through|\boutline\b|map out"
    r"|分析|評価|精査|洗い出|見てください|整理して"
)
# A line that starts a list: "- item", "2) item", "三、item" (blank space within the line only, so
# that a run of empty lines is not walked again from each of them).
_LIST_ITEM = re.compile(r"^[^\S\n]*(?:[-*•・]|\d+[.)]|[一二三四五六七八九十]+、)[^\S\n]*\S", re.MULTILINE)
# Breadth that no word list covers: "reception, medical records and scheduling",
# "記録業務、シフト作成、家族への連絡", or a question that asks several things at once.
_ENGLISH_LIST = re.compile(r"(?:, [^,.?!;:\n]{1,40}){1,12},? (?:and|or) [a-z]")  # bounded: linear on long lists
_JAPANESE_LIST = re.compile(r"[^、。!?()（）\s]{1,15}(?:、[^、。!?()（）\s]{1,15}){2,}")
_ENGLISH_ASK = word_pattern(
    r"(?:^|[.?!;,]\s+|\band\s+)(?:what|how|which|where|when|why|should|can|could|would|do|does|is|are)\b"
)
_PRODUCTS = word_pattern(
    r"chatgpt|\bclaude\b|\bgemini\b|copilot|notion|\botter\b|deepl|\btidio\b|chatbase|\bcanva\b|midjourney|fireflies"
    r"|\bdify\b|\bqwen\b|deepseek|google workspace|microsoft 365|\bzoom\b|\bnotta\b|openai api"
)

_CONSTRAINT_NAMES: dict[str, Callable[[str], str]] = {
    "budget": lambda language: say(language, "budget", context="constraint"),
    "privacy": lambda language: say(language, "privacy", context="constraint"),
    "language": lambda language: say(language, "languages", context="constraint"),
    "headcount": lambda language: say(language, "headcount", context="constraint"),
    "deadline": lambda language: say(language, "deadline", context="constraint"),
    "skills": lambda language: say(language, "staff skills", context="constraint"),
    "compliance": lambda language: say(language, "legal rules", context="constraint"),
    "integration": lambda language: say(language, "existing systems", context="constraint"),
}


@dataclass
class _Reading:
    """What the rules found in one question."""

    language: str
    characters: int
    paragraphs: int
    list_items: int
    constraints: list[str]
    departments: list[str]
    tasks: list[str]
    products: set[str]
    listed_items: int
    asks: int
    roadmap: bool
    figures: bool
    comparison: bool
    rollout: bool
    explanation: bool
    analysis: bool

    @property
    def scope(self) -> int:
        return len(self.departments) + len(self.tasks)

    @property
    def several_things(self) -> bool:
        """Several departments, tasks or questions to cover in one answer."""
        return self.scope >= 3 or len(self.departments) >= 2 or self.listed_items >= 3 or self.asks >= 3

    @property
    def pasted(self) -> bool:
        return (
            self.characters > _LONG_CHARACTERS[self.language]
            or self.paragraphs >= _PASTED_PARAGRAPHS
            or self.list_items >= _PASTED_LIST_ITEMS
        )

    def signals(self) -> list[str]:
        found = [f"length:{self.characters}"]
        if self.pasted:
            found.append(f"pasted:{self.paragraphs} paragraphs,{self.list_items} list items")
        found += [f"constraint:{name}" for name in self.constraints]
        found += [f"department:{name}" for name in self.departments]
        found += [f"task:{name}" for name in self.tasks]
        found += [f"product:{name}" for name in sorted(self.products)]
        if self.listed_items >= 3:
            found.append(f"listed:{self.listed_items} items")
        if self.asks >= 3:
            found.append(f"asks:{self.asks}")
        shapes = ("roadmap", "figures", "comparison", "rollout", "explanation", "analysis")
        found += [f"shape:{shape}" for shape in shapes if getattr(self, shape)]
        return found


def _read(question: str, language: str) -> _Reading:
    text = unicodedata.normalize("NFKC", question).lower()
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    list_items = _LIST_ITEM.findall(text)
    return _Reading(
        language="ja" if language == "ja" else "en",
        characters=len(re.sub(r"\s", "", text)),
        paragraphs=len(blocks),
        list_items=len(list_items),
        constraints=[name for name, pattern in _CONSTRAINTS.items() if pattern.search(text)],
        departments=[name for name, pattern in _DEPARTMENTS.items() if pattern.search(text)],
        tasks=[name for name, pattern in _TASKS.items() if pattern.search(text)],
        products={match.group(0).strip() for match in _PRODUCTS.finditer(text)},
        listed_items=_longest_list(text),
        asks=len(_ENGLISH_ASK.findall(text)) if language != "ja" else 0,
        roadmap=_ROADMAP.search(text) is not None,
        figures=_FIGURES.search(text) is not None,
        comparison=_COMPARISON.search(text) is not None,
        rollout=_ROLLOUT.search(text) is not None,
        explanation=_EXPLANATION.search(text) is not None,
        analysis=_ANALYSIS.search(text) is not None,
    )


def needed_tier(question: str, language: str) -> TierNeed:
    """The weakest model tier that answers `question` well, with a reason in its language."""
    reading = _read(question, language)
    tier, reason = _decide(reading)
    return TierNeed(tier=tier, reason=reason, signals=reading.signals())


def _decide(reading: _Reading) -> tuple[Tier, str]:
    constraints = _listed(reading.constraints, reading.language)
    if reading.pasted:
        return 3, say(
            reading.language,
            "A long pasted text (about {characters} characters) needs a strong model to read it all.",
            characters=reading.characters,
        )
    if len(reading.constraints) >= 3:
        return 3, say(
            reading.language,
            "Several constraints to weigh ({constraints}) need a strong model.",
            constraints=constraints,
        )
    if reading.roadmap and reading.figures:
        return 3, say(reading.language, "A phased plan with figures needs a strong model.")
    if (reading.roadmap or reading.analysis or reading.figures) and reading.several_things:
        return 3, say(
            reading.language, "Planning or reviewing across several departments or tasks needs a strong model."
        )
    weighing = reading.comparison or reading.explanation or reading.rollout
    if reading.several_things and weighing and reading.constraints:
        return 3, say(
            reading.language,
            "Several tasks to plan under constraints ({constraints}) need a strong model.",
            constraints=constraints,
        )
    if reading.comparison or len(reading.products) >= 2:
        return 2, say(reading.language, "Comparing a few options needs a mid-range model.")
    if len(reading.constraints) == 2:
        return 2, say(
            reading.language,
            "A few constraints to weigh ({constraints}) need a mid-range model.",
            constraints=constraints,
        )
    if reading.rollout or reading.roadmap:
        return 2, say(reading.language, "A short rollout for one task needs a mid-range model.")
    if reading.several_things:
        return 2, say(reading.language, "Several tasks or questions at once need a mid-range model.")
    if reading.analysis or reading.explanation:
        return 2, say(reading.language, "An explanation that has to fit your situation needs a mid-range model.")
    if reading.characters > _DETAILED_CHARACTERS[reading.language]:
        return 2, say(reading.language, "A detailed question needs a mid-range model.")
    return 1, say(reading.language, "A short, factual question: a small, cheap model is enough.")


def _longest_list(text: str) -> int:
    """Items in the longest enumeration within one sentence ("a, b and c" is 3)."""
    longest = 0
    if ", " in text:
        for match in _ENGLISH_LIST.finditer(text):
            oxford_comma = re.search(r",\s(?:and|or) [a-z]$", match.group(0)) is not None
            longest = max(longest, match.group(0).count(",") + (1 if oxford_comma else 2))
    if text.count("、") >= 2:
        for match in _JAPANESE_LIST.finditer(text):
            longest = max(longest, match.group(0).count("、") + 1)
    return longest


def _listed(constraints: list[str], language: str) -> str:
    names = [_CONSTRAINT_NAMES[name](language) for name in constraints]
    return say(language, ", ", context="constraints").join(names)
