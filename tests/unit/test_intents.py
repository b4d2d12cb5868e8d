from __future__ import annotations

import pytest

from bot.domain.catalog import Catalog, Category
from bot.domain.intents import categories_in, classify, tools_in
from bot.domain.quantities import normalise, read_quantities


@pytest.mark.parametrize(
    ("question", "path", "language"),
    [
        (
            "20 proposals a month, 5 hours each, 1 hour with AI, staff cost 3,000 yen an hour: what do we save?",
            "calculator",
            "en",
        ),
        ("What should our office automate first?", "plan", "en"),
        ("AI導入の第一歩はどの業務から始めるのがいいですか", "plan", "ja"),
        ("Which of our tasks saves the most with AI?", "plan", "en"),
        ("did any of the tools get cheaper lately?", "inventory", "en"),
        ("議事録ツールの料金って下がった？", "inventory", "ja"),
        ("How many tokens have we burnt so far this month?", "budget", "en"),
        ("今月の使用トークン数を教えて", "budget", "ja"),
        (
            "提案書を月20件、1件5時間かかっていたのがAIで1時間になります。時給3,000円ならいくら節約できますか？",
            "calculator",
            "ja",
        ),
        ("We make 10 job listings a year. What would AI save us?", "calculator", "en"),
        (
            "we spend 30 hours a month on meeting minutes — what should we use and what would it save?",
            "calculator",
            "en",
        ),
        ("cheapest way to transcribe meetings?", "catalog", "en"),
        ("翻訳ツールの料金は？", "catalog", "ja"),
        ("Which chatbot tool is cheapest for customer inquiries?", "catalog", "en"),
        ("How much is Otter?", "catalog", "en"),
        ("where should we start?", "plan", "en"),
        ("どこから始めるべきですか？", "plan", "ja"),
        ("write me a poem about autumn", "refused", "en"),
        ("明日の天気は？", "refused", "ja"),
        ("Is it safe to paste customer emails into ChatGPT?", "llm", "en"),
        ("How many tokens have we used this month?", "budget", "en"),
        ("今月のトークン使用量は？", "budget", "ja"),
    ],
)
def test_paths(catalog, question, path, language):
    intent = classify(question, catalog)
    assert (intent.path, intent.language) == (path, language)


def test_english_calculator_figures():
    figures = read_quantities(
        normalise("20 proposals a month, 5 hours each, 1 hour with AI, staff cost 3,000 yen an hour")
    )
    assert (figures.volume, figures.period, figures.hourly_cost) == (20, "month", 3000)
    assert sorted(figures.minutes) == [60, 300]


def test_japanese_calculator_figures_with_man_units():
    figures = read_quantities(normalise("求人原稿を年10本、外注すると1本3万〜5万円かかっています"))
    assert (figures.volume, figures.period) == (10, "year")
    assert figures.outsourcing_unit_cost == (30000, 50000)
    assert figures.currency == "JPY"


def test_hourly_cost_written_as_per_hour_price_is_not_a_duration():
    figures = read_quantities(normalise("月に40件、1件30分。1時間あたり2500円"))
    assert figures.hourly_cost == 2500
    assert figures.minutes == [30]


def test_total_hours_a_month(catalog):
    intent = classify("We spend 30 hours a month on meeting minutes", catalog)
    assert intent.figures.volume == 30 and intent.figures.volume_is_hours
    assert intent.categories[0] == Category.MEETING_MINUTES


@pytest.mark.parametrize(
    ("question", "recorded"),
    [
        ("How much would I save transcribing 20 hours of meetings a month?", True),
        ("we record 12 hours of audio per month", True),
        ("20 hours of calls a month to transcribe", True),
        ("月20時間の会議を文字起こししたい", True),
        ("毎月20時間分の録音があります", True),
        ("会議が月20時間あります", True),
        ("We spend 30 hours a month on meeting minutes", False),
        ("20 hours a month typing up interviews", False),
        ("議事録作成に月20時間かかっています", False),
    ],
)
def test_hours_of_recordings_are_told_from_hours_of_work(question, recorded):
    figures = read_quantities(normalise(question))
    assert figures.volume is not None and figures.period == "month"
    assert (figures.volume_is_recorded_hours, figures.volume_is_hours) == (recorded, not recorded)


