"""What LiteLLM's cost map says about a model: its price, its window, and when it retires.

The map is LiteLLM's (`litellm.model_cost`): the copy bundled with the pinned release, or,
with `ADVISOR_REMOTE_COST_MAP=true`, the one LiteLLM publishes, fetched again once a month
(`refresh`), so prices and shutdown dates follow the providers between releases.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from typing import Any

from bot.llm.runtime import litellm

logger = logging.getLogger(__name__)

_SNAPSHOT_DATE = r"-\d{4}-\d{2}-\d{2}"
REFRESH_TIMEOUT_SECONDS = 60.0
"""The most a refresh may take, every retry included; then the map already loaded stays."""


@dataclass(frozen=True)
class Retirement:
    on: dt.date
    source: str  # "cost map", or "cost map: snapshot <id>" when only the dated snapshots carry a date


def model_entry(model: str, remote_cost_map: bool = False) -> dict[str, Any]:
    """The cost map's entry for a LiteLLM model id (`openai/gpt-5-nano`), with its key; {} if the map lacks it."""
    lite = litellm(remote_cost_map)
    try:
        info = lite.get_model_info(model)
    except Exception:  # LiteLLM raises several types for an unmapped model
        return {}
    key = info.get("key") or model
    return {**info, **lite.model_cost.get(key, {}), "key": key}


def retirement(entry: dict[str, Any], remote_cost_map: bool = False) -> Retirement | None:
    """When the model behind a cost-map entry is shut down, as far as the map knows.

    An alias (`gpt-5-nano`) often carries no date while the dated snapshots it points to do
    (`gpt-5-nano-2025-08-07`); when every snapshot of an undated alias has a date, the alias
    is taken to go with the last of them.
    """
    key = entry.get("key")
    if not key:
        return None
    own = _date(entry.get("deprecation_date"))
    if own is not None:
        return Retirement(own, "cost map")
    snapshot = re.compile(re.escape(key) + _SNAPSHOT_DATE)
    model_cost = litellm(remote_cost_map).model_cost
    dated = [(_date(model_cost[name].get("deprecation_date")), name) for name in model_cost if snapshot.fullmatch(name)]
    if not dated or any(day is None for day, _ in dated):
        return None
    day, name = max((day, name) for day, name in dated if day is not None)
    return Retirement(day, f"cost map: snapshot {name}")


def input_price_per_1m(model: str, remote_cost_map: bool = False) -> float | None:
    """USD per 1M input tokens of a model, from the map; None when the map has no price."""
    cost = model_entry(model, remote_cost_map).get("input_cost_per_token")
    return round(cost * 1e6, 4) if cost else None


async def refresh(url: str, timeout_seconds: float = REFRESH_TIMEOUT_SECONDS) -> int | None:
    """Fetch LiteLLM's published map from `url` and use it from now on; the number of models, or None.

    LiteLLM's own reload fetches (with retries and its integrity checks: a map that lost
    models is refused); the whole refresh is bounded by `timeout_seconds`. On any
    failure the map already loaded stays, and the reason is logged.
    """
    if os.environ.get("LITELLM_LOCAL_MODEL_COST_MAP", "").lower() == "true":
        logger.warning("LITELLM_LOCAL_MODEL_COST_MAP is set: LiteLLM's bundled cost map stays in use")
        return None
    litellm(True)
    from litellm.litellm_core_utils.get_model_cost_map import (
        ModelCostMapReloadUnavailable,
        adopt_model_cost_map,
        refetch_model_cost_map,
    )

    try:
        result = await asyncio.wait_for(refetch_model_cost_map(url=url), timeout_seconds)
    except Exception as error:  # a timeout, or anything the fetch did not expect
        logger.warning("refreshing LiteLLM's cost map from %s failed (%s); keeping the map loaded", url, error)
        return None
    if isinstance(result, ModelCostMapReloadUnavailable):
        logger.warning("refreshing LiteLLM's cost map from %s failed: %s; keeping the map loaded", url, result.reason)
        return None
    count = adopt_model_cost_map(result.model_cost_map)
    logger.info("LiteLLM's cost map refreshed from %s: %d models", url, count)
    return count


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
