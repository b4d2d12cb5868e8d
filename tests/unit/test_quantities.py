"""The one reader of quantities: every number with its role, or a question back.

The examples are new wordings of the kinds of misreading the product once made; the
properties check that the chat and `/ai-savings` read the same words the same way, and that
how a number is written (full width, 万, k, million) never changes what it is read as.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.catalog import Catalog
from bot.domain.intents import classify
from bot.domain.quantities import chosen, normalise, read_quantities
from bot.domain.savings import Span, calculate, calculate_between
from bot.slack.arguments import parse_savings_text
from tests.unit.reading_helpers import read


@pytest.mark.parametrize(
    "text",
    [
        "Our agency bills us ¥300,000 a month for translating manuals",
        "翻訳を外注していて、毎月30万円払っています",
        "We spend about $2,500 per month on an outside translation firm",
    ],
)
def test_a_monthly_spend_paid_outside_is_the_baseline_not_a_volume(text: str) -> None:
    reading = read(text)
    assert reading.outsourcing_monthly_spend in (300_000, 2_500)
    assert reading.volume is None and reading.outsourcing_unit_cost is None and not reading.unclear


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("Four reps each send 25 follow-up e-mails a week", 4 * 25 * 52 / 12),
        ("営業3人がそれぞれ週に10件の見積書を作っています", 3 * 10 * 52 / 12),
        ("Each of our 5 staff writes 2 reports a day", 5 * 2 * 52 * 5 / 12),
        (
            "教員は40人おります。そのうち事務室の2名が、問い合わせメールに一人あたり1日15通返信しています",
            2 * 15 * 52 * 5 / 12,
        ),
    ],
)
def test_people_each_doing_a_volume_multiply_it(text: str, monthly: float) -> None:
    reading = read(text)
    item = next(item for item in reading.items if item.role == "monthly_volume")
    assert item.value == pytest.approx(monthly, rel=1e-4)


def test_people_who_do_not_each_do_it_leave_the_volume_alone() -> None:
    assert read("We are 12 people and answer 40 inquiries a day in total").volume == 40


@pytest.mark.parametrize(
    "text",
    [
        "A transcription service charges us 7,500 yen per hour of audio; we record 16 hours of meetings a month",
        "文字起こしは外注で、音声1時間あたり7,500円。会議の録音が月16時間あります",
    ],
)
def test_an_outside_price_per_hour_of_audio_is_not_the_staff_hourly_cost(text: str) -> None:
    reading = read(text)
    assert (reading.outsourcing_unit_cost, reading.outsourcing_per_audio_hour, reading.hourly_cost) == (
        7500,
        True,
        None,
    )
    assert (reading.volume, reading.volume_is_recorded_hours, reading.volume_is_hours) == (16, True, False)


@pytest.mark.parametrize(
    "text",
    [
        "roughly 35 calls every day",
        "we get about 35 calls daily",
        "every day we take around 35 calls",
        "1日35件ほど電話がある",
        "電話が毎日35件くらい",
        "35 calls/day",
    ],
)
def test_volumes_a_day_in_everyday_phrasings(text: str) -> None:
    reading = read(text)
    assert (reading.volume, reading.period) == (35, "day")


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("a quote takes 40 minutes and AI gets it down to 15", 40, 15),
        ("見積書1件に40分、AIなら15分で済む", 40, 15),
        ("each quote takes half an hour; AI halves it", 30, 15),
        ("1件40分かかる作業が3割減る", 40, 28),
        ("proposals take half a day, with AI 1 hour", 240, 60),
        ("5h -> 1h", 300, 60),
        ("300 -> 60min", 300, 60),
        ("5 -> 1h", 300, 60),
    ],
)
def test_times_before_and_after(text: str, before: float, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_before, reading.minutes_after) == (pytest.approx(before), pytest.approx(after))


@pytest.mark.parametrize(
    ("text", "unclear"),
    [
        ("we do 30 and it takes 2, what would AI save?", "30"),
        ("40 quotes, 20 minutes each at ¥2,000 an hour: what would we save?", "40 quotes"),
        ("20/month 5 -> 1", "5 -> 1"),
        ("20 proposals a month, 5 hours each; we pay ¥50,000", "¥50000"),
        ("quotes: 20 a week, 30 min each, AI 10 min. done by me ($60/hr) or my assistant ($25/hr)", "$60 or $25"),
        ("週に15件、1件20分、AIで5分。店長（時給2,500円）かバイト（時給1,100円）がやってます", "2500円、1100円"),
    ],
)
def test_a_number_that_could_mean_two_things_is_asked_about(text: str, unclear: str) -> None:
    reading = read(text)
    assert reading.unclear and reading.unclear[0].text == unclear
    assert len(reading.unclear[0].choices) >= 2
    for _, _, question in reading.unclear[0].choices:  # each choice reads one way only
        assert read(question).unclear[:1] != reading.unclear[:1]


@pytest.mark.parametrize(
    "text",
    [
        "we write 40 quotes a month, 20 min each, AI would make it 5 min, ¥3,000. how much saved?",
        "見積書を月40件作っていて、1件20分かかります。AIで5分になるとして、3000円。いくら浮きますか？",
    ],
)
def test_each_reading_of_an_unclear_amount_keeps_the_rest_of_the_question(text: str) -> None:
    reading = read(text)
    assert reading.unclear and len(reading.unclear[0].choices) == 4
    for _, _, question in reading.unclear[0].choices:
        chosen_reading = read(question)
        assert chosen_reading.unclear == []
        assert (
            chosen_reading.volume,
            chosen_reading.period,
            chosen_reading.minutes_before,
            chosen_reading.minutes_after,
        ) == (40, "month", 20, 5)
    [staff, per_item, a_month, tool] = [read(question) for _, _, question in reading.unclear[0].choices]
    assert (
        staff.hourly_cost,
        per_item.outsourcing_unit_cost,
        a_month.outsourcing_monthly_spend,
        tool.tool_cost_monthly,
    ) == (3000, 3000, 3000, 3000)


def test_a_chosen_reading_is_read_without_a_question() -> None:
    [(_, _, a_week), *_] = [
        choice for choice in read("we write 30 reports, 2 hours each").unclear[0].choices if "week" in choice[0]
    ]
    reading = read(a_week)
    assert (reading.volume, reading.period, reading.minutes_before, reading.unclear) == (30, "week", 120, [])


def test_replies_pick_a_choice_by_number_or_by_its_words() -> None:
    labels = ["30 reports a day", "30 reports a week", "30 reports a month"]
    assert [chosen(labels, reply) for reply in ("1", "２", "3.", "30 reports a week", "maybe", "4")] == [
        0,
        1,
        2,
        1,
        None,
        None,
    ]


def test_a_question_naming_a_kind_of_tool_with_its_numbers_is_calculated(catalog: Catalog) -> None:
    intent = classify("チャットボットで問い合わせ対応を自動化したい。1日60件、1件6分、時給1,300円です", catalog)
    assert intent.path == "calculator"
    assert (intent.figures.volume, intent.figures.period, intent.figures.minutes_before) == (60, "day", 6)


def test_names_dates_and_years_are_not_quantities() -> None:
    reading = read("Is GPT-4o or Qwen3 better for our 2027 plan? We write 20 proposals a month, 3 hours each")
    assert (reading.volume, reading.minutes_before, reading.unclear, reading.not_used) == (20, 180, [], [])


# --- properties --------------------------------------------------------------------------

PERIODS = {"day": ("/day", "1日"), "week": ("/week", "週"), "month": ("/month", "月"), "year": ("/year", "年")}


@st.composite
def savings_texts(draw: st.DrawFn) -> str:
    volume = draw(st.integers(min_value=1, max_value=400))
    period = draw(st.sampled_from(list(PERIODS)))
    before = draw(st.integers(min_value=2, max_value=480))
    after = draw(st.integers(min_value=1, max_value=before - 1))
    hourly = draw(st.integers(min_value=1, max_value=9)) * 500
    if draw(st.booleans()):
        return f"提案書 {PERIODS[period][1]}{volume}件 {before}分→{after}分 時給{hourly}"
    return f"{volume} proposals{PERIODS[period][0]} {before}min -> {after}min @{hourly}"


@settings(max_examples=60, deadline=None)
@given(text=savings_texts())
def test_the_chat_and_ai_savings_read_the_same_words_the_same_way(catalog: Catalog, text: str) -> None:
    intent = classify(text, catalog)
    slash = parse_savings_text(text, "en", catalog=catalog).scenario
    chat = intent.figures
    assert intent.path == "calculator"
    assert (chat.volume, chat.period, chat.minutes_before, chat.minutes_after, chat.hourly_cost) == (
        slash.volume,
        slash.period,
        slash.minutes_before,
        slash.minutes_after,
        slash.hourly_cost,
    )
    assert calculate(slash, "en").monthly_volume == pytest.approx(
        chat.volume * {"day": 52 * 5 / 12, "week": 52 / 12, "month": 1, "year": 1 / 12}[chat.period], abs=0.01
    )  # to the cent


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def written(amount: int, style: str) -> str:
    """An amount of yen as people write it: 300000, ３０００００, 30万, 300k, 0.3 million."""
    if style == "full width":
        return str(amount).translate(FULL_WIDTH)
    if style == "万" and amount % 10_000 == 0:
        return f"{amount // 10_000}万"
    if style == "k" and amount % 1_000 == 0:
        return f"{amount // 1_000}k"
    if style == "million" and amount % 100_000 == 0:
        return f"{amount / 1_000_000:g} million"
    return f"{amount:,}"


@settings(max_examples=80, deadline=None)
@given(
    spend=st.integers(min_value=1, max_value=90).map(lambda n: n * 100_000),
    hourly=st.integers(min_value=2, max_value=9).map(lambda n: n * 1_000),
    volume=st.integers(min_value=1, max_value=99),
    minutes=st.integers(min_value=5, max_value=90),
    style=st.sampled_from(["full width", "万", "k", "million"]),
    japanese=st.booleans(),
)
def test_a_reading_does_not_depend_on_how_numbers_are_written(
    spend: int, hourly: int, volume: int, minutes: int, style: str, japanese: bool
) -> None:
    def question(write) -> str:  # type: ignore[no-untyped-def]
        if japanese:
            return f"外注に毎月{write(spend)}円払っています。問い合わせは月{write(volume)}件、1件{write(minutes)}分、時給{write(hourly)}円"
        return f"We pay an agency ¥{write(spend)} a month. {write(volume)} inquiries a month, {write(minutes)} minutes each, ¥{write(hourly)} an hour"

    plain, styled = read(question(str)), read(question(lambda amount: written(amount, style)))
    fields = ("outsourcing_monthly_spend", "volume", "period", "minutes_before", "hourly_cost", "currency")
    assert {name: getattr(styled, name) for name in fields} == {name: getattr(plain, name) for name in fields}
    assert plain.outsourcing_monthly_spend == spend and plain.hourly_cost == hourly and plain.volume == volume


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "5時間→1時間 3000 週 1件" + " " * 3000 + "(",
            {"minutes_before": 300, "minutes_after": 60, "volume": 1, "period": "week"},
        ),
        ("@3000 a month ¥ a month" + " " * 3000 + "9" * 4000 + " " * 3000, {"hourly_cost": 3000, "volume": None}),
        ("時給" + "\n" * 2000 + " " * 3000, {"hourly_cost": None, "unclear": []}),
        ("月" + " " * 3000 + "x", {"volume": None, "unclear": []}),
    ],
)
def test_runs_of_spaces_are_read_in_one_pass(text: str, expected: dict) -> None:
    # Patterns with several optional spaces in a row once split a long run of them every way they could:
    # the first of these took 78 s. Read in one pass, each reads as what little it says.
    reading = read(text)
    assert {name: getattr(reading, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty-five web inquiries a week", "25 web inquiries a week"),
        ("thirty two calls and a hundred emails", "32 calls and 100 emails"),
        ("one hundred and twenty quotes", "120 quotes"),
        ("two hundred and fifty-five orders", "255 orders"),
        ("a dozen reports, a couple of staff", "12 reports, 2 staff"),
        ("one of them takes one hour", "one of them takes 1 hour"),  # "one" alone is a word, except before a unit
        ("a hundred and change", "100 and change"),
    ],
)
def test_numbers_in_english_words_are_read_whole(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("We translate around 20 pages a month; our agency charges $0.10 per word.", (5_000, 10_000)),
        ("マニュアルの翻訳が月に20ページほどあります。外注だと1文字15円です。", (8_000, 16_000)),
    ],
)
def test_a_price_per_word_for_pages_asks_how_long_a_page_is(text: str, counts: tuple[int, int]) -> None:
    reading = read(text)
    [unclear] = reading.unclear
    assert unclear.kind == "length"
    read_as = [read(question) for _, _, question in unclear.choices]
    assert [(chosen.volume, chosen.unclear) for chosen in read_as] == [(count, []) for count in counts]


def test_a_price_per_character_for_characters_is_read_at_once() -> None:
    reading = read("月に2万文字の翻訳を外注していて、1文字12円です")
    assert (reading.volume, reading.outsourcing_unit_cost, reading.unclear) == (20_000, 12, [])


def test_two_volumes_ask_whether_to_add_them_up() -> None:
    reading = read("教員会議が週2回、学年会議が週1回あります。それぞれ議事録に30分かかってます。AIで10分")
    [unclear] = reading.unclear
    both, first, second = (read(question) for _, _, question in unclear.choices)
    assert [(chosen.volume, chosen.period, chosen.unclear) for chosen in (both, first, second)] == [
        (3, "week", []),
        (2, "week", []),
        (1, "week", []),
    ]
    assert both.minutes_before == 30 and both.minutes_after == 10


def test_a_volume_said_twice_is_read_once() -> None:
    reading = read("we get 30 calls a day, about 650 a month, 5 min each")
    assert (reading.volume, reading.period, reading.unclear) == (30, "day", [])


def test_the_period_of_an_amount_is_not_the_period_of_a_volume() -> None:
    reading = read(
        "We spend about $24k a year with an outside transcription service, roughly 40 hours of audio a month."
    )
    assert (reading.outsourcing_monthly_spend, reading.volume, reading.period) == (2000, 40, "month")
    assert reading.volume_is_recorded_hours


@pytest.mark.parametrize(
    ("text", "spend", "tool", "volume"),
    [
        ("翻訳を外注に月30万払ってる。AIにしたら？", 300_000, None, None),
        ("ツールは月5万くらい", None, 50_000, None),
        ("外注費は月20万。", 200_000, None, None),
        ("問い合わせが月に1万ほど", None, None, 10_000),  # no word of paying: a count
    ],
)
def test_a_bare_man_is_yen_where_its_clause_speaks_of_paying(
    text: str, spend: float | None, tool: float | None, volume: float | None
) -> None:
    reading = read(text)
    assert (reading.outsourcing_monthly_spend, reading.tool_cost_monthly, reading.volume) == (spend, tool, volume)


def test_a_longer_time_that_is_not_said_with_ai_is_a_second_kind_of_item() -> None:
    reading = read(
        "見積書は普通のもので1件30分、複雑なものだと2時間かかります。月に40件。AIで半分になるなら時給2,200円"
    )
    [unclear] = reading.unclear
    simple, complex_ = (read(question) for _, _, question in unclear.choices)
    assert [
        (chosen.minutes_before, chosen.minutes_after, chosen.volume, chosen.unclear) for chosen in (simple, complex_)
    ] == [(30, 15, 40, []), (120, 60, 40, [])]
    # said with AI, a longer time stays what it says, and the calculator refuses it by name
    assert read("20/month 1h -> 5h").unclear == []


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        (
            "商品ページの更新を週に6件。AIを使えば20分で済むようになるらしく、今は1件につき1時間半かかっています。",
            90,
            20,
        ),
        (
            "We write 40-60 status emails a week to clients, about 10 minutes each. AI drafts would get us to 3 minutes.",
            10,
            3,
        ),
    ],
)
def test_today_and_with_ai_are_told_apart_wherever_they_are_written(text: str, before: float, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_before, reading.minutes_after) == (before, after)


def test_a_months_pay_is_an_hour_of_it_and_a_staff_cost_no_hour_is_paid_is_asked() -> None:
    assert read("担当の人件費は月給30万円です").hourly_cost == round(300_000 / (8 * 52 * 5 / 12), 2)
    [unclear] = read("作業日報の集計を月に22回、1回1時間。AIで15分。担当の人件費は30万円です。").unclear
    assert [read(question).hourly_cost for _, _, question in unclear.choices] == [
        round(300_000 / (8 * 52 * 5 / 12), 2),
        None,
    ]


def test_ranges_of_recorded_hours_and_of_hourly_cost_are_kept() -> None:
    assert read("録音の文字起こしを外注。月に3〜5時間分あって、1分あたり120円").ranges == {"volume": (3, 5)}
    assert read("日報 週5件、1件30分→AIで10分。時給2,000〜2,500円").ranges == {"hourly_cost": (2000, 2500)}


@pytest.mark.parametrize(
    ("text", "volume", "unclear"),
    [
        ("Five line leaders each fill in 6 shift handover reports a week.", 30, None),
        ("カフェ3店舗のマネージャーです。各店の店長がそれぞれ週に1本、週報を書いています。", 3, None),
        ("We have 3 branches and put out 15 promo posts a week, 25 minutes each.", 15, "3 branches"),
        (
            "We pay a BPO ¥150 per invoice for 2,000 invoices a month, and staff spend 2 minutes checking each one.",
            2000,
            None,
        ),
    ],
)
def test_branches_and_shops_are_counted_like_people(text: str, volume: float, unclear: str | None) -> None:
    reading = read(text)
    assert reading.volume == volume
    assert [item.text for item in reading.unclear] == ([unclear] if unclear else [])


@pytest.mark.parametrize(
    ("text", "todays"),
    [
        ("資料を月に15件作成。ベテランは1時間、新人は3時間かかります。AIなら30分。", [60, 180]),
        ("発注メモを週に6回。自分だと20分で終わるけど、店長は45分かかってる。AIで5分になるなら", [20, 45]),
    ],
)
def test_several_times_today_ask_which_to_count(text: str, todays: list[float]) -> None:
    [unclear] = read(text).unclear
    assert [(read(question).minutes_before, read(question).unclear) for _, _, question in unclear.choices] == [
        (minutes, []) for minutes in todays
    ]


@pytest.mark.parametrize(
    ("text", "each", "all_of_them"),
    [
        ("予約変更の連絡メール、週に10件で30分くらいかかってます。", 30, 3),
        ("I do 20 invoices a month and it takes me 2 hours.", 120, 6),
    ],
)
def test_a_time_for_each_or_for_all_of_them_is_asked(text: str, each: float, all_of_them: float) -> None:
    [unclear] = read(text).unclear
    assert [read(question).minutes_before for _, _, question in unclear.choices] == [each, all_of_them]
    assert read("we write 20 quotes a month, it takes 2 hours each").unclear == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("月に一万二千字くらい", "月に12000字くらい"),
        ("1件十分かかっていて", "1件10分かかっていて"),
        ("十分です", "十分です"),  # "enough"
        ("1件15ふん。じきゅう1500えん", "1件15分。時給1500円"),
        ("between 10 and 20 booking inquiries", "10-20 booking inquiries"),
    ],
)
def test_everyday_writing_of_numbers_and_units(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("デンタルクリニック(03-1234-5678)です。見積説明書を月に35件、1件20分。AIなら7分。", lambda r: r.unclear == []),
        ("弊社は支店は3つございます。紹介文を月に40件、1件45分、AIで15分。", lambda r: r.unclear == []),
        (
            "シャンプー1本3,800円で売ってるんですが、口コミ返信が月に60件、1件8分。AIなら2分。",
            lambda r: r.not_used == ["3800円"],
        ),
        (
            "letters: 120 a month, 8 minutes each; with ai 2 minutes. the tool is $30/month and setup would be $500.",
            lambda r: (r.setup_cost, r.tool_cost_monthly) == (500, 30),
        ),
        ("予約のLINE返信が1日10件、1件2分。人件費は1時間1,100円です。", lambda r: r.hourly_cost == 1100),
        ("each one takes around 20 minutes. with ai we think it'd be 5.", lambda r: r.minutes_after == 5),
        (
            "We pay a content agency $2,500 a month for about 20 blog posts.",
            lambda r: (r.volume, r.period) == (20, "month"),
        ),
        ("2 of us each write about 15 product q&a replies a day", lambda r: (r.volume, r.people) == (30, 2)),
    ],
)
def test_what_is_not_a_quantity_of_work_and_what_is(text: str, check: object) -> None:
    assert check(read(text))  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "hourly"),
    [
        (
            "Treatment plan letters: 70 a month, 15 min each, maybe 5 with AI. It costs us $300 a month right now.",
            round(300 / (70 * 15 / 60), 2),
        ),
        ("予約確認のメッセージを月に300通、1通3分。AIなら1分。いまは月3万円かかってます。", 2000),
    ],
)
def test_what_it_costs_today_beside_the_times_is_asked(text: str, hourly: float) -> None:
    [unclear] = read(text).unclear
    staff, outside = (read(question) for _, _, question in unclear.choices)
    assert (staff.hourly_cost, staff.outsourcing_monthly_spend, staff.unclear) == (hourly, None, [])
    assert outside.outsourcing_monthly_spend is not None and outside.unclear == []


@pytest.mark.parametrize(
    ("text", "check"),
    [
        (
            "学校説明会の資料作り、毎回3人で取り組んでいて1回6時間くらい。年4回です。AIで半分",
            lambda r: [u.kind for u in r.unclear] == ["people"],
        ),
        (
            "minutes for our 12 monthly meetings eat about 20 hours, an AI notetaker would cut it to 5",
            lambda r: r.unclear and r.unclear[0].text == "20 hours",
        ),
        (
            "each job ticket summary takes about an hour, AI could make it 15 minutes. We do 5 a day.",
            lambda r: (r.minutes_before, r.unclear) == (60, []),
        ),
        (
            "600 minutes of audio a month go to a transcription service at $1.50 per minute",
            lambda r: r.outsourcing_unit_cost == 90,
        ),
        (
            "our writers do about 30 estimates a day between the 2 of them, total, ~12 min each",
            lambda r: r.volume == 30 and not r.unclear,
        ),
        ("洋食屋で、席数は40です。口コミ返信を週に15件、1件10分。AIなら3分", lambda r: r.unclear == []),
        (
            "We hire a copywriter for catalog copy: 240 product blurbs a year at $15 each.",
            lambda r: r.outsourcing_unit_cost == 15,
        ),
        (
            "四半期ごとに顧客アンケートの集計レポートを6本作っています。1本4時間",
            lambda r: (r.volume, r.period) == (2, "month"),
        ),
    ],
)
def test_more_everyday_readings(text: str, check: object) -> None:
    assert check(read(text))  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人件費は時給2千5百円", "人件費は時給2500円"),
        ("AIを使って十分まで短縮", "aiを使って10分まで短縮"),
        ("replying eats 1h30m every day", "replying eats 90 minutes every day"),
        ("it takes 2 hrs 15 min each week", "it takes 135 minutes each week"),
        ("スタッフの時級は1080円", "スタッフの時給は1080円"),
    ],
)
def test_more_everyday_writing_of_numbers(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "volume", "period", "people", "before"),
    [
        ("I spend about 45 min every week writing our newsletter; AI could cut it to 15 min", 1, "week", None, 45),
        ("仕込みメモを毎日30分かけて作ってます。AIなら10分", 1, "day", None, 30),
        (
            "Architecture office, 6 architects. Each architect writes 3 client reports a week, 1.5 hours each",
            18,
            "week",
            6,
            90,
        ),
        ("Temp agency: 4 recruiters, each writes about 25 summaries a week at 12 min apiece.", 100, "week", 4, 12),
        (
            "We're a two-person shop. Each of us does twelve invoice follow-ups a day, five minutes each.",
            24,
            "day",
            2,
            5,
        ),
        ("We write 30 reports a week. Each takes 2 hours", 30, "week", None, 120),
    ],
)
def test_once_a_period_and_people_each_however_they_are_called(
    text: str, volume: float, period: str, people: float | None, before: float
) -> None:
    reading = read(text)
    assert (reading.volume, reading.period, reading.people, reading.minutes_before) == (volume, period, people, before)


@pytest.mark.parametrize(
    ("text", "check"),
    [
        (
            "朝礼のメモを毎日作って、定例会議の議事録も週1回作ってます。どっちも1回40分、AIなら10分",
            lambda r: (
                [u.kind for u in r.unclear] == ["which"]
                and [read(q).volume for _, _, q in r.unclear[0].choices] == [26, 1, 1]
            ),
        ),
        (
            "We write daily stand-up summaries and a weekly client recap. Each takes 20 minutes, AI could make it 5.",
            lambda r: [u.kind for u in r.unclear] == ["which"],
        ),
        (
            "Our 4 agents each write 10 listings a week, 40 min apiece. AI gets it to 10 min. monthly savings?",
            lambda r: (r.volume, r.unclear) == (40, []),
        ),
        (
            "Every morning our manager spends an hour on the sales report, AI could do it in 15 min",
            lambda r: (r.volume, r.period, r.minutes_before, r.minutes_after) == (1, "day", 60, 15),
        ),
        (
            "Our coordinator earns ¥250,000 a month and writes 60 quote e-mails a month, 15 minutes each.",
            lambda r: r.hourly_cost == round(250_000 / (8 * 52 * 5 / 12), 2) and not r.unclear,
        ),
        ("Tutors earn $26/h and write 400 notes a month, 6 min each.", lambda r: r.hourly_cost == 26),
        (
            "We post ~18 job listings a month across 4 branches. Each takes 40 min",
            lambda r: (r.volume, r.unclear) == (18, []),
        ),
        (
            "議事録が月に25回分。会議は平均1時間で、議事録作成に1回あたり2時間。AIなら30分",
            lambda r: (r.minutes_before, r.unclear) == (120, []),
        ),
    ],
)
def test_tasks_at_two_rates_and_what_is_no_task(text: str, check: object) -> None:
    assert check(read(text))  # type: ignore[operator]


def test_a_volume_into_several_languages_is_multiplied_when_said_and_asked_otherwise() -> None:
    said = read(
        "We translate around 15 notices a month into English, Chinese and Vietnamese, so 45 translations in total."
    )
    assert (said.volume, said.unclear, said.not_used) == (45, [], [])
    [unclear] = read("お知らせを月15本、英語・中国語・ベトナム語に翻訳しています。1本30分").unclear
    assert [(read(question).volume, read(question).unclear) for _, _, question in unclear.choices] == [
        (45, []),
        (15, []),
    ]
    assert read("We translate 20 pages a month into English. 30 min each").unclear == []
    [before] = read(
        "英語・中国語に翻訳するお知らせが月15本あります。1本30分"
    ).unclear  # the languages before the volume
    assert [read(question).volume for _, _, question in before.choices] == [30, 15]


@settings(max_examples=40, deadline=None)
@given(
    low=st.integers(min_value=1, max_value=200),
    spread=st.integers(min_value=1, max_value=200),
    before=st.integers(min_value=20, max_value=300),
    japanese=st.booleans(),
)
def test_a_range_gives_the_same_two_ends_in_the_chat_and_ai_savings(
    catalog: Catalog, low: int, spread: int, before: int, japanese: bool
) -> None:
    high = low + spread
    text = (
        f"提案書 月{low}〜{high}件 {before}分→10分 時給3000"
        if japanese
        else f"{low}-{high} proposals/month {before}min -> 10min @3000"
    )
    request = parse_savings_text(text, "en", catalog=catalog)
    assert request.ends is not None
    chat = classify(text, catalog)
    assert chat.figures.ranges["volume"] == (low, high)
    slash = calculate_between(*request.ends, request.scenario, "en")
    assert slash.monthly_volume == Span(low=low, high=high)
    assert slash.hours_saved_per_month == Span(
        low=round(low * (before - 10) / 60, 1), high=round(high * (before - 10) / 60, 1)
    )


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("打合せ記録を週5件書いていて、1件に1時間15分かかっている。AIで20分", 75, 20),  # 「1件に」 is each
        ("print shop. ~200 quotes/month, 12 min each now, AI says 4. labor $28/hr.", 12, 4),
    ],
)
def test_per_item_times_in_other_words(text: str, before: float, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_before, reading.minutes_after, reading.unclear) == (before, after, [])


def test_a_large_count_with_no_counter_asks_what_it_counts_and_per_language_multiplies() -> None:
    [unclear] = read("技術文書の翻訳が月に1万あります。時給4,000円").unclear
    assert [(read(question).volume, read(question).volume_words) for _, _, question in unclear.choices] == [
        (10_000, "文字"),
        (10_000, "件"),
    ]
    newsletter = read(
        "We translate our monthly newsletter into English and Chinese. The agency charges ¥25,000 per language."
    )
    assert (newsletter.volume, newsletter.outsourcing_unit_cost, newsletter.unclear) == (2, 25_000, [])
    [length] = read("翻訳を月に30000件、外注は1文字12円").unclear  # a large count is written out, not as 1.2e+07
    assert [question for _, _, question in length.choices] == [
        "翻訳を 月12000000文字 、外注は1文字12円",
        "翻訳を 月24000000文字 、外注は1文字12円",
    ]


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("Invoices: 300 a month, 12 minutes each. The new tool should take 25% off that. Clerk costs $22/hour.", 9),
        ("Invoices: 300 a month, 12 minutes each, and AI brings it down to 25%. $22/hour", 3),
        ("請求書を月300件、1件12分。AIを入れると25%短縮できるらしい。時給1,500円", 9),
    ],
)
def test_a_share_of_the_time_is_read_whichever_side_its_words_are_on(text: str, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_before, reading.minutes_after, reading.unclear) == (12, after, [])


def test_a_share_that_no_words_tie_to_the_time_is_asked_not_replaced_by_an_assumption() -> None:
    [unclear] = read("Invoices: 300 a month, 12 minutes each. AI should give us 25% back. $22/hour").unclear
    assert unclear.kind == "stray"
    assert [read(question).minutes_after for _, _, question in unclear.choices] == [9, 3, None]


def test_a_time_said_of_the_whole_batch_in_japanese_is_asked_each_or_all() -> None:
    [unclear] = read("請求書を毎週40枚発行していて、3時間ほどかかってます。AIで半分。時給1,500円").unclear
    assert unclear.kind == "time_unit"
    assert [read(question).minutes_before for _, _, question in unclear.choices] == [180, 4.5]
    assert read("議事録を週に3回書いていて、毎回2時間かかっています。AIで半分").minutes_before == 120  # 毎回 is each


@pytest.mark.parametrize(
    "text",
    [
        "経理が3人います。請求書の確認が週に40件、1件10分、AIなら3分。時給1,600円",
        "We have 3 bookkeepers. Invoice checks: 40 a week, 10 minutes each, 3 with AI. $25/hr",
        "Invoice checks: 40 a week, 10 minutes each, 3 with AI. We have 3 bookkeepers. $25/hr",
    ],
)
def test_people_said_in_the_sentence_before_the_volume_are_asked_about(text: str) -> None:
    [unclear] = read(text).unclear
    assert unclear.kind == "people"
    assert read("従業員は12名です。請求書の確認が週に40件、1件10分、AIなら3分").unclear == []  # the company's size


def test_a_monthly_cost_beside_a_full_in_house_reckoning_is_asked_about() -> None:
    text = (
        "Our client letters cost us about $3,000 a month now. 150 a month, 30 minutes each, 10 with AI. Staff $28/hr."
    )
    [unclear] = read(text).unclear
    assert unclear.kind == "money"
    outside, left_out = (read(question) for _, _, question in reversed(unclear.choices))
    assert (outside.outsourcing_monthly_spend, outside.hourly_cost) == (3000, 28)
    assert (left_out.outsourcing_monthly_spend, left_out.hourly_cost, left_out.unclear) == (None, 28, [])


def test_a_time_that_changes_by_is_asked_less_by_or_down_to() -> None:
    [unclear] = read("見積書のチェックを月に40件。1件45分ですが、AIで15分変わるらしい。時給2,000円").unclear
    assert [read(question).minutes_after for _, _, question in unclear.choices] == [30, 15]


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("カフェです。土日も営業していて、インスタのDM返信が1日20件、1件3分。AIで1分。時給1,200円", 600),
        ("Our garage is open 7 days a week; we answer 12 booking emails a day, 5 minutes each, 2 with AI. $22/hr", 360),
        ("平日だけの営業で、問い合わせが1日20件、1件3分。AIで1分。", 20 * 52 * 5 / 12),
    ],
)
def test_a_volume_a_day_counts_every_day_only_when_the_business_works_every_day(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.monthly_volume == pytest.approx(monthly) and reading.unclear == [] and reading.not_used == []


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "Bookkeeping firm with 45 clients; we send each one a statement twice a month, 6 min per statement. AI: 2 min.",
            90,
        ),
        ("管理物件40件の点検報告を毎月1回ずつ作っていて、1件あたり30分。AIで10分。", 40),
    ],
)
def test_a_task_done_for_each_of_so_many_clients_is_that_many_times(text: str, monthly: float) -> None:
    reading = read(text)
    assert (reading.monthly_volume, reading.unclear, reading.not_used) == (monthly, [], [])


def test_hours_of_work_beside_a_count_are_shared_by_the_count_and_with_ai_time_make_one_batch() -> None:
    shared = read(
        "I spend 3 hrs a day on customer emails, about 20 emails a day. With AI drafts, 4 min per email. $30/hr"
    )
    assert (shared.monthly_volume, shared.minutes_before, shared.minutes_after) == (
        pytest.approx(20 * 52 * 5 / 12),
        9,
        4,
    )
    batch = read("The monthly stock report takes me 6 hours each month. With an AI tool I'd say 2 hours.")
    assert (batch.monthly_volume, batch.minutes_before, batch.minutes_after, batch.volume_is_hours) == (
        1,
        360,
        120,
        False,
    )


@pytest.mark.parametrize("odd", ["1e400", "nan", "inf", "NaN", "2.5E3"])
def test_what_only_looks_like_a_number_is_not_used_and_its_digits_are_not_read(odd: str) -> None:
    reading = read_quantities(
        normalise(f"20 proposals a month, 5 hours each, 1 hour with AI, staff at {odd} yen an hour")
    )
    assert reading.not_used == [odd.lower()] and reading.hourly_cost is None  # normalised text is lower case
    assert reading.volume == 20 and (reading.minutes_before, reading.minutes_after) == (300, 60)


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("We answer 300 enquiries a month, 12 minutes each; AI would cut that by two thirds. Staff $30/h.", 4.0),
        ("300 enquiries a month, 12 minutes each, and AI would save three quarters of that. Staff $30/h.", 3.0),
        ("300 enquiries a month, 12 minutes each, AI could cut it by one third. Staff $30/h.", 8.0),
    ],
)
def test_a_share_written_in_words_is_read_as_that_share(text: str, after: float) -> None:
    reading = read(text)
    assert reading.monthly_volume == 300 and reading.minutes_after == pytest.approx(after)


def test_a_quarter_written_as_a_period_stays_a_period() -> None:
    assert read("We file 90 returns a quarter, 40 minutes each, 10 with AI, staff at $35/h.").monthly_volume == 30


@pytest.mark.parametrize(
    "text",
    [
        "2019年創業です。四半期で60件の監査資料を作成、1件3時間、AIで1時間。時給2,800円。",
        "2023年度から、四半期で60件の監査資料を作っています。1件3時間がAIで1時間。時給2,800円。",
    ],
)
def test_a_year_that_is_a_date_is_not_the_volumes_period(text: str) -> None:
    assert read(text).monthly_volume == 20


def test_a_supplier_named_nearer_the_price_than_a_tool_word_is_who_is_paid() -> None:
    reading = read("新しいプランの紹介文を外注していて、1本3万円、月に4本です。")
    assert reading.outsourcing_unit_cost == 30_000 and reading.tool_cost_per_unit is None
    vendor = read(
        "900 messages a month, 3 minutes each, 1 with AI. The bot vendor charges ¥5 per message. Staff ¥1,600/h."
    )
    assert vendor.tool_cost_per_unit == 5 and vendor.outsourcing_unit_cost is None


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("取引先40社に毎月2本ずつレポートを送っています。1本30分、AIで10分。時給2,000円。", 80),
        ("物件の掲載文を毎日5件ずつ書いています。1件20分、AIで7分。時給1,600円。", 5 * 52 * 5 / 12),
    ],
)
def test_so_many_each_for_so_many_clients_is_that_many_times_more(text: str, volume: float) -> None:
    assert read(text).monthly_volume == pytest.approx(volume)


def test_a_months_pay_in_dollars_is_an_hour_to_the_cent() -> None:
    assert read(
        "Our bookkeeper's salary is $2.8k/month; 45 reconciliations a month, 40 → 15 min."
    ).hourly_cost == round(2_800 / (8 * 52 * 5 / 12), 2)


@pytest.mark.parametrize(
    "text",
    [
        "Podcast episodes go out for transcription at $70 per audio hour; we publish 8 episodes a month.",
        "会議の録音を外注で文字起こししていて、音声1時間あたり5,000円。会議は週に3本です。",
    ],
)
def test_a_price_per_hour_of_audio_beside_a_count_of_recordings_asks_how_long_each_is(text: str) -> None:
    [unclear] = read(text).unclear
    assert unclear.kind == "audio" and len(unclear.choices) == 3
    _, _, an_hour_each = unclear.choices[1]
    answered = read(normalise(an_hour_each))
    assert answered.unclear == [] and answered.volume_is_recorded_hours


def test_hours_of_audio_a_month_need_no_question() -> None:
    assert read("Transcription is outsourced at $70 per audio hour, about 12 hours of audio a month.").unclear == []


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("Claims checks: 40 per working day, 6 minutes each, 2 with AI, $22/h.", 40 * 52 * 5 / 12),
        ("We log 25 deliveries a business day, 4 min each → 1 min with AI at $19/hr.", 25 * 52 * 5 / 12),
    ],
)
def test_a_working_day_is_a_day(text: str, volume: float) -> None:
    assert read(text).monthly_volume == pytest.approx(volume)


def test_minutes_and_seconds_are_one_time() -> None:
    reading = read("問い合わせ対応が月に500件、1件2分30秒。AIで40秒。時給1,200円。")
    assert reading.minutes_before == pytest.approx(2.5) and reading.minutes_after == pytest.approx(40 / 60)


@pytest.mark.parametrize(
    "text",
    [
        "Since Mar 3 2025 we send 600 reminder emails a month, 4 minutes each, AI gets it to 1. Staff $25/h.",
        "At Gate 12 we check 600 manifests a month, 4 minutes each, AI gets it to 1. Staff $25/h.",
    ],
)
def test_a_date_or_a_place_number_is_no_quantity(text: str) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == 600


def test_a_volume_shared_by_two_is_the_teams() -> None:
    reading = read("経費精算の確認が月に300件あり、経理の2人で分担しています。1件4分、AIで1分。時給1,500円。")
    assert reading.unclear == [] and reading.monthly_volume == 300