@pytest.mark.parametrize(
    "question",
    [
        "what got cheaper this month?",
        "Which tools dropped their prices?",
        "Any price drops since last month?",
        "Have AI model prices changed?",
        "今月安くなったツールは？",
        "最近値下がりしたAIサービスはありますか",
        "AIツールの価格の変動を教えて",
    ],
)
def test_what_got_cheaper_is_a_question_for_the_monthly_inventory(catalog, question):
    assert classify(question, catalog).path == "inventory"


@pytest.mark.parametrize(
    "question",
    [
        "cheapest way to transcribe meetings?",
        "Is Otter cheaper than Notta?",
        "We reduced the price of our service, should we use AI for marketing?",
        "Is it safe to paste customer e-mails into ChatGPT now that prices dropped?",
    ],
)
def test_cheaper_and_prices_alone_do_not_make_an_inventory_question(catalog, question):
    assert classify(question, catalog).path != "inventory"


@pytest.mark.parametrize(
    ("question", "volume"),
    [
        ("We answer about 40 customer emails a day, 8 minutes each", 40),
        ("15 inquiries daily", 15),
        ("問い合わせが1日40件あります", 40),
        ("毎日30件の問い合わせ", 30),
    ],
)
def test_a_volume_a_day(question, volume):
    figures = read_quantities(normalise(question))
    assert (figures.volume, figures.period) == (volume, "day")


def test_half_a_day_is_a_duration_not_a_volume_a_day():
    assert read_quantities(normalise("Our 2 staff spend half a day each week on meeting notes")).period != "day"


def test_english_multiples_are_multiplied_out():
    assert (
        normalise("1 million characters, 2.5 Million, 500k words, 30 thousand")
        == "1000000 characters, 2500000, 500000 words, 30000"
    )
    assert normalise("3 kids, 5 km, 5m") == "3 kids, 5 km, 5m"  # not multiples (5m is five minutes)
    assert read_quantities(normalise("1 million characters a month")).volume == 1_000_000


def test_a_duration_in_minutes_is_not_the_meeting_minutes_task(catalog):
    assert categories_in(normalise("we get 300 phone calls a month, each 5 minutes"), catalog) == []
    assert categories_in(normalise("We write 20 proposals a month, 30 minutes each"), catalog) == [Category.PROPOSALS]
    assert categories_in(normalise("who takes the minutes of our meetings?"), catalog) == [Category.MEETING_MINUTES]


def test_a_date_is_not_a_volume_a_day():
    assert read_quantities(normalise("11日に20件の問い合わせがありました")).period != "day"


@pytest.mark.parametrize(
    ("question", "outsourcing", "tool_monthly"),
    [
        ("We pay a translator 15 yen per character for about 30,000 characters a month", 15, None),
        ("translating 20 pages a month costs us 8,000 yen per page from a translation company", 8000, None),
        ("翻訳会社に1文字15円で月3万文字お願いしています", 15, None),
        ("the API costs 50 yen per request", None, None),  # nobody is paid for the work
        ("we pay $20 a month for chatgpt", None, 20),
    ],
)
def test_a_price_per_unit_paid_to_someone_is_the_outsourcing_price(question, outsourcing, tool_monthly):
    figures = read_quantities(normalise(question))
    assert (figures.outsourcing_unit_cost, figures.tool_cost_monthly) == (outsourcing, tool_monthly)


