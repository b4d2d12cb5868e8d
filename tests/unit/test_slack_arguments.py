"""Reading what people type into Slack: slash-command text and modal values, in English and Japanese."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.catalog import Catalog, Category
from bot.domain.money import ExchangeRate
from bot.domain.plan import CompanyProfile, TaskProfile, typical_profile
from bot.settings import PROJECT_ROOT
from bot.slack import ids
from bot.slack.argument_values import MAX_TOKENS
from bot.slack.arguments import (
    ArgumentError,
    BudgetChanges,
    BudgetHelp,
    RemoveLimit,
    SavingsRequest,
    SetLimit,
    SetPolicy,
    SetThreshold,
    ShowBudget,
    budget_usage,
    parse_budget_command,
    parse_savings_text,
    profile_tasks_text,
    read_budgets_modal,
    read_profile_modal,
    read_savings_modal,
    savings_usage,
)
from bot.store.catalog_files import load_catalog

CATALOG = load_catalog(PROJECT_ROOT / "catalog").catalog


def typed(**fields: str | None) -> dict[str, Any]:
    """Slack's `view.state.values` for plain-text inputs (block id == action id)."""
    return {block: {block: {"type": "plain_text_input", "value": value}} for block, value in fields.items()}


def chosen(block: str, value: str, text: str = "") -> dict[str, Any]:
    option = {"text": {"type": "plain_text", "text": text or value}, "value": value}
    return {block: {block: {"type": "static_select", "selected_option": option}}}


# --- /ai-budget ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("", ShowBudget()),
        ("show", ShowBudget()),
        ("Status", ShowBudget()),
        ("表示", ShowBudget()),
        ("help", BudgetHelp()),
        ("set workspace 2000000", SetLimit("workspace", None, 2_000_000)),
        ("set workspace 2,000,000", SetLimit("workspace", None, 2_000_000)),
        ("set workspace 2M", SetLimit("workspace", None, 2_000_000)),
        ("set workspace 50k", SetLimit("workspace", None, 50_000)),
        ("set workspace 0", SetLimit("workspace", None, 0)),
        ("set <#C0123ABC|general> 100000", SetLimit("channel", "C0123ABC", 100_000)),
        ("set <#C0123ABC> 100000", SetLimit("channel", "C0123ABC", 100_000)),
        ("set <@U0123ABC|taro> 50000", SetLimit("user", "U0123ABC", 50_000)),
        ("set <@U0123ABC> 50000 $20", SetLimit("user", "U0123ABC", 50_000, 20.0)),
        ("set <@U0123ABC> 50000 20usd", SetLimit("user", "U0123ABC", 50_000, 20.0)),
        ("set <@U0123ABC> 50000 12.50 USD", SetLimit("user", "U0123ABC", 50_000, 12.5)),
        ("set channel 1000", SetLimit("channel", None, 1_000)),
        ("set here 1000", SetLimit("channel", None, 1_000)),
        ("set me 1000", SetLimit("user", None, 1_000)),
        ("設定 ワークスペース 200万", SetLimit("workspace", None, 2_000_000)),
        ("設定 ここ 10万トークン", SetLimit("channel", None, 100_000)),
        ("ｓｅｔ ｗｏｒｋｓｐａｃｅ ２，０００，０００", SetLimit("workspace", None, 2_000_000)),
        ("remove <#C0123ABC|general>", RemoveLimit("channel", "C0123ABC")),
        ("remove <@U0123ABC>", RemoveLimit("user", "U0123ABC")),
        ("remove workspace", RemoveLimit("workspace", None)),
        ("削除 自分", RemoveLimit("user", None)),
        ("threshold 80", SetThreshold(80)),
        ("threshold 80%", SetThreshold(80)),
        ("threshold 100", SetThreshold(100)),
        ("閾値 １", SetThreshold(1)),
        ("policy block", SetPolicy("block")),
        ("policy downgrade", SetPolicy("downgrade")),
        ("ポリシー ダウングレード", SetPolicy("downgrade")),
    ],
)
def test_budget_command_forms(text: str, command: object) -> None:
    assert parse_budget_command(text, "en") == command


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("set workspace 2,0000x", "'2,0000x' is not a number of tokens"),
        ("set workspace -5", "'-5' is negative"),
        ("set workspace 1.5", "'1.5' is not a number of tokens"),
        (f"set workspace {MAX_TOKENS + 1}", "more than 1,000,000,000,000 tokens"),
        ("set workspace", "give the tokens a month after 'workspace'"),
        ("set", "say whose limit"),
        ("set #general 1000", "pick the channel from Slack's list"),
        ("set @taro 1000", "pick them from Slack's list"),
        ("set user 1000", "pick them from Slack's list, or write me"),
        ("set team 1000", "'team' is not one of workspace, here, me"),
        ("set me 1000 $abc", "'$abc' is not an amount of US dollars"),
        ("remove #general", "pick the channel from Slack's list"),
        ("remove workspace now", "'now' after 'remove workspace' was not expected"),
        ("threshold 0", "'0' is not a whole percent from 1 to 100"),
        ("threshold 101", "'101' is not a whole percent"),
        ("threshold 0.8", "'0.8' is not a whole percent"),
        ("threshold", "give a percent from 1 to 100"),
        ("policy stop", "'stop' is not a policy: write block or downgrade"),
        ("policy", "say what happens at the limit"),
        ("budget", "'budget' is not a budget command"),
        ("show everything", "'everything' after 'show' was not expected"),
    ],
)
def test_budget_command_errors_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(ArgumentError) as raised:
        parse_budget_command(text, "en")
    assert problem in raised.value.problem
    assert raised.value.usage == budget_usage("en")


