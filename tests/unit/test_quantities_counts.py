"""Counts that belong to the volume: who does it and how many of them, what each time is given for, the days
a business works, and numbers written in a way that once hid them (a pause before a number, 「三十分」)."""

from __future__ import annotations

import pytest

from tests.unit.reading_helpers import read


@pytest.mark.parametrize(
    "text",
    [
        "経理4人で1日30件の経費精算をチェックしています。1件6分、AIで2分。時給1,600円",
        "配送スタッフ12人で1日3回、車両点検の記録をつけてます。1回4分、AIで1分。時給1,300円",
    ],
)
def test_people_before_a_volume_a_day_ask_whether_it_is_each_ones(text: str) -> None:
    reading = read(text)
    assert [unclear.kind for unclear in reading.unclear] == ["people"]


@pytest.mark.parametrize(
    ("text", "people", "monthly"),
    [
        (
            "We're a 4-person practice; each of us reconciles about 15 statements a week, 12 min each. AI: 4 min. $45/h",
            4,
            15 * 4 * 52 / 12,
        ),
        (
            "Some of our 20-person team (so 6 planners) each draft about 5 itineraries a day, 20 min each. $35/h.",
            6,
            5 * 6 * 52 * 5 / 12,
        ),
        (
            "学習塾を4教室やってます。面談記録の入力が各教室で1日に10件、1件5分。AIで2分。時給1,200円",
            4,
            10 * 4 * 52 * 5 / 12,
        ),
        (
            "歯科医院を2院経営。各院で1日に40人分のカルテ入力、1人あたり2分、AIで1分。時給1,100円",
            2,
            40 * 2 * 52 * 5 / 12,
        ),
    ],
)
def test_people_or_sites_each_doing_the_volume_multiply_it(text: str, people: float, monthly: float) -> None:
    reading = read(text)
    assert reading.people == people
    assert reading.unclear == []
    assert reading.monthly_volume == pytest.approx(monthly)


def test_each_takes_a_time_is_not_each_person_doing_the_volume() -> None:
    reading = read("We have 5 clerks and 60 invoices a day; each takes 4 minutes, AI would make it 1. $25/h")
    assert reading.monthly_volume == pytest.approx(60 * 52 * 5 / 12)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("四半期ごとに取引先45社へ報告書を送っています。1社あたり40分、AIなら15分。時給3,000円", 15),
        ("Every quarter we send a review letter to 45 clients, 40 minutes per client, AI would make it 15. $50/h", 15),
        ("毎月、取引先30社に請求書を送っています。1社あたり10分、AIで2分。時給1500円", 30),
    ],
)
def test_a_task_done_once_a_period_for_each_of_a_count_counts_them(text: str, monthly: float) -> None:
    assert read(text).monthly_volume == pytest.approx(monthly)


def test_a_task_done_once_a_period_with_no_count_of_what_it_is_for_stays_once() -> None:
    assert read("四半期ごとに報告書を作っています。1本4時間、AIで1時間。時給2,000円").monthly_volume == pytest.approx(
        1 / 3
    )


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("Guest house, open 7 days. About 30 booking emails a day, 4 min each, AI 1 min. $20/h", 30 * 30),
        ("ゲストハウスです。土日関係なく1日20件の問い合わせ、1件5分、AIで1分。時給1,200円", 20 * 30),
        ("年中無休の店です。1日15件の予約対応、1件3分。AIで1分。時給1,100円", 15 * 30),
    ],
)
def test_a_business_open_every_day_counts_every_day_of_the_month(text: str, monthly: float) -> None:
    assert read(text).monthly_volume == pytest.approx(monthly)


def test_hours_of_recordings_beside_a_price_per_audio_hour_are_hours_of_audio() -> None:
    reading = read("We record ~30 hours of focus groups a month; the agency bills $90 per audio hour.")
    assert reading.volume_is_recorded_hours and not reading.volume_is_hours
    assert reading.monthly_volume == 30
    assert reading.outsourcing_unit_cost == 90


