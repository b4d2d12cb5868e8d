"""Slack's rules for what a Web API call may carry, as the fake Slack checks them: its limits, its
``ok: false`` errors, reading arguments, and validating blocks, views and message content.

Shared by `tests.fakes.slack_server` and `tests.fakes.slack_streams`; see the former's docstring for
the limits each rule stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Arguments = dict[str, Any]
Answer = dict[str, Any]

MAX_TEXT_CHARS = 40_000
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT_CHARS = 3_000
MAX_SECTION_FIELDS = 10
MAX_SECTION_FIELD_CHARS = 2_000
MAX_HEADER_TEXT_CHARS = 150
MAX_ACTIONS_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_ACTIONS_ELEMENTS = 5  # feedback_buttons and icon_button elements
MAX_ACCESSIBILITY_LABEL_CHARS = 75
MAX_BLOCK_ID_CHARS = 255
MAX_VIEW_LABEL_CHARS = 24
MAX_PRIVATE_METADATA_CHARS = 3_000
MAX_CALLBACK_ID_CHARS = 255
MAX_REPLIES_LIMIT = 1_000


class SlackError(Exception):
    """Answered as HTTP 200 with ``ok: false``, the way Slack reports a failed call."""

    def __init__(self, error: str, *, messages: Iterable[str] = (), **extra: Any) -> None:
        super().__init__(error)
        self.answer: Answer = {"ok": False, "error": error, **extra}
        listed = [f"[ERROR] {message}" for message in messages]
        if listed:
            self.answer["response_metadata"] = {"messages": listed}


def invalid_blocks(errors: list[str]) -> SlackError:
    return SlackError("invalid_blocks", errors=errors, messages=errors)


def invalid_arguments(*messages: str) -> SlackError:
    return SlackError("invalid_arguments", messages=messages)


# --------------------------------------------------------------------------- arguments


def argument_text(arguments: Arguments, name: str) -> str | None:
    """A non-empty string argument, or None."""
    value = arguments.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return value if isinstance(value, str) and value else None


def argument_flag(arguments: Arguments, name: str) -> bool:
    """A boolean argument: JSON true, or ``1``/``true`` in a form or query."""
    value = arguments.get(name)
    return value is True or (isinstance(value, str) and value.lower() in ("1", "true"))


def argument_integer(arguments: Arguments, name: str, default: int) -> int:
    value = arguments.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise invalid_arguments(f"{name} must be an integer [json-pointer:/{name}]") from None


# --------------------------------------------------------------------------- validation


def text_length(text_object: Any) -> int:
    """The length of a text object's ``text`` (0 when it has none)."""
    if isinstance(text_object, dict) and isinstance(text_object.get("text"), str):
        return len(text_object["text"])
    return 0


def too_long(limit: int, pointer: str) -> str:
    return f"must be less than {limit + 1} characters [json-pointer:{pointer}]"


def too_many(limit: int, pointer: str) -> str:
    return f"must be less than {limit + 1} items [json-pointer:{pointer}]"


def list_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def block_errors(blocks: list[Any], pointer: str, limit: int) -> list[str]:
    """What Slack would say about these blocks, in its words; [] when they are valid."""
    errors: list[str] = []
    if len(blocks) > limit:
        errors.append(too_many(limit, pointer))
    block_ids: set[str] = set()
    for index, block in enumerate(blocks):
        here = f"{pointer}/{index}"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errors.append(f"missing required field: type [json-pointer:{here}]")
            continue
        block_id = block.get("block_id")
        if isinstance(block_id, str):
            if len(block_id) > MAX_BLOCK_ID_CHARS:
                errors.append(too_long(MAX_BLOCK_ID_CHARS, f"{here}/block_id"))
            if block_id in block_ids:
                errors.append(f"duplicate block_id [json-pointer:{here}/block_id]")
            block_ids.add(block_id)
        kind = block["type"]
        if kind == "section":
            if text_length(block.get("text")) > MAX_SECTION_TEXT_CHARS:
                errors.append(too_long(MAX_SECTION_TEXT_CHARS, f"{here}/text/text"))
            fields = list_of(block.get("fields"))
            if len(fields) > MAX_SECTION_FIELDS:
                errors.append(too_many(MAX_SECTION_FIELDS, f"{here}/fields"))
            for number, field in enumerate(fields):
                if text_length(field) > MAX_SECTION_FIELD_CHARS:
                    errors.append(too_long(MAX_SECTION_FIELD_CHARS, f"{here}/fields/{number}/text"))
        elif kind == "header" and text_length(block.get("text")) > MAX_HEADER_TEXT_CHARS:
            errors.append(too_long(MAX_HEADER_TEXT_CHARS, f"{here}/text/text"))
        elif kind == "actions" and len(list_of(block.get("elements"))) > MAX_ACTIONS_ELEMENTS:
            errors.append(too_many(MAX_ACTIONS_ELEMENTS, f"{here}/elements"))
        elif kind == "context" and len(list_of(block.get("elements"))) > MAX_CONTEXT_ELEMENTS:
            errors.append(too_many(MAX_CONTEXT_ELEMENTS, f"{here}/elements"))
        elif kind == "context_actions":
            errors.extend(context_actions_errors(list_of(block.get("elements")), here))
    return errors