def test_budget_command_errors_are_in_japanese_for_japanese_readers() -> None:
    with pytest.raises(ArgumentError) as raised:
        parse_budget_command("set #general 1000", "ja")
    assert "Slackの候補から選んで" in raised.value.problem
    assert raised.value.usage == budget_usage("ja")
    assert "使い方" in raised.value.usage and "/ai-budget set workspace" in raised.value.usage


_BUDGET_WORDS = st.sampled_from([
    "set", "remove", "threshold", "policy", "show", "help", "設定", "workspace", "here", "me", "user", "#general",
    "<#C0123|general>", "<@U0123>", "<!here>", "<>", "2,000,000", "2m", "200万", "1.5", "$20", "20usd", "usd", "-5",
    "80%", "0", "block", "downgrade", "１００", "9" * 40,
])  # fmt: skip


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.text(), st.lists(st.one_of(_BUDGET_WORDS, st.text(max_size=6)), max_size=6).map(" ".join)),
    st.sampled_from(["en", "ja"]),
)
def test_budget_command_raises_nothing_but_argument_error(text: str, language: str) -> None:
    try:
        command = parse_budget_command(text, language)
    except ArgumentError as error:
        assert error.problem and error.usage == budget_usage(language)
        return
    if isinstance(command, SetLimit):
        assert 0 <= command.tokens <= MAX_TOKENS
    if isinstance(command, SetThreshold):
        assert 1 <= command.percent <= 100


