"""Block Kit for the advisor's results: answers, savings, plans, budgets and the inventory.

Every function here is pure: it returns the dicts that `chat.postMessage`, `respond` and
`views.publish` take, inside Slack's limits (50 blocks a message, 3,000 characters a
section, 10 context elements, 2,000 characters a button value, 150 a header). Our own
texts go through `escape`; only a model's Markdown goes through `to_mrkdwn`.
"""

from __future__ import annotations

import json
from typing import Any

from bot.advisor.service import Answer
from bot.domain.budget import BudgetPolicy, ScopeUsage
from bot.domain.money import Currency, ExchangeRate, format_money
from bot.domain.plan import AdoptionPlan, PlanItem
from bot.domain.savings import SavingsResult, Scenario
from bot.slack import ids
from bot.slack.mrkdwn import SECTION_TEXT_LIMIT, escape, preview, split_text, to_mrkdwn
from bot.text.answers import (
    build_versus_buy_text,
    converted_note,
    hours_line,
    money_figure,
    pick,
    plain_figure,
    zero_token_source,
)
from bot.text.budget_text import scope_name

Message = dict[str, Any]
Block = dict[str, Any]

MESSAGE_BLOCK_LIMIT = 50
MESSAGE_TEXT_BUDGET = 12_000  # well under the ~40,000 at which Slack answers msg_too_long
CONTEXT_ELEMENT_LIMIT = 10
FIELD_LIMIT = 10
FIELD_TEXT_LIMIT = 2_000
HEADER_TEXT_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2_000
FALLBACK_LENGTH = 300
BAR_CELLS = 10
PLAN_TASKS_SHOWN = 20
SCOPES_SHOWN = 40


# --- blocks -----------------------------------------------------------------------------


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def header_block(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, HEADER_TEXT_LIMIT), "emoji": True}}


