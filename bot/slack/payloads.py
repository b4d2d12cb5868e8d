"""What Slack sends, read and checked at the edge, before Bolt or a listener touches it.

A signed request is parsed the way Slack encodes it (JSON for events; a form for slash commands;
a form whose `payload` field is JSON for interactivity) and validated against typed models of the
fields Bolt and our listeners read. Unknown fields are allowed (Slack adds fields all the time);
a field of the wrong type, a body that is not an object, or a button press without its action is
refused with the reason, so that nothing downstream meets a shape it does not expect.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

SlackId = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Short = Annotated[str, StringConstraints(max_length=3_000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s`<>]+$", max_length=2_000)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class _Named(_Open):
    id: SlackId


class _Authorization(_Open):
    team_id: SlackId | None = None
    user_id: SlackId | None = None
    enterprise_id: SlackId | None = None
    is_bot: bool | None = None
    is_enterprise_install: bool | None = None


class _ResponseUrl(_Open):
    response_url: Url


_OBJECTS = ("event", "view", "message", "container", "actions", "state")


class _Common(_Open):
    """The top-level fields Bolt reads from any request to find the workspace, user, channel and where to reply."""

    type: SlackId | None = None
    token: str | None = None
    api_app_id: SlackId | None = None
    enterprise: _Named | None = None
    enterprise_id: SlackId | None = None
    is_enterprise_install: bool | None = None
    authorizations: list[_Authorization] | None = None
    team_id: SlackId | None = None
    user_id: SlackId | None = None
    channel_id: SlackId | None = None
    response_url: Url | None = None
    response_urls: list[_ResponseUrl] = Field(default_factory=list)  # Bolt takes its length when it is there
    # Bolt takes the user, team and channel from these when they are there: an id, or an object with one.
    user: _Named | SlackId | None = None
    team: _Named | SlackId | None = None
    channel: _Named | SlackId | None = None
    event: dict[str, Any] | None = None
    view: dict[str, Any] | None = None
    message: dict[str, Any] | None = None
    container: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _objects_are_objects(cls, body: Any) -> Any:
        """Bolt reads these as objects whenever their key is there (its log of a request no listener takes
        does too): null is not absent."""
        if isinstance(body, dict):
            nulls = [key for key in _OBJECTS if key in body and body[key] is None]
            if nulls:
                raise ValueError(f"{', '.join(nulls)} is null where an object belongs")
        return body


class _Event(_Open):
    type: SlackId
    subtype: SlackId | None = None
    user: SlackId | None = None
    channel: SlackId | None = None
    text: str | None = None
    ts: SlackId | None = None
    thread_ts: SlackId | None = None
    bot_id: SlackId | None = None
    tab: SlackId | None = None
    files: list[dict[str, Any]] | None = None

    @model_validator(mode="after")
    def _has_what_its_type_needs(self) -> _Event:
        missing = [name for name in _EVENT_NEEDS.get(self.type, ()) if getattr(self, name) is None]
        if missing:
            raise ValueError(f"a {self.type} event without {', '.join(missing)}")
        return self


_EVENT_NEEDS: dict[str, tuple[str, ...]] = {
    "app_mention": ("user", "channel", "ts"),
    "message": ("channel", "ts"),
    "app_home_opened": ("user",),
}
"""The fields Slack always sends with the events the app listens to, and the listeners read."""


class EventCallback(_Common):
    type: Literal["event_callback"]
    team_id: SlackId
    event: _Event  # type: ignore[assignment]  # this kind's shape, narrower
    event_id: SlackId | None = None


class UrlVerification(_Common):
    type: Literal["url_verification"]
    challenge: Short


class SlashCommand(_Common):
    """A slash command arrives as a form: every field a string, `is_enterprise_install` too."""

    is_enterprise_install: bool | str | None = None  # type: ignore[assignment]  # "false" in a form
    command: SlackId
    text: str = ""
    user_id: SlackId
    team_id: SlackId
    channel_id: SlackId
    trigger_id: SlackId
    response_url: Url  # every command has one: its replies go there


class _Text(_Open):
    type: SlackId | None = None
    text: str


class _Action(_Open):
    action_id: SlackId
    block_id: str | None = None
    type: str | None = None
    value: str | None = None
    text: _Text | None = None
    selected_option: dict[str, Any] | None = None


class _ViewState(_Open):
    values: dict[str, dict[str, dict[str, Any]]]


class _View(_Open):
    id: SlackId | None = None
    type: SlackId
    callback_id: str | None = None
    private_metadata: Short = ""
    state: _ViewState | None = None


class _SubmittedView(_View):
    callback_id: SlackId
    state: _ViewState  # a submitted form always has its state (its values, empty or not)


class _Message(_Open):
    ts: SlackId | None = None
    thread_ts: SlackId | None = None
    text: str | None = None
    blocks: list[dict[str, Any]] | None = None


class _Container(_Open):
    type: SlackId | None = None
    message_ts: SlackId | None = None
    thread_ts: SlackId | None = None
    channel_id: SlackId | None = None
    view_id: SlackId | None = None


class _Interaction(_Common):
    user: _Named
    team: _Named
    channel: _Named | None = None
    message: _Message | None = None  # type: ignore[assignment]  # this kind's shape, narrower
    container: _Container | None = None  # type: ignore[assignment]  # this kind's shape, narrower
    trigger_id: SlackId  # Slack sends one with every click and submission


class BlockActions(_Interaction):
    type: Literal["block_actions"]
    actions: list[_Action] = Field(min_length=1, max_length=25)

    @model_validator(mode="after")
    def _a_message_button_can_be_answered(self) -> BlockActions:
        if self.message is None and self.view is None:
            raise ValueError("a button in neither a message nor a view")
        if self.message is not None and (self.response_url is None or self.channel is None):
            raise ValueError("a button in a message without the channel and response_url to answer it at")
        return self

    view: _View | None = None  # type: ignore[assignment]  # this kind's shape, narrower


class ViewSubmission(_Interaction):
    type: Literal["view_submission"]
    view: _SubmittedView  # type: ignore[assignment]  # this kind's shape, narrower


class ViewClosed(_Interaction):
    type: Literal["view_closed"]
    view: _SubmittedView  # type: ignore[assignment]  # this kind's shape, narrower


_KINDS: dict[str, type[_Common]] = {
    "event_callback": EventCallback,
    "url_verification": UrlVerification,
    "block_actions": BlockActions,
    "view_submission": ViewSubmission,
    "view_closed": ViewClosed,
}


_JSON_NAMES: dict[type, str] = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
_JSON_NAMES[type(None)] = "null"


@dataclass(frozen=True)
class Read:
    """A request as Slack sent it: its fields, and whether Slack retries it until it gets a 200."""

    body: dict[str, Any]
    retried_by_slack: bool


@dataclass(frozen=True)
class Refused:
    """A signed request that is not one Slack sends: why, in a few words for the log (never its content)."""

    reason: str
    retried_by_slack: bool


def read_request(raw: str, content_type: str | None) -> Read | Refused:
    """The request's fields, checked; or why they are refused."""
    body = _parsed(raw, content_type)
    if isinstance(body, Refused):
        return body
    retried = body.get("type") == "event_callback"
    problem = shape_problem(body)
    return Read(body, retried) if problem is None else Refused(problem, retried)