# --- /ai-savings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "task", "expected"),
    [
        (
            "20 proposals/month 5h -> 1h @3000",
            Category.PROPOSALS,
            {
                "volume": 20,
                "period": "month",
                "minutes_before": 300,
                "minutes_after": 60,
                "hourly_cost": 3000,
                "currency": "JPY",
            },
        ),
        (
            "20/month 5h->1h @3000",
            None,
            {"volume": 20, "period": "month", "minutes_before": 300, "minutes_after": 60, "hourly_cost": 3000},
        ),
        (
            "20 proposals a month 300min → 60min @¥3,000",
            Category.PROPOSALS,
            {"volume": 20, "minutes_before": 300, "minutes_after": 60, "hourly_cost": 3000, "currency": "JPY"},
        ),
        (
            "10 job listings/year outsourced 30000-50000",
            Category.JOB_LISTINGS,
            {"volume": 10, "period": "year", "outsourcing_unit_cost": (30000, 50000), "minutes_before": None},
        ),
        (
            "10 job listings/year outsourced 30000 to 50000",
            Category.JOB_LISTINGS,
            {"outsourcing_unit_cost": (30000, 50000), "minutes_before": None, "minutes_after": None},
        ),
        (
            "月20件 5時間→1時間 時給3000円",
            None,
            {
                "volume": 20,
                "period": "month",
                "minutes_before": 300,
                "minutes_after": 60,
                "hourly_cost": 3000,
                "currency": "JPY",
            },
        ),
        (
            "提案書 月20件 5時間→1時間 @3000",
            Category.PROPOSALS,
            {"volume": 20, "minutes_before": 300, "minutes_after": 60, "hourly_cost": 3000},
        ),
        (
            "議事録 週5件 60分→5分 @3000 ツール 3000",
            Category.MEETING_MINUTES,
            {"volume": 5, "period": "week", "minutes_before": 60, "minutes_after": 5, "tool_cost_monthly": 3000},
        ),
        (
            "求人原稿 年10件 外注 3万〜5万円",
            Category.JOB_LISTINGS,
            {"volume": 10, "period": "year", "outsourcing_unit_cost": (30000, 50000), "currency": "JPY"},
        ),
        (
            "20 proposals/month 5h -> 1h @$40 tool 30",
            Category.PROPOSALS,
            {"hourly_cost": 40, "tool_cost_monthly": 30, "currency": "USD"},
        ),
        ("20 proposals/month 5h -> 1h @3000 +tool 3000/month", Category.PROPOSALS, {"tool_cost_monthly": 3000}),
        (
            "5 meetings weekly 1h30m -> 10min @3000",
            Category.MEETING_MINUTES,
            {"period": "week", "minutes_before": 90, "minutes_after": 10},
        ),
        (
            "２０件/月 ３００分→６０分 ＠３０００",
            None,
            {"volume": 20, "minutes_before": 300, "minutes_after": 60, "hourly_cost": 3000},
        ),
        ("20/month 300 -> 60min", None, {"minutes_before": 300, "minutes_after": 60}),
        ("20/month 5 -> 1h", None, {"minutes_before": 300, "minutes_after": 60}),
        ("40 inquiries a day 8min -> 2min @1200", Category.INQUIRY_CHATBOT, {"volume": 40, "period": "day"}),
        ("問い合わせ 1日40件 10分→2分 時給1200円", Category.INQUIRY_CHATBOT, {"volume": 40, "period": "day"}),
        ("40/day 8min -> 2min", None, {"volume": 40, "period": "day"}),
        ("20/month outsourced ¥30000-50000円", None, {"outsourcing_unit_cost": (30000, 50000), "currency": "JPY"}),
    ],
)
def test_savings_text_forms(catalog: Catalog, text: str, task: Category | None, expected: dict[str, Any]) -> None:
    request = parse_savings_text(text, "en", catalog=catalog)
    assert request.task == task
    assert request.scenario.task == (task.value if task else request.label)
    assert {field: getattr(request.scenario, field) for field in expected} == expected


def test_savings_text_keeps_the_task_words_as_the_label(catalog: Catalog) -> None:
    assert (
        parse_savings_text("10 job listings/year outsourced 30000-50000", "en", catalog=catalog).label == "job listings"
    )
    assert parse_savings_text("提案書 月20件 5時間→1時間 @3000", "ja", catalog=catalog).label == "提案書"
    assert parse_savings_text("20/month 5h->1h", "en", catalog=catalog).label is None


