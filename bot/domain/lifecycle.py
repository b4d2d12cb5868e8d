"""When a configured model stops answering, and which model takes its place.

Providers shut models down on announced dates (LiteLLM's cost map carries them as
`deprecation_date`; a models file may give `model_info.retires_on`). A retired model is
never chosen; one retiring soon is still used, and admins are told in good time, with the
model to move to.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

RETIRING_WITHIN = dt.timedelta(days=60)
"""A model that retires within this long is shown as retiring."""


class ModelStatus(StrEnum):
    USABLE = "usable"
    RETIRING = "retiring"  # still answers; retires within RETIRING_WITHIN
    RETIRED = "retired"  # shut down: never a candidate
    NO_KEY = "no_key"  # its API key is not set
    NO_PRICE = "no_price"  # neither the cost map nor the models file prices it


class ModelLife(BaseModel):
    """One configured model as an admin sees it: what it costs, whether it can be called, until when."""

    model_config = ConfigDict(frozen=True)

    name: str
    model: str = Field(description="the LiteLLM model id")
    tier: int
    input_per_1m_usd: float | None = None
    output_per_1m_usd: float | None = None
    has_key: bool = True
    retires_on: dt.date | None = None
    retires_on_source: str | None = Field(default=None, description="where the date comes from")
    successor_named: str | None = Field(default=None, description="model_info.successor in the models file")

    @property
    def priced(self) -> bool:
        return bool(self.input_per_1m_usd and self.output_per_1m_usd)


def is_retired(retires_on: dt.date | None, today: dt.date) -> bool:
    """Shut down: from its retirement day on."""
    return retires_on is not None and today >= retires_on


def is_retiring(retires_on: dt.date | None, today: dt.date) -> bool:
    return retires_on is not None and not is_retired(retires_on, today) and retires_on - today <= RETIRING_WITHIN


def retires_soon(retires_on: dt.date | None, today: dt.date) -> bool:
    """Retired already, or retiring within RETIRING_WITHIN."""
    return retires_on is not None and retires_on - today <= RETIRING_WITHIN


def status(model: ModelLife, today: dt.date) -> ModelStatus:
    """Retired first (nothing else matters then), then what keeps it from being called, then retiring."""
    if is_retired(model.retires_on, today):
        return ModelStatus.RETIRED
    if not model.has_key:
        return ModelStatus.NO_KEY
    if not model.priced:
        return ModelStatus.NO_PRICE
    if is_retiring(model.retires_on, today):
        return ModelStatus.RETIRING
    return ModelStatus.USABLE


def successor(model: ModelLife, models: list[ModelLife], today: dt.date) -> str | None:
    """The model to move to, for a model that is retired or retires within 60 days, key set or not (else None).

    The one the models file names, else the cheapest priced model of the same tier that is
    neither retired nor retiring, preferring one whose key is set.
    """
    if not retires_soon(model.retires_on, today):
        return None
    if model.successor_named:
        return model.successor_named
    lasting = [
        other
        for other in models
        if other.name != model.name
        and other.tier == model.tier
        and other.priced
        and not is_retired(other.retires_on, today)
        and not is_retiring(other.retires_on, today)
    ]
    lasting.sort(key=lambda other: (not other.has_key, other.input_per_1m_usd, other.output_per_1m_usd, other.name))
    return lasting[0].name if lasting else None
