"""Block Kit for the advisor's answers, and the building blocks of every other message (`report_blocks`,
`inventory_blocks`, `home`, `views`).

Every function here is pure: it returns the dicts that `chat.postMessage`, `respond` and
`views.publish` take, inside Slack's limits (50 blocks a message, 3,000 characters a
section, 10 context elements, 2,000 characters a button value, 150 a header). Our own
texts go through `escape`; only a model's Markdown goes through `to_mrkdwn`.
"""

from __future__ import annotations

from typing import Any

from bot.advisor.answer import Answer
from bot.domain.messages import say
from bot.domain.money import Currency, ExchangeRate, format_money
from bot.slack import ids
from bot.slack.mrkdwn import SECTION_TEXT_LIMIT, escape, preview, split_text, to_mrkdwn
from bot.text.answers import zero_token_source

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
    return {
        "type": "section",
        "fields": [{"type": "mrkdwn", "text": clip(field, FIELD_TEXT_LIMIT)} for field in fields[:FIELD_LIMIT]],
    }


def context_block(*texts: str) -> Block:
    elements = [{"type": "mrkdwn", "text": clip(text, SECTION_TEXT_LIMIT)} for text in texts if text.strip()]
    return {"type": "context", "elements": elements[:CONTEXT_ELEMENT_LIMIT]}


def button(text: str, action_id: str, value: str, *, primary: bool = False) -> dict[str, Any]:
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(text, BUTTON_TEXT_LIMIT)},
        "action_id": action_id,
        "value": value,
    }
    return (element | {"style": "primary"}) if primary else element


def without_buttons(message: dict[str, Any], note: str) -> Message:
    """A message once acted on: its text and blocks without its buttons, and a note of what was done."""
    blocks = [block for block in message.get("blocks") or [] if block.get("type") != "actions"]
    return {"text": message.get("text") or note, "blocks": [*blocks, context_block(escape(note))]}


def actions_block(*buttons: dict[str, Any]) -> Block:
    return {"type": "actions", "elements": list(buttons)}


def labelled(label: str, value: str) -> str:
    return f"*{label}*\n{value}"


def progress_bar(share: float) -> str:
    """ "▓▓▓▓▓▓░░░░ 62%": the bar stops at full, the figure does not."""
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
        if settled:
            line = say(
                language,
                "From {source} · numbers read by {model} · {tokens:,} tokens · {money}",
                source=source,
                model=answer.model,
                tokens=tokens,
                money=money,
            )
        else:
            line = say(
                language,
                "From {source} · numbers read by {model}, not settled · {tokens:,} tokens · {money}",
                source=source,
                model=answer.model,
                tokens=tokens,
                money=money,
            )
    elif source is not None:
        line = say(language, "From {source} · 0 tokens", source=source)
    elif answer.model is None:  # declined, refused, or no model could answer
        line = say(language, "No model called · 0 tokens")
    else:
        line = say(language, "{model} · {tokens:,} tokens · {money}", model=answer.model, tokens=tokens, money=money)
    if answer.tools:
        line += say(language, " · catalog: ") + ", ".join(answer.tools)
    return line


def answer_messages(answer: Answer, rate: ExchangeRate, currency: Currency, *, deeper_button: bool) -> list[Message]:
    """The answer as one message, or several when long; the cost line and button close the last."""
    body = to_mrkdwn(answer.answer) if answer.path == "llm" else escape(answer.answer)
    costs = escape(cost_line(answer, rate, currency))
    trailer = _trailer(answer, costs, deeper_button)
    pages = _pages(section_blocks(body), blocks_per_page=MESSAGE_BLOCK_LIMIT - len(trailer))
    pages[-1].extend(trailer)
    return [{"text": _fallback(page) or preview(costs, FALLBACK_LENGTH), "blocks": page} for page in pages]