@pytest.mark.parametrize(
    ("text", "hourly"),
    [
        ("注文メールが週に40件、1件5分、AIなら1分。私の時給は…1,800円くらいかな", 1800),
        ("40 order emails a week, 5 min each, AI 1 min. my time is worth... $40/h I guess", 40),
    ],
)
def test_a_pause_before_a_number_does_not_hide_it(text: str, hourly: float) -> None:
    assert read(text).hourly_cost == hourly


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("見積書を月に二十件、一件につき一時間半。AIで三十分。時給二千五百円", 90, 30),
        ("報告書を週に5本、1本四十分。AIで二十分", 40, 20),
        ("議事録を週に3本、1本1時間かかってます。AIなら十分くらい", 60, 10),
    ],
)
def test_minutes_in_kanji_numbers(text: str, before: float, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_before, reading.minutes_after) == (before, after)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "Site supervisors (4 of them) each fill in a daily log every working day, 10 min per log. AI: 3 min. $30/h",
            4 * 52 * 5 / 12,
        ),
        ("現場監督4人がそれぞれ毎日日報を書いています。1回10分、AIで3分。時給1,800円", 4 * 52 * 5 / 12),
    ],
)
def test_people_each_doing_a_task_once_a_period(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == []
    assert reading.monthly_volume == pytest.approx(monthly)


def test_the_clients_counted_as_the_volume_are_not_counted_again_for_each_client() -> None:
    reading = read("給与計算のチェックで、顧問先が月に50社、一社あたり30分。AIで20分。時給2,000円")
    assert reading.monthly_volume == 50


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "クリニックです。予約確認の電話が1日に30件、1件3分。AIなら1分。時給1,200円。（受付・内線305）",
            30 * 52 * 5 / 12,
        ),
        ("標高900mの牧場です。通販の問い合わせメールが月に200件、1件6分、AIで2分。時給1,500円", 200),
        ("当社(創業1992年、支店3つ)で請求書の入力が月に800枚。1枚3分、AIで1分。時給1,100円", 800),
        ("For fiscal 2026 we code 1,800 receipts monthly at 2 min each. AI gets it to 0.5 min. $28/hr.", 1800),
        (
            "Call Suite 210 or ext. 4412 for details. We answer 25 emails a day, 5 min each, AI 2 min. $22/h",
            25 * 52 * 5 / 12,
        ),
    ],
)
def test_labels_branches_and_years_are_not_quantities_of_work(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == []
    assert reading.monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    ("text", "before", "hourly"),
    [
        ("返信メールが週に40通、1通6分。AIで2分。時急2,400円", 6, 2400),
        ("about 30 requests a week, each takes 12 minuts. a chatbot makes it 3 minutes. $19 an hour", 12, 19),
    ],
)
def test_everyday_typos_in_units(text: str, before: float, hourly: float) -> None:
    reading = read(text)
    assert (reading.minutes_before, reading.hourly_cost, reading.unclear) == (before, hourly, [])


@pytest.mark.parametrize(
    "text",
    [
        "5店舗やってる雑貨屋です。毎週の売上レポート作るのに2時間かかってて、AIで30分。時給1,800円",
        "We run 4 cafes. Every week the manager writes a sales summary, 2 hours, AI 30 min. $25/h",
        "We have 3 salons. Each manager does the rota, it's like 4 hours a week. AI would make it 1 hour. ¥2,200/h.",
    ],
)
def test_a_task_once_a_period_or_hours_of_work_in_several_shops_ask_whose_it_is(text: str) -> None:
    reading = read(text)
    assert [unclear.kind for unclear in reading.unclear] == ["people"]
    all_of_them, each = (read(choice[2]) for choice in reading.unclear[0].choices)
    assert all_of_them.unclear == each.unclear == []
    assert each.monthly_volume > all_of_them.monthly_volume
    assert each.minutes_before == all_of_them.minutes_before


def test_hours_of_work_each_person_spends_are_each_ones_batch() -> None:
    reading = read("Our 3 salon managers each spend 4 hours a week on the rota. AI would make it 1 hour. ¥2,200/h.")
    assert (reading.monthly_volume, reading.minutes_before, reading.minutes_after) == (13, 240, 60)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "鍼灸院です。患者さんは1日平均15人、スタッフは2人です。問診の入力に1人10分、AIで3分。時給1300円",
            15 * 52 * 5 / 12,
        ),
        (
            "We see about 40 patients a day with 3 receptionists. Check-in notes take 4 min each, AI 1 min. $20/h",
            40 * 52 * 5 / 12,
        ),
    ],
)
def test_people_served_are_not_multiplied_by_the_staff(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == []
    assert reading.monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    "text",
    [
        "Shift schedules take the manager 3 hours. An AI scheduling tool could cut it to 30 min. ¥2,000/h.",
        "月次の売上報告を作るのに3時間、AIなら30分。時給2,000円",
    ],
)
def test_a_time_with_no_count_of_how_often_is_asked(text: str) -> None:
    reading = read(text)
    if reading.volume is not None:  # 「月次」 says once a month
        assert reading.monthly_volume == 1
        return
    assert [unclear.kind for unclear in reading.unclear] == ["how_often"]
    daily, weekly, monthly = (read(choice[2]).monthly_volume for choice in reading.unclear[0].choices)
    assert (daily, weekly, monthly) == pytest.approx((52 * 5 / 12, 52 / 12, 1))