def test_savings_text_without_a_catalog_keeps_only_the_words() -> None:
    request = parse_savings_text("20 proposals/month 5h -> 1h @3000", "en")
    assert (request.task, request.label, request.scenario.task) == (None, "proposals", "proposals")


def test_savings_text_uses_the_default_currency_unless_one_is_written() -> None:
    assert parse_savings_text("20/month 5h->1h @40", "en", "USD").scenario.currency == "USD"
    assert parse_savings_text("20/month 5h->1h @¥3000", "en", "USD").scenario.currency == "JPY"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("20 proposals/month 5h @3000", "give the time per proposal before and after, like 5h -> 1h"),
        ("20 proposals 5h -> 1h", "say how many a day, week, month or year, like 20/month"),
        ("", "say how many a day, week, month or year"),
        ("20/month 5 -> 1", "say whether '5 -> 1' is in hours or minutes"),
        ("20/month 5h -> 1h 7 @3000", "'7' could not be read"),
        ("20/month 1h -> 5h", "the time with AI (300 min) is longer than today's (60 min)"),
        ("0/month 5h -> 1h", "the number of units must be more than zero"),
        ("20/month 5h -> 1h @$40 tool ¥3000", "the amounts mix yen and dollars"),
        ("20 proposals 5h -> 1h ¥3000", "say what '¥3000' is"),
        ("rota 3h -> 30min @2000", "say how often, like 4/month"),
        ("each investigator writes 3/week 90min -> 45min @4000", "say how many people do it"),
    ],
)
def test_savings_text_errors_name_the_problem(catalog: Catalog, text: str, problem: str) -> None:
    with pytest.raises(ArgumentError) as raised:
        parse_savings_text(text, "en", catalog=catalog)
    assert problem in raised.value.problem
    assert raised.value.usage == savings_usage("en")


def test_savings_text_errors_in_japanese(catalog: Catalog) -> None:
    with pytest.raises(ArgumentError) as raised:
        parse_savings_text("提案書 月20件 @3000", "ja", catalog=catalog)
    assert raised.value.problem.startswith("提案書1件あたりの時間を導入前→導入後で")
    assert "/ai-savings 提案書 月20件" in raised.value.usage


_SAVINGS_WORDS = st.sampled_from([
    "20/month", "月20件", "a month", "5h->1h", "5時間→1時間", "->", "5", "1h", "@3000", "@$40", "tool", "3000", "outsourced",
    "30000-50000", "¥", "proposals", "提案書", "0", "9" * 4000, "x" * 3000, " " * 3000,
])  # fmt: skip


def test_a_long_run_of_letters_or_spaces_after_a_number_is_read_in_one_pass() -> None:
    # A run of letters (the task's words before "/month") or of spaces could once be split between
    # the pattern's parts every way it can: a number and a few hundred of either took the reader
    # seconds to minutes, a few thousand for ever.
    with pytest.raises(ArgumentError):
        parse_savings_text("20 " + "x" * 3000 + " and more", "en", catalog=CATALOG)
    with pytest.raises(ArgumentError):
        parse_savings_text("20" + " " * 3000 + "x 5" + " " * 3000 + "-> 1", "en", catalog=CATALOG)
    request = parse_savings_text("20 " + "x" * 3000 + "/month 5h->1h @3000", "en", catalog=CATALOG)
    assert request.scenario.volume == 20


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_SAVINGS_WORDS, st.text(max_size=6)), max_size=7).map(" ".join), st.sampled_from(["en", "ja"])
)
def test_savings_text_raises_nothing_but_argument_error(text: str, language: str) -> None:
    try:
        request = parse_savings_text(text, language, catalog=CATALOG)
    except ArgumentError as error:
        assert error.problem
        return
    assert request.scenario.volume > 0


# --- the savings modal ----------------------------------------------------------------------


