"""The configured models: LiteLLM's `model_list` format, priced from LiteLLM's cost map.

The file names models and their tiers; prices and context windows are looked up in
`litellm.model_cost`, so the project keeps no price table of its own. A `model_info`
price in the file wins, for models the map lacks or prices at zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.domain.routing import ModelSpec
from bot.llm.runtime import litellm
from bot.settings import Settings

_ENV_PREFIX = "os.environ/"


class ModelInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    tier: int = Field(ge=1, le=3)
    input_cost_per_token: float | None = Field(default=None, ge=0)
    output_cost_per_token: float | None = Field(default=None, ge=0)
    max_input_tokens: int | None = Field(default=None, gt=0)
    max_tokens: int | None = Field(default=None, gt=0, description="longest answer to ask this model for")


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

    @property
    def specs(self) -> list[ModelSpec]:
        return [model.spec for model in self.usable]

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


def load_models(settings: Settings) -> ModelSetup:
    """Every model in the file, split into usable ones and the reason each other one is not.

    With no model's key set, LiteLLM is not imported: its prices are only needed for a model that can be called.
    """
    entries, problems = read_model_list(settings.models_file)
    setup = ModelSetup(problems=problems)
    for entry in entries:
        params = dict(entry.litellm_params)
        missing = _resolve_secrets(params, settings)
        if missing:
            setup.unusable[entry.model_name] = f"{missing} is not set"
            continue
        lite = litellm(settings.remote_cost_map)  # imported only once a model has its key: it takes seconds
        try:
            known = lite.get_model_info(params["model"])
        except Exception:  # LiteLLM raises several types for an unmapped model
            known = {}
        info = entry.model_info
        input_cost = info.input_cost_per_token or known.get("input_cost_per_token") or 0.0
        output_cost = info.output_cost_per_token or known.get("output_cost_per_token") or 0.0
        if input_cost <= 0 or output_cost <= 0:
            setup.unusable[entry.model_name] = (
                "no price in LiteLLM's cost map; add model_info.input_cost_per_token and output_cost_per_token"
            )
            continue
        spec = ModelSpec(
            name=entry.model_name,
            model=params["model"],
            tier=info.tier,
            input_cost_per_token=input_cost,
            output_cost_per_token=output_cost,
            max_input_tokens=info.max_input_tokens or known.get("max_input_tokens"),
            max_output_tokens=known.get("max_output_tokens"),
            answer_tokens=info.max_tokens,
        )
        setup.usable.append(ConfiguredModel(spec=spec, params=params))
    return setup


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