def test_twice_a_period_is_two() -> None:
    assert read("We hold a board meeting twice a month; minutes take 50 min each, AI 15. ¥1,500/h").monthly_volume == 2
    reading = read("Minutes for a weekly staff meeting and a board meeting twice a month, 50 min each, AI 15.")
    assert [unclear.kind for unclear in reading.unclear] == ["which"]


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("3 staff each write 8 reports a week, 30 min each, AI 10. ¥2,200/h", 10),
        ("40 orders a day, 5 min each, AI: 2. $20/h", 2),
    ],
)
def test_a_bare_number_after_ai_is_the_time_with_ai(text: str, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_after, reading.unclear) == (after, [])


def test_one_persons_volume_with_no_count_of_people_asks_how_many() -> None:
    reading = read("Surveillance reports: each investigator writes 3 a week, 90 minutes each, AI halves it. $40/h")
    assert [unclear.kind for unclear in reading.unclear] == ["how_many"]
    volumes = [read(choice[2]).monthly_volume for choice in reading.unclear[0].choices]
    assert volumes == pytest.approx([3 * count * 52 / 12 for count in (2, 3, 5, 10)])


def test_each_item_that_does_something_is_not_a_person() -> None:
    reading = read("We get 40 orders a day and each order gets a confirmation email, 3 min each, AI 1 min. $20/h")
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(40 * 52 * 5 / 12)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "music school, 12 teachers and ~240 students. we send parents a note after every lesson, each student has "
            "1 lesson per week. 5 mins each, AI 1 min. $28/h",
            240 * 52 / 12,
        ),
        ("We manage 80 properties and every property gets 2 inspections a month, 30 min each, AI 10. $30/h", 160),
    ],
)
def test_a_volume_each_one_has_counts_all_of_them(text: str, monthly: float) -> None:
    assert read(text).monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("We check invoices for about 2,400 shipments a year. Each check is ~12 min, AI-assisted maybe 4. ¥3,200/h", 4),
        ("20 to 25 jobs a month, 40 min each, AI would make it ~10. Cost per hour ¥3,500.", 10),
        ("appraisal write-ups ~70/week combined. 8 min each. with an AI image tool maybe 3. staff cost $19.50/h", 3),
        ("I do 20 invoices a month, 6 minutes each. With AI maybe half. My rate is $80/h.", 3),
    ],
)
def test_everyday_ways_of_giving_the_time_with_ai(text: str, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_after, reading.unclear) == (after, [])


def test_half_the_team_is_not_half_the_time() -> None:
    reading = read(
        "Half our 10-person team (so 5 reps) each write 8 notes a day, 6 min apiece. AI would make it 2 min."
    )
    assert (reading.minutes_before, reading.minutes_after) == (6, 2)


def test_a_short_time_for_a_large_volume_is_each_ones() -> None:
    """All 200 jobs in 15 minutes is not a reading worth asking about: 15 minutes is each job's."""
    reading = read("we do 200 jobs a month; each job's invoice + photo report takes 15 mintues, AI would make it 5.")
    assert (reading.minutes_before, reading.minutes_after, reading.unclear) == (15, 5, [])


