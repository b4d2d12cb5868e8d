"""The long view's milestones: dates from `catalog/reference_models.yaml`, prices from LiteLLM's cost map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.domain.long_view import Milestone
from bot.llm.cost_map import input_price_per_1m


class ReferenceModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1)
    model: str = Field(min_length=1, description="its id in LiteLLM's cost map")
    since: dt.date
    input_per_1m_usd: float | None = Field(default=None, gt=0, description="only if the map has no price")
    source: str | None = None


class ReferenceFileError(ValueError):
    pass


def load_milestones(path: Path, remote_cost_map: bool = False) -> list[Milestone]:
    """Each reference model priced from the map (else from the file), oldest first; none if the file is absent."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        references = [ReferenceModel.model_validate(item) for item in data.get("milestones") or []]
    except (OSError, yaml.YAMLError, ValidationError, AttributeError) as error:
        raise ReferenceFileError(f"{path.name}: {error}".replace("\n", " ")) from None
    milestones = []
    for reference in references:
        price = input_price_per_1m(reference.model, remote_cost_map) or reference.input_per_1m_usd
        if price:
            milestones.append(
                Milestone(label=reference.label, model=reference.model, since=reference.since, input_per_1m_usd=price)
            )
    return sorted(milestones, key=lambda milestone: milestone.since)