def test_savings_modal_reads_every_field() -> None:
    values = (
        typed(
            **{
                ids.SAVINGS_VOLUME: "２０",
                ids.SAVINGS_MINUTES_BEFORE: "5h",
                ids.SAVINGS_MINUTES_AFTER: "60",
                ids.SAVINGS_HOURLY_COST: "¥3,000",
                ids.SAVINGS_OUTSOURCING: "5000-30000",
                ids.SAVINGS_TOOL_COST: "3,000",
            }
        )
        | chosen(ids.SAVINGS_TASK, "proposals", "Proposals and sales documents")
        | chosen(ids.SAVINGS_PERIOD, "week")
    )
    request = read_savings_modal(values, "en", "USD")
    assert isinstance(request, SavingsRequest)
    assert (request.task, request.label) == (Category.PROPOSALS, "Proposals and sales documents")
    scenario = request.scenario
    assert (scenario.volume, scenario.period, scenario.minutes_before, scenario.minutes_after) == (20, "week", 300, 60)
    assert (scenario.hourly_cost, scenario.outsourcing_unit_cost, scenario.tool_cost_monthly) == (
        3000,
        (5000, 30000),
        3000,
    )
    assert scenario.currency == "JPY"  # the ¥ wins over the workspace's default


def test_savings_modal_needs_only_the_volume_and_a_way_to_save() -> None:
    request = read_savings_modal(typed(**{ids.SAVINGS_VOLUME: "10", ids.SAVINGS_OUTSOURCING: "5000"}), "en", "JPY")
    assert isinstance(request, SavingsRequest)
    assert (request.task, request.label, request.scenario.period) == (None, None, "month")
    assert request.scenario.outsourcing_unit_cost == 5000


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {ids.SAVINGS_VOLUME: "lots", ids.SAVINGS_MINUTES_BEFORE: "300"},
            {ids.SAVINGS_VOLUME: "'lots' is not a number"},
        ),
        ({ids.SAVINGS_VOLUME: "0", ids.SAVINGS_MINUTES_BEFORE: "300"}, {ids.SAVINGS_VOLUME: "more than zero"}),
        (
            {ids.SAVINGS_VOLUME: "20", ids.SAVINGS_MINUTES_BEFORE: "5 hours-ish"},
            {ids.SAVINGS_MINUTES_BEFORE: "is not a time"},
        ),
        ({ids.SAVINGS_VOLUME: "20"}, {ids.SAVINGS_MINUTES_BEFORE: "or an outsourcing price"}),
        (
            {ids.SAVINGS_VOLUME: "20", ids.SAVINGS_MINUTES_BEFORE: "60", ids.SAVINGS_MINUTES_AFTER: "2h"},
            {ids.SAVINGS_MINUTES_AFTER: "longer than today's"},
        ),
        (
            {ids.SAVINGS_VOLUME: "20", ids.SAVINGS_MINUTES_BEFORE: "60", ids.SAVINGS_HOURLY_COST: "3000-4000"},
            {ids.SAVINGS_HOURLY_COST: "is a range"},
        ),
        (
            {
                ids.SAVINGS_VOLUME: "20",
                ids.SAVINGS_MINUTES_BEFORE: "60",
                ids.SAVINGS_HOURLY_COST: "$40",
                ids.SAVINGS_TOOL_COST: "¥3000",
            },
            {ids.SAVINGS_TOOL_COST: "mix yen and dollars"},
        ),
        (
            {ids.SAVINGS_VOLUME: "x", ids.SAVINGS_MINUTES_BEFORE: "y", ids.SAVINGS_OUTSOURCING: "z"},
            {ids.SAVINGS_VOLUME: "'x'", ids.SAVINGS_MINUTES_BEFORE: "'y'", ids.SAVINGS_OUTSOURCING: "'z'"},
        ),
    ],
)
def test_savings_modal_errors_are_keyed_by_block(fields: dict[str, str], errors: dict[str, str]) -> None:
    read = read_savings_modal(typed(**fields), "en", "JPY")
    assert isinstance(read, dict)
    assert set(read) == set(errors)
    for block, problem in errors.items():
        assert problem in read[block]