def test_all_of_them_in_a_time_takes_the_time_with_ai_for_all_of_them_too() -> None:
    reading = read("We do 20 invoices a month and it takes me 2 hours, with AI 30 minutes. $80/h")
    each, all_of_them = (read(choice[2]) for choice in reading.unclear[0].choices)
    assert (each.minutes_before, each.minutes_after) == (120, 30)
    assert (all_of_them.minutes_before, all_of_them.minutes_after) == (6, 1.5)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "Roofing contractor, family business since '82. Claim reports: ~8 a week, 2 hrs each, AI 30 min. $26/hr",
            8 * 52 / 12,
        ),
        ("酪農家です。毎日休みなしで100頭分の記録を入力、1頭あたり1分半。AIなら30秒。時給1,500円", 100 * 30),
    ],
)
def test_years_and_animals_and_days_without_rest(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    ("text", "monthly", "minutes"),
    [
        ("スタッフの作業報告書のとりまとめに、月に合計20時間。報告書は月に300枚。AIで1枚1分。時給1,150円", 300, 4),
        (
            "ドライバーの日報チェックに、週に全部で10時間くらい。日報は週に200件。AIで1件1分。時給1,250円",
            200 * 52 / 12,
            3,
        ),
    ],
)
def test_hours_of_work_in_total_over_a_count_are_a_time_each(text: str, monthly: float, minutes: float) -> None:
    reading = read(text)
    assert reading.monthly_volume == pytest.approx(monthly)
    assert reading.minutes_before == pytest.approx(minutes)