def test_the_words_a_volume_counts_are_kept():
    assert read_quantities(normalise("translating 20 pages a month")).volume_words == "pages"
    assert read_quantities(normalise("600,000 characters a month")).volume_words == "characters"
    assert read_quantities(normalise("翻訳を月5万文字")).volume_words == "文字"
    assert read_quantities(normalise("20/month")).volume_words == ""


def test_dollars(catalog):
    figures = read_quantities(normalise("5 proposals per week, 3 hours each, 30 minutes with AI, at $40 an hour"))
    assert (figures.volume, figures.period, figures.hourly_cost, figures.currency) == (5, "week", 40, "USD")
    assert sorted(figures.minutes) == [30, 180]


def test_only_open_questions_carry_a_tier_and_only_refusals_a_reason(catalog):
    open_question = classify("Is it safe to paste customer emails into ChatGPT?", catalog)
    assert open_question.tier_need is not None and open_question.tier_need.tier == 1
    assert open_question.refusal is None

    refused = classify("Tell me a joke.", catalog)
    assert refused.refusal is not None and refused.refusal.subject == "creative_writing"
    assert refused.tier_need is None

    for question in ("How much is Otter?", "where should we start?", "今月のトークン使用量は？"):
        zero_token = classify(question, catalog)
        assert (zero_token.tier_need, zero_token.refusal) == (None, None), question


@pytest.mark.parametrize(
    "question",
    [
        "How much of our AI budget is left this month?",
        "What's my AI budget?",
        "Have we hit our token limit yet?",
        "How much have we spent on AI this month?",
        "予算はあとどれくらい残っていますか？",
        "AIの利用枠は残ってる？",
        "今月あと何トークン使える？",
    ],
)
def test_questions_about_our_own_token_budget_take_the_budget_path(catalog, question):
    assert classify(question, catalog).path == "budget"


@pytest.mark.parametrize(
    "question",
    [
        "We have a budget of 50,000 yen a month for tools, what should we buy?",
        "What's the best use of our AI budget?",
        "予算5万円で使えるおすすめのAIツールは？",
        "AI予算の配分はどうすべき？",
    ],
)
def test_spending_a_budget_on_tools_is_advice_not_a_budget_question(catalog, question):
    assert classify(question, catalog).path == "llm"


def test_a_phased_plan_across_departments_goes_to_a_strong_model_not_the_plan(catalog):
    assert classify("Where should we start with AI?", catalog).path == "plan"
    intent = classify(
        "We're a 40-person manufacturer with sales, accounting and a factory floor. "
        "Draft a phased 12-month AI roadmap with the monthly cost and the hours saved in each phase.",
        catalog,
    )
    assert intent.path == "llm" and intent.tier_need is not None and intent.tier_need.tier == 3


def test_a_long_list_of_processes_is_not_one_calculator_task(catalog):
    processes = "\n".join(
        f"- {task}: {volume} a month, about {minutes} minutes each."
        for task, volume, minutes in [
            ("Meeting minutes for the weekly sales meeting", 4, 90),
            ("Customer inquiries by phone and email", 900, 5),
            ("Job listings for part-time staff", 2, 120),
            ("Translation of product sheets into English", 30, 45),
            ("Flyers and banners for the web shop", 6, 180),
        ]
    )
    question = f"Here is our back-office work. Which of these should AI take over, and in what order?\n\n{processes}"
    intent = classify(question, catalog)
    assert intent.path == "llm" and intent.tier_need is not None and intent.tier_need.tier == 3


def test_the_catalog_answers_price_questions_but_not_open_ones_that_name_a_tool(catalog):
    assert classify("Does Otter support Japanese?", catalog).path == "catalog"
    assert classify("Will ChatGPT Business use our conversations to train its models?", catalog).path == "llm"
    # Both compare options (tier 2); only the one about prices is a catalog lookup.
    assert classify("翻訳APIの値段を比較したい", catalog).path == "catalog"
    assert (
        classify("ChatGPTとClaudeとGeminiのうち、日本語の社内文書作成にはどれが向いていますか？", catalog).path == "llm"
    )


