"""What a question is asking for, read without any model.

The calculator, the catalog, the plan and the budget can answer a large share of real
questions exactly, at zero tokens; this module recognises those questions (in English and
Japanese), with the numbers they carry as `bot.domain.quantities` reads them; a question
whose numbers cannot all be read one way is asked back (`clarify`), at zero tokens too. Of
the rest, off-topic requests are declined (`refused`) and only open advisory questions go to
a model (`llm`), with the tier of model they need.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from bot.domain.catalog import Catalog, Category, Tool, UnlistedTool
from bot.domain.language import detect_language
from bot.domain.quantities import HOUR_WORD, MINUTE_WORD, NUMBER, Reading, find_money, normalise, read_quantities
from bot.domain.questions import QuestionPath
from bot.domain.tiers import TierNeed, needed_tier, word_pattern
from bot.domain.topics import TopicVerdict, request_part, topic_verdict

Path = QuestionPath
ZERO_TOKEN_PATHS: frozenset[Path] = frozenset({"calculator", "clarify", "catalog", "plan", "budget", "inventory"})
_DURATION = re.compile(rf"{NUMBER}\s*+(?:{HOUR_WORD}|{MINUTE_WORD})(?![a-z])")

_SAVINGS_WORDS = re.compile(
    r"\bsav(e|es|ed|ing|ings)\b|\bworth\b|\broi\b|\bpay ?back\b|\bcut\b|\breduce|how much .*(cost|spend)|"
    r"\bsave (?:time|hours|money)\b|\bfree up\b|\bcheaper\b"
    r"|節約|削減|浮く|浮か|浮き|減ら|減る|減り|どうなる|どうなります|効果|いくら|得|回収|費用対効果|楽に|効率化|時短|短縮"
)
_CATALOG_WORDS = word_pattern(
    r"\bcheap\w*|\bpric(?:e|es|ed|ing)\b|\bcosts?\b|how much|\btools?\b|\bapps?\b|\bservices?\b|\bsoftware\b|\bwhich\b"
    r"|\brecommend\w*|\boptions?\b|\balternatives?\b|what should we use|what can we use|best way|\bcompar\w*|free tier"
    r"|\bplans?\b|\bsubscriptions?\b"
    r"|安い|安く|料金|価格|値段|費用|ツール|サービス|おすすめ|オススメ|何を使|どれ|比較|無料|プラン|いくら"
)
# With these a catalog answer fits even a question that would otherwise need a bigger model.
_PRICE_WORDS = word_pattern(
    r"\bcheap\w*|\bpric(?:e|es|ed|ing)\b|\bcosts?\b|how much|free tier|free plan|\bsubscriptions?\b"
    r"|安い|安く|料金|価格|値段|費用|無料|いくら|月額"
)
# Risk and safety are advice, whatever tool or price words come with them.
_RISK_WORDS = word_pattern(
    r"\brisk|\bsafe|\bdanger|\ballowed\b|\blegal|\bcopyright|\bprivacy|リスク|危険|大丈夫|安全|問題ない|注意|違法|著作権"
)
_PLAN_WORDS = word_pattern(
    r"where (?:should|do|can) (?:we|i) (?:start|begin)|where to (?:start|begin)|what should we do first|"
    r"first step|get started|adoption plan|our plan|roadmap|which task first|start with ai|priorit"
    r"|\bfirst thing\b.{0,40}\b(?:ai|automate|use)\b|what should (?:we|i|(?:our|my) \w+) (?:automate|use ai for|try)\b.{0,20}\bfirst"
    r"|which of (?:our|my) (?:tasks|jobs|work)\b.{0,30}\bsaves? the most|\bwhere would ai save (?:us )?the most\b"
    r"|which (?:tasks?|areas?|jobs?|process(?:es)?|departments?|work)\b.{0,40}\bfirst\b"
    r"|どこから|何から|なにから|最初に|始めるべき|はじめるべき|導入計画|導入プラン|優先|ロードマップ|まず何"
    r"|第一歩|から始める|から始め|一番.{0,12}(?:効果|節約|削減).{0,8}(?:大きい|高い|出る)"
)

# Questions the monthly inventory answers: what got cheaper (or dearer), what changed in prices.
_INVENTORY_QUESTION = word_pattern(
    r"\b(?:get|gets|got|gotten|getting|become|became|gone|went) (?:any |much )?(?:cheaper|dearer|more expensive)\b"
    r"|\bprice (?:updates?|news)\b|\bthis month'?s (?:price|pricing)\b|\bnew tools?\b.{0,30}\b(?:added|this month)\b"
    r"|\bcheaper (?:this|than last|since last) month\b"
    r"|\bprice (?:drops?|cuts?|decreases?|reductions?|changes?|increases?|rises?)\b"
    r"|\b(?:prices?|pricing) (?:dropped|fell|fallen|went down|gone down|came down|changed|have changed|went up|rose)\b"
    r"|\b(?:drop(?:ped)?|cut|lower(?:ed)?|reduced?|raised?|increased?|changed?) (?:their |its |the )?(?:prices?|pricing)(?![a-z0-9]| (?:of|for) (?:our|my))"
    r"|\b(?:monthly|ai) (?:inventory|price report|price review)\b|/ai-inventory|\binventory of (?:ai )?(?:tools|prices)\b"
    r"|\bwhat(?:'s| is) new (?:in the catalog|this month)\b"
    r"|安くなっ|安くなり|値下が|値下げ|値上が|値上げ|価格(?:の)?(?:変動|改定|変化)|料金(?:の)?(?:変動|改定|変化)|棚卸"
    r"|(?:値段|価格|料金)(?:って|は|が)?.{0,4}(?:下が|上が)|新しく(?:追加|入った)(?:された)?ツール"
)

# Questions about the advisor's own token budget and usage (never about what to spend on tools).
_BUDGET_QUESTION = word_pattern(
    r"\btokens?\b.{0,30}\b(?:used|use|usage|left|remain\w*|spent|burned|burnt|consumed|limit|budget|quota|allowance)\b"
    r"|\b(?:used|spent|burned|consumed)\b.{0,20}\btokens?\b"
    r"|\b(?:budget|quota|allowance)\b.{0,25}\b(?:left|remain\w*|used|spent|status)\b"
    r"|^\W*(?:what(?:'s| is| are)|show(?: me)?|check) (?:my|our|the|this)(?: [\w-]+){0,2}"
    r" (?:budget|quota|allowance|usage|limit)s?"
    r"(?: (?:for|this|so far|today|now)\b.*)?\W*$"
    r"|\b(?:hit|reached|exceeded|over|near) (?:our|my|the)(?: [\w-]+)? (?:limit|budget|quota)\b"
    r"|how much (?:have|did) (?:we|i) (?:spent|used|spend|use)\b.{0,30}"
    r"\b(?:this month|so far|on (?:ai|the bot|tokens|you))"
    r"|/ai-budget"
    r"|予算.{0,10}(?:残|あと|どれ|使っ|使い|消費|超え)|トークン.{0,8}(?:使用|消費|残|上限|使っ|使え|量)|あと何トークン"
    r"|(?:使用|消費)(?:した)?トークン"
    r"|(?:利用|使用)(?:枠|量|状況|上限)|上限(?:に|まで).{0,6}(?:達|あと|残)|今月(?:は)?(?:いくら|どれくらい|何トークン)使"
)
# Asking what to buy or do with money is advice, not a budget question.
_SPENDING_ADVICE = word_pattern(
    r"should we (?:buy|use|get|pick|choose)|which (?:tool|service|app|plan)|what (?:tool|service|app)|recommend"
    r"|how (?:should|can|do) we (?:spend|use|allocate)|best (?:use|way)"
    r"|おすすめ|どの(?:ツール|サービス|プラン)|買う|選ぶ|導入すべき|配分|使い道|べき"
)


@dataclass
class Intent:
    """Which path answers a question, with what was found in it.

    `refusal` is set on the `refused` path (what the question was about, for the polite
    decline); `tier_need` on the `llm` path (which model tier it needs, and why).
    """

    path: Path
    language: str
    categories: list[Category] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)
    figures: Reading = field(default_factory=Reading)
    refusal: TopicVerdict | None = None
    tier_need: TierNeed | None = None
    unlisted: list[UnlistedTool] = field(default_factory=list)
    """Tools the question names that the catalog does not price yet."""

    @property
    def names_tools_or_tasks(self) -> bool:
        """Whether the question names a catalog tool or a task the catalog covers."""
        return bool(self.tools) or bool(self.categories)


_HAS_ASCII_WORD_CHARACTER = re.compile(r"[a-z0-9]")
_FIRST_WORD_END = re.compile(r"[\s.(/]")


@dataclass(frozen=True)
class _Word:
    """A keyword or tool name, with the pattern that finds it only as a whole word.

    Names with ASCII letters or digits must not touch another ASCII letter or digit
    ("gpt" is not in "chatgpt"); others, such as Japanese, have no word boundaries and
    match as plain substrings. A substring test comes first: it is far cheaper than a
    regular expression and rules out almost every word of almost every question.
    """

    text: str
    bounded: re.Pattern[str] | None

    @classmethod
    def of(cls, word: str) -> _Word:
        if _HAS_ASCII_WORD_CHARACTER.search(word):
            return cls(word, re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])"))
        return cls(word, None)

    def found_in(self, text: str) -> bool:
        return self.text in text and (self.bounded is None or self.bounded.search(text) is not None)


@dataclass(frozen=True)
class _CatalogWords:
    """What `categories_in` and `tools_in` look for, in catalog order."""

    keywords: tuple[tuple[Category, _Word], ...]
    tool_names: tuple[tuple[Tool, tuple[_Word, ...]], ...]
    unlisted_names: tuple[tuple[UnlistedTool, tuple[_Word, ...]], ...] = ()


def _words_of(catalog: Catalog) -> _CatalogWords:
    keywords = tuple(
        (task.id, _Word.of(word)) for task in catalog.tasks for words in task.keywords.values() for word in words
    )
    first_words = [_first_word(tool) for tool in catalog.tools]
    tool_names = []
    for tool, first in zip(catalog.tools, first_words, strict=True):
        names = {
            tool.id,
            tool.id.replace("-", " "),
            tool.name.lower(),
            tool.name.lower().split(" (")[0],
            *(alias.lower() for alias in tool.aliases),
        }
        if len(first) >= 4 and first_words.count(first) == 1:
            names.add(first)
        tool_names.append((tool, tuple(_Word.of(name) for name in sorted(names) if len(name) >= 3)))
    unlisted = tuple((tool, tuple(_Word.of(alias.lower()) for alias in tool.aliases)) for tool in catalog.unlisted)
    return _CatalogWords(keywords, tuple(tool_names), unlisted)


_WORDS_BY_CATALOG: dict[int, _CatalogWords] = {}


def _catalog_words(catalog: Catalog) -> _CatalogWords:
    """The catalog's words and their patterns, built once per catalog object.

    A catalog does not change once loaded, and building a pattern per name for every
    question cost more than the rest of `classify`. A catalog holds lists, so it cannot be
    a dictionary key itself: its identity is, and the entry goes when the catalog does.
    """
    key = id(catalog)
    words = _WORDS_BY_CATALOG.get(key)
    if words is None:
        words = _WORDS_BY_CATALOG[key] = _words_of(catalog)
        weakref.finalize(catalog, _WORDS_BY_CATALOG.pop, key, None)
    return words


def categories_in(text: str, catalog: Catalog) -> list[Category]:
    """Task categories the text is about, strongest first (longest keyword matches win).

    A duration is not a task: "30 minutes each" says nothing of meeting minutes.
    """
    text = _DURATION.sub(" ", text)
    scores: dict[Category, int] = {}
    for category, word in _catalog_words(catalog).keywords:
        if word.found_in(text):
            scores[category] = scores.get(category, 0) + len(word.text)
    return sorted(scores, key=lambda category: -scores[category])


def tools_in(text: str, catalog: Catalog) -> list[Tool]:
    """Catalog tools named in the text: by id, by name or an alias, or by a first word no other tool shares."""
    return [tool for tool, names in _catalog_words(catalog).tool_names if any(name.found_in(text) for name in names)]


def unlisted_tools_in(text: str, catalog: Catalog) -> list[UnlistedTool]:
    """Tools the question names that the catalog does not price yet ("Notta"): named as missing in the answer."""
    return [
        tool for tool, names in _catalog_words(catalog).unlisted_names if any(name.found_in(text) for name in names)
    ]


def _first_word(tool: Tool) -> str:
    return _FIRST_WORD_END.split(tool.name.lower(), maxsplit=1)[0]


def is_budget_question(text: str) -> bool:
    """Whether normalised `text` asks about the advisor's own token budget or usage."""
    return _BUDGET_QUESTION.search(text) is not None and not find_money(text) and _SPENDING_ADVICE.search(text) is None


