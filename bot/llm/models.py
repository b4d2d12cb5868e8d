"""The configured models: LiteLLM's `model_list` format, priced from LiteLLM's cost map.

The file names models and their tiers; prices, context windows and shutdown dates are
looked up in `litellm.model_cost`, so the project keeps no price table of its own. A
`model_info` price or `retires_on` in the file wins, for models the map lacks or has wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.domain.lifecycle import ModelLife, is_retired
from bot.domain.routing import ModelSpec
from bot.llm.cost_map import model_entry, retirement
from bot.settings import Settings

_ENV_PREFIX = "os.environ/"


class ModelInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    tier: int = Field(ge=1, le=3)
    input_cost_per_token: float | None = Field(default=None, ge=0)
    output_cost_per_token: float | None = Field(default=None, ge=0)
    max_input_tokens: int | None = Field(default=None, gt=0)
    max_tokens: int | None = Field(default=None, gt=0, description="longest answer to ask this model for")
    retires_on: dt.date | None = Field(default=None, description="the provider's shutdown date, if the map lacks it")
    successor: str | None = Field(default=None, description="the model to move to when this one retires")


class ModelEntry(BaseModel):
    """One item of `model_list`, as written in the file."""

    model_config = ConfigDict(extra="forbid")

    model_name: str = Field(min_length=1)
    litellm_params: dict[str, Any]
    model_info: ModelInfo

    @field_validator("litellm_params")
    @classmethod
    def _names_a_model(cls, params: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(params.get("model"), str) or not params["model"]:
            raise ValueError("litellm_params.model is required, e.g. openai/gpt-5-nano")
        return params


@dataclass(frozen=True)
class ConfiguredModel:
    """A usable model: what routing needs to know, and what the call needs to send."""

    spec: ModelSpec
    params: dict[str, Any]  # litellm_params with secrets resolved


@dataclass
class ModelSetup:
    usable: list[ConfiguredModel] = field(default_factory=list)
    unusable: dict[str, str] = field(default_factory=dict)  # model name -> why not
    problems: list[str] = field(default_factory=list)  # what is wrong with the file
    lives: list[ModelLife] = field(default_factory=list)  # every model in the file, as far as it is known

    def candidates(self, today: dt.date) -> list[ModelSpec]:
        """The models a question may be sent to on `today`: usable, and not shut down."""
        return [model.spec for model in self.usable if not is_retired(model.spec.retires_on, today)]

    def by_name(self, name: str) -> ConfiguredModel | None:
        return next((model for model in self.usable if model.spec.name == name), None)


class ModelFileError(ValueError):
    pass


def read_model_list(path: Path) -> tuple[list[ModelEntry], list[str]]:
    """The entries of a models file and a plain line for each entry that is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ModelFileError(f"cannot read the models file {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ModelFileError(f"{path} is not valid YAML: {error}".replace("\n", " ")) from None
    if not isinstance(data, dict) or not isinstance(data.get("model_list"), list):
        raise ModelFileError(f"{path}: expected a top-level `model_list:` list (LiteLLM's format)")
    entries, problems = [], []
    for position, item in enumerate(data["model_list"], start=1):
        try:
            entries.append(ModelEntry.model_validate(item))
        except ValidationError as error:
            name = item.get("model_name", f"entry {position}") if isinstance(item, dict) else f"entry {position}"
            for detail in error.errors():
                where = ".".join(str(part) for part in detail["loc"]) or "entry"
                problems.append(f"{path.name}: {name}: {where}: {detail['msg'].removeprefix('Value error, ')}")
    return entries, problems


def load_models(settings: Settings, *, look_up_all: bool = False) -> ModelSetup:
    """Every model in the file, split into usable ones and the reason each other one is not.

    LiteLLM's map is read for the models whose key is set, and for the others too with
    `look_up_all` (the inventory and `advisor models` list every model's price and date).
    Otherwise, with no key set, LiteLLM is not imported at all: it takes seconds.
    """
    entries, problems = read_model_list(settings.models_file)
    setup = ModelSetup(problems=problems)
    for entry in entries:
        params = dict(entry.litellm_params)
        missing = _resolve_secrets(params, settings)
        known = model_entry(params["model"], settings.remote_cost_map) if look_up_all or not missing else {}
        info = entry.model_info
        input_cost = info.input_cost_per_token or known.get("input_cost_per_token") or 0.0
        output_cost = info.output_cost_per_token or known.get("output_cost_per_token") or 0.0
        life = _life(entry, known, (input_cost, output_cost), missing is None, settings.remote_cost_map)
        setup.lives.append(life)
        if missing:
            setup.unusable[entry.model_name] = f"{missing} is not set"
        elif not life.priced:
            setup.unusable[entry.model_name] = (
                "no price in LiteLLM's cost map; add model_info.input_cost_per_token and output_cost_per_token"
            )
        else:
            spec = ModelSpec(
                name=entry.model_name,
                model=params["model"],
                tier=info.tier,
                input_cost_per_token=input_cost,
                output_cost_per_token=output_cost,
                max_input_tokens=info.max_input_tokens or known.get("max_input_tokens"),
                max_output_tokens=known.get("max_output_tokens"),
                answer_tokens=info.max_tokens,
                retires_on=life.retires_on,
            )
            setup.usable.append(ConfiguredModel(spec=spec, params=params))
    return setup


def _life(
    entry: ModelEntry, known: dict[str, Any], costs: tuple[float, float], has_key: bool, remote_cost_map: bool
) -> ModelLife:
    """A model as admins see it: prices per 1M tokens, and the shutdown date (the file's, else the map's)."""
    info = entry.model_info
    input_cost, output_cost = costs
    retires = None if info.retires_on else retirement(known, remote_cost_map)
    return ModelLife(
        name=entry.model_name,
        model=entry.litellm_params["model"],
        tier=info.tier,
        input_per_1m_usd=round(input_cost * 1e6, 4) or None,
        output_per_1m_usd=round(output_cost * 1e6, 4) or None,
        has_key=has_key,
        retires_on=info.retires_on or (retires.on if retires else None),
        retires_on_source="models file" if info.retires_on else (retires.source if retires else None),
        successor_named=info.successor,
    )


def _resolve_secrets(params: dict[str, Any], settings: Settings) -> str | None:
    """Replace `os.environ/NAME` values by the secret; return the first NAME that is not set."""
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith(_ENV_PREFIX):
            name = value.removeprefix(_ENV_PREFIX)
            secret = settings.secret(name)
            if secret is None:
                return name
            params[key] = secret
    return None