def test_a_translation_job_with_pasted_text_is_refused_even_if_the_text_mentions_prices(catalog):
    intent = classify("Translate this into Japanese: Our prices for the cleaning service go up in April.", catalog)
    assert intent.path == "refused" and intent.refusal is not None
    assert intent.refusal.subject == "translation_job"


def test_man_and_sen_are_multiplied_out_exactly() -> None:
    assert normalise("外注費100万円、1.5万、1234万、3千") == "外注費1000000円、15000、12340000、3000"
    figures = read_quantities(normalise("外注すると1件100万円かかります"))
    assert figures.outsourcing_unit_cost in (1_000_000, (1_000_000, 1_000_000))


def _tool_ids(text: str, catalog: Catalog) -> list[str]:
    return [tool.id for tool in tools_in(normalise(text), catalog)]


def test_tool_names_are_whole_words_in_english_and_substrings_next_to_japanese(catalog):
    assert _tool_ids("midjourney for flyers", catalog) == ["midjourney"]
    assert _tool_ids("we paint on canvas", catalog) == []
    assert _tool_ids("zooming in on costs", catalog) == []
    assert _tool_ids("notionで議事録を書く", catalog) == ["notion-business"]
    assert _tool_ids("midjourney's price", catalog) == ["midjourney"]
    # Catalog order, whatever the order in the question.
    assert _tool_ids("Qlingo, Fireflies or Midjourney?", catalog) == ["fireflies-ai", "midjourney", "qlingo"]


def test_a_first_word_names_a_tool_only_if_no_other_tool_shares_it_and_it_is_long_enough(catalog):
    assert _tool_ids("groqとfireflies.aiの料金", catalog) == ["fireflies-ai", "groq-whisper"]
    assert _tool_ids("we use google", catalog) == []
    assert _tool_ids("google workspace business standard", catalog) == ["google-workspace-gemini"]
    template = catalog.tools[0]
    small = Catalog(
        tools=(
            template.model_copy(update={"id": "qx", "name": "Qx"}),
            template.model_copy(update={"id": "zap-notes", "name": "Zap Notes"}),
            template.model_copy(update={"id": "mintone", "name": "Mint Transcriber"}),
            template.model_copy(update={"id": "mint-cloud", "name": "Mint Cloud"}),
        ),
        tasks=catalog.tasks,
    )
    assert _tool_ids("qx, zap and mint", small) == []  # too short, too short, shared
    assert _tool_ids("zap notes or mint transcriber", small) == ["zap-notes", "mintone"]
    assert _tool_ids("mint transcriber", catalog) == []  # each catalog is read on its own


def test_task_keywords_follow_the_same_word_rules_and_the_longest_matches_come_first(catalog):
    def categories(text: str) -> list[Category]:
        return categories_in(normalise(text), catalog)

    assert categories("is chatgpt plus cheap") == []  # "gpt" inside a word
    assert categories("do our apis need it") == []
    assert categories("gpt price") == [Category.CUSTOM_AI]
    assert categories("議事録作成を楽にしたい") == [Category.MEETING_MINUTES]
    assert categories("ai議事録ツール") == [Category.MEETING_MINUTES]  # Japanese has no word boundaries
    assert categories("サムネイルと翻訳") == [Category.IMAGES, Category.TRANSLATION]
    assert categories("画像と翻訳") == [Category.TRANSLATION, Category.IMAGES]  # a tie keeps catalog order
    # "faq" is an English and a Japanese keyword of the same task, so it counts twice and outweighs "quote".
    assert categories("a quote for the faq") == [Category.INQUIRY_CHATBOT, Category.PROPOSALS]


def test_a_tool_is_found_by_its_former_name(catalog):
    intent = classify("ＣｈａｔＧＰＴ　Ｔｅａｍって１人いくら？", catalog)
    assert intent.path == "catalog" and [tool.id for tool in intent.tools] == ["chatgpt-business"]