def test_savings_modal_errors_in_japanese() -> None:
    read = read_savings_modal(typed(**{ids.SAVINGS_VOLUME: "二十"}), "ja", "JPY")
    assert isinstance(read, dict) and "「二十」は数として読めません" in read[ids.SAVINGS_VOLUME]


# --- the company-profile modal ------------------------------------------------------------------


def profile_values(
    tasks: str, hourly: str = "3,000", currency: str = "JPY", language: str = "ja", name: str = ""
) -> dict[str, Any]:
    return (
        typed(**{ids.PROFILE_NAME: name, ids.PROFILE_HOURLY_COST: hourly, ids.PROFILE_TASKS: tasks})
        | chosen(ids.PROFILE_CURRENCY, currency)
        | chosen(ids.PROFILE_LANGUAGE, language)
    )


def test_profile_modal_reads_english_and_japanese_lines() -> None:
    tasks = (
        "proposals, 20/month, 300 min, 60 min\n\n提案書, 月20件, 300分, 60分\n"
        "job listings, 10/year, outsourced 5,000-30,000\n議事録, 週5件, 1時間→5分, 3人\n"
        "Sales decks (proposals), 4 a week, 2h\ntranslation, 20000, 外注 月6万\nminutes (weekly), 1/week, 60 min"
    )
    profile = read_profile_modal(profile_values(tasks, name="Yamada Shoten"), "en")
    assert isinstance(profile, CompanyProfile)
    assert (profile.name, profile.hourly_cost, profile.currency, profile.language) == (
        "Yamada Shoten",
        3000,
        "JPY",
        "ja",
    )
    assert profile.tasks == [
        TaskProfile(task="proposals", volume=20, minutes_before=300, minutes_after=60),
        TaskProfile(task="提案書", volume=20, minutes_before=300, minutes_after=60),
        TaskProfile(task="job listings", volume=10, period="year", outsourcing_unit_cost=(5000, 30000)),
        TaskProfile(task="議事録", volume=5, period="week", minutes_before=60, minutes_after=5, people=3),
        TaskProfile(task="proposals", label="Sales decks", volume=4, period="week", minutes_before=120),
        TaskProfile(task="translation", volume=20000, outsourcing_spend_monthly=60000),
        TaskProfile(task="minutes (weekly)", volume=1, period="week", minutes_before=60),
    ]


@pytest.mark.parametrize(
    ("tasks", "problem"),
    [
        ("", "add at least one task"),
        ("proposals", "line 1: give how many after the task"),
        (
            "proposals, 20/month, 300 min\nminutes, lots, 60 min",
            "line 2: 'lots' is not how many a day, week, month or year",
        ),
        ("proposals, 20/month", "line 1: give the minutes per unit today"),
        ("proposals, 20/month, 300 min, 60 min, 30 min", "line 1: '30 min' is one time too many"),
        ("proposals, 20/month, 60 min, 300 min", "line 1: the time with AI (300 min) is longer than today's"),
        ("proposals, 20/month, soon", "line 1: 'soon' is not a time (300 min), an outsourcing price"),
        ("proposals, 0/month, 300 min", "line 1: the number of units must be more than zero"),
        ("proposals, 20/month, outsourced $50", "line 1: 'outsourced $50' is not in JPY"),
        ("a, 1/month, 10 min\nb, 1/month, 0 people, 10 min", "line 2: people: must be greater than or equal to 1"),
    ],
)
def test_profile_modal_names_the_bad_line(tasks: str, problem: str) -> None:
    read = read_profile_modal(profile_values(tasks), "en")
    assert isinstance(read, dict) and set(read) == {ids.PROFILE_TASKS}
    assert problem in read[ids.PROFILE_TASKS]