def _is_terse(text: str, language: str) -> bool:
    """A bare topic such as "transcription?" or "議事録ツール": the catalog lists the options."""
    if language == "ja":
        return len(re.sub(r"\W", "", text)) <= 12
    return len(re.findall(r"[a-z0-9]+", text)) <= 4 and ":" not in text


def classify(question: str, catalog: Catalog, default_language: str = "en") -> Intent:
    """Decide which path answers the question: a zero-token one if it can, else refused or a model.

    The calculator, the budget, the inventory, the plan and the catalog come first. They give way to a
    model when the question needs more than they can say: the calculator when a question
    for a strong model spans several tasks, the plan when it needs a strong model (a long
    pasted text, several departments, several constraints), the catalog when it needs more
    than a small model and does not ask about prices.
    """
    language = detect_language(question, default_language)
    text = normalise(question)
    asked = request_part(text)
    categories = categories_in(text, catalog)
    tools = tools_in(text, catalog)
    unlisted = unlisted_tools_in(text, catalog)
    for tool in unlisted:  # "How much is Notta?": the catalog answers for what Notta is for
        categories += [category for category in tool.categories if category not in categories]
    figures = read_quantities(text)
    intent = Intent(
        path="llm", language=language, categories=categories, tools=tools, figures=figures, unlisted=unlisted
    )

    need = needed_tier(question, language)
    asks_savings = _SAVINGS_WORDS.search(text) is not None
    has_numbers = (figures.volume is not None or figures.outsourcing_monthly_spend is not None) and (
        figures.has_way_to_save or figures.hourly_cost is not None or figures.volume_is_recorded_hours or asks_savings
    )
    whole_scenario = (  # the question's own volume, times and cost: one calculation, whatever it names
        figures.volume is not None
        and figures.minutes_before is not None
        and figures.minutes_after is not None
        and (figures.hourly_cost is not None or figures.outsourcing_unit_cost is not None)
        and not figures.unclear
    )
    spans_several_tasks = len(categories) > 1 and need.tier == 3 and not whole_scenario
    priced_outside = figures.outsourcing_unit_cost is not None or figures.outsourcing_monthly_spend is not None
    if (
        has_numbers
        and not spans_several_tasks
        and (categories or figures.minutes or priced_outside)
        and not (figures.unclear and need.tier == 3)
    ):
        intent.path = "clarify" if figures.unclear else "calculator"
        return intent
    # Times before and after AI are a calculation's shape, whether or not it says "save".
    before_and_after = len(figures.minutes) >= 2 or (bool(figures.minutes) and figures.hourly_cost is not None)
    if (
        figures.unclear
        and (asks_savings or figures.volume is not None or before_and_after)
        and need.tier < 3
        and (
            figures.has_way_to_save
            or figures.hourly_cost is not None
            or figures.volume is not None
            or len(figures.unclear) > 1
        )
    ):
        intent.path = "clarify"
        return intent
    if is_budget_question(asked.split("\n", 1)[0]):  # not the pasted text after it
        intent.path = "budget"
        return intent
    if need.tier < 3:
        if _INVENTORY_QUESTION.search(asked) and not _RISK_WORDS.search(asked):
            intent.path = "inventory"
            return intent
        if _PLAN_WORDS.search(asked) and not tools:
            intent.path = "plan"
            return intent
        asks_catalog = (
            _PRICE_WORDS.search(asked) is not None
            if need.tier > 1
            else _CATALOG_WORDS.search(asked) is not None or _is_terse(text, language)
        )
        if (tools or categories) and asks_catalog and not _RISK_WORDS.search(asked):
            intent.path = "catalog"
            return intent

    verdict = topic_verdict(question, intent.names_tools_or_tasks)
    if verdict.off_topic:
        intent.path, intent.refusal = "refused", verdict
    else:
        intent.tier_need = need
    return intent