@pytest.mark.parametrize(
    "text",
    [
        "通販会社です。来月から始まるキャンペーン期間中に問い合わせが2,000件くらい来る予定で、1件4分。AIで1分。時給1,200円",
        "I spend 2 hours on payroll questions from staff, there are about 25 a week. AI could halve it. I'm $35/hr.",
        "毎朝の発注書（1日4件）の作成に45分、AIなら10分になりそう。時給1,300円",
        "Our 3 recruiters screen 50 resumes a week, 6 minutes per resume; an AI screener would cut it to 2. $36/hr.",
    ],
)
def test_a_count_or_a_time_that_reads_two_ways_is_asked(text: str) -> None:
    assert read(text).unclear


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("棚卸しレポートを四半期ごとに作ってて、拠点が6つあってそれぞれで作成。1回3時間、AIで1時間。時給1,900円", 2),
        (
            "Our teachers (18 of them, each one) write around 6 parent-update emails a week, ~12 min apiece. AI: 4 min.",
            18 * 6 * 52 / 12,
        ),
        (
            "We run 4 restaurants, and each one posts specials 5 times a week. A post takes 20 min; with AI about 5.",
            4 * 5 * 52 / 12,
        ),
        (
            "保育園（園児90名）です。保育士が一人あたり1日12件書いています。保育士は10人。1件3分、AIで1分。",
            10 * 12 * 52 * 5 / 12,
        ),
    ],
)
def test_who_does_the_volume_each(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "Dental practice (three locations but I'm only asking about the Elm St office). About 25 letters a week. "
            "Each one takes 18 minutes; with AI maybe 6. $24/hr.",
            25 * 52 / 12,
        ),
        (
            "I run a taco place, 2 locations. Catering inquiries, roughly 40-60 a month total between both, 15 min each, AI 5.",
            50,
        ),
        ("店舗は3つありますが、シフト表づくりは本部でまとめて月12回やってます。1回90分→AIで20分。", 12),
        (
            "We translate 15 notices a month into English, Chinese and Vietnamese, so 45 translations in total, "
            "each taking our staff about an hour. Machine translation might take 15 minutes.",
            45,
        ),
    ],
)
def test_a_volume_for_all_the_shops_is_not_multiplied(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("Listing descriptions, around 30 per month, 50 minutes each. With ChatGPT maybe 15. $27/hr.", 50, 15),
        ("3 supervisors each compile 2 shift reports per working day, 12 minutes each; AI would make that 4.", 12, 4),
        ("25 referral letters every week. Each one is about 10 minutes; an AI scribe vendor says it'd be 3.", 10, 3),
        (
            "With AI it'd be 10 minutes, but right now each lesson plan takes our teachers 55 minutes. 90 a month.",
            55,
            10,
        ),
    ],
)
def test_more_ways_of_giving_the_times(text: str, before: float, after: float) -> None:
    reading = read(text)
    assert (reading.minutes_before, reading.minutes_after, reading.unclear) == (before, after, [])


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "Teachers write a daily report for each kid - we have 24 kids, 4 minutes per report. AI: 1.5 min.",
            24 * 52 * 5 / 12,
        ),
        ("葬儀社です（会館は2つ）。礼状の文面作成が月に60件、1件25分。AIなら8分。時給1,500円", 60),
        ("中古車の査定メモ、しゅうに25台ぶん書いてて1台20ぷん。AIつかえば7分くらい？時給2000円", 25 * 52 / 12),
        ("Lesson plans: about 90 a month across our two campuses, 55 minutes each, AI 10. $42 an hour.", 90),
    ],
)
def test_more_counts_read_as_meant(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(monthly)


def test_a_meetings_length_in_brackets_is_not_the_time_to_write_it_up() -> None:
    reading = read("週1回の営業会議（1回90分）の議事録を、毎回2時間かけて作っています。AIなら30分。時給1,500円")
    assert (reading.minutes_before, reading.minutes_after, reading.unclear) == (120, 30, [])


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "dental clinic (2 dentists, opened 2014). pre-auth letters: approx 15 per week, 25 mins each. AI 8 mins. $23/hr",
            15 * 52 / 12,
        ),
        (
            "24/7 vet hospital: discharge instructions, 8 a day, 12 min each. an ai template gets it to 4 min. $24/hr",
            8 * 52 * 5 / 12,
        ),
        (
            "physio clinic @ 200 Oak Ave unit 4 — SOAP notes: 12 notes a day, 8 min each, AI 2 min, hourly cost ~$55",
            12 * 52 * 5 / 12,
        ),
        (
            "25 new descriptions per quarter, each ~40 min. chatgpt would get it to 10 min. $30 an hour. (we brew ~4,000 bbl/yr)",
            25 / 3,
        ),
        (
            "auto repair shop. ~35 repair orders a day, 4.5 min each, AI 1.5 min. $22.50/hr. shop # (503) 555-0199",
            35 * 52 * 5 / 12,
        ),
        ("we seat 85. menu translation: roughly 6 menus a quarter, the agency charges $180 per menu.", 2),
        (
            "hardware store (est. 1962). product listings, aprox 75/wk, 8 mins each, w/ ai ~3 mins. clerk is $17/hr",
            75 * 52 / 12,
        ),
        ("conflict checks: a couple hundred per year, ~25 min each; AI search cuts it in half. ~$120/hr", 200 / 12),
        (
            "整骨院（駅から徒歩3分のビルの2階）、問診票の入力が1日20人分、1人分10分。AIで半分に。時給1080円",
            20 * 52 * 5 / 12,
        ),
    ],
)
def test_distractors_and_counts_in_everyday_messages(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("between the two of us we reconcile about 80 bank statements a month, ~20 min each. AI 5. $45/hr", 80),
        (
            "our 12 drivers file ~3 exception reports a week pp, 10 min each. voice-to-form AI → 3 min. $26/hr",
            12 * 3 * 52 / 12,
        ),
        (
            '- each of the 4 dispatchers answers ~30 "where\'s my shipment" emails per day\n- ~4 min each\n- AI: 1.6',
            4 * 30 * 52 * 5 / 12,
        ),
    ],
)
def test_whose_volume_in_everyday_messages(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(monthly)


def test_my_team_each_with_no_count_asks_how_many() -> None:
    reading = read("my team each gets ~40 customer emails a day, 4 min each, AI 1 min, $22/hr")
    assert [unclear.kind for unclear in reading.unclear] == ["how_many"]


def test_a_range_of_shares_saved_is_a_range_of_times_with_ai() -> None:
    reading = read("booking questions ~80/wk, 5 min each. AI would cut 50-70% of that time. $17/hr")
    assert reading.ranges["minutes_after"] == pytest.approx((1.5, 2.5)) and reading.unclear == []


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        ("特養の相談員です。ご家族向けの近況報告、入居者80名分を毎月書いてて、1人分15分。AIで5分。月給27万円", 80),
        ("ドライバー25人分の運転日報を毎営業日チェックしてます。1人分2分→AIで30秒。時給1,800円", 25 * 52 * 5 / 12),
        (
            "毎朝、売上日報を全店舗分まとめて1本のレポートにしてて、その1本に45分。AIなら10分。店舗は8店舗、時給1500円",
            52 * 5 / 12,
        ),
        (
            "連絡帳のお便りを保育士さんが毎日書いていて、園児は全部で45人、1人あたり4分。AIで2分。時給1,350円",
            45 * 52 * 5 / 12,
        ),
        ("ビル清掃の会社です。作業報告書を月に320件、1件7分。AIで2分。時給1150円。現場は18か所あります。", 320),
        ("small nonprofit, 22 staff, $1.8M budget. grant report summaries, 9 a month, 3 hours each. AI: 1 hour.", 9),
        ("受託開発の会社です（資本金1000万円）。テスト仕様書を週に3本、1本90分。AIで30分。時給3500円", 3 * 52 / 12),
    ],
)
def test_counts_said_before_their_period_and_sizes_that_are_no_work(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(monthly)


@pytest.mark.parametrize(
    ("text", "monthly"),
    [
        (
            "We run 3 dog grooming salons. Each salon sends about 20 report cards a day, 5 min each, AI 1 min. $19/h",
            3 * 20 * 52 * 5 / 12,
        ),
        (
            "整骨院を3院経営。各院で1日あたり15名分の施術記録を書いていて、1名5分。AIで1.5分。時給1,800円",
            3 * 15 * 52 * 5 / 12,
        ),
        (
            "クリーニング店（8店舗）の本部です。毎週月曜に各店の売上報告をまとめる作業が週1回3時間。AIで半分。時給1,200円",
            52 / 12,
        ),
        (
            "We recieve about 35 inquiries each weekday. Each takes around 7 minutes for staff. AI: 3 minutes. ¥1,400/hour",
            35 * 52 * 5 / 12,
        ),
        (
            "司法書士事務所です。録音を外部業者に出していて音声1時間あたり7,000円。毎月の録音は合計で25時間くらいです。",
            25,
        ),
    ],
)
def test_shops_each_compiling_for_all_shops_and_recordings_a_month(text: str, monthly: float) -> None:
    reading = read(text)
    assert reading.unclear == [] and reading.monthly_volume == pytest.approx(monthly)


def test_a_time_for_a_weekly_batch_of_forty_asks_whether_it_is_each_ones() -> None:
    """30 minutes for 40 order confirmations is 45 seconds each: a reading worth asking about."""
    assert read("注文確認を週に40件、30分かかってます。AIで10分にできたら。時給1,100円").unclear


@pytest.mark.parametrize(
    ("text", "monthly", "before", "after"),
    [
        (
            "AIなら月に合計10時間で済むと言われた。今は月に合計40時間かかってます。対象は点検報告書で、月200件。",
            200,
            12,
            3,
        ),
        (
            "確定申告の書類整理、個人のお客様が年に120人。1人あたり2時間、AIで4割減。月給26万円。スタッフ11名。",
            10,
            120,
            72,
        ),
        (
            "倉庫が三拠点あって、それぞれ毎週四十件ほど出荷トラブルの報告書を書いています。一件十五分。AIで五分。",
            3 * 40 * 52 / 12,
            15,
            5,
        ),
        (
            "眼鏡店を7店舗やってます。どの店も週に20件くらい問い合わせメールに返していて1件12分。AIで25%短縮。",
            7 * 20 * 52 / 12,
            12,
            9,
        ),
        (
            "Monthly client reports: 28 clients, one report each per month, 3 hours each. With AI 1 hour. $45/h",
            28,
            180,
            60,
        ),
        ("Permit application packets: 22 a month, 3 hours each. AI could get it to 1-1.5 hours. $40/h", 22, 180, 75),
        (
            "We confirm 30 bookings a day by phone, 3 min each; an AI SMS bot takes it to half a minute. $18/h",
            650,
            3,
            0.5,
        ),
        (
            "広告代理店です。月次レポートのコメント作成がクライアント25社分、毎月あります。1社45分、AIで15分。",
            25,
            45,
            15,
        ),
    ],
)
def test_hard_readings_of_counts_and_times(text: str, monthly: float, before: float, after: float) -> None:
    reading = read(text)
    assert reading.unclear == []
    assert (reading.monthly_volume, reading.minutes_before, reading.minutes_after) == pytest.approx(
        (monthly, before, after)
    )


@pytest.mark.parametrize(
    "text",
    [
        "損害調査員は一人あたり週4件の報告書を書いてて、1件2時間。AIなら45分。時給2,600円。",
        "クリーニング店です。スタッフはそれぞれ1日15件の預かり票を入力していて、1件3分。AIで1分。時給1,100円",
        "ラーメン屋を4店舗経営しています。仕込み量の発注メモを週に6回作っていて、1回20分。AIで5分。時給1,200円",
        "Answering supplier queries costs us about $3,000 a month right now. We get 400 a month, 9 min each, AI 3 min.",
    ],
)
def test_more_readings_that_are_asked(text: str) -> None:
    assert read(text).unclear