def test_profile_modal_errors_in_japanese_and_on_the_hourly_cost() -> None:
    read = read_profile_modal(profile_values("提案書, 月20件, 300分\n議事録, たくさん, 60分", hourly="0"), "ja")
    assert isinstance(read, dict)
    assert read[ids.PROFILE_TASKS].startswith("2行目：「たくさん」は")
    assert "人件費" in read[ids.PROFILE_HOURLY_COST]


def test_profile_hourly_cost_must_be_in_the_profile_currency() -> None:
    read = read_profile_modal(profile_values("proposals, 20/month, 300 min", hourly="$40", currency="JPY"), "en")
    assert read == {ids.PROFILE_HOURLY_COST: "'$40' is not in JPY, the profile's currency"}


_NAME = st.from_regex(r"[A-Za-zぁ-ゖァ-ヺ一-龥0-9]+( [A-Za-zぁ-ゖァ-ヺ一-龥0-9]+){0,2}", fullmatch=True)
_AMOUNT = st.floats(min_value=0.001, max_value=1e7, allow_nan=False)


@st.composite
def task_profiles(draw: st.DrawFn) -> TaskProfile:
    category = draw(st.none() | st.sampled_from(list(Category)))
    before = draw(st.none() | st.floats(min_value=0, max_value=1e4))
    outsourcing = draw(st.none() | _AMOUNT | st.tuples(_AMOUNT, _AMOUNT).filter(lambda pair: pair[0] < pair[1]))
    spend = draw(st.none() | _AMOUNT)
    if before is None and outsourcing is None and spend is None:
        before = 30.0
    after = draw(st.none() | st.floats(min_value=0, max_value=before if before is not None else 1e4))
    return TaskProfile(
        task=category.value if category else draw(_NAME), label=draw(st.none() | _NAME) if category else None,
        volume=draw(_AMOUNT), period=draw(st.sampled_from(["week", "month", "year"])), minutes_before=before,
        minutes_after=after, outsourcing_unit_cost=outsourcing, outsourcing_spend_monthly=spend,
        people=draw(st.integers(min_value=1, max_value=10_000)),
    )  # fmt: skip


@settings(max_examples=300)
@given(st.lists(task_profiles(), min_size=1, max_size=5), st.sampled_from(["en", "ja"]))
def test_profile_tasks_text_reads_back_as_the_same_tasks(tasks: list[TaskProfile], language: str) -> None:
    profile = CompanyProfile(hourly_cost=3000, tasks=tasks)
    read = read_profile_modal(profile_values(profile_tasks_text(profile, language)), language)
    assert isinstance(read, CompanyProfile), read
    assert read.tasks == tasks


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_typical_profile_reads_back(catalog: Catalog, rate: ExchangeRate, language: str) -> None:
    profile = typical_profile(catalog, "JPY", rate, language)
    text = profile_tasks_text(profile, language)
    assert len(text.splitlines()) == len(profile.tasks)
    read = read_profile_modal(profile_values(text), language)
    assert isinstance(read, CompanyProfile) and read.tasks == profile.tasks


def test_task_names_that_would_break_a_line_are_written_without_the_breaks() -> None:
    profile = CompanyProfile(
        hourly_cost=3000, tasks=[TaskProfile(task="Sales, marketing\ndecks (x)", volume=2, minutes_before=30)]
    )
    text = profile_tasks_text(profile, "en")
    assert text == "Sales  marketing decks  x, 2/month, 30 min"
    read = read_profile_modal(profile_values(text), "en")
    assert isinstance(read, CompanyProfile)
    assert read.tasks == [TaskProfile(task="Sales  marketing decks  x", volume=2, minutes_before=30)]