def context_actions_errors(elements: list[Any], here: str) -> list[str]:
    """A context_actions block: 1 to 5 feedback_buttons or icon_button elements; feedback buttons each with
    their text and value."""
    if not elements:
        return [f"missing required field: elements [json-pointer:{here}]"]
    errors = (
        [too_many(MAX_CONTEXT_ACTIONS_ELEMENTS, f"{here}/elements")]
        if len(elements) > MAX_CONTEXT_ACTIONS_ELEMENTS
        else []
    )
    for number, element in enumerate(elements):
        where = f"{here}/elements/{number}"
        kind = element.get("type") if isinstance(element, dict) else None
        if kind not in ("feedback_buttons", "icon_button"):
            errors.append(f"must be one of: feedback_buttons, icon_button [json-pointer:{where}/type]")
            continue
        if kind != "feedback_buttons":
            continue
        for side in ("positive_button", "negative_button"):
            choice = element.get(side)
            if not isinstance(choice, dict) or not isinstance(choice.get("text"), dict):
                errors.append(f"missing required field: {side} [json-pointer:{where}]")
            elif not isinstance(choice.get("value"), str):
                errors.append(f"missing required field: value [json-pointer:{where}/{side}]")
            elif len(str(choice.get("accessibility_label") or "")) > MAX_ACCESSIBILITY_LABEL_CHARS:
                errors.append(too_long(MAX_ACCESSIBILITY_LABEL_CHARS, f"{where}/{side}/accessibility_label"))
    return errors


def view_errors(view: Any, kinds: tuple[str, ...]) -> list[str]:
    """What Slack would say about a view of one of these types; [] when it is valid."""
    if not isinstance(view, dict):
        return ["failed to match all allowed schemas [json-pointer:/view]"]
    errors: list[str] = []
    kind = view.get("type")
    if kind not in kinds:
        errors.append(f"must be one of: {', '.join(kinds)} [json-pointer:/view/type]")
    if kind == "modal":
        if not isinstance(view.get("title"), dict):
            errors.append("missing required field: title [json-pointer:/view]")
        for label in ("title", "submit", "close"):
            if text_length(view.get(label)) > MAX_VIEW_LABEL_CHARS:
                errors.append(too_long(MAX_VIEW_LABEL_CHARS, f"/view/{label}/text"))
    blocks = view.get("blocks")
    if isinstance(blocks, list):
        errors.extend(block_errors(blocks, "/view/blocks", MAX_VIEW_BLOCKS))
        has_input = any(isinstance(block, dict) and block.get("type") == "input" for block in blocks)
        if kind == "modal" and has_input and not isinstance(view.get("submit"), dict):
            errors.append("must provide a submit property when using input blocks [json-pointer:/view]")
    else:
        errors.append("missing required field: blocks [json-pointer:/view]")
    private_metadata = view.get("private_metadata", "")
    if isinstance(private_metadata, str) and len(private_metadata) > MAX_PRIVATE_METADATA_CHARS:
        errors.append(too_long(MAX_PRIVATE_METADATA_CHARS, "/view/private_metadata"))
    callback_id = view.get("callback_id", "")
    if isinstance(callback_id, str) and len(callback_id) > MAX_CALLBACK_ID_CHARS:
        errors.append(too_long(MAX_CALLBACK_ID_CHARS, "/view/callback_id"))
    return errors


def check_message_blocks(blocks: Any) -> None:
    """A message's `blocks` (None: none given), refused as Slack refuses them."""
    if blocks is None:
        return
    if not isinstance(blocks, list):
        raise SlackError("invalid_blocks_format")
    errors = block_errors(blocks, "/blocks", MAX_MESSAGE_BLOCKS)
    if errors:
        raise invalid_blocks(errors)


def message_content(arguments: Arguments, previous: Answer | None = None) -> Answer:
    """The text, blocks and attachments a message will have, checked as Slack checks them.

    For chat.update, `previous` is the stored message: what the call leaves out is kept.
    """
    content: Answer = {"text": ""}
    if previous is not None:
        content.update({key: previous[key] for key in ("text", "blocks", "attachments") if key in previous})
    for key in ("text", "blocks", "attachments"):
        if key in arguments:
            content[key] = arguments[key]
    text = content["text"]
    if not isinstance(text, str):
        content["text"] = text = str(text)
    blocks = content.get("blocks")
    check_message_blocks(blocks)
    if not text.strip() and not blocks and not content.get("attachments") and not arguments.get("markdown_text"):
        raise SlackError("no_text")
    if len(text) > MAX_TEXT_CHARS:
        raise SlackError("msg_too_long")
    return content