def section_blocks(mrkdwn: str) -> list[Block]:
    """One section per piece of at most 3,000 characters (none for a blank text)."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in split_text(mrkdwn)]


def fields_block(fields: list[str]) -> Block:
    """A section of up to ten short texts, shown two by two."""
    return {"type": "section",
            "fields": [{"type": "mrkdwn", "text": clip(field, FIELD_TEXT_LIMIT)} for field in fields[:FIELD_LIMIT]]}


def context_block(*texts: str) -> Block:
    elements = [{"type": "mrkdwn", "text": clip(text, SECTION_TEXT_LIMIT)} for text in texts if text.strip()]
    return {"type": "context", "elements": elements[:CONTEXT_ELEMENT_LIMIT]}


def button(text: str, action_id: str, value: str, *, primary: bool = False) -> dict[str, Any]:
    element = {"type": "button", "text": {"type": "plain_text", "text": clip(text, BUTTON_TEXT_LIMIT)},
               "action_id": action_id, "value": value}
    return (element | {"style": "primary"}) if primary else element


def actions_block(*buttons: dict[str, Any]) -> Block:
    return {"type": "actions", "elements": list(buttons)}


def labelled(label: str, value: str) -> str:
    return f"*{label}*\n{value}"


def progress_bar(share: float) -> str:
    """"▓▓▓▓▓▓░░░░ 62%": the bar stops at full, the figure does not."""
    filled = round(min(max(share, 0.0), 1.0) * BAR_CELLS)
    return f"{'▓' * filled}{'░' * (BAR_CELLS - filled)} {share:.0%}"


# --- answers ----------------------------------------------------------------------------


def cost_line(answer: Answer, rate: ExchangeRate, currency: Currency) -> str:
    """What producing the answer cost, and the catalog entries it rests on, in its language."""
    language = answer.language
    source = zero_token_source(answer.path, language)
    tokens = answer.prompt_tokens + answer.completion_tokens
    money = format_money(rate.convert(answer.cost_usd, "USD", currency), currency)
    if source is not None and answer.model is not None:  # the calculator's answer, its numbers read by a model
        settled = answer.path != "clarify"
        line = pick(language, f"From {source} · numbers read by {answer.model}" + ("" if settled else ", not settled")
                    + f" · {tokens:,} tokens · {money}",
                    f"{source}から回答 · 数字の読み取り：{answer.model}" + ("" if settled else "（決まらず）")
                    + f" · {tokens:,}トークン · {money}")
    elif source is not None:
        line = pick(language, f"From {source} · 0 tokens", f"{source}から回答 · 0トークン")
    elif answer.model is None:  # declined, refused, or no model could answer
        line = pick(language, "No model called · 0 tokens", "モデル呼び出しなし · 0トークン")
    else:
        line = pick(language, f"{answer.model} · {tokens:,} tokens · {money}", f"{answer.model} · {tokens:,}トークン · {money}")
    if answer.tools:
        line += pick(language, " · catalog: ", " · カタログ: ") + ", ".join(answer.tools)
    return line


def answer_messages(answer: Answer, rate: ExchangeRate, currency: Currency, *, deeper_button: bool) -> list[Message]:
    """The answer as one message, or several when long; the cost line and button close the last."""
    body = to_mrkdwn(answer.answer) if answer.path == "llm" else escape(answer.answer)
    costs = escape(cost_line(answer, rate, currency))
    trailer = _answer_trailer(answer, costs, deeper_button)
    pages = _pages(section_blocks(body), blocks_per_page=MESSAGE_BLOCK_LIMIT - len(trailer))
    pages[-1].extend(trailer)
    return [{"text": _fallback(page) or preview(costs, FALLBACK_LENGTH), "blocks": page} for page in pages]


def _answer_trailer(answer: Answer, costs: str, deeper_button: bool) -> list[Block]:
    """Budget warnings, the cost line, and the "Deeper answer" button (which needs the question's id)."""
    language = answer.language
    trailer: list[Block] = []
    if answer.warnings and answer.model is None:  # a model's answer (or reading) carries its warnings in the text
        trailer.append(context_block("\n".join(escape(warning) for warning in answer.warnings)))
    if answer.clarify and answer.clarify["choices"] and all(
            len(choice["question"]) <= BUTTON_VALUE_LIMIT for choice in answer.clarify["choices"]):
        choices = [button(clip(choice["label"], BUTTON_TEXT_LIMIT), f"{ids.CLARIFY_CHOICE}_{number}", choice["question"])
                   for number, choice in enumerate(answer.clarify["choices"])]
        return [*trailer, actions_block(*choices), context_block(costs)]
    if not (deeper_button and answer.question_id is not None):
        return [*trailer, context_block(costs)]
    hint = pick(language, "_Deeper answer_ asks a stronger model; it counts against the budget.",
                "「もっと詳しく」はより高性能なモデルで答え直します（予算を消費します）。")
    deeper = button(pick(language, "Deeper answer", "もっと詳しく"), ids.DEEPER_ANSWER, str(answer.question_id))
    return [*trailer, context_block(costs, hint), actions_block(deeper)]


def _pages(sections: list[Block], blocks_per_page: int) -> list[list[Block]]:
    """Sections in order, as few pages as fit Slack's limits on blocks and text per message."""
    pages: list[list[Block]] = [[]]
    size = 0
    for section in sections:
        length = len(section["text"]["text"])
        if pages[-1] and (size + length > MESSAGE_TEXT_BUDGET or len(pages[-1]) >= blocks_per_page):
            pages.append([])
            size = 0
        pages[-1].append(section)
        size += length
    return pages


def _fallback(blocks: list[Block]) -> str:
    texts = [block["text"]["text"] for block in blocks if block["type"] == "section" and "text" in block]
    return preview("\n".join(texts), FALLBACK_LENGTH)


def thinking_message(language: str) -> Message:
    text = pick(language, "Thinking…", "考えています…")
    return {"text": text, "blocks": [context_block(f":hourglass_flowing_sand: {text}")]}


_FAILURES = {
    "answer": ("I could not answer your question just now.", "ただいまご質問にお答えできませんでした。"),
    "savings": ("I could not work out the savings just now.", "ただいま削減効果を計算できませんでした。"),
    "plan": ("I could not put the adoption plan together just now.", "ただいま導入計画を作成できませんでした。"),
    "budget": ("I could not read the budgets just now.", "ただいま予算を読み込めませんでした。"),
    "inventory": ("I could not take the inventory just now.", "ただいまツールの棚卸しができませんでした。"),
    "restart": ("I was restarted before I could finish this answer.", "再起動のため、この回答を最後までお届けできませんでした。"),
}


def failure_message(language: str, what: str) -> Message:
    """A polite apology for a failed `what` ("answer", "savings", "plan", "budget", "inventory", or
    "restart": an answer the process stopped before finishing).

    `what` only picks the sentence and is never shown itself, so no error detail can
    reach people this way.
    """
    en, ja = _FAILURES.get(what, ("Something went wrong on my side.", "こちらで問題が発生しました。"))
    text = pick(language, f"Sorry — {en} Please try again in a minute; if it keeps happening, tell an admin.",
                f"申し訳ありません。{ja}少し時間をおいてもう一度お試しください。続く場合は管理者にお知らせください。")
    return {"text": text, "blocks": section_blocks(f":warning: {text}")}


def usage_message(problem: str, usage: str) -> Message:
    """The reply to a command typed wrong: what was wrong, then how it is used."""
    return {"text": escape(problem), "blocks": section_blocks(f":warning: {escape(problem)}") + section_blocks(escape(usage))}


# --- savings ----------------------------------------------------------------------------


def share_value(scenario: Scenario, ends: tuple[Scenario, Scenario] | None = None) -> str:
    """What the "Share in channel" button carries: the scenario, and its ends when it was given with ranges."""
    if ends is None:
        return scenario.model_dump_json(exclude_none=True)
    return json.dumps({"scenario": scenario.model_dump(mode="json", exclude_none=True),
                       "ends": [end.model_dump(mode="json", exclude_none=True) for end in ends]}, ensure_ascii=False)


def shared_scenarios(value: str) -> tuple[Scenario, tuple[Scenario, Scenario] | None]:
    """The scenario (and its ends) a "Share in channel" button carries; pydantic's ValidationError if it carries none."""
    data = json.loads(value)
    if isinstance(data, dict) and set(data) == {"scenario", "ends"} and isinstance(data["ends"], list) \
            and len(data["ends"]) == 2:
        low, high = (Scenario.model_validate(end) for end in data["ends"])
        return Scenario.model_validate(data["scenario"]), (low, high)
    return Scenario.model_validate(data), None


def savings_blocks(scenario: Scenario, result: SavingsResult, label: str, language: str, *,
                   share_button: bool, shared_by: str | None = None,
                   ends: tuple[Scenario, Scenario] | None = None) -> list[Block]:
    """The calculator's result with its assumptions; the button carries the scenario (and the ends of its
    ranges) to recompute it.

    A scenario too long for a button value (a very long task name) is shown without the button.
    """
    blocks = [header_block(pick(language, f"Savings: {label}", f"削減効果：{label}"))]
    if shared_by:
        blocks.append(context_block(pick(language, f"Shared by <@{shared_by}>", f"<@{shared_by}> さんが共有")))
    fields = _savings_fields(scenario, result, language)
    if fields:
        blocks.append(fields_block(fields))
    if scenario.hourly_cost is None and scenario.outsourcing_unit_cost is None:
        blocks += section_blocks(pick(language, "To see this in money, add your staff cost per hour.",
                                      "金額で見るには、時給を添えてください。"))
    assumptions = "\n".join(f"• {escape(sentence)}" for sentence in result.assumptions)
    blocks.append(context_block(pick(language, "*Assumptions*\n", "*前提*\n") + assumptions))
    value = share_value(scenario, ends)
    if share_button and len(value) <= BUTTON_VALUE_LIMIT:
        blocks.append(actions_block(button(pick(language, "Share in channel", "チャンネルに共有"), ids.SHARE_SAVINGS, value)))
    return blocks


def _savings_fields(scenario: Scenario, result: SavingsResult, language: str) -> list[str]:
    currency = result.currency
    fields = []
    if scenario.minutes_before is not None or scenario.minutes_after is not None:
        fields.append(_field_of_line(hours_line(result.hours_saved_per_month, language)))
    if scenario.hourly_cost is not None or scenario.outsourcing_unit_cost is not None:
        today = money_figure(result.baseline_cost_per_month, currency, language)
        with_ai = money_figure(result.ai_cost_per_month, currency, language)
        fields += [
            labelled(pick(language, "Cost a month: today → with AI", "月のコスト：現在 → AI導入後"), f"{today} → {with_ai}"),
            labelled(pick(language, "Savings a month", "月の削減額"), money_figure(result.savings_per_month, currency, language)),
            labelled(pick(language, "Savings a year", "年の削減額"), money_figure(result.savings_per_year, currency, language)),
        ]
    if scenario.setup_cost:
        months = plain_figure(result.payback_months, language, pick(language, " months", "か月"))
        fields.append(labelled(pick(language, "Payback", "回収期間"), months))
    return fields


def _field_of_line(line: str) -> str:
    """"• Staff time saved: 80.0 h a month" as a field: the label in bold above the figure."""
    line = line.removeprefix("• ")
    for separator in ("：", ": "):
        label, found, value = line.partition(separator)
        if found:
            return labelled(label, value)
    return line


# --- the adoption plan ------------------------------------------------------------------


def plan_blocks(plan: AdoptionPlan, rate: ExchangeRate, language: str) -> list[Block]:
    """Where to start, every task ranked by what it saves, the totals, and build versus buy."""
    title = (pick(language, f"AI adoption plan: {plan.company}", f"AI導入計画：{plan.company}") if plan.company
             else pick(language, "Where to start with AI", "AI導入はここから"))
    blocks = [header_block(title), *section_blocks(_start_text(plan, language))]
    blocks += section_blocks(_ranked_tasks_text(plan, language))
    total = format_money(plan.savings_per_month, plan.currency)
    blocks += section_blocks(pick(
        language,
        f"*Together:* {plan.hours_freed_per_month:,.1f} h of staff time freed and {total} saved a month (at least). "
        "Put the freed time into what only people can do: customers, judgement, new work.",
        f"*合計：* 月{plan.hours_freed_per_month:,.1f}時間の作業時間と月{total}以上を削減。"
        "浮いた時間は顧客との関係づくりや判断など、人にしかできない仕事へ。"))
    if plan.build_versus_buy is not None:
        blocks += section_blocks(escape(build_versus_buy_text(plan.build_versus_buy, language)))
    notes = []
    if plan.is_typical:
        notes.append(pick(language, "No company profile is stored yet, so this is the plan for a typical small business. "
                                    "Admins can enter your own tasks with `/ai-plan edit`.",
                          "会社プロフィールが未登録のため、一般的な中小企業の計画です。管理者は `/ai-plan edit` で自社の業務を登録できます。"))
    options = [option for item in plan.items for option in (item.tool, item.api_alternative) if option]
    converted = converted_note(options, plan.currency, rate, language)
    if converted:
        notes.append(escape(converted))
    if notes:
        blocks.append(context_block(*notes))
    return blocks


def _start_text(plan: AdoptionPlan, language: str) -> str:
    start = plan.start
    if start is None:
        return pick(language, "None of these tasks saves money with today's tools.", "現在のツールでは、どの業務でも削減効果が出ません。")
    savings = money_figure(start.result.savings_per_month, plan.currency, language)
    return pick(
        language,
        f"*Start with: {escape(start.label)}*\nIt takes {start.hours_spent_per_month:,.1f} h of staff time a month today, "
        f"and AI would save {savings} a month{_with_tool(start, language)}.",
        f"*まずはここから：{escape(start.label)}*\n現在 月{start.hours_spent_per_month:,.1f}時間かかっており、"
        f"AIで月{savings}削減できます{_with_tool(start, language)}。",
    )


def _with_tool(item: PlanItem, language: str) -> str:
    if item.tool is None:
        return ""
    tool = f"{escape(item.tool.tool.name)} [{item.tool.tool.id}]"
    return pick(language, f" with {tool}", f"（{tool}）")


def _ranked_tasks_text(plan: AdoptionPlan, language: str) -> str:
    lines = [pick(language, "*Tasks ranked by net monthly savings*", "*月あたりの純削減額の順*")]
    for rank, item in enumerate(plan.items[:PLAN_TASKS_SHOWN], start=1):
        savings = money_figure(item.result.savings_per_month, plan.currency, language)
        hours = hours_line(item.result.hours_saved_per_month, language).removeprefix("• ")
        tool = (f"{escape(item.tool.tool.name)} [{item.tool.tool.id}]" if item.tool
                else pick(language, "no catalog tool", "該当ツールなし"))
        lines.append(pick(language, f"{rank}. *{escape(item.label)}* — {savings} a month · {hours} · {tool}",
                          f"{rank}. *{escape(item.label)}* — 月{savings} · {hours} · {tool}"))
    hidden = len(plan.items) - PLAN_TASKS_SHOWN
    if hidden > 0:
        lines.append(pick(language, f"…and {hidden} more tasks that save less.", f"…ほか{hidden}件（削減額はより小さい）"))
    return "\n".join(lines)


# --- budgets ----------------------------------------------------------------------------


def budget_blocks(usages: list[ScopeUsage], policy: BudgetPolicy, month: str, language: str, *,
                  is_admin: bool) -> list[Block]:
    """Each scope's spending against its limit, the policy in one sentence, and who can change it."""
    blocks = [header_block(pick(language, f"AI budget for {month}", f"{month}のAI予算"))]
    for usage in usages[:SCOPES_SHOWN]:
        blocks += section_blocks(scope_usage_text(usage, language))
    blocks.append(context_block(policy_sentence(policy, language)))
    blocks.append(context_block(budget_commands(language) if is_admin else pick(
        language, "Only the workspace's admins and owners can change budgets.",
        "予算を変更できるのはワークスペースの管理者とオーナーだけです。")))
    return blocks


def scope_usage_text(usage: ScopeUsage, language: str) -> str:
    name = scope_name(usage.scope.kind, usage.scope.id, language)
    title = f"*{name[:1].upper()}{name[1:]}*"
    spent = usage.used_tokens + usage.reserved_tokens
    money = format_money(usage.used_money_usd, "USD")
    if usage.limit is None:
        return pick(language, f"{title}\n{spent:,} tokens used · {money} · no limit",
                    f"{title}\n{spent:,}トークン使用 · {money} · 上限なし")
    limit, left = usage.limit.monthly_tokens, usage.remaining_tokens or 0
    money_limit = usage.limit.monthly_money_usd
    cap = "" if money_limit is None else pick(language, f" (limit {format_money(money_limit, 'USD')})",
                                              f"（上限 {format_money(money_limit, 'USD')}）")
    return pick(language, f"{title}\n{progress_bar(usage.share_used or 0.0)}\n"
                          f"{spent:,} of {limit:,} tokens · {left:,} left · {money} spent{cap}",
                f"{title}\n{progress_bar(usage.share_used or 0.0)}\n"
                f"{limit:,}トークン中{spent:,}使用 · 残り{left:,} · {money}{cap}")


def policy_sentence(policy: BudgetPolicy, language: str) -> str:
    """What happens near and at a limit, as people would say it."""
    warn = f"{policy.warn_at:.0%}"
    if policy.at_limit == "downgrade":
        return pick(language, f"Everyone is warned at {warn} of a limit. When a limit cannot pay for a question, "
                              "the cheapest weaker model the budget still covers answers it; only when none fits is it declined.",
                    f"上限の{warn}で警告します。予算が足りないときは、予算内で使える、より安いモデルが答えます（どれも使えなければお断りします）。")
    return pick(language, f"Everyone is warned at {warn} of a limit. When a limit cannot pay for a question, it is "
                          "declined; answers from the catalog and the calculator keep working at 0 tokens.",
                f"上限の{warn}で警告します。予算が足りない質問はお断りします。カタログや計算機の回答は0トークンで引き続き使えます。")


def budget_commands(language: str) -> str:
    commands = ("/ai-budget set workspace 2000000", "/ai-budget set #channel 100000", "/ai-budget set @user 50000",
                "/ai-budget threshold 80", "/ai-budget policy block|downgrade")
    return pick(language, "Change with: ", "変更：") + " · ".join(f"`{command}`" for command in commands)