def test_profile_tasks_text_format() -> None:
    profile = CompanyProfile(hourly_cost=3000, tasks=[
        TaskProfile(task="proposals", label="Sales decks", volume=20, minutes_before=300, minutes_after=60),
        TaskProfile(task="job_listings", volume=10, period="year", minutes_after=60, outsourcing_unit_cost=(30000, 50000)),
    ])  # fmt: skip
    assert profile_tasks_text(profile, "en") == (
        "Sales decks (proposals), 20/month, 300 min, 60 min\njob_listings, 10/year, after 60 min, outsourced 30000-50000"
    )
    assert profile_tasks_text(profile, "ja") == (
        "Sales decks (proposals), 月20件, 300分, 60分\njob_listings, 年10件, 導入後60分, 外注 30000-50000"
    )


# --- the budgets modal ---------------------------------------------------------------------------


def budget_values(picks: dict[str, str] | None = None, policy: str | None = None, **fields: str) -> dict[str, Any]:
    picks = picks or {}
    values = typed(**fields) | {
        ids.BUDGET_CHANNEL: {
            ids.BUDGET_CHANNEL: {"type": "conversations_select", "selected_conversation": picks.get("channel")}
        },
        ids.BUDGET_USER: {ids.BUDGET_USER: {"type": "users_select", "selected_user": picks.get("user")}},
    }
    return values | (chosen(ids.BUDGET_POLICY, policy) if policy else {})


def test_budgets_modal_reads_every_change() -> None:
    values = budget_values(
        {"channel": "C0123", "user": "U0456"}, policy="downgrade",
        **{ids.BUDGET_WORKSPACE_TOKENS: "2,000,000", ids.BUDGET_CHANNEL_TOKENS: "200k", ids.BUDGET_USER_TOKENS: "5万",
           ids.BUDGET_WARN_AT: "75%"},
    )  # fmt: skip
    assert read_budgets_modal(values, "en") == BudgetChanges(
        workspace_tokens=2_000_000,
        channel=("C0123", 200_000),
        user=("U0456", 50_000),
        warn_at_percent=75,
        policy="downgrade",
    )


def test_budgets_modal_with_nothing_changes_nothing() -> None:
    assert read_budgets_modal(budget_values(), "en") == BudgetChanges()


@pytest.mark.parametrize(
    ("picks", "fields", "errors"),
    [
        ({"channel": "C0123"}, {}, {ids.BUDGET_CHANNEL_TOKENS: "give the tokens a month"}),
        ({}, {ids.BUDGET_CHANNEL_TOKENS: "1000"}, {ids.BUDGET_CHANNEL: "pick who these tokens are for"}),
        ({"user": "U0456"}, {}, {ids.BUDGET_USER_TOKENS: "give the tokens a month"}),
        ({}, {ids.BUDGET_USER_TOKENS: "1000"}, {ids.BUDGET_USER: "pick who"}),
        (
            {"channel": "C0123"},
            {ids.BUDGET_CHANNEL_TOKENS: "lots"},
            {ids.BUDGET_CHANNEL_TOKENS: "'lots' is not a number of tokens"},
        ),
        ({}, {ids.BUDGET_WORKSPACE_TOKENS: "-1"}, {ids.BUDGET_WORKSPACE_TOKENS: "negative"}),
        ({}, {ids.BUDGET_WARN_AT: "120"}, {ids.BUDGET_WARN_AT: "from 1 to 100"}),
    ],
)
def test_budgets_modal_errors_are_keyed_by_block(
    picks: dict[str, str], fields: dict[str, str], errors: dict[str, str]
) -> None:
    read = read_budgets_modal(budget_values(picks, **fields), "en")
    assert isinstance(read, dict) and set(read) == set(errors)
    for block, problem in errors.items():
        assert problem in read[block]


def test_budgets_modal_refuses_an_unknown_policy() -> None:
    read = read_budgets_modal(budget_values(policy="ignore"), "ja")
    assert read == {ids.BUDGET_POLICY: "block か downgrade を選んでください"}