def answer_trailer(answer: Answer, rate: ExchangeRate, currency: Currency, *, deeper_button: bool) -> list[Block]:
    """What closes an answer: budget warnings, the cost line, the "Deeper answer" button (which needs
    the question's id) and the feedback buttons; or the choices of a question asked back."""
    return _trailer(answer, escape(cost_line(answer, rate, currency)), deeper_button)


def _trailer(answer: Answer, costs: str, deeper_button: bool) -> list[Block]:
    language = answer.language
    trailer: list[Block] = []
    if answer.warnings and answer.model is None:  # a model's answer (or reading) carries its warnings in the text
        trailer.append(context_block("\n".join(escape(warning) for warning in answer.warnings)))
    if (
        answer.clarify
        and answer.clarify["choices"]
        and all(len(choice["question"]) <= BUTTON_VALUE_LIMIT for choice in answer.clarify["choices"])
    ):
        choices = [
            button(clip(choice["label"], BUTTON_TEXT_LIMIT), f"{ids.CLARIFY_CHOICE}_{number}", choice["question"])
            for number, choice in enumerate(answer.clarify["choices"])
        ]
        return [*trailer, actions_block(*choices), context_block(costs)]
    if not (deeper_button and answer.question_id is not None):
        return [*trailer, context_block(costs), *feedback_blocks(answer)]
    hint = say(language, "_Deeper answer_ asks a stronger model; it counts against the budget.")
    deeper = button(say(language, "Deeper answer"), ids.DEEPER_ANSWER, str(answer.question_id))
    return [*trailer, context_block(costs, hint), actions_block(deeper), *feedback_blocks(answer)]


def feedback_blocks(answer: Answer) -> list[Block]:
    """👍 / 👎 under an answer (Slack's feedback buttons), which say which answer they are about."""
    if answer.question_id is None:
        return []
    language = answer.language

    def choice(good: bool) -> dict[str, Any]:
        label = say(language, "Good answer") if good else say(language, "Not helpful")
        return {
            "text": {"type": "plain_text", "text": label},
            "accessibility_label": label,
            "value": f"{'good' if good else 'bad'} {answer.question_id}",
        }

    element = {
        "type": "feedback_buttons",
        "action_id": ids.FEEDBACK,
        "positive_button": choice(True),
        "negative_button": choice(False),
    }
    return [{"type": "context_actions", "elements": [element]}]


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
    text = say(language, "Thinking…")
    return {"text": text, "blocks": [context_block(f":hourglass_flowing_sand: {text}")]}


def failure_message(language: str, what: str) -> Message:
    """A polite apology for a failed `what` ("answer", "savings", "plan", "budget", "inventory", or
    "restart": an answer the process stopped before finishing).

    `what` only picks the sentence and is never shown itself, so no error detail can
    reach people this way.
    """
    text = say(
        language,
        "Sorry — {failure} Please try again in a minute; if it keeps happening, tell an admin.",
        failure=_failure(language, what),
    )
    return {"text": text, "blocks": section_blocks(f":warning: {text}")}


def _failure(language: str, what: str) -> str:
    """What failed, in one sentence."""
    if what == "answer":
        return say(language, "I could not answer your question just now.")
    if what == "savings":
        return say(language, "I could not work out the savings just now.")
    if what == "plan":
        return say(language, "I could not put the adoption plan together just now.")
    if what == "budget":
        return say(language, "I could not read the budgets just now.")
    if what == "inventory":
        return say(language, "I could not take the inventory just now.")
    if what == "restart":
        return say(language, "I was restarted before I could finish this answer.")
    return say(language, "Something went wrong on my side.")


def usage_message(problem: str, usage: str) -> Message:
    """The reply to a command typed wrong: what was wrong, then how it is used."""
    return {
        "text": escape(problem),
        "blocks": section_blocks(f":warning: {escape(problem)}") + section_blocks(escape(usage)),
    }


# --- savings ----------------------------------------------------------------------------