def shape_problem(body: dict[str, Any]) -> str | None:
    """What is wrong with a payload's shape, in a few words; None when Bolt and the listeners can read it."""
    kind = body.get("type")
    model = _KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        model = SlashCommand if "command" in body else _Common
    try:
        model.model_validate(body)
    except ValidationError as error:
        return _first_problem(model, error)
    return None


def _parsed(raw: str, content_type: str | None) -> dict[str, Any] | Refused:
    is_json = (content_type or "").split(";")[0].strip().lower() == "application/json" or raw.startswith("{")
    text = raw
    if not is_json:
        fields = dict(parse_qsl(raw, keep_blank_values=True))
        if "payload" not in fields:
            return fields  # a slash command: its fields as they are (whatever its text says)
        text = fields["payload"]
    try:
        body = json.loads(text)
    except ValueError:
        return Refused("a body that is not JSON", False)
    except RecursionError:
        return Refused("JSON nested deeper than Python reads", False)
    if not isinstance(body, dict):
        return Refused(f"a JSON {_JSON_NAMES.get(type(body), 'value')} where an object belongs", False)
    return body


def _first_problem(model: type[BaseModel], error: ValidationError) -> str:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem["loc"]) or "the body"
    return f"{model.__name__}: {where}: {problem['msg']}"
